#!/usr/bin/env python3
"""
Per-peering BGP defaults: the CE's configuration holds circuits only, and
the module makes bgpd's neighbors to the simulated MSEE pair (AS 12076, BFD
300 ms x 3) for private peering over IPv4 and IPv6 and for Microsoft
peering; then the lifecycle: changes, shutdown, deletion, drift by hand and
`expressroute reconcile`.
"""

import functools
import json
import os

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))

PRIVATE_V4 = ("192.168.100.130", "192.168.100.134")
PRIVATE_V6 = ("2001:db8:1::2", "2001:db8:1::6")
MICROSOFT_V4 = ("198.51.100.2", "198.51.100.6")
ALL = PRIVATE_V4 + PRIVATE_V6 + MICROSOFT_V4

PEERING = ["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "peering private"]


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    yield tgen
    tgen.stop_topology()


def ce1():
    return get_topogen().gears["ce1"]


def vtysh(commands):
    return ce1().cmd("vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def neighbor(address):
    return json.loads(ce1().vtysh_cmd("show bgp neighbor %s json" % address))[address]


def sessions():
    """show expressroute json, as {neighbor: session}."""
    out = json.loads(ce1().vtysh_cmd("show expressroute json"))
    return {
        s["neighbor"]: s
        for c in out["circuits"]
        for p in c["peerings"]
        for s in p["sessions"]
    }


def wait(check, what, count=90, wait=1):
    def test():
        return None if check() else "not yet"

    _, result = topotest.run_and_expect(test, None, count=count, wait=wait)
    assert result is None, what


def established(*addresses):
    return lambda: all(
        sessions().get(a, {}).get("state") == "Established" for a in addresses
    )


def test_config_has_no_neighbor_typed_by_hand():
    with open(os.path.join(CWD, "ce1", "bgpd.conf")) as f:
        lines = [l.strip() for l in f if not l.startswith("!")]
    assert not [l for l in lines if l.startswith("neighbor")]


def test_all_sessions_established_from_circuit_config():
    wait(established(*ALL), "sessions not Established: %s" % sessions())


def test_bfd_up_on_every_session():
    def bfd_up():
        peers = json.loads(ce1().vtysh_cmd("show bfd peers json"))
        up = {p["peer"] for p in peers if p["status"] == "up"}
        return set(ALL) <= up

    wait(bfd_up, "BFD not up: %s" % ce1().vtysh_cmd("show bfd peers brief"))
    assert all(s["bfd"] == "up" for s in sessions().values()), sessions()


def test_neighbor_settings_derived_from_the_model():
    n = neighbor(PRIVATE_V4[0])
    assert n["remoteAs"] == 12076
    assert n["nbrDesc"] == "ExpressRoute lab-ams private primary"
    assert n["bgpTimerConfiguredHoldTimeMsecs"] == 180000
    assert n["bgpTimerConfiguredKeepAliveIntervalMsecs"] == 60000
    assert n["peerBfdInfo"]["detectMultiplier"] == 3
    assert n["peerBfdInfo"]["rxMinInterval"] == 300
    # the session only in its own address family, with Microsoft's limits
    assert list(n["addressFamilyInfo"].keys()) == ["ipv4Unicast"]
    v6 = neighbor(PRIVATE_V6[1])
    assert list(v6["addressFamilyInfo"].keys()) == ["ipv6Unicast"]
    assert neighbor(MICROSOFT_V4[1])["nbrDesc"] == (
        "ExpressRoute lab-ams microsoft secondary"
    )
    config = ce1().vtysh_cmd("show running-config bgpd")
    assert "neighbor 192.168.100.130 maximum-prefix-out 4000" in config
    assert "neighbor 2001:db8:1::2 maximum-prefix-out 100" in config
    assert "neighbor 198.51.100.2 maximum-prefix-out 200" in config
    # 10 VNet connections of 1000 prefixes on a Standard circuit
    assert "neighbor 192.168.100.130 maximum-prefix 10000 warning-only" in config
    assert "neighbor 198.51.100.2 maximum-prefix 2000 warning-only" in config
    assert "neighbor 192.168.100.130 password LabKey2026" in config


def test_vnet_prefix_learned_over_both_links():
    def two_paths():
        out = json.loads(ce1().vtysh_cmd("show bgp ipv4 unicast 10.1.0.0/16 json"))
        peers = {p["peer"]["peerId"] for p in out.get("paths", [])}
        return set(PRIVATE_V4) <= peers

    wait(two_paths, "10.1.0.0/16 not learned from both MSEEs", count=30)


def test_no_drift_after_apply():
    assert all("drift" not in s for s in sessions().values()), sessions()


def msee_paths(msee, prefix):
    """Peers msee learned prefix from."""
    out = json.loads(get_topogen().gears[msee].vtysh_cmd(
        "show bgp ipv4 unicast %s json" % prefix))
    return {p["peer"]["peerId"]: p for p in out.get("paths", [])}


def test_microsoft_peering_filter():
    """Only the configured public prefix goes out on Microsoft peering."""
    wait(lambda: "198.51.100.1" in msee_paths("msee1", "203.0.113.0/24"),
         "203.0.113.0/24 not advertised on Microsoft peering")
    # private peering carries everything the CE has
    wait(lambda: "192.168.100.129" in msee_paths("msee1", "172.16.0.0/16"),
         "172.16.0.0/16 not advertised on private peering")
    assert "192.168.100.129" in msee_paths("msee1", "0.0.0.0/0")
    # Microsoft peering: no private space, no default route
    assert "198.51.100.1" not in msee_paths("msee1", "172.16.0.0/16")
    assert "198.51.100.1" not in msee_paths("msee1", "0.0.0.0/0")
    plist = ce1().vtysh_cmd("show ip prefix-list")
    assert "ip prefix-list ER-lab-ams-MICROSOFT-OUT-V4: 2 entries" in plist, plist
    assert "seq 5 permit 203.0.113.0/24" in plist, plist
    assert "seq 10 deny any" in plist, plist

    # without any advertise prefix, nothing at all goes out
    microsoft = ["configure terminal", "router bgp 64900",
                 "expressroute circuit lab-ams", "peering microsoft"]
    vtysh(microsoft + ["no advertise 203.0.113.0/24"])
    wait(lambda: "198.51.100.1" not in msee_paths("msee1", "203.0.113.0/24"),
         "203.0.113.0/24 still advertised")
    for prefix in ("172.16.0.0/16", "0.0.0.0/0"):
        assert "198.51.100.1" not in msee_paths("msee1", prefix)
    vtysh(microsoft + ["advertise 203.0.113.0/24"])
    wait(lambda: "198.51.100.1" in msee_paths("msee1", "203.0.113.0/24"),
         "203.0.113.0/24 not advertised again")


def test_active_standby_prefers_the_primary_both_ways():
    vtysh(PEERING + ["redundancy active-standby"])

    def secondary_less_preferred():
        out = json.loads(ce1().vtysh_cmd("show bgp ipv4 unicast 10.1.0.0/16 json"))
        prefs = {p["peer"]["peerId"]: p.get("locPrf") for p in out.get("paths", [])}
        return prefs.get(PRIVATE_V4[1]) == 90 and prefs.get(PRIVATE_V4[0]) != 90

    wait(secondary_less_preferred, "local preference not lowered on secondary")

    def prepended_at_msee2():
        path = msee_paths("msee2", "172.16.0.0/16").get("192.168.100.133")
        return path and path["aspath"]["string"] == "64900 64900 64900 64900"

    wait(prepended_at_msee2, "secondary does not prepend")
    path = msee_paths("msee1", "172.16.0.0/16")["192.168.100.129"]
    assert path["aspath"]["string"] == "64900"

    vtysh(PEERING + ["no redundancy"])
    wait(lambda: msee_paths("msee2", "172.16.0.0/16").get("192.168.100.133", {})
         .get("aspath", {}).get("string") == "64900", "prepend not removed")
    # bgpd lets go of a deleted route-map after its route-map delay timer
    wait(lambda: "ER-lab-ams-PRIVATE-STANDBY" not in ce1().vtysh_cmd(
        "show route-map"), "generated route-maps left behind", count=20)


def test_change_in_model_changes_neighbor():
    vtysh(PEERING + ["timers 30 90", "max-prefix-out ipv4 3000"])
    wait(lambda: neighbor(PRIVATE_V4[0])["bgpTimerConfiguredHoldTimeMsecs"] == 90000,
         "timers not applied")
    assert "neighbor 192.168.100.134 maximum-prefix-out 3000" in ce1().vtysh_cmd(
        "show running-config bgpd")
    vtysh(PEERING + ["no timers", "no max-prefix-out ipv4"])
    wait(lambda: neighbor(PRIVATE_V4[0])["bgpTimerConfiguredHoldTimeMsecs"] == 180000,
         "timers not restored")


def test_shutdown_and_back():
    vtysh(PEERING + ["shutdown"])
    wait(lambda: all(sessions()[a]["state"] != "Established"
                     for a in PRIVATE_V4 + PRIVATE_V6), "not shut down")
    assert sessions()[MICROSOFT_V4[0]]["state"] == "Established"
    vtysh(PEERING + ["no shutdown"])
    wait(established(*PRIVATE_V4, *PRIVATE_V6), "not back up")


def test_drift_reported_then_reconciled():
    vtysh(["configure terminal", "router bgp 64900",
           "no neighbor %s bfd" % PRIVATE_V4[0]])
    wait(lambda: sessions()[PRIVATE_V4[0]].get("drift") == "bfd",
         "drift not reported: %s" % sessions()[PRIVATE_V4[0]])
    # reported, not silently overwritten
    assert "neighbor %s bfd" % PRIVATE_V4[0] not in ce1().vtysh_cmd(
        "show running-config bgpd")
    output = vtysh(["expressroute reconcile"])
    assert "2 peerings reconciled" in output, output
    wait(lambda: "drift" not in sessions()[PRIVATE_V4[0]], "drift remains")
    assert "neighbor %s bfd" % PRIVATE_V4[0] in ce1().vtysh_cmd(
        "show running-config bgpd")


def test_deleting_a_peering_removes_exactly_its_neighbors():
    vtysh(["configure terminal", "router bgp 64900",
           "neighbor 10.99.0.1 remote-as 65099"])
    vtysh(["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "no peering microsoft"])
    config = ce1().vtysh_cmd("show running-config bgpd")
    assert "198.51.100.2" not in config and "198.51.100.6" not in config
    assert "neighbor 192.168.100.130 remote-as 12076" in config
    assert "neighbor 10.99.0.1 remote-as 65099" in config
    vtysh(["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "peering microsoft", "vlan 101",
           "ipv4 primary 198.51.100.0/30 secondary 198.51.100.4/30",
           "advertise 203.0.113.0/24"])
    wait(established(*MICROSOFT_V4), "microsoft peering not back")


def test_restart_with_saved_config():
    """write memory saves the circuits (and bgpd's neighbor lines) in the
    order vtysh does; bgpd restarted from it comes back as it was."""
    before = ce1().vtysh_cmd("show running-config bgpd")
    vtysh(["write memory"])
    router = ce1()
    router.net.killRouterDaemons(["bgpd"])
    router.net.startRouterDaemons(["bgpd"])
    wait(established(*ALL), "sessions not back after restart: %s" % sessions())
    assert all("drift" not in s for s in sessions().values()), sessions()
    assert ce1().vtysh_cmd("show running-config bgpd") == before
    assert "seq 5 permit 203.0.113.0/24" in ce1().vtysh_cmd("show ip prefix-list")


def test_deleting_the_circuit_leaves_the_operators_neighbors():
    vtysh(PEERING + ["redundancy active-standby"])
    vtysh(["configure terminal", "router bgp 64900",
           "no expressroute circuit lab-ams"])
    config = ce1().vtysh_cmd("show running-config bgpd")
    assert "remote-as 12076" not in config, config
    assert "neighbor 10.99.0.1 remote-as 65099" in config
    # no stray prefix-list or route-map
    assert "ER-" not in ce1().vtysh_cmd("show ip prefix-list")
    assert "ER-" not in ce1().vtysh_cmd("show ipv6 prefix-list")
    wait(lambda: "ER-" not in ce1().vtysh_cmd("show route-map"),
         "generated route-maps left behind", count=20)
