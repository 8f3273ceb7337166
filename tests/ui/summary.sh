#!/bin/bash
# summary.sh - what the problem is, in the row (issue 11, part 2): a summary
# column takes the spare width (and no column is padded with blanks at 200
# columns); at 80 columns the ward's own name is dropped from addresses and
# a position mark says more rows exist; the owner stays down to 60 columns;
# call-back wanted (☎) and the hotline line are marked in the row, the
# detail screen and `wardesk show`.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category ATGT --line police --callback \
	--text "Tai nạn giao thông, một người bị thương nằm trên đường, cần xe cấp cứu" \
	--address "12 Đinh Bộ Lĩnh, $WD_WARD_NAME")
for i in $(seq 1 24); do
	report_as "$HL" --category MT --text "Rác thải số $i" --address "$i Lê Lợi" --channel walkin \
		>/dev/null
done
ok "setup: 25 cases"

tm_wardesk "$AN"
check_screen "80 columns: the row says what happened, after the address, in one cell" \
	"^ +$R1 .* ATGT +12 Đinh Bộ Lĩnh · ☎"
check_nomatch "... the ward's own name is dropped from the address" "Bến Thành" "$TM_SCREEN"
check_screen "... the owner column is there" "ADDRESS · SUMMARY +OWNER +STATE"
check_screen "... a position mark says more rows exist" "^ 1 Incoming.* 1/25 ?\$"
tm_send Down Down
check_screen "... and follows the cursor" " 3/25 ?\$"

tm_resize 60 24
check_screen "60 columns: the owner is still shown" "^ +REF .*ADDRESS.* +OWNER"
tm_resize 200 24
check_screen "200 columns: the summary shows more of the description" \
	"12 Đinh Bộ Lĩnh +☎P Tai nạn giao thông, một người bị thương nằm trên đường"
row=$(printf '%s\n' "$TM_SCREEN" | grep "^ *$R1 ")
check_nomatch "... no column is padded with a long run of blanks" " {30,}[^ ]" "$row"

tm_resize 80 24
tm_send Home Enter
check_screen "the detail screen: the hotline line and the call-back" \
	"Received .* · phone · ward police line · ☎ call back wanted"
tm_kill

OUT=$(wd_as "$AN" show "$R1" </dev/null)
check_match "wardesk show: the hotline line" "^Hotline line: +ward police" "$OUT"
check_match "wardesk show: the call-back" "^Call back: +wanted" "$OUT"
OUT=$(wd_as "$AN" show "$R1" --format json </dev/null)
check_eq "show --format json: hotline_line" police "$(json_get "$OUT" "j['hotline_line']")"
check_eq "show --format json: callback" true "$(json_get "$OUT" "j['callback']")"
