/* creneau — repair: a tabu walk on the hard violations alone.
 *
 * When the rooms are nearly full (nine tenths of their open time booked,
 * as at a large conference), the annealing's random moves almost never
 * drop a session into a free gap of its length at a time its people are
 * free: the last few room clashes stay. This walk looks at the sessions in
 * a hard violation only. It takes one of them out, puts it where it clashes
 * least over all its candidate starts and rooms (a free gap when there is
 * one; otherwise the place that overlaps the fewest grid steps of others),
 * and forbids it to go back there for a while. A session it now overlaps
 * is in a violation in turn and moves later: an ejection chain, in which a
 * clash travels through the timetable until it reaches slack.
 *
 * The walk counts grid steps of overlap, the unit of the search state, so
 * half a session of overlap is worse than one step and a small shift can
 * repair it. Members of blocks (H8) stay put here: they move together in
 * the annealing. Soft costs are not looked at; the annealing's soft phase
 * follows.
 */
#include "config.h"

#include "repair.h"

#include <string.h>

#define TABU_SLOTS 4
/* how often the list of sessions in a violation is rebuilt from scratch,
 * in moves; in between it grows by the sessions a move lands on */
#define REBUILD_EVERY 512
#define CHECK_EVERY 32

typedef struct {
  gint start, room;
  guint64 until;
} Tabu;

typedef struct {
  CrnState *st;
  const CrnProblem *p;
  GRand *rand;
  guint8 *movable;      /* [n_occ] */
  guint *conf;          /* occurrences that may be in a hard violation */
  guint n_conf;
  guint8 *in_conf;      /* [n_occ] */
  gboolean stale;       /* a move made a violation the list may miss */
  guint **person_occs;  /* [n_people] occurrence lists */
  guint *person_n;
  Tabu *tabu;           /* [n_occ * TABU_SLOTS] */
  guint64 moves;
} Repair;

static inline const CrnProbSession *
session_of (const CrnProblem *p, guint o)
{
  return &p->sessions[p->occ_session[o]];
}

static inline gboolean
has_pair_rules (const CrnProblem *p, const CrnProbSession *ps)
{
  return ps->n_after > 0 || ps->n_before > 0 || ps->block >= 0
         || (p->has_travel && ps->n_people > 0);
}

/* Clashes of a placed occurrence with everything else, in grid steps. */
static guint
clashes_of (const Repair *rp, guint o)
{
  const CrnState *st = rp->st;
  const CrnProblem *p = rp->p;
  const CrnProbSession *ps = session_of (p, o);
  gsize nt = p->n_steps;
  gint s = st->start[o], r = st->room[o];
  if (s < 0)
    return 0;
  guint c = 0;
  for (guint t = (guint) s; t < (guint) s + ps->len; t++) {
    gsize ri = (gsize) r * nt + t;
    c += st->room_occ[ri] - 1u + p->room_busy[ri];
    for (guint k = 0; k < ps->n_people; k++)
      c += st->person_occ[ps->people[k] * nt + t] - 1u;
    for (guint k = 0; k < ps->n_audiences; k++)
      c += st->aud_occ[ps->audiences[k] * nt + t] - 1u;
    c += ps->exclusive ? st->total_occ[t] - 1u : st->excl_occ[t];
  }
  if (has_pair_rules (p, ps))
    c += (guint) crn_state_pair_clashes (st, o, s, r);
  return c;
}

static void
conf_add (Repair *rp, guint o)
{
  if (!rp->movable[o] || rp->in_conf[o])
    return;
  rp->in_conf[o] = 1;
  rp->conf[rp->n_conf++] = o;
}

static void
conf_rebuild (Repair *rp)
{
  for (guint i = 0; i < rp->n_conf; i++)
    rp->in_conf[rp->conf[i]] = 0;
  rp->n_conf = 0;
  for (guint o = 0; o < rp->p->n_occ; o++)
    if (rp->movable[o] && clashes_of (rp, o) > 0)
      conf_add (rp, o);
  rp->stale = FALSE;
}

