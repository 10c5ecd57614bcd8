/* creneau — fetching remote calendars for plugins, within limits. */
#include "config.h"

#include "fetcher.h"
#include "model/error.h"

#include <creneau/limits.h>
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

/* libsoup's timeouts bound each read, not the whole transfer: a server that
 * trickles bytes would hold the reading thread for ever. The main loop
 * cancels the transfer when the deadline passes. */
static gboolean
deadline_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* A GSource that is destroyed, not only released, when it goes. */
typedef GSource FetchDeadline;

static FetchDeadline *
start_deadline (GCancellable *cancellable)
{
  GSource *source = g_timeout_source_new_seconds (CRN_LIMIT_FETCH_SECONDS);
  g_source_set_callback (source, deadline_cb, g_object_ref (cancellable), g_object_unref);
  g_source_attach (source, NULL);
  return source;
}

static void
stop_deadline (FetchDeadline *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchDeadline, stop_deadline)

static void
set_fetch_error (GError **error, GCancellable *cancellable, const char *url, GError *local)
{
  if (g_cancellable_is_cancelled (cancellable)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "%s took more than the limit of %u s to fetch", url, CRN_LIMIT_FETCH_SECONDS);
    g_error_free (local);
    return;
  }
  g_propagate_prefixed_error (error, local, "%s: ", url);
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
      "timeout", CRN_LIMIT_FETCH_SECONDS, "idle-timeout", CRN_LIMIT_FETCH_SECONDS,
      "user-agent", "creneau/" PACKAGE_VERSION " ", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (FetchDeadline) deadline = start_deadline (cancellable);
  GError *local = NULL;
  g_autoptr (GInputStream) in = soup_session_send (session, msg, cancellable, &local);
  if (in == NULL) {
    set_fetch_error (error, cancellable, url, local);
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
    gssize n = g_input_stream_read (in, buf, sizeof buf, cancellable, &local);
    if (n < 0) {
      set_fetch_error (error, cancellable, url, local);
      return NULL;
    }
    if (n == 0)
      break;
    if (data->len + (gsize) n > CRN_LIMIT_CALENDAR_BYTES) {
      g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                   "%s sends more than %u bytes, the limit for a calendar", url,
                   CRN_LIMIT_CALENDAR_BYTES);
      return NULL;
    }
    g_byte_array_append (data, buf, n);
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
