/* creneau — ITC2007 track 3 (curriculum-based course timetabling) instances
 * and solutions, imported into the event model.
 *
 * Mapping (bench/itc2007 README): each day is a [Day] of Periods_per_day
 * one-hour steps from 08:00, the first day being CRN_ITC2007_FIRST_DAY; a
 * course is a session of Count=lectures one-hour occurrences with MinDays,
 * its teacher as speaker, its curricula as audiences, its unavailable
 * periods as Unavailable and its students as Attendance; rooms keep their
 * capacity. Weights: CapacityOverflow=1, SpreadDays=5, Compactness=2,
 * RoomStability=1 (formulation UD2).
 *
 * ITC2007 names may hold capitals and dots, which creneau ids may not: each
 * name becomes a lower-case id (other characters turned into '-', a "-N"
 * suffix on a clash) and the original is kept as the room's name, the
 * session's title and the person's name, so solutions are written back with
 * the competition's names.
 */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

/* 2007-01-01, a Monday: the date of day 0. */
#define CRN_ITC2007_FIRST_YEAR 2007
#define CRN_ITC2007_FIRST_MONTH 1
#define CRN_ITC2007_FIRST_MDAY 1
#define CRN_ITC2007_DAY_START_MINUTE (8 * 60)
#define CRN_ITC2007_MAX_PERIODS_PER_DAY 16
#define CRN_ITC2007_MAX_DAYS 366

typedef struct _CrnItc2007 CrnItc2007;

/* Parses the text of a .ctt file; @file names it in error messages
 * ("comp01.ctt:12: ..."). */
CrnItc2007 *crn_itc2007_parse (const char *text, gsize length, const char *file, GError **error);
CrnItc2007 *crn_itc2007_load (const char *path, GError **error);
void crn_itc2007_free (CrnItc2007 *itc);

/* The event the instance was imported into, owned by @itc. */
CrnEvent *crn_itc2007_get_event (const CrnItc2007 *itc);
const char *crn_itc2007_get_name (const CrnItc2007 *itc); /* the Name: header */
guint crn_itc2007_get_n_days (const CrnItc2007 *itc);
guint crn_itc2007_get_periods_per_day (const CrnItc2007 *itc);
/* Start of period @period (0-based) of day @day (0-based). */
CrnTime crn_itc2007_period_start (const CrnItc2007 *itc, guint day, guint period);
/* Inverse of crn_itc2007_period_start; FALSE when @t is not a period start. */
gboolean crn_itc2007_period_of (const CrnItc2007 *itc, CrnTime t, guint *out_day,
                                guint *out_period);

/* Reads a solution (`course room day period` per line) into a timetable of
 * the instance's event. Lectures of a course fill its occurrences in the
 * order of the lines; lectures the file does not give stay unassigned (the
 * evaluation counts them). Unknown names, periods out of range and more
 * lectures than the course has are errors naming the line. The timetable is
 * not evaluated. */
CrnTimetable *crn_itc2007_read_solution (const CrnItc2007 *itc, const char *text, gsize length,
                                         const char *file, GError **error);
CrnTimetable *crn_itc2007_load_solution (const CrnItc2007 *itc, const char *path,
                                         GError **error);
/* One line per assigned lecture, in timetable order. FALSE and @error when
 * an assignment is not on the instance's grid. */
char *crn_itc2007_write_solution (const CrnItc2007 *itc, const CrnTimetable *tt, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnItc2007, crn_itc2007_free)

G_END_DECLS
