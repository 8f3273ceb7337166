#!/bin/bash
# map.sh - the map and its clusters (issue 16 §2; sql/code/58_map.sql,
# sql/migrations/022_map.sql): `wardesk map` draws the ward's open cases by
# place in Braille dots (overdue "×", urgent "!"), its streets with their
# names, and lists the clusters (the same category within 100 m, received
# in the last 24 h, from every channel) with their cases and oldest
# deadline; it fits 80x24 and speaks Vietnamese.  Cases without coordinates
# are counted apart, and so are cases outside the ward's area (a request
# placed in San Francisco: it neither stretches the map nor moves the area;
# with streets and without); channels in the queue's words; no trailing
# spaces.  A street name with a control or bidi character is refused
# (WD584).  Another ward's officer sees none of it.  Only the
# chair merges a cluster (`wardesk cluster merge`, also in psql), into its
# earliest case, every step audited; a cluster changed since it was seen is
# not merged; when the kept case is resolved every merged reporter is on
# the call-back list, and an app reporter merged into it gets the result in
# the export.  Only the chair sets the streets.  The 100 m bound holds at
# 95 and 105 m.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) &&
GV=$(mk_officer gv "Ngô Văn Gò" officer GV) || { not_ok "setup: officers"; exit 1; }
ok "setup: a hotline operator, an officer and the chair of BT, an officer of GV"

braille() { printf '%s' "$1" | python3 -c 'import sys; print(sum(1 for c in sys.stdin.read() if 0x2801 <= ord(c) <= 0x28ff))'; }
at() { sql "update wardesk.test_clock set clock_offset = timestamptz '$1' - pg_catalog.now()" >/dev/null; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
# rep CATEGORY LAT LON CHANNEL PHONE [PRIORITY]: a report with coordinates, as the hotline; prints its ref
rep() {
	psql_as "$HL" -c "select ref from wardesk.report(p_category => '$1', p_description => 'Phản ánh $1 $2 $3',
		p_address => 'Xô Viết Nghệ Tĩnh', p_phone => '$5', p_name => 'Người báo $5', p_channel => '$4',
		p_lat => $2, p_lon => $3, p_priority => ${6:-null}, p_callback => ${7:-false})"
}

at "2026-12-01 20:00+07"
OLD=$(rep HT 10.80560 106.71370 hotline 0903000001) || not_ok "setup: OLD"
at "2026-12-02 18:00+07"
LATE=$(rep MT 10.79500 106.70000 hotline 0903000002) || not_ok "setup: LATE (to be overdue)"
at "2026-12-02 21:00+07"
K=$(rep HT 10.80550 106.71360 hotline 0903000003) || not_ok "setup: K"
at "2026-12-02 21:10+07"
D1=$(rep HT 10.80580 106.71390 walkin 0903000004) || not_ok "setup: D1"
at "2026-12-02 21:20+07"
D2=$(rep HT 10.80520 106.71330 import 0903000005 null true) || not_ok "setup: D2"
FAR=$(rep HT 10.80900 106.71400 hotline 0903000006) || not_ok "setup: FAR (400 m north)"
OTHER=$(rep MT 10.80560 106.71370 hotline 0903000007) || not_ok "setup: OTHER (another category)"
URG=$(rep ANTT 10.81500 106.72000 hotline 0903000008 "'urgent'") || not_ok "setup: URG"
NOWHERE=$(report_as "$HL" --category KHAC --text "Mất giấy tờ" --address "Trụ sở UBND") || not_ok "setup: NOWHERE"
at "2026-12-02 21:30+07"

# ---------------------------------------------------------------- streets
check_exit "the chair sets a street (psql)" 0 psql_as "$CH" -c \
	"select wardesk.street_set('Xô Viết Nghệ Tĩnh', '[[10.7990, 106.7110], [10.8060, 106.7137], [10.8150, 106.7155]]')"
check_exit "... and another" 0 psql_as "$CH" -c \
	"select wardesk.street_set('Bạch Đằng', '[[10.8027, 106.6990], [10.8030, 106.7112], [10.8040, 106.7200]]')"
