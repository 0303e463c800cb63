#!/usr/bin/python3
"""
Metrics benchmark: the cost of writing the Prometheus file
(`expressroute metrics textfile`) for N circuits, in one run, on this
machine.

A bgpd with the module and N circuits (private peering, 2N sessions, the
MSEE addresses black-holed as in bench_scale.py) writes the file into a
scratch directory; each write is forced by changing the interval, and
bgpd's own measure of it (`show expressroute metrics json`,
lastWriteUsec: snapshot of every circuit's health, formatting, temporary
file and rename) is taken.  Baseline, in the same bgpd and run: `show
expressroute json`, which evaluates the same circuits for the operator
(timed from vtysh).  Printed: the median write, its ratio to the
baseline and to the shortest interval (5 s), and the file's size; then
the formatter alone (tests/prometheus/prom_sample --bench) against
copying the same bytes.
Target (issue 17): a write takes well under the interval (ratio to 5 s
far below 1).

usage: bench_metrics.py [--circuits 1000] [--rounds 7]
Needs root and a build (ER_BUILD_DIR).  About a minute at the defaults.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_scale import BGPD, BUILD, Bgpd, circuits_config  # noqa: E402


def metrics(bgpd):
    return json.loads(bgpd.vtysh("-c", "show expressroute metrics json"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--circuits", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    n = args.circuits

    version = subprocess.run([BGPD, "--version"], capture_output=True,
                             text=True).stdout.split("\n")[0]
    print("machine: %s, %d cores, %s; %s" % (
        platform.node(), os.cpu_count(), platform.platform(), version))

    scratch = tempfile.mkdtemp(prefix="er-bench-metrics-")
    os.chmod(scratch, 0o755)
    textfile = os.path.join(scratch, "textfile")
    os.mkdir(textfile)
    shutil.chown(textfile, "frr", "frr")
    bgpd = Bgpd(True)
    try:
        path = os.path.join(bgpd.dir, "frr.conf")
        with open(path, "w") as f:
            f.write(circuits_config(n))
        bgpd.vtysh("-f", path)
        while bgpd.neighbors() < 2 * n:
            time.sleep(0.2)
        writes, shows = [], []
        for i in range(args.rounds):
            before = metrics(bgpd).get("writes", 0)
            # a changed interval writes at once
            bgpd.vtysh("-c", "configure", "-c", "expressroute metrics textfile %s interval %d"
                       % (textfile, 5 + i % 2))
            deadline = time.monotonic() + 30
            while metrics(bgpd).get("writes", 0) <= before and time.monotonic() < deadline:
                time.sleep(0.05)
            m = metrics(bgpd)
            if m.get("writes", 0) <= before:
                sys.exit("no write: %s" % m)
            writes.append(m["lastWriteUsec"] / 1e6)
            start = time.monotonic()
            bgpd.vtysh("-c", "show expressroute json")
            shows.append(time.monotonic() - start)
        write, show = statistics.median(writes), statistics.median(shows)
        size = os.path.getsize(os.path.join(textfile, "frr_expressroute.prom"))
        print("circuits %d (%d sessions): file %d bytes" % (n, 2 * n, size))
        print("write (bgpd's measure, median of %d): %.1f ms" % (args.rounds, write * 1e3))
        print("baseline, show expressroute json (median): %.1f ms; ratio %.2f"
              % (show * 1e3, write / show))
        print("against the shortest interval (5 s): ratio %.4f" % (write / 5.0))
    finally:
        bgpd.stop()
        shutil.rmtree(scratch, ignore_errors=True)

    sample = os.path.join(BUILD, "tests", "prometheus", "prom_sample")
    if os.path.exists(sample):
        scratch = tempfile.mkdtemp(prefix="er-bench-prom-")
        try:
            print("formatter alone: " + subprocess.run(
                [sample, "--bench", str(n), scratch], capture_output=True,
                text=True, check=True).stdout.replace("\n", "; ").rstrip("; "))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
