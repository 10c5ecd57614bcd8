#!/usr/bin/env bash
# What a careless or hostile client may send: payloads over every limit,
# malformed names and contents, wrong signatures for every method, unknown
# objects, interfaces, methods and properties, floods of calls, a client
# that goes away mid-solve. After each, the daemon is alive, answers, and
# the event loaded at the start still has the same timetable.
. "$(dirname "$0")/lib.sh"

dest=org.creneau.Scheduler1
mgr=/org/creneau/Scheduler1
M=org.creneau.Scheduler1
ev=$mgr/events/journee_2dtest
E=org.creneau.Scheduler1.Event
abuse=$CRENEAU_BUS_ABUSE
invalid=org.creneau.Scheduler1.Error.InvalidInput

start_daemon || exit 1
expect "load the reference event" 0 ctl load "$fixture"
expect "solve it" 0 ctl solve journee-test --time-limit 1 --seed 11
run busctl --user call $dest $ev $E GetTimetable
reference=$out
[ -n "$reference" ] && [ "$reference" != 'a(sssxxasa{sv}) 0' ] && ok "it has a timetable" \
  || not_ok "no reference timetable: $reference"

# intact DESC: the daemon answers a ping and the reference event kept its
# timetable and state.
intact () {
  local ping table state
  ping=$(busctl --user --timeout=30 call $dest $mgr org.freedesktop.DBus.Peer Ping 2>&1)
  table=$(busctl --user --timeout=30 call $dest $ev $E GetTimetable 2>&1)
  state=$(busctl --user --timeout=30 get-property $dest $ev $E State 2>&1)
  if ! kill -0 "$daemon_pid" 2>/dev/null; then
    not_ok "$1: the daemon is gone"
    tail -n 30 "$work/daemon.log" | diag
  elif [ -n "$ping" ] || [ "$table" != "$reference" ] || [ "$state" != "u 2" ]; then
    not_ok "$1: the daemon answers and the reference event is intact"
    printf 'ping: %s\nstate: %s\ntimetable: %.300s\n' "$ping" "$state" "$table" | diag
  else
    ok "$1: the daemon answers and the reference event is intact"
  fi
}

# load_refused DESC PATTERN ARG...: bus-abuse load ARG... gets InvalidInput
# whose message matches PATTERN.
load_refused () {
  local desc=$1 pattern=$2
  shift 2
  run "$abuse" load "$@"
  contains "$desc" "$out" "^$invalid: .*$pattern"
}

cp "$fixture/event.conf" "$work/event.conf"
conf=event.conf=$work/event.conf

# Limits on the files, over D-Bus
load_refused "a 9 MiB file" "file \"big\" is 9437184 bytes, more than the limit of 8388608 bytes per file" \
  "$conf" big:9437184
load_refused "28 MiB in four files" "more than the limit of 25165824 bytes in all" \
  "$conf" a:7340032 b:7340032 c:7340032 d:7340032
load_refused "1001 files" "the event has more than 1000 files, the limit" "$conf" --many 1000
load_refused "100,000 files" "the event has more than 1000 files, the limit" "$conf" --many 100000
intact "after the oversize payloads"
# A session bus lets 35 MiB through (the system bus would not: see
# test-policy.sh); the daemon refuses it by its own limit.
load_refused "a 35 MiB message" "more than the limit of 25165824 bytes in all" \
  "$conf" a:7340032 b:7340032 c:7340032 d:7340032 e:7340032
intact "after a 35 MiB message"

# Names
for name in "" "../escape.conf" "/etc/passwd" "a/../../b" "a//b" "./event.conf" \
  'back\slash' "$(printf 'tab\tname')" "$(printf 'bell\aname')"; do
  load_refused "file name '$name'" "file name \".*\" is not a relative path inside the event directory" \
    "$conf" "$name:1"
done
run "$abuse" load "$conf" "$(printf 'new\nline'):1"
contains "file name with a newline" "$out" "^$invalid: file name \"new$"
long=$(printf 'n%.0s' $(seq 1 300))
load_refused "a 300-byte file name" "a file name is 300 bytes long, more than the limit of 255" \
  "$conf" "$long:1"
