/* Fuzz target: the ITC2007 reader (instances and solutions).
 *
 * The input is a .ctt instance, optionally followed by a line
 * "@@ solution" and a solution for it. The instance is imported into the
 * model; a solution is read into a timetable, written back and read again,
 * which must give the same text.
 */
#include "config.h"
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interchange/itc2007.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  crn_fuzz_setup_logging ();
  return 0;
}

static void
check_solution (const CrnItc2007 *itc, GBytes *bytes)
{
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  g_autoptr (CrnTimetable) tt = crn_itc2007_read_solution (itc, text, len, "fuzz.sol", NULL);
  if (tt == NULL)
    return;
  g_autoptr (GError) error = NULL;
  g_autofree char *written = crn_itc2007_write_solution (itc, tt, &error);
  if (written == NULL) {
    fprintf (stderr, "a solution read cannot be written: %s\n", error->message);
    abort ();
  }
  g_autoptr (CrnTimetable) again =
      crn_itc2007_read_solution (itc, written, strlen (written), "written.sol", &error);
  g_autofree char *rewritten = again ? crn_itc2007_write_solution (itc, again, NULL) : NULL;
  if (g_strcmp0 (written, rewritten) != 0) {
    fprintf (stderr, "a written solution does not read back: %s\n",
             error ? error->message : rewritten);
    abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GPtrArray) parts = crn_fuzz_split (data, size, "fuzz.ctt");
  const CrnFuzzPart *instance = g_ptr_array_index (parts, 0);
  gsize len;
  const char *text = g_bytes_get_data (instance->bytes, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnItc2007) itc = crn_itc2007_parse (text, len, "fuzz.ctt", &error);
  if (itc == NULL)
    return 0;
  for (guint i = 1; i < parts->len; i++) {
    const CrnFuzzPart *part = g_ptr_array_index (parts, i);
    if (g_str_equal (part->name, "solution"))
      check_solution (itc, part->bytes);
  }
  return 0;
}
