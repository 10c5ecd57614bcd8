/* creneau speakers-ics — the busy time of one iCalendar file.
 *
 * Every time value is anchored one of three ways: a DATE (whole days on the
 * event's wall clock), a zone (UTC or a TZID resolved with the file's own
 * VTIMEZONE, else the IANA zone of that name), or floating (the event's wall
 * clock). Anchored times become instants, then event-local CrnTime.
 */
#include "ics-busy.h"

#include <libical/ical.h>
#include <string.h>

G_DEFINE_QUARK (crn-ics-busy-error-quark, crn_ics_busy_error)

typedef struct {
  GTimeZone *tz;
  CrnTime span_start;
  CrnTime span_end;
  GArray *out;              /* CrnIcsBusy */
  guint steps;              /* recurrence steps so far, against CRN_LIMIT_CALENDAR_INSTANCES */
  gint64 deadline;          /* monotonic time, against CRN_LIMIT_CALENDAR_SECONDS */
  GHashTable *file_zones;   /* TZID → icaltimezone* built from this VCALENDAR's VTIMEZONEs */
  GHashTable *named_zones;  /* TZID → icaltimezone* (libical's builtin, not owned) */
  GHashTable *overrides;    /* UID → GArray of recurrence keys replaced by an override */
  int zone_year;            /* zones are exact up to the end of this year (zone_horizon) */
  guint64 zone_years;       /* years of changes of the file's zones, against CRN_LIMIT_CALENDAR_ZONE_YEARS */
} Reader;

typedef struct {
  gboolean is_date;
  icaltimezone *zone; /* NULL with !is_date: floating */
} Anchor;

static void
zone_free (gpointer p)
{
  icaltimezone_free (p, 1);
}

static char *
describe (icalcomponent *comp)
{
  const char *uid = icalcomponent_get_uid (comp);
  const char *summary = icalcomponent_get_summary (comp);
  const char *what = icalcomponent_kind_to_string (icalcomponent_isa (comp));
  if (summary != NULL && *summary != '\0' && uid != NULL)
    return g_strdup_printf ("%s \"%s\" (UID %s)", what, summary, uid);
  if (uid != NULL)
    return g_strdup_printf ("%s with UID %s", what, uid);
  if (summary != NULL && *summary != '\0')
    return g_strdup_printf ("%s \"%s\"", what, summary);
  return g_strdup_printf ("a %s without UID", what);
}

/* Days since 1970-01-01 of a DATE value. */
static gint64
day_number (struct icaltimetype tt)
{
  return crn_time_from_ymd_hm (tt.year, tt.month, tt.day, 0, 0) / CRN_MINUTES_PER_DAY;
}

/* IANA names only: letters, digits, '_', '+', '-' in '/'-separated parts.
 * Anything else never reaches libical's zone lookup, which opens files. */
static gboolean
is_zone_name (const char *name)
{
  if (*name == '\0' || *name == '/' || strstr (name, "//") || strstr (name, ".."))
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '+' || *p == '-' || *p == '/'))
      return FALSE;
  return name[strlen (name) - 1] != '/';
}

/* libical (3.0) expands a zone's changes from each part's DTSTART up to the
 * latest year asked for (at most 2582), and again from the start whenever a
 * later year is asked for: an Outlook zone starts in 1601, and a few hundred
 * events ending in 9999 took seconds. So each zone is expanded once, up to
 * ZONE_HORIZON_YEARS after the span (its cost counted against
 * CRN_LIMIT_CALENDAR_ZONE_YEARS when the file is loaded), and a time after
 * that gets the offset in force at the end of that year: only occurrences
 * longer than that many years could end differently inside the span. */
#define ZONE_LAST_YEAR 2582
#define ZONE_HORIZON_YEARS 10

static gint64
wall_seconds (struct icaltimetype tt)
{
  return crn_time_from_ymd_hm (tt.year, tt.month, tt.day, tt.hour, tt.minute) * 60 + tt.second;
}

/* Midday on the last day zones are expanded to. */
static struct icaltimetype
zone_horizon (Reader *r)
{
  struct icaltimetype last = icaltime_null_time ();
  last.year = r->zone_year;
  last.month = 12;
  last.day = 31;
  last.hour = 12;
  return last;
}

/* Expands a zone once, as far as instant_of uses it. */
static void
expand_zone (Reader *r, icaltimezone *zone)
{
  (void) icaltime_as_timet_with_zone (zone_horizon (r), zone);
}

