#!/bin/bash
# priority.sh - urgent or normal (issue 11, section 3; sql/migrations/014_priority.sql).
# A case has a priority: report --urgent / --normal, else the category's
# default (the app's feed too); an urgent case's deadline is the category's
# urgent deadline; `priority REF urgent|normal` for duty officers and chairs
# (a hotline operator only their own unheld report), refused in psql to a
# hotline login and to another ward's officer; audited as 'priority' with
# old/new; urgent cases first in `ls` (every format); an urgent arrival
# alerts every officer on duty and the ward's chairs.
. "$(dirname "$0")/../lib.sh"

CH=$(mk_officer chu "Trần Thị Chủ" chair) || { not_ok "setup: chair"; exit 1; }
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officer an"; exit 1; }
BINH=$(mk_officer binh "Lê Văn Bình" officer) || { not_ok "setup: officer binh"; exit 1; }
HL=$(mk_officer hl "Phạm Thị Hà" hotline) || { not_ok "setup: hotline"; exit 1; }
HL2=$(mk_officer hl2 "Võ Thị Lan" hotline) || { not_ok "setup: hotline 2"; exit 1; }
GDO=$(mk_officer gdo "Cán bộ Gia Định" officer GD) || { not_ok "setup: GD officer"; exit 1; }
wd_as "$AN" shift start >/dev/null 2>&1 || not_ok "setup: an on shift"
ok "setup: a chair, two officers (an on shift), two hotline operators in BT, an officer in GD"

mins() { sql "select extract(epoch from deadline_at - received_at)::int / 60 from wardesk.cases where ref = '$1'"; }
n=0
rep() { n=$((n + 1)); report_as "$HL" --category "$1" --text "Phản ánh số $n" --address "$n Lê Lợi" "${@:2}"; }

# ---------------------------------------------------------------- category defaults
check_exit "categories --format json" 0 wd_as "$CH" categories --format json
check_eq "ANTT by default: normal, urgent deadline 30/10/5" "normal|30|10|5" \
	"$(json_get "$OUT" '[ "|".join(str(c[k]) for k in ("default_priority","urgent_deadline_min","urgent_warn_min","urgent_escalate_min")) for c in j if c["code"] == "ANTT"][0]')"
check_exit "an officer cannot change urgent deadlines" 1 wd_as "$AN" category set ANTT --urgent-deadline 20
check_exit "the chair sets ANTT urgent by default, 20 min, warn 8, escalate 4" 0 \
	wd_as "$CH" category set ANTT --urgent-deadline 20 --urgent-warn 8 --urgent-escalate 4 --default-priority urgent
check_exit "an urgent deadline longer than the normal one is refused" 2 wd_as "$CH" category set MT --urgent-deadline 200
check_match "... saying why" "urgent deadline .* longer than the normal one" "$ERR"
check_exit "urgent warn >= urgent deadline is refused" 2 wd_as "$CH" category set MT --urgent-warn 40
check_exit "--default-priority takes urgent or normal" 2 wd_as "$CH" category set MT --default-priority soon
check_exit "categories (table) as an officer" 0 wd_as "$AN" categories
check_match "... shows ANTT urgent by default, 20/8/4" "^ANTT .* ! 20/8/4 " "$OUT"
check_eq "GD's ANTT keeps the city-wide default" "normal|30" \
	"$(psql_as "$GDO" -c "select default_priority || '|' || urgent_deadline_min from wardesk.category_list where code = 'ANTT'")"

# ---------------------------------------------------------------- report
N1=$(rep MT) || not_ok "report MT"
check_eq "a normal case: normal, 120 min" "normal|120" "$(case_field "$N1" priority)|$(mins "$N1")"
U1=$(rep MT --urgent) || not_ok "report MT --urgent"
check_eq "report --urgent: urgent, the category's urgent deadline (30 min)" "urgent|30" \
	"$(case_field "$U1" priority)|$(mins "$U1")"
A1=$(rep ANTT) || not_ok "report ANTT"
check_eq "ANTT with no word: the category's default (urgent, 20 min)" "urgent|20" \
	"$(case_field "$A1" priority)|$(mins "$A1")"
A2=$(rep ANTT --normal) || not_ok "report ANTT --normal"
check_eq "ANTT --normal: normal, 120 min" "normal|120" "$(case_field "$A2" priority)|$(mins "$A2")"
check_exit "--urgent and --normal together are bad usage" 2 wd_as "$HL" report --category MT --text x --urgent --normal
check_eq "report() in psql refuses an unknown priority" "WD005" \
	"$(psql_as "$HL" -c "select wardesk.report('MT', 'x', p_priority => 'soon')" 2>&1 >/dev/null | grep -o 'unknown priority' | sed 's/.*/WD005/')"

