/* creneau — the event-directory reader: event.conf's groups into the model.
 *
 * Order matters for the checks, not for the author: [Event] is read first
 * (granularity, zone), then every [Day], then the other groups in file order.
 * References are resolved only after the plugins ran (resolve.c), and the
 * whole event is checked last (validate.c).
 */
#include "config.h"

#include "reader-private.h"
#include "suggest.h"
#include "zones.h"
#include "model/error.h"

#include <string.h>

#define FILE_NAME CRN_EVENT_FILE

static const char *const event_keys[] = {
  "Id", "Name", "TimeZone", "Organizer", "Granularity", "TravelMinutes", NULL,
};
static const char *const day_keys[] = { "Open", NULL };
static const char *const break_keys[] = { "Day", "Time", "Title", "Public", NULL };
static const char *const session_keys[] = {
  "Title", "Description", "Kind", "Duration", "Count", "Attendance", "Speakers", "Moderators",
  "Partners", "RoomTags", "Room", "Start", "Days", "Starts", "Unavailable", "After", "Block",
  "Track", "Audience", "Exclusive", "MinDays", NULL,
};
static const char *const attendees_keys[] = { "File", NULL };

/* The longest a session, a window or a travel time can be. */
#define MAX_MINUTES CRN_MINUTES_PER_DAY
#define MAX_COUNT 1000
#define MAX_ATTENDANCE 1000000

static void
reader_report (CrnReader *r, CrnSeverity severity, const char *group, const char *key,
               const char *format, va_list args)
{
  int line = group ? crn_key_file_get_line (r->kf, group, key) : 0;
  if (line == 0 && group != NULL)
    line = crn_key_file_get_line (r->kf, group, NULL);
  crn_diagnostics_addv (r->diags, severity, NULL, FILE_NAME, line, group, key, format, args);
}

void
crn_reader_error (CrnReader *r, const char *group, const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  reader_report (r, CRN_SEVERITY_ERROR, group, key, format, args);
  va_end (args);
}

void
crn_reader_warning (CrnReader *r, const char *group, const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  reader_report (r, CRN_SEVERITY_WARNING, group, key, format, args);
  va_end (args);
}

/* Value helpers: each reports its own error and returns FALSE. */

/* A value GKeyFile cannot unescape is reported once, then read as absent. */
static gboolean
value_is_readable (CrnReader *r, const char *group, const char *key, const GError *error)
{
  if (error == NULL)
    return TRUE;
  if (!g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND)
      && !g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND)) {
    char *id = g_strconcat (group, "\x1f", key, NULL);
    if (g_hash_table_add (r->bad_values, id))
      crn_reader_error (r, group, key,
                        "the value has an invalid escape sequence (write \\\\ for a backslash)");
  }
  return FALSE;
}

/* Whether the value of @key was reported as unreadable. */
static gboolean
value_was_unreadable (CrnReader *r, const char *group, const char *key)
{
  g_autofree char *id = g_strconcat (group, "\x1f", key, NULL);
  return g_hash_table_contains (r->bad_values, id);
}

char *
crn_reader_get_string (CrnReader *r, const char *group, const char *key)
{
  g_autoptr (GError) error = NULL;
  char *value = g_key_file_get_string (r->k, group, key, &error);
  if (!value_is_readable (r, group, key, error)) {
    /* GKeyFile may return part of the value along with the error. */
    g_free (value);
    return NULL;
  }
  return value ? g_strstrip (value) : NULL;
}

GStrv
crn_reader_get_list (CrnReader *r, const char *group, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) raw = g_key_file_get_string_list (r->k, group, key, NULL, &error);
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; value_is_readable (r, group, key, error) && raw && raw[i]; i++) {
    g_strstrip (raw[i]);
    if (*raw[i] != '\0')
      g_ptr_array_add (out, g_strdup (raw[i]));
  }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

static gboolean
get_uint (CrnReader *r, const char *group, const char *key, guint min, guint max,
          const char *unit, guint *out)
{
  g_autofree char *text = crn_reader_get_string (r, group, key);
  guint64 v = 0;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL)) {
    crn_reader_error (r, group, key, "\"%s\" is not a whole number%s%s from %u to %u", text,
                      unit ? " of " : "", unit ? unit : "", min, max);
    return FALSE;
  }
  *out = (guint) v;
  return TRUE;
}

static gboolean
require_key (CrnReader *r, const char *group, const char *key, const char *what)
{
  if (g_key_file_has_key (r->k, group, key, NULL))
    return TRUE;
  crn_reader_error (r, group, key, "the key is required (%s)", what);
  return FALSE;
}

