#!/bin/bash
# quit_ask.sh - quitting asks first when a form or a note is half written
# (issue 11, part 6): C-c with the phone-ticket form holding text asks
# "Quit? A form is half written (the draft is kept)"; n keeps working, y
# quits and the form is back on the next start; q on a case action's dialog
# after its note was typed (closing a late case: the delay reason) asks
# too, and y cancels the action, the note kept as a draft.  Nothing half
# written: q quits at once; C-c asks all the same.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"

tm_wardesk "$HL"
check_screen "live" " live$"
# C-c on the queue asks, even with nothing half written: it is pressed to
# cancel things (a newcomer's trial: C-c at a prompt, then C-c again, and
# the live console was gone)
tm_send C-c
check_screen "C-c on the queue asks first" "Quit wardesk\? The live queue closes \[y/n\]"
tm_type "n"
sleep 0.3
if tm_dead; then not_ok "... n: the console keeps running"; else ok "... n: the console keeps running"; fi
check_screen "... and live" " live$"
tm_send q
if wait_until 5 tm_dead; then ok "q on the queue with nothing half written quits at once"; else
	not_ok "q on the queue with nothing half written quits at once" "$(tm_capture)"; fi
tm_kill

tm_wardesk "$HL"
check_screen "live again" " live$"
tm_send n
check_screen "the form opens" "^ > Caller name"
tm_type "Lê Văn Bảy"
tm_send Tab Tab
check_screen "(on the line choice, no text being edited)" "^ > Hotline line"
tm_send C-c
check_screen "C-c asks first: the form is half written, its draft is kept" \
	"Quit\? A form is half written \(the draft is kept\) \[y/n\]"
tm_type "n"
check_screen "n: still in the form" "^ > Hotline line"
check_screen "... with the name typed" "Caller name +Lê Văn Bảy"
if tm_dead; then not_ok "... the console is still running"; else ok "... the console is still running"; fi
tm_send C-c
check_screen "C-c asks again" "Quit\? A form is half written"
tm_type "y"
if wait_until 5 tm_dead; then ok "y quits"; else not_ok "y quits" "$(tm_capture)"; fi
check_eq "... with status 0" 0 "$(tm_exit_status)"
tm_kill

tm_wardesk "$HL"
check_screen "restarted" " live$"
tm_send n
check_screen "the half-written form is back on the next start (the draft was kept)" \
	"the ticket being typed at [0-9:]+ is back"
check_screen "... the name" "Caller name +Lê Văn Bảy"
tm_kill

# q on a case action's dialog after its note was typed: the note is not sent
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: an"; exit 1; }
C=$(report_as "$HL" --category MT --text "Nước ngập" --address "7 Hàm Nghi")
wd_as "$AN" take "$C" </dev/null >/dev/null
sql "update wardesk.cases set received_at = now() - interval '3 hours',
     deadline_at = now() - interval '5 min' where ref = '$C'" >/dev/null
tm_wardesk "$AN"
check_screen "an's console is live" " live$"
tm_send ':'
tm_type "view mine"
tm_send Enter
check_screen "(the case held, overdue)" "^(NEW)? +$C "
tm_send c
check_screen "close asks for the resolution note" "Resolution note for $C:"
tm_type "Đã bơm hút nước xong"
tm_send Enter
check_screen "... then the reason" "$C reason: \[d\]one"
tm_send d
check_screen "an overdue case: the delay reasons" "$C is overdue. Why was it late\?"
tm_send q
check_screen "q on that dialog asks first: the note is not sent yet" \
	"Quit\? A note is half written \(the draft is kept\) \[y/n\]"
tm_type "n"
check_screen "n: the dialog stays" "$C is overdue. Why was it late\?"
tm_send q
check_screen "q asks again" "Quit\? A note is half written"
tm_type "y"
tm_wait_gone "Why was it late" 5
check_nomatch "y closes the dialog" "Why was it late" "$TM_SCREEN"
check_screen "... cancelling the close, and says the note is kept" \
	"cancelled: nothing sent; the note is kept as a draft"
check "... the note is kept as a draft" test -s "$XDG_STATE_HOME/wardesk/drafts/$(psql_as "$AN" -c "select wardesk.desk_identity()")/$AN/$C.close.draft"
check_eq "... nothing was sent: the case is still open" in_progress "$(case_field "$C" state)"
tm_kill
