/* creneau — the event store kept in memory. */
#include "config.h"

#include "event-store.h"
#include "model/error.h"

#include <string.h>
#include <sys/random.h>

typedef struct {
  CrnEventFiles *files;
  GArray *timetable;     /* CrnStoredSlot, or NULL */
  GArray *pins;          /* CrnStoredSlot */
  GPtrArray *revisions;  /* CrnEventRevision* */
  GHashTable *tokens;    /* live token -> "kind\ntarget" */
  GHashTable *targets;   /* "kind\ntarget" -> live token */
} Record;

typedef struct {
  CrnEventStore parent;
  GHashTable *events;    /* id -> Record* */
} MemoryStore;

static void
record_free (gpointer p)
{
  Record *r = p;
  crn_event_files_free (r->files);
  g_clear_pointer (&r->timetable, g_array_unref);
  g_array_unref (r->pins);
  g_ptr_array_unref (r->revisions);
  g_hash_table_unref (r->tokens);
  g_hash_table_unref (r->targets);
  g_free (r);
}

static Record *
lookup (CrnEventStore *store, const char *id)
{
  return g_hash_table_lookup (((MemoryStore *) store)->events, id);
}

static Record *
lookup_or_fail (CrnEventStore *store, const char *id, GError **error)
{
  Record *r = lookup (store, id);
  if (r == NULL)
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "No event \"%s\" is stored.", id);
  return r;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char **
mem_list_events (CrnEventStore *store)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, ((MemoryStore *) store)->events);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

static const CrnEventFiles *
mem_get_files (CrnEventStore *store, const char *id)
{
  Record *r = lookup (store, id);
  return r ? r->files : NULL;
}

static gboolean
mem_put_files (CrnEventStore *store, const char *id, CrnEventFiles *files, GError **error)
{
  Record *r = lookup (store, id);
  if (r == NULL) {
    r = g_new0 (Record, 1);
    r->pins = crn_stored_slots_new ();
    r->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) crn_event_revision_free);
    r->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    r->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_hash_table_insert (((MemoryStore *) store)->events, g_strdup (id), r);
  } else {
    crn_event_files_free (r->files);
  }
  r->files = files;
  return TRUE;
}

static gboolean
mem_remove_event (CrnEventStore *store, const char *id, GError **error)
{
  if (!g_hash_table_remove (((MemoryStore *) store)->events, id)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "No event \"%s\" is stored.", id);
    return FALSE;
  }
  return TRUE;
}

static const GArray *
mem_get_timetable (CrnEventStore *store, const char *id)
{
  Record *r = lookup (store, id);
  return r ? r->timetable : NULL;
}

static gboolean
mem_put_timetable (CrnEventStore *store, const char *id, GArray *slots, GError **error)
{
  Record *r = lookup_or_fail (store, id, error);
  if (r == NULL) {
    g_array_unref (slots);
    return FALSE;
  }
  g_clear_pointer (&r->timetable, g_array_unref);
  r->timetable = slots;
  return TRUE;
}

static const GArray *
mem_get_pins (CrnEventStore *store, const char *id)
{
  Record *r = lookup (store, id);
  return r ? r->pins : NULL;
}

static gboolean
mem_put_pins (CrnEventStore *store, const char *id, GArray *pins, GArray *timetable,
              GError **error)
{
  Record *r = lookup_or_fail (store, id, error);
  if (r == NULL) {
    g_array_unref (pins);
    g_clear_pointer (&timetable, g_array_unref);
    return FALSE;
  }
  g_array_unref (r->pins);
  r->pins = pins;
  if (timetable != NULL) {
    g_clear_pointer (&r->timetable, g_array_unref);
    r->timetable = timetable;
  }
  return TRUE;
}

static const GPtrArray *
mem_get_revisions (CrnEventStore *store, const char *id)
{
  Record *r = lookup (store, id);
  return r ? r->revisions : NULL;
}

static gboolean
mem_add_revision (CrnEventStore *store, const char *id, CrnEventRevision *rev, GError **error)
{
  Record *r = lookup_or_fail (store, id, error);
  if (r == NULL || rev->number != r->revisions->len + 1) {
    if (r != NULL)
      g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED,
                   "Revision %u of \"%s\" does not follow revision %u.", rev->number, id,
                   r->revisions->len);
    crn_event_revision_free (rev);
    return FALSE;
  }
  g_ptr_array_add (r->revisions, rev);
  return TRUE;
}

/* A token nobody can guess: 128 random bits. */
static char *
new_token (GError **error)
{
  guint8 bytes[16];
  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED, "No random bytes for a feed token.");
    return NULL;
  }
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (s, FALSE);
}

static char *
mem_ensure_token (CrnEventStore *store, const char *id, const char *kind, const char *target,
                  GError **error)
{
  Record *r = lookup_or_fail (store, id, error);
  if (r == NULL)
    return NULL;
  g_autofree char *key = g_strconcat (kind, "\n", target, NULL);
  const char *token = g_hash_table_lookup (r->targets, key);
  if (token != NULL)
    return g_strdup (token);
  char *fresh = new_token (error);
  if (fresh == NULL)
    return NULL;
  g_hash_table_insert (r->tokens, g_strdup (fresh), g_strdup (key));
  g_hash_table_insert (r->targets, g_steal_pointer (&key), g_strdup (fresh));
  return fresh;
}

static gboolean
mem_lookup_token (CrnEventStore *store, const char *id, const char *token, char **out_kind,
                  char **out_target)
{
  Record *r = lookup (store, id);
  const char *key = r ? g_hash_table_lookup (r->tokens, token) : NULL;
  if (key == NULL)
    return FALSE;
  const char *nl = strchr (key, '\n');
  *out_kind = g_strndup (key, nl - key);
  *out_target = g_strdup (nl + 1);
  return TRUE;
}

static gboolean
mem_revoke_token (CrnEventStore *store, const char *id, const char *token, GError **error)
{
  Record *r = lookup_or_fail (store, id, error);
  if (r == NULL)
    return FALSE;
  const char *key = g_hash_table_lookup (r->tokens, token);
  if (key == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND,
                 "Event \"%s\" has no live feed token \"%s\".", id, token);
    return FALSE;
  }
  g_hash_table_remove (r->targets, key);
  g_hash_table_remove (r->tokens, token);
  return TRUE;
}

static void
mem_free (CrnEventStore *store)
{
  g_hash_table_unref (((MemoryStore *) store)->events);
  g_free (store);
}

static const CrnEventStoreOps memory_ops = {
  .list_events = mem_list_events,
  .get_files = mem_get_files,
  .put_files = mem_put_files,
  .remove_event = mem_remove_event,
  .get_timetable = mem_get_timetable,
  .put_timetable = mem_put_timetable,
  .get_pins = mem_get_pins,
  .put_pins = mem_put_pins,
  .get_revisions = mem_get_revisions,
  .add_revision = mem_add_revision,
  .ensure_token = mem_ensure_token,
  .lookup_token = mem_lookup_token,
  .revoke_token = mem_revoke_token,
  .free = mem_free,
};

CrnEventStore *
crn_event_store_new_memory (void)
{
  MemoryStore *m = g_new0 (MemoryStore, 1);
  m->parent.ops = &memory_ops;
  m->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, record_free);
  return &m->parent;
}
