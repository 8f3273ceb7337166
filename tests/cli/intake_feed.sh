#!/bin/bash
# intake_feed.sh - the citizen-app feed: `wardesk import` (Open311 GeoReport
# v2, idempotent, all or nothing, NFD -> NFC, unknown codes flagged),
# `wardesk export` (status, notes, round trip of ids) and `wardesk rate`.
. "$(dirname "$0")/../lib.sh"

SAMPLE=$WD_ROOT/tests/data/open311-sample.json
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
APP=$(mk_officer app "Ứng dụng phản ánh" hotline) &&
sql "grant wardesk_feed to $APP" >/dev/null || { not_ok "setup: officers"; exit 1; }
ok "setup: officers (and the app's feed login)"

ncases() { sql "select count(*) from wardesk.cases"; }
ref_of() { psql_as postgres -v x="$1" <<<"select ref from wardesk.cases where external_id = :'x'"; }

# --- only the app's feed account imports a request closed in the app (issue 13)
run wd_as "$HL" import "$SAMPLE"
check "a hotline operator's import of a closed request is refused" test "$RC" -ne 0
check_match "... loudly, naming the item" \
	"item 5 \(BT-APP-20261122-0187\): request BT-APP-20261122-0187 is closed in the app: only the app's feed account" "$ERR"
check_eq "... and nothing was imported" 0 "$(ncases)"
check_exit "psql as the hotline operator: import_request(status => closed) is refused" 1 \
	psql_as "$HL" -c "select * from wardesk.import_request('HOSTILE-1', 'MT', 'x', wardesk.now(), p_status => 'closed')"
check_match "... as not allowed" "only the app's feed account may import a closed request" "$ERR"
check_eq "... no case made" 0 "$(ncases)"
check_exit "psql as the hotline operator: an open request still imports" 0 \
	psql_as "$HL" -c "select ref from wardesk.import_request('OPEN-1', 'MT', 'Rác ở hẻm 3', wardesk.now())"
sql "begin; set local session_replication_role = replica;
     delete from wardesk.case_events where case_id = (select id from wardesk.cases where external_id = 'OPEN-1');
     delete from wardesk.cases where external_id = 'OPEN-1'; commit" >/dev/null

# --- the sample feed, twice
check_exit "the feed login imports the sample feed" 0 wd_as "$APP" import "$SAMPLE"
check_match "summary: 5 new" '^5 new, 0 already imported, 0 flagged$' "$OUT"
check_eq "five cases" 5 "$(ncases)"
check_exit "import the same feed again" 0 wd_as "$HL" import "$SAMPLE"
check_match "summary: 5 already imported" '^0 new, 5 already imported, 0 flagged$' "$OUT"
check_eq "still five cases (idempotent)" 5 "$(ncases)"
check_exit "import from standard input" 0 env PGUSER="$HL" bash -c "$(printf '%q ' "$WD_BIN") import - <$(printf '%q' "$SAMPLE")"
check_eq "still five cases after stdin" 5 "$(ncases)"
check_eq "each external id once" 5 "$(sql "select count(distinct external_id) from wardesk.cases")"

R1=$(ref_of BT-APP-20261123-0001)
check_eq "channel app, category from service_code, media, coordinates kept" \
	"app|TTDT|{https://example.invalid/media/0001.jpg}|10.8031|106.711|212 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh, TP.HCM" \
	"$(sql "select concat_ws('|', channel, category, media_urls, lat, lon, address) from wardesk.cases where ref = '$R1'")"
check_eq "deadline counts from requested_datetime (+120 min)" "2026-11-23 09:42:10+07" \
	"$(PGTZ=Asia/Ho_Chi_Minh sql "select deadline_at from wardesk.cases where ref = '$R1'")"
check_eq "received = requested_datetime" "2026-11-23 07:42:10+07" \
	"$(PGTZ=Asia/Ho_Chi_Minh sql "select received_at from wardesk.cases where ref = '$R1'")"
check_eq "NFD text of the feed stored as NFC" 0 \
	"$(sql "select count(*) from wardesk.cases where description is not nfc normalized or address is not nfc normalized")"
check_eq "... and matching its NFC form" 1 \
	"$(sql "select count(*) from wardesk.cases where address = 'Hẻm 45 Nơ Trang Long, Phường Bình Thạnh'")"
