#!/bin/bash
# race.sh - exactly one winner: 20 officers take the same case at the same
# moment; one gets it, nineteen are told who holds it, and the audit has one
# take event.
. "$(dirname "$0")/../lib.sh"

N=20
HL=$(mk_officer hl "Trần Thị Tổng Đài" hotline) || { not_ok "setup: hotline officer" "$HL"; exit 1; }
officers=()
for i in $(seq 1 $N); do
	o=$(mk_officer "o$i" "Cán Bộ Số $i" officer) || { not_ok "setup: officer o$i"; exit 1; }
	officers+=("$o")
done
ok "setup: $N officers"

REF=$(report_as "$HL" --category MT --text "Rác thải ùn ứ trước chợ Bến Thành" --address "Lê Lợi") ||
	{ not_ok "setup: report a case"; exit 1; }
check_match "report prints a reference" '^BT-[0-9]+$' "$REF"
v0=$(case_field "$REF" version)

# All 20 start together: each waits for the go file, then takes.
R=$WD_TMP/race
mkdir -p "$R"
pids=()
for i in $(seq 1 $N); do
	(
		while [ ! -e "$R/go" ]; do sleep 0.005; done
		wd_as "${officers[$((i - 1))]}" take "$REF" </dev/null >"$R/$i.out" 2>"$R/$i.err"
		echo $? >"$R/$i.rc"
	) &
	pids+=($!)
done
touch "$R/go"
for p in "${pids[@]}"; do wait "$p"; done

wins=0 refused=0 other=0 winner='' named=0
for i in $(seq 1 $N); do
	rc=$(cat "$R/$i.rc")
	case $rc in
	0) wins=$((wins + 1)); winner=${officers[$((i - 1))]} ;;
	1) refused=$((refused + 1)) ;;
	*) other=$((other + 1)); diag "o$i exited $rc: $(cat "$R/$i.err")" ;;
	esac
done
check_eq "exactly one take succeeds" 1 "$wins"
check_eq "nineteen takes are refused with exit 1" $((N - 1)) "$refused"
check_eq "no other exit status" 0 "$other"

if [ -n "$winner" ]; then
	bad=
	for i in $(seq 1 $N); do
		[ "$(cat "$R/$i.rc")" = 1 ] || continue
		# "wardesk: BT-3 is already held by t1_o7 (Cán Bộ Số 7)"
		if grep -Eq "^wardesk: .*$REF.* held by $winner \(Cán Bộ Số [0-9]+\)" "$R/$i.err"; then
			named=$((named + 1))
		else
			bad="o$i: $(cat "$R/$i.err")"
		fi
	done
	check_eq "every refusal names the holder" $((N - 1)) "$named" || diag "$bad"
	check_eq "the holder is the winner" "$winner" "$(case_field "$REF" owner)"
else
	not_ok "every refusal names the holder" "no winner"
	not_ok "the holder is the winner" "no winner"
fi

check_eq "case is in progress" in_progress "$(case_field "$REF" state)"
check_eq "version bumped exactly once" $((v0 + 1)) "$(case_field "$REF" version)"
takes=$(psql_as postgres -v ref="$REF" <<<"select count(*) from wardesk.case_events e
	join wardesk.cases c on c.id = e.case_id where c.ref = :'ref' and e.action = 'take'")
check_eq "exactly one take event in the audit" 1 "$takes"
actor=$(psql_as postgres -v ref="$REF" <<<"select e.actor from wardesk.case_events e
	join wardesk.cases c on c.id = e.case_id where c.ref = :'ref' and e.action = 'take'")
check_eq "the take event's actor is the winner" "$winner" "$actor"
