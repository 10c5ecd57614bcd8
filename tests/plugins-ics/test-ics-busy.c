/* Busy time read from iCalendar files shaped like real exports.
 *
 * Unless said otherwise the event is in Europe/Paris and spans Monday
 * 2018-11-26 00:00 to Saturday 2018-12-01 00:00. Paris is on CET (UTC+1)
 * that week; every expected interval below is worked out by hand in the
 * comment beside it.
 */
#include <creneau/time.h>
#include <string.h>
#include <time.h>

#include "ics-busy.h"

typedef struct {
  GTimeZone *tz;
  CrnTime start;
  CrnTime end;
} Span;

static Span
span_of (const char *zone, const char *first_day, const char *day_after)
{
  Span s = { g_time_zone_new_identifier (zone), 0, 0 };
  g_assert_nonnull (s.tz);
  g_assert_true (crn_time_parse_date (first_day, &s.start));
  g_assert_true (crn_time_parse_date (day_after, &s.end));
  return s;
}

static Span
paris_week (void)
{
  return span_of ("Europe/Paris", "2018-11-26", "2018-12-01");
}

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plugins-ics", "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *text;
  gsize len;
  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (text, len);
}

/* "2018-11-26 09:00-10:00", or both ends in full when the days differ;
 * " tentative" for BUSY-TENTATIVE. */
static char *
format_busy (const CrnIcsBusy *b)
{
  g_autofree char *start = crn_time_format (b->start);
  g_autofree char *end = crn_time_day_start (b->start) == crn_time_day_start (b->end - 1) &&
                                 crn_time_minute_of_day (b->end) != 0
                             ? crn_time_format_clock (b->end)
                             : crn_time_format (b->end);
  return g_strdup_printf ("%s-%s%s", start, end, b->kind == CRN_ICS_TENTATIVE ? " tentative" : "");
}

static char *
read_busy_text (GBytes *bytes, Span span, GError **error)
{
  g_autoptr (GArray) busy = crn_ics_busy_read (bytes, span.tz, span.start, span.end, error);
  if (busy == NULL)
    return NULL;
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < busy->len; i++) {
    g_autofree char *one = format_busy (&g_array_index (busy, CrnIcsBusy, i));
    g_string_append_printf (s, "%s\n", one);
  }
  return g_string_free (s, FALSE);
}

static void
assert_busy (GBytes *bytes, Span span, const char *const *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = read_busy_text (bytes, span, &error);
  g_assert_no_error (error);
  g_autofree char *joined = g_strjoinv ("\n", (char **) expected);
  g_autofree char *want = *expected ? g_strconcat (joined, "\n", NULL) : g_strdup ("");
  g_assert_cmpstr (got, ==, want);
  g_time_zone_unref (span.tz);
}

