#!/bin/sh
# man-keys.sh - splice the key list generated from the action table
# (build/doc-gen) into man/wardesk.1 between the KEYS markers.
#   sh tools/man-keys.sh build/doc-gen man/wardesk.1          rewrite in place
#   sh tools/man-keys.sh --check build/doc-gen man/wardesk.1  exit 1 when stale
set -eu
check=0
if [ "$1" = --check ]; then check=1; shift; fi
gen=$1 man=$2
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.keys"' EXIT
"$gen" >"$tmp.keys"
awk -v keys="$tmp.keys" '
	/^\.\\" BEGIN GENERATED KEYS/ { print; while ((getline l < keys) > 0) print l; skip = 1; next }
	/^\.\\" END GENERATED KEYS/ { skip = 0 }
	!skip { print }
' "$man" >"$tmp"
if [ "$check" = 1 ]; then
	if ! cmp -s "$tmp" "$man"; then
		echo "man-keys: $man is stale: run 'make docs'" >&2
		exit 1
	fi
	exit 0
fi
cat "$tmp" >"$man"
