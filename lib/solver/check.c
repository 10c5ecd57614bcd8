/* creneau — the pre-solve check. */
#include "config.h"

#include "check.h"
#include "reasons.h"

#include <string.h>

/* What removed a group of candidates, and how many. */
typedef struct {
  const char *rule;
  char *key;
  char *text;        /* text of the first candidate removed */
  gboolean same_text;/* every candidate of the group had that text */
  guint n;
} Tally;

static void
tally_free (Tally *t)
{
  g_free (t->key);
  g_free (t->text);
  g_free (t);
}

static GPtrArray *
tallies_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
}

/* Takes the strings of @r. */
static void
tallies_add (GPtrArray *tallies, CrnReason *r)
{
  for (guint i = 0; i < tallies->len; i++) {
    Tally *t = g_ptr_array_index (tallies, i);
    if (g_str_equal (t->key, r->key)) {
      t->n++;
      t->same_text = t->same_text && g_str_equal (t->text, r->text);
      crn_reason_clear (r);
      return;
    }
  }
  Tally *t = g_new0 (Tally, 1);
  t->rule = r->rule;
  t->key = g_steal_pointer (&r->key);
  t->text = g_steal_pointer (&r->text);
  t->same_text = TRUE;
  t->n = 1;
  g_ptr_array_add (tallies, t);
  crn_reason_clear (r);
}

/* The rule that removed the most candidates; ties go to the lower id. */
static const char *
tallies_rule (GPtrArray *tallies)
{
  guint count[10] = { 0 };
  for (guint i = 0; i < tallies->len; i++) {
    Tally *t = g_ptr_array_index (tallies, i);
    int h = t->rule[1] - '0';
    count[CLAMP (h, 0, 9)] += t->n;
  }
  int best = 3;
  for (int h = 1; h <= 9; h++)
    if (count[h] > count[best])
      best = h;
  static const char *const ids[] = { "H3", "H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9" };
  return ids[best];
}

static int
tally_cmp (gconstpointer a, gconstpointer b)
{
  const Tally *x = *(Tally *const *) a, *y = *(Tally *const *) b;
  return x->n != y->n ? (x->n > y->n ? -1 : 1) : strcmp (x->key, y->key);
}

/* "speaker caron busy 26 Nov 09:00–14:00 (speakers/caron.ics) (8 starts); ..." */
static char *
tallies_summary (GPtrArray *tallies, const char *unit, guint max_items)
{
  g_ptr_array_sort (tallies, tally_cmp);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < tallies->len && i < max_items; i++) {
    Tally *t = g_ptr_array_index (tallies, i);
    if (i)
      g_string_append (s, "; ");
    if (t->same_text && t->n == 1)
      g_string_append (s, t->text);
    else if (t->same_text)
      g_string_append_printf (s, "%s (%u %ss)", t->text, t->n, unit);
    else
      g_string_append_printf (s, "%s (%u %s%s, e.g. %s)", t->key, t->n, unit,
                              t->n > 1 ? "s" : "", t->text);
  }
  if (tallies->len > max_items)
    g_string_append_printf (s, "; and %u other reasons", tallies->len - max_items);
  return g_string_free (s, FALSE);
}

typedef struct {
  const CrnEvent *ev;
  CrnProblem *problem;
  CrnIntervalSet *open;
  GPtrArray *found;      /* CrnViolation* */
  GArray **ok_starts;    /* [session] CrnTime: starts free of static obstacles */
  GArray **free_starts;  /* [session] CrnTime: ok starts where a suitable room is free */
  GPtrArray **ok_rooms;  /* [session] CrnRoom* */
} Check;

static void G_GNUC_PRINTF (5, 6)
add_finding (Check *c, const char *rule, const char *const *sessions,
             const char *const *resources, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  CrnViolation *v = g_new0 (CrnViolation, 1);
  v->rule = g_strdup (rule);
  v->severity = CRN_VIOLATION_HARD;
  v->sessions = g_strdupv ((char **) sessions);
  v->resources = g_strdupv ((char **) resources);
  v->message = g_strdup_vprintf (format, args);
  v->cost = 1;
  va_end (args);
  if (v->sessions == NULL)
    v->sessions = g_new0 (char *, 1);
  if (v->resources == NULL)
    v->resources = g_new0 (char *, 1);
  g_ptr_array_add (c->found, v);
}

static char *
join_ids (GPtrArray *sessions, guint max)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < sessions->len && i < max; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            ((CrnSession *) g_ptr_array_index (sessions, i))->id);
  if (sessions->len > max)
    g_string_append_printf (s, " and %u more", sessions->len - max);
  return g_string_free (s, FALSE);
}

static char **
session_ids (GPtrArray *sessions)
{
  char **ids = g_new0 (char *, sessions->len + 1);
  for (guint i = 0; i < sessions->len; i++)
    ids[i] = g_strdup (((CrnSession *) g_ptr_array_index (sessions, i))->id);
  return ids;
}

