/* creneau-bench — what the sub-commands share.
 *
 * Each sub-command is one file (bench-itc2007.c, bench-event.c,
 * bench-frab.c) with one entry point taking the arguments after its name.
 * Exit codes: 0 done, 1 failed (bad input, unreadable file), 2 bad usage.
 */
#pragma once

#include <glib.h>
#include "model/timetable.h"

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

/* Writes @text to @path atomically; prefixes errors with the path. */
gboolean crn_bench_write_file (const char *path, const char *text, GError **error);

int crn_bench_itc2007 (int argc, char **argv);
int crn_bench_event (int argc, char **argv);
int crn_bench_frab (int argc, char **argv);
int crn_bench_planted (int argc, char **argv);
int crn_bench_minimal_change (int argc, char **argv);

G_END_DECLS
