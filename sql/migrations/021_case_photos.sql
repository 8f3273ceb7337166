-- 021_case_photos.sql - photos attached to a case by the desk (issue 16
-- section 1): a citizen who calls the hotline sends a photo by Zalo or
-- e-mail, and the operator attaches the file.  A path on the hotline's
-- computer cannot be read by the other consoles of the ward, so the bytes
-- are kept here, capped at 2 MB each and 3 per case, readable only by the
-- case's ward (row-level security) like the case itself.
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables,
-- columns, grants and data, as a superuser inside db init's transaction.
-- The code: sql/code/59_photos.sql (photo_attach, the only writer); the
-- ward_isolation policy is in 90_policies.sql.  Staff read the rows of
-- their ward through the default privileges (select).

set role wardesk_owner;

create table wardesk.case_photos (
	id bigint generated always as identity primary key,
	case_id bigint not null references wardesk.cases(id),
	ward_id int not null references wardesk.wards(id),
	content_type text not null check (content_type in ('image/png', 'image/jpeg')),
	bytes bytea not null check (octet_length(bytes) between 8 and 2097152),
	sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
	added_at timestamptz not null default wardesk.now(),
	added_by text not null default session_user,
	constraint case_photos_added_at_finite check (isfinite(added_at))
);
create index on wardesk.case_photos(case_id);

alter table wardesk.case_photos enable row level security;
alter table wardesk.case_photos force row level security;

reset role;
