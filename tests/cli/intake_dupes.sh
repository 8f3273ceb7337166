#!/bin/bash
# intake_dupes.sh - likely duplicates flagged at intake (same category, within
# 50 m or the same normalised address, within 24 h), `wardesk dupes`,
# `wardesk merge` through the state machine, and the merged reporters getting
# the result on export.
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

flags() { psql_as postgres -v r="$1" <<<"select flags from wardesk.cases where ref = :'r'"; }
ref_of() { psql_as postgres -v x="$1" <<<"select ref from wardesk.cases where external_id = :'x'"; }
now_iso() { date -d "${1:-now}" +%Y-%m-%dT%H:%M:%S%:z; }

# --- same address (diacritics, case and spacing aside)
A=$(report_as "$HL" --category MT --text "Rác thải đổ bừa bãi đầu hẻm" \
	--address "Hẻm 45 Nơ Trang Long, Phường Bình Thạnh" --phone 0909123456 --name "Võ Văn Tâm")
check_eq "the first report has no flags" "{}" "$(flags "$A")"
addr_nfd=$("$WD_PY" -c 'import unicodedata; print(unicodedata.normalize("NFD", "hẻm 45  nơ trang long ,  phường Bình Thạnh"))')
B=$(report_as "$HL" --category MT --text "Rác bốc mùi ở hẻm 45" --address "$addr_nfd" \
	--phone "0912 345 678" --name "Phạm Thị Hoa")
check_eq "the same address (NFD, other case and spacing) is flagged" "{likely_duplicate:$A}" "$(flags "$B")"
C=$(report_as "$HL" --category TTDT --text "Lấn chiếm vỉa hè" --address "Hẻm 45 Nơ Trang Long, Phường Bình Thạnh")
check_eq "another category at the same address is not" "{}" "$(flags "$C")"
D=$(report_as "$HL" --category MT --text "Rác ở chỗ khác" --address "Hẻm 46 Nơ Trang Long, Phường Bình Thạnh")
check_eq "another address is not" "{}" "$(flags "$D")"

# --- the same address with or without its ward, district or city
# (38_address_key.sql): ", Phường …", ", P. …", ", Quận …", ", TP …",
# ", Thành phố …", NFC or NFD, with or without diacritics
key() { psql_as postgres -v a="$1" <<<"select wardesk.address_key(:'a')"; }
nfd() { "$WD_PY" -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]))' "$1"; }
for a in "36 Ung Văn Khiêm, Phường Bình Thạnh" "36 Ung Văn Khiêm, P. 25" "36 Ung Văn Khiêm, P.25" \
	"36 Ung Văn Khiêm, Quận Bình Thạnh" "36 Ung Văn Khiêm, Q. Bình Thạnh, TP HCM" \
	"36 Ung Văn Khiêm, TP. Hồ Chí Minh" "36 Ung Văn Khiêm, Thành phố Hồ Chí Minh" \
	"36 Ung Văn Khiêm - Phường 25" "36 ung van khiem, phuong Binh Thanh" \
	"$(nfd "36 Ung Văn Khiêm, Phường Bình Thạnh, Thành phố Hồ Chí Minh")"; do
	check_eq "address key: '$a' is '36 Ung Văn Khiêm'" "36 ung van khiem" "$(key "$a")"
done
check_eq "... a street named like a tail stays (Quang Trung)" "12 quang trung" "$(key "12 Quang Trung, Phường 10")"
check_eq "... (Phan Xích Long)" "hem 3,phan xich long" "$(key "Hẻm 3, Phan Xích Long, P.2")"
check_eq "... (Thành Thái)" "8 thanh thai" "$(key "8 Thành Thái, Quận 10")"
check_eq "... a ward alone is no address" "" "$(key ", Phường Bình Thạnh")"
U1=$(report_as "$HL" --category HT --text "Đèn đường tắt" --address "36 Ung Văn Khiêm")
U2=$(report_as "$HL" --category HT --text "Đèn đường không sáng" \
	--address "36 Ung Văn Khiêm, Phường Bình Thạnh")
check_eq "a report with the ward's name is flagged as the one without" "{likely_duplicate:$U1}" "$(flags "$U2")"

# --- coordinates within 50 m (app feed)
cat >"$WD_TMP/near.json" <<EOF
[{"service_request_id": "N-1", "service_code": "HT", "description": "Ổ gà lớn giữa đường Bình Quới",
  "requested_datetime": "$(now_iso '-30 min')", "lat": 10.82000, "long": 106.72700},
 {"service_request_id": "N-2", "service_code": "HT", "description": "Đường Bình Quới có ổ gà sâu",
  "requested_datetime": "$(now_iso '-20 min')", "lat": 10.82020, "long": 106.72710},
 {"service_request_id": "N-3", "service_code": "HT", "description": "Ổ gà cách 200 m",
  "requested_datetime": "$(now_iso '-10 min')", "lat": 10.82180, "long": 106.72700},
 {"service_request_id": "N-4", "service_code": "HT", "description": "Ổ gà hôm kia",
  "requested_datetime": "$(now_iso '-30 hours')", "lat": 10.82000, "long": 106.72700}]
EOF
check_exit "import four pothole reports" 0 wd_as "$HL" import "$WD_TMP/near.json"
check_match "one flagged" '^4 new, 0 already imported, 1 flagged$' "$OUT"
N1=$(ref_of N-1) N2=$(ref_of N-2) N3=$(ref_of N-3) N4=$(ref_of N-4)
check_match "... as a likely duplicate" "^  $N2 \(N-2\): likely duplicate of $N1\$" "$OUT"
check_eq "25 m away within 24 h: flagged" "{likely_duplicate:$N1}" "$(flags "$N2")"
check_eq "200 m away: not flagged" "{}" "$(flags "$N3")"
check_eq "more than 24 h before: not flagged" "{}" "$(flags "$N4")"

