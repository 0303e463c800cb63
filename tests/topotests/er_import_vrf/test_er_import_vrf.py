#!/usr/bin/env python3
"""
Azure's example circuit and peering list as published (both peerings on
the same IPv6 /126s), imported with the private peering in a VRF of its
own: --private-vrf er-private.  The kernel of the lab may have no VRF
device, so the VRF is a network namespace (zebra -n, FRR's netns backend)
on the CE, holding the private peering's links; the Microsoft peering
stays in the default table.  Every session (both peerings, IPv4 and IPv6,
primary and secondary) comes up; check mode finds no difference, and
reports a field changed on either side, in the right VRF.

    ce1-eth0 -- s1 -- msee1   Microsoft peering, primary     default table
    ce1-eth1 -- s2 -- msee2   Microsoft peering, secondary   default table
    ce1-eth2 -- s3 -- msee3   private peering, primary       vrf er-private
    ce1-eth3 -- s4 -- msee4   private peering, secondary     vrf er-private
"""

import json
import os
import shlex
import shutil
import tempfile

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import build_two_circuits, start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
BUILD = os.path.abspath(os.environ.get("ER_BUILD_DIR", os.path.join(CWD, "..", "..", "..")))
IMPORT = os.path.join(BUILD, "frr-expressroute-import")
FIXTURES = os.path.join(CWD, "..", "..", "import", "fixtures")
CIRCUIT_DOC = os.path.join(FIXTURES, "arm-circuit-get.json")
PEERINGS_DOC = os.path.join(FIXTURES, "arm-peering-list.json")
DOCS = [CIRCUIT_DOC, PEERINGS_DOC]
VRF = "er-private"
VRF_ARGS = ["--private-vrf", VRF]
NETWORKS = ["172.16.0.0/16", "123.1.0.0/24", "3ffe:ffff:0:cd31::/120"]
NAME = "circuitName"
WORK = tempfile.mkdtemp(prefix="er-import-vrf-")
# the interfaces of the private peering, moved into the VRF's namespace
VRF_PORTS = ("ce1-eth2", "ce1-eth3")


def ce1():
    return get_topogen().gears["ce1"]


def tool(args):
    """Run the tool on the CE (its vtysh is the CE's): (rc, stdout, stderr)."""
    return ce1().net.cmd_status(shlex.join([IMPORT] + args), warn=False)


def vtysh(commands):
    return ce1().cmd("vtysh %s 2>&1" % " ".join("-c %s" % shlex.quote(c) for c in commands))


def import_lines():
    rc, out, err = tool(["--asn", "100"] + VRF_ARGS
                        + sum((["--network", n] for n in NETWORKS), []) + DOCS)
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


def make_vrf(tgen):
    """The VRF as FRR's netns backend has it: a named namespace, seen
    from the CE's own namespace, holding the private peering's links."""
    net = tgen.gears["ce1"].net
    net.add_netns(VRF)
    for port in VRF_PORTS:
        net.set_intf_netns(port, VRF)
        net.cmd_raises("ip -n %s link set %s up" % (VRF, port))


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD, topo=build_two_circuits, before_start=make_vrf,
                     ce1_args=lambda daemon: "--vrfwnetns" if daemon == "zebra" else "")
    load(import_lines())
    yield tgen
    # the daemons first: zebra -n gives up the namespace at its exit
    for router in tgen.routers().values():
        router.stop()
    net = tgen.gears["ce1"].net
    for port in VRF_PORTS:
        net.reset_intf_netns(port)
    net.delete_netns(VRF)
    tgen.stop_topology()
    shutil.rmtree(WORK, ignore_errors=True)


def circuit_state(vrf):
    return json.loads(ce1().vtysh_cmd("show expressroute circuit %s vrf %s json" % (NAME, vrf)))


def sessions(vrf):
    return [s for p in circuit_state(vrf).get("peerings", []) for s in p["sessions"]]


def peering_types(vrf):
    return [p["type"] for p in circuit_state(vrf).get("peerings", [])]


def all_up():
    for vrf, peering in ((VRF, "private"), ("default", "microsoft")):
        found = sessions(vrf)
        if peering_types(vrf) != [peering] or len(found) != 4:
            return False
        if not all(s["state"] == "Established" for s in found):
            return False
    return True


def wait(check, what, count=160, wait=0.5):
    _, result = topotest.run_and_expect(
        lambda: None if check() else "not yet", None, count=count, wait=wait)
    assert result is None, "%s: %s %s" % (what, json.dumps(circuit_state(VRF)),
                                          json.dumps(circuit_state("default")))


def check(paths=None):
    rc, out, err = tool(["--check", "--json"] + VRF_ARGS + (paths or DOCS))
    assert rc in (0, 1), err
    result = json.loads(out)
    assert result["agree"] == (rc == 0), out
    return result


def differences(result):
    return [(d["field"], d["azure"], d["router"]) for d in result["differences"]]


def test_published_peerings_need_two_vrfs():
    rc, out, err = tool(["--asn", "100"] + DOCS)
    assert rc == 2 and out == ""
    assert ("; to terminate the peerings in two VRFs, give --private-vrf NAME") in err


