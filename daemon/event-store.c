/* creneau — the event store interface and its records. */
#include "config.h"

#include "event-store.h"

static void
slot_clear (gpointer p)
{
  CrnStoredSlot *s = p;
  g_free (s->session);
  g_free (s->room);
}

GArray *
crn_stored_slots_new (void)
{
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (CrnStoredSlot));
  g_array_set_clear_func (slots, slot_clear);
  return slots;
}

void
crn_stored_slots_append (GArray *slots, const char *session, guint occurrence,
                         const char *room, gint64 start)
{
  CrnStoredSlot s = { g_strdup (session), occurrence, g_strdup (room), start };
  g_array_append_val (slots, s);
}

CrnStoredChange *
crn_stored_change_new (const char *session, const char *change, const char *sentence)
{
  CrnStoredChange *c = g_new0 (CrnStoredChange, 1);
  c->session = g_strdup (session);
  c->change = g_strdup (change);
  c->sentence = g_strdup (sentence);
  return c;
}

void
crn_stored_change_free (CrnStoredChange *change)
{
  if (change == NULL)
    return;
  g_free (change->session);
  g_free (change->change);
  g_free (change->sentence);
  g_free (change);
}

CrnEventRevision *
crn_event_revision_new (guint number, gint64 published)
{
  CrnEventRevision *rev = g_new0 (CrnEventRevision, 1);
  rev->number = number;
  rev->published = published;
  rev->slots = crn_stored_slots_new ();
  rev->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) crn_stored_change_free);
  return rev;
}

void
crn_event_revision_free (CrnEventRevision *rev)
{
  if (rev == NULL)
    return;
  g_array_unref (rev->slots);
  g_clear_pointer (&rev->publication, g_bytes_unref);
  g_clear_pointer (&rev->files, crn_event_files_free);
  g_ptr_array_unref (rev->changes);
  g_free (rev);
}

char **
crn_event_store_list_events (CrnEventStore *store)
{
  return store->ops->list_events (store);
}

const CrnEventFiles *
crn_event_store_get_files (CrnEventStore *store, const char *id)
{
  return store->ops->get_files (store, id);
}

gboolean
crn_event_store_put_files (CrnEventStore *store, const char *id, CrnEventFiles *files,
                           GError **error)
{
  return store->ops->put_files (store, id, files, error);
}

gboolean
crn_event_store_remove_event (CrnEventStore *store, const char *id, GError **error)
{
  return store->ops->remove_event (store, id, error);
}

const GArray *
crn_event_store_get_timetable (CrnEventStore *store, const char *id)
{
  return store->ops->get_timetable (store, id);
}

gboolean
crn_event_store_put_timetable (CrnEventStore *store, const char *id, GArray *slots,
                               GError **error)
{
  return store->ops->put_timetable (store, id, slots, error);
}

const GArray *
crn_event_store_get_pins (CrnEventStore *store, const char *id)
{
  return store->ops->get_pins (store, id);
}

gboolean
crn_event_store_put_pins (CrnEventStore *store, const char *id, GArray *pins, GArray *timetable,
                          GError **error)
{
  return store->ops->put_pins (store, id, pins, timetable, error);
}

const GPtrArray *
crn_event_store_get_revisions (CrnEventStore *store, const char *id)
{
  return store->ops->get_revisions (store, id);
}

gboolean
crn_event_store_add_revision (CrnEventStore *store, const char *id, CrnEventRevision *rev,
                              GError **error)
{
  return store->ops->add_revision (store, id, rev, error);
}

char *
crn_event_store_ensure_token (CrnEventStore *store, const char *id, const char *kind,
                              const char *target, GError **error)
{
  return store->ops->ensure_token (store, id, kind, target, error);
}

gboolean
crn_event_store_lookup_token (CrnEventStore *store, const char *id, const char *token,
                              char **out_kind, char **out_target)
{
  return store->ops->lookup_token (store, id, token, out_kind, out_target);
}

gboolean
crn_event_store_revoke_token (CrnEventStore *store, const char *id, const char *token,
                              GError **error)
{
  return store->ops->revoke_token (store, id, token, error);
}

void
crn_event_store_free (CrnEventStore *store)
{
  if (store != NULL)
    store->ops->free (store);
}
