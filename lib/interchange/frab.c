/* creneau — frab schedule.xml reader and writer (GMarkup, no libxml2). */
#include "config.h"

#include "frab.h"
#include "instant.h"
#include "model/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
frab_person_free (CrnFrabPerson *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p);
}

static void
frab_event_free (CrnFrabEvent *e)
{
  g_free (e->id);
  g_free (e->guid);
  g_free (e->slug);
  g_free (e->title);
  g_free (e->subtitle);
  g_free (e->track);
  g_free (e->type);
  g_free (e->language);
  g_free (e->abstract);
  g_free (e->description);
  g_free (e->url);
  g_free (e->room);
  g_ptr_array_unref (e->persons);
  g_free (e->session_id);
  g_free (e);
}

void
crn_frab_schedule_free (CrnFrabSchedule *s)
{
  if (s == NULL)
    return;
  g_free (s->title);
  g_free (s->acronym);
  g_free (s->time_zone_name);
  g_free (s->generator);
  if (s->timezone)
    g_time_zone_unref (s->timezone);
  g_array_unref (s->days);
  g_ptr_array_unref (s->rooms);
  g_ptr_array_unref (s->events);
  g_free (s);
}

/* ---- Reading ---------------------------------------------------------- */

/* What the parser keeps of an event until every time can be resolved (the
 * zone is known only once <conference> is read, and <date> may come in any
 * order among the event's children). */
typedef struct {
  char *date;       /* <date> text, or NULL */
  char *start;      /* <start> text */
  int line;
} PendingTime;

typedef struct {
  const char *filename;
  CrnFrabSchedule *sched;
  GPtrArray *stack;         /* element names (not owned: GMarkup's) */
  GString *text;
  CrnFrabEvent *event;      /* inside <event> */
  CrnFrabPerson *person;    /* inside <person> */
  /* The stack's length with the open <event> and <person> on it: only the
   * end of that very element closes them, not that of a stray <event> or
   * <person> nested elsewhere inside. */
  guint event_depth;
  guint person_depth;
  GArray *pending;          /* PendingTime, parallel to sched->events */
  int day_index;
  CrnTime day_date;
  GPtrArray *day_span_text; /* char*: start, end of each day, parallel to days */
  char *room;               /* name of the enclosing <room> */
} Parser;

static void
replace_const (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static const char *
parent_name (Parser *p, guint up)
{
  return p->stack->len > up ? g_ptr_array_index (p->stack, p->stack->len - 1 - up) : NULL;
}

static const char *
attribute (const char **names, const char **values, const char *name)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];
  return NULL;
}

static void
set_error_at (Parser *p, GMarkupParseContext *ctx, GError **error, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
set_error_at (Parser *p, GMarkupParseContext *ctx, GError **error, const char *format, ...)
{
  int line = 0;
  g_markup_parse_context_get_position (ctx, &line, NULL);
  va_list args;
  va_start (args, format);
  g_autofree char *msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "%s:%d: %s", p->filename, line, msg);
}

static void
on_start (GMarkupParseContext *ctx, const char *name, const char **anames, const char **avalues,
          gpointer user_data, GError **error)
{
  Parser *p = user_data;
  const char *parent = parent_name (p, 0);
  g_ptr_array_add (p->stack, (gpointer) name);
  g_string_truncate (p->text, 0);

  if (strcmp (name, "generator") == 0 && g_strcmp0 (parent, "schedule") == 0) {
    replace_const (&p->sched->generator, attribute (anames, avalues, "name"));
  } else if (strcmp (name, "day") == 0 && g_strcmp0 (parent, "schedule") == 0) {
    const char *date = attribute (anames, avalues, "date");
    const char *index = attribute (anames, avalues, "index");
    CrnFrabDay d = { 0 };
    if (date == NULL || !crn_time_parse_date (date, &d.date)) {
      set_error_at (p, ctx, error, "<day> has no valid date=\"YYYY-MM-DD\"");
      return;
    }
    d.index = index ? atoi (index) : (int) p->sched->days->len + 1;
    g_array_append_val (p->sched->days, d);
    g_ptr_array_add (p->day_span_text, g_strdup (attribute (anames, avalues, "start")));
    g_ptr_array_add (p->day_span_text, g_strdup (attribute (anames, avalues, "end")));
    p->day_index = d.index;
    p->day_date = d.date;
  } else if (strcmp (name, "room") == 0 && g_strcmp0 (parent, "day") == 0) {
    const char *room = attribute (anames, avalues, "name");
    if (room == NULL) {
      set_error_at (p, ctx, error, "<room> has no name attribute");
      return;
    }
    gboolean seen = FALSE;
    for (guint i = 0; i < p->sched->rooms->len && !seen; i++)
      seen = strcmp (g_ptr_array_index (p->sched->rooms, i), room) == 0;
    if (!seen)
      g_ptr_array_add (p->sched->rooms, g_strdup (room));
    replace_const (&p->room, room);
  } else if (strcmp (name, "event") == 0 && g_strcmp0 (parent, "room") == 0) {
    /* The parser keeps one open event and one open person: nesting them
     * (through a <schedule> inside a <person>) would lose the outer one. */
    if (p->event != NULL) {
      set_error_at (p, ctx, error, "<event> inside event %s", p->event->id ? p->event->id : "");
      return;
    }
    CrnFrabEvent *e = g_new0 (CrnFrabEvent, 1);
    e->id = g_strdup (attribute (anames, avalues, "id"));
    e->guid = g_strdup (attribute (anames, avalues, "guid"));
    e->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) frab_person_free);
    e->day_index = p->day_index;
    /* The enclosing room is the default for a missing <room>. */
    e->room = g_strdup (p->room);
    p->event = e;
    p->event_depth = p->stack->len;
    PendingTime t = { NULL, NULL, 0 };
    g_markup_parse_context_get_position (ctx, &t.line, NULL);
    g_array_append_val (p->pending, t);
    g_ptr_array_add (p->sched->events, e);
  } else if (strcmp (name, "person") == 0 && p->event && g_strcmp0 (parent, "persons") == 0) {
    if (p->person != NULL) {
      set_error_at (p, ctx, error, "<person> inside <person> in event %s",
                    p->event->id ? p->event->id : "");
      return;
    }
    p->person = g_new0 (CrnFrabPerson, 1);
    p->person->id = g_strdup (attribute (anames, avalues, "id"));
    p->person_depth = p->stack->len;
  }
}

