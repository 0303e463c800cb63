#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make check: the module's exposition passes `promtool check metrics`
# (Prometheus' naming lint: nothing reported), the shipped alerting rules
# load, and their unit tests pass (promtool test rules).  promtool is in
# Debian's prometheus package; without it the test is skipped.
set -eu
srcdir=${srcdir:-.}
if ! command -v promtool >/dev/null 2>&1; then
	echo "promtool not installed (Debian: prometheus): skipped"
	exit 77
fi
out=$(tests/prometheus/prom_sample 4 | promtool check metrics 2>&1) || {
	echo "promtool check metrics failed: $out"
	exit 1
}
if [ -n "$out" ]; then
	echo "promtool check metrics reports: $out"
	exit 1
fi
echo "promtool check metrics: clean"
promtool check rules "$srcdir/examples/prometheus/frr-expressroute-rules.yml"
promtool test rules "$srcdir/tests/prometheus/rules_test.yml"
