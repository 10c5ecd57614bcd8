/* creneau-bench event — solve an event directory offline, plugins
 * included, and write the timetable as CSV. */
#include "config.h"

#include "bench.h"
#include "interchange/csv.h"
#include "plugin/registry.h"
#include "reader/reader.h"
#include "solver/check.h"
#include "solver/solver.h"

#include <stdio.h>

static int
run (const char *dir, const char *plugin_dir, const CrnBenchSolveArgs *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (dir, &error);
  if (files == NULL) {
    fprintf (stderr, "creneau-bench event: %s.\n", error->message);
    return 1;
  }
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  const char *pdir = crn_bench_plugin_directory (plugin_dir);
  if (!crn_plugin_registry_load_directory (reg, pdir, &error)) {
    fprintf (stderr, "creneau-bench event: warning: %s.\n", error->message);
    g_clear_error (&error);
  }
  const GPtrArray *refusals = crn_plugin_registry_get_refusals (reg);
  for (guint i = 0; i < refusals->len; i++)
    fprintf (stderr, "creneau-bench event: warning: %s.\n",
             (const char *) g_ptr_array_index (refusals, i));

  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, reg, diags);
  g_autofree char *problems = crn_diagnostics_format_all (diags);
  fputs (problems, stderr);
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
  if (args->output) {
    g_autofree char *csv = crn_csv_write_timetable (tt);
    if (!crn_bench_write_file (args->output, csv, &error)) {
      fprintf (stderr, "creneau-bench event: %s.\n", error->message);
      return 1;
    }
  }
  crn_bench_print_summary (event->id, tt->hard, tt->soft, seconds);
  return 0;
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
