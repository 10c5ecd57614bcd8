/* Every limit of <creneau/limits.h> that an event can reach: just under
 * it the event is read, just over it the one error names the limit and the
 * value. (The daemon's own limits are tested in tests/daemon.) */
#include "config.h"

#include <creneau/limits.h>
#include <glib/gstdio.h>
#include <string.h>

#include "model/error.h"
#include "plugin/registry.h"
#include "reader/reader.h"

static CrnPluginRegistry *registry;

#define HEAD                                                                              \
  "[Event]\nId=big\nName=Big\nTimeZone=Europe/Paris\n"                                    \
  "[Day 2024-03-05]\nOpen=08:00-20:00\n"                                                  \
  "[Plugin rooms-keyfile]\nFile=rooms.conf\n"
#define ROOMS "[Room amphi]\nCapacity=200\n"

static void
add_text (CrnEventFiles *files, const char *name, const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_assert_true (crn_event_files_add (files, name, bytes, &error));
  g_assert_no_error (error);
}

/* Reads event.conf (and rooms.conf, and @extra_name when not NULL); returns
 * the diagnostics and whether the event was read. */
static char *
read_event (const char *conf, const char *rooms, const char *extra_name, const char *extra,
            gboolean *read)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  add_text (files, "event.conf", conf);
  add_text (files, "rooms.conf", rooms);
  if (extra_name != NULL)
    add_text (files, extra_name, extra);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, registry, diags);
  *read = event != NULL;
  return crn_diagnostics_format_all (diags);
}

static void
assert_over (const char *diags, gboolean read, const char *expected)
{
  g_assert_false (read);
  if (strstr (diags, expected) == NULL)
    g_error ("expected \"%s\" in:\n%s", expected, diags);
}

static void
assert_read (const char *diags, gboolean read)
{
  if (!read)
    g_error ("the event was refused:\n%.2000s", diags);
}

static GString *
sessions_conf (guint n, guint count)
{
  GString *s = g_string_new (HEAD);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "[Session s%u]\nDuration=15\nCount=%u\n", i, count);
  return s;
}

static void
test_sessions (void)
{
  gboolean read;
  g_autoptr (GString) at = sessions_conf (CRN_LIMIT_SESSIONS, 1);
  g_autofree char *d1 = read_event (at->str, ROOMS, NULL, NULL, &read);
  assert_read (d1, read);
  g_autoptr (GString) over = sessions_conf (CRN_LIMIT_SESSIONS + 1, 1);
  g_autofree char *d2 = read_event (over->str, ROOMS, NULL, NULL, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u sessions, more than the limit of %u",
                                           CRN_LIMIT_SESSIONS + 1, CRN_LIMIT_SESSIONS);
  assert_over (d2, read, want);
  /* One sentence, not one per session. */
  g_auto (GStrv) lines = g_strsplit (d2, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), <=, 2);
}

static void
test_occurrences (void)
{
  gboolean read;
  guint count = 1000;
  guint n = CRN_LIMIT_OCCURRENCES / count;
  g_autoptr (GString) at = sessions_conf (n, count);
  g_autofree char *d1 = read_event (at->str, ROOMS, NULL, NULL, &read);
  assert_read (d1, read);
  g_autoptr (GString) over = sessions_conf (n + 1, count);
  g_autofree char *d2 = read_event (over->str, ROOMS, NULL, NULL, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u session occurrences (sessions "
                                           "times their Count), more than the limit of %u",
                                           (n + 1) * count, CRN_LIMIT_OCCURRENCES);
  assert_over (d2, read, want);
}

static GString *
rooms_conf (guint n)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "[Room r%u]\nCapacity=10\n", i);
  return s;
}

