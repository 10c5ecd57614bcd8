/* creneau — checking a caller against the configured group. */
#include "config.h"

#include "access.h"

#include <grp.h>
#include <pwd.h>
#include <sys/types.h>

static gboolean
user_in_group (uid_t uid, gid_t gid)
{
  struct passwd *pw = getpwuid (uid);
  if (pw == NULL)
    return FALSE;
  if (pw->pw_gid == gid)
    return TRUE;
  int n = 64;
  g_autofree gid_t *groups = g_new (gid_t, n);
  if (getgrouplist (pw->pw_name, pw->pw_gid, groups, &n) < 0) {
    groups = g_renew (gid_t, groups, n);
    if (getgrouplist (pw->pw_name, pw->pw_gid, groups, &n) < 0)
      return FALSE;
  }
  for (int i = 0; i < n; i++)
    if (groups[i] == gid)
      return TRUE;
  return FALSE;
}

gboolean
crn_access_check (DBusConnection *conn, const char *sender, gpointer user_data, GError **error)
{
  const CrnAccess *access = user_data;
  if (access == NULL || (access->group == NULL && access->allow_root))
    return TRUE;
  DBusError err;
  dbus_error_init (&err);
  /* A short round trip to the bus; only mutating calls pay it. */
  unsigned long uid = dbus_bus_get_unix_user (conn, sender, &err);
  if (dbus_error_is_set (&err)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_ACCESS_DENIED,
                 "The caller's user could not be found: %s", err.message);
    dbus_error_free (&err);
    return FALSE;
  }
  if (uid == 0 && access->allow_root)
    return TRUE;
  if (access->group != NULL) {
    struct group *gr = getgrnam (access->group);
    if (gr != NULL && user_in_group ((uid_t) uid, gr->gr_gid))
      return TRUE;
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_ACCESS_DENIED,
                 "Only members of the group \"%s\"%s may change the daemon's state.",
                 access->group, access->allow_root ? " and root" : "");
    return FALSE;
  }
  g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_ACCESS_DENIED,
               "Nobody may change the daemon's state: no [Access] Group is configured "
               "and AllowRoot is false.");
  return FALSE;
}
