-- 012_finite_times.sql - every timestamptz column added by 008 and 009
-- (officer_events.at / recorded_at, category_ward.updated_at,
-- setting_ward.updated_at) gets the finite-time check that 007 gave the
-- columns before it: timestamptz accepts +/-infinity, and every reader that
-- turns a time into epoch seconds fails on it (issue 13, item 1).
--
-- Generic on purpose: any timestamptz column of a wardesk table without its
-- <table>_<column>_finite constraint gets one, added NOT VALID and validated
-- when no row breaks it (else a WARNING, as in 007).  A later migration that
-- adds a timestamptz column adds its check itself
-- (tests/cli/received_time.sh fails otherwise).

set role wardesk_owner;

do $$
declare
	r record;
	n bigint;
begin
	for r in
		select c.relname::text as t, left(c.relname || '_' || a.attname || '_finite', 63) as c,
		       format('isfinite(%I)', a.attname) as e
		  from pg_class c
		  join pg_namespace s on s.oid = c.relnamespace
		  join pg_attribute a on a.attrelid = c.oid
		 where s.nspname = 'wardesk' and c.relkind in ('r', 'p')
		   and a.attnum > 0 and not a.attisdropped and a.atttypid = 'timestamptz'::regtype
		   and not exists (select from pg_constraint k
		                    where k.conrelid = c.oid
		                      and k.conname = left(c.relname || '_' || a.attname || '_finite', 63))
		 order by 1, 2
	loop
		execute format('alter table wardesk.%I add constraint %I check (%s) not valid', r.t, r.c, r.e);
		execute format('select count(*) from wardesk.%I where not (%s)', r.t, r.e) into n;
		if n = 0 then
			execute format('alter table wardesk.%I validate constraint %I', r.t, r.c);
		else
			raise warning 'wardesk.%: % row(s) break the new constraint % (%); it is left NOT VALID',
				r.t, n, r.c, r.e
				using hint = format('fix them, then: alter table wardesk.%I validate constraint %I', r.t, r.c);
		end if;
	end loop;
end $$;

reset role;
