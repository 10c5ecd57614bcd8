#!/usr/bin/env bash
# A cancellation after publication, on the journees-2018 example: the MRJC
# withdraws (its workshop is removed), the speakers of "Le récit de
# territoire" can no longer come on the 26th (they speak on the 27th), and
# the room of "Renouveler l'animation de réunion" is lost for the afternoon
# of the 27th. LoadEvent(replace), a minimal-change solve and a Publish
# later, `creneauctl changes --since 1` reads like a programme's errata: one
# workshop cancelled, one moved, nothing else touched.
. "$(dirname "$0")/lib.sh"

example=$CRENEAU_SOURCE_ROOT/data/examples/journees-2018

start_daemon || exit 1
expect "load journees-2018" 0 ctl load "$example"
expect "solve it" 0 ctl solve journees-2018 --time-limit 2 --seed 1
expect "publish revision 1" 0 ctl publish journees-2018
expect "show the published timetable" 0 ctl show journees-2018 --json
printf '%s\n' "$out" >"$work/published.json"
room=$(/usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
print([r["room"] for r in rows if r["session"] == "atelier-animation-reunion"][0])' "$work/published.json")
contains "the workshop has a room" "$room" "^salle-[0-9]+$"

mkdir -p "$work/edited"
cp -r "$example"/. "$work/edited/"
/usr/bin/python3 - "$work/edited" "$room" <<'EOF'
import re, sys
d, room = sys.argv[1], sys.argv[2]

def edit(name, fn):
    path = "%s/%s" % (d, name)
    text = open(path, encoding="utf-8").read()
    new = fn(text)
    assert new != text, name
    open(path, "w", encoding="utf-8").write(new)

def add_key(text, group, key, value):
    head, sep, rest = text.partition("[%s]\n" % group)
    assert sep, group
    body, nxt, tail = rest.partition("\n[")
    m = re.search(r"^%s=(.*)$" % key, body, flags=re.M)
    if m:
        body = body[:m.end()] + ";" + value + body[m.end():]
    else:
        body = body.rstrip("\n") + "\n%s=%s\n" % (key, value)
    return head + sep + body + nxt + tail

edit("event.conf", lambda t: re.sub(r"\[Session atelier-aller-vers\]\n.*?(?=\n\[)", "", t,
                                    flags=re.S))
edit("speakers.conf", lambda t: add_key(t, "Person intervenants-recit", "Unavailable",
                                        "2018-11-26"))
edit("rooms.conf", lambda t: add_key(t, "Room " + room, "Unavailable",
                                     "2018-11-27 13:00-17:30"))
EOF
expect "load the edited files (replace)" 0 ctl load --replace "$work/edited"
expect "the published timetable is broken now" 0 ctl violations journees-2018
contains "the lost room shows as a hard violation" "$out" "$room"
expect "solve with minimal change" 0 ctl solve journees-2018 --minimal-change --time-limit 2 --seed 2
contains "the minimal-change solve has no hard violation" "$out" " 0 hard violations"
expect "publish revision 2" 0 ctl publish journees-2018
contains "publish says revision 2" "$out" "revision 2 "

expect "changes since revision 1" 0 ctl changes journees-2018 --since 1
printf '%s\n' "$out" >"$work/changes.txt"
echo "creneauctl changes journees-2018 --since 1:" | diag
diag <"$work/changes.txt"
contains "the errata have a heading" "$out" "^Changes of journees-2018 from revision 1 to 2:$"
contains "the withdrawn workshop is cancelled" "$out" \
  "^  cancelled +\"Aller vers les habitant·es\" on .*27.* is cancelled\.$"
contains "the workshop that lost its room is moved" "$out" \
  "^  moved +\"Renouveler l'animation de réunion\" moves from 2018-11-27 13:30 in ${room/salle-/Salle } to 2018-11-27 13:30 in Salle [0-9]\.$"
n_lines=$(grep -c '^  [a-z]' "$work/changes.txt")
[ "$n_lines" = 2 ] && ok "nothing else changed (2 lines)" \
  || not_ok "minimal change touched more than it had to ($n_lines lines)"
expect "show the new timetable" 0 ctl show journees-2018 --json
/usr/bin/python3 - "$work/published.json" <(printf '%s\n' "$out") <<'EOF' && ok "every other session kept its time and room" || not_ok "other sessions moved"
import json, sys
old = {(r["session"], r["occurrence"]): (r["room"], r["start"]) for r in json.load(open(sys.argv[1]))}
new = {(r["session"], r["occurrence"]): (r["room"], r["start"]) for r in json.load(open(sys.argv[2]))}
moved = [k for k in new if k in old and old[k] != new[k]]
gone = [k for k in old if k not in new]
sys.exit(0 if [k[0] for k in moved] == ["atelier-animation-reunion"] and
         [k[0] for k in gone] == ["atelier-aller-vers"] else 1)
EOF

run ctl feeds journees-2018
whole=$(printf '%s\n' "$out" | awk '$1 == "event" { print $3 }')
curl -sf "$whole" >"$work/feed.ics"
grep -A25 '^UID:atelier-aller-vers@journees-2018.creneau' "$work/feed.ics" | grep -q '^STATUS:CANCELLED' \
  && ok "the feed keeps the cancelled workshop as CANCELLED" || not_ok "the cancelled workshop is not CANCELLED in the feed"

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "the daemon exited with $daemon_rc"
finish
