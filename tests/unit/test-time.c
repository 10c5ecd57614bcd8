/* Tests of local time parsing and interval-set arithmetic. */
#include "config.h"

#include <creneau/time.h>

static CrnTime
t (const char *text)
{
  CrnTime v = 0;
  g_assert_true (crn_time_parse (text, &v));
  return v;
}

static void
test_parse (void)
{
  CrnTime v, s, e;
  int m;
  g_assert_true (crn_time_parse ("2018-11-26 09:15", &v));
  g_autofree char *f = crn_time_format (v);
  g_assert_cmpstr (f, ==, "2018-11-26 09:15");
  g_assert_cmpint (crn_time_minute_of_day (v), ==, 9 * 60 + 15);
  g_assert_false (crn_time_parse ("2018-02-30 09:15", &v));
  g_assert_false (crn_time_parse ("2018-11-26 25:00", &v));
  g_assert_false (crn_time_parse ("2018-11-26 09:60", &v));
  g_assert_false (crn_time_parse ("2018-11-26", &v));
  g_assert_false (crn_time_parse ("26/11/2018 09:00", &v));
  g_assert_true (crn_time_parse_clock ("23:59", &m));
  g_assert_false (crn_time_parse_clock ("24:00", &m));
  g_assert_true (crn_time_parse_interval ("2018-11-26 09:00-12:30", &s, &e));
  g_assert_cmpint (e - s, ==, 210);
  g_assert_true (crn_time_parse_interval ("2018-11-26 13:00-24:00", &s, &e));
  g_assert_cmpint (e, ==, t ("2018-11-27 00:00"));
  g_assert_true (crn_time_parse_interval ("2018-11-26", &s, &e));
  g_assert_cmpint (e - s, ==, 1440);
  g_assert_false (crn_time_parse_interval ("2018-11-26 12:00-09:00", &s, &e));
  g_assert_false (crn_time_parse_interval ("2018-11-26 12:00-12:00", &s, &e));
  /* Dates before 1970 stay negative but exact. */
  CrnTime d;
  g_assert_false (crn_time_parse_date ("1969-12-31", &d));
  g_assert_true (crn_time_parse_date ("2000-02-29", &d));
  g_autofree char *fd = crn_time_format_date (d);
  g_assert_cmpstr (fd, ==, "2000-02-29");
}

