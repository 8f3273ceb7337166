#!/bin/bash
# i18n.sh - with a Vietnamese locale the console and the command line speak
# Vietnamese (po/vi.po, compiled by make into build/locale); with C.UTF-8 they
# speak English.  Checks the header's role word and shift, the view tabs, a
# column heading, a status message after t, a refusal explained to a hotline
# operator, the help screen, the board's headings, and the CLI's --help and a
# usage error.  Action names (take, ...: what one types after `:`) stay as
# they are in the help screen; the footer's words are translated.
#
# Needs the vi_VN.UTF-8 locale (tools/deps.sh generates it).  Without it,
# LANG=C.UTF-8 LANGUAGE=vi is tried (glibc honours LANGUAGE when the locale is
# not C/POSIX; C.UTF-8 counts as such in some versions): the script skips when
# neither gives Vietnamese.
#
# Refusals raised by the database (e.g. "a hotline operator cannot take
# cases") are translated through their SQLSTATE (src/refusals.c); they have
# their own test, tests/cli/refusals_vi.sh.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
[ -e "$WD_ROOT/build/locale/vi/LC_MESSAGES/wardesk.mo" ] ||
	skip_all "build/locale/vi/LC_MESSAGES/wardesk.mo is missing (run make)"

# ---- which environment gives Vietnamese here
vi_env=()
if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	vi_env=(LANG=vi_VN.UTF-8)
else
	diag "locale vi_VN.UTF-8 not installed; trying LANG=C.UTF-8 LANGUAGE=vi"
	vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
fi
run env "${vi_env[@]}" "$WD_BIN" --help
printf '%s\n' "$OUT" | head -n 1 | grep -q '^Cách dùng: wardesk ' ||
	skip_all "no Vietnamese with ${vi_env[*]} (vi_VN.UTF-8 locale missing?)"

# vi / en ARGS...: run wardesk (OUT/ERR/RC) in Vietnamese / English.
vi() { run env "${vi_env[@]}" "$WD_BIN" "$@"; }
en() { run env LANG=C.UTF-8 "$WD_BIN" "$@"; }

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí" --channel hotline)
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "5 Bạch Đằng")
check_match "setup: two cases" "^[A-Z]+-[0-9]+$" "$R2"

# ---- command line
vi --help
check_eq "vi: --help's first line" "Cách dùng: wardesk [TUỲ_CHỌN] [LỆNH [THAM_SỐ]]" \
	"$(printf '%s\n' "$OUT" | head -n 1)"
check_match "vi: --help lists the commands with Vietnamese descriptions" \
	"^  take REF .*Nhận vụ việc: bạn trở thành người xử lý" "$OUT"
check_match "vi: --help keeps option names" "^  -h, --help +trợ giúp này$" "$OUT"
en --help
check_eq "en: --help's first line" "Usage: wardesk [OPTIONS] [COMMAND [ARGS]]" \
	"$(printf '%s\n' "$OUT" | head -n 1)"

PGUSER=$AN vi take
check_eq "vi: take without a reference is bad usage (exit 2)" 2 "$RC"
check_match "vi: ... said in Vietnamese" "^wardesk: cần đúng một mã vụ việc$" "$ERR"
check_match "vi: ... with the usage line" "^Cách dùng: wardesk take REF" "$ERR"
PGUSER=$AN en take
check_match "en: the same error in English" "^wardesk: need one case reference$" "$ERR"
PGUSER=$AN vi frobnicate
check_match "vi: an unknown command" '^wardesk: không có lệnh "frobnicate" \(xem wardesk --help\)$' "$ERR"
PGUSER=$AN vi show "$R"
check_eq "vi: show works" 0 "$RC"
check_match "vi: show's labels" "^Địa chỉ: +12 Nguyễn Xí" "$OUT"
PGUSER=$AN vi ls
check_match "vi: ls headings" "^MÃ +ƯU TIÊN +CÒN +TRẠNG THÁI +KÊNH +LOẠI +CÁN BỘ +ĐỊA CHỈ +NỘI DUNG$" "$OUT"
check_match "vi: ls lists $R with its state in Vietnamese" "^$R .* mới " "$OUT"
check_nomatch "vi: ls states in Vietnamese (no 'new', 'in_progress')" " (new|in_progress|reopened) " "$OUT"
check_eq "vi: state names stay identifiers in the CLI" "new" "$(case_field "$R" state)"

# ---- console, officer, Vietnamese
export "${vi_env[@]}"
tm_wardesk "$AN"
check_screen "vi: the header shows the role word and the shift" \
	"$AN Nguyễn Văn An \(cán bộ\) │ ngoài ca .* trực tuyến"
