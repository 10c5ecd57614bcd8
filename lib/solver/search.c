/* creneau — local search: simulated annealing over moves, swaps, room
 * changes and Kempe chains, with incremental cost.
 *
 * Hard violations are in the cost with a heavy weight, so the search first
 * drives them out and then works on the soft cost without letting them back.
 * The temperature falls geometrically over the budget (iterations when an
 * iteration limit is set, so a seed gives one answer; else time) and is
 * raised again when the search has been stuck for a while.
 */
#include "config.h"

#include "search.h"

#include <math.h>
#include <string.h>

#define HARD_WEIGHT 1000
#define CHECK_EVERY 128
#define MAX_CHAIN 64

typedef struct {
  guint n;
  guint occ[MAX_CHAIN];
  gint from_s[MAX_CHAIN], from_r[MAX_CHAIN];
  gint to_s[MAX_CHAIN], to_r[MAX_CHAIN];
} Move;

typedef struct {
  CrnState *st;
  const CrnProblem *p;
  GRand *rand;
  guint *movable;
  guint n_movable;
  guint8 *in_chain;       /* [n_occ] scratch for Kempe chains */
} Ctx;

static inline gint64
cost_of (const CrnState *st)
{
  return st->hard * HARD_WEIGHT + st->soft;
}

static void
apply (CrnState *st, const Move *m)
{
  for (guint i = 0; i < m->n; i++)
    crn_state_remove (st, m->occ[i]);
  for (guint i = 0; i < m->n; i++)
    crn_state_add (st, m->occ[i], m->to_s[i], m->to_r[i]);
}

static void
undo (CrnState *st, const Move *m)
{
  for (guint i = 0; i < m->n; i++)
    crn_state_remove (st, m->occ[i]);
  for (guint i = 0; i < m->n; i++)
    crn_state_add (st, m->occ[i], m->from_s[i], m->from_r[i]);
}

static void
push (Move *m, const CrnState *st, guint o, gint s, gint r)
{
  m->occ[m->n] = o;
  m->from_s[m->n] = st->start[o];
  m->from_r[m->n] = st->room[o];
  m->to_s[m->n] = s;
  m->to_r[m->n] = r;
  m->n++;
}

static inline gboolean
accepts (const CrnProblem *p, guint o, gint s, gint r)
{
  const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
  return ps->start_ok[s] && ps->room_slot[r] >= 0;
}

/* Moves @o to (@s, @r); when one movable occurrence of the same length
 * starts there and fits where @o was, the two swap. */
static gboolean
move_or_swap (Ctx *c, Move *m, guint o, gint s, gint r)
{
  CrnState *st = c->st;
  const CrnProblem *p = c->p;
  if (s == st->start[o] && r == st->room[o])
    return FALSE;
  m->n = 0;
  push (m, st, o, s, r);
  gint o2 = crn_state_room_occupant (st, r, s);
  if (o2 >= 0 && (guint) o2 != o && st->start[o2] == s && !st->pinned[o2]
      && p->sessions[p->occ_session[o2]].len == p->sessions[p->occ_session[o]].len
      && accepts (p, o2, st->start[o], st->room[o]))
    push (m, st, o2, st->start[o], st->room[o]);
  return TRUE;
}

static gboolean
shares_resource (const CrnProblem *p, guint a, guint b)
{
  const CrnProbSession *x = &p->sessions[p->occ_session[a]];
  const CrnProbSession *y = &p->sessions[p->occ_session[b]];
  if (x == y)
    return TRUE;
  for (guint i = 0; i < x->n_people; i++)
    for (guint j = 0; j < y->n_people; j++)
      if (x->people[i] == y->people[j])
        return TRUE;
  for (guint i = 0; i < x->n_audiences; i++)
    for (guint j = 0; j < y->n_audiences; j++)
      if (x->audiences[i] == y->audiences[j])
        return TRUE;
  return FALSE;
}

