-- 58_map.sql - the map (issue 16 §2): the ward's open cases by latitude and
-- longitude with its main streets (map_doc, for `wardesk map` and the
-- console's M; the ward's area, map_area, keeps a far-away case from
-- stretching it), the clusters of cases (clusters: the same category within
-- 100 m, received in the last 24 h, from every channel), merging a cluster
-- into its earliest case in one step (cluster_merge, the chair), and the
-- streets (street_set, the chair).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: ward_streets (022_map.sql); cases, categories (001_core.sql).
-- Row-level security holds inside these SECURITY DEFINER functions too
-- (wardesk_owner is subject to the forced ward_isolation policies,
-- 90_policies.sql): a login sees and merges only its own ward's cases.

set role wardesk_owner;

-- The clusters of the caller's ward: open cases (not resolved) with
-- coordinates, received in the last 24 hours (desk clock), linked when they
-- have the same category and lie within 100 m of each other (distance_m,
-- 40_intake.sql); a cluster is a connected group of two or more.  key: the
-- ref of its earliest case (by received time, then id), the case a merge
-- keeps; refs: every case, earliest first; oldest_deadline: the earliest
-- deadline among them; lat/lon: their mean.  Largest first, then by the
-- oldest deadline.  The pairs come from a grid of 100 m cells (a hash
-- join), the groups from a union-find over them: linear in the pairs, where
-- a recursive query grows with the square of a group and a band join with
-- the cases of a category (5,000 cases in a day took seconds).
create or replace function wardesk.clusters()
returns table(key text, category text, category_vi text, category_en text, n int,
              oldest_deadline timestamptz, lat double precision, lon double precision,
              refs text[], channels text[])
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_ward int := (me()).ward_id;
	v_since timestamptz := wardesk.now() - interval '24 hours';
	v_id bigint[];
	v_lonstep double precision;
	par int[];
	a int;
	b int;
	e record;
begin
	select array_agg(c.id order by c.id) into v_id
	  from cases c
	 where c.ward_id = v_ward and c.state <> 'resolved' and c.lat is not null and c.received_at >= v_since;
	if coalesce(array_length(v_id, 1), 0) < 2 then
		return;
	end if;
	par := array(select generate_series(1, array_length(v_id, 1)));
	-- a grid of cells at least 100 m on a side (0.0009 degrees of latitude is
	-- more than 100 m on distance_m's sphere; across, that over the cosine of
	-- the latitude furthest from the equator): a pair lies in the same or
	-- neighbouring cells, which a hash join finds
	select 0.0009 / greatest(cos(radians(max(abs(c.lat)))), 0.01) into v_lonstep
	  from cases c where c.id = any (v_id);
	for e in
		with p as materialized (
			select t.id, t.i::int as i, c.category, c.lat, c.lon,
			       floor(c.lat / 0.0009)::bigint as gy, floor(c.lon / v_lonstep)::bigint as gx
			  from unnest(v_id) with ordinality as t(id, i) join cases c on c.id = t.id
		), q as (
			select p.*, p.gy + dy as ny, p.gx + dx as nx
			  from p, (values (-1), (0), (1)) as r(dy), (values (-1), (0), (1)) as k(dx)
		)
		select q.i as x, o.i as y
		  from q join p o on o.category = q.category and o.gy = q.ny and o.gx = q.nx and o.id > q.id
		 where distance_m(q.lat, q.lon, o.lat, o.lon) <= 100
	loop
		a := e.x;
		while par[a] <> a loop
			par[a] := par[par[a]];
			a := par[a];
		end loop;
		b := e.y;
		while par[b] <> b loop
			par[b] := par[par[b]];
			b := par[b];
		end loop;
		if a <> b then
			par[greatest(a, b)] := least(a, b);
		end if;
	end loop;
	for i in 1 .. array_length(par, 1) loop
		a := i;
		while par[a] <> a loop
			a := par[a];
		end loop;
		par[i] := a;
	end loop;
	return query
	select (array_agg(c.ref order by c.received_at, c.id))[1]::text, c.category, k.name_vi, k.name_en,
	       count(*)::int, min(c.deadline_at), avg(c.lat), avg(c.lon),
	       array_agg(c.ref::text order by c.received_at, c.id),
	       array_agg(distinct c.channel::text)
	  from unnest(v_id, par) as u(id, root)
	  join cases c on c.id = u.id
	  join categories k on k.code = c.category
	 group by u.root, c.category, k.name_vi, k.name_en
	having count(*) >= 2
	 order by count(*) desc, min(c.deadline_at), 1;
