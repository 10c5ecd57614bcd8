/* creneau tests — writes the calendars that independent clients read.
 *
 *   crn-ical-dump OUTDIR [EVENTDIR]
 *
 * Writes a set of .ics files built from hand-made timetables (several zones,
 * daylight-saving changes, a year boundary, hostile text, two revisions) and
 * expected.json: for every file, every VEVENT's UID, UTC start and end, the
 * wall-clock start in the event's zone and in America/New_York, SUMMARY,
 * STATUS and SEQUENCE, computed from the timetables with GLib's zone data,
 * not from the calendar. With EVENTDIR, the event is also read (with the
 * plugins of the build tree), solved, and written whole and per person,
 * room and partner.
 */
#include "config.h"

#include "example.h"
#include "fixture.h"
#include "ical/revision.h"
#include "ical/text.h"
#include "ical/writer.h"

#include <stdlib.h>
#include <string.h>

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++) {
    guchar c = (guchar) *p;
    if (c == '"' || c == '\\')
      g_string_append_printf (out, "\\%c", c);
    else if (c < 0x20)
      g_string_append_printf (out, "\\u%04x", c);
    else
      g_string_append_c (out, (char) c);
  }
  g_string_append_c (out, '"');
}

static char *
local_text (gint64 unix_seconds, const char *zone)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_assert_nonnull (tz);
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

typedef struct {
  GString *json;
  const char *dir;
  guint n_files;
  guint n_events;
  GPtrArray *khal;           /* whole-event files khal imports */
  /* For the revision files: the UIDs that must have SEQUENCE 1 (all others
   * 0), known from how the second timetable was made, not from the code
   * that computes them. NULL: take SEQUENCE from the publication. */
  const char *const *bumped;
} Dump;

static guint
expected_sequence (Dump *d, const CrnPublication *pub, const char *uid)
{
  if (d->bumped)
    return g_strv_contains (d->bumped, uid) ? 1 : 0;
  return crn_publication_get_sequence (pub, uid);
}

static void
expect_event (Dump *d, const CrnEvent *ev, const char *uid, const char *title, gint64 start,
              gint64 end, gboolean cancelled, guint sequence)
{
  g_autofree char *summary = crn_ical_clean_text (title, FALSE);
  g_strstrip (summary);
  if (*summary == '\0') {
    /* A title with nothing printable: the writer falls back to the UID. */
    g_free (summary);
    summary = g_strdup (uid);
  }
  g_autofree char *local = local_text (start, ev->timezone_name);
  g_autofree char *local_end = local_text (end, ev->timezone_name);
  g_autofree char *ny = local_text (start, "America/New_York");
  g_autofree char *ny_end = local_text (end, "America/New_York");
  g_string_append_printf (d->json, "%s\n      {\"uid\": ", d->n_events++ ? "," : "");
  json_string (d->json, uid);
  g_string_append_printf (d->json, ", \"start\": %" G_GINT64_FORMAT ", \"end\": %" G_GINT64_FORMAT
                          ", \"status\": \"%s\", \"sequence\": %u, \"summary\": ",
                          start, end, cancelled ? "CANCELLED" : "CONFIRMED", sequence);
  json_string (d->json, summary);
  g_string_append_printf (d->json, ", \"local_start\": \"%s\", \"local_end\": \"%s\""
                          ", \"ny_start\": \"%s\", \"ny_end\": \"%s\"}",
                          local, local_end, ny, ny_end);
}

/* Writes @name and its expectations: the same selection as the writer, made
 * here again from the timetable. */
