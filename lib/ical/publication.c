/* creneau — what a published revision of a calendar said. */
#include "config.h"

#include "publication.h"
#include "text.h"
#include "model/error.h"

void
crn_published_item_free (CrnPublishedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->uid);
  g_free (item->session_id);
  g_free (item->break_id);
  g_free (item->title);
  g_free (item->room_id);
  g_free (item->location);
  g_strfreev (item->people);
  g_strfreev (item->partners);
  g_free (item->digest);
  g_free (item);
}

CrnPublishedItem *
crn_published_item_copy (const CrnPublishedItem *item)
{
  CrnPublishedItem *c = g_new0 (CrnPublishedItem, 1);
  *c = *item;
  c->uid = g_strdup (item->uid);
  c->session_id = g_strdup (item->session_id);
  c->break_id = g_strdup (item->break_id);
  c->title = g_strdup (item->title);
  c->room_id = g_strdup (item->room_id);
  c->location = g_strdup (item->location);
  c->people = g_strdupv (item->people);
  c->partners = g_strdupv (item->partners);
  c->digest = g_strdup (item->digest);
  return c;
}

CrnPublication *
crn_publication_new (gint64 published)
{
  CrnPublication *pub = g_new0 (CrnPublication, 1);
  pub->published = published;
  pub->items = g_ptr_array_new_with_free_func ((GDestroyNotify) crn_published_item_free);
  pub->by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  return pub;
}

void
crn_publication_free (CrnPublication *pub)
{
  if (pub == NULL)
    return;
  g_hash_table_unref (pub->by_uid);
  g_ptr_array_unref (pub->items);
  g_free (pub);
}

void
crn_publication_add (CrnPublication *pub, CrnPublishedItem *item)
{
  CrnPublishedItem *old = g_hash_table_lookup (pub->by_uid, item->uid);
  if (old) {
    g_hash_table_remove (pub->by_uid, old->uid);
    g_ptr_array_remove (pub->items, old);
  }
  g_ptr_array_add (pub->items, item);
  g_hash_table_insert (pub->by_uid, item->uid, item);
}

CrnPublishedItem *
crn_publication_lookup (const CrnPublication *pub, const char *uid)
{
  return pub && uid ? g_hash_table_lookup (pub->by_uid, uid) : NULL;
}

guint
crn_publication_get_sequence (const CrnPublication *pub, const char *uid)
{
  CrnPublishedItem *item = crn_publication_lookup (pub, uid);
  return item ? item->sequence : 0;
}

char **
crn_publication_get_cancelled (const CrnPublication *pub)
{
  GPtrArray *uids = g_ptr_array_new ();
  for (guint i = 0; pub && i < pub->items->len; i++) {
    CrnPublishedItem *item = g_ptr_array_index (pub->items, i);
    if (item->cancelled)
      g_ptr_array_add (uids, g_strdup (item->uid));
  }
  g_ptr_array_add (uids, NULL);
  return (char **) g_ptr_array_free (uids, FALSE);
}

char *
crn_ical_session_uid (const CrnEvent *event, const CrnSession *session, guint occurrence)
{
  if (session->count > 1)
    return g_strdup_printf ("%s-%u@%s.creneau", session->id, occurrence, event->id);
  return g_strdup_printf ("%s@%s.creneau", session->id, event->id);
}

char *
crn_ical_break_uid (const CrnEvent *event, const CrnBreak *brk)
{
  return g_strdup_printf ("%s.break@%s.creneau", brk->id, event->id);
}

static char **
ids_of (GPtrArray *first, GPtrArray *second, gsize id_offset)
{
  GPtrArray *ids = g_ptr_array_new ();
  GPtrArray *lists[2] = { first, second };
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] && i < lists[l]->len; i++) {
      const char *id = *(char **) ((char *) g_ptr_array_index (lists[l], i) + id_offset);
      gboolean seen = FALSE;
      for (guint j = 0; j < ids->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (ids, j), id) == 0;
      if (!seen)
        g_ptr_array_add (ids, g_strdup (id));
    }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

