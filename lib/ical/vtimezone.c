/* creneau — VTIMEZONE components with the plain IANA TZID.
 *
 * libical's built-in zones carry a TZID with its own prefix and every
 * transition since the 19th century. Clients match TZID against IANA names,
 * so give them the plain name, and only the years the calendar needs.
 */
#include "config.h"

#include "vtimezone.h"
#include "model/error.h"

icalcomponent *
crn_ical_vtimezone_new (const char *iana_name, int first_year, int last_year, GError **error)
{
  icaltimezone *builtin = icaltimezone_get_builtin_timezone (iana_name);
  icalcomponent *source = builtin ? icaltimezone_get_component (builtin) : NULL;
  if (source == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "The time zone \"%s\" is not known to the calendar library", iana_name);
    return NULL;
  }
  g_autoptr (icalcomponent) vtz = icalcomponent_new_clone (source);
  icalproperty *tzid = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
  if (tzid)
    icalproperty_set_tzid (tzid, iana_name);
  else
    icalcomponent_add_property (vtz, icalproperty_new_tzid (iana_name));

  /* Both bounds in UTC, as icaltimezone_truncate_vtimezone requires; a day
   * of margin each side covers the zone's own offset. */
  struct icaltimetype start = icaltime_null_time ();
  start.year = first_year - 1;
  start.month = 12;
  start.day = 31;
  start.zone = icaltimezone_get_utc_timezone ();
  struct icaltimetype end = icaltime_null_time ();
  end.year = last_year + 1;
  end.month = 1;
  end.day = 2;
  end.zone = icaltimezone_get_utc_timezone ();
  icaltimezone_truncate_vtimezone (vtz, start, end, 0);
  return g_steal_pointer (&vtz);
}
