#!/bin/bash
# alert_chain.sh - no late warning after its escalation (issue 11, part 6):
# when one sweep warns, escalates and marks a case overdue at once (nobody
# swept for a while), the console announces only the furthest step: "BT-1 is
# overdue", not the escalation with "(+2 more)" behind it, and rings once.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
CH=$(mk_officer ch "Lê Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
console_sweeps_fast
wd_as "$CH" shift start >/dev/null   # on duty: the warning of an unowned case is his too
R1=$(report_as "$HL" --category MT --text "Rác thải" --address "1 Lê Lợi")
ok "setup: one unowned case, the chair on duty"

RAW=$WD_TMP/raw
tm_start --raw "$RAW" env PGUSER="$CH" $WD_WRAP "$WD_BIN"
check_screen "the chair's console is live" " live$"
sleep 1.5
n0=$(bells "$RAW")
sql "update wardesk.test_clock set clock_offset = '200 min'" >/dev/null
kinds() { sql "select string_agg(a.kind, ',' order by a.id) from wardesk.alerts a
               join wardesk.cases c on c.id = a.case_id where c.ref = '$R1' and a.recipient = '$CH' and a.kind <> 'new'"; }
all3() { [ "$(kinds)" = "warning,escalation,overdue" ]; }
check "one sweep made the three steps for the chair" wait_until 10 all3
check_screen "the console announces the furthest step" "^$R1 is overdue\$"
check_nomatch "... not the escalation" "escalated to you" "$TM_SCREEN"
check_nomatch "... nor \"more\" behind it" "more\)" "$TM_SCREEN"
sleep 0.5
check_eq "... one bell" 1 "$(( $(bells "$RAW") - n0 ))"
delivered() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$CH'
                         and delivered_at is null")" = 0 ]; }
check "... and all three are marked delivered" wait_until 10 delivered
tm_kill
rm -f "$XDG_CONFIG_HOME/wardesk/config"
