-- 004_roles_shifts.sql - roles tightened, wards kept apart (row-level
-- security), shifts and handovers, the chair's board and statistics (issue 6).
--
-- Applied by `wardesk db init` as a superuser inside one transaction, after
-- 001 (and 002, 003, which this file does not depend on).
--
-- Roles (decided by officers.role of session_user, as in 001):
--   hotline  report only (and their own shifts, handovers without cases)
--   officer  report; take; escalate cases they hold or nobody holds; close
--            cases they hold; hand over the cases they hold
--   chair    everything an officer does, plus assign/reassign any open case,
--            escalate any case, deescalate, reopen, settings, add officers
--   wardesk.can(action, ref) and wardesk.my_permissions() tell the console
--   what to offer; the functions themselves remain the only authority.
--
-- Wards: cases, case_events, officers, shifts, handovers and handover_cases
-- have FORCED row-level security: a session sees and touches only rows of
-- its own ward (wardesk.my_ward(), the ward of session_user's officer row),
-- including the table owner wardesk_owner that runs the SECURITY DEFINER
-- functions.  A login that is not an officer sees no rows; superusers
-- bypass row-level security (db init, db demo, administration).
--
-- Statistics report a late case's delay reason from cases.delay_reason when
-- that column exists (the deadlines migration adds it), read through
-- to_jsonb() so this file does not depend on it; else null.

-- ---------------------------------------------------------------------------
-- my_ward(): owned by the superuser running the migration (it bypasses
-- row-level security, so the officers policy does not recurse through it).
-- ---------------------------------------------------------------------------
create or replace function wardesk.my_ward() returns int
language sql stable security definer parallel safe
set search_path = pg_catalog, pg_temp
as $$ select ward_id from wardesk.officers where login = session_user::text $$;
-- true when session_user works for every ward: a superuser (API functions it
-- calls - ward_add, officer_add, the demo - run as wardesk_owner, which is
-- filtered, so the policies let such calls through explicitly), or a member
-- of wardesk_sweeper (the deadline service, if that role exists).
create or replace function wardesk.session_all_wards() returns boolean
language plpgsql stable security definer parallel safe
set search_path = pg_catalog, pg_temp
as $$
begin
	if coalesce((select rolsuper from pg_roles where rolname = session_user), false) then
		return true;
	end if;
	if exists (select from pg_roles where rolname = 'wardesk_sweeper') then
		return pg_has_role(session_user, 'wardesk_sweeper', 'member');
	end if;
	return false;
end $$;
revoke all on function wardesk.my_ward(), wardesk.session_all_wards() from public;
grant execute on function wardesk.my_ward(), wardesk.session_all_wards()
	to wardesk_owner, wardesk_staff;

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

create trigger t10_nfc before insert or update on wardesk.handovers
	for each row execute function wardesk.tg_nfc();

-- ---------------------------------------------------------------------------
-- Row-level security by ward, forced for the owner too
-- ---------------------------------------------------------------------------
-- Every table of the schema with a ward_id column at this point: cases,
-- case_events, officers, shifts, handovers, handover_cases, and those of
-- earlier migrations (e.g. alerts).  A later migration adding a table with a
-- ward_id adds the same policy itself.
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
		execute format('drop policy if exists ward_isolation on wardesk.%I', t);
		execute format('create policy ward_isolation on wardesk.%I for all'
		               ' using (ward_id = (select wardesk.my_ward())'
		               '        or (select wardesk.session_all_wards()))'
		               ' with check (ward_id = (select wardesk.my_ward())'
		               '             or (select wardesk.session_all_wards()))', t);
	end loop;
end $$;

-- ---------------------------------------------------------------------------
-- Helpers (not granted to staff)
-- ---------------------------------------------------------------------------
create function wardesk.role_text(p_role text) returns text
language sql immutable
as $$
	select case p_role when 'hotline' then 'hotline operator'
	                   when 'officer' then 'duty officer'
	                   when 'chair' then 'ward chair' else coalesce(p_role, 'nobody') end
$$;

create function wardesk.notify_shift(p_kind text, p_id bigint, p_ward int, p_op text) returns void
language sql
set search_path = wardesk, pg_temp
as $$
	select pg_notify('wardesk_shift',
		format('{"kind":%s,"id":%s,"ward":%s,"op":%s}', to_json(p_kind), p_id, p_ward, to_json(p_op)))
$$;

-- ---------------------------------------------------------------------------
-- Case actions with the issue-6 roles (same signatures as 001)
-- ---------------------------------------------------------------------------

-- assign / reassign: the ward chair only.
create or replace function wardesk.assign(p_ref text, p_login text, p_seen int default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	t officers;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['chair'], 'assign cases');
	perform refuse_resolved(c);
	perform check_seen(c, p_seen);
	select * into t from officers where login = lower(btrim(p_login));
	if not found or not t.active or t.ward_id <> c.ward_id or t.role not in ('officer', 'chair') then
		raise exception '% is not an active duty officer or chair of this ward', coalesce(p_login, '(none)')
			using errcode = 'WD005';
	end if;
	if c.owner = t.login then
		raise exception '% is already held by %', c.ref, holder_text(c.owner)
			using errcode = 'WD003', detail = 'holder=' || c.owner;
	end if;
	perform set_action('assign', null);
	update cases set state = 'in_progress', owner = t.login where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- escalate: a duty officer escalates only a case they hold or nobody holds;
-- the chair any open case.  Checked by a trigger on the action, so that the
-- escalate() of any migration (001, the deadlines chain) keeps the rule.
create function wardesk.tg_cases_roles() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := nullif(current_setting('wardesk.action', true), '');
	o officers;
begin
	if v_action = 'escalate' and new.escalation > old.escalation then
		select * into o from officers where login = session_user::text;
		if o.role = 'officer' and old.owner is not null and old.owner <> o.login then
			raise exception '% is held by %; only the holder or the ward chair can escalate it',
				old.ref, holder_text(old.owner)
				using errcode = 'WD001', detail = 'holder=' || old.owner;
		end if;
	end if;
	return new;
end $$;
create trigger t15_roles before update on wardesk.cases
	for each row execute function wardesk.tg_cases_roles();

-- deescalate: the chair takes an escalation back (level -> 0) with a note.
create function wardesk.deescalate(p_ref text, p_seen int default null, p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['chair'], 'de-escalate cases');
	perform refuse_resolved(c);
	if c.escalation = 0 then
		raise exception '% is not escalated', c.ref using errcode = 'WD003';
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a note is required to de-escalate %', c.ref using errcode = 'WD005';
	end if;
	perform set_action('deescalate', btrim(p_note));
	update cases set escalation = 0 where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- reopen: the chair only.
create or replace function wardesk.reopen(p_ref text, p_seen int default null, p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	v_min int;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['chair'], 'reopen cases');
	if c.state <> 'resolved' then
		raise exception '% is not resolved (it is %)', c.ref, replace(c.state, '_', ' ')
			using errcode = 'WD003';
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a reason is required to reopen %', c.ref using errcode = 'WD005';
	end if;
	select deadline_min into v_min from categories where code = c.category;
	perform set_action('reopen', btrim(p_note));
	update cases
	   set state = 'reopened', owner = null, resolution_note = null, close_reason = null,
	       duplicate_of = null, closed_at = null, escalation = 0,
	       deadline_at = greatest(received_at, wardesk.now() + make_interval(mins => v_min))
	 where id = c.id
	returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- reassign_all: the chair moves every case p_from holds in progress to p_to
-- (each one through assign(), so each is audited as 'assign'); returns how
-- many moved.  One transaction: all or nothing.
create function wardesk.reassign_all(p_from text, p_to text) returns int
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['chair'], 'reassign cases');
	v_from text := lower(btrim(p_from));
	r record;
	n int := 0;
