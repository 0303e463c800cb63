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

import os
import re
import subprocess
import tempfile
import time

import pytest
from lxml import etree
from ncclient.operations.rpc import RPCError

from lib.topogen import get_topogen

import er_netconf_client
from er_netconf_client import (ER_NS, LAB, MICROSOFT, NC_NS, NS, PRIVATE, circuit_xml,
                               netconf_lab)
from er_topo import cut_link

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
BUILD = er_netconf_client.BUILD
KEYS = tempfile.mkdtemp(prefix="er-netconf-keys-")


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    yield from netconf_lab(request, CWD, KEYS)


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


def show_circuit(name="lab-ams"):
    return er_netconf_client.show_circuit(router(), name)


def verdicts():
    return er_netconf_client.verdicts(router())


def wait(check, what, count=90, wait=1):
    er_netconf_client.wait(check, lambda: "%s: %s" % (what, verdicts()), count, wait)


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


def test_prefer_region_over_netconf(nc):
    """prefer-region is a leaf-list of the model: set and removed over
    NETCONF, it makes and deletes the module's inbound route-map."""
    nc.edit_config(target="running", config=circuit_xml(
        "lab-ams", "<peering><type>private</type>"
        "<prefer-region>westeurope</prefer-region></peering>"))
    assert "   prefer-region westeurope\n" in running_config()
    assert "expressroute-community" in router().vtysh_cmd(
        "show route-map ER-lab-ams-PRIVATE-IN")
    nc.edit_config(target="running", config=circuit_xml(
        "lab-ams", '<peering><type>private</type><prefer-region xmlns:nc="%s" '
        'nc:operation="remove">westeurope</prefer-region></peering>' % NC_NS))
    assert "prefer-region" not in running_config()
    assert "expressroute-community" not in router().vtysh_cmd(
        "show route-map ER-lab-ams-PRIVATE-IN")


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


BLOCK_PEERING = ("<peering><type>private</type><vlan-id>400</vlan-id>"
                 "<ipv4><block>10.77.0.0/29</block></ipv4>"
                 "<ipv6><block>2001:db8:77::/125</block></ipv6></peering>")
SUBNETS_PEERING = ("<peering><type>private</type><vlan-id>400</vlan-id>"
                   "<ipv4><primary-subnet>10.77.0.0/30</primary-subnet>"
                   "<secondary-subnet>10.77.0.4/30</secondary-subnet></ipv4>"
                   "<ipv6><primary-subnet>2001:db8:77::/126</primary-subnet>"
                   "<secondary-subnet>2001:db8:77::4/126</secondary-subnet></ipv6></peering>")


def block_neighbors():
    return sorted(line for line in running_config().split("\n")
                  if line.startswith(" neighbor ") and ("10.77.0." in line or "2001:db8:77::" in line))


def test_block_and_two_subnets_over_netconf(nc):
    """Microsoft's /29 and /125 as one block, or the two subnets of each
    (the YANG choice): the same sessions, and running keeps the form the
    client sent; an edit with the other form replaces it."""
    nc.edit_config(target="candidate", config=circuit_xml("lab-blk", BLOCK_PEERING))
    nc.commit()
    config = running_config()
    assert "   ipv4 block 10.77.0.0/29" in config, config
    assert "   ipv6 block 2001:db8:77::/125" in config, config
    derived = block_neighbors()
    for msee in ("10.77.0.2", "10.77.0.6", "2001:db8:77::2", "2001:db8:77::6"):
        assert " neighbor %s remote-as 12076" % msee in derived, derived
    nc.edit_config(target="running", config=circuit_xml("lab-blk", SUBNETS_PEERING))
    config = running_config()
    assert "ipv4 block" not in config and "ipv6 block" not in config, config
    assert "   ipv4 primary 10.77.0.0/30 secondary 10.77.0.4/30" in config, config
    assert block_neighbors() == derived
    nc.edit_config(target="running", config=circuit_xml("lab-blk", "", operation="remove"))
    assert block_neighbors() == []


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

def microsoft_xml(body):
    return circuit_xml("lab-bad", "<peering><type>microsoft</type>%s</peering>" % body)


def bad_xml(body):
    return circuit_xml("lab-bad", body)


def instance_xml(circuits, vrf="default"):
    return ('<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>%s</vrf>%s'
            "</instance></expressroute></config>" % (NC_NS, ER_NS, vrf, circuits))


def many_circuits(body, count=10000, last=""):
    """count circuits in one edit (about 0.5 MB of XML), then last."""
    return instance_xml("".join("<circuit><name>bulk-%d</name>%s</circuit>" % (i, body)
                                for i in range(count)) + last)


def nested(depth, tag="junk"):
    """An edit with depth elements nested inside the circuit, built as an
    element: lxml refuses to parse a text nested deeper than 256."""
    def build():
        root = etree.fromstring(bad_xml(""))
        node = root.find(".//{%s}circuit" % ER_NS)
        for _ in range(depth):
            node = etree.SubElement(node, "{%s}%s" % (ER_NS, tag))
        return root
    return build


GR = "<global-reach><peer-circuit>%s</peer-circuit><subnet>%s</subnet></global-reach>"
GUID_PATTERN = "does not conform to \"[0-9a-fA-F]{8}-"

