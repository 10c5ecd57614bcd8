/* sessions-csv — sessions from a spreadsheet saved as CSV.
 *
 *   id,title,kind,duration,speakers,moderators,partners,attendance,room tags,track,audience,fixed start,fixed room
 *   atelier-1,"Coopération, transitions",workshop,90,caron;fournier,grivel,cget,40,workshop,transitions,elus,,
 *
 * People, partners and rooms are named by id; they are looked up once every
 * plugin has run, so this plugin may come before the speakers plugin.
 */
#include <creneau/creneau.h>
#include <string.h>

#define PLUGIN_NAME "sessions-csv"

typedef enum {
  COL_ID, COL_TITLE, COL_KIND, COL_DURATION, COL_SPEAKERS, COL_MODERATORS, COL_PARTNERS,
  COL_ATTENDANCE, COL_ROOM_TAGS, COL_TRACK, COL_AUDIENCE, COL_FIXED_START, COL_FIXED_ROOM,
  COL_COUNT, COL_DESCRIPTION, N_COLUMNS
} Column;

static const char *const column_names[N_COLUMNS] = {
  "id", "title", "kind", "duration", "speakers", "moderators", "partners", "attendance",
  "room tags", "track", "audience", "fixed start", "fixed room", "count", "description",
};

typedef struct {
  CrnPluginContext *ctx;
  CrnEvent *event;
  const char *file;
  int index[N_COLUMNS];  /* field index of each column, -1 when absent */
  const CrnCsvRow *row;
} Reader;

static void G_GNUC_PRINTF (3, 4)
cell_error (Reader *r, Column col, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_autofree char *key = g_strconcat ("column ", column_names[col], NULL);
  crn_plugin_context_error (r->ctx, r->file, r->row->line, NULL, key, "%s", msg);
}

/* The trimmed cell of @col in the current row; "" when the column is absent. */
static char *
cell (Reader *r, Column col)
{
  int i = r->index[col];
  if (i < 0 || (guint) i >= r->row->n_fields)
    return g_strdup ("");
  return g_strstrip (g_strdup (r->row->fields[i]));
}

/* "Room Tags", "room_tags" and "ROOM-TAGS" all name the same column. */
static char *
normalise_header (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const char *c = text; *c; c++) {
    char ch = (*c == '_' || *c == '-' || *c == '\t') ? ' ' : g_ascii_tolower (*c);
    if (ch == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
      continue;
    g_string_append_c (out, ch);
  }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static gboolean
read_header (Reader *r, const CrnCsvRow *header)
{
  gboolean ok = TRUE;
  for (guint c = 0; c < N_COLUMNS; c++)
    r->index[c] = -1;
  for (guint i = 0; i < header->n_fields; i++) {
    g_autofree char *name = normalise_header (header->fields[i]);
    if (*name == '\0')
      continue;
    int found = -1;
    for (guint c = 0; c < N_COLUMNS && found < 0; c++)
      if (strcmp (name, column_names[c]) == 0)
        found = (int) c;
    if (found < 0) {
      const char *hint = crn_suggest (name, column_names, N_COLUMNS);
      if (hint)
        crn_plugin_context_warning (r->ctx, r->file, header->line, NULL, NULL,
                                    "unknown column \"%s\" is ignored (did you mean \"%s\"?)",
                                    header->fields[i], hint);
      else
        crn_plugin_context_warning (r->ctx, r->file, header->line, NULL, NULL,
                                    "unknown column \"%s\" is ignored", header->fields[i]);
      continue;
    }
    if (r->index[found] >= 0) {
      crn_plugin_context_error (r->ctx, r->file, header->line, NULL, NULL,
                                "column \"%s\" appears twice in the header", column_names[found]);
      ok = FALSE;
      continue;
    }
    r->index[found] = (int) i;
  }
  static const Column required[] = { COL_ID, COL_TITLE, COL_DURATION };
  for (guint k = 0; k < G_N_ELEMENTS (required); k++)
    if (r->index[required[k]] < 0) {
      crn_plugin_context_error (r->ctx, r->file, header->line, NULL, NULL,
                                "the header has no column \"%s\" (the first line must name the "
                                "columns: id, title, duration, ...)",
                                column_names[required[k]]);
      ok = FALSE;
    }
  return ok;
}

/* A whole number in [min, max] from a cell; reports @what on failure. */
static gboolean
read_number (Reader *r, Column col, const char *text, guint64 min, guint64 max, const char *what,
             guint *out)
{
  guint64 v = 0;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL)) {
    cell_error (r, col, "\"%s\" is not %s", text, what);
    return FALSE;
  }
  *out = (guint) v;
  return TRUE;
}

