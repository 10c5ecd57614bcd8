/* creneau — checks on the whole event that need no solver: After= cycles,
 * lonely blocks, and sessions that can never fit an open window. */
#include "config.h"

#include "reader-private.h"
#include "suggest.h"

#include <string.h>

/* After= cycles (H6 could never hold). */

enum { WHITE, GREY, BLACK };

static void
report_cycle (CrnReader *r, GPtrArray *stack, CrnSession *back_to)
{
  guint from = 0;
  while (g_ptr_array_index (stack, from) != back_to)
    from++;
  GString *path = g_string_new (NULL);
  for (guint i = from; i < stack->len; i++) {
    CrnSession *s = g_ptr_array_index (stack, i);
    g_string_append_printf (path, "%s after ", s->id);
  }
  g_string_append (path, back_to->id);
  g_autofree char *group = g_strconcat ("Session ", back_to->id, NULL);
  g_autofree char *text = g_string_free (path, FALSE);
  crn_reader_error (r, group, "After", "the sessions wait for each other in a circle: %s", text);
}

static void
visit (CrnReader *r, CrnSession *s, guint8 *colour, GPtrArray *stack)
{
  colour[s->index] = GREY;
  g_ptr_array_add (stack, s);
  for (guint i = 0; i < s->after->len; i++) {
    CrnSession *next = g_ptr_array_index (s->after, i);
    if (colour[next->index] == GREY)
      report_cycle (r, stack, next);
    else if (colour[next->index] == WHITE)
      visit (r, next, colour, stack);
  }
  g_ptr_array_remove_index (stack, stack->len - 1);
  colour[s->index] = BLACK;
}

static void
check_after_cycles (CrnReader *r)
{
  GPtrArray *sessions = r->event->sessions;
  g_autofree guint8 *colour = g_new0 (guint8, sessions->len + 1);
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  for (guint i = 0; i < sessions->len; i++)
    if (colour[i] == WHITE)
      visit (r, g_ptr_array_index (sessions, i), colour, stack);
}

/* A block exists only through the sessions naming it; one alone is most
 * likely a typo in the other's name. */
static void
check_blocks (CrnReader *r)
{
  GPtrArray *sessions = r->event->sessions;
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (sessions, i);
    if (s->block == NULL)
      continue;
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->block));
    g_hash_table_insert (counts, s->block, GUINT_TO_POINTER (n + 1));
  }
  for (guint i = 0; i < sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (sessions, i);
    if (s->block == NULL || GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->block)) != 1)
      continue;
    g_autofree char *group = g_strconcat ("Session ", s->id, NULL);
    g_autofree char *hint = crn_suggestion_suffix (crn_suggest_key (s->block, counts));
    crn_reader_warning (r, group, "Block", "no other session is in the block \"%s\"%s", s->block,
                        hint);
  }
}

/* Sessions against the open windows (H3, H5). */

static char *
format_window (CrnTime start, CrnTime end)
{
  g_autofree char *a = crn_time_format_clock (start);
  g_autofree char *b = end - crn_time_day_start (start) == CRN_MINUTES_PER_DAY
                           ? g_strdup ("24:00") : crn_time_format_clock (end);
  return g_strdup_printf ("%s-%s", a, b);
}

static char *
format_windows (const CrnIntervalSet *set)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < crn_interval_set_get_n (set); i++) {
    CrnInterval iv = crn_interval_set_get (set, i);
    g_autofree char *w = format_window (iv.start, iv.end);
    g_string_append_printf (s, "%s%s", i ? ", " : "", w);
  }
  return g_string_free (s, FALSE);
}

static void
check_fixed_start (CrnReader *r, const char *group, CrnSession *s)
{
  CrnEvent *ev = r->event;
  CrnTime start = s->start, end = s->start + s->duration;
  CrnDay *day = crn_event_lookup_day (ev, crn_time_day_start (start));
  g_autofree char *date = crn_time_format_date (start);
  g_autofree char *span = format_window (start, end);
  if (day == NULL)
    return; /* reported while reading */
  if (!crn_interval_set_fits (day->open, start, end)) {
    g_autofree char *windows = format_windows (day->open);
    crn_reader_error (r, group, "Start", "%s %s is outside the open windows of that day (%s)",
                      date, span, windows);
    return;
  }
  for (guint i = 0; i < ev->breaks->len; i++) {
    CrnBreak *b = g_ptr_array_index (ev->breaks, i);
    if (b->start < end && start < b->end) {
      g_autofree char *bw = format_window (b->start, b->end);
      crn_reader_error (r, group, "Start", "%s %s runs across the break \"%s\" (%s)", date, span,
                        b->id, bw);
      return;
    }
  }
  if (crn_interval_set_overlaps (s->unavailable, start, end)) {
    crn_reader_error (r, group, "Start", "%s %s falls in the session's own Unavailable time",
                      date, span);
    return;
  }
  gboolean day_allowed = s->days->len == 0;
  for (guint i = 0; i < s->days->len; i++)
    day_allowed = day_allowed || g_array_index (s->days, CrnTime, i) == day->date;
  if (!day_allowed) {
    crn_reader_error (r, group, "Start", "%s is not one of the session's Days", date);
    return;
  }
  gboolean start_allowed = s->starts->len == 0;
  for (guint i = 0; i < s->starts->len; i++)
    start_allowed = start_allowed
                    || g_array_index (s->starts, int, i) == crn_time_minute_of_day (start);
  if (!start_allowed) {
    g_autofree char *clock = crn_time_format_clock (start);
    crn_reader_error (r, group, "Start", "%s is not one of the session's Starts", clock);
  }
}

