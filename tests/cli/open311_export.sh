#!/bin/bash
# open311_export.sh - issue 17 items 6-11, the Open311 export and the feed:
# merge chains followed to the end; updated_datetime never rounded up and
# --since inclusive (a watermark poll across two updates inside one second
# misses nothing); updated_datetime is the last change the app can see (a
# take, an escalation or a sweep step does not move it; a closed request's is
# its closing time); a transferred / not-ours request names the receiving
# agency of its category; a closure made in the app is applied on re-import
# by the feed account, refused to anyone else; the GeoReport v2 spec's
# example feed imports (null description with a photo, a trailing space in
# media_url, numeric ids and codes, service_name, address_id and zipcode kept,
# coordinates kept); a change stamped before a poll and committed after it
# comes in the next poll (export_horizon).
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer) &&
HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
CH=$(mk_officer ch "Lê Văn Chủ" chair) &&
APP=$(mk_officer app "Ứng dụng phản ánh" hotline) &&
sql "grant wardesk_feed to $APP" >/dev/null || { not_ok "setup: officers"; exit 1; }
ok "setup: officers (and the app's feed login)"

ref_of() { psql_as postgres -v x="$1" <<<"select ref from wardesk.cases where external_id = :'x'"; }
# field F of request ID in the JSON export $EXP
xf() { json_get "$EXP" "[str(x.get('$2')) for x in j if x['service_request_id'] == '$1'][0]"; }
export_all() { run wd_as "$AN" export "$@"; EXP=$OUT; }
now_iso() { date -d "${1:-now}" +%Y-%m-%dT%H:%M:%S%:z; }
feed() {   # feed FILE ID STATUS [NOTES] [UPDATED]: one request of category MT
	printf '[{"service_request_id": "%s", "service_code": "MT", "status": "%s", %s
	  "description": "Rác thải ở hẻm %s", "requested_datetime": "%s"%s}]\n' \
		"$2" "$3" "${4:+\"status_notes\": \"$4\",}" "$2" "$(now_iso '-20 min')" \
		"${5:+, \"updated_datetime\": \"$5\"}" >"$1"
}
import_open() {   # import_open ID...: fresh open requests, as the hotline
	local id
	for id in "$@"; do
		feed "$WD_TMP/in-$id.json" "$id" open
		wd_as "$HL" import "$WD_TMP/in-$id.json" >/dev/null || return 1
	done
}

# --- 6. a merge chain of three: E into F, F into G; E's citizen gets G's result
import_open CH-E CH-F CH-G || { not_ok "setup: E, F, G"; exit 1; }
E=$(ref_of CH-E) F=$(ref_of CH-F) G=$(ref_of CH-G)
check_exit "merge E into F" 0 wd_as "$AN" merge "$E" "$F"
check_exit "merge F into G" 0 wd_as "$AN" merge "$F" "$G"
export_all
check_eq "E while G is new: open, no notes (not 'closed, duplicate of F')" "open|None" \
	"$(xf CH-E status)|$(xf CH-E status_notes)"
W=$(xf CH-G updated_datetime)
sleep 1
check_exit "take G" 0 wd_as "$AN" take "$G"
check_exit "close G" 0 wd_as "$AN" close "$G" --note "Đã thu gom rác, vệ sinh hẻm."
export_all
check_eq "E after G is resolved: closed with G's note" "closed|Đã thu gom rác, vệ sinh hẻm." \
	"$(xf CH-E status)|$(xf CH-E status_notes)"
check_eq "... and so is F" "closed|Đã thu gom rác, vệ sinh hẻm." \
	"$(xf CH-F status)|$(xf CH-F status_notes)"
check_eq "E's updated_datetime is G's closing time" "$(xf CH-G updated_datetime)" "$(xf CH-E updated_datetime)"
export_all --since "$W"
check_match "a poll since before G's close hears E" '"service_request_id": "CH-E"' "$EXP"

