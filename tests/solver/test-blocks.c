/* creneau — blocks (H8): rounds of parallel sessions that must start
 * together, in rooms just big enough, placed and moved as units. */
#include "fixture.h"

#define N_ROOMS 5
#define DAYS 3
#define SLOTS (DAYS * 3)

typedef struct {
  guint decoy;            /* the other slot the whole round accepts */
  guint size;
  guint room[N_ROOMS];    /* planted room of each member */
} Round;

/* A planted event: @n_rounds rounds (blocks) of N_ROOMS - 1 or N_ROOMS
 * sessions on a grid of SLOTS one-hour slots, round r planted at slot r.
 * Each session fits only the rooms at least as big as its planted room
 * (attendance just under its capacity; one room in two has the tag
 * "video", needed by the sessions planted there), and is available only at
 * its round's slot and at one decoy slot that its whole round shares, so a
 * round can stand in two places and must move whole. Speakers are shared
 * between rounds, so the decoys collide. The plan goes to @plan. */
static CrnEvent *
planted_rounds (guint n_rounds, guint32 seed, Round *plan)
{
  g_assert (n_rounds <= SLOTS);
  CrnEvent *ev = fixture_event (DAYS);
  GRand *rand = g_rand_new_with_seed (seed);
  for (guint r = 0; r < N_ROOMS; r++) {
    g_autofree char *id = g_strdup_printf ("salle-%u", r);
    CrnRoom *room = fixture_room (ev, id, 30 + 10 * r);
    if (r % 2 == 1)
      crn_room_add_tag (room, "video");
  }
  guint n_people = n_rounds * 2;
  for (guint b = 0; b < n_rounds; b++) {
    Round *rd = &plan[b];
    g_autofree char *block = g_strdup_printf ("round-%u", b);
    do
      rd->decoy = (guint) g_rand_int_range (rand, 0, SLOTS);
    while (rd->decoy == b);
    rd->size = (guint) g_rand_int_range (rand, N_ROOMS - 1, N_ROOMS + 1);
    for (guint r = 0; r < N_ROOMS; r++)
      rd->room[r] = r;
    for (guint r = N_ROOMS - 1; r > 0; r--) {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) r + 1);
      guint x = rd->room[r];
      rd->room[r] = rd->room[j];
      rd->room[j] = x;
    }
    for (guint m = 0; m < rd->size; m++) {
      g_autofree char *id = g_strdup_printf ("atelier-%u-%u", b, m);
      guint attendance = 30 + 10 * rd->room[m] - (guint) g_rand_int_range (rand, 0, 5);
      CrnSession *s = fixture_session (ev, id, 60, attendance, NULL);
      /* two speakers per round, one in each half: members of a round
       * never share one */
      if (m == 0 || m == rd->size / 2) {
        g_autofree char *who = g_strdup_printf ("orateur-%u", (2 * b + (m > 0)) % n_people);
        g_ptr_array_add (s->speakers, fixture_person (ev, who));
      }
      if (rd->room[m] % 2 == 1)
        crn_session_add_room_tag (s, "video");
      crn_session_set_block (s, block);
      for (guint t = 0; t < SLOTS; t++) {
        if (t == b || t == rd->decoy)
          continue;
        CrnTime day = crn_time_from_ymd_hm (2030, 3, 4 + t / 3, 0, 0);
        CrnTime from = day + (9 + t % 3) * 60;
        crn_session_add_unavailable (s, from, from + 60);
      }
    }
  }
  /* a member of round b + 1 (planted one slot later) also has round b's
   * first speaker */
  for (guint b = 0; b + 1 < n_rounds; b++) {
    g_autofree char *id = g_strdup_printf ("atelier-%u-1", b + 1);
    g_autofree char *who = g_strdup_printf ("orateur-%u", 2 * b);
    CrnSession *s = crn_event_lookup_session (ev, id);
    g_ptr_array_add (s->speakers, fixture_person (ev, who));
  }
  g_rand_free (rand);
  return ev;
}

/* The planted timetable; with @split, every second member of each round
 * at the round's decoy slot instead. */
static CrnTimetable *
planted_timetable (CrnEvent *ev, guint n_rounds, const Round *plan, gboolean split)
{
  CrnTimetable *tt = crn_timetable_new (ev);
  for (guint b = 0; b < n_rounds; b++) {
    for (guint m = 0; m < plan[b].size; m++) {
      guint t = split && m % 2 == 1 ? plan[b].decoy : b;
      g_autofree char *id = g_strdup_printf ("atelier-%u-%u", b, m);
      g_autofree char *room = g_strdup_printf ("salle-%u", plan[b].room[m]);
      g_autofree char *when = g_strdup_printf ("2030-03-%02u %02u:00", 4 + t / 3, 9 + t % 3);
      fixture_place (tt, id, 1, room, when);
    }
  }
  return tt;
}

