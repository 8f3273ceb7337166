#!/bin/bash
# one_connection.sh - the console opens one database session at start: the
# connection that asks for a password before curses (console.c) is the live
# one (live_adopt), not a probe closed and followed by a second connection
# (one server process less before the first screen).  Counted with
# pg_stat_database.sessions, read once every client session of the test
# database has ended (a session's statistics are written when it ends).
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

