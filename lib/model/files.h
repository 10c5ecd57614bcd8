/* creneau — the files of an event directory, by relative name, as bytes.
 *
 * The daemon receives these over D-Bus and never opens a client's path;
 * creneauctl and the offline tools read a directory into the same form.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CrnEventFiles CrnEventFiles;

CrnEventFiles *crn_event_files_new (void);
void crn_event_files_free (CrnEventFiles *files);
/* Rejects names that are absolute, contain "..", empty components or
 * backslashes, and anything over the CRN_LIMIT_EVENT_FILES, _FILE_BYTES,
 * _EVENT_BYTES and _FILE_NAME_BYTES of <creneau/limits.h>. */
gboolean crn_event_files_add (CrnEventFiles *files, const char *name, GBytes *bytes, GError **error);
GBytes *crn_event_files_lookup (const CrnEventFiles *files, const char *name);
/* Sorted names starting with @prefix. Free with g_strfreev. */
char **crn_event_files_list (const CrnEventFiles *files, const char *prefix);
guint crn_event_files_get_n (const CrnEventFiles *files);

/* Reads every regular file under @dir (recursively, skipping hidden entries). */
CrnEventFiles *crn_event_files_read_directory (const char *dir, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnEventFiles, crn_event_files_free)

G_END_DECLS
