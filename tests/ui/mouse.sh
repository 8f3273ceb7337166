#!/bin/bash
# mouse.sh - the mouse (issue 11, part 6): a click selects the row under the
# pointer, the wheel scrolls, in the queue, the officer picker and the
# handover list; `set mouse off` in the config turns mouse reporting off.
# Events are written into the pane as the terminal would send them (X10
# encoding: ESC [ M button col row, each plus 32, 1-based), once the console
# has switched reporting on.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
CH=$(mk_officer ch "Lê Văn Chủ" chair) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
for i in $(seq 1 30); do
	report_as "$HL" --category MT --text "Rác thải số $i" --address "$i Lê Lợi" >/dev/null
done
ok "setup: 30 cases"

# mouse_event BUTTON COL ROW (0-based screen cell)
mouse_event() {
	tm send-keys -t main -H 1b 5b 4d "$(printf '%x' $((32 + $1)))" \
		"$(printf '%x' $((33 + $2)))" "$(printf '%x' $((33 + $3)))"
}
click() { mouse_event 0 "$1" "$2"; mouse_event 3 "$1" "$2"; }   # press, release
wheel_down() { mouse_event 65 10 10; }
wheel_up() { mouse_event 64 10 10; }

RAW=$WD_TMP/raw
tm_start --raw "$RAW" env PGUSER="$CH" $WD_WRAP "$WD_BIN"
check_screen "the queue is up" " 1/30 ?\$"
if wait_until 5 grep -q $'\e\\[?1000h' "$RAW"; then ok "the console turns mouse reporting on"; else
	not_ok "the console turns mouse reporting on" "$(od -c "$RAW" | head -20)"; fi
# line 0 header, 1 tabs, 2 heads, 3 the first case: line 8 is the sixth
click 20 8
check_screen "a click selects the sixth row" " 6/30 ?\$"
row=$(printf '%s\n' "$TM_SCREEN" | sed -n 9p)
check_match "... the row clicked is the one under the pointer" "Rác thải số 6" "$row"
wheel_down
check_screen "the wheel down moves three rows" " 9/30 ?\$"
wheel_up
check_screen "the wheel up moves back" " 6/30 ?\$"
click 20 1
click 20 23
check_screen "clicks outside the rows change nothing" " 6/30 ?\$"
tm_send Enter
check_screen "Enter opens the clicked case" "Rác thải số 6"
tm_send Escape
check_screen "back in the queue" " 6/30 ?\$"
tm_type "a"
check_screen "the picker is open" "Assign .* to:"
first=$(printf '%s\n' "$TM_SCREEN" | grep '^ > ' | awk '{print $2}')
# picker: line 1 title, 2 heads, 3.. the officers
click 5 4
if tm_wait_gone "^ > $first "; then ok "a click selects another officer in the picker"; else
	not_ok "a click selects another officer in the picker" "$TM_SCREEN"; fi
tm_send Escape
tm_kill

mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set mouse off\n' >"$XDG_CONFIG_HOME/wardesk/config"
RAW2=$WD_TMP/raw2
tm_start --raw "$RAW2" env PGUSER="$CH" $WD_WRAP "$WD_BIN"
check_screen "the queue is up with mouse off" " 1/30 ?\$"
tm_type "j"
check_screen "keys work" " 2/30 ?\$"
if grep -q $'\e\\[?1000h' "$RAW2"; then
	not_ok "set mouse off: no mouse reporting asked of the terminal" "$(od -c "$RAW2" | grep -m3 1000)"
else ok "set mouse off: no mouse reporting asked of the terminal"; fi
tm_type ":set mouse on"
tm_send Enter
if wait_until 5 grep -q $'\e\\[?1000h' "$RAW2"; then ok ":set mouse on turns it on at once"; else
	not_ok ":set mouse on turns it on at once"; fi
click 20 8
check_screen "... and a click selects" " 6/30 ?\$"
tm_kill
rm -f "$XDG_CONFIG_HOME/wardesk/config"

# the handover list: title, counts, then one line per case held
T1=$(report_as "$HL" --category MT --text "Việc một" --address "1 Hàm Nghi")
T2=$(report_as "$HL" --category MT --text "Việc hai" --address "2 Hàm Nghi")
T3=$(report_as "$HL" --category MT --text "Việc ba" --address "3 Hàm Nghi")
for r in "$T1" "$T2" "$T3"; do wd_as "$AN" take "$r" >/dev/null; done
tm_wardesk "$AN"
check_screen "an's console is up" " live$"
tm_type "y"   # the offer to start a shift: yes (the handover screen wants one)
tm_send H
check_screen "the handover screen lists an's three cases" "^ > \[x\] $T1 "
click 20 5
check_screen "a click selects the third case of the handover list" "^ > \[x\] $T3 "
tm_kill
