#!/bin/bash
# alert_backlog.sh - a console that connects with more undelivered alerts
# than it fetches (the newest 200, summed up in one line) marks the older
# ones delivered with them (wardesk.alerts_delivered(ids, below),
# src/console_alerts.c fetch_done): left undelivered, the first alert
# confirmation after it (alerts_seen) marked and returned them all, and
# the console announced them as new (issue 14: 150 consoles of the live
# bench each confirmed hundreds at once in the middle of its rounds).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24
export LANG=C.UTF-8

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\nset sweep-seconds 0\n' >"$XDG_CONFIG_HOME/wardesk/config"
R0=$(report_as "$HL" --category MT --text "Rác thải" --address "12 Lê Lợi") || { not_ok "setup: case"; exit 1; }
# 250 alerts for AN from while the console was closed (loaded without
# their triggers: no notification)
sql "begin; set local session_replication_role = replica;
     update wardesk.alerts set delivered_at = now() where recipient = '$AN';
     insert into wardesk.alerts (case_id, ward_id, kind, recipient)
     select c.id, c.ward_id, 'new', '$AN' from wardesk.cases c, generate_series(1, 250)
      where c.ref = '$R0';
     commit;" >/dev/null
undelivered() { sql "select count(*) from wardesk.alerts where recipient = '$AN' and delivered_at is null"; }
check_eq "setup: 250 undelivered alerts for AN" 250 "$(undelivered)"

tm_wardesk "$AN"
check_screen "AN's console is live" "$AN .* live"
none_left() { [ "$(undelivered)" = 0 ]; }
check "the backlog is summed up and every one of the 250 marked delivered" wait_until 10 none_left
# a new case alerts every duty officer (nobody on shift): AN's console
# shows it and confirms it; nothing of the backlog comes back
report_as "$HL" --category MT --text "Ngập nước" --address "7 Pasteur" >/dev/null
check_screen "a new case reaches AN" "7 Pasteur"
check "... its alert is confirmed delivered in a few seconds" wait_until 10 none_left
sleep 1
check_nomatch "... and the status line does not announce the old backlog as new" \
	"(250|[0-9]{2,}) (new )?alerts" "$(tm_capture | sed -n 24p)"
tm_kill