static void
dump (Dump *d, const char *name, const CrnTimetable *tt, const CrnIcalOptions *opts,
      const char *description_part)
{
  const CrnEvent *ev = tt->event;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (d->dir, name, NULL);
  if (!crn_ical_write_file (tt, opts, path, &error))
    g_error ("%s: %s", name, error->message);

  g_string_append_printf (d->json, "%s\n  {\"name\": ", d->n_files++ ? "," : "");
  json_string (d->json, name);
  g_string_append (d->json, ", \"timezone\": ");
  json_string (d->json, ev->timezone_name);
  if (description_part) {
    g_autofree char *clean = crn_ical_clean_text (description_part, TRUE);
    g_string_append (d->json, ", \"description_contains\": ");
    json_string (d->json, clean);
  }
  g_string_append (d->json, ", \"events\": [");
  d->n_events = 0;
  const CrnPublication *pub = opts->publication;
  for (guint i = 0; i < tt->assignments->len; i++) {
    const CrnAssignment *a = &g_array_index (tt->assignments, CrnAssignment, i);
    const CrnSession *s = a->session;
    if (!a->assigned)
      continue;
    gboolean wanted = TRUE;
    if (opts->person) {
      wanted = FALSE;
      for (guint k = 0; k < s->speakers->len; k++)
        wanted |= g_strcmp0 (((CrnPerson *) g_ptr_array_index (s->speakers, k))->id, opts->person) == 0;
      for (guint k = 0; k < s->moderators->len; k++)
        wanted |= g_strcmp0 (((CrnPerson *) g_ptr_array_index (s->moderators, k))->id, opts->person) == 0;
    }
    if (opts->room)
      wanted = g_strcmp0 (a->room->id, opts->room) == 0;
    if (opts->partner) {
      wanted = FALSE;
      for (guint k = 0; k < s->partners->len; k++)
        wanted |= g_strcmp0 (((CrnPartner *) g_ptr_array_index (s->partners, k))->id, opts->partner) == 0;
    }
    if (!wanted)
      continue;
    g_autofree char *uid = crn_ical_session_uid (ev, s, a->occurrence);
    expect_event (d, ev, uid, s->title, crn_time_to_unix (a->start, ev->timezone),
                  crn_time_to_unix (a->start + s->duration, ev->timezone), FALSE,
                  expected_sequence (d, pub, uid));
  }
  for (guint i = 0; opts->public_breaks && i < ev->breaks->len; i++) {
    const CrnBreak *b = g_ptr_array_index (ev->breaks, i);
    if (!b->is_public)
      continue;
    g_autofree char *uid = crn_ical_break_uid (ev, b);
    expect_event (d, ev, uid, b->title, crn_time_to_unix (b->start, ev->timezone),
                  crn_time_to_unix (b->end, ev->timezone), FALSE,
                  expected_sequence (d, pub, uid));
  }
  for (guint i = 0; pub && i < pub->items->len; i++) {
    const CrnPublishedItem *it = g_ptr_array_index (pub->items, i);
    if (it->cancelled && !opts->person && !opts->room && !opts->partner)
      expect_event (d, ev, it->uid, it->title, it->start, it->end, TRUE,
                    expected_sequence (d, pub, it->uid));
  }
  g_string_append (d->json, "]}");
}

static void
dump_variant (Dump *d, const char *name, const char *zone, int year, int month, int day)
{
  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  spec.timezone = zone;
  spec.year = year;
  spec.month = month;
  spec.day = day;
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.public_breaks = TRUE;
  opts.dtstamp = 1700000000;
  char *file = g_strdup_printf ("%s.ics", name);
  dump (d, file, tt, &opts, NULL);
  g_ptr_array_add (d->khal, file);
}

static void
dump_scope (Dump *d, const CrnTimetable *tt, const char *kind, const char *id)
{
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.dtstamp = 1543000000;
  opts.person = g_str_equal (kind, "person") ? id : NULL;
  opts.room = g_str_equal (kind, "room") ? id : NULL;
  opts.partner = g_str_equal (kind, "partner") ? id : NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.ics", tt->event->id, kind, id);
  dump (d, name, tt, &opts, NULL);
}

static void
dump_solved_event (Dump *d, const char *dir)
{
  CrnEvent *ev = NULL;
  CrnTimetable *tt = NULL;
  g_autoptr (GError) error = NULL;
  if (!crn_example_solve (dir, &ev, &tt, &error))
    g_error ("%s", error->message);
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.public_breaks = TRUE;
  opts.dtstamp = 1543000000;
  g_autofree char *name = g_strdup_printf ("%s.ics", ev->id);
  dump (d, name, tt, &opts, NULL);
  g_ptr_array_add (d->khal, g_strdup (name));
  for (guint i = 0; i < ev->people->len; i++)
    dump_scope (d, tt, "person", ((CrnPerson *) g_ptr_array_index (ev->people, i))->id);
  for (guint i = 0; i < ev->rooms->len; i++)
    dump_scope (d, tt, "room", ((CrnRoom *) g_ptr_array_index (ev->rooms, i))->id);
  for (guint i = 0; i < ev->partners->len; i++)
    dump_scope (d, tt, "partner", ((CrnPartner *) g_ptr_array_index (ev->partners, i))->id);
  crn_timetable_free (tt);
  crn_event_free (ev);
}

