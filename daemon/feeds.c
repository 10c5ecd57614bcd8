/* creneaud — subscription feeds over HTTP.
 *
 * Requests are answered on the main loop. The bodies come from the lookup
 * (event-object.c writes each one once per published revision with libical
 * and keeps it). libical is also used meanwhile by LoadEvent threads (the
 * speakers-ics plugin); libical 3.0 locks its built-in zone table and zone
 * transitions itself, which tests/feeds/test-ical-threads.c checks. Solver
 * threads never call libical.
 */
#include "config.h"

#define G_LOG_DOMAIN "creneau-feeds"

#include "feeds.h"
#include "model/error.h"

#include <libsoup/soup.h>
#include <string.h>

struct _CrnFeedServer {
  SoupServer *server;
  CrnFeedLookupFunc lookup;
  gpointer user_data;
  char *base_url;
  guint port;
};

/* Calendar clients poll; let caches keep a copy briefly but always
 * revalidate, so a publication shows up at the next poll. */
#define CACHE_CONTROL "public, max-age=300, must-revalidate"

static gboolean
segment_is_id (const char *s, gsize len)
{
  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (s[i]) || g_ascii_isdigit (s[i]) || s[i] == '-'))
      return FALSE;
  return TRUE;
}

/* Splits "/events/<id>.ics" or "/events/<id>/<kind>/<token>.ics". */
static gboolean
parse_path (const char *path, char **event_id, char **kind, char **token)
{
  if (!g_str_has_prefix (path, "/events/") || !g_str_has_suffix (path, ".ics"))
    return FALSE;
  g_autofree char *rest = g_strndup (path + 8, strlen (path) - 8 - 4);
  g_auto (GStrv) parts = g_strsplit (rest, "/", 4);
  guint n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    if (!segment_is_id (parts[i], strlen (parts[i])))
      return FALSE;
  if (n == 1) {
    *event_id = g_strdup (parts[0]);
    *kind = *token = NULL;
    return TRUE;
  }
  if (n == 3 && (g_str_equal (parts[1], "speaker") || g_str_equal (parts[1], "room")
                 || g_str_equal (parts[1], "partner"))) {
    *event_id = g_strdup (parts[0]);
    *kind = g_strdup (parts[1]);
    *token = g_strdup (parts[2]);
    return TRUE;
  }
  return FALSE;
}

char *
crn_feed_etag (GBytes *body)
{
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  return g_strdup_printf ("\"%.32s\"", sum);
}

/* If-None-Match: "*" or a list of (possibly weak) tags. */
static gboolean
etag_matches (const char *header, const char *etag)
{
  g_auto (GStrv) tags = g_strsplit (header, ",", -1);
  for (guint i = 0; tags[i]; i++) {
    const char *t = g_strstrip (tags[i]);
    if (g_str_has_prefix (t, "W/"))
      t += 2;
    if (g_str_equal (t, "*") || g_str_equal (t, etag))
      return TRUE;
  }
  return FALSE;
}

