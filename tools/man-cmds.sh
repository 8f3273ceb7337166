#!/bin/sh
# man-cmds.sh - replace each command's synopsis line (".It Cm NAME ...") in
# the COMMANDS section of man/wardesk.1 with the line the command table
# generates (`wardesk _man`, src/cli_docs.c from src/cli_table.c); the prose
# under each line stays as written.
#   sh tools/man-cmds.sh ./wardesk man/wardesk.1          rewrite in place
#   sh tools/man-cmds.sh --check ./wardesk man/wardesk.1  exit 1 when stale
# A command with no line in the page, or with two, is reported (exit 1) in
# both modes; rewriting keeps the first.
set -eu
check=0
if [ "$1" = --check ]; then check=1; shift; fi
bin=$1 man=$2
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.lines"' EXIT
"$bin" _man >"$tmp.lines"
awk -v lines="$tmp.lines" '
	# the command name: the words after ".It Cm" up to the first macro
	function name_of(line,   n, w, i, s) {
		n = split(line, w, " ")
		s = ""
		for (i = 3; i <= n && w[i] !~ /^[A-Z][a-z]$/; i++)
			s = s (s == "" ? "" : " ") w[i]
		return s
	}
	BEGIN { while ((getline l < lines) > 0) { k = name_of(l); gen[k] = l; order[++n] = k } }
	/^\.Sh / { in_cmds = ($0 == ".Sh COMMANDS") }
	in_cmds && /^\.It Cm / {
		k = name_of($0)
		if (k in gen) {
			# twice (a merge of two branches that both changed it): one stays
			if (k in seen) { print "man-cmds: \".It Cm " k "\" twice in COMMANDS" > "/dev/stderr"; bad = 1; next }
			print gen[k]; seen[k] = 1; next
		}
	}
	{ print }
	END {
		for (i = 1; i <= n; i++)
			if (!(order[i] in seen)) { print "man-cmds: no \".It Cm " order[i] "\" line in COMMANDS" > "/dev/stderr"; bad = 1 }
		exit bad
	}
' "$man" >"$tmp"
if [ "$check" = 1 ]; then
	if ! cmp -s "$tmp" "$man"; then
		echo "man-cmds: the command synopses in $man are stale: run 'make docs'" >&2
		diff "$man" "$tmp" >&2 || true
		exit 1
	fi
	exit 0
fi
cat "$tmp" >"$man"
