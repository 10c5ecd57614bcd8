/* creneau — candidate obstacles as sentences in the event's own names. */
#include "config.h"

#include "reasons.h"

#include <string.h>

static const char *const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const weekday_names[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

void
crn_reason_clear (CrnReason *r)
{
  g_clear_pointer (&r->key, g_free);
  g_clear_pointer (&r->text, g_free);
  r->rule = NULL;
}

guint
crn_reason_occupied_minutes (const CrnEvent *ev, const CrnSession *s)
{
  guint g = MAX (ev->granularity, 1);
  return MAX (1, (s->duration + g - 1) / g) * g;
}

static char *
format_date (CrnTime t)
{
  int y, mo, d, h, mi;
  crn_time_to_ymd_hm (t, &y, &mo, &d, &h, &mi);
  return g_strdup_printf ("%d %s", d, month_names[CLAMP (mo, 1, 12) - 1]);
}

char *
crn_reason_format_day (CrnTime t)
{
  /* 1970-01-01 was a Thursday. */
  gint64 days = (crn_time_day_start (t)) / CRN_MINUTES_PER_DAY;
  gint64 wd = ((days + 3) % 7 + 7) % 7;
  g_autofree char *date = format_date (t);
  return g_strdup_printf ("%s %s", weekday_names[wd], date);
}

char *
crn_reason_format_interval (CrnTime start, CrnTime end)
{
  g_autofree char *d0 = format_date (start);
  if (crn_time_minute_of_day (start) == 0 && crn_time_minute_of_day (end) == 0) {
    if (end - start == CRN_MINUTES_PER_DAY)
      return g_steal_pointer (&d0);
    g_autofree char *d1 = format_date (end - 1);
    return g_strdup_printf ("%s–%s", d0, d1);
  }
  g_autofree char *c0 = crn_time_format_clock (start);
  g_autofree char *c1 = crn_time_format_clock (end);
  if (crn_time_day_start (start) == crn_time_day_start (end) ||
      (crn_time_minute_of_day (end) == 0 && end - start <= CRN_MINUTES_PER_DAY)) {
    if (crn_time_minute_of_day (end) == 0) {
      g_free (c1);
      c1 = g_strdup ("24:00");
    }
    return g_strdup_printf ("%s %s–%s", d0, c0, c1);
  }
  g_autofree char *d1 = format_date (end);
  return g_strdup_printf ("%s %s–%s %s", d0, c0, d1, c1);
}

const char *
crn_reason_person_role (const CrnSession *s, const CrnPerson *p)
{
  for (guint i = 0; i < s->speakers->len; i++)
    if (g_ptr_array_index (s->speakers, i) == p)
      return "speaker";
  for (guint i = 0; i < s->moderators->len; i++)
    if (g_ptr_array_index (s->moderators, i) == p)
      return "moderator";
  return "person";
}

/* The busy note that explains an overlap with [start, end), or a note built
 * from @set when the interval came without one. */
static CrnBusyNote
find_note (const GArray *notes, const CrnIntervalSet *set, CrnTime start, CrnTime end)
{
  for (guint i = 0; notes && i < notes->len; i++) {
    const CrnBusyNote *n = &g_array_index (notes, CrnBusyNote, i);
    if (n->start < end && start < n->end)
      return *n;
  }
  for (guint i = 0; i < crn_interval_set_get_n (set); i++) {
    CrnInterval iv = crn_interval_set_get (set, i);
    if (iv.start < end && start < iv.end)
      return (CrnBusyNote) { iv.start, iv.end, NULL };
  }
  return (CrnBusyNote) { start, end, NULL };
}

static char *
source_suffix (const char *source)
{
  return source ? g_strdup_printf (" (%s)", source) : g_strdup ("");
}

static void
set_reason (CrnReason *out, const char *rule, char *key, char *text)
{
  out->rule = rule;
  out->key = key;
  out->text = text;
}

static void
busy_reason (CrnReason *out, const char *what, const GArray *notes, const CrnIntervalSet *set,
             CrnTime start, CrnTime end)
{
  CrnBusyNote n = find_note (notes, set, start, end);
  g_autofree char *when = crn_reason_format_interval (n.start, n.end);
  g_autofree char *src = source_suffix (n.source);
  set_reason (out, "H3", g_strdup_printf ("%s busy%s", what, src),
              g_strdup_printf ("%s busy %s%s", what, when, src));
}

/* Why [start, start + occupied) is not inside one open window. */
static void
window_reason (const CrnEvent *ev, const CrnIntervalSet *open, CrnTime start, guint occupied,
               CrnReason *out)
{
  CrnTime end = start + occupied;
  const CrnDay *day = crn_event_lookup_day (ev, crn_time_day_start (start));
  g_autofree char *dayname = crn_reason_format_day (start);
  if (day == NULL || crn_interval_set_is_empty (day->open)) {
    set_reason (out, "H3", g_strdup ("not on a day of the event"),
                g_strdup_printf ("%s is not a day of the event", dayname));
    return;
  }
  if (crn_interval_set_fits (day->open, start, end)) {
    for (guint i = 0; i < ev->breaks->len; i++) {
      const CrnBreak *b = g_ptr_array_index (ev->breaks, i);
      if (b->start < end && start < b->end) {
        g_autofree char *when = crn_reason_format_interval (b->start, b->end);
        const char *title = b->title && *b->title ? b->title : b->id;
        set_reason (out, "H3", g_strdup_printf ("would cross break %s", b->id),
                    g_strdup_printf ("would cross break %s (%s, %s)", b->id, title, when));
        return;
      }
    }
  }
  for (guint i = 0; i < crn_interval_set_get_n (open); i++) {
    CrnInterval iv = crn_interval_set_get (open, i);
    if (iv.start <= start && start < iv.end) {
      g_autofree char *w = crn_reason_format_interval (iv.start, iv.end);
      set_reason (out, "H3", g_strdup ("runs past the end of its window"),
                  g_strdup_printf ("runs past the end of the window %s (needs %u min)", w,
                                   occupied));
      return;
    }
  }
  set_reason (out, "H3", g_strdup ("outside the open windows"),
              g_strdup_printf ("outside the open windows of %s", dayname));
}

static char *
join_days (const GArray *days)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < days->len; i++) {
    g_autofree char *d = format_date (g_array_index (days, CrnTime, i));
    g_string_append_printf (s, "%s%s", i ? ", " : "", d);
  }
  return g_string_free (s, FALSE);
}

