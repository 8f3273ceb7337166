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
