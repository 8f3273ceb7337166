#!/bin/bash
# phone.sh - the chair's phone (issue 15): officers' mobile numbers (who may
# set and read them), and `wardesk watch` handing escalations and overdue
# marks to the configured phone-command (tests/tools/phone-record.sh in place
# of gammu-smsd-inject): exactly once with two watchers running, argv
# without a shell, text sanitised, failures retried with backoff and given
# up, a hung command killed, every attempt in the case's history.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
CH2=$(mk_officer ch2 "Lê Văn Phó" chair) &&
GV=$(mk_officer gv "Ngô Văn Gò" chair GV) || { not_ok "setup: officers"; exit 1; }
CH=$(login ch)
check_exit "officer add --mobile: the chair with a mobile typed with dots" 0 \
	wd_as postgres officer add "$CH" --name "Trần Thị Chủ Tịch" --role chair --ward BT \
	--mobile "0912.345.678"
check_eq "... stored normalised" 0912345678 "$(sql "select mobile from wardesk.officers where login = '$CH'")"
check_exit "a landline is no mobile (exit 2)" 2 wd_as "$CH" officer set "$O1" --mobile "028 3726 7527"
check_exit "an officer sets their own mobile" 0 wd_as "$O1" officer set "$O1" --mobile "+84 98 765 4321"
check_eq "... +84 becomes 0" 0987654321 "$(sql "select mobile from wardesk.officers where login = '$O1'")"
check_exit "a hotline operator may not set someone else's (exit 1)" 1 \
	wd_as "$HL" officer set "$O1" --no-mobile
check_exit "a chair of another ward finds no such officer (exit 1)" 1 \
	wd_as "$GV" officer set "$O1" --no-mobile
check_exit "--mobile and --no-mobile together: usage (exit 2)" 2 \
	wd_as "$CH" officer set "$O1" --mobile 0987654321 --no-mobile
check_exit "the gv chair gets a mobile (another ward)" 0 wd_as "$GV" officer set "$GV" --mobile 0901111222

# Who reads mobile numbers: not the staff through psql.
OUT=$(psql_as "$HL" -c "select mobile from wardesk.officers" 2>&1)
check_match "a hotline login cannot select officers.mobile in psql" 'permission denied' "$OUT"
check_eq "... the other columns it can" 4 "$(psql_as "$HL" -c "select count(login) from wardesk.officers")"
check_eq "... officer_mobiles() gives a hotline login none of its colleagues'" "" \
	"$(psql_as "$HL" -c "select login from wardesk.officer_mobiles()")"
check_eq "... an officer only their own" "$O1" "$(psql_as "$O1" -c "select login from wardesk.officer_mobiles()")"
check_eq "... a chair their ward's" "$(printf '%s\n' "$CH" "$O1" | sort)" \
	"$(psql_as "$CH" -c "select login from wardesk.officer_mobiles() order by 1")"
OUT=$(psql_as "$HL" -c "select * from wardesk.phone_claim(10, 60, 3, 3600)" 2>&1)
check_match "a hotline login cannot claim phone messages" 'permission denied|may not send' "$OUT"
OUT=$(psql_as "$CH" -c "select * from wardesk.phone_claim(10, 60, 3, 3600)" 2>&1)
check_match "... nor a chair" 'permission denied|may not send' "$OUT"

# The recording command and the config of the watchers.
LOG=$WD_TMP/phone.log
export WD_PHONE_LOG=$LOG
REC=$WD_ROOT/tests/tools/phone-record.sh
CONF=$WD_TMP/watch.conf
cat >"$CONF" <<EOF
set phone-command "$REC {number} -text {message} \"a b 'c' \\\\\"d\\\\\"\" {intl}"
set phone-retry 1,1,1
set phone-timeout 2
EOF
calls() { grep -c '^call ' "$LOG" 2>/dev/null || echo 0; }
pids=()
watch_start() {   # watch_start N [CONFIG]: N watchers as postgres, every second
	for _ in $(seq "$1"); do
		PGUSER=postgres "$WD_BIN" --config "${2:-$CONF}" watch --interval 1 </dev/null \
			>>"$WD_TMP/watch.out" 2>>"$WD_TMP/watch.err" &
		pids+=($!)
	done
}
watch_stop() {
	local p
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p"; done
	pids=()
}
at_exit watch_stop
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
shown() { wd_as "$CH" show "$1" | tr -s ' \n' '  '; }   # show, wrapped lines joined
msg_state() {   # msg_state REF KIND LOGIN: the message's state and attempts
	sql "select m.state || ' ' || m.attempts from wardesk.phone_messages m join wardesk.cases c on c.id = m.case_id
	      where c.ref = '$1' and m.kind = '$2' and m.recipient = '$3'"
}

