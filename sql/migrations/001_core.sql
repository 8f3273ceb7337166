-- 001_core.sql - the wardesk case store: roles, the schema, the core tables
-- (wards, officers, categories, cases, case_events) and the category seed.
--
-- A versioned migration: applied once by `wardesk db init` (recorded in
-- wardesk.schema_migrations), as a superuser, inside the one transaction db
-- init opens (no BEGIN/COMMIT here), and never edited once released.  Tables,
-- columns, constraints, indexes, roles, grants on tables and data changes
-- only: functions, views, triggers and policies live in sql/code/, which db
-- init applies after the migrations (see sql/README.md).  Every object is
-- owned by wardesk_owner and default privileges are set so that tables/views
-- it adds later are readable by wardesk_staff and its functions are not
-- executable by PUBLIC.
--
-- The code acting on these tables: sql/code/20_common.sql (helpers),
-- 25_audit.sql (NFC, audit, append-only events), 30_cases.sql (the state
-- machine and case actions), 40_intake.sql (report), 60_roles.sql
-- (ward_add, officer_add, whoami), 15_views.sql (case_list, officer_list).

do $$
begin
	if current_setting('server_encoding') <> 'UTF8' then
		raise exception 'wardesk needs a UTF8 database (this one is %)', current_setting('server_encoding')
			using hint = 'createdb -E UTF8 -T template0 ...';
	end if;
end $$;

create schema if not exists wardesk;
create table if not exists wardesk.schema_migrations(
	version int primary key,
	name text not null,
	applied_at timestamptz not null default now()
);

-- ---------------------------------------------------------------------------
-- Roles (cluster-global: idempotent)
-- ---------------------------------------------------------------------------
do $$
declare
	r text;
begin
	if not exists (select from pg_roles where rolname = 'wardesk_owner') then
		create role wardesk_owner nologin createrole;
	end if;
	-- never superuser (issue 6 forces row-level security on it), never a login
	alter role wardesk_owner nologin nosuperuser createrole nocreatedb noreplication nobypassrls;
	foreach r in array array['wardesk_staff', 'wardesk_hotline', 'wardesk_officer', 'wardesk_chair'] loop
		if not exists (select from pg_roles where rolname = r) then
			execute format('create role %I nologin', r);
		end if;
	end loop;
end $$;

-- Group memberships (checked first: re-granting is noisy).  officer_add
-- (running as wardesk_owner) grants the desk groups to new logins; ADMIN OPTION
-- keeps that working on PostgreSQL 16+ as well.
do $$
declare
	g text;
begin
	foreach g in array array['wardesk_hotline', 'wardesk_officer', 'wardesk_chair'] loop
		if not exists (select from pg_auth_members
		                where roleid = 'wardesk_staff'::regrole and member = g::regrole) then
			execute format('grant wardesk_staff to %I', g);
		end if;
		if not exists (select from pg_auth_members
		                where roleid = g::regrole and member = 'wardesk_owner'::regrole and admin_option) then
			execute format('grant %I to wardesk_owner with admin option', g);
		end if;
	end loop;
end $$;

alter schema wardesk owner to wardesk_owner;
alter table wardesk.schema_migrations owner to wardesk_owner;
revoke all on schema wardesk from public;
grant usage on schema wardesk to wardesk_staff;

-- Defaults for everything wardesk_owner creates from now on (this and later
-- migrations): staff may read tables/views/sequences, nobody else may run
-- functions unless granted.
alter default privileges for role wardesk_owner in schema wardesk
	grant select on tables to wardesk_staff;
alter default privileges for role wardesk_owner
	revoke execute on functions from public;

-- The tables below use wardesk.now() as a column default, so the clock is
-- made here, before them (db init applies the named code file at this line,
-- and again, like every code file, after the migrations).
-- @apply code/10_clock.sql

-- Everything below is created by (hence owned by) wardesk_owner.
set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------
create table wardesk.wards (
	id int generated always as identity primary key,
	code text not null unique check (code ~ '^[A-Z]{1,8}$'),
	name text not null check (name ~ '[^[:space:]]'),
	next_seq int not null default 1 check (next_seq > 0),
	created_at timestamptz not null default wardesk.now()
);

create table wardesk.officers (
	login text primary key check (login ~ '^[a-z_][a-z0-9_.-]{0,62}$'),
	full_name text not null check (full_name ~ '[^[:space:]]'),
	role text not null check (role in ('hotline', 'officer', 'chair')),
	ward_id int not null references wardesk.wards(id),
	active boolean not null default true,
	created_at timestamptz not null default wardesk.now()
);
create index on wardesk.officers(ward_id);

