#!/usr/bin/env bash
# The system bus policy, tested on a private bus that enforces it: anyone
# may read, only root and the creneau group may change state, and only the
# service's user may own the name. Every method of the interface XML is
# tried as someone else: the read-only ones answer, all others are refused
# with AccessDenied and change nothing. Then the daemon's own check
# ([Access] Group=), on a bus that lets everything through.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null || ! id nobody >/dev/null 2>&1; then
  skip "needs root, setpriv and the user nobody to call as someone else"
  finish
fi
dest=org.creneau.Scheduler1
policy=$CRENEAU_SOURCE_ROOT/data/dbus-1/org.creneau.Scheduler1.conf

# The bus socket must be reachable by nobody.
sock=$(mktemp -d)
chmod 0755 "$sock"
cat >"$work/system.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:dir=$sock</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
  </policy>
  <include>$policy</include>
  <!-- This machine has no creneau user: root stands in for it here. -->
  <policy user="root">
    <allow own="$dest"/>
  </policy>
</busconfig>
CONF
dbus-daemon --config-file="$work/system.conf" --fork --print-address=3 --print-pid=4 \
  3>"$work/bus.address" 4>"$work/bus.pid" 2>/dev/null
bus_pid=$(cat "$work/bus.pid")
export DBUS_SYSTEM_BUS_ADDRESS=$(head -n1 "$work/bus.address")

as_nobody () {
  setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
}

printf '[Feeds]\nListen=127.0.0.1:0\n' >"$work/system-daemon.conf"
$CRENEAU_DAEMON_WRAPPER "$CRENEAUD" --system --config "$work/system-daemon.conf" \
  --state-dir "$work/state" 2>>"$work/daemon.log" &
daemon_pid=$!
if ! gdbus wait --system --timeout 60 $dest; then
  not_ok "creneaud did not get its name on the system-style bus"
  diag <"$work/daemon.log"
  kill "$bus_pid"
  finish
fi
ok "creneaud owns its name on a bus with the system policy"

expect "root may load" 0 ctl --system load "$fixture"
expect "nobody may not own the name" 1 as_nobody busctl --system call org.freedesktop.DBus \
  /org/freedesktop/DBus org.freedesktop.DBus RequestName su $dest 4
contains "the bus says why" "$err" "[Aa]ccess|not allowed"

expect "nobody may list" 0 as_nobody "$CRENEAUCTL" --system list
contains "and sees the event" "$out" "^journee-test"
expect "nobody may read properties" 0 as_nobody "$CRENEAUCTL" --system status journee-test
expect "nobody may introspect" 0 as_nobody busctl --system introspect $dest /org/creneau/Scheduler1
expect "nobody may ping" 0 as_nobody gdbus call --system --dest $dest \
  --object-path /org/creneau/Scheduler1 --method org.freedesktop.DBus.Peer.Ping
expect "root solves" 0 ctl --system solve journee-test --time-limit 1 --seed 5
expect "nobody may read the timetable" 0 as_nobody "$CRENEAUCTL" --system show journee-test
expect "nobody may read violations" 0 as_nobody "$CRENEAUCTL" --system violations journee-test
expect "nobody may explain" 0 as_nobody "$CRENEAUCTL" --system explain journee-test ouverture
expect "nobody may export" 0 as_nobody "$CRENEAUCTL" --system export journee-test --format csv

M=org.creneau.Scheduler1
E=org.creneau.Scheduler1.Event
mgr=/org/creneau/Scheduler1
ev=$mgr/events/journee_2dtest
P=org.freedesktop.DBus.Properties
# snapshot: what a change would alter.
snapshot () {
  busctl --system call $dest $mgr $M ListEvents
  busctl --system call $dest $ev $E GetTimetable
  busctl --system call $dest $ev $P GetAll s $E
  busctl --system call $dest $ev $E GetChanges u 0
}
before=$(snapshot 2>&1)

