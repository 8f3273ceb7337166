#!/bin/bash
# drafts_place.sh - drafts belong to one database and ward (a newcomer's
# trial: the home directory held an/BT-16.close.draft from another cluster,
# and :drafts offered to send its note to this database's BT-16).  Drafts,
# the discarded ticket, the open form and the NEW marks are kept under
# drafts/ID.WARD/LOGIN/ (ID: this database's random id, desk_identity()):
# another database's files, with the same ward code, login, ref and case
# version, and files of the older layout (drafts/LOGIN/, keyed by nothing)
# are never offered, sent or restored, and are left where they are.  A
# second database with the same ward code, login and case ref has its own
# id: the first one's draft is not offered there.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
[ -n "${WD_PGDIR:-}" ] || skip_all "WD_PGDIR not set (run through tests/run.sh)"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
R1=$(report_as "$HL" --category MT --text "Rác ùn ứ" --address "Nơ Trang Long" --channel walkin)
wd_as "$AN" take "$R1" >/dev/null
V=$(case_field "$R1" version)

PLACE=$(psql_as "$AN" -c "select wardesk.desk_identity()")
check_match "desk_identity(): a random id of this database and the ward" \
	"^[0-9a-f]{32}\.$WD_WARD\$" "$PLACE"
check_exit "staff cannot change the id" 1 \
	psql_as "$AN" -c "update wardesk.db_identity set id = '0123456789abcdef0123456789abcdef'"
