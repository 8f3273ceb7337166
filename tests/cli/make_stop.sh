#!/bin/bash
# make_stop.sh - `make stop` says what it did (a newcomer's trial: it printed
# nothing): that it stopped the cluster of `make run`, that the cluster was
# not running, or that there is none; and it does stop it.
. "$(dirname "$0")/../lib.sh"
command -v make >/dev/null || skip_all "make is not installed"
D=$WD_TMP/pg
stop() { make -s --no-print-directory -C "$WD_ROOT" stop WARDESK_PGDIR="$D" 2>&1; }

OUT=$(stop)
check_match "no cluster: make stop says there is none" "^stop: no PostgreSQL cluster in $D .*nothing to stop$" "$OUT"

sh "$WD_ROOT/tools/cluster.sh" init "$D" >/dev/null 2>&1
at_exit sh "$WD_ROOT/tools/cluster.sh" destroy "$D"
check_exit "setup: a running cluster" 0 sh "$WD_ROOT/tools/cluster.sh" status "$D"
OUT=$(stop)
check_match "running: make stop says it stopped it" "^stop: stopped the PostgreSQL cluster in $D" "$OUT"
check_exit "... and it is stopped" 3 sh "$WD_ROOT/tools/cluster.sh" status "$D"
OUT=$(stop)
check_match "stopped: make stop says it was not running" "^stop: the PostgreSQL cluster in $D was not running: nothing to stop$" "$OUT"
