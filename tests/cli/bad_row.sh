#!/bin/bash
# bad_row.sh - one case the client cannot decode never blanks a ward
# (issue 13, item 1, the client's half): a case whose received time is
# -infinity (planted as the superuser, triggers as they are) is skipped by
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

# Plant the odd time.  Once the database refuses infinite times itself
# (the SQL half of the item), there is nothing left to plant: skip.
if ! sql "update wardesk.cases set received_at = '-infinity' where ref = '$BAD'" >/dev/null 2>&1 ||
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