/* Everything but time, room and title that ends up in the VEVENT: when it
 * changes, LAST-MODIFIED moves but SEQUENCE does not. */
static char *
session_digest (const CrnSession *s)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *kind = crn_session_kind_to_string (s->kind);
  g_checksum_update (sum, (const guchar *) kind, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  if (s->track)
    g_checksum_update (sum, (const guchar *) s->track, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  if (s->description)
    g_checksum_update (sum, (const guchar *) s->description, -1);
  GPtrArray *lists[2] = { s->speakers, s->moderators };
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++) {
      const CrnPerson *p = g_ptr_array_index (lists[l], i);
      const char *parts[] = { "\x1e", p->id, p->name, p->organisation, p->email };
      for (guint k = 0; k < G_N_ELEMENTS (parts); k++) {
        g_checksum_update (sum, (const guchar *) "\x1f", 1);
        if (parts[k])
          g_checksum_update (sum, (const guchar *) parts[k], -1);
      }
    }
  for (guint i = 0; i < s->partners->len; i++) {
    const CrnPartner *p = g_ptr_array_index (s->partners, i);
    g_checksum_update (sum, (const guchar *) "\x1d", 1);
    g_checksum_update (sum, (const guchar *) p->name, -1);
  }
  return g_strdup (g_checksum_get_string (sum));
}

CrnPublication *
crn_publication_from_timetable (const CrnTimetable *tt, gint64 published)
{
  const CrnEvent *ev = tt->event;
  CrnPublication *pub = crn_publication_new (published);
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    if (!a->assigned)
      continue;
    const CrnSession *s = a->session;
    CrnPublishedItem *item = g_new0 (CrnPublishedItem, 1);
    item->uid = crn_ical_session_uid (ev, s, a->occurrence);
    item->session_id = g_strdup (s->id);
    item->occurrence = a->occurrence;
    item->title = crn_ical_clean_text (s->title, FALSE);
    item->room_id = a->room ? g_strdup (a->room->id) : NULL;
    item->location = crn_ical_room_location (a->room);
    item->start = crn_time_to_unix (a->start, ev->timezone);
    item->end = crn_time_to_unix (a->start + s->duration, ev->timezone);
    item->people = ids_of (s->speakers, s->moderators, G_STRUCT_OFFSET (CrnPerson, id));
    item->partners = ids_of (s->partners, NULL, G_STRUCT_OFFSET (CrnPartner, id));
    item->digest = session_digest (s);
    item->last_modified = published;
    crn_publication_add (pub, item);
  }
  for (guint i = 0; i < ev->breaks->len; i++) {
    const CrnBreak *b = g_ptr_array_index (ev->breaks, i);
    if (!b->is_public)
      continue;
    CrnPublishedItem *item = g_new0 (CrnPublishedItem, 1);
    item->uid = crn_ical_break_uid (ev, b);
    item->break_id = g_strdup (b->id);
    item->title = crn_ical_clean_text (b->title ? b->title : b->id, FALSE);
    item->start = crn_time_to_unix (b->start, ev->timezone);
    item->end = crn_time_to_unix (b->end, ev->timezone);
    item->people = g_new0 (char *, 1);
    item->partners = g_new0 (char *, 1);
    item->digest = g_strdup ("");
    item->last_modified = published;
    crn_publication_add (pub, item);
  }
  return pub;
}

/* Storage: one group per item, in order. GKeyFile escapes the strings. */

#define PUB_GROUP "Publication"

