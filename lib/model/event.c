/* creneau — the event model: construction, lookup and the public setters. */
#include "config.h"

#include <creneau/limits.h>

#include "event.h"
#include "error.h"
#include "session-refs.h"

#include <string.h>

G_DEFINE_QUARK (crn-error-quark, crn_error)

static const char *const kind_names[CRN_N_KINDS] = {
  "plenary", "workshop", "round-table", "talk", "meeting", "other",
};

const char *
crn_session_kind_to_string (CrnSessionKind kind)
{
  return kind < CRN_N_KINDS ? kind_names[kind] : "other";
}

gboolean
crn_session_kind_from_string (const char *text, CrnSessionKind *out)
{
  for (int i = 0; i < CRN_N_KINDS; i++)
    if (g_strcmp0 (text, kind_names[i]) == 0) {
      *out = (CrnSessionKind) i;
      return TRUE;
    }
  return FALSE;
}

static const struct {
  const char *id;
  const char *key;
  gint weight;
} soft_rules[CRN_N_SOFT] = {
  { "S1", "CapacityOverflow", CRN_WEIGHT_HARD },
  { "S2", "SpreadDays", 5 },
  { "S3", "Compactness", 2 },
  { "S4", "RoomStability", 1 },
  { "S5", "AttendeeConflict", 10 },
  { "S6", "Stability", 20 },
  { "S7", "Preference", 1 },
  { "S8", "MaxPerDay", 10 },
};

const char *
crn_soft_rule_key (CrnSoftRule rule)
{
  return soft_rules[rule].key;
}

const char *
crn_soft_rule_id (CrnSoftRule rule)
{
  return soft_rules[rule].id;
}

gint
crn_soft_rule_default_weight (CrnSoftRule rule)
{
  return soft_rules[rule].weight;
}

gboolean
crn_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > CRN_LIMIT_ID_BYTES)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static void
busy_note_clear (gpointer p)
{
  g_free (((CrnBusyNote *) p)->source);
}

static GArray *
busy_notes_new (void)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (CrnBusyNote));
  g_array_set_clear_func (a, busy_note_clear);
  return a;
}

static void
busy_notes_add (GArray *notes, CrnTime start, CrnTime end, const char *source)
{
  CrnBusyNote n = { start, end, g_strdup (source) };
  g_array_append_val (notes, n);
}

static void
room_free (CrnRoom *r)
{
  g_free (r->id);
  g_free (r->name);
  g_ptr_array_unref (r->tags);
  g_free (r->site);
  crn_interval_set_free (r->unavailable);
  g_array_unref (r->busy_notes);
  g_free (r);
}

static void
person_free (CrnPerson *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->email);
  g_free (p->organisation);
  crn_interval_set_free (p->unavailable);
  g_array_unref (p->busy_notes);
  crn_interval_set_free (p->preferred);
  crn_interval_set_free (p->discouraged);
  g_free (p);
}

static void
partner_free (CrnPartner *p)
{
  g_free (p->id);
  g_free (p->name);
  crn_interval_set_free (p->available);
  crn_interval_set_free (p->unavailable);
  g_array_unref (p->busy_notes);
  crn_interval_set_free (p->preferred);
  g_free (p);
}

static void
session_free (CrnSession *s)
{
  g_free (s->id);
  g_free (s->title);
  g_free (s->description);
  g_ptr_array_unref (s->speakers);
  g_ptr_array_unref (s->moderators);
  g_ptr_array_unref (s->partners);
  g_ptr_array_unref (s->room_tags);
  g_array_unref (s->days);
  g_array_unref (s->starts);
  crn_interval_set_free (s->unavailable);
  g_ptr_array_unref (s->after);
  g_free (s->block);
  g_free (s->track);
  g_ptr_array_unref (s->audiences);
  g_free (s->file);
  crn_session_refs_free (s->refs);
  g_free (s);
}

static void
break_free (CrnBreak *b)
{
  g_free (b->id);
  g_free (b->title);
  g_free (b);
}

static void
plugin_group_free (CrnPluginGroup *g)
{
  g_free (g->name);
  g_ptr_array_unref (g->keys);
  g_ptr_array_unref (g->values);
  g_array_unref (g->lines);
  g_free (g);
}

