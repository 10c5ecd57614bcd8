#!/bin/sh
# Builds a plugin outside the tree against the installed headers, found with
# pkg-config only, and loads it into creneauctl. TAP output.
# Usage: out-of-tree.sh MESON CC...   (environment: CRENEAU_BUILD_ROOT,
# CRENEAU_SOURCE_ROOT)
set -u
MESON=$1
shift
CC="$*"
build=$CRENEAU_BUILD_ROOT
here=$CRENEAU_SOURCE_ROOT/tests/plugin/oot
work=$build/tests/plugin/out-of-tree
root=$work/root
ctl=$build/cli/creneauctl
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
bail () { echo "Bail out! $1"; exit 1; }

echo "1..6"
rm -rf "$work"
mkdir -p "$work/plugins"

if $MESON install -C "$build" --no-rebuild --quiet --tags devel --destdir "$root" >"$work/install.log" 2>&1; then
  ok "meson install of the development files into a scratch root"
else
  cat "$work/install.log" | sed 's/^/# /'
  bail "meson install failed"
fi

pc=$(find "$root" -name creneau-plugin.pc | head -n 1)
[ -n "$pc" ] || bail "creneau-plugin.pc was not installed"
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
# The scratch root acts as a sysroot: pkg-config prefixes every -I with it,
# which is right for our headers and yields absent (harmless) folders for
# GLib's; GLib's own flags come from the system as usual.
own_cflags=$(PKG_CONFIG_SYSROOT_DIR=$root pkg-config --cflags creneau-plugin) || bail "pkg-config --cflags creneau-plugin failed"
requires=$(pkg-config --print-requires creneau-plugin | awk '{print $1}' | tr '\n' ' ')
dep_flags=$(pkg-config --cflags --libs $requires) || bail "pkg-config cannot resolve: $requires"
plugindir=$(pkg-config --variable=plugindir creneau-plugin)
case "$plugindir" in
  */creneau/plugins) ok "creneau-plugin.pc gives plugindir ($plugindir)" ;;
  *) not_ok "creneau-plugin.pc gives plugindir (got '$plugindir')" ;;
esac

# shellcheck disable=SC2086
if $CC -shared -fPIC -Wall -Werror $own_cflags -o "$work/plugins/oot-sample.so" \
     "$here/sample-plugin.c" $dep_flags >"$work/cc.log" 2>&1; then
  ok "the plugin compiles against the installed headers ($own_cflags)"
else
  sed 's/^/# /' "$work/cc.log"
  bail "the plugin does not compile"
fi

if nm -D --defined-only "$work/plugins/oot-sample.so" | grep -q ' crn_plugin_descriptor$' \
   && ! nm -D --defined-only "$work/plugins/oot-sample.so" | grep -q ' crn_event_add_room$'; then
  ok "the module exports its descriptor and takes the API from its host"
else
  not_ok "the module exports its descriptor and takes the API from its host"
fi

out=$("$ctl" plugins --local --plugin-dir "$work/plugins" 2>&1)
if printf '%s\n' "$out" | grep -q '^oot-sample  *0\.9  *A plugin built outside the source tree$'; then
  ok "creneauctl plugins --local lists it"
else
  printf '%s\n' "$out" | sed 's/^/# /'
  not_ok "creneauctl plugins --local lists it"
fi

out=$("$ctl" check --summary --plugin-dir "$work/plugins" "$here/event" 2>&1)
rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q 'oot-hall  *321 seats  Hall built out of tree' \
   && printf '%s\n' "$out" | grep -q 'oot-speaker  *Speaker from out of tree'; then
  ok "an event using it loads, with the room and the person it adds"
else
  printf '%s\n' "$out" | sed 's/^/# /'
  not_ok "an event using it loads, with the room and the person it adds (exit $rc)"
fi
exit $failed