/* TRUE when some allowed start lets the session fit inside @allowed. */
static gboolean
fits_somewhere (const CrnEvent *ev, const CrnSession *s, const CrnIntervalSet *allowed)
{
  for (guint i = 0; i < crn_interval_set_get_n (allowed); i++) {
    CrnInterval iv = crn_interval_set_get (allowed, i);
    if (iv.end - iv.start < (CrnTime) s->duration)
      continue;
    if (s->starts->len == 0)
      return TRUE;
    for (CrnTime day = crn_time_day_start (iv.start); day < iv.end; day += CRN_MINUTES_PER_DAY)
      for (guint j = 0; j < s->starts->len; j++) {
        CrnTime t = day + g_array_index (s->starts, int, j);
        if (t >= iv.start && t + (CrnTime) s->duration <= iv.end)
          return TRUE;
      }
  }
  (void) ev;
  return FALSE;
}

static CrnTime
longest (const CrnIntervalSet *set)
{
  CrnTime best = 0;
  for (guint i = 0; i < crn_interval_set_get_n (set); i++) {
    CrnInterval iv = crn_interval_set_get (set, i);
    best = MAX (best, iv.end - iv.start);
  }
  return best;
}

static void
check_session_fits (CrnReader *r, CrnSession *s, const CrnIntervalSet *open)
{
  g_autofree char *group = g_strconcat ("Session ", s->id, NULL);
  if (s->has_start) {
    check_fixed_start (r, group, s);
    return;
  }
  g_autoptr (CrnIntervalSet) allowed = crn_interval_set_copy (open);
  if (s->days->len > 0) {
    g_autoptr (CrnIntervalSet) days = crn_interval_set_new ();
    for (guint i = 0; i < s->days->len; i++) {
      CrnTime d = g_array_index (s->days, CrnTime, i);
      crn_interval_set_add (days, d, d + CRN_MINUTES_PER_DAY);
    }
    crn_interval_set_intersect (allowed, days);
  }
  crn_interval_set_subtract (allowed, s->unavailable);
  if (fits_somewhere (r->event, s, allowed))
    return;
  const char *where = s->days->len > 0 || !crn_interval_set_is_empty (s->unavailable)
                          ? " on the days and times the session allows" : "";
  if (longest (allowed) < (CrnTime) s->duration)
    crn_reader_error (r, group, "Duration",
                      "%u minutes fit in no open window%s (the longest, between breaks, is %"
                      G_GINT64_FORMAT " minutes)", s->duration, where, longest (allowed));
  else
    crn_reader_error (r, group, "Starts",
                      "no allowed start leaves %u minutes inside an open window%s", s->duration,
                      where);
}

/* Sessions declared by plugins: the same checks, reported where the plugin
 * said the session was written. */
static void
check_declared_session (CrnReader *r, CrnSession *s, const CrnIntervalSet *open)
{
  guint g = r->event->granularity;
  if (s->duration == 0 || s->duration % g != 0) {
    crn_diagnostics_add (r->diags, CRN_SEVERITY_ERROR, NULL, s->file, s->line, NULL, "Duration",
                         "session \"%s\": %u minutes is not a positive multiple of the event's "
                         "granularity of %u minutes", s->id, s->duration, g);
    return;
  }
  guint before = crn_diagnostics_get_n (r->diags);
  check_session_fits (r, s, open);
  /* check_session_fits speaks of event.conf; move what it found to the
   * session's own file and line. */
  for (guint i = before; i < crn_diagnostics_get_n (r->diags); i++) {
    CrnDiagnostic *d = (CrnDiagnostic *) crn_diagnostics_get (r->diags, i);
    g_free (d->file);
    d->file = g_strdup (s->file);
    d->line = s->line;
  }
}

void
crn_reader_validate (CrnReader *r)
{
  CrnEvent *ev = r->event;
  check_after_cycles (r);
  check_blocks (r);
  if (ev->days->len == 0)
    return;
  g_autoptr (CrnIntervalSet) open = crn_event_open_time (ev);
  for (guint i = 0; i < ev->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (ev->sessions, i);
    if (g_hash_table_contains (r->timing_ok, s))
      check_session_fits (r, s, open);
    else if (s->refs != NULL)
      check_declared_session (r, s, open);
  }
}
