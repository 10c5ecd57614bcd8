/* creneau — the arguments of LoadEvent, decoded without a bus.
 *
 * Kept apart from the manager so that tests and fuzzers can run the exact
 * decoding the daemon applies to what a client sends.
 */
#pragma once

#include <glib.h>
#include <dbus/dbus.h>

#include "model/files.h"

G_BEGIN_DECLS

/* The in-signature of LoadEvent: the files by name, then the options. */
#define CRN_LOAD_EVENT_SIGNATURE "a{say}a{sv}"

/* Decodes the files and the options of a LoadEvent call. Returns NULL with
 * an error that the bus answers as InvalidInput when @msg does not have
 * CRN_LOAD_EVENT_SIGNATURE, a file name is unsafe or given twice, a limit of
 * model/files.h is passed (crn_event_files_add's errors), event.conf is
 * missing, or an option is unknown or of the wrong type. @replace may be
 * NULL. */
CrnEventFiles *crn_load_event_args_decode (DBusMessage *msg, gboolean *replace, GError **error);

G_END_DECLS
