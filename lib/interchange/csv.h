/* creneau — a timetable as CSV: `session,occurrence,room,start,end`
 * (DESIGN.md, Benchmark tool). Occurrences count from 1; times are local,
 * `YYYY-MM-DD HH:MM`; an unassigned occurrence has empty room, start and end.
 * Quoting follows RFC 4180; records end with CRLF. */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

#define CRN_CSV_TIMETABLE_HEADER "session,occurrence,room,start,end"

char *crn_csv_write_timetable (const CrnTimetable *tt);

/* Reads such a file back into a timetable of @event. Every error names
 * @file, the line and the column: unknown session or room, an occurrence
 * out of range or given twice, a time that is not `YYYY-MM-DD HH:MM`, an
 * end that does not match the session's duration. Occurrences absent from
 * the file stay unassigned. */
CrnTimetable *crn_csv_read_timetable (const CrnEvent *event, const char *text, gssize length,
                                      const char *file, GError **error);

G_END_DECLS
