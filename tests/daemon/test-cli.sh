#!/usr/bin/env bash
# creneauctl end to end against creneaud on a private bus: every command,
# the exit codes 0/1/2/3 and one-sentence errors.
. "$(dirname "$0")/lib.sh"

expect "no command is bad usage" 2 ctl
expect "an unknown command is bad usage" 2 ctl frobnicate
expect "list without a daemon: unreachable" 3 ctl list
one_sentence "the unreachable error is one sentence" "$err"

start_daemon || exit 1

expect "list with nothing loaded" 0 ctl list
contains "list says nothing is loaded" "$out" "^No event is loaded\.$"
expect "load the fixture" 0 ctl load "$fixture"
contains "load names the event" "$out" "^Loaded journee-test \(2 files\): Journée d'essai$"
expect "loading it again needs --replace" 1 ctl load "$fixture"
one_sentence "the reload error is one sentence" "$err"
contains "the reload error says what to do" "$err" "replace option"
expect "load --replace" 0 ctl load --replace "$fixture"
expect "load of a missing directory" 1 ctl load "$work/nowhere"
one_sentence "the missing directory error is one sentence" "$err"
mkdir -p "$work/broken" && printf '[Event]\nId=Bad Id\n' >"$work/broken/event.conf"
expect "load of a broken event" 1 ctl load "$work/broken"
contains "the reader's error names the file and group" "$err" "^creneauctl load: event\.conf:2: \[Event\] Id"
expect "load takes one directory" 2 ctl load
expect "list" 0 ctl list
contains "list shows the event loaded" "$out" "^journee-test +loaded"
expect "status" 0 ctl status
contains "status shows the version" "$out" "^creneaud [0-9.]+ is running\.$"
expect "status of the event" 0 ctl status journee-test
contains "status gives the zone and state" "$out" "Time zone: Europe/Paris"
expect "show of an unknown event" 1 ctl show nope
one_sentence "unknown event error is one sentence" "$err"
expect "show before solving" 0 ctl show journee-test
contains "show says to solve first" "$out" "no timetable yet"
expect "show --by with a bad value" 2 ctl show journee-test --by colour
expect "solve with an unknown option" 2 ctl solve journee-test --fast
expect "solve with a zero time limit" 2 ctl solve journee-test --time-limit 0
expect "export without --format" 2 ctl export journee-test
expect "export with two scopes" 2 ctl export journee-test --format ics --room a --speaker b
expect "export before solving" 1 ctl export journee-test --format ics
one_sentence "export before solving says why" "$err"
expect "publish before solving" 1 ctl publish journee-test


