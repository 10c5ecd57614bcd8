/* JSON export: hostile strings come out as valid JSON with the same text,
 * checked by an independent parser (Python's json module). */
#include "config.h"

#include "interchange/json.h"

#include <glib/gstdio.h>
#include <string.h>

static const char *const hostile[] = {
  "quote \" backslash \\ slash / tab \t newline \n return \r",
  "controls \x01\x02\x1f\x7f and bell \a form \f backspace \b",
  "unicode é ü 漢字 😀 and separators \u2028 \u2029",
  "</script><script>alert(1)</script> {\"json\": [1,2]}",
  "",
};

static char *
write_temp (const char *content, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("creneau-json-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_assert_true (g_file_set_contents (path, content, len, &error));
  return path;
}

/* Runs Python on the JSON and the expected strings; it exits 0 only when the
 * document parses and each string decodes to exactly what was written. */
static void
check_with_python (const char *json, const char *check)
{
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)) {
    g_test_skip ("python3 is not installed");
    return;
  }
  GString *expected = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++) {
    g_string_append (expected, hostile[i]);
    g_string_append_c (expected, '\0');
  }
  g_autofree char *json_path = write_temp (json, -1);
  g_autofree char *expected_path = write_temp (expected->str, (gssize) expected->len);
  g_string_free (expected, TRUE);
  const char *argv[] = { "/usr/bin/python3", "-c", check, json_path, expected_path, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_unlink (json_path);
  g_unlink (expected_path);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python rejects the JSON: %s%s", out, err);
}

static void
test_escaping (void)
{
  GString *doc = g_string_new ("[");
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++) {
    if (i)
      g_string_append_c (doc, ',');
    crn_json_append_string (doc, hostile[i]);
  }
  g_string_append (doc, ",null]");
  g_autofree char *json = g_string_free (doc, FALSE);
  /* Nothing below U+0020 and no raw line separator survives unescaped. */
  for (const char *c = json; *c; c++)
    g_assert_cmpint ((guchar) *c, >=, 0x20);
  g_assert_null (strstr (json, "\u2028"));
  check_with_python (json,
                     "import json,sys\n"
                     "d=json.load(open(sys.argv[1],encoding='utf-8'))\n"
                     "e=open(sys.argv[2],encoding='utf-8',newline='').read().split('\\0')[:-1]\n"
                     "sys.exit(0 if d[:-1]==e and d[-1] is None else 'mismatch: %r' % d)\n");

  /* Invalid UTF-8 is replaced, never copied. */
  GString *bad = g_string_new (NULL);
  crn_json_append_string (bad, "a\xff\xfe" "b");
  g_assert_true (g_utf8_validate (bad->str, -1, NULL));
  g_string_free (bad, TRUE);
}

static void
test_timetable (void)
{
  g_autoptr (CrnEvent) ev = crn_event_new ("demo");
  g_assert_true (crn_event_set_timezone (ev, "Europe/Paris"));
  ev->name = g_strdup (hostile[3]);
  CrnRoom *room = crn_event_add_room (ev, "amphi", NULL);
  crn_room_set_name (room, hostile[2]);
  CrnPerson *p = crn_event_add_person (ev, "caron", NULL);
  crn_person_set_name (p, hostile[1]);
  CrnPartner *partner = crn_event_add_partner (ev, "cget", NULL);
  crn_partner_set_name (partner, hostile[4]);
  CrnSession *s = crn_event_add_session (ev, "ouverture", NULL);
  g_free (s->title);
  s->title = g_strdup (hostile[0]);
  s->duration = 60;
  s->track = g_strdup ("t");
  g_ptr_array_add (s->speakers, p);
  g_ptr_array_add (s->partners, partner);
  CrnSession *t = crn_event_add_session (ev, "cloture", NULL);
  t->duration = 30;
  g_ptr_array_add (t->moderators, p);

  g_autoptr (CrnTimetable) tt = crn_timetable_new (ev);
  CrnAssignment *a = crn_timetable_lookup (tt, "ouverture", 1);
  a->room = room;
  crn_time_parse ("2018-11-26 09:30", &a->start);
  a->assigned = TRUE;
  CrnViolation *v = g_new0 (CrnViolation, 1);
  v->rule = g_strdup ("H2");
  v->severity = CRN_VIOLATION_HARD;
  const char *sessions[] = { "ouverture", "cloture", NULL };
  v->sessions = g_strdupv ((char **) sessions);
  v->resources = g_strdupv ((char *[]) { "caron", NULL });
  v->message = g_strdup (hostile[1]);
  v->cost = 1;
  g_ptr_array_add (tt->violations, v);
  tt->hard = 1;
  tt->soft = 7;

  g_autofree char *json = crn_json_write_timetable (tt);
  check_with_python (json,
                     "import json,sys\n"
                     "d=json.load(open(sys.argv[1],encoding='utf-8'))\n"
                     "e=open(sys.argv[2],encoding='utf-8',newline='').read().split('\\0')\n"
                     "s=d['sessions'][0]\n"
                     "ok=(d['event']=={'id':'demo','name':e[3],'timezone':'Europe/Paris'}\n"
                     " and d['hard']==1 and d['soft']==7\n"
                     " and s['id']=='ouverture' and s['occurrence']==1 and s['title']==e[0]\n"
                     " and s['room']=={'id':'amphi','name':e[2]} and s['kind']=='other'\n"
                     " and s['start']=='2018-11-26T09:30:00+01:00' and s['end']=='2018-11-26T10:30:00+01:00'\n"
                     " and s['start_utc']=='2018-11-26T08:30:00Z' and s['end_utc']=='2018-11-26T09:30:00Z'\n"
                     " and s['speakers']==[{'id':'caron','name':e[1]}] and s['moderators']==[]\n"
                     " and s['partners']==[{'id':'cget','name':e[4]}] and s['track']=='t'\n"
                     " and d['sessions'][1]['room'] is None and d['sessions'][1]['start'] is None\n"
                     " and d['sessions'][1]['moderators'][0]['id']=='caron'\n"
                     " and d['sessions'][1]['track'] is None\n"
                     " and d['violations']==[{'rule':'H2','severity':'hard','sessions':['ouverture','cloture'],\n"
                     "   'resources':['caron'],'message':e[1],'cost':1}])\n"
                     "sys.exit(0 if ok else 'mismatch: %r' % d)\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/escaping", test_escaping);
  g_test_add_func ("/json/timetable", test_timetable);
  return g_test_run ();
}
