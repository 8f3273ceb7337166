#!/bin/bash
# stats_history.sh - a period's statistics come from the history (issue 17,
# items 1-3): what happened in a period stays there.  A case closed late
# (with a delay reason) on day 1, reopened on day 2 and closed again: day 1's
# figures are identical before and after; day 2 counts the reopen and the
# re-close, late against the case's original deadline; the rating stays
# with the resolution it rated.  A duplicate merged away is counted apart
# ("merged"), never judged; only the surviving case is.  A request closed in
# the app and imported is closed by the app, at the app's time: not the
# importing account's, not late, not resolved by the desk.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) &&
APP=$(mk_officer app "Ứng dụng" hotline) &&
sql "grant wardesk_feed to $APP" >/dev/null || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
clock() { sql "update wardesk.test_clock set clock_offset = '$1'" >/dev/null; }
desk() { sql "select extract(epoch from wardesk.now())::bigint"; }
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
DR=$(sql "select code from wardesk.delay_reasons where active order by sort limit 1")

T0=$(desk)
R=$(report_as "$HL" --category MT --text "Rác thải bốc mùi") &&
S=$(report_as "$HL" --category HT --text "Đèn đường hỏng ở hẻm 12") || { not_ok "setup: reports"; exit 1; }
clock '130 min'
D=$(report_as "$HL" --category HT --text "Đèn đường hẻm 12 không sáng") &&
R2=$(report_as "$HL" --category MT --text "Nước thải tràn ra đường") &&
wd_as "$AN" take "$R" >/dev/null &&
wd_as "$AN" close "$R" --note "Đã dọn" --delay-reason "$DR" >/dev/null &&
wd_as "$AN" take "$R2" >/dev/null &&
wd_as "$AN" close "$R2" --note "Đã xử lý" >/dev/null &&
wd_as "$HL" rate "$R" 2 >/dev/null || { not_ok "setup: day 1 (one late close, one on time, a rating)"; exit 1; }
ok "setup: day 1"

# day 1 = [T0 - 1 min, T0 + 20 h), day 2 = [T0 + 20 h, T0 + 44 h)
A_FROM=$(iso $((T0 - 60))) A_TO=$(iso $((T0 + 20 * 3600)))
B_FROM=$A_TO B_TO=$(iso $((T0 + 44 * 3600)))
clock '1 day'
check_exit "day 1 (json), before the reopen" 0 wd_as "$CH" stats --from "$A_FROM" --to "$A_TO" --format json
A1=$OUT
check_eq "day 1: 2 resolved, 1 on time, $R late with its reason, rated" "2 1 0.5 $R $DR 1" \
	"$(json_get "$A1" '"%d %d %s %s %s %d" % (j["resolved"], j["on_time"], j["on_time_rate"],
	   ",".join(x["ref"] for x in j["late"] if x["closed"]), j["late"][0]["delay_reason"], j["rating_count"])')"
check_eq "day 1: $S and $D were open and overdue at its end, nobody held them" \
	"$S new -,$D new -" \
	"$(json_get "$A1" '",".join("%s %s %s" % (x["ref"], x["state"], x["owner"] or "-") for x in j["late"] if not x["closed"])')"
A1_CSV=$(wd_as "$CH" stats --from "$A_FROM" --to "$A_TO" --format csv)
A1_SUM=$(sql "select * from wardesk.window_summary('$A_FROM', '$A_TO')")

# day 2: the chair reopens R; it is taken and closed again at once (on time
# by its new deadline, late by its original one: a delay reason is asked
# for, as at the first close); D is merged into S after
# D's deadline, and S is closed late
check_exit "day 2: the chair reopens $R" 0 wd_as "$CH" reopen "$R" --note "Người dân báo rác vẫn còn"
check_exit "day 2: $R is taken and closed again" 0 \
	bash -c "$(printf '%q ' env PGUSER="$AN" "$WD_BIN") take $R >/dev/null &&
	         $(printf '%q ' env PGUSER="$AN" "$WD_BIN") close $R --note 'Đã dọn lại' --delay-reason BUSY"
check_exit "day 2: $D is merged into $S" 0 wd_as "$AN" merge "$D" "$S"
check_exit "day 2: $S is taken" 0 wd_as "$AN" take "$S"
check_exit "day 2: $S is closed late" 0 wd_as "$AN" close "$S" --note "Đã thay bóng" --delay-reason "$DR"

check_exit "day 1 (json), after the reopen and re-close" 0 wd_as "$CH" stats --from "$A_FROM" --to "$A_TO" --format json
check_eq "day 1: every figure of the JSON is unchanged" "$A1" "$OUT"
check_eq "day 1: the CSV is unchanged" "$A1_CSV" "$(wd_as "$CH" stats --from "$A_FROM" --to "$A_TO" --format csv)"
check_eq "day 1: the handover summary (window_summary) is unchanged" "$A1_SUM" \
	"$(sql "select * from wardesk.window_summary('$A_FROM', '$A_TO')")"

