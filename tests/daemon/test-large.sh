#!/usr/bin/env bash
# An event of 10,000 sessions (the limit), drawn by bench/gen-planted, loaded
# and solved with a short time limit beside a small event, which keeps its
# timetable; one more session is refused with the limit named.
. "$(dirname "$0")/lib.sh"

case "$CRENEAU_DAEMON_WRAPPER" in
  *valgrind*)
    # Minutes under memcheck on two cores: the normal and sanitizer runs
    # cover it; bench/run-memory measures the same event.
    skip "10,000 sessions under valgrind"
    finish ;;
esac

dest=org.creneau.Scheduler1
ev=/org/creneau/Scheduler1/events/journee_2dtest
E=org.creneau.Scheduler1.Event
gen=$CRENEAU_SOURCE_ROOT/bench/gen-planted

expect "draw an event of 10,000 sessions" 0 \
  /usr/bin/python3 "$gen" --sessions 10000 --days 5 --rooms 200 --seed 1 -o "$work/big"
rm -f "$work/big/planted.csv"
expect "draw one of 10,001" 0 \
  /usr/bin/python3 "$gen" --sessions 10001 --days 5 --rooms 200 --seed 1 -o "$work/over"
rm -f "$work/over/planted.csv"
big=$(sed -n 's/^Id=\([a-z0-9-]*\).*/\1/p' "$work/big/event.conf" | head -n1)

# This daemon serves no feeds. In the sanitizer run (./run test) the
# solver's millions of allocations, each unwound slowly through GLib, took
# minutes; without libsoup there is no leak of its own to suppress by its
# stack, so the fast unwinder does: LeakSanitizer still finds every leak,
# with shorter stacks.
printf '[Feeds]\nListen=\n' >"$work/no-feeds.conf"
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=1 \
  start_daemon --config "$work/no-feeds.conf" || exit 1
expect "load the small event" 0 ctl load "$fixture"
expect "solve it" 0 ctl solve journee-test --time-limit 1 --seed 3
run busctl --user call $dest $ev $E GetTimetable
reference=$out

expect "load the 10,000 sessions" 0 ctl load "$work/big"
expect "solve them for a few seconds" 0 ctl solve "$big" --time-limit 5 --seed 1
contains "the solve reports its result" "$out" "^Solved $big after [0-9.]+ s: [0-9]+ hard violations?, soft cost [0-9]+\.$"
run busctl --user --timeout=120 call $dest /org/creneau/Scheduler1/events/$(printf '%s' "$big" | sed 's/-/_2d/g') $E GetTimetable
contains "its timetable has 10,000 rows" "$out" '^a\(sssxxasa\{sv\}\) 10000 '
expect "it exports as a calendar" 0 ctl export "$big" --format ics -o "$work/big.ics"
[ "$(grep -c '^BEGIN:VEVENT' "$work/big.ics")" -ge 10000 ] && ok "with every session" \
  || not_ok "$(grep -c '^BEGIN:VEVENT' "$work/big.ics") events in the calendar"

expect "10,001 sessions are refused" 1 ctl load "$work/over"
contains "naming the limit and the value" "$err" "the event has 10001 sessions, more than the limit of 10000"

run busctl --user call $dest $ev $E GetTimetable
[ "$out" = "$reference" ] && ok "the small event kept its timetable" || not_ok "the small event changed"
expect "the daemon still answers" 0 busctl --user call $dest /org/creneau/Scheduler1 org.freedesktop.DBus.Peer Ping
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
finish
