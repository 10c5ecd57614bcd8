/* creneau — the manager object: LoadEvent, ListEvents, RemoveEvent,
 * ListPlugins, Version.
 *
 * The daemon never opens a path a client sends: LoadEvent carries the files
 * themselves, which go through the same reader as `creneauctl check`.
 */
#include "config.h"

#include "manager.h"
#include "event-object.h"
#include "feeds.h"
#include "fetcher.h"
#include "load-args.h"
#include "model/error.h"
#include "model/files.h"
#include "plugin/registry.h"
#include "reader/reader.h"

struct _CrnManager {
  DBusConnection *conn;
  CrnEventStore *store;
  CrnBusObject *object;
  GHashTable *events;           /* id -> CrnEventObject* */
  char *plugin_dir;
  guint max_events;
  CrnPluginRegistry *plugins;
  CrnFeedServer *feeds;         /* NULL: no feeds */
  GPtrArray *loads;             /* LoadJob* still reading */
};

/* One LoadEvent: the event is read (plugins, remote calendars) in a thread
 * of its own, so the bus keeps answering meanwhile; the answer is sent from
 * the main thread once it is done. */
typedef struct {
  CrnManager *manager;
  CrnBusCall *call;
  CrnEventFiles *files;
  gboolean replace;
  GThread *thread;
  GSource *done;
  CrnEvent *event;              /* the result, or NULL with @error */
  GError *error;
} LoadJob;

static const char *
feed_base (CrnManager *manager)
{
  return manager->feeds ? crn_feed_server_get_base_url (manager->feeds) : NULL;
}

/* Only published revisions are served; a feed of an unknown event, token
 * or an unpublished event is simply absent (404). */
static gboolean
lookup_feed (const char *event_id, const char *kind, const char *token, CrnFeed *out,
             gpointer user_data)
{
  CrnManager *manager = user_data;
  CrnEventObject *obj = g_hash_table_lookup (manager->events, event_id);
  if (obj == NULL)
    return FALSE;
  return crn_event_object_get_published_feed (obj, kind, token, out);
}

/* Reading events */

static CrnEvent *
read_event (CrnManager *manager, CrnEventFiles *files, GError **error)
{
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  CrnEvent *event = crn_event_read (files, manager->plugins, diags);
  if (event == NULL) {
    g_autofree char *all = crn_diagnostics_format_all (diags);
    g_strchomp (all);
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT, "%s",
                 *all ? all : "The event's files could not be read.");
    return NULL;
  }
  return event;
}

static CrnEventObject *
lookup_path (CrnManager *manager, const char *path)
{
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, manager->events);
  while (g_hash_table_iter_next (&it, NULL, &value))
    if (g_str_equal (crn_event_object_get_path (value), path))
      return value;
  return NULL;
}

static void
load_job_free (LoadJob *job)
{
  if (job->done != NULL) {
    g_source_destroy (job->done);
    g_source_unref (job->done);
  }
  crn_event_files_free (job->files);
  g_clear_pointer (&job->event, crn_event_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* Main thread: the event is read; put it on the bus and answer. */
static gboolean
load_finish (CrnManager *manager, LoadJob *job, GError **error)
{
  if (job->event == NULL) {
    g_propagate_error (error, g_steal_pointer (&job->error));
    return FALSE;
  }
  g_autofree char *id = g_strdup (job->event->id);
  CrnEventObject *obj = g_hash_table_lookup (manager->events, id);
  if (obj != NULL && !job->replace) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Event \"%s\" is already loaded; load it with the replace option to "
                 "update it.", id);
    return FALSE;
  }
  if (obj != NULL && crn_event_object_is_solving (obj)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_BUSY,
                 "Event \"%s\" is being solved; cancel the solve or wait for it to finish.",
                 id);
    return FALSE;
  }
  if (obj == NULL && manager->max_events > 0 &&
      g_hash_table_size (manager->events) >= manager->max_events) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "The daemon already holds %u events, the limit set by [Limits] MaxEvents; "
                 "remove one first.", manager->max_events);
    return FALSE;
  }
  if (!crn_event_store_put_files (manager->store, id, g_steal_pointer (&job->files), error))
    return FALSE;
  if (obj != NULL) {
    if (!crn_event_object_replace (obj, g_steal_pointer (&job->event), error))
      return FALSE;
  } else {
    obj = crn_event_object_new (manager->conn, manager->store, g_steal_pointer (&job->event),
                                error);
    if (obj == NULL) {
      crn_event_store_remove_event (manager->store, id, NULL);
      return FALSE;
    }
    crn_event_object_set_feed_base (obj, feed_base (manager));
    g_hash_table_insert (manager->events, g_strdup (id), obj);
  }
  g_info ("event %s %s", id, job->replace ? "loaded (replace)" : "loaded");
  const char *path = crn_event_object_get_path (obj);
  DBusMessage *reply = crn_bus_call_new_reply (job->call);
  dbus_message_append_args (reply, DBUS_TYPE_OBJECT_PATH, &path, DBUS_TYPE_INVALID);
  crn_bus_call_return (g_steal_pointer (&job->call), reply);
  return TRUE;
}

