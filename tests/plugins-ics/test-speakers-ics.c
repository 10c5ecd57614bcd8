/* The speakers-ics module, loaded as a real plugin from the build tree, on
 * small event directories built in memory.
 *
 * The event is in Europe/Paris on Monday 26 and Tuesday 27 November 2018:
 * busy time is kept between 2018-11-26 00:00 and 2018-11-28 00:00.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "model/event.h"
#include "model/files.h"
#include "plugin/registry.h"
#include "reader/reader.h"
#include "ics-busy.h"

#define PLUGIN "speakers-ics"

static const char event_conf[] =
  "[Event]\n"
  "Id=essai\n"
  "Name=Essai\n"
  "TimeZone=Europe/Paris\n"
  "[Day 2018-11-26]\n"
  "Open=09:00-17:00\n"
  "[Day 2018-11-27]\n"
  "Open=09:00-17:00\n"
  "[Session pleniere]\n"
  "Title=Plénière\n"
  "Duration=60\n"
  "Speakers=caron\n"
  "[Plugin speakers-ics]\n"
  "People=speakers.conf\n"
  "Calendars=speakers/\n";

static const char speakers_conf[] =
  "[Person caron]\n"                                  /* line 1 */
  "Name=Marie Caron\n"
  "Email=marie.caron@example.org\n"
  "Organisation=Réseau des territoires\n"
  "Unavailable=2018-11-27 16:00-17:00;2018-11-28\n"   /* line 5 */
  "Preferred=2018-11-26\n"
  "MaxPerDay=2\n"
  "[Person grivel]\n"                                 /* line 8 */
  "Name=Luc Grivel\n";

typedef struct {
  CrnEventFiles *files;
  CrnPluginRegistry *reg;
  CrnDiagnostics *diags;
  CrnEvent *event;
  GPtrArray *fetched; /* URLs asked of the fetcher */
  GBytes *remote;     /* what the fetcher answers, or NULL: it fails */
} Fixture;

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plugins-ics", "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *text;
  gsize len;
  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (text, len);
}

static void
add_bytes (Fixture *f, const char *name, GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  crn_event_files_add (f->files, name, bytes, &error);
  g_assert_no_error (error);
}

static void
add_text (Fixture *f, const char *name, const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  add_bytes (f, name, bytes);
}

static void
add_fixture (Fixture *f, const char *name, const char *fixture)
{
  g_autoptr (GBytes) bytes = read_fixture (fixture);
  add_bytes (f, name, bytes);
}

static GBytes *
fake_fetch (const char *url, gpointer user_data, GError **error)
{
  Fixture *f = user_data;
  g_ptr_array_add (f->fetched, g_strdup (url));
  if (f->remote == NULL) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s did not answer within 10 s", url);
    return NULL;
  }
  return g_bytes_ref (f->remote);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->files = crn_event_files_new ();
  f->reg = crn_plugin_registry_new ();
  f->diags = crn_diagnostics_new ();
  f->fetched = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_build_filename (CRN_BUILD_PLUGINDIR, PLUGIN ".so", NULL);
  g_autoptr (GError) error = NULL;
  crn_plugin_registry_load_module (f->reg, path, &error);
  g_assert_no_error (error);
  add_text (f, "event.conf", event_conf);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  crn_event_free (f->event);
  crn_plugin_registry_free (f->reg);
  crn_event_files_free (f->files);
  crn_diagnostics_free (f->diags);
  g_ptr_array_unref (f->fetched);
  g_clear_pointer (&f->remote, g_bytes_unref);
}

static void
use_fetcher (Fixture *f)
{
  crn_plugin_registry_set_fetcher (f->reg, fake_fetch, f, NULL);
}

static void
read_event (Fixture *f)
{
  f->event = crn_event_read (f->files, f->reg, f->diags);
}

static void
read_valid_event (Fixture *f)
{
  read_event (f);
  if (f->event == NULL) {
    g_autofree char *all = crn_diagnostics_format_all (f->diags);
    g_error ("the event should be valid:\n%s", all);
  }
}

/* The diagnostics of the plugin with @severity, one formatted line each. */
static char *
plugin_diagnostics (Fixture *f, CrnSeverity severity)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < crn_diagnostics_get_n (f->diags); i++) {
    const CrnDiagnostic *d = crn_diagnostics_get (f->diags, i);
    if (d->severity != severity || g_strcmp0 (d->origin, PLUGIN) != 0)
      continue;
    g_autofree char *line = crn_diagnostic_format (d);
    g_string_append_printf (s, "%s\n", line);
  }
  return g_string_free (s, FALSE);
}

