/* creneau — an event on the bus: its timetable, solving, pins, publishing.
 *
 * Solve runs crn_solve() in its own thread and answers at once. The thread
 * only touches the job below; everything on the bus happens in the main
 * thread: a timer there turns the solver's latest progress into Progress
 * signals, and an idle source delivers the result. While a solve runs, the
 * event, its pins and its timetable stay as they are, so reads answer at once
 * and writes answer Busy.
 */
#include "config.h"

#include "event-object.h"
#include "model/error.h"
#include "model/timetable.h"
#include "solver/check.h"
#include "solver/explain.h"
#include "solver/solver.h"
#include "ical/revision.h"
#include "ical/writer.h"
#include "export-formats.h"

#include <creneau/limits.h>

#include <string.h>

#define PROGRESS_INTERVAL_MS 150
#define DEFAULT_TIME_LIMIT 30

typedef struct {
  gint ref;
  const CrnEvent *event;          /* kept alive by the owner until the job ends */
  CrnSolveOptions opts;
  GArray *pins;                   /* CrnPin */
  CrnTimetable *previous;         /* or NULL */
  GCancellable *cancellable;
  gint64 started;                 /* monotonic, microseconds */
  GThread *thread;
  GMutex lock;
  gboolean have_progress;         /* the fields below are under @lock */
  guint hard;
  guint64 soft;
  CrnTimetable *result;
  gboolean cancelled;
  GSource *done_source;
} SolveJob;

struct _CrnEventObject {
  DBusConnection *conn;
  CrnEventStore *store;
  char *id;
  char *path;
  CrnBusObject *object;
  CrnEvent *event;
  CrnTimetable *timetable;        /* current, or NULL */
  CrnEventState state;
  SolveJob *job;                  /* running solve, or NULL */
  guint progress_timer;
  CrnBusCall *wait_call;          /* a Solve with "wait", answered when it ends */
  char *feed_base;                /* NULL: no feeds */
  /* Feeds serve the last revision as it was published: with the event read
   * from that revision's files, so that a LoadEvent(replace) changes nothing
   * a subscriber sees until the next Publish. */
  CrnEvent *published_event;      /* may be @event itself; NULL: never published */
  guint feed_revision;            /* the revision the caches below were made for */
  CrnTimetable *feed_timetable;
  CrnPublication *feed_publication;
  GHashTable *feed_cache;         /* "" or "kind/target" -> FeedBody* */
};

typedef struct {
  GBytes *body;
  char *etag;
} FeedBody;

static void
feed_body_free (FeedBody *b)
{
  g_bytes_unref (b->body);
  g_free (b->etag);
  g_free (b);
}

static void
job_unref (SolveJob *job)
{
  if (!g_atomic_int_dec_and_test (&job->ref))
    return;
  g_array_unref (job->pins);
  g_clear_pointer (&job->previous, crn_timetable_free);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->result, crn_timetable_free);
  if (job->done_source) {
    g_source_destroy (job->done_source);
    g_source_unref (job->done_source);
  }
  g_mutex_clear (&job->lock);
  g_free (job);
}

static gboolean
busy_error (CrnEventObject *obj, GError **error)
{
  g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_BUSY,
               "Event \"%s\" is being solved; cancel the solve or wait for it to finish.",
               obj->id);
  return FALSE;
}

/* Timetables by id */

static GArray *
timetable_to_slots (const CrnTimetable *tt)
{
  GArray *slots = crn_stored_slots_new ();
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    if (a->assigned)
      crn_stored_slots_append (slots, a->session->id, a->occurrence,
                               a->room ? a->room->id : NULL, a->start);
  }
  return slots;
}

static CrnTimetable *
timetable_from_slots (const CrnEvent *event, const GArray *slots)
{
  CrnTimetable *tt = crn_timetable_new (event);
  for (guint i = 0; slots && i < slots->len; i++) {
    const CrnStoredSlot *s = &g_array_index (slots, CrnStoredSlot, i);
    CrnAssignment *a = crn_timetable_lookup (tt, s->session, s->occurrence);
    if (a == NULL)
      continue;  /* the session or occurrence is gone from the event */
    a->room = s->room ? crn_event_lookup_room (event, s->room) : NULL;
    a->start = s->start;
    a->assigned = TRUE;
  }
  return tt;
}

static GArray *
pins_for_event (const CrnEvent *event, const GArray *stored)
{
  GArray *pins = g_array_new (FALSE, TRUE, sizeof (CrnPin));
  for (guint i = 0; stored && i < stored->len; i++) {
    const CrnStoredSlot *s = &g_array_index (stored, CrnStoredSlot, i);
    CrnSession *session = crn_event_lookup_session (event, s->session);
    CrnRoom *room = s->room ? crn_event_lookup_room (event, s->room) : NULL;
    if (session == NULL || room == NULL || s->occurrence > session->count)
      continue;
    CrnPin pin = { session, s->occurrence, room, s->start };
    g_array_append_val (pins, pin);
  }
  return pins;
}

static const CrnEventRevision *
last_revision (CrnEventObject *obj)
{
  const GPtrArray *revs = crn_event_store_get_revisions (obj->store, obj->id);
  return revs && revs->len ? g_ptr_array_index (revs, revs->len - 1) : NULL;
}

static guint
revision_number (CrnEventObject *obj)
{
  const CrnEventRevision *rev = last_revision (obj);
  return rev ? rev->number : 0;
}

static CrnTimetable *
previous_timetable (CrnEventObject *obj)
{
  const CrnEventRevision *rev = last_revision (obj);
  return rev ? timetable_from_slots (obj->event, rev->slots) : NULL;
}

static void
evaluate (CrnEventObject *obj, CrnTimetable *tt)
{
  g_autoptr (GArray) pins = pins_for_event (obj->event,
                                            crn_event_store_get_pins (obj->store, obj->id));
  g_autoptr (CrnTimetable) previous = previous_timetable (obj);
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.pins = (const CrnPin *) pins->data;
  opts.n_pins = pins->len;
  opts.previous = previous;
  crn_evaluate (tt, &opts);
}

static gboolean
slots_equal (const GArray *a, const GArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++) {
    const CrnStoredSlot *x = &g_array_index (a, CrnStoredSlot, i);
    const CrnStoredSlot *y = &g_array_index (b, CrnStoredSlot, i);
    if (g_strcmp0 (x->session, y->session) || x->occurrence != y->occurrence ||
        g_strcmp0 (x->room, y->room) || x->start != y->start)
      return FALSE;
  }
  return TRUE;
}

