/* creneau — the manager object /org/creneau/Scheduler1 (interface
 * org.creneau.Scheduler1): loading, listing and removing events.
 */
#pragma once

#include "dbus-object.h"
#include "event-store.h"

G_BEGIN_DECLS

#define CRN_BUS_NAME "org.creneau.Scheduler1"
#define CRN_MANAGER_PATH "/org/creneau/Scheduler1"
#define CRN_MANAGER_INTERFACE "org.creneau.Scheduler1"

extern const CrnBusInterface crn_manager_interface;

typedef struct _CrnManager CrnManager;

typedef struct {
  const char *plugin_dir;   /* NULL: the default directory */
  guint max_events;         /* 0: no limit */
  const char *feeds_listen; /* "ADDRESS:PORT"; NULL or "": no feeds */
} CrnManagerOptions;

/* Registers the manager and puts every event of @store (not owned) back on
 * the bus. */
CrnManager *crn_manager_new (DBusConnection *conn, CrnEventStore *store,
                             const CrnManagerOptions *opts, GError **error);
/* Stops running solves and takes every object off the bus. */
void crn_manager_free (CrnManager *manager);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnManager, crn_manager_free)

G_END_DECLS
