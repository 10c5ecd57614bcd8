/* rooms-keyfile and partners-keyfile, loaded as modules and run through the
 * reader on small events. */
#include "config.h"

#include <string.h>

#include "plugin/registry.h"
#include "reader/reader.h"

static CrnPluginRegistry *registry;

#define EVENT                                                                              \
  "[Event]\nId=t\nName=T\nTimeZone=Europe/Paris\n"                                         \
  "[Day 2018-06-27]\nOpen=09:00-18:00\n[Day 2018-06-28]\nOpen=09:00-18:00\n"               \
  "[Plugin rooms-keyfile]\nFile=rooms.conf\n[Plugin partners-keyfile]\nFile=partners.conf\n"

/* Reads EVENT with the given rooms and partners files; returns the event (or
 * NULL) and every diagnostic as text. */
static CrnEvent *
load (const char *rooms, const char *partners, char **out_text)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  const char *names[] = { "event.conf", "rooms.conf", "partners.conf" };
  const char *texts[] = { EVENT, rooms, partners };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autoptr (GBytes) b = g_bytes_new (texts[i], strlen (texts[i]));
    g_assert_true (crn_event_files_add (files, names[i], b, NULL));
  }
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  CrnEvent *ev = crn_event_read (files, registry, diags);
  *out_text = crn_diagnostics_format_all (diags);
  return ev;
}

static CrnTime
at (int day, int hour, int minute)
{
  return crn_time_from_ymd_hm (2018, 6, day, hour, minute);
}

static void
test_rooms_values (void)
{
  g_autofree char *text = NULL;
  g_autoptr (CrnEvent) ev = load ("[Room amphi]\nName= Amphithéâtre \nCapacity=500\n"
                                  "Tags=plenary; stage;plenary\nSite=pajol\n"
                                  "Unavailable=2018-06-27 09:00-10:00;2018-06-28\n"
                                  "[Room salle-2]\nCapacity=20\n",
                                  "", &text);
  g_assert_cmpstr (text, ==, "");
  g_assert_nonnull (ev);
  g_assert_cmpuint (ev->rooms->len, ==, 2);
  CrnRoom *amphi = crn_event_lookup_room (ev, "amphi");
  g_assert_cmpstr (amphi->name, ==, "Amphithéâtre");
  g_assert_cmpuint (amphi->capacity, ==, 500);
  g_assert_cmpuint (amphi->tags->len, ==, 2); /* plenary once */
  g_assert_cmpstr (g_ptr_array_index (amphi->tags, 1), ==, "stage");
  g_assert_cmpstr (amphi->site, ==, "pajol");
  g_assert_true (crn_interval_set_fits (amphi->unavailable, at (27, 9, 0), at (27, 10, 0)));
  g_assert_false (crn_interval_set_contains (amphi->unavailable, at (27, 10, 0)));
  g_assert_true (crn_interval_set_fits (amphi->unavailable, at (28, 0, 0), at (29, 0, 0)));
  g_assert_cmpuint (amphi->busy_notes->len, ==, 2);
  g_assert_cmpstr (g_array_index (amphi->busy_notes, CrnBusyNote, 0).source, ==, "rooms.conf");
  CrnRoom *salle = crn_event_lookup_room (ev, "salle-2");
  g_assert_cmpstr (salle->name, ==, "salle-2"); /* the id when no Name */
  g_assert_null (salle->site);
  g_assert_cmpuint (salle->tags->len, ==, 0);
}

static void
test_rooms_problems (void)
{
  g_autofree char *text = NULL;
  g_autoptr (CrnEvent) ev = load ("[Room amphi]\nCapacity=500\nCapcity=5\n"
                                  "[Salle x]\nCapacity=3\n"
                                  "[Room nocap]\nName=No capacity\n"
                                  "[Room Big]\nCapacity=1\n",
                                  "", &text);
  g_assert_null (ev);
  g_assert_cmpstr (text, ==,
                   "rooms-keyfile: rooms.conf:6: [Room nocap] Capacity: the key is required "
                   "(the number of seats)\n"
                   "rooms-keyfile: rooms.conf:8: [Room Big] \"Big\" is not a valid room id (use "
                   "a-z, 0-9 and '-')\n"
                   "warning: rooms-keyfile: rooms.conf:3: [Room amphi] Capcity: unknown key (did "
                   "you mean \"Capacity\"?)\n"
                   "warning: rooms-keyfile: rooms.conf:4: [Salle x] unknown group (rooms are "
                   "written [Room ID])\n");
}