/* Reads the timetable back from the store for the current event. */
static void
restore (CrnEventObject *obj)
{
  g_clear_pointer (&obj->timetable, crn_timetable_free);
  const GArray *slots = crn_event_store_get_timetable (obj->store, obj->id);
  obj->state = CRN_EVENT_STATE_LOADED;
  if (slots == NULL)
    return;
  obj->timetable = timetable_from_slots (obj->event, slots);
  evaluate (obj, obj->timetable);
  const CrnEventRevision *rev = last_revision (obj);
  g_autoptr (GArray) now = timetable_to_slots (obj->timetable);
  obj->state = rev && slots_equal (now, rev->slots) ? CRN_EVENT_STATE_PUBLISHED
                                                     : CRN_EVENT_STATE_SOLVED;
}

static void
notify (CrnEventObject *obj, const char *first, ...)
{
  const char *names[8];
  guint n = 0;
  va_list ap;
  va_start (ap, first);
  for (const char *name = first; name && n < G_N_ELEMENTS (names) - 1;
       name = va_arg (ap, const char *))
    names[n++] = name;
  va_end (ap);
  names[n] = NULL;
  crn_bus_object_emit_properties_changed (obj->object, CRN_EVENT_INTERFACE, names);
}

/* Finds "session" or "session:N" (occurrence N, from 1). */
static CrnSession *
lookup_session (CrnEventObject *obj, const char *text, guint *occurrence, GError **error)
{
  g_autofree char *id = g_strdup (text);
  char *colon = strchr (id, ':');
  *occurrence = 1;
  if (colon != NULL) {
    guint64 n = 0;
    *colon = '\0';
    if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT, &n, NULL)) {
      g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                   "\"%s\" is not a session id, optionally followed by \":\" and an "
                   "occurrence number.", text);
      return NULL;
    }
    *occurrence = (guint) n;
  }
  CrnSession *session = crn_event_lookup_session (obj->event, id);
  if (session == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" has no session \"%s\".", obj->id, id);
    return NULL;
  }
  if (*occurrence > session->count) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Session \"%s\" takes place %u time%s, so it has no occurrence %u.",
                 id, session->count, session->count == 1 ? "" : "s", *occurrence);
    return NULL;
  }
  return session;
}

/* Properties */

static void
get_id (DBusMessageIter *iter, gpointer data)
{
  CrnEventObject *obj = data;
  dbus_message_iter_append_basic (iter, DBUS_TYPE_STRING, &obj->id);
}

static void
get_name (DBusMessageIter *iter, gpointer data)
{
  CrnEventObject *obj = data;
  const char *name = obj->event->name ? obj->event->name : obj->id;
  dbus_message_iter_append_basic (iter, DBUS_TYPE_STRING, &name);
}

static void
get_timezone (DBusMessageIter *iter, gpointer data)
{
  CrnEventObject *obj = data;
  const char *tz = obj->event->timezone_name ? obj->event->timezone_name : "UTC";
  dbus_message_iter_append_basic (iter, DBUS_TYPE_STRING, &tz);
}

static void
get_state (DBusMessageIter *iter, gpointer data)
{
  CrnEventObject *obj = data;
  dbus_uint32_t state = obj->job ? CRN_EVENT_STATE_SOLVING : obj->state;
  dbus_message_iter_append_basic (iter, DBUS_TYPE_UINT32, &state);
}

static void
get_revision (DBusMessageIter *iter, gpointer data)
{
  dbus_uint32_t rev = revision_number (data);
  dbus_message_iter_append_basic (iter, DBUS_TYPE_UINT32, &rev);
}

static void
get_hard (DBusMessageIter *iter, gpointer data)
{
  CrnEventObject *obj = data;
  dbus_uint32_t hard = obj->timetable ? obj->timetable->hard : 0;
  dbus_message_iter_append_basic (iter, DBUS_TYPE_UINT32, &hard);
}

static void
get_soft (DBusMessageIter *iter, gpointer data)
{
  CrnEventObject *obj = data;
  dbus_uint64_t soft = obj->timetable ? obj->timetable->soft : 0;
  dbus_message_iter_append_basic (iter, DBUS_TYPE_UINT64, &soft);
}

/* Solve */

static void
solver_progress (gint64 elapsed_ms, guint best_hard, guint64 best_soft, gpointer data)
{
  SolveJob *job = data;
  g_mutex_lock (&job->lock);
  job->have_progress = TRUE;
  job->hard = best_hard;
  job->soft = best_soft;
  g_mutex_unlock (&job->lock);
}

static gboolean
progress_cb (gpointer data)
{
  CrnEventObject *obj = data;
  SolveJob *job = obj->job;
  g_mutex_lock (&job->lock);
  gboolean have = job->have_progress;
  dbus_uint32_t hard = job->hard;
  dbus_uint64_t soft = job->soft;
  g_mutex_unlock (&job->lock);
  dbus_uint64_t elapsed = (g_get_monotonic_time () - job->started) / 1000;
  if (have)
    crn_bus_object_emit (obj->object, CRN_EVENT_INTERFACE, "Progress",
                         DBUS_TYPE_UINT64, &elapsed, DBUS_TYPE_UINT32, &hard,
                         DBUS_TYPE_UINT64, &soft, DBUS_TYPE_INVALID);
  return G_SOURCE_CONTINUE;
}

static void solve_finish (CrnEventObject *obj);

