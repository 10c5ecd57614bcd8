/* creneau tests — a small hand-built event and timetable. */
#include "config.h"

#include "fixture.h"

#include <string.h>

const char *const crn_fixture_bad_title =
  "Atelier\n« Coopération », œuvre; a\\b, c\x01\x07\x1b[31m\x7f\r\ntab\there "
  "\xc2\x85 \xff invalid and a long tail: "
  "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé";

const char *const crn_fixture_bad_description =
  "Line one, with commas; semicolons\\backslashes\n"
  "Line two « guillemets » cœur\r\nLine three\x02\x03 after controls\n"
  "A very long line: "
  "Lorem ipsum dolor sit amet, œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ œ "
  "consectetur adipiscing elit — sed do eiusmod tempor incididunt ut labore et dolore "
  "magna aliqua; Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi "
  "ut aliquip ex ea commodo consequat: BEGIN:VEVENT END:VCALENDAR \"quoted\" 'single'";

/* Random bytes, biased towards the characters that break calendars, in
 * every text the writer takes from the event files. */
char *
crn_fixture_random_text (GRand *rand)
{
  static const char *const pieces[] = {
    ",", ";", "\\", "\n", "\r", "\r\n", ":", "\"", "\t", " ", "«", "»", "œ", "é", "—",
    "\xe2\x80\xa8", "\xc2", "\xff", "\x01", "\x1f", "\x7f", "\xc2\x85", "BEGIN:VEVENT",
    "END:VCALENDAR", "mailto:", "<", ">", "@", "=", "^", "\xef\xbf\xbe",
  };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 120);
  for (guint i = 0; i < n; i++) {
    if (g_rand_boolean (rand))
      g_string_append_c (out, (char) g_rand_int_range (rand, 1, 256));
    else
      g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  }
  return g_string_free (out, FALSE);
}


static void
replace (char **field, char *value)
{
  g_free (*field);
  *field = value;
}

/* Every text the writer takes from the event files, made of random bytes. */
static void
randomise (CrnEvent *ev, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  replace (&ev->name, crn_fixture_random_text (rand));
  g_autofree char *organizer = crn_fixture_random_text (rand);
  replace (&ev->organizer, g_strdup_printf ("%s <x@example.org>", organizer));
  for (guint i = 0; i < ev->sessions->len; i++) {
    CrnSession *s = g_ptr_array_index (ev->sessions, i);
    replace (&s->title, crn_fixture_random_text (rand));
    replace (&s->description, crn_fixture_random_text (rand));
    replace (&s->track, crn_fixture_random_text (rand));
  }
  for (guint i = 0; i < ev->people->len; i++) {
    CrnPerson *p = g_ptr_array_index (ev->people, i);
    replace (&p->name, crn_fixture_random_text (rand));
    replace (&p->organisation, crn_fixture_random_text (rand));
  }
  for (guint i = 0; i < ev->rooms->len; i++) {
    CrnRoom *r = g_ptr_array_index (ev->rooms, i);
    replace (&r->name, crn_fixture_random_text (rand));
    replace (&r->site, crn_fixture_random_text (rand));
  }
  for (guint i = 0; i < ev->partners->len; i++)
    replace (&((CrnPartner *) g_ptr_array_index (ev->partners, i))->name,
             crn_fixture_random_text (rand));
  for (guint i = 0; i < ev->breaks->len; i++)
    replace (&((CrnBreak *) g_ptr_array_index (ev->breaks, i))->title,
             crn_fixture_random_text (rand));
}

void
crn_fixture_spec_init (CrnFixtureSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->timezone = "Europe/Paris";
  spec->year = 2018;
  spec->month = 11;
  spec->day = 26;
}

static CrnSession *
add_session (CrnEvent *ev, const char *id, const char *title, CrnSessionKind kind,
             guint duration, guint count)
{
  g_autoptr (GError) error = NULL;
  CrnSession *s = crn_event_add_session (ev, id, &error);
  g_assert_no_error (error);
  g_free (s->title);
  s->title = g_strdup (title);
  s->kind = kind;
  s->duration = duration;
  s->count = count;
  return s;
}

static void
add_person_to (GPtrArray *list, CrnEvent *ev, const char *id)
{
  CrnPerson *p = crn_event_lookup_person (ev, id);
  g_assert_nonnull (p);
  g_ptr_array_add (list, p);
}