/* Most occurrences that fit in @starts without overlapping: earliest end
 * first is optimal for equal lengths. */
static guint
disjoint_starts (const GArray *starts, guint length, guint want)
{
  guint n = 0;
  CrnTime free_from = G_MININT64;
  for (guint i = 0; i < starts->len && n < want; i++) {
    CrnTime t = g_array_index (starts, CrnTime, i);
    if (t >= free_from) {
      n++;
      free_from = t + length;
    }
  }
  return n;
}

static void
check_session (Check *c, const CrnSession *s)
{
  const CrnEvent *ev = c->ev;
  const char *ids[] = { s->id, NULL };
  guint occupied = crn_reason_occupied_minutes (ev, s);
  g_autoptr (GPtrArray) start_tallies = tallies_new ();
  GArray *ok = c->ok_starts[s->index];

  if (s->has_start) {
    /* Only the fixed start matters: say what is wrong with it. */
    CrnReason r = { 0 };
    g_autofree char *at = crn_time_format (s->start);
    if (crn_reason_start (ev, c->open, s, s->start, &r))
      add_finding (c, r.rule, ids, NULL, "session %s cannot start at its fixed start %s: %s",
                   s->id, at, r.text);
    else if (crn_problem_step_at (c->problem, s->start) < 0)
      add_finding (c, "H5", ids, NULL,
                   "session %s cannot start at its fixed start %s: it is not a start of the "
                   "%u-minute grid", s->id, at, ev->granularity);
    else
      g_array_append_val (ok, s->start);
    crn_reason_clear (&r);
    if (ok->len == 0)
      return;
  } else {
    for (guint t = 0; t < c->problem->n_steps; t++) {
      CrnReason r = { 0 };
      if (crn_reason_start (ev, c->open, s, c->problem->step_time[t], &r))
        tallies_add (start_tallies, &r);
      else
        g_array_append_val (ok, c->problem->step_time[t]);
    }
  }
  if (c->problem->n_steps == 0)
    return; /* reported once for the whole event */
  if (ok->len == 0) {
    const char *rule = tallies_rule (start_tallies);
    g_autofree char *why = tallies_summary (start_tallies, "start", 6);
    add_finding (c, rule, ids, NULL, "session %s has no possible start among the %u of the "
                 "event: %s", s->id, c->problem->n_steps, why);
  }

  g_autoptr (GPtrArray) room_tallies = tallies_new ();
  GPtrArray *rooms = c->ok_rooms[s->index];
  for (guint i = 0; i < ev->rooms->len; i++) {
    CrnRoom *room = g_ptr_array_index (ev->rooms, i);
    CrnReason r = { 0 };
    if (crn_reason_room (ev, s, room, &r)) {
      /* Rooms are few; each one is named. */
      g_free (r.key);
      r.key = g_strdup (r.text);
      tallies_add (room_tallies, &r);
    } else
      g_ptr_array_add (rooms, room);
  }
  if (rooms->len == 0 && ev->rooms->len > 0) {
    const char *rule = tallies_rule (room_tallies);
    g_autofree char *why = tallies_summary (room_tallies, "room", 8);
    add_finding (c, rule, ids, NULL, "session %s fits no room: %s", s->id, why);
  }
  if (ok->len == 0 || rooms->len == 0)
    return;

  g_autoptr (GPtrArray) busy_tallies = tallies_new ();
  GArray *free_starts = c->free_starts[s->index];
  for (guint i = 0; i < ok->len; i++) {
    CrnTime t = g_array_index (ok, CrnTime, i);
    gboolean any = FALSE;
    for (guint k = 0; k < rooms->len && !any; k++) {
      CrnReason r = { 0 };
      if (crn_reason_room_busy (g_ptr_array_index (rooms, k), t, t + occupied, &r))
        tallies_add (busy_tallies, &r);
      else
        any = TRUE;
    }
    if (any)
      g_array_append_val (free_starts, t);
  }
  if (free_starts->len == 0) {
    g_autofree char *why = tallies_summary (busy_tallies, "start", 6);
    add_finding (c, "H3", ids, NULL, "session %s has no start at which a suitable room is "
                 "available (%u possible starts): %s", s->id, ok->len, why);
    return;
  }
  guint n = disjoint_starts (free_starts, occupied, s->count);
  if (n < s->count)
    add_finding (c, "H9", ids, NULL, "session %s has Count=%u but only %u of its occurrences "
                 "fit without overlapping (%u possible starts of %u minutes)",
                 s->id, s->count, n, free_starts->len, occupied);
}

/* Open minutes left once @busy is taken out. */
static CrnTime
open_minutes_without (const CrnIntervalSet *open, const CrnIntervalSet *busy)
{
  g_autoptr (CrnIntervalSet) left = crn_interval_set_copy (open);
  if (busy)
    crn_interval_set_subtract (left, busy);
  return crn_interval_set_total (left);
}

