#!/bin/bash
# handover_decline.sh - the incoming officer reads the whole handover (note,
# every case with its deadline and call-back mark, what is kept back) before
# acknowledging, and may decline it with a note (issue 12): nothing moves,
# the decline is audited, the outgoing console is told live; the log book
# shows the decline and its note.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi" --address "12/3 Nguyễn Xí" --channel walkin)
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng" --channel walkin)
sql "update wardesk.cases set callback_wanted = true where ref = '$R1'" >/dev/null
for r in "$R1" "$R2"; do wd_as "$AN" take "$r" </dev/null >/dev/null; done
wd_as "$AN" shift start </dev/null >/dev/null
HID=$(wd_as "$AN" handover create --to "$BINH" --note "Dòng một của ghi chú
Dòng hai: gọi lại trước 20:00" --exclude "$R2" </dev/null)
[ -n "$HID" ] && ok "setup: handover #$HID written" || not_ok "setup: handover"

SOCK_IN=wdin$$ SOCK_OUT=wdout$$
at_exit tmux -L "$SOCK_IN" kill-server
at_exit tmux -L "$SOCK_OUT" kill-server
in_() { TM_SOCK=$SOCK_IN; }
out() { TM_SOCK=$SOCK_OUT; }

out
tm_wardesk "$AN"
check_screen "outgoing console is live" "$AN .* live"

in_
tm_wardesk "$BINH"
check_screen "incoming console is live" "$BINH .* live"
tm_send H
check_screen "the handover for me is listed" "#$HID $AN → $BINH"
tm_send A
check_screen "A shows the whole handover first" "Handover #$HID from Nguyễn Văn An \($AN\)"
check_screen "... every line of the note" "│ Dòng hai: gọi lại trước 20:00"
check_screen "... the first line too" "│ Dòng một của ghi chú"
check_screen "... each case with its deadline and call-back mark" "$R1 +MT +due [0-9:]+ \(.*\) +☎ call back · Rác thải bốc mùi"
check_screen "... and what is kept back" "Kept back by $AN \(1\)"
check_screen "... kept: $R2" "$R2 +HT +due"
tm_send D
check_screen "D asks why" "Decline handover #$HID from $AN: why\?"
tm_type "Tôi chưa nhận ca, hẻm 12/3 chưa rõ"
tm_send Enter
check_screen "declined" "handover #$HID declined: the cases stay with its writer"
check_eq "the database: declined with the note" "declined|Tôi chưa nhận ca, hẻm 12/3 chưa rõ" \
	"$(sql "select state || '|' || decline_note from wardesk.handovers where id = $HID")"
check_eq "... the cases stay with the outgoing officer" "$AN $AN" \
	"$(case_field "$R1" owner) $(case_field "$R2" owner)"
check_eq "... audited in the handed case's history" 1 \
	"$(sql "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	        where c.ref = '$R1' and e.action = 'handover_declined' and e.actor = '$BINH'
	          and e.note like '%chưa nhận ca%'")"

out
check_screen "the outgoing console is told, with the note" \
	"handover #$HID declined by $BINH: Tôi chưa nhận ca" 10

run wd_as "$AN" handover --format text
check_match "log book (text): declined, with the note" "Declined: .*\($BINH\): Tôi chưa nhận ca" "$OUT"
check_match "... the state in words" "$R1 +MT +in progress" "$OUT"
check_match "... the shift it belongs to" "Shift: +#[0-9]+ " "$OUT"
run wd_as "$AN" handover --format markdown
check_match "log book (markdown): declined" "^\| Declined \| .*\($BINH\): Tôi chưa nhận ca" "$OUT"
run psql_as "$BINH" -c "select wardesk.handover_decline($HID, 'again')"
check_match "a handover already declined cannot be declined again" "already declined" "$ERR$OUT"
