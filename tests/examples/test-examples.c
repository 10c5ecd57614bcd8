/* The bundled examples (data/examples) stay what their READMEs say they are:
 * read without a single diagnostic through the real plugins, feasible (a
 * known timetable of each has no hard violation), and shaped by their
 * calendars and partner windows as documented.
 *
 * A reference timetable per example (tests/examples/<name>.csv, the format of
 * `creneau-bench event -o`) is scored with the project's own evaluator, so
 * feasibility does not depend on how well the search does on a given day.
 * The solver is then asked to find one itself, on several seeds.
 */
#include <string.h>

#include "reader/reader.h"
#include "solver/solver.h"

static CrnPluginRegistry *registry;

typedef struct {
  CrnEventFiles *files;
  CrnEvent *event;
} Loaded;

static void
loaded_clear (Loaded *l)
{
  g_clear_pointer (&l->event, crn_event_free);
  g_clear_pointer (&l->files, crn_event_files_free);
}

static char *
example_dir (const char *name)
{
  return g_build_filename (g_getenv ("CRENEAU_SOURCE_ROOT"), "data", "examples", name, NULL);
}

/* Reads @files; fails the test on any diagnostic, warnings included, except
 * the one saying the calendar folder is empty when the calendars were left
 * out on purpose. */
static CrnEvent *
read_clean (CrnEventFiles *files, const char *name, gboolean with_calendars)
{
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  CrnEvent *event = crn_event_read (files, registry, diags);
  g_autofree char *text = crn_diagnostics_format_all (diags);
  guint expected = 0;
  for (guint i = 0; i < crn_diagnostics_get_n (diags); i++) {
    const CrnDiagnostic *d = crn_diagnostics_get (diags, i);
    if (!with_calendars && d->severity == CRN_SEVERITY_WARNING &&
        g_strcmp0 (d->group, "Plugin speakers-ics") == 0 && g_strcmp0 (d->key, "Calendars") == 0)
      expected++;
  }
  if (crn_diagnostics_get_n (diags) > expected)
    g_test_message ("%s:\n%s", name, text);
  g_assert_cmpuint (crn_diagnostics_get_n (diags), ==, expected);
  g_assert_nonnull (event);
  return event;
}

static void
load_example (const char *name, gboolean with_calendars, Loaded *out)
{
  g_autofree char *dir = example_dir (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) all = crn_event_files_read_directory (dir, &error);
  g_assert_no_error (error);

  out->files = crn_event_files_new ();
  g_auto (GStrv) names = crn_event_files_list (all, "");
  for (guint i = 0; names[i]; i++) {
    if (!with_calendars && g_str_has_prefix (names[i], "speakers/") &&
        g_str_has_suffix (names[i], ".ics"))
      continue;
    crn_event_files_add (out->files, names[i], crn_event_files_lookup (all, names[i]), &error);
    g_assert_no_error (error);
  }
  out->event = read_clean (out->files, name, with_calendars);
}

/* The reference timetable of @name, placed on @event. */
static CrnTimetable *
load_reference (const CrnEvent *event, const char *name)
{
  g_autofree char *base = g_strconcat (name, ".csv", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "examples", base, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  CrnTimetable *tt = crn_timetable_new (event);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;
  for (guint i = 1; lines[i]; i++) {
    if (!*lines[i])
      continue;
    g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
    g_assert_cmpuint (g_strv_length (f), ==, 5);
    CrnAssignment *a = crn_timetable_lookup (tt, f[0], (guint) g_ascii_strtoull (f[1], NULL, 10));
    g_assert_nonnull (a);
    a->room = crn_event_lookup_room (event, f[2]);
    g_assert_nonnull (a->room);
    g_assert_true (crn_time_parse (f[3], &a->start));
    a->assigned = TRUE;
    n++;
  }
  g_assert_cmpuint (n, ==, crn_event_count_occurrences (event));
  return tt;
}

static void
log_hard (const CrnTimetable *tt)
{
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (v->severity == CRN_VIOLATION_HARD)
      g_test_message ("%s", v->message);
  }
}

/* TRUE when some hard violation of rule @rule involves @session and, when
 * @resource is given, that resource. */
static gboolean
has_violation (const CrnTimetable *tt, const char *rule, const char *session, const char *resource)
{
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (v->severity != CRN_VIOLATION_HARD || strcmp (v->rule, rule) != 0)
      continue;
    if (session && !(v->sessions && g_strv_contains ((const char *const *) v->sessions, session)))
      continue;
    if (resource && !(v->resources && g_strv_contains ((const char *const *) v->resources, resource)))
      continue;
    return TRUE;
  }
  return FALSE;
}

