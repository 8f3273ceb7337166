#!/bin/bash
# priority.sh - urgent cases on the console (issue 11, section 3): with 30
# normal cases in the queue, an urgent one reported elsewhere appears live
# as the first row, marked "!" before its reference, under the default
# theme, after `:set theme monochrome` and under NO_COLOR=1, on the duty
# officer's and the chair's consoles at once; the duty officer's console
# gets a critical desktop notification and rings the bell; the chair's
# board lists it first; the detail screen shows the priority and U changes
# it after a question; the phone-ticket form's F3 makes a ticket urgent.
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: officers"; exit 1; }
wd_as "$AN" shift start >/dev/null 2>&1 || not_ok "setup: an on shift"
psql_as "$HL" -c "select wardesk.report('MT', 'Rác số ' || i, i || ' Lê Lợi') from generate_series(1, 30) i" \
	>/dev/null || not_ok "setup: 30 normal cases"
check_eq "setup: 30 normal open cases" 30 "$(sql "select count(*) from wardesk.cases where priority = 'normal'")"
REC=$WD_TMP/notify.jsonl
RAW=$WD_TMP/raw
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }

# the first case row of a screen (the line under the column headings)
first_row() { printf '%s\n' "$1" | grep -A1 -E '^ +REF +LEFT' | sed -n 2p; }
# the chair's console in a second window of the same tmux server
two() { tm capture-pane -p -t main:two; }
bells() { tr -cd '\007' <"$RAW" | wc -c | tr -d ' '; }

tm_start --raw "$RAW" env PGUSER="$AN" "$WD_BIN"
check_screen "the duty officer's console is live" "$AN .* live"
sed "s/PGUSER=$AN/PGUSER=$CH/" "$WD_TMP/tm_launch.sh" >"$WD_TMP/tm_launch2.sh"
tm new-window -d -t main -n two "bash $WD_TMP/tm_launch2.sh" || not_ok "the chair's console starts"
_two_live() { two | grep -q "$CH .* live"; }
check "the chair's console is live" wait_until 10 _two_live
tm_wait_for "REF +LEFT" >/dev/null
B0=$(bells)
: >"$REC"

U=$(report_as "$HL" --category MT --text "Đánh nhau có hung khí trước chợ" --address "99 Lê Lợi" --urgent) ||
	not_ok "report --urgent"
check_screen "the urgent case appears live" "!$U "
check_match "... as the first row, marked ! before its reference" "^(NEW| +) !$U +[0-9]" \
	"$(first_row "$TM_SCREEN")"
_two_first() { first_row "$(two)" | grep -Eq "^(NEW| +) !$U "; }
check "the chair's console shows it first as well" wait_until 10 _two_first
_note() { grep -q "\"URGENT case $U\"" "$REC"; }
check "a desktop notification: URGENT case $U" wait_until 10 _note
check_eq "... critical (urgency 2)" 2 "$(json_get "$(grep -m1 "\"URGENT case $U\"" "$REC")" 'j["urgency"]')"
_rang() { [ "$(bells)" -gt "$B0" ]; }
check "... and the bell rings on the duty officer's console" wait_until 10 _rang
# (each console fetches its alerts at a moment of its own: wait for both)
_delivered() { [ "$(sql "select count(*) from wardesk.alerts where kind = 'urgent' and delivered_at is null")" = 0 ]; }
check "the alerts of both are delivered" wait_until 10 _delivered

# every theme: the mark is a character, not only a colour
for th in dark light high-contrast default monochrome; do
	tm_send :
	tm_type "set theme $th"
	tm_send Enter
	tm_send C-l
	tm_wait_for "REF +LEFT" >/dev/null
	check_match "$th: still the first row, still marked" "^(NEW| +) !$U " "$(first_row "$TM_SCREEN")"
	check_nomatch "$th: no refusal of the theme" "no theme called|unknown" "$(printf '%s\n' "$TM_SCREEN" | tail -n 1)"
done
check_match "monochrome: the mark is drawn in reverse" $'\e\\[[0-9;]*7[0-9;]*m!'"$U" \
	"$(tm capture-pane -p -e -t main)"
tm kill-window -t main:two

# NO_COLOR: a fresh console
tm_send q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill
tm_start env NO_COLOR=1 PGUSER="$AN" "$WD_BIN"
check_screen "NO_COLOR: the console is live" "$AN .* live"
tm_wait_for "!$U " >/dev/null
check_match "NO_COLOR: the urgent case first, marked" "^(NEW| +) !$U " "$(first_row "$TM_SCREEN")"

