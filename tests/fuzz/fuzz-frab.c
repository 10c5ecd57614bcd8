/* Fuzz target: the frab schedule.xml reader.
 *
 * The input is the file. A schedule that parses is turned into an event and
 * its original timetable, as creneau-bench frab does; that timetable is
 * written as schedule.xml again, which the reader must accept.
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "interchange/frab.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  crn_fuzz_setup_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnFrabSchedule) sched =
      crn_frab_parse ((const char *) data, (gssize) size, "fuzz.xml", &error);
  if (sched == NULL)
    return 0;
  g_autoptr (CrnEvent) event = crn_frab_build_event (sched, &error);
  if (event == NULL)
    return 0;
  g_autoptr (CrnTimetable) tt = crn_frab_original_timetable (sched, event);
  g_autofree char *xml = crn_frab_write (tt, "fuzz");
  g_autoptr (CrnFrabSchedule) again = crn_frab_parse (xml, -1, "written.xml", &error);
  if (again == NULL) {
    fprintf (stderr, "the written schedule does not read back: %s\n%s\n", error->message, xml);
    abort ();
  }
  return 0;
}
