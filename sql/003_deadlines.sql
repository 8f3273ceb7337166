-- 003_deadlines.sql - deadlines, the escalation chain, alerts, late closing.
--
-- Applied by `wardesk db init` as a superuser inside one transaction, after
-- 001 (and 002).  Does not depend on 002.  See sql/API.md ("Deadlines and
-- escalation") for the contract.
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
-- sweeper at a time (pg_try_advisory_xact_lock) and conditional updates on
-- locked rows.  Every step is an UPDATE of the case, so the cases trigger
-- audits it (case_events.action = the step) and NOTIFYs wardesk_case; every
-- alert is a row of wardesk.alerts and a NOTIFY on wardesk_alert.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Clock: the offset lives in a one-row table only a superuser may change
-- (001 read it from a setting any session could set).
-- ---------------------------------------------------------------------------
create table wardesk.test_clock (
	one boolean primary key default true check (one),
	clock_offset interval not null default interval '0'
);
insert into wardesk.test_clock default values;
-- readable by staff (default privileges); not even the owner may write it
revoke insert, update, delete, truncate on wardesk.test_clock from wardesk_owner;

create or replace function wardesk.now() returns timestamptz
language sql stable parallel safe
set search_path = wardesk, pg_temp
as $$
	select pg_catalog.now()
	       operator(pg_catalog.+) coalesce((select t.clock_offset from wardesk.test_clock t), interval '0')
$$;

-- ---------------------------------------------------------------------------
-- Settings, delay reasons
-- ---------------------------------------------------------------------------
create table wardesk.settings (
	key text primary key check (key ~ '^[a-z][a-z0-9_]*$'),
	value text not null,
	description text not null default '',
	updated_at timestamptz not null default wardesk.now(),
	updated_by text
);
create trigger t10_nfc before insert or update on wardesk.settings
	for each row execute function wardesk.tg_nfc();

insert into wardesk.settings(key, value, description) values
	('remind_min', '10', 'minutes between reminders of an unacknowledged escalation'),
	('unowned_grace_min', '10', 'minutes a warned case may stay unowned before it escalates'),
	('apology_template',
	 E'Kính gửi {name},\n'
	 'UBND {ward} xin lỗi ông/bà vì phản ánh {ref} tiếp nhận lúc {received} '
	 'đã được xử lý chậm so với thời hạn ({deadline}).\n'
	 'Rất mong ông/bà thông cảm và tiếp tục đồng hành cùng phường.',
	 'apology note offered when closing a late case; placeholders {ref} {received} {deadline} '
	 '{closed} {name} {address} {category} {ward} {result}')
on conflict (key) do nothing;

create table wardesk.delay_reasons (
	code text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,15}$'),
	name_vi text not null check (name_vi ~ '[^[:space:]]'),
	name_en text not null check (name_en ~ '[^[:space:]]'),
	sort int not null default 0,
	active boolean not null default true
);
create trigger t10_nfc before insert or update on wardesk.delay_reasons
	for each row execute function wardesk.tg_nfc();
insert into wardesk.delay_reasons(code, name_vi, name_en, sort) values
	('STAFF',    'Thiếu cán bộ trực', 'Not enough staff on duty', 10),
	('BUSY',     'Nhiều vụ việc cùng lúc', 'Too many cases at once', 20),
	('FIELD',    'Chờ đơn vị chức năng xử lý tại hiện trường', 'Waiting for the field unit', 30),
	('AGENCY',   'Cần phối hợp với cơ quan khác', 'Another agency had to act', 40),
	('REPORTER', 'Không liên lạc được người phản ánh', 'Could not reach the reporter', 50),
	('VERIFY',   'Vụ việc phức tạp, cần xác minh thêm', 'Complex case, needed checking', 60),
	('WEATHER',  'Thời tiết, ngập nước', 'Weather or flooding', 70),
	('OTHER',    'Lý do khác', 'Other reason', 90)
on conflict (code) do nothing;

create function wardesk.setting_int(p_key text, p_default int) returns int
language sql stable
set search_path = wardesk, pg_temp
as $$ select coalesce((select value::int from settings where key = p_key), p_default) $$;

