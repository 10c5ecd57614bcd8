/* creneau — ITC2007 track 3 instances and solutions. */
#include "config.h"

#include "itc2007.h"
#include "model/error.h"

#include <string.h>

#define MAX_NAME_BYTES 200
#define MAX_ENTITIES 100000
#define MAX_STUDENTS 1000000
/* The largest competition instance has 434; this bounds what a hostile file
 * can make the timetable allocate. */
#define MAX_LECTURES 200000

struct _CrnItc2007 {
  CrnEvent *event;
  char *name;
  guint n_days;
  guint periods_per_day;
  CrnTime first_day;
  GHashTable *course_by_name; /* original name -> CrnSession* */
  GHashTable *room_by_name;   /* original name -> CrnRoom* */
};

void
crn_itc2007_free (CrnItc2007 *itc)
{
  if (itc == NULL)
    return;
  crn_event_free (itc->event);
  g_free (itc->name);
  g_hash_table_unref (itc->course_by_name);
  g_hash_table_unref (itc->room_by_name);
  g_free (itc);
}

CrnEvent *
crn_itc2007_get_event (const CrnItc2007 *itc)
{
  return itc->event;
}

const char *
crn_itc2007_get_name (const CrnItc2007 *itc)
{
  return itc->name;
}

guint
crn_itc2007_get_n_days (const CrnItc2007 *itc)
{
  return itc->n_days;
}

guint
crn_itc2007_get_periods_per_day (const CrnItc2007 *itc)
{
  return itc->periods_per_day;
}

CrnTime
crn_itc2007_period_start (const CrnItc2007 *itc, guint day, guint period)
{
  return itc->first_day + (CrnTime) day * CRN_MINUTES_PER_DAY + CRN_ITC2007_DAY_START_MINUTE +
         (CrnTime) period * 60;
}

gboolean
crn_itc2007_period_of (const CrnItc2007 *itc, CrnTime t, guint *out_day, guint *out_period)
{
  CrnTime rel = t - itc->first_day;
  if (rel < 0)
    return FALSE;
  CrnTime day = rel / CRN_MINUTES_PER_DAY;
  CrnTime minute = rel % CRN_MINUTES_PER_DAY - CRN_ITC2007_DAY_START_MINUTE;
  if (day >= itc->n_days || minute < 0 || minute % 60 != 0 ||
      minute / 60 >= itc->periods_per_day)
    return FALSE;
  *out_day = (guint) day;
  *out_period = (guint) (minute / 60);
  return TRUE;
}

/* --- line reading ------------------------------------------------------ */

typedef struct {
  const char *file;
  const char *p, *end;
  int line;            /* number of the line last returned */
  char **tokens;       /* of the line last returned */
  guint n_tokens;
} Lines;

/* Advances to the next line that is not blank and splits it on blanks.
 * Returns FALSE at the end of the text. */
static gboolean
lines_next (Lines *l)
{
  g_clear_pointer (&l->tokens, g_strfreev);
  l->n_tokens = 0;
  while (l->p < l->end) {
    const char *eol = memchr (l->p, '\n', (gsize) (l->end - l->p));
    const char *line_end = eol ? eol : l->end;
    const char *start = l->p;
    l->p = eol ? eol + 1 : l->end;
    l->line++;
    GPtrArray *toks = g_ptr_array_new ();
    const char *q = start;
    while (q < line_end) {
      while (q < line_end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      const char *t = q;
      while (q < line_end && *q != ' ' && *q != '\t' && *q != '\r')
        q++;
      if (q > t)
        g_ptr_array_add (toks, g_strndup (t, (gsize) (q - t)));
    }
    if (toks->len == 0) {
      g_ptr_array_free (toks, TRUE);
      continue;
    }
    l->n_tokens = toks->len;
    g_ptr_array_add (toks, NULL);
    l->tokens = (char **) g_ptr_array_free (toks, FALSE);
    return TRUE;
  }
  return FALSE;
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (Lines *l, GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "%s:%d: %s", l->file, l->line, msg);
  return FALSE;
}

/* Names may be anything printable without blanks; keeping them ASCII keeps
 * titles valid UTF-8 whatever the input. */
static gboolean
check_name (Lines *l, const char *what, const char *name, GError **error)
{
  if (strlen (name) > MAX_NAME_BYTES)
    return fail (l, error, "the %s name is longer than %d characters", what, MAX_NAME_BYTES);
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e)
      return fail (l, error, "the %s name \"%.40s\" holds a character that is not printable ASCII",
                   what, g_utf8_validate (name, -1, NULL) ? name : "?");
  return TRUE;
}

