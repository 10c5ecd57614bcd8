#!/bin/sh
# Runs `creneauctl check` on every event directory of tests/data/bad/ and
# compares its stderr with the directory's `expected` file (exit code 1),
# and on tests/data/good/ (exit code 0, nothing on stderr). TAP output.
# In `expected`, @KNOWN_PLUGINS@ stands for the plugins of this build.
set -u
data=$CRENEAU_SOURCE_ROOT/tests/data
ctl=$CRENEAU_BUILD_ROOT/cli/creneauctl
CRENEAU_PLUGIN_DIR=$CRENEAU_BUILD_ROOT/plugins
export CRENEAU_PLUGIN_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

known=$("$ctl" plugins --local | awk '{print $1}' | paste -sd, - | sed 's/,/, /g')
count=$(ls -d "$data"/bad/*/ "$data"/good/*/ | wc -l)
echo "1..$count"
n=0
failed=0
for dir in "$data"/bad/*/; do
  n=$((n + 1))
  name=bad/$(basename "$dir")
  "$ctl" check "$dir" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  sed "s/@KNOWN_PLUGINS@/$known/" "$dir/expected" >"$tmp/expected"
  if [ $rc -eq 1 ] && cmp -s "$tmp/expected" "$tmp/err"; then
    echo "ok $n - $name"
  else
    failed=1
    echo "not ok $n - $name (exit $rc)"
    diff -u "$tmp/expected" "$tmp/err" | sed 's/^/# /'
  fi
done
for dir in "$data"/good/*/; do
  n=$((n + 1))
  name=good/$(basename "$dir")
  "$ctl" check "$dir" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
    echo "ok $n - $name"
  else
    failed=1
    echo "not ok $n - $name (exit $rc)"
    sed 's/^/# /' "$tmp/err"
  fi
done
exit $failed