RC5=$(ref_of BT-APP-20261122-0187)
check_eq "a request closed in the app is imported resolved with its note" \
	"resolved|done|Đã lập biên bản, đình chỉ thi công." \
	"$(sql "select concat_ws('|', state, close_reason, resolution_note) from wardesk.cases where ref = '$RC5'")"
check_eq "... closed by the app: the feed login is the actor of take and close, and the holder" \
	"take|$APP,close|$APP|$APP" \
	"$(sql "select string_agg(e.action || '|' || e.actor, ',' order by e.id) || '|' || c.owner
	          from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	         where c.ref = '$RC5' and e.action <> 'report' group by c.owner")"
check_eq "one report event per imported case" 5 "$(sql "select count(*) from wardesk.case_events where action = 'report'")"

# --- malformed documents: clear error with the position, nothing imported
printf '[\n  {"service_request_id": "X-1",\n   "description": "a" "b"}\n]\n' >"$WD_TMP/bad.json"
check_exit "bad JSON is exit 2" 2 wd_as "$HL" import "$WD_TMP/bad.json"
check_match "... naming line and column" '^wardesk: bad JSON at line 3, column [0-9]+' "$ERR"
check_match "... and saying nothing was imported" 'nothing was imported' "$ERR"
printf '' >"$WD_TMP/empty.json"
check_exit "an empty file is exit 2" 2 wd_as "$HL" import "$WD_TMP/empty.json"
echo '{"service_request_id": "X"}' >"$WD_TMP/obj.json"
check_exit "an object instead of an array is exit 2" 2 wd_as "$HL" import "$WD_TMP/obj.json"
check_match "... saying it must be an array" 'must be a JSON array' "$ERR"

cat >"$WD_TMP/items.json" <<'EOF'
[
 {"service_request_id": "NEW-1", "service_code": "MT", "description": "Rác ở hẻm 12 Bạch Đằng",
  "requested_datetime": "2026-11-23T08:00:00+07:00"},
 {"service_request_id": "NEW-2", "service_code": "HT", "description": "Ổ gà Bình Quới",
  "requested_datetime": "hôm qua"},
 {"service_request_id": "NEW-3", "service_code": "HT", "description": "   ",
  "requested_datetime": "2026-11-23T08:00:00+07:00", "status": "pending", "lat": 10.8},
 {"service_request_id": "NEW-1", "service_code": "MT", "description": "lặp id",
  "requested_datetime": "2026-11-23T08:00:00+07:00"}
]
EOF
before=$(ncases)
check_exit "a valid array with bad items is exit 2" 2 wd_as "$HL" import "$WD_TMP/items.json"
check_match "item 2: bad requested_datetime named" '^wardesk: item 2 \(NEW-2\): requested_datetime "hôm qua" is not ISO 8601' "$ERR"
check_match "item 3: blank description" '^wardesk: item 3 \(NEW-3\): description is blank' "$ERR"
check_match "item 3: bad status" 'item 3 \(NEW-3\): status "pending" is not open or closed' "$ERR"
check_match "item 3: lat without long" 'item 3 \(NEW-3\): lat and long go together' "$ERR"
check_eq "nothing imported, not even the good item 1" "$before" "$(ncases)"
check_eq "NEW-1 is not there" "" "$(ref_of NEW-1)"

# duplicate ids in one document
cat >"$WD_TMP/dupids.json" <<'EOF'
[{"service_request_id": "D-1", "service_code": "MT", "description": "một", "requested_datetime": "2026-11-23T08:00:00+07:00"},
 {"service_request_id": "D-1", "service_code": "MT", "description": "hai", "requested_datetime": "2026-11-23T08:00:00+07:00"}]
EOF
check_exit "the same id twice in a document is exit 2" 2 wd_as "$HL" import "$WD_TMP/dupids.json"
check_match "... naming both items" 'item 2: service_request_id "D-1" is already item 1' "$ERR"

# an item the database refuses (in the future) rolls back the whole document
cat >"$WD_TMP/future.json" <<'EOF'
[{"service_request_id": "F-1", "service_code": "MT", "description": "một", "requested_datetime": "2026-11-23T08:00:00+07:00"},
 {"service_request_id": "F-2", "service_code": "MT", "description": "hai", "requested_datetime": "2099-01-01T08:00:00+07:00"}]