end $$;

-- The ward's area on the map (issue 19 item 1): whether an open case with
-- coordinates lies in it.  With streets (ward_streets), the area is their
-- bounding box widened by 1 km on every side; without, the cases within
-- 5 km of their median point (the median latitude and the median longitude,
-- percentile_disc: each an actual case's).  One far-away report (a feed
-- request placed in another city) neither moves the area nor stretches the
-- map: it is counted and listed apart (map_doc's outside).
create or replace function wardesk.map_area(p_ward int)
returns table(id bigint, inside boolean)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
declare
	b record;
	m record;
	v_dlat constant double precision := 1000 / 111194.9;   -- 1 km of latitude on distance_m's sphere
begin
	select min(s.points[i][1]) as s, max(s.points[i][1]) as n, min(s.points[i][2]) as w, max(s.points[i][2]) as e
	  into b
	  from ward_streets s cross join lateral generate_subscripts(s.points, 1) as i
	 where s.ward_id = p_ward;
	if b.s is not null then
		return query
		select c.id, c.lat between b.s - v_dlat and b.n + v_dlat
		         and c.lon between b.w - v_dlat / greatest(cos(radians(greatest(abs(b.s), abs(b.n)))), 0.01)
		                       and b.e + v_dlat / greatest(cos(radians(greatest(abs(b.s), abs(b.n)))), 0.01)
		  from cases c
		 where c.ward_id = p_ward and c.state <> 'resolved' and c.lat is not null;
		return;
	end if;
	select percentile_disc(0.5) within group (order by c.lat) as lat,
	       percentile_disc(0.5) within group (order by c.lon) as lon
	  into m
	  from cases c
	 where c.ward_id = p_ward and c.state <> 'resolved' and c.lat is not null;
	return query
	select c.id, distance_m(c.lat, c.lon, m.lat, m.lon) <= 5000
	  from cases c
	 where c.ward_id = p_ward and c.state <> 'resolved' and c.lat is not null;
end $$;

-- The map of the caller's ward as one document: points (every open case
-- with coordinates in the ward's area, map_area: ref, lat, lon, category,
-- urgent, due as in case_list), outside (the same for those outside it),
-- no_coords (open cases without coordinates), streets (name, points as
-- [lat, lon] pairs), clusters (clusters(), deadlines in epoch seconds).
create or replace function wardesk.map_doc() returns jsonb
language sql stable security definer
set search_path = wardesk, pg_temp
as $$
	with p as (
		select a.inside, l.deadline_at, l.id,
		       jsonb_build_object('ref', l.ref, 'lat', l.lat, 'lon', l.lon, 'category', l.category,
		                          'urgent', l.priority = 'urgent', 'due', l.due) as o
		  from map_area((select (me()).ward_id)) a
		  join case_list l on l.id = a.id
		 where l.ward_id = (select (me()).ward_id)
	)
	select jsonb_build_object(
		'ward', (select code from wards where id = (select (me()).ward_id)),
		'points', coalesce((select jsonb_agg(p.o order by p.deadline_at, p.id) from p where p.inside), '[]'),
		'outside', coalesce((select jsonb_agg(p.o order by p.deadline_at, p.id) from p where not p.inside), '[]'),
		'no_coords', (select count(*) from cases c
		               where c.ward_id = (select (me()).ward_id) and c.state <> 'resolved' and c.lat is null),
		'streets', coalesce((select jsonb_agg(jsonb_build_object('name', s.name, 'points', to_jsonb(s.points))
		                                       order by s.name)
		                       from ward_streets s where s.ward_id = (select (me()).ward_id)), '[]'),
		'clusters', coalesce((select jsonb_agg(jsonb_build_object(
		                                'key', k.key, 'category', k.category, 'category_vi', k.category_vi,
		                                'category_en', k.category_en, 'count', k.n,
		                                'oldest_deadline', extract(epoch from k.oldest_deadline)::bigint,
		                                'lat', k.lat, 'lon', k.lon, 'refs', to_jsonb(k.refs),
		                                'channels', to_jsonb(k.channels)))
		                        from clusters() k), '[]'))
