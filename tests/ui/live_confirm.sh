#!/bin/bash
# live_confirm.sh - the console's confirmation of the cases it drew from
# notifications (issue 14, item 1) costs the server no planning per call:
# its statement (wardesk.case_rows, 15_views.sql) is planned once per
# connection, when the console connects, not again at each of its first
# five executions (a statement prepared over case_list was: 2-5 ms of the
# backend's CPU each, with every console of a ward confirming within the
# same second).  Seen in the server's log with debug_print_plan set for
# the officer: the plans that read case_list.  And a database without
# case_rows (not yet upgraded) still has its cases confirmed, over the
# view: a forged case is removed, by a console connected before the
# function went and by one connected after.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
PGLOG=${WD_PGDIR:+$WD_PGDIR/log/postgres.log}
[ -n "$PGLOG" ] && [ -r "$PGLOG" ] || skip_all "the test cluster's log is not readable"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R0=$(report_as "$HL" --category MT --text "Rác thải" --address "12/3 Nguyễn Xí" --channel walkin)
sql "alter role \"$AN\" set debug_print_plan = on" >/dev/null

# plans_of_case_list: how many plans made so far by AN's backends read
# case_list (a plan is logged as "LOG:  plan:" with its tree in DETAIL,
# several lines; a view keeps its range table entry, ":aliasname case_list").
plans_of_case_list() {
	awk -v who=" $AN@" '
		/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
			if (index($0, " LOG:  plan:")) { if (mine && hit) n++; mine = index($0, who) > 0; hit = 0; next }
			if (!index($0, " DETAIL:")) { if (mine && hit) n++; mine = 0; hit = 0; next }
		}
		mine && index($0, ":aliasname case_list") { hit = 1 }
		END { if (mine && hit) n++; print n + 0 }' "$PGLOG"
}
forge_phantom() {   # forge_phantom ID ADDRESS: a case that does not exist, from binh
	psql_as "$BINH" -v fid="$1" -v addr="$2" <<'SQL'
select pg_notify(m.channel, jsonb_build_object('id', :'fid'::bigint, 'v', 5, 'ward', c.ward_id,
	'op', 'take', 'row', jsonb_build_object('ref', 'FAKE-' || :'fid', 'st', 'new', 'ch', 'app',
		'esc', 0, 'cat', c.category, 'own', null, 'dl', extract(epoch from c.deadline_at)::bigint,
		'cl', null, 'wm', 30, 'wa', false, 'ak', false, 'cb', false, 'ln', null, 'dup', false,
		'urg', false, 'addr', :'addr', 'desc', 'forged', 'ph', null, 'nm', null))::text)
  from wardesk.my_channels() m, wardesk.cases c
 where m.kind = 'case' and c.ref = (select min(ref) from wardesk.cases)
SQL
}
RAW=$WD_TMP/raw.out
drew() { grep -aq -- "$1" "$RAW"; }
phantom_removed() {   # phantom_removed ID ADDRESS WHAT
	forge_phantom "$1" "$2" >/dev/null
	if ! wait_until 5 drew "$2"; then
		not_ok "$3: the forged case is drawn" "screen:" "$(tm_capture)"
	elif tm_wait_gone "$2" 5; then
		ok "$3: the forged case is drawn, then removed by the confirmation"
	else
		not_ok "$3: the forged case is drawn, then removed by the confirmation" "screen:" "$TM_SCREEN"
	fi
}

tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "the console opens live" "^ +$R0 "
sleep 1.5   # (what it plans as it connects)
P0=$(plans_of_case_list)
check_match "setup: the server logs AN's plans (debug_print_plan)" "^[1-9]" "$P0"
# Four new cases, each confirmed on its own (within a second of its payload).
for i in 1 2 3 4; do
	R=$(report_as "$HL" --category MT --text "Ngập nước $i" --address "$i Điện Biên Phủ" --channel hotline)
	tm_wait_for "$R .*$i Điện Biên Phủ" 5 >/dev/null || not_ok "case $i is drawn" "screen:" "$TM_SCREEN"
	sleep 1.2
done
phantom_removed 987654321 "PHANTOM ONE" "five confirmations later"
P1=$(plans_of_case_list)
check_eq "the confirmations planned case_list no more after the console connected" "$P0" "$P1"

# --- a database without case_rows ------------------------------------------
sql "drop function wardesk.case_rows(bigint[])" >/dev/null
phantom_removed 987654322 "PHANTOM TWO" "case_rows gone, the console connected before"
tm_kill
tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "a console connects to the database without case_rows" "^ +$R0 "
phantom_removed 987654323 "PHANTOM THREE" "case_rows gone, a console connected after"
tm_kill