create table wardesk.categories (
	code text primary key check (code ~ '^[A-Z][A-Z0-9_]{0,15}$'),
	name_vi text not null,
	name_en text not null,
	deadline_min int not null default 120 check (deadline_min > 0),
	warn_min int not null default 30 check (warn_min >= 0),
	escalate_min int not null default 15 check (escalate_min >= 0),
	sort int not null default 0,
	active boolean not null default true,
	check (escalate_min <= warn_min and warn_min < deadline_min)
);

create table wardesk.cases (
	id bigint generated always as identity primary key,
	ward_id int not null references wardesk.wards(id),
	ref text not null unique check (ref ~ '^[A-Z]{1,8}-[1-9][0-9]*$'),
	channel text not null check (channel in ('app', 'hotline', 'walkin', 'import')),
	external_id text unique check (external_id ~ '[^[:space:]]'),
	category text not null references wardesk.categories(code),
	description text not null check (description ~ '[^[:space:]]'),
	address text,
	lat double precision check (lat between -90 and 90),
	lon double precision check (lon between -180 and 180),
	reporter_name text,
	reporter_phone text check (reporter_phone ~ '^0[0-9]{9,10}$'),
	hotline_line text check (hotline_line in ('police', 'committee')),
	callback_wanted boolean not null default false,
	media_urls text[] not null default '{}',
	received_at timestamptz not null default wardesk.now(),
	deadline_at timestamptz not null,
	state text not null default 'new'
		check (state in ('new', 'in_progress', 'resolved', 'reopened')),
	owner text references wardesk.officers(login),
	escalation smallint not null default 0 check (escalation between 0 and 2),
	resolution_note text,
	close_reason text check (close_reason in ('done', 'transferred', 'not_ours', 'duplicate')),
	duplicate_of bigint references wardesk.cases(id),
	closed_at timestamptz,
	rating smallint check (rating between 1 and 5),
	rating_comment text,
	version int not null default 1 check (version > 0),
	created_at timestamptz not null default wardesk.now(),
	updated_at timestamptz not null default wardesk.now(),

	constraint cases_coords_both check ((lat is null) = (lon is null)),
	constraint cases_deadline_after_receipt check (deadline_at >= received_at),
	-- resolved <=> closed_at, a non-blank note and a reason are all set
	constraint cases_resolved_complete check (
		(state = 'resolved') = (closed_at is not null
		                        and close_reason is not null
		                        and resolution_note is not null
		                        and resolution_note ~ '[^[:space:]]')),
	-- duplicate <=> duplicate_of set (and not itself)
	constraint cases_duplicate_of check (
		(close_reason is not distinct from 'duplicate') = (duplicate_of is not null)
		and duplicate_of is distinct from id),
	constraint cases_in_progress_owned check (state <> 'in_progress' or owner is not null),
	constraint cases_unowned_when_open check (state not in ('new', 'reopened') or owner is null)
);
create index on wardesk.cases(ward_id, state);
create index on wardesk.cases(owner) where owner is not null;
create index on wardesk.cases(deadline_at) where state <> 'resolved';
create index on wardesk.cases(closed_at) where closed_at is not null;

create table wardesk.case_events (
	id bigint generated always as identity primary key,
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),
	at timestamptz not null default wardesk.now(),      -- desk clock (wardesk.now())
	recorded_at timestamptz not null default clock_timestamp(),  -- real server time
	actor text not null,                                -- session_user
	action text not null,
	version int not null,                               -- case version after the change
	old jsonb,
	new jsonb,
	note text
);
create index on wardesk.case_events(case_id, id);
create index on wardesk.case_events(at);

-- ---------------------------------------------------------------------------
-- Categories (seed; later migrations and chairs may edit)
-- ---------------------------------------------------------------------------
insert into wardesk.categories(code, name_vi, name_en, sort) values
	('TTDT', 'Trật tự đô thị', 'Urban order', 10),
	('MT',   'Môi trường', 'Environment', 20),
	('ANTT', 'An ninh trật tự', 'Security and order', 30),
	('ATGT', 'An toàn giao thông', 'Traffic safety', 40),
	('HT',   'Hạ tầng', 'Infrastructure', 50),
	('CX',   'Cây xanh', 'Trees', 60),
	('KHAC', 'Khác', 'Other', 90)
on conflict (code) do nothing;

-- belt and braces: not even the owner holds these privileges (UPDATE stays:
-- foreign-key checks lock rows FOR KEY SHARE, which needs it; the trigger
-- t00_append_only of 25_audit.sql refuses it)
revoke delete, truncate on wardesk.case_events from wardesk_owner;

-- ---------------------------------------------------------------------------
-- Privileges on tables (on functions: sql/code/)
-- ---------------------------------------------------------------------------
revoke all on all tables in schema wardesk from public;
grant select on all tables in schema wardesk to wardesk_staff;

reset role;
