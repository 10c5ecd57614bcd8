/* The event-directory reader: what it builds and what it reports. */
#include "config.h"

#include <string.h>

#include "plugin/registry.h"
#include "reader/reader.h"
#include "reader/suggest.h"

static CrnPluginRegistry *registry;

static CrnEventFiles *
files_from (const char *name, const char *text, ...)
{
  CrnEventFiles *files = crn_event_files_new ();
  va_list args;
  va_start (args, text);
  while (name != NULL) {
    g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
    g_assert_true (crn_event_files_add (files, name, bytes, NULL));
    name = va_arg (args, const char *);
    if (name != NULL)
      text = va_arg (args, const char *);
  }
  va_end (args);
  return files;
}

/* Reads @event_conf alone (plus the tiny rooms file) and returns every
 * diagnostic, one per line. */
static char *
read_diagnostics (const char *event_conf, CrnEvent **out_event)
{
  static const char rooms[] =
      "[Room amphi]\nCapacity=200\nTags=plenary\n[Room salle]\nCapacity=30\nTags=workshop\n";
  g_autoptr (CrnEventFiles) files =
      files_from ("event.conf", event_conf, "rooms.conf", rooms, NULL);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  CrnEvent *event = crn_event_read (files, registry, diags);
  if (out_event)
    *out_event = event;
  else
    crn_event_free (event);
  return crn_diagnostics_format_all (diags);
}

#define HEAD                                                                              \
  "[Event]\nId=t\nName=Test\nTimeZone=Europe/Paris\n"                                     \
  "[Day 2024-03-05]\nOpen=09:00-18:00\n"                                      \
  "[Break lunch]\nDay=2024-03-05\nTime=12:30-14:00\n"                                     \
  "[Plugin rooms-keyfile]\nFile=rooms.conf\n"
/* HEAD is 11 lines long; the first line after it is line 12. */

