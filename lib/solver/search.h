/* creneau — construction and local search over a CrnState. */
#pragma once

#include "state.h"

G_BEGIN_DECLS

/* Shared between the runs of one solve (one per thread). */
typedef struct {
  GMutex lock;
  gint64 start_us;
  guint best_hard;
  guint64 best_soft;
  gint stop;              /* atomic: cancelled, or a run found cost 0 */
  const CrnSolveOptions *opts;
} CrnSearchShared;

typedef struct {
  guint64 iterations;
  guint64 accepted;
  guint64 improvements;
} CrnSearchStats;

/* @tick (may be NULL) is called every few sessions, for progress. */
void crn_construct (CrnState *st, GRand *rand, GCancellable *cancellable,
                    void (*tick) (gpointer data), gpointer tick_data);
void crn_construct_complete (CrnState *st);

/* Anneals @st from where it is; leaves the best state found in @st.
 * @report: this run calls the progress callback. */
void crn_search (CrnState *st, guint64 seed, CrnSearchShared *shared, gboolean report,
                 CrnSearchStats *stats);

G_END_DECLS
