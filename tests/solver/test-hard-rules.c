/* creneau — each hard rule H1–H9: a timetable that breaks it is reported
 * with its id, and the solver finds one that does not. */
#include "fixture.h"

#include <string.h>

/* Evaluates @tt, checks that @rule is reported (with @needle in one of its
 * sentences), then solves the event and checks the answer is clean. */
static void
check_rule (CrnTimetable *tt, const char *rule, const char *needle)
{
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_count (tt, rule), >, 0);
  g_assert_cmpuint (tt->hard, >, 0);
  gboolean found = FALSE;
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (g_strcmp0 (v->rule, rule) == 0 && strstr (v->message, needle)) {
      found = TRUE;
      g_assert_true (g_str_has_prefix (v->message, rule));
      g_assert_true (v->severity == CRN_VIOLATION_HARD);
      g_assert_nonnull (v->sessions);
    }
  }
  if (!found)
    g_error ("no %s violation mentions \"%s\"", rule, needle);

  g_autoptr (CrnTimetable) solved = fixture_solve (tt->event, 20000, 1);
  for (guint i = 0; i < solved->violations->len; i++)
    g_test_message ("%s", ((CrnViolation *) g_ptr_array_index (solved->violations, i))->message);
  g_assert_cmpuint (fixture_count (solved, rule), ==, 0);
  g_assert_cmpuint (solved->hard, ==, 0);
  for (guint i = 0; i < solved->assignments->len; i++)
    g_assert_true (g_array_index (solved->assignments, CrnAssignment, i).assigned);
}

static void
test_h1_room_clash (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 50);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  fixture_session (ev, "atelier-2", 60, 10, "grivel");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "atelier-2", 1, "salle-1", "2030-03-04 09:00");
  check_rule (tt, "H1", "room salle-1 holds atelier-1 and atelier-2 at 2030-03-04 09:00");
}

static void
test_h2_person_clash (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 50);
  fixture_room (ev, "salle-2", 50);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  fixture_session (ev, "table-ronde", 60, 10, "caron");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 10:00");
  fixture_place (tt, "table-ronde", 1, "salle-2", "2030-03-04 10:00");
  check_rule (tt, "H2", "speaker caron is in atelier-1 and table-ronde at 2030-03-04 10:00");
}

static void
test_h2_travel (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  ev->travel_minutes = 30;
  crn_room_set_site (fixture_room (ev, "nord-1", 50), "nord");
  crn_room_set_site (fixture_room (ev, "sud-1", 50), "sud");
  CrnSession *a = fixture_session (ev, "atelier-1", 60, 10, "caron");
  CrnSession *b = fixture_session (ev, "atelier-2", 60, 10, "caron");
  a->room = crn_event_lookup_room (ev, "nord-1");
  b->room = crn_event_lookup_room (ev, "sud-1");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "nord-1", "2030-03-04 09:00");
  fixture_place (tt, "atelier-2", 1, "sud-1", "2030-03-04 10:00");
  check_rule (tt, "H2", "less than the 30 minutes of travel");
}

static void
test_h3_availability (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 50);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  crn_person_add_unavailable (fixture_person (ev, "caron"), fixture_time ("2030-03-04 09:00"),
                              fixture_time ("2030-03-04 11:00"), "speakers/caron.ics");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 10:00");
  check_rule (tt, "H3", "speaker caron is unavailable for atelier-1");
  g_autoptr (CrnTimetable) solved = fixture_solve (ev, 1000, 1);
  g_assert_cmpint (g_array_index (solved->assignments, CrnAssignment, 0).start, ==,
                   fixture_time ("2030-03-04 11:00"));
}

static void
test_h3_break (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  ev->granularity = 30;
  crn_event_add_break (ev, "pause", fixture_time ("2030-03-04 11:00"),
                       fixture_time ("2030-03-04 11:30"));
  fixture_room (ev, "salle-1", 50);
  fixture_session (ev, "atelier-1", 90, 10, "caron");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 10:00");
  check_rule (tt, "H3", "atelier-1 at 2030-03-04 10:00 is not inside an open window");
}

static void
test_h4_room_fit (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "petite", 10);
  crn_room_add_tag (fixture_room (ev, "grande", 100), "video");
  CrnSession *s = fixture_session (ev, "pleniere", 60, 80, "caron");
  g_ptr_array_add (s->room_tags, g_strdup ("video"));
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "pleniere", 1, "petite", "2030-03-04 09:00");
  check_rule (tt, "H4", "room petite is too small for pleniere (10 < 80)");
  g_assert_cmpuint (fixture_count (tt, "H4"), ==, 2); /* and the missing tag */
}