static gboolean
parse_number (Lines *l, const char *what, const char *text, guint64 min, guint64 max,
              guint *out, GError **error)
{
  guint64 v;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL))
    return fail (l, error, "%s must be a whole number from %" G_GUINT64_FORMAT " to %"
                 G_GUINT64_FORMAT ", not \"%.40s\"", what, min, max,
                 g_utf8_validate (text, -1, NULL) ? text : "?");
  *out = (guint) v;
  return TRUE;
}

/* A creneau id for an ITC2007 name, unique within @taken. */
static char *
make_id (const char *name, GHashTable *taken)
{
  GString *s = g_string_new (NULL);
  for (const char *p = name; *p && s->len < 56; p++) {
    char c = g_ascii_tolower (*p);
    g_string_append_c (s, (g_ascii_isalnum (c) ? c : '-'));
  }
  char *id = g_strdup (s->str);
  for (guint n = 2; g_hash_table_contains (taken, id); n++) {
    g_free (id);
    id = g_strdup_printf ("%s-%u", s->str, n);
  }
  g_string_free (s, TRUE);
  g_hash_table_add (taken, g_strdup (id));
  return id;
}

/* --- instance ---------------------------------------------------------- */

typedef struct {
  const char *key;
  guint min, max;
  guint value;
  gboolean seen;
} HeaderField;

enum { H_COURSES, H_ROOMS, H_DAYS, H_PERIODS, H_CURRICULA, H_CONSTRAINTS, N_HEADER };

static gboolean
expect_section (Lines *l, const char *title, GError **error)
{
  if (!lines_next (l)) {
    l->line++;
    return fail (l, error, "the file ends before the \"%s\" section", title);
  }
  if (l->n_tokens != 1 || strcmp (l->tokens[0], title) != 0)
    return fail (l, error, "expected \"%s\" here", title);
  return TRUE;
}

/* Reads the next line of a section that must hold @count lines. */
static gboolean
section_line (Lines *l, const char *section, guint index, guint count, GError **error)
{
  if (!lines_next (l)) {
    l->line++;
    return fail (l, error, "the file ends after %u of the %u lines of %s", index, count,
                 section);
  }
  if (l->n_tokens == 1 && g_str_has_suffix (l->tokens[0], ":"))
    return fail (l, error, "%s has %u lines where the header announces %u", section, index,
                 count);
  return TRUE;
}

static gboolean
parse_header (Lines *l, CrnItc2007 *itc, HeaderField *h, GError **error)
{
  gboolean have_name = FALSE;
  while (TRUE) {
    if (!lines_next (l)) {
      l->line++;
      return fail (l, error, "the file ends before the COURSES: section");
    }
    if (l->n_tokens == 1 && strcmp (l->tokens[0], "COURSES:") == 0)
      break;
    const char *key = l->tokens[0];
    if (!g_str_has_suffix (key, ":") || l->n_tokens != 2)
      return fail (l, error, "expected a header line \"Key: value\" or COURSES:");
    if (strcmp (key, "Name:") == 0) {
      if (!check_name (l, "instance", l->tokens[1], error))
        return FALSE;
      g_free (itc->name);
      itc->name = g_strdup (l->tokens[1]);
      have_name = TRUE;
      continue;
    }
    gboolean known = FALSE;
    for (int i = 0; i < N_HEADER; i++) {
      if (strlen (key) != strlen (h[i].key) + 1 || strncmp (key, h[i].key, strlen (h[i].key)) != 0)
        continue;
      if (h[i].seen)
        return fail (l, error, "the header gives %s twice", h[i].key);
      if (!parse_number (l, h[i].key, l->tokens[1], h[i].min, h[i].max, &h[i].value, error))
        return FALSE;
      h[i].seen = known = TRUE;
    }
    if (!known)
      return fail (l, error, "unknown header key \"%.40s\"",
                   g_utf8_validate (key, -1, NULL) ? key : "?");
  }
  if (!have_name)
    return fail (l, error, "the header has no Name: line before COURSES:");
  for (int i = 0; i < N_HEADER; i++)
    if (!h[i].seen)
      return fail (l, error, "the header has no %s: line before COURSES:", h[i].key);
  return TRUE;
}

