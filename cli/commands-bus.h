/* creneauctl — the commands that talk to creneaud (see bus.h). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* commands-events.c */
int crn_command_load (int argc, char **argv);
int crn_command_list (int argc, char **argv);
int crn_command_status (int argc, char **argv);
int crn_command_remove (int argc, char **argv);
/* `plugins` without --local: the daemon's list. */
int crn_cli_print_daemon_plugins (void);

/* commands-solve.c */
int crn_command_solve (int argc, char **argv);
int crn_command_cancel (int argc, char **argv);

/* commands-show.c */
int crn_command_show (int argc, char **argv);
int crn_command_violations (int argc, char **argv);
int crn_command_explain (int argc, char **argv);

/* commands-publish.c */
int crn_command_pin (int argc, char **argv);
int crn_command_unpin (int argc, char **argv);
int crn_command_publish (int argc, char **argv);
int crn_command_changes (int argc, char **argv);
int crn_command_export (int argc, char **argv);
int crn_command_feeds (int argc, char **argv);

G_END_DECLS
