/* creneau — the limits on the size of an event (include/creneau/limits.h),
 * checked once, after event.conf and every plugin have been read, so that
 * sessions and people added by plugins count as much as the others. */
#include "config.h"

#include "reader-private.h"

#include <creneau/limits.h>
#include <string.h>

static gboolean
check_count (CrnReader *r, guint n, guint limit, const char *what)
{
  if (n <= limit)
    return TRUE;
  crn_reader_error (r, NULL, NULL, "the event has %u %s, more than the limit of %u", n, what,
                    limit);
  return FALSE;
}

/* @where is "[Session x]"-like, for things that plugins may have added
 * and whose file the model does not keep. */
static gboolean
check_length (CrnReader *r, const char *group, const char *key, const char *where,
              const char *value, guint limit)
{
  gsize len = value ? strlen (value) : 0;
  if (len <= limit)
    return TRUE;
  if (group != NULL)
    crn_reader_error (r, group, key, "the value is %" G_GSIZE_FORMAT " bytes long, more than "
                      "the limit of %u", len, limit);
  else
    crn_diagnostics_add (r->diags, CRN_SEVERITY_ERROR, NULL, NULL, 0, NULL, NULL,
                         "%s %s is %" G_GSIZE_FORMAT " bytes long, more than the limit of %u",
                         where, key, len, limit);
  return FALSE;
}

/* "room \"salle-1\":" (ids were checked, CRN_LIMIT_ID_BYTES included, when
 * they were added). */
static char *
where_of (const char *what, const char *id)
{
  return g_strdup_printf ("%s \"%s\":", what, id);
}

static gboolean
check_sessions (CrnReader *r)
{
  const CrnEvent *ev = r->event;
  guint occurrences = 0;
  gboolean ok = TRUE;
  for (guint i = 0; i < ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    occurrences += s->count;
    g_autofree char *group = g_strdup_printf ("Session %s", s->id);
    /* Sessions a plugin declared have no group in event.conf. */
    const char *in_conf = g_key_file_has_group (r->k, group) ? group : NULL;
    g_autofree char *where = where_of ("session", s->id);
    ok &= check_length (r, in_conf, "Title", where, s->title, CRN_LIMIT_NAME_BYTES);
    ok &= check_length (r, in_conf, "Description", where, s->description, CRN_LIMIT_TEXT_BYTES);
  }
  ok &= check_count (r, occurrences, CRN_LIMIT_OCCURRENCES,
                     "session occurrences (sessions times their Count)");
  return ok;
}

static gboolean
check_resources (CrnReader *r)
{
  const CrnEvent *ev = r->event;
  gboolean ok = TRUE;
  for (guint i = 0; i < ev->rooms->len; i++) {
    const CrnRoom *room = g_ptr_array_index (ev->rooms, i);
    g_autofree char *where = where_of ("room", room->id);
    ok &= check_length (r, NULL, "Name", where, room->name, CRN_LIMIT_NAME_BYTES);
    ok &= check_length (r, NULL, "Site", where, room->site, CRN_LIMIT_NAME_BYTES);
  }
  for (guint i = 0; i < ev->people->len; i++) {
    const CrnPerson *p = g_ptr_array_index (ev->people, i);
    g_autofree char *where = where_of ("person", p->id);
    ok &= check_length (r, NULL, "Name", where, p->name, CRN_LIMIT_NAME_BYTES);
    ok &= check_length (r, NULL, "Email", where, p->email, CRN_LIMIT_NAME_BYTES);
    ok &= check_length (r, NULL, "Organisation", where, p->organisation, CRN_LIMIT_NAME_BYTES);
  }
  for (guint i = 0; i < ev->partners->len; i++) {
    const CrnPartner *p = g_ptr_array_index (ev->partners, i);
    g_autofree char *where = where_of ("partner", p->id);
    ok &= check_length (r, NULL, "Name", where, p->name, CRN_LIMIT_NAME_BYTES);
  }
  return ok;
}

gboolean
crn_reader_check_limits (CrnReader *r)
{
  const CrnEvent *ev = r->event;
  /* The counts first: over them, the lengths of thousands of names would
   * only bury the one sentence that matters. */
  gboolean ok = check_count (r, ev->sessions->len, CRN_LIMIT_SESSIONS, "sessions");
  ok &= check_count (r, ev->rooms->len, CRN_LIMIT_ROOMS, "rooms");
  ok &= check_count (r, ev->people->len, CRN_LIMIT_PEOPLE, "people");
  ok &= check_count (r, ev->partners->len, CRN_LIMIT_PARTNERS, "partners");
  ok &= check_count (r, ev->days->len, CRN_LIMIT_DAYS, "days");
  ok &= check_count (r, ev->registrations->len, CRN_LIMIT_REGISTRATIONS, "registrations");
  if (!ok)
    return FALSE;
  ok = check_length (r, "Event", "Name", NULL, ev->name, CRN_LIMIT_NAME_BYTES);
  ok &= check_length (r, "Event", "Organizer", NULL, ev->organizer, CRN_LIMIT_NAME_BYTES);
  ok &= check_sessions (r);
  ok &= check_resources (r);
  return ok;
}
