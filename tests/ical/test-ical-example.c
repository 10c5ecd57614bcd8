/* creneau tests — calendars of the solved journees-2018 example. */
#include "config.h"

#include "calcheck.h"
#include "example.h"
#include "ical/revision.h"
#include "ical/writer.h"

#include <string.h>

static CrnEvent *event;
static CrnTimetable *timetable;

static guint
count_assigned (const CrnTimetable *tt, const char *person, const char *room,
                const char *partner)
{
  guint n = 0;
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    const CrnSession *s = a->session;
    gboolean in = a->assigned;
    if (in && person) {
      in = FALSE;
      for (guint k = 0; k < s->speakers->len; k++)
        in |= g_str_equal (((CrnPerson *) g_ptr_array_index (s->speakers, k))->id, person);
      for (guint k = 0; k < s->moderators->len; k++)
        in |= g_str_equal (((CrnPerson *) g_ptr_array_index (s->moderators, k))->id, person);
    }
    if (in && room)
      in = a->room && g_str_equal (a->room->id, room);
    if (in && partner) {
      in = FALSE;
      for (guint k = 0; k < s->partners->len; k++)
        in |= g_str_equal (((CrnPartner *) g_ptr_array_index (s->partners, k))->id, partner);
    }
    n += in;
  }
  return n;
}

static void
check_times (icalcomponent *cal, const CrnTimetable *tt)
{
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    g_autofree char *uid = crn_ical_session_uid (tt->event, a->session, a->occurrence);
    icalcomponent *ve = crn_check_find_vevent (cal, uid);
    if (ve == NULL)
      continue;
    g_assert_cmpint (crn_check_resolve_time (cal, icalcomponent_get_first_property (
                                                    ve, ICAL_DTSTART_PROPERTY)),
                     ==, crn_time_to_unix (a->start, tt->event->timezone));
    g_assert_cmpint (crn_check_resolve_time (cal, icalcomponent_get_first_property (
                                                    ve, ICAL_DTEND_PROPERTY)),
                     ==, crn_time_to_unix (a->start + a->session->duration, tt->event->timezone));
  }
}

static void
test_whole_event (void)
{
  g_assert_cmpuint (count_assigned (timetable, NULL, NULL, NULL), ==,
                    crn_event_count_occurrences (event));
  guint public_breaks = 0;
  for (guint i = 0; i < event->breaks->len; i++)
    public_breaks += ((CrnBreak *) g_ptr_array_index (event->breaks, i))->is_public;
  g_assert_cmpuint (public_breaks, >, 0);

  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.public_breaks = TRUE;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = crn_ical_write (timetable, &opts, &error);
  g_assert_no_error (error);
  icalcomponent *cal = crn_check_parse (text);
  g_assert_cmpuint (crn_check_count_vevents (cal), ==,
                    crn_event_count_occurrences (event) + public_breaks);
  crn_check_vevents_complete (cal);
  check_times (cal, timetable);
  g_assert_cmpstr (crn_check_calendar_x (cal, "X-WR-CALNAME"), ==, event->name);
  icalcomponent *ve = crn_check_find_vevent (cal, "ouverture@journees-2018.creneau");
  g_assert_nonnull (ve);
  g_assert_cmpstr (icalcomponent_get_summary (ve), ==, "Ouverture");
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Paris:20181126T100000\r\n"));
  icalcomponent_free (cal);
}

static void
test_every_scope (void)
{
  guint calendars = 0;
  for (guint kind = 0; kind < 3; kind++) {
    GPtrArray *list = kind == 0 ? event->people : kind == 1 ? event->rooms : event->partners;
    for (guint i = 0; i < list->len; i++) {
      /* id is the second field of every resource. */
      const char *id = kind == 0 ? ((CrnPerson *) g_ptr_array_index (list, i))->id
                     : kind == 1 ? ((CrnRoom *) g_ptr_array_index (list, i))->id
                                 : ((CrnPartner *) g_ptr_array_index (list, i))->id;
      CrnIcalOptions opts;
      crn_ical_options_init (&opts);
      opts.person = kind == 0 ? id : NULL;
      opts.room = kind == 1 ? id : NULL;
      opts.partner = kind == 2 ? id : NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = crn_ical_write (timetable, &opts, &error);
      g_assert_no_error (error);
      icalcomponent *cal = crn_check_parse (text);
      g_assert_cmpuint (crn_check_count_vevents (cal), ==,
                        count_assigned (timetable, opts.person, opts.room, opts.partner));
      crn_check_vevents_complete (cal);
      check_times (cal, timetable);
      icalcomponent_free (cal);
      calendars++;
    }
  }
  g_test_message ("%u scoped calendars checked", calendars);
  g_assert_cmpuint (calendars, >, 10);
}

/* A second publication after moving one workshop by a day's slot and
 * dropping one occurrence from the timetable. */
static void
test_revision (void)
{
  g_autoptr (CrnPublication) rev1 = crn_revision_compute (NULL, timetable, 1543000000, NULL);
  g_autoptr (CrnTimetable) tt2 = crn_timetable_copy (timetable);
  CrnAssignment *moved = crn_timetable_lookup (tt2, "atelier-cooperation", 1);
  g_assert_nonnull (moved);
  moved->start += 30;
  CrnAssignment *gone = crn_timetable_lookup (tt2, "ouverture", 1);
  gone->assigned = FALSE;
  GPtrArray *changes = NULL;
  g_autoptr (CrnPublication) rev2 = crn_revision_compute (rev1, tt2, 1543100000, &changes);
  g_assert_cmpuint (changes->len, ==, 2);
  for (guint i = 0; i < rev2->items->len; i++) {
    CrnPublishedItem *it = g_ptr_array_index (rev2->items, i);
    guint expected = g_str_has_prefix (it->uid, "atelier-cooperation@")
                     || g_str_has_prefix (it->uid, "ouverture@") ? 1 : 0;
    g_assert_cmpuint (it->sequence, ==, expected);
    g_assert_cmpint (it->cancelled, ==, g_str_has_prefix (it->uid, "ouverture@"));
  }
  for (guint i = 0; i < changes->len; i++)
    g_test_message ("%s", ((CrnChange *) g_ptr_array_index (changes, i))->sentence);
  g_ptr_array_unref (changes);

  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.publication = rev2;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = crn_ical_write (tt2, &opts, &error);
  g_assert_no_error (error);
  icalcomponent *cal = crn_check_parse (text);
  crn_check_vevents_complete (cal);
  icalcomponent *ve = crn_check_find_vevent (cal, "ouverture@journees-2018.creneau");
  g_assert_cmpint (icalcomponent_get_status (ve), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpint (crn_check_count_vevents (cal), ==, crn_event_count_occurrences (event));
  icalcomponent_free (cal);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  icalerror_set_errors_are_fatal (0);
  g_autofree char *dir = g_build_filename (g_getenv ("CRENEAU_SOURCE_ROOT"), "data", "examples",
                                           "journees-2018", NULL);
  g_autoptr (GError) error = NULL;
  if (!crn_example_solve (dir, &event, &timetable, &error))
    g_error ("%s", error->message);
  g_test_add_func ("/ical/example/whole-event", test_whole_event);
  g_test_add_func ("/ical/example/every-scope", test_every_scope);
  g_test_add_func ("/ical/example/revision", test_revision);
  int rc = g_test_run ();
  crn_timetable_free (timetable);
  crn_event_free (event);
  return rc;
}
