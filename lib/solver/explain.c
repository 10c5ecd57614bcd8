/* creneau — Explain(session). */
#include "config.h"

#include "explain.h"
#include "reasons.h"
#include "model/error.h"

#include <string.h>

/* Each possible start is scored with a full evaluation; past this many the
 * alternatives are only said to be possible. */
#define MAX_EVALUATIONS 3000

typedef struct {
  const CrnEvent *ev;
  const CrnTimetable *tt;
  const CrnSession *s;
  guint me;                 /* index of the explained occurrence in tt->assignments */
  guint occupied;
  CrnIntervalSet *open;
  CrnTimetable *trial;      /* copy of tt moved around for costs */
  guint64 base_soft;
  guint evaluations;
  gboolean costs_cut;
  /* The cheapest possible other place. */
  gboolean have_best;
  gint64 best_delta;
  CrnTime best_start;
  const CrnRoom *best_room;
} Explain;

static gboolean
shares_person (const CrnSession *a, const CrnSession *b, const CrnPerson **out)
{
  const GPtrArray *lists_a[] = { a->speakers, a->moderators };
  const GPtrArray *lists_b[] = { b->speakers, b->moderators };
  for (guint i = 0; i < 2; i++)
    for (guint k = 0; k < lists_a[i]->len; k++)
      for (guint j = 0; j < 2; j++)
        for (guint m = 0; m < lists_b[j]->len; m++)
          if (g_ptr_array_index (lists_a[i], k) == g_ptr_array_index (lists_b[j], m)) {
            *out = g_ptr_array_index (lists_a[i], k);
            return TRUE;
          }
  return FALSE;
}

static const char *
shared_audience (const CrnSession *a, const CrnSession *b)
{
  for (guint i = 0; i < a->audiences->len; i++)
    for (guint k = 0; k < b->audiences->len; k++)
      if (g_str_equal (g_ptr_array_index (a->audiences, i), g_ptr_array_index (b->audiences, k)))
        return g_ptr_array_index (a->audiences, i);
  return NULL;
}

static char *
session_label (const CrnSession *s)
{
  if (s->kind == CRN_KIND_OTHER)
    return g_strdup_printf ("session %s", s->id);
  return g_strdup_printf ("%s %s", crn_session_kind_to_string (s->kind), s->id);
}

static guint
occupied_of (const Explain *x, const CrnSession *s)
{
  return crn_reason_occupied_minutes (x->ev, s);
}

/* What the rest of the timetable says against starting at @t, or NULL. */
static char *
conflict_reason (Explain *x, CrnTime t)
{
  const CrnSession *s = x->s;
  CrnTime end = t + x->occupied;
  for (guint i = 0; i < x->tt->assignments->len; i++) {
    const CrnAssignment *o = &g_array_index (x->tt->assignments, CrnAssignment, i);
    if (i == x->me || !o->assigned)
      continue;
    const CrnSession *os = o->session;
    CrnTime oend = o->start + occupied_of (x, os);
    gboolean overlap = o->start < end && t < oend;
    g_autofree char *when = crn_reason_format_interval (o->start, oend);
    const CrnPerson *person = NULL;
    const char *aud;
    if (os == s) {
      if (overlap)
        return g_strdup_printf ("would overlap its own occurrence %u (%s)", o->occurrence, when);
      continue;
    }
    if (overlap && os->exclusive) {
      g_autofree char *label = session_label (os);
      return g_strdup_printf ("would overlap %s (exclusive)", label);
    }
    if (overlap && s->exclusive)
      return g_strdup_printf ("would overlap %s (%s, this session is exclusive)", os->id, when);
    if (overlap && shares_person (s, os, &person))
      return g_strdup_printf ("%s %s is in %s then (%s)", crn_reason_person_role (s, person),
                              person->id, os->id, when);
    if (overlap && (aud = shared_audience (s, os)) != NULL)
      return g_strdup_printf ("audience %s is in %s then (%s)", aud, os->id, when);
    if (s->block && g_strcmp0 (s->block, os->block) == 0 && o->start != t) {
      g_autofree char *at = crn_time_format_clock (o->start);
      g_autofree char *day = crn_reason_format_day (o->start);
      return g_strdup_printf ("same block as %s (which starts %s %s)", os->id, day, at);
    }
    for (guint k = 0; k < s->after->len; k++)
      if (g_ptr_array_index (s->after, k) == os && t < o->start + (CrnTime) os->duration) {
        g_autofree char *at = crn_time_format (o->start + os->duration);
        return g_strdup_printf ("must start after %s ends (%s)", os->id, at);
      }
    for (guint k = 0; k < os->after->len; k++)
      if (g_ptr_array_index (os->after, k) == s && o->start < t + (CrnTime) s->duration) {
        g_autofree char *at = crn_time_format (o->start);
        return g_strdup_printf ("must end before %s starts (%s)", os->id, at);
      }
  }
  return NULL;
}

