#!/bin/bash
# take_try.sh - the take whose loss is a result (issue 14 item 2):
# wardesk.take_try() returns (won, ref, holder, holder_name, version); a
# case held by someone else is a row with won = f naming the holder, every
# other refusal is raised as take() raises it; take() (psql's API) raises
# WD102 on a loss.  A hostile login in psql gets from take_try exactly what
# take gives it; the winner keeps every rule (state, audit event in the
# chain with the real actor); a claim that is rolled back leaves the case
# to the next officer; the claim's wait obeys lock_timeout; the console, the
# CLI and bench/takes.c send the same statement.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Văn Bình" officer) &&
CHU=$(mk_officer chu "Võ Thị Chủ" chair) &&
OFF=$(mk_officer off "Đặng Văn Nghỉ" officer) &&
GA=$(mk_officer ga "Phạm Gia An" officer GD) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí")
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "5 Bạch Đằng")
R3=$(report_as "$HL" --category MT --text "Nước ngập hẻm" --address "3 Nơ Trang Long")
R4=$(report_as "$HL" --category MT --text "Cây đổ" --address "7 Phan Văn Trị")
check_match "setup: four cases" "^[A-Z]+-[0-9]+$" "$R4"
# an officer made inactive while their login still works (a session that
# was open when the chair deactivated them)
sql "update wardesk.officers set active = false where login = '$OFF'" >/dev/null
NOBODY=$(login nobody)
sql "create role $NOBODY login in role wardesk_staff" >/dev/null

