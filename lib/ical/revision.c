/* creneau — from one published revision to the next. */
#include "config.h"

#include "revision.h"

static const char *const change_names[] = { "new", "moved", "cancelled", "renamed" };

const char *
crn_change_kind_to_string (CrnChangeKind kind)
{
  return (guint) kind < G_N_ELEMENTS (change_names) ? change_names[kind] : "changed";
}

void
crn_change_free (CrnChange *change)
{
  if (change == NULL)
    return;
  g_free (change->uid);
  g_free (change->session_id);
  g_free (change->sentence);
  g_free (change);
}

/* "2018-11-26 10:00" on the event's own clock. */
static char *
format_when (gint64 unix_seconds, GTimeZone *tz)
{
  return crn_time_format (crn_time_from_unix (unix_seconds, tz));
}

static char *
format_place (const CrnPublishedItem *it)
{
  return it->location ? g_strdup_printf (" in %s", it->location) : g_strdup ("");
}

/* How people name the item in a sentence: its title, and which occurrence
 * when the session has several. */
static char *
format_name (const CrnPublishedItem *it, const CrnEvent *ev)
{
  gboolean several = FALSE;
  if (it->session_id && it->occurrence > 0) {
    const CrnSession *s = crn_event_lookup_session (ev, it->session_id);
    if (s)
      several = s->count > 1;
    else {
      /* The session is gone: its UID still says whether it had several. */
      g_autofree char *prefix = g_strdup_printf ("%s-%u@", it->session_id, it->occurrence);
      several = g_str_has_prefix (it->uid, prefix);
    }
  }
  if (several)
    return g_strdup_printf ("\"%s\" (occurrence %u)", it->title, it->occurrence);
  return g_strdup_printf ("\"%s\"", it->title);
}

static void
add_change (GPtrArray *changes, const CrnPublishedItem *it, CrnChangeKind kind, char *sentence)
{
  if (changes == NULL) {
    g_free (sentence);
    return;
  }
  CrnChange *c = g_new0 (CrnChange, 1);
  c->uid = g_strdup (it->uid);
  c->session_id = g_strdup (it->session_id ? it->session_id : it->break_id);
  c->occurrence = it->occurrence;
  c->kind = kind;
  c->sentence = sentence;
  g_ptr_array_add (changes, c);
}

CrnPublication *
crn_revision_compute (const CrnPublication *previous, const CrnTimetable *tt, gint64 now,
                      GPtrArray **out_changes)
{
  const CrnEvent *ev = tt->event;
  GTimeZone *tz = ev->timezone;
  GPtrArray *changes = out_changes
    ? g_ptr_array_new_with_free_func ((GDestroyNotify) crn_change_free) : NULL;
  CrnPublication *next = crn_publication_from_timetable (tt, now);

  for (guint i = 0; i < next->items->len; i++) {
    CrnPublishedItem *it = g_ptr_array_index (next->items, i);
    const CrnPublishedItem *old = crn_publication_lookup (previous, it->uid);
    g_autofree char *name = format_name (it, ev);
    g_autofree char *when = format_when (it->start, tz);
    g_autofree char *place = format_place (it);
    if (old == NULL || old->cancelled) {
      /* A UID that comes back after a cancellation must outrank the
       * CANCELLED copy that calendars already hold. */
      it->sequence = old ? old->sequence + 1 : 0;
      add_change (changes, it, CRN_CHANGE_NEW,
                  g_strdup_printf ("%s%s is scheduled on %s%s.", name,
                                   old ? " is back: it" : "", when, place));
      continue;
    }
    gboolean moved = old->start != it->start || old->end != it->end
      || g_strcmp0 (old->room_id, it->room_id) != 0;
    gboolean renamed = g_strcmp0 (old->title, it->title) != 0;
    it->sequence = old->sequence + ((moved || renamed) ? 1 : 0);
    if (moved || renamed || g_strcmp0 (old->digest, it->digest) != 0
        || g_strcmp0 (old->location, it->location) != 0)
      it->last_modified = now;
    else
      it->last_modified = old->last_modified;
    if (moved) {
      g_autofree char *old_when = format_when (old->start, tz);
      g_autofree char *old_place = format_place (old);
      add_change (changes, it, CRN_CHANGE_MOVED,
                  g_strdup_printf ("%s moves from %s%s to %s%s.", name, old_when, old_place,
                                   when, place));
    }
    if (renamed) {
      g_autofree char *old_name = format_name (old, ev);
      add_change (changes, it, CRN_CHANGE_RENAMED,
                  g_strdup_printf ("%s on %s is renamed \"%s\".", old_name, when, it->title));
    }
  }

  for (guint i = 0; previous && i < previous->items->len; i++) {
    const CrnPublishedItem *old = g_ptr_array_index (previous->items, i);
    if (crn_publication_lookup (next, old->uid))
      continue;
    CrnPublishedItem *gone = crn_published_item_copy (old);
    if (!old->cancelled) {
      gone->cancelled = TRUE;
      gone->sequence = old->sequence + 1;
      gone->last_modified = now;
      g_autofree char *name = format_name (old, ev);
      g_autofree char *when = format_when (old->start, tz);
      g_autofree char *place = format_place (old);
      add_change (changes, gone, CRN_CHANGE_CANCELLED,
                  g_strdup_printf ("%s on %s%s is cancelled.", name, when, place));
    }
    crn_publication_add (next, gone);
  }

  if (out_changes)
    *out_changes = changes;
  return next;
}
