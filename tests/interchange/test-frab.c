/* frab schedule.xml: reading real programmes, writing, reading back. */
#include "config.h"

#include "interchange/frab.h"
#include "model/error.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include <string.h>

static char *
shared_file (const char *name)
{
  const char *dir = g_getenv ("CRENEAU_SHARED_DIR");
  if (dir == NULL)
    return NULL;
  char *path = g_build_filename (dir, "bench", "schedules", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_free (path);
    return NULL;
  }
  return path;
}

static CrnFrabSchedule *
load_shared (const char *name)
{
  g_autofree char *path = shared_file (name);
  if (path == NULL) {
    g_test_skip ("the shared benchmark schedules are not available");
    return NULL;
  }
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  CrnFrabSchedule *sched = crn_frab_parse (text, (gssize) len, name, &error);
  g_assert_no_error (error);
  return sched;
}

static const CrnFrabEvent *
find_event (const CrnFrabSchedule *sched, const char *id)
{
  for (guint i = 0; i < sched->events->len; i++) {
    const CrnFrabEvent *e = g_ptr_array_index (sched->events, i);
    if (g_strcmp0 (e->id, id) == 0)
      return e;
  }
  return NULL;
}

static void
assert_time (CrnTime t, const char *expected)
{
  g_autofree char *text = crn_time_format (t);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_read_fosdem_2020 (void)
{
  g_autoptr (CrnFrabSchedule) sched = load_shared ("fosdem-2020.xml");
  if (sched == NULL)
    return;
  g_assert_cmpstr (sched->title, ==, "FOSDEM 2020");
  g_assert_cmpuint (sched->days->len, ==, 2);
  g_assert_cmpuint (sched->rooms->len, ==, 35);
  g_assert_cmpuint (sched->events->len, ==, 872);
  g_assert_cmpuint (sched->timeslot_minutes, ==, 5);

  const CrnFrabEvent *welcome = find_event (sched, "9025");
  g_assert_nonnull (welcome);
  g_assert_cmpstr (welcome->title, ==, "Welcome to FOSDEM 2020");
  g_assert_cmpstr (welcome->room, ==, "Janson");
  g_assert_cmpstr (welcome->track, ==, "Keynotes");
  g_assert_cmpuint (welcome->duration, ==, 25);
  assert_time (welcome->start, "2020-02-01 09:30");
  g_assert_cmpuint (welcome->persons->len, ==, 1);
  g_assert_cmpstr (((CrnFrabPerson *) g_ptr_array_index (welcome->persons, 0))->name, ==,
                   "FOSDEM Staff");
  /* Entities in text come back as characters. */
  g_assert_true (g_str_has_prefix (welcome->abstract, "<p>FOSDEM welcome"));

  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEvent) ev = crn_frab_build_event (sched, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ev->sessions->len, ==, 872);
  g_assert_cmpuint (ev->rooms->len, ==, 35);
  g_assert_cmpuint (ev->people->len, ==, 841);
  g_assert_cmpuint (ev->days->len, ==, 2);
  g_assert_cmpuint (ev->granularity, ==, 5);
  CrnSession *s = crn_event_lookup_session (ev, "e9025");
  g_assert_nonnull (s);
  g_assert_cmpuint (s->duration, ==, 25);
  g_assert_cmpstr (s->track, ==, "Keynotes");
  g_assert_cmpint (s->kind, ==, CRN_KIND_PLENARY);
  g_assert_false (s->exclusive);
  g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (s->speakers, 0))->id, ==, "p6");

  g_autoptr (CrnTimetable) tt = crn_frab_original_timetable (sched, ev);
  for (guint i = 0; i < tt->assignments->len; i++) {
    CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    g_assert_true (a->assigned);
    g_assert_nonnull (a->room);
    /* Every original event lies inside the open windows derived from it. */
    CrnDay *day = crn_event_lookup_day (ev, crn_time_day_start (a->start));
    g_assert_nonnull (day);
    g_assert_true (crn_interval_set_fits (day->open, a->start, a->start + a->session->duration));
  }
}

