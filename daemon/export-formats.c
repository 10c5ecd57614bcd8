/* creneau — Export's json, csv and frab formats, through lib/interchange.
 *
 * These formats describe the whole programme; a person's, room's or
 * partner's own view is a calendar (ics).
 */
#include "config.h"

#include "export-formats.h"
#include "dbus-object.h"
#include "interchange/csv.h"
#include "interchange/frab.h"
#include "interchange/json.h"

#include <string.h>

gboolean
crn_export_format_known (const char *format)
{
  return g_strcmp0 (format, "frab") == 0 || g_strcmp0 (format, "json") == 0 ||
         g_strcmp0 (format, "csv") == 0;
}

gboolean
crn_export_timetable (const CrnTimetable *tt, const char *format, const char *person,
                      const char *room, const char *partner, char **out_data,
                      gsize *out_length, GError **error)
{
  if (!crn_export_format_known (format)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Unknown export format \"%s\"; use ics, json, csv or frab.", format);
    return FALSE;
  }
  if (person || room || partner) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "The %s format covers the whole event; use ics for one speaker's, room's "
                 "or partner's calendar.", format);
    return FALSE;
  }
  if (g_str_equal (format, "frab"))
    *out_data = crn_frab_write (tt, NULL);
  else if (g_str_equal (format, "json"))
    *out_data = crn_json_write_timetable (tt);
  else
    *out_data = crn_csv_write_timetable (tt);
  *out_length = strlen (*out_data);
  return TRUE;
}
