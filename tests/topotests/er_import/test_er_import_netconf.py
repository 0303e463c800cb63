#!/usr/bin/env python3
"""
frr-expressroute-import --format yang, over NETCONF: Azure's example circuit
as the model's YANG JSON, in XML as NETCONF carries it (yanglint), edited
into the CE's running configuration with ncclient: the sessions come up
and check mode finds no difference, as with vtysh -f.
"""

import json
import os
import shlex
import subprocess
import tempfile

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_netconf_client import NC_NS, connect, netconf_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
BUILD = os.path.abspath(os.environ.get("ER_BUILD_DIR", os.path.join(CWD, "..", "..", "..")))
IMPORT = os.path.join(BUILD, "frr-expressroute-import")
MODEL = os.path.join(CWD, "..", "..", "..", "yang", "frr-expressroute.yang")
FIXTURES = os.path.join(CWD, "..", "..", "import", "fixtures")
DOCS = [os.path.join(FIXTURES, "arm-circuit-get.json"),
        os.path.join(FIXTURES, "lab-peerings.json")]
KEYS = tempfile.mkdtemp(prefix="er-import-keys-")


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    yield from netconf_lab(request, CWD, KEYS)


def ce1():
    return get_topogen().gears["ce1"]


def test_yang_json_over_netconf():
    yang = subprocess.run([IMPORT, "--format", "yang"] + DOCS,
                          capture_output=True, text=True)
    assert yang.returncode == 0, yang.stderr
    path = os.path.join(KEYS, "circuit.json")
    with open(path, "w") as f:
        f.write(yang.stdout)
    xml = subprocess.run(["yanglint", "-t", "config", "-f", "xml", MODEL, path],
                         capture_output=True, text=True)
    assert xml.returncode == 0, xml.stderr
    nc = connect(ce1(), KEYS)
    try:
        nc.edit_config(target="running",
                       config='<config xmlns="%s">%s</config>' % (NC_NS, xml.stdout))
    finally:
        nc.close_session()

    def established():
        state = json.loads(ce1().vtysh_cmd("show expressroute circuit circuitName json"))
        sessions = [s for p in state.get("peerings", []) for s in p["sessions"]]
        return len(sessions) == 8 and all(s["state"] == "Established" for s in sessions)

    _, result = topotest.run_and_expect(
        lambda: None if established() else "not yet", None, count=160, wait=0.5)
    assert result is None, ce1().vtysh_cmd("show expressroute circuit circuitName")

    rc, out, err = ce1().net.cmd_status(shlex.join([IMPORT, "--check"] + DOCS), warn=False)
    assert rc == 0, out + err
    assert "the CE agrees with Azure" in out
