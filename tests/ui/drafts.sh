#!/bin/bash
# drafts.sh - nothing typed is lost (issue 12): a note cancelled with Esc is
# offered back; a console killed with SIGKILL mid-note offers the draft on
# the next start; a note typed during an outage waits as a draft and is sent
# after the reconnect on the officer's confirmation, with the version the
# officer saw (a case changed meanwhile is refused, the draft stays); drafts
# are 0600 files in a 0700 directory and nowhere else; a damaged draft is
# reported and skipped.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
[ -n "${WD_PGDIR:-}" ] || skip_all "WD_PGDIR not set (run through tests/run.sh)"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác ùn ứ" --address "Nơ Trang Long" --channel walkin)
R2=$(report_as "$HL" --category HT --text "Đèn hỏng" --address "Bạch Đằng" --channel walkin)
R3=$(report_as "$HL" --category MT --text "Nước thải" --address "Bình Quới" --channel walkin)
R4=$(report_as "$HL" --category CX --text "Cây đổ" --address "Ung Văn Khiêm" --channel walkin)
for r in "$R1" "$R2" "$R3" "$R4"; do wd_as "$AN" take "$r" >/dev/null; done
# one directory per database and ward (drafts_place.sh), in it one per login
PLACE=$(psql_as "$AN" -c "select wardesk.desk_identity()")
DD=$XDG_STATE_HOME/wardesk/drafts/$PLACE/$AN

cmd() { tm_send :; tm_wait_for "^:" 5 >/dev/null; tm_type "$1"; tm_send Enter; }

# ---- a damaged draft: reported once, skipped, no crash
mkdir -p "$DD" && chmod 700 "$DD"
printf 'not a draft\0\377garbage' >"$DD/$R4.reopen.draft"
tm_wardesk "$AN"
check_screen "a damaged draft is reported at start" "draft $R4.reopen is damaged: set aside"
check_screen "... and the console runs on, live" " live$"
[ -e "$DD/$R4.reopen.corrupt" ] && [ ! -e "$DD/$R4.reopen.draft" ] &&
	ok "... set aside as .corrupt, never read again" || not_ok "... set aside" "$(ls -la "$DD")"

# ---- Esc keeps the note; the next prompt offers it back
cmd "close $R1"
check_screen "close asks for a note" "Resolution note for $R1:"
tm_type "Đã thu gom, chờ xe rác"
check_screen "... typed" "Resolution note for $R1: Đã thu gom, chờ xe rác"
tm_send Escape
check_screen "Esc: nothing sent, the note is kept as a draft" "cancelled: nothing sent; the note is kept as a draft"
check_eq "... the case is untouched" in_progress "$(case_field "$R1" state)"
mode_f=$(stat -c %a "$DD/$R1.close.draft" 2>/dev/null)
mode_d=$(stat -c %a "$DD")
check_eq "the draft file is 0600" 600 "$mode_f"
check_eq "... in a 0700 directory" 700 "$mode_d"
others=$(cd "$WD_TMP" && find home state config cache -type f ! -path "state/wardesk/drafts/*" \
	! -path state/wardesk/history 2>/dev/null)
check_eq "... and nothing written anywhere else" "" "$others"
cmd "close $R1"
check_screen "the next close of $R1 offers the draft back" "Resolution note for $R1: Đã thu gom, chờ xe rác"
check_screen "... saying so" "draft from [0-9]{2}:[0-9]{2} restored"
tm_send Enter
check_screen "reason" "$R1 reason:"
tm_send d
check_screen "confirm" "Close $R1 as done"
tm_send y
check_screen "sent" "$R1: closed"
check_eq "... closed in the database" resolved "$(case_field "$R1" state)"
[ ! -e "$DD/$R1.close.draft" ] && ok "a sent note removes its draft" || not_ok "draft removed" "$(ls "$DD")"

# ---- SIGKILL mid-note
cmd "escalate $R2"
check_screen "escalate asks for a note" "Escalation note for $R2"
tm_type "Cần thay cột đèn"
check_screen "... half typed" "Escalation note for $R2 .*: Cần thay cột đèn"
kill -KILL "$(tm_pid)"
wait_until 10 tm_dead && ok "console killed with SIGKILL" || not_ok "killed"
tm_kill
tm_wardesk "$AN"
check_screen "restarted" " live$"
check_screen "the waiting draft is announced" "1 draft waiting: $R2 escalate"
cmd "escalate $R2"
check_screen "the escalation note killed mid-way is offered back" "Escalation note for $R2 .*: Cần thay cột đèn"
tm_send Escape
tm_kill

# ---- an outage: the note waits as a draft, sent on confirmation
tm_wardesk "$AN"
check_screen "live" " live$"
pg_stop >/dev/null 2>&1
check_screen "cluster stopped: offline" "offline since" 15
cmd "close $R3"
check_screen "offline, the close still takes a note" "Resolution note for $R3:"
tm_type "Đã nạo vét cống"
tm_send Enter
check_screen "reason" "$R3 reason:"
tm_send d
tm_wait_for "Close $R3 as done" 5 && tm_send y
check_screen "offline: kept as a draft" "offline: $R3 close kept as a draft"
cmd "escalate $R4"
check_screen "an escalation note offline" "Escalation note for $R4"
tm_type "Cây đổ chắn đường"
tm_send Enter
check_screen "... kept too" "offline: $R4 escalate kept as a draft"
pg_start >/dev/null 2>&1
check_screen "live again: the drafts waiting are listed" "3 drafts waiting: $R2 escalate, $R3 close, $R4 escalate" 25
check_eq "nothing sent without confirmation" in_progress "$(case_field "$R3" state)"
# R4 changes meanwhile: its draft must not go out blindly
wd_as "$CHU" assign "$R4" "$BINH" >/dev/null
rm -f "$DD/$R2.escalate.draft"
cmd "drafts"
check_screen ":drafts offers the oldest" "Send close $R3 \(draft from [0-9:]+, version [0-9]+\): \"Đã nạo vét cống\"\? \[y\]es"
tm_send y
check_screen "sent on confirmation" "$R3: closed"
check_eq "... closed in the database with the note" resolved "$(case_field "$R3" state)"
[ ! -e "$DD/$R3.close.draft" ] && ok "... its draft removed" || not_ok "draft removed"
cmd "drafts"
check_screen "the next one" "Send escalate $R4"
tm_send y
# the console says what changed and asks again (issue 11); no: nothing sent
check_screen "a case changed meanwhile: what changed, and the question again" "$R4 changed since you saw it: .*Escalate it now\\? \\[y/n\\]"
tm_send n
check_screen "... no: nothing sent, the draft is kept" "nothing sent.*draft"
check_eq "... not escalated" 0 "$(case_field "$R4" escalation)"
[ -e "$DD/$R4.escalate.draft" ] && ok "... the draft file is still there" || not_ok "draft kept"

# ---- one desk PC, one system account, several officers: an's notes are an's
# (found by a newcomer's trial: binh was offered an's drafts to send as binh)
tm_kill
tm_wardesk "$BINH"
check_screen "another officer on the same account: live" "$BINH .* live"
cmd "drafts"
check_screen "... is offered none of an's drafts" "no drafts waiting"
[ -e "$DD/$R4.escalate.draft" ] && ok "... and an's draft is still there, in an's directory" ||
	not_ok "an's draft kept"
