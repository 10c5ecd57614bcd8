#!/bin/sh
# The plugin API a host exports is exactly the functions of the public
# headers: the dynamic list matches the headers, and creneauctl exports the
# list and no other crn_ symbol. TAP output.
set -u
src=$CRENEAU_SOURCE_ROOT
build=$CRENEAU_BUILD_ROOT
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"

cat "$src"/include/creneau/*.h | tr '\n' ' ' | grep -oE '\bcrn_[a-z0-9_]+ \(' \
  | sed 's/ ($//' | sort -u >"$tmp/headers"
grep -E '^ *crn_[a-z0-9_]+;' "$src/lib/plugin/creneau-plugin.dynlist" | tr -d ' ;' | sort -u >"$tmp/dynlist"
if diff -u "$tmp/headers" "$tmp/dynlist" >"$tmp/d1"; then
  echo "ok 1 - creneau-plugin.dynlist lists every function of include/creneau/*.h, and only those"
else
  sed 's/^/# /' "$tmp/d1"
  echo "not ok 1 - creneau-plugin.dynlist differs from the headers (- headers, + list)"
fi

nm -D --defined-only "$build/cli/creneauctl" | awk '$3 ~ /^crn_/ {print $3}' | sort -u >"$tmp/exported"
if diff -u "$tmp/dynlist" "$tmp/exported" >"$tmp/d2"; then
  echo "ok 2 - creneauctl exports exactly the public API ($(wc -l <"$tmp/exported") functions)"
else
  sed 's/^/# /' "$tmp/d2"
  echo "not ok 2 - creneauctl's exported crn_ symbols differ from the list (- list, + exported)"
  exit 1
fi
