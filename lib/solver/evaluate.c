/* creneau — scoring a timetable against every rule H1–H9 and S1–S8.
 *
 * This works on real times, not on the solver's grid, so it scores any
 * timetable: one read back from a file, a previous revision, one with pins
 * off the grid. Each family is one function named after its rule id; each
 * violation is one sentence in the event's own names. Clashes are counted
 * once per pair of occurrences.
 */
#include "config.h"

#include "solver.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const CrnAssignment *a;
  const CrnSession *s;
  CrnTime start, end;
  gboolean placed;
} Occ;

typedef struct {
  CrnTimetable *tt;
  const CrnEvent *ev;
  const CrnSolveOptions *opts;
  Occ *occ;
  guint n_occ;
  CrnIntervalSet **day_open; /* per event day: windows minus breaks */
  GPtrArray **by_session;    /* Occ* per session index */
  GPtrArray **by_person;     /* Occ* where the person speaks or moderates */
  GPtrArray **by_room;       /* placed Occ* per room index */
  GHashTable *by_audience;   /* audience name -> placed Occ* */
} Eval;

static char *
fmt_time (CrnTime t)
{
  return crn_time_format (t);
}

static void
emit (Eval *e, const char *rule, gboolean hard, guint64 cost, const char *const *sessions,
      const char *const *resources, const char *fmt, ...) G_GNUC_PRINTF (7, 8);

static void
emit (Eval *e, const char *rule, gboolean hard, guint64 cost, const char *const *sessions,
      const char *const *resources, const char *fmt, ...)
{
  CrnViolation *v = g_new0 (CrnViolation, 1);
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *body = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  v->rule = g_strdup (rule);
  v->severity = hard ? CRN_VIOLATION_HARD : CRN_VIOLATION_SOFT;
  v->sessions = g_strdupv ((char **) sessions);
  v->resources = g_strdupv ((char **) resources);
  v->message = g_strdup_printf ("%s: %s", rule, body);
  v->cost = hard ? 1 : cost;
  g_ptr_array_add (e->tt->violations, v);
  if (hard)
    e->tt->hard++;
  else
    e->tt->soft += cost;
}

/* A soft rule with weight HARD is reported as a hard violation. */
static void
emit_soft (Eval *e, CrnSoftRule rule, guint units, const char *const *sessions,
           const char *const *resources, const char *text)
{
  gint w = e->ev->weights[rule];
  if (w == 0 || units == 0)
    return;
  emit (e, crn_soft_rule_id (rule), w < 0, w < 0 ? 1 : (guint64) w * units, sessions, resources,
        "%s", text);
}

static char *
occ_name (const Occ *o)
{
  if (o->s->count > 1)
    return g_strdup_printf ("%s (%u/%u)", o->s->id, o->a->occurrence, o->s->count);
  return g_strdup (o->s->id);
}

static gboolean
overlap (const Occ *x, const Occ *y)
{
  return x->placed && y->placed && x->start < y->end && y->start < x->end;
}

static int
cmp_occ_start (gconstpointer a, gconstpointer b)
{
  const Occ *x = *(const Occ *const *) a, *y = *(const Occ *const *) b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x < y ? -1 : (x > y ? 1 : 0);
}

typedef void (*PairFunc) (Eval *e, const Occ *x, const Occ *y, gpointer data);

/* Calls @fn for every overlapping pair among @list (sorted in place). */
static void
overlapping_pairs (Eval *e, GPtrArray *list, PairFunc fn, gpointer data)
{
  g_ptr_array_sort (list, cmp_occ_start);
  for (guint i = 0; i < list->len; i++) {
    const Occ *x = g_ptr_array_index (list, i);
    for (guint j = i + 1; j < list->len; j++) {
      const Occ *y = g_ptr_array_index (list, j);
      if (y->start >= x->end)
        break;
      fn (e, x, y, data);
    }
  }
}

/* --- H1 ----------------------------------------------------------------- */

static void
h1_pair (Eval *e, const Occ *x, const Occ *y, gpointer data)
{
  const CrnRoom *room = data;
  g_autofree char *nx = occ_name (x), *ny = occ_name (y), *t = fmt_time (y->start);
  const char *ss[] = { x->s->id, y->s->id, NULL }, *rs[] = { room->id, NULL };
  emit (e, "H1", TRUE, 1, ss, rs, "room %s holds %s and %s at %s", room->id, nx, ny, t);
}