static char *
busy_sources (const GArray *notes)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  for (guint i = 0; i < notes->len; i++) {
    const char *src = g_array_index (notes, CrnBusyNote, i).source;
    if (src && !g_ptr_array_find_with_equal_func (seen, src, g_str_equal, NULL))
      g_ptr_array_add (seen, (gpointer) src);
  }
  if (seen->len == 0)
    return g_strdup ("");
  g_ptr_array_add (seen, NULL);
  g_autofree char *list = g_strjoinv (", ", (char **) seen->pdata);
  return g_strdup_printf (" (busy time from %s)", list);
}

static gboolean
has_person (const CrnSession *s, const CrnPerson *p)
{
  for (guint i = 0; i < s->speakers->len; i++)
    if (g_ptr_array_index (s->speakers, i) == p)
      return TRUE;
  for (guint i = 0; i < s->moderators->len; i++)
    if (g_ptr_array_index (s->moderators, i) == p)
      return TRUE;
  return FALSE;
}

static gboolean
has_audience (const CrnSession *s, const char *audience)
{
  for (guint i = 0; i < s->audiences->len; i++)
    if (g_str_equal (g_ptr_array_index (s->audiences, i), audience))
      return TRUE;
  return FALSE;
}

static guint64
booked_minutes (Check *c, GPtrArray *sessions)
{
  guint64 total = 0;
  for (guint i = 0; i < sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (sessions, i);
    total += (guint64) crn_reason_occupied_minutes (c->ev, s) * s->count;
  }
  return total;
}

static void
check_people (Check *c)
{
  const CrnEvent *ev = c->ev;
  for (guint p = 0; p < ev->people->len; p++) {
    const CrnPerson *person = g_ptr_array_index (ev->people, p);
    g_autoptr (GPtrArray) mine = g_ptr_array_new ();
    for (guint i = 0; i < ev->sessions->len; i++)
      if (has_person (g_ptr_array_index (ev->sessions, i), person))
        g_ptr_array_add (mine, g_ptr_array_index (ev->sessions, i));
    if (mine->len == 0)
      continue;
    guint64 need = booked_minutes (c, mine);
    CrnTime have = open_minutes_without (c->open, person->unavailable);
    if (need <= (guint64) have)
      continue;
    g_autofree char *list = join_ids (mine, 6);
    g_autofree char *src = busy_sources (person->busy_notes);
    g_auto (GStrv) ids = session_ids (mine);
    const char *res[] = { person->id, NULL };
    add_finding (c, "H2", (const char *const *) ids, res,
                 "person %s is booked for %" G_GUINT64_FORMAT " minutes (%s) but is available "
                 "for only %" G_GINT64_FORMAT " minutes of the open time%s",
                 person->id, need, list, have, src);
  }
}

static void
check_audiences (Check *c)
{
  const CrnEvent *ev = c->ev;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    for (guint a = 0; a < s->audiences->len; a++) {
      const char *name = g_ptr_array_index (s->audiences, a);
      if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        g_ptr_array_add (names, (gpointer) name);
    }
  }
  CrnTime open = crn_interval_set_total (c->open);
  for (guint a = 0; a < names->len; a++) {
    const char *name = g_ptr_array_index (names, a);
    g_autoptr (GPtrArray) mine = g_ptr_array_new ();
    for (guint i = 0; i < ev->sessions->len; i++)
      if (has_audience (g_ptr_array_index (ev->sessions, i), name))
        g_ptr_array_add (mine, g_ptr_array_index (ev->sessions, i));
    guint64 need = booked_minutes (c, mine);
    if (need <= (guint64) open)
      continue;
    g_autofree char *list = join_ids (mine, 6);
    g_auto (GStrv) ids = session_ids (mine);
    const char *res[] = { name, NULL };
    add_finding (c, "H9", (const char *const *) ids, res,
                 "audience %s has %" G_GUINT64_FORMAT " minutes of sessions (%s) but the event "
                 "is open for only %" G_GINT64_FORMAT " minutes", name, need, list, open);
  }
}

