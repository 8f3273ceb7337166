#!/bin/bash
# photo.sh - the report's photo in the case detail (issue 16 section 1):
# fetched by the worker from a local HTTP server this test starts (generated
# images, tests/tools/photo_server.py), drawn with libchafa as block symbols
# in colour (checked in the captured cells), full screen with the photo key;
# every way it cannot be drawn said in one line, the link shown: 404, wrong
# content type, too large, slow server (the console answers keys while it
# fetches), redirect to file://, truncated JPEG, 30000x30000 PNG, text named
# .jpg, NO_COLOR, the monochrome theme, 80x24.  A photo attached to a
# phone case (`wardesk photo`, `:attach REF FILE`) is drawn from the
# database.  The desk's cache: 0700/0600,
# no temporary file left, a cached photo not fetched again.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
photo_server

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
n=0
mk() {   # mk URL: a case whose report came with the photo URL
	local r
	n=$((n + 1))
	r=$(report_as "$HL" --category MT --text "Ảnh $n" --address "$n Lê Lợi") || return 1
	[ -z "$1" ] || sql "update wardesk.cases set media_urls = array['$1'] where ref = '$r'" >/dev/null
	echo "$r"
}
R_OK=$(mk "$U/ok.png") && R_JPG=$(mk "$U/ok.jpg") && R_404=$(mk "$U/missing.png") &&
R_HTML=$(mk "$U/html.png") && R_BIG=$(mk "$U/big.png") && R_SLOW=$(mk "$U/slow.png") &&
R_FILE=$(mk "$U/to-file.png") && R_CUT=$(mk "$U/cut.jpg") && R_HUGE=$(mk "$U/huge.png") &&
R_TEXT=$(mk "$U/text.jpg") && R_LOCAL=$(mk "file:///etc/passwd") && R_PHONE=$(mk "") &&
R_NONE=$(psql_as "$HL" -c "select ref from wardesk.import_request('APP-NOPHOTO-1', 'MT', 'Ảnh không có', wardesk.now())") ||
	{ not_ok "setup: cases with photos"; exit 1; }
check_eq "setup: the media URL is stored" "{$U/ok.png}" "$(case_field "$R_OK" media_urls)"
# a phone case whose caller sent a photo: attached, kept in the database
R_ATT=$(mk "") && "$WD_PY" -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1]).read())' "$U/ok.jpg" "$WD_TMP/att.jpg" &&
	wd_as "$HL" photo "$R_ATT" "$WD_TMP/att.jpg" </dev/null >/dev/null ||
	not_ok "setup: a phone case with an attached photo"

open() { tm_send Escape; tm_send :; tm_type "open $1"; tm_send Enter; }
BLOCKS='[▀▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐░▒▓▔▕▖▗▘▙▚▛▜▝▞▟]'
# photo_cells: how many lines under the "Photo" line hold block symbols
photo_cells() {
	tm_capture | sed -n '/^ Photo /,$p' | sed 1d | grep -c "^ \{13\}.*$BLOCKS"
}
served() { grep -c "^$1\$" "$WD_TMP/port.log" 2>/dev/null || true; }

# a cache left by an older run: a directory too open, 70 MB of old photos
# (sparse files); fetching must bring it back to 0700 and under 64 MB,
# the oldest first
C=$XDG_CACHE_HOME/wardesk/photos
mkdir -p "$C" && chmod 755 "$C" &&
truncate -s 40M "$C/old-1" && touch -d 2020-01-01 "$C/old-1" &&
truncate -s 30M "$C/old-2" && touch -d 2021-01-01 "$C/old-2" || not_ok "setup: an old cache"

TM_W=100 TM_H=40 tm_wardesk "$HL"
tm_wait_for "live" >/dev/null
open "$R_OK"
check_screen "drawn: the link on the Media line" "^ Media +$U/ok.png"
check_screen "drawn: the photo's line says its size and the key" "^ Photo +64×64 pixels; p shows it full screen"
rows=$(photo_cells)
if [ "$rows" -ge 6 ]; then ok "drawn: $rows lines of block symbols under it"; else
	not_ok "drawn: lines of block symbols under it" "rows: $rows" "$(tm_capture)"; fi
check_match "drawn: in colour (256-colour cells)" $'\e\\[[0-9;]*[34]8;5;[0-9]+' "$(tm_capture_e | grep "$BLOCKS")"

tm_send p
check_screen "full screen: the link on the last line" "^ $U/ok.png"
check_nomatch "full screen: no detail fields" "^ Deadline " "$TM_SCREEN"
full=$(tm_capture | grep -c "$BLOCKS")
if [ "$full" -ge 20 ]; then ok "full screen: $full lines of block symbols"; else
	not_ok "full screen: most lines are the photo" "rows: $full" "$TM_SCREEN"; fi
