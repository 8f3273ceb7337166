-- 001_core.sql - the wardesk case store: roles, tables, rules, audit, API.
--
-- Applied once by `wardesk db init` (recorded in wardesk.schema_migrations),
-- as a superuser, inside one transaction opened by the caller (no BEGIN/COMMIT
-- here).  See sql/API.md for the contract.  Later migrations (002_...) extend
-- it; every object is owned by wardesk_owner and default privileges are set so
-- that tables/views they add are readable by wardesk_staff and functions are
-- not executable by PUBLIC.
--
-- Inside functions, always write wardesk.now(): with search_path
-- "wardesk, pg_temp" a bare now() resolves to pg_catalog.now().

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

-- Everything below is created by (hence owned by) wardesk_owner.
set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Clock
-- ---------------------------------------------------------------------------
-- now() shifted by the setting wardesk.clock_offset (an interval), for tests
-- and the demo seed.
create function wardesk.now() returns timestamptz
language sql stable parallel safe
set search_path = wardesk, pg_temp
as $$
	select pg_catalog.now()
	       + coalesce(nullif(pg_catalog.current_setting('wardesk.clock_offset', true), '')::interval,
	                  interval '0')
$$;

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

-- ---------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------

-- NFC for every text column of the row (text and text[]), whatever the table.
create function wardesk.tg_nfc() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	j jsonb := to_jsonb(new);
	changed jsonb := '{}';
	k text;
	v jsonb;
	s text;
	a jsonb;
begin
	for k, v in select * from jsonb_each(j) loop
		if jsonb_typeof(v) = 'string' then
			s := v #>> '{}';
			if s is not nfc normalized then
				changed := changed || jsonb_build_object(k, normalize(s, nfc));
			end if;
		elsif jsonb_typeof(v) = 'array' then
			if exists (select from jsonb_array_elements_text(v) e
			           where e is not null and e is not nfc normalized) then
				select jsonb_agg(case when e is null then null else normalize(e, nfc) end order by o)
				  into a
				  from jsonb_array_elements_text(v) with ordinality as t(e, o);
				changed := changed || jsonb_build_object(k, a);
			end if;
		end if;
	end loop;
	if changed <> '{}' then
		new := jsonb_populate_record(new, changed);
	end if;
	return new;
end $$;

-- State machine, immutable columns, version and updated_at.
create function wardesk.tg_cases_before_update() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if new.id <> old.id or new.ref <> old.ref or new.ward_id <> old.ward_id
	   or new.created_at <> old.created_at then
		raise exception '%: id, ref, ward and creation time cannot change', old.ref
			using errcode = 'WD003';
	end if;
	if new.state <> old.state or new.state = 'in_progress' then
		if not ((old.state, new.state) in (('new', 'in_progress'),
		                                   ('in_progress', 'in_progress'),
		                                   ('in_progress', 'resolved'),
		                                   ('resolved', 'reopened'),
		                                   ('reopened', 'in_progress'))) then
			raise exception '%: cannot go from % to %', old.ref, old.state, new.state
				using errcode = 'WD003';
		end if;
	end if;
	new.version := old.version + 1;
	new.updated_at := wardesk.now();
	return new;
end $$;

-- Fields that are bookkeeping, not news, in the audit diff.
create function wardesk.audit_skip() returns text[]
language sql immutable
as $$ select array['version', 'updated_at', 'created_at']::text[] $$;

-- One event row and one NOTIFY per inserted/updated case.  The action and note
-- come from the API functions (wardesk.action / wardesk.note, transaction-local);
-- a direct UPDATE from psql is audited as 'update'.
create function wardesk.tg_cases_audit() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := coalesce(nullif(current_setting('wardesk.action', true), ''), lower(tg_op));
	v_note text := nullif(current_setting('wardesk.note', true), '');
	v_old jsonb;
	v_new jsonb;
