#!/bin/bash
# action_time.sh - an action's times are when it happened (issue 13, item 3,
# the SQL half; wardesk.action_now() in sql/code/10_clock.sql): a `take` that
# waited for another session's row lock is stamped after the wait (its event,
# updated_at), not at the start of its transaction; the desk clock's test
# offset (wardesk.test_clock) still applies.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Lê Văn Chờ" officer) &&
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: officers"; exit 1; }
R=$(report_as "$HL" --category MT --text "Nắp cống bị mất" --address "Lê Lợi") || { not_ok "setup: case" "$R"; exit 1; }
ok "setup: $R"

held_open postgres -v ref="$R"
held_send "begin;" "select 'held ' || id from wardesk.cases where ref = :'ref' for update;"
held_wait held
check_match "another session holds $R" '^held' "$(cat "$HOLD_OUT")"

(WARDESK_LOCK_TIMEOUT=30s wd_as "$OF" take "$R" >"$WD_TMP/take.out" 2>&1; echo $? >"$WD_TMP/take.rc") &
TAKE_PID=$!
waiting() { [ "$(sql "select count(*) from pg_stat_activity where usename = '$OF' and wait_event_type = 'Lock'")" = 1 ]; }
check "take waits for the row lock" wait_until 15 waiting
# note the time, then let go: take began its transaction before this
RELEASED=$(sql "select clock_timestamp()")
held_close
wait "$TAKE_PID"
check_eq "take succeeds once the row is free" 0 "$(cat "$WD_TMP/take.rc")"

ev() { psql_as postgres -v ref="$R" <<<"select $1 from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	where c.ref = :'ref' and e.action = 'take'"; }
check_eq "the take event is stamped after the wait (at >= the release)" true "$(ev "(e.at >= '$RELEASED')::text")"
check_eq "... within a second of the server's real time of the write" true \
	"$(ev "(abs(extract(epoch from e.at - e.recorded_at)) < 1)::text")"
check_eq "the case's updated_at too" true "$(case_field "$R" "(updated_at >= '$RELEASED')::text")"

# The test clock still moves action times.
sql "update wardesk.test_clock set clock_offset = '1 day'" >/dev/null
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
check_exit "escalate with the desk clock a day ahead" 0 wd_as "$OF" escalate "$R" --note "gấp"
check_eq "... its event is a day ahead" true \
	"$(psql_as postgres -v ref="$R" <<<"select (abs(extract(epoch from e.at - clock_timestamp() - interval '1 day')) < 60)::text
		from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = :'ref' and e.action = 'escalate'")"