/* Kempe chain between the steps of @o and a step @t2: the occurrences that
 * share a person or an audience with each other, alternating between the two
 * steps, all change step together and keep their rooms. Only for one-step
 * sessions, whose occupants are found through the rooms. */
static gboolean
kempe (Ctx *c, Move *m, guint o, gint t2)
{
  CrnState *st = c->st;
  const CrnProblem *p = c->p;
  gint t1 = st->start[o];
  if (t1 == t2)
    return FALSE;
  m->n = 0;
  push (m, st, o, t2, st->room[o]);
  c->in_chain[o] = 1;
  gboolean ok = TRUE;
  for (guint head = 0; head < m->n && ok; head++) {
    guint x = m->occ[head];
    gint other = m->from_s[head] == t1 ? t2 : t1;
    for (guint r = 0; r < p->n_rooms && ok; r++) {
      gint y = crn_state_room_occupant (st, r, other);
      if (y < 0 || c->in_chain[y] || st->start[y] != other || !shares_resource (p, x, y))
        continue;
      gint dest = other == t1 ? t2 : t1;
      if (m->n == MAX_CHAIN || st->pinned[y] || p->sessions[p->occ_session[y]].len != 1
          || !accepts (p, y, dest, st->room[y])) {
        ok = FALSE;
        break;
      }
      push (m, st, y, dest, st->room[y]);
      c->in_chain[y] = 1;
    }
  }
  for (guint i = 0; i < m->n; i++)
    c->in_chain[m->occ[i]] = 0;
  return ok && m->n > 1;
}

static gboolean
random_move (Ctx *c, Move *m)
{
  CrnState *st = c->st;
  const CrnProblem *p = c->p;
  GRand *rand = c->rand;
  guint o = c->movable[g_rand_int_range (rand, 0, (gint32) c->n_movable)];
  const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
  guint kind = (guint) g_rand_int_range (rand, 0, 100);
  if (kind < 20 && ps->n_rooms > 1) {
    gint r = (gint) ps->rooms[g_rand_int_range (rand, 0, (gint32) ps->n_rooms)];
    return move_or_swap (c, m, o, st->start[o], r);
  }
  gint s = (gint) ps->starts[g_rand_int_range (rand, 0, (gint32) ps->n_starts)];
  if (kind < 30 && ps->len == 1 && ps->room_slot[st->room[o]] >= 0)
    return kempe (c, m, o, s);
  gint r = st->room[o];
  if (ps->room_slot[r] < 0 || (ps->n_rooms > 1 && g_rand_boolean (rand)))
    r = (gint) ps->rooms[g_rand_int_range (rand, 0, (gint32) ps->n_rooms)];
  return move_or_swap (c, m, o, s, r);
}

typedef struct {
  gint *start;
  gint *room;
  gint64 cost;
  guint hard;
  gint64 soft;
} Best;

static void
save_best (Best *b, const CrnState *st)
{
  memcpy (b->start, st->start, sizeof (gint) * st->p->n_occ);
  memcpy (b->room, st->room, sizeof (gint) * st->p->n_occ);
}

static void
restore_best (const Best *b, CrnState *st)
{
  for (guint o = 0; o < st->p->n_occ; o++)
    crn_state_remove (st, o);
  for (guint o = 0; o < st->p->n_occ; o++)
    if (b->start[o] >= 0)
      crn_state_add (st, o, b->start[o], b->room[o]);
}

static void
publish_best (CrnSearchShared *sh, guint hard, gint64 soft)
{
  g_mutex_lock (&sh->lock);
  if (hard < sh->best_hard || (hard == sh->best_hard && (guint64) soft < sh->best_soft)) {
    sh->best_hard = hard;
    sh->best_soft = (guint64) soft;
  }
  g_mutex_unlock (&sh->lock);
}

/* Temperatures on the scale of one soft unit; measured on ITC2007. */
#define T_START 3.0
#define T_END 0.05

