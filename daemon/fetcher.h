/* creneau — how the daemon fetches a remote calendar for a plugin
 * (Calendar=https://...): HTTPS only (plain HTTP to this machine only), with
 * a size and a time limit (CRN_LIMIT_CALENDAR_BYTES, CRN_LIMIT_FETCH_SECONDS). Blocking: it runs in the thread that reads an
 * event, never on the main loop.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A CrnPluginFetchFunc. */
GBytes *crn_fetch_calendar (const char *url, gpointer user_data, GError **error);

G_END_DECLS
