-- 90_policies.sql - wards kept apart: row-level security policies and the
-- view and functions they read (session_ward, session_all_wards), and my_channels (the
-- NOTIFY channels a session may hear).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: every table with a ward_id: officers, cases, case_events
-- (001_core.sql), case_reporters (002_intake.sql), alerts (003_deadlines.sql),
-- shifts, handovers, handover_cases (004_roles_shifts.sql), sweep_state
-- (007_hardening_a.sql), audit_heads, officer_events (008_audit_chain.sql),
-- category_ward, setting_ward, ward_channels (009_ward_scope.sql),
-- phone_messages, phone_attempts (016_phone.sql), callback_attempts
-- (019_callbacks.sql), ward_streets (022_map.sql), case_photos
-- (021_case_photos.sql); each
-- migration enabled and
-- FORCED row-level security on each.  A session sees and touches only rows of its
-- own ward (wardesk.session_ward, the ward of session_user's officer row),
-- including the table owner wardesk_owner that runs the SECURITY DEFINER
-- functions.  A login that is not an officer sees no rows; superusers
-- bypass row-level security (db init, db demo, administration).  A new table
-- with a ward_id gets the same policy here (tests/cli/sql_live.sh checks
-- that every such table has it).

-- ---------------------------------------------------------------------------
-- Who sees which ward
-- ---------------------------------------------------------------------------
-- session_ward, my_ward() and session_all_wards() are made as the superuser
-- running db init (not as wardesk_owner) and owned by it: session_ward
-- bypasses row-level security, so the officers policy does not recurse
-- through it.  (create or replace keeps the owner they already have.)

-- The ward of session_user's officer row (no row for a non-officer, nor for
-- an officer deactivated: they see nothing from the next statement on, issue
-- 13).  The rule, once.  A view owned by the superuser running db init, so
-- reading officers through it bypasses row-level security (the officers
-- policy does not recurse through it), and a security barrier, so a caller's
-- own conditions on it never see another officer's row.  The policies below
-- read it as an InitPlan, `(select s.ward_id from wardesk.session_ward s)`:
-- the planner inlines the view, so it is one index lookup on officers(login)
-- per statement and table (session_login(), 11_session.sql), planned with the
-- statement (and cached with it in PL/pgSQL), about 5 us.  Issue 14 item 2: it was the SECURITY DEFINER
-- function my_ward() with SET search_path, which PostgreSQL cannot inline
-- and parses and plans again at every call, 45 us; a losing take called it
-- five times, most of its 0.3 ms.  session_user cannot be changed by the
-- session (SET ROLE changes current_user only; SET SESSION AUTHORIZATION
-- needs a superuser), so a hostile login in psql still sees only its ward.
-- session_login() (11_session.sql): session_user as the key of officers(login).

create or replace view wardesk.session_ward with (security_barrier = true) as
select o.ward_id
  from wardesk.officers o
 where o.login = wardesk.session_login() and o.active;

-- The same for code and psql users that want a value (NULL for a
-- non-officer): a plain SQL function over session_ward.
create or replace function wardesk.my_ward() returns int
language sql stable parallel safe
as $$ select s.ward_id from wardesk.session_ward s $$;

-- true when session_user works for every ward: a superuser (API functions it
-- calls - ward_add, officer_add, the demo - run as wardesk_owner, which is
-- filtered, so the policies let such calls through explicitly), or a member
-- of wardesk_sweeper (the deadline service, if that role exists).
-- One expression with no query, no SECURITY DEFINER and no SET, every name
-- qualified: the planner inlines it into the policies' InitPlan (issue 14
-- item 2: a PL/pgSQL function reading pg_roles by name, it cost 35 us a
-- call on a quiet machine and 250 us on a loaded one, and every query on
-- officers by login ran it: a sequential scan meets the other wards'
-- officers).  A superuser is a member of every role, so of the bootstrap
-- superuser (OID 10); so is a login granted that role, which can become it.
-- It reads no table, so it needs no rights.
create or replace function wardesk.session_all_wards() returns boolean
language sql stable parallel safe
as $$
	select pg_catalog.pg_has_role(session_user, 10::pg_catalog.oid, 'MEMBER')
	    or coalesce(pg_catalog.pg_has_role(session_user, pg_catalog.to_regrole('wardesk_sweeper'), 'MEMBER'),
	                false)
