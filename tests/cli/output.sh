#!/bin/bash
# output.sh - report, ls (table, tsv, json, --state, --mine), show (text and
# json, with history) and officers: stable, documented outputs.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
TAB=$'\t'

# --- report
# the last 07:42:10 in Ho Chi Minh City: a hotline operator records the calls
# of the last 24 hours
RDAY=$(TZ=Asia/Ho_Chi_Minh date -d '-7 hours -42 minutes -11 seconds' +%Y-%m-%d)
run wd_as "$HL" report --category MT --text "Rác thải ùn ứ trước chợ Bến Thành" \
	--address "Lê Lợi, Bến Thành" --phone 0909123456 --name "Võ Văn Tâm" --channel hotline \
	--received "${RDAY}T07:42:10+07:00"
check_eq "report exits 0" 0 "$RC"
check_match "report prints only the reference" '^BT-[0-9]+$' "$OUT"
check_eq "... on one line" 1 "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
R1=$OUT
check_eq "--received is the received time" t \
	"$(case_field "$R1" "received_at = '$RDAY 07:42:10+07'")"
check_eq "deadline = received + 120 minutes" 120 \
	"$(case_field "$R1" "extract(epoch from deadline_at - received_at)::int / 60")"
check_eq "--channel is stored" hotline "$(case_field "$R1" channel)"
R2=$(report_as "$HL" --category TTDT --text "Lấn chiếm vỉa hè" --address "Lê Thánh Tôn")
R3=$(report_as "$HL" --category ANTT --text "Tụ tập gây ồn ào ban đêm")
wd_as "$AN" take "$R2" </dev/null >/dev/null 2>&1
wd_as "$BINH" take "$R3" </dev/null >/dev/null 2>&1
check_eq "setup: three cases, two taken" "new in_progress in_progress" \
	"$(case_field "$R1" state) $(case_field "$R2" state) $(case_field "$R3" state)"

# --- ls tsv
run wd_as "$AN" ls --format tsv
check_eq "ls --format tsv exits 0" 0 "$RC"
check_eq "ls tsv header" "ref${TAB}state${TAB}channel${TAB}category${TAB}owner${TAB}received${TAB}deadline${TAB}escalation${TAB}version${TAB}address${TAB}description${TAB}priority" \
	"$(printf '%s\n' "$OUT" | head -n 1)"
check_eq "ls tsv: one row per open case" 3 "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)"
check_eq "ls tsv: every row has 12 fields" "" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 12 { print NR ": " NF }')"
row=$(printf '%s\n' "$OUT" | awk -F'\t' -v r="$R1" '$1 == r')
check_eq "ls tsv: row fields" "$R1|new|hotline|MT||0|1|Lê Lợi, Bến Thành|Rác thải ùn ứ trước chợ Bến Thành" \
	"$(printf '%s\n' "$row" | awk -F'\t' -v OFS='|' '{ print $1, $2, $3, $4, $5, $8, $9, $10, $11 }')"
row2=$(printf '%s\n' "$OUT" | awk -F'\t' -v r="$R2" '$1 == r { print $2 "|" $5 }')
check_eq "ls tsv: owner column" "in_progress|$AN" "$row2"
rcv=$(printf '%s\n' "$row" | cut -f6)
check_match "ls tsv: received is ISO 8601" "^$RDAY[T ]07:42(:10)?(\\+07(:?00)?)?\$" "$rcv"

# --- ls json
run wd_as "$AN" ls --format json
check_eq "ls --format json exits 0" 0 "$RC"
check "ls json parses" "$WD_PY" -c 'import json,sys; json.loads(sys.argv[1])' "$OUT"
check_eq "ls json: an array of 3" 3 "$(json_get "$OUT" 'len(j)')"
missing=$(json_get "$OUT" '",".join(sorted({"ref","id","state","channel","category","owner","received","deadline","escalation","version","address","reporter_name","reporter_phone","description","external_id"} - set().union(*[set(c) for c in j])))')
check_eq "ls json: every documented key" "" "$missing"
one=$(json_get "$OUT" "[c for c in j if c['ref'] == '$R1'][0]")
check_eq "ls json: values and types" \
	'new|hotline|MT|None|0|1|Võ Văn Tâm|0909123456|None|True' \
	"$(json_get "$one" '"|".join(str(x) for x in [j["state"], j["channel"], j["category"], j["owner"], j["escalation"], j["version"], j["reporter_name"], j["reporter_phone"], j["external_id"], isinstance(j["id"], int)])')"

# --- filters
run wd_as "$AN" ls --state new --format tsv
check_eq "ls --state new lists only new cases" "$R1" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1)"
run wd_as "$AN" ls --state new,in_progress --format tsv
check_eq "ls --state new,in_progress lists three" 3 "$(printf '%s\n' "$OUT" | tail -n +2 | grep -c .)"
run wd_as "$AN" ls --mine --format tsv
check_eq "ls --mine as an lists an's case" "$R2" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -f1)"
run wd_as "$BINH" ls --mine --format json
check_eq "ls --mine --format json as binh" "[\"$R3\"]" "$(json_get "$OUT" '[c["ref"] for c in j]')"
check_exit "ls --state with an unknown state is bad usage" 2 wd_as "$AN" ls --state lost
check_exit "ls --format xml is bad usage" 2 wd_as "$AN" ls --format xml

