#!/bin/bash
# async_keys.sh - keys stay answered while the console's background
# statements wait (issue 14 item 4): the console's sweep call is sent
# without waiting (store_async.h), so while it waits for a lock held from
# psql, view switches are drawn at once; an officer's action in the
# meantime first cancels it (nothing of it applies) and is done at once;
# when the lock goes, the sweep's steps come and are shown.  The connection
# lost while the sweep waits: the console says offline, reconnects, sweeps
# again and answers keys meanwhile.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác" --address "Nơ Trang Long" --channel walkin)
console_sweeps_fast

# psql as the owner: holds a lock in an open transaction
held_open postgres
held=0
hold() {   # the sweep's UPDATE of cases waits; reads of them do not
	held=$((held + 1))
	held_send "begin;" "lock table wardesk.cases in exclusive mode;" "select 'held $held';"
	held_wait "held $held"
}
release() { held_send "commit;"; }
# the console's session waits for a lock (its sweep call)
waiting() {
	[ "$(sql "select count(*) from pg_stat_activity where usename = '$AN'
	          and state = 'active' and wait_event_type = 'Lock'")" -ge 1 ]
}
swept() {   # swept N PATTERN: N cases of the backlog have their overdue mark
	[ "$(sql "select count(*) from wardesk.cases where description like '$2'
	          and overdue_at is not null")" = "$1" ]
}

RAW=$WD_TMP/raw.out
# (a lock waited for longer than the 3 s default: the test holds it)
tm_start --raw "$RAW" env PGUSER="$AN" WARDESK_LOCK_TIMEOUT=60s $WD_WRAP "$WD_BIN"
check_screen "the console is live" " live$"
check_screen "... and offers a shift" "y starts your shift now"

# --- keys while the sweep waits ------------------------------------------
load_due_backlog 3   # overdue, unknown to the console (loaded without triggers)
hold || not_ok "setup: the lock is held" "$(cat "$HOLD_OUT")"
if wait_until 10 waiting; then ok "setup: the console's sweep waits for the lock"; else
	not_ok "setup: the console's sweep waits for the lock"; fi
# an action meanwhile: the sweep in flight is cancelled, the shift starts
tm_send y
check_screen "an action while the sweep waits is done at once (the sweep cancelled)" \
	"on shift since [0-9]{2}:[0-9]{2}" 3
if swept 0 'Tồn đọng%'; then ok "... the cancelled sweep changed nothing"; else
	not_ok "... the cancelled sweep changed nothing"; fi
if wait_until 10 waiting; then ok "... and the console sends it again (it waits again)"; else
	not_ok "... and the console sends it again (it waits again)"; fi
tm_send 2
check_screen "a view switch is drawn at once while the sweep waits (Mine)" "No cases in this view" 2
tm_send 3
check_screen "... and the next (Open)" "^ +$R1 " 2
check "... the sweep is still waiting" waiting
release
if wait_until 15 swept 3 'Tồn đọng%'; then ok "the lock gone, the sweep's steps are made"; else
	not_ok "the lock gone, the sweep's steps are made"; fi
check_screen "... and shown (the swept cases come in)" "· Tồn đọng 3" 10

# --- the connection lost while the sweep waits ----------------------------
sql "update wardesk.cases set description = 'Mất ' || description
      where description like 'Tồn đọng%'" >/dev/null
load_due_backlog 2
hold || not_ok "setup: the lock is held again" "$(cat "$HOLD_OUT")"
if wait_until 10 waiting; then ok "setup: the console's sweep waits for the lock again"; else
	not_ok "setup: the console's sweep waits for the lock again"; fi
: >"$RAW"
sql "select pg_terminate_backend(pid) from pg_stat_activity where usename = '$AN'" >/dev/null
if wait_until 10 grep -aqE "offline since|reconnecting" "$RAW"; then
	ok "the connection lost while the sweep waits: the console says so"
else
	not_ok "the connection lost while the sweep waits: the console says so" "$(tm_capture)"
fi
check_screen "... reconnects" " live$" 15
if wait_until 10 waiting; then ok "... and sweeps again (it waits for the lock)"; else
	not_ok "... and sweeps again (it waits for the lock)"; fi
tm_send 2
check_screen "... keys still answered at once (Mine)" "No cases in this view" 2
tm_send 3
check_screen "... (Open)" "^ +$R1 " 2
release
if wait_until 15 swept 2 'Tồn đọng%'; then ok "the lock gone, the new cases are swept"; else
	not_ok "the lock gone, the new cases are swept"; fi
check_screen "... and shown" "· Tồn đọng 2" 10
tm_kill