# the app's feed: the category's default
check_exit "the app's feed: an ANTT request" 0 \
	psql_as "$AN" -c "select ref from wardesk.import_request('app-prio-1', 'ANTT', 'Đánh nhau có hung khí', wardesk.now())"
check_exit "the app's feed: an MT request" 0 \
	psql_as "$AN" -c "select ref from wardesk.import_request('app-prio-2', 'MT', 'Rác ùn ứ', wardesk.now())"
check_eq "the feed's ANTT request: urgent (category default)" urgent \
	"$(sql "select priority from wardesk.cases where external_id = 'app-prio-1'")"
check_eq "the feed's MT request: normal" normal \
	"$(sql "select priority from wardesk.cases where external_id = 'app-prio-2'")"

# ---------------------------------------------------------------- the urgent alert
check_eq "an urgent arrival alerts an (on duty) and the chair, 'urgent'" "$AN $CH" \
	"$(sql "select string_agg(recipient, ' ' order by recipient) from wardesk.alerts a join wardesk.cases c on c.id = a.case_id where c.ref = '$U1' and a.kind = 'urgent'")"
check_eq "... and no 'new' alert besides" 0 \
	"$(sql "select count(*) from wardesk.alerts a join wardesk.cases c on c.id = a.case_id where c.ref = '$U1' and a.kind = 'new'")"
check_eq "a normal arrival: 'new' to an only" "new:$AN" \
	"$(sql "select string_agg(kind || ':' || recipient, ' ') from wardesk.alerts a join wardesk.cases c on c.id = a.case_id where c.ref = '$N1'")"
check_exit "alerts --mine as the chair" 0 wd_as "$CH" alerts --mine --format json
check_match "... lists the urgent case" "\"kind\": *\"urgent\"" "$OUT"

# ---------------------------------------------------------------- ls order
check_exit "ls --format tsv" 0 wd_as "$AN" ls --format tsv
first=$(printf '%s\n' "$OUT" | tail -n +2 | awk -F'\t' '{ print $12 }' | uniq | tr '\n' ' ')
check_eq "ls tsv: urgent rows first, then normal" "urgent normal " "$first"
check_eq "ls tsv: the urgent ones by deadline" "$A1" "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1)"
check_exit "ls --format json" 0 wd_as "$AN" ls --format json
check_eq "ls json: priority field, urgent first" "urgent" "$(json_get "$OUT" 'j[0]["priority"]')"
check_exit "ls (table)" 0 wd_as "$AN" ls
check_match "ls table: a PRIO column" "^REF +PRIO +LEFT" "$OUT"
check_match "ls table: the urgent case marked" "^$U1 +! urgent " "$OUT"
check_exit "show" 0 wd_as "$AN" show "$U1"
check_match "show: Priority: ! urgent" "^Priority: +! urgent$" "$OUT"
check_exit "show --format json" 0 wd_as "$AN" show "$N1" --format json
check_eq "show json: priority normal" normal "$(json_get "$OUT" 'j["priority"]')"

# ---------------------------------------------------------------- priority command
V=$(case_field "$N1" version)
check_exit "priority with a wrong word is bad usage" 2 wd_as "$AN" priority "$N1" soon
check_exit "priority with a stale --seen is refused (exit 1)" 1 wd_as "$AN" priority "$N1" urgent --seen $((V + 5))
sql "update wardesk.test_clock set clock_offset = '20 minutes'" >/dev/null
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
check_exit "an officer makes a normal case urgent" 0 wd_as "$AN" priority "$N1" urgent --seen "$V" --note "có người bị thương"
check_eq "... urgent, 30 min from now (the desk clock is 20 min on: received + 50)" "urgent|50" "$(case_field "$N1" priority)|$(mins "$N1")"
check_eq "... not overdue: it was on time" f "$(sql "select deadline_at < wardesk.now() from wardesk.cases where ref = '$N1'")"
check_eq "... audited as 'priority', old/new, with the note" "$AN|normal|urgent|có người bị thương" \
	"$(sql "select actor || '|' || (old->>'priority') || '|' || (new->>'priority') || '|' || note from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$N1' and e.action = 'priority'")"
check_eq "... the old and new deadline in the event" 1 \
	"$(sql "select count(*) from wardesk.case_events e join wardesk.cases c on c.id = e.case_id where c.ref = '$N1' and e.action = 'priority' and old ? 'deadline_at' and new ? 'deadline_at'")"
check_eq "... becoming urgent alerts the chair" 1 \
	"$(sql "select count(*) from wardesk.alerts a join wardesk.cases c on c.id = a.case_id where c.ref = '$N1' and a.kind = 'urgent' and recipient = '$CH'")"
