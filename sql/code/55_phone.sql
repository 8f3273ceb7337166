-- 55_phone.sql - the chair's phone (issue 15): an alert of a kind in the
-- ward's setting phone_kinds to an officer with a mobile number becomes a
-- phone message; `wardesk watch` (src/cli_watch.c, src/phone_send.c) claims
-- due messages, runs the configured command and reports each attempt.
-- Also who may set and read mobile numbers (mobile_canon,
-- officer_mobile_set, officer_mobiles).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: officers.mobile, phone_messages, phone_attempts, the setting
-- phone_kinds and the group wardesk_phone (016_phone.sql); alerts
-- (003_deadlines.sql); case_events (001_core.sql, chained by
-- 26_audit_chain.sql).  The ward_isolation policies: 90_policies.sql.
--
-- Exactly once: a message is made by a trigger on alerts (rows inserted
-- once per step by the sweep or an action), on conflict with the unique
-- keys of 016 nothing; watchers claim due messages FOR UPDATE SKIP LOCKED
-- and hold them under a lease, so several `wardesk watch` processes never
-- send one message twice at once.  A watcher that dies with a claim leaves
-- it to the next claim after the lease (recorded as 'lost').  Every
-- attempt is a phone_attempts row and a case event 'phone' whose "new"
-- holds {to, kind, attempt, outcome, exit, error, next_at (epoch seconds)} (no number: the
-- history is read by every officer of the ward).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Mobile numbers
-- ---------------------------------------------------------------------------

-- A mobile number as stored (0 and 9 digits), from what people type
-- ("0912.345.678", "+84 912 345 678"); WD005 for a landline or junk.
create or replace function wardesk.mobile_canon(p_mobile text) returns text
language plpgsql immutable strict
set search_path = wardesk, pg_temp
as $$
declare
	v text := normalize_phone(p_mobile);   -- 40_intake.sql
begin
	if v !~ '^0[35789][0-9]{8}$' then
		raise exception 'phone number "%" is not a mobile number', btrim(p_mobile)
			using errcode = 'WD564', detail = json_build_object('phone', btrim(p_mobile)::text)::text,
			      hint = 'mobiles have 10 digits starting 03, 05, 07, 08 or 09';
	end if;
	return v;
end $$;

-- Set (or with NULL clear) the mobile number of p_login: the officer
-- themself, a chair of their ward, or the administrator.  Returns it as stored.
create or replace function wardesk.officer_mobile_set(p_login text, p_mobile text) returns text
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	me officers;
	t officers;
	v text := case when nullif(btrim(p_mobile), '') is null then null else mobile_canon(p_mobile) end;
begin
	if not is_superuser() then
		me := require_officer(array['hotline', 'officer', 'chair'], 'set mobile numbers');
	end if;
	select * into t from officers where login = lower(btrim(p_login)) for update;
	if not found or (me.login is not null and t.ward_id <> me.ward_id) then
		raise exception 'no officer % in your ward', coalesce(lower(btrim(p_login)), '(none)')
			using errcode = 'WD403',
			      detail = json_build_object('login', coalesce(lower(btrim(p_login)), '(none)')::text)::text;
	end if;
	if me.login is not null and me.login <> t.login and me.role <> 'chair' then
		raise exception 'only the ward chair can set another officer''s mobile number'
			using errcode = 'WD615';
	end if;
	update officers set mobile = v where login = t.login;
	return v;
end $$;

-- The mobile numbers the caller may read: their own; a chair their ward's;
-- the administrator every ward's.
create or replace function wardesk.officer_mobiles()
returns table (login text, mobile text)
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	select o.login, o.mobile from officers o
	 where o.mobile is not null
	   and (is_superuser() or o.login = wardesk.session_login()
	        or exists (select from officers c where c.login = wardesk.session_login() and c.active
	                   and c.role = 'chair' and c.ward_id = o.ward_id))
	 order by o.login
$$;

