#!/bin/bash
# audit_chain_stmt.sh - the sweep's step events chained per statement
# (chain_events, 26_audit_chain.sql; tg_cases_audit_steps, 25_audit.sql;
# issue 14 item 4, fifth pass): in one transaction with events of the row
# trigger before and after, in savepoints rolled back and released, over two
# wards in one statement, and while another session holds the head, the
# chain stays one line per ward (places consecutive, links right, hashes
# event_hash's, the head the last event); and what lets t50_chain leave
# rows with a hash alone holds: no login can insert an event, no other code
# names the chain columns.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
HL2=$(mk_officer hl2 "Đỗ Văn Nam" hotline QB) &&
OF=$(mk_officer of "Lý Thị Mai" officer) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác ở hẻm 12" --address "12 Lê Lợi") &&
R2=$(report_as "$HL" --category MT --text "Đèn hỏng ở hẻm 40" --address "40 Pasteur") &&
R3=$(report_as "$HL2" --category MT --text "Cống nghẹt" --address "3 Hai Bà Trưng") ||
	{ not_ok "setup: cases"; exit 1; }
ok "setup: three cases in two wards"

w1=$(sql "select ward_id from wardesk.cases where ref = '$R1'")
w2=$(sql "select ward_id from wardesk.cases where ref = '$R3'")
n1=$(sql "select count(*) from wardesk.case_events where ward_id = $w1")
n2=$(sql "select count(*) from wardesk.case_events where ward_id = $w2")
# a row-trigger event (an edit) and a step event (a reminder by hand: the
# statement path) of case $1, tagged $2
note() { echo "update wardesk.cases set description = description || ' $2' where ref = '$1';"; }
step() {
	echo "select set_config('wardesk.action', 'remind', true);
	      update wardesk.cases set last_alert_at = now() - interval '$2 min' where ref in ($1);
	      select set_config('wardesk.action', '', true);"
}

check_exit "one transaction: row events, step statements, savepoints" 0 \
	psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "
begin;
$(note "$R1" a)
$(step "'$R1', '$R2'" 1)
savepoint s1; $(step "'$R1'" 2) rollback to savepoint s1;
$(note "$R2" b)
savepoint s2; $(step "'$R2', '$R3'" 3) release savepoint s2;
$(step "'$R1', '$R2', '$R3'" 4)
$(note "$R3" c)
$(note "$R1" d)
commit;"
check_eq "... ward 1: 2 edits, 2+1+2 reminders, 1 edit, in that order" "update remind remind update remind remind remind update" \
	"$(chain_actions $w1 $n1)"
check_eq "... ward 2: 1+1 reminders, 1 edit" "remind remind update" \
	"$(chain_actions $w2 $n2)"
check_eq "... ward 1's line intact" "$((n1 + 8))|0|0|0" "$(chain_line "$w1")"
check_eq "... ward 2's line intact" "$((n2 + 3))|0|0|0" "$(chain_line "$w2")"
check_eq "... each head its ward's last event" "0" \
	"$(sql "select count(*) from wardesk.audit_heads h
	         join lateral (select id, chain_seq, hash from wardesk.case_events e where e.ward_id = h.ward_id
	                        order by chain_seq desc limit 1) l on true
	         where h.ward_id in ($w1, $w2)
	           and (h.seq <> l.chain_seq or h.event_id <> l.id or h.hash <> l.hash)")"

# a step statement alone (no other event in its transaction), then a row
# event in the next: the head moved by the statement is where the next starts
check_exit "a step statement alone, then an edit" 0 \
	psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "begin; $(step "'$R2'" 5) commit;" -c "$(note "$R2" e)"
check_eq "... ward 1's line intact" "$((n1 + 10))|0|0|0" "$(chain_line "$w1")"

# another session holds ward 1's head (an edit of R1, then a pause): the
# step statement (R2) waits for it, then chains after its events
psql -X -q -U postgres -c "begin; $(note "$R1" f) select pg_sleep(1); $(note "$R1" g) commit;" \
	>/dev/null 2>&1 &
bg=$!
sleep 0.3
check_exit "a step statement while another session holds the head" 0 \
	psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "begin; $(step "'$R2'" 6) commit;"
wait $bg
check_eq "... after the other session's events" "update update remind" \
	"$(chain_actions $w1 "$((n1 + 10))")"
check_eq "... ward 1's line intact" "$((n1 + 13))|0|0|0" "$(chain_line "$w1")"

# a sweep's own steps (the desk's), as the officer's console runs them
sql "update wardesk.cases set deadline_at = now() - interval '1 min' where ref in ('$R1', '$R2')" >/dev/null
check_exit "a sweep" 0 wd_as "$OF" watch --once
check_eq "... ward 1's line intact" "0|0|0" "$(chain_line "$w1" | cut -d'|' -f2-)"
check_exit "the audit chain is intact" 0 wd audit verify

# an event with a step's action written by the row trigger (a case
# inserted under the action 'warn': tg_cases_audit_insert records the
# action set): t51_chain_head leaves step actions alone, the chain
# trigger moves the head itself
check_exit "a case inserted under the action 'warn'" 0 psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "
begin;
select set_config('wardesk.action', 'warn', true);
insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at, deadline_at)
values ($w1, 'STMT-1', 'hotline', 'MT', 'Chèn tay', '1 Lê Lợi', now(), now() + interval '2 h');
commit;"
check_eq "... its event is the ward's head" "warn|t" \
	"$(sql "select e.action, h.seq = e.chain_seq and h.event_id = e.id and h.hash = e.hash
	          from wardesk.audit_heads h
	          join lateral (select * from wardesk.case_events x where x.ward_id = h.ward_id
	                         order by x.chain_seq desc limit 1) e on true
	         where h.ward_id = $w1")"
check_exit "... the audit chain is intact" 0 wd audit verify

# what t50_chain's WHEN (new.hash is null) rests on
check_eq "no login can call chain_events" "f" \
	"$(sql "select has_function_privilege('$OF', 'wardesk.chain_events(wardesk.case_events[])', 'execute')")"
check_exit "a login cannot insert an event, hash or none" 1 psql_as "$OF" -c "
	insert into wardesk.case_events(case_id, ward_id, actor, action, version, chain_seq, hash)
	select id, ward_id, '$OF', 'update', version, 1, '\\x00' from wardesk.cases where ref = '$R1'"
check_eq "no code but chain_events writes an event's chain columns" "" \
	"$(sql "select string_agg(distinct p.proname, ' ')
	          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	         cross join lateral regexp_matches(p.prosrc,
	                 'insert\\s+into\\s+(wardesk\\.)?case_events\\s*(overriding[^(]*|\\([^)]*\\))', 'gi') m
	         where n.nspname = 'wardesk' and p.proname <> 'chain_events'
	           and (m[2] !~ '^\\(' or m[2] ~* '(chain_seq|prev_hash|hash)')")"
check_eq "every insert of an event names its columns" "0" \
	"$(sql "select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	         where n.nspname = 'wardesk' and p.proname <> 'chain_events'
	           and p.prosrc ~* 'insert\\s+into\\s+(wardesk\\.)?case_events\\s+(select|values|overriding|default)'")"
