#!/bin/bash
# db_status.sh - `wardesk db status` on a single node (issue 15 item 4): the
# node libpq chose, "primary, no standby", no lag line; readable by an
# officer (wardesk.replication_status() is SECURITY DEFINER), not only by
# postgres.  tests/ha/failover.sh checks it with standbys.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer of "Lê Văn Trực" officer) || { not_ok "setup: officer" "$OF"; exit 1; }

check_exit "db status as postgres (exit 0)" 0 wd_as postgres db status
check_match "... names the node" "^node: .+ port [0-9]+$" "$OUT"
check_match "... primary, no standby" "^primary, no standby$" "$OUT"
check_nomatch "... no lag without standbys" "lag" "$OUT"
check_exit "db status as an officer (exit 0)" 0 wd_as "$OF" db status
check_match "... primary, no standby" "^primary, no standby$" "$OUT"

# The last sweep of the ward (wardesk.sweep_health()): never, then the one
# that ran, with its login and steps; a superuser sees every ward.
check_match "no sweep yet: said" "^last sweep \(BT\): never$" "$OUT"
check_exit "the officer sweeps once" 0 wd_as "$OF" watch --once
check_exit "db status as the officer" 0 wd_as "$OF" db status
check_match "... the last sweep, by whom, how many steps" \
	"^last sweep \(BT\): [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+07:00 by $OF, 0 steps$" "$OUT"
mk_ward GV "Phường Gia Định" || not_ok "setup: ward GV"
check_exit "db status as postgres" 0 wd_as postgres db status
check_match "... every ward: BT swept" "^last sweep \(BT\): .* by $OF, 0 steps$" "$OUT"
check_match "... GV never" "^last sweep \(GV\): never$" "$OUT"
