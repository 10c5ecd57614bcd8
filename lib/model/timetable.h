/* creneau — a timetable: where and when each occurrence of each session is,
 * and what it still violates. Produced by the solver, read by the writers,
 * stored by the daemon.
 */
#pragma once

#include "event.h"

G_BEGIN_DECLS

typedef struct {
  CrnSession *session;  /* not owned */
  guint occurrence;     /* 1-based */
  CrnRoom *room;        /* NULL: unassigned */
  CrnTime start;        /* valid when room != NULL or assigned */
  gboolean assigned;
} CrnAssignment;

typedef enum {
  CRN_VIOLATION_HARD,
  CRN_VIOLATION_SOFT,
} CrnViolationSeverity;

typedef struct {
  char *rule;                 /* "H1".."H9", "S1".."S8" */
  CrnViolationSeverity severity;
  char **sessions;            /* session ids, NULL-terminated */
  char **resources;           /* room/person/partner/audience ids */
  char *message;              /* one sentence in the event's own names */
  guint64 cost;               /* weighted cost for soft, 1 for hard */
} CrnViolation;

void crn_violation_free (CrnViolation *v);

typedef struct {
  const CrnEvent *event;      /* not owned; must outlive the timetable */
  GArray *assignments;        /* CrnAssignment, session order then occurrence */
  GPtrArray *violations;      /* CrnViolation* */
  guint hard;
  guint64 soft;
} CrnTimetable;

/* An empty timetable with one unassigned entry per occurrence. */
CrnTimetable *crn_timetable_new (const CrnEvent *event);
CrnTimetable *crn_timetable_copy (const CrnTimetable *tt);
void crn_timetable_free (CrnTimetable *tt);
CrnAssignment *crn_timetable_lookup (CrnTimetable *tt, const char *session_id, guint occurrence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnTimetable, crn_timetable_free)

G_END_DECLS
