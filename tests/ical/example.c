/* creneau tests — the journees-2018 example, read and solved. */
#include "config.h"

#include "example.h"
#include "model/error.h"
#include "model/files.h"
#include "plugin/registry.h"
#include "reader/reader.h"
#include "solver/solver.h"

gboolean
crn_example_solve (const char *dir, CrnEvent **out_event, CrnTimetable **out_tt, GError **error)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_read_directory (dir, error);
  if (files == NULL)
    return FALSE;
  g_autoptr (CrnPluginRegistry) plugins = crn_plugin_registry_new ();
  const char *plugin_dir = g_getenv ("CRENEAU_PLUGIN_DIR");
  if (!crn_plugin_registry_load_directory (plugins, plugin_dir ? plugin_dir : CRN_BUILD_PLUGINDIR,
                                           error))
    return FALSE;
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, plugins, diags);
  if (event == NULL) {
    g_autofree char *text = crn_diagnostics_format_all (diags);
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "%s could not be read:\n%s", dir,
                 text);
    return FALSE;
  }
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.seed = 2018;
  opts.iteration_limit = 200000;
  opts.time_limit = 20;
  CrnTimetable *tt = crn_solve (event, &opts, NULL);
  *out_event = g_steal_pointer (&event);
  *out_tt = tt;
  return TRUE;
}