static gboolean
solve_done_cb (gpointer data)
{
  solve_finish (data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  SolveJob *job;
  CrnEventObject *obj;
} ThreadData;

static gpointer
solve_thread (gpointer data)
{
  SolveJob *job = data;
  gboolean cancelled = FALSE;
  CrnTimetable *result = crn_solve (job->event, &job->opts, &cancelled);
  g_mutex_lock (&job->lock);
  job->result = result;
  job->cancelled = cancelled;
  g_mutex_unlock (&job->lock);
  return NULL;
}

/* Runs in the solving thread after crn_solve(): wake the main thread. */
static gpointer
solve_thread_main (gpointer data)
{
  ThreadData *td = data;
  solve_thread (td->job);
  g_mutex_lock (&td->job->lock);
  td->job->done_source = g_idle_source_new ();
  g_source_set_callback (td->job->done_source, solve_done_cb, td->obj, NULL);
  g_source_attach (td->job->done_source, NULL);
  g_mutex_unlock (&td->job->lock);
  g_free (td);
  return NULL;
}

static void
solve_finish (CrnEventObject *obj)
{
  SolveJob *job = g_steal_pointer (&obj->job);
  g_thread_join (job->thread);
  g_clear_handle_id (&obj->progress_timer, g_source_remove);

  CrnTimetable *result = g_steal_pointer (&job->result);
  gboolean cancelled = job->cancelled;
  gint64 started = job->started;
  job_unref (job);

  /* The timetable is kept before anyone hears of it; when it cannot be,
   * the solve's result stays in memory only and a waiting caller is told. */
  g_autoptr (GError) error = NULL;
  if (!crn_event_store_put_timetable (obj->store, obj->id, timetable_to_slots (result), &error))
    g_warning ("Cannot keep the timetable of \"%s\": %s", obj->id, error->message);
  g_clear_pointer (&obj->timetable, crn_timetable_free);
  obj->timetable = result;
  obj->state = CRN_EVENT_STATE_SOLVED;
  dbus_uint32_t hard = result->hard;
  dbus_uint64_t soft = result->soft;
  dbus_bool_t was_cancelled = cancelled;
  g_info ("event %s solved: hard=%u soft=%" G_GUINT64_FORMAT "%s", obj->id, hard,
          (guint64) soft, cancelled ? " (cancelled)" : "");
  notify (obj, "State", "HardViolations", "SoftCost", NULL);
  /* A last Progress, so even a solve shorter than the interval shows one. */
  dbus_uint64_t elapsed = (g_get_monotonic_time () - started) / 1000;
  crn_bus_object_emit (obj->object, CRN_EVENT_INTERFACE, "Progress",
                       DBUS_TYPE_UINT64, &elapsed, DBUS_TYPE_UINT32, &hard,
                       DBUS_TYPE_UINT64, &soft, DBUS_TYPE_INVALID);
  crn_bus_object_emit (obj->object, CRN_EVENT_INTERFACE, "Solved",
                       DBUS_TYPE_UINT32, &hard, DBUS_TYPE_UINT64, &soft,
                       DBUS_TYPE_BOOLEAN, &was_cancelled, DBUS_TYPE_INVALID);
  if (obj->wait_call != NULL && error != NULL)
    crn_bus_call_return_error (g_steal_pointer (&obj->wait_call), error);
  else if (obj->wait_call != NULL)
    crn_bus_call_return (g_steal_pointer (&obj->wait_call), NULL);
}

/* What no timetable can satisfy is said before solving, in the event's own
 * names, rather than after a search that could not succeed. */
static gboolean
check_solvable (CrnEventObject *obj, GError **error)
{
  g_autoptr (GArray) pins = pins_for_event (obj->event,
                                            crn_event_store_get_pins (obj->store, obj->id));
  CrnSolveOptions opts;
  crn_solve_options_init (&opts);
  opts.pins = (const CrnPin *) pins->data;
  opts.n_pins = pins->len;
  g_autoptr (GPtrArray) findings = crn_check_event (obj->event, &opts);
  if (findings->len == 0)
    return TRUE;
  g_auto (GStrv) lines = crn_check_format (findings);
  g_autofree char *text = g_strjoinv ("\n", lines);
  g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE, "%s", text);
  return FALSE;
}

static gboolean
method_solve (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  dbus_uint32_t time_limit = DEFAULT_TIME_LIMIT, threads = 1;
  dbus_uint64_t seed = 0, iterations = 0;
  dbus_bool_t minimal_change = FALSE, wait = FALSE;
  gboolean have_seed = FALSE;
  const CrnBusOption options[] = {
    { "time-limit", DBUS_TYPE_UINT32, &time_limit, NULL },
    { "seed", DBUS_TYPE_UINT64, &seed, &have_seed },
    { "minimal-change", DBUS_TYPE_BOOLEAN, &minimal_change, NULL },
    { "iterations", DBUS_TYPE_UINT64, &iterations, NULL },
    { "threads", DBUS_TYPE_UINT32, &threads, NULL },
    { "wait", DBUS_TYPE_BOOLEAN, &wait, NULL },
    { NULL },
  };
  if (!crn_bus_parse_options (args, options, error))
    return FALSE;
  if (time_limit < CRN_LIMIT_SOLVE_SECONDS_MIN || time_limit > CRN_LIMIT_SOLVE_SECONDS_MAX) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "The time limit must be between %u and %u seconds (the limits), not %u.",
                 CRN_LIMIT_SOLVE_SECONDS_MIN, CRN_LIMIT_SOLVE_SECONDS_MAX, time_limit);
    return FALSE;
  }
  if (threads < 1 || threads > CRN_LIMIT_SOLVE_THREADS) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "The number of threads must be between 1 and %u (the limit), not %u.",
                 CRN_LIMIT_SOLVE_THREADS, threads);
    return FALSE;
  }
  if (obj->job != NULL)
    return busy_error (obj, error);
  if (!check_solvable (obj, error))
    return FALSE;
  g_autoptr (CrnTimetable) previous = previous_timetable (obj);
  if (minimal_change && previous == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Event \"%s\" has no published timetable to keep; publish one first or "
                 "solve without minimal change.", obj->id);
    return FALSE;
  }

  SolveJob *job = g_new0 (SolveJob, 1);
  job->ref = 1;
  g_mutex_init (&job->lock);
  job->event = obj->event;
  job->pins = pins_for_event (obj->event, crn_event_store_get_pins (obj->store, obj->id));
  job->previous = g_steal_pointer (&previous);
  job->cancellable = g_cancellable_new ();
  crn_solve_options_init (&job->opts);
  job->opts.time_limit = time_limit;
  job->opts.iteration_limit = iterations;
  job->opts.seed = have_seed ? seed : (guint64) g_get_real_time ();
  job->opts.threads = threads;
  job->opts.previous = job->previous;
  job->opts.minimal_change = minimal_change;
  job->opts.pins = (const CrnPin *) job->pins->data;
  job->opts.n_pins = job->pins->len;
  job->opts.progress = solver_progress;
  job->opts.progress_data = job;
  job->opts.cancellable = job->cancellable;
  job->started = g_get_monotonic_time ();
  obj->job = job;

  ThreadData *td = g_new0 (ThreadData, 1);
  td->job = job;
  td->obj = obj;
  job->thread = g_thread_new ("crn-solve", solve_thread_main, td);
  obj->progress_timer = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, obj);
  g_info ("event %s: solving (time limit %u s, seed %" G_GUINT64_FORMAT ")", obj->id,
          time_limit, (guint64) job->opts.seed);
  notify (obj, "State", NULL);
  /* With "wait" the answer comes when the solve ends: for clients such as
   * dbus-send and busctl that cannot follow signals. */
  if (wait)
    obj->wait_call = call;
  else
    crn_bus_call_return (call, NULL);
  return TRUE;
}

static gboolean
method_cancel (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  if (obj->job == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" is not being solved.", obj->id);
    return FALSE;
  }
  g_cancellable_cancel (obj->job->cancellable);
  crn_bus_call_return (call, NULL);
  return TRUE;
}

/* Reading the timetable */

static void
dict_add (DBusMessageIter *dict, const char *key, int type, const void *value)
{
  DBusMessageIter entry, var;
  char sig[2] = { (char) type, '\0' };
  dbus_message_iter_open_container (dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
  dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &key);
  dbus_message_iter_open_container (&entry, DBUS_TYPE_VARIANT, sig, &var);
  dbus_message_iter_append_basic (&var, type, value);
  dbus_message_iter_close_container (&entry, &var);
  dbus_message_iter_close_container (dict, &entry);
}

