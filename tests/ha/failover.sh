#!/bin/bash
# failover.sh - `make check-ha`: a ward desk on Patroni loses its primary.
#
# Brings up a throwaway cluster (tools/ha/ha.sh: one etcd, three PostgreSQL
# nodes, synchronous_mode) in var/ha-test, creates 10 officers and a chair,
# opens the console as the chair (the real binary in tmux) and lets the 10
# officers act at a steady rate through the CLI (report, take, escalate,
# close, each with --seen so that a retry never applies twice), every one
# recording the actions whose exit status said "done".  Then the primary's
# postmaster is killed with SIGKILL.  Passes when Patroni promotes a replica,
# every acknowledged action is on the new primary exactly once, the console
# paints a case reported after the kill within 15 s of it, `wardesk watch
# --once` runs on the new primary through the multi-host conninfo, and the old
# primary comes back as a replica.  Prints the figures.  Every wait is bounded.
#
# Environment: WD_HA_DIR (default var/ha-test), WD_HA_KEEP=1 keeps the
# cluster running at the end, WD_HA_LOAD_S seconds of load before the kill (8).

TMUX_TMPDIR=${TMUX_TMPDIR:-$(mktemp -d /tmp/wdha-tmux.XXXXXX)}
export TMUX_TMPDIR
TM_H=60 TM_W=160
. "$(dirname "$0")/../lib.sh"
# at exit (last registered, first run): the console's tmux server, then its directory
at_exit rm -rf "$TMUX_TMPDIR"
at_exit tm_kill

command -v patroni >/dev/null && command -v etcd >/dev/null ||
	skip_all "patroni and etcd are not installed (sh tools/ha/deps.sh as root)"

HA=${WD_HA_DIR:-$WD_ROOT/var/ha-test}
HA_SH=$WD_ROOT/tools/ha/ha.sh
LOAD_S=${WD_HA_LOAD_S:-8}
ms() { echo $(( $(date +%s%N) / 1000000 )); }

sh "$HA_SH" destroy "$HA" >/dev/null 2>&1
[ "${WD_HA_KEEP:-0}" = 1 ] || at_exit sh "$HA_SH" destroy "$HA"
if ! WARDESK_HA_FAST=1 WARDESK_HA_NODEMO=1 WARDESK_HA_SCOPE=wardesk-test \
	sh "$HA_SH" up "$HA" >"$WD_TMP/up.log" 2>&1; then
	not_ok "the Patroni cluster comes up" "$(tail -n 30 "$WD_TMP/up.log")"
	exit 1
fi
ok "the Patroni cluster comes up (etcd + 3 nodes, a synchronous standby)"
eval "$(sh "$HA_SH" env "$HA")"
export PGSERVICEFILE PGSERVICE
unset PGHOST PGPORT PGDATABASE
. "$HA/ports"

# ---- officers and the console
OFFS=()
for i in $(seq 1 10); do
	OFFS+=("$(mk_officer "o$i" "Cán bộ $i" officer)") || { not_ok "officers"; exit 1; }
done
CHAIR=$(mk_officer chair "Chủ tịch Phường" chair) || { not_ok "chair"; exit 1; }
ok "10 officers and a chair"

tm_wardesk "$CHAIR"
check_screen "the console is live" "BT-|[Nn]o cases|queue" 20

