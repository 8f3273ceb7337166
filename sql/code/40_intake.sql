-- 40_intake.sql - intake: recording a case (report), the citizen-app feed
-- (Open311 GeoReport v2: import_request, app_requests), satisfaction
-- ratings, likely duplicates and merging, extra reporters, the service code
-- map.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: cases, wards, categories (001_core.sql), service_code_map,
-- case_reporters, cases.flags and cases.service_code (002_intake.sql); the
-- unaccent extension (002); wards.established_at and the length limits
-- (007_hardening_a.sql); cases.app_updated_at, service_name, address_id,
-- zipcode, categories.transfer_agency, category_agency
-- (020_open311_export.sql).  Helpers: 20_common.sql.  See sql/API.md
-- ("Intake").

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Recording a case
-- ---------------------------------------------------------------------------

-- Vietnamese phone number to its stored form (digits, leading 0), or WD515.
-- Mobiles: 10 digits starting 03/05/07/08/09.  Landlines: 02 + 9 digits
-- (HCMC: 028 + 8).  Dots, spaces, dashes, parentheses and +84/84 are accepted.
create or replace function wardesk.normalize_phone(p_phone text) returns text
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
		using errcode = 'WD515',
		      detail = json_build_object('phone', (btrim(p_phone))::text)::text,
		      hint = 'mobiles have 10 digits starting 03, 05, 07, 08 or 09; landlines are 028 and 8 digits';
end $$;

-- The items of a batch of new cases (intake_cases), one row each, in the
-- order given: "item" is the caller's number for the item (its place in the
-- batch when absent) and "label" how a refusal names it (the feed's id).
create or replace function wardesk.intake_items(p_items jsonb)
returns table (item int, label text, category text, description text, address text, phone text,
               name text, channel text, received_at timestamptz, lat double precision,
               lon double precision, media text[], external_id text, hotline_line text,
               callback boolean, flags text[], service_code text, priority text, numbered boolean,
               service_name text, address_id text, zipcode text)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select coalesce(x.item, x.o::int), x.label, x.category, x.description, x.address, x.phone, x.name,
	       x.channel, x.received_at, x.lat, x.lon, x.media, x.external_id, x.hotline_line,
	       x.callback, x.flags, x.service_code, x.priority, x.item is not null,
	       x.service_name, x.address_id, x.zipcode
	  -- one call for the array (issue 14 item 5: twice as fast as an
	  -- element and a record per item)
	  from rows from (jsonb_to_recordset(p_items)
	       as (item int, label text, category text, description text, address text, phone text,
	           name text, channel text, received_at timestamptz, lat double precision,
	           lon double precision, media text[], external_id text, hotline_line text,
	           callback boolean, flags text[], service_code text, priority text,
	           service_name text, address_id text, zipcode text)) with ordinality
	       as x(item, label, category, description, address, phone, name, channel, received_at, lat,
	            lon, media, external_id, hotline_line, callback, flags, service_code, priority,
	            service_name, address_id, zipcode, o)
$$;

-- The refusal of a batch item (intake_cases, import_requests): when the
-- caller numbered the items, the message starts "item N (label): " and the
-- JSON detail gets "item" and "label" (src/refusals.c puts the same words
-- before the refusal's own, in the user's language).
create or replace function wardesk.item_problem(p_numbered boolean, p_item int, p_label text,
                                     p_msg text, p_detail text)
returns table (msg text, detail text)
language sql immutable
as $$
	select case when p_numbered then format('item %s (%s): %s', p_item, coalesce(p_label, '?'), p_msg)
	            else p_msg end,
	       case when p_numbered
	            then (coalesce(p_detail::jsonb, '{}'::jsonb)
	                  || jsonb_build_object('item', p_item::text, 'label', coalesce(p_label, '?')))::text
	            else p_detail end
$$;

-- The refused items of intake_cases' p_items for officer p_officer, one row
-- per refused item in item order: the first rule it breaks (SQLSTATE,
-- message and JSON detail naming the item, hint).  intake_cases raises the
-- first; import_problems lists them all.  Internal (no EXECUTE for staff).
create or replace function wardesk.intake_problems(p_officer wardesk.officers, p_items jsonb)
returns table (item int, code text, msg text, detail text, hint text)
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	o officers := p_officer;
	w wards;
	v_now timestamptz := wardesk.now();   -- once, not per item
begin
	select * into w from wards where id = o.ward_id;
	return query
	select i.item, p0.code, q.msg, q.detail, p0.hint
	  from intake_items(p_items) i
	  cross join lateral (select coalesce(i.received_at, v_now) as rec,
	                             lower(replace(btrim(coalesce(i.channel, '')), '-', '')) as chan,
	                             lower(nullif(btrim(i.hotline_line), '')) as line,
	                             lower(nullif(btrim(i.priority), '')) as prio,
	                             nullif(btrim(i.external_id), '') as ext) v
	  cross join lateral (
		select x.code, x.msg, x.detail, x.hint
		  from (select 1 as rule, 'WD516' as code,
		               format('unknown category %s', coalesce(i.category, '(none)')) as msg,
		               json_build_object('category', coalesce(i.category, '(none)'))::text as detail,
		               (select 'categories: ' || string_agg(code, ', ' order by sort)
		                  from categories where active) as hint
		         where not exists (select from categories k where k.code = upper(btrim(i.category)) and k.active)
		        union all
		        select 2, 'WD560', format('unknown priority %s (urgent, normal)', i.priority),
		               json_build_object('priority', i.priority)::text, null
		         where v.prio not in ('urgent', 'normal')
		        union all
		        select 3, 'WD517', 'a description is required', null, null where is_blank(i.description)
		        union all
		        select 4, l.code, l.msg, l.detail, null
		          from length_problem('the description', btrim(i.description), 4000) l
		        union all
		        select 5, l.code, l.msg, l.detail, null
		          from length_problem('the address', btrim(i.address), 500) l
		        union all
		        select 6, l.code, l.msg, l.detail, null
		          from length_problem('the reporter''s name', btrim(i.name), 200) l
		        union all
		        select 7, 'WD518', format('unknown channel %s (app, hotline, walkin, import)', i.channel),
		               json_build_object('channel', i.channel)::text, null
		         where v.chan not in ('', 'app', 'hotline', 'walkin', 'import')
		        union all
		        select 8, 'WD519', format('unknown hotline line %s (police, committee)', i.hotline_line),
		               json_build_object('line', i.hotline_line)::text, null
		         where v.line not in ('police', 'committee')
		        union all
		        select 9, 'WD520', format('the received time %s is not a date', v.rec),
		               json_build_object('received', v.rec::text)::text, null
		         where not isfinite(v.rec)
		        union all
		        select 10, 'WD521', format('the received time %s is before ward %s existed (%s)', v.rec, w.code,
		                                   w.established_at),
		               json_build_object('received', v.rec::text, 'ward', w.code::text,
		                                 'established', w.established_at::text)::text, null
		         where isfinite(v.rec) and v.rec < w.established_at
		        union all
		        select 11, 'WD522', format('the received time %s is in the future', v.rec),
		               json_build_object('received', v.rec::text)::text, null
		         where isfinite(v.rec) and v.rec > v_now + interval '5 minutes'
		        union all
		        select 12, 'WD523', 'coordinates need both a latitude (-90..90) and a longitude (-180..180)',
		               null, null
		         where (i.lat is null) <> (i.lon is null)
		            or i.lat not between -90 and 90 or i.lon not between -180 and 180
		        union all
		        select 13, 'WD524', format('media "%s" is not an http(s) URL', coalesce(m.u, '<NULL>')),
		               json_build_object('url', m.u)::text, null
		          from (select u from unnest(i.media) with ordinality m(u, n)
		                 where u is null or u !~* '^https?://[^[:space:]]+$'
		                 order by n limit 1) m
		        union all
		        select 14, 'WD311', format('external id %s already imported as %s', v.ext, c.ref),
		               json_build_object('ext', v.ext, 'dup', c.ref)::text, null
		          from cases c where v.ext is not null and c.external_id = normalize(v.ext, nfc)) x
		 order by x.rule limit 1) p0
	  cross join lateral item_problem(i.numbered, i.item, i.label, p0.msg, p0.detail) q
	 order by i.item;
end $$;

-- intake_cases: record new cases for officer p_officer, one per item of
-- p_items (a JSON array of objects with the arguments of intake_case by
-- name, without the p_, plus "item" and "label": see intake_items), all or
-- none, in one INSERT: the triggers of the cases table that run once per
-- statement (audit, alerts: 25_audit.sql, 50_deadlines.sql) then run once
-- for the whole batch.  Every item is checked before anything is written;
-- the first refused item is raised with its rule's own SQLSTATE and JSON
-- detail, named "item N (label): " when the caller numbered the items
-- (item_problem).  The ward's next numbers make the refs, in item order.
-- Idempotent by external id: a known id is WD311.  flags and service_code
-- come from the feed (import_requests), as arguments: before 007 they were
-- session settings any caller could set.  The received time is a date, not
-- before the ward's established_at, not more than 5 minutes ahead of the
-- desk clock (007_hardening_a.sql, issue 13 item 1); the address is at most
-- 500 characters, the name 200, the description 4000 (item 12).  priority:
-- 'urgent' | 'normal', NULL for the category's default_priority in the ward
-- (014_priority.sql); the deadline is received + the deadline of the
-- category for the case's priority (case_limits, 12_ward_scope.sql).
-- Returns the new cases in item order.
create or replace function wardesk.intake_cases(p_officer wardesk.officers, p_items jsonb)
returns setof wardesk.cases
language plpgsql
set search_path = wardesk, pg_temp
-- One plan for any ward: planned for the ward at hand, a new ward's (no
-- rows in the statistics) took the index on (ward_id, state) for the
-- duplicate lookup and read all of the ward's cases for each case of the
-- batch (5 s for an import of 5,000 instead of 0.3 s); the generic plan takes
-- the indexes made for the lookup (017_import_batch.sql), as dup_candidates
-- did before.
set plan_cache_mode = force_generic_plan
-- No JIT for the batch's statements and the triggers they fire: priced by
-- the default 1,000 rows of a set-returning function, the "new" alerts'
-- INSERT (tg_cases_alerts_insert) passed jit_above_cost and was compiled at
-- every batch, 20-60 ms each (more than its 500 rows took to write)
set jit = off
as $$
declare
	o officers := p_officer;
	w wards;
	bad record;
	v_n int;
	v_first int;
	v_now timestamptz := wardesk.now();
	v_at timestamptz;
