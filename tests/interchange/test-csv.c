/* CSV: the RFC 4180 rows reader, and timetables written and read back. */
#include "config.h"

#include "interchange/csv.h"
#include "model/error.h"

#include <string.h>

static GPtrArray *
parse_ok (const char *text, char sep)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = crn_csv_parse (text, -1, sep, "t.csv", &error);
  g_assert_no_error (error);
  return rows;
}

static const char *
cell (GPtrArray *rows, guint r, guint c)
{
  CrnCsvRow *row = g_ptr_array_index (rows, r);
  g_assert_cmpuint (c, <, row->n_fields);
  return row->fields[c];
}

static void
test_rows (void)
{
  g_autoptr (GPtrArray) rows = parse_ok ("\xef\xbb\xbf" "a,b,c\r\n"
                                         "\"x, y\",\"say \"\"hi\"\"\",\r\n"
                                         "\n"
                                         "\"two\nlines\",,last\n"
                                         "tail", 0);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (cell (rows, 0, 0), ==, "a");
  g_assert_cmpstr (cell (rows, 1, 0), ==, "x, y");
  g_assert_cmpstr (cell (rows, 1, 1), ==, "say \"hi\"");
  g_assert_cmpstr (cell (rows, 1, 2), ==, "");
  g_assert_cmpuint (((CrnCsvRow *) g_ptr_array_index (rows, 1))->n_fields, ==, 3);
  g_assert_cmpstr (cell (rows, 2, 0), ==, "two\nlines");
  g_assert_cmpstr (cell (rows, 2, 2), ==, "last");
  /* Lines are where each record starts, counting the blank line and the
   * line break inside the quoted field. */
  g_assert_cmpint (((CrnCsvRow *) g_ptr_array_index (rows, 2))->line, ==, 4);
  g_assert_cmpint (((CrnCsvRow *) g_ptr_array_index (rows, 3))->line, ==, 6);

  /* A French spreadsheet export separates with ';'. */
  g_autoptr (GPtrArray) fr = parse_ok ("id;title\natelier-1;Coopération, transitions\n", 0);
  g_assert_cmpstr (cell (fr, 1, 1), ==, "Coopération, transitions");
}

static void
test_rows_errors (void)
{
  const char *bad[][2] = {
    { "a,b\n\"open,c\n", "t.csv:2: a quoted field is never closed" },
    { "a,b\nx\"y,c\n", "t.csv:2: a quote inside an unquoted field" },
    { "a,b\n\"x\"y,c\n", "t.csv:2: text after a closing quote" },
    { "a,b\nx,\xff\n", "t.csv:2: the text is not UTF-8" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) rows = crn_csv_parse (bad[i][0], -1, ',', "t.csv", &error);
    g_assert_null (rows);
    g_assert_nonnull (error);
    if (!g_str_has_prefix (error->message, bad[i][1]))
      g_error ("case %u: \"%s\" does not start with \"%s\"", i, error->message, bad[i][1]);
  }
}

static void
test_quoting (void)
{
  const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", "é;x" };
  GString *line = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++) {
    if (i)
      g_string_append_c (line, ',');
    crn_csv_append_field (line, fields[i], ',');
  }
  g_autofree char *text = g_string_free (line, FALSE);
  g_assert_cmpstr (text, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",,é;x");
  g_autoptr (GPtrArray) rows = parse_ok (text, ',');
  g_assert_cmpuint (rows->len, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (cell (rows, 0, i), ==, fields[i]);
}

static CrnEvent *
make_event (void)
{
  CrnEvent *ev = crn_event_new ("demo");
  crn_event_add_room (ev, "amphi", NULL);
  crn_event_add_room (ev, "salle-3", NULL);
  CrnSession *a = crn_event_add_session (ev, "ouverture", NULL);
  a->duration = 45;
  CrnSession *b = crn_event_add_session (ev, "atelier", NULL);
  b->duration = 90;
  b->count = 3;
  return ev;
}

