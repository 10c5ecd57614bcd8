/* creneau — a timetable as JSON (schema in docs/json-export.md). */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

char *crn_json_write_timetable (const CrnTimetable *tt);

/* Appends @text as a JSON string literal (quotes included): '"', '\\' and
 * every control character escaped, U+2028/U+2029 escaped for JavaScript,
 * invalid UTF-8 replaced by U+FFFD. NULL gives `null`. */
void crn_json_append_string (GString *out, const char *text);

G_END_DECLS