begin
	select * into w from wards where id = o.ward_id;
	for bad in select * from intake_problems(o, p_items) b order by b.item limit 1 loop
		perform raise_problem(bad.code, bad.msg, bad.detail, bad.hint);
	end loop;

	v_n := jsonb_array_length(p_items);
	if v_n = 0 then
		return;
	end if;
	update wards set next_seq = next_seq + v_n where id = o.ward_id returning * into w;
	v_first := w.next_seq - v_n;

	perform set_action('report', null);
	v_at := wardesk.action_now();   -- app_updated_at, once for the batch
	begin
		-- the rows come with their address key, app_updated_at and flags:
		-- tg_cases_intake_flags leaves them alone (see there)
		perform set_config('wardesk.intake_flagged', 'on', true);
		-- the category's default priority and the deadlines, read once per
		-- category (and priority) of the ward, not per item; the likely
		-- duplicates of the whole batch in one lookup (dup_flags), not one
		-- per case (issue 14 item 5)
		return query
		with defs as materialized (
			select k2.code, (select e.default_priority from category_effective e
			                  where e.ward_id = o.ward_id and e.code = k2.code) as def
			  from categories k2 where k2.active),
		lim as materialized (
			select k2.code, pr.prio,
			       (select l.deadline_min from case_limits(o.ward_id, k2.code, pr.prio) l) as deadline_min
			  from categories k2 cross join (values ('urgent'), ('normal')) pr(prio)
			 where k2.active),
		it as materialized (
			select i.*, v.rec, v.chan, v.ext, k.code as cat, p.prio, m.deadline_min,
			       row_number() over (order by i.item) as n,
			       nullif(btrim(i.address), '') as addr,
			       normalize_phone(nullif(btrim(i.phone), '')) as ph
			  from intake_items(p_items) i
			  cross join lateral (select coalesce(i.received_at, v_now) as rec,
			                             lower(replace(btrim(coalesce(i.channel, '')), '-', '')) as chan,
			                             nullif(btrim(i.external_id), '') as ext) v
			  join categories k on k.code = upper(btrim(i.category)) and k.active
			  join defs d on d.code = k.code
			  -- nobody said: the category's default in the ward (12_ward_scope.sql)
			  cross join lateral (select coalesce(lower(nullif(btrim(i.priority), '')), d.def, 'normal') as prio) p
			  -- (intake_problems refused any other priority than urgent and normal)
			  left join lim m on m.code = k.code and m.prio = p.prio),
		t as materialized (
			select it.*, w.code || '-' || (v_first + it.n - 1) as ref, address_key(it.addr) as akey
			  from it),
		fl as (
			select f.n, f.flags
			  from (select array_agg(null::bigint) as ids, array_agg(t.ref order by t.n) as refs,
			               array_agg(t.cat order by t.n) as cats, array_agg(t.rec order by t.n) as ats,
			               array_agg(t.lat order by t.n) as lats, array_agg(t.lon order by t.n) as lons,
			               array_agg(t.akey order by t.n) as keys, array_agg(t.ph order by t.n) as phones
			          from t) a
			  cross join lateral dup_flags(o.ward_id, a.ids, a.refs, a.cats, a.ats, a.lats, a.lons,
			                               a.keys, a.phones) f)
		insert into cases(ward_id, ref, channel, external_id, category, description, address, lat, lon,
		                  reporter_name, reporter_phone, hotline_line, callback_wanted, media_urls,
		                  received_at, deadline_at, flags, service_code, priority, service_name,
		                  address_id, zipcode, address_key, app_updated_at)
		select o.ward_id, t.ref,
		       case t.chan when '' then case o.role when 'hotline' then 'hotline' else 'walkin' end
		                   else t.chan end,
		       t.ext, t.cat, btrim(t.description), t.addr, t.lat, t.lon,
		       nullif(btrim(t.name), ''), t.ph,
		       lower(nullif(btrim(t.hotline_line), '')), coalesce(t.callback, false),
		       coalesce(t.media, '{}'), t.rec, t.rec + make_interval(mins => t.deadline_min),
		       coalesce(t.flags, '{}') || coalesce(f.flags, '{}'), nullif(btrim(t.service_code), ''),
		       t.prio, nullif(btrim(t.service_name), ''), nullif(btrim(t.address_id), ''),
		       nullif(btrim(t.zipcode), ''), t.akey, v_at
		  from t left join fl f on f.n = t.n
		 order by t.n
		returning *;
		perform set_config('wardesk.intake_flagged', '', true);
	exception when unique_violation then
		select nullif(btrim(i.external_id), '') as ext, c.ref into bad
		  from intake_items(p_items) i join cases c on c.external_id = normalize(nullif(btrim(i.external_id), ''), nfc)
		 order by i.item limit 1;
		if bad is null then
			raise;
		end if;
		raise exception 'external id % already imported as %', bad.ext, bad.ref
			using errcode = 'WD311',
			      detail = json_build_object('ext', bad.ext::text, 'dup', bad.ref::text)::text;
	end;
	perform set_action(null, null);
end $$;

