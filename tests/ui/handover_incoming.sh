#!/bin/bash
# handover_incoming.sh - the incoming officer (a newcomer's trial): the
# start-up line names a handover waiting for them first, before the counts
# and instead of the shift offer (acknowledging starts the shift); Enter on
# the handover opens the same reading screen as A, its footer the reading
# keys only; a long note line is
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
tm_send H
check_screen "H lists the handover, for me" "#$HID $AN → $CUONG, 2 cases, .*FOR YOU"
tm_send Enter
check_screen "Enter on it opens the reading screen, as A does" "Handover #$HID from .* \($AN\), written"
check_nomatch "... not 'no action here'" "no action here" "$TM_SCREEN"
check_screen "... with the keys" "A acknowledges \(the cases become yours\) · D declines"
# its footer: the reading keys only (a newcomer's trial: it offered
# include, write, cancel and the shift's keys, which do nothing there)
foot=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_nomatch "... the footer offers none of the list's keys" \
	" (include|write|cancel|start shift|end shift)( |$)" "$foot"
check_match "... but accept, decline and the way back" "A accept .*D decline .*Esc back" "$foot"
# the note: every line whole, the long one wrapped between words
note=$(printf '%s\n' "$TM_SCREEN" | sed -n 's/^   │ //p')
check_eq "the note's long line wrapped between words, all of it there" \
	"Dong 1: hai vu viec dang xu ly|Dong 2: goi lai ba Hoa|$LONG" \
	"$(printf '%s\n' "$note" | sed 's/ *$//' | awk 'NR<=2 {printf "%s|", $0; next} {printf "%s%s", (NR>3 ? " " : ""), $0}')"
check_match "... over several screen lines" "^[3-9]$" "$(($(printf '%s\n' "$note" | wc -l) - 2))"
check_nomatch "... none cut off with …" "…" "$note"
tm_send A
check_screen "A then asks to acknowledge" "Acknowledge handover #$HID from $AN: 2 cases become yours\? \[y/n\]"
tm_send n
tm_kill

# a note longer than the screen: Down scrolls to its last words
sql "update wardesk.handovers set note = note || repeat(E'\nthem mot dong ghi chu', 20) || E'\nDong cuoi: het' where id = $HID" >/dev/null
tm_wardesk "$CUONG"
tm_send H
tm_wait_for "FOR YOU" 5 >/dev/null
tm_send Enter
check_screen "a long note: the reading screen" "Handover #$HID from"
check_nomatch "... its last line below the screen" "Dong cuoi: het" "$TM_SCREEN"
for i in $(seq 1 12); do tm_send Down; done
check_screen "... Down scrolls to it" "^   │ Dong cuoi: het"
tm_kill
