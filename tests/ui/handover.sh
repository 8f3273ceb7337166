#!/bin/bash
# handover.sh - a full shift handover with two consoles (two tmux servers):
# the outgoing officer starts a shift, opens H, leaves one case out with
# Space, writes a two-line note, names the incoming officer in the picker and
# confirms; the incoming officer's console shows the pending handover without
# a key press and acknowledges it; the cases moved (ls, psql); the printed
# record (`wardesk handover --format text`) has the note.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi trong hẻm" --address "12/3 Nguyễn Xí" --channel walkin)
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng" --channel hotline --phone 0909123456)
R3=$(report_as "$HL" --category ATGT --text "Xe đậu chắn lối đi" --address "Điện Biên Phủ" --channel walkin)
sql "update wardesk.cases set callback_wanted = true where ref = '$R2'" >/dev/null
for r in "$R1" "$R2" "$R3"; do wd_as "$AN" take "$r" </dev/null >/dev/null; done
check_eq "setup: $AN holds three cases" 3 "$(sql "select count(*) from wardesk.cases where owner = '$AN'")"

SOCK_IN=wdin$$ SOCK_OUT=wdout$$
at_exit tmux -L "$SOCK_IN" kill-server
at_exit tmux -L "$SOCK_OUT" kill-server
in_() { TM_SOCK=$SOCK_IN; }
out() { TM_SOCK=$SOCK_OUT; }

# ---- the incoming officer's console first (it must learn by itself)
in_
tm_wardesk "$BINH"
check_screen "incoming console is live, off shift in the header" "$BINH .*\(officer\) │ off shift .* live"

# ---- the outgoing officer
out
tm_wardesk "$AN"
check_screen "outgoing console is live" "$AN .*\(officer\) .* live"
tm_send H
check_screen "H opens the handover screen" "Shift handover · you are off shift"
check_screen "... with every case held" "You hold 3 cases: 3 to hand over, 0 kept"
check_screen "... the promised call-back is marked" "\[x\] $R2 .*☎ call back"
tm_send s
check_screen "s starts the shift (status)" "shift #[0-9]+ started at [0-9:]+: you are on duty"
check_screen "... and the header says so" "$AN .*│ on shift since [0-9]{2}:[0-9]{2}"
check_eq "... recorded in the database" 1 "$(sql "select count(*) from wardesk.shifts where officer = '$AN' and ended_at is null")"
# leave R2 out: move the cursor onto it, Space
for _ in 1 2 3 4; do
	tm_capture >/dev/null
	printf '%s\n' "$TM_SCREEN" | grep -q "^ > \[.\] $R2 " && break
	tm_send Down
	tm_wait_for "^ > " 2 >/dev/null
done
tm_send Space
check_screen "Space leaves a case out" "\[ \] $R2 .*\(kept\)"
check_screen "... counted as kept" "You hold 3 cases: 2 to hand over, 1 kept"
tm_send w
check_screen "w asks for the note, line 1" "Handover note, line 1 \(empty line ends, Esc cancels\):"
tm_type "Hẻm 12/3 Nguyễn Xí: đã gọi đội vệ sinh"
tm_send Enter
check_screen "... then line 2" "Note line 2"
tm_type "Gọi lại cho người báo $R2 trước 20:00"
tm_send Enter
check_screen "... then line 3" "Note line 3"
tm_send Enter
check_screen "an empty line ends the note: the officer picker" "Hand over to \(the incoming officer\):"
check_nomatch "... which does not list the outgoing officer" "^ .. $AN " "$TM_SCREEN"
for _ in 1 2 3 4 5 6; do
	tm_capture >/dev/null
	printf '%s\n' "$TM_SCREEN" | grep -q "^ > $BINH " && break
	tm_send Down
	tm_wait_for "^ > " 2 >/dev/null
done
tm_send Enter
check_screen "a confirmation names the incoming officer" "Hand 2 cases over to $BINH \(1 kept, note of 2 lines\)\? \[y/n\]"
tm_send y
check_screen "the handover is written" "handover #[0-9]+ written: 2 cases wait for $BINH to acknowledge"
HID=$(sql "select max(id) from wardesk.handovers")
check_screen "... and listed as pending on the outgoing screen" "#$HID $AN → $BINH, 2 cases"
check_screen "... counted: one pending handover, singular" "kept · 1 pending handover( |\$)"
check_eq "nothing moved before the acknowledgement" "$AN" "$(case_field "$R1" owner)"

# ---- the incoming officer sees it without a key press
in_
check_screen "incoming: the status line shows the pending handover, no key pressed" \
	"handover #$HID from $AN waits for your acknowledgement \(H, then A\)" 5
tm_send H
check_screen "incoming: H lists it as for me" "#$HID $AN → $BINH, 2 cases, .*FOR YOU"
tm_send A
check_screen "A first shows the whole handover" "Handover #$HID from .* \($AN\), written"
check_screen "... its note" "^   │ "
check_screen "... and the keys" "A acknowledges \(the cases become yours\) · D declines"
tm_send A
check_screen "A asks to acknowledge" "Acknowledge handover #$HID from $AN: 2 cases become yours\? \[y/n\]"
tm_send y
check_screen "acknowledged" "handover #$HID acknowledged: its cases are yours now"
tm_send Escape
check_screen "... the queue shows the cases as mine" "^ +$R1 .* in progress"
tm_wait_gone "waits for your acknowledgement" 5
check_nomatch "... and the status line no longer asks" "waits for your acknowledgement" "$TM_SCREEN"

# ---- the outgoing console is told, without a key press
out
check_screen "outgoing: told that the handover was acknowledged" \
	"handover #$HID acknowledged by $BINH: its cases are theirs now" 10

# ---- the database and the CLI
check_eq "R1 moved to the incoming officer" "$BINH" "$(case_field "$R1" owner)"
check_eq "R3 moved to the incoming officer" "$BINH" "$(case_field "$R3" owner)"
check_eq "R2 (left out) stays with the outgoing officer" "$AN" "$(case_field "$R2" owner)"
run wd_as "$BINH" ls --mine --format tsv
check_match "ls --mine (incoming) lists R1" "^$R1	" "$OUT"
check_nomatch "ls --mine (incoming) does not list R2" "^$R2	" "$OUT"
check_exit "handover --format text" 0 wd_as "$BINH" handover --format text
check_match "the record: acknowledged" "Handover #$HID - acknowledged" "$OUT"
check_match "the record: both officers" "Incoming: +$BINH" "$OUT"
check_match "the record: note line 1" "Hẻm 12/3 Nguyễn Xí: đã gọi đội vệ sinh" "$OUT"
check_match "the record: note line 2" "Gọi lại cho người báo $R2 trước 20:00" "$OUT"
check_match "the record: R2 kept" "$R2 .*kept by $AN" "$OUT"
check_match "the record: R1 moved" "$R1 .*moved to $BINH" "$OUT"

# ---- the outgoing officer's screen follows; E ends the shift
out
check_screen "outgoing: the handover screen re-read itself (one case left)" "You hold 1 case: 1 to hand over, 0 kept · 0 pending" 5
tm_send E
check_screen "E ends the shift" "shift #[0-9]+ ended at [0-9:]+"
check_screen "... the header says off shift" "$AN .*│ off shift"
