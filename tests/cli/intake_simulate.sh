#!/bin/bash
# intake_simulate.sh - `wardesk simulate` feeds app reports and phone tickets
# through the real intake paths; deterministic by --seed; stops on SIGTERM.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"

check_exit "simulate 12 reports at 600/min" 0 wd_as "$HL" simulate --rate 600/min --count 12 --seed 7
check_eq "twelve lines printed" 12 "$(printf '%s\n' "$OUT" | grep -c .)"
check_match "summary on stderr" 'simulated 12 reports' "$ERR"
check_eq "twelve cases in the store" 12 "$(sql "select count(*) from wardesk.cases")"
check_eq "both channels used" "app,hotline" "$(sql "select string_agg(distinct channel, ',' order by channel) from wardesk.cases")"
check_eq "app reports carry an external id and a photo" 0 \
	"$(sql "select count(*) from wardesk.cases where channel = 'app' and (external_id is null or cardinality(media_urls) <> 1)")"
check_eq "phone tickets carry a normalised phone" 0 \
	"$(sql "select count(*) from wardesk.cases where channel = 'hotline' and reporter_phone !~ '^0[35789][0-9]{8}\$'")"
check_eq "all text stored as NFC" 0 "$(sql "select count(*) from wardesk.cases where description is not nfc normalized")"
first=$(sql "select string_agg(channel || ':' || category || ':' || description, '|' order by id) from wardesk.cases")

sql "delete from wardesk.case_events" >/dev/null 2>&1   # refused (append-only); fine
check_exit "the same seed again" 0 wd_as "$HL" simulate --rate 600/min --count 12 --seed 7 --quiet
second=$(sql "select string_agg(channel || ':' || category || ':' || description, '|' order by id) from wardesk.cases where id > (select min(id) + 11 from wardesk.cases)")
check_eq "... gives the same reports (deterministic)" "$first" "$second"
check_exit "--duration stops by itself" 0 wd_as "$HL" simulate --rate 120/min --duration 2s --seed 3 --quiet
check_match "... after a few reports" 'simulated [1-9][0-9]* reports' "$ERR"

# SIGTERM stops it cleanly between two reports
PGUSER=$HL "$WD_BIN" simulate --rate 60/min --seed 9 >"$WD_TMP/sim.out" 2>"$WD_TMP/sim.err" </dev/null &
pid=$!
has_one() { [ -s "$WD_TMP/sim.out" ]; }
wait_until 10 has_one
kill -TERM "$pid"
wait "$pid"
rc=$?
check_eq "SIGTERM: exit 0" 0 "$rc"
check_match "... and says it was stopped" 'stopped by a signal' "$(cat "$WD_TMP/sim.err")"

check_exit "--rate is required" 2 wd_as "$HL" simulate --count 1
check_exit "a bad rate is usage" 2 wd_as "$HL" simulate --rate fast
check_exit "a non-officer cannot simulate (exit 1)" 1 wd simulate --rate 60 --count 1
