/* creneau — iCalendar output of a timetable.
 *
 * Everything is built as libical components and serialised by libical, so
 * escaping, folding and CRLF are never written by hand. Text from the event
 * files goes through crn_ical_clean_text first: libical copies control
 * characters through, and one of them makes the file unreadable.
 */
#include "config.h"

#include "writer.h"
#include "text.h"
#include "vtimezone.h"
#include "model/error.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_REFRESH_MINUTES 60

typedef struct {
  const CrnTimetable *tt;
  const CrnEvent *ev;
  const CrnIcalOptions *opts;
  const CrnPerson *person;
  const CrnRoom *room;
  const CrnPartner *partner;
  const char *tzid;          /* NULL: times in UTC */
  gint64 dtstamp;
  GPtrArray *vevents;        /* icalcomponent*, added to the calendar at the end */
  GHashTable *uids;          /* char* set, to refuse two occurrences with one UID */
  int first_year, last_year;
} Writer;

void
crn_ical_options_init (CrnIcalOptions *opts)
{
  memset (opts, 0, sizeof *opts);
}

static gboolean
zone_is_utc (const char *name)
{
  return g_strcmp0 (name, "UTC") == 0 || g_strcmp0 (name, "Etc/UTC") == 0;
}

static struct icaltimetype
utc_time (gint64 unix_seconds)
{
  return icaltime_from_timet_with_zone ((time_t) unix_seconds, 0,
                                        icaltimezone_get_utc_timezone ());
}

static void
note_year (Writer *w, int year)
{
  w->first_year = w->first_year ? MIN (w->first_year, year) : year;
  w->last_year = MAX (w->last_year, year);
}

/* DTSTART or DTEND at local wall-clock time @t, with TZID (libical 3.0.16
 * does not add the parameter from the time's zone). */
static void
add_time (Writer *w, icalcomponent *vevent, icalproperty_kind kind, CrnTime t)
{
  struct icaltimetype it;
  if (w->tzid) {
    int year, month, day, hour, minute;
    crn_time_to_ymd_hm (t, &year, &month, &day, &hour, &minute);
    it = icaltime_null_time ();
    it.year = year;
    it.month = month;
    it.day = day;
    it.hour = hour;
    it.minute = minute;
    note_year (w, year);
  } else {
    it = utc_time (crn_time_to_unix (t, w->ev->timezone));
    note_year (w, it.year);
  }
  icalproperty *p = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart (it)
                                                  : icalproperty_new_dtend (it);
  if (w->tzid)
    icalproperty_add_parameter (p, icalparameter_new_tzid (w->tzid));
  icalcomponent_add_property (vevent, p);
}

static void
add_text (icalcomponent *comp, icalproperty *(*make) (const char *), const char *text,
          gboolean keep_newlines)
{
  g_autofree char *clean = crn_ical_clean_text (text, keep_newlines);
  g_strstrip (clean);
  if (*clean)
    icalcomponent_add_property (comp, make (clean));
}

/* Quoted parameter values cannot hold a double quote. */
static char *
clean_parameter (const char *text)
{
  g_autofree char *clean = crn_ical_clean_text (text, FALSE);
  g_strdelimit (clean, "\"", '\'');
  return g_strstrip (g_strdup (clean));
}

