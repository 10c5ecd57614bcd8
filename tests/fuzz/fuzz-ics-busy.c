/* Fuzz target: the busy time of one iCalendar file (speakers-ics).
 *
 * The input is the file. The event it is read for depends on the input's
 * length, so that all three zones are met without a format around the
 * bytes: Europe/Paris, America/New_York (a zone on the other side of UTC,
 * with different DST dates) or UTC, over three weeks around the fixtures'
 * dates (2018-11-19 to 2018-12-10).
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <libical/ical.h>

#include "ics-busy.h"

static GTimeZone *zones[3];
static CrnTime span_start, span_end;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  crn_fuzz_setup_logging ();
  static const char *const names[] = { "Europe/Paris", "America/New_York", "UTC" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    zones[i] = g_time_zone_new_identifier (names[i]);
  if (zones[0] == NULL || zones[1] == NULL || zones[2] == NULL ||
      !crn_time_parse_date ("2018-11-19", &span_start) ||
      !crn_time_parse_date ("2018-12-10", &span_end)) {
    fprintf (stderr, "fuzz-ics-busy: the system's time zones are missing\n");
    exit (1);
  }
  return 0;
}

static void
run_one (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) busy = crn_ics_busy_read (bytes, zones[size % 3], span_start, span_end,
                                               &error);
  if (busy == NULL) {
    if (error == NULL || error->message == NULL || *error->message == '\0') {
      fprintf (stderr, "crn_ics_busy_read failed without a sentence\n");
      abort ();
    }
    return;
  }
  /* What the plugin relies on: clipped to the span, sorted, not empty. */
  for (guint i = 0; i < busy->len; i++) {
    const CrnIcsBusy *b = &g_array_index (busy, CrnIcsBusy, i);
    if (b->start < span_start || b->end > span_end || b->start >= b->end ||
        (i > 0 && g_array_index (busy, CrnIcsBusy, i - 1).start > b->start)) {
      fprintf (stderr, "busy interval %u out of contract\n", i);
      abort ();
    }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  run_one (data, size);
  /* libical keeps its recent strings in a ring that it frees later: emptied
   * after each input, only real leaks leave allocations behind (libFuzzer
   * runs the slow leak checker after any input that leaves some). */
  icalmemory_free_ring ();
  return 0;
}
