#!/bin/bash
# import_dupes_batch.sh - the likely duplicates of a feed batch are found in
# one lookup for the whole batch (dup_flags in intake_cases, issue 14 item
# 5), not by the per-row trigger: each request gets the flags it gets when
# imported on its own, one request at a time (the ward's cases and the
# requests before it: same place, same address, within 24 h, at most 3,
# nearest first, never a case closed as a duplicate); a case written
# outside intake_cases (psql as the owner) is still flagged by the trigger;
# a session setting cannot turn the batch lookup off.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
HL2=$(mk_officer hl2 "Lê Văn Hai" hotline DB) &&
AN2=$(mk_officer an2 "Phạm Văn Ba" officer DB) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

ADDR="5 đường số 2, Phường Tân Định"
# the same cases before the feed in both wards: P1 open, P2 merged into it
# (closed as a duplicate: never a candidate)
pre() {
	local hl=$1 an=$2 p1 p2
	p1=$(report_as "$hl" --category HT --text "Trước: đèn hỏng" --address "$ADDR") &&
	p2=$(report_as "$hl" --category HT --text "Trước: đèn hỏng lần hai" --address "$ADDR") &&
	wd_as "$an" merge "$p2" "$p1" >/dev/null </dev/null && echo "$p1"
}
P1=$(pre "$HL" "$AN") && P1B=$(pre "$HL2" "$AN2") || { not_ok "setup: cases before the feed"; exit 1; }
ok "setup: cases before the feed"

# 60 requests over 40 hours, three service codes, five addresses on four
# streets (some none), positions about 22 m apart (some none)
feed() {
	"$WD_PY" - "$1" <<'EOF'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
out = []
for g in range(1, 61):
    r = {"service_request_id": "%s-%d" % (sys.argv[1], g),
         "service_code": ["HT", "MT", "TTDT"][g % 3],
         "description": "Phản ánh %d" % g,
         "requested_datetime": (now - datetime.timedelta(minutes=40 * (61 - g))).isoformat()}
    if g % 5:
        r["address"] = "%d đường số %d, Phường Tân Định" % (g * 7 % 5 + 1, g % 4 + 1)
    if g % 6:
        r["lat"] = round(10.8 + (g * 13 % 7) * 0.0002, 6)
        r["long"] = round(106.7 + (g * 11 % 5) * 0.0002, 6)
    out.append(r)
json.dump(out, sys.stdout, ensure_ascii=False)
EOF
}
feed A >"$WD_TMP/a.json" && feed B >"$WD_TMP/b.json" || { not_ok "setup: feeds"; exit 1; }

# every import of HL is counted by function (tg_cases_intake_flags and
# dup_candidates must not run once per row of a batch)
sql "alter role $HL set track_functions = 'all'" >/dev/null
check_exit "the feed in one batch" 0 wd_as "$HL" import "$WD_TMP/a.json"
check_match "... 60 new" '^60 new, 0 already imported, [0-9]+ flagged$' "$OUT"

# the same feed one request at a time into the other ward
one_by_one() {
	local i
	for i in $(seq 0 59); do
		"$WD_PY" -c 'import json, sys; print(json.dumps([json.load(open(sys.argv[1]))[int(sys.argv[2])]]))' \
			"$WD_TMP/b.json" "$i" >"$WD_TMP/one.json" || return 1
		wd_as "$HL2" import "$WD_TMP/one.json" >/dev/null </dev/null || return 1
	done
}
check "the feed one request at a time (other ward)" one_by_one

# each case's flags as "n:item,item,..." (a case before the feed by its text)
flags_of() {
	psql_as postgres -v w="$1" <<'EOF'
select split_part(c.external_id, '-', 2) || ':' ||
       coalesce((select string_agg(coalesce(split_part(d.external_id, '-', 2), d.description), ','
                                   order by u.o)
                   from unnest(c.flags) with ordinality u(f, o)
                   join wardesk.cases d on 'likely_duplicate:' || d.ref = u.f), '')
  from wardesk.cases c join wardesk.wards w on w.id = c.ward_id
 where w.code = :'w' and c.external_id is not null
 order by split_part(c.external_id, '-', 2)::int
EOF
}
BATCH=$(flags_of "$WD_WARD") ONE=$(flags_of DB)
check_eq "the batch's flags are those of one request at a time" "$ONE" "$BATCH"
check_eq "... 60 cases" 60 "$(wc -l <<<"$BATCH")"
check_eq "... many flagged (within the batch too)" t \
	"$(grep -cE ':[0-9]' <<<"$BATCH" | awk '{print ($1 >= 20) ? "t" : "f"}')"
check_eq "... some with the most, 3" t "$(grep -cE ':[^,]+,[^,]+,[^,]+$' <<<"$BATCH" | awk '{print ($1 > 0) ? "t" : "f"}')"
check_match "... a case from before the feed is one" ':(.*,)?Trước: đèn hỏng(,|$)' "$BATCH"
check_nomatch "... never the one closed as a duplicate" 'lần hai' "$BATCH"

stats() {
	sql "select coalesce(sum(calls) filter (where funcname = 'import_requests'), 0) || '|' ||
	            coalesce(sum(calls) filter (where funcname in ('tg_cases_intake_flags', 'dup_candidates')), 0)
	       from pg_stat_user_functions where schemaname = 'wardesk'"
}
imported() { [ "$(stats | cut -d'|' -f1)" -ge 1 ]; }
check "the batch's function counts are in" wait_until 10 imported
check_eq "no per-row trigger nor per-case lookup for the batch" 0 "$(stats | cut -d'|' -f2)"

# a case written outside intake_cases (psql as the owner) is flagged by the
# trigger, with its address key and app_updated_at
check_match "a case inserted by hand is flagged too" "^\\{likely_duplicate:$P1B[,}].*\\|true\\|true\$" "$(sql "
insert into wardesk.cases(ward_id, ref, channel, category, description, address, received_at, deadline_at)
values ((select id from wardesk.wards where code = 'DB'), 'DB-900', 'walkin', 'HT', 'Bằng tay',
        '$ADDR', now(), now() + interval '2 hours')
returning flags::text || '|' || (address_key is not null) || '|' || (app_updated_at is not null)")"

# the setting that leaves intake_cases' rows to it cannot turn flags off
check_match "a session setting does not skip the lookup" "^\\{likely_duplicate:$P1[,}]" "$(psql_as "$HL" -c "
select set_config('wardesk.intake_flagged', 'on', false);
select (wardesk.report('HT', 'Đèn hỏng nữa', '$ADDR')).flags" | tail -n 1)"
