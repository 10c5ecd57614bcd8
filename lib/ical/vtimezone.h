/* creneau — VTIMEZONE components with the plain IANA TZID (internal). */
#pragma once

#include <libical/ical.h>
#include <glib.h>

G_BEGIN_DECLS

/* A VTIMEZONE for @iana_name whose TZID is exactly that name, holding only
 * the observances of the years @first_year to @last_year, or NULL with
 * @error set when libical does not know the zone. */
icalcomponent *crn_ical_vtimezone_new (const char *iana_name, int first_year, int last_year,
                                       GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalproperty, icalproperty_free)

G_END_DECLS