static void
test_read_fosdem_2023 (void)
{
  g_autoptr (CrnFrabSchedule) sched = load_shared ("fosdem-2023.xml");
  if (sched == NULL)
    return;
  g_assert_cmpuint (sched->days->len, ==, 2);
  g_assert_cmpuint (sched->rooms->len, ==, 35);
  g_assert_cmpuint (sched->events->len, ==, 780);
  g_autoptr (CrnEvent) ev = crn_frab_build_event (sched, NULL);
  g_assert_cmpuint (ev->people->len, ==, 787);
}

static void
test_read_debconf (void)
{
  g_autoptr (CrnFrabSchedule) sched = load_shared ("debconf23.xml");
  if (sched == NULL)
    return;
  g_assert_cmpstr (sched->time_zone_name, ==, "Asia/Kolkata");
  g_assert_cmpuint (sched->days->len, ==, 8);
  g_assert_cmpuint (sched->rooms->len, ==, 5);
  g_assert_cmpuint (sched->events->len, ==, 117);
  /* <date>2023-09-10T05:00:00+00:00</date> is 10:30 in Kolkata, written
   * under the <day date="2023-09-09"> that starts at 03:00 local. */
  const CrnFrabEvent *opening = find_event (sched, "35");
  g_assert_nonnull (opening);
  assert_time (opening->start, "2023-09-10 10:30");
  g_assert_cmpstr (opening->guid, ==, "455d075f-48c0-2ec2-24b3-f5add30c383a");
  const CrnFrabDay *d = &g_array_index (sched->days, CrnFrabDay, 0);
  g_assert_true (d->has_span);
  assert_time (d->start, "2023-09-10 03:00");

  g_autoptr (CrnEvent) ev = crn_frab_build_event (sched, NULL);
  g_assert_cmpstr (ev->timezone_name, ==, "Asia/Kolkata");
  g_assert_cmpstr (ev->id, ==, "debconf23");
  /* Its slugs look like ids, but only the frab id is a stable name. */
  g_assert_nonnull (crn_event_lookup_session (ev, "e35"));
  g_assert_null (crn_event_lookup_session (ev, "debconf23-35-opening-ceremony"));
}

/* Compares two timetables session by session: id, title, duration, track,
 * kind, speakers' names, and each occurrence's room name and start. */
static void
assert_same_timetable (const CrnTimetable *a, const CrnTimetable *b)
{
  g_assert_cmpuint (a->event->sessions->len, ==, b->event->sessions->len);
  g_assert_cmpuint (a->assignments->len, ==, b->assignments->len);
  for (guint i = 0; i < a->assignments->len; i++) {
    const CrnAssignment *x = &g_array_index (a->assignments, CrnAssignment, i);
    CrnAssignment *y = crn_timetable_lookup ((CrnTimetable *) b, x->session->id, x->occurrence);
    g_assert_nonnull (y);
    g_assert_cmpstr (x->session->title, ==, y->session->title);
    g_assert_cmpuint (x->session->duration, ==, y->session->duration);
    g_assert_cmpuint (x->session->count, ==, y->session->count);
    g_assert_cmpstr (x->session->track, ==, y->session->track);
    g_assert_cmpstr (x->session->description, ==, y->session->description);
    g_assert_cmpint (x->session->kind, ==, y->session->kind);
    g_assert_cmpuint (x->session->speakers->len, ==, y->session->speakers->len);
    for (guint k = 0; k < x->session->speakers->len; k++)
      g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (x->session->speakers, k))->name, ==,
                       ((CrnPerson *) g_ptr_array_index (y->session->speakers, k))->name);
    g_assert_cmpint (x->assigned, ==, y->assigned);
    if (x->assigned) {
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpstr (x->room->name, ==, y->room->name);
    }
  }
}

static void
xmllint_check (const char *xml)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  if (xmllint == NULL) {
    g_test_message ("xmllint not installed: well-formedness not checked by it");
    return;
  }
  g_autoptr (GError) error = NULL;
  int fd = -1;
  g_autofree char *path = NULL;
  fd = g_file_open_tmp ("creneau-frab-XXXXXX.xml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  const char *argv[] = { xmllint, "--noout", path, NULL };
  g_autofree char *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_unlink (path);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xmllint rejects the schedule: %s", err);
}

