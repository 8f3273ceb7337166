-- 12_ward_scope.sql - what each ward has of its own: a category's thresholds
-- and a setting's value (the ward's own, else the city-wide default), and
-- the names of its NOTIFY channels (issue 13, items 4 and 10).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: categories (001_core.sql), settings (003_deadlines.sql),
-- category_ward, setting_ward, ward_channels (009_ward_scope.sql).  Early in
-- the order: the views (case_list) and every later file read thresholds and
-- settings through these lookups, and only through them:
--   category_effective (view)    deadline/warn/escalate minutes of every
--                                category in every ward (case_list)
--   category_limits(ward, code)  the same for one (category_list,
--                                category_set)
--   priority_limits (view)       the deadline/thresholds of an urgent or a
--                                normal case (014_priority.sql; case_list)
--   case_limits(ward, code, p)   the same for one (report, reopen, the
--                                sweep, set_priority)
--   ward_setting(ward, key)      a setting's text (apology_text, setting_list)
--   setting_int(ward, key, def)  a setting as an integer (the sweep:
--                                remind_min, unowned_grace_min)
-- category_limits, ward_setting and setting_int are plain SQL without SET options so the
-- planner inlines them into the queries that call them per row.  Row-level
-- security on category_ward and setting_ward keeps a session to its own
-- ward's values (every ward's for a superuser or sweeper).
--
-- Channels: the case, alert and shift notifications of a ward go to
-- wardesk_<kind>_<ward id>_<token> (ward_channel), kind case | alert | shift;
-- the token is in the owner-only table ward_channels, a ward's officers learn
-- the names from wardesk.my_channels() (90_policies.sql).  PostgreSQL has no
-- privilege on LISTEN: a name nobody can read is the only boundary.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Thresholds and settings: the ward's own, else the city-wide default
-- ---------------------------------------------------------------------------

-- The rule, once: every ward's deadline, warn and escalate minutes for every
-- category; own: the ward set them (category_ward), else the city-wide row
-- (categories).  A view so that a query over many cases (case_list) joins
-- it by hash; row-level security shows a session only its own ward's rows of
-- category_ward (the other wards' then read as the defaults).
create or replace view wardesk.category_effective with (security_invoker = true) as
select w.id as ward_id, k.code,
       coalesce(c.deadline_min, k.deadline_min) as deadline_min,
       coalesce(c.warn_min, k.warn_min) as warn_min,
       coalesce(c.escalate_min, k.escalate_min) as escalate_min,
       c.ward_id is not null as own,
       coalesce(c.default_priority, k.default_priority) as default_priority,
       coalesce(c.urgent_deadline_min, k.urgent_deadline_min) as urgent_deadline_min,
       coalesce(c.urgent_warn_min, k.urgent_warn_min) as urgent_warn_min,
       coalesce(c.urgent_escalate_min, k.urgent_escalate_min) as urgent_escalate_min
  from wardesk.wards w
 cross join wardesk.categories k
  left join wardesk.category_ward c on c.ward_id = w.id and c.code = k.code;

-- The rule of priority (014_priority.sql), once: the deadline, warn and
-- escalate minutes of a case of each priority in every ward and category:
-- an urgent case has the category's urgent values, a normal one the
-- category's own.  case_list joins it, case_limits reads it.
create or replace view wardesk.priority_limits with (security_invoker = true) as
select e.ward_id, e.code, p.priority,
       case p.priority when 'urgent' then e.urgent_deadline_min else e.deadline_min end as deadline_min,
       case p.priority when 'urgent' then e.urgent_warn_min else e.warn_min end as warn_min,
       case p.priority when 'urgent' then e.urgent_escalate_min else e.escalate_min end as escalate_min
  from wardesk.category_effective e
 cross join (values ('normal'), ('urgent')) as p(priority);

-- The thresholds of a case of priority p_priority in category p_code of
-- ward p_ward (priority_limits): report, reopen, set_priority, the sweep.
create or replace function wardesk.case_limits(p_ward int, p_code text, p_priority text)
returns table (deadline_min int, warn_min int, escalate_min int)
language sql stable
as $$
	select l.deadline_min, l.warn_min, l.escalate_min
	  from wardesk.priority_limits l
	 where l.ward_id = p_ward and l.code = p_code and l.priority = p_priority
$$;

-- A category's thresholds in ward p_ward (category_effective); no row for an
-- unknown category or ward.
create or replace function wardesk.category_limits(p_ward int, p_code text)
returns table (deadline_min int, warn_min int, escalate_min int, own boolean)
language sql stable
as $$
	select e.deadline_min, e.warn_min, e.escalate_min, e.own
	  from wardesk.category_effective e
	 where e.ward_id = p_ward and e.code = p_code
$$;

-- A setting's value in ward p_ward: the ward's own (setting_ward), else the
-- city-wide default (settings); NULL for an unknown key.
create or replace function wardesk.ward_setting(p_ward int, p_key text) returns text
language sql stable
as $$
	select coalesce((select w.value from wardesk.setting_ward w where w.ward_id = p_ward and w.key = p_key),
	                (select s.value from wardesk.settings s where s.key = p_key))
$$;

-- An integer setting of ward p_ward, or p_default when it is missing.  No
-- SET, the name qualified: inlined like ward_setting (the sweep reads two
-- per due case; with SET it was planned at every call).
create or replace function wardesk.setting_int(p_ward int, p_key text, p_default int) returns int
language sql stable
as $$ select coalesce(wardesk.ward_setting(p_ward, p_key)::int, p_default) $$;

-- ---------------------------------------------------------------------------
-- Channels
-- ---------------------------------------------------------------------------

-- The channel of ward p_ward for p_kind (case, alert, shift), for the
-- notifying triggers; NULL for an unknown ward.  Not for staff.  PL/pgSQL,
-- so its lookup is planned once per session: as a SQL function with SET
-- (never inlined) it was parsed and planned at every call, once per case
-- change (issue 14 item 2: 26 of its 48 us in a take, pg_stat_statements).
create or replace function wardesk.ward_channel(p_ward int, p_kind text) returns text
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
begin
	return (select 'wardesk_' || p_kind || '_' || c.ward_id || '_' || c.token
	          from ward_channels c where c.ward_id = p_ward);
end $$;

-- Every new ward gets its channel secret (ward_add, or an INSERT by a superuser).
create or replace function wardesk.tg_wards_channel() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
begin
	insert into ward_channels(ward_id) values (new.id) on conflict do nothing;
	return null;
end $$;

create or replace trigger t20_channel after insert on wardesk.wards
	for each row execute function wardesk.tg_wards_channel();

revoke all on function
	wardesk.category_limits(int, text), wardesk.case_limits(int, text, text), wardesk.ward_setting(int, text),
	wardesk.setting_int(int, text, int), wardesk.ward_channel(int, text), wardesk.tg_wards_channel()
from public;
-- the lookups are read by views and invoker functions as the reader
grant execute on function
	wardesk.category_limits(int, text), wardesk.case_limits(int, text, text), wardesk.ward_setting(int, text),
	wardesk.setting_int(int, text, int)
to wardesk_staff;

reset role;
