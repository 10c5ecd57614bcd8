#!/usr/bin/env bash
# Fifty clients read the timetable while a solve runs: every one gets its
# answer at once, and the solve still finishes.
. "$(dirname "$0")/lib.sh"

dest=org.creneau.Scheduler1
ev=/org/creneau/Scheduler1/events/journee_2dtest

start_daemon || exit 1
expect "load the fixture" 0 ctl load "$fixture"
expect "a first timetable" 0 ctl solve journee-test --time-limit 1 --seed 3

"$CRENEAUCTL" solve journee-test --time-limit 6 --seed 4 >"$work/solve.out" 2>&1 &
solver=$!
for _ in $(seq 1 50); do
  run busctl --user get-property $dest $ev org.creneau.Scheduler1.Event State
  [ "$out" = "u 1" ] && break
  sleep 0.1
done
contains "the event is being solved" "$out" "^u 1$"

expect "50 clients call GetTimetable at once" 0 \
  "$CRENEAU_MANY_CLIENTS" 50 $dest $ev org.creneau.Scheduler1.Event GetTimetable
contains "every one is answered" "$out" "^50 answers, 0 errors, slowest [0-9]+ ms$"
slowest=$(printf '%s\n' "$out" | sed -n 's/.*slowest \([0-9]*\) ms/\1/p')
[ -n "$slowest" ] && [ "$slowest" -lt 2000 ] && ok "the slowest answer took $slowest ms, well inside the solve" \
  || not_ok "the slowest answer took ${slowest} ms"
run busctl --user get-property $dest $ev org.creneau.Scheduler1.Event State
contains "the solve was still running after the reads" "$out" "^u 1$"

wait $solver
solve_rc=$?
[ "$solve_rc" = 0 ] && ok "the solve finished" || not_ok "the solve exited with $solve_rc"
contains "with its result" "$(cat "$work/solve.out")" "^Solved journee-test after"
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
finish
