#!/usr/bin/env bash
# Independent clients (dbus-send, busctl, gdbus) against creneaud: methods,
# properties, introspection matching the installed XML, and every documented
# error name.
. "$(dirname "$0")/lib.sh"

dest=org.creneau.Scheduler1
mgr=/org/creneau/Scheduler1
ev=/org/creneau/Scheduler1/events/journee_2dtest
E=org.creneau.Scheduler1.Event
compare=$CRENEAU_SOURCE_ROOT/tests/daemon/compare-interfaces.py

start_daemon || exit 1

# Introspection
expect "busctl introspects the manager" 0 busctl --user introspect $dest $mgr
contains "busctl sees LoadEvent" "$out" "^\.LoadEvent +method +a\{say\}a\{sv\} +o"
expect "busctl tree" 0 busctl --user tree $dest
expect "dbus-send introspects the manager" 0 \
  dbus-send --session --print-reply=literal --dest=$dest $mgr org.freedesktop.DBus.Introspectable.Introspect
printf '%s\n' "$out" >"$work/manager.xml"
expect "the manager matches the installed XML" 0 \
  /usr/bin/python3 "$compare" "$CRENEAU_INTERFACE_XML" "$work/manager.xml" org.creneau.Scheduler1

expect "gdbus loads the fixture" 0 ctl load "$fixture"
expect "gdbus introspects the event" 0 gdbus introspect --session --dest $dest --object-path $ev --xml
printf '%s\n' "$out" >"$work/event.xml"
expect "the event matches the installed XML" 0 \
  /usr/bin/python3 "$compare" "$CRENEAU_INTERFACE_XML" "$work/event.xml" $E
expect "the manager lists its event as a child node" 0 \
  gdbus introspect --session --dest $dest --object-path $mgr/events
contains "child node" "$out" "node journee_2dtest"

# Methods and properties
expect "busctl reads Version" 0 busctl --user get-property $dest $mgr org.creneau.Scheduler1 Version
contains "Version is a string" "$out" '^s "[0-9.]+"$'
expect "dbus-send reads Id" 0 dbus-send --session --print-reply=literal --dest=$dest $ev \
  org.freedesktop.DBus.Properties.Get string:$E string:Id
contains "Id is the event id" "$out" "journee-test"
expect "gdbus reads every property" 0 gdbus call --session --dest $dest --object-path $ev \
  --method org.freedesktop.DBus.Properties.GetAll $E
contains "GetAll has the state" "$out" "'State': <uint32 0>"
contains "GetAll has the zone" "$out" "'TimeZone': <'Europe/Paris'>"
expect "busctl lists events" 0 busctl --user call $dest $mgr org.creneau.Scheduler1 ListEvents
contains "one event" "$out" "^ao 1 \"$ev\"$"
expect "busctl lists plugins" 0 busctl --user call $dest $mgr org.creneau.Scheduler1 ListPlugins
contains "the rooms plugin is there" "$out" '"rooms-keyfile"'
expect "gdbus pings the daemon" 0 gdbus call --session --dest $dest --object-path $mgr \
  --method org.freedesktop.DBus.Peer.Ping
expect "busctl gets the empty timetable" 0 busctl --user call $dest $ev $E GetTimetable
contains "no rows before solving" "$out" '^a\(sssxxasa\{sv\}\) 0$'
expect "gdbus gets the changes of nothing" 0 gdbus call --session --dest $dest --object-path $ev \
  --method $E.GetChanges 0
contains "no changes" "$out" '^\(@a\(sss\) \[\],\)$'

# Standard errors
expect "an unknown method" 1 dbus-send --session --print-reply --dest=$dest $mgr org.creneau.Scheduler1.Frobnicate
contains "is UnknownMethod" "$err" "org.freedesktop.DBus.Error.UnknownMethod"
expect "a wrong signature" 1 dbus-send --session --print-reply --dest=$dest $mgr org.creneau.Scheduler1.RemoveEvent string:x
contains "is InvalidArgs" "$err" "org.freedesktop.DBus.Error.InvalidArgs"
expect "an unknown property" 1 dbus-send --session --print-reply --dest=$dest $mgr \
  org.freedesktop.DBus.Properties.Get string:org.creneau.Scheduler1 string:Colour
contains "is UnknownProperty" "$err" "org.freedesktop.DBus.Error.UnknownProperty"
expect "setting a read-only property" 1 dbus-send --session --print-reply --dest=$dest $mgr \
  org.freedesktop.DBus.Properties.Set string:org.creneau.Scheduler1 string:Version variant:string:9
contains "is PropertyReadOnly" "$err" "org.freedesktop.DBus.Error.PropertyReadOnly"

# The documented errors
expect "LoadEvent without event.conf" 1 gdbus call --session --dest $dest --object-path $mgr \
  --method org.creneau.Scheduler1.LoadEvent "{'rooms.conf': b'[Room a]'}" "{}"
