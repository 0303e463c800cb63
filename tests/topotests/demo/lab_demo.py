#!/usr/bin/env python3
"""
The lab demo: what an operator sees on a CE router running the distro's FRR
with frr-expressroute, next to a simulated pair of Microsoft edge routers
(msee1, msee2: AS 12076, BFD 300 ms x 3, as Azure runs them).

Run by tools/run-demo.  Each step prints the vtysh commands as typed on the
CE and what vtysh answers.
"""

import json
import os
import tempfile
import time

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_netconf_client import connect, netconf_lab
from er_topo import cut_link

CWD = os.path.dirname(os.path.realpath(__file__))
KEYS = tempfile.mkdtemp(prefix="er-demo-keys-")
ER_NS = "http://frrouting.org/yang/expressroute"

CIRCUIT = [
    "configure terminal",
    "router bgp 64900",
    "expressroute circuit contoso-ams",
    "description Contoso Amsterdam",
    "service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "provider Equinix",
    "location Amsterdam",
    "bandwidth 1000",
    "peering private",
    "vlan 100",
    "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30",
    "ipv6 primary 2001:db8:1::/126 secondary 2001:db8:1::4/126",
    "shared-key LabKey2026",
    "exit",
    "peering microsoft",
    "vlan 101",
    "ipv4 primary 198.51.100.0/30 secondary 198.51.100.4/30",
    "advertise 203.0.113.0/24",
    "end",
]


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    yield from netconf_lab(request, CWD, KEYS)


def step(title):
    print("\n" + "=" * 78 + "\n" + title + "\n" + "=" * 78, flush=True)


def vtysh(commands, show=True):
    """Run vtysh on ce1 as an operator would, printing input and output."""
    ce1 = get_topogen().gears["ce1"]
    if show:
        for command in commands:
            print("ce1# " + command)
    output = ce1.cmd("vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))
    if show:
        print(output.rstrip(), flush=True)
    return output


def circuit_state():
    return json.loads(vtysh(["show expressroute circuit contoso-ams json"], False))


def private_verdict():
    return next(p for p in circuit_state()["peerings"] if p["type"] == "private")


def wait_for(verdict, count=120):
    def check():
        p = private_verdict()
        return None if p["verdict"] == verdict and all(
            s["state"] == "Established" or verdict != "ok"
            for s in p["sessions"]) else "not yet"

    _, result = topotest.run_and_expect(check, None, count=count, wait=0.5)
    assert result is None, "private peering never %s" % verdict


def wait_for_circuit_ok(count=240):
    """The whole circuit ok: every peering ok, every session Established."""
    def check():
        c = circuit_state()
        return None if c["verdict"] == "ok" and all(
            p["verdict"] == "ok" and all(s["state"] == "Established"
                                         for s in p["sessions"])
            for p in c["peerings"]) else "not yet"

    _, result = topotest.run_and_expect(check, None, count=count, wait=0.5)
    c = circuit_state()
    assert result is None, "circuit not ok: %s" % ", ".join(
        "%s %s" % (p["type"], p["verdict"]) for p in c["peerings"])
    return c


def test_demo():
    step("1. bgpd on the CE runs the distro's FRR with the module loaded")
    vtysh(["show modules"])

    step("2. The operator describes the circuit once (no neighbor typed)")
    vtysh(CIRCUIT)

    step("3. The module made the neighbors Microsoft expects")
    wait_for_circuit_ok()
    vtysh(["show bgp summary"])
    vtysh(["show bfd peers brief"])

    step("4. The circuit is healthy (counters restarted after the set-up)")
    vtysh(["clear expressroute statistics"])
    time.sleep(6)
    vtysh(["show expressroute"])
    vtysh(["show expressroute circuit contoso-ams"])

    step("5. The provider cuts the primary link (msee1's side; ce1-eth0 stays up)")
    cut_at = time.time()
    cut_link(get_topogen(), "msee1")
    wait_for("degraded", count=200)
    print("degraded %.2f s after the cut" % (time.time() - cut_at))
    vtysh(["show expressroute"])
    vtysh(["show expressroute circuit contoso-ams"])
    print(get_topogen().gears["ce1"].cmd(
        "grep 'is now' %s/ce1/bgpd.log" % get_topogen().gears["ce1"].logdir))

    step("6. The link comes back")
    cut_link(get_topogen(), "msee1", up=True)
    c = wait_for_circuit_ok()
    print("circuit %s again: %s" % (c["verdict"], ", ".join(
        "%s peering %s" % (p["type"], p["verdict"]) for p in c["peerings"])))
    vtysh(["show expressroute"])
    print(get_topogen().gears["ce1"].cmd(
        "grep 'is now' %s/ce1/bgpd.log" % get_topogen().gears["ce1"].logdir))

    step("7. A rule Microsoft enforces is checked before Microsoft does")
    output = vtysh(["configure terminal", "router bgp 64900",
                    "expressroute circuit contoso-ams", "peering microsoft",
                    "vlan 100"])
    assert "VLAN ID 100 is used by both" in output

    step("8. Automation: the same circuit over NETCONF (ncclient, SSH, port 830)")
    from ncclient.operations.rpc import RPCError

    m = connect(get_topogen().gears["ce1"], KEYS)
    print("session %s; server announces frr-expressroute: %s" % (
        m.session_id, any("module=frr-expressroute" in c for c in m.server_capabilities)))
    state = m.get(filter=("subtree", '<expressroute xmlns="%s"><instance><circuit>'
                          "<name>contoso-ams</name><peering><type>private</type><state>"
                          "<verdict/></state></peering></circuit></instance></expressroute>"
                          % ER_NS))
    print("<get> private peering verdict:", state.data_ele.findtext(
        ".//{%s}verdict" % ER_NS))
    edit = ('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><expressroute xmlns="%s">'
            "<instance><vrf>default</vrf><circuit><name>contoso-ams</name>%s</circuit>"
            "</instance></expressroute></config>")
    try:
        m.edit_config(target="candidate", config=edit % (
            ER_NS, "<peering><type>private</type><vlan-id>4095</vlan-id></peering>"))
    except RPCError as error:
        print("<edit-config> vlan 4095: rpc-error %s: %s\n  error-path %s" % (
            error.tag, error.message, error.path))
    m.edit_config(target="candidate", config=edit % (ER_NS, "<provider>Equinix AM5</provider>"))
    m.commit()
    print("<edit-config> provider + <commit>: ok; vtysh sees it:")
    config = vtysh(["show running-config bgpd"], show=False)
    print("ce1# show running-config bgpd   (circuit lines)")
    print("\n".join(line for line in config.splitlines()
                    if "expressroute circuit" in line or "provider" in line))
    m.close_session()
