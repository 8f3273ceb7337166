-- 57_callbacks.sql - call-backs (issue 16 §0): when a case is resolved,
-- each of its reporters who came by phone or in person, or asked to be
-- called, is on the hotline's call-back list (callback_list) with the
-- resolution note to read out; the hotline records each call
-- (callback_record): reached (with the citizen's rating and comment), no
-- answer (tried again 30 min later, then 2 h later, at most three calls),
-- wrong number.  Calls are due only inside the ward's daytime hours
-- (setting callback_hours).  Also the call-back figures of the statistics
-- (callback_stats).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: callback_attempts and the setting callback_hours
-- (019_callbacks.sql); cases, case_events (001_core.sql), case_reporters
-- (002_intake.sql).  The ward_isolation policy: 90_policies.sql.
--
-- Who is on the list: the reporters of a case resolved in the last 7 days
-- (not closed as a duplicate: a duplicate's reporters are on the list of
-- the case it was closed into), with a phone number: the case's own
-- (cases.reporter_*), the own reporters of the cases closed as its
-- duplicates (duplicate_of), and its case_reporters rows (repeat callers,
-- merged duplicates' reporters); one entry per phone number (the case's
-- own first).  Each came by hotline or walk-in, or asked to be called
-- (callback_wanted; for a case_reporters row, that of the case it came
-- from).  An entry leaves the list when a call in the case's present life
-- (cycle: the number of reopens) reached the citizen or found a wrong
-- number, or after three unanswered calls; a reopen takes the case off the
-- list (it is no longer resolved) and the next resolution starts a new
-- life with no calls.  Every call is a case event 'callback' whose "new"
-- holds {reporter, name, outcome, attempt, rating, next_at (epoch
-- seconds)} and whose note is the citizen's comment.

set role wardesk_owner;

-- The daytime hours of ward p_ward (setting callback_hours, 'HH:MM-HH:MM'
-- in Asia/Ho_Chi_Minh time); 07:00-21:00 when the setting is unusable.
create or replace function wardesk.callback_hours(p_ward int, out h_from time, out h_to time)
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
declare
	v text := btrim(coalesce(ward_setting(p_ward, 'callback_hours'), ''));
begin
	h_from := '07:00';
	h_to := '21:00';
	if v ~ '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
	   and split_part(v, '-', 1)::time < split_part(v, '-', 2)::time then
		h_from := split_part(v, '-', 1)::time;
		h_to := split_part(v, '-', 2)::time;
	end if;
end $$;

-- WD570 unless p_value is usable as callback_hours (setting_set, 50_deadlines.sql).
create or replace function wardesk.callback_hours_check(p_value text) returns void
language plpgsql immutable
set search_path = wardesk, pg_temp
as $$
declare
	v text := btrim(coalesce(p_value, ''));
begin
	if v !~ '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
	   or split_part(v, '-', 1)::time >= split_part(v, '-', 2)::time then
		raise exception 'setting callback_hours is a span of daytime like 07:00-21:00 (got %)', v
			using errcode = 'WD570', detail = json_build_object('value', v)::text;
	end if;
end $$;

-- The first moment at or after p_at inside ward p_ward's daytime hours.
create or replace function wardesk.callback_when(p_ward int, p_at timestamptz) returns timestamptz
language sql stable
set search_path = wardesk, pg_temp
as $$
	select case when l::time < h.h_from then (l::date + h.h_from) at time zone 'Asia/Ho_Chi_Minh'
	            when l::time >= h.h_to then (l::date + 1 + h.h_from) at time zone 'Asia/Ho_Chi_Minh'
	            else p_at end
	  from (select p_at at time zone 'Asia/Ho_Chi_Minh' as l) t, callback_hours(p_ward) h
$$;

-- The people to call back about each resolved case (see the header): one
-- row per case and phone number.  prio orders a case's reporters (own
-- first).  Readers see their ward's (row-level security).
create or replace view wardesk.callback_reporters with (security_invoker = true) as
select distinct on (x.case_id, x.phone)
       x.case_id, x.ward_id, x.reporter, x.name, x.phone, x.channel, x.prio, x.sort_id
  from (select c.id as case_id, c.ward_id, c.ref as reporter, c.reporter_name as name,
               c.reporter_phone as phone, c.channel, 0 as prio, c.id as sort_id,
               c.channel in ('hotline', 'walkin') or c.callback_wanted as wanted
          from wardesk.cases c
         where c.state = 'resolved' and c.close_reason <> 'duplicate'
        union all
        select c.id, c.ward_id, d.ref, d.reporter_name, d.reporter_phone, d.channel, 1, d.id,
               d.channel in ('hotline', 'walkin') or d.callback_wanted
          from wardesk.cases c join wardesk.cases d on d.duplicate_of = c.id
         where c.state = 'resolved' and c.close_reason <> 'duplicate'
        union all
        select c.id, c.ward_id, 'r' || r.id, r.reporter_name, r.reporter_phone, r.channel, 2, r.id,
               coalesce(r.channel in ('hotline', 'walkin'), false)
               or coalesce((select f.callback_wanted from wardesk.cases f where f.id = r.from_case_id), false)
          from wardesk.cases c join wardesk.case_reporters r on r.case_id = c.id
         where c.state = 'resolved' and c.close_reason <> 'duplicate') x
 where x.wanted and x.phone is not null
 order by x.case_id, x.phone, x.prio, x.sort_id;

