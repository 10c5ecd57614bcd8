/* creneau — local search: simulated annealing over moves, swaps, room
 * changes and Kempe chains, with incremental cost.
 *
 * Two phases. While hard violations remain, the walk counts only them, so it
 * crosses plateaus freely; then the soft schedule starts: hard violations are
 * in the cost with a weight far above the temperature (and moves that would
 * surely add one are not even tried), and the temperature falls
 * geometrically over what remains of the budget (iterations when an
 * iteration limit is set, so a seed gives one answer; else time).
 *
 * Measured on ITC2007 (comp01, 04, 05, 07, 12, 14; 8M iterations, seed 1;
 * sum of soft costs): with Kempe chains 1067 and without 1197; restarting
 * the cooling (a reheat) after 50 moves per lecture without improvement
 * 1067, without it 972, so there is no reheat; start temperature 3, 5, 6 or
 * 10 and 10 to 30 % Kempe moves are within the noise (848-904); end
 * temperature 0.02 no better than 0.05. Kempe chains closed over rooms
 * too (occupants of the same room join the chain) made no difference
 * (1722 with them, 1707 without, over seeds 1 and 2), so chains follow people and
 * audiences only. Tabu search was not implemented, so not measured:
 * annealing was chosen because a move costs about a microsecond here and
 * annealing uses every sampled move where tabu scans whole neighbourhoods.
 */
#include "config.h"

#include "search.h"
#include "blocks.h"

#include <math.h>
#include <string.h>

#define HARD_WEIGHT 1000
/* CrnMove mix in percent: room changes, Kempe chains; the rest are moves and
 * swaps. */
#define P_ROOM 20
#define P_KEMPE 20
#define CHECK_EVERY 128
#define MAX_CHAIN 64

typedef struct {
  CrnState *st;
  const CrnProblem *p;
  guint64 rng;            /* the search's own generator (splitmix64) */
  GRand *rand;            /* for the block moves */
  guint *movable;
  guint n_movable;
  guint8 *in_chain;       /* [n_occ] scratch for Kempe chains */
  guint8 *shares;         /* [n_sessions²] bits: the two share a person or an
                           * audience (Kempe chains), or NULL */
  CrnBlocks *blocks;      /* NULL when the event has no blocks */
} Ctx;

/* splitmix64: the search draws a few numbers per move, and GLib's
 * Mersenne Twister behind g_rand_int_range() was a sixth of the
 * instructions. */