tm_send Escape
check_screen "Esc: back to the detail" "^ Deadline "

open "$R_JPG"
check_screen "a JPEG is drawn too" "^ Photo +64×64 pixels"
open "$R_ATT"
check_screen "attached photo: listed" "^ Attached +photo #[0-9]+ \(image/jpeg, [0-9]+ KB\)"
check_screen "attached photo: drawn from the database" "^ Photo +64×64 pixels"
rows=$(photo_cells)
if [ "$rows" -ge 6 ]; then ok "attached photo: $rows lines of block symbols"; else
	not_ok "attached photo: block symbols" "rows: $rows" "$(tm_capture)"; fi
# a report with a link and a photo the desk attached too: the photo key
# shows each in turn full screen, then returns
R_BOTH=$(mk "$U/ok.png") && wd_as "$HL" photo "$R_BOTH" "$WD_TMP/att.jpg" </dev/null >/dev/null ||
	not_ok "setup: a report with a link and an attached photo"
open "$R_BOTH"
check_screen "link and attachment: the detail draws the link's" "^ Photo +64×64 pixels"
tm_send p
check_screen "... p: the first full screen, counted" "^ photo 1 of 2; p: the next one · $U/ok.png"
tm_send p
check_screen "... p again: the attached one" "^ photo 2 of 2; p: the next one · #[0-9]+"
full=$(tm_capture | grep -c "$BLOCKS")
if [ "$full" -ge 20 ]; then ok "... drawn from the database: $full lines"; else
	not_ok "... the attached photo drawn full screen" "rows: $full" "$TM_SCREEN"; fi
tm_send p
check_screen "... p after the last: back to the detail" "^ Deadline "
tm_send p
check_screen "... p: the first one again" "^ photo 1 of 2; "
tm_send Escape
check_screen "... Esc: the detail" "^ Deadline "
open "$R_404"
check_screen "404: said in one line" "^ Photo +not shown: the photo is not on the server \(HTTP 404\)"
check_screen "404: the link shown" "^ Media +$U/missing.png"
open "$R_HTML"
check_screen "wrong content type: said" "^ Photo +not shown: the server sent text/html, not a photo"
open "$R_BIG"
check_screen "too large: said" "^ Photo +not shown: the photo is larger than 8 MB"
open "$R_FILE"
check_screen "redirect to file://: refused" "^ Photo +not shown: refused: only http and https links are fetched"
open "$R_LOCAL"
check_screen "a file:// link: refused, not read" "^ Photo +not shown: refused: only http and https"
check_eq "a file:// link: nothing fetched for it" 0 "$(served /etc/passwd)"
open "$R_CUT"
check_screen "truncated JPEG: drawn in part or said, the console alive" \
	"^ Photo +(not shown: the photo is damaged or cut short|64×64 pixels)"
open "$R_HUGE"
check_screen "30000×30000 PNG: refused before decoding" \
	"^ Photo +not shown: the photo is too large to draw \(30000×30000 pixels\)"
open "$R_TEXT"
check_screen "a text file named .jpg: not a photo" \
	"^ Photo +not shown: not a photo \(wardesk reads PNG and JPEG\)"
open "$R_PHONE"
check_screen "a phone ticket without a photo: its detail" "^ Address +[0-9]+ Lê Lợi"
check_nomatch "... has no Photo line (nothing to miss)" "^ Photo " "$TM_SCREEN"
open "$R_NONE"
check_screen "an app report without a photo: said" "^ Photo +none sent with this report"
:>"$WD_TMP/not a photo.txt"
tm_send :; tm_type "attach $R_NONE $WD_TMP/not a photo.txt"; tm_send Enter
check_screen ":attach an empty file: refused, said" "the file is not a PNG or JPEG photo"
tm_send :; tm_type "attach $R_NONE $WD_TMP/att.jpg"; tm_send Enter
check_screen ":attach: said" "$R_NONE: photo #[0-9]+ attached \([0-9]+ bytes\)"
check_screen ":attach: the detail lists it at once" "^ Attached +photo #[0-9]+ \(image/jpeg"
check_screen ":attach: and draws it" "^ Photo +64×64 pixels"
tm_send G
check_screen ":attach: the history says who attached it" "$HL attached a photo \([0-9]+ KB\)"
tm_send g

