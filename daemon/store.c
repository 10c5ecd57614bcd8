/* creneaud — durable state in SQLite. */
#include "config.h"

#define G_LOG_DOMAIN "creneau-store"

#include "store.h"
#include "model/error.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

struct _CrnStore {
  sqlite3 *db;
  char *path;
};

/* Each entry upgrades the schema from version i to i + 1. Never edit a
 * migration that has shipped: add a new one. */
static const char *const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE events ("
  "  id TEXT PRIMARY KEY,"
  "  loaded_at INTEGER NOT NULL,"
  "  hard INTEGER,"
  "  soft INTEGER,"
  "  has_timetable INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE event_files ("
  "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  content BLOB NOT NULL,"
  "  PRIMARY KEY (event_id, name));"
  "CREATE TABLE assignments ("
  "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
  "  session TEXT NOT NULL,"
  "  occurrence INTEGER NOT NULL,"
  "  room TEXT,"
  "  start INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, session, occurrence));"
  "CREATE TABLE pins ("
  "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
  "  session TEXT NOT NULL,"
  "  occurrence INTEGER NOT NULL,"
  "  room TEXT NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, session, occurrence));"
  "CREATE TABLE revisions ("
  "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
  "  revision INTEGER NOT NULL,"
  "  published_at INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, revision));"
  "CREATE TABLE revision_files ("
  "  event_id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  content BLOB NOT NULL,"
  "  PRIMARY KEY (event_id, revision, name),"
  "  FOREIGN KEY (event_id, revision) REFERENCES revisions(event_id, revision) ON DELETE CASCADE);"
  "CREATE TABLE revision_entries ("
  "  event_id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  uid TEXT NOT NULL,"
  "  session TEXT NOT NULL,"
  "  occurrence INTEGER NOT NULL,"
  "  room TEXT,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  sequence INTEGER NOT NULL,"
  "  cancelled INTEGER NOT NULL,"
  "  last_modified INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, revision, uid),"
  "  FOREIGN KEY (event_id, revision) REFERENCES revisions(event_id, revision) ON DELETE CASCADE);"
  "CREATE TABLE feed_tokens ("
  "  token TEXT PRIMARY KEY,"
  "  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  target TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX feed_tokens_target ON feed_tokens (event_id, kind, target, revoked);",
  /* 1 -> 2: what the daemon needs to put a revision back as it was
   * published: the timetable by ids, the publication record (SEQUENCE and
   * LAST-MODIFIED of every UID) and the changelog. Revisions written by
   * version 1 keep their files and entries; they have no slots and no
   * publication record. */
  "ALTER TABLE revisions ADD COLUMN publication BLOB;"
  "CREATE TABLE revision_slots ("
  "  event_id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  session TEXT NOT NULL,"
  "  occurrence INTEGER NOT NULL,"
  "  room TEXT,"
  "  start INTEGER NOT NULL,"
  "  PRIMARY KEY (event_id, revision, position),"
  "  FOREIGN KEY (event_id, revision) REFERENCES revisions(event_id, revision) ON DELETE CASCADE);"
  "CREATE TABLE revision_changes ("
  "  event_id TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  session TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  sentence TEXT NOT NULL,"
  "  PRIMARY KEY (event_id, revision, position),"
  "  FOREIGN KEY (event_id, revision) REFERENCES revisions(event_id, revision) ON DELETE CASCADE);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CRN_STORE_SCHEMA_VERSION);

static gboolean
fail (CrnStore *self, GError **error, const char *what)
{
  g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED, "The state database %s failed to %s: %s.",
               self->path, what, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (CrnStore *self, const char *sql, GError **error)
{
  char *msg = NULL;
  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED, "The state database %s failed: %s.",
                 self->path, msg ? msg : sqlite3_errmsg (self->db));
    sqlite3_free (msg);
    return FALSE;
  }
  return TRUE;
}

