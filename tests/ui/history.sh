#!/bin/bash
# history.sh - the detail screen shows a case's history as sentences (issue
# 11, part 4): who took it, gave it, escalated it; automatic steps said as
# such ("escalated automatically: 14 min left, the holder had not
# acknowledged"); translated; no raw JSON (that stays in show --format json).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
R=$(report_as "$HL" --category MT --text "Rác thải bốc mùi" --address "12 Lê Lợi") &&
wd_as "$CH" assign "$R" "$AN" </dev/null >/dev/null &&
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null &&
wd_as "$CH" watch --once </dev/null >/dev/null || { not_ok "setup: a case, assigned, escalated by the sweep"; exit 1; }
check_eq "setup: the sweep escalated the case" 1 "$(case_field "$R" escalation)"

TM_W=120 tm_wardesk "$AN"
tm_wait_for "live" >/dev/null
tm_send 3
tm_wait_for "^ +$R " >/dev/null
tm_send Enter
check_screen "detail: the report, in a sentence" "^ [0-9/]+ [0-9:]+ +$HL recorded the case"
check_screen "detail: the assignment names both" "$CH gave the case to $AN"
check_screen "detail: the automatic escalation, said as such, with the time left" \
	"escalated automatically by the desk: 1[0-9] min left, the holder had not acknowledged"
check_nomatch "no raw JSON in the detail" '\{"' "$TM_SCREEN"
tm_kill

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	tm_start env LANG=vi_VN.UTF-8 PGUSER="$AN" $WD_WRAP "$WD_BIN"
	tm_wait_for "^ +$R " >/dev/null
	tm_send 3
	tm_wait_for "^ +$R " >/dev/null
	tm_send Enter
	check_screen "vi: the history in Vietnamese" "$CH giao vụ việc cho $AN"
	check_screen "vi: the automatic escalation in Vietnamese" "tự động chuyển cấp: còn 1[0-9] phút"
	tm_kill
else
	skip "vi: the history in Vietnamese" "vi_VN.UTF-8 not installed"
fi

OUT=$(wd_as "$AN" show "$R" --format json </dev/null)
check_match "show --format json keeps the raw events" '"auto-escalate"' "$OUT"

# ---- told as things were then: later changes do not rewrite the sentence
# (the newcomer's trial: after a close and a reopen the escalation read
# "122 min left, nobody had taken the case"; after a take, a case escalated
# while unowned read "the holder had not acknowledged")
R2=$(report_as "$HL" --category MT --text "Cống nghẹt" --address "14 Lê Lợi")
sql "update wardesk.test_clock set clock_offset = '212 min'" >/dev/null   # R2: 14 min left
wd_as "$CH" watch --once </dev/null >/dev/null
check_eq "setup: the sweep escalated $R2, unowned" "1|" "$(case_field "$R2" escalation)|$(case_field "$R2" owner)"
wd_as "$AN" take "$R2" </dev/null >/dev/null &&
wd_as "$AN" close "$R" --note "Đã dọn" --reason done --delay-reason FIELD </dev/null >/dev/null &&
wd_as "$CH" reopen "$R" --note "Người dân báo lại" </dev/null >/dev/null || not_ok "setup: take, close, reopen"
TM_W=120 tm_wardesk "$AN"
tm_wait_for "live" >/dev/null
tm_send :
tm_type "open $R"
tm_send Enter
check_screen "after close and reopen: still the minutes left then, and held then" \
	"escalated automatically by the desk: 1[0-9] min left, the holder had not acknowledged"
tm_send Escape :
tm_type "open $R2"
tm_send Enter
check_screen "after a take: escalated while nobody held it, said so" \
	"escalated automatically by the desk: 1[0-9] min left, nobody had taken the case"
tm_kill

# a reassign names the previous holder too (the newcomer's trial read
# "chutich gave the case to cuong", not whom it was taken from)
wd_as "$CH" assign "$R2" "$CH" </dev/null >/dev/null || not_ok "setup: the chair takes $R2 over"
TM_W=120 tm_wardesk "$AN"
tm_wait_for "live" >/dev/null
tm_send :
tm_type "open $R2"
tm_send Enter
check_screen "a reassign: from whom, to whom" "$CH gave the case from $AN to $CH"
tm_kill
