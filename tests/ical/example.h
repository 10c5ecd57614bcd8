/* creneau tests — the journees-2018 example, read with the built plugins and
 * solved. */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

/* Reads @dir with the plugins of the build tree and solves it (fixed seed,
 * iteration limit). Returns FALSE with @error when it cannot be read. */
gboolean crn_example_solve (const char *dir, CrnEvent **out_event, CrnTimetable **out_tt,
                            GError **error);

G_END_DECLS
