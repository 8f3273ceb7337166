#!/bin/bash
# sweep_lock.sh - nobody can stop the sweep quietly (issue 13, item 2;
# sql/code/50_deadlines.sql, sql/migrations/007_hardening_a.sql):
#   - a hotline login holding the advisory lock keys the sweep used before
#     007 (hashtext('wardesk.sweep'), ward) no longer stops it: watch --once
#     still warns, escalates and marks the overdue case;
#   - the sweep's lock is its ward's row of wardesk.sweep_state, which no
#     staff login can read or lock;
#   - a session holding that row (the owner, in psql) makes `watch --once`
#     exit 1 naming the holder, and `watch` (loop) say so on stderr and go on;
#   - sweep_health() tells each ward's officers when their last sweep ran,
#     by whom, and nothing of other wards; `wardesk board` shows it.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Lê Văn Quét" officer) &&
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) &&
GV=$(mk_officer gv "Ngô Văn Gò" officer GV) || { not_ok "setup: officers"; exit 1; }
WARD=$(sql "select id from wardesk.wards where code = 'BT'")
ok "setup: officers, ward BT is $WARD"

psql_try() { printf '%s\n' "$2" >"$WD_TMP/q.sql"; run psql_as "$1" -f "$WD_TMP/q.sql"; }

# hold LOGIN SQL: a psql session as LOGIN that runs SQL (which prints a line
# starting "held") in an open transaction, until release.
hold() { held_open "$1" && held_send "begin;" "$2" && held_wait held; }
release() { held_close; }

# a case received 3 hours ago: warn, auto-escalate and overdue are all due
R1=$(report_as "$HL" --category MT --text "Rác tồn đọng" --received "$(date -d '-3 hours' +%Y-%m-%dT%H:%M:%S%:z)") ||
	{ not_ok "setup: case" "$R1"; exit 1; }

hold "$HL" "select 'held ' || pg_advisory_xact_lock(hashtext('wardesk.sweep'), $WARD)::text;
            select 'held ' || pg_advisory_xact_lock(hashtext('wardesk.sweep'), 0)::text;"
check_match "a hotline login holds the old advisory keys" '^held' "$(cat "$HOLD_OUT")"
check_exit "watch --once still sweeps (exit 0)" 0 wd_as "$OF" watch --once
check_match "... warning $R1" " $R1 warn " "$OUT"
check_match "... and marking it overdue" " $R1 overdue " "$OUT"
check_eq "... the case is overdue" 2 "$(case_field "$R1" escalation)"
release

psql_try "$HL" "select * from wardesk.sweep_state"
check_eq "a hotline login cannot read the sweep's lock table" 3 "$RC"
check_match "... permission denied" 'permission denied' "$ERR"
psql_try "$CH" "begin; select 1 from wardesk.sweep_state where ward_id = $WARD for update nowait; commit"
check_eq "nor can a chair lock it" 3 "$RC"
check_match "... permission denied" 'permission denied' "$ERR"

psql_try "$OF" "select ward || '|' || last_by || '|' || (last_steps > 0)::text from wardesk.sweep_health()"
check_eq "sweep_health: BT's last sweep, by whom, with steps" "BT|$OF|true" "$OUT"
psql_try "$OF" "select (abs(extract(epoch from last_at - wardesk.now())) < 60)::text from wardesk.sweep_health()"
check_eq "... and when (the desk clock)" true "$OUT"
psql_try "$GV" "select string_agg(ward || '|' || coalesce(last_by, '-'), ',') from wardesk.sweep_health()"
check_eq "an officer of GV sees only GV, never swept" "GV|-" "$OUT"

# The owner holds the sweep's row: the sweep cannot run and says so.
hold postgres "set local role wardesk_owner;
               select 'held ' || ward_id from wardesk.sweep_state where ward_id = $WARD for update;"
