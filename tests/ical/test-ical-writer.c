/* creneau tests — the iCalendar writer, read back through libical. */
#include "config.h"

#include "calcheck.h"
#include "fixture.h"
#include "ical/writer.h"
#include "ical/revision.h"
#include "model/error.h"

#include <libical/ical.h>
#include <string.h>

typedef struct {
  CrnFixtureSpec spec;
  CrnEvent *event;
  CrnTimetable *tt;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  crn_fixture_spec_init (&f->spec);
  f->event = crn_fixture_event (&f->spec);
  f->tt = crn_fixture_timetable (f->event, &f->spec);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  crn_timetable_free (f->tt);
  crn_event_free (f->event);
}

static char *
write_calendar (const CrnTimetable *tt, const CrnIcalOptions *opts)
{
  g_autoptr (GError) error = NULL;
  char *text = crn_ical_write (tt, opts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
test_calendar_properties (Fixture *f, gconstpointer data)
{
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.refresh_minutes = 90;
  g_autofree char *text = write_calendar (f->tt, &opts);
  icalcomponent *cal = crn_check_parse (text);
  g_assert_cmpint (icalcomponent_get_method (cal), ==, ICAL_METHOD_PUBLISH);
  g_assert_cmpstr (icalproperty_get_version (
                     icalcomponent_get_first_property (cal, ICAL_VERSION_PROPERTY)), ==, "2.0");
  g_assert_cmpstr (icalproperty_get_calscale (
                     icalcomponent_get_first_property (cal, ICAL_CALSCALE_PROPERTY)), ==,
                   "GREGORIAN");
  const char *prodid = icalproperty_get_prodid (
    icalcomponent_get_first_property (cal, ICAL_PRODID_PROPERTY));
  g_assert_cmpstr (prodid, ==, "-//creneau//creneau " PACKAGE_VERSION "//EN");
  g_assert_cmpstr (icalproperty_get_name (icalcomponent_get_first_property (cal, ICAL_NAME_PROPERTY)),
                   ==, "Journées d'étude « Territoires » 2018");
  g_assert_cmpstr (crn_check_calendar_x (cal, "X-WR-CALNAME"), ==, "Journées d'étude « Territoires » 2018");
  g_assert_cmpstr (crn_check_calendar_x (cal, "X-PUBLISHED-TTL"), ==, "PT1H30M");
  icalproperty *refresh = icalcomponent_get_first_property (cal, ICAL_REFRESHINTERVAL_PROPERTY);
  g_assert_nonnull (refresh);
  g_assert_cmpint (icaldurationtype_as_int (icalproperty_get_refreshinterval (refresh)), ==, 5400);
  g_assert_nonnull (strstr (text, "REFRESH-INTERVAL;VALUE=DURATION:PT1H30M\r\n"));

  /* One zone, plainly named, holding only the event's year. */
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  icalcomponent *vtz = icalcomponent_get_first_component (cal, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY)),
                   ==, "Europe/Paris");
  guint observances = 0;
  for (icalcomponent *o = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT); o;
       o = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT)) {
    int year = icalcomponent_get_dtstart (o).year;
    g_assert_cmpint (year, >=, 2017);
    g_assert_cmpint (year, <=, 2019);
    observances++;
  }
  g_assert_cmpuint (observances, >=, 2);
  g_assert_null (strstr (text, "freeassociation"));
  icalcomponent_free (cal);
}