# --- wardesk dupes
check_exit "dupes of the first app report" 0 wd_as "$AN" dupes "$N1"
check_match "lists the near one with its distance" "^$N2 +new .* 2[0-9] m" "$OUT"
check_nomatch "not the far one" "^$N3 " "$OUT"
check_exit "dupes --format json" 0 wd_as "$AN" dupes "$A" --format json
check_eq "json: the same-address case" "$B|True" "$(json_get "$OUT" 'j[0]["ref"] + "|" + str(j[0]["same_address"])')"
check_exit "dupes of a case with none" 0 wd_as "$AN" dupes "$N3"
check_match "... says so" "no likely duplicates" "$OUT"
check_exit "dupes of a missing case (exit 1)" 1 wd_as "$AN" dupes BT-9999

# --- merge a new case: taken on the actor's behalf, closed as duplicate, audited
check_exit "merge B into A" 0 wd_as "$AN" merge "$B" "$A" --note "Trùng phản ánh $A, cùng điểm rác"
check_eq "B resolved as a duplicate of A" "resolved|duplicate|$A|$AN|Trùng phản ánh $A, cùng điểm rác" \
	"$(sql "select concat_ws('|', c.state, c.close_reason, d.ref, c.owner, c.resolution_note) from wardesk.cases c join wardesk.cases d on d.id = c.duplicate_of where c.ref = '$B'")"
check_eq "B's history: report, take, close" "report,take,close" \
	"$(sql "select string_agg(action, ',' order by e.id) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$B'")"
check_eq "A's history gains a merge event by an" "merge|$AN" \
	"$(sql "select e.action || '|' || e.actor from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$A' order by e.id desc limit 1")"
check_eq "B's reporter kept on A" "Phạm Thị Hoa|0912345678|$B" \
	"$(sql "select concat_ws('|', r.reporter_name, r.reporter_phone, f.ref) from wardesk.case_reporters r join wardesk.cases c on c.id = r.case_id join wardesk.cases f on f.id = r.from_case_id where c.ref = '$A'")"
check_exit "show A" 0 wd_as "$AN" show "$A"
check_match "show lists the other reporter" "^Also reported: Phạm Thị Hoa, 0912 345 678 \(merged from $B\)" "$OUT"
check_exit "show A --format json" 0 wd_as "$AN" show "$A" --format json
check_eq "json other_reporters" "$B" "$(json_get "$OUT" 'j["other_reporters"][0]["merged_from"]')"

# --- refusals
check_exit "merge into itself is bad input (exit 2)" 2 wd_as "$AN" merge "$A" "$A"
check_exit "merging a resolved case is refused (exit 1)" 1 wd_as "$AN" merge "$B" "$A"
check_exit "merging into a duplicate is refused (exit 1)" 1 wd_as "$AN" merge "$D" "$B"
check_match "... pointing at the surviving case" "merge into that one" "$ERR"
check_exit "a hotline operator cannot merge (exit 1)" 1 wd_as "$HL" merge "$D" "$A"
check_exit "binh takes D" 0 wd_as "$BINH" take "$D"
check_exit "an cannot merge a case binh holds (exit 1)" 1 wd_as "$AN" merge "$D" "$A"
check_exit "merge of a missing case (exit 1)" 1 wd_as "$AN" merge BT-9999 "$A"
check_exit "merge without INTO is usage (exit 2)" 2 wd_as "$AN" merge "$D"

# --- merged app reporters get the result on export
check_exit "merge N2 into N1" 0 wd_as "$AN" merge "$N2" "$N1"
check_eq "the merge drops N1's own likely-duplicate mark of N2" "{}" "$(flags "$N1")"
check_exit "show N1" 0 wd_as "$AN" show "$N1"
check_match "... names N2's app reporter (no name) by the app's id, without a '-'" \
	"^Also reported: app N-2 \(merged from $N2\)\$" "$OUT"
check_exit "export" 0 wd_as "$AN" export
check_eq "N2 exported open while N1 is open" "open|None" \
	"$(json_get "$OUT" '[x["status"] + "|" + str(x["status_notes"]) for x in j if x["service_request_id"] == "N-2"][0]')"
check_exit "take N1" 0 wd_as "$AN" take "$N1"
check_exit "close N1" 0 wd_as "$AN" close "$N1" --note "Đã vá ổ gà trên đường Bình Quới."
check_exit "export again" 0 wd_as "$AN" export
check_eq "N1 closed with its note" "closed|Đã vá ổ gà trên đường Bình Quới." \
	"$(json_get "$OUT" '[x["status"] + "|" + x["status_notes"] for x in j if x["service_request_id"] == "N-1"][0]')"
check_eq "N2 (merged) closed with N1's note" "closed|Đã vá ổ gà trên đường Bình Quới." \
	"$(json_get "$OUT" '[x["status"] + "|" + x["status_notes"] for x in j if x["service_request_id"] == "N-2"][0]')"

# --- a repeat caller linked to an open case (the console's phone form uses this)
check_eq "add_reporter through SQL" "reporter" \
	"$(psql_as "$HL" -c "select 1 from wardesk.add_reporter('$A', 'Ngô Thị Hằng', '+84 90 111 2233', 'gọi lần 2')" >/dev/null &&
	   sql "select e.action from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$A' order by e.id desc limit 1")"
check_eq "cases of a phone number include linked callers" "1" \
	"$(sql "select count(*) from wardesk.case_reporters where reporter_phone = '0901112233'")"
check_exit "add_reporter with a bad phone is refused" 1 psql_as "$HL" -c "select wardesk.add_reporter('$A', 'X', '123')"
