/* Tests of the pre-solve check: each impossibility found, with its rule and
 * in the event's own names; a feasible event gives nothing. */
#include "config.h"

#include "solver/check.h"

#include <string.h>

static CrnTime
t (const char *text)
{
  CrnTime v = 0;
  g_assert_true (crn_time_parse (text, &v));
  return v;
}

static CrnTime
d (const char *text)
{
  CrnTime v = 0;
  g_assert_true (crn_time_parse_date (text, &v));
  return v;
}

/* Two study days, 26 Nov 09:00–17:00 with lunch 12:30–13:45 and 27 Nov
 * 09:00–12:00; three rooms; two speakers; a welcome plenary and two
 * workshops that fit. */
static CrnEvent *
base_event (void)
{
  CrnEvent *ev = crn_event_new ("journees");
  ev->granularity = 15;
  CrnDay *d1 = crn_event_add_day (ev, d ("2018-11-26"));
  crn_interval_set_add (d1->open, t ("2018-11-26 09:00"), t ("2018-11-26 17:00"));
  CrnDay *d2 = crn_event_add_day (ev, d ("2018-11-27"));
  crn_interval_set_add (d2->open, t ("2018-11-27 09:00"), t ("2018-11-27 12:00"));
  CrnBreak *b = crn_event_add_break (ev, "dejeuner-1", t ("2018-11-26 12:30"),
                                     t ("2018-11-26 13:45"));
  b->title = g_strdup ("Déjeuner");

  CrnRoom *amphi = crn_event_add_room (ev, "amphi", NULL);
  crn_room_set_capacity (amphi, 200);
  crn_room_add_tag (amphi, "plenary");
  CrnRoom *s2 = crn_event_add_room (ev, "salle-2", NULL);
  crn_room_set_capacity (s2, 60);
  crn_room_add_tag (s2, "workshop");
  CrnRoom *s3 = crn_event_add_room (ev, "salle-3", NULL);
  crn_room_set_capacity (s3, 40);
  crn_room_add_tag (s3, "workshop");

  CrnPerson *caron = crn_event_add_person (ev, "caron", NULL);
  crn_person_add_unavailable (caron, t ("2018-11-26 09:00"), t ("2018-11-26 14:00"),
                              "speakers/caron.ics");
  crn_event_add_person (ev, "fournier", NULL);

  CrnSession *ouv = crn_event_add_session (ev, "ouverture", NULL);
  ouv->kind = CRN_KIND_PLENARY;
  ouv->duration = 60;
  ouv->attendance = 150;
  ouv->exclusive = TRUE;
  g_ptr_array_add (ouv->room_tags, g_strdup ("plenary"));

  CrnSession *a1 = crn_event_add_session (ev, "atelier-1", NULL);
  a1->kind = CRN_KIND_WORKSHOP;
  a1->duration = 90;
  a1->attendance = 40;
  g_ptr_array_add (a1->room_tags, g_strdup ("workshop"));
  g_ptr_array_add (a1->speakers, caron);

  CrnSession *a2 = crn_event_add_session (ev, "atelier-2", NULL);
  a2->kind = CRN_KIND_WORKSHOP;
  a2->duration = 90;
  a2->attendance = 30;
  g_ptr_array_add (a2->room_tags, g_strdup ("workshop"));
  g_ptr_array_add (a2->speakers, crn_event_lookup_person (ev, "fournier"));
  return ev;
}

static CrnSession *
session (CrnEvent *ev, const char *id)
{
  CrnSession *s = crn_event_lookup_session (ev, id);
  g_assert_nonnull (s);
  return s;
}

/* The one finding of @rule whose message holds every fragment. */
static const CrnViolation *
expect_finding (GPtrArray *found, const char *rule, const char *const *fragments)
{
  for (guint i = 0; i < found->len; i++) {
    const CrnViolation *v = g_ptr_array_index (found, i);
    gboolean all = g_str_equal (v->rule, rule);
    for (guint k = 0; all && fragments[k]; k++)
      all = strstr (v->message, fragments[k]) != NULL;
    if (all) {
      g_assert_cmpint (v->severity, ==, CRN_VIOLATION_HARD);
      return v;
    }
  }
  g_auto (GStrv) lines = crn_check_format (found);
  g_autofree char *all = g_strjoinv ("\n  ", lines);
  g_error ("no %s finding with \"%s\"...; found:\n  %s", rule, fragments[0], all);
  return NULL;
}