static void
test_vevents (Fixture *f, gconstpointer data)
{
  g_autofree char *text = write_calendar (f->tt, NULL);
  icalcomponent *cal = crn_check_parse (text);
  g_assert_cmpuint (crn_check_count_vevents (cal), ==, 5);
  crn_check_vevents_complete (cal);

  /* Every occurrence at its UTC instant. */
  for (guint i = 0; i < f->tt->assignments->len; i++) {
    CrnAssignment *a = &g_array_index (f->tt->assignments, CrnAssignment, i);
    g_autofree char *uid = crn_ical_session_uid (f->event, a->session, a->occurrence);
    icalcomponent *ve = crn_check_find_vevent (cal, uid);
    g_assert_nonnull (ve);
    g_assert_cmpint (crn_check_resolve_time (cal, icalcomponent_get_first_property (ve, ICAL_DTSTART_PROPERTY)),
                     ==, crn_time_to_unix (a->start, f->event->timezone));
    g_assert_cmpint (crn_check_resolve_time (cal, icalcomponent_get_first_property (ve, ICAL_DTEND_PROPERTY)),
                     ==, crn_time_to_unix (a->start + a->session->duration, f->event->timezone));
    g_assert_cmpstr (icalcomponent_get_summary (ve), ==, a->session->title);
    g_assert_cmpint (icalcomponent_get_status (ve), ==, ICAL_STATUS_CONFIRMED);
  }
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Paris:20181126T093000\r\n"));
  g_assert_nonnull (crn_check_find_vevent (cal, "atelier-cooperation-1@journees-test.creneau"));
  g_assert_nonnull (crn_check_find_vevent (cal, "atelier-cooperation-2@journees-test.creneau"));
  g_assert_nonnull (crn_check_find_vevent (cal, "ouverture@journees-test.creneau"));

  icalcomponent *ve = crn_check_find_vevent (cal, "atelier-cooperation-1@journees-test.creneau");
  g_assert_cmpstr (icalcomponent_get_location (ve), ==, "Salle 3");
  const char *description = icalcomponent_get_description (ve);
  g_assert_nonnull (strstr (description, "Speakers: Jeanne Caron (CGET, Paris), Luc Fournier\n"));
  g_assert_nonnull (strstr (description, "Moderator: Anne Grivel (Caisse des dépôts)\n"));
  g_assert_nonnull (strstr (description, "Partners: Commissariat général à l'égalité des "
                                         "territoires, Caisse des dépôts\n"));
  g_assert_true (g_str_has_suffix (description, "\nRetours d'expérience; échanges avec la salle."));
  g_autoptr (GPtrArray) categories = g_ptr_array_new ();
  for (icalproperty *p = icalcomponent_get_first_property (ve, ICAL_CATEGORIES_PROPERTY); p;
       p = icalcomponent_get_next_property (ve, ICAL_CATEGORIES_PROPERTY))
    g_ptr_array_add (categories, (gpointer) icalproperty_get_categories (p));
  g_assert_cmpuint (categories->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (categories, 0), ==, "workshop");
  g_assert_cmpstr (g_ptr_array_index (categories, 1), ==, "transitions");
  g_assert_cmpint (icalcomponent_count_properties (ve, ICAL_CONTACT_PROPERTY), ==, 2);
  icalproperty *organizer = icalcomponent_get_first_property (ve, ICAL_ORGANIZER_PROPERTY);
  g_assert_cmpstr (icalproperty_get_organizer (organizer), ==, "mailto:contact@example.org");
  icalparameter *cn = icalproperty_get_first_parameter (organizer, ICAL_CN_PARAMETER);
  g_assert_cmpstr (icalparameter_get_cn (cn), ==, "Carrefour des métiers, réseau");

  ve = crn_check_find_vevent (cal, "ouverture@journees-test.creneau");
  g_assert_cmpstr (icalcomponent_get_location (ve), ==, "Amphithéâtre Œuvre, Site Nord");
  icalcomponent_free (cal);
}

