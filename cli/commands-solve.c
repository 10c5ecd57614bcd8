/* creneauctl solve: start a solve and follow it to the end.
 *
 * On a terminal a progress bar is redrawn in place; otherwise (a pipe, a
 * log) one plain line per second. Ctrl-C asks the daemon to cancel, and the
 * daemon still answers with its best timetable so far.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bus.h"
#include "commands.h"
#include "commands-bus.h"

#define DEFAULT_TIME_LIMIT 30
#define BAR_WIDTH 28

static volatile sig_atomic_t interrupted;

static void
on_sigint (int sig)
{
  interrupted = 1;
}

typedef struct {
  gboolean tty;
  guint time_limit;
  guint64 elapsed_ms;
  guint hard;
  guint64 soft;
  gboolean have_progress;
  gint64 last_line;     /* monotonic µs of the last plain line */
} Progress;

static void
draw (Progress *p)
{
  double seconds = p->elapsed_ms / 1000.0;
  if (p->tty) {
    guint filled = MIN (BAR_WIDTH, (guint) (BAR_WIDTH * seconds / MAX (1, p->time_limit)));
    char bar[BAR_WIDTH + 1];
    memset (bar, '#', filled);
    memset (bar + filled, '.', BAR_WIDTH - filled);
    bar[BAR_WIDTH] = '\0';
    if (p->have_progress)
      printf ("\r[%s] %5.1f s / %u s  best: hard %u, soft %" G_GUINT64_FORMAT "\033[K", bar,
              seconds, p->time_limit, p->hard, p->soft);
    else
      printf ("\r[%s] %5.1f s / %u s  starting\033[K", bar, seconds, p->time_limit);
    fflush (stdout);
    return;
  }
  gint64 now = g_get_monotonic_time ();
  if (!p->have_progress || now - p->last_line < G_USEC_PER_SEC)
    return;
  p->last_line = now;
  printf ("progress: %.1f s, hard %u, soft %" G_GUINT64_FORMAT "\n", seconds, p->hard, p->soft);
  fflush (stdout);
}

static gboolean
send_cancel (DBusConnection *conn, const char *path)
{
  DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, "Cancel");
  dbus_message_set_no_reply (msg, TRUE);
  gboolean ok = dbus_connection_send (conn, msg, NULL);
  dbus_message_unref (msg);
  dbus_connection_flush (conn);
  return ok;
}

/* Follows Progress and Solved signals; returns the exit status. */
static int
follow (DBusConnection *conn, const char *event, const char *path, Progress *p)
{
  gint64 started = g_get_monotonic_time ();
  gboolean cancel_sent = FALSE;
  for (;;) {
    if (interrupted && !cancel_sent) {
      cancel_sent = send_cancel (conn, path);
      if (p->tty)
        printf ("\n");
      fprintf (stderr, "creneauctl solve: cancelling; the best timetable so far is kept.\n");
    }
    if (!dbus_connection_read_write (conn, 100)) {
      if (p->tty)
        printf ("\n");
      fprintf (stderr, "creneauctl solve: the connection to the bus was lost.\n");
      return CRN_EXIT_UNREACHABLE;
    }
    DBusMessage *msg;
    while ((msg = dbus_connection_pop_message (conn)) != NULL) {
      g_autoptr (DBusMessage) owned = msg;
      if (dbus_message_is_signal (msg, CRN_CLI_EVENT_INTERFACE, "Progress") &&
          g_strcmp0 (dbus_message_get_path (msg), path) == 0) {
        dbus_uint64_t elapsed, soft;
        dbus_uint32_t hard;
        if (dbus_message_get_args (msg, NULL, DBUS_TYPE_UINT64, &elapsed, DBUS_TYPE_UINT32,
                                   &hard, DBUS_TYPE_UINT64, &soft, DBUS_TYPE_INVALID)) {
          p->have_progress = TRUE;
          p->elapsed_ms = elapsed;
          p->hard = hard;
          p->soft = soft;
        }
      } else if (dbus_message_is_signal (msg, CRN_CLI_EVENT_INTERFACE, "Solved") &&
                 g_strcmp0 (dbus_message_get_path (msg), path) == 0) {
        dbus_uint64_t soft;
        dbus_uint32_t hard;
        dbus_bool_t cancelled;
        dbus_message_get_args (msg, NULL, DBUS_TYPE_UINT32, &hard, DBUS_TYPE_UINT64, &soft,
                               DBUS_TYPE_BOOLEAN, &cancelled, DBUS_TYPE_INVALID);
        double seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
        if (p->tty) {
          /* A finished solve shows a full bar, even one that ended early. */
          p->elapsed_ms = cancelled ? (guint64) (seconds * 1000) : (guint64) p->time_limit * 1000;
          p->hard = hard;
          p->soft = soft;
          p->have_progress = TRUE;
          draw (p);
          printf ("\n");
        }
        printf ("%s %s after %.1f s: %u hard violation%s, soft cost %" G_GUINT64_FORMAT ".\n",
                cancelled ? "Cancelled solving" : "Solved", event, seconds, hard,
                hard == 1 ? "" : "s", soft);
        if (hard > 0)
          printf ("See \"creneauctl violations %s\" for what is still broken.\n", event);
        return cancelled ? CRN_EXIT_FAILED : CRN_EXIT_OK;
      } else if (dbus_message_is_signal (msg, DBUS_INTERFACE_DBUS, "NameOwnerChanged")) {
        const char *name, *old_owner, *new_owner;
        if (dbus_message_get_args (msg, NULL, DBUS_TYPE_STRING, &name, DBUS_TYPE_STRING,
                                   &old_owner, DBUS_TYPE_STRING, &new_owner,
                                   DBUS_TYPE_INVALID) &&
            g_str_equal (name, CRN_CLI_BUS_NAME) && *new_owner == '\0') {
          if (p->tty)
            printf ("\n");
          fprintf (stderr, "creneauctl solve: the creneau daemon stopped during the solve.\n");
          return CRN_EXIT_UNREACHABLE;
        }
      } else if (dbus_message_is_signal (msg, DBUS_INTERFACE_LOCAL, "Disconnected")) {
        fprintf (stderr, "creneauctl solve: the connection to the bus was lost.\n");
        return CRN_EXIT_UNREACHABLE;
      }
    }
    if (!p->have_progress)
      p->elapsed_ms = (g_get_monotonic_time () - started) / 1000;
    draw (p);
  }
}

