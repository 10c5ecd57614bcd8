/* The table-driven D-Bus layer without a bus: error names, option parsing,
 * path escaping, and the interface XML generated from the tables. */
#include "config.h"

#include "dbus-object.h"
#include "model/error.h"

#include <string.h>

static void
test_error_names (void)
{
  g_assert_cmpstr (crn_bus_error_name (CRN_BUS_ERROR_INVALID_INPUT), ==,
                   "org.creneau.Scheduler1.Error.InvalidInput");
  g_assert_cmpstr (crn_bus_error_name (CRN_BUS_ERROR_NOT_FOUND), ==,
                   "org.creneau.Scheduler1.Error.NotFound");
  g_assert_cmpstr (crn_bus_error_name (CRN_BUS_ERROR_BUSY), ==,
                   "org.creneau.Scheduler1.Error.Busy");
  g_assert_cmpstr (crn_bus_error_name (CRN_BUS_ERROR_INFEASIBLE), ==,
                   "org.creneau.Scheduler1.Error.Infeasible");
  g_assert_cmpstr (crn_bus_error_name (CRN_BUS_ERROR_ACCESS_DENIED), ==,
                   "org.creneau.Scheduler1.Error.AccessDenied");
  g_assert_cmpstr (crn_bus_error_name (CRN_BUS_ERROR_FAILED), ==,
                   "org.creneau.Scheduler1.Error.Failed");

  /* The library's errors map to the nearest name; anything else is Failed. */
  g_autoptr (GError) limit = g_error_new_literal (CRN_ERROR, CRN_ERROR_LIMIT, "x");
  g_assert_cmpstr (crn_bus_error_name_for (limit), ==, "org.creneau.Scheduler1.Error.InvalidInput");
  g_autoptr (GError) missing = g_error_new_literal (CRN_ERROR, CRN_ERROR_NOT_FOUND, "x");
  g_assert_cmpstr (crn_bus_error_name_for (missing), ==, "org.creneau.Scheduler1.Error.NotFound");
  g_autoptr (GError) io = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_IO, "x");
  g_assert_cmpstr (crn_bus_error_name_for (io), ==, "org.creneau.Scheduler1.Error.Failed");
}

static void
test_path_escape (void)
{
  g_autofree char *a = crn_bus_path_escape ("journees-2018");
  g_assert_cmpstr (a, ==, "journees_2d2018");
  g_autofree char *b = crn_bus_path_escape ("a_b");
  g_assert_cmpstr (b, ==, "a_5fb");
  g_autofree char *c = crn_bus_path_escape ("");
  g_assert_cmpstr (c, ==, "_");
  g_assert_true (dbus_validate_path ("/e/journees_2d2018", NULL));
}

static DBusMessage *
message_with_options (const char *key, int type, const void *value)
{
  DBusMessage *msg = dbus_message_new_method_call ("a.b", "/a", "a.b", "M");
  DBusMessageIter iter, dict, entry, var;
  char sig[2] = { (char) type, 0 };
  dbus_message_iter_init_append (msg, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{sv}", &dict);
  dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
  dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &key);
  dbus_message_iter_open_container (&entry, DBUS_TYPE_VARIANT, sig, &var);
  dbus_message_iter_append_basic (&var, type, value);
  dbus_message_iter_close_container (&entry, &var);
  dbus_message_iter_close_container (&dict, &entry);
  dbus_message_iter_close_container (&iter, &dict);
  return msg;
}

