#!/bin/sh
# cluster.sh - a private PostgreSQL cluster for wardesk (the demo and the tests).
#
#   sh tools/cluster.sh init|start|stop|status|destroy|env DIR
#
# Layout:  DIR/data (PGDATA), DIR/run (Unix socket, no TCP: listen_addresses=''),
#          DIR/log/postgres.log.  Superuser `postgres`, -A trust, UTF8, C.UTF-8.
# init     create the cluster (if missing), start it and create database `wardesk`.
#          Idempotent: an existing cluster is just started.
# start    start it and wait until it accepts connections; already running is fine;
#          a stale postmaster.pid left by a crash is removed.
# stop     fast shutdown; not running is fine.
# status   prints running/stopped; exit 0 running, 3 stopped, 4 no cluster.
# destroy  stop (immediate) and remove DIR's data, socket and log directories.
# env      prints `export PGHOST=... PGPORT=... PGDATABASE=wardesk` for eval.
#
# Run as root, the server runs as the system user wardesk-pg (created if
# missing; initdb refuses root), which owns DIR.  DIR's parents must be
# traversable by that user: /root usually is not; set WARDESK_PGDIR.
# Environment: WARDESK_PG_USER (default wardesk-pg), WARDESK_PG_FAST=1 turns
# off fsync (throwaway test clusters only), WARDESK_PG_BINDIR,
# WARDESK_PG_MAX_CONNECTIONS (default 100; the benchmarks use 300).
set -eu

PROG=cluster.sh
PGPORT_FIXED=5432          # the socket directory is private, so no collisions
PGUSER_SYS=${WARDESK_PG_USER:-wardesk-pg}

die() { echo "$PROG: $*" >&2; exit 1; }
note() { echo "$PROG: $*" >&2; }