begin
	if tg_op = 'INSERT' then
		v_new := jsonb_strip_nulls(to_jsonb(new)) - audit_skip();
	else
		select jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
		  into v_old, v_new
		  from jsonb_each(to_jsonb(new)) n
		  join jsonb_each(to_jsonb(old)) o using (key)
		 where n.value is distinct from o.value
		   and n.key <> all (audit_skip());
	end if;
	insert into case_events(case_id, ward_id, actor, action, version, old, new, note)
	values (new.id, new.ward_id, session_user, v_action, new.version, v_old, v_new, v_note);
	perform pg_notify('wardesk_case',
		format('{"id":%s,"v":%s,"ward":%s,"op":%s}', new.id, new.version, new.ward_id, to_json(v_action)));
	return null;
end $$;

create function wardesk.tg_append_only() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	raise exception '%.% is append-only: % is not allowed', tg_table_schema, tg_table_name, tg_op
		using errcode = '42501';
end $$;

create trigger t10_nfc before insert or update on wardesk.wards
	for each row execute function wardesk.tg_nfc();
create trigger t10_nfc before insert or update on wardesk.officers
	for each row execute function wardesk.tg_nfc();
create trigger t10_nfc before insert or update on wardesk.categories
	for each row execute function wardesk.tg_nfc();
create trigger t10_nfc before insert or update on wardesk.cases
	for each row execute function wardesk.tg_nfc();
create trigger t10_nfc before insert on wardesk.case_events
	for each row execute function wardesk.tg_nfc();
create trigger t20_rules before update on wardesk.cases
	for each row execute function wardesk.tg_cases_before_update();
create trigger t90_audit after insert or update on wardesk.cases
	for each row execute function wardesk.tg_cases_audit();
create trigger t00_append_only before update or delete on wardesk.case_events
	for each row execute function wardesk.tg_append_only();
create trigger t00_append_only_truncate before truncate on wardesk.case_events
	for each statement execute function wardesk.tg_append_only();
-- belt and braces: not even the owner holds these privileges (UPDATE stays:
-- foreign-key checks lock rows FOR KEY SHARE, which needs it; the trigger refuses it)
revoke delete, truncate on wardesk.case_events from wardesk_owner;

-- ---------------------------------------------------------------------------
-- View
-- ---------------------------------------------------------------------------
-- security_invoker so that row-level security (issue 6) applies to the reader.
-- due: ok | warn | critical | overdue for open cases (by the category
-- thresholds and wardesk.now()), NULL when resolved.  late: resolved after the
-- deadline (NULL while open).
create view wardesk.case_list with (security_invoker = true) as
select c.*,
       k.name_vi as category_vi,
       k.name_en as category_en,
       k.deadline_min, k.warn_min, k.escalate_min,
       o.full_name as owner_name,
       w.code as ward_code,
       d.ref as duplicate_of_ref,
       case when c.state = 'resolved' then null
            when c.deadline_at <= wardesk.now() then 'overdue'
            when c.deadline_at <= wardesk.now() + make_interval(mins => k.escalate_min) then 'critical'
            when c.deadline_at <= wardesk.now() + make_interval(mins => k.warn_min) then 'warn'
            else 'ok' end as due,
       case when c.state = 'resolved' then c.closed_at > c.deadline_at end as late
  from wardesk.cases c
  join wardesk.categories k on k.code = c.category
  join wardesk.wards w on w.id = c.ward_id
  left join wardesk.officers o on o.login = c.owner
  left join wardesk.cases d on d.id = c.duplicate_of;

-- Officers with their ward and load (for `wardesk officers`).
create view wardesk.officer_list with (security_invoker = true) as
select o.login, o.full_name, o.role, o.ward_id, w.code as ward_code, w.name as ward_name,
       o.active,
       (select count(*)::int from wardesk.cases c
         where c.owner = o.login and c.state = 'in_progress') as open_cases
  from wardesk.officers o
  join wardesk.wards w on w.id = o.ward_id;

-- ---------------------------------------------------------------------------
-- Helpers (not granted to staff)
-- ---------------------------------------------------------------------------

-- The acting officer (session_user), or NULL when the login is not one.
create function wardesk.me() returns wardesk.officers
language sql stable security definer
set search_path = wardesk, pg_temp
as $$ select * from officers where login = session_user::text $$;