static sqlite3_stmt *
prepare (CrnStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    fail (self, error, "prepare a statement");
    return NULL;
  }
  return stmt;
}

typedef sqlite3_stmt CrnStmt;
static void
stmt_finalize (CrnStmt *stmt)
{
  sqlite3_finalize (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnStmt, stmt_finalize)

/* Runs a statement that returns no rows. */
static gboolean
step_done (CrnStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, error, "write");
  return TRUE;
}

static gboolean
begin (CrnStore *self, GError **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (CrnStore *self, GError **error)
{
  return exec (self, "COMMIT", error);
}

static void
rollback (CrnStore *self)
{
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt, int i)
{
  const unsigned char *t = sqlite3_column_text (stmt, i);
  return t ? g_strdup ((const char *) t) : NULL;
}

static guint
read_user_version (CrnStore *self)
{
  g_autoptr (CrnStmt) stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
}

static gboolean
migrate (CrnStore *self, guint target, GError **error)
{
  guint version = read_user_version (self);
  if (version > CRN_STORE_SCHEMA_VERSION) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED,
                 "The state database %s has schema version %u, newer than this creneaud's (%u).",
                 self->path, version, CRN_STORE_SCHEMA_VERSION);
    return FALSE;
  }
  for (; version < target; version++) {
    g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version + 1);
    if (!begin (self, error))
      return FALSE;
    if (!exec (self, migrations[version], error) || !exec (self, bump, error)) {
      rollback (self);
      g_prefix_error (error, "Migrating to schema version %u: ", version + 1);
      return FALSE;
    }
    if (!commit (self, error)) {
      rollback (self);
      return FALSE;
    }
    g_debug ("state database migrated to schema version %u", version + 1);
  }
  return TRUE;
}

CrnStore *
crn_store_open (const char *path, GError **error)
{
  return crn_store_open_at_version (path, CRN_STORE_SCHEMA_VERSION, error);
}

CrnStore *
crn_store_open_at_version (const char *path, guint version, GError **error)
{
  g_return_val_if_fail (version >= 1 && version <= CRN_STORE_SCHEMA_VERSION, NULL);
  g_autoptr (CrnStore) self = g_new0 (CrnStore, 1);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_FAILED, "Cannot open the state database %s: %s.", path,
                 self->db ? sqlite3_errmsg (self->db) : "out of memory");
    return NULL;
  }
  sqlite3_busy_timeout (self->db, 5000);
  /* WAL with synchronous=FULL: a committed transaction survives a crash of
   * the process and of the machine. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error)
      || !exec (self, "PRAGMA synchronous = FULL", error)
      || !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  if (!migrate (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
crn_store_close (CrnStore *self)
{
  if (self == NULL)
    return;
  if (self->db)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self);
}

guint
crn_store_get_schema_version (CrnStore *self)
{
  return read_user_version (self);
}

const char *
crn_store_get_path (CrnStore *self)
{
  return self->path;
}

/* Arrays of stored rows. */

static void
assignment_clear (gpointer p)
{
  CrnStoredAssignment *a = p;
  g_free (a->session);
  g_free (a->room);
}

static void
entry_clear (gpointer p)
{
  CrnStoredEntry *e = p;
  g_free (e->uid);
  g_free (e->session);
  g_free (e->room);
  g_free (e->title);
}

void
crn_stored_token_clear (CrnStoredToken *t)
{
  g_clear_pointer (&t->token, g_free);
  g_clear_pointer (&t->event_id, g_free);
  g_clear_pointer (&t->kind, g_free);
  g_clear_pointer (&t->target, g_free);
}

GArray *
crn_stored_assignments_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CrnStoredAssignment));
  g_array_set_clear_func (a, assignment_clear);
  return a;
}

GArray *
crn_stored_entries_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CrnStoredEntry));
  g_array_set_clear_func (a, entry_clear);
  return a;
}