static void
test_scopes (Fixture *f, gconstpointer data)
{
  const struct { const char *person, *room, *partner; guint expected; } cases[] = {
    { "caron", NULL, NULL, 3 },    /* ouverture, both workshops */
    { "grivel", NULL, NULL, 4 },   /* moderates workshops and round table, speaks at closing */
    { "fournier", NULL, NULL, 3 },
    { NULL, "amphi", NULL, 3 },
    { NULL, "salle-3", NULL, 2 },
    { NULL, NULL, "cdc", 3 },
    { NULL, NULL, "cget", 2 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    CrnIcalOptions opts;
    crn_ical_options_init (&opts);
    opts.person = cases[i].person;
    opts.room = cases[i].room;
    opts.partner = cases[i].partner;
    g_autofree char *text = write_calendar (f->tt, &opts);
    icalcomponent *cal = crn_check_parse (text);
    g_assert_cmpuint (crn_check_count_vevents (cal), ==, cases[i].expected);
    crn_check_vevents_complete (cal);
    icalcomponent_free (cal);
  }

  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.person = "caron";
  g_autofree char *text = write_calendar (f->tt, &opts);
  icalcomponent *cal = crn_check_parse (text);
  g_assert_cmpstr (crn_check_calendar_x (cal, "X-WR-CALNAME"), ==,
                   "Journées d'étude « Territoires » 2018 — Jeanne Caron");
  icalcomponent_free (cal);

  g_autoptr (GError) error = NULL;
  opts.person = "nobody";
  g_assert_null (crn_ical_write (f->tt, &opts, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nobody"));
  g_clear_error (&error);
  opts.room = "amphi";
  g_assert_null (crn_ical_write (f->tt, &opts, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
}

static void
test_breaks (Fixture *f, gconstpointer data)
{
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  g_autofree char *without = write_calendar (f->tt, &opts);
  icalcomponent *cal = crn_check_parse (without);
  g_assert_null (crn_check_find_vevent (cal, "dejeuner-1.break@journees-test.creneau"));
  icalcomponent_free (cal);

  opts.public_breaks = TRUE;
  g_autofree char *with = write_calendar (f->tt, &opts);
  cal = crn_check_parse (with);
  g_assert_cmpuint (crn_check_count_vevents (cal), ==, 6);
  crn_check_vevents_complete (cal);
  icalcomponent *ve = crn_check_find_vevent (cal, "dejeuner-1.break@journees-test.creneau");
  g_assert_nonnull (ve);
  g_assert_cmpstr (icalcomponent_get_summary (ve), ==, "Déjeuner");
  g_assert_nonnull (strstr (with, "DTSTART;TZID=Europe/Paris:20181126T123000\r\n"));
  g_assert_null (crn_check_find_vevent (cal, "pause.break@journees-test.creneau"));
  icalcomponent_free (cal);
}

/* Every line at most 75 octets, CRLF only, valid UTF-8, no control bytes
 * but TAB (allowed in TEXT), and no multi-byte character cut by a fold. */
static void
check_raw_text (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i]; i++) {
    g_assert_cmpuint (strlen (lines[i]), <=, 75);
    g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    for (const char *p = lines[i]; *p; p++)
      g_assert_true (((guchar) *p >= 0x20 || *p == '\t') && (guchar) *p != 0x7f);
  }
}

static void
test_bad_text (void)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  spec.bad_text = TRUE;
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  g_autofree char *text = write_calendar (tt, NULL);
  check_raw_text (text);
  icalcomponent *cal = crn_check_parse (text);
  crn_check_vevents_complete (cal);
  icalcomponent *ve = crn_check_find_vevent (cal, "atelier-cooperation-2@journees-test.creneau");
  const char *summary = icalcomponent_get_summary (ve);
  g_assert_true (g_str_has_prefix (summary, "Atelier « Coopération », œuvre; a\\b, c[31m tab\there"));
  g_assert_null (strchr (summary, '\n'));
  g_assert_nonnull (strstr (summary, "\xef\xbf\xbd invalid")); /* U+FFFD for the bad byte */
  const char *description = icalcomponent_get_description (ve);
  g_assert_nonnull (strstr (description, "Line one, with commas; semicolons\\backslashes\n"
                                         "Line two « guillemets » cœur\nLine three after controls\n"));
  g_assert_nonnull (strstr (description, "BEGIN:VEVENT END:VCALENDAR \"quoted\""));
  g_assert_cmpstr (crn_check_calendar_x (cal, "X-WR-CALNAME"), ==, "Journées « d'étude »; test, ok");
  icalcomponent_free (cal);
}

/* libical 3.0.16 splits the CRLF of a line whose end falls on the fold
 * boundary: a 73-octet SUMMARY hits it, and so do the lines of longer ones
 * at every 74 octets further. */
static void
test_fold_boundary (void)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  for (guint length = 60; length < 230; length++) {
    CrnSession *s = crn_event_lookup_session (ev, "ouverture");
    g_free (s->title);
    s->title = g_strnfill (length, 'a');
    g_autofree char *text = write_calendar (tt, NULL);
    check_raw_text (text);
    g_assert_null (strstr (text, "\r\r"));
    icalcomponent *cal = crn_check_parse (text);
    icalcomponent *ve = crn_check_find_vevent (cal, "ouverture@journees-test.creneau");
    g_assert_cmpstr (icalcomponent_get_summary (ve), ==, s->title);
    icalcomponent_free (cal);
  }
}

static void
test_random_text (void)
{
  for (guint round = 1; round <= 100; round++) {
    CrnFixtureSpec spec;
    crn_fixture_spec_init (&spec);
    spec.random_seed = round;
    g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
    g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
    g_autoptr (CrnPublication) pub = crn_revision_compute (NULL, tt, 1000, NULL);
    CrnIcalOptions opts;
    crn_ical_options_init (&opts);
    opts.public_breaks = TRUE;
    opts.publication = pub;
    opts.calendar_name = round % 2 ? ev->name : NULL;
    g_autofree char *text = write_calendar (tt, &opts);
    check_raw_text (text);
    icalcomponent *cal = crn_check_parse (text);
    g_assert_cmpuint (crn_check_count_vevents (cal), ==, 6);
    crn_check_vevents_complete (cal);
    icalcomponent_free (cal);
  }
}

/* Parse, serialise again, parse again: the same properties come back. */
static void
test_roundtrip (Fixture *f, gconstpointer data)
{
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.public_breaks = TRUE;
  g_autofree char *text = write_calendar (f->tt, &opts);
  icalcomponent *cal = crn_check_parse (text);
  char *again = icalcomponent_as_ical_string_r (cal);
  g_assert_cmpstr (again, ==, text);
  icalcomponent *cal2 = crn_check_parse (again);
  free (again);
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT)) {
    icalcomponent *d = crn_check_find_vevent (cal2, icalcomponent_get_uid (c));
    g_assert_nonnull (d);
    g_assert_cmpint (icalcomponent_count_properties (c, ICAL_ANY_PROPERTY), ==,
                     icalcomponent_count_properties (d, ICAL_ANY_PROPERTY));
    for (icalproperty *p = icalcomponent_get_first_property (c, ICAL_ANY_PROPERTY),
                      *q = icalcomponent_get_first_property (d, ICAL_ANY_PROPERTY);
         p; p = icalcomponent_get_next_property (c, ICAL_ANY_PROPERTY),
            q = icalcomponent_get_next_property (d, ICAL_ANY_PROPERTY)) {
      g_assert_cmpint (icalproperty_isa (p), ==, icalproperty_isa (q));
      g_assert_cmpstr (icalproperty_get_value_as_string (p), ==,
                       icalproperty_get_value_as_string (q));
    }
  }
  icalcomponent_free (cal2);
  icalcomponent_free (cal);
}

