#!/bin/bash
# status_messages.sh - a status message longer than the status line's two
# lines ends in "…" there, and `:messages` lists it whole (with the
# earlier ones, newest first, after the configuration's errors): a newcomer's trial found long messages cut
# with no way to read the rest.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24
export LANG=C.UTF-8

AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
wd_as "$AN" shift start >/dev/null
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set no-such-setting 1\n' >"$XDG_CONFIG_HOME/wardesk/config"
ok "setup: an officer on shift, a config with a bad line"

LONG="BT-$(printf '1%.0s' $(seq 1 250))987654"
tm_wardesk "$AN"
check_screen "live" "$AN .* live"
tm_send :
tm_type "open $LONG"
tm_send Enter
check_screen "a long message: on the status line" "111111"
two=$(printf '%s\n' "$TM_SCREEN" | sed -n '23,24p')
check_match "... cut with …" "…" "$two"
check_nomatch "... its end not shown there" "987654" "$two"
tm_send :
tm_type "messages"
tm_send Enter
check_screen ":messages lists the past messages" "^Messages of the status line, newest first"
check_screen "... the long one whole, to its end" "987654"
check_screen "... after the configuration's errors (as :messages listed them before)" \
	"^Configuration errors"
check_match "... the bad line, with its file and line" "config:1: unknown setting" "$TM_SCREEN"
tm_send Escape
check_screen "Esc: the queue again" "REF +LEFT"
tm_kill
