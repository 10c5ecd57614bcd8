/* creneaud — the timetabling daemon: options, signals, the bus, the loop. */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "access.h"
#include "config-file.h"
#include "dbus-mainloop.h"
#include "event-object.h"
#include "event-store.h"
#include "manager.h"

static gboolean
quit_cb (gpointer data)
{
  g_info ("stopping on a signal");
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static char *
default_state_dir (void)
{
  const char *systemd = g_getenv ("STATE_DIRECTORY");
  if (systemd != NULL && *systemd != '\0') {
    /* systemd may list several, ':'-separated; the first is ours. */
    g_auto (GStrv) dirs = g_strsplit (systemd, ":", 2);
    return g_strdup (dirs[0]);
  }
  const char *xdg = g_getenv ("XDG_STATE_HOME");
  if (xdg != NULL && g_path_is_absolute (xdg))
    return g_build_filename (xdg, "creneau", NULL);
  return g_build_filename (g_get_home_dir (), ".local", "state", "creneau", NULL);
}

static gboolean
request_name (DBusConnection *conn, GError **error)
{
  DBusError err;
  dbus_error_init (&err);
  int r = dbus_bus_request_name (conn, CRN_BUS_NAME, DBUS_NAME_FLAG_DO_NOT_QUEUE, &err);
  if (dbus_error_is_set (&err)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot own the name %s: %s",
                 CRN_BUS_NAME, err.message);
    dbus_error_free (&err);
    return FALSE;
  }
  if (r != DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 "Another program already owns %s on this bus.", CRN_BUS_NAME);
    return FALSE;
  }
  return TRUE;
}

static void
print_interface_xml (void)
{
  const CrnBusInterface *ifaces[] = { &crn_manager_interface, &crn_event_interface, NULL };
  g_autofree char *xml = crn_bus_interfaces_to_xml (ifaces);
  fputs (xml, stdout);
}

int
main (int argc, char **argv)
{
  gboolean session = FALSE, system_bus = FALSE, verbose = FALSE, print_xml = FALSE;
  g_autofree char *config_path = NULL, *state_dir = NULL, *plugin_dir = NULL;
  const GOptionEntry entries[] = {
    { "session", 0, 0, G_OPTION_ARG_NONE, &session, "Use the session bus (the default)", NULL },
    { "system", 0, 0, G_OPTION_ARG_NONE, &system_bus, "Use the system bus", NULL },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_path,
      "Configuration file (default " CRN_SYSCONFDIR "/creneau/creneaud.conf)", "FILE" },
    { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir,
      "Where the daemon keeps its state", "DIR" },
    { "plugin-dir", 0, 0, G_OPTION_ARG_FILENAME, &plugin_dir, "Where plugins are found", "DIR" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Log what the daemon does", NULL },
    { "print-interface-xml", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &print_xml,
      "Print the D-Bus interface XML and exit", NULL },
    { NULL },
  };
  g_autoptr (GError) error = NULL;

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— the creneau timetabling daemon");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("creneaud: %s.\n", error->message);
    return 2;
  }
  if (argc > 1) {
    g_printerr ("creneaud: unexpected argument \"%s\".\n", argv[1]);
    return 2;
  }
  if (session && system_bus) {
    g_printerr ("creneaud: give --session or --system, not both.\n");
    return 2;
  }
  if (print_xml) {
    print_interface_xml ();
    return 0;
  }
  if (verbose)
    g_log_set_debug_enabled (TRUE);

  gboolean config_given = config_path != NULL;
  if (!config_given)
    config_path = g_build_filename (CRN_SYSCONFDIR, "creneau", "creneaud.conf", NULL);
  g_autoptr (CrnDaemonConfig) config = crn_daemon_config_load (config_path, config_given,
                                                               system_bus, &error);
  if (config == NULL) {
    g_printerr ("creneaud: %s\n", error->message);
    return 1;
  }
  if (state_dir == NULL)
    state_dir = default_state_dir ();
  if (g_mkdir_with_parents (state_dir, 0700) < 0) {
    g_printerr ("creneaud: cannot create the state directory %s: %s.\n", state_dir,
                g_strerror (errno));
    return 1;
  }

  g_autofree char *db_path = g_build_filename (state_dir, "creneau.db", NULL);
  g_autoptr (CrnEventStore) store = crn_event_store_new_sqlite (db_path, &error);
  if (store == NULL) {
    g_printerr ("creneaud: %s\n", error->message);
    return 1;
  }

  dbus_threads_init_default ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  DBusConnection *conn = crn_dbus_connect (system_bus ? DBUS_BUS_SYSTEM : DBUS_BUS_SESSION,
                                           loop, &error);
  if (conn == NULL) {
    g_printerr ("creneaud: %s.\n", error->message);
    return 1;
  }

  CrnAccess access = { config->access_group, config->access_root };
  crn_bus_set_access_check (crn_access_check, &access);
  CrnManagerOptions opts = { plugin_dir, config->max_events, config->feeds_listen };
  g_autoptr (CrnManager) manager = crn_manager_new (conn, store, &opts, &error);
  int status = 0;
  if (manager == NULL || !request_name (conn, &error)) {
    g_printerr ("creneaud: %s\n", error->message);
    status = 1;
  } else {
    guint sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
    guint sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
    g_info ("ready on the %s bus as %s (state in %s)", system_bus ? "system" : "session",
            CRN_BUS_NAME, state_dir);
    g_main_loop_run (loop);
    g_source_remove (sigterm);
    g_source_remove (sigint);
    if (crn_dbus_mainloop_is_disconnected (conn))
      g_info ("the bus went away");
  }

  g_clear_pointer (&manager, crn_manager_free);
  crn_bus_calls_abandon_all ();
  if (dbus_connection_get_is_connected (conn))
    dbus_connection_flush (conn);
  crn_dbus_disconnect (conn);
  crn_bus_set_access_check (NULL, NULL);
  g_clear_pointer (&store, crn_event_store_free);
  dbus_shutdown ();
  return status;
}