static void
test_rooms_empty (void)
{
  g_autofree char *text = NULL;
  g_autoptr (CrnEvent) ev = load ("# nothing yet\n", "", &text);
  g_assert_nonnull (ev);
  g_assert_cmpstr (text, ==, "warning: rooms-keyfile: rooms.conf: the file defines no [Room ID]\n");
}

static void
test_partners_values (void)
{
  g_autofree char *text = NULL;
  g_autoptr (CrnEvent) ev = load ("",
                                  "[Partner cget]\nName=CGET\nAvailable=2018-06-27;2018-06-28 "
                                  "14:00-18:00\nUnavailable=2018-06-27 12:00-14:00\n"
                                  "Preferred=2018-06-28\n"
                                  "[Partner cdc]\n",
                                  &text);
  g_assert_cmpstr (text, ==, "warning: rooms-keyfile: rooms.conf: the file defines no [Room ID]\n");
  g_assert_nonnull (ev);
  CrnPartner *cget = crn_event_lookup_partner (ev, "cget");
  g_assert_cmpstr (cget->name, ==, "CGET");
  g_assert_cmpuint (crn_interval_set_get_n (cget->available), ==, 2);
  g_assert_true (crn_interval_set_fits (cget->available, at (28, 14, 0), at (28, 18, 0)));
  g_assert_false (crn_interval_set_contains (cget->available, at (28, 10, 0)));
  g_assert_true (crn_interval_set_fits (cget->unavailable, at (27, 12, 0), at (27, 14, 0)));
  g_assert_cmpstr (g_array_index (cget->busy_notes, CrnBusyNote, 0).source, ==, "partners.conf");
  g_assert_true (crn_interval_set_fits (cget->preferred, at (28, 0, 0), at (29, 0, 0)));
  /* No Available: no restriction. */
  CrnPartner *cdc = crn_event_lookup_partner (ev, "cdc");
  g_assert_true (crn_interval_set_is_empty (cdc->available));
  g_assert_true (crn_interval_set_is_empty (cdc->unavailable));
}

static void
test_partners_available_elsewhere (void)
{
  g_autofree char *text = NULL;
  g_autoptr (CrnEvent) ev = load ("[Room r]\nCapacity=2\n",
                                  "[Partner cget]\nAvailable=2019-06-27\nPrefered=2018-06-27\n",
                                  &text);
  g_assert_nonnull (ev);
  g_assert_cmpstr (text, ==,
                   "warning: partners-keyfile: partners.conf:3: [Partner cget] Prefered: unknown "
                   "key (did you mean \"Preferred\"?)\n"
                   "warning: partners-keyfile: partners.conf:2: [Partner cget] Available: no "
                   "window falls on a day of the event, so no session with this partner can be "
                   "placed\n");
}

static void
test_file_key_missing (void)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  static const char conf[] = "[Event]\nId=t\nName=T\nTimeZone=UTC\n[Day 2018-06-27]\n"
                             "Open=09:00-18:00\n[Plugin rooms-keyfile]\nfile=rooms.conf\n";
  g_autoptr (GBytes) b = g_bytes_new (conf, strlen (conf));
  crn_event_files_add (files, "event.conf", b, NULL);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) ev = crn_event_read (files, registry, diags);
  g_assert_null (ev);
  g_autofree char *text = crn_diagnostics_format_all (diags);
  g_assert_cmpstr (text, ==,
                   "rooms-keyfile: event.conf:7: [Plugin rooms-keyfile] File: the key is "
                   "required (the rooms file)\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  registry = crn_plugin_registry_new ();
  g_autofree char *dir = g_build_filename (g_getenv ("CRENEAU_BUILD_ROOT"), "plugins", NULL);
  g_assert_true (crn_plugin_registry_load_directory (registry, dir, NULL));

  g_test_add_func ("/plugins/rooms-keyfile/values", test_rooms_values);
  g_test_add_func ("/plugins/rooms-keyfile/problems", test_rooms_problems);
  g_test_add_func ("/plugins/rooms-keyfile/empty", test_rooms_empty);
  g_test_add_func ("/plugins/rooms-keyfile/file-key-missing", test_file_key_missing);
  g_test_add_func ("/plugins/partners-keyfile/values", test_partners_values);
  g_test_add_func ("/plugins/partners-keyfile/available-elsewhere",
                   test_partners_available_elsewhere);
  int rc = g_test_run ();
  crn_plugin_registry_free (registry);
  return rc;
}
