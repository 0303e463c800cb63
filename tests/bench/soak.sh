#!/bin/bash
# Fault soak (tests/topotests/soak/soak_flaps.py): session and link flaps,
# bfdd, zebra and bgpd restarts, inbound limit, instance re-creation;
# bgpd's memory trend.
#   SOAK_FLAPS=500 SOAK_LINK_FLAPS=100 tests/bench/soak.sh [pytest options]
# Runs in a network namespace of its own (the lab's bridges do not meet
# another run's), with its logs in SOAK_RUNDIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
FRR_SOURCE=$(tools/prepare-frr-source)
export FRR_TOPOTESTS_DIR=$FRR_SOURCE/tests/topotests ER_BUILD_DIR=$PWD
export SOAK_RUNDIR=${SOAK_RUNDIR:-/tmp/frr-expressroute-soak}
cd tests/topotests
# FRR's topotest library reaps, when a run starts, the processes of every
# run whose MICRONET_PID is not one of them: make ours one of them (so a
# run started meanwhile leaves this one alone), and make this run a
# "worker", which reaps nothing of others.
unshare --net --mount --fork bash -c '
	ip link set lo up
	export MICRONET_PID=$$ PYTEST_XDIST_WORKER=soak
	exec python3 -m pytest -s -p no:cacheprovider -o log_cli=false \
		--rundir="$SOAK_RUNDIR" "$@" soak/soak_flaps.py' soak "$@" 2>&1 |
	grep --line-buffered -oE 'soak: .*|^E  .*|[0-9]+ (passed|failed).* in .*'