static void
test_tiny (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "good", "tiny", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (dir, &error);
  g_assert_no_error (error);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) ev = crn_event_read (files, registry, diags);
  g_assert_cmpuint (crn_diagnostics_get_n (diags), ==, 0);
  g_assert_nonnull (ev);

  g_assert_cmpstr (ev->id, ==, "tiny");
  g_assert_cmpstr (ev->name, ==, "Journée test");
  g_assert_cmpstr (ev->timezone_name, ==, "Europe/Paris");
  g_assert_cmpuint (ev->granularity, ==, 15);
  g_assert_cmpuint (ev->days->len, ==, 1);
  CrnDay *day = &g_array_index (ev->days, CrnDay, 0);
  g_assert_cmpint (day->date, ==, crn_time_from_ymd_hm (2018, 11, 26, 0, 0));
  g_assert_cmpuint (crn_interval_set_get_n (day->open), ==, 2);
  g_assert_cmpuint (ev->breaks->len, ==, 1);
  CrnBreak *b = g_ptr_array_index (ev->breaks, 0);
  g_assert_cmpint (b->start, ==, crn_time_from_ymd_hm (2018, 11, 26, 12, 30));
  g_assert_true (b->is_public);

  CrnSession *ouverture = crn_event_lookup_session (ev, "ouverture");
  CrnSession *a = crn_event_lookup_session (ev, "atelier-a");
  CrnSession *conclusion = crn_event_lookup_session (ev, "conclusion");
  g_assert_nonnull (ouverture);
  g_assert_true (ouverture->exclusive); /* plenary by default */
  g_assert_false (a->exclusive);
  g_assert_true (ouverture->has_start);
  g_assert_cmpint (ouverture->start, ==, crn_time_from_ymd_hm (2018, 11, 26, 9, 0));
  g_assert_cmpuint (a->duration, ==, 90);
  g_assert_cmpuint (a->attendance, ==, 30);
  g_assert_cmpstr (a->block, ==, "ateliers-matin");
  g_assert_cmpuint (a->after->len, ==, 1);
  g_assert_true (g_ptr_array_index (a->after, 0) == ouverture);
  g_assert_cmpuint (a->partners->len, ==, 1);
  g_assert_cmpstr (((CrnPartner *) g_ptr_array_index (a->partners, 0))->id, ==, "cget");
  g_assert_cmpuint (conclusion->after->len, ==, 2);
  g_assert_nonnull (conclusion->room);
  g_assert_cmpstr (conclusion->room->id, ==, "amphi");
  g_assert_cmpuint (ouverture->room_tags->len, ==, 1);

  g_assert_cmpuint (ev->rooms->len, ==, 2);
  CrnRoom *salle = crn_event_lookup_room (ev, "salle-1");
  g_assert_cmpuint (salle->capacity, ==, 40);
  g_assert_cmpstr (salle->site, ==, "pajol");
  g_assert_true (crn_interval_set_contains (salle->unavailable,
                                            crn_time_from_ymd_hm (2018, 11, 26, 16, 30)));
  CrnPartner *cget = crn_event_lookup_partner (ev, "cget");
  g_assert_true (crn_interval_set_fits (cget->available,
                                        crn_time_from_ymd_hm (2018, 11, 26, 9, 0),
                                        crn_time_from_ymd_hm (2018, 11, 26, 12, 30)));
  g_assert_cmpuint (ev->registrations->len, ==, 3);
  g_assert_cmpint (ev->weights[CRN_S5_ATTENDEE_CONFLICT], ==, 12);
  g_assert_cmpint (ev->weights[CRN_S1_CAPACITY_OVERFLOW], ==, CRN_WEIGHT_HARD);
  g_assert_cmpint (ev->weights[CRN_S3_COMPACTNESS], ==, 2);
  g_assert_cmpuint (ev->plugin_groups->len, ==, 3);

  /* People come from speakers-ics, with the busy time of speakers/caron.ics. */
  g_assert_cmpuint (a->speakers->len, ==, 1);
  CrnPerson *caron = g_ptr_array_index (a->speakers, 0);
  g_assert_cmpstr (caron->id, ==, "caron");
  g_assert_cmpstr (caron->name, ==, "Marie Caron");
  g_assert_cmpuint (caron->max_per_day, ==, 2);
  g_assert_true (crn_interval_set_fits (caron->unavailable,
                                        crn_time_from_ymd_hm (2018, 11, 26, 16, 0),
                                        crn_time_from_ymd_hm (2018, 11, 26, 17, 0)));
  g_assert_cmpuint (a->moderators->len, ==, 1);
  g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (a->moderators, 0))->id, ==, "fournier");
}

static void
test_all_errors_collected (void)
{
  CrnEvent *ev = NULL;
  g_autofree char *out = read_diagnostics (
      HEAD "[Session s]\nKind=keynote\nDuration=50\nCount=0\nAttendance=many\n"
           "[Session Bad]\nDuration=60\n",
      &ev);
  g_assert_null (ev);
  g_assert_cmpstr (
      out, ==,
      "event.conf:13: [Session s] Kind: \"keynote\" is not a kind of session; kinds are "
      "plenary, workshop, round-table, talk, meeting and other\n"
      "event.conf:14: [Session s] Duration: 50 minutes is not a multiple of the event's "
      "granularity of 15 minutes\n"
      "event.conf:15: [Session s] Count: \"0\" is not a whole number from 1 to 1000\n"
      "event.conf:16: [Session s] Attendance: \"many\" is not a whole number of people from 0 "
      "to 1000000\n"
      "event.conf:17: [Session Bad] \"Bad\" is not a valid session id (use a-z, 0-9 and '-')\n");
}

