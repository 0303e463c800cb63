#!/usr/bin/env python3
"""
frr-expressroute-import on the lab CE: Azure's example circuit and peering
list (tests/import/fixtures) imported with vtysh -f give sessions that come
up; the running configuration is what the tool printed; check mode then
finds no difference, and reports each field changed on either side, with
both values; a document the module would refuse changes nothing.
"""

import copy
import json
import os
import shlex
import shutil
import tempfile

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
BUILD = os.path.abspath(os.environ.get("ER_BUILD_DIR", os.path.join(CWD, "..", "..", "..")))
IMPORT = os.path.join(BUILD, "frr-expressroute-import")
FIXTURES = os.path.join(CWD, "..", "..", "import", "fixtures")
CIRCUIT_DOC = os.path.join(FIXTURES, "arm-circuit-get.json")
PEERINGS_DOC = os.path.join(FIXTURES, "lab-peerings.json")
ROUTES_DOC = os.path.join(FIXTURES, "lab-route-table-private-primary.json")
ARP_DOC = os.path.join(FIXTURES, "lab-arp-private-primary.json")
NETWORKS = ["172.16.0.0/16", "123.1.0.0/24", "3ffe:ffff:0:cd31::/120"]
NAME = "circuitName"
WORK = tempfile.mkdtemp(prefix="er-import-")

CIRCUIT = ["configure terminal", "router bgp 100", "expressroute circuit %s" % NAME]
PRIVATE = CIRCUIT + ["peering private"]
MICROSOFT = CIRCUIT + ["peering microsoft"]
# what running-config leaves out: the model's defaults
DEFAULT_LINES = {"  sku standard", "  billing metered", "  connectivity colocation"}


def ce1():
    return get_topogen().gears["ce1"]


def tool(args):
    """Run the tool on the CE (its vtysh is the CE's): (rc, stdout, stderr)."""
    return ce1().net.cmd_status(shlex.join([IMPORT] + args), warn=False)


def vtysh(commands):
    return ce1().cmd("vtysh %s 2>&1" % " ".join("-c %s" % shlex.quote(c) for c in commands))


def import_lines():
    rc, out, err = tool(["--asn", "100"]
                        + sum((["--network", n] for n in NETWORKS), [])
                        + [CIRCUIT_DOC, PEERINGS_DOC])
    assert rc == 0, err
    return out


def load(text):
    path = os.path.join(WORK, "import.conf")
    with open(path, "w") as f:
        f.write(text)
    output = ce1().cmd("vtysh -f %s 2>&1" % path)
    errors = [l for l in output.splitlines()
              if l.startswith("%") and not l.startswith("% Warning")]
    assert not errors, output


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    load(import_lines())
    yield tgen
    tgen.stop_topology()
    shutil.rmtree(WORK, ignore_errors=True)


def circuit_state():
    return json.loads(ce1().vtysh_cmd("show expressroute circuit %s json" % NAME))


def wait(check, what, count=160, wait=0.5):
    _, result = topotest.run_and_expect(
        lambda: None if check() else "not yet", None, count=count, wait=wait)
    assert result is None, "%s: %s" % (what, json.dumps(circuit_state()))


def all_up():
    peerings = circuit_state().get("peerings", [])
    sessions = [s for p in peerings for s in p["sessions"]]
    return (len(peerings) == 2 and len(sessions) == 8
            and all(s["state"] == "Established" for s in sessions))


def advertised(neighbor):
    out = json.loads(ce1().vtysh_cmd(
        "show bgp ipv4 unicast neighbors %s advertised-routes json" % neighbor))
    return set(out.get("advertisedRoutes", {}))


def advertising():
    """The sessions up, and the CE's networks sent on the private primary
    link (the route table's): BGP sends its updates a moment later."""
    return all_up() and {"172.16.0.0/16", "123.1.0.0/24"} <= advertised("10.0.0.2")


def docs(circuit=None, peerings=None):
    """Azure's documents, as files, possibly changed."""
    paths = []
    for name, original, doc in (("circuit", CIRCUIT_DOC, circuit),
                                ("peerings", PEERINGS_DOC, peerings)):
        if doc is None:
            paths.append(original)
            continue
        path = os.path.join(WORK, "%s.json" % name)
        with open(path, "w") as f:
            json.dump(doc, f)
        paths.append(path)
    return paths


