#!/bin/bash
# received_time.sh - a received time is a date, and a plausible one (issue 13,
# item 1; sql/migrations/007_hardening_a.sql, sql/code/40_intake.sql): report
# and import_request refuse +/-infinity, a time before the ward existed
# (wards.established_at) and one more than 5 minutes ahead, through psql as
# the officer and through the CLI; the table itself refuses infinite times in
# every timestamptz column (the *_finite constraints), even to a superuser;
# statistics refuse an infinite period with a plain error.  Before 007 an
# officer's report(p_received_at => '-infinity') was accepted and `ls` and
# `stats` failed for the whole ward.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Phạm Thị Đọc" officer) &&
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

psql_try() { printf '%s\n' "$2" >"$WD_TMP/q.sql"; run psql_as "$1" -f "$WD_TMP/q.sql"; }
ncases() { sql "select count(*) from wardesk.cases"; }

for t in -infinity infinity; do
	psql_try "$OF" "select (wardesk.report('MT', 'Rác', p_received_at => '$t')).ref"
	check_eq "psql as an officer: report received at $t refused" 3 "$RC"
	check_match "... as not a date" "received time $t is not a date" "$ERR"
	psql_try "$HL" "select * from wardesk.import_request('X-$t', 'MT', 'Rác', '$t')"
	check_eq "psql as a hotline operator: import_request requested at $t refused" 3 "$RC"
	check_match "... as not a date" "received time $t is not a date" "$ERR"
done
psql_try "$OF" "select (wardesk.report('MT', 'Rác', p_received_at => '2020-01-01 08:00+07')).ref"
check_eq "a received time before the ward existed is refused" 3 "$RC"
check_match "... saying so" "is before ward BT existed" "$ERR"
psql_try "$OF" "select (wardesk.report('MT', 'Rác', p_received_at => wardesk.now() + interval '10 minutes')).ref"
check_eq "a received time 10 minutes ahead is refused" 3 "$RC"
check_match "... as in the future" "is in the future" "$ERR"
check_eq "no case was made" 0 "$(ncases)"

psql_try "$OF" "select (wardesk.report('MT', 'Rác', p_received_at => wardesk.now() + interval '2 minutes')).ref"
check_eq "a little clock skew (2 minutes ahead) is fine" 0 "$RC"
check_exit "the CLI: --received 2019 refused (exit 2)" 2 \
	report_as "$HL" --category MT --text "Rác" --received 2019-05-01T08:00:00+07:00
check_match "... before the ward existed" "before ward BT existed" "$ERR"
R=$(report_as "$HL" --category MT --text "Đèn đường hỏng" --received 2026-11-23T07:42:10+07:00)
check_match "the CLI: a past --received after the ward's establishment is fine" '^BT-[0-9]+$' "$R"

# The table: a superuser's direct write of an infinite time is refused too.
run sql "update wardesk.cases set received_at = '-infinity' where ref = '$R'"
check_eq "superuser: update received_at to -infinity refused" 1 "$RC"
check_match "... by the constraint" 'cases_received_at_finite' "$ERR"
run sql "update wardesk.cases set closed_at = 'infinity' where ref = '$R'"
check_eq "superuser: an infinite closed_at refused" 1 "$RC"
check_eq "every timestamptz column of every wardesk table has a validated finite check" "" \
	"$(sql "select string_agg(c.relname || '.' || a.attname, ' ')
	          from pg_class c join pg_namespace n on n.oid = c.relnamespace
	          join pg_attribute a on a.attrelid = c.oid
	         where n.nspname = 'wardesk' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
	           and a.atttypid = 'timestamptz'::regtype
	           and not exists (select from pg_constraint k
	                            where k.conrelid = c.oid and k.contype = 'c' and k.convalidated
	                              and k.conname = left(c.relname || '_' || a.attname || '_finite', 63))")"

check_exit "ls still works for the ward" 0 wd_as "$OF" ls --format tsv
check_exit "stats still works" 0 wd_as "$OF" stats --format json
psql_try "$OF" "select wardesk.stats('-infinity', now())"
check_eq "stats over an infinite period: a plain refusal" 3 "$RC"
check_match "... not a cast error" 'needs real dates' "$ERR"
