-- 007_hardening_a.sql - hardening (issue 13, items 1, 2, 12): times that are
-- dates, the sweep's own lock and health, length limits.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables, columns,
-- constraints and data only, as a superuser inside db init's transaction,
-- after 001-006.  The code that uses them: sql/code/40_intake.sql (report and
-- import_request check the received time against wards.established_at and the
-- lengths), 50_deadlines.sql (the sweep locks its row of sweep_state and
-- records itself there; sweep_health reads it), 90_policies.sql (the
-- sweep_state policy).
--
--   wards.established_at   when the ward came into being: no case of the
--                          ward is received before it.  Default 1 July 2025,
--                          when the merged wards of Ho Chi Minh City took
--                          effect; an existing ward whose cases or creation
--                          are older gets the oldest of them.
--   sweep_state            one row per sweep scope (a ward's id; 0 = every
--                          ward: a superuser's or the sweeper service's
--                          sweep).  The sweep locks its row (FOR UPDATE,
--                          inside the SECURITY DEFINER sweep()) instead of an
--                          advisory lock any login could take, and records
--                          its last success there.  Owner-only: staff hold no
--                          privilege on it, so no staff login can lock it.
--   *_finite               every timestamptz column of every wardesk table
--                          is a finite time (timestamptz accepts
--                          +/-infinity; every reader that turns a time into
--                          epoch seconds fails on it).
--   length limits          cases.address 500, reporter_name 200, description
--                          4000, resolution_note and rating_comment 4000;
--                          case_reporters.reporter_name 200, note 4000 (as
--                          the app importer, src/open311.c).
--
-- Existing rows: a case whose received time or deadline is not a date (only
-- a superuser, or 0.1.0's report(p_received_at => '-infinity'), could make
-- one) is repaired: received at its creation time, due by its category's
-- deadline from then, audited as action 'repair' with the old values.  Every
-- new constraint is added NOT VALID and validated when no row breaks it;
-- otherwise it stays NOT VALID (new and changed rows are still checked) and
-- db init prints a WARNING naming it and the count of rows, for an
-- administrator to fix and `alter table ... validate constraint ...`.

set role wardesk_owner;

alter table wardesk.wards
	add column established_at timestamptz not null default '2025-07-01 00:00:00+07';

create table wardesk.sweep_state (
	ward_id int primary key check (ward_id >= 0),   -- a ward's id; 0 = every ward
	last_at timestamptz,                             -- desk clock of the last sweep that ran
	last_by text,                                    -- its session_user
	last_steps int not null default 0 check (last_steps >= 0),  -- transitions it made
	sweeps bigint not null default 0 check (sweeps >= 0)         -- sweeps so far
);
-- the default privileges gave staff SELECT: this table is the owner's alone
revoke all on wardesk.sweep_state from wardesk_staff, public;
alter table wardesk.sweep_state enable row level security;
alter table wardesk.sweep_state force row level security;

reset role;

-- As the superuser from here on: no row-level security in the way.

update wardesk.wards w
   set established_at = least(w.established_at, w.created_at,
                              (select min(c.received_at) from wardesk.cases c
                                where c.ward_id = w.id and isfinite(c.received_at)))
 where isfinite(w.created_at);

insert into wardesk.sweep_state(ward_id)
select 0 union all select id from wardesk.wards
on conflict do nothing;

-- Repair cases whose received time or deadline is not a date.
do $$
declare
	r record;
	v_recv timestamptz;
	v_due timestamptz;
begin
	for r in select c.id, c.received_at, c.deadline_at, c.created_at, k.deadline_min
	           from wardesk.cases c join wardesk.categories k on k.code = c.category
	          where not isfinite(c.received_at) or not isfinite(c.deadline_at)
	          order by c.id loop
		v_recv := case when isfinite(r.received_at) then r.received_at
		               when isfinite(r.created_at) then r.created_at else now() end;
		v_due := case when isfinite(r.deadline_at) and r.deadline_at >= v_recv then r.deadline_at
		              else v_recv + make_interval(mins => r.deadline_min) end;
		perform set_config('wardesk.action', 'repair', true);
		perform set_config('wardesk.note',
			format('received time %s and deadline %s are not both dates: received at %s, due %s',
			       r.received_at, r.deadline_at, v_recv, v_due), true);
		update wardesk.cases set received_at = v_recv, deadline_at = v_due where id = r.id;
	end loop;
	perform set_config('wardesk.action', '', true);
	perform set_config('wardesk.note', '', true);
end $$;

-- The new CHECK constraints: each added NOT VALID, and validated when no row
-- breaks it (otherwise a WARNING, see above).  Every timestamptz column of
-- every wardesk table: a finite time (or NULL); then the length limits.
do $$
declare
	r record;
	n bigint;
begin
	for r in
		select t, c, e from (
			select c.relname::text as t, left(c.relname || '_' || a.attname || '_finite', 63) as c,
			       format('isfinite(%I)', a.attname) as e, 1 as o
			  from pg_class c
			  join pg_namespace s on s.oid = c.relnamespace
			  join pg_attribute a on a.attrelid = c.oid
			 where s.nspname = 'wardesk' and c.relkind in ('r', 'p')
			   and a.attnum > 0 and not a.attisdropped and a.atttypid = 'timestamptz'::regtype
			union all
			select * from (values
				('cases', 'cases_address_length', 'char_length(address) <= 500', 2),
				('cases', 'cases_reporter_name_length', 'char_length(reporter_name) <= 200', 2),
				('cases', 'cases_description_length', 'char_length(description) <= 4000', 2),
				('cases', 'cases_resolution_note_length', 'char_length(resolution_note) <= 4000', 2),
				('cases', 'cases_rating_comment_length', 'char_length(rating_comment) <= 4000', 2),
				('case_reporters', 'case_reporters_reporter_name_length',
				 'char_length(reporter_name) <= 200', 2),
				('case_reporters', 'case_reporters_note_length', 'char_length(note) <= 4000', 2)) v
		) x order by o, t, c
	loop
		execute format('alter table wardesk.%I add constraint %I check (%s) not valid', r.t, r.c, r.e);
		execute format('select count(*) from wardesk.%I where not (%s)', r.t, r.e) into n;
		if n = 0 then
			execute format('alter table wardesk.%I validate constraint %I', r.t, r.c);
		else
			raise warning 'wardesk.%: % row(s) break the new constraint % (%); it is left NOT VALID',
				r.t, n, r.c, r.e
				using hint = format('fix them, then: alter table wardesk.%I validate constraint %I', r.t, r.c);
		end if;
	end loop;
end $$;

-- on_duty(int) was never called (duty_officers looked for a relation of that
-- name); who is on duty for alerts is duty_officers() alone now.
drop function if exists wardesk.on_duty(int);
