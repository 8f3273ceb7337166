#!/bin/bash
# intake_fuzz.sh - a short libFuzzer run of the Open311 parser (o311_parse and
# the o311_to_json round trip) under ASan/UBSan; `make fuzz` runs it longer.
# Skipped when clang cannot build -fsanitize=fuzzer here (libclang-rt-*-dev).
. "$(dirname "$0")/../lib.sh"

command -v clang >/dev/null 2>&1 || skip_all "clang is not installed"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$WD_TMP/probe.c"
clang -fsanitize=fuzzer -o "$WD_TMP/probe" "$WD_TMP/probe.c" >/dev/null 2>&1 ||
	skip_all "clang -fsanitize=fuzzer does not link here (install libclang-rt-14-dev)"

check "build the fuzzer" make -s -C "$WD_ROOT" build/fuzz_open311
mkdir -p "$WD_TMP/corpus"
run "$WD_ROOT/build/fuzz_open311" -max_total_time="${WD_FUZZ_TIME:-10}" -timeout=10 -rss_limit_mb=1024 \
	-dict="$WD_ROOT/tests/fuzz/open311.dict" -artifact_prefix="$WD_TMP/" \
	"$WD_TMP/corpus" "$WD_ROOT/tests/fuzz/corpus/open311"
if [ "$RC" -eq 0 ]; then
	ok "fuzz the Open311 parser for ${WD_FUZZ_TIME:-10} s: no crash, leak or round-trip failure"
else
	not_ok "fuzz the Open311 parser" "exit status $RC" "$(printf '%s\n' "$ERR" | grep -v '^#' | tail -n 30)"
	for f in "$WD_TMP"/crash-* "$WD_TMP"/leak-* "$WD_TMP"/timeout-*; do
		[ -f "$f" ] && diag "input $(basename "$f"): $(head -c 300 "$f" | od -c | head -n 8)"
	done
fi
run "$WD_ROOT/build/fuzz_open311" -runs=0 "$WD_ROOT/tests/fuzz/corpus/open311"
check_eq "the seed corpus runs clean" 0 "$RC"