/* An IANA zone for @tzid, also under a vendor prefix such as
 * "/freeassociation.sourceforge.net/Europe/Paris" (Evolution) or
 * "/mozilla.org/20050126_1/Europe/Paris" (old Thunderbird): the longest
 * trailing part that names a zone wins. */
static icaltimezone *
named_zone (const char *tzid)
{
  for (const char *p = tzid; p != NULL && *p; p = strchr (p, '/')) {
    while (*p == '/')
      p++;
    if (g_ascii_strcasecmp (p, "UTC") == 0 || g_ascii_strcasecmp (p, "GMT") == 0 ||
        g_strcmp0 (p, "Etc/UTC") == 0)
      return icaltimezone_get_utc_timezone ();
    if (is_zone_name (p)) {
      icaltimezone *z = icaltimezone_get_builtin_timezone (p);
      if (z != NULL)
        return z;
    }
  }
  return NULL;
}

static icaltimezone *
lookup_zone (Reader *r, const char *tzid, GError **error)
{
  icaltimezone *z = g_hash_table_lookup (r->file_zones, tzid);
  if (z != NULL)
    return z;
  z = g_hash_table_lookup (r->named_zones, tzid);
  if (z != NULL)
    return z;
  z = named_zone (tzid);
  if (z == NULL) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TIMEZONE,
                 "time zone \"%s\" is neither defined by a VTIMEZONE of the file nor a known "
                 "IANA zone", tzid);
    return NULL;
  }
  g_hash_table_insert (r->named_zones, g_strdup (tzid), z);
  expand_zone (r, z);
  return z;
}

static gboolean
resolve_anchor (Reader *r, icalproperty *prop, struct icaltimetype tt, Anchor *out,
                GError **error)
{
  out->is_date = tt.is_date;
  out->zone = NULL;
  if (tt.is_date)
    return TRUE;
  if (icaltime_is_utc (tt)) {
    out->zone = icaltimezone_get_utc_timezone ();
    return TRUE;
  }
  icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  const char *tzid = param ? icalparameter_get_tzid (param) : NULL;
  if (tzid == NULL)
    return TRUE; /* floating */
  out->zone = lookup_zone (r, tzid, error);
  return out->zone != NULL;
}

static gint64
instant_of (Reader *r, struct icaltimetype tt, const Anchor *a)
{
  if (a->zone != NULL && tt.year > r->zone_year && a->zone != icaltimezone_get_utc_timezone ()) {
    struct icaltimetype last = zone_horizon (r);
    gint64 offset = wall_seconds (last) - (gint64) icaltime_as_timet_with_zone (last, a->zone);
    return wall_seconds (tt) - offset;
  }
  if (a->zone != NULL)
    return (gint64) icaltime_as_timet_with_zone (tt, a->zone);
  CrnTime local = crn_time_from_ymd_hm (tt.year, tt.month, tt.day, tt.hour, tt.minute);
  return crn_time_to_unix (local, r->tz) + tt.second;
}

/* The local start of an occurrence, used to stop iterating past the span. */
static CrnTime
local_start_of (Reader *r, struct icaltimetype tt, const Anchor *a)
{
  if (a->is_date)
    return day_number (tt) * CRN_MINUTES_PER_DAY;
  return crn_time_from_unix (instant_of (r, tt, a), r->tz);
}

/* What identifies an occurrence for EXDATE and RECURRENCE-ID: the instant
 * for DATE-TIME values, the day for DATE values (odd keys, so the two never
 * meet). */
static gint64
occurrence_key (Reader *r, struct icaltimetype tt, const Anchor *a)
{
  if (a->is_date)
    return day_number (tt) * 2 + 1;
  return instant_of (r, tt, a) * 2;
}

static void
emit (Reader *r, CrnTime start, CrnTime end, CrnIcsBusyKind kind)
{
  start = MAX (start, r->span_start);
  end = MIN (end, r->span_end);
  if (start >= end)
    return;
  CrnIcsBusy b = { start, end, kind };
  g_array_append_val (r->out, b);
}

/* Instants to wall-clock minutes: starts round down, ends round up, so a
 * busy second is never lost. */
static void
emit_instants (Reader *r, gint64 start, gint64 end, CrnIcsBusyKind kind)
{
  if (end <= start)
    return;
  emit (r, crn_time_from_unix (start, r->tz), crn_time_from_unix (end + 59, r->tz), kind);
}

/* How long each occurrence lasts: whole days for DATE events, seconds
 * otherwise (RFC 5545: DTEND gives the same exact duration to every
 * occurrence). */
