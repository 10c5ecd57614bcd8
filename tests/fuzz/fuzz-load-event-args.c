/* Fuzz target: the decoding of LoadEvent's arguments (daemon/load-args.c).
 *
 * The first byte chooses how the message is made:
 * - even: the rest is a whole D-Bus message in wire format, demarshalled as
 *   libdbus does for what arrives on a socket;
 * - odd: the rest drives a generator that builds a method call (files,
 *   options, and now and then a wrong signature), which goes through the
 *   wire format and back before it is decoded.
 * Either way the message is decoded by the daemon's own function.
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load-args.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  crn_fuzz_setup_logging ();
  return 0;
}

/* Reads the generator's input; past the end, zeros. */
typedef struct {
  const uint8_t *data;
  size_t size, pos;
} Stream;

static guint
take_byte (Stream *s)
{
  return s->pos < s->size ? s->data[s->pos++] : 0;
}

static guint
take_u16 (Stream *s)
{
  guint lo = take_byte (s);
  return lo | (take_byte (s) << 8);
}

static const uint8_t *
take_bytes (Stream *s, size_t *len)
{
  if (*len > s->size - s->pos)
    *len = s->size - s->pos;
  const uint8_t *p = s->data + s->pos;
  s->pos += *len;
  return p;
}

/* libdbus refuses (fatally) to append a string that is not valid UTF-8 or
 * holds a NUL; a client cannot send one either. */
static char *
take_string (Stream *s, guint max_len)
{
  size_t len = take_byte (s) % (max_len + 1);
  const uint8_t *p = take_bytes (s, &len);
  g_autofree char *raw = g_strndup ((const char *) p, len);
  return g_utf8_make_valid (raw, -1);
}

static void
append_files (Stream *s, DBusMessageIter *args)
{
  DBusMessageIter dict, entry, bytes;
  dbus_message_iter_open_container (args, DBUS_TYPE_ARRAY, "{say}", &dict);
  guint n = take_byte (s) % 8;
  for (guint i = 0; i < n; i++) {
    g_autofree char *name = take_string (s, 64);
    size_t len = take_u16 (s) % 4096;
    const uint8_t *content = take_bytes (s, &len);
    int n_bytes = (int) len;
    dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
    dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &name);
    dbus_message_iter_open_container (&entry, DBUS_TYPE_ARRAY, "y", &bytes);
    dbus_message_iter_append_fixed_array (&bytes, DBUS_TYPE_BYTE, &content, n_bytes);
    dbus_message_iter_close_container (&entry, &bytes);
    dbus_message_iter_close_container (&dict, &entry);
  }
  dbus_message_iter_close_container (args, &dict);
}

/* One value of a type chosen by the input, inside a variant. */
static void
append_value (Stream *s, DBusMessageIter *variant_parent, guint depth)
{
  DBusMessageIter var;
  guint kind = take_byte (s) % 8;
  if (kind == 7 && depth >= 3)
    kind = 0;
  static const char *const sigs[] = { "b", "u", "s", "t", "x", "ay", "i", "v" };
  dbus_message_iter_open_container (variant_parent, DBUS_TYPE_VARIANT, sigs[kind], &var);
  switch (kind) {
  case 0: {
    dbus_bool_t b = take_byte (s) & 1;
    dbus_message_iter_append_basic (&var, DBUS_TYPE_BOOLEAN, &b);
    break;
  }
  case 1: {
    dbus_uint32_t u = take_u16 (s);
    dbus_message_iter_append_basic (&var, DBUS_TYPE_UINT32, &u);
    break;
  }
  case 2: {
    g_autofree char *str = take_string (s, 32);
    dbus_message_iter_append_basic (&var, DBUS_TYPE_STRING, &str);
    break;
  }
  case 3: {
    dbus_uint64_t t = take_u16 (s);
    dbus_message_iter_append_basic (&var, DBUS_TYPE_UINT64, &t);
    break;
  }
  case 4: {
    dbus_int64_t x = -(dbus_int64_t) take_u16 (s);
    dbus_message_iter_append_basic (&var, DBUS_TYPE_INT64, &x);
    break;
  }
  case 5: {
    DBusMessageIter arr;
    size_t len = take_byte (s);
    const uint8_t *p = take_bytes (s, &len);
    dbus_message_iter_open_container (&var, DBUS_TYPE_ARRAY, "y", &arr);
    dbus_message_iter_append_fixed_array (&arr, DBUS_TYPE_BYTE, &p, (int) len);
    dbus_message_iter_close_container (&var, &arr);
    break;
  }
  case 6: {
    dbus_int32_t i = (dbus_int32_t) take_u16 (s) - 32768;
    dbus_message_iter_append_basic (&var, DBUS_TYPE_INT32, &i);
    break;
  }
  default:
    append_value (s, &var, depth + 1);
    break;
  }
  dbus_message_iter_close_container (variant_parent, &var);
}

