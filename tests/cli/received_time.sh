#!/bin/bash
# received_time.sh - a received time is a date, and a plausible one (issue 13,
# item 1; sql/migrations/007_hardening_a.sql, sql/code/40_intake.sql): report
# and import_request refuse +/-infinity, a time before the ward existed
# (wards.established_at) and one more than 5 minutes ahead, through psql as
# the officer and through the CLI; the table itself refuses infinite times in
# every timestamptz column (the *_finite constraints), even to a superuser;
# statistics refuse an infinite period with a plain error.  How far back a
# person may date a case depends on the role (24 hours for the hotline, 7
# days for officers and chairs).  Before 007 an
# officer's report(p_received_at => '-infinity') was accepted and `ls` and
# `stats` failed for the whole ward.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Phạm Thị Đọc" officer) &&
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

psql_try() { printf '%s\n' "$2" >"$WD_TMP/q.sql"; run psql_as "$1" -f "$WD_TMP/q.sql"; }
ncases() { sql "select count(*) from wardesk.cases"; }
ago() { date -d "$1" +%Y-%m-%dT%H:%M:%S%:z; }

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
R=$(report_as "$HL" --category MT --text "Đèn đường hỏng" --received "$(ago '-23 hours')")
check_match "the CLI: a hotline operator's call of 23 hours ago is fine" '^BT-[0-9]+$' "$R"

# How far back a person may date what they record (received_back_limit,
# 40_intake.sql): a hotline operator 24 hours, a duty officer or chair 7 days.
CH=$(mk_officer ch "Lê Văn Chủ" chair) || not_ok "setup: chair"
n0=$(ncases)
check_exit "the CLI: a hotline operator's call of 25 hours ago is refused (exit 2)" 2 \
	report_as "$HL" --category MT --text "Rác" --received "$(ago '-25 hours')"
check_match "... saying the limit" "is more than 24 hours ago: the most your role may record" "$ERR"
check_exit "... 60 days ago too (after the ward existed)" 2 \
	report_as "$HL" --category MT --text "Rác" --received "$(ago '-60 days')"
check_match "... saying the limit" "is more than 24 hours ago" "$ERR"
psql_try "$HL" "select (wardesk.report('MT', 'Rác', p_received_at => wardesk.now() - interval '25 hours')).ref"
check_eq "... in psql too (the rule is in the database)" 3 "$RC"
check_match "... the same refusal" "is more than 24 hours ago" "$ERR"
LANG=C.UTF-8 LANGUAGE=vi check_exit "... in Vietnamese" 2 \
	report_as "$HL" --category MT --text "Rác" --received "$(ago '-25 hours')"
check_match "... in Vietnamese" "đã quá 24 giờ" "$ERR"
check_eq "... nothing recorded" "$n0" "$(ncases)"
R=$(report_as "$OF" --category MT --text "Rác" --received "$(ago '-6 days')")
check_match "a duty officer may record what came in 6 days ago" '^BT-[0-9]+$' "$R"
check_exit "... not 8 days ago" 2 report_as "$OF" --category MT --text "Rác" --received "$(ago '-8 days')"
check_match "... saying the limit" "is more than 168 hours ago" "$ERR"
R=$(report_as "$CH" --category MT --text "Rác" --received "$(ago '-6 days')")
check_match "a chair may record what came in 6 days ago" '^BT-[0-9]+$' "$R"

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
