/* creneau — one loaded event on the bus: /org/creneau/Scheduler1/events/<id>,
 * interface org.creneau.Scheduler1.Event.
 */
#pragma once

#include "dbus-object.h"
#include "event-store.h"
#include "feeds.h"
#include "model/event.h"

G_BEGIN_DECLS

#define CRN_EVENT_INTERFACE "org.creneau.Scheduler1.Event"
#define CRN_EVENTS_PATH "/org/creneau/Scheduler1/events"

typedef enum {
  CRN_EVENT_STATE_LOADED = 0,
  CRN_EVENT_STATE_SOLVING = 1,
  CRN_EVENT_STATE_SOLVED = 2,
  CRN_EVENT_STATE_PUBLISHED = 3,
} CrnEventState;

typedef struct _CrnEventObject CrnEventObject;

/* The interface table, for the interface XML. */
extern const CrnBusInterface crn_event_interface;

/* Puts @event (taken) on the bus; its timetable, pins and revisions are read
 * back from @store (which must outlive the object). */
CrnEventObject *crn_event_object_new (DBusConnection *conn, CrnEventStore *store,
                                      CrnEvent *event, GError **error);
/* Cancels a running solve and waits for it. */
void crn_event_object_free (CrnEventObject *obj);

/* Takes @event: the event's files were replaced. The timetable and pins are
 * matched again by id. Busy while solving. */
gboolean crn_event_object_replace (CrnEventObject *obj, CrnEvent *event, GError **error);

const char *crn_event_object_get_id (CrnEventObject *obj);
const char *crn_event_object_get_path (CrnEventObject *obj);
gboolean crn_event_object_is_solving (CrnEventObject *obj);

/* The feeds: the server's base URL ("http://127.0.0.1:8711"), or NULL when
 * the daemon serves none. */
void crn_event_object_set_feed_base (CrnEventObject *obj, const char *base_url);

/* The calendar of the last published revision, whole (@kind NULL) or for
 * the speaker, room or partner whose feed token is @token, as it was
 * published (later LoadEvent(replace) calls change nothing here). FALSE when
 * nothing is published, the token is unknown or its target was not in the
 * revision. */
gboolean crn_event_object_get_published_feed (CrnEventObject *obj, const char *kind,
                                              const char *token, CrnFeed *out);

/* After a restart: the files of the last published revision when they
 * differ from the files loaded now, so the caller reads them (with the
 * plugins) and hands the event over with crn_event_object_set_published_event
 * (which takes it). NULL when the loaded files are the published ones. */
const CrnEventFiles *crn_event_object_get_stale_published_files (CrnEventObject *obj);
void crn_event_object_set_published_event (CrnEventObject *obj, CrnEvent *event);

/* The object path for an event id. */
char *crn_event_object_path_for_id (const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnEventObject, crn_event_object_free)

G_END_DECLS