state_is() { [ "$(msg_state "$1" "$2" "$3")" = "$4" ]; }   # state_is REF KIND LOGIN "STATE N"

# An escalation with two watchers running: the chair's phone rings once.
R1=$(report_as "$HL" --category MT --text "Rác đổ đầu hẻm" --address "45 Nơ Trang Long") ||
	not_ok "report R1" "$R1"
sql "update wardesk.cases set address = E'45 N\u01a1 Trang Long\\x1b[31m\\u202eX\\n; touch $WD_TMP/pwned'
     where ref = '$R1'" >/dev/null
watch_start 2
check_exit "$O1 escalates $R1 (nobody holds it)" 0 wd_as "$O1" escalate "$R1" --note "Cần chủ tịch"
check "the chair's message is sent" wait_until 20 state_is "$R1" escalation "$CH" "sent 1"
sleep 3   # both watchers claim every 2 s: a second message would be sent by now
check_eq "... by exactly one call of the command" 1 "$(calls)"
check_eq "... and one message row for the case" 1 \
	"$(sql "select count(*) from wardesk.phone_messages m join wardesk.cases c on c.id = m.case_id where c.ref = '$R1'")"
check_eq "the chair without a mobile got an alert but no message" \
	"1 0" "$(sql "select count(*) from wardesk.alerts where recipient = '$CH2' and kind = 'escalation'") $(sql "select count(*) from wardesk.phone_messages where recipient = '$CH2'")"
mapfile -t ARGS < <(sed -n '2,$p' "$LOG")
check_eq "argv: 5 arguments" "call 1 5" "$(head -1 "$LOG")"
check_eq "... the number" 0912345678 "${ARGS[0]}"
check_eq "... -text" -text "${ARGS[1]}"
check_eq "... spaces and quotes stay one argument (no shell)" "a b 'c' \"d\"" "${ARGS[3]}"
check_eq "... {intl}" +84912345678 "${ARGS[4]}"
MSG=${ARGS[2]}
check_match "the message names ref, step, countdown, category and address" \
	"^$R1 escalated, [0-9]+ min left: MT Moi truong, 45 No Trang Long" "$MSG"
check "... at most 160 characters" test "${#MSG}" -le 160
check_eq "... ASCII without control or bidi characters" "" \
	"$(printf '%s' "$MSG" | LC_ALL=C grep -P '[^\x20-\x7e]' || true)"
check "... and no shell ran what the data said" test ! -e "$WD_TMP/pwned"
check_match "the attempt is in the case's history (wardesk show)" \
	"phone message to $CH \(escalation\) sent, attempt 1" "$(shown "$R1")"

# A command that fails twice: retried after 1 s each time, then sent.
echo 2 >"$LOG.fail"
sql "update wardesk.test_clock set clock_offset = '121 minutes'" >/dev/null
check "overdue: the chair's message is sent at the third attempt" \
	wait_until 30 state_is "$R1" overdue "$CH" "sent 3"
watch_stop
check_eq "... three calls for it" 4 "$(calls)"
SHOW=$(shown "$R1")
check_match "... attempt 1 failed, in the history with the retry" \
	"phone message to $CH \(overdue mark\) failed, attempt 1: exit status 1; next try at [0-9]{2}:[0-9]{2}" "$SHOW"
check_match "... attempt 2 failed" "overdue mark\) failed, attempt 2: exit status 1" "$SHOW"
check_match "... attempt 3 sent" "overdue mark\) sent, attempt 3" "$SHOW"
check_eq "... each retry waited for its backoff" t "$(sql "select bool_and(b.at >= a.next_at)
	from wardesk.phone_attempts a join wardesk.phone_attempts b on b.message_id = a.message_id and b.attempt = a.attempt + 1
	join wardesk.phone_messages m on m.id = a.message_id where m.kind = 'overdue'")"
check_eq "... the officer with a mobile got nothing: no phone kind reached them" 0 \
	"$(sql "select count(*) from wardesk.phone_messages where recipient = '$O1'")"
check_eq "the attempts are case events, and the audit chain still verifies" 0 \
	"$(PGUSER=postgres "$WD_BIN" audit verify >/dev/null 2>&1; echo $?)"

# A command that always fails: given up after 1 + 3 retries.
echo 99 >"$LOG.fail"
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng") || not_ok "report R2" "$R2"
watch_start 1
check_exit "$O1 escalates $R2" 0 wd_as "$O1" escalate "$R2" --note "Báo lãnh đạo"
check "the message is given up after 4 attempts" \
	wait_until 30 state_is "$R2" escalation "$CH" "failed 4"