static void
test_suggestions (void)
{
  g_autofree char *out = read_diagnostics (
      HEAD "[Session s]\nDuration=60\nRoom=amhpi\nRoomTags=worksop\n"
           "[Session t]\nDuration=60\nAfter=ss\n",
      NULL);
  g_assert_cmpstr (out, ==,
                   "event.conf:14: [Session s] Room: no room \"amhpi\" (did you mean \"amphi\"?)\n"
                   "event.conf:15: [Session s] RoomTags: no room has the tag \"worksop\" (did you "
                   "mean \"workshop\"?)\n"
                   "event.conf:18: [Session t] After: no session \"ss\" (did you mean \"s\"?)\n");
}

static void
test_unknown_keys_warn (void)
{
  CrnEvent *ev = NULL;
  g_autofree char *out =
      read_diagnostics (HEAD "[Session s]\nDuration=60\nSpeaker=x\nColour=red\n[Sesion t]\n", &ev);
  g_assert_nonnull (ev);
  crn_event_free (ev);
  g_assert_cmpstr (out, ==,
                   "warning: event.conf:14: [Session s] Speaker: unknown key, ignored (did you "
                   "mean \"Speakers\"?)\n"
                   "warning: event.conf:15: [Session s] Colour: unknown key, ignored\n"
                   "warning: event.conf:16: [Sesion t] unknown group, ignored (did you mean "
                   "[Session t]?)\n");
}

static void
test_exclusive (void)
{
  CrnEvent *ev = NULL;
  g_autofree char *out = read_diagnostics (
      HEAD "[Session p]\nKind=plenary\nDuration=60\n"
           "[Session q]\nKind=plenary\nDuration=60\nExclusive=false\n"
           "[Session w]\nKind=workshop\nDuration=60\n"
           "[Session x]\nKind=workshop\nDuration=60\nExclusive=true\n",
      &ev);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (crn_event_lookup_session (ev, "p")->exclusive);
  g_assert_false (crn_event_lookup_session (ev, "q")->exclusive);
  g_assert_false (crn_event_lookup_session (ev, "w")->exclusive);
  g_assert_true (crn_event_lookup_session (ev, "x")->exclusive);
  crn_event_free (ev);
}

static void
test_after_cycle (void)
{
  g_autofree char *out = read_diagnostics (
      HEAD "[Session a]\nDuration=30\nAfter=c\n[Session b]\nDuration=30\nAfter=a\n"
           "[Session c]\nDuration=30\nAfter=b\n[Session d]\nDuration=30\nAfter=d\n",
      NULL);
  g_assert_cmpstr (out, ==,
                   "event.conf:23: [Session d] After: a session cannot come after itself\n"
                   "event.conf:14: [Session a] After: the sessions wait for each other in a "
                   "circle: a after c after b after a\n");
}

static void
test_windows (void)
{
  g_autofree char *out = read_diagnostics (
      HEAD "[Session long]\nDuration=300\n"
           "[Session across]\nDuration=60\nStart=2024-03-05 12:00\n"
           "[Session late]\nDuration=60\nStart=2024-03-05 17:30\n"
           "[Session ok]\nDuration=60\nStart=2024-03-05 14:00\n"
           "[Session starts]\nDuration=60\nStarts=12:00;17:30\n"
           "[Session fine]\nDuration=60\nStarts=12:00;11:30\n",
      NULL);
  g_assert_cmpstr (out, ==,
                   "event.conf:13: [Session long] Duration: 300 minutes fit in no open window "
                   "(the longest, between breaks, is 240 minutes)\n"
                   "event.conf:16: [Session across] Start: 2024-03-05 12:00-13:00 runs across "
                   "the break \"lunch\" (12:30-14:00)\n"
                   "event.conf:19: [Session late] Start: 2024-03-05 17:30-18:30 is outside the "
                   "open windows of that day (09:00-18:00)\n"
                   "event.conf:25: [Session starts] Starts: no allowed start leaves 60 minutes "
                   "inside an open window\n");
}