static CrnItc2007 *
itc_new (void)
{
  CrnItc2007 *itc = g_new0 (CrnItc2007, 1);
  itc->course_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  itc->room_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return itc;
}

static void
setup_event (CrnItc2007 *itc, guint n_days, guint periods)
{
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *id = make_id (itc->name, taken);
  CrnEvent *ev = crn_event_new (crn_id_is_valid (id) ? id : "itc2007");
  ev->name = g_strdup (itc->name);
  ev->granularity = 60;
  itc->n_days = n_days;
  itc->periods_per_day = periods;
  itc->first_day = crn_time_from_ymd_hm (CRN_ITC2007_FIRST_YEAR, CRN_ITC2007_FIRST_MONTH,
                                         CRN_ITC2007_FIRST_MDAY, 0, 0);
  for (guint d = 0; d < n_days; d++) {
    CrnDay *day = crn_event_add_day (ev, itc->first_day + (CrnTime) d * CRN_MINUTES_PER_DAY);
    CrnTime start = crn_itc2007_period_start (itc, d, 0);
    crn_interval_set_add (day->open, start, start + (CrnTime) periods * 60);
  }
  for (int i = 0; i < CRN_N_SOFT; i++)
    ev->weights[i] = crn_soft_rule_default_weight ((CrnSoftRule) i);
  ev->weights[CRN_S1_CAPACITY_OVERFLOW] = 1;
  ev->weights[CRN_S2_SPREAD_DAYS] = 5;
  ev->weights[CRN_S3_COMPACTNESS] = 2;
  ev->weights[CRN_S4_ROOM_STABILITY] = 1;
  itc->event = ev;
}

static gboolean
parse_courses (Lines *l, CrnItc2007 *itc, guint count, GError **error)
{
  CrnEvent *ev = itc->event;
  guint slots = itc->n_days * itc->periods_per_day;
  g_autoptr (GHashTable) session_ids =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) person_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) teachers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint64 total = 0;
  for (guint i = 0; i < count; i++) {
    if (!section_line (l, "COURSES:", i, count, error))
      return FALSE;
    if (l->n_tokens != 5)
      return fail (l, error, "a course line is \"course teacher lectures min_days students\", "
                   "here are %u fields", l->n_tokens);
    char **t = l->tokens;
    guint lectures, min_days, students;
    if (!check_name (l, "course", t[0], error) || !check_name (l, "teacher", t[1], error) ||
        !parse_number (l, "the number of lectures", t[2], 1, slots, &lectures, error) ||
        !parse_number (l, "the minimum number of working days", t[3], 0, itc->n_days, &min_days,
                       error) ||
        !parse_number (l, "the number of students", t[4], 0, MAX_STUDENTS, &students, error))
      return FALSE;
    if (g_hash_table_contains (itc->course_by_name, t[0]))
      return fail (l, error, "course \"%s\" is defined twice", t[0]);
    total += lectures;
    if (total > MAX_LECTURES)
      return fail (l, error, "the courses so far have more than %d lectures in all, over this "
                   "reader's limit", MAX_LECTURES);

    g_autofree char *sid = make_id (t[0], session_ids);
    CrnSession *s = crn_event_add_session (ev, sid, error);
    if (s == NULL)
      return fail (l, error, "course \"%s\" cannot be added", t[0]);
    g_free (s->title);
    s->title = g_strdup (t[0]);
    s->kind = CRN_KIND_OTHER;
    s->duration = 60;
    s->count = lectures;
    s->min_days = min_days;
    s->attendance = students;
    s->exclusive = FALSE;
    s->file = g_strdup (l->file);
    s->line = l->line;

    CrnPerson *teacher = g_hash_table_lookup (teachers, t[1]);
    if (teacher == NULL) {
      g_autofree char *pid = make_id (t[1], person_ids);
      teacher = crn_event_add_person (ev, pid, error);
      if (teacher == NULL)
        return fail (l, error, "teacher \"%s\" cannot be added", t[1]);
      crn_person_set_name (teacher, t[1]);
      g_hash_table_insert (teachers, g_strdup (t[1]), teacher);
    }
    g_ptr_array_add (s->speakers, teacher);
    g_hash_table_insert (itc->course_by_name, g_strdup (t[0]), s);
  }
  return TRUE;
}

