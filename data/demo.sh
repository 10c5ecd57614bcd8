#!/usr/bin/env bash
# The main job on the bundled examples (called by ./run demo).
set -euo pipefail
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
# The plugins of this build, not the installed ones.
export CRENEAU_PLUGIN_DIR="${CRENEAU_PLUGIN_DIR:-$build/plugins}"
for ex in "$top"/data/examples/*/; do
  [ -f "$ex/event.conf" ] || continue
  echo "=== $(basename "$ex")"
  "$build/cli/creneauctl" check --summary "$ex"
done
