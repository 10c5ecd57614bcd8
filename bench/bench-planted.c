/* creneau-bench planted — solve an event directory made by gen-planted and
 * say how long the search took to reach zero hard violations, next to the
 * cost of the planted timetable (which has none, by construction). */
#include "config.h"

#include "bench.h"
#include "interchange/csv.h"
#include "solver/solver.h"

#include <stdio.h>

static int
run (const char *dir, const CrnBenchSolveArgs *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = NULL;
  double read_seconds = 0;
  g_autoptr (CrnEvent) event = crn_bench_read_event ("planted", dir, NULL, &files, &read_seconds);
  if (event == NULL)
    return 1;

  GBytes *planted_bytes = crn_event_files_lookup (files, "planted.csv");
  if (planted_bytes) {
    gsize len = 0;
    const char *text = g_bytes_get_data (planted_bytes, &len);
    g_autoptr (CrnTimetable) planted =
        crn_csv_read_timetable (event, text, (gssize) len, "planted.csv", &error);
    if (planted == NULL) {
      fprintf (stderr, "creneau-bench planted: %s.\n", error->message);
      return 1;
    }
    crn_evaluate (planted, NULL);
    printf ("# planted: hard=%u soft=%" G_GUINT64_FORMAT "\n", planted->hard, planted->soft);
    for (guint i = 0; i < planted->violations->len && i < 5; i++) {
      const CrnViolation *v = g_ptr_array_index (planted->violations, i);
      if (v->severity == CRN_VIOLATION_HARD)
        printf ("#   %s\n", v->message);
    }
  }
  printf ("# %s: %u sessions, %u rooms, %u people, %u days; read in %.2f s\n", event->id,
          event->sessions->len, event->rooms->len, event->people->len, event->days->len,
          read_seconds);
  fflush (stdout);

  CrnBenchProgress progress = CRN_BENCH_PROGRESS_INIT;
  double seconds;
  g_autoptr (CrnTimetable) tt = crn_bench_solve (event, args, &progress, &seconds);
  crn_bench_print_zero_hard (&progress, tt->hard, seconds);
  return crn_bench_finish_event ("planted", event, tt, args, seconds);
}

int
crn_bench_planted (int argc, char **argv)
{
  CrnBenchSolveArgs args = { 0 };
  if (!crn_bench_parse_args ("planted", "DIR", &argc, &argv, &args, NULL))
    return 2;
  int status;
  if (argc == 2)
    status = run (argv[1], &args);
  else {
    fprintf (stderr, "Usage: creneau-bench planted DIR [--time-limit S] [--seed N] "
             "[--iterations N] [-o FILE.csv]\n");
    status = 2;
  }
  crn_bench_solve_args_clear (&args);
  return status;
}
