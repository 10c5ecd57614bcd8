/* creneau-bench — solve benchmark instances and event directories offline
 * and print one comparable line per run (DESIGN.md, Benchmark tool). */
#include "config.h"

#include "bench.h"
#include "interchange/csv.h"
#include "plugin/registry.h"
#include "reader/reader.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *usage;
} commands[] = {
  { "itc2007", crn_bench_itc2007,
    "itc2007 FILE.ctt [--time-limit S] [--seed N] [--iterations N] [-o SOLUTION]\n"
    "  creneau-bench itc2007 --cost FILE.ctt SOLUTION" },
  { "event", crn_bench_event,
    "event DIR [--time-limit S] [--seed N] [--iterations N] [-o FILE.csv] [--plugin-dir DIR]" },
  { "frab", crn_bench_frab,
    "frab FILE.xml [--time-limit S] [--seed N] [--iterations N] [--show-overlaps] [-o SCHEDULE.xml]" },
  { "planted", crn_bench_planted,
    "planted DIR [--time-limit S] [--seed N] [--iterations N] [-o FILE.csv]" },
  { "minimal-change", crn_bench_minimal_change,
    "minimal-change DIR|FILE.ctt [--time-limit S] [--seed N] [--iterations N] [--plugin-dir DIR]" },
};

void
crn_bench_print_summary (const char *instance, guint hard, guint64 soft, double seconds)
{
  struct rusage ru = { 0 };
  long peak_kb = 0;
  double cpu = 0;
  if (getrusage (RUSAGE_SELF, &ru) == 0) {
    peak_kb = ru.ru_maxrss;
    cpu = (double) ru.ru_utime.tv_sec + (double) ru.ru_stime.tv_sec +
          ((double) ru.ru_utime.tv_usec + (double) ru.ru_stime.tv_usec) / 1e6;
  }
  /* CPU time beside wall time shows how much of the machine a run had. */
  printf ("instance=%s hard=%u soft=%" G_GUINT64_FORMAT " seconds=%.2f peak_rss_kb=%ld "
          "cpu_seconds=%.2f\n", instance, hard, soft, seconds, peak_kb, cpu);
  fflush (stdout);
}

void
crn_bench_note_progress (gint64 elapsed_ms, guint best_hard, guint64 best_soft, gpointer data)
{
  CrnBenchProgress *pr = data;
  if (best_hard != pr->last_hard && best_hard != G_MAXUINT)
    g_debug ("%.2f s: best hard %u, soft %" G_GUINT64_FORMAT, (double) elapsed_ms / 1000,
             best_hard, best_soft);
  pr->last_hard = best_hard;
  if (best_hard == 0 && pr->zero_hard_ms < 0)
    pr->zero_hard_ms = elapsed_ms;
}

void
crn_bench_print_zero_hard (const CrnBenchProgress *progress, guint hard, double seconds)
{
  if (hard == 0)
    printf ("# zero hard after %.2f s\n",
            progress->zero_hard_ms >= 0 ? MIN ((double) progress->zero_hard_ms / 1000, seconds)
                                        : seconds);
  else
    printf ("# zero hard not reached\n");
}

void
crn_bench_solve_options (CrnSolveOptions *opts, const CrnBenchSolveArgs *args)
{
  crn_solve_options_init (opts);
  opts->time_limit = args->time_limit;
  opts->iteration_limit = (guint64) args->iterations;
  opts->seed = (guint64) args->seed;
}

void
crn_bench_print_hard (const CrnTimetable *tt, const char *prefix)
{
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (v->severity == CRN_VIOLATION_HARD)
      fprintf (stderr, "%s%s\n", prefix, v->message);
  }
}