static void
test_utc_zone (void)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  spec.timezone = "UTC";
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  g_autofree char *text = write_calendar (tt, NULL);
  icalcomponent *cal = crn_check_parse (text);
  g_assert_cmpint (icalcomponent_count_components (cal, ICAL_VTIMEZONE_COMPONENT), ==, 0);
  g_assert_nonnull (strstr (text, "DTSTART:20181126T093000Z\r\n"));
  icalcomponent_free (cal);
}

static void
test_bad_zone (void)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  /* GLib knows it as an offset, libical has no such zone. */
  g_free (ev->timezone_name);
  ev->timezone_name = g_strdup ("Nowhere/Atlantis");
  g_autoptr (GError) error = NULL;
  g_assert_null (crn_ical_write (tt, NULL, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Nowhere/Atlantis"));
}

/* Revisions ---------------------------------------------------------------- */

static CrnChange *
find_change (GPtrArray *changes, const char *uid, CrnChangeKind kind)
{
  for (guint i = 0; i < changes->len; i++) {
    CrnChange *c = g_ptr_array_index (changes, i);
    if (g_strcmp0 (c->uid, uid) == 0 && c->kind == kind)
      return c;
  }
  return NULL;
}

#define UID(s) s "@journees-test.creneau"

static void
test_revision (void)
{
  CrnFixtureSpec spec1, spec2;
  crn_fixture_spec_init (&spec1);
  spec2 = spec1;
  spec2.drop_closing = spec2.move_workshop = spec2.rename_round = TRUE;
  spec2.new_abstract = spec2.add_session = TRUE;
  g_autoptr (CrnEvent) ev1 = crn_fixture_event (&spec1);
  g_autoptr (CrnTimetable) tt1 = crn_fixture_timetable (ev1, &spec1);
  g_autoptr (CrnEvent) ev2 = crn_fixture_event (&spec2);
  g_autoptr (CrnTimetable) tt2 = crn_fixture_timetable (ev2, &spec2);

  GPtrArray *changes = NULL;
  g_autoptr (CrnPublication) rev1 = crn_revision_compute (NULL, tt1, 1000, &changes);
  g_assert_cmpuint (changes->len, ==, 6); /* five occurrences and the public lunch break */
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpint (((CrnChange *) g_ptr_array_index (changes, i))->kind, ==, CRN_CHANGE_NEW);
  g_ptr_array_unref (changes);

  g_autoptr (CrnPublication) rev2 = crn_revision_compute (rev1, tt2, 2000, &changes);
  g_assert_cmpuint (crn_publication_get_sequence (rev2, UID ("ouverture")), ==, 0);
  g_assert_cmpint (crn_publication_lookup (rev2, UID ("ouverture"))->last_modified, ==, 2000);
  g_assert_cmpuint (crn_publication_get_sequence (rev2, UID ("atelier-cooperation-1")), ==, 0);
  g_assert_cmpint (crn_publication_lookup (rev2, UID ("atelier-cooperation-1"))->last_modified,
                   ==, 1000);
  g_assert_cmpuint (crn_publication_get_sequence (rev2, UID ("atelier-cooperation-2")), ==, 1);
  g_assert_cmpuint (crn_publication_get_sequence (rev2, UID ("table-ronde")), ==, 1);
  g_assert_cmpuint (crn_publication_get_sequence (rev2, UID ("visite")), ==, 0);
  CrnPublishedItem *closing = crn_publication_lookup (rev2, UID ("cloture"));
  g_assert_true (closing->cancelled);
  g_assert_cmpuint (closing->sequence, ==, 1);
  g_auto (GStrv) cancelled = crn_publication_get_cancelled (rev2);
  g_assert_cmpuint (g_strv_length (cancelled), ==, 1);
  g_assert_cmpstr (cancelled[0], ==, UID ("cloture"));

  g_assert_cmpuint (changes->len, ==, 4);
  CrnChange *c = find_change (changes, UID ("atelier-cooperation-2"), CRN_CHANGE_MOVED);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->session_id, ==, "atelier-cooperation");
  g_assert_cmpstr (c->sentence, ==,
                   "\"La coopération entre collectivités, au cœur des transitions\" "
                   "(occurrence 2) moves from 2018-11-27 14:00 in Salle 3 to "
                   "2018-11-27 15:00 in Salle 3.");
  c = find_change (changes, UID ("table-ronde"), CRN_CHANGE_RENAMED);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->sentence, ==,
                   "\"Table ronde : les territoires en transition\" on 2018-11-26 14:00 is "
                   "renamed \"Table ronde : quels territoires en 2030 ?\".");
  c = find_change (changes, UID ("cloture"), CRN_CHANGE_CANCELLED);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->sentence, ==,
                   "\"Clôture\" on 2018-11-27 16:30 in Amphithéâtre Œuvre, Site Nord is cancelled.");
  g_assert_cmpstr (crn_change_kind_to_string (c->kind), ==, "cancelled");
  g_assert_nonnull (find_change (changes, UID ("visite"), CRN_CHANGE_NEW));
  g_ptr_array_unref (changes);

  /* The calendar of revision 2 keeps the closing, cancelled. */
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.publication = rev2;
  g_autofree char *text = write_calendar (tt2, &opts);
  icalcomponent *cal = crn_check_parse (text);
  crn_check_vevents_complete (cal);
  g_assert_cmpuint (crn_check_count_vevents (cal), ==, 6);
  icalcomponent *ve = crn_check_find_vevent (cal, UID ("cloture"));
  g_assert_cmpint (icalcomponent_get_status (ve), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpint (icalproperty_get_sequence (
                     icalcomponent_get_first_property (ve, ICAL_SEQUENCE_PROPERTY)), ==, 1);
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtstamp (ve)), ==, 2000);
  g_assert_cmpint (crn_check_resolve_time (cal, icalcomponent_get_first_property (ve, ICAL_DTSTART_PROPERTY)),
                   ==, closing->start);
  ve = crn_check_find_vevent (cal, UID ("atelier-cooperation-1"));
  g_assert_cmpint (icaltime_as_timet (icalproperty_get_lastmodified (
                     icalcomponent_get_first_property (ve, ICAL_LASTMODIFIED_PROPERTY))), ==, 1000);
  icalcomponent_free (cal);
  /* ... also in the feeds of the people it concerned. */
  opts.person = "grivel";
  g_autofree char *grivel = write_calendar (tt2, &opts);
  cal = crn_check_parse (grivel);
  g_assert_nonnull (crn_check_find_vevent (cal, UID ("cloture")));
  icalcomponent_free (cal);
  opts.person = "caron";
  g_autofree char *caron = write_calendar (tt2, &opts);
  cal = crn_check_parse (caron);
  g_assert_null (crn_check_find_vevent (cal, UID ("cloture")));
  icalcomponent_free (cal);

  /* A timetable newer than the publication: the closing is back, and is
   * written once, from the timetable. */
  opts.person = NULL;
  g_autofree char *newer = write_calendar (tt1, &opts);
  cal = crn_check_parse (newer);
  ve = crn_check_find_vevent (cal, UID ("cloture"));
  g_assert_cmpint (icalcomponent_get_status (ve), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpuint (crn_check_count_vevents (cal), ==, 5);
  icalcomponent_free (cal);

  /* Publishing the same timetable again changes nothing. */
  g_autoptr (CrnPublication) rev3 = crn_revision_compute (rev2, tt2, 3000, &changes);
  g_assert_cmpuint (changes->len, ==, 0);
  g_ptr_array_unref (changes);
  for (guint i = 0; i < rev2->items->len; i++) {
    CrnPublishedItem *a = g_ptr_array_index (rev2->items, i);
    CrnPublishedItem *b = crn_publication_lookup (rev3, a->uid);
    g_assert_nonnull (b);
    g_assert_cmpuint (a->sequence, ==, b->sequence);
    g_assert_cmpint (a->last_modified, ==, b->last_modified);
    g_assert_cmpint (a->cancelled, ==, b->cancelled);
  }

  /* The closing comes back: it must outrank its cancelled copy. */
  g_autoptr (CrnPublication) rev4 = crn_revision_compute (rev3, tt1, 4000, &changes);
  g_assert_cmpuint (crn_publication_get_sequence (rev4, UID ("cloture")), ==, 2);
  g_assert_false (crn_publication_lookup (rev4, UID ("cloture"))->cancelled);
  c = find_change (changes, UID ("cloture"), CRN_CHANGE_NEW);
  g_assert_nonnull (c);
  g_assert_nonnull (strstr (c->sentence, "is back"));
  g_assert_true (crn_publication_lookup (rev4, UID ("visite"))->cancelled);
  g_assert_cmpuint (crn_publication_get_sequence (rev4, UID ("atelier-cooperation-2")), ==, 2);
  g_ptr_array_unref (changes);
}

