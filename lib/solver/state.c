/* creneau — incremental cost of a timetable under search. */
#include "config.h"

#include "state.h"

#include <string.h>

#define T(st) ((gsize) (st)->p->n_steps)

static CrnSession *
find_session (const CrnEvent *ev, const CrnSession *s)
{
  if (s == NULL)
    return NULL;
  if (s->index < ev->sessions->len && g_ptr_array_index (ev->sessions, s->index) == s)
    return (CrnSession *) s;
  return crn_event_lookup_session (ev, s->id);
}

static gint
find_room (const CrnEvent *ev, const CrnRoom *r)
{
  if (r == NULL)
    return -1;
  if (r->index < ev->rooms->len && g_ptr_array_index (ev->rooms, r->index) == r)
    return (gint) r->index;
  CrnRoom *found = crn_event_lookup_room (ev, r->id);
  return found ? (gint) found->index : -1;
}

CrnState *
crn_state_new (const CrnProblem *p, const CrnSolveOptions *opts)
{
  const CrnEvent *ev = p->event;
  CrnState *st = g_new0 (CrnState, 1);
  gsize t = p->n_steps;
  st->p = p;
  st->start = g_new (gint, p->n_occ + 1);
  st->room = g_new (gint, p->n_occ + 1);
  st->pinned = g_new0 (guint8, p->n_occ + 1);
  st->prev_time = g_new0 (CrnTime, p->n_occ + 1);
  st->prev_room = g_new (gint, p->n_occ + 1);
  for (guint o = 0; o < p->n_occ; o++) {
    st->start[o] = -1;
    st->room[o] = -1;
    st->prev_room[o] = -1;
  }
  st->n_unplaced = p->n_occ;
  st->room_occ = g_new0 (guint16, p->n_rooms * t + 1);
  st->room_xor = g_new0 (guint32, p->n_rooms * t + 1);
  st->person_occ = g_new0 (guint16, p->n_people * t + 1);
  st->aud_occ = g_new0 (guint16, p->n_audiences * t + 1);
  st->total_occ = g_new0 (guint16, t + 1);
  st->excl_occ = g_new0 (guint16, t + 1);
  st->sess_day = g_new0 (guint16, (gsize) p->n_sessions * p->n_days + 1);
  st->sess_ndays = g_new0 (guint, p->n_sessions + 1);
  st->sess_room = g_new0 (guint16, (gsize) p->n_sessions * p->n_rooms + 1);
  st->sess_nrooms = g_new0 (guint, p->n_sessions + 1);
  st->track_room = g_new0 (guint16, (gsize) p->n_tracks * p->n_rooms + 1);
  st->track_nrooms = g_new0 (guint, p->n_tracks + 1);
  st->person_day = g_new0 (guint16, (gsize) p->n_people * p->n_days + 1);
  st->person_max = g_new0 (guint, p->n_people + 1);
  for (guint i = 0; i < p->n_people; i++)
    st->person_max[i] = ((CrnPerson *) g_ptr_array_index (ev->people, i))->max_per_day;

  /* S2: every session with MinDays starts with all its days missing. */
  for (guint i = 0; i < p->n_sessions; i++)
    st->soft += (gint64) p->w[CRN_S2_SPREAD_DAYS] * p->sessions[i].min_days;

  st->s6_weight = (guint) p->w[CRN_S6_STABILITY];
  if (opts && opts->previous) {
    st->s6_by_people = opts->minimal_change;
    const CrnTimetable *prev = opts->previous;
    for (guint i = 0; i < prev->assignments->len; i++) {
      const CrnAssignment *a = &g_array_index (prev->assignments, CrnAssignment, i);
      CrnSession *s = find_session (ev, a->session);
      if (s == NULL || !a->assigned || a->occurrence < 1 || a->occurrence > s->count)
        continue;
      guint o = p->sessions[s->index].first_occ + a->occurrence - 1;
      st->prev_room[o] = find_room (ev, a->room);
      st->prev_time[o] = a->start;
    }
    if (opts->minimal_change && st->s6_weight == 0)
      st->s6_weight = 1;
  }
  return st;
}

void
crn_state_free (CrnState *st)
{
  if (st == NULL)
    return;
  g_free (st->start);
  g_free (st->room);
  g_free (st->pinned);
  g_free (st->prev_time);
  g_free (st->prev_room);
  g_free (st->room_occ);
  g_free (st->room_xor);
  g_free (st->person_occ);
  g_free (st->aud_occ);
  g_free (st->total_occ);
  g_free (st->excl_occ);
  g_free (st->sess_day);
  g_free (st->sess_ndays);
  g_free (st->sess_room);
  g_free (st->sess_nrooms);
  g_free (st->track_room);
  g_free (st->track_nrooms);
  g_free (st->person_day);
  g_free (st->person_max);
  g_free (st);
}

