/* creneau — small events built in C for the solver tests. */
#pragma once

#include "config.h"

#include "solver/solver.h"
#include "model/event.h"

#include <creneau/model.h>

/* An event with @n_days days from 2030-03-04, open 09:00-12:00, on a
 * 60-minute grid, soft weights as in the defaults. */
static inline CrnEvent *
fixture_event (guint n_days)
{
  CrnEvent *ev = crn_event_new ("test");
  ev->granularity = 60;
  for (guint d = 0; d < n_days; d++) {
    CrnDay *day = crn_event_add_day (ev, crn_time_from_ymd_hm (2030, 3, 4 + d, 0, 0));
    crn_interval_set_add (day->open, day->date + 9 * 60, day->date + 12 * 60);
  }
  return ev;
}

static inline CrnTime
fixture_time (const char *text)
{
  CrnTime t = 0;
  g_assert_true (crn_time_parse (text, &t));
  return t;
}

static inline CrnRoom *
fixture_room (CrnEvent *ev, const char *id, guint capacity)
{
  CrnRoom *r = crn_event_add_room (ev, id, NULL);
  g_assert_nonnull (r);
  crn_room_set_capacity (r, capacity);
  return r;
}

static inline CrnPerson *
fixture_person (CrnEvent *ev, const char *id)
{
  CrnPerson *p = crn_event_lookup_person (ev, id);
  if (p == NULL)
    p = crn_event_add_person (ev, id, NULL);
  return p;
}

static inline CrnSession *
fixture_session (CrnEvent *ev, const char *id, guint duration, guint attendance,
                 const char *speaker)
{
  CrnSession *s = crn_event_add_session (ev, id, NULL);
  g_assert_nonnull (s);
  s->duration = duration;
  s->attendance = attendance;
  if (speaker)
    g_ptr_array_add (s->speakers, fixture_person (ev, speaker));
  return s;
}

/* Places occurrence @k (1-based) of @session in @room at @when. */
static inline void
fixture_place (CrnTimetable *tt, const char *session, guint k, const char *room, const char *when)
{
  CrnAssignment *a = crn_timetable_lookup (tt, session, k);
  g_assert_nonnull (a);
  a->room = crn_event_lookup_room (tt->event, room);
  g_assert_nonnull (a->room);
  a->start = fixture_time (when);
  a->assigned = TRUE;
}

static inline guint
fixture_count (const CrnTimetable *tt, const char *rule)
{
  guint n = 0;
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (g_strcmp0 (v->rule, rule) == 0)
      n++;
  }
  return n;
}

static inline guint64
fixture_cost (const CrnTimetable *tt, const char *rule)
{
  guint64 n = 0;
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (g_strcmp0 (v->rule, rule) == 0)
      n += v->cost;
  }
  return n;
}

static inline CrnTimetable *
fixture_solve (const CrnEvent *ev, guint64 iterations, guint64 seed)
{
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.iteration_limit = iterations;
  opts.seed = seed;
  return crn_solve (ev, &opts, NULL);
}