static gboolean
parse_rooms (Lines *l, CrnItc2007 *itc, guint count, GError **error)
{
  g_autoptr (GHashTable) room_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < count; i++) {
    if (!section_line (l, "ROOMS:", i, count, error))
      return FALSE;
    if (l->n_tokens != 2)
      return fail (l, error, "a room line is \"room capacity\", here are %u fields", l->n_tokens);
    guint capacity;
    if (!check_name (l, "room", l->tokens[0], error) ||
        !parse_number (l, "the room capacity", l->tokens[1], 0, MAX_STUDENTS, &capacity, error))
      return FALSE;
    if (g_hash_table_contains (itc->room_by_name, l->tokens[0]))
      return fail (l, error, "room \"%s\" is defined twice", l->tokens[0]);
    g_autofree char *rid = make_id (l->tokens[0], room_ids);
    CrnRoom *r = crn_event_add_room (itc->event, rid, error);
    if (r == NULL)
      return fail (l, error, "room \"%s\" cannot be added", l->tokens[0]);
    crn_room_set_name (r, l->tokens[0]);
    crn_room_set_capacity (r, capacity);
    g_hash_table_insert (itc->room_by_name, g_strdup (l->tokens[0]), r);
  }
  return TRUE;
}

static gboolean
parse_curricula (Lines *l, CrnItc2007 *itc, guint count, GError **error)
{
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < count; i++) {
    if (!section_line (l, "CURRICULA:", i, count, error))
      return FALSE;
    guint n;
    if (l->n_tokens < 2)
      return fail (l, error, "a curriculum line is \"curriculum n course1 ... coursen\"");
    if (!check_name (l, "curriculum", l->tokens[0], error) ||
        !parse_number (l, "the number of courses", l->tokens[1], 1, MAX_ENTITIES, &n, error))
      return FALSE;
    if (n != l->n_tokens - 2)
      return fail (l, error, "curriculum \"%s\" announces %u courses but lists %u",
                   l->tokens[0], n, l->n_tokens - 2);
    if (g_hash_table_contains (names, l->tokens[0]))
      return fail (l, error, "curriculum \"%s\" is defined twice", l->tokens[0]);
    g_hash_table_add (names, g_strdup (l->tokens[0]));
    g_autofree char *aid = make_id (l->tokens[0], ids);
    for (guint k = 2; k < l->n_tokens; k++) {
      CrnSession *s = g_hash_table_lookup (itc->course_by_name, l->tokens[k]);
      if (s == NULL) {
        if (!check_name (l, "course", l->tokens[k], error))
          return FALSE;
        return fail (l, error, "curriculum \"%s\" lists course \"%s\", which is not in COURSES:",
                     l->tokens[0], l->tokens[k]);
      }
      /* A course listed twice in one curriculum is still one audience. */
      gboolean present = FALSE;
      for (guint a = 0; a < s->audiences->len && !present; a++)
        present = g_str_equal (g_ptr_array_index (s->audiences, a), aid);
      if (!present)
        g_ptr_array_add (s->audiences, g_strdup (aid));
    }
  }
  return TRUE;
}

