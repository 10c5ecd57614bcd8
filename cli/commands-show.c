/* creneauctl show, violations, explain: reading a timetable in 80 columns. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bus.h"
#include "commands.h"
#include "commands-bus.h"
#include "interchange/json.h"

#define WIDTH 80

typedef struct {
  char *session;
  char *title;
  char *room;
  char *room_name;
  gint64 start, end;
  char **people;
  guint occurrence, count;
} Row;

static void
row_free (gpointer p)
{
  Row *r = p;
  g_free (r->session);
  g_free (r->title);
  g_free (r->room);
  g_free (r->room_name);
  g_strfreev (r->people);
  g_free (r);
}

static gint
row_compare (gconstpointer a, gconstpointer b)
{
  const Row *x = *(const Row *const *) a, *y = *(const Row *const *) b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return g_strcmp0 (x->room, y->room);
}

/* Cuts @text to @width characters, marking the cut. */
static char *
fit (const char *text, glong width)
{
  if (width <= 1 || g_utf8_strlen (text, -1) <= width)
    return g_strdup (text);
  g_autofree char *head = g_utf8_substring (text, 0, width - 1);
  return g_strconcat (head, "…", NULL);
}

/* Prints @text wrapped at WIDTH: the first line indented by @first, the
 * others by @indent. */
static void
print_wrapped (const char *text, guint first, guint indent)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  glong col = first;
  printf ("%*s", first, "");
  for (guint i = 0; words[i]; i++) {
    glong len = g_utf8_strlen (words[i], -1);
    if (i > 0 && col + 1 + len > WIDTH) {
      printf ("\n%*s", indent, "");
      col = indent;
    } else if (i > 0) {
      printf (" ");
      col++;
    }
    printf ("%s", words[i]);
    col += len;
  }
  printf ("\n");
}

static char *
local_format (gint64 unix_time, GTimeZone *tz, const char *format)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, format);
}

static GPtrArray *
fetch_timetable (DBusConnection *conn, const char *path, GError **error)
{
  DBusMessage *reply = crn_cli_call (conn, crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE,
                                                             "GetTimetable"), error);
  if (reply == NULL)
    return NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  DBusMessageIter iter, arr, st, people;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRUCT;
       dbus_message_iter_next (&arr)) {
    Row *r = g_new0 (Row, 1);
    const char *s;
    dbus_message_iter_recurse (&arr, &st);
    dbus_message_iter_get_basic (&st, &s);
    r->session = g_strdup (s);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &s);
    r->title = g_strdup (s);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &s);
    r->room = g_strdup (s);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &r->start);
    dbus_message_iter_next (&st);
    dbus_message_iter_get_basic (&st, &r->end);
    dbus_message_iter_next (&st);
    GPtrArray *ids = g_ptr_array_new ();
    dbus_message_iter_recurse (&st, &people);
    for (; dbus_message_iter_get_arg_type (&people) == DBUS_TYPE_STRING;
         dbus_message_iter_next (&people)) {
      dbus_message_iter_get_basic (&people, &s);
      g_ptr_array_add (ids, g_strdup (s));
    }
    g_ptr_array_add (ids, NULL);
    r->people = (char **) g_ptr_array_free (ids, FALSE);
    dbus_message_iter_next (&st);
    r->room_name = g_strdup (crn_cli_dict_string (&st, "room-name", r->room));
    r->occurrence = (guint) crn_cli_dict_uint (&st, "occurrence", 1);
    r->count = (guint) crn_cli_dict_uint (&st, "count", 1);
    g_ptr_array_add (rows, r);
  }
  dbus_message_unref (reply);
  g_ptr_array_sort (rows, row_compare);
  return rows;
}

static char *
row_title (const Row *r)
{
  if (r->count > 1)
    return g_strdup_printf ("%s (%u/%u)", r->title, r->occurrence, r->count);
  return g_strdup (r->title);
}

static void
print_row (const Row *r, GTimeZone *tz, gboolean with_day, gboolean with_room)
{
  g_autofree char *start = local_format (r->start, tz, with_day ? "%a %d %b %H:%M" : "%H:%M");
  g_autofree char *end = local_format (r->end, tz, "%H:%M");
  g_autofree char *when = g_strdup_printf ("%s-%s", start, end);
  g_autofree char *room = with_room ? fit (*r->room ? r->room : "-", 14) : g_strdup ("");
  g_autofree char *title = row_title (r);
  glong used = 2 + g_utf8_strlen (when, -1) + 2 + (with_room ? 16 : 0);
  g_autofree char *cut = fit (title, WIDTH - used);
  if (with_room)
    printf ("  %s  %-14s  %s\n", when, room, cut);
  else
    printf ("  %s  %s\n", when, cut);
  if (r->people[0] != NULL) {
    g_autofree char *joined = g_strjoinv (", ", r->people);
    g_autofree char *with = g_strconcat ("with ", joined, NULL);
    guint indent = 2 + (guint) g_utf8_strlen (when, -1) + 2 + (with_room ? 16 : 0);
    g_autofree char *people = fit (with, WIDTH - indent);
    printf ("%*s%s\n", indent, "", people);
  }
}