static CrnTimetable *
read_back (const char *xml, CrnFrabSchedule **out_sched, CrnEvent **out_event)
{
  g_autoptr (GError) error = NULL;
  *out_sched = crn_frab_parse (xml, -1, "written.xml", &error);
  g_assert_no_error (error);
  *out_event = crn_frab_build_event (*out_sched, &error);
  g_assert_no_error (error);
  return crn_frab_original_timetable (*out_sched, *out_event);
}

static void
test_round_trip_fosdem (void)
{
  g_autoptr (CrnFrabSchedule) sched = load_shared ("fosdem-2020.xml");
  if (sched == NULL)
    return;
  g_autoptr (CrnEvent) ev = crn_frab_build_event (sched, NULL);
  g_autoptr (CrnTimetable) tt = crn_frab_original_timetable (sched, ev);
  g_autofree char *xml = crn_frab_write (tt, "1");
  xmllint_check (xml);

  g_autoptr (CrnFrabSchedule) sched2 = NULL;
  g_autoptr (CrnEvent) ev2 = NULL;
  g_autoptr (CrnTimetable) tt2 = read_back (xml, &sched2, &ev2);
  g_assert_cmpuint (sched2->rooms->len, ==, 35);
  assert_same_timetable (tt, tt2);
  /* The frab ids survive: event 9025 is still 9025. */
  g_assert_nonnull (find_event (sched2, "9025"));
  /* Rooms come back in order of first appearance, which may differ from the
   * original file's; from then on the text is a fixed point. */
  g_autofree char *again = crn_frab_write (tt2, "1");
  g_autoptr (CrnFrabSchedule) sched3 = NULL;
  g_autoptr (CrnEvent) ev3 = NULL;
  g_autoptr (CrnTimetable) tt3 = read_back (again, &sched3, &ev3);
  g_autofree char *third = crn_frab_write (tt3, "1");
  g_assert_cmpstr (again, ==, third);
}

/* A hand-made event with awkward text, a repeated session, a moderator and
 * a time zone with summer time. */
static CrnEvent *
make_event (void)
{
  CrnEvent *ev = crn_event_new ("journees-2018");
  ev->name = g_strdup ("Journées <des> territoires & \"co\"");
  g_assert_true (crn_event_set_timezone (ev, "Europe/Paris"));
  CrnTime d1, d2;
  crn_time_parse_date ("2018-11-26", &d1);
  crn_time_parse_date ("2019-03-31", &d2); /* the spring-forward day */
  crn_interval_set_add (crn_event_add_day (ev, d1)->open, d1 + 9 * 60, d1 + 18 * 60);
  crn_interval_set_add (crn_event_add_day (ev, d2)->open, d2 + 9 * 60, d2 + 18 * 60);
  CrnRoom *amphi = crn_event_add_room (ev, "amphi", NULL);
  crn_room_set_name (amphi, "Amphithéâtre <A> & 'B'");
  crn_event_add_room (ev, "salle-3", NULL);
  CrnPerson *caron = crn_event_add_person (ev, "caron", NULL);
  crn_person_set_name (caron, "Élise Caron");
  CrnPerson *grivel = crn_event_add_person (ev, "grivel", NULL);
  crn_person_set_name (grivel, "Paul \x01Grivel");
  CrnSession *s = crn_event_add_session (ev, "ouverture", NULL);
  g_free (s->title);
  s->title = g_strdup ("Ouverture ]]> <b>&amp;</b> \"quoted\" 'single' \t tab");
  s->description = g_strdup ("Line one\nLine two & <three>");
  s->kind = CRN_KIND_PLENARY;
  s->duration = 45;
  s->track = g_strdup ("transitions");
  g_ptr_array_add (s->speakers, caron);
  CrnSession *w = crn_event_add_session (ev, "atelier-cooperation", NULL);
  w->kind = CRN_KIND_WORKSHOP;
  w->duration = 120;
  w->count = 2;
  g_ptr_array_add (w->speakers, grivel);
  return ev;
}

