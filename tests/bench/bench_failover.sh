#!/bin/bash
# Failover benchmark (see tests/topotests/bench/bench_failover.py): the
# module's BFD defaults, then neighbors typed by hand on the hold timer.
#   BENCH_RUNS=5 BENCH_HOLD_TIMERS="3 9" tests/bench/bench_failover.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
FRR_SOURCE=$(tools/prepare-frr-source)
export FRR_TOPOTESTS_DIR=$FRR_SOURCE/tests/topotests ER_BUILD_DIR=$PWD
cd tests/topotests
for mode in bfd hold; do
	BENCH_MODE=$mode python3 -m pytest -s -q -p no:cacheprovider \
		-o log_cli=false bench/bench_failover.py 2>&1 |
		grep -E '^(run |module defaults|by hand)|[0-9]+ (passed|failed) in'
done