static void
set_plain (SoupServerMessage *msg, guint status, const char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

static void
handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
        gpointer user_data)
{
  CrnFeedServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  g_autofree char *event_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *token = NULL;

  if (!parse_path (path, &event_id, &kind, &token)) {
    set_plain (msg, SOUP_STATUS_NOT_FOUND, "No such feed.\n");
    return;
  }
  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0) {
    soup_message_headers_replace (resp, "Allow", "GET, HEAD");
    set_plain (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Feeds are read with GET or HEAD.\n");
    return;
  }
  CrnFeed feed = { NULL, 0, NULL };
  gboolean found = self->lookup (event_id, kind, token, &feed, self->user_data);
  g_autoptr (GBytes) body = feed.body;
  g_autofree char *etag = feed.etag;
  if (!found || body == NULL) {
    set_plain (msg, SOUP_STATUS_NOT_FOUND, "No such feed, or nothing published yet.\n");
    return;
  }
  if (etag == NULL)
    etag = crn_feed_etag (body);
  g_autoptr (GDateTime) modified = g_date_time_new_from_unix_utc (feed.last_modified);
  g_autofree char *modified_text = modified ? soup_date_time_to_string (modified, SOUP_DATE_HTTP)
                                            : NULL;

  soup_message_headers_replace (resp, "ETag", etag);
  if (modified_text)
    soup_message_headers_replace (resp, "Last-Modified", modified_text);
  soup_message_headers_replace (resp, "Cache-Control", CACHE_CONTROL);

  /* RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since. */
  const char *inm = soup_message_headers_get_one (req, "If-None-Match");
  const char *ims = soup_message_headers_get_one (req, "If-Modified-Since");
  gboolean not_modified = FALSE;
  if (inm != NULL) {
    not_modified = etag_matches (inm, etag);
  } else if (ims != NULL && modified != NULL) {
    g_autoptr (GDateTime) since = soup_date_time_new_from_http_string (ims);
    not_modified = since != NULL && g_date_time_to_unix (modified) <= g_date_time_to_unix (since);
  }
  if (not_modified) {
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
    return;
  }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_str_equal (method, "HEAD")) {
    soup_message_headers_replace (resp, "Content-Type", "text/calendar; charset=utf-8");
    soup_message_headers_set_content_length (resp, (goffset) g_bytes_get_size (body));
    return;
  }
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  soup_server_message_set_response (msg, "text/calendar; charset=utf-8", SOUP_MEMORY_COPY,
                                    data ? data : "", len);
}

gboolean
crn_feed_parse_listen (const char *listen, char **out_host, guint *out_port, GError **error)
{
  const char *colon;
  g_autofree char *host = NULL;
  if (listen == NULL || *listen == '\0')
    goto bad;
  if (listen[0] == '[') {
    const char *close = strchr (listen, ']');
    if (close == NULL || close[1] != ':')
      goto bad;
    host = g_strndup (listen + 1, close - listen - 1);
    colon = close + 1;
  } else {
    colon = strrchr (listen, ':');
    if (colon == NULL)
      goto bad;
    host = g_strndup (listen, colon - listen);
  }
  guint64 port;
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    goto bad;
  if (!g_hostname_is_ip_address (host))
    goto bad;
  *out_host = g_steal_pointer (&host);
  *out_port = (guint) port;
  return TRUE;
bad:
  g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
               "[Feeds] Listen: \"%s\" is not ADDRESS:PORT (e.g. 127.0.0.1:8711 or [::1]:8711)",
               listen ? listen : "");
  return FALSE;
}

CrnFeedServer *
crn_feed_server_new (const char *listen, CrnFeedLookupFunc lookup, gpointer user_data,
                     GError **error)
{
  g_autofree char *host = NULL;
  guint port = 0;
  if (!crn_feed_parse_listen (listen ? listen : CRN_FEEDS_DEFAULT_LISTEN, &host, &port, error))
    return NULL;

  g_autoptr (CrnFeedServer) self = g_new0 (CrnFeedServer, 1);
  self->lookup = lookup;
  self->user_data = user_data;
  self->server = soup_server_new ("server-header", "creneaud/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (self->server, "/events", handle, self, NULL);

  g_autoptr (GInetAddress) addr = g_inet_address_new_from_string (host);
  g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (addr, (guint16) port);
  if (!soup_server_listen (self->server, sa, 0, error)) {
    g_prefix_error (error, "cannot serve feeds on %s: ", listen);
    return NULL;
  }
  GSList *uris = soup_server_get_uris (self->server);
  if (uris != NULL) {
    GUri *uri = uris->data;
    self->port = (guint) g_uri_get_port (uri);
    self->base_url = strchr (host, ':') ? g_strdup_printf ("http://[%s]:%u", host, self->port)
                                        : g_strdup_printf ("http://%s:%u", host, self->port);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&self);
}

void
crn_feed_server_free (CrnFeedServer *self)
{
  if (self == NULL)
    return;
  if (self->server) {
    soup_server_disconnect (self->server);
    g_object_unref (self->server);
  }
  g_free (self->base_url);
  g_free (self);
}

const char *
crn_feed_server_get_base_url (CrnFeedServer *self)
{
  return self->base_url;
}

guint
crn_feed_server_get_port (CrnFeedServer *self)
{
  return self->port;
}
