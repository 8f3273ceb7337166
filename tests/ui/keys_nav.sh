#!/bin/bash
# keys_nav.sh - the keys people know from tig, mutt and less (issue 11,
# part 6): j/k, g/G, C-d/C-u in the lists, ] and [ for the next/previous
# case matching the filter (n stays the new ticket), all listed on the help
# screen and rebindable with `bind`.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CH=$(mk_officer ch "Lê Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
for i in $(seq 1 30); do
	case $i in
	5 | 20) addr="$i Bạch Đằng" ;;
	*) addr="$i Lê Lợi" ;;
	esac
	report_as "$HL" --category MT --text "Rác thải số $i" --address "$addr" >/dev/null
done
ok "setup: 30 cases, two of them on Bạch Đằng"

tm_wardesk "$AN"
check_screen "the queue is up" " 1/30 ?\$"
tm_type "jj"
check_screen "j moves down" " 3/30 ?\$"
tm_type "k"
check_screen "k moves up" " 2/30 ?\$"
tm_type "G"
check_screen "G goes to the last case" " 30/30 ?\$"
tm_type "g"
check_screen "g goes to the first case" " 1/30 ?\$"
# 24 lines: 21 for the body, half of it is 10
tm_send C-d
check_screen "C-d moves half a page down" " 11/30 ?\$"
tm_send C-u
check_screen "C-u moves half a page up" " 1/30 ?\$"

tm_type "]"
check_screen "] without a filter says what to do" "no filter to match: type / first"
tm_type "/"
tm_type "bach dang"
tm_send Enter
check_screen "the filter shows the two cases" "^ +[A-Z]+-[0-9]+ .*20 Bạch Đằng"
tm_send Escape
check_screen "Esc clears the filter" "filter cleared"
tm_type "g"
check_screen "back on the first case" " 1/30 ?\$"
tm_type "]"
check_screen "] goes to the first match among all cases" " 5/30 ?\$"
tm_type "]"
check_screen "] goes to the next match" " 20/30 ?\$"
tm_type "]"
check_screen "] wraps round to the first match again, and says so" "search wrapped to the top"
check_screen "... on line 5" " 5/30 ?\$"
tm_type "["
check_screen "[ goes to the previous match, round the top" " 20/30 ?\$"
tm_type "n"
check_screen "n is still the new ticket, not a match key" "ticket|Ticket|TICKET|role"
tm_kill

# the help screen lists them; j scrolls it
tm_wardesk "$AN"
check_screen "the queue is up again" " 1/30 ?\$"
tm_type "?"
check_screen "help lists Down and j for move-down" "Down, j +move-down"
check_screen "help lists C-d for half-page-down" "C-d +half-page-down"
tm_send NPage
check_screen "help lists ] and [ for match-next and match-prev (second page)" \
	"\] +match-next.*"
tm_type "jjj"   # (the call-back key C made the generic keys a line longer)
check_screen "... and, j scrolling on, [ for match-prev" "\[ +match-prev"
tm_type "G"
check_screen "G scrolls the help to its end" "any action above by name"
tm_type "g"
check_screen "g scrolls the help back to the top" "Keys: generic"
tm_send Escape
tm_kill

# the picker takes them too (the chair assigns)
tm_wardesk "$CH"
check_screen "the chair's queue is up" " 1/30 ?\$"
tm_type "a"
check_screen "the picker is open" "Assign .* to:"
tm_type "G"
check_screen "G goes to the last officer" "^ > $(login ch)|^ > $(login an)"
last=$(printf '%s\n' "$TM_SCREEN" | grep '^ > ' | awk '{print $2}')
tm_type "k"
if tm_wait_gone "^ > $last "; then ok "k moves up in the picker, onto another officer"; else
	not_ok "k moves up in the picker, onto another officer" "$TM_SCREEN"; fi
tm_send Escape
tm_kill

# rebindable: j unbound, C-n bound to match-next
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'bind generic j none\nbind queue C-n match-next\n' >"$XDG_CONFIG_HOME/wardesk/config"
tm_wardesk "$AN"
check_screen "the queue is up with the config" " 1/30 ?\$"
tm_type "j"
check_screen "j unbound by the config does nothing" "j: no action here"
tm_type "/"
tm_type "bach dang"
tm_send Enter
tm_send Escape
check_screen "the filter is cleared" "filter cleared"
tm_send Home
check_screen "Home still goes to the first case" " 1/30 ?\$"
tm_send C-n
check_screen "C-n bound to match-next goes to the match" " 5/30 ?\$"
tm_kill
rm -f "$XDG_CONFIG_HOME/wardesk/config"