static char *
take_text (Parser *p)
{
  g_autofree char *t = g_strdup (p->text->str);
  return g_strdup (g_strstrip (t));
}

/* Up to max_digits decimal digits at *text, advancing it; -1 if there is
 * none or more. Counting digits keeps the value far from int's range. */
static int
take_digits (const char **text, int max_digits)
{
  int value = 0, n = 0;
  while (g_ascii_isdigit (**text)) {
    if (++n > max_digits)
      return -1;
    value = value * 10 + (*(*text)++ - '0');
  }
  return n > 0 ? value : -1;
}

/* "HH:MM" or "HH:MM:SS" (also "H:MM") into minutes; -1 on bad text and on
 * more than a day, the longest session and the latest time of day the model
 * has (a <duration> of 77777777 hours would not fit an int in minutes). */
static int
parse_hm (const char *text)
{
  /* Leading zeros are common ("0009:00"): skip them before counting. */
  while (text[0] == '0' && g_ascii_isdigit (text[1]))
    text++;
  int h = take_digits (&text, 2);
  if (h < 0 || *text++ != ':')
    return -1;
  int m = take_digits (&text, 2);
  if (m < 0 || m > 59)
    return -1;
  if (*text == ':') {
    text++;
    int s = take_digits (&text, 2);
    if (s < 0 || s > 59)
      return -1;
  }
  if (*text != '\0' || h * 60 + m > CRN_MINUTES_PER_DAY)
    return -1;
  return h * 60 + m;
}

static void
replace (char **field, char *value)
{
  g_free (*field);
  *field = value;
}

