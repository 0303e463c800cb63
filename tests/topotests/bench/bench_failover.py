#!/usr/bin/env python3
"""
Failover benchmark: from the cut of the primary MSEE link (beyond the
bridge, the CE's interface stays up) to the CE noticing, with the module's
defaults (BFD 300 ms x 3) and with neighbors typed by hand that rely on the
BGP hold timer.  Median and spread over BENCH_RUNS runs (default 5).

Run by tests/bench/bench_failover.sh, not by the test suite.  The hold-timer
case uses BENCH_HOLD_TIMERS (default "3 9", Microsoft's most aggressive;
"60 180" are FRR's and the MSEE's defaults and take three minutes a run).
"""

import json
import os
import statistics
import time

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import cut_link, start_lab

CWD = os.path.dirname(os.path.realpath(__file__))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
HOLD = os.environ.get("BENCH_HOLD_TIMERS", "3 9")
MODE = os.environ.get("BENCH_MODE", "bfd")


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    testdir = os.path.join(CWD, MODE)
    if MODE == "hold":
        conf = os.path.join(testdir, "ce1", "bgpd.conf")
        with open(conf + ".in" if os.path.exists(conf + ".in") else conf) as f:
            text = f.read()
        if not os.path.exists(conf + ".in"):
            with open(conf + ".in", "w") as f:
                f.write(text)
        with open(conf, "w") as f:
            f.write(text.replace("TIMERS", HOLD))
    tgen = start_lab(request, testdir)
    yield tgen
    tgen.stop_topology()
    if MODE == "hold":
        os.rename(os.path.join(testdir, "ce1", "bgpd.conf.in"),
                  os.path.join(testdir, "ce1", "bgpd.conf"))


def ce1():
    return get_topogen().gears["ce1"]


def paths():
    out = json.loads(ce1().vtysh_cmd("show bgp ipv4 unicast 10.1.0.0/16 json"))
    return {p["peer"]["peerId"] for p in out.get("paths", [])}


def verdict():
    out = json.loads(ce1().vtysh_cmd("show expressroute circuit bench json"))
    return out["peerings"][0]["verdict"] if out.get("peerings") else None


def wait(check, count=600, interval=0.5):
    _, result = topotest.run_and_expect(
        lambda: None if check() else "no", None, count=count, wait=interval)
    assert result is None


def test_failover():
    tgen = get_topogen()
    withdrawn, degraded = [], []
    for run in range(RUNS):
        wait(lambda: {"192.168.100.130", "192.168.100.134"} <= paths())
        if MODE == "bfd":
            wait(lambda: verdict() == "ok")
        time.sleep(2)
        start = time.monotonic()
        cut_link(tgen, "msee1")
        seen_degraded = None
        while True:
            now = time.monotonic() - start
            if MODE == "bfd" and seen_degraded is None and verdict() == "degraded":
                seen_degraded = now
            if "192.168.100.130" not in paths():
                withdrawn.append(time.monotonic() - start)
                break
            assert now < 400, "no failover after 400 s"
        if MODE == "bfd":
            while seen_degraded is None:
                if verdict() == "degraded":
                    seen_degraded = time.monotonic() - start
            degraded.append(seen_degraded)
        cut_link(tgen, "msee1", up=True)
        print("run %d: route withdrawn %.2f s%s" % (
            run + 1, withdrawn[-1],
            ", degraded %.2f s" % degraded[-1] if degraded else ""), flush=True)

    def summary(name, values):
        print("%s: median %.2f s, min %.2f s, max %.2f s, stdev %.2f s over %d runs"
              % (name, statistics.median(values), min(values), max(values),
                 statistics.pstdev(values), len(values)), flush=True)

    label = "module defaults (BFD 300 ms x3)" if MODE == "bfd" else \
        "by hand, hold timer (timers %s)" % HOLD
    summary(label + ", cut -> route withdrawn", withdrawn)
    if degraded:
        summary(label + ", cut -> verdict degraded", degraded)
