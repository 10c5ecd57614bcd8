/* creneau — CSV rows (RFC 4180) with line numbers. */
#include "config.h"

#include <creneau/csv.h>
#include "error.h"

#include <string.h>

static void
row_free (CrnCsvRow *row)
{
  g_strfreev (row->fields);
  g_free (row);
}

static char
detect_separator (const char *p, const char *end)
{
  gboolean comma = FALSE, semicolon = FALSE, quoted = FALSE;
  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
    if (*p == '"')
      quoted = !quoted;
    else if (!quoted && *p == ',')
      comma = TRUE;
    else if (!quoted && *p == ';')
      semicolon = TRUE;
  }
  return semicolon && !comma ? ';' : ',';
}

GPtrArray *
crn_csv_parse (const char *text, gssize length, char separator, const char *file,
               GError **error)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  const char *p = text, *end = text + len;
  const char *bad = NULL;
  if (!g_utf8_validate (text, (gssize) len, &bad)) {
    int line = 1;
    for (const char *c = text; c < bad; c++)
      line += *c == '\n';
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "%s:%d: the text is not UTF-8 (save the spreadsheet as UTF-8 CSV)", file, line);
    return NULL;
  }
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  if (separator == 0)
    separator = detect_separator (p, end);

  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  int line = 1;
  while (p < end) {
    int row_line = line;
    g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
    GString *field = g_string_new (NULL);
    gboolean row_done = FALSE, any = FALSE;
    while (!row_done) {
      if (p < end && *p == '"') {
        /* A quoted field runs to the next lone quote. */
        p++;
        for (;;) {
          if (p >= end) {
            g_string_free (field, TRUE);
            g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                         "%s:%d: a quoted field is never closed", file, row_line);
            return NULL;
          }
          if (*p == '"' && p + 1 < end && p[1] == '"') {
            g_string_append_c (field, '"');
            p += 2;
          } else if (*p == '"') {
            p++;
            break;
          } else {
            if (*p == '\n')
              line++;
            g_string_append_c (field, *p++);
          }
        }
        if (p < end && *p != separator && *p != '\n' && *p != '\r') {
          g_string_free (field, TRUE);
          g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                       "%s:%d: text after a closing quote (write \"\" for a quote inside a field)",
                       file, line);
          return NULL;
        }
        any = TRUE;
      } else {
        while (p < end && *p != separator && *p != '\n' && *p != '\r') {
          if (*p == '"') {
            g_string_free (field, TRUE);
            g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                         "%s:%d: a quote inside an unquoted field (quote the whole field)", file,
                         line);
            return NULL;
          }
          g_string_append_c (field, *p++);
        }
      }
      if (field->len > 0)
        any = TRUE;
      g_ptr_array_add (fields, g_string_free (field, FALSE));
      field = NULL;
      if (p < end && *p == separator) {
        p++;
        any = TRUE;
        field = g_string_new (NULL);
        continue;
      }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      line++;
      row_done = TRUE;
    }
    if (!any)
      continue; /* a blank line */
    CrnCsvRow *row = g_new0 (CrnCsvRow, 1);
    row->n_fields = fields->len;
    g_ptr_array_add (fields, NULL);
    row->fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
    row->line = row_line;
    g_ptr_array_add (rows, row);
  }
  return g_steal_pointer (&rows);
}

void
crn_csv_append_field (GString *out, const char *field, char separator)
{
  if (field == NULL)
    return;
  gsize n = strlen (field);
  gboolean quote = n > 0 && (field[0] == ' ' || field[n - 1] == ' ');
  for (const char *c = field; *c && !quote; c++)
    quote = *c == separator || *c == '"' || *c == '\n' || *c == '\r';
  if (!quote) {
    g_string_append (out, field);
    return;
  }
  g_string_append_c (out, '"');
  for (const char *c = field; *c; c++) {
    if (*c == '"')
      g_string_append_c (out, '"');
    g_string_append_c (out, *c);
  }
  g_string_append_c (out, '"');
}
