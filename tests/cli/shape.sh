#!/bin/bash
# shape.sh - the house keeps its shape (issue 10), for the whole tree: no
# source file over 800 lines, no function over 80, and the include graph
# reads bottom to top (tools/layers.py: no circles, at most 3 % of arrows
# back up, screens and CLI commands never include each other).  Needs no
# database; lives here so `make check` runs it.
. "$(dirname "$0")/../lib.sh"
cd "$WD_ROOT" || exit 1

big=$(wc -l src/*.c include/wardesk/*.h | awk '$2 != "total" && $1 > 800 { print $2 ": " $1 " lines" }')
check_eq "no source file over 800 lines" "" "$big"
# a function starts at a line "name(...)" in column 0 and ends at "}" in column 0
long=$(awk '
	/^[a-zA-Z].*\(/ && !/;$/ { name = $0; start = FNR }
	/^\{/ { if (name != "") fstart = start }
	/^\}/ { if (fstart) { len = FNR - fstart + 1; if (len > 80) print FILENAME ": " len " lines: " name; fstart = 0; name = "" } }
' src/*.c)
check_eq "no function over 80 lines" "" "$long"
check_exit "tools/layers.py: layers hold" 0 python3 tools/layers.py
diag "$OUT"
[ -z "$ERR" ] || diag "$ERR"
check_match "... and it counts something" '^layers: [0-9]+ modules, [0-9]+ arrows' "$OUT"

# The checker itself: a planted circle and a planted upward arrow are caught.
fake=$WD_TMP/tree
mkdir -p "$fake/src" "$fake/include/wardesk"
printf '#include "wardesk/b.h"\n' >"$fake/src/a.c"
printf '#include "wardesk/a.h"\n' >"$fake/src/b.c"
: >"$fake/include/wardesk/a.h"; : >"$fake/include/wardesk/b.h"
sed -e 's/^LAYERS = \[/LAYERS = [("all", [r"a", r"b"]),/' tools/layers.py >"$fake/layers.py"
check_exit "a planted circle fails the check" 1 python3 "$fake/layers.py" "$fake"
check_match "... and is named" 'circle: a b' "$ERR"
up=$WD_TMP/up
mkdir -p "$up/src" "$up/include/wardesk"
printf '#include "wardesk/model.h"\n' >"$up/src/text.c"
printf '#include "wardesk/store.h"\n' >"$up/src/model.c"
: >"$up/include/wardesk/model.h"; : >"$up/include/wardesk/text.h"; : >"$up/include/wardesk/store.h"
check_exit "an arrow from base up to model fails the check (1 of 2 arrows up)" 1 python3 tools/layers.py "$up"
check_match "... and says how many point up" '1 of 2 arrows .* point back up' "$ERR"

# "Tell live the connection broke, else say the refusal" is written once
# (ui_store_failed in src/ui.c), not again at each store call of the UI.
copies=$(awk '
	FNR == 1 { lost = 0 }
	/live_lost\(/ { lost = FNR; next }
	lost && FNR - lost <= 2 && /ui_error\(ui, "%s", err[.>-]+msg\)/ { print FILENAME ":" FNR }
' src/*.c | grep -v '^src/ui\.c:')
check_eq "the store-failure pattern lives in ui_store_failed only" "" "$copies"

check "ARCHITECTURE.md lists every source file (make docs)" python3 tools/layers.py --stale ARCHITECTURE.md
for f in src/*.c; do
	grep -q "\`$f\`" ARCHITECTURE.md || { not_ok "ARCHITECTURE.md names $f"; continue; }
done
ok "ARCHITECTURE.md names each src/*.c"