void
crn_state_copy_from (CrnState *dst, const CrnState *src)
{
  const CrnProblem *p = src->p;
  gsize t = p->n_steps;
#define CP(f, n) memcpy (dst->f, src->f, sizeof (*src->f) * (n))
  CP (start, p->n_occ);
  CP (room, p->n_occ);
  CP (pinned, p->n_occ);
  CP (prev_time, p->n_occ);
  CP (prev_room, p->n_occ);
  CP (room_occ, p->n_rooms * t);
  CP (room_xor, p->n_rooms * t);
  CP (person_occ, p->n_people * t);
  CP (aud_occ, p->n_audiences * t);
  CP (total_occ, t);
  CP (excl_occ, t);
  CP (sess_day, (gsize) p->n_sessions * p->n_days);
  CP (sess_ndays, p->n_sessions);
  CP (sess_room, (gsize) p->n_sessions * p->n_rooms);
  CP (sess_nrooms, p->n_sessions);
  CP (track_room, (gsize) p->n_tracks * p->n_rooms);
  CP (track_nrooms, p->n_tracks);
  CP (person_day, (gsize) p->n_people * p->n_days);
#undef CP
  dst->s6_weight = src->s6_weight;
  dst->s6_by_people = src->s6_by_people;
  dst->hard = src->hard;
  dst->soft = src->soft;
  dst->n_unplaced = src->n_unplaced;
}

/* --- S3 Compactness on the grid -------------------------------------
 * An occurrence is isolated when its audience occupies neither the step
 * just before it nor the step just after it in the same window. For an
 * audience whose sessions are all one step long this is a function of the
 * occupancy around one step; otherwise the day's members are scanned. */

static guint
audience_day_cost (const CrnState *st, guint aud, guint day)
{
  const CrnProblem *p = st->p;
  const guint16 *occ = st->aud_occ + aud * T (st);
  guint cost = 0;
  for (guint m = 0; m < p->audience_n_members[aud]; m++) {
    guint o = p->audience_members[aud][m];
    gint s = st->start[o];
    if (s < 0 || p->step_day[s] != day)
      continue;
    guint len = p->sessions[p->occ_session[o]].len;
    gint a = p->step_prev[s], b = p->step_next[s + len - 1];
    if ((a < 0 || occ[a] == 0) && (b < 0 || occ[b] == 0))
      cost++;
  }
  return cost;
}

/* Change of S3 (in isolated occurrences) when one occurrence of a unit
 * audience with occupancy @occ is added at (@sign = 1) or removed from
 * (@sign = -1) step @s; computed before the count changes. Only the step
 * itself and its two neighbours can change. */
static inline gint
unit_delta (const CrnState *st, const guint16 *occ, gint s, int sign)
{
  const CrnProblem *p = st->p;
  gint a = p->step_prev[s], b = p->step_next[s];
  guint left = a >= 0 ? occ[a] : 0, right = b >= 0 ? occ[b] : 0;
  gint d = left == 0 && right == 0 ? sign : 0;
  /* the step fills or empties: its neighbours' isolation flips */
  if (occ[s] == (sign > 0 ? 0 : 1)) {
    if (left > 0) {
      gint aa = p->step_prev[a];
      if (aa < 0 || occ[aa] == 0)
        d -= sign * (gint) left;
    }
    if (right > 0) {
      gint bb = p->step_next[b];
      if (bb < 0 || occ[bb] == 0)
        d -= sign * (gint) right;
    }
  }
  return d;
}

/* S3 around an occurrence at @s: the unit audiences' change as it is added
 * or removed (@sign), and for the others the cost of the whole day, which
 * the caller takes before and after (@after says which call this is). */
static gint64
compactness_around (const CrnState *st, const CrnProbSession *ps, gint s, int sign,
                    gboolean after)
{
  const CrnProblem *p = st->p;
  gint64 cost = 0;
  for (guint k = 0; k < ps->n_audiences; k++) {
    guint aud = ps->audiences[k];
    if (aud >= p->n_real_audiences)
      continue;
    if (p->audience_unit[aud]) {
      if (!after)
        cost -= unit_delta (st, st->aud_occ + aud * T (st), s, sign);
    } else {
      cost += audience_day_cost (st, aud, p->step_day[s]);
    }
  }
  return cost;
}

