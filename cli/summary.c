/* creneauctl — a readable summary of an event: what `check --summary` and
 * the demo print. */
#include "config.h"

#include <stdio.h>

#include "commands.h"

static char *
format_windows (const CrnIntervalSet *set, gboolean with_dates)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < crn_interval_set_get_n (set); i++) {
    CrnInterval iv = crn_interval_set_get (set, i);
    g_autofree char *date = crn_time_format_date (iv.start);
    g_autofree char *a = crn_time_format_clock (iv.start);
    g_autofree char *b = iv.end - crn_time_day_start (iv.start) >= CRN_MINUTES_PER_DAY
                             ? g_strdup ("24:00") : crn_time_format_clock (iv.end);
    if (i > 0)
      g_string_append (s, ", ");
    if (with_dates && g_str_equal (a, "00:00") && g_str_equal (b, "24:00"))
      g_string_append (s, date);
    else
      g_string_append_printf (s, "%s%s%s-%s", with_dates ? date : "", with_dates ? " " : "", a,
                              b);
  }
  return g_string_free (s, FALSE);
}

static char *
join_ids (GPtrArray *items, gsize id_offset)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++) {
    const char *id = *(const char **) ((const char *) g_ptr_array_index (items, i) + id_offset);
    g_string_append_printf (s, "%s%s", i ? ", " : "", id);
  }
  return g_string_free (s, FALSE);
}

static void
print_days (const CrnEvent *ev, FILE *out)
{
  fprintf (out, "Days (%u):\n", ev->days->len);
  for (guint i = 0; i < ev->days->len; i++) {
    const CrnDay *d = &g_array_index (ev->days, CrnDay, i);
    g_autofree char *date = crn_time_format_date (d->date);
    g_autofree char *open = format_windows (d->open, FALSE);
    fprintf (out, "  %s  open %s\n", date, open);
  }
  fprintf (out, "Breaks (%u):\n", ev->breaks->len);
  for (guint i = 0; i < ev->breaks->len; i++) {
    const CrnBreak *b = g_ptr_array_index (ev->breaks, i);
    g_autoptr (CrnIntervalSet) set = crn_interval_set_new ();
    crn_interval_set_add (set, b->start, b->end);
    g_autofree char *when = format_windows (set, TRUE);
    fprintf (out, "  %s  %s%s%s%s\n", when, b->id, b->title ? "  " : "", b->title ? b->title : "",
             b->is_public ? "  (public)" : "");
  }
}

static void
print_sessions (const CrnEvent *ev, FILE *out)
{
  fprintf (out, "Sessions (%u, %u occurrences):\n", ev->sessions->len,
           crn_event_count_occurrences (ev));
  for (int k = 0; k < CRN_N_KINDS; k++) {
    guint n = 0;
    for (guint i = 0; i < ev->sessions->len; i++)
      n += ((CrnSession *) g_ptr_array_index (ev->sessions, i))->kind == (CrnSessionKind) k;
    if (n == 0)
      continue;
    fprintf (out, "  %s (%u):\n", crn_session_kind_to_string ((CrnSessionKind) k), n);
    for (guint i = 0; i < ev->sessions->len; i++) {
      const CrnSession *s = g_ptr_array_index (ev->sessions, i);
      if (s->kind != (CrnSessionKind) k)
        continue;
      GString *extra = g_string_new (NULL);
      if (s->count > 1)
        g_string_append_printf (extra, " x%u", s->count);
      if (s->attendance > 0)
        g_string_append_printf (extra, ", %u people", s->attendance);
      if (s->speakers->len > 0) {
        g_autofree char *ids = join_ids (s->speakers, G_STRUCT_OFFSET (CrnPerson, id));
        g_string_append_printf (extra, ", speakers %s", ids);
      }
      if (s->moderators->len > 0) {
        g_autofree char *ids = join_ids (s->moderators, G_STRUCT_OFFSET (CrnPerson, id));
        g_string_append_printf (extra, ", moderators %s", ids);
      }
      if (s->partners->len > 0) {
        g_autofree char *ids = join_ids (s->partners, G_STRUCT_OFFSET (CrnPartner, id));
        g_string_append_printf (extra, ", partners %s", ids);
      }
      if (s->has_start) {
        g_autofree char *t = crn_time_format (s->start);
        g_string_append_printf (extra, ", fixed at %s", t);
      }
      if (s->block)
        g_string_append_printf (extra, ", block %s", s->block);
      g_autofree char *extra_text = g_string_free (extra, FALSE);
      fprintf (out, "    %-28s %4u min%s  \"%s\"\n", s->id, s->duration, extra_text, s->title);
    }
  }
}