-- The acting officer; WD006 unless an active officer with one of p_roles.
create function wardesk.require_officer(p_roles text[], p_what text) returns wardesk.officers
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
begin
	select * into o from officers where login = session_user::text;
	if not found then
		raise exception 'login % is not a wardesk officer', session_user
			using errcode = 'WD006',
			      hint = 'a chair adds officers with: wardesk officer add LOGIN --name NAME --role ROLE';
	end if;
	if not o.active then
		raise exception 'officer % is not active', o.login using errcode = 'WD006';
	end if;
	if not (o.role = any (p_roles)) then
		raise exception 'a % cannot %', case o.role when 'hotline' then 'hotline operator'
		                                            when 'officer' then 'duty officer'
		                                            else 'ward chair' end, p_what
			using errcode = 'WD006';
	end if;
	return o;
end $$;

-- 'BT-12', 'bt-12', ' BT-12 ' or just '12' (in p_ward's code) to the canonical ref.
create function wardesk.canon_ref(p_ref text, p_ward int) returns text
language sql stable
set search_path = wardesk, pg_temp
as $$
	select case when btrim(p_ref) ~ '^[0-9]+$'
	            then (select code from wards where id = p_ward) || '-' || ltrim(btrim(p_ref), '0')
	            else upper(btrim(p_ref)) end
$$;

-- Lock the case for an action by officer o: WD004 when missing or in another ward.
create function wardesk.lock_case(p_ref text, o wardesk.officers) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	c cases;
	v_ref text := canon_ref(p_ref, o.ward_id);
begin
	select * into c from cases where ref = v_ref for update;
	if not found or (o.login is not null and c.ward_id <> o.ward_id) then
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)') using errcode = 'WD004';
	end if;
	return c;
end $$;

create function wardesk.holder_text(p_login text) returns text
language sql stable
set search_path = wardesk, pg_temp
as $$
	select p_login || coalesce(' (' || (select full_name from officers where login = p_login) || ')', '')
$$;

create function wardesk.check_seen(c wardesk.cases, p_seen int) returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if p_seen is not null and p_seen <> c.version then
		raise exception '% changed since you saw it (now version %, you saw %); look again',
			c.ref, c.version, p_seen
			using errcode = 'WD002', detail = format('version=%s seen=%s', c.version, p_seen);
	end if;
end $$;

create function wardesk.refuse_resolved(c wardesk.cases) returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if c.state = 'resolved' then
		raise exception '% is resolved; reopen it first', c.ref using errcode = 'WD003';
	end if;
end $$;

create function wardesk.is_blank(p text) returns boolean
language sql immutable
as $$ select p is null or p !~ '[^[:space:]]' $$;

-- Tell the audit trigger what the next UPDATE/INSERT is, then forget it.
create function wardesk.set_action(p_action text, p_note text) returns void
language sql
as $$
	select set_config('wardesk.action', coalesce(p_action, ''), true),
	       set_config('wardesk.note', coalesce(p_note, ''), true);
$$;

-- ---------------------------------------------------------------------------
-- API
-- ---------------------------------------------------------------------------

-- Vietnamese phone number to its stored form (digits, leading 0), or WD005.
-- Mobiles: 10 digits starting 03/05/07/08/09.  Landlines: 02 + 9 digits
-- (HCMC: 028 + 8).  Dots, spaces, dashes, parentheses and +84/84 are accepted.
create function wardesk.normalize_phone(p_phone text) returns text
language plpgsql immutable strict
set search_path = wardesk, pg_temp
as $$
declare
	d text := regexp_replace(p_phone, '[[:space:].()/-]', '', 'g');
begin
	if d ~ '^\+84' then
		d := '0' || substr(d, 4);
	elsif d ~ '^84[0-9]{9,10}$' then
		d := '0' || substr(d, 3);
	end if;
	d := regexp_replace(d, '^00', '0');   -- "+84 (0)28 ..." written with the 0
	if d ~ '^0[35789][0-9]{8}$' or d ~ '^02[0-9]{9}$' then
		return d;
	end if;
	raise exception 'phone number "%" is not a Vietnamese number', btrim(p_phone)
		using errcode = 'WD005',
		      hint = 'mobiles have 10 digits starting 03, 05, 07, 08 or 09; landlines are 028 and 8 digits';
