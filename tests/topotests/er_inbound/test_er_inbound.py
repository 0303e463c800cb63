#!/usr/bin/env python3
"""
The inbound prefix guard on a healthy circuit.  Microsoft's 1000 IPv4 VNet
prefixes are per virtual network connection, not per circuit
(includes/expressroute-limits.md), and Global Reach brings the other
sites' routes too (expressroute-faqs): a Standard circuit with four VNets
and two Global Reach connections receives 6000 prefixes on each link and
must raise no prefix warning.  The guard stays configurable, and then
still warns.
"""

import json
import os

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
PEERING = ["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "peering private"]
NEIGHBORS = ("192.168.100.130", "192.168.100.134")
# four VNet connections of 1000 prefixes and two sites over Global Reach
PREFIXES = 6000


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    yield tgen
    tgen.stop_topology()


def router(name):
    return get_topogen().gears[name]


def vtysh(commands):
    return router("ce1").cmd("vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def bgpd_log():
    ce1 = router("ce1")
    return ce1.cmd("cat %s/ce1/bgpd.log" % ce1.logdir)


def verdict():
    out = json.loads(router("ce1").vtysh_cmd("show expressroute circuit lab-ams json"))
    return out["peerings"][0]["verdict"], out["peerings"][0]["reasons"]


def received():
    summary = json.loads(router("ce1").vtysh_cmd("show bgp ipv4 unicast summary json"))
    peers = summary.get("peers", {})
    return {n: peers.get(n, {}).get("pfxRcd", 0) for n in NEIGHBORS}


def wait(check, what, count=120, wait=0.5):
    _, result = topotest.run_and_expect(
        lambda: None if check() else "not yet", None, count=count, wait=wait)
    assert result is None, "%s: %s, received %s" % (what, verdict(), received())


def announce(msee, count):
    """The MSEE sends count /24s: the VNets' and the Global Reach sites'."""
    path = "/tmp/er-inbound-%s-%d.conf" % (msee, os.getpid())
    with open(path, "w") as f:
        f.write("router bgp 12076\n address-family ipv4 unicast\n")
        for i in range(count):
            f.write("  network 10.%d.%d.0/24\n" % (i // 256, i % 256))
        f.write(" exit-address-family\nexit\n")
    try:
        router(msee).cmd("vtysh -f %s" % path)
    finally:
        os.unlink(path)


def test_many_vnets_and_global_reach_raise_no_prefix_warning():
    wait(lambda: verdict()[0] == "ok", "never ok")
    config = router("ce1").vtysh_cmd("show running-config bgpd")
    # (10 - 2) VNet connections x 1000 + 2 Global Reach connections x 10000
    for neighbor in NEIGHBORS:
        assert "neighbor %s maximum-prefix 28000 warning-only" % neighbor in config, config
    for msee in ("msee1", "msee2"):
        announce(msee, PREFIXES)
    wait(lambda: received() == {n: PREFIXES for n in NEIGHBORS},
         "the prefixes never arrived")
    wait(lambda: verdict() == ("ok", []), "not ok with all prefixes")
    assert "MAXPFX" not in bgpd_log()


def test_configured_guard_still_warns():
    vtysh(PEERING + ["max-prefix-in ipv4 5000"])

    def warned(neighbor):
        # bgpd names the peer "ADDRESS(HOSTNAME)"
        return any("%MAXPFXEXCEED: No. of IPv4 Unicast prefix received from " + neighbor in line
                   and "%d exceed, limit 5000" % PREFIXES in line
                   for line in bgpd_log().splitlines())

    wait(lambda: all(warned(n) for n in NEIGHBORS), "the configured limit did not warn")
    # warning only: the sessions stay up
    assert received() == {n: PREFIXES for n in NEIGHBORS}
    vtysh(PEERING + ["no max-prefix-in ipv4"])
    config = router("ce1").vtysh_cmd("show running-config bgpd")
    assert "neighbor 192.168.100.130 maximum-prefix 28000 warning-only" in config
