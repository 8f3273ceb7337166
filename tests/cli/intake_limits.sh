#!/bin/bash
# intake_limits.sh - intake takes nothing a caller could forge, and nothing
# too long (issue 13, item 12, the SQL and feed parts; sql/code/40_intake.sql,
# 007_hardening_a.sql, src/open311.c):
#   - the session settings wardesk.intake_flags / wardesk.intake_service_code
#     no longer add flags or a service code to a case (the feed passes them
#     as arguments);
#   - channel app is the feed's alone: report (CLI, psql) and add_reporter
#     refuse it;
#   - address 500, reporter name 200, description and notes 4000 characters,
#     in the functions (plain errors) and in the table (constraints);
#   - the feed refuses control characters inside JSON strings (raw, as json-c
#     lets them through, or escaped), item by item.
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
check_match "... saying how long" 'address is too long \(501 characters, at most 500\)' "$ERR"
check_exit "... a 100 000-character one too" 2 report_as "$HL" --category MT --text "Rác" --address "$(rep 100000)"
check_exit "a 500-character address is fine" 0 report_as "$HL" --category MT --text "Rác" --address "$(rep 500 đ)"
check_exit "CLI: a 201-character name is refused" 2 report_as "$HL" --category MT --text "Rác" --name "$(rep 201)"
check_match "... saying how long" "(reporter's name|--name) is too long \(201 characters, at most 200\)" "$ERR"
check_exit "CLI: a 4001-character description is refused" 2 report_as "$HL" --category MT --text "$(rep 4001)"
check_exit "take $R" 0 wd_as "$OF" take "$R"
check_exit "CLI: a 4001-character resolution note is refused" 2 wd_as "$OF" close "$R" --note "$(rep 4001)"
check_match "... saying how long" '(resolution note|--note) is too long \(4001 characters, at most 4000\)' "$ERR"
check_exit "CLI: a 4001-character escalation note is refused" 2 wd_as "$OF" escalate "$R" --note "$(rep 4001)"
run sql "update wardesk.cases set address = repeat('x', 501) where ref = '$R'"
check_eq "the table refuses a long address even to a superuser" 1 "$RC"
check_match "... by its constraint" 'cases_address_length' "$ERR"
run sql "update wardesk.cases set reporter_name = repeat('x', 201) where ref = '$R'"
check_eq "... and a long reporter name" 1 "$RC"

# --- the feed: control characters inside strings
printf '[{"service_request_id": "C-1", "service_code": "MT", "description": "R\xc3\xa1c \x1b[31m\xc4\x91\xe1\xbb\x8f",\n  "requested_datetime": "2026-11-23T08:00:00+07:00"},\n {"service_request_id": "C-2", "service_code": "MT", "description": "ok",\n  "address": "12 L\xc3\xaa\nL\xe1\xbb\xa3i", "requested_datetime": "2026-11-23T08:00:00+07:00"},\n {"service_request_id": "C-3", "service_code": "MT", "description": "ok \\u001b[2J",\n  "requested_datetime": "2026-11-23T08:00:00+07:00"},\n {"service_request_id": "C-4", "service_code": "MT", "description": "m\xe1\xbb\x99t\ndòng\\nhai",\n  "requested_datetime": "2026-11-23T08:00:00+07:00", "status_notes": "x\xc2\x9by"}]' >"$WD_TMP/ctl.json"
before=$(sql "select count(*) from wardesk.cases")
check_exit "import: a feed with control characters is refused (exit 2)" 2 wd_as "$HL" import "$WD_TMP/ctl.json"
check_match "item 1: a raw ESC in the description" \
	'item 1 \(C-1\): description contains a control character \(U\+001B at character 5\)' "$ERR"
check_match "item 2: a raw newline in the address" \
	'item 2 \(C-2\): address contains a control character \(U\+000A at character 6\)' "$ERR"
check_match "item 3: an escaped ESC (\\u001b) in the description" \
	'item 3 \(C-3\): description contains a control character \(U\+001B' "$ERR"
check_match "item 4: a C1 control (U+009B) in status_notes" \
	'item 4 \(C-4\): status_notes contains a control character \(U\+009B at character 2\)' "$ERR"
check_nomatch "... but a newline in a description is fine" 'item 4 \(C-4\): description' "$ERR"
check_eq "nothing was imported" "$before" "$(sql "select count(*) from wardesk.cases")"
