/* creneauctl — the D-Bus side: connection, calls, properties, errors. */
#include "config.h"

#include <stdio.h>

#include "bus.h"
#include "commands.h"

#include <string.h>

G_DEFINE_QUARK (crn-cli-error-quark, crn_cli_error)

static gboolean use_system_bus;

static gboolean
set_system (const char *name, const char *value, gpointer data, GError **error)
{
  use_system_bus = g_str_equal (name, "--system");
  return TRUE;
}

const GOptionEntry crn_cli_bus_entries[] = {
  { "system", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_system,
    "Talk to the daemon on the system bus", NULL },
  { "session", 0, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, set_system,
    "Talk to the daemon on the session bus (the default)", NULL },
  { NULL },
};

void
crn_cli_use_system_bus (gboolean system_bus)
{
  use_system_bus = system_bus;
}

DBusConnection *
crn_cli_connect (GError **error)
{
  DBusError err;
  dbus_error_init (&err);
  DBusConnection *conn = dbus_bus_get_private (use_system_bus ? DBUS_BUS_SYSTEM
                                                              : DBUS_BUS_SESSION, &err);
  if (conn == NULL) {
    g_set_error (error, CRN_CLI_ERROR, CRN_CLI_ERROR_UNREACHABLE,
                 "Cannot reach the %s bus: %s", use_system_bus ? "system" : "session",
                 err.message);
    dbus_error_free (&err);
    return NULL;
  }
  dbus_connection_set_exit_on_disconnect (conn, FALSE);
  return conn;
}

void
crn_cli_disconnect (DBusConnection *conn)
{
  if (conn == NULL)
    return;
  dbus_connection_close (conn);
  dbus_connection_unref (conn);
}

DBusMessage *
crn_cli_new_call (const char *path, const char *iface, const char *method)
{
  DBusMessage *msg = dbus_message_new_method_call (CRN_CLI_BUS_NAME, path, iface, method);
  if (msg == NULL)
    g_error ("out of memory");
  return msg;
}

static gboolean
is_unreachable (const char *name)
{
  static const char *const names[] = {
    DBUS_ERROR_SERVICE_UNKNOWN, DBUS_ERROR_NAME_HAS_NO_OWNER, DBUS_ERROR_NO_REPLY,
    DBUS_ERROR_DISCONNECTED, DBUS_ERROR_TIMEOUT, DBUS_ERROR_NO_SERVER,
    DBUS_ERROR_SPAWN_CHILD_EXITED, DBUS_ERROR_SPAWN_EXEC_FAILED, DBUS_ERROR_SPAWN_FAILED,
    "org.freedesktop.systemd1.NoSuchUnit", NULL,
  };
  return g_strv_contains (names, name);
}

DBusMessage *
crn_cli_call (DBusConnection *conn, DBusMessage *msg, GError **error)
{
  DBusError err;
  dbus_error_init (&err);
  /* Solving answers at once; only LoadEvent of a large event takes long. */
  DBusMessage *reply = dbus_connection_send_with_reply_and_block (conn, msg, 120 * 1000, &err);
  dbus_message_unref (msg);
  if (reply != NULL)
    return reply;
  if (is_unreachable (err.name)) {
    g_set_error (error, CRN_CLI_ERROR, CRN_CLI_ERROR_UNREACHABLE,
                 "The creneau daemon cannot be reached (%s).", err.message);
  } else if (g_str_equal (err.name, DBUS_ERROR_ACCESS_DENIED)) {
    g_set_error (error, CRN_CLI_ERROR, CRN_CLI_ERROR_DAEMON,
                 "The bus refused the call: %s", err.message);
  } else {
    g_set_error_literal (error, CRN_CLI_ERROR, CRN_CLI_ERROR_DAEMON, err.message);
  }
  dbus_error_free (&err);
  return NULL;
}

static char *
path_escape (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const guchar *p = (const guchar *) text; *p; p++) {
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, *p);
    else
      g_string_append_printf (s, "_%02x", *p);
  }
  return g_string_free (s, FALSE);
}

char *
crn_cli_event_path (DBusConnection *conn, const char *event_id, GError **error)
{
  DBusMessage *reply = crn_cli_call (conn, crn_cli_new_call (CRN_CLI_MANAGER_PATH,
                                                             CRN_CLI_MANAGER_INTERFACE,
                                                             "ListEvents"), error);
  if (reply == NULL)
    return NULL;
  g_autofree char *escaped = path_escape (event_id);
  g_autofree char *want = g_strconcat (CRN_CLI_MANAGER_PATH "/events/", escaped, NULL);
  DBusMessageIter iter, arr;
  gboolean found = FALSE;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_OBJECT_PATH;
       dbus_message_iter_next (&arr)) {
    const char *path;
    dbus_message_iter_get_basic (&arr, &path);
    found = found || g_str_equal (path, want);
  }
  dbus_message_unref (reply);
  if (!found) {
    g_set_error (error, CRN_CLI_ERROR, CRN_CLI_ERROR_DAEMON,
                 "No event \"%s\" is loaded (see \"creneauctl list\").", event_id);
    return NULL;
  }
  return g_steal_pointer (&want);
}