/* The session (other than the explained occurrence) in @room during
 * [t, end), or NULL. */
static const CrnAssignment *
room_holder (Explain *x, const CrnRoom *room, CrnTime t, CrnTime end)
{
  for (guint i = 0; i < x->tt->assignments->len; i++) {
    const CrnAssignment *o = &g_array_index (x->tt->assignments, CrnAssignment, i);
    if (i == x->me || !o->assigned || o->room != room)
      continue;
    if (o->start < end && t < o->start + (CrnTime) occupied_of (x, o->session))
      return o;
  }
  return NULL;
}

/* Soft cost of the timetable with the explained occurrence at (t, room). */
static guint64
trial_soft (Explain *x, CrnTime t, const CrnRoom *room, guint *hard)
{
  CrnAssignment *a = &g_array_index (x->trial->assignments, CrnAssignment, x->me);
  a->start = t;
  a->room = (CrnRoom *) room;
  a->assigned = TRUE;
  crn_evaluate (x->trial, NULL);
  x->evaluations++;
  *hard = x->trial->hard;
  return x->trial->soft;
}

static char *
delta_text (gint64 delta)
{
  if (delta == 0)
    return g_strdup ("same soft cost");
  return g_strdup_printf ("soft %s%" G_GINT64_FORMAT, delta > 0 ? "+" : "−",
                          delta > 0 ? delta : -delta);
}

/* Why the occurrence cannot start at @t, or how much it would cost there. */
typedef struct {
  gboolean possible;   /* free at this start; text is NULL */
  gboolean has_delta;
  gint64 delta;
} Possible;

static char *
start_text (Explain *x, const GPtrArray *rooms, CrnTime t, gboolean current, Possible *pos)
{
  memset (pos, 0, sizeof *pos);
  CrnReason r = { 0 };
  if (crn_reason_start (x->ev, x->open, x->s, t, &r)) {
    char *text = g_steal_pointer (&r.text);
    crn_reason_clear (&r);
    return text;
  }
  char *conflict = conflict_reason (x, t);
  if (conflict)
    return conflict;
  if (rooms->len == 0)
    return g_strdup ("no suitable room");

  CrnTime end = t + x->occupied;
  g_autoptr (GPtrArray) free_rooms = g_ptr_array_new ();
  GString *taken = g_string_new (NULL);
  guint n_taken = 0;
  for (guint i = 0; i < rooms->len; i++) {
    const CrnRoom *room = g_ptr_array_index (rooms, i);
    const CrnAssignment *holder = room_holder (x, room, t, end);
    g_autofree char *what = NULL;
    if (holder)
      what = g_strdup_printf ("%s by %s", room->id, holder->session->id);
    else if (crn_reason_room_busy (room, t, end, &r)) {
      what = g_steal_pointer (&r.text);
      crn_reason_clear (&r);
    } else {
      g_ptr_array_add (free_rooms, (gpointer) room);
      continue;
    }
    if (n_taken++ < 3)
      g_string_append_printf (taken, "%s%s", n_taken > 1 ? ", " : "", what);
  }
  if (free_rooms->len == 0) {
    if (n_taken > 3)
      g_string_append_printf (taken, " and %u more", n_taken - 3);
    char *text = g_strdup_printf ("every suitable room is taken (%s)", taken->str);
    g_string_free (taken, TRUE);
    return text;
  }
  g_string_free (taken, TRUE);
  if (current)
    return g_strdup ("its current start");

  /* The cheapest free room; the current room first so ties keep it. */
  const CrnAssignment *mine = &g_array_index (x->tt->assignments, CrnAssignment, x->me);
  const CrnRoom *best_room = NULL;
  gint64 best = G_MAXINT64;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < free_rooms->len; i++) {
      const CrnRoom *room = g_ptr_array_index (free_rooms, i);
      if ((pass == 0) != (room == mine->room))
        continue;
      if (x->evaluations >= MAX_EVALUATIONS) {
        x->costs_cut = TRUE;
        break;
      }
      guint hard;
      gint64 delta = (gint64) trial_soft (x, t, room, &hard) - (gint64) x->base_soft;
      if (hard <= x->tt->hard && delta < best) {
        best = delta;
        best_room = room;
      }
    }
  pos->possible = TRUE;
  if (best_room == NULL)
    return NULL;
  if (!x->have_best || best < x->best_delta) {
    x->have_best = TRUE;
    x->best_delta = best;
    x->best_start = t;
    x->best_room = best_room;
  }
  pos->has_delta = TRUE;
  pos->delta = best;
  return NULL;
}