static void
day_clear (gpointer p)
{
  CrnDay *d = p;
  crn_interval_set_free (d->open);
  g_free (d->file);
}

static void
registration_clear (gpointer p)
{
  g_free (((CrnRegistration *) p)->participant);
}

CrnEvent *
crn_event_new (const char *id)
{
  CrnEvent *ev = g_new0 (CrnEvent, 1);
  ev->id = g_strdup (id);
  ev->granularity = 15;
  ev->timezone_name = g_strdup ("UTC");
  ev->timezone = g_time_zone_new_utc ();
  ev->days = g_array_new (FALSE, TRUE, sizeof (CrnDay));
  g_array_set_clear_func (ev->days, day_clear);
  ev->breaks = g_ptr_array_new_with_free_func ((GDestroyNotify) break_free);
  ev->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) room_free);
  ev->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  ev->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) partner_free);
  ev->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) session_free);
  ev->registrations = g_array_new (FALSE, TRUE, sizeof (CrnRegistration));
  g_array_set_clear_func (ev->registrations, registration_clear);
  ev->plugin_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) plugin_group_free);
  ev->room_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ev->person_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ev->partner_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  ev->session_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (int i = 0; i < CRN_N_SOFT; i++)
    ev->weights[i] = soft_rules[i].weight;
  return ev;
}

void
crn_event_free (CrnEvent *ev)
{
  if (ev == NULL)
    return;
  g_hash_table_unref (ev->room_by_id);
  g_hash_table_unref (ev->person_by_id);
  g_hash_table_unref (ev->partner_by_id);
  g_hash_table_unref (ev->session_by_id);
  g_ptr_array_unref (ev->sessions);
  g_ptr_array_unref (ev->rooms);
  g_ptr_array_unref (ev->people);
  g_ptr_array_unref (ev->partners);
  g_ptr_array_unref (ev->breaks);
  g_array_unref (ev->days);
  g_array_unref (ev->registrations);
  g_ptr_array_unref (ev->plugin_groups);
  g_free (ev->id);
  g_free (ev->name);
  g_free (ev->timezone_name);
  g_time_zone_unref (ev->timezone);
  g_free (ev->organizer);
  g_free (ev);
}

gboolean
crn_event_set_timezone (CrnEvent *ev, const char *iana_name)
{
  /* GLib falls back to UTC for unknown names; an IANA name that is not UTC
   * but yields the UTC identifier was not found. */
  GTimeZone *tz = g_time_zone_new_identifier (iana_name);
  if (tz == NULL)
    return FALSE;
  g_time_zone_unref (ev->timezone);
  ev->timezone = tz;
  g_free (ev->timezone_name);
  ev->timezone_name = g_strdup (iana_name);
  return TRUE;
}

const char *
crn_event_get_id (const CrnEvent *ev)
{
  return ev->id;
}

const char *
crn_event_get_timezone_name (const CrnEvent *ev)
{
  return ev->timezone_name;
}

GTimeZone *
crn_event_get_timezone (const CrnEvent *ev)
{
  return ev->timezone;
}

void
crn_event_get_span (const CrnEvent *ev, CrnTime *out_start, CrnTime *out_end)
{
  if (ev->days->len == 0) {
    *out_start = *out_end = 0;
    return;
  }
  *out_start = g_array_index (ev->days, CrnDay, 0).date;
  *out_end = g_array_index (ev->days, CrnDay, ev->days->len - 1).date + CRN_MINUTES_PER_DAY;
}

gboolean
crn_id_check (const char *id, const char *what, GError **error)
{
  if (crn_id_is_valid (id))
    return TRUE;
  gsize len = id ? strlen (id) : 0;
  if (len > CRN_LIMIT_ID_BYTES) {
    /* Cut at a character; text that is not UTF-8 never reaches here
     * (key files are checked first). */
    g_autofree char *start = g_utf8_validate (id, -1, NULL) ? g_utf8_substring (id, 0, 20)
                                                            : g_strdup ("");
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "the %s id \"%s…\" is %" G_GSIZE_FORMAT " bytes long, more than the limit "
                 "of %u", what, start, len, CRN_LIMIT_ID_BYTES);
    return FALSE;
  }
  g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
               "\"%s\" is not a valid %s id (use a-z, 0-9 and '-')", id ? id : "", what);
  return FALSE;
}