static void
append_ids (DBusMessageIter *iter, GPtrArray *resources, gsize id_offset)
{
  DBusMessageIter arr;
  dbus_message_iter_open_container (iter, DBUS_TYPE_ARRAY, "s", &arr);
  for (guint i = 0; resources && i < resources->len; i++) {
    const char *id = *(const char **) ((const char *) g_ptr_array_index (resources, i) + id_offset);
    dbus_message_iter_append_basic (&arr, DBUS_TYPE_STRING, &id);
  }
  dbus_message_iter_close_container (iter, &arr);
}

static void
dict_add_ids (DBusMessageIter *dict, const char *key, GPtrArray *resources, gsize id_offset)
{
  DBusMessageIter entry, var;
  dbus_message_iter_open_container (dict, DBUS_TYPE_DICT_ENTRY, NULL, &entry);
  dbus_message_iter_append_basic (&entry, DBUS_TYPE_STRING, &key);
  dbus_message_iter_open_container (&entry, DBUS_TYPE_VARIANT, "as", &var);
  append_ids (&var, resources, id_offset);
  dbus_message_iter_close_container (&entry, &var);
  dbus_message_iter_close_container (dict, &entry);
}

static gboolean
is_pinned (CrnEventObject *obj, const CrnAssignment *a)
{
  const GArray *pins = crn_event_store_get_pins (obj->store, obj->id);
  for (guint i = 0; pins && i < pins->len; i++) {
    const CrnStoredSlot *p = &g_array_index (pins, CrnStoredSlot, i);
    if (p->occurrence == a->occurrence && g_strcmp0 (p->session, a->session->id) == 0)
      return TRUE;
  }
  return FALSE;
}

static gboolean
method_get_timetable (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr, st, people, dict;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "(sssxxasa{sv})", &arr);
  for (guint i = 0; obj->timetable && i < obj->timetable->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (obj->timetable->assignments, CrnAssignment, i);
    if (!a->assigned)
      continue;
    const CrnSession *s = a->session;
    const char *title = s->title ? s->title : s->id;
    const char *room = a->room ? a->room->id : "";
    dbus_int64_t start = crn_time_to_unix (a->start, obj->event->timezone);
    dbus_int64_t end = crn_time_to_unix (a->start + s->duration, obj->event->timezone);
    dbus_message_iter_open_container (&arr, DBUS_TYPE_STRUCT, NULL, &st);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &s->id);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &title);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &room);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_INT64, &start);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_INT64, &end);
    dbus_message_iter_open_container (&st, DBUS_TYPE_ARRAY, "s", &people);
    for (guint k = 0; k < s->speakers->len; k++) {
      const CrnPerson *p = g_ptr_array_index (s->speakers, k);
      dbus_message_iter_append_basic (&people, DBUS_TYPE_STRING, &p->id);
    }
    for (guint k = 0; k < s->moderators->len; k++) {
      const CrnPerson *p = g_ptr_array_index (s->moderators, k);
      dbus_message_iter_append_basic (&people, DBUS_TYPE_STRING, &p->id);
    }
    dbus_message_iter_close_container (&st, &people);
    dbus_message_iter_open_container (&st, DBUS_TYPE_ARRAY, "{sv}", &dict);
    dbus_uint32_t occurrence = a->occurrence, count = s->count, attendance = s->attendance;
    dbus_bool_t pinned = is_pinned (obj, a);
    const char *kind = crn_session_kind_to_string (s->kind);
    dict_add (&dict, "occurrence", DBUS_TYPE_UINT32, &occurrence);
    dict_add (&dict, "count", DBUS_TYPE_UINT32, &count);
    dict_add (&dict, "kind", DBUS_TYPE_STRING, &kind);
    dict_add (&dict, "attendance", DBUS_TYPE_UINT32, &attendance);
    dict_add (&dict, "pinned", DBUS_TYPE_BOOLEAN, &pinned);
    if (a->room && a->room->name)
      dict_add (&dict, "room-name", DBUS_TYPE_STRING, &a->room->name);
    if (s->track)
      dict_add (&dict, "track", DBUS_TYPE_STRING, &s->track);
    dict_add_ids (&dict, "speakers", s->speakers, G_STRUCT_OFFSET (CrnPerson, id));
    dict_add_ids (&dict, "moderators", s->moderators, G_STRUCT_OFFSET (CrnPerson, id));
    dict_add_ids (&dict, "partners", s->partners, G_STRUCT_OFFSET (CrnPartner, id));
    dbus_message_iter_close_container (&st, &dict);
    dbus_message_iter_close_container (&arr, &st);
  }
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

static void
append_strv (DBusMessageIter *iter, char **strv)
{
  DBusMessageIter arr;
  dbus_message_iter_open_container (iter, DBUS_TYPE_ARRAY, "s", &arr);
  for (guint i = 0; strv && strv[i]; i++)
    dbus_message_iter_append_basic (&arr, DBUS_TYPE_STRING, &strv[i]);
  dbus_message_iter_close_container (iter, &arr);
}

static gboolean
method_get_violations (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr, st;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "(ssass)", &arr);
  for (guint i = 0; obj->timetable && i < obj->timetable->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (obj->timetable->violations, i);
    const char *severity = v->severity == CRN_VIOLATION_HARD ? "hard" : "soft";
    const char *message = v->message ? v->message : "";
    dbus_message_iter_open_container (&arr, DBUS_TYPE_STRUCT, NULL, &st);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &v->rule);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &severity);
    append_strv (&st, v->sessions);
    dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &message);
    dbus_message_iter_close_container (&arr, &st);
  }
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

static gboolean
method_explain (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  const char *text;
  guint occurrence;
  dbus_message_iter_get_basic (args, &text);
  CrnSession *session = lookup_session (obj, text, &occurrence, error);
  if (session == NULL)
    return FALSE;
  g_autoptr (GPtrArray) lines = crn_explain_session (obj->event, obj->timetable, session,
                                                     error);
  if (lines == NULL)
    return FALSE;
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter;
  g_ptr_array_add (lines, NULL);
  dbus_message_iter_init_append (reply, &iter);
  append_strv (&iter, (char **) lines->pdata);
  crn_bus_call_return (call, reply);
  return TRUE;
}

/* Pins */

