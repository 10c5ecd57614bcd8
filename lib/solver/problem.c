/* creneau — compiling an event into the grid problem the search works on. */
#include "config.h"

#include "problem.h"

#include <string.h>

static gboolean
session_has_day (const CrnSession *s, CrnTime midnight)
{
  if (s->days->len == 0)
    return TRUE;
  for (guint i = 0; i < s->days->len; i++)
    if (g_array_index (s->days, CrnTime, i) == midnight)
      return TRUE;
  return FALSE;
}

static gboolean
session_has_start_minute (const CrnSession *s, int minute)
{
  if (s->starts->len == 0)
    return TRUE;
  for (guint i = 0; i < s->starts->len; i++)
    if (g_array_index (s->starts, int, i) == minute)
      return TRUE;
  return FALSE;
}

static CrnCandidateReason
people_reason (const GPtrArray *people, CrnTime start, CrnTime end, const CrnPerson **out)
{
  for (guint i = 0; i < people->len; i++) {
    const CrnPerson *p = g_ptr_array_index (people, i);
    if (crn_interval_set_overlaps (p->unavailable, start, end)) {
      if (out)
        *out = p;
      return CRN_CAND_PERSON_UNAVAILABLE;
    }
  }
  return CRN_CAND_OK;
}

CrnCandidateReason
crn_problem_start_reason (const CrnEvent *event, const CrnSession *s, CrnTime start,
                          const CrnPerson **out_person, const CrnPartner **out_partner)
{
  (void) event;
  CrnTime end = start + s->duration;
  if (s->has_start && s->start != start)
    return CRN_CAND_FIXED_START;
  if (!session_has_day (s, crn_time_day_start (start)))
    return CRN_CAND_DAYS;
  if (!session_has_start_minute (s, crn_time_minute_of_day (start)))
    return CRN_CAND_STARTS;
  if (crn_interval_set_overlaps (s->unavailable, start, end))
    return CRN_CAND_SESSION_UNAVAILABLE;
  CrnCandidateReason r = people_reason (s->speakers, start, end, out_person);
  if (r == CRN_CAND_OK)
    r = people_reason (s->moderators, start, end, out_person);
  if (r != CRN_CAND_OK)
    return r;
  for (guint i = 0; i < s->partners->len; i++) {
    const CrnPartner *pa = g_ptr_array_index (s->partners, i);
    if ((!crn_interval_set_is_empty (pa->available)
         && !crn_interval_set_fits (pa->available, start, end))
        || crn_interval_set_overlaps (pa->unavailable, start, end)) {
      if (out_partner)
        *out_partner = pa;
      return CRN_CAND_PARTNER_UNAVAILABLE;
    }
  }
  return CRN_CAND_OK;
}

static gboolean
room_has_tag (const CrnRoom *room, const char *tag)
{
  for (guint i = 0; i < room->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (room->tags, i), tag) == 0)
      return TRUE;
  return FALSE;
}

CrnCandidateReason
crn_problem_room_reason (const CrnEvent *event, const CrnSession *s, const CrnRoom *room)
{
  if (s->room != NULL && s->room != room)
    return CRN_CAND_ROOM_FIXED;
  for (guint i = 0; i < s->room_tags->len; i++)
    if (!room_has_tag (room, g_ptr_array_index (s->room_tags, i)))
      return CRN_CAND_ROOM_TAGS;
  if (event->weights[CRN_S1_CAPACITY_OVERFLOW] == CRN_WEIGHT_HARD
      && room->capacity < s->attendance)
    return CRN_CAND_ROOM_CAPACITY;
  return CRN_CAND_OK;
}

/* Interns a string into a dense index. */
static guint
intern (GHashTable *table, GPtrArray *names, const char *name)
{
  gpointer v;
  if (g_hash_table_lookup_extended (table, name, NULL, &v))
    return GPOINTER_TO_UINT (v);
  guint i = names->len;
  g_ptr_array_add (names, g_strdup (name));
  g_hash_table_insert (table, g_ptr_array_index (names, i), GUINT_TO_POINTER (i));
  return i;
}

