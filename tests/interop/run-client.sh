#!/bin/sh
# run-client.sh CLIENT CHECK DUMP [EVENTDIR] — writes the test calendars with
# DUMP into a fresh folder (with EVENTDIR: that event too, solved), then runs
# CHECK on them with CLIENT. Exit 77 (skipped) when
# the client is not installed.
set -eu
client=$1
check=$2
dump=$3
event_dir=${4:-}
here=$(cd "$(dirname "$0")" && pwd)

skip() {
  echo "skipped: $*" >&2
  exit 77
}

case "$client" in
  python-icalendar)
    [ -x /usr/bin/python3 ] || skip "/usr/bin/python3 is not installed"
    /usr/bin/python3 -c 'import icalendar, pytz' 2>/dev/null || skip "python3-icalendar is not installed"
    runner=/usr/bin/python3 ;;
  icaljs)
    command -v node >/dev/null 2>&1 || skip "node is not installed"
    [ -f "$here/node_modules/ical.js/package.json" ] || skip "ical.js is not installed (./run setup)"
    runner=node ;;
  khal)
    command -v khal >/dev/null 2>&1 || skip "khal is not installed"
    runner=/usr/bin/python3 ;;
  *)
    echo "unknown client $client" >&2
    exit 2 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$dump" "$work/calendars" $event_dir
exec_status=0
"$runner" "$check" "$work/calendars" "$work" || exec_status=$?
exit $exec_status
