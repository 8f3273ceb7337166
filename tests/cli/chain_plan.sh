#!/bin/bash
# chain_plan.sh - the audit chain's lookup of a ward's last event
# (tg_case_events_chain, 26_audit_chain.sql) is one step back along the
# index (ward_id, chain_seq) in every plan, also when the statistics say
# case_events is empty (a new database, a bulk load): its generic plan,
# which take_try's statements run with and which is kept for the session,
# was then a sequential scan and sort of the whole trail at every event;
# likewise the head's move at the commit (tg_case_events_head).
# Read from the plans auto_explain logs (LOG messages to the client); and
# the planner settings the sweep's triggers carry.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
refs=()
for i in 1 2 3 4 5 6 7; do
	refs+=("$(report_as "$HL" --category MT --text "Rác thải số $i" --address "$i Nguyễn Xí")")
done
check_match "setup: seven cases" "^[A-Z]+-[0-9]+$" "${refs[6]}"
# the planner's belief of a new database: no events
sql "analyze wardesk.case_events;
     update pg_class set reltuples = 0 where oid = 'wardesk.case_events'::regclass" >/dev/null
check_eq "setup: the statistics say case_events is empty" 0 \
	"$(sql "select reltuples::int from pg_class where oid = 'wardesk.case_events'::regclass")"

# seven takes in one session (a generic plan from the sixth call on at the
# latest; take_try asks for it at once), every plan logged
takes=""
for r in "${refs[@]}"; do
	takes+="select won from wardesk.take_try('$r');"$'\n'
done
cat >"$WD_TMP/takes.sql" <<SQL
load 'auto_explain';
set auto_explain.log_min_duration = 0;
set auto_explain.log_nested_statements = on;
set client_min_messages = log;
set session authorization $AN;
$takes
SQL
run psql_as postgres -f "$WD_TMP/takes.sql"
check_eq "the seven takes won" "t t t t t t t" "$(echo $OUT)"
lookups=$(grep -c 'Index Scan Backward using case_events_chain on case_events' <<<"$ERR")
check "the last-event lookup went back along the chain's index at every take (7: $lookups)" \
	test "$lookups" -ge 7
check_nomatch "... and never read the trail whole (no Seq Scan on case_events)" \
	'Seq Scan on case_events' "$ERR"
check_eq "the chain is intact" t "$(sql "select bool_and(intact) from wardesk.audit_verify()")"

# The sweep's statements run with force_custom_plan (sweep_chunk); the
# statement trigger that writes their events plans as any session does, so
# the events' foreign-key checks and the NOTIFY are not planned anew at
# every row and call; the chain trigger keeps its one plan (above).
check_eq "the sweep's event trigger plans with plan_cache_mode auto" "plan_cache_mode=auto" \
	"$(sql "select c from pg_proc p, unnest(p.proconfig) c
	        where p.oid = 'wardesk.tg_cases_audit_steps()'::regprocedure and c like 'plan_cache_mode=%'")"
check_eq "the chain trigger with its one generic plan, no sequential scans" \
	"enable_seqscan=off plan_cache_mode=force_generic_plan" \
	"$(sql "select string_agg(c, ' ' order by c) from pg_proc p, unnest(p.proconfig) c
	        where p.oid = 'wardesk.tg_case_events_chain()'::regprocedure and c not like 'search_path=%'")"