char *
crn_publication_to_data (const CrnPublication *pub, gsize *out_length)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_key_file_set_integer (kf, PUB_GROUP, "Version", 1);
  g_key_file_set_int64 (kf, PUB_GROUP, "Published", pub->published);
  for (guint i = 0; i < pub->items->len; i++) {
    const CrnPublishedItem *it = g_ptr_array_index (pub->items, i);
    g_autofree char *group = g_strdup_printf ("Item %u", i);
    g_key_file_set_string (kf, group, "Uid", it->uid);
    if (it->session_id)
      g_key_file_set_string (kf, group, "Session", it->session_id);
    if (it->break_id)
      g_key_file_set_string (kf, group, "Break", it->break_id);
    g_key_file_set_uint64 (kf, group, "Occurrence", it->occurrence);
    g_key_file_set_string (kf, group, "Title", it->title ? it->title : "");
    if (it->room_id)
      g_key_file_set_string (kf, group, "Room", it->room_id);
    if (it->location)
      g_key_file_set_string (kf, group, "Location", it->location);
    g_key_file_set_int64 (kf, group, "Start", it->start);
    g_key_file_set_int64 (kf, group, "End", it->end);
    g_key_file_set_string_list (kf, group, "People", (const char *const *) it->people,
                                it->people ? g_strv_length (it->people) : 0);
    g_key_file_set_string_list (kf, group, "Partners", (const char *const *) it->partners,
                                it->partners ? g_strv_length (it->partners) : 0);
    g_key_file_set_string (kf, group, "Digest", it->digest ? it->digest : "");
    g_key_file_set_uint64 (kf, group, "Sequence", it->sequence);
    g_key_file_set_int64 (kf, group, "LastModified", it->last_modified);
    g_key_file_set_boolean (kf, group, "Cancelled", it->cancelled);
  }
  return g_key_file_to_data (kf, out_length, NULL);
}

static char *
optional_string (GKeyFile *kf, const char *group, const char *key)
{
  return g_key_file_has_key (kf, group, key, NULL)
    ? g_key_file_get_string (kf, group, key, NULL) : NULL;
}

CrnPublication *
crn_publication_from_data (const char *data, gsize length, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, error)) {
    g_prefix_error (error, "The stored publication is unreadable: ");
    return NULL;
  }
  GError *local = NULL;
  gint64 published = g_key_file_get_int64 (kf, PUB_GROUP, "Published", &local);
  if (local) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "The stored publication has no valid key Published in group [%s]: %s",
                 PUB_GROUP, local->message);
    g_error_free (local);
    return NULL;
  }
  g_autoptr (CrnPublication) pub = crn_publication_new (published);
  gsize n_groups = 0;
  g_auto (GStrv) groups = g_key_file_get_groups (kf, &n_groups);
  for (gsize g = 0; g < n_groups; g++) {
    const char *group = groups[g];
    if (!g_str_has_prefix (group, "Item "))
      continue;
    g_autoptr (CrnPublishedItem) it = g_new0 (CrnPublishedItem, 1);
    it->uid = g_key_file_get_string (kf, group, "Uid", &local);
    if (it->uid == NULL || *it->uid == '\0') {
      g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                   "The stored publication has no key Uid in group [%s]", group);
      g_clear_error (&local);
      return NULL;
    }
    it->session_id = optional_string (kf, group, "Session");
    it->break_id = optional_string (kf, group, "Break");
    it->occurrence = (guint) g_key_file_get_uint64 (kf, group, "Occurrence", NULL);
    it->title = optional_string (kf, group, "Title");
    it->room_id = optional_string (kf, group, "Room");
    it->location = optional_string (kf, group, "Location");
    it->start = g_key_file_get_int64 (kf, group, "Start", NULL);
    it->end = g_key_file_get_int64 (kf, group, "End", NULL);
    it->people = g_key_file_get_string_list (kf, group, "People", NULL, NULL);
    if (it->people == NULL)
      it->people = g_new0 (char *, 1);
    it->partners = g_key_file_get_string_list (kf, group, "Partners", NULL, NULL);
    if (it->partners == NULL)
      it->partners = g_new0 (char *, 1);
    it->digest = optional_string (kf, group, "Digest");
    it->sequence = (guint) g_key_file_get_uint64 (kf, group, "Sequence", NULL);
    it->last_modified = g_key_file_get_int64 (kf, group, "LastModified", NULL);
    it->cancelled = g_key_file_get_boolean (kf, group, "Cancelled", NULL);
    crn_publication_add (pub, g_steal_pointer (&it));
  }
  return g_steal_pointer (&pub);
}
