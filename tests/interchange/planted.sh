#!/bin/sh
# gen-planted: the timetable it plants has no hard violation by the
# project's own rules, for a few seeds and shapes, and the event it writes
# reads without errors through the reader and plugins. TAP output.
set -u
src=$CRENEAU_SOURCE_ROOT
bench=$CRENEAU_BUILD_ROOT/bench/creneau-bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CRENEAU_PLUGIN_DIR="$CRENEAU_BUILD_ROOT/plugins"
if ! command -v python3 >/dev/null 2>&1; then
  echo "1..0 # SKIP python3 is not installed"
  exit 0
fi
# sessions days rooms seed fill sessions-per-person audience-load
set -- "60 2 5 1 0.85 3 0.35" "150 3 10 2 0.85 3 0.35" "200 3 8 3 0.95 3 0.35" \
  "300 3 6 4 0.97 5 0.6"
echo "1..$#"
n=0
for shape in "$@"; do
  set -- $shape
  n=$((n + 1))
  dir="$tmp/p$n"
  if ! python3 "$src/bench/gen-planted" --sessions "$1" --days "$2" --rooms "$3" --seed "$4" \
      --fill "$5" --sessions-per-person "$6" --audience-load "$7" -o "$dir" >"$tmp/gen.out" 2>&1; then
    sed 's/^/# /' "$tmp/gen.out"
    echo "not ok $n - gen-planted $shape"
    continue
  fi
  "$bench" planted "$dir" --iterations 2000 --seed 1 >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 0 ] && grep -q '^# planted: hard=0 ' "$tmp/out" \
      && grep -q "^# planted-$1-$2d-$3r: $1 sessions, $3 rooms" "$tmp/out"; then
    echo "ok $n - $1 sessions, $2 days, $3 rooms, seed $4, fill $5, $6 sessions per person, audience load $7: planted timetable has no hard violation"
  else
    sed 's/^/# /' "$tmp/out" "$tmp/err"
    echo "not ok $n - $1 sessions, $2 days, $3 rooms, seed $4"
  fi
done
