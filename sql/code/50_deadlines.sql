-- 50_deadlines.sql - deadlines, the escalation chain, alerts: the sweep,
-- acknowledgements, the apology text, category deadlines and settings.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: cases (001_core.sql; the chain's columns in 003_deadlines.sql),
-- categories (001), settings, delay_reasons, alerts (003); the partial index
-- cases_sweep_todo (005_fast_paths.sql) serves the sweep; sweep_state
-- (007_hardening_a.sql) is its lock and health record.  See sql/API.md
-- ("Deadlines and escalation").  close() with its delay reason and apology
-- note is in 30_cases.sql.
--
-- The chain (per open case, by its category's thresholds, on wardesk.now()):
--   warn           deadline - warn_min reached: warned_at; alert the owner, or
--                  every officer on duty (duty_officers()) when unowned
--   auto-escalate  deadline - escalate_min reached and not acknowledged by the
--                  owner (or a chair), or warned and still unowned for
--                  settings.unowned_grace_min: escalation 1; alert the chairs
--   overdue        deadline reached: escalation 2, acknowledgement cleared;
--                  alert the chairs again
--   remind         escalated, not acknowledged, settings.remind_min since the
--                  last alert: alert the chairs again
-- sweep() does every due step exactly once however many sweepers run: one
-- sweeper per scope at a time (its row of sweep_state, 007_hardening_a.sql)
-- and conditional updates on locked rows.  Every step is an UPDATE of the
-- case, so the cases trigger audits it (case_events.action = the step) and
-- NOTIFYs the ward's case channel; every alert is a row of wardesk.alerts and
-- a NOTIFY on the ward's alert channel (ward_channel, 12_ward_scope.sql).
-- The steps and their alerts are recorded as the desk's (actor 'desk'), with
-- the login that ran the sweep beside it (run_by, 015_desk_actor.sql).
-- Thresholds and settings are the case's ward's, for the case's priority
-- (case_limits, setting_int: 12_ward_scope.sql).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- The chain's bookkeeping on every change of a case
-- ---------------------------------------------------------------------------

-- Chain bookkeeping for every writer (the sweep, escalate/deescalate/reopen,
-- psql): reopening restarts the chain (the old values stay in the audit
-- event); a higher escalation level stamps escalated_at (once: a case a chair
-- de-escalated is not escalated again automatically, only marked overdue)
-- and last_alert_at, and needs a new acknowledgement.
create or replace function wardesk.tg_cases_chain() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if old.state = 'resolved' and new.state = 'reopened' then
		new.warned_at := null;
		new.escalated_at := null;
		new.overdue_at := null;
		new.ack_by := null;
		new.ack_at := null;
		new.last_alert_at := null;
		new.delay_reason := null;
		new.apology_note := null;
	elsif new.escalation > old.escalation then
		new.escalated_at := coalesce(new.escalated_at, wardesk.action_now());
		new.last_alert_at := wardesk.action_now();
		new.ack_by := null;
		new.ack_at := null;
	end if;
	return new;
end $$;

-- (only when one of its two cases can hold: a sweep's warning or reminder,
-- a note, an acknowledgement call no function; nor do the sweep's own
-- escalations and overdue marks, whose UPDATE (sweep_chunk, under 'sweep',
-- or under the step's action as before the eighth pass of issue 14) sets
-- what it would: escalated_at, last_alert_at (the sweep's time), no
-- acknowledgement.  A PL/pgSQL call and two clock reads per step.)
create or replace trigger t25_chain before update on wardesk.cases
	for each row
	when ((old.state = 'resolved' and new.state = 'reopened')
	      or (new.escalation > old.escalation
	          and coalesce(current_setting('wardesk.action', true), '') not in ('auto-escalate', 'overdue', 'sweep')))
	execute function wardesk.tg_cases_chain();

-- ---------------------------------------------------------------------------
-- Alerts: one row per recipient, one NOTIFY per event on the ward's alert
-- channel, carrying what a console needs to show it without a query
-- (issue 14, item 1):
--   {"id":<the event's last alert id>,"case","kind","to":[logins],
--    "ids": each recipient's own alert id in the order of "to", one string:
--           "first-last" when they are consecutive, else space-separated,
--    "ref","cat","cat_vi","cat_en" (the category's names: a console says the
--    one of its language),"addr","desc" (the first 200 characters),
--    "dl" (deadline, epoch s),"n" (case_count of a summary, 0: none),
--    "about","lvl","res" (the case is resolved)}
-- Longer than a payload allows (8000 bytes): the short form without "ids"
-- and the case (the recipients fetch), and without "to" ("to": null: every
-- console fetches).  A payload is a hint: any login of the ward may NOTIFY
-- on the channel; the console confirms what it showed with alerts_seen.
-- ---------------------------------------------------------------------------

-- One notification per event (per INSERT statement, i.e. per alert() call,
-- and case and kind), not one per recipient (issue 14, item 1: 200 officers on
-- duty made 200 notifications, each to every console of the ward).  Alerts of
-- one event that differ in what they say (a summary's count, whom it is
-- about) are separate events.
create or replace function wardesk.tg_alerts_notify() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	r record;
	v_chan text;
	v_payload text;
begin
	for r in select a.ward_id, a.case_id, a.kind, max(a.id) as id, max(a.level) as lvl,
	                a.about, coalesce(a.case_count, 0) as n,
	                json_agg(a.recipient order by a.recipient) as rcpt,
	                -- each one's alert id, in the order of "to": one JSON string,
	                -- "first-last" when they run on by one in that order (one
	                -- INSERT, as usual), else the ids space-separated: every
	                -- console of the ward parses the payload, and 200 numbers
	                -- cost it more than the 200 logins (json-c, 45 us)
	                case when max(a.id) - min(a.id) + 1 = count(*)
	                      and array_agg(a.id order by a.recipient) = array_agg(a.id order by a.id)
	                     then min(a.id) || '-' || max(a.id)
	                     else string_agg(a.id::text, ' ' order by a.recipient) end as ids,
	                c.ref, c.category, k.name_vi, k.name_en, c.address,
	                left(c.description, 200) as descr,
	                extract(epoch from c.deadline_at)::bigint as dl, c.state = 'resolved' as res
	           from added a
	           left join cases c on c.id = a.case_id       -- (a case the inserter cannot
	           left join categories k on k.code = c.category   -- see: the short form)
	          group by a.ward_id, a.case_id, a.kind, a.about, coalesce(a.case_count, 0),
	                   c.ref, c.category, k.name_vi, k.name_en, c.address, c.description,
	                   c.deadline_at, c.state
	          order by max(a.id)
	loop
		v_chan := ward_channel(r.ward_id, 'alert');   -- the ward's own (12_ward_scope.sql)
		continue when v_chan is null;
		v_payload := format('{"id":%s,"case":%s,"kind":%s,"to":%s,"ids":%s,"ref":%s,"cat":%s,'
		                    '"cat_vi":%s,"cat_en":%s,"addr":%s,"desc":%s,"dl":%s,"n":%s,"about":%s,'
		                    '"lvl":%s,"res":%s}',
		                    r.id, r.case_id, to_json(r.kind), r.rcpt, to_json(r.ids), to_json(r.ref),
		                    to_json(r.category), to_json(r.name_vi), coalesce(to_json(r.name_en), 'null'),
		                    coalesce(to_json(r.address), 'null'),
		                    coalesce(to_json(r.descr), 'null'), coalesce(r.dl::text, 'null'), r.n,
		                    coalesce(to_json(r.about), 'null'), r.lvl, to_json(r.res));
		if octet_length(v_payload) > 7900 or r.ref is null then   -- payloads stop at 8000 bytes
			v_payload := format('{"id":%s,"case":%s,"kind":%s,"to":%s}', r.id, r.case_id,
			                    to_json(r.kind), r.rcpt);
		end if;
		if octet_length(v_payload) > 7900 then
			v_payload := format('{"id":%s,"case":%s,"kind":%s,"to":null}', r.id, r.case_id,
			                    to_json(r.kind));
		end if;
		perform pg_notify(v_chan, v_payload);
	end loop;
	return null;
end $$;

create or replace trigger t90_notify after insert on wardesk.alerts
	referencing new table as added
	for each statement execute function wardesk.tg_alerts_notify();

-- Who gets "new case" and "warning on an unowned case" in a ward: the active
-- duty officers and chairs of the ward on shift now (an open row of shifts,
-- 004_roles_shifts.sql); when none of them is on shift, every active duty
-- officer of the ward (a desk nobody has signed on to must still hear of new
-- cases; chairs hear of escalations anyway).  Until 007 this looked for a
-- relation wardesk.on_duty, found none (on_duty was a function) and always
-- alerted every duty officer, on shift or not (issue 13, item 11).
create or replace function wardesk.duty_officers(p_ward int) returns setof text
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	v text[];
begin
	select array_agg(distinct o.login order by o.login) into v
	  from shifts s join officers o on o.login = s.officer
	 where s.ward_id = p_ward and s.ended_at is null
	   and o.ward_id = p_ward and o.active and o.role in ('officer', 'chair');
	if v is null then
		select array_agg(login order by login) into v
		  from officers where ward_id = p_ward and active and role = 'officer';
	end if;
	return query select unnest(coalesce(v, '{}'));
end $$;

-- The active chairs of a ward (escalations, overdue cases, reminders).
-- (PL/pgSQL: planned once per session, not at each of the sweep's calls.)
create or replace function wardesk.ward_chairs(p_ward int) returns setof text
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
begin
	return query select login from officers where ward_id = p_ward and active and role = 'chair' order by login;
end $$;

-- Insert one alert per recipient; returns the recipients.  An alert of an
-- automatic step (desk_step, 20_common.sql) is the desk's, run by
-- session_user (015_desk_actor.sql).
create or replace function wardesk.alert(p_case wardesk.cases, p_kind text, p_to text[]) returns text[]
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_to text[];
	v_action text := current_setting('wardesk.action', true);
	-- once per call, not per recipient
	v_actor text := step_actor(v_action);
	v_run_by text := step_run_by(v_action);
	v_at timestamptz := wardesk.action_now();
begin
	select coalesce(array_agg(distinct r order by r), '{}') into v_to
	  from unnest(p_to) r where r is not null;
	insert into alerts(case_id, ward_id, kind, recipient, level, created_at, actor, run_by)
	select p_case.id, p_case.ward_id, p_kind, r, p_case.escalation, v_at, v_actor, v_run_by
	  from unnest(v_to) r;
	return v_to;
end $$;

-- Who hears of an urgent case (014_priority.sql): every officer on duty
-- (duty_officers) and every chair of the ward, but not the one who caused it.
create or replace function wardesk.urgent_recipients(p_ward int) returns text[]
language sql stable
set search_path = wardesk, pg_temp
as $$
	select array(select r from (select duty_officers(p_ward) as r
	                            union select ward_chairs(p_ward)) x
	              where r <> session_user::text order by r)
$$;

-- One alert to p_to naming the officer p_about (alerts.about,
-- 015_desk_actor.sql): "reassigned" names the new holder, "reopened" whoever
-- reopened the case.  Nobody (NULL, or the acting login itself) gets none.
create or replace function wardesk.alert_about(p_case wardesk.cases, p_kind text, p_to text, p_about text)
returns void
language sql
set search_path = wardesk, pg_temp
as $$
	insert into alerts(case_id, ward_id, kind, recipient, level, created_at, about)
	select p_case.id, p_case.ward_id, p_kind, o.login, p_case.escalation, wardesk.action_now(), p_about
	  from officers o
	 where o.login = p_to and o.login <> session_user::text and o.active and o.ward_id = p_case.ward_id
$$;

-- (New cases: tg_cases_alerts_insert, below.)  A case
-- made urgent while open (set_priority) -> 'urgent' to them too;
-- owner changed to someone else -> that officer ("assigned"), and the one who
-- held it before -> "reassigned", naming the new holder (issue 11, section
-- 5); a resolved case reopened -> whoever closed it (the actor of its last
-- "close" event) -> "reopened", naming who reopened it; a higher
-- escalation level set by anything but the sweep (which alerts by itself),
-- e.g. `escalate` -> the ward's chairs (not the one who did it).
create or replace function wardesk.tg_cases_alerts() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
begin
	if new.priority = 'urgent' and old.priority <> 'urgent' and new.state <> 'resolved' then
		perform alert(new, 'urgent', urgent_recipients(new.ward_id));
	end if;
	if new.owner is distinct from old.owner and new.owner is not null
	   and new.owner <> session_user::text then
		perform alert(new, 'assigned', array[new.owner]);
	end if;
	-- (not for a handover the holder wrote: the cases went where they said)
	if new.owner is distinct from old.owner and new.owner is not null and old.owner is not null
	   and coalesce(current_setting('wardesk.action', true), '') <> 'handover' then
		perform alert_about(new, 'reassigned', old.owner, new.owner);
	end if;
	if old.state = 'resolved' and new.state <> 'resolved' then
		perform alert_about(new, 'reopened',
		                    (select e.actor from case_events e
		                      where e.case_id = new.id and e.action = 'close'
		                      order by e.id desc limit 1),
		                    session_user::text);
	end if;
	if new.escalation > old.escalation
	   and coalesce(current_setting('wardesk.action', true), '') not in ('auto-escalate', 'overdue', 'sweep') then
		perform alert(new, case when new.escalation >= 2 then 'overdue' else 'escalation' end,
		              array(select r from ward_chairs(new.ward_id) r where r <> session_user::text));
	end if;
	return null;
end $$;

-- (only when one of the conditions above can hold: a sweep's warning or
-- reminder, a note, an acknowledgement call no function; nor do the
-- sweep's escalations and overdue marks, which alert by themselves)
create or replace trigger t91_alerts after update on wardesk.cases
	for each row
	when (new.priority is distinct from old.priority or new.owner is distinct from old.owner
	      or new.state is distinct from old.state
	      or (new.escalation > old.escalation
	          and coalesce(current_setting('wardesk.action', true), '') not in ('auto-escalate', 'overdue', 'sweep')))
	execute function wardesk.tg_cases_alerts();

-- Who hears of a new case of ward p_ward with priority p_priority, and as
-- what: a normal one -> 'new' to the officers on duty (not the one who
-- recorded it); an urgent one (014_priority.sql) -> 'urgent' to them and
-- the ward's chairs instead (urgent_recipients).
create or replace function wardesk.new_case_alert(p_ward int, p_priority text)
returns table (kind text, recipients text[])
language sql stable
set search_path = wardesk, pg_temp
as $$
	select case when p_priority = 'urgent' then 'urgent' else 'new' end,
	       case when p_priority = 'urgent' then urgent_recipients(p_ward)
	            else array(select d from duty_officers(p_ward) d where d <> session_user::text) end
$$;

-- New cases (one INSERT statement: a report, or a batch of imported ones,
-- intake_cases in 40_intake.sql) -> new_case_alert's recipients, per ward
-- and priority: one INSERT of alerts for the whole statement, in case
-- order, which tg_alerts_notify turns into one notification per case (and
-- t80_phone, 55_phone.sql, into phone messages).  Credited as alert() does.
create or replace function wardesk.tg_cases_alerts_insert() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := current_setting('wardesk.action', true);
	v_actor text := step_actor(v_action);
	v_run_by text := step_run_by(v_action);
	v_at timestamptz := wardesk.action_now();   -- once, not per alert row
begin
	with who as (
		select distinct g.ward_id, g.priority, n.kind, r.login
		  from (select distinct ward_id, priority from added) g
		  cross join lateral new_case_alert(g.ward_id, g.priority) n
		  cross join lateral unnest(n.recipients) r(login)
		 where r.login is not null)
	insert into alerts(case_id, ward_id, kind, recipient, level, created_at, actor, run_by)
	select a.id, a.ward_id, w.kind, w.login, a.escalation, v_at, v_actor, v_run_by
	  from added a join who w on w.ward_id = a.ward_id and w.priority = a.priority
	 order by a.id, w.login;
	return null;
end $$;

create or replace trigger t91_alerts_insert after insert on wardesk.cases
	referencing new table as added
	for each statement execute function wardesk.tg_cases_alerts_insert();

-- ---------------------------------------------------------------------------
-- The sweep
-- ---------------------------------------------------------------------------

-- How many cases one call of sweep() steps at most (below); the client reads
-- it beside the steps to know whether to call again.  400 (200 until issue
-- 14's eighth pass): each call walks, in deadline order, the cases the
-- earlier calls stepped (still due a reminder later), and has its fixed
-- costs (selection, settings, one alert INSERT and chain call per step, the
-- notifications); a catch-up of 10,000 cases took 18-25 % less server CPU
-- in calls of 400 (alternated runs, bench/notes/sweep.md).  A call holds
-- the ward's audit head and its cases for about 0.2 s: a take or close
-- meanwhile waits that long, well inside its lock_timeout (3 s).
create or replace function wardesk.sweep_chunk_cases() returns int
language sql immutable parallel safe
as $$ select 400 $$;

-- The sweep: sweep_chunk(p_max) steps the due cases of the caller's scope,
-- at most p_max of them (1 .. sweep_chunk_cases(); NULL: that many; the
-- console sweeps in smaller calls than `watch`, each a moment its keys wait
-- for: store_sweep_once, src/console_alerts.c); sweep() (below) a full
-- chunk.  Set-based (issue 14 item 4: a catch-up of 10,000 cases took 5
-- minutes, one case and one step at a time): every step of the call's
-- cases planned at once (sweep_plan), each case updated once, one event per
-- step (audit_sweep_moves, 25_audit.sql), their alerts one INSERT per step,
-- summed up per officer above alert_summary_over() (sweep_alerts).
--
-- One row per transition done by this call: the case, the step ('warn',
-- 'auto-escalate', 'overdue', 'remind'), the escalation level after it and
-- who was alerted.
--
-- One sweeper per scope (the caller's ward; 0, every ward, for a superuser
-- or the sweeper service) at a time: the sweep locks its scope's row of
-- sweep_state (007_hardening_a.sql), an owner-only table no staff login can
-- lock (until 007 it took an advisory lock whose keys any login could take
-- and hold, and then every sweep returned nothing, quietly: issue 13 item 2).
-- Another sweep of the scope at work is waited for (up to 2 s: a sweep takes
-- milliseconds); a lock held longer raises SQLSTATE WDSWP naming who holds
-- it, and nothing is swept: clients say so (watch --once exits 1).  With
-- p_wait false (the console: its keys wait for the call) nothing is waited
-- for: WDSWP at once, and the console tries again at its next sweep; during
-- a catch-up that other consoles share, their turns are the ward's sweep.  The
-- per-case exactly-once guarantee does not depend on it: cases are locked
-- FOR UPDATE SKIP LOCKED and every step re-checks the locked row.  A sweep
-- that ran records its time, login and step count in its scope's row
-- (sweep_health() reads them).
--
-- Only the caller's ward (all wards for a superuser), and only cases with a
-- step still to do (0.1.0, 005_fast_paths.sql): every open console sweeps
-- every 20 s, and reading every open case of every ward (row-level security
-- dropping the other wards' rows afterwards) made each sweep a full scan.
-- The "step still to do" condition is implied by the step conditions (each
-- needs warned_at or overdue_at unset, an unacknowledged escalation, or no
-- escalation yet), so the result is the same, and the partial index
-- cases_sweep_todo leaves out the cases in the chain's steady state.
--
-- At most sweep_chunk_cases() cases per call (issue 14 item 4): a call is
-- one transaction, and a catch-up of thousands of due cases in one
-- transaction held their row locks and the audit chain's head for minutes
-- (every take, close or import of those cases waited, then failed).  A
-- client whose call stepped that many cases calls again (store_sweep,
-- src/store_deadline.c); sweepers of the same ward take turns between calls
-- and share the work.
drop function if exists wardesk.sweep_chunk(int);
create or replace function wardesk.sweep_chunk(p_max int, p_wait boolean default true)
returns table (at timestamptz, case_id bigint, ref text, action text, escalation int, alerted text[])
language plpgsql security definer
set search_path = wardesk, pg_temp
-- planned for each call's values: after five calls a session's generic plan
-- (v_now, v_remind unknown) walked every case of the ward, each call of a
-- catch-up slower than the one before (0.3 s to 12 s by the 30th)
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
declare
	v_now timestamptz;
	v_ids bigint[];      -- the cases of this call, deadline order
	v_remind interval;   -- the shortest reminder interval of the scope's wards
	-- each case's thresholds, in the order of v_ids (its warning and
	-- escalation times, its ward's grace and reminder interval): read once
	-- here, by the selection, for every step (sweep_plan)
	v_warn_at timestamptz[];
	v_esc_at timestamptz[];
	v_grace interval[];
	v_remind_of interval[];
	v_plan sweep_move[];   -- every step of the call (sweep_plan)
	v_done bigint[];     -- the cases one step changed
	v_levels int[];      -- and their escalation after it
	v_changed bigint[] := '{}';   -- every step's, in order, and its step:
	v_ops text[] := '{}';         -- (one notification per case, at the end)
	v_step text;
	v_ward int;
	v_steps int := 0;
	v_n int;
	v_lock_timeout text := current_setting('lock_timeout');
	v_until timestamptz;   -- when the every-ward row is given up
begin
	-- the scope: the caller's ward; 0 (every ward) for a superuser or the
	-- sweeper service; a login that is neither sees no case: nothing to do
	v_ward := coalesce((select ward_id from officers where login = wardesk.session_login()), 0);
	if v_ward = 0 and not session_all_wards() then
		return;
	end if;
	-- A console's call (p_wait false) when its scope was swept less than
	-- two seconds ago (desk clock) by a call that found nothing due, and no
	-- sweep runs: nothing to do, and nothing written (issue 14 item 1).
	-- Every open console sweeps every 20 s, so 200 consoles of a ward made
	-- ten sweeps a second, each a write transaction of a few ms with its
	-- statements planned for the call, and a console's notifications wait
	-- behind its own call: at 200 consoles about 1 % of new cases reached
	-- a console 0.1-1.5 s late.  A step that falls due meanwhile is made by
	-- the next call after the two seconds; `watch` and the other callers
	-- (p_wait true) always sweep.
	if not p_wait then
		v_now := wardesk.action_now();   -- (read again below, after the lock)
		if exists (select from sweep_state s
		            where s.ward_id = v_ward and s.running_xid is null and s.last_steps = 0
		              and s.last_at <= v_now and s.last_at > v_now - interval '2 s') then
			return;
		end if;
	end if;
	insert into sweep_state(ward_id) values (v_ward) on conflict do nothing;
	-- A ward's sweep takes the every-ward row FOR SHARE, which an
	-- every-ward sweep (scope 0) locks FOR UPDATE: the two never run at
	-- once (each took the cases the other had not locked yet, so one
	-- catch-up came to an officer as two summaries: tests/cli/
	-- deadline_race.sh, once in a CI run).  SKIP LOCKED, tried again every
	-- 10 ms for up to 2 s when the caller waits, outside any subtransaction:
	-- a row locked inside an exception block carries the subtransaction's
	-- id, which pg_locks no longer shows once the block ended, so
	-- sweep_lock_holder could not name who held it ("another session").
	if v_ward <> 0 then
		v_until := clock_timestamp() + case when p_wait then interval '2 s' else interval '0' end;
		loop
			perform 1 from sweep_state where ward_id = 0 for share skip locked;
			exit when found;
			if clock_timestamp() >= v_until then
				perform sweep_refuse(v_ward, 0);
			end if;
			perform pg_sleep(0.01);
		end loop;
	end if;
	-- The scope's own row FOR UPDATE, waited for in the lock's queue (a
	-- ward's sweepers take turns, first come first served); the UPDATE of
	-- running_xid below leaves the transaction's own id on it.
	perform set_config('lock_timeout', case when p_wait then '2s' else '1ms' end, true);
	begin
		perform 1 from sweep_state where ward_id = v_ward for update;
	exception when lock_not_available then
		perform set_config('lock_timeout', v_lock_timeout, true);
		perform sweep_refuse(v_ward, v_ward);
	end;
	perform set_config('lock_timeout', v_lock_timeout, true);
	-- while this runs, its steps are the desk's (desk_step, 20_common.sql)
	update sweep_state set running_xid = txid_current() where ward_id = v_ward;
	v_now := wardesk.action_now();
	at := v_now;
	-- open cases with something due, oldest deadline first; a row another
	-- transaction holds is left for the next sweep
	v_remind := (select min(remind) from sweep_settings() where v_ward = 0 or ward_id = v_ward);
	with s as materialized (select * from sweep_settings() where v_ward = 0 or ward_id = v_ward)
	select array_agg(y.id order by y.deadline_at, y.id),
	       array_agg(y.warn_at order by y.deadline_at, y.id), array_agg(y.esc_at order by y.deadline_at, y.id),
	       array_agg(y.grace order by y.deadline_at, y.id), array_agg(y.remind order by y.deadline_at, y.id)
	  into v_ids, v_warn_at, v_esc_at, v_grace, v_remind_of from (
		select x.id, x.deadline_at, x.deadline_at - make_interval(mins => k.warn_min) as warn_at,
		       x.deadline_at - make_interval(mins => k.escalate_min) as esc_at, s.grace, s.remind
		  from cases x
		 -- the ward's own thresholds and settings (12_ward_scope.sql)
		 cross join lateral case_limits(x.ward_id, x.category, x.priority) k
		 join s on s.ward_id = x.ward_id
		 where x.state <> 'resolved'
		   and (v_ward = 0 or x.ward_id = v_ward)
		   -- implied by the conditions below; lets cases_sweep_todo serve
		   and (x.warned_at is null or x.overdue_at is null
		        or (x.escalation >= 1 and x.ack_at is null)
		        or (x.escalated_at is null and x.escalation = 0))
		   -- implied too, by the row alone (the shortest reminder interval
		   -- of the scope): a case a sweep just stepped to the end of its
		   -- chain is passed over in the index scan, before the thresholds
		   -- are joined (a catch-up's later calls walked every case the
		   -- earlier ones had stepped: n^2)
		   and (x.warned_at is null or x.overdue_at is null
		        or (x.escalated_at is null and x.escalation = 0)
		        or coalesce(x.last_alert_at, x.escalated_at, x.updated_at) + v_remind <= v_now)
		   and ((x.warned_at is null and x.deadline_at - make_interval(mins => k.warn_min) <= v_now)
		     or (x.escalated_at is null and x.escalation = 0
		         and x.deadline_at - make_interval(mins => k.escalate_min) <= v_now
		         -- (as sweep_plan's: an acknowledged warning is not picked up
		         -- again and again until its deadline, keeping a call's place
		         -- from cases that are due)
		         and not (x.ack_at is not null and x.owner is not null
		                  and (x.ack_by = x.owner
		                       or exists (select from officers where login = x.ack_by and role = 'chair'))))
		     or (x.escalated_at is null and x.escalation = 0 and x.warned_at is not null and x.owner is null
		         and x.warned_at + s.grace <= v_now)
		     or (x.overdue_at is null and x.deadline_at <= v_now)
		     or (x.escalation >= 1 and x.ack_at is null
		         and coalesce(x.last_alert_at, x.escalated_at, x.updated_at) + s.remind <= v_now))
		 order by x.deadline_at, x.id
		 limit least(greatest(coalesce(p_max, sweep_chunk_cases()), 1), sweep_chunk_cases())
		   for update of x skip locked) y;
	-- every step due, planned at once (sweep_plan), each case updated once
	-- to where its last step leaves it (under 'sweep': the triggers leave
	-- its events and alerts to this function, desk_step), each step's event
	-- written (audit_sweep_moves, 25_audit.sql: one per step, in the order
	-- of the chain as the step UPDATEs wrote them), then each step's alerts
	if v_ids is not null then
		v_plan := sweep_plan_moves(v_ids, v_now, v_warn_at, v_esc_at, v_grace, v_remind_of);
	end if;
	if cardinality(v_plan) > 0 then
		perform set_action('sweep', null);
		update cases c set warned_at = m.warned_at, escalation = m.escalation, escalated_at = m.escalated_at,
		                   last_alert_at = m.last_alert_at, ack_by = m.ack_by, ack_at = m.ack_at,
		                   overdue_at = m.overdue_at, version = m.version
		  from unnest(v_plan) m
		 where m.last and c.id = m.case_id and c.id = any (v_ids);
		perform audit_sweep_moves(v_plan);
	end if;
	foreach v_step in array array['warn', 'auto-escalate', 'overdue', 'remind'] loop
		exit when coalesce(cardinality(v_plan), 0) = 0;
		select array_agg(m.case_id order by m.ord), array_agg(m.escalation::int order by m.ord)
		  into v_done, v_levels
		  from unnest(v_plan) m where m.step = v_step;
		continue when v_done is null;
		perform set_action(v_step, null);
		v_changed := v_changed || v_done;
		v_ops := v_ops || array_fill(v_step, array[cardinality(v_done)]);
		return query
		-- (in the order of v_done; no join here: joined to the cases, or to
		-- v_done for the order, the function's rows were a nested loop
		-- over the others, n^2 in a call's cases)
		select v_now, a.case_id, a.ref, v_step, a.escalation, a.alerted
		  from sweep_alerts(v_step, v_done, v_levels) a;
		get diagnostics v_n = row_count;
		v_steps := v_steps + v_n;
	end loop;
	perform set_action(null, null);
	-- each changed case's notification, once (its events are one per step)
	if cardinality(v_changed) > 0 then
		perform notify_case_steps(v_changed, v_ops);
	end if;
	update sweep_state set last_at = v_now, last_by = session_user, last_steps = v_steps,
	                       sweeps = sweeps + 1, running_xid = null
	 where ward_id = v_ward;
end $$;

-- Each ward's reminder interval and the grace an unowned warned case has
-- before it is escalated (settings remind_min, unowned_grace_min), read
-- once per ward, not per case.
create or replace function wardesk.sweep_settings()
returns table (ward_id int, remind interval, grace interval)
language sql stable
as $$
	select w.id,
	       make_interval(mins => greatest(wardesk.setting_int(w.id, 'remind_min', 10), 1)),
	       make_interval(mins => greatest(wardesk.setting_int(w.id, 'unowned_grace_min', 10), 0))
	  from wardesk.wards w
$$;

-- Every step of the chain (warn, auto-escalate, overdue, remind) due at
-- p_now for the cases p_ids (locked by sweep_chunk), by the rules in this
-- file's head, in the chain's order, each step seeing the case as the one
-- before left it: one row (wardesk.sweep_move, 034_sweep_moves.sql) per
-- step made, its case's place in the call (ord), the step's number for its
-- case (n) and whether it is the case's last this call, the case's version
-- after it, its event's diff (the columns it changed, before and after, as
-- audit_diff makes them) and the columns the steps set as it leaves them
-- (so the case's last step's row is the case as the call leaves it).
-- Each case's thresholds come with it, as sweep_chunk's selection read them
-- (p_warn_at, p_esc_at: its warning and escalation times; p_grace,
-- p_remind: its ward's settings), in the order of p_ids.  The rules of the
-- steps, once (issue 14 item 4, eighth pass: they were sweep_step's four
-- UPDATEs, one per step kind, so a case due three steps was updated three
-- times in a call, each a new row version with 13 index entries and its
-- foreign keys checked again; sweep_chunk now updates each case once).
-- A reminder is due only past the reminder interval since the case's last
-- alert, its escalation, or its last change: a case stepped earlier in the
-- call changed at p_now (as the step's UPDATE did), so it is not.
drop function if exists wardesk.sweep_step(text, bigint[], timestamptz);
drop function if exists wardesk.sweep_step(text, bigint[], timestamptz, timestamptz[], timestamptz[],
                                           interval[], interval[]);
create or replace function wardesk.sweep_plan(p_ids bigint[], p_now timestamptz,
                                              p_warn_at timestamptz[], p_esc_at timestamptz[],
                                              p_grace interval[], p_remind interval[])
returns setof wardesk.sweep_move
-- SQL, stable, with no SET and every name qualified, so that the planner
-- inlines it into sweep_chunk's statement (as a PL/pgSQL function its rows
-- went through a tuplestore and were made composites again: 13 us a step).
-- Each state a materialized CTE: pulled up into the next, every column of
-- a step's state was a CASE over the one before, the expressions nested
-- four deep and planning the statement took 90 ms (at every call: the
-- sweep plans its statements for each call's values).
language sql stable
as $$
	with c as materialized (
		select t.ord, t.warn_at, t.esc_at, t.grace, t.remind, x.id, x.ward_id, x.version, x.owner,
		       x.deadline_at, x.updated_at, x.warned_at as w0, x.escalation as e0, x.escalated_at as ea0,
		       x.last_alert_at as la0, x.ack_by as ab0, x.ack_at as aa0, x.overdue_at as o0
		  from unnest(p_ids, p_warn_at, p_esc_at, p_grace, p_remind)
		       with ordinality t(id, warn_at, esc_at, grace, remind, ord)
		  join wardesk.cases x on x.id = t.id
		 where x.id = any (p_ids)),
	-- warn: not yet warned, past its warning time
	s1 as materialized (
		select c.*, w.dw, case when w.dw then p_now else c.w0 end as w1
		  from c cross join lateral (select c.w0 is null and c.warn_at <= p_now as dw) w),
	-- auto-escalate: never escalated, past its escalation time and its
	-- warning not acknowledged by its holder or a chair; or warned, unowned,
	-- past the ward's grace
	s2 as materialized (
		select s1.*, e.de,
		       case when e.de then 1 else s1.e0 end::smallint as e1,
		       case when e.de then p_now else s1.ea0 end as ea1,
		       case when e.de then p_now else s1.la0 end as la1,
		       case when e.de then null else s1.ab0 end as ab1,
		       case when e.de then null else s1.aa0 end as aa1
		  from s1 cross join lateral (
			select s1.e0 = 0 and s1.ea0 is null
			       and ((s1.esc_at <= p_now
			             and not (s1.aa0 is not null and s1.owner is not null
			                      and (s1.ab0 = s1.owner
			                           or exists (select from wardesk.officers o where o.login = s1.ab0 and o.role = 'chair'))))
			         or (s1.w1 is not null and s1.owner is null and s1.w1 + s1.grace <= p_now)) as de) e),
	-- overdue: past its deadline, not yet marked
	s3 as materialized (
		select s2.*, ov.dov,
		       case when ov.dov then 2 else s2.e1 end::smallint as e2,
		       case when ov.dov then p_now else s2.o0 end as o2,
		       case when ov.dov then p_now else s2.la1 end as la2,
		       case when ov.dov then coalesce(s2.ea1, p_now) else s2.ea1 end as ea2,
		       case when ov.dov then null else s2.ab1 end as ab2,
		       case when ov.dov then null else s2.aa1 end as aa2
		  from s2 cross join lateral (select s2.o0 is null and s2.deadline_at <= p_now as dov) ov),
	-- remind: escalated, unacknowledged, the reminder interval gone by
	s4 as materialized (
		select s3.*, r.dr, case when r.dr then p_now else s3.la2 end as la3
		  from s3 cross join lateral (
			select s3.e2 >= 1 and s3.aa2 is null
			       and coalesce(s3.la2, s3.ea2,
			                    case when s3.dw or s3.de or s3.dov then p_now else s3.updated_at end)
			           + s3.remind <= p_now as dr) r),
	m as (
		select s4.id, s4.ord, s4.ward_id, s4.version, v.*,
		       row_number() over (partition by s4.id order by v.k)::int as n,
		       count(*) over (partition by s4.id)::int as nsteps
		  from s4 cross join lateral (values
			(1, 'warn', s4.dw,
			 jsonb_build_object('warned_at', s4.w0), jsonb_build_object('warned_at', s4.w1),
			 s4.w1, s4.e0, s4.ea0, s4.la0, s4.ab0, s4.aa0, s4.o0),
			(2, 'auto-escalate', s4.de,
			 jsonb_build_object('escalation', s4.e0, 'escalated_at', s4.ea0)
			 || (case when s4.la0 is distinct from s4.la1 then jsonb_build_object('last_alert_at', s4.la0) else '{}' end)
			 || (case when s4.ab0 is distinct from s4.ab1 then jsonb_build_object('ack_by', s4.ab0) else '{}' end)
			 || (case when s4.aa0 is distinct from s4.aa1 then jsonb_build_object('ack_at', s4.aa0) else '{}' end),
			 jsonb_build_object('escalation', s4.e1, 'escalated_at', s4.ea1)
			 || (case when s4.la0 is distinct from s4.la1 then jsonb_build_object('last_alert_at', s4.la1) else '{}' end)
			 || (case when s4.ab0 is distinct from s4.ab1 then jsonb_build_object('ack_by', s4.ab1) else '{}' end)
			 || (case when s4.aa0 is distinct from s4.aa1 then jsonb_build_object('ack_at', s4.aa1) else '{}' end),
			 s4.w1, s4.e1, s4.ea1, s4.la1, s4.ab1, s4.aa1, s4.o0),
			(3, 'overdue', s4.dov,
			 jsonb_build_object('overdue_at', s4.o0)
			 || (case when s4.e1 is distinct from s4.e2 then jsonb_build_object('escalation', s4.e1) else '{}' end)
			 || (case when s4.ea1 is distinct from s4.ea2 then jsonb_build_object('escalated_at', s4.ea1) else '{}' end)
			 || (case when s4.la1 is distinct from s4.la2 then jsonb_build_object('last_alert_at', s4.la1) else '{}' end)
			 || (case when s4.ab1 is distinct from s4.ab2 then jsonb_build_object('ack_by', s4.ab1) else '{}' end)
			 || (case when s4.aa1 is distinct from s4.aa2 then jsonb_build_object('ack_at', s4.aa1) else '{}' end),
			 jsonb_build_object('overdue_at', s4.o2)
			 || (case when s4.e1 is distinct from s4.e2 then jsonb_build_object('escalation', s4.e2) else '{}' end)
			 || (case when s4.ea1 is distinct from s4.ea2 then jsonb_build_object('escalated_at', s4.ea2) else '{}' end)
			 || (case when s4.la1 is distinct from s4.la2 then jsonb_build_object('last_alert_at', s4.la2) else '{}' end)
			 || (case when s4.ab1 is distinct from s4.ab2 then jsonb_build_object('ack_by', s4.ab2) else '{}' end)
			 || (case when s4.aa1 is distinct from s4.aa2 then jsonb_build_object('ack_at', s4.aa2) else '{}' end),
			 s4.w1, s4.e2, s4.ea2, s4.la2, s4.ab2, s4.aa2, s4.o2),
			(4, 'remind', s4.dr,
			 jsonb_build_object('last_alert_at', s4.la2), jsonb_build_object('last_alert_at', s4.la3),
			 s4.w1, s4.e2, s4.ea2, s4.la3, s4.ab2, s4.aa2, s4.o2))
			 v(k, step, done, old, new, warned_at, escalation, escalated_at, last_alert_at, ack_by, ack_at,
			   overdue_at)
		 where v.done)
	select m.id, m.ord, m.ward_id, m.n, m.n = m.nsteps, m.step, m.version + m.n, m.old, m.new,
	       m.warned_at, m.escalation, m.escalated_at, m.last_alert_at, m.ack_by, m.ack_at, m.overdue_at
	  from m
	 order by m.k, m.id
$$;

-- sweep_plan's rows as the array sweep_chunk keeps, from a statement planned
-- once per session (a generic plan: the cases by their primary key whatever
-- the call's), not at every call under sweep_chunk's force_custom_plan
-- (7 ms of planning a call, sweep_plan inlined into it)
create or replace function wardesk.sweep_plan_moves(p_ids bigint[], p_now timestamptz,
                                                    p_warn_at timestamptz[], p_esc_at timestamptz[],
                                                    p_grace interval[], p_remind interval[])
returns wardesk.sweep_move[]
language plpgsql stable
set search_path = wardesk, pg_temp
set plan_cache_mode = force_generic_plan
as $$
begin
	return array(select m from sweep_plan(p_ids, p_now, p_warn_at, p_esc_at, p_grace, p_remind) m);
end $$;

-- More alerts of one kind than this for one officer from one call of the
-- sweep become one summary alert (alerts.case_count, 023_alert_summary.sql):
-- a desk back after three hours away hears "250 cases overdue" once, not
-- 250 bells.  Three or fewer stay alerts of their own case.
create or replace function wardesk.alert_summary_over() returns int
language sql immutable parallel safe
as $$ select 3 $$;

-- The alerts of one step (warn, auto-escalate, overdue, remind) that the
-- sweep made for the cases p_cases (in deadline order, as updated), each at
-- the escalation level p_levels (the same order) the step left it: the
-- warning to the case's holder, or every officer on duty
-- (duty_officers()) when it has none; the others to the ward's chairs.
-- One INSERT: an officer due more than alert_summary_over() of them gets
-- one summary alert instead (case_count, case_ids; its case the first).
-- Returns each case (its ref, its level) with the officers alerted about it
-- (summed up or not), in the order of p_cases.
-- Credited to the desk, run by session_user, as alert() does.
drop function if exists wardesk.sweep_alerts(text, bigint[]);
create or replace function wardesk.sweep_alerts(p_step text, p_cases bigint[], p_levels int[])
returns table (case_id bigint, ref text, escalation int, alerted text[])
language plpgsql
set search_path = wardesk, pg_temp
-- its one query planned once per session (a generic plan: the cases by
-- their primary key whatever the call's), not under sweep_chunk's
-- force_custom_plan at every call (~2% of a catch-up's CPU; fifth pass)
set plan_cache_mode = auto
as $$
#variable_conflict use_column
declare
	v_action text := current_setting('wardesk.action', true);
	v_actor text := step_actor(v_action);
	v_run_by text := step_run_by(v_action);
	v_at timestamptz := wardesk.action_now();
	v_kind text := case p_step when 'warn' then 'warning' when 'auto-escalate' then 'escalation'
	                           when 'overdue' then 'overdue' when 'remind' then 'reminder' end;
begin
	return query
	with c as (
		select x.id, x.ref, x.ward_id, o.level as escalation, x.owner, o.ord
		  from unnest(p_cases, p_levels) with ordinality o(id, level, ord)
		  join cases x on x.id = o.id
		 where x.id = any (p_cases)),
	-- (each list only for the kinds that use it: duty_officers is a query
	-- of shifts and officers planned anew at each call)
	w as materialized (
		select d.ward_id,
		       case when v_kind = 'warning' then array(select duty_officers(d.ward_id)) end as duty,
		       case when v_kind <> 'warning' then array(select ward_chairs(d.ward_id)) end as chairs
		  from (select distinct c.ward_id from c) d),
	r as (
		select c.id, c.ward_id, c.escalation, c.ord, t.login,
		       count(*) over p as n, min(c.ord) over p as first_ord,
		       first_value(c.id) over (p order by c.ord) as first_id
		  from c join w on w.ward_id = c.ward_id
		 cross join lateral (select distinct l as login
		                       from unnest(case when v_kind <> 'warning' then w.chairs
		                                        when c.owner is not null then array[c.owner]
		                                        else w.duty end) l
		                      where l is not null) t
		window p as (partition by c.ward_id, t.login)),
	ins as (
		insert into alerts(case_id, ward_id, kind, recipient, level, created_at, actor, run_by,
		                   case_count, case_ids)
		select s.case_id, s.ward_id, v_kind, s.login, s.level, v_at, v_actor, v_run_by, s.cnt, s.ids
		  from (select r.id as case_id, r.ward_id, r.login, r.escalation as level, null::int as cnt,
		               null::bigint[] as ids, r.ord
		          from r where r.n <= alert_summary_over()
		        union all
		        select r.first_id, r.ward_id, r.login, max(r.escalation), count(*)::int,
		               array_agg(r.id order by r.ord), r.first_ord
		          from r where r.n > alert_summary_over()
		         group by r.ward_id, r.login, r.first_id, r.first_ord) s
		 order by s.ord, s.login
		returning 1)
	select c.id, c.ref, c.escalation, coalesce(a.logins, '{}')
	  from c left join (select r.id, array_agg(r.login order by r.login) as logins
	                      from r group by r.id) a on a.id = c.id
	 order by c.ord;
end $$;

-- Every due step, a full chunk (sweep_chunk above; defined after it: SQL bodies are
-- checked when they are made)
create or replace function wardesk.sweep()
returns table (at timestamptz, case_id bigint, ref text, action text, escalation int, alerted text[])
language sql
as $$ select * from wardesk.sweep_chunk(wardesk.sweep_chunk_cases()) $$;

-- The sweep of p_ward (0: every ward) cannot run: row p_held of
-- sweep_state is locked by another session, which is named.  WDSWP: one
-- ward's sweep, WDSWA: every ward's (the client maps each to its sentence,
-- src/refusals.c).
create or replace function wardesk.sweep_refuse(p_ward int, p_held int) returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_code text := (select code from wards where id = p_ward);
	v_holder text := sweep_lock_holder(p_held);
begin
	raise exception 'the sweep of % cannot run: % holds its lock; nothing was swept',
		coalesce('ward ' || v_code, 'every ward'), v_holder
		using errcode = case when v_code is null then 'WDSWA' else 'WDSWP' end,
		      detail = json_build_object('ward', v_code, 'holder', v_holder)::text,
		      hint = 'a sweep takes well under a second: end that session''s transaction';
end $$;

-- Who holds the sweep lock of scope p_ward (its row of sweep_state), for the
-- message of a sweep that could not get it: 'login (pid N)', or 'another
-- session' when it cannot tell.
create or replace function wardesk.sweep_lock_holder(p_ward int) returns text
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
declare
	v_xmax xid := (select s.xmax from sweep_state s where s.ward_id = p_ward);
	v_xids xid[] := array[v_xmax];
	v_who text;
begin
	-- several sessions share the row (ward sweeps holding the every-ward
	-- row): its xmax is then a MultiXact, whose members are the lockers; a
	-- plain transaction id that is running is taken as it is
	if not exists (select from pg_catalog.pg_locks l
	                where l.locktype = 'transactionid' and l.transactionid = v_xmax) then
		begin
			v_xids := v_xids || array(select m.xid from pg_catalog.pg_get_multixact_members(v_xmax) m);
		exception when others then
			null;   -- not a MultiXact (any more): no member to name
		end;
	end if;
	select string_agg(format('%s (pid %s)', a.usename, a.pid), ', ' order by a.pid) into v_who
	  from pg_catalog.pg_locks l
	  join pg_catalog.pg_stat_activity a on a.pid = l.pid
	 where l.locktype = 'transactionid' and l.transactionid = any (v_xids)
	   and l.granted and l.mode = 'ExclusiveLock' and a.pid <> pg_backend_pid();
	return coalesce(v_who, 'another session');
end $$;

-- The desk's sweep health: per ward of the caller (every ward for a
-- superuser or the sweeper service), the last sweep that ran for it (its
-- own, or one of every ward, whichever is later): when (desk clock), by
-- whom, how many steps it made; NULLs when none ever ran.  For the board
-- and the console's status line ("last sweep 10:42 by watch").
create or replace function wardesk.sweep_health()
returns table (ward_id int, ward text, last_at timestamptz, last_by text, last_steps int)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
begin
	-- plpgsql: session_all_wards() comes with 90_policies.sql
	return query
	select w.id, w.code, x.last_at, x.last_by, x.last_steps
	  from wards w
	  left join lateral (select s.last_at, s.last_by, s.last_steps from sweep_state s
	                      where s.ward_id in (w.id, 0) and s.last_at is not null
	                      order by s.last_at desc limit 1) x on true
	 where w.id = (select o.ward_id from officers o where o.login = wardesk.session_login())
	    or session_all_wards()
	 order by w.code;
end $$;

-- ---------------------------------------------------------------------------
-- Actions
-- ---------------------------------------------------------------------------

-- Acknowledge: the owner (or a chair) acknowledges a warning, which stops the
-- automatic escalation; a chair acknowledges an escalation, which stops the
-- reminders (an overdue case needs a new acknowledgement).
create or replace function wardesk.ack(p_ref text, p_seen int default null) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'acknowledge alerts');
	perform refuse_resolved(c);
	if c.ack_at is not null then
		raise exception '% is already acknowledged by %', c.ref, holder_text(c.ack_by)
			using errcode = 'WD315',
			      detail = json_build_object('ref', c.ref::text,
			                                'holder', (holder_text(c.ack_by))::text)::text;
	end if;
	if c.escalation >= 1 then
		if o.role <> 'chair' then
			raise exception '% is escalated to the ward chair; only a chair can acknowledge it', c.ref
				using errcode = 'WD608',
				      detail = json_build_object('ref', c.ref::text)::text;
		end if;
	elsif c.warned_at is null then
		raise exception '% has no warning or escalation to acknowledge', c.ref
			using errcode = 'WD316',
			      detail = json_build_object('ref', c.ref::text)::text;
	elsif o.role <> 'chair' then
		if c.owner is null then
			raise exception '% has no owner; take it instead', c.ref
				using errcode = 'WD317',
				      detail = json_build_object('ref', c.ref::text)::text;
		elsif c.owner <> o.login then
			raise exception '% is held by %; only the holder or the ward chair can acknowledge it',
				c.ref, holder_text(c.owner)
				using errcode = 'WD103',
				      detail = json_build_object('ref', c.ref::text,
				                                'holder', (holder_text(c.owner))::text)::text;
		end if;
	end if;
	perform check_seen(c, p_seen);
	perform set_action('ack', null);
	update cases set ack_by = o.login, ack_at = wardesk.action_now() where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- The apology template filled in for a case (closing now, with p_result as
-- the resolution, if given).  Placeholders: {ref} {received} {deadline}
-- {closed} {name} {address} {category} {ward} {result}.
create or replace function wardesk.apology_text(p_ref text, p_result text default null) returns text
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	t text;
	v_ref text;
	fmt constant text := 'HH24:MI "ngày" DD/MM/YYYY';
begin
	if o.login is null then
		o := require_officer(array['hotline', 'officer', 'chair'], 'read cases');
	end if;
	v_ref := canon_ref(p_ref, o.ward_id);
	select * into c from cases where ref = v_ref and ward_id = o.ward_id;
	if not found then
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)')
			using errcode = 'WD401',
			      detail = json_build_object('ref', (coalesce(v_ref, p_ref, '(none)'))::text)::text;
	end if;
	t := ward_setting(c.ward_id, 'apology_template');   -- the ward's own, else the city's
	t := replace(t, '{ref}', c.ref);
	t := replace(t, '{received}', to_char(c.received_at at time zone 'Asia/Ho_Chi_Minh', fmt));
	t := replace(t, '{deadline}', to_char(c.deadline_at at time zone 'Asia/Ho_Chi_Minh', fmt));
	t := replace(t, '{closed}', to_char(coalesce(c.closed_at, wardesk.now()) at time zone 'Asia/Ho_Chi_Minh', fmt));
	t := replace(t, '{name}', coalesce(c.reporter_name, 'ông/bà'));
	t := replace(t, '{address}', coalesce(c.address, ''));
	t := replace(t, '{category}', (select name_vi from categories where code = c.category));
	t := replace(t, '{ward}', (select name from wards where id = c.ward_id));
	t := replace(t, '{result}', coalesce(nullif(btrim(p_result), ''), c.resolution_note, ''));
	return t;
end $$;

-- Category deadlines and thresholds (minutes); NULL keeps a value.  A chair
-- sets their own ward's (category_ward: every value together, starting from
-- the ward's current values); the administrator (a superuser) the city-wide
-- defaults (categories) that wards without their own use.  The urgent
-- deadline and thresholds and the default priority (014_priority.sql) go the
-- same way; an urgent deadline is never longer than the normal one.  Returns
-- the values now in force for the caller.  Existing cases keep their
-- deadline; the thresholds apply at once.
create or replace function wardesk.category_set(p_code text, p_deadline int default null, p_warn int default null,
                                     p_escalate int default null, p_urgent_deadline int default null,
                                     p_urgent_warn int default null, p_urgent_escalate int default null,
                                     p_default_priority text default null) returns wardesk.categories
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	k categories;
begin
	if not is_superuser() then
		o := require_officer(array['chair'], 'change category deadlines');
	end if;
	select * into k from categories where code = upper(btrim(p_code));
	if not found then
		raise exception 'unknown category %', coalesce(p_code, '(none)')
			using errcode = 'WD516',
			      detail = json_build_object('category', (coalesce(p_code, '(none)'))::text)::text,
			      hint = (select 'categories: ' || string_agg(code, ', ' order by sort) from categories);
	end if;
	if o.login is not null then
		select e.deadline_min, e.warn_min, e.escalate_min, e.default_priority, e.urgent_deadline_min,
		       e.urgent_warn_min, e.urgent_escalate_min
		  into k.deadline_min, k.warn_min, k.escalate_min, k.default_priority, k.urgent_deadline_min,
		       k.urgent_warn_min, k.urgent_escalate_min
		  from category_effective e where e.ward_id = o.ward_id and e.code = k.code;
	end if;
	k.deadline_min := coalesce(p_deadline, k.deadline_min);
	k.warn_min := coalesce(p_warn, k.warn_min);
	k.escalate_min := coalesce(p_escalate, k.escalate_min);
	k.urgent_deadline_min := coalesce(p_urgent_deadline, k.urgent_deadline_min);
	k.urgent_warn_min := coalesce(p_urgent_warn, k.urgent_warn_min);
	k.urgent_escalate_min := coalesce(p_urgent_escalate, k.urgent_escalate_min);
	k.default_priority := coalesce(lower(nullif(btrim(p_default_priority), '')), k.default_priority);
	if k.deadline_min < 1 or k.deadline_min > 60 * 24 * 60 or k.warn_min < 0 or k.escalate_min < 0
	   or not (k.escalate_min <= k.warn_min and k.warn_min < k.deadline_min) then
		raise exception 'category %: need 0 <= escalate (%) <= warn (%) < deadline (%) minutes',
			k.code, k.escalate_min, k.warn_min, k.deadline_min
			using errcode = 'WD535',
			      detail = json_build_object('category', k.code::text,
			                                'escalate', k.escalate_min::text,
			                                'warn', k.warn_min::text,
			                                'deadline', k.deadline_min::text)::text;
	end if;
	if k.urgent_warn_min < 0 or k.urgent_escalate_min < 0
	   or not (k.urgent_escalate_min <= k.urgent_warn_min and k.urgent_warn_min < k.urgent_deadline_min) then
		raise exception 'category %: need 0 <= urgent escalate (%) <= urgent warn (%) < urgent deadline (%) minutes',
			k.code, k.urgent_escalate_min, k.urgent_warn_min, k.urgent_deadline_min
			using errcode = 'WD561',
			      detail = json_build_object('category', k.code::text, 'escalate', k.urgent_escalate_min::text,
			                                'warn', k.urgent_warn_min::text,
			                                'deadline', k.urgent_deadline_min::text)::text;
	end if;
	if k.urgent_deadline_min > k.deadline_min then
		raise exception 'category %: the urgent deadline (% min) is longer than the normal one (% min)',
			k.code, k.urgent_deadline_min, k.deadline_min
			using errcode = 'WD562',
			      detail = json_build_object('category', k.code::text, 'urgent', k.urgent_deadline_min::text,
			                                'deadline', k.deadline_min::text)::text;
	end if;
	if k.default_priority not in ('urgent', 'normal') then
		raise exception 'unknown priority % (urgent, normal)', p_default_priority
			using errcode = 'WD560', detail = json_build_object('priority', p_default_priority::text)::text;
	end if;
	if o.login is null then
		update categories set deadline_min = k.deadline_min, warn_min = k.warn_min,
		                      escalate_min = k.escalate_min, default_priority = k.default_priority,
		                      urgent_deadline_min = k.urgent_deadline_min, urgent_warn_min = k.urgent_warn_min,
		                      urgent_escalate_min = k.urgent_escalate_min
		 where code = k.code returning * into k;
	else
		insert into category_ward(ward_id, code, deadline_min, warn_min, escalate_min, updated_by,
		                          default_priority, urgent_deadline_min, urgent_warn_min, urgent_escalate_min)
		values (o.ward_id, k.code, k.deadline_min, k.warn_min, k.escalate_min, o.login,
		        k.default_priority, k.urgent_deadline_min, k.urgent_warn_min, k.urgent_escalate_min)
		on conflict (ward_id, code) do update
		   set deadline_min = excluded.deadline_min, warn_min = excluded.warn_min,
		       escalate_min = excluded.escalate_min, default_priority = excluded.default_priority,
		       urgent_deadline_min = excluded.urgent_deadline_min,
		       urgent_warn_min = excluded.urgent_warn_min,
		       urgent_escalate_min = excluded.urgent_escalate_min, updated_at = wardesk.now(),
		       updated_by = excluded.updated_by;
	end if;
	return k;
end $$;

-- Settings: known keys; integers and phone_kinds checked.  A chair sets their own ward's
-- value (setting_ward), the administrator (a superuser) the city-wide
-- default (settings).  Returns the setting as now in force for the caller.
create or replace function wardesk.setting_set(p_key text, p_value text) returns wardesk.settings
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	s settings;
	v_key text := lower(btrim(p_key));
	v_value text;
begin
	if not is_superuser() then
		o := require_officer(array['chair'], 'change settings');
	end if;
	select * into s from settings where key = v_key;
	if not found then
		raise exception 'unknown setting %', coalesce(p_key, '(none)')
			using errcode = 'WD536',
			      detail = json_build_object('key', (coalesce(p_key, '(none)'))::text)::text,
			      hint = (select 'settings: ' || string_agg(key, ', ' order by key) from settings);
	end if;
	if is_blank(p_value) then
		raise exception 'setting % needs a value', v_key
			using errcode = 'WD537',
			      detail = json_build_object('key', v_key::text)::text;
	end if;
	if v_key in ('remind_min', 'unowned_grace_min')
	   and (btrim(p_value) !~ '^[0-9]{1,5}$' or btrim(p_value)::int > 1440
	        or (v_key = 'remind_min' and btrim(p_value)::int < 1)) then
		raise exception 'setting % is a number of minutes (%..1440)', v_key,
			case v_key when 'remind_min' then 1 else 0 end
			using errcode = 'WD538',
			      detail = json_build_object('key', v_key::text,
			                                'min', (case v_key when 'remind_min' then 1 else 0 end)::text)::text;
	end if;
	-- alert kinds sent to phones (55_phone.sql): words, or none
	if v_key = 'phone_kinds' and btrim(p_value) !~ '^[a-z_]+( *, *[a-z_]+)*$' then
		raise exception 'setting phone_kinds is a list of alert kinds like escalation,overdue,urgent (or none)'
			using errcode = 'WD563';
	end if;
	if v_key = 'callback_hours' then
		perform callback_hours_check(p_value);   -- 57_callbacks.sql
	end if;
	v_value := case when v_key = 'apology_template' then p_value else btrim(p_value) end;
	if o.login is null then
		update settings set value = v_value, updated_at = wardesk.action_now(), updated_by = session_user
		 where key = v_key returning * into s;
	else
		insert into setting_ward(ward_id, key, value, updated_by)
		values (o.ward_id, v_key, v_value, o.login)
		on conflict (ward_id, key) do update
		   set value = excluded.value, updated_at = wardesk.action_now(), updated_by = excluded.updated_by;
		s.value := v_value;
		s.updated_at := wardesk.action_now();
		s.updated_by := o.login;
	end if;
	return s;
end $$;

-- The caller's client showed these alerts (only the caller's own are
-- marked), and, with p_below, summed up every one of its undelivered
-- alerts below p_below: a console that connects fetches the newest 200
-- undelivered and sums them up in one line; the older ones are that
-- backlog too (issue 14: left undelivered, the first alert confirmation
-- after it, alerts_seen below, marked and returned them all, hundreds of
-- rows per console, and the console announced them as new).
drop function if exists wardesk.alerts_delivered(bigint[]);
create or replace function wardesk.alerts_delivered(p_ids bigint[], p_below bigint default null) returns int
language sql security definer
set search_path = wardesk, pg_temp
as $$
	with u as (
		update alerts set delivered_at = wardesk.action_now()
		 where (id = any (p_ids) or id < p_below)
		   and recipient = wardesk.session_login() and delivered_at is null
		returning 1)
	select count(*)::int from u
$$;

-- What a console showed from the alert notifications' payloads (hints),
-- confirmed in one statement per console every few seconds (issue 14,
-- item 1), instead of a fetch and an UPDATE per alert: marks delivered the
-- caller's undelivered alerts up to p_upto (the highest id it heard) and
-- the ids p_ids (those it showed), and returns the caller's alerts among
-- both, each as `wardesk alerts` shows it, with marked = true for those
-- this call marked.  An id the console showed that is not returned was
-- not the caller's (a forged payload); a marked one it did not show, it
-- has yet to announce.  category_en (033): the English name beside the
-- Vietnamese one, for a console in English.  The alerts by their ids, one
-- index probe each: `a.id = any (p_ids) or a.id in (select ...)` read every
-- alert of every ward (80,000 in the bench: 38 ms a call, and over the
-- planner's JIT threshold, 44 ms more), and a console calls it at every
-- new case (issue 14: 50 consoles, 264 ms).
create or replace function wardesk.alerts_seen(p_upto bigint, p_ids bigint[])
returns table (id bigint, case_id bigint, kind text, recipient text, level int,
               created_at bigint, delivered_at bigint, actor text, ref text, category text,
               category_vi text, description text, address text, owner text, escalation int,
               deadline_at bigint, resolved boolean, about text, run_by text, case_count int,
               marked boolean, category_en text)
language sql security definer
set search_path = wardesk, pg_temp
as $$
	with u as (
		update alerts a set delivered_at = wardesk.action_now()
		 where a.recipient = wardesk.session_login() and a.delivered_at is null
		   and (a.id <= p_upto or a.id = any (p_ids))
		returning a.id)
	select a.id, a.case_id, a.kind, a.recipient, a.level::int,
	       extract(epoch from a.created_at)::bigint, extract(epoch from a.delivered_at)::bigint,
	       a.actor, c.ref, c.category, k.name_vi, c.description, c.address, c.owner,
	       c.escalation::int, extract(epoch from c.deadline_at)::bigint, c.state = 'resolved',
	       a.about, a.run_by, coalesce(a.case_count, 0), a.id in (select u.id from u), k.name_en
	  from alerts a
	  join cases c on c.id = a.case_id
	  join categories k on k.code = c.category
	 where a.recipient = wardesk.session_login()
	   and a.id = any (p_ids || array(select u.id from u))
	 order by a.id
$$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function
	wardesk.duty_officers(int), wardesk.ward_chairs(int), wardesk.urgent_recipients(int),
	wardesk.new_case_alert(int, text),
	wardesk.alert(wardesk.cases, text, text[]), wardesk.alert_about(wardesk.cases, text, text, text),
	wardesk.sweep(), wardesk.sweep_chunk(int, boolean), wardesk.sweep_chunk_cases(), wardesk.sweep_lock_holder(int), wardesk.sweep_refuse(int, int),
	wardesk.sweep_settings(),
	wardesk.alert_summary_over(), wardesk.sweep_alerts(text, bigint[], int[]),
	wardesk.sweep_plan(bigint[], timestamptz, timestamptz[], timestamptz[], interval[], interval[]),
	wardesk.sweep_plan_moves(bigint[], timestamptz, timestamptz[], timestamptz[], interval[], interval[]),
	wardesk.sweep_health(), wardesk.ack(text, int),
	wardesk.apology_text(text, text), wardesk.category_set(text, int, int, int, int, int, int, text),
	wardesk.setting_set(text, text), wardesk.alerts_delivered(bigint[], bigint),
	wardesk.alerts_seen(bigint, bigint[])
from public;
grant execute on function
	wardesk.sweep(), wardesk.sweep_chunk(int, boolean),
	wardesk.sweep_chunk_cases(),
	wardesk.sweep_health(),
	wardesk.ack(text, int),
	wardesk.apology_text(text, text),
	wardesk.category_set(text, int, int, int, int, int, int, text),
	wardesk.setting_set(text, text),
	wardesk.alerts_delivered(bigint[], bigint),
	wardesk.alerts_seen(bigint, bigint[])
to wardesk_staff;

reset role;
