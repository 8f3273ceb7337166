#!/bin/bash
# ls_limit.sh - `ls --limit N`: the first N rows of `ls`, the same rows in
# the same order (urgent first, then by deadline, then by id), whatever mix
# of urgent, normal, resolved, held and other wards' cases there is.  For an
# officer the store finds them by index in the officer's ward (page_sql in
# src/store_cases.c, the console's first page); for anyone else by sorting
# (list_sql).  Both must agree with the full list.
. "$(dirname "$0")/../lib.sh"

AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officer an"; exit 1; }
HL=$(mk_officer hl "Phạm Thị Hà" hotline) || { not_ok "setup: hotline"; exit 1; }
GDO=$(mk_officer gdo "Cán bộ Gia Định" officer GD) || { not_ok "setup: GD officer"; exit 1; }
ok "setup: an officer and a hotline operator in BT, an officer in GD"

# 16 BT cases: every third urgent (5), deadlines interleaved so that the urgent
# ones are not the earliest; four held by an, three of them resolved today;
# four GD cases with the earliest deadlines of all (never in BT's lists).
refs=()
for i in $(seq 1 16); do
	extra=()
	[ $((i % 3)) = 0 ] && extra=(--urgent)
	r=$(report_as "$HL" --category MT --text "Phản ánh $i" --address "$i Lê Lợi" "${extra[@]}") ||
		not_ok "report $i"
	refs+=("$r")
	# deadlines: 7, 14, ... minutes ahead, in a shuffled order (i * 7 mod 17)
	sql "update wardesk.cases set deadline_at = wardesk.now() + make_interval(mins => ($i * 7) % 17 * 7 + 1)
	      where ref = '$r'" >/dev/null || not_ok "deadline of $r"
done
for i in 2 5 11 14; do
	wd_as "$AN" take "${refs[$i]}" >/dev/null 2>&1 || not_ok "an takes ${refs[$i]}"
done
for i in 2 5 11; do
	wd_as "$AN" close "${refs[$i]}" --note "Đã xử lý" --reason done >/dev/null 2>&1 ||
		not_ok "an closes ${refs[$i]}"
done
for i in 1 2 3 4; do
	r=$(report_as "$GDO" --category MT --text "Gia Định $i" --address "$i Phan Đăng Lưu") || not_ok "GD report $i"
	sql "update wardesk.cases set deadline_at = wardesk.now() + interval '30 s' where ref = '$r'" >/dev/null
done
check_eq "setup: 16 BT cases, 5 urgent, 3 resolved; 4 GD cases" "16|5|3|4" \
	"$(sql "select count(*) filter (where w.code = 'BT') || '|' || count(*) filter (where w.code = 'BT' and priority = 'urgent')
	          || '|' || count(*) filter (where w.code = 'BT' and state = 'resolved')
	          || '|' || count(*) filter (where w.code = 'GD')
	          from wardesk.cases c join wardesk.wards w on w.id = c.ward_id")"

# ls (tsv) as WHO with ARGS: the references, one line
refs_of() { local who=$1; shift; wd_as "$who" ls --format tsv "$@" | tail -n +2 | cut -f1 | tr '\n' ' '; }

for states in open all; do
	full=$(refs_of "$AN" --state "$states")
	check_eq "an: ls --state $states starts with an urgent case" urgent "$(case_field "${full%% *}" priority)"
	for k in 1 2 5 9 13 16 40; do
		want=$(printf '%s' "$full" | tr ' ' '\n' | head -n "$k" | tr '\n' ' ')
		check_eq "an: ls --state $states --limit $k is the first $k of ls" "$want" \
			"$(refs_of "$AN" --state "$states" --limit "$k")"
	done
done
full=$(refs_of "$AN" --state all --mine)
check_eq "an: ls --mine --state all: the 4 held (3 resolved)" 4 "$(printf '%s' "$full" | wc -w)"
check_eq "an: ls --mine --state all --limit 3 is the first 3" \
	"$(printf '%s' "$full" | tr ' ' '\n' | head -n 3 | tr '\n' ' ')" \
	"$(refs_of "$AN" --state all --mine --limit 3)"
check_nomatch "an: no GD case in ls --limit 40" "Phan Đăng Lưu" "$(wd_as "$AN" ls --state all --limit 40 --format tsv)"

# the superuser (no ward of its own): every ward, sorted
full=$(refs_of postgres --state all)
check_eq "postgres: ls --state all lists all 20 cases" 20 "$(printf '%s' "$full" | wc -w)"
check_eq "postgres: ls --state all --limit 6 is the first 6 (GD's earliest among them)" \
	"$(printf '%s' "$full" | tr ' ' '\n' | head -n 6 | tr '\n' ' ')" \
	"$(refs_of postgres --state all --limit 6)"

check_exit "ls --limit 0 is bad usage" 2 wd_as "$AN" ls --limit 0
check_match "... saying why" "limit" "$ERR"
