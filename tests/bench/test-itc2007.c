/* Tests of the ITC2007 track 3 import and of the solution format. */
#include "config.h"

#include "interchange/itc2007.h"
#include "model/error.h"

#include <string.h>

static const char small[] =
  "Name: Toy-1\n"
  "Courses: 3\n"
  "Rooms: 2\n"
  "Days: 3\n"
  "Periods_per_day: 4\n"
  "Curricula: 2\n"
  "Constraints: 2\n"
  "\n"
  "COURSES:\n"
  "cA t1 2 2 30\n"
  "ca t2 1 1 10\r\n"
  "c.3 t1 3 3 50\n"
  "\n"
  "ROOMS:\n"
  "rBig 60\n"
  "rSmall\t20\n"
  "\n"
  "CURRICULA:\n"
  "q0 2 cA c.3\n"
  "q1 2 ca cA\n"
  "\n"
  "UNAVAILABILITY_CONSTRAINTS:\n"
  "cA 0 0\n"
  "c.3 2 3\n"
  "\n"
  "END.\n";

static CrnItc2007 *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  CrnItc2007 *itc = crn_itc2007_parse (text, strlen (text), "toy.ctt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (itc);
  return itc;
}

static gboolean
has_audience (const CrnSession *s, const char *id)
{
  for (guint i = 0; i < s->audiences->len; i++)
    if (g_str_equal (g_ptr_array_index (s->audiences, i), id))
      return TRUE;
  return FALSE;
}

static void
test_import (void)
{
  g_autoptr (CrnItc2007) itc = parse_ok (small);
  CrnEvent *ev = crn_itc2007_get_event (itc);
  g_assert_cmpstr (crn_itc2007_get_name (itc), ==, "Toy-1");
  g_assert_cmpstr (ev->id, ==, "toy-1");
  g_assert_cmpuint (ev->granularity, ==, 60);
  g_assert_cmpuint (ev->days->len, ==, 3);
  for (guint d = 0; d < 3; d++) {
    CrnDay *day = &g_array_index (ev->days, CrnDay, d);
    g_assert_cmpuint (crn_interval_set_get_n (day->open), ==, 1);
    CrnInterval w = crn_interval_set_get (day->open, 0);
    g_assert_cmpint (crn_time_minute_of_day (w.start), ==, 8 * 60);
    g_assert_cmpint (w.end - w.start, ==, 4 * 60);
    g_assert_cmpint (w.start, ==, crn_itc2007_period_start (itc, d, 0));
  }
  g_assert_cmpint (ev->weights[CRN_S1_CAPACITY_OVERFLOW], ==, 1);
  g_assert_cmpint (ev->weights[CRN_S2_SPREAD_DAYS], ==, 5);
  g_assert_cmpint (ev->weights[CRN_S3_COMPACTNESS], ==, 2);
  g_assert_cmpint (ev->weights[CRN_S4_ROOM_STABILITY], ==, 1);

  /* "cA" and "ca" both lower-case to "ca": the second gets a suffix. */
  g_assert_cmpuint (ev->sessions->len, ==, 3);
  CrnSession *a = crn_event_lookup_session (ev, "ca");
  CrnSession *b = crn_event_lookup_session (ev, "ca-2");
  CrnSession *c = crn_event_lookup_session (ev, "c-3");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  g_assert_cmpstr (a->title, ==, "cA");
  g_assert_cmpstr (b->title, ==, "ca");
  g_assert_cmpstr (c->title, ==, "c.3");
  g_assert_cmpuint (a->count, ==, 2);
  g_assert_cmpuint (a->min_days, ==, 2);
  g_assert_cmpuint (a->attendance, ==, 30);
  g_assert_cmpuint (a->duration, ==, 60);
  g_assert_cmpuint (c->count, ==, 3);
  g_assert_cmpint (c->line, ==, 12);
  g_assert_false (a->exclusive);

  /* One person per teacher, shared between courses. */
  g_assert_cmpuint (ev->people->len, ==, 2);
  g_assert_cmpuint (a->speakers->len, ==, 1);
  g_assert_true (g_ptr_array_index (a->speakers, 0) == g_ptr_array_index (c->speakers, 0));
  g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (b->speakers, 0))->id, ==, "t2");

  g_assert_true (has_audience (a, "q0") && has_audience (a, "q1"));
  g_assert_true (has_audience (c, "q0") && !has_audience (c, "q1"));
  g_assert_true (has_audience (b, "q1") && !has_audience (b, "q0"));

  CrnRoom *big = crn_event_lookup_room (ev, "rbig");
  g_assert_nonnull (big);
  g_assert_cmpstr (big->name, ==, "rBig");
  g_assert_cmpuint (big->capacity, ==, 60);
  g_assert_cmpuint (crn_event_lookup_room (ev, "rsmall")->capacity, ==, 20);

  CrnTime p00 = crn_itc2007_period_start (itc, 0, 0);
  CrnTime p23 = crn_itc2007_period_start (itc, 2, 3);
  g_assert_true (crn_interval_set_fits (a->unavailable, p00, p00 + 60));
  g_assert_cmpint (crn_interval_set_total (a->unavailable), ==, 60);
  g_assert_true (crn_interval_set_fits (c->unavailable, p23, p23 + 60));
  g_assert_true (crn_interval_set_is_empty (b->unavailable));

  guint day, period;
  g_assert_true (crn_itc2007_period_of (itc, p23, &day, &period));
  g_assert_cmpuint (day, ==, 2);
  g_assert_cmpuint (period, ==, 3);
  g_assert_false (crn_itc2007_period_of (itc, p23 + 60, &day, &period));
  g_assert_false (crn_itc2007_period_of (itc, p00 - 60, &day, &period));
  g_assert_false (crn_itc2007_period_of (itc, p00 + 30, &day, &period));
}