begin
	if not exists (select from officers where login = v_from and ward_id = o.ward_id) then
		raise exception 'no officer % in this ward', coalesce(p_from, '(none)') using errcode = 'WD005';
	end if;
	for r in select ref from cases where owner = v_from and state = 'in_progress'
	          order by deadline_at, id for update loop
		perform assign(r.ref, p_to, null);
		n := n + 1;
	end loop;
	return n;
end $$;

-- ---------------------------------------------------------------------------
-- What may I do?  For the console, which hides what the role cannot do.
-- ---------------------------------------------------------------------------
create function wardesk.action_names() returns text[]
language sql immutable
as $$
	select array['report', 'take', 'assign', 'escalate', 'deescalate', 'close', 'reopen',
	             'settings', 'officer_add', 'shift', 'handover', 'board', 'stats']::text[]
$$;

-- true when session_user may do p_action (one of action_names()) at all, or,
-- with p_ref, to that case now (state, holder, escalation).  Never raises for
-- a missing case or a non-officer (false); an unknown action is WD005.
create function wardesk.can(p_action text, p_ref text default null) returns boolean
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	a text := lower(btrim(p_action));
	r text;
begin
	if a is null or not (a = any (action_names())) then
		raise exception 'unknown action % (%)', coalesce(p_action, '(none)'),
			array_to_string(action_names(), ', ') using errcode = 'WD005';
	end if;
	if o.login is null or not o.active then
		return false;
	end if;
	r := o.role;
	if a in ('report', 'shift', 'handover', 'board', 'stats') then
		return true;
	elsif a in ('take', 'escalate', 'close') and r = 'hotline' then
		return false;
	elsif a in ('assign', 'deescalate', 'reopen', 'settings', 'officer_add') and r <> 'chair' then
		return false;
	end if;
	if p_ref is null or a in ('settings', 'officer_add') then
		return true;
	end if;
	select * into c from cases where ref = canon_ref(p_ref, o.ward_id) and ward_id = o.ward_id;
	if not found then
		return false;
	end if;
	return case a
		when 'take' then c.state in ('new', 'reopened')
		when 'assign' then c.state <> 'resolved'
		when 'escalate' then c.state <> 'resolved' and c.escalation = 0
		                     and (r = 'chair' or c.owner is null or c.owner = o.login)
		when 'deescalate' then c.state <> 'resolved' and c.escalation > 0
		when 'close' then c.state = 'in_progress' and (r = 'chair' or c.owner = o.login)
		when 'reopen' then c.state = 'resolved'
		else false end;
