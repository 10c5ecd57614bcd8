/* creneau — attendee registrations: the CSV file named by [Attendees] File=,
 * one "participant-id,session-id" per line, an optional header line starting
 * with "participant", '#' comments. */
#include "config.h"

#include "reader-private.h"
#include "suggest.h"

#include <string.h>

static void
csv_error (CrnReader *r, const char *file, int line, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
csv_error (CrnReader *r, const char *file, int line, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  crn_diagnostics_addv (r->diags, CRN_SEVERITY_ERROR, NULL, file, line, NULL, NULL, format, args);
  va_end (args);
}

static void
read_line (CrnReader *r, const char *file, int lineno, char *line, GHashTable *seen)
{
  g_auto (GStrv) fields = g_strsplit (line, ",", -1);
  if (g_strv_length (fields) != 2) {
    csv_error (r, file, lineno, "line \"%s\" is not \"participant-id,session-id\"", line);
    return;
  }
  const char *participant = g_strstrip (fields[0]);
  const char *session_id = g_strstrip (fields[1]);
  if (*participant == '\0' || *session_id == '\0') {
    csv_error (r, file, lineno, "line \"%s\" is not \"participant-id,session-id\"", line);
    return;
  }
  CrnSession *s = crn_event_lookup_session (r->event, session_id);
  if (s == NULL) {
    g_autofree char *hint =
        crn_suggestion_suffix (crn_suggest_key (session_id, r->event->session_by_id));
    csv_error (r, file, lineno, "no session \"%s\"%s", session_id, hint);
    return;
  }
  g_autofree char *pair = g_strconcat (participant, "\n", session_id, NULL);
  if (!g_hash_table_add (seen, g_steal_pointer (&pair)))
    return; /* the same wish twice counts once */
  CrnRegistration reg = { g_strdup (participant), s };
  g_array_append_val (r->event->registrations, reg);
}

void
crn_reader_read_registrations (CrnReader *r, const char *group)
{
  g_autofree char *file = crn_reader_get_string (r, group, "File");
  if (file == NULL || *file == '\0') {
    crn_reader_error (r, group, "File", "the key is required (the registrations file)");
    return;
  }
  GBytes *bytes = crn_event_files_lookup (r->files, file);
  if (bytes == NULL) {
    crn_reader_error (r, group, "File", "no file \"%s\" in the event directory", file);
    return;
  }
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  if (!g_utf8_validate_len (data ? data : "", data ? len : 0, NULL)
      || (data && memchr (data, '\0', len) != NULL)) {
    csv_error (r, file, 0, "the file is not valid UTF-8 text");
    return;
  }
  /* Lines cut in place in a copy, each found from where the last ended: the
   * file may hold hundreds of thousands of them (g_strsplit would search the
   * whole rest of the text for each in sanitizer builds). */
  g_autofree char *text = g_strndup (data, len);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean first = TRUE;
  char *next = text, *end = text + len;
  for (guint i = 0; next != NULL; i++) {
    char *line = next;
    char *nl = memchr (line, '\n', (gsize) (end - line));
    if (nl != NULL) {
      *nl = '\0';
      next = nl + 1;
    } else
      next = NULL;
    line = g_strstrip (line);
    if (*line == '\0' || *line == '#')
      continue;
    if (first && g_ascii_strncasecmp (line, "participant", strlen ("participant")) == 0) {
      first = FALSE;
      continue;
    }
    first = FALSE;
    read_line (r, file, (int) i + 1, line, seen);
  }
}