static inline guint64
rng_next (Ctx *c)
{
  guint64 z = (c->rng += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* A number in [0, @n), @n > 0 (multiply-shift; the bias is below 2^-32). */
static inline guint
rng_below (Ctx *c, guint n)
{
  return (guint) (((rng_next (c) >> 32) * (guint64) n) >> 32);
}

/* A number in [0, 1). */
static inline double
rng_double (Ctx *c)
{
  return (double) (rng_next (c) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gint64
cost_of (const CrnState *st)
{
  return st->hard * HARD_WEIGHT + st->soft;
}

/* A member of a block that moves as a unit changes time only with its
 * round (blocks.c). */
static inline gboolean
in_unit (const Ctx *c, guint o)
{
  return c->blocks && crn_blocks_is_unit_member (c->blocks, o);
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
move_or_swap (Ctx *c, CrnMove *m, guint o, gint s, gint r)
{
  CrnState *st = c->st;
  const CrnProblem *p = c->p;
  if (s == st->start[o] && r == st->room[o])
    return FALSE;
  m->n = 0;
  crn_move_push (m, st, o, s, r);
  gint o2 = crn_state_room_occupant (st, r, s);
  if (o2 >= 0 && (guint) o2 != o && st->start[o2] == s && !st->pinned[o2]
      && p->sessions[p->occ_session[o2]].len == p->sessions[p->occ_session[o]].len
      && accepts (p, o2, st->start[o], st->room[o])
      && (st->start[o] == s || !in_unit (c, (guint) o2)))
    crn_move_push (m, st, o2, st->start[o], st->room[o]);
  return TRUE;
}

static gboolean
shares_resource (const CrnProblem *p, guint i, guint j)
{
  const CrnProbSession *x = &p->sessions[i];
  const CrnProbSession *y = &p->sessions[j];
  if (x == y)
    return TRUE;
  for (guint a = 0; a < x->n_people; a++)
    for (guint b = 0; b < y->n_people; b++)
      if (x->people[a] == y->people[b])
        return TRUE;
  for (guint a = 0; a < x->n_audiences; a++)
    for (guint b = 0; b < y->n_audiences; b++)
      if (x->audiences[a] == y->audiences[b])
        return TRUE;
  return FALSE;
}

/* Up to this many sessions the relation is kept as a bit matrix (8 MiB at
 * most): Kempe chains ask it for every room at each link. */
#define MAX_SHARES_SESSIONS 8192

static guint8 *
shares_matrix (const CrnProblem *p)
{
  guint n = p->n_sessions;
  gboolean unit = FALSE;
  for (guint i = 0; i < n && !unit; i++)
    unit = p->sessions[i].len == 1;
  if (!unit || n > MAX_SHARES_SESSIONS)
    return NULL;
  guint8 *bits = g_new0 (guint8, ((gsize) n * n + 7) / 8 + 1);
  for (guint i = 0; i < n; i++)
    for (guint j = i; j < n; j++)
      if (shares_resource (p, i, j)) {
        gsize a = (gsize) i * n + j, b = (gsize) j * n + i;
        bits[a >> 3] |= (guint8) (1u << (a & 7));
        bits[b >> 3] |= (guint8) (1u << (b & 7));
      }
  return bits;
}

static inline gboolean
occ_share (const Ctx *c, guint a, guint b)
{
  const CrnProblem *p = c->p;
  guint i = p->occ_session[a], j = p->occ_session[b];
  if (c->shares == NULL)
    return shares_resource (p, i, j);
  gsize k = (gsize) i * p->n_sessions + j;
  return (c->shares[k >> 3] >> (k & 7)) & 1;
}

/* Kempe chain between the steps of @o and a step @t2: the occurrences that
 * share a person or an audience with each other, alternating between the two
 * steps, all change step together and keep their rooms. Only for one-step
 * sessions, whose occupants are found through the rooms. */
static gboolean
kempe (Ctx *c, CrnMove *m, guint o, gint t2)
{
  CrnState *st = c->st;
  const CrnProblem *p = c->p;
  gint t1 = st->start[o];
  if (t1 == t2)
    return FALSE;
  m->n = 0;
  crn_move_push (m, st, o, t2, st->room[o]);
  c->in_chain[o] = 1;
  gboolean ok = TRUE;
  for (guint head = 0; head < m->n && ok; head++) {
    guint x = m->occ[head];
    gint other = m->from_s[head] == t1 ? t2 : t1;
    for (guint r = 0; r < p->n_rooms && ok; r++) {
      gint y = crn_state_room_occupant (st, r, other);
      if (y < 0 || c->in_chain[y] || st->start[y] != other || !occ_share (c, x, y))
        continue;
      gint dest = other == t1 ? t2 : t1;
      if (m->n == MAX_CHAIN || st->pinned[y] || p->sessions[p->occ_session[y]].len != 1
          || in_unit (c, (guint) y)
          || !accepts (p, y, dest, st->room[y])) {
        ok = FALSE;
        break;
      }
      crn_move_push (m, st, y, dest, st->room[y]);
      c->in_chain[y] = 1;
    }
  }
  /* In a timetable without hard violations, a chain with a member landing
   * in a room that is closed or taken by someone outside the chain would
   * never be accepted (as surely_clashes() says of moves and swaps): not
   * worth applying. */
  if (ok && m->n > 1 && st->hard == 0)
    for (guint i = 0; i < m->n && ok; i++) {
      gsize ri = (gsize) m->to_r[i] * p->n_steps + (gsize) m->to_s[i];
      if (p->room_busy[ri] || st->room_occ[ri] > 1
          || (st->room_occ[ri] == 1 && !c->in_chain[st->room_xor[ri]]))
        ok = FALSE;
    }
  for (guint i = 0; i < m->n; i++)
    c->in_chain[m->occ[i]] = 0;
  return ok && m->n > 1;
}

static inline gboolean
has_index (const guint *list, guint n, guint v)
{
  for (guint i = 0; i < n; i++)
    if (list[i] == v)
      return TRUE;
  return FALSE;
}

/* In a timetable without hard violations, tells from the occupancy counts
 * alone that a move or swap would create one (a clash of room, person,
 * audience or exclusivity at a destination), so it need not be tried: with
 * the hard weight far above the temperature it would never be accepted. */
static gboolean
surely_clashes (const Ctx *c, const CrnMove *m)
{
  const CrnState *st = c->st;
  const CrnProblem *p = c->p;
  gsize nt = p->n_steps;
  for (guint i = 0; i < m->n; i++) {
    const CrnProbSession *ps = &p->sessions[p->occ_session[m->occ[i]]];
    /* the other occurrence of a swap leaves this destination */
    const CrnProbSession *py = NULL;
    if (m->n == 2)
      py = &p->sessions[p->occ_session[m->occ[1 - i]]];
    gint s = m->to_s[i], r = m->to_r[i];
    gboolean same_time = s == m->from_s[i];
    for (guint t = s; t < s + ps->len; t++) {
      gsize ri = (gsize) r * nt + t;
      if (st->room_occ[ri] - (py != NULL) > 0 || p->room_busy[ri])
        return TRUE;
      if (same_time)
        continue; /* a room change clashes with nothing else */
      for (guint k = 0; k < ps->n_people; k++) {
        guint v = ps->people[k];
        if (st->person_occ[v * nt + t] - (py && has_index (py->people, py->n_people, v)) > 0)
          return TRUE;
      }
      for (guint k = 0; k < ps->n_audiences; k++) {
        guint v = ps->audiences[k];
        if (st->aud_occ[v * nt + t] - (py && has_index (py->audiences, py->n_audiences, v)) > 0)
          return TRUE;
      }
      guint others = st->total_occ[t] - (py != NULL);
      if ((ps->exclusive && others > 0)
          || st->excl_occ[t] - (py && py->exclusive) > 0)
        return TRUE;
    }
  }
  return FALSE;
}

static gboolean
random_move (Ctx *c, CrnMove *m)
{
  CrnState *st = c->st;
  const CrnProblem *p = c->p;
  guint o = c->movable[rng_below (c, c->n_movable)];
  const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
  guint kind = rng_below (c, 100);
  if (kind < P_ROOM && ps->n_rooms > 1) {
    gint r = (gint) ps->rooms[rng_below (c, ps->n_rooms)];
    return move_or_swap (c, m, o, st->start[o], r);
  }
  if (in_unit (c, o))
    return crn_blocks_random_move (c->blocks, st, o, c->rand, m);
  gint s = (gint) ps->starts[rng_below (c, ps->n_starts)];
  if (kind < P_ROOM + P_KEMPE && ps->len == 1 && ps->room_slot[st->room[o]] >= 0)
    return kempe (c, m, o, s);
  gint r = st->room[o];
  if (ps->room_slot[r] < 0 || (ps->n_rooms > 1 && rng_below (c, 2)))
    r = (gint) ps->rooms[rng_below (c, ps->n_rooms)];
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
#define T_START 5.0
#define T_END 0.05
/* first phase, in hard units: +1 hard is accepted about e^-10 of the time */
#define HARD_TEMP 0.1

void
crn_search (CrnState *st, guint64 seed, CrnSearchShared *sh, gboolean report,
            CrnSearchStats *stats)
{
  const CrnProblem *p = st->p;
  const CrnSolveOptions *opts = sh->opts;
  Ctx c = { .st = st, .p = p, .rng = seed,
            .rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) seed,
                                                                    (guint32) (seed >> 32) }, 2),
            .in_chain = g_new0 (guint8, p->n_occ + 1), .shares = shares_matrix (p) };
  if (p->n_blocks > 0)
    c.blocks = crn_blocks_new (st);
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
  gboolean best_unpublished = FALSE;
  publish_best (sh, best.hard, best.soft);

  gint64 limit_us = opts->time_limit > 0 ? (gint64) (opts->time_limit * G_USEC_PER_SEC) : 0;
  guint64 iter_limit = opts->iteration_limit;
  gint64 last_report = 0;
  double temp = T_START;
  CrnMove m;
  crn_move_init (&m, MAX (MAX_CHAIN, c.blocks ? crn_blocks_max_move (c.blocks) : 0));
  guint64 it = 0;
  double phase_origin = 0; /* fraction of the budget when the soft phase began */

  while (c.n_movable > 0 && (best.hard > 0 || best.soft > 0)) {
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
      double local = (frac - phase_origin) / (1.0 - phase_origin);
      temp = T_START * pow (T_END / T_START, local);
      if (best.hard > 0) {
        /* first phase: a walk on the hard violations alone, free to pass
         * through worse states; the soft schedule starts when it ends */
        temp = HARD_WEIGHT * HARD_TEMP;
        phase_origin = frac;
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
    if (!random_move (&c, &m))
      continue;
    if (st->hard == 0 && m.n <= 2 && surely_clashes (&c, &m))
      continue;
    gint64 before = cost_of (st), hard_before = st->hard, soft_before = st->soft;
    crn_move_apply (st, &m);
    gint64 delta = cost_of (st) - before;
    if (best.hard > 0)
      delta = (st->hard - hard_before) * HARD_WEIGHT; /* plateaus are free */
    if (delta > 0 && rng_double (&c) >= exp (-(double) delta / temp)) {
      crn_move_undo_to (st, &m, hard_before, soft_before);
      continue;
    }
    if (stats)
      stats->accepted++;
    gboolean better = st->hard < best.hard || (st->hard == best.hard && st->soft < best.soft);
    /* Publish the best every 64 iterations (or at once when perfect), so
     * progress reports follow improvements made between two checks. */
    if (best_unpublished && (best.cost == 0 || (it & 63) == 0)) {
      publish_best (sh, best.hard, best.soft);
      best_unpublished = FALSE;
    }
    if (!better && best_pending) {
      /* leaving a best state: keep a copy of it first */
      crn_move_undo (st, &m);
      save_best (&best, st);
      best_pending = FALSE;
      crn_move_apply (st, &m);
    }
    if (better) {
      best.cost = cost_of (st);
      best.hard = (guint) st->hard;
      best.soft = st->soft;
      best_pending = TRUE;
      if (stats)
        stats->improvements++;
      best_unpublished = TRUE;
      /* nothing beats cost 0: the other runs may stop, unless an iteration
       * limit promises the same answer whatever the timing */
      if (best.cost == 0 && iter_limit == 0)
        g_atomic_int_set (&sh->stop, 1);
    }
  }
  if (!best_pending)
    restore_best (&best, st);
  publish_best (sh, best.hard, best.soft);
  if (stats)
    stats->iterations = it;
  g_free (best.start);
  g_free (best.room);
  g_free (c.movable);
  g_free (c.in_chain);
  g_free (c.shares);
  crn_move_clear (&m);
  crn_blocks_free (c.blocks);
  g_rand_free (c.rand);
}
