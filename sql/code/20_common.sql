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

-- Whether p holds something a reader can see (issue 13, item 5): what is
-- left after removing white space, control characters (C0, DEL, C1), format
-- and invisible characters (soft hyphen, combining grapheme joiner, Arabic
-- letter mark, Hangul and Khmer fillers, Mongolian selectors, the zero-width
-- and bidi marks and controls U+200B-U+200F, U+202A-U+202E, U+2060-U+206F,
-- the BOM U+FEFF, variation selectors, tags, interlinear annotation), the
-- Unicode spaces (U+00A0, U+1680, U+2000-U+200A, U+2028/9, U+202F, U+205F,
-- U+3000, the Braille blank U+2800) and combining marks that sit on nothing
-- is not empty.  Every "a note/description/reason is required" check uses it
-- (through is_blank).
create or replace function wardesk.visible_text(p text) returns boolean
language sql immutable parallel safe
as $$
	select p is not null
	   and regexp_replace(p,
	         '[[:space:][:cntrl:]\u007F-\u00A0\u00AD\u034F\u061C\u115F\u1160\u1680\u17B4\u17B5'
	         '\u180B-\u180F\u2000-\u200F\u2028-\u202F\u205F-\u206F\u2800\u3000\u3164\uFE00-\uFE0F'
	         '\uFEFF\uFFA0\uFFF0-\uFFFB\U0001D173-\U0001D17A\U000E0000-\U000E0FFF'
	         '\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]+', '', 'g') <> ''
$$;

-- NULL, empty, or nothing visible (visible_text).
create or replace function wardesk.is_blank(p text) returns boolean
language sql immutable parallel safe
as $$ select not wardesk.visible_text(p) $$;

-- The trimmed text when it holds something visible, else NULL (optional
-- notes and comments: an invisible one is no note).
create or replace function wardesk.visible_or_null(p text) returns text
language sql immutable parallel safe
as $$ select case when wardesk.visible_text(p) then btrim(p) end $$;

