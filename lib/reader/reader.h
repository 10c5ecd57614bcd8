/* creneau — the event-directory reader (event file format version 1).
 *
 * Reads event.conf and the files it names, runs the plugins of its
 * [Plugin NAME] groups (rooms, people, partners), then resolves every
 * reference and checks what can be checked without solving: DESIGN.md, "The
 * event directory".
 */
#pragma once

#include <creneau/creneau.h>
#include "model/event.h"
#include "model/files.h"
#include "plugin/registry.h"

G_BEGIN_DECLS

#define CRN_EVENT_FILE "event.conf"

/* Every problem found goes to @diags, one sentence each, errors and warnings
 * alike; reading goes on after an error so that all are reported at once.
 * Returns NULL when there is at least one error. @plugins may be NULL: the
 * [Plugin NAME] groups are then recorded in event->plugin_groups but not run
 * (references to people, rooms and partners will then be unknown). */
CrnEvent *crn_event_read (CrnEventFiles *files, CrnPluginRegistry *plugins,
                          CrnDiagnostics *diags);

G_END_DECLS
