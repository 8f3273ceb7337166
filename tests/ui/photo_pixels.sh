#!/bin/bash
# photo_pixels.sh - the full-screen photo in pixel graphics (issue 16
# section 1): with `set photo-graphics sixel` (tmux does not pass sixels
# on, so the setting forces them) the photo key writes a sixel DCS
# (ESC P ... q ... ESC \) past curses, checked in the raw bytes the console
# wrote (pipe-pane); the next key brings the detail back; `kitty` writes
# kitty's APC (ESC _ G ...) and deletes it on the key; `symbols`, auto
# under tmux (also with TERM_PROGRAM=WezTerm left from outside), NO_COLOR
# and the monochrome theme write none.  A bad value
# of the setting is refused with the setting named.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
photo_server

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
R=$(report_as "$HL" --category MT --text "Ảnh điểm ngập" --address "1 Lê Lợi") &&
	sql "update wardesk.cases set media_urls = array['$U/ok.png'] where ref = '$R'" >/dev/null ||
	{ not_ok "setup: a case with a photo"; exit 1; }

open() { tm_send Escape; tm_send :; tm_type "open $1"; tm_send Enter; }
CONF=$XDG_CONFIG_HOME/wardesk/config
mkdir -p "${CONF%/*}"
# count FILE PATTERN: occurrences of a byte pattern (grep -P, bytes)
count() { LC_ALL=C grep -a -o -P -- "$2" "$1" 2>/dev/null | wc -l; }
SIXEL='\eP[0-9;]*q.*?\e\\'
KITTY='\e_G[^\e]*;'

# console MODE [VAR=VALUE...]: the console with `set photo-graphics MODE` (none: no line),
# raw bytes in $RAW (a new file each run); the detail of R, its photo drawn
runs=0
console() {
	local mode=$1
	shift
	if [ "$mode" = none ]; then rm -f "$CONF"; else printf 'set photo-graphics %s\n' "$mode" >"$CONF"; fi
	runs=$((runs + 1))
	RAW=$WD_TMP/raw.$runs.$mode
	TM_W=100 TM_H=40 tm_start --raw "$RAW" env "$@" PGUSER="$HL" $WD_WRAP "$WD_BIN"
	tm_wait_for "live|trực tuyến" >/dev/null
	open "$R"
	tm_wait_for "^ (Photo|Ảnh) +(64×64|not drawn)" >/dev/null
}

console sixel
check_eq "sixel: nothing of it before the photo key" 0 "$(count "$RAW" "$SIXEL")"
tm_send p
check_screen "sixel: the caption on the body's last line" "^ sixel graphics; any key returns · $U/ok.png"
wait_until 5 test "$(count "$RAW" "$SIXEL")" -ge 1 || true
check_eq "sixel: one DCS ... q ... ST written" 1 "$(count "$RAW" "$SIXEL")"
check_match "sixel: at the body's first line" $'\e\\[2;[0-9]+H\eP' "$(LC_ALL=C grep -a -o -P '\e\[2;[0-9]+H\eP' "$RAW")"
check_nomatch "sixel: no symbols under it" "▀|▄|█" "$TM_SCREEN"
tm_send x
check_screen "sixel: the next key, the detail is back" "^ Deadline "
check_screen "sixel: ... its photo line" "^ Photo +64×64 pixels"
check_nomatch "sixel: ... the key did nothing else" "no action here" "$TM_SCREEN"
check_eq "sixel: no second picture" 1 "$(count "$RAW" "$SIXEL")"
tm_send p
wait_until 5 test "$(count "$RAW" "$SIXEL")" -ge 2 || true
check_eq "sixel: the photo key again, drawn again" 2 "$(count "$RAW" "$SIXEL")"
tm_send Escape
check_screen "sixel: Esc, the detail is back" "^ Deadline "
tm_send p
wait_until 5 test "$(count "$RAW" "$SIXEL")" -ge 3 || true
tm_resize 90 36
check_screen "sixel: a resize takes the picture away, the detail is back" "^ Deadline "
tm_resize 100 40
tm_kill

# The sixels are made on a thread (photo_encode.c), not on the loop: a
# noisy 640x480 photo over a 400x120 window takes seconds to encode; the
# screen says so meanwhile, and Esc brings the detail back at once (the
# string made meanwhile is not written then).
R2=$(report_as "$HL" --category MT --text "Ảnh nhiễu" --address "2 Lê Lợi") &&
	sql "update wardesk.cases set media_urls = array['$U/noise.png'] where ref = '$R2'" >/dev/null ||
	not_ok "setup: a case with a large photo"
