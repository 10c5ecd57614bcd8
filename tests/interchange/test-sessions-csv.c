/* The sessions-csv plugin, through the event reader and the plugin loader. */
#include "config.h"

#include <string.h>

#include "plugin/registry.h"
#include "reader/reader.h"

static CrnPluginRegistry *registry;

static const char event_conf[] =
    "[Event]\nId=demo\nName=Demo\nTimeZone=Europe/Paris\n"
    "[Day 2018-11-26]\nOpen=09:00-18:00\n"
    "[Session ouverture]\nTitle=Ouverture\nKind=plenary\nDuration=60\n"
    "[Plugin rooms-keyfile]\nFile=rooms.conf\n"
    "[Plugin partners-keyfile]\nFile=partners.conf\n"
    "[Plugin sessions-csv]\nFile=sessions.csv\n"
    /* After the sessions: their speakers are looked up once all have run. */
    "[Plugin speakers-ics]\nPeople=speakers.conf\n";
static const char rooms_conf[] =
    "[Room amphi]\nCapacity=200\nTags=plenary\n[Room salle-3]\nCapacity=40\nTags=workshop\n";
static const char partners_conf[] = "[Partner cget]\nName=CGET\n";
static const char speakers_conf[] =
    "[Person caron]\nName=Élise Caron\n[Person fournier]\nName=Luc Fournier\n"
    "[Person grivel]\nName=Paul Grivel\n";

/* Reads the event with @csv as sessions.csv; returns the diagnostics, one
 * per line, and the event (NULL on errors). */
static char *
read_with (const char *csv, CrnEvent **out_event)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  const char *names[] = { "event.conf", "rooms.conf", "partners.conf", "speakers.conf",
                          "sessions.csv" };
  const char *texts[] = { event_conf, rooms_conf, partners_conf, speakers_conf, csv };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autoptr (GBytes) b = g_bytes_new (texts[i], strlen (texts[i]));
    g_assert_true (crn_event_files_add (files, names[i], b, NULL));
  }
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  CrnEvent *ev = crn_event_read (files, registry, diags);
  if (out_event)
    *out_event = ev;
  else
    crn_event_free (ev);
  return crn_diagnostics_format_all (diags);
}

static void
assert_contains (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected \"%s\" in:\n%s", needle, haystack);
}

static void
test_good (void)
{
  CrnEvent *ev = NULL;
  g_autofree char *diags = read_with (
      "\xef\xbb\xbfId,Title,Kind,Duration,Speakers,Moderators,Partners,Attendance,Room Tags,Track,"
      "Audience,Fixed Start,Fixed Room,Count\r\n"
      "atelier-1,\"Coopération, transitions\",workshop,90,caron;fournier,grivel,cget,40,workshop,transitions,"
      "elus;techniciens,,,2\r\n"
      ",,,,,,,,,,,,,\r\n"
      "table-ronde,\"Le \"\"grand\"\" témoin\",round-table,45,,,,120,,,,2018-11-26 16:00,amphi,\r\n",
      &ev);
  g_autoptr (CrnEvent) event = ev;
  g_assert_nonnull (event);
  g_assert_cmpuint (event->sessions->len, ==, 3);
  CrnSession *a = crn_event_lookup_session (event, "atelier-1");
  g_assert_nonnull (a);
  g_assert_cmpstr (a->title, ==, "Coopération, transitions");
  g_assert_cmpint (a->kind, ==, CRN_KIND_WORKSHOP);
  g_assert_cmpuint (a->duration, ==, 90);
  g_assert_cmpuint (a->count, ==, 2);
  g_assert_cmpuint (a->attendance, ==, 40);
  g_assert_cmpuint (a->speakers->len, ==, 2);
  g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (a->speakers, 1))->name, ==, "Luc Fournier");
  g_assert_cmpuint (a->moderators->len, ==, 1);
  g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (a->moderators, 0))->id, ==, "grivel");
  g_assert_cmpuint (a->partners->len, ==, 1);
  g_assert_cmpstr (((CrnPartner *) g_ptr_array_index (a->partners, 0))->name, ==, "CGET");
  g_assert_cmpuint (a->room_tags->len, ==, 1);
  g_assert_cmpstr (a->track, ==, "transitions");
  g_assert_cmpuint (a->audiences->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (a->audiences, 1), ==, "techniciens");
  CrnSession *t = crn_event_lookup_session (event, "table-ronde");
  g_assert_cmpstr (t->title, ==, "Le \"grand\" témoin");
  g_assert_true (t->has_start);
  g_autofree char *start = crn_time_format (t->start);
  g_assert_cmpstr (start, ==, "2018-11-26 16:00");
  g_assert_nonnull (t->room);
  g_assert_cmpstr (t->room->id, ==, "amphi");
  g_assert_cmpstr (t->file, ==, "sessions.csv");
  g_assert_cmpint (t->line, ==, 4);
  g_assert_cmpstr (diags, !=, NULL);
  g_assert_null (strstr (diags, "sessions-csv"));
}

