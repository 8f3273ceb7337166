#!/bin/bash
# handover_incoming.sh - the incoming officer (a newcomer's trial): the
# start-up line names a handover waiting for them first, before the counts
# and instead of the shift offer (acknowledging starts the shift); Enter on
# the handover opens the same reading screen as A; a long note line is
# wrapped between words at 80 columns, all of it readable with scrolling.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CUONG=$(mk_officer cuong "Võ Văn Cường" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi trong hẻm" --address "12/3 Nguyễn Xí" --channel walkin)
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng" --channel walkin)
report_as "$HL" --category CX --text "Cây đổ" --address "Ung Văn Khiêm" --channel walkin --urgent >/dev/null
for r in "$R1" "$R2"; do wd_as "$AN" take "$r" </dev/null >/dev/null; done
wd_as "$AN" shift start >/dev/null
LONG="Dong 3: luu y chia khoa tu ho so o ngan keo thu hai ben trai ban truc, khong duoc mang ve nha; neu mat thi bao ngay cho chu tich phuong de doi o khoa moi truoc tam gio sang mai"
wd_as "$AN" handover create --to "$CUONG" --note "Dong 1: hai vu viec dang xu ly
Dong 2: goi lai ba Hoa
$LONG" </dev/null >/dev/null
HID=$(sql "select max(id) from wardesk.handovers")
check_match "setup: a handover from $AN to $CUONG" "^[0-9]+$" "$HID"

# ---- the start-up line: the handover first, no shift offer
tm_wardesk "$CUONG"
check_screen "the start-up line names the handover first" \
	"^a handover from $AN waits for you: H reads it — "
status=$(printf '%s\n' "$TM_SCREEN" | sed -n 24p)
check_match "... then what waits (counts)" "H reads it — 1 urgent" "$status"
check_nomatch "... no shift offer with it (acknowledging starts the shift)" "not on shift" "$status"
tm_kill
