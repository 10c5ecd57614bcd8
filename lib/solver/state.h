/* creneau — a timetable under search, with the counts that make its cost
 * incremental.
 *
 * Placing or removing one occurrence updates occupancy counts per (room,
 * step), (person, step), (audience, step), per-day and
 * per-room counts, and the running hard count and soft cost, in time
 * proportional to the occurrence's length and its resources. A move is a few
 * removals and placements; a rejected move is undone the same way.
 *
 * The costs here follow the grid: two sessions clash for as many steps as
 * they share. crn_evaluate() gives the authoritative per-pair figures.
 */
#pragma once

#include "problem.h"

G_BEGIN_DECLS

typedef struct {
  const CrnProblem *p;
  gint *start;          /* [n_occ] step, -1: unplaced */
  gint *room;           /* [n_occ] room index */
  guint8 *pinned;       /* [n_occ] */
  CrnTime *prev_time;   /* [n_occ] S6 reference; prev_room < 0: none */
  gint *prev_room;
  guint s6_weight;      /* per moved occurrence (scaled by people when minimal change) */
  gboolean s6_by_people;

  guint16 *room_occ;    /* [n_rooms * n_steps] */
  guint32 *room_xor;    /* xor of occupant ids: the occupant when room_occ == 1 */
  guint16 *person_occ;  /* [n_people * n_steps] */
  guint16 *aud_occ;     /* [n_audiences * n_steps] */
  guint16 *total_occ;   /* [n_steps] */
  guint16 *excl_occ;    /* [n_steps] */
  guint16 *sess_day;    /* [n_sessions * n_days] */
  guint *sess_ndays;
  guint16 *sess_room;   /* [n_sessions * n_rooms] */
  guint *sess_nrooms;
  guint16 *track_room;  /* [n_tracks * n_rooms] */
  guint *track_nrooms;
  guint16 *person_day;  /* [n_people * n_days] */
  guint *person_max;    /* [n_people] MaxPerDay, 0: none */

  gint64 hard;
  gint64 soft;
  guint n_unplaced;
} CrnState;

CrnState *crn_state_new (const CrnProblem *p, const CrnSolveOptions *opts);
void crn_state_free (CrnState *st);
void crn_state_copy_from (CrnState *dst, const CrnState *src);

void crn_state_add (CrnState *st, guint o, gint start, gint room);
void crn_state_remove (CrnState *st, guint o);
/* The same without touching st->hard and st->soft: for going back to a
 * state whose costs the caller kept. */
void crn_state_add_quiet (CrnState *st, guint o, gint start, gint room);
void crn_state_remove_quiet (CrnState *st, guint o);

/* Hard conflicts that placing @o at (@start, @room) would add, from the
 * occupancy counts only (rooms, people, audiences, exclusivity). Cheap; for
 * construction. */
guint crn_state_clashes (const CrnState *st, guint o, gint start, gint room);

/* The hard violations between @o at (@start, @room) and the other placed
 * occurrences that the occupancy counts do not show: After= order (H6),
 * blocks (H8) and travel time between sites (H2). */
gint64 crn_state_pair_clashes (const CrnState *st, guint o, gint start, gint room);

/* The occupant of @room at @step when exactly one, else -1. */
static inline gint
crn_state_room_occupant (const CrnState *st, guint room, guint step)
{
  gsize i = (gsize) room * st->p->n_steps + step;
  return st->room_occ[i] == 1 ? (gint) st->room_xor[i] : -1;
}

/* Writes the state into @tt's assignments (in occurrence order). */
void crn_state_to_timetable (const CrnState *st, CrnTimetable *tt);

G_END_DECLS
