/* creneau — the plugin ABI.
 *
 * A plugin is a shared module exporting one symbol, `crn_plugin_descriptor`,
 * declared with CRN_PLUGIN_DEFINE. For every `[Plugin NAME]` group of an
 * event, the loader calls that plugin's load_event callback once, with a
 * context giving the group's keys and the event's files (by relative name, as
 * bytes). The plugin adds rooms, people and partners through
 * <creneau/model.h> and reports problems through the context; it never opens
 * a file itself.
 */
#pragma once

#include <glib.h>
#include <gmodule.h>
#include <creneau/model.h>
#include <creneau/diagnostics.h>
#include <creneau/keyfile.h>

G_BEGIN_DECLS

/* Bumped whenever the descriptor or any function of the public headers
 * changes incompatibly. */
#define CRN_PLUGIN_ABI_VERSION 1u

typedef struct _CrnPluginContext CrnPluginContext;

typedef struct {
  guint32 abi_version; /* CRN_PLUGIN_ABI_VERSION at the plugin's build */
  const char *name;    /* [a-z0-9-]+, the NAME of [Plugin NAME] */
  const char *version;
  const char *description;
  /* Returns FALSE after reporting at least one error through the context. */
  gboolean (*load_event) (CrnPluginContext *ctx);
} CrnPluginDescriptor;

#define CRN_PLUGIN_SYMBOL "crn_plugin_descriptor"

#define CRN_PLUGIN_DEFINE(name_, version_, description_, load_event_)                      \
  G_MODULE_EXPORT const CrnPluginDescriptor crn_plugin_descriptor = {                      \
    CRN_PLUGIN_ABI_VERSION, (name_), (version_), (description_), (load_event_),           \
  };

CrnEvent *crn_plugin_context_get_event (CrnPluginContext *ctx);
const char *crn_plugin_context_get_name (CrnPluginContext *ctx);
/* The [Plugin NAME] group of event.conf. */
char *crn_plugin_context_get_string (CrnPluginContext *ctx, const char *key);
gboolean crn_plugin_context_has_key (CrnPluginContext *ctx, const char *key);
char **crn_plugin_context_get_keys (CrnPluginContext *ctx);
/* Line of @key in event.conf, or of the [Plugin NAME] header when @key is
 * NULL; 0 when unknown. */
int crn_plugin_context_get_line (CrnPluginContext *ctx, const char *key);

/* The event's files. Names are relative, '/'-separated ("speakers/caron.ics").
 * get_file returns NULL when absent. list_files returns the sorted names that
 * start with @prefix ("" for all). */
GBytes *crn_plugin_context_get_file (CrnPluginContext *ctx, const char *name);
char **crn_plugin_context_list_files (CrnPluginContext *ctx, const char *prefix);

/* Fetches a remote calendar through the host (size and time limited). Fails
 * with a clear error when the host has no fetcher (offline tools). */
GBytes *crn_plugin_context_fetch (CrnPluginContext *ctx, const char *url, GError **error);

/* Reads the event file named by @key of the [Plugin NAME] group as a key
 * file. Reports "the key is required (@what)", a missing file or a syntax
 * error and returns NULL; the file's name is crn_key_file_get_file(). */
CrnKeyFile *crn_plugin_context_open_key_file (CrnPluginContext *ctx, const char *key,
                                              const char *what);

/* Diagnostics, attributed to this plugin. */
void crn_plugin_context_error (CrnPluginContext *ctx, const char *file, int line,
                               const char *group, const char *key, const char *format, ...)
    G_GNUC_PRINTF (6, 7);
void crn_plugin_context_warning (CrnPluginContext *ctx, const char *file, int line,
                                 const char *group, const char *key, const char *format, ...)
    G_GNUC_PRINTF (6, 7);
/* The diagnostics sink, for crn_key_file_new_from_bytes. */
CrnDiagnostics *crn_plugin_context_get_diagnostics (CrnPluginContext *ctx);

G_END_DECLS