static void
test_write_read_back (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  CrnTime d1, d2;
  crn_time_parse_date ("2018-11-26", &d1);
  crn_time_parse_date ("2019-03-31", &d2);
  CrnAssignment *a = crn_timetable_lookup (tt, "ouverture", 1);
  a->room = g_ptr_array_index (ev->rooms, 0);
  a->start = d1 + 9 * 60 + 30;
  a->assigned = TRUE;
  a = crn_timetable_lookup (tt, "atelier-cooperation", 1);
  a->room = g_ptr_array_index (ev->rooms, 1);
  a->start = d1 + 14 * 60;
  a->assigned = TRUE;
  a = crn_timetable_lookup (tt, "atelier-cooperation", 2);
  a->room = g_ptr_array_index (ev->rooms, 1);
  a->start = d2 + 10 * 60;
  a->assigned = TRUE;

  g_autofree char *xml = crn_frab_write (tt, "3");
  xmllint_check (xml);
  /* Date with the offset in force: winter, then summer time. */
  g_assert_nonnull (strstr (xml, "<date>2018-11-26T09:30:00+01:00</date>"));
  g_assert_nonnull (strstr (xml, "<date>2019-03-31T10:00:00+02:00</date>"));
  g_assert_nonnull (strstr (xml, "<duration>02:00</duration>"));
  g_assert_nonnull (strstr (xml, "<time_zone_name>Europe/Paris</time_zone_name>"));
  g_assert_null (strchr (xml, '\x01'));

  g_autoptr (CrnFrabSchedule) sched2 = NULL;
  g_autoptr (CrnEvent) ev2 = NULL;
  g_autoptr (CrnTimetable) tt2 = read_back (xml, &sched2, &ev2);
  g_assert_cmpstr (ev2->name, ==, ev->name);
  g_assert_cmpstr (ev2->id, ==, "journees-2018");
  /* The control character cannot travel through XML; everything else does. */
  g_assert_nonnull (strstr (xml, "Paul  Grivel"));
  CrnPerson *read = crn_event_lookup_person (ev2, "p2");
  g_assert_nonnull (read);
  g_assert_cmpstr (read->name, ==, "Paul  Grivel");
  crn_person_set_name (g_ptr_array_index (ev->people, 1), "Paul  Grivel");
  assert_same_timetable (tt, tt2);
  CrnSession *w = crn_event_lookup_session (ev2, "atelier-cooperation");
  g_assert_cmpuint (w->count, ==, 2);

  /* Guids are stable and distinct. */
  g_autofree char *g1 = crn_frab_guid_for ("ouverture@journees-2018.creneau");
  g_autofree char *g2 = crn_frab_guid_for ("ouverture@journees-2018.creneau");
  g_autofree char *g3 = crn_frab_guid_for ("atelier-cooperation-1@journees-2018.creneau");
  g_assert_cmpstr (g1, ==, g2);
  g_assert_cmpstr (g1, !=, g3);
  g_assert_cmpuint (strlen (g1), ==, 36);
  g_assert_cmpint (g1[14], ==, '5');
  g_assert_nonnull (strstr (xml, g1));
}

static void
test_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnFrabSchedule) a = crn_frab_parse ("<schedule><day index=\"1\" date=\"2020-02-01\">"
                                                  "<room name=\"K\"><event id=\"1\"><start>10:00</start>"
                                                  "<duration>9O</duration></event></room></day></schedule>",
                                                  -1, "bad.xml", &error);
  g_assert_null (a);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "bad.xml:1:"));
  g_assert_nonnull (strstr (error->message, "9O"));
  g_clear_error (&error);

  g_autoptr (CrnFrabSchedule) b = crn_frab_parse ("<schedule><conference>", -1, "cut.xml", &error);
  g_assert_null (b);
  g_assert_nonnull (strstr (error->message, "cut.xml"));
  g_clear_error (&error);

  g_autoptr (CrnFrabSchedule) c = crn_frab_parse ("<html><body/></html>", -1, "page.xml", &error);
  g_assert_null (c);
  g_assert_nonnull (strstr (error->message, "not a frab schedule"));
}

/* Found by fuzzing: the reader keeps one open event and one open person.
 * An event inside a person (through a nested <schedule>) left no event for
 * the person to join (a NULL dereference); a person inside a person was
 * lost (a leak, seen under the sanitizers and valgrind). */