static char *
join_minutes (const GArray *starts)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < starts->len; i++) {
    int m = g_array_index (starts, int, i);
    g_string_append_printf (s, "%s%02d:%02d", i ? ", " : "", m / 60, m % 60);
  }
  return g_string_free (s, FALSE);
}

gboolean
crn_reason_start (const CrnEvent *ev, const CrnIntervalSet *open, const CrnSession *s,
                  CrnTime start, CrnReason *out)
{
  const CrnPerson *person = NULL;
  const CrnPartner *partner = NULL;
  guint occupied = crn_reason_occupied_minutes (ev, s);
  CrnTime end = start + s->duration;
  CrnCandidateReason r = crn_problem_start_reason (ev, s, start, &person, &partner);
  switch (r) {
  case CRN_CAND_FIXED_START: {
    g_autofree char *at = crn_time_format (s->start);
    set_reason (out, "H5", g_strdup_printf ("fixed start %s", at),
                g_strdup_printf ("its start is fixed at %s (Start=)", at));
    return TRUE;
  }
  case CRN_CAND_DAYS: {
    g_autofree char *days = join_days (s->days);
    set_reason (out, "H5", g_strdup_printf ("not an allowed day (Days=%s)", days),
                g_strdup_printf ("not an allowed day (Days=%s)", days));
    return TRUE;
  }
  case CRN_CAND_STARTS: {
    g_autofree char *starts = join_minutes (s->starts);
    set_reason (out, "H5", g_strdup_printf ("not an allowed start time (Starts=%s)", starts),
                g_strdup_printf ("not an allowed start time (Starts=%s)", starts));
    return TRUE;
  }
  default:
    break;
  }
  if (!crn_interval_set_fits (open, start, start + occupied)) {
    window_reason (ev, open, start, occupied, out);
    return TRUE;
  }
  switch (r) {
  case CRN_CAND_OK:
    return FALSE;
  case CRN_CAND_SESSION_UNAVAILABLE: {
    g_autofree char *what = g_strdup_printf ("session %s unavailable", s->id);
    CrnBusyNote n = find_note (NULL, s->unavailable, start, end);
    g_autofree char *when = crn_reason_format_interval (n.start, n.end);
    g_autofree char *where = s->file ? (s->line > 0 ? g_strdup_printf (" (%s:%d)", s->file,
                                                                        s->line)
                                                    : g_strdup_printf (" (%s)", s->file))
                                     : g_strdup ("");
    set_reason (out, "H3", g_strdup_printf ("%s%s", what, where),
                g_strdup_printf ("its Unavailable= %s%s", when, where));
    return TRUE;
  }
  case CRN_CAND_PERSON_UNAVAILABLE: {
    if (person == NULL)
      break;
    g_autofree char *what =
      g_strdup_printf ("%s %s", crn_reason_person_role (s, person), person->id);
    busy_reason (out, what, person->busy_notes, person->unavailable, start, end);
    return TRUE;
  }
  case CRN_CAND_PARTNER_UNAVAILABLE: {
    if (partner == NULL)
      break;
    if (!crn_interval_set_is_empty (partner->available) &&
        !crn_interval_set_fits (partner->available, start, end)) {
      GString *list = g_string_new (NULL);
      guint n = crn_interval_set_get_n (partner->available);
      for (guint i = 0; i < n && i < 3; i++) {
        CrnInterval iv = crn_interval_set_get (partner->available, i);
        g_autofree char *w = crn_reason_format_interval (iv.start, iv.end);
        g_string_append_printf (list, "%s%s", i ? ", " : "", w);
      }
      if (n > 3)
        g_string_append_printf (list, " and %u more", n - 3);
      set_reason (out, "H3", g_strdup_printf ("partner %s not available then", partner->id),
                  g_strdup_printf ("partner %s not available then (only %s)", partner->id,
                                   list->str));
      g_string_free (list, TRUE);
      return TRUE;
    }
    g_autofree char *what = g_strdup_printf ("partner %s", partner->id);
    busy_reason (out, what, partner->busy_notes, partner->unavailable, start, end);
    return TRUE;
  }
  default:
    break;
  }
  /* A reason this file does not know yet: still name the rule. */
  set_reason (out, "H3", g_strdup ("unavailable"), g_strdup ("unavailable then"));
  return TRUE;
}

