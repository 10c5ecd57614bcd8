#!/usr/bin/env bash
# The daemon's state survives a restart: events, timetable, pins, revisions
# with their SEQUENCE and changelog, feed tokens; a revoked feed token is
# dead for good; a write the database refuses is answered as a failure
# naming the database, and the daemon goes on.
. "$(dirname "$0")/lib.sh"

db=$work/state/creneau.db
ev=journee-test

# Everything a client can read about the event, with the feeds' port (which
# changes from one start to the next) left out.
snapshot () {
  local to=$1
  {
    echo "## list"; ctl list
    echo "## status"; ctl status "$ev"
    echo "## show"; ctl show "$ev"
    echo "## show json"; ctl show "$ev" --json
    echo "## violations"; ctl violations "$ev"
    echo "## changes"; ctl changes "$ev"
    echo "## changes since 1"; ctl changes "$ev" --since 1
    echo "## feeds"; ctl feeds "$ev" | sed -E 's#127\.0\.0\.1:[0-9]+#127.0.0.1:PORT#'
    echo "## export ics"; ctl export "$ev" --format ics
    echo "## export room ics"; ctl export "$ev" --format ics --room amphi
    echo "## whole feed"; curl -sf "$(feed_url event)"
    echo "## room feed"; curl -sf "$(feed_url room amphi)"
  } >"$to" 2>&1
}

# feed_url KIND [TARGET]: the address `creneauctl feeds` gives.
feed_url () {
  ctl feeds "$ev" | awk -v k="$1" -v t="${2:--}" '$1 == k && $2 == t { print $3 }'
}

# reroot URL: the same feed at the port the daemon listens on now.
reroot () {
  local base
  base=$(feed_url event)
  echo "${base%%/events/*}/events/${1#*/events/}"
}

http_status () {
  curl -s -o /dev/null -w '%{http_code}' "$1"
}

start_daemon || exit 1
expect "load" 0 ctl load "$fixture"
expect "solve" 0 ctl solve "$ev" --time-limit 1 --seed 3
expect "pin a workshop" 0 ctl pin "$ev" atelier-recit:2 salle-b '2030-03-14 15:00'
expect "solve with the pin" 0 ctl solve "$ev" --time-limit 1 --seed 4
expect "publish revision 1" 0 ctl publish "$ev"
# A session renamed in the event's files and published again gives a
# changelog line and a SEQUENCE above 0.
cp -r "$fixture" "$work/renamed"
sed -i 's/^Title=Atelier : la gestion de l.eau$/Title=Atelier : l’eau des territoires/' \
  "$work/renamed/event.conf"
expect "load the renamed event with --replace" 0 ctl load --replace "$work/renamed"
expect "publish revision 2" 0 ctl publish "$ev"
contains "revision 2 is acknowledged" "$out" "^Published revision 2 of $ev\.$"
run ctl changes "$ev" --since 1
contains "revision 2 lists the rename" "$out" "renamed"
run ctl export "$ev" --format ics
contains "the renamed session has SEQUENCE 1" "$out" "^SEQUENCE:1"
[ -f "$db" ] && ok "the state is in creneau.db in the state directory" || not_ok "no $db"

snapshot "$work/before"
amphi_before=$(feed_url room amphi)
expect "daemon stops cleanly" 0 stop_daemon
[ "$daemon_rc" = 0 ] && ok "with status 0" || not_ok "daemon exited with $daemon_rc"

start_daemon || exit 1
snapshot "$work/after"
if cmp -s "$work/before" "$work/after"; then
  ok "list, status, show, violations, changes, feeds, exports and feeds are identical after a restart"
else
  not_ok "the state changed across a restart"
  diff "$work/before" "$work/after" | head -40 | diag
fi
grep -q '^SEQUENCE:1' "$work/after" && ok "SEQUENCE is kept" || not_ok "SEQUENCE lost"
run ctl status "$ev"
contains "the revision number is kept" "$out" "Revision: +2"
# The pins hold after the restart: unpinning finds them.
expect "the pin is still there" 0 ctl unpin "$ev" atelier-recit:2
expect "the next publication continues the numbering" 0 ctl publish "$ev"
contains "as revision 3" "$out" "^Published revision 3 of $ev\.$"

