/* creneau — crn_solve(): compile, construct, repair, search, score.
 *
 * The repair walk (repair.c) takes the first timetable to one without hard
 * violations when it can; the annealing (search.c) then lowers the soft
 * cost, and removes what hard violations the walk left.
 *
 * With several threads, independent runs with seeds seed, seed+1, ... search
 * side by side and the best (fewest hard, then lowest soft, then lowest seed)
 * wins, so the answer still depends only on the seed when an iteration limit
 * is set.
 */
#include "config.h"

#define G_LOG_DOMAIN "creneau-solver"

#include "repair.h"
#include "search.h"

#include <string.h>

/* Without any limit a solve still ends: this many iterations per occurrence. */
#define DEFAULT_ITERATIONS_PER_OCC 2000
#define DEFAULT_MIN_ITERATIONS 200000

void
crn_solve_options_init (CrnSolveOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->threads = 1;
}

static void
place_pins (CrnState *st, const CrnSolveOptions *opts)
{
  const CrnProblem *p = st->p;
  for (guint i = 0; i < opts->n_pins; i++) {
    const CrnPin *pin = &opts->pins[i];
    if (pin->session == NULL || pin->room == NULL)
      continue;
    const CrnSession *s = crn_event_lookup_session (p->event, pin->session->id);
    const CrnRoom *room = crn_event_lookup_room (p->event, pin->room->id);
    guint k = MAX (pin->occurrence, 1);
    gint step = crn_problem_step_at (p, pin->start);
    if (s == NULL || room == NULL || k > s->count || step < 0)
      continue; /* reported as H5 by crn_evaluate */
    const CrnProbSession *ps = &p->sessions[s->index];
    if (step + ps->len > p->n_steps || p->step_window[step + ps->len - 1] != p->step_window[step])
      continue;
    guint o = ps->first_occ + k - 1;
    if (st->start[o] >= 0)
      crn_state_remove (st, o);
    crn_state_add (st, o, step, (gint) room->index);
    st->pinned[o] = 1;
  }
}

/* Minimal change: what the previous timetable had, where it still fits. */
static void
place_previous (CrnState *st)
{
  const CrnProblem *p = st->p;
  for (guint o = 0; o < p->n_occ; o++) {
    if (st->start[o] >= 0 || st->prev_room[o] < 0)
      continue;
    gint step = crn_problem_step_at (p, st->prev_time[o]);
    const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
    if (step < 0 || !ps->start_ok[step] || ps->room_slot[st->prev_room[o]] < 0)
      continue;
    if (crn_state_clashes (st, o, step, st->prev_room[o]) > 0)
      continue;
    crn_state_add (st, o, step, st->prev_room[o]);
  }
}

typedef struct {
  const CrnProblem *p;
  CrnSolveOptions opts;
  CrnSearchShared *shared;
  guint64 seed;
  gboolean report;
  CrnState *st;
  CrnSearchStats stats;
  gint64 last_tick;
} Run;

static void
construction_tick (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time () - run->shared->start_us;
  if (run->report && run->opts.progress && now - run->last_tick >= 100000) {
    run->last_tick = now;
    run->opts.progress (now / 1000, (guint) run->st->hard + run->st->n_unplaced,
                        (guint64) MAX (run->st->soft, 0), run->opts.progress_data);
  }
}

