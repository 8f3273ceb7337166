#!/bin/bash
# notify_console.sh - the console's desktop notifications through the real
# libnotify on a private D-Bus session (tests/tools/notify-recorder.py): with
# a bus but no notification server the console falls back and says why
# once; with the recorder, an escalation reaches the chair's console as one
# critical notification naming the category in English, marked delivered; a
# burst of new cases reaches an officer's console as one "N new cases"; a
# slow server never freezes it.
. "$(dirname "$0")/../lib.sh"
need_dbus "$@"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: officers"; exit 1; }
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
mkdir -p "$XDG_CONFIG_HOME/wardesk"
echo "set sweep-seconds 1" >"$XDG_CONFIG_HOME/wardesk/config"
REC=$WD_TMP/notify.jsonl
ok "setup: officers, a private session bus"

# -- a bus, nobody serving notifications: the fallback, said once
A=$(report_as "$HL" --category ANTT --text "Nhóm thanh niên <b>tụ tập</b>" --address "210 Phan Đăng Lưu") ||
	{ not_ok "setup: report"; exit 1; }
tm_wardesk "$CH"
# (after what waits, on the status line: at 80 columns cut between words,
# the footer keeps its line)
check_screen "no server: the console says why, once" \
	"^nothing waits for you — desktop notifications unavailable: no notification …"
sql "update wardesk.test_clock set clock_offset = '106 min'" >/dev/null
check_screen "the escalation falls back to the status line" "^$A is escalated to you\$"
check_nomatch "... without repeating why" "unavailable" "$TM_SCREEN"
check_screen "... and the queue marks it" "^ +$A .* new +!\$"
_delivered() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$CH'
                           and delivered_at is null")" = 0 ]; }
check "the fallback counts as delivered" wait_until 10 _delivered
tm_send q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill

# -- the recorder: the chair's escalation is a critical notification
notify_start "$REC" || { not_ok "the recorder starts"; exit 1; }
B=$(report_as "$HL" --category ANTT --text "Cãi nhau lớn tiếng" --address "5 Lê Duẩn") ||
	{ not_ok "setup: report B"; exit 1; }
tm_wardesk "$CH"
check_screen "the chair's console is live" "$CH .* live"
: >"$REC"
sql "update wardesk.test_clock set clock_offset = '212 min'" >/dev/null
_esc() { grep -q "\"$B is escalated to you\"" "$REC"; }
check "the console's sweep escalates B: a notification is recorded" wait_until 10 _esc
n=$(grep "\"$B is escalated to you\"" "$REC")
check_eq "one notification for B's escalation" 1 "$(printf '%s\n' "$n" | wc -l | tr -d ' ')"
check_eq "... critical (urgency 2)" 2 "$(json_get "$n" 'j["urgency"]')"
check_eq "... from wardesk" wardesk "$(json_get "$n" 'j["app_name"]')"
check_match "... the body names the address" "5 Lê Duẩn" "$(json_get "$n" 'j["body"]')"
# the category in the interface's language (English here): it was named
# only in Vietnamese (the alert's row and payload had only name_vi)
en=$(sql "select name_en from wardesk.categories where code = 'ANTT'")
vi=$(sql "select name_vi from wardesk.categories where code = 'ANTT'")
check_match "... and the category in English, as the interface is" "^$en, due [0-9]{2}:[0-9]{2}: 5 Lê Duẩn" \
	"$(json_get "$n" 'j["body"]')"
check_nomatch "... not in Vietnamese ($vi)" "$vi" "$(json_get "$n" 'j["body"]')"
check "the alerts are marked delivered" wait_until 10 _delivered
check_screen "the queue marks B (NEW: the chair has not seen it)" "^(NEW)? +$B .* new +!\$"
tm_capture >/dev/null
check_nomatch "notifications work: no fallback message" "unavailable" "$TM_SCREEN"
tm_send q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill

# -- alerts made while the officer was away are shown on connect
undelivered() { sql "select count(*) from wardesk.alerts where recipient = '$O1' and delivered_at is null"; }
check_eq "the officer has undelivered alerts: two new cases, two warnings" 4 "$(undelivered)"
: >"$REC"
tm_wardesk "$O1"
check_screen "the officer's console is live" "$O1 .* live"
# (issue 11: start-up says in one line what waits, instead of a notification
# for what came meanwhile)
check_screen "on connect one line says what waits (his first start: nothing before it is new)" \
	"(^| — )[0-9]+ (due soon|overdue)"
check_eq "... and they are marked delivered" 0 "$(undelivered)"
check_eq "... without a desktop notification each" 0 "$(notify_count "$REC")"

# -- a burst of new cases for an officer's console: one notification
: >"$REC"
psql_as "$HL" -c "select wardesk.report('MT', 'Rác số ' || i, '1' || i || ' Lê Lợi') from generate_series(1, 6) i" >/dev/null
_new6() { [ "$(sql "select count(*) from wardesk.alerts where recipient = '$O1' and kind = 'new'
                    and delivered_at is not null")" -ge 6 ]; }
check "the six new-case alerts are handled" wait_until 10 _new6
check "a notification arrives" notify_wait_count "$REC" 1 10
# (a second one would come within the grouping delay: give it 2 s)
notify_wait_count "$REC" 2 2 && diag "a second notification: $(tail -n 1 "$REC")"
check_eq "six new cases make one notification" 1 "$(grep -c 'new case' "$REC")"
check_eq "... counted" "6 new cases" "$(json_get "$(grep 'new case' "$REC" | head -n 1)" 'j["summary"]')"
check_eq "... normal urgency" 1 "$(json_get "$(grep 'new case' "$REC" | head -n 1)" 'j["urgency"]')"

# -- a slow server: the console stays responsive
notify_stop
notify_start "$REC" --delay 30 || not_ok "the slow recorder starts"
C=$(report_as "$HL" --category MT --text "Rác nữa" --address "99 Lê Lợi")
check_screen "a new case still appears at once" "$C "
t0=$(date +%s%N)
tm_send Enter
check_screen "keys are answered while the server hangs" "^ Description"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$ms" -lt 3000 ]; then ok "... within 3 s (${ms} ms)"; else not_ok "... within 3 s" "took ${ms} ms"; fi
tm_send q
check_screen "q: back to the queue" "REF +LEFT"
tm_send q
if wait_until 5 tm_dead; then ok "q quits at once despite a hung notification"; else not_ok "q quits at once"; fi