static gboolean
check_pin (CrnEventObject *obj, const CrnSession *s, const CrnRoom *room, CrnTime start,
           GError **error)
{
  const CrnEvent *ev = obj->event;
  g_autofree char *when = crn_time_format (start);
  if (crn_time_minute_of_day (start) % ev->granularity != 0) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "%s is not on the event's %u-minute grid.", when, ev->granularity);
    return FALSE;
  }
  if (s->room != NULL && s->room != room) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE,
                 "Session \"%s\" must be in room \"%s\" (Room=), not \"%s\".", s->id,
                 s->room->id, room->id);
    return FALSE;
  }
  if (s->has_start && s->start != start) {
    g_autofree char *fixed = crn_time_format (s->start);
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE,
                 "Session \"%s\" must start at %s (Start=), not %s.", s->id, fixed, when);
    return FALSE;
  }
  g_autoptr (CrnIntervalSet) open = crn_event_open_time (ev);
  if (!crn_interval_set_fits (open, start, start + s->duration)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE,
                 "Session \"%s\" (%u minutes) does not fit at %s: it must lie inside one "
                 "open window of a day, clear of breaks.", s->id, s->duration, when);
    return FALSE;
  }
  for (guint i = 0; s->room_tags && i < s->room_tags->len; i++) {
    const char *tag = g_ptr_array_index (s->room_tags, i);
    gboolean has = FALSE;
    for (guint k = 0; room->tags && k < room->tags->len; k++)
      has = has || g_str_equal (tag, g_ptr_array_index (room->tags, k));
    if (!has) {
      g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE,
                   "Room \"%s\" lacks the tag \"%s\" that session \"%s\" requires.", room->id,
                   tag, s->id);
      return FALSE;
    }
  }
  if (ev->weights[CRN_S1_CAPACITY_OVERFLOW] == CRN_WEIGHT_HARD &&
      room->capacity < s->attendance) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE,
                 "Room \"%s\" holds %u people but session \"%s\" expects %u.", room->id,
                 room->capacity, s->id, s->attendance);
    return FALSE;
  }
  return TRUE;
}

static GArray *
pins_copy_without (CrnEventObject *obj, const char *session, guint occurrence, gboolean *found)
{
  const GArray *old = crn_event_store_get_pins (obj->store, obj->id);
  GArray *pins = crn_stored_slots_new ();
  *found = FALSE;
  for (guint i = 0; old && i < old->len; i++) {
    const CrnStoredSlot *p = &g_array_index (old, CrnStoredSlot, i);
    if (g_str_equal (p->session, session) && (occurrence == 0 || p->occurrence == occurrence)) {
      *found = TRUE;
      continue;
    }
    crn_stored_slots_append (pins, p->session, p->occurrence, p->room, p->start);
  }
  return pins;
}

static gboolean
method_pin (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  const char *text, *room_id;
  dbus_int64_t unix_start;
  guint occurrence;
  dbus_message_iter_get_basic (args, &text);
  dbus_message_iter_next (args);
  dbus_message_iter_get_basic (args, &room_id);
  dbus_message_iter_next (args);
  dbus_message_iter_get_basic (args, &unix_start);
  if (obj->job != NULL)
    return busy_error (obj, error);
  CrnSession *session = lookup_session (obj, text, &occurrence, error);
  if (session == NULL)
    return FALSE;
  CrnRoom *room = crn_event_lookup_room (obj->event, room_id);
  if (room == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" has no room \"%s\".", obj->id, room_id);
    return FALSE;
  }
  CrnTime start = crn_time_from_unix (unix_start, obj->event->timezone);
  if (!check_pin (obj, session, room, start, error))
    return FALSE;
  gboolean found;
  GArray *pins = pins_copy_without (obj, session->id, occurrence, &found);
  crn_stored_slots_append (pins, session->id, occurrence, room->id, start);
  /* The timetable follows the pin at once, so what `show` prints is what
   * was decided; both are kept in one go, or neither. */
  CrnAssignment *a = obj->timetable ? crn_timetable_lookup (obj->timetable, session->id,
                                                            occurrence)
                                    : NULL;
  CrnAssignment before = a ? *a : (CrnAssignment) { 0 };
  if (a != NULL) {
    a->room = room;
    a->start = start;
    a->assigned = TRUE;
  }
  if (!crn_event_store_put_pins (obj->store, obj->id, pins,
                                 a ? timetable_to_slots (obj->timetable) : NULL, error)) {
    if (a != NULL)
      *a = before;
    return FALSE;
  }
  if (a != NULL) {
    evaluate (obj, obj->timetable);
    obj->state = CRN_EVENT_STATE_SOLVED;
    notify (obj, "State", "HardViolations", "SoftCost", NULL);
  }
  crn_bus_call_return (call, NULL);
  return TRUE;
}

static gboolean
method_unpin (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  const char *text;
  guint occurrence;
  dbus_message_iter_get_basic (args, &text);
  if (obj->job != NULL)
    return busy_error (obj, error);
  CrnSession *session = lookup_session (obj, text, &occurrence, error);
  if (session == NULL)
    return FALSE;
  gboolean found;
  GArray *pins = pins_copy_without (obj, session->id, strchr (text, ':') ? occurrence : 0,
                                    &found);
  if (!found) {
    g_array_unref (pins);
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Session \"%s\" is not pinned.", text);
    return FALSE;
  }
  if (!crn_event_store_put_pins (obj->store, obj->id, pins, NULL, error))
    return FALSE;
  if (obj->timetable != NULL) {
    evaluate (obj, obj->timetable);
    notify (obj, "HardViolations", "SoftCost", NULL);
  }
  crn_bus_call_return (call, NULL);
  return TRUE;
}

/* Publishing */

static CrnEventFiles *
files_copy (const CrnEventFiles *files)
{
  if (files == NULL)
    return NULL;
  CrnEventFiles *copy = crn_event_files_new ();
  g_auto (GStrv) names = crn_event_files_list (files, NULL);
  for (guint i = 0; names[i]; i++)
    crn_event_files_add (copy, names[i], crn_event_files_lookup (files, names[i]), NULL);
  return copy;
}

static gboolean
files_equal (const CrnEventFiles *a, const CrnEventFiles *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  g_auto (GStrv) names = crn_event_files_list (a, NULL);
  if (g_strv_length (names) != crn_event_files_get_n (b))
    return FALSE;
  for (guint i = 0; names[i]; i++) {
    GBytes *y = crn_event_files_lookup (b, names[i]);
    if (y == NULL || !g_bytes_equal (crn_event_files_lookup (a, names[i]), y))
      return FALSE;
  }
  return TRUE;
}

static void
feed_cache_clear (CrnEventObject *obj)
{
  obj->feed_revision = 0;
  g_clear_pointer (&obj->feed_timetable, crn_timetable_free);
  g_clear_pointer (&obj->feed_publication, crn_publication_free);
  g_hash_table_remove_all (obj->feed_cache);
}

/* Takes @event unless it is the current event. */
static void
set_published_event (CrnEventObject *obj, CrnEvent *event)
{
  feed_cache_clear (obj);
  if (obj->published_event != NULL && obj->published_event != obj->event &&
      obj->published_event != event)
    crn_event_free (obj->published_event);
  obj->published_event = event;
}

