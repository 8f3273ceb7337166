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

# a closure made in the app: one sentence with the app's note, not the feed
# account's technical take as a step of its own (the newcomer's trial read
# "appfeed take — closed in the app")
sql "update wardesk.test_clock set clock_offset = '0'" >/dev/null
APP=$(mk_officer app "Ứng dụng phản ánh" hotline) && sql "grant wardesk_feed to $APP" >/dev/null ||
	not_ok "setup: the feed login"
req() {   # req STATUS: request H-1 of the app
	printf '[{"service_request_id": "H-1", "service_code": "MT", "status": "%s", "status_notes": "Người dân báo đã tự dọn.", "description": "Rác ở hẻm", "requested_datetime": "%s"}]\n' \
		"$1" "$(date -d '-20 min' +%Y-%m-%dT%H:%M:%S%:z)" >"$WD_TMP/h1.json"
}
req open && wd_as "$HL" import "$WD_TMP/h1.json" </dev/null >/dev/null &&
	req closed && wd_as "$APP" import "$WD_TMP/h1.json" </dev/null >/dev/null || not_ok "setup: H-1 imported, closed in the app"
R3=$(sql "select ref from wardesk.cases where external_id = 'H-1'")
check_eq "setup: the feed's take and close are both in the audit trail" "take close" \
	"$(sql "select string_agg(e.action, ' ' order by e.id) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	        where c.ref = '$R3' and e.actor = '$APP'")"
TM_W=120 tm_wardesk "$AN"
tm_wait_for "live" >/dev/null
tm_send :
tm_type "open $R3"
tm_send Enter
check_screen "the app's closure in one sentence, with its note" \
	"^ [0-9/]+ [0-9:]+ +closed in the app by $APP: Người dân báo đã tự dọn\."
check_nomatch "... no take of the feed's" "$APP took the case" "$TM_SCREEN"
check_screen "... nor counted: the report and the closure" "History \(2\)"
check_eq "... the note not repeated under it" 1 \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n '/History (/,$p' | grep -c "Người dân báo đã tự dọn")"
tm_kill
