#!/bin/bash
# shift_handover.sh - shifts and a full handover through the CLI: the
# outgoing officer writes it, the incoming one acknowledges it, the cases move
# in one transaction (audited as 'handover'), the record prints as text and
# markdown; pending handovers stay visible; cancel; NOTIFY wardesk_shift.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CUONG=$(mk_officer cuong "Phạm Quốc Cường" officer) &&
CHU=$(mk_officer chu "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

owner() { case_field "$1" owner; }

# --- shifts
check_exit "shift start" 0 wd_as "$AN" shift start
check_match "... prints the shift" '^shift [0-9]+ started' "$OUT"
SHIFT=$(sql "select id from wardesk.shifts where officer = '$AN' and ended_at is null")
check_exit "a second shift start is refused" 1 wd_as "$AN" shift start
check_match "... already on duty" 'already on duty' "$ERR"
check_exit "shift end when not on duty is refused" 1 wd_as "$BINH" shift end
check_exit "the chair's board" 0 wd_as "$CHU" board --format json
check_eq "... shows an on duty" "true" "$(json_get "$OUT" '[o["on_duty"] for o in j["officers"] if o["login"] == "'"$AN"'"][0]')"

# --- cases of the shift
R1=$(report_as "$HL" --category MT --text "Nước thải tràn ra đường Ung Văn Khiêm" --phone 0909123456)
R2=$(report_as "$HL" --category HT --text "Ổ gà lớn trước số 512 Xô Viết Nghệ Tĩnh")
R3=$(report_as "$HL" --category TTDT --text "Lấn chiếm vỉa hè 88 Đinh Bộ Lĩnh")
R4=$(report_as "$HL" --category CX --text "Nhánh cây gãy 301 Bạch Đằng")
for r in "$R1" "$R2" "$R3" "$R4"; do wd_as "$AN" take "$r" >/dev/null 2>&1; done
wd_as "$AN" close "$R4" --note "Đã cắt nhánh cây" >/dev/null 2>&1
check_eq "setup: an holds three cases in progress" 3 \
	"$(sql "select count(*) from wardesk.cases where owner = '$AN' and state = 'in_progress'")"

check_exit "preview of the handover" 0 wd_as "$AN" handover --preview
check_match "... lists an's cases" "$R2" "$OUT"

# --- create
check_exit "handover create without --note is bad usage" 2 wd_as "$AN" handover create --to "$BINH"
check_exit "handover to yourself is refused" 2 wd_as "$AN" handover create --to "$AN" --note "x"
check_exit "excluding a case that is not yours is refused" 2 \
	wd_as "$AN" handover create --to "$BINH" --note "x" --exclude BT-999
check_exit "handover create" 0 wd_as "$AN" handover create --to "$BINH" \
	--note "Ca đêm bàn giao.
$R1: người dân muốn được gọi lại." --exclude "$R3"
HO=$OUT
check_match "... prints the handover number" '^[0-9]+$' "$HO"
check_exit "a second pending handover is refused" 1 wd_as "$AN" handover create --to "$CUONG" --note "y"
check_eq "nothing moved before acknowledgement" "$AN $AN $AN" "$(owner "$R1") $(owner "$R2") $(owner "$R3")"
check_exit "the chair sees the pending handover" 0 wd_as "$CHU" handovers --format json
check_eq "... with two cases and one kept" "$HO|$AN|$BINH|2|1" \
	"$(json_get "$OUT" '"|".join(str(x) for x in [j[0]["id"], j[0]["from"], j[0]["to"], j[0]["cases"], j[0]["kept"]])')"
check_eq "pending_handovers through psql (chair)" 1 "$(psql_as "$CHU" -c "select count(*) from wardesk.pending_handovers")"
check_exit "handovers (table)" 0 wd_as "$CHU" handovers
check_match "... one row" "^$HO +$AN +$BINH" "$OUT"

# --- acknowledge
check_exit "another officer cannot acknowledge it" 1 wd_as "$CUONG" handover ack "$HO"
check_match "... only the addressee" 'only they can acknowledge' "$ERR"
run psql_as "$CUONG" -v VERBOSITY=verbose -c "select wardesk.handover_decline($HO, 'không phải của tôi')"
check_match "nor decline it (psql): its own SQLSTATE" 'WD612.*only they can decline it' "$ERR"
run psql_as "$CUONG" -v VERBOSITY=verbose -c "select wardesk.handover_ack($HO)"
check_match "... nor acknowledge it (psql)" 'WD611.*only they can acknowledge it' "$ERR"
check_exit "the chair cannot acknowledge it either" 1 wd_as "$CHU" handover ack "$HO"
printf '%s\n' "select wardesk.handover_ack($HO)" >"$WD_TMP/q.sql"
run psql_as "$AN" -f "$WD_TMP/q.sql"
check_eq "the outgoing officer cannot acknowledge through psql" 3 "$RC"
ev0=$(sql "select count(*) from wardesk.case_events where action = 'handover'")
check_exit "the incoming officer acknowledges" 0 wd_as "$BINH" handover ack "$HO"
check_eq "included cases moved, the excluded one stayed" "$BINH $BINH $AN" \
	"$(owner "$R1") $(owner "$R2") $(owner "$R3")"
check_eq "two 'handover' events" $((ev0 + 2)) "$(sql "select count(*) from wardesk.case_events where action = 'handover'")"
check_eq "... by the incoming officer, owner an -> binh, with the handover in the note" \
	"$BINH|$AN|$BINH|handover #$HO from $AN" \
	"$(psql_as postgres -v ref="$R1" <<<"select e.actor || '|' || (e.old->>'owner') || '|' || (e.new->>'owner') || '|' || e.note
	   from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	   where c.ref = :'ref' and e.action = 'handover'")"
# (a newcomer's trial: the history said "binh handed the case over", the
# receiver named as the giver)
check_exit "show: the case's history" 0 wd_as "$AN" show "$R1"
check_match "... says who took the case over from whom" "$BINH took the case over from $AN at a handover" "$OUT"
if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	run env PGUSER="$AN" LANG=vi_VN.UTF-8 "$WD_BIN" show "$R1" </dev/null
	check_match "... in Vietnamese too" "$BINH nhận bàn giao vụ việc từ $AN" "$OUT"
fi
check_eq "all moves happened in one transaction" 1 \
	"$(sql "select count(distinct xmin::text) from wardesk.handover_cases where handover_id = $HO and moved")"
check_exit "a second acknowledgement is refused" 1 wd_as "$BINH" handover ack "$HO"
check_eq "the incoming officer is now on duty" 1 \
	"$(sql "select count(*) from wardesk.shifts where officer = '$BINH' and ended_at is null")"
check_eq "no pending handover left" 0 "$(psql_as "$CHU" -c "select count(*) from wardesk.pending_handovers")"

# --- the record
check_exit "handover record (text) by id" 0 wd_as "$AN" handover --id "$HO"
TXT=$OUT
check_match "... title" "^Handover #$HO - acknowledged" "$TXT"
check_match "... outgoing officer" "^Outgoing: +$AN \(Nguyễn Văn An\), duty officer" "$TXT"
check_match "... incoming officer" "^Incoming: +$BINH \(Lê Thị Bình\), duty officer" "$TXT"
check_match "... the shift" "^Shift: +#$SHIFT " "$TXT"
check_match "... the note, both lines" "^  $R1: người dân muốn được gọi lại" "$TXT"
check_match "... a moved case with state and time left" "^$R1 +MT +in progress +[0-9/]+ [0-9:]+ +[0-9:]+m? .*moved to $BINH" "$TXT"
check_match "... the kept case" "^$R3 .*kept by $AN" "$TXT"
check_match "... received during the shift" '^  Received: +4$' "$TXT"
check_match "... resolved during the shift" "^  Resolved: +1 \(1 by $AN\)" "$TXT"
check_exit "handover record (markdown) by shift" 0 wd_as "$BINH" handover --shift "$SHIFT" --format markdown
MD=$OUT
check_match "markdown: heading" "^# Handover #$HO — acknowledged" "$MD"
check_match "markdown: table row" "^\| $R2 \| HT \| in progress \| .*\| moved to $BINH \|" "$MD"
check_match "markdown: the note quoted" "^> Ca đêm bàn giao\." "$MD"
check_match "markdown: during the shift" '^- Received: 4$' "$MD"
check_exit "the latest handover of the caller by default" 0 wd_as "$BINH" handover
check_match "... is the same" "^Handover #$HO " "$OUT"
check_exit "an unknown handover: exit 1" 1 wd_as "$AN" handover --id 999999
check_exit "bad format: exit 2" 2 wd_as "$AN" handover --format html

# --- cancel
check_exit "binh hands over to cuong" 0 wd_as "$BINH" handover create --to "$CUONG" --note "Giao ca chiều"
HO2=$OUT
check_exit "cuong cannot cancel it" 1 wd_as "$CUONG" handover cancel "$HO2"
check_exit "the chair cancels it" 0 wd_as "$CHU" handover cancel "$HO2"
check_eq "... cancelled, cases stay" "cancelled|$BINH" \
	"$(sql "select h.state || '|' || (select owner from wardesk.cases where ref = '$R1') from wardesk.handovers h where id = $HO2")"
check_exit "a cancelled handover cannot be acknowledged" 1 wd_as "$CUONG" handover ack "$HO2"

# --- shift end, and NOTIFY on the ward's shift channel (delivered to listening
# sessions of the ward; the name comes from wardesk.my_channels())
out=$(psql -X -U "$AN" 2>&1 <<'SQL'
select format('LISTEN %I', channel) from wardesk.my_channels() where kind = 'shift' \gexec
select 1 from wardesk.shift_end();
SQL
)
check_match "shift end notifies the ward's shift channel with ids only" \
	"\"wardesk_shift_[0-9]+_[0-9a-f]{32}\" with payload \"\\{\"kind\":\"shift\",\"id\":$SHIFT,\"ward\":[0-9]+,\"op\":\"end\"\\}\"" "$out"
check_eq "... the shift has ended" 0 "$(sql "select count(*) from wardesk.shifts where officer = '$AN' and ended_at is null")"
