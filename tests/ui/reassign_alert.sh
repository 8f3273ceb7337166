#!/bin/bash
# reassign_alert.sh - nobody is left out of a change to their work (issue 11,
# section 5): the chair's reassign (board r) asks y/n naming both holders; n
# changes nothing, y applies; the previous holder gets an alert 'reassigned'
# naming the new holder, on the console's status line and as a desktop
# notification (the recording server on a private D-Bus); reopening a case
# alerts whoever closed it ('reopened', naming who reopened it).
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CH=$(mk_officer ch "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
R=$(report_as "$HL" --category MT --text "Rác thải" --address "Nguyễn Xí") &&
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng") &&
wd_as "$AN" take "$R" >/dev/null &&
wd_as "$AN" take "$R2" >/dev/null &&
wd_as "$AN" close "$R2" --note "Đã thay bóng đèn" --reason done >/dev/null ||
	{ not_ok "setup: an holds one case and closed another"; exit 1; }
sql "update wardesk.alerts set delivered_at = now()" >/dev/null
ok "setup: an holds $R, closed $R2"

pick() {   # move the picker's cursor onto officer $1, then Enter
	for _ in 1 2 3 4 5 6; do
		tm_capture >/dev/null
		printf '%s\n' "$TM_SCREEN" | grep -q "^ > $1 " && break
		tm_send Down
		tm_wait_for "^ > " 2 >/dev/null
	done
	tm_send Enter
}

# -- the chair reassigns an's case to binh from the board
tm_wardesk "$CH"
check_screen "the chair's console is live" "$CH .* live"
tm_send B
check_screen "the board" "Board · "
for _ in 1 2 3 4 5 6; do
	tm_capture >/dev/null
	printf '%s\n' "$TM_SCREEN" | grep -q "^ > $AN " && break
	tm_send Down
	tm_wait_for "^ > " 2 >/dev/null
done
tm_send r
check_screen "r lists an's cases" "Cases of $AN \(1\)"
tm_send r
check_screen "r again opens the picker, naming the holder" "Assign $R to \(now held by $AN\):"
pick "$BINH"
check_screen "the chair is asked, naming both holders" \
	"Reassign $R from $AN to $BINH\? $AN will be told\. \[y/n\]"
tm_send n
check_screen "n cancels" "cancelled: nothing sent"
check_eq "... an still holds it" "$AN" "$(case_field "$R" owner)"
check_eq "... nobody was alerted" 0 "$(sql "select count(*) from wardesk.alerts where kind = 'reassigned'")"
tm_send r
check_screen "r again opens the picker, naming the holder" "Assign $R to \(now held by $AN\):"
pick "$BINH"
check_screen "asked again" "Reassign $R from $AN to $BINH\?"
tm_send y
check_screen "y applies" "$R: assigned to $BINH"
check_eq "... binh holds it" "$BINH" "$(case_field "$R" owner)"
check_eq "an gets one alert 'reassigned', naming binh" "$AN|$BINH" \
	"$(sql "select recipient || '|' || about from wardesk.alerts where kind = 'reassigned'")"
check_eq "binh gets 'assigned' as before" 1 \
	"$(sql "select count(*) from wardesk.alerts where kind = 'assigned' and recipient = '$BINH'")"
J=$(wd_as "$AN" alerts --mine --format json)
check_eq "wardesk alerts: an's 'reassigned' names binh, by the chair" "$BINH $CH" \
	"$(json_get "$J" '" ".join(a["about"] + " " + a["by"] for a in j if a["kind"] == "reassigned")')"

# the detail screen's assign of a case someone else holds asks the same
tm_send Escape Escape
tm_send :
tm_type "open $R"
tm_send Enter
check_screen "the detail of $R" "^ $R "
tm_send a
check_screen "a opens the picker, naming the holder" "Assign $R to \(now held by $BINH\):"
pick "$AN"
check_screen "detail: the chair is asked, naming both holders" \
	"Reassign $R from $BINH to $AN\\? $BINH will be told\\. \\[y/n\\]"
tm_send n
check_screen "... n cancels" "cancelled: nothing sent"
check_eq "... binh still holds it" "$BINH" "$(case_field "$R" owner)"
tm_kill

# -- an's console: the alert on the status line and on the desktop
REC=$WD_TMP/notify.jsonl
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }
tm_wardesk "$AN"
# (the start-up line may be wider than the screen: it wraps between words)
_startup() { tm_capture >/dev/null; printf '%s\n' "$TM_SCREEN" | tr -s ' \n' ' ' | grep -q "$R was reassigned to $BINH"; }
check "an's console: the start-up line says it, naming binh" wait_until 10 _startup
_deliv0() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$AN' and delivered_at is null")" = 0 ]; }
check "... marked delivered" wait_until 10 _deliv0
# live: binh's case given back to an, then away to binh again by the chair
# through the CLI: an's console says it and the desktop shows it
check_exit "the chair gives $R back to an" 0 wd_as "$CH" assign "$R" "$AN"
check_exit "... and to binh again" 0 wd_as "$CH" assign "$R" "$BINH"
check_screen "an's console shows the alert naming binh, live" "$R was reassigned to $BINH" 10
_re() { grep -q "\"$R was reassigned to $BINH\"" "$REC"; }
check "... and a desktop notification is recorded" wait_until 10 _re
_deliv() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$AN' and delivered_at is null")" = 0 ]; }
check "... marked delivered" wait_until 10 _deliv

# -- the chair reopens the case an closed: an is told, live
: >"$REC"
check_exit "the chair reopens $R2" 0 wd_as "$CH" reopen "$R2" --note "Người dân báo đèn lại hỏng"
check_screen "an's console: the case an closed was reopened by the chair" \
	"$R2, which you closed, was reopened by $CH" 10
_ro() { grep -q "\"$R2, which you closed, was reopened by $CH\"" "$REC"; }
check "... a desktop notification too" wait_until 10 _ro
check_eq "one alert 'reopened', to an, naming the chair" "$AN|$CH" \
	"$(sql "select recipient || '|' || about from wardesk.alerts where kind = 'reopened'")"
tm_send q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill

# the chair reassigning their own case, or reopening their own close, alerts nobody
R3=$(report_as "$HL" --category MT --text "Cây đổ" --address "Lê Lợi")
wd_as "$CH" take "$R3" >/dev/null && wd_as "$CH" close "$R3" --note "Đã dọn" --reason done >/dev/null &&
	wd_as "$CH" reopen "$R3" --note "kiểm tra lại" >/dev/null || not_ok "setup: the chair's own case"
check_eq "reopening your own close alerts nobody" 1 \
	"$(sql "select count(*) from wardesk.alerts where kind = 'reopened'")"

# a handover the holder wrote moves the cases where they said: no 'reassigned'
R4=$(report_as "$HL" --category MT --text "Nước thải tràn" --address "Bình Quới")
wd_as "$AN" take "$R4" >/dev/null || not_ok "setup: an takes $R4"
n0=$(sql "select count(*) from wardesk.alerts where kind = 'reassigned'")
check_exit "an hands over to binh" 0 wd_as "$AN" handover create --to "$BINH" --note "giao ca"
HO=$(sql "select max(id) from wardesk.handovers")
check_exit "binh acknowledges" 0 wd_as "$BINH" handover ack "$HO"
check_eq "... binh holds $R4" "$BINH" "$(case_field "$R4" owner)"
check_eq "... and an got no 'reassigned' alert for it" "$n0" \
	"$(sql "select count(*) from wardesk.alerts where kind = 'reassigned'")"