static gboolean
load_done_cb (gpointer data)
{
  LoadJob *job = data;
  CrnManager *manager = job->manager;
  g_thread_join (job->thread);
  g_ptr_array_remove_fast (manager->loads, job);
  g_autoptr (GError) error = NULL;
  if (!load_finish (manager, job, &error))
    crn_bus_call_return_error (g_steal_pointer (&job->call), error);
  g_source_unref (job->done);
  job->done = NULL;
  load_job_free (job);
  return G_SOURCE_REMOVE;
}

static gpointer
load_thread (gpointer data)
{
  LoadJob *job = data;
  job->event = read_event (job->manager, job->files, &job->error);
  /* Wake the main thread; the source is destroyed with the job if the
   * daemon stops first. */
  GSource *done = g_idle_source_new ();
  g_source_set_callback (done, load_done_cb, job, NULL);
  job->done = done;
  g_source_attach (done, NULL);
  return NULL;
}

static gboolean
method_load_event (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnManager *manager = data;
  gboolean replace = FALSE;
  g_autoptr (CrnEventFiles) files =
      crn_load_event_args_decode (crn_bus_call_get_message (call), &replace, error);
  if (files == NULL)
    return FALSE;
  LoadJob *job = g_new0 (LoadJob, 1);
  job->manager = manager;
  job->call = call;
  job->files = g_steal_pointer (&files);
  job->replace = replace;
  g_ptr_array_add (manager->loads, job);
  job->thread = g_thread_new ("crn-load", load_thread, job);
  return TRUE;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
method_list_events (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnManager *manager = data;
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, manager->events);
  while (g_hash_table_iter_next (&it, NULL, &value))
    g_ptr_array_add (paths, (gpointer) crn_event_object_get_path (value));
  g_ptr_array_sort (paths, compare_strings);
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "o", &arr);
  for (guint i = 0; i < paths->len; i++) {
    const char *path = g_ptr_array_index (paths, i);
    dbus_message_iter_append_basic (&arr, DBUS_TYPE_OBJECT_PATH, &path);
  }
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

static gboolean
method_remove_event (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnManager *manager = data;
  const char *path;
  dbus_message_iter_get_basic (args, &path);
  CrnEventObject *obj = lookup_path (manager, path);
  if (obj == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND, "No event is loaded at %s.",
                 path);
    return FALSE;
  }
  if (crn_event_object_is_solving (obj)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_BUSY,
                 "Event \"%s\" is being solved; cancel the solve or wait for it to finish.",
                 crn_event_object_get_id (obj));
    return FALSE;
  }
  g_autofree char *id = g_strdup (crn_event_object_get_id (obj));
  if (!crn_event_store_remove_event (manager->store, id, error))
    return FALSE;
  g_hash_table_remove (manager->events, id);
  g_info ("event %s removed", id);
  crn_bus_call_return (call, NULL);
  return TRUE;
}

static gboolean
method_list_plugins (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "(sss)", &arr);
  CrnManager *manager = data;
  for (guint i = 0; i < crn_plugin_registry_get_n_plugins (manager->plugins); i++) {
    const CrnPluginDescriptor *d = crn_plugin_registry_get_plugin (manager->plugins, i);
    const char *version = d->version ? d->version : "";
    const char *description = d->description ? d->description : "";
    DBusMessageIter st;
    dbus_message_iter_open_container (&arr, DBUS_TYPE_STRUCT, NULL, &st);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &d->name);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &version);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &description);
    dbus_message_iter_close_container (&arr, &st);
  }
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

static void
get_version (DBusMessageIter *iter, gpointer data)
{
  const char *version = PACKAGE_VERSION;
  dbus_message_iter_append_basic (iter, DBUS_TYPE_STRING, &version);
}

static const CrnBusArg load_in[] = { { "files", "a{say}" }, { "options", "a{sv}" }, { NULL } };
static const CrnBusArg load_out[] = { { "event", "o" }, { NULL } };
static const CrnBusArg list_out[] = { { "events", "ao" }, { NULL } };
static const CrnBusArg remove_in[] = { { "event", "o" }, { NULL } };
static const CrnBusArg plugins_out[] = { { "plugins", "a(sss)" }, { NULL } };

static const CrnBusMethod manager_methods[] = {
  { "LoadEvent", method_load_event, load_in, load_out,
    CRN_BUS_METHOD_PRIVILEGED | CRN_BUS_METHOD_ASYNC },
  { "ListEvents", method_list_events, NULL, list_out, 0 },
  { "RemoveEvent", method_remove_event, remove_in, NULL, CRN_BUS_METHOD_PRIVILEGED },
  { "ListPlugins", method_list_plugins, NULL, plugins_out, 0 },
  { NULL },
};