-- The life of case p_case: how many times it was reopened.
create or replace function wardesk.callback_cycle(p_case bigint) returns int
language sql stable
set search_path = wardesk, pg_temp
as $$
	select count(*)::int from case_events e where e.case_id = p_case and e.action = 'reopen'
$$;

-- The call-back list of the caller's ward (every ward for the
-- administrator), oldest resolution first: who to call about which case,
-- the note to read out, the calls made so far in the case's present life,
-- and when the next call is due (inside the daytime hours; due: now, and
-- now is inside them).
create or replace function wardesk.callback_list()
returns table (ref text, version int, reporter text, reporter_name text, phone text, channel text,
               resolved_at timestamptz, resolution_note text, attempts int, last_at timestamptz,
               next_try timestamptz, due boolean, case_id bigint)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select c.ref, c.version, r.reporter, r.name, r.phone, r.channel, c.closed_at, c.resolution_note,
	       coalesce(a.n, 0), a.last_at, t.next_try, t.next_try <= wardesk.now(), c.id
	  from callback_reporters r
	  join cases c on c.id = r.case_id
	  left join lateral (
		select count(*)::int as n, max(k.at) as last_at,
		       bool_or(k.outcome <> 'no_answer') as done,
		       (array_agg(k.next_at order by k.attempt desc))[1] as next_at
		  from callback_attempts k
		 where k.case_id = c.id and k.reporter = r.reporter and k.cycle = callback_cycle(c.id)) a on true
	  cross join lateral (select callback_when(c.ward_id, coalesce(a.next_at, c.closed_at)) as w) b
	  cross join lateral (select callback_when(c.ward_id, wardesk.now()) as w) n
	  -- overdue (b.w passed): due now inside the hours, else at the next
	  -- morning's start (a call is never due at night, the first one neither)
	  cross join lateral (select case when b.w > wardesk.now() or n.w = wardesk.now() then b.w
	                                  else n.w end as next_try) t
	 where c.closed_at > wardesk.now() - interval '7 days'
	   and not coalesce(a.done, false)
	   and (coalesce(a.n, 0) = 0 or a.next_at is not null)
	 order by c.closed_at, c.id, r.prio, r.sort_id
$$;

-- Record a call-back about case p_ref to reporter p_reporter (a key from
-- callback_list; may be left out when the case has one reporter to call):
-- reached (p_rating 1-5 and p_comment what the citizen said; the rating is
-- the case's, through rate()), no_answer (tried again 30 min later, then
-- 2 h later; the third unanswered call ends it) or wrong_number.  p_seen:
-- the case version the caller saw (WD002 when it changed).  Hotline
-- operators, duty officers and chairs of the case's ward.
create or replace function wardesk.callback_record(p_ref text, p_outcome text, p_rating int default null,
                                                   p_comment text default null, p_reporter text default null,
                                                   p_seen int default null)
