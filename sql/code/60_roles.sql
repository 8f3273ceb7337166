-- 60_roles.sql - wards, officers and what they may do: ward_add,
-- officer_add (with a mobile number, 016_phone.sql), officer_deactivate, officer_activate, whoami, desk_identity,
-- replication_status,
-- action_names, allowed_actions, can, my_permissions.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: wards, officers (001_core.sql), cases (for allowed_actions on a case).  The
-- login roles and the desk groups (wardesk_hotline, wardesk_officer,
-- wardesk_chair, members of wardesk_staff) are made by 001_core.sql;
-- officer_add makes a login and grants it its group.
--
-- Roles (decided by officers.role of session_user, not group membership):
--   hotline  report only (and their own shifts, handovers without cases)
--   officer  report; take; escalate cases they hold or nobody holds; close
--            cases they hold; hand over the cases they hold
--   chair    everything an officer does, plus assign/reassign any open case,
--            escalate any case, deescalate, reopen, settings, add officers
--   wardesk.allowed_actions(ref) (and can(action, ref), my_permissions()
--   on it) tell the console what to offer; the functions themselves remain
--   the only authority.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Wards and officers
-- ---------------------------------------------------------------------------

-- A new ward (code A-Z, 1 to 8 letters): the administrator (a superuser)
-- only, not a chair (issue 13, item 4).  Its channel secret comes with it
-- (t20_channel, 12_ward_scope.sql).
create or replace function wardesk.ward_add(p_code text, p_name text) returns wardesk.wards
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	w wards;
	v_code text := upper(btrim(p_code));
begin
	if not is_superuser() then
		perform require_officer('{}', 'add wards (the administrator does)');
	end if;
	if v_code is null or v_code !~ '^[A-Z]{1,8}$' then
		raise exception 'ward code "%" must be 1 to 8 letters A-Z', p_code
			using errcode = 'WD539',
			      detail = json_build_object('code', p_code::text)::text;
	end if;
	if is_blank(p_name) then
		raise exception 'a ward name is required'
			using errcode = 'WD540';
	end if;
	if exists (select from wards where code = v_code) then
		raise exception 'ward % already exists', v_code
			using errcode = 'WD541',
			      detail = json_build_object('code', v_code::text)::text;
	end if;
	insert into wards(code, name) values (v_code, btrim(p_name)) returning * into w;
	return w;
end $$;

-- A new officer of a ward (the chair's own ward; for a superuser the ward
-- given, or the only one): makes the PostgreSQL login (no password) unless
-- it exists, and grants it the group of its role (not to a superuser).
-- p_mobile: their mobile number for the chair's phone (mobile_canon,
-- 55_phone.sql; 016_phone.sql dropped the 4-argument form).
create or replace function wardesk.officer_add(p_login text, p_full_name text, p_role text,
                                    p_ward_code text default null, p_mobile text default null)
returns wardesk.officers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_login text := lower(btrim(p_login));
	v_role text := lower(btrim(p_role));
	me officers;
	w wards;
	o officers;
	r record;
	v_role_exists boolean;
