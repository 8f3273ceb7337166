#!/bin/bash
# deadline.sh - deadlines in the console (issue 5): the console's own sweep
# escalates a case while the chair watches (mark and colour, no key press);
# without a D-Bus session the alert falls back to the status line and says
# why once; A acknowledges and stops the reminders; the detail screen shows
# the chain; closing an overdue case asks for a delay reason and offers the
# apology note, also when only the database knows it is late (a reopened case
# past its original deadline; its clock moved on while the question was asked).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
mkdir -p "$XDG_CONFIG_HOME/wardesk"
echo "set sweep-seconds 1" >"$XDG_CONFIG_HOME/wardesk/config"
ok "setup: officers, sweep every second"

A=$(report_as "$HL" --category MT --text "Rác thải bốc mùi" --address "12 Lê Lợi") &&
B=$(report_as "$HL" --category MT --text "Cống nghẹt" --address "40 Pasteur") ||
	{ not_ok "setup: reports"; exit 1; }
alerts() { sql "select count(*) from wardesk.alerts a join wardesk.cases c on c.id = a.case_id
                where c.ref = '$1' and a.recipient = '$CH' and a.kind = '$2'"; }

tm_wardesk "$CH"
check_screen "the chair's console is live" "$CH .*\(chair\).* live"
check_screen "both cases listed, no escalation mark yet" "^ +$B .* new *\$"
# (after what waits, on the status line: cut between words at 80 columns)
check_screen "no D-Bus session: the console says at once why" \
	"— desktop notifications unavailable: no D-Bus session; …$"

# -- the console's own sweep escalates, and the screen shows it without a key
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null
check_screen "crossing the escalation threshold: the mark appears without a key press" \
	"^ +$A .* new +!\$" 10
check_eq "the database escalated A to level 1" 1 "$(case_field "$A" escalation)"
check_eq "... once, by the sweep" 1 "$(sql "select count(*) from wardesk.case_events e join wardesk.cases c
	on c.id = e.case_id where c.ref = '$A' and e.action = 'auto-escalate'")"
check_screen "the escalation alerts fall back to the status line" \
	"^$A is escalated to you( \(\+1 more\))?\$"
check_nomatch "... the reason is not said again" "unavailable" "$TM_SCREEN"
_delivered() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$CH'
                           and kind = 'escalation' and delivered_at is null")" = 0 ] &&
               [ "$(alerts "$A" escalation)" = 1 ]; }
check "the escalation alerts are marked delivered" wait_until 10 _delivered
tm_capture_e >"$WD_TMP/colour"
check_match "the escalated row is coloured (its reference is not plain text)" \
	"$(printf '\033')\[[0-9;]*m$A" "$(cat "$WD_TMP/colour")"

# -- acknowledge A with the key
tm_send Home A
check_screen "A acknowledges the escalation" "$A: acknowledged"
check_screen "... the mark says acknowledged" "^ +$A .* new +!✓\$"
check_eq "... stored with the chair's login" "$CH" "$(case_field "$A" ack_by)"

# -- past the reminder interval: B is reminded, A (acknowledged) is not
sql "update wardesk.test_clock set clock_offset = '118 min'" >/dev/null
_reminded() { [ "$(alerts "$B" reminder)" -ge 1 ]; }
check "a later sweep reminds the chair of B, not acknowledged" wait_until 10 _reminded
check_eq "... and not of A, acknowledged" 0 "$(alerts "$A" reminder)"
check_screen "the reminder is on the status line" "Reminder: $B is escalated and not acknowledged"
check_nomatch "... still not saying the reason again" "unavailable" "$TM_SCREEN"

# -- detail screen: the chain
tm_send Home Enter
check_screen "detail: when it was escalated" "Escalated +[0-9:]+.*to the ward chair \(level 1\)"
check_screen "detail: acknowledged by whom" "Ack +[0-9/]+ [0-9:]+ by $CH"
tm_send q
tm_send q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill

# -- closing an overdue case: the delay reason and the apology note
C=$(report_as "$HL" --category MT --text "Nước ngập" --address "7 Hàm Nghi" \
	--phone 0909123456 --name "Võ Văn Tâm") || { not_ok "setup: report C"; exit 1; }
wd_as "$AN" take "$C" </dev/null >/dev/null
sql "update wardesk.test_clock set clock_offset = '240 min'" >/dev/null
tm_wardesk "$AN"
check_screen "the officer's console marks C overdue after its sweep" \
	"^(NEW)? +$C .* in progress +!!\$"
tm_send ':'
tm_type "view mine"
tm_send Enter
tm_send Home A
check_screen "an officer cannot acknowledge an escalation: refused on the status line" \
	"$C is escalated to the ward chair; only a chair can acknowledge it"