static void
test_rooms (void)
{
  gboolean read;
  g_autoptr (GString) at = rooms_conf (CRN_LIMIT_ROOMS);
  g_autofree char *d1 = read_event (HEAD, at->str, NULL, NULL, &read);
  assert_read (d1, read);
  g_autoptr (GString) over = rooms_conf (CRN_LIMIT_ROOMS + 1);
  g_autofree char *d2 = read_event (HEAD, over->str, NULL, NULL, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u rooms, more than the limit of %u",
                                           CRN_LIMIT_ROOMS + 1, CRN_LIMIT_ROOMS);
  assert_over (d2, read, want);
}

static char *
people_event (guint n, char **conf)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "[Person p%u]\nName=P\n", i);
  *conf = g_strconcat (HEAD, "[Plugin speakers-ics]\nPeople=people.conf\n", NULL);
  return g_string_free (s, FALSE);
}

static void
test_people (void)
{
  gboolean read;
  g_autofree char *conf1 = NULL, *conf2 = NULL;
  g_autofree char *at = people_event (CRN_LIMIT_PEOPLE, &conf1);
  g_autofree char *d1 = read_event (conf1, ROOMS, "people.conf", at, &read);
  assert_read (d1, read);
  g_autofree char *over = people_event (CRN_LIMIT_PEOPLE + 1, &conf2);
  g_autofree char *d2 = read_event (conf2, ROOMS, "people.conf", over, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u people, more than the limit of %u",
                                           CRN_LIMIT_PEOPLE + 1, CRN_LIMIT_PEOPLE);
  assert_over (d2, read, want);
}

static char *
partners_event (guint n, char **conf)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "[Partner p%u]\nName=P\n", i);
  *conf = g_strconcat (HEAD, "[Plugin partners-keyfile]\nFile=partners.conf\n", NULL);
  return g_string_free (s, FALSE);
}

static void
test_partners (void)
{
  gboolean read;
  g_autofree char *conf1 = NULL, *conf2 = NULL;
  g_autofree char *at = partners_event (CRN_LIMIT_PARTNERS, &conf1);
  g_autofree char *d1 = read_event (conf1, ROOMS, "partners.conf", at, &read);
  assert_read (d1, read);
  g_autofree char *over = partners_event (CRN_LIMIT_PARTNERS + 1, &conf2);
  g_autofree char *d2 = read_event (conf2, ROOMS, "partners.conf", over, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u partners, more than the limit of %u",
                                           CRN_LIMIT_PARTNERS + 1, CRN_LIMIT_PARTNERS);
  assert_over (d2, read, want);
}

static GString *
days_conf (guint n)
{
  GString *s = g_string_new ("[Event]\nId=big\nName=Big\nTimeZone=Europe/Paris\n"
                             "[Plugin rooms-keyfile]\nFile=rooms.conf\n");
  g_autoptr (GDateTime) day = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  for (guint i = 0; i < n; i++) {
    g_autoptr (GDateTime) d = g_date_time_add_days (day, i);
    g_autofree char *date = g_date_time_format (d, "%Y-%m-%d");
    g_string_append_printf (s, "[Day %s]\nOpen=09:00-10:00\n", date);
  }
  return s;
}

static void
test_days (void)
{
  gboolean read;
  g_autoptr (GString) at = days_conf (CRN_LIMIT_DAYS);
  g_autofree char *d1 = read_event (at->str, ROOMS, NULL, NULL, &read);
  assert_read (d1, read);
  g_autoptr (GString) over = days_conf (CRN_LIMIT_DAYS + 1);
  g_autofree char *d2 = read_event (over->str, ROOMS, NULL, NULL, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u days, more than the limit of %u",
                                           CRN_LIMIT_DAYS + 1, CRN_LIMIT_DAYS);
  assert_over (d2, read, want);
}

