#!/bin/bash
# locale_numbers.sh - under a Vietnamese locale (decimal comma) coordinates
# still read, print and export with a decimal point.
. "$(dirname "$0")/../lib.sh"

if locale -a 2>/dev/null | grep -qi '^vi_VN\.utf-\?8$'; then
	VI=vi_VN.UTF-8
else
	skip_all "locale vi_VN.UTF-8 is not generated (tools/deps.sh makes it)"
fi
SAMPLE=$WD_ROOT/tests/data/open311-sample.json
# the app's feed login: the sample holds a request closed in the app
HL=$(mk_officer hl "Ứng dụng phản ánh" hotline) &&
sql "grant wardesk_feed to $HL" >/dev/null || { not_ok "setup: officer"; exit 1; }
ok "setup: officer (the feed login)"
check_exit "import under $VI" 0 env LANG=$VI LC_ALL=$VI PGUSER="$HL" "$WD_BIN" import "$SAMPLE"
R1=$(sql "select ref from wardesk.cases where external_id = 'BT-APP-20261123-0001'")
check_eq "stored coordinates" "10.8031|106.711" "$(sql "select concat_ws('|', lat, lon) from wardesk.cases where ref = '$R1'")"
out=$(LANG=$VI LC_ALL=$VI PGUSER=$HL "$WD_BIN" show "$R1" --format json)
check_match "show --format json has lat 10.8031" '"lat": ?10\.8031' "$out"
check_match "... and long 106.711" '"long": ?106\.711' "$out"
out=$(LANG=$VI LC_ALL=$VI PGUSER=$HL "$WD_BIN" show "$R1")
check_match "show (text, Vietnamese) prints 10.80310, 106.71100" '10\.80310, 106\.71100' "$out"
out=$(LANG=$VI LC_ALL=$VI PGUSER=$HL "$WD_BIN" export -)
check_match "export keeps the decimal point" '"lat": ?10\.8031' "$out"
