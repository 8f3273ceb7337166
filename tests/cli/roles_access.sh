#!/bin/bash
# roles_access.sh - each desk role's allowed and refused actions, through
# wardesk and through psql (sql/code/30_cases.sql, 60_roles.sql): hotline operators
# report only; duty officers take, escalate their own or unowned cases and
# close what they hold; the chair assigns, reassigns, de-escalates, reopens.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) &&
CHU=$(mk_officer chu "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

# psql_try LOGIN SQL: run SQL as LOGIN (sets RC, OUT, ERR)
psql_try() { printf '%s\n' "$2" >"$WD_TMP/q.sql"; run psql_as "$1" -f "$WD_TMP/q.sql"; }
esc() { case_field "$1" escalation; }

# --- hotline operator: report only
R1=$(report_as "$HL" --category MT --text "Rác tồn đọng hẻm 12 Nơ Trang Long")
check_match "a hotline operator records a ticket" '^BT-[0-9]+$' "$R1"
R2=$(report_as "$HL" --category HT --text "Ổ gà trước số 80 Đinh Bộ Lĩnh")
R3=$(report_as "$HL" --category ANTT --text "Tụ tập gây ồn ào đầu hẻm 5 Bạch Đằng")
check_exit "hotline: take refused (exit 1)" 1 wd_as "$HL" take "$R1"
check_match "... saying what the role cannot do" 'hotline operator cannot' "$ERR"
check_exit "hotline: escalate refused" 1 wd_as "$HL" escalate "$R1"
check_exit "hotline: assign refused" 1 wd_as "$HL" assign "$R1" "$AN"
psql_try "$HL" "select wardesk.take('$R1')"
check_eq "hotline: take refused through psql" 3 "$RC"
check_match "... with the plain message" 'hotline operator cannot take' "$ERR"
check_eq "hotline: the case is still new" "new" "$(case_field "$R1" state)"

# --- duty officer
check_exit "officer: take" 0 wd_as "$AN" take "$R1"
check_exit "officer: take another" 0 wd_as "$BINH" take "$R2"
check_exit "officer: assign refused, even of a case they hold" 1 wd_as "$AN" assign "$R1" "$BINH"
check_match "... as a role refusal" 'duty officer cannot assign' "$ERR"
psql_try "$AN" "select wardesk.assign('$R3', '$AN')"
check_eq "officer: assign of an unowned case refused through psql" 3 "$RC"
check_exit "officer: escalate of a case held by someone else refused" 1 wd_as "$AN" escalate "$R2" --note "gấp"
check_match "... naming the holder" "held by $BINH" "$ERR"
check_eq "... and not escalated" 0 "$(esc "$R2")"
check_exit "officer: escalate an unowned case" 0 wd_as "$AN" escalate "$R3" --note "chưa ai nhận"
check_exit "officer: escalate a case they hold" 0 wd_as "$AN" escalate "$R1" --note "cần hỗ trợ"
check_exit "officer: de-escalate refused" 1 wd_as "$AN" deescalate "$R1" --note "thôi"
psql_try "$AN" "select wardesk.deescalate('$R1', null, 'thôi')"
check_eq "officer: de-escalate refused through psql" 3 "$RC"
check_eq "... still escalated" 1 "$(esc "$R1")"
check_exit "officer: close a case held by someone else refused" 1 wd_as "$AN" close "$R2" --note "xong"
check_exit "officer: close their own case" 0 wd_as "$AN" close "$R1" --note "Đã thu gom rác"
check_exit "officer: reopen refused" 1 wd_as "$AN" reopen "$R1" --note "còn rác"
check_match "... as a role refusal" 'duty officer cannot reopen' "$ERR"
psql_try "$AN" "select wardesk.reopen('$R1', null, 'còn rác')"
check_eq "officer: reopen refused through psql" 3 "$RC"
check_eq "... still resolved" "resolved" "$(case_field "$R1" state)"

# --- chair
check_exit "chair: de-escalate without --note is bad usage" 2 wd_as "$CHU" deescalate "$R3"
check_exit "chair: de-escalate with a blank note is bad input" 2 wd_as "$CHU" deescalate "$R3" --note "  "
check_exit "chair: de-escalate" 0 wd_as "$CHU" deescalate "$R3" --note "Đã giao tổ dân phố theo dõi"
check_eq "... escalation back to 0" 0 "$(esc "$R3")"
last=$(sql "select actor || '|' || action || '|' || coalesce(note, '') from wardesk.case_events order by id desc limit 1")
check_eq "... audited as deescalate with the note" "$CHU|deescalate|Đã giao tổ dân phố theo dõi" "$last"
check_exit "chair: de-escalate a case that is not escalated refused" 1 wd_as "$CHU" deescalate "$R3" --note "x"
check_exit "chair: reopen" 0 wd_as "$CHU" reopen "$R1" --note "Người dân báo còn rác"
check_exit "chair: assign" 0 wd_as "$CHU" assign "$R1" "$BINH"
check_exit "chair: reassign" 0 wd_as "$CHU" assign "$R1" "$AN"
check_exit "chair: escalate a case held by an officer" 0 wd_as "$CHU" escalate "$R2" --note "báo lãnh đạo"
check_exit "officer: reassign-all refused" 1 wd_as "$AN" reassign "$BINH" "$AN"
check_exit "chair: reassign all of binh's cases to an" 0 wd_as "$CHU" reassign "$BINH" "$AN"
check_match "... saying how many" '^1 case' "$OUT"
check_eq "... binh holds nothing now" 0 "$(sql "select count(*) from wardesk.cases where owner = '$BINH' and state = 'in_progress'")"
check_exit "chair: close a case someone else holds" 0 wd_as "$CHU" close "$R2" --note "Đã vá ổ gà"

# --- what the console asks: my_permissions() and can()
perm() { psql_as "$1" -c "select array_to_string(wardesk.my_permissions(), ',')"; }
check_eq "hotline permissions" "report,shift,handover,board,stats,priority" "$(perm "$HL")"
check_eq "officer permissions" "report,take,escalate,close,shift,handover,board,stats,priority,ack" "$(perm "$AN")"
check_eq "chair permissions" \
	"report,take,assign,escalate,deescalate,close,reopen,settings,officer_add,shift,handover,board,stats,priority,merge_cluster,ack" \
	"$(perm "$CHU")"
check_eq "a non-officer may do nothing" "" "$(perm postgres)"
R4=$(report_as "$HL" --category CX --text "Cây đổ chắn đường Ung Văn Khiêm")
wd_as "$BINH" take "$R4" >/dev/null 2>&1
can() { psql_as "$1" -c "select wardesk.can('$2', '$3')"; }
check_eq "can: officer may not close a case binh holds" f "$(can "$AN" close "$R4")"
check_eq "can: binh may close it" t "$(can "$BINH" close "$R4")"
check_eq "can: officer may not escalate binh's case" f "$(can "$AN" escalate "$R4")"
check_eq "can: chair may escalate it" t "$(can "$CHU" escalate "$R4")"
check_eq "can: nobody may take a taken case" f "$(can "$CHU" take "$R4")"
check_eq "can: a missing case is false, not an error" f "$(can "$CHU" take BT-999)"
# ack: what wardesk.ack() accepts (the detail's footer asks can() for it)
check_eq "can: no ack without a warning or an escalation" f "$(can "$BINH" ack "$R4")"
sql "update wardesk.cases set warned_at = now() where ref = '$R4'" >/dev/null
check_eq "can: the holder may ack a warned case" t "$(can "$BINH" ack "$R4")"
check_eq "can: ... another officer may not" f "$(can "$AN" ack "$R4")"
check_eq "can: ... the chair may" t "$(can "$CHU" ack "$R4")"
check_eq "can: ... a hotline operator may not" f "$(can "$HL" ack "$R4")"
check_exit "ack as the holder: the database agrees" 0 wd_as "$BINH" ack "$R4"
check_eq "can: no second ack" f "$(can "$BINH" ack "$R4")"
psql_try "$AN" "select wardesk.can('fly', null)"
check_eq "can: an unknown action is an error" 3 "$RC"

# allowed_actions(ref): what the console asks for the selected row and the
# detail, one call for every action (it was can() once per action, 1.2 ms
# a question: 200 consoles asking at once held back their notifications)
allowed() { psql_as "$1" -c "select coalesce(string_agg(a, ',' order by n), '') from wardesk.allowed_actions($2) with ordinality as t(a, n)"; }
R5=$(report_as "$HL" --category MT --text "Rác ùn ứ chợ Bà Chiểu")
check_eq "allowed_actions: an officer on a new case" \
	"report,take,escalate,shift,handover,board,stats,priority" "$(allowed "$AN" "'$R5'")"
check_eq "... the same by its number alone" \
	"report,take,escalate,shift,handover,board,stats,priority" "$(allowed "$AN" "'${R5#*-}'")"
check_eq "allowed_actions: the hotline operator who reported it" \
	"report,shift,handover,board,stats,priority" "$(allowed "$HL" "'$R5'")"
check_eq "allowed_actions: binh on the case binh holds (acked)" \
	"report,escalate,close,shift,handover,board,stats,priority" "$(allowed "$BINH" "'$R4'")"
check_eq "allowed_actions: another officer on it" \
	"report,shift,handover,board,stats,priority" "$(allowed "$AN" "'$R4'")"
check_eq "allowed_actions: the chair on it" \
	"report,assign,escalate,close,settings,officer_add,shift,handover,board,stats,priority,merge_cluster" \
	"$(allowed "$CHU" "'$R4'")"
check_eq "allowed_actions: the chair on a resolved case (reopen only)" \
	"report,reopen,settings,officer_add,shift,handover,board,stats" "$(allowed "$CHU" "'$R2'")"
check_eq "allowed_actions: a missing case allows only what names no case" \
	"report,settings,officer_add,shift,handover,board,stats" "$(allowed "$CHU" "'BT-999999'")"
check_eq "allowed_actions: no case is the role's (my_permissions)" \
	"$(perm "$CHU")" "$(allowed "$CHU" null)"
check_eq "allowed_actions: a non-officer, nothing" "" "$(allowed postgres "'$R5'")"
GX=$(mk_officer gx "Phạm Văn Giang" chair ZZ) || not_ok "setup: a chair of ward ZZ"
check_eq "allowed_actions: another ward's case is a missing one" \
	"report,settings,officer_add,shift,handover,board,stats" "$(allowed "$GX" "'$R5'")"
for a in take escalate close ack priority assign reopen; do
	check_eq "can($a) is allowed_actions' answer (chair, $R4)" \
		"$(psql_as "$CHU" -c "select '$a' in (select wardesk.allowed_actions('$R4'))")" "$(can "$CHU" "$a" "$R4")"
done

# --- no direct writes to the new tables
psql_try "$AN" "insert into wardesk.shifts(officer, ward_id) select '$AN', ward_id from wardesk.officers where login = '$AN'"
check_eq "officer: no direct INSERT into shifts" 3 "$RC"
psql_try "$AN" "update wardesk.handovers set state = 'acknowledged'"
check_eq "officer: no direct UPDATE of handovers" 3 "$RC"