check_screen "vi: the view tabs" "^ 1 Mới [0-9]+  2 Của tôi [0-9]+  3 Đang mở "
check_screen "vi: the queue's headings" "^ +MÃ +CÒN KÊNH +LOẠI ĐỊA CHỈ · NỘI DUNG +CÁN BỘ +TRẠNG THÁI +!"
check_screen "vi: state labels in the rows" "^ +$R .* mới"
FOOT=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_match "vi: the footer names the actions in Vietnamese (footer_vi.sh checks every screen)" \
	"(^| )t nhận( |$)" "$FOOT"
tm_send t
check_screen "vi: a status message after t" "$R: đã nhận, bạn đang giữ vụ việc"
check_eq "vi: ... the case is taken" in_progress "$(case_field "$R" state)"
check_screen "vi: the row says in progress" "^ +$R .* đang xử lý"
tm_send Enter
check_screen "vi: the detail screen's labels" "^ Người xử lý $AN \(Nguyễn Văn An\)"
check_screen "vi: ... and the deadline" "^ Hạn xử lý +[0-9/]+ [0-9:]+ \(còn "
tm_send Escape '?'
check_screen "vi: the help screen's title, the keymap named in Vietnamese" "^Phím: chung$"
check_screen "vi: help describes actions in Vietnamese" "^  t +take +Nhận vụ việc \(bạn thành người xử lý\)"
check_screen "vi: help marks what the role cannot do" "^  a +assign +\(không có quyền\) Giao vụ việc"
tm_send q
check_screen "vi: back in the queue" "^ +MÃ +CÒN"
tm_send B
check_screen "vi: the board's headings" "^   CÁN BỘ +TÊN +CA TỪ +GIỮ +SẮP +TRỄ +CC +KHỐI LƯỢNG$"
check_screen "vi: ... a row for the officer" "^ [> ] +$AN +Nguyễn Văn An +- +1 +[0-9]+ +[0-9]+ +[0-9]+ "
tm_capture >/dev/null
hdr=$(printf '%s\n' "$TM_SCREEN" | grep -m1 '^   CÁN BỘ')
row=$(printf '%s\n' "$TM_SCREEN" | grep -m1 -E "^ [> ] +$AN ")
# the headings end where the numbers end, counted in columns (not bytes):
# the row is "%5s %4d %4d %4d %3d" from column 37 (screen_board.c)
check_eq "vi: the board's headings line up with the numbers" "ok" "$("$WD_PY" -c '
import sys, unicodedata
h, r = (unicodedata.normalize("NFC", a) for a in sys.argv[1:3])
want = {"CA TỪ": 42, "GIỮ": 47, "SẮP": 52, "TRỄ": 57, "CC": 61}
bad = [f"{w} ends at {h.index(w) + len(w)}, not {e}" for w, e in want.items()
       if h.find(w) < 0 or h.index(w) + len(w) != e]
bad += [f"row column {e}: {r[e - 1:e + 1]!r}" for e in list(want.values())[1:]
        if not (r[e - 1].isdigit() and r[e] == " ")]
print("; ".join(bad) or "ok")' "$hdr" "$row")"
tm_kill

# ---- console, hotline, Vietnamese: a refusal said in plain words
tm_wardesk "$HL"
check_screen "vi: hotline console is live" "$HL .*\(đường dây nóng\) .* trực tuyến"
tm_send t
check_screen "vi: t is refused in Vietnamese" "^nhận: chỉ cán bộ trực và lãnh đạo phường"
check_match "vi: ... (the message takes two lines)" \
	"^nhận: chỉ cán bộ trực và lãnh đạo phường được nhận vụ việc \(bạn là đường dây nóng\) *$" \
	"$(tm_capture | sed -n '23,24p' | sed 's/ *$//' | tr '\n' ' ')"
check_eq "vi: ... nothing changed" "" "$(case_field "$R2" owner)"
tm_send n
check_screen "vi: the phone ticket form" "^ Phiếu điện thoại mới · gọi lúc [0-9:]+"
check_screen "vi: ... its labels" "^ > Người gọi"
check_screen "vi: ... its hint" "^Phiếu điện thoại: Tab / Shift-Tab chuyển ô, F2 để lưu, Esc để bỏ"
tm_kill

# ---- console, English
export LANG=C.UTF-8
unset LANGUAGE
tm_wardesk "$AN"
check_screen "en: the header in English" "$AN Nguyễn Văn An \(officer\) │ off shift .* live"
check_screen "en: the view tabs" "^ 1 Incoming [0-9]+  2 Mine [0-9]+  3 Open "
check_screen "en: the queue's headings" "^ +REF +LEFT CHAN +CAT +ADDRESS · SUMMARY +OWNER +STATE +!"
tm_send '?'
check_screen "en: the help screen's title" "^Keys: generic$"
tm_kill