/* A random occurrence still in a violation, or -1 when there is none. */
static gint
conf_pick (Repair *rp)
{
  for (;;) {
    if (rp->n_conf == 0) {
      if (!rp->stale && rp->st->hard == 0)
        return -1;
      conf_rebuild (rp);
      if (rp->n_conf == 0)
        return -1;
    }
    guint i = (guint) g_rand_int_range (rp->rand, 0, (gint32) rp->n_conf);
    guint o = rp->conf[i];
    if (clashes_of (rp, o) > 0)
      return (gint) o;
    rp->in_conf[o] = 0;
    rp->conf[i] = rp->conf[--rp->n_conf];
  }
}

static gboolean
is_tabu (const Repair *rp, guint o, gint s, gint r)
{
  const Tabu *t = &rp->tabu[(gsize) o * TABU_SLOTS];
  for (guint k = 0; k < TABU_SLOTS; k++)
    if (t[k].until > rp->moves && t[k].start == s && t[k].room == r)
      return TRUE;
  return FALSE;
}

static void
make_tabu (Repair *rp, guint o, gint s, gint r, guint64 tenure)
{
  Tabu *t = &rp->tabu[(gsize) o * TABU_SLOTS];
  guint oldest = 0;
  for (guint k = 1; k < TABU_SLOTS; k++)
    if (t[k].until < t[oldest].until)
      oldest = k;
  t[oldest] = (Tabu) { s, r, rp->moves + tenure };
}

/* Clashes of the unplaced @o at start @t0, apart from its room. */
static guint
time_clashes (const Repair *rp, const CrnProbSession *ps, guint t0)
{
  const CrnState *st = rp->st;
  gsize nt = rp->p->n_steps;
  guint c = 0;
  for (guint t = t0; t < t0 + ps->len; t++) {
    for (guint k = 0; k < ps->n_people; k++)
      c += st->person_occ[ps->people[k] * nt + t];
    for (guint k = 0; k < ps->n_audiences; k++)
      c += st->aud_occ[ps->audiences[k] * nt + t];
    c += ps->exclusive ? st->total_occ[t] : st->excl_occ[t];
  }
  return c;
}

/* The place where the unplaced @o clashes least, not tabu unless it beats
 * @best_hard (aspiration), and not (@s0, @r0). Ties are broken at random. */
static gboolean
best_place (Repair *rp, guint o, gint s0, gint r0, gint64 best_hard, gint *out_s, gint *out_r,
            guint *out_clashes)
{
  const CrnState *st = rp->st;
  const CrnProblem *p = rp->p;
  const CrnProbSession *ps = session_of (p, o);
  gsize nt = p->n_steps;
  gboolean pair = has_pair_rules (p, ps);
  guint best = G_MAXUINT, ties = 0;
  guint ns = ps->n_starts, nr = ps->n_rooms;
  guint a0 = (guint) g_rand_int_range (rp->rand, 0, (gint32) ns);
  for (guint a = 0; a < ns && best > 0; a++) {
    guint t0 = ps->starts[(a0 + a) % ns];
    guint tc = time_clashes (rp, ps, t0);
    if (pair && !p->has_travel)
      tc += (guint) crn_state_pair_clashes (st, o, (gint) t0, (gint) ps->rooms[0]);
    if (tc > best)
      continue;
    guint b0 = (guint) g_rand_int_range (rp->rand, 0, (gint32) nr);
    for (guint b = 0; b < nr; b++) {
      gint r = (gint) ps->rooms[(b0 + b) % nr];
      if ((gint) t0 == s0 && r == r0)
        continue;
      guint c = tc;
      if (pair && p->has_travel)
        c += (guint) crn_state_pair_clashes (st, o, (gint) t0, r);
      for (guint t = t0; t < t0 + ps->len && c <= best; t++) {
        gsize ri = (gsize) r * nt + t;
        c += st->room_occ[ri] + p->room_busy[ri];
      }
      if (c > best)
        continue;
      if (is_tabu (rp, o, (gint) t0, r) && st->hard + (gint64) c >= best_hard)
        continue;
      if (c < best) {
        best = c;
        ties = 0;
      }
      if (g_rand_int_range (rp->rand, 0, (gint32) ++ties) == 0) {
        *out_s = (gint) t0;
        *out_r = r;
      }
    }
  }
  *out_clashes = best;
  return best != G_MAXUINT;
}

