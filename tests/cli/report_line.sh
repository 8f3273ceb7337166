#!/bin/bash
# report_line.sh - a phone ticket records which hotline took the call and
# whether the caller wants a call back; a bad line is bad usage.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) || { not_ok "setup: hotline officer" "$HL"; exit 1; }
ok "setup: hotline officer"

REF=$(report_as "$HL" --category ANTT --text "Hai nhóm thanh niên đánh nhau" \
	--phone "0909.123.456" --line police --callback) || { not_ok "report with --line"; exit 1; }
check_match "report prints a reference" '^BT-[0-9]+$' "$REF"
check_eq "line and call-back stored" "police|t|0909123456" \
	"$(psql_as postgres -c "select hotline_line, callback_wanted, reporter_phone from wardesk.cases where ref = '$REF'")"

REF2=$(report_as "$HL" --category MT --text "Rác ùn ứ") || { not_ok "report without --line"; exit 1; }
check_eq "no line, no call-back by default" "|f" \
	"$(psql_as postgres -c "select hotline_line, callback_wanted from wardesk.cases where ref = '$REF2'")"

check_exit "--line must be police or committee (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "x" --line fire