CrnEvent *
crn_fixture_event (const CrnFixtureSpec *spec)
{
  g_autoptr (GError) error = NULL;
  CrnEvent *ev = crn_event_new ("journees-test");
  ev->name = g_strdup (spec->bad_text ? "Journées\n« d'étude »; test, \x01ok"
                                      : "Journées d'étude « Territoires » 2018");
  ev->organizer = g_strdup ("Carrefour des métiers, réseau <contact@example.org>");
  g_assert_true (crn_event_set_timezone (ev, spec->timezone));

  CrnTime day1 = crn_time_from_ymd_hm (spec->year, spec->month, spec->day, 0, 0);
  CrnTime day2 = day1 + CRN_MINUTES_PER_DAY;
  crn_interval_set_add (crn_event_add_day (ev, day1)->open, day1 + 9 * 60, day1 + 17 * 60 + 30);
  crn_interval_set_add (crn_event_add_day (ev, day2)->open, day2 + 9 * 60, day2 + 17 * 60 + 30);

  CrnRoom *amphi = crn_event_add_room (ev, "amphi", &error);
  g_assert_no_error (error);
  crn_room_set_name (amphi, "Amphithéâtre Œuvre");
  crn_room_set_site (amphi, "Site Nord");
  crn_room_set_capacity (amphi, 200);
  CrnRoom *salle = crn_event_add_room (ev, "salle-3", &error);
  g_assert_no_error (error);
  crn_room_set_name (salle, "Salle 3");
  crn_room_set_capacity (salle, 40);

  const struct { const char *id, *name, *org, *mail; } people[] = {
    { "caron", "Jeanne Caron", "CGET, Paris", "jeanne.caron@example.org" },
    { "fournier", "Luc Fournier", NULL, NULL },
    { "grivel", "Anne Grivel", "Caisse des dépôts", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (people); i++) {
    CrnPerson *p = crn_event_add_person (ev, people[i].id, &error);
    g_assert_no_error (error);
    crn_person_set_name (p, people[i].name);
    crn_person_set_organisation (p, people[i].org);
    crn_person_set_email (p, people[i].mail);
  }
  CrnPartner *cget = crn_event_add_partner (ev, "cget", &error);
  g_assert_no_error (error);
  crn_partner_set_name (cget, "Commissariat général à l'égalité des territoires");
  CrnPartner *cdc = crn_event_add_partner (ev, "cdc", &error);
  g_assert_no_error (error);
  crn_partner_set_name (cdc, "Caisse des dépôts");

  CrnSession *s = add_session (ev, "ouverture", "Ouverture des journées", CRN_KIND_PLENARY, 60, 1);
  s->description = g_strdup (spec->new_abstract ? "Mot d'accueil, puis présentation du programme."
                                                : "Mot d'accueil du président.");
  add_person_to (s->speakers, ev, "caron");

  s = add_session (ev, "atelier-cooperation",
                   spec->bad_text ? crn_fixture_bad_title
                   : "La coopération entre collectivités, au cœur des transitions",
                   CRN_KIND_WORKSHOP, 120, 2);
  s->description = g_strdup (spec->bad_text ? crn_fixture_bad_description
                                            : "Retours d'expérience; échanges avec la salle.");
  s->track = g_strdup ("transitions");
  add_person_to (s->speakers, ev, "caron");
  add_person_to (s->speakers, ev, "fournier");
  add_person_to (s->moderators, ev, "grivel");
  g_ptr_array_add (s->partners, cget);
  g_ptr_array_add (s->partners, cdc);

  s = add_session (ev, "table-ronde",
                   spec->rename_round ? "Table ronde : quels territoires en 2030 ?"
                                      : "Table ronde : les territoires en transition",
                   CRN_KIND_ROUND_TABLE, 90, 1);
  add_person_to (s->speakers, ev, "fournier");
  add_person_to (s->moderators, ev, "grivel");
  g_ptr_array_add (s->partners, cdc);

  if (!spec->drop_closing) {
    s = add_session (ev, "cloture", "Clôture", CRN_KIND_PLENARY, 45, 1);
    add_person_to (s->speakers, ev, "grivel");
  }
  if (spec->add_session)
    add_session (ev, "visite", "Visite du quartier", CRN_KIND_OTHER, 60, 1);

  CrnBreak *b = crn_event_add_break (ev, "dejeuner-1", day1 + 12 * 60 + 30, day1 + 13 * 60 + 45);
  b->title = g_strdup ("Déjeuner");
  b->is_public = TRUE;
  b = crn_event_add_break (ev, "pause", day2 + 10 * 60 + 30, day2 + 10 * 60 + 45);
  b->title = g_strdup ("Pause (internal)");
  if (spec->random_seed)
    randomise (ev, spec->random_seed);
  return ev;
}

static void
place (CrnTimetable *tt, const char *session, guint occurrence, const char *room, CrnTime start)
{
  CrnAssignment *a = crn_timetable_lookup (tt, session, occurrence);
  if (a == NULL)
    return;
  a->room = crn_event_lookup_room (tt->event, room);
  g_assert_nonnull (a->room);
  a->start = start;
  a->assigned = TRUE;
}

CrnTimetable *
crn_fixture_timetable (const CrnEvent *ev, const CrnFixtureSpec *spec)
{
  CrnTimetable *tt = crn_timetable_new (ev);
  CrnTime day1 = crn_time_from_ymd_hm (spec->year, spec->month, spec->day, 0, 0);
  CrnTime day2 = day1 + CRN_MINUTES_PER_DAY;
  place (tt, "ouverture", 1, "amphi", day1 + 9 * 60 + 30);
  place (tt, "atelier-cooperation", 1, "salle-3", day1 + 10 * 60 + 30);
  place (tt, "atelier-cooperation", 2, "salle-3",
         day2 + (spec->move_workshop ? 15 : 14) * 60);
  place (tt, "table-ronde", 1, "amphi", day1 + 14 * 60);
  place (tt, "cloture", 1, "amphi", day2 + 16 * 60 + 30);
  place (tt, "visite", 1, "amphi", day2 + 11 * 60);
  return tt;
}