/* H7 on one step: an exclusive session there clashes with everything else. */
static inline gint
exclusive_cost (guint total, guint excl)
{
  return excl > 0 ? (gint) total - 1 : 0;
}

/* H6, H8 and H2's travel time, counted per pair of occurrences against the placed ones. */
static gint64
pair_rules (const CrnState *st, guint o, gint s, gint r)
{
  const CrnProblem *p = st->p;
  const CrnEvent *ev = p->event;
  guint i = p->occ_session[o];
  const CrnProbSession *ps = &p->sessions[i];
  gint64 hard = 0;
  CrnTime t0 = p->step_time[s];
  CrnTime t1 = t0 + ((CrnSession *) g_ptr_array_index (ev->sessions, i))->duration;
  for (guint k = 0; k < ps->n_after; k++) {
    guint j = ps->after[k];
    const CrnProbSession *pj = &p->sessions[j];
    guint dj = ((CrnSession *) g_ptr_array_index (ev->sessions, j))->duration;
    for (guint q = pj->first_occ; q < pj->first_occ + pj->count; q++)
      if (st->start[q] >= 0 && t0 < p->step_time[st->start[q]] + dj)
        hard++;
  }
  for (guint k = 0; k < ps->n_before; k++) {
    const CrnProbSession *pj = &p->sessions[ps->before[k]];
    for (guint q = pj->first_occ; q < pj->first_occ + pj->count; q++)
      if (st->start[q] >= 0 && p->step_time[st->start[q]] < t1)
        hard++;
  }
  if (p->has_travel && p->room_site[r] >= 0) {
    /* H2 travel: a person needs TravelMinutes between two sites */
    CrnTime travel = ev->travel_minutes;
    for (guint k = 0; k < ps->n_people; k++) {
      guint pe = ps->people[k];
      for (guint m = 0; m < p->person_n_occs[pe]; m++) {
        guint q = p->person_occs[pe][m];
        gint qs = st->start[q], qr = st->room[q];
        if (q == o || qs < 0 || p->room_site[qr] < 0 || p->room_site[qr] == p->room_site[r])
          continue;
        CrnTime q0 = p->step_time[qs];
        CrnTime q1 = q0 + ((CrnSession *) g_ptr_array_index (ev->sessions, p->occ_session[q]))->duration;
        if ((q0 >= t1 && q0 < t1 + travel) || (t0 >= q1 && t0 < q1 + travel))
          hard++;
      }
    }
  }
  if (ps->block >= 0) {
    guint k = p->occ_k[o];
    for (guint m = 0; m < p->block_n_members[ps->block]; m++) {
      guint j = p->block_members[ps->block][m];
      const CrnProbSession *pj = &p->sessions[j];
      if (j == i || k >= pj->count)
        continue;
      gint q = st->start[pj->first_occ + k];
      if (q >= 0 && q != s)
        hard++;
    }
  }
  return hard;
}

gint64
crn_state_pair_clashes (const CrnState *st, guint o, gint start, gint room)
{
  return pair_rules (st, o, start, room);
}

/* S5: pairs of sessions of one registered participant that overlap. */
static gint64
attendee_pairs (const CrnState *st, guint o, gint s)
{
  const CrnProblem *p = st->p;
  const CrnEvent *ev = p->event;
  guint i = p->occ_session[o];
  const CrnProbSession *ps = &p->sessions[i];
  CrnTime t0 = p->step_time[s];
  CrnTime t1 = t0 + ((CrnSession *) g_ptr_array_index (ev->sessions, i))->duration;
  gint64 n = 0;
  for (guint k = 0; k < ps->n_participants; k++) {
    guint pa = ps->participants[k];
    for (guint m = 0; m < p->participant_n_occs[pa]; m++) {
      guint q = p->participant_occs[pa][m];
      if (p->occ_session[q] == i || st->start[q] < 0)
        continue;
      CrnTime q0 = p->step_time[st->start[q]];
      CrnTime q1 = q0 + ((CrnSession *) g_ptr_array_index (ev->sessions, p->occ_session[q]))->duration;
      n += q0 < t1 && t0 < q1;
    }
  }
  return n;
}

static inline gint64
spread_cost (const CrnProblem *p, const CrnProbSession *ps, guint ndays)
{
  return ndays < ps->min_days ? (gint64) p->w[CRN_S2_SPREAD_DAYS] * (ps->min_days - ndays) : 0;
}