end $$;

-- The actions (of action_names()) session_user's role allows, in that order;
-- empty for a non-officer.
create function wardesk.my_permissions() returns text[]
language sql stable
set search_path = wardesk, pg_temp
as $$
	select coalesce(array_agg(a order by o), '{}')
	  from unnest(action_names()) with ordinality as t(a, o)
	 where can(a)
$$;

-- ---------------------------------------------------------------------------
-- Shifts
-- ---------------------------------------------------------------------------
create function wardesk.shift_start() returns wardesk.shifts
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'start a shift');
	s shifts;
begin
	select * into s from shifts where officer = o.login and ended_at is null for update;
	if found then
		raise exception 'you are already on duty since %',
			to_char(s.started_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM HH24:MI')
			using errcode = 'WD003', detail = 'shift=' || s.id;
	end if;
	insert into shifts(officer, ward_id) values (o.login, o.ward_id) returning * into s;
	perform notify_shift('shift', s.id, s.ward_id, 'start');
	return s;
end $$;

create function wardesk.shift_end() returns wardesk.shifts
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'end a shift');
	s shifts;
begin
	update shifts set ended_at = greatest(started_at, wardesk.now())
	 where officer = o.login and ended_at is null
	returning * into s;
	if not found then
		raise exception 'you are not on duty (no shift started)' using errcode = 'WD003';
	end if;
	perform notify_shift('shift', s.id, s.ward_id, 'end');
	return s;
end $$;

-- ---------------------------------------------------------------------------
-- Handovers
-- ---------------------------------------------------------------------------

-- The outgoing officer (session_user) hands every case they hold in progress
-- to p_to, except p_exclude_refs.  Nothing moves until p_to acknowledges.
create function wardesk.handover_create(p_to text, p_note text, p_exclude_refs text[] default null)
returns wardesk.handovers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'hand over a shift');
	t officers;
	h handovers;
	v_ex text[] := '{}';
	r text;
	v_ref text;
	v_n int;
