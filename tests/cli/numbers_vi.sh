#!/bin/bash
# numbers_vi.sh - numbers for people follow the user's locale, numbers for
# machines never: under vi_VN.UTF-8 the on-time rate and the satisfaction
# average print with a decimal comma ("66,7%", "4,50") in `wardesk stats`,
# `wardesk board` and the console's statistics screen; --format csv/json keep
# the point.  Counts take the plural the catalog gives (ngettext): "1 case
# reassigned" / "2 cases reassigned".
. "$(dirname "$0")/../lib.sh"
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' ||
	skip_all "locale vi_VN.UTF-8 is not generated (tools/deps.sh makes it)"
VI=vi_VN.UTF-8
vi() { local who=$1; shift; run env PGUSER="$who" LANG=$VI "$WD_BIN" "$@" </dev/null; }
en() { local who=$1; shift; run env PGUSER="$who" LANG=C.UTF-8 "$WD_BIN" "$@" </dev/null; }

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
now=$(date +%s)
refs=()
for ago in 300 20 10; do   # minutes ago: the first one is late when closed now
	t=$(date -d "@$((now - ago * 60))" +%Y-%m-%dT%H:%M:%S%:z)
	refs+=("$(report_as "$HL" --category MT --channel hotline --received "$t" --text "Rác $ago")")
done
fails=0
for r in "${refs[@]}"; do
	wd_as "$AN" take "$r" >/dev/null 2>&1
	wd_as "$AN" close "$r" --note "Đã xử lý" >/dev/null 2>&1 ||
		wd_as "$AN" close "$r" --note "Đã xử lý" --delay-reason BUSY >/dev/null 2>&1 ||
		fails=$((fails + 1))
done
check_eq "setup: three cases closed, one late" "0 3" "$fails $(sql "select count(*) from wardesk.cases where state = 'resolved'")"
sql "update wardesk.cases set rating = 5 where ref = '${refs[0]}';
     update wardesk.cases set rating = 4 where ref = '${refs[1]}'" >/dev/null

vi "$CHU" stats
check_match "vi: stats prints the on-time rate with a decimal comma" "2/3 \(66,7%\)" "$OUT"
check_match "vi: ... and the satisfaction average" "4,50 \(2\)" "$OUT"
check_nomatch "vi: ... no decimal point in a rate" "[0-9]\.[0-9]%" "$OUT"
en "$CHU" stats
check_match "en: stats keeps the point" "2/3 \(66\.7%\)" "$OUT"
check_match "en: ... and for the average" "4\.50 \(2\)" "$OUT"
vi "$CHU" stats --format csv
check_match "vi: csv keeps the point" "^total,,,[0-9]+,3,.*,0\.6667,.*,4\.50," "$OUT"
check_nomatch "vi: ... no comma inside a number" "[0-9],[0-9]{2,}\b.*66,7" "$OUT"
vi "$CHU" stats --format json
check_match "vi: json keeps the point" '4\.5' "$OUT"
vi "$CHU" board
check_match "vi: board's on-time rate with a comma" "66,7%" "$OUT"

# ngettext: one case / two cases
wd_as "$BINH" take "$(report_as "$HL" --category MT --text "Một")" >/dev/null 2>&1
en "$CHU" reassign "$BINH" "$AN"
check_match "en: one case reassigned (singular)" "^1 case reassigned$" "$OUT"
wd_as "$BINH" take "$(report_as "$HL" --category MT --text "Hai")" >/dev/null 2>&1
wd_as "$BINH" take "$(report_as "$HL" --category MT --text "Ba")" >/dev/null 2>&1
en "$CHU" reassign "$BINH" "$AN"
check_match "en: two cases reassigned (plural)" "^2 cases reassigned$" "$OUT"
wd_as "$BINH" take "$(report_as "$HL" --category MT --text "Bốn")" >/dev/null 2>&1
vi "$CHU" reassign "$BINH" "$AN"
check_match "vi: the catalog's one form" "^đã giao lại 1 vụ việc$" "$OUT"

# the console's statistics screen
command -v tmux >/dev/null || { skip "console: tmux is not installed"; exit 0; }
export LANG=$VI
tm_wardesk "$CHU"
check_screen "vi console: live" "$CHU .* trực tuyến"
tm_send S
check_screen "vi console: the statistics screen's on-time rate with a comma" "2/3 \(66,7%\)"
check_screen "vi console: ... and satisfaction" "4,50/5 \(2 lượt đánh giá\)"
tm_kill