static void
assert_fixture (const char *name, Span span, const char *const *expected)
{
  g_autoptr (GBytes) bytes = fixture (name);
  assert_busy (bytes, span, expected);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
assert_text (const char *ics, Span span, const char *const *expected)
{
  g_autoptr (GBytes) bytes = text_bytes (ics);
  assert_busy (bytes, span, expected);
}

static void
assert_error (GBytes *bytes, CrnIcsBusyError code, const char *fragment)
{
  Span span = paris_week ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) busy = crn_ics_busy_read (bytes, span.tz, span.start, span.end, &error);
  g_assert_null (busy);
  g_assert_error (error, CRN_ICS_BUSY_ERROR, (gint) code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("error \"%s\" does not mention \"%s\"", error->message, fragment);
  g_time_zone_unref (span.tz);
}

static void
assert_text_error (const char *ics, CrnIcsBusyError code, const char *fragment)
{
  g_autoptr (GBytes) bytes = text_bytes (ics);
  assert_error (bytes, code, fragment);
}

/* Google Calendar: UTC times, X-WR-TIMEZONE (only a hint, ignored), CRLF
 * lines and folded DESCRIPTION/ATTENDEE. */
static void
test_google (void)
{
  const char *const expected[] = {
    /* Weekly MO,WE,FR 08:00Z = 09:00 CET. Monday stays; Wednesday 28 is an
     * EXDATE; Friday 30 was moved by RECURRENCE-ID to 15:00Z = 16:00. */
    "2018-11-26 09:00-10:00",
    /* Single event 12:30Z-15:00Z. */
    "2018-11-27 13:30-16:00",
    "2018-11-30 16:00-17:00",
    /* Not here: the all-day birthday (TRANSP:TRANSPARENT), the daily rule
     * that ended on the 23rd, the 10 December event (after the span). */
    NULL,
  };
  assert_fixture ("google.ics", paris_week (), expected);
}

/* Thunderbird/Lightning: TZID=Europe/Paris with its VTIMEZONE, X-MOZ-*
 * properties, a VALARM, an all-day VALUE=DATE event. */
static void
test_thunderbird (void)
{
  const char *const expected[] = {
    /* Weekly on Mondays since 3 September (summer time): the wall clock
     * stays 08:30 after the October change, not 07:30. */
    "2018-11-26 08:30-09:30",
    "2018-11-28 14:00-17:30",
    /* VALUE=DATE 20181129 to 20181130: the whole Thursday. */
    "2018-11-29 00:00-2018-11-30 00:00",
    NULL,
  };
  assert_fixture ("thunderbird.ics", paris_week (), expected);
}

/* Evolution: /freeassociation.sourceforge.net/ TZIDs, one defined in the
 * file, one (Europe/London) only resolvable through the IANA name after the
 * prefix; DURATION instead of DTEND; RDATE. */
static void
test_evolution (void)
{
  const char *const expected[] = {
    "2018-11-26 11:30-12:30",
    /* 09:00 London (GMT) = 09:00Z = 10:00 Paris, DURATION PT1H30M. */
    "2018-11-27 10:00-11:30",
    /* DTSTART 5 November (before the span) plus RDATEs 28th 16:00 and
     * 30th 10:00, each lasting the DURATION of one hour. */
    "2018-11-28 16:00-17:00",
    "2018-11-30 10:00-11:00",
    NULL,
  };
  assert_fixture ("evolution.ics", paris_week (), expected);
}

/* Outlook: the Windows zone name "Romance Standard Time" exists only as the
 * file's VTIMEZONE (rules from 1601); X-MICROSOFT-CDO-BUSYSTATUS; a
 * TRANSP:TRANSPARENT lunch and a STATUS:CANCELLED audit are not busy. */
static void
test_outlook (void)
{
  const char *const expected[] = {
    /* Weekly on Tuesdays at 09:00 since 4 September, through the VTIMEZONE's
     * DST rules: still 09:00 in November. */
    "2018-11-27 09:00-10:00",
    "2018-11-27 14:00-16:00",
    NULL,
  };
  assert_fixture ("outlook.ics", paris_week (), expected);
}

/* A published VFREEBUSY: BUSY and BUSY-UNAVAILABLE are busy, BUSY-TENTATIVE
 * is only a preference, FREE is ignored, no FBTYPE means BUSY, and one
 * FREEBUSY line may carry several periods. */
static void
test_freebusy (void)
{
  const char *const expected[] = {
    /* 22:00Z on the 25th to 01:00Z: 23:00-02:00 Paris, cut at the span. */
    "2018-11-26 00:00-02:00",
    "2018-11-26 09:00-11:00",
    /* BUSY-UNAVAILABLE 07:00Z/PT2H. */
    "2018-11-27 08:00-10:00",
    "2018-11-27 14:00-16:00 tentative",
    /* One line, two periods: 14:00Z-14:30Z and 16:00Z/PT45M. */
    "2018-11-29 15:00-15:30",
    "2018-11-29 17:00-17:45",
    NULL,
  };
  assert_fixture ("freebusy.ics", paris_week (), expected);
}

/* America/New_York without VTIMEZONE (servers using RFC 7809 leave it
 * out): the IANA zone is used. Paris is 6 hours ahead in November. */
static void
test_new_york (void)
{
  const char *const expected[] = {
    /* Weekly MO,TU 09:00 EST = 14:00Z = 15:00 CET. */
    "2018-11-26 15:00-16:00",
    /* Monday 20:00-22:00 EST = Tuesday 01:00Z-03:00Z = 02:00-04:00 CET. */
    "2018-11-27 02:00-04:00",
    "2018-11-27 15:00-16:00",
    /* Floating 18:00 is the event's wall clock, not New York's. */
    "2018-11-27 18:00-19:00",
    NULL,
  };
  assert_fixture ("new-york.ics", paris_week (), expected);
}

/* The same weekly meeting in the fortnight when New York is already on
 * summer time (from 11 March) and Paris is not yet (until 25 March): the
 * gap is 5 hours, so 09:00 EDT = 13:00Z = 14:00 CET. */
static void
test_new_york_march (void)
{
  const char *const expected[] = {
    "2018-03-12 14:00-15:00",
    "2018-03-13 14:00-15:00",
    NULL,
  };
  assert_fixture ("new-york.ics", span_of ("Europe/Paris", "2018-03-12", "2018-03-14"), expected);
}

/* The Google file for an event in New York: the same instants on another
 * wall clock (Paris 09:00 = New York 03:00). */
static void
test_other_event_zone (void)
{
  const char *const expected[] = {
    "2018-11-26 03:00-04:00",
    "2018-11-27 07:30-10:00",
    "2018-11-30 10:00-11:00",
    NULL,
  };
  assert_fixture ("google.ics", span_of ("America/New_York", "2018-11-26", "2018-12-01"),
                  expected);
}

#define CAL(body) "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" body "END:VCALENDAR\r\n"

/* A cancelled occurrence sent as an override removes its instance and
 * adds nothing; a moved one is busy at its new time only. */
static void
test_cancelled_override (void)
{
  const char *ics = CAL ("BEGIN:VEVENT\r\nUID:daily\r\nDTSTART;TZID=Europe/Paris:20181126T120000\r\n"
                         "DTEND;TZID=Europe/Paris:20181126T130000\r\nRRULE:FREQ=DAILY;COUNT=4\r\n"
                         "END:VEVENT\r\n"
                         "BEGIN:VEVENT\r\nUID:daily\r\nRECURRENCE-ID;TZID=Europe/Paris:20181127T120000\r\n"
                         "DTSTART;TZID=Europe/Paris:20181127T120000\r\n"
                         "DTEND;TZID=Europe/Paris:20181127T130000\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
                         "BEGIN:VEVENT\r\nUID:daily\r\nRECURRENCE-ID:20181128T110000Z\r\n"
                         "DTSTART;TZID=Europe/Paris:20181128T070000\r\n"
                         "DTEND;TZID=Europe/Paris:20181128T080000\r\nEND:VEVENT\r\n");
  const char *const expected[] = {
    /* COUNT=4: 26, 27 (cancelled), 28 (moved to 07:00; its RECURRENCE-ID
     * is given in UTC, 11:00Z = 12:00 Paris), 29. */
    "2018-11-26 12:00-13:00",
    "2018-11-28 07:00-08:00",
    "2018-11-29 12:00-13:00",
    NULL,
  };
  assert_text (ics, paris_week (), expected);
}

/* A rule started 58 years before the event must not count those years
 * against the expansion limit (10,757 steps from the start). */
static void
test_long_ago (void)
{
  const char *ics = CAL ("BEGIN:VEVENT\r\nUID:old\r\nDTSTART;VALUE=DATE:19600101\r\n"
                         "RRULE:FREQ=DAILY;INTERVAL=2\r\nEND:VEVENT\r\n");
  const char *const expected[] = {
    /* Every other day from 1960-01-01: 2018-11-26 is day 21514 after it,
     * an even number, so the 26th, 28th and 30th. */
    "2018-11-26 00:00-2018-11-27 00:00",
    "2018-11-28 00:00-2018-11-29 00:00",
    "2018-11-30 00:00-2018-12-01 00:00",
    NULL,
  };
  assert_text (ics, paris_week (), expected);
}

/* Two calendars in one file, as some tools concatenate them. */
static void
test_two_calendars (void)
{
  const char *ics = CAL ("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20181126T100000Z\r\n"
                         "DURATION:PT30M\r\nEND:VEVENT\r\n")
      CAL ("BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20181127T100000Z\r\nDURATION:PT30M\r\nEND:VEVENT\r\n");
  const char *const expected[] = {
    "2018-11-26 11:00-11:30",
    "2018-11-27 11:00-11:30",
    NULL,
  };
  assert_text (ics, paris_week (), expected);
}

static void
test_bad_not_ical (void)
{
  assert_text_error ("Nom;Début;Fin\nCaron;26/11 10h;26/11 12h\n", CRN_ICS_BUSY_ERROR_MALFORMED,
                     "not an iCalendar file");
}

static void
test_bad_truncated (void)
{
  assert_text_error ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                     "DTSTART:20181126T100000Z\r\n",
                     CRN_ICS_BUSY_ERROR_MALFORMED, "not an iCalendar file");
}

