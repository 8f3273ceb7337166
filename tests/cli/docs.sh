#!/bin/bash
# docs.sh - the documentation matches the program: the key list in
# wardesk(1) is what the action table generates, every CLI command is in the
# man page with the synopsis the command table generates, both man pages are
# lint-clean, and `make help` lists targets.
. "$(dirname "$0")/../lib.sh"
cd "$WD_ROOT" || exit 1

if [ -x build/doc-gen ]; then
	check "man/wardesk.1 key list is current (make docs)" \
		sh tools/man-keys.sh --check build/doc-gen man/wardesk.1
else
	not_ok "build/doc-gen is built"
fi
check "man/wardesk.1 command synopses are current (make docs)" \
	sh tools/man-cmds.sh --check "$WD_BIN" man/wardesk.1
# every action has a line in the man page
while read -r name; do
	check_match "action $name is documented" "Pq Ic $name\$" "$(grep -F "Pq Ic $name" man/wardesk.1)"
done < <(build/doc-gen | sed -n 's/.*Pq Ic \([a-z0-9-]*\)$/\1/p' | sort -u)
# every CLI command is in the man page
wd --help >"$WD_TMP/help" 2>&1
while read -r cmd; do
	first=${cmd%% *}
	check_match "command '$cmd' is in wardesk(1)" "Cm $first" "$(grep -E "^\.It Cm $first( |$)" man/wardesk.1)"
done < <(sed -n '/^Commands:/,/^$/p' "$WD_TMP/help" | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\) .*/\1/p' |
	awk '{ if ($2 ~ /^[a-z]/ && $2 != "" ) print $1 " " $2; else print $1 }')
if command -v mandoc >/dev/null; then
	check "wardesk(1) is lint-clean" mandoc -T lint -W warning man/wardesk.1
	check "wardesk.conf(5) is lint-clean" mandoc -T lint -W warning man/wardesk.conf.5
else
	skip "mandoc lint" "mandoc not installed"
fi
check_match "make help lists check and run" "check.*run|run.*check" "$(make -s help | tr '\n' ' ')"
