/* creneau — every limit on what the daemon and the tools accept.
 *
 * Each limit is enforced in one place (named beside it) and documented in
 * docs/limits.md and creneaud(8). Over a limit, the error names the limit
 * and the value found, e.g. "the event has 12000 sessions, more than the
 * limit of 10000"; over D-Bus it is org.creneau.Scheduler1.Error.InvalidInput.
 * Plugins may use these too (a plugin reading a calendar, for one).
 */
#pragma once

/* The files of an event directory, as LoadEvent or `creneauctl check` get
 * them (lib/model/files.c). The total stays under the 32 MiB a D-Bus bus
 * lets through in one message by default, so an organiser over it reads
 * creneau's sentence and not the bus's refusal. */
#define CRN_LIMIT_EVENT_FILES 1000u
#define CRN_LIMIT_FILE_BYTES (8u * 1024 * 1024)
#define CRN_LIMIT_EVENT_BYTES (24u * 1024 * 1024)
#define CRN_LIMIT_FILE_NAME_BYTES 255u
#define CRN_LIMIT_FOLDER_DEPTH 8u

/* The event once every plugin has added to it (lib/reader/limits.c). */
#define CRN_LIMIT_SESSIONS 10000u
#define CRN_LIMIT_OCCURRENCES 20000u     /* sessions times their Count */
#define CRN_LIMIT_ROOMS 1000u
#define CRN_LIMIT_PEOPLE 50000u
#define CRN_LIMIT_PARTNERS 10000u
#define CRN_LIMIT_DAYS 366u
#define CRN_LIMIT_REGISTRATIONS 200000u  /* lines of the [Attendees] file */
#define CRN_LIMIT_ID_BYTES 64u           /* event, session, room, person, partner ids */
#define CRN_LIMIT_NAME_BYTES 1000u       /* names, titles, e-mail, organisation, site */
#define CRN_LIMIT_TEXT_BYTES 20000u      /* a session's description */

/* A speaker's calendar, local or fetched (plugins/speakers-ics,
 * daemon/fetcher.c). */
#define CRN_LIMIT_CALENDAR_BYTES (5u * 1024 * 1024)
#define CRN_LIMIT_CALENDAR_INSTANCES 10000u /* recurrence steps in one file */
#define CRN_LIMIT_CALENDAR_SECONDS 2u       /* to expand one file's recurrences */
#define CRN_LIMIT_CALENDAR_ZONE_PARTS 1000u /* STANDARD/DAYLIGHT parts of its zones */
#define CRN_LIMIT_CALENDAR_ZONE_YEARS 20000u /* years of yearly zone changes to expand */
#define CRN_LIMIT_FETCH_SECONDS 20u         /* to fetch one remote calendar, in all */

/* The daemon (daemon/manager.c, daemon/event-object.c, daemon/config-file.c). */
#define CRN_LIMIT_EVENTS_DEFAULT 100u       /* [Limits] MaxEvents when not set */
#define CRN_LIMIT_EVENTS_MAX 10000u         /* the highest MaxEvents accepted */
#define CRN_LIMIT_SOLVE_SECONDS_MIN 1u
#define CRN_LIMIT_SOLVE_SECONDS_MAX (24u * 3600)
#define CRN_LIMIT_SOLVE_THREADS 64u
