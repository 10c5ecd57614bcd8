/* creneau — table-driven D-Bus objects on libdbus. */
#include "config.h"

#include "dbus-object.h"
#include "model/error.h"

#include <string.h>

#define ERR_UNKNOWN_METHOD "org.freedesktop.DBus.Error.UnknownMethod"
#define ERR_UNKNOWN_INTERFACE "org.freedesktop.DBus.Error.UnknownInterface"
#define ERR_UNKNOWN_PROPERTY "org.freedesktop.DBus.Error.UnknownProperty"
#define ERR_PROPERTY_READ_ONLY "org.freedesktop.DBus.Error.PropertyReadOnly"
#define ERR_INVALID_ARGS "org.freedesktop.DBus.Error.InvalidArgs"

G_DEFINE_QUARK (crn-bus-error-quark, crn_bus_error)

static const char *const error_names[CRN_BUS_N_ERRORS] = {
  CRN_BUS_ERROR_PREFIX "InvalidInput",
  CRN_BUS_ERROR_PREFIX "NotFound",
  CRN_BUS_ERROR_PREFIX "Busy",
  CRN_BUS_ERROR_PREFIX "Infeasible",
  CRN_BUS_ERROR_PREFIX "AccessDenied",
  CRN_BUS_ERROR_PREFIX "Failed",
};

const char *
crn_bus_error_name (CrnBusError code)
{
  if ((guint) code >= CRN_BUS_N_ERRORS)
    code = CRN_BUS_ERROR_FAILED;
  return error_names[code];
}

const char *
crn_bus_error_name_for (const GError *error)
{
  if (error == NULL)
    return crn_bus_error_name (CRN_BUS_ERROR_FAILED);
  if (error->domain == CRN_BUS_ERROR)
    return crn_bus_error_name (error->code);
  if (error->domain == CRN_ERROR) {
    switch ((CrnError) error->code) {
    case CRN_ERROR_INVALID_INPUT:
    case CRN_ERROR_LIMIT:
    case CRN_ERROR_PLUGIN:
      return crn_bus_error_name (CRN_BUS_ERROR_INVALID_INPUT);
    case CRN_ERROR_NOT_FOUND:
      return crn_bus_error_name (CRN_BUS_ERROR_NOT_FOUND);
    case CRN_ERROR_FAILED:
    default:
      break;
    }
  }
  if (error->domain == G_KEY_FILE_ERROR || error->domain == G_MARKUP_ERROR)
    return crn_bus_error_name (CRN_BUS_ERROR_INVALID_INPUT);
  return crn_bus_error_name (CRN_BUS_ERROR_FAILED);
}

static CrnBusAccessFunc access_func;
static gpointer access_data;

void
crn_bus_set_access_check (CrnBusAccessFunc func, gpointer user_data)
{
  access_func = func;
  access_data = user_data;
}

/* Calls */

struct _CrnBusCall {
  DBusConnection *conn;
  DBusMessage *msg;
  char *out_signature;
  gboolean in_handler;
  gboolean answered;
  GList *link;           /* in pending_calls */
};

static GQueue pending_calls = G_QUEUE_INIT;

static CrnBusCall *
call_new (DBusConnection *conn, DBusMessage *msg, const char *out_signature)
{
  CrnBusCall *call = g_new0 (CrnBusCall, 1);
  call->conn = dbus_connection_ref (conn);
  call->msg = dbus_message_ref (msg);
  call->out_signature = g_strdup (out_signature);
  g_queue_push_tail (&pending_calls, call);
  call->link = pending_calls.tail;
  return call;
}

static void
call_free (CrnBusCall *call)
{
  g_queue_delete_link (&pending_calls, call->link);
  dbus_message_unref (call->msg);
  dbus_connection_unref (call->conn);
  g_free (call->out_signature);
  g_free (call);
}

DBusMessage *
crn_bus_call_get_message (CrnBusCall *call)
{
  return call->msg;
}

const char *
crn_bus_call_get_sender (CrnBusCall *call)
{
  return dbus_message_get_sender (call->msg);
}

