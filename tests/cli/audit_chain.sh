#!/bin/bash
# audit_chain.sh - issue 13: a trail nobody can quietly rewrite.  Every case
# event is chained to the previous event of its ward (sha256 computed in the
# database); `wardesk audit verify` recomputes the chain and names the first
# broken link when a superuser edits or deletes an event; concurrent events
# chain in one line; handover records print the chain head they pinned.
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BI=$(mk_officer bi "Lê Thị Bình" officer) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) &&
HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
GC=$(mk_officer gc "Phạm Văn Gò" chair GV) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers of BT and GV"

R1=$(report_as "$HL" --category MT --text "Rác ở hẻm 12") &&
R2=$(report_as "$HL" --category HT --text "Ổ gà đường Bạch Đằng") &&
R3=$(report_as "$GC" --category CX --text "Cây đổ ở Gò Vấp") &&
wd_as "$AN" take "$R1" >/dev/null && wd_as "$AN" close "$R1" --note "Đã thu gom" >/dev/null &&
wd_as "$BI" take "$R2" >/dev/null || { not_ok "setup: cases"; exit 1; }
ok "setup: cases and actions in two wards"

# --- intact
check_exit "audit verify as a duty officer: intact (exit 0)" 0 wd_as "$AN" audit verify
check_match "... N events, chain intact, head <hash> (event id)" \
	'^BT: 5 events, chain intact, head [0-9a-f]{12} \(event [0-9]+\)$' "$OUT"
check_eq "... the head printed is the head of BT's chain" \
	"$(sql "select left(encode(hash, 'hex'), 12) || ' (event ' || event_id || ')' from wardesk.audit_heads h join wardesk.wards w on w.id = h.ward_id where w.code = 'BT'")" \
	"$(sed -n 's/.*head \([0-9a-f]* (event [0-9]*)\)$/\1/p' <<<"$OUT")"
check_exit "a superuser verifies every ward" 0 wd audit verify
check_match "... BT" '^BT: 5 events, chain intact' "$OUT"
check_match "... and GV" '^GV: 1 events, chain intact' "$OUT"
check_exit "a superuser verifies one ward (--ward GV)" 0 wd audit verify --ward GV
check_nomatch "... only that one" '^BT' "$OUT"
check_exit "a duty officer cannot verify another ward (exit 1)" 1 wd_as "$AN" audit verify --ward GV
check_match "... saying so" 'only verify the audit trail of your own ward' "$ERR"
check_exit "a hotline operator cannot verify (exit 1)" 1 wd_as "$HL" audit verify
check_exit "the chair verifies their ward" 0 wd_as "$CH" audit verify --ward bt
check_eq "each ward's chain: places 1..N, every event hashed, first without a previous hash" \
	"BT|1|5|5|1|GV|1|1|1|1" \
	"$(sql "select string_agg(x, '|' order by x) from (
	          select concat_ws('|', w.code, min(chain_seq), max(chain_seq), count(hash),
	                           count(*) filter (where prev_hash is null)) x
	            from wardesk.case_events e join wardesk.wards w on w.id = e.ward_id group by w.code) y")"

# --- staff cannot touch the chain
check_exit "psql as the chair: UPDATE case_events is refused" 1 \
	psql_as "$CH" -c "update wardesk.case_events set note = 'x'"
check_exit "psql as the chair: audit_heads cannot be read or changed" 1 \
	psql_as "$CH" -c "select * from wardesk.audit_heads"
check_exit "psql as the chair: nor locked" 1 \
	psql_as "$CH" -c "begin; update wardesk.audit_heads set seq = 0; commit"

