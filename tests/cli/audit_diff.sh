#!/bin/bash
# audit_diff.sh - an UPDATE of cases made under the action of a sweep step
# (warn, auto-escalate, overdue, remind) is audited per statement
# (tg_cases_audit_steps, 25_audit.sql, issue 14 item 4), every other per row
# (tg_cases_audit): both must record the same diff, the rule of audit_diff
# (old and new value of every column that changed, bookkeeping left out,
# NULLs kept as JSON nulls).  The statement trigger's diff compares the
# columns of cases as the catalog lists them when 25_audit.sql is applied;
# here two cases alike get the same changes, one under each path, and
# their events must match, for every column of cases that can change.
# Also: a login that sets a step's action itself is named as the actor.
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer) &&
HL=$(mk_officer hl "Võ Thị Lan" hotline) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác ở hẻm 12" --address "12 Lê Lợi") &&
R2=$(report_as "$HL" --category HT --text "Đèn hỏng ở hẻm 40" --address "40 Pasteur") ||
	{ not_ok "setup: cases"; exit 1; }
# (made alike by hand: two reports alike would flag the second a likely
# duplicate of the first)
sql "begin;
     select set_config('wardesk.action', 'prep', true);
     update wardesk.cases c set category = o.category, description = o.description, address = o.address,
            flags = o.flags, deadline_at = o.deadline_at
       from wardesk.cases o where o.ref = '$R1' and c.ref = '$R2';
     commit" >/dev/null || { not_ok "setup: cases alike"; exit 1; }
ok "setup: two cases alike"

# the same changes to each, in two UPDATEs (values set, then some cleared),
# under 'update' (per row) and 'warn' (per statement, not the desk's)
change() {   # change REF ACTION
	sql "begin;
	     select set_config('wardesk.action', '$2', true);
	     update wardesk.cases set description = 'Rác ở hẻm 12, đã báo lại', address = null,
	            reporter_name = 'Bà Tư', reporter_phone = '0901234567', lat = 10.776, lon = 106.7,
	            flags = array['likely_duplicate:X-1', 'note'], media_urls = array['https://a/b.jpg'],
	            warned_at = '2026-12-01 08:00+07', escalated_at = '2026-12-01 08:10+07', ack_by = '$AN',
	            ack_at = '2026-12-01 08:05+07', last_alert_at = '2026-12-01 08:10+07',
	            priority = 'urgent', hotline_line = 'police', callback_wanted = true
	      where ref = '$1';
	     update wardesk.cases set warned_at = null, lat = null, lon = null, flags = '{}',
	            address = '14 Lê Lợi', reporter_name = null, ack_by = null, ack_at = null
	      where ref = '$1';
	     commit" >/dev/null
}
change "$R1" update && change "$R2" warn || { not_ok "the two updates"; exit 1; }

events() {   # events REF: each change's diff, in order
	psql_as postgres -v ref="$1" <<<"select coalesce(e.old::text, '-') || ' ' || coalesce(e.new::text, '-')
	   from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	  where c.ref = :'ref' and e.action in ('update', 'warn') order by e.id"
}
E1=$(events "$R1")
E2=$(events "$R2")
check_eq "per row: two events" 2 "$(printf '%s\n' "$E1" | grep -c .)"
check_match "... the first names the columns changed, e.g. lat and flags" '"lat": 10.776.*' "$E1"
check_match "... the second the nulls" '"warned_at": null' "$E1"
check_eq "per statement: the same events, diff for diff" "$E1" "$E2"
check_eq "... written per statement: the row trigger's WHEN leaves a step's action out" \
	"t" "$(sql "select pg_get_triggerdef(oid) like '%audit_step_actions()%' from pg_trigger
	             where tgname = 't90_audit' and tgrelid = 'wardesk.cases'::regclass")"
check_eq "a step's action set by hand: the events are the login's, not the desk's" \
	"2 0" "$(sql "select count(*) filter (where e.actor = session_user::text and e.run_by is null) || ' ' ||
	                     count(*) filter (where e.actor = 'desk')
	                from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	               where c.ref = '$R2' and e.action = 'warn'")"
check_exit "the audit chain is intact" 0 wd audit verify