/* Exactly one error from the plugin, naming @file (and @line, @group, @key
 * when not 0/NULL), whose sentence contains @fragment. Errors the reader
 * finds afterwards (a session naming a person the plugin could not add)
 * are not the plugin's. */
static void
assert_one_error (Fixture *f, const char *file, int line, const char *group, const char *key,
                  const char *fragment)
{
  g_assert_null (f->event);
  const CrnDiagnostic *found = NULL;
  for (guint i = 0; i < crn_diagnostics_get_n (f->diags); i++) {
    const CrnDiagnostic *d = crn_diagnostics_get (f->diags, i);
    if (d->severity != CRN_SEVERITY_ERROR || g_strcmp0 (d->origin, PLUGIN) != 0)
      continue;
    if (found != NULL) {
      g_autofree char *all = crn_diagnostics_format_all (f->diags);
      g_error ("expected one error, got:\n%s", all);
    }
    found = d;
  }
  g_assert_nonnull (found);
  g_autofree char *text = crn_diagnostic_format (found);
  g_test_message ("%s", text);
  g_assert_cmpstr (found->origin, ==, PLUGIN);
  g_assert_cmpstr (found->file, ==, file);
  g_assert_cmpint (found->line, ==, line);
  g_assert_cmpstr (found->group, ==, group);
  g_assert_cmpstr (found->key, ==, key);
  if (strstr (found->message, fragment) == NULL)
    g_error ("\"%s\" does not contain \"%s\"", text, fragment);
}

static char *
format_set (const CrnIntervalSet *set)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < crn_interval_set_get_n (set); i++) {
    CrnInterval iv = crn_interval_set_get (set, i);
    g_autofree char *a = crn_time_format (iv.start);
    g_autofree char *b = crn_time_format (iv.end);
    g_string_append_printf (s, "%s%s/%s", i ? "; " : "", a, b);
  }
  return g_string_free (s, FALSE);
}

static void
assert_set (const CrnIntervalSet *set, const char *expected)
{
  g_autofree char *got = format_set (set);
  g_assert_cmpstr (got, ==, expected);
}

/* Sources of the busy notes, "start/end source" each, in the order added. */
static char *
format_notes (const CrnPerson *p)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < p->busy_notes->len; i++) {
    const CrnBusyNote *n = &g_array_index (p->busy_notes, CrnBusyNote, i);
    g_autofree char *a = crn_time_format (n->start);
    g_autofree char *b = crn_time_format (n->end);
    g_string_append_printf (s, "%s%s/%s %s", i ? "; " : "", a, b, n->source);
  }
  return g_string_free (s, FALSE);
}

static void
test_people_and_calendars (Fixture *f, gconstpointer data)
{
  add_text (f, "speakers.conf", speakers_conf);
  add_fixture (f, "speakers/caron.ics", "google.ics");
  add_fixture (f, "speakers/grivel.ics", "freebusy.ics");
  read_valid_event (f);

  CrnPerson *caron = crn_event_lookup_person (f->event, "caron");
  g_assert_nonnull (caron);
  g_assert_cmpstr (caron->name, ==, "Marie Caron");
  g_assert_cmpstr (caron->email, ==, "marie.caron@example.org");
  g_assert_cmpstr (caron->organisation, ==, "Réseau des territoires");
  g_assert_cmpuint (caron->max_per_day, ==, 2);
  assert_set (caron->preferred, "2018-11-26 00:00/2018-11-27 00:00");
  /* speakers.conf, then google.ics inside the two days: Monday 09:00-10:00
   * (weekly, 08:00Z) and Tuesday 13:30-16:00 (12:30Z-15:00Z), which meets
   * Unavailable 16:00-17:00 and merges with it. */
  assert_set (caron->unavailable, "2018-11-26 09:00/2018-11-26 10:00; "
                                  "2018-11-27 13:30/2018-11-27 17:00; "
                                  "2018-11-28 00:00/2018-11-29 00:00");
  g_autofree char *notes = format_notes (caron);
  g_assert_cmpstr (notes, ==, "2018-11-27 16:00/2018-11-27 17:00 speakers.conf; "
                              "2018-11-28 00:00/2018-11-29 00:00 speakers.conf; "
                              "2018-11-26 09:00/2018-11-26 10:00 speakers/caron.ics; "
                              "2018-11-27 13:30/2018-11-27 16:00 speakers/caron.ics");
  g_assert_true (crn_interval_set_is_empty (caron->discouraged));

  CrnPerson *grivel = crn_event_lookup_person (f->event, "grivel");
  g_assert_nonnull (grivel);
  g_assert_cmpstr (grivel->name, ==, "Luc Grivel");
  /* freebusy.ics: BUSY 23:00 (Sunday)-02:00 cut at the event's first
   * midnight, BUSY 09:00-11:00, BUSY-UNAVAILABLE Tuesday 08:00-10:00; the
   * BUSY-TENTATIVE 14:00-16:00 is only discouraged; Thursday is outside. */
  assert_set (grivel->unavailable, "2018-11-26 00:00/2018-11-26 02:00; "
                                   "2018-11-26 09:00/2018-11-26 11:00; "
                                   "2018-11-27 08:00/2018-11-27 10:00");
  assert_set (grivel->discouraged, "2018-11-27 14:00/2018-11-27 16:00");
  g_autofree char *errors = plugin_diagnostics (f, CRN_SEVERITY_ERROR);
  g_assert_cmpstr (errors, ==, "");
}

