-- 002_intake.sql - intake: the service code map of the citizen-app feed
-- (Open311 GeoReport v2), the cases' flags and service code, extra reporters
-- (case_reporters), the unaccent extension for address matching.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables and
-- data only, as a superuser inside db init's transaction.  Everything but
-- the unaccent extension is created by (owned by) wardesk_owner.  The code:
-- sql/code/40_intake.sql (see sql/API.md, "Intake").

-- unaccent (postgresql-contrib) for address matching; reuse it wherever it
-- already lives in this database.
do $$
begin
	if not exists (select from pg_extension where extname = 'unaccent') then
		create extension unaccent schema wardesk;
	end if;
end $$;

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Tables and columns
-- ---------------------------------------------------------------------------

-- The app's service_code -> our category.  The row '*' is the default for
-- codes not listed (such cases are flagged).  Chairs edit it with
-- wardesk.service_code_set().
create table wardesk.service_code_map (
	service_code text primary key check (service_code = '*' or service_code ~ '^[A-Z0-9_.-]{1,32}$'),
	category text not null references wardesk.categories(code)
);
insert into wardesk.service_code_map(service_code, category) values
	('TTDT', 'TTDT'), ('MT', 'MT'), ('ANTT', 'ANTT'), ('ATGT', 'ATGT'), ('HT', 'HT'), ('CX', 'CX'),
	('*', 'KHAC');

-- flags: what intake noticed, e.g. {unknown_service_code:XYZ, likely_duplicate:BT-3}.
-- service_code: the app's code as received (export gives it back).
alter table wardesk.cases
	add column flags text[] not null default '{}',
	add column service_code text;

-- Other people who reported the same case: reporters of cases merged into it
-- (the duplicate's own row stays, closed as a duplicate) and repeat callers
-- linked to it by the hotline.
create table wardesk.case_reporters (
	id bigint generated always as identity primary key,
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),   -- the case's (for row-level security)
	from_case_id bigint references wardesk.cases(id),   -- the merged duplicate, if any
	channel text,
	external_id text,
	reporter_name text,
	reporter_phone text check (reporter_phone ~ '^0[0-9]{9,10}$'),
	note text,
	added_at timestamptz not null default wardesk.now(),
	added_by text not null default session_user
);
create index on wardesk.case_reporters(case_id);
create index on wardesk.case_reporters(reporter_phone) where reporter_phone is not null;

create index on wardesk.cases(ward_id, category, received_at);
create index on wardesk.cases(reporter_phone) where reporter_phone is not null;

reset role;
