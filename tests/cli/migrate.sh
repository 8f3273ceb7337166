#!/bin/bash
# migrate.sh - `wardesk db init` applies each migration once (a second run is a
# no-op), refuses a non-UTF8 database, and `db demo` seeds a demo ward that
# can be seeded twice.
. "$(dirname "$0")/../lib.sh"

# Our database (a copy of the template) already has the migrations.
count() { psql_as postgres "$@" -c "select count(*) || '|' || max(version) || '|' || max(applied_at)
	from wardesk.schema_migrations"; }
before=$(count)
check_match "migrations are recorded" '^[1-9][0-9]*\|' "$before"
check_exit "db init on an initialised database exits 0" 0 env PGUSER=postgres "$WD_BIN" db init
check_eq "... and applies nothing" "$before" "$(count)"
check_exit "db init a third time exits 0" 0 env PGUSER=postgres "$WD_BIN" db init
check_eq "... still nothing" "$before" "$(count)"

# A fresh database: the first db init applies everything, the second nothing.
FRESH=${PGDATABASE}_fresh
sql "create database \"$FRESH\" template template0 encoding 'UTF8'" >/dev/null
at_exit sql "drop database if exists \"$FRESH\""
check_exit "db init on an empty database exits 0" 0 env PGUSER=postgres PGDATABASE="$FRESH" "$WD_BIN" db init
check_match "... and says what it applied" '001|applied [1-9]' "$OUT"
first=$(count -d "$FRESH")
check_eq "... the same migrations as the template" "$(printf '%s' "$before" | cut -d'|' -f1-2)" \
	"$(printf '%s' "$first" | cut -d'|' -f1-2)"
check_exit "db init again exits 0" 0 env PGUSER=postgres PGDATABASE="$FRESH" "$WD_BIN" db init
check_eq "... schema_migrations unchanged" "$first" "$(count -d "$FRESH")"

# A SQL_ASCII database is refused, and nothing is left behind.
ASCII=${PGDATABASE}_ascii
sql "create database \"$ASCII\" template template0 encoding 'SQL_ASCII' lc_collate 'C' lc_ctype 'C'" >/dev/null
at_exit sql "drop database if exists \"$ASCII\""
run env PGUSER=postgres PGDATABASE="$ASCII" "$WD_BIN" db init
check "db init refuses a non-UTF8 database" test "$RC" -ne 0
check_match "... saying why" 'UTF-?8' "$ERR"
check_eq "... and records no migration" 0 \
	"$(psql_as postgres -d "$ASCII" -c "select count(*) from pg_tables where tablename = 'cases'")"
check_eq "... and leaves nothing behind (one transaction: not even the schema)" 0 \
	"$(psql_as postgres -d "$ASCII" -c "select count(*) from pg_namespace where nspname = 'wardesk'")"

# Two db init at once on an empty database: one waits for the other (advisory
# lock), both succeed, everything is applied once.
PAR=${PGDATABASE}_par
sql "create database \"$PAR\" template template0 encoding 'UTF8'" >/dev/null
at_exit sql "drop database if exists \"$PAR\""
env PGUSER=postgres PGDATABASE="$PAR" "$WD_BIN" db init >"$WD_TMP/par1" 2>&1 &
p1=$!
env PGUSER=postgres PGDATABASE="$PAR" "$WD_BIN" db init >"$WD_TMP/par2" 2>&1 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check_eq "two concurrent db init both exit 0" "0 0" "$r1 $r2"
check_eq "... one applied everything, the other nothing" "applied|nothing" \
	"$(cat "$WD_TMP/par1" "$WD_TMP/par2" | grep -o 'applied [0-9]* migration\|nothing to do' |
	   sed 's/applied.*/applied/; s/nothing.*/nothing/' | sort | tr '\n' '|' | sed 's/|$//')"
check_eq "... the same migrations as the template" "$(printf '%s' "$before" | cut -d'|' -f1-2)" \
	"$(count -d "$PAR" | cut -d'|' -f1-2)"

# db demo on the fresh database: a realistic ward, idempotent.
check_exit "db demo exits 0" 0 env PGUSER=postgres PGDATABASE="$FRESH" "$WD_BIN" db demo
q() { psql_as postgres -d "$FRESH" -c "$1"; }
check_eq "demo ward BT" 1 "$(q "select count(*) from wardesk.wards where code = 'BT'")"
check_eq "demo officers and roles" "an:officer,binh:officer,chutich:chair,cuong:officer,lan:hotline,minh:hotline" \
	"$(q "select string_agg(login || ':' || role, ',' order by login) from wardesk.officers
	      where login in ('an','binh','cuong','chutich','lan','minh')")"
check_eq "demo officers are PostgreSQL logins" 6 \
	"$(q "select count(*) from pg_roles where rolcanlogin and rolname in ('an','binh','cuong','chutich','lan','minh')")"
check_eq "the demo's feed account appfeed imports for the app (wardesk_feed)" "hotline|true" \
	"$(q "select role || '|' || pg_has_role('appfeed', 'wardesk_feed', 'member') from wardesk.officers where login = 'appfeed'")"
check_eq "app cases are recorded by appfeed, not a hotline operator (the newcomer's trial)" "appfeed" \
	"$(q "select string_agg(distinct e.actor, ',') from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	      where c.channel = 'app' and e.id = (select min(id) from wardesk.case_events x where x.case_id = c.id)")"
check_exit "README's example: appfeed imports the sample feed, a closed request included" 0 \
	env PGUSER=appfeed PGDATABASE="$FRESH" "$WD_BIN" import "$WD_ROOT/tests/data/open311-sample.json"
n=$(q "select count(*) from wardesk.cases")
check "demo has about 30 cases (>= 20)" test "$n" -ge 20
check_eq "demo cases in every state" "in_progress,new,reopened,resolved" \
	"$(q "select string_agg(distinct state, ',' order by state) from wardesk.cases")"
check_eq "demo cases of every channel" "app,hotline,import,walkin" \
	"$(q "select string_agg(distinct channel, ',' order by channel) from wardesk.cases")"
check "demo has overdue open cases" test \
	"$(q "select count(*) from wardesk.cases where state <> 'resolved' and deadline_at < now()")" -ge 1
check "demo has cases due later" test \
	"$(q "select count(*) from wardesk.cases where state <> 'resolved' and deadline_at > now()")" -ge 1
check_eq "demo text is all NFC" 0 \
	"$(q "select count(*) from wardesk.cases where description <> normalize(description, NFC)
	      or coalesce(address, '') <> normalize(coalesce(address, ''), NFC)
	      or coalesce(reporter_name, '') <> normalize(coalesce(reporter_name, ''), NFC)")"
check_eq "every demo case has its report event" 0 \
	"$(q "select count(*) from wardesk.cases c where not exists
	      (select from wardesk.case_events e where e.case_id = c.id)")"
check_exit "db demo again exits 0" 0 env PGUSER=postgres PGDATABASE="$FRESH" "$WD_BIN" db demo
check_eq "... and adds nothing" "$n" "$(q "select count(*) from wardesk.cases")"
check_exit "a demo officer can list cases" 0 env PGUSER=an PGDATABASE="$FRESH" "$WD_BIN" ls --format json
check "... json parses" "$WD_PY" -c 'import json,sys; assert len(json.loads(sys.argv[1])) > 0' "$OUT"
