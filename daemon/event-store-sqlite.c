/* creneau — the event store kept in the SQLite state database.
 *
 * Every change is written to the database first, in one transaction; only
 * once it has committed is it applied to an in-memory store that answers all
 * reads. A failed write therefore leaves both as they were, and the reads of
 * the bus (GetTimetable, feeds) never wait for the disk. Feed tokens are the
 * exception: they are looked up in the database itself, so a revoked token
 * is dead everywhere the moment the revocation commits.
 */
#include "config.h"

#include "event-store.h"
#include "ical/publication.h"
#include "model/error.h"
#include "store.h"

typedef struct {
  CrnEventStore parent;
  CrnStore *db;
  CrnEventStore *cache;
} SqliteStore;

static SqliteStore *
self_of (CrnEventStore *store)
{
  return (SqliteStore *) store;
}

/* The two row shapes are the same; they live in different layers. */

static GArray *
slots_to_assignments (const GArray *slots)
{
  GArray *out = crn_stored_assignments_new ();
  for (guint i = 0; slots && i < slots->len; i++) {
    const CrnStoredSlot *s = &g_array_index (slots, CrnStoredSlot, i);
    CrnStoredAssignment a = { g_strdup (s->session), s->occurrence, g_strdup (s->room), s->start };
    g_array_append_val (out, a);
  }
  return out;
}

static GArray *
assignments_to_slots (const GArray *assignments)
{
  GArray *out = crn_stored_slots_new ();
  for (guint i = 0; assignments && i < assignments->len; i++) {
    const CrnStoredAssignment *a = &g_array_index (assignments, CrnStoredAssignment, i);
    crn_stored_slots_append (out, a->session, a->occurrence, a->room, a->start);
  }
  return out;
}

/* One row per UID of the publication, with its SEQUENCE, so that what each
 * revision said can be read from the database without the daemon. */
static GArray *
entries_from_publication (GBytes *publication, GError **error)
{
  g_autoptr (GArray) entries = crn_stored_entries_new ();
  if (publication == NULL)
    return g_steal_pointer (&entries);
  gsize len;
  const char *data = g_bytes_get_data (publication, &len);
  g_autoptr (CrnPublication) pub = crn_publication_from_data (data, len, error);
  if (pub == NULL)
    return NULL;
  for (guint i = 0; i < pub->items->len; i++) {
    const CrnPublishedItem *item = g_ptr_array_index (pub->items, i);
    CrnStoredEntry e = {
      g_strdup (item->uid),
      g_strdup (item->session_id ? item->session_id : item->break_id),
      item->occurrence, g_strdup (item->room_id), item->start, item->end,
      g_strdup (item->title), item->sequence, item->cancelled, item->last_modified,
    };
    g_array_append_val (entries, e);
  }
  return g_steal_pointer (&entries);
}

static char **
sql_list_events (CrnEventStore *store)
{
  return crn_event_store_list_events (self_of (store)->cache);
}

static const CrnEventFiles *
sql_get_files (CrnEventStore *store, const char *id)
{
  return crn_event_store_get_files (self_of (store)->cache, id);
}

static gboolean
sql_put_files (CrnEventStore *store, const char *id, CrnEventFiles *files, GError **error)
{
  SqliteStore *self = self_of (store);
  if (!crn_store_put_event (self->db, id, files, error)) {
    crn_event_files_free (files);
    return FALSE;
  }
  return crn_event_store_put_files (self->cache, id, files, error);
}

static gboolean
sql_remove_event (CrnEventStore *store, const char *id, GError **error)
{
  SqliteStore *self = self_of (store);
  return crn_store_delete_event (self->db, id, error) &&
         crn_event_store_remove_event (self->cache, id, error);
}

static const GArray *
sql_get_timetable (CrnEventStore *store, const char *id)
{
  return crn_event_store_get_timetable (self_of (store)->cache, id);
}

static gboolean
sql_put_timetable (CrnEventStore *store, const char *id, GArray *slots, GError **error)
{
  SqliteStore *self = self_of (store);
  g_autoptr (GArray) rows = slots_to_assignments (slots);
  if (!crn_store_put_timetable (self->db, id, rows, 0, 0, error)) {
    g_array_unref (slots);
    return FALSE;
  }
  return crn_event_store_put_timetable (self->cache, id, slots, error);
}