expect "solve, following progress" 0 ctl solve journee-test --time-limit 2 --seed 7
contains "solve reports the result" "$out" "^Solved journee-test after [0-9.]+ s: 0 hard violations, soft cost [0-9]+\.$"
contains "plain progress lines off a terminal" "$out" "^progress: [0-9.]+ s, hard [0-9]+, soft [0-9]+$"
expect "status after solving" 0 ctl status journee-test
contains "the event is solved" "$out" "State: +solved"
expect "show by day" 0 ctl show journee-test
contains "show has the day" "$out" "^Thursday 14 March 2030$"
contains "the opening is at its fixed time" "$out" "^  09:00-09:30  amphi +Ouverture$"
contains "a session given twice shows its occurrences" "$out" "Atelier : le récit de territoire \(2/2\)"
wide=$(printf '%s\n' "$out" | /usr/bin/python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')
[ "$wide" -le 80 ] && ok "show fits in 80 columns ($wide)" || not_ok "show is $wide columns wide"
expect "show by room" 0 ctl show journee-test --by room
contains "rooms are headed by id and name" "$out" "^amphi \(Amphithéâtre\)$"
expect "show by speaker" 0 ctl show journee-test --by speaker
expect "show --json" 0 ctl show journee-test --json
n=$(printf '%s' "$out" | /usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
[ "$n" = 7 ] && ok "the JSON has the seven occurrences" || not_ok "the JSON has $n occurrences, not 7"
expect "violations" 0 ctl violations journee-test
contains "violations end with a count" "$out" "^(No violations\.|0 hard, [0-9]+ soft\.)$"
expect "explain a session" 0 ctl explain journee-test atelier-eau
[ -n "$out" ] && ok "explain says something" || not_ok "explain printed nothing"
expect "explain an unknown session" 1 ctl explain journee-test atelier-feu
one_sentence "unknown session error is one sentence" "$err"
expect "pin a workshop" 0 ctl pin journee-test atelier-recit:2 salle-b '2030-03-14 15:00'
expect "show after the pin" 0 ctl show journee-test --by room
contains "the pinned occurrence is where it was pinned" "$out" "15:00-16:00  Atelier : le récit de territoire \(2/2\)"
expect "pin outside the open hours" 1 ctl pin journee-test atelier-eau salle-a '2030-03-14 07:00'
contains "the refusal says why" "$err" "does not fit"
expect "pin to an unknown room" 1 ctl pin journee-test atelier-eau salle-z '2030-03-14 09:45'
expect "pin with a bad time" 2 ctl pin journee-test atelier-eau salle-a 'tomorrow'
expect "unpin" 0 ctl unpin journee-test atelier-recit:2
expect "unpin what is not pinned" 1 ctl unpin journee-test atelier-recit:2
expect "solve again after the pin" 0 ctl solve journee-test --time-limit 1 --seed 8
expect "publish" 0 ctl publish journee-test
contains "publish gives the revision" "$out" "^Published revision 1 of journee-test\.$"
expect "changes" 0 ctl changes journee-test
contains "the first revision's sessions are new" "$out" "^  new +"
expect "changes since a revision that does not exist" 1 ctl changes journee-test --since 9
expect "feeds" 0 ctl feeds journee-test
contains "the whole event's feed" "$out" "^event +- +http://127\.0\.0\.1:[0-9]+/events/journee-test\.ics$"
contains "a room's feed has a token" "$out" "^room +amphi +http://127\.0\.0\.1:[0-9]+/events/journee-test/room/[0-9a-f]{32}\.ics$"
whole=$(printf '%s\n' "$out" | awk '$1 == "event" { print $3 }')
amphi=$(printf '%s\n' "$out" | awk '$1 == "room" && $2 == "amphi" { print $3 }')
expect "the whole event's feed is served" 0 curl -sf "$whole"
contains "as a calendar" "$out" "^BEGIN:VCALENDAR"
expect "the amphitheatre's feed is served" 0 curl -sf "$amphi"
[ "$(printf '%s\n' "$out" | grep -c '^BEGIN:VEVENT')" = 2 ] && ok "with the two plenaries" || not_ok "the room feed is wrong"
expect "a made-up token is not found" 22 curl -sf "${amphi%/*}/0123456789abcdef0123456789abcdef.ics"
run ctl feeds journee-test
[ "$(printf '%s\n' "$out" | awk '$2 == "amphi" { print $3 }')" = "$amphi" ] && ok "tokens are stable" || not_ok "the token changed"
expect "export ics" 0 ctl export journee-test --format ics -o "$work/all.ics"
grep -q '^BEGIN:VCALENDAR' "$work/all.ics" && ok "the calendar is iCalendar" || not_ok "no VCALENDAR"
[ "$(grep -c '^BEGIN:VEVENT' "$work/all.ics")" -ge 7 ] && ok "the calendar has every occurrence" || not_ok "occurrences missing from the calendar"
expect "export one room's calendar" 0 ctl export journee-test --format ics --room amphi
[ "$(printf '%s\n' "$out" | grep -c '^BEGIN:VEVENT')" = 2 ] && ok "the amphitheatre has its two plenaries" || not_ok "the room calendar is wrong"
expect "export for an unknown speaker" 1 ctl export journee-test --format ics --speaker nobody
expect "export json" 0 ctl export journee-test --format json -o "$work/tt.json"
/usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/tt.json" && ok "the JSON export parses" || not_ok "the JSON export does not parse"
expect "export csv" 0 ctl export journee-test --format csv
expect "export frab" 0 ctl export journee-test --format frab -o "$work/schedule.xml"
xmllint --noout "$work/schedule.xml" && ok "the frab export is XML" || not_ok "the frab export is not XML"
expect "export in an unknown format" 1 ctl export journee-test --format pdf
expect "solve --no-wait" 0 ctl solve journee-test --time-limit 1 --no-wait
expect "remove while solving is busy" 1 ctl remove journee-test
contains "busy says what to do" "$err" "being solved"
sleep 1.5
expect "remove" 0 ctl remove journee-test
expect "the event is gone" 1 ctl show journee-test

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly on SIGTERM" || not_ok "the daemon exited with $daemon_rc"
expect "list after the daemon stopped: unreachable" 3 ctl list
finish
