/* creneau — why a session cannot be at a time or in a room, in the event's
 * own names.
 *
 * The rules themselves live in problem.c (crn_problem_start_reason,
 * crn_problem_room_reason), shared with the solver's candidate lists; this
 * file only turns their answers into sentences that name the speaker, the
 * break, the room and the file a busy time came from. The pre-solve check
 * (check.c) and Explain (explain.c) both speak through it.
 */
#pragma once

#include "problem.h"

G_BEGIN_DECLS

typedef struct {
  const char *rule; /* "H3", "H4", "H5" */
  char *key;        /* the obstacle without its times, to group candidates:
                     * "speaker caron is busy (speakers/caron.ics)" */
  char *text;       /* the obstacle with its times:
                     * "speaker caron busy 26 Nov 09:00–14:00 (speakers/caron.ics)" */
} CrnReason;

void crn_reason_clear (CrnReason *r);

/* The grid-rounded length a session occupies. */
guint crn_reason_occupied_minutes (const CrnEvent *ev, const CrnSession *s);

/* Whether @s could start at @start on its own (windows, breaks, its own,
 * its people's and partners' availability, Days=, Starts=, Start=). FALSE
 * means free and leaves @out untouched. @open is crn_event_open_time(). */
gboolean crn_reason_start (const CrnEvent *ev, const CrnIntervalSet *open, const CrnSession *s,
                           CrnTime start, CrnReason *out);
/* Whether @s can never use @room (Room=, tags, capacity when hard). */
gboolean crn_reason_room (const CrnEvent *ev, const CrnSession *s, const CrnRoom *room,
                          CrnReason *out);
/* Whether @room is unavailable during [start, end) (H3). */
gboolean crn_reason_room_busy (const CrnRoom *room, CrnTime start, CrnTime end, CrnReason *out);

/* "26 Nov 09:00–14:00", "26 Nov 22:00–27 Nov 02:00", "26 Nov" for a whole
 * day. */
char *crn_reason_format_interval (CrnTime start, CrnTime end);
/* "Mon 26 Nov" */
char *crn_reason_format_day (CrnTime t);

/* "speaker" or "moderator" (or "person") as @p stands in @s. */
const char *crn_reason_person_role (const CrnSession *s, const CrnPerson *p);

G_END_DECLS
