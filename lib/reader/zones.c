/* creneau — the names of the time zones this system knows.
 *
 * GLib opens a zone by name but cannot list them; the tz database's own
 * index (tzdata.zi: "Z name ..." for zones, "L target name" for links) can. */
#include "config.h"

#include "zones.h"
#include "suggest.h"

#include <string.h>

#define TZDATA_INDEX "/usr/share/zoneinfo/tzdata.zi"

static GPtrArray *
zone_names (void)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (TZDATA_INDEX, &text, NULL, NULL))
    return names;
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++) {
    g_auto (GStrv) f = g_strsplit_set (lines[i], " \t", -1);
    if (f[0] == NULL)
      continue;
    if (g_str_equal (f[0], "Z") && f[1] != NULL)
      g_ptr_array_add (names, g_strdup (f[1]));
    else if (g_str_equal (f[0], "L") && f[1] != NULL && f[2] != NULL)
      g_ptr_array_add (names, g_strdup (f[2]));
  }
  return names;
}

char *
crn_zone_suggest (const char *name)
{
  g_autoptr (GPtrArray) names = zone_names ();
  if (names->len == 0)
    return NULL;
  /* Zone names are long and mixed-case: compare them folded. */
  g_autofree char *folded = g_ascii_strdown (name, -1);
  g_autoptr (GPtrArray) lower = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++) {
    char *l = g_ascii_strdown (g_ptr_array_index (names, i), -1);
    g_ptr_array_add (lower, l);
    if (g_str_equal (l, folded))
      return g_strdup (g_ptr_array_index (names, i));
  }
  const char *best = crn_suggest (folded, (const char *const *) lower->pdata, lower->len);
  if (best == NULL)
    return NULL;
  for (guint i = 0; i < lower->len; i++)
    if (g_ptr_array_index (lower, i) == best)
      return g_strdup (g_ptr_array_index (names, i));
  return NULL;
}