returns wardesk.callback_attempts
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	l record;
	k callback_attempts;
	v_out text := lower(replace(btrim(coalesce(p_outcome, '')), '-', '_'));
	v_n int;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'record call-backs');
	perform check_seen(c, p_seen);
	if v_out not in ('reached', 'no_answer', 'wrong_number') then
		raise exception 'unknown call outcome % (reached, no answer, wrong number)', coalesce(p_outcome, '(none)')
			using errcode = 'WD571',
			      detail = json_build_object('outcome', coalesce(p_outcome, '(none)'))::text;
	end if;
	if p_rating is not null and v_out <> 'reached' then
		raise exception 'a rating is only given on a call that reached the citizen'
			using errcode = 'WD572';
	end if;
	perform check_length('the comment', btrim(p_comment), 4000);
	select count(*)::int into v_n from callback_list() x
	 where x.ref = c.ref and (p_reporter is null or x.reporter = btrim(p_reporter));
	if v_n = 0 and p_reporter is null then
		raise exception '% has nobody to call back', c.ref
			using errcode = 'WD340', detail = json_build_object('ref', c.ref)::text;
	elsif v_n = 0 then
		raise exception 'reporter % of % is not on the call-back list', btrim(p_reporter), c.ref
			using errcode = 'WD341',
			      detail = json_build_object('reporter', btrim(p_reporter), 'ref', c.ref)::text,
			      hint = (select 'on the list: ' || string_agg(x.reporter, ', ') from callback_list() x
			               where x.ref = c.ref);
	elsif v_n > 1 then
		raise exception '% has % reporters to call back: say which', c.ref, v_n
			using errcode = 'WD342', detail = json_build_object('ref', c.ref, 'count', v_n::text)::text,
			      hint = (select 'reporters: ' || string_agg(x.reporter, ', ') from callback_list() x
			               where x.ref = c.ref);
	end if;
	select * into l from callback_list() x
	 where x.ref = c.ref and (p_reporter is null or x.reporter = btrim(p_reporter));
	insert into callback_attempts(case_id, ward_id, reporter, cycle, attempt, at, outcome, rating, comment,
	                              next_at)
	values (c.id, c.ward_id, l.reporter, callback_cycle(c.id), l.attempts + 1, wardesk.action_now(), v_out,
	        p_rating, visible_or_null(p_comment),
	        case when v_out = 'no_answer' and l.attempts < 2
	             then wardesk.action_now() + case l.attempts when 0 then interval '30 min' else interval '2 h' end
	        end)
	returning * into k;
	insert into case_events(case_id, ward_id, at, actor, action, version, new, note)
	values (c.id, c.ward_id, k.at, session_user, 'callback', c.version,
	        jsonb_strip_nulls(jsonb_build_object('reporter', k.reporter, 'name', l.reporter_name,
	                                             'outcome', k.outcome, 'attempt', k.attempt, 'rating', k.rating,
	                                             'next_at', extract(epoch from k.next_at)::bigint)),
	        k.comment);
	if p_rating is not null then
		perform rate(c.ref, p_rating, p_comment);   -- 40_intake.sql: the case's rating
	end if;
	perform pg_notify(ward_channel(c.ward_id, 'case'),
		format('{"id":%s,"v":%s,"ward":%s,"op":"callback"}', c.id,
		       (select version from cases where id = c.id), c.ward_id))
	  where ward_channel(c.ward_id, 'case') is not null;
	return k;
end $$;

-- The call-back figures of the statistics for the period p_from .. p_to
-- (beside wardesk.stats(), 80_stats.sql, which checks the period first):
--   reporters      the reporters to call back (callback_reporters) of the
--                  cases resolved in the period (and still resolved)
--   informed_24h   of them, those a call reached within 24 h of the resolution
--   feedback_rate  informed_24h / reporters (NULL when none)
--   rating_phone   the ratings given in call-backs made in the period
--   rating_app     the ratings of app reports resolved in the period
--   list           the call-back list now: count, due, oldest_secs (how long
--                  its oldest entry has waited since the resolution)
-- Readers see their ward's (row-level security).
create or replace function wardesk.callback_stats(p_from timestamptz, p_to timestamptz) returns jsonb
language sql stable
set search_path = wardesk, pg_temp
as $$
	with r as (
		select exists (select from callback_attempts k
		                where k.case_id = c.id and k.reporter = x.reporter and k.outcome = 'reached'
		                  and k.cycle = callback_cycle(c.id) and k.at <= c.closed_at + interval '24 hours')
		       as informed
		  from callback_reporters x join cases c on c.id = x.case_id
		 where c.closed_at >= p_from and c.closed_at < p_to),
	l as (select * from callback_list())
	select jsonb_build_object(
		'reporters', (select count(*) from r),
		'informed_24h', (select count(*) filter (where informed) from r),
		'feedback_rate', (select round(count(*) filter (where informed)::numeric / nullif(count(*), 0), 4) from r),
		'rating_phone', (select jsonb_build_object('avg', round(avg(k.rating), 2), 'count', count(k.rating))
		                   from callback_attempts k where k.at >= p_from and k.at < p_to),
		'rating_app', (select jsonb_build_object('avg', round(avg(c.rating), 2), 'count', count(c.rating))
		                 from cases c where c.channel = 'app' and c.closed_at >= p_from and c.closed_at < p_to),
		'list', (select jsonb_build_object('count', count(*), 'due', count(*) filter (where l.due),
		                                   'oldest_secs',
		                                   extract(epoch from wardesk.now() - min(l.resolved_at))::bigint)
		           from l))
$$;

revoke all on function
	wardesk.callback_hours(int), wardesk.callback_hours_check(text), wardesk.callback_when(int, timestamptz),
	wardesk.callback_cycle(bigint), wardesk.callback_list(),
	wardesk.callback_record(text, text, int, text, text, int), wardesk.callback_stats(timestamptz, timestamptz)
from public;
grant execute on function
	wardesk.callback_hours(int), wardesk.callback_when(int, timestamptz), wardesk.callback_cycle(bigint),
	wardesk.callback_list(), wardesk.callback_record(text, text, int, text, text, int),
	wardesk.callback_stats(timestamptz, timestamptz)
to wardesk_staff;

reset role;
