# Helpers for the daemon tests: TAP output, running commands with their exit
# status and output, a creneaud on the test's private bus.
#
# The tests run under dbus-run-session (see meson.build), which gives each
# one a bus of its own. CRENEAUD, CRENEAUCTL and CRENEAU_SOURCE_ROOT come from
# the test environment; CRENEAU_DAEMON_WRAPPER (e.g. a valgrind command line)
# runs the daemon under a tool.

export LC_ALL=C.UTF-8
tap_n=0
tap_failed=0
work=$(mktemp -d)
daemon_pid=
trap 'cleanup' EXIT

cleanup () {
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid" 2>/dev/null
    wait "$daemon_pid" 2>/dev/null
  fi
  rm -rf "$work"
}

ok () {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $*"
}

not_ok () {
  tap_n=$((tap_n + 1))
  tap_failed=$((tap_failed + 1))
  echo "not ok $tap_n - $*"
}

skip () {
  tap_n=$((tap_n + 1))
  echo "ok $tap_n - $* # SKIP"
}

diag () {
  sed 's/^/# /' >&2
}

# run CMD...: runs it, keeping stdout in $out, stderr in $err, status in $rc.
run () {
  "$@" >"$work/out" 2>"$work/err"
  rc=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
}

# expect DESC RC CMD...: the command exits with RC.
expect () {
  local desc=$1 want=$2
  shift 2
  run "$@"
  if [ "$rc" = "$want" ]; then
    ok "$desc"
  else
    not_ok "$desc (exit $rc, wanted $want)"
    { echo "stdout:"; echo "$out"; echo "stderr:"; echo "$err"; } | diag
  fi
}

# contains DESC TEXT PATTERN: TEXT matches the extended regex PATTERN.
contains () {
  if printf '%s\n' "$2" | grep -Eq -- "$3"; then
    ok "$1"
  else
    not_ok "$1 (no match for /$3/)"
    printf '%s\n' "$2" | diag
  fi
}

# one_sentence DESC TEXT: each line of TEXT is one sentence ending in '.'.
one_sentence () {
  local bad
  bad=$(printf '%s\n' "$2" | grep -v -E '^creneauctl [a-z]+: .*[.)"]$' || true)
  if [ -n "$2" ] && [ -z "$bad" ]; then
    ok "$1"
  else
    not_ok "$1"
    printf '%s\n' "$2" | diag
  fi
}

# start_daemon [OPTION...]: without --config, a configuration whose feeds
# listen on a free loopback port, so tests never collide.
start_daemon () {
  mkdir -p "$work/state"
  local config=()
  case " $* " in
    *" --config "*) ;;
    *) printf '[Feeds]\nListen=127.0.0.1:0\n' >"$work/test.conf"
       config=(--config "$work/test.conf") ;;
  esac
  $CRENEAU_DAEMON_WRAPPER "$CRENEAUD" --session --state-dir "$work/state" "${config[@]}" "$@" \
    2>>"$work/daemon.log" &
  daemon_pid=$!
  if gdbus wait --session --timeout 60 org.creneau.Scheduler1; then
    return 0
  fi
  echo "creneaud did not start:" | diag
  diag <"$work/daemon.log"
  return 1
}

# stop_daemon: SIGTERM, and the exit status goes to $daemon_rc.
stop_daemon () {
  kill -TERM "$daemon_pid"
  wait "$daemon_pid"
  daemon_rc=$?
  daemon_pid=
}

# Under valgrind (CRENEAU_DAEMON_WRAPPER), its report goes to the daemon's
# log: any error or definite leak it counted fails the test, even when the
# script did not look at the daemon's exit status.
check_wrapper_report () {
  case "$CRENEAU_DAEMON_WRAPPER" in
    *valgrind*) ;;
    *) return 0 ;;
  esac
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    stop_daemon
  fi
  [ -f "$work/daemon.log" ] || return 0
  if grep -Eq '== (ERROR SUMMARY: [1-9]|[ ]*definitely lost: [1-9])' "$work/daemon.log"; then
    not_ok "valgrind found errors or definite leaks in the daemon"
    grep -E '^==[0-9]+==' "$work/daemon.log" | head -n 200 | diag
  else
    ok "valgrind found no error and no definite leak in the daemon"
  fi
}

finish () {
  check_wrapper_report
  echo "1..$tap_n"
  [ "$tap_failed" = 0 ]
  exit $?
}

ctl () {
  "$CRENEAUCTL" "$@"
}

fixture=$CRENEAU_SOURCE_ROOT/tests/daemon/fixture
