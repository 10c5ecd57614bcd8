/* creneau — the library's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRN_ERROR (crn_error_quark ())
GQuark crn_error_quark (void);

typedef enum {
  CRN_ERROR_INVALID_INPUT, /* bad event file, bad argument */
  CRN_ERROR_NOT_FOUND,     /* unknown session, room, person ... */
  CRN_ERROR_LIMIT,         /* over a documented limit */
  CRN_ERROR_PLUGIN,        /* a plugin could not be loaded */
  CRN_ERROR_FAILED,
} CrnError;

G_END_DECLS
