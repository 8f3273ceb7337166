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

-- received: cases received in [p_from, p_to); resolved: closed in the window;
-- resolved_by: of those, held by p_officer at close; late: cases whose
-- deadline passed in the window while unresolved (refs in late_refs).
create or replace function wardesk.window_summary(p_from timestamptz, p_to timestamptz, p_officer text default null)
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
-- waiting, pending handovers, and today's (Asia/Ho_Chi_Minh) on-time rate.
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
create or replace function wardesk.stats(p_from timestamptz, p_to timestamptz) returns jsonb
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
declare
	v jsonb;
begin
	-- times are epoch seconds below: +/-infinity would fail the cast (stored
	-- times are finite: the *_finite constraints of 007_hardening_a.sql)
	if not isfinite(p_from) or not isfinite(p_to) then
		raise exception 'the statistics period needs real dates'
			using errcode = 'WD557';
	end if;
	if p_from is null or p_to is null or p_to <= p_from then
		raise exception 'the statistics period must end after it starts'
			using errcode = 'WD558';
	end if;
	if p_to - p_from > interval '400 days' then
		raise exception 'the statistics period is at most 400 days'
			using errcode = 'WD559';
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

grant execute on function
	wardesk.window_summary(timestamptz, timestamptz, text),
	wardesk.board(),
	wardesk.board_summary(),
	wardesk.stats(timestamptz, timestamptz)
to wardesk_staff;

reset role;