static inline gboolean
overlaps (gint a, guint la, gint b, guint lb)
{
  return a < b + (gint) lb && b < a + (gint) la;
}

/* The occurrences @o now clashes with join the list. */
static void
note_victims (Repair *rp, guint o)
{
  const CrnState *st = rp->st;
  const CrnProblem *p = rp->p;
  const CrnProbSession *ps = session_of (p, o);
  gsize nt = p->n_steps;
  gint s = st->start[o], r = st->room[o];
  for (guint t = (guint) s; t < (guint) s + ps->len; t++) {
    gsize ri = (gsize) r * nt + t;
    if (st->room_occ[ri] == 2)
      conf_add (rp, st->room_xor[ri] ^ o);
    else if (st->room_occ[ri] > 2)
      rp->stale = TRUE;
    if (st->excl_occ[t] > 0 && st->total_occ[t] > 1)
      rp->stale = TRUE;
  }
  for (guint k = 0; k < ps->n_people; k++) {
    guint v = ps->people[k];
    for (guint m = 0; m < rp->person_n[v]; m++) {
      guint q = rp->person_occs[v][m];
      if (q != o && st->start[q] >= 0
          && overlaps (s, ps->len, st->start[q], session_of (p, q)->len))
        conf_add (rp, q);
    }
  }
  for (guint k = 0; k < ps->n_audiences; k++) {
    guint v = ps->audiences[k];
    for (guint m = 0; m < p->audience_n_members[v]; m++) {
      guint q = p->audience_members[v][m];
      if (q != o && st->start[q] >= 0
          && overlaps (s, ps->len, st->start[q], session_of (p, q)->len))
        conf_add (rp, q);
    }
  }
  if (has_pair_rules (p, ps))
    rp->stale = TRUE;
}

static void
publish (CrnSearchShared *sh, guint hard, gint64 soft)
{
  g_mutex_lock (&sh->lock);
  if (hard < sh->best_hard || (hard == sh->best_hard && (guint64) soft < sh->best_soft)) {
    sh->best_hard = hard;
    sh->best_soft = (guint64) MAX (soft, 0);
  }
  g_mutex_unlock (&sh->lock);
}

static void
repair_init (Repair *rp, CrnState *st, guint64 seed)
{
  const CrnProblem *p = st->p;
  rp->st = st;
  rp->p = p;
  rp->rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) seed,
                                                            (guint32) (seed >> 32), 0x7e9a },
                                         3);
  rp->movable = g_new0 (guint8, p->n_occ + 1);
  rp->conf = g_new (guint, p->n_occ + 1);
  rp->in_conf = g_new0 (guint8, p->n_occ + 1);
  rp->tabu = g_new0 (Tabu, (gsize) p->n_occ * TABU_SLOTS + 1);
  rp->person_n = g_new0 (guint, p->n_people + 1);
  rp->person_occs = g_new0 (guint *, p->n_people + 1);
  for (guint o = 0; o < p->n_occ; o++) {
    const CrnProbSession *ps = session_of (p, o);
    rp->movable[o] = !st->pinned[o] && st->start[o] >= 0 && ps->block < 0
                     && (ps->n_starts > 1 || ps->n_rooms > 1);
    for (guint k = 0; k < ps->n_people; k++)
      rp->person_n[ps->people[k]]++;
  }
  for (guint v = 0; v < p->n_people; v++) {
    rp->person_occs[v] = g_new (guint, rp->person_n[v] + 1);
    rp->person_n[v] = 0;
  }
  for (guint o = 0; o < p->n_occ; o++) {
    const CrnProbSession *ps = session_of (p, o);
    for (guint k = 0; k < ps->n_people; k++) {
      guint v = ps->people[k];
      rp->person_occs[v][rp->person_n[v]++] = o;
    }
  }
}

static void
repair_clear (Repair *rp)
{
  for (guint v = 0; v < rp->p->n_people; v++)
    g_free (rp->person_occs[v]);
  g_free (rp->person_occs);
  g_free (rp->person_n);
  g_free (rp->tabu);
  g_free (rp->in_conf);
  g_free (rp->conf);
  g_free (rp->movable);
  g_rand_free (rp->rand);
}