static gboolean
parse_unavailability (Lines *l, CrnItc2007 *itc, guint count, GError **error)
{
  for (guint i = 0; i < count; i++) {
    if (!section_line (l, "UNAVAILABILITY_CONSTRAINTS:", i, count, error))
      return FALSE;
    if (l->n_tokens != 3)
      return fail (l, error, "a constraint line is \"course day period\", here are %u fields",
                   l->n_tokens);
    guint day, period;
    CrnSession *s = g_hash_table_lookup (itc->course_by_name, l->tokens[0]);
    if (s == NULL) {
      if (!check_name (l, "course", l->tokens[0], error))
        return FALSE;
      return fail (l, error, "unknown course \"%s\"", l->tokens[0]);
    }
    if (!parse_number (l, "the day", l->tokens[1], 0, itc->n_days - 1, &day, error) ||
        !parse_number (l, "the period", l->tokens[2], 0, itc->periods_per_day - 1, &period,
                       error))
      return FALSE;
    CrnTime start = crn_itc2007_period_start (itc, day, period);
    crn_interval_set_add (s->unavailable, start, start + 60);
  }
  return TRUE;
}

CrnItc2007 *
crn_itc2007_parse (const char *text, gsize length, const char *file, GError **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  /* An empty GBytes gives NULL: the empty text, not a NULL + 0 pointer. */
  if (text == NULL)
    text = "";
  Lines l = { file ? file : "instance", text, text + length, 0, NULL, 0 };
  g_autoptr (CrnItc2007) itc = itc_new ();
  HeaderField h[N_HEADER] = {
    [H_COURSES] = { "Courses", 1, MAX_ENTITIES, 0, FALSE },
    [H_ROOMS] = { "Rooms", 1, MAX_ENTITIES, 0, FALSE },
    [H_DAYS] = { "Days", 1, CRN_ITC2007_MAX_DAYS, 0, FALSE },
    [H_PERIODS] = { "Periods_per_day", 1, CRN_ITC2007_MAX_PERIODS_PER_DAY, 0, FALSE },
    [H_CURRICULA] = { "Curricula", 0, MAX_ENTITIES, 0, FALSE },
    [H_CONSTRAINTS] = { "Constraints", 0, (guint) CRN_ITC2007_MAX_DAYS *
                        CRN_ITC2007_MAX_PERIODS_PER_DAY * MAX_ENTITIES / 100, 0, FALSE },
  };
  gboolean ok = memchr (text, '\0', length) == NULL;
  if (!ok) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s: the file holds a NUL byte; an ITC2007 instance is plain text", l.file);
    return NULL;
  }
  ok = parse_header (&l, itc, h, error);
  if (ok) {
    setup_event (itc, h[H_DAYS].value, h[H_PERIODS].value);
    ok = parse_courses (&l, itc, h[H_COURSES].value, error) &&
         expect_section (&l, "ROOMS:", error) &&
         parse_rooms (&l, itc, h[H_ROOMS].value, error) &&
         expect_section (&l, "CURRICULA:", error) &&
         parse_curricula (&l, itc, h[H_CURRICULA].value, error) &&
         expect_section (&l, "UNAVAILABILITY_CONSTRAINTS:", error) &&
         parse_unavailability (&l, itc, h[H_CONSTRAINTS].value, error) &&
         expect_section (&l, "END.", error);
  }
  if (ok && lines_next (&l))
    ok = fail (&l, error, "text follows END.");
  g_clear_pointer (&l.tokens, g_strfreev);
  return ok ? g_steal_pointer (&itc) : NULL;
}

static char *
read_whole (const char *path, gsize *length, GError **error)
{
  char *text = NULL;
  /* GLib's message already names the file. */
  if (!g_file_get_contents (path, &text, length, error))
    return NULL;
  return text;
}

