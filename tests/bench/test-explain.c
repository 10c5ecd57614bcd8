/* Tests of Explain(session): where it is, what it breaks, and what rules
 * out the other days, times and rooms, one line per day. */
#include "config.h"

#include "solver/explain.h"
#include "model/error.h"

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

static CrnSession *
workshop (CrnEvent *ev, const char *id, guint attendance, CrnPerson *speaker)
{
  CrnSession *s = crn_event_add_session (ev, id, NULL);
  s->kind = CRN_KIND_WORKSHOP;
  s->duration = 90;
  s->attendance = attendance;
  g_ptr_array_add (s->room_tags, g_strdup ("workshop"));
  g_ptr_array_add (s->speakers, speaker);
  return s;
}

/* 26 Nov 09:00–17:00 with lunch 12:30–13:45, 27 Nov 09:00–12:00; a welcome
 * plenary and three workshops. */
static CrnEvent *
make_event (void)
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
  CrnPerson *fournier = crn_event_add_person (ev, "fournier", NULL);

  CrnSession *ouv = crn_event_add_session (ev, "ouverture", NULL);
  ouv->kind = CRN_KIND_PLENARY;
  ouv->duration = 60;
  ouv->attendance = 150;
  ouv->exclusive = TRUE;
  g_ptr_array_add (ouv->room_tags, g_strdup ("plenary"));

  workshop (ev, "atelier-1", 40, caron);
  workshop (ev, "atelier-2", 50, fournier);
  workshop (ev, "atelier-3", 20, fournier);
  return ev;
}

static void
place (CrnTimetable *tt, const char *session, const char *room, const char *start)
{
  CrnAssignment *a = crn_timetable_lookup (tt, session, 1);
  g_assert_nonnull (a);
  a->room = crn_event_lookup_room (tt->event, room);
  g_assert_nonnull (a->room);
  a->start = t (start);
  a->assigned = TRUE;
}

static CrnTimetable *
make_timetable (const CrnEvent *ev)
{
  CrnTimetable *tt = crn_timetable_new (ev);
  place (tt, "ouverture", "amphi", "2018-11-26 09:00");
  place (tt, "atelier-1", "salle-3", "2018-11-26 14:00");
  place (tt, "atelier-2", "salle-2", "2018-11-26 14:00");
  place (tt, "atelier-3", "salle-2", "2018-11-27 09:00");
  crn_evaluate (tt, NULL);
  return tt;
}

/* The line starting with @prefix; fails listing every line otherwise. */
static const char *
line_with (char **lines, const char *prefix)
{
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return lines[i];
  g_autofree char *all = g_strjoinv ("\n  ", lines);
  g_error ("no line starting \"%s\" in:\n  %s", prefix, all);
  return NULL;
}

static void
show (char **lines)
{
  for (guint i = 0; lines[i]; i++)
    g_test_message ("%s", lines[i]);
}

static void
assert_contains (const char *line, const char *fragment)
{
  if (strstr (line, fragment) == NULL)
    g_error ("\"%s\" not in \"%s\"", fragment, line);
}

