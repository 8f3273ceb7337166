#!/bin/sh
# deps.sh - make sure the Debian packages wardesk needs (build + tests) are installed.
#
# Nothing missing: silent, exit 0.  Missing and root: apt-get update + install,
# quietly (errors still shown).  Missing and not root: print the exact
# `sudo apt-get install ...` line on stderr and exit 1.
# As root it also generates the vi_VN.UTF-8 locale when missing (failure tolerated).
set -eu

PKGS="build-essential pkg-config libncurses-dev libpq-dev libreadline-dev libnotify-dev
libcurl4-openssl-dev libchafa-dev libgdk-pixbuf-2.0-dev gir1.2-gdkpixbuf-2.0
libnotify-bin libjson-c-dev libunistring-dev postgresql postgresql-contrib tmux dbus dbus-bin
python3 python3-dbus python3-gi gettext locales mandoc valgrind clang libclang-rt-14-dev"

missing=
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
missing=${missing# }

uid=$(id -u)
if [ -n "$missing" ]; then
	if [ "$uid" -ne 0 ]; then
		echo "wardesk: missing Debian packages; install them with:" >&2
		echo "sudo apt-get install -y --no-install-recommends $missing" >&2
		exit 1
	fi
	echo "deps: installing $missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# vi_VN.UTF-8 for the Vietnamese catalog tests; optional.
if [ "$uid" -eq 0 ] && ! locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\{0,1\}8$'; then
	localedef -i vi_VN -f UTF-8 vi_VN.UTF-8 >/dev/null 2>&1 ||
		echo "deps: note: could not generate the vi_VN.UTF-8 locale (tests use C.UTF-8)" >&2
fi
exit 0