static void
on_end (GMarkupParseContext *ctx, const char *name, gpointer user_data, GError **error)
{
  Parser *p = user_data;
  const char *parent = parent_name (p, 1);
  CrnFrabSchedule *s = p->sched;

  if (g_strcmp0 (parent, "conference") == 0) {
    g_autofree char *t = take_text (p);
    if (strcmp (name, "title") == 0)
      replace (&s->title, g_steal_pointer (&t));
    else if (strcmp (name, "acronym") == 0)
      replace (&s->acronym, g_steal_pointer (&t));
    else if (strcmp (name, "time_zone_name") == 0 && *t)
      replace (&s->time_zone_name, g_steal_pointer (&t));
    else if (strcmp (name, "start") == 0 || strcmp (name, "end") == 0) {
      CrnTime d = 0;
      /* Some exporters write a full date-time here; the date is enough. */
      if (strlen (t) >= 10)
        t[10] = '\0';
      if (*t && !crn_time_parse_date (t, &d)) {
        set_error_at (p, ctx, error, "<conference><%s> \"%s\" is not a date", name, t);
        goto pop;
      }
      if (strcmp (name, "start") == 0)
        s->start_date = d;
      else
        s->end_date = d;
    } else if (strcmp (name, "days") == 0)
      s->n_days = (guint) atoi (t);
    else if (strcmp (name, "timeslot_duration") == 0) {
      int m = parse_hm (t);
      s->timeslot_minutes = m > 0 ? (guint) m : 0;
    } else if (strcmp (name, "day_change") == 0) {
      int m = parse_hm (t);
      s->day_change = m > 0 ? m : 0;
    }
  } else if (p->person && p->stack->len == p->person_depth) {
    p->person->name = take_text (p);
    g_ptr_array_add (p->event->persons, g_steal_pointer (&p->person));
  } else if (p->event && p->stack->len == p->event_depth) {
    if (p->event->duration == 0 && g_array_index (p->pending, PendingTime, p->pending->len - 1).start == NULL) {
      set_error_at (p, ctx, error, "event %s has neither <start> nor <duration>",
                    p->event->id ? p->event->id : "(no id)");
      goto pop;
    }
    p->event = NULL;
  } else if (p->event && p->stack->len == p->event_depth + 1) {
    CrnFrabEvent *e = p->event;
    PendingTime *t = &g_array_index (p->pending, PendingTime, p->pending->len - 1);
    char *v = take_text (p);
    if (strcmp (name, "date") == 0) replace (&t->date, v);
    else if (strcmp (name, "start") == 0) replace (&t->start, v);
    else if (strcmp (name, "duration") == 0) {
      int m = parse_hm (v);
      if (m < 0) {
        set_error_at (p, ctx, error, "event %s: <duration> \"%s\" is not HH:MM of at most 24:00",
                      e->id ? e->id : "", v);
        g_free (v);
        goto pop;
      }
      e->duration = (guint) m;
      g_free (v);
    }
    else if (strcmp (name, "room") == 0 && *v) replace (&e->room, v);
    else if (strcmp (name, "slug") == 0) replace (&e->slug, v);
    else if (strcmp (name, "title") == 0) replace (&e->title, v);
    else if (strcmp (name, "subtitle") == 0) replace (&e->subtitle, v);
    else if (strcmp (name, "track") == 0) replace (&e->track, v);
    else if (strcmp (name, "type") == 0) replace (&e->type, v);
    else if (strcmp (name, "language") == 0) replace (&e->language, v);
    else if (strcmp (name, "abstract") == 0) replace (&e->abstract, v);
    else if (strcmp (name, "description") == 0) replace (&e->description, v);
    else if (strcmp (name, "url") == 0) replace (&e->url, v);
    else g_free (v);
  }
pop:
  g_ptr_array_set_size (p->stack, p->stack->len - 1);
  g_string_truncate (p->text, 0);
}

static void
on_text (GMarkupParseContext *ctx, const char *text, gsize len, gpointer user_data, GError **error)
{
  Parser *p = user_data;
  g_string_append_len (p->text, text, (gssize) len);
}

static void
pending_clear (gpointer data)
{
  PendingTime *t = data;
  g_free (t->date);
  g_free (t->start);
}

/* Picks the zone: the conference's, else the first offset written in a
 * <date>, else UTC. */
static gboolean
choose_timezone (CrnFrabSchedule *s, GArray *pending, const char *filename, GError **error)
{
  if (s->time_zone_name) {
    GTimeZone *tz = g_time_zone_new_identifier (s->time_zone_name);
    if (tz == NULL) {
      g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                   "%s: <time_zone_name> \"%s\" is not a known time zone", filename,
                   s->time_zone_name);
      return FALSE;
    }
    s->timezone = tz;
    return TRUE;
  }
  for (guint i = 0; i < pending->len; i++) {
    const char *date = g_array_index (pending, PendingTime, i).date;
    if (date == NULL || strchr (date, 'T') == NULL)
      continue;
    const char *clock = strchr (date, 'T');
    const char *tail = clock + strcspn (clock, "+-Z");
    if (*tail == '+' || *tail == '-') {
      s->time_zone_name = g_strdup (tail);
      s->timezone = g_time_zone_new_identifier (s->time_zone_name);
      if (s->timezone)
        return TRUE;
      g_clear_pointer (&s->time_zone_name, g_free);
    }
    break;
  }
  s->time_zone_name = g_strdup ("UTC");
  s->timezone = g_time_zone_new_utc ();
  return TRUE;
}

