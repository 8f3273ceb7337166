#!/bin/bash
# summary_alerts.sh - a catch-up reaches the console as one summary, not
# hundreds of bells (issue 14 item 4): 450 unowned cases overdue while the
# desk was away; the chair's console sweeps them (calls of 25 cases, one
# per turn of its loop, keys served between them), each call
# raises one summary alert per kind for the chair (sql/023), and the
# console rings once and shows the running total on its status line.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

CH=$(mk_officer ch "Lê Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
console_sweeps_fast
wd_as "$CH" shift start >/dev/null   # on duty: the warnings of unowned cases are his too
ok "setup: the chair on duty"

RAW=$WD_TMP/raw
tm_start --raw "$RAW" env PGUSER="$CH" $WD_WRAP "$WD_BIN"
check_screen "the chair's console is live" " live$"
sleep 1.5
n0=$(bells "$RAW")

# 450 cases, deadlines 3 h to 10 min ago (loaded without their triggers,
# as the bench loads them): each due its warning, escalation and overdue mark
N=450
load_due_backlog "$N"
swept() { [ "$(sql "select count(*) from wardesk.case_events where action = 'overdue'")" = "$N" ]; }
check "the console swept the $N cases" wait_until 60 swept
delivered() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$CH'
                         and delivered_at is null")" = 0 ]; }
check "... and fetched its alerts" wait_until 20 delivered
# (the console sweeps 25 cases a call: 18 calls)
check_eq "the chair's alerts: one summary per kind and call of the sweep" "54 54" \
	"$(sql "select count(*) || ' ' || count(*) filter (where case_count > 1)
	        from wardesk.alerts where recipient = '$CH'")"
check_screen "the status line shows the running total" "$N cases are overdue" 20
check_nomatch "... and no single case's alert" "$WD_WARD-[0-9]+ is (overdue|escalated|due soon)" \
	"$TM_SCREEN"
sleep 0.5
check_eq "one bell for the whole catch-up" 1 "$(( $(bells "$RAW") - n0 ))"
tm_kill
rm -f "$XDG_CONFIG_HOME/wardesk/config"