static inline gint64
extra_rooms (const CrnProblem *p, guint n)
{
  return n > 1 ? (gint64) p->w[CRN_S4_ROOM_STABILITY] * (n - 1) : 0;
}

static inline gint64
over_max (const CrnProblem *p, guint count, guint max)
{
  return max > 0 && count > max ? (gint64) p->w[CRN_S8_MAX_PER_DAY] * (count - max) : 0;
}

static gint64
stability_cost (const CrnState *st, guint o, gint s, gint r)
{
  if (st->prev_room[o] < 0 || st->s6_weight == 0)
    return 0;
  if (st->prev_room[o] == r && st->prev_time[o] == st->p->step_time[s])
    return 0;
  const CrnProbSession *ps = &st->p->sessions[st->p->occ_session[o]];
  return (gint64) st->s6_weight * (st->s6_by_people ? ps->people_weight : 1);
}

static gint64
capacity_cost (const CrnProblem *p, const CrnProbSession *ps, guint i, gint r)
{
  gint slot = ps->room_slot[r];
  if (slot >= 0)
    return ps->room_cost[slot];
  const CrnRoom *room = g_ptr_array_index (p->event->rooms, r);
  const CrnSession *s = g_ptr_array_index (p->event->sessions, i);
  if (room->capacity >= s->attendance)
    return 0;
  if (p->capacity_hard)
    return -1;
  return (gint64) (s->attendance - room->capacity) * p->w[CRN_S1_CAPACITY_OVERFLOW];
}

/* Adds (@sign = 1) or removes (@sign = -1) the occurrence's contribution.
 * @quiet: only the counts change, not st->hard and st->soft (the caller
 * restores costs it already knows), which spares the pair and S3 scans. */
static void
place (CrnState *st, guint o, gint s, gint r, int sign, gboolean quiet)
{
  const CrnProblem *p = st->p;
  guint i = p->occ_session[o];
  const CrnProbSession *ps = &p->sessions[i];
  gsize nt = T (st);
  guint len = ps->len;
  guint day = p->step_day[s];
  gint64 hard = 0, soft = 0, dsoft = 0; /* dsoft: already signed */
  gboolean compact = !quiet && p->w[CRN_S3_COMPACTNESS] > 0 && ps->n_audiences > 0;
  gint64 s3_before = compact ? compactness_around (st, ps, s, sign, FALSE) : 0;

  if (sign < 0) {
    st->start[o] = -1;
    st->room[o] = -1;
    st->n_unplaced++;
  }
  /* pairs are counted against the others, so the occurrence is out here */
  if (!quiet)
    hard += pair_rules (st, o, s, r);

  for (guint t = s; t < s + len; t++) {
    gsize ri = (gsize) r * nt + t;
    if (sign > 0) {
      hard += st->room_occ[ri] > 0;
      st->room_occ[ri]++;
    } else {
      st->room_occ[ri]--;
      hard += st->room_occ[ri] > 0;
    }
    st->room_xor[ri] ^= o;
    hard += p->room_busy[ri];
    for (guint k = 0; k < ps->n_people; k++) {
      guint16 *c = &st->person_occ[ps->people[k] * nt + t];
      if (sign > 0)
        hard += (*c)++ > 0;
      else
        hard += --(*c) > 0;
    }
    for (guint k = 0; k < ps->n_audiences; k++) {
      guint16 *c = &st->aud_occ[ps->audiences[k] * nt + t];
      if (sign > 0)
        hard += (*c)++ > 0;
      else
        hard += --(*c) > 0;
    }
    guint tot = st->total_occ[t], ex = st->excl_occ[t];
    gint before = exclusive_cost (tot, ex);
    if (sign > 0) {
      tot++;
      ex += ps->exclusive;
    } else {
      tot--;
      ex -= ps->exclusive;
    }
    st->total_occ[t] = (guint16) tot;
    st->excl_occ[t] = (guint16) ex;
    hard += ABS (exclusive_cost (tot, ex) - before);
  }

  if (!quiet && ps->n_participants > 0 && p->w[CRN_S5_ATTENDEE_CONFLICT] > 0)
    soft += (gint64) p->w[CRN_S5_ATTENDEE_CONFLICT] * attendee_pairs (st, o, s);

  /* per-session and per-day counts */
  {
    guint16 *c = &st->sess_day[(gsize) i * p->n_days + day];
    guint nd = st->sess_ndays[i];
    gint64 before = spread_cost (p, ps, nd);
    if (sign > 0 ? (*c)++ == 0 : --(*c) == 0)
      nd = sign > 0 ? nd + 1 : nd - 1;
    st->sess_ndays[i] = nd;
    dsoft += spread_cost (p, ps, nd) - before;
  }
  {
    guint16 *c = &st->sess_room[(gsize) i * p->n_rooms + r];
    guint nr = st->sess_nrooms[i];
    if (sign > 0 ? (*c)++ == 0 : --(*c) == 0) {
      soft += ABS (extra_rooms (p, sign > 0 ? nr + 1 : nr - 1) - extra_rooms (p, nr));
      st->sess_nrooms[i] = sign > 0 ? nr + 1 : nr - 1;
    }
  }
  if (ps->track >= 0) {
    guint16 *c = &st->track_room[(gsize) ps->track * p->n_rooms + r];
    guint nr = st->track_nrooms[ps->track];
    if (sign > 0 ? (*c)++ == 0 : --(*c) == 0) {
      soft += ABS (extra_rooms (p, sign > 0 ? nr + 1 : nr - 1) - extra_rooms (p, nr));
      st->track_nrooms[ps->track] = sign > 0 ? nr + 1 : nr - 1;
    }
  }
  if (p->w[CRN_S8_MAX_PER_DAY] > 0)
    for (guint k = 0; k < ps->n_people; k++) {
      guint pe = ps->people[k];
      guint16 *c = &st->person_day[(gsize) pe * p->n_days + day];
      guint before = *c;
      *c = (guint16) (sign > 0 ? before + 1 : before - 1);
      soft += ABS (over_max (p, *c, st->person_max[pe]) - over_max (p, before, st->person_max[pe]));
    }

  gint64 cap = capacity_cost (p, ps, i, r);
  if (cap < 0)
    hard++;
  else
    soft += cap;
  if (ps->pref_cost)
    soft += (gint64) ps->pref_cost[s] * p->w[CRN_S7_PREFERENCE];
  soft += stability_cost (st, o, s, r);

  if (sign > 0) {
    st->start[o] = s;
    st->room[o] = r;
    st->n_unplaced--;
  }
  if (quiet)
    return;
  gint64 s3_after = compact ? compactness_around (st, ps, s, sign, TRUE) : 0;
  st->hard += sign * hard;
  /* the terms in soft and hard grow with every placement (S4 and S8 use the
   * magnitude of their change); S2 and S3 are signed differences */
  st->soft += sign * soft + dsoft + (gint64) p->w[CRN_S3_COMPACTNESS] * (s3_after - s3_before);
}

