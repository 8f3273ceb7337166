-- 10_clock.sql - the desk clock: wardesk.now().
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: wardesk.test_clock (003_deadlines.sql).  Also applied from inside
-- migration 001_core.sql, before the tables whose column defaults call
-- wardesk.now(), with check_function_bodies off (test_clock comes with 003).
--
-- wardesk.now() is pg_catalog.now() plus test_clock.clock_offset, a one-row
-- table only a superuser may change (tests and the demo seed move the desk
-- clock with it).  Inside functions, always write wardesk.now(): with
-- search_path "wardesk, pg_temp" a bare now() resolves to pg_catalog.now().

set role wardesk_owner;

create or replace function wardesk.now() returns timestamptz
language sql stable parallel safe
set search_path = wardesk, pg_temp
as $$
	select pg_catalog.now()
	       operator(pg_catalog.+) coalesce((select t.clock_offset from wardesk.test_clock t), interval '0')
$$;

grant execute on function wardesk.now() to wardesk_staff;

reset role;
