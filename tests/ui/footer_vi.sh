#!/bin/bash
# footer_vi.sh - under vi_VN.UTF-8 at 80x24 every screen's footer is
# Vietnamese: the footer words (hints.c) and the key names (key_label in
# bindings.c) come from the catalog, whole hints only (none cut mid-word),
# the help key kept when later hints are dropped.  A hotline operator's
# queue footer offers n (new ticket); an officer's does not show what the
# role cannot do.  Screens: queue, detail, ticket form, board, stats,
# handover (and one handover read whole, with its status line), help, map,
# the officer picker, call-backs: every keymap.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
[ -e "$WD_ROOT/build/locale/vi/LC_MESSAGES/wardesk.mo" ] ||
	skip_all "build/locale/vi/LC_MESSAGES/wardesk.mo is missing (run make)"
if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	export LANG=vi_VN.UTF-8
else
	export LANG=C.UTF-8 LANGUAGE=vi
fi
TM_W=80 TM_H=24

# The English words of the footers (hints.c) that must not show.
ENGLISH='(^| )(help|quit|back|command|redraw|up|down|page up|page down|first|last|open|take|assign|escalate|close|reopen|ack|filter|next view|pick|ticket|next field|prev field|next/save|save|restore|link|next choice|prev choice|board|handover|stats|start shift|end shift|include|write|accept|read|decline|cancel|reassign|reassign all|today|7 days|30 days|half up|half down|merge|merge cluster|photo|priority|next match|prev match|urgent|callbacks|reached|no answer|wrong number|map|Space|Up|Down|Left|Right|BTab)( |$)'

# footer NAME: the footer line (23 of 24) is Vietnamese and no hint is cut:
# every word of it is a footer word or a key label of the catalog.
footer() {
	local name=$1 foot
	tm_capture >/dev/null
	foot=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
	check_nomatch "$name: no English word in the footer" "$ENGLISH" "$foot"
	check_match "$name: ... it has hints" "[^ ]" "$foot"
	# a cut hint would end in part of a word: the line ends with a whole
	# footer word (the last word is one of the catalog's footer words)
	check_eq "$name: ... the last hint is whole" "ok" "$("$WD_PY" - "$WD_ROOT/po/vi.po" "$foot" <<'PY'
import re, sys, unicodedata
po, foot = sys.argv[1], unicodedata.normalize("NFC", sys.argv[2].rstrip())
words = set(re.findall(r'^msgstr "(.+)"$', open(po, encoding="utf-8").read(), re.M))
print("ok" if any(foot.endswith(" " + w) for w in words) else "cut: " + foot[-20:])
PY
)"
}

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Võ Thị Chủ" chair) &&
BI=$(mk_officer bi "Lê Văn Bình" officer) || { not_ok "setup: officers"; exit 1; }
R=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí" --channel hotline)
check_match "setup: a case" "^[A-Z]+-[0-9]+$" "$R"
# a handover from bi waits for an
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "5 Bạch Đằng" --channel hotline)
wd_as "$BI" shift start >/dev/null && wd_as "$BI" take "$R2" >/dev/null &&
	wd_as "$BI" handover create --to "$AN" --note "Đèn chờ thay" >/dev/null
check_eq "setup: a handover waits for $AN" 1 \
	"$(sql "select count(*) from wardesk.handovers where to_officer = '$AN' and state = 'pending'")"

# ---- hotline: the queue offers a new ticket, and the ticket form
tm_wardesk "$HL"
check_screen "hotline console is live" "$HL .* trực tuyến"
footer "hotline queue"
check_match "hotline queue: n for a new ticket" "(^| )n phiếu mới " "$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)"
check_nomatch "hotline queue: no take (not for this role)" "(^| )t nhận " "$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)"
tm_send t
check_screen "hotline: t refused in Vietnamese" "^nhận: chỉ cán bộ trực và lãnh đạo phường"
check_match "... whole over the last two lines, action and role in Vietnamese too" \
	"^nhận: chỉ cán bộ trực và lãnh đạo phường được nhận vụ việc \(bạn là đường dây nóng\) *$" \
	"$(tm_capture | sed -n '23,24p' | sed 's/ *$//' | tr '\n' ' ')"