static void
test_reads_and_is_feasible (gconstpointer data)
{
  const char *name = data;
  Loaded l = { 0 };
  load_example (name, TRUE, &l);
  g_assert_cmpstr (crn_event_get_id (l.event), ==, name);

  g_autoptr (CrnTimetable) tt = load_reference (l.event, name);
  crn_evaluate (tt, NULL);
  log_hard (tt);
  g_assert_cmpuint (tt->hard, ==, 0);
  loaded_clear (&l);
}

typedef struct {
  const char *session;
  const char *room;
} Placement;

/* The two rounds of the 27th exchanged, with rooms that suit each workshop
 * (tags, capacity, Salle 7 booked in the morning). */
static const Placement practice_morning[] = {
  { "atelier-decisions-collectives", "salle-2" },
  { "atelier-coproduction-habitants", "salle-3" },
  { "atelier-animation-reunion", "salle-4" },
  { "atelier-atlas-relationnel", "salle-1" },
  { "atelier-aller-vers", "salle-5" },
  { "atelier-postures-professionnelles", "salle-6" },
};
static const Placement reflection_afternoon[] = {
  { "atelier-se-former-autrement", "salle-1" },
  { "atelier-renouveler-cooperations", "salle-2" },
  { "atelier-recit-de-territoire", "salle-3" },
  { "atelier-participation-initiatives", "salle-4" },
  { "atelier-faire-evoluer-organisations", "salle-5" },
  { "atelier-valoriser-ressources", "salle-7" },
};

static void
place_round (CrnTimetable *tt, const Placement *round, guint n, const char *when)
{
  CrnTime t;
  g_assert_true (crn_time_parse (when, &t));
  for (guint i = 0; i < n; i++) {
    CrnAssignment *a = crn_timetable_lookup (tt, round[i].session, 1);
    g_assert_nonnull (a);
    a->start = t;
    a->room = crn_event_lookup_room (tt->event, round[i].room);
    g_assert_nonnull (a->room);
  }
}

static CrnTimetable *
swapped_rounds (const CrnEvent *event)
{
  CrnTimetable *tt = load_reference (event, "journees-2018");
  place_round (tt, practice_morning, G_N_ELEMENTS (practice_morning), "2018-11-27 09:15");
  place_round (tt, reflection_afternoon, G_N_ELEMENTS (reflection_afternoon), "2018-11-27 13:30");
  crn_evaluate (tt, NULL);
  log_hard (tt);
  return tt;
}

/* journees-2018: both workshop rounds of the 27th may start at 09:15 or
 * 13:30. Without calendars the programme's order and the swapped one are
 * both valid; with them only the programme's order is. */
static void
test_journees_calendars_fix_round_order (void)
{
  Loaded with = { 0 }, without = { 0 };
  load_example ("journees-2018", TRUE, &with);
  load_example ("journees-2018", FALSE, &without);

  g_autoptr (CrnTimetable) ref = load_reference (with.event, "journees-2018");
  CrnAssignment *a = crn_timetable_lookup (ref, "atelier-aller-vers", 1);
  g_autofree char *start = crn_time_format (a->start);
  g_assert_cmpstr (start, ==, "2018-11-27 13:30");

  g_autoptr (CrnTimetable) swapped = swapped_rounds (with.event);
  /* The weekly Tuesday meeting, the train and the meeting with La Réunion. */
  g_assert_true (has_violation (swapped, "H3", "atelier-aller-vers", "mrjc"));
  g_assert_true (has_violation (swapped, "H3", "atelier-animation-reunion",
                                "citoyens-territoires-grand-est"));
  g_assert_true (has_violation (swapped, "H3", "atelier-valoriser-ressources", "tzcld"));
  g_assert_cmpuint (swapped->hard, ==, 3);

  g_autoptr (CrnTimetable) swapped_free = swapped_rounds (without.event);
  g_assert_cmpuint (swapped_free->hard, ==, 0);

  loaded_clear (&with);
  loaded_clear (&without);
}

/* programme-2018: each session with an open date has exactly one day that
 * works, as the README's table says. Every other candidate day, at every
 * allowed start and in every allowed room, breaks the session's own
 * availability (H3), whatever the rest of the timetable. */
