/* creneau — the event model as plugins see it.
 *
 * Plugins add rooms, people and partners to an event and give them
 * availability and preferences. Everything else in the model (sessions,
 * timetables) is internal to libcreneau. Types are opaque; the functions here
 * are the whole contract.
 */
#pragma once

#include <glib.h>
#include <creneau/time.h>

G_BEGIN_DECLS

typedef struct _CrnEvent CrnEvent;
typedef struct _CrnRoom CrnRoom;
typedef struct _CrnPerson CrnPerson;
typedef struct _CrnPartner CrnPartner;

/* Ids are [a-z0-9-]+, 1 to 64 characters. */
gboolean crn_id_is_valid (const char *id);

/* What plugins may read of the event. */
const char *crn_event_get_id (const CrnEvent *event);
const char *crn_event_get_timezone_name (const CrnEvent *event);
GTimeZone *crn_event_get_timezone (const CrnEvent *event);
/* The event's span: midnight of its first day to midnight after its last. */
void crn_event_get_span (const CrnEvent *event, CrnTime *out_start, CrnTime *out_end);

/* Adding resources. Each returns NULL and sets @error when the id is invalid
 * or already used by a resource of the same kind. */
CrnRoom *crn_event_add_room (CrnEvent *event, const char *id, GError **error);
CrnPerson *crn_event_add_person (CrnEvent *event, const char *id, GError **error);
CrnPartner *crn_event_add_partner (CrnEvent *event, const char *id, GError **error);

CrnRoom *crn_event_lookup_room (const CrnEvent *event, const char *id);
CrnPerson *crn_event_lookup_person (const CrnEvent *event, const char *id);
CrnPartner *crn_event_lookup_partner (const CrnEvent *event, const char *id);

/* Rooms. */
void crn_room_set_name (CrnRoom *room, const char *name);
void crn_room_set_capacity (CrnRoom *room, guint capacity);
void crn_room_add_tag (CrnRoom *room, const char *tag);
void crn_room_set_site (CrnRoom *room, const char *site);
/* @source says where the interval comes from, for explanations
 * ("rooms.conf", "calendars/amphi.ics"); may be NULL. */
void crn_room_add_unavailable (CrnRoom *room, CrnTime start, CrnTime end, const char *source);

/* People: speakers and moderators. */
void crn_person_set_name (CrnPerson *person, const char *name);
void crn_person_set_email (CrnPerson *person, const char *email);
void crn_person_set_organisation (CrnPerson *person, const char *organisation);
void crn_person_add_unavailable (CrnPerson *person, CrnTime start, CrnTime end, const char *source);
void crn_person_add_preferred (CrnPerson *person, CrnTime start, CrnTime end);
/* Time the person would rather keep free (e.g. tentative busy time): sessions
 * there count against Preference (S7) but are allowed. */
void crn_person_add_discouraged (CrnPerson *person, CrnTime start, CrnTime end, const char *source);
void crn_person_set_max_per_day (CrnPerson *person, guint max_sessions);

/* Partner organisations. A partner with no Available window is available
 * whenever it is not unavailable. */
void crn_partner_set_name (CrnPartner *partner, const char *name);
void crn_partner_add_available (CrnPartner *partner, CrnTime start, CrnTime end);
void crn_partner_add_unavailable (CrnPartner *partner, CrnTime start, CrnTime end, const char *source);
void crn_partner_add_preferred (CrnPartner *partner, CrnTime start, CrnTime end);

/* Sessions declared by plugins (a spreadsheet of sessions, say). These calls
 * only record what the plugin read: people, partners, fixed rooms and After=
 * sessions are named by id and resolved once every plugin has run, so plugin
 * order does not matter. An unknown id is then reported against @file and
 * @line, which should say where the session was written (a CSV row).
 * Defaults match event.conf: kind other, count 1, no attendance. */
typedef struct _CrnSession CrnSession;

CrnSession *crn_event_declare_session (CrnEvent *event, const char *id, const char *file,
                                       int line, GError **error);
void crn_session_set_title (CrnSession *session, const char *title);
void crn_session_set_description (CrnSession *session, const char *description);
/* "plenary", "workshop", "round-table", "talk", "meeting" or "other";
 * FALSE for anything else. A plenary is exclusive unless said otherwise. */
gboolean crn_session_set_kind (CrnSession *session, const char *kind);
void crn_session_set_duration (CrnSession *session, guint minutes);
void crn_session_set_count (CrnSession *session, guint count);
void crn_session_set_attendance (CrnSession *session, guint attendance);
void crn_session_add_speaker (CrnSession *session, const char *person_id);
void crn_session_add_moderator (CrnSession *session, const char *person_id);
void crn_session_add_partner (CrnSession *session, const char *partner_id);
void crn_session_add_room_tag (CrnSession *session, const char *tag);
void crn_session_add_audience (CrnSession *session, const char *audience);
void crn_session_add_after (CrnSession *session, const char *session_id);
void crn_session_set_track (CrnSession *session, const char *track);
void crn_session_set_block (CrnSession *session, const char *block);
void crn_session_set_fixed_room (CrnSession *session, const char *room_id);
void crn_session_set_fixed_start (CrnSession *session, CrnTime start);
void crn_session_add_day (CrnSession *session, CrnTime midnight);
void crn_session_add_allowed_start (CrnSession *session, int minute_of_day);
void crn_session_add_unavailable (CrnSession *session, CrnTime start, CrnTime end);
void crn_session_set_exclusive (CrnSession *session, gboolean exclusive);
void crn_session_set_min_days (CrnSession *session, guint min_days);

G_END_DECLS