static void
show_by_day (GPtrArray *rows, GTimeZone *tz)
{
  g_autofree char *current = NULL;
  for (guint i = 0; i < rows->len; i++) {
    const Row *r = g_ptr_array_index (rows, i);
    g_autofree char *day = local_format (r->start, tz, "%A %d %B %Y");
    if (g_strcmp0 (day, current) != 0) {
      printf ("%s%s\n", current ? "\n" : "", day);
      g_free (current);
      current = g_steal_pointer (&day);
    }
    print_row (r, tz, FALSE, TRUE);
  }
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Groups rows under each key that @keys_of gives for a row. */
static void
show_grouped (GPtrArray *rows, GTimeZone *tz, gboolean by_room)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++) {
    const Row *r = g_ptr_array_index (rows, i);
    if (by_room) {
      if (g_hash_table_add (seen, r->room))
        g_ptr_array_add (keys, r->room);
    } else {
      for (guint k = 0; r->people[k]; k++)
        if (g_hash_table_add (seen, r->people[k]))
          g_ptr_array_add (keys, r->people[k]);
    }
  }
  g_ptr_array_sort (keys, compare_strings);
  for (guint k = 0; k < keys->len; k++) {
    const char *key = g_ptr_array_index (keys, k);
    gboolean header = FALSE;
    for (guint i = 0; i < rows->len; i++) {
      const Row *r = g_ptr_array_index (rows, i);
      gboolean match = by_room ? g_str_equal (r->room, key)
                               : g_strv_contains ((const char *const *) r->people, key);
      if (!match)
        continue;
      if (!header) {
        if (by_room && g_strcmp0 (r->room_name, key) != 0)
          printf ("%s%s (%s)\n", k ? "\n" : "", key, r->room_name);
        else
          printf ("%s%s\n", k ? "\n" : "", *key ? key : "(no room)");
        header = TRUE;
      }
      print_row (r, tz, TRUE, !by_room);
    }
  }
}

static void
show_json (GPtrArray *rows, GTimeZone *tz)
{
  g_autoptr (GString) out = g_string_new ("[");
  for (guint i = 0; i < rows->len; i++) {
    const Row *r = g_ptr_array_index (rows, i);
    g_autofree char *start = local_format (r->start, tz, "%FT%T%:z");
    g_autofree char *end = local_format (r->end, tz, "%FT%T%:z");
    g_string_append (out, i ? ",\n  {" : "\n  {");
    g_string_append (out, "\"session\": ");
    crn_json_append_string (out, r->session);
    g_string_append_printf (out, ", \"occurrence\": %u, \"title\": ", r->occurrence);
    crn_json_append_string (out, r->title);
    g_string_append (out, ", \"room\": ");
    crn_json_append_string (out, *r->room ? r->room : NULL);
    g_string_append_printf (out, ", \"start\": \"%s\", \"end\": \"%s\", \"people\": [", start,
                            end);
    for (guint k = 0; r->people[k]; k++) {
      if (k)
        g_string_append (out, ", ");
      crn_json_append_string (out, r->people[k]);
    }
    g_string_append (out, "]}");
  }
  g_string_append (out, rows->len ? "\n]\n" : "]\n");
  fputs (out->str, stdout);
}

static GTimeZone *
event_timezone (DBusConnection *conn, const char *path, GError **error)
{
  DBusMessage *props = crn_cli_get_all (conn, path, CRN_CLI_EVENT_INTERFACE, error);
  if (props == NULL)
    return NULL;
  DBusMessageIter p;
  dbus_message_iter_init (props, &p);
  GTimeZone *tz = g_time_zone_new_identifier (crn_cli_dict_string (&p, "TimeZone", "UTC"));
  dbus_message_unref (props);
  return tz ? tz : g_time_zone_new_utc ();
}