check_match "... said in the history" "phone message to $CH \(escalation\) given up after attempt 4: exit status 1" \
	"$(shown "$R2")"

# A hung command is killed after phone-timeout (2 s) and retried.
echo 0 >"$LOG.fail"
echo 30 >"$LOG.sleep"
R3=$(report_as "$HL" --category HT --text "Ổ gà") || not_ok "report R3" "$R3"
check_exit "$O1 escalates $R3" 0 wd_as "$O1" escalate "$R3" --note "Khẩn"
killed() {
	sql "select count(*) from wardesk.phone_attempts a join wardesk.phone_messages m on m.id = a.message_id
	      join wardesk.cases c on c.id = m.case_id where c.ref = '$R3' and a.outcome = 'failed' and a.error ~ '^killed'"
}
killed_once() { [ "$(killed)" -ge 1 ]; }
check "a hung command is killed after phone-timeout and recorded" wait_until 30 killed_once
: >"$LOG.sleep"
check_match "... the history says so" "failed, attempt 1: killed after 2 s" "$(shown "$R3")"
sent_any() { [ "$(msg_state "$R3" escalation "$CH" | cut -d' ' -f1)" = sent ]; }
check "... and it is tried again" wait_until 30 sent_any
watch_stop
check_eq "every watcher ended cleanly, nothing on stderr" "" "$(cat "$WD_TMP/watch.err")"

# At most one message per case, step and recipient in a life of the case;
# reopening starts a new life.
n_msgs() {   # n_msgs REF KIND: messages to the chair
	sql "select count(*) from wardesk.phone_messages m join wardesk.cases c on c.id = m.case_id
	      where c.ref = '$1' and m.kind = '$2' and m.recipient = '$CH'"
}
check_exit "the chair takes the escalation of $R2 back" 0 wd_as "$CH2" deescalate "$R2" --note "Đã điều người"
check_exit "... and $O1 escalates it again" 0 wd_as "$O1" escalate "$R2" --note "Vẫn chưa xong"
check_eq "a second escalation alert of $R2 reaches the chair" 2 \
	"$(sql "select count(*) from wardesk.alerts a join wardesk.cases c on c.id = a.case_id
	         where c.ref = '$R2' and a.kind = 'escalation' and a.recipient = '$CH'")"
check_eq "... but makes no second message" 1 "$(n_msgs "$R2" escalation)"
check_exit "$O1 takes $R2" 0 wd_as "$O1" take "$R2"
check_exit "... closes it" 0 wd_as "$O1" close "$R2" --note "Đã thay bóng đèn"
check_exit "the chair reopens it" 0 wd_as "$CH" reopen "$R2" --note "Người dân báo đèn vẫn tắt"
check_exit "$O1 takes the reopened case" 0 wd_as "$O1" take "$R2"
check_exit "... and escalates it" 0 wd_as "$O1" escalate "$R2" --note "Cần thay cột đèn"
check_eq "a new life: a new message" 2 "$(n_msgs "$R2" escalation)"

