-- 015_desk_actor.sql - the record tells the truth (issue 11, sections 4
-- and 5).
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  No timestamptz column is added.
--
--   case_events.run_by   for an automatic step of the sweep (warn,
--                        auto-escalate, overdue, remind), whose actor is the
--                        desk itself ('desk'): the login whose console (or
--                        sweeper service) ran the sweep, for the audit trail.
--                        NULL for everything people do.  The audit chain's
--                        canonical content (26_audit_chain.sql) covers it
--                        only when it is set, so every event written before
--                        keeps its hash.
--   alerts.run_by        likewise for the alerts the sweep raises (their
--                        actor is 'desk').
--   alerts.about         the officer an alert names: the new holder of a
--                        reassigned case (kind 'reassigned'), whoever reopened
--                        a case (kind 'reopened'); NULL for the other kinds.
--   sweep_state.running_xid  the transaction a sweep of the scope is running
--                        in, while it runs (50_deadlines.sql): the audit
--                        trigger credits a step to the desk only then.
--                        Owner-only like the rest of sweep_state, so no
--                        login can claim it from psql.
--   officers: no login 'desk' (it would read as the desk).
--   likely_duplicates(text) dropped: 40_intake.sql makes it again with a
--                        columns same_phone (duplicates by phone number) and
--                        earlier (which of the two a merge keeps).
--   alerts.kind          adds 'urgent' (priority, migration 014 sets the same
--                        list), 'reassigned' (to the previous holder of a
--                        reassigned case) and 'reopened' (to whoever closed
--                        a reopened case).

set role wardesk_owner;

alter table wardesk.case_events
	add column run_by text check (run_by is null or (actor = 'desk' and length(run_by) <= 63));

alter table wardesk.alerts
	add column run_by text check (run_by is null or (actor = 'desk' and length(run_by) <= 63));

alter table wardesk.alerts
	add column about text check (length(about) <= 63);

alter table wardesk.sweep_state
	add column running_xid bigint;

alter table wardesk.officers
	add constraint officers_login_not_desk check (login <> 'desk');

-- likely_duplicates gains columns (same_phone, earlier): 40_intake.sql makes it again
drop function if exists wardesk.likely_duplicates(text);

alter table wardesk.alerts drop constraint if exists alerts_kind_check;
alter table wardesk.alerts add constraint alerts_kind_check
	check (kind in ('new', 'assigned', 'warning', 'escalation', 'overdue', 'reminder', 'urgent',
	                'reassigned', 'reopened'));

reset role;
