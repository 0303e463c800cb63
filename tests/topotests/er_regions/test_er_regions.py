#!/usr/bin/env python3
"""
Microsoft's BGP communities with two circuits in two regions: lab-ams
(Amsterdam, West Europe) and lab-dub (Dublin, North Europe).  The four
MSEEs advertise the same prefixes on every circuit, tagged as Azure tags
them: VNets with their regional community (12076:50002 West Europe,
12076:50003 North Europe) and a custom one, Azure public services per
region (12076:51002, 12076:51003) and Exchange Online (12076:5010).

Checked: the decode (show ... routes, text and JSON, and the summary of
`show expressroute circuit`), prefer-region (each circuit carries its home
region's traffic, local preference 150 through the module's route-map),
the failover when a circuit is cut (measured, written to failover.json in
the test's log directory), and the reasons: no route filter on Microsoft
peering, an expected service missing, VNet routes without a regional
community, regions the SKU cannot reach; bad input refused.
"""

import json
import os
import time

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import build_two_circuits, cut_link, start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))

AMS_MSEES = {"192.168.100.130", "192.168.100.134",
             "198.51.100.2", "198.51.100.6"}
DUB_MSEES = {"192.168.101.130", "192.168.101.134",
             "198.51.100.10", "198.51.100.14"}
ROUTE_FILTER = "no route filter attached on the Azure side?"


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD, topo=build_two_circuits)
    yield tgen
    tgen.stop_topology()


def router(name="ce1"):
    return get_topogen().gears[name]


