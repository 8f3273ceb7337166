#!/bin/bash
# import_fresh_plans.sh - an import into a new database, whose case_events
# was analyzed while empty (a new desk; the bench's cluster), looks up each
# event's place in the audit chain by index, not by reading every event of
# the transaction before it (tg_case_events_chain: a cached sequential scan
# made an import of 5,000 reports quadratic, issue 14 item 5).  Counted by
# the table's sequential scans (pg_stat_user_tables), never by time.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

check_eq "case_events is empty" 0 "$(sql "select count(*) from wardesk.case_events")"
sql "analyze wardesk.case_events" >/dev/null
check_eq "... and analyzed so" 0 "$(sql "select reltuples::int from pg_class where oid = 'wardesk.case_events'::regclass")"

"$WD_PY" - >"$WD_TMP/feed.json" <<'EOF'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
json.dump([{"service_request_id": "F-%d" % g, "service_code": "MT",
            "description": "Phản ánh %d" % g,
            "requested_datetime": (now - datetime.timedelta(minutes=g)).isoformat(),
            "address": "%d đường số %d" % (g, g % 7)} for g in range(1, 301)],
          sys.stdout, ensure_ascii=False)
EOF

# the statistics are kept per backend until it ends: a new session reads them
scans() { sql "select seq_scan from pg_stat_user_tables where relid = 'wardesk.case_events'::regclass"; }
S0=$(scans)
check_exit "300 requests in one transaction" 0 wd_as "$HL" import "$WD_TMP/feed.json"
check_match "... all new" '^300 new, 0 already imported' "$OUT"
check_eq "... 300 events in the chain" 300 "$(sql "select count(*) from wardesk.case_events")"
gone() { [ "$(sql "select count(*) from pg_stat_activity where usename = '$HL'")" = 0 ]; }
check "the import's session has ended" wait_until 10 gone
sleep 0.5   # (it writes its counters as it ends)
grew=$(( $(scans) - S0 ))
check "the chain's place of each event found by index (sequential scans of case_events: $grew)" \
	test "$grew" -lt 30
check_eq "the chain is intact" t "$(sql "select bool_and(intact) from wardesk.audit_verify(null)")"
