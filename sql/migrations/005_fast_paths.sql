-- 005_fast_paths.sql - the partial index cases_sweep_todo, for a sweep that
-- looks only at its own ward's cases with a step still to do.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction, after 001-004 (bench/NOTES.md has the
-- measurements).  The 0.1.0 release also rewrote take() (contested takes
-- without a row-lock queue) and sweep() here; both now live in sql/code/
-- (30_cases.sql, 50_deadlines.sql), which say why.
--
-- The index leaves out the cases in the chain's steady state (warned,
-- overdue and acknowledged): its predicate is implied by the conditions of
-- every sweep step (each needs warned_at or overdue_at unset, an
-- unacknowledged escalation, or no escalation yet).

set role wardesk_owner;

create index if not exists cases_sweep_todo on wardesk.cases (ward_id, deadline_at)
 where state <> 'resolved'
   and (warned_at is null or overdue_at is null
        or (escalation >= 1 and ack_at is null)
        or (escalated_at is null and escalation = 0));

reset role;
