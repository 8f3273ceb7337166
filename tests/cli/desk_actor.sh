#!/bin/bash
# desk_actor.sh - the record tells the truth (issue 11, section 4): an
# automatic step of the sweep (warn, auto-escalate, overdue, remind) is
# recorded as done by the desk itself (case_events.actor 'desk'), with the
# login whose session ran the sweep beside it (run_by, 015_desk_actor.sql),
# not as if that login had done it.  Checked in case_events and alerts,
# `show`, `show --format json`, the console's history (tmux) and the export;
# the audit chain still verifies; no login can claim the desk from psql.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CU=$(mk_officer cuong "Lê Văn Cường" officer) &&
CH=$(mk_officer ch "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"

# an app request (so the export has it), taken by cuong
printf '[{"service_request_id": "APP-11", "service_code": "MT", "status": "open",
  "description": "Rác thải ùn ứ đầu hẻm 45", "requested_datetime": "%s"}]\n' \
	"$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$WD_TMP/feed.json"
check_exit "setup: an app request" 0 wd_as "$HL" import "$WD_TMP/feed.json"
R=$(sql "select ref from wardesk.cases where external_id = 'APP-11'")
check_exit "setup: cuong takes it" 0 wd_as "$CU" take "$R"

# 106 minutes on: 14 left, cuong has not acknowledged; an's session sweeps
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null
check_exit "an's session runs the sweep" 0 wd_as "$AN" watch --once
check_eq "the case is escalated" 1 "$(case_field "$R" escalation)"

ev() {
	psql_as postgres -v ref="$R" -v act="$1" <<<"select e.actor || '|' || coalesce(e.run_by, '-')
		from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
		where c.ref = :'ref' and e.action = :'act' order by e.id"
}
check_eq "the warning is the desk's, run by an" "desk|$AN" "$(ev warn)"
check_eq "the escalation is the desk's, run by an" "desk|$AN" "$(ev auto-escalate)"
check_eq "cuong's take stays cuong's" "$CU|-" "$(ev take)"
check_eq "the escalation alerts are the desk's, run by an" "desk|$AN" \
	"$(psql_as postgres -v ref="$R" <<<"select distinct a.actor || '|' || coalesce(a.run_by, '-')
		from wardesk.alerts a join wardesk.cases c on c.id = a.case_id
		where c.ref = :'ref' and a.kind in ('warning', 'escalation')")"

J=$(wd_as "$CH" alerts --format json)
check_eq "wardesk alerts: the escalation alert is by the desk, run by an" "desk $AN" \
	"$(json_get "$J" '" ".join(sorted(set(a["by"] + " " + a["run_by"] for a in j if a["kind"] == "escalation")))')"

OUT=$(wd_as "$CU" show "$R")
check_match "show: the escalation by the desk" "escalated automatically by the desk: [0-9]+ min left" "$OUT"
check_match "show: ... naming whose session ran the sweep" \
	"automatic step, the sweep ran in $AN's session" "$OUT"
check_nomatch "show: an is not credited with the escalation" " $AN escalated" "$OUT"
check_match "show: cuong's take is cuong's" " $CU took the case$" "$OUT"

J=$(wd_as "$CU" show "$R" --format json)
check_eq "show --format json: actor desk, automatic, run_by an" "desk True $AN" \
	"$(json_get "$J" '" ".join(str(x) for e in j["events"] if e["action"] == "auto-escalate" for x in (e["actor"], e["automatic"], e["run_by"]))')"
check_eq "show --format json: cuong's take is not automatic" "$CU False None" \
	"$(json_get "$J" '" ".join(str(x) for e in j["events"] if e["action"] == "take" for x in (e["actor"], e["automatic"], e["run_by"]))')"

X=$(wd_as "$CU" export)
check_eq "the export holds the request, open" "APP-11 open" \
	"$(json_get "$X" '" ".join(r["service_request_id"] + " " + r["status"] for r in j)')"
check_nomatch "the export credits nothing to an" "$AN" "$X"

check_exit "audit verify: the chain with the desk's events is intact" 0 wd_as "$CH" audit verify
check_exit "audit verify as a superuser too" 0 env PGUSER=postgres "$WD_BIN" audit verify

# a desk event's run_by is covered by its hash: changing it (as the table
# owner, triggers off) breaks the chain
sql "begin; set local session_replication_role = replica;
     update wardesk.case_events set run_by = '$CU' where action = 'auto-escalate';
     commit" >/dev/null
check_exit "audit verify notices a changed run_by" 1 wd_as "$CH" audit verify
sql "begin; set local session_replication_role = replica;
     update wardesk.case_events set run_by = '$AN' where action = 'auto-escalate';
     commit" >/dev/null
check_exit "... and passes again once it is put back" 0 wd_as "$CH" audit verify

# nobody can claim to be the desk
R2=$(report_as "$HL" --category MT --text "Đèn đường hỏng") || not_ok "report R2" "$R2"
check_exit "psql: an takes a case under a forged action 'auto-escalate'" 0 \
	psql_as "$AN" -c "begin; set local wardesk.action = 'auto-escalate';
	                   select ref from wardesk.take('$R2'); commit"
check_eq "... it is an's, not the desk's" "$AN|-" \
	"$(psql_as postgres -v ref="$R2" <<<"select e.actor || '|' || coalesce(e.run_by, '-')
		from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
		where c.ref = :'ref' and e.action = 'take'")"
check_exit "psql: an cannot mark a sweep as running" 1 \
	psql_as "$AN" -c "update wardesk.sweep_state set running_xid = txid_current()"
check_exit "psql: an cannot write an event as the desk" 1 \
	psql_as "$AN" -c "insert into wardesk.case_events(case_id, ward_id, actor, action, version, run_by)
	                   select id, ward_id, 'desk', 'warn', version, '$AN' from wardesk.cases where ref = '$R2'"
check_exit "no officer can be named desk" 2 env PGUSER=postgres "$WD_BIN" officer add desk --name "Bàn" --role officer --ward BT
sweeping=$(sql "select count(*) from wardesk.sweep_state where running_xid is not null")
check_eq "no sweep is left marked as running" 0 "$sweeping"

# the console's history says it in a sentence
if command -v tmux >/dev/null; then
	TM_W=120 TM_H=30 tm_wardesk "$CU"   # the photo line and the history
	tm_wait_for "live" >/dev/null
	tm_send 3
	tm_wait_for "^ +$R " >/dev/null
	tm_send Enter
	check_screen "console history: escalated automatically by the desk" \
		"escalated automatically by the desk: 1[0-9] min left, the holder had not acknowledged"
	check_nomatch "console history: an is not named" "$AN" "$TM_SCREEN"
	tm_kill
else
	skip "console history: escalated automatically by the desk" "tmux is not installed"
fi
