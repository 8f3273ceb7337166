-- wardesk-0.1.0.sql - a wardesk 0.1.0 database (schema and data), for the
-- upgrade test tests/cli/upgrade_010.sh.  Restores with plain psql into an
-- empty UTF8 database of a cluster that has the roles postgres,
-- wardesk_owner and wardesk_staff (the officers' logins an, binh, cuong,
-- chutich, lan, minh are only data here; the test makes them).
--
-- Made with the 0.1.0 tree (commit 9cba64d) on a private cluster
-- (tools/cluster.sh): `wardesk db init`, `wardesk db demo`, then as the demo
-- officers, through 0.1.0's SQL API: shifts for an, binh and lan; an hands
-- over to binh, binh acknowledges, an ends the shift; minh adds a reporter
-- to BT-16; chutich merges BT-30 into BT-16, escalates BT-19 and sets
-- remind_min to 15.  Then `pg_dump` (PostgreSQL 15), with its \restrict and
-- \unrestrict lines taken out so that any psql 15 reads it.  Do not edit.

--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: wardesk; Type: SCHEMA; Schema: -; Owner: wardesk_owner
--

CREATE SCHEMA wardesk;


ALTER SCHEMA wardesk OWNER TO wardesk_owner;

--
-- Name: unaccent; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA wardesk;


--
-- Name: EXTENSION unaccent; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION unaccent IS 'text search dictionary that removes accents';


