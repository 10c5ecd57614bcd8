/* creneau — from one published revision to the next.
 *
 * SEQUENCE moves only when an occurrence's time, room or title changed
 * (RFC 5545 §3.8.7.4: the changes that matter to someone who has it in a
 * calendar); an occurrence that disappears stays published as
 * STATUS:CANCELLED with a higher SEQUENCE so subscribed calendars drop it.
 */
#pragma once

#include "publication.h"

G_BEGIN_DECLS

typedef enum {
  CRN_CHANGE_NEW,
  CRN_CHANGE_MOVED,      /* time or room */
  CRN_CHANGE_CANCELLED,
  CRN_CHANGE_RENAMED,
} CrnChangeKind;

const char *crn_change_kind_to_string (CrnChangeKind kind); /* "moved" */

typedef struct {
  char *uid;
  char *session_id;      /* or the break id */
  guint occurrence;      /* 0 for a break */
  CrnChangeKind kind;
  char *sentence;        /* one readable sentence, in the event's own names */
} CrnChange;

void crn_change_free (CrnChange *change);

/* The publication that follows @previous (NULL: the first one) when @tt is
 * published at @now (Unix seconds). @out_changes (may be NULL) receives a new
 * array of CrnChange*: one entry per kind of change per UID, in timetable
 * order, cancellations last. An occurrence both moved and renamed gives two
 * entries. */
CrnPublication *crn_revision_compute (const CrnPublication *previous, const CrnTimetable *tt,
                                      gint64 now, GPtrArray **out_changes);

G_END_DECLS