run "$abuse" load "$conf" "$(printf 'bad\377name'):1"
contains "a file name that is not UTF-8 never leaves the client" "$out" "^refused by libdbus"
load_refused "no event.conf" "no event.conf" rooms.conf:10
load_refused "nothing at all" "no event.conf"
load_refused "event.conf given as a folder" "no event.conf" event.conf/x:1
intact "after the bad names"

# Contents
printf '[Event]\nId=x\nName=caf\351\n' >"$work/latin1.conf"
load_refused "an event.conf that is not UTF-8" "UTF-8" "event.conf=$work/latin1.conf"
printf '[Event]\nId=x\000\nName=y\n' >"$work/nul.conf"
load_refused "an event.conf holding a NUL byte" "." "event.conf=$work/nul.conf"
printf '[Room amphi]\nCapacity=80\nName=Amphi\377\n' >"$work/rooms-latin1.conf"
load_refused "a rooms file that is not UTF-8" "rooms.conf" "$conf" "rooms.conf=$work/rooms-latin1.conf"
head -c 200000 /dev/urandom >"$work/noise"
load_refused "random bytes as event.conf" "." "event.conf=$work/noise"
load_refused "random bytes as the rooms file" "rooms.conf" "$conf" "rooms.conf=$work/noise"
load_refused "an empty event.conf" "." event.conf:0
printf '[Event]\nId=%s\n' "$(printf 'e%.0s' $(seq 1 200))" >"$work/long-id.conf"
load_refused "a 200-byte event id" "is 200 bytes long, more than the limit of 64" \
  "event.conf=$work/long-id.conf"
intact "after the bad contents"

# Wrong signatures for every method of both interfaces, read from the XML:
# no method takes a single double.
methods=$(/usr/bin/python3 - "$CRENEAU_INTERFACE_XML" <<'PY'
import sys
import xml.etree.ElementTree as ET
for iface in ET.parse(sys.argv[1]).getroot().iter("interface"):
    for m in iface.iter("method"):
        print(iface.get("name"), m.get("name"))
PY
)
n_methods=0
while read -r iface method; do
  [ -n "$method" ] || continue
  n_methods=$((n_methods + 1))
  case $iface in
    $E) path=$ev ;;
    *) path=$mgr ;;
  esac
  run dbus-send --session --print-reply --dest=$dest $path "$iface.$method" double:1.5
  contains "$method with a double" "$err" "^Error org.freedesktop.DBus.Error.InvalidArgs: $method takes arguments of type"
done <<<"$methods"
[ "$n_methods" -ge 15 ] && ok "$n_methods methods tried" || not_ok "only $n_methods methods in the XML"
inval_args="^Error org.freedesktop.DBus.Error.InvalidArgs"
run dbus-send --session --print-reply --dest=$dest $mgr $M.LoadEvent dict:string:string:event.conf,x
contains "LoadEvent with a{ss}" "$err" "$inval_args"
run dbus-send --session --print-reply --dest=$dest $mgr $M.LoadEvent array:byte:1,2
contains "LoadEvent with ay" "$err" "$inval_args"
run dbus-send --session --print-reply --dest=$dest $ev $E.Pin string:ouverture string:amphi string:tomorrow
contains "Pin with a string start" "$err" "$inval_args"
run dbus-send --session --print-reply --dest=$dest $mgr $M.RemoveEvent
contains "RemoveEvent without its argument" "$err" "$inval_args"
run dbus-send --session --print-reply --dest=$dest $mgr $M.RemoveEvent string:$ev
contains "RemoveEvent with a string, not a path" "$err" "$inval_args"
run gdbus call --session --dest $dest --object-path $ev --method $E.Solve "{'time-limit': <'ten'>}"
contains "Solve with a string time limit" "$err" "$invalid: Option \"time-limit\" must be of type 'u', not 's'"
run gdbus call --session --dest $dest --object-path $ev --method $E.Solve "{'colour': <'red'>}"
contains "Solve with an unknown option" "$err" "$invalid: Unknown option \"colour\""
intact "after the wrong signatures"