static gboolean
check_id (CrnReader *r, const char *group, const char *key, const char *what, const char *id)
{
  g_autoptr (GError) error = NULL;
  if (crn_id_check (id, what, &error))
    return TRUE;
  crn_reader_error (r, group, key, "%s", error->message);
  return FALSE;
}

static gboolean
on_grid (CrnReader *r, CrnTime t)
{
  return crn_time_minute_of_day (t) % (int) r->event->granularity == 0;
}

static void
warn_unknown_keys (CrnReader *r, const char *group, const char *const *known)
{
  g_auto (GStrv) keys = g_key_file_get_keys (r->k, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++) {
    /* Localised variants (Title[fr]) belong to their key. */
    g_autofree char *base = g_strndup (keys[i], strcspn (keys[i], "["));
    if (g_strv_contains (known, base))
      continue;
    g_autofree char *hint =
        crn_suggestion_suffix (crn_suggest (base, known, g_strv_length ((GStrv) known)));
    crn_reader_warning (r, group, keys[i], "unknown key, ignored%s", hint);
  }
}

/* [Event] */

/* GLib looks zone names up as paths under the zoneinfo folder: the event's
 * text must never steer that lookup elsewhere. */
static gboolean
zone_name_is_plain (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '/' || strstr (name, "..") != NULL)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/_+-", *p) == NULL)
      return FALSE;
  return TRUE;
}

static void
read_event_group (CrnReader *r)
{
  const char *g = "Event";
  CrnEvent *ev = r->event;

  if (!g_key_file_has_group (r->k, g)) {
    crn_diagnostics_add (r->diags, CRN_SEVERITY_ERROR, NULL, FILE_NAME, 0, NULL, NULL,
                         "there is no [Event] group (it holds the event's Id, Name and "
                         "TimeZone)");
    return;
  }
  warn_unknown_keys (r, g, event_keys);

  g_autofree char *id = crn_reader_get_string (r, g, "Id");
  /* A value that cannot be read (NULL) was reported as such. */
  if (require_key (r, g, "Id", "the event's id, a-z, 0-9 and '-'") && id != NULL
      && check_id (r, g, "Id", "event", id)) {
    g_free (ev->id);
    ev->id = g_steal_pointer (&id);
  }
  if (require_key (r, g, "Name", "the event's name as people read it")) {
    g_free (ev->name);
    ev->name = crn_reader_get_string (r, g, "Name");
  }
  g_autofree char *tz = crn_reader_get_string (r, g, "TimeZone");
  if (require_key (r, g, "TimeZone", "an IANA name such as Europe/Paris") && tz != NULL
      && (!zone_name_is_plain (tz) || !crn_event_set_timezone (ev, tz))) {
    g_autofree char *zone = zone_name_is_plain (tz) ? crn_zone_suggest (tz) : NULL;
    if (zone != NULL)
      crn_reader_error (r, g, "TimeZone",
                        "\"%s\" is not a known time zone (did you mean \"%s\"?)", tz, zone);
    else
      crn_reader_error (r, g, "TimeZone",
                        "\"%s\" is not a known time zone (use an IANA name such as "
                        "Europe/Paris)", tz);
  }
  ev->organizer = crn_reader_get_string (r, g, "Organizer");

  guint granularity = 15;
  if (get_uint (r, g, "Granularity", 1, 60, "minutes", &granularity) && 60 % granularity != 0)
    crn_reader_error (r, g, "Granularity",
                      "%u minutes does not divide an hour (use 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, "
                      "30 or 60)", granularity);
  else
    ev->granularity = granularity;
  get_uint (r, g, "TravelMinutes", 0, MAX_MINUTES, "minutes", &ev->travel_minutes);
}

/* [Day YYYY-MM-DD] */