static void
test_solution_round_trip (void)
{
  g_autoptr (CrnItc2007) itc = parse_ok (small);
  const char sol[] = "c.3 rBig 0 1\n"
                     "cA rSmall 1 3\n"
                     "c.3 rBig 1 0\n"
                     "\n"
                     "ca rSmall 2 2\n"
                     "cA rBig 0 1\n"
                     "c.3 rSmall 2 0\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnTimetable) tt =
    crn_itc2007_read_solution (itc, sol, strlen (sol), "toy.sol", &error);
  g_assert_no_error (error);
  CrnAssignment *a2 = crn_timetable_lookup (tt, "ca", 2);
  g_assert_true (a2->assigned);
  g_assert_cmpstr (a2->room->id, ==, "rbig");
  g_assert_cmpint (a2->start, ==, crn_itc2007_period_start (itc, 0, 1));
  CrnAssignment *c3 = crn_timetable_lookup (tt, "c-3", 3);
  g_assert_cmpint (c3->start, ==, crn_itc2007_period_start (itc, 2, 0));
  g_assert_cmpstr (c3->room->name, ==, "rSmall");

  g_autofree char *out = crn_itc2007_write_solution (itc, tt, &error);
  g_assert_no_error (error);
  /* Written in timetable order: sessions as in COURSES:, occurrences in order. */
  g_assert_cmpstr (out, ==,
                   "cA rSmall 1 3\n"
                   "cA rBig 0 1\n"
                   "ca rSmall 2 2\n"
                   "c.3 rBig 0 1\n"
                   "c.3 rBig 1 0\n"
                   "c.3 rSmall 2 0\n");

  /* A partial solution leaves lectures unassigned. */
  g_autoptr (CrnTimetable) part =
    crn_itc2007_read_solution (itc, "cA rBig 0 0\n", 12, "part.sol", &error);
  g_assert_no_error (error);
  g_assert_true (crn_timetable_lookup (part, "ca", 1)->assigned);
  g_assert_false (crn_timetable_lookup (part, "ca", 2)->assigned);
  g_assert_false (crn_timetable_lookup (part, "c-3", 1)->assigned);
  g_autofree char *pout = crn_itc2007_write_solution (itc, part, &error);
  g_assert_cmpstr (pout, ==, "cA rBig 0 0\n");

  /* Off-grid assignment cannot be written. */
  crn_timetable_lookup (part, "ca", 1)->start += 30;
  g_autofree char *bad = crn_itc2007_write_solution (itc, part, &error);
  g_assert_null (bad);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "\"cA\""));
}

/* Replaces the first occurrence of @from in the small instance. */
static char *
mutate (const char *from, const char *to)
{
  const char *at = strstr (small, from);
  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - small), small, to, at + strlen (from));
}

static void
expect_error (const char *text, const char *file_line, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnItc2007) itc = crn_itc2007_parse (text, strlen (text), "toy.ctt", &error);
  g_assert_null (itc);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  if (!g_str_has_prefix (error->message, file_line) || strstr (error->message, fragment) == NULL)
    g_error ("expected \"%s ... %s\", got \"%s\"", file_line, fragment, error->message);
}

