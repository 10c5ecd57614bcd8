/* creneau — one neighbourhood step of the search: a few occurrences, each
 * going from one (start, room) to another, applied and undone as a whole. */
#pragma once

#include "state.h"

G_BEGIN_DECLS

typedef struct {
  guint n;
  guint cap;
  guint *occ;
  gint *from_s, *from_r;
  gint *to_s, *to_r;
} CrnMove;

static inline void
crn_move_init (CrnMove *m, guint cap)
{
  m->n = 0;
  m->cap = cap;
  m->occ = g_new (guint, cap);
  m->from_s = g_new (gint, cap);
  m->from_r = g_new (gint, cap);
  m->to_s = g_new (gint, cap);
  m->to_r = g_new (gint, cap);
}

static inline void
crn_move_clear (CrnMove *m)
{
  g_free (m->occ);
  g_free (m->from_s);
  g_free (m->from_r);
  g_free (m->to_s);
  g_free (m->to_r);
}

static inline void
crn_move_push (CrnMove *m, const CrnState *st, guint o, gint s, gint r)
{
  g_assert (m->n < m->cap);
  m->occ[m->n] = o;
  m->from_s[m->n] = st->start[o];
  m->from_r[m->n] = st->room[o];
  m->to_s[m->n] = s;
  m->to_r[m->n] = r;
  m->n++;
}

static inline void
crn_move_apply (CrnState *st, const CrnMove *m)
{
  for (guint i = 0; i < m->n; i++)
    crn_state_remove (st, m->occ[i]);
  for (guint i = 0; i < m->n; i++)
    crn_state_add (st, m->occ[i], m->to_s[i], m->to_r[i]);
}

static inline void
crn_move_undo (CrnState *st, const CrnMove *m)
{
  for (guint i = 0; i < m->n; i++)
    crn_state_remove (st, m->occ[i]);
  for (guint i = 0; i < m->n; i++)
    crn_state_add (st, m->occ[i], m->from_s[i], m->from_r[i]);
}

/* Undoes @m back to a state whose costs were @hard and @soft. */
static inline void
crn_move_undo_to (CrnState *st, const CrnMove *m, gint64 hard, gint64 soft)
{
  for (guint i = 0; i < m->n; i++)
    crn_state_remove_quiet (st, m->occ[i]);
  for (guint i = 0; i < m->n; i++)
    crn_state_add_quiet (st, m->occ[i], m->from_s[i], m->from_r[i]);
  st->hard = hard;
  st->soft = soft;
}

G_END_DECLS