static void
read_day (CrnReader *r, const char *g, const char *date)
{
  CrnTime midnight;
  warn_unknown_keys (r, g, day_keys);
  if (!crn_time_parse_date (date, &midnight)) {
    crn_reader_error (r, g, NULL, "\"%s\" is not a date (write [Day YYYY-MM-DD])", date);
    return;
  }
  if (crn_event_lookup_day (r->event, midnight) != NULL)
    return; /* written twice: CrnKeyFile reported it */
  CrnDay *day = crn_event_add_day (r->event, midnight);
  day->file = g_strdup (FILE_NAME);
  day->line = crn_key_file_get_line (r->kf, g, NULL);
  if (!require_key (r, g, "Open", "the day's open windows, HH:MM-HH:MM;..."))
    return;
  g_auto (GStrv) windows = crn_reader_get_list (r, g, "Open");
  if (windows[0] == NULL && !value_was_unreadable (r, g, "Open"))
    crn_reader_error (r, g, "Open", "the day has no open window");
  for (guint i = 0; windows[i]; i++) {
    g_autofree char *text = g_strconcat (date, " ", windows[i], NULL);
    CrnTime start, end;
    if (strchr (windows[i], '-') == NULL || !crn_time_parse_interval (text, &start, &end)) {
      crn_reader_error (r, g, "Open", "\"%s\" is not a time window (write HH:MM-HH:MM)",
                        windows[i]);
      continue;
    }
    if (!on_grid (r, start) || !on_grid (r, end)) {
      crn_reader_error (r, g, "Open", "\"%s\" does not start and end on the %u-minute grid",
                        windows[i], r->event->granularity);
      continue;
    }
    crn_interval_set_add (day->open, start, end);
  }
}

/* [Break id] */

static void
read_break (CrnReader *r, const char *g, const char *id)
{
  warn_unknown_keys (r, g, break_keys);
  if (!check_id (r, g, NULL, "break", id))
    return;
  gboolean ok = require_key (r, g, "Day", "YYYY-MM-DD");
  ok = require_key (r, g, "Time", "HH:MM-HH:MM") && ok;
  if (!ok)
    return;
  g_autofree char *date = crn_reader_get_string (r, g, "Day");
  g_autofree char *time = crn_reader_get_string (r, g, "Time");
  if (date == NULL || time == NULL)
    return; /* unreadable values, reported as such */
  CrnTime midnight, start, end;
  if (!crn_time_parse_date (date, &midnight)) {
    crn_reader_error (r, g, "Day", "\"%s\" is not a date (write YYYY-MM-DD)", date);
    return;
  }
  if (crn_event_lookup_day (r->event, midnight) == NULL) {
    crn_reader_error (r, g, "Day", "%s is not a day of the event (there is no [Day %s])", date,
                      date);
    return;
  }
  g_autofree char *text = g_strconcat (date, " ", time, NULL);
  if (strchr (time, '-') == NULL || !crn_time_parse_interval (text, &start, &end)) {
    crn_reader_error (r, g, "Time", "\"%s\" is not a time window (write HH:MM-HH:MM)", time);
    return;
  }
  CrnBreak *b = crn_event_add_break (r->event, id, start, end);
  b->title = crn_reader_get_string (r, g, "Title");
  if (g_key_file_has_key (r->k, g, "Public", NULL)) {
    g_autoptr (GError) error = NULL;
    b->is_public = g_key_file_get_boolean (r->k, g, "Public", &error);
    if (error) {
      g_autofree char *v = crn_reader_get_string (r, g, "Public");
      crn_reader_error (r, g, "Public", "\"%s\" is not true or false", v);
    }
  }
}

/* [Session id] */

static gboolean
read_session_kind (CrnReader *r, const char *g, CrnSession *s)
{
  g_autofree char *kind = crn_reader_get_string (r, g, "Kind");
  if (kind == NULL || crn_session_kind_from_string (kind, &s->kind))
    return TRUE;
  const char *names[CRN_N_KINDS];
  for (int i = 0; i < CRN_N_KINDS; i++)
    names[i] = crn_session_kind_to_string ((CrnSessionKind) i);
  g_autofree char *hint = crn_suggestion_suffix (crn_suggest (kind, names, CRN_N_KINDS));
  crn_reader_error (r, g, "Kind",
                    "\"%s\" is not a kind of session%s; kinds are plenary, workshop, "
                    "round-table, talk, meeting and other", kind, hint);
  return FALSE;
}

