#!/bin/bash
# duplicates.sh - nobody is left out (issue 11, section 5): a likely
# duplicate (same place, category and time, or an open case from the same
# phone) is marked ≈ in the queue row ("=" on an ASCII terminal), listed in
# the detail with the key that merges; merging asks y/n first (it cannot be
# undone), then what the caller said now, stored on the kept case; linking a
# repeat call from the ticket form with no description asks the same; the
# same number under another name is pointed out in the detail and in `show`.
TM_W=${TM_W:-120}
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
A=$(report_as "$HL" --category MT --text "Rác thải đổ bừa bãi đầu hẻm" \
	--address "Hẻm 45 Nơ Trang Long" --phone 0909123456 --name "Võ Văn Tâm") &&
B=$(report_as "$HL" --category MT --text "Rác bốc mùi ở hẻm 45" \
	--address "hẻm 45 Nơ Trang Long" --phone 0912345678 --name "Phạm Thị Hoa") &&
C=$(report_as "$HL" --category HT --text "Đèn đường hỏng trước nhà" \
	--address "12 Bạch Đằng" --phone "0909 123 456" --name "Nguyễn Thị Lệ") &&
D=$(report_as "$HL" --category CX --text "Cây đổ chắn lối" --address "3 Lê Lợi") ||
	{ not_ok "setup: reports"; exit 1; }
ok "setup: $A, $B (same address), $C (same phone, another name), $D (unrelated)"
check_eq "$C is flagged by the phone number" "{likely_duplicate:$A}" \
	"$(case_field "$C" flags)"

# ---- the queue marks them
tm_wardesk "$AN"
tm_wait_for "live" >/dev/null
tm_send 3
check_screen "the queue marks $B as a likely duplicate" "^ +$B .*≈ Rác bốc mùi"
check_screen "... and $C" "^ +$C .*≈ Đèn đường hỏng"
check_nomatch "... not $D" "≈ Cây đổ" "$TM_SCREEN"
check_nomatch "... nor $A, the earlier one" "≈ Rác thải đổ" "$TM_SCREEN"

# ---- the detail lists them, with the key
tm_send :
tm_type "open $C"
tm_send Enter
check_screen "detail of $C: $A listed, by the phone number" "Duplicate\? +$A · .*same phone"
check_screen "... the same number under another name is pointed out" \
	"Same phone +$A under another name: Võ Văn Tâm"
check_screen "... and the key that merges" "M merges: the later call is closed into the earlier case"
tm_send Escape
tm_wait_gone "^ Duplicate\\?" >/dev/null
tm_send :
tm_type "open $B"
tm_send Enter
check_screen "detail of $B: $A listed, same address" "Duplicate\? +$A · .*same address"
check_nomatch "... no 'same phone' warning for another number" "Same phone" "$TM_SCREEN"

# ---- merge: y/n first
tm_send M
check_screen "M asks first, naming both" \
	"Merge $B into $A\? $B is closed as its duplicate; this cannot be undone\. \[y/n\]"
tm_send n
check_screen "n cancels" "cancelled: nothing sent"
check_eq "... $B is still open" new "$(case_field "$B" state)"
tm_send M
tm_wait_for "Merge $B into $A" >/dev/null
tm_send y
check_screen "y asks what the caller said now" "What did the caller of $B say now\?"
tm_type "Chị Hoa gọi lại: rác đã tràn ra đường"
tm_send Enter
check_screen "... and a repeat call offers to raise the urgency" \
	"$B merged into $A\. A repeat call: make $A URGENT\? \[y/n\]"
check_eq "... which is still normal until asked" normal "$(case_field "$A" priority)"
tm_send y
check_screen "y makes it urgent" "$A: now URGENT"
check_eq "merged" "resolved" "$(case_field "$B" state)"
check_eq "... in the database, audited" "urgent|1" \
	"$(sql "select c.priority || '|' || (select count(*) from wardesk.case_events e
	        where e.case_id = c.id and e.action = 'priority') from wardesk.cases c where c.ref = '$A'")"
