/* creneau — the names of the time zones this system knows, for suggestions. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The zone closest to @name among those of the system's tz database, when it
 * is a likely typo (case is ignored); NULL otherwise or when the database
 * lists no names. Free the result. */
char *crn_zone_suggest (const char *name);

G_END_DECLS
