/* creneau — the non-calendar export formats of Export (json, csv, frab). */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

gboolean crn_export_format_known (const char *format);

/* @person, @room, @partner (at most one) narrow the export to that
 * resource's sessions where the format allows it. */
gboolean crn_export_timetable (const CrnTimetable *tt, const char *format, const char *person,
                               const char *room, const char *partner, char **out_data,
                               gsize *out_length, GError **error);

G_END_DECLS