def test_import_brings_every_session_up():
    wait(all_up, "the imported peerings' sessions did not come up")
    assert circuit_state(VRF)["peerings"][0]["verdict"] == "ok"
    assert circuit_state("default")["peerings"][0]["verdict"] == "ok"
    # the same MSEE address in both tables: one neighbor in each instance
    for vrf in (VRF, "default"):
        out = json.loads(ce1().vtysh_cmd("show bgp vrf %s neighbors 3ffe:ffff:0:cd30::2 json"
                                         % vrf))
        assert out["3ffe:ffff:0:cd30::2"]["bgpState"] == "Established", out


def bfd_up(vrf):
    peers = json.loads(ce1().vtysh_cmd("show bfd vrf %s peers json" % vrf))
    return len(peers) == 4 and all(p["status"] == "up" for p in peers)


def test_bfd_in_both_tables():
    wait(lambda: bfd_up("default"), "BFD of the Microsoft peering not up")
    wait(lambda: bfd_up(VRF), "BFD of the private peering (netns VRF) not up")


def test_running_config_has_one_block_per_vrf():
    running = ce1().vtysh_cmd("show running-config bgpd").splitlines()
    for header, peering in (("router bgp 100 vrf %s" % VRF, "private"),
                            ("router bgp 100", "microsoft")):
        start = running.index(header)
        block = running[start:running.index("exit", start)]
        assert " expressroute circuit %s" % NAME in block
        assert "  peering %s" % peering in block
        assert len([l for l in block if l.startswith("  peering ")]) == 1


def test_check_finds_no_difference():
    wait(all_up, "the sessions are not up")
    rc, out, err = tool(["--check", "--save-router", os.path.join(WORK, "router.json")]
                        + VRF_ARGS + DOCS)
    assert rc == 0, out + err
    assert out == "circuit %s (vrf %s, default): the CE agrees with Azure\n" % (NAME, VRF)
    # the saved state gives the same answer without the router
    rc, out, err = tool(["--check", "--router", os.path.join(WORK, "router.json")]
                        + VRF_ARGS + DOCS)
    assert rc == 0, out + err
    # without the option, the circuit is looked for in one instance
    rc, out, err = tool(["--check", "--router", os.path.join(WORK, "router.json")] + DOCS)
    assert rc == 2, out + err


def instance(vrf):
    return ["configure terminal", "router bgp 100" + ("" if vrf == "default" else " vrf " + vrf),
            "expressroute circuit %s" % NAME]


# The CE changed, in either instance: (commands, undo, expected difference)
ROUTER_CHANGES = [
    (instance(VRF) + ["peering private", "vlan 201"], instance(VRF) + ["peering private", "vlan 200"],
     ("peering[private]/vlan-id", "200", "201")),
    (instance("default") + ["peering microsoft", "advertise 123.2.0.0/24"],
     instance("default") + ["peering microsoft", "no advertise 123.2.0.0/24"],
     ("peering[microsoft]/advertise", None, "123.2.0.0/24")),
    (instance(VRF) + ["bandwidth 1000"], instance(VRF) + ["bandwidth 200"],
     ("bandwidth", "200", "1000")),
    (instance("default") + ["location Amsterdam"], instance("default") + ["location peeringLocation"],
     ("vrf[default]/location", "peeringLocation", "Amsterdam")),
]


@pytest.mark.parametrize("change,undo,expected", ROUTER_CHANGES,
                         ids=[c[2][0].replace(":", ".") for c in ROUTER_CHANGES])
def test_check_reports_a_change_on_the_ce(change, undo, expected):
    output = vtysh(change)
    assert "%" not in output.replace("% Warning", ""), output
    try:
        assert differences(check()) == [expected]
    finally:
        vtysh(undo)
    assert differences(check()) == []


def changed_peering(peering_type, change):
    with open(PEERINGS_DOC) as f:
        doc = json.load(f)
    for item in doc["value"]:
        if item["properties"]["peeringType"] == peering_type:
            change(item["properties"])
    path = os.path.join(WORK, "peerings.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


AZURE_CHANGES = [
    ("AzurePrivatePeering", lambda p: p.update(vlanId=201),
     ("peering[private]/vlan-id", "201", "200")),
    ("MicrosoftPeering", lambda p: p["ipv6PeeringConfig"].update(
        secondaryPeerAddressPrefix="3FFE:FFFF:0:CD30::10/126"),
     ("peering[microsoft]/ipv6/secondary-subnet", "3ffe:ffff:0:cd30::10/126",
      "3ffe:ffff:0:cd30::4/126")),
]


@pytest.mark.parametrize("peering_type,change,expected", AZURE_CHANGES,
                         ids=[c[2][0] for c in AZURE_CHANGES])
def test_check_reports_a_change_in_azure(peering_type, change, expected):
    path = changed_peering(peering_type, change)
    assert differences(check([CIRCUIT_DOC, path])) == [expected]


def test_check_without_the_circuit_in_one_vrf():
    vtysh(instance("default")[:2] + ["no expressroute circuit %s" % NAME])
    try:
        rc, out, err = tool(["--check"] + VRF_ARGS + DOCS)
        assert rc == 1, out + err
        assert "the router has no circuit %s in vrf default" % NAME in out
    finally:
        load(import_lines())
    wait(all_up, "the sessions did not come back")
    assert differences(check()) == []
