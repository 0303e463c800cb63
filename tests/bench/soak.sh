#!/bin/bash
# Fault soak (tests/topotests/soak/soak_flaps.py): session and link flaps,
# daemon restarts, inbound limit, instance re-creation; memory trend.
#   SOAK_FLAPS=500 SOAK_LINK_FLAPS=100 tests/bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
FRR_SOURCE=$(tools/prepare-frr-source)
export FRR_TOPOTESTS_DIR=$FRR_SOURCE/tests/topotests ER_BUILD_DIR=$PWD
cd tests/topotests
python3 -m pytest -s -p no:cacheprovider -o log_cli=false soak/soak_flaps.py 2>&1 |
	grep -oE 'soak: .*|^E  .*|[0-9]+ (passed|failed) in.*'