static void
test_unknown_person (Fixture *f, gconstpointer data)
{
  add_text (f, "speakers.conf", speakers_conf);
  add_fixture (f, "speakers/carron.ics", "google.ics");
  read_event (f);
  assert_one_error (f, "speakers/carron.ics", 0, NULL, NULL, "no person \"carron\" in speakers.conf");
}

static void
test_bad_interval (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strdup (speakers_conf);
  char *p = strstr (conf, "2018-11-27 16:00-17:00");
  memcpy (p, "2018-11-27 17:00-16:00", strlen ("2018-11-27 17:00-16:00"));
  add_text (f, "speakers.conf", conf);
  read_event (f);
  assert_one_error (f, "speakers.conf", 5, "Person caron", "Unavailable",
                    "\"2018-11-27 17:00-16:00\" is not an interval");
}

static void
test_bad_max_per_day (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strconcat (speakers_conf, "MaxPerDay=deux\n", NULL);
  add_text (f, "speakers.conf", conf);
  read_event (f);
  assert_one_error (f, "speakers.conf", 10, "Person grivel", "MaxPerDay", "\"deux\"");
}

static void
test_malformed_calendar (Fixture *f, gconstpointer data)
{
  add_text (f, "speakers.conf", speakers_conf);
  add_fixture (f, "speakers/caron.ics", "malformed.ics");
  read_event (f);
  assert_one_error (f, "speakers/caron.ics", 0, NULL, NULL,
                    "VEVENT \"Atelier\" (UID broken-1) cannot be read: Can't parse as DATE-TIME "
                    "value in DTSTART property: 2018-11-27 10:00");
}

static void
test_too_large (Fixture *f, gconstpointer data)
{
  add_text (f, "speakers.conf", speakers_conf);
  gsize size = CRN_LIMIT_CALENDAR_BYTES + 1;
  char *big = g_malloc (size);
  memset (big, '\n', size);
  g_autoptr (GBytes) bytes = g_bytes_new_take (big, size);
  add_bytes (f, "speakers/caron.ics", bytes);
  read_event (f);
  assert_one_error (f, "speakers/caron.ics", 0, NULL, NULL, "over the limit of 5 MiB");
}

static void
test_remote_offline (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strconcat (speakers_conf, "Calendar=https://dav.example.org/grivel.ics\n",
                                       NULL);
  add_text (f, "speakers.conf", conf);
  read_event (f);
  /* No fetcher, as in the offline tools. */
  assert_one_error (f, "speakers.conf", 10, "Person grivel", "Calendar",
                    "https://dav.example.org/grivel.ics");
}

