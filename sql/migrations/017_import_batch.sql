-- 017_import_batch.sql - the likely-duplicate lookup that every new case
-- runs (dup_candidates, 40_intake.sql) by index: cases.address_key (the
-- folded address, address_key(); kept by the trigger t15_intake_flags and
-- t16_address_key) with an index by ward, category and key, and an index by
-- ward, category and latitude (a 50 m band).
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  Issue 14 item 5: an import of 5,000 app
-- reports took 135 s, most of it folding the address of every case of the
-- category in 48 hours, for every new case (bench/NOTES.md).  A stored key,
-- not an index on address_key(address): under the cases' row-level security
-- a condition on a function that is not LEAKPROOF cannot be an index
-- condition, and only a superuser can declare one LEAKPROOF.

set role wardesk_owner;

drop view if exists wardesk.case_list;   -- 15_views.sql makes it again, with the column
alter table wardesk.cases add column if not exists address_key text;
create index if not exists cases_dup_address on wardesk.cases (ward_id, category, address_key)
 where address_key is not null;
create index if not exists cases_dup_place on wardesk.cases (ward_id, category, lat)
 where lat is not null;

reset role;

-- the keys of the cases already there (an upgraded database: address_key()
-- exists from 40_intake.sql), without the cases' triggers: no audit event,
-- no version bump for a derived column
do $$
begin
	if exists (select from pg_proc where proname = 'address_key'
	            and pronamespace = 'wardesk'::regnamespace) then
		alter table wardesk.cases disable trigger user;
		execute 'update wardesk.cases set address_key = wardesk.address_key(address) where address is not null';
		alter table wardesk.cases enable trigger user;
	end if;
end $$;
