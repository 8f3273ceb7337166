#!/bin/bash
# officer_deactivate.sh - issue 13, item 7: `wardesk officer deactivate`
# ends a officer's reads and writes at once (NOLOGIN, open sessions ended, the
# policies and require_officer refuse an inactive officer), ends their shift,
# lists what they still hold, is audited; `officer activate` restores; only
# the chair of their ward (or a superuser) may do either.
. "$(dirname "$0")/../lib.sh"

CH=$(mk_officer ch "Trần Thị Hồng" chair) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BI=$(mk_officer bi "Lê Thị Bình" officer) &&
GC=$(mk_officer gc "Phạm Văn Gò" chair GV) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers of BT and GV"
R1=$(report_as "$CH" --category MT --text "Rác ở hẻm 12" --phone 0912345678) &&
R2=$(report_as "$CH" --category HT --text "Ổ gà đường Bạch Đằng") &&
wd_as "$AN" take "$R1" >/dev/null && wd_as "$AN" shift start >/dev/null ||
	{ not_ok "setup: cases, shift"; exit 1; }
ok "setup: $AN holds $R1 and is on duty"

# an open psql session of AN's, fed through a FIFO
mkfifo "$WD_TMP/in"
psql -X -qtA -U "$AN" <"$WD_TMP/in" >"$WD_TMP/sess.out" 2>&1 &
SESS=$!
exec 7>"$WD_TMP/in"
at_exit kill "$SESS"
ask() {   # ask SQL: send it to the session, wait for a marker, print what came back
	local mark="m$RANDOM$RANDOM"
	: >"$WD_TMP/sess.out"
	printf '%s\n\\echo %s\n' "$1" "$mark" >&7 2>/dev/null
	wait_until 10 grep -aq -e "$mark" -e 'terminat' -e 'closed the connection' -e 'no connection' "$WD_TMP/sess.out" ||
		! kill -0 "$SESS" 2>/dev/null
	grep -a -v -e "$mark" "$WD_TMP/sess.out"
}
check_eq "the open session reads the ward's cases and phone numbers" "2|1" \
	"$(ask "select count(*) || '|' || count(reporter_phone) from wardesk.cases;")"

# --- who may
check_exit "the chair of another ward cannot deactivate him (exit 1)" 1 wd_as "$GC" officer deactivate "$AN"
check_match "... told there is no such officer in their ward" "no officer $AN in your ward" "$ERR"
check_exit "a duty officer cannot deactivate another (exit 1)" 1 wd_as "$BI" officer deactivate "$AN"
check_exit "psql as the other chair: officer_deactivate refused" 1 \
	psql_as "$GC" -c "select * from wardesk.officer_deactivate('$AN')"
check_eq "... he is still active and can log in" "true|true" \
	"$(sql "select o.active || '|' || r.rolcanlogin from wardesk.officers o join pg_roles r on r.rolname = o.login where login = '$AN'")"
check_exit "the chair cannot deactivate herself (exit 1)" 1 wd_as "$CH" officer deactivate "$CH"

# --- the chair deactivates (the chair's console listens to the shift channel)
mkfifo "$WD_TMP/lin"
psql -X -qtA -U "$CH" <"$WD_TMP/lin" >"$WD_TMP/listen.out" 2>&1 &
LSN=$!
exec 8>"$WD_TMP/lin"
at_exit kill "$LSN"
# the ward's own shift channel, whose name only its officers can read
printf '%s\n' "select format('LISTEN %I', channel) from wardesk.my_channels() where kind = 'shift' \\gexec" \
	'\echo listening' >&8
wait_until 10 grep -aq listening "$WD_TMP/listen.out"
check_exit "the chair deactivates him" 0 wd_as "$CH" officer deactivate "$AN"
check_match "... saying so" "officer $AN deactivated" "$OUT"
check_match "... listing what he still holds" "^$R1 +in_progress " "$OUT"
check_eq "the open session reads nothing any more" "" \
	"$(ask "select count(*) || '|' || count(reporter_phone) from wardesk.cases where reporter_phone is not null;" | grep -E '^[1-9][0-9]*\|')"
check_exit "he cannot log in again" 2 psql_as "$AN" -c "select 1"
check_match "... (not permitted to log in)" 'not permitted to log in' "$ERR"
run wd_as "$AN" ls
check "the CLI as him fails" test "$RC" -ne 0
check_match "... not permitted to log in" 'not permitted to log in' "$ERR"
check_eq "his shift ended" 0 "$(sql "select count(*) from wardesk.shifts where officer = '$AN' and ended_at is null")"
printf 'select 1;\n' >&8
check "... and the consoles hear the shift end" wait_until 10 grep -aq '"kind":"shift".*"op":"end"' "$WD_TMP/listen.out"
check_eq "he still holds the case (until reassigned)" "$AN" "$(case_field "$R1" owner)"
check_eq "audited: who, whom, what he held" "deactivate|$CH|{$R1}" \
	"$(sql "select concat_ws('|', action, actor, held) from wardesk.officer_events where login = '$AN'")"
check_exit "psql as the chair: the officer events are append-only" 1 \
	psql_as "$CH" -c "delete from wardesk.officer_events"
check_exit "deactivating twice is refused (exit 1)" 1 wd_as "$CH" officer deactivate "$AN"

# --- the policies alone: an inactive officer whose login still works sees nothing
sql "update wardesk.officers set active = false where login = '$BI'" >/dev/null
check_eq "an inactive officer (login still allowed) reads no case" 0 \
	"$(psql_as "$BI" -c "select count(*) from wardesk.cases")"
check_eq "... no officer, no event, no phone" "0|0|0" \
	"$(psql_as "$BI" -c "select (select count(*) from wardesk.officers) || '|' || (select count(*) from wardesk.case_events)
	                      || '|' || (select count(*) from wardesk.case_reporters)")"
check_exit "... and may not act" 1 psql_as "$BI" -c "select wardesk.take('$R2')"
sql "update wardesk.officers set active = true where login = '$BI'" >/dev/null

# --- activate
check_exit "the other ward's chair cannot activate him (exit 1)" 1 wd_as "$GC" officer activate "$AN"
check_exit "the chair activates him" 0 wd_as "$CH" officer activate "$AN"
check_exit "he logs in and reads again" 0 psql_as "$AN" -c "select count(*) from wardesk.cases"
check_eq "... every case" 2 "$OUT"
check_exit "... and works (closes his case)" 0 wd_as "$AN" close "$R1" --note "Đã thu gom"
check_eq "audited" "deactivate|activate" \
	"$(sql "select string_agg(action, '|' order by id) from wardesk.officer_events where login = '$AN'")"

# --- a superuser deactivates in any ward
check_exit "a superuser deactivates an officer of BT" 0 wd officer deactivate "$BI"
check_match "... who holds nothing" 'they hold no open case' "$OUT"
check_exit "... and activates" 0 wd officer activate "$BI"