typedef struct {
  gint64 days;
  gint64 seconds;
} Length;

static gboolean
event_length (Reader *r, icalcomponent *comp, struct icaltimetype start, const Anchor *sa,
              Length *out, GError **error)
{
  out->days = out->seconds = 0;
  icalproperty *dtend = icalcomponent_get_first_property (comp, ICAL_DTEND_PROPERTY);
  icalproperty *dur = icalcomponent_get_first_property (comp, ICAL_DURATION_PROPERTY);
  if (dtend != NULL) {
    struct icaltimetype end = icalproperty_get_dtend (dtend);
    Anchor ea;
    if (!resolve_anchor (r, dtend, end, &ea, error))
      return FALSE;
    if (ea.is_date != sa->is_date) {
      g_autofree char *what = describe (comp);
      g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED,
                   "%s mixes a DATE and a DATE-TIME in DTSTART and DTEND", what);
      return FALSE;
    }
    if (sa->is_date)
      out->days = day_number (end) - day_number (start);
    else
      out->seconds = instant_of (r, end, &ea) - instant_of (r, start, sa);
  } else if (dur != NULL) {
    struct icaldurationtype d = icalproperty_get_duration (dur);
    if (d.is_neg)
      return TRUE;
    if (sa->is_date)
      out->days = d.weeks * 7 + d.days + ((d.hours || d.minutes || d.seconds) ? 1 : 0);
    else
      out->seconds = icaldurationtype_as_int (d);
  } else if (sa->is_date) {
    out->days = 1; /* RFC 5545: a DATE event without end lasts one day */
  }
  return TRUE;
}

static CrnTime
emit_occurrence (Reader *r, struct icaltimetype tt, const Anchor *a, const Length *len)
{
  if (a->is_date) {
    CrnTime s = day_number (tt) * CRN_MINUTES_PER_DAY;
    emit (r, s, s + len->days * CRN_MINUTES_PER_DAY, CRN_ICS_BUSY);
    return s;
  }
  gint64 s = instant_of (r, tt, a);
  emit_instants (r, s, s + len->seconds, CRN_ICS_BUSY);
  return crn_time_from_unix (s, r->tz);
}

/* The properties of one kind, collected first: libical keeps a single
 * property cursor per component, which any lookup (of the UID for an error
 * message, say) moves. */
static GPtrArray *
properties_of (icalcomponent *comp, icalproperty_kind kind)
{
  GPtrArray *props = g_ptr_array_new ();
  for (icalproperty *p = icalcomponent_get_first_property (comp, kind); p != NULL;
       p = icalcomponent_get_next_property (comp, kind))
    g_ptr_array_add (props, p);
  return props;
}

/* libical keeps going past bad lines and leaves X-LIC-ERROR properties
 * instead. Only errors in the properties busy time depends on matter: real
 * exports are full of harmless ones (Google writes empty DESCRIPTIONs). */
static const char *const time_properties[] = {
  "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "FREEBUSY",
  "TZOFFSETFROM", "TZOFFSETTO", "TZID", NULL,
};

static gboolean
check_parse_errors (icalcomponent *comp, GError **error)
{
  g_autoptr (GPtrArray) errors = properties_of (comp, ICAL_XLICERROR_PROPERTY);
  for (guint e = 0; e < errors->len; e++) {
    icalproperty *p = g_ptr_array_index (errors, e);
    const char *text = icalproperty_get_xlicerror (p);
    gboolean relevant = FALSE;
    for (guint i = 0; !relevant && time_properties[i]; i++) {
      g_autofree char *needle = g_strdup_printf (" %s property", time_properties[i]);
      relevant = text != NULL && strstr (text, needle) != NULL;
    }
    if (!relevant)
      continue;
    g_autofree char *what = describe (comp);
    g_auto (GStrv) parts = g_strsplit (text, ". Removing entire property", 2);
    g_autofree char *msg = g_strstrip (g_strjoinv ("", parts));
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED, "%s cannot be read: %s",
                 what, msg);
    return FALSE;
  }
  return TRUE;
}

static gboolean
is_busy_event (icalcomponent *comp)
{
  if (icalcomponent_get_status (comp) == ICAL_STATUS_CANCELLED)
    return FALSE;
  icalproperty *transp = icalcomponent_get_first_property (comp, ICAL_TRANSP_PROPERTY);
  if (transp != NULL) {
    icalproperty_transp t = icalproperty_get_transp (transp);
    if (t == ICAL_TRANSP_TRANSPARENT || t == ICAL_TRANSP_TRANSPARENTNOCONFLICT)
      return FALSE;
  }
  return TRUE;
}

