#!/bin/bash
# upgrade_010.sh - a database made by wardesk 0.1.0 (tests/data/wardesk-0.1.0.sql:
# db init, db demo and a few actions, dumped by pg_dump) upgrades with this
# `wardesk db init`: its data stays as it was, its schema becomes the one a
# fresh db init makes, every action still works for its officers, and a
# second db init is a no-op.
. "$(dirname "$0")/../lib.sh"

FIXTURE=tests/data/wardesk-0.1.0.sql
OLD=${PGDATABASE}_v010
sql "create database \"$OLD\" template template0 encoding 'UTF8'" >/dev/null
at_exit sql "drop database if exists \"$OLD\""
qo() { psql_as postgres -d "$OLD" -c "$1"; }

check_exit "the 0.1.0 dump restores with plain psql" 0 psql_as postgres -d "$OLD" -f "$FIXTURE"
check_eq "... it is a 0.1.0 database: migrations 1-5" "1,2,3,4,5" \
	"$(qo "select string_agg(version::text, ',' order by version) from wardesk.schema_migrations")"

# The demo officers are logins in the cluster that made the dump; roles are
# not in a database dump, so make the missing ones here, in their desk group
# (db demo in tests/cli/migrate.sh makes the same, unprefixed, logins).
for row in $(qo "select login || ':' || role from wardesk.officers order by login"); do
	lg=${row%%:*} role=${row#*:}
	sql "do \$\$ begin
	       if not exists (select from pg_roles where rolname = '$lg') then
	         create role \"$lg\" login;
	       end if;
	     end \$\$;
	     grant \"wardesk_$role\" to \"$lg\"" >/dev/null 2>&1
done
check_eq "the fixture's officers are logins in their groups" 6 \
	"$(qo "select count(*) from wardesk.officers o join pg_roles r on r.rolname = o.login
	       where r.rolcanlogin and pg_has_role(o.login, 'wardesk_' || o.role, 'member')")"

# Every row of the data tables, as one digest per table, of the columns
# 0.1.0 had (later migrations add columns: 008 the audit chain's).
TABLES="wards officers categories cases case_events alerts case_reporters shifts handovers
handover_cases settings delay_reasons service_code_map test_clock"
declare -A COLS ROWS
# ... and of the rows it had (later migrations add settings: 016 phone_kinds)
ROWS[settings]="where key in ('remind_min', 'unowned_grace_min', 'apology_template')"
for t in $TABLES; do
	COLS[$t]=$(qo "select string_agg(quote_literal(column_name), ',') from information_schema.columns
	               where table_schema = 'wardesk' and table_name = '$t'")
done
digest() {
	local t out=
	for t in $TABLES; do
		out+="$t:$(qo "select count(*) || ':' || coalesce(md5(string_agg(j::text, '|' order by j::text)), '-')
		               from (select (select jsonb_object_agg(key, value) from jsonb_each(to_jsonb(x))
		                              where key in (${COLS[$t]})) j
		                       from wardesk.$t x ${ROWS[$t]:-}) y") "
	done
	echo "$out"
}
data_before=$(digest)
check_match "the fixture has cases, events, alerts, shifts, handovers and reporters" \
	'cases:30:.* case_events:74:.* alerts:94:.* case_reporters:2:.* shifts:3:.* handovers:1:' "$data_before"

check_exit "db init on the 0.1.0 database exits 0" 0 env PGUSER=postgres PGDATABASE="$OLD" "$WD_BIN" db init
check_eq "the stored address keys are made without the ward's name (024_address_key.sql)" \
	"36 ung van khiem|134 ung van khiem" \
	"$(qo "select string_agg(address_key, '|' order by ref desc) from wardesk.cases where ref in ('BT-20', 'BT-10')")"
# every migration since 0.1.0 (which recorded 001-005)
since=$(ls sql/migrations | sed -n 's/^0*\([0-9][0-9]*\)_.*/\1/p' | awk '$1 > 5' | wc -l | tr -d ' ')
all=$(ls sql/migrations | sed -n 's/^0*\([0-9][0-9]*\)_.*/\1/p' | sort -n | tr '\n' ',' | sed 's/,$//')
check_match "... applies the migrations since 0.1.0 ($since)" "applied $since migration" "$OUT"
check_eq "... recorded" "$all" \
	"$(qo "select string_agg(version::text, ',' order by version) from wardesk.schema_migrations")"
check_eq "... and every code file" "$(ls sql/code | tr '\n' ',' | sed 's/,$//')" \
	"$(qo "select string_agg(name, ',' order by name) from wardesk.schema_code")"
check_eq "the data is exactly as 0.1.0 left it (cases, events, officers, alerts, shifts, ...)" \
	"$data_before" "$(digest)"
check_exit "the 0.1.0 events are chained once, in id order: audit verify says intact" 0 \
	env PGUSER=postgres PGDATABASE="$OLD" "$WD_BIN" audit verify
check_match "... every event" '^BT: 74 events, chain intact, head [0-9a-f]{12} \(event 74\)$' "$OUT"
check_eq "... places 1..74 in id order" "74" \
	"$(qo "select count(*) from (select chain_seq, row_number() over (order by id) n from wardesk.case_events) x
	       where chain_seq = n")"

# The schema is the one a fresh db init makes (our database is a fresh one).
schema() {
	pg_dump -U postgres --schema-only --no-comments -d "$1" | grep -v '^\\\(un\)\{0,1\}restrict '
}
schema "$PGDATABASE" >"$WD_TMP/fresh.sql"
schema "$OLD" >"$WD_TMP/upgraded.sql"
if diff -u "$WD_TMP/fresh.sql" "$WD_TMP/upgraded.sql" >"$WD_TMP/schema.diff"; then
	ok "the upgraded schema is identical to a fresh one (pg_dump --schema-only)"
else
	not_ok "the upgraded schema is identical to a fresh one" "$(head -n 60 "$WD_TMP/schema.diff")"
fi

# Every action still works, as the fixture's officers.  The desk clock goes a
# month ahead, so that the fixture's open cases are overdue whenever this runs.
U() { PGDATABASE=$OLD "$@"; }
qo "update wardesk.test_clock set clock_offset = interval '30 days'" >/dev/null
events() { qo "select count(*) from wardesk.case_events"; }
ev0=$(events)
check_exit "a hotline operator (lan) reports a case" 0 \
	U wd_as lan report --category MT --text "Rác tồn đọng sau nâng cấp" --address "12 Nơ Trang Long"
NEW=$OUT
check_eq "... the next number of the ward" "BT-31" "$NEW"
check_exit "a duty officer (an) takes it" 0 U wd_as an take "$NEW"
check_eq "... held by an" "in_progress|an" "$(qo "select state || '|' || owner from wardesk.cases where ref = '$NEW'")"
check_exit "... and closes it" 0 U wd_as an close "$NEW" --note "Đã thu gom"
check_eq "... resolved, on time" "resolved|done|on time" \
	"$(qo "select state || '|' || close_reason || '|' || case when closed_at > deadline_at then 'late' else 'on time' end
	       from wardesk.cases where ref = '$NEW'")"
check_exit "a second duty officer (cuong) cannot take a case binh holds (WD001)" 1 U wd_as cuong take BT-18
check_match "... naming the holder" 'binh' "$ERR"
check_exit "binh takes an old case (BT-26, new since the dump, now overdue)" 0 U wd_as binh take BT-26
check_exit "... closing it late needs a delay reason" 2 U wd_as binh close BT-26 --note "Đã xử lý"
check_exit "... and closes with one" 0 U wd_as binh close BT-26 --note "Đã xử lý" --delay-reason STAFF
check_exit "the chair (chutich) reopens it" 0 U wd_as chutich reopen BT-26 --note "Người dân báo chưa xong"
check_exit "... and assigns it to cuong" 0 U wd_as chutich assign BT-26 cuong
check_exit "a hotline operator cannot take (WD006)" 1 U wd_as minh take BT-27
check_eq "each action wrote its audit event (report, take, close, take, close, reopen, assign)" \
	"$((ev0 + 7))" "$(events)"
check_eq "... by the acting officers" "lan:report,an:take,an:close,binh:take,binh:close,chutich:reopen,chutich:assign" \
	"$(qo "select string_agg(actor || ':' || action, ',' order by id) from wardesk.case_events
	       where id > (select max(id) from wardesk.case_events) - 7")"
check_exit "the sweep runs for the chair" 0 psql_as chutich -d "$OLD" -c "select count(*) from wardesk.sweep()"
check_exit "the handover made by 0.1.0 reads back" 0 U wd_as binh handover --id 1 --format markdown
check_match "... with its note" 'Bàn giao ca sáng' "$OUT"
check_match "... its audit chain head: not recorded (made before the chain)" '^- When written: not recorded$' "$OUT"
check_exit "after the new actions the chain is still intact (as the chair)" 0 U wd_as chutich audit verify
check_match "... with their events" "^BT: $(events) events, chain intact" "$OUT"
qo "select wardesk.ward_add('QX', 'Phường thử')" >/dev/null
qo "insert into wardesk.cases (ward_id, ref, channel, category, description, deadline_at)
    select id, 'QX-1', 'walkin', 'MT', 'Ca của phường khác', wardesk.now() + interval '2 hours'
      from wardesk.wards where code = 'QX'" >/dev/null
check_eq "an officer still sees only their own ward's cases (row-level security)" \
	"$(qo "select count(*) from wardesk.cases where ref like 'BT-%'")" \
	"$(psql_as an -d "$OLD" -c "select count(*) from wardesk.cases")"

# db init again: a no-op.
before=$(qo "select (select string_agg(version || '@' || applied_at, ',') from wardesk.schema_migrations)
              || (select string_agg(name || '@' || applied_at, ',') from wardesk.schema_code)")
check_exit "db init again exits 0" 0 env PGUSER=postgres PGDATABASE="$OLD" "$WD_BIN" db init
check_match "... nothing to do" 'nothing to do' "$OUT"
check_eq "... nothing applied" "$before" \
	"$(qo "select (select string_agg(version || '@' || applied_at, ',') from wardesk.schema_migrations)
	          || (select string_agg(name || '@' || applied_at, ',') from wardesk.schema_code)")"

# This version's clients on a 0.1.0 database db init has not upgraded yet (no
# wardesk.my_channels()): they listen to the fixed channels its triggers use.
OLD2=${PGDATABASE}_v010b
sql "create database \"$OLD2\" template template0 encoding 'UTF8'" >/dev/null
at_exit sql "drop database if exists \"$OLD2\""
psql_as postgres -d "$OLD2" -f "$FIXTURE" >/dev/null 2>&1
check_exit "on a 0.1.0 database not yet upgraded, watch --once --notify (which LISTENs) still runs" 0 \
	env PGDATABASE="$OLD2" PGUSER=an "$WD_BIN" watch --once --notify
check_nomatch "... without an error" "my_channels|does not exist" "$ERR"
