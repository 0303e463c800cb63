#!/usr/bin/env python3
"""
The NETCONF server on a hostile management network: while 50 sockets sit
idle (connected, not a byte of SSH), others send garbage, and 5 logged-in
sessions have sent half a message, a normal client (ncclient, and a
session by hand in each framing) logs in and gets its answers, the BGP
sessions to the MSEEs stay up, and the server closes each hostile
connection when its time is up, saying so in the log.

bgpd runs with short limits here (login-timeout=8, message-timeout=10,
max-logins-per-source=8) so that the test sees them trip; the attackers
connect from loopback addresses of their own (127.0.0.10 and up), so that
the per-source limit refuses only the one host that floods.
"""

import json
import os
import re
import tempfile
import time

import pytest

from lib.topogen import get_topogen

import er_netconf_client
from er_netconf_client import LAB, netconf_lab
from er_netconf_attack import Attack, Session, timed

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

HERE = os.path.dirname(os.path.realpath(__file__))
LAB_CONFIGS = os.path.join(HERE, "..", "er_netconf")
KEYS = tempfile.mkdtemp(prefix="er-netconf-hostile-keys-")
LIMITS = "login-timeout=8,message-timeout=10,max-logins=64,max-logins-per-source=8"
HOST, PORT = "127.0.0.1", er_netconf_client.PORT
# "answers": a generous bound, not a benchmark (tests/bench has the
# figures); the server this replaces took 10 s per idle socket, in turn
BOUND = 10
GET_CONFIG = "<get-config><source><running/></source></get-config>"


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    yield from netconf_lab(request, LAB_CONFIGS, KEYS, extra=LIMITS)


def router():
    return get_topogen().gears["ce1"]


def bgpd_log():
    with open(os.path.join(router().logdir, router().name, "bgpd.log"), errors="replace") as f:
        return f.read()


def established():
    """{neighbor: (state, times established)} of the CE's sessions."""
    peers = json.loads(router().vtysh_cmd("show bgp vrf all neighbors json"))
    return {addr: (p.get("bgpState"), p.get("connectionsEstablished"))
            for vrf in peers.values() for addr, p in vrf.items() if isinstance(p, dict)
            and "bgpState" in p}


def all_ok():
    return er_netconf_client.verdicts(router()) == {"private": "ok", "microsoft": "ok"}


def key(user):
    return os.path.join(KEYS, user)


def sources(first, count):
    return ["127.0.0.%d" % (first + i) for i in range(count)]


def test_circuit_up():
    m = er_netconf_client.connect(router(), KEYS)
    try:
        m.edit_config(target="running", config=LAB)
    finally:
        m.close_session()
    er_netconf_client.wait(all_ok, lambda: "peerings not ok: %s"
                           % er_netconf_client.verdicts(router()))


def test_normal_client_answered_under_attack():
    before = established()
    assert before and all(state == "Established" for state, _ in before.values()), before
    with er_netconf_client.in_netns(router().net.pid):
        attack = Attack(HOST, PORT, "bob", key("bob"), idle=50, garbage=5, half=5,
                        sources=sources(10, 50))
        with attack:
            assert attack.failed == 0
            # ncclient, a new session while the attack lasts
            seconds, m = timed(er_netconf_client.connect, router(), KEYS)
            assert seconds < BOUND, "login took %.1f s" % seconds
            try:
                for _ in range(5):
                    seconds, reply = timed(m.get_config, source="running")
                    assert seconds < BOUND, "get-config took %.1f s" % seconds
                    assert "lab-ams" in reply.data_xml
                state = m.get(filter=("xpath", "/expressroute/instance/circuit/peering/state"))
                assert state.data_xml.count("<verdict>ok</verdict>") == 2, state.data_xml
            finally:
                m.close_session()
            # by hand, in each framing
            for versions in (("1.0",), ("1.1",), ("1.0", "1.1")):
                seconds, session = timed(Session, HOST, PORT, "alice", key("alice"), versions)
                try:
                    reply = session.call(GET_CONFIG)
                finally:
                    session.close()
                assert seconds < BOUND and "<name>lab-ams</name>" in reply, (versions, reply)
            # the attack lasted throughout; BGP never noticed
            assert attack.still_open() == 50
            assert established() == before
            assert all_ok()


def test_hostile_connections_closed_in_time_and_logged():
    with er_netconf_client.in_netns(router().net.pid):
        attack = Attack(HOST, PORT, "bob", key("bob"), idle=10, garbage=3, half=2,
                        sources=sources(80, 10))
        with attack:
            # garbage is closed at once, the idle sockets at login-timeout
            time.sleep(1)
            assert attack.still_open() == 10
            deadline = time.time() + 30
            while attack.still_open() and time.time() < deadline:
                time.sleep(0.5)
            assert attack.still_open() == 0
            # the half messages at message-timeout
            closed = 0
            for session in attack.sessions:
                try:
                    session.read()
                except EOFError:
                    closed += 1
            assert closed == len(attack.sessions) == 2
    # what the operator reads (lines of a kind are limited to one in 10 s,
    # so some may be the previous test's attackers')
    log = bgpd_log()
    assert re.search(r"netconf: connection 127\.0\.0\.\d+ port \d+ closed: not logged in "
                     r"within 8 s \(no SSH version string\)", log), log[-3000:]
    assert re.search(r"netconf: connection bob from 127\.0\.0\.8\d port \d+ closed: 10 s "
                     r"without the rest of a message \(\d+ bytes of it came\)", log), log[-3000:]
    assert re.search(r"netconf: connection 127\.0\.0\.\d+ port \d+ closed before it logged in: ",
                     log), log[-3000:]


def test_bad_framing_and_oversized_messages_close_the_session():
    """RFC 6242 4.2: a chunk header that is not one, or a chunk larger
    than a message may be (16 MiB), ends the session at once."""
    with er_netconf_client.in_netns(router().net.pid):
        for junk in (b"\n#12x\n", b"\n#0\n", b"\n#999999999\n"):
            session = Session(HOST, PORT, "alice", key("alice"), ("1.1",))
            try:
                session.channel.sendall(junk)
                with pytest.raises(EOFError):
                    session.read()
            finally:
                session.close()
    log = bgpd_log()
    assert "closed: bad chunked framing (RFC 6242 4.2)" in log
    assert "closed: a message over the size limit" in log


def test_one_host_is_limited_others_are_not():
    with er_netconf_client.in_netns(router().net.pid):
        flood = Attack(HOST, PORT, idle=20, sources=["127.0.0.200"])
        with flood:
            time.sleep(1)
            held = flood.still_open()
            assert held == 8, held
            # another address logs in
            seconds, session = timed(Session, HOST, PORT, "alice", key("alice"),
                                     source="127.0.0.201")
            try:
                assert "<name>lab-ams</name>" in session.call(GET_CONFIG)
            finally:
                session.close()
    assert re.search(r"netconf: refused a connection from 127\.0\.0\.200 port \d+: 8 connections "
                     r"from 127\.0\.0\.200 are logging in \(max-logins-per-source=8\)",
                     bgpd_log())


def test_bgp_unaffected_and_server_alive():
    assert all_ok()
    states = established()
    assert all(state == "Established" for state, _ in states.values()), states
    m = er_netconf_client.connect(router(), KEYS)
    try:
        m.edit_config(target="running", config=er_netconf_client.circuit_xml(
            "lab-ams", "", operation="remove"))
    finally:
        m.close_session()
    down = [r.check_router_running() for r in get_topogen().routers().values()]
    assert not any(down), down