static void
rule_h1_room_clash (Eval *e)
{
  for (guint r = 0; r < e->ev->rooms->len; r++) {
    const CrnRoom *room = g_ptr_array_index (e->ev->rooms, r);
    overlapping_pairs (e, e->by_room[r], h1_pair, (gpointer) room);
  }
}

/* --- H2 ----------------------------------------------------------------- */

static gboolean
has_person (const GPtrArray *people, const CrnPerson *p)
{
  for (guint i = 0; i < people->len; i++)
    if (g_ptr_array_index (people, i) == p)
      return TRUE;
  return FALSE;
}

static const char *
person_role (const CrnSession *s, const CrnPerson *p)
{
  return has_person (s->speakers, p) ? "speaker" : "moderator";
}

static void
rule_h2_person_clash (Eval *e)
{
  guint travel = e->ev->travel_minutes;
  for (guint pi = 0; pi < e->ev->people->len; pi++) {
    const CrnPerson *p = g_ptr_array_index (e->ev->people, pi);
    GPtrArray *list = e->by_person[pi];
    g_ptr_array_sort (list, cmp_occ_start);
    for (guint i = 0; i < list->len; i++) {
      const Occ *x = g_ptr_array_index (list, i);
      for (guint j = i + 1; j < list->len; j++) {
        const Occ *y = g_ptr_array_index (list, j);
        if (y->start >= x->end + travel)
          break;
        const char *ss[] = { x->s->id, y->s->id, NULL }, *rs[] = { p->id, NULL };
        g_autofree char *nx = occ_name (x), *ny = occ_name (y), *t = fmt_time (y->start);
        if (y->start < x->end) {
          emit (e, "H2", TRUE, 1, ss, rs, "%s %s is in %s and %s at %s", person_role (x->s, p),
                p->id, nx, ny, t);
          continue;
        }
        const char *sx = x->a->room ? x->a->room->site : NULL;
        const char *sy = y->a->room ? y->a->room->site : NULL;
        if (sx && sy && g_strcmp0 (sx, sy) != 0)
          emit (e, "H2", TRUE, 1, ss, rs,
                "%s %s has %d minutes to go from %s (%s) to %s (%s) at %s, less than the %u "
                "minutes of travel", person_role (x->s, p), p->id, (int) (y->start - x->end),
                nx, sx, ny, sy, t, travel);
      }
    }
  }
}

/* --- H3 ----------------------------------------------------------------- */

static void
rule_h3_windows (Eval *e)
{
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    g_autofree char *n = occ_name (x);
    const char *ss[] = { x->s->id, NULL };
    if (!x->placed) {
      const char *rs[] = { NULL };
      emit (e, "H3", TRUE, 1, ss, rs, "%s has no start and room", n);
      continue;
    }
    g_autofree char *t = fmt_time (x->start);
    CrnTime midnight = crn_time_day_start (x->start);
    CrnIntervalSet *open = NULL;
    for (guint d = 0; d < e->ev->days->len; d++)
      if (g_array_index (e->ev->days, CrnDay, d).date == midnight)
        open = e->day_open[d];
    if (open == NULL || !crn_interval_set_fits (open, x->start, x->end)) {
      const char *rs[] = { NULL };
      emit (e, "H3", TRUE, 1, ss, rs, "%s at %s is not inside an open window of its day", n, t);
    }
    if (crn_interval_set_overlaps (x->s->unavailable, x->start, x->end)) {
      const char *rs[] = { NULL };
      emit (e, "H3", TRUE, 1, ss, rs, "%s at %s falls in its own Unavailable time", n, t);
    }
    const GPtrArray *groups[2] = { x->s->speakers, x->s->moderators };
    for (int g = 0; g < 2; g++)
      for (guint i = 0; i < groups[g]->len; i++) {
        const CrnPerson *p = g_ptr_array_index (groups[g], i);
        if (crn_interval_set_overlaps (p->unavailable, x->start, x->end)) {
          const char *rs[] = { p->id, NULL };
          emit (e, "H3", TRUE, 1, ss, rs, "%s %s is unavailable for %s at %s",
                g == 0 ? "speaker" : "moderator", p->id, n, t);
        }
      }
    for (guint i = 0; i < x->s->partners->len; i++) {
      const CrnPartner *pa = g_ptr_array_index (x->s->partners, i);
      if ((!crn_interval_set_is_empty (pa->available)
           && !crn_interval_set_fits (pa->available, x->start, x->end))
          || crn_interval_set_overlaps (pa->unavailable, x->start, x->end)) {
        const char *rs[] = { pa->id, NULL };
        emit (e, "H3", TRUE, 1, ss, rs, "partner %s is unavailable for %s at %s", pa->id, n, t);
      }
    }
    if (x->a->room && crn_interval_set_overlaps (x->a->room->unavailable, x->start, x->end)) {
      const char *rs[] = { x->a->room->id, NULL };
      emit (e, "H3", TRUE, 1, ss, rs, "room %s is unavailable for %s at %s", x->a->room->id, n, t);
    }
  }
}

