/* The public session API: ids recorded by plugins, resolved later. */
#include "config.h"

#include "model/event.h"

#include <string.h>

static void
test_resolve_ok (void)
{
  g_autoptr (CrnEvent) ev = crn_event_new ("demo");
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  g_autoptr (GError) error = NULL;

  /* Declared before the people exist: resolution is late on purpose. */
  CrnSession *s = crn_event_declare_session (ev, "atelier-1", "sessions.csv", 3, &error);
  g_assert_no_error (error);
  crn_session_set_title (s, "Atelier");
  g_assert_true (crn_session_set_kind (s, "plenary"));
  g_assert_true (s->exclusive);
  crn_session_set_exclusive (s, FALSE);
  g_assert_true (crn_session_set_kind (s, "plenary"));
  g_assert_false (s->exclusive);
  g_assert_false (crn_session_set_kind (s, "keynote"));
  crn_session_set_duration (s, 90);
  crn_session_add_speaker (s, "caron");
  crn_session_add_speaker (s, "caron");
  crn_session_add_moderator (s, "grivel");
  crn_session_add_partner (s, "cget");
  crn_session_set_fixed_room (s, "salle-3");
  CrnSession *t = crn_event_declare_session (ev, "atelier-2", "sessions.csv", 4, &error);
  crn_session_add_after (t, "atelier-1");

  crn_event_add_person (ev, "caron", NULL);
  crn_event_add_person (ev, "grivel", NULL);
  crn_event_add_partner (ev, "cget", NULL);
  CrnRoom *room = crn_event_add_room (ev, "salle-3", NULL);

  g_assert_true (crn_event_resolve_session_refs (ev, diags));
  g_assert_cmpuint (crn_diagnostics_get_n (diags), ==, 0);
  g_assert_cmpuint (s->speakers->len, ==, 1);
  g_assert_cmpstr (((CrnPerson *) g_ptr_array_index (s->speakers, 0))->id, ==, "caron");
  g_assert_cmpuint (s->moderators->len, ==, 1);
  g_assert_cmpuint (s->partners->len, ==, 1);
  g_assert_true (s->room == room);
  g_assert_cmpuint (s->duration, ==, 90);
  g_assert_true (g_ptr_array_index (t->after, 0) == s);
  /* A second resolution adds nothing twice. */
  g_assert_true (crn_event_resolve_session_refs (ev, diags));
  g_assert_cmpuint (s->speakers->len, ==, 1);
}

static void
test_resolve_unknown (void)
{
  g_autoptr (CrnEvent) ev = crn_event_new ("demo");
  g_autoptr (CrnDiagnostics) diags = crn_diagnostics_new ();
  CrnSession *s = crn_event_declare_session (ev, "atelier-1", "sessions.csv", 12, NULL);
  crn_session_add_speaker (s, "carron");
  g_assert_null (crn_event_declare_session (ev, "atelier-1", "sessions.csv", 13, NULL));
  g_assert_false (crn_event_resolve_session_refs (ev, diags));
  g_assert_cmpuint (crn_diagnostics_get_n (diags), ==, 1);
  g_autofree char *text = crn_diagnostic_format (crn_diagnostics_get (diags, 0));
  g_assert_nonnull (strstr (text, "sessions.csv:12"));
  g_assert_nonnull (strstr (text, "carron"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/session-api/resolve", test_resolve_ok);
  g_test_add_func ("/model/session-api/unknown-id", test_resolve_unknown);
  return g_test_run ();
}