static void
test_block_warning (void)
{
  CrnEvent *ev = NULL;
  g_autofree char *out = read_diagnostics (
      HEAD "[Session a]\nDuration=30\nBlock=round-1\n[Session b]\nDuration=30\nBlock=round-1\n"
           "[Session c]\nDuration=30\nBlock=round-l\n",
      &ev);
  g_assert_nonnull (ev);
  crn_event_free (ev);
  g_assert_cmpstr (out, ==,
                   "warning: event.conf:20: [Session c] Block: no other session is in the block "
                   "\"round-l\" (did you mean \"round-1\"?)\n");
}

static void
test_without_plugins (void)
{
  g_autoptr (CrnEventFiles) files = files_from (
      "event.conf", HEAD "[Plugin speakers-ics]\nPeople=speakers.conf\nCalendars=speakers/\n",
      NULL);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) ev = crn_event_read (files, NULL, diags);
  g_assert_nonnull (ev);
  g_assert_cmpuint (ev->plugin_groups->len, ==, 2);
  CrnPluginGroup *g = g_ptr_array_index (ev->plugin_groups, 1);
  g_assert_cmpstr (g->name, ==, "speakers-ics");
  g_assert_cmpint (g->line, ==, 12);
  g_assert_cmpuint (g->keys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (g->keys, 1), ==, "Calendars");
  g_assert_cmpstr (g_ptr_array_index (g->values, 1), ==, "speakers/");
  g_assert_cmpint (g_array_index (g->lines, int, 1), ==, 14);
  g_assert_cmpuint (ev->rooms->len, ==, 0);
}

static void
test_registrations (void)
{
  static const char csv[] = "Participant,Session\n\n# comment\nann,s\nbob, s \nann,s\nann,t\n"
                            "zed;s\n";
  g_autoptr (CrnEventFiles) files = files_from (
      "event.conf", HEAD "[Session s]\nDuration=30\n[Session u]\nDuration=30\n"
                         "[Attendees]\nFile=reg.csv\n",
      "rooms.conf", "[Room r]\nCapacity=3\n", "reg.csv", csv, NULL);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) ev = crn_event_read (files, registry, diags);
  g_assert_null (ev);
  g_autofree char *out = crn_diagnostics_format_all (diags);
  g_assert_cmpstr (out, ==,
                   "reg.csv:7: no session \"t\" (did you mean \"s\"?)\n"
                   "reg.csv:8: line \"zed;s\" is not \"participant-id,session-id\"\n");
}

static void
test_event_group (void)
{
  g_autofree char *out = read_diagnostics (
      "[Event]\nId=Bad Id\nTimeZone=Mars/Olympus\nGranularity=7\n[Day 2024-02-30]\nOpen=9-12\n",
      NULL);
  g_assert_cmpstr (out, ==,
                   "event.conf:2: [Event] Id: \"Bad Id\" is not a valid event id (use a-z, 0-9 "
                   "and '-')\n"
                   "event.conf:1: [Event] Name: the key is required (the event's name as people "
                   "read it)\n"
                   "event.conf:3: [Event] TimeZone: \"Mars/Olympus\" is not a known time zone "
                   "(use an IANA name such as Europe/Paris)\n"
                   "event.conf:4: [Event] Granularity: 7 minutes does not divide an hour (use 1, "
                   "2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)\n"
                   "event.conf:5: [Day 2024-02-30] \"2024-02-30\" is not a date (write [Day "
                   "YYYY-MM-DD])\n"
                   "event.conf:1: [Event] the event has no [Day YYYY-MM-DD] group, so no session "
                   "can be placed\n");
}

