#!/bin/bash
# ticket_form.sh - the hotline form on a ringing phone (issue 12): Tab on
# the last field does not wrap into the caller's name; Shift-Tab moves back
# even with a half-typed category; the category is found by its name,
# diacritics ignored ("cay" -> CX), or by its search words ("rac" -> MT,
# "ngap" -> HT); the earlier cases of the number are today's only; a number
# given before under another name is flagged; Enter in the description
# starts a new line and F2 saves; a discarded ticket comes back with C-r
# until the next ticket is saved; a form open when the console is killed is
# there on the next start.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"
R0=$(report_as "$HL" --category MT --text "Rác thải" --address "45/2 Nơ Trang Long" \
	--phone "0903456789" --name "Phan Thị Hoa")
# a case of the same number from yesterday (local day, Asia/Ho_Chi_Minh):
# not one of today's, so not listed
R8=$(report_as "$HL" --category HT --text "Ổ gà trước nhà" --address "45/2 Nơ Trang Long" \
	--phone "0903456789" --name "Ngô Văn Cũ")
sql "update wardesk.cases
        set received_at = (date_trunc('day', wardesk.now() at time zone 'Asia/Ho_Chi_Minh')
                           at time zone 'Asia/Ho_Chi_Minh') - interval '1 minute'
      where ref = '$R8'" >/dev/null
DD=$XDG_STATE_HOME/wardesk/drafts/$(psql_as "$HL" -c "select wardesk.desk_identity()")/$HL

tm_wardesk "$HL"
check_screen "live" " live$"
tm_send n
check_screen "the form opens" "^ > Caller name"
check_screen "the footer shows the save and restore keys" "F2 save +C-r restore"
tm_type "Lê Văn Bảy"
tm_send Tab
tm_type "0903 456 789"
check_screen "the number typed lists the caller's earlier cases of today" \
	"Earlier cases from 0903 456 789 today \(1\)"
check_screen "... and warns that it was given under another name" \
	"This number was given as \"Phan Thị Hoa\" on $R0"
check_nomatch "... yesterday's case is not among them" "$R8|Ngô Văn Cũ" "$TM_SCREEN"
tm_send Tab Tab Tab
check_screen "(category)" "^ > Category"
tm_type "rac"
check_screen "a search word matches: \"rac\" (rác)" "Categories matching \"rac\" \(1;"
check_screen "... MT Environment (the English name under English)" "MT +Environment · [0-9]+ min"
tm_send C-u
tm_type "ngap"
check_screen "\"ngap\" (ngập) matches one" "Categories matching \"ngap\" \(1;"
check_screen "... HT Infrastructure" "HT +Infrastructure"
tm_send C-u
tm_type "cay"
check_screen "the matches show as the name is typed" "Categories matching \"cay\" \(1;"
check_screen "... Trees (Cây xanh) among them" "CX +Trees"
tm_send BTab
check_screen "Shift-Tab moves back even with a half-typed category" "^ > Address"
tm_send Tab
check_screen "(category again, text kept)" "^ > Category +cay"
tm_send Tab
check_screen "\"cay\" picks CX Trees" "^   Category +CX +Trees"
check_screen "... and moves on" "^ > Description"
tm_type "Cây đổ"
tm_send Enter
tm_type "chắn ngang đường"
check_screen "Enter in the description starts a new line" "^ > Description +Cây đổ ¶ chắn ngang đường"
tm_send C-w
check_screen "... readline keys work there (C-w)" "^ > Description +Cây đổ ¶ chắn ngang *$"
tm_send C-u
tm_type "Cây đổ"
tm_send Enter
tm_type "chắn ngang đường"
tm_send Tab
check_screen "(last field)" "^ > Call back"
tm_send Tab
check_screen "Tab on the last field stays there" "last field: Enter saves the ticket"
check_screen "... the focus stays on the last field" "^ > Call back"
check_screen "... the name was not touched" "^   Caller name +Lê Văn Bảy$"

# ---- killed with the form open: the form is back on the next start
kill -KILL "$(tm_pid)"
wait_until 10 tm_dead && ok "console killed with SIGKILL, the form open" || not_ok "killed"
tm_kill
mode=$(stat -c %a "$DD/ticket.form.draft" 2>/dev/null)
check_eq "the open form is a 0600 draft" 600 "$mode"
tm_wardesk "$HL"
check_screen "restarted" " live$"
tm_send n
check_screen "the form typed when the console died is back" "the ticket being typed at [0-9:]+ is back"
check_screen "... the name" "^ > Caller name +Lê Văn Bảy"
check_screen "... the description" "^   Description +Cây đổ ¶ chắn ngang đường"

# ---- discard, then bring it back
tm_send Escape
check_screen "Esc asks" "Discard this ticket\? \[y/n\]"
tm_send y
check_screen "discarded, the key to bring it back named" "ticket discarded \(C-r in a new ticket brings it back\)"
tm_send n
check_screen "a new, empty form" "^ > Caller name *$"
tm_send C-r
check_screen "C-r brings the discarded ticket back" "the ticket discarded at [0-9:]+ is back"
check_screen "... with its fields" "^ > Caller name +Lê Văn Bảy"
check_screen "... all of them" "^   Category +CX +Trees"
tm_send F2
check_screen "F2 saves from any field" "^${WD_WARD}-[0-9]+ saved"
check_eq "saved with the description's lines" "Cây đổ
chắn ngang đường|CX|Lê Văn Bảy" \
	"$(sql "select description || '|' || category || '|' || reporter_name from wardesk.cases
	        where reporter_name = 'Lê Văn Bảy'")"
tm_send n
tm_wait_for "^ > Caller name" >/dev/null
tm_send C-r
check_screen "once a ticket is saved, nothing discarded comes back" "no discarded ticket to bring back"
[ ! -e "$DD/ticket.form.draft" ] && [ ! -e "$DD/ticket.discarded.draft" ] &&
	ok "... both ticket drafts are gone" || not_ok "ticket drafts gone" "$(ls -la "$DD")"
