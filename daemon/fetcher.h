/* creneau — how the daemon fetches a remote calendar for a plugin
 * (Calendar=https://...): HTTPS only (plain HTTP to this machine only), with
 * a size and a time limit. Blocking: it runs in the thread that reads an
 * event, never on the main loop.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRN_FETCH_MAX_BYTES (8u * 1024 * 1024)
#define CRN_FETCH_TIMEOUT_SECONDS 20

/* A CrnPluginFetchFunc. */
GBytes *crn_fetch_calendar (const char *url, gpointer user_data, GError **error);

G_END_DECLS