static void
check_totals (Check *c)
{
  const CrnEvent *ev = c->ev;
  CrnTime open = crn_interval_set_total (c->open);
  g_autoptr (GPtrArray) exclusive = g_ptr_array_new ();
  for (guint i = 0; i < ev->sessions->len; i++)
    if (((CrnSession *) g_ptr_array_index (ev->sessions, i))->exclusive)
      g_ptr_array_add (exclusive, g_ptr_array_index (ev->sessions, i));
  guint64 need = booked_minutes (c, exclusive);
  if (need > (guint64) open) {
    g_autofree char *list = join_ids (exclusive, 6);
    g_auto (GStrv) ids = session_ids (exclusive);
    add_finding (c, "H7", (const char *const *) ids, NULL,
                 "exclusive sessions last %" G_GUINT64_FORMAT " minutes in all (%s) but the "
                 "event is open for only %" G_GINT64_FORMAT " minutes", need, list, open);
  }

  /* Every session needs a room for its whole length. */
  guint64 room_minutes = 0;
  for (guint r = 0; r < ev->rooms->len; r++)
    room_minutes += (guint64) open_minutes_without (
      c->open, ((CrnRoom *) g_ptr_array_index (ev->rooms, r))->unavailable);
  need = booked_minutes (c, ev->sessions);
  if (ev->sessions->len > 0 && ev->rooms->len == 0)
    add_finding (c, "H1", NULL, NULL, "the event has sessions but no room");
  else if (need > room_minutes)
    add_finding (c, "H1", NULL, NULL,
                 "sessions need %" G_GUINT64_FORMAT " room-minutes but the %u rooms are open "
                 "and available for only %" G_GUINT64_FORMAT, need, ev->rooms->len, room_minutes);
}

/* Augmenting path for a session-to-room matching. With @busy_at set, a
 * room that is not free for @minutes from @start (0: the session's whole
 * length) is not a candidate. */
static gboolean
match_augment (Check *c, GPtrArray *members, guint m, gint *room_owner, gboolean *visited,
               gboolean busy_at, CrnTime start, guint minutes)
{
  const CrnSession *s = g_ptr_array_index (members, m);
  GPtrArray *rooms = c->ok_rooms[s->index];
  for (guint k = 0; k < rooms->len; k++) {
    const CrnRoom *room = g_ptr_array_index (rooms, k);
    guint r = room->index;
    if (visited[r])
      continue;
    if (busy_at &&
        crn_interval_set_overlaps (room->unavailable, start,
                                   start + (minutes ? minutes
                                                    : crn_reason_occupied_minutes (c->ev, s))))
      continue;
    visited[r] = TRUE;
    if (room_owner[r] < 0 ||
        match_augment (c, members, (guint) room_owner[r], room_owner, visited, busy_at, start,
                       minutes)) {
      room_owner[r] = (gint) m;
      return TRUE;
    }
  }
  return FALSE;
}

/* How many of @members get distinct suitable rooms at once: at any time,
 * or (with @busy_at) free for @minutes from @start (0: each one's length). */
static guint
match_rooms (Check *c, GPtrArray *members, gboolean busy_at, CrnTime start, guint minutes)
{
  guint n_rooms = c->ev->rooms->len;
  g_autofree gint *owner = g_new (gint, n_rooms + 1);
  g_autofree gboolean *visited = g_new0 (gboolean, n_rooms + 1);
  for (guint r = 0; r < n_rooms; r++)
    owner[r] = -1;
  guint matched = 0;
  for (guint m = 0; m < members->len; m++) {
    memset (visited, 0, sizeof (gboolean) * (n_rooms + 1));
    if (match_augment (c, members, m, owner, visited, busy_at, start, minutes))
      matched++;
  }
  return matched;
}

/* The starts every member of a block can take. */
static GArray *
common_starts (Check *c, GPtrArray *members)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  GArray *first = c->free_starts[((CrnSession *) g_ptr_array_index (members, 0))->index];
  for (guint k = 0; k < first->len; k++) {
    CrnTime t = g_array_index (first, CrnTime, k);
    gboolean common = TRUE;
    for (guint i = 1; i < members->len && common; i++) {
      GArray *other = c->free_starts[((CrnSession *) g_ptr_array_index (members, i))->index];
      gboolean has = FALSE;
      for (guint m = 0; m < other->len && !has; m++)
        has = g_array_index (other, CrnTime, m) == t;
      common = has;
    }
    if (common)
      g_array_append_val (out, t);
  }
  return out;
}

/* Adds to @tallies why the suitable rooms of @members are busy from @at
 * (for @minutes, 0: each session's length); @seen keeps each room once. */
static void
add_busy_rooms (Check *c, GPtrArray *members, CrnTime at, guint minutes, GPtrArray *tallies,
                GPtrArray *seen)
{
  for (guint m = 0; m < members->len; m++) {
    const CrnSession *s = g_ptr_array_index (members, m);
    GPtrArray *rooms = c->ok_rooms[s->index];
    CrnTime end = at + (minutes ? minutes : crn_reason_occupied_minutes (c->ev, s));
    for (guint k = 0; k < rooms->len; k++) {
      const CrnRoom *room = g_ptr_array_index (rooms, k);
      CrnReason r = { 0 };
      if (g_ptr_array_find (seen, room, NULL) || !crn_reason_room_busy (room, at, end, &r))
        continue;
      g_ptr_array_add (seen, (gpointer) room);
      tallies_add (tallies, &r);
    }
  }
}

/* The common starts of a block at which each member has a free suitable
 * room; when there is none, says so at the start that comes closest. */
