/* creneau — what the daemon remembers about each event.
 *
 * The daemon's state goes through this small interface so that where it is
 * kept (an SQLite database, or memory) changes nothing above it. A store
 * owns what it is given. Every put/add returns only once the change is kept
 * (for the database: committed), so a D-Bus reply sent after it tells the
 * truth; when it fails, what the getters return is unchanged.
 *
 * Timetables are kept by ids (CrnStoredSlot), not by pointers into a parsed
 * event, so they survive re-reading the event's files.
 */
#pragma once

#include <glib.h>
#include "model/files.h"

G_BEGIN_DECLS

typedef struct {
  char *session;
  guint occurrence;   /* 1-based */
  char *room;         /* NULL: unassigned */
  gint64 start;       /* CrnTime: event-local minutes */
} CrnStoredSlot;

typedef struct {
  char *session;
  char *change;       /* new, moved, cancelled, renamed */
  char *sentence;
} CrnStoredChange;

typedef struct {
  guint number;           /* 1, 2, ... */
  gint64 published;       /* Unix seconds */
  GArray *slots;          /* CrnStoredSlot: the timetable as published */
  GBytes *publication;    /* the calendar's publication record, or NULL */
  CrnEventFiles *files;   /* the event's files as published (what feeds serve), or NULL */
  GPtrArray *changes;     /* CrnStoredChange*: since the revision before */
} CrnEventRevision;

/* A GArray of CrnStoredSlot that frees its strings. */
GArray *crn_stored_slots_new (void);
void crn_stored_slots_append (GArray *slots, const char *session, guint occurrence,
                              const char *room, gint64 start);
CrnStoredChange *crn_stored_change_new (const char *session, const char *change,
                                        const char *sentence);
void crn_stored_change_free (CrnStoredChange *change);
CrnEventRevision *crn_event_revision_new (guint number, gint64 published);
void crn_event_revision_free (CrnEventRevision *rev);

typedef struct _CrnEventStore CrnEventStore;

typedef struct {
  char **(*list_events) (CrnEventStore *store);
  const CrnEventFiles *(*get_files) (CrnEventStore *store, const char *id);
  gboolean (*put_files) (CrnEventStore *store, const char *id, CrnEventFiles *files,
                         GError **error);
  gboolean (*remove_event) (CrnEventStore *store, const char *id, GError **error);
  const GArray *(*get_timetable) (CrnEventStore *store, const char *id);
  gboolean (*put_timetable) (CrnEventStore *store, const char *id, GArray *slots,
                             GError **error);
  const GArray *(*get_pins) (CrnEventStore *store, const char *id);
  gboolean (*put_pins) (CrnEventStore *store, const char *id, GArray *pins, GArray *timetable,
                        GError **error);
  const GPtrArray *(*get_revisions) (CrnEventStore *store, const char *id);
  gboolean (*add_revision) (CrnEventStore *store, const char *id, CrnEventRevision *rev,
                            GError **error);
  char *(*ensure_token) (CrnEventStore *store, const char *id, const char *kind,
                         const char *target, GError **error);
  gboolean (*lookup_token) (CrnEventStore *store, const char *id, const char *token,
                            char **out_kind, char **out_target);
  gboolean (*revoke_token) (CrnEventStore *store, const char *id, const char *token,
                            GError **error);
  void (*free) (CrnEventStore *store);
} CrnEventStoreOps;

struct _CrnEventStore {
  const CrnEventStoreOps *ops;
};

/* Ids of the stored events, sorted. Free with g_strfreev. */
char **crn_event_store_list_events (CrnEventStore *store);
/* The files as the client sent them; NULL for an unknown id. */
const CrnEventFiles *crn_event_store_get_files (CrnEventStore *store, const char *id);
/* Adds or replaces an event's files; takes @files. Replacing keeps the
 * timetable, pins and revisions (they are matched again by id). */
gboolean crn_event_store_put_files (CrnEventStore *store, const char *id, CrnEventFiles *files,
                                    GError **error);
gboolean crn_event_store_remove_event (CrnEventStore *store, const char *id, GError **error);
/* The current timetable (CrnStoredSlot), or NULL when never solved. */
const GArray *crn_event_store_get_timetable (CrnEventStore *store, const char *id);
/* Takes @slots. */
gboolean crn_event_store_put_timetable (CrnEventStore *store, const char *id, GArray *slots,
                                        GError **error);
/* Pins (CrnStoredSlot with a room), never NULL for a stored event. */
const GArray *crn_event_store_get_pins (CrnEventStore *store, const char *id);
/* Takes @pins, and @timetable when not NULL: a pin that moves a session
 * changes both, kept together or not at all. */
gboolean crn_event_store_put_pins (CrnEventStore *store, const char *id, GArray *pins,
                                   GArray *timetable, GError **error);
/* Published revisions (CrnEventRevision*), oldest first. */
const GPtrArray *crn_event_store_get_revisions (CrnEventStore *store, const char *id);
/* Takes @rev; its number must follow the last one. */
gboolean crn_event_store_add_revision (CrnEventStore *store, const char *id,
                                       CrnEventRevision *rev, GError **error);
/* The feed token of one speaker's, room's or partner's feed (@kind
 * "speaker", "room", "partner"): random, the same until revoked, then a new
 * one. Free with g_free. */
char *crn_event_store_ensure_token (CrnEventStore *store, const char *id, const char *kind,
                                    const char *target, GError **error);
/* TRUE when @token is a live token of event @id; fills what it opens. */
gboolean crn_event_store_lookup_token (CrnEventStore *store, const char *id, const char *token,
                                       char **out_kind, char **out_target);
/* The token stops working at once and for good; NOT_FOUND when it is not a
 * live token of event @id. */
gboolean crn_event_store_revoke_token (CrnEventStore *store, const char *id, const char *token,
                                       GError **error);
void crn_event_store_free (CrnEventStore *store);

/* The store that keeps everything in memory (lost on restart); the
 * database store uses one as its cache. */
CrnEventStore *crn_event_store_new_memory (void);
/* The store kept in the SQLite database at @path (created when absent):
 * everything stored there before is read back at once. */
CrnEventStore *crn_event_store_new_sqlite (const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnEventStore, crn_event_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnEventRevision, crn_event_revision_free)

G_END_DECLS
