#!/bin/sh
# deb.sh - `make deb`: build the Debian package (debian/, debhelper 13) in a
# copy of the checkout (build/deb/wardesk-VERSION), so the working tree's
# ./wardesk and build/ are left alone.  The .deb lands in build/deb/.
# As root, installs what the build needs (tools/deps.sh, dpkg-dev, debhelper).
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
sh tools/deps.sh
need=
for p in dpkg-dev debhelper fakeroot; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || need="$need $p"
done
if [ -n "$need" ]; then
	[ "$(id -u)" -eq 0 ] || { echo "deb: missing:$need (sudo apt-get install$need)" >&2; exit 1; }
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
ver=$(dpkg-parsechangelog -S Version)
out=$ROOT/build/deb
src=$out/wardesk-${ver%-*}
rm -rf "$out"
mkdir -p "$src"
# the files git knows (committed or not), not build products or var/
git ls-files -co --exclude-standard -z | xargs -0 tar -cf - | tar -xf - -C "$src"
rm -rf "$src/build" "$src/var"
(cd "$src" && dpkg-buildpackage -us -uc -b -j"${DEB_JOBS:-2}" >"$out/build.log" 2>&1) || {
	tail -n 40 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed (see $out/build.log)" >&2
	exit 1
}
ls "$out"/wardesk_*.deb