static GArray *
block_good_starts (Check *c, const char *block, GPtrArray *members, GArray *starts,
                   const char *const *ids)
{
  GArray *good = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  guint best = 0;
  CrnTime best_start = 0;
  for (guint k = 0; k < starts->len; k++) {
    CrnTime t = g_array_index (starts, CrnTime, k);
    guint matched = match_rooms (c, members, TRUE, t, 0);
    if (matched == members->len)
      g_array_append_val (good, t);
    else if (k == 0 || matched > best) {
      best = matched;
      best_start = t;
    }
  }
  if (good->len > 0)
    return good;
  g_autoptr (GPtrArray) tallies = tallies_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  add_busy_rooms (c, members, best_start, 0, tallies, seen);
  g_autofree char *at = crn_time_format (best_start);
  g_autofree char *why = tallies_summary (tallies, "room", 4);
  const char *res[] = { block, NULL };
  if (starts->len == 1)
    add_finding (c, "H8", ids, res,
                 "block %s has %u sessions starting together but at its only possible start, "
                 "%s, only %u of them can have a free suitable room (%s)",
                 block, members->len, at, best, why);
  else
    add_finding (c, "H8", ids, res,
                 "block %s has %u sessions starting together but none of its %u possible "
                 "starts has a free suitable room for each (at best %u of them, at %s: %s)",
                 block, members->len, starts->len, best, at, why);
  return good;
}

/* Returns the starts at which the block can run with a room for each of
 * its sessions, or NULL when that is not known; @common_out gets the starts
 * all its sessions can take (or NULL). */
static GArray *
check_block (Check *c, const char *block, GPtrArray *members, GArray **common_out)
{
  const CrnEvent *ev = c->ev;
  g_auto (GStrv) ids = session_ids (members);
  const char *res[] = { block, NULL };

  /* Pairs that can never run at the same time. */
  for (guint i = 0; i < members->len; i++)
    for (guint j = i + 1; j < members->len; j++) {
      const CrnSession *a = g_ptr_array_index (members, i);
      const CrnSession *b = g_ptr_array_index (members, j);
      const char *pair[] = { a->id, b->id, NULL };
      for (guint p = 0; p < ev->people->len; p++) {
        const CrnPerson *person = g_ptr_array_index (ev->people, p);
        if (has_person (a, person) && has_person (b, person))
          add_finding (c, "H2", pair, res, "sessions %s and %s start together (block %s) but "
                       "both have %s %s", a->id, b->id, block,
                       crn_reason_person_role (a, person), person->id);
      }
      for (guint k = 0; k < a->audiences->len; k++) {
        const char *aud = g_ptr_array_index (a->audiences, k);
        if (has_audience (b, aud))
          add_finding (c, "H9", pair, res, "sessions %s and %s start together (block %s) but "
                       "both are for audience %s", a->id, b->id, block, aud);
      }
      if (a->exclusive || b->exclusive)
        add_finding (c, "H7", pair, res, "session %s is exclusive but starts together with %s "
                     "(block %s)", a->exclusive ? a->id : b->id, a->exclusive ? b->id : a->id,
                     block);
    }

  /* A start every member can take. */
  gboolean all_have_starts = TRUE;
  for (guint i = 0; i < members->len; i++)
    all_have_starts = all_have_starts &&
                      c->free_starts[((CrnSession *) g_ptr_array_index (members, i))->index]->len;
  GArray *starts = all_have_starts ? common_starts (c, members) : NULL;
  *common_out = starts;
  if (all_have_starts && members->len > 1 && starts->len == 0) {
    GString *detail = g_string_new (NULL);
    for (guint i = 0; i < members->len; i++) {
      const CrnSession *s = g_ptr_array_index (members, i);
      GArray *st = c->free_starts[s->index];
      g_autofree char *from = crn_time_format (g_array_index (st, CrnTime, 0));
      g_autofree char *to = crn_time_format (g_array_index (st, CrnTime, st->len - 1));
      g_string_append_printf (detail, "%s%s: %u starts from %s to %s", i ? "; " : "", s->id,
                              st->len, from, to);
    }
    add_finding (c, "H8", (const char *const *) ids, res,
                 "sessions of block %s have no possible start in common (%s)", block,
                 detail->str);
    g_string_free (detail, TRUE);
  }

  /* Members need distinct suitable rooms at the same time. */
  guint matched = match_rooms (c, members, FALSE, 0, 0);
  gboolean every_member_has_rooms = TRUE;
  for (guint m = 0; m < members->len; m++) {
    const CrnSession *s = g_ptr_array_index (members, m);
    every_member_has_rooms = every_member_has_rooms && c->ok_rooms[s->index]->len > 0;
  }
  /* ... and free at one of their common starts. */
  GArray *good = NULL;
  if (matched == members->len && starts != NULL && starts->len > 0)
    good = block_good_starts (c, block, members, starts, (const char *const *) ids);
  if (matched < members->len && every_member_has_rooms) {
    g_autoptr (GPtrArray) suitable = g_ptr_array_new ();
    for (guint m = 0; m < members->len; m++) {
      GPtrArray *rooms = c->ok_rooms[((CrnSession *) g_ptr_array_index (members, m))->index];
      for (guint k = 0; k < rooms->len; k++)
        if (!g_ptr_array_find (suitable, g_ptr_array_index (rooms, k), NULL))
          g_ptr_array_add (suitable, g_ptr_array_index (rooms, k));
    }
    GString *list = g_string_new (NULL);
    for (guint k = 0; k < suitable->len; k++)
      g_string_append_printf (list, "%s%s", k ? ", " : "",
                              ((CrnRoom *) g_ptr_array_index (suitable, k))->id);
    add_finding (c, "H8", (const char *const *) ids, res,
                 "block %s has %u sessions starting together but only %u of them can have a "
                 "suitable room at once (suitable rooms: %s)",
                 block, members->len, matched, list->str);
    g_string_free (list, TRUE);
  }
  return good;
}

