#!/bin/sh
# deps.sh - the Debian packages `make ha-demo` and `make check-ha` need on top
# of tools/deps.sh: Patroni and etcd (server and etcdctl).  Same rules:
# nothing missing is silent; root installs; otherwise the apt-get line.
set -eu
sh "$(dirname "$0")/../deps.sh"
PKGS="patroni etcd-server etcd-client"
missing=
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
missing=${missing# }
[ -n "$missing" ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "wardesk: missing Debian packages for HA; install them with:" >&2
	echo "sudo apt-get install -y --no-install-recommends $missing" >&2
	exit 1
fi
echo "deps: installing $missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# The packages enable etcd.service and patroni.service; the demo runs its own
# processes and does not use them (policy-rc.d or no systemd: not started).
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
