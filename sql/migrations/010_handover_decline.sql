-- 010_handover_decline.sql - a handover can be declined (issue 12): the
-- incoming officer reads it and says no, with a note; the cases stay with
-- the outgoing officer.  Adds the state 'declined' and its columns
-- declined_at and decline_note to handovers; the function handover_decline
-- lives in 70_shifts.sql, the views that show the columns in 15_views.sql.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.

set role wardesk_owner;

-- the views list h.* columns by name: made again by 15_views.sql
drop view if exists wardesk.pending_handovers;
drop view if exists wardesk.handover_list;

alter table wardesk.handovers
	add column if not exists declined_at timestamptz,
	add column if not exists decline_note text;
alter table wardesk.handovers drop constraint if exists handovers_state_check;
alter table wardesk.handovers add constraint handovers_state_check
	check (state in ('pending', 'acknowledged', 'cancelled', 'declined'));
alter table wardesk.handovers add constraint handovers_declined
	check ((state = 'declined') = (declined_at is not null)
	       and (state <> 'declined' or decline_note ~ '[^[:space:]]'));

reset role;