/* Blocks that can each run only at one start, the same for all of them,
 * with a room for each of their sessions: at that start they all run
 * together and need distinct rooms (H1). @good[b] are the starts of block
 * b with a room for each session, @common[b] all its common starts; either
 * may be NULL. */
static void
check_blocks_together (Check *c, GPtrArray *names, GPtrArray *members, GPtrArray *good,
                       GPtrArray *common)
{
  g_autofree gboolean *done = g_new0 (gboolean, names->len + 1);
  for (guint b = 0; b < names->len; b++) {
    GArray *gb = g_ptr_array_index (good, b);
    if (done[b] || gb == NULL || gb->len != 1)
      continue;
    CrnTime t = g_array_index (gb, CrnTime, 0);
    g_autoptr (GPtrArray) group = g_ptr_array_new ();      /* block indices */
    g_autoptr (GPtrArray) sessions = g_ptr_array_new ();
    for (guint o = b; o < names->len; o++) {
      GArray *go = g_ptr_array_index (good, o);
      if (go == NULL || go->len != 1 || g_array_index (go, CrnTime, 0) != t)
        continue;
      done[o] = TRUE;
      g_ptr_array_add (group, GUINT_TO_POINTER (o));
      g_ptr_array_extend (sessions, g_ptr_array_index (members, o), NULL, NULL);
    }
    if (group->len < 2)
      continue;
    guint matched = match_rooms (c, sessions, TRUE, t, 0);
    if (matched == sessions->len)
      continue;
    /* Why the other starts are out: rooms busy at each. */
    g_autoptr (GPtrArray) tallies = tallies_new ();
    g_autoptr (GPtrArray) seen = g_ptr_array_new ();
    GString *blocks = g_string_new (NULL);
    g_autoptr (GPtrArray) res = g_ptr_array_new ();
    for (guint k = 0; k < group->len; k++) {
      guint o = GPOINTER_TO_UINT (g_ptr_array_index (group, k));
      g_string_append_printf (blocks, "%s%s", k ? (k + 1 < group->len ? ", " : " and ") : "",
                              (const char *) g_ptr_array_index (names, o));
      g_ptr_array_add (res, g_ptr_array_index (names, o));
      GArray *st = g_ptr_array_index (common, o);
      for (guint i = 0; st && i < st->len; i++)
        if (g_array_index (st, CrnTime, i) != t)
          add_busy_rooms (c, g_ptr_array_index (members, o), g_array_index (st, CrnTime, i), 0,
                          tallies, seen);
    }
    g_ptr_array_add (res, NULL);
    g_auto (GStrv) ids = session_ids (sessions);
    g_autofree char *at = crn_time_format (t);
    g_autofree char *why = tallies->len ? tallies_summary (tallies, "room", 4) : NULL;
    add_finding (c, "H1", (const char *const *) ids, (const char *const *) res->pdata,
                 "blocks %s can each start only at %s with a free suitable room for each of "
                 "their sessions%s%s%s, but there their %u sessions need that many rooms at once "
                 "and only %u can have one", blocks->str, at, why ? " (elsewhere: " : "",
                 why ? why : "", why ? ")" : "", sessions->len, matched);
    g_string_free (blocks, TRUE);
  }
}

static void
array_unref0 (gpointer array)
{
  if (array)
    g_array_unref (array);
}

