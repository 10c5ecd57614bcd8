/* creneauctl — the organiser's command line: dispatches on the sub-command. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "commands-bus.h"
#include "bus.h"

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} CrnCommand;

static const CrnCommand commands[] = {
  { "check", crn_command_check, "Validate an event directory locally, without the daemon" },
  { "plugins", crn_command_plugins, "List the plugins (--local: those this program finds)" },
  { "load", crn_command_load, "Send an event directory to the daemon" },
  { "list", crn_command_list, "List the events the daemon holds" },
  { "status", crn_command_status, "Show the daemon's state, or one event's" },
  { "solve", crn_command_solve, "Ask for a timetable and follow the solve" },
  { "cancel", crn_command_cancel, "Stop a running solve" },
  { "show", crn_command_show, "Print the timetable by day, room or speaker" },
  { "violations", crn_command_violations, "List what the timetable still breaks" },
  { "explain", crn_command_explain, "Say why a session is where it is" },
  { "pin", crn_command_pin, "Fix a session's room and start" },
  { "unpin", crn_command_unpin, "Release a pinned session" },
  { "publish", crn_command_publish, "Publish the timetable as a new revision" },
  { "changes", crn_command_changes, "List what changed between revisions" },
  { "export", crn_command_export, "Write calendars or data files" },
  { "feeds", crn_command_feeds, "List the subscription feeds" },
  { "remove", crn_command_remove, "Remove an event from the daemon" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: creneauctl COMMAND [OPTION…] [ARG…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun \"creneauctl COMMAND --help\" for a command's options.\n");
}

int
crn_usage_error (const char *command, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_autofree char *full = g_strconcat ("creneauctl", command ? " " : "", command, NULL);
  fprintf (stderr, "%s: %s (see \"%s --help\")\n", full, msg, full);
  return CRN_EXIT_USAGE;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2) {
    print_usage (stderr);
    return CRN_EXIT_USAGE;
  }
  /* The bus may also be chosen before the command. */
  while (argc >= 2 && (g_str_equal (argv[1], "--system") || g_str_equal (argv[1], "--session"))) {
    crn_cli_use_system_bus (g_str_equal (argv[1], "--system"));
    argv[1] = argv[0];
    argc--;
    argv++;
  }
  if (argc < 2) {
    print_usage (stderr);
    return CRN_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help")) {
    print_usage (stdout);
    return CRN_EXIT_OK;
  }
  if (g_str_equal (name, "--version")) {
    printf ("creneauctl %s\n", PACKAGE_VERSION);
    return CRN_EXIT_OK;
  }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  fprintf (stderr, "creneauctl: unknown command \"%s\" (see \"creneauctl --help\")\n", name);
  return CRN_EXIT_USAGE;
}