static void
test_remote_offline_local_file (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strconcat (speakers_conf, "Calendar=https://dav.example.org/grivel.ics\n",
                                       NULL);
  add_text (f, "speakers.conf", conf);
  add_fixture (f, "speakers/grivel.ics", "freebusy.ics");
  use_fetcher (f); /* which fails: f->remote is NULL */
  read_valid_event (f);
  g_autofree char *warnings = plugin_diagnostics (f, CRN_SEVERITY_WARNING);
  g_assert_cmpstr (warnings, ==,
                   "warning: speakers-ics: speakers.conf:10: [Person grivel] Calendar: "
                   "https://dav.example.org/grivel.ics did not answer within 10 s; using "
                   "speakers/grivel.ics instead\n");
  CrnPerson *grivel = crn_event_lookup_person (f->event, "grivel");
  assert_set (grivel->discouraged, "2018-11-27 14:00/2018-11-27 16:00");
  g_assert_cmpuint (f->fetched->len, ==, 1);
}

static void
test_remote_fetched (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strconcat (speakers_conf, "Calendar=https://dav.example.org/grivel.ics\n",
                                       NULL);
  add_text (f, "speakers.conf", conf);
  /* The remote calendar wins over a stale local copy. */
  add_fixture (f, "speakers/grivel.ics", "google.ics");
  f->remote = read_fixture ("outlook.ics");
  use_fetcher (f);
  read_valid_event (f);
  g_assert_cmpuint (f->fetched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->fetched, 0), ==, "https://dav.example.org/grivel.ics");
  CrnPerson *grivel = crn_event_lookup_person (f->event, "grivel");
  /* outlook.ics on Tuesday: 09:00-10:00 and 14:00-16:00. */
  g_autofree char *notes = format_notes (grivel);
  g_assert_cmpstr (notes, ==,
                   "2018-11-27 09:00/2018-11-27 10:00 https://dav.example.org/grivel.ics; "
                   "2018-11-27 14:00/2018-11-27 16:00 https://dav.example.org/grivel.ics");
  g_autofree char *warnings = plugin_diagnostics (f, CRN_SEVERITY_WARNING);
  g_assert_cmpstr (warnings, ==, "");
}

static void
test_not_a_url (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strconcat (speakers_conf, "Calendar=file:///etc/passwd\n", NULL);
  add_text (f, "speakers.conf", conf);
  use_fetcher (f);
  read_event (f);
  assert_one_error (f, "speakers.conf", 10, "Person grivel", "Calendar",
                    "\"file:///etc/passwd\" is not an https:// URL");
  g_assert_cmpuint (f->fetched->len, ==, 0);
}

static void
test_missing_people_file (Fixture *f, gconstpointer data)
{
  read_event (f);
  assert_one_error (f, "event.conf", 14, "Plugin speakers-ics", "People",
                    "no file \"speakers.conf\"");
}

static void
test_warnings (Fixture *f, gconstpointer data)
{
  g_autofree char *conf = g_strconcat (speakers_conf, "Telephone=0102030405\n[Salle amphi]\n",
                                       NULL);
  add_text (f, "speakers.conf", conf);
  add_text (f, "speakers/README", "Agendas des intervenants\n");
  read_valid_event (f);
  g_autofree char *warnings = plugin_diagnostics (f, CRN_SEVERITY_WARNING);
  g_assert_cmpstr (warnings, ==,
                   "warning: speakers-ics: speakers.conf:10: [Person grivel] Telephone: unknown "
                   "key, ignored (known: Name, Email, Organisation, Unavailable, Preferred, "
                   "MaxPerDay, Calendar)\n"
                   "warning: speakers-ics: speakers.conf:11: [Salle amphi] unknown group, "
                   "ignored (people are [Person ID])\n"
                   "warning: speakers-ics: speakers/README: ignored: calendars are "
                   "speakers/<person-id>.ics\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add ("/speakers-ics/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("people-and-calendars", test_people_and_calendars);
  ADD ("warnings", test_warnings);
  ADD ("remote/fetched", test_remote_fetched);
  ADD ("remote/offline", test_remote_offline);
  ADD ("remote/offline-local-file", test_remote_offline_local_file);
  ADD ("remote/not-a-url", test_not_a_url);
  ADD ("bad/unknown-person", test_unknown_person);
  ADD ("bad/interval", test_bad_interval);
  ADD ("bad/max-per-day", test_bad_max_per_day);
  ADD ("bad/malformed-calendar", test_malformed_calendar);
  ADD ("bad/too-large", test_too_large);
  ADD ("bad/missing-people-file", test_missing_people_file);
  return g_test_run ();
}
