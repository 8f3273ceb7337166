#!/bin/bash
# cli_shape.sh - the command line keeps its shape (issue 10): no CLI file over
# 800 lines, no function over 80, no getopt in a command file (one parser,
# src/cli_args.c, reads every command's row), and no console or screen
# header included by the CLI (screens and the CLI never call each other).
. "$(dirname "$0")/../lib.sh"
cd "$WD_ROOT" || exit 1

files=(src/cli*.c src/simulate.c include/wardesk/cli*.h)
for f in "${files[@]}"; do
	n=$(wc -l <"$f")
	if [ "$n" -le 800 ]; then ok "$f: $n lines (at most 800)"; else not_ok "$f: $n lines (at most 800)"; fi
done
# a function starts at a line "name(...)" in column 0 and ends at "}" in column 0
long=$(awk '
	/^[a-zA-Z].*\(/ && !/;$/ { name = $0; start = FNR }
	/^\{/ { if (name != "") fstart = start }
	/^\}/ { if (fstart) { len = FNR - fstart + 1; if (len > 80) print FILENAME ": " len " lines: " name; fstart = 0; name = "" } }
' src/cli*.c src/simulate.c)
check_eq "no CLI function over 80 lines" "" "$long"
check_eq "no getopt in the CLI (src/cli_args.c parses)" "" \
	"$(grep -lE 'getopt(_long)? *\(|<getopt\.h>' src/cli*.c src/simulate.c include/wardesk/cli*.h)"
check_eq "the CLI includes no console or screen header" "" \
	"$(grep -lE '#include "wardesk/(console|console_alerts|screen|prompt|draw|caseops|commands|live|theme|bindings|actions)\.h"' \
		src/cli*.c src/simulate.c include/wardesk/cli*.h)"
