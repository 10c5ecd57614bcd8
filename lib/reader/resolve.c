/* creneau — references of sessions to people, partners, rooms, tags and
 * other sessions, resolved once the plugins have added their resources. */
#include "config.h"

#include "reader-private.h"
#include "suggest.h"

/* The valid ids of a list (bad ids were reported while reading). */
static GStrv
get_list (CrnReader *r, const char *group, const char *key)
{
  g_auto (GStrv) items = crn_reader_get_list (r, group, key);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; items[i]; i++)
    if (crn_id_is_valid (items[i]))
      g_ptr_array_add (out, g_strdup (items[i]));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* Looks each id of @key up in @table and adds what is found to @out, once. */
static void
resolve_list (CrnReader *r, const char *group, const char *key, GHashTable *table,
              const char *what, GPtrArray *out)
{
  g_auto (GStrv) ids = get_list (r, group, key);
  for (guint i = 0; ids[i]; i++) {
    gpointer found = g_hash_table_lookup (table, ids[i]);
    if (found == NULL) {
      g_autofree char *hint = crn_suggestion_suffix (crn_suggest_key (ids[i], table));
      crn_reader_error (r, group, key, "no %s \"%s\"%s", what, ids[i], hint);
      continue;
    }
    if (!g_ptr_array_find (out, found, NULL))
      g_ptr_array_add (out, found);
  }
}

static gboolean
room_has_tag (const CrnRoom *room, const char *tag)
{
  for (guint i = 0; i < room->tags->len; i++)
    if (g_str_equal (g_ptr_array_index (room->tags, i), tag))
      return TRUE;
  return FALSE;
}

static void
resolve_room_tags (CrnReader *r, const char *group, CrnSession *s, GHashTable *all_tags)
{
  g_auto (GStrv) tags = get_list (r, group, "RoomTags");
  for (guint i = 0; tags[i]; i++) {
    if (!g_hash_table_contains (all_tags, tags[i])) {
      g_autofree char *hint = crn_suggestion_suffix (crn_suggest_key (tags[i], all_tags));
      crn_reader_error (r, group, "RoomTags", "no room has the tag \"%s\"%s", tags[i], hint);
      continue;
    }
    if (s->room != NULL && !room_has_tag (s->room, tags[i]))
      crn_reader_error (r, group, "Room",
                        "the fixed room \"%s\" lacks the tag \"%s\" that RoomTags requires",
                        s->room->id, tags[i]);
    g_ptr_array_add (s->room_tags, g_strdup (tags[i]));
  }
}

static void
resolve_session (CrnReader *r, CrnSession *s, GHashTable *all_tags)
{
  CrnEvent *ev = r->event;
  g_autofree char *group = g_strconcat ("Session ", s->id, NULL);

  resolve_list (r, group, "Speakers", ev->person_by_id, "person", s->speakers);
  resolve_list (r, group, "Moderators", ev->person_by_id, "person", s->moderators);
  resolve_list (r, group, "Partners", ev->partner_by_id, "partner", s->partners);

  g_autofree char *room = crn_reader_get_string (r, group, "Room");
  if (room != NULL && crn_id_is_valid (room)) {
    s->room = crn_event_lookup_room (ev, room);
    if (s->room == NULL) {
      g_autofree char *hint = crn_suggestion_suffix (crn_suggest_key (room, ev->room_by_id));
      crn_reader_error (r, group, "Room", "no room \"%s\"%s", room, hint);
    }
  }
  resolve_room_tags (r, group, s, all_tags);

  g_auto (GStrv) after = get_list (r, group, "After");
  for (guint i = 0; after[i]; i++)
    if (g_str_equal (after[i], s->id))
      crn_reader_error (r, group, "After", "a session cannot come after itself");
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  resolve_list (r, group, "After", ev->session_by_id, "session", found);
  for (guint i = 0; i < found->len; i++)
    if (g_ptr_array_index (found, i) != s)
      g_ptr_array_add (s->after, g_ptr_array_index (found, i));
}

void
crn_reader_resolve (CrnReader *r)
{
  CrnEvent *ev = r->event;
  g_autoptr (GHashTable) all_tags = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ev->rooms->len; i++) {
    CrnRoom *room = g_ptr_array_index (ev->rooms, i);
    for (guint j = 0; j < room->tags->len; j++)
      g_hash_table_add (all_tags, g_ptr_array_index (room->tags, j));
  }
  for (guint i = 0; i < ev->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (ev->sessions, i);
    if (s->refs == NULL) /* declared by a plugin: resolved by the model */
      resolve_session (r, s, all_tags);
  }
}
