/* Tests of the feed server over real HTTP on loopback, with curl as the
 * client: status codes, ETag / Last-Modified, conditional requests, HEAD. */
#include "config.h"

#include "feeds.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  GMutex lock;
  char *body;          /* current published calendar, NULL: unpublished */
  gint64 published_at;
  char *token;         /* the only valid speaker token */
  guint lookups;
} FakeStore;

static FakeStore store;

static gboolean
lookup (const char *event_id, const char *kind, const char *token, CrnFeed *out, gpointer data)
{
  FakeStore *s = data;
  g_mutex_lock (&s->lock);
  s->lookups++;
  gboolean ok = g_str_equal (event_id, "journees-2018") && s->body != NULL
                && (kind == NULL || (g_str_equal (kind, "speaker") && g_strcmp0 (token, s->token) == 0));
  if (ok) {
    out->body = g_bytes_new (s->body, strlen (s->body));
    out->last_modified = s->published_at;
  }
  g_mutex_unlock (&s->lock);
  return ok;
}

static void
publish (const char *body, gint64 at)
{
  g_mutex_lock (&store.lock);
  g_free (store.body);
  store.body = g_strdup (body);
  store.published_at = at;
  g_mutex_unlock (&store.lock);
}

/* The server runs on its own thread and main context, as on the daemon's
 * main loop, while the test thread blocks in curl. */
typedef struct {
  GMainContext *ctx;
  GMainLoop *loop;
  CrnFeedServer *server;
  char *base;
  GMutex lock;
  GCond ready;
  gboolean started;
} ServerThread;

static gpointer
server_main (gpointer data)
{
  ServerThread *st = data;
  g_main_context_push_thread_default (st->ctx);
  g_autoptr (GError) error = NULL;
  st->server = crn_feed_server_new ("127.0.0.1:0", lookup, &store, &error);
  g_assert_no_error (error);
  g_mutex_lock (&st->lock);
  st->base = g_strdup (crn_feed_server_get_base_url (st->server));
  st->started = TRUE;
  g_cond_signal (&st->ready);
  g_mutex_unlock (&st->lock);
  g_main_loop_run (st->loop);
  crn_feed_server_free (st->server);
  g_main_context_pop_thread_default (st->ctx);
  return NULL;
}

static ServerThread st;

typedef struct {
  int status;
  char *headers;
  char *body;
} Reply;

static void
reply_clear (Reply *r)
{
  g_free (r->headers);
  g_free (r->body);
}

/* Runs curl with extra arguments on base + path. */
static Reply
curl (const char *path, const char *const *extra)
{
  g_autofree char *url = g_strconcat (st.base, path, NULL);
  g_autofree char *hdr_file = NULL;
  int fd = g_file_open_tmp ("creneau-feeds-XXXXXX", &hdr_file, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  GPtrArray *argv = g_ptr_array_new ();
  const char *base_args[] = { "curl", "-s", "-o", "-", "-D", hdr_file, "-w", "\n%{http_code}",
                              "--max-time", "10", "--noproxy", "*" };
  for (guint i = 0; i < G_N_ELEMENTS (base_args); i++)
    g_ptr_array_add (argv, (char *) base_args[i]);
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, url);
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL;
  int wait_status = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_ptr_array_free (argv, TRUE);
  Reply r = { 0 };
  char *nl = strrchr (out, '\n');
  g_assert_nonnull (nl);
  r.status = atoi (nl + 1);
  r.body = g_strndup (out, nl - out);
  g_file_get_contents (hdr_file, &r.headers, NULL, NULL);
  g_unlink (hdr_file);
  return r;
}

/* Value of a response header (case-insensitive name), or NULL. */
static char *
header (const Reply *r, const char *name)
{
  g_auto (GStrv) lines = g_strsplit (r->headers, "\r\n", -1);
  for (guint i = 0; lines[i]; i++) {
    char *colon = strchr (lines[i], ':');
    if (colon && (gsize) (colon - lines[i]) == strlen (name)
        && g_ascii_strncasecmp (lines[i], name, strlen (name)) == 0)
      return g_strdup (g_strstrip (colon + 1));
  }
  return NULL;
}

