/* creneau tests — a small hand-built event and timetable for the calendar
 * writer, in any zone and at any date, with variants for revisions and for
 * hostile text. */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

typedef struct {
  const char *timezone;   /* IANA name */
  int year, month, day;   /* first of the two days */
  gboolean bad_text;      /* titles and descriptions full of traps */
  guint32 random_seed;    /* non-zero: every text made of random bytes */
  /* Revision variants, relative to the plain fixture: */
  gboolean drop_closing;  /* session "cloture" removed from the event */
  gboolean move_workshop; /* "atelier-cooperation" occurrence 2 one hour later */
  gboolean rename_round;  /* "table-ronde" gets another title */
  gboolean new_abstract;  /* "ouverture" gets another description only */
  gboolean add_session;   /* a new session "visite" */
} CrnFixtureSpec;

void crn_fixture_spec_init (CrnFixtureSpec *spec); /* Europe/Paris, 2018-11-26 */
CrnEvent *crn_fixture_event (const CrnFixtureSpec *spec);
CrnTimetable *crn_fixture_timetable (const CrnEvent *event, const CrnFixtureSpec *spec);

/* The hostile strings of the bad_text variant. */
extern const char *const crn_fixture_bad_title;
extern const char *const crn_fixture_bad_description;

/* Random bytes, biased towards the characters that break calendars. */
char *crn_fixture_random_text (GRand *rand);

G_END_DECLS
