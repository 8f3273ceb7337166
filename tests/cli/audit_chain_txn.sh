#!/bin/bash
# audit_chain_txn.sh - the audit chain (26_audit_chain.sql) across one
# transaction's events: events written in subtransactions (rolled back,
# released), events of the same transaction after them, and another
# session writing in the same ward meanwhile: the chain stays one line,
# places consecutive, links right; and a transaction whose first event
# follows another session's newer event locks the head.  (Written for a
# short way that chains a transaction's later events without locking the
# head again, issue 14 item 4, bench/notes/sweep.md: not merged; the checks
# hold for every way of chaining.)
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --text "Rác ở hẻm 12" --address "12 Lê Lợi") &&
R2=$(report_as "$HL" --category MT --text "Đèn hỏng ở hẻm 40" --address "40 Pasteur") ||
	{ not_ok "setup: cases"; exit 1; }
ok "setup: two cases"

ward=$(sql "select ward_id from wardesk.cases where ref = '$R1'")
n0=$(sql "select count(*) from wardesk.case_events where ward_id = $ward")
note() { echo "update wardesk.cases set description = description || ' $2' where ref = '$1';"; }

# one transaction: a first event, one in a savepoint rolled back, one after
# it (its place: after the first), one in a savepoint released, one after
# that (the last event is a subtransaction's: the long way), one more
check_exit "one transaction with subtransactions" 0 psql -X -q -v ON_ERROR_STOP=1 -U postgres -c "
begin;
$(note "$R1" a)
savepoint s1; $(note "$R1" b) rollback to savepoint s1;
$(note "$R1" c)
savepoint s2; $(note "$R2" d) release savepoint s2;
$(note "$R1" e)
$(note "$R2" f)
commit;"
check_eq "... five events written" $((n0 + 5)) \
	"$(sql "select count(*) from wardesk.case_events where ward_id = $ward")"

# two sessions in the same ward: the first holds the head from its first
# event until its commit; the second's event waits, then chains after both
psql -X -q -U postgres -c "begin; $(note "$R1" g) select pg_sleep(1); $(note "$R1" h) commit;" \
	>/dev/null 2>&1 &
bg=$!
sleep 0.3
check_exit "another session's event meanwhile" 0 psql -X -q -v ON_ERROR_STOP=1 -U postgres \
	-c "begin; $(note "$R2" i) $(note "$R2" j) commit;"
wait $bg
check_eq "... the first session's events before the second's" "g h i j" \
	"$(sql "select string_agg(right(e.new ->> 'description', 1), ' ' order by e.chain_seq)
	          from wardesk.case_events e where e.ward_id = $ward and e.chain_seq > $n0 + 5")"
check_eq "places 1..n, each linked to the one before" "$((n0 + 9))|0|0" \
	"$(sql "select count(*), count(*) filter (where chain_seq <> rn),
	               count(*) filter (where rn > 1 and prev_hash is distinct from ph)
	          from (select chain_seq, prev_hash, row_number() over w as rn, lag(hash) over w as ph
	                  from wardesk.case_events where ward_id = $ward window w as (order by chain_seq)) x")"

# a transaction whose first event comes after another session's event
# recorded since it began (not its own: another xmin) takes the head lock
# all the same: a third session cannot lock the head meanwhile
psql -X -q -U postgres -c "begin; select pg_sleep(0.6); $(note "$R2" k) select pg_sleep(2); commit;" \
	>/dev/null 2>&1 &
bg=$!
sleep 0.2
sql "$(note "$R1" l)" >/dev/null
sleep 1.2
check_exit "a transaction's first event locks the head, after another's newer event too" 1 \
	psql -X -q -v ON_ERROR_STOP=1 -U postgres \
	-c "select 1 from wardesk.audit_heads where ward_id = $ward for update nowait"
wait $bg
check_exit "the audit chain is intact" 0 wd audit verify
