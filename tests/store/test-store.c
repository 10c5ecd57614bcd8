/* Tests of the daemon's SQLite state: every call on a real database file,
 * reopened to prove what was committed is what comes back. */
#include "config.h"

#include "store.h"
#include "model/error.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("creneau-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "state.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *p = g_build_filename (f->dir, name, NULL);
    g_unlink (p);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CrnEventFiles *
make_files (const char *conf)
{
  CrnEventFiles *files = crn_event_files_new ();
  g_autoptr (GBytes) a = g_bytes_new (conf, strlen (conf));
  g_autoptr (GBytes) b = g_bytes_new ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", 30);
  g_assert_true (crn_event_files_add (files, "event.conf", a, NULL));
  g_assert_true (crn_event_files_add (files, "speakers/caron.ics", b, NULL));
  return files;
}

static char *
file_text (CrnEventFiles *files, const char *name)
{
  GBytes *b = crn_event_files_lookup (files, name);
  g_assert_nonnull (b);
  return g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static void
test_schema (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (crn_store_get_schema_version (store), ==, CRN_STORE_SCHEMA_VERSION);
  }
  /* Reopening does not migrate again. */
  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (crn_store_get_schema_version (store), ==, CRN_STORE_SCHEMA_VERSION);
  }
  /* A database written by a newer creneaud is refused, not damaged. */
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_autoptr (CrnStore) newer = crn_store_open (f->path, &error);
  g_assert_null (newer);
  g_assert_error (error, CRN_ERROR, CRN_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_events (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) v1 = make_files ("[Event]\nId=a\n");
  g_autoptr (CrnEventFiles) v2 = make_files ("[Event]\nId=a\nName=Second\n");
  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (crn_store_put_event (store, "a", v1, &error));
    g_assert_true (crn_store_put_event (store, "b", v1, &error));
    g_assert_true (crn_store_put_event (store, "a", v2, &error)); /* replace */
    g_assert_no_error (error);
  }
  g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
  g_auto (GStrv) ids = crn_store_list_events (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "a");
  g_autoptr (CrnEventFiles) got = crn_store_get_files (store, "a", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crn_event_files_get_n (got), ==, 2);
  g_autofree char *conf = file_text (got, "event.conf");
  g_assert_cmpstr (conf, ==, "[Event]\nId=a\nName=Second\n");

  g_assert_true (crn_store_delete_event (store, "b", &error));
  g_assert_false (crn_store_delete_event (store, "b", &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crn_store_get_files (store, "b", &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
}

static void
add_assignment (GArray *a, const char *session, guint occ, const char *room, gint64 start)
{
  CrnStoredAssignment x = { g_strdup (session), occ, g_strdup (room), start };
  g_array_append_val (a, x);
}

static void
test_timetable_and_pins (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = make_files ("[Event]\nId=a\n");
  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_true (crn_store_put_event (store, "a", files, &error));
    guint hard = 7;
    g_assert_null (crn_store_get_timetable (store, "a", &hard, NULL, &error));
    g_assert_no_error (error);
    g_autoptr (GArray) tt = crn_stored_assignments_new ();
    add_assignment (tt, "ouverture", 1, "amphi", 1000);
    add_assignment (tt, "atelier-1", 1, "salle-1", 2000);
    add_assignment (tt, "atelier-1", 2, NULL, 0);
    g_assert_true (crn_store_put_timetable (store, "a", tt, 1, 42, &error));
    CrnStoredAssignment pin = { "ouverture", 1, "amphi", 1000 };
    g_assert_true (crn_store_put_pin (store, "a", &pin, &error));
    pin.start = 1100; /* re-pinning replaces */
    g_assert_true (crn_store_put_pin (store, "a", &pin, &error));
    CrnStoredAssignment pin2 = { "atelier-1", 2, "salle-2", 3000 };
    g_assert_true (crn_store_put_pin (store, "a", &pin2, &error));
    g_assert_true (crn_store_delete_pin (store, "a", "atelier-1", 2, &error));
    g_assert_false (crn_store_delete_pin (store, "a", "atelier-1", 2, &error));
    g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
    g_clear_error (&error);
    /* A timetable for an event that does not exist is refused. */
    g_assert_false (crn_store_put_timetable (store, "zz", tt, 0, 0, &error));
    g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
  guint hard = 0;
  guint64 soft = 0;
  g_autoptr (GArray) tt = crn_store_get_timetable (store, "a", &hard, &soft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tt->len, ==, 3);
  g_assert_cmpuint (hard, ==, 1);
  g_assert_cmpuint (soft, ==, 42);
  CrnStoredAssignment *x = &g_array_index (tt, CrnStoredAssignment, 1);
  g_assert_cmpstr (x->session, ==, "atelier-1");
  g_assert_cmpstr (x->room, ==, "salle-1");
  g_assert_cmpint (x->start, ==, 2000);
  g_assert_null (g_array_index (tt, CrnStoredAssignment, 2).room);
  g_autoptr (GArray) pins = crn_store_get_pins (store, "a", &error);
  g_assert_cmpuint (pins->len, ==, 1);
  g_assert_cmpint (g_array_index (pins, CrnStoredAssignment, 0).start, ==, 1100);
}

static GArray *
make_entries (guint seq, gboolean cancel_second)
{
  GArray *e = crn_stored_entries_new ();
  CrnStoredEntry a = { g_strdup ("ouverture@a.creneau"), g_strdup ("ouverture"), 1,
                       g_strdup ("amphi"), 100, 160, g_strdup ("Ouverture « plénière »"), seq,
                       FALSE, 1700000000 };
  CrnStoredEntry b = { g_strdup ("atelier-1@a.creneau"), g_strdup ("atelier-1"), 1,
                       g_strdup ("salle-1"), 200, 320, g_strdup ("Atelier"), seq + 1,
                       cancel_second, 1700000001 };
  g_array_append_val (e, a);
  g_array_append_val (e, b);
  return e;
}

static void
test_revisions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) v1 = make_files ("[Event]\nId=a\n");
  g_autoptr (CrnEventFiles) v2 = make_files ("[Event]\nId=a\nName=Two\n");
  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_true (crn_store_put_event (store, "a", v1, &error));
    g_assert_cmpuint (crn_store_get_latest_revision (store, "a", &error), ==, 0);
    g_autoptr (GArray) e1 = make_entries (0, FALSE);
    g_autoptr (GArray) e2 = make_entries (1, TRUE);
    g_assert_true (crn_store_add_revision (store, "a", 1, 1700000000, v1, e1, &error));
    /* Gaps and repeats are refused and leave nothing behind. */
    g_assert_false (crn_store_add_revision (store, "a", 3, 1700000100, v2, e2, &error));
    g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_false (crn_store_add_revision (store, "a", 1, 1700000100, v2, e2, &error));
    g_clear_error (&error);
    g_assert_true (crn_store_put_event (store, "a", v2, &error));
    g_assert_true (crn_store_add_revision (store, "a", 2, 1700000100, v2, e2, &error));
    g_assert_no_error (error);
  }
  g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
  g_assert_cmpuint (crn_store_get_latest_revision (store, "a", &error), ==, 2);
  g_autoptr (GArray) revs = crn_store_list_revisions (store, "a", &error);
  g_assert_cmpuint (revs->len, ==, 2);
  g_assert_cmpint (g_array_index (revs, CrnStoredRevision, 1).published_at, ==, 1700000100);
  g_autoptr (GArray) e1 = crn_store_get_revision_entries (store, "a", 1, &error);
  g_assert_cmpuint (e1->len, ==, 2);
  CrnStoredEntry *x = &g_array_index (e1, CrnStoredEntry, 0);
  g_assert_cmpstr (x->title, ==, "Ouverture « plénière »");
  g_assert_cmpuint (x->sequence, ==, 0);
  g_autoptr (GArray) e2 = crn_store_get_revision_entries (store, "a", 2, &error);
  g_assert_true (g_array_index (e2, CrnStoredEntry, 1).cancelled);
  g_assert_cmpuint (g_array_index (e2, CrnStoredEntry, 1).sequence, ==, 2);
  /* Each revision keeps the files as they were when it was published. */
  g_autoptr (CrnEventFiles) f1 = crn_store_get_revision_files (store, "a", 1, &error);
  g_autofree char *c1 = file_text (f1, "event.conf");
  g_assert_cmpstr (c1, ==, "[Event]\nId=a\n");
  g_autoptr (CrnEventFiles) f2 = crn_store_get_revision_files (store, "a", 2, &error);
  g_autofree char *c2 = file_text (f2, "event.conf");
  g_assert_cmpstr (c2, ==, "[Event]\nId=a\nName=Two\n");
  g_assert_null (crn_store_get_revision_files (store, "a", 9, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Deleting the event removes its revisions too. */
  g_assert_true (crn_store_delete_event (store, "a", &error));
  g_autoptr (GArray) gone = crn_store_list_revisions (store, "a", &error);
  g_assert_cmpuint (gone->len, ==, 0);
}

static void
test_tokens (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = make_files ("[Event]\nId=a\n");
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_true (crn_store_put_event (store, "a", files, &error));
    t1 = crn_store_ensure_token (store, "a", "speaker", "caron", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (t1), ==, 32);
    t2 = crn_store_ensure_token (store, "a", "speaker", "fournier", &error);
    g_assert_cmpstr (t1, !=, t2);
  }
  g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
  /* Stable across restarts. */
  g_autofree char *again = crn_store_ensure_token (store, "a", "speaker", "caron", &error);
  g_assert_cmpstr (again, ==, t1);
  CrnStoredToken tok = { 0 };
  g_assert_true (crn_store_lookup_token (store, t1, &tok, &error));
  g_assert_cmpstr (tok.kind, ==, "speaker");
  g_assert_cmpstr (tok.target, ==, "caron");
  g_assert_cmpstr (tok.event_id, ==, "a");
  crn_stored_token_clear (&tok);
  /* Revoked: the old token is dead and a new one is issued. */
  g_assert_true (crn_store_revoke_token (store, t1, &error));
  g_assert_false (crn_store_lookup_token (store, t1, &tok, &error));
  g_assert_no_error (error);
  g_assert_false (crn_store_revoke_token (store, t1, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_autofree char *fresh = crn_store_ensure_token (store, "a", "speaker", "caron", &error);
  g_assert_cmpstr (fresh, !=, t1);
  g_autoptr (GArray) all = crn_store_list_tokens (store, "a", &error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_false (crn_store_lookup_token (store, "nope", &tok, &error));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/schema", Fixture, NULL, fixture_setup, test_schema, fixture_teardown);
  g_test_add ("/store/events", Fixture, NULL, fixture_setup, test_events, fixture_teardown);
  g_test_add ("/store/timetable-and-pins", Fixture, NULL, fixture_setup, test_timetable_and_pins,
              fixture_teardown);
  g_test_add ("/store/revisions", Fixture, NULL, fixture_setup, test_revisions, fixture_teardown);
  g_test_add ("/store/tokens", Fixture, NULL, fixture_setup, test_tokens, fixture_teardown);
  return g_test_run ();
}
