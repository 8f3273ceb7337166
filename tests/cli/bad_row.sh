#!/bin/bash
# bad_row.sh - one case the client cannot decode never blanks a ward
# (issue 13, item 1, the client's half): a case whose received time is
# -infinity (planted as the superuser around the database's own check) is skipped by
# `ls` with a note naming it on stderr; every other case is still listed,
# and `show` of the bad one refuses clearly instead of failing the ward.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Phạm Thị Đọc" officer) || { not_ok "setup: officer" "$OF"; exit 1; }
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline" "$HL"; exit 1; }
refs=()
for i in 1 2 3; do
	r=$(report_as "$HL" --category MT --text "Đèn đường hỏng số $i" --address "Lê Lợi") ||
		{ not_ok "setup: report case $i" "$r"; exit 1; }
	refs+=("$r")
done
BAD=${refs[1]}
ok "setup: ${refs[*]} reported"

# Plant the odd time.
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
if ! plant "$BAD" >/dev/null 2>&1 ||
	[ "$(case_field "$BAD" "received_at = '-infinity'")" != t ]; then
	skip_all "the database refuses a -infinity received time (nothing to decode)"
fi
ok "planted: $BAD received at -infinity"

check_exit "ls still lists the ward (exit 0)" 0 wd_as "$OF" ls --format tsv
for r in "${refs[0]}" "${refs[2]}"; do
	check_match "... with $r" "^$r	" "$OUT"
done
check_nomatch "... without $BAD" "^$BAD	" "$OUT"
check_match "... and says on stderr that it skipped $BAD" "skipped 1 case .*$BAD" "$ERR"

check_exit "ls --format json exits 0" 0 wd_as "$OF" ls --format json
check_eq "... with the two other cases" 2 "$(json_get "$OUT" 'len(j)')"

check_exit "show of the bad case refuses (exit 1)" 1 wd_as "$OF" show "$BAD"
check_match "... saying why" "$BAD has a time that is not a date" "$ERR"
check_exit "show of a good case still works" 0 wd_as "$OF" show "${refs[0]}"