DBusMessage *
crn_bus_call_new_reply (CrnBusCall *call)
{
  DBusMessage *reply = dbus_message_new_method_return (call->msg);
  if (reply == NULL)
    g_error ("out of memory");
  return reply;
}

static void
call_send (CrnBusCall *call, DBusMessage *reply)
{
  g_return_if_fail (!call->answered);
  call->answered = TRUE;
  if (!dbus_message_get_no_reply (call->msg))
    dbus_connection_send (call->conn, reply, NULL);
  dbus_message_unref (reply);
  if (!call->in_handler)
    call_free (call);
}

void
crn_bus_call_return (CrnBusCall *call, DBusMessage *reply)
{
  if (call->answered) {
    g_critical ("%s was answered twice", dbus_message_get_member (call->msg));
    if (reply)
      dbus_message_unref (reply);
    return;
  }
  if (reply == NULL)
    reply = crn_bus_call_new_reply (call);
  if (call->out_signature != NULL &&
      !dbus_message_has_signature (reply, call->out_signature)) {
    g_critical ("%s replies with signature '%s' instead of '%s'",
                dbus_message_get_member (call->msg),
                dbus_message_get_signature (reply), call->out_signature);
  }
  call_send (call, reply);
}

static void
call_return_dbus_error (CrnBusCall *call, const char *name, const char *message)
{
  DBusMessage *reply = dbus_message_new_error (call->msg, name, message);
  if (reply == NULL)
    g_error ("out of memory");
  call_send (call, reply);
}

void
crn_bus_call_return_error (CrnBusCall *call, const GError *error)
{
  if (call->answered) {
    g_critical ("%s was answered twice", dbus_message_get_member (call->msg));
    return;
  }
  g_debug ("%s failed: %s", dbus_message_get_member (call->msg),
           error ? error->message : "no message");
  call_return_dbus_error (call, crn_bus_error_name_for (error),
                          error ? error->message : "The operation failed.");
}

void
crn_bus_calls_abandon_all (void)
{
  while (!g_queue_is_empty (&pending_calls)) {
    CrnBusCall *call = g_queue_peek_head (&pending_calls);
    g_autoptr (GError) error = g_error_new_literal (CRN_BUS_ERROR, CRN_BUS_ERROR_FAILED,
                                                    "The daemon is stopping.");
    call->in_handler = FALSE;
    crn_bus_call_return_error (call, error);
  }
}

/* Objects */

typedef struct {
  const CrnBusInterface *iface;
  gpointer user_data;
} IfaceEntry;

struct _CrnBusObject {
  DBusConnection *conn;
  char *path;
  GArray *ifaces;  /* IfaceEntry */
};

static char *
args_signature (const CrnBusArg *args)
{
  GString *s = g_string_new (NULL);
  for (const CrnBusArg *a = args; a && a->name; a++)
    g_string_append (s, a->signature);
  return g_string_free (s, FALSE);
}

static const IfaceEntry *
find_iface (CrnBusObject *object, const char *name)
{
  for (guint i = 0; i < object->ifaces->len; i++) {
    const IfaceEntry *e = &g_array_index (object->ifaces, IfaceEntry, i);
    if (g_strcmp0 (e->iface->name, name) == 0)
      return e;
  }
  return NULL;
}

static const CrnBusProperty *
find_property (const CrnBusInterface *iface, const char *name)
{
  for (const CrnBusProperty *p = iface->properties; p && p->name; p++)
    if (g_str_equal (p->name, name))
      return p;
  return NULL;
}

static DBusHandlerResult
reply_error (DBusConnection *conn, DBusMessage *msg, const char *name, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);

static DBusHandlerResult
reply_error (DBusConnection *conn, DBusMessage *msg, const char *name, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *text = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (!dbus_message_get_no_reply (msg)) {
    DBusMessage *reply = dbus_message_new_error (msg, name, text);
    if (reply == NULL)
      g_error ("out of memory");
    dbus_connection_send (conn, reply, NULL);
    dbus_message_unref (reply);
  }
  return DBUS_HANDLER_RESULT_HANDLED;
}

static DBusHandlerResult
send_reply (DBusConnection *conn, DBusMessage *msg, DBusMessage *reply)
{
  if (!dbus_message_get_no_reply (msg))
    dbus_connection_send (conn, reply, NULL);
  dbus_message_unref (reply);
  return DBUS_HANDLER_RESULT_HANDLED;
}

