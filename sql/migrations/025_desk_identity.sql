-- 025_desk_identity.sql - this database's identity: a random id made once,
-- when the migration runs (`wardesk db init` on a new or an upgraded
-- database).  The console keeps an officer's drafts, the discarded and the
-- open phone-ticket form and the NEW marks under it (and the ward's code):
-- two clusters with the same database name, ward code and login never see
-- each other's drafts.  A standby, a failover or a restore of this database
-- carries the same id (the same cases); another `db init` elsewhere makes
-- another.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  The code: desk_identity() in
-- sql/code/60_roles.sql.  Staff may read wardesk.db_identity (the default
-- privileges: the id is no secret, it only tells databases apart); only the
-- owner may change it.

set role wardesk_owner;

create table wardesk.db_identity (
	one boolean primary key default true check (one),
	id text not null unique default replace(gen_random_uuid()::text, '-', '')
	   check (id ~ '^[0-9a-f]{32}$')
);
insert into wardesk.db_identity default values;

reset role;
