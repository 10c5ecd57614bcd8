/* creneau — the pre-solve check: what can never fit, and why.
 *
 * Before a solve (the daemon answers Solve with Infeasible and these; the
 * command line prints them), finds what no timetable can satisfy, in the
 * event's own names:
 *  - a session with no possible start, no suitable room, no start where a
 *    suitable room is free, or fewer non-overlapping starts than its Count,
 *    with the rule that removed each group of candidates;
 *  - a person or an audience booked for more minutes than the open time in
 *    which they are available, exclusive sessions longer than the open time,
 *    more session time than the rooms can hold;
 *  - a block with more sessions than suitable rooms, with no common start,
 *    with no common start at which each member has a free suitable room, or
 *    whose sessions share a person or an audience; blocks that can each
 *    run only at the same start and together outnumber the rooms free then;
 *  - sessions running at the same moment whatever their start (fixed
 *    starts, a single possible round) that outnumber the suitable rooms free
 *    at that moment;
 *  - After= orders that form a cycle;
 *  - pins that break a rule on their own.
 * Each finding is a CrnViolation of severity hard whose rule is the id
 * (H1–H9) of the rule that makes it impossible.
 */
#pragma once

#include "solver.h"

G_BEGIN_DECLS

/* Returns the findings (CrnViolation*, freed with the array); empty when
 * nothing is impossible on its face. @opts may be NULL; only its pins are
 * read. */
GPtrArray *crn_check_event (const CrnEvent *event, const CrnSolveOptions *opts);

/* "H3: session atelier-2 has no possible start: ..." one line per finding,
 * NULL-terminated. */
char **crn_check_format (const GPtrArray *findings);

G_END_DECLS
