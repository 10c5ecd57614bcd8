/* creneau — libdbus connections driven by a GLib main context.
 *
 * libdbus knows nothing of GLib; this glue turns its watches into fd
 * sources, its timeouts into repeating GLib timeouts, and runs dispatch from
 * an idle source. The daemon and creneauctl share it.
 */
#pragma once

#include <glib.h>
#include <dbus/dbus.h>

G_BEGIN_DECLS

/* Drives @conn from @context (NULL: the default context). When @loop is not
 * NULL, the loop is quit once the connection is lost (the bus went away), so
 * a daemon never outlives its bus. Call crn_dbus_mainloop_detach() before
 * closing the connection. */
void crn_dbus_mainloop_attach (DBusConnection *conn, GMainContext *context, GMainLoop *loop);
void crn_dbus_mainloop_detach (DBusConnection *conn);

/* TRUE once the Disconnected message has been seen on @conn. */
gboolean crn_dbus_mainloop_is_disconnected (DBusConnection *conn);

/* A private connection to the session or system bus, with
 * exit-on-disconnect off, attached to the default context. */
DBusConnection *crn_dbus_connect (DBusBusType type, GMainLoop *loop, GError **error);
/* Detaches, closes and unrefs a connection from crn_dbus_connect(). */
void crn_dbus_disconnect (DBusConnection *conn);

G_END_DECLS
