#!/bin/bash
# quit_ask.sh - quitting asks first when a form is half written (issue 11,
# part 6): C-c with the phone-ticket form holding text asks "Quit? A form is
# half written (the draft is kept)"; n keeps working, y quits and the form
# is back on the next start.  Nothing half written: q and C-c quit at once.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"

tm_wardesk "$HL"
check_screen "live" " live$"
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
