/* creneau — text made safe for iCalendar properties (internal to lib/ical). */
#pragma once

#include "model/event.h"

G_BEGIN_DECLS

/* Valid UTF-8 without control characters: C0 (except TAB, and LF when
 * @keep_newlines; CR LF and lone CR become LF), DEL and C1 are dropped, as
 * are U+FFFE/U+FFFF. Without @keep_newlines line breaks become spaces.
 * libical escapes the rest (',' ';' '\\' newlines) and folds the lines. */
char *crn_ical_clean_text (const char *text, gboolean keep_newlines);

/* LOCATION of a room: "name, site", cleaned; NULL for no room. */
char *crn_ical_room_location (const CrnRoom *room);

G_END_DECLS