static gboolean
method_publish (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  if (obj->job != NULL)
    return busy_error (obj, error);
  if (obj->timetable == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Event \"%s\" has no timetable to publish yet; solve it first.", obj->id);
    return FALSE;
  }
  if (obj->timetable->hard > 0) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INFEASIBLE,
                 "The timetable of \"%s\" still breaks %u hard rule%s; fix them before "
                 "publishing (see its violations).", obj->id, obj->timetable->hard,
                 obj->timetable->hard == 1 ? "" : "s");
    return FALSE;
  }
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const CrnEventRevision *last = last_revision (obj);
  g_autoptr (CrnEventRevision) rev = crn_event_revision_new (last ? last->number + 1 : 1, now);
  g_array_unref (rev->slots);
  rev->slots = timetable_to_slots (obj->timetable);
  g_autoptr (CrnPublication) previous = NULL;
  if (last && last->publication) {
    gsize len;
    const char *text = g_bytes_get_data (last->publication, &len);
    previous = crn_publication_from_data (text, len, error);
    if (previous == NULL)
      return FALSE;
  }
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (CrnPublication) pub = crn_revision_compute (previous, obj->timetable, now, &changes);
  gsize len;
  char *text = crn_publication_to_data (pub, &len);
  rev->publication = g_bytes_new_take (text, len);
  for (guint i = 0; changes && i < changes->len; i++) {
    const CrnChange *c = g_ptr_array_index (changes, i);
    g_ptr_array_add (rev->changes,
                     crn_stored_change_new (c->session_id ? c->session_id : "",
                                            crn_change_kind_to_string (c->kind), c->sentence));
  }
  rev->files = files_copy (crn_event_store_get_files (obj->store, obj->id));
  dbus_uint32_t number = rev->number;
  if (!crn_event_store_add_revision (obj->store, obj->id, g_steal_pointer (&rev), error))
    return FALSE;
  set_published_event (obj, obj->event);
  obj->state = CRN_EVENT_STATE_PUBLISHED;
  g_info ("event %s: published revision %u", obj->id, number);
  notify (obj, "State", "Revision", NULL);
  DBusMessage *reply = crn_bus_call_new_reply (call);
  dbus_message_append_args (reply, DBUS_TYPE_UINT32, &number, DBUS_TYPE_INVALID);
  crn_bus_call_return (call, reply);
  return TRUE;
}

static gboolean
method_get_changes (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  dbus_uint32_t from;
  dbus_message_iter_get_basic (args, &from);
  const GPtrArray *revs = crn_event_store_get_revisions (obj->store, obj->id);
  guint last = revs ? revs->len : 0;
  if (from > last) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" has no revision %u; its last revision is %u.", obj->id, from,
                 last);
    return FALSE;
  }
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr, st;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "(sss)", &arr);
  for (guint i = from; i < last; i++) {
    const CrnEventRevision *rev = g_ptr_array_index (revs, i);
    for (guint k = 0; k < rev->changes->len; k++) {
      const CrnStoredChange *c = g_ptr_array_index (rev->changes, k);
      dbus_message_iter_open_container (&arr, DBUS_TYPE_STRUCT, NULL, &st);
      dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &c->session);
      dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &c->change);
      dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &c->sentence);
      dbus_message_iter_close_container (&arr, &st);
    }
  }
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

/* Export */

static gboolean
export_ics (CrnEventObject *obj, const char *person, const char *room, const char *partner,
            char **out, gsize *out_len, GError **error)
{
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.person = person;
  opts.room = room;
  opts.partner = partner;
  const CrnEventRevision *last = last_revision (obj);
  g_autoptr (CrnPublication) pub = NULL;
  if (last && last->publication) {
    gsize len;
    const char *text = g_bytes_get_data (last->publication, &len);
    pub = crn_publication_from_data (text, len, error);
    if (pub == NULL)
      return FALSE;
  }
  opts.publication = pub;
  *out = crn_ical_write (obj->timetable, &opts, error);
  if (*out == NULL)
    return FALSE;
  *out_len = strlen (*out);
  return TRUE;
}

static gboolean
method_export (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  const char *format, *person = NULL, *room = NULL, *partner = NULL;
  dbus_message_iter_get_basic (args, &format);
  dbus_message_iter_next (args);
  const CrnBusOption options[] = {
    { "speaker", DBUS_TYPE_STRING, &person, NULL },
    { "room", DBUS_TYPE_STRING, &room, NULL },
    { "partner", DBUS_TYPE_STRING, &partner, NULL },
    { NULL },
  };
  if (!crn_bus_parse_options (args, options, error))
    return FALSE;
  if ((person != NULL) + (room != NULL) + (partner != NULL) > 1) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Give at most one of the options speaker, room and partner.");
    return FALSE;
  }
  if (person && !crn_event_lookup_person (obj->event, person)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" has no speaker or moderator \"%s\".", obj->id, person);
    return FALSE;
  }
  if (room && !crn_event_lookup_room (obj->event, room)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" has no room \"%s\".", obj->id, room);
    return FALSE;
  }
  if (partner && !crn_event_lookup_partner (obj->event, partner)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_NOT_FOUND,
                 "Event \"%s\" has no partner \"%s\".", obj->id, partner);
    return FALSE;
  }
  gboolean is_ics = g_str_equal (format, "ics");
  if (!is_ics && !crn_export_format_known (format)) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Unknown export format \"%s\"; use ics, json, csv or frab.", format);
    return FALSE;
  }
  if (obj->timetable == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_INVALID_INPUT,
                 "Event \"%s\" has no timetable to export yet; solve it first.", obj->id);
    return FALSE;
  }
  g_autofree char *bytes = NULL;
  gsize len = 0;
  gboolean ok = is_ics ? export_ics (obj, person, room, partner, &bytes, &len, error)
                       : crn_export_timetable (obj->timetable, format, person, room, partner,
                                                 &bytes, &len, error);
  if (!ok)
    return FALSE;
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "y", &arr);
  const char *p = bytes;
  dbus_message_iter_append_fixed_array (&arr, DBUS_TYPE_BYTE, &p, (int) len);
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

/* Feeds */

static const char *const feed_kinds[] = { "speaker", "room", "partner" };

/* The timetable and publication record of the last revision, read once
 * per revision against the event as published. */
static const CrnEventRevision *
feed_prepare (CrnEventObject *obj)
{
  const CrnEventRevision *rev = last_revision (obj);
  if (rev == NULL || rev->publication == NULL)
    return NULL;
  if (obj->feed_revision == rev->number && obj->feed_timetable != NULL)
    return rev;
  feed_cache_clear (obj);
  gsize len;
  const char *text = g_bytes_get_data (rev->publication, &len);
  g_autoptr (GError) error = NULL;
  obj->feed_publication = crn_publication_from_data (text, len, &error);
  if (obj->feed_publication == NULL) {
    g_warning ("The feeds of \"%s\" cannot be served: revision %u: %s", obj->id, rev->number,
               error->message);
    return NULL;
  }
  const CrnEvent *event = obj->published_event ? obj->published_event : obj->event;
  obj->feed_timetable = timetable_from_slots (event, rev->slots);
  obj->feed_revision = rev->number;
  return rev;
}

