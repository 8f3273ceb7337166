#!/bin/bash
# words.sh - the client's table of domain words (src/words.c: states,
# roles, channels, closing reasons) spells them as the database's CHECK
# constraints do, the same set in the same order.  The table's lists come
# from the unit test binary (build/tests/test_words prints "# words KIND:
# ..."), the database's from pg_constraint.
. "$(dirname "$0")/../lib.sh"

bin=$WD_ROOT/build/tests/test_words
[ -x "$bin" ] || skip_all "build/tests/test_words is not built (make check builds it)"
table=$("$bin" | sed -n 's/^# words //p')
check_match "the table was printed" '^state: ' "$table"

# KIND TABLE COLUMN: the values of the column's "col in (...)" check
db_list() {
	psql_as postgres -c "
		select pg_get_constraintdef(c.oid)
		from pg_constraint c
		join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
		where c.contype = 'c' and c.conrelid = 'wardesk.$1'::regclass
		  and a.attname = '$2' and array_length(c.conkey, 1) = 1
		  and pg_get_constraintdef(c.oid) ~ 'ANY|IN'" |
		"$WD_PY" -c '
import re, sys
defs = [l for l in sys.stdin.read().split("\n") if l.strip()]
for d in defs:
    vals = re.findall(r"'"'"'([^'"'"']*)'"'"'", d)
    if vals:
        print(" ".join(vals))
        break
'
}

while read -r kind tbl col; do
	want=$(db_list "$tbl" "$col")
	have=$(printf '%s\n' "$table" | sed -n "s/^$kind: //p")
	if [ -n "$want" ] && [ "$want" = "$have" ]; then
		ok "$kind: the table matches wardesk.$tbl.$col ($have)"
	else
		not_ok "$kind: the table matches wardesk.$tbl.$col" "database: $want" "table:    $have"
	fi
done <<'LIST'
state cases state
role officers role
channel cases channel
reason cases close_reason
LIST
