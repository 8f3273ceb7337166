#!/bin/bash
# busy.sh - an open transaction cannot freeze a case, and an interrupted
# action never applies later (issue 13, item 3, the client's half):
#   - another session holds the case row (begin; select ... for update):
#     `take` gives up within the lock timeout with "case busy, try again",
#     exit 1, and the case stays untaken;
#   - `take` interrupted with SIGINT / SIGTERM while it waits for that row
#     ends at once, and once the other session ends, the case is still
#     untaken (the query was cancelled, nothing is committed later).
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Lê Văn Bận" officer) || { not_ok "setup: officer" "$OF"; exit 1; }
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline" "$HL"; exit 1; }
# fresh: report a new case into REF (each part of the test has its own)
fresh() {
	REF=$(report_as "$HL" --category MT --text "Nắp cống bị mất ($1)" --address "Lê Lợi") ||
		{ not_ok "setup: report a case" "$REF"; exit 1; }
}

# hold REF: a psql session that locks the case row and keeps its
# transaction open until release is called.
hold() {
	held_open postgres -v ref="$REF"
	held_send "begin;" "select 'locked ' || id from wardesk.cases where ref = :'ref' for update;"
	held_wait locked
}
release() { held_close; }

untaken() {
	check_eq "$1: the case is still new" new "$(case_field "$REF" state)"
	check_eq "$1: nobody holds it" "" "$(case_field "$REF" owner)"
	check_eq "$1: no take in the audit" 0 "$(psql_as postgres -v ref="$REF" <<<"select count(*)
		from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
		where c.ref = :'ref' and e.action = 'take'")"
}

# run_bg NAME CMD...: start CMD in the background (stdout/stderr/status in files)
run_bg() {
	local n=$1
	shift
	rm -f "$WD_TMP/$n.rc"
	("$@" </dev/null >"$WD_TMP/$n.out" 2>"$WD_TMP/$n.err"; echo $? >"$WD_TMP/$n.rc") &
}
done_within() { wait_until "$2" test -s "$WD_TMP/$1.rc"; }

# ---- 1. the lock timeout: refused as busy, quickly -----------------------
fresh busy
hold || { not_ok "setup: hold the case row" "$(cat "$HOLD_OUT")"; exit 1; }
ok "another session holds $REF"
t0=$(date +%s)
run_bg take1 env PGUSER="$OF" "$WD_BIN" take "$REF"
if done_within take1 15; then
	t1=$(date +%s)
	check_eq "take gives up with exit 1" 1 "$(cat "$WD_TMP/take1.rc")"
	check_match "... saying the case is busy" 'busy, try again' "$(cat "$WD_TMP/take1.err")"
	check "... within the lock timeout (3 s, took $((t1 - t0)) s)" test $((t1 - t0)) -le 8
else
	not_ok "take gives up with exit 1" "still waiting after 15 s (no lock_timeout)"
	not_ok "... saying the case is busy"
	not_ok "... within the lock timeout"
fi
release
done_within take1 10 || true
untaken "after a busy refusal"

# ---- 2. Ctrl-C while waiting: cancelled, never applied later ----------------
for sig in INT TERM; do
	fresh "$sig"
	hold || { not_ok "setup: hold the case row again" "$(cat "$HOLD_OUT")"; exit 1; }
	# no lock timeout here: only the cancel can stop the wait
	t0=$(date +%s)
	run_bg "sig$sig" env WARDESK_LOCK_TIMEOUT=0 WARDESK_STATEMENT_TIMEOUT=0 PGUSER="$OF" \
		timeout -s "$sig" 1 "$WD_BIN" take "$REF"
	if done_within "sig$sig" 8; then
		ok "SIG$sig ends a take waiting for the row ($(($(date +%s) - t0)) s)"
		check_nomatch "... without reporting success" '^(ok|taken)' "$(cat "$WD_TMP/sig$sig.out")"
	else
		not_ok "SIG$sig ends a take waiting for the row" "still running after 8 s"
		skip "... without reporting success" "it did not end"
	fi
	release
	# had the take survived, it would now get the row and commit: give it the chance
	done_within "sig$sig" 10 || true
	untaken "after SIG$sig"
	diag "take after SIG$sig: exit $(cat "$WD_TMP/sig$sig.rc" 2>/dev/null), $(cat "$WD_TMP/sig$sig.err")"
done

# ---- 3. and the case is free afterwards --------------------------------------
fresh free
check_exit "with the other session gone, take succeeds" 0 wd_as "$OF" take "$REF"
check_eq "the officer holds it" "$OF" "$(case_field "$REF" owner)"
