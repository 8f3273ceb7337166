#!/bin/bash
# sweep_notify.sh - a call of the sweep sends one case notification per case
# it changed (issue 14 item 4): a case that one call warns, escalates and
# marks overdue has three events, one per step, but one notification, with
# its row as the call left it (version, escalation, the warned bit) and the
# last step as "op"; a case changed by one step gets its one.  A login that
# updates a case under a step's action by hand is not the desk: its change
# is notified at once, as every other change.
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer) &&
HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
R1=$(report_as "$HL" --category MT --text "Rác ở hẻm 12" --address "12 Lê Lợi") &&
R2=$(report_as "$HL" --category MT --text "Đèn hỏng ở hẻm 40" --address "40 Pasteur") ||
	{ not_ok "setup: cases"; exit 1; }
# R2's deadline 20 min after R1's (MT: warn 30 min before, escalate 15)
sql "update wardesk.cases set deadline_at = (select deadline_at + interval '20 min' from wardesk.cases
                                              where ref = '$R1') where ref = '$R2'" >/dev/null ||
	{ not_ok "setup: R2's deadline"; exit 1; }
ok "setup: two cases"

# heard LOGIN SQL: run SQL in LOGIN's psql session listening to its ward's
# case channel; print the case notifications it received.
heard() {
	psql -X -U "$1" 2>&1 <<SQL | grep -E '^Asynchronous notification "wardesk_case_'
select format('LISTEN %I', channel) from wardesk.my_channels() where kind = 'case' \gexec
$2
select pg_sleep(0.2);
select 1;
SQL
}
payload() { sed -n 's/.* with payload "\(.*\)" received from .*/\1/p'; }

# R1 is past its deadline: warning, escalation and overdue mark in one
# call; R2 only due its warning.
sql "update wardesk.test_clock set clock_offset =
       (select (c.deadline_at - now()) + interval '1 min' from wardesk.cases c where c.ref = '$R1')" >/dev/null
due2=$(sql "select count(*) from wardesk.cases c where c.ref = '$R2' and c.deadline_at > wardesk.now()
              and c.deadline_at - make_interval(mins => (select l.warn_min from wardesk.case_limits(c.ward_id, c.category, c.priority) l)) <= wardesk.now()")
out=$(heard "$AN" "select count(*) from wardesk.sweep();")
check_eq "R1: three steps, three events" "auto-escalate overdue warn" \
	"$(sql "select string_agg(e.action, ' ' order by e.action) from wardesk.case_events e
	         join wardesk.cases c on c.id = e.case_id
	        where c.ref = '$R1' and e.action in ('warn', 'auto-escalate', 'overdue')")"
p1=$(printf '%s\n' "$out" | grep "\"ref\":\"$R1\"" | payload)
check_eq "... one notification" 1 "$(printf '%s\n' "$p1" | grep -c .)"
check_eq "... the row as the call left it, the last step as op" \
	"$(case_field "$R1" "version || '|overdue|2|true'")" \
	"$(json_get "$p1" '"|".join([str(j["v"]), j["op"], str(j["row"]["esc"]), json.dumps(j["row"]["wa"])])')"
if [ "$due2" = 1 ]; then
	p2=$(printf '%s\n' "$out" | grep "\"ref\":\"$R2\"" | payload)
	check_eq "R2, warned only: one notification, op warn" "1|warn" \
		"$(printf '%s\n' "$p2" | grep -c .)|$(json_get "$p2" 'j["op"]')"
else
	skip "R2, warned only: one notification, op warn" "R2's warning is not due at R1's deadline"
fi

# by hand under a step's action: not the desk's, notified at once
out=$(heard "$AN" "\\! psql -X -q -U postgres -c \"begin; select set_config('wardesk.action', 'remind', true); update wardesk.cases set last_alert_at = wardesk.now() where ref = '$R1'; commit\" >/dev/null")
check_eq "an update by hand under the action 'remind': notified, op remind" "1|remind" \
	"$(printf '%s\n' "$out" | grep -c .)|$(json_get "$(printf '%s\n' "$out" | payload)" 'j["op"]')"

# the ward's channel is looked up once per call, not per case (issue 14
# item 4, fourth pass: as a column of the join it was computed twice for
# every case, 20,000 lookups in a catch-up of 10,000 cases)
check_eq "notify_case_steps: one channel lookup for two cases of one ward" 1 \
	"$(psql -X -q -tA -U postgres <<SQL | tail -n 1
begin;
set local track_functions = 'all';
select wardesk.notify_case_steps(array(select id from wardesk.cases where ref in ('$R1', '$R2')),
                                 array['warn', 'warn']);
select coalesce(sum(calls), 0) from pg_stat_xact_user_functions where funcname = 'ward_channel';
rollback;
SQL
)"
check_exit "the audit chain is intact" 0 wd audit verify
