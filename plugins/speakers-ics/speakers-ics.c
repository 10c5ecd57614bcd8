/* creneau speakers-ics — speakers from a keyfile, busy time from their
 * iCalendar files (local, or fetched by the host from Calendar=).
 *
 * [Plugin speakers-ics]
 * People=speakers.conf     [Person ID] Name, Email, Organisation, Unavailable,
 *                          Preferred, MaxPerDay, Calendar
 * Calendars=speakers/      speakers/ID.ics: busy time of person ID
 */
#include <creneau/creneau.h>
#include <string.h>

#include "ics-busy.h"

#define PLUGIN_NAME "speakers-ics"
#define PLUGIN_GROUP "Plugin " PLUGIN_NAME
#define PERSON_PREFIX "Person "

static const char *const plugin_keys[] = { "People", "Calendars", NULL };
static const char *const person_keys[] = {
  "Name", "Email", "Organisation", "Unavailable", "Preferred", "MaxPerDay", "Calendar", NULL,
};

typedef struct {
  CrnPluginContext *ctx;
  CrnEvent *event;
  CrnKeyFile *kf;
  const char *people_file;
  GPtrArray *ids;            /* person ids of People=, in file order */
  GHashTable *calendar_urls; /* person id → URL (borrowed from people_file) */
  GHashTable *url_groups;    /* person id → group name */
  gboolean ok;
} Load;

static void
people_error (Load *l, const char *group, const char *key, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static void
people_error (Load *l, const char *group, const char *key, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *msg = g_strdup_vprintf (format, args);
  va_end (args);
  crn_plugin_context_error (l->ctx, l->people_file, crn_key_file_get_line (l->kf, group, key),
                            group, key, "%s", msg);
  l->ok = FALSE;
}

typedef void (*IntervalFunc) (CrnPerson *person, CrnTime start, CrnTime end, const char *source);

static void
add_preferred (CrnPerson *person, CrnTime start, CrnTime end, const char *source)
{
  crn_person_add_preferred (person, start, end);
}

static void
read_intervals (Load *l, CrnPerson *person, const char *group, const char *key, IntervalFunc add)
{
  GKeyFile *kf = crn_key_file_get_keyfile (l->kf);
  if (!g_key_file_has_key (kf, group, key, NULL))
    return;
  g_auto (GStrv) items = g_key_file_get_string_list (kf, group, key, NULL, NULL);
  for (guint i = 0; items && items[i]; i++) {
    g_strstrip (items[i]);
    if (items[i][0] == '\0')
      continue;
    CrnTime start, end;
    if (!crn_time_parse_interval (items[i], &start, &end)) {
      people_error (l, group, key,
                    "\"%s\" is not an interval (YYYY-MM-DD HH:MM-HH:MM or YYYY-MM-DD)", items[i]);
      continue;
    }
    add (person, start, end, l->people_file);
  }
}

/* Remote calendars only over https, or plain http to this machine (a local
 * CalDAV server, the tests). Never a path: the host fetches, the plugin
 * does not open files. */
static gboolean
is_calendar_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  return g_ascii_strcasecmp (scheme, "http") == 0 &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
          g_ascii_strcasecmp (host, "localhost") == 0);
}

static void
read_person (Load *l, const char *group)
{
  GKeyFile *kf = crn_key_file_get_keyfile (l->kf);
  const char *id = group + strlen (PERSON_PREFIX);
  g_autoptr (GError) error = NULL;
  CrnPerson *person = crn_event_add_person (l->event, id, &error);
  if (person == NULL) {
    people_error (l, group, NULL, "%s", error->message);
    return;
  }
  g_ptr_array_add (l->ids, g_strdup (id));

  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    if (!g_strv_contains (person_keys, keys[i]))
      crn_plugin_context_warning (l->ctx, l->people_file,
                                  crn_key_file_get_line (l->kf, group, keys[i]), group, keys[i],
                                  "unknown key, ignored (known: Name, Email, Organisation, "
                                  "Unavailable, Preferred, MaxPerDay, Calendar)");

  g_autofree char *name = g_key_file_get_string (kf, group, "Name", NULL);
  g_autofree char *email = g_key_file_get_string (kf, group, "Email", NULL);
  g_autofree char *org = g_key_file_get_string (kf, group, "Organisation", NULL);
  if (name != NULL && *g_strstrip (name) != '\0')
    crn_person_set_name (person, name);
  if (email != NULL && *g_strstrip (email) != '\0')
    crn_person_set_email (person, email);
  if (org != NULL && *g_strstrip (org) != '\0')
    crn_person_set_organisation (person, org);

  read_intervals (l, person, group, "Unavailable", crn_person_add_unavailable);
  read_intervals (l, person, group, "Preferred", add_preferred);

  g_autofree char *max = g_key_file_get_string (kf, group, "MaxPerDay", NULL);
  if (max != NULL) {
    guint64 n;
    if (!g_ascii_string_to_unsigned (g_strstrip (max), 10, 0, 1000, &n, NULL))
      people_error (l, group, "MaxPerDay", "\"%s\" is not a number of sessions (0 to 1000)", max);
    else
      crn_person_set_max_per_day (person, (guint) n);
  }

  char *url = g_key_file_get_string (kf, group, "Calendar", NULL);
  if (url != NULL && *g_strstrip (url) != '\0') {
    if (!is_calendar_url (url)) {
      people_error (l, group, "Calendar",
                    "\"%s\" is not an https:// URL (remote calendars only; local ones go in "
                    "the Calendars folder)", url);
      g_free (url);
    } else {
      g_hash_table_insert (l->calendar_urls, g_strdup (id), url);
      g_hash_table_insert (l->url_groups, g_strdup (id), g_strdup (group));
    }
  } else {
    g_free (url);
  }
}