static void
check_only_day (const CrnEvent *event, const CrnTimetable *ref, const char *session_id,
                const char *expected_day)
{
  CrnSession *s = crn_event_lookup_session (event, session_id);
  g_assert_nonnull (s);
  g_assert_cmpuint (s->days->len, >, 1);
  CrnTime expected;
  g_assert_true (crn_time_parse_date (expected_day, &expected));

  const CrnAssignment *r = crn_timetable_lookup ((CrnTimetable *) ref, session_id, 1);
  g_assert_cmpint (crn_time_day_start (r->start), ==, expected);

  guint tried = 0;
  for (guint d = 0; d < s->days->len; d++) {
    CrnTime day = g_array_index (s->days, CrnTime, d);
    if (day == expected)
      continue;
    const CrnDay *cd = crn_event_lookup_day (event, day);
    g_assert_nonnull (cd);
    for (guint w = 0; w < crn_interval_set_get_n (cd->open); w++) {
      CrnInterval win = crn_interval_set_get (cd->open, w);
      for (CrnTime t = win.start; t + s->duration <= win.end; t += event->granularity) {
        gboolean allowed = s->starts->len == 0;
        for (guint k = 0; k < s->starts->len; k++)
          allowed |= g_array_index (s->starts, int, k) == crn_time_minute_of_day (t);
        if (!allowed)
          continue;
        for (guint m = 0; m < event->rooms->len; m++) {
          CrnRoom *room = g_ptr_array_index (event->rooms, m);
          if (s->room ? room != s->room : s->room_tags->len == 0)
            continue;
          gboolean tagged = TRUE;
          for (guint k = 0; k < s->room_tags->len; k++)
            tagged &= g_ptr_array_find_with_equal_func (room->tags,
                                                         g_ptr_array_index (s->room_tags, k),
                                                         g_str_equal, NULL);
          if (!tagged)
            continue;
          g_autoptr (CrnTimetable) tt = crn_timetable_copy (ref);
          CrnAssignment *a = crn_timetable_lookup (tt, session_id, 1);
          a->start = t;
          a->room = room;
          crn_evaluate (tt, NULL);
          if (!has_violation (tt, "H3", session_id, NULL)) {
            g_autofree char *when = crn_time_format (t);
            g_test_message ("%s fits at %s in %s", session_id, when, room->id);
            log_hard (tt);
          }
          g_assert_true (has_violation (tt, "H3", session_id, NULL));
          tried++;
        }
      }
    }
  }
  g_assert_cmpuint (tried, >, 0);
}

static void
test_programme_open_dates (void)
{
  Loaded l = { 0 };
  load_example ("programme-2018", TRUE, &l);
  g_autoptr (CrnTimetable) ref = load_reference (l.event, "programme-2018");

  check_only_day (l.event, ref, "gt-participation-1", "2018-05-17");
  check_only_day (l.event, ref, "gt-participation-2", "2018-09-25");
  check_only_day (l.event, ref, "atelier-irdsu-grenoble", "2018-05-31");
  check_only_day (l.event, ref, "je-dijon", "2018-06-28");
  check_only_day (l.event, ref, "je-montpellier", "2018-10-04");
  check_only_day (l.event, ref, "je-decembre", "2018-12-11");
  check_only_day (l.event, ref, "rencontres-participation", "2018-03-07");
  check_only_day (l.event, ref, "cncd-sete", "2018-10-11");
  loaded_clear (&l);
}

/* The solver finds a timetable without hard violations for every seed
 * tried, on an iteration budget that takes a fraction of a second (an
 * iteration limit makes each run the same on any machine). */
#define SOLVE_SEEDS 6
#define SOLVE_ITERATIONS 300000

static void
test_solves (gconstpointer data)
{
  const char *name = data;
  Loaded l = { 0 };
  load_example (name, TRUE, &l);
  for (guint64 seed = 1; seed <= SOLVE_SEEDS; seed++) {
    CrnSolveOptions opts;
    crn_solve_options_init (&opts);
    opts.iteration_limit = SOLVE_ITERATIONS;
    opts.seed = seed;
    g_autoptr (CrnTimetable) tt = crn_solve (l.event, &opts, NULL);
    if (tt->hard > 0)
      g_test_message ("%s, seed %" G_GUINT64_FORMAT ":", name, seed);
    log_hard (tt);
    g_assert_cmpuint (tt->hard, ==, 0);
  }
  loaded_clear (&l);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  registry = crn_plugin_registry_new ();
  g_autofree char *dir = g_build_filename (g_getenv ("CRENEAU_BUILD_ROOT"), "plugins", NULL);
  g_autoptr (GError) error = NULL;
  if (!crn_plugin_registry_load_directory (registry, dir, &error))
    g_error ("%s", error->message);

  g_test_add_data_func ("/examples/journees-2018/feasible", "journees-2018",
                        test_reads_and_is_feasible);
  g_test_add_data_func ("/examples/congres-2015/feasible", "congres-2015",
                        test_reads_and_is_feasible);
  g_test_add_data_func ("/examples/programme-2018/feasible", "programme-2018",
                        test_reads_and_is_feasible);
  g_test_add_data_func ("/examples/journees-2018/solves", "journees-2018", test_solves);
  g_test_add_data_func ("/examples/congres-2015/solves", "congres-2015", test_solves);
  g_test_add_data_func ("/examples/programme-2018/solves", "programme-2018", test_solves);
  g_test_add_func ("/examples/journees-2018/calendars-fix-round-order",
                   test_journees_calendars_fix_round_order);
  g_test_add_func ("/examples/programme-2018/open-dates", test_programme_open_dates);
  int rc = g_test_run ();
  crn_plugin_registry_free (registry);
  return rc;
}
