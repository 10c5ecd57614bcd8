/* creneau — rows of a CSV file (RFC 4180), with the line each row starts on.
 *
 * For plugins and tools that read spreadsheet exports: quoted fields may hold
 * the separator, doubled quotes and line breaks; a UTF-8 byte order mark is
 * skipped; CRLF and LF both end a record.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char **fields;   /* NULL-terminated, UTF-8 */
  guint n_fields;
  int line;        /* 1-based line where the record starts */
} CrnCsvRow;

/* Parses @length bytes of @text (-1: NUL-terminated). @separator is ',' or
 * ';'; 0 picks ';' when the first line has ';' and no ','. Blank lines are
 * skipped. Returns a GPtrArray of CrnCsvRow* (free with g_ptr_array_unref),
 * or NULL with @error naming @file and the line (an unterminated quote, a
 * quote inside an unquoted field, text that is not UTF-8). */
GPtrArray *crn_csv_parse (const char *text, gssize length, char separator, const char *file,
                          GError **error);

/* Appends @field to @out, quoted when it holds the separator, a quote, a
 * line break or leading/trailing spaces. */
void crn_csv_append_field (GString *out, const char *field, char separator);

G_END_DECLS