gboolean
crn_event_object_get_published_feed (CrnEventObject *obj, const char *kind, const char *token,
                                     CrnFeed *out)
{
  const CrnEventRevision *rev = feed_prepare (obj);
  if (rev == NULL)
    return FALSE;
  /* The token is looked up in the store on every request, so a revoked
   * one is dead at once; the bodies are cached per kind and target. */
  g_autofree char *key = g_strdup ("");
  if (kind != NULL) {
    g_autofree char *token_kind = NULL, *token_target = NULL;
    if (!crn_event_store_lookup_token (obj->store, obj->id, token, &token_kind, &token_target) ||
        !g_str_equal (token_kind, kind))
      return FALSE;
    g_free (key);
    key = g_strconcat (kind, "/", token_target, NULL);
  }
  FeedBody *cached = g_hash_table_lookup (obj->feed_cache, key);
  if (cached == NULL) {
    CrnIcalOptions opts;
    crn_ical_options_init (&opts);
    const char *target = kind ? key + strlen (kind) + 1 : NULL;
    if (kind == NULL)
      opts.public_breaks = TRUE;  /* participants see lunch and coffee; one person needs not */
    else if (g_str_equal (kind, "speaker"))
      opts.person = target;
    else if (g_str_equal (kind, "room"))
      opts.room = target;
    else
      opts.partner = target;
    opts.publication = obj->feed_publication;
    g_autoptr (GError) error = NULL;
    char *ics = crn_ical_write (obj->feed_timetable, &opts, &error);
    if (ics == NULL) {
      /* A person, room or partner added after the last publication has no
       * published calendar yet. */
      if (!g_error_matches (error, CRN_ERROR, CRN_ERROR_NOT_FOUND))
        g_warning ("The feed of \"%s\" cannot be written: %s", obj->id, error->message);
      return FALSE;
    }
    cached = g_new0 (FeedBody, 1);
    cached->body = g_bytes_new_take (ics, strlen (ics));
    cached->etag = crn_feed_etag (cached->body);
    g_hash_table_insert (obj->feed_cache, g_strdup (key), cached);
  }
  out->body = g_bytes_ref (cached->body);
  out->etag = g_strdup (cached->etag);
  out->last_modified = rev->published;
  return TRUE;
}

const CrnEventFiles *
crn_event_object_get_stale_published_files (CrnEventObject *obj)
{
  const CrnEventRevision *rev = last_revision (obj);
  if (rev == NULL || rev->files == NULL ||
      files_equal (rev->files, crn_event_store_get_files (obj->store, obj->id)))
    return NULL;
  return rev->files;
}

void
crn_event_object_set_published_event (CrnEventObject *obj, CrnEvent *event)
{
  set_published_event (obj, event);
}

static void
append_feed (DBusMessageIter *arr, const char *kind, const char *target, const char *url)
{
  DBusMessageIter st;
  dbus_message_iter_open_container (arr, DBUS_TYPE_STRUCT, NULL, &st);
  dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &kind);
  dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &target);
  dbus_message_iter_append_basic (&st, DBUS_TYPE_STRING, &url);
  dbus_message_iter_close_container (arr, &st);
}

static gboolean
method_get_feeds (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  if (obj->feed_base == NULL) {
    g_set_error (error, CRN_BUS_ERROR, CRN_BUS_ERROR_FAILED,
                 "The daemon serves no feeds (see [Feeds] Listen in creneaud.conf).");
    return FALSE;
  }
  /* Tokens are made (and kept) before the answer is written, so a storage
   * failure is answered as one. */
  g_autoptr (GPtrArray) feeds = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (feeds, g_strdup ("event"));
  g_ptr_array_add (feeds, g_strdup (""));
  g_ptr_array_add (feeds, g_strdup_printf ("%s/events/%s.ics", obj->feed_base, obj->id));
  GPtrArray *resources[] = { obj->event->people, obj->event->rooms, obj->event->partners };
  gsize offsets[] = { G_STRUCT_OFFSET (CrnPerson, id), G_STRUCT_OFFSET (CrnRoom, id),
                      G_STRUCT_OFFSET (CrnPartner, id) };
  for (guint k = 0; k < G_N_ELEMENTS (feed_kinds); k++) {
    for (guint i = 0; resources[k] && i < resources[k]->len; i++) {
      const char *id = *(const char **) ((const char *) g_ptr_array_index (resources[k], i) +
                                         offsets[k]);
      g_autofree char *token = crn_event_store_ensure_token (obj->store, obj->id, feed_kinds[k],
                                                             id, error);
      if (token == NULL)
        return FALSE;
      g_ptr_array_add (feeds, g_strdup (feed_kinds[k]));
      g_ptr_array_add (feeds, g_strdup (id));
      g_ptr_array_add (feeds, g_strdup_printf ("%s/events/%s/%s/%s.ics", obj->feed_base,
                                               obj->id, feed_kinds[k], token));
    }
  }
  DBusMessage *reply = crn_bus_call_new_reply (call);
  DBusMessageIter iter, arr;
  dbus_message_iter_init_append (reply, &iter);
  dbus_message_iter_open_container (&iter, DBUS_TYPE_ARRAY, "(sss)", &arr);
  for (guint i = 0; i + 2 < feeds->len; i += 3)
    append_feed (&arr, g_ptr_array_index (feeds, i), g_ptr_array_index (feeds, i + 1),
                 g_ptr_array_index (feeds, i + 2));
  dbus_message_iter_close_container (&iter, &arr);
  crn_bus_call_return (call, reply);
  return TRUE;
}

static gboolean
method_revoke_feed (CrnBusCall *call, DBusMessageIter *args, gpointer data, GError **error)
{
  CrnEventObject *obj = data;
  const char *token;
  dbus_message_iter_get_basic (args, &token);
  if (!crn_event_store_revoke_token (obj->store, obj->id, token, error))
    return FALSE;
  g_info ("event %s: feed token revoked", obj->id);
  crn_bus_call_return (call, NULL);
  return TRUE;
}

void
crn_event_object_set_feed_base (CrnEventObject *obj, const char *base_url)
{
  g_free (obj->feed_base);
  obj->feed_base = g_strdup (base_url);
}

/* The interface */