/* Items of a list cell, separated by ';' or ',' (whichever the sheet did not
 * use between cells), each an id. */
static gboolean
read_ids (Reader *r, Column col, CrnSession *s, void (*add) (CrnSession *, const char *))
{
  g_autofree char *text = cell (r, col);
  g_auto (GStrv) items = g_strsplit_set (text, ";,", -1);
  gboolean ok = TRUE;
  for (guint i = 0; items[i]; i++) {
    g_strstrip (items[i]);
    if (*items[i] == '\0')
      continue;
    if (!crn_id_is_valid (items[i])) {
      cell_error (r, col, "\"%s\" is not an id (use a-z, 0-9 and '-')", items[i]);
      ok = FALSE;
      continue;
    }
    add (s, items[i]);
  }
  return ok;
}

static gboolean
row_is_blank (const CrnCsvRow *row)
{
  for (guint i = 0; i < row->n_fields; i++) {
    g_autofree char *t = g_strstrip (g_strdup (row->fields[i]));
    if (*t)
      return FALSE;
  }
  return TRUE;
}

static gboolean
read_row (Reader *r)
{
  g_autofree char *id = cell (r, COL_ID);
  if (*id == '\0') {
    cell_error (r, COL_ID, "the session id is empty");
    return FALSE;
  }
  if (!crn_id_is_valid (id)) {
    cell_error (r, COL_ID, "\"%s\" is not a valid session id (use a-z, 0-9 and '-')", id);
    return FALSE;
  }
  g_autoptr (GError) error = NULL;
  CrnSession *s = crn_event_declare_session (r->event, id, r->file, r->row->line, &error);
  if (s == NULL) {
    cell_error (r, COL_ID, "%s", error->message);
    return FALSE;
  }
  gboolean ok = TRUE;

  g_autofree char *title = cell (r, COL_TITLE);
  if (*title)
    crn_session_set_title (s, title);
  g_autofree char *description = cell (r, COL_DESCRIPTION);
  if (*description)
    crn_session_set_description (s, description);
  g_autofree char *kind = cell (r, COL_KIND);
  if (*kind && !crn_session_set_kind (s, kind)) {
    cell_error (r, COL_KIND,
                "\"%s\" is not a kind (plenary, workshop, round-table, talk, meeting or other)",
                kind);
    ok = FALSE;
  }
  g_autofree char *duration = cell (r, COL_DURATION);
  guint n = 0;
  if (*duration == '\0') {
    cell_error (r, COL_DURATION, "the duration is empty (minutes)");
    ok = FALSE;
  } else if (read_number (r, COL_DURATION, duration, 1, 1440, "a number of minutes", &n)) {
    crn_session_set_duration (s, n);
  } else {
    ok = FALSE;
  }
  g_autofree char *count = cell (r, COL_COUNT);
  if (*count) {
    if (read_number (r, COL_COUNT, count, 1, 1000, "a number of occurrences (1 to 1000)", &n))
      crn_session_set_count (s, n);
    else
      ok = FALSE;
  }
  g_autofree char *attendance = cell (r, COL_ATTENDANCE);
  if (*attendance) {
    if (read_number (r, COL_ATTENDANCE, attendance, 0, 1000000, "a number of people", &n))
      crn_session_set_attendance (s, n);
    else
      ok = FALSE;
  }
  ok = read_ids (r, COL_SPEAKERS, s, crn_session_add_speaker) && ok;
  ok = read_ids (r, COL_MODERATORS, s, crn_session_add_moderator) && ok;
  ok = read_ids (r, COL_PARTNERS, s, crn_session_add_partner) && ok;
  ok = read_ids (r, COL_ROOM_TAGS, s, crn_session_add_room_tag) && ok;
  ok = read_ids (r, COL_AUDIENCE, s, crn_session_add_audience) && ok;
  g_autofree char *track = cell (r, COL_TRACK);
  if (*track)
    crn_session_set_track (s, track);
  g_autofree char *start = cell (r, COL_FIXED_START);
  if (*start) {
    CrnTime t;
    if (crn_time_parse (start, &t)) {
      crn_session_set_fixed_start (s, t);
    } else {
      cell_error (r, COL_FIXED_START, "\"%s\" is not a time (write YYYY-MM-DD HH:MM)", start);
      ok = FALSE;
    }
  }
  g_autofree char *room = cell (r, COL_FIXED_ROOM);
  if (*room) {
    if (crn_id_is_valid (room)) {
      crn_session_set_fixed_room (s, room);
    } else {
      cell_error (r, COL_FIXED_ROOM, "\"%s\" is not a room id (use a-z, 0-9 and '-')", room);
      ok = FALSE;
    }
  }
  return ok;
}