static gboolean
check_access (DBusConnection *conn, DBusMessage *msg, GError **error)
{
  if (access_func == NULL)
    return TRUE;
  return access_func (conn, dbus_message_get_sender (msg), access_data, error);
}

static void
append_variant (DBusMessageIter *iter, const CrnBusProperty *p, gpointer user_data)
{
  DBusMessageIter var;
  dbus_message_iter_open_container (iter, DBUS_TYPE_VARIANT, p->signature, &var);
  p->get (&var, user_data);
  dbus_message_iter_close_container (iter, &var);
}

static void
append_all_properties (DBusMessageIter *iter, const IfaceEntry *e)
{
  DBusMessageIter dict, entry;
  dbus_message_iter_open_container (iter, DBUS_TYPE_ARRAY, "{sv}", &dict);
  for (const CrnBusProperty *p = e ? e->iface->properties : NULL; p && p->name; p++) {
    dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
    dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &p->name);
    append_variant (&entry, p, e->user_data);
    dbus_message_iter_close_container (&dict, &entry);
  }
  dbus_message_iter_close_container (iter, &dict);
}

static DBusHandlerResult
handle_properties (CrnBusObject *object, DBusConnection *conn, DBusMessage *msg)
{
  const char *member = dbus_message_get_member (msg);
  DBusMessageIter args;
  const char *iface_name = NULL, *prop_name = NULL;

  if (g_strcmp0 (member, "GetAll") == 0) {
    if (!dbus_message_has_signature (msg, "s"))
      return reply_error (conn, msg, ERR_INVALID_ARGS, "GetAll takes one string.");
    dbus_message_get_args (msg, NULL, DBUS_TYPE_STRING, &iface_name, DBUS_TYPE_INVALID);
    const IfaceEntry *e = find_iface (object, iface_name);
    if (e == NULL && *iface_name != '\0')
      return reply_error (conn, msg, ERR_UNKNOWN_INTERFACE,
                          "Object %s has no interface %s.", object->path, iface_name);
    DBusMessage *reply = dbus_message_new_method_return (msg);
    dbus_message_iter_init_append (reply, &args);
    append_all_properties (&args, e);
    return send_reply (conn, msg, reply);
  }

  gboolean is_get = g_strcmp0 (member, "Get") == 0;
  gboolean is_set = g_strcmp0 (member, "Set") == 0;
  if (!is_get && !is_set)
    return reply_error (conn, msg, ERR_UNKNOWN_METHOD,
                        "No method %s in org.freedesktop.DBus.Properties.", member);
  if (!dbus_message_has_signature (msg, is_get ? "ss" : "ssv"))
    return reply_error (conn, msg, ERR_INVALID_ARGS, "%s takes arguments '%s'.",
                        member, is_get ? "ss" : "ssv");
  dbus_message_iter_init (msg, &args);
  dbus_message_iter_get_basic (&args, &iface_name);
  dbus_message_iter_next (&args);
  dbus_message_iter_get_basic (&args, &prop_name);
  dbus_message_iter_next (&args);

  const IfaceEntry *e = find_iface (object, iface_name);
  if (e == NULL)
    return reply_error (conn, msg, ERR_UNKNOWN_INTERFACE,
                        "Object %s has no interface %s.", object->path, iface_name);
  const CrnBusProperty *p = find_property (e->iface, prop_name);
  if (p == NULL)
    return reply_error (conn, msg, ERR_UNKNOWN_PROPERTY,
                        "Interface %s has no property %s.", iface_name, prop_name);

  if (is_get) {
    DBusMessage *reply = dbus_message_new_method_return (msg);
    DBusMessageIter out;
    dbus_message_iter_init_append (reply, &out);
    append_variant (&out, p, e->user_data);
    return send_reply (conn, msg, reply);
  }

  if (p->set == NULL)
    return reply_error (conn, msg, ERR_PROPERTY_READ_ONLY, "Property %s is read-only.", prop_name);
  DBusMessageIter var;
  dbus_message_iter_recurse (&args, &var);
  g_autofree char *sig = dbus_message_iter_get_signature (&var);
  if (g_strcmp0 (sig, p->signature) != 0)
    return reply_error (conn, msg, ERR_INVALID_ARGS, "Property %s has type '%s', not '%s'.",
                        prop_name, p->signature, sig);
  g_autoptr (GError) error = NULL;
  if (!check_access (conn, msg, &error) || !p->set (&var, e->user_data, &error))
    return reply_error (conn, msg, crn_bus_error_name_for (error), "%s", error->message);
  if (p->flags & CRN_BUS_PROPERTY_EMITS_CHANGED) {
    const char *names[] = { p->name, NULL };
    crn_bus_object_emit_properties_changed (object, iface_name, names);
  }
  return send_reply (conn, msg, dbus_message_new_method_return (msg));
}

