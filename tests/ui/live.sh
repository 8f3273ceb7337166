#!/bin/bash
# live.sh - the console, live: a case reported by another process appears
# without a key press (marked NEW); take; a take refused because someone
# else took the case just before; the detail screen; --max-iterations.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi trong hẻm" \
	--address "12/3 Nguyễn Xí, Phường Bình Thạnh" --channel walkin --phone 0909123456 --name "Võ Văn Tâm")
tm_wardesk "$AN"
check_screen "the console opens live, officer and role in the header" \
	"$AN Nguyễn Văn An \(officer\) .* live"
check_screen "the queue lists the case already there" "^ +$R1 +[0-9]:[0-9]{2} desk +MT "

R2=$(report_as "$HL" --category ATGT --text "Tai nạn giao thông, cần hỗ trợ" \
	--address "Điện Biên Phủ" --channel hotline --phone "0283.7267.527" --name "Lê Văn Tư")
check_screen "a case reported by another process appears, marked NEW, without a key press" \
	"^NEW $R2 +[0-9]:[0-9]{2} phone ATGT +Điện Biên Phủ" 2

# The cursor starts on the first case (earliest deadline): R1.
tm_send t
check_screen "take: the status line confirms" "$R1: taken, you hold it now"
check_screen "take: the row shows the case in progress" "^ +$R1 .* in progress"
check_eq "take: the database has the officer as owner" "$AN" "$(case_field "$R1" owner)"

# A refused take: the console is frozen (SIGSTOP) while binh takes R2, the
# key is typed, then the console resumes and handles the key before the
# notification: the database refuses, the screen is corrected.
PID=$(tm_pid)
tm_send Down
tm_wait_for "^NEW $R2 " 2 >/dev/null
sleep 0.2
kill -STOP "$PID"
wd_as "$BINH" take "$R2" </dev/null >/dev/null
tm_send t
sleep 0.2
kill -CONT "$PID"
check_screen "a refused take says who holds the case, in plain words" "$R2 is already held by $BINH"
check_screen "... and the row shows the real state" "$R2 .* in progress"
check_eq "the refused take changed nothing" "$BINH" "$(case_field "$R2" owner)"

# Detail screen.
tm_send Up Enter
check_screen "detail: the description" "Rác thải bốc mùi trong hẻm"
check_screen "detail: the reporter with the phone formatted" "Reporter +Võ Văn Tâm · 0909 123 456"
check_screen "detail: the history says who took the case, in a sentence" "$AN took the case"
tm_send q
check_screen "q goes back to the queue" "REF +LEFT +CHAN"
tm_send q
if wait_until 5 tm_dead; then ok "q on the queue quits"; else not_ok "q on the queue quits"; fi
has_status() { [ -n "$(tm_exit_status)" ]; }
wait_until 3 has_status
check_eq "exit status 0" 0 "$(tm_exit_status)"
tm_kill

# --max-iterations: exits by itself.
tm_wardesk "$AN" --max-iterations 20
if wait_until 40 tm_dead; then ok "--max-iterations 20 exits by itself"; else not_ok "--max-iterations exits"; fi
wait_until 3 has_status
check_eq "... with status 0" 0 "$(tm_exit_status)"