static void
build_grid (CrnProblem *p)
{
  const CrnEvent *ev = p->event;
  guint g = MAX (ev->granularity, 1);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (CrnTime));
  GArray *days = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *wins = g_array_new (FALSE, FALSE, sizeof (guint));
  guint win = 0;
  for (guint d = 0; d < ev->days->len; d++) {
    const CrnDay *day = &g_array_index (ev->days, CrnDay, d);
    g_autoptr (CrnIntervalSet) open = crn_interval_set_copy (day->open);
    for (guint b = 0; b < ev->breaks->len; b++) {
      const CrnBreak *br = g_ptr_array_index (ev->breaks, b);
      crn_interval_set_remove (open, br->start, br->end);
    }
    for (guint i = 0; i < crn_interval_set_get_n (open); i++) {
      CrnInterval iv = crn_interval_set_get (open, i);
      for (CrnTime t = iv.start; t + g <= iv.end; t += g) {
        g_array_append_val (times, t);
        g_array_append_val (days, d);
        g_array_append_val (wins, win);
      }
      win++;
    }
  }
  p->n_steps = times->len;
  p->n_days = ev->days->len;
  p->step_time = (CrnTime *) g_array_free (times, FALSE);
  p->step_day = (guint *) g_array_free (days, FALSE);
  p->step_window = (guint *) g_array_free (wins, FALSE);
  p->step_next = g_new (gint, p->n_steps + 1);
  p->step_prev = g_new (gint, p->n_steps + 1);
  for (guint t = 0; t < p->n_steps; t++) {
    p->step_next[t] = (t + 1 < p->n_steps && p->step_window[t + 1] == p->step_window[t])
                        ? (gint) t + 1 : -1;
    p->step_prev[t] = (t > 0 && p->step_window[t - 1] == p->step_window[t]) ? (gint) t - 1 : -1;
  }
}