check_exit "... and one with wide characters in its name" 0 psql_as "$CH" -c \
	"select wardesk.street_set(E'Hẻm 東京 đỏ', '[[10.8100, 106.7000], [10.8100, 106.7100]]')"
for bad in '\x1b[31m' '\x07' '\u202e' '\x01' '\u2066' '\u009b' '\t' '\n'; do
	check_exit "a street name with a control or bidi character ($bad) is refused (psql)" 1 psql_as "$CH" -v VERBOSITY=verbose -c \
		"select wardesk.street_set(E'Hẻm ${bad}đỏ', '[[10.8100, 106.7000], [10.8100, 106.7100]]')"
	check_match "... WD584" "WD584: a street name may not hold control or bidi characters" "$ERR"
done
check_eq "... none of them stored" 0 "$(psql_as postgres -c "select count(*) from wardesk.ward_streets where name like 'Hẻm%' and name <> 'Hẻm 東京 đỏ'")"
check_exit "a duty officer may not set streets (psql)" 1 psql_as "$O1" -c \
	"select wardesk.street_set('Lối tắt', '[[10.80, 106.70], [10.81, 106.71]]')"
check_match "... WD603" "a duty officer cannot set the ward's streets" "$ERR"
check_exit "a street of one point is refused" 1 psql_as "$CH" -c "select wardesk.street_set('Ngõ', '[[10.80, 106.70]]')"
check_match "... WD581" "its points must be 2 to 64" "$ERR"
check_eq "the officer of GV sees no street of BT (row-level security)" 0 \
	"$(psql_as "$GV" -c "select jsonb_array_length(wardesk.map_doc() -> 'streets')")"

# ---------------------------------------------------------------- clusters
check_eq "one cluster: the three HT cases within 100 m of the last 24 h, earliest first" \
	"$K|HT|3|{$K,$D1,$D2}|{hotline,import,walkin}" \
	"$(psql_as "$O1" -c "select key, category, n, refs, channels from wardesk.clusters()")"
check_eq "... its oldest deadline is K's" \
	"$(psql_as "$O1" -c "select deadline_at from wardesk.case_list where ref = '$K'")" \
	"$(psql_as "$O1" -c "select oldest_deadline from wardesk.clusters()")"
check_eq "the officer of GV sees no cluster and no case of BT" "0|0|0" \
	"$(psql_as "$GV" -c "select (select count(*) from wardesk.clusters()), jsonb_array_length(wardesk.map_doc() -> 'points'), wardesk.map_doc() -> 'no_coords'")"

# ---------------------------------------------------------------- wardesk map
check_exit "wardesk map --format text at 80x24" 0 env LANG=C.UTF-8 PGUSER="$O1" "$WD_BIN" map --format text --width 80 --height 24
MAP=$OUT
check "... fits 24 lines" test "$(printf '%s\n' "$MAP" | wc -l)" -le 24
check_eq "... no line is wider than 80 columns" "" \
	"$(printf '%s\n' "$MAP" | python3 -c 'import sys,unicodedata
for l in sys.stdin.read().split("\n"):
    w=sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l)
    if w>80: print(w, l)')"
check_eq "... no escape character and no bidi control reaches the terminal" "" \
	"$(printf '%s' "$MAP" | python3 -c 'import sys; print("".join(c for c in sys.stdin.read() if c in "\x1b\u202e"))')"