static const char *cal1 = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";
static const char *cal2 = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-V:2\r\nEND:VCALENDAR\r\n";

static void
test_unpublished (void)
{
  publish (NULL, 0);
  Reply r = curl ("/events/journees-2018.ics", NULL);
  g_assert_cmpint (r.status, ==, 404);
  reply_clear (&r);
}

static void
test_get_and_conditional (void)
{
  publish (cal1, 1543219200); /* Mon, 26 Nov 2018 08:00:00 GMT */
  Reply r = curl ("/events/journees-2018.ics", NULL);
  g_assert_cmpint (r.status, ==, 200);
  g_assert_cmpstr (r.body, ==, cal1);
  g_autofree char *ctype = header (&r, "Content-Type");
  g_assert_true (g_str_has_prefix (ctype, "text/calendar"));
  g_autofree char *etag = header (&r, "ETag");
  g_autofree char *lm = header (&r, "Last-Modified");
  g_autofree char *cc = header (&r, "Cache-Control");
  g_assert_nonnull (etag);
  g_assert_cmpstr (lm, ==, "Mon, 26 Nov 2018 08:00:00 GMT");
  g_assert_nonnull (cc);
  reply_clear (&r);

  /* If-None-Match with the same tag: 304, no body, tag repeated. */
  g_autofree char *inm = g_strdup_printf ("If-None-Match: %s", etag);
  const char *a1[] = { "-H", inm, NULL };
  r = curl ("/events/journees-2018.ics", a1);
  g_assert_cmpint (r.status, ==, 304);
  g_assert_cmpstr (r.body, ==, "");
  g_autofree char *etag304 = header (&r, "ETag");
  g_assert_cmpstr (etag304, ==, etag);
  reply_clear (&r);

  /* A list of tags, one weak match. */
  g_autofree char *inm2 = g_strdup_printf ("If-None-Match: \"other\", W/%s", etag);
  const char *a2[] = { "-H", inm2, NULL };
  r = curl ("/events/journees-2018.ics", a2);
  g_assert_cmpint (r.status, ==, 304);
  reply_clear (&r);

  /* If-Modified-Since at or after the publication: 304; before: 200. */
  const char *a3[] = { "-H", "If-Modified-Since: Mon, 26 Nov 2018 08:00:00 GMT", NULL };
  r = curl ("/events/journees-2018.ics", a3);
  g_assert_cmpint (r.status, ==, 304);
  reply_clear (&r);
  const char *a4[] = { "-H", "If-Modified-Since: Sun, 25 Nov 2018 08:00:00 GMT", NULL };
  r = curl ("/events/journees-2018.ics", a4);
  g_assert_cmpint (r.status, ==, 200);
  reply_clear (&r);
  /* A non-matching If-None-Match wins over a matching If-Modified-Since. */
  const char *a5[] = { "-H", "If-None-Match: \"stale\"", "-H",
                       "If-Modified-Since: Mon, 26 Nov 2018 08:00:00 GMT", NULL };
  r = curl ("/events/journees-2018.ics", a5);
  g_assert_cmpint (r.status, ==, 200);
  reply_clear (&r);

  /* A new publication changes the tag: the old one now gets 200. */
  publish (cal2, 1543222800);
  r = curl ("/events/journees-2018.ics", a1);
  g_assert_cmpint (r.status, ==, 200);
  g_assert_cmpstr (r.body, ==, cal2);
  g_autofree char *etag2 = header (&r, "ETag");
  g_assert_cmpstr (etag2, !=, etag);
  reply_clear (&r);
}

static void
test_head (void)
{
  publish (cal1, 1543219200);
  const char *a[] = { "-I", NULL };
  Reply r = curl ("/events/journees-2018.ics", a);
  g_assert_cmpint (r.status, ==, 200);
  g_assert_cmpstr (r.body, ==, r.headers); /* -I prints the headers as the body */
  g_autofree char *len = header (&r, "Content-Length");
  g_assert_cmpint (atoi (len), ==, (int) strlen (cal1));
  g_autofree char *etag = header (&r, "ETag");
  g_assert_nonnull (etag);
  reply_clear (&r);
}

