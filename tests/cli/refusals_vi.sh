#!/bin/bash
# refusals_vi.sh - refusals raised by the database reach the officer in their
# language.  Each rule in sql/code/*.sql raises its own SQLSTATE (WDcnn) with
# its parameters in DETAIL (a JSON object); src/refusals.c maps the SQLSTATE
# to a msgid with named parameters.  Under vi_VN.UTF-8 the CLI prints the
# Vietnamese sentence with the parameters filled in, under C.UTF-8 the same
# English words psql shows; an unknown SQLSTATE falls back to the server's
# message.  Also: every WD code raised in sql/code has a row in the C table,
# and every row is raised somewhere.
. "$(dirname "$0")/../lib.sh"

# ---- the table and the SQL agree (no database needed)
# (every quoted WDxxx in the code files is an errcode: 'WDSWA' / 'WDSWP' are
# chosen by a case expression)
raised=$(grep -ho "'WD[0-9A-Z]\{3\}'" "$WD_ROOT"/sql/code/*.sql | grep -o "WD[0-9A-Z]*" | sort -u)
table=$(grep -o '^	{ "WD[0-9A-Z]\{3\}", N_(' "$WD_ROOT/src/refusals.c" | grep -o 'WD[0-9A-Z]*' | sort -u)
check_eq "every WD SQLSTATE raised in sql/code has a row in src/refusals.c" "" \
	"$(comm -23 <(printf '%s\n' "$raised") <(printf '%s\n' "$table"))"
check_eq "every row of src/refusals.c is raised in sql/code" "" \
	"$(comm -13 <(printf '%s\n' "$raised") <(printf '%s\n' "$table"))"
check_match "... about a hundred rules" "^[0-9]{3}$" "$(printf '%s\n' "$raised" | wc -l | tr -d ' ')"
# a raise with parameters hands them over in DETAIL
check_eq "every raise with % parameters has a json detail" "" "$("$WD_PY" - "$WD_ROOT"/sql/code/*.sql <<'PY'
import re, sys
for f in sys.argv[1:]:
    src = open(f).read()
    for m in re.finditer(r"raise exception '((?:[^']|'')*)'(.*?);\n", src, re.S):
        fmt, rest = m.group(1), m.group(2)
        code = re.search(r"errcode = .*?'(WD\w+)'", rest, re.S)
        if not code:
            continue
        if "%" in fmt and "detail = json_build_object(" not in rest:
            print(f, fmt)
PY
)"

[ -e "$WD_ROOT/build/locale/vi/LC_MESSAGES/wardesk.mo" ] ||
	skip_all "build/locale/vi/LC_MESSAGES/wardesk.mo is missing (run make)"
vi_env=(LANG=vi_VN.UTF-8)
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
vi() { local who=$1; shift; run env PGUSER="$who" "${vi_env[@]}" "$WD_BIN" "$@" </dev/null; }
en() { local who=$1; shift; run env PGUSER="$who" LANG=C.UTF-8 "$WD_BIN" "$@" </dev/null; }

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Văn Bình" officer) &&
XO=$(mk_officer xo "Phạm Thị Xô" officer QM) || { not_ok "setup: officers"; exit 1; }
R=$(report_as "$HL" --category MT --text "Rác thải ùn ứ" --address "12 Nguyễn Xí")
R2=$(report_as "$HL" --category HT --text "Đèn đường hỏng" --address "5 Bạch Đằng")
check_match "setup: two cases" "^[A-Z]+-[0-9]+$" "$R2"

# a hotline operator cannot take: WD603 with a translated role and action
vi "$HL" take "$R"
check_eq "vi: take by a hotline login is refused (exit 1)" 1 "$RC"
check_eq "vi: ... in Vietnamese, role and action translated" \
	"wardesk: cán bộ trực đường dây nóng không được nhận vụ việc" "$ERR"
en "$HL" take "$R"
check_eq "en: ... the server's English words" "wardesk: a hotline operator cannot take cases" "$ERR"
run psql_as "$HL" -c "select wardesk.take('$R')"
check_match "psql: the same English text from the server" "a hotline operator cannot take cases" "$ERR"

# a stale --seen: WD002 with three parameters
wd_as "$AN" take "$R" </dev/null >/dev/null 2>&1
v=$(case_field "$R" version)
vi "$AN" escalate "$R" --note "cần hỗ trợ" --seen $((v - 1))
check_eq "vi: a stale --seen is refused (exit 1)" 1 "$RC"
check_eq "vi: ... in Vietnamese with the versions" \
	"wardesk: $R đã thay đổi kể từ lúc bạn xem (nay là phiên bản $v, bạn đã xem $((v - 1))); hãy xem lại" "$ERR"
en "$AN" escalate "$R" --note "cần hỗ trợ" --seen $((v - 1))
check_eq "en: ... in English" \
	"wardesk: $R changed since you saw it (now version $v, you saw $((v - 1))); look again" "$ERR"

# another officer's case
vi "$BINH" take "$R"
check_eq "vi: a case held by another officer" "wardesk: $R đã do $AN (Nguyễn Văn An) giữ" "$ERR"
en "$BINH" take "$R"
check_eq "en: ... in English" "wardesk: $R is already held by $AN (Nguyễn Văn An)" "$ERR"

# closing a resolved case
wd_as "$AN" close "$R" --note "đã thu gom" </dev/null >/dev/null 2>&1
check_eq "setup: $R resolved" resolved "$(case_field "$R" state)"
vi "$AN" close "$R" --note "lần nữa"
check_eq "vi: closing a resolved case is refused" "wardesk: $R đã xử lý rồi" "$ERR"
en "$AN" close "$R" --note "lần nữa"
check_eq "en: ... in English" "wardesk: $R is already resolved" "$ERR"

# another ward's case is not there at all
vi "$XO" show "$R2"
check_match "vi: another ward's case" "^wardesk: không có vụ việc $R2$" "$ERR"
vi "$XO" take "$R2"
check_eq "vi: taking another ward's case" "wardesk: không có vụ việc $R2" "$ERR"
check_eq "... nothing changed" "" "$(case_field "$R2" owner)"
en "$XO" take "$R2"
check_eq "en: ... in English" "wardesk: no case $R2" "$ERR"

# bad input keeps its exit status (WD5nn is bad input, like WD005 was)
vi "$AN" close "$R2" --note "   "
check_eq "vi: a blank note is bad input (exit 2 or 1 as before)" "$RC" "$(en "$AN" close "$R2" --note "   "; echo "$RC")"
vi "$HL" report --category XX --text "Thử" </dev/null
check_eq "vi: an unknown category" "wardesk: loại vụ việc không hợp lệ XX" "$ERR"
en "$HL" report --category XX --text "Thử"
check_eq "en: ... in English" "wardesk: unknown category XX" "$ERR"
check_eq "... bad input exits 2 in both languages" 2 "$RC"

# parameters from the database are sanitised like any other text
vi "$HL" report --category $'X\e[31mY' --text "Thử"
check_nomatch "vi: no escape byte from a parameter reaches the terminal" $'\e' "$ERR"
check_match "vi: ... the refusal in Vietnamese, the parameter shown safely" \
	'^wardesk: loại vụ việc không hợp lệ .*X.*31mY' "$ERR"

# a SQLSTATE without a row (here: a function of this test's own database
# replaced to raise one) shows the server's message, made safe for a terminal
sql "create or replace function wardesk.take_try(p_ref text, p_seen int default null,
       out won boolean, out ref text, out holder text, out holder_name text, out version int)
     language plpgsql as \$\$
     begin raise exception 'odd refusal of %', E'\\x1b[31m' || p_ref using errcode = 'WDZ99'; end \$\$" >/dev/null
vi "$AN" take "$R2"
check_eq "an unknown SQLSTATE: refused (exit 1)" 1 "$RC"
check_match "... with the server's own message" "^wardesk: odd refusal of .*$R2$" "$ERR"
check_nomatch "... sanitised: no escape byte" $'\e' "$ERR"
