/* creneau — a GKeyFile that remembers line numbers.
 *
 * GKeyFile forgets where a group or key was written; errors must name the
 * line, so the text is indexed once while loading.
 */
#pragma once

#include <glib.h>
#include <creneau/diagnostics.h>

G_BEGIN_DECLS

typedef struct _CrnKeyFile CrnKeyFile;

/* Parses @bytes (UTF-8, GKeyFile syntax). On a syntax error adds one
 * diagnostic naming @file (and @origin when a plugin reads it) and returns
 * NULL. */
CrnKeyFile *crn_key_file_new_from_bytes (GBytes *bytes, const char *file, const char *origin,
                                         CrnDiagnostics *diags);
void crn_key_file_free (CrnKeyFile *kf);

GKeyFile *crn_key_file_get_keyfile (CrnKeyFile *kf);
const char *crn_key_file_get_file (CrnKeyFile *kf);
/* Line of "[group]" when @key is NULL, of "key=" inside the group otherwise;
 * 0 when not found. The last occurrence wins, as in GKeyFile. */
int crn_key_file_get_line (CrnKeyFile *kf, const char *group, const char *key);

/* Warns, once per key of @group that is not in @known, "unknown key" with a
 * "did you mean" hint when one is close, attributed to @origin. */
void crn_key_file_warn_unknown_keys (CrnKeyFile *kf, const char *group, const char *const *known,
                                     guint n_known, const char *origin, CrnDiagnostics *diags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnKeyFile, crn_key_file_free)

G_END_DECLS