static DBusHandlerResult
handle_method (CrnBusObject *object, DBusConnection *conn, DBusMessage *msg)
{
  const char *iface_name = dbus_message_get_interface (msg);
  const char *member = dbus_message_get_member (msg);
  const CrnBusMethod *method = NULL;
  const IfaceEntry *entry = NULL;

  for (guint i = 0; i < object->ifaces->len && method == NULL; i++) {
    const IfaceEntry *e = &g_array_index (object->ifaces, IfaceEntry, i);
    if (iface_name != NULL && !g_str_equal (iface_name, e->iface->name))
      continue;
    for (const CrnBusMethod *m = e->iface->methods; m && m->name; m++)
      if (g_str_equal (m->name, member)) {
        method = m;
        entry = e;
        break;
      }
  }
  if (method == NULL) {
    if (iface_name != NULL && find_iface (object, iface_name) == NULL)
      return reply_error (conn, msg, ERR_UNKNOWN_INTERFACE,
                          "Object %s has no interface %s.", object->path, iface_name);
    return reply_error (conn, msg, ERR_UNKNOWN_METHOD, "Object %s has no method %s%s%s.",
                        object->path, iface_name ? iface_name : "", iface_name ? "." : "",
                        member);
  }

  g_autofree char *in_sig = args_signature (method->in_args);
  if (!dbus_message_has_signature (msg, in_sig))
    return reply_error (conn, msg, ERR_INVALID_ARGS,
                        "%s takes arguments of type '%s', not '%s'.", member, in_sig,
                        dbus_message_get_signature (msg));

  g_autoptr (GError) error = NULL;
  if ((method->flags & CRN_BUS_METHOD_PRIVILEGED) && !check_access (conn, msg, &error))
    return reply_error (conn, msg, crn_bus_error_name_for (error), "%s", error->message);

  g_autofree char *out_sig = args_signature (method->out_args);
  CrnBusCall *call = call_new (conn, msg, out_sig);
  DBusMessageIter args;
  dbus_message_iter_init (msg, &args);
  call->in_handler = TRUE;
  gboolean ok = method->func (call, &args, entry->user_data, &error);
  if (!ok) {
    if (call->answered)
      g_critical ("%s answered and failed", member);
    else
      crn_bus_call_return_error (call, error);
  } else if (!call->answered && !(method->flags & CRN_BUS_METHOD_ASYNC)) {
    g_critical ("%s returned without an answer", member);
    g_autoptr (GError) missing = g_error_new (CRN_BUS_ERROR, CRN_BUS_ERROR_FAILED,
                                              "%s did not answer.", member);
    crn_bus_call_return_error (call, missing);
  }
  /* From here on an answer frees the call itself. */
  call->in_handler = FALSE;
  if (call->answered)
    call_free (call);
  return DBUS_HANDLER_RESULT_HANDLED;
}

