#!/bin/bash
# callbacks.sh - every reporter hears the result (issue 16 §0;
# sql/code/57_callbacks.sql, sql/migrations/019_callbacks.sql): a resolved
# case's reporters who came by phone or in person, or asked to be called,
# are on the hotline's call-back list (`wardesk callbacks`), oldest first,
# with the resolution note; a merged case's reporters too.  `wardesk
# callback REF` records each call: no answer is tried again 30 min later,
# then 2 h later, three calls at most, only inside the ward's daytime hours
# (setting callback_hours); reached with a rating records the case's
# rating; each call is in the case's history; a reopen takes the case off
# the list and the next resolution puts its reporters back.  Permissions in
# the CLI and in psql (another ward's officer, a forged row).
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) &&
GV=$(mk_officer gv "Ngô Văn Gò" officer GV) || { not_ok "setup: officers"; exit 1; }
ok "setup: a hotline operator, an officer and the chair of BT, an officer of GV"

# the desk clock at a moment of Ho Chi Minh City time
at() { sql "update wardesk.test_clock set clock_offset = timestamptz '$1' - pg_catalog.now()" >/dev/null; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
n=0
rep() { n=$((n + 1)); report_as "$HL" --category MT --text "Rác đầu hẻm số $n" --address "$n Lê Lợi" "$@"; }
# resolve REF NOTE [DELAY]: take and close (a delay reason when it is late)
resolve() {
	wd_as "$O1" take "$1" >/dev/null &&
		wd_as "$O1" close "$1" --note "$2" ${3:+--delay-reason "$3"} >/dev/null
}
listed() {   # the list as "REF REPORTER ATTEMPTS DUE" lines
	wd_as "$HL" callbacks --format json >"$WD_TMP/cb.json" &&
		json_get "$(cat "$WD_TMP/cb.json")" '"\n".join("%s %s %s %s" % (r["ref"], r["reporter"], r["attempts"], "due" if r["due"] else "later") for r in j)'
}

at "2026-12-02 09:00+07"
P1=$(rep --phone "0912 345 678" --name "Bà Tư") || not_ok "setup: P1"
IMP=$(rep --channel import --phone 0933111222 --name "Ông Năm") || not_ok "setup: IMP"
IMPCB=$(rep --channel import --phone 0933111333 --name "Cô Sáu" --callback) || not_ok "setup: IMPCB"
NOPH=$(rep --name "Không số") || not_ok "setup: NOPH"
check_exit "an empty list" 0 wd_as "$HL" callbacks
check_match "... says nobody to call back" "nobody to call back" "$OUT"

# ---------------------------------------------------------------- who is on the list
at "2026-12-02 09:10+07"
resolve "$P1" "Đã thu gom rác lúc 9 giờ" || not_ok "resolve P1"
at "2026-12-02 09:20+07"
for r in "$IMP" "$IMPCB" "$NOPH"; do resolve "$r" "Đã xử lý" || not_ok "resolve $r"; done
check_eq "a resolved phone case is on the list; an imported one only when it asked; none without a number" \
	"$(printf '%s\n' "$P1 $P1 0 due" "$IMPCB $IMPCB 0 due")" "$(listed)"
check_exit "callbacks (table) as the hotline" 0 wd_as "$HL" callbacks
check_match "... shows P1 with the formatted phone and the note to read out" \
	"$P1 +Bà Tư \($P1\) +0912 345 678 .*Đã thu gom rác lúc 9 giờ" "$OUT"
check_exit "callbacks --format tsv" 0 wd_as "$HL" callbacks --format tsv
check_match "... a header and the note" "^ref	reporter	name	phone" "$OUT"
check_match "... P1's row" "^$P1	$P1	Bà Tư	0912345678	.*	0	.*	t	Đã thu gom rác lúc 9 giờ$" "$OUT"

# a merged case: both reporters, once each
at "2026-12-02 09:30+07"
K1=$(rep --phone 0987000111 --name "Anh Bảy") && D1=$(rep --phone 0987000222 --name "Chị Tám" --channel walkin) ||
	not_ok "setup: K1, D1"
check_exit "the officer merges D1 into K1" 0 wd_as "$O1" merge "$D1" "$K1"
at "2026-12-02 09:40+07"
resolve "$K1" "Đã dọn sạch" || not_ok "resolve K1"
check_eq "the merged case's two reporters both appear, after the older P1 and IMPCB" \
	"$(printf '%s\n' "$P1 $P1 0 due" "$IMPCB $IMPCB 0 due" "$K1 $K1 0 due" "$K1 $D1 0 due")" "$(listed)"
check_exit "a case with two reporters to call needs --reporter" 1 wd_as "$HL" callback "$K1" --wrong-number
check_match "... saying so" "2 reporters to call back" "$ERR"
check_exit "a reporter not on the list is refused" 1 wd_as "$HL" callback "$K1" --reporter r999 --wrong-number
check_exit "the hotline records a wrong number for D1's reporter" 0 \
	wd_as "$HL" callback "$K1" --reporter "$D1" --wrong-number
check_eq "... D1's reporter leaves the list, K1's stays" "$K1 $K1 0 due" "$(listed | grep "^$K1 ")"

# ---------------------------------------------------------------- usage
check_exit "callback without an outcome: usage (exit 2)" 2 wd_as "$HL" callback "$P1"
check_exit "two outcomes: usage (exit 2)" 2 wd_as "$HL" callback "$P1" --reached --no-answer
check_exit "--rating with --no-answer: usage (exit 2)" 2 wd_as "$HL" callback "$P1" --no-answer --rating 3
check_exit "--rating 6: usage (exit 2)" 2 wd_as "$HL" callback "$P1" --reached --rating 6
check_exit "an old --seen version is refused" 1 wd_as "$HL" callback "$P1" --no-answer --seen 1
check_eq "... nothing recorded" 0 \
	"$(sql "select count(*) from wardesk.callback_attempts a join wardesk.cases c on c.id = a.case_id where c.ref = '$P1'")"

# ---------------------------------------------------------------- retries
at "2026-12-02 10:00+07"
check_exit "no answer at 10:00" 0 wd_as "$HL" callback "$P1" --no-answer
check_match "... next try at 10:30" "call 1 recorded; next try at .*10:30" "$OUT"
check_eq "... still on the list, not due" "$P1 $P1 1 later" "$(listed | grep "^$P1 ")"
at "2026-12-02 10:31+07"
check_eq "due again after 30 min" "$P1 $P1 1 due" "$(listed | grep "^$P1 ")"
check_exit "no answer again at 10:31" 0 wd_as "$HL" callback "$P1" --no-answer
check_match "... next try 2 h later" "call 2 recorded; next try at .*12:31" "$OUT"
at "2026-12-02 12:00+07"
check_eq "not due after 1.5 h" "$P1 $P1 2 later" "$(listed | grep "^$P1 ")"
at "2026-12-02 12:32+07"
check_eq "due after 2 h" "$P1 $P1 2 due" "$(listed | grep "^$P1 ")"
check_exit "no answer a third time" 0 wd_as "$HL" callback "$P1" --no-answer
check_match "... no more tries" "call 3 recorded$" "$OUT"
check_eq "... off the list after three calls" "" "$(listed | grep "^$P1 ")"
check_exit "a fourth call is refused: nobody to call back" 1 wd_as "$HL" callback "$P1" --no-answer
check_exit "show P1" 0 wd_as "$CH" show "$P1"
OUT=$(printf '%s\n' "$OUT" | tr -s ' \n' '  ')   # wrapped lines joined
check_match "each call is in the history (call 1)" "called Bà Tư back with the result: no answer \(call 1\); next try at 10:30" "$OUT"
check_match "... (call 3, no more tries)" "no answer \(call 3\); no more tries" "$OUT"
check_eq "three callback events, chained" 3 \
	"$(sql "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$P1' and e.action = 'callback' and e.hash is not null")"

# ---------------------------------------------------------------- daytime hours
check_exit "an officer cannot set the hours" 1 wd_as "$O1" setting set callback_hours 08:00-17:00
check_exit "the chair cannot set nonsense hours" 2 wd_as "$CH" setting set callback_hours 17:00-08:00
check_match "... saying how" "callback_hours is a span of daytime" "$ERR"
check_exit "the chair sets the ward's hours 08:00-17:00" 0 wd_as "$CH" setting set callback_hours 08:00-17:00
at "2026-12-02 16:40+07"
H1=$(rep --phone 0909555666 --name "Chú Chín") && resolve "$H1" "Đã xử lý xong" || not_ok "setup: H1"
at "2026-12-02 16:55+07"
check_exit "no answer at 16:55" 0 wd_as "$HL" callback "$H1" --no-answer
at "2026-12-02 17:30+07"
check_eq "at 17:30 (outside the hours) not due" "$H1 $H1 1 later" "$(listed | grep "^$H1 ")"
check_match "... next try at 08:00 tomorrow" '^2026-12-03T08:00(:00)?\+07:00$' \
	"$(json_get "$(cat "$WD_TMP/cb.json")" '[r["next_try"] for r in j if r["ref"] == "'"$H1"'"][0]')"
at "2026-12-03 07:30+07"
check_eq "at 07:30 not yet" "$H1 $H1 1 later" "$(listed | grep "^$H1 ")"
at "2026-12-03 08:01+07"
check_eq "at 08:01 due" "$H1 $H1 1 due" "$(listed | grep "^$H1 ")"
at "2026-12-03 19:30+07"
H2=$(rep --phone 0909555777 --name "Dì Mười") || not_ok "setup: H2"
at "2026-12-03 20:00+07"
resolve "$H2" "Đã xử lý buổi tối" || not_ok "resolve H2"
check_eq "a case resolved at 20:00 waits for the morning" "$H2 $H2 0 later" "$(listed | grep "^$H2 ")"

# ---------------------------------------------------------------- reached, rating
at "2026-12-03 09:00+07"
check_exit "reached with rating 4 and a comment" 0 \
	wd_as "$HL" callback "$K1" --reached --rating 4 --comment "Cảm ơn phường"
check_eq "... the case's rating is 4 with the comment" "4|Cảm ơn phường" "$(case_field "$K1" "rating || '|' || rating_comment")"
check_eq "... the attempt holds the rating" "reached|4" \
	"$(sql "select a.outcome || '|' || a.rating from wardesk.callback_attempts a join wardesk.cases c on c.id = a.case_id where c.ref = '$K1' and a.outcome = 'reached'")"
check_eq "... K1 leaves the list" "" "$(listed | grep "^$K1 ")"
check_exit "show K1" 0 wd_as "$CH" show "$K1"
OUT=$(printf '%s\n' "$OUT" | tr -s ' \n' '  ')
check_match "... its history: reached, rated 4 of 5" "called Anh Bảy back with the result: reached, rated 4 of 5" "$OUT"
check_exit "reached without a rating" 0 wd_as "$O1" callback "$IMPCB" --reached
check_eq "... IMPCB has no rating" "" "$(case_field "$IMPCB" rating)"

# ---------------------------------------------------------------- reopen
check_eq "H1 is on the list" "$H1 $H1 1 due" "$(listed | grep "^$H1 ")"
check_exit "the chair reopens H1" 0 wd_as "$CH" reopen "$H1" --note "Rác lại bị đổ"
check_eq "... its reporter leaves the list" "" "$(listed | grep "^$H1 ")"
# (late by its original deadline: a delay reason)
resolve "$H1" "Đã thu gom lần hai" BUSY || not_ok "resolve H1 again"
check_eq "resolved again: back, with no calls in this life" "$H1 $H1 0 due" "$(listed | grep "^$H1 ")"
check_match "... with the new note" "Đã thu gom lần hai" "$(cat "$WD_TMP/cb.json")"

# ---------------------------------------------------------------- permissions
check_exit "another ward's officer finds no such case" 1 wd_as "$GV" callback "$H1" --reached
check_exit "... and an empty list" 0 wd_as "$GV" callbacks --format tsv
check_eq "... only the header" 1 "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
check_eq "in psql another ward's officer sees none of the list" 0 \
	"$(psql_as "$GV" -c "select count(*) from wardesk.callback_list()")"
check_eq "... nor the attempts" 0 "$(psql_as "$GV" -c "select count(*) from wardesk.callback_attempts")"
OUT=$(psql_as "$GV" -c "select wardesk.callback_record('$H1', 'reached')" 2>&1)
check_match "... nor records a call there" "no case" "$OUT"
check_eq "the hotline in psql sees the ward's attempts" \
	"$(sql "select count(*) from wardesk.callback_attempts")" \
	"$(psql_as "$HL" -c "select count(*) from wardesk.callback_attempts")"
OUT=$(psql_as "$HL" -c "insert into wardesk.callback_attempts(case_id, ward_id, reporter, attempt, outcome)
	select id, ward_id, ref, 1, 'reached' from wardesk.cases where ref = '$H1'" 2>&1)
check_match "a hotline login cannot forge an attempt in psql" "permission denied" "$OUT"
OUT=$(psql_as "$HL" -c "delete from wardesk.callback_attempts" 2>&1)
check_match "... nor delete one" "permission denied" "$OUT"
check_exit "the audit chain still verifies" 0 wd_as "$CH" audit verify

# ---------------------------------------------------------------- statistics
# an app report, resolved and rated (the app's rating, beside the phone's)
cat >"$WD_TMP/app.json" <<'FEED'
[{"service_request_id": "CB-APP-1", "service_code": "MT", "description": "Rác trước nhà",
  "requested_datetime": "2026-12-03T08:50:00+07:00"}]
FEED
check_exit "an app report comes in" 0 wd_as "$HL" import "$WD_TMP/app.json"
APP=$(sql "select ref from wardesk.cases where external_id = 'CB-APP-1'")
resolve "$APP" "Đã thu gom" || not_ok "resolve the app report"
check_exit "... rated 2 in the app" 0 wd_as "$HL" rate "$APP" 2
check_eq "... not on the call-back list (it came from the app and asked nothing)" "" "$(listed | grep "^$APP ")"
# the statistics end at the desk clock's now (issue 17, item 4): H2 was
# resolved at 20:00 before the clock went back to 09:00 for the calls above,
# so the figures are read at 20:40, after everything happened
at "2026-12-03 20:40+07"
check_exit "stats --format json as the chair" 0 \
	wd_as "$CH" stats --from 2026-12-02T00:00+07:00 --to 2026-12-04T00:00+07:00 --format json
check_eq "the feedback rate: 2 of 6 reporters reached within 24 h" "6 2 0.3333" \
	"$(json_get "$OUT" '"%s %s %s" % (j["callbacks"]["reporters"], j["callbacks"]["informed_24h"], j["callbacks"]["feedback_rate"])')"
check_eq "ratings by phone and in the app side by side" "4.0 1 2.0 1" \
	"$(json_get "$OUT" '"%s %s %s %s" % (float(j["callbacks"]["rating_phone"]["avg"]), j["callbacks"]["rating_phone"]["count"], float(j["callbacks"]["rating_app"]["avg"]), j["callbacks"]["rating_app"]["count"])')"
check_eq "the list now: 2, none due at 20:40 (outside the hours 08:00-17:00)" "2 0" \
	"$(json_get "$OUT" '"%s %s" % (j["callbacks"]["list"]["count"], j["callbacks"]["list"]["due"])')"
check_eq "... the rest of the statistics is there" 1 "$(json_get "$OUT" '1 if "received" in j else 0')"
check_exit "stats (table)" 0 wd_as "$CH" stats --from 2026-12-02T00:00+07:00 --to 2026-12-04T00:00+07:00
check_match "... informed within 24 h" "^Informed within 24 h: +2/6" "$OUT"
check_match "... rating by phone" "^Rating by phone: +4[.,]00 \(1\)" "$OUT"
check_match "... rating in the app" "^Rating in the app: +2[.,]00 \(1\)" "$OUT"
check_match "... the list's age" "^On the list now: +2 \(0 due\), the oldest waiting" "$OUT"
check_exit "another ward's officer's stats count none of it" 0 \
	wd_as "$GV" stats --from 2026-12-02T00:00+07:00 --to 2026-12-04T00:00+07:00 --format json
check_eq "... 0 reporters, 0 on the list" "0 0" \
	"$(json_get "$OUT" '"%s %s" % (j["callbacks"]["reporters"], j["callbacks"]["list"]["count"])')"


# ---------------------------------------------------------------- never due at night
# H1 waited since 09:00 yesterday: at 04:15 it is not "call now" but the
# morning's first hour; the same for a first call (H2, resolved at 20:00)
at "2026-12-04 04:15+07"
check_eq "at 04:15 an overdue entry is not due" "$(printf '%s\n' "$H1 $H1 0 later" "$H2 $H2 0 later")" "$(listed)"
check_match "... its next try is 08:00 this morning" '^2026-12-04T08:00(:00)?\+07:00$' \
	"$(json_get "$(cat "$WD_TMP/cb.json")" '[r["next_try"] for r in j if r["ref"] == "'"$H1"'"][0]')"
check_exit "callbacks (table) at 04:15" 0 wd_as "$HL" callbacks
check_nomatch "... says 'now' for none" " now " "$OUT"
check_exit "stats at 04:15" 0 wd_as "$CH" stats --from 2026-12-02T00:00+07:00 --to 2026-12-05T00:00+07:00 --format json
check_eq "... the list: 2, none due" "2 0" \
	"$(json_get "$OUT" '"%s %s" % (j["callbacks"]["list"]["count"], j["callbacks"]["list"]["due"])')"
at "2026-12-04 08:00+07"
check_eq "at 08:00 both are due" "$(printf '%s\n' "$H1 $H1 0 due" "$H2 $H2 0 due")" "$(listed)"