usage() {
	echo "usage: sh tools/cluster.sh init|start|stop|status|destroy|env DIR" >&2
	exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
case $2 in
/*) DIR=$2 ;;
*) DIR=$PWD/$2 ;;
esac
# Normalise (no trailing slash, no ./ or ../), without requiring it to exist.
if command -v realpath >/dev/null 2>&1; then
	DIR=$(realpath -m -- "$DIR")
fi
DATA=$DIR/data
SOCK=$DIR/run
LOGDIR=$DIR/log
LOG=$LOGDIR/postgres.log

# Newest PostgreSQL server binaries.
find_bindir() {
	if [ -n "${WARDESK_PG_BINDIR:-}" ]; then
		echo "$WARDESK_PG_BINDIR"
		return
	fi
	b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [ -n "$b" ] && [ -x "$b/initdb" ]; then
		echo "$b"
		return
	fi
	if command -v pg_config >/dev/null 2>&1; then
		b=$(pg_config --bindir 2>/dev/null || true)
		if [ -n "$b" ] && [ -x "$b/initdb" ]; then
			echo "$b"
			return
		fi
	fi
	b=$(command -v initdb 2>/dev/null || true)
	[ -n "$b" ] && { dirname "$b"; return; }
	die "PostgreSQL server binaries not found (install postgresql, or set WARDESK_PG_BINDIR)"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a server-side command as the cluster's owner, from /, with a clean HOME.
as_pg() {
	if is_root; then
		runuser -u "$PGUSER_SYS" -- env HOME=/ sh -c 'cd / && exec "$@"' sh "$@"
	else
		(cd / && "$@")
	fi
}

ensure_user() {
	is_root || return 0
	if ! getent passwd "$PGUSER_SYS" >/dev/null 2>&1; then
		useradd -r -M -d /nonexistent -s /usr/sbin/nologin -c "wardesk private PostgreSQL" \
			"$PGUSER_SYS" || die "could not create the system user $PGUSER_SYS"
	fi
}

check_socket_len() {
	s="$SOCK/.s.PGSQL.$PGPORT_FIXED"
	n=$(printf '%s' "$s" | wc -c)
	[ "$n" -lt 100 ] || die "socket path $s is $n bytes (limit 100); use a shorter directory, e.g. WARDESK_PGDIR=/var/tmp/wardesk-pg"
}

# DIR must exist, belong to the cluster user and be reachable by it.
prepare_dir() {
	mkdir -p "$DIR"
	if is_root; then
		chown "$PGUSER_SYS:" "$DIR"
		chmod 0755 "$DIR"
		if ! runuser -u "$PGUSER_SYS" -- sh -c 'cd "$1" && test -w .' sh "$DIR" 2>/dev/null; then
			die "$DIR is not reachable by the user $PGUSER_SYS (a parent directory is not traversable, e.g. /root is 0700).
Put the cluster elsewhere, e.g.:  WARDESK_PGDIR=/var/tmp/wardesk-pg make run"
		fi
	fi
	for d in "$SOCK" "$LOGDIR"; do
		mkdir -p "$d"
		if is_root; then chown "$PGUSER_SYS:" "$d"; fi
	done
}

have_cluster() { [ -f "$DATA/PG_VERSION" ]; }

# 0 running, 3 not running
pg_status() {
	as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 && return 0
	return 3
}

ready() {
	"$BIN/pg_isready" -q -h "$SOCK" -p "$PGPORT_FIXED" -U postgres -d postgres >/dev/null 2>&1
}

# A postmaster.pid whose process is gone (or is not a postgres any more:
# PIDs get reused after a reboot or container restart) must not block start.
clear_stale_pid() {
	pidf=$DATA/postmaster.pid
	[ -f "$pidf" ] || return 0
	pid=$(head -n 1 "$pidf" 2>/dev/null || true)
	alive=no
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		comm=$(cat "/proc/$pid/comm" 2>/dev/null || echo postgres)
		case $comm in postgres*|postmaster*) alive=yes ;; esac
	fi
	if [ "$alive" = no ]; then
		note "removing stale $pidf (pid ${pid:-?} is not a running postgres)"
		rm -f "$pidf" "$SOCK/.s.PGSQL.$PGPORT_FIXED" "$SOCK/.s.PGSQL.$PGPORT_FIXED.lock"
	fi
}

do_start() {
	have_cluster || die "no cluster in $DIR (run: sh tools/cluster.sh init $DIR)"
	ensure_user
	prepare_dir
	if pg_status && ready; then
		return 0
	fi
	clear_stale_pid
	if ! pg_status; then
		if ! as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null; then
			note "the server did not start; last lines of $LOG:"
			tail -n 20 "$LOG" >&2 2>/dev/null || true
			exit 1
		fi
	fi
	i=0
	while ! ready; do
		i=$((i + 1))
		[ $i -le 600 ] || die "the server is not accepting connections after 60 s; see $LOG"
		sleep 0.1
	done
}

do_init() {
	check_socket_len
	ensure_user
	prepare_dir
	if ! have_cluster; then
		[ ! -d "$DATA" ] || [ -z "$(ls -A "$DATA" 2>/dev/null)" ] ||
			die "$DATA exists but is not a cluster; remove it or use another directory"
		note "creating a PostgreSQL cluster in $DATA"
		if ! as_pg "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
			>"$LOGDIR/initdb.log" 2>&1; then
			cat "$LOGDIR/initdb.log" >&2
			die "initdb failed"
		fi
		conf=$DATA/postgresql.conf
		{
			echo
			echo "# --- wardesk private cluster (tools/cluster.sh) ---"
			echo "listen_addresses = ''"
			echo "port = $PGPORT_FIXED"
			echo "unix_socket_directories = '$SOCK'"
			echo "unix_socket_permissions = 0777"
			echo "max_connections = ${WARDESK_PG_MAX_CONNECTIONS:-100}"
			echo "timezone = 'Asia/Ho_Chi_Minh'"
			echo "log_timezone = 'Asia/Ho_Chi_Minh'"
			echo "log_line_prefix = '%m [%p] %u@%d '"
			if [ "${WARDESK_PG_FAST:-0}" = 1 ]; then
				echo "fsync = off"
				echo "synchronous_commit = off"
				echo "full_page_writes = off"
			fi
		} | as_pg tee -a "$conf" >/dev/null
	fi
	do_start
	if ! "$BIN/psql" -X -q -h "$SOCK" -p "$PGPORT_FIXED" -U postgres -d postgres -tA \
		-c "select 1 from pg_database where datname = 'wardesk'" | grep -q 1; then
		"$BIN/createdb" -h "$SOCK" -p "$PGPORT_FIXED" -U postgres -E UTF8 -T template0 wardesk ||
			die "could not create the database wardesk"
	fi
}

do_stop() {
	have_cluster || { note "no cluster in $DIR"; return 0; }
	if pg_status; then
		as_pg "$BIN/pg_ctl" -D "$DATA" -m "${1:-fast}" -w -t 60 stop >/dev/null
	fi
}

do_status() {
	if ! have_cluster; then
		echo "no cluster in $DIR"
		exit 4
	fi
	if pg_status && ready; then
		echo "running: socket $SOCK port $PGPORT_FIXED (data $DATA, log $LOG)"
		exit 0
	fi
	echo "stopped (data $DATA)"
	exit 3
}

do_destroy() {
	if have_cluster; then
		do_stop immediate || true
	fi
	rm -rf "$DATA" "$SOCK" "$LOGDIR"
	rmdir "$DIR" 2>/dev/null || true
}

q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

case $cmd in
init) BIN=$(find_bindir); do_init ;;
start) BIN=$(find_bindir); check_socket_len; do_start ;;
stop) BIN=$(find_bindir); do_stop fast ;;
status) BIN=$(find_bindir); do_status ;;
destroy) BIN=$(find_bindir); do_destroy ;;
env)
	echo "export PGHOST=$(q "$SOCK")"
	echo "export PGPORT=$PGPORT_FIXED"
	echo "export PGDATABASE=wardesk"
	;;
*) usage ;;
esac
