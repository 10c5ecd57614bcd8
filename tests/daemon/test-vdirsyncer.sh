#!/usr/bin/env bash
# A subscriber: vdirsyncer syncs a speaker's feed (an "http" storage) into
# a local calendar folder. The organiser moves the speaker's talk and
# publishes; the next sync brings the new time with a higher SEQUENCE.
. "$(dirname "$0")/lib.sh"

if ! command -v vdirsyncer >/dev/null; then
  skip "vdirsyncer is not installed"
  finish
fi

event=$CRENEAU_SOURCE_ROOT/tests/daemon/feeds-event

# prop NAME FILE: the value of the first property NAME (with its parameters
# dropped) in FILE.
prop () {
  grep -E "^$1[;:]" "$2" | head -n 1 | sed -E 's/^[^:]*://' | tr -d '\r'
}

start_daemon || exit 1
expect "load the event" 0 ctl load "$event"
expect "solve it" 0 ctl solve feeds-test --time-limit 1 --seed 5
expect "publish" 0 ctl publish feeds-test
run ctl feeds feeds-test
martin=$(printf '%s\n' "$out" | awk '$1 == "speaker" && $2 == "martin" { print $3 }')
contains "the speaker has a feed" "$martin" "^http://127\.0\.0\.1:[0-9]+/"

mkdir -p "$work/calendar" "$work/vdirsyncer-status"
cat >"$work/vdirsyncer.conf" <<EOF
[general]
status_path = "$work/vdirsyncer-status/"

[pair martin]
a = "martin_feed"
b = "martin_local"
collections = null
conflict_resolution = "a wins"

[storage martin_feed]
type = "http"
url = "$martin"

[storage martin_local]
type = "filesystem"
path = "$work/calendar/"
fileext = ".ics"
EOF
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
vds () {
  vdirsyncer --config "$work/vdirsyncer.conf" "$@" </dev/null
}

expect "vdirsyncer discover" 0 vds discover martin
expect "first sync" 0 vds sync martin
files=("$work"/calendar/*.ics)
is_one=$([ "${#files[@]}" = 1 ] && [ -f "${files[0]}" ] && echo yes)
[ "$is_one" = yes ] && ok "the local calendar holds the speaker's one talk" \
  || { not_ok "the local calendar holds ${#files[@]} files"; ls -l "$work/calendar" | diag; }
file=${files[0]}
grep -q '^SUMMARY:Les communs territoriaux' "$file" && ok "it is the talk" || not_ok "the synced event is not the talk"
start1=$(prop DTSTART "$file")
seq1=$(prop SEQUENCE "$file")
contains "the talk has a start" "$start1" '^2030061[0-9]T[0-9]{6}$'
contains "and a SEQUENCE" "$seq1" '^[0-9]+$'

# Move the talk to another time than the one the solver chose.
if [ "$start1" = 20300612T160000 ]; then new=15:00; else new=16:00; fi
expect "pin the talk at $new" 0 ctl pin feeds-test conference-martin amphi "2030-06-12 $new"
sleep 1  # Last-Modified has a resolution of one second
expect "publish the move" 0 ctl publish feeds-test
expect "second sync" 0 vds sync martin
files=("$work"/calendar/*.ics)
[ "${#files[@]}" = 1 ] && ok "still one event in the local calendar" \
  || not_ok "the local calendar now holds ${#files[@]} files"
file=${files[0]}
start2=$(prop DTSTART "$file")
seq2=$(prop SEQUENCE "$file")
[ "$start2" = "20300612T${new/:/}00" ] && ok "the second sync brought the new start ($start2)" \
  || not_ok "after the second sync the start is $start2, not $new"
grep -q "^DTSTART;TZID=Europe/Paris:" "$file" && ok "the start keeps its time zone" \
  || not_ok "the start lost its TZID"
[ -n "$seq2" ] && [ "$seq2" -gt "$seq1" ] && ok "SEQUENCE went up ($seq1 -> $seq2)" \
  || not_ok "SEQUENCE did not go up ($seq1 -> $seq2)"
expect "a third sync with nothing published" 0 vds sync martin
[ "$(prop SEQUENCE "${files[0]}")" = "$seq2" ] && ok "nothing changes without a publication" \
  || not_ok "the third sync changed the event"

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "the daemon exited with $daemon_rc"
finish