static void
test_tokens_and_errors (void)
{
  publish (cal1, 1543219200);
  g_mutex_lock (&store.lock);
  g_free (store.token);
  store.token = g_strdup ("0123456789abcdef0123456789abcdef");
  g_mutex_unlock (&store.lock);
  Reply r = curl ("/events/journees-2018/speaker/0123456789abcdef0123456789abcdef.ics", NULL);
  g_assert_cmpint (r.status, ==, 200);
  reply_clear (&r);
  /* Revoked (or never issued) token. */
  r = curl ("/events/journees-2018/speaker/ffffffffffffffffffffffffffffffff.ics", NULL);
  g_assert_cmpint (r.status, ==, 404);
  reply_clear (&r);
  /* Unknown kind, odd paths, traversal attempts. */
  const char *bad[] = {
    "/events/journees-2018/teacher/0123456789abcdef0123456789abcdef.ics",
    "/events/journees-2018",
    "/events/../etc/passwd.ics",
    "/events/Journees-2018.ics",
    "/events/journees-2018/speaker/x/y.ics",
    "/events/.ics",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    const char *a[] = { "--path-as-is", NULL };
    r = curl (bad[i], a);
    g_assert_cmpint (r.status, ==, 404);
    reply_clear (&r);
  }
  /* Wrong methods on a real feed: 405 with Allow. */
  const char *methods[] = { "POST", "PUT", "DELETE" };
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++) {
    const char *a[] = { "-X", methods[i], NULL };
    r = curl ("/events/journees-2018.ics", a);
    g_assert_cmpint (r.status, ==, 405);
    g_autofree char *allow = header (&r, "Allow");
    g_assert_cmpstr (allow, ==, "GET, HEAD");
    reply_clear (&r);
  }
}

static void
test_parse_listen (void)
{
  g_autofree char *host = NULL;
  guint port = 1;
  g_assert_true (crn_feed_parse_listen ("127.0.0.1:8711", &host, &port, NULL));
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpuint (port, ==, 8711);
  g_clear_pointer (&host, g_free);
  g_assert_true (crn_feed_parse_listen ("[::1]:0", &host, &port, NULL));
  g_assert_cmpstr (host, ==, "::1");
  g_assert_cmpuint (port, ==, 0);
  const char *bad[] = { "", "8711", "localhost:8711", "127.0.0.1:99999", "127.0.0.1:", "[::1]8711" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    g_autofree char *h = NULL;
    g_assert_false (crn_feed_parse_listen (bad[i], &h, &port, &error));
    g_assert_nonnull (strstr (error->message, "Listen"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mutex_init (&store.lock);
  st.ctx = g_main_context_new ();
  st.loop = g_main_loop_new (st.ctx, FALSE);
  g_mutex_init (&st.lock);
  g_cond_init (&st.ready);
  GThread *thread = g_thread_new ("feeds", server_main, &st);
  g_mutex_lock (&st.lock);
  while (!st.started)
    g_cond_wait (&st.ready, &st.lock);
  g_mutex_unlock (&st.lock);

  g_test_add_func ("/feeds/parse-listen", test_parse_listen);
  g_test_add_func ("/feeds/unpublished-404", test_unpublished);
  g_test_add_func ("/feeds/get-etag-conditional", test_get_and_conditional);
  g_test_add_func ("/feeds/head", test_head);
  g_test_add_func ("/feeds/tokens-404-405", test_tokens_and_errors);
  int rc = g_test_run ();

  g_main_loop_quit (st.loop);
  g_thread_join (thread);
  g_main_loop_unref (st.loop);
  g_main_context_unref (st.ctx);
  g_free (st.base);
  g_free (store.body);
  g_free (store.token);
  return rc;
}