static DBusHandlerResult
object_message_cb (DBusConnection *conn, DBusMessage *msg, void *data)
{
  CrnBusObject *object = data;
  if (dbus_message_get_type (msg) != DBUS_MESSAGE_TYPE_METHOD_CALL)
    return DBUS_HANDLER_RESULT_NOT_YET_HANDLED;
  const char *iface = dbus_message_get_interface (msg);

  if (g_strcmp0 (iface, DBUS_INTERFACE_INTROSPECTABLE) == 0 ||
      (iface == NULL && g_strcmp0 (dbus_message_get_member (msg), "Introspect") == 0)) {
    if (!dbus_message_is_method_call (msg, DBUS_INTERFACE_INTROSPECTABLE, "Introspect") &&
        iface != NULL)
      return reply_error (conn, msg, ERR_UNKNOWN_METHOD, "No such method.");
    if (!dbus_message_has_signature (msg, ""))
      return reply_error (conn, msg, ERR_INVALID_ARGS, "Introspect takes no arguments.");
    g_autofree char *xml = crn_bus_object_introspect (object);
    DBusMessage *reply = dbus_message_new_method_return (msg);
    const char *s = xml;
    dbus_message_append_args (reply, DBUS_TYPE_STRING, &s, DBUS_TYPE_INVALID);
    return send_reply (conn, msg, reply);
  }
  if (g_strcmp0 (iface, DBUS_INTERFACE_PROPERTIES) == 0)
    return handle_properties (object, conn, msg);
  return handle_method (object, conn, msg);
}

static const DBusObjectPathVTable object_vtable = {
  .message_function = object_message_cb,
};

CrnBusObject *
crn_bus_object_new (DBusConnection *conn, const char *path, GError **error)
{
  g_autoptr (CrnBusObject) object = g_new0 (CrnBusObject, 1);
  object->conn = dbus_connection_ref (conn);
  object->path = g_strdup (path);
  object->ifaces = g_array_new (FALSE, FALSE, sizeof (IfaceEntry));
  DBusError err;
  dbus_error_init (&err);
  if (!dbus_connection_try_register_object_path (conn, path, &object_vtable, object, &err)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_FAILED,
                 "Cannot register the object %s: %s", path, err.message);
    dbus_error_free (&err);
    g_clear_pointer (&object->path, g_free);  /* not registered: nothing to undo */
    return NULL;
  }
  return g_steal_pointer (&object);
}

void
crn_bus_object_free (CrnBusObject *object)
{
  if (object == NULL)
    return;
  if (object->path != NULL)
    dbus_connection_unregister_object_path (object->conn, object->path);
  dbus_connection_unref (object->conn);
  g_free (object->path);
  g_array_unref (object->ifaces);
  g_free (object);
}

void
crn_bus_object_add_interface (CrnBusObject *object, const CrnBusInterface *iface,
                              gpointer user_data)
{
  IfaceEntry e = { iface, user_data };
  g_array_append_val (object->ifaces, e);
}

const char *
crn_bus_object_get_path (CrnBusObject *object)
{
  return object->path;
}

DBusConnection *
crn_bus_object_get_connection (CrnBusObject *object)
{
  return object->conn;
}

/* Introspection */

static void
xml_args (GString *xml, const CrnBusArg *args, const char *direction)
{
  for (const CrnBusArg *a = args; a && a->name; a++) {
    g_string_append_printf (xml, "      <arg type=\"%s\" name=\"%s\"", a->signature, a->name);
    if (direction)
      g_string_append_printf (xml, " direction=\"%s\"", direction);
    g_string_append (xml, "/>\n");
  }
}

static void
xml_interface (GString *xml, const CrnBusInterface *iface)
{
  g_string_append_printf (xml, "  <interface name=\"%s\">\n", iface->name);
  for (const CrnBusMethod *m = iface->methods; m && m->name; m++) {
    g_string_append_printf (xml, "    <method name=\"%s\">\n", m->name);
    xml_args (xml, m->in_args, "in");
    xml_args (xml, m->out_args, "out");
    g_string_append (xml, "    </method>\n");
  }
  for (const CrnBusSignal *s = iface->signals; s && s->name; s++) {
    g_string_append_printf (xml, "    <signal name=\"%s\">\n", s->name);
    xml_args (xml, s->args, NULL);
    g_string_append (xml, "    </signal>\n");
  }
  for (const CrnBusProperty *p = iface->properties; p && p->name; p++) {
    g_string_append_printf (xml, "    <property name=\"%s\" type=\"%s\" access=\"%s\"",
                            p->name, p->signature, p->set ? "readwrite" : "read");
    if (p->flags & CRN_BUS_PROPERTY_EMITS_CHANGED)
      g_string_append (xml, "/>\n");
    else
      g_string_append (xml, ">\n      <annotation name=\"org.freedesktop.DBus.Property."
                            "EmitsChangedSignal\" value=\"const\"/>\n    </property>\n");
  }
  g_string_append (xml, "  </interface>\n");
}