# Claims are leases: a watcher that dies with one leaves it to the next claim,
# recorded as lost; its late report is refused.
claim() { psql_as postgres -c "select c.ref || ' ' || p.attempt from wardesk.phone_claim(10, $1, 4, 3600) p
                                join wardesk.cases c on c.ref = p.ref where c.ref = '$R2'"; }
check_eq "a claim with a 1 s lease" "$R2 1" "$(claim 1)"
check_eq "... claimed, nothing else for a second claim meanwhile" "" "$(claim 60)"
sleep 1.5
check_eq "after the lease: claimed again as attempt 2" "$R2 2" "$(claim 60)"
check_match "... attempt 1 recorded as lost in the history" \
	"phone message to $CH \(escalation\): attempt 1 lost, its watcher stopped" "$(shown "$R2")"
OUT=$(psql_as postgres -c "select wardesk.phone_result(m.id, 1, true, 0, null, null)
                            from wardesk.phone_messages m join wardesk.cases c on c.id = m.case_id
                           where c.ref = '$R2' and m.state = 'sending'" 2>&1)
check_match "... the first claimant's late report is refused" "no longer claimed" "$OUT"

# A login in wardesk_phone may claim (its own ward's messages); others not.
sql "grant wardesk_phone to \"$O1\"" >/dev/null
check_exit "an officer login in wardesk_phone may claim" 0 \
	psql_as "$O1" -c "select count(*) from wardesk.phone_claim(0, 60, 4, 3600)"
sql "revoke wardesk_phone from \"$O1\"" >/dev/null

# A command that cannot start is a failed attempt, said in the history.
CONF2=$WD_TMP/watch2.conf
printf 'set phone-command "%s/no-such-sms-command {number}"\nset phone-retry 1\n' "$WD_TMP" >"$CONF2"
R4=$(report_as "$HL" --category MT --text "Khói từ bãi rác") || not_ok "report R4" "$R4"
check_exit "$O1 escalates $R4" 0 wd_as "$O1" escalate "$R4" --note "Khói nhiều"
check_exit "watch --once with a command that does not exist (exit 0: the sweep ran)" 0 \
	env PGUSER=postgres "$WD_BIN" --config "$CONF2" watch --once
check_match "... the attempt failed: cannot run it" \
	"phone message to $CH \(escalation\) failed, attempt 1: cannot run $WD_TMP/no-such-sms-command: No such file" \
	"$(shown "$R4")"
echo 'set phone-command "sms {numbr}"' >"$WD_TMP/watch3.conf"
check_exit "an unknown placeholder: said, the sweep still runs" 0 \
	env PGUSER=postgres "$WD_BIN" --config "$WD_TMP/watch3.conf" watch --once
check_match "... on stderr" "unknown placeholder \{numbr\}" "$ERR"

# The database goes away while the command runs: the outcome is kept and
# recorded when the watcher is back (within the lease), not lost.
CONF4=$WD_TMP/watch4.conf
printf 'set phone-command "%s {number} -text {message}"\nset phone-timeout 20\n' "$REC" >"$CONF4"
echo 3 >"$LOG.sleep"
R5=$(report_as "$HL" --category MT --text "Nước thải tràn") || not_ok "report R5" "$R5"
check_exit "$O1 escalates $R5" 0 wd_as "$O1" escalate "$R5" --note "Ngập mùi hôi"
watch_start 1 "$CONF4"
check "the command runs" wait_until 20 state_is "$R5" escalation "$CH" "sending 1"
pg_stop
sleep 4   # the command ends while the database is down
: >"$LOG.sleep"
pg_start
check "... the database was down when it ended; the outcome is recorded once it is back" \
	wait_until 30 state_is "$R5" escalation "$CH" "sent 1"
watch_stop
check_eq "... one attempt, sent, nothing lost" "sent" \
	"$(sql "select string_agg(a.outcome, ',') from wardesk.phone_attempts a join wardesk.phone_messages m on m.id = a.message_id
	         join wardesk.cases c on c.id = m.case_id where c.ref = '$R5'")"

# A message not sent within an hour expires unsent (a watcher started after a
# long outage does not send yesterday's escalations).
R6=$(report_as "$HL" --category MT --text "Rác cháy âm ỉ") || not_ok "report R6" "$R6"
check_exit "$O1 escalates $R6" 0 wd_as "$O1" escalate "$R6" --note "Khói"
check_exit "watch --once with the missing command" 0 env PGUSER=postgres "$WD_BIN" --config "$CONF2" watch --once
check_eq "$R6's message waits for its retry" "pending 1" "$(msg_state "$R6" escalation "$CH")"
sql "update wardesk.test_clock set clock_offset = clock_offset + interval '61 minutes'" >/dev/null
check_exit "watch --once an hour later" 0 env PGUSER=postgres "$WD_BIN" --config "$CONF" watch --once
check_eq "... the message expired" "expired 1" "$(msg_state "$R6" escalation "$CH")"
check_match "... said in the history" "phone message to $CH \(escalation\) not sent: too old" "$(shown "$R6")"

# Which kinds go to phones is a desk setting, per ward.
check_exit "phone_kinds must be a list of kinds (exit 2)" 2 wd_as "$CH" setting set phone_kinds "escalation; rm"
check_exit "a chair sends only overdue marks to phones in their ward" 0 wd_as "$CH" setting set phone_kinds overdue
R7=$(report_as "$HL" --category MT --text "Chó thả rông") || not_ok "report R7" "$R7"
check_exit "$O1 escalates $R7" 0 wd_as "$O1" escalate "$R7" --note "Cần xử lý"
check_eq "... an escalation makes no message now" 0 "$(n_msgs "$R7" escalation)"
check_exit "none: nothing goes to phones" 0 wd_as "$CH" setting set phone_kinds none

# A watcher whose login may not send says so once and goes on sweeping.
check_exit "watch --once as a hotline login with a phone-command (exit 0)" 0 \
	env PGUSER="$HL" "$WD_BIN" --config "$CONF" watch --once
check_match "... says no phone messages are sent, and why" "permission denied.*no phone messages are sent .*member of wardesk_phone" "$ERR"