static void
test_nested (void)
{
  static const struct {
    const char *xml, *message;
  } cases[] = {
    { "<schedule><day date=\"2020-02-01\"><room name=\"A\"><event id=\"1\">"
      "<start>10:00</start><duration>00:30</duration><persons><person id=\"1\">"
      "<schedule><day date=\"2020-02-01\"><room name=\"B\"><event id=\"2\">"
      "<start>10:00</start><duration>00:30</duration></event></room></day></schedule>"
      "X</person></persons></event></room></day></schedule>",
      "nested.xml:1: <event> inside event 1" },
    { "<schedule><day date=\"2020-02-01\"><room name=\"A\"><event id=\"1\">"
      "<start>10:00</start><duration>00:30</duration><persons><person id=\"1\">"
      "<persons><person id=\"2\">B</person></persons></person></persons></event>"
      "</room></day></schedule>",
      "nested.xml:1: <person> inside <person> in event 1" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (cases[i].xml, -1, "nested.xml", &error);
    g_assert_null (sched);
    g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
    if (strstr (error->message, cases[i].message) == NULL)
      g_error ("expected \"%s\" in \"%s\"", cases[i].message, error->message);
  }
}

/* Found by fuzzing: an event dated 1010 was read, then written as a
 * conference start that no reader takes. The model's dates run from 1971. */
static void
test_date_range (void)
{
  static const char *const dates[] = { "1010-02-01T10:00:00+01:00", "1970-12-31T23:00:00Z",
                                       "10000-01-01T10:00:00Z" };
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++) {
    g_autofree char *xml = g_strdup_printf (
        "<schedule><day date=\"2020-02-01\"><room name=\"A\"><event id=\"1\">"
        "<date>%s</date><start>10:00</start><duration>00:30</duration></event></room></day>"
        "</schedule>", dates[i]);
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (xml, -1, "old.xml", &error);
    g_assert_null (sched);
    g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
    g_autofree char *expected = g_strdup_printf (
        "old.xml:1: event 1: <date> \"%s\" is not an ISO 8601 date-time from 1971 to 9999",
        dates[i]);
    g_assert_cmpstr (error->message, ==, expected);
  }
}

/* Found by fuzzing: the end of an <event> nested inside a <person> closed
 * the enclosing event, and the next </person> then added to no event (a NULL
 * dereference); the stray event's <duration> also replaced the real one.
 * Only the element that opened an event or a person closes it now. */
static void
test_stray_nested (void)
{
  static const char xml[] =
      "<schedule><day date=\"2020-02-01\"><room name=\"A\"><event id=\"1\">"
      "<start>10:00</start><duration>00:30</duration><persons><person id=\"1\">"
      "<event id=\"2\"><duration>00:45</duration></event><person id=\"3\">C</person>"
      "</person></persons><title>T</title></event></room></day></schedule>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (xml, -1, "stray.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sched->events->len, ==, 1);
  const CrnFrabEvent *e = g_ptr_array_index (sched->events, 0);
  g_assert_cmpstr (e->id, ==, "1");
  g_assert_cmpuint (e->duration, ==, 30);
  g_assert_cmpstr (e->title, ==, "T");
  g_assert_cmpuint (e->persons->len, ==, 1);
  const CrnFrabPerson *person = g_ptr_array_index (e->persons, 0);
  g_assert_cmpstr (person->id, ==, "1");
}

/* Found by fuzzing: frab ids are integers, and "e" or "p" before a
 * 130-digit one made a session or person id over the 64-byte limit, which the
 * model refused (a NULL dereference). Such ids are named like non-numeric
 * ones now. */
static void
test_long_number_ids (void)
{
  g_autofree char *digits = g_strnfill (100, '7');
  g_autofree char *xml = g_strdup_printf (
      "<schedule><day date=\"2020-02-01\"><room name=\"A\"><event id=\"%s\">"
      "<start>10:00</start><duration>00:30</duration><title>Long Ids</title><persons>"
      "<person id=\"%s\">Ada Lovelace</person></persons></event></room></day></schedule>",
      digits, digits);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (xml, -1, "long-ids.xml", &error);
  g_assert_no_error (error);
  g_autoptr (CrnEvent) ev = crn_frab_build_event (sched, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ev);
  const CrnFrabEvent *e = g_ptr_array_index (sched->events, 0);
  g_assert_cmpstr (e->session_id, ==, "long-ids");
  CrnSession *s = crn_event_lookup_session (ev, "long-ids");
  g_assert_nonnull (s);
  g_assert_cmpuint (s->speakers->len, ==, 1);
  g_assert_nonnull (crn_event_lookup_person (ev, "p-ada-lovelace"));
}

