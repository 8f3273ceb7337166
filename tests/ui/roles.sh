#!/bin/bash
# roles.sh - the console hides what a role cannot do and refuses it in plain
# words before asking the database: a hotline operator's footer has no
# take / assign, t and a are refused with an explanation and change nothing;
# :reassign is refused to an officer; the chair's footer has them.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
CHU=$(mk_officer chu "Phạm Văn Chủ" chair) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R=$(report_as "$HL" --category MT --text "Rác thải" --address "Nguyễn Xí" --channel hotline)

tm_wardesk "$HL"
check_screen "hotline console is live" "$HL .*\(hotline\) .* live"
check_screen "the case is listed" "^ +$R "
# a start-up line wider than the screen takes the footer's line until a key;
# the footer always keeps "? help": read it only once it is there
tm_send Escape
check_screen "the hotline footer is drawn" "(^| )\? help"
FOOT=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_match "... on line 23" "(^| )\? help" "$FOOT"
check_nomatch "the footer hides take" "(^| )t take" "$FOOT"
check_nomatch "the footer hides assign" "(^| )a assign" "$FOOT"
check_nomatch "the footer hides close" "(^| )c close" "$FOOT"
tm_send t
check_screen "t is refused with a plain explanation" \
	"take: only duty officers and the ward chair can take cases \(you are hotline\)"
tm_send a
check_screen "a is refused with a plain explanation" \
	"assign: only the ward chair can assign cases \(you are hotline\)"
check_nomatch "... no picker opened" "Assign $R to:" "$TM_SCREEN"
tm_send :
tm_type "take $R"
tm_send Enter
check_screen ":take is refused too" "take: only duty officers and the ward chair can take cases"
check_eq "nothing changed in the database" "new" "$(case_field "$R" state)"
check_eq "... no owner" "" "$(case_field "$R" owner)"
tm_send '?'
check_screen "help marks what the role cannot do" "not for your role"
tm_send q
tm_kill

tm_wardesk "$AN"
check_screen "officer console is live" "$AN .*\(officer\) .* live"
tm_send Escape
check_screen "the officer's footer is drawn" "(^| )\? help"
FOOT=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_match "the officer's footer shows take" "(^| )t take" "$FOOT"
check_nomatch "... but not assign" "(^| )a assign" "$FOOT"
tm_send :
tm_type "reassign $AN $CHU"
tm_send Enter
check_screen ":reassign is refused to an officer" "only the ward chair can reassign \(you are officer\)"
tm_send B
check_screen "the board opens for an officer (read only)" "Board · "
FOOT=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
check_nomatch "... without reassign keys" "reassign" "$FOOT"
tm_send R
check_screen "R is refused on the board" "reassign all: only the ward chair can reassign"
tm_kill

tm_wardesk "$CHU"
check_screen "chair console is live" "$CHU .*\(chair\) .* live"
# a start-up line wider than the screen takes the footer's line until a key
tm_send Escape
check_screen "the chair's footer shows assign" "(^| )a assign"
FOOT=$(printf '%s\n' "$TM_SCREEN" | sed -n 23p)