OTHER=0123456789abcdef0123456789abcdef.${PLACE#*.}   # another cluster, same ward
TOP=$XDG_STATE_HOME/wardesk/drafts

draft() {   # draft FILE REF ACTION TEXT
	mkdir -p "$(dirname "$1")" && chmod 700 "$(dirname "$1")"
	printf 'wardesk-draft 1\nref: %s\naction: %s\nextra: done\nversion: %s\nsaved: %s\n\n%s' \
		"$2" "$3" "$V" "$(date +%s)" "$4" >"$1" && chmod 600 "$1"
}
ticket() {   # ticket FILE NAME
	mkdir -p "$(dirname "$1")"
	printf 'wardesk-draft 1\nref: \naction: \nextra: \nversion: 0\nsaved: %s\n\nname=%s\n' \
		"$(date +%s)" "$2" >"$1"
}
# another database's, with this database's ref, ward, login and version
draft "$TOP/$OTHER/$AN/$R1.close.draft" "$R1" close "Đã giải tán"
ticket "$TOP/$OTHER/$AN/ticket.discarded.draft" "Người Khác"
printf 'since 1\n' >"$TOP/$OTHER/$AN/seen.cases.draft"
# the older layout (no database named) and loose files at the top
draft "$TOP/$AN/$R1.close.draft" "$R1" close "Ghi chú cũ"
ticket "$TOP/$AN/ticket.discarded.draft" "Người Cũ"
draft "$TOP/$R1.close.draft" "$R1" close "Ghi chú lạc"
# the prompts' history is kept with the drafts (prompt.c): neither the
# older file nor another database's history is offered
printf 'open SECRET-OLD\n' >"$XDG_STATE_HOME/wardesk/history"
printf 'open SECRET-OTHER\n' >"$TOP/$OTHER/$AN/history"
before=$(cd "$TOP" && find . -type f | sort | xargs md5sum)

cmd() { tm_send :; tm_wait_for "^:" 5 >/dev/null; tm_type "$1"; tm_send Enter; }

tm_wardesk "$AN"
check_screen "live" " live$"
check_nomatch "no draft of another database (nor of the old layout) is announced" \
	"draft.? waiting" "$TM_SCREEN"
tm_send :
tm_wait_for "^:" 5 >/dev/null
tm_send Up
tm_type Z
check_screen "Up in a prompt: no line of the older history file nor of another database's" "^:Z"
tm_send Escape
cmd "drafts"
check_screen ":drafts offers none of them" "no drafts waiting"
check_nomatch "... not another database's note" "Đã giải tán|Ghi chú" "$TM_SCREEN"
cmd "close $R1"
check_screen "close asks for a note" "Resolution note for $R1:"
check_nomatch "... with no draft restored" "Đã giải tán|Ghi chú|restored" "$TM_SCREEN"
tm_send Escape
tm_send n
check_screen "a new ticket form" "^ > Caller name"
tm_send C-r
check_screen "C-r brings back no other database's ticket" "no discarded ticket to bring back"
check_nomatch "... nor the old layout's" "Người Khác|Người Cũ" "$TM_SCREEN"
tm_send Escape
tm_send q
wait_until 5 tm_dead
tm_kill
check_eq "the case is untouched" in_progress "$(case_field "$R1" state)"
after=$(cd "$TOP" && find . -path "./$PLACE" -prune -o -type f -print | sort | xargs md5sum)
check_eq "the other files are left where they are, unchanged" "$before" "$after"
check_match "the lines typed here are kept in this database's directory" "close $R1" \
	"$(cat "$TOP/$PLACE/$AN/history" 2>/dev/null)"
[ -f "$TOP/$PLACE/$AN/seen.cases.draft" ] &&
	ok "this database's NEW marks are kept in its own directory" ||
	not_ok "seen marks in drafts/PLACE/LOGIN" "$(cd "$TOP" && find . -type f)"

# the same file in this database's directory is offered (the files above
# were good drafts: only their place kept them out)
draft "$TOP/$PLACE/$AN/$R1.close.draft" "$R1" close "Đã thu gom"
tm_wardesk "$AN"
check_screen "this database's draft is announced" "1 draft waiting: $R1 close"
cmd "drafts"
check_screen "... and offered" "Send close $R1 \(draft from [0-9:]+, version $V\): \"Đã thu gom\"\? \[y\]es"
tm_send n
tm_kill

# ---- a second database, the same ward code, login, ref and version: it has
# its own id, and the first database's draft is not offered there
OTHERDB=${PGDATABASE}_other
sql "create database \"$OTHERDB\" template template0 encoding 'UTF8'" >/dev/null
at_exit sql "drop database if exists \"$OTHERDB\""
check_exit "a second database: db init" 0 env PGUSER=postgres PGDATABASE="$OTHERDB" "$WD_BIN" db init
PGDATABASE=$OTHERDB mk_officer hl "Trần Thị Lan" hotline >/dev/null &&
PGDATABASE=$OTHERDB mk_officer an "Nguyễn Văn An" officer >/dev/null || not_ok "second database: officers"
O1=$(PGDATABASE=$OTHERDB report_as "$HL" --category MT --text "Việc khác" --address "Nơi khác" --channel walkin)
PGDATABASE=$OTHERDB wd_as "$AN" take "$O1" >/dev/null
check_eq "... a case with the same ref there" "$R1" "$O1"
P2=$(PGDATABASE=$OTHERDB psql_as "$AN" -c "select wardesk.desk_identity()")
check_match "... another id, the same ward" "^[0-9a-f]{32}\.$WD_WARD\$" "$P2"
[ "$P2" != "$PLACE" ] && ok "... the two databases' places differ" || not_ok "places differ" "$P2 = $PLACE"
tm_start env PGUSER="$AN" PGDATABASE="$OTHERDB" $WD_WRAP "$WD_BIN"
check_screen "the console on the second database: live" " live$"
check_nomatch "... no draft of the first database announced" "draft.? waiting" "$TM_SCREEN"
tm_send :
tm_wait_for "^:" 5 >/dev/null
tm_send Up
tm_type Z
check_screen "... Up in a prompt: no line typed against the first database" "^:Z"
tm_send Escape
cmd "drafts"
check_screen "... :drafts offers none" "no drafts waiting"
tm_kill
check_eq "... the second database's case untouched" in_progress \
	"$(PGDATABASE=$OTHERDB psql_as postgres -c "select state from wardesk.cases where ref = '$O1'")"
[ -f "$TOP/$PLACE/$AN/$R1.close.draft" ] && ok "... the first database's draft is still there" ||
	not_ok "first database's draft kept"