static gpointer
run_one (gpointer data)
{
  Run *run = data;
  const CrnProblem *p = run->p;
  run->st = crn_state_new (p, &run->opts);
  GRand *rand = g_rand_new_with_seed ((guint32) (run->seed ^ (run->seed >> 32)));
  place_pins (run->st, &run->opts);
  if (run->opts.minimal_change && run->opts.previous)
    place_previous (run->st);
  crn_construct (run->st, rand, run->opts.cancellable, construction_tick, run);
  crn_construct_complete (run->st);
  g_rand_free (rand);
  gint64 t0 = g_get_monotonic_time ();
  /* The repair walk stops by itself when it stalls; while it still gains
   * it may use most of a time limit: in packed rooms the annealing
   * removes clashes far more slowly. Under an iteration limit it counts
   * its moves (a sixteenth of the limit at most), so a seed still gives
   * one answer. */
  guint64 move_limit = run->opts.iteration_limit / 16;
  gint64 deadline = run->opts.time_limit > 0
                        ? run->shared->start_us
                              + (gint64) (run->opts.time_limit * G_USEC_PER_SEC * 0.9)
                        : 0;
  CrnRepairStats rs = { 0 };
  crn_repair (run->st, run->seed, run->shared, run->report, move_limit, deadline, &rs);
  g_debug ("seed %" G_GUINT64_FORMAT ": repair from %u to %u hard in %" G_GUINT64_FORMAT
           " moves, %.2f s", run->seed, rs.hard_before, rs.hard_after, rs.moves,
           (g_get_monotonic_time () - t0) / 1e6);
  crn_search (run->st, run->seed, run->shared, run->report, &run->stats);
  g_debug ("seed %" G_GUINT64_FORMAT ": %" G_GUINT64_FORMAT " iterations (%.0f/s), %"
           G_GUINT64_FORMAT " accepted, hard %" G_GINT64_FORMAT " soft %" G_GINT64_FORMAT,
           run->seed, run->stats.iterations,
           run->stats.iterations / MAX (1e-6, (g_get_monotonic_time () - t0) / 1e6),
           run->stats.accepted, run->st->hard, run->st->soft);
  return NULL;
}

CrnTimetable *
crn_solve (const CrnEvent *event, const CrnSolveOptions *in_opts, gboolean *out_cancelled)
{
  CrnSolveOptions defaults;
  if (in_opts == NULL) {
    crn_solve_options_init (&defaults);
    in_opts = &defaults;
  }
  CrnSolveOptions opts = *in_opts;
  g_autoptr (CrnProblem) p = crn_problem_new (event);
  if (opts.time_limit <= 0 && opts.iteration_limit == 0)
    opts.iteration_limit = MAX ((guint64) DEFAULT_ITERATIONS_PER_OCC * p->n_occ,
                                DEFAULT_MIN_ITERATIONS);

  CrnSearchShared shared = { 0 };
  g_mutex_init (&shared.lock);
  shared.start_us = g_get_monotonic_time ();
  shared.best_hard = G_MAXUINT;
  shared.best_soft = G_MAXUINT64;
  shared.opts = &opts;

  guint n = MAX (opts.threads, 1);
  Run *runs = g_new0 (Run, n);
  GThread **threads = g_new0 (GThread *, n);
  for (guint i = 0; i < n; i++) {
    runs[i] = (Run) { p, opts, &shared, opts.seed + i, i == 0, NULL };
    if (i > 0)
      threads[i] = g_thread_new ("creneau-solve", run_one, &runs[i]);
  }
  run_one (&runs[0]);
  guint winner = 0;
  for (guint i = 0; i < n; i++) {
    if (i > 0)
      g_thread_join (threads[i]);
    const CrnState *a = runs[i].st, *b = runs[winner].st;
    if (a->hard < b->hard || (a->hard == b->hard && a->soft < b->soft))
      winner = i;
  }
  CrnTimetable *tt = crn_timetable_new (event);
  crn_state_to_timetable (runs[winner].st, tt);
  if (opts.progress)
    opts.progress ((g_get_monotonic_time () - shared.start_us) / 1000,
                   (guint) runs[winner].st->hard, (guint64) runs[winner].st->soft,
                   opts.progress_data);
  for (guint i = 0; i < n; i++)
    crn_state_free (runs[i].st);
  g_free (runs);
  g_free (threads);
  g_mutex_clear (&shared.lock);
  crn_evaluate (tt, &opts);
  if (out_cancelled)
    *out_cancelled = opts.cancellable && g_cancellable_is_cancelled (opts.cancellable);
  return tt;
}