static void
test_registrations (void)
{
  gboolean read;
  const char *conf = HEAD "[Session a]\nDuration=15\n[Attendees]\nFile=reg.csv\n";
  g_autoptr (GString) at = g_string_new (NULL);
  for (guint i = 0; i < CRN_LIMIT_REGISTRATIONS; i++)
    g_string_append_printf (at, "p%u,a\n", i);
  g_autofree char *d1 = read_event (conf, ROOMS, "reg.csv", at->str, &read);
  assert_read (d1, read);
  g_string_append (at, "last,a\n");
  g_autofree char *d2 = read_event (conf, ROOMS, "reg.csv", at->str, &read);
  g_autofree char *want = g_strdup_printf ("the event has %u registrations, more than the "
                                           "limit of %u", CRN_LIMIT_REGISTRATIONS + 1,
                                           CRN_LIMIT_REGISTRATIONS);
  assert_over (d2, read, want);
}

/* A run of @n letters. */
static char *
letters (guint n)
{
  char *s = g_malloc (n + 1);
  memset (s, 'a', n);
  s[n] = '\0';
  return s;
}

static void
test_lengths (void)
{
  gboolean read;
  /* The long value goes between @before and @after, in event.conf or in
   * rooms.conf; @expected is followed by "<limit + 1> bytes long, more than
   * the limit of <limit>". */
  struct {
    gboolean in_rooms;
    const char *before, *after;
    guint limit;
    const char *expected;
  } cases[] = {
    { FALSE, HEAD "[Session s]\nDuration=15\nTitle=", "\n", CRN_LIMIT_NAME_BYTES,
      "[Session s] Title: the value is" },
    { FALSE, HEAD "[Session s]\nDuration=15\nDescription=", "\n", CRN_LIMIT_TEXT_BYTES,
      "[Session s] Description: the value is" },
    { FALSE, HEAD "[Session ", "]\nDuration=15\n", CRN_LIMIT_ID_BYTES,
      "the session id \"aaaaaaaaaaaaaaaaaaaa…\" is" },
    { TRUE, "[Room r]\nCapacity=5\nName=", "\n", CRN_LIMIT_NAME_BYTES,
      "room \"r\": Name is" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    for (guint over = 0; over <= 1; over++) {
      g_autofree char *value = letters (cases[i].limit + over);
      g_autofree char *text = g_strconcat (cases[i].before, value, cases[i].after, NULL);
      g_autofree char *rooms = g_strconcat (ROOMS, cases[i].in_rooms ? text : "", NULL);
      g_autofree char *diags = read_event (cases[i].in_rooms ? HEAD : text, rooms, NULL, NULL,
                                           &read);
      g_test_message ("case %u, %s the limit", i, over ? "over" : "at");
      if (!over) {
        assert_read (diags, read);
      } else {
        g_autofree char *want = g_strdup_printf ("%s %u bytes long, more than the limit of %u",
                                                 cases[i].expected, cases[i].limit + 1,
                                                 cases[i].limit);
        assert_over (diags, read, want);
      }
    }
  }
}

static void
assert_file_refused (CrnEventFiles *files, const char *name, gsize size, const char *expected)
{
  g_autofree char *data = g_malloc0 (size ? size : 1);
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  g_autoptr (GError) error = NULL;
  g_assert_false (crn_event_files_add (files, name, bytes, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_LIMIT);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected \"%s\" in \"%s\"", expected, error->message);
}

static void
add_file (CrnEventFiles *files, const char *name, gsize size)
{
  g_autofree char *data = g_malloc0 (size ? size : 1);
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  g_autoptr (GError) error = NULL;
  g_assert_true (crn_event_files_add (files, name, bytes, &error));
  g_assert_no_error (error);
}

static void
test_files (void)
{
  g_autoptr (CrnEventFiles) many = crn_event_files_new ();
  for (guint i = 0; i < CRN_LIMIT_EVENT_FILES; i++) {
    g_autofree char *name = g_strdup_printf ("f%u", i);
    add_file (many, name, 1);
  }
  g_autofree char *want = g_strdup_printf ("the event has more than %u files, the limit",
                                           CRN_LIMIT_EVENT_FILES);
  assert_file_refused (many, "one-more", 1, want);

  g_autoptr (CrnEventFiles) big = crn_event_files_new ();
  add_file (big, "at-limit", CRN_LIMIT_FILE_BYTES);
  g_autofree char *want_file = g_strdup_printf ("file \"over\" is %u bytes, more than the limit "
                                                "of %u bytes per file",
                                                CRN_LIMIT_FILE_BYTES + 1, CRN_LIMIT_FILE_BYTES);
  assert_file_refused (big, "over", CRN_LIMIT_FILE_BYTES + 1, want_file);

  g_autoptr (CrnEventFiles) total = crn_event_files_new ();
  guint n = CRN_LIMIT_EVENT_BYTES / CRN_LIMIT_FILE_BYTES;
  for (guint i = 0; i < n; i++) {
    g_autofree char *name = g_strdup_printf ("f%u", i);
    add_file (total, name, CRN_LIMIT_FILE_BYTES);
  }
  g_autofree char *want_total = g_strdup_printf ("the event's files hold at least %u bytes, "
                                                 "more than the limit of %u bytes in all",
                                                 CRN_LIMIT_EVENT_BYTES + 1,
                                                 CRN_LIMIT_EVENT_BYTES);
  assert_file_refused (total, "one-byte", 1, want_total);

  g_autoptr (CrnEventFiles) names = crn_event_files_new ();
  g_autofree char *at = letters (CRN_LIMIT_FILE_NAME_BYTES);
  add_file (names, at, 1);
  g_autofree char *over = letters (CRN_LIMIT_FILE_NAME_BYTES + 1);
  g_autofree char *want_name = g_strdup_printf ("a file name is %u bytes long, more than the "
                                                "limit of %u", CRN_LIMIT_FILE_NAME_BYTES + 1,
                                                CRN_LIMIT_FILE_NAME_BYTES);
  assert_file_refused (names, over, 1, want_name);
}

static void
test_folder_depth (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("creneau-limits-XXXXXX", &error);
  g_assert_no_error (error);
  g_autoptr (GString) path = g_string_new (root);
  for (guint depth = 0; depth <= CRN_LIMIT_FOLDER_DEPTH + 1; depth++) {
    g_autofree char *file = g_build_filename (path->str, "event.conf", NULL);
    g_assert_true (g_file_set_contents (file, "#\n", -1, NULL));
    g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (root, &error);
    if (depth <= CRN_LIMIT_FOLDER_DEPTH) {
      g_assert_no_error (error);
      g_assert_cmpuint (crn_event_files_get_n (files), ==, depth + 1);
    } else {
      g_assert_error (error, CRN_ERROR, CRN_ERROR_LIMIT);
      g_autofree char *want = g_strdup_printf ("folders are nested %u deep, more than the "
                                               "limit of %u", depth, CRN_LIMIT_FOLDER_DEPTH);
      if (strstr (error->message, want) == NULL)
        g_error ("expected \"%s\" in \"%s\"", want, error->message);
    }
    g_string_append (path, "/d");
    g_assert_cmpint (g_mkdir (path->str, 0700), ==, 0);
  }
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", root);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  registry = crn_plugin_registry_new ();
  g_autofree char *dir = g_build_filename (g_getenv ("CRENEAU_BUILD_ROOT"), "plugins", NULL);
  crn_plugin_registry_load_directory (registry, dir, NULL);

  g_test_add_func ("/limits/files", test_files);
  g_test_add_func ("/limits/folder-depth", test_folder_depth);
  g_test_add_func ("/limits/sessions", test_sessions);
  g_test_add_func ("/limits/occurrences", test_occurrences);
  g_test_add_func ("/limits/rooms", test_rooms);
  g_test_add_func ("/limits/people", test_people);
  g_test_add_func ("/limits/partners", test_partners);
  g_test_add_func ("/limits/days", test_days);
  g_test_add_func ("/limits/registrations", test_registrations);
  g_test_add_func ("/limits/lengths", test_lengths);
  int rc = g_test_run ();
  crn_plugin_registry_free (registry);
  return rc;
}
