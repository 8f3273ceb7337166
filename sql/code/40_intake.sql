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
-- (007_hardening_a.sql).  Helpers: 20_common.sql.  See sql/API.md
-- ("Intake").

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- Recording a case
-- ---------------------------------------------------------------------------

-- Vietnamese phone number to its stored form (digits, leading 0), or WD005.
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

-- intake_case: record a case for officer p_officer (report and
-- import_request; not for staff to call).  The ward's next number makes the
-- ref; the category's deadline_min the deadline.  Idempotent by
-- p_external_id: a known id is WD003 with DETAIL ref=REF.  p_flags and
-- p_service_code come from the feed (import_request), as arguments: before
-- 007 they were session settings any caller could set.  The received time is
-- a date, not before the ward's established_at, not more than 5 minutes
-- ahead of the desk clock (007_hardening_a.sql, issue 13 item 1); the address
-- is at most 500 characters, the name 200, the description 4000 (item 12).
-- p_priority: 'urgent' | 'normal', NULL for the category's default_priority
-- in the ward (014_priority.sql); an urgent case's deadline is received +
-- the category's urgent deadline (case_limits, 12_ward_scope.sql).
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
	o officers := p_officer;
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
	v_prio text := lower(nullif(btrim(p_priority), ''));
	u text;
begin
	select * into k from categories where code = upper(btrim(p_category)) and active;
	if not found then
		raise exception 'unknown category %', coalesce(p_category, '(none)')
			using errcode = 'WD516',
			      detail = json_build_object('category', (coalesce(p_category, '(none)'))::text)::text,
			      hint = (select 'categories: ' || string_agg(code, ', ' order by sort) from categories where active);
	end if;
	if v_prio is not null and v_prio not in ('urgent', 'normal') then
		raise exception 'unknown priority % (urgent, normal)', p_priority
			using errcode = 'WD560', detail = json_build_object('priority', p_priority::text)::text;
	end if;
	-- nobody said: the category's default in the ward (12_ward_scope.sql)
	v_prio := coalesce(v_prio, (select e.default_priority from category_effective e
	                             where e.ward_id = o.ward_id and e.code = k.code), 'normal');
	if is_blank(p_description) then
		raise exception 'a description is required'
			using errcode = 'WD517';
	end if;
	perform check_length('the description', btrim(p_description), 4000);
	perform check_length('the address', btrim(p_address), 500);
	perform check_length('the reporter''s name', btrim(p_name), 200);
	if v_channel = '' then
		v_channel := case o.role when 'hotline' then 'hotline' else 'walkin' end;
	elsif v_channel not in ('app', 'hotline', 'walkin', 'import') then
		raise exception 'unknown channel % (app, hotline, walkin, import)', p_channel
			using errcode = 'WD518',
			      detail = json_build_object('channel', p_channel::text)::text;
	end if;
	if v_line is not null and v_line not in ('police', 'committee') then
		raise exception 'unknown hotline line % (police, committee)', p_hotline_line
			using errcode = 'WD519',
			      detail = json_build_object('line', p_hotline_line::text)::text;
	end if;
	select * into w from wards where id = o.ward_id;
	if not isfinite(v_received) then
		raise exception 'the received time % is not a date', v_received
			using errcode = 'WD520',
			      detail = json_build_object('received', v_received::text)::text;
	end if;
	if v_received < w.established_at then
		raise exception 'the received time % is before ward % existed (%)', v_received, w.code, w.established_at
			using errcode = 'WD521',
			      detail = json_build_object('received', v_received::text,
			                                'ward', w.code::text,
			                                'established', w.established_at::text)::text;
	end if;
	if v_received > wardesk.now() + interval '5 minutes' then
		raise exception 'the received time % is in the future', v_received
			using errcode = 'WD522',
			      detail = json_build_object('received', v_received::text)::text;
	end if;
	if (p_lat is null) <> (p_lon is null)
	   or p_lat not between -90 and 90 or p_lon not between -180 and 180 then
		raise exception 'coordinates need both a latitude (-90..90) and a longitude (-180..180)'
			using errcode = 'WD523';
	end if;
	foreach u in array v_media loop
		if u is null or u !~* '^https?://[^[:space:]]+$' then
			raise exception 'media "%" is not an http(s) URL', u
				using errcode = 'WD524',
				      detail = json_build_object('url', u::text)::text;
		end if;
	end loop;
	if v_ext is not null then
		select ref into v_dup from cases where external_id = normalize(v_ext, nfc);
		if found then
			raise exception 'external id % already imported as %', v_ext, v_dup
				using errcode = 'WD311',
				      detail = json_build_object('ext', v_ext::text,
				                                'dup', v_dup::text)::text;
		end if;
	end if;

	update wards set next_seq = next_seq + 1 where id = o.ward_id returning * into w;
	v_seq := w.next_seq - 1;

	perform set_action('report', null);
	begin
		insert into cases(ward_id, ref, channel, external_id, category, description, address, lat, lon,
		                  reporter_name, reporter_phone, hotline_line, callback_wanted, media_urls,
		                  received_at, deadline_at, flags, service_code, priority)
		values (o.ward_id, w.code || '-' || v_seq, v_channel, v_ext, k.code, btrim(p_description),
		        nullif(btrim(p_address), ''), p_lat, p_lon, nullif(btrim(p_name), ''),
		        normalize_phone(nullif(btrim(p_phone), '')), v_line, coalesce(p_callback, false),
		        v_media, v_received,
		        v_received + make_interval(mins => (select deadline_min
		                                            from case_limits(o.ward_id, k.code, v_prio))),
		        coalesce(p_flags, '{}'), nullif(btrim(p_service_code), ''), v_prio)
		returning * into c;
	exception when unique_violation then
		select ref into v_dup from cases where external_id = normalize(v_ext, nfc);
		if v_dup is null then
			raise;
		end if;
		raise exception 'external id % already imported as %', v_ext, v_dup
			using errcode = 'WD311',
			      detail = json_build_object('ext', v_ext::text,
			                                'dup', v_dup::text)::text;
	end;
	perform set_action(null, null);
	return c;
