-- 005_fast_paths.sql - contested takes without a row-lock queue; a sweep
-- that looks only at its own ward's cases with something (nearly) due.
--
-- Applied by `wardesk db init` as a superuser inside one transaction, after
-- 001-004 (bench/NOTES.md has the measurements behind both changes).
-- Behaviour is unchanged: same signatures, grants, errors (codes, messages,
-- DETAILs, precedence), audit events, NOTIFYs and alerts.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- take: one conditional UPDATE instead of SELECT ... FOR UPDATE first.
-- ---------------------------------------------------------------------------
-- When 50 officers race for one case, 001's take() locked the row first, so
-- the 49 losers queued on the row lock and held it one after another while
-- raising WD001.  Now an active officer or chair takes the case with a single
-- UPDATE whose WHERE is the whole precondition (the case by ref in the
-- officer's ward, new or reopened, unowned, at the version seen).  Under READ
-- COMMITTED the losers wait only for the winner's commit, re-check the WHERE
-- on the new row version (EvalPlanQual), match nothing and return at once.
--
-- When no row comes back, the case is read WITHOUT a lock (a fresh snapshot:
-- after the winner's commit it shows the holder) and the errors of 001 are
-- raised in 001's order: not found or another ward WD004, actor not an
-- active officer/chair WD006, resolved WD003, "already yours" WD003, held by
-- someone else WD001 (DETAIL holder=LOGIN), stale version WD002.  If every
-- check passes on that read, the row changed between the UPDATE and the read
-- (e.g. it was reopened again); then the case is taken the 001 way, under
-- the row lock, so the outcome is what 001 would have given.
--
-- The audit action is set exactly as before (set_action('take', null) around
-- the UPDATE), so the event row, the NOTIFY payload and the triggers (rules,
-- chain, alerts) see the same thing.
create or replace function wardesk.take(p_ref text, p_seen int default null) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	c cases;
	v_ref text;
	v_holder_name text;
	r record;
begin
	-- the acting officer (me()), read once; every query on an RLS table costs
	-- two policy-function calls, so the fast path runs only this and the UPDATE
	select * into o from officers where login = session_user::text;
	-- canon_ref(p_ref, o.ward_id), without a query for the usual 'BT-12'
	if btrim(p_ref) ~ '^[0-9]+$' then
		v_ref := canon_ref(p_ref, o.ward_id);
	else
		v_ref := upper(btrim(p_ref));
	end if;
	-- the officer/role check first, without any lock: only an active officer
	-- or chair gets the fast path (everyone else gets 001's errors below)
	if o.login is not null and o.active and o.role in ('officer', 'chair') then
		perform set_action('take', null);
		update cases set state = 'in_progress', owner = o.login
		 where ref = v_ref and ward_id = o.ward_id
		   and state in ('new', 'reopened') and owner is null
		   and (p_seen is null or version = p_seen)
		returning * into c;
		perform set_action(null, null);
		if c.id is not null then
			return c;
		end if;
	end if;

	-- Why not: read the case (and its holder's name) without a lock, in a new
	-- statement (so after the winner's commit) and raise as 001 did, in its
	-- order: lock_case, require_officer, refuse_resolved, held, check_seen.
	select x as c, h.full_name as holder_name into r
	  from cases x left join officers h on h.login = x.owner
	 where x.ref = v_ref;
	c := r.c;
	v_holder_name := r.holder_name;
	if c.id is null or (o.login is not null and c.ward_id <> o.ward_id) then
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)') using errcode = 'WD004';
	end if;
	if o.login is null or not o.active or not (o.role in ('officer', 'chair')) then
		o := require_officer(array['officer', 'chair'], 'take cases');   -- raises WD006
	end if;
	perform refuse_resolved(c);
	if c.state = 'in_progress' then
		if c.owner = o.login then
			raise exception '% is already yours', c.ref using errcode = 'WD003';
		end if;
		-- holder_text(c.owner)
		raise exception '% is already held by %', c.ref,
			c.owner || coalesce(' (' || v_holder_name || ')', '')
			using errcode = 'WD001', detail = 'holder=' || c.owner;
	end if;
	perform check_seen(c, p_seen);

	-- Rare: every check passed, so the case changed between the UPDATE and
	-- the read (e.g. released and reopened).  Take it as 001 did, under the
	-- row lock.
	c := lock_case(p_ref, o);
	perform refuse_resolved(c);
	if c.state = 'in_progress' then
		if c.owner = o.login then
			raise exception '% is already yours', c.ref using errcode = 'WD003';
		end if;
		raise exception '% is already held by %', c.ref, holder_text(c.owner)
			using errcode = 'WD001', detail = 'holder=' || c.owner;
	end if;
	perform check_seen(c, p_seen);
	perform set_action('take', null);
	update cases set state = 'in_progress', owner = o.login where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- ---------------------------------------------------------------------------
-- sweep: only the caller's ward, only cases with a step still to do.
-- ---------------------------------------------------------------------------
-- Every open console sweeps every 20 s.  003's candidate query read every
-- open case of every ward (row-level security dropped the other wards' rows
-- afterwards), so a ward of 100,000 cases made every console's sweep cost a
-- full scan.  Now the candidates are restricted to the sweeping ward (all
-- wards for a superuser, as before), and to cases that still have a step to
-- do: that condition is implied by the step conditions (each of them needs
-- warned_at or overdue_at unset, an unacknowledged escalation, or no
-- escalation yet), so the result is the same, and the partial index
-- cases_sweep_todo leaves out the cases in the chain's steady state (warned,
-- overdue and acknowledged).  Everything else is 003's sweep, unchanged.

create index if not exists cases_sweep_todo on wardesk.cases (ward_id, deadline_at)
 where state <> 'resolved'
   and (warned_at is null or overdue_at is null
        or (escalation >= 1 and ack_at is null)
        or (escalated_at is null and escalation = 0));

create or replace function wardesk.sweep()
returns table (at timestamptz, case_id bigint, ref text, action text, escalation int, alerted text[])
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	v_now timestamptz := wardesk.now();
	v_remind interval := make_interval(mins => greatest(setting_int('remind_min', 10), 1));
	v_grace interval := make_interval(mins => greatest(setting_int('unowned_grace_min', 10), 0));
	c cases;
	v_step text;
	v_to text[];
	v_ward int;
begin
	-- one sweeper per ward of the caller (all wards: 0, a superuser)
	v_ward := coalesce((select ward_id from officers where login = session_user::text), 0);
	if not pg_try_advisory_xact_lock(hashtext('wardesk.sweep'), v_ward) then
		return;
	end if;
	at := v_now;
	-- open cases with something due, oldest deadline first; a row another
	-- transaction holds is left for the next sweep
	for c in
		select x.* from cases x join categories k on k.code = x.category
		 where x.state <> 'resolved'
		   and (v_ward = 0 or x.ward_id = v_ward)
		   -- implied by the conditions below; lets cases_sweep_todo serve
		   and (x.warned_at is null or x.overdue_at is null
		        or (x.escalation >= 1 and x.ack_at is null)
		        or (x.escalated_at is null and x.escalation = 0))
		   and ((x.warned_at is null and x.deadline_at - make_interval(mins => k.warn_min) <= v_now)
		     or (x.escalated_at is null and x.escalation = 0
		         and x.deadline_at - make_interval(mins => k.escalate_min) <= v_now)
		     or (x.escalated_at is null and x.escalation = 0 and x.warned_at is not null and x.owner is null
		         and x.warned_at + v_grace <= v_now)
		     or (x.overdue_at is null and x.deadline_at <= v_now)
		     or (x.escalation >= 1 and x.ack_at is null
		         and coalesce(x.last_alert_at, x.escalated_at, x.updated_at) + v_remind <= v_now))
		 order by x.deadline_at, x.id
		   for update of x skip locked
	loop
		foreach v_step in array array['warn', 'auto-escalate', 'overdue', 'remind'] loop
			v_to := null;
			-- c is the current row (re-read after each step)
			if v_step = 'warn' and c.warned_at is null
			   and c.deadline_at - make_interval(mins => (select warn_min from categories where code = c.category)) <= v_now then
				perform set_action('warn', null);
				update cases set warned_at = v_now where id = c.id returning * into c;
				v_to := alert(c, 'warning', case when c.owner is not null then array[c.owner]
				                                 else array(select duty_officers(c.ward_id)) end);
			elsif v_step = 'auto-escalate' and c.escalation = 0 and c.escalated_at is null
			      and ((c.deadline_at - make_interval(mins => (select escalate_min from categories where code = c.category)) <= v_now
			            and not (c.ack_at is not null and c.owner is not null
			                     and (c.ack_by = c.owner
			                          or exists (select from officers where login = c.ack_by and role = 'chair'))))
			        or (c.warned_at is not null and c.owner is null and c.warned_at + v_grace <= v_now)) then
				perform set_action('auto-escalate', null);
				update cases set escalation = 1, escalated_at = v_now, last_alert_at = v_now,
				                 ack_by = null, ack_at = null
				 where id = c.id returning * into c;
				v_to := alert(c, 'escalation', array(select ward_chairs(c.ward_id)));
			elsif v_step = 'overdue' and c.overdue_at is null and c.deadline_at <= v_now then
				perform set_action('overdue', null);
				update cases set escalation = 2, overdue_at = v_now, last_alert_at = v_now,
				                 escalated_at = coalesce(escalated_at, v_now), ack_by = null, ack_at = null
				 where id = c.id returning * into c;
				v_to := alert(c, 'overdue', array(select ward_chairs(c.ward_id)));
			elsif v_step = 'remind' and c.escalation >= 1 and c.ack_at is null
			      and coalesce(c.last_alert_at, c.escalated_at, c.updated_at) + v_remind <= v_now then
				perform set_action('remind', null);
				update cases set last_alert_at = v_now where id = c.id returning * into c;
				v_to := alert(c, 'reminder', array(select ward_chairs(c.ward_id)));
			end if;
			if v_to is not null then
				case_id := c.id;
				ref := c.ref;
				action := v_step;
				escalation := c.escalation;
				alerted := v_to;
				return next;
			end if;
		end loop;
	end loop;
	perform set_action(null, null);
end $$;

reset role;