GArray *
crn_stored_tokens_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CrnStoredToken));
  g_array_set_clear_func (a, (GDestroyNotify) crn_stored_token_clear);
  return a;
}

/* Events. */

static gboolean
event_exists (CrnStore *self, const char *event_id, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self, "SELECT 1 FROM events WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, event_id);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return fail (self, error, "read");
  g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "no event \"%s\" in the state database",
               event_id);
  return FALSE;
}

static gboolean
insert_files (CrnStore *self, const char *sql, const char *event_id, gint64 revision,
              const CrnEventFiles *files, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  g_auto (GStrv) names = crn_event_files_list (files, "");
  for (guint i = 0; names[i]; i++) {
    GBytes *bytes = crn_event_files_lookup (files, names[i]);
    gsize len = 0;
    const void *data = g_bytes_get_data (bytes, &len);
    int col = 1;
    sqlite3_reset (stmt);
    bind_text (stmt, col++, event_id);
    if (revision >= 0)
      sqlite3_bind_int64 (stmt, col++, revision);
    bind_text (stmt, col++, names[i]);
    sqlite3_bind_blob64 (stmt, col++, data ? data : "", len, SQLITE_TRANSIENT);
    if (!step_done (self, stmt, error))
      return FALSE;
  }
  return TRUE;
}

gboolean
crn_store_put_event (CrnStore *self, const char *event_id, const CrnEventFiles *files,
                     GError **error)
{
  if (!begin (self, error))
    return FALSE;
  {
    g_autoptr (CrnStmt) up = prepare (self,
        "INSERT INTO events (id, loaded_at) VALUES (?, ?) "
        "ON CONFLICT (id) DO UPDATE SET loaded_at = excluded.loaded_at", error);
    g_autoptr (CrnStmt) del = NULL;
    if (up == NULL)
      goto failed;
    bind_text (up, 1, event_id);
    sqlite3_bind_int64 (up, 2, g_get_real_time () / G_USEC_PER_SEC);
    if (!step_done (self, up, error))
      goto failed;
    del = prepare (self, "DELETE FROM event_files WHERE event_id = ?", error);
    if (del == NULL)
      goto failed;
    bind_text (del, 1, event_id);
    if (!step_done (self, del, error))
      goto failed;
    if (!insert_files (self, "INSERT INTO event_files (event_id, name, content) VALUES (?, ?, ?)",
                       event_id, -1, files, error))
      goto failed;
  }
  if (commit (self, error))
    return TRUE;
failed:
  rollback (self);
  return FALSE;
}

gboolean
crn_store_delete_event (CrnStore *self, const char *event_id, GError **error)
{
  if (!event_exists (self, event_id, error))
    return FALSE;
  g_autoptr (CrnStmt) stmt = prepare (self, "DELETE FROM events WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, event_id);
  return step_done (self, stmt, error);
}

char **
crn_store_list_events (CrnStore *self, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self, "SELECT id FROM events ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, column_text (stmt, 0));
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_steal (ids, NULL);
}

static CrnEventFiles *
read_files (CrnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (CrnEventFiles) files = crn_event_files_new ();
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    const char *name = (const char *) sqlite3_column_text (stmt, 0);
    g_autoptr (GBytes) bytes = g_bytes_new (sqlite3_column_blob (stmt, 1),
                                            sqlite3_column_bytes (stmt, 1));
    if (!crn_event_files_add (files, name, bytes, error))
      return NULL;
  }
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  return g_steal_pointer (&files);
}

CrnEventFiles *
crn_store_get_files (CrnStore *self, const char *event_id, GError **error)
{
  if (!event_exists (self, event_id, error))
    return NULL;
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT name, content FROM event_files WHERE event_id = ? ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  return read_files (self, stmt, error);
}

/* Timetable and pins share one row shape. */

