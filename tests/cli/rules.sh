#!/bin/bash
# rules.sh - the database itself enforces the rules, even for psql as the
# superuser: no close without a note, no skipped state, an append-only audit,
# and staff logins cannot write the tables directly.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

NEW=$(report_as "$HL" --category MT --text "Cống nghẹt đường Pasteur")
HELD=$(report_as "$HL" --category MT --text "Rác tồn đọng hẻm 42 Nguyễn Huệ")
wd_as "$AN" take "$HELD" </dev/null >/dev/null 2>&1
check_eq "setup: one new and one taken case" "new in_progress" \
	"$(case_field "$NEW" state) $(case_field "$HELD" state)"

# psql -c does not interpolate variables; feed the statement on stdin instead.
su_sql() {
	printf '%s\n' "$2" >"$WD_TMP/q.sql"
	run psql_as postgres -v ref="$1" -f "$WD_TMP/q.sql"
}
snap() { psql_as postgres -v ref="$1" <<<"select concat_ws('|', state, coalesce(owner, ''), version,
	coalesce(resolution_note, ''), closed_at is null) from wardesk.cases where ref = :'ref'"; }

s=$(snap "$HELD")
su_sql "$HELD" "update wardesk.cases set state = 'resolved' where ref = :'ref'"
check_eq "psql as superuser: resolve without note/reason/closed_at fails" 3 "$RC"
su_sql "$HELD" "update wardesk.cases set state = 'resolved', closed_at = now(), close_reason = 'done',
	resolution_note = '   ' where ref = :'ref'"
check_eq "psql as superuser: resolve with a blank note fails" 3 "$RC"
check_match "... refused by a constraint" 'violates check constraint|resolution note|ERROR' "$ERR"
check_eq "... and nothing changed" "$s" "$(snap "$HELD")"

s=$(snap "$NEW")
su_sql "$NEW" "update wardesk.cases set state = 'resolved', closed_at = now(), close_reason = 'done',
	resolution_note = 'xong', owner = '$AN' where ref = :'ref'"
check_eq "psql as superuser: new -> resolved (skipping a state) fails" 3 "$RC"
su_sql "$NEW" "update wardesk.cases set state = 'reopened' where ref = :'ref'"
check_eq "psql as superuser: new -> reopened fails" 3 "$RC"
su_sql "$NEW" "update wardesk.cases set owner = '$AN' where ref = :'ref'"
check_eq "psql as superuser: a new case cannot have an owner" 3 "$RC"
check_eq "... and nothing changed" "$s" "$(snap "$NEW")"

# the audit is append-only
ev=$(sql "select count(*) || ':' || md5(string_agg(e::text, ',' order by id)) from wardesk.case_events e")
su_sql "$NEW" "update wardesk.case_events set note = 'sửa' where true"
check_eq "psql as superuser: UPDATE of case_events fails" 3 "$RC"
su_sql "$NEW" "delete from wardesk.case_events where true"
check_eq "psql as superuser: DELETE from case_events fails" 3 "$RC"
su_sql "$NEW" "truncate wardesk.case_events cascade"
check_eq "psql as superuser: TRUNCATE of case_events fails" 3 "$RC"
check_eq "the audit is unchanged" "$ev" \
	"$(sql "select count(*) || ':' || md5(string_agg(e::text, ',' order by id)) from wardesk.case_events e")"

# staff logins go through the functions only
printf '%s\n' "update wardesk.cases set description = 'x' where ref = :'ref'" >"$WD_TMP/q.sql"
run psql_as "$AN" -v ref="$HELD" -f "$WD_TMP/q.sql"
check_eq "an officer cannot UPDATE cases directly" 3 "$RC"
printf '%s\n' "insert into wardesk.case_events(case_id, ward_id, actor, action, version)
	select id, ward_id, 'x', 'take', 1 from wardesk.cases where ref = :'ref'" >"$WD_TMP/q.sql"
run psql_as "$AN" -v ref="$HELD" -f "$WD_TMP/q.sql"
check_eq "an officer cannot INSERT events directly" 3 "$RC"
run psql_as "$AN" -c "select count(*) from wardesk.cases"
check_eq "an officer can read cases" 0 "$RC"

# every change: one event in the same transaction, actor = session_user
n0=$(sql "select count(*) from wardesk.case_events")
wd_as "$AN" escalate "$HELD" --note "khẩn" </dev/null >/dev/null 2>&1
check_eq "one escalate adds exactly one event" $((n0 + 1)) "$(sql "select count(*) from wardesk.case_events")"
last=$(sql "select actor || '|' || action || '|' || coalesce(note, '') from wardesk.case_events order by id desc limit 1")
check_eq "the event says who, what and the note" "$AN|escalate|khẩn" "$last"

# the SQL API refuses a blank note too (not only the CLI)
printf '%s\n' "select wardesk.close(:'ref', null, '  ')" >"$WD_TMP/q.sql"
run psql_as "$AN" -v ref="$HELD" -f "$WD_TMP/q.sql"
check_eq "wardesk.close() with a blank note fails in psql" 3 "$RC"
check_match "... with SQLSTATE WD005 / a plain message" 'note' "$ERR"
