/* creneaud — subscription feeds over HTTP (libsoup 3).
 *
 *   /events/<id>.ics                      the whole event
 *   /events/<id>/<kind>/<token>.ics       one speaker's, room's or partner's
 *
 * The server knows nothing of events: a lookup callback returns the body of
 * the last published revision, or nothing. The server does the HTTP part:
 * ETag, Last-Modified, Cache-Control, conditional requests, HEAD, 404, 405.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRN_FEEDS_DEFAULT_LISTEN "127.0.0.1:8711"

typedef struct {
  GBytes *body;          /* text/calendar, owned by the caller of the lookup */
  gint64 last_modified;  /* Unix seconds of the publication */
  char *etag;            /* quoted entity tag, owned by the caller; NULL: computed from @body */
} CrnFeed;

/* The entity tag of a feed body (a quoted hash of its bytes). */
char *crn_feed_etag (GBytes *body);

/* Returns TRUE and fills @out when the feed exists and has a published
 * revision. @kind and @token are NULL for the whole-event feed. Called on
 * the main loop. */
typedef gboolean (*CrnFeedLookupFunc) (const char *event_id, const char *kind, const char *token,
                                       CrnFeed *out, gpointer user_data);

typedef struct _CrnFeedServer CrnFeedServer;

/* @listen: "ADDRESS:PORT", "[IPv6]:PORT"; port 0 picks a free one. */
CrnFeedServer *crn_feed_server_new (const char *listen, CrnFeedLookupFunc lookup,
                                    gpointer user_data, GError **error);
void crn_feed_server_free (CrnFeedServer *server);
/* "http://127.0.0.1:PORT" — the address actually bound. */
const char *crn_feed_server_get_base_url (CrnFeedServer *server);
guint crn_feed_server_get_port (CrnFeedServer *server);

/* Parses the listen address of [Feeds] Listen=. */
gboolean crn_feed_parse_listen (const char *listen, char **out_host, guint *out_port,
                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnFeedServer, crn_feed_server_free)

G_END_DECLS
