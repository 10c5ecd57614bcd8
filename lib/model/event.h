/* creneau — the whole event model (internal to libcreneau and its programs).
 *
 * Plugins see only <creneau/model.h>. Everything else — the reader, the
 * solver, the writers, the daemon — works on these structures directly.
 * Resources and sessions are stored in arrays; each carries its own index so
 * the solver can work on dense integer ids.
 */
#pragma once

#include <creneau/creneau.h>

G_BEGIN_DECLS

typedef enum {
  CRN_KIND_PLENARY,
  CRN_KIND_WORKSHOP,
  CRN_KIND_ROUND_TABLE,
  CRN_KIND_TALK,
  CRN_KIND_MEETING,
  CRN_KIND_OTHER,
  CRN_N_KINDS
} CrnSessionKind;

const char *crn_session_kind_to_string (CrnSessionKind kind); /* "round-table" */
gboolean crn_session_kind_from_string (const char *text, CrnSessionKind *out);

/* Soft rules S1..S8 of DESIGN.md, in table order. */
typedef enum {
  CRN_S1_CAPACITY_OVERFLOW,
  CRN_S2_SPREAD_DAYS,
  CRN_S3_COMPACTNESS,
  CRN_S4_ROOM_STABILITY,
  CRN_S5_ATTENDEE_CONFLICT,
  CRN_S6_STABILITY,
  CRN_S7_PREFERENCE,
  CRN_S8_MAX_PER_DAY,
  CRN_N_SOFT
} CrnSoftRule;

#define CRN_WEIGHT_HARD (-1)

const char *crn_soft_rule_key (CrnSoftRule rule); /* "CapacityOverflow" */
const char *crn_soft_rule_id (CrnSoftRule rule);  /* "S1" */
gint crn_soft_rule_default_weight (CrnSoftRule rule);

/* An interval with where it came from, for explanations. */
typedef struct {
  CrnTime start;
  CrnTime end;
  char *source; /* "speakers/caron.ics", "speakers.conf", or NULL */
} CrnBusyNote;

typedef struct {
  CrnTime date;           /* midnight of the day */
  CrnIntervalSet *open;   /* open windows */
  char *file; int line;   /* where [Day ...] was written */
} CrnDay;

typedef struct {
  char *id;
  CrnTime start, end;
  char *title;
  gboolean is_public;
} CrnBreak;

struct _CrnRoom {
  guint index;
  char *id;
  char *name;
  guint capacity;
  GPtrArray *tags;              /* char* */
  char *site;                   /* NULL: no site */
  CrnIntervalSet *unavailable;
  GArray *busy_notes;           /* CrnBusyNote */
};

struct _CrnPerson {
  guint index;
  char *id;
  char *name;
  char *email;
  char *organisation;
  CrnIntervalSet *unavailable;
  GArray *busy_notes;           /* CrnBusyNote */
  CrnIntervalSet *preferred;    /* empty: no preference */
  CrnIntervalSet *discouraged;  /* tentative busy time: soft */
  guint max_per_day;            /* 0: no limit */
};

struct _CrnPartner {
  guint index;
  char *id;
  char *name;
  CrnIntervalSet *available;    /* empty: no restriction */
  CrnIntervalSet *unavailable;
  GArray *busy_notes;           /* CrnBusyNote */
  CrnIntervalSet *preferred;
};

typedef struct _CrnSession CrnSession;
struct _CrnSession {
  guint index;
  char *id;
  char *title;
  char *description;
  CrnSessionKind kind;
  guint duration;               /* minutes */
  guint count;                  /* occurrences, >= 1 */
  guint attendance;
  GPtrArray *speakers;          /* CrnPerson* (not owned) */
  GPtrArray *moderators;        /* CrnPerson* */
  GPtrArray *partners;          /* CrnPartner* */
  GPtrArray *room_tags;         /* char* */
  CrnRoom *room;                /* fixed room or NULL */
  gboolean has_start;
  CrnTime start;                /* fixed start when has_start */
  GArray *days;                 /* CrnTime midnights; empty: any day */
  GArray *starts;               /* int minute-of-day; empty: any */
  CrnIntervalSet *unavailable;
  GPtrArray *after;             /* CrnSession* (not owned) */
  char *block;                  /* NULL: none */
  char *track;                  /* NULL: none */
  GPtrArray *audiences;         /* char* */
  gboolean exclusive;
  guint min_days;               /* 0: none */
  char *file; int line;         /* where [Session ...] was written */
  struct _CrnSessionRefs *refs; /* ids named through <creneau/model.h>, until resolved */
};

typedef struct {
  char *participant;
  CrnSession *session;
} CrnRegistration;

/* A [Plugin NAME] group, kept for the plugin loader. */
typedef struct {
  char *name;
  GPtrArray *keys;              /* char* */
  GPtrArray *values;            /* char* (raw strings) */
  GArray *lines;                /* int */
  int line;
} CrnPluginGroup;

struct _CrnEvent {
  char *id;
  char *name;
  char *timezone_name;
  GTimeZone *timezone;
  char *organizer;              /* "Name <mail>" as written, or NULL */
  guint granularity;            /* minutes per grid step */
  guint travel_minutes;
  GArray *days;                 /* CrnDay, sorted by date */
  GPtrArray *breaks;            /* CrnBreak* */
  GPtrArray *rooms;             /* CrnRoom* (owned) */
  GPtrArray *people;            /* CrnPerson* (owned) */
  GPtrArray *partners;          /* CrnPartner* (owned) */
  GPtrArray *sessions;          /* CrnSession* (owned) */
  GArray *registrations;        /* CrnRegistration */
  gint weights[CRN_N_SOFT];     /* CRN_WEIGHT_HARD or >= 0 */
  GPtrArray *plugin_groups;     /* CrnPluginGroup* */
  GHashTable *room_by_id, *person_by_id, *partner_by_id, *session_by_id;
};

/* crn_id_is_valid, with the sentence saying why not ("the room id ... is 80
 * bytes long, more than the limit of 64"). */
gboolean crn_id_check (const char *id, const char *what, GError **error);

CrnEvent *crn_event_new (const char *id);
void crn_event_free (CrnEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnEvent, crn_event_free)

gboolean crn_event_set_timezone (CrnEvent *event, const char *iana_name);
CrnSession *crn_event_add_session (CrnEvent *event, const char *id, GError **error);
CrnSession *crn_event_lookup_session (const CrnEvent *event, const char *id);
CrnDay *crn_event_lookup_day (const CrnEvent *event, CrnTime midnight);
/* Inserts the day in date order (or returns the existing one). */
CrnDay *crn_event_add_day (CrnEvent *event, CrnTime midnight);
CrnBreak *crn_event_add_break (CrnEvent *event, const char *id, CrnTime start, CrnTime end);

/* The open time of the whole event: windows of every day minus breaks. */
CrnIntervalSet *crn_event_open_time (const CrnEvent *event);

/* Resolves the ids that plugins gave through the public session API
 * (crn_session_add_speaker ...) into the fields above. Called by the reader
 * once every plugin has run; each unknown id is one error in @diags, naming
 * the session's file and line. Returns FALSE when any id was unknown. */
gboolean crn_event_resolve_session_refs (CrnEvent *event, CrnDiagnostics *diags);

/* Number of occurrences over all sessions. */
guint crn_event_count_occurrences (const CrnEvent *event);

G_END_DECLS