def vtysh(commands, name="ce1"):
    return router(name).cmd(
        "vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def show_json(command, name="ce1"):
    return json.loads(router(name).vtysh_cmd(command))


def circuit(name):
    return show_json("show expressroute circuit %s json" % name)


def peering(name, kind):
    return next(p for p in circuit(name)["peerings"] if p["type"] == kind)


def reasons(name, kind):
    return " | ".join(peering(name, kind)["reasons"])


def wait(check, what, count=120, wait=0.5):
    def test():
        return None if check() else "not yet"

    _, result = topotest.run_and_expect(test, None, count=count, wait=wait)
    assert result is None, "%s: %s" % (
        what, router().vtysh_cmd("show expressroute circuit lab-ams json")
        + router().vtysh_cmd("show expressroute circuit lab-dub json"))


def best(prefix):
    """(next hop, local preference) of the CE's best path to prefix."""
    out = show_json("show bgp ipv4 unicast %s json" % prefix)
    for path in out.get("paths", []):
        if path.get("bestpath", {}).get("overall"):
            # bgpd leaves out an unset LOCAL_PREF: the default, 100
            return path["nexthops"][0]["ip"], path.get("locPrf", 100)
    return None, None


def all_ok():
    out = show_json("show expressroute json")
    return all(p["verdict"] == "ok" and all(
        s["state"] == "Established" and s["uptimeMsec"] > 5000
        for s in p["sessions"])
        for c in out["circuits"] for p in c["peerings"])


def test_both_circuits_up():
    wait(all_ok, "the circuits never all ok", count=240)


def test_decode_routes_json():
    out = show_json("show expressroute circuit lab-ams routes json")
    assert out["name"] == "lab-ams"
    private = next(p for p in out["peerings"] if p["type"] == "private")
    assert private["prefixes"] == 2, private
    paths = private["routes"]["10.10.0.0/16"]
    assert {p["link"] for p in paths} == {"primary", "secondary"}
    for path in paths:
        assert path["localPref"] == 150
        coms = {c["community"]: c for c in path["communities"]}
        assert coms["12076:50002"] == {
            "community": "12076:50002", "kind": "region",
            "region": "westeurope", "regionName": "West Europe",
            "column": "private"}
        assert coms["12076:20001"]["kind"] == "unknown"
    north = private["routes"]["10.20.0.0/16"][0]
    assert north["localPref"] == 100
    coms = {c["community"]: c for c in north["communities"]}
    assert coms["12076:50003"]["region"] == "northeurope"

    out = show_json("show expressroute circuit lab-ams routes peering microsoft json")
    assert [p["type"] for p in out["peerings"]] == ["microsoft"]
    routes = out["peerings"][0]["routes"]
    assert set(routes) == {"40.64.0.0/16", "40.65.0.0/16", "52.96.0.0/14"}
    exchange = routes["52.96.0.0/14"][0]["communities"][0]
    assert (exchange["kind"], exchange["service"], exchange["serviceName"]) == (
        "service", "exchange", "Exchange Online")
    assert routes["40.64.0.0/16"][0]["communities"][0]["column"] == "microsoft"


def test_decode_routes_text_and_summary():
    text = router().vtysh_cmd("show expressroute circuit lab-dub routes")
    assert "10.10.0.0/16" in text and "primary" in text and "secondary" in text
    assert "12076:50003 North Europe (northeurope, private)" in text, text
    assert "12076:5010 Exchange Online (exchange)" in text, text
    assert "12076:20002" in text

    text = router().vtysh_cmd("show expressroute circuit lab-dub")
    assert ("Routes received: 2 prefixes; regions: North Europe (northeurope) 1, "
            "West Europe (westeurope) 1") in text, text
    assert "services: Exchange Online (exchange) 1" in text, text
    summary = peering("lab-dub", "microsoft")["communities"]
    assert summary["prefixes"] == 3
    assert summary["regions"]["westeurope"] == {"regionName": "West Europe",
                                                "prefixes": 1}
    assert summary["services"]["exchange"]["prefixes"] == 1
    assert summary["withoutRegionalCommunity"] == 1  # Exchange: service only

    # the same summary, kept by health, in the YANG state
    def yang_state():
        data = show_json("show yang operational-data "
                         "/frr-expressroute:expressroute bgpd")
        circuit = next(c for c in data["frr-expressroute:expressroute"]
                       ["instance"][0]["circuit"] if c["name"] == "lab-dub")
        peering = next(p for p in circuit["peering"] if p["type"] == "microsoft")
        return peering["state"].get("communities", {})
    wait(lambda: yang_state().get("prefixes") == 3, "no communities in YANG state")
    state = yang_state()
    assert state["region"] == ["northeurope", "westeurope"], state
    assert state["service"] == ["exchange"], state
    assert state["without-regional-community"] == 1, state

    table = show_json("show expressroute communities json")
    assert table["regions"]["eastus"]["microsoft"] == "12076:51004"
    assert table["regions"]["westeurope"]["private"] == "12076:50002"
    assert table["services"]["pstn"]["community"] == "12076:5250"


def test_each_circuit_carries_its_home_region():
    for prefix, home in (("10.10.0.0/16", AMS_MSEES), ("40.64.0.0/16", AMS_MSEES),
                         ("10.20.0.0/16", DUB_MSEES), ("40.65.0.0/16", DUB_MSEES)):
        nexthop, pref = best(prefix)
        assert nexthop in home and pref == 150, (prefix, nexthop, pref)
    # the module's route-map, not configuration
    rmap = router().vtysh_cmd("show route-map ER-lab-ams-PRIVATE-IN")
    assert "expressroute-community" in rmap and "local-preference 150" in rmap, rmap
    config = router().vtysh_cmd("show running-config")
    assert "   prefer-region westeurope\n" in config
    assert "  local-region westeurope\n" in config
    assert "   custom-vnet-communities\n" in config
    # bound to the neighbors, never defined in running-config
    assert "route-map ER-lab-ams-PRIVATE-IN in" in config
    assert "route-map ER-lab-ams-PRIVATE-IN permit" not in config


def test_cut_circuit_fails_over_to_the_other():
    tgen = get_topogen()
    cut_at = time.time()
    for msee in ("msee1", "msee2"):
        cut_link(tgen, msee)
    try:
        wait(lambda: best("10.10.0.0/16")[0] in DUB_MSEES,
             "West Europe's VNet did not move to lab-dub", count=400, wait=0.02)
        moved_s = time.time() - cut_at
        assert best("10.10.0.0/16")[1] == 100
        # the Microsoft peering's sessions have their own BFD sessions
        wait(lambda: best("40.64.0.0/16")[0] in DUB_MSEES,
             "West Europe's services did not move to lab-dub", count=100,
             wait=0.05)
        # BFD's 3 x 300 ms, not the 180 s hold timer
        assert moved_s < 10, moved_s
        with open(os.path.join(router().logdir, "failover.json"), "w") as f:
            json.dump({"cut_to_other_circuit_s": moved_s,
                       "bfd_detection_s": 0.9}, f)
        print("failover: circuit cut -> other circuit %.3f s" % moved_s)
    finally:
        for msee in ("msee1", "msee2"):
            cut_link(tgen, msee, up=True)
    wait(lambda: best("10.10.0.0/16")[0] in AMS_MSEES, "not back on lab-ams",
         count=300)
    wait(all_ok, "not all ok again", count=240)


def test_microsoft_peering_without_route_filter():
    # Azure detaches the route filter: the MSEEs send nothing
    for msee, ce in (("msee3", "198.51.100.9"), ("msee4", "198.51.100.13")):
        vtysh(["configure terminal", "router bgp 12076",
               "address-family ipv4 unicast",
               "neighbor %s prefix-list NO-ROUTE-FILTER out" % ce], msee)
    wait(lambda: ROUTE_FILTER in reasons("lab-dub", "microsoft"),
         "no route filter reason")
    text = router().vtysh_cmd("show expressroute circuit lab-dub")
    assert ("microsoft peering is Established but receives no ipv4 prefixes: "
            "no route filter attached on the Azure side? (circuits configured "
            "after 2017-08-01 receive nothing without one)") in text, text
    assert peering("lab-dub", "microsoft")["verdict"] == "degraded"
    assert ROUTE_FILTER not in reasons("lab-ams", "microsoft")
    for msee, ce in (("msee3", "198.51.100.9"), ("msee4", "198.51.100.13")):
        vtysh(["configure terminal", "router bgp 12076",
               "address-family ipv4 unicast",
               "neighbor %s prefix-list ROUTE-FILTER out" % ce], msee)
    wait(lambda: peering("lab-dub", "microsoft")["verdict"] == "ok", "not ok again")


AMS_MICROSOFT = ["configure terminal", "router bgp 64900",
                 "expressroute circuit lab-ams", "peering microsoft"]


def test_expected_service_missing():
    vtysh(AMS_MICROSOFT + ["expect-service exchange sharepoint"])
    wait(lambda: "expected services sharepoint (12076:5020)"
         in reasons("lab-ams", "microsoft"), "missing service not reported")
    assert "exchange (" not in reasons("lab-ams", "microsoft")
    config = router().vtysh_cmd("show running-config")
    assert "   expect-service exchange\n   expect-service sharepoint\n" in config
    vtysh(AMS_MICROSOFT + ["no expect-service sharepoint"])
    wait(lambda: peering("lab-ams", "microsoft")["verdict"] == "ok", "not ok again")


def test_vnet_routes_without_regional_community():
    both = ["configure terminal", "router bgp 12076", "address-family ipv4 unicast"]
    for msee in ("msee1", "msee2"):
        vtysh(both + ["network 10.30.0.0/16 route-map UNTAGGED"], msee)
    wait(lambda: "without a regional community (first 10.30.0.0/16)"
         in reasons("lab-ams", "private"), "untagged VNet not reported")
    assert "1 of 3 prefixes" in reasons("lab-ams", "private")
    # lab-dub does not declare custom communities: nothing said there
    assert "regional community" not in reasons("lab-dub", "private")
    for msee in ("msee1", "msee2"):
        vtysh(both + ["no network 10.30.0.0/16 route-map UNTAGGED"], msee)
    wait(lambda: peering("lab-ams", "private")["verdict"] == "ok", "not ok again")


def test_regions_the_sku_cannot_reach():
    dub = ["configure terminal", "router bgp 64900", "expressroute circuit lab-dub"]
    vtysh(dub + ["sku local"])
    wait(lambda: "receives routes of westeurope, which a local circuit at a "
         "location local to northeurope cannot reach" in reasons("lab-dub", "private"),
         "SKU reach not reported")
    assert "westeurope" in reasons("lab-dub", "microsoft")
    vtysh(dub + ["no sku"])
    wait(lambda: peering("lab-dub", "private")["verdict"] == "ok", "not ok again")


def test_bad_input_changes_nothing():
    before = router().vtysh_cmd("show running-config")
    ams = ["configure terminal", "router bgp 64900", "expressroute circuit lab-ams"]
    out = vtysh(ams + ["peering private", "prefer-region westeurope atlantis"])
    assert "prefer-region atlantis: Microsoft publishes no BGP community" in out, out
    out = vtysh(ams + ["peering private", "prefer-region WestEurope"])
    assert "programmatic name" in out, out
    out = vtysh(ams + ["peering private", "expect-service exchange"])
    assert "expect-service is for Microsoft peering" in out, out
    out = vtysh(ams + ["peering microsoft", "expect-service teams"])
    assert "expect-service teams: no such service community" in out, out
    out = vtysh(ams + ["peering microsoft", "custom-vnet-communities"])
    assert "custom-vnet-communities is for private peering" in out, out
    out = vtysh(ams + ["local-region mars"])
    assert "local-region mars" in out, out
    assert router().vtysh_cmd("show running-config") == before


def test_no_prefer_region_removes_the_route_map():
    dub = ["configure terminal", "router bgp 64900",
           "expressroute circuit lab-dub", "peering private"]
    vtysh(dub + ["no prefer-region"])
    wait(lambda: "expressroute-community" not in
         router().vtysh_cmd("show route-map ER-lab-dub-PRIVATE-IN"),
         "route-map not removed")
    # lab-dub's Microsoft peering keeps its own
    assert router().vtysh_cmd("show running-config").count(
        "prefer-region northeurope") == 1
    neighbor = show_json("show bgp neighbors 192.168.101.130 json")
    assert "routeMapForIncomingAdvertisements" not in json.dumps(neighbor)
    # the default is not written
    ams = ["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "peering private"]
    vtysh(ams + ["no custom-vnet-communities"])
    assert "custom-vnet-communities" not in router().vtysh_cmd(
        "show running-config")
    vtysh(ams + ["custom-vnet-communities"])
    vtysh(dub + ["prefer-region northeurope"])
    wait(lambda: best("10.20.0.0/16") == (best("10.20.0.0/16")[0], 150)
         and best("10.20.0.0/16")[0] in DUB_MSEES, "preference not back",
         count=60)
    assert "   prefer-region northeurope\n" in router().vtysh_cmd(
        "show running-config")