# --- ls table (default)
check_exit "ls (table) exits 0" 0 wd_as "$AN" ls
check_match "ls table lists the reference" "$R1" "$OUT"
check_match "ls table shows Vietnamese text" 'Rác thải|Lê Lợi' "$OUT"

# --- show
check_exit "show exits 0" 0 wd_as "$AN" show "$R2"
check_match "show names the case" "$R2" "$OUT"
check_match "show has the description" 'Lấn chiếm vỉa hè' "$OUT"
check_match "show history has the report, in a sentence" "^  [0-9/]+ [0-9:]+  [^ ]+ recorded the case$" "$OUT"
check_match "show history has the take by an, as the console's detail says it" "^  [0-9/]+ [0-9:]+  $AN took the case$" "$OUT"
check_nomatch "... not the database's action names (an take)" " (report|take)$" "$OUT"
# the category in the interface's language (it was Vietnamese under every locale)
en=$(sql "select name_en from wardesk.categories where code = 'TTDT'")
vi=$(sql "select name_vi from wardesk.categories where code = 'TTDT'")
check_match "show names the category in English under LANG=C.UTF-8" "Category: +TTDT +$en" "$OUT"
show_vi() { LANGUAGE=vi wd_as "$AN" show "$R2"; }
check_exit "... and in Vietnamese under LANGUAGE=vi" 0 show_vi
check_match "... (${vi})" "TTDT +$vi" "$OUT"
check_match "... the history in Vietnamese sentences" "^  [0-9/]+ [0-9:]+  $AN nhận vụ việc$" "$OUT"
check_nomatch "... no English action name" " (report|take|took the case)$" "$OUT"
check_exit "show --format json exits 0" 0 wd_as "$AN" show "$R2" --format json
check_eq "show json: the case's ref and state" "$R2 in_progress" "$(json_get "$OUT" 'j["ref"] + " " + j["state"]')"
check_eq "show json: events in order" "report take" "$(json_get "$OUT" '" ".join(e["action"] for e in j["events"])')"
check_eq "show json: event keys" "action,actor,at,new,note,old" \
	"$(json_get "$OUT" '",".join(sorted(set().union(*[set(e) for e in j["events"]]) & {"at","actor","action","note","old","new"}))')"
check_eq "show json: the take's actor" "$AN" "$(json_get "$OUT" '[e["actor"] for e in j["events"] if e["action"] == "take"][0]')"
check_exit "show of a missing case is refused (exit 1)" 1 wd_as "$AN" show BT-99999

# --- officers
run wd_as "$AN" officers --format tsv
check_eq "officers --format tsv exits 0" 0 "$RC"
check_eq "officers tsv header" "login${TAB}name${TAB}role${TAB}ward${TAB}open" "$(printf '%s\n' "$OUT" | head -n 1)"
check_eq "officers tsv: an's row" "$AN${TAB}Nguyễn Văn An${TAB}officer${TAB}BT${TAB}1" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' -v l="$AN" '$1 == l')"
check_eq "officers tsv: hotline's row" "$HL${TAB}Trần Thị Lan${TAB}hotline${TAB}BT${TAB}0" \
	"$(printf '%s\n' "$OUT" | awk -F'\t' -v l="$HL" '$1 == l')"
run wd_as "$AN" officers --format json
check "officers json parses" "$WD_PY" -c 'import json,sys; json.loads(sys.argv[1])' "$OUT"
check_exit "officers (table) exits 0" 0 wd_as "$AN" officers
check_match "officers table lists an" "$AN" "$OUT"

# --- officer add / ward add rules
check_exit "officer add of an existing officer is refused" 2 \
	env PGUSER=postgres "$WD_BIN" officer add "$AN" --name "X" --role officer --ward BT
check_exit "officer add with an unknown role is bad input" 2 \
	env PGUSER=postgres "$WD_BIN" officer add "$(login x)" --name "X" --role boss --ward BT
check_exit "an officer cannot add officers (exit 1)" 1 \
	wd_as "$AN" officer add "$(login y)" --name "Y" --role officer
check_exit "an officer cannot add wards (exit 1)" 1 wd_as "$AN" ward add XY --name "Phường XY"

# --- show of a closed case: the reason in the interface's words (it printed
# the database's `not_ours` under every locale)
check_exit "an closes $R2 as not ours" 0 wd_as "$AN" close "$R2" --reason not_ours --note "Không thuộc phường"
check_exit "show of the closed case" 0 wd_as "$AN" show "$R2"
check_match "... Reason: not ours" "^Reason: +not ours$" "$OUT"
check_match "... its close in the history, as a sentence" "  $AN closed the case: not ours$" "$OUT"
check_exit "vi: show of the closed case" 0 show_vi
check_match "vi: ... the reason in Vietnamese" "^Lý do: +không thuộc thẩm quyền$" "$OUT"
check_nomatch "vi: ... not the database's word" "not_ours" "$OUT"
