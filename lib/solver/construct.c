/* creneau — the first timetable: most constrained sessions first.
 *
 * Sessions with the fewest (start, room) candidates per occurrence go first;
 * the members of a block are kept together in the order, and each round of
 * a block goes in whole (blocks.c); a member whose round cannot (no start
 * in common) is drawn to the start its block already has. Each
 * occurrence takes the candidate with the fewest clashes, then the least
 * capacity overflow, then the tightest room, ties broken by the seed.
 */
#include "config.h"

#include "search.h"
#include "blocks.h"

typedef struct {
  guint session;
  double key;
  gint block;
} Order;

static int
cmp_order (gconstpointer a, gconstpointer b)
{
  const Order *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->block != y->block)
    return x->block < y->block ? -1 : 1;
  return x->session < y->session ? -1 : (x->session > y->session ? 1 : 0);
}

static void
place_occurrence (CrnState *st, guint o, GRand *rand)
{
  const CrnProblem *p = st->p;
  guint i = p->occ_session[o];
  const CrnProbSession *ps = &p->sessions[i];
  gint block_start = -1;
  if (ps->block >= 0) {
    guint k = p->occ_k[o];
    for (guint m = 0; m < p->block_n_members[ps->block] && block_start < 0; m++) {
      const CrnProbSession *pj = &p->sessions[p->block_members[ps->block][m]];
      if (pj != ps && k < pj->count)
        block_start = st->start[pj->first_occ + k];
    }
  }
  const CrnSession *s = g_ptr_array_index (p->event->sessions, i);
  gsize nt = p->n_steps;
  guint64 best = G_MAXUINT64;
  gint best_s = -1, best_r = -1;
  for (guint a = 0; a < ps->n_starts; a++) {
    guint t0 = ps->starts[a];
    /* the part of the clash count that does not depend on the room */
    guint64 time_cost = 0;
    for (guint t = t0; t < t0 + ps->len; t++) {
      for (guint k = 0; k < ps->n_people; k++)
        time_cost += st->person_occ[ps->people[k] * nt + t];
      for (guint k = 0; k < ps->n_audiences; k++)
        time_cost += st->aud_occ[ps->audiences[k] * nt + t];
      time_cost += ps->exclusive ? st->total_occ[t] : st->excl_occ[t];
    }
    time_cost *= 1000000;
    if (block_start >= 0 && (gint) t0 != block_start)
      time_cost += 500000;
    if (ps->pref_cost)
      time_cost += (guint64) ps->pref_cost[t0] * 1000;
    if (time_cost * 16 > best)
      continue;
    /* rooms come best fitting first: the first free one is the one to take */
    for (guint b = 0; b < ps->n_rooms; b++) {
      guint r = ps->rooms[b];
      guint clash = 0;
      for (guint t = t0; t < t0 + ps->len; t++)
        clash += st->room_occ[r * nt + t] + p->room_busy[r * nt + t];
      if (clash > 0 && b + 1 < ps->n_rooms)
        continue;
      const CrnRoom *room = g_ptr_array_index (p->event->rooms, r);
      guint slack = room->capacity > s->attendance ? room->capacity - s->attendance : 0;
      guint64 c = time_cost + (guint64) clash * 1000000 + (guint64) ps->room_cost[b] * 1000
                  + MIN (slack, 999u);
      c = c * 16 + (guint) g_rand_int_range (rand, 0, 16);
      if (c < best) {
        best = c;
        best_s = (gint) t0;
        best_r = (gint) r;
      }
      break;
    }
  }
  if (best_s >= 0)
    crn_state_add (st, o, best_s, best_r);
}

void
crn_construct (CrnState *st, GRand *rand, GCancellable *cancellable,
               void (*tick) (gpointer data), gpointer tick_data)
{
  const CrnProblem *p = st->p;
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (Order));
  double *block_key = g_new (double, p->n_blocks + 1);
  for (guint b = 0; b < p->n_blocks; b++)
    block_key[b] = G_MAXDOUBLE;
  for (guint i = 0; i < p->n_sessions; i++) {
    const CrnProbSession *ps = &p->sessions[i];
    double degree = 1.0 + ps->n_people + ps->n_audiences;
    Order e = { i, (double) ps->n_starts * ps->n_rooms / ps->count / degree, ps->block };
    g_array_append_val (order, e);
    if (ps->block >= 0)
      block_key[ps->block] = MIN (block_key[ps->block], e.key);
  }
  for (guint n = 0; n < order->len; n++) {
    Order *e = &g_array_index (order, Order, n);
    if (e->block >= 0)
      e->key = block_key[e->block];
  }
  g_free (block_key);
  g_array_sort (order, cmp_order);
  CrnBlocks *blocks = p->n_blocks > 0 ? crn_blocks_new (st) : NULL;
  guint8 *block_done = g_new0 (guint8, p->n_blocks + 1);
  for (guint n = 0; n < order->len; n++) {
    if ((n & 31) == 0) {
      if (cancellable && g_cancellable_is_cancelled (cancellable))
        break;
      if (tick)
        tick (tick_data);
    }
    const CrnProbSession *ps = &p->sessions[g_array_index (order, Order, n).session];
    if (ps->block >= 0 && !block_done[ps->block]) {
      /* a block's rounds go in whole, at starts all their members accept */
      block_done[ps->block] = 1;
      crn_blocks_construct (blocks, st, (guint) ps->block, rand);
    }
    for (guint o = ps->first_occ; o < ps->first_occ + ps->count; o++)
      if (st->start[o] < 0)
        place_occurrence (st, o, rand);
  }
  g_free (block_done);
  crn_blocks_free (blocks);
}

/* Anything still unplaced (construction cancelled) goes to its first
 * candidate so the timetable is complete. */
void
crn_construct_complete (CrnState *st)
{
  const CrnProblem *p = st->p;
  for (guint o = 0; o < p->n_occ; o++) {
    const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
    if (st->start[o] < 0 && ps->n_starts > 0 && ps->n_rooms > 0)
      crn_state_add (st, o, ps->starts[0], ps->rooms[0]);
  }
}