static void
test_feasible (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  if (found->len) {
    g_auto (GStrv) lines = crn_check_format (found);
    g_error ("unexpected: %s", lines[0]);
  }
}

static void
test_no_start (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  /* caron is busy until 14:00 on the 26th and the whole 27th; no window
   * holds 3 h 15 after 14:00 on the 26th, nor on the 27th. */
  CrnPerson *caron = crn_event_lookup_person (ev, "caron");
  crn_person_add_unavailable (caron, t ("2018-11-27 00:00"), t ("2018-11-28 00:00"),
                              "speakers.conf");
  session (ev, "atelier-1")->duration = 195;
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "session atelier-1 has no possible start",
                          "speaker caron busy 26 Nov 09:00–14:00 (speakers/caron.ics)",
                          "runs past the end of its window (24 starts",
                          "would cross break dejeuner-1 (Déjeuner, 26 Nov 12:30–13:45) (12 starts)",
                          NULL };
  const CrnViolation *v = expect_finding (found, "H3", frags);
  g_assert_cmpstr (v->sessions[0], ==, "atelier-1");
  g_assert_null (v->sessions[1]);
  /* And caron has 195 minutes to give but only 180 free. */
  const char *frags2[] = { "person caron is booked for 195 minutes (atelier-1)",
                           "available for only 180 minutes",
                           "busy time from speakers/caron.ics, speakers.conf", NULL };
  expect_finding (found, "H2", frags2);
}

static void
test_break_and_days (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  CrnSession *a2 = session (ev, "atelier-2");
  /* Allowed only on the 26th at 12:00, which would cross lunch. */
  CrnTime day = d ("2018-11-26");
  g_array_append_val (a2->days, day);
  int noon = 12 * 60;
  g_array_append_val (a2->starts, noon);
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "session atelier-2 has no possible start", "Days=26 Nov",
                          "Starts=12:00", NULL };
  expect_finding (found, "H5", frags);
  g_ptr_array_set_size (found, 0);

  /* A fixed start across the break is named as such. */
  g_array_set_size (a2->days, 0);
  g_array_set_size (a2->starts, 0);
  a2->has_start = TRUE;
  a2->start = t ("2018-11-26 12:00");
  g_autoptr (GPtrArray) found2 = crn_check_event (ev, NULL);
  const char *frags2[] = { "would cross break dejeuner-1 (Déjeuner, 26 Nov 12:30–13:45)", NULL };
  expect_finding (found2, "H3", frags2);
}

static void
test_no_room (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  session (ev, "atelier-2")->attendance = 80;
  g_ptr_array_add (session (ev, "atelier-2")->room_tags, g_strdup ("video"));
  session (ev, "atelier-1")->attendance = 70;
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "session atelier-1 fits no room", "room salle-2 too small (60 < 70)",
                          "room salle-3 too small (40 < 70)", "room amphi lacks tag workshop",
                          NULL };
  expect_finding (found, "H4", frags);
  const char *frags2[] = { "session atelier-2 fits no room", "lacks tag", NULL };
  expect_finding (found, "H4", frags2);

  /* A fixed room that is never available when the session could start. */
  g_autoptr (CrnEvent) ev2 = base_event ();
  CrnRoom *s3 = crn_event_lookup_room (ev2, "salle-3");
  crn_room_add_unavailable (s3, t ("2018-11-26 00:00"), t ("2018-11-28 00:00"), "rooms.conf");
  session (ev2, "atelier-2")->room = s3;
  g_autoptr (GPtrArray) found2 = crn_check_event (ev2, NULL);
  const char *frags3[] = { "session atelier-2 has no start at which a suitable room is available",
                           "room salle-3 unavailable 26 Nov–27 Nov (rooms.conf)", NULL };
  expect_finding (found2, "H3", frags3);
}

