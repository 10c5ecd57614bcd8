#!/usr/bin/env bash
# Remote calendars: the daemon fetches a speaker's Calendar= URL for the
# plugin, in the reading thread, and refuses addresses it must not reach.
. "$(dirname "$0")/lib.sh"

remote=$CRENEAU_SOURCE_ROOT/tests/daemon/remote
mkdir -p "$work/serve" "$work/event"
cp "$remote/ana.ics" "$work/serve/"
/usr/bin/python3 -u -m http.server --bind 127.0.0.1 --directory "$work/serve" 0 \
  >"$work/http.log" 2>&1 &
http=$!
port=
for _ in $(seq 1 50); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -n1)
  [ -n "$port" ] && break
  sleep 0.1
done
cp "$remote/event.conf" "$remote/rooms.conf" "$work/event/"
printf '[Person ana]\nName=Ana\nCalendar=http://127.0.0.1:%s/ana.ics\n' "$port" \
  >"$work/event/speakers.conf"

start_daemon || exit 1
expect "load an event with a remote calendar" 0 ctl load "$work/event"
grep -q 'GET /ana.ics' "$work/http.log" && ok "the daemon fetched the calendar" \
  || not_ok "the calendar was not fetched"
expect "solve it" 0 ctl solve calendrier-distant --time-limit 1 --seed 2
expect "show it" 0 ctl show calendrier-distant
contains "the talk is after the remote busy time" "$out" "^  16:00-17:00  amphi +Conférence$"

printf '[Person ana]\nName=Ana\nCalendar=http://192.0.2.1/ana.ics\n' >"$work/event/speakers.conf"
expect "a plain http address elsewhere is refused" 1 ctl load --replace "$work/event"
contains "with the file, group and key" "$err" "speakers\.conf:3: \[Person ana\] Calendar: .*not an https:// URL"
: >"$work/http.log"
printf '[Person ana]\nName=Ana\nCalendar=http://127.0.0.1:%s/nowhere.ics\n' "$port" \
  >"$work/event/speakers.conf"
expect "a calendar that is not there" 1 ctl load --replace "$work/event"
contains "names the address and the HTTP status" "$err" "nowhere\.ics.*404"
kill "$http"
wait "$http" 2>/dev/null
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
finish