static void
append_options (Stream *s, DBusMessageIter *args)
{
  DBusMessageIter dict, entry;
  dbus_message_iter_open_container (args, DBUS_TYPE_ARRAY, "{sv}", &dict);
  guint n = take_byte (s) % 4;
  for (guint i = 0; i < n; i++) {
    g_autofree char *key = take_string (s, 16);
    dbus_message_iter_open_container (&dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
    dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &key);
    append_value (s, &entry, 0);
    dbus_message_iter_close_container (&dict, &entry);
  }
  dbus_message_iter_close_container (args, &dict);
}

static DBusMessage *
generate (Stream *s)
{
  DBusMessage *msg = dbus_message_new_method_call ("org.creneau.Scheduler1",
                                                   "/org/creneau/Scheduler1",
                                                   "org.creneau.Scheduler1", "LoadEvent");
  DBusMessageIter args;
  dbus_message_iter_init_append (msg, &args);
  /* Bit 0: options left out; bit 1: a string after them; bit 2: the
   * options first. All three give signatures the decoder must refuse. */
  guint shape = take_byte (s) & 7;
  if (shape & 4)
    append_options (s, &args);
  append_files (s, &args);
  if (!(shape & 1) && !(shape & 4))
    append_options (s, &args);
  if (shape & 2) {
    g_autofree char *extra = take_string (s, 16);
    dbus_message_iter_append_basic (&args, DBUS_TYPE_STRING, &extra);
  }
  /* Through the wire format, as the daemon would receive it; a message on
   * the wire always has a serial. */
  dbus_message_set_serial (msg, 1);
  char *wire = NULL;
  int wire_len = 0;
  if (!dbus_message_marshal (msg, &wire, &wire_len)) {
    fprintf (stderr, "out of memory marshalling a message\n");
    abort ();
  }
  dbus_message_unref (msg);
  DBusError err = DBUS_ERROR_INIT;
  msg = dbus_message_demarshal (wire, wire_len, &err);
  dbus_free (wire);
  if (msg == NULL) {
    fprintf (stderr, "a generated message does not read back: %s\n", err.message);
    abort ();
  }
  return msg;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  DBusMessage *msg;
  if ((data[0] & 1) == 0) {
    DBusError err = DBUS_ERROR_INIT;
    msg = dbus_message_demarshal ((const char *) data + 1, (int) MIN (size - 1, G_MAXINT), &err);
    dbus_error_free (&err);
    if (msg == NULL)
      return 0;
  } else {
    Stream s = { data + 1, size - 1, 0 };
    msg = generate (&s);
  }
  gboolean replace = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = crn_load_event_args_decode (msg, &replace, &error);
  if ((files == NULL) == (error == NULL)) {
    fprintf (stderr, "the decoder must give files or an error, exactly one\n");
    abort ();
  }
  if (files != NULL && crn_event_files_lookup (files, "event.conf") == NULL) {
    fprintf (stderr, "files decoded without event.conf\n");
    abort ();
  }
  dbus_message_unref (msg);
  return 0;
}
