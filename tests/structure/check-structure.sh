#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make check: no import cycle among the objects of the module, nor among
# those of the NETCONF server (check-cycles.py), and the check itself
# still catches a reintroduced one: the owner calling health back, as it
# once did.
set -eu
check="/usr/bin/python3 ${srcdir:-.}/tests/structure/check-cycles.py"

$check plugin/.libs/bgpd_expressroute_la-*.o
# ER_NETCONF=no: configure left the NETCONF server out (a libnetconf2 after 4)
if [ "${ER_NETCONF:-yes}" = yes ]; then
	$check plugin/netconf/.libs/expressroute_netconf_impl_la-*.o
else
	echo "the NETCONF server is not built here: no objects of it to check"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/er_circuit.c" <<'C'
void er_session_stats_free(void) {}
int er_peering_evaluate(void);
int er_circuit_evaluate(void) { return er_peering_evaluate(); }
C
cat >"$tmp/er_health.c" <<'C'
void er_session_stats_free(void);
int er_peering_evaluate(void) { er_session_stats_free(); return 0; }
C
${CC:-cc} -c "$tmp/er_circuit.c" -o "$tmp/er_circuit.o"
${CC:-cc} -c "$tmp/er_health.c" -o "$tmp/er_health.o"
if $check "$tmp/er_circuit.o" "$tmp/er_health.o" >"$tmp/out"; then
	cat "$tmp/out"
	echo "FAIL: check-cycles.py did not see the er_circuit <-> er_health cycle"
	exit 1
fi
grep -q "CYCLE: er_circuit <-> er_health" "$tmp/out"
echo "a reintroduced cycle is caught: $(grep CYCLE "$tmp/out")"
