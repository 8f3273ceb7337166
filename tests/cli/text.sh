#!/bin/bash
# text.sh - text is valid UTF-8 in NFC: invalid UTF-8 is refused (exit 2,
# nothing stored), NFD input is stored as NFC, blank text, bad phones and
# unknown categories are bad input.
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"
ncases() { sql "select count(*) from wardesk.cases"; }

# --- invalid UTF-8
n=$(ncases)
check_exit "invalid UTF-8 in --text is refused (exit 2)" 2 \
	wd_as "$HL" report --category MT --text $'Rác \xff\xfe ở chợ'
check_match "... with a wardesk: message" '^wardesk: ' "$ERR"
check_eq "... and nothing is printed on stdout" "" "$OUT"
check_exit "truncated UTF-8 sequence in --text is refused (exit 2)" 2 \
	wd_as "$HL" report --category MT --text $'Nguy\xe1\xbb'
check_exit "overlong UTF-8 (C0 AF) in --text is refused (exit 2)" 2 \
	wd_as "$HL" report --category MT --text $'a\xc0\xafb'
check_exit "invalid UTF-8 in --address is refused (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "Rác" --address $'L\xea L\xe1i'
check_exit "invalid UTF-8 in --name is refused (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "Rác" --name $'\x80'
check_eq "no case was stored" "$n" "$(ncases)"

# --- NFD in, NFC stored.  "Nguyễn Đình Chiểu" with ễ = e + U+0302 + U+0303 and
# ể = e + U+0302 + U+0309 (NFD) versus the precomposed U+1EC5 / U+1EC3 (NFC).
NFD=$'Nha\xcc\x80 o\xcc\x82ng Nguye\xcc\x82\xcc\x83n, \xc4\x90i\xcc\x80nh Chie\xcc\x82\xcc\x89u'
NFC=$'Nh\xc3\xa0 \xc3\xb4ng Nguy\xe1\xbb\x85n, \xc4\x90\xc3\xacnh Chi\xe1\xbb\x83u'
check "setup: the NFD and NFC spellings differ in bytes" test "$NFD" != "$NFC"
REF=$(wd_as "$HL" report --category MT --text "$NFD" --address "$NFD" --name "$NFD" </dev/null)
check_match "report of NFD text succeeds" '^BT-[0-9]+$' "$REF"
isnfc=$(psql_as postgres -v ref="$REF" <<<"select description = normalize(description, NFC)
	and address = normalize(address, NFC) and reporter_name = normalize(reporter_name, NFC)
	from wardesk.cases where ref = :'ref'")
check_eq "description, address and name are stored in NFC" t "$isnfc"
same=$(psql_as postgres -v ref="$REF" -v nfc="$NFC" <<<"select description = :'nfc' and address = :'nfc'
	and reporter_name = :'nfc' from wardesk.cases where ref = :'ref'")
check_eq "... byte for byte the NFC spelling" t "$same"
bytes=$(case_field "$REF" "octet_length(description)")
check_eq "... with the NFC length in bytes" "$(printf '%s' "$NFC" | wc -c | tr -d ' ')" "$bytes"
run wd_as "$HL" show "$REF" --format json
check_eq "show --format json returns the NFC text" "$NFC" "$(json_get "$OUT" 'j["description"]')"

# Vietnamese text round-trips through ls
run wd_as "$HL" ls --format json
got=$(json_get "$OUT" "[c['description'] for c in j if c['ref'] == '$REF'][0]")
check_eq "ls --format json returns the same text" "$NFC" "$got"

# --- other bad input
n=$(ncases)
check_exit "blank --text is bad input (exit 2)" 2 wd_as "$HL" report --category MT --text "   "
check_exit "empty --text is bad input (exit 2)" 2 wd_as "$HL" report --category MT --text ""
check_exit "unknown category is bad input (exit 2)" 2 wd_as "$HL" report --category NOPE --text "Rác"
check_exit "a phone that is not Vietnamese is bad input (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "Rác" --phone 12345
check_match "... with a message about the phone" '^wardesk: .*12345' "$ERR"
check_exit "unknown channel is bad input (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "Rác" --channel pigeon
check_exit "a malformed --received is bad input (exit 2)" 2 \
	wd_as "$HL" report --category MT --text "Rác" --received "hôm qua"
check_eq "no case was stored" "$n" "$(ncases)"

# --- phones are normalised
REF=$(wd_as "$HL" report --category MT --text "Rác" --phone "+84 909 123 456" </dev/null)
check_eq "+84 909 123 456 is stored as 0909123456" 0909123456 "$(case_field "$REF" reporter_phone)"
REF=$(wd_as "$HL" report --category MT --text "Rác" --phone "028.3829.1234" </dev/null)
check_eq "028.3829.1234 is stored as 02838291234" 02838291234 "$(case_field "$REF" reporter_phone)"

# --- invalid UTF-8 in a note is refused too
AN=$(mk_officer an "Nguyễn Văn An" officer)
REF=$(wd_as "$HL" report --category MT --text "Rác" </dev/null)
wd_as "$AN" take "$REF" </dev/null >/dev/null 2>&1
check_exit "invalid UTF-8 in --note is refused (exit 2)" 2 wd_as "$AN" close "$REF" --note $'xong \xff'
check_eq "... and the case stays in progress" in_progress "$(case_field "$REF" state)"

# --- updates: NFC whichever text column an update changes (the update
# trigger checks only the changed columns), whoever writes: the API ...
wd_as "$AN" close "$REF" --note "$NFD" </dev/null >/dev/null 2>&1
check_eq "close with an NFD note stores the resolution note in NFC" "$NFC" "$(case_field "$REF" resolution_note)"
check_eq "... and the close event's note in NFC" "$NFC" "$(psql_as postgres -v ref="$REF" <<<"select e.note
	from wardesk.case_events e join wardesk.cases c on c.id = e.case_id
	where c.ref = :'ref' and e.action = 'close'")"
# ... or an UPDATE by the owner of the tables (psql), a text and a text[] column
psql_as postgres -v ref="$REF" -v nfd="$NFD" <<<"set role wardesk_owner;
	update wardesk.cases set description = :'nfd', flags = array['x', :'nfd'] where ref = :'ref'" >/dev/null
check_eq "a direct UPDATE of the description stores it in NFC" "$NFC" "$(case_field "$REF" description)"
check_eq "... and of a text[] column" "$NFC" "$(case_field "$REF" "flags[2]")"
psql_as postgres -v ref="$REF" -v nfd="$NFD" <<<"set role wardesk_owner;
	update wardesk.cases set address = :'nfd' where ref = :'ref'" >/dev/null
check_eq "an UPDATE of the address alone stores it in NFC" "$NFC" "$(case_field "$REF" address)"
# every text and text[] column of cases is in the update trigger's check
missing=$(sql "select string_agg(a.attname, ' ' order by a.attnum)
	from pg_attribute a
	where a.attrelid = 'wardesk.cases'::regclass and a.attnum > 0 and not a.attisdropped
	  and a.atttypid in ('text'::regtype, 'text[]'::regtype)
	  and coalesce((select pg_get_triggerdef(t.oid) from pg_trigger t
	                  where t.tgrelid = a.attrelid and t.tgname = 't10_nfc_update'), '')
	      not like '%WHEN (new.' || a.attname || ' IS DISTINCT FROM old.' || a.attname || ')%'")
check_eq "every text column of cases is checked on update (t10_nfc_update)" "" "$missing"
