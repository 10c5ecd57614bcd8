/* creneau — the arguments of LoadEvent, decoded without a bus. */
#include "config.h"

#include "load-args.h"
#include "dbus-object.h"

static CrnEventFiles *
decode_files (DBusMessageIter *iter, GError **error)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  DBusMessageIter dict, entry, bytes;
  dbus_message_iter_recurse (iter, &dict);
  for (; dbus_message_iter_get_arg_type (&dict) == DBUS_TYPE_DICT_ENTRY;
       dbus_message_iter_next (&dict)) {
    const char *name;
    const guchar *data;
    int len = 0;
    dbus_message_iter_recurse (&dict, &entry);
    dbus_message_iter_get_basic (&entry, &name);
    dbus_message_iter_next (&entry);
    dbus_message_iter_recurse (&entry, &bytes);
    dbus_message_iter_get_fixed_array (&bytes, &data, &len);
    g_autoptr (GBytes) content = g_bytes_new (data, len);
    if (!crn_event_files_add (files, name, content, error))
      return NULL;
  }
  if (crn_event_files_lookup (files, "event.conf") == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "The event's files hold no event.conf.");
    return NULL;
  }
  return g_steal_pointer (&files);
}

CrnEventFiles *
crn_load_event_args_decode (DBusMessage *msg, gboolean *replace, GError **error)
{
  /* The dispatcher checks the signature already; checking it again keeps
   * this function safe on its own, which the iterators below rely on. */
  if (!dbus_message_has_signature (msg, CRN_LOAD_EVENT_SIGNATURE)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "LoadEvent takes arguments of type '%s', not '%s'.", CRN_LOAD_EVENT_SIGNATURE,
                 dbus_message_get_signature (msg));
    return NULL;
  }
  DBusMessageIter args;
  dbus_message_iter_init (msg, &args);
  g_autoptr (CrnEventFiles) files = decode_files (&args, error);
  if (files == NULL)
    return NULL;
  dbus_message_iter_next (&args);
  dbus_bool_t replace_opt = FALSE;
  const CrnBusOption options[] = {
    { "replace", DBUS_TYPE_BOOLEAN, &replace_opt, NULL },
    { NULL },
  };
  if (!crn_bus_parse_options (&args, options, error))
    return NULL;
  if (replace != NULL)
    *replace = replace_opt != FALSE;
  return g_steal_pointer (&files);
}
