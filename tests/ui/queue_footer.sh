#!/bin/bash
# queue_footer.sh - the queue's footer follows the selected row, as the
# detail's does (tests/ui/detail_footer.sh): a newcomer's trial found the
# queue offering take on a resolved case and no reopen to the chair.  The
# console asks wardesk.allowed_actions() in the background once per case and
# version, once the cursor rests on the row (screen_queue_can.c,
# queue_footer_rest.sh), and shows the row's own state until the answer
# comes.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24
export LANG=C.UTF-8

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Võ Thị Chủ" chair) || { not_ok "setup: officers"; exit 1; }
RES=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí")
NEW=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "5 Bạch Đằng")
HELD=$(report_as "$HL" --category CX --text "Cây đổ" --address "3 Phan Đăng Lưu")
wd_as "$AN" take "$RES" >/dev/null && wd_as "$AN" close "$RES" --note "Đã dọn" >/dev/null &&
	wd_as "$AN" take "$HELD" >/dev/null || { not_ok "setup: cases"; exit 1; }
ok "setup: a resolved case, a new one, one held by $AN"

foot() { tm_capture >/dev/null; printf '%s\n' "$TM_SCREEN" | sed -n 23p; }
# pick REF: select REF's row in the current view (the filter, then Enter)
pick() { tm_send /; tm_type "$1"; tm_send Enter; check_screen "$2: $1 selected" "^>? *!?$1 "; }
# wait_foot WHAT REGEX: the footer matches REGEX within 5 s (the answer of
# the database may come a frame later)
wait_foot() {
	local t=0
	while [ $t -lt 50 ]; do
		foot | grep -Eq -- "$2" && { ok "$1"; return 0; }
		sleep 0.1; t=$((t + 1))
	done
	not_ok "$1" "footer: $(foot)"
}

tm_wardesk "$AN"
check_screen "$AN's console" "$AN .* live"
tm_send 6
pick "$RES" "officer, resolved today"
sleep 1
f=$(foot)
check_nomatch "officer, resolved case: no take, escalate, close or ack" "(^| )(t take|e escalate|c close|A ack) " "$f"
check_nomatch "... no reopen for an officer" "(^| )o reopen " "$f"
tm_send Escape
tm_send 1
pick "$NEW" "officer, incoming"
wait_foot "officer, new case: take offered" "(^| )t take "
check_nomatch "... no close (not taken)" "(^| )c close " "$(foot)"
tm_send Escape
tm_send 2
pick "$HELD" "officer, mine"
wait_foot "officer, held case: close offered" "(^| )c close "
check_nomatch "... no take" "(^| )t take " "$(foot)"
tm_kill

tm_wardesk "$CH"
check_screen "the chair's console" "$CH .* live"
tm_send 6
pick "$RES" "chair, resolved today"
wait_foot "chair, resolved case: reopen offered" "(^| )o reopen "
check_nomatch "... no take, escalate or close" "(^| )(t take|e escalate|c close) " "$(foot)"
tm_kill
