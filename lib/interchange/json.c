/* creneau — JSON export of a timetable. Written by hand: the format is
 * small, and the one delicate part, string escaping, is below. */
#include "config.h"

#include "json.h"
#include "instant.h"

#include <string.h>

void
crn_json_append_string (GString *out, const char *text)
{
  if (text == NULL) {
    g_string_append (out, "null");
    return;
  }
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *c = valid; *c; c = g_utf8_next_char (c)) {
    gunichar u = g_utf8_get_char (c);
    switch (u) {
    case '"': g_string_append (out, "\\\""); break;
    case '\\': g_string_append (out, "\\\\"); break;
    case '\n': g_string_append (out, "\\n"); break;
    case '\r': g_string_append (out, "\\r"); break;
    case '\t': g_string_append (out, "\\t"); break;
    case '\b': g_string_append (out, "\\b"); break;
    case '\f': g_string_append (out, "\\f"); break;
    default:
      /* U+2028/9 are valid JSON but end a line in older JavaScript. */
      if (u < 0x20 || u == 0x7f || u == 0x2028 || u == 0x2029)
        g_string_append_printf (out, "\\u%04x", u);
      else
        g_string_append_len (out, c, g_utf8_next_char (c) - c);
    }
  }
  g_string_append_c (out, '"');
}

static void
key (GString *out, const char *name)
{
  crn_json_append_string (out, name);
  g_string_append_c (out, ':');
}

static void
append_people (GString *out, const char *name, GPtrArray *people)
{
  key (out, name);
  g_string_append_c (out, '[');
  for (guint i = 0; i < people->len; i++) {
    const CrnPerson *p = g_ptr_array_index (people, i);
    g_string_append (out, i ? ",{" : "{");
    key (out, "id");
    crn_json_append_string (out, p->id);
    g_string_append_c (out, ',');
    key (out, "name");
    crn_json_append_string (out, p->name);
    g_string_append_c (out, '}');
  }
  g_string_append (out, "],");
}

static void
append_strv (GString *out, char **items)
{
  g_string_append_c (out, '[');
  for (guint i = 0; items && items[i]; i++) {
    if (i)
      g_string_append_c (out, ',');
    crn_json_append_string (out, items[i]);
  }
  g_string_append_c (out, ']');
}

static void
append_time (GString *out, const char *name, gboolean assigned, CrnTime t, GTimeZone *tz,
             gboolean utc)
{
  key (out, name);
  if (!assigned) {
    g_string_append (out, "null");
    return;
  }
  g_autofree char *text = utc ? crn_instant_format_utc (t, tz) : crn_instant_format_local (t, tz);
  crn_json_append_string (out, text);
}

static void
append_assignment (GString *out, const CrnEvent *ev, const CrnAssignment *a)
{
  const CrnSession *s = a->session;
  gboolean placed = a->assigned && a->room != NULL;
  CrnTime end = a->start + (CrnTime) s->duration;
  g_string_append (out, "{");
  key (out, "id");
  crn_json_append_string (out, s->id);
  g_string_append_printf (out, ",\"occurrence\":%u,", a->occurrence);
  key (out, "title");
  crn_json_append_string (out, s->title);
  g_string_append_c (out, ',');
  key (out, "kind");
  crn_json_append_string (out, crn_session_kind_to_string (s->kind));
  g_string_append_printf (out, ",\"duration\":%u,", s->duration);
  key (out, "room");
  if (placed) {
    g_string_append_c (out, '{');
    key (out, "id");
    crn_json_append_string (out, a->room->id);
    g_string_append_c (out, ',');
    key (out, "name");
    crn_json_append_string (out, a->room->name);
    g_string_append_c (out, '}');
  } else {
    g_string_append (out, "null");
  }
  g_string_append_c (out, ',');
  append_time (out, "start", placed, a->start, ev->timezone, FALSE);
  g_string_append_c (out, ',');
  append_time (out, "end", placed, end, ev->timezone, FALSE);
  g_string_append_c (out, ',');
  append_time (out, "start_utc", placed, a->start, ev->timezone, TRUE);
  g_string_append_c (out, ',');
  append_time (out, "end_utc", placed, end, ev->timezone, TRUE);
  g_string_append_c (out, ',');
  append_people (out, "speakers", s->speakers);
  append_people (out, "moderators", s->moderators);
  key (out, "partners");
  g_string_append_c (out, '[');
  for (guint i = 0; i < s->partners->len; i++) {
    const CrnPartner *p = g_ptr_array_index (s->partners, i);
    g_string_append (out, i ? ",{" : "{");
    key (out, "id");
    crn_json_append_string (out, p->id);
    g_string_append_c (out, ',');
    key (out, "name");
    crn_json_append_string (out, p->name);
    g_string_append_c (out, '}');
  }
  g_string_append (out, "],");
  key (out, "track");
  crn_json_append_string (out, s->track);
  g_string_append_c (out, '}');
}

char *
crn_json_write_timetable (const CrnTimetable *tt)
{
  const CrnEvent *ev = tt->event;
  GString *out = g_string_new ("{\"format\":\"creneau-timetable\",\"version\":1,\"event\":{");
  key (out, "id");
  crn_json_append_string (out, ev->id);
  g_string_append_c (out, ',');
  key (out, "name");
  crn_json_append_string (out, ev->name ? ev->name : ev->id);
  g_string_append_c (out, ',');
  key (out, "timezone");
  crn_json_append_string (out, ev->timezone_name);
  g_string_append_printf (out, "},\"hard\":%u,\"soft\":%" G_GUINT64_FORMAT ",\n\"sessions\":[\n",
                          tt->hard, tt->soft);
  for (guint i = 0; i < tt->assignments->len; i++) {
    append_assignment (out, ev, &g_array_index (tt->assignments, CrnAssignment, i));
    g_string_append (out, i + 1 < tt->assignments->len ? ",\n" : "\n");
  }
  g_string_append (out, "],\n\"violations\":[\n");
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    g_string_append_c (out, '{');
    key (out, "rule");
    crn_json_append_string (out, v->rule);
    g_string_append_c (out, ',');
    key (out, "severity");
    crn_json_append_string (out, v->severity == CRN_VIOLATION_HARD ? "hard" : "soft");
    g_string_append_c (out, ',');
    key (out, "sessions");
    append_strv (out, v->sessions);
    g_string_append_c (out, ',');
    key (out, "resources");
    append_strv (out, v->resources);
    g_string_append_c (out, ',');
    key (out, "message");
    crn_json_append_string (out, v->message);
    g_string_append_printf (out, ",\"cost\":%" G_GUINT64_FORMAT "}", v->cost);
    g_string_append (out, i + 1 < tt->violations->len ? ",\n" : "\n");
  }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}
