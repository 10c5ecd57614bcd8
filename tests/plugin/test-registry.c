/* The plugin loader: discovery, refusals, the context, unknown plugins. */
#include "config.h"

#include <creneau/creneau.h>
#include <string.h>
#include "model/error.h"
#include "plugin/context.h"
#include "plugin/registry.h"
#include "reader/reader.h"

static char *
built_plugins_dir (void)
{
  return g_build_filename (g_getenv ("CRENEAU_BUILD_ROOT"), "plugins", NULL);
}

static char *
test_module (const char *name)
{
  g_autofree char *file = g_strconcat (name, "." G_MODULE_SUFFIX, NULL);
  return g_test_build_filename (G_TEST_BUILT, "plugin", file, NULL);
}

static void
test_load_directory (void)
{
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  g_autofree char *dir = built_plugins_dir ();
  g_autoptr (GError) error = NULL;
  g_assert_true (crn_plugin_registry_load_directory (reg, dir, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crn_plugin_registry_get_refusals (reg)->len, ==, 0);
  const CrnPluginDescriptor *rooms = crn_plugin_registry_lookup (reg, "rooms-keyfile");
  const CrnPluginDescriptor *partners = crn_plugin_registry_lookup (reg, "partners-keyfile");
  g_assert_nonnull (rooms);
  g_assert_nonnull (partners);
  g_assert_cmpuint (rooms->abi_version, ==, CRN_PLUGIN_ABI_VERSION);
  g_assert_nonnull (rooms->version);
  g_assert_nonnull (strstr (rooms->description, "Rooms"));
  g_assert_null (crn_plugin_registry_lookup (reg, "rooms"));
  /* Sorted by name. */
  for (guint i = 1; i < crn_plugin_registry_get_n_plugins (reg); i++)
    g_assert_cmpstr (crn_plugin_registry_get_plugin (reg, i - 1)->name, <,
                     crn_plugin_registry_get_plugin (reg, i)->name);
}

static void
test_missing_directory (void)
{
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  g_autoptr (GError) error = NULL;
  g_assert_false (crn_plugin_registry_load_directory (reg, "no-such-plugin-dir", &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_PLUGIN);
  g_assert_nonnull (strstr (error->message, "no-such-plugin-dir"));
}

static void
test_wrong_abi (void)
{
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  g_autofree char *path = test_module ("wrong-abi");
  g_autoptr (GError) error = NULL;
  g_assert_false (crn_plugin_registry_load_module (reg, path, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_PLUGIN);
  g_autofree char *expected = g_strdup_printf (
      "plugin wrong-abi.so is refused: it was built for plugin ABI version %u but this program "
      "uses version %u", CRN_PLUGIN_ABI_VERSION + 41, CRN_PLUGIN_ABI_VERSION);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (crn_plugin_registry_get_n_plugins (reg), ==, 0);
}

static void
test_no_descriptor (void)
{
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  g_autofree char *path = test_module ("no-descriptor");
  g_autoptr (GError) error = NULL;
  g_assert_false (crn_plugin_registry_load_module (reg, path, &error));
  g_assert_cmpstr (error->message, ==,
                   "plugin no-descriptor.so is refused: it exports no crn_plugin_descriptor, so "
                   "it is not a creneau plugin");
}

static void
test_refusals_are_kept (void)
{
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "plugin", NULL);
  g_assert_true (crn_plugin_registry_load_directory (reg, dir, NULL));
  const GPtrArray *refusals = crn_plugin_registry_get_refusals (reg);
  g_assert_cmpuint (refusals->len, ==, 2);
  /* In file name order. */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (refusals, 0), "plugin no-descriptor.so "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (refusals, 1), "plugin wrong-abi.so "));
  g_assert_cmpuint (crn_plugin_registry_get_n_plugins (reg), ==, 0);
}

static void
test_default_directory (void)
{
  g_unsetenv (CRN_PLUGIN_DIR_ENV);
  g_assert_cmpstr (crn_plugin_registry_default_directory (NULL), ==, CRN_PLUGINDIR);
  g_setenv (CRN_PLUGIN_DIR_ENV, "/from/env", TRUE);
  g_assert_cmpstr (crn_plugin_registry_default_directory (NULL), ==, "/from/env");
  g_assert_cmpstr (crn_plugin_registry_default_directory ("/from/arg"), ==, "/from/arg");
  g_setenv (CRN_PLUGIN_DIR_ENV, "", TRUE);
  g_assert_cmpstr (crn_plugin_registry_default_directory (NULL), ==, CRN_PLUGINDIR);
  g_unsetenv (CRN_PLUGIN_DIR_ENV);
}

static CrnEventFiles *
files_from (const char *name, const char *text, ...)
{
  CrnEventFiles *files = crn_event_files_new ();
  va_list args;
  va_start (args, text);
  while (name != NULL) {
    g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
    g_assert_true (crn_event_files_add (files, name, bytes, NULL));
    name = va_arg (args, const char *);
    if (name != NULL)
      text = va_arg (args, const char *);
  }
  va_end (args);
  return files;
}

static const char *const event_head =
    "[Event]\nId=t\nName=T\nTimeZone=Europe/Paris\n[Day 2024-03-05]\nOpen=09:00-12:00\n";