# libyang 2 and 3 wording -> what libyang 6 says instead
LIBYANG_REWORDED = [
    ("does not conform to", "does not match"),
    ("does not conform", "does not match"),
    ("The maximum number of open elements has been exceeded.",
     "of open elements has been exceeded."),
]


def path_names(error_path, end):
    """error_path ends with end; libyang 6 gives some errors only the
    schema path (no list keys), which then ends with end without its
    keys."""
    if error_path.endswith(end):
        return True
    return "[" not in error_path and error_path.endswith(re.sub(r"\[[^]]*\]", "", end))


def libyang_says(message, words):
    """words in message, as libyang 2 and 3 put it or libyang 6 does."""
    if words in message:
        return True
    for old, new in LIBYANG_REWORDED:
        if old in words and words.replace(old, new) in message:
            return True
    return False
RANGE = "out of the allowed range"
LENGTH = "length is not allowed"
NAME_RULE = "A name must be 1 to 63 characters from A-Z, a-z, 0-9, '.', '_' and '-'."
NOT_PUBLIC = "is not public: it lies in %s; Microsoft peering needs public addresses you own"
CIRCUIT = "circuit[name='lab-bad']"
PEERING = "peering[type='private']"
MS_PEERING = "peering[type='microsoft']"

# The invalid inputs of er_config's vtysh table (RULES, BAD_INPUT,
# BAD_AFTER) as XML edits, and what only XML can say (duplicates, garbage,
# nesting, state, size).  libyang refuses a value the model excludes while
# the edit is parsed, with the model's message and the leaf's path; the
# module's rules refuse the rest at commit, with a message starting
# "circuit NAME (vrf VRF)" and the circuit or peering as path.
#
# (case, what is sent, error-tag, words of the error-message, end of the error-path)
BAD_EDITS = [
    # --- Microsoft's communities: names the table knows, on their peering
    ("prefer-region-unknown",
     peering_xml("<prefer-region>atlantis</prefer-region>"),
     "invalid-value", "prefer-region atlantis: Microsoft publishes no BGP community",
     "circuit[name='lab-bad']/peering[type='private']"),
    ("prefer-region-pattern",
     peering_xml("<prefer-region>West Europe</prefer-region>"),
     "invalid-value", "programmatic name", "/prefer-region"),
    ("expect-service-on-private",
     peering_xml("<expect-service>exchange</expect-service>"),
     "invalid-value", "expect-service is for Microsoft peering",
     "circuit[name='lab-bad']/peering[type='private']"),
    # --- VLAN ID: uint16 1..4094, unique within the circuit
    ("vlan-not-a-number", peering_xml("<vlan-id>abc</vlan-id>"),
     "invalid-value", "Invalid", "/vlan-id"),
    ("vlan-4095", peering_xml("<vlan-id>4095</vlan-id>"),
     "invalid-value", "between 1 and 4094", "/vlan-id"),
    ("vlan-0", peering_xml("<vlan-id>0</vlan-id>"),
     "invalid-value", "between 1 and 4094", "/vlan-id"),
    ("vlan-minus-1", peering_xml("<vlan-id>-1</vlan-id>"),
     "invalid-value", 'Value "-1" is out of type uint16 min/max bounds', "/vlan-id"),
    ("vlan-huge", peering_xml("<vlan-id>99999999999999999999</vlan-id>"),
     "invalid-value", "", "/vlan-id"),
    ("vlan-with-children", peering_xml("<vlan-id><x>1</x></vlan-id>"),
     "invalid-value", "Invalid type uint16 empty value", "/vlan-id"),
    ("vlan-used-by-both-peerings",
     bad_xml("<peering><type>private</type><vlan-id>300</vlan-id></peering>"
             "<peering><type>microsoft</type><vlan-id>300</vlan-id></peering>"),
     "invalid-value", "VLAN ID 300 is used by both the microsoft and the private peering",
     CIRCUIT),
    # --- bandwidth: 50..400000, then the list of the connectivity model
    ("bandwidth-49", bad_xml("<bandwidth>49</bandwidth>"),
     "invalid-value", 'value "49" is ' + RANGE, "/bandwidth"),
    ("bandwidth-400001", bad_xml("<bandwidth>400001</bandwidth>"),
     "invalid-value", 'value "400001" is ' + RANGE, "/bandwidth"),
    ("bandwidth-100001", bad_xml("<bandwidth>100001</bandwidth>"),
     "invalid-value", "bandwidth 100001 Mbps is not offered for colocation circuits", CIRCUIT),
    ("bandwidth-300", bad_xml("<bandwidth>300</bandwidth>"),
     "invalid-value", "bandwidth 300 Mbps is not offered for colocation circuits", CIRCUIT),
    ("bandwidth-40000-provider", bad_xml("<bandwidth>40000</bandwidth>"),
     "invalid-value", "bandwidth 40000 Mbps is not offered for colocation circuits", CIRCUIT),
    # --- SKU, billing, connectivity, port speed
    ("sku-basic", bad_xml("<sku>basic</sku>"),
     "invalid-value", 'Invalid enumeration value "basic"', "/sku"),
    ("billing-free", bad_xml("<billing>free</billing>"),
     "invalid-value", 'Invalid enumeration value "free"', "/billing"),
    ("connectivity-wifi", bad_xml("<connectivity>wifi</connectivity>"),
     "invalid-value", 'Invalid enumeration value "wifi"', "/connectivity"),
    ("port-speed-40g", bad_xml("<connectivity>direct</connectivity><port-speed>40g</port-speed>"),
     "invalid-value", 'Invalid enumeration value "40g"', "/port-speed"),
    ("port-speed-without-direct", bad_xml("<port-speed>10g</port-speed>"),
     "invalid-value", "port-speed 10g applies only to ExpressRoute Direct, but connectivity "
     "is colocation", CIRCUIT),
    ("port-speed-any-to-any", bad_xml("<connectivity>any-to-any</connectivity>"
                                      "<port-speed>100g</port-speed>"),
     "invalid-value", "port-speed 100g applies only to ExpressRoute Direct, but connectivity "
     "is any-to-any", CIRCUIT),
    ("direct-bandwidth-50", bad_xml("<connectivity>direct</connectivity><bandwidth>50</bandwidth>"),
     "invalid-value", "bandwidth 50 Mbps is not offered on ExpressRoute Direct", CIRCUIT),
    ("direct-10g-bandwidth-40000", bad_xml("<connectivity>direct</connectivity><port-speed>10g"
                                           "</port-speed><bandwidth>40000</bandwidth>"),
     "invalid-value", "bandwidth 40000 Mbps is not offered on a 10g ExpressRoute Direct port pair",
     CIRCUIT),
    ("direct-100g-bandwidth-1000", bad_xml("<connectivity>direct</connectivity><port-speed>100g"
                                           "</port-speed><bandwidth>1000</bandwidth>"),
     "invalid-value", "bandwidth 1000 Mbps is not offered on a 100g ExpressRoute Direct port pair",
     CIRCUIT),
    ("direct-100g-bandwidth-2000", bad_xml("<connectivity>direct</connectivity><port-speed>100g"
                                           "</port-speed><bandwidth>2000</bandwidth>"),
     "invalid-value", "bandwidth 2000 Mbps is not offered on a 100g ExpressRoute Direct port pair",
     CIRCUIT),
    # --- BFD: interval 50..60000, multiplier 2..255
    ("bfd-interval-49", peering_xml("<bfd><interval>49</interval></bfd>"),
     "invalid-value", 'value "49" is ' + RANGE, "/bfd/interval"),
    ("bfd-interval-60001", peering_xml("<bfd><interval>60001</interval></bfd>"),
     "invalid-value", 'value "60001" is ' + RANGE, "/bfd/interval"),
    ("bfd-multiplier-0", peering_xml("<bfd><multiplier>0</multiplier></bfd>"),
     "invalid-value", RANGE, "/multiplier"),
    ("bfd-multiplier-1", peering_xml("<bfd><multiplier>1</multiplier></bfd>"),
     "invalid-value", 'value "1" is ' + RANGE, "/bfd/multiplier"),
    ("bfd-multiplier-256", peering_xml("<bfd><multiplier>256</multiplier></bfd>"),
     "invalid-value", "", "/multiplier"),
    ("bfd-enabled-maybe", peering_xml("<bfd><enabled>maybe</enabled></bfd>"),
     "invalid-value", 'Invalid boolean value "maybe"', "/bfd/enabled"),
    # --- timers: keepalive 3..65535, hold 10..65535, hold > keepalive
    ("keepalive-2", peering_xml("<timers><keepalive>2</keepalive></timers>"),
     "invalid-value", 'value "2" is ' + RANGE, "/timers/keepalive"),
    ("keepalive-65536", peering_xml("<timers><keepalive>65536</keepalive></timers>"),
     "invalid-value", 'Value "65536" is out of type uint16 min/max bounds', "/timers/keepalive"),
    ("hold-9", peering_xml("<timers><hold>9</hold></timers>"),
     "invalid-value", 'value "9" is ' + RANGE, "/timers/hold"),
    ("hold-65536", peering_xml("<timers><hold>65536</hold></timers>"),
     "invalid-value", 'Value "65536" is out of type uint16 min/max bounds', "/timers/hold"),
    ("keepalive-over-hold", peering_xml((LINKS % "10.9.0.4/30")
                                        + "<timers><keepalive>60</keepalive><hold>30</hold></timers>"),
     "invalid-value", "lab-bad", PEERING),
    ("hold-equals-keepalive", peering_xml("<timers><keepalive>10</keepalive><hold>10</hold></timers>"),
     "invalid-value", "hold time 10 s must be greater than the keepalive interval 10 s", PEERING),
    ("hold-below-default-keepalive", peering_xml("<timers><hold>30</hold></timers>"),
     "invalid-value", "hold time 30 s must be greater than the keepalive interval 60 s", PEERING),
    # --- outbound prefix limits: 1..10000, then Microsoft's limit per SKU
    ("out-ipv4-0", peering_xml("<prefix-limit-out><ipv4>0</ipv4></prefix-limit-out>"),
     "invalid-value", 'value "0" is ' + RANGE, "/prefix-limit-out/ipv4"),
    ("out-ipv4-10001", peering_xml("<prefix-limit-out><ipv4>10001</ipv4></prefix-limit-out>"),
     "invalid-value", 'value "10001" is ' + RANGE, "/prefix-limit-out/ipv4"),
    ("out-ipv4-4001-standard", peering_xml("<prefix-limit-out><ipv4>4001</ipv4></prefix-limit-out>"),
     "invalid-value", "outbound IPv4 prefix limit 4001 exceeds Microsoft's limit of 4000 for "
     "private peering on a standard circuit", PEERING),
    ("out-ipv6-0", peering_xml("<prefix-limit-out><ipv6>0</ipv6></prefix-limit-out>"),
     "invalid-value", 'value "0" is ' + RANGE, "/prefix-limit-out/ipv6"),
    ("out-ipv6-10001", peering_xml("<prefix-limit-out><ipv6>10001</ipv6></prefix-limit-out>"),
     "invalid-value", 'value "10001" is ' + RANGE, "/prefix-limit-out/ipv6"),
    ("out-ipv6-101", peering_xml("<prefix-limit-out><ipv6>101</ipv6></prefix-limit-out>"),
     "invalid-value", "outbound IPv6 prefix limit 101 exceeds Microsoft's limit of 100", PEERING),
    ("microsoft-out-ipv4-201", microsoft_xml("<prefix-limit-out><ipv4>201</ipv4></prefix-limit-out>"),
     "invalid-value", "outbound IPv4 prefix limit 201 exceeds Microsoft's limit of 200 for "
     "microsoft peering", MS_PEERING),
    ("warning-threshold-0", peering_xml("<prefix-limit-out><warning-threshold>0</warning-threshold>"
                                        "</prefix-limit-out>"),
     "invalid-value", 'value "0" is ' + RANGE, "/prefix-limit-out/warning-threshold"),
    ("warning-threshold-101", peering_xml("<prefix-limit-out><warning-threshold>101"
                                          "</warning-threshold></prefix-limit-out>"),
     "invalid-value", 'value "101" is ' + RANGE, "/prefix-limit-out/warning-threshold"),
    # --- inbound prefix limits: 1..4294967295
    ("in-ipv4-0", peering_xml("<prefix-limit-in><ipv4>0</ipv4></prefix-limit-in>"),
     "invalid-value", 'value "0" is ' + RANGE, "/prefix-limit-in/ipv4"),
    ("in-ipv4-2^32", peering_xml("<prefix-limit-in><ipv4>4294967296</ipv4></prefix-limit-in>"),
     "invalid-value", 'Value "4294967296" is out of type uint32 min/max bounds',
     "/prefix-limit-in/ipv4"),
    ("in-ipv6-0", peering_xml("<prefix-limit-in><ipv6>0</ipv6></prefix-limit-in>"),
     "invalid-value", 'value "0" is ' + RANGE, "/prefix-limit-in/ipv6"),
    ("in-warning-only-yes", peering_xml("<prefix-limit-in><warning-only>yes</warning-only>"
                                        "</prefix-limit-in>"),
     "invalid-value", 'Invalid boolean value "yes"', "/prefix-limit-in/warning-only"),
    ("redundancy-both", peering_xml("<redundancy>both</redundancy>"),
     "invalid-value", 'Invalid enumeration value "both"', "/redundancy"),
    ("shutdown-yes", peering_xml("<shutdown>yes</shutdown>"),
     "invalid-value", 'Invalid boolean value "yes"', "/shutdown"),
    # --- names and keys: too long, empty, outside the pattern, non-ASCII
    ("name-300-chars", circuit_xml("x" * 300, ""), "invalid-value", "x" * 20, ""),
    ("name-64-chars", circuit_xml("n" * 64, ""), "invalid-value", LENGTH, "/circuit/name"),
    ("name-empty", circuit_xml("", ""), "invalid-value", LENGTH, "/circuit/name"),
    ("name-with-space", circuit_xml("lab bad", ""), "invalid-value", NAME_RULE, "/circuit/name"),
    ("name-with-slash", circuit_xml("lab/bad", ""), "invalid-value", NAME_RULE, "/circuit/name"),
    ("name-non-ascii", circuit_xml("lab-\u00e9t\u00e9", ""), "invalid-value", "", "/name"),
    ("vrf-empty", instance_xml("", vrf=""), "invalid-value", LENGTH, "/instance/vrf"),
    ("vrf-37-chars", instance_xml("", vrf="v" * 37), "invalid-value", LENGTH, "/instance/vrf"),
    ("missing-key", instance_xml("<circuit><bandwidth>50</bandwidth></circuit>"),
     "invalid-value", "name", ""),
    ("description-241-chars", bad_xml("<description>%s</description>" % ("d" * 241)),
     "invalid-value", "A circuit description is 1 to 240 characters.", "/description"),
    ("description-empty", bad_xml("<description></description>"),
     "invalid-value", "A circuit description is 1 to 240 characters.", "/description"),
    ("provider-65-chars", bad_xml("<provider>%s</provider>" % ("p" * 65)),
     "invalid-value", "A provider name is 1 to 64 characters.", "/provider"),
    ("location-65-chars", bad_xml("<location>%s</location>" % ("l" * 65)),
     "invalid-value", "A peering location is 1 to 64 characters.", "/location"),
    ("location-empty", bad_xml("<location/>"), "invalid-value", "A peering location is 1 to 64 characters.", "/location"),
    ("route-map-in-64-chars", peering_xml("<route-map-in>%s</route-map-in>" % ("r" * 64)),
     "invalid-value", "A route-map name is 1 to 63 characters.", "/route-map-in"),
    ("route-map-out-empty", peering_xml("<route-map-out></route-map-out>"),
     "invalid-value", "A route-map name is 1 to 63 characters.", "/route-map-out"),
    # --- MD5 shared key: 1 to 25 letters and digits
    ("shared-key-26-chars", peering_xml("<shared-key>%s</shared-key>" % ("a" * 26)),
     "invalid-value", "The shared key must be 1 to 25 characters long.", "/shared-key"),
    ("shared-key-empty", peering_xml("<shared-key></shared-key>"),
     "invalid-value", "The shared key must be 1 to 25 characters long.", "/shared-key"),
    ("shared-key-non-ascii", peering_xml("<shared-key>k\u00e9y</shared-key>"),
     "invalid-value", "The shared key may only contain letters and digits.", "/shared-key"),
    ("shared-key-dash", peering_xml("<shared-key>a-b</shared-key>"),
     "invalid-value", "The shared key may only contain letters and digits.", "/shared-key"),
    ("shared-key-bang", peering_xml("<shared-key>abc!def</shared-key>"),
     "invalid-value", "The shared key may only contain letters and digits.", "/shared-key"),
    # --- service key: a GUID
    ("service-key-not-uuid", bad_xml("<service-key>not-a-key-\u00e9</service-key>"),
     "invalid-value", "does not conform", "/service-key"),
    ("service-key-35-chars", bad_xml("<service-key>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4</service-key>"),
     "invalid-value", GUID_PATTERN, "/service-key"),
    ("service-key-37-chars", bad_xml("<service-key>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d0"
                                     "</service-key>"),
     "invalid-value", GUID_PATTERN, "/service-key"),
    ("service-key-no-dashes", bad_xml("<service-key>0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d</service-key>"),
     "invalid-value", GUID_PATTERN, "/service-key"),
    ("service-key-not-hex", bad_xml("<service-key>zzzzzzzz-4e5f-4a6b-8c7d-9e0f1a2b3c4d</service-key>"),
     "invalid-value", GUID_PATTERN, "/service-key"),
    # --- link subnets: IPv4 /30, IPv6 /126, two different links, no overlap
    ("unknown-peering-type", peering_xml("").replace("private", "public"),
     "invalid-value", "public", "/type"),
    ("prefix-length-33", peering_xml(LINKS % "10.9.0.4/33"),
     "invalid-value", "10.9.0.4/33", "/secondary-subnet"),
    ("ipv4-300.1.1.0", peering_xml("<ipv4><primary-subnet>300.1.1.0/30</primary-subnet></ipv4>"),
     "invalid-value", '"300.1.1.0/30" does not conform', "/ipv4/primary-subnet"),
    ("ipv6-in-ipv4", peering_xml(LINKS % "2001:db8::/126"),
     "invalid-value", "2001:db8::/126", "/secondary-subnet"),
    ("ipv4-in-ipv6", peering_xml("<ipv6><primary-subnet>10.9.0.0/30</primary-subnet></ipv6>"),
     "invalid-value", '"10.9.0.0/30" does not conform', "/ipv6/primary-subnet"),
    ("subnet-not-30", peering_xml(LINKS.replace("/30", "/29") % "10.9.0.8/29"),
     "invalid-value", "/30", PEERING),
    ("ipv4-31", peering_xml("<ipv4><primary-subnet>10.9.0.0/31</primary-subnet></ipv4>"),
     "invalid-value", "IPv4 link subnet 10.9.0.0/31 is a /31: each ExpressRoute link needs "
     "exactly a /30", PEERING),
    ("same-subnet-twice", peering_xml(LINKS % "10.9.0.0/30"),
     "invalid-value", "lab-bad", PEERING),
    ("subnets-overlap-lab-ams", peering_xml(LINKS.replace("10.9.0.0", "192.168.100.128")
                                            % "10.9.0.4/30"),
     "invalid-value", "192.168.100.128/30", ""),
    ("ipv6-64", peering_xml("<ipv6><primary-subnet>2001:db8::/64</primary-subnet></ipv6>"),
     "invalid-value", "IPv6 link subnet 2001:db8::/64 is a /64: each ExpressRoute link needs "
     "exactly a /126", PEERING),
    ("ipv6-127", peering_xml("<ipv6><primary-subnet>2001:db8::/127</primary-subnet></ipv6>"),
     "invalid-value", "IPv6 link subnet 2001:db8::/127 is a /127", PEERING),
    ("ipv6-129", peering_xml("<ipv6><primary-subnet>2001:db8::/129</primary-subnet></ipv6>"),
     "invalid-value", '"2001:db8::/129" does not conform', "/ipv6/primary-subnet"),
    ("ipv6-same-subnet-twice", peering_xml("<ipv6><primary-subnet>2001:db8:9::/126</primary-subnet>"
                                           "<secondary-subnet>2001:db8:9::/126</secondary-subnet>"
                                           "</ipv6>"),
     "invalid-value", "primary and secondary link subnets are both 2001:db8:9::/126: each link "
     "needs its own /126", PEERING),
    ("ipv6-overlaps-lab-ams", peering_xml("<ipv6><primary-subnet>2001:db8:1::4/126"
                                          "</primary-subnet></ipv6>"),
     "invalid-value", "private peering IPv6 secondary subnet of circuit lab-ams 2001:db8:1::4/126 "
     "overlaps private peering IPv6 primary subnet of circuit lab-bad", ""),
    # --- Microsoft peering: public addresses, public prefixes, no default
    ("microsoft-rfc1918-subnet", microsoft_xml("<ipv4><primary-subnet>10.0.0.0/30</primary-subnet>"
                                               "</ipv4>"),
     "invalid-value", "10.0.0.0/30 " + NOT_PUBLIC % "10.0.0.0/8, RFC 1918 private space",
     MS_PEERING),
    ("microsoft-shared-space-subnet", microsoft_xml("<ipv4><primary-subnet>100.64.0.0/30"
                                                    "</primary-subnet></ipv4>"),
     "invalid-value", "100.64.0.0/30 " + NOT_PUBLIC % "100.64.0.0/10, shared address space "
     "(RFC 6598)", MS_PEERING),
    ("microsoft-loopback-subnet", microsoft_xml("<ipv4><primary-subnet>127.0.0.0/30"
                                                "</primary-subnet></ipv4>"),
     "invalid-value", "127.0.0.0/30 " + NOT_PUBLIC % "127.0.0.0/8, loopback space", MS_PEERING),
    ("microsoft-rfc1918-secondary", microsoft_xml("<ipv4><primary-subnet>198.51.100.64/30"
                                                  "</primary-subnet><secondary-subnet>"
                                                  "192.168.7.0/30</secondary-subnet></ipv4>"),
     "invalid-value", "192.168.7.0/30 " + NOT_PUBLIC % "192.168.0.0/16, RFC 1918 private space",
     MS_PEERING),
    ("microsoft-ula-subnet", microsoft_xml("<ipv6><primary-subnet>fd00::/126</primary-subnet>"
                                           "</ipv6>"),
     "invalid-value", "fd00::/126 " + NOT_PUBLIC % "fc00::/7, unique local space (RFC 4193)",
     MS_PEERING),
    ("microsoft-link-local-subnet", microsoft_xml("<ipv6><primary-subnet>fe80::/126"
                                                  "</primary-subnet></ipv6>"),
     "invalid-value", "fe80::/126 " + NOT_PUBLIC % "fe80::/10, link-local space", MS_PEERING),
    ("advertise-default-v4", microsoft_xml("<advertise>0.0.0.0/0</advertise>"),
     "invalid-value", "0.0.0.0/0 is a default route: Microsoft peering accepts only public "
     "prefixes you own, never a default route", MS_PEERING),
    ("advertise-default-v6", microsoft_xml("<advertise>::/0</advertise>"),
     "invalid-value", "::/0 is a default route", MS_PEERING),
    ("advertise-rfc1918", microsoft_xml("<advertise>172.16.0.0/12</advertise>"),
     "invalid-value", "172.16.0.0/12 " + NOT_PUBLIC % "172.16.0.0/12, RFC 1918 private space",
     MS_PEERING),
    ("advertise-ula", microsoft_xml("<advertise>fd00::/8</advertise>"),
     "invalid-value", "fd00::/8 " + NOT_PUBLIC % "fc00::/7, unique local space (RFC 4193)",
     MS_PEERING),
    ("advertise-multicast", microsoft_xml("<advertise>224.0.0.0/4</advertise>"),
     "invalid-value", "224.0.0.0/4 " + NOT_PUBLIC % "224.0.0.0/4, multicast space", MS_PEERING),
    ("advertise-second-private", microsoft_xml("<advertise>203.0.113.0/24</advertise>"
                                               "<advertise>10.0.0.0/8</advertise>"),
     "invalid-value", "10.0.0.0/8 " + NOT_PUBLIC % "10.0.0.0/8, RFC 1918 private space",
     MS_PEERING),
    ("advertise-not-a-prefix", microsoft_xml("<advertise>not-a-prefix</advertise>"),
     "invalid-value", 'Invalid union value "not-a-prefix"', "/advertise"),
    ("advertise-on-private", peering_xml("<advertise>203.0.113.0/24</advertise>"),
     "invalid-value", "advertise lists the prefixes of a Microsoft peering", PEERING),
    # --- Global Reach: another circuit, an IPv4 /29 overlapping nothing
    ("global-reach-to-itself", bad_xml(GR % ("lab-bad", "10.255.0.0/29")),
     "invalid-value", "Global Reach peer circuit lab-bad is this circuit: Global Reach connects "
     "two different circuits", CIRCUIT),
    ("global-reach-28", bad_xml(GR % ("c9", "10.255.0.0/28")),
     "invalid-value", "Global Reach subnet 10.255.0.0/28 is a /28: Global Reach needs exactly "
     "a /29", CIRCUIT),
    ("global-reach-30", bad_xml(GR % ("c9", "10.255.0.0/30")),
     "invalid-value", "Global Reach subnet 10.255.0.0/30 is a /30", CIRCUIT),
    ("global-reach-overlaps-lab-ams", bad_xml(GR % ("c9", "192.168.100.128/29")),
     "invalid-value", "Global Reach subnet of circuit lab-bad 192.168.100.128/29 overlaps "
     "private peering IPv4 primary subnet of circuit lab-ams", ""),
    ("global-reach-ipv6", bad_xml(GR % ("c9", "2001:db8::/125")),
     "invalid-value", '"2001:db8::/125" does not conform', "global-reach[peer-circuit='c9']/subnet"),
    ("global-reach-without-subnet", bad_xml("<global-reach><peer-circuit>c9</peer-circuit>"
                                            "</global-reach>"),
     "invalid-value", "A Global Reach connection needs its IPv4 /29 (subnet), its IPv6 /125 "
     "(ipv6-subnet), or both.", ""),
    # --- issue 15: the rules the first release missed
    ("global-reach-ipv6-126", bad_xml("<global-reach><peer-circuit>c9</peer-circuit>"
                                      "<ipv6-subnet>2001:db8:ff::/126</ipv6-subnet>"
                                      "</global-reach>"),
     "invalid-value", "Global Reach subnet 2001:db8:ff::/126 is a /126: Global Reach needs "
     "exactly a /125", CIRCUIT),
    ("global-reach-on-local", bad_xml("<sku>local</sku>" + GR % ("c9", "10.255.0.0/29")),
     "invalid-value", "circuit lab-bad is a Local circuit: Global Reach (to c9) is not "
     "available on Local", CIRCUIT),
    ("direct-400g-bandwidth-1000", bad_xml("<connectivity>direct</connectivity><port-speed>400g"
                                           "</port-speed><bandwidth>1000</bandwidth>"),
     "invalid-value", "bandwidth 1000 Mbps is not offered on a 400g ExpressRoute Direct port "
     "pair", CIRCUIT),
    ("direct-port-without-direct", bad_xml("<direct-port>er-port-ams</direct-port>"),
     "invalid-value", "direct-port er-port-ams applies only to ExpressRoute Direct, but "
     "connectivity is colocation", CIRCUIT),
    ("encapsulation-vxlan", bad_xml("<connectivity>direct</connectivity>"
                                    "<encapsulation>vxlan</encapsulation>"),
     "invalid-value", 'Invalid enumeration value "vxlan"', "/encapsulation"),
    ("block-28", peering_xml("<vlan-id>300</vlan-id><ipv4><block>10.9.0.0/28</block></ipv4>"),
     "invalid-value", "IPv4 subnet block 10.9.0.0/28 is a /28: only a /29 splits into the "
     "primary and secondary /30", PEERING),
    ("block-overlaps-lab-ams", peering_xml("<vlan-id>300</vlan-id><ipv4><block>192.168.100.128/29"
                                           "</block></ipv4>"),
     "invalid-value", "private peering IPv4 block of circuit lab-bad 192.168.100.128/29 "
     "overlaps private peering IPv4 primary subnet of circuit lab-ams", ""),
    ("block-and-subnets", peering_xml("<ipv4><block>10.9.0.0/29</block>"
                                      "<primary-subnet>10.9.0.0/30</primary-subnet></ipv4>"),
     "invalid-value", 'Data for both cases "block" and "links" exist.',
     PEERING + "/ipv4"),
    ("global-reach-peer-empty", bad_xml(GR % ("", "10.255.0.0/29")),
     "invalid-value", "A Global Reach peer circuit is named in 1 to 255 characters.", "/global-reach/peer-circuit"),
    ("global-reach-peer-256-chars", bad_xml(GR % ("g" * 256, "10.255.0.0/29")),
     "invalid-value", "A Global Reach peer circuit is named in 1 to 255 characters.", "/global-reach/peer-circuit"),
    # --- what only XML can say
    ("unknown-element", circuit_xml("lab-bad", "<colour>blue</colour>"),
     "invalid-value", "colour", ""),
    ("wrong-namespace", '<config xmlns="%s"><expressroute xmlns="urn:example:nothing"/></config>'
     % NC_NS, "invalid-value", "urn:example:nothing", ""),
    ("state-in-config", bad_xml("<state><verdict>ok</verdict></state>"),
     "invalid-value", 'Unexpected data state node "state" found.', CIRCUIT + "/state"),
    ("text-between-elements", bad_xml("<peering><type>private</type>garbage<vlan-id>300</vlan-id>"
                                      "</peering>"),
     # libnetconf2 2 takes the rpc and the server's parse refuses the
     # <config>; libnetconf2 3 and 4 refuse the whole rpc themselves
     ("operation-failed", "malformed-message"),
     'Invalid character sequence "garbage<vlan-id>300<"', ""),
    ("deeply-wrong", '<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>default</vrf>'
     "<circuit><name>lab-bad</name><peering><peering><peering><type>private</type></peering>"
     "</peering></peering></circuit></instance></expressroute></config>" % (NC_NS, ER_NS),
     "invalid-value", "peering", ""),
    ("nested-300-deep", nested(300),
     "invalid-value", 'Node "junk" not found as a child of "circuit" node.', CIRCUIT),
    ("nested-5000-deep", nested(5000, "peering"),
     "operation-failed", "The maximum number of open elements has been exceeded.", ""),
    ("nested-100000-deep", nested(100000),
     "operation-failed", "The maximum number of open elements has been exceeded.", ""),
    # 10,000 circuits in one edit, each invalid, or only the last: the
    # whole edit is refused at the first one found
    ("10000-circuits-out-of-range", many_circuits("<bandwidth>49</bandwidth>"),
     "invalid-value", 'value "49" is ' + RANGE, "circuit[name='bulk-0']/bandwidth"),
    ("10000-circuits-rule", many_circuits("<bandwidth>300</bandwidth>"),
     "invalid-value", "circuit bulk-0 (vrf default): bandwidth 300 Mbps is not offered",
     "circuit[name='bulk-0']"),
    ("10000-circuits-last-bad", many_circuits("<bandwidth>50</bandwidth>", count=9999,
                                              last="<circuit><name>bulk-x</name><bandwidth>300"
                                              "</bandwidth></circuit>"),
     "invalid-value", "circuit bulk-x (vrf default): bandwidth 300 Mbps is not offered",
     "circuit[name='bulk-x']"),
    # --- operations
    ("create-existing", circuit_xml("lab-ams", "", operation="create"),
     "data-exists", "exists", "circuit[name='lab-ams']"),
    ("delete-missing", circuit_xml("lab-nowhere", "", operation="delete"),
     "data-missing", "not exist", "circuit[name='lab-nowhere']"),
]