/* Counts one recurrence step against the limits: CRN_LIMIT_CALENDAR_INSTANCES
 * steps, and CRN_LIMIT_CALENDAR_SECONDS for the whole file, because a single libical
 * step may take a noticeable time on a rule that rarely matches. */
static gboolean
count_step (Reader *r, GError **error)
{
  if (++r->steps > CRN_LIMIT_CALENDAR_INSTANCES) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TOO_MANY_INSTANCES,
                 "its recurrences expand to more than %u occurrences, the limit", CRN_LIMIT_CALENDAR_INSTANCES);
    return FALSE;
  }
  if (g_get_monotonic_time () > r->deadline) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TOO_MANY_INSTANCES,
                 "its recurrences take more than %u s to expand, the limit", CRN_LIMIT_CALENDAR_SECONDS);
    return FALSE;
  }
  return TRUE;
}

typedef struct {
  GHashTable *excluded; /* occurrence keys (EXDATE, overridden) */
  GHashTable *seen;     /* occurrence keys already emitted */
} Occurrences;

static gboolean
key_set_has (GHashTable *set, gint64 key)
{
  return g_hash_table_contains (set, &key);
}

static void
key_set_add (GHashTable *set, gint64 key)
{
  gint64 *k = g_new (gint64, 1);
  *k = key;
  g_hash_table_add (set, k);
}

static GHashTable *
key_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Emits one occurrence unless excluded or already met; returns its local
 * start. */
static CrnTime
take_occurrence (Reader *r, Occurrences *occ, struct icaltimetype tt, const Anchor *a,
                 const Length *len)
{
  gint64 key = occurrence_key (r, tt, a);
  if (key_set_has (occ->excluded, key) || key_set_has (occ->seen, key))
    return local_start_of (r, tt, a);
  key_set_add (occ->seen, key);
  return emit_occurrence (r, tt, a, len);
}

static guint
by_count (const short *values, guint size)
{
  guint n = 0;
  while (n < size && values[n] != ICAL_RECURRENCE_ARRAY_MAX)
    n++;
  return n;
}

/* libical's iterator can spin for minutes inside one call on a rule no day
 * satisfies (FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30), the longer the more
 * times of day it must try. Rules of that kind never come from calendar
 * clients: sub-daily frequencies are taken only bare (every step is then an
 * occurrence, bounded by CRN_LIMIT_CALENDAR_INSTANCES) and BYHOUR, BYMINUTE and
 * BYSECOND may give at most 4 times of day. */
static gboolean
check_rule (const struct icalrecurrencetype *rule, GError **error)
{
  guint times = MAX (1u, by_count (rule->by_hour, ICAL_BY_HOUR_SIZE)) *
                MAX (1u, by_count (rule->by_minute, ICAL_BY_MINUTE_SIZE)) *
                MAX (1u, by_count (rule->by_second, ICAL_BY_SECOND_SIZE));
  guint filters = by_count (rule->by_second, ICAL_BY_SECOND_SIZE) +
                  by_count (rule->by_minute, ICAL_BY_MINUTE_SIZE) +
                  by_count (rule->by_hour, ICAL_BY_HOUR_SIZE) +
                  by_count (rule->by_day, ICAL_BY_DAY_SIZE) +
                  by_count (rule->by_month_day, ICAL_BY_MONTHDAY_SIZE) +
                  by_count (rule->by_year_day, ICAL_BY_YEARDAY_SIZE) +
                  by_count (rule->by_week_no, ICAL_BY_WEEKNO_SIZE) +
                  by_count (rule->by_month, ICAL_BY_MONTH_SIZE) +
                  by_count (rule->by_set_pos, ICAL_BY_SETPOS_SIZE);
  gboolean sub_daily = rule->freq == ICAL_SECONDLY_RECURRENCE ||
                       rule->freq == ICAL_MINUTELY_RECURRENCE ||
                       rule->freq == ICAL_HOURLY_RECURRENCE;
  if (sub_daily && filters > 0) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_UNSUPPORTED,
                 "an RRULE repeating %s with BY… parts is not supported",
                 icalrecur_freq_to_string (rule->freq));
    return FALSE;
  }
  if (times > 4) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_UNSUPPORTED,
                 "an RRULE giving %u times of day (BYHOUR, BYMINUTE, BYSECOND) is over the "
                 "4 supported", times);
    return FALSE;
  }
  return TRUE;
}