begin
	select * into t from officers where login = lower(btrim(p_to));
	if not found or t.ward_id <> o.ward_id or not t.active then
		raise exception '% is not an active officer of this ward', coalesce(p_to, '(none)')
			using errcode = 'WD005';
	end if;
	if t.login = o.login then
		raise exception 'you cannot hand over to yourself' using errcode = 'WD005';
	end if;
	if is_blank(p_note) then
		raise exception 'a handover note is required' using errcode = 'WD005';
	end if;
	select * into h from handovers where from_officer = o.login and state = 'pending';
	if found then
		raise exception 'your handover #% to % is still pending; cancel it first', h.id,
			holder_text(h.to_officer)
			using errcode = 'WD003', detail = 'handover=' || h.id;
	end if;
	foreach r in array coalesce(p_exclude_refs, '{}') loop
		continue when is_blank(r);
		v_ref := canon_ref(r, o.ward_id);
		if not exists (select from cases where ref = v_ref and ward_id = o.ward_id
		                                   and owner = o.login and state = 'in_progress') then
			raise exception '% is not one of your cases in progress', v_ref using errcode = 'WD005';
		end if;
		v_ex := v_ex || v_ref;
	end loop;
	-- lock what is handed over so that the list is exact
	perform 1 from cases where owner = o.login and state = 'in_progress' for update;
	select count(*) into v_n from cases
	 where owner = o.login and state = 'in_progress' and not (ref = any (v_ex));
	if v_n > 0 and t.role not in ('officer', 'chair') then
		raise exception '% is a %: cases can only be handed to a duty officer or the chair',
			holder_text(t.login), role_text(t.role) using errcode = 'WD005';
	end if;
	insert into handovers(ward_id, from_officer, to_officer, shift_id, note)
	values (o.ward_id, o.login, t.login,
	        (select id from shifts where officer = o.login order by (ended_at is null) desc,
	                started_at desc limit 1),
	        btrim(p_note))
	returning * into h;
	insert into handover_cases(handover_id, case_id, ward_id, included, state, deadline_at, version)
	select h.id, c.id, c.ward_id, not (c.ref = any (v_ex)), c.state, c.deadline_at, c.version
	  from cases c
	 where c.owner = o.login and c.state = 'in_progress';
	perform notify_shift('handover', h.id, h.ward_id, 'create');
	return h;
end $$;

-- The incoming officer acknowledges: every included case still held in
-- progress by the outgoing officer moves to them (audited as 'handover'),
-- all in this one transaction; a case that was closed or reassigned since is
-- left where it is (moved = false).  Starts the incoming officer's shift if
-- none is open.
create function wardesk.handover_ack(p_id bigint) returns wardesk.handovers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'take over a shift');
	h handovers;
	hc record;
	c cases;
	v_note text;
begin
	select * into h from handovers where id = p_id for update;
	if not found then
		raise exception 'no handover #%', coalesce(p_id::text, '(none)') using errcode = 'WD004';
	end if;
	if h.to_officer <> o.login then
		raise exception 'handover #% is addressed to %; only they can acknowledge it', h.id,
			holder_text(h.to_officer)
			using errcode = 'WD006', detail = 'to=' || h.to_officer;
	end if;
	if h.state <> 'pending' then
		raise exception 'handover #% is already %', h.id, h.state using errcode = 'WD003';
	end if;
	v_note := format('handover #%s from %s', h.id, h.from_officer);
	for hc in select * from handover_cases where handover_id = h.id order by case_id loop
		if not hc.included then
			continue;
		end if;
		select * into c from cases where id = hc.case_id for update;
		if c.state = 'in_progress' and c.owner = h.from_officer then
			perform set_action('handover', v_note);
			update cases set owner = o.login where id = c.id;
			perform set_action(null, null);
			update handover_cases set moved = true where handover_id = h.id and case_id = hc.case_id;
		else
			update handover_cases set moved = false where handover_id = h.id and case_id = hc.case_id;
		end if;
	end loop;
	update handovers set state = 'acknowledged', acked_at = wardesk.now() where id = h.id
	returning * into h;
	if not exists (select from shifts where officer = o.login and ended_at is null) then
		perform shift_start();
	end if;
	perform notify_shift('handover', h.id, h.ward_id, 'ack');
	return h;
end $$;

-- The outgoing officer or the ward chair cancels a pending handover.
create function wardesk.handover_cancel(p_id bigint) returns wardesk.handovers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'cancel a handover');
	h handovers;
begin
	select * into h from handovers where id = p_id for update;
	if not found then
		raise exception 'no handover #%', coalesce(p_id::text, '(none)') using errcode = 'WD004';
	end if;
	if h.from_officer <> o.login and o.role <> 'chair' then
		raise exception 'only % or the ward chair can cancel handover #%', holder_text(h.from_officer), h.id
			using errcode = 'WD006';
	end if;
	if h.state <> 'pending' then
		raise exception 'handover #% is already %', h.id, h.state using errcode = 'WD003';
	end if;
	update handovers set state = 'cancelled', cancelled_at = wardesk.now(), cancelled_by = o.login
	 where id = h.id returning * into h;
	perform notify_shift('handover', h.id, h.ward_id, 'cancel');
	return h;
