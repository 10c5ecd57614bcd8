/* creneau — sessions declared through the public API, and the late
 * resolution of the ids they name. */
#include "config.h"

#include "event.h"
#include "error.h"
#include "session-refs.h"

void
crn_session_refs_free (CrnSessionRefs *refs)
{
  if (refs == NULL)
    return;
  g_ptr_array_unref (refs->speakers);
  g_ptr_array_unref (refs->moderators);
  g_ptr_array_unref (refs->partners);
  g_ptr_array_unref (refs->after);
  g_free (refs->room);
  g_free (refs);
}

static CrnSessionRefs *
refs_of (CrnSession *s)
{
  if (s->refs == NULL) {
    s->refs = g_new0 (CrnSessionRefs, 1);
    s->refs->speakers = g_ptr_array_new_with_free_func (g_free);
    s->refs->moderators = g_ptr_array_new_with_free_func (g_free);
    s->refs->partners = g_ptr_array_new_with_free_func (g_free);
    s->refs->after = g_ptr_array_new_with_free_func (g_free);
  }
  return s->refs;
}

CrnSession *
crn_event_declare_session (CrnEvent *ev, const char *id, const char *file, int line,
                           GError **error)
{
  CrnSession *s = crn_event_add_session (ev, id, error);
  if (s == NULL)
    return NULL;
  s->file = g_strdup (file);
  s->line = line;
  refs_of (s);
  return s;
}

static void
replace_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_unique (GPtrArray *list, const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), text) == 0)
      return;
  g_ptr_array_add (list, g_strdup (text));
}

void crn_session_set_title (CrnSession *s, const char *v) { replace_string (&s->title, v); }
void crn_session_set_description (CrnSession *s, const char *v) { replace_string (&s->description, v); }
void crn_session_set_duration (CrnSession *s, guint minutes) { s->duration = minutes; }
void crn_session_set_count (CrnSession *s, guint count) { s->count = MAX (count, 1u); }
void crn_session_set_attendance (CrnSession *s, guint n) { s->attendance = n; }
void crn_session_add_speaker (CrnSession *s, const char *id) { add_unique (refs_of (s)->speakers, id); }
void crn_session_add_moderator (CrnSession *s, const char *id) { add_unique (refs_of (s)->moderators, id); }
void crn_session_add_partner (CrnSession *s, const char *id) { add_unique (refs_of (s)->partners, id); }
void crn_session_add_after (CrnSession *s, const char *id) { add_unique (refs_of (s)->after, id); }
void crn_session_add_room_tag (CrnSession *s, const char *tag) { add_unique (s->room_tags, tag); }
void crn_session_add_audience (CrnSession *s, const char *a) { add_unique (s->audiences, a); }
void crn_session_set_track (CrnSession *s, const char *v) { replace_string (&s->track, v); }
void crn_session_set_block (CrnSession *s, const char *v) { replace_string (&s->block, v); }
void crn_session_set_fixed_room (CrnSession *s, const char *id) { replace_string (&refs_of (s)->room, id); }
void crn_session_set_min_days (CrnSession *s, guint n) { s->min_days = n; }

gboolean
crn_session_set_kind (CrnSession *s, const char *kind)
{
  CrnSessionKind k;
  if (!crn_session_kind_from_string (kind, &k))
    return FALSE;
  s->kind = k;
  if (!refs_of (s)->exclusive_set)
    s->exclusive = (k == CRN_KIND_PLENARY);
  return TRUE;
}

void
crn_session_set_exclusive (CrnSession *s, gboolean exclusive)
{
  s->exclusive = exclusive;
  refs_of (s)->exclusive_set = TRUE;
}

void
crn_session_set_fixed_start (CrnSession *s, CrnTime start)
{
  s->has_start = TRUE;
  s->start = start;
}

void
crn_session_add_day (CrnSession *s, CrnTime midnight)
{
  for (guint i = 0; i < s->days->len; i++)
    if (g_array_index (s->days, CrnTime, i) == midnight)
      return;
  g_array_append_val (s->days, midnight);
}

void
crn_session_add_allowed_start (CrnSession *s, int minute_of_day)
{
  for (guint i = 0; i < s->starts->len; i++)
    if (g_array_index (s->starts, int, i) == minute_of_day)
      return;
  g_array_append_val (s->starts, minute_of_day);
}

void
crn_session_add_unavailable (CrnSession *s, CrnTime start, CrnTime end)
{
  crn_interval_set_add (s->unavailable, start, end);
}

static void
report_unknown (CrnDiagnostics *diags, CrnSession *s, const char *key, const char *what,
                const char *id)
{
  g_autofree char *group = g_strdup_printf ("Session %s", s->id);
  crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, NULL, s->file, s->line, group, key,
                       "no %s \"%s\"", what, id);
}

static gboolean
resolve_people (CrnEvent *ev, CrnSession *s, GPtrArray *ids, GPtrArray *into, const char *key,
                CrnDiagnostics *diags)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < ids->len; i++) {
    const char *id = g_ptr_array_index (ids, i);
    CrnPerson *p = crn_event_lookup_person (ev, id);
    if (p == NULL) {
      report_unknown (diags, s, key, "person", id);
      ok = FALSE;
    } else if (!g_ptr_array_find (into, p, NULL)) {
      g_ptr_array_add (into, p);
    }
  }
  g_ptr_array_set_size (ids, 0);
  return ok;
}

gboolean
crn_event_resolve_session_refs (CrnEvent *ev, CrnDiagnostics *diags)
{
  gboolean ok = TRUE;
  for (guint i = 0; i < ev->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (ev->sessions, i);
    CrnSessionRefs *r = s->refs;
    if (r == NULL)
      continue;
    ok &= resolve_people (ev, s, r->speakers, s->speakers, "Speakers", diags);
    ok &= resolve_people (ev, s, r->moderators, s->moderators, "Moderators", diags);
    for (guint k = 0; k < r->partners->len; k++) {
      const char *id = g_ptr_array_index (r->partners, k);
      CrnPartner *p = crn_event_lookup_partner (ev, id);
      if (p == NULL) {
        report_unknown (diags, s, "Partners", "partner", id);
        ok = FALSE;
      } else if (!g_ptr_array_find (s->partners, p, NULL)) {
        g_ptr_array_add (s->partners, p);
      }
    }
    g_ptr_array_set_size (r->partners, 0);
    for (guint k = 0; k < r->after->len; k++) {
      const char *id = g_ptr_array_index (r->after, k);
      CrnSession *other = crn_event_lookup_session (ev, id);
      if (other == NULL) {
        report_unknown (diags, s, "After", "session", id);
        ok = FALSE;
      } else if (!g_ptr_array_find (s->after, other, NULL)) {
        g_ptr_array_add (s->after, other);
      }
    }
    g_ptr_array_set_size (r->after, 0);
    if (r->room != NULL) {
      CrnRoom *room = crn_event_lookup_room (ev, r->room);
      if (room == NULL) {
        report_unknown (diags, s, "Room", "room", r->room);
        ok = FALSE;
      } else {
        s->room = room;
      }
      g_clear_pointer (&r->room, g_free);
    }
  }
  return ok;
}
