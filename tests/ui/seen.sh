#!/bin/bash
# seen.sh - act only on the case the officer saw (issue 11, part 1): the
# cursor follows a case, not a row; a case taken elsewhere while selected
# leaves a placeholder under the cursor, `t` on it takes nothing and says
# why, a move lets it go; a close sent with a version that is no longer the
# case's says what changed and asks again; the placeholder of a case closed
# says when and who held it.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CUONG=$(mk_officer cuong "Đỗ Văn Cường" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi" --address "Nguyễn Xí" --channel walkin)
R2=$(report_as "$HL" --category MT --text "Cống nghẹt" --address "Bạch Đằng" --channel walkin)

tm_wardesk "$AN"
tm_send 1
check_screen "Incoming lists both cases" "^ +$R2 "
# the cursor is on R1 (earliest deadline); cuong takes it elsewhere
wd_as "$CUONG" take "$R1" </dev/null >/dev/null
check_screen "the taken case leaves a placeholder under the cursor" \
	"^ +$R1 · taken by $CUONG" 5
tm_send t
check_screen "t on the placeholder takes nothing and says why" \
	"$R1 · taken by $CUONG: nothing sent"
check_eq "... the case that slid up was not taken" "" "$(case_field "$R2" owner)"
check_eq "... R1 is still cuong's" "$CUONG" "$(case_field "$R1" owner)"
tm_send Down
if tm_wait_gone "taken by $CUONG\$|taken by $CUONG +$" 5; then ok "the placeholder goes once the officer moves"
else not_ok "the placeholder goes once the officer moves" "$TM_SCREEN"; fi
tm_send t
check_screen "t now takes the case the officer moved to" "$R2: taken, you hold it now"
check_eq "... in the database" "$AN" "$(case_field "$R2" owner)"

# ---- a stale close asks again, saying what changed
tm_send 2
check_screen "Mine lists R2" "^ +$R2 .* in progress"
tm_send c
check_screen "close asks for a note" "Resolution note for $R2:"
wd_as "$AN" escalate "$R2" --note "cần hỗ trợ" </dev/null >/dev/null
tm_type "Đã thông cống"
tm_send Enter
tm_wait_for "reason:" >/dev/null
tm_send d
tm_wait_for "Close $R2 as done" >/dev/null
tm_send y
check_screen "the database refused the old version: what changed, and the question again" \
	"$R2 changed since you saw it: .*Close it now\? \[y/n\]"
check_eq "... nothing was closed yet" in_progress "$(case_field "$R2" state)"
tm_send y
check_screen "y closes with the new version" "$R2: closed \(done\)"
check_screen "the placeholder of the case just closed stays under the cursor" "^ +$R2 · closed"
check_screen "... saying when, and who held it" "^ +$R2 · closed at [0-9]{2}:[0-9]{2}, held by $AN *$"
tm_send c
check_screen "c on it is refused" "$R2 · closed at [0-9]{2}:[0-9]{2}, held by $AN: nothing sent"
check_eq "... in the database" resolved "$(case_field "$R2" state)"

tm_kill
