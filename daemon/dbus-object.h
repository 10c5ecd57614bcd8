/* creneau — D-Bus objects described by tables.
 *
 * An interface is a table of methods (with in and out signatures), signals
 * and properties. The same tables drive dispatch, argument checking,
 * org.freedesktop.DBus.Properties and the introspection XML, so what the
 * daemon says it offers is exactly what it answers.
 */
#pragma once

#include <glib.h>
#include <dbus/dbus.h>

G_BEGIN_DECLS

/* The one error enum of the daemon; each code has one D-Bus error name
 * (org.creneau.Scheduler1.Error.<Name>). */
#define CRN_BUS_ERROR (crn_bus_error_quark ())
GQuark crn_bus_error_quark (void);

typedef enum {
  CRN_BUS_ERROR_INVALID_INPUT,
  CRN_BUS_ERROR_NOT_FOUND,
  CRN_BUS_ERROR_BUSY,
  CRN_BUS_ERROR_INFEASIBLE,
  CRN_BUS_ERROR_ACCESS_DENIED,
  CRN_BUS_ERROR_FAILED,
  CRN_BUS_N_ERRORS
} CrnBusError;

#define CRN_BUS_ERROR_PREFIX "org.creneau.Scheduler1.Error."

/* "org.creneau.Scheduler1.Error.NotFound" */
const char *crn_bus_error_name (CrnBusError code);
/* The D-Bus error name for any GError: CRN_BUS_ERROR codes map to their
 * name, the library's CRN_ERROR codes to the nearest one, anything else to
 * Failed. */
const char *crn_bus_error_name_for (const GError *error);

typedef struct {
  const char *name;       /* snake_case */
  const char *signature;  /* one complete type */
} CrnBusArg;

/* One method call in flight. The handler answers it exactly once, now or
 * later, with crn_bus_call_return() or crn_bus_call_return_error(); the call
 * is freed by that answer. */
typedef struct _CrnBusCall CrnBusCall;

/* Returns FALSE with @error set to answer with an error at once. Returning
 * TRUE without answering is allowed only for CRN_BUS_METHOD_ASYNC methods. */
typedef gboolean (*CrnBusMethodFunc) (CrnBusCall *call, DBusMessageIter *args,
                                      gpointer user_data, GError **error);
/* Appends the property's value (not wrapped in a variant). */
typedef void (*CrnBusPropertyGet) (DBusMessageIter *iter, gpointer user_data);
/* @value iterates over the unwrapped value, already checked against the
 * property's signature. */
typedef gboolean (*CrnBusPropertySet) (DBusMessageIter *value, gpointer user_data,
                                       GError **error);

typedef enum {
  CRN_BUS_METHOD_ASYNC = 1 << 0,
  /* Changes state or reveals what is not public (feed tokens): refused
   * with AccessDenied to callers outside the configured group (see
   * crn_bus_set_access_check). */
  CRN_BUS_METHOD_PRIVILEGED = 1 << 1,
} CrnBusMethodFlags;

typedef enum {
  CRN_BUS_PROPERTY_EMITS_CHANGED = 1 << 0,
} CrnBusPropertyFlags;

typedef struct {
  const char *name;
  CrnBusMethodFunc func;
  const CrnBusArg *in_args;   /* terminated by { NULL, NULL }; NULL: none */
  const CrnBusArg *out_args;
  CrnBusMethodFlags flags;
} CrnBusMethod;

typedef struct {
  const char *name;
  const CrnBusArg *args;
} CrnBusSignal;

typedef struct {
  const char *name;
  const char *signature;
  CrnBusPropertyGet get;
  CrnBusPropertySet set;       /* NULL: read-only */
  CrnBusPropertyFlags flags;
} CrnBusProperty;

typedef struct {
  const char *name;
  const CrnBusMethod *methods;       /* terminated by { NULL } */
  const CrnBusSignal *signals;
  const CrnBusProperty *properties;
} CrnBusInterface;

/* Access control for CRN_BUS_METHOD_PRIVILEGED methods: called with the
 * caller's unique name; returns FALSE with @error (AccessDenied) to refuse. */
typedef gboolean (*CrnBusAccessFunc) (DBusConnection *conn, const char *sender,
                                      gpointer user_data, GError **error);
void crn_bus_set_access_check (CrnBusAccessFunc func, gpointer user_data);

/* An object path with one or more interfaces. */
typedef struct _CrnBusObject CrnBusObject;

CrnBusObject *crn_bus_object_new (DBusConnection *conn, const char *path, GError **error);
/* Unregisters the path. Calls still in flight keep their message and can
 * still be answered. */
void crn_bus_object_free (CrnBusObject *object);
void crn_bus_object_add_interface (CrnBusObject *object, const CrnBusInterface *iface,
                                   gpointer user_data);
const char *crn_bus_object_get_path (CrnBusObject *object);
DBusConnection *crn_bus_object_get_connection (CrnBusObject *object);

/* The introspection XML of the object (interfaces, the standard ones, and
 * child nodes registered below it). */
char *crn_bus_object_introspect (CrnBusObject *object);
/* The XML of the given interfaces alone, as installed in dbus-1/interfaces. */
char *crn_bus_interfaces_to_xml (const CrnBusInterface *const *ifaces);

/* Emits a signal declared in @iface's table; the varargs are as for
 * dbus_message_append_args() and must match the declared signature. */
gboolean crn_bus_object_emit (CrnBusObject *object, const char *iface, const char *signal,
                              int first_arg_type, ...);
/* Emits org.freedesktop.DBus.Properties.PropertiesChanged with the current
 * values of @names (NULL-terminated). */
void crn_bus_object_emit_properties_changed (CrnBusObject *object, const char *iface,
                                             const char *const *names);

/* The call */
DBusMessage *crn_bus_call_get_message (CrnBusCall *call);
const char *crn_bus_call_get_sender (CrnBusCall *call);
/* A reply message to fill with the out arguments before crn_bus_call_return(). */
DBusMessage *crn_bus_call_new_reply (CrnBusCall *call);
/* Sends @reply (taken; NULL: an empty reply) and frees the call. */
void crn_bus_call_return (CrnBusCall *call, DBusMessage *reply);
/* Sends the D-Bus error for @error and frees the call. */
void crn_bus_call_return_error (CrnBusCall *call, const GError *error);
/* Answers every call on the connection that is still unanswered when the
 * daemon stops (with Failed), so none is leaked. */
void crn_bus_calls_abandon_all (void);

/* Options in an a{sv} argument, by key. @dest points to a dbus_bool_t for
 * 'b', guint32 for 'u', guint64 for 't', gint64 for 'x', const char * for 's'
 * (valid while the message lives). Unknown keys and wrong types are
 * InvalidInput errors naming the key. */
typedef struct {
  const char *key;
  int type;          /* DBUS_TYPE_BOOLEAN, ... */
  gpointer dest;
  gboolean *seen;    /* may be NULL */
} CrnBusOption;

gboolean crn_bus_parse_options (DBusMessageIter *iter, const CrnBusOption *options,
                                GError **error);

/* An object-path element for any string: bytes outside [A-Za-z0-9] become
 * "_xx" (hex), so "journees-2018" gives "journees_2d2018". */
char *crn_bus_path_escape (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnBusObject, crn_bus_object_free)

G_END_DECLS