CrnTimetable *
crn_bench_solve (const CrnEvent *event, const CrnBenchSolveArgs *args, CrnBenchProgress *progress,
                 double *seconds)
{
  CrnSolveOptions opts;
  crn_bench_solve_options (&opts, args);
  if (progress != NULL) {
    opts.progress = crn_bench_note_progress;
    opts.progress_data = progress;
  }
  gint64 t0 = g_get_monotonic_time ();
  CrnTimetable *tt = crn_solve (event, &opts, NULL);
  *seconds = (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
  crn_bench_print_hard (tt, "");
  return tt;
}

const char *
crn_bench_plugin_directory (const char *given)
{
  const char *dir = crn_plugin_registry_default_directory (given);
  if (given == NULL && !g_getenv (CRN_PLUGIN_DIR_ENV) && !g_file_test (dir, G_FILE_TEST_IS_DIR) &&
      g_file_test (CRN_BUILD_PLUGINDIR, G_FILE_TEST_IS_DIR))
    return CRN_BUILD_PLUGINDIR;
  return dir;
}

CrnEvent *
crn_bench_read_event (const char *command, const char *dir, const char *plugin_dir,
                      CrnEventFiles **files_out, double *read_seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (dir, &error);
  if (files == NULL) {
    fprintf (stderr, "creneau-bench %s: %s.\n", command, error->message);
    return NULL;
  }
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  if (!crn_plugin_registry_load_directory (reg, crn_bench_plugin_directory (plugin_dir), &error)) {
    fprintf (stderr, "creneau-bench %s: warning: %s.\n", command, error->message);
    g_clear_error (&error);
  }
  const GPtrArray *refusals = crn_plugin_registry_get_refusals (reg);
  for (guint i = 0; i < refusals->len; i++)
    fprintf (stderr, "creneau-bench %s: warning: %s.\n", command,
             (const char *) g_ptr_array_index (refusals, i));

  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  gint64 t0 = g_get_monotonic_time ();
  CrnEvent *event = crn_event_read (files, reg, diags);
  if (read_seconds != NULL)
    *read_seconds = (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
  g_autofree char *problems = crn_diagnostics_format_all (diags);
  fputs (problems, stderr);
  if (event != NULL && files_out != NULL)
    *files_out = g_steal_pointer (&files);
  return event;
}

int
crn_bench_finish_event (const char *command, const CrnEvent *event, const CrnTimetable *tt,
                        const CrnBenchSolveArgs *args, double seconds)
{
  if (args->output) {
    g_autoptr (GError) error = NULL;
    g_autofree char *csv = crn_csv_write_timetable (tt);
    if (!crn_bench_write_file (args->output, csv, &error)) {
      fprintf (stderr, "creneau-bench %s: %s.\n", command, error->message);
      return 1;
    }
  }
  crn_bench_print_summary (event->id, tt->hard, tt->soft, seconds);
  return 0;
}

gboolean
crn_bench_parse_args (const char *command, const char *parameters, int *argc, char ***argv,
                      CrnBenchSolveArgs *args, const GOptionEntry *extra)
{
  GOptionEntry common[] = {
    { "time-limit", 't', 0, G_OPTION_ARG_DOUBLE, &args->time_limit,
      "Stop the search after S seconds (0: no limit)", "S" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &args->seed, "Seed of the search (default 1)", "N" },
    { "iterations", 'i', 0, G_OPTION_ARG_INT64, &args->iterations,
      "Stop after N iterations (0: no limit); with --seed the result is reproducible", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output, "Write the timetable to FILE",
      "FILE" },
    { NULL },
  };
  args->seed = 1;
  g_autofree char *prog = g_strdup_printf ("creneau-bench %s", command);
  g_autoptr (GOptionContext) ctx = g_option_context_new (parameters);
  g_option_context_set_help_enabled (ctx, TRUE);
  g_option_context_add_main_entries (ctx, common, NULL);
  if (extra)
    g_option_context_add_main_entries (ctx, extra, NULL);
  g_set_prgname (prog);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error)) {
    fprintf (stderr, "%s: %s.\n", prog, error->message);
    return FALSE;
  }
  if (args->time_limit < 0 || args->seed < 0 || args->iterations < 0) {
    fprintf (stderr, "%s: --time-limit, --seed and --iterations take numbers of zero or more.\n",
             prog);
    return FALSE;
  }
  return TRUE;
}

void
crn_bench_solve_args_clear (CrnBenchSolveArgs *args)
{
  g_clear_pointer (&args->output, g_free);
}

gboolean
crn_bench_write_file (const char *path, const char *text, GError **error)
{
  if (!g_file_set_contents (path, text, -1, error)) {
    g_prefix_error (error, "cannot write %s: ", path);
    return FALSE;
  }
  return TRUE;
}

static int
usage (FILE *out)
{
  fprintf (out, "Usage:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  creneau-bench %s\n", commands[i].usage);
  return out == stdout ? 0 : 2;
}

int
main (int argc, char **argv)
{
  /* Progress and debug messages must never mix with the summary line. */
  g_log_writer_default_set_use_stderr (TRUE);
  if (argc < 2)
    return usage (stderr);
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    return usage (stdout);
  if (strcmp (argv[1], "--version") == 0) {
    printf ("creneau-bench %s\n", PACKAGE_VERSION);
    return 0;
  }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);
  fprintf (stderr, "creneau-bench: unknown command \"%s\" (try --help).\n", argv[1]);
  return 2;
}