EOF
check_exit "a refused item fails the document (exit 2)" 2 wd_as "$HL" import "$WD_TMP/future.json"
check_match "... naming the item" '^wardesk: item 2 \(F-2\): .*future.*nothing was imported' "$ERR"
check_eq "F-1 was rolled back" "" "$(ref_of F-1)"

# --- unknown service code: default category, flagged; NFD input
desc_nfd=$("$WD_PY" -c 'import unicodedata; print(unicodedata.normalize("NFD", "Người dân phản ánh tiếng ồn ở Điện Biên Phủ"))')
cat >"$WD_TMP/unknown.json" <<EOF
[{"service_request_id": "U-1", "service_code": "XYZ", "description": "$desc_nfd",
  "requested_datetime": "2026-11-23T10:00:00Z", "address": "$desc_nfd"}]
EOF
check_exit "import with an unknown service code" 0 wd_as "$HL" import "$WD_TMP/unknown.json"
check_match "summary counts it flagged" '^1 new, 0 already imported, 1 flagged$' "$OUT"
check_match "... and says why" 'unknown service code XYZ' "$OUT"
RU=$(ref_of U-1)
check_eq "default category KHAC, flag, service code kept" "KHAC|{unknown_service_code:XYZ}|XYZ" \
	"$(sql "select concat_ws('|', category, flags, service_code) from wardesk.cases where ref = '$RU'")"
check_eq "NFD description stored as NFC" "Người dân phản ánh tiếng ồn ở Điện Biên Phủ" \
	"$(sql "select description from wardesk.cases where ref = '$RU'")"
check_exit "show" 0 wd_as "$AN" show "$RU"
check_match "show displays the flag" '^Flag: +unknown service code XYZ' "$OUT"
check_exit "dry run validates only" 0 wd_as "$HL" import --dry-run "$SAMPLE"
check_match "... saying so" '5 valid service requests' "$OUT"

# --- work a case, export shows status closed and the note (a fresh request:
# the sample's are overdue by now, and closing those needs a delay reason)
cat >"$WD_TMP/fresh.json" <<EOF
[{"service_request_id": "FRESH-1", "service_code": "TTDT", "service_name": "Trật tự đô thị",
  "description": "Quán cà phê lấn chiếm vỉa hè trước số 9 Ung Văn Khiêm",
  "requested_datetime": "$(date -d '-10 min' +%Y-%m-%dT%H:%M:%S%:z)", "address": "9 Ung Văn Khiêm",
  "lat": 10.806, "long": 106.718, "media_url": "https://example.invalid/media/f1.jpg"}]
EOF
check_exit "import a fresh request" 0 wd_as "$HL" import "$WD_TMP/fresh.json"
RF=$(ref_of FRESH-1)
check_exit "take the fresh app case" 0 wd_as "$AN" take "$RF"
check_exit "close it with a note" 0 wd_as "$AN" close "$RF" --note "Đã yêu cầu quán dọn dẹp, trả lại vỉa hè."
check_exit "export to standard output" 0 wd_as "$AN" export
EXP=$OUT
check "export is valid JSON" "$WD_PY" -c 'import json,sys; json.loads(sys.argv[1])' "$EXP"
check_eq "export has every app request" 7 "$(json_get "$EXP" 'len(j)')"
check_eq "round trip: the same ids come back" \
	"$("$WD_PY" -c 'import json,sys; print(sorted(x["service_request_id"] for x in json.load(open(sys.argv[1]))))' "$SAMPLE" | tr -d "[]' " | tr , '\n' | sort | tr '\n' ,)" \
	"$(json_get "$EXP" 'sorted(x["service_request_id"] for x in j if x["service_request_id"] not in ("U-1", "FRESH-1"))' | tr -d '[]" ' | tr , '\n' | sort | tr '\n' ,)"
check_eq "the closed case: status closed with the note" \
	"closed|Đã yêu cầu quán dọn dẹp, trả lại vỉa hè." \
	"$(json_get "$EXP" '[x["status"] + "|" + x["status_notes"] for x in j if x["service_request_id"] == "FRESH-1"][0]')"
check_eq "the request the app closed: exported closed with its note" \
	"closed|Đã lập biên bản, đình chỉ thi công." \
	"$(json_get "$EXP" '[x["status"] + "|" + x["status_notes"] for x in j if x["service_request_id"] == "BT-APP-20261122-0187"][0]')"
check_eq "an open case: status open, no notes" "open|None" \
	"$(json_get "$EXP" '[x["status"] + "|" + str(x["status_notes"]) for x in j if x["service_request_id"] == "BT-APP-20261123-0002"][0]')"