# ---- 10 officers at a steady rate
STOP=$WD_TMP/stop
# act LOG CMD...: retry CMD (exit 3: unreachable) for up to 40 s; on exit 0
# record the line in LOG.  Status: 0 done, 1 refused (perhaps applied by an
# attempt whose answer was lost: --seen refuses the repeat), 2 gave up.
act() {
	local log=$1 what=$2 t0 rc
	shift 2
	t0=$(date +%s)
	while :; do
		"$WD_BIN" "$@" </dev/null >"$WD_TMP/act.$BASHPID" 2>&1
		rc=$?
		if [ $rc -eq 0 ]; then echo "$what" >>"$log"; return 0; fi
		[ $rc -eq 3 ] || return 1
		[ $(( $(date +%s) - t0 )) -lt 40 ] || return 2
		sleep 0.2
	done
}
officer() {
	local who=$1 log=$WD_TMP/acked.$1 n=0 ref
	: >"$log"
	export PGUSER=$who
	while [ ! -e "$STOP" ]; do
		n=$((n + 1))
		ref=
		local t0; t0=$(date +%s)
		while [ -z "$ref" ] && [ ! -e "$STOP" ]; do
			ref=$("$WD_BIN" report --category HT --text "failover test $who $n" --address "1 Lê Lợi" </dev/null 2>/dev/null)
			[ -n "$ref" ] && break
			[ $(( $(date +%s) - t0 )) -lt 40 ] || break
			sleep 0.2
		done
		[ -n "$ref" ] || continue
		echo "$ref report" >>"$log"
		sleep 0.3
		act "$log" "$ref take" take "$ref" --seen 1 || continue
		sleep 0.3
		act "$log" "$ref escalate" escalate "$ref" --seen 2 --note "cần chủ tịch" || continue
		sleep 0.3
		act "$log" "$ref close" close "$ref" --seen 3 --note "đã xử lý" || continue
		sleep 0.3
	done
}
pids=()
for o in "${OFFS[@]}"; do
	officer "$o" &
	pids+=($!)
done
stop_officers() { touch "$STOP"; for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done; }
at_exit touch "$STOP"
sleep "$LOAD_S"

# ---- kill the primary
read -r OLD OLD_PORT OLD_DATA <<<"$(sh "$HA_SH" leader "$HA")"
if [ -z "${OLD:-}" ]; then not_ok "a leader before the kill"; stop_officers; exit 1; fi
before=$(cat "$WD_TMP"/acked.* | wc -l)
PM=$(head -n 1 "$OLD_DATA/postmaster.pid")
T0=$(ms)
kill -9 "$PM"
ok "SIGKILL to the postmaster of $OLD (pid $PM) after $before acknowledged actions"

# time to a new leader: another node answers 200 on Patroni's /primary
new_leader() {
	local n r
	for n in 1 2 3; do
		[ "pg$n" = "$OLD" ] && continue
		r=$(eval "echo \$REST$n")
		if [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$r/primary")" = 200 ]; then
			NEW=pg$n
			return 0
		fi
	done
	return 1
}
NEW=
if wait_until 60 new_leader; then
	T_LEADER=$(( $(ms) - T0 ))
	ok "Patroni promoted $NEW ($T_LEADER ms after the kill)"
else
	T_LEADER=-1
	not_ok "Patroni promoted a replica within 60 s" "$(sh "$HA_SH" status "$HA" 2>&1)"
fi

# a case reported after the kill, painted by the console
REF=
t1=$(date +%s)
while [ -z "$REF" ] && [ $(( $(date +%s) - t1 )) -lt 30 ]; do
	REF=$(PGUSER=${OFFS[0]} "$WD_BIN" report --category MT --text "sau sự cố $$" --address "2 Lê Lợi" </dev/null 2>/dev/null)
	[ -n "$REF" ] || sleep 0.2
done
if [ -n "$REF" ] && tm_wait_for "$REF " 30; then
	T_LIVE=$(( $(ms) - T0 ))
	if [ "$T_LIVE" -le 15000 ]; then
		ok "the console paints $REF, reported after the kill, $T_LIVE ms after it"
	else
		not_ok "the console is live within 15 s of the kill" "took $T_LIVE ms"
	fi
else
	T_LIVE=-1
	not_ok "the console paints a case reported after the kill" "ref: ${REF:-none}" "$TM_SCREEN"
fi

# keep the load going a little on the new leader, then stop it
sleep 3
stop_officers

check "wardesk watch --once runs on the new primary (multi-host conninfo)" \
	env PGUSER=postgres timeout 60 "$WD_BIN" watch --once