/* --- H4 ----------------------------------------------------------------- */

static gboolean
room_has_tag (const CrnRoom *room, const char *tag)
{
  for (guint i = 0; i < room->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (room->tags, i), tag) == 0)
      return TRUE;
  return FALSE;
}

static void
rule_h4_room_fit (Eval *e)
{
  gboolean cap_hard = e->ev->weights[CRN_S1_CAPACITY_OVERFLOW] == CRN_WEIGHT_HARD;
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    const CrnRoom *room = x->a->room;
    if (!x->placed || room == NULL)
      continue;
    g_autofree char *n = occ_name (x);
    const char *ss[] = { x->s->id, NULL }, *rs[] = { room->id, NULL };
    if (cap_hard && room->capacity < x->s->attendance)
      emit (e, "H4", TRUE, 1, ss, rs, "room %s is too small for %s (%u < %u)", room->id, n,
            room->capacity, x->s->attendance);
    for (guint i = 0; i < x->s->room_tags->len; i++) {
      const char *tag = g_ptr_array_index (x->s->room_tags, i);
      if (!room_has_tag (room, tag))
        emit (e, "H4", TRUE, 1, ss, rs, "room %s lacks tag %s required by %s", room->id, tag, n);
    }
  }
}

/* --- H5 ----------------------------------------------------------------- */

static void
rule_h5_fixed (Eval *e)
{
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    if (!x->placed)
      continue;
    g_autofree char *n = occ_name (x), *t = fmt_time (x->start);
    const char *ss[] = { x->s->id, NULL }, *none[] = { NULL };
    if (x->s->room && x->a->room != x->s->room) {
      const char *rs[] = { x->s->room->id, NULL };
      emit (e, "H5", TRUE, 1, ss, rs, "%s is in %s, not in its fixed room %s", n,
            x->a->room ? x->a->room->id : "no room", x->s->room->id);
    }
    if (x->s->has_start && x->start != x->s->start) {
      g_autofree char *f = fmt_time (x->s->start);
      emit (e, "H5", TRUE, 1, ss, none, "%s starts at %s, not at its fixed start %s", n, t, f);
    }
    gboolean day_ok = x->s->days->len == 0;
    for (guint i = 0; i < x->s->days->len; i++)
      if (g_array_index (x->s->days, CrnTime, i) == crn_time_day_start (x->start))
        day_ok = TRUE;
    if (!day_ok)
      emit (e, "H5", TRUE, 1, ss, none, "%s at %s is not on one of its allowed days", n, t);
    gboolean start_ok = x->s->starts->len == 0;
    for (guint i = 0; i < x->s->starts->len; i++)
      if (g_array_index (x->s->starts, int, i) == crn_time_minute_of_day (x->start))
        start_ok = TRUE;
    if (!start_ok)
      emit (e, "H5", TRUE, 1, ss, none, "%s at %s is not at one of its allowed start times", n, t);
  }
  if (e->opts == NULL)
    return;
  for (guint i = 0; i < e->opts->n_pins; i++) {
    const CrnPin *pin = &e->opts->pins[i];
    if (pin->session == NULL)
      continue;
    const CrnSession *s = crn_event_lookup_session (e->ev, pin->session->id);
    const CrnAssignment *a = NULL;
    for (guint o = 0; o < e->n_occ; o++)
      if (e->occ[o].s == s && e->occ[o].a->occurrence == MAX (pin->occurrence, 1))
        a = e->occ[o].a;
    if (a == NULL)
      continue;
    gboolean room_ok = pin->room == NULL || (a->room && g_strcmp0 (a->room->id, pin->room->id) == 0);
    if (!a->assigned || a->start != pin->start || !room_ok) {
      g_autofree char *t = fmt_time (pin->start);
      const char *ss[] = { s->id, NULL }, *rs[] = { pin->room ? pin->room->id : NULL, NULL };
      emit (e, "H5", TRUE, 1, ss, rs, "%s is not where it is pinned (%s at %s)", s->id,
            pin->room ? pin->room->id : "any room", t);
    }
  }
}

/* --- H6 ----------------------------------------------------------------- */