-- ---------------------------------------------------------------------------
-- Cases: the chain's columns.  case_list copies cases.* at creation, so it is
-- dropped here and made again below, as 001 made it.
-- ---------------------------------------------------------------------------
drop view wardesk.case_list;

alter table wardesk.cases
	add column warned_at timestamptz,
	add column escalated_at timestamptz,
	add column overdue_at timestamptz,
	add column ack_by text references wardesk.officers(login),
	add column ack_at timestamptz,
	add column last_alert_at timestamptz,
	add column delay_reason text references wardesk.delay_reasons(code),
	add column apology_note text,
	add constraint cases_ack_both check ((ack_by is null) = (ack_at is null));

-- Sweep candidates: open cases by deadline (001 has that index); the chain
-- columns need no index of their own.

-- Chain bookkeeping for every writer (the sweep, escalate/deescalate/reopen
-- of any migration, psql): reopening restarts the chain (the old values stay
-- in the audit event); a higher escalation level stamps escalated_at (once:
-- a case a chair de-escalated is not escalated again automatically, only
-- marked overdue) and last_alert_at, and needs a new acknowledgement.
create function wardesk.tg_cases_chain() returns trigger
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
		new.escalated_at := coalesce(new.escalated_at, wardesk.now());
		new.last_alert_at := wardesk.now();
		new.ack_by := null;
		new.ack_at := null;
	end if;
	return new;
end $$;
create trigger t25_chain before update on wardesk.cases
	for each row execute function wardesk.tg_cases_chain();

create view wardesk.case_list with (security_invoker = true) as
select c.*,
       k.name_vi as category_vi,
       k.name_en as category_en,
       k.deadline_min, k.warn_min, k.escalate_min,
       o.full_name as owner_name,
       w.code as ward_code,
       d.ref as duplicate_of_ref,
       -- (select wardesk.now()): evaluated once per query, not per row
       case when c.state = 'resolved' then null
            when c.deadline_at <= (select wardesk.now()) then 'overdue'
            when c.deadline_at <= (select wardesk.now()) + make_interval(mins => k.escalate_min) then 'critical'
            when c.deadline_at <= (select wardesk.now()) + make_interval(mins => k.warn_min) then 'warn'
            else 'ok' end as due,
       case when c.state = 'resolved' then c.closed_at > c.deadline_at end as late
  from wardesk.cases c
  join wardesk.categories k on k.code = c.category
  join wardesk.wards w on w.id = c.ward_id
  left join wardesk.officers o on o.login = c.owner
  left join wardesk.cases d on d.id = c.duplicate_of;
grant select on wardesk.case_list to wardesk_staff;

-- ---------------------------------------------------------------------------
-- Alerts: one row per recipient; NOTIFY wardesk_alert {"id","case","kind","to"}
-- ---------------------------------------------------------------------------
create table wardesk.alerts (
	id bigint generated always as identity primary key,
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),
	kind text not null
		check (kind in ('new', 'assigned', 'warning', 'escalation', 'overdue', 'reminder')),
	recipient text not null references wardesk.officers(login),
	level smallint not null default 0,          -- the case's escalation level then
	created_at timestamptz not null default wardesk.now(),
	recorded_at timestamptz not null default clock_timestamp(),
	actor text not null default session_user,  -- who caused it (a sweeper's login too)
	delivered_at timestamptz                    -- the recipient's client showed it
);
create index on wardesk.alerts(recipient, id) where delivered_at is null;
create index on wardesk.alerts(case_id, id);

create function wardesk.tg_alerts_notify() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	perform pg_notify('wardesk_alert',
		format('{"id":%s,"case":%s,"kind":%s,"to":%s}', new.id, new.case_id,
		       to_json(new.kind), to_json(new.recipient)));
	return null;
end $$;
create trigger t90_notify after insert on wardesk.alerts
	for each row execute function wardesk.tg_alerts_notify();

-- Who gets "new case" and "warning on an unowned case" in a ward: the duty
-- officers and chairs on shift (the view wardesk.on_duty, when the shifts
-- migration made it), else every active duty officer of the ward.
create function wardesk.duty_officers(p_ward int) returns setof text
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	v text[];
begin
	if to_regclass('wardesk.on_duty') is not null then
		execute 'select array_agg(distinct d.officer order by d.officer) from wardesk.on_duty d'
		        ' join wardesk.officers o on o.login = d.officer'
		        ' where d.ward_id = $1 and o.active and o.role in (''officer'', ''chair'')'
		   into v using p_ward;
	end if;
	if v is null then
		select array_agg(login order by login) into v
		  from officers where ward_id = p_ward and active and role = 'officer';
	end if;
	return query select unnest(coalesce(v, '{}'));
