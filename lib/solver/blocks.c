/* creneau — blocks (H8) as units: construction and search neighbourhoods. */
#include "config.h"

#include "blocks.h"

#include <stdlib.h>

struct _CrnBlocks {
  const CrnProblem *p;
  guint n_units;
  guint *unit_first;      /* [n_units + 1] into unit_occ */
  guint *unit_occ;
  guint *unit_block;
  guint **unit_starts;    /* starts every movable member accepts, ascending */
  guint *unit_n_starts;
  gint *occ_unit;         /* [n_occ]: unit of a member that moves with it, or -1 */
  guint *movable;         /* units with a start in common */
  guint n_movable;
  guint max_unit;

  /* room matching scratch */
  gint *room_owner;       /* [n_rooms]: index of the mover holding the room, or -1 */
  guint *room_seen;       /* [n_rooms]: search stamp */
  guint stamp;
  guint *adj;             /* [max_unit * n_rooms]: free candidate rooms per mover */
  guint *adj_n;           /* [max_unit] */
  guint adj_base;         /* index in the move of the unit's first mover */
};

static guint *
common_starts (const CrnState *st, const guint *occ, guint n, guint *out_n)
{
  const CrnProblem *p = st->p;
  gint fixed = -1;
  for (guint i = 0; i < n; i++) {
    if (!st->pinned[occ[i]])
      continue;
    if (fixed >= 0 && fixed != st->start[occ[i]]) {
      *out_n = 0;
      return NULL;
    }
    fixed = st->start[occ[i]];
  }
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint t = 0; t < p->n_steps; t++) {
    if (fixed >= 0 && (gint) t != fixed)
      continue;
    gboolean ok = TRUE;
    for (guint i = 0; i < n && ok; i++)
      if (!st->pinned[occ[i]])
        ok = p->sessions[p->occ_session[occ[i]]].start_ok[t];
    if (ok)
      g_array_append_val (starts, t);
  }
  *out_n = starts->len;
  return (guint *) g_array_free (starts, FALSE);
}

CrnBlocks *
crn_blocks_new (const CrnState *st)
{
  const CrnProblem *p = st->p;
  CrnBlocks *bl = g_new0 (CrnBlocks, 1);
  bl->p = p;
  bl->occ_unit = g_new (gint, p->n_occ + 1);
  for (guint o = 0; o < p->n_occ; o++)
    bl->occ_unit[o] = -1;
  GArray *first = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *occ = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *block = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint b = 0; b < p->n_blocks; b++) {
    guint count = 0;
    for (guint m = 0; m < p->block_n_members[b]; m++)
      count = MAX (count, p->sessions[p->block_members[b][m]].count);
    for (guint k = 0; k < count; k++) {
      g_array_append_val (first, occ->len);
      g_array_append_val (block, b);
      for (guint m = 0; m < p->block_n_members[b]; m++) {
        const CrnProbSession *ps = &p->sessions[p->block_members[b][m]];
        if (k < ps->count) {
          guint o = ps->first_occ + k;
          g_array_append_val (occ, o);
        }
      }
    }
  }
  bl->n_units = first->len;
  g_array_append_val (first, occ->len);
  bl->unit_first = (guint *) g_array_free (first, FALSE);
  bl->unit_occ = (guint *) g_array_free (occ, FALSE);
  bl->unit_block = (guint *) g_array_free (block, FALSE);
  bl->unit_starts = g_new0 (guint *, bl->n_units + 1);
  bl->unit_n_starts = g_new0 (guint, bl->n_units + 1);
  bl->movable = g_new (guint, bl->n_units + 1);
  for (guint u = 0; u < bl->n_units; u++) {
    const guint *members = bl->unit_occ + bl->unit_first[u];
    guint n = bl->unit_first[u + 1] - bl->unit_first[u];
    bl->max_unit = MAX (bl->max_unit, n);
    guint n_free = 0;
    for (guint i = 0; i < n; i++)
      n_free += !st->pinned[members[i]];
    /* a unit of one is a session like any other: the ordinary moves serve */
    if (n < 2 || n_free == 0)
      continue;
    bl->unit_starts[u] = common_starts (st, members, n, &bl->unit_n_starts[u]);
    if (bl->unit_n_starts[u] == 0)
      continue; /* H8 cannot hold (the pre-solve check says so): members move alone */
    bl->movable[bl->n_movable++] = u;
    for (guint i = 0; i < n; i++)
      bl->occ_unit[members[i]] = (gint) u;
  }
  bl->room_owner = g_new (gint, p->n_rooms + 1);
  bl->room_seen = g_new0 (guint, p->n_rooms + 1);
  bl->adj = g_new (guint, (gsize) MAX (bl->max_unit, 1) * p->n_rooms + 1);
  bl->adj_n = g_new (guint, bl->max_unit + 1);
  return bl;
}