static gboolean
resolve_times (Parser *p, GError **error)
{
  CrnFrabSchedule *s = p->sched;
  if (!choose_timezone (s, p->pending, p->filename, error))
    return FALSE;
  for (guint i = 0; i < s->days->len; i++) {
    CrnFrabDay *d = &g_array_index (s->days, CrnFrabDay, i);
    const char *start = g_ptr_array_index (p->day_span_text, 2 * i);
    const char *end = g_ptr_array_index (p->day_span_text, 2 * i + 1);
    d->has_span = crn_instant_parse (start, s->timezone, &d->start) &&
                  crn_instant_parse (end, s->timezone, &d->end);
  }
  for (guint i = 0; i < s->events->len; i++) {
    CrnFrabEvent *e = g_ptr_array_index (s->events, i);
    PendingTime *t = &g_array_index (p->pending, PendingTime, i);
    if (t->date && strchr (t->date, 'T')) {
      if (!crn_instant_parse (t->date, s->timezone, &e->start)) {
        g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                     "%s:%d: event %s: <date> \"%s\" is not an ISO 8601 date-time from 1971 "
                     "to 9999", p->filename,
                     t->line, e->id ? e->id : "", t->date);
        return FALSE;
      }
      continue;
    }
    int minute = t->start ? parse_hm (t->start) : -1;
    if (minute < 0 || minute >= CRN_MINUTES_PER_DAY) {
      g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                   "%s:%d: event %s: <start> \"%s\" is not HH:MM", p->filename, t->line,
                   e->id ? e->id : "", t->start ? t->start : "");
      return FALSE;
    }
    CrnTime day = 0;
    if (t->date == NULL || !crn_time_parse_date (t->date, &day)) {
      gboolean found = FALSE;
      for (guint k = 0; k < s->days->len && !found; k++)
        if (g_array_index (s->days, CrnFrabDay, k).index == e->day_index) {
          day = g_array_index (s->days, CrnFrabDay, k).date;
          found = TRUE;
        }
      /* Without it the event would fall on 1970-01-01, which the model
       * cannot write back. */
      if (!found) {
        g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                     "%s:%d: event %s has no <date> and is inside no <day> of the <schedule>",
                     p->filename, t->line, e->id ? e->id : "");
        return FALSE;
      }
      /* A conference day runs until day_change the next morning. */
      if (minute < s->day_change)
        day += CRN_MINUTES_PER_DAY;
    }
    e->start = day + minute;
  }
  return TRUE;
}

CrnFrabSchedule *
crn_frab_parse (const char *text, gssize length, const char *filename, GError **error)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autoptr (CrnFrabSchedule) sched = g_new0 (CrnFrabSchedule, 1);
  sched->days = g_array_new (FALSE, TRUE, sizeof (CrnFrabDay));
  sched->rooms = g_ptr_array_new_with_free_func (g_free);
  sched->events = g_ptr_array_new_with_free_func ((GDestroyNotify) frab_event_free);
  Parser p = { 0 };
  p.filename = filename ? filename : "schedule.xml";
  p.sched = sched;
  p.stack = g_ptr_array_new ();
  p.text = g_string_new (NULL);
  p.pending = g_array_new (FALSE, TRUE, sizeof (PendingTime));
  g_array_set_clear_func (p.pending, pending_clear);
  p.day_span_text = g_ptr_array_new_with_free_func (g_free);

  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &p, NULL);
  g_autoptr (GError) local = NULL;
  gboolean ok = g_markup_parse_context_parse (ctx, text, length, &local) &&
                g_markup_parse_context_end_parse (ctx, &local);
  g_markup_parse_context_free (ctx);
  if (p.person)
    frab_person_free (p.person);
  if (ok && sched->days->len == 0 && sched->events->len == 0) {
    g_set_error (&local, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s: no <day> and no <event>: not a frab schedule", p.filename);
    ok = FALSE;
  } else if (!ok && local->domain != CRN_ERROR) {
    g_prefix_error (&local, "%s: ", p.filename);
    local->domain = CRN_ERROR;
    local->code = CRN_ERROR_INVALID_INPUT;
  }
  if (ok)
    ok = resolve_times (&p, &local);
  g_ptr_array_unref (p.stack);
  g_string_free (p.text, TRUE);
  g_array_unref (p.pending);
  g_ptr_array_unref (p.day_span_text);
  g_free (p.room);
  if (!ok) {
    g_propagate_error (error, g_steal_pointer (&local));
    return NULL;
  }
  return g_steal_pointer (&sched);
}

/* ---- Into the model --------------------------------------------------- */

/* Lower-case letters and digits, other runs of characters become one '-'. */
static char *
make_id (const char *text, const char *fallback)
{
  GString *id = g_string_new (NULL);
  g_autofree char *folded = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_DEFAULT);
  for (const char *c = folded ? folded : ""; *c && id->len < 60; c = g_utf8_next_char (c)) {
    gunichar u = g_utf8_get_char (c);
    if (u < 0x80 && g_ascii_isalnum ((char) u))
      g_string_append_c (id, g_ascii_tolower ((char) u));
    else if (g_unichar_ismark (u))
      continue; /* the accent of a decomposed letter: keep the letter only */
    else if (id->len > 0 && id->str[id->len - 1] != '-')
      g_string_append_c (id, '-');
  }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, fallback);
  return g_string_free (id, FALSE);
}

