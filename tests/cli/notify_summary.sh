#!/bin/bash
# notify_summary.sh - a catch-up reaches the desktop as one notification per
# kind (issue 14 item 4): 2.25 calls' worth of cases overdue while nobody
# swept (450 at 200 a call: sweep_chunk_cases()); `watch --once --notify` as
# the chair sweeps them in three calls, each of which raises one summary
# alert per kind for the chair (sql/023); the chair's desktop gets "N cases
# are escalated to you" and "N cases are overdue", not six notifications
# (nor 2N), and every alert is marked delivered.
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"

O1=$(mk_officer o1 "Nguyễn Văn Một" officer) || { not_ok "setup: o1"; exit 1; }
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
REC=$WD_TMP/notify.jsonl
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }
ok "setup: officers, recorder on the session bus"

C=$(sql "select wardesk.sweep_chunk_cases()")
N=$((2 * C + C / 4))
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