static void
rule_h6_after (Eval *e)
{
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    if (!x->placed)
      continue;
    for (guint k = 0; k < x->s->after->len; k++) {
      const CrnSession *b = g_ptr_array_index (x->s->after, k);
      GPtrArray *list = e->by_session[b->index];
      for (guint q = 0; q < list->len; q++) {
        const Occ *y = g_ptr_array_index (list, q);
        if (!y->placed || x->start >= y->end)
          continue;
        g_autofree char *nx = occ_name (x), *ny = occ_name (y), *t = fmt_time (x->start);
        g_autofree char *te = fmt_time (y->end);
        const char *ss[] = { x->s->id, b->id, NULL }, *rs[] = { NULL };
        emit (e, "H6", TRUE, 1, ss, rs, "%s starts at %s, before %s ends at %s", nx, t, ny, te);
      }
    }
  }
}

/* --- H7 ----------------------------------------------------------------- */

static void
rule_h7_exclusive (Eval *e)
{
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    if (!x->placed || !x->s->exclusive)
      continue;
    for (guint q = 0; q < e->n_occ; q++) {
      const Occ *y = &e->occ[q];
      /* a pair of exclusive sessions is reported once */
      if (q == o || !overlap (x, y) || (y->s->exclusive && q < o))
        continue;
      g_autofree char *nx = occ_name (x), *ny = occ_name (y);
      g_autofree char *t = fmt_time (MAX (x->start, y->start));
      const char *ss[] = { x->s->id, y->s->id, NULL }, *rs[] = { NULL };
      emit (e, "H7", TRUE, 1, ss, rs, "%s is exclusive but %s runs at the same time (%s)", nx,
            ny, t);
    }
  }
}

/* --- H8 ----------------------------------------------------------------- */

static void
rule_h8_block (Eval *e)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < e->ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (e->ev->sessions, i);
    if (s->block == NULL || g_hash_table_contains (seen, s->block))
      continue;
    g_hash_table_add (seen, s->block);
    guint max_count = 0;
    for (guint o = 0; o < e->n_occ; o++)
      if (g_strcmp0 (e->occ[o].s->block, s->block) == 0)
        max_count = MAX (max_count, e->occ[o].s->count);
    for (guint k = 1; k <= max_count; k++) {
      /* the block's time is the start most of its members have */
      g_autoptr (GHashTable) votes = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
      CrnTime best = 0;
      guint best_votes = 0;
      for (guint o = 0; o < e->n_occ; o++) {
        const Occ *x = &e->occ[o];
        if (!x->placed || x->a->occurrence != k || g_strcmp0 (x->s->block, s->block) != 0)
          continue;
        g_array_append_val (members, o);
        guint v = GPOINTER_TO_UINT (g_hash_table_lookup (votes, &e->occ[o].start)) + 1;
        g_hash_table_insert (votes, &e->occ[o].start, GUINT_TO_POINTER (v));
        if (v > best_votes || (v == best_votes && x->start < best)) {
          best_votes = v;
          best = x->start;
        }
      }
      for (guint m = 0; m < members->len; m++) {
        const Occ *x = &e->occ[g_array_index (members, guint, m)];
        if (x->start == best)
          continue;
        g_autofree char *n = occ_name (x), *t = fmt_time (x->start), *tb = fmt_time (best);
        const char *ss[] = { x->s->id, NULL }, *rs[] = { s->block, NULL };
        emit (e, "H8", TRUE, 1, ss, rs, "%s starts at %s, not with its block %s at %s", n, t,
              s->block, tb);
      }
    }
  }
}

/* --- H9 ----------------------------------------------------------------- */

static void
h9_pair (Eval *e, const Occ *x, const Occ *y, gpointer data)
{
  const char *aud = data;
  g_autofree char *nx = occ_name (x), *ny = occ_name (y), *t = fmt_time (y->start);
  const char *ss[] = { x->s->id, y->s->id, NULL }, *rs[] = { aud, NULL };
  if (aud)
    emit (e, "H9", TRUE, 1, ss, rs, "audience %s is in %s and %s at %s", aud, nx, ny, t);
  else if (x->s == y->s)
    emit (e, "H9", TRUE, 1, ss, rs, "occurrences %s and %s of %s overlap at %s", nx, ny,
          x->s->id, t);
}