static void
log_hard (const CrnTimetable *tt)
{
  for (guint i = 0; i < tt->violations->len; i++) {
    const CrnViolation *v = g_ptr_array_index (tt->violations, i);
    if (v->severity == CRN_VIOLATION_HARD)
      g_test_message ("%s", v->message);
  }
}

/* The generator is right: its planted timetable holds. */
static void
test_planted_is_feasible (void)
{
  for (guint32 gen = 1; gen <= 6; gen++) {
    Round plan[SLOTS];
    g_autoptr (CrnEvent) ev = planted_rounds (SLOTS, gen, plan);
    g_autoptr (CrnTimetable) tt = planted_timetable (ev, SLOTS, plan, FALSE);
    crn_evaluate (tt, NULL);
    log_hard (tt);
    g_assert_cmpuint (tt->hard, ==, 0);
  }
}

/* Every slot full, every room taken: only whole rounds in the right
 * places, each with its one room matching, have no hard violation. */
static void
test_rounds_move_whole (void)
{
  for (guint32 gen = 1; gen <= 6; gen++) {
    Round plan[SLOTS];
    g_autoptr (CrnEvent) ev = planted_rounds (SLOTS, gen, plan);
    for (guint64 seed = 1; seed <= 3; seed++) {
      g_autoptr (CrnTimetable) tt = fixture_solve (ev, 200000, seed);
      if (tt->hard > 0) {
        g_test_message ("generator %u, seed %" G_GUINT64_FORMAT ":", gen, seed);
        log_hard (tt);
      }
      g_assert_cmpuint (tt->hard, ==, 0);
    }
  }
}

/* Re-solving from a timetable whose rounds are all split between two
 * slots (minimal change keeps what fits): the search alone must bring each
 * round together, which single moves cannot do without first breaking
 * more of H8. */
static void
test_split_rounds_come_together (void)
{
  for (guint32 gen = 1; gen <= 6; gen++) {
    Round plan[SLOTS];
    g_autoptr (CrnEvent) ev = planted_rounds (SLOTS, gen, plan);
    g_autoptr (CrnTimetable) previous = planted_timetable (ev, SLOTS, plan, TRUE);
    for (guint64 seed = 1; seed <= 3; seed++) {
      CrnSolveOptions opts;
      crn_solve_options_init (&opts);
      opts.iteration_limit = 200000;
      opts.seed = seed;
      opts.previous = previous;
      opts.minimal_change = TRUE;
      g_autoptr (CrnTimetable) tt = crn_solve (ev, &opts, NULL);
      if (tt->hard > 0) {
        g_test_message ("generator %u, seed %" G_GUINT64_FORMAT ":", gen, seed);
        log_hard (tt);
      }
      g_assert_cmpuint (tt->hard, ==, 0);
    }
  }
}

/* A pinned member holds its round: the others join it there. */
static void
test_pinned_member_sets_the_round (void)
{
  g_autoptr (CrnEvent) ev = fixture_event (1);
  fixture_room (ev, "a", 50);
  fixture_room (ev, "b", 50);
  fixture_room (ev, "c", 50);
  const char *ids[] = { "x", "y", "z" };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++) {
    CrnSession *s = fixture_session (ev, ids[i], 60, 40, NULL);
    crn_session_set_block (s, "round");
  }
  CrnPin pin = { crn_event_lookup_session (ev, "z"), 1, crn_event_lookup_room (ev, "c"),
                 fixture_time ("2030-03-04 11:00") };
  for (guint64 seed = 1; seed <= 3; seed++) {
    CrnSolveOptions opts;
    crn_solve_options_init (&opts);
    opts.iteration_limit = 20000;
    opts.seed = seed;
    opts.pins = &pin;
    opts.n_pins = 1;
    g_autoptr (CrnTimetable) tt = crn_solve (ev, &opts, NULL);
    log_hard (tt);
    g_assert_cmpuint (tt->hard, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++) {
      const CrnAssignment *a = crn_timetable_lookup (tt, ids[i], 1);
      g_assert_cmpint (a->start, ==, pin.start);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/solver/blocks/planted-is-feasible", test_planted_is_feasible);
  g_test_add_func ("/solver/blocks/rounds-move-whole", test_rounds_move_whole);
  g_test_add_func ("/solver/blocks/split-rounds-come-together",
                   test_split_rounds_come_together);
  g_test_add_func ("/solver/blocks/pinned-member-sets-the-round",
                   test_pinned_member_sets_the_round);
  return g_test_run ();
}
