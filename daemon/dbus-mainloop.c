/* creneau — libdbus on the GLib main loop.
 *
 * The rules that keep this correct (see the platform notes): only enabled
 * watches get a source; toggling removes and re-adds; timeouts repeat until
 * libdbus removes them; dispatch happens from an idle source, never from the
 * dispatch-status callback, because libdbus holds its lock there.
 */
#include "config.h"

#include "dbus-mainloop.h"

#include <gio/gio.h>
#include <glib-unix.h>

typedef struct {
  DBusConnection *conn;  /* not owned: the slot dies with the connection */
  GMainContext *context;
  GMainLoop *loop;       /* may be NULL */
  GSource *dispatch_idle;
  gboolean disconnected;
} LoopData;

typedef struct {
  DBusWatch *watch;
  LoopData *ld;
  GSource *source;
} WatchData;

typedef struct {
  DBusTimeout *timeout;
  LoopData *ld;
  GSource *source;
} TimeoutData;

static dbus_int32_t loop_slot = -1;

static LoopData *
loop_data_get (DBusConnection *conn)
{
  if (loop_slot < 0)
    return NULL;
  return dbus_connection_get_data (conn, loop_slot);
}

/* Dispatch */

static gboolean
dispatch_cb (gpointer user_data)
{
  LoopData *ld = user_data;
  DBusConnection *conn = dbus_connection_ref (ld->conn);
  /* One message per idle run keeps the loop fair to other sources. */
  DBusDispatchStatus status = dbus_connection_dispatch (conn);
  gboolean again = status == DBUS_DISPATCH_DATA_REMAINS;
  if (!again) {
    g_source_unref (ld->dispatch_idle);
    ld->dispatch_idle = NULL;
  }
  dbus_connection_unref (conn);
  return again ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
queue_dispatch (LoopData *ld)
{
  if (ld->dispatch_idle != NULL)
    return;
  ld->dispatch_idle = g_idle_source_new ();
  g_source_set_callback (ld->dispatch_idle, dispatch_cb, ld, NULL);
  g_source_set_name (ld->dispatch_idle, "[creneau] dbus dispatch");
  g_source_attach (ld->dispatch_idle, ld->context);
}

static void
dispatch_status_cb (DBusConnection *conn, DBusDispatchStatus status, void *data)
{
  LoopData *ld = data;
  if (status == DBUS_DISPATCH_DATA_REMAINS)
    queue_dispatch (ld);
}

/* Watches */

static gboolean
watch_cb (gint fd, GIOCondition cond, gpointer user_data)
{
  WatchData *wd = user_data;
  unsigned int flags = 0;
  if (cond & G_IO_IN)
    flags |= DBUS_WATCH_READABLE;
  if (cond & G_IO_OUT)
    flags |= DBUS_WATCH_WRITABLE;
  if (cond & G_IO_HUP)
    flags |= DBUS_WATCH_HANGUP;
  if (cond & G_IO_ERR)
    flags |= DBUS_WATCH_ERROR;
  /* Handling may remove this very watch (and free @wd): keep the connection
   * alive and touch nothing of @wd afterwards. */
  LoopData *ld = wd->ld;
  DBusConnection *conn = dbus_connection_ref (ld->conn);
  dbus_watch_handle (wd->watch, flags);
  if (dbus_connection_get_dispatch_status (conn) == DBUS_DISPATCH_DATA_REMAINS) {
    LoopData *still = loop_data_get (conn);
    if (still != NULL)
      queue_dispatch (still);
  }
  dbus_connection_unref (conn);
  return G_SOURCE_CONTINUE;
}

static void
watch_source_remove (WatchData *wd)
{
  if (wd->source == NULL)
    return;
  g_source_destroy (wd->source);
  g_source_unref (wd->source);
  wd->source = NULL;
}

static void
watch_source_add (WatchData *wd)
{
  unsigned int flags = dbus_watch_get_flags (wd->watch);
  GIOCondition cond = G_IO_HUP | G_IO_ERR;
  if (flags & DBUS_WATCH_READABLE)
    cond |= G_IO_IN;
  if (flags & DBUS_WATCH_WRITABLE)
    cond |= G_IO_OUT;
  wd->source = g_unix_fd_source_new (dbus_watch_get_unix_fd (wd->watch), cond);
  g_source_set_callback (wd->source, G_SOURCE_FUNC (watch_cb), wd, NULL);
  g_source_set_name (wd->source, "[creneau] dbus watch");
  g_source_attach (wd->source, wd->ld->context);
}

static void
watch_data_free (void *p)
{
  WatchData *wd = p;
  watch_source_remove (wd);
  g_free (wd);
}

static dbus_bool_t
add_watch_cb (DBusWatch *watch, void *data)
{
  WatchData *wd = g_new0 (WatchData, 1);
  wd->watch = watch;
  wd->ld = data;
  dbus_watch_set_data (watch, wd, watch_data_free);
  if (dbus_watch_get_enabled (watch))
    watch_source_add (wd);
  return TRUE;
}

static void
remove_watch_cb (DBusWatch *watch, void *data)
{
  /* Frees the WatchData through its free function. */
  dbus_watch_set_data (watch, NULL, NULL);
}

static void
toggle_watch_cb (DBusWatch *watch, void *data)
{
  WatchData *wd = dbus_watch_get_data (watch);
  if (wd == NULL)
    return;
  watch_source_remove (wd);
  if (dbus_watch_get_enabled (watch))
    watch_source_add (wd);
}

/* Timeouts */

static gboolean
timeout_cb (gpointer user_data)
{
  TimeoutData *td = user_data;
  DBusConnection *conn = dbus_connection_ref (td->ld->conn);
  /* libdbus may remove the timeout from inside its handler. */
  dbus_timeout_handle (td->timeout);
  dbus_connection_unref (conn);
  return G_SOURCE_CONTINUE;
}

static void
timeout_source_remove (TimeoutData *td)
{
  if (td->source == NULL)
    return;
  g_source_destroy (td->source);
  g_source_unref (td->source);
  td->source = NULL;
}

static void
timeout_source_add (TimeoutData *td)
{
  td->source = g_timeout_source_new (dbus_timeout_get_interval (td->timeout));
  g_source_set_callback (td->source, timeout_cb, td, NULL);
  g_source_set_name (td->source, "[creneau] dbus timeout");
  g_source_attach (td->source, td->ld->context);
}

static void
timeout_data_free (void *p)
{
  TimeoutData *td = p;
  timeout_source_remove (td);
  g_free (td);
}

static dbus_bool_t
add_timeout_cb (DBusTimeout *timeout, void *data)
{
  TimeoutData *td = g_new0 (TimeoutData, 1);
  td->timeout = timeout;
  td->ld = data;
  dbus_timeout_set_data (timeout, td, timeout_data_free);
  if (dbus_timeout_get_enabled (timeout))
    timeout_source_add (td);
  return TRUE;
}

static void
remove_timeout_cb (DBusTimeout *timeout, void *data)
{
  dbus_timeout_set_data (timeout, NULL, NULL);
}

static void
toggle_timeout_cb (DBusTimeout *timeout, void *data)
{
  TimeoutData *td = dbus_timeout_get_data (timeout);
  if (td == NULL)
    return;
  timeout_source_remove (td);
  if (dbus_timeout_get_enabled (timeout))
    timeout_source_add (td);
}

/* Disconnection */

static DBusHandlerResult
disconnect_filter (DBusConnection *conn, DBusMessage *msg, void *data)
{
  LoopData *ld = data;
  if (dbus_message_is_signal (msg, DBUS_INTERFACE_LOCAL, "Disconnected") &&
      g_strcmp0 (dbus_message_get_path (msg), DBUS_PATH_LOCAL) == 0) {
    ld->disconnected = TRUE;
    g_debug ("the bus connection was lost");
    if (ld->loop != NULL)
      g_main_loop_quit (ld->loop);
  }
  return DBUS_HANDLER_RESULT_NOT_YET_HANDLED;
}

static void
loop_data_free (void *p)
{
  LoopData *ld = p;
  if (ld->dispatch_idle != NULL) {
    g_source_destroy (ld->dispatch_idle);
    g_source_unref (ld->dispatch_idle);
  }
  if (ld->loop != NULL)
    g_main_loop_unref (ld->loop);
  g_main_context_unref (ld->context);
  g_free (ld);
}

void
crn_dbus_mainloop_attach (DBusConnection *conn, GMainContext *context, GMainLoop *loop)
{
  g_return_if_fail (conn != NULL);
  if (!dbus_connection_allocate_data_slot (&loop_slot))
    g_error ("out of memory");
  g_return_if_fail (dbus_connection_get_data (conn, loop_slot) == NULL);

  LoopData *ld = g_new0 (LoopData, 1);
  ld->conn = conn;
  ld->context = g_main_context_ref (context ? context : g_main_context_default ());
  ld->loop = loop ? g_main_loop_ref (loop) : NULL;
  dbus_connection_set_data (conn, loop_slot, ld, loop_data_free);

  dbus_connection_add_filter (conn, disconnect_filter, ld, NULL);
  if (!dbus_connection_set_watch_functions (conn, add_watch_cb, remove_watch_cb,
                                            toggle_watch_cb, ld, NULL) ||
      !dbus_connection_set_timeout_functions (conn, add_timeout_cb, remove_timeout_cb,
                                              toggle_timeout_cb, ld, NULL))
    g_error ("out of memory");
  dbus_connection_set_dispatch_status_function (conn, dispatch_status_cb, ld, NULL);
  /* Messages such as NameAcquired may already be queued. */
  queue_dispatch (ld);
}

void
crn_dbus_mainloop_detach (DBusConnection *conn)
{
  LoopData *ld = loop_data_get (conn);
  if (ld == NULL)
    return;
  dbus_connection_set_dispatch_status_function (conn, NULL, NULL, NULL);
  dbus_connection_set_watch_functions (conn, NULL, NULL, NULL, NULL, NULL);
  dbus_connection_set_timeout_functions (conn, NULL, NULL, NULL, NULL, NULL);
  dbus_connection_remove_filter (conn, disconnect_filter, ld);
  dbus_connection_set_data (conn, loop_slot, NULL, NULL);
  /* The slot itself is freed once no connection uses it. */
  dbus_connection_free_data_slot (&loop_slot);
}

gboolean
crn_dbus_mainloop_is_disconnected (DBusConnection *conn)
{
  LoopData *ld = loop_data_get (conn);
  return ld == NULL || ld->disconnected || !dbus_connection_get_is_connected (conn);
}

DBusConnection *
crn_dbus_connect (DBusBusType type, GMainLoop *loop, GError **error)
{
  DBusError err;
  dbus_error_init (&err);
  DBusConnection *conn = dbus_bus_get_private (type, &err);
  if (conn == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                 "cannot connect to the %s bus: %s",
                 type == DBUS_BUS_SYSTEM ? "system" : "session", err.message);
    dbus_error_free (&err);
    return NULL;
  }
  dbus_connection_set_exit_on_disconnect (conn, FALSE);
  crn_dbus_mainloop_attach (conn, NULL, loop);
  return conn;
}

void
crn_dbus_disconnect (DBusConnection *conn)
{
  if (conn == NULL)
    return;
  crn_dbus_mainloop_detach (conn);
  dbus_connection_close (conn);
  dbus_connection_unref (conn);
}
