#!/bin/bash
# board.sh - the chair's board (B): officers with open / due-soon / overdue
# counts, the unowned queue, escalations, pending handovers, live after a
# change made elsewhere; r reassigns one case through the picker, R every
# case of an officer after y/n.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác thải" --address "Nguyễn Xí" --channel walkin)
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng" --channel walkin)
R3=$(report_as "$HL" --category ATGT --text "Xe chắn lối" --address "Điện Biên Phủ" --channel walkin)
R4=$(report_as "$HL" --category MT --text "Nước thải" --address "Bình Quới" --channel hotline)
wd_as "$AN" take "$R1" >/dev/null
wd_as "$AN" take "$R2" >/dev/null
wd_as "$BINH" take "$R3" >/dev/null
wd_as "$AN" shift start >/dev/null
wd_as "$HL" shift start >/dev/null   # listed on the board, not counted on duty
# R2 overdue: its deadline moved into the past (as postgres)
sql "update wardesk.cases set received_at = now() - interval '3 hours',
     deadline_at = now() - interval '5 min' where ref = '$R2'" >/dev/null
wd_as "$AN" escalate "$R1" --note "cần hỗ trợ" >/dev/null

tm_wardesk "$CHU"
check_screen "chair's console is live" "$CHU .*\(chair\) .* live"
tm_send B
# "today" is the ward's day (Asia/Ho_Chi_Minh): R2, moved 3 hours back, was
# received yesterday when the test runs in the first 3 hours after midnight.
TODAY_N=$(sql "select count(*) from wardesk.cases where received_at >=
     date_trunc('day', now() at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh'")
check_screen "B opens the board with today's numbers" "Board · 1 on duty · today: received $TODAY_N"
check_screen "... the unowned queue and escalations waiting" "Unowned queue 1 \(0 due soon, 0 overdue\) · escalations waiting [12]"
# (the overdue case may be escalated by the console's deadline sweep meanwhile)
check_screen "... an on duty: since, open 2, due soon 0, overdue 1, escalated 1 or 2" \
	"$AN +Nguyễn Văn An +[0-9]{2}:[0-9]{2} +2 +0 +1 +[12] "
check_screen "... binh off duty: open 1" "$BINH +Lê Thị Bình +- +1 +0 +0 +0 "
run wd_as "$CHU" board --format json
check_eq "the same counts as wardesk board (an open)" 2 \
	"$(json_get "$OUT" '[o["open"] for o in j["officers"] if o["login"]=="'"$AN"'"][0]')"
check_eq "... on duty: the duty officer, not the hotline operator on shift" 1 \
	"$(json_get "$OUT" 'j["on_duty"]')"
if tm_capture_e | grep -q $'\e\\['; then ok "the bars are drawn with colours"; else not_ok "the bars are drawn with colours"; fi

# live: another process takes R4
wd_as "$BINH" take "$R4" >/dev/null
check_screen "live: binh's open count follows without a key press" "$BINH +Lê Thị Bình +- +2 +0 +0 +0 " 5
check_screen "live: the unowned queue too" "Unowned queue 0 "

# pending handover shown
wd_as "$AN" handover create --to "$BINH" --note "giao ca" >/dev/null
check_screen "live: a pending handover appears" "Pending handovers 1: #[0-9]+ $AN→$BINH \(2, " 5
wd_as "$AN" handover cancel "$(sql "select max(id) from wardesk.handovers")" >/dev/null
tm_wait_gone "Pending handovers" 5 >/dev/null

# r: one case.  The cursor starts on the first row (an, on duty first).
check_screen "the cursor is on an" "^ > $AN "
tm_send r
check_screen "r lists an's cases" "Cases of $AN \(2\)"
check_screen "... with the first highlighted" "^ > ${R1%-*}-[0-9]+ "
FIRST=$(printf '%s\n' "$TM_SCREEN" | sed -n "s/^ > \(BT-[0-9]*\) .*/\1/p" | head -n1)
tm_send r
check_screen "r again opens the officer picker, without the holder" "Assign $FIRST to \(now held by $AN\):"
for _ in 1 2 3 4 5; do
	tm_capture >/dev/null
	printf '%s\n' "$TM_SCREEN" | grep -q "^ > $BINH " && break
	tm_send Down
	tm_wait_for "^ > " 2 >/dev/null
done
tm_send Enter
check_screen "the reassign asks, naming both holders" "Reassign $FIRST from $AN to $BINH\\? $AN will be told"
tm_send y
check_screen "reassigned one case" "$FIRST: assigned to $BINH"
check_eq "... in the database" "$BINH" "$(case_field "$FIRST" owner)"
check_screen "the board follows: an has 1" "$AN +Nguyễn Văn An +[0-9:]{5} +1 " 5

# R: all of an's cases
tm_send Escape
check_screen "Esc leaves the case list" "^ > $AN "
tm_send R
check_screen "R opens the picker for the target" "Reassign every case $AN holds to:"
check_nomatch "... without an himself" "^ .. $AN " "$TM_SCREEN"
for _ in 1 2 3 4 5; do
	tm_capture >/dev/null
	printf '%s\n' "$TM_SCREEN" | grep -q "^ > $BINH " && break
	tm_send Down
	tm_wait_for "^ > " 2 >/dev/null
done
tm_send Enter
check_screen "R asks for confirmation" "Reassign every case $AN holds to $BINH\? \[y/n\]"
tm_send y
check_screen "reassigned all" "1 case of $AN reassigned to $BINH"
check_eq "an holds nothing now" 0 "$(sql "select count(*) from wardesk.cases where owner = '$AN'")"
check_screen "the board follows: binh has 4" "$BINH +Lê Thị Bình +- +4 " 5
