#!/bin/sh
# ha.sh - a ward desk on highly available PostgreSQL, on one machine:
# one etcd member and three PostgreSQL nodes under Patroni, on loopback.
#
#   sh tools/ha/ha.sh up|stop|destroy|status|env|leader|conninfo [DIR]
#
# up       create (first time) or start the cluster, wait for a leader and two
#          streaming replicas, create database wardesk, `wardesk db init` and
#          (first time) `db demo` through the multi-host conninfo, print it.
# stop     stop the three Patroni (each stops its PostgreSQL), then etcd.
# destroy  stop, then remove DIR.
# status   patronictl list.
# env      `export PGSERVICEFILE=... PGSERVICE=wardesk` for eval.
# leader   prints "NAME PORT DATADIR" of the current leader (exit 1: none).
# conninfo prints the multi-host conninfo.
#
# DIR defaults to $WARDESK_HA_DIR, else var/ha.  Layout: DIR/ports (the ports chosen the first
# time, free on 127.0.0.1), DIR/etcd/{data,etcd.log,pid},
# DIR/pgN/{data,run (socket),patroni.yml,patroni.log,pid},
# DIR/pg_service.conf ([wardesk] with the three nodes).
# As root, etcd, Patroni and PostgreSQL run as the system user wardesk-pg
# (WARDESK_PG_USER), like tools/cluster.sh; DIR's parents must be traversable.
# WARDESK_HA_FAST=1 turns fsync off (throwaway test clusters only).
set -eu

PROG=ha.sh
HERE=$(cd "$(dirname "$0")" && pwd -P)
ROOT=$(cd "$HERE/../.." && pwd -P)
PGUSER_SYS=${WARDESK_PG_USER:-wardesk-pg}
SCOPE=${WARDESK_HA_SCOPE:-wardesk-demo}

die() { echo "$PROG: $*" >&2; exit 1; }
note() { echo "$PROG: $*" >&2; }