# Read-only, as the policy says: each answers someone outside the group.
send_as_nobody () {
  run as_nobody dbus-send --system --print-reply --dest=$dest "$@"
}
send_as_nobody $mgr $M.ListEvents
contains "nobody: ListEvents" "$out" "journee_2dtest"
send_as_nobody $mgr $M.ListPlugins
contains "nobody: ListPlugins" "$out" "rooms-keyfile"
send_as_nobody $ev $E.GetTimetable
contains "nobody: GetTimetable" "$out" "ouverture"
send_as_nobody $ev $E.GetViolations
[ "$rc" = 0 ] && ok "nobody: GetViolations" || not_ok "nobody: GetViolations: $err"
send_as_nobody $ev $E.Explain string:ouverture
[ "$rc" = 0 ] && ok "nobody: Explain" || not_ok "nobody: Explain: $err"
send_as_nobody $ev $E.GetChanges uint32:0
[ "$rc" = 0 ] && ok "nobody: GetChanges" || not_ok "nobody: GetChanges: $err"
send_as_nobody $ev $P.Get string:$E string:State
contains "nobody: Get State" "$out" "uint32 2"
send_as_nobody $ev $P.GetAll string:$E
contains "nobody: GetAll" "$out" "HardViolations"
send_as_nobody $mgr $P.Get string:$M string:Version
[ "$rc" = 0 ] && ok "nobody: Get Version" || not_ok "nobody: Get Version: $err"
run as_nobody gdbus call --system --dest $dest --object-path $ev --method $E.Export csv "{}"
[ "$rc" = 0 ] && ok "nobody: Export" || not_ok "nobody: Export: $err"

# Everything else, read from the XML, is refused by the bus: with its
# arguments right, so that only the policy can say no.
readonly_methods=" ListEvents ListPlugins GetTimetable GetViolations Explain Export GetChanges "
refused=0
while read -r iface method sig; do
  case "$readonly_methods" in *" $method "*) continue ;; esac
  case $iface in $E) path=$ev ;; *) path=$mgr ;; esac
  args=()
  case $sig in
    "") ;;
    "a{sv}") args=("{}") ;;
    "o") args=("'$ev'") ;;
    "s") args=("'ouverture'") ;;
    "ssx") args=("'ouverture'" "'salle-a'" "1899969300") ;;
    "u") args=("0") ;;
    "a{say}a{sv}") args=("{'event.conf': b'[Event]'}" "{}") ;;
    *) args=() ;;
  esac
  run as_nobody gdbus call --system --dest $dest --object-path $path --method "$iface.$method" "${args[@]}"
  refused=$((refused + 1))
  contains "nobody may not call $method: AccessDenied" "$err" "org.freedesktop.DBus.Error.AccessDenied"
done < <(/usr/bin/python3 - "$CRENEAU_SOURCE_ROOT/data/org.creneau.Scheduler1.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
for iface in ET.parse(sys.argv[1]).getroot().iter("interface"):
    for m in iface.iter("method"):
        sig = "".join(a.get("type") for a in m.iter("arg") if a.get("direction", "in") == "in")
        print(iface.get("name"), m.get("name"), sig)
PY
)
[ "$refused" -ge 9 ] && ok "$refused methods refused to someone outside the group" \
  || not_ok "only $refused methods tried"
send_as_nobody $ev $P.Set string:$E string:Name variant:string:x
contains "nobody may not set a property" "$err" "org.freedesktop.DBus.Error.AccessDenied"
after=$(snapshot 2>&1)
[ "$before" = "$after" ] && ok "the refused calls changed nothing" \
  || not_ok "the state changed: $(diff <(echo "$before") <(echo "$after") | head -5)"

expect "nobody may not load" 1 as_nobody "$CRENEAUCTL" --system load "$fixture"
contains "the bus refused it" "$err" "^creneauctl load: The bus refused the call"
expect "nobody may not solve" 1 as_nobody "$CRENEAUCTL" --system solve journee-test --time-limit 1
expect "nobody may not pin" 1 as_nobody "$CRENEAUCTL" --system pin journee-test atelier-eau salle-a '2030-03-14 09:45'
expect "nobody may not publish" 1 as_nobody "$CRENEAUCTL" --system publish journee-test
expect "nobody may not see the feed tokens" 1 as_nobody "$CRENEAUCTL" --system feeds journee-test
expect "nobody may not remove" 1 as_nobody "$CRENEAUCTL" --system remove journee-test
expect "root may publish" 0 ctl --system publish journee-test
expect "root may see the feeds" 0 ctl --system feeds journee-test