/* @base, or @base-2, @base-3 ... whichever is not yet in @taken. */
static char *
unique_id (GHashTable *taken, const char *base)
{
  char *id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (taken, id); n++) {
    g_free (id);
    id = g_strdup_printf ("%.58s-%u", base, n);
  }
  return id;
}

static gboolean
is_number (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

/* "e123" or "p123" for frab's integer ids, when that is a valid id: a
 * hundred-digit "integer" is not, and then the caller names it otherwise. */
static char *
numbered_id (char prefix, const char *number)
{
  if (!is_number (number))
    return NULL;
  g_autofree char *id = g_strdup_printf ("%c%s", prefix, number);
  return crn_id_is_valid (id) ? g_steal_pointer (&id) : NULL;
}

static CrnSessionKind
kind_from_type (const char *type)
{
  CrnSessionKind kind;
  if (type == NULL)
    return CRN_KIND_OTHER;
  if (crn_session_kind_from_string (type, &kind))
    return kind;
  g_autofree char *t = g_ascii_strdown (type, -1);
  static const struct { const char *word; CrnSessionKind kind; } words[] = {
    { "keynote", CRN_KIND_PLENARY }, { "plenary", CRN_KIND_PLENARY },
    { "workshop", CRN_KIND_WORKSHOP }, { "panel", CRN_KIND_ROUND_TABLE },
    { "podium", CRN_KIND_ROUND_TABLE }, { "round", CRN_KIND_ROUND_TABLE },
    { "bof", CRN_KIND_MEETING }, { "meeting", CRN_KIND_MEETING },
    { "talk", CRN_KIND_TALK }, { "lecture", CRN_KIND_TALK }, { "devroom", CRN_KIND_TALK },
    { "maintrack", CRN_KIND_TALK },
  };
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (t, words[i].word))
      return words[i].kind;
  return CRN_KIND_OTHER;
}

static guint
gcd (guint a, guint b)
{
  while (b) {
    guint r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/* A "<base>--<n>" slug names occurrence n of session base. */
static char *
split_occurrence (const char *slug, guint *occurrence)
{
  *occurrence = 1;
  const char *sep = g_strrstr (slug, "--");
  if (sep && is_number (sep + 2) && sep > slug) {
    guint64 n = g_ascii_strtoull (sep + 2, NULL, 10);
    if (n >= 1 && n <= 1000) {
      *occurrence = (guint) n;
      return g_strndup (slug, sep - slug);
    }
  }
  return g_strdup (slug);
}

static void
add_speakers (CrnEvent *ev, CrnSession *s, const CrnFrabEvent *e)
{
  for (guint k = 0; k < e->persons->len; k++) {
    const CrnFrabPerson *fp = g_ptr_array_index (e->persons, k);
    g_autofree char *pid = numbered_id ('p', fp->id);
    if (pid == NULL) {
      g_autofree char *slug = make_id (fp->name, "person");
      pid = g_strdup_printf ("p-%s", slug);
    }
    CrnPerson *person = crn_event_lookup_person (ev, pid);
    if (person == NULL) {
      person = crn_event_add_person (ev, pid, NULL);
      crn_person_set_name (person, fp->name);
    }
    if (!g_ptr_array_find (s->speakers, person, NULL))
      g_ptr_array_add (s->speakers, person);
  }
}

CrnEvent *
crn_frab_build_event (CrnFrabSchedule *sched, GError **error)
{
  /* The event's days are those its sessions were held on: with none it
   * would have no day, and its written schedule nothing to read. */
  if (sched->events->len == 0) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "the schedule has <day> elements but no <event>: nothing to schedule");
    return NULL;
  }
  g_autofree char *event_id = NULL;
  if (sched->acronym && crn_id_is_valid (sched->acronym))
    event_id = g_strdup (sched->acronym);
  else
    event_id = make_id (sched->acronym ? sched->acronym : sched->title, "frab");
  g_autoptr (CrnEvent) ev = crn_event_new (event_id);
  ev->name = g_strdup (sched->title ? sched->title : event_id);
  if (!crn_event_set_timezone (ev, sched->time_zone_name)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "time zone \"%s\" is not known",
                 sched->time_zone_name);
    return NULL;
  }

  guint grid = sched->timeslot_minutes;
  for (guint i = 0; i < sched->events->len; i++) {
    const CrnFrabEvent *e = g_ptr_array_index (sched->events, i);
    grid = gcd (grid, (guint) crn_time_minute_of_day (e->start));
    grid = gcd (grid, e->duration);
  }
  ev->granularity = grid ? grid : 15;

  g_autoptr (GHashTable) room_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < sched->rooms->len; i++) {
    const char *name = g_ptr_array_index (sched->rooms, i);
    g_autofree char *base = make_id (name, "room");
    g_autofree char *id = unique_id (ev->room_by_id, base);
    CrnRoom *room = crn_event_add_room (ev, id, NULL);
    crn_room_set_name (room, name);
    g_hash_table_insert (room_ids, g_strdup (name), room);
  }

  for (guint i = 0; i < sched->events->len; i++) {
    CrnFrabEvent *e = g_ptr_array_index (sched->events, i);
    CrnSession *s = NULL;
    gboolean created = FALSE;
    guint occurrence = 1;
    /* Only our own files keep session ids in slugs; elsewhere a slug is
     * free text and the frab id is the stable name. */
    if (g_strcmp0 (sched->generator, "creneau") == 0 && e->slug && crn_id_is_valid (e->slug)) {
      g_autofree char *base = split_occurrence (e->slug, &occurrence);
      CrnSession *existing = crn_event_lookup_session (ev, base);
      if (occurrence > 1 && existing && existing->duration == e->duration) {
        s = existing;
        s->count = MAX (s->count, occurrence);
      } else if (existing == NULL && crn_id_is_valid (base)) {
        s = crn_event_add_session (ev, base, NULL);
        s->count = occurrence;
        created = TRUE;
      }
    }
    if (s == NULL) {
      g_autofree char *base = numbered_id ('e', e->id);
      if (base == NULL)
        base = make_id (e->guid ? e->guid : e->title, "event");
      g_autofree char *id = unique_id (ev->session_by_id, base);
      s = crn_event_add_session (ev, id, NULL);
      occurrence = 1;
      created = TRUE;
    }
    if (created) {
      g_free (s->title);
      s->title = g_strdup (e->title ? e->title : s->id);
      g_free (s->description);
      const char *text = e->abstract && *e->abstract ? e->abstract : e->description;
      s->description = text && *text ? g_strdup (text) : NULL;
      s->kind = kind_from_type (e->type);
      /* frab has no notion of a session that stops every other room. */
      s->exclusive = FALSE;
      s->duration = e->duration;
      if (e->track && *e->track) {
        g_free (s->track);
        s->track = g_strdup (e->track);
      }
    }
    add_speakers (ev, s, e);
    e->session_id = g_strdup (s->id);
    e->occurrence = occurrence;

    /* Each day is open over the span the original programme used. */
    CrnDay *day = crn_event_add_day (ev, crn_time_day_start (e->start));
    crn_interval_set_add (day->open, e->start, e->start + e->duration);
  }
  for (guint i = 0; i < ev->days->len; i++) {
    CrnDay *d = &g_array_index (ev->days, CrnDay, i);
    guint n = crn_interval_set_get_n (d->open);
    if (n > 1) {
      CrnTime first = crn_interval_set_get (d->open, 0).start;
      CrnTime last = crn_interval_set_get (d->open, n - 1).end;
      crn_interval_set_add (d->open, first, last);
    }
  }
  return g_steal_pointer (&ev);
}

