/* creneau — text made safe for iCalendar properties.
 *
 * libical escapes TEXT values and folds long lines, but it copies control
 * characters through, and a stray one makes the whole file unreadable for
 * strict parsers. Titles come from hand-edited files: clean them here.
 */
#include "config.h"

#include "text.h"

#include <string.h>

static gboolean
is_dropped (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n';
  return c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0xfffe || c == 0xffff;
}

char *
crn_ical_clean_text (const char *text, gboolean keep_newlines)
{
  if (text == NULL)
    return g_strdup ("");
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if (c == '\r') {
      if (p[1] != '\n')
        c = '\n';
      else
        continue;
    }
    if (c == 0x2028 || c == 0x2029)
      c = '\n';
    if (c == '\n' && !keep_newlines)
      c = ' ';
    if (is_dropped (c))
      continue;
    g_string_append_unichar (out, c);
  }
  return g_string_free (out, FALSE);
}

char *
crn_ical_room_location (const CrnRoom *room)
{
  if (room == NULL)
    return NULL;
  g_autofree char *name = crn_ical_clean_text (room->name ? room->name : room->id, FALSE);
  if (room->site && *room->site) {
    g_autofree char *site = crn_ical_clean_text (room->site, FALSE);
    return g_strdup_printf ("%s, %s", name, site);
  }
  return g_steal_pointer (&name);
}
