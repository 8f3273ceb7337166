#!/bin/bash
# actions.sh - assign through the picker, escalate with a note, close with a
# note typed through readline (editing keys, Vietnamese), a reason and a
# confirmation; reopen; "n" at a confirmation sends nothing.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng" --channel walkin)

# ---- the chair assigns through the picker and escalates
tm_wardesk "$CHU"
check_screen "chair's console is live" "$CHU .*\(chair\) .* live"
check_screen "the case is listed" "^ +$R "
tm_send a
check_screen "the picker opens" "Assign $R to:"
check_screen "... listing officers with the cases they hold" "$BINH +Lê Thị Bình +officer +(off|on duty) +0"
for _ in 1 2 3 4 5; do
	tm_capture >/dev/null
	printf '%s\n' "$TM_SCREEN" | grep -q "^ > $BINH " && break
	tm_send Down
	sleep 0.1
done
tm_send Enter
check_screen "assigned through the picker" "$R: assigned to $BINH"
check_eq "the database has the new owner" "$BINH" "$(case_field "$R" owner)"

tm_send e
check_screen "escalate asks for a note" "Escalation note for $R"
tm_type "Cần đội trật tự hỗ trợ"
tm_send Enter
check_screen "escalated" "$R: escalated to the ward chair"
check_screen "... the row has the escalation mark" "^ +$R .* in progress +!"
check_eq "escalation level 1 in the database" 1 "$(case_field "$R" escalation)"
tm_send e
check_screen "e on an escalated case says why not" \
	"$R is with the ward chair already \(level 1\): it cannot go higher"
tm_send a
check_screen "assigning a held case: the picker names the holder" "Assign $R to \(now held by $BINH\):"
check_screen "... and lists the others" "^ [ >] $CHU +Phạm Văn Chủ"
check_nomatch "... but not the holder" "^ [ >] $BINH " "$TM_SCREEN"
tm_send Escape
tm_wait_gone "now held by" 5
tm_send :
tm_wait_for "^:" 5 >/dev/null
tm_type "assign $R"
tm_send Enter
check_screen ":assign REF: the same picker, without the holder" "Assign $R to \(now held by $BINH\):"
check_nomatch "... not offering the holder" "^ [ >] $BINH " "$TM_SCREEN"
tm_send Escape
tm_kill

# ---- the owner closes with a note through readline
tm_wardesk "$BINH"
check_screen "owner's console lists the case" "^ +$R .* in progress"
tm_send c
check_screen "close asks for a resolution note" "Resolution note for $R:"
tm_type "Đã thay bóng đèn mới"
tm_send C-a
tm_type "Đội điện: "
tm_send End BSpace BSpace BSpace
tm_type "mới"
tm_send Enter
check_screen "then for a reason" "$R reason: \[d\]one"
tm_send d
check_screen "then for a confirmation" "Close $R as done\?"
tm_send n
check_screen "n sends nothing" "cancelled: nothing sent"
check_eq "... the case is still in progress" in_progress "$(case_field "$R" state)"
tm_send c
tm_wait_for "Resolution note" >/dev/null
tm_send Up
check_screen "the note is in the readline history (Up)" "Resolution note for $R: Đội điện: Đã thay bóng đèn mới"
tm_send Enter d y
check_screen "closed" "$R: closed \(done\)"
check_eq "resolved in the database" resolved "$(case_field "$R" state)"
check_eq "the note typed and edited through readline" "Đội điện: Đã thay bóng đèn mới" \
	"$(case_field "$R" resolution_note)"
check_eq "reason done" done "$(case_field "$R" close_reason)"
# kept with the drafts: drafts/DB.WARD/LOGIN/history (prompt.c)
hist() { find "$XDG_STATE_HOME/wardesk/drafts" -path "*/$BINH/history" -size +0 2>/dev/null | grep -q .; }
tm_send q
wait_until 5 tm_dead
if hist; then ok "history saved with the drafts under XDG_STATE_HOME"; else not_ok "history saved"; fi
tm_kill

# ---- the chair reopens it
tm_wardesk "$CHU"
check_screen "chair's console" "live"
tm_send 6
check_screen "resolved today lists it" "^ +$R .* resolved"
tm_send o
check_screen "reopen asks why" "Why reopen $R\?"
tm_type "Người dân báo đèn vẫn tắt"
tm_send Enter
check_screen "reopen asks for confirmation" "Reopen $R\? \[y/n\]"
tm_send y
check_screen "reopened" "$R: reopened"
check_eq "reopened in the database" reopened "$(case_field "$R" state)"
tm_send 3
check_screen "back in the open view" "^ +$R .* reopened"

# ---- a : command with completion
tm_send :
tm_type "ta"
tm_send Tab
tm_type "${R%%-*}-"
tm_send Tab
check_screen "tab completes the command and the reference" "^:take $R"
tm_send C-u Escape
tm_kill
