/* creneau — Explain(session): why a session is where it is, and what rules
 * out every other day, time and room.
 *
 * Lines for an organiser, in the event's own names:
 *   atelier-2 is on Mon 26 Nov 13:45–15:45 in salle-3.
 *   It breaks no rule and adds nothing to the soft cost there.
 *   Rooms: salle-1 too small (40 < 60); amphi lacks tag workshop; suitable: salle-2, salle-3.
 *   Mon 26 Nov — 09:00–11:45: speaker caron busy 26 Nov 09:00–14:00 (speakers/caron.ics); ...
 * Other starts are grouped per day into runs with the same obstacle, so an
 * event of thousands of candidates still gives one line per day. The other
 * occurrences and sessions stay where @tt has them; for a session given
 * several times, the alternatives are those of its first occurrence.
 */
#pragma once

#include "solver.h"

G_BEGIN_DECLS

/* NULL-terminated lines (free with g_strfreev); NULL with CRN_ERROR_NOT_FOUND
 * when @session_id is not a session of @ev. @tt must be a timetable of @ev,
 * or NULL before any solve (every session is then unplaced). */
char **crn_explain (const CrnEvent *ev, const CrnTimetable *tt, const char *session_id,
                    GError **error);
/* The same lines as a GPtrArray of strings (freed with the array), for a
 * caller that holds the session already: the daemon's Explain method. */
GPtrArray *crn_explain_session (const CrnEvent *ev, const CrnTimetable *tt,
                                const CrnSession *session, GError **error);

G_END_DECLS