static gboolean
sessions_load_event (CrnPluginContext *ctx)
{
  g_autofree char *group_name = g_strconcat ("Plugin ", PLUGIN_NAME, NULL);
  g_autofree char *file = crn_plugin_context_get_string (ctx, "File");
  if (file == NULL || *g_strstrip (file) == '\0') {
    crn_plugin_context_error (ctx, "event.conf", crn_plugin_context_get_line (ctx, NULL),
                              group_name, "File", "the key is required (the sessions CSV file)");
    return FALSE;
  }
  g_autoptr (GBytes) bytes = crn_plugin_context_get_file (ctx, file);
  if (bytes == NULL) {
    crn_plugin_context_error (ctx, "event.conf", crn_plugin_context_get_line (ctx, "File"),
                              group_name, "File", "no file \"%s\" in the event directory", file);
    return FALSE;
  }
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = crn_csv_parse (text ? text : "", (gssize) len, 0, file, &error);
  if (rows == NULL) {
    crn_plugin_context_error (ctx, NULL, 0, NULL, NULL, "%s", error->message);
    return FALSE;
  }
  if (rows->len == 0) {
    crn_plugin_context_error (ctx, file, 0, NULL, NULL,
                              "the file is empty (the first line must name the columns)");
    return FALSE;
  }
  Reader r = { ctx, crn_plugin_context_get_event (ctx), file, { 0 }, NULL };
  if (!read_header (&r, g_ptr_array_index (rows, 0)))
    return FALSE;
  const CrnCsvRow *header = g_ptr_array_index (rows, 0);
  gboolean ok = TRUE;
  for (guint i = 1; i < rows->len; i++) {
    r.row = g_ptr_array_index (rows, i);
    if (row_is_blank (r.row))
      continue;
    if (r.row->n_fields > header->n_fields) {
      crn_plugin_context_error (ctx, file, r.row->line, NULL, NULL,
                                "%u cells where the header names %u (quote a cell that holds "
                                "a comma)", r.row->n_fields, header->n_fields);
      ok = FALSE;
      continue;
    }
    ok = read_row (&r) && ok;
  }
  if (rows->len == 1)
    crn_plugin_context_warning (ctx, file, 0, NULL, NULL, "the file has no session rows");
  return ok;
}

CRN_PLUGIN_DEFINE (PLUGIN_NAME, "1.0", "Sessions from a spreadsheet saved as CSV",
                   sessions_load_event)