CrnTimetable *
crn_frab_original_timetable (const CrnFrabSchedule *sched, const CrnEvent *event)
{
  CrnTimetable *tt = crn_timetable_new (event);
  for (guint i = 0; i < sched->events->len; i++) {
    const CrnFrabEvent *e = g_ptr_array_index (sched->events, i);
    if (e->session_id == NULL)
      continue;
    CrnAssignment *a = crn_timetable_lookup (tt, e->session_id, e->occurrence);
    if (a == NULL)
      continue;
    for (guint r = 0; r < event->rooms->len; r++) {
      CrnRoom *room = g_ptr_array_index (event->rooms, r);
      if (g_strcmp0 (room->name, e->room) == 0)
        a->room = room;
    }
    a->start = e->start;
    a->assigned = TRUE;
  }
  return tt;
}

/* ---- Writing ---------------------------------------------------------- */

/* XML 1.0 text: the five special characters escaped, and the control
 * characters it cannot carry at all (not even as references) replaced. */
static void
append_escaped (GString *out, const char *text)
{
  if (text == NULL)
    return;
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  for (const char *c = valid; *c; c++) {
    switch (*c) {
    case '&': g_string_append (out, "&amp;"); break;
    case '<': g_string_append (out, "&lt;"); break;
    case '>': g_string_append (out, "&gt;"); break;
    case '"': g_string_append (out, "&quot;"); break;
    case '\'': g_string_append (out, "&apos;"); break;
    default:
      if ((guchar) *c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *c);
    }
  }
}

static void
element (GString *out, int indent, const char *name, const char *text)
{
  g_string_append_printf (out, "%*s<%s", indent, "", name);
  if (text == NULL || *text == '\0') {
    g_string_append (out, "/>\n");
    return;
  }
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append_printf (out, "</%s>\n", name);
}

static char *
format_hm (guint minutes)
{
  return g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
}