void
crn_state_add (CrnState *st, guint o, gint start, gint room)
{
  g_assert (st->start[o] < 0);
  place (st, o, start, room, 1, FALSE);
}

void
crn_state_remove (CrnState *st, guint o)
{
  if (st->start[o] < 0)
    return;
  place (st, o, st->start[o], st->room[o], -1, FALSE);
}

void
crn_state_add_quiet (CrnState *st, guint o, gint start, gint room)
{
  g_assert (st->start[o] < 0);
  place (st, o, start, room, 1, TRUE);
}

void
crn_state_remove_quiet (CrnState *st, guint o)
{
  if (st->start[o] < 0)
    return;
  place (st, o, st->start[o], st->room[o], -1, TRUE);
}

guint
crn_state_clashes (const CrnState *st, guint o, gint s, gint r)
{
  const CrnProblem *p = st->p;
  const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
  gsize nt = T (st);
  guint c = 0;
  for (guint t = s; t < s + ps->len; t++) {
    c += st->room_occ[(gsize) r * nt + t] + p->room_busy[(gsize) r * nt + t];
    for (guint k = 0; k < ps->n_people; k++)
      c += st->person_occ[ps->people[k] * nt + t];
    for (guint k = 0; k < ps->n_audiences; k++)
      c += st->aud_occ[ps->audiences[k] * nt + t];
    if (ps->exclusive)
      c += st->total_occ[t];
    else
      c += st->excl_occ[t];
  }
  return c;
}

void
crn_state_to_timetable (const CrnState *st, CrnTimetable *tt)
{
  const CrnProblem *p = st->p;
  const CrnEvent *ev = p->event;
  g_assert (tt->assignments->len == p->n_occ);
  for (guint o = 0; o < p->n_occ; o++) {
    CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, o);
    if (st->start[o] < 0) {
      a->assigned = FALSE;
      a->room = NULL;
      continue;
    }
    a->assigned = TRUE;
    a->start = p->step_time[st->start[o]];
    a->room = g_ptr_array_index (ev->rooms, st->room[o]);
  }
}
