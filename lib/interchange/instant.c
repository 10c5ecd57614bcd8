/* creneau — event-local times as real instants. */
#include "config.h"

#include "instant.h"

#include <string.h>

char *
crn_instant_format_local (CrnTime t, GTimeZone *tz)
{
  int y, m, d, h, mi;
  crn_time_to_ymd_hm (t, &y, &m, &d, &h, &mi);
  g_autoptr (GDateTime) dt = g_date_time_new (tz, y, m, d, h, mi, 0);
  if (dt == NULL)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00Z", y, m, d, h, mi);
  /* GLib's %:z gives "+01:00"; the wall clock printed is the one asked for,
   * unless it fell into a spring-forward gap, where GLib moves it. */
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
crn_instant_format_utc (CrnTime t, GTimeZone *tz)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (crn_time_to_unix (t, tz));
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
crn_instant_parse (const char *text, GTimeZone *tz, CrnTime *out)
{
  if (text == NULL)
    return FALSE;
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (text, tz);
  if (dt == NULL)
    return FALSE;
  /* The model's dates run from 1971 to 9999 (crn_time_parse_date): an
   * instant outside could be read but not written back. */
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, tz);
  int year = local ? g_date_time_get_year (local) : 0;
  if (year < 1971 || year > 9999)
    return FALSE;
  *out = crn_time_from_unix (g_date_time_to_unix (dt), tz);
  return TRUE;
}