-- intake_case: record one case for officer p_officer (report; not for
-- staff to call): intake_cases with one item, whose rules it follows.
create or replace function wardesk.intake_case(
	p_officer wardesk.officers,
	p_category text,
	p_description text,
	p_address text,
	p_phone text,
	p_name text,
	p_channel text,
	p_received_at timestamptz,
	p_lat double precision,
	p_lon double precision,
	p_media text[],
	p_external_id text,
	p_hotline_line text,
	p_callback boolean,
	p_flags text[],
	p_service_code text,
	p_priority text
) returns wardesk.cases
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	c cases;
begin
	select * into c from intake_cases(p_officer, jsonb_build_array(jsonb_build_object(
		'category', p_category, 'description', p_description, 'address', p_address,
		'phone', p_phone, 'name', p_name, 'channel', p_channel, 'received_at', p_received_at,
		'lat', p_lat, 'lon', p_lon, 'media', p_media, 'external_id', p_external_id,
		'hotline_line', p_hotline_line, 'callback', p_callback, 'flags', p_flags,
		'service_code', p_service_code, 'priority', p_priority)));
	return c;
end $$;

-- How far back a person may date the case they record (report's
-- p_received_at): a hotline operator records the calls of their shift, at
-- most 24 hours ago; a duty officer or a chair also what came in on paper or
-- at the counter while the desk was down, at most 7 days ago.  The app's
-- feed (import_request, import_requests) keeps its own rule (not before the
-- ward existed, intake_cases).
create or replace function wardesk.received_back_limit(p_role text) returns interval
language sql immutable parallel safe
as $$
	select case p_role when 'hotline' then interval '24 hours' else interval '7 days' end
$$;

-- report: record a case (any active officer; a hotline operator's default
-- channel is hotline, others' walkin).  Channel app is the citizen app's
-- feed (import_request) alone: report refuses it (issue 13, item 12).
-- p_priority: urgent | normal, NULL for the category's default.  A past
-- p_received_at at most received_back_limit(role) ago (WD569; a time before
-- the ward existed is intake_cases' WD521).  See intake_case for the rest.
create or replace function wardesk.report(
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
	p_callback boolean default false,
	p_priority text default null
) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'record a case');
begin
	if lower(replace(btrim(coalesce(p_channel, '')), '-', '')) = 'app' then
		raise exception 'channel app is only for the citizen app''s feed (wardesk import)'
			using errcode = 'WD525',
			      hint = 'channels for report: hotline, walkin, import';
	end if;
	if isfinite(p_received_at)
	   and p_received_at < wardesk.now() - received_back_limit(o.role)
	   and p_received_at >= (select established_at from wards where id = o.ward_id) then
		raise exception 'the received time % is more than % hours ago: the most your role may record',
			p_received_at, extract(epoch from received_back_limit(o.role))::int / 3600
			using errcode = 'WD569',
			      detail = json_build_object('received', p_received_at::text,
			                                'hours', (extract(epoch from received_back_limit(o.role))::int
			                                          / 3600)::text)::text;
	end if;
	return intake_case(o, p_category, p_description, p_address, p_phone, p_name, p_channel,
	                   p_received_at, p_lat, p_lon, p_media, p_external_id, p_hotline_line,
	                   p_callback, null, null, p_priority);
end $$;

-- ---------------------------------------------------------------------------
-- Likely duplicates
-- ---------------------------------------------------------------------------

-- Great-circle distance in metres (haversine, mean Earth radius).  Built-in
-- strict functions only and no SET: the planner inlines it (the duplicate
-- lookup computes it for every candidate).
create or replace function wardesk.distance_m(a_lat double precision, a_lon double precision,
                                   b_lat double precision, b_lon double precision)
returns double precision
language sql immutable strict parallel safe
as $$
	select 2 * 6371008.8 * asin(float8smaller(1, sqrt(
		power(sin(radians(b_lat - a_lat) / 2), 2)
		+ cos(radians(a_lat)) * cos(radians(b_lat)) * power(sin(radians(b_lon - a_lon) / 2), 2))))
$$;

-- address_key(p): the address for comparison (38_address_key.sql).

-- Open cases of ward p_ward from the same phone number, received within 24
-- hours of p_at (any category: a caller who rings again about the same thing
-- may name it differently; issue 11, section 5), newest first.  No SET and
-- qualified names: the planner inlines it into the caller's plan, where a
-- NULL phone (every app report) is a one-time filter; with SET it was
-- planned anew at every new case (0.3 ms each, 30 % of an import of 5,000
-- app reports: issue 14 item 5).
create or replace function wardesk.phone_candidates(p_ward int, p_phone text, p_at timestamptz,
                                         p_exclude bigint)
returns table (id bigint, ref text)
language sql stable
as $$
	select c.id, c.ref
	  from wardesk.cases c
	 where p_phone is not null and c.ward_id = p_ward and c.reporter_phone = p_phone
	   and c.state <> 'resolved'
	   and c.received_at between p_at - interval '24 hours' and p_at + interval '24 hours'
	   and c.id is distinct from p_exclude
	 order by c.received_at desc, c.id desc
$$;

-- Likely duplicates of a set of (would-be) cases of ward p_ward, one row per
-- candidate: the arrays hold the cases in order (n: the place in them), each
-- its id (NULL for one not written yet), ref, category, received time,
-- position, address key (address_key) and phone.  A case's candidates are
-- the ward's cases and the cases before it in the arrays (a batch of new
-- cases: intake_cases), never itself:
--   grp 1, same place: same category, received within 24 hours of it, and
--   within 50 m or at the same address key; cases closed as duplicates are
--   left out; nearest first, then nearest in time, then the older case;
--   grp 2, same phone: open cases from the same number within 24 hours
--   (phone_candidates), any category; newest first.
-- rank: the candidate's place in its group.  The ward's cases come from
-- index lookups (017_import_batch.sql): the cases of the ward and category
-- in a band of latitude 50 m wide either side (a distance of at most 50 m
-- is at most 50 m of latitude: 50 / 6,371,008.8 radians < 0.00045
-- degrees), and those with the same address key (cases.address_key, which
-- intake_cases and the trigger below keep equal to address_key(address)).
-- One statement for a whole batch (issue 14 item 5: it was dup_candidates,
-- a PL/pgSQL function called by a row trigger, 5,000 calls for an import
-- of 5,000 reports, 14 % of its time).  The cases earlier in the batch are
-- met by a join on the category (or the phone) inside the batch.  No SET
-- and qualified names: the planner may inline it.
create or replace function wardesk.dup_matches(p_ward int, p_ids bigint[], p_refs text[],
                                    p_categories text[], p_at timestamptz[],
                                    p_lat double precision[], p_lon double precision[],
                                    p_keys text[], p_phones text[])
returns table (n bigint, id bigint, ref text, distance_m double precision, same_address boolean,
               grp int, rank bigint)