static void
test_bad_malformed (void)
{
  g_autoptr (GBytes) bytes = fixture ("malformed.ics");
  assert_error (bytes, CRN_ICS_BUSY_ERROR_MALFORMED, "\"Atelier\" (UID broken-1)");
}

static void
test_bad_no_dtstart (void)
{
  assert_text_error (CAL ("BEGIN:VEVENT\r\nUID:nostart\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n"),
                     CRN_ICS_BUSY_ERROR_MALFORMED, "has no DTSTART");
}

static void
test_bad_timezone (void)
{
  assert_text_error (CAL ("BEGIN:VEVENT\r\nUID:mars\r\nDTSTART;TZID=Mars/Olympus_Mons:20181126T100000\r\n"
                          "END:VEVENT\r\n"),
                     CRN_ICS_BUSY_ERROR_TIMEZONE, "\"Mars/Olympus_Mons\"");
  /* A TZID that looks like a path is never looked up. */
  assert_text_error (CAL ("BEGIN:VEVENT\r\nUID:p\r\nDTSTART;TZID=../../../etc/passwd:20181126T100000\r\n"
                          "END:VEVENT\r\n"),
                     CRN_ICS_BUSY_ERROR_TIMEZONE, "\"../../../etc/passwd\"");
}

static void
test_bad_too_large (void)
{
  /* Valid iCalendar padded with a long comment-like X- property: the size
   * alone is refused, before any parsing. */
  GString *s = g_string_new (CAL ("BEGIN:VEVENT\r\nUID:big\r\nDTSTART:20181126T100000Z\r\nEND:VEVENT\r\n"));
  while (s->len <= CRN_LIMIT_CALENDAR_BYTES)
    g_string_append (s, "X-PADDING:0123456789012345678901234567890123456789012345678901234567\r\n");
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
  assert_error (bytes, CRN_ICS_BUSY_ERROR_TOO_LARGE, "over the limit of 5 MiB");
}