static gboolean
check_new_id (GHashTable *table, const char *what, const char *id, GError **error)
{
  if (!crn_id_check (id, what, error))
    return FALSE;
  if (g_hash_table_contains (table, id)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "%s \"%s\" is defined twice", what,
                 id);
    return FALSE;
  }
  return TRUE;
}

CrnRoom *
crn_event_add_room (CrnEvent *ev, const char *id, GError **error)
{
  if (!check_new_id (ev->room_by_id, "room", id, error))
    return NULL;
  CrnRoom *r = g_new0 (CrnRoom, 1);
  r->index = ev->rooms->len;
  r->id = g_strdup (id);
  r->name = g_strdup (id);
  r->tags = g_ptr_array_new_with_free_func (g_free);
  r->unavailable = crn_interval_set_new ();
  r->busy_notes = busy_notes_new ();
  g_ptr_array_add (ev->rooms, r);
  g_hash_table_insert (ev->room_by_id, r->id, r);
  return r;
}

CrnPerson *
crn_event_add_person (CrnEvent *ev, const char *id, GError **error)
{
  if (!check_new_id (ev->person_by_id, "person", id, error))
    return NULL;
  CrnPerson *p = g_new0 (CrnPerson, 1);
  p->index = ev->people->len;
  p->id = g_strdup (id);
  p->name = g_strdup (id);
  p->unavailable = crn_interval_set_new ();
  p->busy_notes = busy_notes_new ();
  p->preferred = crn_interval_set_new ();
  p->discouraged = crn_interval_set_new ();
  g_ptr_array_add (ev->people, p);
  g_hash_table_insert (ev->person_by_id, p->id, p);
  return p;
}

CrnPartner *
crn_event_add_partner (CrnEvent *ev, const char *id, GError **error)
{
  if (!check_new_id (ev->partner_by_id, "partner", id, error))
    return NULL;
  CrnPartner *p = g_new0 (CrnPartner, 1);
  p->index = ev->partners->len;
  p->id = g_strdup (id);
  p->name = g_strdup (id);
  p->available = crn_interval_set_new ();
  p->unavailable = crn_interval_set_new ();
  p->busy_notes = busy_notes_new ();
  p->preferred = crn_interval_set_new ();
  g_ptr_array_add (ev->partners, p);
  g_hash_table_insert (ev->partner_by_id, p->id, p);
  return p;
}

CrnSession *
crn_event_add_session (CrnEvent *ev, const char *id, GError **error)
{
  if (!check_new_id (ev->session_by_id, "session", id, error))
    return NULL;
  CrnSession *s = g_new0 (CrnSession, 1);
  s->index = ev->sessions->len;
  s->id = g_strdup (id);
  s->title = g_strdup (id);
  s->kind = CRN_KIND_OTHER;
  s->count = 1;
  s->speakers = g_ptr_array_new ();
  s->moderators = g_ptr_array_new ();
  s->partners = g_ptr_array_new ();
  s->room_tags = g_ptr_array_new_with_free_func (g_free);
  s->days = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  s->starts = g_array_new (FALSE, FALSE, sizeof (int));
  s->unavailable = crn_interval_set_new ();
  s->after = g_ptr_array_new ();
  s->audiences = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (ev->sessions, s);
  g_hash_table_insert (ev->session_by_id, s->id, s);
  return s;
}

CrnRoom *
crn_event_lookup_room (const CrnEvent *ev, const char *id)
{
  return id ? g_hash_table_lookup (ev->room_by_id, id) : NULL;
}

CrnPerson *
crn_event_lookup_person (const CrnEvent *ev, const char *id)
{
  return id ? g_hash_table_lookup (ev->person_by_id, id) : NULL;
}

CrnPartner *
crn_event_lookup_partner (const CrnEvent *ev, const char *id)
{
  return id ? g_hash_table_lookup (ev->partner_by_id, id) : NULL;
}

CrnSession *
crn_event_lookup_session (const CrnEvent *ev, const char *id)
{
  return id ? g_hash_table_lookup (ev->session_by_id, id) : NULL;
}

CrnDay *
crn_event_lookup_day (const CrnEvent *ev, CrnTime midnight)
{
  for (guint i = 0; i < ev->days->len; i++)
    if (g_array_index (ev->days, CrnDay, i).date == midnight)
      return &g_array_index (ev->days, CrnDay, i);
  return NULL;
}

