#!/bin/sh
# shellcheck shell=bash
# tests/run.sh - run wardesk's tests and end with one line "N passed, N failed".
#
#   sh tests/run.sh              unit tests, then every tests/cli/*.sh and tests/ui/*.sh
#   sh tests/run.sh --unit       unit tests only (no database)
#   sh tests/run.sh FILE...      only these scripts (and no unit tests)
#
# Unit tests are the binaries build/tests/test_* (make builds them).  Scripts
# run against a throwaway PostgreSQL cluster made here (tools/cluster.sh) in a
# short mktemp directory under /tmp, removed at the end: a template database
# wardesk_tpl gets `wardesk db init` (as postgres) once, then each script runs
# in its own copy (PGDATABASE=t_<dir>_<name>), with a unique role prefix
# (WD_TEST_PREFIX) since roles are cluster-wide.  Every line "ok ..." /
# "not ok ..." counts; a script that exits non-zero without a "not ok", dies
# before its plan, or prints no test at all counts as one failure.
# Environment: WD_TIMEOUT (seconds per script, default 300), WD_KEEP=1 keeps the
# cluster and logs, WD_VERBOSE=1 shows every TAP line, WD_BIN (the binary under
# test, default ./wardesk), WD_UNIT_DIR (unit test binaries, default
# build/tests; `make check-asan` points both at build/asan/).  Reports of
# AddressSanitizer, LeakSanitizer and UBSan from any sanitized program go to
# the logs, and each one fails the test it happened in.  Logs of the last run:
# build/test-logs.XXXXXX/ (build/test-logs links to the latest).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT" || exit 2

mode=all
scripts=()
for a in "$@"; do
	case $a in
	--unit) mode=unit ;;
	-h | --help) sed -n '3,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
	-*) echo "tests/run.sh: unknown option $a" >&2; exit 2 ;;
	*) mode=some; scripts+=("$a") ;;
	esac
done

# ------------------------------------------------------------ pinned environment
export LANG=C.UTF-8 TZ=Asia/Ho_Chi_Minh TERM=xterm-256color
unset LANGUAGE LC_ALL LC_CTYPE LC_COLLATE LC_MESSAGES LC_NUMERIC LC_TIME LC_MONETARY
# Never the developer's database, services or desktop.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE PGPASSWORD \
	PGPASSFILE PGOPTIONS PGSSLMODE PGAPPNAME PGTZ PGCLIENTENCODING PGDATESTYLE
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY TMUX TMUX_PANE NO_COLOR WARDESK_CONFIG
export PGCONNECT_TIMEOUT=10
TIMEOUT=${WD_TIMEOUT:-300}
WD_BIN=${WD_BIN:-$ROOT/wardesk}
UNIT_DIR=${WD_UNIT_DIR:-build/tests}
export WD_BIN

# One log directory per run (concurrent runs don't clobber each other);
# build/test-logs points at the latest.
mkdir -p "$ROOT/build"
find "$ROOT/build" -maxdepth 1 -name 'test-logs.*' -type d -mmin +120 -exec rm -rf {} + 2>/dev/null
LOGS=$(mktemp -d "$ROOT/build/test-logs.XXXXXX")
[ -L "$ROOT/build/test-logs" ] || rm -rf "$ROOT/build/test-logs"
ln -sfn "${LOGS##*/}" "$ROOT/build/test-logs"

# Sanitizer reports are written to files (log_path), wherever the program ran
# (a tmux pane, the background, a test that expects exit status 1), and
# san_reports turns them into a failed test.  LSan suppressions: tests/lsan.supp.
SAN=$LOGS/sanitizer
mkdir -p "$SAN"
export ASAN_OPTIONS="log_path=$SAN/report:detect_leaks=1:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
[ -f "$ROOT/tests/lsan.supp" ] &&
	export LSAN_OPTIONS="suppressions=$ROOT/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="log_path=$SAN/report:halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