check_match "the owner (psql) holds BT's row of sweep_state" '^held' "$(cat "$HOLD_OUT")"
check_exit "watch --once exits 1" 1 wd_as "$OF" watch --once
check_match "... saying the sweep cannot run and who holds it" \
	'the sweep of ward BT cannot run: postgres \(pid [0-9]+\) holds its lock; nothing was swept' "$ERR"
if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	run env PGUSER="$OF" LANG=vi_VN.UTF-8 "$WD_BIN" watch --once </dev/null
	check_match "... in Vietnamese under vi_VN (WDSWP mapped by src/refusals.c)" \
		'không chạy được rà soát hạn của phường BT: postgres \(pid [0-9]+\) đang giữ khoá; chưa rà soát gì' "$ERR"
else
	skip "... in Vietnamese" "vi_VN.UTF-8 not generated"
fi
# the console's call (p_wait false) does not wait for the lock: refused at
# once, where a call that waits (2 s) meets the 1 s statement timeout first
run psql_as "$OF" -v VERBOSITY=verbose -c "set statement_timeout = '1s'" \
	-c "select count(*) from wardesk.sweep_chunk(5, false)"
check_match "the console's sweep call (no wait) is refused at once with WDSWP" \
	'WDSWP: the sweep of ward BT cannot run: postgres' "$ERR"
run psql_as "$OF" -v VERBOSITY=verbose -c "set statement_timeout = '1s'" \
	-c "select count(*) from wardesk.sweep_chunk(5)"
check_match "... where watch's call waits for the lock (cancelled here by the 1 s timeout)" \
	'57014' "$ERR"
check_exit "watch (loop, 2 sweeps) keeps going" 0 wd_as "$OF" --max-iterations 2 watch --interval 1
check_eq "... saying so on stderr each time" 2 "$(grep -c 'cannot run' <<<"$ERR")"
check_eq "sweep_health still shows the last sweep that ran" "BT|$OF" \
	"$(psql_as "$OF" -c "select ward || '|' || last_by from wardesk.sweep_health()")"
release
check_exit "released: watch --once exits 0 again" 0 wd_as "$CH" watch --once
check_eq "... and the health names the chair now" "BT|$CH" \
	"$(psql_as "$OF" -c "select ward || '|' || last_by from wardesk.sweep_health()")"
check_exit "board (the chair's)" 0 wd_as "$CH" board
check_match "... shows BT's last sweep and who ran it" "^Last sweep \(BT\): +[0-9-]+[T ][0-9:]+.* by $CH$" "$OUT"
check_exit "board --format json" 0 wd_as "$CH" board --format json
check_eq "... last_sweep: ward and login" "BT $CH" "$(json_get "$OUT" 'j["last_sweep"][0]["ward"] + " " + j["last_sweep"][0]["by"]')"

# A console's call (p_wait false) right after a sweep of the ward that found
# nothing due sweeps nothing and writes nothing (issue 14 item 1: 200
# consoles made ten sweeps a second); watch's call (p_wait true) always
# sweeps, and after two seconds the console's call does again.  One psql
# session, so the calls are milliseconds apart.
RECV="$(date -d '-3 hours' +%Y-%m-%dT%H:%M:%S%:z)"
printf '%s\n' \
	"select 'a ' || count(*) from wardesk.sweep_chunk(400);" \
	"select 'b ' || count(*) from wardesk.sweep_chunk(400);" \
	"select 'n ' || last_at from wardesk.sweep_health();" \
	"select 'r ' || ref from wardesk.report(p_category => 'MT', p_description => 'Rác sau bữa chợ', p_received_at => '$RECV');" \
	"select 'c ' || count(*) from wardesk.sweep_chunk(5, false);" \
	"select 'n ' || last_at from wardesk.sweep_health();" \
	"select 'w ' || count(*) from wardesk.sweep_chunk(5);" \
	"select 'b ' || count(*) from wardesk.sweep_chunk(400);" \
	"select 'r ' || ref from wardesk.report(p_category => 'MT', p_description => 'Rác sau bữa chợ 2', p_received_at => '$RECV');" \
	"select pg_sleep(2.2);" \
	"select 'c ' || count(*) from wardesk.sweep_chunk(5, false);" >"$WD_TMP/skip.sql"
