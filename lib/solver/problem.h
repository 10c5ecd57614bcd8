/* creneau — an event compiled into a dense grid problem for the search.
 *
 * Time becomes grid steps of event->granularity minutes laid over the open
 * windows of each day (breaks cut windows). Every resource that can clash
 * (rooms, people, audiences, registered participants) gets a dense index, and
 * each session a list of candidate starts and rooms, so the search works on
 * small integers and flat arrays only.
 */
#pragma once

#include "solver.h"

G_BEGIN_DECLS

/* Why a start or a room was removed from a session's candidates; the
 * pre-solve check and Explain read these. */
typedef enum {
  CRN_CAND_OK = 0,
  CRN_CAND_OUTSIDE_WINDOW,   /* H3: runs past the end of its open window */
  CRN_CAND_SESSION_UNAVAILABLE, /* H3 */
  CRN_CAND_PERSON_UNAVAILABLE,  /* H3: a speaker or moderator */
  CRN_CAND_PARTNER_UNAVAILABLE, /* H3 */
  CRN_CAND_FIXED_START,      /* H5: Start= */
  CRN_CAND_DAYS,             /* H5: Days= */
  CRN_CAND_STARTS,           /* H5: Starts= */
  CRN_CAND_ROOM_FIXED,       /* H5: Room= */
  CRN_CAND_ROOM_CAPACITY,    /* H4 */
  CRN_CAND_ROOM_TAGS,        /* H4 */
} CrnCandidateReason;

typedef struct {
  guint len;            /* grid steps occupied */
  guint *starts;        /* candidate start steps, ascending */
  guint n_starts;
  guint8 *start_ok;     /* [n_steps]: 1 when the step is a candidate start */
  guint *rooms;         /* candidate room indices */
  guint n_rooms;
  gint16 *room_slot;    /* [n_rooms of event]: index in rooms or -1 */
  guint *room_cost;     /* [n_rooms]: weighted S1 per occurrence, by candidate index */
  gboolean relaxed;     /* no candidate fitted: starts/rooms ignore H3-H5 (reported) */
  guint *people;        /* speakers and moderators, deduplicated */
  guint n_people;
  guint *audiences;     /* audience indices, including the session's own (H9) */
  guint n_audiences;
  guint *participants;  /* registered participants (S5) */
  guint n_participants;
  guint *after;         /* sessions this one must follow (H6) */
  guint n_after;
  guint *before;        /* sessions that must follow this one */
  guint n_before;
  gint block;           /* -1: none */
  gint track;           /* -1: none */
  gboolean exclusive;
  guint min_days;
  guint first_occ;      /* occurrences are first_occ .. first_occ + count - 1 */
  guint count;
  guint16 *pref_cost;   /* [n_steps] S7 count per start, or NULL */
  guint people_weight;  /* people touched when moved (minimal change) */
} CrnProbSession;

typedef struct {
  const CrnEvent *event;
  guint n_steps;
  CrnTime *step_time;   /* [n_steps] */
  guint *step_day;      /* [n_steps] index in event->days */
  guint *step_window;   /* [n_steps] */
  gint *step_next;      /* next step of the same window, or -1 */
  gint *step_prev;
  guint n_days;
  guint n_rooms, n_people, n_audiences, n_real_audiences, n_participants;
  guint n_tracks, n_blocks, n_sessions, n_occ;
  guint8 *room_busy;    /* [n_rooms * n_steps]: room unavailable during the step */
  char **audience_names;/* [n_real_audiences] */
  guint **audience_members; /* [n_audiences] occurrence lists */
  guint *audience_n_members;
  gboolean *audience_unit;  /* all members one step long: O(1) compactness */
  guint **block_members;    /* [n_blocks] session lists */
  guint *block_n_members;
  CrnProbSession *sessions;
  guint *occ_session;   /* [n_occ] */
  guint *occ_k;         /* [n_occ] 0-based occurrence */
  gint w[CRN_N_SOFT];   /* weights, 0 for a rule that is hard or off */
  gboolean capacity_hard;
  gboolean has_travel;
  gint *room_site;      /* [n_rooms] site index or -1 */
  guint **participant_occs; /* [n_participants] occurrence lists (S5) */
  guint *participant_n_occs;
  guint **person_occs;  /* [n_people] occurrence lists, when has_travel */
  guint *person_n_occs;
} CrnProblem;

CrnProblem *crn_problem_new (const CrnEvent *event);
void crn_problem_free (CrnProblem *p);

/* The grid step starting exactly at @t, or -1. */
gint crn_problem_step_at (const CrnProblem *p, CrnTime t);

/* Why @session cannot start at @start (a grid step or any time) and why it
 * cannot use @room (either may be NULL/-1 to test only the other). */
CrnCandidateReason crn_problem_start_reason (const CrnEvent *event, const CrnSession *s,
                                             CrnTime start, const CrnPerson **out_person,
                                             const CrnPartner **out_partner);
CrnCandidateReason crn_problem_room_reason (const CrnEvent *event, const CrnSession *s,
                                            const CrnRoom *room);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnProblem, crn_problem_free)

G_END_DECLS