end $$;

create function wardesk.report(
	p_category text,
	p_description text,
	p_address text default null,
	p_phone text default null,
	p_name text default null,
	p_channel text default null,
	p_received_at timestamptz default null,
	p_lat double precision default null,
	p_lon double precision default null,
	p_media text[] default null,
	p_external_id text default null,
	p_hotline_line text default null,
	p_callback boolean default false
) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'record a case');
	k categories;
	w wards;
	c cases;
	v_channel text := lower(replace(btrim(coalesce(p_channel, '')), '-', ''));
	v_received timestamptz := coalesce(p_received_at, wardesk.now());
	v_ext text := nullif(btrim(p_external_id), '');
	v_line text := lower(nullif(btrim(p_hotline_line), ''));
	v_media text[] := coalesce(p_media, '{}');
	v_dup text;
	v_seq int;
	u text;
begin
	select * into k from categories where code = upper(btrim(p_category)) and active;
	if not found then
		raise exception 'unknown category %', coalesce(p_category, '(none)') using errcode = 'WD005',
			hint = (select 'categories: ' || string_agg(code, ', ' order by sort) from categories where active);
	end if;
	if is_blank(p_description) then
		raise exception 'a description is required' using errcode = 'WD005';
	end if;
	if char_length(p_description) > 4000 then
		raise exception 'the description is too long (% characters, at most 4000)', char_length(p_description)
			using errcode = 'WD005';
	end if;
	if v_channel = '' then
		v_channel := case o.role when 'hotline' then 'hotline' else 'walkin' end;
	elsif v_channel not in ('app', 'hotline', 'walkin', 'import') then
		raise exception 'unknown channel % (app, hotline, walkin, import)', p_channel using errcode = 'WD005';
	end if;
	if v_line is not null and v_line not in ('police', 'committee') then
		raise exception 'unknown hotline line % (police, committee)', p_hotline_line using errcode = 'WD005';
	end if;
	if v_received > wardesk.now() + interval '5 minutes' then
		raise exception 'the received time % is in the future', v_received using errcode = 'WD005';
	end if;
	if (p_lat is null) <> (p_lon is null)
	   or p_lat not between -90 and 90 or p_lon not between -180 and 180 then
		raise exception 'coordinates need both a latitude (-90..90) and a longitude (-180..180)'
			using errcode = 'WD005';
	end if;
	foreach u in array v_media loop
		if u is null or u !~* '^https?://[^[:space:]]+$' then
			raise exception 'media "%" is not an http(s) URL', u using errcode = 'WD005';
		end if;
	end loop;
	if v_ext is not null then
		select ref into v_dup from cases where external_id = normalize(v_ext, nfc);
		if found then
			raise exception 'external id % already imported as %', v_ext, v_dup
				using errcode = 'WD003', detail = 'ref=' || v_dup;
		end if;
	end if;

	update wards set next_seq = next_seq + 1 where id = o.ward_id returning * into w;
	v_seq := w.next_seq - 1;

	perform set_action('report', null);
	begin
		insert into cases(ward_id, ref, channel, external_id, category, description, address, lat, lon,
		                  reporter_name, reporter_phone, hotline_line, callback_wanted, media_urls,
		                  received_at, deadline_at)
		values (o.ward_id, w.code || '-' || v_seq, v_channel, v_ext, k.code, btrim(p_description),
		        nullif(btrim(p_address), ''), p_lat, p_lon, nullif(btrim(p_name), ''),
		        normalize_phone(nullif(btrim(p_phone), '')), v_line, coalesce(p_callback, false),
		        v_media, v_received, v_received + make_interval(mins => k.deadline_min))
		returning * into c;
	exception when unique_violation then
		select ref into v_dup from cases where external_id = normalize(v_ext, nfc);
		if v_dup is null then
			raise;
		end if;
		raise exception 'external id % already imported as %', v_ext, v_dup
			using errcode = 'WD003', detail = 'ref=' || v_dup;
	end;
	perform set_action(null, null);
	return c;
end $$;