printf 'set photo-graphics sixel\n' >"$CONF"
RAW=$WD_TMP/raw.noise
TM_W=400 TM_H=120 tm_start --raw "$RAW" env PGUSER="$HL" $WD_WRAP "$WD_BIN"
tm_wait_for "live" >/dev/null
open "$R2"
tm_wait_for "^ Photo +640×480" >/dev/null
tm_send p
check_screen "a slow sixel: the screen says it is being prepared" "Photo: preparing sixel graphics…"
tm_send Escape
check_screen "... Esc meanwhile: the detail is back" "^ Deadline "
check_screen "... (its photo line)" "^ Photo +640×480 pixels"
sleep 2
check_eq "... the string made meanwhile is not written" 0 "$(count "$RAW" '\eP[0-9;]*q')"
tm_kill

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	console sixel LANG=vi_VN.UTF-8
	tm_send p
	check_screen "vi: the caption in Vietnamese" "^ đồ họa sixel; nhấn phím bất kỳ để quay lại · $U/ok.png"
	wait_until 5 test "$(count "$RAW" "$SIXEL")" -ge 1 || true
	check_eq "vi: the sixel written" 1 "$(count "$RAW" "$SIXEL")"
	tm_kill
else
	skip "vi: the caption in Vietnamese" "vi_VN.UTF-8 not installed"
fi

console kitty
tm_send p
check_screen "kitty: the caption" "^ kitty graphics; any key returns · "
wait_until 5 test "$(count "$RAW" "$KITTY")" -ge 1 || true
n=$(count "$RAW" "$KITTY")
if [ "$n" -ge 1 ]; then ok "kitty: the image sent ($n APC G chunks)"; else
	not_ok "kitty: the image sent (APC G)" "none in $(wc -c <"$RAW") bytes"; fi
check_eq "kitty: no sixel" 0 "$(count "$RAW" "$SIXEL")"
tm_send x
check_screen "kitty: the next key, the detail is back" "^ Deadline "
check_eq "kitty: the image deleted" 1 "$(count "$RAW" '\e_Ga=d\e\\')"
tm_kill

for m in symbols none; do
	console $m
	tm_send p
	check_screen "$m: symbols full screen" "^ $U/ok.png"
	tm_kill
	check_eq "$m: no sixel, no kitty image written" "0 0" \
		"$(count "$RAW" '\eP[0-9;]*q') $(count "$RAW" '\e_G')"
done

# auto inside tmux, TERM_PROGRAM left from a terminal that draws sixels
# (WezTerm): tmux would drop them, so symbols
console none TERM_PROGRAM=WezTerm
tm_send p
check_screen "auto in tmux under WezTerm: symbols full screen" "^ $U/ok.png"
check_match "... block symbols drawn" "▀|▄|█|▌|▐" "$TM_SCREEN"
tm_kill
check_eq "... no sixel written" 0 "$(count "$RAW" '\eP[0-9;]*q')"

console sixel NO_COLOR=1
tm_send p
check_screen "NO_COLOR, sixel set: the reason, no picture" "Photo not drawn: NO_COLOR is set"
tm_kill
check_eq "NO_COLOR: no sixel written" 0 "$(count "$RAW" '\eP[0-9;]*q')"

printf 'set photo-graphics sixel\n' >"$CONF"
RAW=$WD_TMP/raw.mono
TM_W=100 TM_H=40 tm_start --raw "$RAW" env PGUSER="$HL" $WD_WRAP "$WD_BIN" --theme monochrome
tm_wait_for "live" >/dev/null
open "$R"
tm_send p
check_screen "monochrome, sixel set: the reason, no picture" "Photo not drawn: the theme has no colours"
tm_kill
check_eq "monochrome: no sixel written" 0 "$(count "$RAW" '\eP[0-9;]*q')"

printf 'set photo-graphics sixels\n' >"$CONF"
check_exit "a bad value: --check-config fails" 2 wd --config "$CONF" --check-config
check_match "... the values named" 'config:1: photo-graphics: "sixels" is not auto, sixel, kitty or symbols' "$ERR"
printf 'set photo-graphics KITTY\n' >"$CONF"
check_exit "any case of a good value passes" 0 wd --config "$CONF" --check-config
rm -f "$CONF"
