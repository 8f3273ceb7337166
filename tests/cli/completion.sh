#!/bin/bash
# completion.sh - the bash completion (tools/wardesk.bash-completion) offers
# the commands, the options of a command and the values of an option from
# the command table, case references, logins and codes from the database,
# and nothing (quietly) when the database is unreachable.
. "$(dirname "$0")/../lib.sh"

# comp WORD...: complete the last WORD of `wardesk WORD...`; prints COMPREPLY.
comp() {
	bash -c 'source tools/wardesk.bash-completion
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_wardesk; printf "%s\n" "${COMPREPLY[@]}"' _ "$WD_BIN" "$@" 2>&1
}

check_match "complete is registered for wardesk" "_wardesk wardesk" \
	"$(bash -c 'source tools/wardesk.bash-completion; complete -p wardesk')"
check_eq "commands: ta -> take" "take" "$(comp ta)"
check_match "commands: all of them at the start" "^handovers$" "$(comp "")"
check_eq "commands: the second word of a two-word command" "ack cancel create" \
	"$(comp handover "" | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "options of close: --ap" "--apology --apology-template" "$(comp close --ap | tr '\n' ' ' | sed 's/ $//')"
check_match "options of ls include --help" "^--help$" "$(comp ls --)"
check_eq "values of an option: ls --format" "table tsv json" "$(comp ls --format "" | tr '\n' ' ' | sed 's/ $//')"
check_eq "values of an option: report --line p" "police" "$(comp report --line p)"
check_eq "global options skipped: -d X sh" "shift show" "$(comp -d x sh | sort | tr '\n' ' ' | sed 's/ $//')"

# the command list matches the table (wardesk help)
want=$(wd help | sed -n 's/^  \([a-z-]*\).*/\1/p' | sort -u | tr '\n' ' ')
check_eq "every first word of the table is offered" "$want" "$(comp "" | grep -v '^help$' | sort -u | tr '\n' ' ')"

# from the database
HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
REF=$(report_as "$HL" --category MT --text "Rác thải") && check_match "setup: a case" '^BT-[0-9]+$' "$REF"
export PGUSER=$AN
check_match "a case reference for take" "^$REF\$" "$(comp take "")"
check_eq "... filtered by what is typed" "$REF" "$(comp take "$REF" | grep -x -- "$REF")"
check_match "a case reference for close after its options" "^$REF\$" "$(comp close --note x "")"
check_match "a login for assign's second word" "^$AN\$" "$(comp assign "$REF" "")"
check_match "a login for handover create --to" "^$HL\$" "$(comp handover create --to "")"
check_eq "no case reference where a note is expected" "" "$(comp close --note "")"
check_eq "a category code for report --category" "MT" "$(comp report --category M | grep -x MT)"
check_match "a delay reason for close --delay-reason" "^FIELD$" "$(comp close "$REF" --delay-reason "")"
check_match "a setting key for setting set" "^remind_min$" "$(comp setting set "")"
mkdir -p "$WD_TMP/nodb"
check_eq "nothing (and no error) when the database is unreachable" "" \
	"$(PGHOST=$WD_TMP/nodb comp take "")"