# Limits of a solve
solve_with () {
  run gdbus call --session --dest $dest --object-path $ev --method $E.Solve "$1"
}
solve_with "{'time-limit': <uint32 0>}"
contains "a zero time limit" "$err" "$invalid: The time limit must be between 1 and 86400 seconds \(the limits\), not 0\.$"
solve_with "{'time-limit': <uint32 86401>}"
contains "a time limit over a day" "$err" "$invalid: .*between 1 and 86400 seconds \(the limits\), not 86401\.$"
solve_with "{'threads': <uint32 65>}"
contains "65 threads" "$err" "$invalid: The number of threads must be between 1 and 64 \(the limit\), not 65\.$"
intact "after the refused solves"

# Unknown objects, interfaces, methods and properties
send () {
  run dbus-send --session --print-reply --dest=$dest "$@"
}
P=org.freedesktop.DBus.Properties
send $mgr/events/nope $E.GetTimetable
contains "an unknown event object" "$err" "^Error org.freedesktop.DBus.Error.Unknown(Object|Method)"
send /org/elsewhere $M.ListEvents
contains "an object outside the tree" "$err" "^Error org.freedesktop.DBus.Error.Unknown(Object|Method)"
send / org.freedesktop.DBus.Introspectable.Introspect
contains "the root object can be introspected" "$out" "node name=\"org\""
send $mgr org.example.Nothing.Frob
contains "an unknown interface" "$err" "^Error org.freedesktop.DBus.Error.Unknown(Interface|Method)"
send $ev $E.Frobnicate
contains "an unknown method" "$err" "^Error org.freedesktop.DBus.Error.UnknownMethod"
send $ev $P.Get string:$E string:Colour
contains "an unknown property" "$err" "^Error org.freedesktop.DBus.Error.(UnknownProperty|InvalidArgs)"
send $ev $P.Get string:org.example.Nothing string:Id
contains "a property of an unknown interface" "$err" "^Error org.freedesktop.DBus.Error.(UnknownInterface|UnknownProperty|InvalidArgs)"
send $ev $P.GetAll string:org.example.Nothing
contains "all properties of an unknown interface" "$err" "^Error org.freedesktop.DBus.Error.(UnknownInterface|InvalidArgs)"
send $ev $P.Set string:$E string:Name variant:string:renamed
contains "writing a read-only property" "$err" "^Error org.freedesktop.DBus.Error.(PropertyReadOnly|AccessDenied|InvalidArgs)"
send $ev $P.Get string:$E
contains "Get without the property name" "$err" "$inval_args"
send $ev $E.Explain string:"$(printf 'x%.0s' $(seq 1 5000))"
contains "explaining a 5000-byte session name" "$err" "^Error org.creneau.Scheduler1.Error.NotFound"
send $ev $E.Export string:"$(printf 'f%.0s' $(seq 1 5000))" dict:string:string:
contains "exporting to a 5000-byte format name" "$err" "^Error org.creneau.Scheduler1.Error.InvalidInput|$inval_args"
intact "after the unknown names"

# A thousand calls from several clients at once
expect "10 clients send 100 GetTimetable calls each" 0 \
  "$abuse" flood 10 100 $dest $ev $E GetTimetable
contains "all 1000 answered" "$out" "^1000 answers, 0 errors"
expect "10 clients send 100 ListEvents calls each" 0 "$abuse" flood 10 100 $dest $mgr $M ListEvents
contains "all 1000 answered" "$out" "^1000 answers, 0 errors"
intact "after 2000 rapid calls"

# A client that goes away mid-solve: a second event, so that the reference
# keeps its timetable.
mkdir -p "$work/second"
sed 's/^Id=journee-test/Id=second/' "$fixture/event.conf" >"$work/second/event.conf"
cp "$fixture/rooms.conf" "$work/second/"
expect "load a second event" 0 ctl load "$work/second"
sev=$mgr/events/second
gdbus call --session --dest $dest --object-path $sev --method $E.Solve \
  "{'time-limit': <uint32 3>, 'seed': <uint64 5>, 'wait': <true>}" >/dev/null 2>&1 &
client=$!
for _ in $(seq 1 100); do
  run busctl --user get-property $dest $sev $E State
  [ "$out" = "u 1" ] && break
  sleep 0.05
