/* creneau — local wall-clock time and interval sets. */
#include "config.h"

#include <creneau/time.h>
#include <stdio.h>
#include <string.h>

struct _CrnIntervalSet {
  GArray *iv; /* CrnInterval, sorted, disjoint, non-adjacent */
};

/* Days since 1970-01-01 in the proleptic Gregorian calendar. */
static gint64
days_from_civil (gint64 y, int m, int d)
{
  y -= m <= 2;
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64 z, int *y, int *m, int *d)
{
  z += 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 yy = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yy + (*m <= 2));
}

CrnTime
crn_time_from_ymd_hm (int year, int month, int day, int hour, int minute)
{
  return days_from_civil (year, month, day) * CRN_MINUTES_PER_DAY + hour * 60 + minute;
}

static gint64
floor_div (gint64 a, gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void
crn_time_to_ymd_hm (CrnTime t, int *year, int *month, int *day, int *hour, int *minute)
{
  gint64 days = floor_div (t, CRN_MINUTES_PER_DAY);
  int mod = (int) (t - days * CRN_MINUTES_PER_DAY);
  int y, m, d;
  civil_from_days (days, &y, &m, &d);
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = d;
  if (hour) *hour = mod / 60;
  if (minute) *minute = mod % 60;
}

CrnTime
crn_time_day_start (CrnTime t)
{
  return floor_div (t, CRN_MINUTES_PER_DAY) * CRN_MINUTES_PER_DAY;
}

int
crn_time_minute_of_day (CrnTime t)
{
  return (int) (t - crn_time_day_start (t));
}

static gboolean
parse_digits (const char **p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (!g_ascii_isdigit ((*p)[i]))
      return FALSE;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
parse_date_at (const char **p, CrnTime *out)
{
  int y, m, d;
  if (!parse_digits (p, 4, &y) || **p != '-')
    return FALSE;
  (*p)++;
  if (!parse_digits (p, 2, &m) || **p != '-')
    return FALSE;
  (*p)++;
  if (!parse_digits (p, 2, &d))
    return FALSE;
  if (y < 1971 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  *out = crn_time_from_ymd_hm (y, m, d, 0, 0);
  return TRUE;
}

/* HH:MM with 00:00..24:00; 24:00 only as an end of day. */
static gboolean
parse_clock_at (const char **p, int *out)
{
  int h, m;
  if (!parse_digits (p, 2, &h) || **p != ':')
    return FALSE;
  (*p)++;
  if (!parse_digits (p, 2, &m))
    return FALSE;
  if (m > 59 || h > 24 || (h == 24 && m != 0))
    return FALSE;
  *out = h * 60 + m;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

gboolean
crn_time_parse_date (const char *text, CrnTime *out_midnight)
{
  const char *p = skip_spaces (text);
  CrnTime t;
  if (!parse_date_at (&p, &t))
    return FALSE;
  if (*skip_spaces (p) != '\0')
    return FALSE;
  *out_midnight = t;
  return TRUE;
}

gboolean
crn_time_parse_clock (const char *text, int *out_minute_of_day)
{
  const char *p = skip_spaces (text);
  int v;
  if (!parse_clock_at (&p, &v) || v >= CRN_MINUTES_PER_DAY)
    return FALSE;
  if (*skip_spaces (p) != '\0')
    return FALSE;
  *out_minute_of_day = v;
  return TRUE;
}

gboolean
crn_time_parse (const char *text, CrnTime *out)
{
  const char *p = skip_spaces (text);
  CrnTime day;
  int clock;
  if (!parse_date_at (&p, &day))
    return FALSE;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  p = skip_spaces (p + 1);
  if (!parse_clock_at (&p, &clock) || clock >= CRN_MINUTES_PER_DAY)
    return FALSE;
  if (*skip_spaces (p) != '\0')
    return FALSE;
  *out = day + clock;
  return TRUE;
}

gboolean
crn_time_parse_interval (const char *text, CrnTime *out_start, CrnTime *out_end)
{
  const char *p = skip_spaces (text);
  CrnTime day;
  int a, b;
  if (!parse_date_at (&p, &day))
    return FALSE;
  p = skip_spaces (p);
  if (*p == '\0') {
    *out_start = day;
    *out_end = day + CRN_MINUTES_PER_DAY;
    return TRUE;
  }
  if (!parse_clock_at (&p, &a) || a >= CRN_MINUTES_PER_DAY)
    return FALSE;
  p = skip_spaces (p);
  if (*p != '-')
    return FALSE;
  p = skip_spaces (p + 1);
  if (!parse_clock_at (&p, &b))
    return FALSE;
  if (*skip_spaces (p) != '\0' || b <= a)
    return FALSE;
  *out_start = day + a;
  *out_end = day + b;
  return TRUE;
}

char *
crn_time_format (CrnTime t)
{
  int y, m, d, h, mi;
  crn_time_to_ymd_hm (t, &y, &m, &d, &h, &mi);
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", y, m, d, h, mi);
}

char *
crn_time_format_date (CrnTime t)
{
  int y, m, d;
  crn_time_to_ymd_hm (t, &y, &m, &d, NULL, NULL);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

char *
crn_time_format_clock (CrnTime t)
{
  int h, mi;
  crn_time_to_ymd_hm (t, NULL, NULL, NULL, &h, &mi);
  return g_strdup_printf ("%02d:%02d", h, mi);
}

gint64
crn_time_to_unix (CrnTime t, GTimeZone *tz)
{
  int y, m, d, h, mi;
  crn_time_to_ymd_hm (t, &y, &m, &d, &h, &mi);
  g_autoptr (GDateTime) dt = g_date_time_new (tz, y, m, d, h, mi, 0);
  if (dt == NULL)
    return t * 60;
  return g_date_time_to_unix (dt);
}

CrnTime
crn_time_from_unix (gint64 unix_seconds, GTimeZone *tz)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  if (utc == NULL)
    return floor_div (unix_seconds, 60);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  return crn_time_from_ymd_hm (g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local), g_date_time_get_hour (local),
                               g_date_time_get_minute (local));
}

/* Interval sets. */

CrnIntervalSet *
crn_interval_set_new (void)
{
  CrnIntervalSet *set = g_new0 (CrnIntervalSet, 1);
  set->iv = g_array_new (FALSE, FALSE, sizeof (CrnInterval));
  return set;
}

CrnIntervalSet *
crn_interval_set_copy (const CrnIntervalSet *set)
{
  CrnIntervalSet *copy = crn_interval_set_new ();
  g_array_append_vals (copy->iv, set->iv->data, set->iv->len);
  return copy;
}

void
crn_interval_set_free (CrnIntervalSet *set)
{
  if (set == NULL)
    return;
  g_array_unref (set->iv);
  g_free (set);
}

void
crn_interval_set_clear (CrnIntervalSet *set)
{
  g_array_set_size (set->iv, 0);
}

#define IV(set, i) g_array_index ((set)->iv, CrnInterval, (i))

/* First interval whose end is >= t (adjacent counts, for merging). */
static guint
lower_bound_end (const CrnIntervalSet *set, CrnTime t)
{
  guint lo = 0, hi = set->iv->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (IV (set, mid).end < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void
crn_interval_set_add (CrnIntervalSet *set, CrnTime start, CrnTime end)
{
  if (end <= start)
    return;
  guint i = lower_bound_end (set, start);
  guint j = i;
  while (j < set->iv->len && IV (set, j).start <= end) {
    start = MIN (start, IV (set, j).start);
    end = MAX (end, IV (set, j).end);
    j++;
  }
  if (j > i)
    g_array_remove_range (set->iv, i, j - i);
  CrnInterval n = { start, end };
  g_array_insert_val (set->iv, i, n);
}

void
crn_interval_set_remove (CrnIntervalSet *set, CrnTime start, CrnTime end)
{
  if (end <= start)
    return;
  g_autoptr (GArray) out = g_array_sized_new (FALSE, FALSE, sizeof (CrnInterval), set->iv->len + 1);
  for (guint i = 0; i < set->iv->len; i++) {
    CrnInterval c = IV (set, i);
    if (c.end <= start || c.start >= end) {
      g_array_append_val (out, c);
      continue;
    }
    if (c.start < start) {
      CrnInterval l = { c.start, start };
      g_array_append_val (out, l);
    }
    if (c.end > end) {
      CrnInterval r = { end, c.end };
      g_array_append_val (out, r);
    }
  }
  g_array_set_size (set->iv, 0);
  g_array_append_vals (set->iv, out->data, out->len);
}

void
crn_interval_set_union (CrnIntervalSet *set, const CrnIntervalSet *other)
{
  for (guint i = 0; i < other->iv->len; i++)
    crn_interval_set_add (set, IV (other, i).start, IV (other, i).end);
}

void
crn_interval_set_intersect (CrnIntervalSet *set, const CrnIntervalSet *other)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (CrnInterval));
  guint i = 0, j = 0;
  while (i < set->iv->len && j < other->iv->len) {
    CrnInterval a = IV (set, i), b = IV (other, j);
    CrnTime s = MAX (a.start, b.start), e = MIN (a.end, b.end);
    if (s < e) {
      CrnInterval n = { s, e };
      g_array_append_val (out, n);
    }
    if (a.end < b.end)
      i++;
    else
      j++;
  }
  g_array_set_size (set->iv, 0);
  g_array_append_vals (set->iv, out->data, out->len);
}

void
crn_interval_set_subtract (CrnIntervalSet *set, const CrnIntervalSet *other)
{
  for (guint i = 0; i < other->iv->len && set->iv->len > 0; i++)
    crn_interval_set_remove (set, IV (other, i).start, IV (other, i).end);
}

/* Index of the interval containing t, or -1. */
static gint
find_containing (const CrnIntervalSet *set, CrnTime t)
{
  guint lo = 0, hi = set->iv->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (IV (set, mid).end <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < set->iv->len && IV (set, lo).start <= t)
    return (gint) lo;
  return -1;
}

gboolean
crn_interval_set_fits (const CrnIntervalSet *set, CrnTime start, CrnTime end)
{
  if (end <= start)
    return FALSE;
  gint i = find_containing (set, start);
  return i >= 0 && IV (set, i).end >= end;
}

gboolean
crn_interval_set_overlaps (const CrnIntervalSet *set, CrnTime start, CrnTime end)
{
  if (end <= start)
    return FALSE;
  guint lo = 0, hi = set->iv->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (IV (set, mid).end <= start)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < set->iv->len && IV (set, lo).start < end;
}

gboolean
crn_interval_set_contains (const CrnIntervalSet *set, CrnTime t)
{
  return find_containing (set, t) >= 0;
}

gboolean
crn_interval_set_is_empty (const CrnIntervalSet *set)
{
  return set->iv->len == 0;
}

gboolean
crn_interval_set_equal (const CrnIntervalSet *a, const CrnIntervalSet *b)
{
  return a->iv->len == b->iv->len
         && memcmp (a->iv->data, b->iv->data, a->iv->len * sizeof (CrnInterval)) == 0;
}

guint
crn_interval_set_get_n (const CrnIntervalSet *set)
{
  return set->iv->len;
}

CrnInterval
crn_interval_set_get (const CrnIntervalSet *set, guint i)
{
  if (i >= set->iv->len) {
    g_return_if_fail_warning (G_LOG_DOMAIN, G_STRFUNC, "i < set->iv->len");
    return (CrnInterval){ 0, 0 };
  }
  return IV (set, i);
}

CrnTime
crn_interval_set_total (const CrnIntervalSet *set)
{
  CrnTime total = 0;
  for (guint i = 0; i < set->iv->len; i++)
    total += IV (set, i).end - IV (set, i).start;
  return total;
}
