#!/bin/bash
# sweep_catchup.sh - the catch-up sweep after the desk was unreachable for
# three hours (issue 14 item 4, at a test's scale): 600 cases due a step,
# three sweepers at once (three calls' worth: 3 x sweep_chunk_cases(), 600
# at 200 a call).  Every step is made exactly once and audited once,
# each alert is sent once, as one summary alert per officer and kind for
# each call of the sweep (023_alert_summary.sql; a few stay alerts of their
# own), the audit chain stays intact, and its head (moved
# at the commit since 0.2: 26_audit_chain.sql) is the last event; a handover
# acknowledged in the same transaction as its moves pins the chain with those
# moves in it.
. "$(dirname "$0")/../lib.sh"

O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
O2=$(mk_officer o2 "Lê Thị Hai" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: officers"; exit 1; }

# The desk swept before it lost the database (its row of sweep_state exists).
check_exit "a sweep before the outage" 0 wd_as "$O1" watch --once

# N = 3C cases (C = sweep_chunk_cases(), a call's) received over the last
# five hours (loaded as the bench loads them, without their per-row
# triggers), category MT (warn 30 min before the deadline, escalate 15 min
# before): 2C overdue (deadlines 3 h to 13 min ago: warning, escalation,
# overdue mark), C/2 due in 6-13 min (warning, escalation), C/2 in 20-27 min
# (warning only); no further step falls due within 5 min.  The first 30 are
# held by o1.
C=$(sql "select wardesk.sweep_chunk_cases()")
N=$((3 * C))
sql "begin;
     set local session_replication_role = replica;
     insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at,
                                deadline_at, state, owner)
     select w.id, w.code || '-' || (w.next_seq + g), 'hotline', 'MT', 'Bù quét ' || g, 'Hẻm ' || g,
            d - interval '120 min', d,
            case when g <= 30 then 'in_progress' else 'new' end,
            case when g <= 30 then '$O1' end
       from generate_series(1, $N) g
      cross join wardesk.wards w
      cross join lateral (select case when g > 5 * $C / 2
                                      then now() + interval '20 min' + (g - 5 * $C / 2) * interval '800 s' / $C
                                      when g > 2 * $C
                                      then now() + interval '6 min' + (g - 2 * $C) * interval '800 s' / $C
                                      else now() - interval '3 hours' + g * interval '5000 s' / $C end as d) t
      where w.code = '$WD_WARD';
     update wardesk.wards set next_seq = next_seq + $N where code = '$WD_WARD';
     commit" >/dev/null
check_eq "setup: $N cases due a step" "$N" \
	"$(sql "select count(*) from wardesk.cases where description like 'Bù quét %'")"
WANT_ESC=$((5 * C / 2))
WANT_OVER=$((2 * C))

