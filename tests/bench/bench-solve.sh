#!/usr/bin/env bash
# A short solve writes a solution that re-evaluates to the cost it printed,
# and the same seed with an iteration limit gives the same solution.
set -u
bench=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..4"

field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2" | head -n 1; }

line=$("$bench" itc2007 "$data/toy.ctt" --time-limit 2 --seed 7 -o "$tmp/a.sol")
if [[ "$line" =~ ^instance=toy\ hard=[0-9]+\ soft=[0-9]+\ seconds=[0-9.]+\ peak_rss_kb=[0-9]+\ cpu_seconds=[0-9.]+$ ]]; then
  echo "ok 1 summary line: $line"
else
  echo "not ok 1 summary line: $line"
fi
cost=$("$bench" itc2007 --cost "$data/toy.ctt" "$tmp/a.sol" | head -n 1)
if [ "$(field hard "$line")" = "$(field hard "$cost")" ] &&
   [ "$(field soft "$line")" = "$(field soft "$cost")" ] &&
   [ "$(wc -l <"$tmp/a.sol")" -eq 14 ]; then
  echo "ok 2 written solution re-evaluates to the printed cost"
else
  echo "not ok 2 solve printed '$line' but --cost gives '$cost'"
  sed 's/^/# /' "$tmp/a.sol"
fi

"$bench" itc2007 "$data/toy.ctt" --iterations 3000 --seed 5 -o "$tmp/b.sol" >/dev/null
"$bench" itc2007 "$data/toy.ctt" --iterations 3000 --seed 5 -o "$tmp/c.sol" >/dev/null
if cmp -s "$tmp/b.sol" "$tmp/c.sol"; then
  echo "ok 3 same seed and iteration limit give the same solution"
else
  echo "not ok 3 two runs with --seed 5 --iterations 3000 differ"
fi

"$bench" itc2007 "$tmp/missing.ctt" >/dev/null 2>"$tmp/err"
status=$?
if [ $status -eq 1 ] && grep -q "missing.ctt" "$tmp/err"; then
  echo "ok 4 a missing instance is an error naming the file"
else
  echo "not ok 4 exit $status, stderr: $(cat "$tmp/err")"
fi
