#!/usr/bin/env bash
# kill -9 at a random moment, publishing or not, and start again on the
# same state directory: every revision the client was told about is there,
# and the database is intact. Rounds: CRENEAU_CRASH_ROUNDS (default 50);
# the random seed is printed so that a failure can be replayed
# (CRENEAU_CRASH_SEED).
. "$(dirname "$0")/lib.sh"

rounds=${CRENEAU_CRASH_ROUNDS:-50}
seed=${CRENEAU_CRASH_SEED:-$$}
RANDOM=$seed
echo "random seed $seed, $rounds rounds" | diag
db=$work/state/creneau.db
ev=journee-test

# sql STATEMENT...: the rows of each statement, one line each (the sqlite3
# shell when it is there: it starts faster than Python).
sql () {
  if command -v sqlite3 >/dev/null; then
    local statement args=()
    for statement in "$@"; do args+=(-cmd "$statement;"); done
    sqlite3 -batch -separator ' ' "${args[@]}" "$db" .quit
    return
  fi
  /usr/bin/python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for statement in sys.argv[2:]:
    for row in c.execute(statement):
        print(*row)' "$db" "$@"
}

# start_daemon, without a process per poll: fifty restarts add up. The bus
# forgets a killed daemon's name asynchronously, so a new one that finds
# the name still taken is simply started again.
restart_daemon () {
  local attempt i log=$work/restart.log
  for attempt in $(seq 100); do
    : >"$log"
    $CRENEAU_DAEMON_WRAPPER "$CRENEAUD" --session --verbose --state-dir "$work/state" \
      --config "$work/test.conf" 2>"$log" &
    daemon_pid=$!
    for i in $(seq 6000); do
      [[ $(<"$log") == *"ready on the session bus"* ]] && return 0
      kill -0 "$daemon_pid" 2>/dev/null || break
      sleep 0.01
    done
    wait "$daemon_pid" 2>/dev/null
    daemon_pid=
    [[ $(<"$log") == *"already owns"* ]] || break
    sleep 0.02
  done
  echo "creneaud did not start again:" | diag
  diag <"$log"
  return 1
}

start_daemon || exit 1
expect "load" 0 ctl load "$fixture"
expect "solve" 0 ctl solve "$ev" --time-limit 1 --seed 5
expect "publish revision 1" 0 ctl publish "$ev"

acked=(1)
lost=0 bad_integrity=0 restart_failed=0 mismatch=0 killed_during=0 unanswered=0 previous=1
started=$SECONDS
for round in $(seq "$rounds"); do
  # Publish (the call may be cut short by the kill), then kill at a random
  # moment: from at once to a little after a publish usually ends.
  "$CRENEAUCTL" publish "$ev" >"$work/publish.out" 2>"$work/publish.err" &
  client=$!
  sleep "$(printf '0.%03d' $((RANDOM % 40)))"
  kill -KILL "$daemon_pid"
  wait "$daemon_pid" 2>/dev/null
  daemon_pid=
  wait "$client"
  if n=$(sed -n 's/^Published revision \([0-9]*\) of .*/\1/p' "$work/publish.out") && [ -n "$n" ]; then
    acked+=("$n")
  else
    killed_during=$((killed_during + 1))
  fi

  # What the disk holds, before anything reads it back.
  result=$(sql "PRAGMA integrity_check" "SELECT revision FROM revisions WHERE event_id = '$ev' ORDER BY revision")
  check=$(printf '%s\n' "$result" | head -1)
  if [ "$check" != ok ]; then
    bad_integrity=$((bad_integrity + 1))
    echo "round $round: integrity_check: $check" | diag
  fi
  have=" $(printf '%s\n' "$result" | tail -n +2 | tr '\n' ' ')"
  last=$(printf '%s\n' "$result" | tail -1)
  # Committed but never answered: the kill fell between the commit and the
  # reply. Allowed (the client was told nothing), and a sign the kills
  # reach inside a publication.
  if [ "$last" -gt "$previous" ] && [ "${acked[-1]}" != "$last" ]; then
    unanswered=$((unanswered + 1))
  fi
  previous=$last
  for n in "${acked[@]}"; do
    case "$have" in
      *" $n "*) ;;
      *) lost=$((lost + 1)); echo "round $round: acknowledged revision $n is missing" | diag ;;
    esac
  done

  if ! restart_daemon; then
    restart_failed=$((restart_failed + 1))
    break
  fi
  # The daemon restored exactly what the disk holds.
  run ctl status "$ev"
  if ! printf '%s\n' "$out" | grep -Eq "Revision: +$last\$"; then
    mismatch=$((mismatch + 1))
    { echo "round $round: the database holds revision $last, the daemon says:"; echo "$out"; } | diag
  fi
done
elapsed=$((SECONDS - started))

[ "$lost" = 0 ] && ok "every acknowledged revision survived ${#acked[@]} acknowledgements in $rounds kills" \
  || not_ok "$lost acknowledged revisions lost"
[ "$bad_integrity" = 0 ] && ok "PRAGMA integrity_check is ok after every kill" \
  || not_ok "integrity_check failed $bad_integrity times"
[ "$restart_failed" = 0 ] && ok "the daemon started again every time" || not_ok "a restart failed"
[ "$mismatch" = 0 ] && ok "the restarted daemon shows the last stored revision" \
  || not_ok "$mismatch restarts showed another revision"
echo "$killed_during of $rounds publications were cut short by the kill, $unanswered of them after their commit; ${elapsed}s" | diag
# Both kinds of kill happened: during a publication and after its reply.
[ "$killed_during" -gt 0 ] && [ "$killed_during" -lt "$rounds" ] \
  && ok "kills fell both before and after the reply" || skip "the kills all fell on one side of the reply"
expect "the event is still there" 0 ctl show "$ev"
expect "and can be published again" 0 ctl publish "$ev"
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon exits with status 0" || not_ok "daemon exited with $daemon_rc"
finish
