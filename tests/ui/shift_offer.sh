#!/bin/bash
# shift_offer.sh - a console opened by an officer with no open shift offers
# to start one, once (issue 11, part 6): y starts it through the shift path
# (the board's "on duty" then counts them); any other key goes on as usual
# and the offer is gone; on shift already, or a chair: no offer.  The offer
# is not a y/n question (n is a new ticket: the newcomer's trial answered
# "n" and found a ticket form), it names only y.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác thải" --address "Nguyễn Xí")
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng")
ok "setup"
open_shifts() { sql "select count(*) from wardesk.shifts where officer = '$1' and ended_at is null"; }
OFFER="You are not on shift: y starts your shift now"

tm_wardesk "$AN"
check_screen "an officer off shift is offered to start one" "$OFFER"
check_screen "... first on the start-up line" "^$OFFER — nothing waits for you"
tm_type "y"
check_screen "y starts the shift" "shift #[0-9]+ started at [0-9:]+: you are on duty"
check_eq "... an open shift in the database" 1 "$(open_shifts "$AN")"
check_screen "... the header says so" "on shift"
tm_kill

tm_wardesk "$AN"
check_screen "on shift: the console opens" " live$"
sleep 1
tm_capture >/dev/null
check_nomatch "... without the offer" "not on shift" "$TM_SCREEN"
tm_kill

tm_wardesk "$BINH"
check_screen "binh, off shift, is offered too" "$OFFER"
tm_type "j"
check_screen "another key does its own job" " live$"
tm_wait_gone "not on shift" 5
check_nomatch "... and the offer is gone" "not on shift" "$TM_SCREEN"
tm_type "y"
check_screen "y later is just a key" "y: no action here"
check_eq "... no shift was started" 0 "$(open_shifts "$BINH")"
tm_kill

tm_wardesk "$HL"
check_screen "a hotline officer off shift is offered too" "$OFFER"
check_nomatch "... not as a y/n question (n opens a ticket)" "y/n" "$TM_SCREEN"
tm_send n
check_screen "n still opens a phone ticket (and the offer is gone)" "^ > Caller name"
check_eq "... no shift" 0 "$(open_shifts "$HL")"
tm_send Escape
tm_kill

tm_wardesk "$CHU"
check_screen "the chair's console opens" " live$"
sleep 1
tm_capture >/dev/null
check_nomatch "... no offer for a chair" "not on shift" "$TM_SCREEN"
tm_send B
check_screen "the board counts the officer who said y as on duty" "Board · 1 on duty"
tm_kill
