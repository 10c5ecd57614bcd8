/* creneauctl — load, list, status, remove, and the daemon's plugins. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bus.h"
#include "commands.h"
#include "commands-bus.h"
#include "model/files.h"

static const char *const state_names[] = { "loaded", "solving", "solved", "published" };

static const char *
state_name (guint64 state)
{
  return state < G_N_ELEMENTS (state_names) ? state_names[state] : "unknown";
}

/* Cuts @text to @width characters (not bytes), marking the cut. */
static char *
fit (const char *text, guint width)
{
  if (g_utf8_strlen (text, -1) <= (glong) width)
    return g_strdup (text);
  g_autofree char *head = g_utf8_substring (text, 0, width - 1);
  return g_strconcat (head, "…", NULL);
}

int
crn_command_load (int argc, char **argv)
{
  gboolean replace = FALSE;
  const GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      "Replace an event already loaded with the same id", NULL },
    { NULL },
  };
  int status = crn_cli_parse_args ("load", "DIR",
                                   "Send an event directory to the daemon.", entries, &argc,
                                   &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (argv[1], &error);
  if (files == NULL)
    return crn_cli_fail ("load", error);
  if (crn_event_files_lookup (files, "event.conf") == NULL) {
    fprintf (stderr, "creneauctl load: %s has no event.conf.\n", argv[1]);
    return CRN_EXIT_FAILED;
  }

  DBusConnection *conn = crn_cli_connect (&error);
  if (conn == NULL)
    return crn_cli_fail ("load", error);
  DBusMessage *msg = crn_cli_new_call (CRN_CLI_MANAGER_PATH, CRN_CLI_MANAGER_INTERFACE,
                                       "LoadEvent");
  DBusMessageIter iter, dict, entry, bytes, opts;
  dbus_message_iter_init_append (msg, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{say}", &dict);
  g_auto (GStrv) names = crn_event_files_list (files, NULL);
  for (guint i = 0; names[i]; i++) {
    gsize len;
    const guchar *data = g_bytes_get_data (crn_event_files_lookup (files, names[i]), &len);
    dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
    dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &names[i]);
    dbus_message_iter_open_container (&entry, DBUS_TYPE_ARRAY, "y", &bytes);
    dbus_message_iter_append_fixed_array (&bytes, DBUS_TYPE_BYTE, &data, (int) len);
    dbus_message_iter_close_container (&entry, &bytes);
    dbus_message_iter_close_container (&dict, &entry);
  }
  dbus_message_iter_close_container (&iter, &dict);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{sv}", &opts);
  if (replace) {
    dbus_bool_t yes = TRUE;
    crn_cli_dict_append (&opts, "replace", DBUS_TYPE_BOOLEAN, &yes);
  }
  dbus_message_iter_close_container (&iter, &opts);

  DBusMessage *reply = crn_cli_call (conn, msg, &error);
  if (reply == NULL) {
    crn_cli_disconnect (conn);
    return crn_cli_fail ("load", error);
  }
  const char *path = NULL;
  dbus_message_get_args (reply, NULL, DBUS_TYPE_OBJECT_PATH, &path, DBUS_TYPE_INVALID);
  DBusMessage *props = crn_cli_get_all (conn, path, CRN_CLI_EVENT_INTERFACE, &error);
  if (props != NULL) {
    DBusMessageIter p;
    dbus_message_iter_init (props, &p);
    printf ("Loaded %s (%u files): %s\n", crn_cli_dict_string (&p, "Id", "?"),
            crn_event_files_get_n (files), crn_cli_dict_string (&p, "Name", ""));
    dbus_message_unref (props);
  }
  dbus_message_unref (reply);
  crn_cli_disconnect (conn);
  return props ? CRN_EXIT_OK : crn_cli_fail ("load", error);
}

static gboolean
print_events (DBusConnection *conn, gboolean header, GError **error)
{
  DBusMessage *reply = crn_cli_call (conn, crn_cli_new_call (CRN_CLI_MANAGER_PATH,
                                                             CRN_CLI_MANAGER_INTERFACE,
                                                             "ListEvents"), error);
  if (reply == NULL)
    return FALSE;
  DBusMessageIter iter, arr;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  gboolean first = TRUE;
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_OBJECT_PATH;
       dbus_message_iter_next (&arr)) {
    const char *path;
    dbus_message_iter_get_basic (&arr, &path);
    DBusMessage *props = crn_cli_get_all (conn, path, CRN_CLI_EVENT_INTERFACE, error);
    if (props == NULL) {
      dbus_message_unref (reply);
      return FALSE;
    }
    if (first && header)
      printf ("%-20s %-10s %4s %5s %8s  %s\n", "EVENT", "STATE", "REV", "HARD", "SOFT", "NAME");
    first = FALSE;
    DBusMessageIter p;
    dbus_message_iter_init (props, &p);
    g_autofree char *id = fit (crn_cli_dict_string (&p, "Id", "?"), 20);
    g_autofree char *name = fit (crn_cli_dict_string (&p, "Name", ""), 80 - 54);
    guint64 state = crn_cli_dict_uint (&p, "State", 0);
    gboolean has_score = state >= 2;
    g_autofree char *hard = has_score ? g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                         crn_cli_dict_uint (&p, "HardViolations", 0))
                                      : g_strdup ("-");
    g_autofree char *soft = has_score ? g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                         crn_cli_dict_uint (&p, "SoftCost", 0))
                                      : g_strdup ("-");
    printf ("%-20s %-10s %4" G_GUINT64_FORMAT " %5s %8s  %s\n", id, state_name (state),
            crn_cli_dict_uint (&p, "Revision", 0), hard, soft, name);
    dbus_message_unref (props);
  }
  if (first && header)
    printf ("No event is loaded.\n");
  dbus_message_unref (reply);
  return TRUE;
}

