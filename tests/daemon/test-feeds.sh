#!/usr/bin/env bash
# The feeds of a real creneaud, read with curl: nothing before the first
# Publish, 200 with validators, 304 on If-None-Match and If-Modified-Since,
# HEAD without a body, 404 and 405; a LoadEvent(replace) changes nothing
# served until the next Publish; public breaks in the whole event's feed.
. "$(dirname "$0")/lib.sh"

event=$CRENEAU_SOURCE_ROOT/tests/daemon/feeds-event

# get URL [CURL-OPTION...]: status in $code, body bytes received in $size,
# headers in $work/h, body in $work/b.
get () {
  local url=$1
  shift
  rm -f "$work/b"
  read -r code size < <(curl -s -D "$work/h" -o "$work/b" -w '%{http_code} %{size_download}\n' \
    "$@" "$url")
}

# header NAME: the value of a response header of the last get.
header () {
  grep -i "^$1:" "$work/h" | head -n 1 | cut -d' ' -f2- | tr -d '\r'
}

is () {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', wanted '$3')"; fi
}

start_daemon || exit 1
expect "load the event" 0 ctl load "$event"
expect "solve it" 0 ctl solve feeds-test --time-limit 1 --seed 3
expect "feeds lists the addresses" 0 ctl feeds feeds-test
whole=$(printf '%s\n' "$out" | awk '$1 == "event" { print $3 }')
martin=$(printf '%s\n' "$out" | awk '$1 == "speaker" && $2 == "martin" { print $3 }')
amphi=$(printf '%s\n' "$out" | awk '$1 == "room" && $2 == "amphi" { print $3 }')
base=${whole%/events/*}
contains "the speaker's feed has a token" "$martin" "/events/feeds-test/speaker/[0-9a-f]{32}\.ics$"

get "$whole"
is "nothing is served before the first Publish (whole event)" "$code" 404
get "$martin"
is "nothing is served before the first Publish (speaker)" "$code" 404

expect "publish" 0 ctl publish feeds-test

get "$whole"
is "the whole event's feed is served" "$code" 200
etag=$(header ETag)
modified=$(header Last-Modified)
contains "with an ETag" "$etag" '^"[0-9a-f]{32}"$'
contains "with Last-Modified as an HTTP date" "$modified" '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT$'
contains "with Cache-Control" "$(header Cache-Control)" "max-age=[0-9]+"
contains "as text/calendar" "$(header Content-Type)" "^text/calendar"
is "every session and the public lunch, not the staff meeting" \
  "$(grep -c '^BEGIN:VEVENT' "$work/b")" 5
grep -q '^SUMMARY:Déjeuner' "$work/b" && ok "the public break is in the whole feed" \
  || not_ok "the public break is missing from the whole feed"
grep -q "Réunion de l'équipe" "$work/b" && not_ok "a break that is not public is in the feed" \
  || ok "a break that is not public stays out"
cp "$work/b" "$work/published-1.ics"

get "$whole" -H "If-None-Match: $etag"
is "If-None-Match with the ETag: 304" "$code" 304
is "a 304 has no body" "$size" 0
is "a 304 repeats the ETag" "$(header ETag)" "$etag"
get "$whole" -H 'If-None-Match: "0123456789abcdef0123456789abcdef"'
is "If-None-Match with another tag: 200" "$code" 200
get "$whole" -H "If-Modified-Since: $modified"
is "If-Modified-Since the publication: 304" "$code" 304
get "$whole" -H "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT"
is "If-Modified-Since long before: 200" "$code" 200
get "$whole" -H 'If-None-Match: "0123456789abcdef0123456789abcdef"' -H "If-Modified-Since: $modified"
is "If-None-Match wins over If-Modified-Since" "$code" 200

get "$whole" -I
is "HEAD: 200" "$code" 200
is "HEAD has no body" "$size" 0
is "HEAD gives the length of the GET body" "$(header Content-Length)" "$(stat -c %s "$work/published-1.ics")"
is "HEAD gives the same ETag" "$(header ETag)" "$etag"

get "$martin"
is "the speaker's feed is served" "$code" 200
is "with the speaker's one talk and no break" "$(grep -c '^BEGIN:VEVENT' "$work/b")" 1
grep -q '^SUMMARY:Les communs territoriaux' "$work/b" && ok "the talk is the speaker's" \
  || not_ok "the speaker's feed does not hold the talk"
get "$amphi"
is "the room's feed is served" "$code" 200

get "$base/events/no-such-event.ics"
is "unknown event: 404" "$code" 404
get "${martin%/*}/0123456789abcdef0123456789abcdef.ics"
is "unknown token: 404" "$code" 404
get "${amphi%/room/*}/speaker/${amphi##*/}"
is "a room's token under speaker/: 404" "$code" 404
get "$base/events/feeds-test/other/${amphi##*/}"
is "an unknown kind: 404" "$code" 404
get "$base/"
is "outside /events: 404" "$code" 404
get "$whole" -X POST -d x=1
is "POST: 405" "$code" 405
contains "405 says what is allowed" "$(header Allow)" "GET, HEAD"
get "$whole" -X PUT -d x=1
is "PUT: 405" "$code" 405