check_match "... the hostile name drawn as ASCII, one column a cell" "Hem \?\?.*do" "$MAP"
check_match "... the title names the ward and the open cases by place" "^Map of $WD_WARD: 8 open cases by place" "$MAP"
check "... Braille cells for the cases (U+2801-U+28FF)" test "$(braille "$MAP")" -ge 1
check_match "... the overdue case as ×" "×" "$MAP"
check_match "... the urgent case as !" "!" "$MAP"
check_match "... the street's name along it" "Xô Viết Nghệ Tĩnh" "$MAP"
check_match "... the cluster listed beside the map, its category in English" ".  1 Infrastructure: 3 cases\$" "$MAP"
check_match "... with its cases, earliest first" "^.*  +$K $D1 $D2\$" "$MAP"
check_match "... its channels in the queue's words" "^.*  +phone, feed, desk\$" "$MAP"
check_eq "... no line ends in a space" "" "$(printf '%s\n' "$MAP" | grep -n ' $')"
check_match "... its oldest deadline (K's)" "^.*  +oldest due 02/12 23:00\$" "$MAP"
check_match "... the legend counts by kind and the cases without coordinates" \
	"⣿ 5 on time \(0 due soon\)  × 2 overdue  ! 1 urgent  1 without coordinates" "$MAP"
check_eq "... the cluster's number beside its cases on the map" 1 \
	"$(printf '%s\n' "$MAP" | python3 -c 'import sys,re; print(sum(1 for l in sys.stdin.read().split("\n")[1:] if re.search("[\u2801-\u28ff\u00d7]1|1[\u2801-\u28ff\u00d7]", l[:50])))')"
check_exit "wardesk map without a UTF-8 locale" 0 env LANG=C LC_ALL=C PGUSER="$O1" "$WD_BIN" map --width 80 --height 24
check_eq "... ASCII only" "" "$(printf '%s' "$OUT" | LC_ALL=C tr -d '\n -~')"
check_match "... cases as o, overdue as x, the street's name without marks" "Xo Viet Nghe Tinh" "$OUT"
check_match "... the legend in ASCII" "o 5 on time \(0 due soon\)  x 2 overdue  ! 1 urgent" "$OUT"
check_exit "wardesk map --format json" 0 wd_as "$O1" map --format json
check_eq "... the cluster and the point count" "$K 3 8 1" \
	"$(json_get "$OUT" '"%s %s %s %s" % (j["clusters"][0]["key"], j["clusters"][0]["count"], len(j["points"]), j["no_coords"])')"
check_exit "wardesk map in Vietnamese" 0 env LANG=C.UTF-8 LANGUAGE=vi PGUSER="$O1" "$WD_BIN" map --width 80 --height 24
check_match "... the cluster in Vietnamese" "1 Hạ tầng: 3 phản ánh" "$OUT"
check_match "... the legend in Vietnamese" "không có tọa độ" "$OUT"
check_match "... the cluster's channels in Vietnamese" "^.*  +ĐT, nhập, quầy\$" "$OUT"

# ---------------------------------------------------------------- a case far outside the ward
# a request placed in San Francisco (the Open311 spec's example): it neither
# stretches the map nor moves the ward's area; it is counted and listed apart
SF=$(rep KHAC 37.76524 -122.41965 hotline 0903000009) || not_ok "setup: SF"
check_exit "wardesk map with a case 13,000 km away" 0 env LANG=C.UTF-8 PGUSER="$O1" "$WD_BIN" map --width 80 --height 24
check_match "... the same 8 cases by place, at the same scale (the streets' area)" \
	"^Map of $WD_WARD: 8 open cases by place; one cell is about [0-9]{1,2} m across\$" "$OUT"
check "... fits 24 lines" test "$(printf '%s\n' "$OUT" | wc -l)" -le 24
check_match "... the legend as before" "⣿ 5 on time \(0 due soon\)  × 2 overdue  ! 1 urgent  1 without coordinates" "$OUT"
check_match "... the far case counted and listed apart" "^1 case outside the ward's area: $SF\$" "$OUT"
check_eq "... no line ends in a space" "" "$(printf '%s\n' "$OUT" | grep -n ' $')"
check_exit "wardesk map --format json" 0 wd_as "$O1" map --format json
check_eq "... lists it under outside, not under points" "8 $SF" \
	"$(json_get "$OUT" '"%s %s" % (len(j["points"]), " ".join(p["ref"] for p in j["outside"]))')"
