#!/usr/bin/env python3
"""
Managing circuits over NETCONF with a real client (Debian's
python3-ncclient), against the CE's bgpd running the module and
`-M expressroute_netconf`.

The client connects over SSH with a key from users/<name>/*.pub, lists the
capabilities, downloads the model, builds a circuit in the candidate,
validates and commits it, sees the sessions come up and reads their health
with filters, receives the verdict-change notification when the primary
link is cut, gets rpc-errors for bad edits with running unchanged, and
deletes everything again.  Two clients contend for the lock.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from lib import topotest
from lib.topogen import get_topogen

import er_netconf_client
from er_netconf_client import bgpd_args, make_keys
from er_topo import cut_link, start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
BUILD = er_netconf_client.BUILD
ER_NS = "http://frrouting.org/yang/expressroute"
NC_NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
NS = {"er": ER_NS}

KEYS = tempfile.mkdtemp(prefix="er-netconf-keys-")


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    make_keys(KEYS)
    tgen = start_lab(request, CWD, ce1_bgpd_args=bgpd_args(KEYS))
    yield tgen
    tgen.stop_topology()
    shutil.rmtree(KEYS, ignore_errors=True)


def router(name="ce1"):
    return get_topogen().gears[name]


def vtysh(commands):
    return router().cmd("vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def running_config():
    return router().vtysh_cmd("show running-config bgpd")


def connect(user="alice"):
    return er_netconf_client.connect(router(), KEYS, user)


@pytest.fixture(scope="module")
def nc():
    m = connect()
    yield m
    if m.connected:
        m.close_session()


def circuit_xml(name, peerings, operation=None):
    op = ' xmlns:nc="%s" nc:operation="%s"' % (NC_NS, operation) if operation else ""
    return ('<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>default</vrf>'
            '<circuit%s><name>%s</name>%s</circuit></instance></expressroute></config>'
            % (NC_NS, ER_NS, op, name, peerings))


PRIVATE = ("<peering><type>private</type><vlan-id>100</vlan-id>"
           "<ipv4><primary-subnet>192.168.100.128/30</primary-subnet>"
           "<secondary-subnet>192.168.100.132/30</secondary-subnet></ipv4>"
           "<ipv6><primary-subnet>2001:db8:1::/126</primary-subnet>"
           "<secondary-subnet>2001:db8:1::4/126</secondary-subnet></ipv6>"
           "<shared-key>LabKey2026</shared-key></peering>")
MICROSOFT = ("<peering><type>microsoft</type><vlan-id>101</vlan-id>"
             "<ipv4><primary-subnet>198.51.100.0/30</primary-subnet>"
             "<secondary-subnet>198.51.100.4/30</secondary-subnet></ipv4>"
             "<advertise>203.0.113.0/24</advertise></peering>")
LAB = circuit_xml("lab-ams", "<bandwidth>1000</bandwidth>" + PRIVATE + MICROSOFT)


def show_circuit(name="lab-ams"):
    return json.loads(router().vtysh_cmd("show expressroute circuit %s json" % name))


def verdicts():
    try:
        return {p["type"]: p["verdict"] for p in show_circuit()["peerings"]}
    except (KeyError, ValueError):
        return {}


def wait(check, what, count=90, wait=1):
    def test():
        return None if check() else "not yet"

    _, result = topotest.run_and_expect(test, None, count=count, wait=wait)
    assert result is None, "%s: %s" % (what, verdicts())


def all_ok():
    return verdicts() == {"private": "ok", "microsoft": "ok"}


def running_xml(m):
    return m.get_config(source="running").data_xml


# -------------------------------------------------------------------------
# the tests, in the order an operator would go
# -------------------------------------------------------------------------

def test_capabilities_list_the_model_and_netconf_features(nc):
    caps = list(nc.server_capabilities)
    for wanted in (":candidate", ":validate", ":xpath", ":writable-running",
                   ":notification", ":interleave"):
        assert any(wanted in c for c in caps), (wanted, caps)
    assert any("module=frr-expressroute" in c for c in caps), caps
    assert any("module=ietf-netconf-monitoring" in c for c in caps), caps


def test_schema_download_is_the_model(nc, tmp_path):
    text = nc.get_schema("frr-expressroute").data
    assert text.startswith("module frr-expressroute {"), text[:200]
    # the downloaded module is the model: yanglint compiles it and it
    # prints the same tree as the one in the repository
    path = tmp_path / "frr-expressroute.yang"
    path.write_text(text)
    tree = subprocess.check_output(["yanglint", "-f", "tree", str(path)], text=True)
    ours = subprocess.check_output(
        ["yanglint", "-f", "tree", os.path.join(BUILD, "yang", "frr-expressroute.yang")],
        text=True)
    assert tree == ours
    listed = nc.get(filter=("subtree", '<netconf-state xmlns="urn:ietf:params:xml:'
                            'ns:yang:ietf-netconf-monitoring"><schemas/></netconf-state>'))
    assert "<identifier>frr-expressroute</identifier>" in listed.data_xml


def test_circuit_in_candidate_validated_committed(nc):
    before = running_config()
    nc.edit_config(target="candidate", config=LAB)
    # in the candidate, not yet in running
    candidate = nc.get_config(source="candidate", filter=("subtree",
                              '<expressroute xmlns="%s"/>' % ER_NS)).data_xml
    assert "<name>lab-ams</name>" in candidate
    assert running_config() == before
    nc.validate(source="candidate")
    nc.commit()
    config = running_config()
    assert "expressroute circuit lab-ams" in config, config
    assert "neighbor 192.168.100.130 remote-as 12076" in config, config


def test_sessions_come_up():
    wait(all_ok, "peerings not ok after the NETCONF commit")


def test_health_read_with_filters(nc):
    state = nc.get(filter=("xpath", (NS, "/er:expressroute/er:instance/er:circuit"
                                     "[er:name='lab-ams']/er:peering[er:type='private']/er:state")))
    root = state.data_ele
    assert root.findtext(".//er:peering/er:state/er:verdict", namespaces=NS) == "ok"
    sessions = root.findall(".//er:session", namespaces=NS)
    assert {s.findtext("er:neighbor", namespaces=NS) for s in sessions} == {
        "192.168.100.130", "192.168.100.134", "2001:db8:1::2", "2001:db8:1::6"}
    assert all(s.findtext("er:state", namespaces=NS) == "Established" for s in sessions)
    # a filter selects only what it names: no configuration leaves here
    assert root.find(".//er:vlan-id", namespaces=NS) is None
    # the MD5 key is configuration, never state
    assert "LabKey2026" not in state.data_xml
    # subtree filter with a content match on the circuit
    subtree = nc.get(filter=("subtree", '<expressroute xmlns="%s"><instance><circuit>'
                             '<name>lab-ams</name><state/></circuit></instance>'
                             '</expressroute>' % ER_NS))
    assert subtree.data_ele.findtext(".//er:circuit/er:state/er:verdict",
                                     namespaces=NS) == "ok"


def test_vtysh_change_is_visible_over_netconf(nc):
    vtysh(["configure terminal", "router bgp 64900", "expressroute circuit lab-ams",
           "location Amsterdam"])
    config = nc.get_config(source="running").data_ele
    assert config.findtext(".//er:circuit/er:location", namespaces=NS) == "Amsterdam"
    # and the untouched candidate follows running
    candidate = nc.get_config(source="candidate").data_ele
    assert candidate.findtext(".//er:circuit/er:location", namespaces=NS) == "Amsterdam"


def peering_only(body, operation):
    return LAB.replace("<bandwidth>1000</bandwidth>" + PRIVATE + MICROSOFT,
                       body.replace("<peering>", '<peering xmlns:nc="%s" nc:operation="%s">'
                                    % (NC_NS, operation), 1))


def test_replace_and_remove_on_running(nc):
    """replace swaps a whole subtree: the private peering without its IPv6
    subnets loses its IPv6 sessions; remove of something absent is no
    error, delete of it is; replace with the full peering brings
    everything back."""
    ipv4_only = PRIVATE.replace(
        "<ipv6><primary-subnet>2001:db8:1::/126</primary-subnet>"
        "<secondary-subnet>2001:db8:1::4/126</secondary-subnet></ipv6>", "")
    nc.edit_config(target="running", config=peering_only(ipv4_only, "replace"))
    config = running_config()
    assert "neighbor 192.168.100.130 remote-as 12076" in config, config
    assert "2001:db8:1::2" not in config, config
    nc.edit_config(target="running", config=circuit_xml(
        "lab-ams", '<description xmlns:nc="%s" nc:operation="remove"/>' % NC_NS))
    # an empty leaf to delete: the location vtysh set earlier
    assert "location Amsterdam" in running_config()
    nc.edit_config(target="running", config=circuit_xml(
        "lab-ams", '<location xmlns:nc="%s" nc:operation="delete"/>' % NC_NS))
    assert "location" not in running_config()
    with pytest.raises(RPCError) as error:
        nc.edit_config(target="running", config=circuit_xml(
            "lab-ams", '<location xmlns:nc="%s" nc:operation="delete"/>' % NC_NS))
    assert error.value.tag == "data-missing"
    nc.edit_config(target="running", config=peering_only(PRIVATE, "replace"))
    assert "neighbor 2001:db8:1::2 remote-as 12076" in running_config()
    wait(all_ok, "peerings not ok after the peering was replaced back")


def test_notification_when_the_primary_link_is_cut(nc):
    nc.create_subscription()
    while nc.take_notification(block=False):
        pass
    cut_link(get_topogen(), "msee1")
    try:
        deadline = time.time() + 30
        seen = []
        while time.time() < deadline:
            n = nc.take_notification(block=True, timeout=deadline - time.time())
            if n is None:
                break
            ele = etree.fromstring(n.notification_xml.encode())
            change = ele.find(".//er:verdict-change", namespaces=NS)
            if change is None:
                continue
            seen.append({c.tag.split("}")[1]: c.text for c in change})
            if seen[-1].get("new-verdict") == "degraded":
                # kept for the documentation's example
                with open(os.path.join(router().logdir, "netconf-notification.xml"), "w") as f:
                    f.write(n.notification_xml)
                break
        assert seen and seen[-1]["new-verdict"] == "degraded", seen
        assert seen[-1]["circuit"] == "lab-ams" and seen[-1]["old-verdict"] == "ok", seen
        assert seen[-1]["reason"], seen
    finally:
        cut_link(get_topogen(), "msee1", up=True)
    wait(all_ok, "not back to ok after the link came back")


def peering_xml(body):
    return circuit_xml("lab-bad", "<peering><type>private</type>%s</peering>" % body)


LINKS = ("<vlan-id>300</vlan-id><ipv4><primary-subnet>10.9.0.0/30</primary-subnet>"
         "<secondary-subnet>%s</secondary-subnet></ipv4>")

# (case, what is sent, error-tag, words of the error-message, end of the error-path)
BAD_EDITS = [
    ("vlan-not-a-number", peering_xml("<vlan-id>abc</vlan-id>"),
     "invalid-value", "Invalid", "/vlan-id"),
    ("vlan-4095", peering_xml("<vlan-id>4095</vlan-id>"),
     "invalid-value", "between 1 and 4094", "/vlan-id"),
    ("vlan-0", peering_xml("<vlan-id>0</vlan-id>"),
     "invalid-value", "between 1 and 4094", "/vlan-id"),
    ("vlan-huge", peering_xml("<vlan-id>99999999999999999999</vlan-id>"),
     "invalid-value", "", "/vlan-id"),
    ("unknown-element", circuit_xml("lab-bad", "<colour>blue</colour>"),
     "invalid-value", "colour", ""),
    ("unknown-peering-type", peering_xml("").replace("private", "public"),
     "invalid-value", "public", "/type"),
    ("prefix-length-33", peering_xml(LINKS % "10.9.0.4/33"),
     "invalid-value", "10.9.0.4/33", "/secondary-subnet"),
    ("ipv6-in-ipv4", peering_xml(LINKS % "2001:db8::/126"),
     "invalid-value", "2001:db8::/126", "/secondary-subnet"),
    ("subnet-not-30", peering_xml(LINKS.replace("/30", "/29") % "10.9.0.8/29"),
     "invalid-value", "/30", "peering[type='private']"),
    ("same-subnet-twice", peering_xml(LINKS % "10.9.0.0/30"),
     "invalid-value", "lab-bad", "peering[type='private']"),
    ("subnets-overlap-lab-ams", peering_xml(LINKS.replace("10.9.0.0", "192.168.100.128") % "10.9.0.4/30"),
     "invalid-value", "192.168.100.128/30", ""),
    ("keepalive-over-hold", peering_xml((LINKS % "10.9.0.4/30")
                                        + "<timers><keepalive>60</keepalive><hold>30</hold></timers>"),
     "invalid-value", "lab-bad", "peering[type='private']"),
    ("bfd-multiplier-0", peering_xml("<bfd><multiplier>0</multiplier></bfd>"),
     "invalid-value", "out of the allowed range", "/multiplier"),
    ("bfd-multiplier-256", peering_xml("<bfd><multiplier>256</multiplier></bfd>"),
     "invalid-value", "", "/multiplier"),
    ("name-300-chars", circuit_xml("x" * 300, ""), "invalid-value", "x" * 20, ""),
    ("name-non-ascii", circuit_xml("lab-\u00e9t\u00e9", ""), "invalid-value", "", "/name"),
    ("service-key-not-uuid", circuit_xml("lab-bad", "<service-key>not-a-key-\u00e9</service-key>"),
     "invalid-value", "does not conform", "/service-key"),
    ("missing-key", '<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>default</vrf>'
     "<circuit><bandwidth>50</bandwidth></circuit></instance></expressroute></config>" % (NC_NS, ER_NS),
     "invalid-value", "name", ""),
    ("wrong-namespace", '<config xmlns="%s"><expressroute xmlns="urn:example:nothing"/></config>' % NC_NS,
     "invalid-value", "urn:example:nothing", ""),
    ("deeply-wrong", '<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>default</vrf><circuit>'
     "<name>lab-bad</name><peering><peering><peering><type>private</type></peering></peering></peering>"
     "</circuit></instance></expressroute></config>" % (NC_NS, ER_NS),
     "invalid-value", "peering", ""),
    ("create-existing", circuit_xml("lab-ams", "", operation="create"),
     "data-exists", "exists", "circuit[name='lab-ams']"),
    ("delete-missing", circuit_xml("lab-nowhere", "", operation="delete"),
     "data-missing", "not exist", "circuit[name='lab-nowhere']"),
]


@pytest.mark.parametrize("case,config,tag,words,path", BAD_EDITS, ids=[b[0] for b in BAD_EDITS])
@pytest.mark.parametrize("target", ["running", "candidate"])
def test_bad_edit_rpc_error_running_unchanged(nc, case, config, tag, words, path, target):
    before_nc, before_cli = running_xml(nc), running_config()
    with pytest.raises(RPCError) as error:
        nc.edit_config(target=target, config=config)
        if target == "candidate":
            nc.commit()
    if target == "candidate":
        nc.discard_changes()
    assert error.value.tag == tag, (error.value.tag, error.value.message)
    assert words in (error.value.message or ""), error.value.message
    assert (error.value.path or "").endswith(path), error.value.path
    assert running_xml(nc) == before_nc
    assert running_config() == before_cli
    assert verdicts() == {"private": "ok", "microsoft": "ok"}


def test_prefix_host_bits_taken_in_canonical_form(nc):
    """RFC 6991: an ip-prefix's canonical form has the host bits cleared,
    and libyang stores it so (vtysh refuses the typed form instead, to
    catch a typo at the prompt)."""
    nc.edit_config(target="candidate", config=peering_xml(LINKS.replace("10.9.0.0/30", "10.9.0.1/30")
                                                         % "10.9.0.4/30"))
    text = nc.get_config(source="candidate").data_xml
    nc.discard_changes()
    assert "<primary-subnet>10.9.0.0/30</primary-subnet>" in text


def test_rule_violation_has_error_path_and_candidate_keeps_it(nc):
    bad = circuit_xml("lab-bad", "<peering><type>private</type><vlan-id>300</vlan-id>"
                      "<ipv4><primary-subnet>10.9.0.0/30</primary-subnet>"
                      "<secondary-subnet>10.9.0.0/30</secondary-subnet></ipv4></peering>")
    nc.edit_config(target="candidate", config=bad)
    with pytest.raises(RPCError) as error:
        nc.validate(source="candidate")
    assert error.value.path == ("/frr-expressroute:expressroute/instance[vrf='default']"
                                "/circuit[name='lab-bad']/peering[type='private']"), error.value.path
    with pytest.raises(RPCError):
        nc.commit()
    # RFC 6241: a failed commit leaves the candidate as it was
    assert "lab-bad" in nc.get_config(source="candidate").data_xml
    assert "lab-bad" not in running_xml(nc)
    nc.discard_changes()
    assert "lab-bad" not in nc.get_config(source="candidate").data_xml


def test_two_clients_one_lock():
    a, b = connect("alice"), connect("bob")
    try:
        a.lock(target="running")
        with pytest.raises(RPCError) as denied:
            b.lock(target="running")
        assert denied.value.tag == "lock-denied"
        assert str(a.session_id) in etree.tostring(denied.value.xml).decode()
        with pytest.raises(RPCError) as in_use:
            b.edit_config(target="running", config=circuit_xml("lab-ams", "<location>Paris</location>"))
        assert in_use.value.tag == "in-use", in_use.value.message
        # vtysh is refused too while NETCONF holds the lock
        out = vtysh(["configure terminal", "router bgp 64900",
                     "expressroute circuit lab-ams", "location Paris"])
        assert "locked" in out, out
        assert "Paris" not in running_config()
        # the holder can change running
        a.edit_config(target="running", config=circuit_xml("lab-ams", "<location>Dublin</location>"))
        assert "location Dublin" in running_config()
        a.unlock(target="running")
        b.lock(target="running")
        # killing the holder's session releases its lock
        a.kill_session(b.session_id)
        wait(lambda: not b.connected or _lock_free(a), "killed session's lock not released",
             count=20, wait=0.5)
        a.lock(target="running")
        a.unlock(target="running")
    finally:
        for m in (a, b):
            if m.connected:
                m.close_session()


def _lock_free(m):
    try:
        m.lock(target="running")
    except RPCError:
        return False
    m.unlock(target="running")
    return True


def test_netconf_change_survives_write_memory_and_restart(nc):
    nc.edit_config(target="running", config=circuit_xml("lab-ams", "<provider>Lab Exchange</provider>"))
    vtysh(["write memory"])
    saved = router().cmd("cat /etc/frr/frr.conf /etc/frr/bgpd.conf 2>/dev/null")
    assert "provider Lab Exchange" in saved, saved
    before = running_config()
    router().net.killRouterDaemons(["bgpd"])
    router().net.startRouterDaemons(["bgpd"])
    assert running_config() == before
    wait(all_ok, "peerings not back after the restart")
    # a new session sees the saved configuration
    m = connect()
    try:
        config = m.get_config(source="running").data_ele
        assert config.findtext(".//er:circuit/er:provider", namespaces=NS) == "Lab Exchange"
    finally:
        m.close_session()


def test_delete_everything_again():
    m = connect()
    try:
        m.edit_config(target="candidate", config=circuit_xml("lab-ams", "", operation="delete"))
        m.commit()
        config = running_config()
        assert "expressroute circuit" not in config, config
        assert "remote-as 12076" not in config, config
        assert "lab-ams" not in m.get_config(source="running").data_xml
    finally:
        m.close_session()
    assert not get_topogen().routers_have_failure()
