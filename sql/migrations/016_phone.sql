-- 016_phone.sql - the chair's phone (issue 15): officers.mobile, the phone
-- messages `wardesk watch` hands to an SMS command and every attempt at
-- sending one, the desk setting phone_kinds and the group wardesk_phone.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables,
-- columns, grants and data, as a superuser inside db init's transaction.
-- The code: sql/code/55_phone.sql (enqueue on every alert, claim, result,
-- officer_mobile_set); officer_add takes the mobile too (60_roles.sql), so
-- its 4-argument form is dropped here; the ward_isolation policies of the
-- two new tables are in 90_policies.sql.
--
-- Who reads a mobile number: the officer themself, the chairs of their
-- ward, the administrator and the phone watcher (wardesk_phone), each
-- through SECURITY DEFINER functions.  Staff keep SELECT on every other
-- column of officers, not on mobile (as 009 did for wards.next_seq): a
-- hotline login cannot list its colleagues' numbers from psql.
--
-- "At most one message per case and step" is a unique key: one message per
-- alert (alert_id), and one per case, alert kind, recipient and life of the
-- case (cycle: the number of times it was reopened before the alert), so
-- a second 'overdue' alert of the same case (a chair escalating by hand to
-- level 2, then the sweep marking it overdue) sends nothing more.  Every
-- attempt is a row of phone_attempts and a case event 'phone' (the case's
-- history, hash-chained like every event; 55_phone.sql).

set role wardesk_owner;

alter table wardesk.officers
	add column mobile text check (mobile ~ '^0[35789][0-9]{8}$');

-- every column but mobile stays readable by staff (row-level security keeps
-- them to their ward)
revoke select on wardesk.officers from wardesk_staff;
grant select (login, full_name, role, ward_id, active, created_at) on wardesk.officers to wardesk_staff;

insert into wardesk.settings(key, value, description) values
	('phone_kinds', 'escalation,overdue,urgent',
	 'alert kinds sent to the recipient''s mobile by wardesk watch (comma-separated)')
on conflict (key) do nothing;

create table wardesk.phone_messages (
	id bigint generated always as identity primary key,
	alert_id bigint not null unique references wardesk.alerts(id),
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),
	kind text not null,
	recipient text not null references wardesk.officers(login),
	cycle int not null default 0,
	-- pending: waiting for its (next) attempt at next_at; sending: claimed by
	-- a watcher until lease_until; sent; failed (given up); expired (too old
	-- when a watcher first saw it)
	state text not null default 'pending'
		check (state in ('pending', 'sending', 'sent', 'failed', 'expired')),
	attempts int not null default 0 check (attempts >= 0),
	next_at timestamptz not null default wardesk.now(),
	lease_until timestamptz,
	claimed_by text,
	created_at timestamptz not null default wardesk.now(),
	constraint phone_messages_one_per_step unique (case_id, kind, recipient, cycle),
	constraint phone_messages_next_at_finite check (isfinite(next_at)),
	constraint phone_messages_lease_until_finite check (isfinite(lease_until)),
	constraint phone_messages_created_at_finite check (isfinite(created_at))
);
create index phone_messages_due on wardesk.phone_messages(next_at) where state in ('pending', 'sending');

create table wardesk.phone_attempts (
	id bigint generated always as identity primary key,
	message_id bigint not null references wardesk.phone_messages(id),
	ward_id int not null references wardesk.wards(id),
	attempt int not null check (attempt >= 0),
	at timestamptz not null default wardesk.now(),
	by text not null default session_user,
	-- sent: the command exited 0; failed: it did not (a retry follows at
	-- next_at); gave_up: it did not and no retry follows; lost: the watcher
	-- that claimed it never reported; expired: too old to send
	outcome text not null check (outcome in ('sent', 'failed', 'gave_up', 'lost', 'expired')),
	exit_status int,
	error text check (length(error) <= 500),
	next_at timestamptz,
	constraint phone_attempts_at_finite check (isfinite(at)),
	constraint phone_attempts_next_at_finite check (isfinite(next_at))
);
create index on wardesk.phone_attempts(message_id, id);

alter table wardesk.phone_messages enable row level security;
alter table wardesk.phone_messages force row level security;
alter table wardesk.phone_attempts enable row level security;
alter table wardesk.phone_attempts force row level security;

reset role;

-- officer_add(login, name, role, ward) becomes officer_add(..., mobile)
-- (60_roles.sql makes the new one)
drop function if exists wardesk.officer_add(text, text, text, text);

-- The phone watcher's group: members may claim messages and read the number
-- of a message they claimed (55_phone.sql).  A superuser may too.
do $$
begin
	if not exists (select from pg_roles where rolname = 'wardesk_phone') then
		create role wardesk_phone nologin;
	end if;
end $$;
grant usage on schema wardesk to wardesk_phone;
