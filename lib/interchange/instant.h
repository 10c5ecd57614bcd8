/* creneau — event-local times as real instants, for the interchange formats. */
#pragma once

#include "model/event.h"

G_BEGIN_DECLS

/* "2020-02-01T09:30:00+01:00": the local wall clock with the zone's offset
 * at that moment. */
char *crn_instant_format_local (CrnTime t, GTimeZone *tz);
/* "2020-02-01T08:30:00Z". */
char *crn_instant_format_utc (CrnTime t, GTimeZone *tz);
/* Parses an ISO 8601 date-time; without an offset it is read in @tz. Returns
 * FALSE on bad text and on instants whose date in @tz is before 1971 or
 * after 9999, which the model does not take. */
gboolean crn_instant_parse (const char *text, GTimeZone *tz, CrnTime *out);

G_END_DECLS
