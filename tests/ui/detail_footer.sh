#!/bin/bash
# detail_footer.sh - the detail's footer offers only what the officer can
# do to that case now, as the database's wardesk.can() says (a newcomer's
# trial: a resolved case offered take, escalate and close; ack is offered
# only when there is something to acknowledge), follows the
# case when it changes while shown, and always shows the way back (Esc) at
# 80 columns, in Vietnamese too (it was dropped there).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || skip_all "vi_VN.UTF-8 is not generated"
TM_W=80 TM_H=24

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Võ Thị Chủ" chair) || { not_ok "setup: officers"; exit 1; }
RES=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí")
NEW=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "5 Bạch Đằng")
HELD=$(report_as "$HL" --category CX --text "Cây đổ" --address "3 Phan Đăng Lưu")
GONE=$(report_as "$HL" --category CX --text "Cành cây gãy" --address "8 Phan Đăng Lưu")
WARNED=$(report_as "$HL" --category MT --text "Nước thải tràn" --address "2 Lê Lợi")
UPCH=$(report_as "$HL" --category MT --text "Ngập sâu" --address "9 Lê Lợi")
wd_as "$AN" take "$RES" >/dev/null && wd_as "$AN" close "$RES" --note "Đã dọn" >/dev/null &&
	wd_as "$AN" take "$HELD" >/dev/null && wd_as "$AN" take "$GONE" >/dev/null &&
	wd_as "$AN" take "$WARNED" >/dev/null &&
	sql "update wardesk.cases set warned_at = now() where ref = '$WARNED'" >/dev/null &&
	wd_as "$AN" take "$UPCH" >/dev/null && wd_as "$AN" escalate "$UPCH" --note "Cần lãnh đạo" >/dev/null ||
	{ not_ok "setup: cases"; exit 1; }
ok "setup: a resolved case, a new one, cases held by $AN, one of them warned"

foot() { tm_capture >/dev/null; printf '%s\n' "$TM_SCREEN" | sed -n 23p; }
# open REF: the detail of REF from the queue (: open REF)
open() { tm_send Escape; tm_send :; tm_type "open $1"; tm_send Enter; check_screen "$2: $1's detail" "^ !?$1 "; }

for lang in vi en; do
	if [ $lang = vi ]; then
		export LANG=vi_VN.UTF-8
		TAKE="t nhận" ESC="e chuyển cấp" CLOSE="c đóng" ACK="A xác nhận" REOPEN="o mở lại" BACK="Esc quay lại"
		LIVE="trực tuyến" ACKS="A để xác nhận"
	else
		export LANG=C.UTF-8
		TAKE="t take" ESC="e escalate" CLOSE="c close" ACK="A ack" REOPEN="o reopen" BACK="Esc back"
		LIVE="live" ACKS="A acknowledges"
	fi
	tm_wardesk "$AN"
	check_screen "$lang: $AN's console" "$AN .* $LIVE"
	open "$RES" "$lang"
	f=$(foot)
	check_nomatch "$lang: resolved: no take, escalate, close or ack" "(^| )($TAKE|$ESC|$CLOSE|$ACK) " "$f"
	check_nomatch "$lang: ... no reopen for an officer" "(^| )$REOPEN " "$f"
	check_match "$lang: ... the way back" "(^| )$BACK " "$f"
	open "$NEW" "$lang"
	f=$(foot)
	check_match "$lang: new: take and escalate" "^$TAKE $ESC " "$f"
	check_nomatch "$lang: ... no close (not taken)" "(^| )$CLOSE " "$f"
	check_match "$lang: ... the way back" "(^| )$BACK " "$f"
	open "$HELD" "$lang"
	f=$(foot)
	check_match "$lang: held by me: escalate, close" "^$ESC $CLOSE " "$f"
	check_nomatch "$lang: ... no take" "(^| )$TAKE " "$f"
	check_nomatch "$lang: ... no ack (no warning to acknowledge)" "(^| )$ACK " "$f"
	check_match "$lang: ... the way back, at 80 columns" "(^| )$BACK " "$f"
	open "$WARNED" "$lang"
	check_match "$lang: warned, held by me: escalate, close, ack" "^$ESC $CLOSE $ACK " "$(foot)"
	check_match "$lang: ... the body says which key acknowledges" "$ACKS" "$TM_SCREEN"
	# escalated to the chair: only the chair acknowledges (a newcomer's
	# trial: the body said "A acknowledges" to the officer, refused)
	open "$UPCH" "$lang"
	check_nomatch "$lang: escalated, held by me: no ack in the footer" "(^| )$ACK " "$(foot)"
	check_nomatch "$lang: ... nor in the body" "$ACKS" "$TM_SCREEN"
	if [ $lang = vi ]; then
		# the chair closes a case while an looks at it: the footer follows
		open "$GONE" "$lang"
		check_match "$lang: ... (its footer has close)" "^$ESC $CLOSE " "$(foot)"
		wd_as "$CH" close "$GONE" --note "Đã dọn cây" >/dev/null
		if tm_wait_gone "(^| )$CLOSE " 5; then ok "$lang: closed elsewhere: close goes from the footer"
		else not_ok "$lang: closed elsewhere: close goes from the footer" "$(foot)"; fi
		check_match "$lang: ... the way back stays" "(^| )$BACK " "$(foot)"
	fi
	tm_kill
done

# the chair: reopen on a resolved case, nothing else of the case's
export LANG=vi_VN.UTF-8
tm_wardesk "$CH"
check_screen "vi: the chair's console" "$CH .* trực tuyến"
open "$RES" "vi chair"
f=$(foot)
check_match "vi chair: resolved: reopen and the way back" "^o mở lại Esc quay lại " "$f"
check_nomatch "vi chair: ... no assign, take, escalate or close" "(^| )(a giao|t nhận|e chuyển cấp|c đóng) " "$f"
tm_kill