# One call of the sweep is one bounded transaction (it held every due case's
# row lock, and the audit chain's head, until the end of the catch-up)
ONE=$(psql_as "$O1" -c "select count(distinct case_id) || '|' || wardesk.sweep_chunk_cases() || '|' || count(*)
                        from wardesk.sweep()")
check_eq "one call of sweep() steps at most sweep_chunk_cases() cases" "$C|$C" "${ONE%|*}"
FIRST=${ONE##*|}
check_eq "... and commits them" "$C" \
	"$(sql "select count(*) from wardesk.cases where description like 'Bù quét %' and warned_at is not null")"

# The ward's three consoles come back and sweep at once: each calls again
# while a call was full, so they take turns and share the rest.
R=$WD_TMP/race
mkdir -p "$R"
pids=()
i=0
for who in "$O1" "$O2" "$CH"; do
	(
		while [ ! -e "$R/go" ]; do sleep 0.005; done
		wd_as "$who" watch --once </dev/null >"$R/$i.out" 2>"$R/$i.err"
		echo $? >"$R/$i.rc"
	) &
	pids+=($!)
	i=$((i + 1))
done
touch "$R/go"
for p in "${pids[@]}"; do wait "$p"; done
# (a sweeper whose first call waited 2 s for another's turn says the lock is
# held and sweeps nothing: exit 1)
rcs=$(cat "$R"/*.rc | sort | tr '\n' ' ')
check_match "three sweepers: one or more exit 0, any other exits 1" '^0 (0 |1 )*$' "$rcs"
if grep -q . "$R"/*.err; then
	check_match "... a refused one names the lock" 'holds its lock' "$(cat "$R"/*.err)"
fi

count() { sql "select count(*) from wardesk.case_events where action = '$1'"; }
check_eq "one warning per case" "$N" "$(count warn)"
check_eq "one escalation per case due one" "$WANT_ESC" "$(count auto-escalate)"
check_eq "one overdue mark per case due one" "$WANT_OVER" "$(count overdue)"
check_eq "no case has a step twice" 0 \
	"$(sql "select count(*) from (select case_id, action from wardesk.case_events
	         where action in ('warn', 'auto-escalate', 'overdue') group by 1, 2 having count(*) > 1) x")"
# (recipient, kind, case) of every alert, a summary's for each of its cases
PAIRS="select a.recipient, a.kind, c from wardesk.alerts a
        cross join lateral unnest(coalesce(a.case_ids, array[a.case_id])) c"
check_eq "no alert twice (case, kind, recipient)" 0 \
	"$(sql "select count(*) from ($PAIRS group by 1, 2, 3 having count(*) > 1) x")"
check_eq "warnings: 30 to the holder, $((N - 30)) x 2 to the officers on duty" "$((30 + 2 * (N - 30)))" \
	"$(sql "select count(*) from ($PAIRS) x where kind = 'warning'")"
check_eq "escalations and overdue marks: each to the chair" "$WANT_ESC $WANT_OVER" \
	"$(sql "select count(*) filter (where kind = 'escalation') || ' ' || count(*) filter (where kind = 'overdue')
	        from ($PAIRS) x where recipient = '$CH'")"
# three calls of C cases (the psql one, then the sweepers'), each due
# more than three alerts of a kind for each officer it alerts
check_eq "every alert is a summary" "0" \
	"$(sql "select count(*) from wardesk.alerts where case_count is null")"
check_eq "one summary per officer, kind and call (warnings 3 x 2, escalations 3, overdue 2)" \
	"escalation 3|overdue 2|warning 6" \
	"$(sql "select string_agg(kind || ' ' || n, '|' order by kind)
	        from (select kind, count(*) n from wardesk.alerts group by kind) x")"
check_eq "... none twice in one call" 0 \
	"$(sql "select count(*) from (select recipient, kind, created_at from wardesk.alerts
	         group by 1, 2, 3 having count(*) > 1) x")"
check_exit "wardesk alerts lists the summaries" 0 wd_as "$CH" alerts --mine --format tsv
check_eq "... with their numbers of cases (escalations, overdue marks)" \
	"$((WANT_ESC + WANT_OVER))" "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { n += $9 } END { print n }')"
check_eq "a summary's case is its first (earliest deadline)" 0 \
	"$(sql "select count(*) from wardesk.alerts a where a.case_count > 1
	         and exists (select from unnest(a.case_ids) c join wardesk.cases x on x.id = c
	                      join wardesk.cases f on f.id = a.case_id where x.deadline_at < f.deadline_at)")"
check_eq "the sweepers printed every other step once" "$((N + WANT_ESC + WANT_OVER - FIRST))" \
	"$(cat "$R"/*.out | grep -c ' level ')"
check_exit "a sweep afterwards" 0 wd_as "$O2" watch --once
check_eq "... has nothing left to do" 0 "$(printf '%s\n' "$OUT" | grep -c ' level ')"

# A few alerts stay alerts of their own case: two more cases due a warning,
# unowned: two single alerts to each officer on duty.
sql "begin;
     set local session_replication_role = replica;
     insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at, deadline_at)
     select w.id, w.code || '-' || (w.next_seq + g), 'hotline', 'MT', 'Vừa đến hạn ' || g, 'Hẻm ' || g,
            now() - interval '95 min', now() + interval '25 min'
       from generate_series(1, 2) g cross join wardesk.wards w where w.code = '$WD_WARD';
     update wardesk.wards set next_seq = next_seq + 2 where code = '$WD_WARD';
     commit" >/dev/null
BEFORE=$(sql "select coalesce(max(id), 0) from wardesk.alerts")
check_exit "a sweep with two warnings" 0 wd_as "$O2" watch --once
check_eq "... alerts each officer of each case, no summary" "4 0" \
	"$(sql "select count(*) || ' ' || count(*) filter (where case_count is not null)
	        from wardesk.alerts where id > $BEFORE and kind = 'warning'")"

check_eq "the audit chain is intact" "t" \
	"$(sql "select intact from wardesk.audit_verify('$WD_WARD')")"
check_eq "its head is the last event" \
	"$(sql "select e.id || ' ' || encode(e.hash, 'hex') from wardesk.case_events e
	         join wardesk.wards w on w.id = e.ward_id where w.code = '$WD_WARD'
	         order by e.chain_seq desc limit 1")" \
	"$(sql "select head_event || ' ' || head_hash from wardesk.audit_head('$WD_WARD')")"

# A handover: its acknowledgement moves the cases and pins the chain in the
# same transaction; the pin includes the moves (the head row moves only at
# the commit, so the pin reads the chain itself).
check_exit "o1 hands over its 30 cases" 0 wd_as "$O1" handover create --to "$O2" --note "giao ca"
HO=$(printf '%s\n' "$OUT" | tail -n 1)
check_exit "o2 acknowledges" 0 wd_as "$O2" handover ack "$HO"
check_eq "30 handover events" 30 "$(count handover)"
check_eq "the acknowledgement pinned the last event, its moves included" \
	"$(sql "select e.id || ' ' || encode(e.hash, 'hex') from wardesk.case_events e
	         join wardesk.wards w on w.id = e.ward_id where w.code = '$WD_WARD'
	         order by e.chain_seq desc limit 1")" \
	"$(sql "select ack_chain_event || ' ' || encode(ack_chain_hash, 'hex') from wardesk.handovers where id = $HO")"
check_eq "the chain is still intact" "t" "$(sql "select intact from wardesk.audit_verify('$WD_WARD')")"

# A call's place is for cases with a step due: cases whose holder
# acknowledged the warning, past their escalation threshold but not yet
# their deadline, have none, and are not picked up (six of them before a
# case due its warning, calls of five: the due case is still stepped).
sql "begin;
     set local session_replication_role = replica;
     insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at, deadline_at,
                                state, owner, warned_at, ack_by, ack_at)
     select w.id, w.code || '-' || (w.next_seq + g), 'hotline', 'MT', 'Đã xác nhận ' || g, 'Hẻm ' || g,
            now() - interval '110 min', now() + interval '10 min' + g * interval '1 s',
            'in_progress', '$O1', now() - interval '20 min', '$O1', now() - interval '19 min'
       from generate_series(1, 6) g cross join wardesk.wards w where w.code = '$WD_WARD';
     insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at, deadline_at)
     select w.id, w.code || '-' || (w.next_seq + 7), 'hotline', 'MT', 'Đến hạn cảnh báo', 'Hẻm 7',
            now() - interval '95 min', now() + interval '25 min'
       from wardesk.wards w where w.code = '$WD_WARD';
     update wardesk.wards set next_seq = next_seq + 7 where code = '$WD_WARD';
     commit" >/dev/null
check_eq "acknowledged cases do not take a call's place" "warn" \
	"$(psql_as "$O2" -c "select string_agg(action, ',') from wardesk.sweep_chunk(5)")"