cmd=${1:-}
DIR=${2:-${WARDESK_HA_DIR:-$ROOT/var/ha}}
case $DIR in /*) ;; *) DIR=$PWD/$DIR ;; esac
DIR=$(realpath -m -- "$DIR")

is_root() { [ "$(id -u)" -eq 0 ]; }
as_pg() {
	if is_root; then
		runuser -u "$PGUSER_SYS" -- env HOME=/ sh -c 'cd / && exec "$@"' sh "$@"
	else
		(cd / && "$@")
	fi
}

find_bindir() {
	if [ -n "${WARDESK_PG_BINDIR:-}" ]; then echo "$WARDESK_PG_BINDIR"; return; fi
	b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	[ -n "$b" ] && [ -x "$b/initdb" ] || die "PostgreSQL server binaries not found"
	echo "$b"
}

ensure_user() {
	is_root || return 0
	getent passwd "$PGUSER_SYS" >/dev/null 2>&1 ||
		useradd -r -M -d /nonexistent -s /usr/sbin/nologin -c "wardesk private PostgreSQL" \
			"$PGUSER_SYS" || die "could not create the system user $PGUSER_SYS"
}

own() { if is_root; then chown -R "$PGUSER_SYS:" "$@"; fi; }

# Nine free TCP ports on 127.0.0.1, chosen once and kept in DIR/ports.
choose_ports() {
	[ -s "$DIR/ports" ] && return 0
	python3 - >"$DIR/ports" <<'PY'
import socket
socks = []
for _ in range(9):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
names = ["ETCD_CLIENT", "ETCD_PEER", "PG1", "PG2", "PG3", "REST1", "REST2", "REST3", "SPARE"]
for n, s in zip(names, socks):
    print("%s=%d" % (n, s.getsockname()[1]))
PY
}

load_ports() {
	[ -s "$DIR/ports" ] || die "no cluster in $DIR (run: sh tools/ha/ha.sh up)"
	. "$DIR/ports"
}

port_of() { eval "echo \$PG$1"; }
rest_of() { eval "echo \$REST$1"; }

secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }

write_configs() {
	[ -s "$DIR/secrets" ] || {
		umask 077
		{ echo "SU=$(secret)"; echo "REPL=$(secret)"; echo "REWIND=$(secret)"; } >"$DIR/secrets"
		umask 022
	}
	. "$DIR/secrets"
	for n in 1 2 3; do
		nd=$DIR/pg$n
		mkdir -p "$nd/run"
		umask 077
		sed -e "s|@SCOPE@|$SCOPE|g" -e "s|@NAME@|pg$n|g" \
			-e "s|@REST_LISTEN@|127.0.0.1:$(rest_of $n)|g" \
			-e "s|@REST_CONNECT@|127.0.0.1:$(rest_of $n)|g" \
			-e "s|@ETCD_HOSTS@|127.0.0.1:$ETCD_CLIENT|g" \
			-e "s|@PG_LISTEN@|127.0.0.1:$(port_of $n)|g" \
			-e "s|@PG_CONNECT@|127.0.0.1:$(port_of $n)|g" \
			-e "s|@DATA_DIR@|$nd/data|g" -e "s|@BIN_DIR@|$BIN|g" \
			-e "s|@SOCKET_DIR@|$nd/run|g" -e "s|@PGPASS@|$nd/pgpass|g" \
			-e "s|@HBA_NET@|127.0.0.1/32|g" -e "s|@HBA_METHOD@|trust|g" \
			-e "s|@LOCAL_METHOD@|trust|g" -e "s|@WATCHDOG@|off|g" \
			-e "s|@SU_PASSWORD@|$SU|g" -e "s|@REPL_PASSWORD@|$REPL|g" \
			-e "s|@REWIND_PASSWORD@|$REWIND|g" \
			"$HERE/patroni.yml.in" >"$nd/patroni.yml"
		umask 022
		if [ "${WARDESK_HA_FAST:-0}" = 1 ]; then
			# throwaway clusters: no fsync (the test is about replication, not disks)
			sed -i 's|^        log_line_prefix:.*|&\n        fsync: "off"\n        full_page_writes: "on"|' \
				"$nd/patroni.yml"
		fi
	done
	svc=$DIR/pg_service.conf
	{
		echo "# the demo ward desk on Patroni (tools/ha/ha.sh): every node, libpq picks the primary"
		echo "[wardesk]"
		echo "host=127.0.0.1,127.0.0.1,127.0.0.1"
		echo "port=$PG1,$PG2,$PG3"
		echo "dbname=wardesk"
		echo "target_session_attrs=read-write"
	} >"$svc"
	chmod 644 "$svc"
}

# spawn PIDFILE LOG CMD...: start CMD in the background, in its own session,
# as the cluster user; its pid goes to PIDFILE.
spawn() {
	pidf=$1 log=$2
	shift 2
	if alive "$pidf"; then return 0; fi
	# setsid outside runuser: runuser passes a SIGTERM sent to the caller's
	# process group on to its child, and the cluster must outlive the caller.
	if is_root; then
		setsid runuser -u "$PGUSER_SYS" -- env HOME=/ sh -c 'echo $$ > "$1"; shift; log=$1; shift; cd / && exec "$@" >>"$log" 2>&1' \
			sh "$pidf" "$log" "$@" </dev/null >/dev/null 2>&1 &
	else
		setsid sh -c 'echo $$ > "$1"; shift; log=$1; shift; cd / && exec "$@" >>"$log" 2>&1' \
			sh "$pidf" "$log" "$@" </dev/null >/dev/null 2>&1 &
	fi
	i=0
	while [ ! -s "$pidf" ]; do
		i=$((i + 1)); [ $i -le 100 ] || die "could not start $*"
		sleep 0.05
	done
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_etcd() {
	mkdir -p "$DIR/etcd"
	own "$DIR/etcd"
	chmod 700 "$DIR/etcd"
	spawn "$DIR/etcd/pid" "$DIR/etcd/etcd.log" etcd --name ha0 --data-dir "$DIR/etcd/data" \
		--listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
		--advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
		--listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
		--initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
		--initial-cluster "ha0=http://127.0.0.1:$ETCD_PEER" \
		--initial-cluster-state new --initial-cluster-token "$SCOPE"
	i=0
	until ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$ETCD_CLIENT" endpoint health >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! alive "$DIR/etcd/pid"; then
			tail -n 20 "$DIR/etcd/etcd.log" >&2
			die "etcd did not come up (see $DIR/etcd/etcd.log)"
		fi
		sleep 0.1
	done
}

start_node() {
	nd=$DIR/pg$1
	# a node killed hard leaves a stale socket lock that blocks the next start
	if [ -f "$nd/data/postmaster.pid" ]; then
		p=$(head -n 1 "$nd/data/postmaster.pid")
		kill -0 "$p" 2>/dev/null || rm -f "$nd/data/postmaster.pid" "$nd"/run/.s.PGSQL.*
	fi
	spawn "$nd/pid" "$nd/patroni.log" patroni "$nd/patroni.yml"
}

# bounded: patronictl retries for ever when etcd is down
ctl() { timeout 15 patronictl -c "$DIR/pg1/patroni.yml" "$@"; }

# members as "name role state lag" lines
members() {
	ctl list -f json 2>/dev/null | python3 -c '
import json, sys
for m in json.load(sys.stdin):
    print(m.get("Member"), m.get("Role", "").replace(" ", "_"), m.get("State"), m.get("Lag in MB", ""))'
}

leader_line() {
	load_ports
	m=$(members | awk '$2 == "Leader" && $3 == "running" {print $1; exit}')
	[ -n "$m" ] || return 1
	n=${m#pg}
	echo "$m $(port_of "$n") $DIR/$m/data"
}

# wait_ready SECONDS: a running leader and two streaming replicas, one of them sync
wait_ready() {
	lim=$(( $1 * 10 )) i=0
	while :; do
		out=$(members || true)
		l=$(printf '%s\n' "$out" | awk '$2 == "Leader" && $3 == "running"' | wc -l)
		r=$(printf '%s\n' "$out" | awk '($2 == "Replica" || $2 == "Sync_Standby") && ($3 == "streaming" || $3 == "running")' | wc -l)
		s=$(printf '%s\n' "$out" | awk '$2 == "Sync_Standby"' | wc -l)
		[ "$l" -eq 1 ] && [ "$r" -eq 2 ] && [ "$s" -ge 1 ] && return 0
		i=$((i + 1))
		if [ $i -gt $lim ]; then
			note "the cluster is not ready after $1 s:"
			ctl list >&2 || true
			return 1
		fi
		sleep 0.1
	done
}

conninfo() {
	load_ports
	echo "host=127.0.0.1,127.0.0.1,127.0.0.1 port=$PG1,$PG2,$PG3 dbname=wardesk target_session_attrs=read-write"
}

do_up() {
	command -v patroni >/dev/null && command -v etcd >/dev/null ||
		die "patroni and etcd are not installed (run: sh tools/ha/deps.sh as root)"
	BIN=$(find_bindir)
	ensure_user
	mkdir -p "$DIR"
	chmod 755 "$DIR"
	if is_root && ! runuser -u "$PGUSER_SYS" -- test -x "$DIR"; then
		die "$DIR is not reachable by $PGUSER_SYS (a parent is not traversable); use e.g. WARDESK_HA_DIR=/var/tmp/wardesk-ha make ha-demo"
	fi
	n=$(printf '%s' "$DIR/pg1/run/.s.PGSQL.65535" | wc -c)
	[ "$n" -lt 100 ] || die "socket paths under $DIR are too long; use a shorter DIR"
	choose_ports
	load_ports
	write_configs
	for n in 1 2 3; do own "$DIR/pg$n"; done
	start_etcd
	for n in 1 2 3; do start_node $n; done
	wait_ready "${WARDESK_HA_WAIT:-120}" || die "see $DIR/pg*/patroni.log"
	set -- $(leader_line)
	lsock=$DIR/$1/run
	if ! "$BIN/psql" -X -qtA -h "$lsock" -p "$2" -U postgres -d postgres \
		-c "select 1 from pg_database where datname = 'wardesk'" | grep -q 1; then
		"$BIN/createdb" -h "$lsock" -p "$2" -U postgres -E UTF8 -T template0 wardesk ||
			die "could not create the database wardesk"
	fi
	# libpq does not try the next host after a server's refusal ("database
	# does not exist"): wait until every node has replayed the CREATE DATABASE.
	for n in 1 2 3; do
		i=0
		until "$BIN/psql" -X -qtA -h "$DIR/pg$n/run" -p "$(port_of $n)" -U postgres -d wardesk \
			-c 'select 1' >/dev/null 2>&1; do
			i=$((i + 1))
			[ $i -le 300 ] || die "database wardesk did not reach pg$n in 30 s"
			sleep 0.1
		done
	done
	export PGSERVICEFILE="$DIR/pg_service.conf" PGSERVICE=wardesk
	PGUSER=postgres "$ROOT/wardesk" db init >/dev/null
	seeded=$(PGUSER=postgres "$BIN/psql" -X -qtA -c "select count(*) from wardesk.cases" 2>/dev/null || echo 0)
	if [ "${seeded:-0}" = 0 ] && [ "${WARDESK_HA_NODEMO:-0}" != 1 ]; then
		PGUSER=postgres "$ROOT/wardesk" db demo >/dev/null
	fi
	ctl list
	echo
	echo "conninfo: $(conninfo)"
	echo "or:       export PGSERVICEFILE=$DIR/pg_service.conf PGSERVICE=wardesk"
	echo "then:     PGUSER=binh ./wardesk      ('make ha-stop' stops it)"
}

