#!/bin/bash
# fuzz_corpus.sh - every fuzz target (tests/fuzz/fuzz_*.c) replays its
# committed corpus (tests/fuzz/corpus/NAME: seeds and the inputs of fixed
# findings) under ASan/UBSan, with the target's invariants.  No fuzzing here:
# `make fuzz` / `make fuzz-ci` do that.  Skipped when clang cannot build
# -fsanitize=fuzzer (libclang-rt-*-dev).
. "$(dirname "$0")/../lib.sh"

command -v clang >/dev/null 2>&1 || skip_all "clang is not installed"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$WD_TMP/probe.c"
clang -fsanitize=fuzzer -o "$WD_TMP/probe" "$WD_TMP/probe.c" >/dev/null 2>&1 ||
	skip_all "clang -fsanitize=fuzzer does not link here (install libclang-rt-14-dev)"

check "build the fuzz targets" make -s -C "$WD_ROOT" fuzz-build
for f in "$WD_ROOT"/tests/fuzz/fuzz_*.c; do
	t=${f##*/fuzz_}
	t=${t%.c}
	run sh "$WD_ROOT/tests/fuzz/run.sh" --replay "$t"
	if [ "$RC" -eq 0 ]; then
		ok "fuzz_$t replays tests/fuzz/corpus/$t cleanly"
	else
		not_ok "fuzz_$t replays tests/fuzz/corpus/$t cleanly" "$OUT" \
			"$(grep -v '^INFO' "$WD_ROOT/build/fuzz-logs/$t.replay.log" | tail -n 30)"
	fi
done
