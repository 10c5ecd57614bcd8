/* creneau — state shared by the parts of the event reader. */
#pragma once

#include "reader.h"

G_BEGIN_DECLS

typedef struct {
  CrnEventFiles *files;
  CrnDiagnostics *diags;
  CrnKeyFile *kf;
  GKeyFile *k;
  CrnEvent *event;
  /* Sessions whose Duration, Start, Days, Starts and Unavailable were read
   * without error: only those are checked against the open windows. */
  GHashTable *timing_ok; /* CrnSession* set */
  GHashTable *bad_values; /* "group\x1fkey" already reported as unreadable */
} CrnReader;

/* A value, trimmed; NULL when absent or unreadable (reported once). */
char *crn_reader_get_string (CrnReader *r, const char *group, const char *key);
/* The ';'-separated items of a value, trimmed, empty ones dropped. */
GStrv crn_reader_get_list (CrnReader *r, const char *group, const char *key);

void crn_reader_error (CrnReader *r, const char *group, const char *key, const char *format, ...)
    G_GNUC_PRINTF (4, 5);
void crn_reader_warning (CrnReader *r, const char *group, const char *key, const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

/* registrations.c: the [Attendees] File= list. */
void crn_reader_read_registrations (CrnReader *r, const char *group);
/* resolve.c: references to people, rooms, partners, tags and sessions. */
void crn_reader_resolve (CrnReader *r);
/* limits.c: the event's size against include/creneau/limits.h; FALSE when
 * over (each excess reported). */
gboolean crn_reader_check_limits (CrnReader *r);
/* validate.c: After= cycles, blocks, and sessions against the open windows. */
void crn_reader_validate (CrnReader *r);

G_END_DECLS
