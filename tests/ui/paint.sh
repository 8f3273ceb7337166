#!/bin/bash
# paint.sh - the queue painted live, notification after notification, is
# what a console painting it afresh shows.  The live console moves its lines
# with the rows (a case sorting in above them) and skips every cell already
# on the screen (draw.c compares the cells themselves): here cases come in
# above and between the rows, one changes owner, one leaves the view, one
# comes with an NFD address (normalised on draw, not the quick path) and one
# with control and bidi characters; then the screen is compared with a new
# console's first screen, line by line.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

mkdir -p "$XDG_CONFIG_HOME/wardesk"
# no NEW marks: the fresh console would not show the same ones
printf 'set notify no\nset new-mark-seconds 0\n' >"$XDG_CONFIG_HOME/wardesk/config"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
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

# above every row: the lines scroll down with them
R1=$(rep 40 "40 Điện Biên Phủ" "Ngập nước 40")
check_screen "a case sorting in above the rows is drawn on top" "$R1 .*40 Điện Biên Phủ"
R2=$(rep 50 "50 Lê Quang Định" "Cây đổ 50")
check_screen "... another one" "$R2 .*50 Lê Quang Định"
# between the rows
R3=$(rep 25 "25 Bạch Đằng" "Mất điện 25")
check_screen "a case sorting in between the rows" "$R3 .*25 Bạch Đằng"
# NFD text (as some phones send it), and characters a terminal would act on
R4=$(rep 45 "$(printf '45 Nguye\xcc\x82\xcc\x83n Hu\xcc\x9b\xcc\x83u Ca\xcc\x89nh')" "Đèn đường hỏng")
check_screen "an NFD address is drawn composed" "$R4 .*45 Nguyễn Hữu Cảnh"
R5=$(rep 35 "$(printf '35 Phan \033[31mĐăng\xe2\x80\xae Lưu')" "Ồn ào")
check_screen "control and bidi characters are shown, not acted on" "$R5 .*35 Phan \^\[\[31mĐăng<U\+20"
# a row changes, a row leaves this view (taken by someone else: the
# officer's Open view keeps it; closed: it goes), a row comes back
wd_as "$BINH" take "$R2" </dev/null >/dev/null
check_screen "a case taken elsewhere shows it" "$R2 .* in progress"
wd_as "$BINH" close "$R2" --note "đã xử lý" </dev/null >/dev/null
tm_wait_gone "$R2 " 5
check_nomatch "a closed case leaves the queue, the rows below move up" "$R2 " "$TM_SCREEN"
R6=$(rep 60 "60 Xô Viết Nghệ Tĩnh" "Kẹt xe 60")
check_screen "one more on top" "$R6 .*60 Xô Viết Nghệ Tĩnh"
tm_send Home
sleep 1
live=$(tm_capture | sed -n '2,22p')
tm_send q
wait_until 5 tm_dead || true
tm_kill

tm_wardesk "$AN"
check_screen "a new console opens" "$R6 .*60 Xô Viết Nghệ Tĩnh"
sleep 1
fresh=$(tm_capture | sed -n '2,22p')
check_eq "the live console's queue is the new console's, line by line" "$fresh" "$live"
tm_kill
