-- 024_address_key.sql - the stored address keys (cases.address_key,
-- 017_import_batch.sql) recomputed with the address_key() that drops the
-- administrative tail (", Phường …", ", P. …", ", Quận …", ", TP …",
-- ", Thành phố …"): "36 Ung Văn Khiêm" and "36 Ung Văn Khiêm, Phường Bình
-- Thạnh" are then the same address for the likely-duplicate lookup.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  The code file that defines address_key()
-- is applied first (it runs again with the others afterwards), so the keys
-- are made by the new definition; without the cases' triggers: no audit
-- event, no version bump for a derived column (as 017 did).  A new database
-- has no cases: nothing to do.
-- @apply code/38_address_key.sql
do $$
begin
	alter table wardesk.cases disable trigger user;
	update wardesk.cases set address_key = wardesk.address_key(address)
	 where address is not null and address_key is distinct from wardesk.address_key(address);
	alter table wardesk.cases enable trigger user;
end $$;
