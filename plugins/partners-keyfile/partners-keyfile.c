/* partners-keyfile — partner organisations from a keyfile named by the
 * plugin group's File=.
 *
 *   [Partner cget]
 *   Name=Commissariat général à l'égalité des territoires
 *   Available=2018-06-27;2018-06-28        # only these windows
 *   Unavailable=2018-06-27 09:00-11:00
 *   Preferred=2018-06-28
 */
#include <creneau/creneau.h>
#include <string.h>

#define PLUGIN_NAME "partners-keyfile"

static const char *const partner_keys[] = { "Name", "Available", "Unavailable", "Preferred" };

typedef enum { AVAILABLE, UNAVAILABLE, PREFERRED } IntervalKind;

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
  crn_key_file_warn_unknown_keys (r->kf, r->group, partner_keys, G_N_ELEMENTS (partner_keys),
                                  crn_plugin_context_get_name (r->ctx),
                                  crn_plugin_context_get_diagnostics (r->ctx));
}

/* Adds the intervals of @key to @partner and to @seen. */
static gboolean
read_intervals (Reader *r, CrnPartner *partner, const char *key, IntervalKind kind,
                CrnIntervalSet *seen)
{
  g_auto (GStrv) items = g_key_file_get_string_list (crn_key_file_get_keyfile (r->kf), r->group,
                                                     key, NULL, NULL);
  gboolean ok = TRUE;
  for (guint i = 0; items && items[i]; i++) {
    CrnTime start, end;
    g_strstrip (items[i]);
    if (*items[i] == '\0')
      continue;
    if (!crn_time_parse_interval (items[i], &start, &end)) {
      crn_plugin_context_error (r->ctx, r->file, line_of (r, key), r->group, key,
                                "\"%s\" is not an interval (write YYYY-MM-DD HH:MM-HH:MM or "
                                "YYYY-MM-DD)", items[i]);
      ok = FALSE;
      continue;
    }
    crn_interval_set_add (seen, start, end);
    switch (kind) {
    case AVAILABLE:
      crn_partner_add_available (partner, start, end);
      break;
    case UNAVAILABLE:
      crn_partner_add_unavailable (partner, start, end, r->file);
      break;
    case PREFERRED:
      crn_partner_add_preferred (partner, start, end);
      break;
    }
  }
  return ok;
}

/* An Available= list that misses every day of the event is almost always a
 * wrong year or month; say so rather than let the solver find no slot. */
static void
check_available_overlaps_event (Reader *r, CrnEvent *event, const CrnIntervalSet *available)
{
  CrnTime span_start, span_end;
  crn_event_get_span (event, &span_start, &span_end);
  if (crn_interval_set_is_empty (available) || span_end <= span_start)
    return;
  if (!crn_interval_set_overlaps (available, span_start, span_end))
    crn_plugin_context_warning (r->ctx, r->file, line_of (r, "Available"), r->group, "Available",
                                "no window falls on a day of the event, so no session with "
                                "this partner can be placed");
}

static gboolean
read_partner (Reader *r, CrnEvent *event, const char *id)
{
  GKeyFile *k = crn_key_file_get_keyfile (r->kf);
  g_autoptr (GError) error = NULL;
  CrnPartner *partner = crn_event_add_partner (event, id, &error);
  if (partner == NULL) {
    crn_plugin_context_error (r->ctx, r->file, line_of (r, NULL), r->group, NULL, "%s",
                              error->message);
    return FALSE;
  }
  warn_unknown_keys (r);
  g_autofree char *name = g_key_file_get_string (k, r->group, "Name", NULL);
  if (name)
    crn_partner_set_name (partner, g_strstrip (name));
  g_autoptr (CrnIntervalSet) available = crn_interval_set_new ();
  g_autoptr (CrnIntervalSet) other = crn_interval_set_new ();
  gboolean ok = read_intervals (r, partner, "Available", AVAILABLE, available);
  ok = read_intervals (r, partner, "Unavailable", UNAVAILABLE, other) && ok;
  ok = read_intervals (r, partner, "Preferred", PREFERRED, other) && ok;
  check_available_overlaps_event (r, event, available);
  return ok;
}

static gboolean
partners_load_event (CrnPluginContext *ctx)
{
  CrnEvent *event = crn_plugin_context_get_event (ctx);
  CrnDiagnostics *diags = crn_plugin_context_get_diagnostics (ctx);
  guint errors_before = crn_diagnostics_count (diags, CRN_SEVERITY_ERROR);
  g_autoptr (CrnKeyFile) kf = crn_plugin_context_open_key_file (ctx, "File", "the partners file");
  if (kf == NULL)
    return FALSE;

  Reader r = { ctx, kf, crn_key_file_get_file (kf), NULL };
  gboolean ok = TRUE;
  g_auto (GStrv) groups = g_key_file_get_groups (crn_key_file_get_keyfile (kf), NULL);
  for (guint i = 0; groups[i]; i++) {
    r.group = groups[i];
    if (!g_str_has_prefix (groups[i], "Partner ")) {
      crn_plugin_context_warning (ctx, r.file, line_of (&r, NULL), groups[i], NULL,
                                  "unknown group (partners are written [Partner ID])");
      continue;
    }
    ok = read_partner (&r, event, groups[i] + strlen ("Partner ")) && ok;
  }
  return ok && crn_diagnostics_count (diags, CRN_SEVERITY_ERROR) == errors_before;
}

CRN_PLUGIN_DEFINE (PLUGIN_NAME, "1.0",
                   "Partner organisations from a keyfile: when each can come, or would rather",
                   partners_load_event)