static void
add_day_line (GPtrArray *lines, CrnTime day_time, GString *body)
{
  if (body->len == 0)
    return;
  g_autofree char *day = crn_reason_format_day (day_time);
  g_ptr_array_add (lines, g_strdup_printf ("%s — %s", day, body->str));
  g_string_truncate (body, 0);
}

/* Consecutive starts of one day with the same obstacle; possible starts
 * form one run whatever their cost. */
typedef struct {
  char *text;          /* NULL for a run of possible starts */
  gboolean possible;
  gboolean has_delta;
  gint64 lo, hi;
  CrnTime first, last;
} Run;

static gboolean
run_open (const Run *run)
{
  return run->text != NULL || run->possible;
}

static gboolean
run_extends (const Run *run, const char *text, const Possible *pos)
{
  if (run->possible || pos->possible)
    return run->possible && pos->possible;
  return g_str_equal (run->text, text);
}

static void
flush_run (GString *body, Run *run)
{
  g_autofree char *a = crn_time_format_clock (run->first);
  g_autofree char *b = crn_time_format_clock (run->last);
  if (body->len)
    g_string_append (body, "; ");
  if (run->first == run->last)
    g_string_append_printf (body, "%s: ", a);
  else
    g_string_append_printf (body, "%s–%s: ", a, b);
  if (!run->possible)
    g_string_append (body, run->text);
  else if (!run->has_delta)
    g_string_append (body, "possible");
  else if (run->lo == run->hi) {
    g_autofree char *d = delta_text (run->lo);
    g_string_append_printf (body, "possible, %s", d);
  } else {
    g_autofree char *lo = delta_text (run->lo);
    g_autofree char *hi = delta_text (run->hi);
    g_string_append_printf (body, "possible, %s to %s", lo, hi);
  }
  g_clear_pointer (&run->text, g_free);
  run->possible = FALSE;
}

static void
explain_rooms (Explain *x, GPtrArray *lines, GPtrArray *rooms)
{
  GString *out = g_string_new ("Rooms: ");
  gboolean any = FALSE;
  for (guint i = 0; i < x->ev->rooms->len; i++) {
    const CrnRoom *room = g_ptr_array_index (x->ev->rooms, i);
    CrnReason r = { 0 };
    if (crn_reason_room (x->ev, x->s, room, &r)) {
      g_string_append_printf (out, "%s%s", any ? "; " : "", r.text);
      any = TRUE;
      crn_reason_clear (&r);
    } else {
      g_ptr_array_add (rooms, (gpointer) room);
    }
  }
  if (rooms->len == x->ev->rooms->len)
    g_string_append (out, "every room suits it");
  else if (rooms->len == 0)
    g_string_append (out, "; none suits it");
  else {
    g_string_append (out, "; suitable: ");
    for (guint i = 0; i < rooms->len; i++)
      g_string_append_printf (out, "%s%s", i ? ", " : "",
                              ((CrnRoom *) g_ptr_array_index (rooms, i))->id);
  }
  g_string_append_c (out, '.');
  g_ptr_array_add (lines, g_string_free (out, FALSE));
}

static void
explain_position (Explain *x, GPtrArray *lines)
{
  const CrnSession *s = x->s;
  for (guint i = 0; i < x->tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (x->tt->assignments, CrnAssignment, i);
    if (a->session != s)
      continue;
    g_autofree char *which = s->count > 1 ? g_strdup_printf (" (%u of %u)", a->occurrence,
                                                             s->count)
                                          : g_strdup ("");
    if (!a->assigned) {
      g_ptr_array_add (lines, g_strdup_printf ("%s%s has no place in this timetable.", s->id,
                                               which));
      continue;
    }
    g_autofree char *day = crn_reason_format_day (a->start);
    g_autofree char *from = crn_time_format_clock (a->start);
    g_autofree char *to = crn_time_format_clock (a->start + s->duration);
    g_ptr_array_add (lines, g_strdup_printf ("%s%s is on %s %s–%s in %s.", s->id, which, day,
                                             from, to, a->room ? a->room->id : "no room"));
  }

  /* What it still breaks or costs where it is. */
  guint n = 0;
  for (guint i = 0; i < x->trial->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (x->trial->violations, i);
    if (v->sessions == NULL || !g_strv_contains ((const char *const *) v->sessions, s->id))
      continue;
    n++;
    if (v->severity == CRN_VIOLATION_HARD)
      g_ptr_array_add (lines, g_strdup_printf ("It breaks %s: %s.", v->rule, v->message));
    else
      g_ptr_array_add (lines, g_strdup_printf ("It costs %" G_GUINT64_FORMAT " (%s): %s.",
                                               v->cost, v->rule, v->message));
  }
  if (n == 0)
    g_ptr_array_add (lines, g_strdup ("It breaks no rule and adds nothing to the soft cost "
                                      "there."));
}