CrnItc2007 *
crn_itc2007_load (const char *path, GError **error)
{
  gsize length;
  g_autofree char *text = read_whole (path, &length, error);
  if (text == NULL)
    return NULL;
  g_autofree char *base = g_path_get_basename (path);
  return crn_itc2007_parse (text, length, base, error);
}

/* --- solutions --------------------------------------------------------- */

CrnTimetable *
crn_itc2007_read_solution (const CrnItc2007 *itc, const char *text, gsize length,
                           const char *file, GError **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  if (text == NULL)
    text = "";
  Lines l = { file ? file : "solution", text, text + length, 0, NULL, 0 };
  const CrnEvent *ev = itc->event;
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  /* First assignment of each session, and how many are filled. */
  g_autofree guint *first = g_new0 (guint, ev->sessions->len + 1);
  g_autofree guint *filled = g_new0 (guint, ev->sessions->len + 1);
  for (guint i = 0, pos = 0; i < ev->sessions->len; i++) {
    first[i] = pos;
    pos += ((CrnSession *) g_ptr_array_index (ev->sessions, i))->count;
  }
  if (memchr (text, '\0', length) != NULL) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s: the file holds a NUL byte; a solution is plain text", l.file);
    return NULL;
  }
  gboolean ok = TRUE;
  while (ok && lines_next (&l)) {
    guint day, period;
    if (l.n_tokens != 4) {
      ok = fail (&l, error, "a solution line is \"course room day period\", here are %u fields",
                 l.n_tokens);
      break;
    }
    CrnSession *s = g_hash_table_lookup (itc->course_by_name, l.tokens[0]);
    CrnRoom *r = g_hash_table_lookup (itc->room_by_name, l.tokens[1]);
    if (s == NULL || r == NULL) {
      const char *what = s == NULL ? "course" : "room";
      const char *name = s == NULL ? l.tokens[0] : l.tokens[1];
      ok = check_name (&l, what, name, error) &&
           fail (&l, error, "unknown %s \"%s\" (not in instance %s)", what, name, itc->name);
      break;
    }
    ok = parse_number (&l, "the day", l.tokens[2], 0, itc->n_days - 1, &day, error) &&
         parse_number (&l, "the period", l.tokens[3], 0, itc->periods_per_day - 1, &period,
                       error);
    if (!ok)
      break;
    if (filled[s->index] >= s->count) {
      ok = fail (&l, error, "course \"%s\" has %u lectures; this line is one more", s->title,
                 s->count);
      break;
    }
    CrnAssignment *a =
      &g_array_index (tt->assignments, CrnAssignment, first[s->index] + filled[s->index]);
    filled[s->index]++;
    a->room = r;
    a->start = crn_itc2007_period_start (itc, day, period);
    a->assigned = TRUE;
  }
  g_clear_pointer (&l.tokens, g_strfreev);
  return ok ? g_steal_pointer (&tt) : NULL;
}

CrnTimetable *
crn_itc2007_load_solution (const CrnItc2007 *itc, const char *path, GError **error)
{
  gsize length;
  g_autofree char *text = read_whole (path, &length, error);
  if (text == NULL)
    return NULL;
  g_autofree char *base = g_path_get_basename (path);
  return crn_itc2007_read_solution (itc, text, length, base, error);
}

char *
crn_itc2007_write_solution (const CrnItc2007 *itc, const CrnTimetable *tt, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    guint day, period;
    if (!a->assigned || a->room == NULL)
      continue;
    if (!crn_itc2007_period_of (itc, a->start, &day, &period)) {
      g_autofree char *when = crn_time_format (a->start);
      g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                   "lecture %u of course \"%s\" starts at %s, which is not a period of %s",
                   a->occurrence, a->session->title, when, itc->name);
      return NULL;
    }
    g_string_append_printf (out, "%s %s %u %u\n", a->session->title, a->room->name, day, period);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