/* "Name <mail>" as written in event.conf; no ORGANIZER without an address. */
static void
add_organizer (Writer *w, icalcomponent *vevent)
{
  const char *text = w->ev->organizer;
  if (text == NULL)
    return;
  /* The address is the last <...>: a name may hold angle brackets. */
  const char *lt = strrchr (text, '<');
  const char *gt = lt ? strchr (lt, '>') : NULL;
  g_autofree char *name = NULL, *mail = NULL;
  if (lt && gt) {
    name = g_strndup (text, lt - text);
    mail = g_strndup (lt + 1, gt - lt - 1);
  } else if (strchr (text, '@')) {
    mail = g_strdup (text);
  }
  if (mail == NULL)
    return;
  g_autofree char *clean_mail = crn_ical_clean_text (mail, FALSE);
  g_strstrip (clean_mail);
  if (*clean_mail == '\0' || strpbrk (clean_mail, " \t\"<>") || !strchr (clean_mail, '@'))
    return;
  g_autofree char *address = g_strconcat ("mailto:", clean_mail, NULL);
  icalproperty *p = icalproperty_new_organizer (address);
  g_autofree char *cn = name ? clean_parameter (name) : NULL;
  if (cn && *cn)
    icalproperty_add_parameter (p, icalparameter_new_cn (cn));
  icalcomponent_add_property (vevent, p);
}

static char *
person_label (const CrnPerson *p)
{
  const char *name = p->name ? p->name : p->id;
  if (p->organisation && *p->organisation)
    return g_strdup_printf ("%s (%s)", name, p->organisation);
  return g_strdup (name);
}

static void
append_people (GString *out, const char *label, GPtrArray *people)
{
  if (people->len == 0)
    return;
  g_string_append_printf (out, "%s: ", label);
  for (guint i = 0; i < people->len; i++) {
    g_autofree char *who = person_label (g_ptr_array_index (people, i));
    g_autofree char *clean = crn_ical_clean_text (who, FALSE);
    g_string_append_printf (out, "%s%s", i ? ", " : "", clean);
  }
  g_string_append_c (out, '\n');
}

static char *
session_description (const CrnSession *s)
{
  GString *out = g_string_new (NULL);
  append_people (out, s->speakers->len > 1 ? "Speakers" : "Speaker", s->speakers);
  append_people (out, s->moderators->len > 1 ? "Moderators" : "Moderator", s->moderators);
  if (s->partners->len > 0) {
    g_string_append (out, s->partners->len > 1 ? "Partners: " : "Partner: ");
    for (guint i = 0; i < s->partners->len; i++) {
      const CrnPartner *p = g_ptr_array_index (s->partners, i);
      g_autofree char *clean = crn_ical_clean_text (p->name ? p->name : p->id, FALSE);
      g_string_append_printf (out, "%s%s", i ? ", " : "", clean);
    }
    g_string_append_c (out, '\n');
  }
  if (s->description && *s->description) {
    if (out->len)
      g_string_append_c (out, '\n');
    g_string_append (out, s->description);
  }
  return g_string_free (out, FALSE);
}

static gboolean
claim_uid (Writer *w, const char *uid, GError **error)
{
  if (g_hash_table_contains (w->uids, uid)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "Two calendar entries of event \"%s\" would share the UID %s; rename one of "
                 "the sessions", w->ev->id, uid);
    return FALSE;
  }
  g_hash_table_add (w->uids, g_strdup (uid));
  return TRUE;
}