# --- 8. updated_datetime: only what the app can see moves it
import_open U-P U-Q || { not_ok "setup: P, Q"; exit 1; }
P=$(ref_of U-P) Q=$(ref_of U-Q)
export_all
U0=$(xf U-P updated_datetime) Q0=$(xf U-Q updated_datetime)
sleep 1
check_exit "take P" 0 wd_as "$AN" take "$P"
check_exit "escalate P" 0 wd_as "$AN" escalate "$P" --note "cần đội thu gom"
export_all
check_eq "a take and an escalation do not move P's updated_datetime" "$U0" "$(xf U-P updated_datetime)"
sleep 1
check_exit "close P" 0 wd_as "$AN" close "$P" --note "Đã xử lý."
export_all
check_eq "closed: updated_datetime is the closing time (to the second)" \
	"$(PGTZ=Asia/Ho_Chi_Minh sql "select to_char(date_trunc('second', closed_at), 'YYYY-MM-DD\"T\"HH24:MI:SS') || '+07:00' from wardesk.cases where ref = '$P'")" \
	"$(xf U-P updated_datetime)"
check "... which is after the take" test "$(xf U-P updated_datetime)" != "$U0"
P1=$(xf U-P updated_datetime)
sleep 1
check_exit "the chair reopens P" 0 wd_as "$CH" reopen "$P" --note "Người dân báo rác vẫn còn"
export_all
check_eq "reopened: open again" open "$(xf U-P status)"
check "... and its updated_datetime moved" test "$(xf U-P updated_datetime)" != "$P1"
before=$(sql "select updated_at from wardesk.cases where ref = '$Q'")
sql "update wardesk.test_clock set clock_offset = '3 hours'" >/dev/null
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
check_exit "a sweep with Q overdue" 0 env PGUSER=postgres "$WD_BIN" watch --once
check "... touched Q (its updated_at moved)" test "$(sql "select updated_at from wardesk.cases where ref = '$Q'")" != "$before"
export_all
check_eq "... but not Q's updated_datetime" "$Q0" "$(xf U-Q updated_datetime)"
sql "update wardesk.test_clock set clock_offset = '0'" >/dev/null

# --- 7. two updates inside one second, a watermark poll between them.  The
# desk clock is set so that the first lands past the middle of a second T
# (rounding would go up) and the second 0.2 s later in the same second,
# however long the export between them takes.
setclock() { sql "update wardesk.test_clock set clock_offset = to_timestamp($1) - clock_timestamp()" >/dev/null; }
same_second=0
for try in 1 2 3 4 5; do
	import_open "W-$try-A" "W-$try-B" || { not_ok "setup: W-$try"; exit 1; }
	A=$(ref_of "W-$try-A") B=$(ref_of "W-$try-B")
	wd_as "$AN" take "$A" >/dev/null && wd_as "$AN" take "$B" >/dev/null || { not_ok "setup: take"; exit 1; }
	T=$(sql "select extract(epoch from date_trunc('second', clock_timestamp()))::bigint + 60")
	setclock "$T.5"
	psql_as "$AN" -c "select 1 from wardesk.close('$A', p_note => 'Xong A')" >/dev/null
	export_all
	WM=$(json_get "$EXP" 'max(x["updated_datetime"] for x in j)')
	setclock "$T.7"
	psql_as "$AN" -c "select 1 from wardesk.close('$B', p_note => 'Xong B')" >/dev/null
	if [ "$(sql "select count(distinct date_trunc('second', closed_at)) from wardesk.cases where ref in ('$A', '$B')")" = 1 ] &&
	   [ "$(sql "select (extract(microseconds from closed_at)::int % 1000000 >= 500000)::text from wardesk.cases where ref = '$A'")" = true ]; then
		same_second=1
		break
	fi
done
check_eq "two closes inside one second, the first past its middle" 1 "$same_second"
check_eq "the watermark is the first close, truncated (never rounded up)" \
	"$(PGTZ=Asia/Ho_Chi_Minh sql "select to_char(date_trunc('second', closed_at), 'YYYY-MM-DD\"T\"HH24:MI:SS') || '+07:00' from wardesk.cases where ref = '$A'")" \
	"$WM"
export_all --since "$WM"
check_eq "a poll since the watermark gets the second update" closed "$(xf "W-$try-B" status)"
check_eq "... and the watermark's own request again (clients dedupe)" closed "$(xf "W-$try-A" status)"
# (the desk clock back only now: the export leaves out what is stamped
# past its own time, export_horizon)
sql "update wardesk.test_clock set clock_offset = '0'" >/dev/null