static void
test_unknown_plugin (void)
{
  g_autoptr (CrnPluginRegistry) reg = crn_plugin_registry_new ();
  g_autofree char *dir = built_plugins_dir ();
  g_assert_true (crn_plugin_registry_load_directory (reg, dir, NULL));
  g_autofree char *text =
      g_strconcat (event_head, "[Plugin rooms-keyfle]\nFile=rooms.conf\n", NULL);
  g_autoptr (CrnEventFiles) files = files_from ("event.conf", text, NULL);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, reg, diags);
  g_assert_null (event);
  g_assert_cmpuint (crn_diagnostics_get_n (diags), ==, 1);
  g_autofree char *line = crn_diagnostic_format (crn_diagnostics_get (diags, 0));
  g_assert_true (g_str_has_prefix (
      line, "event.conf:7: [Plugin rooms-keyfle] no plugin \"rooms-keyfle\" is installed (did "
            "you mean \"rooms-keyfile\"?); known plugins: "));
  g_assert_nonnull (strstr (line, "partners-keyfile, rooms-keyfile"));
}

static GBytes *
fake_fetch (const char *url, gpointer user_data, GError **error)
{
  (*(guint *) user_data)++;
  return g_bytes_new_static ("BEGIN:VCALENDAR", 15);
}

static gboolean
dummy_load (CrnPluginContext *ctx)
{
  return TRUE;
}

static void
test_context (void)
{
  const CrnPluginDescriptor d = { CRN_PLUGIN_ABI_VERSION, "dummy", "1", "test", dummy_load };
  g_autofree char *text = g_strconcat (
      event_head, "\n[Plugin dummy]\nFile = a.conf\nCalendars=cal/\nFile=b.conf\n", NULL);
  g_autoptr (CrnEventFiles) files =
      files_from ("event.conf", text, "cal/x.ics", "X", "cal/a.ics", "A", "other", "O", NULL);
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (CrnEvent) event = crn_event_read (files, NULL, diags);
  g_assert_nonnull (event);
  g_assert_cmpuint (event->plugin_groups->len, ==, 1);
  const CrnPluginGroup *group = g_ptr_array_index (event->plugin_groups, 0);

  guint fetched = 0;
  g_autoptr (CrnPluginContext) ctx =
      crn_plugin_context_new (&d, group, event, files, diags, NULL, NULL);
  g_assert_true (crn_plugin_context_get_event (ctx) == event);
  g_assert_cmpstr (crn_plugin_context_get_name (ctx), ==, "dummy");
  g_autofree char *file = crn_plugin_context_get_string (ctx, "File");
  g_assert_cmpstr (file, ==, "b.conf"); /* the last one wins, as in GKeyFile */
  g_assert_cmpint (crn_plugin_context_get_line (ctx, NULL), ==, 8);
  g_assert_cmpint (crn_plugin_context_get_line (ctx, "Calendars"), ==, 10);
  g_assert_true (crn_plugin_context_has_key (ctx, "Calendars"));
  g_assert_false (crn_plugin_context_has_key (ctx, "People"));
  g_assert_null (crn_plugin_context_get_string (ctx, "People"));
  g_auto (GStrv) keys = crn_plugin_context_get_keys (ctx);
  g_assert_true (g_strv_contains ((const char *const *) keys, "Calendars"));
  g_auto (GStrv) listed = crn_plugin_context_list_files (ctx, "cal/");
  g_assert_cmpuint (g_strv_length (listed), ==, 2);
  g_assert_cmpstr (listed[0], ==, "cal/a.ics");
  g_assert_cmpstr (listed[1], ==, "cal/x.ics");
  g_autoptr (GBytes) x = crn_plugin_context_get_file (ctx, "cal/x.ics");
  g_assert_cmpuint (g_bytes_get_size (x), ==, 1);
  g_assert_null (crn_plugin_context_get_file (ctx, "cal/none.ics"));

  g_autoptr (GError) error = NULL;
  g_assert_null (crn_plugin_context_fetch (ctx, "https://example.org/a.ics", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "https://example.org/a.ics"));

  g_autoptr (CrnPluginContext) ctx2 =
      crn_plugin_context_new (&d, group, event, files, diags, fake_fetch, &fetched);
  g_autoptr (GBytes) got = crn_plugin_context_fetch (ctx2, "https://example.org/a.ics", NULL);
  g_assert_nonnull (got);
  g_assert_cmpuint (fetched, ==, 1);

  crn_plugin_context_warning (ctx, "cal/x.ics", 3, NULL, NULL, "odd %s", "thing");
  crn_plugin_context_error (ctx, "cal/x.ics", 4, "Person x", "Calendar", "bad");
  g_assert_cmpuint (crn_plugin_context_get_n_errors (ctx), ==, 1);
  g_assert_true (crn_plugin_context_get_diagnostics (ctx) == diags);
  g_autofree char *all = crn_diagnostics_format_all (diags);
  g_assert_cmpstr (all, ==,
                   "dummy: cal/x.ics:4: [Person x] Calendar: bad\n"
                   "warning: event.conf:11: [Plugin dummy] File: the key is written twice "
                   "(first at line 9); this last value is used\n"
                   "warning: dummy: cal/x.ics:3: odd thing\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/registry/load-directory", test_load_directory);
  g_test_add_func ("/plugin/registry/missing-directory", test_missing_directory);
  g_test_add_func ("/plugin/registry/wrong-abi", test_wrong_abi);
  g_test_add_func ("/plugin/registry/no-descriptor", test_no_descriptor);
  g_test_add_func ("/plugin/registry/refusals-are-kept", test_refusals_are_kept);
  g_test_add_func ("/plugin/registry/default-directory", test_default_directory);
  g_test_add_func ("/plugin/registry/unknown-plugin", test_unknown_plugin);
  g_test_add_func ("/plugin/context", test_context);
  return g_test_run ();
}