static void
check_blocks (Check *c)
{
  const CrnEvent *ev = c->ev;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    if (s->block && !g_ptr_array_find_with_equal_func (names, s->block, g_str_equal, NULL))
      g_ptr_array_add (names, s->block);
  }
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) good = g_ptr_array_new_with_free_func (array_unref0);
  g_autoptr (GPtrArray) common = g_ptr_array_new_with_free_func (array_unref0);
  for (guint b = 0; b < names->len; b++) {
    GPtrArray *mine = g_ptr_array_new ();
    for (guint i = 0; i < ev->sessions->len; i++) {
      CrnSession *s = g_ptr_array_index (ev->sessions, i);
      if (g_strcmp0 (s->block, g_ptr_array_index (names, b)) == 0)
        g_ptr_array_add (mine, s);
    }
    g_ptr_array_add (members, mine);
    GArray *starts = NULL;
    g_ptr_array_add (good, check_block (c, g_ptr_array_index (names, b), mine, &starts));
    g_ptr_array_add (common, starts);
  }
  check_blocks_together (c, names, members, good, common);
}

static gboolean
one_block (GPtrArray *sessions)
{
  const char *block = ((CrnSession *) g_ptr_array_index (sessions, 0))->block;
  for (guint i = 1; block && i < sessions->len; i++)
    if (g_strcmp0 (((CrnSession *) g_ptr_array_index (sessions, i))->block, block) != 0)
      return FALSE;
  return block != NULL;
}

/* Sessions whose possible starts all cover one moment (a fixed start, a
 * single round) are running together then, each in its own suitable room
 * free at that moment (H1): at every step, match those sessions to such
 * rooms. One finding per group of sessions, at the first step it fails. */
static void
check_forced_overlaps (Check *c)
{
  const CrnEvent *ev = c->ev;
  const CrnProblem *pb = c->problem;
  g_autoptr (GPtrArray) forced = g_ptr_array_new ();
  g_autoptr (GArray) from = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  g_autoptr (GArray) until = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  for (guint i = 0; i < ev->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (ev->sessions, i);
    GArray *st = c->free_starts[s->index];
    if (s->count != 1 || st->len == 0 || c->ok_rooms[s->index]->len == 0)
      continue;
    CrnTime last = g_array_index (st, CrnTime, st->len - 1);
    CrnTime end = g_array_index (st, CrnTime, 0) + crn_reason_occupied_minutes (ev, s);
    if (last < end) {
      g_ptr_array_add (forced, s);
      g_array_append_val (from, last);
      g_array_append_val (until, end);
    }
  }
  if (forced->len < 2)
    return;

  guint step = ev->granularity ? ev->granularity : 15;
  g_autoptr (GPtrArray) now = g_ptr_array_new ();
  g_autoptr (GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; t < pb->n_steps; t++) {
    CrnTime at = pb->step_time[t];
    g_ptr_array_set_size (now, 0);
    for (guint k = 0; k < forced->len; k++)
      if (g_array_index (from, CrnTime, k) <= at && at < g_array_index (until, CrnTime, k))
        g_ptr_array_add (now, g_ptr_array_index (forced, k));
    if (now->len < 2 || one_block (now))
      continue; /* a single block's rooms are checked with the block */
    guint matched = match_rooms (c, now, TRUE, at, step);
    if (matched == now->len)
      continue;
    g_auto (GStrv) ids = session_ids (now);
    g_autofree char *key = g_strjoinv (",", ids);
    if (g_ptr_array_find_with_equal_func (reported, key, g_str_equal, NULL))
      continue;
    g_ptr_array_add (reported, g_steal_pointer (&key));
    g_autoptr (GPtrArray) tallies = tallies_new ();
    g_autoptr (GPtrArray) seen = g_ptr_array_new ();
    add_busy_rooms (c, now, at, step, tallies, seen);
    g_autofree char *list = join_ids (now, 8);
    g_autofree char *when = crn_time_format (at);
    g_autofree char *why = tallies->len ? tallies_summary (tallies, "room", 4) : NULL;
    add_finding (c, "H1", (const char *const *) ids, NULL,
                 "%u sessions are running at %s whatever their start (%s) but only %u of them "
                 "can have a suitable room free then%s%s", now->len, when, list, matched,
                 why ? ": " : "", why ? why : "");
  }
}

/* After= cycles (depth-first, colours 0 white, 1 on the path, 2 done) and
 * orders that the possible starts cannot keep. */
static void
after_visit (Check *c, const CrnSession *s, guint8 *colour, GPtrArray *path)
{
  colour[s->index] = 1;
  g_ptr_array_add (path, (gpointer) s);
  for (guint i = 0; i < s->after->len; i++) {
    const CrnSession *a = g_ptr_array_index (s->after, i);
    if (colour[a->index] == 1) {
      GString *cycle = g_string_new (NULL);
      guint from = 0;
      g_ptr_array_find (path, a, &from);
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      for (guint k = from; k < path->len; k++) {
        const CrnSession *m = g_ptr_array_index (path, k);
        g_ptr_array_add (members, (gpointer) m);
        g_string_append_printf (cycle, "%s after ", m->id);
      }
      g_string_append (cycle, a->id);
      g_auto (GStrv) ids = session_ids (members);
      add_finding (c, "H6", (const char *const *) ids, NULL, "After= forms a cycle: %s",
                   cycle->str);
      g_string_free (cycle, TRUE);
    } else if (colour[a->index] == 0)
      after_visit (c, a, colour, path);
  }
  g_ptr_array_remove_index (path, path->len - 1);
  colour[s->index] = 2;
}

