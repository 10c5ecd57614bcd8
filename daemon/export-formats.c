/* creneau — Export's json, csv and frab formats, through lib/interchange. */
#include "config.h"

#include "export-formats.h"
#include "dbus-object.h"
#include "interchange/frab.h"

#include <string.h>

gboolean
crn_export_format_known (const char *format)
{
  return g_strcmp0 (format, "frab") == 0;
}

gboolean
crn_export_timetable (const CrnTimetable *tt, const char *format, const char *person,
                      const char *room, const char *partner, char **out_data,
                      gsize *out_length, GError **error)
{
  if (g_strcmp0 (format, "frab") == 0) {
    if (person || room || partner) {
      g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                   "A frab schedule covers the whole event; drop the speaker, room or "
                   "partner option.");
      return FALSE;
    }
    *out_data = crn_frab_write (tt, NULL);
    *out_length = strlen (*out_data);
    return TRUE;
  }
  g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
               "Unknown export format \"%s\"; use ics, json, csv or frab.", format);
  return FALSE;
}