--
-- Name: now(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.now() RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select pg_catalog.now()
	       operator(pg_catalog.+) coalesce((select t.clock_offset from wardesk.test_clock t), interval '0')
$$;


ALTER FUNCTION wardesk.now() OWNER TO wardesk_owner;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: cases; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.cases (
    id bigint NOT NULL,
    ward_id integer NOT NULL,
    ref text NOT NULL,
    channel text NOT NULL,
    external_id text,
    category text NOT NULL,
    description text NOT NULL,
    address text,
    lat double precision,
    lon double precision,
    reporter_name text,
    reporter_phone text,
    hotline_line text,
    callback_wanted boolean DEFAULT false NOT NULL,
    media_urls text[] DEFAULT '{}'::text[] NOT NULL,
    received_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    deadline_at timestamp with time zone NOT NULL,
    state text DEFAULT 'new'::text NOT NULL,
    owner text,
    escalation smallint DEFAULT 0 NOT NULL,
    resolution_note text,
    close_reason text,
    duplicate_of bigint,
    closed_at timestamp with time zone,
    rating smallint,
    rating_comment text,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    updated_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    flags text[] DEFAULT '{}'::text[] NOT NULL,
    service_code text,
    warned_at timestamp with time zone,
    escalated_at timestamp with time zone,
    overdue_at timestamp with time zone,
    ack_by text,
    ack_at timestamp with time zone,
    last_alert_at timestamp with time zone,
    delay_reason text,
    apology_note text,
    CONSTRAINT cases_ack_both CHECK (((ack_by IS NULL) = (ack_at IS NULL))),
    CONSTRAINT cases_channel_check CHECK ((channel = ANY (ARRAY['app'::text, 'hotline'::text, 'walkin'::text, 'import'::text]))),
    CONSTRAINT cases_close_reason_check CHECK ((close_reason = ANY (ARRAY['done'::text, 'transferred'::text, 'not_ours'::text, 'duplicate'::text]))),
    CONSTRAINT cases_coords_both CHECK (((lat IS NULL) = (lon IS NULL))),
    CONSTRAINT cases_deadline_after_receipt CHECK ((deadline_at >= received_at)),
    CONSTRAINT cases_description_check CHECK ((description ~ '[^[:space:]]'::text)),
    CONSTRAINT cases_duplicate_of CHECK ((((NOT (close_reason IS DISTINCT FROM 'duplicate'::text)) = (duplicate_of IS NOT NULL)) AND (duplicate_of IS DISTINCT FROM id))),
    CONSTRAINT cases_escalation_check CHECK (((escalation >= 0) AND (escalation <= 2))),
    CONSTRAINT cases_external_id_check CHECK ((external_id ~ '[^[:space:]]'::text)),
    CONSTRAINT cases_hotline_line_check CHECK ((hotline_line = ANY (ARRAY['police'::text, 'committee'::text]))),
    CONSTRAINT cases_in_progress_owned CHECK (((state <> 'in_progress'::text) OR (owner IS NOT NULL))),
    CONSTRAINT cases_lat_check CHECK (((lat >= ('-90'::integer)::double precision) AND (lat <= (90)::double precision))),
    CONSTRAINT cases_lon_check CHECK (((lon >= ('-180'::integer)::double precision) AND (lon <= (180)::double precision))),
    CONSTRAINT cases_rating_check CHECK (((rating >= 1) AND (rating <= 5))),
    CONSTRAINT cases_ref_check CHECK ((ref ~ '^[A-Z]{1,8}-[1-9][0-9]*$'::text)),
    CONSTRAINT cases_reporter_phone_check CHECK ((reporter_phone ~ '^0[0-9]{9,10}$'::text)),
    CONSTRAINT cases_resolved_complete CHECK (((state = 'resolved'::text) = ((closed_at IS NOT NULL) AND (close_reason IS NOT NULL) AND (resolution_note IS NOT NULL) AND (resolution_note ~ '[^[:space:]]'::text)))),
    CONSTRAINT cases_state_check CHECK ((state = ANY (ARRAY['new'::text, 'in_progress'::text, 'resolved'::text, 'reopened'::text]))),
    CONSTRAINT cases_unowned_when_open CHECK (((state <> ALL (ARRAY['new'::text, 'reopened'::text])) OR (owner IS NULL))),
    CONSTRAINT cases_version_check CHECK ((version > 0))
);

ALTER TABLE ONLY wardesk.cases FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.cases OWNER TO wardesk_owner;

--
-- Name: ack(text, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.ack(p_ref text, p_seen integer DEFAULT NULL::integer) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.ack(p_ref text, p_seen integer) OWNER TO wardesk_owner;

--
-- Name: action_names(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.action_names() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    AS $$
	select array['report', 'take', 'assign', 'escalate', 'deescalate', 'close', 'reopen',
	             'settings', 'officer_add', 'shift', 'handover', 'board', 'stats']::text[]
$$;


ALTER FUNCTION wardesk.action_names() OWNER TO wardesk_owner;

--
-- Name: add_reporter(text, text, text, text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.add_reporter(p_ref text, p_name text DEFAULT NULL::text, p_phone text DEFAULT NULL::text, p_note text DEFAULT NULL::text, p_channel text DEFAULT 'hotline'::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	c cases;
	v_phone text := normalize_phone(nullif(btrim(p_phone), ''));
	v_channel text := lower(replace(btrim(coalesce(p_channel, 'hotline')), '-', ''));
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'add reporters');
	if is_blank(p_name) and v_phone is null then
		raise exception 'a name or a phone number is required' using errcode = 'WD005';
	end if;
	if v_channel not in ('app', 'hotline', 'walkin', 'import') then
		raise exception 'unknown channel % (app, hotline, walkin, import)', p_channel using errcode = 'WD005';
	end if;
	insert into case_reporters(case_id, ward_id, channel, reporter_name, reporter_phone, note)
	values (c.id, c.ward_id, v_channel, nullif(btrim(p_name), ''), v_phone, nullif(btrim(p_note), ''));
	return touch_case(c.id, 'reporter',
	                  concat_ws(': ', 'another reporter: ' || coalesce(nullif(btrim(p_name), ''), v_phone),
	                            nullif(btrim(p_note), '')));
end $$;


ALTER FUNCTION wardesk.add_reporter(p_ref text, p_name text, p_phone text, p_note text, p_channel text) OWNER TO wardesk_owner;

--
-- Name: address_key(text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.address_key(p text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
			select nullif(btrim(regexp_replace(regexp_replace(
				lower(wardesk.unaccent('wardesk.unaccent'::regdictionary, normalize(p, nfc))),
				'\s*([,;/.()-])\s*', '\1', 'g'), '\s+', ' ', 'g')), '')
		$$;


ALTER FUNCTION wardesk.address_key(p text) OWNER TO wardesk_owner;

--
-- Name: alert(wardesk.cases, text, text[]); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.alert(p_case wardesk.cases, p_kind text, p_to text[]) RETURNS text[]
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	v_to text[];
begin
	select coalesce(array_agg(distinct r order by r), '{}') into v_to
	  from unnest(p_to) r where r is not null;
	insert into alerts(case_id, ward_id, kind, recipient, level)
	select p_case.id, p_case.ward_id, p_kind, r, p_case.escalation from unnest(v_to) r;
	return v_to;
end $$;


ALTER FUNCTION wardesk.alert(p_case wardesk.cases, p_kind text, p_to text[]) OWNER TO wardesk_owner;

--
-- Name: alerts_delivered(bigint[]); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.alerts_delivered(p_ids bigint[]) RETURNS integer
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	with u as (
		update alerts set delivered_at = wardesk.now()
		 where id = any (p_ids) and recipient = session_user::text and delivered_at is null
		returning 1)
	select count(*)::int from u
$$;


ALTER FUNCTION wardesk.alerts_delivered(p_ids bigint[]) OWNER TO wardesk_owner;

--
-- Name: apology_text(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.apology_text(p_ref text, p_result text DEFAULT NULL::text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.apology_text(p_ref text, p_result text) OWNER TO wardesk_owner;

--
-- Name: app_requests(timestamp with time zone); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.app_requests(p_since timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS TABLE(service_request_id text, status text, status_notes text, service_code text, service_name text, description text, agency_responsible text, requested_datetime timestamp with time zone, updated_datetime timestamp with time zone, expected_datetime timestamp with time zone, address text, lat double precision, lon double precision, media_url text, ref text, surviving_ref text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select c.external_id,
	       case when coalesce(s.state, c.state) = 'resolved' then 'closed' else 'open' end,
	       case when coalesce(s.state, c.state) = 'resolved'
	            then coalesce(s.resolution_note, c.resolution_note) end,
	       coalesce(c.service_code,
	                (select min(m.service_code) from service_code_map m
	                  where m.category = c.category and m.service_code <> '*'),
	                c.category),
	       k.name_vi, c.description, w.name, c.received_at,
	       greatest(c.updated_at, s.updated_at), coalesce(s.deadline_at, c.deadline_at),
	       c.address, c.lat, c.lon, c.media_urls[1], c.ref, s.ref
	  from cases c
	  join categories k on k.code = c.category
	  join wards w on w.id = c.ward_id
	  left join cases s on s.id = c.duplicate_of and c.close_reason = 'duplicate'
	 where c.external_id is not null
	   and ((select login from me()) is null or c.ward_id = (select ward_id from me()))
	   and (p_since is null or greatest(c.updated_at, s.updated_at) >= p_since)
	 order by c.received_at, c.id
$$;


ALTER FUNCTION wardesk.app_requests(p_since timestamp with time zone) OWNER TO wardesk_owner;

--
-- Name: assign(text, text, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.assign(p_ref text, p_login text, p_seen integer DEFAULT NULL::integer) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	c cases;
	t officers;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['chair'], 'assign cases');
	perform refuse_resolved(c);
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


ALTER FUNCTION wardesk.assign(p_ref text, p_login text, p_seen integer) OWNER TO wardesk_owner;

--
-- Name: audit_skip(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.audit_skip() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    AS $$ select array['version', 'updated_at', 'created_at']::text[] $$;


ALTER FUNCTION wardesk.audit_skip() OWNER TO wardesk_owner;

--
-- Name: board(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.board() RETURNS TABLE(login text, full_name text, role text, on_duty boolean, shift_started timestamp with time zone, open integer, due_soon integer, overdue integer, escalated integer)
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select o.login, o.full_name, o.role, d.shift_id is not null, d.started_at,
	       count(c.id)::int,
	       count(c.id) filter (where c.due in ('warn', 'critical'))::int,
	       count(c.id) filter (where c.due = 'overdue')::int,
	       count(c.id) filter (where c.escalation > 0)::int
	  from officers o
	  left join on_duty_now d on d.officer = o.login
	  left join case_list c on c.owner = o.login and c.state = 'in_progress'
	 where o.active
	 group by o.login, o.full_name, o.role, d.shift_id, d.started_at
	having d.shift_id is not null or count(c.id) > 0
	 order by (d.shift_id is null), case o.role when 'chair' then 0 when 'officer' then 1 else 2 end,
	          o.login
$$;


ALTER FUNCTION wardesk.board() OWNER TO wardesk_owner;

--
-- Name: board_summary(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.board_summary() RETURNS TABLE(unowned integer, unowned_due_soon integer, unowned_overdue integer, escalated integer, pending_handovers integer, on_duty integer, today_received integer, today_resolved integer, today_on_time integer, today_on_time_rate double precision)
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	with day as (
		select (date_trunc('day', wardesk.now() at time zone 'Asia/Ho_Chi_Minh')
		        at time zone 'Asia/Ho_Chi_Minh') as d0
	), t as (
		select count(*) filter (where c.closed_at >= day.d0)::int as resolved,
		       count(*) filter (where c.closed_at >= day.d0 and c.closed_at <= c.deadline_at)::int
		           as on_time
		  from cases c, day where c.state = 'resolved'
	)
	select (select count(*)::int from case_list where state in ('new', 'reopened')),
	       (select count(*)::int from case_list where state in ('new', 'reopened')
	                                             and due in ('warn', 'critical')),
	       (select count(*)::int from case_list where state in ('new', 'reopened') and due = 'overdue'),
	       (select count(*)::int from cases where state <> 'resolved' and escalation > 0),
	       (select count(*)::int from handovers where state = 'pending'),
	       (select count(*)::int from on_duty_now),
	       (select count(*)::int from cases, day where received_at >= day.d0),
	       t.resolved, t.on_time,
	       case when t.resolved > 0 then t.on_time::double precision / t.resolved end
	  from t
$$;


ALTER FUNCTION wardesk.board_summary() OWNER TO wardesk_owner;

--
-- Name: can(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.can(p_action text, p_ref text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	c cases;
	a text := lower(btrim(p_action));
	r text;
begin
	if a is null or not (a = any (action_names())) then
		raise exception 'unknown action % (%)', coalesce(p_action, '(none)'),
			array_to_string(action_names(), ', ') using errcode = 'WD005';
	end if;
	if o.login is null or not o.active then
		return false;
	end if;
	r := o.role;
	if a in ('report', 'shift', 'handover', 'board', 'stats') then
		return true;
	elsif a in ('take', 'escalate', 'close') and r = 'hotline' then
		return false;
	elsif a in ('assign', 'deescalate', 'reopen', 'settings', 'officer_add') and r <> 'chair' then
		return false;
	end if;
	if p_ref is null or a in ('settings', 'officer_add') then
		return true;
	end if;
	select * into c from cases where ref = canon_ref(p_ref, o.ward_id) and ward_id = o.ward_id;
	if not found then
		return false;
	end if;
	return case a
		when 'take' then c.state in ('new', 'reopened')
		when 'assign' then c.state <> 'resolved'
		when 'escalate' then c.state <> 'resolved' and c.escalation = 0
		                     and (r = 'chair' or c.owner is null or c.owner = o.login)
		when 'deescalate' then c.state <> 'resolved' and c.escalation > 0
		when 'close' then c.state = 'in_progress' and (r = 'chair' or c.owner = o.login)
		when 'reopen' then c.state = 'resolved'
		else false end;
end $$;


ALTER FUNCTION wardesk.can(p_action text, p_ref text) OWNER TO wardesk_owner;

--
-- Name: canon_ref(text, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.canon_ref(p_ref text, p_ward integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
	select case when btrim(p_ref) ~ '^[0-9]+$'
	            then (select code from wards where id = p_ward) || '-' || ltrim(btrim(p_ref), '0')
	            else upper(btrim(p_ref)) end
$_$;


ALTER FUNCTION wardesk.canon_ref(p_ref text, p_ward integer) OWNER TO wardesk_owner;

--
-- Name: categories; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.categories (
    code text NOT NULL,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    deadline_min integer DEFAULT 120 NOT NULL,
    warn_min integer DEFAULT 30 NOT NULL,
    escalate_min integer DEFAULT 15 NOT NULL,
    sort integer DEFAULT 0 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT categories_check CHECK (((escalate_min <= warn_min) AND (warn_min < deadline_min))),
    CONSTRAINT categories_code_check CHECK ((code ~ '^[A-Z][A-Z0-9_]{0,15}$'::text)),
    CONSTRAINT categories_deadline_min_check CHECK ((deadline_min > 0)),
    CONSTRAINT categories_escalate_min_check CHECK ((escalate_min >= 0)),
    CONSTRAINT categories_warn_min_check CHECK ((warn_min >= 0))
);


ALTER TABLE wardesk.categories OWNER TO wardesk_owner;

--
-- Name: category_set(text, integer, integer, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.category_set(p_code text, p_deadline integer DEFAULT NULL::integer, p_warn integer DEFAULT NULL::integer, p_escalate integer DEFAULT NULL::integer) RETURNS wardesk.categories
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.category_set(p_code text, p_deadline integer, p_warn integer, p_escalate integer) OWNER TO wardesk_owner;

--
-- Name: check_seen(wardesk.cases, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.check_seen(c wardesk.cases, p_seen integer) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
begin
	if p_seen is not null and p_seen <> c.version then
		raise exception '% changed since you saw it (now version %, you saw %); look again',
			c.ref, c.version, p_seen
			using errcode = 'WD002', detail = format('version=%s seen=%s', c.version, p_seen);
	end if;
end $$;


ALTER FUNCTION wardesk.check_seen(c wardesk.cases, p_seen integer) OWNER TO wardesk_owner;

--
-- Name: close(text, integer, text, text, text, text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.close(p_ref text, p_seen integer DEFAULT NULL::integer, p_note text DEFAULT NULL::text, p_reason text DEFAULT 'done'::text, p_duplicate_of text DEFAULT NULL::text, p_delay_reason text DEFAULT NULL::text, p_apology text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.close(p_ref text, p_seen integer, p_note text, p_reason text, p_duplicate_of text, p_delay_reason text, p_apology text) OWNER TO wardesk_owner;

--
-- Name: deescalate(text, integer, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.deescalate(p_ref text, p_seen integer DEFAULT NULL::integer, p_note text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['chair'], 'de-escalate cases');
	perform refuse_resolved(c);
	if c.escalation = 0 then
		raise exception '% is not escalated', c.ref using errcode = 'WD003';
	end if;
	perform check_seen(c, p_seen);
	if is_blank(p_note) then
		raise exception 'a note is required to de-escalate %', c.ref using errcode = 'WD005';
	end if;
	perform set_action('deescalate', btrim(p_note));
	update cases set escalation = 0 where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;


ALTER FUNCTION wardesk.deescalate(p_ref text, p_seen integer, p_note text) OWNER TO wardesk_owner;

--
-- Name: distance_m(double precision, double precision, double precision, double precision); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.distance_m(a_lat double precision, a_lon double precision, b_lat double precision, b_lon double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select 2 * 6371008.8 * asin(least(1, sqrt(
		power(sin(radians(b_lat - a_lat) / 2), 2)
		+ cos(radians(a_lat)) * cos(radians(b_lat)) * power(sin(radians(b_lon - a_lon) / 2), 2))))
$$;


ALTER FUNCTION wardesk.distance_m(a_lat double precision, a_lon double precision, b_lat double precision, b_lon double precision) OWNER TO wardesk_owner;

--
-- Name: dup_candidates(integer, text, timestamp with time zone, double precision, double precision, text, bigint); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.dup_candidates(p_ward integer, p_category text, p_at timestamp with time zone, p_lat double precision, p_lon double precision, p_address text, p_exclude bigint) RETURNS TABLE(id bigint, ref text, distance_m double precision, same_address boolean)
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select c.id, c.ref, d.m, (k.key is not null and address_key(c.address) = k.key)
	  from cases c
	  cross join (select address_key(p_address) as key) k
	  cross join lateral (select distance_m(p_lat, p_lon, c.lat, c.lon) as m) d
	 where c.ward_id = p_ward and c.category = p_category
	   and c.received_at between p_at - interval '24 hours' and p_at + interval '24 hours'
	   and c.id is distinct from p_exclude
	   and c.close_reason is distinct from 'duplicate'
	   and (d.m <= 50 or (k.key is not null and address_key(c.address) = k.key))
	 order by d.m nulls last, abs(extract(epoch from c.received_at - p_at)), c.id
$$;


ALTER FUNCTION wardesk.dup_candidates(p_ward integer, p_category text, p_at timestamp with time zone, p_lat double precision, p_lon double precision, p_address text, p_exclude bigint) OWNER TO wardesk_owner;

--
-- Name: duty_officers(integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.duty_officers(p_ward integer) RETURNS SETOF text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
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
end $_$;


ALTER FUNCTION wardesk.duty_officers(p_ward integer) OWNER TO wardesk_owner;

--
-- Name: escalate(text, integer, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.escalate(p_ref text, p_seen integer DEFAULT NULL::integer, p_note text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.escalate(p_ref text, p_seen integer, p_note text) OWNER TO wardesk_owner;

--
-- Name: officers; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.officers (
    login text NOT NULL,
    full_name text NOT NULL,
    role text NOT NULL,
    ward_id integer NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    CONSTRAINT officers_full_name_check CHECK ((full_name ~ '[^[:space:]]'::text)),
    CONSTRAINT officers_login_check CHECK ((login ~ '^[a-z_][a-z0-9_.-]{0,62}$'::text)),
    CONSTRAINT officers_role_check CHECK ((role = ANY (ARRAY['hotline'::text, 'officer'::text, 'chair'::text])))
);

ALTER TABLE ONLY wardesk.officers FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.officers OWNER TO wardesk_owner;

--
-- Name: find_case(text, wardesk.officers); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.find_case(p_ref text, o wardesk.officers) RETURNS wardesk.cases
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.find_case(p_ref text, o wardesk.officers) OWNER TO wardesk_owner;

--
-- Name: handovers; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.handovers (
    id bigint NOT NULL,
    ward_id integer NOT NULL,
    from_officer text NOT NULL,
    to_officer text NOT NULL,
    shift_id bigint,
    note text NOT NULL,
    created_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    acked_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    cancelled_by text,
    state text DEFAULT 'pending'::text NOT NULL,
    CONSTRAINT handovers_acked CHECK (((state = 'acknowledged'::text) = (acked_at IS NOT NULL))),
    CONSTRAINT handovers_cancelled CHECK (((state = 'cancelled'::text) = (cancelled_at IS NOT NULL))),
    CONSTRAINT handovers_note_check CHECK ((note ~ '[^[:space:]]'::text)),
    CONSTRAINT handovers_state_check CHECK ((state = ANY (ARRAY['pending'::text, 'acknowledged'::text, 'cancelled'::text]))),
    CONSTRAINT handovers_two_people CHECK ((from_officer <> to_officer))
);

ALTER TABLE ONLY wardesk.handovers FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.handovers OWNER TO wardesk_owner;

--
-- Name: handover_ack(bigint); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.handover_ack(p_id bigint) RETURNS wardesk.handovers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'take over a shift');
	h handovers;
	hc record;
	c cases;
	v_note text;
begin
	select * into h from handovers where id = p_id for update;
	if not found then
		raise exception 'no handover #%', coalesce(p_id::text, '(none)') using errcode = 'WD004';
	end if;
	if h.to_officer <> o.login then
		raise exception 'handover #% is addressed to %; only they can acknowledge it', h.id,
			holder_text(h.to_officer)
			using errcode = 'WD006', detail = 'to=' || h.to_officer;
	end if;
	if h.state <> 'pending' then
		raise exception 'handover #% is already %', h.id, h.state using errcode = 'WD003';
	end if;
	v_note := format('handover #%s from %s', h.id, h.from_officer);
	for hc in select * from handover_cases where handover_id = h.id order by case_id loop
		if not hc.included then
			continue;
		end if;
		select * into c from cases where id = hc.case_id for update;
		if c.state = 'in_progress' and c.owner = h.from_officer then
			perform set_action('handover', v_note);
			update cases set owner = o.login where id = c.id;
			perform set_action(null, null);
			update handover_cases set moved = true where handover_id = h.id and case_id = hc.case_id;
		else
			update handover_cases set moved = false where handover_id = h.id and case_id = hc.case_id;
		end if;
	end loop;
	update handovers set state = 'acknowledged', acked_at = wardesk.now() where id = h.id
	returning * into h;
	if not exists (select from shifts where officer = o.login and ended_at is null) then
		perform shift_start();
	end if;
	perform notify_shift('handover', h.id, h.ward_id, 'ack');
	return h;
end $$;


ALTER FUNCTION wardesk.handover_ack(p_id bigint) OWNER TO wardesk_owner;

--
-- Name: handover_cancel(bigint); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.handover_cancel(p_id bigint) RETURNS wardesk.handovers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'cancel a handover');
	h handovers;
begin
	select * into h from handovers where id = p_id for update;
	if not found then
		raise exception 'no handover #%', coalesce(p_id::text, '(none)') using errcode = 'WD004';
	end if;
	if h.from_officer <> o.login and o.role <> 'chair' then
		raise exception 'only % or the ward chair can cancel handover #%', holder_text(h.from_officer), h.id
			using errcode = 'WD006';
	end if;
	if h.state <> 'pending' then
		raise exception 'handover #% is already %', h.id, h.state using errcode = 'WD003';
	end if;
	update handovers set state = 'cancelled', cancelled_at = wardesk.now(), cancelled_by = o.login
	 where id = h.id returning * into h;
	perform notify_shift('handover', h.id, h.ward_id, 'cancel');
	return h;
end $$;


ALTER FUNCTION wardesk.handover_cancel(p_id bigint) OWNER TO wardesk_owner;

--
-- Name: handover_create(text, text, text[]); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.handover_create(p_to text, p_note text, p_exclude_refs text[] DEFAULT NULL::text[]) RETURNS wardesk.handovers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'hand over a shift');
	t officers;
	h handovers;
	v_ex text[] := '{}';
	r text;
	v_ref text;
	v_n int;
begin
	select * into t from officers where login = lower(btrim(p_to));
	if not found or t.ward_id <> o.ward_id or not t.active then
		raise exception '% is not an active officer of this ward', coalesce(p_to, '(none)')
			using errcode = 'WD005';
	end if;
	if t.login = o.login then
		raise exception 'you cannot hand over to yourself' using errcode = 'WD005';
	end if;
	if is_blank(p_note) then
		raise exception 'a handover note is required' using errcode = 'WD005';
	end if;
	select * into h from handovers where from_officer = o.login and state = 'pending';
	if found then
		raise exception 'your handover #% to % is still pending; cancel it first', h.id,
			holder_text(h.to_officer)
			using errcode = 'WD003', detail = 'handover=' || h.id;
	end if;
	foreach r in array coalesce(p_exclude_refs, '{}') loop
		continue when is_blank(r);
		v_ref := canon_ref(r, o.ward_id);
		if not exists (select from cases where ref = v_ref and ward_id = o.ward_id
		                                   and owner = o.login and state = 'in_progress') then
			raise exception '% is not one of your cases in progress', v_ref using errcode = 'WD005';
		end if;
		v_ex := v_ex || v_ref;
	end loop;
	-- lock what is handed over so that the list is exact
	perform 1 from cases where owner = o.login and state = 'in_progress' for update;
	select count(*) into v_n from cases
	 where owner = o.login and state = 'in_progress' and not (ref = any (v_ex));
	if v_n > 0 and t.role not in ('officer', 'chair') then
		raise exception '% is a %: cases can only be handed to a duty officer or the chair',
			holder_text(t.login), role_text(t.role) using errcode = 'WD005';
	end if;
	insert into handovers(ward_id, from_officer, to_officer, shift_id, note)
	values (o.ward_id, o.login, t.login,
	        (select id from shifts where officer = o.login order by (ended_at is null) desc,
	                started_at desc limit 1),
	        btrim(p_note))
	returning * into h;
	insert into handover_cases(handover_id, case_id, ward_id, included, state, deadline_at, version)
	select h.id, c.id, c.ward_id, not (c.ref = any (v_ex)), c.state, c.deadline_at, c.version
	  from cases c
	 where c.owner = o.login and c.state = 'in_progress';
	perform notify_shift('handover', h.id, h.ward_id, 'create');
	return h;
end $$;


ALTER FUNCTION wardesk.handover_create(p_to text, p_note text, p_exclude_refs text[]) OWNER TO wardesk_owner;

--
-- Name: holder_text(text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.holder_text(p_login text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select p_login || coalesce(' (' || (select full_name from officers where login = p_login) || ')', '')
$$;


ALTER FUNCTION wardesk.holder_text(p_login text) OWNER TO wardesk_owner;

--
-- Name: import_request(text, text, text, timestamp with time zone, text, double precision, double precision, text, text, text, timestamp with time zone, integer, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.import_request(p_external_id text, p_service_code text, p_description text, p_requested_at timestamp with time zone, p_address text DEFAULT NULL::text, p_lat double precision DEFAULT NULL::double precision, p_lon double precision DEFAULT NULL::double precision, p_media_url text DEFAULT NULL::text, p_status text DEFAULT NULL::text, p_status_notes text DEFAULT NULL::text, p_updated_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_rating integer DEFAULT NULL::integer, p_rating_comment text DEFAULT NULL::text) RETURNS TABLE(ref text, created boolean, flags text[])
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'import reports');
	c cases;
	v_ext text := normalize(nullif(btrim(p_external_id), ''), nfc);
	v_code text := upper(btrim(coalesce(p_service_code, '')));
	v_status text := lower(btrim(coalesce(p_status, 'open')));
	v_cat text;
	v_flags text[] := '{}';
	v_note text;
begin
	if v_ext is null then
		raise exception 'a service_request_id is required' using errcode = 'WD005';
	end if;
	if v_status not in ('open', 'closed') then
		raise exception 'status "%" is not open or closed', p_status using errcode = 'WD005';
	end if;
	if p_requested_at is null then
		raise exception 'a requested_datetime is required' using errcode = 'WD005';
	end if;
	if p_rating is not null and p_rating not between 1 and 5 then
		raise exception 'a rating is 1 to 5 (got %)', p_rating using errcode = 'WD005';
	end if;

	select * into c from cases where external_id = v_ext for update;
	if found then
		if c.ward_id <> o.ward_id then
			raise exception 'external id % belongs to another ward', v_ext using errcode = 'WD003';
		end if;
		-- the feed may carry the reporter's rating of a result we sent
		if p_rating is not null and c.state = 'resolved'
		   and (c.rating is distinct from p_rating
		        or c.rating_comment is distinct from normalize(nullif(btrim(p_rating_comment), ''), nfc)) then
			perform set_action('rate', nullif(btrim(p_rating_comment), ''));
			update cases set rating = p_rating, rating_comment = nullif(btrim(p_rating_comment), '')
			 where id = c.id returning * into c;
			perform set_action(null, null);
		end if;
		return query select c.ref, false, c.flags;
		return;
	end if;

	select m.category into v_cat from service_code_map m join categories k on k.code = m.category
	 where m.service_code = v_code and v_code <> '*' and k.active;
	if not found then
		select m.category into v_cat from service_code_map m where m.service_code = '*';
		v_cat := coalesce(v_cat, 'KHAC');
		v_flags := array['unknown_service_code:' || coalesce(nullif(v_code, ''), '(none)')];
	end if;

	perform set_config('wardesk.intake_flags', v_flags::text, true);
	perform set_config('wardesk.intake_service_code', v_code, true);
	c := report(p_category => v_cat, p_description => p_description, p_address => p_address,
	            p_channel => 'app', p_received_at => p_requested_at, p_lat => p_lat, p_lon => p_lon,
	            p_media => case when nullif(btrim(p_media_url), '') is null then null
	                            else array[btrim(p_media_url)] end,
	            p_external_id => v_ext);
	perform set_config('wardesk.intake_flags', '', true);
	perform set_config('wardesk.intake_service_code', '', true);

	-- Already closed in the app: record it resolved, with the app's note.
	if v_status = 'closed' then
		v_note := coalesce(nullif(btrim(p_status_notes), ''), 'Closed in the app before import');
		perform set_action('take', 'closed in the app before import');
		update cases set state = 'in_progress', owner = o.login where id = c.id;
		perform set_action('close', v_note);
		update cases
		   set state = 'resolved', resolution_note = v_note, close_reason = 'done',
		       closed_at = least(wardesk.now(), greatest(received_at, coalesce(p_updated_at, wardesk.now()))),
		       rating = p_rating, rating_comment = case when p_rating is not null
		                                                then nullif(btrim(p_rating_comment), '') end
		 where id = c.id
		returning * into c;
		perform set_action(null, null);
	end if;
	return query select c.ref, true, c.flags;
end $$;


ALTER FUNCTION wardesk.import_request(p_external_id text, p_service_code text, p_description text, p_requested_at timestamp with time zone, p_address text, p_lat double precision, p_lon double precision, p_media_url text, p_status text, p_status_notes text, p_updated_at timestamp with time zone, p_rating integer, p_rating_comment text) OWNER TO wardesk_owner;

--
-- Name: is_blank(text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.is_blank(p text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ select p is null or p !~ '[^[:space:]]' $$;


ALTER FUNCTION wardesk.is_blank(p text) OWNER TO wardesk_owner;

--
-- Name: is_superuser(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.is_superuser() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$ select coalesce((select rolsuper from pg_roles where rolname = session_user), false) $$;


ALTER FUNCTION wardesk.is_superuser() OWNER TO wardesk_owner;

--
-- Name: likely_duplicates(text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.likely_duplicates(p_ref text) RETURNS TABLE(ref text, state text, received_at timestamp with time zone, distance_m double precision, same_address boolean, address text, description text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
	c cases := find_case(p_ref, me());
begin
	return query
	select d.ref, x.state, x.received_at, d.distance_m, d.same_address, x.address, x.description
	  from dup_candidates(c.ward_id, c.category, c.received_at, c.lat, c.lon, c.address, c.id) d
	  join cases x on x.id = d.id;
end $$;


ALTER FUNCTION wardesk.likely_duplicates(p_ref text) OWNER TO wardesk_owner;

--
-- Name: lock_case(text, wardesk.officers); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.lock_case(p_ref text, o wardesk.officers) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.lock_case(p_ref text, o wardesk.officers) OWNER TO wardesk_owner;

--
-- Name: me(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.me() RETURNS wardesk.officers
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$ select * from officers where login = session_user::text $$;


ALTER FUNCTION wardesk.me() OWNER TO wardesk_owner;

--
-- Name: merge(text, text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.merge(p_dup_ref text, p_into_ref text, p_note text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	d cases;
	t cases;
	v_note text;
begin
	d := find_case(p_dup_ref, o);
	o := require_officer(array['officer', 'chair'], 'merge cases');
	t := find_case(p_into_ref, o);
	-- lock both in id order (no deadlock between A->B and B->A)
	perform 1 from cases where id in (d.id, t.id) order by id for update;
	select * into d from cases where id = d.id;
	select * into t from cases where id = t.id;
	if d.id = t.id then
		raise exception '% cannot be merged into itself', d.ref using errcode = 'WD005';
	end if;
	if d.state = 'resolved' then
		raise exception '% is resolved; reopen it first', d.ref using errcode = 'WD003';
	end if;
	if t.close_reason = 'duplicate' then
		raise exception '% is itself a duplicate of %; merge into that one', t.ref,
			(select ref from cases where id = t.duplicate_of) using errcode = 'WD003';
	end if;
	if d.state = 'in_progress' and d.owner <> o.login and o.role <> 'chair' then
		raise exception '% is held by %; only the holder or the ward chair can merge it',
			d.ref, holder_text(d.owner)
			using errcode = 'WD006', detail = 'holder=' || d.owner;
	end if;
	v_note := coalesce(nullif(btrim(p_note), ''), 'Trùng với phản ánh ' || t.ref);

	if d.state in ('new', 'reopened') then
		perform set_action('take', 'taken to merge into ' || t.ref);
		update cases set state = 'in_progress', owner = o.login where id = d.id;
	end if;
	perform set_action('close', v_note);
	update cases
	   set state = 'resolved', resolution_note = v_note, close_reason = 'duplicate',
	       duplicate_of = t.id, closed_at = wardesk.now()
	 where id = d.id;
	perform set_action(null, null);

	insert into case_reporters(case_id, ward_id, from_case_id, channel, external_id, reporter_name,
	                           reporter_phone, note)
	select t.id, t.ward_id, d.id, d.channel, d.external_id, d.reporter_name, d.reporter_phone, v_note
	union all
	select t.id, t.ward_id, coalesce(r.from_case_id, d.id), r.channel, r.external_id, r.reporter_name,
	       r.reporter_phone, r.note
	  from case_reporters r where r.case_id = d.id;

	return touch_case(t.id, 'merge', d.ref || ' merged into this case: ' || v_note,
	                  'likely_duplicate:' || d.ref);
end $$;


ALTER FUNCTION wardesk.merge(p_dup_ref text, p_into_ref text, p_note text) OWNER TO wardesk_owner;

--
-- Name: my_permissions(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.my_permissions() RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select coalesce(array_agg(a order by o), '{}')
	  from unnest(action_names()) with ordinality as t(a, o)
	 where can(a)
$$;


ALTER FUNCTION wardesk.my_permissions() OWNER TO wardesk_owner;

--
-- Name: my_ward(); Type: FUNCTION; Schema: wardesk; Owner: postgres
--

CREATE FUNCTION wardesk.my_ward() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$ select ward_id from wardesk.officers where login = session_user::text $$;


ALTER FUNCTION wardesk.my_ward() OWNER TO postgres;

--
-- Name: normalize_phone(text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.normalize_phone(p_phone text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
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
end $_$;


ALTER FUNCTION wardesk.normalize_phone(p_phone text) OWNER TO wardesk_owner;

--
-- Name: notify_shift(text, bigint, integer, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.notify_shift(p_kind text, p_id bigint, p_ward integer, p_op text) RETURNS void
    LANGUAGE sql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select pg_notify('wardesk_shift',
		format('{"kind":%s,"id":%s,"ward":%s,"op":%s}', to_json(p_kind), p_id, p_ward, to_json(p_op)))
$$;


ALTER FUNCTION wardesk.notify_shift(p_kind text, p_id bigint, p_ward integer, p_op text) OWNER TO wardesk_owner;

--
-- Name: officer_add(text, text, text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.officer_add(p_login text, p_full_name text, p_role text, p_ward_code text DEFAULT NULL::text) RETURNS wardesk.officers
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
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
end $_$;


ALTER FUNCTION wardesk.officer_add(p_login text, p_full_name text, p_role text, p_ward_code text) OWNER TO wardesk_owner;

--
-- Name: on_duty(integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.on_duty(p_ward integer) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select o.login from officers o
	 where o.ward_id = p_ward and o.active and o.role = 'officer'
	   and (exists (select from shifts s where s.officer = o.login and s.ended_at is null)
	        or not exists (select from shifts s join officers x on x.login = s.officer
	                        where s.ward_id = p_ward and s.ended_at is null and x.role = 'officer'))
	 order by o.login
$$;


ALTER FUNCTION wardesk.on_duty(p_ward integer) OWNER TO wardesk_owner;

--
-- Name: rate(text, integer, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.rate(p_ref text, p_score integer, p_comment text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'record ratings');
	if c.state <> 'resolved' then
		raise exception '% is not resolved (it is %); a rating is for the result', c.ref,
			replace(c.state, '_', ' ') using errcode = 'WD003';
	end if;
	if p_score is null or p_score not between 1 and 5 then
		raise exception 'a rating is 1 to 5 (got %)', coalesce(p_score::text, 'none') using errcode = 'WD005';
	end if;
	perform set_action('rate', nullif(btrim(p_comment), ''));
	update cases set rating = p_score, rating_comment = nullif(btrim(p_comment), '')
	 where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;


ALTER FUNCTION wardesk.rate(p_ref text, p_score integer, p_comment text) OWNER TO wardesk_owner;

--
-- Name: reassign_all(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.reassign_all(p_from text, p_to text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := require_officer(array['chair'], 'reassign cases');
	v_from text := lower(btrim(p_from));
	r record;
	n int := 0;
begin
	if not exists (select from officers where login = v_from and ward_id = o.ward_id) then
		raise exception 'no officer % in this ward', coalesce(p_from, '(none)') using errcode = 'WD005';
	end if;
	for r in select ref from cases where owner = v_from and state = 'in_progress'
	          order by deadline_at, id for update loop
		perform assign(r.ref, p_to, null);
		n := n + 1;
	end loop;
	return n;
end $$;


ALTER FUNCTION wardesk.reassign_all(p_from text, p_to text) OWNER TO wardesk_owner;

--
-- Name: refuse_resolved(wardesk.cases); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.refuse_resolved(c wardesk.cases) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
begin
	if c.state = 'resolved' then
		raise exception '% is resolved; reopen it first', c.ref using errcode = 'WD003';
	end if;
end $$;


ALTER FUNCTION wardesk.refuse_resolved(c wardesk.cases) OWNER TO wardesk_owner;

--
-- Name: reopen(text, integer, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.reopen(p_ref text, p_seen integer DEFAULT NULL::integer, p_note text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := me();
	c cases;
	v_min int;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['chair'], 'reopen cases');
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


ALTER FUNCTION wardesk.reopen(p_ref text, p_seen integer, p_note text) OWNER TO wardesk_owner;

--
-- Name: report(text, text, text, text, text, text, timestamp with time zone, double precision, double precision, text[], text, text, boolean); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.report(p_category text, p_description text, p_address text DEFAULT NULL::text, p_phone text DEFAULT NULL::text, p_name text DEFAULT NULL::text, p_channel text DEFAULT NULL::text, p_received_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_lat double precision DEFAULT NULL::double precision, p_lon double precision DEFAULT NULL::double precision, p_media text[] DEFAULT NULL::text[], p_external_id text DEFAULT NULL::text, p_hotline_line text DEFAULT NULL::text, p_callback boolean DEFAULT false) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
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
end $_$;


ALTER FUNCTION wardesk.report(p_category text, p_description text, p_address text, p_phone text, p_name text, p_channel text, p_received_at timestamp with time zone, p_lat double precision, p_lon double precision, p_media text[], p_external_id text, p_hotline_line text, p_callback boolean) OWNER TO wardesk_owner;

--
-- Name: require_officer(text[], text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.require_officer(p_roles text[], p_what text) RETURNS wardesk.officers
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.require_officer(p_roles text[], p_what text) OWNER TO wardesk_owner;

--
-- Name: role_text(text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.role_text(p_role text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
	select case p_role when 'hotline' then 'hotline operator'
	                   when 'officer' then 'duty officer'
	                   when 'chair' then 'ward chair' else coalesce(p_role, 'nobody') end
$$;


ALTER FUNCTION wardesk.role_text(p_role text) OWNER TO wardesk_owner;

--
-- Name: service_code_set(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.service_code_set(p_code text, p_category text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
declare
	v_code text := upper(btrim(coalesce(p_code, '')));
	v_cat text := upper(btrim(p_category));
begin
	if not is_superuser() then
		perform require_officer(array['chair'], 'edit the service code map');
	end if;
	if v_code !~ '^([A-Z0-9_.-]{1,32}|\*)$' then
		raise exception 'service code "%" is not usable (letters, digits, _ . -; or * for the default)', p_code
			using errcode = 'WD005';
	end if;
	if v_cat is null then
		if v_code = '*' then
			raise exception 'the default (*) cannot be removed' using errcode = 'WD005';
		end if;
		delete from service_code_map where service_code = v_code;
		return;
	end if;
	if not exists (select from categories where code = v_cat) then
		raise exception 'unknown category %', p_category using errcode = 'WD005';
	end if;
	insert into service_code_map(service_code, category) values (v_code, v_cat)
	on conflict (service_code) do update set category = excluded.category;
end $_$;


ALTER FUNCTION wardesk.service_code_set(p_code text, p_category text) OWNER TO wardesk_owner;

--
-- Name: session_all_wards(); Type: FUNCTION; Schema: wardesk; Owner: postgres
--

CREATE FUNCTION wardesk.session_all_wards() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
	if coalesce((select rolsuper from pg_roles where rolname = session_user), false) then
		return true;
	end if;
	if exists (select from pg_roles where rolname = 'wardesk_sweeper') then
		return pg_has_role(session_user, 'wardesk_sweeper', 'member');
	end if;
	return false;
end $$;


ALTER FUNCTION wardesk.session_all_wards() OWNER TO postgres;

--
-- Name: set_action(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.set_action(p_action text, p_note text) RETURNS void
    LANGUAGE sql
    AS $$
	select set_config('wardesk.action', coalesce(p_action, ''), true),
	       set_config('wardesk.note', coalesce(p_note, ''), true);
$$;


ALTER FUNCTION wardesk.set_action(p_action text, p_note text) OWNER TO wardesk_owner;

--
-- Name: setting_int(text, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.setting_int(p_key text, p_default integer) RETURNS integer
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$ select coalesce((select value::int from settings where key = p_key), p_default) $$;


ALTER FUNCTION wardesk.setting_int(p_key text, p_default integer) OWNER TO wardesk_owner;

--
-- Name: settings; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.settings (
    key text NOT NULL,
    value text NOT NULL,
    description text DEFAULT ''::text NOT NULL,
    updated_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    updated_by text,
    CONSTRAINT settings_key_check CHECK ((key ~ '^[a-z][a-z0-9_]*$'::text))
);


ALTER TABLE wardesk.settings OWNER TO wardesk_owner;

--
-- Name: setting_set(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.setting_set(p_key text, p_value text) RETURNS wardesk.settings
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
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
end $_$;


ALTER FUNCTION wardesk.setting_set(p_key text, p_value text) OWNER TO wardesk_owner;

--
-- Name: shifts; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.shifts (
    id bigint NOT NULL,
    officer text NOT NULL,
    ward_id integer NOT NULL,
    started_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    ended_at timestamp with time zone,
    CONSTRAINT shifts_end_after_start CHECK (((ended_at IS NULL) OR (ended_at >= started_at)))
);

ALTER TABLE ONLY wardesk.shifts FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.shifts OWNER TO wardesk_owner;

--
-- Name: shift_end(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.shift_end() RETURNS wardesk.shifts
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'end a shift');
	s shifts;
begin
	update shifts set ended_at = greatest(started_at, wardesk.now())
	 where officer = o.login and ended_at is null
	returning * into s;
	if not found then
		raise exception 'you are not on duty (no shift started)' using errcode = 'WD003';
	end if;
	perform notify_shift('shift', s.id, s.ward_id, 'end');
	return s;
end $$;


ALTER FUNCTION wardesk.shift_end() OWNER TO wardesk_owner;

--
-- Name: shift_start(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.shift_start() RETURNS wardesk.shifts
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'start a shift');
	s shifts;
begin
	select * into s from shifts where officer = o.login and ended_at is null for update;
	if found then
		raise exception 'you are already on duty since %',
			to_char(s.started_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM HH24:MI')
			using errcode = 'WD003', detail = 'shift=' || s.id;
	end if;
	insert into shifts(officer, ward_id) values (o.login, o.ward_id) returning * into s;
	perform notify_shift('shift', s.id, s.ward_id, 'start');
	return s;
end $$;


ALTER FUNCTION wardesk.shift_start() OWNER TO wardesk_owner;

--
-- Name: stats(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.stats(p_from timestamp with time zone, p_to timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	v jsonb;
begin
	if p_from is null or p_to is null or p_to <= p_from then
		raise exception 'the statistics period must end after it starts' using errcode = 'WD005';
	end if;
	if p_to - p_from > interval '400 days' then
		raise exception 'the statistics period is at most 400 days' using errcode = 'WD005';
	end if;
	with res as (
		select c.*, extract(epoch from c.closed_at - c.received_at)::double precision as secs,
		       c.closed_at <= c.deadline_at as on_time
		  from cases c
		 where c.closed_at >= p_from and c.closed_at < p_to
	), rec as (
		select * from cases c where c.received_at >= p_from and c.received_at < p_to
	), opn as (
		select * from cases c
		 where c.received_at < p_to and (c.closed_at is null or c.closed_at >= p_to)
	), hours as (
		select h from generate_series(
			date_trunc('hour', p_from at time zone 'Asia/Ho_Chi_Minh') at time zone 'Asia/Ho_Chi_Minh',
			p_to - interval '1 microsecond', interval '1 hour') as g(h)
	)
	select jsonb_build_object(
		'from', extract(epoch from p_from)::bigint,
		'to', extract(epoch from p_to)::bigint,
		'received', (select count(*) from rec),
		'resolved', (select count(*) from res),
		'open', (select count(*) from opn),
		'on_time', (select count(*) from res where on_time),
		'on_time_rate', (select case when count(*) > 0
		                             then (count(*) filter (where on_time))::double precision / count(*) end
		                   from res),
		'median_secs', (select percentile_cont(0.5) within group (order by secs) from res),
		'p90_secs', (select percentile_cont(0.9) within group (order by secs) from res),
		'rating_avg', (select avg(rating)::double precision from res where rating is not null),
		'rating_count', (select count(rating) from res),
		'by_category', (select coalesce(jsonb_agg(to_jsonb(x) - 'sort' order by x.sort, x.code), '[]') from (
			select k.code, k.name_vi, k.name_en, k.sort,
			       (select count(*) from rec where rec.category = k.code) as received,
			       count(res.id) as resolved,
			       count(res.id) filter (where res.on_time) as on_time,
			       percentile_cont(0.5) within group (order by res.secs) as median_secs,
			       avg(res.rating)::double precision as rating_avg
			  from categories k left join res on res.category = k.code
			 group by k.code
			having count(res.id) > 0 or (select count(*) from rec where rec.category = k.code) > 0) x),
		'by_channel', (select coalesce(jsonb_agg(x order by x.channel), '[]') from (
			select ch.channel,
			       (select count(*) from rec where rec.channel = ch.channel) as received,
			       (select count(*) from res where res.channel = ch.channel) as resolved,
			       (select count(*) from res where res.channel = ch.channel and res.on_time) as on_time,
			       (select percentile_cont(0.5) within group (order by secs) from res
			         where res.channel = ch.channel) as median_secs
			  from (select channel from rec union select channel from res) ch) x),
		'by_officer', (select coalesce(jsonb_agg(x order by x.login), '[]') from (
			select res.owner as login, min(o.full_name) as full_name,
			       count(*) as resolved,
			       count(*) filter (where res.on_time) as on_time,
			       percentile_cont(0.5) within group (order by res.secs) as median_secs,
			       avg(res.rating)::double precision as rating_avg,
			       count(res.rating) as rating_count
			  from res left join officers o on o.login = res.owner
			 group by res.owner) x),
		'late', (select coalesce(jsonb_agg(x order by x.deadline, x.ref), '[]') from (
			select ref, category, owner, state,
			       extract(epoch from deadline_at)::bigint as deadline,
			       extract(epoch from closed_at)::bigint as closed,
			       extract(epoch from closed_at - deadline_at)::bigint as delay_secs,
			       to_jsonb(res) ->> 'delay_reason' as delay_reason
			  from res where not on_time
			union all
			select ref, category, owner, state,
			       extract(epoch from deadline_at)::bigint,
			       null::bigint,
			       extract(epoch from p_to - deadline_at)::bigint,
			       to_jsonb(opn) ->> 'delay_reason'
			  from opn where deadline_at < p_to) x),
		'hourly', (select coalesce(jsonb_agg(jsonb_build_object(
				'hour', extract(epoch from hours.h)::bigint,
				'received', (select count(*) from rec where rec.received_at >= hours.h
				                                        and rec.received_at < hours.h + interval '1 hour'),
				'resolved', (select count(*) from res where res.closed_at >= hours.h
				                                        and res.closed_at < hours.h + interval '1 hour'))
			order by hours.h), '[]') from hours)
	) into v;
	return v;
end $$;


ALTER FUNCTION wardesk.stats(p_from timestamp with time zone, p_to timestamp with time zone) OWNER TO wardesk_owner;

--
-- Name: sweep(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.sweep() RETURNS TABLE(at timestamp with time zone, case_id bigint, ref text, action text, escalation integer, alerted text[])
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
	v_now timestamptz := wardesk.now();
	v_remind interval := make_interval(mins => greatest(setting_int('remind_min', 10), 1));
	v_grace interval := make_interval(mins => greatest(setting_int('unowned_grace_min', 10), 0));
	c cases;
	v_step text;
	v_to text[];
	v_ward int;
begin
	-- one sweeper per ward of the caller (all wards: 0, a superuser)
	v_ward := coalesce((select ward_id from officers where login = session_user::text), 0);
	if not pg_try_advisory_xact_lock(hashtext('wardesk.sweep'), v_ward) then
		return;
	end if;
	at := v_now;
	-- open cases with something due, oldest deadline first; a row another
	-- transaction holds is left for the next sweep
	for c in
		select x.* from cases x join categories k on k.code = x.category
		 where x.state <> 'resolved'
		   and (v_ward = 0 or x.ward_id = v_ward)
		   -- implied by the conditions below; lets cases_sweep_todo serve
		   and (x.warned_at is null or x.overdue_at is null
		        or (x.escalation >= 1 and x.ack_at is null)
		        or (x.escalated_at is null and x.escalation = 0))
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


ALTER FUNCTION wardesk.sweep() OWNER TO wardesk_owner;

--
-- Name: take(text, integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.take(p_ref text, p_seen integer DEFAULT NULL::integer) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
declare
	o officers;
	c cases;
	v_ref text;
	v_holder_name text;
	r record;
begin
	-- the acting officer (me()), read once; every query on an RLS table costs
	-- two policy-function calls, so the fast path runs only this and the UPDATE
	select * into o from officers where login = session_user::text;
	-- canon_ref(p_ref, o.ward_id), without a query for the usual 'BT-12'
	if btrim(p_ref) ~ '^[0-9]+$' then
		v_ref := canon_ref(p_ref, o.ward_id);
	else
		v_ref := upper(btrim(p_ref));
	end if;
	-- the officer/role check first, without any lock: only an active officer
	-- or chair gets the fast path (everyone else gets 001's errors below)
	if o.login is not null and o.active and o.role in ('officer', 'chair') then
		perform set_action('take', null);
		update cases set state = 'in_progress', owner = o.login
		 where ref = v_ref and ward_id = o.ward_id
		   and state in ('new', 'reopened') and owner is null
		   and (p_seen is null or version = p_seen)
		returning * into c;
		perform set_action(null, null);
		if c.id is not null then
			return c;
		end if;
	end if;

	-- Why not: read the case (and its holder's name) without a lock, in a new
	-- statement (so after the winner's commit) and raise as 001 did, in its
	-- order: lock_case, require_officer, refuse_resolved, held, check_seen.
	select x as c, h.full_name as holder_name into r
	  from cases x left join officers h on h.login = x.owner
	 where x.ref = v_ref;
	c := r.c;
	v_holder_name := r.holder_name;
	if c.id is null or (o.login is not null and c.ward_id <> o.ward_id) then
		raise exception 'no case %', coalesce(v_ref, p_ref, '(none)') using errcode = 'WD004';
	end if;
	if o.login is null or not o.active or not (o.role in ('officer', 'chair')) then
		o := require_officer(array['officer', 'chair'], 'take cases');   -- raises WD006
	end if;
	perform refuse_resolved(c);
	if c.state = 'in_progress' then
		if c.owner = o.login then
			raise exception '% is already yours', c.ref using errcode = 'WD003';
		end if;
		-- holder_text(c.owner)
		raise exception '% is already held by %', c.ref,
			c.owner || coalesce(' (' || v_holder_name || ')', '')
			using errcode = 'WD001', detail = 'holder=' || c.owner;
	end if;
	perform check_seen(c, p_seen);

	-- Rare: every check passed, so the case changed between the UPDATE and
	-- the read (e.g. released and reopened).  Take it as 001 did, under the
	-- row lock.
	c := lock_case(p_ref, o);
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
end $_$;


ALTER FUNCTION wardesk.take(p_ref text, p_seen integer) OWNER TO wardesk_owner;

--
-- Name: tg_alerts_notify(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_alerts_notify() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
begin
	perform pg_notify('wardesk_alert',
		format('{"id":%s,"case":%s,"kind":%s,"to":%s}', new.id, new.case_id,
		       to_json(new.kind), to_json(new.recipient)));
	return null;
end $$;


ALTER FUNCTION wardesk.tg_alerts_notify() OWNER TO wardesk_owner;

--
-- Name: tg_append_only(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
begin
	raise exception '%.% is append-only: % is not allowed', tg_table_schema, tg_table_name, tg_op
		using errcode = '42501';
end $$;


ALTER FUNCTION wardesk.tg_append_only() OWNER TO wardesk_owner;

--
-- Name: tg_cases_alerts(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_cases_alerts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.tg_cases_alerts() OWNER TO wardesk_owner;

--
-- Name: tg_cases_audit(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_cases_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.tg_cases_audit() OWNER TO wardesk_owner;

--
-- Name: tg_cases_before_update(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_cases_before_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.tg_cases_before_update() OWNER TO wardesk_owner;

--
-- Name: tg_cases_chain(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_cases_chain() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.tg_cases_chain() OWNER TO wardesk_owner;

--
-- Name: tg_cases_intake_flags(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_cases_intake_flags() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	v_extra text := nullif(current_setting('wardesk.intake_flags', true), '');
	v_dups text[];
begin
	if v_extra is not null then
		new.flags := new.flags || v_extra::text[];
		perform set_config('wardesk.intake_flags', '', true);
	end if;
	if nullif(current_setting('wardesk.intake_service_code', true), '') is not null then
		new.service_code := current_setting('wardesk.intake_service_code', true);
		perform set_config('wardesk.intake_service_code', '', true);
	end if;
	select array_agg('likely_duplicate:' || d.ref) into v_dups
	  from (select ref from dup_candidates(new.ward_id, new.category, new.received_at, new.lat, new.lon,
	                                       new.address, null) limit 3) d;
	if v_dups is not null then
		new.flags := new.flags || v_dups;
	end if;
	return new;
end $$;


ALTER FUNCTION wardesk.tg_cases_intake_flags() OWNER TO wardesk_owner;

--
-- Name: tg_cases_roles(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_cases_roles() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	v_action text := nullif(current_setting('wardesk.action', true), '');
	o officers;
begin
	if v_action = 'escalate' and new.escalation > old.escalation then
		select * into o from officers where login = session_user::text;
		if o.role = 'officer' and old.owner is not null and old.owner <> o.login then
			raise exception '% is held by %; only the holder or the ward chair can escalate it',
				old.ref, holder_text(old.owner)
				using errcode = 'WD001', detail = 'holder=' || old.owner;
		end if;
	end if;
	return new;
end $$;


ALTER FUNCTION wardesk.tg_cases_roles() OWNER TO wardesk_owner;

--
-- Name: tg_nfc(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.tg_nfc() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
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


ALTER FUNCTION wardesk.tg_nfc() OWNER TO wardesk_owner;

--
-- Name: touch_case(bigint, text, text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.touch_case(p_id bigint, p_action text, p_note text, p_drop_flag text DEFAULT NULL::text) RETURNS wardesk.cases
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
declare
	c cases;
begin
	perform set_action(p_action, p_note);
	update cases set flags = array_remove(flags, p_drop_flag) where id = p_id returning * into c;
	perform set_action(null, null);
	return c;
end $$;


ALTER FUNCTION wardesk.touch_case(p_id bigint, p_action text, p_note text, p_drop_flag text) OWNER TO wardesk_owner;

--
-- Name: wards; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.wards (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    next_seq integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    CONSTRAINT wards_code_check CHECK ((code ~ '^[A-Z]{1,8}$'::text)),
    CONSTRAINT wards_name_check CHECK ((name ~ '[^[:space:]]'::text)),
    CONSTRAINT wards_next_seq_check CHECK ((next_seq > 0))
);


ALTER TABLE wardesk.wards OWNER TO wardesk_owner;

--
-- Name: ward_add(text, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.ward_add(p_code text, p_name text) RETURNS wardesk.wards
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $_$
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
end $_$;


ALTER FUNCTION wardesk.ward_add(p_code text, p_name text) OWNER TO wardesk_owner;

--
-- Name: ward_chairs(integer); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.ward_chairs(p_ward integer) RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$ select login from officers where ward_id = p_ward and active and role = 'chair' order by login $$;


ALTER FUNCTION wardesk.ward_chairs(p_ward integer) OWNER TO wardesk_owner;

--
-- Name: whoami(); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.whoami() RETURNS TABLE(login text, full_name text, role text, ward_id integer, ward_code text, ward_name text, active boolean, open_cases integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select o.login, o.full_name, o.role, o.ward_id, w.code, w.name, o.active,
	       (select count(*)::int from cases c where c.owner = o.login and c.state = 'in_progress')
	  from officers o join wards w on w.id = o.ward_id
	 where o.login = session_user::text
$$;


ALTER FUNCTION wardesk.whoami() OWNER TO wardesk_owner;

--
-- Name: window_summary(timestamp with time zone, timestamp with time zone, text); Type: FUNCTION; Schema: wardesk; Owner: wardesk_owner
--

CREATE FUNCTION wardesk.window_summary(p_from timestamp with time zone, p_to timestamp with time zone, p_officer text DEFAULT NULL::text) RETURNS TABLE(received integer, resolved integer, resolved_by integer, late integer, late_refs text[])
    LANGUAGE sql STABLE
    SET search_path TO 'wardesk', 'pg_temp'
    AS $$
	select (select count(*)::int from cases where received_at >= p_from and received_at < p_to),
	       (select count(*)::int from cases where closed_at >= p_from and closed_at < p_to),
	       (select count(*)::int from cases where closed_at >= p_from and closed_at < p_to
	                                          and owner = p_officer),
	       (select count(*)::int from cases where deadline_at >= p_from and deadline_at < p_to
	                                          and (closed_at is null or closed_at > deadline_at)),
	       (select coalesce(array_agg(ref order by deadline_at, id), '{}') from cases
	         where deadline_at >= p_from and deadline_at < p_to
	           and (closed_at is null or closed_at > deadline_at))
$$;


ALTER FUNCTION wardesk.window_summary(p_from timestamp with time zone, p_to timestamp with time zone, p_officer text) OWNER TO wardesk_owner;

--
-- Name: alerts; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.alerts (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    ward_id integer NOT NULL,
    kind text NOT NULL,
    recipient text NOT NULL,
    level smallint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    recorded_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor text DEFAULT SESSION_USER NOT NULL,
    delivered_at timestamp with time zone,
    CONSTRAINT alerts_kind_check CHECK ((kind = ANY (ARRAY['new'::text, 'assigned'::text, 'warning'::text, 'escalation'::text, 'overdue'::text, 'reminder'::text])))
);

ALTER TABLE ONLY wardesk.alerts FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.alerts OWNER TO wardesk_owner;

--
-- Name: alerts_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.alerts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.alerts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: case_events; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.case_events (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    ward_id integer NOT NULL,
    at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    recorded_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    version integer NOT NULL,
    old jsonb,
    new jsonb,
    note text
);

ALTER TABLE ONLY wardesk.case_events FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.case_events OWNER TO wardesk_owner;

--
-- Name: case_events_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.case_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.case_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: case_list; Type: VIEW; Schema: wardesk; Owner: wardesk_owner
--

CREATE VIEW wardesk.case_list WITH (security_invoker='true') AS
 SELECT c.id,
    c.ward_id,
    c.ref,
    c.channel,
    c.external_id,
    c.category,
    c.description,
    c.address,
    c.lat,
    c.lon,
    c.reporter_name,
    c.reporter_phone,
    c.hotline_line,
    c.callback_wanted,
    c.media_urls,
    c.received_at,
    c.deadline_at,
    c.state,
    c.owner,
    c.escalation,
    c.resolution_note,
    c.close_reason,
    c.duplicate_of,
    c.closed_at,
    c.rating,
    c.rating_comment,
    c.version,
    c.created_at,
    c.updated_at,
    c.flags,
    c.service_code,
    c.warned_at,
    c.escalated_at,
    c.overdue_at,
    c.ack_by,
    c.ack_at,
    c.last_alert_at,
    c.delay_reason,
    c.apology_note,
    k.name_vi AS category_vi,
    k.name_en AS category_en,
    k.deadline_min,
    k.warn_min,
    k.escalate_min,
    o.full_name AS owner_name,
    w.code AS ward_code,
    d.ref AS duplicate_of_ref,
        CASE
            WHEN (c.state = 'resolved'::text) THEN NULL::text
            WHEN (c.deadline_at <= ( SELECT wardesk.now() AS now)) THEN 'overdue'::text
            WHEN (c.deadline_at <= (( SELECT wardesk.now() AS now) + make_interval(mins => k.escalate_min))) THEN 'critical'::text
            WHEN (c.deadline_at <= (( SELECT wardesk.now() AS now) + make_interval(mins => k.warn_min))) THEN 'warn'::text
            ELSE 'ok'::text
        END AS due,
        CASE
            WHEN (c.state = 'resolved'::text) THEN (c.closed_at > c.deadline_at)
            ELSE NULL::boolean
        END AS late
   FROM ((((wardesk.cases c
     JOIN wardesk.categories k ON ((k.code = c.category)))
     JOIN wardesk.wards w ON ((w.id = c.ward_id)))
     LEFT JOIN wardesk.officers o ON ((o.login = c.owner)))
     LEFT JOIN wardesk.cases d ON ((d.id = c.duplicate_of)));


ALTER TABLE wardesk.case_list OWNER TO wardesk_owner;

--
-- Name: case_reporters; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.case_reporters (
    id bigint NOT NULL,
    case_id bigint NOT NULL,
    ward_id integer NOT NULL,
    from_case_id bigint,
    channel text,
    external_id text,
    reporter_name text,
    reporter_phone text,
    note text,
    added_at timestamp with time zone DEFAULT wardesk.now() NOT NULL,
    added_by text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT case_reporters_reporter_phone_check CHECK ((reporter_phone ~ '^0[0-9]{9,10}$'::text))
);

ALTER TABLE ONLY wardesk.case_reporters FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.case_reporters OWNER TO wardesk_owner;

--
-- Name: case_reporters_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.case_reporters ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.case_reporters_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cases_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.cases ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.cases_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: delay_reasons; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.delay_reasons (
    code text NOT NULL,
    name_vi text NOT NULL,
    name_en text NOT NULL,
    sort integer DEFAULT 0 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT delay_reasons_code_check CHECK ((code ~ '^[A-Z][A-Z0-9_]{0,15}$'::text)),
    CONSTRAINT delay_reasons_name_en_check CHECK ((name_en ~ '[^[:space:]]'::text)),
    CONSTRAINT delay_reasons_name_vi_check CHECK ((name_vi ~ '[^[:space:]]'::text))
);


ALTER TABLE wardesk.delay_reasons OWNER TO wardesk_owner;

--
-- Name: handover_cases; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.handover_cases (
    handover_id bigint NOT NULL,
    case_id bigint NOT NULL,
    ward_id integer NOT NULL,
    included boolean DEFAULT true NOT NULL,
    state text NOT NULL,
    deadline_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    moved boolean
);

ALTER TABLE ONLY wardesk.handover_cases FORCE ROW LEVEL SECURITY;


ALTER TABLE wardesk.handover_cases OWNER TO wardesk_owner;

--
-- Name: handover_list; Type: VIEW; Schema: wardesk; Owner: wardesk_owner
--

CREATE VIEW wardesk.handover_list WITH (security_invoker='true') AS
 SELECT h.id,
    h.ward_id,
    h.from_officer,
    f.full_name AS from_name,
    f.role AS from_role,
    h.to_officer,
    t.full_name AS to_name,
    t.role AS to_role,
    h.shift_id,
    s.started_at AS shift_started,
    s.ended_at AS shift_ended,
    h.note,
    h.state,
    h.created_at,
    h.acked_at,
    h.cancelled_at,
    h.cancelled_by,
    COALESCE(s.started_at, ( SELECT max(p.acked_at) AS max
           FROM wardesk.handovers p
          WHERE ((p.to_officer = h.from_officer) AND (p.acked_at <= h.created_at))), (h.created_at - '12:00:00'::interval)) AS window_from,
    COALESCE(s.ended_at, h.created_at) AS window_to,
    ( SELECT (count(*))::integer AS count
           FROM wardesk.handover_cases x
          WHERE ((x.handover_id = h.id) AND x.included)) AS n_included,
    ( SELECT (count(*))::integer AS count
           FROM wardesk.handover_cases x
          WHERE ((x.handover_id = h.id) AND (NOT x.included))) AS n_excluded
   FROM (((wardesk.handovers h
     JOIN wardesk.officers f ON ((f.login = h.from_officer)))
     JOIN wardesk.officers t ON ((t.login = h.to_officer)))
     LEFT JOIN wardesk.shifts s ON ((s.id = h.shift_id)));


ALTER TABLE wardesk.handover_list OWNER TO wardesk_owner;

--
-- Name: handovers_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.handovers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.handovers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: officer_list; Type: VIEW; Schema: wardesk; Owner: wardesk_owner
--

CREATE VIEW wardesk.officer_list WITH (security_invoker='true') AS
 SELECT o.login,
    o.full_name,
    o.role,
    o.ward_id,
    w.code AS ward_code,
    w.name AS ward_name,
    o.active,
    ( SELECT (count(*))::integer AS count
           FROM wardesk.cases c
          WHERE ((c.owner = o.login) AND (c.state = 'in_progress'::text))) AS open_cases
   FROM (wardesk.officers o
     JOIN wardesk.wards w ON ((w.id = o.ward_id)));


ALTER TABLE wardesk.officer_list OWNER TO wardesk_owner;

--
-- Name: on_duty_now; Type: VIEW; Schema: wardesk; Owner: wardesk_owner
--

CREATE VIEW wardesk.on_duty_now WITH (security_invoker='true') AS
 SELECT s.id AS shift_id,
    s.officer,
    o.full_name,
    o.role,
    s.ward_id,
    s.started_at
   FROM (wardesk.shifts s
     JOIN wardesk.officers o ON ((o.login = s.officer)))
  WHERE (s.ended_at IS NULL);


ALTER TABLE wardesk.on_duty_now OWNER TO wardesk_owner;

--
-- Name: pending_handovers; Type: VIEW; Schema: wardesk; Owner: wardesk_owner
--

CREATE VIEW wardesk.pending_handovers WITH (security_invoker='true') AS
 SELECT handover_list.id,
    handover_list.ward_id,
    handover_list.from_officer,
    handover_list.from_name,
    handover_list.from_role,
    handover_list.to_officer,
    handover_list.to_name,
    handover_list.to_role,
    handover_list.shift_id,
    handover_list.shift_started,
    handover_list.shift_ended,
    handover_list.note,
    handover_list.state,
    handover_list.created_at,
    handover_list.acked_at,
    handover_list.cancelled_at,
    handover_list.cancelled_by,
    handover_list.window_from,
    handover_list.window_to,
    handover_list.n_included,
    handover_list.n_excluded
   FROM wardesk.handover_list
  WHERE (handover_list.state = 'pending'::text);


ALTER TABLE wardesk.pending_handovers OWNER TO wardesk_owner;

--
-- Name: schema_migrations; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE wardesk.schema_migrations OWNER TO wardesk_owner;

--
-- Name: service_code_map; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.service_code_map (
    service_code text NOT NULL,
    category text NOT NULL,
    CONSTRAINT service_code_map_service_code_check CHECK (((service_code = '*'::text) OR (service_code ~ '^[A-Z0-9_.-]{1,32}$'::text)))
);


ALTER TABLE wardesk.service_code_map OWNER TO wardesk_owner;

--
-- Name: shifts_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.shifts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.shifts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: test_clock; Type: TABLE; Schema: wardesk; Owner: wardesk_owner
--

CREATE TABLE wardesk.test_clock (
    one boolean DEFAULT true NOT NULL,
    clock_offset interval DEFAULT '00:00:00'::interval NOT NULL,
    CONSTRAINT test_clock_one_check CHECK (one)
);


ALTER TABLE wardesk.test_clock OWNER TO wardesk_owner;

--
-- Name: wards_id_seq; Type: SEQUENCE; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.wards ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME wardesk.wards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Data for Name: alerts; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.alerts (id, case_id, ward_id, kind, recipient, level, created_at, recorded_at, actor, delivered_at) FROM stdin;
1	1	1	new	an	0	2026-11-30 18:15:23.833379+07	2026-12-01 21:15:23.846467+07	minh	\N
2	1	1	new	binh	0	2026-11-30 18:15:23.833379+07	2026-12-01 21:15:23.846687+07	minh	\N
3	1	1	new	cuong	0	2026-11-30 18:15:23.833379+07	2026-12-01 21:15:23.846696+07	minh	\N
4	2	1	new	an	0	2026-11-30 19:15:23.833379+07	2026-12-01 21:15:23.852518+07	minh	\N
5	2	1	new	binh	0	2026-11-30 19:15:23.833379+07	2026-12-01 21:15:23.852558+07	minh	\N
6	2	1	new	cuong	0	2026-11-30 19:15:23.833379+07	2026-12-01 21:15:23.852565+07	minh	\N
7	3	1	new	an	0	2026-11-30 20:15:23.833379+07	2026-12-01 21:15:23.85557+07	minh	\N
8	3	1	new	binh	0	2026-11-30 20:15:23.833379+07	2026-12-01 21:15:23.855617+07	minh	\N
9	3	1	new	cuong	0	2026-11-30 20:15:23.833379+07	2026-12-01 21:15:23.855623+07	minh	\N
10	4	1	new	an	0	2026-11-30 21:15:23.833379+07	2026-12-01 21:15:23.857456+07	lan	\N
11	4	1	new	binh	0	2026-11-30 21:15:23.833379+07	2026-12-01 21:15:23.857491+07	lan	\N
12	4	1	new	cuong	0	2026-11-30 21:15:23.833379+07	2026-12-01 21:15:23.857497+07	lan	\N
13	5	1	new	an	0	2026-11-30 23:15:23.833379+07	2026-12-01 21:15:23.860854+07	minh	\N
14	5	1	new	binh	0	2026-11-30 23:15:23.833379+07	2026-12-01 21:15:23.860891+07	minh	\N
15	5	1	new	cuong	0	2026-11-30 23:15:23.833379+07	2026-12-01 21:15:23.860897+07	minh	\N
16	6	1	new	an	0	2026-12-01 01:15:23.833379+07	2026-12-01 21:15:23.86668+07	lan	\N
17	6	1	new	binh	0	2026-12-01 01:15:23.833379+07	2026-12-01 21:15:23.86673+07	lan	\N
18	6	1	new	cuong	0	2026-12-01 01:15:23.833379+07	2026-12-01 21:15:23.866737+07	lan	\N
19	6	1	assigned	cuong	0	2026-12-01 01:45:23.833379+07	2026-12-01 21:15:23.86787+07	chutich	\N
20	7	1	new	an	0	2026-12-01 03:15:23.833379+07	2026-12-01 21:15:23.870468+07	minh	\N
21	7	1	new	binh	0	2026-12-01 03:15:23.833379+07	2026-12-01 21:15:23.870502+07	minh	\N
22	7	1	new	cuong	0	2026-12-01 03:15:23.833379+07	2026-12-01 21:15:23.870508+07	minh	\N
23	8	1	new	an	0	2026-12-01 12:15:23.833379+07	2026-12-01 21:15:23.872647+07	minh	\N
24	8	1	new	binh	0	2026-12-01 12:15:23.833379+07	2026-12-01 21:15:23.872675+07	minh	\N
25	8	1	new	cuong	0	2026-12-01 12:15:23.833379+07	2026-12-01 21:15:23.872681+07	minh	\N
26	9	1	new	an	0	2026-12-01 14:15:23.833379+07	2026-12-01 21:15:23.874738+07	lan	\N
27	9	1	new	binh	0	2026-12-01 14:15:23.833379+07	2026-12-01 21:15:23.87477+07	lan	\N
28	9	1	new	cuong	0	2026-12-01 14:15:23.833379+07	2026-12-01 21:15:23.874776+07	lan	\N
29	10	1	new	an	0	2026-12-01 15:15:23.833379+07	2026-12-01 21:15:23.876347+07	lan	\N
30	10	1	new	binh	0	2026-12-01 15:15:23.833379+07	2026-12-01 21:15:23.876375+07	lan	\N
31	10	1	new	cuong	0	2026-12-01 15:15:23.833379+07	2026-12-01 21:15:23.876382+07	lan	\N
32	11	1	new	an	0	2026-12-01 16:15:23.833379+07	2026-12-01 21:15:23.878805+07	minh	\N
33	11	1	new	binh	0	2026-12-01 16:15:23.833379+07	2026-12-01 21:15:23.878836+07	minh	\N
34	11	1	new	cuong	0	2026-12-01 16:15:23.833379+07	2026-12-01 21:15:23.878843+07	minh	\N
35	12	1	new	an	0	2026-12-01 17:15:23.833379+07	2026-12-01 21:15:23.880984+07	lan	\N
36	12	1	new	binh	0	2026-12-01 17:15:23.833379+07	2026-12-01 21:15:23.881022+07	lan	\N
37	12	1	new	cuong	0	2026-12-01 17:15:23.833379+07	2026-12-01 21:15:23.881028+07	lan	\N
38	13	1	new	an	0	2026-12-01 18:05:23.833379+07	2026-12-01 21:15:23.883152+07	lan	\N
39	13	1	new	binh	0	2026-12-01 18:05:23.833379+07	2026-12-01 21:15:23.883186+07	lan	\N
40	13	1	new	cuong	0	2026-12-01 18:05:23.833379+07	2026-12-01 21:15:23.883193+07	lan	\N
41	14	1	new	an	0	2026-12-01 18:15:23.833379+07	2026-12-01 21:15:23.884287+07	lan	\N
42	14	1	new	binh	0	2026-12-01 18:15:23.833379+07	2026-12-01 21:15:23.884316+07	lan	\N
43	14	1	new	cuong	0	2026-12-01 18:15:23.833379+07	2026-12-01 21:15:23.884322+07	lan	\N
44	15	1	new	an	0	2026-12-01 18:45:23.833379+07	2026-12-01 21:15:23.886396+07	lan	\N
45	15	1	new	binh	0	2026-12-01 18:45:23.833379+07	2026-12-01 21:15:23.886431+07	lan	\N
46	15	1	new	cuong	0	2026-12-01 18:45:23.833379+07	2026-12-01 21:15:23.886437+07	lan	\N
47	16	1	new	an	0	2026-12-01 19:25:23.833379+07	2026-12-01 21:15:23.887882+07	lan	\N
48	16	1	new	binh	0	2026-12-01 19:25:23.833379+07	2026-12-01 21:15:23.88791+07	lan	\N
49	16	1	new	cuong	0	2026-12-01 19:25:23.833379+07	2026-12-01 21:15:23.887917+07	lan	\N
50	17	1	new	an	0	2026-12-01 19:27:23.833379+07	2026-12-01 21:15:23.88906+07	lan	\N
51	17	1	new	binh	0	2026-12-01 19:27:23.833379+07	2026-12-01 21:15:23.889088+07	lan	\N
52	17	1	new	cuong	0	2026-12-01 19:27:23.833379+07	2026-12-01 21:15:23.889095+07	lan	\N
53	18	1	new	an	0	2026-12-01 19:31:23.833379+07	2026-12-01 21:15:23.890211+07	lan	\N
54	18	1	new	binh	0	2026-12-01 19:31:23.833379+07	2026-12-01 21:15:23.890239+07	lan	\N
55	18	1	new	cuong	0	2026-12-01 19:31:23.833379+07	2026-12-01 21:15:23.890246+07	lan	\N
56	19	1	new	an	0	2026-12-01 19:35:23.833379+07	2026-12-01 21:15:23.891838+07	lan	\N
57	19	1	new	binh	0	2026-12-01 19:35:23.833379+07	2026-12-01 21:15:23.891866+07	lan	\N
58	19	1	new	cuong	0	2026-12-01 19:35:23.833379+07	2026-12-01 21:15:23.891873+07	lan	\N
59	20	1	new	an	0	2026-12-01 19:39:23.833379+07	2026-12-01 21:15:23.892946+07	lan	\N
60	20	1	new	binh	0	2026-12-01 19:39:23.833379+07	2026-12-01 21:15:23.892973+07	lan	\N
61	20	1	new	cuong	0	2026-12-01 19:39:23.833379+07	2026-12-01 21:15:23.892985+07	lan	\N
62	18	1	assigned	binh	0	2026-12-01 19:45:23.833379+07	2026-12-01 21:15:23.893705+07	chutich	\N
63	13	1	escalation	chutich	1	2026-12-01 20:05:23.833379+07	2026-12-01 21:15:23.895436+07	binh	\N
64	21	1	new	an	0	2026-12-01 20:05:23.833379+07	2026-12-01 21:15:23.896702+07	lan	\N
65	21	1	new	binh	0	2026-12-01 20:05:23.833379+07	2026-12-01 21:15:23.89673+07	lan	\N
66	21	1	new	cuong	0	2026-12-01 20:05:23.833379+07	2026-12-01 21:15:23.896737+07	lan	\N
67	22	1	new	binh	0	2026-12-01 20:15:23.833379+07	2026-12-01 21:15:23.898152+07	an	\N
68	22	1	new	cuong	0	2026-12-01 20:15:23.833379+07	2026-12-01 21:15:23.898181+07	an	\N
69	23	1	new	an	0	2026-12-01 20:25:23.833379+07	2026-12-01 21:15:23.899684+07	minh	\N
70	23	1	new	binh	0	2026-12-01 20:25:23.833379+07	2026-12-01 21:15:23.899712+07	minh	\N
71	23	1	new	cuong	0	2026-12-01 20:25:23.833379+07	2026-12-01 21:15:23.899719+07	minh	\N
72	24	1	new	an	0	2026-12-01 20:30:23.833379+07	2026-12-01 21:15:23.901257+07	minh	\N
73	24	1	new	binh	0	2026-12-01 20:30:23.833379+07	2026-12-01 21:15:23.901284+07	minh	\N
74	24	1	new	cuong	0	2026-12-01 20:30:23.833379+07	2026-12-01 21:15:23.901291+07	minh	\N
75	24	1	escalation	chutich	1	2026-12-01 20:32:23.833379+07	2026-12-01 21:15:23.902068+07	an	\N
76	15	1	escalation	chutich	1	2026-12-01 20:35:23.833379+07	2026-12-01 21:15:23.904017+07	binh	\N
77	25	1	new	an	0	2026-12-01 20:40:23.833379+07	2026-12-01 21:15:23.905227+07	lan	\N
78	25	1	new	binh	0	2026-12-01 20:40:23.833379+07	2026-12-01 21:15:23.905255+07	lan	\N
79	25	1	new	cuong	0	2026-12-01 20:40:23.833379+07	2026-12-01 21:15:23.905262+07	lan	\N
80	26	1	new	an	0	2026-12-01 20:50:23.833379+07	2026-12-01 21:15:23.906882+07	lan	\N
81	26	1	new	binh	0	2026-12-01 20:50:23.833379+07	2026-12-01 21:15:23.90691+07	lan	\N
82	26	1	new	cuong	0	2026-12-01 20:50:23.833379+07	2026-12-01 21:15:23.906917+07	lan	\N
83	27	1	new	an	0	2026-12-01 21:03:23.833379+07	2026-12-01 21:15:23.907988+07	lan	\N
84	27	1	new	binh	0	2026-12-01 21:03:23.833379+07	2026-12-01 21:15:23.908016+07	lan	\N
85	27	1	new	cuong	0	2026-12-01 21:03:23.833379+07	2026-12-01 21:15:23.908023+07	lan	\N
86	28	1	new	an	0	2026-12-01 21:07:23.833379+07	2026-12-01 21:15:23.909304+07	lan	\N
87	28	1	new	binh	0	2026-12-01 21:07:23.833379+07	2026-12-01 21:15:23.909332+07	lan	\N
88	28	1	new	cuong	0	2026-12-01 21:07:23.833379+07	2026-12-01 21:15:23.909339+07	lan	\N
89	29	1	new	an	0	2026-12-01 21:11:23.833379+07	2026-12-01 21:15:23.910489+07	lan	\N
90	29	1	new	binh	0	2026-12-01 21:11:23.833379+07	2026-12-01 21:15:23.911143+07	lan	\N
91	29	1	new	cuong	0	2026-12-01 21:11:23.833379+07	2026-12-01 21:15:23.91115+07	lan	\N
92	30	1	new	an	0	2026-12-01 21:14:23.833379+07	2026-12-01 21:15:23.912276+07	minh	\N
93	30	1	new	binh	0	2026-12-01 21:14:23.833379+07	2026-12-01 21:15:23.91231+07	minh	\N
94	30	1	new	cuong	0	2026-12-01 21:14:23.833379+07	2026-12-01 21:15:23.912316+07	minh	\N
\.


--
-- Data for Name: case_events; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.case_events (id, case_id, ward_id, at, recorded_at, actor, action, version, old, new, note) FROM stdin;
1	1	1	2026-11-30 18:15:23.833379+07	2026-12-01 21:15:23.845241+07	minh	report	1	\N	{"id": 1, "lat": 10.8121, "lon": 106.6985, "ref": "BT-1", "flags": [], "state": "new", "address": "45/12 Nơ Trang Long, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "MT", "escalation": 0, "media_urls": ["https://example.invalid/media/0101.jpg"], "deadline_at": "2026-11-30T20:15:23.833379+07:00", "description": "Rác thải sinh hoạt đổ bừa bãi trước hẻm, bốc mùi hôi, chuột bọ nhiều. Nhờ phường cho xe thu gom.", "external_id": "BT-APP-240101", "received_at": "2026-11-30T18:15:23.833379+07:00", "reporter_name": "Trương Văn Hải", "reporter_phone": "0912345678", "callback_wanted": false}	\N
2	1	1	2026-11-30 18:25:23.833379+07	2026-12-01 21:15:23.849118+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
3	1	1	2026-11-30 19:10:23.833379+07	2026-12-01 21:15:23.850978+07	an	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-11-30T19:10:23.833379+07:00", "close_reason": "done", "resolution_note": "Đã liên hệ Công ty dịch vụ công ích, xe thu gom rác lúc 6 giờ 30; đã nhắc tổ dân phố."}	Đã liên hệ Công ty dịch vụ công ích, xe thu gom rác lúc 6 giờ 30; đã nhắc tổ dân phố.
4	2	1	2026-11-30 19:15:23.833379+07	2026-12-01 21:15:23.852229+07	minh	report	1	\N	{"id": 2, "ref": "BT-2", "flags": [], "state": "new", "address": "210 Phan Đăng Lưu, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "ANTT", "escalation": 0, "media_urls": [], "deadline_at": "2026-11-30T21:15:23.833379+07:00", "description": "Nhóm thanh niên tụ tập nẹt pô, gây ồn ào sau 23 giờ ở đầu hẻm.", "received_at": "2026-11-30T19:15:23.833379+07:00", "hotline_line": "police", "reporter_name": "Lý Thị Mai", "reporter_phone": "0903456789", "callback_wanted": false}	\N
5	2	1	2026-11-30 19:20:23.833379+07	2026-12-01 21:15:23.853375+07	binh	take	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
6	2	1	2026-11-30 19:55:23.833379+07	2026-12-01 21:15:23.854208+07	binh	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-11-30T19:55:23.833379+07:00", "close_reason": "done", "resolution_note": "Công an phường đã đến giải tán nhóm thanh niên, nhắc nhở và lập biên bản 2 trường hợp."}	Công an phường đã đến giải tán nhóm thanh niên, nhắc nhở và lập biên bản 2 trường hợp.
7	3	1	2026-11-30 20:15:23.833379+07	2026-12-01 21:15:23.855311+07	minh	report	1	\N	{"id": 3, "lat": 10.8043, "lon": 106.7102, "ref": "BT-3", "flags": [], "state": "new", "address": "88 Đinh Bộ Lĩnh, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "TTDT", "escalation": 0, "media_urls": ["https://example.invalid/media/0117.jpg"], "deadline_at": "2026-11-30T22:15:23.833379+07:00", "description": "Quán ăn lấn chiếm toàn bộ vỉa hè, người đi bộ phải đi xuống lòng đường.", "external_id": "BT-APP-240117", "received_at": "2026-11-30T20:15:23.833379+07:00", "reporter_name": "Huỳnh Ngọc Ánh", "reporter_phone": "0977123456", "callback_wanted": false}	\N
8	3	1	2026-11-30 20:25:23.833379+07	2026-12-01 21:15:23.856328+07	cuong	take	2	{"owner": null, "state": "new"}	{"owner": "cuong", "state": "in_progress"}	\N
9	4	1	2026-11-30 21:15:23.833379+07	2026-12-01 21:15:23.857227+07	lan	report	1	\N	{"id": 4, "ref": "BT-4", "flags": [], "state": "new", "address": "512 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "HT", "escalation": 0, "media_urls": [], "deadline_at": "2026-11-30T23:15:23.833379+07:00", "description": "Ổ gà lớn giữa đường, xe máy đã té hai lần trong tối nay.", "received_at": "2026-11-30T21:15:23.833379+07:00", "hotline_line": "committee", "reporter_name": "Phan Thanh Tùng", "reporter_phone": "02838412233", "callback_wanted": false}	\N
10	3	1	2026-11-30 21:35:23.833379+07	2026-12-01 21:15:23.858262+07	cuong	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-11-30T21:35:23.833379+07:00", "close_reason": "transferred", "resolution_note": "Chuyển Đội trật tự đô thị xử lý theo kế hoạch ra quân ngày mai; đã báo người phản ánh."}	Chuyển Đội trật tự đô thị xử lý theo kế hoạch ra quân ngày mai; đã báo người phản ánh.
11	4	1	2026-11-30 21:45:23.833379+07	2026-12-01 21:15:23.858841+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
12	5	1	2026-11-30 23:15:23.833379+07	2026-12-01 21:15:23.860593+07	minh	report	1	\N	{"id": 5, "lat": 10.8069, "lon": 106.7127, "ref": "BT-5", "flags": [], "state": "new", "address": "Xô Viết Nghệ Tĩnh, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "HT", "escalation": 0, "media_urls": ["https://example.invalid/media/0125.jpg"], "deadline_at": "2026-12-01T01:15:23.833379+07:00", "description": "Có ổ gà sâu trên đường Xô Viết Nghệ Tĩnh gần số 512, rất nguy hiểm ban đêm.", "external_id": "BT-APP-240125", "received_at": "2026-11-30T23:15:23.833379+07:00", "reporter_name": "Đỗ Minh Khoa", "reporter_phone": "0383222111", "callback_wanted": false}	\N
13	5	1	2026-11-30 23:25:23.833379+07	2026-12-01 21:15:23.861464+07	binh	take	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
14	5	1	2026-11-30 23:35:23.833379+07	2026-12-01 21:15:23.862373+07	binh	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "duplicate_of": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-11-30T23:35:23.833379+07:00", "close_reason": "duplicate", "duplicate_of": 4, "resolution_note": "Trùng phản ánh BT-4 (cùng ổ gà), đang được xử lý."}	Trùng phản ánh BT-4 (cùng ổ gà), đang được xử lý.
15	4	1	2026-12-01 00:05:23.833379+07	2026-12-01 21:15:23.86468+07	an	close	3	{"state": "in_progress", "closed_at": null, "apology_note": null, "close_reason": null, "delay_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T00:05:23.833379+07:00", "apology_note": "Kính gửi Phan Thanh Tùng,\\nUBND Phường Bình Thạnh xin lỗi ông/bà vì phản ánh BT-4 tiếp nhận lúc 21:15 ngày 30/11/2026 đã được xử lý chậm so với thời hạn (23:15 ngày 30/11/2026).\\nRất mong ông/bà thông cảm và tiếp tục đồng hành cùng phường.", "close_reason": "done", "delay_reason": "FIELD", "resolution_note": "Đã đặt biển cảnh báo và rào chắn; Ban quản lý dự án đã vá tạm bằng đá dăm. Trễ hạn do chờ xe vật tư."}	Đã đặt biển cảnh báo và rào chắn; Ban quản lý dự án đã vá tạm bằng đá dăm. Trễ hạn do chờ xe vật tư.
48	18	1	2026-12-01 19:45:23.833379+07	2026-12-01 21:15:23.8936+07	chutich	assign	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
49	20	1	2026-12-01 19:45:23.833379+07	2026-12-01 21:15:23.894115+07	cuong	take	2	{"owner": null, "state": "new"}	{"owner": "cuong", "state": "in_progress"}	\N
16	6	1	2026-12-01 01:15:23.833379+07	2026-12-01 21:15:23.865711+07	lan	report	1	\N	{"id": 6, "ref": "BT-6", "flags": [], "state": "new", "address": "17/3 Bình Quới, Phường Bình Thạnh", "channel": "walkin", "ward_id": 1, "category": "KHAC", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T03:15:23.833379+07:00", "description": "Công dân đến hỏi về tranh chấp ranh giới đất với nhà bên cạnh.", "received_at": "2026-12-01T01:15:23.833379+07:00", "reporter_name": "Cao Văn Lộc", "reporter_phone": "0868555019", "callback_wanted": false}	\N
17	6	1	2026-12-01 01:45:23.833379+07	2026-12-01 21:15:23.867733+07	chutich	assign	2	{"owner": null, "state": "new"}	{"owner": "cuong", "state": "in_progress"}	\N
18	6	1	2026-12-01 02:15:23.833379+07	2026-12-01 21:15:23.868641+07	cuong	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T02:15:23.833379+07:00", "close_reason": "not_ours", "resolution_note": "Tranh chấp đất đai không thuộc thẩm quyền của bàn trực; đã hướng dẫn công dân nộp đơn tại bộ phận một cửa."}	Tranh chấp đất đai không thuộc thẩm quyền của bàn trực; đã hướng dẫn công dân nộp đơn tại bộ phận một cửa.
19	7	1	2026-12-01 03:15:23.833379+07	2026-12-01 21:15:23.870274+07	minh	report	1	\N	{"id": 7, "lat": 10.8027, "lon": 106.7081, "ref": "BT-7", "flags": [], "state": "new", "address": "301 Bạch Đằng, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "CX", "escalation": 0, "media_urls": ["https://example.invalid/media/0131.jpg"], "deadline_at": "2026-12-01T05:15:23.833379+07:00", "description": "Cây me gãy nhánh lớn sau mưa, đè lên dây điện và chắn một nửa lối đi.", "external_id": "BT-APP-240131", "received_at": "2026-12-01T03:15:23.833379+07:00", "reporter_name": "Vũ Thị Hạnh", "reporter_phone": "0708334455", "callback_wanted": false}	\N
20	7	1	2026-12-01 03:25:23.833379+07	2026-12-01 21:15:23.871135+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
21	7	1	2026-12-01 04:45:23.833379+07	2026-12-01 21:15:23.87171+07	an	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T04:45:23.833379+07:00", "close_reason": "done", "resolution_note": "Công ty Cây xanh đã cắt nhánh gãy, dọn lối đi; Điện lực kiểm tra dây điện an toàn."}	Công ty Cây xanh đã cắt nhánh gãy, dọn lối đi; Điện lực kiểm tra dây điện an toàn.
22	8	1	2026-12-01 12:15:23.833379+07	2026-12-01 21:15:23.872504+07	minh	report	1	\N	{"id": 8, "ref": "BT-8", "flags": [], "state": "new", "address": "Ngã tư Điện Biên Phủ – Nguyễn Xí, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "ATGT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T14:15:23.833379+07:00", "description": "Đèn tín hiệu giao thông ở ngã tư bị tắt, xe cộ ùn ứ.", "received_at": "2026-12-01T12:15:23.833379+07:00", "hotline_line": "committee", "reporter_name": "Tạ Quang Vinh", "reporter_phone": "0938111222", "callback_wanted": false}	\N
23	8	1	2026-12-01 12:20:23.833379+07	2026-12-01 21:15:23.87313+07	binh	take	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
24	8	1	2026-12-01 13:15:23.833379+07	2026-12-01 21:15:23.873669+07	binh	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T13:15:23.833379+07:00", "close_reason": "done", "resolution_note": "Báo Trung tâm điều hành giao thông; đèn đã hoạt động lại lúc 7 giờ 40."}	Báo Trung tâm điều hành giao thông; đèn đã hoạt động lại lúc 7 giờ 40.
25	9	1	2026-12-01 14:15:23.833379+07	2026-12-01 21:15:23.874589+07	lan	report	1	\N	{"id": 9, "lat": 10.8085, "lon": 106.6952, "ref": "BT-9", "flags": [], "state": "new", "address": "60/9 Lê Quang Định, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "HT", "escalation": 0, "media_urls": ["https://example.invalid/media/0188.jpg"], "deadline_at": "2026-12-01T16:15:23.833379+07:00", "description": "Đèn đường hẻm tối om ba đêm liền, người dân sợ trộm.", "external_id": "BT-APP-240188", "received_at": "2026-12-01T14:15:23.833379+07:00", "reporter_name": "Lâm Bảo Ngọc", "reporter_phone": "0399876543", "callback_wanted": false}	\N
26	9	1	2026-12-01 14:25:23.833379+07	2026-12-01 21:15:23.875241+07	cuong	take	2	{"owner": null, "state": "new"}	{"owner": "cuong", "state": "in_progress"}	\N
27	10	1	2026-12-01 15:15:23.833379+07	2026-12-01 21:15:23.876193+07	lan	report	1	\N	{"id": 10, "ref": "BT-10", "flags": [], "state": "new", "address": "134 Ung Văn Khiêm, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "MT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T17:15:23.833379+07:00", "description": "Nước thải từ cơ sở giặt ủi chảy tràn ra đường, có mùi hóa chất.", "received_at": "2026-12-01T15:15:23.833379+07:00", "hotline_line": "committee", "reporter_name": "Nguyễn Thị Thu", "reporter_phone": "02835126789", "callback_wanted": true}	\N
28	10	1	2026-12-01 15:20:23.833379+07	2026-12-01 21:15:23.876828+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
29	9	1	2026-12-01 15:45:23.833379+07	2026-12-01 21:15:23.877383+07	cuong	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T15:45:23.833379+07:00", "close_reason": "done", "resolution_note": "Đội điện chiếu sáng đã thay bóng đèn, hẻm sáng lại."}	Đội điện chiếu sáng đã thay bóng đèn, hẻm sáng lại.
30	11	1	2026-12-01 16:15:23.833379+07	2026-12-01 21:15:23.878598+07	minh	report	1	\N	{"id": 11, "lat": 10.7938, "lon": 106.7199, "ref": "BT-11", "flags": [], "state": "new", "address": "75 Nguyễn Hữu Cảnh, Phường Bình Thạnh", "channel": "import", "ward_id": 1, "category": "TTDT", "escalation": 0, "media_urls": ["https://example.invalid/media/0201.jpg"], "deadline_at": "2026-12-01T18:15:23.833379+07:00", "description": "Công trình sửa nhà đổ vật liệu xây dựng ra lòng đường, không che chắn.", "external_id": "1022-0098812", "received_at": "2026-12-01T16:15:23.833379+07:00", "reporter_name": "Hồ Thị Diệu", "reporter_phone": "0356789012", "callback_wanted": false}	\N
31	10	1	2026-12-01 16:25:23.833379+07	2026-12-01 21:15:23.879416+07	an	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T16:25:23.833379+07:00", "close_reason": "done", "resolution_note": "Lập biên bản cơ sở giặt ủi, yêu cầu ngưng xả thải; đã gọi lại báo người phản ánh."}	Lập biên bản cơ sở giặt ủi, yêu cầu ngưng xả thải; đã gọi lại báo người phản ánh.
32	11	1	2026-12-01 16:35:23.833379+07	2026-12-01 21:15:23.879843+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
33	12	1	2026-12-01 17:15:23.833379+07	2026-12-01 21:15:23.880726+07	lan	report	1	\N	{"id": 12, "ref": "BT-12", "flags": [], "state": "new", "address": "Phan Đăng Lưu gần chợ Bà Chiểu, Phường Bình Thạnh", "channel": "walkin", "ward_id": 1, "category": "ANTT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T19:15:23.833379+07:00", "description": "Người dân trình báo bị giật điện thoại khi dừng đèn đỏ.", "received_at": "2026-12-01T17:15:23.833379+07:00", "reporter_name": "Kiều Anh Thư", "reporter_phone": "0789246810", "callback_wanted": false}	\N
34	12	1	2026-12-01 17:20:23.833379+07	2026-12-01 21:15:23.881495+07	binh	take	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
35	12	1	2026-12-01 17:45:23.833379+07	2026-12-01 21:15:23.882033+07	binh	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T17:45:23.833379+07:00", "close_reason": "transferred", "resolution_note": "Chuyển Công an phường tiếp nhận đơn trình báo, đã hướng dẫn người dân."}	Chuyển Công an phường tiếp nhận đơn trình báo, đã hướng dẫn người dân.
36	13	1	2026-12-01 18:05:23.833379+07	2026-12-01 21:15:23.883005+07	lan	report	1	\N	{"id": 13, "lat": 10.8154, "lon": 106.7093, "ref": "BT-13", "flags": [], "state": "new", "address": "22 Nguyễn Xí, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "TTDT", "escalation": 0, "media_urls": ["https://example.invalid/media/0203.jpg"], "deadline_at": "2026-12-01T20:05:23.833379+07:00", "description": "Xe đẩy bán hàng rong chiếm lối vào trường tiểu học giờ tan học.", "external_id": "BT-APP-240203", "received_at": "2026-12-01T18:05:23.833379+07:00", "reporter_name": "Mai Đức Trí", "reporter_phone": "0917000333", "callback_wanted": false}	\N
37	14	1	2026-12-01 18:15:23.833379+07	2026-12-01 21:15:23.884133+07	lan	report	1	\N	{"id": 14, "ref": "BT-14", "flags": [], "state": "new", "address": "98/2 Đinh Bộ Lĩnh, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "HT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T20:15:23.833379+07:00", "description": "Nắp cống bị mất, hố sâu ngay lối đi, có trẻ em chơi gần đó.", "received_at": "2026-12-01T18:15:23.833379+07:00", "hotline_line": "committee", "reporter_name": "Bùi Văn Sáu", "reporter_phone": "02837267527", "callback_wanted": false}	\N
38	11	1	2026-12-01 18:15:23.833379+07	2026-12-01 21:15:23.884898+07	an	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T18:15:23.833379+07:00", "close_reason": "done", "resolution_note": "Đội trật tự đô thị yêu cầu chủ công trình dọn vật liệu, che chắn; đã kiểm tra lại."}	Đội trật tự đô thị yêu cầu chủ công trình dọn vật liệu, che chắn; đã kiểm tra lại.
39	14	1	2026-12-01 18:35:23.833379+07	2026-12-01 21:15:23.885331+07	cuong	take	2	{"owner": null, "state": "new"}	{"owner": "cuong", "state": "in_progress"}	\N
40	15	1	2026-12-01 18:45:23.833379+07	2026-12-01 21:15:23.886246+07	lan	report	1	\N	{"id": 15, "lat": 10.819, "lon": 106.7255, "ref": "BT-15", "flags": [], "state": "new", "address": "400 Bình Quới, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "MT", "escalation": 0, "media_urls": ["https://example.invalid/media/0207.jpg"], "deadline_at": "2026-12-01T20:45:23.833379+07:00", "description": "Khói đốt rác từ bãi đất trống, cả khu phố ngạt thở.", "external_id": "BT-APP-240207", "received_at": "2026-12-01T18:45:23.833379+07:00", "reporter_name": "Đoàn Thị Yến", "reporter_phone": "0965112233", "callback_wanted": false}	\N
41	15	1	2026-12-01 18:55:23.833379+07	2026-12-01 21:15:23.886889+07	binh	take	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
42	16	1	2026-12-01 19:25:23.833379+07	2026-12-01 21:15:23.887739+07	lan	report	1	\N	{"id": 16, "ref": "BT-16", "flags": [], "state": "new", "address": "15/7 Nơ Trang Long, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "ANTT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T21:25:23.833379+07:00", "description": "Hai nhà hàng xóm cãi nhau, có dấu hiệu xô xát, cần người đến ngay.", "received_at": "2026-12-01T19:25:23.833379+07:00", "hotline_line": "police", "reporter_name": "Tô Văn Nam", "reporter_phone": "0905678901", "callback_wanted": true}	\N
43	17	1	2026-12-01 19:27:23.833379+07	2026-12-01 21:15:23.888906+07	lan	report	1	\N	{"id": 17, "lat": 10.8001, "lon": 106.7074, "ref": "BT-17", "flags": [], "state": "new", "address": "230 Điện Biên Phủ, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "ATGT", "escalation": 0, "media_urls": ["https://example.invalid/media/0211.jpg"], "deadline_at": "2026-12-01T21:27:23.833379+07:00", "description": "Xe tải đậu trên vỉa hè che khuất tầm nhìn ở khúc cua.", "external_id": "BT-APP-240211", "received_at": "2026-12-01T19:27:23.833379+07:00", "reporter_name": "Lưu Thị Kim", "reporter_phone": "0822468024", "callback_wanted": false}	\N
44	18	1	2026-12-01 19:31:23.833379+07	2026-12-01 21:15:23.890061+07	lan	report	1	\N	{"id": 18, "lat": 10.803, "lon": 106.7112, "ref": "BT-18", "flags": [], "state": "new", "address": "9 Bạch Đằng, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "CX", "escalation": 0, "media_urls": ["https://example.invalid/media/0212.jpg"], "deadline_at": "2026-12-01T21:31:23.833379+07:00", "description": "Cây dầu nghiêng nhiều sau mưa lớn, nguy cơ ngã vào nhà dân.", "external_id": "BT-APP-240212", "received_at": "2026-12-01T19:31:23.833379+07:00", "reporter_name": "Ông Trịnh Quốc Bảo", "reporter_phone": "0933579135", "callback_wanted": false}	\N
45	17	1	2026-12-01 19:35:23.833379+07	2026-12-01 21:15:23.890709+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
46	19	1	2026-12-01 19:35:23.833379+07	2026-12-01 21:15:23.891691+07	lan	report	1	\N	{"id": 19, "lat": 10.8102, "lon": 106.696, "ref": "BT-19", "flags": [], "state": "new", "address": "150 Lê Quang Định, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "TTDT", "escalation": 0, "media_urls": ["https://example.invalid/media/0214.jpg"], "deadline_at": "2026-12-01T21:35:23.833379+07:00", "description": "Bảng quảng cáo dựng trái phép trên vỉa hè.", "external_id": "BT-APP-240214", "received_at": "2026-12-01T19:35:23.833379+07:00", "reporter_name": "Châu Minh Tâm", "reporter_phone": "0587112358", "callback_wanted": false}	\N
47	20	1	2026-12-01 19:39:23.833379+07	2026-12-01 21:15:23.892805+07	lan	report	1	\N	{"id": 20, "ref": "BT-20", "flags": [], "state": "new", "address": "36 Ung Văn Khiêm, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "MT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T21:39:23.833379+07:00", "description": "Karaoke tự phát hát lớn từ trưa, ảnh hưởng người già và trẻ nhỏ.", "received_at": "2026-12-01T19:39:23.833379+07:00", "hotline_line": "committee", "reporter_name": "Quách Thị Lệ", "reporter_phone": "0345678123", "callback_wanted": false}	\N
50	13	1	2026-12-01 20:05:23.833379+07	2026-12-01 21:15:23.895128+07	binh	escalate	2	{"escalation": 0, "escalated_at": null, "last_alert_at": null}	{"escalation": 1, "escalated_at": "2026-12-01T20:05:23.833379+07:00", "last_alert_at": "2026-12-01T20:05:23.833379+07:00"}	Quá hạn, chưa ai nhận; xin Chủ tịch phân công.
51	21	1	2026-12-01 20:05:23.833379+07	2026-12-01 21:15:23.896546+07	lan	report	1	\N	{"id": 21, "lat": 10.8055, "lon": 106.7136, "ref": "BT-21", "flags": [], "state": "new", "address": "77/5 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "HT", "escalation": 0, "media_urls": ["https://example.invalid/media/0220.jpg"], "deadline_at": "2026-12-01T22:05:23.833379+07:00", "description": "Ngập nước sau cơn mưa, nước tràn vào nhà, cống thoát nước bị nghẹt.", "external_id": "BT-APP-240220", "received_at": "2026-12-01T20:05:23.833379+07:00", "reporter_name": "Giang Văn Phúc", "reporter_phone": "0799864200", "callback_wanted": false}	\N
52	21	1	2026-12-01 20:10:23.833379+07	2026-12-01 21:15:23.897199+07	an	take	2	{"owner": null, "state": "new"}	{"owner": "an", "state": "in_progress"}	\N
53	22	1	2026-12-01 20:15:23.833379+07	2026-12-01 21:15:23.898006+07	an	report	1	\N	{"id": 22, "ref": "BT-22", "flags": [], "state": "new", "address": "Trụ sở UBND Phường Bình Thạnh", "channel": "walkin", "ward_id": 1, "category": "KHAC", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T22:15:23.833379+07:00", "description": "Công dân báo mất giấy tờ tùy thân, xin xác nhận để làm lại.", "received_at": "2026-12-01T20:15:23.833379+07:00", "reporter_name": "La Thị Hoa", "reporter_phone": "0979111000", "callback_wanted": false}	\N
54	22	1	2026-12-01 20:20:23.833379+07	2026-12-01 21:15:23.898622+07	chutich	take	2	{"owner": null, "state": "new"}	{"owner": "chutich", "state": "in_progress"}	\N
55	23	1	2026-12-01 20:25:23.833379+07	2026-12-01 21:15:23.899536+07	minh	report	1	\N	{"id": 23, "ref": "BT-23", "flags": [], "state": "new", "address": "12/40 Bình Quới, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "ANTT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T22:25:23.833379+07:00", "description": "Người lạ đi dò xét từng nhà, nghi trộm cắp.", "received_at": "2026-12-01T20:25:23.833379+07:00", "hotline_line": "police", "reporter_name": "Thái Văn Đức", "reporter_phone": "0888123987", "callback_wanted": false}	\N
56	23	1	2026-12-01 20:30:23.833379+07	2026-12-01 21:15:23.900234+07	binh	take	2	{"owner": null, "state": "new"}	{"owner": "binh", "state": "in_progress"}	\N
57	24	1	2026-12-01 20:30:23.833379+07	2026-12-01 21:15:23.901111+07	minh	report	1	\N	{"id": 24, "ref": "BT-24", "flags": [], "state": "new", "address": "Ngã tư Đinh Bộ Lĩnh – Bạch Đằng, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "ATGT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T22:30:23.833379+07:00", "description": "Tai nạn giữa xe máy và taxi, một người bị thương nằm trên đường, đã gọi 115.", "received_at": "2026-12-01T20:30:23.833379+07:00", "hotline_line": "police", "reporter_name": "Ninh Văn Hậu", "reporter_phone": "0912468135", "callback_wanted": false}	\N
58	24	1	2026-12-01 20:32:23.833379+07	2026-12-01 21:15:23.901877+07	an	escalate	2	{"escalation": 0, "escalated_at": null, "last_alert_at": null}	{"escalation": 1, "escalated_at": "2026-12-01T20:32:23.833379+07:00", "last_alert_at": "2026-12-01T20:32:23.833379+07:00"}	Tai nạn có người bị thương, báo Chủ tịch để điều Công an phường.
59	7	1	2026-12-01 20:35:23.833379+07	2026-12-01 21:15:23.903121+07	chutich	reopen	4	{"owner": "an", "state": "resolved", "closed_at": "2026-12-01T04:45:23.833379+07:00", "deadline_at": "2026-12-01T05:15:23.833379+07:00", "close_reason": "done", "resolution_note": "Công ty Cây xanh đã cắt nhánh gãy, dọn lối đi; Điện lực kiểm tra dây điện an toàn."}	{"owner": null, "state": "reopened", "closed_at": null, "deadline_at": "2026-12-01T22:35:23.833379+07:00", "close_reason": null, "resolution_note": null}	Người dân phản ánh lại: nhánh cây gãy vẫn còn nằm trên vỉa hè chưa dọn.
60	15	1	2026-12-01 20:35:23.833379+07	2026-12-01 21:15:23.903816+07	binh	escalate	3	{"escalation": 0, "escalated_at": null, "last_alert_at": null}	{"escalation": 1, "escalated_at": "2026-12-01T20:35:23.833379+07:00", "last_alert_at": "2026-12-01T20:35:23.833379+07:00"}	Cần Đội trật tự đô thị hỗ trợ, khói vẫn còn.
61	25	1	2026-12-01 20:40:23.833379+07	2026-12-01 21:15:23.905083+07	lan	report	1	\N	{"id": 25, "lat": 10.8231, "lon": 106.7204, "ref": "BT-25", "flags": [], "state": "new", "address": "Bờ kênh Thanh Đa, Bình Quới, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "MT", "escalation": 0, "media_urls": ["https://example.invalid/media/0226.jpg"], "deadline_at": "2026-12-01T22:40:23.833379+07:00", "description": "Xác động vật chết trôi dạt ở bờ kênh, bốc mùi.", "external_id": "BT-APP-240226", "received_at": "2026-12-01T20:40:23.833379+07:00", "reporter_name": "Kha Minh Nhật", "reporter_phone": "0376555444", "callback_wanted": false}	\N
62	25	1	2026-12-01 20:45:23.833379+07	2026-12-01 21:15:23.90576+07	cuong	take	2	{"owner": null, "state": "new"}	{"owner": "cuong", "state": "in_progress"}	\N
63	26	1	2026-12-01 20:50:23.833379+07	2026-12-01 21:15:23.906739+07	lan	report	1	\N	{"id": 26, "lat": 10.7925, "lon": 106.7183, "ref": "BT-26", "flags": [], "state": "new", "address": "2 Nguyễn Hữu Cảnh, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "TTDT", "escalation": 0, "media_urls": ["https://example.invalid/media/0229.jpg"], "deadline_at": "2026-12-01T22:50:23.833379+07:00", "description": "Xe ô tô đậu chắn lối thoát hiểm của chung cư.", "external_id": "BT-APP-240229", "received_at": "2026-12-01T20:50:23.833379+07:00", "reporter_name": "Tăng Gia Huy", "reporter_phone": "0707070707", "callback_wanted": false}	\N
64	27	1	2026-12-01 21:03:23.833379+07	2026-12-01 21:15:23.907845+07	lan	report	1	\N	{"id": 27, "ref": "BT-27", "flags": [], "state": "new", "address": "18/6 Phan Đăng Lưu, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "HT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T23:03:23.833379+07:00", "description": "Dây điện thoại, dây cáp đứt võng xuống thấp ngang đầu người đi đường.", "received_at": "2026-12-01T21:03:23.833379+07:00", "hotline_line": "committee", "reporter_name": "Lạc Thị Nga", "reporter_phone": "02838991234", "callback_wanted": true}	\N
65	28	1	2026-12-01 21:07:23.833379+07	2026-12-01 21:15:23.909155+07	lan	report	1	\N	{"id": 28, "lat": 10.814, "lon": 106.7001, "ref": "BT-28", "flags": [], "state": "new", "address": "190 Nơ Trang Long, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "MT", "escalation": 0, "media_urls": ["https://example.invalid/media/0233.jpg"], "deadline_at": "2026-12-01T23:07:23.833379+07:00", "description": "Thùng rác công cộng đầy tràn, rác rơi ra đường.", "external_id": "BT-APP-240233", "received_at": "2026-12-01T21:07:23.833379+07:00", "reporter_name": "Ông Hứa Văn Tài", "reporter_phone": "0868246135", "callback_wanted": false}	\N
66	29	1	2026-12-01 21:11:23.833379+07	2026-12-01 21:15:23.91031+07	lan	report	1	\N	{"id": 29, "lat": 10.7995, "lon": 106.7049, "ref": "BT-29", "flags": [], "state": "new", "address": "64 Điện Biên Phủ, Phường Bình Thạnh", "channel": "app", "ward_id": 1, "category": "CX", "escalation": 0, "media_urls": ["https://example.invalid/media/0235.jpg"], "deadline_at": "2026-12-01T23:11:23.833379+07:00", "description": "Cây xanh mới trồng bị nhổ gốc, ném rác vào gốc.", "external_id": "BT-APP-240235", "received_at": "2026-12-01T21:11:23.833379+07:00", "reporter_name": "Nguyễn Văn A", "reporter_phone": "0392753951", "callback_wanted": false}	\N
67	30	1	2026-12-01 21:14:23.833379+07	2026-12-01 21:15:23.912128+07	minh	report	1	\N	{"id": 30, "ref": "BT-30", "flags": [], "state": "new", "address": "55/1/8 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh", "channel": "hotline", "ward_id": 1, "category": "ANTT", "escalation": 0, "media_urls": [], "deadline_at": "2026-12-01T23:14:23.833379+07:00", "description": "Có tiếng kêu cứu trong nhà, cửa khóa ngoài, hàng xóm lo lắng.", "received_at": "2026-12-01T21:14:23.833379+07:00", "hotline_line": "police", "reporter_name": "Dương Thị Liên", "reporter_phone": "0934001122", "callback_wanted": false}	\N
68	17	1	2026-12-01 21:19:06.887132+07	2026-12-01 21:19:06.894156+07	binh	handover	3	{"owner": "an"}	{"owner": "binh"}	handover #1 from an
69	21	1	2026-12-01 21:19:06.887132+07	2026-12-01 21:19:06.895714+07	binh	handover	3	{"owner": "an"}	{"owner": "binh"}	handover #1 from an
70	16	1	2026-12-01 21:19:07.00412+07	2026-12-01 21:19:07.011154+07	minh	reporter	2	\N	\N	another reporter: Ngô Thị Mai: gọi lại lần hai
71	30	1	2026-12-01 21:19:07.036849+07	2026-12-01 21:19:07.042942+07	chutich	take	2	{"owner": null, "state": "new"}	{"owner": "chutich", "state": "in_progress"}	taken to merge into BT-16
72	30	1	2026-12-01 21:19:07.036849+07	2026-12-01 21:19:07.044911+07	chutich	close	3	{"state": "in_progress", "closed_at": null, "close_reason": null, "duplicate_of": null, "resolution_note": null}	{"state": "resolved", "closed_at": "2026-12-01T21:19:07.036849+07:00", "close_reason": "duplicate", "duplicate_of": 16, "resolution_note": "Trùng với phản ánh BT-16"}	Trùng với phản ánh BT-16
73	16	1	2026-12-01 21:19:07.036849+07	2026-12-01 21:19:07.046392+07	chutich	merge	3	\N	\N	BT-30 merged into this case: Trùng với phản ánh BT-16
74	19	1	2026-12-01 21:19:07.094113+07	2026-12-01 21:19:07.104269+07	chutich	escalate	2	{"escalation": 0, "escalated_at": null, "last_alert_at": null}	{"escalation": 1, "escalated_at": "2026-12-01T21:19:07.094113+07:00", "last_alert_at": "2026-12-01T21:19:07.094113+07:00"}	cần chỉ đạo
\.


--
-- Data for Name: case_reporters; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.case_reporters (id, case_id, ward_id, from_case_id, channel, external_id, reporter_name, reporter_phone, note, added_at, added_by) FROM stdin;
1	16	1	\N	hotline	\N	Ngô Thị Mai	0903111222	gọi lại lần hai	2026-12-01 21:19:07.00412+07	minh
2	16	1	30	hotline	\N	Dương Thị Liên	0934001122	Trùng với phản ánh BT-16	2026-12-01 21:19:07.036849+07	chutich
\.


--
-- Data for Name: cases; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.cases (id, ward_id, ref, channel, external_id, category, description, address, lat, lon, reporter_name, reporter_phone, hotline_line, callback_wanted, media_urls, received_at, deadline_at, state, owner, escalation, resolution_note, close_reason, duplicate_of, closed_at, rating, rating_comment, version, created_at, updated_at, flags, service_code, warned_at, escalated_at, overdue_at, ack_by, ack_at, last_alert_at, delay_reason, apology_note) FROM stdin;
1	1	BT-1	app	BT-APP-240101	MT	Rác thải sinh hoạt đổ bừa bãi trước hẻm, bốc mùi hôi, chuột bọ nhiều. Nhờ phường cho xe thu gom.	45/12 Nơ Trang Long, Phường Bình Thạnh	10.8121	106.6985	Trương Văn Hải	0912345678	\N	f	{https://example.invalid/media/0101.jpg}	2026-11-30 18:15:23.833379+07	2026-11-30 20:15:23.833379+07	resolved	an	0	Đã liên hệ Công ty dịch vụ công ích, xe thu gom rác lúc 6 giờ 30; đã nhắc tổ dân phố.	done	\N	2026-11-30 19:10:23.833379+07	\N	\N	3	2026-11-30 18:15:23.833379+07	2026-11-30 19:10:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
2	1	BT-2	hotline	\N	ANTT	Nhóm thanh niên tụ tập nẹt pô, gây ồn ào sau 23 giờ ở đầu hẻm.	210 Phan Đăng Lưu, Phường Bình Thạnh	\N	\N	Lý Thị Mai	0903456789	police	f	{}	2026-11-30 19:15:23.833379+07	2026-11-30 21:15:23.833379+07	resolved	binh	0	Công an phường đã đến giải tán nhóm thanh niên, nhắc nhở và lập biên bản 2 trường hợp.	done	\N	2026-11-30 19:55:23.833379+07	\N	\N	3	2026-11-30 19:15:23.833379+07	2026-11-30 19:55:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
3	1	BT-3	app	BT-APP-240117	TTDT	Quán ăn lấn chiếm toàn bộ vỉa hè, người đi bộ phải đi xuống lòng đường.	88 Đinh Bộ Lĩnh, Phường Bình Thạnh	10.8043	106.7102	Huỳnh Ngọc Ánh	0977123456	\N	f	{https://example.invalid/media/0117.jpg}	2026-11-30 20:15:23.833379+07	2026-11-30 22:15:23.833379+07	resolved	cuong	0	Chuyển Đội trật tự đô thị xử lý theo kế hoạch ra quân ngày mai; đã báo người phản ánh.	transferred	\N	2026-11-30 21:35:23.833379+07	\N	\N	3	2026-11-30 20:15:23.833379+07	2026-11-30 21:35:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
5	1	BT-5	app	BT-APP-240125	HT	Có ổ gà sâu trên đường Xô Viết Nghệ Tĩnh gần số 512, rất nguy hiểm ban đêm.	Xô Viết Nghệ Tĩnh, Phường Bình Thạnh	10.8069	106.7127	Đỗ Minh Khoa	0383222111	\N	f	{https://example.invalid/media/0125.jpg}	2026-11-30 23:15:23.833379+07	2026-12-01 01:15:23.833379+07	resolved	binh	0	Trùng phản ánh BT-4 (cùng ổ gà), đang được xử lý.	duplicate	4	2026-11-30 23:35:23.833379+07	\N	\N	3	2026-11-30 23:15:23.833379+07	2026-11-30 23:35:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
4	1	BT-4	hotline	\N	HT	Ổ gà lớn giữa đường, xe máy đã té hai lần trong tối nay.	512 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh	\N	\N	Phan Thanh Tùng	02838412233	committee	f	{}	2026-11-30 21:15:23.833379+07	2026-11-30 23:15:23.833379+07	resolved	an	0	Đã đặt biển cảnh báo và rào chắn; Ban quản lý dự án đã vá tạm bằng đá dăm. Trễ hạn do chờ xe vật tư.	done	\N	2026-12-01 00:05:23.833379+07	\N	\N	3	2026-11-30 21:15:23.833379+07	2026-12-01 00:05:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	FIELD	Kính gửi Phan Thanh Tùng,\nUBND Phường Bình Thạnh xin lỗi ông/bà vì phản ánh BT-4 tiếp nhận lúc 21:15 ngày 30/11/2026 đã được xử lý chậm so với thời hạn (23:15 ngày 30/11/2026).\nRất mong ông/bà thông cảm và tiếp tục đồng hành cùng phường.
6	1	BT-6	walkin	\N	KHAC	Công dân đến hỏi về tranh chấp ranh giới đất với nhà bên cạnh.	17/3 Bình Quới, Phường Bình Thạnh	\N	\N	Cao Văn Lộc	0868555019	\N	f	{}	2026-12-01 01:15:23.833379+07	2026-12-01 03:15:23.833379+07	resolved	cuong	0	Tranh chấp đất đai không thuộc thẩm quyền của bàn trực; đã hướng dẫn công dân nộp đơn tại bộ phận một cửa.	not_ours	\N	2026-12-01 02:15:23.833379+07	\N	\N	3	2026-12-01 01:15:23.833379+07	2026-12-01 02:15:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
14	1	BT-14	hotline	\N	HT	Nắp cống bị mất, hố sâu ngay lối đi, có trẻ em chơi gần đó.	98/2 Đinh Bộ Lĩnh, Phường Bình Thạnh	\N	\N	Bùi Văn Sáu	02837267527	committee	f	{}	2026-12-01 18:15:23.833379+07	2026-12-01 20:15:23.833379+07	in_progress	cuong	0	\N	\N	\N	\N	\N	\N	2	2026-12-01 18:15:23.833379+07	2026-12-01 18:35:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
8	1	BT-8	hotline	\N	ATGT	Đèn tín hiệu giao thông ở ngã tư bị tắt, xe cộ ùn ứ.	Ngã tư Điện Biên Phủ – Nguyễn Xí, Phường Bình Thạnh	\N	\N	Tạ Quang Vinh	0938111222	committee	f	{}	2026-12-01 12:15:23.833379+07	2026-12-01 14:15:23.833379+07	resolved	binh	0	Báo Trung tâm điều hành giao thông; đèn đã hoạt động lại lúc 7 giờ 40.	done	\N	2026-12-01 13:15:23.833379+07	\N	\N	3	2026-12-01 12:15:23.833379+07	2026-12-01 13:15:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
9	1	BT-9	app	BT-APP-240188	HT	Đèn đường hẻm tối om ba đêm liền, người dân sợ trộm.	60/9 Lê Quang Định, Phường Bình Thạnh	10.8085	106.6952	Lâm Bảo Ngọc	0399876543	\N	f	{https://example.invalid/media/0188.jpg}	2026-12-01 14:15:23.833379+07	2026-12-01 16:15:23.833379+07	resolved	cuong	0	Đội điện chiếu sáng đã thay bóng đèn, hẻm sáng lại.	done	\N	2026-12-01 15:45:23.833379+07	\N	\N	3	2026-12-01 14:15:23.833379+07	2026-12-01 15:45:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
10	1	BT-10	hotline	\N	MT	Nước thải từ cơ sở giặt ủi chảy tràn ra đường, có mùi hóa chất.	134 Ung Văn Khiêm, Phường Bình Thạnh	\N	\N	Nguyễn Thị Thu	02835126789	committee	t	{}	2026-12-01 15:15:23.833379+07	2026-12-01 17:15:23.833379+07	resolved	an	0	Lập biên bản cơ sở giặt ủi, yêu cầu ngưng xả thải; đã gọi lại báo người phản ánh.	done	\N	2026-12-01 16:25:23.833379+07	\N	\N	3	2026-12-01 15:15:23.833379+07	2026-12-01 16:25:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
12	1	BT-12	walkin	\N	ANTT	Người dân trình báo bị giật điện thoại khi dừng đèn đỏ.	Phan Đăng Lưu gần chợ Bà Chiểu, Phường Bình Thạnh	\N	\N	Kiều Anh Thư	0789246810	\N	f	{}	2026-12-01 17:15:23.833379+07	2026-12-01 19:15:23.833379+07	resolved	binh	0	Chuyển Công an phường tiếp nhận đơn trình báo, đã hướng dẫn người dân.	transferred	\N	2026-12-01 17:45:23.833379+07	\N	\N	3	2026-12-01 17:15:23.833379+07	2026-12-01 17:45:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
11	1	BT-11	import	1022-0098812	TTDT	Công trình sửa nhà đổ vật liệu xây dựng ra lòng đường, không che chắn.	75 Nguyễn Hữu Cảnh, Phường Bình Thạnh	10.7938	106.7199	Hồ Thị Diệu	0356789012	\N	f	{https://example.invalid/media/0201.jpg}	2026-12-01 16:15:23.833379+07	2026-12-01 18:15:23.833379+07	resolved	an	0	Đội trật tự đô thị yêu cầu chủ công trình dọn vật liệu, che chắn; đã kiểm tra lại.	done	\N	2026-12-01 18:15:23.833379+07	\N	\N	3	2026-12-01 16:15:23.833379+07	2026-12-01 18:15:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
18	1	BT-18	app	BT-APP-240212	CX	Cây dầu nghiêng nhiều sau mưa lớn, nguy cơ ngã vào nhà dân.	9 Bạch Đằng, Phường Bình Thạnh	10.803	106.7112	Ông Trịnh Quốc Bảo	0933579135	\N	f	{https://example.invalid/media/0212.jpg}	2026-12-01 19:31:23.833379+07	2026-12-01 21:31:23.833379+07	in_progress	binh	0	\N	\N	\N	\N	\N	\N	2	2026-12-01 19:31:23.833379+07	2026-12-01 19:45:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
20	1	BT-20	hotline	\N	MT	Karaoke tự phát hát lớn từ trưa, ảnh hưởng người già và trẻ nhỏ.	36 Ung Văn Khiêm, Phường Bình Thạnh	\N	\N	Quách Thị Lệ	0345678123	committee	f	{}	2026-12-01 19:39:23.833379+07	2026-12-01 21:39:23.833379+07	in_progress	cuong	0	\N	\N	\N	\N	\N	\N	2	2026-12-01 19:39:23.833379+07	2026-12-01 19:45:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
13	1	BT-13	app	BT-APP-240203	TTDT	Xe đẩy bán hàng rong chiếm lối vào trường tiểu học giờ tan học.	22 Nguyễn Xí, Phường Bình Thạnh	10.8154	106.7093	Mai Đức Trí	0917000333	\N	f	{https://example.invalid/media/0203.jpg}	2026-12-01 18:05:23.833379+07	2026-12-01 20:05:23.833379+07	new	\N	1	\N	\N	\N	\N	\N	\N	2	2026-12-01 18:05:23.833379+07	2026-12-01 20:05:23.833379+07	{}	\N	\N	2026-12-01 20:05:23.833379+07	\N	\N	\N	2026-12-01 20:05:23.833379+07	\N	\N
22	1	BT-22	walkin	\N	KHAC	Công dân báo mất giấy tờ tùy thân, xin xác nhận để làm lại.	Trụ sở UBND Phường Bình Thạnh	\N	\N	La Thị Hoa	0979111000	\N	f	{}	2026-12-01 20:15:23.833379+07	2026-12-01 22:15:23.833379+07	in_progress	chutich	0	\N	\N	\N	\N	\N	\N	2	2026-12-01 20:15:23.833379+07	2026-12-01 20:20:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
23	1	BT-23	hotline	\N	ANTT	Người lạ đi dò xét từng nhà, nghi trộm cắp.	12/40 Bình Quới, Phường Bình Thạnh	\N	\N	Thái Văn Đức	0888123987	police	f	{}	2026-12-01 20:25:23.833379+07	2026-12-01 22:25:23.833379+07	in_progress	binh	0	\N	\N	\N	\N	\N	\N	2	2026-12-01 20:25:23.833379+07	2026-12-01 20:30:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
24	1	BT-24	hotline	\N	ATGT	Tai nạn giữa xe máy và taxi, một người bị thương nằm trên đường, đã gọi 115.	Ngã tư Đinh Bộ Lĩnh – Bạch Đằng, Phường Bình Thạnh	\N	\N	Ninh Văn Hậu	0912468135	police	f	{}	2026-12-01 20:30:23.833379+07	2026-12-01 22:30:23.833379+07	new	\N	1	\N	\N	\N	\N	\N	\N	2	2026-12-01 20:30:23.833379+07	2026-12-01 20:32:23.833379+07	{}	\N	\N	2026-12-01 20:32:23.833379+07	\N	\N	\N	2026-12-01 20:32:23.833379+07	\N	\N
7	1	BT-7	app	BT-APP-240131	CX	Cây me gãy nhánh lớn sau mưa, đè lên dây điện và chắn một nửa lối đi.	301 Bạch Đằng, Phường Bình Thạnh	10.8027	106.7081	Vũ Thị Hạnh	0708334455	\N	f	{https://example.invalid/media/0131.jpg}	2026-12-01 03:15:23.833379+07	2026-12-01 22:35:23.833379+07	reopened	\N	0	\N	\N	\N	\N	\N	\N	4	2026-12-01 03:15:23.833379+07	2026-12-01 20:35:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
15	1	BT-15	app	BT-APP-240207	MT	Khói đốt rác từ bãi đất trống, cả khu phố ngạt thở.	400 Bình Quới, Phường Bình Thạnh	10.819	106.7255	Đoàn Thị Yến	0965112233	\N	f	{https://example.invalid/media/0207.jpg}	2026-12-01 18:45:23.833379+07	2026-12-01 20:45:23.833379+07	in_progress	binh	1	\N	\N	\N	\N	\N	\N	3	2026-12-01 18:45:23.833379+07	2026-12-01 20:35:23.833379+07	{}	\N	\N	2026-12-01 20:35:23.833379+07	\N	\N	\N	2026-12-01 20:35:23.833379+07	\N	\N
17	1	BT-17	app	BT-APP-240211	ATGT	Xe tải đậu trên vỉa hè che khuất tầm nhìn ở khúc cua.	230 Điện Biên Phủ, Phường Bình Thạnh	10.8001	106.7074	Lưu Thị Kim	0822468024	\N	f	{https://example.invalid/media/0211.jpg}	2026-12-01 19:27:23.833379+07	2026-12-01 21:27:23.833379+07	in_progress	binh	0	\N	\N	\N	\N	\N	\N	3	2026-12-01 19:27:23.833379+07	2026-12-01 21:19:06.887132+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
21	1	BT-21	app	BT-APP-240220	HT	Ngập nước sau cơn mưa, nước tràn vào nhà, cống thoát nước bị nghẹt.	77/5 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh	10.8055	106.7136	Giang Văn Phúc	0799864200	\N	f	{https://example.invalid/media/0220.jpg}	2026-12-01 20:05:23.833379+07	2026-12-01 22:05:23.833379+07	in_progress	binh	0	\N	\N	\N	\N	\N	\N	3	2026-12-01 20:05:23.833379+07	2026-12-01 21:19:06.887132+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
16	1	BT-16	hotline	\N	ANTT	Hai nhà hàng xóm cãi nhau, có dấu hiệu xô xát, cần người đến ngay.	15/7 Nơ Trang Long, Phường Bình Thạnh	\N	\N	Tô Văn Nam	0905678901	police	t	{}	2026-12-01 19:25:23.833379+07	2026-12-01 21:25:23.833379+07	new	\N	0	\N	\N	\N	\N	\N	\N	3	2026-12-01 19:25:23.833379+07	2026-12-01 21:19:07.036849+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
19	1	BT-19	app	BT-APP-240214	TTDT	Bảng quảng cáo dựng trái phép trên vỉa hè.	150 Lê Quang Định, Phường Bình Thạnh	10.8102	106.696	Châu Minh Tâm	0587112358	\N	f	{https://example.invalid/media/0214.jpg}	2026-12-01 19:35:23.833379+07	2026-12-01 21:35:23.833379+07	new	\N	1	\N	\N	\N	\N	\N	\N	2	2026-12-01 19:35:23.833379+07	2026-12-01 21:19:07.094113+07	{}	\N	\N	2026-12-01 21:19:07.094113+07	\N	\N	\N	2026-12-01 21:19:07.094113+07	\N	\N
25	1	BT-25	app	BT-APP-240226	MT	Xác động vật chết trôi dạt ở bờ kênh, bốc mùi.	Bờ kênh Thanh Đa, Bình Quới, Phường Bình Thạnh	10.8231	106.7204	Kha Minh Nhật	0376555444	\N	f	{https://example.invalid/media/0226.jpg}	2026-12-01 20:40:23.833379+07	2026-12-01 22:40:23.833379+07	in_progress	cuong	0	\N	\N	\N	\N	\N	\N	2	2026-12-01 20:40:23.833379+07	2026-12-01 20:45:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
26	1	BT-26	app	BT-APP-240229	TTDT	Xe ô tô đậu chắn lối thoát hiểm của chung cư.	2 Nguyễn Hữu Cảnh, Phường Bình Thạnh	10.7925	106.7183	Tăng Gia Huy	0707070707	\N	f	{https://example.invalid/media/0229.jpg}	2026-12-01 20:50:23.833379+07	2026-12-01 22:50:23.833379+07	new	\N	0	\N	\N	\N	\N	\N	\N	1	2026-12-01 20:50:23.833379+07	2026-12-01 20:50:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
27	1	BT-27	hotline	\N	HT	Dây điện thoại, dây cáp đứt võng xuống thấp ngang đầu người đi đường.	18/6 Phan Đăng Lưu, Phường Bình Thạnh	\N	\N	Lạc Thị Nga	02838991234	committee	t	{}	2026-12-01 21:03:23.833379+07	2026-12-01 23:03:23.833379+07	new	\N	0	\N	\N	\N	\N	\N	\N	1	2026-12-01 21:03:23.833379+07	2026-12-01 21:03:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
28	1	BT-28	app	BT-APP-240233	MT	Thùng rác công cộng đầy tràn, rác rơi ra đường.	190 Nơ Trang Long, Phường Bình Thạnh	10.814	106.7001	Ông Hứa Văn Tài	0868246135	\N	f	{https://example.invalid/media/0233.jpg}	2026-12-01 21:07:23.833379+07	2026-12-01 23:07:23.833379+07	new	\N	0	\N	\N	\N	\N	\N	\N	1	2026-12-01 21:07:23.833379+07	2026-12-01 21:07:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
29	1	BT-29	app	BT-APP-240235	CX	Cây xanh mới trồng bị nhổ gốc, ném rác vào gốc.	64 Điện Biên Phủ, Phường Bình Thạnh	10.7995	106.7049	Nguyễn Văn A	0392753951	\N	f	{https://example.invalid/media/0235.jpg}	2026-12-01 21:11:23.833379+07	2026-12-01 23:11:23.833379+07	new	\N	0	\N	\N	\N	\N	\N	\N	1	2026-12-01 21:11:23.833379+07	2026-12-01 21:11:23.833379+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
30	1	BT-30	hotline	\N	ANTT	Có tiếng kêu cứu trong nhà, cửa khóa ngoài, hàng xóm lo lắng.	55/1/8 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh	\N	\N	Dương Thị Liên	0934001122	police	f	{}	2026-12-01 21:14:23.833379+07	2026-12-01 23:14:23.833379+07	resolved	chutich	0	Trùng với phản ánh BT-16	duplicate	16	2026-12-01 21:19:07.036849+07	\N	\N	3	2026-12-01 21:14:23.833379+07	2026-12-01 21:19:07.036849+07	{}	\N	\N	\N	\N	\N	\N	\N	\N	\N
\.


--
-- Data for Name: categories; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.categories (code, name_vi, name_en, deadline_min, warn_min, escalate_min, sort, active) FROM stdin;
TTDT	Trật tự đô thị	Urban order	120	30	15	10	t
MT	Môi trường	Environment	120	30	15	20	t
ANTT	An ninh trật tự	Security and order	120	30	15	30	t
ATGT	An toàn giao thông	Traffic safety	120	30	15	40	t
HT	Hạ tầng	Infrastructure	120	30	15	50	t
CX	Cây xanh	Trees	120	30	15	60	t
KHAC	Khác	Other	120	30	15	90	t
\.


--
-- Data for Name: delay_reasons; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.delay_reasons (code, name_vi, name_en, sort, active) FROM stdin;
STAFF	Thiếu cán bộ trực	Not enough staff on duty	10	t
BUSY	Nhiều vụ việc cùng lúc	Too many cases at once	20	t
FIELD	Chờ đơn vị chức năng xử lý tại hiện trường	Waiting for the field unit	30	t
AGENCY	Cần phối hợp với cơ quan khác	Another agency had to act	40	t
REPORTER	Không liên lạc được người phản ánh	Could not reach the reporter	50	t
VERIFY	Vụ việc phức tạp, cần xác minh thêm	Complex case, needed checking	60	t
WEATHER	Thời tiết, ngập nước	Weather or flooding	70	t
OTHER	Lý do khác	Other reason	90	t
\.


--
-- Data for Name: handover_cases; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.handover_cases (handover_id, case_id, ward_id, included, state, deadline_at, version, moved) FROM stdin;
1	17	1	t	in_progress	2026-12-01 21:27:23.833379+07	2	t
1	21	1	t	in_progress	2026-12-01 22:05:23.833379+07	2	t
\.


--
-- Data for Name: handovers; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.handovers (id, ward_id, from_officer, to_officer, shift_id, note, created_at, acked_at, cancelled_at, cancelled_by, state) FROM stdin;
1	1	an	binh	1	Bàn giao ca sáng: BT-17 chờ đội trật tự đô thị	2026-12-01 21:19:06.824139+07	2026-12-01 21:19:06.887132+07	\N	\N	acknowledged
\.


--
-- Data for Name: officers; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.officers (login, full_name, role, ward_id, active, created_at) FROM stdin;
chutich	Trần Thị Hồng	chair	1	t	2026-12-01 21:15:23.833379+07
an	Nguyễn Văn An	officer	1	t	2026-12-01 21:15:23.833379+07
binh	Lê Thị Bình	officer	1	t	2026-12-01 21:15:23.833379+07
cuong	Phạm Quốc Cường	officer	1	t	2026-12-01 21:15:23.833379+07
lan	Võ Thị Lan	hotline	1	t	2026-12-01 21:15:23.833379+07
minh	Đặng Minh	hotline	1	t	2026-12-01 21:15:23.833379+07
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.schema_migrations (version, name, applied_at) FROM stdin;
1	001_core.sql	2026-12-01 21:15:23.726439+07
2	002_intake.sql	2026-12-01 21:15:23.76044+07
3	003_deadlines.sql	2026-12-01 21:15:23.776198+07
4	004_roles_shifts.sql	2026-12-01 21:15:23.794293+07
5	005_fast_paths.sql	2026-12-01 21:15:23.819036+07
\.


--
-- Data for Name: service_code_map; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.service_code_map (service_code, category) FROM stdin;
TTDT	TTDT
MT	MT
ANTT	ANTT
ATGT	ATGT
HT	HT
CX	CX
*	KHAC
\.


--
-- Data for Name: settings; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.settings (key, value, description, updated_at, updated_by) FROM stdin;
unowned_grace_min	10	minutes a warned case may stay unowned before it escalates	2026-12-01 21:15:23.776198+07	\N
apology_template	Kính gửi {name},\nUBND {ward} xin lỗi ông/bà vì phản ánh {ref} tiếp nhận lúc {received} đã được xử lý chậm so với thời hạn ({deadline}).\nRất mong ông/bà thông cảm và tiếp tục đồng hành cùng phường.	apology note offered when closing a late case; placeholders {ref} {received} {deadline} {closed} {name} {address} {category} {ward} {result}	2026-12-01 21:15:23.776198+07	\N
remind_min	15	minutes between reminders of an unacknowledged escalation	2026-12-01 21:19:08.532774+07	chutich
\.


--
-- Data for Name: shifts; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.shifts (id, officer, ward_id, started_at, ended_at) FROM stdin;
2	binh	1	2026-12-01 21:19:06.699916+07	\N
3	lan	1	2026-12-01 21:19:06.75413+07	\N
1	an	1	2026-12-01 21:19:06.631513+07	2026-12-01 21:19:06.952142+07
\.


--
-- Data for Name: test_clock; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.test_clock (one, clock_offset) FROM stdin;
t	00:00:00
\.


--
-- Data for Name: wards; Type: TABLE DATA; Schema: wardesk; Owner: wardesk_owner
--

COPY wardesk.wards (id, code, name, next_seq, created_at) FROM stdin;
1	BT	Phường Bình Thạnh	31	2026-12-01 21:15:23.833379+07
\.


--
-- Name: alerts_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.alerts_id_seq', 94, true);


--
-- Name: case_events_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.case_events_id_seq', 74, true);


--
-- Name: case_reporters_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.case_reporters_id_seq', 2, true);


--
-- Name: cases_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.cases_id_seq', 30, true);


--
-- Name: handovers_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.handovers_id_seq', 1, true);


--
-- Name: shifts_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.shifts_id_seq', 3, true);


--
-- Name: wards_id_seq; Type: SEQUENCE SET; Schema: wardesk; Owner: wardesk_owner
--

SELECT pg_catalog.setval('wardesk.wards_id_seq', 1, true);


--
-- Name: alerts alerts_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.alerts
    ADD CONSTRAINT alerts_pkey PRIMARY KEY (id);


--
-- Name: case_events case_events_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_events
    ADD CONSTRAINT case_events_pkey PRIMARY KEY (id);


--
-- Name: case_reporters case_reporters_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_reporters
    ADD CONSTRAINT case_reporters_pkey PRIMARY KEY (id);


--
-- Name: cases cases_external_id_key; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_external_id_key UNIQUE (external_id);


--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);


--
-- Name: cases cases_ref_key; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_ref_key UNIQUE (ref);


--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (code);


--
-- Name: delay_reasons delay_reasons_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.delay_reasons
    ADD CONSTRAINT delay_reasons_pkey PRIMARY KEY (code);


--
-- Name: handover_cases handover_cases_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handover_cases
    ADD CONSTRAINT handover_cases_pkey PRIMARY KEY (handover_id, case_id);


--
-- Name: handovers handovers_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handovers
    ADD CONSTRAINT handovers_pkey PRIMARY KEY (id);


--
-- Name: officers officers_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.officers
    ADD CONSTRAINT officers_pkey PRIMARY KEY (login);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: service_code_map service_code_map_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.service_code_map
    ADD CONSTRAINT service_code_map_pkey PRIMARY KEY (service_code);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);


--
-- Name: shifts shifts_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.shifts
    ADD CONSTRAINT shifts_pkey PRIMARY KEY (id);


--
-- Name: test_clock test_clock_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.test_clock
    ADD CONSTRAINT test_clock_pkey PRIMARY KEY (one);


--
-- Name: wards wards_code_key; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.wards
    ADD CONSTRAINT wards_code_key UNIQUE (code);


--
-- Name: wards wards_pkey; Type: CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.wards
    ADD CONSTRAINT wards_pkey PRIMARY KEY (id);


--
-- Name: alerts_case_id_id_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX alerts_case_id_id_idx ON wardesk.alerts USING btree (case_id, id);


--
-- Name: alerts_recipient_id_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX alerts_recipient_id_idx ON wardesk.alerts USING btree (recipient, id) WHERE (delivered_at IS NULL);


--
-- Name: case_events_at_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX case_events_at_idx ON wardesk.case_events USING btree (at);


--
-- Name: case_events_case_id_id_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX case_events_case_id_id_idx ON wardesk.case_events USING btree (case_id, id);


--
-- Name: case_reporters_case_id_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX case_reporters_case_id_idx ON wardesk.case_reporters USING btree (case_id);


--
-- Name: case_reporters_reporter_phone_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX case_reporters_reporter_phone_idx ON wardesk.case_reporters USING btree (reporter_phone) WHERE (reporter_phone IS NOT NULL);


--
-- Name: cases_closed_at_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_closed_at_idx ON wardesk.cases USING btree (closed_at) WHERE (closed_at IS NOT NULL);


--
-- Name: cases_deadline_at_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_deadline_at_idx ON wardesk.cases USING btree (deadline_at) WHERE (state <> 'resolved'::text);


--
-- Name: cases_owner_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_owner_idx ON wardesk.cases USING btree (owner) WHERE (owner IS NOT NULL);


--
-- Name: cases_reporter_phone_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_reporter_phone_idx ON wardesk.cases USING btree (reporter_phone) WHERE (reporter_phone IS NOT NULL);


--
-- Name: cases_sweep_todo; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_sweep_todo ON wardesk.cases USING btree (ward_id, deadline_at) WHERE ((state <> 'resolved'::text) AND ((warned_at IS NULL) OR (overdue_at IS NULL) OR ((escalation >= 1) AND (ack_at IS NULL)) OR ((escalated_at IS NULL) AND (escalation = 0))));


--
-- Name: cases_ward_id_category_received_at_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_ward_id_category_received_at_idx ON wardesk.cases USING btree (ward_id, category, received_at);


--
-- Name: cases_ward_id_state_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX cases_ward_id_state_idx ON wardesk.cases USING btree (ward_id, state);


--
-- Name: handovers_one_pending; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE UNIQUE INDEX handovers_one_pending ON wardesk.handovers USING btree (from_officer) WHERE (state = 'pending'::text);


--
-- Name: handovers_shift_id_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX handovers_shift_id_idx ON wardesk.handovers USING btree (shift_id);


--
-- Name: handovers_to_officer_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX handovers_to_officer_idx ON wardesk.handovers USING btree (to_officer) WHERE (state = 'pending'::text);


--
-- Name: officers_ward_id_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX officers_ward_id_idx ON wardesk.officers USING btree (ward_id);


--
-- Name: shifts_one_open; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE UNIQUE INDEX shifts_one_open ON wardesk.shifts USING btree (officer) WHERE (ended_at IS NULL);


--
-- Name: shifts_ward_id_started_at_idx; Type: INDEX; Schema: wardesk; Owner: wardesk_owner
--

CREATE INDEX shifts_ward_id_started_at_idx ON wardesk.shifts USING btree (ward_id, started_at);


--
-- Name: case_events t00_append_only; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t00_append_only BEFORE DELETE OR UPDATE ON wardesk.case_events FOR EACH ROW EXECUTE FUNCTION wardesk.tg_append_only();


--
-- Name: case_events t00_append_only_truncate; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t00_append_only_truncate BEFORE TRUNCATE ON wardesk.case_events FOR EACH STATEMENT EXECUTE FUNCTION wardesk.tg_append_only();


--
-- Name: case_events t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT ON wardesk.case_events FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: case_reporters t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.case_reporters FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: cases t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: categories t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.categories FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: delay_reasons t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.delay_reasons FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: handovers t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.handovers FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: officers t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.officers FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: settings t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.settings FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: wards t10_nfc; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t10_nfc BEFORE INSERT OR UPDATE ON wardesk.wards FOR EACH ROW EXECUTE FUNCTION wardesk.tg_nfc();


--
-- Name: cases t15_intake_flags; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t15_intake_flags BEFORE INSERT ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_cases_intake_flags();


--
-- Name: cases t15_roles; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t15_roles BEFORE UPDATE ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_cases_roles();


--
-- Name: cases t20_rules; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t20_rules BEFORE UPDATE ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_cases_before_update();


--
-- Name: cases t25_chain; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t25_chain BEFORE UPDATE ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_cases_chain();


--
-- Name: cases t90_audit; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t90_audit AFTER INSERT OR UPDATE ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_cases_audit();


--
-- Name: alerts t90_notify; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t90_notify AFTER INSERT ON wardesk.alerts FOR EACH ROW EXECUTE FUNCTION wardesk.tg_alerts_notify();


--
-- Name: cases t91_alerts; Type: TRIGGER; Schema: wardesk; Owner: wardesk_owner
--

CREATE TRIGGER t91_alerts AFTER INSERT OR UPDATE ON wardesk.cases FOR EACH ROW EXECUTE FUNCTION wardesk.tg_cases_alerts();


--
-- Name: alerts alerts_case_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.alerts
    ADD CONSTRAINT alerts_case_id_fkey FOREIGN KEY (case_id) REFERENCES wardesk.cases(id);


--
-- Name: alerts alerts_recipient_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.alerts
    ADD CONSTRAINT alerts_recipient_fkey FOREIGN KEY (recipient) REFERENCES wardesk.officers(login);


--
-- Name: alerts alerts_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.alerts
    ADD CONSTRAINT alerts_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: case_events case_events_case_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_events
    ADD CONSTRAINT case_events_case_id_fkey FOREIGN KEY (case_id) REFERENCES wardesk.cases(id);


--
-- Name: case_events case_events_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_events
    ADD CONSTRAINT case_events_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: case_reporters case_reporters_case_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_reporters
    ADD CONSTRAINT case_reporters_case_id_fkey FOREIGN KEY (case_id) REFERENCES wardesk.cases(id);


--
-- Name: case_reporters case_reporters_from_case_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_reporters
    ADD CONSTRAINT case_reporters_from_case_id_fkey FOREIGN KEY (from_case_id) REFERENCES wardesk.cases(id);


--
-- Name: case_reporters case_reporters_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.case_reporters
    ADD CONSTRAINT case_reporters_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: cases cases_ack_by_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_ack_by_fkey FOREIGN KEY (ack_by) REFERENCES wardesk.officers(login);


--
-- Name: cases cases_category_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_category_fkey FOREIGN KEY (category) REFERENCES wardesk.categories(code);


--
-- Name: cases cases_delay_reason_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_delay_reason_fkey FOREIGN KEY (delay_reason) REFERENCES wardesk.delay_reasons(code);


--
-- Name: cases cases_duplicate_of_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_duplicate_of_fkey FOREIGN KEY (duplicate_of) REFERENCES wardesk.cases(id);


--
-- Name: cases cases_owner_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_owner_fkey FOREIGN KEY (owner) REFERENCES wardesk.officers(login);


--
-- Name: cases cases_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.cases
    ADD CONSTRAINT cases_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: handover_cases handover_cases_case_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handover_cases
    ADD CONSTRAINT handover_cases_case_id_fkey FOREIGN KEY (case_id) REFERENCES wardesk.cases(id);


--
-- Name: handover_cases handover_cases_handover_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handover_cases
    ADD CONSTRAINT handover_cases_handover_id_fkey FOREIGN KEY (handover_id) REFERENCES wardesk.handovers(id);


--
-- Name: handover_cases handover_cases_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handover_cases
    ADD CONSTRAINT handover_cases_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: handovers handovers_from_officer_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handovers
    ADD CONSTRAINT handovers_from_officer_fkey FOREIGN KEY (from_officer) REFERENCES wardesk.officers(login);


--
-- Name: handovers handovers_shift_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handovers
    ADD CONSTRAINT handovers_shift_id_fkey FOREIGN KEY (shift_id) REFERENCES wardesk.shifts(id);


--
-- Name: handovers handovers_to_officer_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handovers
    ADD CONSTRAINT handovers_to_officer_fkey FOREIGN KEY (to_officer) REFERENCES wardesk.officers(login);


--
-- Name: handovers handovers_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.handovers
    ADD CONSTRAINT handovers_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: officers officers_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.officers
    ADD CONSTRAINT officers_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: service_code_map service_code_map_category_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.service_code_map
    ADD CONSTRAINT service_code_map_category_fkey FOREIGN KEY (category) REFERENCES wardesk.categories(code);


--
-- Name: shifts shifts_officer_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.shifts
    ADD CONSTRAINT shifts_officer_fkey FOREIGN KEY (officer) REFERENCES wardesk.officers(login);


--
-- Name: shifts shifts_ward_id_fkey; Type: FK CONSTRAINT; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE ONLY wardesk.shifts
    ADD CONSTRAINT shifts_ward_id_fkey FOREIGN KEY (ward_id) REFERENCES wardesk.wards(id);


--
-- Name: alerts; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.alerts ENABLE ROW LEVEL SECURITY;

--
-- Name: case_events; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.case_events ENABLE ROW LEVEL SECURITY;

--
-- Name: case_reporters; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.case_reporters ENABLE ROW LEVEL SECURITY;

--
-- Name: cases; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.cases ENABLE ROW LEVEL SECURITY;

--
-- Name: handover_cases; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.handover_cases ENABLE ROW LEVEL SECURITY;

--
-- Name: handovers; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.handovers ENABLE ROW LEVEL SECURITY;

--
-- Name: officers; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.officers ENABLE ROW LEVEL SECURITY;

--
-- Name: shifts; Type: ROW SECURITY; Schema: wardesk; Owner: wardesk_owner
--

ALTER TABLE wardesk.shifts ENABLE ROW LEVEL SECURITY;

--
-- Name: alerts ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.alerts USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: case_events ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.case_events USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: case_reporters ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.case_reporters USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: cases ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.cases USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: handover_cases ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.handover_cases USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: handovers ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.handovers USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: officers ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.officers USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: shifts ward_isolation; Type: POLICY; Schema: wardesk; Owner: wardesk_owner
--

CREATE POLICY ward_isolation ON wardesk.shifts USING (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards))) WITH CHECK (((ward_id = ( SELECT wardesk.my_ward() AS my_ward)) OR ( SELECT wardesk.session_all_wards() AS session_all_wards)));


--
-- Name: SCHEMA wardesk; Type: ACL; Schema: -; Owner: wardesk_owner
--

GRANT USAGE ON SCHEMA wardesk TO wardesk_staff;


--
-- Name: FUNCTION now(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.now() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.now() TO wardesk_staff;


--
-- Name: TABLE cases; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.cases TO wardesk_staff;


--
-- Name: FUNCTION ack(p_ref text, p_seen integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.ack(p_ref text, p_seen integer) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.ack(p_ref text, p_seen integer) TO wardesk_staff;


--
-- Name: FUNCTION action_names(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.action_names() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.action_names() TO wardesk_staff;


--
-- Name: FUNCTION add_reporter(p_ref text, p_name text, p_phone text, p_note text, p_channel text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.add_reporter(p_ref text, p_name text, p_phone text, p_note text, p_channel text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.add_reporter(p_ref text, p_name text, p_phone text, p_note text, p_channel text) TO wardesk_staff;


--
-- Name: FUNCTION address_key(p text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.address_key(p text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.address_key(p text) TO wardesk_staff;


--
-- Name: FUNCTION alert(p_case wardesk.cases, p_kind text, p_to text[]); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.alert(p_case wardesk.cases, p_kind text, p_to text[]) FROM PUBLIC;


--
-- Name: FUNCTION alerts_delivered(p_ids bigint[]); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.alerts_delivered(p_ids bigint[]) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.alerts_delivered(p_ids bigint[]) TO wardesk_staff;


--
-- Name: FUNCTION apology_text(p_ref text, p_result text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.apology_text(p_ref text, p_result text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.apology_text(p_ref text, p_result text) TO wardesk_staff;


--
-- Name: FUNCTION app_requests(p_since timestamp with time zone); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.app_requests(p_since timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.app_requests(p_since timestamp with time zone) TO wardesk_staff;


--
-- Name: FUNCTION assign(p_ref text, p_login text, p_seen integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.assign(p_ref text, p_login text, p_seen integer) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.assign(p_ref text, p_login text, p_seen integer) TO wardesk_staff;


--
-- Name: FUNCTION audit_skip(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.audit_skip() FROM PUBLIC;


--
-- Name: FUNCTION board(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.board() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.board() TO wardesk_staff;


--
-- Name: FUNCTION board_summary(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.board_summary() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.board_summary() TO wardesk_staff;


--
-- Name: FUNCTION can(p_action text, p_ref text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.can(p_action text, p_ref text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.can(p_action text, p_ref text) TO wardesk_staff;


--
-- Name: FUNCTION canon_ref(p_ref text, p_ward integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.canon_ref(p_ref text, p_ward integer) FROM PUBLIC;


--
-- Name: TABLE categories; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.categories TO wardesk_staff;


--
-- Name: FUNCTION category_set(p_code text, p_deadline integer, p_warn integer, p_escalate integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.category_set(p_code text, p_deadline integer, p_warn integer, p_escalate integer) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.category_set(p_code text, p_deadline integer, p_warn integer, p_escalate integer) TO wardesk_staff;


--
-- Name: FUNCTION check_seen(c wardesk.cases, p_seen integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.check_seen(c wardesk.cases, p_seen integer) FROM PUBLIC;


--
-- Name: FUNCTION close(p_ref text, p_seen integer, p_note text, p_reason text, p_duplicate_of text, p_delay_reason text, p_apology text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.close(p_ref text, p_seen integer, p_note text, p_reason text, p_duplicate_of text, p_delay_reason text, p_apology text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.close(p_ref text, p_seen integer, p_note text, p_reason text, p_duplicate_of text, p_delay_reason text, p_apology text) TO wardesk_staff;


--
-- Name: FUNCTION deescalate(p_ref text, p_seen integer, p_note text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.deescalate(p_ref text, p_seen integer, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.deescalate(p_ref text, p_seen integer, p_note text) TO wardesk_staff;


--
-- Name: FUNCTION distance_m(a_lat double precision, a_lon double precision, b_lat double precision, b_lon double precision); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.distance_m(a_lat double precision, a_lon double precision, b_lat double precision, b_lon double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.distance_m(a_lat double precision, a_lon double precision, b_lat double precision, b_lon double precision) TO wardesk_staff;


--
-- Name: FUNCTION dup_candidates(p_ward integer, p_category text, p_at timestamp with time zone, p_lat double precision, p_lon double precision, p_address text, p_exclude bigint); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.dup_candidates(p_ward integer, p_category text, p_at timestamp with time zone, p_lat double precision, p_lon double precision, p_address text, p_exclude bigint) FROM PUBLIC;


--
-- Name: FUNCTION duty_officers(p_ward integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.duty_officers(p_ward integer) FROM PUBLIC;


--
-- Name: FUNCTION escalate(p_ref text, p_seen integer, p_note text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.escalate(p_ref text, p_seen integer, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.escalate(p_ref text, p_seen integer, p_note text) TO wardesk_staff;


--
-- Name: TABLE officers; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.officers TO wardesk_staff;


--
-- Name: FUNCTION find_case(p_ref text, o wardesk.officers); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.find_case(p_ref text, o wardesk.officers) FROM PUBLIC;


--
-- Name: TABLE handovers; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.handovers TO wardesk_staff;


--
-- Name: FUNCTION handover_ack(p_id bigint); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.handover_ack(p_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.handover_ack(p_id bigint) TO wardesk_staff;


--
-- Name: FUNCTION handover_cancel(p_id bigint); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.handover_cancel(p_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.handover_cancel(p_id bigint) TO wardesk_staff;


--
-- Name: FUNCTION handover_create(p_to text, p_note text, p_exclude_refs text[]); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.handover_create(p_to text, p_note text, p_exclude_refs text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.handover_create(p_to text, p_note text, p_exclude_refs text[]) TO wardesk_staff;


--
-- Name: FUNCTION holder_text(p_login text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.holder_text(p_login text) FROM PUBLIC;


--
-- Name: FUNCTION import_request(p_external_id text, p_service_code text, p_description text, p_requested_at timestamp with time zone, p_address text, p_lat double precision, p_lon double precision, p_media_url text, p_status text, p_status_notes text, p_updated_at timestamp with time zone, p_rating integer, p_rating_comment text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.import_request(p_external_id text, p_service_code text, p_description text, p_requested_at timestamp with time zone, p_address text, p_lat double precision, p_lon double precision, p_media_url text, p_status text, p_status_notes text, p_updated_at timestamp with time zone, p_rating integer, p_rating_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.import_request(p_external_id text, p_service_code text, p_description text, p_requested_at timestamp with time zone, p_address text, p_lat double precision, p_lon double precision, p_media_url text, p_status text, p_status_notes text, p_updated_at timestamp with time zone, p_rating integer, p_rating_comment text) TO wardesk_staff;


--
-- Name: FUNCTION is_blank(p text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.is_blank(p text) FROM PUBLIC;


--
-- Name: FUNCTION is_superuser(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.is_superuser() FROM PUBLIC;


--
-- Name: FUNCTION likely_duplicates(p_ref text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.likely_duplicates(p_ref text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.likely_duplicates(p_ref text) TO wardesk_staff;


--
-- Name: FUNCTION lock_case(p_ref text, o wardesk.officers); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.lock_case(p_ref text, o wardesk.officers) FROM PUBLIC;


--
-- Name: FUNCTION me(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.me() FROM PUBLIC;


--
-- Name: FUNCTION merge(p_dup_ref text, p_into_ref text, p_note text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.merge(p_dup_ref text, p_into_ref text, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.merge(p_dup_ref text, p_into_ref text, p_note text) TO wardesk_staff;


--
-- Name: FUNCTION my_permissions(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.my_permissions() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.my_permissions() TO wardesk_staff;


--
-- Name: FUNCTION my_ward(); Type: ACL; Schema: wardesk; Owner: postgres
--

REVOKE ALL ON FUNCTION wardesk.my_ward() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.my_ward() TO wardesk_owner;
GRANT ALL ON FUNCTION wardesk.my_ward() TO wardesk_staff;


--
-- Name: FUNCTION normalize_phone(p_phone text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.normalize_phone(p_phone text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.normalize_phone(p_phone text) TO wardesk_staff;


--
-- Name: FUNCTION notify_shift(p_kind text, p_id bigint, p_ward integer, p_op text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.notify_shift(p_kind text, p_id bigint, p_ward integer, p_op text) FROM PUBLIC;


--
-- Name: FUNCTION officer_add(p_login text, p_full_name text, p_role text, p_ward_code text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.officer_add(p_login text, p_full_name text, p_role text, p_ward_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.officer_add(p_login text, p_full_name text, p_role text, p_ward_code text) TO wardesk_staff;


--
-- Name: FUNCTION on_duty(p_ward integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.on_duty(p_ward integer) FROM PUBLIC;


--
-- Name: FUNCTION rate(p_ref text, p_score integer, p_comment text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.rate(p_ref text, p_score integer, p_comment text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.rate(p_ref text, p_score integer, p_comment text) TO wardesk_staff;


--
-- Name: FUNCTION reassign_all(p_from text, p_to text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.reassign_all(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.reassign_all(p_from text, p_to text) TO wardesk_staff;


--
-- Name: FUNCTION refuse_resolved(c wardesk.cases); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.refuse_resolved(c wardesk.cases) FROM PUBLIC;


--
-- Name: FUNCTION reopen(p_ref text, p_seen integer, p_note text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.reopen(p_ref text, p_seen integer, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.reopen(p_ref text, p_seen integer, p_note text) TO wardesk_staff;


--
-- Name: FUNCTION report(p_category text, p_description text, p_address text, p_phone text, p_name text, p_channel text, p_received_at timestamp with time zone, p_lat double precision, p_lon double precision, p_media text[], p_external_id text, p_hotline_line text, p_callback boolean); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.report(p_category text, p_description text, p_address text, p_phone text, p_name text, p_channel text, p_received_at timestamp with time zone, p_lat double precision, p_lon double precision, p_media text[], p_external_id text, p_hotline_line text, p_callback boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.report(p_category text, p_description text, p_address text, p_phone text, p_name text, p_channel text, p_received_at timestamp with time zone, p_lat double precision, p_lon double precision, p_media text[], p_external_id text, p_hotline_line text, p_callback boolean) TO wardesk_staff;


--
-- Name: FUNCTION require_officer(p_roles text[], p_what text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.require_officer(p_roles text[], p_what text) FROM PUBLIC;


--
-- Name: FUNCTION role_text(p_role text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.role_text(p_role text) FROM PUBLIC;


--
-- Name: FUNCTION service_code_set(p_code text, p_category text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.service_code_set(p_code text, p_category text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.service_code_set(p_code text, p_category text) TO wardesk_staff;


--
-- Name: FUNCTION session_all_wards(); Type: ACL; Schema: wardesk; Owner: postgres
--

REVOKE ALL ON FUNCTION wardesk.session_all_wards() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.session_all_wards() TO wardesk_owner;
GRANT ALL ON FUNCTION wardesk.session_all_wards() TO wardesk_staff;


--
-- Name: FUNCTION set_action(p_action text, p_note text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.set_action(p_action text, p_note text) FROM PUBLIC;


--
-- Name: FUNCTION setting_int(p_key text, p_default integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.setting_int(p_key text, p_default integer) FROM PUBLIC;


--
-- Name: TABLE settings; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.settings TO wardesk_staff;


--
-- Name: FUNCTION setting_set(p_key text, p_value text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.setting_set(p_key text, p_value text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.setting_set(p_key text, p_value text) TO wardesk_staff;


--
-- Name: TABLE shifts; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.shifts TO wardesk_staff;


--
-- Name: FUNCTION shift_end(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.shift_end() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.shift_end() TO wardesk_staff;


--
-- Name: FUNCTION shift_start(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.shift_start() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.shift_start() TO wardesk_staff;


--
-- Name: FUNCTION stats(p_from timestamp with time zone, p_to timestamp with time zone); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.stats(p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.stats(p_from timestamp with time zone, p_to timestamp with time zone) TO wardesk_staff;


--
-- Name: FUNCTION sweep(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.sweep() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.sweep() TO wardesk_staff;


--
-- Name: FUNCTION take(p_ref text, p_seen integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.take(p_ref text, p_seen integer) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.take(p_ref text, p_seen integer) TO wardesk_staff;


--
-- Name: FUNCTION tg_alerts_notify(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_alerts_notify() FROM PUBLIC;


--
-- Name: FUNCTION tg_append_only(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_append_only() FROM PUBLIC;


--
-- Name: FUNCTION tg_cases_alerts(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_cases_alerts() FROM PUBLIC;


--
-- Name: FUNCTION tg_cases_audit(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_cases_audit() FROM PUBLIC;


--
-- Name: FUNCTION tg_cases_before_update(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_cases_before_update() FROM PUBLIC;


--
-- Name: FUNCTION tg_cases_chain(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_cases_chain() FROM PUBLIC;


--
-- Name: FUNCTION tg_cases_intake_flags(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_cases_intake_flags() FROM PUBLIC;


--
-- Name: FUNCTION tg_cases_roles(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_cases_roles() FROM PUBLIC;


--
-- Name: FUNCTION tg_nfc(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.tg_nfc() FROM PUBLIC;


--
-- Name: FUNCTION touch_case(p_id bigint, p_action text, p_note text, p_drop_flag text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.touch_case(p_id bigint, p_action text, p_note text, p_drop_flag text) FROM PUBLIC;


--
-- Name: TABLE wards; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.wards TO wardesk_staff;


--
-- Name: FUNCTION ward_add(p_code text, p_name text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.ward_add(p_code text, p_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.ward_add(p_code text, p_name text) TO wardesk_staff;


--
-- Name: FUNCTION ward_chairs(p_ward integer); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.ward_chairs(p_ward integer) FROM PUBLIC;


--
-- Name: FUNCTION whoami(); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.whoami() FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.whoami() TO wardesk_staff;


--
-- Name: FUNCTION window_summary(p_from timestamp with time zone, p_to timestamp with time zone, p_officer text); Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON FUNCTION wardesk.window_summary(p_from timestamp with time zone, p_to timestamp with time zone, p_officer text) FROM PUBLIC;
GRANT ALL ON FUNCTION wardesk.window_summary(p_from timestamp with time zone, p_to timestamp with time zone, p_officer text) TO wardesk_staff;


--
-- Name: TABLE alerts; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.alerts TO wardesk_staff;


--
-- Name: TABLE case_events; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON TABLE wardesk.case_events FROM wardesk_owner;
GRANT SELECT,INSERT,REFERENCES,TRIGGER,UPDATE ON TABLE wardesk.case_events TO wardesk_owner;
GRANT SELECT ON TABLE wardesk.case_events TO wardesk_staff;


--
-- Name: TABLE case_list; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.case_list TO wardesk_staff;


--
-- Name: TABLE case_reporters; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.case_reporters TO wardesk_staff;


--
-- Name: TABLE delay_reasons; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.delay_reasons TO wardesk_staff;


--
-- Name: TABLE handover_cases; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.handover_cases TO wardesk_staff;


--
-- Name: TABLE handover_list; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.handover_list TO wardesk_staff;


--
-- Name: TABLE officer_list; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.officer_list TO wardesk_staff;


--
-- Name: TABLE on_duty_now; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.on_duty_now TO wardesk_staff;


--
-- Name: TABLE pending_handovers; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.pending_handovers TO wardesk_staff;


--
-- Name: TABLE schema_migrations; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.schema_migrations TO wardesk_staff;


--
-- Name: TABLE service_code_map; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

GRANT SELECT ON TABLE wardesk.service_code_map TO wardesk_staff;


--
-- Name: TABLE test_clock; Type: ACL; Schema: wardesk; Owner: wardesk_owner
--

REVOKE ALL ON TABLE wardesk.test_clock FROM wardesk_owner;
GRANT SELECT,REFERENCES,TRIGGER ON TABLE wardesk.test_clock TO wardesk_owner;
GRANT SELECT ON TABLE wardesk.test_clock TO wardesk_staff;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: wardesk; Owner: wardesk_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE wardesk_owner IN SCHEMA wardesk GRANT SELECT ON TABLES  TO wardesk_staff;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: wardesk_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE wardesk_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;


--
-- PostgreSQL database dump complete
--


