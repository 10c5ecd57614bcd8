/* creneau — what a published revision of a calendar said.
 *
 * A publication keeps, for every UID ever published for an event, the facts
 * a later revision must compare against (time, room, title), the SEQUENCE and
 * LAST-MODIFIED it was given, and enough to write it again as
 * STATUS:CANCELLED once its session is gone from the event. The daemon stores
 * it (crn_publication_to_data) next to each published revision.
 */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

typedef struct {
  char *uid;
  char *session_id;       /* NULL for a break */
  char *break_id;         /* NULL for a session */
  guint occurrence;       /* 1-based; 0 for a break */
  char *title;
  char *room_id;          /* NULL: no room */
  char *location;         /* LOCATION as written */
  gint64 start, end;      /* Unix seconds */
  char **people;          /* speaker and moderator ids, for scoped feeds */
  char **partners;        /* partner ids */
  char *digest;           /* checksum of everything else written for it */
  guint sequence;
  gint64 last_modified;   /* Unix seconds */
  gboolean cancelled;
} CrnPublishedItem;

typedef struct {
  gint64 published;       /* Unix seconds; DTSTAMP of every VEVENT */
  GPtrArray *items;       /* CrnPublishedItem*: timetable order, then cancelled ones */
  GHashTable *by_uid;     /* uid -> CrnPublishedItem* */
} CrnPublication;

void crn_published_item_free (CrnPublishedItem *item);
CrnPublishedItem *crn_published_item_copy (const CrnPublishedItem *item);

CrnPublication *crn_publication_new (gint64 published);
void crn_publication_free (CrnPublication *pub);
/* Takes ownership of @item; replaces an item with the same UID. */
void crn_publication_add (CrnPublication *pub, CrnPublishedItem *item);
CrnPublishedItem *crn_publication_lookup (const CrnPublication *pub, const char *uid);
/* SEQUENCE of @uid, or 0 when it was never published. */
guint crn_publication_get_sequence (const CrnPublication *pub, const char *uid);
/* UIDs published as STATUS:CANCELLED, NULL-terminated (free with g_strfreev). */
char **crn_publication_get_cancelled (const CrnPublication *pub);

/* A text form (GKeyFile syntax) for storage, and back; @length may be
 * (gsize) -1 for a nul-terminated string. */
char *crn_publication_to_data (const CrnPublication *pub, gsize *out_length);
CrnPublication *crn_publication_from_data (const char *data, gsize length, GError **error);

/* `<session>[-<n>]@<event>.creneau`; n only when the session has Count>1. */
char *crn_ical_session_uid (const CrnEvent *event, const CrnSession *session, guint occurrence);
/* `<break>.break@<event>.creneau`: '.' never occurs in an id, so it cannot
 * clash with a session's UID. */
char *crn_ical_break_uid (const CrnEvent *event, const CrnBreak *brk);

/* The items @tt would publish (sessions, then public breaks) with SEQUENCE 0
 * and LAST-MODIFIED @published; unassigned occurrences are left out. */
CrnPublication *crn_publication_from_timetable (const CrnTimetable *tt, gint64 published);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnPublication, crn_publication_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnPublishedItem, crn_published_item_free)

G_END_DECLS
