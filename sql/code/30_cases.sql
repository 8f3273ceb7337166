-- 30_cases.sql - the case state machine and the case actions: take, assign,
-- escalate, deescalate, close, reopen, set_priority, reassign_all.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: cases (001_core.sql; flags in 002_intake.sql; the chain's columns,
-- delay_reason and apology_note in 003_deadlines.sql), officers, categories,
-- delay_reasons (003), case_claims (028, take_try).  Helpers: 20_common.sql.  Every action runs as
-- wardesk_owner (SECURITY DEFINER, search_path pinned) for session_user,
-- the acting officer, under row-level security (90_policies.sql).
--
-- States: new -> in_progress (take, assign) -> resolved (close) -> reopened
-- (reopen) -> in_progress.  Roles (officers.role of session_user):
--   hotline  report (40_intake.sql); the priority of a case they recorded
--            that nobody holds yet (set_priority)
--   officer  take; escalate cases they hold or nobody holds; set the
--            priority of any open case; close cases
--            they hold
--   chair    everything an officer does, plus assign/reassign any open
--            case, escalate any case, deescalate, reopen
-- wardesk.allowed_actions() (60_roles.sql) tells the console what to
-- offer; these functions remain the only authority.  Other writers of cases: report,
-- import_request, merge, add_reporter (40_intake.sql), the sweep and ack
-- (50_deadlines.sql), handover_ack (70_shifts.sql).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Triggers: the state machine and the escalation rule
-- ---------------------------------------------------------------------------

-- State machine, immutable columns, version and updated_at, for every writer
-- (the functions here and elsewhere, psql).
create or replace function wardesk.tg_cases_before_update() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if new.id <> old.id or new.ref <> old.ref or new.ward_id <> old.ward_id
	   or new.created_at <> old.created_at then
		raise exception '%: id, ref, ward and creation time cannot change', old.ref
			using errcode = 'WD302',
			      detail = json_build_object('ref', old.ref::text)::text;
	end if;
	if new.state <> old.state or new.state = 'in_progress' then
		if not ((old.state, new.state) in (('new', 'in_progress'),
		                                   ('in_progress', 'in_progress'),
		                                   ('in_progress', 'resolved'),
		                                   ('resolved', 'reopened'),
		                                   ('reopened', 'in_progress'))) then
			raise exception '%: cannot go from % to %', old.ref, old.state, new.state
				using errcode = 'WD303',
				      detail = json_build_object('ref', old.ref::text,
				                                'from', old.state::text,
				                                'to', new.state::text)::text;
		end if;
	end if;
	-- one more than before, or what the writer set if more: the sweep's
	-- one UPDATE of a case it steps k times this call sets k more, one per
	-- step's event (sweep_chunk, 50_deadlines.sql; only the owner's
	-- functions and superusers write cases)
	new.version := greatest(new.version, old.version + 1);
	new.updated_at := wardesk.action_now();
	return new;
end $$;

create or replace trigger t20_rules before update on wardesk.cases
	for each row execute function wardesk.tg_cases_before_update();

-- escalate: a duty officer escalates only a case they hold or nobody holds;
-- the chair any open case.  Checked by a trigger on the action (wardesk.action
-- 'escalate'), whoever sets it.
create or replace function wardesk.tg_cases_roles() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := nullif(current_setting('wardesk.action', true), '');
	o officers;
begin
	if v_action = 'escalate' and new.escalation > old.escalation then
		select * into o from officers where login = wardesk.session_login();
		if o.role = 'officer' and old.owner is not null and old.owner <> o.login then
			raise exception '% is held by %; only the holder or the ward chair can escalate it',
				old.ref, holder_text(old.owner)
				using errcode = 'WD101',
				      detail = json_build_object('ref', old.ref::text,
				                                'holder', (holder_text(old.owner))::text)::text;
		end if;
	end if;
	return new;
end $$;

create or replace trigger t15_roles before update on wardesk.cases
	for each row execute function wardesk.tg_cases_roles();

-- ---------------------------------------------------------------------------
-- Actions
-- ---------------------------------------------------------------------------