void
crn_search (CrnState *st, guint64 seed, CrnSearchShared *sh, gboolean report,
            CrnSearchStats *stats)
{
  const CrnProblem *p = st->p;
  const CrnSolveOptions *opts = sh->opts;
  Ctx c = { st, p, g_rand_new_with_seed_array ((const guint32[]) { (guint32) seed,
                                                                  (guint32) (seed >> 32) }, 2),
            NULL, 0, g_new0 (guint8, p->n_occ + 1) };
  c.movable = g_new (guint, p->n_occ + 1);
  for (guint o = 0; o < p->n_occ; o++) {
    const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
    if (!st->pinned[o] && st->start[o] >= 0 && (ps->n_starts > 1 || ps->n_rooms > 1))
      c.movable[c.n_movable++] = o;
  }
  Best best = { g_new (gint, p->n_occ + 1), g_new (gint, p->n_occ + 1), cost_of (st),
                (guint) st->hard, st->soft };
  save_best (&best, st);
  gboolean best_pending = FALSE;
  publish_best (sh, best.hard, best.soft);

  gint64 limit_us = opts->time_limit > 0 ? (gint64) (opts->time_limit * G_USEC_PER_SEC) : 0;
  guint64 iter_limit = opts->iteration_limit;
  gint64 last_report = 0;
  double temp = T_START;
  Move m;
  guint64 it = 0;
  guint64 since_best = 0;
  double phase_origin = 0; /* fraction at the last reheat */

  while (c.n_movable > 0 && best.cost > 0) {
    if ((it % CHECK_EVERY) == 0) {
      gint64 now = g_get_monotonic_time () - sh->start_us;
      if (g_atomic_int_get (&sh->stop)
          || (opts->cancellable && g_cancellable_is_cancelled (opts->cancellable))) {
        g_atomic_int_set (&sh->stop, 1);
        break;
      }
      double frac;
      if (iter_limit > 0)
        frac = (double) it / (double) iter_limit;
      else
        frac = (double) now / (double) limit_us;
      if (frac >= 1.0 || (limit_us > 0 && now >= limit_us))
        break;
      /* a reheat restarts the cooling over what remains of the budget */
      double local = (frac - phase_origin) / (1.0 - phase_origin);
      temp = T_START * pow (T_END / T_START, local);
      if (since_best > 50 * (guint64) p->n_occ + 200000 && local > 0.5) {
        phase_origin = frac;
        since_best = 0;
      }
      if (report && opts->progress && now - last_report >= 100000) {
        last_report = now;
        g_mutex_lock (&sh->lock);
        guint h = sh->best_hard;
        guint64 s = sh->best_soft;
        g_mutex_unlock (&sh->lock);
        opts->progress (now / 1000, h, s, opts->progress_data);
      }
    }
    it++;
    since_best++;
    if (!random_move (&c, &m))
      continue;
    gint64 before = cost_of (st);
    apply (st, &m);
    gint64 delta = cost_of (st) - before;
    if (delta > 0 && g_rand_double (c.rand) >= exp (-(double) delta / temp)) {
      undo (st, &m);
      continue;
    }
    if (stats)
      stats->accepted++;
    if (delta > 0 && best_pending) {
      /* leaving a best state: keep a copy of it first */
      undo (st, &m);
      save_best (&best, st);
      best_pending = FALSE;
      apply (st, &m);
    }
    gint64 now_cost = cost_of (st);
    if (now_cost < best.cost) {
      best.cost = now_cost;
      best.hard = (guint) st->hard;
      best.soft = st->soft;
      best_pending = TRUE;
      since_best = 0;
      if (stats)
        stats->improvements++;
      if (best.cost == 0 || (it & 63) == 0)
        publish_best (sh, best.hard, best.soft);
    }
  }
  if (best_pending)
    save_best (&best, st);
  else if (cost_of (st) != best.cost)
    restore_best (&best, st);
  publish_best (sh, best.hard, best.soft);
  if (stats)
    stats->iterations = it;
  g_free (best.start);
  g_free (best.room);
  g_free (c.movable);
  g_free (c.in_chain);
  g_rand_free (c.rand);
}