int
crn_command_solve (int argc, char **argv)
{
  gint time_limit = DEFAULT_TIME_LIMIT, threads = 0;
  gint64 seed = -1, iterations = 0;
  gboolean minimal_change = FALSE, no_wait = FALSE;
  const GOptionEntry entries[] = {
    { "time-limit", 't', 0, G_OPTION_ARG_INT, &time_limit,
      "Stop after S seconds (default 30)", "S" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the search, for a repeatable run", "N" },
    { "iterations", 0, 0, G_OPTION_ARG_INT64, &iterations,
      "Stop after N iterations (with --seed: the same timetable every time)", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Solver threads", "N" },
    { "minimal-change", 0, 0, G_OPTION_ARG_NONE, &minimal_change,
      "Keep the published timetable wherever it still holds", NULL },
    { "no-wait", 0, 0, G_OPTION_ARG_NONE, &no_wait, "Start the solve and return at once", NULL },
    { NULL },
  };
  int status = crn_cli_parse_args ("solve", "EVENT",
                                   "Ask the daemon for a timetable and follow its progress.",
                                   entries, &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  if (time_limit < 1)
    return crn_usage_error ("solve", "the time limit must be at least one second");
  if (iterations < 0 || threads < 0)
    return crn_usage_error ("solve", "iterations and threads cannot be negative");
  const char *event = argv[1];

  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, event, &error) : NULL;
  if (path == NULL) {
    crn_cli_disconnect (conn);
    return crn_cli_fail ("solve", error);
  }
  if (!no_wait) {
    g_autofree char *rule = g_strdup_printf ("type='signal',sender='%s',path='%s',"
                                             "interface='%s'", CRN_CLI_BUS_NAME, path,
                                             CRN_CLI_EVENT_INTERFACE);
    dbus_bus_add_match (conn, rule, NULL);
    dbus_bus_add_match (conn, "type='signal',sender='" DBUS_SERVICE_DBUS "',"
                        "member='NameOwnerChanged',arg0='" CRN_CLI_BUS_NAME "'", NULL);
  }

  DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, "Solve");
  DBusMessageIter iter, opts;
  dbus_message_iter_init_append (msg, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{sv}", &opts);
  dbus_uint32_t limit = (dbus_uint32_t) time_limit;
  crn_cli_dict_append (&opts, "time-limit", DBUS_TYPE_UINT32, &limit);
  if (seed >= 0) {
    dbus_uint64_t s = (dbus_uint64_t) seed;
    crn_cli_dict_append (&opts, "seed", DBUS_TYPE_UINT64, &s);
  }
  if (iterations > 0) {
    dbus_uint64_t n = (dbus_uint64_t) iterations;
    crn_cli_dict_append (&opts, "iterations", DBUS_TYPE_UINT64, &n);
  }
  if (threads > 0) {
    dbus_uint32_t n = (dbus_uint32_t) threads;
    crn_cli_dict_append (&opts, "threads", DBUS_TYPE_UINT32, &n);
  }
  if (minimal_change) {
    dbus_bool_t yes = TRUE;
    crn_cli_dict_append (&opts, "minimal-change", DBUS_TYPE_BOOLEAN, &yes);
  }
  dbus_message_iter_close_container (&iter, &opts);

  struct sigaction sa = { 0 }, old_sa;
  if (!no_wait) {
    sa.sa_handler = on_sigint;
    sigaction (SIGINT, &sa, &old_sa);
  }
  DBusMessage *reply = crn_cli_call (conn, msg, &error);
  if (reply == NULL) {
    crn_cli_disconnect (conn);
    return crn_cli_fail ("solve", error);
  }
  dbus_message_unref (reply);
  if (no_wait) {
    printf ("Solving %s in the background (at most %d s); see \"creneauctl status %s\".\n",
            event, time_limit, event);
    crn_cli_disconnect (conn);
    return CRN_EXIT_OK;
  }
  Progress p = { 0 };
  p.tty = isatty (STDOUT_FILENO);
  p.time_limit = (guint) time_limit;
  status = follow (conn, event, path, &p);
  sigaction (SIGINT, &old_sa, NULL);
  crn_cli_disconnect (conn);
  return status;
}

int
crn_command_cancel (int argc, char **argv)
{
  int status = crn_cli_parse_args ("cancel", "EVENT", "Stop a running solve.", NULL, &argc,
                                   &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  DBusMessage *reply = path ? crn_cli_call (conn, crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE,
                                                                    "Cancel"), &error)
                            : NULL;
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("cancel", error);
  dbus_message_unref (reply);
  printf ("Asked the daemon to stop solving %s.\n", argv[1]);
  return CRN_EXIT_OK;
}