end $$;

create function wardesk.ward_chairs(p_ward int) returns setof text
language sql stable
set search_path = wardesk, pg_temp
as $$ select login from officers where ward_id = p_ward and active and role = 'chair' order by login $$;

-- Insert one alert per recipient; returns the recipients.
create function wardesk.alert(p_case wardesk.cases, p_kind text, p_to text[]) returns text[]
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_to text[];
begin
	select coalesce(array_agg(distinct r order by r), '{}') into v_to
	  from unnest(p_to) r where r is not null;
	insert into alerts(case_id, ward_id, kind, recipient, level)
	select p_case.id, p_case.ward_id, p_kind, r, p_case.escalation from unnest(v_to) r;
	return v_to;
end $$;

-- New case -> the officers on duty (not the one who recorded it);
-- owner changed to someone else -> that officer ("assigned"); a higher
-- escalation level set by anything but the sweep (which alerts by itself),
-- e.g. `escalate` -> the ward's chairs (not the one who did it).
create function wardesk.tg_cases_alerts() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
begin
	if tg_op = 'INSERT' then
		perform alert(new, 'new', array(select d from duty_officers(new.ward_id) d
		                                where d <> session_user::text));
		return null;
	end if;
	if new.owner is distinct from old.owner and new.owner is not null
	   and new.owner <> session_user::text then
		perform alert(new, 'assigned', array[new.owner]);
	end if;
	if new.escalation > old.escalation
	   and coalesce(current_setting('wardesk.action', true), '') not in ('auto-escalate', 'overdue') then
		perform alert(new, case when new.escalation >= 2 then 'overdue' else 'escalation' end,
		              array(select r from ward_chairs(new.ward_id) r where r <> session_user::text));
	end if;
	return null;
end $$;
create trigger t91_alerts after insert or update on wardesk.cases
	for each row execute function wardesk.tg_cases_alerts();

-- ---------------------------------------------------------------------------
-- The sweep
-- ---------------------------------------------------------------------------
-- One row per transition done by this call: the case, the step ('warn',
-- 'auto-escalate', 'overdue', 'remind'), the escalation level after it and
-- who was alerted.  Returns nothing when another sweeper is at work (it does
-- the same steps).
create function wardesk.sweep()
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
begin
	-- one sweeper per ward of the caller (all wards: 0, a superuser)
	if not pg_try_advisory_xact_lock(hashtext('wardesk.sweep'),
	                                 coalesce((select ward_id from officers where login = session_user::text), 0)) then
		return;
	end if;
	at := v_now;
	-- open cases with something due, oldest deadline first; a row another
	-- transaction holds is left for the next sweep
	for c in
		select x.* from cases x join categories k on k.code = x.category
		 where x.state <> 'resolved'
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

-- ---------------------------------------------------------------------------
-- Actions
-- ---------------------------------------------------------------------------

-- Acknowledge: the owner (or a chair) acknowledges a warning, which stops the
-- automatic escalation; a chair acknowledges an escalation, which stops the
-- reminders (an overdue case needs a new acknowledgement).
create function wardesk.ack(p_ref text, p_seen int default null) returns wardesk.cases
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
			using errcode = 'WD003', detail = 'ack_by=' || c.ack_by;
	end if;
	if c.escalation >= 1 then
		if o.role <> 'chair' then
			raise exception '% is escalated to the ward chair; only a chair can acknowledge it', c.ref
				using errcode = 'WD006';
		end if;
	elsif c.warned_at is null then
		raise exception '% has no warning or escalation to acknowledge', c.ref using errcode = 'WD003';
	elsif o.role <> 'chair' then
		if c.owner is null then
			raise exception '% has no owner; take it instead', c.ref using errcode = 'WD003';
		elsif c.owner <> o.login then
			raise exception '% is held by %; only the holder or the ward chair can acknowledge it',
				c.ref, holder_text(c.owner)
				using errcode = 'WD001', detail = 'holder=' || c.owner;
		end if;
	end if;
	perform check_seen(c, p_seen);
	perform set_action('ack', null);
	update cases set ack_by = o.login, ack_at = wardesk.now() where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- close with a delay reason (6th) and an apology note (7th) for a late case.
