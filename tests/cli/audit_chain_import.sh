#!/bin/bash
# audit_chain_import.sh - the events of new cases (the import's, the
# report's: tg_cases_audit_insert, 25_audit.sql) chained per statement by
# chain_events (26_audit_chain.sql; issue 14 item 5, third pass): no call
# of the per-row chain trigger for them; in one transaction with row-trigger
# events before and after, in savepoints rolled back, over two wards in one
# statement, the chain stays one line per ward (places consecutive, links
# right, hashes event_hash's, the head the last event), every case one event
# in case order; an event with the import's action written by the row
# trigger moves the head; a failed import leaves the chain and head alone.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
HL2=$(mk_officer hl2 "Đỗ Văn Nam" hotline QB) &&
OF=$(mk_officer of "Lý Thị Mai" officer) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác ở hẻm 12" --address "12 Lê Lợi") &&
R2=$(report_as "$HL2" --category MT --text "Cống nghẹt" --address "3 Hai Bà Trưng") ||
	{ not_ok "setup: cases"; exit 1; }
ok "setup: two cases in two wards"
w1=$(sql "select ward_id from wardesk.cases where ref = '$R1'")
w2=$(sql "select ward_id from wardesk.cases where ref = '$R2'")

heads_ok() {
	sql "select count(*) from wardesk.audit_heads h
	      join lateral (select id, chain_seq, hash from wardesk.case_events e where e.ward_id = h.ward_id
	                     order by chain_seq desc limit 1) l on true
	      where h.ward_id in ($w1, $w2)
	        and (h.seq <> l.chain_seq or h.event_id <> l.id or h.hash <> l.hash)"
}
# N requests for import_requests, external ids PREFIX-1..N
items() {
	local p=$1 n=$2
	sql "select jsonb_agg(jsonb_build_object('item', g, 'external_id', '$p-' || g,
	            'service_code', 'MT', 'description', 'Phản ánh ' || g,
	            'address', g || ' đường số ' || (g % 3 + 1), 'status', 'open',
	            'requested_at', to_char(now() at time zone 'UTC' - interval '1 h',
	                                    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) order by g)
	       from generate_series(1, $n) g"
}
# the intake of N cases by officer LOGIN, as intake_cases makes them
intake() {
	echo "select count(*) from wardesk.intake_cases((select o from wardesk.officers o where login = '$1'),
	        (select jsonb_agg(jsonb_build_object('item', g, 'category', 'MT', 'description', '$3 ' || g,
	                                             'address', g || ' Pasteur') order by g)
	           from generate_series(1, $2) g));"
}
note() { echo "update wardesk.cases set description = description || ' $2' where ref = '$1';"; }

# --- the import's events do not go through the per-row chain trigger
sql "alter role $HL set track_functions = 'all'" >/dev/null
n1=$(sql "select count(*) from wardesk.case_events where ward_id = $w1")
out=$(psql_as "$HL" -v ON_ERROR_STOP=1 -c "begin;
	select count(*) from wardesk.import_requests('$(items IMA 30)');
	select count(*) from wardesk.import_requests('$(items IMB 20)');
	select pg_stat_get_xact_function_calls('wardesk.tg_cases_audit_insert()'::regprocedure),
	       coalesce(pg_stat_get_xact_function_calls('wardesk.tg_case_events_chain()'::regprocedure), 0);
	commit;" 2>&1)
check_eq "an import of 30 + 20 requests in one transaction" "30 20 2|0" "$(echo $out)"
check_eq "... every case one event 'report', in case order" "50|50|0" \
	"$(sql "select count(*), count(x.eid), count(*) filter (where x.eid < x.prev)
	          from (select e.id as eid, lag(e.id) over (order by c.id) as prev
	                  from wardesk.cases c left join wardesk.case_events e
	                       on e.case_id = c.id and e.action = 'report'
	                 where c.external_id like 'IM_-%') x")"
check_eq "... ward 1's line intact" "$((n1 + 50))|0|0|0" "$(chain_line "$w1")"
check_eq "... the head is the last event" "0" "$(heads_ok)"

# --- interleaved with row events, savepoints, two wards in one INSERT
n1=$(sql "select count(*) from wardesk.case_events where ward_id = $w1")
n2=$(sql "select count(*) from wardesk.case_events where ward_id = $w2")
check_exit "one transaction: edits, intakes, a savepoint rolled back, two wards" 0 \
	psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "
begin;
$(note "$R1" a)
$(intake "$HL" 3 'Lô một')
savepoint s1; $(intake "$HL" 4 'Bỏ') rollback to savepoint s1;
$(note "$R2" b)
$(intake "$HL2" 2 'Lô hai')
select set_config('wardesk.action', 'report', true);
insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at, deadline_at)
values ($w2, 'IMPX-1', 'hotline', 'MT', 'Hai phường', '1 Lê Lợi', now(), now() + interval '2 h'),
       ($w1, 'IMPX-2', 'hotline', 'MT', 'Hai phường', '2 Lê Lợi', now(), now() + interval '2 h'),
       ($w2, 'IMPX-3', 'hotline', 'MT', 'Hai phường', '3 Lê Lợi', now(), now() + interval '2 h');
