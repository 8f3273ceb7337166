-- 38_address_key.sql - address_key(), the address as the likely-duplicate
-- lookup compares it.  A file of its own so that a migration can apply it
-- early (024_address_key.sql: -- @apply, then the stored keys recomputed).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: none; the unaccent extension (002_intake.sql).  Used by
-- 40_intake.sql (intake_cases, the intake triggers, dup_matches,
-- likely_duplicates).

set role wardesk_owner;

-- Address for comparison: no diacritics (đ -> d), lower case, whitespace
-- collapsed, no blanks around punctuation, and without the administrative
-- tail a caller may or may not say (", Phường Bình Thạnh", ", P.25",
-- ", Quận 1", ", Q. Bình Thạnh", ", TP HCM", ", Thành phố Hồ Chí Minh", also
-- after " - "): from the first such part to the end.  "36 Ung Văn Khiêm"
-- and "36 Ung Văn Khiêm, Phường Bình Thạnh" have one key (a street named
-- Quang Trung or Phan ... is not a tail).  NULL for a blank address.  Made
-- by a DO block: it calls unaccent in whatever schema the extension lives
-- (002_intake.sql installs it in wardesk unless the database has it).
-- cases.address_key holds it for every case (intake_cases,
-- tg_cases_intake_flags, tg_cases_address_key in 40_intake.sql;
-- 017_import_batch.sql, and 024_address_key.sql which recomputed the stored
-- keys), for dup_matches.
do $$
declare
	s text := (select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
	            where e.extname = 'unaccent');
begin
	execute format($f$
		create or replace function wardesk.address_key(p text) returns text
		language sql stable parallel safe
		set search_path = wardesk, pg_temp
		as $b$
			select nullif(btrim(regexp_replace(regexp_replace(regexp_replace(
				lower(%1$I.unaccent(%2$L::regdictionary, normalize(p, nfc))),
				'\s*([,;/.()-])\s*', '\1', 'g'), '\s+', ' ', 'g'),
				'[,-](phuong|quan|thanh pho|tphcm|tp|p|q)([ .0-9]|$).*$', '')), '')
		$b$ $f$, s, s || '.unaccent');
end $$;

grant execute on function wardesk.address_key(text) to wardesk_staff;

reset role;
