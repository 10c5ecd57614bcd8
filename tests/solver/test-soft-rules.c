/* creneau — soft rules S1–S8 with costs computed by hand, and the search's
 * incremental cost against crn_evaluate(). */
#include "fixture.h"

#include "solver/search.h"

static void
test_s1_capacity (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  ev->weights[CRN_S1_CAPACITY_OVERFLOW] = 1;
  fixture_room (ev, "salle-1", 30);
  fixture_session (ev, "atelier-1", 60, 40, "caron");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (tt->hard, ==, 0);
  g_assert_cmpuint (fixture_cost (tt, "S1"), ==, 10);   /* 40 - 30 attendees, weight 1 */
  g_assert_cmpuint (tt->soft, ==, 10);
  ev->weights[CRN_S1_CAPACITY_OVERFLOW] = 3;
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (tt->soft, ==, 30);
}

static void
test_s2_spread (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (3);
  fixture_room (ev, "salle-1", 30);
  CrnSession *s = fixture_session (ev, "cours", 60, 10, "caron");
  s->count = 3;
  s->min_days = 3;
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "cours", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "cours", 2, "salle-1", "2030-03-04 10:00");
  fixture_place (tt, "cours", 3, "salle-1", "2030-03-04 11:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_cost (tt, "S2"), ==, 2 * 5); /* two days missing, weight 5 */
  fixture_place (tt, "cours", 3, "salle-1", "2030-03-05 11:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_cost (tt, "S2"), ==, 5);
  g_autoptr (CrnTimetable) solved = fixture_solve (ev, 20000, 2);
  g_assert_cmpuint (solved->hard, ==, 0);
  g_assert_cmpuint (fixture_cost (solved, "S2"), ==, 0);
}

static void
test_s3_compactness (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  ev->days = ev->days; /* 09:00-12:00: three steps */
  fixture_room (ev, "salle-1", 30);
  fixture_room (ev, "salle-2", 30);
  const char *ids[] = { "cours-1", "cours-2", "cours-3" };
  const char *who[] = { "caron", "grivel", "fournier" };
  for (int i = 0; i < 3; i++)
    g_ptr_array_add (fixture_session (ev, ids[i], 60, 10, who[i])->audiences, g_strdup ("elus"));
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "cours-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "cours-2", 1, "salle-2", "2030-03-04 11:00");
  fixture_place (tt, "cours-3", 1, "salle-1", "2030-03-04 11:00");
  crn_evaluate (tt, NULL);
  /* cours-1 alone at 09:00; cours-2/cours-3 clash (H9) and have nothing
   * just before (10:00 empty) or after (end of day): three isolated */
  g_assert_cmpuint (fixture_cost (tt, "S3"), ==, 3 * 2);
  fixture_place (tt, "cours-3", 1, "salle-1", "2030-03-04 10:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (tt->hard, ==, 0);
  g_assert_cmpuint (fixture_cost (tt, "S3"), ==, 0);
  fixture_place (tt, "cours-2", 1, "salle-2", "2030-03-04 09:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_count (tt, "H9"), ==, 1);
}

static void
test_s4_room_stability (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (2);
  fixture_room (ev, "salle-1", 30);
  fixture_room (ev, "salle-2", 30);
  fixture_room (ev, "salle-3", 30);
  CrnSession *s = fixture_session (ev, "cours", 60, 10, "caron");
  s->count = 2;
  fixture_session (ev, "talk-1", 60, 10, "grivel")->track = g_strdup ("energie");
  fixture_session (ev, "talk-2", 60, 10, "fournier")->track = g_strdup ("energie");
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "cours", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "cours", 2, "salle-2", "2030-03-05 09:00");
  fixture_place (tt, "talk-1", 1, "salle-1", "2030-03-04 10:00");
  fixture_place (tt, "talk-2", 1, "salle-3", "2030-03-04 11:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_count (tt, "S4"), ==, 2);
  g_assert_cmpuint (tt->soft, ==, 1 + 1);
  g_autoptr (CrnTimetable) solved = fixture_solve (ev, 20000, 3);
  g_assert_cmpuint (solved->soft, ==, 0);
}

static void
test_s5_attendees (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 30);
  fixture_room (ev, "salle-2", 30);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  fixture_session (ev, "atelier-2", 60, 10, "grivel");
  const char *who[] = { "alice", "alice", "bob", "bob" };
  const char *what[] = { "atelier-1", "atelier-2", "atelier-1", "atelier-2" };
  for (int i = 0; i < 4; i++) {
    CrnRegistration r = { g_strdup (who[i]), crn_event_lookup_session (ev, what[i]) };
    g_array_append_val (ev->registrations, r);
  }
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "atelier-2", 1, "salle-2", "2030-03-04 09:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_cost (tt, "S5"), ==, 2 * 10); /* two participants, weight 10 */
  g_autoptr (CrnTimetable) solved = fixture_solve (ev, 5000, 1);
  g_assert_cmpuint (solved->soft, ==, 0);
}

static void
test_s6_stability (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 30);
  fixture_room (ev, "salle-2", 30);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  fixture_session (ev, "atelier-2", 60, 10, "grivel");
  g_autoptr (CrnTimetable) prev = crn_timetable_new (ev);
  fixture_place (prev, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (prev, "atelier-2", 1, "salle-2", "2030-03-04 09:00");
  g_autoptr (CrnTimetable) tt = crn_timetable_copy (prev);
  fixture_place (tt, "atelier-2", 1, "salle-2", "2030-03-04 10:00");
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.previous = prev;
  crn_evaluate (tt, &opts);
  g_assert_cmpuint (fixture_cost (tt, "S6"), ==, 20);
  fixture_place (tt, "atelier-1", 1, "salle-2", "2030-03-04 09:00");
  crn_evaluate (tt, &opts);
  g_assert_cmpuint (fixture_cost (tt, "S6"), ==, 40);
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (tt->soft, ==, 0);
}

static void
test_s7_preference (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "salle-1", 30);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  crn_person_add_preferred (fixture_person (ev, "caron"), fixture_time ("2030-03-04 11:00"),
                            fixture_time ("2030-03-04 12:00"));
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_cost (tt, "S7"), ==, 1);
  g_autoptr (CrnTimetable) solved = fixture_solve (ev, 2000, 1);
  g_assert_cmpuint (solved->soft, ==, 0);
  g_assert_cmpint (g_array_index (solved->assignments, CrnAssignment, 0).start, ==,
                   fixture_time ("2030-03-04 11:00"));
}