static const GArray *
sql_get_pins (CrnEventStore *store, const char *id)
{
  return crn_event_store_get_pins (self_of (store)->cache, id);
}

static gboolean
sql_put_pins (CrnEventStore *store, const char *id, GArray *pins, GArray *timetable,
              GError **error)
{
  SqliteStore *self = self_of (store);
  g_autoptr (GArray) rows = slots_to_assignments (pins);
  g_autoptr (GArray) tt_rows = timetable ? slots_to_assignments (timetable) : NULL;
  gboolean ok = tt_rows ? crn_store_put_pins_and_timetable (self->db, id, rows, tt_rows, 0, 0,
                                                            error)
                        : crn_store_put_pins (self->db, id, rows, error);
  if (!ok) {
    g_array_unref (pins);
    g_clear_pointer (&timetable, g_array_unref);
    return FALSE;
  }
  return crn_event_store_put_pins (self->cache, id, pins, timetable, error);
}

static const GPtrArray *
sql_get_revisions (CrnEventStore *store, const char *id)
{
  return crn_event_store_get_revisions (self_of (store)->cache, id);
}

static gboolean
sql_add_revision (CrnEventStore *store, const char *id, CrnEventRevision *rev, GError **error)
{
  SqliteStore *self = self_of (store);
  g_autoptr (CrnEventRevision) owned = rev;
  g_autoptr (GArray) entries = entries_from_publication (rev->publication, error);
  if (entries == NULL)
    return FALSE;
  g_autoptr (GArray) slots = slots_to_assignments (rev->slots);
  g_autoptr (GArray) changes = crn_stored_change_rows_new ();
  for (guint i = 0; i < rev->changes->len; i++) {
    const CrnStoredChange *c = g_ptr_array_index (rev->changes, i);
    CrnStoredChangeRow row = { g_strdup (c->session), g_strdup (c->change),
                               g_strdup (c->sentence) };
    g_array_append_val (changes, row);
  }
  const CrnStoredRevisionRecord record = {
    .revision = rev->number,
    .published_at = rev->published,
    .files = rev->files ? rev->files : crn_event_store_get_files (self->cache, id),
    .entries = entries,
    .slots = slots,
    .publication = rev->publication,
    .changes = changes,
  };
  if (!crn_store_add_revision_record (self->db, id, &record, error))
    return FALSE;
  return crn_event_store_add_revision (self->cache, id, g_steal_pointer (&owned), error);
}

static char *
sql_ensure_token (CrnEventStore *store, const char *id, const char *kind, const char *target,
                  GError **error)
{
  return crn_store_ensure_token (self_of (store)->db, id, kind, target, error);
}

static gboolean
lookup_live_token (SqliteStore *self, const char *id, const char *token, CrnStoredToken *out)
{
  g_autoptr (GError) error = NULL;
  if (!crn_store_lookup_token (self->db, token, out, &error)) {
    if (error != NULL)
      g_warning ("%s", error->message);
    return FALSE;
  }
  if (g_strcmp0 (out->event_id, id) != 0) {
    crn_stored_token_clear (out);
    return FALSE;
  }
  return TRUE;
}

static gboolean
sql_lookup_token (CrnEventStore *store, const char *id, const char *token, char **out_kind,
                  char **out_target)
{
  CrnStoredToken t = { 0 };
  if (!lookup_live_token (self_of (store), id, token, &t))
    return FALSE;
  *out_kind = g_steal_pointer (&t.kind);
  *out_target = g_steal_pointer (&t.target);
  crn_stored_token_clear (&t);
  return TRUE;
}

static gboolean
sql_revoke_token (CrnEventStore *store, const char *id, const char *token, GError **error)
{
  SqliteStore *self = self_of (store);
  CrnStoredToken t = { 0 };
  if (!lookup_live_token (self, id, token, &t)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND,
                 "Event \"%s\" has no live feed token \"%s\".", id, token);
    return FALSE;
  }
  crn_stored_token_clear (&t);
  return crn_store_revoke_token (self->db, token, error);
}

static void
sql_free (CrnEventStore *store)
{
  SqliteStore *self = self_of (store);
  crn_event_store_free (self->cache);
  crn_store_close (self->db);
  g_free (self);
}