static GPtrArray *
audience_names (Eval *e)
{
  GPtrArray *names = g_ptr_array_new ();
  for (guint i = 0; i < e->ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (e->ev->sessions, i);
    for (guint a = 0; a < s->audiences->len; a++) {
      const char *name = g_ptr_array_index (s->audiences, a);
      gboolean found = FALSE;
      for (guint j = 0; j < names->len && !found; j++)
        found = g_strcmp0 (g_ptr_array_index (names, j), name) == 0;
      if (!found)
        g_ptr_array_add (names, (gpointer) name);
    }
  }
  return names;
}

static GPtrArray *
audience_members (Eval *e, const char *aud)
{
  return g_ptr_array_ref (g_hash_table_lookup (e->by_audience, aud));
}

static void
rule_h9_audience (Eval *e, GPtrArray *auds)
{
  for (guint a = 0; a < auds->len; a++) {
    const char *aud = g_ptr_array_index (auds, a);
    g_autoptr (GPtrArray) list = audience_members (e, aud);
    overlapping_pairs (e, list, h9_pair, (gpointer) aud);
  }
  /* occurrences of one session, unless an audience already reported them */
  for (guint o = 0; o < e->n_occ; o++)
    for (guint q = o + 1; q < e->n_occ && e->occ[q].s == e->occ[o].s; q++)
      if (overlap (&e->occ[o], &e->occ[q]) && e->occ[o].s->audiences->len == 0)
        h9_pair (e, &e->occ[o], &e->occ[q], NULL);
}

/* --- S1 ----------------------------------------------------------------- */

static void
rule_s1_capacity (Eval *e)
{
  if (e->ev->weights[CRN_S1_CAPACITY_OVERFLOW] == CRN_WEIGHT_HARD)
    return; /* H4 */
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    const CrnRoom *room = x->a->room;
    if (!x->placed || room == NULL || room->capacity >= x->s->attendance)
      continue;
    g_autofree char *n = occ_name (x);
    g_autofree char *text = g_strdup_printf ("room %s seats %u for the %u of %s", room->id,
                                             room->capacity, x->s->attendance, n);
    const char *ss[] = { x->s->id, NULL }, *rs[] = { room->id, NULL };
    emit_soft (e, CRN_S1_CAPACITY_OVERFLOW, x->s->attendance - room->capacity, ss, rs, text);
  }
}

/* --- S2 ----------------------------------------------------------------- */

static void
rule_s2_spread (Eval *e)
{
  for (guint i = 0; i < e->ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (e->ev->sessions, i);
    if (s->min_days == 0)
      continue;
    g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (CrnTime));
    GPtrArray *list = e->by_session[i];
    for (guint o = 0; o < list->len; o++) {
      const Occ *x = g_ptr_array_index (list, o);
      if (!x->placed)
        continue;
      CrnTime d = crn_time_day_start (x->start);
      gboolean found = FALSE;
      for (guint k = 0; k < days->len && !found; k++)
        found = g_array_index (days, CrnTime, k) == d;
      if (!found)
        g_array_append_val (days, d);
    }
    if (days->len >= s->min_days)
      continue;
    g_autofree char *text = g_strdup_printf ("%s is spread over %u days instead of %u", s->id,
                                             days->len, s->min_days);
    const char *ss[] = { s->id, NULL }, *rs[] = { NULL };
    emit_soft (e, CRN_S2_SPREAD_DAYS, s->min_days - days->len, ss, rs, text);
  }
}

/* --- S3 ----------------------------------------------------------------- */

/* "Just before": ends when the other starts, up to the grid's rounding. */
static gboolean
adjacent (const Occ *x, const Occ *y, guint g)
{
  return (y->start >= x->end && y->start - x->end < g)
         || (x->start >= y->end && x->start - y->end < g);
}

static void
rule_s3_compactness (Eval *e, GPtrArray *auds)
{
  if (e->ev->weights[CRN_S3_COMPACTNESS] == 0)
    return;
  guint g = MAX (e->ev->granularity, 1);
  for (guint a = 0; a < auds->len; a++) {
    const char *aud = g_ptr_array_index (auds, a);
    g_autoptr (GPtrArray) list = audience_members (e, aud);
    g_ptr_array_sort (list, cmp_occ_start);
    for (guint i = 0; i < list->len; i++) {
      const Occ *x = g_ptr_array_index (list, i);
      CrnTime day = crn_time_day_start (x->start);
      gboolean near = FALSE;
      for (guint j = 0; j < list->len && !near; j++) {
        const Occ *y = g_ptr_array_index (list, j);
        near = j != i && crn_time_day_start (y->start) == day && adjacent (x, y, g);
      }
      if (near)
        continue;
      g_autofree char *n = occ_name (x), *t = fmt_time (x->start);
      g_autofree char *text = g_strdup_printf (
        "audience %s has %s at %s with nothing just before or after it", aud, n, t);
      const char *ss[] = { x->s->id, NULL }, *rs[] = { aud, NULL };
      emit_soft (e, CRN_S3_COMPACTNESS, 1, ss, rs, text);
    }
  }
}

