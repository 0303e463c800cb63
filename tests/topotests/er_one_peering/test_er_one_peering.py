#!/usr/bin/env python3
"""
A router with exactly one peering: the YANG operational state must follow
the sessions from one query to the next.  (It once kept the session state
of the first query: the state of a peering's sessions was refreshed only
when the list key was asked for, which FRR never does, and with a single
peering nothing else moved it.)
"""

import json
import os

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
STATE = "show yang operational-data /frr-expressroute:expressroute bgpd"
PEERING = ["configure terminal", "router bgp 64900",
           "expressroute circuit solo", "peering private"]


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    yield tgen
    tgen.stop_topology()


def ce1():
    return get_topogen().gears["ce1"]


def vtysh(commands):
    return ce1().cmd("vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def show_peering():
    out = json.loads(ce1().vtysh_cmd("show expressroute circuit solo json"))
    return out["peerings"][0]


def yang_peering():
    data = json.loads(ce1().vtysh_cmd(STATE))
    circuit = data["frr-expressroute:expressroute"]["instance"][0]["circuit"][0]
    return circuit["peering"][0]["state"]


def yang_sessions():
    return {s["neighbor"]: s for s in yang_peering()["session"]}


def wait(check, what, count=120, wait=0.5):
    _, result = topotest.run_and_expect(
        lambda: None if check() else "not yet", None, count=count, wait=wait)
    assert result is None, "%s: show %s, YANG %s" % (
        what, json.dumps(show_peering()), json.dumps(yang_peering()))


def established_everywhere():
    return (all(s["state"] == "Established" for s in show_peering()["sessions"])
            and all(s["state"] == "Established"
                    for s in yang_sessions().values()))


def test_state_follows_the_sessions():
    wait(lambda: show_peering()["verdict"] == "ok", "never ok")
    wait(established_everywhere, "YANG state never Established")
    assert set(yang_sessions()) == {"192.168.100.130", "192.168.100.134"}

    vtysh(PEERING + ["shutdown"])
    wait(lambda: show_peering()["verdict"] == "incomplete", "shutdown not seen")
    # the same query as above, now with the sessions down
    wait(lambda: all(s["state"] != "Established"
                     for s in yang_sessions().values()),
         "YANG state still shows the sessions of the first query")
    assert yang_peering()["verdict"] == "incomplete"
    assert yang_peering()["reasons"] == ["peering is shut down"]
    for neighbor, session in yang_sessions().items():
        shown = next(s for s in show_peering()["sessions"]
                     if s["neighbor"] == neighbor)
        assert session["state"] == shown["state"], (session, shown)

    vtysh(PEERING + ["no shutdown"])
    wait(established_everywhere, "YANG state not Established again")