char **
crn_explain (const CrnEvent *ev, const CrnTimetable *tt, const char *session_id, GError **error)
{
  const CrnSession *s = crn_event_lookup_session (ev, session_id);
  if (s == NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "event %s has no session \"%s\"", ev->id,
                 session_id ? session_id : "");
    return NULL;
  }
  g_autoptr (CrnTimetable) empty = NULL;
  if (tt == NULL)
    tt = empty = crn_timetable_new (ev);
  if (tt->event != ev) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "the timetable is not one of event %s", ev->id);
    return NULL;
  }
  Explain x = { 0 };
  x.ev = ev;
  x.tt = tt;
  x.s = s;
  x.occupied = crn_reason_occupied_minutes (ev, s);
  x.me = G_MAXUINT;
  for (guint i = 0; i < tt->assignments->len && x.me == G_MAXUINT; i++)
    if (g_array_index (tt->assignments, CrnAssignment, i).session == s)
      x.me = i;
  g_return_val_if_fail (x.me != G_MAXUINT, NULL);
  x.open = crn_event_open_time (ev);
  x.trial = crn_timetable_copy (tt);
  crn_evaluate (x.trial, NULL);
  x.base_soft = x.trial->soft;

  GPtrArray *lines = g_ptr_array_new ();
  explain_position (&x, lines);
  g_autoptr (GPtrArray) rooms = g_ptr_array_new ();
  explain_rooms (&x, lines, rooms);

  const CrnAssignment *mine = &g_array_index (tt->assignments, CrnAssignment, x.me);
  if (s->count > 1)
    g_ptr_array_add (lines, g_strdup_printf ("Other starts for occurrence 1 (the other "
                                             "occurrences and sessions staying where they "
                                             "are):"));
  else
    g_ptr_array_add (lines, g_strdup ("Other starts (the other sessions staying where they "
                                      "are):"));
  g_autoptr (CrnProblem) p = crn_problem_new (ev);
  g_autoptr (GString) body = g_string_new (NULL);
  Run run = { NULL, FALSE, FALSE, 0, 0, 0, 0 };
  guint run_day = G_MAXUINT;
  for (guint t = 0; t <= p->n_steps; t++) {
    gboolean end_of_day = t == p->n_steps || p->step_day[t] != run_day;
    if (run_open (&run) && end_of_day) {
      flush_run (body, &run);
      add_day_line (lines, run.first, body);
    }
    if (t == p->n_steps)
      break;
    CrnTime st = p->step_time[t];
    Possible pos;
    char *text = start_text (&x, rooms, st, mine->assigned && st == mine->start, &pos);
    if (run_open (&run) && run_extends (&run, text, &pos)) {
      run.last = st;
      if (pos.has_delta) {
        run.lo = run.has_delta ? MIN (run.lo, pos.delta) : pos.delta;
        run.hi = run.has_delta ? MAX (run.hi, pos.delta) : pos.delta;
        run.has_delta = TRUE;
      }
      g_free (text);
      continue;
    }
    if (run_open (&run))
      flush_run (body, &run);
    run.text = text;
    run.possible = pos.possible;
    run.has_delta = pos.has_delta;
    run.lo = run.hi = pos.delta;
    run.first = run.last = st;
    run_day = p->step_day[t];
  }

  if (x.have_best) {
    g_autofree char *day = crn_reason_format_day (x.best_start);
    g_autofree char *at = crn_time_format_clock (x.best_start);
    gint64 dl = x.best_delta;
    g_autofree char *cost = dl == 0 ? g_strdup ("costs the same")
                                    : g_strdup_printf ("costs %" G_GINT64_FORMAT " %s",
                                                       dl > 0 ? dl : -dl, dl > 0 ? "more" : "less");
    if (dl >= 0)
      g_ptr_array_add (lines, g_strdup_printf (
                                "It is where it is because no other possible place is cheaper: "
                                "the best, %s %s in %s, %s.", day, at, x.best_room->id, cost));
    else
      g_ptr_array_add (lines, g_strdup_printf (
                                "A cheaper place exists: %s %s in %s %s; a longer solve may "
                                "find it.", day, at, x.best_room->id, cost));
  } else {
    g_ptr_array_add (lines, g_strdup ("No other start is possible while the rest of the "
                                      "timetable stays where it is."));
  }
  if (x.costs_cut)
    g_ptr_array_add (lines, g_strdup_printf ("(Costs were computed for the first %u "
                                             "possibilities only.)", MAX_EVALUATIONS));

  crn_timetable_free (x.trial);
  crn_interval_set_free (x.open);
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

GPtrArray *
crn_explain_session (const CrnEvent *ev, const CrnTimetable *tt, const CrnSession *session,
                     GError **error)
{
  char **lines = crn_explain (ev, tt, session->id, error);
  if (lines == NULL)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i]; i++)
    g_ptr_array_add (out, lines[i]);
  g_free (lines);
  return out;
}