static gboolean
insert_assignment (CrnStore *self, sqlite3_stmt *stmt, const char *event_id,
                   const CrnStoredAssignment *a, GError **error)
{
  sqlite3_reset (stmt);
  bind_text (stmt, 1, event_id);
  bind_text (stmt, 2, a->session);
  sqlite3_bind_int (stmt, 3, (int) a->occurrence);
  bind_text (stmt, 4, a->room);
  sqlite3_bind_int64 (stmt, 5, a->start);
  return step_done (self, stmt, error);
}

static GArray *
read_assignments (CrnStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GArray) out = crn_stored_assignments_new ();
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    CrnStoredAssignment a = {
      column_text (stmt, 0), (guint) sqlite3_column_int (stmt, 1), column_text (stmt, 2),
      sqlite3_column_int64 (stmt, 3),
    };
    g_array_append_val (out, a);
  }
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  return g_steal_pointer (&out);
}

/* The rows of the current timetable, inside the caller's transaction. */
static gboolean
replace_timetable (CrnStore *self, const char *event_id, GArray *assignments, guint hard,
                   guint64 soft, GError **error)
{
  g_autoptr (CrnStmt) del = prepare (self, "DELETE FROM assignments WHERE event_id = ?", error);
  if (del == NULL)
    return FALSE;
  bind_text (del, 1, event_id);
  if (!step_done (self, del, error))
    return FALSE;
  g_autoptr (CrnStmt) ins = prepare (self,
      "INSERT INTO assignments (event_id, session, occurrence, room, start) "
      "VALUES (?, ?, ?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < assignments->len; i++)
    if (!insert_assignment (self, ins, event_id,
                            &g_array_index (assignments, CrnStoredAssignment, i), error))
      return FALSE;
  g_autoptr (CrnStmt) score = prepare (self,
      "UPDATE events SET hard = ?, soft = ?, has_timetable = 1 WHERE id = ?", error);
  if (score == NULL)
    return FALSE;
  sqlite3_bind_int64 (score, 1, hard);
  sqlite3_bind_int64 (score, 2, (sqlite3_int64) soft);
  bind_text (score, 3, event_id);
  return step_done (self, score, error);
}

/* The pins, inside the caller's transaction. */
static gboolean
replace_pins (CrnStore *self, const char *event_id, GArray *pins, GError **error)
{
  g_autoptr (CrnStmt) del = prepare (self, "DELETE FROM pins WHERE event_id = ?", error);
  if (del == NULL)
    return FALSE;
  bind_text (del, 1, event_id);
  if (!step_done (self, del, error))
    return FALSE;
  g_autoptr (CrnStmt) ins = prepare (self,
      "INSERT INTO pins (event_id, session, occurrence, room, start) VALUES (?, ?, ?, ?, ?)",
      error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < pins->len; i++)
    if (!insert_assignment (self, ins, event_id, &g_array_index (pins, CrnStoredAssignment, i),
                            error))
      return FALSE;
  return TRUE;
}

gboolean
crn_store_put_timetable (CrnStore *self, const char *event_id, GArray *assignments, guint hard,
                         guint64 soft, GError **error)
{
  if (!event_exists (self, event_id, error) || !begin (self, error))
    return FALSE;
  if (replace_timetable (self, event_id, assignments, hard, soft, error) && commit (self, error))
    return TRUE;
  rollback (self);
  return FALSE;
}

GArray *
crn_store_get_timetable (CrnStore *self, const char *event_id, guint *out_hard, guint64 *out_soft,
                         GError **error)
{
  g_autoptr (CrnStmt) ev = prepare (self,
      "SELECT has_timetable, hard, soft FROM events WHERE id = ?", error);
  if (ev == NULL)
    return NULL;
  bind_text (ev, 1, event_id);
  int rc = sqlite3_step (ev);
  if (rc == SQLITE_DONE) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "no event \"%s\" in the state database",
                 event_id);
    return NULL;
  }
  if (rc != SQLITE_ROW) {
    fail (self, error, "read");
    return NULL;
  }
  if (sqlite3_column_int (ev, 0) == 0)
    return NULL;
  if (out_hard)
    *out_hard = (guint) sqlite3_column_int64 (ev, 1);
  if (out_soft)
    *out_soft = (guint64) sqlite3_column_int64 (ev, 2);
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT session, occurrence, room, start FROM assignments WHERE event_id = ? "
      "ORDER BY rowid", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  return read_assignments (self, stmt, error);
}