int
crn_command_list (int argc, char **argv)
{
  int status = crn_cli_parse_args ("list", NULL, "List the events the daemon holds.", NULL,
                                   &argc, &argv, 0, 0);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  gboolean ok = conn && print_events (conn, TRUE, &error);
  crn_cli_disconnect (conn);
  return ok ? CRN_EXIT_OK : crn_cli_fail ("list", error);
}

static gboolean
print_event_status (DBusConnection *conn, const char *id, GError **error)
{
  g_autofree char *path = crn_cli_event_path (conn, id, error);
  if (path == NULL)
    return FALSE;
  DBusMessage *props = crn_cli_get_all (conn, path, CRN_CLI_EVENT_INTERFACE, error);
  if (props == NULL)
    return FALSE;
  DBusMessageIter p;
  dbus_message_iter_init (props, &p);
  guint64 state = crn_cli_dict_uint (&p, "State", 0);
  printf ("Event:     %s\n", crn_cli_dict_string (&p, "Id", id));
  printf ("Name:      %s\n", crn_cli_dict_string (&p, "Name", ""));
  printf ("Time zone: %s\n", crn_cli_dict_string (&p, "TimeZone", ""));
  printf ("State:     %s\n", state_name (state));
  printf ("Revision:  %" G_GUINT64_FORMAT "%s\n", crn_cli_dict_uint (&p, "Revision", 0),
          crn_cli_dict_uint (&p, "Revision", 0) ? "" : " (never published)");
  if (state >= 2) {
    printf ("Hard:      %" G_GUINT64_FORMAT " violations\n",
            crn_cli_dict_uint (&p, "HardViolations", 0));
    printf ("Soft cost: %" G_GUINT64_FORMAT "\n", crn_cli_dict_uint (&p, "SoftCost", 0));
  }
  printf ("Object:    %s\n", path);
  dbus_message_unref (props);
  return TRUE;
}

int
crn_command_status (int argc, char **argv)
{
  int status = crn_cli_parse_args ("status", "[EVENT]",
                                   "Show the daemon's state, or one event's.", NULL, &argc,
                                   &argv, 0, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  gboolean ok = conn != NULL;
  if (ok && argc == 2) {
    ok = print_event_status (conn, argv[1], &error);
  } else if (ok) {
    DBusMessage *props = crn_cli_get_all (conn, CRN_CLI_MANAGER_PATH,
                                          CRN_CLI_MANAGER_INTERFACE, &error);
    ok = props != NULL;
    if (ok) {
      DBusMessageIter p;
      dbus_message_iter_init (props, &p);
      printf ("creneaud %s is running.\n", crn_cli_dict_string (&p, "Version", "?"));
      dbus_message_unref (props);
      ok = print_events (conn, TRUE, &error);
    }
  }
  crn_cli_disconnect (conn);
  return ok ? CRN_EXIT_OK : crn_cli_fail ("status", error);
}

int
crn_command_remove (int argc, char **argv)
{
  int status = crn_cli_parse_args ("remove", "EVENT", "Remove an event from the daemon.",
                                   NULL, &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  DBusMessage *reply = NULL;
  if (path != NULL) {
    DBusMessage *msg = crn_cli_new_call (CRN_CLI_MANAGER_PATH, CRN_CLI_MANAGER_INTERFACE,
                                         "RemoveEvent");
    const char *p = path;
    dbus_message_append_args (msg, DBUS_TYPE_OBJECT_PATH, &p, DBUS_TYPE_INVALID);
    reply = crn_cli_call (conn, msg, &error);
  }
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("remove", error);
  dbus_message_unref (reply);
  printf ("Removed %s.\n", argv[1]);
  return CRN_EXIT_OK;
}

int
crn_cli_print_daemon_plugins (void)
{
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  DBusMessage *reply = conn ? crn_cli_call (conn, crn_cli_new_call (CRN_CLI_MANAGER_PATH,
                                                                    CRN_CLI_MANAGER_INTERFACE,
                                                                    "ListPlugins"), &error)
                            : NULL;
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("plugins", error);
  DBusMessageIter iter, arr, st;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRUCT;
       dbus_message_iter_next (&arr)) {
    const char *name, *version, *description;
    dbus_message_iter_recurse (&arr, &st);
    dbus_message_iter_get_basic (&st, &name);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &version);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &description);
    printf ("%-20s %-8s %s\n", name, *version ? version : "-", description);
  }
  dbus_message_unref (reply);
  return CRN_EXIT_OK;
}
