-- 59_photos.sql - photos the desk attaches to a case (issue 16 section 1):
-- photo_attach, the only writer of case_photos; staff read the photos of
-- their ward's cases from the table (row-level security, 90_policies.sql).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace.  One definition per object.
--
-- Tables: case_photos (021_case_photos.sql); cases, case_events
-- (001_core.sql).  Each photo attached is a case event 'photo' whose "new"
-- holds {photo, type, bytes, sha256}: the audit chain covers the photo's
-- hash, so a photo changed afterwards no longer matches its event.

set role wardesk_owner;

-- Attach a PNG or JPEG (recognised by its first bytes, whatever p_type
-- says) of at most 2 MB to the open case p_ref, at most 3 per case:
-- hotline operators, duty officers and chairs of the case's ward.  Returns
-- the photo's id.
create or replace function wardesk.photo_attach(p_ref text, p_bytes bytea, p_seen int default null)
returns bigint
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	o officers := me();
	c cases;
	v_type text;
	v_n int;
	v_id bigint;
	v_sum text;
begin
	c := lock_case(p_ref, o);
	o := require_officer(array['hotline', 'officer', 'chair'], 'attach photos');
	perform check_seen(c, p_seen);
	perform refuse_resolved(c);
	if p_bytes is null or octet_length(p_bytes) > 2097152 then
		raise exception 'the photo is % bytes (at most 2097152)', coalesce(octet_length(p_bytes), 0)
			using errcode = 'WD583',
			      detail = json_build_object('size', coalesce(octet_length(p_bytes), 0)::text,
			                                 'max', '2097152')::text;
	end if;
	v_type := case when substr(p_bytes, 1, 8) = '\x89504e470d0a1a0a'::bytea then 'image/png'
	               when substr(p_bytes, 1, 3) = '\xffd8ff'::bytea then 'image/jpeg' end;
	if v_type is null or octet_length(p_bytes) < 8 then
		raise exception 'the file is not a PNG or JPEG photo'
			using errcode = 'WD582';
	end if;
	select count(*)::int into v_n from case_photos where case_id = c.id;
	if v_n >= 3 then
		raise exception '% already has % photos (at most 3)', c.ref, v_n
			using errcode = 'WD326',
			      detail = json_build_object('ref', c.ref, 'count', v_n::text, 'max', '3')::text;
	end if;
	v_sum := encode(sha256(p_bytes), 'hex');
	insert into case_photos(case_id, ward_id, content_type, bytes, sha256, added_at)
	values (c.id, c.ward_id, v_type, p_bytes, v_sum, wardesk.action_now())
	returning id into v_id;
	insert into case_events(case_id, ward_id, at, actor, action, version, new)
	values (c.id, c.ward_id, wardesk.action_now(), session_user, 'photo', c.version,
	        jsonb_build_object('photo', v_id, 'type', v_type, 'bytes', octet_length(p_bytes),
	                           'sha256', v_sum));
	perform pg_notify(ward_channel(c.ward_id, 'case'),
		format('{"id":%s,"v":%s,"ward":%s,"op":"photo"}', c.id, c.version, c.ward_id))
	  where ward_channel(c.ward_id, 'case') is not null;
	return v_id;
end $$;

revoke all on function wardesk.photo_attach(text, bytea, int) from public;
grant execute on function wardesk.photo_attach(text, bytea, int) to wardesk_staff;

reset role;