begin
	if not is_superuser() then
		me := require_officer(array['chair'], 'add officers');
	end if;
	if v_login is null or v_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' or v_login ~ '^(pg_|wardesk_)'
	   or v_login in ('public', 'none', 'current_user', 'session_user', 'current_role', 'desk') then
		raise exception 'login "%" is not usable (lower-case letters, digits, _ . -; not pg_/wardesk_)', p_login
			using errcode = 'WD542',
			      detail = json_build_object('login', p_login::text)::text;
	end if;
	if is_blank(p_full_name) then
		raise exception 'a full name is required'
			using errcode = 'WD543';
	end if;
	if v_role is null or v_role not in ('hotline', 'officer', 'chair') then
		raise exception 'unknown role % (hotline, officer, chair)', p_role
			using errcode = 'WD544',
			      detail = json_build_object('role', p_role::text)::text;
	end if;
	if is_blank(p_ward_code) then
		if me.login is not null then
			select * into w from wards where id = me.ward_id;
		elsif (select count(*) from wards) = 1 then
			select * into w from wards;
		else
			raise exception 'say which ward % belongs to', v_login
				using errcode = 'WD545',
				      detail = json_build_object('login', v_login::text)::text;
		end if;
	else
		select * into w from wards where code = upper(btrim(p_ward_code));
		if not found then
			raise exception 'no ward %', upper(btrim(p_ward_code))
				using errcode = 'WD546',
				      detail = json_build_object('ward', (upper(btrim(p_ward_code)))::text)::text;
		end if;
	end if;
	if me.login is not null and w.id <> me.ward_id then
		raise exception 'a ward chair can only add officers to their own ward'
			using errcode = 'WD609';
	end if;
	-- (a chair sees only their own ward's officers: row-level security)
	if exists (select from officers where login = v_login) then
		raise exception 'officer % already exists', v_login
			using errcode = 'WD547',
			      detail = json_build_object('login', v_login::text)::text;
	end if;

	select rolsuper, rolcanlogin into r from pg_roles where rolname = v_login;
	v_role_exists := found;
	-- A chair learns nothing of other wards (issue 13, item 10): an officer
	-- of another ward (a member of a desk group already), a role that is no
	-- login and a superuser get one and the same refusal.
	if me.login is not null and v_role_exists
	   and (r.rolsuper or not r.rolcanlogin or pg_has_role(v_login, 'wardesk_staff', 'member')) then
		raise exception 'login % cannot be used', v_login
			using errcode = 'WD548',
			      detail = json_build_object('login', v_login::text)::text,
			      hint = 'choose another login';
	end if;
	if not v_role_exists then
		execute format('create role %I login', v_login);
	elsif r.rolsuper then
		-- a superuser may be an officer, but wardesk does not touch its role
		null;
	elsif not r.rolcanlogin then
		raise exception 'role % exists and is not a login', v_login
			using errcode = 'WD549',
			      detail = json_build_object('login', v_login::text)::text;
	end if;
	if not coalesce(r.rolsuper, false)
	   and not exists (select from pg_auth_members m
	                    where m.roleid = ('wardesk_' || v_role)::regrole
	                      and m.member = v_login::regrole) then
		execute format('grant %I to %I', 'wardesk_' || v_role, v_login);
	end if;
	begin
		insert into officers(login, full_name, role, ward_id, mobile)
		values (v_login, btrim(p_full_name), v_role, w.id,
		        case when nullif(btrim(p_mobile), '') is null then null else mobile_canon(p_mobile) end)
		returning * into o;
	exception when unique_violation then
		-- an officer of another ward after all: the same refusal
		raise exception 'login % cannot be used', v_login
			using errcode = 'WD548',
			      detail = json_build_object('login', v_login::text)::text,
			      hint = 'choose another login';
	end;
	return o;
end $$;

-- The officer p_login (of the chair's own ward; a superuser: any ward) for
-- officer_deactivate / officer_activate, locked.
create or replace function wardesk.officer_for_admin(p_login text, p_what text) returns wardesk.officers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	me officers;
	t officers;
begin
	if not is_superuser() then
		me := require_officer(array['chair'], p_what);
	end if;
	select * into t from officers where login = lower(btrim(p_login)) for update;
	if not found or (me.login is not null and t.ward_id <> me.ward_id) then
		-- the same words for another ward's officer: nothing of it is revealed
		raise exception 'no officer % in your ward', coalesce(lower(btrim(p_login)), '(none)')
			using errcode = 'WD403',
			      detail = json_build_object('login', (coalesce(lower(btrim(p_login)), '(none)'))::text)::text;
	end if;
	if t.login = session_user::text then
		raise exception 'you cannot % yourself', p_what
			using errcode = 'WD610',
			      detail = json_build_object('what', p_what::text)::text;
	end if;
	return t;
end $$;

-- Deactivate an officer (the chair of their ward, or a superuser): from the
-- next statement on they read and write nothing (my_ward() and
-- require_officer() refuse an inactive officer), their login becomes NOLOGIN,
-- their open sessions are ended, their open shift ends and their pending
-- handovers are cancelled.  Audited in officer_events.  Returns the cases
-- they still hold: they stay theirs until the chair reassigns them.
create or replace function wardesk.officer_deactivate(p_login text)
returns table (ref text, state text, deadline_at timestamptz, description text)
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	t officers := officer_for_admin(p_login, 'deactivate');
	v_login_role boolean;   -- a login wardesk manages (not a superuser)
	v_held text[];
	v_n bigint;
begin
	if not t.active then
		raise exception 'officer % is already inactive', t.login
			using errcode = 'WD318',
			      detail = json_build_object('login', t.login::text)::text;
	end if;
	update officers set active = false where login = t.login;
	v_login_role := exists (select from pg_roles where rolname = t.login and not rolsuper);
	if v_login_role then
		execute format('alter role %I nologin', t.login);
	end if;
	-- the consoles hear of it as of any shift end or cancellation (70_shifts.sql)
	with s as (update shifts set ended_at = greatest(started_at, wardesk.now())
	            where officer = t.login and ended_at is null returning id, ward_id)
	select count(notify_shift('shift', s.id, s.ward_id, 'end')) into v_n from s;
	with h as (update handovers set state = 'cancelled', cancelled_at = wardesk.now(), cancelled_by = session_user
	            where state = 'pending' and t.login in (from_officer, to_officer) returning id, ward_id)
	select count(notify_shift('handover', h.id, h.ward_id, 'cancel')) into v_n from h;
	select coalesce(array_agg(c.ref order by c.deadline_at, c.id), '{}') into v_held
	  from cases c where c.owner = t.login and c.state <> 'resolved';
	insert into officer_events(ward_id, login, action, held)
	values (t.ward_id, t.login, 'deactivate', v_held);
	if v_login_role then
		-- their sessions end now (pg_signal_backend, 008_audit_chain.sql)
		perform pg_terminate_backend(a.pid) from pg_stat_activity a
		 where a.usename = t.login and a.pid <> pg_backend_pid();
	end if;
	return query select c.ref, c.state, c.deadline_at, c.description from cases c
	 where c.owner = t.login and c.state <> 'resolved' order by c.deadline_at, c.id;
end $$;

-- Activate a deactivated officer again (LOGIN again, reads and writes again).
create or replace function wardesk.officer_activate(p_login text) returns wardesk.officers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	t officers := officer_for_admin(p_login, 'activate');
begin
	if t.active then
		raise exception 'officer % is already active', t.login
			using errcode = 'WD319',
			      detail = json_build_object('login', t.login::text)::text;
	end if;
	if exists (select from pg_roles where rolname = t.login and not rolsuper) then
		execute format('alter role %I login', t.login);
	end if;
	update officers set active = true where login = t.login returning * into t;
	insert into officer_events(ward_id, login, action) values (t.ward_id, t.login, 'activate');
	return t;
end $$;

-- The officer behind session_user with ward code/name and load; no row when
-- the login is not an officer (a superuser usually is not).
create or replace function wardesk.whoami()
returns table (login text, full_name text, role text, ward_id int, ward_code text, ward_name text,
               active boolean, open_cases int)
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	select o.login, o.full_name, o.role, o.ward_id, w.code, w.name, o.active,
	       (select count(*)::int from cases c where c.owner = o.login and c.state = 'in_progress')
	  from officers o join wards w on w.id = o.ward_id
	 where o.login = wardesk.session_login()
$$;

-- This database and the caller's ward, as the console names the place of
-- its drafts on disk: "ID.WARDCODE" (ID from 025_desk_identity.sql, random
-- per database); null when the caller is no officer.
create or replace function wardesk.desk_identity()
returns text
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	select i.id || '.' || w.code
	  from db_identity i, officers o join wards w on w.id = o.ward_id
	 where o.login = wardesk.session_login()
$$;
grant execute on function wardesk.desk_identity() to wardesk_staff;

-- Standbys streaming from this server, how many are synchronous, and the
-- largest lag (bytes of WAL not yet replayed, and seconds) for `wardesk db
-- status`: readable by any officer (pg_monitor through 011_monitor.sql).
create or replace function wardesk.replication_status(
	out standbys int, out sync_standbys int, out max_lag_bytes bigint, out max_replay_lag_s float8)
language sql stable security definer
set search_path = pg_catalog, pg_temp
as $$
	select count(*)::int,
	       count(*) filter (where r.sync_state in ('sync', 'quorum'))::int,
	       max(pg_wal_lsn_diff(case when pg_is_in_recovery() then null else pg_current_wal_lsn() end,
	                           r.replay_lsn))::bigint,
	       extract(epoch from max(r.replay_lag))::float8
	  from pg_stat_replication r
$$;
revoke all on function wardesk.replication_status() from public;
grant execute on function wardesk.replication_status() to wardesk_staff;

-- ---------------------------------------------------------------------------
-- What may I do?  For the console, which hides what the role cannot do.
-- ---------------------------------------------------------------------------

-- The actions can() answers for, in the order the console lists them.
create or replace function wardesk.action_names() returns text[]
language sql immutable
as $$
	select array['report', 'take', 'assign', 'escalate', 'deescalate', 'close', 'reopen',
	             'settings', 'officer_add', 'shift', 'handover', 'board', 'stats', 'priority',
	             'merge_cluster', 'ack']::text[]
$$;

-- The actions of action_names() session_user may do now, in that order: with
-- p_ref, to that case (its state, holder, escalation); without, at all (the
-- role's).  The rule, once: can() and my_permissions() read it.  Empty for a
-- non-officer or one deactivated; a case not found in the officer's ward
-- allows only the actions that name no case (report, shift, handover, board,
-- stats, settings, officer_add).  One call, one read of the officer and one
-- of the case: the console asks it for the selected row of the queue and at
-- each load of the detail (issue 14: it was can(a, ref) for each of the 16
-- actions, 1.2 ms a question, and 200 consoles asking at once held back the
-- notifications of their own connections).
create or replace function wardesk.allowed_actions(p_ref text default null) returns setof text
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	c cases;
	v_ref text;
begin
	-- the acting officer, by the primary key (as me())
	select * into o from officers where login = session_login();
	if o.login is null or not o.active then
		return;
	end if;
	if p_ref is not null then
		-- the reference first: in the WHERE, canon_ref (not inlined: its
		-- SET) was called for every row the plan read
		v_ref := canon_ref(p_ref, o.ward_id);
		select * into c from cases where ref = v_ref and ward_id = o.ward_id;
	end if;
	return query
	select t.a
	  from unnest(action_names()) with ordinality as t(a, n)
	 where case
	       when t.a in ('report', 'shift', 'handover', 'board', 'stats') then true
	       when t.a in ('take', 'escalate', 'close', 'ack') and o.role = 'hotline' then false
	       when t.a in ('assign', 'deescalate', 'reopen', 'settings', 'officer_add', 'merge_cluster')
	            and o.role <> 'chair' then false
	       when p_ref is null or t.a in ('settings', 'officer_add') then true
	       when c.id is null then false
	       when t.a = 'take' then c.state in ('new', 'reopened')
	       when t.a = 'assign' then c.state <> 'resolved'
	       when t.a = 'escalate' then c.state <> 'resolved' and c.escalation = 0
	                                  and (o.role = 'chair' or c.owner is null or c.owner = o.login)
	       when t.a = 'deescalate' then c.state <> 'resolved' and c.escalation > 0
	       when t.a = 'close' then c.state = 'in_progress' and (o.role = 'chair' or c.owner = o.login)
	       when t.a = 'reopen' then c.state = 'resolved'
	       when t.a = 'merge_cluster' then c.state <> 'resolved'
	       -- ack (50_deadlines.sql): an escalation the chair; a warning the
	       -- holder or the chair; once, until the next step
	       when t.a = 'ack' then c.state <> 'resolved' and c.ack_at is null
	                             and case when c.escalation >= 1 then o.role = 'chair'
	                                      else c.warned_at is not null
	                                           and (o.role = 'chair' or c.owner = o.login) end
	       -- set_priority (30_cases.sql): a hotline operator only their own unheld report
	       when t.a = 'priority' then c.state <> 'resolved'
	                                  and (o.role <> 'hotline'
	                                       or (c.owner is null
	                                           and exists (select from case_events e
	                                                        where e.case_id = c.id and e.action = 'report'
	                                                          and e.actor = o.login)))
	       else false end
	 order by t.n;
end $$;

-- true when session_user may do p_action (one of action_names()) at all, or,
-- with p_ref, to that case now: allowed_actions' answer.  Never raises for a
-- missing case or a non-officer (false, never NULL: the old per-action rule
-- gave NULL for close or ack of a case nobody holds); an unknown action is
-- WD550.
create or replace function wardesk.can(p_action text, p_ref text default null) returns boolean
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	a text := lower(btrim(p_action));
begin
	if a is null or not (a = any (action_names())) then
		raise exception 'unknown action % (%)', coalesce(p_action, '(none)'),
			array_to_string(action_names(), ', ')
			using errcode = 'WD550',
			      detail = json_build_object('action', (coalesce(p_action, '(none)'))::text,
			                                'actions', (array_to_string(action_names(), ', '))::text)::text;
	end if;
	return exists (select from allowed_actions(p_ref) x where x = a);
end $$;

-- The actions (of action_names()) session_user's role allows, in that order;
-- empty for a non-officer.
create or replace function wardesk.my_permissions() returns text[]
language sql stable
set search_path = wardesk, pg_temp
as $$
	select coalesce(array_agg(t.a order by t.n), '{}')
	  from allowed_actions() with ordinality as t(a, n)
$$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function wardesk.action_names() from public;
revoke all on function wardesk.officer_for_admin(text, text) from public;
grant execute on function
	wardesk.ward_add(text, text),
	wardesk.officer_add(text, text, text, text, text),
	wardesk.officer_deactivate(text),
	wardesk.officer_activate(text),
	wardesk.whoami(),
	wardesk.action_names(),
	wardesk.allowed_actions(text),
	wardesk.can(text, text),
	wardesk.my_permissions()
to wardesk_staff;

reset role;