static void
test_malformed (void)
{
  static const struct {
    const char *from, *to, *where, *fragment;
  } cases[] = {
    { "Courses: 3", "Courses: x", "toy.ctt:2:", "whole number" },
    { "Courses: 3", "Courses: 4", "toy.ctt:14:", "COURSES: has 3 lines where the header announces 4" },
    { "Courses: 3", "Courses: 2", "toy.ctt:12:", "expected \"ROOMS:\"" },
    { "Rooms: 2\n", "", "toy.ctt:8:", "no Rooms: line" },
    { "Days: 3", "Days: 3\nDays: 3", "toy.ctt:5:", "gives Days twice" },
    { "Days: 3", "Weeks: 3", "toy.ctt:4:", "unknown header key \"Weeks:\"" },
    { "Periods_per_day: 4", "Periods_per_day: 30", "toy.ctt:5:", "from 1 to 16" },
    { "cA t1 2 2 30", "cA t1 2 30", "toy.ctt:10:", "here are 4 fields" },
    { "cA t1 2 2 30", "cA t1 0 2 30", "toy.ctt:10:", "lectures" },
    { "cA t1 2 2 30", "cA t1 13 2 30", "toy.ctt:10:", "from 1 to 12" },
    { "cA t1 2 2 30", "cA t1 2 4 30", "toy.ctt:10:", "working days" },
    { "cA t1 2 2 30", "cA t1 2 2 -5", "toy.ctt:10:", "students" },
    { "ca t2", "cA t2", "toy.ctt:11:", "course \"cA\" is defined twice" },
    { "rSmall\t20", "rBig 20", "toy.ctt:16:", "room \"rBig\" is defined twice" },
    { "rSmall\t20", "rSmall", "toy.ctt:16:", "\"room capacity\"" },
    { "q1 2 ca cA", "q1 3 ca cA", "toy.ctt:20:", "announces 3 courses but lists 2" },
    { "q1 2 ca cA", "q1 2 ca cZ", "toy.ctt:20:", "course \"cZ\", which is not in COURSES:" },
    { "q1 2 ca cA", "q0 2 ca cA", "toy.ctt:20:", "curriculum \"q0\" is defined twice" },
    { "c.3 2 3", "c.3 3 3", "toy.ctt:24:", "the day must be a whole number from 0 to 2" },
    { "c.3 2 3", "c.3 2 4", "toy.ctt:24:", "the period must be a whole number from 0 to 3" },
    { "c.3 2 3", "cX 2 3", "toy.ctt:24:", "unknown course \"cX\"" },
    { "END.\n", "", "toy.ctt:26:", "ends before the \"END.\" section" },
    { "END.\n", "END.\nmore\n", "toy.ctt:27:", "text follows END." },
    { "ROOMS:", "ROOM:", "toy.ctt:14:", "expected \"ROOMS:\"" },
    { "cA t1", "c\x01 t1", "toy.ctt:10:", "printable ASCII" },
    { "cA t1", "c\xc3\xa9 t1", "toy.ctt:10:", "printable ASCII" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *text = mutate (cases[i].from, cases[i].to);
    expect_error (text, cases[i].where, cases[i].fragment);
  }
  expect_error ("", "toy.ctt:1:", "ends before the COURSES: section");
  expect_error ("Name: x\nCOURSES:\n", "toy.ctt:2:", "no Courses: line");
  expect_error ("COURSES:\n", "toy.ctt:1:", "no Name: line");

  /* 35 courses of 5856 lectures go over the 200000 lectures a file may
   * ask for: the error comes at the 35th. */
  GString *big = g_string_new ("Name: big\nCourses: 40\nRooms: 1\nDays: 366\n"
                               "Periods_per_day: 16\nCurricula: 0\nConstraints: 0\nCOURSES:\n");
  for (int i = 0; i < 40; i++)
    g_string_append_printf (big, "c%d t 5856 0 1\n", i);
  expect_error (big->str, "toy.ctt:43:", "more than 200000 lectures");
  g_string_free (big, TRUE);

  g_autoptr (GError) error = NULL;
  g_autoptr (CrnItc2007) nul = crn_itc2007_parse ("Name: x\0", 8, "toy.ctt", &error);
  g_assert_null (nul);
  g_assert_nonnull (strstr (error->message, "NUL"));
}

/* An empty GBytes has no data pointer. Found by fuzzing: the reader did
 * arithmetic on NULL and passed it to memchr (UBSan reports both). */
static void
test_empty_bytes (void)
{
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  gsize len;
  const char *text = g_bytes_get_data (empty, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnItc2007) none = crn_itc2007_parse (text, len, "empty.ctt", &error);
  g_assert_null (none);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "empty.ctt:1:"));

  g_autoptr (CrnItc2007) itc = parse_ok (small);
  g_clear_error (&error);
  g_autoptr (CrnTimetable) tt = crn_itc2007_read_solution (itc, text, len, "empty.sol", &error);
  g_assert_no_error (error);
  g_assert_nonnull (tt);
}

