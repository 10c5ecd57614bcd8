/* creneaud — durable state in SQLite.
 *
 * Everything the daemon acknowledges lives here: the files of each loaded
 * event (as sent), the current timetable, pins, every published revision
 * (a snapshot of the files and the timetable with per-UID SEQUENCE) and the
 * feed tokens. Each mutating call is one transaction; it returns only after
 * the commit, so a D-Bus reply sent afterwards never promises more than the
 * disk holds.
 */
#pragma once

#include <glib.h>
#include "model/files.h"

G_BEGIN_DECLS

#define CRN_STORE_SCHEMA_VERSION 2

typedef struct _CrnStore CrnStore;

/* One occurrence of the current timetable or of a pin. Times are CrnTime
 * (event-local minutes). */
typedef struct {
  char *session;
  guint occurrence;
  char *room;       /* NULL: unassigned */
  gint64 start;
} CrnStoredAssignment;

/* One VEVENT of a published revision. */
typedef struct {
  char *uid;
  char *session;
  guint occurrence;
  char *room;
  gint64 start;
  gint64 end;          /* start and end: Unix seconds */
  char *title;
  guint sequence;
  gboolean cancelled;
  gint64 last_modified; /* Unix seconds */
} CrnStoredEntry;

typedef struct {
  char *token;
  char *event_id;
  char *kind;       /* "speaker", "room", "partner" */
  char *target;     /* the person/room/partner id */
  gboolean revoked;
} CrnStoredToken;

typedef struct {
  guint revision;
  gint64 published_at; /* Unix seconds */
} CrnStoredRevision;

/* One line of a revision's changelog (since the revision before). */
typedef struct {
  char *session;
  char *kind;       /* new, moved, cancelled, renamed */
  char *sentence;
} CrnStoredChangeRow;

/* Everything kept for one published revision; NULL members are left empty. */
typedef struct {
  guint revision;
  gint64 published_at;         /* Unix seconds */
  const CrnEventFiles *files;  /* the event's files as published */
  GArray *entries;             /* CrnStoredEntry: one per UID, with SEQUENCE */
  GArray *slots;               /* CrnStoredAssignment: the timetable by ids */
  GBytes *publication;         /* the calendar's publication record */
  GArray *changes;             /* CrnStoredChangeRow */
} CrnStoredRevisionRecord;

/* Arrays with the clear functions set, for the types above. */
GArray *crn_stored_assignments_new (void);
GArray *crn_stored_change_rows_new (void);
GArray *crn_stored_entries_new (void);
GArray *crn_stored_tokens_new (void);

/* Opens (creating if needed) the database at @path and migrates it to
 * CRN_STORE_SCHEMA_VERSION. A database from a newer creneau is refused. */
CrnStore *crn_store_open (const char *path, GError **error);
/* The same, migrating no further than @version (for tests of migrations). */
CrnStore *crn_store_open_at_version (const char *path, guint version, GError **error);
const char *crn_store_get_path (CrnStore *store);
void crn_store_close (CrnStore *store);
guint crn_store_get_schema_version (CrnStore *store);

/* Events. put_event replaces the files of an existing event and keeps its
 * revisions, pins and tokens. */
gboolean crn_store_put_event (CrnStore *store, const char *event_id, const CrnEventFiles *files,
                              GError **error);
gboolean crn_store_delete_event (CrnStore *store, const char *event_id, GError **error);
char **crn_store_list_events (CrnStore *store, GError **error);
CrnEventFiles *crn_store_get_files (CrnStore *store, const char *event_id, GError **error);

/* The current (unpublished) timetable with its score. */
gboolean crn_store_put_timetable (CrnStore *store, const char *event_id, GArray *assignments,
                                  guint hard, guint64 soft, GError **error);
/* Returns NULL without error when the event has no timetable yet. */
GArray *crn_store_get_timetable (CrnStore *store, const char *event_id, guint *out_hard,
                                 guint64 *out_soft, GError **error);

/* Pins (H5). */
gboolean crn_store_put_pin (CrnStore *store, const char *event_id, const CrnStoredAssignment *pin,
                            GError **error);
gboolean crn_store_delete_pin (CrnStore *store, const char *event_id, const char *session,
                               guint occurrence, GError **error);
/* Replaces every pin of the event in one transaction. */
gboolean crn_store_put_pins (CrnStore *store, const char *event_id, GArray *pins,
                             GError **error);
/* Pins and the current timetable together, in one transaction. */
gboolean crn_store_put_pins_and_timetable (CrnStore *store, const char *event_id, GArray *pins,
                                           GArray *assignments, guint hard, guint64 soft,
                                           GError **error);
GArray *crn_store_get_pins (CrnStore *store, const char *event_id, GError **error);

/* Published revisions: numbered from 1, each with the files and entries as
 * published. add_revision fails when @revision is not the next number. */
gboolean crn_store_add_revision (CrnStore *store, const char *event_id, guint revision,
                                 gint64 published_at, const CrnEventFiles *files, GArray *entries,
                                 GError **error);
/* The same with everything a revision holds, in one transaction. */
gboolean crn_store_add_revision_record (CrnStore *store, const char *event_id,
                                        const CrnStoredRevisionRecord *record, GError **error);
GArray *crn_store_get_revision_slots (CrnStore *store, const char *event_id, guint revision,
                                      GError **error);
/* @out is NULL for a revision kept without a publication record. */
gboolean crn_store_get_revision_publication (CrnStore *store, const char *event_id,
                                             guint revision, GBytes **out, GError **error);
GArray *crn_store_get_revision_changes (CrnStore *store, const char *event_id, guint revision,
                                        GError **error);
guint crn_store_get_latest_revision (CrnStore *store, const char *event_id, GError **error);
GArray *crn_store_list_revisions (CrnStore *store, const char *event_id, GError **error);
GArray *crn_store_get_revision_entries (CrnStore *store, const char *event_id, guint revision,
                                        GError **error);
CrnEventFiles *crn_store_get_revision_files (CrnStore *store, const char *event_id,
                                             guint revision, GError **error);

/* Feed tokens: random, stable (the same kind+target keeps its token until
 * revoked) and revocable. */
char *crn_store_ensure_token (CrnStore *store, const char *event_id, const char *kind,
                              const char *target, GError **error);
gboolean crn_store_revoke_token (CrnStore *store, const char *token, GError **error);
/* Returns FALSE without error when the token is unknown or revoked. */
gboolean crn_store_lookup_token (CrnStore *store, const char *token, CrnStoredToken *out,
                                 GError **error);
GArray *crn_store_list_tokens (CrnStore *store, const char *event_id, GError **error);
void crn_stored_token_clear (CrnStoredToken *t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnStore, crn_store_close)

G_END_DECLS
