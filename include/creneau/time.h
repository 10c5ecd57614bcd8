/* creneau — local wall-clock time and interval sets.
 *
 * All times inside the model are CrnTime: minutes since 1970-01-01 00:00 on
 * the event's local wall clock (not UTC). Grid arithmetic and the event file
 * format are both local, so the solver never sees a time zone; conversion to
 * real instants happens only at the edges (iCalendar in and out).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 CrnTime;

#define CRN_MINUTES_PER_DAY 1440

typedef struct {
  CrnTime start; /* inclusive */
  CrnTime end;   /* exclusive */
} CrnInterval;

/* Parsing of the event file format. All return FALSE on bad text. */
gboolean crn_time_parse_date (const char *text, CrnTime *out_midnight);        /* YYYY-MM-DD */
gboolean crn_time_parse_clock (const char *text, int *out_minute_of_day);      /* HH:MM */
gboolean crn_time_parse (const char *text, CrnTime *out);                      /* YYYY-MM-DD HH:MM */
/* "YYYY-MM-DD HH:MM-HH:MM" or "YYYY-MM-DD" (the whole day) */
gboolean crn_time_parse_interval (const char *text, CrnTime *out_start, CrnTime *out_end);

CrnTime crn_time_from_ymd_hm (int year, int month, int day, int hour, int minute);
void crn_time_to_ymd_hm (CrnTime t, int *year, int *month, int *day, int *hour, int *minute);
CrnTime crn_time_day_start (CrnTime t);
int crn_time_minute_of_day (CrnTime t);
char *crn_time_format (CrnTime t);      /* "YYYY-MM-DD HH:MM" */
char *crn_time_format_date (CrnTime t); /* "YYYY-MM-DD" */
char *crn_time_format_clock (CrnTime t);/* "HH:MM" */

/* Conversion to and from real instants through a zone. */
gint64 crn_time_to_unix (CrnTime t, GTimeZone *tz);
CrnTime crn_time_from_unix (gint64 unix_seconds, GTimeZone *tz);

/* A set of disjoint, sorted, half-open intervals. */
typedef struct _CrnIntervalSet CrnIntervalSet;

CrnIntervalSet *crn_interval_set_new (void);
CrnIntervalSet *crn_interval_set_copy (const CrnIntervalSet *set);
void crn_interval_set_free (CrnIntervalSet *set);
void crn_interval_set_clear (CrnIntervalSet *set);

void crn_interval_set_add (CrnIntervalSet *set, CrnTime start, CrnTime end);
void crn_interval_set_remove (CrnIntervalSet *set, CrnTime start, CrnTime end);
void crn_interval_set_union (CrnIntervalSet *set, const CrnIntervalSet *other);
void crn_interval_set_intersect (CrnIntervalSet *set, const CrnIntervalSet *other);
void crn_interval_set_subtract (CrnIntervalSet *set, const CrnIntervalSet *other);

/* TRUE when [start, end) lies wholly inside one interval of the set. */
gboolean crn_interval_set_fits (const CrnIntervalSet *set, CrnTime start, CrnTime end);
/* TRUE when [start, end) shares at least one minute with the set. */
gboolean crn_interval_set_overlaps (const CrnIntervalSet *set, CrnTime start, CrnTime end);
gboolean crn_interval_set_contains (const CrnIntervalSet *set, CrnTime t);
gboolean crn_interval_set_is_empty (const CrnIntervalSet *set);
gboolean crn_interval_set_equal (const CrnIntervalSet *a, const CrnIntervalSet *b);
guint crn_interval_set_get_n (const CrnIntervalSet *set);
CrnInterval crn_interval_set_get (const CrnIntervalSet *set, guint i);
CrnTime crn_interval_set_total (const CrnIntervalSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnIntervalSet, crn_interval_set_free)

G_END_DECLS