def check(paths=None, extra=()):
    rc, out, err = tool(["--check", "--json"] + list(extra)
                        + (paths or [CIRCUIT_DOC, PEERINGS_DOC]))
    assert rc in (0, 1), err
    result = json.loads(out)
    assert result["agree"] == (rc == 0), out
    return result


def differences(result):
    return [(d["field"], d["azure"], d["router"]) for d in result["differences"]]


def test_import_brings_the_sessions_up():
    wait(all_up, "the imported peerings' sessions did not come up")
    verdicts = {p["type"]: p["verdict"] for p in circuit_state()["peerings"]}
    assert verdicts == {"private": "ok", "microsoft": "ok"}, circuit_state()


def test_running_config_is_what_the_tool_printed():
    printed = import_lines().splitlines()
    block = printed[printed.index(" expressroute circuit %s" % NAME):]
    block = block[:block.index(" exit") + 1]
    running = ce1().vtysh_cmd("show running-config bgpd").splitlines()
    start = running.index(" expressroute circuit %s" % NAME)
    shown = running[start:running.index(" exit", start) + 1]
    assert shown == [l for l in block if l not in DEFAULT_LINES]
    for network in NETWORKS:
        assert "  network %s" % network in running


def test_check_finds_no_difference():
    wait(advertising, "sessions not up, or the networks not advertised")
    rc, out, err = tool(["--check", "--route-table", "private:primary=" + ROUTES_DOC,
                         "--arp-table", "private:primary=" + ARP_DOC,
                         "--save-router", os.path.join(WORK, "router.json"),
                         CIRCUIT_DOC, PEERINGS_DOC])
    assert rc == 0, out + err
    assert out == "circuit %s (vrf default): the CE agrees with Azure\n" % NAME
    result = check(extra=["--route-table", "private:primary=" + ROUTES_DOC,
                          "--arp-table", "private:primary=" + ARP_DOC])
    assert result["agree"] and result["tablesCompared"] == 2
    assert result["routerAsn"] == 100
    # the saved state gives the same answer without the router
    rc, out, err = tool(["--check", "--router", os.path.join(WORK, "router.json"),
                         "--route-table", "private:primary=" + ROUTES_DOC,
                         CIRCUIT_DOC, PEERINGS_DOC])
    assert rc == 0, out + err


# The CE changed: (commands, undo, expected difference)
ROUTER_CHANGES = [
    (PRIVATE + ["vlan 201"], PRIVATE + ["vlan 200"],
     ("peering[private]/vlan-id", "200", "201")),
    (MICROSOFT + ["ipv4 primary 123.0.0.8/30 secondary 123.0.0.4/30"],
     MICROSOFT + ["ipv4 primary 123.0.0.0/30 secondary 123.0.0.4/30"],
     ("peering[microsoft]/ipv4/primary-subnet", "123.0.0.0/30", "123.0.0.8/30")),
    (PRIVATE + ["ipv6 primary 3ffe:ffff:0:cd30::/126 secondary 3ffe:ffff:0:cd30::10/126"],
     PRIVATE + ["ipv6 primary 3ffe:ffff:0:cd30::/126 secondary 3ffe:ffff:0:cd30::4/126"],
     ("peering[private]/ipv6/secondary-subnet", "3ffe:ffff:0:cd30::4/126",
      "3ffe:ffff:0:cd30::10/126")),
    (PRIVATE + ["shared-key LabKey2026"], PRIVATE + ["no shared-key"],
     ("peering[private]/shared-key", None, "set")),
    (PRIVATE + ["shutdown"], PRIVATE + ["no shutdown"],
     ("peering[private]/shutdown", "Enabled", "shutdown")),
    (MICROSOFT + ["advertise 123.2.0.0/24"], MICROSOFT + ["no advertise 123.2.0.0/24"],
     ("peering[microsoft]/advertise", None, "123.2.0.0/24")),
    (CIRCUIT + ["sku premium"], CIRCUIT + ["sku standard"], ("sku", "standard", "premium")),
    (CIRCUIT + ["bandwidth 1000"], CIRCUIT + ["bandwidth 200"], ("bandwidth", "200", "1000")),
    (CIRCUIT + ["service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"],
     CIRCUIT + ["service-key a1410692-0000-4ceb-b94a-b90b94d398d1"],
     ("service-key", "a1410692-0000-4ceb-b94a-b90b94d398d1",
      "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")),
    (CIRCUIT + ["provider Equinix"], CIRCUIT + ["provider providerName"],
     ("provider", "providerName", "Equinix")),
    (CIRCUIT + ["location Amsterdam"], CIRCUIT + ["location peeringLocation"],
     ("location", "peeringLocation", "Amsterdam")),
    (CIRCUIT + ["global-reach contoso-fra subnet 10.255.0.0/29"],
     CIRCUIT + ["no global-reach contoso-fra"],
     ("global-reach[contoso-fra]", None, "contoso-fra")),
    (CIRCUIT + ["no peering microsoft"], None,
     ("peering[microsoft]", "MicrosoftPeering", None)),
]


