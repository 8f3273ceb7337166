#!/bin/bash
# notify_summary.sh - a catch-up reaches the desktop as one notification per
# kind (issue 14 item 4): 450 cases overdue while nobody swept; `watch
# --once --notify` as the chair sweeps them in three calls of at most 200,
# each of which raises one summary alert per kind for the chair (sql/023);
# the chair's desktop gets "450 cases are escalated to you" and "450 cases
# are overdue", not six notifications (nor 900), and every alert is marked
# delivered.
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"

O1=$(mk_officer o1 "Nguyễn Văn Một" officer) || { not_ok "setup: o1"; exit 1; }
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
REC=$WD_TMP/notify.jsonl
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }
ok "setup: officers, recorder on the session bus"

N=450
load_due_backlog "$N"
check_exit "watch --once --notify as the chair" 0 wd_as "$CH" watch --once --notify
check_eq "... swept in three calls: three summaries of each kind for the chair" "6 6" \
	"$(sql "select count(*) || ' ' || count(*) filter (where case_count > 1)
	        from wardesk.alerts where recipient = '$CH'")"
check "two notifications recorded" notify_wait_count "$REC" 2 10
sleep 0.5
check_eq "... and no more" 2 "$(notify_count "$REC")"
check_eq "one per kind, the cases of the three summed up" \
	"$N cases are escalated to you|$N cases are overdue" \
	"$(while read -r n; do json_get "$n" 'j["summary"]'; done <"$REC" | sort | paste -sd '|')"
check_eq "every one of the chair's alerts is marked delivered" 0 \
	"$(sql "select count(*) from wardesk.alerts where recipient = '$CH' and delivered_at is null")"
