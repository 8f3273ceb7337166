#!/bin/bash
# queue_footer_rest.sh - the queue's footer asks the database what the
# selected row allows (wardesk.allowed_actions, screen_queue_can.c) once
# the cursor rests on the row, not for every row it passes (issue 14: the
# bench's 50 consoles asked at each new case; an officer holding j down
# asked once a row).  Until the answer comes the row's own state decides,
# so the footer is right meanwhile; the answer for the row it stops on
# still comes.  While new cases stream in (each sorted to the top, Home
# pressed at each, as the live bench does), it waits for a quiet second
# (CAN_QUIET_MS): 200 consoles asked at every new case.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24
export LANG=C.UTF-8

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	report_as "$HL" --category MT --text "Rác số $i" --address "$i Lê Lợi" >/dev/null ||
		{ not_ok "setup: case $i"; exit 1; }
done
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\nset sweep-seconds 0\n' >"$XDG_CONFIG_HOME/wardesk/config"
sql "alter system set track_functions = 'all'" >/dev/null && sql "select pg_reload_conf()" >/dev/null
at_exit sql "alter system reset track_functions"
calls() {   # how often allowed_actions ran (flushed statistics)
	sql "select coalesce(sum(calls), 0) from pg_stat_user_functions
	      where schemaname = 'wardesk' and funcname = 'allowed_actions'"
}
ok "setup: twelve new cases"

foot() { tm_capture >/dev/null; printf '%s\n' "$TM_SCREEN" | sed -n 23p; }
tm_wardesk "$AN"
check_screen "an's console is live" "$AN .* live"
sleep 1
_asked() { [ "$(calls)" -ge 1 ]; }
check "the first row, resting, is asked about (statistics flushed)" wait_until 20 _asked
sql "select pg_stat_reset()" >/dev/null

# ten rows down, a key every 40 ms (faster than the rest): each frame
# draws the footer of the row the cursor is on
for i in 1 2 3 4 5 6 7 8 9 10; do tm_send j; sleep 0.04; done
check_match "... the footer offers take meanwhile (the row's own state)" "(^| )t take " "$(foot)"
sleep 2   # (the rest, the question and its answer)
check_match "... and once the cursor rests, still take" "(^| )t take " "$(foot)"
tm_kill   # (its backend's statistics are flushed as it exits)
sleep 1
n=$(calls)
if [ "$n" -ge 1 ] && [ "$n" -le 2 ]; then ok "the row the cursor stopped on was asked about, once or twice ($n)"; else
	not_ok "the row the cursor stopped on was asked about, once or twice" \
		"allowed_actions ran $n times for 10 rows passed"; fi

# The reports below call allowed_actions too (my_permissions): AN's
# questions are counted in the server's log (log_statement for AN).
PGLOG=${WD_PGDIR:+$WD_PGDIR/log/postgres.log}
if [ -z "$PGLOG" ] || [ ! -r "$PGLOG" ]; then
	skip "while new cases stream in, no question" "the test cluster's log is not readable"
	exit 0
fi
sql "alter role \"$AN\" set log_statement = 'all'" >/dev/null
asked_by_an() { grep -a " $AN@" "$PGLOG" | grep -c 'wardesk.allowed_actions(\$1)'; }

# stream N X M: N new cases 0.3 s apart, each received a minute earlier
# than the one before (so it sorts to the top), Home pressed at each
stream() {
	local i
	for i in $(seq "$1"); do
		report_as "$HL" --category MT --text "Rác mới $2$i" --address "$2$i Nguyễn Huệ" \
			--received "$(date -d "-$((30 + ${3:-0} + i)) minutes" +%Y-%m-%dT%H:%M:%S%:z)" >/dev/null
		tm_send Home
		sleep 0.3
	done
}
tm_wardesk "$AN"
check_screen "an's console is live again" "$AN .* live"
sleep 1.5   # (its first row rests and is asked about)
Q0=$(asked_by_an)
check_match "setup: the server logs AN's questions" "^[1-9]" "$Q0"
stream 6 A
check_screen "six new cases, the newest selected on top" "A6 Nguyễn Huệ"
check_match "... the footer offers take (the row's own state)" "(^| )t take " "$(foot)"
check_eq "... and nothing was asked while they came" "$Q0" "$(asked_by_an)"
sleep 2.5   # (a quiet second, the rest, the question and its answer)
check_match "after a quiet second the footer still offers take" "(^| )t take " "$(foot)"
n=$(( $(asked_by_an) - Q0 ))
if [ "$n" -ge 1 ] && [ "$n" -le 2 ]; then ok "... the row selected was asked about then, once or twice ($n)"; else
	not_ok "... the row selected was asked about then, once or twice" "asked $n times"; fi
tm_kill
sql "alter role \"$AN\" reset log_statement" >/dev/null