check_exit "... in Vietnamese" 0 env LANG=C.UTF-8 LANGUAGE=vi PGUSER="$O1" "$WD_BIN" map --width 80 --height 24
check_match "... (vi)" "^1 phản ánh ngoài địa bàn phường: $SF\$" "$OUT"
check_exit "... and in ASCII" 0 env LANG=C LC_ALL=C PGUSER="$O1" "$WD_BIN" map --width 80 --height 24
check_match "... (ASCII)" "^1 case outside the ward's area: $SF\$" "$OUT"
# a ward without streets: its area is its cases within 5 km of their median
GH=$(mk_officer gh "Lê Thị Gò" hotline GV) || not_ok "setup: a hotline operator of GV"
for i in 1 2 3; do
	psql_as "$GH" -c "select ref from wardesk.report(p_category => 'MT', p_description => 'Rác $i', p_address => 'Quang Trung',
		p_phone => '090300010$i', p_name => 'Người báo', p_channel => 'hotline', p_lat => 10.83$i, p_lon => 106.66$i)" >/dev/null ||
		not_ok "setup: GV case $i"
done
GSF=$(psql_as "$GH" -c "select ref from wardesk.report(p_category => 'MT', p_description => 'Xa', p_address => 'Xa',
	p_phone => '0903000109', p_name => 'Người báo', p_channel => 'hotline', p_lat => 37.76524, p_lon => -122.41965)") ||
	not_ok "setup: GV far case"
check_exit "a ward without streets: wardesk map" 0 env LANG=C.UTF-8 PGUSER="$GV" "$WD_BIN" map --width 80 --height 24
check_match "... its three cases by place, a few metres a cell" \
	"^Map of GV: 3 open cases by place; one cell is about [0-9]{1,3} m across\$" "$OUT"
check_match "... the far one apart" "^1 case outside the ward's area: $GSF\$" "$OUT"

# ---------------------------------------------------------------- merging a cluster
check_exit "a duty officer may not merge a cluster" 1 wd_as "$O1" cluster merge "$D1"
check_match "... told why" "a duty officer cannot merge a cluster" "$ERR"
check_exit "... nor in psql" 1 psql_as "$O1" -c "select * from wardesk.cluster_merge('$D1')"
check_match "... WD603" "a duty officer cannot merge a cluster" "$ERR"
check_exit "... refused in Vietnamese" 1 env LANGUAGE=vi PGUSER="$O1" "$WD_BIN" cluster merge "$D1"
check_match "... (vi)" "không được gộp cụm" "$ERR"
check_exit "a case in no cluster" 1 wd_as "$CH" cluster merge "$FAR"
check_match "... WD350" "$FAR is in no cluster" "$ERR"
check_exit "a cluster that changed since it was seen is not merged" 1 wd_as "$CH" cluster merge "$D1" --seen 2
check_match "... WD351" "it has 3 cases now, you saw 2" "$ERR"
check_eq "... nothing merged" "new new new" "$(case_field "$K" state) $(case_field "$D1" state) $(case_field "$D2" state)"
check_exit "the chair merges the cluster in one step" 0 wd_as "$CH" cluster merge "$D1" --seen 3 --note "Cùng điểm ngập"
check_match "... into the earliest case" "^2 cases merged into $K\$" "$OUT"
check_eq "... the later two are closed as its duplicates" "duplicate $K duplicate $K" \
	"$(psql_as postgres -c "select string_agg(c.close_reason || ' ' || k.ref, ' ' order by c.id) from wardesk.cases c join wardesk.cases k on k.id = c.duplicate_of where c.ref in ('$D1', '$D2')")"
check_eq "... each merge is in the kept case's history" "2" \
	"$(psql_as postgres -c "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$K' and e.action = 'merge'")"
check_eq "... and the take and close in each duplicate's, by the chair" "4" \
	"$(psql_as postgres -c "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref in ('$D1', '$D2') and e.action in ('take', 'close') and e.actor = '$CH'")"
