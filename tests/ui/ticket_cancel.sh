#!/bin/bash
# ticket_cancel.sh - Esc on an empty phone-ticket form closes it and takes
# its hints with it: the status line kept "Phone ticket: Tab / Shift-Tab
# move, F2 saves, Esc discards" (or the field's hint) over the queue, where
# none of those keys mean that (a newcomer's trial).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24
export LANG=C.UTF-8

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
wd_as "$HL" shift start >/dev/null
R=$(report_as "$HL" --category MT --text "Rác thải" --address "12 Nguyễn Xí")
ok "setup: an operator on shift, one case"

status() { tm_capture >/dev/null; printf '%s\n' "$TM_SCREEN" | sed -n 24p; }

tm_wardesk "$HL"
check_screen "live" " live$"
tm_send n
check_screen "the form opens, its hint on the status line" "^Phone ticket: "
check_screen "... naming the key back Shift-Tab, as help does (not BTab)" "^Phone ticket: Tab / Shift-Tab move"
tm_send Escape
check_screen "Esc: the queue again" "^ +$R "
check_nomatch "... the form's hint is gone" "Phone ticket|discards|saves" "$(status)"
# a field's own hint (the category's) goes too
tm_send n
check_screen "the form again" "^ > Caller name"
tm_send Tab Tab Tab Tab
check_screen "(the category's hint)" "^Type the category code"
tm_send Escape
check_screen "Esc on the still empty form: the queue again" "^ +$R "
check_nomatch "... the category's hint is gone" "category code|Tab completes" "$(status)"
tm_kill
