#!/bin/bash
# stats_heat.sh - the heat strip of the statistics (issue 16 §2;
# wardesk.stats() in sql/code/80_stats.sql): per category received in the
# period, its cases received per local hour of the day (Asia/Ho_Chi_Minh),
# in `wardesk stats` as a strip of shades ░▒▓█ (the busiest hour of any
# category the darkest), as CSV rows (section category_hour, key the
# category, name the hour) and in the JSON document ("heat"); a category
# with nothing received has no strip; the other figures stay as they were.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: officers"; exit 1; }
at() { sql "update wardesk.test_clock set clock_offset = timestamptz '$1' - pg_catalog.now()" >/dev/null; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
rep() { at "$1"; report_as "$HL" --category "$2" --text "Phản ánh $2 lúc $1" --address "1 Lê Lợi" >/dev/null ||
	not_ok "setup: $2 at $1"; }
# in the order of the categories: MT, then HT. HT: four at 07h, one at 08h, two at 21h; MT: one at 07h
for m in 01 10 20 30; do rep "2026-12-02 07:$m+07" HT; done
rep "2026-12-02 08:15+07" HT
rep "2026-12-02 07:45+07" MT
rep "2026-12-02 21:05+07" HT
rep "2026-12-02 21:40+07" HT
at "2026-12-02 23:00+07"
FROM=2026-12-02T00:00+07:00

check_exit "stats --format json" 0 wd_as "$CH" stats --from "$FROM" --format json
check_eq "... heat: HT and MT only, received per local hour" \
	"MT 1 at 7; HT 4,1,2 at 7,8,21" \
	"$(json_get "$OUT" '"; ".join("%s %s at %s" % (c["code"], ",".join(str(n) for n in c["hours"] if n), ",".join(str(h) for h, n in enumerate(c["hours"]) if n)) for c in j["heat"])')"
check_eq "... 24 hours each" "24 24" "$(json_get "$OUT" '" ".join(str(len(c["hours"])) for c in j["heat"])')"
check_eq "... the other figures unchanged: received 8, by hour of day 07h 5" "8 5" \
	"$(json_get "$OUT" '"%s %s" % (j["received"], j["by_hour_of_day"][7]["received"])')"

check_exit "stats (text)" 0 env LANG=C.UTF-8 PGUSER="$CH" "$WD_BIN" stats --from "$FROM"
check_match "... the heat strip's title, with what the darkest shade means" \
	"^Received by hour of the day, per category \(0-23h; █ = 4\)$" "$OUT"
# 24 cells: 00-06 blank, 07 █ (4), 08 ░ (1), 09-20 blank, 21 ▒ (2), 22-23 blank
check_match "... Hạ tầng's strip: 07h darkest, 08h lightest, 21h half" \
	"^Hạ tầng +\|       █░            ▒  \| 7$" "$OUT"
check_match "... Môi trường's strip: one case at 07h, the lightest" \
	"^Môi trường +\|       ░                \| 1$" "$OUT"
check_nomatch "... no strip for a category with nothing received" "^An ninh trật tự +\|" "$OUT"

check_exit "stats --format csv" 0 wd_as "$CH" stats --from "$FROM" --format csv
check_match "... a row per category and hour: HT at 07h received 4" "^category_hour,HT,07,4," "$OUT"
check_match "... HT at 21h received 2" "^category_hour,HT,21,2," "$OUT"
check_match "... MT at 08h received 0" "^category_hour,MT,08,0," "$OUT"
check_eq "... 48 rows (two categories, 24 hours)" 48 "$(printf '%s\n' "$OUT" | grep -c '^category_hour,')"
check_match "... the header is unchanged" "^section,key,name,received,resolved,open,on_time,on_time_rate,median_min,p90_min,rating_avg,rating_count,delay_min,merged,reopened,closed_in_app,first_contact_median_min,first_contact_p90_min,taken,on_duty_min$" "$OUT"

check_exit "stats in Vietnamese" 0 env LANG=C.UTF-8 LANGUAGE=vi PGUSER="$CH" "$WD_BIN" stats --from "$FROM"
check_match "... the strip's title in Vietnamese" "^Tiếp nhận theo giờ trong ngày, theo lĩnh vực \(0-23 giờ; █ = 4\)$" "$OUT"