check_exit "day 2 (json)" 0 wd_as "$CH" stats --from "$B_FROM" --to "$B_TO" --format json
B=$OUT
check_eq "day 2: 1 reopened, 2 resolved ($R again, $S), 1 merged, 0 on time" "1 2 1 0" \
	"$(json_get "$B" '"%d %d %d %d" % (j["reopened"], j["resolved"], j["merged"], j["on_time"])')"
check_eq "day 2: reopen rate 1 of 2 resolutions" "0.5" "$(json_get "$B" 'j["reopen_rate"]')"
check_eq "day 2: late are the re-close (against the original deadline) and $S; not the merged $D" \
	"$(printf '%s\n' "$R" "$S" | sort | paste -sd,)" \
	"$(json_get "$B" '",".join(sorted(x["ref"] for x in j["late"]))')"
check_eq "day 2: the re-close is late by its original deadline (21 h and more)" yes \
	"$(json_get "$B" '"yes" if [x for x in j["late"] if x["ref"] == "'"$R"'"][0]["delay_secs"] > 21 * 3600 else "no"')"
check_eq "day 2: the day-1 rating is not the re-close's" 0 "$(json_get "$B" 'j["rating_count"]')"
check_eq "day 2: $AN held both resolutions, merged one" "2 0 1" \
	"$(json_get "$B" '" ".join(str(o[k]) for o in j["by_officer"] if o["login"] == "'"$AN"'" for k in ("resolved", "on_time", "merged"))')"
check_eq "day 2: the reopen is counted against the resolution it undid ($AN's)" 1 \
	"$(json_get "$B" '[o["reopened"] for o in j["by_officer"] if o["login"] == "'"$AN"'"][0]')"
check_exit "day 2 (table)" 0 wd_as "$CH" stats --from "$B_FROM" --to "$B_TO"
check_match "table: reopened and merged" "^Reopened: +1 " "$OUT"
check_match "table: merged" "^Merged: +1$" "$OUT"
# the board's today (board_summary) shares the definition: when day 2's
# desk day holds both closes, it counts them, and not the merge - and
# not day 1's closes: run after about 21:50 in Ho Chi Minh City, day 1's
# closes (130 min later) fall after midnight, in the desk day of day 2
# (the clock is set, not added: '1 day' is a day after the real now), and
# the check is skipped (it failed then: 4 resolved, 1 on time)
if [ "$(sql "select date_trunc('day', wardesk.now() at time zone 'Asia/Ho_Chi_Minh')
             < (select min(at) at time zone 'Asia/Ho_Chi_Minh' from wardesk.case_events where action = 'reopen')
         and date_trunc('day', wardesk.now() at time zone 'Asia/Ho_Chi_Minh')
             > (select max(at) at time zone 'Asia/Ho_Chi_Minh' from wardesk.case_events
                 where action = 'close'
                   and at < (select min(at) from wardesk.case_events where action = 'reopen'))")" = t ]; then
	check_eq "the board's today: 2 resolved, 0 on time (the merge is not a resolution)" "2|0" \
		"$(sql "select today_resolved || '|' || today_on_time from wardesk.board_summary()")"
else
	skip "the board's today" "day 1's closes or the reopen fell on the wrong side of the desk day's midnight"
fi

# --- a request closed in the app, imported later by the app's feed account
clock '2 days'
NOW=$(desk)
cat >"$WD_TMP/closed.json" <<EOF
[{"service_request_id": "APP-CLOSED-1", "service_code": "MT", "description": "Cây đổ chắn lối đi",
  "requested_datetime": "$(iso $((NOW - 5 * 3600)))", "updated_datetime": "$(iso $((NOW - 4 * 3600 - 1800)))",
  "status": "closed", "status_notes": "Đã xử lý qua ứng dụng"},
 {"service_request_id": "APP-CLOSED-2", "service_code": "MT", "description": "Ống nước vỡ",
  "requested_datetime": "$(iso $((NOW - 5 * 3600)))", "updated_datetime": "$(iso $((NOW - 1800)))",
  "status": "closed", "status_notes": "Đã xử lý qua ứng dụng"}]
EOF
check_exit "the feed account imports two requests closed in the app" 0 wd_as "$APP" import "$WD_TMP/closed.json"
check_exit "stats of the hour the app closed the first one" 0 wd_as "$CH" stats \
	--from "$(iso $((NOW - 4 * 3600 - 3600)))" --to "$(iso $((NOW - 4 * 3600)))" --format json
check_eq "closed in the app: counted at the app's time, apart, not as the desk's resolution" "1 0" \
	"$(json_get "$OUT" '"%d %d" % (j["closed_in_app"], j["resolved"])')"
check_exit "stats of the last 40 minutes (the import)" 0 wd_as "$CH" stats \
	--from "$(iso $((NOW - 2400)))" --format json
check_eq "the later one (past its deadline in the app): closed in the app, never late" "1 0 " \
	"$(json_get "$OUT" '"%d %d %s" % (j["closed_in_app"], j["resolved"], ",".join(x["ref"] for x in j["late"]))')"
check_eq "... and not credited to the importing account" "no" \
	"$(json_get "$OUT" '"yes" if "'"$APP"'" in [o["login"] for o in j["by_officer"]] else "no"')"
