/* A client that sends creneaud what creneauctl never would: LoadEvent
 * payloads built from files, made-up names and sizes, and floods of calls
 * from several connections. Prints one line saying what the bus answered.
 *
 * usage: bus-abuse load [NAME=PATH | NAME:SIZE | --many N | --dir DIR]...
 *          LoadEvent with these files: NAME from PATH, NAME with SIZE bytes
 *          of 'x', N files "f<i>" of one byte, every regular file of DIR.
 *          Prints "ok PATH" or "ERROR-NAME: message"; exit 0 when the
 *          daemon answered, 1 when the bus did not deliver the answer.
 *        bus-abuse flood CLIENTS CALLS DEST PATH INTERFACE METHOD
 *          CLIENTS connections each send CALLS calls without waiting, then
 *          collect the answers. Prints "N answers, E errors, slowest M ms".
 */
#include <dbus/dbus.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEST "org.creneau.Scheduler1"
#define MANAGER_PATH "/org/creneau/Scheduler1"
#define MANAGER_IFACE "org.creneau.Scheduler1"

typedef struct {
  char *name;
  GBytes *data;
} File;

static void
file_free (gpointer p)
{
  File *f = p;
  g_free (f->name);
  g_bytes_unref (f->data);
  g_free (f);
}

static void
add (GPtrArray *files, const char *name, GBytes *data)
{
  File *f = g_new0 (File, 1);
  f->name = g_strdup (name);
  f->data = data;
  g_ptr_array_add (files, f);
}

static gboolean
add_dir (GPtrArray *files, const char *root, const char *rel)
{
  g_autofree char *path = rel ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return FALSE;
  const char *entry;
  while ((entry = g_dir_read_name (dir)) != NULL) {
    g_autofree char *child_rel = rel ? g_strconcat (rel, "/", entry, NULL) : g_strdup (entry);
    g_autofree char *child = g_build_filename (root, child_rel, NULL);
    if (g_file_test (child, G_FILE_TEST_IS_DIR)) {
      add_dir (files, root, child_rel);
    } else {
      char *data;
      gsize len;
      if (!g_file_get_contents (child, &data, &len, NULL))
        return FALSE;
      add (files, child_rel, g_bytes_new_take (data, len));
    }
  }
  return TRUE;
}

/* CRENEAU_ABUSE_BUS=system: the system bus (the policy tests' own). */
static DBusBusType
bus_type (void)
{
  return g_strcmp0 (g_getenv ("CRENEAU_ABUSE_BUS"), "system") == 0 ? DBUS_BUS_SYSTEM
                                                                    : DBUS_BUS_SESSION;
}

static int
load (int argc, char **argv)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (file_free);
  for (int i = 0; i < argc; i++) {
    const char *eq = strchr (argv[i], '='), *colon = strrchr (argv[i], ':');
    if (g_str_equal (argv[i], "--many") && i + 1 < argc) {
      long n = atol (argv[++i]);
      for (long k = 0; k < n; k++) {
        g_autofree char *name = g_strdup_printf ("f%ld", k);
        add (files, name, g_bytes_new ("x", 1));
      }
    } else if (g_str_equal (argv[i], "--dir") && i + 1 < argc) {
      if (!add_dir (files, argv[i + 1], NULL)) {
        fprintf (stderr, "cannot read %s\n", argv[i + 1]);
        return 2;
      }
      i++;
    } else if (eq != NULL) {
      g_autofree char *name = g_strndup (argv[i], eq - argv[i]);
      char *data;
      gsize len;
      if (!g_file_get_contents (eq + 1, &data, &len, NULL)) {
        fprintf (stderr, "cannot read %s\n", eq + 1);
        return 2;
      }
      add (files, name, g_bytes_new_take (data, len));
    } else if (colon != NULL) {
      g_autofree char *name = g_strndup (argv[i], colon - argv[i]);
      gsize size = g_ascii_strtoull (colon + 1, NULL, 10);
      char *data = g_malloc (size + 1);
      memset (data, 'x', size);
      add (files, name, g_bytes_new_take (data, size));
    } else {
      fprintf (stderr, "not NAME=PATH, NAME:SIZE, --many N or --dir DIR: %s\n", argv[i]);
      return 2;
    }
  }

  /* libdbus aborts on a string that is not UTF-8: ask it first, before
   * anything is held (LeakSanitizer would end the process before stdout
   * is flushed). */
  for (guint i = 0; i < files->len; i++) {
    File *f = g_ptr_array_index (files, i);
    if (!dbus_validate_utf8 (f->name, NULL)) {
      printf ("refused by libdbus: a file name that is not UTF-8 cannot be sent\n");
      return 0;
    }
  }
  DBusError err;
  dbus_error_init (&err);
  DBusConnection *conn = dbus_bus_get_private (bus_type (), &err);
  if (conn == NULL) {
    fprintf (stderr, "cannot connect: %s\n", err.message);
    return 3;
  }
  dbus_connection_set_exit_on_disconnect (conn, FALSE);
  DBusMessage *msg = dbus_message_new_method_call (DEST, MANAGER_PATH, MANAGER_IFACE,
                                                   "LoadEvent");
  DBusMessageIter iter, dict, entry, bytes, opts;
  dbus_message_iter_init_append (msg, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{say}", &dict);
  for (guint i = 0; i < files->len; i++) {
    File *f = g_ptr_array_index (files, i);
    gsize len;
    const guchar *data = g_bytes_get_data (f->data, &len);
    dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
    dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &f->name);
    dbus_message_iter_open_container (&entry, DBUS_TYPE_ARRAY, "y", &bytes);
    dbus_message_iter_append_fixed_array (&bytes, DBUS_TYPE_BYTE, &data, (int) len);
    dbus_message_iter_close_container (&entry, &bytes);
    dbus_message_iter_close_container (&dict, &entry);
  }
  dbus_message_iter_close_container (&iter, &dict);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{sv}", &opts);
  dbus_message_iter_close_container (&iter, &opts);

  DBusMessage *reply = dbus_connection_send_with_reply_and_block (conn, msg, 120000, &err);
  dbus_message_unref (msg);
  int rc = 0;
  if (reply != NULL) {
    const char *path = NULL;
    dbus_message_get_args (reply, NULL, DBUS_TYPE_OBJECT_PATH, &path, DBUS_TYPE_INVALID);
    printf ("ok %s\n", path ? path : "?");
    dbus_message_unref (reply);
  } else if (dbus_connection_get_is_connected (conn) &&
             !dbus_error_has_name (&err, DBUS_ERROR_NO_REPLY)) {
    printf ("%s: %s\n", err.name, err.message);
  } else {
    printf ("no answer (%s): %s\n", err.name, err.message);
    rc = 1;
  }
  dbus_error_free (&err);
  dbus_connection_close (conn);
  dbus_connection_unref (conn);
  return rc;
}