static gboolean
read_session_timing (CrnReader *r, const char *g, CrnSession *s)
{
  CrnEvent *ev = r->event;
  gboolean ok = require_key (r, g, "Duration", "minutes");
  if (ok && get_uint (r, g, "Duration", 1, MAX_MINUTES, "minutes", &s->duration)
      && s->duration % ev->granularity != 0) {
    crn_reader_error (r, g, "Duration",
                      "%u minutes is not a multiple of the event's granularity of %u minutes",
                      s->duration, ev->granularity);
    ok = FALSE;
  } else if (s->duration == 0) {
    ok = FALSE;
  }

  g_autofree char *start = crn_reader_get_string (r, g, "Start");
  if (start != NULL) {
    if (!crn_time_parse (start, &s->start)) {
      crn_reader_error (r, g, "Start", "\"%s\" is not a date and time (write YYYY-MM-DD HH:MM)",
                        start);
      ok = FALSE;
    } else if (!on_grid (r, s->start)) {
      crn_reader_error (r, g, "Start", "%s is not on the event's %u-minute grid", start,
                        ev->granularity);
      ok = FALSE;
    } else if (crn_event_lookup_day (ev, crn_time_day_start (s->start)) == NULL) {
      g_autofree char *date = crn_time_format_date (s->start);
      crn_reader_error (r, g, "Start", "%s is not a day of the event (there is no [Day %s])",
                        date, date);
      ok = FALSE;
    } else {
      s->has_start = TRUE;
    }
  }

  g_auto (GStrv) days = crn_reader_get_list (r, g, "Days");
  for (guint i = 0; days[i]; i++) {
    CrnTime midnight;
    if (!crn_time_parse_date (days[i], &midnight)) {
      crn_reader_error (r, g, "Days", "\"%s\" is not a date (write YYYY-MM-DD)", days[i]);
      ok = FALSE;
    } else if (crn_event_lookup_day (ev, midnight) == NULL) {
      crn_reader_error (r, g, "Days", "%s is not a day of the event (there is no [Day %s])",
                        days[i], days[i]);
      ok = FALSE;
    } else {
      g_array_append_val (s->days, midnight);
    }
  }

  g_auto (GStrv) starts = crn_reader_get_list (r, g, "Starts");
  for (guint i = 0; starts[i]; i++) {
    int minute;
    if (!crn_time_parse_clock (starts[i], &minute)) {
      crn_reader_error (r, g, "Starts", "\"%s\" is not a time of day (write HH:MM)", starts[i]);
      ok = FALSE;
    } else if (minute % (int) ev->granularity != 0) {
      crn_reader_error (r, g, "Starts", "%s is not on the event's %u-minute grid", starts[i],
                        ev->granularity);
      ok = FALSE;
    } else {
      g_array_append_val (s->starts, minute);
    }
  }

  g_auto (GStrv) unavailable = crn_reader_get_list (r, g, "Unavailable");
  for (guint i = 0; unavailable[i]; i++) {
    CrnTime a, b;
    if (!crn_time_parse_interval (unavailable[i], &a, &b)) {
      crn_reader_error (r, g, "Unavailable",
                        "\"%s\" is not an interval (write YYYY-MM-DD HH:MM-HH:MM or YYYY-MM-DD)",
                        unavailable[i]);
      ok = FALSE;
    } else {
      crn_interval_set_add (s->unavailable, a, b);
    }
  }
  return ok;
}

/* Checks the ids of a list-valued reference key; resolve.c looks them up. */
static void
check_id_list (CrnReader *r, const char *g, const char *key, const char *what)
{
  g_auto (GStrv) ids = crn_reader_get_list (r, g, key);
  for (guint i = 0; ids[i]; i++)
    check_id (r, g, key, what, ids[i]);
}

static char *
get_id (CrnReader *r, const char *g, const char *key, const char *what)
{
  g_autofree char *v = crn_reader_get_string (r, g, key);
  if (v == NULL || *v == '\0' || !check_id (r, g, key, what, v))
    return NULL;
  return g_steal_pointer (&v);
}