select set_config('wardesk.action', '', true);
$(note "$R1" c)
commit;"
check_eq "... ward 1: edit, 3 reports, 1 report, edit" "update report report report report update" \
	"$(chain_actions $w1 $n1)"
check_eq "... ward 2: edit, 2 reports, 2 reports" "update report report report report" \
	"$(chain_actions $w2 $n2)"
check_eq "... the rolled-back intake left no case and no event" "0|0" \
	"$(sql "select count(*), (select count(*) from wardesk.case_events e
	                           where e.new ->> 'description' like 'Bỏ %')
	          from wardesk.cases where description like 'Bỏ %'")"
check_eq "... ward 1's line intact" "$((n1 + 6))|0|0|0" "$(chain_line "$w1")"
check_eq "... ward 2's line intact" "$((n2 + 5))|0|0|0" "$(chain_line "$w2")"
check_eq "... each head its ward's last event" "0" "$(heads_ok)"
check_exit "... the audit chain is intact" 0 wd audit verify

# --- an event with the import's action written by the row trigger (an
# edit under 'report'): t51_chain_head leaves that action to chain_events,
# the chain trigger moves the head itself
check_exit "an edit under the action 'report'" 0 psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "
begin;
select set_config('wardesk.action', 'report', true);
$(note "$R1" d)
commit;"
check_eq "... its event is the ward's head" "report|t" \
	"$(sql "select e.action, h.seq = e.chain_seq and h.event_id = e.id and h.hash = e.hash
	          from wardesk.audit_heads h
	          join lateral (select * from wardesk.case_events x where x.ward_id = h.ward_id
	                         order by x.chain_seq desc limit 1) e on true
	         where h.ward_id = $w1")"
check_exit "... the audit chain is intact" 0 wd audit verify

# --- all or nothing: an import that fails after a batch leaves the chain
# and its head as they were
before=$(sql "select h.seq || '/' || h.event_id || '/' || (select count(*) from wardesk.case_events)
                from wardesk.audit_heads h where h.ward_id = $w1")
check_exit "an import failing in its second call" 1 psql_as "$HL" -v ON_ERROR_STOP=1 -c "begin;
	select count(*) from wardesk.import_requests('$(items IMC 5)');
	select count(*) from wardesk.import_requests('[{\"item\": 1, \"external_id\": \"IMD-1\", \"service_code\": \"MT\"}, {\"item\": 2}]');
	commit;"
check_eq "... the head and the events as before" "$before" \
	"$(sql "select h.seq || '/' || h.event_id || '/' || (select count(*) from wardesk.case_events)
	          from wardesk.audit_heads h where h.ward_id = $w1")"
check_eq "... and no case of it" "0" "$(sql "select count(*) from wardesk.cases where external_id like 'IMC-%'")"

# --- a login's insert of a case (if it had the right) would still be
# audited: no login has it; nor can one call chain_events
check_eq "no login can insert a case" "f" \
	"$(sql "select has_table_privilege('$HL', 'wardesk.cases', 'insert')")"
check_eq "no login can call chain_events" "f" \
	"$(sql "select has_function_privilege('$HL', 'wardesk.chain_events(wardesk.case_events[])', 'execute')")"
check_exit "the audit chain is intact" 0 wd audit verify