int
crn_command_show (int argc, char **argv)
{
  g_autofree char *by = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Group by day (default), room or speaker",
      "day|room|speaker" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON instead of tables", NULL },
    { NULL },
  };
  int status = crn_cli_parse_args ("show", "EVENT", "Print an event's current timetable.",
                                   entries, &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  if (by && !g_str_equal (by, "day") && !g_str_equal (by, "room") &&
      !g_str_equal (by, "speaker"))
    return crn_usage_error ("show", "--by takes day, room or speaker, not \"%s\"", by);

  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  g_autoptr (GTimeZone) tz = path ? event_timezone (conn, path, &error) : NULL;
  g_autoptr (GPtrArray) rows = tz ? fetch_timetable (conn, path, &error) : NULL;
  crn_cli_disconnect (conn);
  if (rows == NULL)
    return crn_cli_fail ("show", error);
  if (json)
    show_json (rows, tz);
  else if (rows->len == 0)
    printf ("%s has no timetable yet; run \"creneauctl solve %s\".\n", argv[1], argv[1]);
  else if (by == NULL || g_str_equal (by, "day"))
    show_by_day (rows, tz);
  else
    show_grouped (rows, tz, g_str_equal (by, "room"));
  return CRN_EXIT_OK;
}

int
crn_command_violations (int argc, char **argv)
{
  int status = crn_cli_parse_args ("violations", "EVENT",
                                   "List what the current timetable still breaks.", NULL,
                                   &argc, &argv, 1, 1);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  DBusMessage *reply = path ? crn_cli_call (conn, crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE,
                                                                    "GetViolations"), &error)
                            : NULL;
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("violations", error);
  DBusMessageIter iter, arr, st, sessions;
  guint n_hard = 0, n_soft = 0;
  /* Hard first: they are what stands between the timetable and publishing. */
  for (int pass = 0; pass < 2; pass++) {
    dbus_message_iter_init (reply, &iter);
    dbus_message_iter_recurse (&iter, &arr);
    for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRUCT;
         dbus_message_iter_next (&arr)) {
      const char *rule, *severity, *message;
      dbus_message_iter_recurse (&arr, &st);
      dbus_message_iter_get_basic (&st, &rule);
      dbus_message_iter_next (&st);
      dbus_message_iter_get_basic (&st, &severity);
      gboolean hard = g_str_equal (severity, "hard");
      if (hard != (pass == 0))
        continue;
      dbus_message_iter_next (&st);
      g_autoptr (GString) ids = g_string_new (NULL);
      dbus_message_iter_recurse (&st, &sessions);
      for (; dbus_message_iter_get_arg_type (&sessions) == DBUS_TYPE_STRING;
           dbus_message_iter_next (&sessions)) {
        const char *s;
        dbus_message_iter_get_basic (&sessions, &s);
        g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", s);
      }
      dbus_message_iter_next (&st);
      dbus_message_iter_get_basic (&st, &message);
      /* The solver's sentences may already start with their rule id. */
      g_autofree char *prefix = g_strconcat (rule, ": ", NULL);
      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
      g_autofree char *line = g_strdup_printf ("%s %s: %s", rule, severity, message);
      print_wrapped (line, 0, 8);
      if (ids->len > 0) {
        g_autofree char *which = g_strconcat ("sessions: ", ids->str, NULL);
        print_wrapped (which, 8, 8);
      }
      if (hard)
        n_hard++;
      else
        n_soft++;
    }
  }
  dbus_message_unref (reply);
  if (n_hard + n_soft == 0)
    printf ("No violations.\n");
  else
    printf ("%u hard, %u soft.\n", n_hard, n_soft);
  return CRN_EXIT_OK;
}

int
crn_command_explain (int argc, char **argv)
{
  int status = crn_cli_parse_args ("explain", "EVENT SESSION",
                                   "Say why a session is where it is, or cannot be elsewhere.",
                                   NULL, &argc, &argv, 2, 2);
  if (status >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  DBusConnection *conn = crn_cli_connect (&error);
  g_autofree char *path = conn ? crn_cli_event_path (conn, argv[1], &error) : NULL;
  DBusMessage *reply = NULL;
  if (path != NULL) {
    DBusMessage *msg = crn_cli_new_call (path, CRN_CLI_EVENT_INTERFACE, "Explain");
    const char *session = argv[2];
    dbus_message_append_args (msg, DBUS_TYPE_STRING, &session, DBUS_TYPE_INVALID);
    reply = crn_cli_call (conn, msg, &error);
  }
  crn_cli_disconnect (conn);
  if (reply == NULL)
    return crn_cli_fail ("explain", error);
  DBusMessageIter iter, arr;
  dbus_message_iter_init (reply, &iter);
  dbus_message_iter_recurse (&iter, &arr);
  for (; dbus_message_iter_get_arg_type (&arr) == DBUS_TYPE_STRING;
       dbus_message_iter_next (&arr)) {
    const char *line;
    dbus_message_iter_get_basic (&arr, &line);
    /* Indented lines from the daemon keep their indent when wrapped. */
    guint indent = 0;
    while (line[indent] == ' ')
      indent++;
    print_wrapped (line + indent, indent, indent + 2);
  }
  dbus_message_unref (reply);
  return CRN_EXIT_OK;
}
