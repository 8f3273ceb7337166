-- 006_code_checksums.sql - wardesk.schema_code: which version of each code
-- file (sql/code/NN_*.sql) db init last applied.
--
-- A versioned migration (see 001_core.sql and sql/README.md), the first
-- after the 0.1.0 release (which recorded 001-005).  From here on functions,
-- views, triggers and policies live only in sql/code/, and `wardesk db init`
-- re-applies a code file after the migrations when its text differs from the
-- one recorded here (md5 of the file's exact bytes), and every code file from
-- it on in name order, and all of them when a migration was applied.

set role wardesk_owner;

create table wardesk.schema_code (
	name text primary key check (name ~ '^[0-9]{2}_[a-z0-9_]+\.sql$'),
	checksum text not null check (checksum ~ '^[0-9a-f]{32}$'),
	applied_at timestamptz not null default now()
);

reset role;