check_eq "service_code, agency, coordinates, media" "TTDT|Phường Bến Thành|10.8031|106.711|https://example.invalid/media/0001.jpg" \
	"$(json_get "$EXP" '[x["service_code"] + "|" + x["agency_responsible"] + "|" + str(x["lat"]) + "|" + str(x["long"]) + "|" + x["media_url"] for x in j if x["service_request_id"] == "BT-APP-20261123-0001"][0]')"
check_eq "unknown code exported as received" XYZ \
	"$(json_get "$EXP" '[x["service_code"] for x in j if x["service_request_id"] == "U-1"][0]')"
check_match "timestamps with offset" '"updated_datetime": "20[0-9-]+T[0-9:]+\+07:00"' "$EXP"
check_exit "export to a file" 0 wd_as "$AN" export "$WD_TMP/out.json"
check_eq "the file has the same feed" "$EXP" "$(cat "$WD_TMP/out.json")"
check_exit "export --since in the future is empty" 0 wd_as "$AN" export --since 2099-01-01T00:00:00+07:00
check_eq "... an empty array" "[]" "$(json_get "$OUT" 'j')"
check_exit "the exported feed imports again as already there" 0 wd_as "$HL" import "$WD_TMP/out.json"
check_match "... 0 new" '^0 new, 7 already imported' "$OUT"

# --- rating
check_exit "rate a resolved case" 0 wd_as "$HL" rate "$RF" 5 --comment "Xử lý nhanh, cảm ơn phường"
check_eq "rating stored" "5|Xử lý nhanh, cảm ơn phường" \
	"$(sql "select concat_ws('|', rating, rating_comment) from wardesk.cases where ref = '$RF'")"
check_eq "rating audited as rate" "rate|$HL|Xử lý nhanh, cảm ơn phường" \
	"$(sql "select concat_ws('|', e.action, e.actor, e.note) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$RF' order by e.id desc limit 1")"
check_exit "show" 0 wd_as "$AN" show "$RF"
check_match "show displays the rating" '^Rating: +5/5  Xử lý nhanh' "$OUT"
check_exit "show --format json" 0 wd_as "$AN" show "$RF" --format json
check_eq "json has the rating" 5 "$(json_get "$OUT" 'j["rating"]')"
check_exit "score 6 is bad usage (exit 2)" 2 wd_as "$HL" rate "$RF" 6
check_exit "score x is bad usage (exit 2)" 2 wd_as "$HL" rate "$RF" x
check_exit "score 0 is bad usage (exit 2)" 2 wd_as "$HL" rate "$RF" 0
R2=$(ref_of BT-APP-20261123-0002)
check_exit "rating an open case is refused (exit 1)" 1 wd_as "$HL" rate "$R2" 4
check_match "... saying it is not resolved" "$R2 is not resolved" "$ERR"
check_exit "rate a missing case (exit 1)" 1 wd_as "$HL" rate BT-9999 3
check_eq "bad score through psql is WD529 (bad input: WD5nn)" "WD529" \
	"$(psql -X -qtA -U "$AN" -c "\\set VERBOSITY sqlstate" -c "select wardesk.rate('$RF', 9)" 2>&1 | grep -o 'WD529' | head -1)"

# the rating can come with the feed
cat >"$WD_TMP/rated.json" <<'EOF'
[{"service_request_id": "BT-APP-20261122-0187", "service_code": "TTDT", "description": "x",
  "requested_datetime": "2026-11-22T21:10:00+07:00", "status": "closed", "rating": 2,
  "rating_comment": "Vẫn còn thi công"}]
EOF
check_exit "import a rating for a known request" 0 wd_as "$HL" import "$WD_TMP/rated.json"
check_eq "rating updated from the feed, nothing else" "2|Vẫn còn thi công|Công trình xây dựng không phép tại 17/3 Đinh Bộ Lĩnh, làm việc cả ban đêm." \
	"$(sql "select concat_ws('|', rating, rating_comment, description) from wardesk.cases where ref = '$RC5'")"

# --- help and usage
check_exit "import without a file is usage (exit 2)" 2 wd_as "$HL" import
check_exit "import --help" 0 wd import --help
check_exit "a missing file is exit 2" 2 wd_as "$HL" import "$WD_TMP/nope.json"
