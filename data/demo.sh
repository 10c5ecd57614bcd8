#!/usr/bin/env bash
# The main job on the bundled examples (called by ./run demo): creneaud on a
# private session bus, and creneauctl driving it as an organiser would —
# load each event, solve it with the progress bar, look at the timetable and
# what it still breaks, publish, and write the calendars (the whole event and
# one per speaker) into out/<event>/.
#
#   CRENEAU_DEMO_TIME_LIMIT   seconds of solving per event (default 10)
set -euo pipefail
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
out=${CRENEAU_DEMO_OUT:-$top/out}
limit=${CRENEAU_DEMO_TIME_LIMIT:-10}

# A bus of our own, so nothing of the machine's is touched and everything
# stops with the demo.
if [ -z "${CRENEAU_DEMO_ON_PRIVATE_BUS:-}" ]; then
  export CRENEAU_DEMO_ON_PRIVATE_BUS=1
  exec dbus-run-session -- "$0" "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
fi

# The plugins of this build, not the installed ones.
export CRENEAU_PLUGIN_DIR="${CRENEAU_PLUGIN_DIR:-$build/plugins}"
ctl="$build/cli/creneauctl"
state=$(mktemp -d)
"$build/daemon/creneaud" --session --state-dir "$state" &
daemon=$!
stop () {
  kill -TERM "$daemon" 2>/dev/null && wait "$daemon" || true
  rm -rf "$state"
}
trap stop EXIT
gdbus wait --session --timeout 30 org.creneau.Scheduler1
echo "creneaud is running on a private session bus."

step () {
  printf '\n$ creneauctl %s\n' "$*"
  "$ctl" "$@"
}

written=()
for ex in "$top"/data/examples/*/; do
  [ -f "$ex/event.conf" ] || continue
  id=$(sed -n 's/^Id=\([a-z0-9-]*\).*/\1/p' "$ex/event.conf" | head -n1)
  printf '\n=== %s\n' "$id"
  step load "${ex%/}"
  step solve "$id" --time-limit "$limit" --seed 1
  step show "$id"
  step violations "$id"
  step publish "$id" || echo "(not published: the timetable still breaks a hard rule)"

  dir="$out/$id"
  rm -rf "$dir"
  mkdir -p "$dir/speakers"
  "$ctl" export "$id" --format ics -o "$dir/$id.ics"
  "$ctl" export "$id" --format json -o "$dir/$id.json"
  people=$("$ctl" show "$id" --json | /usr/bin/python3 -c '
import json, sys
print("\n".join(sorted({p for row in json.load(sys.stdin) for p in row["people"]})))')
  n=0
  for person in $people; do
    "$ctl" export "$id" --format ics --speaker "$person" -o "$dir/speakers/$person.ics"
    n=$((n + 1))
  done
  printf '\nWrote %s (%s.ics, %s.json and %d speaker calendars in speakers/).\n' \
    "$dir" "$id" "$id" "$n"
  written+=("$dir")
done

printf '\n$ creneauctl list\n'
"$ctl" list
printf '\nCalendars written to:\n'
printf '  %s\n' "${written[@]}"
