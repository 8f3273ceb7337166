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
--
-- wardesk.action_now() is the desk clock at this very moment
-- (clock_timestamp() plus the same offset; 007_hardening_a.sql, issue 13
-- item 3): the time every action writes (case_events.at, cases.updated_at,
-- closed_at, ack_at, the chain's stamps, the sweep's time).  now() is the
-- start of the transaction: an action in an explicit transaction (the CLI's
-- BEGIN ... COMMIT), or one that waited for a row lock, would be stamped
-- before it happened.  Reads (views, statistics, received times) keep
-- wardesk.now(): one time per query.

set role wardesk_owner;

create or replace function wardesk.now() returns timestamptz
language sql stable parallel safe
set search_path = wardesk, pg_temp
as $$
	select pg_catalog.now()
	       operator(pg_catalog.+) coalesce((select t.clock_offset from wardesk.test_clock t), interval '0')
$$;

-- (PL/pgSQL with every name qualified and no SET: its expression is planned
-- once per session; as a SQL function with SET it was planned at every call,
-- several per audited change: issue 14 item 4, the catch-up sweep.)
create or replace function wardesk.action_now() returns timestamptz
language plpgsql volatile parallel safe
as $$
begin
	return pg_catalog.clock_timestamp()
	       operator(pg_catalog.+) coalesce((select t.clock_offset from wardesk.test_clock t),
	                                       pg_catalog.interval '0');
end $$;

grant execute on function wardesk.now(), wardesk.action_now() to wardesk_staff;

reset role;
