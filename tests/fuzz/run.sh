#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build and run the libFuzzer targets of tests/fuzz/.
#
#   tests/fuzz/run.sh [SECONDS [TARGET...]]
#
# SECONDS per target (default 10; a long run is 600), TARGET among rules,
# verdict, yang, import (default all four, one after the other). Each target is
# built with clang and ASan/UBSan/libFuzzer into $FUZZ_BUILD (default
# /tmp/frr-expressroute-fuzz, never the source tree) and run on a copy of
# its seed corpus tests/fuzz/corpus/TARGET/, so that the seeds stay as they
# are. Per target it prints the executions, the executions per second, the
# coverage reached and the crash file if any.
#
# Exit status: 0 no crash; 1 a crash, leak, timeout or build failure;
# 77 (automake's SKIP) when clang cannot build a libFuzzer binary at all
# (Debian: apt-get install clang libclang-rt-14-dev).
#
# Environment:
#   CLANG            compiler (default clang)
#   FUZZ_BUILD       build and work directory (default /tmp/frr-expressroute-fuzz)
#   FUZZ_PLUGIN_DIR  directory of er_rules.[ch], er_verdict.[ch] and
#                    import/ (default <top>/plugin; point it at a patched
#                    copy to check a fix without touching the tree)
#   FUZZ_PARALLEL    1: run the targets at the same time
#   FUZZ_FLAGS       extra libFuzzer flags, e.g. "-jobs=4 -workers=4"
#   srcdir           source tree (automake), else this script's ../..

secs=${1:-10}
if [ $# -gt 0 ]; then
	shift
fi
targets=${*:-rules verdict yang import}

case $secs in
'' | *[!0-9]*)
	echo "usage: $0 [SECONDS [rules|verdict|yang|import ...]]" >&2
	exit 1
	;;
esac

top=
if [ -n "${srcdir:-}" ] && [ -f "$srcdir/tests/fuzz/fuzz_rules.c" ]; then
	top=$srcdir
elif [ -n "${srcdir:-}" ] && [ -f "$srcdir/../../tests/fuzz/fuzz_rules.c" ]; then
	top=$srcdir/../..
else
	top=$(dirname "$0")/../..
fi
top=$(cd "$top" && pwd) || exit 1
fuzz=$top/tests/fuzz
plugin=${FUZZ_PLUGIN_DIR:-$top/plugin}
plugin=$(cd "$plugin" && pwd) || exit 1
build=${FUZZ_BUILD:-/tmp/frr-expressroute-fuzz}
CLANG=${CLANG:-clang}

mkdir -p "$build" || exit 1
build=$(cd "$build" && pwd) || exit 1