# The organiser edits the files: a talk renamed, a workshop removed. The
# feeds go on serving revision 1, byte for byte, until the next Publish.
mkdir -p "$work/edited"
cp "$event"/*.conf "$work/edited/"
sed -i 's/^Title=Les communs territoriaux$/Title=Les communs de territoire à territoire/' \
  "$work/edited/event.conf"
/usr/bin/python3 - "$work/edited/event.conf" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"\[Session atelier-dupont\].*?(?=\n\[)", "", text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
EOF
expect "load the edited files with replace" 0 ctl load --replace "$work/edited"
get "$whole"
is "after replace the whole feed still answers 200" "$code" 200
cmp -s "$work/b" "$work/published-1.ics" && ok "after replace the whole feed is unchanged" \
  || { not_ok "after replace the whole feed changed before Publish"; diff "$work/published-1.ics" "$work/b" | head -20 | diag; }
is "after replace the ETag is unchanged" "$(header ETag)" "$etag"
get "$whole" -H "If-None-Match: $etag"
is "after replace a subscriber still gets 304" "$code" 304
get "$martin"
grep -q '^SUMMARY:Les communs territoriaux' "$work/b" && ok "after replace the speaker's feed keeps the published title" \
  || not_ok "after replace the speaker's feed shows an unpublished title"

# After a restart the daemon reads the published files again from its
# state: still revision 1 as published, not the files loaded since.
stop_daemon
is "the daemon stops cleanly before the restart" "$daemon_rc" 0
start_daemon || exit 1
run ctl feeds feeds-test
whole=$(printf '%s\n' "$out" | awk '$1 == "event" { print $3 }')
martin2=$(printf '%s\n' "$out" | awk '$1 == "speaker" && $2 == "martin" { print $3 }')
is "the speaker's token survives the restart" "${martin2##*/}" "${martin##*/}"
martin=$martin2
get "$whole"
cmp -s "$work/b" "$work/published-1.ics" && ok "after the restart the whole feed is still revision 1 as published" \
  || { not_ok "after the restart the whole feed changed"; diff "$work/published-1.ics" "$work/b" | head -20 | diag; }
is "after the restart the ETag is unchanged" "$(header ETag)" "$etag"
is "after the restart Last-Modified is unchanged" "$(header Last-Modified)" "$modified"

expect "solve with minimal change" 0 ctl solve feeds-test --time-limit 1 --seed 4 --minimal-change
sleep 1  # Last-Modified has a resolution of one second
expect "publish revision 2" 0 ctl publish feeds-test
get "$whole" -H "If-None-Match: $etag"
is "after Publish the old ETag gives 200" "$code" 200
[ "$(header ETag)" != "$etag" ] && ok "after Publish the ETag changed" || not_ok "after Publish the ETag is the same"
grep -q '^SUMMARY:Les communs de territoire à territoire' "$work/b" && ok "after Publish the new title is served" \
  || not_ok "after Publish the new title is missing"
grep -A30 'UID:atelier-dupont@feeds-test.creneau' "$work/b" | grep -q '^STATUS:CANCELLED' \
  && ok "the removed workshop is served as cancelled" || not_ok "the removed workshop is not cancelled in the feed"
get "$whole" -H "If-Modified-Since: $modified"
is "after Publish If-Modified-Since the first publication: 200" "$code" 200
get "$martin"
grep -q '^SUMMARY:Les communs de territoire à territoire' "$work/b" && ok "after Publish the speaker's feed has the new title" \
  || not_ok "after Publish the speaker's feed is stale"

stop_daemon
is "the daemon stops cleanly" "$daemon_rc" 0
finish