static gboolean
expand_rrule (Reader *r, icalcomponent *comp, icalproperty *prop, struct icaltimetype start,
              const Anchor *sa, const Length *len, Occurrences *occ, GError **error)
{
  struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
  if (!check_rule (&rule, error) || !count_step (r, error)) {
    g_autofree char *what = describe (comp);
    g_prefix_error (error, "%s: ", what);
    return FALSE;
  }
  struct icaltimetype dtstart = start;
  if (sa->zone != NULL)
    dtstart = icaltime_set_timezone (&dtstart, sa->zone);
  icalrecur_iterator *it = rule.freq == ICAL_NO_RECURRENCE ? NULL
                                                           : icalrecur_iterator_new (rule, dtstart);
  if (it == NULL) {
    g_autofree char *what = describe (comp);
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED,
                 "%s has an RRULE that cannot be expanded", what);
    return FALSE;
  }
  /* Jump close to the event's days instead of walking years of a weekly
   * meeting. libical keeps the phase of INTERVAL only for daily and longer
   * frequencies, and cannot jump over a COUNT. */
  if (rule.count == 0 && (rule.freq == ICAL_DAILY_RECURRENCE ||
                          rule.freq == ICAL_WEEKLY_RECURRENCE ||
                          rule.freq == ICAL_MONTHLY_RECURRENCE ||
                          rule.freq == ICAL_YEARLY_RECURRENCE)) {
    gint64 margin_days = 2 + len->days + (len->seconds + 86399) / 86400;
    int y, m, d;
    crn_time_to_ymd_hm (r->span_start - margin_days * CRN_MINUTES_PER_DAY, &y, &m, &d, NULL, NULL);
    struct icaltimetype from = icaltime_null_time ();
    from.year = y;
    from.month = m;
    from.day = d;
    from.is_date = dtstart.is_date;
    if (sa->zone != NULL)
      from = icaltime_set_timezone (&from, sa->zone);
    if (icaltime_compare (from, dtstart) > 0)
      icalrecur_iterator_set_start (it, from);
  }
  gboolean ok = TRUE;
  for (struct icaltimetype tt = icalrecur_iterator_next (it); !icaltime_is_null_time (tt);
       tt = icalrecur_iterator_next (it)) {
    if (!(ok = count_step (r, error)))
      break;
    /* A day past the span: zone shifts cannot bring a later one back in. */
    if (take_occurrence (r, occ, tt, sa, len) >= r->span_end + CRN_MINUTES_PER_DAY)
      break;
  }
  icalrecur_iterator_free (it);
  return ok;
}

static gboolean
expand_rdate (Reader *r, icalproperty *prop, const Anchor *sa, const Length *len,
              Occurrences *occ, GError **error)
{
  struct icaldatetimeperiodtype v = icalproperty_get_rdate (prop);
  Anchor a;
  if (!icaltime_is_null_time (v.period.start)) {
    if (!resolve_anchor (r, prop, v.period.start, &a, error))
      return FALSE;
    gint64 s = instant_of (r, v.period.start, &a);
    gint64 e = icaltime_is_null_time (v.period.end)
                   ? s + icaldurationtype_as_int (v.period.duration)
                   : instant_of (r, v.period.end, &a);
    gint64 key = occurrence_key (r, v.period.start, &a);
    if (!key_set_has (occ->excluded, key) && !key_set_has (occ->seen, key)) {
      key_set_add (occ->seen, key);
      emit_instants (r, s, e, CRN_ICS_BUSY);
    }
    return TRUE;
  }
  if (!resolve_anchor (r, prop, v.time, &a, error))
    return FALSE;
  Length day = { 1, 0 };
  take_occurrence (r, occ, v.time, &a, a.is_date == sa->is_date ? len : &day);
  return TRUE;
}

static gboolean
add_keys_of_property (Reader *r, icalcomponent *comp, icalproperty_kind kind, GHashTable *set,
                      GError **error)
{
  g_autoptr (GPtrArray) props = properties_of (comp, kind);
  for (guint i = 0; i < props->len; i++) {
    icalproperty *p = g_ptr_array_index (props, i);
    struct icaltimetype tt = kind == ICAL_EXDATE_PROPERTY ? icalproperty_get_exdate (p)
                                                          : icalproperty_get_recurrenceid (p);
    Anchor a;
    if (!resolve_anchor (r, p, tt, &a, error))
      return FALSE;
    key_set_add (set, occurrence_key (r, tt, &a));
  }
  return TRUE;
}