tm_send c
check_screen "close asks for the resolution note" "Resolution note for $C:"
tm_type "Đã bơm hút nước xong"
tm_send Enter
check_screen "... then the reason" "$C reason: \[d\]one"
tm_send d
check_screen "an overdue case: the delay reasons, from the database" "$C is overdue. Why was it late\?"
NR=$(sql "select count(*) from wardesk.delay_reasons where active")
check_screen "... the digits that choose them: 1-$NR, as many as there are" "Why was it late\? \(1-$NR or Enter; Esc cancels\)"
check_match "... listed with codes" "^ +2 BUSY +Too many cases at once *\$" "$TM_SCREEN"
check_nomatch "... in the interface's language only" "Nhiều vụ việc|Thiếu cán bộ" "$TM_SCREEN"
check_match "... the highlighted first row still shows its number" "^ ?>1 +[A-Z]+ " "$TM_SCREEN"
tm_send 2
check_screen "the apology note is offered, filled in, for editing" "Apology to the reporter of $C"
tm_send C-e
tm_type " Trân trọng."
tm_send Enter
check_screen "the confirmation names the delay" "Close $C as done, late \(BUSY\)\?"
tm_send y
check_screen "closed late, with the apology" "$C: closed late \(done, delay BUSY\), with an apology"
check_eq "the delay reason is stored" BUSY "$(case_field "$C" delay_reason)"
check_match "the apology is the template, its lines kept, with the edit" \
	"^Rất mong .*Trân trọng\.\$" "$(case_field "$C" apology_note)"
check_match "... addressed to the reporter" "^Kính gửi Võ Văn Tâm,\$" "$(case_field "$C" apology_note)"

# -- the database's clock moves on while the question is asked: on time
# when asked, late when sent; the delay reason is asked then, and the
# question again with the delay (it was answered for an on-time close)
tm_send ':'
tm_type "set sweep-seconds 0"
tm_send Enter
D=$(report_as "$HL" --category MT --text "Đèn đường hỏng" --address "1 Nguyễn Huệ") &&
	wd_as "$AN" take "$D" </dev/null >/dev/null || not_ok "setup: report D"
check_screen "D appears" "^(NEW)? +$D .* in progress"
tm_send ':'
tm_type "close $D done Đã thay bóng đèn"
tm_send Enter
check_screen "on time when asked: a plain confirmation" "Close $D as done\? "
sql "update wardesk.test_clock set clock_offset = '400 min'" >/dev/null
tm_send y
check_screen "refused as late by the database: the delay reasons are asked for" \
	"$D is overdue. Why was it late\?"
tm_send 2
check_screen "... then the apology" "Apology to the reporter of $D"
tm_send Enter
check_screen "... then the question again, with the delay" "Close $D as done, late \(BUSY\)\?"
tm_send n
check_screen "n cancels the close" "cancelled: nothing sent"
check_eq "... and D stays open" in_progress "$(case_field "$D" state)"

# -- a reopened case re-closed after its original deadline is late (the
# original deadline judges, as in the statistics), though its new deadline
# is ahead: the database asks for the delay reason through the console
E=$(report_as "$HL" --category MT --text "Cống nghẹt" --address "3 Nguyễn Huệ") &&
	wd_as "$AN" take "$E" </dev/null >/dev/null &&
	wd_as "$AN" close "$E" --note "Đã thông cống" </dev/null >/dev/null || not_ok "setup: E closed on time"
sql "update wardesk.test_clock set clock_offset = '600 min'" >/dev/null
wd_as "$CH" reopen "$E" --note "Cống lại nghẹt" </dev/null >/dev/null &&
	wd_as "$AN" take "$E" </dev/null >/dev/null || not_ok "setup: E reopened and taken again"
check_screen "E is in progress again" "^(NEW)? +$E .* in progress"
tm_send ':'
tm_type "close $E done Đã thông cống lần hai"
tm_send Enter
check_screen "re-closed after its original deadline: the delay reason first, though the new deadline is ahead" \
	"$E is overdue. Why was it late\?"
check_nomatch "... not the question before it" "Close $E as done\? " "$TM_SCREEN"
tm_send 2
check_screen "... then the apology" "Apology to the reporter of $E"
tm_send Enter
check_screen "... then the question, with the delay" "Close $E as done, late \(BUSY\)\?"
tm_send y
check_screen "closed late" "$E: closed late \(done, delay BUSY\), with an apology"
check_eq "... the delay reason is stored" BUSY "$(case_field "$E" delay_reason)"