gboolean
crn_reason_room (const CrnEvent *ev, const CrnSession *s, const CrnRoom *room, CrnReason *out)
{
  switch (crn_problem_room_reason (ev, s, room)) {
  case CRN_CAND_OK:
    return FALSE;
  case CRN_CAND_ROOM_FIXED:
    set_reason (out, "H5", g_strdup_printf ("not its fixed room %s", s->room->id),
                g_strdup_printf ("room %s is not its fixed room %s", room->id, s->room->id));
    return TRUE;
  case CRN_CAND_ROOM_TAGS:
    for (guint i = 0; i < s->room_tags->len; i++) {
      const char *tag = g_ptr_array_index (s->room_tags, i);
      gboolean has = FALSE;
      for (guint k = 0; k < room->tags->len && !has; k++)
        has = g_str_equal (g_ptr_array_index (room->tags, k), tag);
      if (!has) {
        set_reason (out, "H4", g_strdup_printf ("lacks tag %s", tag),
                    g_strdup_printf ("room %s lacks tag %s", room->id, tag));
        return TRUE;
      }
    }
    break;
  case CRN_CAND_ROOM_CAPACITY:
    set_reason (out, "H4", g_strdup ("too small"),
                g_strdup_printf ("room %s too small (%u < %u)", room->id, room->capacity,
                                 s->attendance));
    return TRUE;
  default:
    break;
  }
  set_reason (out, "H4", g_strdup ("unsuitable"), g_strdup_printf ("room %s unsuitable", room->id));
  return TRUE;
}

gboolean
crn_reason_room_busy (const CrnRoom *room, CrnTime start, CrnTime end, CrnReason *out)
{
  if (!crn_interval_set_overlaps (room->unavailable, start, end))
    return FALSE;
  g_autofree char *what = g_strdup_printf ("room %s", room->id);
  CrnBusyNote n = find_note (room->busy_notes, room->unavailable, start, end);
  g_autofree char *when = crn_reason_format_interval (n.start, n.end);
  g_autofree char *src = source_suffix (n.source);
  set_reason (out, "H3", g_strdup_printf ("room %s unavailable%s", room->id, src),
              g_strdup_printf ("room %s unavailable %s%s", room->id, when, src));
  return TRUE;
}
