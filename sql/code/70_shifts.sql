-- 70_shifts.sql - shifts and handovers: shift_start, shift_end,
-- handover_create, handover_ack, handover_cancel (NOTIFY on the ward's shift
-- channel).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: shifts, handovers, handover_cases (004_roles_shifts.sql), cases,
-- officers (001_core.sql).  The views on_duty_now, handover_list and
-- pending_handovers are in 15_views.sql; what happened during a shift
-- (window_summary) in 80_stats.sql.

set role wardesk_owner;

-- NOTIFY on the ward's shift channel (wardesk_shift_<ward>_<token>,
-- ward_channel(), 12_ward_scope.sql) {"kind":"shift"|"handover","id","ward","op"}.
create or replace function wardesk.notify_shift(p_kind text, p_id bigint, p_ward int, p_op text) returns void
language sql
set search_path = wardesk, pg_temp
as $$
	-- the ward's own channel (12_ward_scope.sql): no other ward hears it
	select pg_notify(ch,
		format('{"kind":%s,"id":%s,"ward":%s,"op":%s}', to_json(p_kind), p_id, p_ward, to_json(p_op)))
	  from (select wardesk.ward_channel(p_ward, 'shift') as ch) x
	 where ch is not null
$$;

-- ---------------------------------------------------------------------------
-- Shifts
-- ---------------------------------------------------------------------------

-- The acting officer starts a shift (WD003 when one is open already).
create or replace function wardesk.shift_start() returns wardesk.shifts
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'start a shift');
	s shifts;
	v_since text;
begin
	select * into s from shifts where officer = o.login and ended_at is null for update;
	if found then
		v_since := to_char(s.started_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM HH24:MI');
		raise exception 'you are already on duty since %', v_since
			using errcode = 'WD320', detail = json_build_object('since', v_since)::text;
	end if;
	insert into shifts(officer, ward_id) values (o.login, o.ward_id) returning * into s;
	perform notify_shift('shift', s.id, s.ward_id, 'start');
	return s;
end $$;

-- The acting officer ends their open shift (WD003 when none is open).
create or replace function wardesk.shift_end() returns wardesk.shifts
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'end a shift');
	s shifts;
begin
	update shifts set ended_at = greatest(started_at, wardesk.action_now())
	 where officer = o.login and ended_at is null
	returning * into s;
	if not found then
		raise exception 'you are not on duty (no shift started)'
			using errcode = 'WD321';
	end if;
	perform notify_shift('shift', s.id, s.ward_id, 'end');
	return s;
end $$;

-- ---------------------------------------------------------------------------
-- Handovers
-- ---------------------------------------------------------------------------

-- The outgoing officer (session_user) hands every case they hold in progress
-- to p_to, except p_exclude_refs.  Nothing moves until p_to acknowledges.
create or replace function wardesk.handover_create(p_to text, p_note text, p_exclude_refs text[] default null)
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
			using errcode = 'WD551',
			      detail = json_build_object('login', (coalesce(p_to, '(none)'))::text)::text;
	end if;
	if t.login = o.login then
		raise exception 'you cannot hand over to yourself'
			using errcode = 'WD552';
	end if;
	if is_blank(p_note) then
		raise exception 'a handover note is required'
			using errcode = 'WD553';
	end if;
	perform check_length('the handover note', btrim(p_note), 4000);
	select * into h from handovers where from_officer = o.login and state = 'pending';
	if found then
		raise exception 'your handover #% to % is still pending; cancel it first', h.id,
			holder_text(h.to_officer)
			using errcode = 'WD322',
			      detail = json_build_object('id', h.id::text,
			                                'officer', (holder_text(h.to_officer))::text)::text;
	end if;
	foreach r in array coalesce(p_exclude_refs, '{}') loop
		continue when is_blank(r);
		v_ref := canon_ref(r, o.ward_id);
		if not exists (select from cases where ref = v_ref and ward_id = o.ward_id
		                                   and owner = o.login and state = 'in_progress') then
			raise exception '% is not one of your cases in progress', v_ref
				using errcode = 'WD554',
				      detail = json_build_object('ref', v_ref::text)::text;
		end if;
		v_ex := v_ex || v_ref;
	end loop;
	-- lock what is handed over so that the list is exact
	perform 1 from cases where owner = o.login and state = 'in_progress' for update;
	select count(*) into v_n from cases
	 where owner = o.login and state = 'in_progress' and not (ref = any (v_ex));
	if v_n > 0 and t.role not in ('officer', 'chair') then
		raise exception '% is a %: cases can only be handed to a duty officer or the chair',
			holder_text(t.login), role_text(t.role)
			using errcode = 'WD555',
			      detail = json_build_object('officer', (holder_text(t.login))::text,
			                                'role', (role_text(t.role))::text)::text;
	end if;
	insert into handovers(ward_id, from_officer, to_officer, shift_id, note, chain_event, chain_hash)
	values (o.ward_id, o.login, t.login,
	        (select id from shifts where officer = o.login order by (ended_at is null) desc,
	                started_at desc limit 1),
	        btrim(p_note),
	        -- the head of the ward's audit chain (26_audit_chain.sql) now
	        (select a.event_id from chain_last(o.ward_id) a),
	        (select a.hash from chain_last(o.ward_id) a))
	returning * into h;
	insert into handover_cases(handover_id, case_id, ward_id, included, state, deadline_at, version)
	select h.id, c.id, c.ward_id, not (c.ref = any (v_ex)), c.state, c.deadline_at, c.version
	  from cases c
	 where c.owner = o.login and c.state = 'in_progress';
	perform notify_shift('handover', h.id, h.ward_id, 'create');
	return h;