# the detail screen: the priority, and U makes a normal case urgent
N1=$(sql "select ref from wardesk.cases where priority = 'normal' order by deadline_at, id limit 1")
tm_send Down Enter
check_screen "detail of the first normal case" "^ $N1 "
check_screen "... shows its priority and the key" "Priority +normal \(U: make it urgent\)"
tm_send U
check_screen "U asks first" "Make $N1 URGENT .*\? \[y/n\]"
tm_send n
check_screen "n: nothing sent" "cancelled: nothing sent"
check_eq "... still normal" normal "$(case_field "$N1" priority)"
tm_send U
tm_wait_for "Make $N1 URGENT" >/dev/null
tm_send y
check_screen "y: made urgent" "$N1: now URGENT"
check_eq "... in the database" urgent "$(case_field "$N1" priority)"
check_screen "... the detail shows it" "Priority +! URGENT \(U: make it normal\)"
check_screen "... and its history says who" "$AN made the case urgent"
tm_send q
# :priority REF [urgent|normal]
tm_send :
tm_type "priority $N1 urgent"
tm_send Enter
check_screen ":priority REF urgent on an urgent case says so" "$N1 is already urgent"
tm_send :
tm_type "priority $N1 soon"
tm_send Enter
check_screen ":priority with another word is refused" "the priority is urgent or normal"
check_screen "back in the queue: two urgent cases first" "^(NEW| +) !$N1 "
rows=$(printf '%s\n' "$TM_SCREEN" | grep -A2 -E '^ +REF +LEFT' | tail -n 2 | grep -c '!BT-')
check_eq "... both on top" 2 "$rows"
tm_send q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill

# the chair's board: an officer's cases, urgent first
wd_as "$AN" take "$(sql "select ref from wardesk.cases where priority = 'normal' order by id limit 1")" >/dev/null 2>&1
wd_as "$AN" take "$U" >/dev/null 2>&1 || not_ok "setup: an takes the urgent case"
tm_wardesk "$CH"
check_screen "the chair's console is live" "$CH .* live"
tm_send B
check_screen "the board" "$AN"
check_screen "the board names the open urgent cases first, under its title" \
	"^ Urgent 2: !$U [^ ]+ $AN · !$N1 [^ ]+ unowned"
check_match "... as its second line" "^ Urgent 2:" "$(printf '%s\n' "$TM_SCREEN" | sed -n 3p)"
check_screen "... and its list of unowned cases marks the urgent one" "^ +!$N1 +[^ ]+ +MT "
tm_send Enter
check_screen "the officer's cases: the urgent one first, marked" "^ > !$U " 5 ||
	diag "board: $(tm_capture)"
tm_send Escape q
tm_send q
wait_until 5 tm_dead || tm_send q
tm_kill

# the phone-ticket form: F3 makes the ticket urgent
tm_wardesk "$HL"
check_screen "the hotline operator's console is live" "$HL .* live"
tm_send n
check_screen "the form says the ticket is normal, and the key" "New phone ticket .* normal \(F3: urgent\)"
tm_send F3
check_screen "F3: the form marks the ticket urgent" "New phone ticket .* ! URGENT \(F3: normal\)"
tm_send Tab Tab Tab
tm_type "12 Nguyễn Huệ"
tm_send Tab
tm_type "ANTT"
tm_send Tab
tm_type "Đánh nhau, có dao"
tm_send F2
check_screen "saved" "^${WD_WARD}-[0-9]+ saved"
T=$(printf '%s\n' "$TM_SCREEN" | sed -n "s/^\(${WD_WARD}-[0-9]*\) saved.*/\1/p" | tail -n 1)
check_eq "the ticket's case is urgent" urgent "$(case_field "$T" priority)"
check_screen "... and marked in the queue" "^(NEW| +) !$T "
tm_send q
wait_until 5 tm_dead || true
tm_kill

# the shift handover lists an's urgent case marked too
if [ "$(case_field "$U" owner)" = "$AN" ]; then
	tm_wardesk "$AN"
	tm_wait_for "live" >/dev/null
	tm_send Escape H
	check_screen "the handover marks an's urgent case" "\[x\] !$U +MT "
	tm_kill
else
	not_ok "setup: an holds $U"
fi
