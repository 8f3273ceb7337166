#!/bin/bash
# sql_layout.sh - the sql/ tree keeps one live definition per object (issue
# 10): every function, view, trigger and row-level security policy of schema
# wardesk is defined in exactly one code file (sql/code/NN_*.sql), once, and
# never in a versioned migration (sql/migrations/NNN_*.sql).  Reads the files
# only (no database); the checker is also run on broken copies of the tree to
# show that it catches a redefinition and a definition in a migration.
. "$(dirname "$0")/../lib.sh"

# tests/tools/sql-defs.py lists the definitions ("FILE<TAB>KIND<TAB>NAME") and,
# with --problems, what breaks the rule.
sql_defs() { "$WD_PY" tests/tools/sql-defs.py "$1"; }
layout_problems() { "$WD_PY" tests/tools/sql-defs.py --problems "$1"; }

DEFS=$(sql_defs sql)
n() { printf '%s\n' "$DEFS" | awk -F'\t' -v k="$1" '$2 == k' | wc -l | tr -d ' '; }
check "the checker finds the functions" test "$(n function)" -ge 70
check "... the views" test "$(n view)" -ge 5
check "... the triggers" test "$(n trigger)" -ge 17
check "... the policies" test "$(n policy)" -ge 8
check_match "... e.g. take in 30_cases.sql" '^code/30_cases\.sql	function	wardesk\.take$' "$DEFS"
check_match "... address_key, made by dynamic SQL in 38_address_key.sql" \
	'^code/38_address_key\.sql	function	wardesk\.address_key$' "$DEFS"
check_match "... t10_nfc on handovers" '	trigger	wardesk\.handovers\.t10_nfc$' "$DEFS"

PROBLEMS=$(layout_problems sql)
check_eq "every function, view, trigger and policy is defined once, in a code file" "" "$PROBLEMS"
check_eq "no versioned migration defines code" "" \
	"$(printf '%s\n' "$DEFS" | grep '^migrations/' || true)"

# File names and headers.
bad=
for f in sql/migrations/*; do
	case ${f##*/} in [0-9][0-9][0-9]_*.sql) ;; *) bad="$bad $f" ;; esac
done
check_eq "migrations are named NNN_name.sql" "" "$bad"
check_eq "migration numbers are unique" "" \
	"$(ls sql/migrations | cut -c1-3 | sort | uniq -d)"
bad=
for f in sql/code/*; do
	b=${f##*/}
	case $b in [0-9][0-9]_*.sql) ;; *) bad="$bad $f(name)"; continue ;; esac
	head -n 1 "$f" | grep -q "^-- $b - " || bad="$bad $f(first line)"
	grep -Eq '(^|[^0-9])[0-9]{3}_[a-z_]+\.sql' "$f" || bad="$bad $f(names no migration)"
done
check_eq "code files are NN_name.sql, start with '-- NAME - what' and name the migrations of their tables" "" "$bad"
bad=
for f in sql/code/*.sql; do
	if grep -Eiq '^[[:space:]]*create[[:space:]]+(function|view|trigger)' "$f"; then bad="$bad $f"; fi
done
check_eq "code files only 'create or replace' functions, views and triggers (idempotent)" "" "$bad"
bad=
for f in sql/code/*.sql; do
	pols=$(grep -Eio 'create policy [a-z_]+ on wardesk\.[a-z_]+' "$f" | awk '{print $3 " on " $5}')
	while IFS= read -r p; do
		[ -n "$p" ] || continue
		grep -Eiq "drop policy if exists $p;" "$f" || bad="$bad $f($p)"
	done <<<"$pols"
done
check_eq "every policy is dropped if it exists before it is created" "" "$bad"

# The checker itself: a copy of the tree with a second definition of take()
# in another code file, and a view and a trigger in a migration.
BROKEN=$WD_TMP/broken
mkdir -p "$BROKEN"
cp -r sql/migrations sql/code "$BROKEN/"
cat >>"$BROKEN/code/40_intake.sql" <<'EOF'
create or replace function wardesk.take(p_ref text, p_seen int default null) returns wardesk.cases
language sql as $$ select null::wardesk.cases $$;
EOF
cat >>"$BROKEN/migrations/005_fast_paths.sql" <<'EOF'
create view wardesk.case_list as select 1;
create trigger t10_nfc
	before insert or update on wardesk.wards for each row execute function wardesk.tg_nfc();
EOF
P=$(layout_problems "$BROKEN")
check_match "a redefinition in another code file is caught" \
	'^function wardesk\.take is defined 2 times: code/30_cases\.sql, code/40_intake\.sql$' "$P"
check_match "a view in a migration is caught" \
	'^view wardesk\.case_list is defined in the versioned migration migrations/005_fast_paths\.sql' "$P"
check_match "a trigger in a migration is caught (across lines)" \
	'^trigger wardesk\.wards\.t10_nfc is defined in the versioned migration migrations/005' "$P"
