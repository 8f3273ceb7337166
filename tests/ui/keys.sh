#!/bin/bash
# keys.sh - Vietnamese letters whose code points equal curses key codes
# (ă = KEY_UP's number, đ, ơ, ư ...) never run a function key's action.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác ùn ứ" --address "Nơ Trang Long")
R2=$(report_as "$HL" --category HT --text "Ổ gà giữa đường" --address "Bạch Đằng")

tm_wardesk "$AN"
check_screen "both cases listed" "^ +$R2 "
tm_send Down
tm_type "ă"
check_screen "ă is not a key here" "ă: no action here"
tm_type "đ"
check_screen "đ is not a key here" "đ: no action here"
tm_send Enter
check_screen "the cursor stayed on the second case" "$R2"
check_screen "... the detail shows its description" "Ổ gà giữa đường"
tm_kill
