-- 003_deadlines.sql - deadlines and the escalation chain: the desk clock's
-- offset (test_clock), settings, delay reasons, the chain's columns of cases
-- (warned, escalated, overdue, acknowledged, last alert, delay reason,
-- apology) and the alerts table.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables and
-- data only, as a superuser inside db init's transaction, after 001 (does
-- not depend on 002).  The code: sql/code/10_clock.sql (wardesk.now() reads
-- test_clock), 50_deadlines.sql (the chain, the sweep, alerts, ack,
-- settings), 30_cases.sql (close with a delay reason); see sql/API.md
-- ("Deadlines and escalation").

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Clock: the offset lives in a one-row table only a superuser may change
-- (before 0.1.0, wardesk.now() read it from a setting any session could set).
-- ---------------------------------------------------------------------------
create table wardesk.test_clock (
	one boolean primary key default true check (one),
	clock_offset interval not null default interval '0'
);
insert into wardesk.test_clock default values;
-- readable by staff (default privileges); not even the owner may write it
revoke insert, update, delete, truncate on wardesk.test_clock from wardesk_owner;

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

-- ---------------------------------------------------------------------------
-- Cases: the chain's columns
-- ---------------------------------------------------------------------------
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

reset role;