static const CrnEventStoreOps sqlite_ops = {
  .list_events = sql_list_events,
  .get_files = sql_get_files,
  .put_files = sql_put_files,
  .remove_event = sql_remove_event,
  .get_timetable = sql_get_timetable,
  .put_timetable = sql_put_timetable,
  .get_pins = sql_get_pins,
  .put_pins = sql_put_pins,
  .get_revisions = sql_get_revisions,
  .add_revision = sql_add_revision,
  .ensure_token = sql_ensure_token,
  .lookup_token = sql_lookup_token,
  .revoke_token = sql_revoke_token,
  .free = sql_free,
};

static CrnEventRevision *
read_revision (CrnStore *db, const char *id, const CrnStoredRevision *r, GError **error)
{
  g_autoptr (CrnEventRevision) rev = crn_event_revision_new (r->revision, r->published_at);
  g_autoptr (GArray) slots = crn_store_get_revision_slots (db, id, r->revision, error);
  if (slots == NULL)
    return NULL;
  g_array_unref (rev->slots);
  rev->slots = assignments_to_slots (slots);
  if (!crn_store_get_revision_publication (db, id, r->revision, &rev->publication, error))
    return NULL;
  /* A revision kept without files (none were given) has none to give back. */
  g_autoptr (GError) local = NULL;
  rev->files = crn_store_get_revision_files (db, id, r->revision, &local);
  if (rev->files == NULL && !g_error_matches (local, CRN_ERROR, CRN_ERROR_NOT_FOUND)) {
    g_propagate_error (error, g_steal_pointer (&local));
    return NULL;
  }
  g_autoptr (GArray) changes = crn_store_get_revision_changes (db, id, r->revision, error);
  if (changes == NULL)
    return NULL;
  for (guint i = 0; i < changes->len; i++) {
    const CrnStoredChangeRow *c = &g_array_index (changes, CrnStoredChangeRow, i);
    g_ptr_array_add (rev->changes, crn_stored_change_new (c->session, c->kind, c->sentence));
  }
  return g_steal_pointer (&rev);
}

/* Puts everything the database holds about event @id into the cache. */
static gboolean
read_event (SqliteStore *self, const char *id, GError **error)
{
  CrnEventFiles *files = crn_store_get_files (self->db, id, error);
  if (files == NULL || !crn_event_store_put_files (self->cache, id, files, error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  g_autoptr (GArray) timetable = crn_store_get_timetable (self->db, id, NULL, NULL, &local);
  if (local != NULL) {
    g_propagate_error (error, g_steal_pointer (&local));
    return FALSE;
  }
  if (timetable != NULL &&
      !crn_event_store_put_timetable (self->cache, id, assignments_to_slots (timetable), error))
    return FALSE;
  g_autoptr (GArray) pins = crn_store_get_pins (self->db, id, error);
  if (pins == NULL ||
      !crn_event_store_put_pins (self->cache, id, assignments_to_slots (pins), NULL, error))
    return FALSE;
  g_autoptr (GArray) revisions = crn_store_list_revisions (self->db, id, error);
  if (revisions == NULL)
    return FALSE;
  for (guint i = 0; i < revisions->len; i++) {
    CrnEventRevision *rev = read_revision (self->db, id,
                                           &g_array_index (revisions, CrnStoredRevision, i),
                                           error);
    if (rev == NULL || !crn_event_store_add_revision (self->cache, id, rev, error))
      return FALSE;
  }
  return TRUE;
}

CrnEventStore *
crn_event_store_new_sqlite (const char *path, GError **error)
{
  g_autoptr (CrnStore) db = crn_store_open (path, error);
  if (db == NULL)
    return NULL;
  g_auto (GStrv) ids = crn_store_list_events (db, error);
  if (ids == NULL)
    return NULL;
  SqliteStore *self = g_new0 (SqliteStore, 1);
  self->parent.ops = &sqlite_ops;
  self->db = g_steal_pointer (&db);
  self->cache = crn_event_store_new_memory ();
  for (guint i = 0; ids[i]; i++) {
    if (!read_event (self, ids[i], error)) {
      g_prefix_error (error, "Cannot read event \"%s\" back from %s: ", ids[i], path);
      sql_free (&self->parent);
      return NULL;
    }
  }
  return &self->parent;
}