/* The properties every VEVENT carries, whatever it is. */
static icalcomponent *
vevent_new (Writer *w, const char *uid, const char *title, CrnTime start, CrnTime end,
            const char *location, gboolean cancelled)
{
  const CrnPublishedItem *item = crn_publication_lookup (w->opts->publication, uid);
  icalcomponent *ve = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property (ve, icalproperty_new_uid (uid));
  icalcomponent_add_property (ve, icalproperty_new_dtstamp (utc_time (w->dtstamp)));
  add_time (w, ve, ICAL_DTSTART_PROPERTY, start);
  add_time (w, ve, ICAL_DTEND_PROPERTY, end);
  g_autofree char *summary = crn_ical_clean_text (title, FALSE);
  g_strstrip (summary);
  icalcomponent_add_property (ve, icalproperty_new_summary (*summary ? summary : uid));
  if (location)
    add_text (ve, icalproperty_new_location, location, FALSE);
  add_organizer (w, ve);
  icalcomponent_add_property (ve, icalproperty_new_sequence (item ? (int) item->sequence : 0));
  icalcomponent_add_property (ve, icalproperty_new_lastmodified (
                                    utc_time (item ? item->last_modified : w->dtstamp)));
  icalcomponent_add_property (ve, icalproperty_new_status (
                                    cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  return ve;
}

static gboolean
in_scope (Writer *w, const CrnAssignment *a)
{
  const CrnSession *s = a->session;
  if (w->person) {
    for (guint i = 0; i < s->speakers->len; i++)
      if (g_ptr_array_index (s->speakers, i) == w->person)
        return TRUE;
    for (guint i = 0; i < s->moderators->len; i++)
      if (g_ptr_array_index (s->moderators, i) == w->person)
        return TRUE;
    return FALSE;
  }
  if (w->room)
    return a->room == w->room;
  if (w->partner) {
    for (guint i = 0; i < s->partners->len; i++)
      if (g_ptr_array_index (s->partners, i) == w->partner)
        return TRUE;
    return FALSE;
  }
  return TRUE;
}

static gboolean
item_in_scope (Writer *w, const CrnPublishedItem *it)
{
  if (it->break_id)
    return w->opts->public_breaks;
  if (w->person)
    return it->people && g_strv_contains ((const char *const *) it->people, w->person->id);
  if (w->room)
    return g_strcmp0 (it->room_id, w->room->id) == 0;
  if (w->partner)
    return it->partners && g_strv_contains ((const char *const *) it->partners, w->partner->id);
  return TRUE;
}

static gboolean
add_session (Writer *w, const CrnAssignment *a, GError **error)
{
  const CrnSession *s = a->session;
  g_autofree char *uid = crn_ical_session_uid (w->ev, s, a->occurrence);
  if (!claim_uid (w, uid, error))
    return FALSE;
  g_autofree char *location = crn_ical_room_location (a->room);
  icalcomponent *ve = vevent_new (w, uid, s->title, a->start, a->start + s->duration, location,
                                  FALSE);
  g_ptr_array_add (w->vevents, ve);
  g_autofree char *description = session_description (s);
  add_text (ve, icalproperty_new_description, description, TRUE);
  icalcomponent_add_property (ve, icalproperty_new_categories (
                                    crn_session_kind_to_string (s->kind)));
  if (s->track && *s->track)
    add_text (ve, icalproperty_new_categories, s->track, FALSE);
  for (guint i = 0; i < s->speakers->len; i++) {
    g_autofree char *who = person_label (g_ptr_array_index (s->speakers, i));
    add_text (ve, icalproperty_new_contact, who, FALSE);
  }
  return TRUE;
}

static gboolean
add_break (Writer *w, const CrnBreak *b, GError **error)
{
  g_autofree char *uid = crn_ical_break_uid (w->ev, b);
  if (!claim_uid (w, uid, error))
    return FALSE;
  icalcomponent *ve = vevent_new (w, uid, b->title ? b->title : b->id, b->start, b->end, NULL,
                                  FALSE);
  icalcomponent_add_property (ve, icalproperty_new_categories ("break"));
  /* A break does not make anyone busy in a calendar. */
  icalcomponent_add_property (ve, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  g_ptr_array_add (w->vevents, ve);
  return TRUE;
}

static gboolean
add_cancelled (Writer *w, const CrnPublishedItem *it, GError **error)
{
  if (!claim_uid (w, it->uid, error))
    return FALSE;
  GTimeZone *tz = w->ev->timezone;
  icalcomponent *ve = vevent_new (w, it->uid, it->title, crn_time_from_unix (it->start, tz),
                                  crn_time_from_unix (it->end, tz), it->location, TRUE);
  g_ptr_array_add (w->vevents, ve);
  return TRUE;
}

/* All times of one calendar are on one clock (the event's zone or UTC), so
 * their fields compare as they are. */
static gint64
start_key (icalcomponent *ve)
{
  icalproperty *p = icalcomponent_get_first_property (ve, ICAL_DTSTART_PROPERTY);
  struct icaltimetype t = icalvalue_get_datetime (icalproperty_get_value (p));
  return ((((gint64) t.year * 13 + t.month) * 32 + t.day) * 24 + t.hour) * 3600
         + t.minute * 60 + t.second;
}

/* Start time, then UID: readers and diffs of the feed see the programme in
 * order, and the file does not depend on the order of the event files. */
static gint
compare_vevents (gconstpointer a, gconstpointer b)
{
  icalcomponent *x = *(icalcomponent **) a, *y = *(icalcomponent **) b;
  gint64 kx = start_key (x), ky = start_key (y);
  if (kx != ky)
    return kx < ky ? -1 : 1;
  return g_strcmp0 (icalcomponent_get_uid (x), icalcomponent_get_uid (y));
}

static gboolean
resolve_scope (Writer *w, GError **error)
{
  const CrnIcalOptions *o = w->opts;
  if ((o->person != NULL) + (o->room != NULL) + (o->partner != NULL) > 1) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "A calendar is for one person, one room or one partner, not several");
    return FALSE;
  }
  if (o->person && !(w->person = crn_event_lookup_person (w->ev, o->person))) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND,
                 "Event \"%s\" has no speaker or moderator \"%s\"", w->ev->id, o->person);
    return FALSE;
  }
  if (o->room && !(w->room = crn_event_lookup_room (w->ev, o->room))) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "Event \"%s\" has no room \"%s\"",
                 w->ev->id, o->room);
    return FALSE;
  }
  if (o->partner && !(w->partner = crn_event_lookup_partner (w->ev, o->partner))) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "Event \"%s\" has no partner \"%s\"",
                 w->ev->id, o->partner);
    return FALSE;
  }
  return TRUE;
}