static void
test_unix (void)
{
  g_autoptr (GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_assert_nonnull (paris);
  /* 26 Nov 2018 09:00 CET = 08:00 UTC. */
  g_assert_cmpint (crn_time_to_unix (t ("2018-11-26 09:00"), paris), ==, 1543219200);
  g_assert_cmpint (crn_time_from_unix (1543219200, paris), ==, t ("2018-11-26 09:00"));
  /* Summer time: 28 Jun 2018 09:00 CEST = 07:00 UTC. */
  g_assert_cmpint (crn_time_to_unix (t ("2018-06-28 09:00"), paris), ==, 1530169200);
}

static void
test_set_add (void)
{
  g_autoptr (CrnIntervalSet) s = crn_interval_set_new ();
  crn_interval_set_add (s, 10, 20);
  crn_interval_set_add (s, 30, 40);
  g_assert_cmpuint (crn_interval_set_get_n (s), ==, 2);
  crn_interval_set_add (s, 20, 30); /* bridges both: adjacent merges */
  g_assert_cmpuint (crn_interval_set_get_n (s), ==, 1);
  CrnInterval i = crn_interval_set_get (s, 0);
  g_assert_cmpint (i.start, ==, 10);
  g_assert_cmpint (i.end, ==, 40);
  crn_interval_set_add (s, 0, 5);
  crn_interval_set_add (s, 50, 60);
  crn_interval_set_add (s, 3, 55); /* swallows everything */
  g_assert_cmpuint (crn_interval_set_get_n (s), ==, 1);
  g_assert_cmpint (crn_interval_set_total (s), ==, 60);
  crn_interval_set_add (s, 70, 70); /* empty: ignored */
  g_assert_cmpuint (crn_interval_set_get_n (s), ==, 1);
}

static void
test_set_remove (void)
{
  g_autoptr (CrnIntervalSet) s = crn_interval_set_new ();
  crn_interval_set_add (s, 0, 100);
  crn_interval_set_remove (s, 20, 30);
  crn_interval_set_remove (s, 90, 200);
  g_assert_cmpuint (crn_interval_set_get_n (s), ==, 2);
  g_assert_cmpint (crn_interval_set_total (s), ==, 80);
  g_assert_true (crn_interval_set_fits (s, 0, 20));
  g_assert_false (crn_interval_set_fits (s, 10, 40));
  g_assert_true (crn_interval_set_fits (s, 30, 90));
  g_assert_false (crn_interval_set_fits (s, 30, 91));
  g_assert_false (crn_interval_set_fits (s, 50, 50));
  g_assert_true (crn_interval_set_overlaps (s, 19, 21));
  g_assert_false (crn_interval_set_overlaps (s, 20, 30));
  g_assert_false (crn_interval_set_overlaps (s, 90, 95));
  g_assert_true (crn_interval_set_contains (s, 0));
  g_assert_false (crn_interval_set_contains (s, 20));
  g_assert_true (crn_interval_set_contains (s, 29) == FALSE);
  g_assert_true (crn_interval_set_contains (s, 30));
}

static void
test_set_ops (void)
{
  g_autoptr (CrnIntervalSet) a = crn_interval_set_new ();
  g_autoptr (CrnIntervalSet) b = crn_interval_set_new ();
  crn_interval_set_add (a, 0, 10);
  crn_interval_set_add (a, 20, 30);
  crn_interval_set_add (a, 40, 50);
  crn_interval_set_add (b, 5, 25);
  crn_interval_set_add (b, 45, 60);

  g_autoptr (CrnIntervalSet) u = crn_interval_set_copy (a);
  crn_interval_set_union (u, b);
  g_assert_cmpuint (crn_interval_set_get_n (u), ==, 2);
  g_assert_cmpint (crn_interval_set_total (u), ==, 30 + 20);

  g_autoptr (CrnIntervalSet) x = crn_interval_set_copy (a);
  crn_interval_set_intersect (x, b);
  g_assert_cmpuint (crn_interval_set_get_n (x), ==, 3);
  g_assert_cmpint (crn_interval_set_total (x), ==, 5 + 5 + 5);

  g_autoptr (CrnIntervalSet) d = crn_interval_set_copy (a);
  crn_interval_set_subtract (d, b);
  g_assert_cmpuint (crn_interval_set_get_n (d), ==, 3);
  g_assert_cmpint (crn_interval_set_total (d), ==, 5 + 5 + 5);
  g_assert_true (crn_interval_set_fits (d, 0, 5));
  g_assert_true (crn_interval_set_fits (d, 25, 30));
  g_assert_true (crn_interval_set_fits (d, 40, 45));

  /* a = (a ∩ b) ∪ (a − b) */
  crn_interval_set_union (x, d);
  g_assert_true (crn_interval_set_equal (x, a));

  g_autoptr (CrnIntervalSet) e = crn_interval_set_new ();
  crn_interval_set_intersect (d, e);
  g_assert_true (crn_interval_set_is_empty (d));
}

/* Random operations checked against a bitmap over a small range. */
static void
test_set_random (void)
{
  GRand *rand = g_rand_new_with_seed (42);
  for (int round = 0; round < 200; round++) {
    gboolean bits[200] = { FALSE };
    g_autoptr (CrnIntervalSet) s = crn_interval_set_new ();
    for (int op = 0; op < 20; op++) {
      int a = g_rand_int_range (rand, 0, 200), b = g_rand_int_range (rand, 0, 200);
      int lo = MIN (a, b), hi = MAX (a, b);
      gboolean add = g_rand_boolean (rand);
      if (add)
        crn_interval_set_add (s, lo, hi);
      else
        crn_interval_set_remove (s, lo, hi);
      for (int k = lo; k < hi; k++)
        bits[k] = add;
    }
    for (int k = 0; k < 200; k++)
      g_assert_cmpint (crn_interval_set_contains (s, k), ==, bits[k]);
    for (guint i = 1; i < crn_interval_set_get_n (s); i++)
      g_assert_cmpint (crn_interval_set_get (s, i - 1).end, <, crn_interval_set_get (s, i).start);
  }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/time/parse", test_parse);
  g_test_add_func ("/time/unix", test_unix);
  g_test_add_func ("/intervals/add", test_set_add);
  g_test_add_func ("/intervals/remove-fits-overlaps", test_set_remove);
  g_test_add_func ("/intervals/union-intersect-subtract", test_set_ops);
  g_test_add_func ("/intervals/random-vs-bitmap", test_set_random);
  return g_test_run ();
}