# san_reports NAME OUTFILE ERRFILE: when sanitizer reports appeared since the
# last call, add a failing TAP line for them to OUTFILE and the reports to
# ERRFILE (kept as NAME.sanitizer.PID in the logs).
san_reports() {
	local name=$1 out=$2 err=$3 f n=0 first=
	for f in "$SAN"/report.*; do
		[ -f "$f" ] || continue
		# a file with warnings only ("invalid path to external symbolizer"
		# on a machine without llvm-symbolizer) is not a finding
		if ! grep -qE '^SUMMARY|ERROR|runtime error' "$f"; then
			cat "$f" >>"$err"
			rm -f "$f"
			continue
		fi
		n=$((n + 1))
		[ -n "$first" ] || first=$(grep -m 1 -E '^SUMMARY|runtime error' "$f")
		{ echo "--- sanitizer report ${f##*/}"; cat "$f"; } >>"$err"
		mv "$f" "$LOGS/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9_\n' '_').sanitizer.${f##*.}"
	done
	[ "$n" -gt 0 ] || return 0
	{
		echo "not ok - $n sanitizer report(s): ${first:-see the log}"
		grep -E '^(SUMMARY|==[0-9]+==ERROR|.*runtime error|    #[0-9] )' "$err" | head -n 20 | sed 's/^/# /'
	} >>"$out"
}

passed=0
failed=0
skipped=0
ran=0            # TAP lines seen
failures=()      # "script: line"

