#!/bin/bash
# hostile.sh - text from citizens with escape sequences (CSI, OSC 52
# clipboard, OSC title, DCS), C1 controls and bidi overrides is shown
# harmlessly: checked in the raw bytes the console writes to the terminal.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

DESC=$(printf 'Xin chao\033]52;c;SGVsbG8=\007 \033]0;PWNED\007 \033[6n \033P+q544e\033\\ \xc2\x9b6n \xe2\x80\xaeevil\xe2\x80\xac \033[2J end')
ADDR=$(printf 'Hem\033[31m 7 \xc2\x9d8;;http://x\xc2\x9c \xe2\x81\xa6iso\xe2\x81\xa9 \x07bell')
R=$(report_as "$HL" --category KHAC --text "$DESC" --address "$ADDR" --name "$(printf 'Ke\033[5m xau')" --channel walkin)
check_match "the hostile case is stored" '^BT-[0-9]+$' "$R"

RAW=$WD_TMP/raw
# The console's own bell (an alert for the new case, no notification server)
# is not what this checks: no alerts on the terminal, only the escapes.
mkdir -p "$XDG_CONFIG_HOME/wardesk"
echo "set notify-events none" >"$XDG_CONFIG_HOME/wardesk/config"
tm_start --raw "$RAW" env PGUSER="$AN" "$WD_BIN"
check_screen "the queue shows the case" "^ +$R "
check_screen "the address shows the escape as visible caret notation" "Hem\^\[\[31m 7"
tm_send Enter
check_screen "detail shows the description with the escapes made visible" "Xin chao\^\[\]52;c;SGVsbG8="
check_screen "... and the bidi override as a code" "<U\+202E>evil"
tm_send q
tm_wait_for "REF +LEFT" >/dev/null
tm_send q
wait_until 5 tm_dead

bad() { LC_ALL=C grep -c -a -F -e "$1" "$RAW"; }
for pat in $'\033]52' $'\033]0;PWNED' $'\033[6n' $'\033P' $'\xc2\x9b' $'\xc2\x9d' $'\xc2\x9c' \
	$'\xe2\x80\xae' $'\xe2\x81\xa6' $'\033[5m' $'\033[2J end' $'\a'; do
	name=$(printf '%q' "$pat")
	n=$(bad "$pat")
	if [ "$n" = 0 ]; then ok "raw output has no $name"; else not_ok "raw output has no $name" "found $n times"; fi
done
if LC_ALL=C grep -a -q 'SGVsbG8=' "$RAW"; then ok "the payload was drawn (as text)"; else not_ok "the payload was drawn"; fi
# Everything written is valid UTF-8
if iconv -f UTF-8 -t UTF-8 "$RAW" >/dev/null 2>&1; then ok "the raw output is valid UTF-8"; else not_ok "the raw output is valid UTF-8"; fi
