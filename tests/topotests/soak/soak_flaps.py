#!/usr/bin/env python3
"""
Fault soak: BGP session flaps (the MSEE clears the session) and link flaps
(the MSEE's side of the primary link goes down and up), with the verdict
checked after each, and bgpd's memory sampled along the way.  Then bgpd
restarted from its saved config, bfdd and zebra restarted, the MSEE
sending more prefixes than the inbound limit, and the BGP instance deleted
and re-created.

Run by tests/bench/soak.sh, not by the test suite:
  SOAK_FLAPS=500 SOAK_LINK_FLAPS=100 tests/bench/soak.sh
Prints the counts survived and the memory trend (KiB per 100 flaps, least
squares over the samples).
"""

import json
import os

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import cut_link, start_lab

CWD = os.path.dirname(os.path.realpath(__file__))
FLAPS = int(os.environ.get("SOAK_FLAPS", "50"))
LINK_FLAPS = int(os.environ.get("SOAK_LINK_FLAPS", "10"))


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    yield tgen
    tgen.stop_topology()


def router(name="ce1"):
    return get_topogen().gears[name]


def vtysh(commands, name="ce1"):
    return router(name).cmd(
        "vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def private():
    out = json.loads(router().vtysh_cmd("show expressroute circuit lab-ams json"))
    return next(p for p in out.get("peerings", []) if p["type"] == "private")


def wait_verdict(verdict, what, count=240):
    _, result = topotest.run_and_expect(
        lambda: None if private()["verdict"] == verdict else private()["reasons"],
        None, count=count, wait=0.25)
    assert result is None, "%s: %s" % (what, result)


def bgpd_rss_kib():
    pid = router().cmd("cat /var/run/frr/bgpd.pid").strip()
    status = router().cmd("cat /proc/%s/status" % pid)
    return int(next(l.split()[1] for l in status.splitlines()
                    if l.startswith("VmRSS:")))


def trend(samples):
    """Least-squares slope of RSS (KiB) per 100 flaps."""
    n = len(samples)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in samples) / n
    my = sum(y for _, y in samples) / n
    sxx = sum((x - mx) ** 2 for x, _ in samples)
    sxy = sum((x - mx) * (y - my) for x, y in samples)
    return 100.0 * sxy / sxx if sxx else 0.0


def test_session_and_link_flaps():
    wait_verdict("ok", "never ok")
    samples = [(0, bgpd_rss_kib())]
    for i in range(1, FLAPS + 1):
        vtysh(["clear bgp 192.168.100.129"], "msee1")
        wait_verdict("degraded", "flap %d not seen" % i, count=40)
        wait_verdict("ok", "not ok after flap %d" % i)
        if i % max(1, FLAPS // 10) == 0:
            samples.append((i, bgpd_rss_kib()))
    tgen = get_topogen()
    for i in range(1, LINK_FLAPS + 1):
        cut_link(tgen, "msee1")
        wait_verdict("degraded", "link flap %d not seen" % i, count=40)
        cut_link(tgen, "msee1", up=True)
        wait_verdict("ok", "not ok after link flap %d" % i)
        samples.append((FLAPS + i, bgpd_rss_kib()))
    print("soak: %d session flaps and %d link flaps survived, verdict right "
          "after each; bgpd RSS %d -> %d KiB, trend %+.1f KiB per 100 flaps"
          % (FLAPS, LINK_FLAPS, samples[0][1], samples[-1][1], trend(samples)),
          flush=True)


def test_daemon_restarts():
    for daemon in ("bfdd", "zebra", "bgpd"):
        if daemon == "bgpd":
            vtysh(["write memory"])
        # (the topotest library empties the lists it is given)
        router().net.killRouterDaemons([daemon])
        router().net.startRouterDaemons([daemon])
        wait_verdict("ok", "not ok after restarting %s" % daemon)
        print("soak: %s restarted, verdict ok again" % daemon, flush=True)


def test_msee_exceeds_inbound_limit():
    peering = ["configure terminal", "router bgp 64900",
               "expressroute circuit lab-ams", "peering private"]
    vtysh(peering + ["max-prefix-in ipv4 1", "max-prefix-in teardown"])
    vtysh(["configure terminal", "router bgp 12076", "address-family ipv4 unicast",
           "network 10.2.0.0/16", "network 10.3.0.0/16"], "msee1")
    wait_verdict("degraded", "limit not enforced")
    print("soak: inbound limit exceeded: %s" % "; ".join(private()["reasons"]),
          flush=True)
    vtysh(["configure terminal", "router bgp 12076", "address-family ipv4 unicast",
           "no network 10.2.0.0/16", "no network 10.3.0.0/16"], "msee1")
    vtysh(peering + ["no max-prefix-in ipv4", "no max-prefix-in teardown"])
    vtysh(["clear bgp 192.168.100.130"])
    wait_verdict("ok", "not ok after the limit was lifted")


def test_instance_deleted_and_recreated():
    config = router().vtysh_cmd("show running-config bgpd")
    vtysh(["configure terminal", "no router bgp 64900"])
    assert "expressroute circuit" not in router().vtysh_cmd(
        "show running-config bgpd")
    path = "/tmp/er-soak-restore.conf"
    router().cmd("cat > %s <<'EOF'\n%s\nEOF" % (path, config))
    router().cmd("vtysh -f %s" % path)
    wait_verdict("ok", "not ok after re-creating the instance")
    print("soak: BGP instance deleted and re-created, verdict ok again", flush=True)