/* frab ids are integers: keep the number of "e123"/"p123" ids that came from
 * a frab file, number the others after the largest kept. */
static guint64
kept_number (const char *id, char prefix)
{
  if (id[0] == prefix && is_number (id + 1) && strlen (id + 1) < 12)
    return g_ascii_strtoull (id + 1, NULL, 10);
  return 0;
}

static int
compare_times (gconstpointer a, gconstpointer b)
{
  CrnTime x = *(const CrnTime *) a, y = *(const CrnTime *) b;
  return x < y ? -1 : x > y;
}

static int
compare_assignments (gconstpointer a, gconstpointer b)
{
  const CrnAssignment *x = *(const CrnAssignment *const *) a;
  const CrnAssignment *y = *(const CrnAssignment *const *) b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) x->session->index - (int) y->session->index;
}

static void
write_persons (GString *out, const CrnSession *s, const guint64 *person_numbers)
{
  GPtrArray *lists[2] = { s->speakers, s->moderators };
  if (s->speakers->len + s->moderators->len == 0) {
    g_string_append (out, "        <persons/>\n");
    return;
  }
  g_string_append (out, "        <persons>\n");
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < lists[l]->len; i++) {
      const CrnPerson *p = g_ptr_array_index (lists[l], i);
      g_string_append_printf (out, "          <person id=\"%" G_GUINT64_FORMAT "\">",
                              person_numbers[p->index]);
      append_escaped (out, p->name ? p->name : p->id);
      g_string_append (out, "</person>\n");
    }
  g_string_append (out, "        </persons>\n");
}

static void
write_event (GString *out, const CrnTimetable *tt, const CrnAssignment *a, guint64 number,
             const guint64 *person_numbers)
{
  const CrnEvent *ev = tt->event;
  const CrnSession *s = a->session;
  g_autofree char *slug = s->count > 1 ? g_strdup_printf ("%s--%u", s->id, a->occurrence)
                                       : g_strdup (s->id);
  /* The guid follows the calendar UID, so both stay stable together. */
  g_autofree char *uid = s->count > 1
      ? g_strdup_printf ("%s-%u@%s.creneau", s->id, a->occurrence, ev->id)
      : g_strdup_printf ("%s@%s.creneau", s->id, ev->id);
  g_autofree char *guid = crn_frab_guid_for (uid);
  g_autofree char *date = crn_instant_format_local (a->start, ev->timezone);
  g_autofree char *start = crn_time_format_clock (a->start);
  g_autofree char *duration = format_hm (s->duration);

  g_string_append_printf (out, "      <event guid=\"%s\" id=\"%" G_GUINT64_FORMAT "\">\n", guid,
                          number);
  element (out, 8, "date", date);
  element (out, 8, "start", start);
  element (out, 8, "duration", duration);
  element (out, 8, "room", a->room->name ? a->room->name : a->room->id);
  element (out, 8, "slug", slug);
  element (out, 8, "title", s->title);
  element (out, 8, "subtitle", NULL);
  element (out, 8, "track", s->track);
  element (out, 8, "type", crn_session_kind_to_string (s->kind));
  element (out, 8, "language", NULL);
  element (out, 8, "abstract", s->description);
  element (out, 8, "description", NULL);
  write_persons (out, s, person_numbers);
  element (out, 8, "links", NULL);
  g_string_append (out, "      </event>\n");
}

char *
crn_frab_guid_for (const char *name)
{
  /* A name-based (version 5) UUID in a namespace of our own: the first 16
   * bytes of SHA-1("creneau"). */
  guint8 ns[20], digest[20];
  gsize len = sizeof ns;
  g_autoptr (GChecksum) nsum = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (nsum, (const guchar *) "creneau", -1);
  g_checksum_get_digest (nsum, ns, &len);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sum, ns, 16);
  g_checksum_update (sum, (const guchar *) name, (gssize) strlen (name));
  len = sizeof digest;
  g_checksum_get_digest (sum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      g_string_append_c (out, '-');
    g_string_append_printf (out, "%02x", digest[i]);
  }
  return g_string_free (out, FALSE);
}

