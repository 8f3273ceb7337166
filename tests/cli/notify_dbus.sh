#!/bin/bash
# notify_dbus.sh - desktop notifications through the real libnotify on a
# private D-Bus session, recorded by tests/tools/notify-recorder.py: an
# escalation reaches the chair as a critical notification, naming the
# category in the interface's language (English here); a burst of new
# cases becomes one "N new cases"; a slow server never holds wardesk up.
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"

HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline"; exit 1; }
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) || { not_ok "setup: o1"; exit 1; }
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
REC=$WD_TMP/notify.jsonl
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }
ok "setup: officers, recorder on the session bus"

A=$(report_as "$HL" --category ANTT --text "Nhóm thanh niên <b>tụ tập</b> nẹt pô" --address "210 Phan Đăng Lưu") ||
	{ not_ok "setup: report"; exit 1; }

# -- the chair's escalation, critical
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null
t0=$(date +%s)
check_exit "watch --once --notify as the chair" 0 wd_as "$CH" watch --once --notify
check_match "... escalates the case" "^[^ ]+ $A auto-escalate level 1 -> $CH\$" "$OUT"
check_eq "... says nothing about notifications" "" "$ERR"
check "one notification recorded" notify_wait_count "$REC" 1 10
n=$(head -n 1 "$REC")
check_eq "summary names the case" "$A is escalated to you" "$(json_get "$n" 'j["summary"]')"
check_eq "urgency is critical (2)" 2 "$(json_get "$n" 'j["urgency"]')"
check_eq "from wardesk" wardesk "$(json_get "$n" 'j["app_name"]')"
# the category in the interface's language (it was Vietnamese under every one)
en=$(sql "select name_en from wardesk.categories where code = 'ANTT'")
check_match "body: category (in English), address, text" "^$en, due .*210 Phan Đăng Lưu" "$(json_get "$n" 'j["body"]')"
check_nomatch "... not the Vietnamese name" "An ninh trật tự" "$(json_get "$n" 'j["body"]')"
check_match "body markup is escaped" "&lt;b&gt;tụ tập&lt;/b&gt;" "$(json_get "$n" 'j["body"]')"
check_eq "the warning went to the officers, not the chair" 1 "$(notify_count "$REC")"
check_eq "the alert is marked delivered" 1 \
	"$(sql "select count(*) from wardesk.alerts where recipient = '$CH' and kind = 'escalation' and delivered_at is not null")"

# -- a burst of new cases for an officer watching: one notification
: >"$REC"
# shellcheck disable=SC2086
PGUSER=$O1 $WD_WRAP "$WD_BIN" watch --interval 3600 --notify </dev/null >"$WD_TMP/w.out" 2>"$WD_TMP/w.err" &
WPID=$!
at_exit kill "$WPID"
# listening once its first sweep is done (it LISTENs before sweeping)
_idle() { [ "$(sql "select count(*) from pg_stat_activity where usename = '$O1' and state = 'idle'
                    and query like '%wardesk.alerts%'")" -ge 1 ]; }
check "the watcher is up" wait_until 10 _idle
psql_as "$HL" -c "select wardesk.report('MT', 'Rác số ' || i, '1' || i || ' Lê Lợi') from generate_series(1, 6) i" >/dev/null
_delivered() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$O1' and kind = 'new' and delivered_at is not null")" -ge 6 ]; }
check "the six new-case alerts are handled" wait_until 10 _delivered
check "a notification arrives" notify_wait_count "$REC" 1 10
kill -TERM "$WPID"
wait "$WPID"
check_eq "watch exits 0 on SIGTERM" 0 "$?"
check_eq "six new cases make one notification" 1 "$(notify_count "$REC")"
check_eq "... counted" "6 new cases" "$(json_get "$(head -n 1 "$REC")" 'j["summary"]')"
check_eq "... normal urgency" 1 "$(json_get "$(head -n 1 "$REC")" 'j["urgency"]')"

# -- per-officer settings: no new-case notifications
mkdir -p "$XDG_CONFIG_HOME/wardesk"
echo "set notify-events warning,escalation,overdue,reminder" >"$XDG_CONFIG_HOME/wardesk/config"
: >"$REC"
# shellcheck disable=SC2086
PGUSER=$O1 $WD_WRAP "$WD_BIN" watch --interval 3600 --notify </dev/null >"$WD_TMP/w2.out" 2>"$WD_TMP/w2.err" &
WPID=$!
at_exit kill "$WPID"
check "the watcher is up again" wait_until 10 _idle
psql_as "$HL" -c "select wardesk.report('MT', 'Rác nữa', '99 Lê Lợi')" >/dev/null
_d7() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$O1' and kind = 'new'")" -ge 7 ]; }
wait_until 10 _d7
kill -TERM "$WPID"
wait "$WPID"
check_eq "notify-events without new: nothing shown" 0 "$(notify_count "$REC")"
rm -f "$XDG_CONFIG_HOME/wardesk/config"

# -- a slow server does not hold the sweep up
notify_stop
notify_start "$REC" --delay 30 || not_ok "the slow recorder starts"
: >"$REC"
sql "update wardesk.test_clock set clock_offset = '121 min'" >/dev/null
t0=$(date +%s%N)
check_exit "watch --once --notify with a server that takes 30 s" 0 wd_as "$CH" watch --once --notify
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "... returns within 10 s (took ${ms} ms)" test "$ms" -lt 10000
check_match "... printed the overdue transition" " overdue level 2 -> $CH\$" "$OUT"
check_match "... and said the server is slow" "slow" "$ERR"