CrnDay *
crn_event_add_day (CrnEvent *ev, CrnTime midnight)
{
  CrnDay *existing = crn_event_lookup_day (ev, midnight);
  if (existing)
    return existing;
  guint i = 0;
  while (i < ev->days->len && g_array_index (ev->days, CrnDay, i).date < midnight)
    i++;
  CrnDay d = { midnight, crn_interval_set_new (), NULL, 0 };
  g_array_insert_val (ev->days, i, d);
  return &g_array_index (ev->days, CrnDay, i);
}

CrnBreak *
crn_event_add_break (CrnEvent *ev, const char *id, CrnTime start, CrnTime end)
{
  CrnBreak *b = g_new0 (CrnBreak, 1);
  b->id = g_strdup (id);
  b->start = start;
  b->end = end;
  g_ptr_array_add (ev->breaks, b);
  return b;
}

CrnIntervalSet *
crn_event_open_time (const CrnEvent *ev)
{
  CrnIntervalSet *open = crn_interval_set_new ();
  for (guint i = 0; i < ev->days->len; i++)
    crn_interval_set_union (open, g_array_index (ev->days, CrnDay, i).open);
  for (guint i = 0; i < ev->breaks->len; i++) {
    CrnBreak *b = g_ptr_array_index (ev->breaks, i);
    crn_interval_set_remove (open, b->start, b->end);
  }
  return open;
}

guint
crn_event_count_occurrences (const CrnEvent *ev)
{
  guint n = 0;
  for (guint i = 0; i < ev->sessions->len; i++)
    n += ((CrnSession *) g_ptr_array_index (ev->sessions, i))->count;
  return n;
}

/* Public setters. */

static void
replace_string (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

void crn_room_set_name (CrnRoom *r, const char *name) { replace_string (&r->name, name); }
void crn_room_set_capacity (CrnRoom *r, guint capacity) { r->capacity = capacity; }
void crn_room_set_site (CrnRoom *r, const char *site) { replace_string (&r->site, site); }

void
crn_room_add_tag (CrnRoom *r, const char *tag)
{
  for (guint i = 0; i < r->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (r->tags, i), tag) == 0)
      return;
  g_ptr_array_add (r->tags, g_strdup (tag));
}

void
crn_room_add_unavailable (CrnRoom *r, CrnTime start, CrnTime end, const char *source)
{
  crn_interval_set_add (r->unavailable, start, end);
  busy_notes_add (r->busy_notes, start, end, source);
}

void crn_person_set_name (CrnPerson *p, const char *v) { replace_string (&p->name, v); }
void crn_person_set_email (CrnPerson *p, const char *v) { replace_string (&p->email, v); }
void crn_person_set_organisation (CrnPerson *p, const char *v) { replace_string (&p->organisation, v); }
void crn_person_set_max_per_day (CrnPerson *p, guint max_sessions) { p->max_per_day = max_sessions; }

void
crn_person_add_unavailable (CrnPerson *p, CrnTime start, CrnTime end, const char *source)
{
  crn_interval_set_add (p->unavailable, start, end);
  busy_notes_add (p->busy_notes, start, end, source);
}

void
crn_person_add_preferred (CrnPerson *p, CrnTime start, CrnTime end)
{
  crn_interval_set_add (p->preferred, start, end);
}

void
crn_person_add_discouraged (CrnPerson *p, CrnTime start, CrnTime end, const char *source)
{
  (void) source;
  crn_interval_set_add (p->discouraged, start, end);
}

void crn_partner_set_name (CrnPartner *p, const char *v) { replace_string (&p->name, v); }

void
crn_partner_add_available (CrnPartner *p, CrnTime start, CrnTime end)
{
  crn_interval_set_add (p->available, start, end);
}

void
crn_partner_add_unavailable (CrnPartner *p, CrnTime start, CrnTime end, const char *source)
{
  crn_interval_set_add (p->unavailable, start, end);
  busy_notes_add (p->busy_notes, start, end, source);
}

void
crn_partner_add_preferred (CrnPartner *p, CrnTime start, CrnTime end)
{
  crn_interval_set_add (p->preferred, start, end);
}