gboolean
crn_store_put_pin (CrnStore *self, const char *event_id, const CrnStoredAssignment *pin,
                   GError **error)
{
  if (!event_exists (self, event_id, error))
    return FALSE;
  g_autoptr (CrnStmt) stmt = prepare (self,
      "INSERT OR REPLACE INTO pins (event_id, session, occurrence, room, start) "
      "VALUES (?, ?, ?, ?, ?)", error);
  return stmt != NULL && insert_assignment (self, stmt, event_id, pin, error);
}

gboolean
crn_store_delete_pin (CrnStore *self, const char *event_id, const char *session,
                      guint occurrence, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "DELETE FROM pins WHERE event_id = ? AND session = ? AND occurrence = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, event_id);
  bind_text (stmt, 2, session);
  sqlite3_bind_int (stmt, 3, (int) occurrence);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "session %s of event %s is not pinned",
                 session, event_id);
    return FALSE;
  }
  return TRUE;
}

gboolean
crn_store_put_pins (CrnStore *self, const char *event_id, GArray *pins, GError **error)
{
  if (!event_exists (self, event_id, error) || !begin (self, error))
    return FALSE;
  if (replace_pins (self, event_id, pins, error) && commit (self, error))
    return TRUE;
  rollback (self);
  return FALSE;
}

gboolean
crn_store_put_pins_and_timetable (CrnStore *self, const char *event_id, GArray *pins,
                                  GArray *assignments, guint hard, guint64 soft, GError **error)
{
  if (!event_exists (self, event_id, error) || !begin (self, error))
    return FALSE;
  if (replace_pins (self, event_id, pins, error) &&
      replace_timetable (self, event_id, assignments, hard, soft, error) &&
      commit (self, error))
    return TRUE;
  rollback (self);
  return FALSE;
}

GArray *
crn_store_get_pins (CrnStore *self, const char *event_id, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT session, occurrence, room, start FROM pins WHERE event_id = ? "
      "ORDER BY session, occurrence", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  return read_assignments (self, stmt, error);
}

/* Revisions. */