static gboolean
read_people (Load *l)
{
  g_autofree char *file = crn_plugin_context_get_string (l->ctx, "People");
  if (file == NULL || *g_strstrip (file) == '\0') {
    crn_plugin_context_error (l->ctx, "event.conf", crn_plugin_context_get_line (l->ctx, NULL),
                              PLUGIN_GROUP, "People",
                              "the key is missing: name the people file (People=speakers.conf)");
    return FALSE;
  }
  g_autoptr (GBytes) bytes = crn_plugin_context_get_file (l->ctx, file);
  if (bytes == NULL) {
    crn_plugin_context_error (l->ctx, "event.conf", crn_plugin_context_get_line (l->ctx, "People"),
                              PLUGIN_GROUP, "People", "no file \"%s\" in the event directory",
                              file);
    return FALSE;
  }
  l->kf = crn_key_file_new_from_bytes (bytes, file, PLUGIN_NAME,
                                       crn_plugin_context_get_diagnostics (l->ctx));
  if (l->kf == NULL)
    return FALSE;
  l->people_file = crn_key_file_get_file (l->kf);

  g_auto (GStrv) groups = g_key_file_get_groups (crn_key_file_get_keyfile (l->kf), NULL);
  for (guint i = 0; groups[i]; i++) {
    if (g_str_has_prefix (groups[i], PERSON_PREFIX))
      read_person (l, groups[i]);
    else
      crn_plugin_context_warning (l->ctx, l->people_file,
                                  crn_key_file_get_line (l->kf, groups[i], NULL), groups[i], NULL,
                                  "unknown group, ignored (people are [Person ID])");
  }
  return TRUE;
}

/* Adds the busy time of one calendar to @person; FALSE after an error. */
static gboolean
add_busy (Load *l, CrnPerson *person, GBytes *bytes, const char *source, GError **error)
{
  CrnTime span_start, span_end;
  crn_event_get_span (l->event, &span_start, &span_end);
  g_autoptr (GArray) busy = crn_ics_busy_read (bytes, crn_event_get_timezone (l->event),
                                               span_start, span_end, error);
  if (busy == NULL)
    return FALSE;
  for (guint i = 0; i < busy->len; i++) {
    const CrnIcsBusy *b = &g_array_index (busy, CrnIcsBusy, i);
    if (b->kind == CRN_ICS_TENTATIVE)
      crn_person_add_discouraged (person, b->start, b->end, source);
    else
      crn_person_add_unavailable (person, b->start, b->end, source);
  }
  return TRUE;
}

static void
read_local_calendar (Load *l, CrnPerson *person, const char *name)
{
  g_autoptr (GBytes) bytes = crn_plugin_context_get_file (l->ctx, name);
  g_autoptr (GError) error = NULL;
  if (!add_busy (l, person, bytes, name, &error)) {
    crn_plugin_context_error (l->ctx, name, 0, NULL, NULL, "%s", error->message);
    l->ok = FALSE;
  }
}

