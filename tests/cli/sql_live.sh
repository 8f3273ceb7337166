#!/bin/bash
# sql_live.sh - after `wardesk db init` the database holds exactly the code
# objects the code files define (sql/code/: no stale leftovers, nothing
# missing), with the privileges and owners they are meant to have, and db
# init applies code files only when they changed (issue 10).
. "$(dirname "$0")/../lib.sh"

q() { psql_as postgres -c "$1"; }

# The functions (not an extension's), views, triggers and policies of schema
# wardesk in the database, as "KIND<TAB>NAME" (names as tests/tools/sql-defs.py
# prints them).
live_objects() {
	q "select kind || E'\t' || name from (
	     select 'function' as kind, 'wardesk.' || p.proname as name
	       from pg_proc p
	      where p.pronamespace = 'wardesk'::regnamespace
	        and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass
	                         and d.objid = p.oid and d.deptype = 'e')
	     union all
	     select 'view', 'wardesk.' || c.relname from pg_class c
	      where c.relnamespace = 'wardesk'::regnamespace and c.relkind in ('v', 'm')
	     union all
	     select 'trigger', 'wardesk.' || c.relname || '.' || t.tgname
	       from pg_trigger t join pg_class c on c.oid = t.tgrelid
	      where c.relnamespace = 'wardesk'::regnamespace and not t.tgisinternal
	     union all
	     select 'policy', 'wardesk.' || tablename || '.' || policyname from pg_policies
	      where schemaname = 'wardesk') x
	   order by 1" | LC_ALL=C sort -u
}
code_objects() {
	"$WD_PY" tests/tools/sql-defs.py sql | awk -F'\t' '$1 ~ /^code\// { print $2 "\t" $3 }' | LC_ALL=C sort -u
}
# compare: lines only in the database ("stale: ...") or only in the code ("missing: ...").
compare() {
	code_objects >"$WD_TMP/code.txt"
	live_objects >"$WD_TMP/live.txt"
	LC_ALL=C comm -23 "$WD_TMP/live.txt" "$WD_TMP/code.txt" | sed 's/^/stale (not in sql\/code): /'
	LC_ALL=C comm -13 "$WD_TMP/live.txt" "$WD_TMP/code.txt" | sed 's/^/missing (in sql\/code, not in the database): /'
}

check "the code files define objects" test "$(code_objects | wc -l)" -ge 100
check_eq "the database has exactly the functions, views, triggers and policies of sql/code" "" "$(compare)"

# A leftover is seen: a function no code file defines.
sql "create function wardesk.stale_leftover() returns int language sql as 'select 1'" >/dev/null
check_match "... a function no code file defines shows as stale" \
	'^stale \(not in sql/code\): function	wardesk\.stale_leftover$' "$(compare)"
sql "drop function wardesk.stale_leftover()" >/dev/null

# Privileges, owners, row-level security.
check_eq "no wardesk function is executable by PUBLIC" "" \
	"$(q "select p.oid::regprocedure from pg_proc p
	       where p.pronamespace = 'wardesk'::regnamespace
	         and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass
	                          and d.objid = p.oid and d.deptype = 'e')
	         and exists (select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
	                      where a.grantee = 0 and a.privilege_type = 'EXECUTE')")"
check_eq "every SECURITY DEFINER function pins its search_path" "" \
	"$(q "select p.oid::regprocedure from pg_proc p
	       where p.pronamespace = 'wardesk'::regnamespace and p.prosecdef
	         and not exists (select from unnest(p.proconfig) c where c like 'search_path=%')")"
check_eq "functions are owned by wardesk_owner, but my_ward, session_all_wards and session_login (a superuser)" \
	"my_ward|true,session_all_wards|true,session_login|true" \
	"$(q "select string_agg(p.proname || '|' || r.rolsuper, ',' order by p.proname)
	        from pg_proc p join pg_roles r on r.oid = p.proowner
	       where p.pronamespace = 'wardesk'::regnamespace and r.rolname <> 'wardesk_owner'
	         and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass
	                          and d.objid = p.oid and d.deptype = 'e')")"
check_eq "the ward policies read session_ward, not a function the planner cannot inline (issue 14)" "" \
	"$(q "select tablename from pg_policies where schemaname = 'wardesk' and policyname = 'ward_isolation'
	       and (qual ~ 'my_ward' or with_check ~ 'my_ward'
	            or (tablename <> 'ward_channels' and qual !~ 'session_ward'))")"
check_eq "session_ward is a security barrier owned by a superuser (it reads officers past row-level security)" \
	"true|true" \
	"$(q "select (c.reloptions @> array['security_barrier=true']) || '|' || r.rolsuper
	        from pg_class c join pg_roles r on r.oid = c.relowner where c.oid = 'wardesk.session_ward'::regclass")"
