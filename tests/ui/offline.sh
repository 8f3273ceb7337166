#!/bin/bash
# offline.sh - the database goes away while the console runs: a killed
# backend (pg_terminate_backend) and a full cluster restart.  The console
# says so, keeps the last state, refuses actions while offline, reconnects
# with backoff, resyncs, and a case reported after the reconnect appears.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
[ -n "${WD_PGDIR:-}" ] || skip_all "WD_PGDIR not set (run through tests/run.sh)"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác" --address "Nơ Trang Long" --channel walkin)

# two-digit counts in the view tabs (the newcomer's trial: the stale mark
# was cut to "STA…" at 80 columns)
for i in 1 2 3 4 5 6 7 8 9 10; do
	report_as "$HL" --category MT --text "Rác $i" --address "$i Nơ Trang Long" --channel walkin >/dev/null
done
wd_as "$AN" shift start >/dev/null || not_ok "setup: an starts a shift"
tm_wardesk "$AN"
check_screen "console live" " live$"
check_screen "case listed" "^ +$R1 "

# --- killed backend
pg_kill_backends
R2=$(report_as "$HL" --category MT --text "Nước thải" --address "Bình Quới" --channel walkin)
check_screen "after pg_terminate_backend, the console reconnects and a new case appears" "^NEW $R2 " 15
check_screen "... live again" " live$"

# --- whole cluster stopped
pg_stop >/dev/null 2>&1
check_screen "cluster stopped: header says offline since HH:MM" "offline since [0-9]{2}:[0-9]{2}" 15
# (the newcomer's trial at 80 columns: "on shift since 0101:29   offline since")
check_nomatch "... the shift and the clock never run together" "[0-9]{4}:[0-9]{2}" \
	"$(printf '%s\n' "$TM_SCREEN" | sed -n 1p)"
check_screen "... the last known cases stay on screen, marked stale (whole, at 80 columns)" "  STALE( |\$)"
check_screen "... still listed" "^ +$R1 "
tm_send t
check_screen "an action while offline is refused, nothing sent" "offline: not sent; try again when live"
pg_start >/dev/null 2>&1
check_screen "cluster back: live again (backoff <= 10 s)" " live$" 20
check_eq "the refused take was never sent" "" "$(case_field "$R1" owner)"
R3=$(report_as "$HL" --category MT --text "Khói" --address "Ung Văn Khiêm" --channel walkin)
check_screen "a case reported after the restart appears" "^NEW $R3 " 5
tm_send t
check_screen "actions work again" "$R1: taken"
