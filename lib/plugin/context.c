/* creneau — the plugin context: a [Plugin NAME] group, the event's files and
 * a diagnostics sink, all attributed to one plugin. */
#include "config.h"

#include "context.h"
#include "model/error.h"

struct _CrnPluginContext {
  const CrnPluginDescriptor *plugin;
  const CrnPluginGroup *group;
  CrnEvent *event;
  CrnEventFiles *files;
  CrnDiagnostics *diags;
  CrnPluginFetchFunc fetch;
  gpointer fetch_data;
  guint n_errors;
};

CrnPluginContext *
crn_plugin_context_new (const CrnPluginDescriptor *plugin, const CrnPluginGroup *group,
                        CrnEvent *event, CrnEventFiles *files, CrnDiagnostics *diags,
                        CrnPluginFetchFunc fetch, gpointer fetch_data)
{
  CrnPluginContext *ctx = g_new0 (CrnPluginContext, 1);
  ctx->plugin = plugin;
  ctx->group = group;
  ctx->event = event;
  ctx->files = files;
  ctx->diags = diags;
  ctx->fetch = fetch;
  ctx->fetch_data = fetch_data;
  return ctx;
}

void
crn_plugin_context_free (CrnPluginContext *ctx)
{
  g_free (ctx);
}

guint
crn_plugin_context_get_n_errors (CrnPluginContext *ctx)
{
  return ctx->n_errors;
}

CrnEvent *
crn_plugin_context_get_event (CrnPluginContext *ctx)
{
  return ctx->event;
}

const char *
crn_plugin_context_get_name (CrnPluginContext *ctx)
{
  return ctx->plugin->name;
}

static gint
find_key (CrnPluginContext *ctx, const char *key)
{
  /* The last occurrence wins, as in GKeyFile. */
  for (guint i = ctx->group->keys->len; i > 0; i--)
    if (g_strcmp0 (g_ptr_array_index (ctx->group->keys, i - 1), key) == 0)
      return (gint) i - 1;
  return -1;
}

char *
crn_plugin_context_get_string (CrnPluginContext *ctx, const char *key)
{
  gint i = find_key (ctx, key);
  return i < 0 ? NULL : g_strdup (g_ptr_array_index (ctx->group->values, i));
}

gboolean
crn_plugin_context_has_key (CrnPluginContext *ctx, const char *key)
{
  return find_key (ctx, key) >= 0;
}

char **
crn_plugin_context_get_keys (CrnPluginContext *ctx)
{
  GPtrArray *keys = g_ptr_array_new ();
  for (guint i = 0; i < ctx->group->keys->len; i++)
    g_ptr_array_add (keys, g_strdup (g_ptr_array_index (ctx->group->keys, i)));
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

int
crn_plugin_context_get_line (CrnPluginContext *ctx, const char *key)
{
  if (key == NULL)
    return ctx->group->line;
  gint i = find_key (ctx, key);
  return i < 0 ? 0 : g_array_index (ctx->group->lines, int, i);
}

GBytes *
crn_plugin_context_get_file (CrnPluginContext *ctx, const char *name)
{
  GBytes *bytes = crn_event_files_lookup (ctx->files, name);
  return bytes ? g_bytes_ref (bytes) : NULL;
}

char **
crn_plugin_context_list_files (CrnPluginContext *ctx, const char *prefix)
{
  return crn_event_files_list (ctx->files, prefix ? prefix : "");
}

GBytes *
crn_plugin_context_fetch (CrnPluginContext *ctx, const char *url, GError **error)
{
  if (ctx->fetch == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED,
                 "%s cannot be fetched here: remote calendars are fetched only by the daemon",
                 url);
    return NULL;
  }
  return ctx->fetch (url, ctx->fetch_data, error);
}

static void
report (CrnPluginContext *ctx, CrnSeverity severity, const char *file, int line,
        const char *group, const char *key, const char *format, va_list args)
{
  if (severity == CRN_SEVERITY_ERROR)
    ctx->n_errors++;
  crn_diagnostics_addv (ctx->diags, severity, ctx->plugin->name, file, line, group, key, format,
                        args);
}

void
crn_plugin_context_error (CrnPluginContext *ctx, const char *file, int line, const char *group,
                          const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  report (ctx, CRN_SEVERITY_ERROR, file, line, group, key, format, args);
  va_end (args);
}

void
crn_plugin_context_warning (CrnPluginContext *ctx, const char *file, int line, const char *group,
                            const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  report (ctx, CRN_SEVERITY_WARNING, file, line, group, key, format, args);
  va_end (args);
}

CrnDiagnostics *
crn_plugin_context_get_diagnostics (CrnPluginContext *ctx)
{
  return ctx->diags;
}

CrnKeyFile *
crn_plugin_context_open_key_file (CrnPluginContext *ctx, const char *key, const char *what)
{
  g_autofree char *group_name = g_strconcat ("Plugin ", ctx->plugin->name, NULL);
  g_autofree char *file = crn_plugin_context_get_string (ctx, key);
  if (file == NULL || *g_strstrip (file) == '\0') {
    crn_plugin_context_error (ctx, "event.conf", crn_plugin_context_get_line (ctx, NULL),
                              group_name, key, "the key is required (%s)", what);
    return NULL;
  }
  g_autoptr (GBytes) bytes = crn_plugin_context_get_file (ctx, file);
  if (bytes == NULL) {
    crn_plugin_context_error (ctx, "event.conf", crn_plugin_context_get_line (ctx, key),
                              group_name, key, "no file \"%s\" in the event directory", file);
    return NULL;
  }
  return crn_key_file_new_from_bytes (bytes, file, ctx->plugin->name, ctx->diags);
}
