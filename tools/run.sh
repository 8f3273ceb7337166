#!/bin/sh
# run.sh - `make run`: start the private PostgreSQL cluster (creating it the first
# time), apply the migrations, seed the demo ward once, then open the console as
# the demo duty officer (or print the case list when not on a terminal).
#
# Environment: WARDESK_PGDIR  cluster directory (default var/pg in the checkout)
#              WARDESK_USER   officer to open the console as (default an)
#              WARDESK_SIMULATE=N  also feed N simulated reports a minute (as
#                             hotline operator lan) while the console is open
# As root, when the checkout is not reachable by the cluster's system user
# (e.g. under /root) or its path is too long for a socket, the cluster goes to
# /var/tmp/wardesk-pg-UID-HASH and var/pg becomes a symlink to it, so
# `make stop` and `tools/cluster.sh env var/pg` keep working.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)

# Can every directory from / down to $1 be traversed by others?
traversable() {
	d=$1
	while [ "$d" != / ] && [ -n "$d" ]; do
		if [ -e "$d" ]; then
			case $(stat -L -c %A "$d") in
			*x | *t) ;;
			*) return 1 ;;
			esac
		fi
		d=$(dirname "$d")
	done
	return 0
}

if [ -n "${WARDESK_PGDIR:-}" ]; then
	PGDIR=$WARDESK_PGDIR
	SHOW=$PGDIR
else
	PGDIR=$ROOT/var/pg
	SHOW=var/pg
	if [ ! -e "$PGDIR" ] && [ "$(id -u)" -eq 0 ]; then
		len=$(printf '%s' "$PGDIR/run/.s.PGSQL.5432" | wc -c)
		if ! traversable "$ROOT" || [ "$len" -ge 100 ]; then
			alt=/var/tmp/wardesk-pg-$(id -u)-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
			echo "run: $ROOT is not usable by the cluster's system user; cluster in $alt (var/pg links to it)" >&2
			mkdir -p "$ROOT/var" "$alt"
			chmod 0755 "$alt"
			ln -s "$alt" "$PGDIR"
		fi
	fi
fi

sh tools/cluster.sh init "$PGDIR"
eval "$(sh tools/cluster.sh env "$PGDIR")"

PGUSER=postgres ./wardesk db init
seeded=$(psql -X -qtA -U postgres -c "select count(*) from wardesk.cases" 2>/dev/null || echo 0)
if [ "${seeded:-0}" = 0 ]; then
	PGUSER=postgres ./wardesk db demo
fi

echo "wardesk: from another terminal: eval \"\$(sh tools/cluster.sh env $SHOW)\"; PGUSER=binh ./wardesk   ('make stop' stops the cluster)"

user=${WARDESK_USER:-an}
if [ -t 0 ] && [ -t 1 ]; then
	if [ -n "${WARDESK_SIMULATE:-}" ]; then
		PGUSER=lan ./wardesk simulate --rate "$WARDESK_SIMULATE/min" --quiet </dev/null >/dev/null 2>&1 &
		sim=$!
		trap 'kill "$sim" 2>/dev/null' EXIT
		PGUSER=$user ./wardesk
		exit $?
	fi
	PGUSER=$user exec ./wardesk
else
	PGUSER=$user exec ./wardesk ls
fi
