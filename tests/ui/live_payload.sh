#!/bin/bash
# live_payload.sh - a case notification carries the queue row (issue 14,
# item 1): the console draws a new case from the payload alone, without a
# query (shown with the officers' SELECT on case_list revoked: no refetch
# could read it); the payload is bounded (a long description is cut, the
# NOTIFY still goes out); a payload is only a hint: a login of the same
# ward that NOTIFYs a forged payload (other text, a version of 999, control
# and bidi characters, a case that does not exist) is drawn sanitised, then
# the console's confirmation shows the truth again, and a later real update
# still lands.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Thị Bình" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"

R1=$(report_as "$HL" --category MT --text "Rác thải bốc mùi trong hẻm" \
	--address "12/3 Nguyễn Xí" --channel walkin --phone 0909123456 --name "Võ Văn Tâm")
RAW=$WD_TMP/raw.out
tm_start --raw "$RAW" env PGUSER="$AN" $WD_WRAP "$WD_BIN"
check_screen "the console opens live with the case already there" "^ +$R1 +[0-9]:[0-9]{2} desk +MT "

# --- drawn from the payload, no query --------------------------------------
# Nobody of the staff may read case_list now: a console that refetched the
# case by id would be refused and could not show it.
sql "revoke select on wardesk.case_list from wardesk_staff" >/dev/null
R2=$(report_as "$HL" --category ATGT --text "Tai nạn giao thông, cần hỗ trợ" \
	--address "Điện Biên Phủ" --channel hotline --phone 0909765432 --name "Lê Văn Tư")
check_eq "setup: the report went in while case_list was closed" 1 \
	"$(sql "select count(*) from wardesk.cases where ref = '$R2'")"
check_screen "a new case is drawn from its notification alone (no query could read it)" \
	"^NEW $R2 +[0-9]:[0-9]{2} phone ATGT +Điện Biên Phủ" 5
sql "grant select on wardesk.case_list to wardesk_staff" >/dev/null

# --- the payload: what it carries, and its bound ----------------------------
PAYLOAD=$(psql_as postgres <<SQL
select wardesk.case_payload(c, 'report', 30) from wardesk.cases c where ref = '$R2'
SQL
)
check_eq "the payload carries the queue row (ref, state, owner, flags, address, phone, name)" \
	"$R2|new||0909765432|Lê Văn Tư|Điện Biên Phủ|false" \
	"$(psql_as postgres -v p="$PAYLOAD" <<<"select concat_ws('|', j#>>'{row,ref}', j#>>'{row,st}',
		coalesce(j#>>'{row,own}', ''), j#>>'{row,ph}', j#>>'{row,nm}', j#>>'{row,addr}',
		j#>>'{row,urg}') from (select :'p'::jsonb j) x")"
WHOLE=$(psql_as postgres <<SQL
select (wardesk.case_payload(c, 'update', 30)::jsonb#>>'{row,desc}') = c.description
  from wardesk.cases c where ref = '$R2'
SQL
)
check_eq "a short description is carried whole" "t" "$WHOLE"
# A description of 3,900 characters of 3 bytes (11,700 bytes): cut at a
# character, the whole payload under PostgreSQL's 8000 bytes.
CUT=$(psql_as postgres <<SQL
select octet_length(p) < 8000, char_length(p::jsonb#>>'{row,desc}') < 3900,
       (p::jsonb#>>'{row,desc}') = left(c.description || repeat('ệ', 3900), char_length(p::jsonb#>>'{row,desc}'))
  from wardesk.cases c,
       lateral (select wardesk.case_payload(
                  jsonb_populate_record(c, jsonb_build_object('description', c.description || repeat('ệ', 3900))),
                  'update', 30) p) x
 where c.ref = '$R2'
SQL
)
check_eq "a long description is cut at a character, the payload under 8000 bytes" "t|t|t" "$CUT"

# --- a forged payload from a login of the same ward -------------------------
# binh knows the ward's channel (my_channels) and sends R1 with another
# address, urgent, held by nobody, at version 999, with an escape sequence
# and a right-to-left override in the text.
forge() {   # forge REF VERSION ADDRESS [ID]
	psql_as "$BINH" -v ref="$1" -v ver="$2" -v addr="$3" -v fid="${4:-0}" <<'SQL'
select pg_notify(m.channel, jsonb_build_object(
	'id', case when :'fid'::bigint > 0 then :'fid'::bigint else c.id end,
	'v', :'ver'::int, 'ward', c.ward_id, 'op', 'take',
	'row', jsonb_build_object('ref', case when :'fid'::bigint > 0 then 'FAKE-1' else c.ref end,
		'st', 'new', 'ch', 'app', 'esc', 0, 'cat', c.category, 'own', null,
		'dl', extract(epoch from c.deadline_at)::bigint, 'cl', null, 'wm', 30,
		'wa', false, 'ak', false, 'cb', false, 'ln', null, 'dup', false, 'urg', true,
		'addr', :'addr', 'desc', 'forged', 'ph', null, 'nm', null))::text)
  from wardesk.my_channels() m, wardesk.cases c
 where m.kind = 'case' and c.ref = :'ref'
SQL
}
# (looked for in what the console wrote, not on the screen: the confirmation
# may replace it within half a second, before a screen capture sees it)
drew() { grep -aq -- "$1" "$RAW"; }
forge "$R1" 999 $'FORGED \e[31mRED\u202eXY' >/dev/null
if wait_until 5 drew "FORGED"; then
	ok "a forged payload is drawn (it is only a hint)"
	check_nomatch "... sanitised: no escape sequence from the payload reaches the terminal" \
		$'\e\\[31mRED' "$(cat "$RAW")"
	check_nomatch "... sanitised: no bidi override reaches the terminal" $'\u202e' "$(cat "$RAW")"
else
	not_ok "a forged payload is drawn (it is only a hint)" "screen:" "$(tm_capture)"
fi
check_screen "the confirmation shows the truth again (address, channel)" \
	"^ +$R1 +[0-9]:[0-9]{2} desk +MT +12/3 Nguyễn Xí" 5
check_nomatch "... and the forged text is gone" "FORGED" "$(tm_capture)"

# The forged version 999 does not block a true update that comes before the
# confirmation: binh really takes R1 (version 2) right after forging.
forge "$R1" 999 "FORGED AGAIN" >/dev/null
wd_as "$BINH" take "$R1" </dev/null >/dev/null
check_screen "a real update right after a forged payload is shown after the confirmation" \
	"^ +$R1 .*12/3 Nguyễn Xí.* in progress" 5
check_nomatch "... without the forged text" "FORGED" "$(tm_capture)"
# And later ones land as usual: binh closes R1.
wd_as "$BINH" close "$R1" --note "Đã dọn" </dev/null >/dev/null
check_screen "a later real update still lands (closed)" "$R1 · closed" 5

# A forged payload for a case that does not exist: drawn, then removed.
forge "$R1" 5 "PHANTOM CASE" 987654321 >/dev/null
if wait_until 5 drew "PHANTOM CASE"; then
	ok "a forged case that does not exist is drawn from its payload"
else
	not_ok "a forged case that does not exist is drawn from its payload" "screen:" "$(tm_capture)"
fi
if tm_wait_gone "FAKE-1|PHANTOM" 5; then
	ok "... and removed by the confirmation"
else
	not_ok "... and removed by the confirmation" "screen:" "$TM_SCREEN"
fi
tm_kill
