/* creneau tests — reading calendars back through libical. */
#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/* Parses @text, asserting one VCALENDAR that libical read without error. */
icalcomponent *crn_check_parse (const char *text);
const char *crn_check_calendar_x (icalcomponent *cal, const char *name);
icalcomponent *crn_check_find_vevent (icalcomponent *cal, const char *uid);
guint crn_check_count_vevents (icalcomponent *cal);
/* The Unix time of a DTSTART/DTEND, resolving TZID through the calendar's
 * own VTIMEZONE only. */
gint64 crn_check_resolve_time (icalcomponent *cal, icalproperty *prop);
/* Every VEVENT has exactly one of each required property and no ATTENDEE. */
void crn_check_vevents_complete (icalcomponent *cal);

G_END_DECLS