static char *
calendar_name (Writer *w)
{
  if (w->opts->calendar_name)
    return crn_ical_clean_text (w->opts->calendar_name, FALSE);
  const char *event = w->ev->name && *w->ev->name ? w->ev->name : w->ev->id;
  const char *scope = w->person ? w->person->name : w->room ? w->room->name
                    : w->partner ? w->partner->name : NULL;
  g_autofree char *name = scope ? g_strdup_printf ("%s — %s", event, scope) : g_strdup (event);
  return crn_ical_clean_text (name, FALSE);
}

static void
add_calendar_properties (Writer *w, icalcomponent *cal)
{
  icalcomponent_add_property (cal, icalproperty_new_prodid ("-//creneau//creneau "
                                                            PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (cal, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (cal, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (cal, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  g_autofree char *name = calendar_name (w);
  icalcomponent_add_property (cal, icalproperty_new_name (name));
  icalproperty *x = icalproperty_new_x (name);
  icalproperty_set_x_name (x, "X-WR-CALNAME");
  icalcomponent_add_property (cal, x);
  if (w->tzid) {
    x = icalproperty_new_x (w->tzid);
    icalproperty_set_x_name (x, "X-WR-TIMEZONE");
    icalcomponent_add_property (cal, x);
  }

  guint minutes = w->opts->refresh_minutes ? w->opts->refresh_minutes : DEFAULT_REFRESH_MINUTES;
  struct icaldurationtype every = icaldurationtype_from_int ((int) minutes * 60);
  icalproperty *refresh = icalproperty_new_refreshinterval (every);
  icalproperty_add_parameter (refresh, icalparameter_new_value (ICAL_VALUE_DURATION));
  icalcomponent_add_property (cal, refresh);
  char *ttl = icaldurationtype_as_ical_string_r (every);
  x = icalproperty_new_x (ttl);
  free (ttl);
  icalproperty_set_x_name (x, "X-PUBLISHED-TTL");
  icalcomponent_add_property (cal, x);
}

char *
crn_ical_write (const CrnTimetable *tt, const CrnIcalOptions *opts, GError **error)
{
  CrnIcalOptions defaults;
  if (opts == NULL) {
    crn_ical_options_init (&defaults);
    opts = &defaults;
  }
  /* Bad input must give an error, never abort the daemon. */
  icalerror_set_errors_are_fatal (0);

  Writer w = { 0 };
  w.tt = tt;
  w.ev = tt->event;
  w.opts = opts;
  w.tzid = zone_is_utc (w.ev->timezone_name) ? NULL : w.ev->timezone_name;
  w.dtstamp = opts->dtstamp ? opts->dtstamp
            : opts->publication ? opts->publication->published
            : g_get_real_time () / G_USEC_PER_SEC;
  if (!resolve_scope (&w, error))
    return NULL;
  g_autoptr (GPtrArray) vevents
    = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);
  g_autoptr (GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.vevents = vevents;
  w.uids = uids;

  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    if (a->assigned && in_scope (&w, a) && !add_session (&w, a, error))
      return NULL;
  }
  for (guint i = 0; opts->public_breaks && i < w.ev->breaks->len; i++) {
    const CrnBreak *b = g_ptr_array_index (w.ev->breaks, i);
    if (b->is_public && !add_break (&w, b, error))
      return NULL;
  }
  /* A publication older than the timetable may hold as cancelled an
   * occurrence that is back: the timetable wins. */
  const CrnPublication *pub = opts->publication;
  g_autoptr (GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; pub && i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    if (a->assigned)
      g_hash_table_add (current, crn_ical_session_uid (w.ev, a->session, a->occurrence));
  }
  for (guint i = 0; pub && i < pub->items->len; i++) {
    const CrnPublishedItem *it = g_ptr_array_index (pub->items, i);
    if (it->cancelled && !g_hash_table_contains (current, it->uid) && item_in_scope (&w, it)
        && !add_cancelled (&w, it, error))
      return NULL;
  }

  g_autoptr (icalcomponent) cal = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  add_calendar_properties (&w, cal);
  if (w.tzid) {
    if (w.first_year == 0) {
      CrnTime start, end;
      crn_event_get_span (w.ev, &start, &end);
      int year, unused;
      crn_time_to_ymd_hm (w.ev->days->len ? start : crn_time_from_unix (w.dtstamp,
                                                                       w.ev->timezone),
                          &year, &unused, &unused, &unused, &unused);
      note_year (&w, year);
    }
    icalcomponent *vtz = crn_ical_vtimezone_new (w.tzid, w.first_year, w.last_year, error);
    if (vtz == NULL) {
      g_prefix_error (error, "Event \"%s\": ", w.ev->id);
      return NULL;
    }
    icalcomponent_add_component (cal, vtz);
  }
  g_ptr_array_sort (vevents, compare_vevents);
  /* The calendar owns them from here. */
  g_ptr_array_set_free_func (vevents, NULL);
  for (guint i = 0; i < vevents->len; i++)
    icalcomponent_add_component (cal, g_ptr_array_index (vevents, i));

  char *text = icalcomponent_as_ical_string_r (cal);
  GString *result = g_string_new (text);
  free (text);
  /* libical 3.0.16 folds a line whose CRLF falls on the fold boundary
   * between the CR and the LF ("...\r" "\r\n " "\n"), which no parser reads
   * back as one line. Values hold no CR (crn_ical_clean_text), so this
   * sequence only ever comes from that fold: join the line end again. */
  g_string_replace (result, "\r\r\n \n", "\r\n", 0);
  return g_string_free (result, FALSE);
}

gboolean
crn_ical_write_file (const CrnTimetable *tt, const CrnIcalOptions *opts, const char *path,
                     GError **error)
{
  g_autofree char *text = crn_ical_write (tt, opts, error);
  return text != NULL && g_file_set_contents (path, text, -1, error);
}