static void
print_resources (const CrnEvent *ev, FILE *out)
{
  fprintf (out, "Rooms (%u):\n", ev->rooms->len);
  for (guint i = 0; i < ev->rooms->len; i++) {
    const CrnRoom *r = g_ptr_array_index (ev->rooms, i);
    g_autofree char *tags = NULL;
    if (r->tags->len > 0) {
      g_ptr_array_add (r->tags, NULL);
      tags = g_strjoinv (", ", (char **) r->tags->pdata);
      g_ptr_array_remove_index (r->tags, r->tags->len - 1);
    }
    fprintf (out, "  %-20s %5u seats  %s%s%s%s%s%s\n", r->id, r->capacity, r->name,
             tags ? "  [" : "", tags ? tags : "", tags ? "]" : "", r->site ? "  at " : "",
             r->site ? r->site : "");
  }
  fprintf (out, "People (%u):\n", ev->people->len);
  for (guint i = 0; i < ev->people->len; i++) {
    const CrnPerson *p = g_ptr_array_index (ev->people, i);
    GString *extra = g_string_new (NULL);
    if (p->organisation)
      g_string_append_printf (extra, " (%s)", p->organisation);
    if (!crn_interval_set_is_empty (p->unavailable))
      g_string_append_printf (extra, ", busy %u time%s", crn_interval_set_get_n (p->unavailable),
                              crn_interval_set_get_n (p->unavailable) == 1 ? "" : "s");
    if (p->max_per_day > 0)
      g_string_append_printf (extra, ", at most %u a day", p->max_per_day);
    g_autofree char *extra_text = g_string_free (extra, FALSE);
    fprintf (out, "  %-20s %s%s\n", p->id, p->name, extra_text);
  }
  fprintf (out, "Partners (%u):\n", ev->partners->len);
  for (guint i = 0; i < ev->partners->len; i++) {
    const CrnPartner *p = g_ptr_array_index (ev->partners, i);
    g_autofree char *available = format_windows (p->available, TRUE);
    g_autofree char *unavailable = format_windows (p->unavailable, TRUE);
    fprintf (out, "  %-20s %s%s%s%s%s\n", p->id, p->name, *available ? ", available " : "",
             available, *unavailable ? ", unavailable " : "", unavailable);
  }
}

void
crn_print_event_summary (const CrnEvent *ev, FILE *out)
{
  fprintf (out, "Event %s: %s\n", ev->id, ev->name ? ev->name : ev->id);
  fprintf (out, "  time zone %s, grid %u minutes", ev->timezone_name, ev->granularity);
  if (ev->travel_minutes > 0)
    fprintf (out, ", %u minutes between sites", ev->travel_minutes);
  fprintf (out, "\n");
  if (ev->organizer)
    fprintf (out, "  organised by %s\n", ev->organizer);
  print_days (ev, out);
  print_sessions (ev, out);
  print_resources (ev, out);
  if (ev->registrations->len > 0) {
    g_autoptr (GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < ev->registrations->len; i++)
      g_hash_table_add (people, g_array_index (ev->registrations, CrnRegistration, i).participant);
    fprintf (out, "Registrations: %u wishes from %u participants\n", ev->registrations->len,
             g_hash_table_size (people));
  }
}
