/* creneau — problems found while reading an event. */
#include "config.h"

#include <creneau/diagnostics.h>

struct _CrnDiagnostics {
  GPtrArray *items; /* CrnDiagnostic* */
};

static void
diagnostic_free (CrnDiagnostic *d)
{
  g_free (d->origin);
  g_free (d->file);
  g_free (d->group);
  g_free (d->key);
  g_free (d->message);
  g_free (d);
}

CrnDiagnostics *
crn_diagnostics_new (void)
{
  CrnDiagnostics *diags = g_new0 (CrnDiagnostics, 1);
  diags->items = g_ptr_array_new_with_free_func ((GDestroyNotify) diagnostic_free);
  return diags;
}

void
crn_diagnostics_free (CrnDiagnostics *diags)
{
  if (diags == NULL)
    return;
  g_ptr_array_unref (diags->items);
  g_free (diags);
}

/* A diagnostic is one line: control characters that came in with quoted
 * input (an escaped "\n" in a keyfile value) are shown escaped. */
static char *
one_line (char *text)
{
  if (text == NULL)
    return NULL;
  gboolean clean = TRUE;
  for (const char *p = text; *p && clean; p++)
    clean = (guchar) *p >= 0x20 && *p != 0x7f;
  if (clean)
    return text;
  GString *s = g_string_new (NULL);
  for (const char *p = text; *p; p++) {
    guchar c = (guchar) *p;
    if (c == '\n')
      g_string_append (s, "\\n");
    else if (c == '\t')
      g_string_append (s, "\\t");
    else if (c < 0x20 || c == 0x7f)
      g_string_append_printf (s, "\\x%02x", c);
    else
      g_string_append_c (s, (char) c);
  }
  g_free (text);
  return g_string_free (s, FALSE);
}

void
crn_diagnostics_addv (CrnDiagnostics *diags, CrnSeverity severity, const char *origin,
                      const char *file, int line, const char *group, const char *key,
                      const char *format, va_list args)
{
  CrnDiagnostic *d = g_new0 (CrnDiagnostic, 1);
  d->severity = severity;
  d->origin = g_strdup (origin);
  d->file = g_strdup (file);
  d->line = line;
  d->group = one_line (g_strdup (group));
  d->key = one_line (g_strdup (key));
  d->message = one_line (g_strdup_vprintf (format, args));
  g_ptr_array_add (diags->items, d);
}

void
crn_diagnostics_add (CrnDiagnostics *diags, CrnSeverity severity, const char *origin,
                     const char *file, int line, const char *group, const char *key,
                     const char *format, ...)
{
  va_list args;
  va_start (args, format);
  crn_diagnostics_addv (diags, severity, origin, file, line, group, key, format, args);
  va_end (args);
}

guint
crn_diagnostics_get_n (const CrnDiagnostics *diags)
{
  return diags->items->len;
}

const CrnDiagnostic *
crn_diagnostics_get (const CrnDiagnostics *diags, guint i)
{
  g_return_val_if_fail (i < diags->items->len, NULL);
  return g_ptr_array_index (diags->items, i);
}

guint
crn_diagnostics_count (const CrnDiagnostics *diags, CrnSeverity severity)
{
  guint n = 0;
  for (guint i = 0; i < diags->items->len; i++)
    if (((CrnDiagnostic *) g_ptr_array_index (diags->items, i))->severity == severity)
      n++;
  return n;
}

char *
crn_diagnostic_format (const CrnDiagnostic *d)
{
  GString *s = g_string_new (NULL);
  if (d->severity == CRN_SEVERITY_WARNING)
    g_string_append (s, "warning: ");
  if (d->origin != NULL)
    g_string_append_printf (s, "%s: ", d->origin);
  if (d->file != NULL) {
    g_string_append (s, d->file);
    if (d->line > 0)
      g_string_append_printf (s, ":%d", d->line);
    g_string_append (s, ": ");
  }
  if (d->group != NULL)
    g_string_append_printf (s, "[%s] ", d->group);
  if (d->key != NULL)
    g_string_append_printf (s, "%s: ", d->key);
  g_string_append (s, d->message);
  return g_string_free (s, FALSE);
}

char *
crn_diagnostics_format_all (const CrnDiagnostics *diags)
{
  GString *s = g_string_new (NULL);
  for (int pass = 0; pass < 2; pass++) {
    CrnSeverity want = pass == 0 ? CRN_SEVERITY_ERROR : CRN_SEVERITY_WARNING;
    for (guint i = 0; i < diags->items->len; i++) {
      const CrnDiagnostic *d = g_ptr_array_index (diags->items, i);
      if (d->severity != want)
        continue;
      g_autofree char *line = crn_diagnostic_format (d);
      g_string_append (s, line);
      g_string_append_c (s, '\n');
    }
  }
  return g_string_free (s, FALSE);
}
