#!/bin/bash
# check_config.sh - `wardesk --check-config` reports each bad config line as
# file:line and exits 2, and no control character from the file (or from a
# bad command-line option) reaches the terminal raw (issue 13 item 8).
. "$(dirname "$0")/../lib.sh"

raw_ctl() { LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$1"; }

cfg=$WD_TMP/wardesk.conf
printf 'set notify on\n' >"$cfg"
check_exit "a good config passes" 0 wd --config "$cfg" --check-config

printf '\033]0;pwned\007frob x\nset \033[31mred on\ncolor \033]2;t\007 red blue\nset notify on\n' >"$cfg"
check_exit "a config with three bad lines: exit 2" 2 wd --config "$cfg" --check-config
check_match "... line 1 reported with file:line" "wardesk.conf:1: unknown command" "$ERR"
check_match "... line 2" "wardesk.conf:2: unknown setting" "$ERR"
check_match "... line 3" "wardesk.conf:3: unknown colour element" "$ERR"
check_eq "... no raw control character in what it printed" 0 "$(raw_ctl "$OUT$ERR")"
check_match "... the escape is shown, visibly" '\^\[\]0;pwned' "$ERR"

check_exit "an unknown option carrying an escape: exit 2" 2 wd "--x$(printf '\033]0;t\007')"
check_eq "... echoed without raw control characters" 0 "$(raw_ctl "$ERR")"
check_exit "--max-iterations with an escape: exit 2" 2 wd --max-iterations "$(printf '1\033[2J')"
check_eq "... echoed without raw control characters" 0 "$(raw_ctl "$ERR")"