check_exit "making it urgent again is refused" 1 wd_as "$AN" priority "$N1" urgent
check_match "... 'already urgent'" "already urgent" "$ERR"
D0=$(case_field "$N1" deadline_at)
check_exit "the chair makes it normal again" 0 wd_as "$CH" priority "$N1" normal
check_eq "... lowering keeps the earlier deadline" "normal|$D0" "$(case_field "$N1" priority)|$(case_field "$N1" deadline_at)"
check_exit "show" 0 wd_as "$AN" show "$N1" --format json
check_eq "show json: the two priority events" "urgent normal" \
	"$(json_get "$OUT" '" ".join(e["new"]["priority"] for e in j["events"] if e["action"] == "priority")')"

# a case made urgent late: never a later deadline than it had
L1=$(rep HT) || not_ok "report HT"
sql "update wardesk.test_clock set clock_offset = '130 minutes'" >/dev/null
DL=$(case_field "$L1" deadline_at)
check_exit "an overdue case made urgent" 0 wd_as "$CH" priority "$L1" urgent
check_eq "... its deadline stays (already overdue: never later)" t "$(sql "select deadline_at = '$DL' from wardesk.cases where ref = '$L1'")"
# a case with 89 min left made urgent: 30 min from now, not overdue at once
# (the newcomer's trial: an older case made urgent became overdue, escalated
# and texted the chair three times within seconds)
M1=$(rep MT) || not_ok "report MT"
sql "update wardesk.test_clock set clock_offset = '161 minutes'" >/dev/null
check_exit "a case 31 min old made urgent" 0 wd_as "$CH" priority "$M1" urgent
check_eq "... 30 min left, not overdue" "30" \
	"$(sql "select round(extract(epoch from deadline_at - wardesk.now()) / 60) from wardesk.cases where ref = '$M1'")"

# ---------------------------------------------------------------- who may
check_exit "a hotline operator makes their own unheld report urgent" 0 wd_as "$HL" priority "$A2" urgent
check_exit "another hotline operator may not" 1 wd_as "$HL2" priority "$A2" normal
check_match "... saying whose" "only of a case they recorded" "$ERR"
wd_as "$BINH" take "$A2" >/dev/null 2>&1 || not_ok "setup: binh takes A2"
check_exit "not even the reporter once someone holds it" 1 wd_as "$HL" priority "$A2" normal
check_eq "psql: the hotline login's set_priority is refused" refused \
	"$(psql_as "$HL2" -c "select wardesk.set_priority('$A2', 'normal')" >/dev/null 2>&1 && echo done || echo refused)"
check_eq "psql: the hotline login cannot UPDATE cases" refused \
	"$(psql_as "$HL" -c "update wardesk.cases set priority = 'normal' where ref = '$A2'" >/dev/null 2>&1 && echo done || echo refused)"
check_eq "psql: GD's officer cannot set a BT case's priority" refused \
	"$(psql_as "$GDO" -c "select wardesk.set_priority('$A2', 'normal')" >/dev/null 2>&1 && echo done || echo refused)"
check_eq "... and A2 is still urgent" urgent "$(case_field "$A2" priority)"
check_exit "GD's officer through the CLI: no such case (exit 1)" 1 wd_as "$GDO" priority "$A2" normal
check_eq "can(): an officer may change A2's priority" t \
	"$(psql_as "$AN" -c "select wardesk.can('priority', '$A2')")"
check_eq "can(): the other hotline operator may not" f \
	"$(psql_as "$HL2" -c "select wardesk.can('priority', '$A2')")"
check_exit "setup: binh closes A2 (late)" 0 wd_as "$BINH" close "$A2" --note "Đã xử lý" --delay-reason BUSY
check_exit "a resolved case's priority cannot change" 1 wd_as "$CH" priority "$A2" normal

# ---------------------------------------------------------------- the sweep uses the urgent thresholds
U2=$(rep MT --urgent) || not_ok "report MT --urgent (sweep)"
sql "update wardesk.test_clock set clock_offset = clock_offset + interval '21 minutes'" >/dev/null
check_exit "a sweep 21 min later" 0 wd_as "$CH" watch --once
check_eq "the urgent case is warned (urgent warn: 10 min before its 30)" t \
	"$(sql "select warned_at is not null from wardesk.cases where ref = '$U2'")"
check_exit "audit verify after all of it" 0 wd_as "$CH" audit verify

# ---------------------------------------------------------------- the chair's board
check_exit "board --format json as the chair" 0 wd_as "$CH" board --format json
check_eq "board json: the open urgent cases, by deadline" \
	"$(sql "select string_agg(ref, ' ' order by deadline_at, id) from wardesk.cases where priority = 'urgent' and state <> 'resolved'")" \
	"$(json_get "$OUT" '" ".join(c["ref"] for c in j["urgent"])')"
check_exit "board (table)" 0 wd_as "$CH" board
check_match "board: the urgent cases come first" "^Urgent \([0-9]+\):$" "$(printf '%s\n' "$OUT" | head -n 1)"
check_match "... each marked, with its deadline and holder" "^  !$U1  due [0-9]{2}:[0-9]{2}  unowned$" "$OUT"
