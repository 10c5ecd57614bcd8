/* creneau — "did you mean ...?" for misspelt names. */
#pragma once

#include <creneau/diagnostics.h>

G_BEGIN_DECLS

/* Edit distance between two UTF-8 strings, counted in characters; swapping
 * two neighbours is one edit. */
guint crn_edit_distance (const char *a, const char *b);

/* crn_suggest() (public, in <creneau/diagnostics.h>) over the keys of a hash
 * table, sorted first so the answer does not depend on hashing. */
const char *crn_suggest_key (const char *word, GHashTable *table);

/* " (did you mean \"x\"?)" or "" for appending to a message. Free the result. */
char *crn_suggestion_suffix (const char *suggestion);

G_END_DECLS
