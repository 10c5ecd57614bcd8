/* Runs a fuzz target over files, without libFuzzer: each argument is a file
 * or a directory of files (not recursive, hidden entries skipped), given to
 * the target once each, in name order. TAP on stdout, one line per file.
 *
 * A crash, a sanitizer report or a fatal log message ends the run with the
 * file's name as the last line printed ("# FILE").
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
add_inputs (GPtrArray *paths, const char *arg)
{
  if (!g_file_test (arg, G_FILE_TEST_IS_DIR)) {
    g_ptr_array_add (paths, g_strdup (arg));
    return;
  }
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (arg, 0, &error);
  if (dir == NULL) {
    fprintf (stderr, "%s\n", error->message);
    exit (1);
  }
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (arg, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add (paths, g_strdup (g_ptr_array_index (names, i)));
}

int
main (int argc, char **argv)
{
  if (argc < 2) {
    fprintf (stderr, "usage: %s FILE|DIR...\n", argv[0]);
    return 2;
  }
  LLVMFuzzerInitialize (&argc, &argv);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc; i++)
    add_inputs (paths, argv[i]);
  printf ("1..%u\n", paths->len);
  for (guint i = 0; i < paths->len; i++) {
    const char *path = g_ptr_array_index (paths, i);
    g_autofree char *data = NULL;
    gsize len = 0;
    g_autoptr (GError) error = NULL;
    if (!g_file_get_contents (path, &data, &len, &error)) {
      printf ("not ok %u - %s\n", i + 1, error->message);
      continue;
    }
    printf ("# %s\n", path);
    fflush (stdout);
    LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
    printf ("ok %u - %s\n", i + 1, path);
  }
  return 0;
}
