/* creneau — the files of an event directory, by relative name. */
#include "config.h"

#include "files.h"
#include "error.h"

#include <creneau/limits.h>
#include <string.h>

struct _CrnEventFiles {
  GHashTable *files; /* char* -> GBytes* */
  gsize total;
};

CrnEventFiles *
crn_event_files_new (void)
{
  CrnEventFiles *f = g_new0 (CrnEventFiles, 1);
  f->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  return f;
}

void
crn_event_files_free (CrnEventFiles *f)
{
  if (f == NULL)
    return;
  g_hash_table_unref (f->files);
  g_free (f);
}

static gboolean
name_is_safe (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '/')
    return FALSE;
  if (!g_utf8_validate (name, -1, NULL) || strchr (name, '\\') != NULL)
    return FALSE;
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i]; i++) {
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return FALSE;
    for (const char *p = parts[i]; *p; p++)
      if ((guchar) *p < 0x20)
        return FALSE;
  }
  return TRUE;
}

gboolean
crn_event_files_add (CrnEventFiles *f, const char *name, GBytes *bytes, GError **error)
{
  gsize size = g_bytes_get_size (bytes);
  if (name != NULL && strlen (name) > CRN_LIMIT_FILE_NAME_BYTES) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "a file name is %" G_GSIZE_FORMAT " bytes long, more than the limit of %u",
                 strlen (name), CRN_LIMIT_FILE_NAME_BYTES);
    return FALSE;
  }
  if (!name_is_safe (name)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                 "file name \"%s\" is not a relative path inside the event directory", name);
    return FALSE;
  }
  if (g_hash_table_contains (f->files, name)) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT, "file \"%s\" is given twice", name);
    return FALSE;
  }
  if (g_hash_table_size (f->files) >= CRN_LIMIT_EVENT_FILES) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "the event has more than %u files, the limit (\"%s\" is one too many)",
                 CRN_LIMIT_EVENT_FILES, name);
    return FALSE;
  }
  if (size > CRN_LIMIT_FILE_BYTES) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "file \"%s\" is %" G_GSIZE_FORMAT " bytes, more than the limit of %u bytes "
                 "per file", name, size, CRN_LIMIT_FILE_BYTES);
    return FALSE;
  }
  if (f->total + size > CRN_LIMIT_EVENT_BYTES) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "the event's files hold at least %" G_GSIZE_FORMAT " bytes, more than the "
                 "limit of %u bytes in all", f->total + size, CRN_LIMIT_EVENT_BYTES);
    return FALSE;
  }
  f->total += size;
  g_hash_table_insert (f->files, g_strdup (name), g_bytes_ref (bytes));
  return TRUE;
}

GBytes *
crn_event_files_lookup (const CrnEventFiles *f, const char *name)
{
  return name ? g_hash_table_lookup (f->files, name) : NULL;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char **
crn_event_files_list (const CrnEventFiles *f, const char *prefix)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, f->files);
  while (g_hash_table_iter_next (&it, &key, NULL))
    if (prefix == NULL || g_str_has_prefix (key, prefix))
      g_ptr_array_add (names, g_strdup (key));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

guint
crn_event_files_get_n (const CrnEventFiles *f)
{
  return g_hash_table_size (f->files);
}

static gboolean
read_dir (CrnEventFiles *f, const char *root, const char *rel, guint depth, GError **error)
{
  g_autofree char *path = rel ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr (GDir) dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  if (depth > CRN_LIMIT_FOLDER_DEPTH) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_LIMIT,
                 "%s: folders are nested %u deep, more than the limit of %u", path, depth,
                 CRN_LIMIT_FOLDER_DEPTH);
    return FALSE;
  }
  const char *entry;
  while ((entry = g_dir_read_name (dir)) != NULL) {
    if (entry[0] == '.' || g_str_has_suffix (entry, "~"))
      continue;
    g_autofree char *child_rel = rel ? g_strconcat (rel, "/", entry, NULL) : g_strdup (entry);
    g_autofree char *child = g_build_filename (root, child_rel, NULL);
    if (g_file_test (child, G_FILE_TEST_IS_DIR)) {
      if (!read_dir (f, root, child_rel, depth + 1, error))
        return FALSE;
    } else if (g_file_test (child, G_FILE_TEST_IS_REGULAR)) {
      char *data = NULL;
      gsize len = 0;
      if (!g_file_get_contents (child, &data, &len, error))
        return FALSE;
      g_autoptr (GBytes) bytes = g_bytes_new_take (data, len);
      if (!crn_event_files_add (f, child_rel, bytes, error)) {
        g_prefix_error (error, "%s: ", path);
        return FALSE;
      }
    }
  }
  return TRUE;
}

CrnEventFiles *
crn_event_files_read_directory (const char *dir, GError **error)
{
  g_autoptr (CrnEventFiles) f = crn_event_files_new ();
  if (!read_dir (f, dir, NULL, 0, error))
    return NULL;
  return g_steal_pointer (&f);
}
