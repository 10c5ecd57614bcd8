/* libical's time zones from several threads at once, as in creneaud: the
 * main thread writes feeds (crn_ical_write: built-in zones, VTIMEZONE
 * clones) while LoadEvent threads read speakers' calendars through the
 * speakers-ics plugin (TZID lookups and conversions in built-in zones). The
 * solver threads never call libical.
 *
 * Every zone is first loaded here by threads racing each other; each result
 * must equal the one a single thread gets afterwards. libical 3.0 guards its
 * built-in zone table and each zone's transitions with its own mutexes; this
 * test is what would notice if that stopped holding. */
#include "config.h"

#include "fixture.h"
#include "ical/writer.h"

#include <libical/ical.h>
#include <string.h>

static const char *const zones[] = {
  "Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "Indian/Reunion",
  "America/Sao_Paulo", "Africa/Casablanca", "Pacific/Auckland",
};

#define ROUNDS 15
#define DTSTAMP 1700000000

typedef struct {
  const char *zone;
  CrnEvent *event;
  CrnTimetable *timetable;
  gboolean writer;       /* else: a reader of a speaker's calendar */
  char *calendar;        /* writer: the last calendar written */
  gint64 busy[4];        /* reader: the busy periods' starts, Unix seconds */
  gboolean same;         /* every round gave the same result */
} Job;

static GMutex gate_lock;
static GCond gate_cond;
static gboolean gate_open;

static char *
write_calendar (const Job *job)
{
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.dtstamp = DTSTAMP;
  opts.public_breaks = TRUE;
  g_autoptr (GError) error = NULL;
  char *text = crn_ical_write (job->timetable, &opts, &error);
  g_assert_no_error (error);
  return text;
}

/* What speakers-ics does with a TZID that has no VTIMEZONE in the file:
 * libical's built-in zone, then a conversion to Unix time. */
static void
read_busy (const char *zone, gint64 out[4])
{
  g_autofree char *text = g_strdup_printf (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20180101T000000Z\r\n"
    "DTSTART;TZID=%s:20180325T013000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@test\r\nDTSTAMP:20180101T000000Z\r\n"
    "DTSTART;TZID=%s:20181028T023000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:c@test\r\nDTSTAMP:20180101T000000Z\r\n"
    "DTSTART;TZID=%s:20181127T090000\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:d@test\r\nDTSTAMP:20180101T000000Z\r\n"
    "DTSTART;TZID=%s:20300614T120000\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n", zone, zone, zone, zone);
  icalcomponent *cal = icalparser_parse_string (text);
  g_assert_nonnull (cal);
  guint n = 0;
  for (icalcomponent *ve = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
       ve != NULL && n < 4; ve = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT)) {
    icalproperty *p = icalcomponent_get_first_property (ve, ICAL_DTSTART_PROPERTY);
    struct icaltimetype t = icalproperty_get_dtstart (p);
    icaltimezone *z = icaltimezone_get_builtin_timezone (zone);
    g_assert_nonnull (z);
    out[n++] = icaltime_as_timet_with_zone (t, z);
  }
  g_assert_cmpuint (n, ==, 4);
  icalcomponent_free (cal);
}

static gpointer
run_job (gpointer data)
{
  Job *job = data;
  g_mutex_lock (&gate_lock);
  while (!gate_open)
    g_cond_wait (&gate_cond, &gate_lock);
  g_mutex_unlock (&gate_lock);
  job->same = TRUE;
  for (guint r = 0; r < ROUNDS; r++) {
    if (job->writer) {
      char *text = write_calendar (job);
      if (job->calendar != NULL && strcmp (text, job->calendar) != 0)
        job->same = FALSE;
      g_free (job->calendar);
      job->calendar = text;
    } else {
      gint64 busy[4];
      read_busy (job->zone, busy);
      if (r > 0 && memcmp (busy, job->busy, sizeof busy) != 0)
        job->same = FALSE;
      memcpy (job->busy, busy, sizeof busy);
    }
  }
  return NULL;
}

static void
test_zones_from_threads (void)
{
  guint n = G_N_ELEMENTS (zones) * 2;
  g_autofree Job *jobs = g_new0 (Job, n);
  g_autofree GThread **threads = g_new0 (GThread *, n);
  for (guint i = 0; i < n; i++) {
    Job *job = &jobs[i];
    job->zone = zones[i / 2];
    job->writer = i % 2 == 0;
    if (job->writer) {
      CrnFixtureSpec spec;
      crn_fixture_spec_init (&spec);
      spec.timezone = job->zone;
      job->event = crn_fixture_event (&spec);
      job->timetable = crn_fixture_timetable (job->event, &spec);
    }
    threads[i] = g_thread_new ("ical", run_job, job);
  }
  g_mutex_lock (&gate_lock);
  gate_open = TRUE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);

  /* The same work again on one thread, every zone loaded by now. */
  for (guint i = 0; i < n; i++) {
    Job *job = &jobs[i];
    g_assert_true (job->same);
    if (job->writer) {
      g_autofree char *again = write_calendar (job);
      g_assert_cmpstr (job->calendar, ==, again);
      g_autofree char *tzid = g_strdup_printf ("TZID:%s\r\n", job->zone);
      g_assert_nonnull (strstr (again, tzid));
      g_free (job->calendar);
      crn_timetable_free (job->timetable);
      crn_event_free (job->event);
    } else {
      gint64 again[4];
      read_busy (job->zone, again);
      g_assert_cmpmem (job->busy, sizeof job->busy, again, sizeof again);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/feeds/ical-zones-from-threads", test_zones_from_threads);
  return g_test_run ();
}