end $$;

-- report: record a case (any active officer; a hotline operator's default
-- channel is hotline, others' walkin).  Channel app is the citizen app's
-- feed (import_request) alone: report refuses it (issue 13, item 12).
-- p_priority: urgent | normal, NULL for the category's default.  See
-- intake_case for the rest.
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
	return intake_case(o, p_category, p_description, p_address, p_phone, p_name, p_channel,
	                   p_received_at, p_lat, p_lon, p_media, p_external_id, p_hotline_line,
	                   p_callback, null, null, p_priority);
end $$;

-- ---------------------------------------------------------------------------
-- Likely duplicates
-- ---------------------------------------------------------------------------

-- Great-circle distance in metres (haversine, mean Earth radius).
create or replace function wardesk.distance_m(a_lat double precision, a_lon double precision,
                                   b_lat double precision, b_lon double precision)
returns double precision
language sql immutable strict parallel safe
set search_path = wardesk, pg_temp
as $$
	select 2 * 6371008.8 * asin(least(1, sqrt(
		power(sin(radians(b_lat - a_lat) / 2), 2)
		+ cos(radians(a_lat)) * cos(radians(b_lat)) * power(sin(radians(b_lon - a_lon) / 2), 2))))
$$;

-- Address for comparison: no diacritics (đ -> d), lower case, whitespace
-- collapsed, no blanks around punctuation.  NULL for a blank address.  Made
-- by a DO block: it calls unaccent in whatever schema the extension lives
-- (002_intake.sql installs it in wardesk unless the database has it).
do $$
declare
	s text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
	            where e.extname = 'unaccent');
