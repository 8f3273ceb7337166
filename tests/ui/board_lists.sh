#!/bin/bash
# board_lists.sh - the chair's board lists the cases themselves (issue 11,
# part 6): the unowned queue and the overdue cases officers hold, with
# reference, countdown, category, holder and what happened, selectable
# (Enter opens, a assigns); the assign picker shows who is on duty, how many
# each holds, due soon and overdue.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
U1=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "Nguyễn Xí")
U2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "Bạch Đằng")
O1=$(report_as "$HL" --category ATGT --text "Xe chắn lối đi" --address "Điện Biên Phủ")
H1=$(report_as "$HL" --category MT --text "Nước thải tràn" --address "Bình Quới")
wd_as "$AN" take "$O1" >/dev/null
wd_as "$BINH" take "$H1" >/dev/null
wd_as "$AN" shift start >/dev/null
sql "update wardesk.cases set received_at = now() - interval '3 hours',
     deadline_at = now() - interval '5 min' where ref = '$O1'" >/dev/null
ok "setup: two unowned cases, one overdue held by an (on duty), one held by binh (off)"

tm_wardesk "$CHU"
check_screen "chair's console is live" "$CHU .*\(chair\) .* live"
tm_send B
check_screen "the board lists the cases below the officers" "Unowned 2, then overdue held 1"
check_screen "... the unowned U1: reference, countdown, category, no holder, what happened" \
	"^ +$U1 +[0-9]:[0-9]{2} MT +- +Rác thải ùn ứ"
check_screen "... U2" "^ +$U2 +[0-9]:[0-9]{2} HT +- +Đèn đường hỏng"
check_screen "... the overdue O1 with its holder" "^ +$O1 +-[0-9:m]+ ATGT +$AN +Xe chắn lối đi"
check_nomatch "... binh's case, not overdue, is not listed" "^ +(> )?$H1 " "$TM_SCREEN"
tm_type "G"
check_screen "G goes to the last line of the list: O1" "^ > $O1 "
tm_send Enter
check_screen "Enter opens the case listed" "Xe chắn lối đi"
check_screen "... in the detail screen" "Điện Biên Phủ"
tm_send Escape
check_screen "back on the board" "Unowned 2, then overdue held 1"
tm_type "k"
check_screen "k moves up onto U2" "^ > $U2 "
# a click on U1's line selects it (X10 mouse encoding, see mouse.sh)
y=$(printf '%s\n' "$TM_SCREEN" | grep -En "^ +$U1 " | cut -d: -f1)
tm send-keys -t main -H 1b 5b 4d 20 35 "$(printf '%x' $((32 + y)))"
check_screen "a click selects the listed case under the pointer" "^ > $U1 "
tm_type "j"
check_screen "(back on U2)" "^ > $U2 "
tm_type "a"
check_screen "a on a listed case opens the assign picker" "Assign $U2 to:"
check_screen "the picker's columns: duty, holds, soon, late" "DUTY +HOLDS +SOON +LATE"
check_screen "... an is on duty, holds 1, 0 due soon, 1 overdue (listed first)" \
	"^ > $AN +Nguyễn Văn An .* on duty +1 +0 +1"
check_screen "... binh is off duty, holds 1" "^   $BINH +Lê Thị Bình .* off +1 +0 +0"
check_screen "... the chair too" "^   $CHU "
tm_send Enter
check_screen "Enter assigns U2 to an" "$U2.*$AN|assigned"
u2_is_ans() { [ "$(case_field "$U2" owner)" = "$AN" ]; }
if wait_until 10 u2_is_ans; then ok "... the database has an as owner"
else not_ok "... the database has an as owner" "owner: $(case_field "$U2" owner)"; fi
check_screen "the board's list follows: one unowned left" "Unowned 1, then overdue held 1"
tm_kill
