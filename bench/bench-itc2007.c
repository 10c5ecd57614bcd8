/* creneau-bench itc2007 — solve or score an ITC2007 track 3 instance with
 * the project's own model, solver and cost function. */
#include "config.h"

#include "bench.h"
#include "interchange/itc2007.h"
#include "solver/solver.h"

#include <stdio.h>
#include <string.h>

/* ITC2007's names for the soft rules the instances use (UD2). */
static const struct {
  CrnSoftRule rule;
  const char *itc_name;
} itc_soft[] = {
  { CRN_S1_CAPACITY_OVERFLOW, "RoomCapacity" },
  { CRN_S2_SPREAD_DAYS, "MinWorkingDays" },
  { CRN_S3_COMPACTNESS, "Compactness" },
  { CRN_S4_ROOM_STABILITY, "RoomStability" },
};

static char *
instance_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".ctt"))
    base[strlen (base) - 4] = '\0';
  return g_steal_pointer (&base);
}

/* The cost of each rule, then the hard count of each rule: what a reader
 * compares with the competition's validator. */
static void
print_breakdown (const CrnEvent *ev, const CrnTimetable *tt)
{
  g_autoptr (GHashTable) cost = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) other_rules = g_ptr_array_new ();
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    guint64 add = v->severity == CRN_VIOLATION_HARD ? 1 : v->cost;
    gpointer old = NULL;
    if (!g_hash_table_lookup_extended (cost, v->rule, NULL, &old))
      g_ptr_array_add (other_rules, v->rule);
    g_hash_table_insert (cost, v->rule, GSIZE_TO_POINTER (GPOINTER_TO_SIZE (old) + add));
  }
  for (guint i = 0; i < G_N_ELEMENTS (itc_soft); i++) {
    const char *id = crn_soft_rule_id (itc_soft[i].rule);
    guint64 c = GPOINTER_TO_SIZE (g_hash_table_lookup (cost, id));
    gint w = ev->weights[itc_soft[i].rule];
    printf ("%s %s=%" G_GUINT64_FORMAT, id, itc_soft[i].itc_name, c);
    if (w > 1)
      printf (" (%" G_GUINT64_FORMAT " x %d)", c / (guint64) w, w);
    printf ("\n");
  }
  for (int h = 1; h <= 9; h++) {
    g_autofree char *id = g_strdup_printf ("H%d", h);
    printf ("%s%s=%zu", h > 1 ? " " : "", id, GPOINTER_TO_SIZE (g_hash_table_lookup (cost, id)));
  }
  /* Rules the instances do not use (S5–S8), or ids outside the table. */
  for (guint i = 0; i < other_rules->len; i++) {
    const char *id = g_ptr_array_index (other_rules, i);
    gboolean listed = (id[0] == 'H' && id[1] >= '1' && id[1] <= '9' && id[2] == '\0');
    for (guint k = 0; k < G_N_ELEMENTS (itc_soft); k++)
      listed = listed || g_str_equal (id, crn_soft_rule_id (itc_soft[k].rule));
    if (!listed)
      printf (" %s=%zu", id, GPOINTER_TO_SIZE (g_hash_table_lookup (cost, id)));
  }
  printf ("\n");
}

static int
run_cost (const char *instance_path, const char *solution_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnItc2007) itc = crn_itc2007_load (instance_path, &error);
  if (itc == NULL) {
    fprintf (stderr, "creneau-bench itc2007: %s.\n", error->message);
    return 1;
  }
  g_autoptr (CrnTimetable) tt = crn_itc2007_load_solution (itc, solution_path, &error);
  if (tt == NULL) {
    fprintf (stderr, "creneau-bench itc2007: %s.\n", error->message);
    return 1;
  }
  gint64 t0 = g_get_monotonic_time ();
  crn_evaluate (tt, NULL);
  double seconds = (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC;
  g_autofree char *name = instance_name (instance_path);
  crn_bench_print_summary (name, tt->hard, tt->soft, seconds);
  print_breakdown (crn_itc2007_get_event (itc), tt);
  return 0;
}

static int
run_solve (const char *instance_path, const CrnBenchSolveArgs *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnItc2007) itc = crn_itc2007_load (instance_path, &error);
  if (itc == NULL) {
    fprintf (stderr, "creneau-bench itc2007: %s.\n", error->message);
    return 1;
  }
  double seconds;
  g_autoptr (CrnTimetable) tt = crn_bench_solve (crn_itc2007_get_event (itc), args, NULL,
                                                 &seconds);
  if (args->output) {
    g_autofree char *text = crn_itc2007_write_solution (itc, tt, &error);
    if (text == NULL || !crn_bench_write_file (args->output, text, &error)) {
      fprintf (stderr, "creneau-bench itc2007: %s.\n", error->message);
      return 1;
    }
  }
  g_autofree char *name = instance_name (instance_path);
  crn_bench_print_summary (name, tt->hard, tt->soft, seconds);
  return 0;
}

int
crn_bench_itc2007 (int argc, char **argv)
{
  gboolean cost = FALSE;
  const GOptionEntry extra[] = {
    { "cost", 'c', 0, G_OPTION_ARG_NONE, &cost,
      "Score SOLUTION (course room day period per line) instead of solving", NULL },
    { NULL },
  };
  CrnBenchSolveArgs args = { 0 };
  if (!crn_bench_parse_args ("itc2007", "FILE.ctt | --cost FILE.ctt SOLUTION", &argc, &argv,
                             &args, extra))
    return 2;
  int status;
  if (cost && argc == 3)
    status = run_cost (argv[1], argv[2]);
  else if (!cost && argc == 2)
    status = run_solve (argv[1], &args);
  else {
    fprintf (stderr, "Usage: creneau-bench itc2007 FILE.ctt [--time-limit S] [--seed N] "
             "[--iterations N] [-o SOLUTION]\n"
             "       creneau-bench itc2007 --cost FILE.ctt SOLUTION\n");
    status = 2;
  }
  crn_bench_solve_args_clear (&args);
  return status;
}