on=$(psql -X -qtA -U postgres -c "select inet_server_port()")
check_eq "the CLI is on the new primary" "$(eval "echo \$PG${NEW#pg}")" "$on"

# every acknowledged action exactly once on the new primary
cat "$WD_TMP"/acked.* >"$WD_TMP/acked"
ACKED=$(wc -l <"$WD_TMP/acked")
{
	echo "create temp table acked (ref text, action text);"
	echo "copy acked from stdin with (format text, delimiter ' ');"
	cat "$WD_TMP/acked"
	echo '\.'
	echo "select count(*) filter (where n > 0), count(*) filter (where n = 0), count(*) filter (where n > 1)
	      from (select a.ref, a.action, (select count(*) from wardesk.case_events e
	              join wardesk.cases c on c.id = e.case_id
	             where c.ref = a.ref and e.action = a.action) as n from acked a) s;"
} | psql -X -qtA -F ' ' -U postgres -v ON_ERROR_STOP=1 >"$WD_TMP/verify" 2>&1
read -r FOUND MISSING TWICE <"$WD_TMP/verify"
check_eq "0 acknowledged actions missing after the failover ($ACKED acknowledged)" 0 "${MISSING:-?}"
check_eq "0 acknowledged actions applied twice" 0 "${TWICE:-?}"
[ "$before" -gt 0 ] && [ "$ACKED" -gt "$before" ] && ok "officers kept acting after the failover ($before before, $ACKED in all)" ||
	not_ok "officers kept acting after the failover" "before $before, all $ACKED"

# the old leader rejoins as a replica
rejoined() {
	timeout 15 patronictl -c "$HA/pg1/patroni.yml" list -f json 2>/dev/null | python3 -c '
import json, sys
old = sys.argv[1]
ms = json.load(sys.stdin)
lead = [m for m in ms if m.get("Role") == "Leader"]
o = [m for m in ms if m.get("Member") == old]
sys.exit(0 if lead and o and o[0].get("Role") in ("Replica", "Sync Standby")
         and o[0].get("State") in ("running", "streaming")
         and o[0].get("TL") == lead[0].get("TL") else 1)' "$OLD"
}
if wait_until 120 rejoined; then
	T_REJOIN=$(( $(ms) - T0 ))
	ok "$OLD rejoined as a replica ($T_REJOIN ms after the kill)"
else
	T_REJOIN=-1
	not_ok "$OLD rejoined as a replica within 120 s" "$(sh "$HA_SH" status "$HA" 2>&1)" \
		"$(tail -n 20 "$HA/$OLD/patroni.log")"
fi
# db status on the new primary, once the old one streams again
dbst() { run env PGUSER=postgres "$WD_BIN" db status; printf '%s\n' "$OUT" | grep -q "^primary, 2 standby(s), 1 synchronous$"; }
if wait_until 30 dbst; then ok "db status: primary, 2 standbys, 1 synchronous"; else
	not_ok "db status shows the primary with 2 standbys, 1 synchronous" "$OUT" "$ERR"; fi
check_match "db status names the new primary's port" "^node: 127.0.0.1 port $(eval "echo \$PG${NEW#pg}")$" "$OUT"
grep -q "pg_rewind" "$HA/$OLD/patroni.log" && diag "$OLD: pg_rewind ran ($(grep -c pg_rewind "$HA/$OLD/patroni.log") log lines)"
sh "$HA_SH" status "$HA" 2>&1 | sed 's/^/# /'

echo "# figures: time to new leader ${T_LEADER} ms; time to consoles live ${T_LIVE} ms;" \
	"actions acknowledged ${ACKED} / found ${FOUND:-?} (missing ${MISSING:-?}, twice ${TWICE:-?});" \
	"old leader back as replica ${T_REJOIN} ms"
echo "# summary: $((_wd_n - _wd_failed)) passed, $_wd_failed failed"
