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

static gboolean
table_exists (const char *path, const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE name = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found;
}

static GArray *
make_changes (void)
{
  GArray *c = crn_stored_change_rows_new ();
  CrnStoredChangeRow a = { g_strdup ("atelier-1"), g_strdup ("moved"),
                           g_strdup ("Atelier moves to 14:00 in salle 2.") };
  CrnStoredChangeRow b = { g_strdup ("cloture"), g_strdup ("cancelled"),
                           g_strdup ("Clôture is cancelled.") };
  g_array_append_val (c, a);
  g_array_append_val (c, b);
  return c;
}

/* A database written through the schema-1 code path comes back whole at
 * schema 2, and takes what schema 2 adds. */
static void
test_migration_v1 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrnEventFiles) files = make_files ("[Event]\nId=a\n");
  g_autofree char *token = NULL;
  {
    g_autoptr (CrnStore) store = crn_store_open_at_version (f->path, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (crn_store_get_schema_version (store), ==, 1);
    g_assert_true (crn_store_put_event (store, "a", files, &error));
    g_autoptr (GArray) tt = crn_stored_assignments_new ();
    add_assignment (tt, "ouverture", 1, "amphi", 1000);
    g_assert_true (crn_store_put_timetable (store, "a", tt, 0, 5, &error));
    CrnStoredAssignment pin = { "ouverture", 1, "amphi", 1000 };
    g_assert_true (crn_store_put_pin (store, "a", &pin, &error));
    g_autoptr (GArray) entries = make_entries (0, FALSE);
    g_assert_true (crn_store_add_revision (store, "a", 1, 1700000000, files, entries, &error));
    token = crn_store_ensure_token (store, "a", "room", "amphi", &error);
    g_assert_no_error (error);
  }
  g_assert_false (table_exists (f->path, "revision_slots"));

  {
    g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (crn_store_get_schema_version (store), ==, 2);
    g_assert_true (table_exists (f->path, "revision_slots"));
    g_assert_true (table_exists (f->path, "revision_changes"));
    /* Everything schema 1 held. */
    g_autoptr (CrnEventFiles) back = crn_store_get_files (store, "a", &error);
    g_autofree char *conf = file_text (back, "event.conf");
    g_assert_cmpstr (conf, ==, "[Event]\nId=a\n");
    guint64 soft = 0;
    g_autoptr (GArray) tt = crn_store_get_timetable (store, "a", NULL, &soft, &error);
    g_assert_cmpuint (tt->len, ==, 1);
    g_assert_cmpuint (soft, ==, 5);
    g_autoptr (GArray) pins = crn_store_get_pins (store, "a", &error);
    g_assert_cmpuint (pins->len, ==, 1);
    g_autoptr (GArray) e1 = crn_store_get_revision_entries (store, "a", 1, &error);
    g_assert_cmpuint (e1->len, ==, 2);
    CrnStoredToken tok = { 0 };
    g_assert_true (crn_store_lookup_token (store, token, &tok, &error));
    g_assert_cmpstr (tok.target, ==, "amphi");
    crn_stored_token_clear (&tok);
    /* A schema-1 revision has no slots, record or changelog. */
    GBytes *pub = NULL;
    g_assert_true (crn_store_get_revision_publication (store, "a", 1, &pub, &error));
    g_assert_null (pub);
    g_autoptr (GArray) s1 = crn_store_get_revision_slots (store, "a", 1, &error);
    g_assert_cmpuint (s1->len, ==, 0);
    g_autoptr (GArray) c1 = crn_store_get_revision_changes (store, "a", 1, &error);
    g_assert_cmpuint (c1->len, ==, 0);

    /* What schema 2 adds, on top of the migrated revision. */
    g_autoptr (GArray) slots = crn_stored_assignments_new ();
    add_assignment (slots, "ouverture", 1, "amphi", 1000);
    add_assignment (slots, "atelier-1", 2, NULL, 2000);
    g_autoptr (GArray) changes = make_changes ();
    g_autoptr (GBytes) record = g_bytes_new_static ("[Publication]\nPublished=1\n", 26);
    CrnStoredRevisionRecord rec = { .revision = 2, .published_at = 1700000100, .files = files,
                                    .slots = slots, .publication = record,
                                    .changes = changes };
    g_assert_true (crn_store_add_revision_record (store, "a", &rec, &error));
    g_assert_no_error (error);
    /* A revision out of turn is refused and leaves no slots or changes. */
    rec.revision = 4;
    g_assert_false (crn_store_add_revision_record (store, "a", &rec, &error));
    g_assert_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_autoptr (GArray) s4 = crn_store_get_revision_slots (store, "a", 4, &error);
    g_assert_cmpuint (s4->len, ==, 0);
    g_autoptr (GArray) c4 = crn_store_get_revision_changes (store, "a", 4, &error);
    g_assert_cmpuint (c4->len, ==, 0);
    /* All pins are replaced at once. */
    g_autoptr (GArray) new_pins = crn_stored_assignments_new ();
    add_assignment (new_pins, "atelier-1", 1, "salle-1", 3000);
    add_assignment (new_pins, "atelier-1", 2, "salle-2", 3000);
    g_assert_true (crn_store_put_pins (store, "a", new_pins, &error));
    /* Pins and timetable together; an unknown event changes neither. */
    g_autoptr (GArray) moved = crn_stored_assignments_new ();
    add_assignment (moved, "ouverture", 1, "amphi", 1000);
    add_assignment (moved, "atelier-1", 1, "salle-1", 3000);
    g_assert_true (crn_store_put_pins_and_timetable (store, "a", new_pins, moved, 0, 9, &error));
    g_assert_false (crn_store_put_pins_and_timetable (store, "zz", new_pins, moved, 0, 9, &error));
    g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_autoptr (GArray) none = crn_stored_assignments_new ();
    g_assert_false (crn_store_put_pins (store, "zz", none, &error));
    g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_autoptr (CrnStore) store = crn_store_open (f->path, &error);
  g_assert_cmpuint (crn_store_get_latest_revision (store, "a", &error), ==, 2);
  g_autoptr (GArray) s2 = crn_store_get_revision_slots (store, "a", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s2->len, ==, 2);
  g_assert_cmpstr (g_array_index (s2, CrnStoredAssignment, 1).session, ==, "atelier-1");
  g_assert_cmpuint (g_array_index (s2, CrnStoredAssignment, 1).occurrence, ==, 2);
  g_assert_null (g_array_index (s2, CrnStoredAssignment, 1).room);
  g_assert_cmpint (g_array_index (s2, CrnStoredAssignment, 1).start, ==, 2000);
  g_autoptr (GBytes) pub = NULL;
  g_assert_true (crn_store_get_revision_publication (store, "a", 2, &pub, &error));
  g_assert_cmpmem (g_bytes_get_data (pub, NULL), g_bytes_get_size (pub),
                   "[Publication]\nPublished=1\n", 26);
  g_clear_pointer (&pub, g_bytes_unref);
  g_assert_false (crn_store_get_revision_publication (store, "a", 7, &pub, &error));
  g_assert_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_autoptr (GArray) c2 = crn_store_get_revision_changes (store, "a", 2, &error);
  g_assert_cmpuint (c2->len, ==, 2);
  g_assert_cmpstr (g_array_index (c2, CrnStoredChangeRow, 0).kind, ==, "moved");
  g_assert_cmpstr (g_array_index (c2, CrnStoredChangeRow, 1).sentence, ==,
                   "Clôture is cancelled.");
  g_autoptr (GArray) pins = crn_store_get_pins (store, "a", &error);
  g_assert_cmpuint (pins->len, ==, 2);
  g_assert_cmpstr (g_array_index (pins, CrnStoredAssignment, 0).room, ==, "salle-1");
  guint64 soft = 0;
  g_autoptr (GArray) tt = crn_store_get_timetable (store, "a", NULL, &soft, &error);
  g_assert_cmpuint (tt->len, ==, 2);
  g_assert_cmpint (g_array_index (tt, CrnStoredAssignment, 1).start, ==, 3000);
  g_assert_cmpuint (soft, ==, 9);
  /* Deleting the event takes the schema-2 rows with it. */
  g_assert_true (crn_store_delete_event (store, "a", &error));
  g_autoptr (GArray) gone = crn_store_get_revision_slots (store, "a", 2, &error);
  g_assert_cmpuint (gone->len, ==, 0);
  g_autoptr (GArray) gone_changes = crn_store_get_revision_changes (store, "a", 2, &error);
  g_assert_cmpuint (gone_changes->len, ==, 0);
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
  g_test_add ("/store/migration-v1", Fixture, NULL, fixture_setup, test_migration_v1,
              fixture_teardown);
  return g_test_run ();
}
