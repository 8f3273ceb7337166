#!/bin/bash
# limits.sh - issue 13 item 12: the CLI takes no more free text than the
# Open311 importer (src/open311.c): --text, notes, comments and apologies 4000
# characters, --address 500, names 200, counted in characters of the NFC form.
# Longer is bad input (exit 2) with a clear message, and nothing is stored.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
ncases() { sql "select count(*) from wardesk.cases"; }
rep() { "$WD_PY" -c 'import sys; print(sys.argv[1] * int(sys.argv[2]), end="")' "$1" "$2"; }

n=$(ncases)
check_exit "a 131 KB --address is refused (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "Rác" --address "$(rep a 131000)"
check_match "... saying which option and the limit" \
	'^wardesk: --address is too long \(131000 characters, at most 500\)' "$ERR"
check_match "... with the usage line" '^Usage: wardesk report' "$ERR"
check_eq "... and nothing is stored" "$n" "$(ncases)"
check_exit "501 characters of --address are refused" 2 \
	wd_as "$HL" report --category MT --text "Rác" --address "$(rep ễ 501)"
check_exit "500 Vietnamese characters (1500 bytes) are taken" 0 \
	wd_as "$HL" report --category MT --text "Rác" --address "$(rep ễ 500)"
check_eq "... and stored whole" 500 "$(case_field "$OUT" 'char_length(address)')"
# e + U+0302 + U+0303 is three code points in NFD, one (ễ) in NFC
check_exit "500 characters typed decomposed (NFD) count as 500" 0 \
	wd_as "$HL" report --category MT --text "Rác" --address "$(rep $'e\xcc\x82\xcc\x83' 500)"
check_exit "a 201-character --name is refused" 2 \
	wd_as "$HL" report --category MT --text "Rác" --name "$(rep x 201)"
check_match "... --name, at most 200" '^wardesk: --name is too long \(201 characters, at most 200\)' "$ERR"
check_exit "a 4001-character --text is refused" 2 \
	wd_as "$HL" report --category MT --text "$(rep x 4001)"
check_exit "a 4000-character --text is taken" 0 \
	wd_as "$HL" report --category MT --text "$(rep x 4000)"
REF=$OUT
check_exit "a 4001-character note is refused" 2 wd_as "$AN" escalate "$REF" --note "$(rep x 4001)"
check_match "... --note, at most 4000" '^wardesk: --note is too long \(4001 characters, at most 4000\)' "$ERR"
check_eq "... the case is unchanged" 0 "$(case_field "$REF" escalation)"
check_exit "a 201-character officer name is refused" 2 \
	env PGUSER=postgres "$WD_BIN" officer add "$(login long)" --name "$(rep x 201)"
check_eq "... no officer made" 0 \
	"$(psql_as postgres -v l="$(login long)" <<<"select count(*) from wardesk.officers where login = :'l'")"
check_exit "report --help states the limits" 0 wd report --help
check_match "... (at most 500 characters)" '--address A .*at most 500 characters' "$OUT"
check_eq "the importer's limits are the CLI's" "500 4000" \
	"$(grep -o '"address", false, [0-9]*' src/open311.c | grep -o '[0-9]*$') $(sed -n 's/^#define MAX_DESCRIPTION \([0-9]*\)/\1/p' src/open311.c)"