/* --- S4 ----------------------------------------------------------------- */

static void
rule_s4_room_stability (Eval *e)
{
  for (guint i = 0; i < e->ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (e->ev->sessions, i);
    g_autoptr (GPtrArray) rooms = g_ptr_array_new ();
    GPtrArray *list = e->by_session[i];
    for (guint o = 0; o < list->len; o++) {
      const Occ *x = g_ptr_array_index (list, o);
      if (x->placed && x->a->room && !g_ptr_array_find (rooms, x->a->room, NULL))
        g_ptr_array_add (rooms, x->a->room);
    }
    if (rooms->len <= 1)
      continue;
    g_autofree char *text = g_strdup_printf ("%s uses %u rooms", s->id, rooms->len);
    const char *ss[] = { s->id, NULL }, *rs[] = { NULL };
    emit_soft (e, CRN_S4_ROOM_STABILITY, rooms->len - 1, ss, rs, text);
  }
  g_autoptr (GHashTable) tracks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    if (x->s->track == NULL || !x->placed || x->a->room == NULL)
      continue;
    GPtrArray *rooms = g_hash_table_lookup (tracks, x->s->track);
    if (rooms == NULL) {
      rooms = g_ptr_array_new ();
      g_hash_table_insert (tracks, x->s->track, rooms);
    }
    if (!g_ptr_array_find (rooms, x->a->room, NULL))
      g_ptr_array_add (rooms, x->a->room);
  }
  /* in session order, so the list is stable */
  for (guint i = 0; i < e->ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (e->ev->sessions, i);
    GPtrArray *rooms = s->track ? g_hash_table_lookup (tracks, s->track) : NULL;
    if (rooms == NULL)
      continue;
    if (rooms->len > 1) {
      g_autofree char *text = g_strdup_printf ("track %s uses %u rooms", s->track, rooms->len);
      const char *ss[] = { NULL }, *rs[] = { s->track, NULL };
      emit_soft (e, CRN_S4_ROOM_STABILITY, rooms->len - 1, ss, rs, text);
    }
    g_hash_table_remove (tracks, s->track);
  }
}

/* --- S5 ----------------------------------------------------------------- */

static void
rule_s5_attendees (Eval *e)
{
  if (e->ev->weights[CRN_S5_ATTENDEE_CONFLICT] == 0 || e->ev->registrations->len == 0)
    return;
  g_autoptr (GHashTable) by_part = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  for (guint i = 0; i < e->ev->registrations->len; i++) {
    const CrnRegistration *r = &g_array_index (e->ev->registrations, CrnRegistration, i);
    if (r->session == NULL)
      continue;
    GPtrArray *list = g_hash_table_lookup (by_part, r->participant);
    if (list == NULL) {
      list = g_ptr_array_new ();
      g_hash_table_insert (by_part, r->participant, list);
      g_ptr_array_add (order, r->participant);
    }
    GPtrArray *mine = e->by_session[r->session->index];
    for (guint o = 0; o < mine->len; o++) {
      Occ *x = g_ptr_array_index (mine, o);
      if (x->placed && !g_ptr_array_find (list, x, NULL))
        g_ptr_array_add (list, x);
    }
  }
  for (guint i = 0; i < order->len; i++) {
    const char *who = g_ptr_array_index (order, i);
    GPtrArray *list = g_hash_table_lookup (by_part, who);
    g_ptr_array_sort (list, cmp_occ_start);
    for (guint a = 0; a < list->len; a++)
      for (guint b = a + 1; b < list->len; b++) {
        const Occ *x = g_ptr_array_index (list, a), *y = g_ptr_array_index (list, b);
        if (y->start >= x->end)
          break;
        if (x->s == y->s)
          continue;
        g_autofree char *nx = occ_name (x), *ny = occ_name (y), *t = fmt_time (y->start);
        g_autofree char *text = g_strdup_printf ("participant %s registered for %s and %s, both at %s",
                                                 who, nx, ny, t);
        const char *ss[] = { x->s->id, y->s->id, NULL }, *rs[] = { who, NULL };
        emit_soft (e, CRN_S5_ATTENDEE_CONFLICT, 1, ss, rs, text);
      }
  }
}

/* --- S6 ----------------------------------------------------------------- */

