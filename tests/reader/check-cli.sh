#!/bin/sh
# creneauctl check and plugins --local: exit codes and output. TAP output.
set -u
ctl=$CRENEAU_BUILD_ROOT/cli/creneauctl
data=$CRENEAU_SOURCE_ROOT/tests/data
CRENEAU_PLUGIN_DIR=$CRENEAU_BUILD_ROOT/plugins
export CRENEAU_PLUGIN_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
# expect NAME WANTED_EXIT GREP_PATTERN_ON_STDOUT_OR_STDERR COMMAND...
expect () {
  name=$1 want=$2 pattern=$3
  shift 3
  n=$((n + 1))
  "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq "$want" ] && cat "$tmp/out" "$tmp/err" | grep -q -- "$pattern"; then
    echo "ok $n - $name"
  else
    failed=1
    echo "not ok $n - $name (exit $rc, wanted $want)"
    sed 's/^/# out: /' "$tmp/out"
    sed 's/^/# err: /' "$tmp/err"
  fi
}
echo "1..11"
expect "valid event: exit 0 and a one-line verdict" 0 \
  '^tiny: valid, 1 day, 4 sessions, 2 rooms, 2 people, 1 partner$' "$ctl" check "$data/good/tiny"
expect "--summary lists rooms with capacities" 0 \
  '^  amphi  *150 seats  Amphithéâtre  \[plenary\]  at pajol$' "$ctl" check --summary "$data/good/tiny"
expect "--summary lists sessions by kind" 0 '^  workshop (2):$' "$ctl" check --summary "$data/good/tiny"
expect "invalid event: exit 1" 1 'no person "carron" (did you mean "caron"?)' \
  "$ctl" check "$data/bad/unknown-speaker"
expect "no directory given: exit 2" 2 'give exactly one event directory' "$ctl" check
expect "unknown option: exit 2" 2 'frobnicate' "$ctl" check --frobnicate "$data/good/tiny"
expect "missing directory: exit 1" 1 'is not a directory' "$ctl" check "$tmp/none"
expect "unknown command: exit 2" 2 'unknown command "chekc"' "$ctl" chekc
expect "plugins --local lists rooms-keyfile" 0 '^rooms-keyfile  *1\.0  *Rooms from a keyfile' \
  "$ctl" plugins --local
expect "plugins --local names a refused module and both ABI versions" 0 \
  '^warning: plugin wrong-abi.so is refused: it was built for plugin ABI version [0-9]* but this program uses version [0-9]*$' \
  "$ctl" plugins --local --plugin-dir "$CRENEAU_BUILD_ROOT/tests/plugin"
expect "plugins --local names a module without descriptor" 0 \
  '^warning: plugin no-descriptor.so is refused: it exports no crn_plugin_descriptor' \
  "$ctl" plugins --local --plugin-dir "$CRENEAU_BUILD_ROOT/tests/plugin"
exit $failed