language sql stable
as $$
	with r as materialized (
		select u.*, u.at - interval '24 hours' as lo, u.at + interval '24 hours' as hi,
		       floor(u.lat / 0.00045)::bigint as band
		  from unnest(p_ids, p_refs, p_categories, p_at, p_lat, p_lon, p_keys, p_phones)
		       with ordinality u(id, ref, category, at, lat, lon, key, phone, n)),
	place as (
		select r.n, c.id, c.ref, c.lat, c.lon, c.address_key, c.received_at, c.bn
		  from r
		  cross join lateral (
			select x.id, x.ref, x.lat, x.lon, x.address_key, x.received_at, 0::bigint as bn
			  from wardesk.cases x
			 where x.ward_id = p_ward and x.category = r.category
			   and x.lat between r.lat - 0.00045 and r.lat + 0.00045
			   -- (+ 0: not an index condition, so that the lookup goes by
			   -- cases_dup_place: planned for any ward and item, the range
			   -- on (ward_id, category, received_at) looked as narrow, and
			   -- is every case of the category in a backlog of 3 hours)
			   and x.received_at + interval '0' between r.lo and r.hi
			   and x.close_reason is distinct from 'duplicate'
			union
			select x.id, x.ref, x.lat, x.lon, x.address_key, x.received_at, 0
			  from wardesk.cases x
			 where r.key is not null and x.ward_id = p_ward and x.category = r.category
			   and x.address_key = r.key
			   and x.received_at between r.lo and r.hi
			   and x.close_reason is distinct from 'duplicate') c
		 where c.id is distinct from r.id
		union all
		-- the batch's own: by hash joins on the category and the same
		-- address key, or the category and a neighbouring band of latitude
		-- 0.00045 degrees wide (the 50 m above), not every pair
		select b.n, e.id, e.ref, e.lat, e.lon, e.key, e.at, e.n
		  from (select r.n, e.n as en
		          from r join r e on e.category = r.category and e.key = r.key
		         where e.n < r.n and e.at between r.lo and r.hi
		        union
		        select r.n, e.n
		          from r cross join (values (-1), (0), (1)) d(k)
		          join r e on e.category = r.category and e.band = r.band + d.k
		         where e.n < r.n and e.at between r.lo and r.hi) b
		  join r e on e.n = b.en),
	phone as (
		select r.n, p.id, p.ref, x.received_at, 0::bigint as bn
		  from r
		  cross join lateral wardesk.phone_candidates(p_ward, r.phone, r.at, r.id) p
		  join wardesk.cases x on x.id = p.id
		union all
		-- (a case earlier in the batch is new: open)
		select r.n, e.id, e.ref, e.at, e.n
		  from r join r e on e.phone = r.phone and e.n < r.n
		 where e.at between r.lo and r.hi)
	select c.n, c.id, c.ref, d.m, (r.key is not null and c.address_key = r.key), 1,
	       row_number() over (partition by c.n
	                          order by d.m nulls last, abs(extract(epoch from c.received_at - r.at)),
	                                   c.id nulls last, c.bn)
	  from place c
	  join r on r.n = c.n
	  cross join lateral (select wardesk.distance_m(r.lat, r.lon, c.lat, c.lon) as m) d
	 where d.m <= 50 or (r.key is not null and c.address_key = r.key)
	union all
	select p.n, p.id, p.ref, null, null, 2,
	       row_number() over (partition by p.n order by p.received_at desc, p.id desc nulls first, p.bn desc)
	  from phone p
$$;

-- The likely-duplicate flags of a set of (would-be) cases (dup_matches'
-- arguments): for each case with any, 'likely_duplicate:REF' for at most 3
-- candidates, the same place first (nearest first), then the same phone.
create or replace function wardesk.dup_flags(p_ward int, p_ids bigint[], p_refs text[],
                                  p_categories text[], p_at timestamptz[],
                                  p_lat double precision[], p_lon double precision[],
                                  p_keys text[], p_phones text[])
returns table (n bigint, flags text[])
language sql stable
as $$
	select g.n, array_agg('likely_duplicate:' || g.ref order by g.o, g.k)
	  from (select m.n, m.ref, min(m.grp) as o, min(m.rank) as k,
	               row_number() over (partition by m.n order by min(m.grp), min(m.rank)) as pick
	          from wardesk.dup_matches(p_ward, p_ids, p_refs, p_categories, p_at, p_lat, p_lon,
	                                   p_keys, p_phones) m
	         group by m.n, m.ref) g
	 where g.pick <= 3
	 group by g.n
$$;

-- Likely duplicates of one (would-be) case by place (dup_matches' group 1),
-- nearest first; p_exclude: the case itself.  p_key: address_key(p_address)
-- when the caller has it.
drop function if exists wardesk.dup_candidates(int, text, timestamptz, double precision,
                                               double precision, text, bigint);
create or replace function wardesk.dup_candidates(p_ward int, p_category text, p_at timestamptz,
                                       p_lat double precision, p_lon double precision,
                                       p_address text, p_exclude bigint, p_key text default null)
returns table (id bigint, ref text, distance_m double precision, same_address boolean)
language sql stable
as $$
	select m.id, m.ref, m.distance_m, m.same_address
	  from wardesk.dup_matches(p_ward, array[p_exclude], array[null::text], array[p_category],
	                           array[p_at], array[p_lat], array[p_lon],
	                           array[coalesce(p_key, wardesk.address_key(p_address))],
	                           array[null::text]) m
	 where m.grp = 1
	 order by m.rank
$$;

-- On every new case written by anything but intake_cases (psql as the
-- owner: staff have no INSERT on cases): keep its folded address
-- (cases.address_key, for dup_matches) and flag likely duplicates
-- (dup_flags), as intake_cases does for its whole batch at once.
-- intake_cases sets wardesk.intake_flagged to 'on' around its INSERT (its
-- rows come with all three), and the trigger's WHEN leaves those rows alone:
-- one lookup for the batch, not one per row (issue 14 item 5).  A session
-- that sets the setting itself skips nothing it could write: only the
-- owner's code inserts cases, and intake_cases sets it again.
create or replace function wardesk.tg_cases_intake_flags() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
set plan_cache_mode = force_generic_plan   -- see intake_cases
as $$
declare
	v_dups text[];
begin
	new.address_key := address_key(new.address);
	new.app_updated_at := wardesk.action_now();   -- tg_cases_app_updated keeps it after
	select f.flags into v_dups
	  from dup_flags(new.ward_id, array[new.id], array[new.ref], array[new.category],
	                 array[new.received_at], array[new.lat], array[new.lon], array[new.address_key],
	                 array[new.reporter_phone]) f;
	if v_dups is not null then
		new.flags := new.flags || v_dups;
	end if;
	return new;
end $$;

create or replace trigger t15_intake_flags before insert on wardesk.cases
	for each row when (current_setting('wardesk.intake_flagged', true) is distinct from 'on')
	execute function wardesk.tg_cases_intake_flags();

-- The folded address of a case whose address changed (psql: no API function
-- changes an address), for dup_matches.
create or replace function wardesk.tg_cases_address_key() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	new.address_key := address_key(new.address);
	return new;
end $$;

create or replace trigger t16_address_key before update of address on wardesk.cases
	for each row when (new.address is distinct from old.address)
	execute function wardesk.tg_cases_address_key();

-- cases.app_updated_at (020_open311_export.sql): the time of the last change
-- the app can see, the export's updated_datetime (app_requests).  It moves
-- when the status (open or closed), the status notes (resolution note,
-- close reason, duplicate), the expected time (deadline), the category or
-- what the request said (description, address, place, first photo)
-- changes; a closed case's is its closing time (GeoReport v2), else the
-- desk clock now.  Sweep steps, reminders, acks, takes, escalations and
-- internal notes leave it alone; nobody sets it by hand (the trigger
-- recomputes it from the old row on every update).
create or replace function wardesk.tg_cases_app_updated() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	new.app_updated_at := old.app_updated_at;
	if (new.state = 'resolved') is distinct from (old.state = 'resolved')
	   or new.resolution_note is distinct from old.resolution_note
	   or new.close_reason is distinct from old.close_reason
	   or new.duplicate_of is distinct from old.duplicate_of
	   or new.closed_at is distinct from old.closed_at
	   or new.deadline_at is distinct from old.deadline_at
	   or new.category is distinct from old.category
	   or new.service_code is distinct from old.service_code
	   or new.description is distinct from old.description
	   or new.address is distinct from old.address
	   or new.lat is distinct from old.lat or new.lon is distinct from old.lon
	   or new.media_urls[1] is distinct from old.media_urls[1] then
		new.app_updated_at := case when new.state = 'resolved' and isfinite(new.closed_at)
		                           then new.closed_at else wardesk.action_now() end;
	end if;
	return new;
end $$;

create or replace trigger t30_app_updated before update on wardesk.cases
	for each row execute function wardesk.tg_cases_app_updated();

-- Touch a case so that an action without a column of its own (merge,
-- reporter) bumps the version, writes its event and notifies.
create or replace function wardesk.touch_case(p_id bigint, p_action text, p_note text,
                                   p_drop_flag text default null) returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	c cases;
begin
	perform set_action(p_action, p_note);
	update cases set flags = array_remove(flags, p_drop_flag) where id = p_id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- ---------------------------------------------------------------------------
-- API
-- ---------------------------------------------------------------------------

-- The service requests of a batch (import_requests), one row each, in the
-- order given; "item" is the caller's number (its place when absent).
create or replace function wardesk.import_items(p_items jsonb)
returns table (item int, numbered boolean, ext text, code text, status text, description text,
               requested_at timestamptz, address text, lat double precision, lon double precision,
               media_url text, status_notes text, updated_at timestamptz, rating int,
               rating_comment text, raw_ext text, raw_status text, service_name text,
               address_id text, zipcode text)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select coalesce(x.item, x.o::int), x.item is not null,
	       normalize(nullif(btrim(x.external_id), ''), nfc),
	       upper(btrim(coalesce(x.service_code, ''))), lower(btrim(coalesce(x.status, 'open'))),
	       x.description, x.requested_at, x.address, x.lat, x.lon, x.media_url, x.status_notes,
	       x.updated_at, x.rating, x.rating_comment, x.external_id, x.status, x.service_name,
	       x.address_id, x.zipcode
	  from rows from (jsonb_to_recordset(p_items)
	       as (item int, external_id text, service_code text, description text,
	           requested_at timestamptz, address text, lat double precision, lon double precision,
	           media_url text, status text, status_notes text, updated_at timestamptz, rating int,
	           rating_comment text, service_name text, address_id text, zipcode text)) with ordinality
	       as x(item, external_id, service_code, description, requested_at, address, lat, lon,
	            media_url, status, status_notes, updated_at, rating, rating_comment, service_name,
	            address_id, zipcode, o)
$$;

-- The refused items of a feed by import_requests' own rules (below), one
-- row per refused item, in item order: the first rule it breaks, as its
-- SQLSTATE, message and JSON detail naming the item (item_problem), and
-- hint.  The request's own fields, then what the cases already say (another
-- ward's request, a closure in the app only the app's feed account
-- applies).  import_requests raises the first.  Internal (no EXECUTE for
-- staff): its callers are security definer.
create or replace function wardesk.import_own_problems(p_items jsonb)
returns table (item int, code text, msg text, detail text, hint text)
language plpgsql stable
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'import reports');
	v_feed boolean := pg_has_role(session_user, 'wardesk_feed', 'member');