static void
test_options (void)
{
  dbus_uint32_t limit = 0;
  dbus_bool_t flag = FALSE;
  gboolean seen = FALSE;
  const CrnBusOption options[] = {
    { "time-limit", DBUS_TYPE_UINT32, &limit, &seen },
    { "flag", DBUS_TYPE_BOOLEAN, &flag, NULL },
    { NULL },
  };
  dbus_uint32_t ten = 10;
  DBusMessage *msg = message_with_options ("time-limit", DBUS_TYPE_UINT32, &ten);
  DBusMessageIter iter;
  dbus_message_iter_init (msg, &iter);
  g_autoptr (GError) error = NULL;
  g_assert_true (crn_bus_parse_options (&iter, options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (limit, ==, 10);
  g_assert_true (seen);
  g_assert_false (flag);
  dbus_message_unref (msg);

  /* A known key with the wrong type names the key and both types. */
  const char *text = "ten";
  msg = message_with_options ("time-limit", DBUS_TYPE_STRING, &text);
  dbus_message_iter_init (msg, &iter);
  g_assert_false (crn_bus_parse_options (&iter, options, &error));
  g_assert_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "Option \"time-limit\" must be of type 'u', not 's'.");
  g_clear_error (&error);
  dbus_message_unref (msg);

  /* An unknown key lists the known ones. */
  msg = message_with_options ("colour", DBUS_TYPE_STRING, &text);
  dbus_message_iter_init (msg, &iter);
  g_assert_false (crn_bus_parse_options (&iter, options, &error));
  g_assert_cmpstr (error->message, ==,
                   "Unknown option \"colour\"; known options are \"time-limit\", \"flag\".");
  dbus_message_unref (msg);
}

static gboolean
never_called (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  g_assert_not_reached ();
}

static void
get_nothing (DBusMessageIter *iter, gpointer data)
{
}

static void
test_interface_xml (void)
{
  static const CrnBusArg in[] = { { "files", "a{say}" }, { "options", "a{sv}" }, { NULL } };
  static const CrnBusArg out[] = { { "event", "o" }, { NULL } };
  static const CrnBusArg sig[] = { { "elapsed_ms", "t" }, { NULL } };
  static const CrnBusMethod methods[] = { { "Load", never_called, in, out, 0 }, { NULL } };
  static const CrnBusSignal signals[] = { { "Tick", sig }, { NULL } };
  static const CrnBusProperty props[] = {
    { "Version", "s", get_nothing, NULL, 0 },
    { "State", "u", get_nothing, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
    { NULL },
  };
  static const CrnBusInterface iface = { "org.example.Test1", methods, signals, props };
  const CrnBusInterface *ifaces[] = { &iface, NULL };
  g_autofree char *xml = crn_bus_interfaces_to_xml (ifaces);
  g_assert_true (g_str_has_prefix (xml, "<!DOCTYPE node PUBLIC"));
  g_assert_nonnull (strstr (xml, "  <interface name=\"org.example.Test1\">\n"
                                 "    <method name=\"Load\">\n"
                                 "      <arg type=\"a{say}\" name=\"files\" direction=\"in\"/>\n"
                                 "      <arg type=\"a{sv}\" name=\"options\" direction=\"in\"/>\n"
                                 "      <arg type=\"o\" name=\"event\" direction=\"out\"/>\n"
                                 "    </method>\n"
                                 "    <signal name=\"Tick\">\n"
                                 "      <arg type=\"t\" name=\"elapsed_ms\"/>\n"
                                 "    </signal>\n"));
  /* A property that never changes says so; one that does is the default. */
  g_assert_nonnull (strstr (xml, "<property name=\"Version\" type=\"s\" access=\"read\">\n"
                                 "      <annotation name=\"org.freedesktop.DBus.Property."
                                 "EmitsChangedSignal\" value=\"const\"/>"));
  g_assert_nonnull (strstr (xml, "<property name=\"State\" type=\"u\" access=\"read\"/>"));
  /* Well formed: GMarkup reads it. */
  g_autoptr (GMarkupParseContext) ctx = g_markup_parse_context_new (
      &(GMarkupParser) { 0 }, 0, NULL, NULL);
  const char *body = strstr (xml, "<node>");
  g_autoptr (GError) error = NULL;
  g_assert_true (g_markup_parse_context_parse (ctx, body, -1, &error) &&
                 g_markup_parse_context_end_parse (ctx, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dbus/error-names", test_error_names);
  g_test_add_func ("/dbus/path-escape", test_path_escape);
  g_test_add_func ("/dbus/options", test_options);
  g_test_add_func ("/dbus/interface-xml", test_interface_xml);
  int status = g_test_run ();
  dbus_shutdown ();
  return status;
}