static void
test_bad_too_many (void)
{
  /* Every minute from a week before: over 10,000 steps before the span. */
  const char *ics = CAL ("BEGIN:VEVENT\r\nUID:m\r\nDTSTART:20181119T000000Z\r\nDURATION:PT1M\r\n"
                         "RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n");
  /* Sanitizer builds (CRENEAU_TIME_MULTIPLIER) on a loaded machine may
   * reach the time limit on the way: the other limit, as it should. */
  const char *mult = g_getenv ("CRENEAU_TIME_MULTIPLIER");
  if (mult != NULL && g_ascii_strtoll (mult, NULL, 10) > 1) {
    Span span = paris_week ();
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) bytes = text_bytes (ics);
    g_autoptr (GArray) busy = crn_ics_busy_read (bytes, span.tz, span.start, span.end, &error);
    g_time_zone_unref (span.tz);
    g_assert_null (busy);
    g_assert_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TOO_MANY_INSTANCES);
    g_test_message ("%s", error->message);
    g_assert_true (strstr (error->message, "more than 10000 occurrences") != NULL ||
                   strstr (error->message, "s to expand") != NULL);
    return;
  }
  assert_text_error (ics, CRN_ICS_BUSY_ERROR_TOO_MANY_INSTANCES, "more than 10000 occurrences");
}

/* Rules no day satisfies, on which libical's iterator would spin for
 * minutes, are refused before iterating. */
