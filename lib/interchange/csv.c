/* creneau — timetables as CSV. */
#include "config.h"

#include "csv.h"
#include "model/error.h"

#include <string.h>

char *
crn_csv_write_timetable (const CrnTimetable *tt)
{
  GString *out = g_string_new (CRN_CSV_TIMETABLE_HEADER "\r\n");
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    crn_csv_append_field (out, a->session->id, ',');
    g_string_append_printf (out, ",%u,", a->occurrence);
    if (a->assigned && a->room) {
      g_autofree char *start = crn_time_format (a->start);
      g_autofree char *end = crn_time_format (a->start + a->session->duration);
      crn_csv_append_field (out, a->room->id, ',');
      g_string_append_printf (out, ",%s,%s", start, end);
    } else {
      g_string_append (out, ",,");
    }
    g_string_append (out, "\r\n");
  }
  return g_string_free (out, FALSE);
}

static const char *const columns[] = { "session", "occurrence", "room", "start", "end" };

static gboolean
fail (GError **error, const char *file, int line, guint column, const char *format, ...)
    G_GNUC_PRINTF (5, 6);

static gboolean
fail (GError **error, const char *file, int line, guint column, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "%s:%d: column %s: %s", file, line,
               columns[column], msg);
  return FALSE;
}

static gboolean
read_row (CrnTimetable *tt, const CrnCsvRow *row, const char *file, GHashTable *seen,
          GError **error)
{
  const CrnEvent *ev = tt->event;
  char **f = row->fields;
  if (row->n_fields != G_N_ELEMENTS (columns)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s:%d: %u fields where the header has 5", file, row->line, row->n_fields);
    return FALSE;
  }
  CrnSession *s = crn_event_lookup_session (ev, f[0]);
  if (s == NULL)
    return fail (error, file, row->line, 0, "no session \"%s\"", f[0]);
  char *endp = NULL;
  guint64 occurrence = g_ascii_strtoull (f[1], &endp, 10);
  if (*f[1] == '\0' || *endp != '\0' || occurrence < 1 || occurrence > s->count)
    return fail (error, file, row->line, 1,
                 "\"%s\" is not an occurrence of \"%s\" (it has %u)", f[1], s->id, s->count);
  g_autofree char *key = g_strdup_printf ("%s\x1f%u", s->id, (guint) occurrence);
  if (g_hash_table_contains (seen, key))
    return fail (error, file, row->line, 1, "occurrence %u of \"%s\" is given twice",
                 (guint) occurrence, s->id);
  g_hash_table_add (seen, g_steal_pointer (&key));

  CrnAssignment *a = crn_timetable_lookup (tt, s->id, (guint) occurrence);
  if (*f[2] == '\0' && *f[3] == '\0' && *f[4] == '\0')
    return TRUE; /* left unassigned */
  CrnRoom *room = crn_event_lookup_room (ev, f[2]);
  if (room == NULL)
    return fail (error, file, row->line, 2, "no room \"%s\"", f[2]);
  CrnTime start, end;
  if (!crn_time_parse (f[3], &start))
    return fail (error, file, row->line, 3, "\"%s\" is not a time YYYY-MM-DD HH:MM", f[3]);
  if (!crn_time_parse (f[4], &end))
    return fail (error, file, row->line, 4, "\"%s\" is not a time YYYY-MM-DD HH:MM", f[4]);
  if (end - start != (CrnTime) s->duration)
    return fail (error, file, row->line, 4,
                 "\"%s\" is not %u minutes after the start, the duration of \"%s\"", f[4],
                 s->duration, s->id);
  a->room = room;
  a->start = start;
  a->assigned = TRUE;
  return TRUE;
}

CrnTimetable *
crn_csv_read_timetable (const CrnEvent *event, const char *text, gssize length, const char *file,
                        GError **error)
{
  g_autoptr (GPtrArray) rows = crn_csv_parse (text, length, ',', file, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s: empty; the first line must be " CRN_CSV_TIMETABLE_HEADER, file);
    return NULL;
  }
  const CrnCsvRow *header = g_ptr_array_index (rows, 0);
  g_autofree char *joined = g_strjoinv (",", header->fields);
  if (strcmp (joined, CRN_CSV_TIMETABLE_HEADER) != 0) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s:%d: the header is \"%s\", expected " CRN_CSV_TIMETABLE_HEADER, file,
                 header->line, joined);
    return NULL;
  }
  g_autoptr (CrnTimetable) tt = crn_timetable_new (event);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 1; i < rows->len; i++)
    if (!read_row (tt, g_ptr_array_index (rows, i), file, seen, error))
      return NULL;
  return g_steal_pointer (&tt);
}