guint
crn_store_get_latest_revision (CrnStore *self, const char *event_id, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT COALESCE(MAX(revision), 0) FROM revisions WHERE event_id = ?", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, event_id);
  if (sqlite3_step (stmt) != SQLITE_ROW) {
    fail (self, error, "read");
    return 0;
  }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

static gboolean
insert_entries (CrnStore *self, const char *event_id, guint revision, GArray *entries,
                GError **error)
{
  g_autoptr (CrnStmt) ins = prepare (self,
      "INSERT INTO revision_entries (event_id, revision, uid, session, occurrence, room, start, "
      "end, title, sequence, cancelled, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; entries && i < entries->len; i++) {
    const CrnStoredEntry *e = &g_array_index (entries, CrnStoredEntry, i);
    sqlite3_reset (ins);
    bind_text (ins, 1, event_id);
    sqlite3_bind_int64 (ins, 2, revision);
    bind_text (ins, 3, e->uid);
    bind_text (ins, 4, e->session);
    sqlite3_bind_int (ins, 5, (int) e->occurrence);
    bind_text (ins, 6, e->room);
    sqlite3_bind_int64 (ins, 7, e->start);
    sqlite3_bind_int64 (ins, 8, e->end);
    bind_text (ins, 9, e->title ? e->title : "");
    sqlite3_bind_int (ins, 10, (int) e->sequence);
    sqlite3_bind_int (ins, 11, e->cancelled ? 1 : 0);
    sqlite3_bind_int64 (ins, 12, e->last_modified);
    if (!step_done (self, ins, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
insert_slots (CrnStore *self, const char *event_id, guint revision, GArray *slots,
              GError **error)
{
  g_autoptr (CrnStmt) ins = prepare (self,
      "INSERT INTO revision_slots (event_id, revision, position, session, occurrence, room, "
      "start) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; slots && i < slots->len; i++) {
    const CrnStoredAssignment *a = &g_array_index (slots, CrnStoredAssignment, i);
    sqlite3_reset (ins);
    bind_text (ins, 1, event_id);
    sqlite3_bind_int64 (ins, 2, revision);
    sqlite3_bind_int64 (ins, 3, i);
    bind_text (ins, 4, a->session);
    sqlite3_bind_int (ins, 5, (int) a->occurrence);
    bind_text (ins, 6, a->room);
    sqlite3_bind_int64 (ins, 7, a->start);
    if (!step_done (self, ins, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
insert_changes (CrnStore *self, const char *event_id, guint revision, GArray *changes,
                GError **error)
{
  g_autoptr (CrnStmt) ins = prepare (self,
      "INSERT INTO revision_changes (event_id, revision, position, session, kind, sentence) "
      "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; changes && i < changes->len; i++) {
    const CrnStoredChangeRow *c = &g_array_index (changes, CrnStoredChangeRow, i);
    sqlite3_reset (ins);
    bind_text (ins, 1, event_id);
    sqlite3_bind_int64 (ins, 2, revision);
    sqlite3_bind_int64 (ins, 3, i);
    bind_text (ins, 4, c->session ? c->session : "");
    bind_text (ins, 5, c->kind ? c->kind : "");
    bind_text (ins, 6, c->sentence ? c->sentence : "");
    if (!step_done (self, ins, error))
      return FALSE;
  }
  return TRUE;
}

gboolean
crn_store_add_revision_record (CrnStore *self, const char *event_id,
                               const CrnStoredRevisionRecord *rec, GError **error)
{
  if (!event_exists (self, event_id, error))
    return FALSE;
  if (!begin (self, error))
    return FALSE;
  {
    g_autoptr (GError) local = NULL;
    guint latest = crn_store_get_latest_revision (self, event_id, &local);
    g_autoptr (CrnStmt) rev = NULL;
    if (local != NULL) {
      g_propagate_error (error, g_steal_pointer (&local));
      goto failed;
    }
    if (rec->revision != latest + 1) {
      g_set_error (error, CRN_ERROR, CRN_ERROR_INVALID_INPUT,
                   "revision %u of event %s cannot follow revision %u", rec->revision, event_id,
                   latest);
      goto failed;
    }
    /* Without the schema-2 parts, only schema-1 statements are run: the
     * schema-1 write path stays what it was (the migration test uses it). */
    rev = prepare (self, rec->publication != NULL
                           ? "INSERT INTO revisions (event_id, revision, published_at, "
                             "publication) VALUES (?, ?, ?, ?)"
                           : "INSERT INTO revisions (event_id, revision, published_at) "
                             "VALUES (?, ?, ?)", error);
    if (rev == NULL)
      goto failed;
    bind_text (rev, 1, event_id);
    sqlite3_bind_int64 (rev, 2, rec->revision);
    sqlite3_bind_int64 (rev, 3, rec->published_at);
    if (rec->publication != NULL) {
      gsize len = 0;
      const void *data = g_bytes_get_data (rec->publication, &len);
      sqlite3_bind_blob64 (rev, 4, data ? data : "", len, SQLITE_TRANSIENT);
    }
    if (!step_done (self, rev, error))
      goto failed;
    if (rec->files != NULL &&
        !insert_files (self, "INSERT INTO revision_files (event_id, revision, name, content) "
                             "VALUES (?, ?, ?, ?)", event_id, rec->revision, rec->files, error))
      goto failed;
    if (!insert_entries (self, event_id, rec->revision, rec->entries, error) ||
        (rec->slots != NULL && !insert_slots (self, event_id, rec->revision, rec->slots, error)) ||
        (rec->changes != NULL &&
         !insert_changes (self, event_id, rec->revision, rec->changes, error)))
      goto failed;
  }
  if (commit (self, error))
    return TRUE;
failed:
  rollback (self);
  return FALSE;
}

gboolean
crn_store_add_revision (CrnStore *self, const char *event_id, guint revision, gint64 published_at,
                        const CrnEventFiles *files, GArray *entries, GError **error)
{
  const CrnStoredRevisionRecord rec = {
    .revision = revision, .published_at = published_at, .files = files, .entries = entries,
  };
  return crn_store_add_revision_record (self, event_id, &rec, error);
}

GArray *
crn_store_get_revision_slots (CrnStore *self, const char *event_id, guint revision,
                              GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT session, occurrence, room, start FROM revision_slots "
      "WHERE event_id = ? AND revision = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  return read_assignments (self, stmt, error);
}

gboolean
crn_store_get_revision_publication (CrnStore *self, const char *event_id, guint revision,
                                    GBytes **out, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT publication FROM revisions WHERE event_id = ? AND revision = ?", error);
  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "event %s has no revision %u", event_id,
                 revision);
    return FALSE;
  }
  if (rc != SQLITE_ROW)
    return fail (self, error, "read");
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *out = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  return TRUE;
}

static void
change_row_clear (gpointer p)
{
  CrnStoredChangeRow *c = p;
  g_free (c->session);
  g_free (c->kind);
  g_free (c->sentence);
}

GArray *
crn_stored_change_rows_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CrnStoredChangeRow));
  g_array_set_clear_func (a, change_row_clear);
  return a;
}

GArray *
crn_store_get_revision_changes (CrnStore *self, const char *event_id, guint revision,
                                GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT session, kind, sentence FROM revision_changes "
      "WHERE event_id = ? AND revision = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  g_autoptr (GArray) out = crn_stored_change_rows_new ();
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    CrnStoredChangeRow c = { column_text (stmt, 0), column_text (stmt, 1), column_text (stmt, 2) };
    g_array_append_val (out, c);
  }
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  return g_steal_pointer (&out);
}

GArray *
crn_store_list_revisions (CrnStore *self, const char *event_id, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT revision, published_at FROM revisions WHERE event_id = ? ORDER BY revision", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (CrnStoredRevision));
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    CrnStoredRevision r = { (guint) sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
    g_array_append_val (out, r);
  }
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  return g_steal_pointer (&out);
}

GArray *
crn_store_get_revision_entries (CrnStore *self, const char *event_id, guint revision,
                                GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT uid, session, occurrence, room, start, end, title, sequence, cancelled, "
      "last_modified FROM revision_entries WHERE event_id = ? AND revision = ? ORDER BY rowid",
      error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  g_autoptr (GArray) out = crn_stored_entries_new ();
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    CrnStoredEntry e = {
      column_text (stmt, 0), column_text (stmt, 1), (guint) sqlite3_column_int (stmt, 2),
      column_text (stmt, 3), sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
      column_text (stmt, 6), (guint) sqlite3_column_int (stmt, 7),
      sqlite3_column_int (stmt, 8) != 0, sqlite3_column_int64 (stmt, 9),
    };
    g_array_append_val (out, e);
  }
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  return g_steal_pointer (&out);
}

CrnEventFiles *
crn_store_get_revision_files (CrnStore *self, const char *event_id, guint revision,
                              GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT name, content FROM revision_files WHERE event_id = ? AND revision = ? ORDER BY name",
      error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, revision);
  g_autoptr (CrnEventFiles) files = read_files (self, stmt, error);
  if (files != NULL && crn_event_files_get_n (files) == 0) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "event %s has no revision %u", event_id,
                 revision);
    return NULL;
  }
  return g_steal_pointer (&files);
}

