/* creneau — frab schedule.xml (the format of frab, pretalx and pentabarf,
 * read by conference apps): a reader into an intermediate form and into the
 * model, and a writer from a timetable.
 *
 * Times: a frab <date> carries a UTC offset; the model is event-local, so the
 * reader converts every instant into the conference's zone
 * (<time_zone_name>, else the offset found in the file, else UTC). Files
 * without <date> (older pentabarf exports) give the day's date and a local
 * <start>; starts before <day_change> belong to the next calendar day.
 */
#pragma once

#include "model/timetable.h"

G_BEGIN_DECLS

typedef struct {
  char *id;    /* frab person id, or NULL */
  char *name;
} CrnFrabPerson;

typedef struct {
  char *id;                 /* frab event id (an integer in practice) */
  char *guid;
  char *slug;
  char *title, *subtitle, *track, *type, *language, *abstract, *description, *url;
  char *room;               /* room name as written */
  CrnTime start;            /* event-local */
  guint duration;           /* minutes */
  GPtrArray *persons;       /* CrnFrabPerson* */
  int day_index;            /* index of the <day> it was written in */
  /* Filled by crn_frab_build_event: the session this event became. */
  char *session_id;
  guint occurrence;
} CrnFrabEvent;

typedef struct {
  int index;
  CrnTime date;             /* midnight of the day's date */
  gboolean has_span;
  CrnTime start, end;       /* the day's start/end attributes, event-local */
} CrnFrabDay;

typedef struct {
  char *title, *acronym, *time_zone_name;
  char *generator;               /* <generator name=...>, or NULL */
  CrnTime start_date, end_date;  /* midnights; 0 when absent */
  guint n_days;
  guint timeslot_minutes;        /* 0 when absent */
  int day_change;                /* minute of day */
  GTimeZone *timezone;
  GArray *days;                  /* CrnFrabDay, as written */
  GPtrArray *rooms;              /* char* room names, first seen first */
  GPtrArray *events;             /* CrnFrabEvent*, as written */
} CrnFrabSchedule;

void crn_frab_schedule_free (CrnFrabSchedule *sched);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrnFrabSchedule, crn_frab_schedule_free)

/* Parses schedule.xml. @filename is only used in messages. Errors name the
 * file and line. */
CrnFrabSchedule *crn_frab_parse (const char *text, gssize length, const char *filename,
                                 GError **error);

/* The programme as a creneau event: one room per room name (id derived from
 * the name, the name kept), one person per frab person (id "p<frab id>"),
 * one session per event (id "e<frab id>"; in files this writer made, the
 * slug, where it keeps the session id, and "<id>--<n>" slugs become
 * occurrences of one session), with duration, speakers,
 * track, kind (from the type), title and abstract. Each day is open from
 * its first event's start to its last event's end; the grid is the largest
 * step that divides the timeslot, every start and every duration. */
CrnEvent *crn_frab_build_event (CrnFrabSchedule *sched, GError **error);

/* The original programme as a timetable of @event (built from @sched), so
 * that it can be evaluated with the same rules as a solved one. */
CrnTimetable *crn_frab_original_timetable (const CrnFrabSchedule *sched, const CrnEvent *event);

/* Writes @tt as schedule.xml with the fields conference apps read (the
 * c3voc field list). @version goes in <version> (may be NULL). Unassigned
 * occurrences are left out. */
char *crn_frab_write (const CrnTimetable *tt, const char *version);

/* The guid written for @name (a calendar UID): a name-based UUID, the same
 * for the same name in every export. */
char *crn_frab_guid_for (const char *name);

G_END_DECLS
