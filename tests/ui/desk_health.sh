#!/bin/bash
# desk_health.sh - the console tells the truth about the desk (issue 13
# items 2 and 7): a sweep that cannot get its lock for 10 s is said on the
# status line (once; the console never waits for the lock, issue 14 item 4)
# and the console keeps trying, then says when it runs again;
# the chair's board shows when the ward was last swept and by whom; an
# officer whose access the chair ends sees "not allowed" and why, and the
# console stops reconnecting; a deactivated login cannot open it at all.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
WARD=$(sql "select ward_id from wardesk.officers where login = '$AN'")
mkdir -p "$XDG_CONFIG_HOME/wardesk"
echo "set sweep-seconds 1" >"$XDG_CONFIG_HOME/wardesk/config"

# the owner (psql) holds the ward's row of sweep_state in an open transaction
# (the row is made by the ward's first sweep; make it now)
sql "insert into wardesk.sweep_state(ward_id) values ($WARD) on conflict do nothing" >/dev/null
held_open postgres
held_send "begin;" "set local role wardesk_owner;" \
	"select 'held ' || ward_id from wardesk.sweep_state where ward_id = $WARD for update;"
if held_wait held; then ok "setup: the sweep's lock is held"; else
	not_ok "setup: the sweep's lock is held" "$(cat "$HOLD_OUT")"; fi

tm_wardesk "$AN"
check_screen "the console is live while the sweep's lock is held" "$AN .* live"
sleep 3
check_nomatch "... a lock held for a few seconds is not said (another sweeper's turn)" \
	"holds its lock" "$(tm_capture)"
check_screen "a lock held for 10 s is said on the status line" \
	"the sweep of ward [A-Z]+ cannot run: postgres \(pid [0-9]+\) holds its lock" 30
held_close
check_screen "... and when the lock is free, the console says the sweep runs again" \
	"the deadline sweep runs again" 15
tm_kill

tm_wardesk "$CHU"
check_screen "the chair's console is live" "$CHU .*\(chair\) .* live"
tm_send B
check_screen "the board shows when the ward was last swept, and by whom" \
	"last sweep [0-9]{2}:[0-9]{2} by ($AN|$CHU)"
tm_kill

tm_wardesk "$AN"
check_screen "the officer's console is live" "$AN .* live"
check_exit "the chair ends the officer's access" 0 wd_as "$CHU" officer deactivate "$AN"
check_screen "the officer's console says it is not allowed" "not allowed" 20
check_screen "... and why" "console stops here" 5
n_before=$(sql "select count(*) from pg_stat_activity where usename = '$AN'")
check_eq "... and it holds no session any more" 0 "$n_before"
tm_kill

run env PGUSER="$AN" script -qec "$WD_BIN" /dev/null
check_eq "a deactivated login cannot open the console: exit 2" 2 "$RC"
check_match "... saying why, plainly" "not allowed" "$OUT$ERR"