check_eq "$B is closed as a duplicate of $A" "resolved|duplicate|$A" \
	"$(sql "select c.state || '|' || c.close_reason || '|' || d.ref from wardesk.cases c
	        join wardesk.cases d on d.id = c.duplicate_of where c.ref = '$B'")"
tm_send :
tm_type "open $A"
tm_send Enter
check_screen "$A's history says it in a sentence" "$AN merged a repeat report into the case"
check_screen "... with what the caller said under it" "$B merged into this case: Chị Hoa gọi lại: rác đã tràn ra đường"
check_match "what the caller said is a note on $A's history" "Chị Hoa gọi lại: rác đã tràn ra đường" \
	"$(sql "select e.note from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	        where c.ref = '$A' and e.action = 'merge'")"
tm_kill

# ---- show points out the same number under another name
OUT=$(wd_as "$AN" show "$C")
check_match "show $C: the same number under another name" \
	"Same phone: +$A under another name: Võ Văn Tâm" "$OUT"
J=$(wd_as "$AN" show "$C" --format json)
check_eq "show --format json: same_phone_other_names" "$A Võ Văn Tâm" \
	"$(json_get "$J" '" ".join(x["ref"] + " " + x["name"] for x in j["same_phone_other_names"])')"
OUT=$(wd_as "$AN" show "$D")
check_nomatch "show $D: nothing to point out" "Same phone" "$OUT"
J=$(wd_as "$AN" dupes "$C" --format json)
check_eq "dupes --format json: $A by the same phone" "$A True" \
	"$(json_get "$J" '" ".join(x["ref"] + " " + str(x["same_phone"]) for x in j)')"

# ---- ASCII terminal: the mark is "="
tm_start env LANG=C PGUSER="$AN" $WD_WRAP "$WD_BIN"
tm_wait_for "live" >/dev/null
tm_send 3
check_screen "LANG=C: the mark is '='" "^ +$C .*= Den duong hong"
tm_kill

# ---- a repeat call linked from the ticket form, no description typed
tm_wardesk "$HL"
tm_wait_for "live" >/dev/null
tm_send n
check_screen "the ticket form" "^ > Caller name"
tm_type "Võ Văn Tâm"
tm_send Tab
tm_type "0909123456"
check_screen "the repeat-caller hint" "Earlier cases from 0909 123 456 today"
tm_send C-l
check_screen "C-l asks before linking" "Link this call to (BT-[0-9]+) instead of a new case\\? \\[y/n\\]"
L=$(printf '%s\n' "$TM_SCREEN" | sed -n 's/.*Link this call to \(BT-[0-9]*\) instead.*/\1/p' | head -n1)
tm_send y
check_screen "no description: asks what the caller said now" "What did the caller say now\\?"
tm_type "Đèn vẫn chưa sửa, tối om"
tm_send Enter
# the hotline operator recorded $L and nobody holds it: they may raise it
if [ "$(sql "select count(*) from wardesk.cases c join wardesk.case_events e on e.case_id = c.id
            where c.ref = '$L' and c.owner is null and c.priority = 'normal'
              and e.action = 'report' and e.actor = '$HL'")" = 1 ]; then
	check_screen "linked, and the link offers to raise the urgency" "call linked to $L\. A repeat call: make $L URGENT"
	tm_send n
	check_screen "... n keeps it normal" "cancelled: nothing sent"
	check_eq "... still normal" normal "$(case_field "$L" priority)"
else
	check_screen "linked" "call linked to $L"
	check_nomatch "... no offer when the operator may not change it" "A repeat call" "$TM_SCREEN"
fi
check_match "what the caller said is a note on $L's history" "Đèn vẫn chưa sửa, tối om" \
	"$(sql "select e.note from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	        where c.ref = '$L' and e.action = 'reporter'")"
tm_kill