# count_tap NAME OUTFILE STATUS: add OUTFILE's TAP lines to the totals.
count_tap() {
	local name=$1 out=$2 rc=$3 p=0 f=0 s=0 plan='' bad=0 line
	while IFS= read -r line; do
		case $line in
		"not ok"*"# TODO"* | "not ok"*"# todo"*) p=$((p + 1)) ;;
		"not ok"*) f=$((f + 1)); failures+=("$name: $line") ;;
		"ok "*"# SKIP"* | "ok "*"# skip"*) p=$((p + 1)); s=$((s + 1)) ;;
		"ok "* | "ok") p=$((p + 1)) ;;
		1..*) plan=${line#1..}; plan=${plan%% *} ;;
		esac
		[ "${WD_VERBOSE:-0}" = 1 ] && printf '  %s\n' "$line"
	done <"$out"
	local n=$((p + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
			failures+=("$name: timed out after ${TIMEOUT}s")
		else
			failures+=("$name: exited with status $rc without reporting a failure")
		fi
		bad=1
	elif [ -n "$plan" ] && [ "$plan" != "$n" ] && [ "$f" -eq 0 ]; then
		failures+=("$name: planned $plan tests, ran $n")
		bad=1
	elif [ "$n" -eq 0 ] && [ "$plan" != 0 ]; then
		failures+=("$name: no tests ran")
		bad=1
	fi
	f=$((f + bad))
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	ran=$((ran + n + bad))
	if [ "$f" -gt 0 ]; then
		printf 'FAIL %-34s %d passed, %d failed\n' "$name" "$p" "$f"
	else
		printf 'ok   %-34s %d passed%s\n' "$name" "$p" "$([ $s -gt 0 ] && echo ", $s skipped")"
	fi
}

# show_tail FILE: the end of a failing script's stderr.
show_tail() {
	[ -s "$1" ] || return 0
	tail -n 15 "$1" | sed 's/^/     | /'
}

# ------------------------------------------------------------ unit tests
if [ "$mode" != some ]; then
	for t in "$UNIT_DIR"/test_*; do
		[ -x "$t" ] || continue
		name=unit/${t##*/}
		out=$LOGS/${t##*/}.out err=$LOGS/${t##*/}.err
		timeout -k 10 "$TIMEOUT" "$t" </dev/null >"$out" 2>"$err"
		rc=$?
		san_reports "$name" "$out" "$err"
		before=$failed
		count_tap "$name" "$out" "$rc"
		[ "$failed" -eq "$before" ] || show_tail "$err"
	done
fi

# ------------------------------------------------------------ integration tests
if [ "$mode" = all ]; then
	for d in tests/cli tests/ui; do
		for s in "$d"/*.sh; do [ -f "$s" ] && scripts+=("$s"); done
	done
fi

TMP=
cleanup() {
	[ -n "$TMP" ] || return 0
	if [ -d "$TMP/tmux" ]; then
		for sock in "$TMP"/tmux/*/*; do
			[ -S "$sock" ] && tmux -S "$sock" kill-server >/dev/null 2>&1
		done
	fi
	if [ "${WD_KEEP:-0}" = 1 ]; then
		echo "kept: cluster $TMP/pg (eval \"\$(sh tools/cluster.sh env $TMP/pg)\"), logs $LOGS"
	else
		sh tools/cluster.sh destroy "$TMP/pg" >/dev/null 2>&1
		rm -rf "$TMP"
	fi
	TMP=
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ${#scripts[@]} -gt 0 ]; then
	TMP=$(mktemp -d /tmp/wdt.XXXXXX)
	chmod 755 "$TMP"
	mkdir -p "$TMP/tmux" "$TMP/s"
	chmod 1777 "$TMP/s"
	export TMUX_TMPDIR=$TMP/tmux TMPDIR=$TMP/s
	setup_ok=0
	why=
	if ! WARDESK_PG_FAST=1 sh tools/cluster.sh init "$TMP/pg" >"$LOGS/cluster.log" 2>&1; then
		why="could not start the test cluster (see $LOGS/cluster.log)"
		cat "$LOGS/cluster.log" >&2
	else
		eval "$(sh tools/cluster.sh env "$TMP/pg")"
		export PGUSER=postgres WD_PGDIR=$TMP/pg
		if ! createdb -T template0 -E UTF8 wardesk_tpl >"$LOGS/db-init.log" 2>&1; then
			why="createdb wardesk_tpl failed (see $LOGS/db-init.log)"
		elif [ ! -x "$WD_BIN" ]; then
			why="$WD_BIN is not built"
		elif ! PGDATABASE=wardesk_tpl timeout -k 10 "$TIMEOUT" "$WD_BIN" db init \
			</dev/null >>"$LOGS/db-init.log" 2>&1; then
			why="'wardesk db init' failed (see $LOGS/db-init.log)"
			sed 's/^/     | /' "$LOGS/db-init.log" | tail -n 20
		else
			setup_ok=1
		fi
		san_reports "setup (wardesk db init)" "$LOGS/setup.out" "$LOGS/db-init.log"
		[ ! -s "$LOGS/setup.out" ] || count_tap "setup (wardesk db init)" "$LOGS/setup.out" 0
	fi

	i=0
	mkdb() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$1\" TEMPLATE wardesk_tpl"; }
	for s in "${scripts[@]}"; do
		i=$((i + 1))
		rel=${s#./}
		base=${rel#tests/}
		base=${base%.sh}
		safe=$(printf '%s' "$base" | tr -c 'a-zA-Z0-9_\n' '_')
		out=$LOGS/$safe.out err=$LOGS/$safe.err
		if [ "$setup_ok" != 1 ]; then
			echo "not ok 1 - $rel: not run: $why" >"$out"
			count_tap "$rel" "$out" 1
			continue
		fi
		db=t_$safe
		# three tries: CREATE DATABASE fails while another session is on
		# the template, e.g. a backend of its last user still exiting (a
		# first test's database was refused so once, beside a CI run; the
		# message was not kept)
		if ! { mkdb "$db" || { sleep 1 && mkdb "$db"; } || { sleep 2 && mkdb "$db"; }; } >"$err" 2>&1; then
			echo "not ok 1 - $rel: could not create database $db" >"$out"
			count_tap "$rel" "$out" 1
			show_tail "$err"
			continue
		fi
		PGDATABASE=$db WD_TEST_PREFIX=t${i}_ WD_TEST_NAME=$base WD_ROOT=$ROOT \
			timeout -k 10 "$TIMEOUT" bash "$s" </dev/null >"$out" 2>"$err"
		rc=$?
		san_reports "$rel" "$out" "$err"
		before=$failed
		count_tap "$rel" "$out" "$rc"
		if [ "$failed" -ne "$before" ]; then
			# the diagnostics under each failing test, then the end of stderr
			awk '/^not ok/ { show = 1; print "     " $0; next }
			     /^#/ && show { print "     " $0; next }
			     { show = 0 }' "$out" | head -n 60
			show_tail "$err"
		fi
		# A script that stopped the cluster must not break the next one.
		sh tools/cluster.sh start "$TMP/pg" >/dev/null 2>&1 || true
	done
fi

cleanup

if [ ${#failures[@]} -gt 0 ]; then
	echo
	echo "Failures:"
	for f in "${failures[@]}"; do echo "  $f"; done
fi
[ "$skipped" -eq 0 ] || echo "($skipped skipped)"
if [ "$ran" -eq 0 ]; then
	echo "no tests ran" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$ran" -gt 0 ]
