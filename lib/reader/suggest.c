/* creneau — "did you mean ...?" for misspelt names. */
#include "config.h"

#include "suggest.h"

#include <string.h>

/* Optimal string alignment: Levenshtein plus the swap of two neighbours,
 * the commonest typo ("amhpi"). */
guint
crn_edit_distance (const char *a, const char *b)
{
  glong la = g_utf8_strlen (a, -1), lb = g_utf8_strlen (b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, NULL);
  g_autofree guint *d = g_new (guint, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]

  for (glong i = 0; i <= la; i++)
    D (i, 0) = (guint) i;
  for (glong j = 0; j <= lb; j++)
    D (0, j) = (guint) j;
  for (glong i = 1; i <= la; i++)
    for (glong j = 1; j <= lb; j++) {
      guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
      guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);
      best = MIN (best, D (i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && ua[i - 1] == ub[j - 2] && ua[i - 2] == ub[j - 1])
        best = MIN (best, D (i - 2, j - 2) + 1);
      D (i, j) = best;
    }
  guint result = D (la, lb);
#undef D
  return result;
}

const char *
crn_suggest (const char *word, const char *const *candidates, guint n_candidates)
{
  if (word == NULL || *word == '\0')
    return NULL;
  guint limit = CLAMP ((guint) g_utf8_strlen (word, -1) / 3, 1, 3);
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  for (guint i = 0; i < n_candidates; i++) {
    if (candidates[i] == NULL || strcmp (candidates[i], word) == 0)
      continue;
    guint d = crn_edit_distance (word, candidates[i]);
    /* A different case alone is always worth pointing out. */
    if (g_ascii_strcasecmp (word, candidates[i]) == 0)
      d = 1;
    if (d <= limit && d < best_distance) {
      best = candidates[i];
      best_distance = d;
    }
  }
  return best;
}

static gint
compare_names (gconstpointer a, gconstpointer b, gpointer unused)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

const char *
crn_suggest_key (const char *word, GHashTable *table)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (table, NULL);
  guint n = g_hash_table_size (table);
  g_qsort_with_data (keys, n, sizeof (char *), compare_names, NULL);
  return crn_suggest (word, keys, n);
}

char *
crn_suggestion_suffix (const char *suggestion)
{
  return suggestion ? g_strdup_printf (" (did you mean \"%s\"?)", suggestion) : g_strdup ("");
}