static gboolean
read_event (Reader *r, icalcomponent *comp, GError **error)
{
  if (!check_parse_errors (comp, error))
    return FALSE;
  if (!is_busy_event (comp))
    return TRUE;
  gboolean is_override =
      icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY) != NULL;
  icalproperty *dtstart = icalcomponent_get_first_property (comp, ICAL_DTSTART_PROPERTY);
  if (dtstart == NULL && is_override)
    dtstart = icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY);
  if (dtstart == NULL) {
    g_autofree char *what = describe (comp);
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED, "%s has no DTSTART",
                 what);
    return FALSE;
  }
  struct icaltimetype start = icalproperty_isa (dtstart) == ICAL_DTSTART_PROPERTY
                                 ? icalproperty_get_dtstart (dtstart)
                                 : icalproperty_get_recurrenceid (dtstart);
  if (icaltime_is_null_time (start)) {
    g_autofree char *what = describe (comp);
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED,
                 "%s has an empty DTSTART", what);
    return FALSE;
  }
  Anchor sa;
  Length len;
  if (!resolve_anchor (r, dtstart, start, &sa, error) ||
      !event_length (r, comp, start, &sa, &len, error))
    return FALSE;

  g_autoptr (GHashTable) excluded = key_set_new ();
  g_autoptr (GHashTable) seen = key_set_new ();
  Occurrences occ = { excluded, seen };
  /* An override is one occurrence of its own; its master's instance was
   * removed through r->overrides. */
  if (is_override) {
    take_occurrence (r, &occ, start, &sa, &len);
    return TRUE;
  }
  if (!add_keys_of_property (r, comp, ICAL_EXDATE_PROPERTY, excluded, error))
    return FALSE;
  const char *uid = icalcomponent_get_uid (comp);
  GArray *replaced = uid ? g_hash_table_lookup (r->overrides, uid) : NULL;
  for (guint i = 0; replaced && i < replaced->len; i++)
    key_set_add (excluded, g_array_index (replaced, gint64, i));

  take_occurrence (r, &occ, start, &sa, &len); /* DTSTART is always the first occurrence */
  g_autoptr (GPtrArray) rrules = properties_of (comp, ICAL_RRULE_PROPERTY);
  for (guint i = 0; i < rrules->len; i++)
    if (!expand_rrule (r, comp, g_ptr_array_index (rrules, i), start, &sa, &len, &occ, error))
      return FALSE;
  g_autoptr (GPtrArray) rdates = properties_of (comp, ICAL_RDATE_PROPERTY);
  for (guint i = 0; i < rdates->len; i++)
    if (!count_step (r, error) ||
        !expand_rdate (r, g_ptr_array_index (rdates, i), &sa, &len, &occ, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_freebusy (Reader *r, icalcomponent *comp, GError **error)
{
  if (!check_parse_errors (comp, error))
    return FALSE;
  g_autoptr (GPtrArray) periods = properties_of (comp, ICAL_FREEBUSY_PROPERTY);
  for (guint i = 0; i < periods->len; i++) {
    icalproperty *p = g_ptr_array_index (periods, i);
    icalparameter *param = icalproperty_get_first_parameter (p, ICAL_FBTYPE_PARAMETER);
    icalparameter_fbtype type = param ? icalparameter_get_fbtype (param) : ICAL_FBTYPE_BUSY;
    if (type == ICAL_FBTYPE_FREE)
      continue;
    /* RFC 5545: unknown (X-) types count as BUSY. */
    CrnIcsBusyKind kind = type == ICAL_FBTYPE_BUSYTENTATIVE ? CRN_ICS_TENTATIVE : CRN_ICS_BUSY;
    struct icalperiodtype period = icalproperty_get_freebusy (p);
    Anchor a;
    if (!resolve_anchor (r, p, period.start, &a, error))
      return FALSE;
    if (a.is_date || icaltime_is_null_time (period.start)) {
      g_autofree char *what = describe (comp);
      g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED,
                   "%s has a FREEBUSY period without a start time", what);
      return FALSE;
    }
    gint64 s = instant_of (r, period.start, &a);
    gint64 e = icaltime_is_null_time (period.end)
                   ? s + icaldurationtype_as_int (period.duration)
                   : instant_of (r, period.end, &a);
    emit_instants (r, s, e, kind);
  }
  return TRUE;
}

/* libical expands a zone's rules from their DTSTART on every conversion
 * past what it has already expanded: real zones change yearly, and even the
 * full history of one (libical's own, from zoneinfo) has a few hundred
 * parts. */
static gboolean
check_zone_part (Reader *r, icalcomponent *part, guint n_parts, GError **error)
{
  if (n_parts > CRN_LIMIT_CALENDAR_ZONE_PARTS) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_UNSUPPORTED,
                 "the file's time zones have more than %u STANDARD and DAYLIGHT parts",
                 CRN_LIMIT_CALENDAR_ZONE_PARTS);
    return FALSE;
  }
  g_autoptr (GPtrArray) rrules = properties_of (part, ICAL_RRULE_PROPERTY);
  for (guint i = 0; i < rrules->len; i++) {
    struct icalrecurrencetype rule = icalproperty_get_rrule (g_ptr_array_index (rrules, i));
    if (rule.freq != ICAL_YEARLY_RECURRENCE || by_count (rule.by_hour, ICAL_BY_HOUR_SIZE) ||
        by_count (rule.by_minute, ICAL_BY_MINUTE_SIZE) ||
        by_count (rule.by_second, ICAL_BY_SECOND_SIZE)) {
      g_autofree char *text = icalrecurrencetype_as_string_r (&rule);
      g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_UNSUPPORTED,
                   "a %s part has the rule %s; time zone rules must be yearly",
                   icalcomponent_kind_to_string (icalcomponent_isa (part)), text);
      return FALSE;
    }
  }
  /* What expanding the part will cost (see ZONE_HORIZON_YEARS). */
  int from = icalcomponent_get_dtstart (part).year;
  r->zone_years += rrules->len > 0 && from < r->zone_year ? (guint64) (r->zone_year - from + 1) : 1;
  if (r->zone_years > CRN_LIMIT_CALENDAR_ZONE_YEARS) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_UNSUPPORTED,
                 "the file's time zones have more than %u years of yearly changes up to %d "
                 "(each rule counted from its DTSTART), the limit", CRN_LIMIT_CALENDAR_ZONE_YEARS,
                 r->zone_year);
    return FALSE;
  }
  return TRUE;
}

