#!/bin/bash
# ward_scope.sh - what belongs to one ward stays with it (issue 13, items 4
# and 10).  Item 4: category thresholds and desk settings are per ward over
# city-wide defaults only the administrator (a superuser) sets; a chair changes
# only their own ward's; ward creation and the service code map are the
# administrator's; report, reopen, the sweep and the apology text use the
# case's ward's values.  Item 10: nothing of another ward reaches a login of
# GD: notifications go to per-ward channels whose names only the ward's
# officers can read (wardesk.my_channels()), wards.next_seq is not readable,
# and officer add does not tell "an officer of another ward" from any other
# refusal.  Tested as the hostile login with psql and through the CLI.
. "$(dirname "$0")/../lib.sh"

BTC=$(mk_officer btc "Chủ tịch Bến Thành" chair) || { not_ok "setup: BT chair"; exit 1; }
BTO=$(mk_officer bto "Cán bộ Bến Thành" officer) || { not_ok "setup: BT officer"; exit 1; }
BTH=$(mk_officer bth "Tổng đài Bến Thành" hotline) || { not_ok "setup: BT hotline"; exit 1; }
GDC=$(mk_officer gdc "Chủ tịch Gia Định" chair GD) || { not_ok "setup: GD chair"; exit 1; }
GDO=$(mk_officer gdo "Cán bộ Gia Định" officer GD) || { not_ok "setup: GD officer"; exit 1; }
GDH=$(mk_officer gdh "Tổng đài Gia Định" hotline GD) || { not_ok "setup: GD hotline"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
BT_ID=$(sql "select id from wardesk.wards where code = 'BT'")
GD_ID=$(sql "select id from wardesk.wards where code = 'GD'")
ok "setup: a chair, an officer and a hotline operator in BT and in GD"

# minutes from receipt to deadline of a case
deadline_min() { sql "select extract(epoch from deadline_at - received_at)::int / 60 from wardesk.cases where ref = '$1'"; }
n=0
rep() { n=$((n + 1)); report_as "$1" --category "$2" --text "Phản ánh $n" --address "$n Lê Lợi"; }

# ---------------------------------------------------------------- item 4: categories
check "the BT chair sets MT's thresholds" wd_as "$BTC" category set MT --deadline 45 --warn 20 --escalate 10
B1=$(rep "$BTH" MT) && G1=$(rep "$GDH" MT) || not_ok "setup: a case in each ward"
check_eq "BT's new MT case uses BT's deadline (45 min)" 45 "$(deadline_min "$B1")"
check_eq "GD's new MT case keeps the city-wide deadline (120 min)" 120 "$(deadline_min "$G1")"
check_eq "the city-wide MT row is unchanged" "120|30|15" \
	"$(sql "select deadline_min || '|' || warn_min || '|' || escalate_min from wardesk.categories where code = 'MT'")"
check_exit "categories, as a BT officer" 0 wd_as "$BTO" categories --format tsv
check_match "... shows BT's 45/20/10" "^MT	45	20	10	t	" "$OUT"
check_match "... as BT's own (last column)" "^MT	.*	t\$" "$OUT"
check_match "... and CX as the city's" "^CX	120	30	15	t	.*	f\$" "$OUT"
check_exit "categories, as a GD officer" 0 wd_as "$GDO" categories --format tsv
check_match "... shows the city's 120/30/15" "^MT	120	30	15	t	.*	f\$" "$OUT"
check_exit "categories --format json" 0 wd_as "$BTO" categories --format json
check_eq "... says which are the ward's own" "MT" \
	"$(json_get "$OUT" '",".join(c["code"] for c in j if c["own"])')"
check_eq "case_list gives each case its ward's thresholds" "45|20|10" \
	"$(psql_as "$BTO" -c "select deadline_min || '|' || warn_min || '|' || escalate_min from wardesk.case_list where ref = '$B1'")"

check "the GD chair sets GD's MT deadline" wd_as "$GDC" category set MT --deadline 300
G2=$(rep "$GDH" MT) && B2=$(rep "$BTH" MT) || not_ok "setup: more cases"
check_eq "GD's new MT case: 300 min" 300 "$(deadline_min "$G2")"
check_eq "BT's new MT case: still BT's 45 min" 45 "$(deadline_min "$B2")"
check_eq "... GD's warn and escalate stay the city's" "300|30|15" \
	"$(psql_as "$GDO" -c "select deadline_min || '|' || warn_min || '|' || escalate_min from wardesk.category_list where code = 'MT'")"
check_exit "the GD chair cannot write BT's values directly" 1 \
	psql_as "$GDC" -c "update wardesk.category_ward set deadline_min = 1"
check_exit "... nor insert them" 1 psql_as "$GDC" \
	-c "insert into wardesk.category_ward(ward_id, code, deadline_min, warn_min, escalate_min) values ($BT_ID, 'MT', 5, 1, 0)"
check_exit "... nor change the city-wide row" 1 psql_as "$GDC" -c "update wardesk.categories set deadline_min = 1"
check_eq "... and does not even see BT's" 0 "$(psql_as "$GDC" -c "select count(*) from wardesk.category_ward where ward_id = $BT_ID")"
check_eq "BT's values are as its chair left them" "45|20|10" \
	"$(sql "select deadline_min || '|' || warn_min || '|' || escalate_min from wardesk.category_ward where ward_id = $BT_ID and code = 'MT'")"

check "the administrator (a superuser) sets the city-wide KHAC deadline" \
	env PGUSER=postgres "$WD_BIN" category set KHAC --deadline 200
check_eq "... in categories" 200 "$(sql "select deadline_min from wardesk.categories where code = 'KHAC'")"
B3=$(rep "$BTH" KHAC) || not_ok "setup: a KHAC case"
check_eq "... which a ward without its own uses" 200 "$(deadline_min "$B3")"
check_eq "... no ward got a row of its own" 0 "$(sql "select count(*) from wardesk.category_ward where code = 'KHAC'")"

# reopen restarts the deadline from the ward's value
wd_as "$BTO" take "$B2" >/dev/null && wd_as "$BTO" close "$B2" --note "Đã dọn" >/dev/null || not_ok "setup: close $B2"
check "the BT chair reopens a case" wd_as "$BTC" reopen "$B2" --note "Chưa xong"
check_eq "... its new deadline is BT's 45 min from now" 45 \
	"$(sql "select round(extract(epoch from deadline_at - wardesk.now()) / 60)::int from wardesk.cases where ref = '$B2'")"

# ---------------------------------------------------------------- item 4: wards and the service code map
check_exit "a chair cannot add a ward (exit 1)" 1 wd_as "$BTC" ward add QX --name "Phường QX"
check_match "... told it is the administrator's" "administrator" "$ERR"
check_eq "... no ward QX" 0 "$(sql "select count(*) from wardesk.wards where code = 'QX'")"
check_exit "a chair cannot remap a service code" 1 psql_as "$BTC" -c "select wardesk.service_code_set('MT', 'KHAC')"
check_exit "... nor add one" 1 psql_as "$BTC" -c "select wardesk.service_code_set('NEWCODE', 'MT')"
check_eq "... the map is unchanged" "MT|0" \
	"$(sql "select (select category from wardesk.service_code_map where service_code = 'MT') || '|' ||
	               (select count(*) from wardesk.service_code_map where service_code = 'NEWCODE')")"
check_exit "the administrator still can" 0 psql_as postgres -c "select wardesk.service_code_set('NEWCODE', 'MT')"
check "the administrator adds a ward" env PGUSER=postgres "$WD_BIN" ward add QX --name "Phường QX"

# ---------------------------------------------------------------- item 4: settings
check "the BT chair sets BT's apology template" wd_as "$BTC" setting set apology_template "BT xin lỗi về {ref}"
check_eq "BT's apology uses it" "BT xin lỗi về $B1" "$(psql_as "$BTO" -c "select wardesk.apology_text('$B1')")"
check_match "GD's apology keeps the city's template" "^Kính gửi" "$(psql_as "$GDO" -c "select wardesk.apology_text('$G1')")"
check_eq "the city-wide template is unchanged" 0 \
	"$(sql "select count(*) from wardesk.settings where key = 'apology_template' and value like 'BT%'")"
check_exit "settings, as a BT officer" 0 wd_as "$BTO" settings --format tsv
check_match "... shows BT's template" "^apology_template	BT xin lỗi" "$OUT"
check_exit "settings, as a GD officer" 0 wd_as "$GDO" settings --format tsv
check_match "... shows the city's" "^apology_template	Kính gửi" "$OUT"
check_exit "the GD chair cannot write BT's settings directly" 1 \
	psql_as "$GDC" -c "update wardesk.setting_ward set value = 'x'"
check "the administrator sets the city-wide remind_min" env PGUSER=postgres "$WD_BIN" setting set remind_min 7
check_eq "... for every ward without its own" "7|7" \
	"$(sql "select wardesk.setting_int($BT_ID, 'remind_min', 10) || '|' || wardesk.setting_int($GD_ID, 'remind_min', 10)")"

# ---------------------------------------------------------------- item 4: the sweep
# Same deadline (CX: 120 min), different thresholds: BT warns 100 min before
# the deadline and escalates a warned, unowned case after 1 minute; GD keeps
# the city's (warn 30 min before, grace 10 min).
check "the BT chair sets CX's warning to 100 min" wd_as "$BTC" category set CX --warn 100 --escalate 10
check "... and unowned_grace_min to 1" wd_as "$BTC" setting set unowned_grace_min 1
BC=$(rep "$BTH" CX) && GC=$(rep "$GDH" CX) || not_ok "setup: CX cases"
# swept REF...: what the sweep (as the superuser: every ward) did to these cases
swept() { sql "select coalesce(string_agg(ref || ':' || action, ',' order by ref, action), '') from wardesk.sweep()
               where ref in ('$(IFS=,; echo "${*}" | sed "s/,/','/g")')"; }
sql "update wardesk.test_clock set clock_offset = '22 min'" >/dev/null
check_eq "22 min: the sweep warns BT's case (BT's threshold), not GD's" "$BC:warn" "$(swept "$BC" "$GC")"
sql "update wardesk.test_clock set clock_offset = '25 min'" >/dev/null
check_eq "25 min: BT's unowned case escalates after BT's grace of 1 min" "$BC:auto-escalate" "$(swept "$BC" "$GC")"
sql "update wardesk.test_clock set clock_offset = '91 min'" >/dev/null
check_eq "91 min: GD's case is warned by the city's threshold" "$GC:warn" "$(swept "$GC")"
sql "update wardesk.test_clock set clock_offset = '94 min'" >/dev/null
check_eq "94 min: GD's unowned case waits for the city's grace of 10 min" "" "$(swept "$GC")"
check_eq "the sweep of GD's officer, alone, also uses GD's values" "" \
	"$(psql_as "$GDO" -c "select coalesce(string_agg(ref || ':' || action, ','), '') from wardesk.sweep() where ref = '$GC'")"
sql "update wardesk.test_clock set clock_offset = '0'" >/dev/null

# ---------------------------------------------------------------- item 10: channels
check_eq "a GD officer learns three channels, all GD's" "3|3" \
	"$(psql_as "$GDO" -c "select count(*) || '|' || count(*) filter (where channel ~ '^wardesk_(case|alert|shift)_${GD_ID}_[0-9a-f]{32}\$')
	                      from wardesk.my_channels()")"
check_eq "the administrator (a superuser) learns every ward's" \
	"$(sql "select 3 * count(*) from wardesk.wards")" "$(sql "select count(*) from wardesk.my_channels()")"
check_exit "... cannot read the channel secrets" 1 psql_as "$GDO" -c "select * from wardesk.ward_channels"
check_exit "... nor call ward_channel() for BT" 1 psql_as "$GDO" -c "select wardesk.ward_channel($BT_ID, 'case')"
sql "create role ${WD_TEST_PREFIX}nobody login in role wardesk_hotline" >/dev/null
at_exit sql "drop role ${WD_TEST_PREFIX}nobody"
check_eq "a desk login that is no officer learns none" 0 \
	"$(psql_as "${WD_TEST_PREFIX}nobody" -c "select count(*) from wardesk.my_channels()")"

# listen_as LOGIN: a psql session of LOGIN listening to every channel it can
# name (what my_channels() gives it, the fixed names of 0.1.0 and every name
# of the other session it can see), while BT reports, takes (an "assigned"
# alert), escalates (alerts naming BT's chair) and starts a shift; prints
# every notification psql received.
listen_as() {
	local who=$1 ref
	ref=$(sql "select 'BT-' || (select max(split_part(ref, '-', 2)::int) + 1 from wardesk.cases where ref like 'BT-%')")
	psql -X -U "$who" 2>&1 <<SQL | grep -E '^Asynchronous notification'
select format('LISTEN %I', channel) from wardesk.my_channels() \gexec
LISTEN wardesk_case; LISTEN wardesk_alert; LISTEN wardesk_shift;
\! PGUSER=$BTH "$WD_BIN" report --category MT --text "Rác $who" --address "1 Lê Lợi" >/dev/null
\! PGUSER=$BTC "$WD_BIN" assign $ref $BTO >/dev/null
\! PGUSER=$BTO "$WD_BIN" escalate $ref --note "Cần chủ tịch" >/dev/null
\! PGUSER=$BTO "$WD_BIN" shift start >/dev/null; PGUSER=$BTO "$WD_BIN" shift end >/dev/null
select pg_sleep(0.3);
select 1;
SQL
}
heard=$(listen_as "$BTO")
check_match "BT's officer hears BT's case on BT's case channel" \
	"\"wardesk_case_${BT_ID}_[0-9a-f]{32}\" with payload \"\\{\"id\":[0-9]+,\"v\":1,\"ward\":$BT_ID,\"op\":\"report\",\"row\":\\{\"ref\":\"BT-" "$heard"
check_match "... its alerts on BT's alert channel" "\"wardesk_alert_${BT_ID}_[0-9a-f]{32}\" with payload .*\"kind\":\"escalation\",\"to\":\\[\"$BTC\"\\]" "$heard"
check_match "... its shifts on BT's shift channel" "\"wardesk_shift_${BT_ID}_[0-9a-f]{32}\" with payload .*\"op\":\"start\"" "$heard"
heard=$(listen_as "$GDO")
check_eq "a GD officer listening to every channel it can name hears nothing of BT" "" "$heard"
check_nomatch "... no BT login in anything it heard" "$BTC|$BTO" "$heard"

# ---------------------------------------------------------------- item 10: the case counter
check_exit "a GD officer cannot read wards.next_seq" 1 psql_as "$GDO" -c "select code, next_seq from wardesk.wards"
check_exit "... nor select * from wards" 1 psql_as "$GDO" -c "select * from wardesk.wards"
check_eq "... but reads the wards' codes and names" "BT,GD,QX" \
	"$(psql_as "$GDO" -c "select string_agg(code, ',' order by code) from wardesk.wards")"

# ---------------------------------------------------------------- item 10: officer add
check_exit "the GD chair adding BT's officer's login is refused (exit 2)" 2 \
	wd_as "$GDC" officer add "$BTO" --name "Ai đó" --role officer
MSG_BT=$ERR
check_match "... as 'login ... cannot be used'" "login $BTO cannot be used" "$MSG_BT"
check_nomatch "... not as a duplicate or an existing officer" "duplicate|already|exists|officers_pkey|another ward" "$MSG_BT"
sql "create role ${WD_TEST_PREFIX}grp nologin" >/dev/null
at_exit sql "drop role ${WD_TEST_PREFIX}grp"
check_exit "a role that is no login is refused (exit 2)" 2 wd_as "$GDC" officer add "${WD_TEST_PREFIX}grp" --name "Ai đó" --role officer
check_eq "... with the same words" "${MSG_BT//$BTO/${WD_TEST_PREFIX}grp}" "$ERR"
check_exit "a superuser's login is refused (exit 2)" 2 wd_as "$GDC" officer add postgres --name "Ai đó" --role officer
check_eq "... with the same words" "${MSG_BT//$BTO/postgres}" "$ERR"
check_eq "BT's officer stays BT's, in no new group" "$BT_ID|false" \
	"$(sql "select ward_id || '|' || pg_has_role('$BTO', 'wardesk_chair', 'member')::text from wardesk.officers where login = '$BTO'")"
check_exit "a new login is still added by the GD chair" 0 \
	wd_as "$GDC" officer add "$(login gdnew)" --name "Người mới" --role officer
check_exit "the GD chair adding a GD officer again is told it exists (own ward)" 2 \
	wd_as "$GDC" officer add "$GDO" --name "Ai đó" --role officer
check_match "... already exists" "already exists" "$ERR"
