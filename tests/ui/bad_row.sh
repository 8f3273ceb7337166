#!/bin/bash
# bad_row.sh - one case the client cannot decode does not blank the console
# (issue 13, item 1, the client's half): with a case received at -infinity
# (planted as the superuser around the database's own check), the console still opens live with every other
# case of the ward in the queue.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi trong hẻm" --address "Nguyễn Xí") &&
R2=$(report_as "$HL" --category MT --text "Cây đổ chắn lối đi" --address "Hẻm 12") &&
R3=$(report_as "$HL" --category MT --text "Đèn đường hỏng" --address "Lê Lợi") ||
	{ not_ok "setup: cases"; exit 1; }
ok "setup: $R1 $R2 $R3"
# The database refuses such a time (007_hardening_a.sql: the constraint
# cases_received_at_finite, and report/import_request): a row like that can
# only come from before it, or from a superuser working around it, as here:
# drop the constraint, plant, add it back NOT VALID (as a database that had
# such a row before 007 keeps it).
plant() {
	sql "begin;
	     alter table wardesk.cases drop constraint if exists cases_received_at_finite;
	     update wardesk.cases set received_at = '-infinity' where ref = '$1';
	     alter table wardesk.cases add constraint cases_received_at_finite
	       check (isfinite(received_at)) not valid;
	     commit"
}
if ! plant "$R2" >/dev/null 2>&1 ||
	[ "$(case_field "$R2" "received_at = '-infinity'")" != t ]; then
	skip_all "the database refuses a -infinity received time (nothing to decode)"
fi
ok "planted: $R2 received at -infinity"

tm_wardesk "$AN"
check_screen "the console opens live" "$AN Nguyễn Văn An \(officer\) .* live"
check_screen "the queue lists $R1" "^ +$R1 +"
check_screen "the queue lists $R3" "^ +$R3 +"
tm_capture >/dev/null
check_nomatch "nothing is written over the screen" "skipped|cannot" "$TM_SCREEN"
tm_send q
wait_until 5 tm_dead || true
tm_kill