static gboolean
load_file_zones (Reader *r, icalcomponent *vcal, GError **error)
{
  guint n_parts = 0;
  g_hash_table_remove_all (r->file_zones);
  g_hash_table_remove_all (r->named_zones);
  for (icalcomponent *c = icalcomponent_get_first_component (vcal, ICAL_VTIMEZONE_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (vcal, ICAL_VTIMEZONE_COMPONENT)) {
    icalproperty *tzid = icalcomponent_get_first_property (c, ICAL_TZID_PROPERTY);
    const char *name = tzid ? icalproperty_get_tzid (tzid) : NULL;
    gboolean has_rules =
        icalcomponent_get_first_component (c, ICAL_XSTANDARD_COMPONENT) != NULL ||
        icalcomponent_get_first_component (c, ICAL_XDAYLIGHT_COMPONENT) != NULL;
    if (name == NULL || *name == '\0' || !has_rules) {
      g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TIMEZONE,
                   "a VTIMEZONE%s%s%s has no %s", name ? " \"" : "", name ? name : "",
                   name ? "\"" : "", name ? "STANDARD or DAYLIGHT part" : "TZID");
      return FALSE;
    }
    for (icalcomponent *part = icalcomponent_get_first_component (c, ICAL_ANY_COMPONENT);
         part != NULL; part = icalcomponent_get_next_component (c, ICAL_ANY_COMPONENT)) {
      if (!check_parse_errors (part, error) || !check_zone_part (r, part, ++n_parts, error)) {
        g_prefix_error (error, "VTIMEZONE \"%s\": ", name);
        return FALSE;
      }
    }
    icalcomponent *clone = icalcomponent_new_clone (c);
    icaltimezone *z = icaltimezone_new ();
    if (!icaltimezone_set_component (z, clone)) {
      icalcomponent_free (clone);
      icaltimezone_free (z, 1);
      g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TIMEZONE,
                   "VTIMEZONE \"%s\" cannot be read", name);
      return FALSE;
    }
    g_hash_table_replace (r->file_zones, g_strdup (name), z);
    expand_zone (r, z);
  }
  return TRUE;
}