begin
	return query
	select i.item, p.code, q.msg, q.detail, p.hint
	  from import_items(p_items) i
	  left join cases k on k.external_id = i.ext
	  cross join lateral (
		select r.code, r.msg, r.detail, r.hint
		  from (select 1 as rule, 'WD526' as code, 'a service_request_id is required' as msg,
		               null::text as detail, null::text as hint
		         where i.ext is null
		        union all
		        select 2, 'WD527', format('status "%s" is not open or closed', i.raw_status),
		               json_build_object('status', i.raw_status)::text, null
		         where i.status not in ('open', 'closed')
		        union all
		        select 3, 'WD528', 'a requested_datetime is required', null, null
		         where i.requested_at is null
		        union all
		        select 4, 'WD529', format('a rating is 1 to 5 (got %s)', i.rating),
		               json_build_object('rating', i.rating::text)::text, null
		         where i.rating not between 1 and 5
		        union all
		        select 5, l.code, l.msg, l.detail, null
		          from length_problem('status_notes', btrim(i.status_notes), 4000) l
		        union all
		        select 6, l.code, l.msg, l.detail, null
		          from length_problem('rating_comment', btrim(i.rating_comment), 4000) l
		        union all
		        -- Only the app's own service account (a member of wardesk_feed)
		        -- records a request as closed in the app; a person importing one
		        -- is refused, never silently turned into a close by them (issue 13).
		        select 7, 'WD606',
		               format('request %s is closed in the app: only the app''s feed account may import a closed request', i.ext),
		               json_build_object('ext', i.ext)::text,
		               'import it as the feed login (a member of wardesk_feed), or import it open'
		         where i.status = 'closed' and k.id is null and not v_feed
		        union all
		        select 8, 'WD312', format('external id %s belongs to another ward', i.ext),
		               json_build_object('ext', i.ext)::text, null
		         where k.id is not null and k.ward_id <> o.ward_id
		        union all
		        -- a request closed in the app that is open here: the app's
		        -- closure is applied only by the app's own account (below),
		        -- anyone else is told, never "already imported" (issue 17 item 10)
		        select 9, 'WD617',
		               format('request %s is closed in the app but open here as %s: only the app''s feed account may apply the app''s closure', i.ext, k.ref),
		               json_build_object('ext', i.ext, 'ref', k.ref)::text,
		               'import the feed as the feed login (a member of wardesk_feed)'
		         where i.status = 'closed' and k.id is not null and k.state <> 'resolved' and not v_feed
		        union all
		        select 10, l.code, l.msg, l.detail, null
		          from length_problem('service_name', btrim(i.service_name), 200) l
		        union all
		        select 11, l.code, l.msg, l.detail, null
		          from length_problem('address_id', btrim(i.address_id), 200) l
		        union all
		        select 12, l.code, l.msg, l.detail, null
		          from length_problem('zipcode', btrim(i.zipcode), 32) l) r
		 order by r.rule limit 1) p
	  cross join lateral item_problem(i.numbered, i.item, i.raw_ext, p.msg, p.detail) q
	 order by i.item;
end $$;

-- Every refused item of a feed, one row each in item order: import_requests'
-- own rules (import_own_problems), else the rules of the case it would make
-- (intake_problems, as intake_cases applies them).  `wardesk import` lists
-- them when a feed is refused (import_requests raises only the first).
create or replace function wardesk.import_problems(p_items jsonb)
returns table (item int, code text, msg text, detail text, hint text)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'import reports');
begin
	return query
	with own as (select * from import_own_problems(p_items))
	select * from own
	union all
	select x.item, x.code, x.msg, x.detail, x.hint
	  from intake_problems(o, import_new_items(p_items)) x
	 where not exists (select from own where own.item = x.item)
	 order by 1;
end $$;

-- import_requests changed its result (closed): made again
drop function if exists wardesk.import_requests(jsonb);

-- GeoReport v2 service requests from the app feed, in one call: p_items is a
-- JSON array of objects with import_request's arguments by name (without
-- the p_), plus "item", the caller's number for the request (a refusal then
-- starts "item N (id): ").  All or nothing: every request is checked before
-- anything is written, the first refused one is raised.  Idempotent by
-- external id: a known id (or one earlier in the same batch) returns its case
-- with created = false; from the feed only its closure in the app and the
-- rating are applied to it.  The new requests are recorded by one
-- intake_cases call (one INSERT: the duplicate flags, audit chain, NOTIFY
-- and alerts of every case as for one case).  A request closed in the app
-- (new, or known and still open here) is recorded closed only by the app's
-- service account (a member of wardesk_feed, 008_audit_chain.sql), which is
-- then the actor of the take (when nobody held it) and the close, at the
-- app's time (updated_at, not before the request nor after now), with the
-- app's note; anyone else is refused (WD606 new, WD617 known: issue 17
-- item 10).  service_name, address_id and zipcode are kept as sent.  One row
-- per item, in item order; closed: this call applied the app's closure.
-- See sql/API.md.
create or replace function wardesk.import_requests(p_items jsonb)
returns table (item int, ref text, created boolean, flags text[], closed boolean)
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	o officers := require_officer(array['hotline', 'officer', 'chair'], 'import reports');
	bad record;
	x record;
	c cases;
	v_new jsonb;
	v_created int[];
	v_closed int[] := '{}';
	v_note text;