drop function wardesk.close(text, int, text, text, text);
create function wardesk.close(
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
	v_apology text := nullif(btrim(p_apology), '');
	v_late boolean;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'close cases');
	if c.state = 'resolved' then
		raise exception '% is already resolved', c.ref using errcode = 'WD003';
	elsif c.state <> 'in_progress' then
		raise exception '% is %; take it before closing it', c.ref,
			case c.state when 'new' then 'new' else 'reopened' end
			using errcode = 'WD003';
	end if;
	if o.role <> 'chair' and c.owner <> o.login then
		raise exception '% is held by %; only the holder or the ward chair can close it',
			c.ref, holder_text(c.owner)
			using errcode = 'WD006', detail = 'holder=' || c.owner;
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a resolution note is required to close %', c.ref using errcode = 'WD005';
	end if;
	if v_reason not in ('done', 'transferred', 'not_ours', 'duplicate') then
		raise exception 'unknown closing reason % (done, transferred, not_ours, duplicate)', p_reason
			using errcode = 'WD005';
	end if;
	if v_reason = 'duplicate' then
		if is_blank(p_duplicate_of) then
			raise exception 'say which case % duplicates', c.ref using errcode = 'WD005';
		end if;
		select * into d from cases where ref = canon_ref(p_duplicate_of, c.ward_id) and ward_id = c.ward_id;
		if not found then
			raise exception 'no case % to be a duplicate of', p_duplicate_of using errcode = 'WD005';
		end if;
		if d.id = c.id then
			raise exception '% cannot be a duplicate of itself', c.ref using errcode = 'WD005';
		end if;
	elsif not is_blank(p_duplicate_of) then
		raise exception 'a duplicate case is given but the reason is %', v_reason using errcode = 'WD005';
	end if;
	v_late := wardesk.now() > c.deadline_at;
	if v_late and v_delay is null then
		raise exception '% is overdue: give a delay reason', c.ref using errcode = 'WD005',
			hint = (select 'delay reasons: ' || string_agg(code, ', ' order by sort)
			          from delay_reasons where active);
	end if;
	if not v_late and (v_delay is not null or v_apology is not null) then
		raise exception '% is not overdue: a delay reason or apology is only for a late case', c.ref
			using errcode = 'WD005';
	end if;
	if v_delay is not null and not exists (select from delay_reasons where code = v_delay and active) then
		raise exception 'unknown delay reason %', p_delay_reason using errcode = 'WD005',
			hint = (select 'delay reasons: ' || string_agg(code, ', ' order by sort)
			          from delay_reasons where active);
	end if;
	perform set_action('close', btrim(p_note));
	update cases
	   set state = 'resolved', resolution_note = btrim(p_note), close_reason = v_reason,
	       duplicate_of = d.id, closed_at = wardesk.now(),
	       delay_reason = v_delay, apology_note = v_apology
	 where id = c.id
	returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- The apology template filled in for a case (closing now, with p_result as
-- the resolution, if given).  Placeholders: {ref} {received} {deadline}
-- {closed} {name} {address} {category} {ward} {result}.
create function wardesk.apology_text(p_ref text, p_result text default null) returns text
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	t text := (select value from settings where key = 'apology_template');
	v_ref text;
	fmt constant text := 'HH24:MI "ngày" DD/MM/YYYY';
begin
	if o.login is null then
		o := require_officer(array['hotline', 'officer', 'chair'], 'read cases');
	end if;
	v_ref := canon_ref(p_ref, o.ward_id);
	select * into c from cases where ref = v_ref and ward_id = o.ward_id;
	if not found then
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)') using errcode = 'WD004';
	end if;
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