# Only XML can say these: a node twice in one edit, a circuit in a vrf that
# has no BGP instance (vtysh has no way to write it), a bad operation.
TWICE = "the edit holds this node twice"
BAD_EDITS += [
    ("duplicate-circuit-in-one-edit",
     instance_xml("<circuit><name>lab-dup</name><bandwidth>50</bandwidth></circuit>"
                  "<circuit><name>lab-dup</name><bandwidth>100</bandwidth></circuit>"),
     "invalid-value", TWICE, "circuit[name='lab-dup']"),
    # the first copy's bandwidth, refused on its own, must not slip through
    ("duplicate-circuit-hides-invalid",
     instance_xml("<circuit><name>lab-dup</name><bandwidth>300</bandwidth></circuit>"
                  "<circuit><name>lab-dup</name><bandwidth>50</bandwidth></circuit>"),
     "invalid-value", TWICE, "circuit[name='lab-dup']"),
    ("duplicate-peering-in-one-edit",
     bad_xml("<peering><type>private</type><vlan-id>300</vlan-id></peering>"
             "<peering><type>private</type><vlan-id>301</vlan-id></peering>"),
     "invalid-value", TWICE, PEERING),
    ("duplicate-leaf-in-one-edit", peering_xml("<vlan-id>300</vlan-id><vlan-id>301</vlan-id>"),
     "invalid-value", TWICE, "/vlan-id"),
    ("duplicate-global-reach-in-one-edit",
     bad_xml((GR % ("c9", "10.255.0.0/29")) + (GR % ("c9", "10.255.0.8/29"))),
     "invalid-value", TWICE, "global-reach[peer-circuit='c9']"),
    ("vrf-without-bgp-instance",
     instance_xml("<circuit><name>lab-bad</name></circuit>").replace(
         "<vrf>default</vrf>", "<vrf>nowhere</vrf>"),
     "invalid-value", "vrf nowhere has no BGP instance",
     "instance[vrf='nowhere']/circuit[name='lab-bad']"),
    # RFC 6241 names bad-attribute here; libnetconf2 refuses the request
    # while parsing it, before the server sees it, with operation-failed
    ("bad-operation-attribute", circuit_xml("lab-bad", "", operation="frobnicate"),
     "operation-failed", "frobnicate", ""),
]