# tt WHO REF [SEEN]: take_try in psql as WHO, one line won|ref|holder|name|version
tt() {
	psql_as "$1" -c "select won || '|' || ref || '|' || coalesce(holder, '') || '|'
	                        || coalesce(holder_name, '') || '|' || version
	                   from wardesk.take_try('$2', ${3:-null})"
}
# code WHO SQL: CODE = the SQLSTATE the statement is refused with ('' when
# none), ERR its messages
code() {
	run psql_as "$1" -v VERBOSITY=verbose -c "$2"
	CODE=$(sed -n 's/^[^:]*ERROR: *\([0-9A-Z]\{5\}\):.*/\1/p' <<<"$ERR" | head -n 1)
}
events() { sql "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
                 where c.ref = '$1' and e.action = 'take'"; }

# --- a win and a loss --------------------------------------------------------
v0=$(case_field "$R1" version)
check_eq "a free case: won, with the new version and the taker's name" \
	"true|$R1|$AN|Nguyễn Văn An|$((v0 + 1))" "$(tt "$AN" "$R1")"
check_eq "... the case is in progress, held by the taker" "in_progress|$AN" \
	"$(case_field "$R1" "state || '|' || owner")"
check_eq "... one take event, with the real actor" "1|$AN" \
	"$(sql "select count(*) || '|' || min(e.actor) from wardesk.case_events e
	         join wardesk.cases c on c.id = e.case_id where c.ref = '$R1' and e.action = 'take'")"
check_eq "a held case: lost, naming the holder, at the version read" \
	"false|$R1|$AN|Nguyễn Văn An|$((v0 + 1))" "$(tt "$BINH" "$R1")"
check_eq "... nothing changed (version, holder, events)" "$((v0 + 1))|$AN|1" \
	"$(case_field "$R1" "version || '|' || owner")|$(events "$R1")"
code "$BINH" "select wardesk.take('$R1')"
check_eq "take() in psql: the loss is WD102" WD102 "$CODE"
check_match "... naming the holder as before" "$R1 is already held by $AN \\(Nguyễn Văn An\\)" "$ERR"
check_match "... with the holder in DETAIL" "\"holder\" : \"$AN \\(Nguyễn Văn An\\)\"" "$ERR"
check_eq "take() wins as before, returning the case" "$AN|in_progress" \
	"$(psql_as "$AN" -c "select owner || '|' || state from wardesk.take('$R4')")"

# --- every other refusal: the same SQLSTATE as take() -----------------------
same() {   # same DESCRIPTION WHO REF SEEN WANT
	local a b
	code "$2" "select * from wardesk.take_try('$3', $4)"
	a=$CODE
	code "$2" "select * from wardesk.take('$3', $4)"
	b=$CODE
	check_eq "$1: take_try refuses with $5" "$5" "$a"
	check_eq "... as take() does" "$5" "$b"
}
vR2=$(case_field "$R2" version)
same "already yours" "$AN" "$R1" null WD304
same "another ward's case (psql as a GD officer)" "$GA" "$R2" null WD401
same "another ward's case by a number" "$GA" "${R2##*-}" null WD401
same "a stale version" "$BINH" "$R2" $((vR2 - 1)) WD002
same "a hotline operator" "$HL" "$R2" null WD603
same "an inactive officer" "$OFF" "$R2" null WD401
same "no such case" "$AN" "BT-99999" null WD401
same "a staff login that is no officer" "$NOBODY" "$R2" null WD401
check_eq "... after all of them $R2 is untouched" "$vR2|new||0" \
	"$(case_field "$R2" "version || '|' || state || '|' || coalesce(owner, '')")|$(events "$R2")"
check_eq "a chair may take; at the version seen" "true|$R2|$CHU|Võ Thị Chủ|$((vR2 + 1))" \
	"$(tt "$CHU" "$R2" "$vR2")"

# --- resolved, reopened ------------------------------------------------------
wd_as "$AN" close "$R1" --note "đã thu gom" </dev/null >/dev/null 2>&1
same "a resolved case" "$BINH" "$R1" null WD301
wd_as "$CHU" reopen "$R1" --note "người dân báo lại" </dev/null >/dev/null 2>&1
check_eq "setup: $R1 reopened" reopened "$(case_field "$R1" state)"
check_match "a reopened case can be taken again" "^true\\|$R1\\|$BINH\\|" "$(tt "$BINH" "$R1")"
check_eq "... the audit chain of the ward is intact" t \
	"$(sql "select bool_and(intact) from wardesk.audit_verify()")"

# --- racing in two sessions: the claim ---------------------------------------
# a_waits: A's session is in its pg_sleep, its take_try done
a_waits() {
	[ "$(sql "select count(*) from pg_stat_activity where usename = '$AN' and query ~ 'pg_sleep'
	           and wait_event = 'PgSleep'")" = 1 ]
}
# A takes and holds its transaction open; B's take_try waits for it.
race() {   # race END_OF_A: prints what B got
	psql_as "$AN" -c "begin; select won from wardesk.take_try('$R3'); select pg_sleep(1.5); $1;" \
		>"$WD_TMP/a.out" 2>&1 &
	local apid=$!
	wait_until 10 a_waits
	tt "$BINH" "$R3" 2>&1
	wait "$apid"
}
check_eq "B waits for A's open take; A rolls back: B wins" \
	"true|$R3|$BINH|Lê Văn Bình|$(($(case_field "$R3" version) + 1))" "$(race rollback)"
check_eq "... one take event, B's" "1|$BINH" \
	"$(sql "select count(*) || '|' || min(e.actor) from wardesk.case_events e
	         join wardesk.cases c on c.id = e.case_id where c.ref = '$R3' and e.action = 'take'")"
psql_as "$CHU" -c "select version from wardesk.assign('$R3', '$CHU')" >/dev/null
psql_as "$CHU" -c "select version from wardesk.close('$R3', null, 'xong')" >/dev/null
psql_as "$CHU" -c "select version from wardesk.reopen('$R3', null, 'chưa xong')" >/dev/null
check_eq "setup: $R3 reopened" reopened "$(case_field "$R3" state)"
check_match "B waits for A's open take; A commits: B lost to A" \
	"^false\\|$R3\\|$AN\\|Nguyễn Văn An\\|" "$(race commit)"

# the claim's wait obeys lock_timeout: an action never waits forever
R5=$(report_as "$HL" --category MT --text "Ống nước vỡ" --address "1 Lê Quang Định")
psql_as "$AN" -c "begin; select won from wardesk.take_try('$R5'); select pg_sleep(3); rollback;" \
	>/dev/null 2>&1 &
apid=$!
wait_until 10 a_waits
code "$BINH" "set lock_timeout = '200ms'; select * from wardesk.take_try('$R5')"
check_eq "a claim held open: another take_try times out (lock_timeout)" 55P03 "$CODE"
wait "$apid"
check_eq "... and nothing applied: $R5 is still free" "new|" \
	"$(case_field "$R5" "state || '|' || coalesce(owner, '')")"

# --- the CLI: a loss is the same refusal as before ---------------------------
check_exit "wardesk take of a held case: refused (exit 1)" 1 wd_as "$CHU" take "$R4"
check_eq "... naming the holder" "wardesk: $R4 is already held by $AN (Nguyễn Văn An)" "$ERR"
check_exit "wardesk take of a free case wins" 0 wd_as "$BINH" take "$R5"
check_eq "... $R5 is B's" "in_progress|$BINH" "$(case_field "$R5" "state || '|' || owner")"

# --- the bench sends what the store sends ------------------------------------
store_sql=$(python3 - "$WD_ROOT/src/store_case_actions.c" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
body = src[src.index("enum st_status store_take("):]
body = body[:body.index("\n}\n")]
call = body[body.index("st_write("):]
call = call[:call.index(";")]
print("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', call)))
PY
)
bench_sql=$(sed -n 's/^#define TAKE_SQL "\(.*\)"$/\1/p' "$WD_ROOT/bench/takes.c")
check_match "store_take calls take_try" "wardesk\\.take_try\\(" "$store_sql"
check_eq "bench/takes.c sends the store's statement" "$store_sql" "$bench_sql"
