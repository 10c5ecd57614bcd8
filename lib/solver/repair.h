/* creneau — repair of hard violations by a tabu walk (an ejection chain). */
#pragma once

#include "search.h"

G_BEGIN_DECLS

typedef struct {
  guint64 moves;
  guint64 rebuilds;
  guint hard_before;
  guint hard_after;
} CrnRepairStats;

/* Walks @st towards no hard violation: an occurrence in a hard violation
 * moves to the start and room where it clashes least, the sessions it
 * displaces follow in later steps, and recent positions are tabu. Stops at
 * zero hard, when the walk stalls, at @move_limit moves (0: no limit) or at
 * @deadline_us (monotonic time; 0: none), and leaves the best state seen
 * (fewest hard violations) in @st. Deterministic for a given @seed and
 * move limit. @report: this run calls the progress callback. */
void crn_repair (CrnState *st, guint64 seed, CrnSearchShared *shared, gboolean report,
                 guint64 move_limit, gint64 deadline_us, CrnRepairStats *stats);

G_END_DECLS