begin
	-- every request is checked first (import_own_problems); the first refused
	-- item is raised with its rule's own SQLSTATE and JSON detail
	for bad in select * from import_own_problems(p_items) b order by b.item limit 1 loop
		perform raise_problem(bad.code, bad.msg, bad.detail, bad.hint);
	end loop;

	-- known requests stay; the first of each new id is recorded
	perform 1 from cases k join import_items(p_items) i on k.external_id = i.ext for update of k;
	v_new := import_new_items(p_items);
	select array_agg((e ->> 'item')::int order by (e ->> 'item')::int) into v_created
	  from jsonb_array_elements(v_new) e;
	if v_new is not null then
		perform count(*) from intake_cases(o, v_new);
	end if;

	-- what the feed changes after the INSERT (rare): a request closed in the
	-- app (new, or known and open here: the app's closure, by the feed's
	-- account, checked above), a rating of a resolved case; not looked for
	-- (the items parsed again) when no item has a rating or a status other
	-- than "open" (issue 14 item 5)
	if jsonb_path_exists(p_items, '$[*] ? (@.rating != null || @.status != "open")') then
		for x in select i.*, i.item = any(coalesce(v_created, '{}')) as is_new
		           from import_items(p_items) i
		          where i.status = 'closed'
		             or (i.rating is not null and not i.item = any(coalesce(v_created, '{}')))
		          order by i.item loop
			select * into c from cases k where k.external_id = x.ext;
			if x.status = 'closed' and c.state <> 'resolved' then
				-- Closed in the app: record it resolved, with the app's note and
				-- time, the feed's account the actor (and the holder when nobody was)
				v_note := coalesce(visible_or_null(x.status_notes),
				                   case when x.is_new then 'Closed in the app before import'
				                        else 'Closed in the app' end);
				if c.state in ('new', 'reopened') then
					perform set_action('take', case when x.is_new then 'closed in the app before import'
					                                else 'closed in the app' end);
					update cases set state = 'in_progress', owner = o.login where id = c.id;
				end if;
				perform set_action('close', v_note);
				update cases
				   set state = 'resolved', resolution_note = v_note, close_reason = 'done',
				       closed_at = least(wardesk.action_now(),
				                         greatest(received_at, case when isfinite(x.updated_at) then x.updated_at end)),
				       rating = x.rating, rating_comment = case when x.rating is not null
				                                                then visible_or_null(x.rating_comment) end
				 where id = c.id
				returning * into c;
				perform set_action(null, null);
				v_closed := v_closed || x.item;
			elsif not x.is_new and x.rating is not null and c.state = 'resolved'
			      and (c.rating is distinct from x.rating
			           or c.rating_comment is distinct from normalize(visible_or_null(x.rating_comment), nfc)) then
				-- the feed may carry the reporter's rating of a result we sent
				perform set_action('rate', visible_or_null(x.rating_comment));
				update cases set rating = x.rating, rating_comment = visible_or_null(x.rating_comment)
				 where id = c.id returning * into c;
				perform set_action(null, null);
			end if;
		end loop;
	end if;
	return query
	select i.item, k.ref, i.item = any(coalesce(v_created, '{}')), k.flags, i.item = any(v_closed)
	  from import_items(p_items) i join cases k on k.external_id = i.ext
	 order by i.item;
end $$;

-- The category of a feed's service code (service_code_map, an active
-- category), else the default's ('*', else KHAC) with the flag
-- unknown_service_code.  No SET and qualified names: inlined into
-- import_new_items (one call per request before).
create or replace function wardesk.import_category(p_code text)
returns table (category text, flags text[])
language sql stable
as $$
	select coalesce(m.category, (select d.category from wardesk.service_code_map d where d.service_code = '*'), 'KHAC'),
	       case when m.category is null
	            then array['unknown_service_code:' || coalesce(nullif(p_code, ''), '(none)')]
	            else '{}'::text[] end
	  from (select 1) one
	  left join (select s.category from wardesk.service_code_map s join wardesk.categories k on k.code = s.category
	              where s.service_code = p_code and p_code <> '*' and k.active) m on true
$$;

-- The new requests of a feed as intake_cases items (the first of each
-- external id not known yet), in item order; NULL when none: what
-- import_requests records and import_problems checks.
create or replace function wardesk.import_new_items(p_items jsonb) returns jsonb
language sql stable
set search_path = wardesk, pg_temp
as $$
	select jsonb_agg(jsonb_build_object(
	           'item', n.item, 'label', n.raw_ext, 'category', m.category, 'description', n.description,
	           'address', n.address, 'channel', 'app', 'received_at', n.requested_at,
	           'lat', n.lat, 'lon', n.lon,
	           'media', case when nullif(btrim(n.media_url), '') is not null
	                         then jsonb_build_array(btrim(n.media_url)) end,
	           'external_id', n.ext, 'callback', false, 'flags', m.flags, 'service_code', n.code,
	           'service_name', n.service_name, 'address_id', n.address_id, 'zipcode', n.zipcode)
	         order by n.item)
	  from (select distinct on (i.ext) i.* from import_items(p_items) i
	         where not exists (select from cases k where k.external_id = i.ext)
	         order by i.ext, i.item) n
	  cross join lateral import_category(n.code) m
$$;

-- One GeoReport v2 service request from the app feed: import_requests with
-- one item (its refusals are not numbered).  Returns its case's ref, whether
-- it was created, and the case's flags.
create or replace function wardesk.import_request(
	p_external_id text,
	p_service_code text,
	p_description text,
	p_requested_at timestamptz,
	p_address text default null,
	p_lat double precision default null,
	p_lon double precision default null,
	p_media_url text default null,
	p_status text default null,
	p_status_notes text default null,
	p_updated_at timestamptz default null,
	p_rating int default null,
	p_rating_comment text default null
) returns table (ref text, created boolean, flags text[])
language sql security definer
set search_path = wardesk, pg_temp
as $$
	select r.ref, r.created, r.flags
	  from import_requests(jsonb_build_array(jsonb_build_object(
		'external_id', p_external_id, 'service_code', p_service_code, 'description', p_description,
		'requested_at', p_requested_at, 'address', p_address, 'lat', p_lat, 'lon', p_lon,
		'media_url', p_media_url, 'status', p_status, 'status_notes', p_status_notes,
		'updated_at', p_updated_at, 'rating', p_rating, 'rating_comment', p_rating_comment))) r
$$;

-- The reporter's satisfaction (1..5) with the result of a resolved case.
create or replace function wardesk.rate(p_ref text, p_score int, p_comment text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'record ratings');
	if c.state <> 'resolved' then
		raise exception '% is not resolved (it is %); a rating is for the result', c.ref,
			replace(c.state, '_', ' ')
			using errcode = 'WD313',
			      detail = json_build_object('ref', c.ref::text,
			                                'state', (replace(c.state, '_', ' '))::text)::text;
	end if;
	if p_score is null or p_score not between 1 and 5 then
		raise exception 'a rating is 1 to 5 (got %)', coalesce(p_score::text, 'none')
			using errcode = 'WD529',
			      detail = json_build_object('rating', (coalesce(p_score::text, 'none'))::text)::text;
	end if;
	perform check_length('the comment', btrim(p_comment), 4000);
	perform set_action('rate', visible_or_null(p_comment));
	update cases set rating = p_score, rating_comment = visible_or_null(p_comment)
	 where id = c.id returning * into c;
	perform set_action(null, null);
	return c;
end $$;

-- Likely duplicates of case p_ref: dup_candidates (same place, category and
-- time), then the open cases from the same phone number (phone_candidates)
-- not already listed; same_phone tells which share the number, earlier which
-- came in before p_ref (by received time, then id: a merge keeps the earlier).
-- (015_desk_actor.sql dropped the version without these two.)
create or replace function wardesk.likely_duplicates(p_ref text)
returns table (ref text, state text, received_at timestamptz, distance_m double precision,
               same_address boolean, address text, description text, same_phone boolean,
               earlier boolean)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
set plan_cache_mode = force_generic_plan   -- see intake_cases
as $$
#variable_conflict use_column
declare
	c cases := find_case(p_ref, me());