create function wardesk.take(p_ref text, p_seen int default null) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'take cases');
	perform refuse_resolved(c);
	if c.state = 'in_progress' then
		if c.owner = o.login then
			raise exception '% is already yours', c.ref using errcode = 'WD003';
		end if;
		raise exception '% is already held by %', c.ref, holder_text(c.owner)
			using errcode = 'WD001', detail = 'holder=' || c.owner;
	end if;
	perform check_seen(c, p_seen);
	perform set_action('take', null);
	update cases set state = 'in_progress', owner = o.login where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

create function wardesk.assign(p_ref text, p_login text, p_seen int default null) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	t officers;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'assign cases');
	perform refuse_resolved(c);
	if o.role <> 'chair' and c.owner is not null and c.owner <> o.login then
		raise exception '% is already held by %', c.ref, holder_text(c.owner)
			using errcode = 'WD001', detail = 'holder=' || c.owner,
			      hint = 'only the holder or the ward chair can reassign it';
	end if;
	perform check_seen(c, p_seen);
	select * into t from officers where login = lower(btrim(p_login));
	if not found or not t.active or t.ward_id <> c.ward_id or t.role not in ('officer', 'chair') then
		raise exception '% is not an active duty officer or chair of this ward', coalesce(p_login, '(none)')
			using errcode = 'WD005';
	end if;
	if c.owner = t.login then
		raise exception '% is already held by %', c.ref, holder_text(c.owner)
			using errcode = 'WD003', detail = 'holder=' || c.owner;
	end if;
	perform set_action('assign', null);
	update cases set state = 'in_progress', owner = t.login where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

create function wardesk.escalate(p_ref text, p_seen int default null, p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'escalate cases');
	perform refuse_resolved(c);
	if c.escalation >= 1 then
		raise exception '% is already escalated (level %)', c.ref, c.escalation using errcode = 'WD003';
	end if;
	perform check_seen(c, p_seen);
	perform set_action('escalate', nullif(btrim(p_note), ''));
	update cases set escalation = greatest(escalation, 1) where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

create function wardesk.close(
	p_ref text,
	p_seen int default null,
	p_note text default null,
	p_reason text default 'done',
	p_duplicate_of text default null
) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	d cases;
	v_reason text := lower(regexp_replace(btrim(coalesce(p_reason, 'done')), '[ -]', '_', 'g'));
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
	perform set_action('close', btrim(p_note));
	update cases
	   set state = 'resolved', resolution_note = btrim(p_note), close_reason = v_reason,
	       duplicate_of = d.id, closed_at = wardesk.now()
	 where id = c.id
	returning * into c;
	perform set_action(null, null);
	return c;
end $$;

create function wardesk.reopen(p_ref text, p_seen int default null, p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	v_min int;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['officer', 'chair'], 'reopen cases');
	if c.state <> 'resolved' then
		raise exception '% is not resolved (it is %)', c.ref, replace(c.state, '_', ' ')
			using errcode = 'WD003';
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a reason is required to reopen %', c.ref using errcode = 'WD005';
	end if;
	select deadline_min into v_min from categories where code = c.category;
	perform set_action('reopen', btrim(p_note));
	update cases
	   set state = 'reopened', owner = null, resolution_note = null, close_reason = null,
	       duplicate_of = null, closed_at = null, escalation = 0,
	       deadline_at = greatest(received_at, wardesk.now() + make_interval(mins => v_min))
	 where id = c.id
	returning * into c;
	perform set_action(null, null);
	return c;
end $$;

create function wardesk.is_superuser() returns boolean
language sql stable security definer
set search_path = wardesk, pg_temp
as $$ select coalesce((select rolsuper from pg_roles where rolname = session_user), false) $$;

create function wardesk.ward_add(p_code text, p_name text) returns wardesk.wards
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	w wards;
	v_code text := upper(btrim(p_code));
begin
	if not is_superuser() then
		perform require_officer(array['chair'], 'add wards');
	end if;
	if v_code is null or v_code !~ '^[A-Z]{1,8}$' then
		raise exception 'ward code "%" must be 1 to 8 letters A-Z', p_code using errcode = 'WD005';
	end if;
	if is_blank(p_name) then
		raise exception 'a ward name is required' using errcode = 'WD005';
	end if;
	if exists (select from wards where code = v_code) then
		raise exception 'ward % already exists', v_code using errcode = 'WD005';
	end if;
	insert into wards(code, name) values (v_code, btrim(p_name)) returning * into w;
	return w;