end $$;

-- The pending handover p_id addressed to p_login, locked, for it to be
-- acknowledged or declined (p_verb): WD404 when there is none, WD611 / WD612
-- when it is addressed to someone else, WD323 when it is answered already.
create or replace function wardesk.handover_to_answer(p_id bigint, p_login text, p_verb text)
returns wardesk.handovers
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	h handovers;
begin
	select * into h from handovers where id = p_id for update;
	if not found then
		raise exception 'no handover #%', coalesce(p_id::text, '(none)')
			using errcode = 'WD404',
			      detail = json_build_object('id', (coalesce(p_id::text, '(none)'))::text)::text;
	end if;
	if h.to_officer <> p_login then
		raise exception 'handover #% is addressed to %; only they can % it', h.id,
			holder_text(h.to_officer), p_verb
			using errcode = case p_verb when 'acknowledge' then 'WD611' else 'WD612' end,
			      detail = json_build_object('id', h.id::text,
			                                'officer', (holder_text(h.to_officer))::text)::text;
	end if;
	if h.state <> 'pending' then
		raise exception 'handover #% is already %', h.id, h.state
			using errcode = 'WD323',
			      detail = json_build_object('id', h.id::text,
			                                'state', h.state::text)::text;
	end if;
	return h;
end $$;

-- The incoming officer acknowledges: every included case still held in
-- progress by the outgoing officer moves to them (audited as 'handover'),
-- all in this one transaction; a case that was closed or reassigned since is
-- left where it is (moved = false).  Starts the incoming officer's shift if
-- none is open.
create or replace function wardesk.handover_ack(p_id bigint) returns wardesk.handovers
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
	h := handover_to_answer(p_id, o.login, 'acknowledge');
	v_note := format('handover #%s from %s', h.id, h.from_officer);
	-- every case first, in id order: no row lock is waited for while this
	-- transaction holds the ward's audit chain head (26_audit_chain.sql)
	perform 1 from cases where id in (select case_id from handover_cases
	                                   where handover_id = h.id and included)
	 order by id for update;
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
	update handovers set state = 'acknowledged', acked_at = wardesk.action_now(),
	       ack_chain_event = (select a.event_id from chain_last(h.ward_id) a),
	       ack_chain_hash = (select a.hash from chain_last(h.ward_id) a)
	 where id = h.id
	returning * into h;
	if not exists (select from shifts where officer = o.login and ended_at is null) then
		perform shift_start();
	end if;
	perform notify_shift('handover', h.id, h.ward_id, 'ack');
	return h;
end $$;

-- The incoming officer declines a pending handover, with a note saying why:
-- nothing moves, the cases stay with the outgoing officer.  Audited in the
-- history of every case it listed (case_events, action
-- 'handover_declined'); the outgoing officer is told on the ward's shift channel.
create or replace function wardesk.handover_decline(p_id bigint, p_note text) returns wardesk.handovers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'decline a handover');
	h handovers;
begin
	h := handover_to_answer(p_id, o.login, 'decline');
	if is_blank(p_note) then
		raise exception 'say why the handover is declined (a note is required)'
			using errcode = 'WD556';
	end if;
	update handovers set state = 'declined', declined_at = wardesk.now(), decline_note = btrim(p_note)
	 where id = h.id returning * into h;
	insert into case_events(case_id, ward_id, actor, action, version, note)
	select c.id, c.ward_id, session_user, 'handover_declined', c.version,
	       format('handover #%s from %s declined by %s: %s', h.id, h.from_officer, o.login, h.decline_note)
	  from handover_cases x join cases c on c.id = x.case_id
	 where x.handover_id = h.id and x.included;
	perform notify_shift('handover', h.id, h.ward_id, 'decline');
	return h;
end $$;

-- The outgoing officer or the ward chair cancels a pending handover.
create or replace function wardesk.handover_cancel(p_id bigint) returns wardesk.handovers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'cancel a handover');
	h handovers;
begin
	select * into h from handovers where id = p_id for update;
	if not found then
		raise exception 'no handover #%', coalesce(p_id::text, '(none)')
			using errcode = 'WD404',
			      detail = json_build_object('id', (coalesce(p_id::text, '(none)'))::text)::text;
	end if;
	if h.from_officer <> o.login and o.role <> 'chair' then
		raise exception 'only % or the ward chair can cancel handover #%', holder_text(h.from_officer), h.id
			using errcode = 'WD613',
			      detail = json_build_object('officer', (holder_text(h.from_officer))::text,
			                                'id', h.id::text)::text;
	end if;
	if h.state <> 'pending' then
		raise exception 'handover #% is already %', h.id, h.state
			using errcode = 'WD323',
			      detail = json_build_object('id', h.id::text,
			                                'state', h.state::text)::text;
	end if;
	update handovers set state = 'cancelled', cancelled_at = wardesk.action_now(), cancelled_by = o.login
	 where id = h.id returning * into h;
	perform notify_shift('handover', h.id, h.ward_id, 'cancel');
	return h;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function wardesk.notify_shift(text, bigint, int, text) from public;
grant execute on function
	wardesk.shift_start(),
	wardesk.shift_end(),
	wardesk.handover_create(text, text, text[]),
	wardesk.handover_ack(bigint),
	wardesk.handover_cancel(bigint),
	wardesk.handover_decline(bigint, text)
to wardesk_staff;

reset role;
