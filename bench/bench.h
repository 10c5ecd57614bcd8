/* creneau-bench — what the sub-commands share.
 *
 * Each sub-command is one file (bench-itc2007.c, bench-event.c,
 * bench-frab.c) with one entry point taking the arguments after its name.
 * Exit codes: 0 done, 1 failed (bad input, unreadable file), 2 bad usage.
 */
#pragma once

#include <glib.h>
#include "model/files.h"
#include "model/timetable.h"
#include "solver/solver.h"

G_BEGIN_DECLS

/* The options every solving sub-command takes. */
typedef struct {
  double time_limit;     /* seconds; 0: none */
  gint64 seed;
  gint64 iterations;     /* 0: none */
  char *output;          /* -o */
} CrnBenchSolveArgs;

/* Parses the common options (and @extra, may be NULL) out of @argv, leaving
 * the positional arguments. On error prints one sentence and the usage of
 * @command on stderr and returns FALSE. */
gboolean crn_bench_parse_args (const char *command, const char *parameters, int *argc,
                               char ***argv, CrnBenchSolveArgs *args, const GOptionEntry *extra);
void crn_bench_solve_args_clear (CrnBenchSolveArgs *args);

/* The one-line summary:
 *   instance=NAME hard=H soft=S seconds=T peak_rss_kb=K cpu_seconds=C
 * seconds is the wall time of the solve (or evaluation); the last two are
 * the process's peak resident memory and CPU time. */
void crn_bench_print_summary (const char *instance, guint hard, guint64 soft, double seconds);

/* The solver's progress as the benchmarks follow it: when the best found
 * first had no hard violation (-1: not yet). With G_MESSAGES_DEBUG set,
 * each change of the best hard count is logged. */
typedef struct {
  gint64 zero_hard_ms;
  guint last_hard;
} CrnBenchProgress;

#define CRN_BENCH_PROGRESS_INIT { -1, G_MAXUINT }

/* A CrnSolveOptions progress callback; @data is a CrnBenchProgress. */
void crn_bench_note_progress (gint64 elapsed_ms, guint best_hard, guint64 best_soft,
                              gpointer data);

/* Prints "# zero hard after T s" (an upper bound: the first progress report
 * with no hard violation, or the whole solve when it ended before one) or
 * "# zero hard not reached". */
void crn_bench_print_zero_hard (const CrnBenchProgress *progress, guint hard, double seconds);

/* The solver's options from the common ones (time limit, iterations, seed). */
void crn_bench_solve_options (CrnSolveOptions *opts, const CrnBenchSolveArgs *args);

/* Writes the hard violations of @tt to stderr, one per line, each after
 * @prefix and starting with its rule id. */
void crn_bench_print_hard (const CrnTimetable *tt, const char *prefix);

/* Solves @event with the common options, following the search in @progress
 * (may be NULL); @seconds gets the wall time of the solve. The hard
 * violations left go to stderr, one per line (each starts with its rule id). */
CrnTimetable *crn_bench_solve (const CrnEvent *event, const CrnBenchSolveArgs *args,
                               CrnBenchProgress *progress, double *seconds);

/* Reads the event directory @dir as `creneauctl check` does, plugins from
 * crn_bench_plugin_directory (@plugin_dir). Plugin warnings and the reader's
 * diagnostics go to stderr ("creneau-bench COMMAND: ..."). @files (may be
 * NULL) gets the files read, @read_seconds (may be NULL) the time the reader
 * took. NULL when the event cannot be read. */
CrnEvent *crn_bench_read_event (const char *command, const char *dir, const char *plugin_dir,
                                CrnEventFiles **files, double *read_seconds);

/* Writes @tt as the CSV of DESIGN.md to args->output when given, then prints
 * the summary line; returns the exit status (1 when the file cannot be
 * written). */
int crn_bench_finish_event (const char *command, const CrnEvent *event, const CrnTimetable *tt,
                            const CrnBenchSolveArgs *args, double seconds);

/* Where plugins are loaded from: @given, else $CRENEAU_PLUGIN_DIR, else the
 * installed folder; an uninstalled build falls back to its own plugins. */
const char *crn_bench_plugin_directory (const char *given);

/* Writes @text to @path atomically; prefixes errors with the path. */
gboolean crn_bench_write_file (const char *path, const char *text, GError **error);

int crn_bench_itc2007 (int argc, char **argv);
int crn_bench_event (int argc, char **argv);
int crn_bench_frab (int argc, char **argv);
int crn_bench_planted (int argc, char **argv);
int crn_bench_minimal_change (int argc, char **argv);

G_END_DECLS
