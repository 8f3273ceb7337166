#!/bin/bash
# quiet.sh - quiet unless it concerns you (issue 11, part 6): start-up says
# in one line what waits ("2 new cases, 1 due soon") instead of announcing
# every alert since; a case is NEW for an officer until seen (opened, acted
# on, or the cursor moved past it), across restarts; the bell rings only for
# alerts addressed to this officer (the raw bytes are counted for BEL).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Trần Văn Bình" officer) &&
CH=$(mk_officer ch "Lê Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\n' >"$XDG_CONFIG_HOME/wardesk/config"   # the status line and the bell
R1=$(report_as "$HL" --category MT --text "Rác số 1" --address "1 Lê Lợi")
R2=$(report_as "$HL" --category MT --text "Rác số 2" --address "2 Lê Lợi")
R3=$(report_as "$HL" --category MT --text "Rác số 3" --address "3 Lê Lợi")
ok "setup: 3 cases reported before an's first start (3 new-case alerts wait for him)"

bells_are() { [ "$(bells "$1")" = "$2" ]; }

RAW=$WD_TMP/raw1
tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "first start: one line, the cases from before are not called new" \
	"nothing waits for you"
check_nomatch "... no NEW mark on them" "^NEW " "$TM_SCREEN"
check_nomatch "... the alerts are not announced one by one" "3 new cases|new case" "$TM_SCREEN"
sleep 0.5
check_eq "... and the bell did not ring" 0 "$(bells "$RAW")"
tm_send q
wait_until 5 tm_dead
tm_kill

# while an is away (a second later: times are whole seconds): two new cases,
# and R1 comes due soon
sleep 1
R4=$(report_as "$HL" --category MT --text "Rác số 4" --address "4 Lê Lợi")
R5=$(report_as "$HL" --category MT --text "Rác số 5" --address "5 Lê Lợi")
sql "update wardesk.cases set deadline_at = wardesk.now() + interval '20 minutes' where ref = '$R1'" \
	>/dev/null
RAW=$WD_TMP/raw2
tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "start-up says in one line what waits" "(^| — )2 new cases, 1 due soon"
check_screen "the two cases that came meanwhile are NEW" "^NEW $R4 "
check_screen "... both" "^NEW $R5 "
check_nomatch "... the others are not" "^NEW ($R1|$R2|$R3) " "$TM_SCREEN"
sleep 0.5
check_eq "nothing escalated to an: no bell at start-up" 0 "$(bells "$RAW")"
# the cursor starts on R1 (earliest deadline); j j j lands on R4
tm_type "jjj"
check_screen "(the cursor on R4)" " 4/5 ?\$|^NEW $R4 "
tm_send Enter
check_screen "(R4 opened)" "Rác số 4"
tm_send Escape
check_screen "opened: R4 is no longer NEW" "^ +$R4 "
check_screen "R5, not seen, is still NEW" "^NEW $R5 "

# a new case reported now: an alert addressed to an (a duty officer): one bell
R6=$(report_as "$HL" --category MT --text "Rác số 6" --address "6 Lê Lợi")
check_screen "a case reported now shows NEW" "^NEW $R6 "
if wait_until 5 bells_are "$RAW" 1; then ok "... and rings the bell once (addressed to an)"; else
	not_ok "... and rings the bell once (addressed to an)" "bells: $(bells "$RAW")"; fi
# an alert addressed to someone else: binh is assigned a case
wd_as "$CH" assign "$R2" "$BINH" </dev/null >/dev/null
# (the queue's owner column is 8 wide: a long test prefix cuts the login)
check_screen "(R2 now binh's)" "$R2 .*${BINH:0:7}"
sleep 1
check_eq "an alert for binh does not ring an's bell" 1 "$(bells "$RAW")"
tm_send q
wait_until 5 tm_dead
tm_kill
SEEN=$XDG_STATE_HOME/wardesk/drafts/$(psql_as "$AN" -c "select wardesk.desk_identity()")/$AN/seen.cases.draft
check_eq "what an saw is kept per login, 0600" 600 "$(stat -c %a "$SEEN" 2>/dev/null)"

RAW=$WD_TMP/raw3
tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "after a restart R5 and R6 are still NEW" "^NEW $R5 "
check_screen "... R6" "^NEW $R6 "
check_nomatch "... R4 (opened) is not" "^NEW $R4 " "$TM_SCREEN"
check_screen "start-up line: 2 new, 1 due soon" "(^| — )2 new cases, 1 due soon"
tm_send q
wait_until 5 tm_dead
tm_kill

# escalated to the chair while away: the chair's start-up says so, rings once
wd_as "$AN" escalate "$R3" --note "Cần phường hỗ trợ" </dev/null >/dev/null
RAW=$WD_TMP/raw4
tm_start --raw "$RAW" env PGUSER="$CH" $WD_WRAP "$WD_BIN"
check_screen "the chair's start-up line: 1 escalated to you" "1 escalated to you"
if wait_until 5 bells_are "$RAW" 1; then ok "... one bell for it"; else
	not_ok "... one bell for it" "bells: $(bells "$RAW")"; fi
tm_kill
rm -f "$XDG_CONFIG_HOME/wardesk/config"
