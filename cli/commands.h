/* creneauctl — the sub-commands. Each takes its own argv (argv[0] is the
 * command name), parses it with its own GOptionContext and returns the exit
 * status below. Adding a command: write cli/commands-<topic>.c, declare it
 * here and add one line to the table in creneauctl.c. */
#pragma once

#include <glib.h>
#include "model/event.h"

G_BEGIN_DECLS

enum {
  CRN_EXIT_OK = 0,
  CRN_EXIT_FAILED = 1,      /* invalid input, or an error the daemon reported */
  CRN_EXIT_USAGE = 2,       /* bad usage */
  CRN_EXIT_UNREACHABLE = 3, /* the daemon cannot be reached */
};

/* commands-local.c: what works without the daemon. */
int crn_command_check (int argc, char **argv);
int crn_command_plugins (int argc, char **argv);

/* summary.c: the readable summary of `check --summary`. */
void crn_print_event_summary (const CrnEvent *event, FILE *out);

/* creneauctl.c: one sentence on stderr for bad usage, with the command's help
 * hint; returns CRN_EXIT_USAGE. */
int crn_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
