#!/usr/bin/env python3
"""
The lab demo: what an operator sees on a CE router running the distro's FRR
with frr-expressroute, next to a simulated pair of Microsoft edge routers.

Run by tools/run-demo.  Each step prints the vtysh commands as typed and
what vtysh answers.
"""

import os

import pytest

from lib.topogen import get_topogen

from er_topo import start_lab

CWD = os.path.dirname(os.path.realpath(__file__))

CIRCUIT = [
    "configure terminal",
    "router bgp 65010",
    "expressroute circuit contoso-ams",
    "description Contoso primary circuit",
    "service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "provider Equinix",
    "location Amsterdam",
    "bandwidth 1000",
    "peering private",
    "vlan 100",
    "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30",
    "shared-key Contoso2026",
    "end",
]


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD, daemons=("zebra", "bgpd"))
    yield tgen
    tgen.stop_topology()


def step(title):
    print("\n" + "=" * 78 + "\n" + title + "\n" + "=" * 78)


def vtysh(commands, show_typed=True):
    """Run vtysh on ce1 as an operator would, printing input and output."""
    ce1 = get_topogen().gears["ce1"]
    if show_typed:
        for command in commands:
            print("ce1# " + command)
    args = " ".join("-c '%s'" % c for c in commands)
    output = ce1.cmd("vtysh %s 2>&1" % args)
    print(output.rstrip())
    return output


def test_demo():
    step("1. bgpd on the CE runs the distro's FRR with the module loaded")
    vtysh(["show modules"])

    step("2. The operator describes the circuit once")
    vtysh(CIRCUIT)

    step("3. It is part of the BGP instance's running configuration")
    output = vtysh(["show running-config"])
    assert "expressroute circuit contoso-ams" in output

    step("4. The module derives both sessions: CE = first address, MSEE = second")
    output = vtysh(["show expressroute"])
    assert "192.168.100.130" in output and "192.168.100.134" in output
    vtysh(["show expressroute json"])

    step("5. A rule Microsoft enforces is checked before Microsoft does")
    output = vtysh(
        [
            "configure terminal",
            "router bgp 65010",
            "expressroute circuit contoso-ams",
            "peering microsoft",
            "vlan 100",
        ]
    )
    assert "VLAN ID 100 is used by both" in output
