#!/bin/bash
# map.sh - the map on the console (issue 16 §2; src/screen_map.c): M in the
# queue opens it at 80x24: the open cases in Braille cells, a street with
# its name, the known cluster (three reports of the same category within
# 100 m, by phone and walk-in and import) listed beside the map with its
# cases and its number drawn by it; Enter shows the queue with only the
# cluster's cases, the cursor on its first case, not on a placeholder for
# the case it was on (Esc shows every case again); the chair's m asks, then
# merges the cluster into its earliest case; a duty officer's m is refused
# and merges nothing.  Under vi the screen speaks Vietnamese, a case in San
# Francisco is listed under the legend and not drawn, and the
# statistics (S) show the heat strip per category.  More clusters than fit
# beside the map scroll with the selection.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: officers"; exit 1; }
rep() {
	psql_as "$HL" -c "select ref from wardesk.report(p_category => '$1', p_description => 'Phản ánh $1 $2 $3',
		p_address => 'Xô Viết Nghệ Tĩnh', p_phone => '$5', p_name => 'Người báo $5', p_channel => '$4',
		p_lat => $2, p_lon => $3, p_priority => ${6:-null})"
}
braille() { printf '%s' "$1" | python3 -c 'import sys; print(sum(1 for c in sys.stdin.read() if 0x2801 <= ord(c) <= 0x28ff))'; }
K=$(rep HT 10.80550 106.71360 hotline 0903000003) &&
	D1=$(rep HT 10.80580 106.71390 walkin 0903000004) &&
	D2=$(rep HT 10.80520 106.71330 import 0903000005) &&
	FAR=$(rep HT 10.81200 106.70400 hotline 0903000006) &&
	URG=$(rep ANTT 10.79900 106.72000 hotline 0903000008 "'urgent'") || not_ok "setup: cases"
psql_as "$CH" -c "select wardesk.street_set('Bạch Đằng', '[[10.8027, 106.6990], [10.8030, 106.7112], [10.8040, 106.7200]]')" \
	>/dev/null || not_ok "setup: a street"

tm_wardesk "$O1"
check_screen "the officer's console is live" "$O1 .* live"
tm_send G   # the cursor on the last case, FAR: not in the cluster
tm_send M
check_screen "M opens the map" "^Map of $WD_WARD: 5 open cases by place"
check "... Braille cells for the cases" test "$(braille "$TM_SCREEN")" -ge 2
check_screen "... the urgent case as !" "!"
check_screen "... the street's name" "Bạch Đằng"
check_screen "... the cluster beside the map, its category in English" ">1 Infrastructure: 3 cases"
check_screen "... its cases, earliest first" " +$K $D1 $D2 *$"
check_screen "... its channels in the queue's words" " +phone, feed, desk *$"
check_eq "... its number drawn beside its cases" 1 \
	"$(printf '%s\n' "$TM_SCREEN" | python3 -c 'import sys,re; print(sum(1 for l in sys.stdin.read().split("\n")[1:22] if re.search("[\u2801-\u28ff]1|1[\u2801-\u28ff]", l[:49])))')"
check_screen "... the legend" "⣿ 4 on time \(0 due soon\)  × 0 overdue  ! 1 urgent  0 without coordinates"
check_eq "... at 80x24: the legend on line 22, above the footer" "80x24 legend" \
	"$(tm display-message -p -t main '#{pane_width}x#{pane_height}') $(printf '%s\n' "$TM_SCREEN" | sed -n 22p | grep -o legend || printf '%s\n' "$TM_SCREEN" | sed -n 22p | grep -q 'without coordinates' && echo legend)"
