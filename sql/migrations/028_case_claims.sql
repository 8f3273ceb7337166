-- 028_case_claims.sql - the claims of contested takes (issue 14 item 2):
-- one row per (case, version) that a take_try (sql/code/30_cases.sql)
-- claimed before its UPDATE.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  Why a table: of 50 officers taking one case
-- at once, the 49 losers must wait for the winner's commit to learn who won.
-- Waiting on the case row makes them queue on its tuple lock and wake one
-- after another (each a context switch, the next only after the previous
-- ran); an INSERT ... ON CONFLICT DO NOTHING on this primary key waits on
-- the claiming transaction itself, where all waiters wake at once at its
-- commit, then does nothing and writes nothing.  The owner's alone: staff
-- reach it only through take_try(); no ward_id, so no ward policy (a row
-- names a case id and a version, nothing more).  A row stays after the
-- take, like the take's audit event (about 30 bytes and an index entry a
-- take); a claim of an older version of a case never matters again (every
-- change of a case raises its version).

set role wardesk_owner;

create table wardesk.case_claims (
	case_id bigint not null,   -- cases.id; no foreign key: only take_try writes here,
	                           -- and the check would lock the case row
	version int not null,
	primary key (case_id, version)
);
revoke all on wardesk.case_claims from wardesk_staff, public;

reset role;
