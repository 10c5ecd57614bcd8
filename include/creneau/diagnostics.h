/* creneau — problems found while reading an event, one sentence each.
 *
 * A diagnostic names the file, the line when known, the group and the key:
 *   event.conf:42: [Session atelier-3] Speakers: no person "carron" (did you mean "caron"?)
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CRN_SEVERITY_ERROR,
  CRN_SEVERITY_WARNING,
} CrnSeverity;

typedef struct {
  CrnSeverity severity;
  char *origin;  /* plugin name, or NULL for the event reader */
  char *file;    /* relative name inside the event directory, or NULL */
  int line;      /* 1-based, 0 when unknown */
  char *group;   /* without brackets, or NULL */
  char *key;     /* or NULL */
  char *message; /* one sentence, no trailing full stop needed */
} CrnDiagnostic;

typedef struct _CrnDiagnostics CrnDiagnostics;

CrnDiagnostics *crn_diagnostics_new (void);
void crn_diagnostics_free (CrnDiagnostics *diags);

void crn_diagnostics_add (CrnDiagnostics *diags, CrnSeverity severity, const char *origin,
                          const char *file, int line, const char *group, const char *key,
                          const char *format, ...) G_GNUC_PRINTF (8, 9);
void crn_diagnostics_addv (CrnDiagnostics *diags, CrnSeverity severity, const char *origin,
                           const char *file, int line, const char *group, const char *key,
                           const char *format, va_list args) G_GNUC_PRINTF (8, 0);

guint crn_diagnostics_get_n (const CrnDiagnostics *diags);
const CrnDiagnostic *crn_diagnostics_get (const CrnDiagnostics *diags, guint i);
guint crn_diagnostics_count (const CrnDiagnostics *diags, CrnSeverity severity);

/* "[origin: ]file:line: [group] key: message" with absent parts left out;
 * warnings are prefixed "warning: ". */
char *crn_diagnostic_format (const CrnDiagnostic *diag);
/* All diagnostics, one per line, errors first in the order found. */
char *crn_diagnostics_format_all (const CrnDiagnostics *diags);

/* For "did you mean ...?": the candidate closest to @word when it is close
 * enough to be a likely typo (edit distance at most a third of the word's
 * length, at least 1, at most 3), else NULL. Ties go to the earlier one. */
const char *crn_suggest (const char *word, const char *const *candidates, guint n_candidates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnDiagnostics, crn_diagnostics_free)

G_END_DECLS
