#!/bin/bash
# Leak check of the module: the fault soak, small, with ce1's bgpd under
# valgrind memcheck (--leak-check=full, FRR's suppressions); then every
# "definitely lost" or "indirectly lost" record valgrind wrote is counted,
# and those whose stack passes through the module (bgpd_expressroute.so,
# its er_* and expressroute_* functions, its er_*.c files) are printed. Exit status 1 if there is any.
#   tests/bench/leakcheck.sh      (LEAK_FLAPS, LEAK_LINK_FLAPS: 5 and 2)
set -uo pipefail
cd "$(dirname "$0")/../.."
export SOAK_RUNDIR=${LEAK_RUNDIR:-/tmp/frr-expressroute-leakcheck}
rm -rf "$SOAK_RUNDIR"
SOAK_VALGRIND=1 SOAK_WAIT_SCALE=${LEAK_WAIT_SCALE:-4} \
	SOAK_FLAPS=${LEAK_FLAPS:-5} SOAK_LINK_FLAPS=${LEAK_LINK_FLAPS:-2} \
	tests/bench/soak.sh
soak=$?
tests/bench/valgrind_report.py leakcheck "$SOAK_RUNDIR"/*/ce1.valgrind.bgpd.*
report=$?
echo "leakcheck: soak $([ $soak = 0 ] && echo passed || echo FAILED)"
[ $soak = 0 ] && [ $report = 0 ]