check_eq "staff may run the API (e.g. take, close, sweep, stats) and not the helpers (lock_case)" \
	"t|t|t|t|f" \
	"$(q "select has_function_privilege('wardesk_staff', 'wardesk.take(text,int)', 'execute'),
	             has_function_privilege('wardesk_staff',
	                 'wardesk.close(text,int,text,text,text,text,text)', 'execute'),
	             has_function_privilege('wardesk_staff', 'wardesk.sweep()', 'execute'),
	             has_function_privilege('wardesk_staff', 'wardesk.stats(timestamptz,timestamptz)', 'execute'),
	             has_function_privilege('wardesk_staff', 'wardesk.lock_case(text,wardesk.officers)', 'execute')")"
check_eq "staff may read every view" "" \
	"$(q "select relname from pg_class where relnamespace = 'wardesk'::regnamespace and relkind = 'v'
	       and not has_table_privilege('wardesk_staff', oid, 'select')")"
check_eq "every table with a ward_id has forced row-level security and the policy ward_isolation" "" \
	"$(q "select c.relname from pg_class c
	       where c.relnamespace = 'wardesk'::regnamespace and c.relkind = 'r'
	         and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'ward_id'
	                      and not a.attisdropped)
	         and not (c.relrowsecurity and c.relforcerowsecurity
	                  and exists (select from pg_policies p where p.schemaname = 'wardesk'
	                               and p.tablename = c.relname and p.policyname = 'ward_isolation'))")"

# What db init recorded.
want=$(for f in sql/code/*.sql; do printf '%s|%s\n' "${f##*/}" "$(md5sum <"$f" | cut -c1-32)"; done)
check_eq "schema_code has every code file with the md5 of its text" "$want" \
	"$(q "select name || '|' || checksum from wardesk.schema_code order by name")"
want=$(for f in sql/migrations/*.sql; do b=${f##*/}; printf '%d|%s\n' "$((10#${b%%_*}))" "$b"; done)
check_eq "schema_migrations has every migration" "$want" \
	"$(q "select version || '|' || name from wardesk.schema_migrations order by version")"

# db init again: nothing runs (no function is even replaced).
state() {
	q "select (select string_agg(name || '@' || applied_at, ',' order by name) from wardesk.schema_code)
	          || ' take:' || (select xmin from pg_proc where oid = 'wardesk.take(text,int)'::regprocedure)
	          || ' sweep:' || (select xmin from pg_proc where oid = 'wardesk.sweep()'::regprocedure)
	          || ' policy:' || (select count(*) from pg_policy)"
}
before=$(state)
check_exit "db init on an up-to-date database exits 0" 0 env PGUSER=postgres "$WD_BIN" db init
check_match "... says nothing to do" 'nothing to do' "$OUT"
check_eq "... and applies no code file (take and sweep not even replaced)" "$before" "$(state)"

# A changed code file is applied, and every one after it, not the ones before.
applied_at() { q "select applied_at from wardesk.schema_code where name = '$1'"; }
a30=$(applied_at 30_cases.sql) a50=$(applied_at 50_deadlines.sql) a90=$(applied_at 90_policies.sql)
take0=$(q "select xmin from pg_proc where oid = 'wardesk.take(text,int)'::regprocedure")
sql "update wardesk.schema_code set checksum = md5('changed') where name = '50_deadlines.sql'" >/dev/null
check_exit "db init after 50_deadlines.sql changed exits 0" 0 env PGUSER=postgres "$WD_BIN" db init
check "... applies 50_deadlines.sql again" test "$(applied_at 50_deadlines.sql)" != "$a50"
check "... and the files after it (90_policies.sql)" test "$(applied_at 90_policies.sql)" != "$a90"
check_eq "... not those before it (30_cases.sql, take not replaced)" "$a30|$take0" \
	"$(applied_at 30_cases.sql)|$(q "select xmin from pg_proc where oid = 'wardesk.take(text,int)'::regprocedure")"
check_eq "... records the right md5 again" "$(md5sum <sql/code/50_deadlines.sql | cut -c1-32)" \
	"$(q "select checksum from wardesk.schema_code where name = '50_deadlines.sql'")"
check_eq "... and leaves the same objects" "" "$(compare)"

# A function someone dropped by hand comes back when its file is applied.
sql "drop function wardesk.board_summary()" >/dev/null
sql "update wardesk.schema_code set checksum = md5('changed') where name = '80_stats.sql'" >/dev/null
check_exit "db init after 80_stats.sql changed exits 0" 0 env PGUSER=postgres "$WD_BIN" db init
check_eq "... makes the dropped board_summary() again, granted to staff" "t" \
	"$(q "select has_function_privilege('wardesk_staff', 'wardesk.board_summary()', 'execute')")"