@pytest.mark.parametrize("change,undo,expected", ROUTER_CHANGES,
                         ids=[c[2][0].replace(":", ".") for c in ROUTER_CHANGES])
def test_check_reports_a_change_on_the_ce(change, undo, expected):
    output = vtysh(change)
    assert "%" not in output.replace("% Warning", ""), output
    try:
        assert differences(check()) == [expected]
    finally:
        if undo:
            vtysh(undo)
        else:
            load(import_lines())
    assert differences(check()) == []


def with_peering(doc, peering_type, change):
    doc = copy.deepcopy(doc)
    for item in doc["value"]:
        if item["properties"]["peeringType"] == peering_type:
            change(item["properties"])
    return doc


def set_sku(doc):
    doc = copy.deepcopy(doc)
    doc["sku"] = {"name": "Premium_MeteredData", "tier": "Premium", "family": "MeteredData"}
    return doc


def set_bandwidth(doc):
    doc = copy.deepcopy(doc)
    doc["properties"]["serviceProviderProperties"]["bandwidthInMbps"] = 1000
    return doc


def global_reach(p):
    p["connections"] = [{
        "name": "to-fra",
        "properties": {
            "peerExpressRouteCircuitPeering": {
                "id": "/subscriptions/subid/resourceGroups/rg2/providers/Microsoft.Network/"
                      "expressRouteCircuits/contoso-fra/peerings/AzurePrivatePeering"},
            "addressPrefix": "10.255.0.0/29"}}]


def without_microsoft(doc):
    doc = copy.deepcopy(doc)
    doc["value"] = [p for p in doc["value"]
                    if p["properties"]["peeringType"] != "MicrosoftPeering"]
    return doc


def azure_changes():
    with open(CIRCUIT_DOC) as f:
        circuit = json.load(f)
    with open(PEERINGS_DOC) as f:
        peerings = json.load(f)
    private = "AzurePrivatePeering"
    microsoft = "MicrosoftPeering"
    return [
        (None, with_peering(peerings, private, lambda p: p.update(vlanId=201)),
         ("peering[private]/vlan-id", "201", "200")),
        (None, with_peering(peerings, private,
                            lambda p: p.update(primaryPeerAddressPrefix="10.0.0.8/30")),
         ("peering[private]/ipv4/primary-subnet", "10.0.0.8/30", "10.0.0.0/30")),
        (None, with_peering(peerings, microsoft, lambda p: p["ipv6PeeringConfig"].update(
            secondaryPeerAddressPrefix="3FFE:FFFF:0:CD30::10/126")),
         ("peering[microsoft]/ipv6/secondary-subnet", "3ffe:ffff:0:cd30::10/126",
          "3ffe:ffff:0:cd30::c/126")),
        (None, with_peering(peerings, private, lambda p: p.update(peerASN=65010)),
         ("peering[private]/peer-asn", "65010", "100")),
        (None, with_peering(peerings, private, lambda p: p.update(sharedKey="LabKey2026")),
         ("peering[private]/shared-key", "set", None)),
        (None, with_peering(peerings, private, lambda p: p.update(state="Disabled")),
         ("peering[private]/shutdown", "Disabled", "no shutdown")),
        (None, with_peering(peerings, private,
                            lambda p: p["ipv6PeeringConfig"].update(state="Disabled")),
         ("peering[private]/ipv6", "Disabled", "configured")),
        (None, with_peering(peerings, microsoft, lambda p: p["microsoftPeeringConfig"][
            "advertisedPublicPrefixes"].append("123.2.0.0/24")),
         ("peering[microsoft]/advertise", "123.2.0.0/24", None)),
        (None, with_peering(peerings, private, global_reach),
         ("global-reach[contoso-fra]/subnet", "10.255.0.0/29", None)),
        (None, without_microsoft(peerings),
         ("peering[microsoft]", None, "microsoft")),
        (set_sku(circuit), None, ("sku", "premium", "standard")),
        (set_bandwidth(circuit), None, ("bandwidth", "1000", "200")),
    ]