check_nomatch "... the officer's footer does not offer the chair's merge" "merge cluster" "$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)"
tm_send m
check_screen "a duty officer's m is refused" "merge cluster: only the ward chair can merge a cluster"
check_eq "... nothing merged" "new new new" "$(case_field "$K" state) $(case_field "$D1" state) $(case_field "$D2" state)"
tm_send Enter
check_screen "Enter shows the queue with only the cluster's cases" "cluster 1: Infrastructure, 3 cases from $K"
check_screen "... K" " $K "
check_screen "... D2" " $D2 "
check_nomatch "... not the case 700 m away" " $FAR " "$TM_SCREEN"
check_nomatch "... no placeholder for the case the cursor was on" "left this view" "$TM_SCREEN"
tm_send Enter
check_screen "... the cursor is on the cluster's first case: Enter opens K" "Phản ánh HT 10.80550 106.71360"
tm_send Escape
check_screen "... back in the cluster's queue" "cluster 1: Infrastructure, 3 cases from $K"
tm_send Escape
check_screen "Esc shows every case again" " $FAR "
tm_kill

tm_wardesk "$CH"
check_screen "the chair's console is live" "$CH .* live"
tm_send M
check_screen "the map" ">1 Infrastructure: 3 cases"
check_screen "... the chair's footer offers m" "m merge cluster"
tm_send m
check_screen "m asks first" "Merge cluster 1 into $K\? The other 2 cases are closed as its duplicates"
tm_send y
check_screen "the cluster is merged" "2 cases merged into $K"
check_screen "... no cluster is left on the map" "No clusters \(100 m, 24 h\)\."
check_eq "... the later two are duplicates of K" "duplicate duplicate" "$(case_field "$D1" close_reason) $(case_field "$D2" close_reason)"
check_screen "... the map shows the open cases left" "^Map of $WD_WARD: 3 open cases by place"
tm_kill

export LANG=C.UTF-8 LANGUAGE=vi
rep MT 10.80000 106.70000 hotline 0903000010 >/dev/null && rep MT 10.80010 106.70010 walkin 0903000011 >/dev/null ||
	not_ok "setup: a second cluster"
SF=$(rep KHAC 37.76524 -122.41965 hotline 0903000009) || not_ok "setup: a case in San Francisco"
tm_wardesk "$O1"
check_screen "vi: the console is live" "$O1 .* trực tuyến"
tm_send M
check_screen "vi: the map's title: the case in San Francisco is not among the cases by place" \
	"^Bản đồ $WD_WARD: 5 phản ánh đang mở theo vị trí"
check_screen "... nor does it stretch the map" "^Bản đồ $WD_WARD: .* [0-9]{1,2} m"
check_screen "... it is counted and listed apart, below the legend" "^1 phản ánh ngoài địa bàn phường: $SF *$"
check_eq "... at 80x24: the legend on line 21, the far case on 22" "không có tọa độ $SF" \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n 21p | grep -o 'không có tọa độ') $(printf '%s\n' "$TM_SCREEN" | sed -n 22p | grep -o "$SF")"
check_screen "vi: the cluster" ">1 Môi trường: 2 phản ánh"
check_screen "vi: the legend" "không có tọa độ"
tm_send Escape S
check_screen "vi: the statistics show the heat strip per category" "^ *Tiếp nhận theo giờ trong ngày, theo lĩnh vực \(0-23 giờ; █ = [0-9]+\)"
check_screen "... a strip of shades for Môi trường (2 cases at one hour: ▒ of 4)" "^ MT Môi trường +▒$"
tm_kill

# more clusters than fit beside the map: the list follows the selection
for k in 1 2 3 4 5; do
	rep CX "10.8$k" 106.71 hotline "09030011$k$k" >/dev/null && rep CX "10.8$k" 106.71005 walkin "09030022$k$k" >/dev/null ||
		not_ok "setup: cluster $k"
done
tm_wardesk "$O1"
tm_send M
check_screen "six clusters: the first ones listed" ">1 "
tm_send G
check_screen "G selects the sixth, shown beside the map" ">6 Cây xanh: 2 phản ánh"
check_nomatch "... the first scrolled away" "^.* [ >]1 Môi trường" "$TM_SCREEN"
tm_send g
check_screen "g brings back the first" ">1 "
tm_kill