static void
test_placed (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  g_autoptr (CrnTimetable) tt = make_timetable (ev);
  g_assert_cmpuint (tt->hard, ==, 0);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = crn_explain (ev, tt, "atelier-2", &error);
  g_assert_no_error (error);
  show (lines);

  line_with (lines, "atelier-2 is on Mon 26 Nov 14:00–15:30 in salle-2.");
  line_with (lines, "It breaks no rule");
  const char *rooms = line_with (lines, "Rooms: ");
  assert_contains (rooms, "room amphi lacks tag workshop");
  assert_contains (rooms, "room salle-3 too small (40 < 50)");
  assert_contains (rooms, "suitable: salle-2");

  const char *mon = line_with (lines, "Mon 26 Nov — ");
  assert_contains (mon, "09:00–09:45: would overlap plenary ouverture (exclusive)");
  assert_contains (mon, "11:15–12:15: would cross break dejeuner-1 (Déjeuner, 26 Nov "
                        "12:30–13:45)");
  assert_contains (mon, "14:00: its current start");
  assert_contains (mon, "15:45–16:45: runs past the end of the window 26 Nov 13:45–17:00 (needs 90 min)");
  /* 14:00 in salle-3 is too small and salle-2 is its own: free starts
   * around it are possible, with a cost. */
  assert_contains (mon, "10:00–11:00: possible, same soft cost");

  const char *tue = line_with (lines, "Tue 27 Nov — ");
  assert_contains (tue, "09:00–10:15: speaker fournier is in atelier-3 then (27 Nov "
                        "09:00–10:30)");
  assert_contains (tue, "10:30: possible");
  assert_contains (tue, "10:45–11:45: runs past the end of the window");
  line_with (lines, "It is where it is because no other possible place is cheaper");

  /* One line per day, whatever the number of starts. */
  g_assert_cmpuint (g_strv_length (lines), <=, 8);
}

static void
test_speaker_busy_and_block (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  CrnSession *a1 = crn_event_lookup_session (ev, "atelier-1");
  CrnSession *a2 = crn_event_lookup_session (ev, "atelier-2");
  a1->block = g_strdup ("ateliers-26-pm");
  a2->block = g_strdup ("ateliers-26-pm");
  g_autoptr (CrnTimetable) tt = make_timetable (ev);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = crn_explain (ev, tt, "atelier-1", &error);
  g_assert_no_error (error);
  show (lines);
  const char *mon = line_with (lines, "Mon 26 Nov — ");
  assert_contains (mon, "09:00–11:00: speaker caron busy 26 Nov 09:00–14:00 "
                        "(speakers/caron.ics)");
  assert_contains (mon, "14:15–15:30: same block as atelier-2 (which starts Mon 26 Nov 14:00)");
  const char *tue = line_with (lines, "Tue 27 Nov — ");
  assert_contains (tue, "09:00–10:30: same block as atelier-2");
  line_with (lines, "No other start is possible");
}

static void
test_breaks_rule (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  g_autoptr (CrnTimetable) tt = make_timetable (ev);
  /* Move atelier-1 into its speaker's busy time. */
  place (tt, "atelier-1", "salle-3", "2018-11-26 10:00");
  crn_evaluate (tt, NULL);
  g_assert_cmpuint (tt->hard, >, 0);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = crn_explain (ev, tt, "atelier-1", &error);
  g_assert_no_error (error);
  line_with (lines, "atelier-1 is on Mon 26 Nov 10:00–11:30 in salle-3.");
  line_with (lines, "It breaks H");
  const char *mon = line_with (lines, "Mon 26 Nov — ");
  assert_contains (mon, "14:00–15:30: possible");
}

static void
test_unknown (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  g_autoptr (CrnTimetable) tt = make_timetable (ev);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = crn_explain (ev, tt, "atelier-9", &error);
  g_assert_null (lines);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "event journees has no session \"atelier-9\"");
}

/* Before any solve: every session unplaced, the alternatives still listed. */
static void
test_no_timetable (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lines =
    crn_explain_session (ev, NULL, crn_event_lookup_session (ev, "atelier-1"), &error);
  g_assert_no_error (error);
  g_ptr_array_add (lines, NULL);
  char **v = (char **) lines->pdata;
  line_with (v, "atelier-1 has no place in this timetable.");
  const char *mon = line_with (v, "Mon 26 Nov — ");
  assert_contains (mon, "09:00–11:00: speaker caron busy 26 Nov 09:00–14:00 (speakers/caron.ics)");
  assert_contains (mon, "14:00–15:30: possible");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/explain/placed", test_placed);
  g_test_add_func ("/explain/speaker-busy-and-block", test_speaker_busy_and_block);
  g_test_add_func ("/explain/breaks-rule", test_breaks_rule);
  g_test_add_func ("/explain/unknown-session", test_unknown);
  g_test_add_func ("/explain/no-timetable", test_no_timetable);
  return g_test_run ();
}
