/* creneau — the repair walk on hard violations (lib/solver/repair.c). */
#include "fixture.h"

#include "solver/repair.h"

#include <string.h>

/* A day 09:00-17:00 on a 15-minute grid, @n_rooms rooms filled to about
 * @fill of the day with sessions of 15 to 60 minutes drawn around a planted
 * timetable, each with a speaker who is free then in the plant: no hard
 * violation is possible only in a few arrangements, as at a full
 * conference. */
static CrnEvent *
packed_event (guint n_rooms, double fill, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  CrnEvent *ev = crn_event_new ("packed");
  ev->granularity = 15;
  CrnDay *day = crn_event_add_day (ev, crn_time_from_ymd_hm (2030, 3, 4, 0, 0));
  crn_interval_set_add (day->open, day->date + 9 * 60, day->date + 17 * 60);
  const guint steps = 32, n_people = n_rooms * 3;
  /* busy[p * steps + t]: person p speaks at step t in the plant */
  g_autofree guint8 *busy = g_new0 (guint8, n_people * steps);
  guint n = 0;
  for (guint r = 0; r < n_rooms; r++) {
    g_autofree char *rid = g_strdup_printf ("room-%u", r);
    fixture_room (ev, rid, 100);
    guint t = 0;
    while (t < steps) {
      guint len = (guint) g_rand_int_range (rand, 1, 5);
      if (t + len > steps)
        len = steps - t;
      if ((double) (t + len) > fill * steps && g_rand_boolean (rand)) {
        t += len; /* slack */
        continue;
      }
      guint who = 0;
      for (guint tries = 0; tries < 50; tries++) {
        who = (guint) g_rand_int_range (rand, 0, (gint32) n_people);
        gboolean free = TRUE;
        for (guint k = t; k < t + len; k++)
          free = free && !busy[who * steps + k];
        if (free)
          break;
        who = G_MAXUINT;
      }
      g_autofree char *sid = g_strdup_printf ("s-%u", n++);
      g_autofree char *pid = who == G_MAXUINT ? NULL : g_strdup_printf ("p-%u", who);
      fixture_session (ev, sid, 15 * len, 50, pid);
      if (who != G_MAXUINT)
        for (guint k = t; k < t + len; k++)
          busy[who * steps + k] = 1;
      t += len;
    }
  }
  return ev;
}

typedef struct {
  CrnSolveOptions opts;
  CrnSearchShared shared;
} Shared;

static void
shared_init (Shared *sh)
{
  crn_solve_options_init (&sh->opts);
  memset (&sh->shared, 0, sizeof sh->shared);
  g_mutex_init (&sh->shared.lock);
  sh->shared.start_us = g_get_monotonic_time ();
  sh->shared.best_hard = G_MAXUINT;
  sh->shared.best_soft = G_MAXUINT64;
  sh->shared.opts = &sh->opts;
}

/* Every occurrence at a random start and room: many clashes. */
static void
scatter (CrnState *st, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  const CrnProblem *p = st->p;
  for (guint o = 0; o < p->n_occ; o++) {
    const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
    crn_state_add (st, o, (gint) ps->starts[g_rand_int_range (rand, 0, (gint32) ps->n_starts)],
                   (gint) ps->rooms[g_rand_int_range (rand, 0, (gint32) ps->n_rooms)]);
  }
}

static guint
evaluated_hard (const CrnState *st, CrnEvent *ev)
{
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  crn_state_to_timetable (st, tt);
  crn_evaluate (tt, NULL);
  return tt->hard;
}

/* From a scattered start with dozens of clashes, the walk finds a timetable
 * with none in rooms booked solid, and the evaluation agrees. */