static void
read_session (CrnReader *r, const char *g, const char *id)
{
  CrnEvent *ev = r->event;
  warn_unknown_keys (r, g, session_keys);
  if (crn_event_lookup_session (ev, id) != NULL)
    return; /* written twice: CrnKeyFile reported it */
  g_autoptr (GError) error = NULL;
  CrnSession *s = crn_event_add_session (ev, id, &error);
  if (s == NULL) {
    crn_reader_error (r, g, NULL, "%s", error->message);
    return;
  }
  s->file = g_strdup (FILE_NAME);
  s->line = crn_key_file_get_line (r->kf, g, NULL);

  g_autofree char *title = crn_reader_get_string (r, g, "Title");
  if (title && *title) {
    g_free (s->title);
    s->title = g_steal_pointer (&title);
  }
  s->description = crn_reader_get_string (r, g, "Description");
  read_session_kind (r, g, s);
  if (read_session_timing (r, g, s))
    g_hash_table_add (r->timing_ok, s);
  get_uint (r, g, "Count", 1, MAX_COUNT, NULL, &s->count);
  get_uint (r, g, "Attendance", 0, MAX_ATTENDANCE, "people", &s->attendance);
  if (s->has_start && s->count > 1)
    crn_reader_error (r, g, "Start",
                      "a fixed start cannot hold the %u occurrences of Count=%u (use Count=1)",
                      s->count, s->count);

  check_id_list (r, g, "Speakers", "person");
  check_id_list (r, g, "Moderators", "person");
  check_id_list (r, g, "Partners", "partner");
  check_id_list (r, g, "RoomTags", "tag");
  check_id_list (r, g, "After", "session");
  g_free (get_id (r, g, "Room", "room"));
  s->block = get_id (r, g, "Block", "block");
  s->track = get_id (r, g, "Track", "track");
  g_auto (GStrv) audiences = crn_reader_get_list (r, g, "Audience");
  for (guint i = 0; audiences[i]; i++)
    if (check_id (r, g, "Audience", "audience", audiences[i]))
      g_ptr_array_add (s->audiences, g_strdup (audiences[i]));

  s->exclusive = s->kind == CRN_KIND_PLENARY;
  if (g_key_file_has_key (r->k, g, "Exclusive", NULL)) {
    g_autoptr (GError) berror = NULL;
    gboolean v = g_key_file_get_boolean (r->k, g, "Exclusive", &berror);
    if (berror) {
      g_autofree char *text = crn_reader_get_string (r, g, "Exclusive");
      if (text != NULL) /* else reported as unreadable */
        crn_reader_error (r, g, "Exclusive", "\"%s\" is not true or false", text);
    } else {
      s->exclusive = v;
    }
  }

  guint n_days = ev->days->len;
  if (get_uint (r, g, "MinDays", 1, MAX_COUNT, "days", &s->min_days) && s->min_days > 0) {
    if (s->min_days > n_days)
      crn_reader_error (r, g, "MinDays", "%u is more than the event's %u day%s", s->min_days,
                        n_days, n_days == 1 ? "" : "s");
    else if (s->min_days > s->count)
      crn_reader_error (r, g, "MinDays",
                        "%u days cannot be filled by %u occurrence%s (raise Count or lower "
                        "MinDays)", s->min_days, s->count, s->count == 1 ? "" : "s");
  }
}

/* [Weights] */

static void
read_weights (CrnReader *r, const char *g)
{
  const char *names[CRN_N_SOFT];
  for (int i = 0; i < CRN_N_SOFT; i++)
    names[i] = crn_soft_rule_key ((CrnSoftRule) i);
  g_auto (GStrv) keys = g_key_file_get_keys (r->k, g, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++) {
    int rule = -1;
    for (int j = 0; j < CRN_N_SOFT; j++)
      if (g_str_equal (keys[i], names[j]))
        rule = j;
    if (rule < 0) {
      /* A misspelt weight would silently keep its default: an error. */
      g_autofree char *hint = crn_suggestion_suffix (crn_suggest (keys[i], names, CRN_N_SOFT));
      crn_reader_error (r, g, keys[i], "no such weight%s", hint);
      continue;
    }
    g_autofree char *text = crn_reader_get_string (r, g, keys[i]);
    guint64 v;
    if (text == NULL)
      continue; /* reported as unreadable */
    if (rule == CRN_S1_CAPACITY_OVERFLOW && g_ascii_strcasecmp (text, "hard") == 0)
      r->event->weights[rule] = CRN_WEIGHT_HARD;
    else if (g_ascii_string_to_unsigned (text, 10, 0, 1000000, &v, NULL))
      r->event->weights[rule] = (gint) v;
    else
      crn_reader_error (r, g, keys[i], "\"%s\" is not a whole number from 0 to 1000000%s", text,
                        rule == CRN_S1_CAPACITY_OVERFLOW ? " or \"hard\"" : "");
  }
}

/* [Plugin NAME] */

static void
read_plugin_group (CrnReader *r, const char *g, const char *name)
{
  if (!check_id (r, g, NULL, "plugin", name))
    return;
  CrnPluginGroup *pg = g_new0 (CrnPluginGroup, 1);
  pg->name = g_strdup (name);
  pg->keys = g_ptr_array_new_with_free_func (g_free);
  pg->values = g_ptr_array_new_with_free_func (g_free);
  pg->lines = g_array_new (FALSE, FALSE, sizeof (int));
  pg->line = crn_key_file_get_line (r->kf, g, NULL);
  g_auto (GStrv) keys = g_key_file_get_keys (r->k, g, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++) {
    int line = crn_key_file_get_line (r->kf, g, keys[i]);
    g_ptr_array_add (pg->keys, g_strdup (keys[i]));
    g_ptr_array_add (pg->values, crn_reader_get_string (r, g, keys[i]));
    g_array_append_val (pg->lines, line);
  }
  g_ptr_array_add (r->event->plugin_groups, pg);
}

