/* creneauctl — talking to creneaud over D-Bus (blocking libdbus calls).
 *
 * Every failure becomes a GError in CRN_CLI_ERROR whose code says which exit
 * status it deserves: the daemon refused (1) or could not be reached (3).
 */
#pragma once

#include <glib.h>
#include <dbus/dbus.h>

G_BEGIN_DECLS

#define CRN_CLI_BUS_NAME "org.creneau.Scheduler1"
#define CRN_CLI_MANAGER_PATH "/org/creneau/Scheduler1"
#define CRN_CLI_MANAGER_INTERFACE "org.creneau.Scheduler1"
#define CRN_CLI_EVENT_INTERFACE "org.creneau.Scheduler1.Event"

#define CRN_CLI_ERROR (crn_cli_error_quark ())
GQuark crn_cli_error_quark (void);

typedef enum {
  CRN_CLI_ERROR_DAEMON = 1,       /* the daemon answered with an error */
  CRN_CLI_ERROR_UNREACHABLE = 3,  /* no bus, no daemon, no answer */
} CrnCliError;

/* --system / --session, shared by every command that talks to the daemon. */
extern const GOptionEntry crn_cli_bus_entries[];

/* For "creneauctl --system COMMAND": the bus before any command's own
 * options. */
void crn_cli_use_system_bus (gboolean system_bus);

DBusConnection *crn_cli_connect (GError **error);
void crn_cli_disconnect (DBusConnection *conn);

/* Sends @msg (taken) and waits for the reply. */
DBusMessage *crn_cli_call (DBusConnection *conn, DBusMessage *msg, GError **error);
DBusMessage *crn_cli_new_call (const char *path, const char *iface, const char *method);

/* The object path of a loaded event, or NotFound as a daemon error. */
char *crn_cli_event_path (DBusConnection *conn, const char *event_id, GError **error);

/* Properties. */
DBusMessage *crn_cli_get_all (DBusConnection *conn, const char *path, const char *iface,
                              GError **error);
/* Looks @key up in an a{sv} iterator; FALSE when absent. */
gboolean crn_cli_dict_lookup (DBusMessageIter *dict, const char *key, DBusMessageIter *value);
const char *crn_cli_dict_string (DBusMessageIter *dict, const char *key, const char *fallback);
guint64 crn_cli_dict_uint (DBusMessageIter *dict, const char *key, guint64 fallback);
/* NULL-terminated copy of an "as" entry; empty when absent. */
char **crn_cli_dict_strv (DBusMessageIter *dict, const char *key);

/* Appends a one-entry a{sv} helper's entries. */
void crn_cli_dict_append (DBusMessageIter *dict, const char *key, int type, const void *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DBusMessage, dbus_message_unref)

/* Prints the error as "creneauctl COMMAND: sentence" (each line of a
 * multi-line daemon answer on its own) and returns the exit status. */
int crn_cli_fail (const char *command, const GError *error);

G_END_DECLS

G_BEGIN_DECLS
/* Parses a bus command's options (plus --system/--session) and checks it got
 * between @min_args and @max_args positional arguments. Returns -1 to go on,
 * else the exit status to return (a usage error has been printed). */
int crn_cli_parse_args (const char *command, const char *params, const char *summary,
                        const GOptionEntry *entries, int *argc, char ***argv, int min_args,
                        int max_args);
G_END_DECLS
