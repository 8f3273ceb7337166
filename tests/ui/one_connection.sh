#!/bin/bash
# one_connection.sh - the console opens one database session at start: the
# connection that asks for a password before curses (console.c) is the live
# one (live_adopt), not a probe closed and followed by a second connection
# (one server process less before the first screen).  Counted with
# pg_stat_database.sessions, read once every client session of the test
# database has ended (a session's statistics are written when it ends).
# And no connection is even started for nothing: the server starts a backend
# for every connection it accepts, one the client drops before it says a
# word too (those are not sessions); with log_connections on, each says
# "connection received" in the cluster's log.  A console's start and a
# command each make exactly one (they made three: a connection started to
# read libpq's resolved options, and one started to set the error
# verbosity before PQreset; store_conn.c).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\n' >"$XDG_CONFIG_HOME/wardesk/config"
R1=$(report_as "$HL" --category MT --text "Rác số 1" --address "1 Lê Lợi") || not_ok "setup: a case"

# sessions of this database, once no other client session is left in it
# (one psql session: its own is not counted yet)
SESSIONS_SQL="do \$\$ begin
  for i in 1..200 loop
    perform pg_stat_clear_snapshot();
    exit when not exists (select 1 from pg_stat_activity
                           where datname = current_database() and pid <> pg_backend_pid()
                             and backend_type = 'client backend');
    perform pg_sleep(0.05);
  end loop; end \$\$;
select pg_stat_clear_snapshot();
select sessions from pg_stat_database where datname = current_database()"
sessions() { psql_as postgres -c "$SESSIONS_SQL" | tail -n 1; }

s0=$(sessions)
check_match "setup: sessions counted" "^[0-9]+$" "$s0"

tm_wardesk "$AN"
check_screen "the console is up, with the case" "$R1"
tm_send q
wait_until 5 tm_dead || not_ok "the console did not quit"
tm_kill

s1=$(sessions)
# s1 - s0: the first count's own session, and the console's
check_eq "the console opened one session (not a probe and then another)" 1 "$((s1 - s0 - 1))"

PGLOG=${WD_PGDIR:+$WD_PGDIR/log/postgres.log}
if [ -z "$PGLOG" ] || [ ! -r "$PGLOG" ]; then
	skip "connections started: counted in the cluster's log" "the test cluster's log is not readable"
	exit 0
fi
log_connections() {
	psql_as postgres -c "alter system $1" >/dev/null && sql "select pg_reload_conf()" >/dev/null
}
at_exit log_connections "reset log_connections"
log_connections "set log_connections = on"
wait_until 10 test "$(sql 'show log_connections')" = on || not_ok "log_connections is on"
lines() { wc -l <"$PGLOG" | tr -d ' '; }
# received SINCE: "connection received" lines after line SINCE, once the
# count has held still for half a second (a backend logs it after its fork)
received() {
	local a b=-1
	while :; do
		a=$(tail -n +"$(($1 + 1))" "$PGLOG" | grep -c 'connection received')
		[ "$a" = "$b" ] && break
		b=$a
		sleep 0.5
	done
	echo "$a"
}

n0=$(lines)
wd_as "$AN" ls >/dev/null
check_eq "a command makes one connection to the server (none started for nothing)" 1 "$(received "$n0")"

n0=$(lines)
tm_wardesk "$AN"
check_screen "the console is up again" "$R1"
check_eq "a console's start makes one connection to the server" 1 "$(received "$n0")"
tm_send q
wait_until 5 tm_dead || not_ok "the console did not quit"
tm_kill