# The system bus's own message limit (32 MiB by default) stops a larger
# LoadEvent before creneaud; the limit of the daemon answers below it.
run env CRENEAU_ABUSE_BUS=system "$CRENEAU_BUS_ABUSE" load event.conf=$fixture/event.conf \
  a:7340032 b:7340032 c:7340032 d:7340032 e:7340032
contains "a 35 MiB LoadEvent never reaches the daemon on a system bus" "$out" "^no answer"
run env CRENEAU_ABUSE_BUS=system "$CRENEAU_BUS_ABUSE" load event.conf=$fixture/event.conf \
  a:7340032 b:7340032 c:7340032 d:7340032
contains "28 MiB gets the daemon's own limit" "$out" \
  "^org.creneau.Scheduler1.Error.InvalidInput: .*more than the limit of 25165824 bytes in all"
expect "the daemon still answers" 0 busctl --system call $dest $mgr org.freedesktop.DBus.Peer Ping

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
kill "$bus_pid"

# The daemon's own check, on a bus whose policy lets everyone call: the
# group is nogroup, which is the user nobody's; the user daemon is not in it.
cat >"$work/open.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:dir=$sock</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
  </policy>
</busconfig>
CONF
dbus-daemon --config-file="$work/open.conf" --fork --print-address=3 --print-pid=4 \
  3>"$work/bus.address" 4>"$work/bus.pid" 2>/dev/null
bus_pid=$(cat "$work/bus.pid")
export DBUS_SYSTEM_BUS_ADDRESS=$(head -n1 "$work/bus.address")
printf '[Feeds]\nListen=127.0.0.1:0\n[Access]\nGroup=nogroup\nAllowRoot=false\n' \
  >"$work/group-daemon.conf"
$CRENEAU_DAEMON_WRAPPER "$CRENEAUD" --system --config "$work/group-daemon.conf" \
  --state-dir "$work/state-group" 2>>"$work/daemon.log" &
daemon_pid=$!
gdbus wait --system --timeout 60 $dest && ok "creneaud on a bus that lets everyone call" \
  || not_ok "creneaud did not start on the open bus"
as_daemon () {
  setpriv --reuid=1 --regid=1 --clear-groups -- "$@"
}
denied=org.creneau.Scheduler1.Error.AccessDenied
expect "root is refused too when AllowRoot=false" 1 ctl --system load "$fixture"
contains "by the daemon" "$err" "Only members of the group \"nogroup\" may change"
expect "a member of the group loads" 0 as_nobody "$CRENEAUCTL" --system load "$fixture"
expect "and solves" 0 as_nobody "$CRENEAUCTL" --system solve journee-test --time-limit 1 --seed 5
before=$(snapshot 2>&1)
run as_daemon gdbus call --system --dest $dest --object-path $mgr --method $M.LoadEvent \
  "{'event.conf': b'[Event]'}" "{}"
contains "someone else may not load: the daemon's AccessDenied" "$err" "$denied"
run as_daemon gdbus call --system --dest $dest --object-path $ev --method $E.Solve "{}"
contains "nor solve" "$err" "$denied"
run as_daemon gdbus call --system --dest $dest --object-path $ev --method $E.Pin \
  ouverture salle-a 1899969300
contains "nor pin" "$err" "$denied"
run as_daemon gdbus call --system --dest $dest --object-path $ev --method $E.Publish
contains "nor publish" "$err" "$denied"
run as_daemon gdbus call --system --dest $dest --object-path $mgr --method $M.RemoveEvent "'$ev'"
contains "nor remove" "$err" "$denied"
run as_daemon gdbus call --system --dest $dest --object-path $ev --method $E.GetFeeds
contains "nor see the feed tokens" "$err" "$denied"
run as_daemon busctl --system call $dest $ev $E GetTimetable
contains "but may read the timetable" "$out" "ouverture"
run as_daemon busctl --system get-property $dest $ev $E State
contains "and the properties" "$out" "^u 2$"
after=$(snapshot 2>&1)
[ "$before" = "$after" ] && ok "the refused calls changed nothing" \
  || not_ok "the state changed: $(diff <(echo "$before") <(echo "$after") | head -5)"
expect "the member publishes" 0 as_nobody "$CRENEAUCTL" --system publish journee-test
stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
kill "$bus_pid"
rm -rf "$sock"
finish
