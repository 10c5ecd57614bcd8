/* creneau — the plugin loader: finds modules, checks their descriptor and
 * ABI version, and runs them on an event's [Plugin NAME] groups. */
#include "config.h"

#include "registry.h"
#include "context.h"
#include "model/error.h"
#include "reader/suggest.h"

#include <string.h>

typedef struct {
  GModule *module;
  char *path;
  const CrnPluginDescriptor *descriptor;
} Plugin;

struct _CrnPluginRegistry {
  GPtrArray *plugins;  /* Plugin*, sorted by name */
  GPtrArray *refusals; /* char* */
  CrnPluginFetchFunc fetch;
  gpointer fetch_data;
  GDestroyNotify fetch_destroy;
};

static void
plugin_free (Plugin *p)
{
  /* Modules stay mapped for the life of the process: diagnostics and
   * descriptors may still point into them, and unloading code that GLib
   * types or threads might reference is never worth the risk. */
  g_free (p->path);
  g_free (p);
}

CrnPluginRegistry *
crn_plugin_registry_new (void)
{
  CrnPluginRegistry *reg = g_new0 (CrnPluginRegistry, 1);
  reg->plugins = g_ptr_array_new_with_free_func ((GDestroyNotify) plugin_free);
  reg->refusals = g_ptr_array_new_with_free_func (g_free);
  return reg;
}

void
crn_plugin_registry_free (CrnPluginRegistry *reg)
{
  if (reg == NULL)
    return;
  if (reg->fetch_destroy)
    reg->fetch_destroy (reg->fetch_data);
  g_ptr_array_unref (reg->plugins);
  g_ptr_array_unref (reg->refusals);
  g_free (reg);
}

const char *
crn_plugin_registry_default_directory (const char *dir)
{
  if (dir != NULL && *dir != '\0')
    return dir;
  const char *env = g_getenv (CRN_PLUGIN_DIR_ENV);
  if (env != NULL && *env != '\0')
    return env;
  return CRN_PLUGINDIR;
}

static gint
compare_plugins (gconstpointer a, gconstpointer b)
{
  const Plugin *pa = *(Plugin *const *) a, *pb = *(Plugin *const *) b;
  return strcmp (pa->descriptor->name, pb->descriptor->name);
}

gboolean
crn_plugin_registry_load_module (CrnPluginRegistry *reg, const char *path, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  /* Local binding: two plugins may define the same static-looking helper
   * names without one shadowing the other. */
  GModule *module = g_module_open (path, G_MODULE_BIND_LOCAL);
  if (module == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN, "plugin %s cannot be loaded: %s", base,
                 g_module_error ());
    return FALSE;
  }
  gpointer symbol = NULL;
  if (!g_module_symbol (module, CRN_PLUGIN_SYMBOL, &symbol) || symbol == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN,
                 "plugin %s is refused: it exports no %s, so it is not a creneau plugin", base,
                 CRN_PLUGIN_SYMBOL);
    g_module_close (module);
    return FALSE;
  }
  const CrnPluginDescriptor *d = symbol;
  if (d->abi_version != CRN_PLUGIN_ABI_VERSION) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN,
                 "plugin %s is refused: it was built for plugin ABI version %u but this "
                 "program uses version %u", base, d->abi_version, CRN_PLUGIN_ABI_VERSION);
    g_module_close (module);
    return FALSE;
  }
  if (!crn_id_is_valid (d->name) || d->load_event == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN,
                 "plugin %s is refused: its descriptor has no valid name or no load_event "
                 "callback", base);
    g_module_close (module);
    return FALSE;
  }
  if (crn_plugin_registry_lookup (reg, d->name) != NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN,
                 "plugin %s is refused: a plugin named \"%s\" is already loaded", base, d->name);
    g_module_close (module);
    return FALSE;
  }
  g_module_make_resident (module);
  Plugin *p = g_new0 (Plugin, 1);
  p->module = module;
  p->path = g_strdup (path);
  p->descriptor = d;
  g_ptr_array_add (reg->plugins, p);
  g_ptr_array_sort (reg->plugins, compare_plugins);
  return TRUE;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