run psql_as "$OF" -f "$WD_TMP/skip.sql"
check_eq "skip: psql session ran" 0 "$RC"
mapfile -t SK < <(grep -E '^[abcnrw] ' <<<"$OUT")
check_eq "... the ward swept, then nothing due" "b 0" "${SK[1]}"
check_eq "... a case due three steps reported" r "${SK[3]%% *}"
check_eq "... the console's call at once after: nothing swept" "c 0" "${SK[4]}"
check_eq "... nor written (sweep_health: the same last sweep)" "${SK[2]}" "${SK[5]}"
check_eq "... watch's call (p_wait true) sweeps it: warn, escalate, overdue" "w 3" "${SK[6]}"
check_eq "... and two seconds after a sweep that found nothing, the console's call sweeps" "c 3" "${SK[9]}"

# An every-ward sweep (scope 0) at work holds back a ward's sweep, and the
# other way round: both at once took the cases the other had not locked
# yet, and one catch-up came to an officer as two summaries
# (tests/cli/deadline_race.sh, once in a CI run).
hold postgres "set local role wardesk_owner;
               select 'held ' || ward_id from wardesk.sweep_state where ward_id = 0 for update;"
check_match "the owner (psql) holds the every-ward row of sweep_state" '^held' "$(cat "$HOLD_OUT")"
run psql_as "$OF" -v VERBOSITY=verbose -c "select count(*) from wardesk.sweep_chunk(5, false)"
check_match "a ward's sweep is refused while an every-ward sweep runs, naming it" \
	'WDSWP: the sweep of ward BT cannot run: postgres \(pid [0-9]+\)' "$ERR"
release
hold "$OF" "select 'held ' || count(*) from wardesk.sweep_chunk(5, false);"
check_match "a ward's sweep in an open transaction (an officer's psql)" '^held' "$(cat "$HOLD_OUT")"
run psql -X -At -U postgres -v VERBOSITY=verbose -c "set lock_timeout = '1s'" \
	-c "select count(*) from wardesk.sweep_chunk(5)"
check_match "... holds back the every-ward sweep (refused, WDSWA)" \
	"WDSWA: the sweep of every ward cannot run: " "$ERR"
check_match "... naming the officer's session that holds it (not \"another session\")" \
	"WDSWA: the sweep of every ward cannot run: $OF \\(pid [0-9]+\\) holds its lock" "$ERR"
release
# Two wards' sweeps at once share the every-ward row (its lock is then a
# MultiXact): the every-ward sweep names both sessions.
hold "$OF" "select 'held ' || count(*) from wardesk.sweep_chunk(5);"
printf '%s\n' "begin;" "select 'held ' || count(*) from wardesk.sweep_chunk(5);" \
	"select pg_sleep(5);" "rollback;" >"$WD_TMP/gv.sql"
psql_as "$GV" -f "$WD_TMP/gv.sql" >"$WD_TMP/gv.out" 2>&1 &
GV_PID=$!
wait_until 10 grep -q '^held' "$WD_TMP/gv.out"
run psql -X -At -U postgres -v VERBOSITY=verbose -c "select count(*) from wardesk.sweep_chunk(5)"
check_match "two wards' sweeps hold back the every-ward sweep: it names ward BT's officer" \
	"WDSWA: the sweep of every ward cannot run: .*$OF \\(pid [0-9]+\\)" "$ERR"
check_match "... and ward GV's" "WDSWA: the sweep of every ward cannot run: .*$GV \\(pid [0-9]+\\)" "$ERR"
wait "$GV_PID"
release