# Keep the build out of the source tree.
case $build/ in
"$top"/*)
	echo "FAIL: FUZZ_BUILD ($build) must be outside the source tree" >&2
	exit 1
	;;
esac

CFLAGS="-g -O1 -std=gnu11 -Wall -Wextra -fno-omit-frame-pointer \
-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"

# Can this clang build a libFuzzer binary at all?
if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "SKIP: $CLANG not found (Debian: apt-get install clang libclang-rt-14-dev)"
	exit 77
fi
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	'{ (void)d; (void)n; return 0; }' >"$build/probe.c"
# shellcheck disable=SC2086
if ! "$CLANG" $CFLAGS "$build/probe.c" -o "$build/probe" \
	>"$build/probe.log" 2>&1; then
	echo "SKIP: $CLANG cannot link -fsanitize=fuzzer (Debian: apt-get install libclang-rt-14-dev):"
	sed 's/^/    /' "$build/probe.log"
	exit 77
fi

if pkg-config --exists json-c 2>/dev/null; then
	JSONC_CFLAGS=$(pkg-config --cflags json-c)
	JSONC_LIBS=$(pkg-config --libs json-c)
else
	JSONC_CFLAGS=
	JSONC_LIBS=-ljson-c
fi

if pkg-config --exists libyang 2>/dev/null; then
	YANG_CFLAGS=$(pkg-config --cflags libyang)
	YANG_LIBS=$(pkg-config --libs libyang)
else
	YANG_CFLAGS=
	YANG_LIBS=-lyang
fi

# build TARGET: compile tests/fuzz/fuzz_TARGET.c into $build/fuzz_TARGET.
build_target() {
	t=$1
	out=$build/fuzz_$t
	rm -f "$out"
	# shellcheck disable=SC2086
	case $t in
	rules)
		"$CLANG" $CFLAGS -I"$plugin" "$fuzz/fuzz_rules.c" \
			"$plugin/er_rules.c" -o "$out"
		;;
	verdict)
		"$CLANG" $CFLAGS -I"$plugin" "$fuzz/fuzz_verdict.c" \
			"$plugin/er_verdict.c" "$plugin/er_rules.c" -o "$out"
		;;
	yang)
		"$CLANG" $CFLAGS $YANG_CFLAGS "-DER_YANG_DIR=\"$top/yang\"" \
			"$fuzz/fuzz_yang.c" $YANG_LIBS -o "$out"
		;;
	import)
		"$CLANG" $CFLAGS -I"$plugin" -I"$plugin/import" $JSONC_CFLAGS \
			"$fuzz/fuzz_import.c" "$plugin/import/imp_json.c" \
			"$plugin/import/imp_circuit.c" \
			"$plugin/import/imp_azure.c" "$plugin/import/imp_yang.c" \
			"$plugin/import/imp_validate.c" \
			"$plugin/import/imp_emit.c" \
			"$plugin/import/imp_router.c" \
			"$plugin/import/imp_check.c" "$plugin/er_rules.c" \
			$JSONC_LIBS -lm -o "$out"
		;;
	*)
		echo "unknown target $t" >&2
		return 1
		;;
	esac
}

# run TARGET: fuzz a copy of its seeds for $secs seconds; log in $build.
run_target() {
	t=$1
	work=$build/work-$t
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts" || return 1
	cp "$fuzz/corpus/$t/"* "$work/corpus/" || return 1
	# shellcheck disable=SC2086
	ER_YANG_DIR=$top/yang "$build/fuzz_$t" \
		-max_total_time="$secs" -print_final_stats=1 \
		-detect_leaks=1 -timeout=25 -rss_limit_mb=2048 \
		-error_exitcode=1 -timeout_exitcode=1 \
		-artifact_prefix="$work/artifacts/" ${FUZZ_FLAGS:-} \
		"$work/corpus" >"$work/log" 2>&1
	echo $? >"$work/rc"
}

# report TARGET: print its summary; return 1 on a crash.
report_target() {
	t=$1
	work=$build/work-$t
	log=$work/log
	rc=$(cat "$work/rc" 2>/dev/null || echo 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ -z "$runs" ]; then
		runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	fi
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*/[0-9a-zA-Z]*' "$log" |
		tail -n 1)
	crash=$(find "$work/artifacts" -type f | head -n 1)
	if [ "$rc" -eq 0 ] && [ -z "$crash" ]; then
		echo "PASS: fuzz_$t: ${runs:-?} executions in ${secs} s" \
			"(${rate:-?}/s), ${cov:-no coverage line}, crashes: 0"
		return 0
	fi
	echo "FAIL: fuzz_$t: ${runs:-?} executions, crashes: 1," \
		"exit status $rc, crash file: ${crash:-none}"
	grep -E 'invariant violated|^==[0-9]+==|^SUMMARY|runtime error|^    #[0-9]+ ' "$log" |
		grep -vE 'fuzzer::|__sanitizer_|libc_start|libc\.so| in _start ' |
		head -n 25 | sed 's/^/    /'
	if [ -n "$crash" ]; then
		echo "    reproduce: ER_YANG_DIR=$top/yang $build/fuzz_$t $crash"
	fi
	echo "    log: $log"
	return 1
}

failed=0
for t in $targets; do
	if [ ! -d "$fuzz/corpus/$t" ]; then
		echo "FAIL: unknown target $t (rules, verdict, yang, import)"
		failed=1
		continue
	fi
	if ! build_target "$t" >"$build/build-$t.log" 2>&1; then
		echo "FAIL: fuzz_$t does not build:"
		sed 's/^/    /' "$build/build-$t.log"
		failed=1
		continue
	fi
	if [ -s "$build/build-$t.log" ]; then
		echo "WARN: fuzz_$t built with diagnostics:"
		sed 's/^/    /' "$build/build-$t.log"
	fi
	built="${built:-} $t"
done

if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
	pids=
	for t in ${built:-}; do
		run_target "$t" &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p"
	done
	for t in ${built:-}; do
		report_target "$t" || failed=1
	done
else
	for t in ${built:-}; do
		run_target "$t"
		report_target "$t" || failed=1
	done
fi

if [ "$failed" -ne 0 ]; then
	echo "fuzzing failed (build directory: $build)"
	exit 1
fi
echo "fuzzing passed: $targets, ${secs} s each"
exit 0