AZURE_CHANGES = azure_changes()


@pytest.mark.parametrize("circuit,peerings,expected", AZURE_CHANGES,
                         ids=[("%s=%s" % c[2][:2]).replace(":", ".")
                              for c in AZURE_CHANGES])
def test_check_reports_a_change_in_azure(circuit, peerings, expected):
    assert differences(check(docs(circuit, peerings))) == [expected]


def table_doc(path, change):
    with open(path) as f:
        doc = json.load(f)
    change(doc["value"])
    out = os.path.join(WORK, os.path.basename(path))
    with open(out, "w") as f:
        json.dump(doc, f)
    return out


def drop_route(routes, network):
    routes[:] = [r for r in routes if r["network"] != network]


TABLE_CHANGES = [
    ("--route-table", ROUTES_DOC, lambda v: drop_route(v, "172.16.0.0/16"),
     ("route-table[private/primary]", None, "172.16.0.0/16")),
    ("--route-table", ROUTES_DOC,
     lambda v: v.append({"network": "192.0.2.0/24", "nextHop": "10.0.0.1", "path": "100",
                         "locPrf": None, "weight": 0}),
     ("route-table[private/primary]", "192.0.2.0/24", None)),
    ("--arp-table", ARP_DOC, lambda v: v[0].update(ipAddress="10.0.0.3"),
     ("arp-table[private/primary]", "10.0.0.3 (02:00:00:00:01:01)", "10.0.0.1")),
    ("--arp-table", ARP_DOC, lambda v: v.clear(),
     ("arp-table[private/primary]", None, "10.0.0.1")),
]


@pytest.mark.parametrize("option,path,change,expected", TABLE_CHANGES,
                         ids=["route-missing", "route-extra", "arp-other", "arp-empty"])
def test_check_reports_what_azure_sees_on_a_link(option, path, change, expected):
    wait(advertising, "sessions not up, or the networks not advertised")
    table = table_doc(path, change)
    result = check(extra=[option, "private:primary=" + table])
    assert differences(result) == [expected]


def test_refused_document_changes_nothing():
    before = ce1().vtysh_cmd("show running-config bgpd")
    peerings = with_peering(json.load(open(PEERINGS_DOC)), "AzurePrivatePeering",
                            lambda p: p.update(primaryPeerAddressPrefix="10.0.0.0/29"))
    rc, out, err = tool(["--asn", "100"] + docs(None, peerings))
    assert rc == 2 and out == ""
    assert ("error: %s: value[1].properties.primaryPeerAddressPrefix: IPv4 link subnet "
            "10.0.0.0/29 is a /29" % os.path.join(WORK, "peerings.json")) in err
    load(out)
    assert ce1().vtysh_cmd("show running-config bgpd") == before


def test_check_without_the_circuit():
    vtysh(["configure terminal", "router bgp 100",
           "no expressroute circuit %s" % NAME])
    try:
        rc, out, err = tool(["--check", CIRCUIT_DOC, PEERINGS_DOC])
        assert rc == 1, out + err
        assert ("  circuit: Azure %s, CE (none)\n"
                "      the router has no circuit %s in vrf default\n" % (NAME, NAME)) in out
    finally:
        load(import_lines())
    wait(all_up, "the sessions did not come back")
    assert differences(check()) == []
