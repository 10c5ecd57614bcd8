/* creneau — fetching remote calendars for plugins, within limits. */
#include "config.h"

#include "fetcher.h"
#include "model/error.h"

#include <libsoup/soup.h>

static gboolean
url_is_allowed (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  if (g_strcmp0 (scheme, "https") == 0)
    return TRUE;
  /* Plain HTTP only to this machine (a local CalDAV server, the tests). */
  return g_strcmp0 (scheme, "http") == 0 &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
          g_strcmp0 (host, "localhost") == 0);
}

GBytes *
crn_fetch_calendar (const char *url, gpointer user_data, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || !url_is_allowed (uri)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s is not an https:// address (plain http:// is allowed only to this "
                 "machine)", url);
    return NULL;
  }
  /* A session of its own: this runs in a reading thread, and a session
   * must stay in the thread that uses it. */
  g_autoptr (SoupSession) session = soup_session_new_with_options (
      "timeout", CRN_FETCH_TIMEOUT_SECONDS, "idle-timeout", CRN_FETCH_TIMEOUT_SECONDS,
      "user-agent", "creneau/" PACKAGE_VERSION " ", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  g_autoptr (GInputStream) in = soup_session_send (session, msg, NULL, error);
  if (in == NULL) {
    g_prefix_error (error, "%s: ", url);
    return NULL;
  }
  guint status = soup_message_get_status (msg);
  if (status < 200 || status >= 300) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "%s answered HTTP %u %s", url, status,
                 soup_message_get_reason_phrase (msg));
    return NULL;
  }
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 buf[16384];
  for (;;) {
    gssize n = g_input_stream_read (in, buf, sizeof buf, NULL, error);
    if (n < 0) {
      g_prefix_error (error, "%s: ", url);
      return NULL;
    }
    if (n == 0)
      break;
    if (data->len + (gsize) n > CRN_FETCH_MAX_BYTES) {
      g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                   "%s is larger than the limit of %u bytes for a remote calendar", url,
                   CRN_FETCH_MAX_BYTES);
      return NULL;
    }
    g_byte_array_append (data, buf, n);
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
