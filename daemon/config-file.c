/* creneau — reading creneaud.conf. */
#include "config.h"

#include "config-file.h"

#include <creneau/limits.h>
#include <gio/gio.h>

#define DEFAULT_LISTEN "127.0.0.1:8711"

void
crn_daemon_config_free (CrnDaemonConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->feeds_listen);
  g_free (config->access_group);
  g_free (config);
}

CrnDaemonConfig *
crn_daemon_config_load (const char *path, gboolean must_exist, gboolean system_bus,
                        GError **error)
{
  g_autoptr (CrnDaemonConfig) config = g_new0 (CrnDaemonConfig, 1);
  config->feeds_listen = g_strdup (DEFAULT_LISTEN);
  config->access_group = system_bus ? g_strdup ("creneau") : NULL;
  config->access_root = TRUE;
  config->max_events = CRN_LIMIT_EVENTS_DEFAULT;

  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local)) {
    if (!must_exist && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      return g_steal_pointer (&config);
    g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
    return NULL;
  }
  if (g_key_file_has_key (kf, "Feeds", "Listen", NULL)) {
    g_free (config->feeds_listen);
    config->feeds_listen = g_key_file_get_string (kf, "Feeds", "Listen", NULL);
  }
  if (g_key_file_has_key (kf, "Access", "Group", NULL)) {
    g_free (config->access_group);
    config->access_group = g_key_file_get_string (kf, "Access", "Group", NULL);
    if (config->access_group && *config->access_group == '\0')
      g_clear_pointer (&config->access_group, g_free);
  }
  if (g_key_file_has_key (kf, "Access", "AllowRoot", NULL)) {
    config->access_root = g_key_file_get_boolean (kf, "Access", "AllowRoot", &local);
    if (local != NULL) {
      g_set_error (error, local->domain, local->code, "%s: [Access] AllowRoot: %s", path,
                   local->message);
      return NULL;
    }
  }
  if (g_key_file_has_key (kf, "Limits", "MaxEvents", NULL)) {
    gint n = g_key_file_get_integer (kf, "Limits", "MaxEvents", &local);
    if (local != NULL || n < 1 || (guint) n > CRN_LIMIT_EVENTS_MAX) {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "%s: [Limits] MaxEvents must be a whole number from 1 to %u.", path,
                   CRN_LIMIT_EVENTS_MAX);
      return NULL;
    }
    config->max_events = (guint) n;
  }
  return g_steal_pointer (&config);
}