-- take_try: an active duty officer or chair takes a new or reopened case;
-- losing the race to another officer is a result, not an error (issue 14
-- item 2).  Returns won (true: the case is now the caller's), ref, holder
-- (the holder's login), holder_name (their full name, NULL when none) and
-- version (the case's version after the take, or as the loser read it).
-- Every other refusal is raised, in the order of the locking take of 0.1.0:
-- not found or another ward WD401, actor not an active officer or chair
-- (require_officer: WD601/WD602/WD603), resolved WD301, already yours
-- WD304, stale version WD002.  The console and the CLI call this
-- (store_take, which turns a loss into the refusal WD102 naming the
-- holder); take() below is psql's API on top of it, raising that WD102.
--
-- Of 50 officers pressing "take" at once, one wins and 49 must learn who
-- (they cannot before the winner commits).  Each first claims the case at
-- the version it reads, if it is free, with INSERT ... ON CONFLICT DO
-- NOTHING into case_claims (028).  One claim goes in: that officer sets
-- the audit action and UPDATEs the case (its WHERE is the whole
-- precondition again: new or reopened, unowned, at the version seen).  The
-- others' INSERTs wait for the claimant's commit on its transaction - all
-- woken at once - and do nothing, writing nothing (no transaction id, no
-- WAL); a loser that reads the case already held skips even that.  Then
-- one read, in a new snapshot, gives the holder and their name.  A claim
-- rolled back, or a case changed without a take (the sweep, a chair), is
-- claimed again; the third round reads under the row lock (lock_case), so
-- a case that keeps changing under the racers ends as the locking take
-- would.  Waiting on the case row instead (an UPDATE or FOR SHARE behind the
-- winner's lock) queues the losers on the row's tuple lock, and they wake
-- one after another, each a context switch on a loaded machine; FOR SHARE
-- (last session's take) also gave each loser a transaction id and a
-- MultiXact, and the loss was raised as an error with its JSON detail.
--
-- The statements are planned once per session (plan_cache_mode): with the
-- default, the plans with the ward policies' InitPlans were planned again
-- at every call.  The setting holds for the triggers the UPDATE fires.
--
-- The audit action is set as by every action (set_action('take', null)
-- around the UPDATE), so the event row, the NOTIFY payload and the triggers
-- (rules, chain, alerts) see the same thing; only the winner sets it.
create or replace function wardesk.take_try(p_ref text, p_seen int default null,
	out won boolean, out ref text, out holder text, out holder_name text, out version int)
language plpgsql security definer
set search_path = wardesk, pg_temp
set plan_cache_mode = force_generic_plan
as $$
declare
	o officers;
	c cases;
	r record;
	v_ref text;
	v_id bigint;
	v_round int := 0;
begin
	-- the acting officer (me()), read once, by the primary key
	select * into o from officers where login = session_login();
	-- canon_ref(p_ref, o.ward_id), without a query for the usual 'BT-12'
	if btrim(p_ref) ~ '^[0-9]+$' then
		v_ref := canon_ref(p_ref, o.ward_id);
	else
		v_ref := upper(btrim(p_ref));
	end if;
	won := false;
	loop
		v_round := v_round + 1;
		v_id := null;
		-- Claim the case at the version it has if it is free (new or
		-- reopened, unowned, at the version seen).  A racer that claimed
		-- that version first makes this INSERT wait for its commit (all
		-- waiters wake together) and then do nothing.
		if v_round < 3 and o.active and o.role in ('officer', 'chair') then
			insert into case_claims (case_id, version)
			select x.id, x.version from cases x
			 where x.ref = v_ref and x.ward_id = o.ward_id
			   and x.state in ('new', 'reopened') and x.owner is null
			   and (p_seen is null or x.version = p_seen)
			on conflict do nothing
			returning case_id into v_id;
		end if;
		if v_id is null then
			-- Why not: the case as it is now, and its holder's name (the
			-- third round under the row lock: lock_case raises WD401)
			if v_round < 3 then
				select x as k,
				       case when x.owner is not null
				            then (select h.full_name from officers h where h.login = x.owner) end as n
				  into r from cases x where x.ref = v_ref;
				c := r.k;
				holder_name := r.n;
			else
				c := lock_case(p_ref, o);
				holder_name := (select h.full_name from officers h where h.login = c.owner);
			end if;
			if c.id is null or (o.login is not null and c.ward_id <> o.ward_id) then
				raise exception 'no case %', coalesce(v_ref, p_ref, '(none)')
					using errcode = 'WD401',
					      detail = json_build_object('ref', (coalesce(v_ref, p_ref, '(none)'))::text)::text;
			end if;
			if o.login is null or not o.active or not (o.role in ('officer', 'chair')) then
				o := require_officer(array['officer', 'chair'], 'take cases');   -- raises WD006
			end if;
			ref := c.ref;
			holder := c.owner;
			version := c.version;
			if c.state = 'in_progress' and c.owner <> o.login then
				return;   -- lost: held by someone else
			end if;
			if c.state = 'resolved' then
				perform refuse_resolved(c);   -- raises WD301
			end if;
			if c.state = 'in_progress' then
				raise exception '% is already yours', c.ref
					using errcode = 'WD304',
					      detail = json_build_object('ref', c.ref::text)::text;
			end if;
			perform check_seen(c, p_seen);   -- raises WD002
			-- free now (the claimant rolled back, or changed the case
			-- without taking it): claim it in the next round; under the
			-- row lock, take it
			continue when v_round < 3;
			v_id := c.id;
		end if;

		perform set_action('take', null);
		update cases k set state = 'in_progress', owner = o.login
		 where k.id = v_id and k.state in ('new', 'reopened') and k.owner is null
		   and (p_seen is null or k.version = p_seen)
		returning * into c;
		perform set_action(null, null);
		if c.id is not null then
			won := true;
			ref := c.ref;
			holder := c.owner;
			holder_name := o.full_name;
			version := c.version;
			return;
		end if;
		-- changed since the claim by a writer that does not claim (the
		-- sweep, a chair): look again.  Under the row lock (the third
		-- round) it cannot have.
	end loop;
end $$;

-- take: psql's API (and the older clients'): take_try, with a loss raised
-- as WD102 naming the holder ('login (Full Name)', holder_text's form).
-- Returns the case as taken.
create or replace function wardesk.take(p_ref text, p_seen int default null) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	t record;
	c cases;
	v_holder text;
begin
	select * into t from take_try(p_ref, p_seen);
	if not t.won then
		v_holder := t.holder || coalesce(' (' || t.holder_name || ')', '');
		raise exception '% is already held by %', t.ref, v_holder
			using errcode = 'WD102',
			      detail = json_build_object('ref', t.ref::text, 'holder', v_holder)::text;
	end if;
	select * into c from cases x where x.ref = t.ref;
	return c;
end $$;

-- assign / reassign: the ward chair only, to an active duty officer or chair
-- of the case's ward.
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
			using errcode = 'WD502',
			      detail = json_build_object('login', (coalesce(p_login, '(none)'))::text)::text;
	end if;
	if c.owner = t.login then
		raise exception '% is already held by %', c.ref, holder_text(c.owner)
			using errcode = 'WD305',
			      detail = json_build_object('ref', c.ref::text,
			                                'holder', (holder_text(c.owner))::text)::text;
	end if;
	perform set_action('assign', null);
	update cases set state = 'in_progress', owner = t.login where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- escalate: raise an open case to the ward chair (level 1), with an optional
-- note; a duty officer only a case they hold or nobody holds (t15_roles).
create or replace function wardesk.escalate(p_ref text, p_seen int default null, p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'escalate cases');
	perform refuse_resolved(c);
	if c.escalation >= 1 then
		raise exception '% is with the ward chair already (level %): it cannot go higher',
			c.ref, c.escalation
			using errcode = 'WD306',
			      detail = json_build_object('ref', c.ref::text,
			                                'level', c.escalation::text)::text;
	end if;
	perform check_seen(c, p_seen);
	perform check_length('the note', btrim(p_note), 4000);
	perform set_action('escalate', visible_or_null(p_note));
	update cases set escalation = greatest(escalation, 1) where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- deescalate: the chair takes an escalation back (level -> 0) with a note.
create or replace function wardesk.deescalate(p_ref text, p_seen int default null, p_note text default null)
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
		raise exception '% is not escalated', c.ref
			using errcode = 'WD307',
			      detail = json_build_object('ref', c.ref::text)::text;
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a note is required to de-escalate %', c.ref
			using errcode = 'WD503',
			      detail = json_build_object('ref', c.ref::text)::text;
	end if;
	perform check_length('the note', btrim(p_note), 4000);
	perform set_action('deescalate', btrim(p_note));
	update cases set escalation = 0 where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- close: the holder (or the ward chair) resolves a case in progress, with a
-- note and a reason (done, transferred, not_ours, duplicate of p_duplicate_of);
-- a late case also needs a delay reason (p_delay_reason, of delay_reasons)
-- and may carry an apology note (p_apology, see apology_text in
-- 50_deadlines.sql).  Late is judged against the original deadline
-- (closes_late, 80_stats.sql: a reopen's new deadline does not make a
-- re-close after the first deadline on time), as the statistics judge it.
create or replace function wardesk.close(
	p_ref text,
	p_seen int default null,
	p_note text default null,
	p_reason text default 'done',
	p_duplicate_of text default null,
	p_delay_reason text default null,
	p_apology text default null
) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	d cases;
	v_reason text := lower(regexp_replace(btrim(coalesce(p_reason, 'done')), '[ -]', '_', 'g'));
	v_delay text := upper(nullif(btrim(p_delay_reason), ''));
	v_apology text := visible_or_null(p_apology);
	v_late boolean;
	v_at timestamptz;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'close cases');
	if c.state = 'resolved' then
		raise exception '% is already resolved', c.ref
			using errcode = 'WD308',
			      detail = json_build_object('ref', c.ref::text)::text;
	elsif c.state <> 'in_progress' then
		raise exception '% is %; take it before closing it', c.ref,
			case c.state when 'new' then 'new' else 'reopened' end
			using errcode = 'WD309',
			      detail = json_build_object('ref', c.ref::text,
			                                'state', (case c.state when 'new' then 'new' else 'reopened' end)::text)::text;
	end if;
	if o.role <> 'chair' and c.owner <> o.login then
		raise exception '% is held by %; only the holder or the ward chair can close it',
			c.ref, holder_text(c.owner)
			using errcode = 'WD605',
			      detail = json_build_object('ref', c.ref::text,
			                                'holder', (holder_text(c.owner))::text)::text;
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a resolution note is required to close %', c.ref
			using errcode = 'WD504',
			      detail = json_build_object('ref', c.ref::text)::text;
	end if;
	perform check_length('the resolution note', btrim(p_note), 4000);
	perform check_length('the apology', v_apology, 4000);
	if v_reason not in ('done', 'transferred', 'not_ours', 'duplicate') then
		raise exception 'unknown closing reason % (done, transferred, not_ours, duplicate)', p_reason
			using errcode = 'WD505',
			      detail = json_build_object('reason', p_reason::text)::text;
	end if;
	if v_reason = 'duplicate' then
		if is_blank(p_duplicate_of) then
			raise exception 'say which case % duplicates', c.ref
				using errcode = 'WD506',
				      detail = json_build_object('ref', c.ref::text)::text;
		end if;
		select * into d from cases where ref = canon_ref(p_duplicate_of, c.ward_id) and ward_id = c.ward_id;
		if not found then
			raise exception 'no case % to be a duplicate of', p_duplicate_of
				using errcode = 'WD507',
				      detail = json_build_object('dup', p_duplicate_of::text)::text;
		end if;
		if d.id = c.id then
			raise exception '% cannot be a duplicate of itself', c.ref
				using errcode = 'WD508',
				      detail = json_build_object('ref', c.ref::text)::text;
		end if;
	elsif not is_blank(p_duplicate_of) then
		raise exception 'a duplicate case is given but the reason is %', v_reason
			using errcode = 'WD509',
			      detail = json_build_object('reason', v_reason::text)::text;
	end if;
	v_at := wardesk.action_now();   -- one time for the lateness and closed_at
	v_late := closes_late(c.id, v_at);
	if v_late and v_delay is null then
		raise exception '% is overdue: give a delay reason', c.ref
			using errcode = 'WD510',
			      detail = json_build_object('ref', c.ref::text)::text,
			      hint = (select 'delay reasons: ' || string_agg(code, ', ' order by sort)
			          from delay_reasons where active);
	end if;
	if not v_late and (v_delay is not null or v_apology is not null) then
		raise exception '% is not overdue: a delay reason or apology is only for a late case', c.ref
			using errcode = 'WD511',
			      detail = json_build_object('ref', c.ref::text)::text;
	end if;
	if v_delay is not null and not exists (select from delay_reasons where code = v_delay and active) then
		raise exception 'unknown delay reason %', p_delay_reason
			using errcode = 'WD512',
			      detail = json_build_object('reason', p_delay_reason::text)::text,
			      hint = (select 'delay reasons: ' || string_agg(code, ', ' order by sort)
			          from delay_reasons where active);
	end if;
	perform set_action('close', btrim(p_note));
	update cases
	   set state = 'resolved', resolution_note = btrim(p_note), close_reason = v_reason,
	       duplicate_of = d.id, closed_at = v_at,
	       -- the agency it went to, fixed now (the export names it, 40_intake.sql)
	       transfer_agency = case when v_reason in ('transferred', 'not_ours')
	                              then transfer_agency(c.ward_id, c.category) end,
	       delay_reason = v_delay, apology_note = v_apology
	 where id = c.id
	returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- reopen: the chair only, with a reason; the deadline starts again from now
-- (the chain restarts: t25_chain in 50_deadlines.sql).
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
			using errcode = 'WD310',
			      detail = json_build_object('ref', c.ref::text,
			                                'state', (replace(c.state, '_', ' '))::text)::text;
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a reason is required to reopen %', c.ref
			using errcode = 'WD513',
			      detail = json_build_object('ref', c.ref::text)::text;
	end if;
	perform check_length('the reason', btrim(p_note), 4000);
	select deadline_min into v_min from case_limits(c.ward_id, c.category, c.priority);   -- the ward's
	perform set_action('reopen', btrim(p_note));
	update cases
	   set state = 'reopened', owner = null, resolution_note = null, close_reason = null,
	       transfer_agency = null,
	       duplicate_of = null, closed_at = null, escalation = 0,
	       deadline_at = greatest(received_at, wardesk.action_now() + make_interval(mins => v_min))
	 where id = c.id
	returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- set_priority: urgent or normal (014_priority.sql).  Duty officers and
-- chairs change any open case of their ward; a hotline operator only a case
-- they recorded (the 'report' event is theirs) that nobody holds yet (they
-- may have picked the wrong priority in the ticket form).  Audited as
-- 'priority' (case_events old/new: priority, deadline_at) with the note.
-- Raising to urgent shortens the clock from now: the deadline becomes now +
-- the urgent deadline, never later than it was (a case on time is never
-- made overdue by being found urgent; an overdue one stays overdue).  Lowering to normal keeps the deadline: a
-- promise made to the caller is not extended quietly (a chair who wants
-- more time says so to the caller).  Becoming urgent alerts every officer
-- on duty and the chairs (tg_cases_alerts, 50_deadlines.sql).
create or replace function wardesk.set_priority(p_ref text, p_priority text, p_seen int default null,
                                     p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	v_prio text := lower(btrim(coalesce(p_priority, '')));
	v_urgent int;
	v_deadline timestamptz;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'change the priority of cases');
	if v_prio not in ('urgent', 'normal') then
		raise exception 'unknown priority % (urgent, normal)', coalesce(p_priority, '(none)')
			using errcode = 'WD560',
			      detail = json_build_object('priority', coalesce(p_priority, '(none)')::text)::text;
	end if;
	perform refuse_resolved(c);
	if o.role = 'hotline'
	   and (c.owner is not null
	        or not exists (select from case_events e where e.case_id = c.id and e.action = 'report'
	                                                    and e.actor = o.login)) then
		raise exception 'a hotline operator changes the priority only of a case they recorded and nobody holds yet'
			using errcode = 'WD614', hint = 'ask a duty officer or the ward chair';
	end if;
	if c.priority = v_prio then
		raise exception '% is already %', c.ref, v_prio
			using errcode = 'WD324', detail = json_build_object('ref', c.ref::text, 'priority', v_prio)::text;
	end if;
	perform check_seen(c, p_seen);
	perform check_length('the note', btrim(p_note), 4000);
	v_deadline := c.deadline_at;
	if v_prio = 'urgent' then
		select deadline_min into v_urgent from case_limits(c.ward_id, c.category, 'urgent');
		v_deadline := least(c.deadline_at, wardesk.action_now() + make_interval(mins => v_urgent));
	end if;
	perform set_action('priority', visible_or_null(p_note));
	update cases set priority = v_prio, deadline_at = v_deadline where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- reassign_all: the chair moves every case p_from holds in progress to p_to
-- (each one through assign(), so each is audited as 'assign'); returns how
-- many moved.  One transaction: all or nothing.
create or replace function wardesk.reassign_all(p_from text, p_to text) returns int
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
		raise exception 'no officer % in this ward', coalesce(p_from, '(none)')
			using errcode = 'WD514',
			      detail = json_build_object('from', (coalesce(p_from, '(none)'))::text)::text;
	end if;
	for r in select ref from cases where owner = v_from and state = 'in_progress'
	          order by deadline_at, id for update loop
		perform assign(r.ref, p_to, null);
		n := n + 1;
	end loop;
	return n;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function wardesk.close(text, int, text, text, text, text, text) from public;
grant execute on function
	wardesk.take_try(text, int),
	wardesk.take(text, int),
	wardesk.assign(text, text, int),
	wardesk.escalate(text, int, text),
	wardesk.deescalate(text, int, text),
	wardesk.close(text, int, text, text, text, text, text),
	wardesk.reopen(text, int, text),
	wardesk.set_priority(text, text, int, text),
	wardesk.reassign_all(text, text)
to wardesk_staff;

reset role;