gint
crn_problem_step_at (const CrnProblem *p, CrnTime t)
{
  guint lo = 0, hi = p->n_steps;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (p->step_time[mid] < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < p->n_steps && p->step_time[lo] == t ? (gint) lo : -1;
}

/* The step run [t, t+len) lies in one window. */
static gboolean
fits_window (const CrnProblem *p, guint t, guint len)
{
  return t + len <= p->n_steps && p->step_window[t + len - 1] == p->step_window[t];
}

static void
build_room_busy (CrnProblem *p)
{
  guint g = MAX (p->event->granularity, 1);
  p->room_busy = g_new0 (guint8, (gsize) p->n_rooms * p->n_steps + 1);
  for (guint r = 0; r < p->n_rooms; r++) {
    const CrnRoom *room = g_ptr_array_index (p->event->rooms, r);
    if (crn_interval_set_is_empty (room->unavailable))
      continue;
    for (guint t = 0; t < p->n_steps; t++)
      p->room_busy[(gsize) r * p->n_steps + t] =
        crn_interval_set_overlaps (room->unavailable, p->step_time[t], p->step_time[t] + g);
  }
}

static guint16
preference_cost (const CrnSession *s, CrnTime start)
{
  CrnTime end = start + s->duration;
  guint c = 0;
  const GPtrArray *groups[2] = { s->speakers, s->moderators };
  for (int k = 0; k < 2; k++)
    for (guint i = 0; i < groups[k]->len; i++) {
      const CrnPerson *pe = g_ptr_array_index (groups[k], i);
      if (!crn_interval_set_is_empty (pe->preferred)
          && !crn_interval_set_fits (pe->preferred, start, end))
        c++;
      if (crn_interval_set_overlaps (pe->discouraged, start, end))
        c++;
    }
  for (guint i = 0; i < s->partners->len; i++) {
    const CrnPartner *pa = g_ptr_array_index (s->partners, i);
    if (!crn_interval_set_is_empty (pa->preferred)
        && !crn_interval_set_fits (pa->preferred, start, end))
      c++;
  }
  return (guint16) MIN (c, G_MAXUINT16);
}

static gboolean
session_has_preferences (const CrnSession *s)
{
  const GPtrArray *groups[2] = { s->speakers, s->moderators };
  for (int k = 0; k < 2; k++)
    for (guint i = 0; i < groups[k]->len; i++) {
      const CrnPerson *pe = g_ptr_array_index (groups[k], i);
      if (!crn_interval_set_is_empty (pe->preferred)
          || !crn_interval_set_is_empty (pe->discouraged))
        return TRUE;
    }
  for (guint i = 0; i < s->partners->len; i++) {
    const CrnPartner *pa = g_ptr_array_index (s->partners, i);
    if (!crn_interval_set_is_empty (pa->preferred))
      return TRUE;
  }
  return FALSE;
}

/* Least overflow first, then the smallest room. */
static gint
cmp_room_fit (gconstpointer a, gconstpointer b, gpointer data)
{
  const CrnSession *s = ((gpointer *) data)[1];
  const CrnEvent *ev = ((gpointer *) data)[0];
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint cx = ((CrnRoom *) g_ptr_array_index (ev->rooms, x))->capacity;
  guint cy = ((CrnRoom *) g_ptr_array_index (ev->rooms, y))->capacity;
  guint ox = cx < s->attendance ? s->attendance - cx : 0;
  guint oy = cy < s->attendance ? s->attendance - cy : 0;
  if (ox != oy)
    return ox < oy ? -1 : 1;
  if (cx != cy)
    return cx < cy ? -1 : 1;
  return x < y ? -1 : (x > y ? 1 : 0);
}

static void
build_candidates (CrnProblem *p, const CrnSession *s, CrnProbSession *ps)
{
  guint g = MAX (p->event->granularity, 1);
  ps->len = MAX (1, (s->duration + g - 1) / g);
  ps->start_ok = g_new0 (guint8, p->n_steps + 1);
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  /* pass 1 ignores availability, pass 2 even the windows: the session
   * still gets a place and its violations are reported */
  for (int pass = 0; pass < 3 && starts->len == 0; pass++)
    for (guint t = 0; t < p->n_steps; t++) {
      if (pass < 2 ? !fits_window (p, t, ps->len) : t + ps->len > p->n_steps)
        continue;
      if (pass == 0
          && crn_problem_start_reason (p->event, s, p->step_time[t], NULL, NULL) != CRN_CAND_OK)
        continue;
      if (pass > 0)
        ps->relaxed = TRUE;
      g_array_append_val (starts, t);
      ps->start_ok[t] = 1;
    }
  ps->n_starts = starts->len;
  ps->starts = (guint *) g_array_free (starts, FALSE);

  GArray *rooms = g_array_new (FALSE, FALSE, sizeof (guint));
  for (int pass = 0; pass < 2 && rooms->len == 0; pass++)
    for (guint r = 0; r < p->n_rooms; r++) {
      const CrnRoom *room = g_ptr_array_index (p->event->rooms, r);
      if (pass == 0 && crn_problem_room_reason (p->event, s, room) != CRN_CAND_OK)
        continue;
      if (pass == 1)
        ps->relaxed = TRUE;
      g_array_append_val (rooms, r);
    }
  /* best fitting room first: construction takes the first free one */
  gpointer fit[2] = { (gpointer) p->event, (gpointer) s };
  g_array_sort_with_data (rooms, cmp_room_fit, fit);
  ps->n_rooms = rooms->len;
  ps->rooms = (guint *) g_array_free (rooms, FALSE);
  ps->room_slot = g_new (gint16, p->n_rooms + 1);
  for (guint r = 0; r < p->n_rooms; r++)
    ps->room_slot[r] = -1;
  ps->room_cost = g_new0 (guint, ps->n_rooms + 1);
  for (guint i = 0; i < ps->n_rooms; i++) {
    const CrnRoom *room = g_ptr_array_index (p->event->rooms, ps->rooms[i]);
    ps->room_slot[ps->rooms[i]] = (gint16) i;
    if (room->capacity < s->attendance)
      ps->room_cost[i] = (s->attendance - room->capacity) * (guint) p->w[CRN_S1_CAPACITY_OVERFLOW];
  }

  if (p->w[CRN_S7_PREFERENCE] > 0 && session_has_preferences (s)) {
    ps->pref_cost = g_new0 (guint16, p->n_steps + 1);
    for (guint i = 0; i < ps->n_starts; i++)
      ps->pref_cost[ps->starts[i]] = preference_cost (s, p->step_time[ps->starts[i]]);
  }
}

static guint *
uint_array_steal (GArray *a, guint *n)
{
  *n = a->len;
  return (guint *) g_array_free (a, FALSE);
}

static void
add_unique (GArray *a, guint v)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, guint, i) == v)
      return;
  g_array_append_val (a, v);
}