static int
flood (int argc, char **argv)
{
  if (argc != 6) {
    fprintf (stderr, "usage: bus-abuse flood CLIENTS CALLS DEST PATH INTERFACE METHOD\n");
    return 2;
  }
  int n = atoi (argv[0]), calls = atoi (argv[1]);
  DBusConnection **conns = g_new0 (DBusConnection *, n);
  DBusPendingCall **pending = g_new0 (DBusPendingCall *, (gsize) n * calls);
  DBusError err;
  dbus_error_init (&err);
  for (int i = 0; i < n; i++) {
    conns[i] = dbus_bus_get_private (bus_type (), &err);
    if (conns[i] == NULL) {
      fprintf (stderr, "client %d cannot connect: %s\n", i, err.message);
      return 1;
    }
    dbus_connection_set_exit_on_disconnect (conns[i], FALSE);
  }
  gint64 start = g_get_monotonic_time ();
  /* Round robin, so that the clients' calls interleave on the bus. */
  for (int k = 0; k < calls; k++)
    for (int i = 0; i < n; i++) {
      DBusMessage *msg = dbus_message_new_method_call (argv[2], argv[3], argv[4], argv[5]);
      dbus_connection_send_with_reply (conns[i], msg, &pending[k * n + i], 60000);
      dbus_message_unref (msg);
    }
  for (int i = 0; i < n; i++)
    dbus_connection_flush (conns[i]);
  int answers = 0, errors = 0;
  gint64 slowest = 0;
  for (int k = 0; k < n * calls; k++) {
    if (pending[k] == NULL) {
      errors++;
      continue;
    }
    dbus_pending_call_block (pending[k]);
    DBusMessage *reply = dbus_pending_call_steal_reply (pending[k]);
    slowest = MAX (slowest, g_get_monotonic_time () - start);
    if (reply != NULL) {
      answers++;
      if (dbus_message_get_type (reply) == DBUS_MESSAGE_TYPE_ERROR) {
        if (errors++ < 5)
          fprintf (stderr, "call %d: %s\n", k, dbus_message_get_error_name (reply));
      }
      dbus_message_unref (reply);
    }
    dbus_pending_call_unref (pending[k]);
  }
  printf ("%d answers, %d errors, slowest %" G_GINT64_FORMAT " ms\n", answers, errors,
          slowest / 1000);
  for (int i = 0; i < n; i++) {
    dbus_connection_close (conns[i]);
    dbus_connection_unref (conns[i]);
  }
  g_free (conns);
  g_free (pending);
  return answers == n * calls && errors == 0 ? 0 : 1;
}

int
main (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "load"))
    return load (argc - 2, argv + 2);
  if (argc >= 2 && g_str_equal (argv[1], "flood"))
    return flood (argc - 2, argv + 2);
  fprintf (stderr, "usage: bus-abuse load [NAME=PATH | NAME:SIZE | --many N | --dir DIR]...\n"
                   "       bus-abuse flood CLIENTS CALLS DEST PATH INTERFACE METHOD\n");
  return 2;
}