end $$;

create function wardesk.officer_add(p_login text, p_full_name text, p_role text,
                                    p_ward_code text default null)
returns wardesk.officers
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_login text := lower(btrim(p_login));
	v_role text := lower(btrim(p_role));
	me officers;
	w wards;
	o officers;
	r record;
begin
	if not is_superuser() then
		me := require_officer(array['chair'], 'add officers');
	end if;
	if v_login is null or v_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' or v_login ~ '^(pg_|wardesk_)'
	   or v_login in ('public', 'none', 'current_user', 'session_user', 'current_role') then
		raise exception 'login "%" is not usable (lower-case letters, digits, _ . -; not pg_/wardesk_)', p_login
			using errcode = 'WD005';
	end if;
	if is_blank(p_full_name) then
		raise exception 'a full name is required' using errcode = 'WD005';
	end if;
	if v_role is null or v_role not in ('hotline', 'officer', 'chair') then
		raise exception 'unknown role % (hotline, officer, chair)', p_role using errcode = 'WD005';
	end if;
	if is_blank(p_ward_code) then
		if me.login is not null then
			select * into w from wards where id = me.ward_id;
		elsif (select count(*) from wards) = 1 then
			select * into w from wards;
		else
			raise exception 'say which ward % belongs to', v_login using errcode = 'WD005';
		end if;
	else
		select * into w from wards where code = upper(btrim(p_ward_code));
		if not found then
			raise exception 'no ward %', upper(btrim(p_ward_code)) using errcode = 'WD005';
		end if;
	end if;
	if me.login is not null and w.id <> me.ward_id then
		raise exception 'a ward chair can only add officers to their own ward' using errcode = 'WD006';
	end if;
	if exists (select from officers where login = v_login) then
		raise exception 'officer % already exists', v_login using errcode = 'WD005';
	end if;

	select rolsuper, rolcanlogin into r from pg_roles where rolname = v_login;
	if not found then
		execute format('create role %I login', v_login);
	elsif r.rolsuper then
		-- a superuser may be an officer, but wardesk does not touch its role
		null;
	elsif not r.rolcanlogin then
		raise exception 'role % exists and is not a login', v_login using errcode = 'WD005';
	end if;
	if not coalesce(r.rolsuper, false)
	   and not exists (select from pg_auth_members m
	                    where m.roleid = ('wardesk_' || v_role)::regrole
	                      and m.member = v_login::regrole) then
		execute format('grant %I to %I', 'wardesk_' || v_role, v_login);
	end if;
	insert into officers(login, full_name, role, ward_id)
	values (v_login, btrim(p_full_name), v_role, w.id)
	returning * into o;
	return o;
end $$;

-- The officer behind session_user with ward code/name and load; no row when
-- the login is not an officer (a superuser usually is not).
create function wardesk.whoami()
returns table (login text, full_name text, role text, ward_id int, ward_code text, ward_name text,
               active boolean, open_cases int)
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	select o.login, o.full_name, o.role, o.ward_id, w.code, w.name, o.active,
	       (select count(*)::int from cases c where c.owner = o.login and c.state = 'in_progress')
	  from officers o join wards w on w.id = o.ward_id
	 where o.login = session_user::text
$$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------
revoke all on all functions in schema wardesk from public;
grant execute on function
	wardesk.now(),
	wardesk.normalize_phone(text),
	wardesk.report(text, text, text, text, text, text, timestamptz, double precision, double precision,
	               text[], text, text, boolean),
	wardesk.take(text, int),
	wardesk.assign(text, text, int),
	wardesk.escalate(text, int, text),
	wardesk.close(text, int, text, text, text),
	wardesk.reopen(text, int, text),
	wardesk.ward_add(text, text),
	wardesk.officer_add(text, text, text, text),
	wardesk.whoami()
to wardesk_staff;

revoke all on all tables in schema wardesk from public;
grant select on all tables in schema wardesk to wardesk_staff;

reset role;
