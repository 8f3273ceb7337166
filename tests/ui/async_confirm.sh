#!/bin/bash
# async_confirm.sh - the confirmation of a case drawn from a notification's
# payload is sent without waiting (issue 14 item 4, store.h: background
# statements): while it waits for a lock held from psql, keys are answered
# at once and the forged row stays drawn; when the lock goes, its answer is
# applied (the database's row replaces the forged one).  The connection
# lost while it waits: the console says offline, reconnects, and the
# snapshot shows the truth.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác" --address "Nơ Trang Long" --channel walkin)
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\nset sweep-seconds 0\n' >"$XDG_CONFIG_HOME/wardesk/config"
# what the forged payload needs, read now: the lock below stops reads of cases
IFS='|' read -r CID CWARD CDL <<<"$(sql "select id, ward_id, extract(epoch from deadline_at)::bigint
                                        from wardesk.cases where ref = '$R1'")"

held_open postgres
held=0
hold() {   # nobody reads cases meanwhile
	held=$((held + 1))
	held_send "begin;" "lock table wardesk.cases in access exclusive mode;" "select 'held $held';"
	held_wait "held $held"
}
release() { held_send "commit;"; }
waiting() {
	[ "$(sql "select count(*) from pg_stat_activity where usename = '$AN'
	          and state = 'active' and wait_event_type = 'Lock'")" -ge 1 ]
}
forge() {   # binh NOTIFYs R1 with another address, at version 999
	psql_as "$BINH" -v addr="$1" >/dev/null <<SQL
select pg_notify(m.channel, jsonb_build_object('id', $CID, 'v', 999, 'ward', $CWARD, 'op', 'take',
	'row', jsonb_build_object('ref', '$R1', 'st', 'new', 'ch', 'app', 'esc', 0, 'cat', 'MT',
		'own', null, 'dl', $CDL, 'cl', null, 'wm', 30, 'wa', false, 'ak', false, 'cb', false,
		'ln', null, 'dup', false, 'urg', true, 'addr', :'addr', 'desc', 'forged', 'ph', null,
		'nm', null))::text)
  from wardesk.my_channels() m where m.kind = 'case'
SQL
}

RAW=$WD_TMP/raw.out
tm_start --raw "$RAW" env PGUSER="$AN" WARDESK_LOCK_TIMEOUT=60s $WD_WRAP "$WD_BIN"
check_screen "the console is live" " live$"
check_screen "... with the case" "^ +$R1 .*Nơ Trang Long"
# The footer's question about the selected row (allowed_actions, asked
# once the cursor has rested 150 ms: screen_queue_can.c) reads cases on
# the live connection: answered before the lock below, or it would wait
# behind the lock, and the forged notification with it.
idle() {
	[ "$(sql "select count(*) from pg_stat_activity where usename = '$AN' and state <> 'idle'")" = 0 ]
}
sleep 1
check "setup: the console's connection is idle (the footer's question answered)" wait_until 10 idle

# --- keys while the confirmation waits -----------------------------------
hold || not_ok "setup: the lock is held" "$(cat "$HOLD_OUT")"
forge "FORGED ADDRESS"
check_screen "a forged payload is drawn (a hint)" "^ +!?$R1 .*FORGED ADDRESS" 5
if wait_until 10 waiting; then ok "setup: its confirmation waits for the lock"; else
	not_ok "setup: its confirmation waits for the lock"; fi
tm_send 2
check_screen "a view switch is drawn at once while the confirmation waits (Mine)" \
	"No cases in this view" 2
tm_send 3
check_screen "... and the next (Open): the hint still drawn" "^ +!?$R1 .*FORGED ADDRESS" 2
release
check_screen "the lock gone, the confirmation's answer is applied (the truth)" \
	"^ +$R1 .*Nơ Trang Long" 10
check_nomatch "... the forged text is gone" "FORGED" "$(tm_capture)"

# --- the connection lost while the confirmation waits ---------------------
sleep 1   # (the footer's question about the row's new version, as above)
check "setup: the console's connection is idle again" wait_until 10 idle
hold || not_ok "setup: the lock is held again" "$(cat "$HOLD_OUT")"
forge "FORGED AGAIN"
check_screen "setup: a forged payload drawn again" "^ +!?$R1 .*FORGED AGAIN" 5
if wait_until 10 waiting; then ok "setup: its confirmation waits for the lock again"; else
	not_ok "setup: its confirmation waits for the lock again"; fi
: >"$RAW"
sql "select pg_terminate_backend(pid) from pg_stat_activity where usename = '$AN'" >/dev/null
if wait_until 10 grep -aqE "offline since|reconnecting" "$RAW"; then
	ok "the connection lost while the confirmation waits: the console says so"
else
	not_ok "the connection lost while the confirmation waits: the console says so" "$(tm_capture)"
fi
release
check_screen "... reconnects" " live$" 15
check_screen "... and shows the truth (the snapshot)" "^ +$R1 .*Nơ Trang Long" 10
check_nomatch "... the forged text is gone" "FORGED" "$(tm_capture)"
tm_kill