CrnProblem *
crn_problem_new (const CrnEvent *ev)
{
  CrnProblem *p = g_new0 (CrnProblem, 1);
  p->event = ev;
  for (int i = 0; i < CRN_N_SOFT; i++)
    p->w[i] = ev->weights[i] < 0 ? (i == CRN_S1_CAPACITY_OVERFLOW ? 0 : 1000) : ev->weights[i];
  p->capacity_hard = ev->weights[CRN_S1_CAPACITY_OVERFLOW] == CRN_WEIGHT_HARD;
  p->n_rooms = ev->rooms->len;
  p->n_people = ev->people->len;
  p->n_sessions = ev->sessions->len;
  build_grid (p);
  build_room_busy (p);

  g_autoptr (GHashTable) sites = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) site_names = g_ptr_array_new_with_free_func (g_free);
  p->room_site = g_new (gint, p->n_rooms + 1);
  for (guint r = 0; r < p->n_rooms; r++) {
    const CrnRoom *room = g_ptr_array_index (ev->rooms, r);
    p->room_site[r] = room->site ? (gint) intern (sites, site_names, room->site) : -1;
  }
  p->has_travel = ev->travel_minutes > 0 && site_names->len > 1;

  g_autoptr (GHashTable) aud_table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) aud_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) track_table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) track_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) block_table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) block_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) part_table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) part_names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < p->n_sessions; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    for (guint a = 0; a < s->audiences->len; a++)
      intern (aud_table, aud_names, g_ptr_array_index (s->audiences, a));
  }
  p->n_real_audiences = aud_names->len;
  guint n_self = 0;
  for (guint i = 0; i < p->n_sessions; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    if (s->count > 1)
      n_self++;
  }
  p->n_audiences = p->n_real_audiences + n_self;

  p->sessions = g_new0 (CrnProbSession, p->n_sessions + 1);
  p->n_occ = crn_event_count_occurrences (ev);
  p->occ_session = g_new (guint, p->n_occ + 1);
  p->occ_k = g_new (guint, p->n_occ + 1);
  GArray **members = g_new0 (GArray *, p->n_audiences + 1);
  for (guint a = 0; a < p->n_audiences; a++)
    members[a] = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *part_sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < ev->registrations->len; i++) {
    const CrnRegistration *reg = &g_array_index (ev->registrations, CrnRegistration, i);
    guint pi = intern (part_table, part_names, reg->participant);
    (void) pi;
  }
  p->n_participants = part_names->len;
  GArray **sess_parts = g_new0 (GArray *, p->n_sessions + 1);
  for (guint i = 0; i < p->n_sessions; i++)
    sess_parts[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < ev->registrations->len; i++) {
    const CrnRegistration *reg = &g_array_index (ev->registrations, CrnRegistration, i);
    if (reg->session == NULL)
      continue;
    guint pi = GPOINTER_TO_UINT (g_hash_table_lookup (part_table, reg->participant));
    add_unique (sess_parts[reg->session->index], pi);
  }
  g_ptr_array_unref (part_sessions);

  guint occ = 0, self = p->n_real_audiences;
  GArray **befores = g_new0 (GArray *, p->n_sessions + 1);
  for (guint i = 0; i < p->n_sessions; i++)
    befores[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < p->n_sessions; i++) {
    const CrnSession *s = g_ptr_array_index (ev->sessions, i);
    CrnProbSession *ps = &p->sessions[i];
    build_candidates (p, s, ps);
    GArray *people = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint k = 0; k < s->speakers->len; k++)
      add_unique (people, ((CrnPerson *) g_ptr_array_index (s->speakers, k))->index);
    for (guint k = 0; k < s->moderators->len; k++)
      add_unique (people, ((CrnPerson *) g_ptr_array_index (s->moderators, k))->index);
    ps->people = uint_array_steal (people, &ps->n_people);
    GArray *auds = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint a = 0; a < s->audiences->len; a++)
      add_unique (auds, GPOINTER_TO_UINT (g_hash_table_lookup (aud_table,
                                                               g_ptr_array_index (s->audiences, a))));
    if (s->count > 1) {
      guint own = self++;
      g_array_append_val (auds, own);
    }
    ps->audiences = uint_array_steal (auds, &ps->n_audiences);
    ps->participants = uint_array_steal (sess_parts[i], &ps->n_participants);
    GArray *after = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint k = 0; k < s->after->len; k++) {
      guint j = ((CrnSession *) g_ptr_array_index (s->after, k))->index;
      if (j != i) {
        add_unique (after, j);
        add_unique (befores[j], i);
      }
    }
    ps->after = uint_array_steal (after, &ps->n_after);
    ps->block = s->block ? (gint) intern (block_table, block_names, s->block) : -1;
    ps->track = s->track ? (gint) intern (track_table, track_names, s->track) : -1;
    ps->exclusive = s->exclusive;
    ps->min_days = s->min_days;
    ps->first_occ = occ;
    ps->count = s->count;
    ps->people_weight = 1 + ps->n_people + ps->n_participants;
    for (guint k = 0; k < s->count; k++, occ++) {
      p->occ_session[occ] = i;
      p->occ_k[occ] = k;
      for (guint a = 0; a < ps->n_audiences; a++)
        g_array_append_val (members[ps->audiences[a]], occ);
    }
  }
  for (guint i = 0; i < p->n_sessions; i++)
    p->sessions[i].before = uint_array_steal (befores[i], &p->sessions[i].n_before);
  g_free (befores);
  g_free (sess_parts);

  p->audience_members = g_new0 (guint *, p->n_audiences + 1);
  p->audience_n_members = g_new0 (guint, p->n_audiences + 1);
  p->audience_unit = g_new0 (gboolean, p->n_audiences + 1);
  for (guint a = 0; a < p->n_audiences; a++) {
    p->audience_members[a] = uint_array_steal (members[a], &p->audience_n_members[a]);
    gboolean unit = TRUE;
    for (guint m = 0; m < p->audience_n_members[a]; m++)
      if (p->sessions[p->occ_session[p->audience_members[a][m]]].len != 1)
        unit = FALSE;
    p->audience_unit[a] = unit;
  }
  g_free (members);
  p->audience_names = g_new0 (char *, p->n_real_audiences + 1);
  for (guint a = 0; a < p->n_real_audiences; a++)
    p->audience_names[a] = g_strdup (g_ptr_array_index (aud_names, a));

  {
    GArray **po = g_new0 (GArray *, p->n_participants + 1);
    for (guint q = 0; q < p->n_participants; q++)
      po[q] = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint o = 0; o < p->n_occ; o++) {
      const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
      for (guint k = 0; k < ps->n_participants; k++)
        g_array_append_val (po[ps->participants[k]], o);
    }
    p->participant_occs = g_new0 (guint *, p->n_participants + 1);
    p->participant_n_occs = g_new0 (guint, p->n_participants + 1);
    for (guint q = 0; q < p->n_participants; q++)
      p->participant_occs[q] = uint_array_steal (po[q], &p->participant_n_occs[q]);
    g_free (po);
  }
  if (p->has_travel) {
    GArray **po = g_new0 (GArray *, p->n_people + 1);
    for (guint pe = 0; pe < p->n_people; pe++)
      po[pe] = g_array_new (FALSE, FALSE, sizeof (guint));
    for (guint o = 0; o < p->n_occ; o++) {
      const CrnProbSession *ps = &p->sessions[p->occ_session[o]];
      for (guint k = 0; k < ps->n_people; k++)
        g_array_append_val (po[ps->people[k]], o);
    }
    p->person_occs = g_new0 (guint *, p->n_people + 1);
    p->person_n_occs = g_new0 (guint, p->n_people + 1);
    for (guint pe = 0; pe < p->n_people; pe++)
      p->person_occs[pe] = uint_array_steal (po[pe], &p->person_n_occs[pe]);
    g_free (po);
  }

  p->n_tracks = track_names->len;
  p->n_blocks = block_names->len;
  GArray **bm = g_new0 (GArray *, p->n_blocks + 1);
  for (guint b = 0; b < p->n_blocks; b++)
    bm[b] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < p->n_sessions; i++)
    if (p->sessions[i].block >= 0)
      g_array_append_val (bm[p->sessions[i].block], i);
  p->block_members = g_new0 (guint *, p->n_blocks + 1);
  p->block_n_members = g_new0 (guint, p->n_blocks + 1);
  for (guint b = 0; b < p->n_blocks; b++)
    p->block_members[b] = uint_array_steal (bm[b], &p->block_n_members[b]);
  g_free (bm);
  return p;
}

