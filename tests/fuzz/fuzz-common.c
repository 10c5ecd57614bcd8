/* creneau — helpers shared by the fuzz targets. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
                 gpointer user_data)
{
  if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) == 0)
    return G_LOG_WRITER_HANDLED;
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      fprintf (stderr, "fatal log message: %s\n", (const char *) fields[i].value);
  abort ();
}

void
crn_fuzz_setup_logging (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

static void
part_free (gpointer data)
{
  CrnFuzzPart *part = data;
  g_free (part->name);
  g_bytes_unref (part->bytes);
  g_free (part);
}

static void
add_part (GPtrArray *parts, char *name, const uint8_t *data, size_t size)
{
  CrnFuzzPart *part = g_new0 (CrnFuzzPart, 1);
  part->name = name;
  part->bytes = g_bytes_new (data, size);
  g_ptr_array_add (parts, part);
}

/* The first "\n@@ " at or after @from, or NULL. */
static const uint8_t *
find_marker (const uint8_t *data, size_t size, size_t from)
{
  for (size_t i = from; i + 4 <= size; i++)
    if (data[i] == '\n' && data[i + 1] == '@' && data[i + 2] == '@' && data[i + 3] == ' ')
      return data + i;
  return NULL;
}

GPtrArray *
crn_fuzz_split (const uint8_t *data, size_t size, const char *first_name)
{
  const size_t marker_len = 4;
  GPtrArray *parts = g_ptr_array_new_with_free_func (part_free);
  char *name = g_strdup (first_name);
  size_t start = 0;
  for (;;) {
    const uint8_t *hit = find_marker (data, size, start);
    if (hit == NULL) {
      add_part (parts, name, data + start, size - start);
      return parts;
    }
    /* The file keeps its last newline; the marker line is dropped. */
    size_t end = (size_t) (hit - data) + 1;
    add_part (parts, name, data + start, end - start);
    size_t name_start = end + marker_len - 1;
    const uint8_t *eol = memchr (data + name_start, '\n', size - name_start);
    size_t name_end = eol ? (size_t) (eol - data) : size;
    name = g_strndup ((const char *) data + name_start, name_end - name_start);
    start = eol ? name_end + 1 : size;
  }
}