static void
test_overbooked_person (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  /* caron is free 14:00–17:00 and 09:00–12:00: 360 minutes; give 4 × 90. */
  CrnPerson *caron = crn_event_lookup_person (ev, "caron");
  for (int i = 3; i <= 5; i++) {
    g_autofree char *id = g_strdup_printf ("atelier-%d", i);
    CrnSession *s = crn_event_add_session (ev, id, NULL);
    s->duration = 90;
    g_ptr_array_add (s->speakers, caron);
  }
  g_autoptr (GPtrArray) ok = crn_check_event (ev, NULL);
  g_assert_cmpuint (ok->len, ==, 0);

  session (ev, "atelier-5")->duration = 105;
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "person caron is booked for 375 minutes",
                          "atelier-1, atelier-3, atelier-4, atelier-5",
                          "available for only 360 minutes", "speakers/caron.ics", NULL };
  const CrnViolation *v = expect_finding (found, "H2", frags);
  g_assert_cmpstr (v->resources[0], ==, "caron");
}

static void
test_exclusive_and_audience (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  /* Open time: 210 + 195 + 180 = 585 minutes. */
  CrnSession *ouv = session (ev, "ouverture");
  ouv->duration = 300;
  CrnSession *clo = crn_event_add_session (ev, "cloture", NULL);
  clo->kind = CRN_KIND_PLENARY;
  clo->duration = 300;
  clo->exclusive = TRUE;
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "exclusive sessions last 600 minutes in all (ouverture, cloture)",
                          "open for only 585 minutes", NULL };
  expect_finding (found, "H7", frags);

  g_autoptr (CrnEvent) ev2 = base_event ();
  for (int i = 1; i <= 2; i++) {
    g_autofree char *id = g_strdup_printf ("atelier-%d", i);
    CrnSession *s = session (ev2, id);
    s->duration = 300;
    g_ptr_array_add (s->audiences, g_strdup ("elus"));
  }
  g_autoptr (GPtrArray) found2 = crn_check_event (ev2, NULL);
  const char *frags2[] = { "audience elus has 600 minutes of sessions", NULL };
  expect_finding (found2, "H9", frags2);
}

static void
test_block (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  /* Three workshops in one round, two workshop rooms. */
  CrnSession *a3 = crn_event_add_session (ev, "atelier-3", NULL);
  a3->duration = 90;
  g_ptr_array_add (a3->room_tags, g_strdup ("workshop"));
  for (int i = 1; i <= 3; i++) {
    g_autofree char *id = g_strdup_printf ("atelier-%d", i);
    session (ev, id)->block = g_strdup ("ateliers-26-pm");
  }
  g_ptr_array_add (a3->speakers, crn_event_lookup_person (ev, "fournier"));
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "block ateliers-26-pm has 3 sessions starting together but only 2",
                          "salle-2, salle-3", NULL };
  const CrnViolation *v = expect_finding (found, "H8", frags);
  g_assert_cmpstr (v->resources[0], ==, "ateliers-26-pm");
  const char *frags2[] = { "sessions atelier-2 and atelier-3 start together",
                           "both have speaker fournier", NULL };
  expect_finding (found, "H2", frags2);
}

static void
test_count_and_after (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  /* Only the 27th 09:00–12:00 is allowed: two 90-minute occurrences fit,
   * three do not. */
  CrnSession *a2 = session (ev, "atelier-2");
  CrnTime day = d ("2018-11-27");
  g_array_append_val (a2->days, day);
  a2->count = 2;
  g_autoptr (GPtrArray) ok = crn_check_event (ev, NULL);
  g_assert_cmpuint (ok->len, ==, 0);
  a2->count = 3;
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "session atelier-2 has Count=3 but only 2", NULL };
  expect_finding (found, "H9", frags);

  /* After= cycle, and an order the days cannot keep. */
  g_autoptr (CrnEvent) ev2 = base_event ();
  CrnSession *o = session (ev2, "ouverture");
  CrnSession *a1 = session (ev2, "atelier-1");
  g_ptr_array_add (a1->after, o);
  g_ptr_array_add (o->after, a1);
  g_autoptr (GPtrArray) found2 = crn_check_event (ev2, NULL);
  const char *frags2[] = { "After= forms a cycle", "ouverture", "atelier-1", NULL };
  expect_finding (found2, "H6", frags2);

  g_autoptr (CrnEvent) ev3 = base_event ();
  CrnSession *x = session (ev3, "atelier-2");
  CrnTime first = d ("2018-11-26");
  g_array_append_val (x->days, first);
  CrnSession *o3 = session (ev3, "ouverture");
  CrnTime second = d ("2018-11-27");
  g_array_append_val (o3->days, second);
  g_ptr_array_add (x->after, o3);
  g_autoptr (GPtrArray) found3 = crn_check_event (ev3, NULL);
  const char *frags3[] = { "session atelier-2 must start after ouverture ends",
                           "2018-11-27 10:00 at the earliest", NULL };
  expect_finding (found3, "H6", frags3);
}

