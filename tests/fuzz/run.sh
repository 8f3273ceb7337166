#!/bin/sh
# tests/fuzz/run.sh - run wardesk's libFuzzer targets one after another.
#
#   sh tests/fuzz/run.sh [--time S | --runs N | --replay] [TARGET...]
#
#   --time S    fuzz each target S seconds (default 20: `make fuzz-ci`)
#   --runs N    fuzz each target for N runs (the campaign: --runs 10000000);
#               FUZZ_MAX_TIME=S stops a slow target after S seconds instead
#   --replay    only run the committed corpus once (no fuzzing; `make check`)
#
# TARGET is a name of tests/fuzz/fuzz_NAME.c (default: all of them); the
# binaries are build/fuzz_NAME (make fuzz-build; FUZZ_BIN_DIR=DIR: DIR/fuzz_NAME).  Each
# target fuzzes with tests/fuzz/NAME.dict when there is one, starting from
# tests/fuzz/corpus/NAME and keeping what it finds in build/fuzz-corpus/NAME;
# a crash, leak, UBSan report or timeout is saved to
# build/fuzz-artifacts/NAME-* and fails the run.  Logs: build/fuzz-logs/NAME.log
# (NAME.replay.log for --replay).
# Prints one line per target (runs, exec/s, corpus size) and exits 1 when any
# target failed.
set -u
cd "$(dirname "$0")/../.." || exit 2

mode=time
arg=20
case ${1:-} in
--time) mode=time; arg=$2; shift 2 ;;
--runs) mode=runs; arg=$2; shift 2 ;;
--replay) mode=replay; shift ;;
-h | --help) sed -n '3,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
-*) echo "tests/fuzz/run.sh: unknown option $1" >&2; exit 2 ;;
esac
if [ $# -eq 0 ]; then
	for f in tests/fuzz/fuzz_*.c; do
		n=${f##*/fuzz_}
		set -- "$@" "${n%.c}"
	done
fi

# The sanitizers report, and stop, on the first finding.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}abort_on_error=0:detect_leaks=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1"
mkdir -p build/fuzz-logs build/fuzz-artifacts
status=0
for t in "$@"; do
	bin=${FUZZ_BIN_DIR:-build}/fuzz_$t
	log=build/fuzz-logs/$t.log
	[ "$mode" != replay ] || log=build/fuzz-logs/$t.replay.log
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz_$t: $bin is not built (make fuzz-build)"
		status=1
		continue
	fi
	seeds=tests/fuzz/corpus/$t
	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict=-dict=tests/fuzz/$t.dict
	opts=   # tests/fuzz/NAME.options: more libFuzzer flags (e.g. -max_len)
	[ -f "tests/fuzz/$t.options" ] && opts=$(grep -v '^#' "tests/fuzz/$t.options")
	start=$(date +%s)
	if [ "$mode" = replay ]; then
		"$bin" -runs=0 $dict "$seeds" >"$log" 2>&1
	else
		mkdir -p "build/fuzz-corpus/$t"
		if [ "$mode" = runs ]; then
			limit="-runs=$arg -max_total_time=${FUZZ_MAX_TIME:-0}"
		else
			limit=-max_total_time=$arg
		fi
		"$bin" $limit $dict $opts -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="build/fuzz-artifacts/$t-" \
			"build/fuzz-corpus/$t" "$seeds" >"$log" 2>&1
	fi
	rc=$?
	secs=$(($(date +%s) - start))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	corpus=$(ls "build/fuzz-corpus/$t" 2>/dev/null | wc -l)
	if [ "$mode" = replay ]; then
		what="replayed $(ls "$seeds" | wc -l) corpus files"
	else
		what="${runs:-?} runs in ${secs}s, ${eps:-?} exec/s, corpus $corpus (+$(ls "$seeds" | wc -l) seeds)"
	fi
	if [ "$rc" -eq 0 ]; then
		echo "ok   fuzz_$t: $what"
	else
		echo "FAIL fuzz_$t: exit status $rc, $what; log $log"
		grep -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error|Test unit written' "$log" | head -n 5 | sed 's/^/     | /'
		status=1
	fi
done
exit $status