void
crn_blocks_free (CrnBlocks *bl)
{
  if (bl == NULL)
    return;
  for (guint u = 0; u < bl->n_units; u++)
    g_free (bl->unit_starts[u]);
  g_free (bl->unit_starts);
  g_free (bl->unit_n_starts);
  g_free (bl->unit_first);
  g_free (bl->unit_occ);
  g_free (bl->unit_block);
  g_free (bl->occ_unit);
  g_free (bl->movable);
  g_free (bl->room_owner);
  g_free (bl->room_seen);
  g_free (bl->adj);
  g_free (bl->adj_n);
  g_free (bl);
}

guint
crn_blocks_max_move (const CrnBlocks *bl)
{
  return 2 * bl->max_unit;
}

gboolean
crn_blocks_is_unit_member (const CrnBlocks *bl, guint o)
{
  return bl->occ_unit[o] >= 0;
}

static gboolean
has_start (const CrnBlocks *bl, guint u, gint s)
{
  guint lo = 0, hi = bl->unit_n_starts[u];
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    if ((gint) bl->unit_starts[u][mid] < s)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < bl->unit_n_starts[u] && (gint) bl->unit_starts[u][lo] == s;
}

/* Whether @r is free for @len steps from @s once the movers of @m have left
 * their places, given the rooms already chosen for some of them. */
static gboolean
room_free (const CrnState *st, const CrnMove *m, guint r, gint s, guint len)
{
  const CrnProblem *p = st->p;
  gsize nt = p->n_steps;
  for (gint t = s; t < s + (gint) len; t++) {
    gsize ri = (gsize) r * nt + (gsize) t;
    if (p->room_busy[ri])
      return FALSE;
    gint c = st->room_occ[ri];
    for (guint i = 0; i < m->n; i++) {
      gint l = (gint) p->sessions[p->occ_session[m->occ[i]]].len;
      if (c > 0 && m->from_r[i] == (gint) r && m->from_s[i] <= t && t < m->from_s[i] + l)
        c--;
      if (m->to_r[i] == (gint) r && m->to_s[i] <= t && t < m->to_s[i] + l)
        c++;
    }
    if (c > 0)
      return FALSE;
  }
  return TRUE;
}

static gboolean
augment (CrnBlocks *bl, CrnMove *m, guint x)
{
  const guint *adj = bl->adj + (gsize) x * bl->p->n_rooms;
  for (guint i = 0; i < bl->adj_n[x]; i++) {
    guint r = adj[i];
    if (bl->room_seen[r] == bl->stamp)
      continue;
    bl->room_seen[r] = bl->stamp;
    gint owner = bl->room_owner[r];
    if (owner < 0 || augment (bl, m, (guint) owner)) {
      bl->room_owner[r] = (gint) x;
      m->to_r[bl->adj_base + x] = (gint) r;
      return TRUE;
    }
  }
  return FALSE;
}

/* Rooms for the movers m->occ[first .. first + n - 1], which all go to the
 * same start (their to_s): a maximum matching with the free candidate rooms,
 * each mover's current room tried first, then its best fitting. A mover left
 * without a free room keeps its room (or takes its first candidate) and the
 * clash is counted. Returns how many were left without. */