static void
note_override (Reader *r, icalcomponent *comp, GError **error)
{
  icalproperty *rid = icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY);
  const char *uid = icalcomponent_get_uid (comp);
  if (rid == NULL || uid == NULL)
    return;
  struct icaltimetype tt = icalproperty_get_recurrenceid (rid);
  Anchor a;
  if (icaltime_is_null_time (tt) || !resolve_anchor (r, rid, tt, &a, error))
    return;
  GArray *keys = g_hash_table_lookup (r->overrides, uid);
  if (keys == NULL) {
    keys = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_hash_table_insert (r->overrides, g_strdup (uid), keys);
  }
  gint64 key = occurrence_key (r, tt, &a);
  g_array_append_val (keys, key);
}

static gboolean
read_calendar (Reader *r, icalcomponent *vcal, GError **error)
{
  if (!load_file_zones (r, vcal, error))
    return FALSE;
  g_hash_table_remove_all (r->overrides);
  for (icalcomponent *c = icalcomponent_get_first_component (vcal, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (vcal, ICAL_VEVENT_COMPONENT)) {
    GError *local = NULL;
    note_override (r, c, &local);
    if (local != NULL) {
      g_propagate_error (error, local);
      return FALSE;
    }
  }
  for (icalcomponent *c = icalcomponent_get_first_component (vcal, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (vcal, ICAL_VEVENT_COMPONENT))
    if (!read_event (r, c, error))
      return FALSE;
  for (icalcomponent *c = icalcomponent_get_first_component (vcal, ICAL_VFREEBUSY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (vcal, ICAL_VFREEBUSY_COMPONENT))
    if (!read_freebusy (r, c, error))
      return FALSE;
  return TRUE;
}

static gint
busy_compare (gconstpointer a, gconstpointer b)
{
  const CrnIcsBusy *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static void
icalcomponent_free_ptr (icalcomponent *c)
{
  icalcomponent_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free_ptr)

GArray *
crn_ics_busy_read (GBytes *bytes, GTimeZone *tz, CrnTime span_start, CrnTime span_end,
                   GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  if (size > CRN_LIMIT_CALENDAR_BYTES) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_TOO_LARGE,
                 "the calendar is %" G_GSIZE_FORMAT " bytes, over the limit of %u MiB", size,
                 CRN_LIMIT_CALENDAR_BYTES / (1024 * 1024));
    return NULL;
  }
  /* RFC 5545 text is UTF-8; libical would pass other bytes on into names
   * and stop silently at a NUL. */
  const char *bad = NULL;
  if (size > 0 && !g_utf8_validate_len (data, size, &bad)) {
    guint line = 1;
    for (const char *p = data; p < bad; p++)
      line += *p == '\n';
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED,
                 "line %u is not valid UTF-8 text (byte 0x%02x)", line, (guchar) *bad);
    return NULL;
  }
  /* Bad input must never abort the host. */
  icalerror_set_errors_are_fatal (0);
  g_autofree char *text = g_strndup (data ? data : "", size);
  g_autoptr (icalcomponent) root = icalparser_parse_string (text);
  icalcomponent_kind kind = root ? icalcomponent_isa (root) : ICAL_NO_COMPONENT;
  if (kind != ICAL_VCALENDAR_COMPONENT && kind != ICAL_XROOT_COMPONENT) {
    g_set_error (error, CRN_ICS_BUSY_ERROR, CRN_ICS_BUSY_ERROR_MALFORMED,
                 "not an iCalendar file (no complete BEGIN:VCALENDAR … END:VCALENDAR)");
    return NULL;
  }

  int span_end_year;
  crn_time_to_ymd_hm (span_end, &span_end_year, NULL, NULL, NULL, NULL);
  Reader r = {
    .tz = tz,
    .zone_year = MIN (span_end_year + ZONE_HORIZON_YEARS, ZONE_LAST_YEAR),
    .span_start = span_start,
    .span_end = span_end,
    .deadline = g_get_monotonic_time () + CRN_LIMIT_CALENDAR_SECONDS * G_USEC_PER_SEC,
    .out = g_array_new (FALSE, FALSE, sizeof (CrnIcsBusy)),
    .file_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_free),
    .named_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref),
  };
  gboolean ok = TRUE;
  if (span_start < span_end) {
    if (kind == ICAL_VCALENDAR_COMPONENT) {
      ok = read_calendar (&r, root, error);
    } else {
      for (icalcomponent *c = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
           ok && c != NULL; c = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
        ok = read_calendar (&r, c, error);
    }
  }
  g_hash_table_unref (r.file_zones);
  g_hash_table_unref (r.named_zones);
  g_hash_table_unref (r.overrides);
  if (!ok) {
    g_array_unref (r.out);
    return NULL;
  }
  g_array_sort (r.out, busy_compare);
  return r.out;
}
