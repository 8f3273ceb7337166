-- 009_ward_scope.sql - what belongs to one ward stays with it (issue 13,
-- items 4 and 10): per-ward category thresholds and desk settings over the
-- city-wide defaults, the secret of each ward's NOTIFY channels, and the
-- wards' case counters hidden from staff.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables, grants
-- and data only, as a superuser inside db init's transaction.  The code:
-- sql/code/12_ward_scope.sql (the lookups category_limits, ward_setting,
-- setting_int; ward_channel; a new ward's channel secret), 50_deadlines.sql
-- (category_set, setting_set, the sweep, apology_text), 40_intake.sql
-- (report, the service code map), 15_views.sql (category_list, setting_list,
-- case_list), 90_policies.sql (my_channels and the ward_isolation policies
-- of the three tables below), 60_roles.sql (ward_add, officer_add).
--
-- Before: categories, settings and the service code map were one set for
-- the whole city and every chair changed them for every ward; NOTIFY went to
-- the fixed channels wardesk_case / wardesk_alert / wardesk_shift, which any
-- login may LISTEN to (PostgreSQL has no privilege for LISTEN), so every
-- login heard every ward's case ids and officer logins; wards.next_seq showed
-- every ward's case count.  Now:
--   categories, settings   the city-wide defaults (the administrator, a
--                          superuser, sets them)
--   category_ward          a ward's own thresholds for a category (its chair
--                          sets them), all three together
--   setting_ward           a ward's own value of a setting (its chair)
--   ward_channels          each ward's secret channel token: owner-only; a
--                          ward's officers learn their channel names from
--                          wardesk.my_channels() (SECURITY DEFINER)
--   wards                  staff read id, code, name, created_at; not next_seq
-- The service code map stays city-wide and becomes the administrator's only
-- (sql/code/40_intake.sql), as ward_add does (60_roles.sql).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- A ward's own category thresholds and settings
-- ---------------------------------------------------------------------------
create table wardesk.category_ward (
	ward_id int not null references wardesk.wards(id),
	code text not null references wardesk.categories(code),
	deadline_min int not null check (deadline_min > 0),
	warn_min int not null check (warn_min >= 0),
	escalate_min int not null check (escalate_min >= 0),
	updated_at timestamptz not null default wardesk.now(),
	updated_by text,
	primary key (ward_id, code),
	check (escalate_min <= warn_min and warn_min < deadline_min)
);

create table wardesk.setting_ward (
	ward_id int not null references wardesk.wards(id),
	key text not null references wardesk.settings(key),
	value text not null,
	updated_at timestamptz not null default wardesk.now(),
	updated_by text,
	primary key (ward_id, key)
);

-- ---------------------------------------------------------------------------
-- Channel secrets: NOTIFY goes to wardesk_<kind>_<ward id>_<token>
-- ---------------------------------------------------------------------------
create table wardesk.ward_channels (
	ward_id int primary key references wardesk.wards(id),
	token text not null unique default replace(gen_random_uuid()::text, '-', '')
		check (token ~ '^[0-9a-f]{32}$')
);
insert into wardesk.ward_channels(ward_id) select id from wardesk.wards;
-- owner-only: read through wardesk.my_channels()
revoke all on wardesk.ward_channels from wardesk_staff;

-- Row-level security, forced, as on every table with a ward_id (the
-- policies: sql/code/90_policies.sql).  After the insert above: without a
-- policy yet, a forced table refuses its owner.
alter table wardesk.category_ward enable row level security;
alter table wardesk.category_ward force row level security;
alter table wardesk.setting_ward enable row level security;
alter table wardesk.setting_ward force row level security;
alter table wardesk.ward_channels enable row level security;
alter table wardesk.ward_channels force row level security;

-- ---------------------------------------------------------------------------
-- wards.next_seq (every ward's case count) is not for staff
-- ---------------------------------------------------------------------------
revoke select on wardesk.wards from wardesk_staff;
grant select (id, code, name, created_at) on wardesk.wards to wardesk_staff;

-- setting_int(key, default) became setting_int(ward, key, default)
-- (sql/code/12_ward_scope.sql)
drop function if exists wardesk.setting_int(text, int);

reset role;