static void
test_h5_fixed_and_pins (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (2);
  fixture_room (ev, "salle-1", 50);
  fixture_room (ev, "salle-2", 50);
  CrnSession *a = fixture_session (ev, "ouverture", 60, 10, "caron");
  a->has_start = TRUE;
  a->start = fixture_time ("2030-03-05 10:00");
  a->room = crn_event_lookup_room (ev, "salle-2");
  CrnSession *b = fixture_session (ev, "atelier-1", 60, 10, "grivel");
  CrnTime day2 = fixture_time ("2030-03-05 00:00");
  g_array_append_val (b->days, day2);
  int at_11 = 11 * 60;
  g_array_append_val (b->starts, at_11);
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "ouverture", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 10:00");
  check_rule (tt, "H5", "ouverture starts at 2030-03-04 09:00, not at its fixed start");
  g_assert_cmpuint (fixture_count (tt, "H5"), ==, 4);

  /* a pin holds, and is reported when broken */
  fixture_session (ev, "atelier-2", 60, 10, "fournier");
  CrnPin pin = { crn_event_lookup_session (ev, "atelier-2"), 1,
                 crn_event_lookup_room (ev, "salle-1"), fixture_time ("2030-03-04 11:00") };
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.iteration_limit = 5000;
  opts.pins = &pin;
  opts.n_pins = 1;
  g_autoptr (CrnTimetable) solved = crn_solve (ev, &opts, NULL);
  g_assert_cmpuint (solved->hard, ==, 0);
  CrnAssignment *pa = crn_timetable_lookup (solved, "atelier-2", 1);
  g_assert_true (pa->room == pin.room && pa->start == pin.start);
  pa->start = fixture_time ("2030-03-04 09:00");
  crn_evaluate (solved, &opts);
  g_assert_cmpuint (fixture_count (solved, "H5"), ==, 1);
}

static void
test_h6_after (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 50);
  fixture_room (ev, "salle-2", 50);
  CrnSession *a = fixture_session (ev, "ouverture", 60, 10, "caron");
  CrnSession *b = fixture_session (ev, "synthese", 60, 10, "grivel");
  g_ptr_array_add (a->after, b); /* the opening must follow the synthesis: odd, but testable */
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "ouverture", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "synthese", 1, "salle-2", "2030-03-04 09:00");
  check_rule (tt, "H6", "ouverture starts at 2030-03-04 09:00, before synthese ends at 2030-03-04 10:00");
}

static void
test_h7_exclusive (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "amphi", 100);
  fixture_room (ev, "salle-1", 50);
  CrnSession *p = fixture_session (ev, "pleniere", 60, 80, "caron");
  p->exclusive = TRUE;
  fixture_session (ev, "atelier-1", 60, 20, "grivel");
  fixture_session (ev, "atelier-2", 60, 20, "fournier");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "pleniere", 1, "amphi", "2030-03-04 10:00");
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 10:00");
  fixture_place (tt, "atelier-2", 1, "salle-1", "2030-03-04 11:00");
  check_rule (tt, "H7", "pleniere is exclusive but atelier-1 runs at the same time");
}

static void
test_h8_block (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 50);
  fixture_room (ev, "salle-2", 50);
  fixture_room (ev, "salle-3", 50);
  const char *ids[] = { "atelier-1", "atelier-2", "atelier-3" };
  const char *who[] = { "caron", "grivel", "fournier" };
  for (int i = 0; i < 3; i++)
    fixture_session (ev, ids[i], 60, 10, who[i])->block = g_strdup ("ateliers-am");
  /* the third speaker is only there at 11:00: the block must follow */
  crn_person_add_unavailable (fixture_person (ev, "fournier"), fixture_time ("2030-03-04 09:00"),
                              fixture_time ("2030-03-04 11:00"), NULL);
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "atelier-2", 1, "salle-2", "2030-03-04 09:00");
  fixture_place (tt, "atelier-3", 1, "salle-3", "2030-03-04 11:00");
  check_rule (tt, "H8", "atelier-3 starts at 2030-03-04 11:00, not with its block ateliers-am");
}

static void
test_h9_audience (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (2);
  fixture_room (ev, "salle-1", 50);
  fixture_room (ev, "salle-2", 50);
  CrnSession *a = fixture_session (ev, "cours-1", 60, 10, "caron");
  CrnSession *b = fixture_session (ev, "cours-2", 60, 10, "grivel");
  g_ptr_array_add (a->audiences, g_strdup ("elus"));
  g_ptr_array_add (b->audiences, g_strdup ("elus"));
  CrnSession *c = fixture_session (ev, "cours-3", 60, 10, "fournier");
  c->count = 2;
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "cours-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "cours-2", 1, "salle-2", "2030-03-04 09:00");
  fixture_place (tt, "cours-3", 1, "salle-1", "2030-03-05 09:00");
  fixture_place (tt, "cours-3", 2, "salle-2", "2030-03-05 09:00");
  check_rule (tt, "H9", "audience elus is in cours-1 and cours-2 at 2030-03-04 09:00");
  g_assert_cmpuint (fixture_count (tt, "H9"), ==, 2);
  g_assert_cmpuint (fixture_count (tt, "H2"), ==, 1); /* fournier gives both */
}

static void
test_unassigned (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 50);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (tt->hard, ==, 1);
  g_assert_cmpuint (fixture_count (tt, "H3"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/solver/hard/h1-room-clash", test_h1_room_clash);
  g_test_add_func ("/solver/hard/h2-person-clash", test_h2_person_clash);
  g_test_add_func ("/solver/hard/h2-travel", test_h2_travel);
  g_test_add_func ("/solver/hard/h3-availability", test_h3_availability);
  g_test_add_func ("/solver/hard/h3-break", test_h3_break);
  g_test_add_func ("/solver/hard/h4-room-fit", test_h4_room_fit);
  g_test_add_func ("/solver/hard/h5-fixed-and-pins", test_h5_fixed_and_pins);
  g_test_add_func ("/solver/hard/h6-after", test_h6_after);
  g_test_add_func ("/solver/hard/h7-exclusive", test_h7_exclusive);
  g_test_add_func ("/solver/hard/h8-block", test_h8_block);
  g_test_add_func ("/solver/hard/h9-audience", test_h9_audience);
  g_test_add_func ("/solver/hard/unassigned", test_unassigned);
  return g_test_run ();
}
