/* creneau — the plugin loader.
 *
 * A registry holds the plugins found in one directory. Each module must
 * export `crn_plugin_descriptor` built with the same CRN_PLUGIN_ABI_VERSION
 * as the host; other modules are refused and the refusal kept as a sentence
 * so that `creneauctl plugins` and the daemon can show it.
 *
 * Programs that load plugins link libcreneau statically and export its
 * public API to them with `plugin_host_link_args` (lib/plugin/meson.build).
 */
#pragma once

#include <creneau/creneau.h>
#include "model/event.h"
#include "model/files.h"

G_BEGIN_DECLS

typedef struct _CrnPluginRegistry CrnPluginRegistry;

/* Fetches a remote resource for a plugin, within the host's limits. */
typedef GBytes *(*CrnPluginFetchFunc) (const char *url, gpointer user_data, GError **error);

/* The environment variable that overrides the installed plugin directory. */
#define CRN_PLUGIN_DIR_ENV "CRENEAU_PLUGIN_DIR"

CrnPluginRegistry *crn_plugin_registry_new (void);
void crn_plugin_registry_free (CrnPluginRegistry *reg);

/* The directory a host should scan: @dir when not NULL, else
 * $CRENEAU_PLUGIN_DIR when set and not empty, else the installed one. */
const char *crn_plugin_registry_default_directory (const char *dir);

/* Loads every "*.so" of @dir in name order. A module that cannot be used is
 * refused (see get_refusals) and loading goes on; FALSE only when the
 * directory itself cannot be read. */
gboolean crn_plugin_registry_load_directory (CrnPluginRegistry *reg, const char *dir,
                                             GError **error);
/* Loads one module; FALSE with a sentence naming the file when refused. */
gboolean crn_plugin_registry_load_module (CrnPluginRegistry *reg, const char *path,
                                          GError **error);

/* Plugins sorted by name. */
guint crn_plugin_registry_get_n_plugins (const CrnPluginRegistry *reg);
const CrnPluginDescriptor *crn_plugin_registry_get_plugin (const CrnPluginRegistry *reg, guint i);
const char *crn_plugin_registry_get_path (const CrnPluginRegistry *reg, guint i);
const CrnPluginDescriptor *crn_plugin_registry_lookup (const CrnPluginRegistry *reg,
                                                       const char *name);
/* One sentence per refused module, in the order met. */
const GPtrArray *crn_plugin_registry_get_refusals (const CrnPluginRegistry *reg);

/* Remote URLs of plugins (crn_plugin_context_fetch) go through @func; without
 * one, fetching fails with a clear error (offline tools). */
void crn_plugin_registry_set_fetcher (CrnPluginRegistry *reg, CrnPluginFetchFunc func,
                                      gpointer user_data, GDestroyNotify destroy);

/* Runs the plugin of each [Plugin NAME] group of @event, in file order.
 * Problems go to @diags (an unknown plugin names the known ones); FALSE when
 * any error was added. */
gboolean crn_plugin_registry_run (CrnPluginRegistry *reg, CrnEvent *event, CrnEventFiles *files,
                                  const char *event_file, CrnDiagnostics *diags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnPluginRegistry, crn_plugin_registry_free)

G_END_DECLS
