#!/bin/bash
# deadline_chain.sh - the escalation chain with a shifted desk clock: warning
# to the holder (or the officers on duty), escalation to the chair unless the
# holder acknowledged, overdue (level 2), reminders until the chair
# acknowledges; manual escalation alerts the chair too; closing a late case
# needs a delay reason; category thresholds are the chair's; the clock can
# only be moved by a superuser.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline"; exit 1; }
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) || { not_ok "setup: o1"; exit 1; }
O2=$(mk_officer o2 "Lê Thị Hai" officer) || { not_ok "setup: o2"; exit 1; }
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
ok "setup: officers"
# C's category has a longer deadline: it only gets a manual escalation
wd_as "$CH" category set HT --deadline 240 || not_ok "setup: HT deadline"

A=$(report_as "$HL" --category MT --text "Rác ùn ứ trước hẻm 12" --address "12 Lê Lợi") &&
B=$(report_as "$HL" --category MT --text "Nước thải chảy ra đường" --address "40 Lê Lợi") &&
C=$(report_as "$HL" --category HT --text "Ổ gà lớn giữa đường" --address "2 Hàm Nghi") ||
	{ not_ok "setup: three reports"; exit 1; }
check "o1 takes A" wd_as "$O1" take "$A"

clock() { sql "update wardesk.test_clock set clock_offset = '$1'" >/dev/null; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
# sweep as postgres (all wards); the transitions it printed
sweep() { run wd watch --once; }
alerts() { sql "select string_agg(c.ref || ':' || a.kind || ':' || a.recipient, ' ' order by c.ref, a.kind, a.recipient)
                from wardesk.alerts a join wardesk.cases c on c.id = a.case_id
               where a.kind <> 'new' and a.id > $1"; }
lastid() { sql "select coalesce(max(id), 0) from wardesk.alerts"; }
events() { sql "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
                where c.ref = '$1' and e.action = '$2'"; }

check_eq "new cases alert the officers on duty" "$O1 $O2" \
	"$(sql "select string_agg(distinct recipient, ' ' order by recipient) from wardesk.alerts where kind = 'new'")"

# -- nothing due yet
clock '60 min'
sweep
check_eq "60 min: watch exits 0" 0 "$RC"
check_eq "60 min: no transition" "" "$OUT"

# -- 91 min: 29 left -> warnings
clock '91 min'
id0=$(lastid)
sweep
check_eq "91 min: two warnings" 2 "$(printf '%s\n' "$OUT" | grep -c ' warn level 0')"
check_match "... line format" "^[0-9T:+-]+ $A warn level 0 -> $O1\$" "$OUT"
check_eq "91 min: warning to the holder, or everyone on duty when unowned" \
	"$A:warning:$O1 $B:warning:$O1 $B:warning:$O2" "$(alerts "$id0")"
check_eq "... audited as warn" 1 "$(events "$A" warn)"
sweep
check_eq "a second sweep does nothing" "" "$OUT"

# -- the holder acknowledges the warning of A
check_exit "o2 cannot acknowledge o1's case" 1 wd_as "$O2" ack "$A"
check_match "... told who holds it" "held by $O1" "$ERR"
check_exit "an unowned case cannot be acknowledged by an officer" 1 wd_as "$O2" ack "$B"
check "o1 acknowledges A" wd_as "$O1" ack "$A"
check_exit "... only once" 1 wd_as "$O1" ack "$A"

# -- 101 min: B warned 10 min ago and still unowned -> escalates
clock '101 min'
id0=$(lastid)
sweep
check_eq "101 min: unowned warned B escalates to the chair" "$B:escalation:$CH" "$(alerts "$id0")"
check_eq "... level 1" 1 "$(case_field "$B" escalation)"

# -- 106 min: 14 left; A was acknowledged by its holder -> no escalation
clock '106 min'
id0=$(lastid)
sweep
check_eq "106 min: acknowledged A does not escalate" "" "$(alerts "$id0")"
check_eq "... still level 0" 0 "$(case_field "$A" escalation)"

# -- 121 min: manual escalation of C alerts the chair (same chain)
clock '121 min'
id0=$(lastid)
check "o2 escalates C" wd_as "$O2" escalate "$C" --note "cần máy móc"
check_eq "manual escalation alerts the chair" "$C:escalation:$CH" "$(alerts "$id0")"
check "... and stamps escalated_at" test -n "$(case_field "$C" escalated_at)"

# -- 121 min: overdue -> level 2, chair alerted again
id0=$(lastid)
sweep
check_eq "121 min: overdue A and B alert the chair" "$A:overdue:$CH $B:overdue:$CH" "$(alerts "$id0")"
check_eq "... levels" "2 2 1" "$(case_field "$A" escalation) $(case_field "$B" escalation) $(case_field "$C" escalation)"
check_eq "... audited once each" "1 1 0" "$(events "$A" overdue) $(events "$B" overdue) $(events "$C" overdue)"
check_exit "escalating A at level 2 is refused" 1 wd_as "$CH" escalate "$A" --note "lên nữa"
check_match "... saying why: with the chair, no one higher (level 1 said the same: 'the highest level' for both)" \
	"$A is with the ward chair already \(level 2\): it cannot go higher" "$ERR"
LANG=C.UTF-8 LANGUAGE=vi check_exit "... in Vietnamese too" 1 wd_as "$CH" escalate "$A" --note "lên nữa"
check_match "... saying why in Vietnamese" "$A đã ở Chủ tịch UBND phường \(mức 2\): không thể chuyển cấp cao hơn" "$ERR"

# -- reminders every remind_min (10) until the chair acknowledges
clock '132 min'
id0=$(lastid)
sweep
check_eq "132 min: reminders for all three" \
	"$A:reminder:$CH $B:reminder:$CH $C:reminder:$CH" "$(alerts "$id0")"
check_exit "an officer cannot acknowledge an escalation" 1 wd_as "$O2" ack "$B"
check "the chair acknowledges B" wd_as "$CH" ack "$B"
clock '143 min'
id0=$(lastid)
sweep
check_eq "143 min: no reminder for acknowledged B" "$A:reminder:$CH $C:reminder:$CH" "$(alerts "$id0")"
check_eq "... remind events audited" "2 1" "$(events "$A" remind) $(events "$B" remind)"
check_exit "the chair lists their alerts" 0 wd_as "$CH" alerts --mine --format json
check "... json parses" "$WD_PY" -c 'import json,sys; j=json.loads(sys.argv[1]); assert all(a["to"] == sys.argv[2] for a in j) and len(j) >= 9' "$OUT" "$CH"

# -- closing late
check_exit "closing overdue A without a delay reason is refused" 2 wd_as "$O1" close "$A" --note "Đã thu gom"
check_match "... with the reason asked for" "$A is overdue: give a delay reason" "$ERR"
check_exit "an unknown delay reason is refused" 2 wd_as "$O1" close "$A" --note "Đã thu gom" --delay-reason NOPE
check "closing with a delay reason and the apology template" \
	wd_as "$O1" close "$A" --note "Đã thu gom" --delay-reason field --apology-template
check_eq "delay reason stored" FIELD "$(case_field "$A" delay_reason)"
check_match "apology note filled in from the template" "phản ánh $A tiếp nhận lúc" "$(case_field "$A" apology_note)"
wd_as "$CH" take "$B" >/dev/null || not_ok "the chair takes B"
check "the chair closes B with its own apology" \
	wd_as "$CH" close "$B" --note "Đã xử lý" --delay-reason BUSY --apology "Xin lỗi ông/bà."
check_eq "... stored" "Xin lỗi ông/bà." "$(case_field "$B" apology_note)"
D=$(report_as "$HL" --category MT --text "Đèn đường tắt") || not_ok "report D"
wd_as "$O1" take "$D" >/dev/null
check_exit "a delay reason on a case that is not late is refused" 2 \
	wd_as "$O1" close "$D" --note "Đã báo điện lực" --delay-reason STAFF
check "... closes without one" wd_as "$O1" close "$D" --note "Đã báo điện lực"

# -- re-closing a reopened case: late against its original deadline
check "the chair reopens A (closed late)" wd_as "$CH" reopen "$A" --note "Rác lại ùn ứ"
check "... the reopen gives A a new deadline, ahead" \
	test "$(sql "select deadline_at > wardesk.now() from wardesk.cases where ref = '$A'")" = t
wd_as "$O1" take "$A" >/dev/null || not_ok "o1 takes A again"
check_exit "re-closing A after its original deadline needs a delay reason" 2 \
	wd_as "$O1" close "$A" --note "Đã thu gom lần hai"
check_match "... asked for as for any late case" "$A is overdue: give a delay reason" "$ERR"
check_exit "... in psql too (the rule is in the database)" 1 \
	psql_as "$O1" -c "select wardesk.close('$A', null, 'Đã thu gom lần hai')"
check_match "... the same refusal" "$A is overdue: give a delay reason" "$ERR"
check "... closes with one" wd_as "$O1" close "$A" --note "Đã thu gom lần hai" --delay-reason BUSY
check_eq "... stored" BUSY "$(case_field "$A" delay_reason)"
check "the chair reopens D (closed on time)" wd_as "$CH" reopen "$D" --note "Đèn lại tắt"
wd_as "$O1" take "$D" >/dev/null || not_ok "o1 takes D again"
check "... re-closing D before its original deadline needs no delay reason" \
	wd_as "$O1" close "$D" --note "Đã báo lại điện lực"
check_exit "delay reasons are listed" 0 wd_as "$O1" delay-reasons --format tsv
check_match "... with Vietnamese names" "^FIELD	Chờ đơn vị" "$OUT"

# -- categories
check_exit "an officer cannot change deadlines" 1 wd_as "$O1" category set MT --warn 40
check "the chair can" wd_as "$CH" category set mt --deadline 90 --warn 40 --escalate 20
check_exit "categories lists it" 0 wd_as "$O1" categories --format tsv
check_match "... 90/40/20" "^MT	90	40	20	t	" "$OUT"
check_exit "warn >= deadline is refused" 2 wd_as "$CH" category set MT --warn 90
check_exit "an unknown category is refused" 2 wd_as "$CH" category set NOPE --warn 10
check_exit "category set needs a value" 2 wd_as "$CH" category set MT

# -- settings
check "the chair sets the reminder interval" wd_as "$CH" setting set remind_min 5
check_exit "an officer cannot" 1 wd_as "$O1" setting set remind_min 7
check_exit "a bad value is refused" 2 wd_as "$CH" setting set remind_min abc
check_eq "remind_min is 5 in the chair's ward" 5 \
	"$(sql "select wardesk.ward_setting(ward_id, 'remind_min') from wardesk.officers where login = '$CH'")"

# -- the clock belongs to the superuser
check_exit "an officer cannot move the clock" 1 psql_as "$O1" -c "update wardesk.test_clock set clock_offset = '1 day'"
check_eq "the old setting no longer moves the clock" 0 \
	"$(PGOPTIONS='-c wardesk.clock_offset=5h' psql_as "$O1" -c "select extract(epoch from wardesk.now() - now())::int - (select extract(epoch from clock_offset)::int from wardesk.test_clock)")"
