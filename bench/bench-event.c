/* creneau-bench event — solve an event directory offline, plugins
 * included, and write the timetable as CSV. */
#include "config.h"

#include "bench.h"
#include "solver/check.h"
#include "solver/solver.h"

#include <stdio.h>

static int
run (const char *dir, const char *plugin_dir, const CrnBenchSolveArgs *args)
{
  g_autoptr (CrnEvent) event = crn_bench_read_event ("event", dir, plugin_dir, NULL, NULL);
  if (event == NULL)
    return 1;

  /* What can never fit is said before solving; the solve still returns
   * its best timetable. */
  g_autoptr (GPtrArray) findings = crn_check_event (event, NULL);
  g_auto (GStrv) lines = crn_check_format (findings);
  for (guint i = 0; lines[i]; i++)
    fprintf (stderr, "check: %s\n", lines[i]);

  CrnBenchProgress progress = CRN_BENCH_PROGRESS_INIT;
  double seconds;
  g_autoptr (CrnTimetable) tt = crn_bench_solve (event, args, &progress, &seconds);
  crn_bench_print_zero_hard (&progress, tt->hard, seconds);
  return crn_bench_finish_event ("event", event, tt, args, seconds);
}

int
crn_bench_event (int argc, char **argv)
{
  g_autofree char *plugin_dir = NULL;
  const GOptionEntry extra[] = {
    { "plugin-dir", 0, 0, G_OPTION_ARG_FILENAME, &plugin_dir,
      "Load plugins from DIR (default: $CRENEAU_PLUGIN_DIR, else the installed ones)", "DIR" },
    { NULL },
  };
  CrnBenchSolveArgs args = { 0 };
  if (!crn_bench_parse_args ("event", "DIR", &argc, &argv, &args, extra))
    return 2;
  int status;
  if (argc == 2)
    status = run (argv[1], plugin_dir, &args);
  else {
    fprintf (stderr, "Usage: creneau-bench event DIR [--time-limit S] [--seed N] "
             "[--iterations N] [-o FILE.csv]\n");
    status = 2;
  }
  crn_bench_solve_args_clear (&args);
  return status;
}