begin
	return query
	select y.ref, y.state, y.received_at, y.distance_m, y.same_address, y.address, y.description,
	       y.same_phone, (y.received_at, y.id) < (c.received_at, c.id)
	  from (select x.ref, x.state, x.received_at, d.distance_m, d.same_address, x.address,
	               x.description, coalesce(x.reporter_phone = c.reporter_phone, false) as same_phone,
	               1 as grp, d.n, x.id
	          from dup_candidates(c.ward_id, c.category, c.received_at, c.lat, c.lon, c.address, c.id)
	               with ordinality d(id, ref, distance_m, same_address, n)
	          join cases x on x.id = d.id
	        union all
	        select x.ref, x.state, x.received_at, distance_m(c.lat, c.lon, x.lat, x.lon),
	               (address_key(c.address) is not null and address_key(x.address) = address_key(c.address)),
	               x.address, x.description, true, 2, p.n, x.id
	          from phone_candidates(c.ward_id, c.reporter_phone, c.received_at, c.id)
	               with ordinality p(id, ref, n)
	          join cases x on x.id = p.id
	         where not exists (select from dup_candidates(c.ward_id, c.category, c.received_at, c.lat,
	                                                      c.lon, c.address, c.id) d2
	                            where d2.id = p.id)) y
	 order by y.grp, y.n;
end $$;

-- The same phone number under another name (issue 11, section 5): the other
-- cases of the caller's ward, and their extra reporters, whose number is
-- p_ref's reporter's and whose name is not (case, spacing and diacritics
-- aside), newest first, at most 5.  Nothing when p_ref has no number or no
-- name.
create or replace function wardesk.phone_other_names(p_ref text)
returns table (ref text, reporter_name text, received_at timestamptz)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	c cases := find_case(p_ref, me());
begin
	if c.reporter_phone is null or is_blank(c.reporter_name) then
		return;
	end if;
	return query
	select y.ref, y.name, y.at
	  from (select x.ref, x.reporter_name as name, x.received_at as at, x.id
	          from cases x
	         where x.ward_id = c.ward_id and x.reporter_phone = c.reporter_phone and x.id <> c.id
	        union all
	        select x.ref, r.reporter_name, r.added_at, x.id
	          from case_reporters r join cases x on x.id = r.case_id
	         where r.ward_id = c.ward_id and r.reporter_phone = c.reporter_phone) y
	 where not is_blank(y.name)
	   and address_key(y.name) is distinct from address_key(c.reporter_name)
	 order by y.at desc, y.id desc
	 limit 5;
end $$;

-- Merge duplicate p_dup_ref into p_into_ref: the duplicate is taken on the
-- actor's behalf when it is new/reopened (event "take"), then closed with
-- reason duplicate (event "close"); its reporters are added to the surviving
-- case (event "merge" there).  Returns the surviving case.
create or replace function wardesk.merge(p_dup_ref text, p_into_ref text, p_note text default null)
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
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
		raise exception '% cannot be merged into itself', d.ref
			using errcode = 'WD530',
			      detail = json_build_object('ref', d.ref::text)::text;
	end if;
	if d.state = 'resolved' then
		raise exception '% is resolved; reopen it first', d.ref
			using errcode = 'WD301',
			      detail = json_build_object('ref', d.ref::text)::text;
	end if;
	if t.close_reason = 'duplicate' then
		raise exception '% is itself a duplicate of %; merge into that one', t.ref,
			(select ref from cases where id = t.duplicate_of)
			using errcode = 'WD314',
			      detail = json_build_object('ref', t.ref::text,
			                                'original', ((select ref from cases where id = t.duplicate_of))::text)::text;
	end if;
	if d.state = 'in_progress' and d.owner <> o.login and o.role <> 'chair' then
		raise exception '% is held by %; only the holder or the ward chair can merge it',
			d.ref, holder_text(d.owner)
			using errcode = 'WD607',
			      detail = json_build_object('ref', d.ref::text,
			                                'holder', (holder_text(d.owner))::text)::text;
	end if;
	perform check_length('the note', btrim(p_note), 4000);
	v_note := coalesce(visible_or_null(p_note), 'Trùng với phản ánh ' || t.ref);

	if d.state in ('new', 'reopened') then
		perform set_action('take', 'taken to merge into ' || t.ref);
		update cases set state = 'in_progress', owner = o.login where id = d.id;
	end if;
	perform set_action('close', v_note);
	update cases
	   set state = 'resolved', resolution_note = v_note, close_reason = 'duplicate',
	       duplicate_of = t.id, closed_at = wardesk.action_now()
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

-- A repeat caller about an existing case: record them as one more reporter
-- instead of opening a duplicate (event "reporter").
create or replace function wardesk.add_reporter(p_ref text, p_name text default null, p_phone text default null,
                                     p_note text default null, p_channel text default 'hotline')
returns wardesk.cases
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	v_phone text := normalize_phone(nullif(btrim(p_phone), ''));
	v_channel text := lower(replace(btrim(coalesce(p_channel, 'hotline')), '-', ''));
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'add reporters');
	if is_blank(p_name) and v_phone is null then
		raise exception 'a name or a phone number is required'
			using errcode = 'WD531';
	end if;
	perform check_length('the reporter''s name', btrim(p_name), 200);
	perform check_length('the note', btrim(p_note), 4000);
	if v_channel = 'app' then
		raise exception 'channel app is only for the citizen app''s feed (wardesk import)'
			using errcode = 'WD525';
	elsif v_channel not in ('hotline', 'walkin', 'import') then
		raise exception 'unknown channel % (hotline, walkin, import)', p_channel
			using errcode = 'WD532',
			      detail = json_build_object('channel', p_channel::text)::text;
	end if;
	insert into case_reporters(case_id, ward_id, channel, reporter_name, reporter_phone, note)
	values (c.id, c.ward_id, v_channel, visible_or_null(p_name), v_phone, visible_or_null(p_note));
	return touch_case(c.id, 'reporter',
	                  concat_ws(': ', 'another reporter: ' || coalesce(visible_or_null(p_name), v_phone),
	                            visible_or_null(p_note)));
end $$;

-- The administrator (a superuser) edits the service code map, which is the
-- whole city's (one app feed): no officer may, not even a chair (issue 13,
-- item 4).  p_category NULL removes the code.
create or replace function wardesk.service_code_set(p_code text, p_category text)
returns void
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_code text := upper(btrim(coalesce(p_code, '')));
	v_cat text := upper(btrim(p_category));
begin
	if not is_superuser() then
		perform require_officer('{}', 'edit the service code map (it is the whole city''s: the administrator does)');
	end if;
	if v_code !~ '^([A-Z0-9_.-]{1,32}|\*)$' then
		raise exception 'service code "%" is not usable (letters, digits, _ . -; or * for the default)', p_code
			using errcode = 'WD533',
			      detail = json_build_object('code', p_code::text)::text;
	end if;
	if v_cat is null then
		if v_code = '*' then
			raise exception 'the default (*) cannot be removed'
				using errcode = 'WD534';
		end if;
		delete from service_code_map where service_code = v_code;
		return;
	end if;
	if not exists (select from categories where code = v_cat) then
		raise exception 'unknown category %', p_category
			using errcode = 'WD516',
			      detail = json_build_object('category', p_category::text)::text;
	end if;
	insert into service_code_map(service_code, category) values (v_code, v_cat)
	on conflict (service_code) do update set category = excluded.category;
end $$;