tm_send n
check_screen "the ticket form" "^ Phiếu điện thoại mới"
footer "ticket form"
check_match "ticket form: control keys named the Vietnamese way" "Ctrl-r lấy lại" \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)"
tm_send Tab Tab Tab Tab
check_screen "(the category field)" "Lĩnh vực"
tm_type "rac"
check_screen "the category search: the Vietnamese name only" "MT +Môi trường · [0-9]+ phút"
check_nomatch "... not the English one beside it" "Environment" "$TM_SCREEN"
tm_kill

# ---- officer: queue, detail, help, handover
wd_as "$CH" take "$R" >/dev/null 2>&1
tm_wardesk "$AN"
check_screen "officer console is live" "$AN .* trực tuyến"
tm_send :
tm_type "take $R"
tm_send Enter
check_screen "a refusal raised by the database, in Vietnamese on the console" \
	"^$R đã do $CH \(Võ Thị Chủ\) giữ$"
check_eq "... nothing changed" "$CH" "$(case_field "$R" owner)"
footer "officer queue"
check_match "officer queue: the help key stays when hints are dropped" "(^| )\? trợ giúp( |$)" \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)"
check_match "officer queue: ... while later ones are dropped (q quit does not fit)" "^Enter mở" \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n 23p | grep -v '(^| )q thoát')"
tm_send Enter
check_screen "the detail screen" "^ Người xử lý|^ Địa chỉ"
footer "detail"
tm_send Escape '?'
check_screen "the help screen, its keymaps named in Vietnamese" "^Phím: chung$"
footer "help"
check_nomatch "help: no English key names" "(^| )(Space|Up|Down|BTab|C-[a-z])(,| |$)" "$TM_SCREEN"
check_screen "help: key names from the catalog" "^  ↓(, j)? +move-down"
seen=""
for _ in 1 2 3 4 5 6 7 8; do
	tm_send NPage
	sleep 0.3
	seen+=$(tm_capture)$'\n'
done
check_match "help: ... further down too" "^  Dấu cách +handover-toggle" "$seen"
tm_send q
tm_send H
check_screen "the handover screen" "^ Giao ca · bạn"
footer "handover"
tm_send A
check_screen "A first shows the handover whole" "^ Biên bản giao ca #[0-9]+ của"
footer "handover, one read whole"
status=$(printf '%s\n' "$TM_SCREEN" | sed -n 24p)
check_match "... the status line names the keys as the footer does" "\(↓ để cuộn\): A xác nhận, D từ chối" "$status"
check_nomatch "... no English key name in it" "(^| |\()(Down|Up|Space|Enter)( |\)|$)" "$status"
tm_kill

# ---- chair: board and statistics
tm_wardesk "$CH"
check_screen "chair console is live" "$CH .* trực tuyến"
tm_send B
check_screen "the board" "^   CÁN BỘ"
footer "board"
tm_send S
check_screen "the statistics" "[Tt]hống kê"
footer "stats"
tm_send Escape M
check_screen "the map" "^Bản đồ"
footer "map"
tm_send Escape
tm_send a
check_screen "the officer picker" "^ Giao $R cho"
footer "officer picker"
check_nomatch "officer picker: the DUTY cell is whole (7 cells)" "(tr|trự)…" "$TM_SCREEN"
check_screen "officer picker: ... bi on duty" "^ [ >] $BI +Lê Văn Bình +cán bộ +trực "
tm_send Escape
tm_send C
check_screen "the call-backs" "r đã liên lạc"
footer "call-backs"
tm_send Escape H
check_screen "the chair's handover screen" "^ Giao ca · bạn"
footer "chair's handover"
tm_kill

# ---- English keeps the action names
export LANG=C.UTF-8
unset LANGUAGE
tm_wardesk "$HL"
check_screen "en: hotline console" "$HL .* live"
check_match "en: the footer names the actions" "(^| )n ticket " "$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)"
tm_kill
