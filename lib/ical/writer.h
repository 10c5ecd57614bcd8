/* creneau — iCalendar output of a timetable (RFC 5545, 5546 PUBLISH, 7986).
 *
 * Written with libical only. One calendar for the whole event or for one
 * person (as speaker or moderator), one room or one partner.
 */
#pragma once

#include "publication.h"

G_BEGIN_DECLS

typedef struct {
  /* Scope: at most one of these; all NULL for the whole event. */
  const char *person;          /* speaker or moderator id */
  const char *room;
  const char *partner;
  gboolean public_breaks;      /* add [Break] groups with Public=true */
  const char *calendar_name;   /* NULL: the event's name, plus the scope's */
  guint refresh_minutes;       /* REFRESH-INTERVAL / X-PUBLISHED-TTL; 0: 60 */
  /* Publication state: SEQUENCE, LAST-MODIFIED, DTSTAMP and the cancelled
   * occurrences come from here; normally the one crn_revision_compute()
   * made for this timetable. An occurrence it holds as cancelled but that
   * the timetable has again is written from the timetable. NULL: a first
   * publication at @dtstamp. */
  const CrnPublication *publication;
  gint64 dtstamp;              /* Unix seconds; 0: the publication's, else now */
} CrnIcalOptions;

void crn_ical_options_init (CrnIcalOptions *opts);

/* The calendar as UTF-8 text with CRLF line ends, or NULL with @error set
 * (CRN_ERROR_NOT_FOUND for an unknown scope id, CRN_ERROR_INVALID_INPUT for
 * a time zone libical does not know or two occurrences with one UID). */
char *crn_ical_write (const CrnTimetable *tt, const CrnIcalOptions *opts, GError **error);

/* Same, to a file (written atomically). */
gboolean crn_ical_write_file (const CrnTimetable *tt, const CrnIcalOptions *opts,
                              const char *path, GError **error);

G_END_DECLS