# --- a superuser edits an event's note: verify names that event
EV=$(sql "select e.id from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
          where c.ref = '$R1' and e.action = 'close'")
sql "set session_replication_role = replica;
     update wardesk.case_events set note = 'Đã thu gom xong (sửa)' where id = $EV" >/dev/null
check_exit "after a superuser edits a note, verify fails (exit 1)" 1 wd_as "$AN" audit verify
check_match "... naming that event, its case and time" \
	"^BT: chain BROKEN at event $EV \\($R1, [0-9/]+ [0-9:]+\\): its content does not match its hash" "$OUT"
check_exit "... GV is still intact for the superuser, BT broken (exit 1)" 1 wd audit verify
check_match "... GV intact" '^GV: 1 events, chain intact' "$OUT"
sql "set session_replication_role = replica;
     update wardesk.case_events set note = 'Đã thu gom' where id = $EV" >/dev/null
check_exit "the note put back: intact again (the hash covers the content)" 0 wd_as "$AN" audit verify

# ... also when the editor recomputes the edited event's own hash
sql "set session_replication_role = replica;
     update wardesk.case_events set note = 'khác' where id = $EV;
     update wardesk.case_events e set hash = wardesk.event_hash(e) where id = $EV" >/dev/null
NEXT=$(sql "select id from wardesk.case_events where ward_id = (select ward_id from wardesk.case_events where id = $EV)
            and chain_seq = (select chain_seq + 1 from wardesk.case_events where id = $EV)")
check_exit "an edit with its hash recomputed breaks the next link (exit 1)" 1 wd_as "$AN" audit verify
check_match "... naming the next event" "^BT: chain BROKEN at event $NEXT .*link to the previous event \\($EV\\)" "$OUT"
sql "set session_replication_role = replica;
     update wardesk.case_events set note = 'Đã thu gom' where id = $EV;
     update wardesk.case_events e set hash = wardesk.event_hash(e) where id = $EV" >/dev/null
check_exit "put back: intact" 0 wd_as "$AN" audit verify

# --- a superuser deletes an event: verify names the gap
sql "set session_replication_role = replica; delete from wardesk.case_events where id = $EV" >/dev/null
PREV=$(sql "select id from wardesk.case_events where ward_id = (select id from wardesk.wards where code = 'BT')
            and chain_seq < (select chain_seq from wardesk.case_events where id = $NEXT) order by chain_seq desc limit 1")
check_exit "after a superuser deletes an event, verify fails (exit 1)" 1 wd_as "$AN" audit verify
check_match "... naming the gap" "^BT: chain BROKEN at event $NEXT \\([A-Z]+-[0-9]+, .*\\): 1 event\\(s\\) missing between event $PREV and event $NEXT" "$OUT"

# --- deleting the last event shows at the head
sql "create database ${PGDATABASE}_tail template $PGDATABASE" >/dev/null 2>&1 ||
	psql_as postgres -d postgres -c "create database ${PGDATABASE}_tail template $PGDATABASE" >/dev/null
at_exit psql_as postgres -d postgres -c "drop database if exists ${PGDATABASE}_tail"
LAST=$(psql_as postgres -d "${PGDATABASE}_tail" -c "select max(id) from wardesk.case_events where ward_id = (select id from wardesk.wards where code = 'GV')")
psql_as postgres -d "${PGDATABASE}_tail" -c "set session_replication_role = replica;
	delete from wardesk.case_events where id = $LAST" >/dev/null
check_exit "the last event deleted: verify fails (exit 1)" 1 env PGDATABASE="${PGDATABASE}_tail" "$WD_BIN" audit verify --ward GV
check_match "... at the head" '^GV: chain BROKEN: no events, but the head is place 1' "$OUT"

# --- ten processes insert concurrently (a copy of the database): one line
sql "create database ${PGDATABASE}_c template $PGDATABASE" >/dev/null 2>&1 ||
	psql_as postgres -d postgres -c "create database ${PGDATABASE}_c template $PGDATABASE" >/dev/null
at_exit psql_as postgres -d postgres -c "drop database if exists ${PGDATABASE}_c"
export PGDATABASE=${PGDATABASE}_c
GVN=$(sql "select count(*) from wardesk.case_events where ward_id = (select id from wardesk.wards where code = 'GV')")
pids=()
for i in 1 2 3 4 5 6 7 8 9 10; do
	(
		for j in 1 2 3; do
			r=$(PGUSER=$GC "$WD_BIN" report --category MT --text "Đồng thời $i.$j" </dev/null) || exit 1
			PGUSER=$GC "$WD_BIN" take "$r" </dev/null >/dev/null || exit 1
		done
	) &
	pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
check_eq "ten processes report and take concurrently" 0 "$bad"
check_exit "... GV's chain is intact" 0 wd audit verify --ward GV
check_match "... with every event in it" "^GV: $((GVN + 60)) events, chain intact" "$OUT"
check_eq "... places 1..N with no gap or repeat" "$((GVN + 60))|$((GVN + 60))|1" \
	"$(sql "select count(distinct chain_seq) || '|' || max(chain_seq) || '|' || min(chain_seq) from wardesk.case_events
	        where ward_id = (select id from wardesk.wards where code = 'GV')")"
export PGDATABASE=${PGDATABASE%_c}

# --- handovers pin the head
HEAD=$(sql "select event_id || ', ' || left(encode(hash, 'hex'), 12) from wardesk.audit_heads where ward_id = (select id from wardesk.wards where code = 'BT')")
check_exit "handover --preview prints the head now" 0 wd_as "$BI" handover --preview
check_match "... Now: event N, hash" "^  Now: event $HEAD\$" "$OUT"
check_exit "the duty officer hands over" 0 wd_as "$BI" handover create --to "$AN" --note "Giao ca chiều"
HID=$OUT
check_eq "the handover row pins the head when written" "$HEAD" \
	"$(sql "select chain_event || ', ' || left(encode(chain_hash, 'hex'), 12) from wardesk.handovers where id = $HID")"
check_exit "handover record (text)" 0 wd_as "$BI" handover --id "$HID"
check_match "... prints the head when written" "^  When written: event $HEAD\$" "$OUT"
check_exit "the incoming officer acknowledges" 0 wd_as "$AN" handover ack "$HID"
HEAD2=$(sql "select event_id || ', ' || left(encode(hash, 'hex'), 12) from wardesk.audit_heads where ward_id = (select id from wardesk.wards where code = 'BT')")
check "... the acknowledgement wrote events (the head moved)" test "$HEAD2" != "$HEAD"
check_exit "handover record (markdown)" 0 wd_as "$AN" handover --id "$HID" --format markdown
check_match "... a section for the chain head" '^## Audit chain head' "$OUT"
check_match "... written" "^- When written: event $HEAD\$" "$OUT"
check_match "... acknowledged (after the moves)" "^- When acknowledged: event $HEAD2\$" "$OUT"

# --- a superuser rewrites the whole chain consistently: the pinned heads tell
sql "set session_replication_role = replica;
     update wardesk.case_events set note = 'viết lại' where id = (select min(id) from wardesk.case_events
            where ward_id = (select id from wardesk.wards where code = 'BT'));
     do \$\$
     declare e wardesk.case_events; p bytea; n bigint := 0; w int := (select id from wardesk.wards where code = 'BT');
     begin
       for e in select * from wardesk.case_events where ward_id = w order by chain_seq loop
         n := n + 1; e.chain_seq := n; e.prev_hash := p; e.hash := wardesk.event_hash(e);
         update wardesk.case_events set chain_seq = e.chain_seq, prev_hash = e.prev_hash, hash = e.hash where id = e.id;
         p := e.hash;
       end loop;
       update wardesk.audit_heads set seq = n, hash = p where ward_id = w;
     end \$\$" >/dev/null
PINNED=${HEAD%%,*}
check_exit "a chain rewritten whole by a superuser: verify fails (exit 1)" 1 wd_as "$AN" audit verify
check_match "... naming the event the handover pinned" \
	"^BT: chain BROKEN at event $PINNED \\(.*\\): handover #$HID pinned this event with hash ${HEAD#*, }, the chain now has [0-9a-f]{12}" "$OUT"
