/* creneau — what the loader hands a plugin for one [Plugin NAME] group. */
#pragma once

#include "registry.h"

G_BEGIN_DECLS

CrnPluginContext *crn_plugin_context_new (const CrnPluginDescriptor *plugin,
                                          const CrnPluginGroup *group, CrnEvent *event,
                                          CrnEventFiles *files, CrnDiagnostics *diags,
                                          CrnPluginFetchFunc fetch, gpointer fetch_data);
void crn_plugin_context_free (CrnPluginContext *ctx);
/* Number of errors the plugin reported through this context. */
guint crn_plugin_context_get_n_errors (CrnPluginContext *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnPluginContext, crn_plugin_context_free)

G_END_DECLS