static void
test_bad_solution (void)
{
  g_autoptr (CrnItc2007) itc = parse_ok (small);
  static const struct {
    const char *text, *message;
  } cases[] = {
    { "cA rBig 0 0\ncZ rBig 0 1\n", "toy.sol:2: unknown course \"cZ\" (not in instance Toy-1)" },
    { "\ncA rHuge 0 0\n", "toy.sol:2: unknown room \"rHuge\" (not in instance Toy-1)" },
    { "cA rBig 3 0\n", "toy.sol:1: the day must be a whole number from 0 to 2, not \"3\"" },
    { "cA rBig 0 4\n", "toy.sol:1: the period must be a whole number from 0 to 3, not \"4\"" },
    { "cA rBig 0\n", "toy.sol:1: a solution line is \"course room day period\", here are 3 fields" },
    { "ca rBig 0 0\nca rBig 0 1\n", "toy.sol:2: course \"ca\" has 1 lectures; this line is one more" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnTimetable) tt =
      crn_itc2007_read_solution (itc, cases[i].text, strlen (cases[i].text), "toy.sol", &error);
    g_assert_null (tt);
    g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
    g_assert_cmpstr (error->message, ==, cases[i].message);
  }
}

/* Random damage never crashes the readers, and every refusal names the
 * file and line. */
static void
test_mutations (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20071);
  g_autoptr (CrnItc2007) good = parse_ok (small);
  const char sol[] = "cA rBig 0 0\nca rSmall 1 1\nc.3 rBig 2 2\n";
  static const char alphabet[] = " \n\t:.-0123456789cAqrt\r\xff";
  guint accepted = 0;
  for (int round = 0; round < 3000; round++) {
    gboolean instance = round % 2 == 0;
    g_autofree char *text = g_strdup (instance ? small : sol);
    gsize len = strlen (text);
    for (int k = g_rand_int_range (rand, 1, 4); k > 0 && len > 0; k--) {
      gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) len);
      switch (g_rand_int_range (rand, 0, 3)) {
      case 0: /* replace a byte */
        text[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        break;
      case 1: /* cut the text */
        len = at;
        break;
      default: /* drop a byte */
        memmove (text + at, text + at + 1, len - at);
        len--;
        break;
      }
    }
    g_autoptr (GError) error = NULL;
    if (instance) {
      g_autoptr (CrnItc2007) itc = crn_itc2007_parse (text, len, "toy.ctt", &error);
      g_assert_true ((itc == NULL) == (error != NULL));
      if (error)
        g_assert_true (g_str_has_prefix (error->message, "toy.ctt:"));
      accepted += itc != NULL;
    } else {
      g_autoptr (CrnTimetable) tt = crn_itc2007_read_solution (good, text, len, "toy.sol", &error);
      g_assert_true ((tt == NULL) == (error != NULL));
      if (error)
        g_assert_true (g_str_has_prefix (error->message, "toy.sol:"));
      accepted += tt != NULL;
    }
    if (error)
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }
  /* Some damage is harmless (a blank turned into a tab): both paths ran. */
  g_assert_cmpuint (accepted, >, 0);
  g_assert_cmpuint (accepted, <, 3000);
}

/* Every shipped instance imports, with the sizes its header announces. */
static void
test_shared_instances (void)
{
  const char *shared = g_getenv ("CRENEAU_SHARED_DIR");
  g_autofree char *dir = shared ? g_build_filename (shared, "bench", "itc2007", "instances", NULL)
                                : NULL;
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR)) {
    g_test_skip ("the shared benchmark folder is absent");
    return;
  }
  for (int n = 1; n <= 21; n++) {
    g_autofree char *name = g_strdup_printf ("comp%02d.ctt", n);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnItc2007) itc = crn_itc2007_load (path, &error);
    g_assert_no_error (error);
    CrnEvent *ev = crn_itc2007_get_event (itc);
    g_assert_cmpuint (ev->days->len, ==, crn_itc2007_get_n_days (itc));
    g_assert_cmpuint (ev->sessions->len, >, 0);
    g_assert_cmpuint (ev->rooms->len, >, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bench/itc2007/import", test_import);
  g_test_add_func ("/bench/itc2007/solution-round-trip", test_solution_round_trip);
  g_test_add_func ("/bench/itc2007/malformed", test_malformed);
  g_test_add_func ("/bench/itc2007/bad-solution", test_bad_solution);
  g_test_add_func ("/bench/itc2007/empty-bytes", test_empty_bytes);
  g_test_add_func ("/bench/itc2007/mutations", test_mutations);
  g_test_add_func ("/bench/itc2007/shared-instances", test_shared_instances);
  return g_test_run ();
}
