/* Fuzz target: the event-directory reader with the project's plugins.
 *
 * The input is an event directory in one stream: event.conf first, then
 * each further file after a line "@@ NAME" (rooms.conf, speakers/x.ics,
 * sessions.csv...). It goes through crn_event_read with the plugins of the
 * build tree, so that rooms-keyfile, partners-keyfile, speakers-ics and
 * sessions-csv run on the files the event names. An event that reads well
 * then goes through the pre-solve check, as `creneauctl check` and every
 * daemon Solve do, and its findings are formatted.
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <libical/ical.h>

#include "model/files.h"
#include "plugin/registry.h"
#include "reader/reader.h"
#include "solver/check.h"

static CrnPluginRegistry *plugins;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  crn_fuzz_setup_logging ();
  const char *dir = g_getenv (CRN_PLUGIN_DIR_ENV);
  if (dir == NULL || *dir == '\0')
    dir = CRN_BUILD_PLUGINDIR;
  plugins = crn_plugin_registry_new ();
  g_autoptr (GError) error = NULL;
  if (!crn_plugin_registry_load_directory (plugins, dir, &error)) {
    fprintf (stderr, "fuzz-reader: %s\n", error->message);
    exit (1);
  }
  /* Without them most of the reader's paths are out of reach: a fuzzing
   * run without plugins would report coverage that means little. */
  static const char *const needed[] = { "rooms-keyfile", "partners-keyfile", "speakers-ics",
                                        "sessions-csv" };
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (crn_plugin_registry_lookup (plugins, needed[i]) == NULL) {
      fprintf (stderr, "fuzz-reader: no plugin \"%s\" in %s\n", needed[i], dir);
      exit (1);
    }
  return 0;
}

static void
run_one (const uint8_t *data, size_t size)
{
  g_autoptr (GPtrArray) parts = crn_fuzz_split (data, size, CRN_EVENT_FILE);
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  for (guint i = 0; i < parts->len; i++) {
    const CrnFuzzPart *part = g_ptr_array_index (parts, i);
    /* Unsafe or repeated names are refused here as they are on the bus. */
    crn_event_files_add (files, part->name, part->bytes, NULL);
  }
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, plugins, diags);
  /* Every message is formatted, as creneauctl and the daemon do. */
  g_autofree char *all = crn_diagnostics_format_all (diags);
  /* The reader's contract: no event exactly when there is an error. */
  guint errors = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
  if ((event == NULL) != (errors > 0)) {
    fprintf (stderr, "the reader returned %s with %u errors:\n%s", event ? "an event" : "nothing",
             errors, all);
    abort ();
  }
  if (event != NULL) {
    g_autoptr (GPtrArray) findings = crn_check_event (event, NULL);
    g_auto (GStrv) lines = crn_check_format (findings);
    for (guint i = 0; lines[i]; i++)
      if (!g_utf8_validate (lines[i], -1, NULL)) {
        fprintf (stderr, "a finding is not UTF-8: %s\n", lines[i]);
        abort ();
      }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  run_one (data, size);
  /* libical keeps its recent strings in a ring that it frees later: emptied
   * after each input, only real leaks leave allocations behind (libFuzzer
   * runs the slow leak checker after any input that leaves some). */
  icalmemory_free_ring ();
  return 0;
}