-- ---------------------------------------------------------------------------
-- Messages
-- ---------------------------------------------------------------------------

-- The kinds of alert of ward p_ward that go to phones (setting phone_kinds).
create or replace function wardesk.phone_kinds(p_ward int) returns text[]
language sql stable
set search_path = wardesk, pg_temp
as $$
	select coalesce(array_remove(string_to_array(
		regexp_replace(lower(coalesce(ward_setting(p_ward, 'phone_kinds'), '')), '[^a-z_,]', '', 'g'),
		','), ''), '{}')
$$;

-- A message per new alert of a phone kind to an active officer with a
-- mobile; the unique keys drop a second one of the same case, kind,
-- recipient and life of the case.  The ward's phone kinds are read once per
-- ward of the statement (OFFSET 0 keeps the subquery apart), not per alert:
-- an import of 5,000 reports to 5 officers on duty read the setting 25,000
-- times, a quarter of its time (issue 14 item 5).
create or replace function wardesk.tg_alerts_phone() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
begin
	insert into phone_messages(alert_id, case_id, ward_id, kind, recipient, cycle, next_at, created_at)
	select a.id, a.case_id, a.ward_id, a.kind, a.recipient,
	       (select count(*)::int from case_events e where e.case_id = a.case_id and e.action = 'reopen'),
	       a.created_at, a.created_at
	  from added a join officers o on o.login = a.recipient
	  join (select w.ward_id, phone_kinds(w.ward_id) as kinds
	          from (select distinct ward_id from added) w offset 0) k on k.ward_id = a.ward_id
	 where o.mobile is not null and o.active and a.kind = any (k.kinds)
	 order by a.id
	on conflict do nothing;
	return null;
end $$;

create or replace trigger t80_phone after insert on wardesk.alerts
	referencing new table as added
	for each statement execute function wardesk.tg_alerts_phone();

-- Only a superuser or a member of wardesk_phone works the phone queue.
create or replace function wardesk.phone_require() returns void
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
begin
	if not (is_superuser() or pg_has_role(session_user, 'wardesk_phone', 'member')) then
		raise exception 'login % may not send phone messages (not in wardesk_phone)', session_user
			using errcode = 'WD616', detail = json_build_object('login', session_user::text)::text;
	end if;
end $$;

-- One attempt on message m: a phone_attempts row and a case event 'phone'.
create or replace function wardesk.phone_record(m wardesk.phone_messages, p_outcome text,
                                                p_exit int, p_error text, p_next timestamptz)
returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_error text := left(nullif(btrim(p_error), ''), 500);
begin
	insert into phone_attempts(message_id, ward_id, attempt, at, outcome, exit_status, error, next_at)
	values (m.id, m.ward_id, m.attempts, wardesk.action_now(), p_outcome, p_exit, v_error, p_next);
	insert into case_events(case_id, ward_id, at, actor, action, version, new)
	select c.id, c.ward_id, wardesk.action_now(), session_user, 'phone', c.version,
	       jsonb_strip_nulls(jsonb_build_object('to', m.recipient, 'kind', m.kind, 'attempt', m.attempts,
	                                            'outcome', p_outcome, 'exit', p_exit, 'error', v_error,
	                                            'next_at', extract(epoch from p_next)::bigint))
	  from cases c where c.id = m.case_id;
end $$;

-- Claim up to p_limit due messages for p_lease_s seconds (the command's
-- timeout and some).  First, a claim whose lease ran out is recorded as
-- 'lost' (given up after p_max_attempts), a pending message older than
-- p_max_age_s as 'expired'.  Returns what the watcher needs to write the
-- message; number is the recipient's mobile now, category its code and name.
create or replace function wardesk.phone_claim(p_limit int, p_lease_s int, p_max_attempts int,
                                               p_max_age_s int)
returns table (id bigint, attempt int, recipient text, number text, kind text, ref text,
               category text, address text, deadline_at timestamptz, now_at timestamptz)
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	m phone_messages;
	v_now timestamptz := wardesk.action_now();
