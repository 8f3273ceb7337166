-- 11_session.sql - who is calling: wardesk.session_login().
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: none read.  Its value is the key of officers.login (001_core.sql)
-- and alerts.recipient (003_deadlines.sql).
--
-- Made as the superuser running db init (not as wardesk_owner) and owned
-- by it, as the policies' session_ward (90_policies.sql).  Here, before
-- every code file that compares a login with the caller: the SQL functions
-- and views that do are checked against it when they are made (it was in
-- 90_policies.sql, and alerts_seen, alerts_delivered, officer_mobiles,
-- whoami, desk_identity and the category and setting views compared with
-- `session_user::text`, below; issue 14).

-- session_user as the key of officers(login) and alerts(recipient).  Plain
-- `login = session_user::text` was never an index lookup: session_user is
-- a name, of collation "C", so the comparison is made in "C" and the
-- primary key (default collation) cannot serve it; and with a few hundred
-- officers the planner, which prices session_user at nothing, takes the
-- sequential scan anyway, evaluating session_user for every row: 35-100 us
-- per statement on an RLS table (issue 14 item 2; a losing take read it
-- four times).  alerts_seen, which a console calls for every new case,
-- scanned all of alerts so: 38 ms with 80,000 alerts (bench part 1).  Here
-- the collation is the column's and the COST tells the planner that one
-- evaluation (an index probe) beats one per row: 5 us.  PL/pgSQL, so it is
-- not inlined (an inlined body loses its COST).  No SET: it names nothing
-- that search_path could redirect.
create or replace function wardesk.session_login() returns text
language plpgsql stable parallel safe cost 1000
as $$
begin
	return session_user::text collate pg_catalog."default";
end $$;

revoke all on function wardesk.session_login() from public;
grant execute on function wardesk.session_login() to wardesk_owner, wardesk_staff;
