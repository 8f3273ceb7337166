#!/bin/bash
# notify_fallback.sh - no notification server (a session bus with nobody on
# org.freedesktop.Notifications) and no bus at all (plain SSH): `wardesk
# watch --notify` still does its work, quickly, and says why once.
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"

HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline"; exit 1; }
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: chair"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
for i in 1 2 3; do
	report_as "$HL" --category MT --text "Rác số $i" >/dev/null || not_ok "setup: report $i"
done
ok "setup"

# a bus, no server
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null
t0=$(date +%s%N)
check_exit "no server: watch --once --notify exits 0" 0 wd_as "$CH" watch --once --notify
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "... quickly (${ms} ms)" test "$ms" -lt 5000
check_eq "... did the three escalations" 3 "$(printf '%s\n' "$OUT" | grep -c ' auto-escalate level 1 ')"
check_eq "... says why, once" 1 "$(printf '%s\n' "$ERR" | grep -c 'desktop notifications unavailable: no desktop notification server')"
check_eq "... and nothing else" 1 "$(printf '%s\n' "$ERR" | grep -c .)"
check_eq "undelivered alerts stay undelivered (for the console)" 3 \
	"$(sql "select count(*) from wardesk.alerts where recipient = '$CH' and delivered_at is null and kind = 'escalation'")"

# no bus at all
sql "update wardesk.test_clock set clock_offset = '121 min'" >/dev/null
t0=$(date +%s%N)
check_exit "no bus: watch --once --notify exits 0" 0 env -u DBUS_SESSION_BUS_ADDRESS PGUSER="$CH" "$WD_BIN" watch --once --notify
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "... quickly (${ms} ms)" test "$ms" -lt 5000
check_eq "... did the three overdue marks" 3 "$(printf '%s\n' "$OUT" | grep -c ' overdue level 2 ')"
check_eq "... says why, once" 1 "$(printf '%s\n' "$ERR" | grep -c 'desktop notifications unavailable: no D-Bus session bus')"

# without --notify nothing is said
sql "update wardesk.test_clock set clock_offset = '140 min'" >/dev/null
check_exit "without --notify" 0 env -u DBUS_SESSION_BUS_ADDRESS PGUSER="$CH" "$WD_BIN" watch --once
check_eq "... no word about notifications" "" "$ERR"
check_eq "... reminders" 3 "$(printf '%s\n' "$OUT" | grep -c ' remind level 2 ')"