begin
	perform phone_require();
	for m in select * from phone_messages x
	          where x.state = 'sending' and x.lease_until <= v_now
	          order by x.id for update skip locked loop
		update phone_messages x set state = case when m.attempts >= p_max_attempts then 'failed' else 'pending' end,
		                           next_at = v_now, lease_until = null
		 where x.id = m.id;
		perform phone_record(m, 'lost', null, 'the watcher that claimed it did not report', null);
	end loop;
	for m in select * from phone_messages x
	          where x.state = 'pending' and x.created_at < v_now - make_interval(secs => p_max_age_s)
	          order by x.id for update skip locked loop
		update phone_messages x set state = 'expired' where x.id = m.id;
		perform phone_record(m, 'expired', null, null, null);
	end loop;
	return query
	with due as (
		select x.id from phone_messages x
		 where x.state = 'pending' and x.next_at <= v_now
		 order by x.next_at, x.id
		 limit greatest(p_limit, 0)
		   for update skip locked),
	claimed as (
		update phone_messages x
		   set state = 'sending', attempts = x.attempts + 1, claimed_by = session_user,
		       lease_until = v_now + make_interval(secs => greatest(p_lease_s, 1))
		  from due where x.id = due.id
		returning x.*)
	select k.id, k.attempts, k.recipient, o.mobile, k.kind, c.ref,
	       concat_ws(' ', c.category, g.name_vi), c.address, c.deadline_at, v_now
	  from claimed k join cases c on c.id = k.case_id join officers o on o.login = k.recipient
	  left join categories g on g.code = c.category
	 order by k.id;
end $$;

-- The outcome of attempt p_attempt of message p_id: sent (p_ok), or failed
-- with a retry in p_retry_s seconds, or given up (p_retry_s NULL).  WD003
-- when the claim was lost meanwhile (its lease ran out and another
-- watcher took it): that watcher reports.  Returns the outcome recorded.
create or replace function wardesk.phone_result(p_id bigint, p_attempt int, p_ok boolean,
                                                p_exit int, p_error text, p_retry_s int)
returns text
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	m phone_messages;
	v_out text;
	v_next timestamptz;
begin
	perform phone_require();
	select * into m from phone_messages x where x.id = p_id for update;
	if not found or m.state <> 'sending' or m.attempts <> p_attempt then
		raise exception 'phone message % attempt % is no longer claimed', p_id, p_attempt
			using errcode = 'WD325',
			      detail = json_build_object('id', p_id::text, 'attempt', p_attempt::text)::text;
	end if;
	if p_ok then
		v_out := 'sent';
	elsif p_retry_s is null then
		v_out := 'gave_up';
	else
		v_out := 'failed';
		v_next := wardesk.action_now() + make_interval(secs => greatest(p_retry_s, 0));
	end if;
	update phone_messages x
	   set state = case v_out when 'sent' then 'sent' when 'gave_up' then 'failed' else 'pending' end,
	       next_at = coalesce(v_next, x.next_at), lease_until = null
	 where x.id = m.id;
	perform phone_record(m, v_out, p_exit, case when p_ok then null else p_error end, v_next);
	return v_out;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function
	wardesk.mobile_canon(text), wardesk.officer_mobile_set(text, text), wardesk.officer_mobiles(),
	wardesk.phone_kinds(int), wardesk.tg_alerts_phone(), wardesk.phone_require(),
	wardesk.phone_record(wardesk.phone_messages, text, int, text, timestamptz),
	wardesk.phone_claim(int, int, int, int), wardesk.phone_result(bigint, int, boolean, int, text, int)
from public;
grant execute on function
	wardesk.mobile_canon(text), wardesk.officer_mobile_set(text, text), wardesk.officer_mobiles()
to wardesk_staff;
grant execute on function
	wardesk.phone_claim(int, int, int, int), wardesk.phone_result(bigint, int, boolean, int, text, int)
to wardesk_phone;

reset role;
