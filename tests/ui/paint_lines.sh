#!/bin/bash
# paint_lines.sh - a line of the queue, the tabs, the headings or the footer
# is not drawn again when the line holds what it held after its last drawing
# with the same texts and attributes (draw.c draw_line_same): here other
# screens and prompts draw over those lines (the case's detail, the help,
# the filter's prompt), the terminal is resized, the theme is changed, and
# cases come in meanwhile; then every line, its colours and attributes too,
# is compared with a new console's first screen.  A memo that trusted its record without the
# window's cells would leave the detail's or the help's lines behind.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

mkdir -p "$XDG_CONFIG_HOME/wardesk"
# no NEW marks: the fresh console would not show the same ones
printf 'set notify no\nset new-mark-seconds 0\n' >"$XDG_CONFIG_HOME/wardesk/config"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

ago() { date -d "-$1 minutes" --iso-8601=seconds; }
rep() {   # rep MINUTES_AGO ADDRESS TEXT
	report_as "$HL" --category MT --channel hotline --received "$(ago "$1")" --address "$2" --text "$3"
}
for m in 30 28 26 24 22 20; do
	rep "$m" "$m Nguyễn Xí, Phường Bình Thạnh" "Rác thải $m phút" >/dev/null
done
tm_wardesk "$AN"
check_screen "the console opens live" "live"
check_screen "the queue lists the cases there" "30 Nguyễn Xí"

# the detail over the queue, a case meanwhile, back to the queue
tm_send Enter
check_screen "the detail opens over the queue" "Rác thải 30 phút"
R1=$(rep 40 "40 Điện Biên Phủ" "Ngập nước 40")
sleep 1
tm_send Escape
check_screen "back on the queue, the case that came meanwhile is there" "$R1 .*40 Điện Biên Phủ"
check_nomatch "... and nothing of the detail is left" "Rác thải 30 phút" "$TM_SCREEN"

# the help over everything, a case meanwhile
tm_send '?'
sleep 1
R2=$(rep 50 "50 Lê Quang Định" "Cây đổ 50")
sleep 1
tm_send Escape
check_screen "back from the help, the new case is there" "$R2 .*50 Lê Quang Định"

# the filter's prompt takes the footer's and the status line, then goes
tm_send /
tm_type "Xí"
sleep 1
tm_send Escape
sleep 1
tm_send Escape
R3=$(rep 25 "25 Bạch Đằng" "Mất điện 25")
check_screen "after the filter, a case between the rows" "$R3 .*25 Bạch Đằng"

# wider, a case, and back
tm_resize 100 30
sleep 1
R4=$(rep 45 "45 Nguyễn Hữu Cảnh" "Đèn đường hỏng")
check_screen "wider, a new case" "$R4 .*45 Nguyễn Hữu Cảnh"
tm_resize 80 24
sleep 1
R5=$(rep 60 "60 Xô Viết Nghệ Tĩnh" "Kẹt xe 60")
check_screen "back to 80 columns, one more on top" "$R5 .*60 Xô Viết Nghệ Tĩnh"
# another theme while the console runs (`:set theme`): every line's colours
# change, the texts do not
tm_send :
tm_type "set theme light"
tm_send Enter
sleep 1
R6=$(rep 70 "70 Hoàng Văn Thụ" "Hố ga 70")
check_screen "in the light theme, one more on top" "$R6 .*70 Hoàng Văn Thụ"
tm_send Home
sleep 1
# (spaces at the end of a line whose only attribute is a foreground colour
# look the same whichever it is: a fresh console's tabs line ends in one
# drawn dim, the live one's in a blank cleared by the terminal)
visible() { sed -n '2,23p' | sed 's/\(  *\x1b\[39m\)*$//'; }
live=$(tm_capture | sed -n '2,23p')
live_e=$(tm_capture_e | visible)
tm_send q
wait_until 5 tm_dead || true
tm_kill

printf 'set notify no\nset new-mark-seconds 0\nset theme light\n' >"$XDG_CONFIG_HOME/wardesk/config"
tm_wardesk "$AN"
check_screen "a new console opens" "$R6 .*70 Hoàng Văn Thụ"
sleep 1
fresh=$(tm_capture | sed -n '2,23p')
fresh_e=$(tm_capture_e | visible)
check_eq "the live console's lines are the new console's, text" "$fresh" "$live"
check_eq "... and colours and attributes" "$fresh_e" "$live_e"
tm_kill