static const CrnBusArg solve_in[] = { { "options", "a{sv}" }, { NULL } };
static const CrnBusArg timetable_out[] = { { "timetable", "a(sssxxasa{sv})" }, { NULL } };
static const CrnBusArg violations_out[] = { { "violations", "a(ssass)" }, { NULL } };
static const CrnBusArg explain_in[] = { { "session", "s" }, { NULL } };
static const CrnBusArg explain_out[] = { { "lines", "as" }, { NULL } };
static const CrnBusArg pin_in[] = {
  { "session", "s" }, { "room", "s" }, { "start", "x" }, { NULL }
};
static const CrnBusArg unpin_in[] = { { "session", "s" }, { NULL } };
static const CrnBusArg publish_out[] = { { "revision", "u" }, { NULL } };
static const CrnBusArg export_in[] = { { "format", "s" }, { "options", "a{sv}" }, { NULL } };
static const CrnBusArg export_out[] = { { "data", "ay" }, { NULL } };
static const CrnBusArg changes_in[] = { { "from_revision", "u" }, { NULL } };
static const CrnBusArg changes_out[] = { { "changes", "a(sss)" }, { NULL } };
static const CrnBusArg feeds_out[] = { { "feeds", "a(sss)" }, { NULL } };
static const CrnBusArg revoke_in[] = { { "token", "s" }, { NULL } };

static const CrnBusMethod event_methods[] = {
  { "Solve", method_solve, solve_in, NULL, CRN_BUS_METHOD_PRIVILEGED | CRN_BUS_METHOD_ASYNC },
  { "Cancel", method_cancel, NULL, NULL, CRN_BUS_METHOD_PRIVILEGED },
  { "GetTimetable", method_get_timetable, NULL, timetable_out, 0 },
  { "GetViolations", method_get_violations, NULL, violations_out, 0 },
  { "Explain", method_explain, explain_in, explain_out, 0 },
  { "Pin", method_pin, pin_in, NULL, CRN_BUS_METHOD_PRIVILEGED },
  { "Unpin", method_unpin, unpin_in, NULL, CRN_BUS_METHOD_PRIVILEGED },
  { "Publish", method_publish, NULL, publish_out, CRN_BUS_METHOD_PRIVILEGED },
  { "Export", method_export, export_in, export_out, 0 },
  { "GetChanges", method_get_changes, changes_in, changes_out, 0 },
  { "GetFeeds", method_get_feeds, NULL, feeds_out, CRN_BUS_METHOD_PRIVILEGED },
  { "RevokeFeed", method_revoke_feed, revoke_in, NULL, CRN_BUS_METHOD_PRIVILEGED },
  { NULL },
};

static const CrnBusArg progress_args[] = {
  { "elapsed_ms", "t" }, { "hard", "u" }, { "soft", "t" }, { NULL }
};
static const CrnBusArg solved_args[] = {
  { "hard", "u" }, { "soft", "t" }, { "cancelled", "b" }, { NULL }
};

static const CrnBusSignal event_signals[] = {
  { "Progress", progress_args },
  { "Solved", solved_args },
  { NULL },
};

static const CrnBusProperty event_properties[] = {
  { "Id", "s", get_id, NULL, 0 },
  { "Name", "s", get_name, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
  { "TimeZone", "s", get_timezone, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
  { "State", "u", get_state, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
  { "Revision", "u", get_revision, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
  { "HardViolations", "u", get_hard, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
  { "SoftCost", "t", get_soft, NULL, CRN_BUS_PROPERTY_EMITS_CHANGED },
  { NULL },
};

const CrnBusInterface crn_event_interface = {
  CRN_EVENT_INTERFACE, event_methods, event_signals, event_properties,
};

/* Life cycle */

char *
crn_event_object_path_for_id (const char *id)
{
  g_autofree char *escaped = crn_bus_path_escape (id);
  return g_strconcat (CRN_EVENTS_PATH "/", escaped, NULL);
}

CrnEventObject *
crn_event_object_new (DBusConnection *conn, CrnEventStore *store, CrnEvent *event,
                      GError **error)
{
  g_autoptr (CrnEventObject) obj = g_new0 (CrnEventObject, 1);
  obj->conn = dbus_connection_ref (conn);
  obj->store = store;
  obj->event = event;
  obj->id = g_strdup (event->id);
  obj->path = crn_event_object_path_for_id (obj->id);
  obj->feed_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) feed_body_free);
  obj->object = crn_bus_object_new (conn, obj->path, error);
  if (obj->object == NULL)
    return NULL;
  crn_bus_object_add_interface (obj->object, &crn_event_interface, obj);
  restore (obj);
  /* Until told otherwise (crn_event_object_set_published_event), the files
   * published are the files loaded. */
  obj->published_event = last_revision (obj) ? obj->event : NULL;
  return g_steal_pointer (&obj);
}

static void
job_abandon (CrnEventObject *obj)
{
  SolveJob *job = g_steal_pointer (&obj->job);
  if (job == NULL)
    return;
  g_cancellable_cancel (job->cancellable);
  g_thread_join (job->thread);
  g_clear_handle_id (&obj->progress_timer, g_source_remove);
  job_unref (job);  /* also removes the pending done source */
  if (obj->wait_call != NULL) {
    g_autoptr (GError) error = g_error_new (CRN_BUS_ERROR, CRN_BUS_ERROR_FAILED,
                                            "The daemon stopped before the solve of \"%s\" "
                                            "finished.", obj->id);
    crn_bus_call_return_error (g_steal_pointer (&obj->wait_call), error);
  }
}

void
crn_event_object_free (CrnEventObject *obj)
{
  if (obj == NULL)
    return;
  job_abandon (obj);
  crn_bus_object_free (obj->object);
  g_clear_pointer (&obj->timetable, crn_timetable_free);
  if (obj->feed_cache != NULL)
    feed_cache_clear (obj);
  g_clear_pointer (&obj->feed_cache, g_hash_table_unref);
  if (obj->published_event != obj->event)
    crn_event_free (obj->published_event);
  crn_event_free (obj->event);
  dbus_connection_unref (obj->conn);
  g_free (obj->id);
  g_free (obj->path);
  g_free (obj->feed_base);
  g_free (obj);
}

gboolean
crn_event_object_replace (CrnEventObject *obj, CrnEvent *event, GError **error)
{
  if (obj->job != NULL) {
    crn_event_free (event);
    return busy_error (obj, error);
  }
  g_clear_pointer (&obj->timetable, crn_timetable_free);
  /* The published event stays for the feeds until the next Publish. */
  if (obj->event != obj->published_event)
    crn_event_free (obj->event);
  obj->event = event;
  restore (obj);
  notify (obj, "Name", "TimeZone", "State", "HardViolations", "SoftCost", NULL);
  return TRUE;
}

const char *
crn_event_object_get_id (CrnEventObject *obj)
{
  return obj->id;
}

const char *
crn_event_object_get_path (CrnEventObject *obj)
{
  return obj->path;
}

gboolean
crn_event_object_is_solving (CrnEventObject *obj)
{
  return obj->job != NULL;
}