static void
test_timetable_round_trip (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  CrnAssignment *a = crn_timetable_lookup (tt, "ouverture", 1);
  a->room = g_ptr_array_index (ev->rooms, 0);
  crn_time_parse ("2018-11-26 09:30", &a->start);
  a->assigned = TRUE;
  a = crn_timetable_lookup (tt, "atelier", 2);
  a->room = g_ptr_array_index (ev->rooms, 1);
  crn_time_parse ("2018-11-27 23:00", &a->start); /* ends after midnight */
  a->assigned = TRUE;

  g_autofree char *csv = crn_csv_write_timetable (tt);
  g_assert_true (g_str_has_prefix (csv, "session,occurrence,room,start,end\r\n"
                                        "ouverture,1,amphi,2018-11-26 09:30,2018-11-26 10:15\r\n"
                                        "atelier,1,,,\r\n"
                                        "atelier,2,salle-3,2018-11-27 23:00,2018-11-28 00:30\r\n"));
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnTimetable) back = crn_csv_read_timetable (ev, csv, -1, "tt.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->assignments->len, ==, tt->assignments->len);
  for (guint i = 0; i < tt->assignments->len; i++) {
    CrnAssignment *x = &g_array_index (tt->assignments, CrnAssignment, i);
    CrnAssignment *y = &g_array_index (back->assignments, CrnAssignment, i);
    g_assert_true (x->session == y->session);
    g_assert_cmpuint (x->occurrence, ==, y->occurrence);
    g_assert_cmpint (x->assigned, ==, y->assigned);
    if (x->assigned) {
      g_assert_true (x->room == y->room);
      g_assert_cmpint (x->start, ==, y->start);
    }
  }
  g_autofree char *again = crn_csv_write_timetable (back);
  g_assert_cmpstr (csv, ==, again);
}

static void
test_timetable_errors (void)
{
  g_autoptr (CrnEvent) ev = make_event ();
  const char *header = "session,occurrence,room,start,end\n";
  const char *bad[][2] = {
    { "ouverture,1,amphi,2018-11-26 09:30,2018-11-26 10:15\n", "tt.csv:1: the header is" },
    { "x\nouvertur,1,amphi,2018-11-26 09:30,2018-11-26 10:15\n", "tt.csv:1: the header" },
    { "H ouvertur,1,amphi,2018-11-26 09:30,2018-11-26 10:15\n",
      "tt.csv:2: column session: no session \"ouvertur\"" },
    { "H atelier,4,amphi,2018-11-26 09:30,2018-11-26 11:00\n",
      "tt.csv:2: column occurrence: \"4\" is not an occurrence of \"atelier\" (it has 3)" },
    { "H atelier,1,amphi,2018-11-26 09:30,2018-11-26 11:00\n"
      "atelier,1,amphi,2018-11-26 12:30,2018-11-26 14:00\n",
      "tt.csv:3: column occurrence: occurrence 1 of \"atelier\" is given twice" },
    { "H atelier,1,hall,2018-11-26 09:30,2018-11-26 11:00\n", "tt.csv:2: column room: no room \"hall\"" },
    { "H atelier,1,amphi,26/11/2018 09:30,2018-11-26 11:00\n",
      "tt.csv:2: column start: \"26/11/2018 09:30\" is not a time" },
    { "H atelier,1,amphi,2018-11-26 09:30,2018-11-26 11:15\n",
      "tt.csv:2: column end: \"2018-11-26 11:15\" is not 90 minutes after the start" },
    { "H atelier,1,amphi\n", "tt.csv:2: 3 fields where the header has 5" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autofree char *text = g_str_has_prefix (bad[i][0], "H ")
                                ? g_strconcat (header, bad[i][0] + 2, NULL)
                                : g_strdup (bad[i][0]);
    g_autoptr (GError) error = NULL;
    g_autoptr (CrnTimetable) tt = crn_csv_read_timetable (ev, text, -1, "tt.csv", &error);
    g_assert_null (tt);
    g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
    if (!g_str_has_prefix (error->message, bad[i][1]))
      g_error ("case %u: \"%s\" does not start with \"%s\"", i, error->message, bad[i][1]);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/rows", test_rows);
  g_test_add_func ("/csv/rows-errors", test_rows_errors);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/timetable/round-trip", test_timetable_round_trip);
  g_test_add_func ("/csv/timetable/errors", test_timetable_errors);
  return g_test_run ();
}