int
main (int argc, char **argv)
{
  if (argc != 2 && argc != 3) {
    g_printerr ("Usage: %s OUTDIR [EVENTDIR]\n", argv[0]);
    return 2;
  }
  g_log_writer_default_set_use_stderr (TRUE);
  Dump d = { g_string_new ("{\"files\": ["), argv[1], 0, 0,
             g_ptr_array_new_with_free_func (g_free) };
  if (g_mkdir_with_parents (d.dir, 0755) != 0) {
    g_printerr ("Cannot create the folder %s\n", d.dir);
    return 1;
  }

  /* The study days, and the same programme where the clocks change, in
   * another zone, and over a new year. */
  dump_variant (&d, "paris", "Europe/Paris", 2018, 11, 26);
  dump_variant (&d, "paris-dst", "Europe/Paris", 2018, 10, 27);
  dump_variant (&d, "new-york-dst", "America/New_York", 2019, 3, 9);
  dump_variant (&d, "new-year", "Europe/Paris", 2018, 12, 31);
  dump_variant (&d, "utc", "UTC", 2018, 11, 26);

  CrnFixtureSpec spec;
  crn_fixture_spec_init (&spec);
  g_autoptr (CrnEvent) ev = crn_fixture_event (&spec);
  g_autoptr (CrnTimetable) tt = crn_fixture_timetable (ev, &spec);
  CrnIcalOptions opts;
  crn_ical_options_init (&opts);
  opts.person = "caron";
  dump (&d, "person-caron.ics", tt, &opts, NULL);
  crn_ical_options_init (&opts);
  opts.room = "amphi";
  dump (&d, "room-amphi.ics", tt, &opts, NULL);
  crn_ical_options_init (&opts);
  opts.partner = "cdc";
  dump (&d, "partner-cdc.ics", tt, &opts, NULL);

  /* Hostile text. */
  CrnFixtureSpec bad = spec;
  bad.bad_text = TRUE;
  g_autoptr (CrnEvent) bad_ev = crn_fixture_event (&bad);
  g_autoptr (CrnTimetable) bad_tt = crn_fixture_timetable (bad_ev, &bad);
  crn_ical_options_init (&opts);
  dump (&d, "bad-text.ics", bad_tt, &opts, crn_fixture_bad_description);
  g_ptr_array_add (d.khal, g_strdup ("bad-text.ics"));

  /* Random bytes in every text, and titles whose lines end exactly on
   * libical's fold boundary. */
  for (guint32 seed = 1; seed <= 3; seed++) {
    CrnFixtureSpec random_spec = spec;
    random_spec.random_seed = seed * 73;
    g_autoptr (CrnEvent) random_ev = crn_fixture_event (&random_spec);
    g_autoptr (CrnTimetable) random_tt = crn_fixture_timetable (random_ev, &random_spec);
    crn_ical_options_init (&opts);
    opts.public_breaks = TRUE;
    g_autofree char *name = g_strdup_printf ("random-%u.ics", seed);
    dump (&d, name, random_tt, &opts, NULL);
  }
  g_autoptr (CrnEvent) fold_ev = crn_fixture_event (&spec);
  for (guint i = 0; i < fold_ev->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (fold_ev->sessions, i);
    g_free (s->title);
    s->title = g_strnfill (73 + 74 * i, (char) ('a' + i));
  }
  g_autoptr (CrnTimetable) fold_tt = crn_fixture_timetable (fold_ev, &spec);
  crn_ical_options_init (&opts);
  dump (&d, "fold-boundary.ics", fold_tt, &opts, NULL);

  /* Two revisions: a workshop moved, the round table renamed, the closing
   * removed, a visit added, one abstract rewritten. */
  CrnFixtureSpec spec2 = spec;
  spec2.drop_closing = spec2.move_workshop = spec2.rename_round = TRUE;
  spec2.new_abstract = spec2.add_session = TRUE;
  g_autoptr (CrnEvent) ev2 = crn_fixture_event (&spec2);
  g_autoptr (CrnTimetable) tt2 = crn_fixture_timetable (ev2, &spec2);
  g_autoptr (CrnPublication) rev1 = crn_revision_compute (NULL, tt, 1700000000, NULL);
  g_autoptr (CrnPublication) rev2 = crn_revision_compute (rev1, tt2, 1700086400, NULL);
  crn_ical_options_init (&opts);
  opts.publication = rev1;
  const char *const first[] = { NULL };
  const char *const second[] = {
    "atelier-cooperation-2@journees-test.creneau", /* moved */
    "table-ronde@journees-test.creneau",           /* renamed */
    "cloture@journees-test.creneau",               /* removed: cancelled */
    NULL,
  };
  d.bumped = first;
  dump (&d, "revision-1.ics", tt, &opts, NULL);
  d.bumped = second;
  opts.publication = rev2;
  dump (&d, "revision-2.ics", tt2, &opts, NULL);
  d.bumped = NULL;

  if (argc == 3)
    dump_solved_event (&d, argv[2]);

  g_string_append (d.json, "\n],\n\"khal\": [");
  for (guint i = 0; i < d.khal->len; i++) {
    g_string_append (d.json, i ? ", " : "");
    json_string (d.json, g_ptr_array_index (d.khal, i));
  }
  g_string_append (d.json, "]}\n");
  g_ptr_array_unref (d.khal);
  g_autofree char *json_path = g_build_filename (d.dir, "expected.json", NULL);
  g_autoptr (GError) error = NULL;
  if (!g_file_set_contents (json_path, d.json->str, -1, &error)) {
    g_printerr ("%s\n", error->message);
    return 1;
  }
  g_string_free (d.json, TRUE);
  return 0;
}