$$;

-- Set (or, with p_points null, remove) one of the caller's ward's streets:
-- p_points a JSON array of 2 to 64 [latitude, longitude] pairs.  The chair.
create or replace function wardesk.street_set(p_name text, p_points jsonb) returns int
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['chair'], 'set the ward''s streets');
	v_name text := btrim(p_name);
	v double precision[];
begin
	if v_name is null or v_name = '' or char_length(v_name) > 60 then
		raise exception 'a street needs a name of 1 to 60 characters'
			using errcode = 'WD580', detail = json_build_object('name', coalesce(v_name, ''))::text;
	end if;
	if has_control_chars(v_name) then
		raise exception 'a street name may not hold control or bidi characters'
			using errcode = 'WD584', detail = json_build_object('name', v_name)::text;
	end if;
	if p_points is null then
		delete from ward_streets where ward_id = o.ward_id and name = v_name;
		return 0;
	end if;
	if jsonb_typeof(p_points) <> 'array' or jsonb_array_length(p_points) not between 2 and 64
	   or exists (select from jsonb_array_elements(p_points) e
	               where jsonb_typeof(e) <> 'array' or jsonb_array_length(e) <> 2
	                  or jsonb_typeof(e -> 0) <> 'number' or jsonb_typeof(e -> 1) <> 'number'
	                  or (e ->> 0)::float8 not between -90 and 90
	                  or (e ->> 1)::float8 not between -180 and 180) then
		raise exception 'street %: its points must be 2 to 64 [latitude, longitude] pairs', v_name
			using errcode = 'WD581', detail = json_build_object('name', v_name)::text;
	end if;
	select array_agg(array[(e ->> 0)::float8, (e ->> 1)::float8] order by i) into v
	  from jsonb_array_elements(p_points) with ordinality as t(e, i);
	insert into ward_streets(ward_id, name, points) values (o.ward_id, v_name, v)
	on conflict on constraint ward_streets_pkey do update set points = excluded.points;
	return array_length(v, 1);
end $$;

-- Merge the cluster that p_ref belongs to (clusters()) into its earliest
-- case in one step: every other case of it goes through merge()
-- (40_intake.sql: taken when new, closed as a duplicate, its reporters added
-- to the kept case; each step audited), later ones first.  The ward chair
-- only.  p_seen: the number of cases the chair saw in the cluster; when it
-- has changed since, nothing is merged.  Returns the kept case's ref and the
-- refs merged into it.
create or replace function wardesk.cluster_merge(p_ref text, p_seen int default null,
                                                 p_note text default null)
returns table(kept text, merged text[])
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := require_officer(array['chair'], 'merge a cluster');
	v_ref text := canon_ref(p_ref, o.ward_id);
	k record;
	v_done text[] := '{}';
begin
	select * into k from clusters() c where v_ref = any (c.refs);
	if not found then
		raise exception '% is in no cluster', v_ref
			using errcode = 'WD350', detail = json_build_object('ref', v_ref)::text;
	end if;
	if p_seen is not null and p_seen <> k.n then
		raise exception 'the cluster of % changed: it has % cases now, you saw %; look again',
			v_ref, k.n, p_seen
			using errcode = 'WD351',
			      detail = json_build_object('ref', v_ref, 'count', k.n, 'seen', p_seen)::text;
	end if;
	for i in reverse array_length(k.refs, 1) .. 2 loop
		perform merge(k.refs[i], k.key, p_note);
		v_done := v_done || k.refs[i];
	end loop;
	kept := k.key;
	merged := v_done;
	return next;
end $$;

revoke all on function wardesk.map_area(int) from public;
revoke all on function wardesk.clusters(), wardesk.map_doc(), wardesk.street_set(text, jsonb),
	wardesk.cluster_merge(text, int, text) from public;
grant execute on function wardesk.clusters(), wardesk.map_doc(), wardesk.street_set(text, jsonb),
	wardesk.cluster_merge(text, int, text) to wardesk_staff;

reset role;