static guint
match_rooms (CrnBlocks *bl, const CrnState *st, CrnMove *m, guint first, guint n)
{
  const CrnProblem *p = bl->p;
  bl->adj_base = first;
  for (guint x = 0; x < n; x++) {
    guint i = first + x;
    const CrnProbSession *ps = &p->sessions[p->occ_session[m->occ[i]]];
    guint *adj = bl->adj + (gsize) x * p->n_rooms;
    guint na = 0;
    gint cur = m->from_r[i];
    if (cur >= 0 && ps->room_slot[cur] >= 0 && room_free (st, m, (guint) cur, m->to_s[i], ps->len))
      adj[na++] = (guint) cur;
    for (guint k = 0; k < ps->n_rooms; k++) {
      guint r = ps->rooms[k];
      if ((gint) r != cur && room_free (st, m, r, m->to_s[i], ps->len))
        adj[na++] = r;
    }
    bl->adj_n[x] = na;
    for (guint k = 0; k < na; k++)
      bl->room_owner[adj[k]] = -1;
  }
  guint unmatched = 0;
  for (guint x = 0; x < n; x++) {
    if (++bl->stamp == 0) {
      for (guint r = 0; r < p->n_rooms; r++)
        bl->room_seen[r] = 0;
      bl->stamp = 1;
    }
    if (!augment (bl, m, x))
      unmatched++;
  }
  for (guint x = 0; x < n; x++) {
    guint i = first + x;
    if (m->to_r[i] >= 0)
      continue;
    const CrnProbSession *ps = &p->sessions[p->occ_session[m->occ[i]]];
    gint cur = m->from_r[i];
    m->to_r[i] = cur >= 0 && ps->room_slot[cur] >= 0 ? cur : (gint) ps->rooms[0];
  }
  return unmatched;
}

/* Pushes the members of @u that move (all but the pinned) towards @s, rooms
 * to be matched; returns how many. */
static guint
push_unit (const CrnBlocks *bl, const CrnState *st, guint u, gint s, CrnMove *m)
{
  guint n = 0;
  for (guint i = bl->unit_first[u]; i < bl->unit_first[u + 1]; i++) {
    guint o = bl->unit_occ[i];
    if (st->pinned[o])
      continue;
    crn_move_push (m, st, o, s, -1);
    n++;
  }
  return n;
}

/* The start all members of @u share, or -1 when they are apart. */
static gint
unit_start (const CrnBlocks *bl, const CrnState *st, guint u)
{
  gint s = st->start[bl->unit_occ[bl->unit_first[u]]];
  for (guint i = bl->unit_first[u] + 1; i < bl->unit_first[u + 1]; i++)
    if (st->start[bl->unit_occ[i]] != s)
      return -1;
  return s;
}

/* The start of a random member of @u. */
static gint
member_start (const CrnBlocks *bl, const CrnState *st, guint u, GRand *rand)
{
  guint n = bl->unit_first[u + 1] - bl->unit_first[u];
  return st->start[bl->unit_occ[bl->unit_first[u] + (guint) g_rand_int_range (rand, 0, (gint32) n)]];
}

gboolean
crn_blocks_random_move (CrnBlocks *bl, const CrnState *st, guint o, GRand *rand, CrnMove *m)
{
  gint u = bl->occ_unit[o];
  if (u < 0)
    return FALSE;
  m->n = 0;
  gint sa = unit_start (bl, st, (guint) u);
  if (bl->n_movable > 1 && g_rand_boolean (rand)) {
    /* trade starts with another unit; members apart go where one of them
     * is, so two rounds split across each other's starts come together */
    guint v = bl->movable[g_rand_int_range (rand, 0, (gint32) bl->n_movable)];
    if (v == (guint) u)
      return FALSE;
    gint from_a = sa >= 0 ? sa : member_start (bl, st, (guint) u, rand);
    gint from_b = member_start (bl, st, v, rand);
    if (from_a == from_b || !has_start (bl, (guint) u, from_b) || !has_start (bl, v, from_a))
      return FALSE;
    guint na = push_unit (bl, st, (guint) u, from_b, m);
    guint nb = push_unit (bl, st, v, from_a, m);
    match_rooms (bl, st, m, 0, na);
    match_rooms (bl, st, m, na, nb);
    return TRUE;
  }
  gint s;
  if (sa < 0 && g_rand_boolean (rand)) {
    /* members apart: bring them all to where one of them is */
    s = member_start (bl, st, (guint) u, rand);
    if (!has_start (bl, (guint) u, s))
      return FALSE;
  } else {
    s = (gint) bl->unit_starts[u][g_rand_int_range (rand, 0, (gint32) bl->unit_n_starts[u])];
    if (s == sa)
      return FALSE;
  }
  guint n = push_unit (bl, st, (guint) u, s, m);
  match_rooms (bl, st, m, 0, n);
  return TRUE;
}

