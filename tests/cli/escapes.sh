#!/bin/bash
# escapes.sh - issue 13 item 8: no output format of the CLI passes on a raw
# control, bidi or other hiding character.  A case, officer names, notes, a
# setting, a category and a delay reason hold ESC ] 0 ; title BEL (set the
# window title), CSI (clear the screen), C1 CSI (U+009B), RLO (U+202E) and
# ZWSP (U+200B); every command with every --format must print none of them
# raw (checked byte by byte), and JSON / TSV must still give the text back.
. "$(dirname "$0")/../lib.sh"

H=$'X\e]0;title\aY\e[2JZ\xc2\x9bW\xe2\x80\xaeV\xe2\x80\x8bU'
export H

# scan FILE [tsv]: print what is unsafe in FILE (nothing when it is clean):
# bytes that are not UTF-8, C0 controls but newline (and tab in TSV), DEL,
# C1, bidi controls, and format / separator / private-use characters.
cat >"$WD_TMP/scan.py" <<'EOF'
import sys, unicodedata
data = open(sys.argv[1], 'rb').read()
tsv = len(sys.argv) > 2
try:
    text = data.decode('utf-8')
except UnicodeDecodeError as e:
    print('not UTF-8 at byte', e.start); sys.exit(0)
bad = []
for i, ch in enumerate(text):
    o = ord(ch)
    if ch == '\n' or (tsv and ch == '\t'):
        continue
    if o < 0x20 or 0x7f <= o <= 0x9f or unicodedata.category(ch) in ('Cf', 'Cc', 'Co', 'Cs', 'Cn', 'Zl', 'Zp'):
        bad.append('U+%04X at %d' % (o, i))
print(' '.join(bad[:8]))
EOF
scan() { "$WD_PY" "$WD_TMP/scan.py" "$@"; }

# tsv_cell TEXT COLUMN ROW-MATCH: read a TSV cell back (the escapes of wardesk(1)).
cat >"$WD_TMP/tsv.py" <<'EOF'
import re, sys
col, want = int(sys.argv[1]), sys.argv[2]
def unescape(s):
    m = {'\\': '\\', 't': '\t', 'n': '\n', 'r': '\r', 'e': '\x1b'}
    return re.sub(r'\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|.)',
                  lambda g: chr(int(g.group(1)[1:], 16)) if g.group(1)[0] in 'xuU' and len(g.group(1)) > 1
                  else m[g.group(1)], s)
for line in sys.stdin.read().split('\n')[1:]:
    cells = [unescape(c) for c in line.split('\t')]
    if len(cells) > col and want in cells[col]:
        sys.stdout.write(cells[col]); break
EOF
tsv_cell() { printf '%s' "$1" | "$WD_PY" "$WD_TMP/tsv.py" "$2" "$3"; }

# clean NAME CMD...: run CMD; stdout and stderr hold no unsafe character.
clean() {
	local name=$1 kind=
	shift
	case " $* " in *" tsv "*) kind=tsv ;; esac
	"$@" </dev/null >"$WD_TMP/out" 2>"$WD_TMP/err"
	RC=$?
	OUT=$(cat "$WD_TMP/out")
	local o e
	o=$(scan "$WD_TMP/out" $kind) e=$(scan "$WD_TMP/err")
	if [ "$RC" -eq 0 ] && [ -z "$o$e" ] && [ -s "$WD_TMP/out" ]; then
		ok "$name"
	else
		not_ok "$name" "exit $RC; stdout: ${o:-clean}; stderr: ${e:-clean}" \
			"$(od -c "$WD_TMP/out" | head -n 12)" "$(head -c 400 "$WD_TMP/err" | od -c | head -n 5)"
	fi
}