begin
	execute format($f$
		create or replace function wardesk.address_key(p text) returns text
		language sql stable parallel safe
		set search_path = wardesk, pg_temp
		as $b$
			select nullif(btrim(regexp_replace(regexp_replace(
				lower(%1$I.unaccent(%2$L::regdictionary, normalize(p, nfc))),
				'\s*([,;/.()-])\s*', '\1', 'g'), '\s+', ' ', 'g')), '')
		$b$ $f$, s, s || '.unaccent');
end $$;

-- Likely duplicates of a (would-be) case: same ward and category, received
-- within 24 hours of p_at, and within 50 m or at the same address.  Cases
-- already closed as duplicates are left out.
create or replace function wardesk.dup_candidates(p_ward int, p_category text, p_at timestamptz,
                                       p_lat double precision, p_lon double precision,
                                       p_address text, p_exclude bigint)
returns table (id bigint, ref text, distance_m double precision, same_address boolean)
language sql stable
set search_path = wardesk, pg_temp
as $$
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

-- Open cases of ward p_ward from the same phone number, received within 24
-- hours of p_at (any category: a caller who rings again about the same thing
-- may name it differently; issue 11, section 5), newest first.
create or replace function wardesk.phone_candidates(p_ward int, p_phone text, p_at timestamptz,
                                         p_exclude bigint)
returns table (id bigint, ref text)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select c.id, c.ref
	  from cases c
	 where p_phone is not null and c.ward_id = p_ward and c.reporter_phone = p_phone
	   and c.state <> 'resolved'
	   and c.received_at between p_at - interval '24 hours' and p_at + interval '24 hours'
	   and c.id is distinct from p_exclude
	 order by c.received_at desc, c.id desc
$$;

-- On every new case (any path: report, import, psql): flag likely
-- duplicates (dup_candidates: same place, category and time; then
-- phone_candidates: an open case from the same number), at most 3.  (Until
-- 007 it also took flags and a service code from session settings, which any
-- caller could set: intake_case now gets them as arguments.)
create or replace function wardesk.tg_cases_intake_flags() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_dups text[];
begin
	select array_agg('likely_duplicate:' || d.ref order by d.o, d.n) into v_dups
	  from (select ref, min(o) as o, min(n) as n
	          from (select ref, 1 as o, row_number() over () as n
	                  from dup_candidates(new.ward_id, new.category, new.received_at, new.lat, new.lon,
	                                      new.address, null)
	                union all
	                select ref, 2, row_number() over ()
	                  from phone_candidates(new.ward_id, new.reporter_phone, new.received_at, null)) x
	         group by ref
	         order by min(o), min(n)
	         limit 3) d;
	if v_dups is not null then
		new.flags := new.flags || v_dups;
	end if;
	return new;
end $$;

create or replace trigger t15_intake_flags before insert on wardesk.cases
	for each row execute function wardesk.tg_cases_intake_flags();

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

