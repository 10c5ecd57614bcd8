/* creneau speakers-ics — the busy time of one iCalendar file.
 *
 * Kept apart from the plugin glue so that it can be tested and fuzzed on its
 * own: bytes in, local intervals out, nothing else touched.
 */
#pragma once

#include <glib.h>
#include <creneau/limits.h>
#include <creneau/time.h>

G_BEGIN_DECLS

/* Limits (<creneau/limits.h>): larger files than CRN_LIMIT_CALENDAR_BYTES
 * are refused before parsing (remote calendars too); recurrence iterator
 * steps for one file, all rules together, CRN_LIMIT_CALENDAR_INSTANCES, in
 * CRN_LIMIT_CALENDAR_SECONDS; STANDARD and DAYLIGHT parts of all the
 * VTIMEZONEs of one file, CRN_LIMIT_CALENDAR_ZONE_PARTS, and the years of
 * yearly changes they expand to, CRN_LIMIT_CALENDAR_ZONE_YEARS. */

#define CRN_ICS_BUSY_ERROR (crn_ics_busy_error_quark ())
GQuark crn_ics_busy_error_quark (void);

typedef enum {
  CRN_ICS_BUSY_ERROR_TOO_LARGE,
  CRN_ICS_BUSY_ERROR_MALFORMED,
  CRN_ICS_BUSY_ERROR_TIMEZONE,
  CRN_ICS_BUSY_ERROR_TOO_MANY_INSTANCES,
  CRN_ICS_BUSY_ERROR_UNSUPPORTED,
} CrnIcsBusyError;

typedef enum {
  CRN_ICS_BUSY,      /* a hard conflict: opaque VEVENT, FBTYPE=BUSY, BUSY-UNAVAILABLE */
  CRN_ICS_TENTATIVE, /* FBTYPE=BUSY-TENTATIVE: only a preference */
} CrnIcsBusyKind;

typedef struct {
  CrnTime start; /* event wall clock, inclusive */
  CrnTime end;   /* exclusive */
  CrnIcsBusyKind kind;
} CrnIcsBusy;

/* Reads the busy time of @bytes (one iCalendar file) that falls inside
 * [@span_start, @span_end), the event's days on the wall clock of @tz.
 * Returns the intervals clipped to the span, sorted by start, one per
 * occurrence (not merged), or NULL with an error sentence that does not name
 * the file (the caller knows it). */
GArray *crn_ics_busy_read (GBytes *bytes, GTimeZone *tz, CrnTime span_start, CrnTime span_end,
                           GError **error);

G_END_DECLS
