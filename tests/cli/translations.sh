#!/bin/bash
# translations.sh - no English left for the command line under vi_VN:
# po/vi.po passes msgfmt --check and has no untranslated or fuzzy entry, and
# every message of the CLI's sources (the command files, the parser and the
# command table, the store whose errors it prints, main.c's usage) is in it,
# translated.  After adding or changing a message: sh tools/update-po.sh,
# translate what it reports, run it again.  Then a spot check: --help and a
# parser error of a command in Vietnamese.
. "$(dirname "$0")/../lib.sh"
for t in msgfmt msgattrib msgmerge xgettext; do
	command -v $t >/dev/null || skip_all "$t is not installed (gettext)"
done

check "po/vi.po passes msgfmt --check" msgfmt --check -o /dev/null po/vi.po
check_eq "po/vi.po: no untranslated entry" "" \
	"$(msgattrib --untranslated --no-obsolete po/vi.po | grep '^#:')"
check_eq "po/vi.po: no fuzzy entry" "" \
	"$(msgattrib --only-fuzzy --no-obsolete po/vi.po | grep '^#:')"

# shellcheck disable=SC2046
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ -o "$WD_TMP/cli.pot" \
	src/cli*.c src/simulate.c src/store*.c src/main.c include/wardesk/cli*.h 2>"$WD_TMP/xg.err"
check_eq "xgettext reads the CLI's sources" "" "$(cat "$WD_TMP/xg.err")"
msgmerge --quiet --no-fuzzy-matching -o "$WD_TMP/cli.po" po/vi.po "$WD_TMP/cli.pot"
left=$(msgattrib --untranslated --no-obsolete "$WD_TMP/cli.po" | grep '^#:')
check_eq "every message of the CLI is in po/vi.po, translated (run tools/update-po.sh)" "" "$left"

# ---- one word for a state: "resolved" is `đã xử lý` everywhere (../shared/
# DOMAIN.md; a newcomer found `đã giải quyết xong` and `đã kết thúc` too), and
# closing a case is `đóng`, as the footer and the history say it
check_eq "po/vi.po: resolved is đã xử lý, closing a case is đóng" "" "$("$WD_PY" - po/vi.po <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = []
for block in text.split("\n\n"):
    if block.lstrip().startswith("#~"):
        continue
    parts = re.split(r"^msgstr(?:\[\d\])? ", block, flags=re.M)
    mid = "".join(re.findall(r'"(.*)"', parts[0].split("msgid ", 1)[-1]))
    mstr = "".join("".join(re.findall(r'"(.*)"', p)) for p in parts[1:])
    if not mstr:
        continue
    if "giải quyết" in mstr:
        bad.append(f"giải quyết: {mid!r} => {mstr!r}")
    # (a shift ends: kết thúc ca is right)
    if re.search(r"\b(resolv|clos)", mid, re.I) and "kết thúc" in mstr.replace("kết thúc ca", "").replace("ca đang mở đã kết thúc", ""):
        bad.append(f"kết thúc: {mid!r} => {mstr!r}")
print("\n".join(bad))
PY
)"

# ---- one spelling of "hủy" (cancel): the modern hủy, never huỷ (a newcomer
# found both); and the escalated view's short tab title is words an officer
# reads at once (Cấp trên), not the cryptic C.cấp
check_eq "po/vi.po: hủy, never huỷ" "" "$(grep -n -i 'huỷ' po/vi.po)"
check_eq "po/vi.po: the escalated view's short tab title" 'msgstr "Cấp trên"' \
	"$(grep -A1 '^msgid "Escal\."$' po/vi.po | sed -n 2p)"

# ---- spot check in Vietnamese
vi_env=(LANG=vi_VN.UTF-8)
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
run env "${vi_env[@]}" "$WD_BIN" report --help
if ! printf '%s\n' "$OUT" | grep -q '^Cách dùng: wardesk '; then
	skip "Vietnamese --help" "no Vietnamese with ${vi_env[*]}"
else
	check_match "vi: report --help's options" '^Tuỳ chọn:$' "$OUT"
	check_match "vi: ... an option's help and its limit" '--address A +địa điểm \(tối đa 500 ký tự\)' "$OUT"
	check_match "vi: ... --help itself" '-h, --help +hiện phần trợ giúp này' "$OUT"
	run env "${vi_env[@]}" "$WD_BIN" ls --stat
	check_match "vi: a parser error" '^wardesk: tuỳ chọn --state cần một giá trị' "$ERR"
	check_match "vi: ... and where to read more" "^Xem 'wardesk ls --help' để biết thêm\.$" "$ERR"
	run env "${vi_env[@]}" "$WD_BIN" report --category MT --text x --address "$(printf 'a%.0s' $(seq 501))"
	check_match "vi: the length limit" '^wardesk: --address quá dài \(501 ký tự, tối đa 500\)' "$ERR"
fi