void
crn_repair (CrnState *st, guint64 seed, CrnSearchShared *sh, gboolean report,
            guint64 move_limit, gint64 deadline_us, CrnRepairStats *stats)
{
  const CrnProblem *p = st->p;
  const CrnSolveOptions *opts = sh->opts;
  if (stats)
    stats->hard_before = (guint) st->hard;
  if (st->hard == 0) {
    if (stats)
      stats->hard_after = 0;
    return;
  }
  Repair rp = { 0 };
  repair_init (&rp, st, seed);
  gint *best_start = g_new (gint, p->n_occ + 1);
  gint *best_room = g_new (gint, p->n_occ + 1);
  memcpy (best_start, st->start, sizeof (gint) * p->n_occ);
  memcpy (best_room, st->room, sizeof (gint) * p->n_occ);
  gint64 best_hard = st->hard, best_soft = st->soft;
  guint64 last_better = 0, rebuilds = 0;
  /* a walk that has not improved in this many moves is stuck in a region
   * the annealing may leave more easily */
  guint64 stall = MAX (20000, 40 * (guint64) p->n_occ);
  gint64 last_report = 0;
  conf_rebuild (&rp);
  publish (sh, (guint) best_hard, best_soft);

  while (st->hard > 0) {
    if ((rp.moves % CHECK_EVERY) == 0) {
      gint64 now = g_get_monotonic_time ();
      if (g_atomic_int_get (&sh->stop)
          || (opts->cancellable && g_cancellable_is_cancelled (opts->cancellable))
          || (deadline_us > 0 && now >= deadline_us))
        break;
      if (report && opts->progress && now - sh->start_us - last_report >= 100000) {
        last_report = now - sh->start_us;
        g_mutex_lock (&sh->lock);
        guint h = sh->best_hard;
        guint64 s = sh->best_soft;
        g_mutex_unlock (&sh->lock);
        opts->progress (last_report / 1000, h, s, opts->progress_data);
      }
    }
    if ((move_limit > 0 && rp.moves >= move_limit) || rp.moves - last_better >= stall)
      break;
    if (rp.stale || (rp.moves % REBUILD_EVERY) == 0) {
      conf_rebuild (&rp);
      rebuilds++;
    }
    gint pick = conf_pick (&rp);
    if (pick < 0)
      break; /* only pinned or block occurrences are left in violation */
    guint o = (guint) pick;
    gint s0 = st->start[o], r0 = st->room[o];
    rp.moves++;
    crn_state_remove (st, o);
    gint s = s0, r = r0;
    guint c = 0;
    if (!best_place (&rp, o, s0, r0, best_hard, &s, &r, &c)) {
      s = s0;
      r = r0;
    }
    crn_state_add (st, o, s, r);
    if (s != s0 || r != r0) {
      guint64 tenure = 10 + (guint64) g_rand_int_range (rp.rand, 0, 10) + rp.n_conf * 6 / 10;
      make_tabu (&rp, o, s0, r0, tenure);
      note_victims (&rp, o);
    }
    if (st->hard < best_hard) {
      best_hard = st->hard;
      best_soft = st->soft;
      last_better = rp.moves;
      memcpy (best_start, st->start, sizeof (gint) * p->n_occ);
      memcpy (best_room, st->room, sizeof (gint) * p->n_occ);
      publish (sh, (guint) best_hard, best_soft);
    }
  }
  if (rp.moves > last_better) {
    /* back to the best state seen, which may be the one it started from */
    for (guint o = 0; o < p->n_occ; o++)
      crn_state_remove (st, o);
    for (guint o = 0; o < p->n_occ; o++)
      if (best_start[o] >= 0)
        crn_state_add (st, o, best_start[o], best_room[o]);
  }
  publish (sh, (guint) st->hard, st->soft);
  if (stats) {
    stats->moves = rp.moves;
    stats->rebuilds = rebuilds;
    stats->hard_after = (guint) st->hard;
  }
  g_free (best_start);
  g_free (best_room);
  repair_clear (&rp);
}
