/* creneau — timetables and violations. */
#include "config.h"

#include "timetable.h"

void
crn_violation_free (CrnViolation *v)
{
  if (v == NULL)
    return;
  g_free (v->rule);
  g_strfreev (v->sessions);
  g_strfreev (v->resources);
  g_free (v->message);
  g_free (v);
}

CrnTimetable *
crn_timetable_new (const CrnEvent *event)
{
  CrnTimetable *tt = g_new0 (CrnTimetable, 1);
  tt->event = event;
  tt->assignments = g_array_new (FALSE, TRUE, sizeof (CrnAssignment));
  tt->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) crn_violation_free);
  for (guint i = 0; i < event->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (event->sessions, i);
    for (guint k = 1; k <= s->count; k++) {
      CrnAssignment a = { s, k, NULL, 0, FALSE };
      g_array_append_val (tt->assignments, a);
    }
  }
  return tt;
}

static CrnViolation *
violation_copy (const CrnViolation *v)
{
  CrnViolation *c = g_new0 (CrnViolation, 1);
  c->rule = g_strdup (v->rule);
  c->severity = v->severity;
  c->sessions = g_strdupv (v->sessions);
  c->resources = g_strdupv (v->resources);
  c->message = g_strdup (v->message);
  c->cost = v->cost;
  return c;
}

CrnTimetable *
crn_timetable_copy (const CrnTimetable *tt)
{
  CrnTimetable *c = g_new0 (CrnTimetable, 1);
  c->event = tt->event;
  c->assignments = g_array_copy (tt->assignments);
  c->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) crn_violation_free);
  for (guint i = 0; i < tt->violations->len; i++)
    g_ptr_array_add (c->violations, violation_copy (g_ptr_array_index (tt->violations, i)));
  c->hard = tt->hard;
  c->soft = tt->soft;
  return c;
}

void
crn_timetable_free (CrnTimetable *tt)
{
  if (tt == NULL)
    return;
  g_array_unref (tt->assignments);
  g_ptr_array_unref (tt->violations);
  g_free (tt);
}

CrnAssignment *
crn_timetable_lookup (CrnTimetable *tt, const char *session_id, guint occurrence)
{
  for (guint i = 0; i < tt->assignments->len; i++) {
    CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    if (a->occurrence == occurrence && g_strcmp0 (a->session->id, session_id) == 0)
      return a;
  }
  return NULL;
}
