#!/bin/bash
# catchup_history.sh - a catch-up sweep (the desk was off past a case's
# deadline) warns and escalates a case already overdue: its history says
# so, and by how much, in both languages; it said "0 min left" (a
# newcomer's trial).  A step made in time still says the minutes left.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
LATE=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí")
wd_as "$AN" take "$LATE" >/dev/null || { not_ok "setup: take"; exit 1; }
# 150 min on: the deadline (120 min) passed 30 min ago, no sweep ran
sql "update wardesk.test_clock set clock_offset = '150 min'" >/dev/null
wd_as "$AN" watch --once </dev/null >/dev/null
check_eq "setup: the catch-up escalated $LATE (and marked it overdue)" "2" "$(case_field "$LATE" escalation)"

# one line (show wraps its history at the terminal's width)
OUT=$(LANG=C.UTF-8 wd_as "$AN" show "$LATE" | tr -s ' \n' '  ')
check_match "en: the warning says it came late, by how much" \
	"warned automatically by the desk: already (30|31|32) min overdue" "$OUT"
check_match "en: the escalation too" \
	"escalated automatically by the desk: already (30|31|32) min overdue, the holder had not acknowledged" "$OUT"
check_nomatch "en: never 0 min left" "0 min left" "$OUT"

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	OUT=$(LANG=vi_VN.UTF-8 wd_as "$AN" show "$LATE" | tr -s ' \n' '  ')
	check_match "vi: the warning says it came late" "hệ thống tự động cảnh báo: đã quá hạn (30|31|32) phút" "$OUT"
	check_match "vi: the escalation too" \
		"hệ thống tự động chuyển cấp: đã quá hạn (30|31|32) phút, người giữ chưa xác nhận" "$OUT"
	check_nomatch "vi: never còn 0 phút" "còn 0 phút" "$OUT"
else
	skip "vi: the Vietnamese history" "vi_VN.UTF-8 is not generated"
fi