/* Found by fuzzing: an event in a <day> that is not the schedule's (here
 * inside <conference>) has no day at all; it was put on 1970-01-01, which the
 * writer then wrote as a conference start no reader takes. */
static void
test_no_day (void)
{
  static const char xml[] =
      "<schedule><conference><day index=\"1\" date=\"2020-02-01\"><room name=\"A\">\n"
      "<event id=\"1\"><start>10:00</start><duration>00:30</duration></event></room></day>"
      "</conference></schedule>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (xml, -1, "stray-day.xml", &error);
  g_assert_null (sched);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "stray-day.xml:2: event 1 has no <date> and is inside no <day> of the <schedule>");
}

/* Found by fuzzing: a schedule of days without events became an event
 * without days, whose written schedule the reader refuses. */
static void
test_no_event (void)
{
  static const char xml[] = "<schedule><day index=\"1\" date=\"2020-02-01\"></day></schedule>";
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (xml, -1, "empty.xml", &error);
  g_assert_no_error (error);
  g_autoptr (CrnEvent) ev = crn_frab_build_event (sched, &error);
  g_assert_null (ev);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "the schedule has <day> elements but no <event>: nothing to schedule");
}

/* Found by fuzzing: a <duration> of 77777777 hours overflowed int on its way
 * to minutes. Durations are bounded by a day, as event.conf's Duration is. */
static void
test_duration_range (void)
{
  static const struct {
    const char *text;
    guint minutes; /* 0: refused */
  } cases[] = {
    { "0077777777:50", 0 }, { "99999999999999999999:00", 0 }, { "24:01", 0 },
    { "25:00", 0 }, { "-1:30", 0 }, { "1:60", 0 }, { "1:30:60", 0 }, { "1:30x", 0 },
    { "24:00", 24 * 60 }, { "0009:05", 9 * 60 + 5 }, { "1:30:00", 90 }, { "00:05", 5 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *xml = g_strdup_printf (
        "<schedule><day date=\"2020-02-01\"><room name=\"A\"><event id=\"1\">"
        "<start>10:00</start><duration>%s</duration></event></room></day></schedule>",
        cases[i].text);
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (xml, -1, "long.xml", &error);
    if (cases[i].minutes == 0) {
      g_assert_null (sched);
      g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
      g_autofree char *expected = g_strdup_printf (
          "long.xml:1: event 1: <duration> \"%s\" is not HH:MM of at most 24:00",
          cases[i].text);
      g_assert_cmpstr (error->message, ==, expected);
    } else {
      g_assert_no_error (error);
      g_assert_cmpuint (sched->events->len, ==, 1);
      const CrnFrabEvent *e = g_ptr_array_index (sched->events, 0);
      g_assert_cmpuint (e->duration, ==, cases[i].minutes);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frab/read/fosdem-2020", test_read_fosdem_2020);
  g_test_add_func ("/frab/read/fosdem-2023", test_read_fosdem_2023);
  g_test_add_func ("/frab/read/debconf23", test_read_debconf);
  g_test_add_func ("/frab/round-trip/fosdem-2020", test_round_trip_fosdem);
  g_test_add_func ("/frab/round-trip/written", test_write_read_back);
  g_test_add_func ("/frab/errors", test_errors);
  g_test_add_func ("/frab/errors/nested", test_nested);
  g_test_add_func ("/frab/errors/date-range", test_date_range);
  g_test_add_func ("/frab/errors/duration-range", test_duration_range);
  g_test_add_func ("/frab/read/stray-nested", test_stray_nested);
  g_test_add_func ("/frab/build/long-number-ids", test_long_number_ids);
  g_test_add_func ("/frab/errors/no-day", test_no_day);
  g_test_add_func ("/frab/errors/no-event", test_no_event);
  return g_test_run ();
}
