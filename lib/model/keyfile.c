/* creneau — a GKeyFile that remembers line numbers. */
#include "config.h"

#include <creneau/keyfile.h>
#include <string.h>

struct _CrnKeyFile {
  GKeyFile *kf;
  char *file;
  GHashTable *lines; /* "group" or "group\x1fkey" -> line */
};

static char *
line_key (const char *group, const char *key)
{
  return key == NULL ? g_strdup (group) : g_strconcat (group, "\x1f", key, NULL);
}

/* Records where each group and key is written, following GKeyFile's syntax:
 * '#' comments, "[group]" headers, "key=value" or "key[locale]=value".
 * GKeyFile silently merges a group written twice and keeps the last of a key
 * written twice; neither is ever what the author meant, so both are reported
 * here (an error and a warning). */
static void
index_lines (CrnKeyFile *self, const char *text, gsize len, const char *origin,
             CrnDiagnostics *diags)
{
  g_autofree char *group = NULL;
  const char *p = text, *end = text + len;
  int lineno = 0;
  while (p < end) {
    const char *nl = memchr (p, '\n', end - p);
    const char *eol = nl ? nl : end;
    lineno++;
    while (p < eol && g_ascii_isspace (*p))
      p++;
    if (p < eol && *p == '[') {
      const char *close = memchr (p, ']', eol - p);
      if (close) {
        g_free (group);
        group = g_strndup (p + 1, close - p - 1);
        char *k = line_key (group, NULL);
        int first = GPOINTER_TO_INT (g_hash_table_lookup (self->lines, k));
        if (first > 0 && diags != NULL)
          crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, self->file, lineno, group, NULL,
                               "the group is written twice (first at line %d)", first);
        g_hash_table_insert (self->lines, k, GINT_TO_POINTER (lineno));
      }
    } else if (p < eol && *p != '#' && group != NULL) {
      const char *eq = memchr (p, '=', eol - p);
      if (eq) {
        const char *k_end = eq;
        while (k_end > p && g_ascii_isspace (k_end[-1]))
          k_end--;
        g_autofree char *key = g_strndup (p, k_end - p);
        char *k = line_key (group, key);
        int first = GPOINTER_TO_INT (g_hash_table_lookup (self->lines, k));
        if (first > 0 && diags != NULL)
          crn_diagnostics_add (diags, CRN_SEVERITY_WARNING, origin, self->file, lineno, group,
                               key, "the key is written twice (first at line %d); this last "
                               "value is used", first);
        g_hash_table_insert (self->lines, k, GINT_TO_POINTER (lineno));
      }
    }
    p = nl ? nl + 1 : end;
  }
}

/* GKeyFile's parse errors name neither the line in a usable form nor the
 * problem in the project's words; this finds the first bad line itself. */
static gboolean
check_syntax (const char *text, gsize len, const char *file, const char *origin,
              CrnDiagnostics *diags)
{
  const char *p = text, *end = text + len;
  gboolean in_group = FALSE;
  int lineno = 0;
  while (p < end) {
    const char *nl = memchr (p, '\n', end - p);
    const char *eol = nl ? nl : end;
    const char *q = p, *e = eol;
    lineno++;
    p = nl ? nl + 1 : end;
    while (q < e && g_ascii_isspace (*q))
      q++;
    while (e > q && g_ascii_isspace (e[-1]))
      e--;
    if (q == e || *q == '#')
      continue;
    g_autofree char *shown = g_strndup (q, MIN (e - q, 60));
    if (*q == '[') {
      if (e[-1] != ']' || e - q < 3 || memchr (q + 1, '[', e - q - 1) != NULL
          || memchr (q, ']', e - q - 1) != NULL) {
        crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, lineno, NULL, NULL,
                             "\"%s\" is not a valid group header (write [Name])", shown);
        return FALSE;
      }
      in_group = TRUE;
      continue;
    }
    const char *eq = memchr (q, '=', e - q);
    if (eq == NULL) {
      crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, lineno, NULL, NULL,
                           "line \"%s\" is neither a [group], a key=value pair nor a comment",
                           shown);
      return FALSE;
    }
    if (eq == q) {
      crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, lineno, NULL, NULL,
                           "line \"%s\" has no key before '='", shown);
      return FALSE;
    }
    if (!in_group) {
      crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, lineno, NULL, NULL,
                           "line \"%s\" comes before any [group]", shown);
      return FALSE;
    }
  }
  return TRUE;
}

CrnKeyFile *
crn_key_file_new_from_bytes (GBytes *bytes, const char *file, const char *origin,
                             CrnDiagnostics *diags)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr (GError) error = NULL;

  if (data == NULL)
    data = "";
  /* Some editors start UTF-8 files with a byte-order mark; it is not text. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0) {
    data += 3;
    len -= 3;
  }
  if (!g_utf8_validate_len (data, len, NULL)) {
    crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, 0, NULL, NULL,
                         "the file is not valid UTF-8 text");
    return NULL;
  }
  if (memchr (data, '\0', len) != NULL) {
    crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, 0, NULL, NULL,
                         "the file contains a NUL byte");
    return NULL;
  }

  if (!check_syntax (data, len, file, origin, diags))
    return NULL;

  CrnKeyFile *self = g_new0 (CrnKeyFile, 1);
  self->kf = g_key_file_new ();
  self->file = g_strdup (file);
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_key_file_set_list_separator (self->kf, ';');
  if (!g_key_file_load_from_data (self->kf, data, len, G_KEY_FILE_NONE, &error)) {
    int line = 0;
    /* GKeyFile's messages name the line in text only; keep them whole. */
    crn_diagnostics_add (diags, CRN_SEVERITY_ERROR, origin, file, line, NULL, NULL, "%s",
                         error->message);
    crn_key_file_free (self);
    return NULL;
  }
  index_lines (self, data, len, origin, diags);
  return self;
}

void
crn_key_file_free (CrnKeyFile *self)
{
  if (self == NULL)
    return;
  g_key_file_free (self->kf);
  g_hash_table_unref (self->lines);
  g_free (self->file);
  g_free (self);
}

GKeyFile *
crn_key_file_get_keyfile (CrnKeyFile *self)
{
  return self->kf;
}

const char *
crn_key_file_get_file (CrnKeyFile *self)
{
  return self->file;
}

int
crn_key_file_get_line (CrnKeyFile *self, const char *group, const char *key)
{
  g_autofree char *k = line_key (group, key);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->lines, k));
}

void
crn_key_file_warn_unknown_keys (CrnKeyFile *self, const char *group, const char *const *known,
                                guint n_known, const char *origin, CrnDiagnostics *diags)
{
  g_auto (GStrv) keys = g_key_file_get_keys (self->kf, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++) {
    gboolean is_known = FALSE;
    for (guint k = 0; k < n_known && !is_known; k++)
      is_known = g_str_equal (keys[i], known[k]);
    if (is_known)
      continue;
    const char *hint = crn_suggest (keys[i], known, n_known);
    int line = crn_key_file_get_line (self, group, keys[i]);
    if (hint)
      crn_diagnostics_add (diags, CRN_SEVERITY_WARNING, origin, self->file, line, group, keys[i],
                           "unknown key (did you mean \"%s\"?)", hint);
    else
      crn_diagnostics_add (diags, CRN_SEVERITY_WARNING, origin, self->file, line, group, keys[i],
                           "unknown key");
  }
}