static void
rule_s6_stability (Eval *e)
{
  if (e->opts == NULL || e->opts->previous == NULL)
    return;
  const CrnTimetable *prev = e->opts->previous;
  for (guint i = 0; i < prev->assignments->len; i++) {
    const CrnAssignment *pa = &g_array_index (prev->assignments, CrnAssignment, i);
    if (!pa->assigned || pa->session == NULL)
      continue;
    const CrnSession *now_s = crn_event_lookup_session (e->ev, pa->session->id);
    GPtrArray *mine = now_s ? e->by_session[now_s->index] : NULL;
    for (guint o = 0; mine && o < mine->len; o++) {
      const Occ *x = g_ptr_array_index (mine, o);
      if (x->a->occurrence != pa->occurrence)
        continue;
      gboolean same_room = x->a->room && pa->room && g_strcmp0 (x->a->room->id, pa->room->id) == 0;
      if (x->placed && x->start == pa->start && same_room)
        break;
      g_autofree char *n = occ_name (x), *was = fmt_time (pa->start);
      g_autofree char *now = x->placed ? fmt_time (x->start) : g_strdup ("nowhere");
      g_autofree char *text = g_strdup_printf ("%s moved from %s %s to %s %s", n,
                                               pa->room ? pa->room->id : "", was,
                                               x->a->room ? x->a->room->id : "", now);
      const char *ss[] = { x->s->id, NULL }, *rs[] = { NULL };
      emit_soft (e, CRN_S6_STABILITY, 1, ss, rs, text);
      break;
    }
  }
}

/* --- S7 ----------------------------------------------------------------- */

static void
rule_s7_preference (Eval *e)
{
  for (guint o = 0; o < e->n_occ; o++) {
    const Occ *x = &e->occ[o];
    if (!x->placed)
      continue;
    g_autofree char *n = occ_name (x), *t = fmt_time (x->start);
    const char *ss[] = { x->s->id, NULL };
    const GPtrArray *groups[2] = { x->s->speakers, x->s->moderators };
    for (int g = 0; g < 2; g++)
      for (guint i = 0; i < groups[g]->len; i++) {
        const CrnPerson *p = g_ptr_array_index (groups[g], i);
        const char *rs[] = { p->id, NULL };
        if (!crn_interval_set_is_empty (p->preferred)
            && !crn_interval_set_fits (p->preferred, x->start, x->end)) {
          g_autofree char *text = g_strdup_printf ("%s at %s is outside the preferred time of %s",
                                                   n, t, p->id);
          emit_soft (e, CRN_S7_PREFERENCE, 1, ss, rs, text);
        }
        if (crn_interval_set_overlaps (p->discouraged, x->start, x->end)) {
          g_autofree char *text = g_strdup_printf ("%s at %s is in tentative busy time of %s",
                                                   n, t, p->id);
          emit_soft (e, CRN_S7_PREFERENCE, 1, ss, rs, text);
        }
      }
    for (guint i = 0; i < x->s->partners->len; i++) {
      const CrnPartner *pa = g_ptr_array_index (x->s->partners, i);
      if (!crn_interval_set_is_empty (pa->preferred)
          && !crn_interval_set_fits (pa->preferred, x->start, x->end)) {
        const char *rs[] = { pa->id, NULL };
        g_autofree char *text = g_strdup_printf ("%s at %s is outside the preferred time of %s",
                                                 n, t, pa->id);
        emit_soft (e, CRN_S7_PREFERENCE, 1, ss, rs, text);
      }
    }
  }
}

/* --- S8 ----------------------------------------------------------------- */

static void
rule_s8_max_per_day (Eval *e)
{
  for (guint pi = 0; pi < e->ev->people->len; pi++) {
    const CrnPerson *p = g_ptr_array_index (e->ev->people, pi);
    if (p->max_per_day == 0)
      continue;
    for (guint d = 0; d < e->ev->days->len; d++) {
      CrnTime date = g_array_index (e->ev->days, CrnDay, d).date;
      guint n = 0;
      GPtrArray *list = e->by_person[pi];
      for (guint o = 0; o < list->len; o++) {
        const Occ *x = g_ptr_array_index (list, o);
        if (crn_time_day_start (x->start) == date)
          n++;
      }
      if (n <= p->max_per_day)
        continue;
      g_autofree char *day = crn_time_format_date (date);
      g_autofree char *text = g_strdup_printf ("%s has %u sessions on %s, more than %u", p->id,
                                               n, day, p->max_per_day);
      const char *ss[] = { NULL }, *rs[] = { p->id, NULL };
      emit_soft (e, CRN_S8_MAX_PER_DAY, n - p->max_per_day, ss, rs, text);
    }
  }
}

