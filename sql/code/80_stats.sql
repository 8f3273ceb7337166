-- 80_stats.sql - what happened in a time window (the handover record), the
-- chair's board, statistics.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: cases, officers, categories (001_core.sql; cases.delay_reason from
-- 003_deadlines.sql, read through to_jsonb()), handovers (004_roles_shifts.sql);
-- the views case_list and on_duty_now (15_views.sql).  Plain SQL run with the
-- caller's rights: row-level security (90_policies.sql) scopes them to the
-- caller's ward.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- The history behind every figure (issue 17): one definition of a
-- resolution, a reopen, a first contact and a case's state at a moment, read
-- from the audit trail (case_events, 001_core.sql; actor/run_by 015), so
-- that what happened in a period stays there whatever the case does later.
-- ---------------------------------------------------------------------------

-- The value of field p_key of case p_case as the audit trail left it after
-- event p_upto: the last event up to it that set the field (the insert
-- event carries every non-null field, an update event the changed ones).
create or replace function wardesk.case_value_at(p_case bigint, p_upto bigint, p_key text)
returns text
language sql stable
set search_path = wardesk, pg_temp
as $$
	select e.new ->> p_key from case_events e
	 where e.case_id = p_case and e.id <= p_upto and e.new ? p_key
	 order by e.id desc limit 1
$$;

-- Is this login the app's feed account (a member of wardesk_feed, 008)?
-- What it records is the app's doing, not a person's.
create or replace function wardesk.is_feed(p_login text) returns boolean
language sql stable
set search_path = wardesk, pg_temp
as $$
	select exists (select from pg_roles r
	                where r.rolname = p_login and pg_has_role(r.oid, 'wardesk_feed', 'member'))
$$;

-- When a close or reopen event took effect: a close at the case's closed_at
-- it recorded (a request closed in the app: the app's time, not the
-- import's), anything else at the event's time.
create or replace function wardesk.event_effective_at(e wardesk.case_events) returns timestamptz
language sql stable
set search_path = wardesk, pg_temp
as $$
	select case when e.action = 'close'
	            then coalesce((e.new ->> 'closed_at')::timestamptz, e.at) else e.at end
$$;

-- The case's original deadline: the one it had when it was first resolved
-- (a reopen gives a new deadline: its event keeps the old one), else the
-- current one.  A re-close is judged against it, so a reopen never turns a
-- late case into an on-time one.
create or replace function wardesk.original_deadline(p_case bigint) returns timestamptz
language sql stable
set search_path = wardesk, pg_temp
as $$
	select coalesce(
		(select (r.old ->> 'deadline_at')::timestamptz from case_events r
		  where r.case_id = p_case and r.action = 'reopen' and r.old ? 'deadline_at'
		  order by r.id limit 1),
		(select deadline_at from cases where id = p_case))
$$;

-- Whether closing case p_case at p_at is late: after its deadline or its
-- original deadline, whichever is earlier (a reopen's new deadline does not
-- make a re-close after the first deadline on time).  close() judges by it;
-- the console asks it before the close's questions, so that a late close
-- asks for its delay reason first (NULL: no such case visible).
create or replace function wardesk.closes_late(p_case bigint, p_at timestamptz) returns boolean
language sql stable
set search_path = wardesk, pg_temp
as $$
	select p_at > least(c.deadline_at, original_deadline(c.id)) from cases c where c.id = p_case
$$;

-- Every resolution (close event) that took effect in [p_from, p_to), as it
-- was then: who held the case (owner), the reason, the delay reason given;
-- merged: closed as a duplicate (a merge or close --reason duplicate), not a
-- resolution of its own; by_app: recorded by the app's feed account (closed
-- in the app before import), at the app's time; on_time against the
-- original deadline; rating: the last rating given after this close and
-- before the next reopen (the rating belongs to the resolution it rated).
create or replace function wardesk.resolutions(p_from timestamptz, p_to timestamptz)
returns table (case_id bigint, event_id bigint, ref text, category text, channel text,
               received_at timestamptz, closed_at timestamptz, deadline_at timestamptz,
               on_time boolean, merged boolean, by_app boolean, owner text, delay_reason text,
               rating int, secs double precision, reopened_later boolean)
