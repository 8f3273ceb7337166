#!/bin/bash
# startup_line.sh - the start-up line never hides the footer: what waits and
# why desktop notifications do not work (no D-Bus here) are wider than 80
# columns together; they stay on the status line, what waits first, cut
# between words with "…", and the footer keeps its hints (English and
# Vietnamese).  A message from a key press still takes both lines.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24

AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
wd_as "$AN" shift start >/dev/null
ok "setup: an officer on shift (no shift offer on the start-up line)"

tm_wardesk "$AN"
check_screen "the start-up line: what waits first" "^nothing waits for you — desktop notifications"
status=$(printf '%s\n' "$TM_SCREEN" | sed -n 24p | sed 's/ *$//')
check_match "... on the status line, cut between words" "[a-z;:] …$" "$status"
foot=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_match "... the footer keeps its hints, no key pressed" "^Enter open .*\? help" "$foot"
check_nomatch "... none of the start-up line on the footer's line" "notifications|bell|waits" "$foot"
tm_kill

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	vi_env=(LANG=vi_VN.UTF-8)
else
	vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
fi
tm_start env PGUSER="$AN" "${vi_env[@]}" $WD_WRAP "$WD_BIN"
check_screen "vi: the start-up line" "^không có việc gì đang chờ bạn — "
foot=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_match "vi: ... the footer keeps its hints" "^Enter mở .*\? trợ giúp" "$foot"
tm_kill
