#!/bin/bash
# intake_limits.sh - intake takes nothing a caller could forge, and nothing
# too long (issue 13, item 12, the SQL part; sql/code/40_intake.sql,
# 007_hardening_a.sql):
#   - the session settings wardesk.intake_flags / wardesk.intake_service_code
#     no longer add flags or a service code to a case (the feed passes them
#     as arguments);
#   - channel app is the feed's alone: report (CLI, psql) and add_reporter
#     refuse it;
#   - address 500, reporter name 200, description and notes 4000 characters,
#     in the functions (plain errors) and in the table (constraints).
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
OF=$(mk_officer of "Lê Văn Dài" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

psql_try() { printf '%s\n' "$2" >"$WD_TMP/q.sql"; run psql_as "$1" -f "$WD_TMP/q.sql"; }
rep() { local s; printf -v s "%${1}s" ''; printf '%s' "${s// /${2:-a}}"; }

# --- forged flags
psql_try "$HL" "select set_config('wardesk.intake_flags', '{forged_flag}', false),
                       set_config('wardesk.intake_service_code', 'FORGED', false);
                select (wardesk.report('MT', 'Rác tồn đọng')).ref;"
check_eq "psql: report after setting the intake settings works" 0 "$RC"
R=$(tail -n 1 <<<"$OUT")
check_eq "... but adds no forged flag" "{}" "$(case_field "$R" flags)"
check_eq "... and no service code" "" "$(case_field "$R" service_code)"

# --- channel app
check_exit "CLI: report --channel app is refused (exit 2)" 2 \
	report_as "$HL" --category MT --text "Rác" --channel app
check_match "... it is the app feed's" 'channel app is only for the citizen app' "$ERR"
psql_try "$OF" "select (wardesk.report('MT', 'Rác', p_channel => ' APP ')).ref"
check_eq "psql: report(p_channel => ' APP ') refused" 3 "$RC"
psql_try "$HL" "select (wardesk.add_reporter('$R', 'Ông Ba', null, null, 'app')).ref"
check_eq "psql: add_reporter with channel app refused" 3 "$RC"
check_exit "report --channel walkin still works" 0 report_as "$HL" --category MT --text "Rác" --channel walkin

# --- lengths
check_exit "CLI: a 501-character address is refused (exit 2)" 2 \
	report_as "$HL" --category MT --text "Rác" --address "$(rep 501)"
check_match "... saying how long" 'the address is too long \(501 characters, at most 500\)' "$ERR"
check_exit "... a 100 000-character one too" 2 report_as "$HL" --category MT --text "Rác" --address "$(rep 100000)"
check_exit "a 500-character address is fine" 0 report_as "$HL" --category MT --text "Rác" --address "$(rep 500 đ)"
check_exit "CLI: a 201-character name is refused" 2 report_as "$HL" --category MT --text "Rác" --name "$(rep 201)"
check_match "... saying how long" "reporter's name is too long \(201 characters, at most 200\)" "$ERR"
check_exit "CLI: a 4001-character description is refused" 2 report_as "$HL" --category MT --text "$(rep 4001)"
check_exit "take $R" 0 wd_as "$OF" take "$R"
check_exit "CLI: a 4001-character resolution note is refused" 2 wd_as "$OF" close "$R" --note "$(rep 4001)"
check_match "... saying how long" 'resolution note is too long \(4001 characters, at most 4000\)' "$ERR"
check_exit "CLI: a 4001-character escalation note is refused" 2 wd_as "$OF" escalate "$R" --note "$(rep 4001)"
run sql "update wardesk.cases set address = repeat('x', 501) where ref = '$R'"
check_eq "the table refuses a long address even to a superuser" 1 "$RC"
check_match "... by its constraint" 'cases_address_length' "$ERR"
run sql "update wardesk.cases set reporter_name = repeat('x', 201) where ref = '$R'"
check_eq "... and a long reporter name" 1 "$RC"
