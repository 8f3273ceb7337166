#!/bin/bash
# screen.sh - filter without diacritics; resize 80x24 -> 200x50 -> 80x24;
# Vietnamese NFD text aligned by display width.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

# An officer whose name is stored in NFD (as some phones send it).
NFD_NAME=$(printf 'Nguye\xcc\x82\xcc\x83n Va\xcc\x86n An')
HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "$NFD_NAME" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

R1=$(report_as "$HL" --category TTDT --text "Lấn chiếm vỉa hè" --address "45 Đinh Bộ Lĩnh, Phường Bình Thạnh" --channel walkin)
R2=$(report_as "$HL" --category MT --text "Khói bụi" --address "Bạch Đằng" --name "Nguyễn Văn Bé" --channel hotline)
R3=$(report_as "$HL" --category HT --text "Ổ gà giữa đường" --address "$(printf 'Phan \xc4\x90a\xcc\x86\xcc\x80ng Lu\xcc\x9bu')" --phone 0909111222 --channel walkin)
R4=$(report_as "$HL" --category CX --text "Cây ngã chắn đường, đường rất dài dài dài dài dài dài dài dài dài dài dài" \
	--address "123/45/6 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh, Thành phố Hồ Chí Minh, rất dài để thấy cắt" --channel walkin)

tm_wardesk "$AN"
check_screen "console live" " live$"
check_screen "all four cases listed" "^ +$R4 "

# --- alignment by display width: every queue row has its columns at the same
# display positions, whatever the mix of NFC, NFD and long text.
align() {
	printf '%s\n' "$TM_SCREEN" | "$WD_PY" -c '
import sys, unicodedata as u
def w(s): return sum(0 if u.combining(c) or u.category(c) in ("Mn","Me","Cf") else 2 if u.east_asian_width(c) in "WF" else 1 for c in s)
bad = []
lines = sys.stdin.read().split("\n")
for l in lines:
    if w(l) > int(sys.argv[1]): bad.append("too wide: " + l)
rows = [l for l in lines if " desk " in l or " phone " in l]
# the STATE column: display column where "new" starts
cols = set()
for l in rows:
    i = l.rfind(" new")
    cols.add(w(l[:i]))
if len(cols) != 1: bad.append("state column at %r" % sorted(cols))
hdr = lines[0]
if not hdr.endswith(" live") or w(hdr) != int(sys.argv[1]) - 1: bad.append("header: %r (%d)" % (hdr, w(hdr)))
print("\n".join(bad)); sys.exit(1 if bad else 0)' "$1"
}
tm_capture >/dev/null
if out=$(align 80); then ok "80x24: rows aligned by display width (NFC, NFD, long text)"; else
	not_ok "80x24: rows aligned by display width" "$out" "$TM_SCREEN"; fi
check_screen "the NFD officer name is shown composed in the header" "$AN Nguyễn Văn An \(officer\)"
check_screen "an NFD address is shown composed" "^ +$R3 .* Phan Đằng Lưu "

# --- filter without diacritics
tm_send /
tm_type "dinh bo linh"
check_screen "filter as you type: 'dinh bo linh' finds Đinh Bộ Lĩnh" "^ +$R1 .*Đinh Bộ Lĩnh"
tm_send Enter
tm_capture >/dev/null
if printf '%s\n' "$TM_SCREEN" | grep -Eq "^ +($R2|$R3|$R4) "; then not_ok "... and only it" "$TM_SCREEN"; else ok "... and only it"; fi
check_screen "the filter is shown with its count" "filter: dinh bo linh \(1 shown"
tm_send Escape
check_screen "Esc clears the filter" "^ +$R4 "
tm_send /
tm_type "nguyen van be"
tm_send Enter
check_screen "the filter matches the reporter's name" "^ +$R2 .*Bạch Đằng"
tm_send /
tm_send C-u
tm_type "0909 111"
tm_send Enter
check_screen "the filter matches the phone as people type it" "^ +$R3 "
tm_send /
tm_send C-u
tm_type "PHAN DANG LUU"
tm_send Enter
check_screen "upper case, no diacritics, against NFD text" "^ +$R3 "
tm_send Escape
check_screen "all back" "^ +$R1 "

# --- resize 80x24 -> 200x50 -> 80x24
mask() { sed -E 's/[0-9]{2}:[0-9]{2}/HH:MM/g; s/[0-9]+:[0-9]{2} |[0-9]+m /CD /g'; }
tm_capture | mask >"$WD_TMP/before"
tm_resize 200 50
check_screen "200x50: the full long address shows" "rất dài để thấy cắt"
tm_capture >/dev/null
check_eq "200x50: 50 lines" 50 "$(printf '%s\n' "$TM_SCREEN" | wc -l)"
if out=$(align 200); then ok "200x50: header spans the width, rows aligned"; else
	not_ok "200x50: header spans the width, rows aligned" "$out" "$TM_SCREEN"; fi
tm_resize 80 24
tm_wait_gone "rất dài để thấy cắt" 5
tm_wait_for "^ +$R4 .*new" 5
tm_wait_for " live$" 5
tm_capture | mask >"$WD_TMP/after"
if cmp -s "$WD_TMP/before" "$WD_TMP/after"; then ok "back to 80x24: the same screen as before"; else
	not_ok "back to 80x24: the same screen as before" "$(diff -u "$WD_TMP/before" "$WD_TMP/after")"; fi
tm_resize 100 30
tm_resize 80 24
sleep 0.3
tm_wait_for "^ +$R4 .*new" 5
tm_capture >/dev/null
if out=$(align 80); then ok "after more resizes: still aligned"; else not_ok "after more resizes" "$out"; fi
