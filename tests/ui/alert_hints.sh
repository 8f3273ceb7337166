#!/bin/bash
# alert_hints.sh - an alert shown from its notification, no query (issue
# 14, item 1): the alert NOTIFY carries what the status line says, so the
# officer's console shows "New case X" without fetching; "delivered" is
# written in one statement per console every few seconds (alerts_seen), not
# a fetch and an UPDATE per alert (alerts_delivered); a payload forged by a
# login of the same ward is shown (a hint), sanitised, and leaves the
# status line when the confirmation finds no such alert; an alert whose
# notification the console did not see is announced by the confirmation.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Trần Văn Bình" officer) || { not_ok "setup: officers"; exit 1; }
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\nset sweep-seconds 0\n' >"$XDG_CONFIG_HOME/wardesk/config"   # the status line
# (function call counts: the consoles' statements, below)
sql "alter system set track_functions = 'all'" >/dev/null && sql "select pg_reload_conf()" >/dev/null
at_exit sql "alter system reset track_functions"
calls() {   # calls FUNCTION: how often it ran (flushed statistics)
	sql "select coalesce(sum(calls), 0) from pg_stat_user_functions
	      where schemaname = 'wardesk' and funcname = '$1'"
}
ok "setup: officers"

RAW=$WD_TMP/raw
tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "an's console is live" "$AN .* live"
sleep 1
sql "select pg_stat_reset()" >/dev/null

# -- three new cases, a second apart: each shown from its notification
for i in 1 2 3; do
	R[$i]=$(report_as "$HL" --category MT --text "Rác số $i" --address "$i Lê Lợi")
	check_screen "new case $i is announced on an's status line" "^New case ${R[$i]}\$"
	sleep 1
done
undelivered() { sql "select count(*) from wardesk.alerts where recipient = '$AN' and delivered_at is null"; }
_none() { [ "$(undelivered)" = 0 ]; }
check "the three alerts are marked delivered within seconds" wait_until 15 _none
_seen() { [ "$(calls alerts_seen)" -ge 1 ]; }
check "... by alerts_seen (its statistics flushed)" wait_until 20 _seen
check_eq "... no alerts_delivered call (no fetch and UPDATE per alert)" 0 "$(calls alerts_delivered)"
n=$(calls alerts_seen)
if [ "$n" -le 2 ]; then ok "... in at most 2 statements for 3 alerts ($n)"; else
	not_ok "... in at most 2 statements for 3 alerts" "alerts_seen ran $n times"; fi

# -- a forged alert from binh (same ward: he knows the channel)
forge() {   # forge REF ID
	psql_as "$BINH" -v ref="$1" -v fid="$2" -v me="$AN" -v case="${R[1]}" <<'SQL'
select pg_notify(m.channel, json_build_object('id', :'fid'::bigint, 'case', c.id,
	'kind', 'urgent', 'to', json_build_array(:'me'), 'ids', :'fid',
	'ref', :'ref', 'cat', c.category, 'cat_vi', 'x', 'addr', 'y', 'desc', 'z',
	'dl', extract(epoch from c.deadline_at)::bigint, 'n', 0, 'about', null, 'lvl', 0,
	'res', false)::text)
  from wardesk.my_channels() m, wardesk.cases c
 where m.kind = 'alert' and c.ref = :'case'
SQL
}
# (fid: above every alert id, as a forger would pick)
forge $'FORGED\e[31mRED\u202eXY' 900000001 >/dev/null
check_screen "a forged alert is shown (a hint)" "^URGENT case FORGED"
check_nomatch "... sanitised: no escape sequence from the payload reaches the terminal" \
	$'\e\\[31mRED' "$(cat "$RAW")"
check_nomatch "... sanitised: no bidi override reaches the terminal" $'\u202e' "$(cat "$RAW")"
_gone() { tm_capture >/dev/null; ! grep -q FORGED <<<"$TM_SCREEN"; }
check "... and leaves the status line when the confirmation finds no such alert" wait_until 10 _gone

# -- an alert whose notification the console missed (made with the alert
# trigger off: no NOTIFY), then a real one: the confirmation announces both
sql "alter table wardesk.alerts disable trigger t90_notify;
     insert into wardesk.alerts(case_id, ward_id, kind, recipient)
     select id, ward_id, 'assigned', '$AN' from wardesk.cases where ref = '${R[2]}';
     alter table wardesk.alerts enable trigger t90_notify" >/dev/null
R4=$(report_as "$HL" --category MT --text "Rác số 4" --address "4 Lê Lợi")
check_screen "a real alert after it is announced" "New case $R4"
check_screen "... and the missed one by the confirmation" "^${R[2]} is assigned to you" 10
check "... both marked delivered" wait_until 10 _none

# -- a burst of 70 new cases in one transaction: said once ("70 new cases"),
# and the confirmation does not announce any of them again
psql_as "$HL" -c "select wardesk.report('MT', 'Rác số ' || i, '1' || i || ' Lê Lợi') from generate_series(1, 70) i" >/dev/null
check_screen "70 new cases in one transaction: one line" "^70 new cases\$"
check "... all marked delivered" wait_until 15 _none
sleep 1
tm_capture >/dev/null
check_nomatch "... and none announced again by the confirmation" "^([0-9]+ new cases|New case .*)\$" \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n '$p' | grep -v '^70 new cases$')"