# --- 9. transferred / not ours: the receiving agency of the category
check_exit "an officer may not set the ward's receiving agency" 1 \
	psql_as "$AN" -c "select wardesk.transfer_agency_set('MT', 'Công ty Môi trường đô thị')"
check_exit "a chair may not set the city's default" 1 \
	psql_as "$CH" -c "select wardesk.transfer_agency_set('MT', 'Công ty Môi trường đô thị', true)"
check_exit "the administrator sets the city's default for MT" 0 \
	env PGUSER=postgres "$WD_BIN" category agency MT "Công ty TNHH MTV Môi trường đô thị TP.HCM" --city
check_eq "... and is told it" "MT: transferred and not-ours requests go to Công ty TNHH MTV Môi trường đô thị TP.HCM" "$OUT"
import_open T-1 T-2 || { not_ok "setup: T-1, T-2"; exit 1; }
T1=$(ref_of T-1) T2=$(ref_of T-2)
wd_as "$AN" take "$T1" >/dev/null && wd_as "$AN" take "$T2" >/dev/null
check_exit "not ours: closed" 0 wd_as "$AN" close "$T1" --reason not_ours --note "Rác trên sông, không thuộc phường."
check_exit "the chair sets the ward's own agency for MT" 0 \
	wd_as "$CH" category agency MT "Đội thu gom rác quận 1"
check_eq "... and is told what is in force" "MT: transferred and not-ours requests go to Đội thu gom rác quận 1" "$OUT"
check_exit "category agency with neither an agency nor --clear is bad usage" 2 wd_as "$CH" category agency MT
check_exit "an officer's category agency is refused (exit 1)" 1 wd_as "$AN" category agency MT "X"
check_match "... saying who may" "cannot set the ward's receiving agency" "$ERR"
check_exit "transferred: closed" 0 wd_as "$AN" close "$T2" --reason transferred --note "Đã chuyển hồ sơ."
export_all
check_eq "transferred: agency_responsible is the ward's agency for MT" "Đội thu gom rác quận 1" \
	"$(xf T-2 agency_responsible)"
check_eq "... and the status notes say where it went" "Đã chuyển Đội thu gom rác quận 1: Đã chuyển hồ sơ." \
	"$(xf T-2 status_notes)"
check_eq "not ours: the agency in force when it was closed (the city's default), not the ward's set later" \
	"Công ty TNHH MTV Môi trường đô thị TP.HCM" "$(xf T-1 agency_responsible)"
check_match "... said in the notes" '^Không thuộc thẩm quyền phường, chuyển Công ty TNHH MTV Môi trường đô thị TP.HCM: Rác trên sông' \
	"$(xf T-1 status_notes)"
T2UPD=$(xf T-2 updated_datetime)
nfd=$("$WD_PY" -c 'import unicodedata; print(unicodedata.normalize("NFD", "Đội thu gom rác quận 1"))')
check_exit "an agency typed in NFD" 0 wd_as "$CH" category agency MT "$nfd"
check_eq "... is stored in NFC" "Đội thu gom rác quận 1" \
	"$(sql "select agency from wardesk.category_agency where code = 'MT'")"
check_exit "the chair removes the ward's own" 0 wd_as "$CH" category agency MT --clear
check_eq "... the city's default is in force" "MT: transferred and not-ours requests go to Công ty TNHH MTV Môi trường đô thị TP.HCM" "$OUT"
export_all
check_eq "... a transfer made before keeps the agency it went to" "Đội thu gom rác quận 1" "$(xf T-2 agency_responsible)"
check_eq "... with its notes" "Đã chuyển Đội thu gom rác quận 1: Đã chuyển hồ sơ." "$(xf T-2 status_notes)"
check_eq "... and its updated_datetime" "$T2UPD" "$(xf T-2 updated_datetime)"
check_eq "... the agency is on the case" "Đội thu gom rác quận 1" "$(case_field "$T2" transfer_agency)"
# the backfill of 026_case_agency.sql (cases closed before it): the agency
# in force then, without an event, a version or a new updated_datetime
UP=$(ref_of U-P)
sql "alter table wardesk.cases disable trigger user;
     update wardesk.cases set transfer_agency = null where ref in ('$T1', '$T2');
     alter table wardesk.cases enable trigger user" >/dev/null
