#!/bin/bash
# duty_alerts.sh - "new case" alerts go to whoever is on shift (issue 13,
# item 11; duty_officers() in sql/code/50_deadlines.sql): the ward's active
# duty officers and chairs with an open shift; only when none of them is on
# shift, every active duty officer of the ward (a new case must reach
# someone).  Before 007 it was always everyone.  Officers of another ward
# are never alerted.
. "$(dirname "$0")/../lib.sh"

A=$(mk_officer a "Nguyễn Văn Trực" officer) &&
B=$(mk_officer b "Lê Thị Nghỉ" officer) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) &&
HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
GV=$(mk_officer gv "Ngô Văn Gò" officer GV) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

new_to() {
	psql_as postgres -v ref="$1" <<<"select coalesce(string_agg(a.recipient, ',' order by a.recipient), '')
		from wardesk.alerts a join wardesk.cases c on c.id = a.case_id where c.ref = :'ref' and a.kind = 'new'"
}

check_exit "$A starts a shift" 0 wd_as "$A" shift start
R1=$(report_as "$HL" --category MT --text "Rác tồn đọng") || not_ok "report R1" "$R1"
check_eq "a new case alerts only the officer on shift" "$A" "$(new_to "$R1")"

check_exit "$CH starts a shift too" 0 wd_as "$CH" shift start
R2=$(report_as "$HL" --category MT --text "Cây đổ") || not_ok "report R2" "$R2"
check_eq "... the chair on shift as well" "$(printf '%s\n' "$A" "$CH" | sort | paste -sd,)" "$(new_to "$R2")"

check_exit "both end their shifts" 0 wd_as "$A" shift end
check_exit "..." 0 wd_as "$CH" shift end
R3=$(report_as "$HL" --category MT --text "Đèn hỏng") || not_ok "report R3" "$R3"
check_eq "nobody on shift: every active duty officer of the ward" \
	"$(printf '%s\n' "$A" "$B" | sort | paste -sd,)" "$(new_to "$R3")"

check_exit "the hotline operator on shift does not count" 0 wd_as "$HL" shift start
R4=$(report_as "$HL" --category MT --text "Nước ngập") || not_ok "report R4" "$R4"
check_eq "... still every duty officer" "$(printf '%s\n' "$A" "$B" | sort | paste -sd,)" "$(new_to "$R4")"
