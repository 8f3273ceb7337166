#!/bin/bash
# notify_event.sh - one alert notification per event, not one per recipient
# (issue 14, item 1): a new case alerting four officers on duty sends one
# NOTIFY on the ward's alert channel naming all four; the sweep's warning of
# an unowned case likewise; every listener that is a recipient still acts on
# it (wardesk watch notifies, the alerts are delivered).
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"

HL=$(mk_officer hl "Tổng Đài" hotline) || { not_ok "setup: hotline"; exit 1; }
O=()
for i in 1 2 3 4; do
	O+=("$(mk_officer "o$i" "Cán Bộ $i" officer)") || { not_ok "setup: officer $i"; exit 1; }
done
CH=$(mk_officer ch "Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
REC=$WD_TMP/notify.jsonl
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }
ok "setup: a hotline operator, four duty officers and a chair; a notification server"

# heard LOGIN SQL: run SQL as LOGIN's psql session listening to its ward's
# alert channel; print the alert notifications it received.
heard() {
	psql -X -U "$1" 2>&1 <<SQL | grep -E '^Asynchronous notification "wardesk_alert_'
select format('LISTEN %I', channel) from wardesk.my_channels() where kind = 'alert' \gexec
$2
select pg_sleep(0.2);
select 1;
SQL
}

out=$(heard "${O[0]}" "\\! PGUSER=$HL \"$WD_BIN\" report --category MT --text 'Rác' --address '1 Lê Lợi' >/dev/null")
check_eq "a new case alerting four officers: one notification" 1 "$(printf '%s\n' "$out" | grep -c .)"
want=$(printf '"%s", ' "${O[@]}")
check_match "... naming the four" "\"kind\":\"new\",\"to\":\\[${want%, }\\]" "$out"
check_eq "... four alert rows all the same" 4 "$(sql "select count(*) from wardesk.alerts where kind = 'new'")"
check_eq "... its id is the last of them" \
	"$(sql "select max(id) from wardesk.alerts where kind = 'new'")" \
	"$(printf '%s\n' "$out" | sed -n 's/.*{"id":\([0-9]*\),.*/\1/p')"
# (issue 14, item 1: what a console needs to show it without a query)
p=$(printf '%s\n' "$out" | sed -n 's/.* with payload "\(.*\)" received from .*/\1/p')
check_eq "... strict JSON with each recipient's own alert id, in the order of \"to\" (\"first-last\")" \
	"$(sql "select string_agg(recipient || '=' || id, ',' order by recipient) from wardesk.alerts where kind = 'new'")" \
	"$(json_get "$p" '",".join(t + "=" + str(int(j["ids"].split("-")[0]) + k) for k, t in enumerate(j["to"])) if j["ids"].count("-") == 1 else "not a range: " + j["ids"]')"
check_eq "... and what the alert says (ref, category, address, description, no summary)" \
	"$(sql "select concat_ws('|', ref, category, address, description, 0, 'false') from wardesk.cases")" \
	"$(json_get "$p" '"|".join(str(j[k]) for k in ("ref", "cat", "addr", "desc", "n")) + "|" + json.dumps(j["res"])')"

sql "update wardesk.test_clock set clock_offset = '95 min'" >/dev/null
out=$(heard "${O[1]}" "select count(*) from wardesk.sweep();")
check_eq "the sweep's warning of the unowned case: one notification" 1 \
	"$(printf '%s\n' "$out" | grep -c '"kind":"warning"')"
check_match "... naming the four officers" "\"kind\":\"warning\",\"to\":\\[${want%, }\\]" "$out"

# A recipient's watcher acts on it: it fetches and marks its own alerts.
sql "update wardesk.test_clock set clock_offset = '0'" >/dev/null
# shellcheck disable=SC2086
PGUSER=${O[2]} $WD_WRAP "$WD_BIN" watch --interval 3600 --notify </dev/null >"$WD_TMP/w.out" 2>"$WD_TMP/w.err" &
WPID=$!
at_exit kill "$WPID"
_idle() { [ "$(sql "select count(*) from pg_stat_activity where usename = '${O[2]}' and state = 'idle'
                    and query like '%wardesk.alerts%'")" -ge 1 ]; }
check "the watcher is up" wait_until 10 _idle
report_as "$HL" --category HT --text "Ổ gà" --address "2 Lê Lợi" >/dev/null
_delivered() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '${O[2]}' and kind = 'new'
                          and delivered_at is not null")" -ge 1 ]; }
check "a recipient's watch gets its alert from the one notification (delivered)" wait_until 10 _delivered
kill -TERM "$WPID"
wait "$WPID"
check "... and shows it" notify_wait_count "$REC" 1 10

# Bounded under 8000 bytes.  With 236 more officers on duty (long logins)
# and a description of 200 three-byte characters, the recipients fit but
# not with what the alert says: the form without the ids and the case (the
# recipients fetch); with 300, not even the recipients: "to": null.
more() {   # more FROM TO: officers officer_on_duty_padding_FROM..TO of the ward
	sql "insert into wardesk.officers(login, full_name, role, ward_id)
	     select 'officer_on_duty_padding_' || i, 'Cán Bộ ' || i, 'officer', ward_id
	       from generate_series($1, $2) i, (select ward_id from wardesk.officers
	                                         where login = '${O[0]}') w" >/dev/null
}
long=$(printf 'ệ%.0s' $(seq 1 250))
more 1 236
out=$(heard "${O[0]}" "\\! PGUSER=$HL \"$WD_BIN\" report --category MT --text '$long' --address '3 Lê Lợi' >/dev/null")
p=$(printf '%s\n' "$out" | sed -n 's/.* with payload "\(.*\)" received from .*/\1/p')
check_eq "240 recipients: one notification, JSON under 8000 bytes, the recipients without ids" \
	"True|240|False|False" \
	"$(json_get "$p" '"|".join(str(x) for x in (len(sys.argv[1].encode()) < 8000, len(j["to"]), "ids" in j, "ref" in j))')"
more 237 300
out=$(heard "${O[0]}" "\\! PGUSER=$HL \"$WD_BIN\" report --category MT --text 'Rác' --address '4 Lê Lợi' >/dev/null")
p=$(printf '%s\n' "$out" | sed -n 's/.* with payload "\(.*\)" received from .*/\1/p')
check_eq "304 recipients: \"to\": null (every console fetches)" "None|True" \
	"$(json_get "$p" '"|".join(str(x) for x in (j["to"], "case" in j))')"
