#!/bin/bash
# stats_period.sh - the period of `wardesk stats` by the desk clock (issue
# 17, item 4): a period ending in the future ends now (an open case whose
# deadline has not come is not late); --from alone is checked against the
# desk clock, not this machine's; --to alone gives the day it ends; the
# table rounds like the CSV (3.25, never 3.2); `simulate` stamps app
# requests with the desk clock like phone tickets.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
desk() { sql "select extract(epoch from wardesk.now())::bigint"; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }

# the desk clock is 5 hours ahead of this machine
sql "update wardesk.test_clock set clock_offset = '5 hours'" >/dev/null
NOW=$(desk)
O=$(report_as "$HL" --category MT --text "Rác thải bốc mùi") || { not_ok "setup: an open case"; exit 1; }

# --- a period ending in the future ends now
check_exit "stats until 3 hours from now" 0 wd_as "$CH" stats --from "$(iso $((NOW - 600)))" \
	--to "$(iso $((NOW + 3 * 3600)))" --format json
check_eq "... ends at the desk clock's now, as asked too" "yes $((NOW + 3 * 3600))" \
	"$(json_get "$OUT" '"%s %d" % ("yes" if '"$NOW"' <= j["to"] < '"$NOW"' + 300 else j["to"], j["to_requested"])')"
check_eq "... the open case is open, not late (its deadline has not come)" "1 0" \
	"$(json_get "$OUT" '"%d %d" % (j["open"], len(j["late"]))')"
check_exit "stats (table) of that period" 0 wd_as "$CH" stats --from "$(iso $((NOW - 600)))" \
	--to "$(iso $((NOW + 3 * 3600)))"
check_nomatch "... lists no late case" "^$O " "$OUT"

# --- --from alone: against the desk clock
check_exit "--from alone, in this machine's future but the desk's past, works" 0 \
	wd_as "$CH" stats --from "$(iso $((NOW - 3600)))" --format json
check_eq "... received 1 since then" 1 "$(json_get "$OUT" 'j["received"]')"
wd_as "$CH" stats --from "$(iso $((NOW + 600)))" >/dev/null 2>"$WD_TMP/err"
check_eq "--from after the desk clock's now is refused" yes "$([ $? -ne 0 ] && echo yes || echo no)"
check_match "... saying why" "must start before now" "$(cat "$WD_TMP/err")"

# --- --to alone: the day it ends (Asia/Ho_Chi_Minh)
MID=$(sql "select extract(epoch from date_trunc('day', wardesk.now() at time zone 'Asia/Ho_Chi_Minh')
                                    at time zone 'Asia/Ho_Chi_Minh')::bigint")
check_exit "--to alone (at a midnight) works" 0 wd_as "$CH" stats --to "$(iso "$MID")" --format json
check_eq "... the day before it" "$((MID - 86400)) $MID" "$(json_get "$OUT" '"%d %d" % (j["from"], j["to"])')"
check_exit "--to alone (an hour ago)" 0 wd_as "$CH" stats --to "$(iso $((NOW - 3600)))" --format json
check_eq "... from the midnight starting that day" \
	"$(sql "select extract(epoch from date_trunc('day', (wardesk.now() - interval '1 hour') at time zone 'Asia/Ho_Chi_Minh')
	                                 at time zone 'Asia/Ho_Chi_Minh')::bigint")" \
	"$(json_get "$OUT" 'j["from"]')"

# --- the table rounds like the CSV: ratings 5, 3, 3, 2 average 3.25
# (worked by $AN in a 30-minute shift: the figures per officer on duty)
check_exit "$AN starts a shift" 0 wd_as "$AN" shift start
refs=()
for i in 1 2 3 4; do refs+=("$(report_as "$HL" --category HT --text "Đèn đường hỏng số $i")"); done
for i in 0 1 2 3; do
	wd_as "$AN" take "${refs[i]}" >/dev/null && wd_as "$AN" close "${refs[i]}" --note "Đã thay bóng" >/dev/null ||
		not_ok "setup: close ${refs[i]}"
done
sql "update wardesk.test_clock set clock_offset = '5 hours 30 min'" >/dev/null
check_exit "$AN ends the shift 30 minutes later" 0 wd_as "$AN" shift end
check_exit "stats (json) with the shift" 0 wd_as "$CH" stats --from "$(iso $((NOW - 600)))" --format json
check_eq "per officer on duty: $AN's shift time, takes, resolutions, first contact" "yes 4 4 yes" \
	"$(json_get "$OUT" '"".join([" ".join(["yes" if 1790 <= o["on_duty_secs"] <= 1900 else str(o["on_duty_secs"]),
	   str(o["taken"]), str(o["resolved"]), "yes" if o["first_contact_median_secs"] is not None else "no"])
	   for o in j["by_officer"] if o["login"] == "'"$AN"'"])')"
check_eq "... and the chair, never on duty, is not listed" "no" \
	"$(json_get "$OUT" '"yes" if "'"$CH"'" in [o["login"] for o in j["by_officer"]] else "no"')"
check_exit "stats (table) with the shift" 0 wd_as "$CH" stats --from "$(iso $((NOW - 600)))"
check_match "table: $AN on duty 0:30, 4 taken" "^$AN +0:3[01] +4 " "$OUT"
scores=(5 3 3 2)
for i in 0 1 2 3; do wd_as "$HL" rate "${refs[i]}" "${scores[i]}" >/dev/null || not_ok "setup: rate ${refs[i]}"; done
P=(--from "$(iso $((NOW - 600)))")
check_exit "stats (csv)" 0 env LANG=C.UTF-8 PGUSER="$CH" "$WD_BIN" stats "${P[@]}" --format csv
check_match "csv: HT's rating 3.25" '^category,HT,[^,]*,4,4,,4,1\.0000,[^,]*,,3\.25,' "$OUT"
check_exit "stats (table)" 0 env LANG=C.UTF-8 PGUSER="$CH" "$WD_BIN" stats "${P[@]}"
check_match "table: HT's rating 3.25, as the CSV says" '^HT .* 3\.25 ' "$OUT"

# --- simulate stamps app requests with the desk clock
before=$(sql "select coalesce(max(id), 0) from wardesk.cases")
check_exit "simulate 8 reports" 0 wd_as "$HL" simulate --rate 600/min --count 8 --seed 7 --quiet
check_eq "app requests and phone tickets alike received at the desk clock's now" \
	"app:0,hotline:0" \
	"$(sql "select string_agg(channel || ':' || count, ',' order by channel) from (
	          select channel, count(*) filter (where abs(extract(epoch from received_at - wardesk.now())) > 600)
	            from wardesk.cases where id > $before group by channel) x")"
