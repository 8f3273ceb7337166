#!/bin/bash
# errors.sh - help, version, usage errors (exit 2), an unreachable database
# (exit 3 with a readable message), and who may act (exit 1).
. "$(dirname "$0")/../lib.sh"

# --- help and version (no database needed)
check_exit "--help exits 0" 0 wd --help
check_match "--help lists the commands" 'take' "$OUT"
check_match "--help lists report" 'report' "$OUT"
check_exit "--version exits 0" 0 wd --version
check_match "--version prints the version" '^wardesk [0-9]+\.[0-9]+\.[0-9]+' "$OUT"
for c in "db init" "db demo" officers "officer add" report ls show take assign escalate close reopen "ward add"; do
	# shellcheck disable=SC2086
	check_exit "$c --help exits 0" 0 env PGHOST=/nonexistent "$WD_BIN" $c --help
	check_match "$c --help shows a usage line" "[Uu]sage: wardesk $c" "$OUT"
done

# --- usage errors
check_exit "unknown command exits 2" 2 wd frobnicate
check_match "... with a wardesk: message" '^wardesk: .*frobnicate' "$ERR"
check_exit "a command group's word alone exits 2" 2 wd setting
check_match "... with the usage of its command" '^Usage: wardesk setting set KEY VALUE' "$ERR"
check_nomatch "... not 'unknown command'" 'unknown command' "$ERR"
check_exit "a group with a subcommand it has not exits 2" 2 wd db frob
check_match "... names it" '^wardesk: unknown command "db frob"' "$ERR"
check_match "... and gives the usage of the group's commands" '^Usage: wardesk db status$' "$ERR"
check_exit "unknown option exits 2" 2 wd ls --bogus
check_match "... with a wardesk: message" '^wardesk: ' "$ERR"
check_exit "take without a reference exits 2" 2 wd take
check_exit "assign without a login exits 2" 2 wd assign BT-1
check_exit "report without --category exits 2" 2 wd report --text "Rác"
check_exit "report without --text exits 2" 2 wd report --category MT
check_exit "--seen that is not a number exits 2" 2 wd take BT-1 --seen abc
check_exit "officer add without --role exits 2" 2 wd officer add "$(login z)" --name "Z"

# --- database unreachable: exit 3, one readable message
mkdir -p "$WD_TMP/nodb"
check_exit "ls with no server exits 3" 3 env PGHOST="$WD_TMP/nodb" "$WD_BIN" ls
check_match "... message starts with wardesk:" '^wardesk: ' "$ERR"
check_match "... and says it cannot connect" '[Cc]onnect|server|database|kết nối' "$ERR"
check_nomatch "... no raw NULL or empty message" '^wardesk: *$|\(null\)' "$ERR"
check_exit "take with no server exits 3" 3 env PGHOST="$WD_TMP/nodb" "$WD_BIN" take BT-1
check_exit "report with no server exits 3" 3 env PGHOST="$WD_TMP/nodb" "$WD_BIN" report --category MT --text "Rác"
check_exit "db init with no server exits 3" 3 env PGHOST="$WD_TMP/nodb" PGUSER=postgres "$WD_BIN" db init
check_exit "-d CONNINFO to no server exits 3" 3 wd -d "host=$WD_TMP/nodb port=5999 dbname=x" ls
check_exit "-d CONNINFO is honoured (real server)" 0 \
	env PGHOST=/nonexistent "$WD_BIN" -d "host=$PGHOST port=${PGPORT:-5432} dbname=$PGDATABASE user=postgres" officers

# --- who may act
HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"
REF=$(report_as "$HL" --category MT --text "Rác thải")
check_match "setup: a case" '^BT-[0-9]+$' "$REF"
X=$(login x)
sql "create role \"$X\" login" >/dev/null
check_exit "a login that is not an officer cannot take (exit 1)" 1 wd_as "$X" take "$REF"
check_match "... told so in plain words" '^wardesk: .*(officer|not allowed)' "$ERR"
check_exit "a login that is not an officer cannot report (exit 1)" 1 \
	wd_as "$X" report --category MT --text "Rác"
check_eq "the case is still new" new "$(case_field "$REF" state)"
