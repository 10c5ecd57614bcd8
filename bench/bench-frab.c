/* creneau-bench frab — re-solve a real conference programme (frab
 * schedule.xml) from scratch: durations, people and tracks kept, times and
 * rooms cleared, each track limited to the rooms it used, each day open over
 * the span the original used. The original programme is scored with the
 * same rules, so the two can be compared (a real programme often has a
 * speaker in two rooms at once). */
#include "config.h"

#include "bench.h"
#include "interchange/frab.h"
#include "solver/solver.h"

#include <stdio.h>
#include <string.h>

/* Gives each track a room tag carried by exactly the rooms its sessions used
 * in the original, and requires it of the track's sessions. */
static void
limit_tracks_to_their_rooms (CrnEvent *ev, const CrnTimetable *original)
{
  g_autoptr (GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < original->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (original->assignments, CrnAssignment, i);
    CrnSession *s = a->session;
    if (s->track == NULL || a->room == NULL)
      continue;
    const char *tag = g_hash_table_lookup (tags, s->track);
    if (tag == NULL) {
      char *t = g_strdup_printf ("track-%u", g_hash_table_size (tags) + 1);
      g_hash_table_insert (tags, s->track, t);
      tag = t;
    }
    crn_room_add_tag (a->room, tag);
    gboolean has = FALSE;
    for (guint k = 0; k < s->room_tags->len && !has; k++)
      has = strcmp (g_ptr_array_index (s->room_tags, k), tag) == 0;
    if (!has)
      g_ptr_array_add (s->room_tags, g_strdup (tag));
  }
}

/* "H1=0 H2=3 ..." for the rules that have violations, or "none". */
static char *
breakdown (const CrnTimetable *tt, guint *out_person_overlaps)
{
  g_autoptr (GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, v->rule));
    g_hash_table_replace (counts, g_strdup (v->rule), GUINT_TO_POINTER (n + 1));
  }
  *out_person_overlaps = GPOINTER_TO_UINT (g_hash_table_lookup (counts, "H2"));
  GString *out = g_string_new (NULL);
  static const char *const rules[] = { "H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9",
                                       "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8" };
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++) {
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, rules[r]));
    if (n)
      g_string_append_printf (out, "%s%s=%u", out->len ? " " : "", rules[r], n);
  }
  if (out->len == 0)
    g_string_append (out, "none");
  return g_string_free (out, FALSE);
}

static int
run (const char *path, const CrnBenchSolveArgs *args, gboolean show_overlaps)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &text, &len, &error)) {
    fprintf (stderr, "creneau-bench frab: %s.\n", error->message);
    return 1;
  }
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (CrnFrabSchedule) sched = crn_frab_parse (text, (gssize) len, base, &error);
  if (sched == NULL) {
    fprintf (stderr, "creneau-bench frab: %s.\n", error->message);
    return 1;
  }
  g_autoptr (CrnEvent) event = crn_frab_build_event (sched, &error);
  if (event == NULL) {
    fprintf (stderr, "creneau-bench frab: %s: %s.\n", base, error->message);
    return 1;
  }
  g_autoptr (CrnTimetable) original = crn_frab_original_timetable (sched, event);
  limit_tracks_to_their_rooms (event, original);
  crn_evaluate (original, NULL);
  guint original_overlaps = 0;
  g_autofree char *original_rules = breakdown (original, &original_overlaps);
  printf ("# %s: %u days, %u rooms, %u sessions, %u people, grid %u min, zone %s\n", base,
          event->days->len, event->rooms->len, event->sessions->len, event->people->len,
          event->granularity, event->timezone_name);
  printf ("# original: hard=%u soft=%" G_GUINT64_FORMAT " person_overlaps=%u (%s)\n",
          original->hard, original->soft, original_overlaps, original_rules);
  if (show_overlaps)
    for (guint i = 0; i < original->violations->len; i++) {
      const CrnViolation *v = g_ptr_array_index (original->violations, i);
      if (strcmp (v->rule, "H2") == 0)
        printf ("#   %s\n", v->message);
    }
  fflush (stdout);

  /* Times and rooms are cleared simply by solving from an empty timetable:
   * nothing of the original is given to the solver but the day spans and
   * the track rooms. */
  CrnBenchSolveArgs limited = *args; /* a programme is never solved without a limit */
  if (limited.time_limit <= 0)
    limited.time_limit = 60;
  CrnBenchProgress progress = CRN_BENCH_PROGRESS_INIT;
  double seconds;
  g_autoptr (CrnTimetable) tt = crn_bench_solve (event, &limited, &progress, &seconds);
  guint overlaps = 0;
  g_autofree char *rules = breakdown (tt, &overlaps);
  printf ("# creneau: hard=%u soft=%" G_GUINT64_FORMAT " person_overlaps=%u (%s)\n", tt->hard,
          tt->soft, overlaps, rules);
  crn_bench_print_zero_hard (&progress, tt->hard, seconds);
  if (args->output) {
    g_autofree char *xml = crn_frab_write (tt, "creneau-bench");
    if (!crn_bench_write_file (args->output, xml, &error)) {
      fprintf (stderr, "creneau-bench frab: %s.\n", error->message);
      return 1;
    }
  }
  crn_bench_print_summary (event->id, tt->hard, tt->soft, seconds);
  return 0;
}

int
crn_bench_frab (int argc, char **argv)
{
  gboolean show_overlaps = FALSE;
  const GOptionEntry extra[] = {
    { "show-overlaps", 0, 0, G_OPTION_ARG_NONE, &show_overlaps,
      "List the original programme's person overlaps", NULL },
    { NULL },
  };
  CrnBenchSolveArgs args = { 0 };
  if (!crn_bench_parse_args ("frab", "FILE.xml", &argc, &argv, &args, extra))
    return 2;
  int status;
  if (argc == 2)
    status = run (argv[1], &args, show_overlaps);
  else {
    fprintf (stderr, "Usage: creneau-bench frab FILE.xml [--time-limit S] [--seed N] "
             "[--iterations N] [--show-overlaps] [-o SCHEDULE.xml]\n");
    status = 2;
  }
  crn_bench_solve_args_clear (&args);
  return status;
}
