#!/usr/bin/env python3
"""
The outputs that must be the same on every FRR release the module supports
(8.4, 10.3, 10.7): the module's running-config, and the keys of every show
command's JSON and of the YANG operational state, for one configuration.

This test checks them on the release it runs on and writes them to
release-outputs.json in its log directory (and where ER_RELEASE_OUTPUTS
names a file, there too); tests/releases/compare.py compares the files of
the releases (tools/run-tests does, after running every release).
"""

import json
import os
import re

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))

SHOW_JSON = [
    "show expressroute json",
    "show expressroute vrf all json",
    "show expressroute circuit lab-ams json",
]
YANG_STATE = "show yang operational-data /frr-expressroute:expressroute bgpd"


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    yield tgen
    tgen.stop_topology()


def ce1():
    return get_topogen().gears["ce1"]


def key_paths(value, path=""):
    """Every key path of a JSON document ("peerings[].sessions[].role");
    list items merged, so the paths do not depend on how many there are."""
    paths = set()
    if isinstance(value, dict):
        for key, item in value.items():
            sub = "%s.%s" % (path, key) if path else key
            paths.add(sub)
            paths |= key_paths(item, sub)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, path + "[]")
    return paths


def module_config():
    """The module's lines of running-config: the expressroute blocks (from
    the circuit line to its last exit) of every BGP instance."""
    lines, inside = [], False
    for line in ce1().vtysh_cmd("show running-config").splitlines():
        if line.startswith(" expressroute circuit "):
            inside = True
        if inside:
            lines.append(line.rstrip())
        if inside and line.rstrip() == " exit":
            inside = False
    return lines


def all_established():
    out = json.loads(ce1().vtysh_cmd("show expressroute circuit lab-ams json"))
    states = [s.get("state") for p in out["peerings"] for s in p["sessions"]]
    if len(states) != 6 or any(s != "Established" for s in states):
        return states
    return None


def test_sessions_up():
    _, result = topotest.run_and_expect(all_established, None, count=120, wait=1)
    assert result is None, "sessions not all Established: %s" % result


def test_reset_one_session():
    """Every session key appears on every release: lastResetReason is
    there once a session was reset, so reset one (the same on all)."""
    ce1().vtysh_cmd("clear bgp 192.168.100.130")
    test_sessions_up()


def test_outputs():
    config = module_config()
    # the module's order, not the order typed (nor libyang's)
    circuits = [l for l in config if l.startswith(" expressroute circuit ")]
    assert circuits == [" expressroute circuit lab-ams",
                        " expressroute circuit lab-zrh"], config
    peerings = [l for l in config if l.startswith("  peering ")]
    assert peerings == ["  peering private", "  peering microsoft"], config
    advertised = [l for l in config if l.startswith("   advertise ")]
    assert advertised == ["   advertise 192.0.2.0/24",
                          "   advertise 203.0.113.0/24"], config
    # what the configuration typed: every leaf is written back
    for expected in ("  sku premium", "  global-reach lab-fra subnet 10.255.0.0/29",
                     "   bfd interval 500 multiplier 4", "   max-prefix-in ipv4 1000",
                     "   max-prefix-out warning 90", "  connectivity point-to-point",
                     "   advertise 192.0.2.0/24", "   shared-key LabKey2026"):
        assert expected in config, "%r missing from %s" % (expected, config)
    assert not any("(null)" in line for line in ce1().vtysh_cmd(
        "show running-config").splitlines()), "a (null) in running-config"

    outputs = {"running-config": config, "json-keys": {}}
    for command in SHOW_JSON + [YANG_STATE]:
        text = ce1().vtysh_cmd(command)
        try:
            document = json.loads(text)
        except ValueError:
            pytest.fail("%s: not JSON: %s" % (command, text[:500]))
        paths = key_paths(document)
        assert paths, "%s: an empty document" % command
        outputs["json-keys"][command] = sorted(paths)

    # the neighbors the module made, as bgpd writes them: the same
    # settings on every release (the lines, not bgpd's own defaults)
    neighbors = [l.rstrip() for l in ce1().vtysh_cmd("show running-config").splitlines()
                 if re.match(r" +neighbor (192\.168\.100|198\.51\.100|2001:db8:1::)", l)]
    assert neighbors, "no neighbor lines for the module's sessions"
    outputs["neighbor-lines"] = sorted(neighbors)

    files = [os.path.join(ce1().logdir, "release-outputs.json")]
    if os.environ.get("ER_RELEASE_OUTPUTS"):
        files.append(os.environ["ER_RELEASE_OUTPUTS"])
    for name in files:
        os.makedirs(os.path.dirname(name), exist_ok=True)
        with open(name, "w") as f:
            json.dump(outputs, f, indent=1, sort_keys=True)
