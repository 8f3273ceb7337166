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