language sql stable
set search_path = wardesk, pg_temp
as $$
	with cl as (
		select e.id, e.case_id, e.actor, event_effective_at(e) as closed_at,
		       (select min(r.id) from case_events r
		         where r.case_id = e.case_id and r.action = 'reopen' and r.id > e.id) as next_reopen
		  from case_events e
		 where e.action = 'close' and e.at >= p_from
		   and event_effective_at(e) >= p_from and event_effective_at(e) < p_to
	)
	select c.id, cl.id, c.ref, c.category, c.channel, c.received_at, cl.closed_at, dl.d,
	       cl.closed_at <= dl.d,
	       case_value_at(c.id, cl.id, 'close_reason') = 'duplicate',
	       is_feed(cl.actor),
	       case when is_feed(cl.actor) then null else case_value_at(c.id, cl.id, 'owner') end,
	       case_value_at(c.id, cl.id, 'delay_reason'),
	       (select (x.new ->> 'rating')::int from case_events x
	         where x.case_id = c.id and x.id >= cl.id and x.new ? 'rating'
	           and (cl.next_reopen is null or x.id < cl.next_reopen)
	         order by x.id desc limit 1),
	       extract(epoch from cl.closed_at - c.received_at)::double precision,
	       cl.next_reopen is not null
	  from cl join cases c on c.id = cl.case_id
	  cross join lateral (select original_deadline(c.id) as d) dl
$$;

-- Cases open at moment p_at (received before it, and the last close or
-- reopen that took effect before it was not a close), as they were then:
-- state, holder and deadline as the trail left them before p_at (a case
-- recorded after p_at with an earlier received time: as first recorded).
create or replace function wardesk.open_at(p_at timestamptz)
returns table (case_id bigint, ref text, category text, owner text, state text,
               deadline_at timestamptz)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select c.id, c.ref, c.category, case_value_at(c.id, t.upto, 'owner'),
	       coalesce(case_value_at(c.id, t.upto, 'state'), c.state),
	       coalesce(case_value_at(c.id, t.upto, 'deadline_at')::timestamptz, c.deadline_at)
	  from cases c
	 cross join lateral (
		select coalesce(max(e.id) filter (where e.at < p_at), min(e.id)) as upto
		  from case_events e where e.case_id = c.id) t
	 where c.received_at < p_at
	   -- resolved now by a close before p_at: resolved then too (closes and
	   -- reopens alternate, the last one is that close)
	   and (c.state <> 'resolved' or c.closed_at >= p_at)
	   and (select e.action from case_events e
	         where e.case_id = c.id and e.action in ('close', 'reopen')
	           and event_effective_at(e) < p_at
	         order by event_effective_at(e) desc, e.id desc limit 1) is distinct from 'close'
$$;

-- received: cases received in [p_from, p_to); resolved: resolutions in the
-- window (merged duplicates apart); resolved_by: of those, held by
-- p_officer at close; late: cases whose deadline passed in the window while
-- unresolved: resolutions after their original deadline that fell in the
-- window, and cases open at p_to whose deadline passed in it (refs in late_refs).
create or replace function wardesk.window_summary(p_from timestamptz, p_to timestamptz, p_officer text default null)
returns table (received int, resolved int, resolved_by int, late int, late_refs text[])
language sql stable
set search_path = wardesk, pg_temp
as $$
	with res as (select * from resolutions(p_from, p_to) where not merged),
	lt as (
		select r.ref, r.deadline_at, r.case_id from res r
		 where not r.on_time and r.deadline_at >= p_from
		union
		select o.ref, o.deadline_at, o.case_id from open_at(p_to) o
		 where o.deadline_at >= p_from and o.deadline_at < p_to
	)
	select (select count(*)::int from cases where received_at >= p_from and received_at < p_to),
	       (select count(*)::int from res),
	       (select count(*)::int from res where owner = p_officer),
	       (select count(distinct case_id)::int from lt),
	       (select coalesce(array_agg(ref order by deadline_at, case_id), '{}')
	          from (select distinct on (case_id) * from lt order by case_id, deadline_at) x)