void
crn_evaluate (CrnTimetable *tt, const CrnSolveOptions *opts)
{
  Eval e = { tt, tt->event, opts, NULL, tt->assignments->len, NULL };
  g_ptr_array_set_size (tt->violations, 0);
  tt->hard = 0;
  tt->soft = 0;
  e.occ = g_new0 (Occ, e.n_occ + 1);
  for (guint o = 0; o < e.n_occ; o++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, o);
    e.occ[o].a = a;
    e.occ[o].s = a->session;
    e.occ[o].placed = a->assigned;
    e.occ[o].start = a->start;
    e.occ[o].end = a->start + a->session->duration;
  }
  e.day_open = g_new0 (CrnIntervalSet *, e.ev->days->len + 1);
  for (guint d = 0; d < e.ev->days->len; d++) {
    e.day_open[d] = crn_interval_set_copy (g_array_index (e.ev->days, CrnDay, d).open);
    for (guint b = 0; b < e.ev->breaks->len; b++) {
      const CrnBreak *br = g_ptr_array_index (e.ev->breaks, b);
      crn_interval_set_remove (e.day_open[d], br->start, br->end);
    }
  }
  g_autoptr (GPtrArray) auds = audience_names (&e);
  e.by_session = g_new0 (GPtrArray *, e.ev->sessions->len + 1);
  for (guint i = 0; i < e.ev->sessions->len; i++)
    e.by_session[i] = g_ptr_array_new ();
  e.by_person = g_new0 (GPtrArray *, e.ev->people->len + 1);
  for (guint i = 0; i < e.ev->people->len; i++)
    e.by_person[i] = g_ptr_array_new ();
  e.by_room = g_new0 (GPtrArray *, e.ev->rooms->len + 1);
  for (guint i = 0; i < e.ev->rooms->len; i++)
    e.by_room[i] = g_ptr_array_new ();
  e.by_audience = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  for (guint a = 0; a < auds->len; a++)
    g_hash_table_insert (e.by_audience, g_ptr_array_index (auds, a), g_ptr_array_new ());
  for (guint o = 0; o < e.n_occ; o++) {
    Occ *x = &e.occ[o];
    g_ptr_array_add (e.by_session[x->s->index], x);
    if (!x->placed)
      continue;
    if (x->a->room)
      g_ptr_array_add (e.by_room[x->a->room->index], x);
    const GPtrArray *groups[2] = { x->s->speakers, x->s->moderators };
    for (int g = 0; g < 2; g++)
      for (guint i = 0; i < groups[g]->len; i++) {
        const CrnPerson *p = g_ptr_array_index (groups[g], i);
        GPtrArray *list = e.by_person[p->index];
        if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != x)
          g_ptr_array_add (list, x);
      }
    for (guint a = 0; a < x->s->audiences->len; a++) {
      GPtrArray *list = g_hash_table_lookup (e.by_audience, g_ptr_array_index (x->s->audiences, a));
      if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != x)
        g_ptr_array_add (list, x);
    }
  }

  rule_h1_room_clash (&e);
  rule_h2_person_clash (&e);
  rule_h3_windows (&e);
  rule_h4_room_fit (&e);
  rule_h5_fixed (&e);
  rule_h6_after (&e);
  rule_h7_exclusive (&e);
  rule_h8_block (&e);
  rule_h9_audience (&e, auds);
  rule_s1_capacity (&e);
  rule_s2_spread (&e);
  rule_s3_compactness (&e, auds);
  rule_s4_room_stability (&e);
  rule_s5_attendees (&e);
  rule_s6_stability (&e);
  rule_s7_preference (&e);
  rule_s8_max_per_day (&e);

  for (guint i = 0; i < e.ev->sessions->len; i++)
    g_ptr_array_unref (e.by_session[i]);
  for (guint i = 0; i < e.ev->people->len; i++)
    g_ptr_array_unref (e.by_person[i]);
  for (guint i = 0; i < e.ev->rooms->len; i++)
    g_ptr_array_unref (e.by_room[i]);
  g_free (e.by_session);
  g_free (e.by_person);
  g_free (e.by_room);
  g_hash_table_unref (e.by_audience);
  for (guint d = 0; d < e.ev->days->len; d++)
    crn_interval_set_free (e.day_open[d]);
  g_free (e.day_open);
  g_free (e.occ);
}