/* Feed tokens. */

static char *
new_token (void)
{
  /* 128 bits from the kernel's CSPRNG, as URL-safe hex. */
  guint8 raw[16];
  GString *s = g_string_sized_new (33);
  g_autoptr (GRand) fallback = NULL;
  FILE *f = fopen ("/dev/urandom", "rb");
  gboolean ok = f != NULL && fread (raw, 1, sizeof raw, f) == sizeof raw;
  if (f)
    fclose (f);
  if (!ok) {
    fallback = g_rand_new ();
    for (guint i = 0; i < sizeof raw; i++)
      raw[i] = (guint8) g_rand_int_range (fallback, 0, 256);
  }
  for (guint i = 0; i < sizeof raw; i++)
    g_string_append_printf (s, "%02x", raw[i]);
  return g_string_free (s, FALSE);
}

char *
crn_store_ensure_token (CrnStore *self, const char *event_id, const char *kind, const char *target,
                        GError **error)
{
  if (!event_exists (self, event_id, error))
    return NULL;
  {
    g_autoptr (CrnStmt) find = prepare (self,
        "SELECT token FROM feed_tokens WHERE event_id = ? AND kind = ? AND target = ? "
        "AND revoked = 0", error);
    if (find == NULL)
      return NULL;
    bind_text (find, 1, event_id);
    bind_text (find, 2, kind);
    bind_text (find, 3, target);
    if (sqlite3_step (find) == SQLITE_ROW)
      return column_text (find, 0);
  }
  g_autofree char *token = new_token ();
  g_autoptr (CrnStmt) ins = prepare (self,
      "INSERT INTO feed_tokens (token, event_id, kind, target, created_at) VALUES (?, ?, ?, ?, ?)",
      error);
  if (ins == NULL)
    return NULL;
  bind_text (ins, 1, token);
  bind_text (ins, 2, event_id);
  bind_text (ins, 3, kind);
  bind_text (ins, 4, target);
  sqlite3_bind_int64 (ins, 5, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, ins, error))
    return NULL;
  return g_steal_pointer (&token);
}

