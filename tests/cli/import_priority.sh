#!/bin/bash
# import_priority.sh - the batch import (import_requests -> intake_cases, one
# INSERT per batch, alerts and audit once per statement) keeps the rules of
# one case at a time: the category's default priority with its urgent
# deadline (014), 'urgent' alerts to everyone on duty and the chairs instead
# of 'new' (and phone messages from them, 016), the events credited to the
# importing login with no run_by (015), and refusals with their rule's own
# SQLSTATE and JSON detail, the item named in the user's language (vi).
. "$(dirname "$0")/../lib.sh"

CH=$(mk_officer chu "Trần Thị Chủ" chair) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
HL=$(mk_officer hl "Phạm Thị Hà" hotline) || { not_ok "setup: officers"; exit 1; }
wd_as "$AN" shift start >/dev/null 2>&1 || not_ok "setup: an on shift"
check_exit "setup: the chair's mobile" 0 wd_as "$CH" officer set "$CH" --mobile 0912345678
check_exit "setup: ANTT urgent by default, urgent deadline 20 min" 0 \
	wd_as "$CH" category set ANTT --urgent-deadline 20 --urgent-warn 8 --urgent-escalate 4 --default-priority urgent

# feed FILE CODE...: one open request per service code, received a minute ago
feed() {
	local out=$1; shift
	"$WD_PY" - "$@" >"$out" <<'PY'
import json, sys, datetime
t = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
json.dump([{"service_request_id": "PRIO-%d" % i, "service_code": c,
            "description": "Phản ánh số %d" % i, "status": "open", "requested_datetime": t,
            "address": "%d Lê Lợi" % (i * 100)} for i, c in enumerate(sys.argv[1:], 1)],
          sys.stdout, ensure_ascii=False)
PY
}
field() { sql "select $2 from wardesk.cases where external_id = '$1'"; }
mins() { field "$1" "extract(epoch from deadline_at - received_at)::int / 60"; }
kinds() {
	sql "select coalesce(string_agg(a.kind || ':' || a.recipient, ' ' order by a.kind, a.recipient), '')
	       from wardesk.alerts a join wardesk.cases c on c.id = a.case_id where c.external_id = '$1'"
}

feed "$WD_TMP/f.json" ANTT MT ANTT
run wd_as "$HL" import "$WD_TMP/f.json"
check_eq "a feed of three requests is imported in one batch" 0 "$RC" || diag "$ERR"
check_match "... three new" '^3 new, 0 already imported' "$OUT"
check_eq "ANTT request: urgent (the category's default), 20 min deadline" "urgent|20" \
	"$(field PRIO-1 priority)|$(mins PRIO-1)"
check_eq "MT request: normal, 120 min" "normal|120" "$(field PRIO-2 priority)|$(mins PRIO-2)"
check_eq "the second ANTT request: urgent too" "urgent|20" "$(field PRIO-3 priority)|$(mins PRIO-3)"
check_eq "urgent arrivals alert the officer on duty and the chair, 'urgent', no 'new'" \
	"urgent:$AN urgent:$CH" "$(kinds PRIO-1)"
check_eq "... the same for the other urgent one of the batch" "urgent:$AN urgent:$CH" "$(kinds PRIO-3)"
check_eq "the normal arrival: 'new' to the officer on duty only" "new:$AN" "$(kinds PRIO-2)"
check_eq "the chair's phone gets a message for each urgent alert (t80_phone)" 2 \
	"$(sql "select count(*) from wardesk.phone_messages m where m.recipient = '$CH' and m.kind = 'urgent'")"
check_eq "each case's event: 'report' by the importing login, no run_by" "report|$HL|-" \
	"$(sql "select string_agg(distinct e.action || '|' || e.actor || '|' || coalesce(e.run_by, '-'), ' ')
	          from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	         where c.external_id like 'PRIO-%'")"
run wd_as "$AN" audit verify
check_eq "the audit chain verifies" 0 "$RC" || diag "$OUT" "$ERR"

# a refusal in a batch: its rule's own SQLSTATE, the item in the detail
vi_env=(LANG=vi_VN.UTF-8)
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
"$WD_PY" - "$WD_TMP/bad.json" <<'PY'
import json, sys, datetime
now = datetime.datetime.now(datetime.timezone.utc)
t = (now - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
later = (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
json.dump([{"service_request_id": "OK-1", "service_code": "MT", "description": "Rác", "requested_datetime": t},
           {"service_request_id": "BAD-2", "service_code": "MT", "description": "Rác",
            "requested_datetime": later}], open(sys.argv[1], "w"))
PY
run env PGUSER="$HL" LANG=C.UTF-8 "$WD_BIN" import "$WD_TMP/bad.json"
check_eq "item 2 received tomorrow: the database refuses it as bad input (exit 2)" 2 "$RC"
check_match "... in English: the item, its id and the rule's words" \
	'^wardesk: item 2 \(BAD-2\): the received time .* is in the future; nothing was imported$' "$ERR"
run env PGUSER="$HL" "${vi_env[@]}" "$WD_BIN" import "$WD_TMP/bad.json"
check_match "... in Vietnamese: the item named in Vietnamese too" \
	'^wardesk: mục 2 \(BAD-2\): thời điểm tiếp nhận .* ở tương lai; chưa nhập gì$' "$ERR"
check_eq "... nothing of item 1 stays" 0 "$(sql "select count(*) from wardesk.cases where external_id = 'OK-1'")"
run psql_as "$HL" -c "\\set VERBOSITY verbose" -c "select * from wardesk.import_requests(
	'[{\"item\": 7, \"external_id\": \"X-7\", \"service_code\": \"MT\", \"description\": \"x\",
	   \"requested_at\": \"2026-01-01T00:00:00Z\", \"rating\": 9}]')"
check_match "psql: the rule's own SQLSTATE (WD529), the item in the message" \
	'WD529: item 7 \(X-7\): a rating is 1 to 5 \(got 9\)' "$ERR"
check_match "... and the parameters with the item in the JSON detail" \
	'DETAIL: +\{"item": "7", "label": "X-7", "rating": "9"\}' "$ERR"
