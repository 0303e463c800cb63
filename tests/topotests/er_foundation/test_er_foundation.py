#!/usr/bin/env python3
"""
Foundation: the distro's bgpd loads the module, the ER-aware vtysh knows its
commands, and the model's data comes back from bgpd as config and JSON.
"""

import json
import os

import pytest

from lib.topogen import get_topogen
from lib.topotest import json_cmp

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd]

CWD = os.path.dirname(os.path.realpath(__file__))


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD, daemons=("zebra", "bgpd"))
    yield tgen
    tgen.stop_topology()


def test_module_loaded_only_where_asked():
    ce1 = get_topogen().gears["ce1"]
    modules = ce1.vtysh_cmd("show modules")
    assert "bgpd_expressroute" in modules
    assert "Azure ExpressRoute support for bgpd" in modules
    assert "bgpd_expressroute" not in get_topogen().gears["msee1"].vtysh_cmd(
        "show modules"
    )


def test_show_expressroute_json():
    ce1 = get_topogen().gears["ce1"]
    output = json.loads(ce1.vtysh_cmd("show expressroute json"))
    expected = {
        "circuits": [
            {
                "name": "lab-ams",
                "vrf": "default",
                "serviceKey": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                "provider": "Lab Exchange",
                "location": "Amsterdam",
                "bandwidthMbps": 1000,
                "sku": "standard",
                "peerings": [
                    {
                        "type": "private",
                        "vlanId": 100,
                        "sessions": [
                            {
                                "role": "primary",
                                "addressFamily": "ipv4",
                                "neighbor": "192.168.100.130",
                            },
                            {
                                "role": "secondary",
                                "addressFamily": "ipv4",
                                "neighbor": "192.168.100.134",
                            },
                        ],
                    }
                ],
            }
        ]
    }
    assert json_cmp(output, expected) is None, output


def test_running_config_from_the_model():
    ce1 = get_topogen().gears["ce1"]
    config = ce1.vtysh_cmd("show running-config")
    block = (
        " expressroute circuit lab-ams\n"
        "  service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n"
        "  provider Lab Exchange\n"
        "  location Amsterdam\n"
        "  bandwidth 1000\n"
        "  peering private\n"
        "   vlan 100\n"
        "   ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30\n"
        "  exit\n"
        " exit\n"
    )
    # the whole block, contiguous: defaults (sku standard, bfd 300 x3,
    # timers 60 180) are not printed in it
    assert block in config, config


def test_model_in_daemon_config_json():
    ce1 = get_topogen().gears["ce1"]
    output = ce1.vtysh_cmd("show configuration running json with-defaults bgpd")
    output = json.loads(output[output.index("{") :])
    instance = output["frr-expressroute:expressroute"]["instance"][0]
    assert instance["vrf"] == "default"
    peering = instance["circuit"][0]["peering"][0]
    assert peering["vlan-id"] == 100
    assert peering["bfd"] == {"enabled": True, "interval": 300, "multiplier": 3}


def test_model_in_daemon_config_xml():
    ce1 = get_topogen().gears["ce1"]
    output = ce1.vtysh_cmd("show configuration running xml bgpd")
    assert '<expressroute xmlns="http://frrouting.org/yang/expressroute">' in output
    assert "<name>lab-ams</name>" in output
    assert "<vlan-id>100</vlan-id>" in output


def test_bad_input_is_refused_and_changes_nothing():
    ce1 = get_topogen().gears["ce1"]
    before = ce1.vtysh_cmd("show running-config")
    output = ce1.cmd(
        "vtysh -c 'configure terminal' -c 'router bgp 65010' "
        "-c 'expressroute circuit lab-ams' -c 'peering private' "
        "-c 'ipv4 primary 192.168.100.128/30 secondary 192.168.100.128/30' 2>&1"
    )
    assert "Configuration failed" in output, output
    assert "circuit lab-ams (vrf default) peering private" in output, output
    assert ce1.vtysh_cmd("show running-config") == before
