-- 004_roles_shifts.sql - shifts and handovers (issue 6), and row-level
-- security turned on (and forced, for the owner too) on every table with a
-- ward_id.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables and
-- data only, as a superuser inside db init's transaction, after 001 (and
-- 002, 003, which this file does not depend on).  The code: the policies
-- that keep wards apart and the functions they call are in
-- sql/code/90_policies.sql; the roles' rules in 30_cases.sql and
-- 60_roles.sql; shifts and handovers in 70_shifts.sql; the board and the
-- statistics in 80_stats.sql; the views on_duty_now, handover_list and
-- pending_handovers in 15_views.sql.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------
create table wardesk.shifts (
	id bigint generated always as identity primary key,
	officer text not null references wardesk.officers(login),
	ward_id int not null references wardesk.wards(id),
	started_at timestamptz not null default wardesk.now(),
	ended_at timestamptz,
	constraint shifts_end_after_start check (ended_at is null or ended_at >= started_at)
);
-- one open shift per officer
create unique index shifts_one_open on wardesk.shifts(officer) where ended_at is null;
create index on wardesk.shifts(ward_id, started_at);

create table wardesk.handovers (
	id bigint generated always as identity primary key,
	ward_id int not null references wardesk.wards(id),
	from_officer text not null references wardesk.officers(login),
	to_officer text not null references wardesk.officers(login),
	shift_id bigint references wardesk.shifts(id),   -- the outgoing officer's shift
	note text not null check (note ~ '[^[:space:]]'),
	created_at timestamptz not null default wardesk.now(),
	acked_at timestamptz,
	cancelled_at timestamptz,
	cancelled_by text,
	state text not null default 'pending'
		check (state in ('pending', 'acknowledged', 'cancelled')),
	constraint handovers_two_people check (from_officer <> to_officer),
	constraint handovers_acked check ((state = 'acknowledged') = (acked_at is not null)),
	constraint handovers_cancelled check ((state = 'cancelled') = (cancelled_at is not null))
);
-- one pending handover per outgoing officer
create unique index handovers_one_pending on wardesk.handovers(from_officer) where state = 'pending';
create index on wardesk.handovers(to_officer) where state = 'pending';
create index on wardesk.handovers(shift_id);

-- The cases the outgoing officer held when the handover was written, as they
-- were then (state, deadline, version); included = handed over (not left out);
-- moved = whether the acknowledgement moved it (NULL until then).
create table wardesk.handover_cases (
	handover_id bigint not null references wardesk.handovers(id),
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),
	included boolean not null default true,
	state text not null,
	deadline_at timestamptz not null,
	version int not null,
	moved boolean,
	primary key (handover_id, case_id)
);

-- ---------------------------------------------------------------------------
-- Row-level security by ward, forced for the owner too
-- ---------------------------------------------------------------------------
-- Every table of the schema with a ward_id column at this point: cases,
-- case_events, officers, shifts, handovers, handover_cases, and those of
-- earlier migrations (alerts, case_reporters).  Each has the policy
-- ward_isolation (sql/code/90_policies.sql); a later migration adding a
-- table with a ward_id enables and forces row-level security on it itself,
-- and 90_policies.sql gives it the same policy.
do $$
declare
	t text;
begin
	for t in select c.table_name from information_schema.columns c
	           join information_schema.tables b using (table_schema, table_name)
	          where c.table_schema = 'wardesk' and c.column_name = 'ward_id'
	            and b.table_type = 'BASE TABLE'
	          order by 1 loop
		execute format('alter table wardesk.%I enable row level security', t);
		execute format('alter table wardesk.%I force row level security', t);
	end loop;
end $$;

reset role;
