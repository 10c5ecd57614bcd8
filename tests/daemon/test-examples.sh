#!/usr/bin/env bash
# creneauctl on the bundled examples: load, solve, show, violations, explain,
# calendars.
. "$(dirname "$0")/lib.sh"

start_daemon || exit 1
found=0
for dir in "$CRENEAU_SOURCE_ROOT"/data/examples/*/; do
  [ -f "$dir/event.conf" ] || continue
  found=1
  id=$(sed -n 's/^Id=\([a-z0-9-]*\).*/\1/p' "$dir/event.conf" | head -n1)
  expect "$id: check" 0 ctl check "$dir"
  expect "$id: load" 0 ctl load "$dir"
  expect "$id: solve" 0 ctl solve "$id" --time-limit 3 --seed 1
  contains "$id: solve reports hard and soft" "$out" "^Solved $id after [0-9.]+ s: [0-9]+ hard violations?, soft cost [0-9]+\.$"
  expect "$id: show" 0 ctl show "$id"
  wide=$(printf '%s\n' "$out" | /usr/bin/python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')
  [ "$wide" -le 80 ] && ok "$id: show fits in 80 columns" || not_ok "$id: show is $wide columns wide"
  expect "$id: show by speaker" 0 ctl show "$id" --by speaker
  expect "$id: violations" 0 ctl violations "$id"
  session=$(sed -n 's/^\[Session \([a-z0-9-]*\)\]/\1/p' "$dir/event.conf" | head -n1)
  expect "$id: explain $session" 0 ctl explain "$id" "$session"
  [ -n "$out" ] && ok "$id: the explanation is not empty" || not_ok "$id: empty explanation"
  expect "$id: the whole calendar" 0 ctl export "$id" --format ics -o "$work/$id.ics"
  grep -q '^BEGIN:VEVENT' "$work/$id.ics" && ok "$id: the calendar has events" || not_ok "$id: no VEVENT"
done
[ "$found" = 1 ] && ok "examples found" || skip "no example is bundled yet"
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
finish