def bad_edit_params():
    return [pytest.param(*case, id=case[0]) for case in BAD_EDITS]


# running as the previous bad edit left it, checked unchanged there: each
# case then reads running once, not twice (the table has many cases)
_UNCHANGED = {}


@pytest.mark.parametrize("case,config,tag,words,path", bad_edit_params())
@pytest.mark.parametrize("target", ["running", "candidate"])
def test_bad_edit_rpc_error_running_unchanged(nc, case, config, tag, words, path, target):
    before_nc, before_cli = (_UNCHANGED.pop("running", None)
                             or (running_xml(nc), running_config()))
    if callable(config):
        config = config()
    try:
        with pytest.raises(RPCError) as error:
            nc.edit_config(target=target, config=config)
            if target == "candidate":
                nc.commit()
    finally:
        if target == "candidate":
            nc.discard_changes()
        changed = running_xml(nc) != before_nc
        if changed:
            # an accepted case must not spoil the cases after it
            for name in ("lab-bad", "lab-dup"):
                nc.edit_config(target="running", config=circuit_xml(name, "", operation="remove"))
    assert not changed
    assert running_config() == before_cli
    assert verdicts() == {"private": "ok", "microsoft": "ok"}
    _UNCHANGED["running"] = (before_nc, before_cli)
    assert error.value.tag in (tag if isinstance(tag, tuple) else (tag,)), \
        (error.value.tag, error.value.message)
    assert libyang_says(error.value.message or "", words), error.value.message
    assert path_names(error.value.path or "", path), error.value.path


@pytest.mark.parametrize("edit,stored", [
    (peering_xml(LINKS.replace("10.9.0.0/30", "10.9.0.1/30") % "10.9.0.4/30"),
     "<primary-subnet>10.9.0.0/30</primary-subnet>"),
    (bad_xml(GR % ("c9", "10.255.0.1/29")), "<subnet>10.255.0.0/29</subnet>"),
    (microsoft_xml("<advertise>203.0.113.1/24</advertise>"), "<advertise>203.0.113.0/24</advertise>"),
], ids=["link-subnet", "global-reach-subnet", "advertise"])
def test_prefix_host_bits_taken_in_canonical_form(nc, edit, stored):
    """RFC 6991: an ip-prefix's canonical form has the host bits cleared,
    and libyang stores it so (vtysh refuses the typed form instead, to
    catch a typo at the prompt)."""
    nc.edit_config(target="candidate", config=edit)
    text = nc.get_config(source="candidate").data_xml
    nc.discard_changes()
    assert stored in text


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
    # every daemon of every router still runs
    down = [r.check_router_running() for r in get_topogen().routers().values()]
    assert not any(down), down