static void
check_after (Check *c)
{
  const CrnEvent *ev = c->ev;
  g_autofree guint8 *colour = g_new0 (guint8, ev->sessions->len + 1);
  g_autoptr (GPtrArray) path = g_ptr_array_new ();
  for (guint i = 0; i < ev->sessions->len; i++)
    if (colour[i] == 0)
      after_visit (c, g_ptr_array_index (ev->sessions, i), colour, path);

  for (guint i = 0; i < ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    GArray *mine = c->free_starts[s->index];
    for (guint k = 0; k < s->after->len && mine->len; k++) {
      const CrnSession *a = g_ptr_array_index (s->after, k);
      GArray *theirs = c->free_starts[a->index];
      if (theirs->len == 0 || a == s)
        continue;
      CrnTime latest = g_array_index (mine, CrnTime, mine->len - 1);
      CrnTime earliest_end = g_array_index (theirs, CrnTime, 0) + a->duration;
      if (latest < earliest_end) {
        g_autofree char *l = crn_time_format (latest);
        g_autofree char *e = crn_time_format (earliest_end);
        const char *pair[] = { s->id, a->id, NULL };
        add_finding (c, "H6", pair, NULL, "session %s must start after %s ends (After=), but "
                     "%s ends at %s at the earliest and %s can start at %s at the latest",
                     s->id, a->id, a->id, e, s->id, l);
      }
    }
  }
}

static void
check_pins (Check *c, const CrnSolveOptions *opts)
{
  const CrnEvent *ev = c->ev;
  for (guint i = 0; opts && i < opts->n_pins; i++) {
    const CrnPin *pin = &opts->pins[i];
    const CrnSession *s = pin->session;
    const char *ids[] = { s->id, NULL };
    g_autofree char *at = crn_time_format (pin->start);
    CrnReason r = { 0 };
    if (crn_reason_start (ev, c->open, s, pin->start, &r) ||
        (pin->room && crn_reason_room (ev, s, pin->room, &r)) ||
        (pin->room && crn_reason_room_busy (pin->room, pin->start,
                                            pin->start + crn_reason_occupied_minutes (ev, s), &r)))
      add_finding (c, r.rule, ids, NULL, "the pin of session %s (occurrence %u) at %s%s%s "
                   "cannot hold: %s", s->id, pin->occurrence, at, pin->room ? " in " : "",
                   pin->room ? pin->room->id : "", r.text);
    crn_reason_clear (&r);
  }
}

GPtrArray *
crn_check_event (const CrnEvent *ev, const CrnSolveOptions *opts)
{
  Check c = { 0 };
  guint n = ev->sessions->len;
  c.ev = ev;
  c.problem = crn_problem_new (ev);
  c.open = crn_event_open_time (ev);
  c.found = g_ptr_array_new_with_free_func ((GDestroyNotify) crn_violation_free);
  c.ok_starts = g_new0 (GArray *, n + 1);
  c.free_starts = g_new0 (GArray *, n + 1);
  c.ok_rooms = g_new0 (GPtrArray *, n + 1);
  for (guint i = 0; i < n; i++) {
    c.ok_starts[i] = g_array_new (FALSE, FALSE, sizeof (CrnTime));
    c.free_starts[i] = g_array_new (FALSE, FALSE, sizeof (CrnTime));
    c.ok_rooms[i] = g_ptr_array_new ();
  }

  if (n > 0 && c.problem->n_steps == 0)
    add_finding (&c, "H3", NULL, NULL, "the event has no open time: no [Day] has an Open= "
                 "window of at least one %u-minute step outside the breaks", ev->granularity);
  for (guint i = 0; i < n; i++)
    check_session (&c, g_ptr_array_index (ev->sessions, i));
  check_people (&c);
  check_audiences (&c);
  check_totals (&c);
  check_blocks (&c);
  check_forced_overlaps (&c);
  check_after (&c);
  check_pins (&c, opts);

  for (guint i = 0; i < n; i++) {
    g_array_unref (c.ok_starts[i]);
    g_array_unref (c.free_starts[i]);
    g_ptr_array_unref (c.ok_rooms[i]);
  }
  g_free (c.ok_starts);
  g_free (c.free_starts);
  g_free (c.ok_rooms);
  crn_interval_set_free (c.open);
  crn_problem_free (c.problem);
  return c.found;
}

char **
crn_check_format (const GPtrArray *findings)
{
  char **lines = g_new0 (char *, findings->len + 1);
  for (guint i = 0; i < findings->len; i++) {
    const CrnViolation *v = g_ptr_array_index (findings, i);
    lines[i] = g_strdup_printf ("%s: %s", v->rule, v->message);
  }
  return lines;
}