static const char standard_interfaces_xml[] =
  "  <interface name=\"org.freedesktop.DBus.Introspectable\">\n"
  "    <method name=\"Introspect\">\n"
  "      <arg type=\"s\" name=\"xml_data\" direction=\"out\"/>\n"
  "    </method>\n"
  "  </interface>\n"
  "  <interface name=\"org.freedesktop.DBus.Peer\">\n"
  "    <method name=\"Ping\"/>\n"
  "    <method name=\"GetMachineId\">\n"
  "      <arg type=\"s\" name=\"machine_uuid\" direction=\"out\"/>\n"
  "    </method>\n"
  "  </interface>\n"
  "  <interface name=\"org.freedesktop.DBus.Properties\">\n"
  "    <method name=\"Get\">\n"
  "      <arg type=\"s\" name=\"interface_name\" direction=\"in\"/>\n"
  "      <arg type=\"s\" name=\"property_name\" direction=\"in\"/>\n"
  "      <arg type=\"v\" name=\"value\" direction=\"out\"/>\n"
  "    </method>\n"
  "    <method name=\"GetAll\">\n"
  "      <arg type=\"s\" name=\"interface_name\" direction=\"in\"/>\n"
  "      <arg type=\"a{sv}\" name=\"properties\" direction=\"out\"/>\n"
  "    </method>\n"
  "    <method name=\"Set\">\n"
  "      <arg type=\"s\" name=\"interface_name\" direction=\"in\"/>\n"
  "      <arg type=\"s\" name=\"property_name\" direction=\"in\"/>\n"
  "      <arg type=\"v\" name=\"value\" direction=\"in\"/>\n"
  "    </method>\n"
  "    <signal name=\"PropertiesChanged\">\n"
  "      <arg type=\"s\" name=\"interface_name\"/>\n"
  "      <arg type=\"a{sv}\" name=\"changed_properties\"/>\n"
  "      <arg type=\"as\" name=\"invalidated_properties\"/>\n"
  "    </signal>\n"
  "  </interface>\n";

char *
crn_bus_object_introspect (CrnBusObject *object)
{
  GString *xml = g_string_new (DBUS_INTROSPECT_1_0_XML_DOCTYPE_DECL_NODE);
  g_string_append (xml, "<node>\n");
  g_string_append (xml, standard_interfaces_xml);
  for (guint i = 0; i < object->ifaces->len; i++)
    xml_interface (xml, g_array_index (object->ifaces, IfaceEntry, i).iface);
  char **children = NULL;
  if (dbus_connection_list_registered (object->conn, object->path, &children)) {
    for (char **c = children; c && *c; c++)
      g_string_append_printf (xml, "  <node name=\"%s\"/>\n", *c);
    dbus_free_string_array (children);
  }
  g_string_append (xml, "</node>\n");
  return g_string_free (xml, FALSE);
}

char *
crn_bus_interfaces_to_xml (const CrnBusInterface *const *ifaces)
{
  GString *xml = g_string_new (DBUS_INTROSPECT_1_0_XML_DOCTYPE_DECL_NODE);
  g_string_append (xml, "<node>\n");
  for (guint i = 0; ifaces[i]; i++)
    xml_interface (xml, ifaces[i]);
  g_string_append (xml, "</node>\n");
  return g_string_free (xml, FALSE);
}

/* Signals */

static const CrnBusSignal *
find_signal (CrnBusObject *object, const char *iface, const char *name)
{
  const IfaceEntry *e = find_iface (object, iface);
  for (const CrnBusSignal *s = e ? e->iface->signals : NULL; s && s->name; s++)
    if (g_str_equal (s->name, name))
      return s;
  return NULL;
}

