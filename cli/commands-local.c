/* creneauctl — commands that work without the daemon: check, plugins --local. */
#include "config.h"

#include <stdio.h>

#include "commands.h"
#include "commands-bus.h"
#include "bus.h"
#include "model/files.h"
#include "plugin/registry.h"
#include "reader/reader.h"
#include "solver/check.h"

/* Diagnostics are UTF-8 and go out as they are: converting them to a
 * non-UTF-8 locale would garble the names they quote. */
static void
print_diagnostics (const CrnDiagnostics *diags)
{
  g_autofree char *text = crn_diagnostics_format_all (diags);
  fputs (text, stderr);
}

static CrnPluginRegistry *
load_plugins (const char *plugin_dir, gboolean show_refusals)
{
  CrnPluginRegistry *reg = crn_plugin_registry_new ();
  const char *dir = crn_plugin_registry_default_directory (plugin_dir);
  g_autoptr (GError) error = NULL;
  if (!crn_plugin_registry_load_directory (reg, dir, &error))
    fprintf (stderr, "warning: %s\n", error->message);
  const GPtrArray *refusals = crn_plugin_registry_get_refusals (reg);
  for (guint i = 0; show_refusals && i < refusals->len; i++)
    fprintf (stderr, "warning: %s\n", (const char *) g_ptr_array_index (refusals, i));
  return reg;
}

int
crn_command_check (int argc, char **argv)
{
  gboolean summary = FALSE;
  g_autofree char *plugin_dir = NULL;
  const GOptionEntry entries[] = {
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary,
      "Print a readable summary of a valid event", NULL },
    { "plugin-dir", 0, 0, G_OPTION_ARG_FILENAME, &plugin_dir,
      "Load plugins from DIR (default: $CRENEAU_PLUGIN_DIR, else the installed ones)", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("DIR");
  g_option_context_set_summary (ctx,
                                "Validate an event directory locally: exit 0 when valid "
                                "(warnings allowed), 1 with one line per problem otherwise: "
                                "errors in the files, then what no timetable can hold (the "
                                "daemon's pre-solve check).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return crn_usage_error ("check", "%s", error->message);
  if (argc != 2)
    return crn_usage_error ("check", "give exactly one event directory");

  const char *dir = argv[1];
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR)) {
    fprintf (stderr, "creneauctl check: %s is not a directory\n", dir);
    return CRN_EXIT_FAILED;
  }
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (dir, &error);
  if (files == NULL) {
    fprintf (stderr, "creneauctl check: %s\n", error->message);
    return CRN_EXIT_FAILED;
  }
  g_autoptr (CrnPluginRegistry) plugins = load_plugins (plugin_dir, TRUE);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, plugins, diags);
  print_diagnostics (diags);
  if (event == NULL)
    return CRN_EXIT_FAILED;
  /* Files that read well may still ask for the impossible: the daemon would
   * answer Solve with these findings; say them now. */
  g_autoptr (GPtrArray) findings = crn_check_event (event, NULL);
  if (findings->len > 0) {
    g_auto (GStrv) lines = crn_check_format (findings);
    for (guint i = 0; lines[i]; i++)
      fprintf (stderr, "%s: no timetable can hold: %s\n", event->id, lines[i]);
    return CRN_EXIT_FAILED;
  }
  if (summary)
    crn_print_event_summary (event, stdout);
  else
    printf ("%s: valid, %u day%s, %u session%s, %u room%s, %u %s, %u partner%s\n", event->id,
            event->days->len, event->days->len == 1 ? "" : "s", event->sessions->len,
            event->sessions->len == 1 ? "" : "s", event->rooms->len,
            event->rooms->len == 1 ? "" : "s", event->people->len,
            event->people->len == 1 ? "person" : "people", event->partners->len,
            event->partners->len == 1 ? "" : "s");
  return CRN_EXIT_OK;
}

int
crn_command_plugins (int argc, char **argv)
{
  gboolean local = FALSE;
  g_autofree char *plugin_dir = NULL;
  const GOptionEntry entries[] = {
    { "local", 0, 0, G_OPTION_ARG_NONE, &local,
      "List the plugins this program finds, without asking the daemon", NULL },
    { "plugin-dir", 0, 0, G_OPTION_ARG_FILENAME, &plugin_dir,
      "With --local: look in DIR (default: $CRENEAU_PLUGIN_DIR, else the installed ones)",
      "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_option_context_set_summary (ctx, "List the plugins: name, version, description.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, crn_cli_bus_entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return crn_usage_error ("plugins", "%s", error->message);
  if (argc != 1)
    return crn_usage_error ("plugins", "the command takes no argument");
  if (!local)
    return crn_cli_print_daemon_plugins ();

  g_autoptr (CrnPluginRegistry) reg = load_plugins (plugin_dir, TRUE);
  for (guint i = 0; i < crn_plugin_registry_get_n_plugins (reg); i++) {
    const CrnPluginDescriptor *d = crn_plugin_registry_get_plugin (reg, i);
    printf ("%-20s %-8s %s\n", d->name, d->version ? d->version : "-",
            d->description ? d->description : "");
  }
  return CRN_EXIT_OK;
}
