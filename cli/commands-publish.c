/* creneauctl pin, unpin, publish, changes, export, feeds. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bus.h"
#include "commands.h"
#include "commands-bus.h"

/* Calls @method on the event and returns its reply. */
static DBusMessage *
event_call (const char *command, const char *event, const char *method, GError **error,
            int first_type, ...)
{
  DBusConnection *conn = crn_cli_connect (error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, event, error) : NULL;
  DBusMessage *reply = NULL;
  if (path != NULL) {
    DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, method);
    va_list ap;
    va_start (ap, first_type);
    dbus_message_append_args_valist (msg, first_type, ap);
    va_end (ap);
    reply = crn_cli_call (conn, msg, error);
  }
  crn_cli_disconnect (conn);
  return reply;
}

static guint64
event_uint_property (DBusConnection *conn, const char *path, const char *name, GError **error)
{
  DBusMessage *props = crn_cli_get_all (conn, path, CRN_CLI_EVENT_INTERFACE, error);
  if (props == NULL)
    return G_MAXUINT64;
  DBusMessageIter p;
  dbus_message_iter_init (props, &p);
  guint64 value = crn_cli_dict_uint (&p, name, 0);
  dbus_message_unref (props);
  return value;
}

int
crn_command_pin (int argc, char **argv)
{
  int status = crn_cli_parse_args ("pin", "EVENT SESSION ROOM 'YYYY-MM-DD HH:MM'",
                                   "Fix a session's room and start; later solves keep it "
                                   "there. SESSION:N pins occurrence N.", NULL, &argc, &argv,
                                   4, 4);
  if (status >= 0)
    return status;
  int y, mo, d, h, mi;
  char tail;
  if (sscanf (argv[4], "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
    return crn_usage_error ("pin", "\"%s\" is not a time like '2018-11-26 09:30'", argv[4]);

  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  DBusMessage *props = path ? crn_cli_get_all (conn, path, CRN_CLI_EVENT_INTERFACE, &error)
                            : NULL;
  DBusMessage *reply = NULL;
  if (props != NULL) {
    DBusMessageIter p;
    dbus_message_iter_init (props, &p);
    g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (crn_cli_dict_string (&p, "TimeZone",
                                                                                "UTC"));
    dbus_message_unref (props);
    g_autoptr (GDateTime) when = g_date_time_new (tz ? tz : g_time_zone_new_utc (), y, mo, d, h,
                                                  mi, 0);
    if (when == NULL) {
      crn_cli_disconnect (conn);
      return crn_usage_error ("pin", "\"%s\" is not a valid date and time", argv[4]);
    }
    dbus_int64_t start = g_date_time_to_unix (when);
    const char *session = argv[2], *room = argv[3];
    DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, "Pin");
    dbus_message_append_args (msg, DBUS_TYPE_STRING, &session, DBUS_TYPE_STRING, &room,
                              DBUS_TYPE_INT64, &start, DBUS_TYPE_INVALID);
    reply = crn_cli_call (conn, msg, &error);
  }
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("pin", error);
  dbus_message_unref (reply);
  printf ("Pinned %s to %s at %s.\n", argv[2], argv[3], argv[4]);
  return CRN_EXIT_OK;
}

int
crn_command_unpin (int argc, char **argv)
{
  int status = crn_cli_parse_args ("unpin", "EVENT SESSION",
                                   "Let the solver move a pinned session again.", NULL, &argc,
                                   &argv, 2, 2);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  const char *session = argv[2];
  DBusMessage *reply = event_call ("unpin", argv[1], "Unpin", &error, DBUS_TYPE_STRING,
                                   &session, DBUS_TYPE_INVALID);
  if (reply == NULL)
    return crn_cli_fail ("unpin", error);
  dbus_message_unref (reply);
  printf ("Unpinned %s.\n", session);
  return CRN_EXIT_OK;
}

int
crn_command_publish (int argc, char **argv)
{
  int status = crn_cli_parse_args ("publish", "EVENT",
                                   "Publish the current timetable as a new revision; feeds "
                                   "change only now.", NULL, &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusMessage *reply = event_call ("publish", argv[1], "Publish", &error, DBUS_TYPE_INVALID);
  if (reply == NULL)
    return crn_cli_fail ("publish", error);
  dbus_uint32_t revision = 0;
  dbus_message_get_args (reply, NULL, DBUS_TYPE_UINT32, &revision, DBUS_TYPE_INVALID);
  dbus_message_unref (reply);
  printf ("Published revision %u of %s.\n", revision, argv[1]);
  return CRN_EXIT_OK;
}

int
crn_command_changes (int argc, char **argv)
{
  gint since = -1;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_INT, &since,
      "Changes after revision REV (default: those of the last revision)", "REV" },
    { NULL },
  };
  int status = crn_cli_parse_args ("changes", "EVENT",
                                   "List what changed between published revisions.", entries,
                                   &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  guint64 last = path ? event_uint_property (conn, path, "Revision", &error) : G_MAXUINT64;
  DBusMessage *reply = NULL;
  if (last == 0) {
    crn_cli_disconnect (conn);
    printf ("%s has never been published.\n", argv[1]);
    return CRN_EXIT_OK;
  }
  if (last != G_MAXUINT64) {
    dbus_uint32_t from = since >= 0 ? (dbus_uint32_t) since : (dbus_uint32_t) (last - 1);
    DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, "GetChanges");
    dbus_message_append_args (msg, DBUS_TYPE_UINT32, &from, DBUS_TYPE_INVALID);
    reply = crn_cli_call (conn, msg, &error);
    if (reply != NULL)
      printf ("Changes of %s from revision %u to %" G_GUINT64_FORMAT ":\n", argv[1], from, last);
  }
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("changes", error);
  DBusMessageIter iter, arr, st;
  guint n = 0;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRUCT;
       dbus_message_iter_next (&arr), n++) {
    const char *session, *change, *sentence;
    dbus_message_iter_recurse (&arr, &st);
    dbus_message_iter_get_basic (&st, &session);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &change);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &sentence);
    printf ("  %-9s %s\n", change, sentence);
  }
  dbus_message_unref (reply);
  if (n == 0)
    printf ("  nothing changed.\n");
  return CRN_EXIT_OK;
}