static void
test_edit_distance (void)
{
  g_assert_cmpuint (crn_edit_distance ("", ""), ==, 0);
  g_assert_cmpuint (crn_edit_distance ("caron", "carron"), ==, 1);
  g_assert_cmpuint (crn_edit_distance ("kitten", "sitting"), ==, 3);
  g_assert_cmpuint (crn_edit_distance ("élus", "elus"), ==, 1); /* characters, not bytes */
  const char *people[] = { "caron", "fournier", "grivel" };
  g_assert_cmpstr (crn_suggest ("carron", people, 3), ==, "caron");
  g_assert_cmpstr (crn_suggest ("founier", people, 3), ==, "fournier");
  g_assert_null (crn_suggest ("dupont", people, 3));
  g_assert_null (crn_suggest ("caron", people, 3)); /* itself is no suggestion */
  const char *keys[] = { "Speakers", "Moderators" };
  g_assert_cmpstr (crn_suggest ("speakers", keys, 2), ==, "Speakers");
}

/* Mangled copies of a valid event: the reader must never crash, must return
 * an event exactly when it reported no error, and must keep every problem on
 * one line. */
static void
test_mangled_input (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "good", "tiny", NULL);
  g_autofree char *path = g_build_filename (dir, "event.conf", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (dir, NULL);
  g_auto (GStrv) others = crn_event_files_list (files, "");
  static const char alphabet[] = "[]=;#\\n:- 0a9Z\xff\xc3\t";
  g_autoptr (GRand) rand = g_rand_new_with_seed (20181126);
  guint n_valid = 0, n_invalid = 0;

  for (int round = 0; round < 500; round++) {
    g_autofree char *copy = g_memdup2 (text, len);
    int n = g_rand_int_range (rand, 1, 4);
    for (int k = 0; k < n; k++)
      copy[g_rand_int_range (rand, 0, (gint32) len)] =
          alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
    g_autoptr (CrnEventFiles) mangled = crn_event_files_new ();
    for (guint i = 0; others[i]; i++) {
      g_autoptr (GBytes) bytes = g_str_equal (others[i], "event.conf")
                                     ? g_bytes_new (copy, len)
                                     : g_bytes_ref (crn_event_files_lookup (files, others[i]));
      crn_event_files_add (mangled, others[i], bytes, NULL);
    }
    g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
    g_autoptr (CrnEvent) ev = crn_event_read (mangled, registry, diags);
    guint errors = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
    if (ev != NULL)
      n_valid++;
    else
      n_invalid++;
    g_assert_true ((ev == NULL) == (errors > 0));
    for (guint i = 0; i < crn_diagnostics_get_n (diags); i++) {
      g_autofree char *line = crn_diagnostic_format (crn_diagnostics_get (diags, i));
      g_assert_null (strchr (line, '\n'));
    }
  }
  /* Both sides of the property were exercised. */
  g_test_message ("%u variants valid, %u invalid", n_valid, n_invalid);
  g_assert_cmpuint (n_valid, >, 0);
  g_assert_cmpuint (n_invalid, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  registry = crn_plugin_registry_new ();
  g_autofree char *dir = g_build_filename (g_getenv ("CRENEAU_BUILD_ROOT"), "plugins", NULL);
  crn_plugin_registry_load_directory (registry, dir, NULL);

  g_test_add_func ("/reader/tiny", test_tiny);
  g_test_add_func ("/reader/all-errors-collected", test_all_errors_collected);
  g_test_add_func ("/reader/suggestions", test_suggestions);
  g_test_add_func ("/reader/unknown-keys-warn", test_unknown_keys_warn);
  g_test_add_func ("/reader/exclusive-default", test_exclusive);
  g_test_add_func ("/reader/after-cycle", test_after_cycle);
  g_test_add_func ("/reader/open-windows", test_windows);
  g_test_add_func ("/reader/block-warning", test_block_warning);
  g_test_add_func ("/reader/without-plugins", test_without_plugins);
  g_test_add_func ("/reader/registrations", test_registrations);
  g_test_add_func ("/reader/event-group", test_event_group);
  g_test_add_func ("/reader/edit-distance", test_edit_distance);
  g_test_add_func ("/reader/mangled-input", test_mangled_input);
  int rc = g_test_run ();
  crn_plugin_registry_free (registry);
  return rc;
}