gboolean
crn_bus_object_emit (CrnBusObject *object, const char *iface, const char *signal,
                     int first_arg_type, ...)
{
  const CrnBusSignal *s = find_signal (object, iface, signal);
  g_return_val_if_fail (s != NULL, FALSE);
  DBusMessage *msg = dbus_message_new_signal (object->path, iface, signal);
  if (msg == NULL)
    g_error ("out of memory");
  va_list ap;
  va_start (ap, first_arg_type);
  gboolean ok = dbus_message_append_args_valist (msg, first_arg_type, ap);
  va_end (ap);
  g_autofree char *sig = args_signature (s->args);
  if (!ok || !dbus_message_has_signature (msg, sig)) {
    g_critical ("signal %s.%s emitted with signature '%s' instead of '%s'", iface, signal,
                dbus_message_get_signature (msg), sig);
    dbus_message_unref (msg);
    return FALSE;
  }
  dbus_connection_send (object->conn, msg, NULL);
  dbus_message_unref (msg);
  return TRUE;
}

void
crn_bus_object_emit_properties_changed (CrnBusObject *object, const char *iface,
                                        const char *const *names)
{
  const IfaceEntry *e = find_iface (object, iface);
  g_return_if_fail (e != NULL);
  DBusMessage *msg = dbus_message_new_signal (object->path, DBUS_INTERFACE_PROPERTIES,
                                              "PropertiesChanged");
  DBusMessageIter iter, dict, entry, invalidated;
  dbus_message_iter_init_append (msg, &iter);
  dbus_message_iter_append_basic (&iter, DBUS_TYPE_STRING, &iface);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "{sv}", &dict);
  for (guint i = 0; names[i]; i++) {
    const CrnBusProperty *p = find_property (e->iface, names[i]);
    g_return_if_fail (p != NULL);
    dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
    dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &p->name);
    append_variant (&entry, p, e->user_data);
    dbus_message_iter_close_container (&dict, &entry);
  }
  dbus_message_iter_close_container (&iter, &dict);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "s", &invalidated);
  dbus_message_iter_close_container (&iter, &invalidated);
  dbus_connection_send (object->conn, msg, NULL);
  dbus_message_unref (msg);
}

/* Arguments */

gboolean
crn_bus_parse_options (DBusMessageIter *iter, const CrnBusOption *options, GError **error)
{
  DBusMessageIter dict, entry, value;
  g_return_val_if_fail (dbus_message_iter_get_arg_type (iter) == DBUS_TYPE_ARRAY, FALSE);
  dbus_message_iter_recurse (iter, &dict);
  for (; dbus_message_iter_get_arg_type (&dict) == DBUS_TYPE_DICT_ENTRY;
       dbus_message_iter_next (&dict)) {
    const char *key;
    dbus_message_iter_recurse (&dict, &entry);
    dbus_message_iter_get_basic (&entry, &key);
    dbus_message_iter_next (&entry);
    dbus_message_iter_recurse (&entry, &value);
    const CrnBusOption *opt = NULL;
    for (const CrnBusOption *o = options; o && o->key; o++)
      if (g_str_equal (o->key, key))
        opt = o;
    if (opt == NULL) {
      g_autoptr (GString) known = g_string_new (NULL);
      for (const CrnBusOption *o = options; o && o->key; o++)
        g_string_append_printf (known, "%s\"%s\"", known->len ? ", " : "", o->key);
      g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                   "Unknown option \"%s\"%s%s.", key,
                   known->len ? "; known options are " : " (this call takes none)",
                   known->str);
      return FALSE;
    }
    if (dbus_message_iter_get_arg_type (&value) != opt->type) {
      g_autofree char *sig = dbus_message_iter_get_signature (&value);
      g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                   "Option \"%s\" must be of type '%c', not '%s'.", key, opt->type, sig);
      return FALSE;
    }
    dbus_message_iter_get_basic (&value, opt->dest);
    if (opt->seen)
      *opt->seen = TRUE;
  }
  return TRUE;
}

char *
crn_bus_path_escape (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const guchar *p = (const guchar *) text; *p; p++) {
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, *p);
    else
      g_string_append_printf (s, "_%02x", *p);
  }
  if (s->len == 0)
    g_string_append_c (s, '_');
  return g_string_free (s, FALSE);
}