static void
test_pin (void)
{
  g_autoptr (CrnEvent) ev = base_event ();
  CrnPin pin = { session (ev, "atelier-1"), 1, crn_event_lookup_room (ev, "salle-3"),
                 t ("2018-11-26 10:00") };
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.pins = &pin;
  opts.n_pins = 1;
  g_autoptr (GPtrArray) found = crn_check_event (ev, &opts);
  const char *frags[] = { "the pin of session atelier-1 (occurrence 1) at 2018-11-26 10:00 in "
                          "salle-3 cannot hold: speaker caron busy", NULL };
  expect_finding (found, "H3", frags);
}

static void
test_block_rooms_at_starts (void)
{
  /* A round of two workshops on the 27th (seven possible starts, 09:00 to
   * 10:30); each fits salle-2 or salle-3 alone, but salle-3 is closed, so
   * the round needs a start after it reopens. */
  for (int closed_until = 10; closed_until <= 12; closed_until += 2) {
    g_autoptr (CrnEvent) ev = base_event ();
    CrnTime day = d ("2018-11-27");
    for (int i = 1; i <= 2; i++) {
      g_autofree char *id = g_strdup_printf ("atelier-%d", i);
      CrnSession *s = session (ev, id);
      s->block = g_strdup ("ateliers-27");
      g_array_append_val (s->days, day);
    }
    g_autofree char *until = g_strdup_printf ("2018-11-27 %d:00", closed_until);
    crn_room_add_unavailable (crn_event_lookup_room (ev, "salle-3"), t ("2018-11-27 09:00"),
                              t (until), "rooms.conf");
    g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
    if (closed_until == 10) {
      g_assert_cmpuint (found->len, ==, 0); /* 10:00 to 10:30 leave both rooms free */
      continue;
    }
    const char *frags[] = { "block ateliers-27 has 2 sessions starting together but none of its "
                            "7 possible starts has a free suitable room for each (at best 1 of "
                            "them, at 2018-11-27 09:00: room salle-3 unavailable 27 Nov "
                            "09:00–12:00 (rooms.conf))", NULL };
    const CrnViolation *v = expect_finding (found, "H8", frags);
    g_assert_cmpstr (v->resources[0], ==, "ateliers-27");
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
test_forced_overlap (void)
{
  /* Two workshops fixed at 26 Nov 14:00; salle-3 is closed until 15:00. */
  g_autoptr (CrnEvent) ev = base_event ();
  for (int i = 1; i <= 2; i++) {
    g_autofree char *id = g_strdup_printf ("atelier-%d", i);
    CrnSession *s = session (ev, id);
    s->has_start = TRUE;
    s->start = t ("2018-11-26 14:00");
  }
  g_autoptr (GPtrArray) ok = crn_check_event (ev, NULL);
  g_assert_cmpuint (ok->len, ==, 0);

  CrnRoom *s3 = crn_event_lookup_room (ev, "salle-3");
  crn_room_add_unavailable (s3, t ("2018-11-26 13:45"), t ("2018-11-26 15:00"), "rooms.conf");
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "2 sessions are running at 2018-11-26 14:00 whatever their start "
                          "(atelier-1, atelier-2) but only 1 of them can have a suitable room "
                          "free then: room salle-3 unavailable 26 Nov 13:45–15:00 (rooms.conf)",
                          NULL };
  const CrnViolation *v = expect_finding (found, "H1", frags);
  g_assert_cmpstr (v->sessions[0], ==, "atelier-1");
  g_assert_cmpstr (v->sessions[1], ==, "atelier-2");
  g_assert_cmpuint (found->len, ==, 1); /* once, not at every step it lasts */

  /* One of them free to move: nothing is certain any more. */
  CrnSession *a2 = session (ev, "atelier-2");
  a2->has_start = FALSE;
  g_autoptr (GPtrArray) found2 = crn_check_event (ev, NULL);
  g_assert_cmpuint (found2->len, ==, 0);
}

static void
test_blocks_together (void)
{
  /* Two rounds of two workshops, each at 09:00 or 14:00 on the 26th. Caron
   * is busy in the morning, so round A runs at 14:00; salle-3 and salle-4
   * are closed in the morning, so round B runs at 14:00 too, and four
   * workshops meet three workshop rooms. */
  g_autoptr (CrnEvent) ev = base_event ();
  CrnRoom *s4 = crn_event_add_room (ev, "salle-4", NULL);
  crn_room_set_capacity (s4, 40);
  crn_room_add_tag (s4, "workshop");
  for (int i = 3; i <= 4; i++) {
    g_autofree char *id = g_strdup_printf ("atelier-%d", i);
    CrnSession *s = crn_event_add_session (ev, id, NULL);
    s->duration = 90;
    s->attendance = 20;
    g_ptr_array_add (s->room_tags, g_strdup ("workshop"));
  }
  CrnTime day = d ("2018-11-26");
  for (int i = 1; i <= 4; i++) {
    g_autofree char *id = g_strdup_printf ("atelier-%d", i);
    CrnSession *s = session (ev, id);
    s->block = g_strdup (i <= 2 ? "round-a" : "round-b");
    g_array_append_val (s->days, day);
    int starts[] = { 9 * 60, 14 * 60 };
    g_array_append_vals (s->starts, starts, 2);
  }
  g_autoptr (GPtrArray) ok = crn_check_event (ev, NULL);
  g_assert_cmpuint (ok->len, ==, 0); /* round B can still take the morning */

  crn_room_add_unavailable (crn_event_lookup_room (ev, "salle-3"), t ("2018-11-26 09:00"),
                            t ("2018-11-26 12:30"), "rooms.conf");
  crn_room_add_unavailable (s4, t ("2018-11-26 09:00"), t ("2018-11-26 12:30"), "rooms.conf");
  g_autoptr (GPtrArray) found = crn_check_event (ev, NULL);
  const char *frags[] = { "blocks round-a and round-b can each start only at 2018-11-26 14:00 "
                          "with a free suitable room for each of their sessions (elsewhere: "
                          "room salle-3 unavailable 26 Nov 09:00–12:30 (rooms.conf); room "
                          "salle-4 unavailable 26 Nov 09:00–12:30 (rooms.conf)), but there "
                          "their 4 sessions need that many rooms at once and only 3 can have "
                          "one", NULL };
  const CrnViolation *v = expect_finding (found, "H1", frags);
  g_assert_cmpstr (v->resources[0], ==, "round-a");
  g_assert_cmpstr (v->resources[1], ==, "round-b");
  g_assert_cmpuint (g_strv_length (v->sessions), ==, 4);
  g_assert_cmpuint (found->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/check/feasible", test_feasible);
  g_test_add_func ("/check/no-start", test_no_start);
  g_test_add_func ("/check/break-and-days", test_break_and_days);
  g_test_add_func ("/check/no-room", test_no_room);
  g_test_add_func ("/check/overbooked-person", test_overbooked_person);
  g_test_add_func ("/check/exclusive-and-audience", test_exclusive_and_audience);
  g_test_add_func ("/check/block", test_block);
  g_test_add_func ("/check/count-and-after", test_count_and_after);
  g_test_add_func ("/check/pin", test_pin);
  g_test_add_func ("/check/block-rooms-at-starts", test_block_rooms_at_starts);
  g_test_add_func ("/check/forced-overlap", test_forced_overlap);
  g_test_add_func ("/check/blocks-together", test_blocks_together);
  return g_test_run ();
}