CH=$(mk_officer ch "Chủ tịch $H" chair) &&
AN=$(mk_officer an "Nguyễn Văn An $H" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình $H" officer) &&
HL=$(mk_officer hl "Trần Thị Lan $H" hotline) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers with hostile names"
check_eq "setup: the name is stored raw" "Nguyễn Văn An $H" \
	"$(psql_as postgres -v l="$AN" <<<"select full_name from wardesk.officers where login = :'l'")"

REF=$(report_as "$HL" --category MT --text "Mô tả $H" --address "Địa chỉ $H" --name "Tên $H" \
	--phone 0909123456 --received "$(date -d '-3 hours' --iso-8601=seconds)")
REF2=$(report_as "$HL" --category MT --text "Lặp lại $H" --address "Địa chỉ $H")
check_match "setup: two cases with hostile text" '^BT-[0-9]+ BT-[0-9]+$' "$REF $REF2"
check "setup: an starts a shift" wd_as "$AN" shift start
check "setup: an takes the case" wd_as "$AN" take "$REF"
check "setup: an escalates with a hostile note" wd_as "$AN" escalate "$REF" --note "Ghi chú $H"
check "setup: the chair sets a hostile apology template" \
	wd_as "$CH" setting set apology_template "Xin lỗi {name} $H"
sql "update wardesk.categories set name_vi = 'Môi trường $H', name_en = 'Environment $H' where code = 'MT';
     update wardesk.delay_reasons set name_vi = 'Lý do $H'
      where code = (select min(code) from wardesk.delay_reasons)" >/dev/null
check "setup: watch --once sweeps (alerts)" wd_as postgres watch --once
check "setup: an closes the case late" wd_as "$AN" close "$REF" --note "Kết quả $H" \
	--delay-reason "$(sql 'select min(code) from wardesk.delay_reasons')" --apology-template
check "setup: a rating with a hostile comment" wd_as "$HL" rate "$REF" 2 --comment "Chậm $H"
check "setup: an hands over with a hostile note" \
	wd_as "$AN" handover create --to "$BINH" --note "Giao ca $H"
HO=$(sql "select max(id) from wardesk.handovers")
sql "update wardesk.cases set external_id = 'APP-1', channel = 'app' where ref = '$REF'" >/dev/null

# --- every command, every format
for f in table tsv json; do
	clean "officers --format $f" wd_as "$AN" officers --format $f
	clean "ls --format $f" wd_as "$AN" ls --state all --format $f
	clean "dupes --format $f" wd_as "$AN" dupes "$REF2" --format $f
	clean "categories --format $f" wd_as "$AN" categories --format $f
	clean "alerts --format $f" wd_as "$CH" alerts --format $f
	clean "delay-reasons --format $f" wd_as "$AN" delay-reasons --format $f
	clean "settings --format $f" wd_as "$AN" settings --format $f
done
for f in text json; do
	clean "show --format $f" wd_as "$AN" show "$REF" --format $f
done
for f in table json; do
	clean "handovers --format $f" wd_as "$BINH" handovers --format $f
	clean "board --format $f" wd_as "$CH" board --format $f
done
for f in table csv json; do
	clean "stats --format $f" wd_as "$CH" stats --from "$(date -d '-1 day' +%F)" --format $f
done
for f in text markdown; do
	clean "handover --format $f (officer names)" wd_as "$AN" handover --id "$HO" --format $f
	clean "handover --preview --format $f" wd_as "$BINH" handover --preview --format $f
done
clean "apology" wd_as "$AN" apology "$REF"
clean "export to standard output" wd_as postgres export -
run wd_as "$AN" ls --bogus"$H"
check_eq "an unknown option quoted back: exit 2" 2 "$RC"
check_eq "... stderr is clean" "" "$(printf '%s' "$ERR" | scan /dev/stdin)"
run wd_as "$AN" "frob$H"
check_eq "an unknown command quoted back: stderr is clean" "" "$(printf '%s' "$ERR" | scan /dev/stdin)"
run wd_as "$AN" setting "frob$H"
check_eq "an unknown subcommand of a group quoted back: stderr is clean" "" "$(printf '%s' "$ERR" | scan /dev/stdin)"

# --- the text is still there: JSON parses back to the original, TSV unescapes to it
run wd_as "$AN" officers --format json
check_eq "officers json: the name reads back" "Nguyễn Văn An $H" \
	"$(json_get "$OUT" "[o['name'] for o in j if o['login'] == '$AN'][0]")"
check_match "... C1 and bidi as \\u escapes" '\\u009b.*\\u202e.*\\u200b' "$OUT"
run wd_as "$AN" show "$REF" --format json
check_eq "show json: the description reads back" "Mô tả $H" "$(json_get "$OUT" 'j["description"]')"
check_eq "show json: the address reads back" "Địa chỉ $H" "$(json_get "$OUT" 'j["address"]')"
check_eq "show json: the escalation note reads back" "Ghi chú $H" \
	"$(json_get "$OUT" '[e["note"] for e in j["events"] if e["note"] and e["note"].startswith("Ghi")][0]')"
run wd_as "$AN" settings --format json
check_eq "settings json: the template reads back" "Xin lỗi {name} $H" \
	"$(json_get "$OUT" '[s["value"] for s in j if s["key"] == "apology_template"][0]')"
run wd_as "$AN" officers --format tsv
check_eq "officers tsv: the name unescapes to the original" "Nguyễn Văn An $H" "$(tsv_cell "$OUT" 1 'Nguyễn Văn An')"
check_match "... shown as visible escapes" 'An X\\e\]0;title\\x07Y\\e\[2JZ\\x9bW\\u202eV\\u200bU' "$OUT"
run wd_as "$AN" ls --state all --format tsv
check_eq "ls tsv: the description unescapes to the original" "Mô tả $H" "$(tsv_cell "$OUT" 10 'Mô tả')"
run wd_as "$AN" settings --format tsv
check_eq "settings tsv: the template unescapes to the original" "Xin lỗi {name} $H" "$(tsv_cell "$OUT" 1 'Xin lỗi')"
run wd_as "$AN" handover --id "$HO"
check_match "handover text: the officer is named, made visible" 'Nguyễn Văn An X\^\[\]0;title\^GY\^\[\[2JZ<U\+009B>W<U\+202E>V<U\+200B>U' "$OUT"

# --- export to a file: the same escapes, the same text back
check "export FILE" wd_as postgres export "$WD_TMP/feed.json"
check_eq "... the file is clean" "" "$(scan "$WD_TMP/feed.json")"
check_eq "... and the description reads back" "Mô tả $H" \
	"$(json_get "$(cat "$WD_TMP/feed.json")" '[r["description"] for r in j if r["service_request_id"] == "APP-1"][0]')"

# --- the CLI prints only through the output helpers (src/cli.c): no direct
# printf/fprintf/puts/fputc/fwrite in a command file (constant strings and the
# escaped export aside)
check_eq "no command file prints around the helpers" "" \
	"$(grep -nE '(^|[^_a-z])(printf|vfprintf|fprintf|puts|fputs|putchar|fputc|fwrite)\(' \
		src/cli_*.c src/simulate.c | grep -v '^src/cli_docs.c' |
		grep -vE 'fputs\("|fputs\(json, ')"
