#!/bin/bash
# state.sh - the case state machine through the CLI: take, assign, escalate,
# close, reopen; stale versions; refusals leave the case untouched.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

# snapshot REF: state|owner|version|escalation, to show a refusal changed nothing
snap() { psql_as postgres -v ref="$1" <<<"select concat_ws('|', state, coalesce(owner, ''), version, escalation,
	coalesce(close_reason, ''), coalesce(resolution_note, '')) from wardesk.cases where ref = :'ref'"; }
nevents() { psql_as postgres -v ref="$1" <<<"select count(*) from wardesk.case_events e
	join wardesk.cases c on c.id = e.case_id where c.ref = :'ref'"; }

REF=$(report_as "$HL" --category TTDT --text "Lấn chiếm vỉa hè đường Lê Thánh Tôn" \
	--channel hotline --phone 0909123456 --name "Võ Văn Tâm")
check_match "report prints the reference" '^BT-[0-9]+$' "$REF"
check_eq "a new case is new, unowned, version 1" "new||1|0||" "$(snap "$REF")"

# --- refusals on a new case
s=$(snap "$REF"); e=$(nevents "$REF")
check_exit "close of a new case is refused (exit 1)" 1 wd_as "$AN" close "$REF" --note "xong"
check_match "... with a wardesk: message" '^wardesk: ' "$ERR"
check_exit "reopen of an open case is refused (exit 1)" 1 wd_as "$AN" reopen "$REF" --note "lại"
check_exit "a hotline operator cannot take (exit 1)" 1 wd_as "$HL" take "$REF"
check_eq "refusals changed nothing" "$s" "$(snap "$REF")"
check_eq "refusals wrote no event" "$e" "$(nevents "$REF")"

# --- take
check_exit "take with the right --seen" 0 wd_as "$AN" take "$REF" --seen 1
check_eq "taken: in progress, owned by an, version 2" "in_progress|$AN|2|0||" "$(snap "$REF")"
check_exit "take by another officer is refused" 1 wd_as "$BINH" take "$REF"
check_match "... naming the holder" "^wardesk: $REF is already held by $AN \(Nguyễn Văn An\)" "$ERR"

# --- stale versions are refused and not applied
s=$(snap "$REF"); e=$(nevents "$REF")
check_exit "escalate with a stale --seen is refused (exit 1)" 1 wd_as "$AN" escalate "$REF" --seen 1 --note "gấp"
check_match "... saying it changed" "^wardesk: .*$REF" "$ERR"
check_exit "assign with a stale --seen is refused" 1 wd_as "$CHU" assign "$REF" "$BINH" --seen 1
check_exit "close with a stale --seen is refused" 1 wd_as "$AN" close "$REF" --seen 1 --note "xong"
check_eq "stale actions changed nothing" "$s" "$(snap "$REF")"
check_eq "stale actions wrote no event" "$e" "$(nevents "$REF")"

# --- escalate, assign
check_exit "escalate with the current --seen" 0 wd_as "$AN" escalate "$REF" --seen 2 --note "Cần phường hỗ trợ"
check_eq "escalated to level 1, version 3" "in_progress|$AN|3|1||" "$(snap "$REF")"
check_exit "chair assigns to binh" 0 wd_as "$CHU" assign "$REF" "$BINH" --seen 3
check_eq "assigned: owner binh, version 4" "in_progress|$BINH|4|1||" "$(snap "$REF")"
check_exit "assign to an unknown login is refused" 2 wd_as "$CHU" assign "$REF" "$(login nobody)"
check_exit "assign to a hotline operator is refused" 2 wd_as "$CHU" assign "$REF" "$HL"

# --- close needs a note
s=$(snap "$REF")
check_exit "close without --note is bad usage (exit 2)" 2 wd_as "$BINH" close "$REF"
check_exit "close with a blank note is bad input (exit 2)" 2 wd_as "$BINH" close "$REF" --note "   "
check_exit "close with an unknown reason is bad input (exit 2)" 2 wd_as "$BINH" close "$REF" --note "x" --reason lazy
check_eq "failed closes changed nothing" "$s" "$(snap "$REF")"
check_exit "close by the holder with a note" 0 wd_as "$BINH" close "$REF" --note "Đã giải tỏa, nhắc nhở hộ kinh doanh" --reason "done"
check_eq "resolved with reason and note" "resolved|$BINH|5|1|done|Đã giải tỏa, nhắc nhở hộ kinh doanh" "$(snap "$REF")"
check_eq "closed_at is set" t "$(case_field "$REF" "closed_at is not null")"
check_exit "closing a resolved case is refused" 1 wd_as "$BINH" close "$REF" --note "lần nữa"
check_exit "taking a resolved case is refused" 1 wd_as "$AN" take "$REF"

# --- reopen
check_exit "reopen without --note is bad usage (exit 2)" 2 wd_as "$AN" reopen "$REF"
check_exit "a duty officer cannot reopen (chair only)" 1 wd_as "$AN" reopen "$REF" --note "thử" --seen 5
check_exit "reopen with a note" 0 wd_as "$CHU" reopen "$REF" --note "Người dân báo tái lấn chiếm" --seen 5
check_eq "reopened: unowned, closing fields cleared" "reopened||6||" "$(snap "$REF" | cut -d'|' -f1-3,5-)"
check_exit "a reopened case can be taken" 0 wd_as "$AN" take "$REF"
check_eq "back in progress" "in_progress|$AN|7" "$(snap "$REF" | cut -d'|' -f1-3)"

# --- duplicates
REF2=$(report_as "$HL" --category TTDT --text "Lấn chiếm vỉa hè Lê Thánh Tôn (gọi lần 2)")
check_exit "take the second case" 0 wd_as "$AN" take "$REF2"
check_exit "duplicate without --duplicate-of is bad input" 2 wd_as "$AN" close "$REF2" --note "trùng" --reason duplicate
check_exit "close as duplicate of the first" 0 wd_as "$AN" close "$REF2" --note "Trùng phản ánh" --reason duplicate --duplicate-of "$REF"
dup=$(psql_as postgres -v a="$REF2" -v b="$REF" <<<"select d.ref = :'b' from wardesk.cases c
	join wardesk.cases d on d.id = c.duplicate_of where c.ref = :'a'")
check_eq "duplicate_of points at the first case" t "$dup"

# --- not found
check_exit "take of a missing case is refused (exit 1)" 1 wd_as "$AN" take BT-99999
check_match "... with a message naming it" '^wardesk: .*BT-99999' "$ERR"

# --- audit: one event per change, actor = the login
actions=$(psql_as postgres -v ref="$REF" <<<"select string_agg(e.action || ':' || e.actor, ',' order by e.id)
	from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = :'ref'")
check_eq "history of the first case" \
	"report:$HL,take:$AN,escalate:$AN,assign:$CHU,close:$BINH,reopen:$CHU,take:$AN" "$actions"
notes=$(psql_as postgres -v ref="$REF" <<<"select e.note from wardesk.case_events e
	join wardesk.cases c on c.id = e.case_id where c.ref = :'ref' and e.action = 'close'")
check_eq "the close event carries the note" "Đã giải tỏa, nhắc nhở hộ kinh doanh" "$notes"
