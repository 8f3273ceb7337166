-- 20_common.sql - helpers every subject uses: who is acting (me,
-- require_officer), case references and locking (canon_ref, lock_case,
-- find_case), the shared checks (check_seen, refuse_resolved, is_blank), the
-- audit action (set_action) and names in messages (holder_text, role_text).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: officers, wards, cases (001_core.sql).  None of these is granted to
-- staff: they run inside the API functions.

set role wardesk_owner;

-- NULL, empty or only whitespace.
create or replace function wardesk.is_blank(p text) returns boolean
language sql immutable
as $$ select p is null or p !~ '[^[:space:]]' $$;

-- Tell the audit trigger what the next UPDATE/INSERT is, then forget it.
create or replace function wardesk.set_action(p_action text, p_note text) returns void
language sql
as $$
	select set_config('wardesk.action', coalesce(p_action, ''), true),
	       set_config('wardesk.note', coalesce(p_note, ''), true);
$$;

-- Whether session_user is a superuser (ward_add, officer_add and
-- service_code_set let one act without being an officer).
create or replace function wardesk.is_superuser() returns boolean
language sql stable security definer
set search_path = wardesk, pg_temp
as $$ select coalesce((select rolsuper from pg_roles where rolname = session_user), false) $$;

-- The acting officer (session_user), or NULL when the login is not one.
create or replace function wardesk.me() returns wardesk.officers
language sql stable security definer
set search_path = wardesk, pg_temp
as $$ select * from officers where login = session_user::text $$;

-- The acting officer; WD006 unless an active officer with one of p_roles.
create or replace function wardesk.require_officer(p_roles text[], p_what text) returns wardesk.officers
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

-- A role in words, for messages.
create or replace function wardesk.role_text(p_role text) returns text
language sql immutable
as $$
	select case p_role when 'hotline' then 'hotline operator'
	                   when 'officer' then 'duty officer'
	                   when 'chair' then 'ward chair' else coalesce(p_role, 'nobody') end
$$;

-- 'BT-12', 'bt-12', ' BT-12 ' or just '12' (in p_ward's code) to the canonical ref.
create or replace function wardesk.canon_ref(p_ref text, p_ward int) returns text
language sql stable
set search_path = wardesk, pg_temp
as $$
	select case when btrim(p_ref) ~ '^[0-9]+$'
	            then (select code from wards where id = p_ward) || '-' || ltrim(btrim(p_ref), '0')
	            else upper(btrim(p_ref)) end
$$;

-- 'login (Full Name)' for messages about who holds a case.
create or replace function wardesk.holder_text(p_login text) returns text
language sql stable
set search_path = wardesk, pg_temp
as $$
	select p_login || coalesce(' (' || (select full_name from officers where login = p_login) || ')', '')
$$;

-- Lock the case for an action by officer o: WD004 when missing or in another ward.
create or replace function wardesk.lock_case(p_ref text, o wardesk.officers) returns wardesk.cases
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

-- The case p_ref of the actor's ward (any ward for a non-officer), without locking.
create or replace function wardesk.find_case(p_ref text, o wardesk.officers) returns wardesk.cases
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	c cases;
	v_ref text := canon_ref(p_ref, o.ward_id);
begin
	select * into c from cases where ref = v_ref;
	if not found or (o.login is not null and c.ward_id <> o.ward_id) then
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)') using errcode = 'WD004';
	end if;
	return c;
end $$;

-- WD002 when the case changed since the caller saw version p_seen (NULL: no check).
create or replace function wardesk.check_seen(c wardesk.cases, p_seen int) returns void
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

-- WD003 for a resolved case (reopen it first).
create or replace function wardesk.refuse_resolved(c wardesk.cases) returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if c.state = 'resolved' then
		raise exception '% is resolved; reopen it first', c.ref using errcode = 'WD003';
	end if;
end $$;

revoke all on function wardesk.role_text(text) from public;

reset role;
