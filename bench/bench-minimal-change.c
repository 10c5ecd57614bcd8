/* creneau-bench minimal-change — what a speaker's cancellation costs after
 * publication (DESIGN.md S6).
 *
 * Solve, take the result as published, then make one person (speaker,
 * moderator or ITC2007 teacher) unavailable for a half day in which the
 * published timetable has them (or, when every such loss is impossible
 * because their sessions have fixed times, make a room unavailable for a half
 * day it is used), and solve again twice: with minimal change
 * (starting from the published timetable, S6 counting each move) and fresh
 * (knowing nothing of it). Both are compared with the published timetable
 * occurrence by occurrence.
 */
#include "config.h"

#include "bench.h"
#include "interchange/itc2007.h"
#include "solver/check.h"
#include "solver/solver.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* What goes away for a half day: a person (speaker, moderator or ITC2007
 * teacher) or, when no person's half day can be lost, a room. */
typedef struct {
  CrnPerson *person;  /* or NULL, and then room */
  CrnRoom *room;
  guint day;          /* index in event->days */
  gboolean afternoon;
  guint occurrences;  /* of the sessions it has in that half day */
} Candidate;

/* A day's two halves: split at the middle of its open time, on the grid. */
static void
half_days (const CrnEvent *ev, guint day, CrnTime out[3])
{
  const CrnDay *d = &g_array_index (ev->days, CrnDay, day);
  guint n = crn_interval_set_get_n (d->open);
  CrnTime first = crn_interval_set_get (d->open, 0).start;
  CrnTime last = crn_interval_set_get (d->open, n - 1).end;
  CrnTime mid = first + (last - first) / 2;
  guint g = ev->granularity ? ev->granularity : 15;
  mid -= (mid - first) % g;
  out[0] = first;
  out[1] = mid;
  out[2] = last;
}

static gboolean
session_has_person (const CrnSession *s, const CrnPerson *p)
{
  for (guint i = 0; i < s->speakers->len; i++)
    if (g_ptr_array_index (s->speakers, i) == p)
      return TRUE;
  for (guint i = 0; i < s->moderators->len; i++)
    if (g_ptr_array_index (s->moderators, i) == p)
      return TRUE;
  return FALSE;
}

static gint
by_occurrences (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  return (gint) y->occurrences - (gint) x->occurrences;
}

static gboolean
books (const CrnAssignment *a, const Candidate *c)
{
  return c->person ? session_has_person (a->session, c->person) : a->room == c->room;
}

/* Every (person, half day) the published timetable uses, or with rooms
 * every (room, half day), most booked first; ties keep the event's order,
 * so the choice is reproducible. */
static GArray *
candidates (const CrnEvent *ev, const CrnTimetable *published, gboolean rooms)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Candidate));
  GPtrArray *what = rooms ? ev->rooms : ev->people;
  for (guint w = 0; w < what->len; w++) {
    for (guint d = 0; d < ev->days->len; d++) {
      CrnTime bounds[3];
      half_days (ev, d, bounds);
      for (guint h = 0; h < 2; h++) {
        Candidate c = { NULL, NULL, d, h == 1, 0 };
        if (rooms)
          c.room = g_ptr_array_index (what, w);
        else
          c.person = g_ptr_array_index (what, w);
        for (guint i = 0; i < published->assignments->len; i++) {
          const CrnAssignment *a = &g_array_index (published->assignments, CrnAssignment, i);
          if (a->assigned && a->start >= bounds[h] && a->start < bounds[h + 1] && books (a, &c))
            c.occurrences++;
        }
        if (c.occurrences > 0)
          g_array_append_val (out, c);
      }
    }
  }
  g_array_sort (out, by_occurrences);
  return out;
}

static const char *
candidate_id (const Candidate *c)
{
  return c->person ? c->person->id : c->room->id;
}

/* The first candidate whose loss the pre-solve check does not call
 * impossible, left unavailable in the event; the others are put back as
 * they were. NULL when there is none. */
static const Candidate *
choose (CrnEvent *ev, GArray *cands)
{
  for (guint i = 0; i < cands->len; i++) {
    const Candidate *c = &g_array_index (cands, Candidate, i);
    CrnIntervalSet **unavailable = c->person ? &c->person->unavailable : &c->room->unavailable;
    GArray *notes = c->person ? c->person->busy_notes : c->room->busy_notes;
    guint n_notes = notes->len;
    CrnTime bounds[3];
    half_days (ev, c->day, bounds);
    CrnIntervalSet *saved = crn_interval_set_copy (*unavailable);
    if (c->person)
      crn_person_add_unavailable (c->person, bounds[c->afternoon], bounds[c->afternoon + 1],
                                  "minimal-change benchmark");
    else
      crn_room_add_unavailable (c->room, bounds[c->afternoon], bounds[c->afternoon + 1],
                                "minimal-change benchmark");
    g_autoptr (GPtrArray) findings = crn_check_event (ev, NULL);
    if (findings->len == 0) {
      crn_interval_set_free (saved);
      return c;
    }
    g_auto (GStrv) lines = crn_check_format (findings);
    g_autofree char *when = crn_time_format (bounds[c->afternoon]);
    if (i < 5)
      printf ("# not %s %s from %s: %s\n", c->person ? "person" : "room", candidate_id (c), when,
              lines[0]);
    crn_interval_set_free (*unavailable);
    *unavailable = saved;
    g_array_set_size (notes, n_notes);
  }
  return NULL;
}

static guint
count_moved (const CrnTimetable *a, const CrnTimetable *b)
{
  guint moved = 0;
  for (guint i = 0; i < a->assignments->len; i++) {
    const CrnAssignment *x = &g_array_index (a->assignments, CrnAssignment, i);
    const CrnAssignment *y = &g_array_index (b->assignments, CrnAssignment, i);
    moved += x->assigned != y->assigned || x->room != y->room || x->start != y->start;
  }
  return moved;
}