$$;

revoke all on wardesk.session_ward from public;
grant select on wardesk.session_ward to wardesk_owner, wardesk_staff;
revoke all on function wardesk.my_ward(), wardesk.session_all_wards() from public;
grant execute on function wardesk.my_ward(), wardesk.session_all_wards()
	to wardesk_owner, wardesk_staff;

-- ---------------------------------------------------------------------------
-- Policies (one per table with a ward_id)
-- ---------------------------------------------------------------------------

set role wardesk_owner;

drop policy if exists ward_isolation on wardesk.alerts;
create policy ward_isolation on wardesk.alerts for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.audit_heads;
create policy ward_isolation on wardesk.audit_heads for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.category_ward;
create policy ward_isolation on wardesk.category_ward for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.category_agency;
create policy ward_isolation on wardesk.category_agency for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.case_events;
create policy ward_isolation on wardesk.case_events for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.case_reporters;
create policy ward_isolation on wardesk.case_reporters for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.cases;
create policy ward_isolation on wardesk.cases for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.handover_cases;
create policy ward_isolation on wardesk.handover_cases for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.handovers;
create policy ward_isolation on wardesk.handovers for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.officer_events;
create policy ward_isolation on wardesk.officer_events for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.officers;
create policy ward_isolation on wardesk.officers for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

-- sweep_state (007_hardening_a.sql): owner-only (staff hold no privilege on
-- it); the owner, inside sweep() and sweep_health(), sees its ward's row and
-- the row of every-ward sweeps (0), and writes its ward's row.
drop policy if exists ward_isolation on wardesk.sweep_state;
create policy ward_isolation on wardesk.sweep_state for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or ward_id = 0 or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.phone_attempts;
create policy ward_isolation on wardesk.phone_attempts for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.callback_attempts;
create policy ward_isolation on wardesk.callback_attempts for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.ward_streets;
create policy ward_isolation on wardesk.ward_streets for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.case_photos;
create policy ward_isolation on wardesk.case_photos for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.phone_messages;
create policy ward_isolation on wardesk.phone_messages for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.setting_ward;
create policy ward_isolation on wardesk.setting_ward for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

drop policy if exists ward_isolation on wardesk.shifts;
create policy ward_isolation on wardesk.shifts for all
	using (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()))
	with check (ward_id = (select s.ward_id from wardesk.session_ward s) or (select wardesk.session_all_wards()));

-- ward_channels is the owner's alone (no grant to staff, 009_ward_scope.sql):
-- nobody reads it but the SECURITY DEFINER code, which must find the channel
-- of the ward of every case it notifies about, whoever writes the case (a
-- superuser, the sweeper, a feed account that is no officer).  my_channels()
-- below does the per-ward filtering itself.
drop policy if exists ward_isolation on wardesk.ward_channels;
create policy ward_isolation on wardesk.ward_channels for all
	using (true)
	with check (true);

-- ---------------------------------------------------------------------------
-- Which channels a session may hear
-- ---------------------------------------------------------------------------

-- The NOTIFY channels of the caller's ward (ward_channel(), 12_ward_scope.sql:
-- kind case | alert | shift); every ward's for a superuser or sweeper; none
-- for a login that is no active officer.  Clients LISTEN to these instead of
-- fixed names: any login may LISTEN to any channel, so a channel's name is
-- the only thing keeping its payloads in the ward.
create or replace function wardesk.my_channels() returns table (kind text, channel text)
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	select k.kind, ward_channel(c.ward_id, k.kind)
	  from ward_channels c
	 cross join unnest(array['case', 'alert', 'shift']) as k(kind)
	 where (select session_all_wards())
	    or c.ward_id = (select ward_id from officers where login = wardesk.session_login() and active)
	 order by c.ward_id, k.kind
$$;

revoke all on function wardesk.my_channels() from public;
grant execute on function wardesk.my_channels() to wardesk_staff;

reset role;