done
contains "the second event is being solved" "$out" "^u 1$"
kill -KILL $client
wait $client 2>/dev/null
intact "right after the solving client vanished"
state=
for _ in $(seq 1 300); do
  state=$(busctl --user get-property $dest $sev $E State 2>/dev/null)
  [ "$state" = "u 2" ] && break
  sleep 0.1
done
[ "$state" = "u 2" ] && ok "the abandoned solve finished and its event is solved" \
  || not_ok "the abandoned solve left the state at '$state'"
expect "its timetable can be read" 0 ctl show second
run busctl --user call $dest $sev $E GetTimetable
contains "and has rows" "$out" '^a\(sssxxasa\{sv\}\) [1-9]'
expect "it can be solved again" 0 ctl solve second --time-limit 1 --seed 6
expect "and removed" 0 ctl remove second
intact "after the abandoned solve"

# A remote calendar over the size limit, and one that trickles for longer
# than the fetch limit, served from this machine.
mkdir -p "$work/serve"
/usr/bin/python3 - "$work/serve" >"$work/http.log" 2>&1 <<'PY' &
import http.server, sys, time
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        try:
            if self.path == "/big.ics":
                chunk = b"X" * 65536
                for _ in range(6 * 16):          # 6 MiB
                    self.wfile.write(chunk)
            else:                                 # a byte a second
                for _ in range(120):
                    self.wfile.write(b"B")
                    self.wfile.flush()
                    time.sleep(1)
        except (BrokenPipeError, ConnectionResetError):
            pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print("port", srv.server_address[1], flush=True)
srv.serve_forever()
PY
http=$!
port=
for _ in $(seq 1 50); do
  port=$(sed -n 's/^port \([0-9]*\)/\1/p' "$work/http.log")
  [ -n "$port" ] && break
  sleep 0.1
done
remote=$CRENEAU_SOURCE_ROOT/tests/daemon/remote
for what in big slow; do
  mkdir -p "$work/$what"
  sed "s/^Id=.*/Id=remote-$what/" "$remote/event.conf" >"$work/$what/event.conf"
  cp "$remote/rooms.conf" "$work/$what/"
  printf '[Person ana]\nName=Ana\nCalendar=http://127.0.0.1:%s/%s.ics\n' "$port" "$what" \
    >"$work/$what/speakers.conf"
done
# The slow one reads in its own thread: the daemon keeps answering.
"$abuse" load --dir "$work/slow" >"$work/slow.out" 2>&1 &
slow=$!
started=$(date +%s)
run "$abuse" load --dir "$work/big"
contains "a 6 MiB remote calendar" "$out" \
  "^$invalid: .*big\.ics sends more than 5242880 bytes, the limit for a calendar"
intact "while a remote calendar trickles in"
wait $slow
took=$(( $(date +%s) - started ))
contains "a calendar that trickles for 2 minutes" "$(cat "$work/slow.out")" \
  "^$invalid: .*slow\.ics took more than the limit of 20 s to fetch"
[ "$took" -lt 60 ] && ok "the trickling fetch was cut after $took s" || not_ok "it took $took s"
kill $http 2>/dev/null
wait $http 2>/dev/null
intact "after the remote calendars"

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"

# The number of events: a daemon allowed one, on a fresh state.
rm -rf "$work/state"
printf '[Feeds]\nListen=127.0.0.1:0\n[Limits]\nMaxEvents=1\n' >"$work/one.conf"
start_daemon --config "$work/one.conf" || exit 1
expect "the first event loads" 0 ctl load "$fixture"
expect "a second is refused" 1 ctl load "$work/second"
contains "naming the limit" "$err" "already holds 1 events, the limit set by \[Limits\] MaxEvents"
expect "replacing the first is not a new event" 0 ctl load --replace "$fixture"
stop_daemon
[ "$daemon_rc" = 0 ] && ok "that daemon stops cleanly" || not_ok "exit $daemon_rc"
printf '[Limits]\nMaxEvents=10001\n' >"$work/many.conf"
expect "MaxEvents over its own limit is refused at start" 1 \
  "$CRENEAUD" --session --config "$work/many.conf" --state-dir "$work/state2"
contains "saying so" "$err" "MaxEvents must be a whole number from 1 to 10000"
finish
