#!/bin/bash
# terminal.sh - whatever terminal the desk has (issue 11, part 7): under a
# locale that is not UTF-8 the console draws ASCII, Vietnamese without its
# marks, and says so once; WARDESK_UTF8=1 switches to a UTF-8 locale; a
# terminal that cannot place the cursor gets a one-line refusal naming the
# CLI (exit 2), not a blank screen.
TM_W=${TM_W:-120}
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi" \
	--address "Đinh Bộ Lĩnh" --channel walkin)

# ---- LANG=C: ASCII only
RAW=$WD_TMP/raw_c
tm_start --raw "$RAW" env LANG=C PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "LANG=C: the queue lists the case, Vietnamese without marks" \
	"^ +$R1 .*Dinh Bo Linh +Rac thai"
tm_send Enter
check_screen "... the detail screen too" "Rac thai boc mui"
sleep 0.3
if [ -s "$RAW" ] && ! LC_ALL=C grep -q $'[\x80-\xff]' "$RAW"; then
	ok "... no byte >= 0x80 reached the terminal"
else
	not_ok "... no byte >= 0x80 reached the terminal" \
		"$(LC_ALL=C grep -ao $'[\x80-\xff]\+' "$RAW" | head -5 | od -c | head)"
fi
if grep -q "locale is not UTF-8: Vietnamese is shown without marks" "$RAW"; then
	ok "... and the status line said why"; else not_ok "... the status line said why"; fi
tm_kill

# ---- LANG=C but the officer says the terminal takes UTF-8
tm_start env LANG=C WARDESK_UTF8=1 PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "LANG=C with WARDESK_UTF8=1: Vietnamese with its marks" \
	"^ +$R1 .*Đinh Bộ Lĩnh +Rác thải"
tm_kill

# ---- terminals that cannot place the cursor
for t in dumb no-such-terminal; do
	tm_start env TERM=$t PGUSER="$AN" $WD_WRAP "$WD_BIN"
	if wait_until 10 tm_dead; then ok "TERM=$t: the console exits at once"; else not_ok "TERM=$t exits"; fi
	# (tmux's "Pane is dead" line may scroll it into the history)
	check_match "... with one line naming the CLI" \
		"^wardesk: TERM=$t cannot place the cursor; use the commands: wardesk ls," \
		"$(tm capture-pane -p -S -10 -t main)"
	has_status() { [ -n "$(tm_exit_status)" ]; }
	wait_until 3 has_status
	check_eq "... exit status 2" 2 "$(tm_exit_status)"
	tm_kill
done
