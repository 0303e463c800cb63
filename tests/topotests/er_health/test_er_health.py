#!/usr/bin/env python3
"""
Circuit health: every verdict and reason driven for real, seen in the text
and JSON show commands, the YANG operational state and bgpd's log.

The failover figure (cut of the primary MSEE link to the `degraded`
verdict, with the module's BFD defaults) is measured and written to
failover.json in the test's log directory; the test does not time-limit it.
"""

import datetime
import json
import os
import re
import time

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import cut_link, start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))

PRIVATE = ["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "peering private"]


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


def circuit():
    out = json.loads(router().vtysh_cmd("show expressroute circuit lab-ams json"))
    return out


def peering(kind="private"):
    return next(p for p in circuit()["peerings"] if p["type"] == kind)


def wait(check, what, count=60, wait=0.5):
    def test():
        return None if check() else "not yet"

    _, result = topotest.run_and_expect(test, None, count=count, wait=wait)
    assert result is None, "%s: %s" % (what, json.dumps(circuit(), indent=1))


def verdict_is(verdict, kind="private"):
    return lambda: peering(kind)["verdict"] == verdict


def reasons(kind="private"):
    return " | ".join(peering(kind)["reasons"])


def bgpd_log():
    return router().cmd("cat %s/ce1/bgpd.log" % router().logdir)


def stable_ok(kind="private", seconds=10):
    """ok, every session Established for a while (IPv6 addresses and BFD
    settle a few seconds after the lab starts)."""
    def check():
        p = peering(kind)
        return p["verdict"] == "ok" and all(
            s["uptimeMsec"] >= seconds * 1000 for s in p["sessions"])
    return check


def test_ok_with_both_sessions_up():
    wait(stable_ok(), "private peering never stably ok", count=120)
    wait(verdict_is("ok", "microsoft"), "microsoft peering never ok")
    c = circuit()
    assert c["verdict"] == "ok"
    p = peering()
    assert p["reasons"] == []
    for s in p["sessions"]:
        assert s["state"] == "Established" and s["bfd"] == "up"
        for key in ("role", "neighbor", "prefixesReceived", "prefixesSent",
                    "prefixLimitOut", "availabilityPercent", "flaps",
                    "uptimeMsec"):
            assert key in s, key
    text = router().vtysh_cmd("show expressroute")
    assert re.search(r"lab-ams\s+default\s+private\s+ok\s+ipv4\s+Established\s+"
                     r"Established\s+\d+/4000\s+\d+", text), text


def test_yang_operational_state():
    out = router().vtysh_cmd(
        "show yang operational-data /frr-expressroute:expressroute bgpd")
    data = json.loads(out)
    instance = data["frr-expressroute:expressroute"]["instance"][0]
    c = instance["circuit"][0]
    assert c["state"]["verdict"] == "ok"
    p = next(p for p in c["peering"] if p["type"] == "private")
    assert p["state"]["verdict"] == "ok"
    neighbors = {s["neighbor"]: s for s in p["state"]["session"]}
    assert neighbors["192.168.100.130"]["state"] == "Established"
    assert neighbors["192.168.100.134"]["role"] == "secondary"
    assert neighbors["2001:db8:1::2"]["address-family"] == "ipv6"


def test_shared_key_never_shown():
    """The MD5 key is in running-config only, as FRR does for passwords."""
    for command in ("show expressroute json", "show expressroute",
                    "show expressroute circuit lab-ams",
                    "show expressroute circuit lab-ams json",
                    "show yang operational-data /frr-expressroute:expressroute bgpd"):
        assert "LabKey2026" not in router().vtysh_cmd(command), command
    # FRR's own echo of the commands it reads (`log commands`, on in FRR
    # 10's topotests) shows them as typed, passwords included
    module_lines = [line for line in bgpd_log().splitlines()
                    if not re.search(r"\] (config-from-file|vty\[\d+\]@)[>#]", line)]
    assert not [line for line in module_lines if "LabKey2026" in line]
    assert "shared-key LabKey2026" in router().vtysh_cmd("show running-config bgpd")


def log_time(line):
    stamp = line.split(" BGP:")[0]
    return datetime.datetime.strptime(stamp, "%Y/%m/%d %H:%M:%S.%f").timestamp()


def test_primary_link_cut_degraded_then_ok():
    tgen = get_topogen()
    # FRR logs each northbound notification it sends with this debug on
    vtysh(["configure terminal", "debug northbound notifications"])
    cut_at = time.time()
    cut_link(tgen, "msee1")
    wait(verdict_is("degraded"), "cut not detected", count=200, wait=0.05)
    polled = time.time() - cut_at
    # both families' primary sessions run over the cut link
    wait(lambda: "ipv4 primary session to 192.168.100.130" in reasons()
         and "ipv6 primary session to 2001:db8:1::2" in reasons(),
         "both primary sessions not reported")
    assert "secondary" not in reasons(), reasons()
    wait(lambda: "peering private is now degraded (was ok)" in bgpd_log(),
         "no log line")
    line = next(l for l in bgpd_log().splitlines()
                if "peering private is now degraded (was ok)" in l)
    assert "[EC" not in line and "is now degraded" in line
    assert "northbound notification: /frr-expressroute:verdict-change" in bgpd_log()
    logged = log_time(line) - cut_at
    # the same in YANG state
    out = router().vtysh_cmd(
        "show yang operational-data /frr-expressroute:expressroute bgpd")
    assert '"verdict": "degraded"' in out
    text = router().vtysh_cmd("show expressroute circuit lab-ams")
    assert "Peering private: degraded" in text
    assert "192.168.100.130" in text

    cut_link(tgen, "msee1", up=True)
    wait(verdict_is("ok"), "not ok again", count=120)
    wait(lambda: "peering private is now ok (was degraded)" in bgpd_log(),
         "no recovery log line")
    primary = next(s for s in peering()["sessions"]
                   if s["neighbor"] == "192.168.100.130")
    assert primary["flaps"] >= 1
    assert primary["availabilityPercent"] < 100
    with open(os.path.join(router().logdir, "failover.json"), "w") as f:
        json.dump({"cut_to_degraded_log_s": logged,
                   "cut_to_degraded_polled_s": polled}, f)
    print("failover: cut -> degraded %.3f s (log), %.3f s (poll)" % (logged, polled))


def test_secondary_shut_down_at_the_msee():
    vtysh(["configure terminal", "router bgp 12076",
           "neighbor 192.168.100.133 shutdown"], "msee2")
    wait(verdict_is("degraded"), "secondary shutdown not seen")
    assert "ipv4 secondary session to 192.168.100.134" in reasons(), reasons()
    vtysh(["configure terminal", "router bgp 12076",
           "no neighbor 192.168.100.133 shutdown"], "msee2")
    wait(verdict_is("ok"), "not ok again", count=120)


def test_msee_advertises_different_prefixes_on_the_two_links():
    vtysh(["configure terminal", "router bgp 12076", "address-family ipv4 unicast",
           "network 10.2.0.0/16"], "msee2")
    wait(verdict_is("degraded"), "asymmetry not seen")
    assert ("ipv4 secondary receives 1 prefix the primary does not (10.2.0.0/16)"
            in reasons() and "different prefixes" in reasons()), reasons()
    vtysh(["configure terminal", "router bgp 12076", "address-family ipv4 unicast",
           "no network 10.2.0.0/16"], "msee2")
    wait(verdict_is("ok"), "not ok again")


def test_same_counts_other_prefixes_on_the_two_links():
    """The sets are compared, not the counts: one prefix each, not the same."""
    msee2 = ["configure terminal", "router bgp 12076", "address-family ipv4 unicast"]
    vtysh(msee2 + ["no network 10.1.0.0/16", "network 10.2.0.0/16"], "msee2")
    wait(verdict_is("degraded"), "asymmetry with equal counts not seen")
    p = peering()
    assert len({s["prefixesReceived"] for s in p["sessions"]
                if s["addressFamily"] == "ipv4"}) == 1, p
    assert ("ipv4 primary receives 1 prefix the secondary does not (10.1.0.0/16), "
            "secondary receives 1 prefix the primary does not (10.2.0.0/16)"
            in reasons()), reasons()
    vtysh(msee2 + ["no network 10.2.0.0/16", "network 10.1.0.0/16"], "msee2")
    wait(verdict_is("ok"), "not ok again")


def test_received_prefix_overlapping_ours():
    """A VNet range inside on-premises space, and one over a link subnet."""
    both = ["configure terminal", "router bgp 12076", "address-family ipv4 unicast"]
    for msee in ("msee1", "msee2"):
        vtysh(both + ["network 172.16.5.0/24"], msee)
    wait(lambda: "172.16.5.0/24" in reasons(), "overlap not seen")
    assert ("ipv4 the MSEE sends 172.16.5.0/24, inside 172.16.0.0/16 that this "
            "router advertises") in reasons(), reasons()
    assert peering()["verdict"] == "degraded"
    for msee in ("msee1", "msee2"):
        vtysh(both + ["no network 172.16.5.0/24", "network 192.168.100.128/29"], msee)
    wait(lambda: "overlaps the link subnet" in reasons(), "link overlap not seen")
    assert "the MSEE sends 192.168.100.128/29, which overlaps the link subnet" in reasons()
    for msee in ("msee1", "msee2"):
        vtysh(both + ["no network 192.168.100.128/29"], msee)
    wait(verdict_is("ok"), "not ok again")


def test_instance_settings_that_defeat_redundancy():
    ce = ["configure terminal", "router bgp 64900"]
    vtysh(ce + ["bgp bestpath as-path ignore"])
    wait(lambda: "as-path ignore" in reasons(), "as-path ignore not flagged")
    assert "Microsoft prepends AS 12076" in reasons()
    vtysh(ce + ["no bgp bestpath as-path ignore",
                "address-family ipv4 unicast", "maximum-paths 1"])
    wait(lambda: "ipv4 maximum-paths is 1" in reasons(), "maximum-paths not flagged")
    assert "ipv6 maximum-paths" not in reasons()
    vtysh(ce + ["address-family ipv4 unicast", "no maximum-paths 1"])
    wait(verdict_is("ok"), "not ok again")


def test_ce_advertising_close_to_the_limit():
    vtysh(PRIVATE + ["max-prefix-out ipv4 3"])
    # bgpd sends 3 of the CE's 4 prefixes once the guard is in force
    wait(lambda: "ipv4 primary advertises 3 prefixes, 100% of the 3 limit"
         in reasons(), "near-limit not seen")
    assert peering()["verdict"] == "degraded"
    vtysh(PRIVATE + ["no max-prefix-out ipv4"])
    wait(verdict_is("ok"), "not ok again")


def test_hand_edited_neighbor_is_drift():
    vtysh(["configure terminal", "router bgp 64900",
           "neighbor 192.168.100.134 timers 10 30"])
    wait(verdict_is("degraded"), "drift not seen")
    assert "differs from the model (timers)" in reasons(), reasons()
    vtysh(["expressroute reconcile"])
    wait(verdict_is("ok"), "not ok after reconcile")


def test_peering_shut_down_is_incomplete():
    vtysh(PRIVATE + ["shutdown"])
    wait(verdict_is("incomplete"), "shutdown not incomplete")
    assert reasons() == "peering is shut down"
    assert circuit()["verdict"] == "incomplete"
    vtysh(PRIVATE + ["no shutdown"])
    wait(verdict_is("ok"), "not ok again", count=120)


def test_bfdd_absent():
    router().net.killRouterDaemons(["bfdd"])
    try:
        # the module notices on its next tick, whether or not the sessions
        # come back without BFD (on FRR 8.4 they do; FRR 10.3's keep them
        # down until bfdd is back)
        wait(lambda: "bfdd does not answer: is bfdd running?" in reasons(),
             "bfdd loss not seen", count=60)
        assert peering()["verdict"] != "ok", reasons()
        # one reason for the peering, not one per session
        assert reasons().count("is bfdd running?") == 1, reasons()
    finally:
        router().net.startRouterDaemons(["bfdd"])
    wait(verdict_is("ok"), "not ok after bfdd restart", count=240)


def test_clear_statistics():
    vtysh(["clear expressroute statistics circuit lab-ams"])
    assert all(s["flaps"] == 0 for s in peering()["sessions"])