crn_plugin_registry_load_directory (CrnPluginRegistry *reg, const char *dir, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN, "the plugin directory %s does not exist",
                 dir);
    return FALSE;
  }
  g_autoptr (GDir) d = g_dir_open (dir, 0, &local);
  if (d == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_PLUGIN, "the plugin directory %s cannot be read: %s",
                 dir, local->message);
    return FALSE;
  }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, "." G_MODULE_SUFFIX) && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
    g_autoptr (GError) refused = NULL;
    if (!crn_plugin_registry_load_module (reg, path, &refused))
      g_ptr_array_add (reg->refusals, g_strdup (refused->message));
  }
  return TRUE;
}

guint
crn_plugin_registry_get_n_plugins (const CrnPluginRegistry *reg)
{
  return reg->plugins->len;
}

const CrnPluginDescriptor *
crn_plugin_registry_get_plugin (const CrnPluginRegistry *reg, guint i)
{
  g_return_val_if_fail (i < reg->plugins->len, NULL);
  return ((Plugin *) g_ptr_array_index (reg->plugins, i))->descriptor;
}

const char *
crn_plugin_registry_get_path (const CrnPluginRegistry *reg, guint i)
{
  g_return_val_if_fail (i < reg->plugins->len, NULL);
  return ((Plugin *) g_ptr_array_index (reg->plugins, i))->path;
}

const CrnPluginDescriptor *
crn_plugin_registry_lookup (const CrnPluginRegistry *reg, const char *name)
{
  for (guint i = 0; i < reg->plugins->len; i++) {
    Plugin *p = g_ptr_array_index (reg->plugins, i);
    if (g_strcmp0 (p->descriptor->name, name) == 0)
      return p->descriptor;
  }
  return NULL;
}

const GPtrArray *
crn_plugin_registry_get_refusals (const CrnPluginRegistry *reg)
{
  return reg->refusals;
}

void
crn_plugin_registry_set_fetcher (CrnPluginRegistry *reg, CrnPluginFetchFunc func,
                                 gpointer user_data, GDestroyNotify destroy)
{
  if (reg->fetch_destroy)
    reg->fetch_destroy (reg->fetch_data);
  reg->fetch = func;
  reg->fetch_data = user_data;
  reg->fetch_destroy = destroy;
}

static void
report_unknown (CrnPluginRegistry *reg, const CrnPluginGroup *group, const char *event_file,
                CrnDiagnostics *diags)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < reg->plugins->len; i++)
    g_ptr_array_add (names, (gpointer) ((Plugin *) g_ptr_array_index (reg->plugins, i))
                                ->descriptor->name);
  g_autofree char *suffix =
      crn_suggestion_suffix (crn_suggest (group->name, (const char *const *) names->pdata,
                                          names->len));
  g_ptr_array_add (names, NULL);
  g_autofree char *known = names->len > 1 ? g_strjoinv (", ", (char **) names->pdata)
                                          : g_strdup ("none");
  g_autofree char *group_name = g_strconcat ("Plugin ", group->name, NULL);
  crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, NULL, event_file, group->line, group_name,
                       NULL, "no plugin \"%s\" is installed%s; known plugins: %s", group->name,
                       suffix, known);
}

gboolean
crn_plugin_registry_run (CrnPluginRegistry *reg, CrnEvent *event, CrnEventFiles *files,
                         const char *event_file, CrnDiagnostics *diags)
{
  guint errors_before = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
  for (guint i = 0; i < event->plugin_groups->len; i++) {
    const CrnPluginGroup *group = g_ptr_array_index (event->plugin_groups, i);
    const CrnPluginDescriptor *d = crn_plugin_registry_lookup (reg, group->name);
    if (d == NULL) {
      report_unknown (reg, group, event_file, diags);
      continue;
    }
    guint before = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
    g_autoptr (CrnPluginContext) ctx =
        crn_plugin_context_new (d, group, event, files, diags, reg->fetch, reg->fetch_data);
    gboolean ok = d->load_event (ctx);
    /* A plugin that fails must say why; one that does not is named here so the
     * failure is never silent. */
    if (!ok && crn_diagnostics_count (diags, CRN_SEVERITY_ERROR) == before) {
      g_autofree char *group_name = g_strconcat ("Plugin ", group->name, NULL);
      crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, d->name, event_file, group->line,
                           group_name, NULL, "the plugin failed without saying why");
    }
  }
  return crn_diagnostics_count (diags, CRN_SEVERITY_ERROR) == errors_before;
}