-- The receiving agency of category p_code for ward p_ward: the ward's own
-- (category_agency, its chair's), else the city's (categories.transfer_agency,
-- the administrator's), else NULL.  No SET and qualified names: the planner
-- inlines it (app_requests calls it for every row).
create or replace function wardesk.transfer_agency(p_ward int, p_code text) returns text
language sql stable
as $$
	select coalesce((select a.agency from wardesk.category_agency a
	                  where a.ward_id = p_ward and a.code = p_code),
	                (select k.transfer_agency from wardesk.categories k where k.code = p_code))
$$;

-- Set the agency that takes category p_code's requests a ward transfers or
-- that are not the ward's (issue 17 item 9): a chair their own ward's
-- (p_city false: category_agency), only the administrator (a superuser) the
-- city's default (p_city true: categories.transfer_agency), as for category
-- deadlines (category_set, 50_deadlines.sql).  p_agency NULL or blank
-- removes it.  Returns the agency now in force: the ward's (its own, else
-- the default), or the default.
create or replace function wardesk.transfer_agency_set(p_code text, p_agency text, p_city boolean default false)
returns text
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers;
	v_code text := upper(btrim(coalesce(p_code, '')));
	v_agency text := visible_or_null(p_agency);
begin
	if p_city then
		if not is_superuser() then
			perform require_officer('{}', 'set the city''s receiving agency (the administrator does)');
		end if;
	else
		o := require_officer(array['chair'], 'set the ward''s receiving agency');
	end if;
	if not exists (select from categories where code = v_code) then
		raise exception 'unknown category %', coalesce(p_code, '(none)')
			using errcode = 'WD516',
			      detail = json_build_object('category', (coalesce(p_code, '(none)'))::text)::text;
	end if;
	perform check_length('the agency', v_agency, 200);
	if p_city then
		update categories set transfer_agency = v_agency where code = v_code;
		return (select transfer_agency from categories where code = v_code);
	end if;
	if v_agency is null then
		delete from category_agency where ward_id = o.ward_id and code = v_code;
	else
		insert into category_agency(ward_id, code, agency, updated_at, updated_by)
		values (o.ward_id, v_code, v_agency, wardesk.action_now(), session_user)
		on conflict (ward_id, code) do update
		   set agency = excluded.agency, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
	end if;
	return transfer_agency(o.ward_id, v_code);
end $$;

-- GeoReport v2 view of the app's requests (cases with an external id) of the
-- actor's ward (every ward for a non-officer) whose updated_datetime is at
-- or after p_since (inclusive: a poll with the last updated_datetime it saw
-- gets that request again, and misses nothing; clients dedupe by
-- service_request_id and updated_datetime).
-- A case closed as a duplicate is followed to the end of its merge chain (E
-- into F, F into G: E reports G): the status, note and expected time of the
-- surviving case, and as updated_datetime the latest app_updated_at of the
-- whole chain, so every reporter hears the result when the surviving case
-- changes.  updated_datetime is app_updated_at (020_open311_export.sql,
-- tg_cases_app_updated): the last change the app can see, a closed
-- request's closing time.  A request transferred or not the ward's names
-- the receiving agency fixed on the case when it was closed
-- (cases.transfer_agency, 026_case_agency.sql; close(), 30_cases.sql) as
-- agency_responsible and in its status notes: a later change of the
-- category's agency does not rewrite it.
--
-- The horizon: a change is stamped when it is made and seen when its
-- transaction commits, so a poll could see a later change and not yet an
-- earlier one, and the app's next poll (since the later one) would never
-- get the earlier.  Every change stamped at or after export_horizon() is
-- left for a later poll (never lost: its stamp is past the watermark of
-- everything returned).  export_horizon() is read in a statement of its
-- own before the query's snapshot is taken, so a transaction the snapshot
-- does not see either was in flight then (and stamps at or after its
-- start) or began later.
create or replace function wardesk.export_horizon() returns timestamptz
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	-- the desk clock's now, or the start of the oldest other transaction
	-- in flight (of the last 10 minutes: one left open in psql must not
	-- hold the app's feed back for ever; wardesk's own transactions are
	-- bounded by their statement timeouts)
	select least(wardesk.now(),
	             (select min(a.xact_start) from pg_catalog.pg_stat_activity a
	               where a.datname = pg_catalog.current_database()
	                 and a.pid <> pg_catalog.pg_backend_pid()
	                 and a.backend_type = 'client backend'
	                 and a.xact_start > pg_catalog.clock_timestamp() - interval '10 minutes')
	             operator(pg_catalog.+)
	             coalesce((select t.clock_offset from wardesk.test_clock t), interval '0'))
$$;

create or replace function wardesk.app_requests(p_since timestamptz default null)
returns table (service_request_id text, status text, status_notes text, service_code text,
               service_name text, description text, agency_responsible text,
               requested_datetime timestamptz, updated_datetime timestamptz,
               expected_datetime timestamptz, address text, lat double precision,
               lon double precision, media_url text, ref text, surviving_ref text,
               address_id text, zipcode text)
language plpgsql volatile security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	v_horizon timestamptz := export_horizon();   -- before the query's snapshot
begin
	return query
	-- the merge chains of the duplicates, all at once: (start, node, depth)
	with recursive ch(start, node, depth) as (
		select d.id, d.duplicate_of, 1
		  from cases d
		 where d.close_reason = 'duplicate' and d.external_id is not null
		   and ((select login from me()) is null or d.ward_id = (select ward_id from me()))
		union all
		select ch.start, n.duplicate_of, ch.depth + 1
		  from ch join cases n on n.id = ch.node
		 where n.close_reason = 'duplicate' and ch.depth < 100),
	chains as (
		select ch.start, (array_agg(ch.node order by ch.depth desc))[1] as end_id,
		       max(n.app_updated_at) as upd
		  from ch join cases n on n.id = ch.node
		 group by ch.start),
	r as (
		select c.*, coalesce(h.end_id, c.id) as end_id,
		       greatest(c.app_updated_at, h.upd) as upd
		  from cases c
		  left join chains h on h.start = c.id
		 where c.external_id is not null
		   and ((select login from me()) is null or c.ward_id = (select ward_id from me())))
	select c.external_id,
	       case when s.state = 'resolved' then 'closed' else 'open' end,
	       case when s.state <> 'resolved' then null
	            when s.close_reason = 'transferred'
	            then format('Đã chuyển %s: %s', coalesce(g.agency, 'cơ quan có thẩm quyền'), s.resolution_note)
	            when s.close_reason = 'not_ours'
	            then format('Không thuộc thẩm quyền phường, chuyển %s: %s',
	                        coalesce(g.agency, 'cơ quan có thẩm quyền'), s.resolution_note)
	            else s.resolution_note end,
	       coalesce(c.service_code,
	                (select min(m.service_code) from service_code_map m
	                  where m.category = c.category and m.service_code <> '*'),
	                c.category),
	       coalesce(c.service_name, k.name_vi), c.description,
	       case when s.state = 'resolved' and s.close_reason in ('transferred', 'not_ours')
	            then coalesce(g.agency, w.name) else w.name end,
	       c.received_at, c.upd, s.deadline_at,
	       c.address, c.lat, c.lon, c.media_urls[1], c.ref,
	       case when s.id <> c.id then s.ref end, c.address_id, c.zipcode
	  from r c
	  join cases s on s.id = c.end_id
	  join categories k on k.code = c.category
	  join wards w on w.id = c.ward_id
	  cross join lateral (select case when s.close_reason in ('transferred', 'not_ours')
	                                  then s.transfer_agency end as agency) g
	 where (p_since is null or c.upd >= p_since) and c.upd < v_horizon
	 order by c.received_at, c.id;
end $$;

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function
	wardesk.intake_case(wardesk.officers, text, text, text, text, text, text, timestamptz,
	                    double precision, double precision, text[], text, text, boolean, text[], text, text),
	wardesk.intake_cases(wardesk.officers, jsonb),
	wardesk.intake_problems(wardesk.officers, jsonb),
	wardesk.import_own_problems(jsonb),
	wardesk.import_new_items(jsonb)
from public;
grant execute on function
	wardesk.received_back_limit(text),
	wardesk.normalize_phone(text),
	wardesk.report(text, text, text, text, text, text, timestamptz, double precision, double precision,
	               text[], text, text, boolean, text),
	wardesk.import_request(text, text, text, timestamptz, text, double precision, double precision,
	                       text, text, text, timestamptz, int, text),
	wardesk.import_requests(jsonb),
	wardesk.import_problems(jsonb),
	wardesk.rate(text, int, text),
	wardesk.likely_duplicates(text),
	wardesk.phone_other_names(text),
	wardesk.merge(text, text, text),
	wardesk.add_reporter(text, text, text, text, text),
	wardesk.service_code_set(text, text),
	wardesk.app_requests(timestamptz),
	wardesk.export_horizon(),
	wardesk.transfer_agency_set(text, text, boolean),
	wardesk.distance_m(double precision, double precision, double precision, double precision)
to wardesk_staff;

reset role;