# Revocation
amphi=$(feed_url room amphi)
[ "$amphi" = "$amphi_before" ] || [ "${amphi##*/}" = "${amphi_before##*/}" ] \
  && ok "the feed token is the same after a restart" || not_ok "the token changed: $amphi_before $amphi"
[ "$(http_status "$amphi")" = 200 ] && ok "the room feed answers 200" || not_ok "room feed not served"
token=${amphi##*/}; token=${token%.ics}
expect "revoke the token" 0 ctl feeds "$ev" --revoke "$token"
contains "revoke says so" "$out" "^Revoked feed token $token of $ev\.$"
[ "$(http_status "$amphi")" = 404 ] && ok "the revoked feed gives 404" || not_ok "revoked feed still served"
expect "revoking it again" 1 ctl feeds "$ev" --revoke "$token"
one_sentence "the error is one sentence" "$err"
contains "and says the token is unknown" "$err" "no live feed token"
expect "revoke on a made-up token" 1 ctl feeds "$ev" --revoke 0123456789abcdef0123456789abcdef
expect "revoke with an empty token" 2 ctl feeds "$ev" --revoke ""
renewed=$(feed_url room amphi)
[ -n "$renewed" ] && [ "${renewed##*/}" != "${amphi##*/}" ] \
  && ok "the next listing gives a new token" || not_ok "no new token: $renewed"
[ "$(http_status "$renewed")" = 200 ] && ok "the new token is served" || not_ok "new token not served"
salle_a=$(feed_url room salle-a)
expect "revoke by address" 0 ctl feeds "$ev" --revoke "$salle_a"
[ "$(http_status "$salle_a")" = 404 ] && ok "that feed gives 404 too" || not_ok "salle-a still served"
path=$(gdbus call --session -d org.creneau.Scheduler1 -o /org/creneau/Scheduler1 \
  -m org.creneau.Scheduler1.ListEvents | grep -o "/org/creneau/Scheduler1/events/[^']*")
renewed_token=${renewed##*/}
expect "RevokeFeed over dbus-send" 0 dbus-send --session --print-reply --dest=org.creneau.Scheduler1 \
  "$path" org.creneau.Scheduler1.Event.RevokeFeed string:"${renewed_token%.ics}"
renewed=$(feed_url room amphi)

stop_daemon
start_daemon || exit 1
[ "$(http_status "$(reroot "$amphi")")" = 404 ] && ok "the revoked token stays dead after a restart" \
  || not_ok "a revoked token came back"
[ "$(http_status "$(reroot "$salle_a")")" = 404 ] && ok "so does the one revoked by address" \
  || not_ok "a revoked token came back"
[ "$(feed_url room amphi)" != "" ] && [ "$(feed_url room amphi | sed 's#.*/##')" = "${renewed##*/}" ] \
  && ok "the renewed token is kept" || not_ok "the renewed token changed"

# A write the database refuses: another connection holds the write lock
# for longer than the daemon waits for it.
ctl show "$ev" >"$work/show-before-lock"
/usr/bin/python3 - "$db" "$work/locked" <<'EOF' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(8)
c.execute("ROLLBACK")
EOF
locker=$!
for _ in $(seq 50); do [ -e "$work/locked" ] && break; sleep 0.1; done
expect "a pin the database cannot take fails" 1 ctl pin "$ev" atelier-eau salle-a '2030-03-14 09:45'
contains "the error names the database" "$err" "state database .*creneau\.db"
one_sentence "in one sentence" "$err"
wait "$locker"
expect "the daemon still answers" 0 ctl status "$ev"
run ctl show "$ev" --json
if printf '%s' "$out" | /usr/bin/python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s.get("session", s.get("id")) == "atelier-eau" and s.get("pinned"):
        sys.exit(1)'; then
  ok "the refused pin was not applied"
else
  not_ok "the refused pin shows up"
fi
ctl show "$ev" >"$work/show-after-lock"
cmp -s "$work/show-before-lock" "$work/show-after-lock" \
  && ok "the timetable did not move either" || not_ok "the refused pin moved the timetable"
expect "once the lock is gone the pin works" 0 ctl pin "$ev" atelier-eau salle-a '2030-03-14 09:45'
integrity=$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$db")
[ "$integrity" = ok ] && ok "integrity_check is ok" || not_ok "integrity_check: $integrity"

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon exits with status 0" || not_ok "daemon exited with $daemon_rc"
finish