static void
test_publication_data (void)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  spec.bad_text = TRUE;
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  spec.drop_closing = TRUE;
  g_autoptr (CrnEvent) ev2 = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt2 = crn_fixture_timetable (ev2, &spec);
  g_autoptr (CrnPublication) rev1 = crn_revision_compute (NULL, tt, 1000, NULL);
  g_autoptr (CrnPublication) pub = crn_revision_compute (rev1, tt2, 2000, NULL);

  gsize length = 0;
  g_autofree char *data = crn_publication_to_data (pub, &length);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnPublication) back = crn_publication_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->published, ==, 2000);
  g_assert_cmpuint (back->items->len, ==, pub->items->len);
  for (guint i = 0; i < pub->items->len; i++) {
    CrnPublishedItem *a = g_ptr_array_index (pub->items, i);
    CrnPublishedItem *b = g_ptr_array_index (back->items, i);
    g_assert_cmpstr (a->uid, ==, b->uid);
    g_assert_cmpstr (a->session_id, ==, b->session_id);
    g_assert_cmpstr (a->break_id, ==, b->break_id);
    g_assert_cmpuint (a->occurrence, ==, b->occurrence);
    g_assert_cmpstr (a->title, ==, b->title);
    g_assert_cmpstr (a->room_id, ==, b->room_id);
    g_assert_cmpstr (a->location, ==, b->location);
    g_assert_cmpint (a->start, ==, b->start);
    g_assert_cmpint (a->end, ==, b->end);
    g_assert_cmpstrv (a->people, b->people);
    g_assert_cmpstrv (a->partners, b->partners);
    g_assert_cmpstr (a->digest, ==, b->digest);
    g_assert_cmpuint (a->sequence, ==, b->sequence);
    g_assert_cmpint (a->last_modified, ==, b->last_modified);
    g_assert_cmpint (a->cancelled, ==, b->cancelled);
  }
  /* Same data, same calendar. */
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.publication = pub;
  g_autofree char *one = write_calendar (tt2, &opts);
  opts.publication = back;
  g_autofree char *two = write_calendar (tt2, &opts);
  g_assert_cmpstr (one, ==, two);

  g_assert_null (crn_publication_from_data ("[Publication]\nVersion=1\n", -1, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Published"));
}

static void
test_uid_clash (void)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (GError) error = NULL;
  /* "atelier-cooperation" has two occurrences: -1 and -2. */
  CrnSession *s = crn_event_add_session (ev, "atelier-cooperation-2", &error);
  g_assert_no_error (error);
  s->duration = 30;
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  CrnAssignment *a = crn_timetable_lookup (tt, "atelier-cooperation-2", 1);
  a->room = crn_event_lookup_room (ev, "amphi");
  a->start = crn_time_from_ymd_hm (2018, 11, 27, 9, 0);
  a->assigned = TRUE;
  g_assert_null (crn_ical_write (tt, NULL, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "atelier-cooperation-2@journees-test.creneau"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  icalerror_set_errors_are_fatal (0);
  g_test_add ("/ical/writer/calendar-properties", Fixture, NULL, fixture_set_up,
              test_calendar_properties, fixture_tear_down);
  g_test_add ("/ical/writer/vevents", Fixture, NULL, fixture_set_up, test_vevents,
              fixture_tear_down);
  g_test_add ("/ical/writer/scopes", Fixture, NULL, fixture_set_up, test_scopes,
              fixture_tear_down);
  g_test_add ("/ical/writer/public-breaks", Fixture, NULL, fixture_set_up, test_breaks,
              fixture_tear_down);
  g_test_add ("/ical/writer/libical-roundtrip", Fixture, NULL, fixture_set_up, test_roundtrip,
              fixture_tear_down);
  g_test_add_func ("/ical/writer/bad-text", test_bad_text);
  g_test_add_func ("/ical/writer/fold-boundary", test_fold_boundary);
  g_test_add_func ("/ical/writer/random-text", test_random_text);
  g_test_add_func ("/ical/writer/utc-zone", test_utc_zone);
  g_test_add_func ("/ical/writer/unknown-zone", test_bad_zone);
  g_test_add_func ("/ical/writer/uid-clash", test_uid_clash);
  g_test_add_func ("/ical/revision/sequence-and-cancelled", test_revision);
  g_test_add_func ("/ical/publication/storage", test_publication_data);
  return g_test_run ();
}
