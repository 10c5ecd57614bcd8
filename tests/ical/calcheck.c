/* creneau tests — reading calendars back through libical. */
#include "config.h"

#include "calcheck.h"

icalcomponent *
crn_check_parse (const char *text)
{
  icalcomponent *cal = icalparser_parse_string (text);
  g_assert_nonnull (cal);
  g_assert_cmpint (icalcomponent_isa (cal), ==, ICAL_VCALENDAR_COMPONENT);
  /* libical marks what it could not parse with X-LIC-ERROR. */
  g_assert_cmpint (icalcomponent_count_errors (cal), ==, 0);
  return cal;
}

const char *
crn_check_calendar_x (icalcomponent *cal, const char *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (cal, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property (cal, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

icalcomponent *
crn_check_find_vevent (icalcomponent *cal, const char *uid)
{
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0)
      return c;
  return NULL;
}

guint
crn_check_count_vevents (icalcomponent *cal)
{
  return (guint) icalcomponent_count_components (cal, ICAL_VEVENT_COMPONENT);
}

/* The Unix time of DTSTART/DTEND, resolving TZID through the calendar's own
 * VTIMEZONE, never through libical's built-in zones. */
gint64
crn_check_resolve_time (icalcomponent *cal, icalproperty *prop)
{
  struct icaltimetype t = icalvalue_get_datetime (icalproperty_get_value (prop));
  icalparameter *tzid = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (tzid == NULL) {
    g_assert_true (icaltime_is_utc (t));
    return icaltime_as_timet (t);
  }
  for (icalcomponent *vtz = icalcomponent_get_first_component (cal, ICAL_VTIMEZONE_COMPONENT);
       vtz; vtz = icalcomponent_get_next_component (cal, ICAL_VTIMEZONE_COMPONENT)) {
    icalproperty *id = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
    if (g_strcmp0 (icalproperty_get_tzid (id), icalparameter_get_tzid (tzid)) != 0)
      continue;
    icaltimezone *zone = icaltimezone_new ();
    g_assert_true (icaltimezone_set_component (zone, icalcomponent_new_clone (vtz)));
    t.zone = NULL;
    gint64 result = icaltime_as_timet_with_zone (t, zone);
    icaltimezone_free (zone, 1);
    return result;
  }
  g_assert_not_reached ();
}

static const icalproperty_kind required[] = {
  ICAL_UID_PROPERTY, ICAL_DTSTAMP_PROPERTY, ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY,
  ICAL_SUMMARY_PROPERTY, ICAL_SEQUENCE_PROPERTY, ICAL_LASTMODIFIED_PROPERTY,
  ICAL_STATUS_PROPERTY, ICAL_ORGANIZER_PROPERTY,
};

void
crn_check_vevents_complete (icalcomponent *cal)
{
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT)) {
    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      if (icalcomponent_count_properties (c, required[i]) != 1)
        g_error ("VEVENT %s has %d %s properties", icalcomponent_get_uid (c),
                 icalcomponent_count_properties (c, required[i]),
                 icalproperty_kind_to_string (required[i]));
    g_assert_cmpint (icalcomponent_count_properties (c, ICAL_ATTENDEE_PROPERTY), ==, 0);
  }
}
