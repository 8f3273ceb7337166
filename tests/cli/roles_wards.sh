#!/bin/bash
# roles_wards.sh - two wards in one database are kept apart by forced
# row-level security: an officer never sees or touches another ward's cases,
# events or officers, through wardesk or through psql.
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer BT) &&
HL=$(mk_officer hl "Võ Thị Lan" hotline BT) &&
CHU=$(mk_officer chu "Trần Thị Hồng" chair BT) &&
GA=$(mk_officer ga "Phạm Gia An" officer GD) &&
GH=$(mk_officer gh "Lý Gia Hạnh" hotline GD) &&
GC=$(mk_officer gc "Đỗ Gia Cường" chair GD) || { not_ok "setup: officers in two wards"; exit 1; }
ok "setup: officers in two wards"

B1=$(report_as "$HL" --category MT --text "Rác ở hẻm 3 Nơ Trang Long")
B2=$(report_as "$HL" --category HT --text "Đèn đường tắt Bạch Đằng")
G1=$(report_as "$GH" --category ATGT --text "Xe đậu lấn đường Phan Đăng Lưu")
check_match "each ward numbers its own cases" '^GD-1$' "$G1"
wd_as "$AN" take "$B1" >/dev/null 2>&1

q() { psql_as "$1" -c "$2"; }
check_eq "the superuser sees both wards" 3 "$(q postgres "select count(*) from wardesk.cases")"
check_eq "officer of BT sees BT's cases only (psql)" 2 "$(q "$AN" "select count(*) from wardesk.cases")"
check_eq "officer of GD sees GD's cases only (psql)" 1 "$(q "$GA" "select count(*) from wardesk.cases")"
check_eq "... also through case_list" "$G1" "$(q "$GA" "select string_agg(ref, ',') from wardesk.case_list")"
check_eq "... and through case_queue (the console's queue)" "$G1" \
	"$(q "$GA" "select string_agg(ref, ',') from wardesk.case_queue")"
check_eq "... no events of the other ward" 0 \
	"$(q "$GA" "select count(*) from wardesk.case_events e join wardesk.wards w on w.id = e.ward_id where w.code <> 'GD'")"
check_eq "... no officers of the other ward" "$GA,$GC,$GH" \
	"$(q "$GA" "select string_agg(login, ',' order by login) from wardesk.officers")"
check_eq "session_ward (what the policies read) gives a GD officer GD's ward only" \
	"$(q postgres "select id from wardesk.wards where code = 'GD'")" \
	"$(q "$GA" "select string_agg(ward_id::text, ',') from wardesk.session_ward")"
check_eq "... also after SET ROLE (session_user stays the login)" 1 \
	"$(q "$GA" "set role wardesk_staff; select count(*) from wardesk.session_ward where ward_id = (select id from wardesk.wards where code = 'GD')")"
check_eq "a BT hotline operator sees BT's cases only" 2 "$(q "$HL" "select count(*) from wardesk.cases")"

check_exit "wardesk ls as GD shows GD only" 0 wd_as "$GA" ls --state all --format tsv
check_eq "... one case" "$G1" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1 | paste -sd,)"
check_exit "show of another ward's case: not found (exit 1)" 1 wd_as "$GA" show "$B1"
check_exit "take of another ward's case: not found (exit 1)" 1 wd_as "$AN" take "$G1"
check_match "... 'no case'" "no case $G1" "$ERR"
check_exit "GD chair cannot assign a BT case" 1 wd_as "$GC" assign "$B2" "$GA"
check_exit "BT chair cannot assign a GD case to a BT officer" 1 wd_as "$CHU" assign "$G1" "$AN"
check_exit "GD chair cannot assign a GD case to a BT officer" 2 wd_as "$GC" assign "$G1" "$AN"
printf '%s\n' "select wardesk.take('$G1')" >"$WD_TMP/q.sql"
run psql_as "$AN" -f "$WD_TMP/q.sql"
check_eq "take of another ward's case through psql fails" 3 "$RC"
check_match "... not found" "no case $G1" "$ERR"
check_eq "the GD case is untouched" "new|1" "$(q postgres "select state || '|' || version from wardesk.cases where ref = '$G1'")"
check_eq "count by ref through psql: nothing" 0 "$(q "$AN" "select count(*) from wardesk.cases where ref = '$G1'")"
check_exit "a handover to an officer of another ward is refused" 2 \
	wd_as "$AN" handover create --to "$GA" --note "giao ca"
check_exit "a GD officer's stats count GD only" 0 wd_as "$GA" stats --format json
check_eq "... received 1" 1 "$(json_get "$OUT" 'j["received"]')"

check_eq "RLS is forced on every ward table" "true,true,true,true,true,true" \
	"$(q postgres "select string_agg((relrowsecurity and relforcerowsecurity)::text, ',' order by relname)
	   from pg_class where relnamespace = 'wardesk'::regnamespace
	   and relname in ('cases','case_events','officers','shifts','handovers','handover_cases')")"
check_eq "the owner role is not a superuser and cannot bypass RLS" "false|false" \
	"$(q postgres "select rolsuper || '|' || rolbypassrls from pg_roles where rolname = 'wardesk_owner'")"
