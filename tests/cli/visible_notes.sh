#!/bin/bash
# visible_notes.sh - "a note is required" means a note someone can read
# (issue 13, item 5; wardesk.visible_text() in sql/code/20_common.sql): a note
# made only of invisible characters (U+200B, U+00A0, U+FEFF, U+2060, ESC, soft
# hyphen, bidi controls, ...) does not close, reopen or de-escalate a case or
# make a handover, through psql as the officer or through the CLI; an optional
# note that is invisible is no note; real text (Vietnamese, even one digit)
# is still a note.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Lê Văn Ghi" officer) &&
OF2=$(mk_officer of2 "Lê Thị Nhận" officer) &&
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) &&
CH=$(mk_officer ch "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
R=$(report_as "$HL" --category MT --text "Nắp cống bị mất") &&
wd_as "$OF" take "$R" >/dev/null || { not_ok "setup: case"; exit 1; }
ok "setup: $OF holds $R"

psql_try() { printf '%s\n' "$2" >"$WD_TMP/q.sql"; run psql_as "$1" -f "$WD_TMP/q.sql"; }

# (name, psql E'' literal, bytes)
names=(zwsp nbsp bom wj esc mix)
lits=("E'\\u200B'" "E'\\u00A0'" "E'\\uFEFF'" "E'\\u2060'" "E'\\x1b'"
      "E'\\u200B \\u00A0\\uFEFF\\u2060\\x1b\\u00AD\\u202E\\u2066\\t\\n\\u3000\\u180E'")
for i in "${!names[@]}"; do
	psql_try "$OF" "select (wardesk.close('$R', null, ${lits[i]}, 'done')).state"
	check_eq "psql: close with a note of only ${names[i]} is refused" 3 "$RC"
	check_match "... a note is required" 'resolution note is required' "$ERR"
done
for n in $'\u200b' $'\u00a0\ufeff' $'\u2060\u200b' $'\e' $'\e\u200b\u00a0\u202e'; do
	check_exit "CLI: close --note $(printf %q "$n") refused (exit 2)" 2 wd_as "$OF" close "$R" --note "$n"
done
check_eq "the case is still in progress" in_progress "$(case_field "$R" state)"

check_exit "a real note closes it" 0 wd_as "$OF" close "$R" --note $'\u200bĐã sửa\u00a0xong'
psql_try "$CH" "select (wardesk.reopen('$R', null, E'\\u200B\\uFEFF')).state"
check_eq "psql: reopen with an invisible reason refused" 3 "$RC"
check_exit "CLI: reopen with an invisible reason refused" 2 wd_as "$CH" reopen "$R" --note $'\u2060'
check_exit "a real reason reopens it" 0 wd_as "$CH" reopen "$R" --note "Người dân báo chưa sửa"
check_exit "take again" 0 wd_as "$OF" take "$R"
check_exit "escalate with an invisible note works (the note is optional)" 0 wd_as "$OF" escalate "$R" --note $'\u200b\u00a0'
check_eq "... and records no note" "" \
	"$(psql_as postgres -v ref="$R" <<<"select coalesce(e.note, '') from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
		where c.ref = :'ref' and e.action = 'escalate'")"
psql_try "$CH" "select (wardesk.deescalate('$R', null, E'\\uFEFF\\x1b')).escalation"
check_eq "psql: deescalate with an invisible note refused" 3 "$RC"
check_match "... a note is required" 'note is required to de-escalate' "$ERR"
check_exit "CLI: deescalate with an invisible note refused" 2 wd_as "$CH" deescalate "$R" --note $'\u00ad'
check_exit "one visible digit is a note" 0 wd_as "$CH" deescalate "$R" --note "1"

check_exit "shift start" 0 wd_as "$OF" shift start
check_exit "CLI: a handover with an invisible note is refused" 2 wd_as "$OF" handover create --to "$OF2" --note $'\u200b\u200b'
check_match "... a note is required" 'handover note is required' "$ERR"
check_exit "a handover with a real note is made" 0 wd_as "$OF" handover create --to "$OF2" --note "Bàn giao ca"
