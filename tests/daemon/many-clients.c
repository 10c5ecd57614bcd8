/* Opens N connections to the session bus, has each call one method at the
 * same moment, and waits for every answer: prints one line per failure and a
 * summary "N answers, slowest M ms". Exit 0 when all answered without error.
 *
 * usage: many-clients N DEST PATH INTERFACE METHOD
 */
#include <dbus/dbus.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  if (argc != 6) {
    fprintf (stderr, "usage: many-clients N DEST PATH INTERFACE METHOD\n");
    return 2;
  }
  int n = atoi (argv[1]);
  DBusConnection **conns = g_new0 (DBusConnection *, n);
  DBusPendingCall **pending = g_new0 (DBusPendingCall *, n);
  DBusError err;
  dbus_error_init (&err);
  for (int i = 0; i < n; i++) {
    conns[i] = dbus_bus_get_private (DBUS_BUS_SESSION, &err);
    if (conns[i] == NULL) {
      fprintf (stderr, "client %d cannot connect: %s\n", i, err.message);
      return 1;
    }
    dbus_connection_set_exit_on_disconnect (conns[i], FALSE);
  }
  gint64 start = g_get_monotonic_time ();
  for (int i = 0; i < n; i++) {
    DBusMessage *msg = dbus_message_new_method_call (argv[2], argv[3], argv[4], argv[5]);
    dbus_connection_send_with_reply (conns[i], msg, &pending[i], 30000);
    dbus_connection_flush (conns[i]);
    dbus_message_unref (msg);
  }
  int failures = 0;
  gint64 slowest = 0;
  for (int i = 0; i < n; i++) {
    dbus_pending_call_block (pending[i]);
    gint64 took = (g_get_monotonic_time () - start) / 1000;
    slowest = MAX (slowest, took);
    DBusMessage *reply = dbus_pending_call_steal_reply (pending[i]);
    if (reply == NULL || dbus_message_get_type (reply) == DBUS_MESSAGE_TYPE_ERROR) {
      fprintf (stderr, "client %d: %s\n", i,
               reply ? dbus_message_get_error_name (reply) : "no reply");
      failures++;
    }
    if (reply)
      dbus_message_unref (reply);
    dbus_pending_call_unref (pending[i]);
    dbus_connection_close (conns[i]);
    dbus_connection_unref (conns[i]);
  }
  printf ("%d answers, %d errors, slowest %" G_GINT64_FORMAT " ms\n", n - failures, failures,
          slowest);
  g_free (conns);
  g_free (pending);
  dbus_shutdown ();
  return failures ? 1 : 0;
}