/* person id → file name, for the .ics files of the Calendars folder. */
static GHashTable *
list_calendars (Load *l)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *folder = crn_plugin_context_get_string (l->ctx, "Calendars");
  if (folder == NULL || *g_strstrip (folder) == '\0')
    return files;
  const char *rel = folder;
  while (g_str_has_prefix (rel, "./"))
    rel += 2;
  g_autofree char *prefix = g_str_has_suffix (rel, "/") ? g_strdup (rel)
                                                        : g_strconcat (rel, "/", NULL);
  g_auto (GStrv) names = crn_plugin_context_list_files (l->ctx, prefix);
  if (names == NULL || names[0] == NULL) {
    crn_plugin_context_warning (l->ctx, "event.conf",
                                crn_plugin_context_get_line (l->ctx, "Calendars"), PLUGIN_GROUP,
                                "Calendars", "no file in the folder \"%s\"", prefix);
    return files;
  }
  for (guint i = 0; names[i]; i++) {
    const char *base = names[i] + strlen (prefix);
    if (strchr (base, '/') != NULL || !g_str_has_suffix (base, ".ics")) {
      crn_plugin_context_warning (l->ctx, names[i], 0, NULL, NULL,
                                  "ignored: calendars are %s<person-id>.ics", prefix);
      continue;
    }
    g_autofree char *id = g_strndup (base, strlen (base) - strlen (".ics"));
    if (crn_event_lookup_person (l->event, id) == NULL) {
      crn_plugin_context_error (l->ctx, names[i], 0, NULL, NULL,
                                "no person \"%s\" in %s (calendar files are named "
                                "<person-id>.ics)", id, l->people_file);
      l->ok = FALSE;
      continue;
    }
    g_hash_table_insert (files, g_steal_pointer (&id), g_strdup (names[i]));
  }
  return files;
}

/* A person with Calendar= gets the remote calendar; the local file, when
 * there is one, stands in (with a warning) when fetching or reading the
 * remote one fails, e.g. in offline tools that have no fetcher. */
static void
read_remote_calendar (Load *l, CrnPerson *person, const char *id, const char *url,
                      const char *local)
{
  const char *group = g_hash_table_lookup (l->url_groups, id);
  int line = crn_key_file_get_line (l->kf, group, "Calendar");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = crn_plugin_context_fetch (l->ctx, url, &error);
  if (bytes != NULL && add_busy (l, person, bytes, url, &error))
    return;
  if (strstr (error->message, url) == NULL)
    g_prefix_error (&error, "%s: ", url);
  if (local != NULL) {
    crn_plugin_context_warning (l->ctx, l->people_file, line, group, "Calendar",
                                "%s; using %s instead", error->message, local);
    read_local_calendar (l, person, local);
    return;
  }
  crn_plugin_context_error (l->ctx, l->people_file, line, group, "Calendar", "%s",
                            error->message);
  l->ok = FALSE;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
read_calendars (Load *l)
{
  g_autoptr (GHashTable) files = list_calendars (l);
  /* People of People= in file order, so diagnostics come in that order. */
  for (guint i = 0; i < l->ids->len; i++) {
    const char *id = g_ptr_array_index (l->ids, i);
    CrnPerson *person = crn_event_lookup_person (l->event, id);
    const char *url = g_hash_table_lookup (l->calendar_urls, id);
    const char *local = g_hash_table_lookup (files, id);
    if (url != NULL)
      read_remote_calendar (l, person, id, url, local);
    else if (local != NULL)
      read_local_calendar (l, person, local);
    g_hash_table_remove (files, id);
  }
  /* Calendars of people another plugin added. */
  g_autofree gpointer *rest = g_hash_table_get_keys_as_array (files, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; rest[i]; i++)
    g_ptr_array_add (names, g_hash_table_lookup (files, rest[i]));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++) {
    const char *name = g_ptr_array_index (names, i);
    g_autofree char *base = g_path_get_basename (name);
    base[strlen (base) - strlen (".ics")] = '\0';
    read_local_calendar (l, crn_event_lookup_person (l->event, base), name);
  }
}

static gboolean
speakers_ics_load_event (CrnPluginContext *ctx)
{
  Load l = {
    .ctx = ctx,
    .event = crn_plugin_context_get_event (ctx),
    .ids = g_ptr_array_new_with_free_func (g_free),
    .calendar_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .url_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    .ok = TRUE,
  };
  g_auto (GStrv) keys = crn_plugin_context_get_keys (ctx);
  for (guint i = 0; keys[i]; i++)
    if (!g_strv_contains (plugin_keys, keys[i]))
      crn_plugin_context_warning (ctx, "event.conf", crn_plugin_context_get_line (ctx, keys[i]),
                                  PLUGIN_GROUP, keys[i],
                                  "unknown key, ignored (known: People, Calendars)");
  if (read_people (&l))
    read_calendars (&l);
  else
    l.ok = FALSE;
  g_ptr_array_unref (l.ids);
  g_hash_table_unref (l.calendar_urls);
  g_hash_table_unref (l.url_groups);
  if (l.kf != NULL)
    crn_key_file_free (l.kf);
  return l.ok;
}

CRN_PLUGIN_DEFINE (PLUGIN_NAME, "1.0",
                   "Speakers from a keyfile, busy time from their iCalendar files or URLs",
                   speakers_ics_load_event)
