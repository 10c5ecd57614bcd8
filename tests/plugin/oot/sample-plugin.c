/* An out-of-tree plugin, built by a test against the installed headers with
 * pkg-config only: one room and one person, named by its group's keys. */
#include <creneau/creneau.h>

static gboolean
sample_load_event (CrnPluginContext *ctx)
{
  CrnEvent *event = crn_plugin_context_get_event (ctx);
  g_autofree char *room_id = crn_plugin_context_get_string (ctx, "Room");
  g_autofree char *person_id = crn_plugin_context_get_string (ctx, "Person");
  g_autoptr (GError) error = NULL;
  if (room_id == NULL || person_id == NULL) {
    crn_plugin_context_error (ctx, "event.conf", crn_plugin_context_get_line (ctx, NULL),
                              "Plugin oot-sample", NULL, "Room= and Person= are required");
    return FALSE;
  }
  CrnRoom *room = crn_event_add_room (event, room_id, &error);
  if (room == NULL) {
    crn_plugin_context_error (ctx, "event.conf", crn_plugin_context_get_line (ctx, "Room"),
                              "Plugin oot-sample", "Room", "%s", error->message);
    return FALSE;
  }
  crn_room_set_name (room, "Hall built out of tree");
  crn_room_set_capacity (room, 321);
  CrnPerson *person = crn_event_add_person (event, person_id, &error);
  if (person == NULL)
    return FALSE;
  crn_person_set_name (person, "Speaker from out of tree");
  return TRUE;
}

CRN_PLUGIN_DEFINE ("oot-sample", "0.9", "A plugin built outside the source tree",
                   sample_load_event)
