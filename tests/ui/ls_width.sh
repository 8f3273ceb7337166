#!/bin/bash
# ls_width.sh - `wardesk ls` on an 80-column terminal leaves the description
# room in both languages (a newcomer's trial: under vi_VN it had about 7
# columns, the longer Vietnamese headings and words taking the rest): the
# address and the description share what the other columns leave, the
# description two thirds, and the priority is a "!" before the reference
# as in the queue.  No line is wider than the terminal.  Piped, ls keeps
# every column and whole lines (newcomer.sh, priority.sh).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || skip_all "vi_VN.UTF-8 is not generated"
TM_W=80 TM_H=30

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
R=$(report_as "$HL" --category MT --address "123/45 Đường Nguyễn Hữu Cảnh nối dài, khu phố 3" \
	--text "Rác thải sinh hoạt ùn ứ nhiều ngày trước cổng chợ, bốc mùi hôi thối")
U=$(report_as "$HL" --category HT --urgent --address "5 Bạch Đằng" --text "Đèn đường hỏng cả dãy phố")
W=$(report_as "$HL" --category TTDT --channel walkin --address "8 Phan Đăng Lưu" --text "Lấn chiếm vỉa hè bán hàng")
wd_as "$AN" take "$U" >/dev/null || { not_ok "setup: cases"; exit 1; }
ok "setup: three open cases, one urgent and held"

for lang in vi en; do
	if [ $lang = vi ]; then export LANG=vi_VN.UTF-8; else export LANG=C.UTF-8; fi
	tm_start env PGUSER="$AN" bash -c "\"$WD_BIN\" ls; sleep 30"
	tm_wait_for "^!?$W " >/dev/null
	tm_capture >/dev/null
	check_match "$lang: the long case's row" "^$R " "$TM_SCREEN"
	check_eq "$lang: no line wraps (each row is one line)" "" \
		"$(printf '%s\n' "$TM_SCREEN" | grep -v -E '^(!?[A-Z]+-[0-9]+ |MÃ |REF |$)')"
	row=$(printf '%s\n' "$TM_SCREEN" | grep "^$R ")
	# (15 or more: the owner column is as wide as this run's login of an,
	# whose prefix varies; the description had 7 columns under vi)
	check_match "$lang: ... its description has room (15 columns or more)" \
		"  Rác thải sinh h[^ ]*" "$row"
	check_match "$lang: ... the address too, cut whole" "  123/45 [^ ]*…  " "$row"
	check_match "$lang: the urgent case: a ! before its reference" "^!$U " "$TM_SCREEN"
	tm_kill
done