char *
crn_frab_write (const CrnTimetable *tt, const char *version)
{
  const CrnEvent *ev = tt->event;

  g_autofree guint64 *session_numbers = g_new0 (guint64, ev->sessions->len);
  g_autofree guint64 *person_numbers = g_new0 (guint64, ev->people->len + 1);
  guint64 next = 0;
  for (guint i = 0; i < ev->sessions->len; i++)
    next = MAX (next, kept_number (((CrnSession *) g_ptr_array_index (ev->sessions, i))->id, 'e'));
  for (guint i = 0; i < ev->sessions->len; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    session_numbers[i] = kept_number (s->id, 'e');
    if (session_numbers[i] == 0 || s->count > 1) {
      session_numbers[i] = next + 1;
      next += s->count;
    }
  }
  guint64 next_person = 0;
  for (guint i = 0; i < ev->people->len; i++)
    next_person = MAX (next_person, kept_number (((CrnPerson *) g_ptr_array_index (ev->people, i))->id, 'p'));
  for (guint i = 0; i < ev->people->len; i++) {
    const CrnPerson *p = g_ptr_array_index (ev->people, i);
    person_numbers[i] = kept_number (p->id, 'p');
    if (person_numbers[i] == 0)
      person_numbers[i] = ++next_person;
  }

  /* The days: those of the event, and any other day a session falls on. */
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  for (guint i = 0; i < ev->days->len; i++)
    g_array_append_val (days, g_array_index (ev->days, CrnDay, i).date);
  g_autoptr (GPtrArray) placed = g_ptr_array_new ();
  for (guint i = 0; i < tt->assignments->len; i++) {
    CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    if (!a->assigned || a->room == NULL)
      continue;
    g_ptr_array_add (placed, a);
    CrnTime day = crn_time_day_start (a->start);
    gboolean known = FALSE;
    for (guint k = 0; k < days->len && !known; k++)
      known = g_array_index (days, CrnTime, k) == day;
    if (!known)
      g_array_append_val (days, day);
  }
  g_array_sort (days, compare_times);
  g_ptr_array_sort (placed, compare_assignments);

  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
  g_string_append_printf (out, "  <generator name=\"creneau\" version=\"%s\"/>\n", PACKAGE_VERSION);
  element (out, 2, "version", version);
  g_string_append (out, "  <conference>\n");
  element (out, 4, "acronym", ev->id);
  element (out, 4, "title", ev->name ? ev->name : ev->id);
  if (days->len > 0) {
    g_autofree char *first = crn_time_format_date (g_array_index (days, CrnTime, 0));
    g_autofree char *last = crn_time_format_date (g_array_index (days, CrnTime, days->len - 1));
    element (out, 4, "start", first);
    element (out, 4, "end", last);
  }
  g_string_append_printf (out, "    <days>%u</days>\n", days->len);
  g_autofree char *slot = format_hm (ev->granularity);
  element (out, 4, "timeslot_duration", slot);
  element (out, 4, "time_zone_name", ev->timezone_name);
  g_string_append (out, "  </conference>\n");

  for (guint d = 0; d < days->len; d++) {
    CrnTime date = g_array_index (days, CrnTime, d);
    CrnDay *day = crn_event_lookup_day (ev, date);
    CrnTime start = date, end = date + CRN_MINUTES_PER_DAY;
    if (day && !crn_interval_set_is_empty (day->open)) {
      start = crn_interval_set_get (day->open, 0).start;
      end = crn_interval_set_get (day->open, crn_interval_set_get_n (day->open) - 1).end;
    }
    for (guint i = 0; i < placed->len; i++) {
      const CrnAssignment *a = g_ptr_array_index (placed, i);
      if (crn_time_day_start (a->start) == date) {
        start = MIN (start, a->start);
        end = MAX (end, a->start + (CrnTime) a->session->duration);
      }
    }
    g_autofree char *date_text = crn_time_format_date (date);
    g_autofree char *start_text = crn_instant_format_local (start, ev->timezone);
    g_autofree char *end_text = crn_instant_format_local (end, ev->timezone);
    g_string_append_printf (out, "  <day index=\"%u\" date=\"%s\" start=\"%s\" end=\"%s\">\n",
                            d + 1, date_text, start_text, end_text);
    for (guint r = 0; r < ev->rooms->len; r++) {
      const CrnRoom *room = g_ptr_array_index (ev->rooms, r);
      gboolean opened = FALSE;
      for (guint i = 0; i < placed->len; i++) {
        const CrnAssignment *a = g_ptr_array_index (placed, i);
        if (a->room != room || crn_time_day_start (a->start) != date)
          continue;
        if (!opened) {
          g_autofree char *room_uid = g_strdup_printf ("room/%s@%s.creneau", room->id, ev->id);
          g_autofree char *room_guid = crn_frab_guid_for (room_uid);
          g_string_append (out, "    <room name=\"");
          append_escaped (out, room->name ? room->name : room->id);
          g_string_append_printf (out, "\" guid=\"%s\">\n", room_guid);
          opened = TRUE;
        }
        write_event (out, tt, a, session_numbers[a->session->index] + a->occurrence - 1,
                     person_numbers);
      }
      if (opened)
        g_string_append (out, "    </room>\n");
    }
    g_string_append (out, "  </day>\n");
  }
  g_string_append (out, "</schedule>\n");
  return g_string_free (out, FALSE);
}