static void
test_semicolons (void)
{
  /* A French spreadsheet saves with ';' between cells: lists use ','. */
  CrnEvent *ev = NULL;
  g_autofree char *diags = read_with ("id;title;duration;audience\n"
                                      "atelier-2;Atelier, suite;90;elus,techniciens\n", &ev);
  g_autoptr (CrnEvent) event = ev;
  g_assert_nonnull (event);
  CrnSession *s = crn_event_lookup_session (event, "atelier-2");
  g_assert_cmpstr (s->title, ==, "Atelier, suite");
  g_assert_cmpuint (s->audiences->len, ==, 2);
}

static void
test_errors (void)
{
  g_autofree char *diags = read_with (
      "id,title,kind,duration,speakers,partners,fixed start,fixed room,romo tags\n"
      "atelier-1,A,workshop,90,,,,,\n"
      "atelier-2,B,workshop,9O,,,,,\n"
      "atelier-3,C,keynote,90,Caron,,,,\n"
      "ouverture,D,talk,30,,,,,\n"
      "atelier-1,E,talk,30,,,,,\n"
      "atelier-4,F,talk,30,carron,cgte,26/11 10:00,hall,\n"
      "Atelier 5,G,talk,30,,,,,\n"
      "atelier-6,H,talk,,,,,,\n"
      "atelier-7,I,talk,30,,,,,,extra\n",
      NULL);
  assert_contains (diags, "sessions.csv:3: column duration: \"9O\" is not a number of minutes");
  assert_contains (diags, "sessions.csv:4: column kind: \"keynote\" is not a kind");
  assert_contains (diags, "sessions.csv:4: column speakers: \"Caron\" is not an id");
  assert_contains (diags, "sessions.csv:5: column id: session \"ouverture\" is defined twice");
  assert_contains (diags, "sessions.csv:6: column id: session \"atelier-1\" is defined twice");
  assert_contains (diags, "sessions.csv:7: column fixed start: \"26/11 10:00\" is not a time");
  /* Unknown ids are found after every plugin ran, still naming the row. */
  assert_contains (diags, "sessions.csv:7: [Session atelier-4] Speakers: no person \"carron\"");
  assert_contains (diags, "sessions.csv:7: [Session atelier-4] Partners: no partner \"cgte\"");
  assert_contains (diags, "sessions.csv:7: [Session atelier-4] Room: no room \"hall\"");
  assert_contains (diags, "sessions.csv:8: column id: \"Atelier 5\" is not a valid session id");
  assert_contains (diags, "sessions.csv:9: column duration: the duration is empty");
  assert_contains (diags, "sessions.csv:10: 10 cells where the header names 9");
  assert_contains (diags, "warning: sessions-csv: sessions.csv:1: unknown column \"romo tags\" "
                          "is ignored (did you mean \"room tags\"?)");
}

static void
test_bad_file (void)
{
  g_autofree char *a = read_with ("title,duration\nA,90\n", NULL);
  assert_contains (a, "sessions.csv:1: the header has no column \"id\"");
  g_autofree char *b = read_with ("id,title,duration,duration\na,A,90,90\n", NULL);
  assert_contains (b, "sessions.csv:1: column \"duration\" appears twice");
  g_autofree char *c = read_with ("id,title,duration\n\"a,A,90\n", NULL);
  assert_contains (c, "sessions.csv:2: a quoted field is never closed");
  g_autofree char *d = read_with ("", NULL);
  assert_contains (d, "sessions.csv: the file is empty");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  registry = crn_plugin_registry_new ();
  g_autofree char *dir = g_build_filename (g_getenv ("CRENEAU_BUILD_ROOT"), "plugins", NULL);
  crn_plugin_registry_load_directory (registry, dir, NULL);
  g_test_add_func ("/plugins/sessions-csv/good", test_good);
  g_test_add_func ("/plugins/sessions-csv/semicolons", test_semicolons);
  g_test_add_func ("/plugins/sessions-csv/errors", test_errors);
  g_test_add_func ("/plugins/sessions-csv/bad-file", test_bad_file);
  int rc = g_test_run ();
  crn_plugin_registry_free (registry);
  return rc;
}