check_exit "... the audit chain verifies" 0 wd_as "$CH" audit verify
check_eq "no cluster is left" 0 "$(psql_as "$O1" -c "select count(*) from wardesk.clusters()")"
check_exit "the kept case is resolved" 0 sh -c "PGUSER=$O1 $WD_BIN take $K >/dev/null && PGUSER=$O1 $WD_BIN close $K --note 'Đã thông cống' >/dev/null"
check_eq "... every reporter of every merged case is on the call-back list" "$K $K
$K $D1
$K $D2" "$(wd_as "$HL" callbacks --format json >"$WD_TMP/cb.json" &&
	json_get "$(cat "$WD_TMP/cb.json")" '"\n".join("%s %s" % (r["ref"], r["reporter"]) for r in j)')"

# ---------------------------------------------------------------- 100 m exactly
# two pairs far from the rest, each across a grid line of the cluster search:
# 95 m apart (a cluster) and 105 m apart (not); 1 m of longitude here is
# 1 / (6371008.8 * pi / 180 * cos(10.82 degrees)) degrees
near=$(python3 -c 'import math; print(95 / (6371008.8 * math.pi / 180 * math.cos(math.radians(10.82))))')
far=$(python3 -c 'import math; print(105 / (6371008.8 * math.pi / 180 * math.cos(math.radians(10.82))))')
C1=$(rep CX 10.82 106.69999 hotline 0903000021) && C2=$(rep CX 10.82 "$(python3 -c "print(106.69999 + $near)")" hotline 0903000022) &&
	A1=$(rep ATGT 10.82 106.69999 hotline 0903000023) && A2=$(rep ATGT 10.82 "$(python3 -c "print(106.69999 + $far)")" hotline 0903000024) ||
	not_ok "setup: the pairs"
check_eq "cases 95 m apart are a cluster, 105 m apart are not" "$C1 {$C1,$C2}" \
	"$(psql_as "$O1" -c "select key || ' ' || refs::text from wardesk.clusters()")"
check_eq "... as distance_m measures them" "95 105" \
	"$(psql_as postgres -c "select string_agg(round(wardesk.distance_m(a.lat, a.lon, b.lat, b.lon))::text, ' ' order by a.id) from wardesk.cases a join wardesk.cases b on b.category = a.category and b.id > a.id where a.ref in ('$C1', '$A1')")"

# ---------------------------------------------------------------- a cluster with an app report
# a phone report and, ten minutes later, the citizen app's report of the same
# thing: the chair merges the cluster (the app's case into the phone case);
# when that is resolved, the app's reporter gets the result in the export
H1=$(rep MT 10.79000 106.73000 hotline 0903000031) || not_ok "setup: H1"
at "2026-12-02 21:40+07"
printf '[{"service_request_id": "APP-MAP-1", "service_code": "MT", "status": "open", "lat": 10.79004, "long": 106.73004,
  "description": "Rác ùn ứ trước chợ", "requested_datetime": "2026-12-02T14:40:00Z"}]\n' >"$WD_TMP/feed.json"
check_exit "setup: the app's report comes in through the feed" 0 wd_as "$HL" import "$WD_TMP/feed.json"
APP=$(psql_as postgres -c "select ref from wardesk.cases where external_id = 'APP-MAP-1'")
check_eq "... it is in H1's cluster, from both channels" "$H1 {$H1,$APP} {app,hotline}" \
	"$(psql_as "$O1" -c "select key || ' ' || refs::text || ' ' || channels::text from wardesk.clusters() where key = '$H1'")"
check_exit "the chair merges that cluster" 0 wd_as "$CH" cluster merge "$APP"
check_match "... into the phone case" "^1 case merged into $H1\$" "$OUT"
check_exit "the phone case is resolved" 0 sh -c "PGUSER=$O1 $WD_BIN take $H1 >/dev/null && PGUSER=$O1 $WD_BIN close $H1 --note 'Đã dọn rác trước chợ' >/dev/null"
check_exit "the export" 0 wd_as "$CH" export "$WD_TMP/out.json"
check_eq "... gives the app's reporter the result of the case it was merged into" "closed|Đã dọn rác trước chợ" \
	"$(json_get "$(cat "$WD_TMP/out.json")" '"|".join("%s|%s" % (r["status"], r["status_notes"]) for r in j if r["service_request_id"] == "APP-MAP-1")')"