-- Whether p holds a control character (C0, DEL, C1) or a bidi
-- mark, embedding, override or isolate (U+061C, U+200E/F, U+202A-U+202E,
-- U+2066-U+2069), or a line or paragraph separator (U+2028/9): text that
-- would move a terminal's cursor, colour it or turn it around.  Names a
-- screen draws as they are (the ward's streets) refuse it.
create or replace function wardesk.has_control_chars(p text) returns boolean
language sql immutable parallel safe
as $$
	select p ~ '[\u0001-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]'
$$;

-- WD501 when p is longer than p_max characters (p_what names it: 'the address'),
-- counted as stored: after NFC, so "ễ" typed decomposed counts once.  The
-- rule itself is length_problem's.
create or replace function wardesk.check_length(p_what text, p text, p_max int) returns void
language plpgsql immutable
as $$
declare
	r record;
begin
	for r in select * from wardesk.length_problem(p_what, p, p_max) loop
		perform wardesk.raise_problem(r.code, r.msg, r.detail, null);
	end loop;
end $$;

-- check_length's refusal as values (SQLSTATE WD501, message, JSON detail),
-- no row when p fits: the batch checks of intake_cases and import_requests
-- (40_intake.sql) test many rows at once and raise the first.
create or replace function wardesk.length_problem(p_what text, p text, p_max int)
returns table (code text, msg text, detail text)
language sql immutable parallel safe
as $$
	select 'WD501', format('%s is too long (%s characters, at most %s)', p_what, n, p_max),
	       json_build_object('what', p_what::text, 'n', n::text, 'max', p_max::text)::text
	  from (select char_length(normalize(p, NFC)) as n) x
	 where n > p_max
$$;

-- Raise a refusal whose parts were computed (a batch's first problem): the
-- SQLSTATE, message, and detail and hint when not NULL (RAISE refuses a NULL
-- option).
create or replace function wardesk.raise_problem(p_code text, p_msg text, p_detail text, p_hint text)
returns void
language plpgsql immutable
as $$
begin
	if p_detail is not null and p_hint is not null then
		raise exception '%', p_msg using errcode = p_code, detail = p_detail, hint = p_hint;
	elsif p_detail is not null then
		raise exception '%', p_msg using errcode = p_code, detail = p_detail;
	elsif p_hint is not null then
		raise exception '%', p_msg using errcode = p_code, hint = p_hint;
	end if;
	raise exception '%', p_msg using errcode = p_code;
end $$;

-- Whether a change with audit action p_action is an automatic step of the
-- desk: one of the sweep's steps, made while a sweep runs in this very
-- transaction (sweep() marks its row of the owner-only sweep_state,
-- 015_desk_actor.sql).  A login cannot make it true from psql: it can set
-- wardesk.action, but not sweep_state.  The actor of such a step is 'desk';
-- the login that ran the sweep is kept beside it (run_by).
-- PL/pgSQL with every name qualified and no SET (issue 14 item 2): its
-- query is planned once per session, and an action that is no sweep step
-- (a take, a close) answers without it; as a SQL function with SET it was
-- parsed and planned again at every call, twice per audited change.
create or replace function wardesk.desk_step(p_action text) returns boolean
language plpgsql stable
as $$
begin
	if p_action is null or p_action not in ('warn', 'auto-escalate', 'overdue', 'remind', 'sweep') then
		return false;
	end if;
	return exists (select from wardesk.sweep_state s
	                where s.running_xid operator(pg_catalog.=) pg_catalog.txid_current());
end $$;

-- Who is credited with a change with audit action p_action (case_events and
-- alerts .actor / .run_by): 'desk' for an automatic step (desk_step), with
-- the login that ran the sweep as run_by; otherwise session_user, run_by
-- NULL.  The one definition for the per-row and per-statement triggers of
-- 25_audit.sql and alert() (50_deadlines.sql).
-- No SET and qualified names: the planner inlines them into the caller.
create or replace function wardesk.step_actor(p_action text) returns text
language sql stable
as $$ select case when wardesk.desk_step(p_action) then 'desk' else session_user::text end $$;

create or replace function wardesk.step_run_by(p_action text) returns text
language sql stable
as $$ select case when wardesk.desk_step(p_action) then session_user::text end $$;

-- Tell the audit trigger what the next UPDATE/INSERT is, then forget it.
-- (PL/pgSQL: planned once per session; as a SQL function it was parsed and
-- planned at each of the two calls of every action.)
create or replace function wardesk.set_action(p_action text, p_note text) returns void
language plpgsql
as $$
begin
	perform pg_catalog.set_config('wardesk.action', coalesce(p_action, ''), true),
	        pg_catalog.set_config('wardesk.note', coalesce(p_note, ''), true);
end $$;

-- Whether session_user is a superuser (ward_add, officer_add and
-- service_code_set let one act without being an officer).
create or replace function wardesk.is_superuser() returns boolean
language sql stable security definer
set search_path = wardesk, pg_temp
as $$ select coalesce((select rolsuper from pg_roles where rolname = session_user), false) $$;

-- The acting officer (session_user), or NULL when the login is not one.
-- PL/pgSQL, planned once per session, and by the primary key
-- (session_login(), 11_session.sql): as a SQL function it was planned at
-- every call, and `login = session_user::text` (collation "C") scanned
-- every officer, about 0.25 ms a call from an officer's session.
create or replace function wardesk.me() returns wardesk.officers
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
begin
	select * into o from officers where login = session_login();
	return o;
end $$;

-- The acting officer; WD006 unless an active officer with one of p_roles.
create or replace function wardesk.require_officer(p_roles text[], p_what text) returns wardesk.officers
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	v_role text;
begin
	select * into o from officers where login = session_login();   -- by the key: me()
	if not found then
		raise exception 'login % is not a wardesk officer', session_user
			using errcode = 'WD601',
			      detail = json_build_object('login', session_user::text)::text,
			      hint = 'a chair adds officers with: wardesk officer add LOGIN --name NAME --role ROLE';
	end if;
	if not o.active then
		raise exception 'officer % is not active', o.login
			using errcode = 'WD602',
			      detail = json_build_object('login', o.login::text)::text;
	end if;
	if not (o.role = any (p_roles)) then
		v_role := case o.role when 'hotline' then 'hotline operator'
		                      when 'officer' then 'duty officer' else 'ward chair' end;
		raise exception 'a % cannot %', v_role, p_what
			using errcode = 'WD603', detail = json_build_object('role', v_role, 'what', p_what)::text;
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
-- PL/pgSQL, planned once per session: as a SQL function with its SET it was
-- parsed and planned at every call, about 0.15 ms from an officer's session
-- (issue 14: allowed_actions).
create or replace function wardesk.canon_ref(p_ref text, p_ward int) returns text
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
begin
	if btrim(p_ref) ~ '^[0-9]+$' then
		return (select code from wards where id = p_ward) || '-' || ltrim(btrim(p_ref), '0');
	end if;
	return upper(btrim(p_ref));
end $$;

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
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)')
			using errcode = 'WD401',
			      detail = json_build_object('ref', (coalesce(v_ref, p_ref, '(none)'))::text)::text;
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
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)')
			using errcode = 'WD401',
			      detail = json_build_object('ref', (coalesce(v_ref, p_ref, '(none)'))::text)::text;
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
			using errcode = 'WD002',
			      detail = json_build_object('ref', c.ref::text,
			                                'version', c.version::text,
			                                'seen', p_seen::text)::text;
	end if;
end $$;

-- WD003 for a resolved case (reopen it first).
create or replace function wardesk.refuse_resolved(c wardesk.cases) returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	if c.state = 'resolved' then
		raise exception '% is resolved; reopen it first', c.ref
			using errcode = 'WD301',
			      detail = json_build_object('ref', c.ref::text)::text;
	end if;
end $$;

revoke all on function wardesk.role_text(text) from public;

reset role;