$$;

-- The chair's board, one row per officer of the ward who is on duty or holds
-- open cases: open (in progress held), due_soon (warn or critical), overdue.
create or replace function wardesk.board()
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
-- waiting, pending handovers, the duty officers and chairs on shift (a
-- hotline operator on shift takes calls, not cases: listed on the board,
-- not counted on duty), and today's (Asia/Ho_Chi_Minh) on-time rate.
create or replace function wardesk.board_summary()
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
		-- today's resolutions as stats() counts them (merged duplicates apart)
		select count(*)::int as resolved, count(*) filter (where r.on_time)::int as on_time
		  from day, resolutions(day.d0, 'infinity') r where not r.merged
	)
	select (select count(*)::int from case_list where state in ('new', 'reopened')),
	       (select count(*)::int from case_list where state in ('new', 'reopened')
	                                             and due in ('warn', 'critical')),
	       (select count(*)::int from case_list where state in ('new', 'reopened') and due = 'overdue'),
	       (select count(*)::int from cases where state <> 'resolved' and escalation > 0),
	       (select count(*)::int from handovers where state = 'pending'),
	       (select count(*)::int from on_duty_now where role <> 'hotline'),
	       (select count(*)::int from cases, day where received_at >= day.d0),
	       t.resolved, t.on_time,
	       case when t.resolved > 0 then t.on_time::double precision / t.resolved end
	  from t
$$;

-- Statistics for [p_from, p_to) as one JSON document (keys documented in
-- wardesk(1), STATISTICS).  Durations are in seconds; times are epoch seconds.
-- Everything is read from the history (resolutions, open_at above), so a
-- period's figures do not change when its cases change later.
--   to: p_to clamped to the desk clock's now (to_requested: as asked);
--   received: received in the window; resolved: resolutions by the desk in
--   the window (a case closed, reopened and closed again counts twice, each
--   in its own period); merged: closed as duplicates in the window (not
--   resolved, never judged); closed_in_app: requests closed in the app
--   before import, at the app's time (not resolved by the desk, never
--   judged); reopened: reopens in the window (reopen_rate: per resolution
--   of the window); open: cases open at `to`; on_time: resolutions no later
--   than the case's original deadline; handling time: resolution - received
--   (median and 90th percentile, percentile_cont); first contact: received
--   -> first take or assign by a person, of the cases received in the
--   window and taken before `to`; by officer: the holder at each resolution
--   and every officer with a shift in the window (on_duty_secs: the shift
--   time inside the window; taken: takes and assignments to them);
--   rating: the rating of each resolution; late: resolutions after the
--   original deadline, and cases open at `to` past their deadline then,
--   each with its delay reason; hourly: received/resolved per hour
--   (Asia/Ho_Chi_Minh hours) from p_from's hour to `to`; by_hour_of_day:
--   received/resolved per local hour of the day (0-23), the load profile;
--   heat: per category with cases received in the period, its received
--   cases per local hour of the day (hours: 24 numbers), the heat strip.
create or replace function wardesk.stats(p_from timestamptz, p_to timestamptz) returns jsonb
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
declare
	v jsonb;
	v_to timestamptz;