-- Category deadlines and thresholds (minutes); NULL keeps a value.  Chairs
-- only.  Existing cases keep their deadline; the thresholds apply at once.
create function wardesk.category_set(p_code text, p_deadline int default null, p_warn int default null,
                                     p_escalate int default null) returns wardesk.categories
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	k categories;
begin
	perform require_officer(array['chair'], 'change category deadlines');
	select * into k from categories where code = upper(btrim(p_code)) for update;
	if not found then
		raise exception 'unknown category %', coalesce(p_code, '(none)') using errcode = 'WD005',
			hint = (select 'categories: ' || string_agg(code, ', ' order by sort) from categories);
	end if;
	k.deadline_min := coalesce(p_deadline, k.deadline_min);
	k.warn_min := coalesce(p_warn, k.warn_min);
	k.escalate_min := coalesce(p_escalate, k.escalate_min);
	if k.deadline_min < 1 or k.deadline_min > 60 * 24 * 60 or k.warn_min < 0 or k.escalate_min < 0
	   or not (k.escalate_min <= k.warn_min and k.warn_min < k.deadline_min) then
		raise exception 'category %: need 0 <= escalate (%) <= warn (%) < deadline (%) minutes',
			k.code, k.escalate_min, k.warn_min, k.deadline_min using errcode = 'WD005';
	end if;
	update categories set deadline_min = k.deadline_min, warn_min = k.warn_min,
	                      escalate_min = k.escalate_min
	 where code = k.code returning * into k;
	return k;
end $$;

-- Settings: chairs only; known keys; integers checked.
create function wardesk.setting_set(p_key text, p_value text) returns wardesk.settings
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	s settings;
	v_key text := lower(btrim(p_key));
begin
	o := require_officer(array['chair'], 'change settings');
	select * into s from settings where key = v_key for update;
	if not found then
		raise exception 'unknown setting %', coalesce(p_key, '(none)') using errcode = 'WD005',
			hint = (select 'settings: ' || string_agg(key, ', ' order by key) from settings);
	end if;
	if is_blank(p_value) then
		raise exception 'setting % needs a value', v_key using errcode = 'WD005';
	end if;
	if v_key in ('remind_min', 'unowned_grace_min')
	   and (btrim(p_value) !~ '^[0-9]{1,5}$' or btrim(p_value)::int > 1440
	        or (v_key = 'remind_min' and btrim(p_value)::int < 1)) then
		raise exception 'setting % is a number of minutes (%..1440)', v_key,
			case v_key when 'remind_min' then 1 else 0 end using errcode = 'WD005';
	end if;
	update settings set value = case when v_key = 'apology_template' then p_value else btrim(p_value) end,
	                    updated_at = wardesk.now(), updated_by = o.login
	 where key = v_key returning * into s;
	return s;
end $$;

-- The caller's client showed these alerts (only the caller's own are marked).
create function wardesk.alerts_delivered(p_ids bigint[]) returns int
language sql security definer
set search_path = wardesk, pg_temp
as $$
	with u as (
		update alerts set delivered_at = wardesk.now()
		 where id = any (p_ids) and recipient = session_user::text and delivered_at is null
		returning 1)
	select count(*)::int from u
$$;

-- Cases escalated before this migration count as alerted at their last change.
do $$
begin
	if exists (select from wardesk.cases where escalation >= 1 and state <> 'resolved') then
		perform set_config('wardesk.action', 'migrate', true);
		update wardesk.cases set escalated_at = updated_at, last_alert_at = updated_at
		 where escalation >= 1 and state <> 'resolved';
		perform set_config('wardesk.action', '', true);
	end if;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------
revoke all on function
	wardesk.setting_int(text, int), wardesk.duty_officers(int), wardesk.ward_chairs(int),
	wardesk.alert(wardesk.cases, text, text[]), wardesk.sweep(), wardesk.ack(text, int),
	wardesk.close(text, int, text, text, text, text, text), wardesk.apology_text(text, text),
	wardesk.category_set(text, int, int, int), wardesk.setting_set(text, text),
	wardesk.alerts_delivered(bigint[])
from public;
grant execute on function
	wardesk.sweep(),
	wardesk.ack(text, int),
	wardesk.close(text, int, text, text, text, text, text),
	wardesk.apology_text(text, text),
	wardesk.category_set(text, int, int, int),
	wardesk.setting_set(text, text),
	wardesk.alerts_delivered(bigint[])
to wardesk_staff;

reset role;
