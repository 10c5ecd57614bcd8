/* rooms-keyfile — rooms from a keyfile named by the plugin group's File=.
 *
 *   [Room amphi]
 *   Name=Amphithéâtre
 *   Capacity=500
 *   Tags=plenary;stage
 *   Site=pajol
 *   Unavailable=2018-11-26 08:00-10:00
 */
#include <creneau/creneau.h>
#include <string.h>

#define PLUGIN_NAME "rooms-keyfile"

static const char *const room_keys[] = { "Name", "Capacity", "Tags", "Site", "Unavailable" };

typedef struct {
  CrnPluginContext *ctx;
  CrnKeyFile *kf;
  const char *file;
  const char *group;
} Reader;

static int
line_of (Reader *r, const char *key)
{
  return crn_key_file_get_line (r->kf, r->group, key);
}

static void
warn_unknown_keys (Reader *r)
{
  crn_key_file_warn_unknown_keys (r->kf, r->group, room_keys, G_N_ELEMENTS (room_keys),
                                  crn_plugin_context_get_name (r->ctx),
                                  crn_plugin_context_get_diagnostics (r->ctx));
}

static gboolean
read_capacity (Reader *r, CrnRoom *room)
{
  GKeyFile *k = crn_key_file_get_keyfile (r->kf);
  g_autofree char *text = g_key_file_get_string (k, r->group, "Capacity", NULL);
  if (text == NULL) {
    crn_plugin_context_error (r->ctx, r->file, line_of (r, NULL), r->group, "Capacity",
                              "the key is required (the number of seats)");
    return FALSE;
  }
  g_strstrip (text);
  guint64 value = 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, NULL)) {
    crn_plugin_context_error (r->ctx, r->file, line_of (r, "Capacity"), r->group, "Capacity",
                              "\"%s\" is not a whole number of seats of at least 1", text);
    return FALSE;
  }
  crn_room_set_capacity (room, (guint) value);
  return TRUE;
}

static gboolean
read_tags (Reader *r, CrnRoom *room)
{
  g_auto (GStrv) tags = g_key_file_get_string_list (crn_key_file_get_keyfile (r->kf), r->group,
                                                    "Tags", NULL, NULL);
  gboolean ok = TRUE;
  for (guint i = 0; tags && tags[i]; i++) {
    g_strstrip (tags[i]);
    if (*tags[i] == '\0')
      continue;
    if (!crn_id_is_valid (tags[i])) {
      crn_plugin_context_error (r->ctx, r->file, line_of (r, "Tags"), r->group, "Tags",
                                "\"%s\" is not a valid tag (use a-z, 0-9 and '-')", tags[i]);
      ok = FALSE;
      continue;
    }
    crn_room_add_tag (room, tags[i]);
  }
  return ok;
}

static gboolean
read_unavailable (Reader *r, CrnRoom *room)
{
  g_auto (GStrv) items = g_key_file_get_string_list (crn_key_file_get_keyfile (r->kf), r->group,
                                                     "Unavailable", NULL, NULL);
  gboolean ok = TRUE;
  for (guint i = 0; items && items[i]; i++) {
    CrnTime start, end;
    g_strstrip (items[i]);
    if (*items[i] == '\0')
      continue;
    if (!crn_time_parse_interval (items[i], &start, &end)) {
      crn_plugin_context_error (r->ctx, r->file, line_of (r, "Unavailable"), r->group,
                                "Unavailable",
                                "\"%s\" is not an interval (write YYYY-MM-DD HH:MM-HH:MM or "
                                "YYYY-MM-DD)", items[i]);
      ok = FALSE;
      continue;
    }
    crn_room_add_unavailable (room, start, end, r->file);
  }
  return ok;
}

static gboolean
read_room (Reader *r, CrnEvent *event, const char *id)
{
  GKeyFile *k = crn_key_file_get_keyfile (r->kf);
  g_autoptr (GError) error = NULL;
  CrnRoom *room = crn_event_add_room (event, id, &error);
  if (room == NULL) {
    crn_plugin_context_error (r->ctx, r->file, line_of (r, NULL), r->group, NULL, "%s",
                              error->message);
    return FALSE;
  }
  warn_unknown_keys (r);
  g_autofree char *name = g_key_file_get_string (k, r->group, "Name", NULL);
  if (name)
    crn_room_set_name (room, g_strstrip (name));
  g_autofree char *site = g_key_file_get_string (k, r->group, "Site", NULL);
  if (site && *g_strstrip (site))
    crn_room_set_site (room, site);
  gboolean ok = read_capacity (r, room);
  ok = read_tags (r, room) && ok;
  ok = read_unavailable (r, room) && ok;
  return ok;
}

static gboolean
rooms_load_event (CrnPluginContext *ctx)
{
  CrnEvent *event = crn_plugin_context_get_event (ctx);
  CrnDiagnostics *diags = crn_plugin_context_get_diagnostics (ctx);
  guint errors_before = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
  g_autoptr (CrnKeyFile) kf = crn_plugin_context_open_key_file (ctx, "File", "the rooms file");
  if (kf == NULL)
    return FALSE;

  Reader r = { ctx, kf, crn_key_file_get_file (kf), NULL };
  gboolean ok = TRUE;
  guint n_rooms = 0;
  g_auto (GStrv) groups = g_key_file_get_groups (crn_key_file_get_keyfile (kf), NULL);
  for (guint i = 0; groups[i]; i++) {
    r.group = groups[i];
    if (!g_str_has_prefix (groups[i], "Room ")) {
      crn_plugin_context_warning (ctx, r.file, line_of (&r, NULL), groups[i], NULL,
                                  "unknown group (rooms are written [Room ID])");
      continue;
    }
    n_rooms++;
    ok = read_room (&r, event, groups[i] + strlen ("Room ")) && ok;
  }
  if (n_rooms == 0)
    crn_plugin_context_warning (ctx, r.file, 0, NULL, NULL, "the file defines no [Room ID]");
  return ok && crn_diagnostics_count (diags, CRN_SEVERITY_ERROR) == errors_before;
}

CRN_PLUGIN_DEFINE (PLUGIN_NAME, "1.0",
                   "Rooms from a keyfile: name, capacity, tags, site, unavailability",
                   rooms_load_event)