begin
	-- times are epoch seconds below: +/-infinity would fail the cast (stored
	-- times are finite: the *_finite constraints of 007_hardening_a.sql)
	if not isfinite(p_from) or not isfinite(p_to) then
		raise exception 'the statistics period needs real dates'
			using errcode = 'WD557';
	end if;
	if p_from >= wardesk.now() then
		raise exception 'the statistics period must start before now (the desk clock)'
			using errcode = 'WD565';
	end if;
	if p_from is null or p_to is null or p_to <= p_from then
		raise exception 'the statistics period must end after it starts'
			using errcode = 'WD558';
	end if;
	if p_to - p_from > interval '400 days' then
		raise exception 'the statistics period is at most 400 days'
			using errcode = 'WD559';
	end if;
	v_to := least(p_to, wardesk.now());   -- nothing is late in the future yet
	with allres as (
		select * from resolutions(p_from, v_to)
	), res as (
		select * from allres where not merged and not by_app
	), rec as (
		select * from cases c where c.received_at >= p_from and c.received_at < v_to
	), opn as (
		select * from open_at(v_to)
	), reo as (
		select e.case_id, e.at, case_value_at(e.case_id, e.id - 1, 'owner') as owner
		  from case_events e where e.action = 'reopen' and e.at >= p_from and e.at < v_to
	), takes as (   -- takes and assignments by people in the window
		select e.case_id, e.at, coalesce(e.new ->> 'owner', e.actor) as login
		  from case_events e
		 where e.action in ('take', 'assign') and e.at >= p_from and e.at < v_to
		   and not is_feed(e.actor)
	), fc as (      -- first contact of the cases received in the window
		select rec.id, extract(epoch from t.at - rec.received_at)::double precision as secs, t.login
		  from rec cross join lateral (
			select f.at, coalesce(f.new ->> 'owner', f.actor) as login from case_events f
			 where f.case_id = rec.id and f.action in ('take', 'assign') and not is_feed(f.actor)
			 order by f.id limit 1) t
		 where t.at < v_to
	), duty as (
		select s.officer as login,
		       sum(extract(epoch from least(coalesce(s.ended_at, wardesk.now()), v_to)
		                              - greatest(s.started_at, p_from)))::double precision as secs
		  from shifts s
		 where s.started_at < v_to and coalesce(s.ended_at, wardesk.now()) > p_from
		 group by s.officer
	), hours as (
		select h from generate_series(
			date_trunc('hour', p_from at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh',
			v_to - interval '1 microsecond', interval '1 hour') as g(h)
	), heat as (   -- received per category and local hour of the day
		select rec.category, extract(hour from rec.received_at at time zone 'Asia/Ho_Chi_Minh')::int as hd,
		       count(*) as n
		  from rec group by 1, 2
	)
	select jsonb_build_object(
		'from', extract(epoch from p_from)::bigint,
		'to', extract(epoch from v_to)::bigint,
		'to_requested', extract(epoch from p_to)::bigint,
		'received', (select count(*) from rec),
		'resolved', (select count(*) from res),
		'merged', (select count(*) from allres where merged),
		'closed_in_app', (select count(*) from allres where by_app and not merged),
		'reopened', (select count(*) from reo),
		'reopen_rate', (select case when count(*) > 0 then (select count(*) from reo)::double precision / count(*) end
		                  from res),
		'open', (select count(*) from opn),
		'on_time', (select count(*) from res where on_time),
		'on_time_rate', (select case when count(*) > 0
		                             then (count(*) filter (where on_time))::double precision / count(*) end
		                   from res),
		'median_secs', (select percentile_cont(0.5) within group (order by secs) from res),
		'p90_secs', (select percentile_cont(0.9) within group (order by secs) from res),
		'first_contact_count', (select count(*) from fc),
		'first_contact_median_secs', (select percentile_cont(0.5) within group (order by secs) from fc),
		'first_contact_p90_secs', (select percentile_cont(0.9) within group (order by secs) from fc),
		'rating_avg', (select avg(rating)::double precision from res where rating is not null),
		'rating_count', (select count(rating) from res),
		'by_category', (select coalesce(jsonb_agg(to_jsonb(x) - 'sort' order by x.sort, x.code), '[]') from (
			select k.code, k.name_vi, k.name_en, k.sort,
			       (select count(*) from rec where rec.category = k.code) as received,
			       count(res.case_id) as resolved,
			       count(res.case_id) filter (where res.on_time) as on_time,
			       percentile_cont(0.5) within group (order by res.secs) as median_secs,
			       avg(res.rating)::double precision as rating_avg
			  from categories k left join res on res.category = k.code
			 group by k.code
			having count(res.case_id) > 0 or (select count(*) from rec where rec.category = k.code) > 0) x),
		'by_channel', (select coalesce(jsonb_agg(x order by x.channel), '[]') from (
			select ch.channel,
			       (select count(*) from rec where rec.channel = ch.channel) as received,
			       (select count(*) from res where res.channel = ch.channel) as resolved,
			       (select count(*) from res where res.channel = ch.channel and res.on_time) as on_time,
			       (select percentile_cont(0.5) within group (order by secs) from res
			         where res.channel = ch.channel) as median_secs
			  from (select channel from rec union select channel from res) ch) x),
		'by_officer', (select coalesce(jsonb_agg(x order by x.login), '[]') from (
			select l.login, o.full_name,
			       (select count(*) from res where res.owner = l.login) as resolved,
			       (select count(*) from res where res.owner = l.login and res.on_time) as on_time,
			       (select percentile_cont(0.5) within group (order by secs) from res
			         where res.owner = l.login) as median_secs,
			       (select avg(rating)::double precision from res where res.owner = l.login) as rating_avg,
			       (select count(rating) from res where res.owner = l.login) as rating_count,
			       (select count(*) from allres where allres.merged and allres.owner = l.login) as merged,
			       (select count(*) from reo where reo.owner = l.login) as reopened,
			       (select count(*) from takes where takes.login = l.login) as taken,
			       (select percentile_cont(0.5) within group (order by secs) from fc
			         where fc.login = l.login) as first_contact_median_secs,
			       duty.secs as on_duty_secs,
			       case when duty.secs >= 60 then (select count(*) from res where res.owner = l.login)
			                                     / (duty.secs / 3600) end as resolved_per_duty_hour
			  from (select owner as login from res where owner is not null
			        union select login from duty) l
			  left join officers o on o.login = l.login
			  left join duty on duty.login = l.login) x),
		'late', (select coalesce(jsonb_agg(x order by x.deadline, x.ref), '[]') from (
			select ref, category, owner, 'resolved' as state,
			       extract(epoch from deadline_at)::bigint as deadline,
			       extract(epoch from closed_at)::bigint as closed,
			       extract(epoch from closed_at - deadline_at)::bigint as delay_secs,
			       delay_reason
			  from res where not on_time
			union all
			select ref, category, owner, state,
			       extract(epoch from deadline_at)::bigint,
			       null::bigint,
			       extract(epoch from v_to - deadline_at)::bigint,
			       null::text   -- an open case has no delay reason yet
			  from opn where deadline_at < v_to) x),
		'hourly', (select coalesce(jsonb_agg(jsonb_build_object(
				'hour', extract(epoch from hours.h)::bigint,
				'received', (select count(*) from rec where rec.received_at >= hours.h
				                                        and rec.received_at < hours.h + interval '1 hour'),
				'resolved', (select count(*) from res where res.closed_at >= hours.h
				                                        and res.closed_at < hours.h + interval '1 hour'))
			order by hours.h), '[]') from hours),
		'by_hour_of_day', (select jsonb_agg(jsonb_build_object(
				'hour', hd,
				'received', (select count(*) from rec
				              where extract(hour from rec.received_at at time zone 'Asia/Ho_Chi_Minh') = hd),
				'resolved', (select count(*) from res
				              where extract(hour from res.closed_at at time zone 'Asia/Ho_Chi_Minh') = hd))
			order by hd) from generate_series(0, 23) hd),
		'heat', (select coalesce(jsonb_agg(jsonb_build_object(
				'code', k.code, 'name_vi', k.name_vi, 'name_en', k.name_en,
				'hours', (select jsonb_agg(coalesce((select heat.n from heat
				                                     where heat.category = k.code and heat.hd = g), 0) order by g)
				            from generate_series(0, 23) g))
			order by k.sort, k.code), '[]')
			from categories k where exists (select from heat where heat.category = k.code))
	) into v;
	return v;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

grant execute on function
	wardesk.case_value_at(bigint, bigint, text),
	wardesk.is_feed(text),
	wardesk.event_effective_at(wardesk.case_events),
	wardesk.original_deadline(bigint),
	wardesk.closes_late(bigint, timestamptz),
	wardesk.resolutions(timestamptz, timestamptz),
	wardesk.open_at(timestamptz),
	wardesk.window_summary(timestamptz, timestamptz, text),
	wardesk.board(),
	wardesk.board_summary(),
	wardesk.stats(timestamptz, timestamptz)
to wardesk_staff;

reset role;