static void
test_bad_unsupported_rule (void)
{
  gint64 start = g_get_monotonic_time ();
  assert_text_error (CAL ("BEGIN:VEVENT\r\nUID:h\r\nDTSTART:20000101T090000Z\r\n"
                          "RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"),
                     CRN_ICS_BUSY_ERROR_UNSUPPORTED, "repeating HOURLY with BY");
  assert_text_error (CAL ("BEGIN:VEVENT\r\nUID:d\r\nDTSTART:20000101T090000Z\r\n"
                          "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=8,9,10;BYMINUTE=0,30\r\n"
                          "END:VEVENT\r\n"),
                     CRN_ICS_BUSY_ERROR_UNSUPPORTED, "giving 6 times of day");
  assert_text_error (CAL ("BEGIN:VTIMEZONE\r\nTZID:Fast\r\nBEGIN:STANDARD\r\n"
                          "DTSTART:16010101T000000\r\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r\n"
                          "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                          "BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=Fast:20181126T090000\r\nEND:VEVENT\r\n"),
                     CRN_ICS_BUSY_ERROR_UNSUPPORTED, "time zone rules must be yearly");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

/* n_zones VTIMEZONEs written as Outlook does (rules from 1601, Paris's
 * offsets), named Z0, Z1...; then the events, in body. */
static GString *
outlook_zones (guint n_zones)
{
  GString *s = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
  for (guint i = 0; i < n_zones; i++)
    g_string_append_printf (
        s,
        "BEGIN:VTIMEZONE\r\nTZID:Z%u\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n", i);
  return s;
}

static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

/* Found by fuzzing: libical expands a zone's rules only up to 2582 and, for
 * any later time, all over again from their DTSTART, on every conversion;
 * 500 events ending in the far future took about 10 s of CPU. They are read
 * at once now, and busy from their start to the end of the span. */
static void
test_far_future (void)
{
  GString *s = outlook_zones (4);
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (s,
                            "BEGIN:VEVENT\r\nUID:far%u\r\nDTSTART;TZID=Z%u:20181127T090000\r\n"
                            "DTEND;TZID=Z%u:%04u0101T000000\r\nEND:VEVENT\r\n",
                            i, i % 4, i % 4, 9999 - i);
  g_string_append (s, "END:VCALENDAR\r\n");
  g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
  Span span = paris_week ();
  double cpu = cpu_seconds ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) busy = crn_ics_busy_read (bytes, span.tz, span.start, span.end, &error);
  cpu = cpu_seconds () - cpu;
  g_assert_no_error (error);
  g_assert_cmpuint (busy->len, ==, 500);
  CrnTime nine;
  g_assert_true (crn_time_parse ("2018-11-27 09:00", &nine));
  for (guint i = 0; i < busy->len; i++) {
    const CrnIcsBusy *b = &g_array_index (busy, CrnIcsBusy, i);
    g_assert_cmpint (b->start, ==, nine);
    g_assert_cmpint (b->end, ==, span.end);
  }
  const char *mult = g_getenv ("CRENEAU_TIME_MULTIPLIER");
  double limit = 1.0 * (mult ? MAX (1, g_ascii_strtoll (mult, NULL, 10)) : 1);
  g_test_message ("500 far-future events read in %.3f s of CPU", cpu);
  g_assert_cmpfloat (cpu, <, limit);
  g_time_zone_unref (span.tz);
}

/* Expanding a zone costs a step per year of each rule from its DTSTART: 23
 * zones as Outlook writes them (2 rules from 1601, up to 2028 for an event
 * in 2018: 19,688 years) are read, 24 are refused. */
static void
test_bad_zone_years (void)
{
  for (guint n = 23; n <= 24; n++) {
    GString *s = outlook_zones (n);
    g_string_append_printf (s, "BEGIN:VEVENT\r\nUID:last\r\nDTSTART;TZID=Z%u:20181127T090000\r\n"
                               "DTEND;TZID=Z%u:20181127T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                            n - 1, n - 1);
    g_autoptr (GBytes) bytes = g_string_free_to_bytes (s);
    if (n == 23) {
      const char *const expected[] = { "2018-11-27 09:00-10:00", NULL };
      assert_busy (bytes, paris_week (), expected);
    } else {
      assert_error (bytes, CRN_ICS_BUSY_ERROR_UNSUPPORTED,
                    "\": the file's time zones have more than 20000 years of "
                    "yearly changes up to 2028 (each rule counted from its DTSTART), the limit");
    }
  }
}

static void
test_empty_span (void)
{
  Span span = paris_week ();
  g_autoptr (GBytes) bytes = fixture ("google.ics");
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) busy = crn_ics_busy_read (bytes, span.tz, span.start, span.start, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (busy->len, ==, 0);
  g_time_zone_unref (span.tz);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ics-busy/google", test_google);
  g_test_add_func ("/ics-busy/thunderbird", test_thunderbird);
  g_test_add_func ("/ics-busy/evolution", test_evolution);
  g_test_add_func ("/ics-busy/outlook", test_outlook);
  g_test_add_func ("/ics-busy/freebusy", test_freebusy);
  g_test_add_func ("/ics-busy/new-york", test_new_york);
  g_test_add_func ("/ics-busy/new-york-march", test_new_york_march);
  g_test_add_func ("/ics-busy/other-event-zone", test_other_event_zone);
  g_test_add_func ("/ics-busy/cancelled-override", test_cancelled_override);
  g_test_add_func ("/ics-busy/long-ago", test_long_ago);
  g_test_add_func ("/ics-busy/two-calendars", test_two_calendars);
  g_test_add_func ("/ics-busy/empty-span", test_empty_span);
  g_test_add_func ("/ics-busy/bad/not-ical", test_bad_not_ical);
  g_test_add_func ("/ics-busy/bad/truncated", test_bad_truncated);
  g_test_add_func ("/ics-busy/bad/malformed", test_bad_malformed);
  g_test_add_func ("/ics-busy/bad/no-dtstart", test_bad_no_dtstart);
  g_test_add_func ("/ics-busy/bad/timezone", test_bad_timezone);
  g_test_add_func ("/ics-busy/bad/too-large", test_bad_too_large);
  g_test_add_func ("/ics-busy/bad/too-many", test_bad_too_many);
  g_test_add_func ("/ics-busy/bad/unsupported-rule", test_bad_unsupported_rule);
  g_test_add_func ("/ics-busy/bad/zone-years", test_bad_zone_years);
  g_test_add_func ("/ics-busy/far-future", test_far_future);
  return g_test_run ();
}
