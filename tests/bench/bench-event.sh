#!/usr/bin/env bash
# creneau-bench event solves an event directory offline (plugins from the
# build) and writes the timetable CSV of DESIGN.md.
set -u
bench=$1
event=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CRENEAU_PLUGIN_DIR=${CRENEAU_BUILD_ROOT:?}/plugins
echo "1..3"

out=$("$bench" event "$event" --time-limit 1 --seed 3 -o "$tmp/t.csv" 2>"$tmp/err")
line=$(tail -n 1 <<<"$out")
zero=$(head -n 1 <<<"$out")
if [[ "$line" =~ ^instance=mini\ hard=0\ soft=[0-9]+\ seconds=[0-9.]+\ peak_rss_kb=[0-9]+\ cpu_seconds=[0-9.]+$ ]] &&
   [[ "$zero" =~ ^#\ zero\ hard\ after\ [0-9]+\.[0-9]{2}\ s$ ]] && [ "$(wc -l <<<"$out")" -eq 2 ]; then
  echo "ok 1 summary line: $line"
else
  echo "not ok 1 summary line:"
  sed 's/^/# /' <<<"$out"
  sed 's/^/# /' "$tmp/err"
fi

# Header, then one row per occurrence (6), each with 5 fields and local times.
rows=$(tr -d '\r' <"$tmp/t.csv")
header=$(head -n 1 <<<"$rows")
good=$(tail -n +2 <<<"$rows" |
  grep -cE '^[a-z0-9-]+,[0-9]+,[a-z0-9-]+,2018-11-26 [0-9]{2}:[0-9]{2},2018-11-26 [0-9]{2}:[0-9]{2}$')
if [ "$header" = "session,occurrence,room,start,end" ] && [ "$good" -eq 6 ] &&
   [ "$(wc -l <<<"$rows")" -eq 7 ]; then
  echo "ok 2 CSV has the header and 6 well-formed rows"
else
  echo "not ok 2 CSV:"
  sed 's/^/# /' "$tmp/t.csv"
fi

# The block starts together, and the closing comes after every workshop.
start_of() { awk -F, -v s="$1" -v o="$2" '$1 == s && $2 == o { print $4 }' <<<"$rows"; }
end_of() { awk -F, -v s="$1" -v o="$2" '$1 == s && $2 == o { print $5 }' <<<"$rows"; }
last_end=$(printf '%s\n' "$(end_of atelier-1 1)" "$(end_of atelier-2 1)" "$(end_of atelier-3 1)" \
  "$(end_of atelier-3 2)" | sort | tail -n 1)
if [ "$(start_of atelier-1 1)" = "$(start_of atelier-2 1)" ] &&
   [[ ! "$(start_of cloture 1)" < "$last_end" ]]; then
  echo "ok 3 block starts together and After= holds"
else
  echo "not ok 3 timetable breaks H8 or H6:"
  sed 's/^/# /' "$tmp/t.csv"
fi
