#!/usr/bin/env bash
# The system bus policy, tested on a private bus that enforces it: anyone
# may read, only root and the creneau group may change state, and only the
# service's user may own the name.
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

expect "nobody may not load" 1 as_nobody "$CRENEAUCTL" --system load "$fixture"
contains "the bus refused it" "$err" "^creneauctl load: The bus refused the call"
expect "nobody may not solve" 1 as_nobody "$CRENEAUCTL" --system solve journee-test --time-limit 1
expect "nobody may not pin" 1 as_nobody "$CRENEAUCTL" --system pin journee-test atelier-eau salle-a '2030-03-14 09:45'
expect "nobody may not publish" 1 as_nobody "$CRENEAUCTL" --system publish journee-test
expect "nobody may not see the feed tokens" 1 as_nobody "$CRENEAUCTL" --system feeds journee-test
expect "nobody may not remove" 1 as_nobody "$CRENEAUCTL" --system remove journee-test
expect "root may publish" 0 ctl --system publish journee-test
expect "root may see the feeds" 0 ctl --system feeds journee-test

stop_daemon
[ "$daemon_rc" = 0 ] && ok "the daemon stops cleanly" || not_ok "exit $daemon_rc"
kill "$bus_pid"
rm -rf "$sock"
finish