before=$(sql "select string_agg(version || ' ' || app_updated_at || ' ' || (select count(*) from wardesk.case_events e where e.case_id = c.id), '|' order by ref)
              from wardesk.cases c where ref in ('$T1', '$T2', '$UP')")
check_exit "026's backfill runs" 0 sql "$(sed -n '/^do \$\$/,/^end \$\$;/p' sql/migrations/026_case_agency.sql)"
check_eq "... gives closed transfers the agency in force, none to a case done here" \
	"Công ty TNHH MTV Môi trường đô thị TP.HCM|Công ty TNHH MTV Môi trường đô thị TP.HCM|-" \
	"$(sql "select string_agg(coalesce(transfer_agency, '-'), '|' order by array_position(array['$T1', '$T2', '$UP'], ref)) from wardesk.cases where ref in ('$T1', '$T2', '$UP')")"
check_eq "... with no event, version or updated_datetime" "$before" \
	"$(sql "select string_agg(version || ' ' || app_updated_at || ' ' || (select count(*) from wardesk.case_events e where e.case_id = c.id), '|' order by ref)
              from wardesk.cases c where ref in ('$T1', '$T2', '$UP')")"
check_eq "a request done here keeps the ward as agency" "$WD_WARD_NAME" "$(xf U-P agency_responsible)"

# --- 10. a closure made in the app, on re-import
import_open C-1 C-2 C-3 || { not_ok "setup: C-1..3"; exit 1; }
C1=$(ref_of C-1) C2=$(ref_of C-2) C3=$(ref_of C-3)
APPE=$(($(date +%s) - 900))
APPTIME=$(date -d "@$APPE" +%Y-%m-%dT%H:%M:%S%:z)
feed "$WD_TMP/closed.json" C-1 closed "Người dân báo đã tự dọn." "$APPTIME"
check_exit "a hotline operator's import of the app's closure is refused" 1 wd_as "$HL" import "$WD_TMP/closed.json"
check_match "... loudly" "request C-1 is closed in the app but open here as $C1: only the app's feed account" "$ERR"
check_eq "... the case stays new" new "$(case_field "$C1" state)"
# a feed with two refused items names both (and keeps nothing)
cat >"$WD_TMP/closed2.json" <<FEED
[{"service_request_id": "C-2", "service_code": "MT", "status": "closed", "description": "x", "requested_datetime": "$(now_iso '-20 min')"},
 {"service_request_id": "C-9", "service_code": "MT", "status": "open", "description": "x", "requested_datetime": "$(now_iso '-20 min')"},
 {"service_request_id": "C-3", "service_code": "MT", "status": "closed", "description": "x", "requested_datetime": "$(now_iso '-20 min')"}]
FEED
check_exit "a hotline import with two closures: refused" 1 wd_as "$HL" import "$WD_TMP/closed2.json"
check_match "... names the first" "item 1 \(C-2\): request C-2 is closed in the app but open here as $C2" "$ERR"
check_match "... and the second" "item 3 \(C-3\): request C-3 is closed in the app but open here as $C3" "$ERR"
check_match "... and says nothing was imported" "closed2.json: nothing was imported" "$ERR"
check_eq "... nothing was: C-9 not recorded, C-2 and C-3 new" "0 new new" \
	"$(sql "select count(*) from wardesk.cases where external_id = 'C-9'") $(case_field "$C2" state) $(case_field "$C3" state)"
if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	run env PGUSER="$HL" LANG=vi_VN.UTF-8 "$WD_BIN" import "$WD_TMP/closed2.json"
	check_eq "... in Vietnamese too, both items" 2 "$(printf '%s\n' "$ERR" | grep -c 'đã đóng trên ứng dụng nhưng ở đây vẫn mở')"
	feed "$WD_TMP/closed-c2.json" C-2 closed "Đã dọn."
	run env PGUSER="$APP" LANG=vi_VN.UTF-8 "$WD_BIN" import "$WD_TMP/closed-c2.json"
	check_match "the app's closure applied, said in Vietnamese" "^1 đã đóng trên ứng dụng$" "$OUT"
	run env PGUSER="$CH" LANG=vi_VN.UTF-8 "$WD_BIN" show "$C2"
	check_match "... and its history in one Vietnamese sentence" "$APP đóng trên ứng dụng: Đã dọn\." \
		"$(printf '%s\n' "$OUT" | tr -s ' \n' '  ')"
fi
check_exit "the feed login imports it" 0 wd_as "$APP" import "$WD_TMP/closed.json"
check_match "... says it applied the closure" "^1 closed in the app$" "$OUT"
check_match "... beside 1 already imported" "^0 new, 1 already imported, 0 flagged$" "$OUT"
run wd_as "$CH" show "$C1"
check_match "the history tells the app's closure in one sentence" \
	"closed in the app by $APP: Người dân báo đã tự dọn\." "$(printf '%s\n' "$OUT" | tr -s ' \n' '  ')"
check_nomatch "... with no take step of the feed's" "$APP +take" "$OUT"
check_eq "... resolved with the app's note at the app's time" \
	"resolved|done|Người dân báo đã tự dọn.|$APPTIME" \
	"$(PGTZ=Asia/Ho_Chi_Minh sql "select concat_ws('|', state, close_reason, resolution_note, to_char(closed_at, 'YYYY-MM-DD\"T\"HH24:MI:SS') || '+07:00') from wardesk.cases where ref = '$C1'")"
check_eq "... the feed account the actor of the take and the close" "take|$APP,close|$APP" \
	"$(sql "select string_agg(e.action || '|' || e.actor, ',' order by e.id) from wardesk.case_events e
	          join wardesk.cases c on c.id = e.case_id where c.ref = '$C1' and e.action in ('take', 'close')")"
export_all
check_eq "... and the export says closed" "closed|Người dân báo đã tự dọn.|$APPTIME" \
	"$(xf C-1 status)|$(xf C-1 status_notes)|$(xf C-1 updated_datetime)"
check_exit "stats around the app's time" 0 wd_as "$CH" stats --from "$(date -d "@$((APPE - 30))" +%Y-%m-%dT%H:%M:%S%:z)" \
	--to "$(date -d "@$((APPE + 30))" +%Y-%m-%dT%H:%M:%S%:z)" --format json
check_eq "... count it closed in the app, not the desk's resolution" "1 0" \
	"$(json_get "$OUT" '"%d %d" % (j["closed_in_app"], j["resolved"])')"
check_exit "the same closure again: nothing more" 0 wd_as "$HL" import "$WD_TMP/closed.json"
check_match "... 1 already imported" '^0 new, 1 already imported' "$OUT"
check_eq "... one close event" 1 "$(sql "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$C1' and e.action = 'close'")"

# --- 11. the GeoReport v2 spec's example feed
sql "update wardesk.wards set established_at = '2000-01-01' where code = '$WD_WARD'" >/dev/null
SPEC=$WD_ROOT/tests/data/open311-spec-example.json
check_exit "the spec's example imports (the feed login: one is closed)" 0 wd_as "$APP" import "$SPEC"
check_match "... 2 new" '^2 new, 0 already imported' "$OUT"
check_eq "service code 006 kept with its zeros, service_name, address_id, zipcode as sent" \
	"006|Sidewalk and Curb Issues|545483|94122" \
	"$(sql "select concat_ws('|', service_code, service_name, address_id, zipcode) from wardesk.cases where external_id = '638344'")"
check_eq "null description with a photo: the service name describes it" "Sidewalk and Curb Issues" \
	"$(sql "select description from wardesk.cases where external_id = '638349'")"
check_eq "media_url without its trailing space" "{http://city.gov.s3.amazonaws.com/requests/media/638344.jpg}" \
	"$(sql "select media_urls from wardesk.cases where external_id = '638344'")"
check_eq "coordinates stored as sent" "37.762221815|-122.4651145" \
	"$(sql "select lat || '|' || lon from wardesk.cases where external_id = '638344'")"
export_all
check_eq "exported: service_name, address_id, zipcode as sent" "Sidewalk and Curb Issues|545483|94122" \
	"$(xf 638344 service_name)|$(xf 638344 address_id)|$(xf 638344 zipcode)"
check_eq "exported coordinates within 1e-7 of what came in" True \
	"$(json_get "$EXP" "str(all(abs(x['lat'] - 37.762221815) < 1e-7 and abs(x['long'] + 122.4651145) < 1e-7 for x in j if x['service_request_id'] in ('638344', '638349')))")"
check_eq "the closed one: closed with its note" "closed|Duplicate request." \
	"$(xf 638344 status)|$(xf 638344 status_notes)"
# what the spec does not allow is still refused
cat >"$WD_TMP/bad-spec.json" <<'EOF'
[{"service_request_id": 1, "service_code": 6.5, "description": "x", "requested_datetime": "2026-11-23T08:00:00+07:00"},
 {"service_request_id": 2, "service_code": "MT", "description": null, "requested_datetime": "2026-11-23T08:00:00+07:00"},
 {"service_request_id": 3, "service_code": "MT", "description": null, "media_url": "ftp://x.invalid/a.jpg",
  "requested_datetime": "2026-11-23T08:00:00+07:00"},
 {"service_request_id": 4, "service_code": true, "description": "x", "requested_datetime": "2026-11-23T08:00:00+07:00"}]
EOF
check_exit "a feed with what the spec does not allow: exit 2" 2 wd_as "$APP" import "$WD_TMP/bad-spec.json"
check_match "a fractional service_code" 'item 1 \(1\): service_code must be a string' "$ERR"
check_match "no description and no photo" 'item 2 \(2\): description is missing' "$ERR"
check_match "a photo that is not http(s)" 'item 3 \(3\): media_url "ftp://x.invalid/a.jpg" is not an http\(s\) URL' "$ERR"
check_match "a boolean service_code" 'item 4 \(4\): service_code must be a string' "$ERR"

# --- the horizon (export_horizon): a close stamped before a poll and
# committed after it is exported by the next poll since that poll's
# watermark.  In ward QX, H1 is closed in a transaction that stays open
# while H2 of this ward is closed (a later stamp) and the city's export
# (every ward) polls; before the horizon that poll returned H2, its
# watermark passed H1's stamp, and H1's close was never exported.  (Within
# one ward the audit chain's head lock makes the second close wait.)
# (the desk clock 3 minutes ahead: past the stamps of the section above)
sql "update wardesk.test_clock set clock_offset = interval '3 minutes'" >/dev/null
QHL=$(mk_officer qxhl "Phạm Thị Quỳnh" hotline QX) && QAN=$(mk_officer qxan "Võ Văn Quang" officer QX) ||
	{ not_ok "setup: ward QX"; exit 1; }
feed "$WD_TMP/hz1.json" HZ-1 open && wd_as "$QHL" import "$WD_TMP/hz1.json" >/dev/null &&
	import_open HZ-2 || { not_ok "setup: HZ-1, HZ-2"; exit 1; }
H1=$(ref_of HZ-1) H2=$(ref_of HZ-2)
wd_as "$QAN" take "$H1" >/dev/null && wd_as "$AN" take "$H2" >/dev/null || not_ok "setup: take H1, H2"
export_city() { run wd_as postgres export "$@"; EXP=$OUT; }
export_city
W0=$(json_get "$EXP" 'max(x["updated_datetime"] for x in j)')
sleep 1
held_open "$QAN" -v ref="$H1"
held_send "begin;" "select 'closed ' || wardesk.close(:'ref', p_note => 'Xong H1');"
held_wait closed
check_match "H1 (ward QX) closed in a transaction still open" '^closed' "$(cat "$HOLD_OUT")"
sleep 1
check_exit "H2 (this ward) closed and committed meanwhile, a later stamp" 0 wd_as "$AN" close "$H2" --note "Xong H2"
export_city --since "$W0"
W1=$(json_get "$EXP" 'max([x["updated_datetime"] for x in j] or ["'"$W0"'"])')
check_match "the city's poll meanwhile: a JSON list" '^[0-9]+$' "$(json_get "$EXP" 'len(j)')"
check_nomatch "... H2's close waits behind the open transaction" "HZ-2" \
	"$(json_get "$EXP" '",".join(x["service_request_id"] for x in j)')"
held_close "commit;"
export_city --since "$W1"
check_eq "the next poll since its watermark: H1 closed" "closed|Xong H1" "$(xf HZ-1 status)|$(xf HZ-1 status_notes)"
check_eq "... and H2 closed" "closed|Xong H2" "$(xf HZ-2 status)|$(xf HZ-2 status_notes)"
sql "update wardesk.test_clock set clock_offset = '0'" >/dev/null