gboolean
crn_store_revoke_token (CrnStore *self, const char *token, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "UPDATE feed_tokens SET revoked = 1 WHERE token = ? AND revoked = 0", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0) {
    g_set_error (error, CRN_ERROR, CRN_ERROR_NOT_FOUND, "no active feed token \"%s\"", token);
    return FALSE;
  }
  return TRUE;
}

static void
read_token_row (sqlite3_stmt *stmt, CrnStoredToken *out)
{
  out->token = column_text (stmt, 0);
  out->event_id = column_text (stmt, 1);
  out->kind = column_text (stmt, 2);
  out->target = column_text (stmt, 3);
  out->revoked = sqlite3_column_int (stmt, 4) != 0;
}

gboolean
crn_store_lookup_token (CrnStore *self, const char *token, CrnStoredToken *out, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT token, event_id, kind, target, revoked FROM feed_tokens "
      "WHERE token = ? AND revoked = 0", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, token);
  int rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW) {
    read_token_row (stmt, out);
    return TRUE;
  }
  if (rc != SQLITE_DONE)
    fail (self, error, "read");
  return FALSE;
}

GArray *
crn_store_list_tokens (CrnStore *self, const char *event_id, GError **error)
{
  g_autoptr (CrnStmt) stmt = prepare (self,
      "SELECT token, event_id, kind, target, revoked FROM feed_tokens WHERE event_id = ? "
      "ORDER BY kind, target, created_at", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, event_id);
  g_autoptr (GArray) out = crn_stored_tokens_new ();
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    CrnStoredToken t = { 0 };
    read_token_row (stmt, &t);
    g_array_append_val (out, t);
  }
  if (rc != SQLITE_DONE) {
    fail (self, error, "read");
    return NULL;
  }
  return g_steal_pointer (&out);
}