stop_pid() {
	pidf=$1 lim=$2
	alive "$pidf" || { rm -f "$pidf"; return 0; }
	kill "$(cat "$pidf")" 2>/dev/null || true
	i=0
	while alive "$pidf"; do
		i=$((i + 1))
		if [ $i -gt $((lim * 10)) ]; then
			note "$pidf: still running after $lim s, killing"
			kill -9 "$(cat "$pidf")" 2>/dev/null || true
			break
		fi
		sleep 0.1
	done
	rm -f "$pidf"
}

do_stop() {
	[ -d "$DIR" ] || return 0
	for n in 1 2 3; do
		[ -f "$DIR/pg$n/pid" ] && alive "$DIR/pg$n/pid" && kill "$(cat "$DIR/pg$n/pid")" 2>/dev/null || true
	done
	for n in 1 2 3; do
		stop_pid "$DIR/pg$n/pid" 60
		# Patroni gone but its postgres left behind (Patroni killed hard)
		if [ -f "$DIR/pg$n/data/postmaster.pid" ]; then
			p=$(head -n 1 "$DIR/pg$n/data/postmaster.pid")
			if kill -0 "$p" 2>/dev/null; then
				kill -INT "$p" 2>/dev/null || true
				i=0
				while kill -0 "$p" 2>/dev/null && [ $i -lt 300 ]; do i=$((i + 1)); sleep 0.1; done
				kill -9 "$p" 2>/dev/null || true
			fi
		fi
	done
	stop_pid "$DIR/etcd/pid" 20
}

case $cmd in
up) do_up ;;
stop) do_stop ;;
destroy) do_stop; rm -rf "$DIR" ;;
status) load_ports; ctl list ;;
env)
	echo "export PGSERVICEFILE='$DIR/pg_service.conf'"
	echo "export PGSERVICE=wardesk"
	;;
leader) leader_line ;;
conninfo) conninfo ;;
*) echo "usage: sh tools/ha/ha.sh up|stop|destroy|status|env|leader|conninfo [DIR]" >&2; exit 2 ;;
esac