static const CrnBusProperty manager_properties[] = {
  { "Version", "s", get_version, NULL, 0 },
  { NULL },
};

const CrnBusInterface crn_manager_interface = {
  CRN_MANAGER_INTERFACE, manager_methods, NULL, manager_properties,
};

/* Life cycle */

/* The reader wants files it may annotate; give it its own copy. */
static CrnEventFiles *
copy_files (const CrnEventFiles *stored)
{
  CrnEventFiles *files = crn_event_files_new ();
  g_auto (GStrv) names = crn_event_files_list (stored, NULL);
  for (guint k = 0; names[k]; k++)
    crn_event_files_add (files, names[k], crn_event_files_lookup (stored, names[k]), NULL);
  return files;
}

static void
restore_events (CrnManager *manager)
{
  g_auto (GStrv) ids = crn_event_store_list_events (manager->store);
  for (guint i = 0; ids && ids[i]; i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnEventFiles) files = copy_files (crn_event_store_get_files (manager->store,
                                                                             ids[i]));
    CrnEvent *event = read_event (manager, files, &error);
    CrnEventObject *obj = event ? crn_event_object_new (manager->conn, manager->store, event,
                                                        &error)
                                : NULL;
    if (obj == NULL) {
      g_warning ("Event \"%s\" could not be restored: %s", ids[i], error->message);
      continue;
    }
    crn_event_object_set_feed_base (obj, feed_base (manager));
    g_hash_table_insert (manager->events, g_strdup (ids[i]), obj);
    /* Feeds keep serving what was published, even when other files were
     * loaded since. */
    const CrnEventFiles *published = crn_event_object_get_stale_published_files (obj);
    if (published != NULL) {
      g_autoptr (CrnEventFiles) copy = copy_files (published);
      CrnEvent *as_published = read_event (manager, copy, &error);
      if (as_published != NULL)
        crn_event_object_set_published_event (obj, as_published);
      else
        g_warning ("The published files of \"%s\" could not be read again, so its feeds "
                   "use the files loaded since: %s", ids[i], error->message);
    }
  }
}

CrnManager *
crn_manager_new (DBusConnection *conn, CrnEventStore *store, const CrnManagerOptions *opts,
                 GError **error)
{
  g_autoptr (CrnManager) manager = g_new0 (CrnManager, 1);
  manager->conn = dbus_connection_ref (conn);
  manager->store = store;
  manager->events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) crn_event_object_free);
  manager->plugin_dir = g_strdup (opts ? opts->plugin_dir : NULL);
  manager->max_events = opts ? opts->max_events : 0;
  manager->loads = g_ptr_array_new ();
  manager->plugins = crn_plugin_registry_new ();
  crn_plugin_registry_set_fetcher (manager->plugins, crn_fetch_calendar, NULL, NULL);
  const char *dir = crn_plugin_registry_default_directory (manager->plugin_dir);
  g_autoptr (GError) local = NULL;
  if (!crn_plugin_registry_load_directory (manager->plugins, dir, &local))
    g_warning ("No plugins loaded: %s", local->message);
  const GPtrArray *refusals = crn_plugin_registry_get_refusals (manager->plugins);
  for (guint i = 0; refusals && i < refusals->len; i++)
    g_warning ("%s", (const char *) g_ptr_array_index (refusals, i));
  if (opts && opts->feeds_listen && *opts->feeds_listen) {
    g_autoptr (GError) feeds_error = NULL;
    manager->feeds = crn_feed_server_new (opts->feeds_listen, lookup_feed, manager, &feeds_error);
    if (manager->feeds == NULL)
      g_warning ("No feeds will be served: %s", feeds_error->message);
    else
      g_info ("feeds served at %s", crn_feed_server_get_base_url (manager->feeds));
  }
  manager->object = crn_bus_object_new (conn, CRN_MANAGER_PATH, error);
  if (manager->object == NULL)
    return NULL;
  crn_bus_object_add_interface (manager->object, &crn_manager_interface, manager);
  restore_events (manager);
  return g_steal_pointer (&manager);
}

void
crn_manager_free (CrnManager *manager)
{
  if (manager == NULL)
    return;
  /* Reading threads use the plugins: let them end before unloading them.
   * Their callers are answered by crn_bus_calls_abandon_all(). */
  for (guint i = 0; manager->loads && i < manager->loads->len; i++) {
    LoadJob *job = g_ptr_array_index (manager->loads, i);
    g_thread_join (job->thread);
    load_job_free (job);
  }
  g_clear_pointer (&manager->loads, g_ptr_array_unref);
  g_clear_pointer (&manager->feeds, crn_feed_server_free);
  g_hash_table_unref (manager->events);
  crn_bus_object_free (manager->object);
  crn_plugin_registry_free (manager->plugins);
  dbus_connection_unref (manager->conn);
  g_free (manager->plugin_dir);
  g_free (manager);
}
