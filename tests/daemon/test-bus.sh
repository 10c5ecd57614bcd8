#!/usr/bin/env bash
# creneaud and its bus: activation from a service directory, leaving when
# the bus goes away, the interface XML and the system unit's hardening.
. "$(dirname "$0")/lib.sh"

dest=org.creneau.Scheduler1

# The installed interface XML is what the daemon's tables say.
expect "creneaud prints its interface XML" 0 "$CRENEAUD" --print-interface-xml
printf '%s\n' "$out" >"$work/generated.xml"
if diff -u "$CRENEAU_INTERFACE_XML" "$work/generated.xml" >"$work/xml.diff"; then
  ok "data/org.creneau.Scheduler1.xml matches the tables"
else
  not_ok "data/org.creneau.Scheduler1.xml is stale: regenerate it with creneaud --print-interface-xml"
  diag <"$work/xml.diff"
fi
expect "the interface XML is well formed" 0 xmllint --noout "$CRENEAU_INTERFACE_XML"

# Bus activation: a bus of our own whose only service directory holds
# creneaud's activation file.
mkdir -p "$work/services" "$work/activated-state"
cat >"$work/services/$dest.service" <<SERVICE
[D-BUS Service]
Name=$dest
Exec=$CRENEAUD --session --state-dir $work/activated-state
SERVICE
cat >"$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$work</listen>
  <servicedir>$work/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
dbus-daemon --config-file="$work/bus.conf" --fork --print-address=3 --print-pid=4 \
  3>"$work/bus.address" 4>"$work/bus.pid" 2>/dev/null
bus_pid=$(cat "$work/bus.pid")
bus_address=$(head -n1 "$work/bus.address")
(
  export DBUS_SESSION_BUS_ADDRESS=$bus_address
  expect "nothing owns the name before the first call" 1 \
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetNameOwner $dest
  expect "a call activates creneaud" 0 busctl --user get-property $dest /org/creneau/Scheduler1 \
    org.creneau.Scheduler1 Version
  contains "and it answers" "$out" '^s "'
  expect "creneauctl talks to the activated daemon" 0 "$CRENEAUCTL" status
  run gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID $dest
  printf '%s' "$out" | sed -E 's/^\(uint32 ([0-9]+),\)$/\1/' >"$work/daemon.pid"
  exit $((tap_failed))
) >"$work/activation.tap"
while read -r line; do
  case $line in
    "ok "*) ok "${line#ok * - }" ;;
    "not ok "*) not_ok "${line#not ok * - }" ;;
    "#"*) echo "$line" ;;
  esac
done <"$work/activation.tap"
activated=$(cat "$work/daemon.pid")

# The bus goes away: the activated daemon must leave too.
kill -TERM "$bus_pid"
gone=no
for _ in $(seq 1 50); do
  if ! kill -0 "$activated" 2>/dev/null; then
    gone=yes
    break
  fi
  sleep 0.1
done
[ "$gone" = yes ] && ok "creneaud leaves when its bus goes away" \
  || { not_ok "creneaud $activated outlived its bus"; kill "$activated" 2>/dev/null; }

# Same with a daemon we started ourselves, to see its exit status.
dbus-daemon --config-file="$work/bus.conf" --fork --print-address=3 --print-pid=4 \
  3>"$work/bus.address" 4>"$work/bus.pid" 2>/dev/null
bus_pid=$(cat "$work/bus.pid")
DBUS_SESSION_BUS_ADDRESS=$(head -n1 "$work/bus.address") start_daemon || exit 1
kill -TERM "$bus_pid"
wait "$daemon_pid"
daemon_rc=$?
daemon_pid=
[ "$daemon_rc" = 0 ] && ok "creneaud exits with status 0 when its bus goes away" \
  || not_ok "creneaud exited with $daemon_rc when its bus went away"

# The system unit's sandbox.
if command -v systemd-analyze >/dev/null && [ -f "$CRENEAU_SYSTEM_UNIT" ]; then
  run systemd-analyze security --offline=true "$CRENEAU_SYSTEM_UNIT"
  level=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  if [ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }'; then
    ok "systemd-analyze rates the unit's exposure $level (at most 2.0)"
  else
    not_ok "systemd-analyze rates the unit's exposure '${level}', over 2.0"
    printf '%s\n' "$out" | tail -5 | diag
  fi
else
  skip "systemd-analyze is not available"
fi
finish