static void
test_packed (void)
{
  for (guint32 seed = 1; seed <= 3; seed++) {
    g_autoptr (CrnEvent) ev = packed_event (6, 1.0, seed);
    g_autoptr (CrnProblem) p = crn_problem_new (ev);
    Shared sh;
    shared_init (&sh);
    CrnState *st = crn_state_new (p, &sh.opts);
    scatter (st, seed);
    guint before = (guint) st->hard;
    g_assert_cmpuint (before, >, 10);
    CrnRepairStats stats = { 0 };
    crn_repair (st, seed, &sh.shared, FALSE, 200000, 0, &stats);
    g_test_message ("seed %u: %u sessions, hard %u -> %u in %" G_GUINT64_FORMAT " moves", seed,
                    p->n_sessions, before, (guint) st->hard, stats.moves);
    g_assert_cmpuint (stats.hard_before, ==, before);
    g_assert_cmpint (st->hard, ==, 0);
    g_assert_cmpuint (stats.hard_after, ==, 0);
    g_assert_cmpuint (evaluated_hard (st, ev), ==, 0);
    g_assert_cmpuint (sh.shared.best_hard, ==, 0);
    crn_state_free (st);
    g_mutex_clear (&sh.shared.lock);
  }
}

/* Same seed and move limit, same timetable; the walk stops at its move
 * limit and leaves its best state, never worse than where it began. */
static void
test_deterministic_and_best (void)
{
  g_autoptr (CrnEvent) ev = packed_event (8, 1.0, 7);
  g_autoptr (CrnProblem) p = crn_problem_new (ev);
  gint *starts[2], *rooms[2];
  gint64 hard[2];
  for (guint run = 0; run < 2; run++) {
    Shared sh;
    shared_init (&sh);
    CrnState *st = crn_state_new (p, &sh.opts);
    scatter (st, 11);
    gint64 before = st->hard;
    CrnRepairStats stats = { 0 };
    crn_repair (st, 5, &sh.shared, FALSE, 300, 0, &stats);
    g_assert_cmpuint (stats.moves, <=, 300);
    g_assert_cmpint (st->hard, <=, before);
    g_assert_cmpuint (evaluated_hard (st, ev) == 0, ==, st->hard == 0);
    starts[run] = g_memdup2 (st->start, sizeof (gint) * p->n_occ);
    rooms[run] = g_memdup2 (st->room, sizeof (gint) * p->n_occ);
    hard[run] = st->hard;
    crn_state_free (st);
    g_mutex_clear (&sh.shared.lock);
  }
  g_assert_cmpint (hard[0], ==, hard[1]);
  g_assert_cmpmem (starts[0], sizeof (gint) * p->n_occ, starts[1], sizeof (gint) * p->n_occ);
  g_assert_cmpmem (rooms[0], sizeof (gint) * p->n_occ, rooms[1], sizeof (gint) * p->n_occ);
  for (guint i = 0; i < 2; i++) {
    g_free (starts[i]);
    g_free (rooms[i]);
  }
}

/* Pinned occurrences and members of blocks stay where they are. */
static void
test_pins_and_blocks_stay (void)
{
  g_autoptr (CrnEvent) ev = packed_event (4, 1.0, 3);
  CrnSession *a = g_ptr_array_index (ev->sessions, 0);
  CrnSession *b = g_ptr_array_index (ev->sessions, 1);
  crn_session_set_block (a, "round-1");
  crn_session_set_block (b, "round-1");
  g_autoptr (CrnProblem) p = crn_problem_new (ev);
  Shared sh;
  shared_init (&sh);
  CrnState *st = crn_state_new (p, &sh.opts);
  scatter (st, 4);
  guint pinned = p->n_occ - 1;
  st->pinned[pinned] = 1;
  gint keep[3][2] = { { st->start[0], st->room[0] },
                      { st->start[1], st->room[1] },
                      { st->start[pinned], st->room[pinned] } };
  crn_repair (st, 1, &sh.shared, FALSE, 20000, 0, NULL);
  g_assert_cmpint (st->start[0], ==, keep[0][0]);
  g_assert_cmpint (st->room[0], ==, keep[0][1]);
  g_assert_cmpint (st->start[1], ==, keep[1][0]);
  g_assert_cmpint (st->room[1], ==, keep[1][1]);
  g_assert_cmpint (st->start[pinned], ==, keep[2][0]);
  g_assert_cmpint (st->room[pinned], ==, keep[2][1]);
  crn_state_free (st);
  g_mutex_clear (&sh.shared.lock);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/solver/repair/packed-rooms", test_packed);
  g_test_add_func ("/solver/repair/deterministic-best", test_deterministic_and_best);
  g_test_add_func ("/solver/repair/pins-and-blocks-stay", test_pins_and_blocks_stay);
  return g_test_run ();
}