-- One GeoReport v2 service request from the app feed.  Idempotent by
-- p_external_id: a known id returns its case with created = false (and only
-- the rating may be updated from the feed).  A new request already closed in
-- the app is imported closed only by the app's service account (a member of
-- wardesk_feed, 008_audit_chain.sql), which is then the actor.  See sql/API.md.
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
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
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
		raise exception 'a service_request_id is required'
			using errcode = 'WD526';
	end if;
	if v_status not in ('open', 'closed') then
		raise exception 'status "%" is not open or closed', p_status
			using errcode = 'WD527',
			      detail = json_build_object('status', p_status::text)::text;
	end if;
	if p_requested_at is null then
		raise exception 'a requested_datetime is required'
			using errcode = 'WD528';
	end if;
	if p_rating is not null and p_rating not between 1 and 5 then
		raise exception 'a rating is 1 to 5 (got %)', p_rating
			using errcode = 'WD529',
			      detail = json_build_object('rating', p_rating::text)::text;
	end if;
	perform check_length('status_notes', btrim(p_status_notes), 4000);
	perform check_length('rating_comment', btrim(p_rating_comment), 4000);

	select * into c from cases where external_id = v_ext for update;
	-- Only the app's own service account (a member of wardesk_feed) records a
	-- request as closed in the app; a person importing one is refused, never
	-- silently turned into a close by them (issue 13).
	if v_status = 'closed' and c.id is null and not pg_has_role(session_user, 'wardesk_feed', 'member') then
		raise exception 'request % is closed in the app: only the app''s feed account may import a closed request',
			v_ext
			using errcode = 'WD606',
			      detail = json_build_object('ext', v_ext::text)::text,
			      hint = 'import it as the feed login (a member of wardesk_feed), or import it open';
	end if;
	if found then
		if c.ward_id <> o.ward_id then
			raise exception 'external id % belongs to another ward', v_ext
				using errcode = 'WD312',
				      detail = json_build_object('ext', v_ext::text)::text;
		end if;
		-- the feed may carry the reporter's rating of a result we sent
		if p_rating is not null and c.state = 'resolved'
		   and (c.rating is distinct from p_rating
		        or c.rating_comment is distinct from normalize(visible_or_null(p_rating_comment), nfc)) then
			perform set_action('rate', visible_or_null(p_rating_comment));
			update cases set rating = p_rating, rating_comment = visible_or_null(p_rating_comment)
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

	c := intake_case(o, v_cat, p_description, p_address, null, null, 'app', p_requested_at,
	                 p_lat, p_lon,
	                 case when nullif(btrim(p_media_url), '') is null then null
	                      else array[btrim(p_media_url)] end,
	                 v_ext, null, false, v_flags, v_code, null);   -- null: the category's default priority

	-- Already closed in the app: record it resolved, with the app's note.
	if v_status = 'closed' then
		v_note := coalesce(visible_or_null(p_status_notes), 'Closed in the app before import');
		perform set_action('take', 'closed in the app before import');
		update cases set state = 'in_progress', owner = o.login where id = c.id;
		perform set_action('close', v_note);
		update cases
		   set state = 'resolved', resolution_note = v_note, close_reason = 'done',
		       closed_at = least(wardesk.action_now(),
		                         greatest(received_at, case when isfinite(p_updated_at) then p_updated_at end)),
		       rating = p_rating, rating_comment = case when p_rating is not null
		                                                then visible_or_null(p_rating_comment) end
		 where id = c.id
		returning * into c;
		perform set_action(null, null);
	end if;
	return query select c.ref, true, c.flags;
end $$;

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

-- GeoReport v2 view of the app's requests (cases with an external id) of the
-- actor's ward (every ward for a non-officer), changed at or after p_since.
-- A case closed as a duplicate reports the status and note of the case it was
-- merged into, so every reporter gets the result.
create or replace function wardesk.app_requests(p_since timestamptz default null)
returns table (service_request_id text, status text, status_notes text, service_code text,
               service_name text, description text, agency_responsible text,
               requested_datetime timestamptz, updated_datetime timestamptz,
               expected_datetime timestamptz, address text, lat double precision,
               lon double precision, media_url text, ref text, surviving_ref text)
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
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

-- ---------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------

revoke all on function
	wardesk.intake_case(wardesk.officers, text, text, text, text, text, text, timestamptz,
	                    double precision, double precision, text[], text, text, boolean, text[], text, text)
from public;
grant execute on function
	wardesk.normalize_phone(text),
	wardesk.report(text, text, text, text, text, text, timestamptz, double precision, double precision,
	               text[], text, text, boolean, text),
	wardesk.import_request(text, text, text, timestamptz, text, double precision, double precision,
	                       text, text, text, timestamptz, int, text),
	wardesk.rate(text, int, text),
	wardesk.likely_duplicates(text),
	wardesk.phone_other_names(text),
	wardesk.merge(text, text, text),
	wardesk.add_reporter(text, text, text, text, text),
	wardesk.service_code_set(text, text),
	wardesk.app_requests(timestamptz),
	wardesk.address_key(text),
	wardesk.distance_m(double precision, double precision, double precision, double precision)
to wardesk_staff;

reset role;