void
crn_problem_free (CrnProblem *p)
{
  if (p == NULL)
    return;
  for (guint i = 0; i < p->n_sessions; i++) {
    CrnProbSession *ps = &p->sessions[i];
    g_free (ps->starts);
    g_free (ps->start_ok);
    g_free (ps->rooms);
    g_free (ps->room_slot);
    g_free (ps->room_cost);
    g_free (ps->people);
    g_free (ps->audiences);
    g_free (ps->participants);
    g_free (ps->after);
    g_free (ps->before);
    g_free (ps->pref_cost);
  }
  g_free (p->sessions);
  for (guint a = 0; a < p->n_audiences; a++)
    g_free (p->audience_members[a]);
  g_free (p->audience_members);
  g_free (p->audience_n_members);
  g_free (p->audience_unit);
  g_strfreev (p->audience_names);
  for (guint b = 0; b < p->n_blocks; b++)
    g_free (p->block_members[b]);
  g_free (p->block_members);
  g_free (p->block_n_members);
  g_free (p->occ_session);
  g_free (p->occ_k);
  g_free (p->step_time);
  g_free (p->step_day);
  g_free (p->step_window);
  g_free (p->step_next);
  g_free (p->step_prev);
  g_free (p->room_busy);
  g_free (p->room_site);
  for (guint q = 0; q < p->n_participants; q++)
    g_free (p->participant_occs[q]);
  g_free (p->participant_occs);
  g_free (p->participant_n_occs);
  if (p->person_occs)
    for (guint pe = 0; pe < p->n_people; pe++)
      g_free (p->person_occs[pe]);
  g_free (p->person_occs);
  g_free (p->person_n_occs);
  g_free (p);
}