static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

static CrnTimetable *
timed_solve (const CrnEvent *ev, const CrnSolveOptions *opts, double *wall, double *cpu)
{
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_seconds ();
  CrnTimetable *tt = crn_solve (ev, opts, NULL);
  *wall = (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
  *cpu = cpu_seconds () - c0;
  return tt;
}

static int
run (CrnEvent *ev, const char *name, const CrnBenchSolveArgs *args)
{
  CrnSolveOptions opts;
  crn_bench_solve_options (&opts, args);
  double wall, cpu;
  g_autoptr (CrnTimetable) published = timed_solve (ev, &opts, &wall, &cpu);
  printf ("# published: hard=%u soft=%" G_GUINT64_FORMAT " seconds=%.2f cpu_seconds=%.2f\n",
          published->hard, published->soft, wall, cpu);
  if (published->hard > 0) {
    printf ("instance=%s status=unpublishable occurrences=%u published_hard=%u\n", name,
            published->assignments->len, published->hard);
    return 0;
  }

  /* The most booked half day of a person whose loss the pre-solve check
   * does not call impossible; if there is none (sessions at fixed times),
   * the most booked half day of a room. */
  g_autoptr (GArray) people = candidates (ev, published, FALSE);
  g_autoptr (GArray) rooms = candidates (ev, published, TRUE);
  const Candidate *chosen = choose (ev, people);
  if (chosen == NULL)
    chosen = choose (ev, rooms);
  if (chosen == NULL) {
    printf ("instance=%s status=no-candidate occurrences=%u\n", name, published->assignments->len);
    return 0;
  }
  CrnTime bounds[3];
  half_days (ev, chosen->day, bounds);
  g_autofree char *from = crn_time_format (bounds[chosen->afternoon]);
  g_autofree char *to = crn_time_format_clock (bounds[chosen->afternoon + 1]);
  g_strdelimit (from, " ", 'T');  /* one key=value word per field */
  crn_evaluate (published, NULL);
  guint broken = published->hard;

  opts.previous = published;
  opts.minimal_change = TRUE;
  double kept_wall, kept_cpu;
  g_autoptr (CrnTimetable) kept = timed_solve (ev, &opts, &kept_wall, &kept_cpu);
  opts.previous = NULL;
  opts.minimal_change = FALSE;
  double fresh_wall, fresh_cpu;
  g_autoptr (CrnTimetable) fresh = timed_solve (ev, &opts, &fresh_wall, &fresh_cpu);
  crn_bench_print_hard (kept, "minimal change: ");
  crn_bench_print_hard (fresh, "fresh: ");

  printf ("instance=%s occurrences=%u lost=%s:%s unavailable=%s-%s lost_occurrences=%u "
          "published_hard_after=%u minimal_moved=%u minimal_hard=%u minimal_soft=%" G_GUINT64_FORMAT
          " minimal_seconds=%.2f minimal_cpu_seconds=%.2f fresh_moved=%u fresh_hard=%u "
          "fresh_soft=%" G_GUINT64_FORMAT " fresh_seconds=%.2f fresh_cpu_seconds=%.2f\n",
          name, published->assignments->len, chosen->person ? "person" : "room",
          candidate_id (chosen), from, to, chosen->occurrences,
          broken, count_moved (published, kept), kept->hard, kept->soft, kept_wall, kept_cpu,
          count_moved (published, fresh), fresh->hard, fresh->soft, fresh_wall, fresh_cpu);
  fflush (stdout);
  return 0;
}

static char *
base_name (const char *path)
{
  g_autofree char *trimmed = g_strdup (path);
  gsize n = strlen (trimmed);
  while (n > 1 && trimmed[n - 1] == '/')
    trimmed[--n] = '\0';
  char *base = g_path_get_basename (trimmed);
  if (g_str_has_suffix (base, ".ctt"))
    base[strlen (base) - 4] = '\0';
  return base;
}

static int
run_path (const char *path, const char *plugin_dir, const CrnBenchSolveArgs *args)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = base_name (path);
  if (g_str_has_suffix (path, ".ctt")) {
    CrnItc2007 *itc = crn_itc2007_load (path, &error);
    if (itc == NULL) {
      fprintf (stderr, "creneau-bench minimal-change: %s.\n", error->message);
      return 1;
    }
    int status = run (crn_itc2007_get_event (itc), name, args);
    crn_itc2007_free (itc);
    return status;
  }
  g_autoptr (CrnEvent) event = crn_bench_read_event ("minimal-change", path, plugin_dir, NULL,
                                                     NULL);
  if (event == NULL)
    return 1;
  return run (event, event->id, args);
}

int
crn_bench_minimal_change (int argc, char **argv)
{
  g_autofree char *plugin_dir = NULL;
  const GOptionEntry extra[] = {
    { "plugin-dir", 0, 0, G_OPTION_ARG_FILENAME, &plugin_dir,
      "Load plugins from DIR (default: $CRENEAU_PLUGIN_DIR, else the installed ones)", "DIR" },
    { NULL },
  };
  CrnBenchSolveArgs args = { 0 };
  if (!crn_bench_parse_args ("minimal-change", "DIR|FILE.ctt", &argc, &argv, &args, extra))
    return 2;
  int status;
  if (argc == 2) {
    status = run_path (argv[1], plugin_dir, &args);
  } else {
    fprintf (stderr, "Usage: creneau-bench minimal-change DIR|FILE.ctt [--time-limit S] "
             "[--seed N] [--iterations N]\n");
    status = 2;
  }
  crn_bench_solve_args_clear (&args);
  return status;
}