# The slow server: the console answers keys while the worker waits.
open "$R_SLOW"
check_screen "slow: fetching" "^ Photo +fetching…"
wait_until 5 test "$(served /slow.png)" = 1 || not_ok "slow: the server was asked"
t0=$(date +%s%N)
tm_send '?'
if tm_wait_for "^ *\? +help|Show the help screen" 2; then
	ok "slow: a key is answered while it fetches ($(( ($(date +%s%N) - t0) / 1000000 )) ms)"
else
	not_ok "slow: a key is answered while it fetches" "$TM_SCREEN"
fi
tm_send Escape
check_screen "slow: the timeout, said" "^ Photo +not shown: the server did not send the photo within 3 s" 10
tm_kill

# ---- the desk's cache
check_eq "cache: the directory is 0700 again" 700 "$(stat -c %a "$C")"
check_eq "cache: over 64 MB, the oldest file went, the next stayed" "gone kept" \
	"$([ -e "$C/old-1" ] && echo kept || echo gone) $([ -e "$C/old-2" ] && echo kept || echo gone)"
rm -f "$C/old-2"
check_eq "cache: every file is 0600" "" "$(find "$C" -type f ! -perm 600)"
check_eq "cache: no temporary file left" "" "$(find "$C" -name '.fetch-*')"
check_eq "cache: nothing kept of the failures (404, html, big, slow)" 5 "$(find "$C" -type f | wc -l)"
TM_W=100 TM_H=40 tm_wardesk "$HL"
tm_wait_for "live" >/dev/null
open "$R_OK"
check_screen "cache: drawn again after a restart" "^ Photo +64×64 pixels"
check_eq "cache: not fetched again" 1 "$(served /ok.png)"
tm_kill

# ---- where it cannot be drawn
TM_W=80 TM_H=24 tm_wardesk "$HL"
tm_wait_for "live" >/dev/null
open "$R_OK"
check_screen "80×24: said, with the key" "^ Photo +too small to draw here \(80×24\); p shows it full screen"
tm_send p
check_screen "80×24: p shows it full screen" "^ $U/ok.png"
full=$(tm_capture | grep -c "$BLOCKS")
if [ "$full" -ge 10 ]; then ok "80×24 full screen: $full lines of block symbols"; else
	not_ok "80×24 full screen: the photo" "rows: $full" "$TM_SCREEN"; fi
tm_kill

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	TM_W=80 TM_H=24 tm_start env LANG=vi_VN.UTF-8 PGUSER="$HL" $WD_WRAP "$WD_BIN"
	tm_wait_for "^ +BT-" >/dev/null
	open "$R_404"
	check_screen "vi: the reason in Vietnamese, on one line" \
		"^ Ảnh +không hiển thị: ảnh không còn trên máy chủ \(HTTP 404\)"
	open "$R_OK"
	check_screen "vi: too small, in Vietnamese" "^ Ảnh +màn hình quá nhỏ để vẽ ở đây \(80×24\); p xem toàn màn hình"
	tm_kill
else
	skip "vi: the reasons in Vietnamese" "vi_VN.UTF-8 not installed"
fi

TM_W=100 TM_H=40 tm_start env NO_COLOR=1 PGUSER="$HL" $WD_WRAP "$WD_BIN"
tm_wait_for "live" >/dev/null
open "$R_OK"
check_screen "NO_COLOR: said in one line" "^ Photo +not drawn: NO_COLOR is set"
check_screen "NO_COLOR: the link shown" "^ Media +$U/ok.png"
check_eq "NO_COLOR: no block symbols" 0 "$(photo_cells)"
tm_kill

# ---- a hostile link: escape sequences reach neither the terminal nor curl's URL
R_EVIL=$(mk "") && sql "update wardesk.cases set media_urls = array[E'$U/x\\x1b]2;pwned\\x07.png']
                         where ref = '$R_EVIL'" >/dev/null || not_ok "setup: a hostile link"
RAW=$WD_TMP/raw.bytes
TM_W=100 TM_H=40 tm_start --raw "$RAW" env PGUSER="$HL" $WD_WRAP "$WD_BIN"
tm_wait_for "live" >/dev/null
open "$R_EVIL"
check_screen "hostile link: refused in one line" "^ Photo +not shown: "
tm_send p
check_screen "hostile link: full screen says why" "Photo not shown: "
tm_send Escape
tm_kill
check_eq "hostile link: no OSC from the link in the terminal's bytes" 0 \
	"$(LC_ALL=C grep -c -a -F -e $'\e]2;pwned' "$RAW")"

TM_W=100 TM_H=40 tm_wardesk "$HL" --theme monochrome
tm_wait_for "live" >/dev/null
open "$R_OK"
check_screen "monochrome theme: said in one line" "^ Photo +not drawn: the theme has no colours"
tm_kill
