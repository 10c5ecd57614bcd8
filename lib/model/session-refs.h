/* creneau — what a plugin named by id for a session, until it is resolved. */
#pragma once

#include "event.h"

G_BEGIN_DECLS

typedef struct _CrnSessionRefs CrnSessionRefs;
struct _CrnSessionRefs {
  GPtrArray *speakers;    /* char* person ids */
  GPtrArray *moderators;  /* char* person ids */
  GPtrArray *partners;    /* char* partner ids */
  GPtrArray *after;       /* char* session ids */
  char *room;             /* fixed room id or NULL */
  gboolean exclusive_set; /* exclusive given explicitly, not from the kind */
};

void crn_session_refs_free (CrnSessionRefs *refs);

G_END_DECLS
