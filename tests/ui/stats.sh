#!/bin/bash
# stats.sh - the statistics screen (S): today's numbers are the numbers of
# `wardesk stats --format json` for the same data (received, resolved, open,
# on time, median, satisfaction, groups), sparklines and bars in the bar
# colour, w / m / d switch the period, it fits 80x24, a late case with its
# delay reason is listed.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
refs=()
for i in 1 2 3 4 5 6; do
	cat=MT; [ $((i % 3)) = 0 ] && cat=HT
	ch=walkin; [ $((i % 2)) = 0 ] && ch=hotline
	refs+=("$(report_as "$HL" --category $cat --text "Phản ánh số $i" --address "Nơ Trang Long" --channel $ch)")
done
for i in 0 1 2 3; do wd_as "$AN" take "${refs[$i]}" >/dev/null; done
for i in 0 1 2; do wd_as "$AN" close "${refs[$i]}" --note "Đã xử lý" --reason done >/dev/null; done
wd_as "$HL" rate "${refs[0]}" 5 >/dev/null 2>&1 || wd_as "$CHU" rate "${refs[0]}" 5 >/dev/null 2>&1
wd_as "$HL" rate "${refs[1]}" 4 >/dev/null 2>&1 || wd_as "$CHU" rate "${refs[1]}" 4 >/dev/null 2>&1

# The numbers of the CLI, for the same data.
check_exit "wardesk stats --format json" 0 wd_as "$CHU" stats --format json
J=$OUT
REC=$(json_get "$J" 'j["received"]')
RES=$(json_get "$J" 'j["resolved"]')
OPN=$(json_get "$J" 'j["open"]')
ONT=$(json_get "$J" 'j["on_time"]')
NR=$(json_get "$J" 'j["rating_count"]')
check_eq "the data: 6 received, 3 resolved" "6 3" "$REC $RES"

tm_wardesk "$CHU"
check_screen "chair's console is live" "live"
tm_send S
check_screen "S opens today's statistics" "Statistics: today \("
check_screen "received / resolved / open as the CLI says" "Cases +received $REC · resolved $RES · open $OPN"
check_screen "on time as the CLI says" "On time +$ONT/$RES \("
check_screen "median and 90th percentile" "Handling +median [0-9]+:[0-9]{2} · 90th percentile [0-9]+:[0-9]{2}"
if [ "$NR" -gt 0 ]; then
	AVG=$(json_get "$J" '"%.2f" % j["rating_avg"]')
	check_screen "satisfaction as the CLI says" "Satisfaction +$AVG of 5 \($NR ratings\)"
else
	check_screen "satisfaction: none yet" "Satisfaction +- \(no rating yet\)"
fi
check_screen "reopened / merged / closed in the app as the CLI says" \
	"Reopened +$(json_get "$J" '"%d" % j["reopened"]') \(.*\) · merged $(json_get "$J" 'j["merged"]') · closed in the app $(json_get "$J" 'j["closed_in_app"]')"
check_screen "first contact: median and 90th percentile" \
	"First contact +median [0-9]+:[0-9]{2} · 90th percentile [0-9]+:[0-9]{2}"
check_screen "load by hour of the day" "By hour 0-23h +[▁▂▃▄▅▆▇█ ]*[▁▂▃▄▅▆▇█]"
check_screen "per-hour sparklines" "Received +[▁▂▃▄▅▆▇█ ]*[▁▂▃▄▅▆▇█]"
check_screen "the first screen fits 80x24: by category starts" "By category"
if tm_capture_e | grep -q '█'; then ok "bars are drawn"; else not_ok "bars are drawn"; fi
# groups: MT has 4 received (i = 1 2 4 5), HT 2
tm_send PgDn
check_screen "by category: MT received 4 resolved as the CLI" \
	"^ MT .* +4 +$(json_get "$J" '[g["resolved"] for g in j["by_category"] if g["key"]=="MT"][0]') +"
check_screen "by channel lists walk-ins with the queue's word (desk)" "^ desk +3 "
check_screen "by officer lists an" "^ $AN .* +[0-9]+ +3 "
tm_send w
check_screen "w: the last 7 days" "Statistics: last 7 days"
check_screen "... same data" "received $REC · resolved $RES"
tm_send m
check_screen "m: the last 30 days" "Statistics: last 30 days"
tm_send d
check_screen "d: back to today" "Statistics: today"
check_nomatch "... from the top: by channel below the screen" "^ desk +3 " "$(tm_capture)"
tm_send Space
check_screen "Space pages down as PgDn does" "^ desk +3 "
tm_send Home

# live: a new report moves the count
report_as "$HL" --category MT --text "Thêm một phản ánh" --channel walkin >/dev/null
check_screen "live: received follows without a key press" "received $((REC + 1)) · resolved $RES" 5

# live: a reopen is counted
wd_as "$CHU" reopen "${refs[2]}" --note "Người dân báo chưa xong" >/dev/null
check_screen "live: the reopen is counted" "Reopened +1 \(" 5

# a late case with its delay reason
L=${refs[3]}
sql "update wardesk.cases set received_at = now() - interval '4 hours',
     deadline_at = now() - interval '2 hours' where ref = '$L'" >/dev/null
DR=$(wd delay-reasons --format tsv 2>/dev/null | awk -F'\t' 'NR>1 || $1 !~ /CODE|code/ {print $1; exit}')
wd_as "$AN" close "$L" --note "Đã xử lý muộn" --reason done --delay-reason "$DR" --apology-template >/dev/null 2>&1 ||
	wd_as "$AN" close "$L" --note "Đã xử lý muộn" --reason done --delay-reason "$DR" >/dev/null
check_screen "late cases are counted" "Late cases: [1-9]" 5
tm_send End
check_screen "... and listed with the delay reason" "^ $L .* $DR"
tm_resize 120 40
check_screen "a larger terminal shows more" "By officer"
