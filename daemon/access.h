/* creneau — who may change the daemon's state.
 *
 * The system bus policy already keeps mutating methods to root and the
 * creneau group; the daemon checks again itself, so a looser policy file or
 * a session bus configured for it cannot open state to everyone.
 */
#pragma once

#include "dbus-object.h"

G_BEGIN_DECLS

typedef struct {
  char *group;        /* NULL: everyone may */
  gboolean allow_root;
} CrnAccess;

/* A CrnBusAccessFunc; @user_data is a CrnAccess. */
gboolean crn_access_check (DBusConnection *conn, const char *sender, gpointer user_data,
                           GError **error);

G_END_DECLS