/* Clashes of @o at start @s with people, audiences and exclusivity. */
static guint64
time_clashes (const CrnState *st, guint o, guint s)
{
  const CrnProblem *p = st->p;
  const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
  gsize nt = p->n_steps;
  guint64 c = 0;
  for (guint t = s; t < s + ps->len; t++) {
    for (guint k = 0; k < ps->n_people; k++)
      c += st->person_occ[ps->people[k] * nt + t];
    for (guint k = 0; k < ps->n_audiences; k++)
      c += st->aud_occ[ps->audiences[k] * nt + t];
    c += ps->exclusive ? st->total_occ[t] : st->excl_occ[t];
  }
  return c;
}

/* Places the unplaced members of unit @u at the start with the fewest
 * clashes, then the fewest members without a free room, then the least
 * capacity overflow and preference cost; ties broken by the seed. */
static void
construct_unit (CrnBlocks *bl, CrnState *st, guint u, GRand *rand)
{
  const CrnProblem *p = bl->p;
  guint n = bl->unit_first[u + 1] - bl->unit_first[u];
  const guint *members = bl->unit_occ + bl->unit_first[u];
  /* a member already placed (pinned, or kept from the previous timetable)
   * sets the start */
  gint placed = -1;
  for (guint i = 0; i < n && placed < 0; i++)
    placed = st->start[members[i]];
  CrnMove m;
  crn_move_init (&m, MAX (n, 1));
  guint64 best = G_MAXUINT64;
  gint best_s = -1;
  for (guint a = 0; a < bl->unit_n_starts[u]; a++) {
    gint s = (gint) bl->unit_starts[u][a];
    if (placed >= 0 && s != placed)
      continue;
    guint64 c = 0;
    for (guint i = 0; i < n; i++)
      if (st->start[members[i]] < 0)
        c += time_clashes (st, members[i], (guint) s);
    c *= 1000000;
    if (c * 16 > best)
      continue;
    m.n = 0;
    for (guint i = 0; i < n; i++)
      if (st->start[members[i]] < 0)
        crn_move_push (&m, st, members[i], s, -1);
    c += (guint64) match_rooms (bl, st, &m, 0, m.n) * 1000000;
    for (guint i = 0; i < m.n; i++) {
      const CrnProbSession *ps = &p->sessions[p->occ_session[m.occ[i]]];
      c += (guint64) ps->room_cost[ps->room_slot[m.to_r[i]]] * 1000;
      if (ps->pref_cost)
        c += (guint64) ps->pref_cost[s] * 1000;
    }
    c = c * 16 + (guint) g_rand_int_range (rand, 0, 16);
    if (c < best) {
      best = c;
      best_s = s;
    }
  }
  if (best_s >= 0) {
    m.n = 0;
    for (guint i = 0; i < n; i++)
      if (st->start[members[i]] < 0)
        crn_move_push (&m, st, members[i], best_s, -1);
    match_rooms (bl, st, &m, 0, m.n);
    for (guint i = 0; i < m.n; i++)
      crn_state_add (st, m.occ[i], m.to_s[i], m.to_r[i]);
  }
  crn_move_clear (&m);
}

void
crn_blocks_construct (CrnBlocks *bl, CrnState *st, guint block, GRand *rand)
{
  for (guint a = 0; a < bl->n_movable; a++)
    if (bl->unit_block[bl->movable[a]] == block)
      construct_unit (bl, st, bl->movable[a], rand);
}
