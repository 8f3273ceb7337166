#!/bin/bash
# channel_words.sh - one word for a channel in every text for people: the
# queue's words (phone, desk, app, feed; words.c) in `wardesk ls`, `show`,
# `stats` and the console's statistics screen, translated once (ĐT, quầy
# ...); json/tsv/csv keep the database's spelling (hotline, walkin).
. "$(dirname "$0")/../lib.sh"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
CHU=$(mk_officer chu "Trần Thị Hồng" chair) || { not_ok "setup: officers"; exit 1; }
R1=$(report_as "$HL" --category MT --channel hotline --text "Rác qua điện thoại")
R2=$(report_as "$HL" --category MT --channel walkin --text "Rác tại quầy")
check_match "setup: two cases" "^[A-Z]+-[0-9]+$" "$R2"

check_exit "ls" 0 wd_as "$CHU" ls
check_match "ls: a phone case says phone" "^$R1 .* phone +MT " "$OUT"
check_match "ls: a walk-in case says desk" "^$R2 .* desk +MT " "$OUT"
check_nomatch "ls: not the database's spelling" "(hotline|walkin) +MT" "$OUT"
check_exit "show" 0 wd_as "$CHU" show "$R2"
check_match "show: Channel: desk" "^Channel: +desk$" "$OUT"
check_exit "stats" 0 wd_as "$CHU" stats
by=$(printf '%s\n' "$OUT" | sed -n '/^By channel/,/^$/p')
check_match "stats: by channel says phone" "^hotline +phone " "$by"
check_match "stats: ... and desk" "^walkin +desk " "$by"
check_exit "show --format json" 0 wd_as "$CHU" show "$R2" --format json
check_match "json keeps the database's spelling" '"channel": ?"walkin"' "$OUT"
check_exit "ls --format tsv" 0 wd_as "$CHU" ls --format tsv
check_match "tsv too" "^$R1	[a-z_]+	hotline	" "$OUT"
check_exit "stats --format csv" 0 wd_as "$CHU" stats --format csv
check_match "csv too" "^channel,walkin," "$OUT"

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	run env PGUSER="$CHU" LANG=vi_VN.UTF-8 "$WD_BIN" ls </dev/null
	check_match "vi: ls says ĐT" "^$R1 .* ĐT +MT " "$OUT"
	run env PGUSER="$CHU" LANG=vi_VN.UTF-8 "$WD_BIN" show "$R2" </dev/null
	check_match "vi: show says quầy" "quầy$" "$(printf '%s\n' "$OUT" | grep -m1 "^Kênh")"
	run env PGUSER="$CHU" LANG=vi_VN.UTF-8 "$WD_BIN" stats </dev/null
	check_match "vi: stats by channel says ĐT and quầy" "^walkin +quầy " "$OUT"
else
	skip "vi: the same words in Vietnamese" "vi_VN.UTF-8 not generated"
fi

command -v tmux >/dev/null || { skip "console" "tmux is not installed"; exit 0; }
TM_H=40 tm_wardesk "$CHU"   # the channel table is under the heat strip
check_screen "console: live" "$CHU .* live"
check_screen "console: the queue says phone" "^ +$R1 .* phone "
tm_send S
check_screen "console: statistics by channel say phone" "^ phone +[0-9]+ +[0-9]+ "
check_screen "console: ... and desk" "^ desk +[0-9]+ +[0-9]+ "
tm_kill
