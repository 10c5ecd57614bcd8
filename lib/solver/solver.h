/* creneau — the solver's public face inside libcreneau.
 *
 * crn_solve() assigns every occurrence of every session a start and a room
 * (DESIGN.md, Constraints and Solver). crn_evaluate() scores any timetable
 * with the same rules; the solver, the benchmark tool and the daemon all use
 * it, so a cost is computed in exactly one place.
 */
#pragma once

#include <gio/gio.h>
#include "model/timetable.h"

G_BEGIN_DECLS

typedef struct {
  CrnSession *session;  /* not owned */
  guint occurrence;     /* 1-based */
  CrnRoom *room;
  CrnTime start;
} CrnPin;

typedef void (*CrnProgressFunc) (gint64 elapsed_ms, guint best_hard, guint64 best_soft,
                                 gpointer user_data);

typedef struct {
  gdouble time_limit;            /* seconds; 0: no limit */
  guint64 iteration_limit;       /* 0: no limit */
  guint64 seed;
  guint threads;                 /* 0 or 1: one thread */
  const CrnTimetable *previous;  /* last published timetable (S6), or NULL */
  gboolean minimal_change;       /* start from @previous, move only what must */
  const CrnPin *pins;            /* H5 */
  guint n_pins;
  CrnProgressFunc progress;      /* called at least every 200 ms, from the solving thread */
  gpointer progress_data;
  GCancellable *cancellable;     /* checked often enough to stop within 100 ms */
} CrnSolveOptions;

void crn_solve_options_init (CrnSolveOptions *opts);

/* Always returns a complete timetable (its best), with violations filled by
 * crn_evaluate(). @out_cancelled (may be NULL) says whether it stopped early
 * on request. */
CrnTimetable *crn_solve (const CrnEvent *event, const CrnSolveOptions *opts,
                         gboolean *out_cancelled);

/* Scores @tt against every rule H1–H9 and S1–S8: fills tt->violations (one
 * entry per violation, rule id first), tt->hard and tt->soft. @opts may be
 * NULL (no pins, no previous timetable). */
void crn_evaluate (CrnTimetable *tt, const CrnSolveOptions *opts);

G_END_DECLS
