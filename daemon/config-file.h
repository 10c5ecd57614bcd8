/* creneau — creneaud.conf: where the feeds listen, who may change state,
 * and the limits. An absent file gives the defaults.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *feeds_listen;     /* [Feeds] Listen= */
  char *access_group;     /* [Access] Group=: who may call mutating methods; NULL: anyone */
  gboolean access_root;   /* [Access] AllowRoot= (default true) */
  guint max_events;       /* [Limits] MaxEvents= (default 100) */
} CrnDaemonConfig;

/* Reads @path; a missing file is not an error unless @must_exist. The
 * system bus defaults to Group=creneau. */
CrnDaemonConfig *crn_daemon_config_load (const char *path, gboolean must_exist,
                                         gboolean system_bus, GError **error);
void crn_daemon_config_free (CrnDaemonConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnDaemonConfig, crn_daemon_config_free)

G_END_DECLS