int
crn_command_export (int argc, char **argv)
{
  g_autofree char *format = NULL, *speaker = NULL, *room = NULL, *partner = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "ics, json, csv or frab", "F" },
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker, "Only this person's sessions (ics)", "ID" },
    { "room", 0, 0, G_OPTION_ARG_STRING, &room, "Only this room's sessions (ics)", "ID" },
    { "partner", 0, 0, G_OPTION_ARG_STRING, &partner, "Only this partner's sessions (ics)",
      "ID" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE instead of stdout",
      "FILE" },
    { NULL },
  };
  int status = crn_cli_parse_args ("export", "EVENT",
                                   "Write the current timetable as a calendar or a data file.",
                                   entries, &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  if (format == NULL)
    return crn_usage_error ("export", "--format is required (ics, json, csv or frab)");
  if ((speaker != NULL) + (room != NULL) + (partner != NULL) > 1)
    return crn_usage_error ("export", "give at most one of --speaker, --room and --partner");

  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  DBusMessage *reply = NULL;
  if (path != NULL) {
    DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, "Export");
    DBusMessageIter iter, opts;
    const char *f = format;
    dbus_message_iter_init_append (msg, &iter);
    dbus_message_iter_append_basic (&iter, DBUS_TYPE_STRING, &f);
    dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{sv}", &opts);
    if (speaker)
      crn_cli_dict_append (&opts, "speaker", DBUS_TYPE_STRING, &speaker);
    if (room)
      crn_cli_dict_append (&opts, "room", DBUS_TYPE_STRING, &room);
    if (partner)
      crn_cli_dict_append (&opts, "partner", DBUS_TYPE_STRING, &partner);
    dbus_message_iter_close_container (&iter, &opts);
    reply = crn_cli_call (conn, msg, &error);
  }
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("export", error);
  DBusMessageIter iter, arr;
  const char *data = NULL;
  int len = 0;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  dbus_message_iter_get_fixed_array (&arr, &data, &len);
  gboolean ok = TRUE;
  if (output != NULL && !g_str_equal (output, "-")) {
    ok = g_file_set_contents (output, data, len, &error);
  } else {
    ok = fwrite (data, 1, len, stdout) == (size_t) len && fflush (stdout) == 0;
    if (!ok)
      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot write to the standard output: %s.", g_strerror (errno));
  }
  dbus_message_unref (reply);
  if (!ok)
    return crn_cli_fail ("export", error);
  return CRN_EXIT_OK;
}

int
crn_command_feeds (int argc, char **argv)
{
  g_autofree char *revoke = NULL;
  const GOptionEntry entries[] = {
    { "revoke", 0, 0, G_OPTION_ARG_STRING, &revoke,
      "Revoke a feed's token (the token, or the feed's address): its address stops working "
      "and the next listing gives a new one", "TOKEN" },
    { NULL },
  };
  int status = crn_cli_parse_args ("feeds", "EVENT",
                                   "List the event's subscription feeds and their addresses, "
                                   "or revoke one.",
                                   entries, &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  if (revoke != NULL) {
    /* An address is accepted as well: ".../<kind>/<token>.ics". */
    const char *slash = strrchr (revoke, '/');
    g_autofree char *token = g_strdup (slash ? slash + 1 : revoke);
    if (g_str_has_suffix (token, ".ics"))
      token[strlen (token) - 4] = '\0';
    if (*token == '\0')
      return crn_usage_error ("feeds", "--revoke needs a feed token");
    const char *t = token;
    DBusMessage *done = event_call ("feeds", argv[1], "RevokeFeed", &error, DBUS_TYPE_STRING, &t,
                                    DBUS_TYPE_INVALID);
    if (done == NULL)
      return crn_cli_fail ("feeds", error);
    dbus_message_unref (done);
    printf ("Revoked feed token %s of %s.\n", token, argv[1]);
    return CRN_EXIT_OK;
  }
  DBusMessage *reply = event_call ("feeds", argv[1], "GetFeeds", &error, DBUS_TYPE_INVALID);
  if (reply == NULL)
    return crn_cli_fail ("feeds", error);
  DBusMessageIter iter, arr, st;
  guint n = 0;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRUCT;
       dbus_message_iter_next (&arr), n++) {
    const char *kind, *target, *url;
    dbus_message_iter_recurse (&arr, &st);
    dbus_message_iter_get_basic (&st, &kind);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &target);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &url);
    printf ("%-8s %-20s %s\n", kind, *target ? target : "-", url);
  }
  dbus_message_unref (reply);
  if (n == 0)
    printf ("%s has no feeds yet; they appear once it is published.\n", argv[1]);
  return CRN_EXIT_OK;
}