end $$;

-- ---------------------------------------------------------------------------
-- Views (security_invoker: row-level security applies to the reader)
-- ---------------------------------------------------------------------------

-- Who is on duty now.
create view wardesk.on_duty_now with (security_invoker = true) as
select s.id as shift_id, s.officer, o.full_name, o.role, s.ward_id, s.started_at
  from wardesk.shifts s join wardesk.officers o on o.login = s.officer
 where s.ended_at is null;

-- Handovers with names, their shift and the window "during the shift":
-- from the shift's start (else the last handover acknowledged by the
-- outgoing officer, else 12 hours before the handover) to the shift's end
-- (else the handover's creation).
create view wardesk.handover_list with (security_invoker = true) as
select h.id, h.ward_id, h.from_officer, f.full_name as from_name, f.role as from_role,
       h.to_officer, t.full_name as to_name, t.role as to_role,
       h.shift_id, s.started_at as shift_started, s.ended_at as shift_ended,
       h.note, h.state, h.created_at, h.acked_at, h.cancelled_at, h.cancelled_by,
       coalesce(s.started_at,
                (select max(p.acked_at) from wardesk.handovers p
                  where p.to_officer = h.from_officer and p.acked_at <= h.created_at),
                h.created_at - interval '12 hours') as window_from,
       coalesce(s.ended_at, h.created_at) as window_to,
       (select count(*)::int from wardesk.handover_cases x where x.handover_id = h.id and x.included)
           as n_included,
       (select count(*)::int from wardesk.handover_cases x where x.handover_id = h.id and not x.included)
           as n_excluded
  from wardesk.handovers h
  join wardesk.officers f on f.login = h.from_officer
  join wardesk.officers t on t.login = h.to_officer
  left join wardesk.shifts s on s.id = h.shift_id;

-- Who gets "new case" alerts (the deadlines migration calls it): the duty
-- officers of the ward on shift now, or every active duty officer of the
-- ward when none is on shift.
create or replace function wardesk.on_duty(p_ward int) returns setof text
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	select o.login from officers o
	 where o.ward_id = p_ward and o.active and o.role = 'officer'
	   and (exists (select from shifts s where s.officer = o.login and s.ended_at is null)
	        or not exists (select from shifts s join officers x on x.login = s.officer
	                        where s.ward_id = p_ward and s.ended_at is null and x.role = 'officer'))
	 order by o.login
$$;

-- Not yet acknowledged (the chair keeps seeing them).
create view wardesk.pending_handovers with (security_invoker = true) as
select * from wardesk.handover_list where state = 'pending';

-- ---------------------------------------------------------------------------
-- What happened in a time window (the handover record), the board, statistics.
-- Plain SQL run with the caller's rights: row-level security scopes them to
-- the caller's ward.
-- ---------------------------------------------------------------------------

-- received: cases received in [p_from, p_to); resolved: closed in the window;
-- resolved_by: of those, held by p_officer at close; late: cases whose
-- deadline passed in the window while unresolved (refs in late_refs).
create function wardesk.window_summary(p_from timestamptz, p_to timestamptz, p_officer text default null)
returns table (received int, resolved int, resolved_by int, late int, late_refs text[])
language sql stable
set search_path = wardesk, pg_temp
as $$
	select (select count(*)::int from cases where received_at >= p_from and received_at < p_to),
	       (select count(*)::int from cases where closed_at >= p_from and closed_at < p_to),
	       (select count(*)::int from cases where closed_at >= p_from and closed_at < p_to
	                                          and owner = p_officer),
	       (select count(*)::int from cases where deadline_at >= p_from and deadline_at < p_to
	                                          and (closed_at is null or closed_at > deadline_at)),
	       (select coalesce(array_agg(ref order by deadline_at, id), '{}') from cases
	         where deadline_at >= p_from and deadline_at < p_to
	           and (closed_at is null or closed_at > deadline_at))
$$;

-- The chair's board, one row per officer of the ward who is on duty or holds
-- open cases: open (in progress held), due_soon (warn or critical), overdue.
create function wardesk.board()
returns table (login text, full_name text, role text, on_duty boolean, shift_started timestamptz,
               open int, due_soon int, overdue int, escalated int)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select o.login, o.full_name, o.role, d.shift_id is not null, d.started_at,
	       count(c.id)::int,
	       count(c.id) filter (where c.due in ('warn', 'critical'))::int,
	       count(c.id) filter (where c.due = 'overdue')::int,
	       count(c.id) filter (where c.escalation > 0)::int
	  from officers o
	  left join on_duty_now d on d.officer = o.login
	  left join case_list c on c.owner = o.login and c.state = 'in_progress'
	 where o.active
	 group by o.login, o.full_name, o.role, d.shift_id, d.started_at
	having d.shift_id is not null or count(c.id) > 0
	 order by (d.shift_id is null), case o.role when 'chair' then 0 when 'officer' then 1 else 2 end,
	          o.login
$$;

-- The rest of the board: the unowned queue (new and reopened), escalations
-- waiting, pending handovers, and today's (Asia/Ho_Chi_Minh) on-time rate.
create function wardesk.board_summary()
returns table (unowned int, unowned_due_soon int, unowned_overdue int, escalated int,
               pending_handovers int, on_duty int, today_received int, today_resolved int,
               today_on_time int, today_on_time_rate double precision)
language sql stable
set search_path = wardesk, pg_temp
as $$
	with day as (
		select (date_trunc('day', wardesk.now() at time zone 'Asia/Ho_Chi_Minh')
		        at time zone 'Asia/Ho_Chi_Minh') as d0
	), t as (
		select count(*) filter (where c.closed_at >= day.d0)::int as resolved,
		       count(*) filter (where c.closed_at >= day.d0 and c.closed_at <= c.deadline_at)::int
		           as on_time
		  from cases c, day where c.state = 'resolved'
	)
	select (select count(*)::int from case_list where state in ('new', 'reopened')),
	       (select count(*)::int from case_list where state in ('new', 'reopened')
	                                             and due in ('warn', 'critical')),
	       (select count(*)::int from case_list where state in ('new', 'reopened') and due = 'overdue'),
	       (select count(*)::int from cases where state <> 'resolved' and escalation > 0),
	       (select count(*)::int from handovers where state = 'pending'),
	       (select count(*)::int from on_duty_now),
	       (select count(*)::int from cases, day where received_at >= day.d0),
	       t.resolved, t.on_time,
	       case when t.resolved > 0 then t.on_time::double precision / t.resolved end
	  from t
$$;

-- Statistics for [p_from, p_to) as one JSON document (keys documented in
-- wardesk(1), STATISTICS).  Durations are in seconds; times are epoch seconds.
--   received: received in the window; resolved: closed in the window;
--   open: received before p_to and not resolved by p_to (still open, or
--   closed at or after p_to); on_time: resolved with closed_at <= deadline_at;
--   handling time: closed_at - received_at of the resolved ones (median and
--   90th percentile, percentile_cont); by officer: the holder at close;
--   rating: cases.rating of the resolved ones; late: resolved late in the
--   window, and open cases overdue at p_to, each with delay_reason (null
--   unless cases has that column and it is set); hourly: received/resolved per
--   hour (Asia/Ho_Chi_Minh hours) from p_from's hour to p_to.
create function wardesk.stats(p_from timestamptz, p_to timestamptz) returns jsonb
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
declare
	v jsonb;
begin
	if p_from is null or p_to is null or p_to <= p_from then
		raise exception 'the statistics period must end after it starts' using errcode = 'WD005';
	end if;
	if p_to - p_from > interval '400 days' then
		raise exception 'the statistics period is at most 400 days' using errcode = 'WD005';
	end if;
	with res as (
		select c.*, extract(epoch from c.closed_at - c.received_at)::double precision as secs,
		       c.closed_at <= c.deadline_at as on_time
		  from cases c
		 where c.closed_at >= p_from and c.closed_at < p_to
	), rec as (
		select * from cases c where c.received_at >= p_from and c.received_at < p_to
	), opn as (
		select * from cases c
		 where c.received_at < p_to and (c.closed_at is null or c.closed_at >= p_to)
	), hours as (
		select h from generate_series(
			date_trunc('hour', p_from at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh',
			p_to - interval '1 microsecond', interval '1 hour') as g(h)
	)
	select jsonb_build_object(
		'from', extract(epoch from p_from)::bigint,
		'to', extract(epoch from p_to)::bigint,
		'received', (select count(*) from rec),
		'resolved', (select count(*) from res),
		'open', (select count(*) from opn),
		'on_time', (select count(*) from res where on_time),
		'on_time_rate', (select case when count(*) > 0
		                             then (count(*) filter (where on_time))::double precision / count(*) end
		                   from res),
		'median_secs', (select percentile_cont(0.5) within group (order by secs) from res),
		'p90_secs', (select percentile_cont(0.9) within group (order by secs) from res),
		'rating_avg', (select avg(rating)::double precision from res where rating is not null),
		'rating_count', (select count(rating) from res),
		'by_category', (select coalesce(jsonb_agg(to_jsonb(x) - 'sort' order by x.sort, x.code), '[]') from (
			select k.code, k.name_vi, k.name_en, k.sort,
			       (select count(*) from rec where rec.category = k.code) as received,
			       count(res.id) as resolved,
			       count(res.id) filter (where res.on_time) as on_time,
			       percentile_cont(0.5) within group (order by res.secs) as median_secs,
			       avg(res.rating)::double precision as rating_avg
			  from categories k left join res on res.category = k.code
			 group by k.code
			having count(res.id) > 0 or (select count(*) from rec where rec.category = k.code) > 0) x),
		'by_channel', (select coalesce(jsonb_agg(x order by x.channel), '[]') from (
			select ch.channel,
			       (select count(*) from rec where rec.channel = ch.channel) as received,
			       (select count(*) from res where res.channel = ch.channel) as resolved,
			       (select count(*) from res where res.channel = ch.channel and res.on_time) as on_time,
			       (select percentile_cont(0.5) within group (order by secs) from res
			         where res.channel = ch.channel) as median_secs
			  from (select channel from rec union select channel from res) ch) x),
		'by_officer', (select coalesce(jsonb_agg(x order by x.login), '[]') from (
			select res.owner as login, min(o.full_name) as full_name,
			       count(*) as resolved,
			       count(*) filter (where res.on_time) as on_time,
			       percentile_cont(0.5) within group (order by res.secs) as median_secs,
			       avg(res.rating)::double precision as rating_avg,
			       count(res.rating) as rating_count
			  from res left join officers o on o.login = res.owner
			 group by res.owner) x),
		'late', (select coalesce(jsonb_agg(x order by x.deadline, x.ref), '[]') from (
			select ref, category, owner, state,
			       extract(epoch from deadline_at)::bigint as deadline,
			       extract(epoch from closed_at)::bigint as closed,
			       extract(epoch from closed_at - deadline_at)::bigint as delay_secs,
			       to_jsonb(res) ->> 'delay_reason' as delay_reason
			  from res where not on_time
			union all
			select ref, category, owner, state,
			       extract(epoch from deadline_at)::bigint,
			       null::bigint,
			       extract(epoch from p_to - deadline_at)::bigint,
			       to_jsonb(opn) ->> 'delay_reason'
			  from opn where deadline_at < p_to) x),
		'hourly', (select coalesce(jsonb_agg(jsonb_build_object(
				'hour', extract(epoch from hours.h)::bigint,
				'received', (select count(*) from rec where rec.received_at >= hours.h
				                                        and rec.received_at < hours.h + interval '1 hour'),
				'resolved', (select count(*) from res where res.closed_at >= hours.h
				                                        and res.closed_at < hours.h + interval '1 hour'))
			order by hours.h), '[]') from hours)
	) into v;
	return v;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------
revoke all on function
	wardesk.role_text(text),
	wardesk.notify_shift(text, bigint, int, text),
	wardesk.action_names()
from public;
grant execute on function
	wardesk.deescalate(text, int, text),
	wardesk.reassign_all(text, text),
	wardesk.action_names(),
	wardesk.can(text, text),
	wardesk.my_permissions(),
	wardesk.shift_start(),
	wardesk.shift_end(),
	wardesk.handover_create(text, text, text[]),
	wardesk.handover_ack(bigint),
	wardesk.handover_cancel(bigint),
	wardesk.window_summary(timestamptz, timestamptz, text),
	wardesk.board(),
	wardesk.board_summary(),
	wardesk.stats(timestamptz, timestamptz)
to wardesk_staff;

reset role;