static void
test_s8_max_per_day (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (2);
  fixture_room (ev, "salle-1", 30);
  fixture_session (ev, "atelier-1", 60, 10, "caron");
  fixture_session (ev, "atelier-2", 60, 10, "caron");
  fixture_session (ev, "atelier-3", 60, 10, "caron");
  crn_person_set_max_per_day (fixture_person (ev, "caron"), 1);
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  fixture_place (tt, "atelier-1", 1, "salle-1", "2030-03-04 09:00");
  fixture_place (tt, "atelier-2", 1, "salle-1", "2030-03-04 10:00");
  fixture_place (tt, "atelier-3", 1, "salle-1", "2030-03-04 11:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (fixture_cost (tt, "S8"), ==, 2 * 10);
  g_autoptr (CrnTimetable) solved = fixture_solve (ev, 20000, 1);
  g_assert_cmpuint (solved->hard, ==, 0);
  g_assert_cmpuint (fixture_cost (solved, "S8"), ==, 10); /* three sessions, two days */
}

/* A random event with every soft rule in play: the search's running soft
 * cost must equal crn_evaluate() after any sequence of moves. */
static void
test_incremental_matches_evaluate (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (3);
  ev->granularity = 30;
  ev->weights[CRN_S1_CAPACITY_OVERFLOW] = 1;
  GRand *rand = g_rand_new_with_seed (7);
  for (int r = 0; r < 4; r++) {
    g_autofree char *id = g_strdup_printf ("salle-%d", r);
    fixture_room (ev, id, 10 + 10 * r);
  }
  for (int i = 0; i < 24; i++) {
    g_autofree char *id = g_strdup_printf ("s-%d", i);
    g_autofree char *who = g_strdup_printf ("p-%d", i % 7);
    CrnSession *s = fixture_session (ev, id, 30 * (1 + i % 3), (guint) g_rand_int_range (rand, 5, 45), who);
    s->count = 1 + i % 2;
    s->min_days = s->count;
    /* audiences on one-step sessions: there the grid's "just before" and
     * the evaluation's agree even while sessions overlap */
    if (s->duration == 30) {
      g_autofree char *aud = g_strdup_printf ("a-%d", i % 2);
      g_ptr_array_add (s->audiences, g_strdup (aud));
    }
    if (i % 5 == 0)
      s->track = g_strdup ("t");
    if (i % 6 == 0) {
      CrnRegistration reg = { g_strdup ("alice"), s };
      g_array_append_val (ev->registrations, reg);
    }
  }
  crn_person_set_max_per_day (fixture_person (ev, "p-1"), 1);
  crn_person_add_preferred (fixture_person (ev, "p-2"), fixture_time ("2030-03-04 09:00"),
                            fixture_time ("2030-03-04 10:00"));
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  g_autoptr (CrnProblem) p = crn_problem_new (ev);
  CrnState *st = crn_state_new (p, &opts);
  crn_construct (st, rand, NULL, NULL, NULL);
  for (int round = 0; round < 20; round++) {
    g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
    crn_state_to_timetable (st, tt);
    crn_evaluate (tt, NULL);
    g_assert_cmpint (st->soft, ==, (gint64) tt->soft);
    g_assert_cmpint (st->hard == 0, ==, tt->hard == 0);
    for (int k = 0; k < 50; k++) {
      guint o = (guint) g_rand_int_range (rand, 0, (gint32) p->n_occ);
      const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
      crn_state_remove (st, o);
      crn_state_add (st, o, (gint) ps->starts[g_rand_int_range (rand, 0, (gint32) ps->n_starts)],
                     (gint) ps->rooms[g_rand_int_range (rand, 0, (gint32) ps->n_rooms)]);
    }
  }
  crn_state_free (st);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/solver/soft/s1-capacity", test_s1_capacity);
  g_test_add_func ("/solver/soft/s2-spread-days", test_s2_spread);
  g_test_add_func ("/solver/soft/s3-compactness", test_s3_compactness);
  g_test_add_func ("/solver/soft/s4-room-stability", test_s4_room_stability);
  g_test_add_func ("/solver/soft/s5-attendee-conflict", test_s5_attendees);
  g_test_add_func ("/solver/soft/s6-stability", test_s6_stability);
  g_test_add_func ("/solver/soft/s7-preference", test_s7_preference);
  g_test_add_func ("/solver/soft/s8-max-per-day", test_s8_max_per_day);
  g_test_add_func ("/solver/incremental-matches-evaluate", test_incremental_matches_evaluate);
  return g_test_run ();
}
