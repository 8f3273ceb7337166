#!/bin/bash
# deadline_race.sh - five sweepers at once (`wardesk watch --once`, as the
# superuser and as officers of the ward): every warning, escalation and
# overdue mark happens exactly once, each audited once, each alert once.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline"; exit 1; }
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) || { not_ok "setup: o1"; exit 1; }
O2=$(mk_officer o2 "Lê Thị Hai" officer) || { not_ok "setup: o2"; exit 1; }
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
refs=()
for i in $(seq 1 8); do
	r=$(report_as "$HL" --category MT --text "Phản ánh số $i: rác thải" --address "$i Lê Lợi") ||
		{ not_ok "setup: report $i"; exit 1; }
	refs+=("$r")
done
for i in 0 1 2 3; do wd_as "$O1" take "${refs[$i]}" >/dev/null || not_ok "setup: take"; done
ok "setup: 8 cases, 4 held"
at_exit sql "update wardesk.test_clock set clock_offset = '0'"

race() {   # race ROUND: five sweepers start together
	local R=$WD_TMP/race$1 i who
	mkdir -p "$R"
	local sweepers=(postgres "$O1" "$O2" "$CH" postgres) pids=()
	for i in 0 1 2 3 4; do
		who=${sweepers[$i]}
		(
			while [ ! -e "$R/go" ]; do sleep 0.005; done
			wd_as "$who" watch --once </dev/null >"$R/$i.out" 2>"$R/$i.err"
			echo $? >"$R/$i.rc"
		) &
		pids+=($!)
	done
	touch "$R/go"
	for p in "${pids[@]}"; do wait "$p"; done
	RACE_RC=$(cat "$R"/*.rc | sort -u | tr '\n' ' ')
	RACE_OUT=$(cat "$R"/*.out)
}
count() { sql "select count(*) from wardesk.case_events where action = '$1'"; }
# (recipient, case) pairs alerted of kind $1: a summary alert (more than
# alert_summary_over() = 3 of a kind for one officer from one call of the
# sweep, 023_alert_summary.sql) counts for each of its cases
kinds() { sql "select count(*) from wardesk.alerts a cross join lateral unnest(coalesce(a.case_ids, array[a.case_id])) c
                where a.kind = '$1'"; }
rows() { sql "select count(*) || ' ' || count(*) filter (where case_count > 1) from wardesk.alerts where kind = '$1'"; }

# past the escalation threshold (14 min left): warn + auto-escalate for all 8
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null
race 1
check_eq "round 1: every sweeper exits 0" "0 " "$RACE_RC"
check_eq "8 warn events" 8 "$(count warn)"
check_eq "8 auto-escalate events" 8 "$(count auto-escalate)"
check_eq "each case escalated exactly once" 0 \
	"$(sql "select count(*) from (select case_id from wardesk.case_events where action = 'auto-escalate'
	        group by case_id having count(*) <> 1) x")"
check_eq "8 escalation alerts to the one chair" "8 $CH" \
	"$(kinds escalation) $(sql "select string_agg(distinct recipient, ',') from wardesk.alerts where kind = 'escalation'")"
check_eq "... as one summary alert, not 8" "1 1" "$(rows escalation)"
check_eq "warnings: 4 to the holder, 4 x 2 to the officers on duty" 12 "$(kinds warning)"
check_eq "... o1 (8 cases) one summary, o2 (4 cases) one summary" "2 2" "$(rows warning)"
check_eq "each warned case once per recipient" 0 \
	"$(sql "select count(*) from (select a.recipient, c from wardesk.alerts a
	         cross join lateral unnest(coalesce(a.case_ids, array[a.case_id])) c
	         where a.kind = 'warning' group by 1, 2 having count(*) > 1) x")"

check_eq "the sweepers printed 16 transitions in all" 16 "$(printf '%s\n' "$RACE_OUT" | grep -c ' level ')"

# overdue: five at once again
sql "update wardesk.test_clock set clock_offset = '121 min'" >/dev/null
race 2
check_eq "round 2: every sweeper exits 0" "0 " "$RACE_RC"
check_eq "8 overdue events" 8 "$(count overdue)"
check_eq "8 overdue alerts" 8 "$(kinds overdue)"
check_eq "no reminder yet" 0 "$(kinds reminder)"
check_eq "escalations still once" 8 "$(count auto-escalate)"
check_eq "all at level 2" 8 "$(sql "select count(*) from wardesk.cases where escalation = 2")"