DBusMessage *
crn_cli_get_all (DBusConnection *conn, const char *path, const char *iface, GError **error)
{
  DBusMessage *msg = crn_cli_new_call (path, DBUS_INTERFACE_PROPERTIES, "GetAll");
  dbus_message_append_args (msg, DBUS_TYPE_STRING, &iface, DBUS_TYPE_INVALID);
  return crn_cli_call (conn, msg, error);
}

gboolean
crn_cli_dict_lookup (DBusMessageIter *dict, const char *key, DBusMessageIter *value)
{
  DBusMessageIter it, entry;
  dbus_message_iter_recurse (dict, &it);
  for (; dbus_message_iter_get_arg_type (&it) == DBUS_TYPE_DICT_ENTRY;
       dbus_message_iter_next (&it)) {
    const char *k;
    dbus_message_iter_recurse (&it, &entry);
    dbus_message_iter_get_basic (&entry, &k);
    if (!g_str_equal (k, key))
      continue;
    dbus_message_iter_next (&entry);
    dbus_message_iter_recurse (&entry, value);
    return TRUE;
  }
  return FALSE;
}

const char *
crn_cli_dict_string (DBusMessageIter *dict, const char *key, const char *fallback)
{
  DBusMessageIter v;
  const char *s = fallback;
  if (crn_cli_dict_lookup (dict, key, &v) && dbus_message_iter_get_arg_type (&v) == DBUS_TYPE_STRING)
    dbus_message_iter_get_basic (&v, &s);
  return s;
}

guint64
crn_cli_dict_uint (DBusMessageIter *dict, const char *key, guint64 fallback)
{
  DBusMessageIter v;
  if (!crn_cli_dict_lookup (dict, key, &v))
    return fallback;
  switch (dbus_message_iter_get_arg_type (&v)) {
  case DBUS_TYPE_UINT32: {
    dbus_uint32_t u;
    dbus_message_iter_get_basic (&v, &u);
    return u;
  }
  case DBUS_TYPE_UINT64: {
    dbus_uint64_t u;
    dbus_message_iter_get_basic (&v, &u);
    return u;
  }
  case DBUS_TYPE_BOOLEAN: {
    dbus_bool_t b;
    dbus_message_iter_get_basic (&v, &b);
    return b;
  }
  default:
    return fallback;
  }
}

char **
crn_cli_dict_strv (DBusMessageIter *dict, const char *key)
{
  GPtrArray *out = g_ptr_array_new ();
  DBusMessageIter v, arr;
  if (crn_cli_dict_lookup (dict, key, &v) && dbus_message_iter_get_arg_type (&v) == DBUS_TYPE_ARRAY) {
    dbus_message_iter_recurse (&v, &arr);
    for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRING;
         dbus_message_iter_next (&arr)) {
      const char *s;
      dbus_message_iter_get_basic (&arr, &s);
      g_ptr_array_add (out, g_strdup (s));
    }
  }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

void
crn_cli_dict_append (DBusMessageIter *dict, const char *key, int type, const void *value)
{
  DBusMessageIter entry, var;
  char sig[2] = { (char) type, '\0' };
  dbus_message_iter_open_container (dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
  dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &key);
  dbus_message_iter_open_container (&entry, DBUS_TYPE_VARIANT, sig, &var);
  dbus_message_iter_append_basic (&var, type, value);
  dbus_message_iter_close_container (&entry, &var);
  dbus_message_iter_close_container (dict, &entry);
}

int
crn_cli_fail (const char *command, const GError *error)
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*lines[i]) {
      /* Messages from GLib have no full stop; ours and the daemon's do. */
      gboolean bare = g_ascii_isalnum (lines[i][strlen (lines[i]) - 1]);
      fprintf (stderr, "creneauctl %s: %s%s\n", command, lines[i], bare ? "." : "");
    }
  if (error->domain == CRN_CLI_ERROR)
    return error->code;
  return 1;
}

int
crn_cli_parse_args (const char *command, const char *params, const char *summary,
                    const GOptionEntry *entries, int *argc, char ***argv, int min_args,
                    int max_args)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (params);
  g_autofree char *prgname = g_strconcat ("creneauctl ", command, NULL);
  g_set_prgname (prgname);
  g_option_context_set_summary (ctx, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, crn_cli_bus_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    return crn_usage_error (command, "%s", error->message);
  int n = *argc - 1;
  if (n < min_args)
    return crn_usage_error (command, "missing argument%s %s", min_args - n > 1 ? "s" : "",
                            params ? params : "");
  if (n > max_args)
    return crn_usage_error (command, "unexpected argument \"%s\"", (*argv)[max_args + 1]);
  return -1;
}