contains "is InvalidInput" "$err" "org.creneau.Scheduler1.Error.InvalidInput: The event's files hold no event.conf\."
expect "LoadEvent with a path outside the event" 1 gdbus call --session --dest $dest --object-path $mgr \
  --method org.creneau.Scheduler1.LoadEvent "{'../etc/passwd': b'x'}" "{}"
contains "is InvalidInput too" "$err" "org.creneau.Scheduler1.Error.InvalidInput"
expect "LoadEvent with an unknown option" 1 gdbus call --session --dest $dest --object-path $mgr \
  --method org.creneau.Scheduler1.LoadEvent "{'event.conf': b'x'}" "{'force': <true>}"
contains "names the option" "$err" 'InvalidInput: Unknown option "force"'
expect "RemoveEvent of nothing" 1 dbus-send --session --print-reply --dest=$dest $mgr \
  org.creneau.Scheduler1.RemoveEvent objpath:$mgr/events/nope
contains "is NotFound" "$err" "org.creneau.Scheduler1.Error.NotFound"
start=$(date -d '2030-03-14 07:00 CET' +%s)
expect "Pin before the day opens" 1 gdbus call --session --dest $dest --object-path $ev \
  --method $E.Pin atelier-eau salle-a "$start"
contains "is Infeasible" "$err" "org.creneau.Scheduler1.Error.Infeasible"
expect "Pin to a room without the tag" 1 gdbus call --session --dest $dest --object-path $ev \
  --method $E.Pin atelier-eau amphi "$(date -d '2030-03-14 09:45 CET' +%s)"
contains "is Infeasible too" "$err" 'Error.Infeasible: Room "amphi" lacks the tag "workshop"'

expect "busctl starts a long solve" 0 busctl --user call $dest $ev $E Solve 'a{sv}' 1 time-limit u 60
expect "Pin while solving" 1 gdbus call --session --dest $dest --object-path $ev \
  --method $E.Pin atelier-eau salle-a "$(date -d '2030-03-14 09:45 CET' +%s)"
contains "is Busy" "$err" "org.creneau.Scheduler1.Error.Busy"
expect "reads answer while solving" 0 busctl --user call $dest $ev $E GetViolations
expect "Cancel" 0 busctl --user call $dest $ev $E Cancel
expect "a solve that waits" 0 busctl --user --timeout=60 call $dest $ev $E Solve 'a{sv}' 2 time-limit u 1 wait b true
expect "State is solved after it" 0 busctl --user get-property $dest $ev $E State
contains "State 2" "$out" "^u 2$"
# A waiting solve still running when the daemon stops gets Failed.
gdbus call --session --dest $dest --object-path $ev --timeout 60 \
  --method $E.Solve "{'time-limit': <uint32 60>, 'wait': <true>}" >"$work/wait.out" 2>"$work/wait.err" &
waiter=$!
sleep 1
stop_daemon
wait $waiter
[ $? != 0 ] && ok "the waiting call fails" || not_ok "the waiting call succeeded"
contains "is Failed" "$(cat "$work/wait.err")" "org.creneau.Scheduler1.Error.Failed: The daemon stopped"
[ "$daemon_rc" = 0 ] && ok "the daemon stopped cleanly mid-solve" || not_ok "exit $daemon_rc"
start_daemon || exit 1

# Infeasible before solving: three parallel workshops, two workshop rooms.
expect "load an impossible event" 0 ctl load "$CRENEAU_SOURCE_ROOT/tests/daemon/infeasible"
expect "Solve of it" 1 gdbus call --session --dest $dest --object-path $mgr/events/trop_2dd_2dateliers \
  --method $E.Solve "{}"
contains "is Infeasible with the reason" "$err" "org.creneau.Scheduler1.Error.Infeasible: H"
expect "creneauctl solve says why" 1 ctl solve trop-d-ateliers
contains "in the event's own names" "$err" "^creneauctl solve: H[0-9]: .*matin"

# AccessDenied: a daemon configured so that nobody may change its state.
stop_daemon
printf '[Feeds]\nListen=127.0.0.1:0\n[Access]\nAllowRoot=false\nGroup=creneau-test-nobody\n' >"$work/deny.conf"
start_daemon --config "$work/deny.conf" || exit 1
expect "LoadEvent refused" 1 gdbus call --session --dest $dest --object-path $mgr \
  --method org.creneau.Scheduler1.LoadEvent "{'event.conf': b'[Event]'}" "{}"
contains "is AccessDenied" "$err" "org.creneau.Scheduler1.Error.AccessDenied: Only members of the group \"creneau-test-nobody\""
expect "reads are still allowed" 0 busctl --user call $dest $mgr org.creneau.Scheduler1 ListEvents
expect "creneauctl load refused" 1 ctl load "$fixture"
one_sentence "the refusal is one sentence" "$err"
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
finish