/* The group dispatch. */

static const struct {
  const char *word;
  void (*read) (CrnReader *r, const char *group, const char *arg);
} group_kinds[] = {
  { "Day", read_day },
  { "Break", read_break },
  { "Session", read_session },
  { "Plugin", read_plugin_group },
};

static void
read_other_group (CrnReader *r, const char *g)
{
  if (g_str_equal (g, "Event") || g_str_has_prefix (g, "Day "))
    return; /* read first */
  if (g_str_equal (g, "Attendees")) {
    warn_unknown_keys (r, g, attendees_keys);
    return; /* read once the sessions are known */
  }
  if (g_str_equal (g, "Weights")) {
    read_weights (r, g);
    return;
  }
  const char *space = strchr (g, ' ');
  g_autofree char *word = space ? g_strndup (g, space - g) : g_strdup (g);
  for (guint i = 0; i < G_N_ELEMENTS (group_kinds); i++) {
    if (!g_str_equal (word, group_kinds[i].word))
      continue;
    const char *arg = space ? space + 1 : "";
    if (*arg == '\0') {
      crn_reader_error (r, g, NULL, "the group needs a name: [%s NAME]", word);
      return;
    }
    group_kinds[i].read (r, g, arg);
    return;
  }
  const char *words[] = { "Event", "Day", "Break", "Session", "Attendees", "Weights", "Plugin" };
  const char *hint = crn_suggest (word, words, G_N_ELEMENTS (words));
  if (hint)
    crn_reader_warning (r, g, NULL, "unknown group, ignored (did you mean [%s%s]?)", hint,
                        space ? space : "");
  else
    crn_reader_warning (r, g, NULL, "unknown group, ignored");
}

static void
read_groups (CrnReader *r)
{
  read_event_group (r);
  g_auto (GStrv) groups = g_key_file_get_groups (r->k, NULL);
  for (guint i = 0; groups[i]; i++)
    if (g_str_has_prefix (groups[i], "Day "))
      read_day (r, groups[i], groups[i] + 4);
  if (r->event->days->len == 0 && g_key_file_has_group (r->k, "Event"))
    crn_reader_error (r, "Event", NULL,
                      "the event has no [Day YYYY-MM-DD] group, so no session can be placed");
  for (guint i = 0; groups[i]; i++)
    read_other_group (r, groups[i]);
  if (g_key_file_has_group (r->k, "Attendees"))
    crn_reader_read_registrations (r, "Attendees");
}

CrnEvent *
crn_event_read (CrnEventFiles *files, CrnPluginRegistry *plugins, CrnDiagnostics *diags)
{
  guint errors_before = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
  GBytes *bytes = crn_event_files_lookup (files, FILE_NAME);
  if (bytes == NULL) {
    crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, NULL, FILE_NAME, 0, NULL, NULL,
                         "the event directory has no event.conf");
    return NULL;
  }
  g_autoptr (CrnKeyFile) kf = crn_key_file_new_from_bytes (bytes, FILE_NAME, NULL, diags);
  if (kf == NULL)
    return NULL;

  g_autoptr (CrnEvent) event = crn_event_new ("event");
  g_autoptr (GHashTable) timing_ok = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) bad_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CrnReader r = {
    .files = files,
    .diags = diags,
    .kf = kf,
    .k = crn_key_file_get_keyfile (kf),
    .event = event,
    .timing_ok = timing_ok,
    .bad_values = bad_values,
  };
  read_groups (&r);
  /* Plugins run even after errors in event.conf so that one check reports
   * the problems of every file at once. */
  if (plugins != NULL)
    crn_plugin_registry_run (plugins, event, files, FILE_NAME, diags);
  /* Over a limit, the rest of the checks would only take long. */
  if (!crn_reader_check_limits (&r))
    return NULL;
  /* Sessions that plugins declared name their people, rooms and sessions by
   * id too: resolved now that every plugin has run. */
  crn_event_resolve_session_refs (event, diags);
  crn_reader_resolve (&r);
  crn_reader_validate (&r);

  if (crn_diagnostics_count (diags, CRN_SEVERITY_ERROR) > errors_before)
    return NULL;
  return g_steal_pointer (&event);
}
