"""
Bad input as YANG JSON through bgpd's northbound.

FRR 8.4's bgpd takes YANG data in JSON only through its transactional CLI
(`--tcli`): `configure`, `configuration load file json FILE`, `commit`.
vtysh does not know those commands, so the test speaks vtysh's protocol to
bgpd's vty socket itself.  bgpd runs with the module, without zebra, in a
network namespace of its own; a valid circuit is configured first.  Each
invalid document must fail with its own message, leave the running
configuration byte-identical, and leave bgpd running.

FRR's load is lax where NETCONF is strict: it ignores unknown leaves and
state data (they are not in the table), and takes a list entry twice
(kept as an expected failure).
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.abspath(os.environ.get("ER_BUILD_DIR", os.path.join(HERE, "..", "..")))
# one namespace per run: other runs of the test may be going on
NETNS = "er-json-%d" % os.getpid()
LOAD_FAILED = "% Failed to load configuration"
COMMIT_FAILED = "% Failed to commit candidate configuration"


class Vty:
    """vtysh's protocol: a command and a NUL; the answer, three NULs and
    the command's status."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)

    def __call__(self, command):
        self.sock.sendall(command.encode() + b"\0")
        answer = b""
        while not (len(answer) >= 4 and answer[-4:-1] == b"\0\0\0"):
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("bgpd closed the vty (crashed?)")
            answer += data
        return answer[:-4].decode(errors="replace")


@pytest.fixture(scope="module")
def bgpd():
    work = tempfile.mkdtemp(prefix="er-json-")
    os.chmod(work, 0o755)
    with open(os.path.join(work, "bgpd.conf"), "w") as f:
        # a second instance with a documentation ASN (RFC 5398)
        f.write("router bgp 64900\n no bgp ebgp-requires-policy\nexit\n"
                "router bgp 64500 vrf doc-asn\n no bgp ebgp-requires-policy\nexit\n"
                # private peering in a VRF of its own, as test_peerings_in_two_vrfs_*
                "router bgp 64900 vrf er-priv\n no bgp ebgp-requires-policy\nexit\n")
    subprocess.run(["chown", "-R", "frr:frr", work], check=True)
    subprocess.run(["ip", "netns", "del", NETNS], capture_output=True)
    subprocess.run(["ip", "netns", "add", NETNS], check=True)
    subprocess.run(["ip", "netns", "exec", NETNS, "/usr/lib/frr/bgpd", "-d", "-Z", "--tcli",
                    "-f", os.path.join(work, "bgpd.conf"), "-i", os.path.join(work, "bgpd.pid"),
                    "--vty_socket", work, "--log", "file:" + os.path.join(work, "bgpd.log"),
                    "--moduledir", os.path.join(BUILD, ".libs"), "-M", "expressroute"],
                   check=True)
    socket_path = os.path.join(work, "bgpd.vty")
    for _ in range(50):
        if os.path.exists(socket_path):
            break
        time.sleep(0.1)
    vty = Vty(socket_path)
    vty("enable")
    vty("configure")
    yield work, vty
    with open(os.path.join(work, "bgpd.pid")) as f:
        pid = int(f.read())
    os.kill(pid, 15)
    subprocess.run(["ip", "netns", "del", NETNS], capture_output=True)
    shutil.rmtree(work, ignore_errors=True)


def document(circuits):
    return {"frr-expressroute:expressroute": {"instance": [
        {"vrf": "default", "circuit": circuits}]}}


def load(bgpd, doc):
    work, vty = bgpd
    path = os.path.join(work, "load.json")
    with open(path, "w") as f:
        f.write(doc if isinstance(doc, str) else json.dumps(doc))
    out = vty("configuration load file json %s" % path)
    if out.strip():
        vty("discard")
        return out
    out = vty("commit")
    vty("discard")
    return out


LINKS = {"primary-subnet": "10.9.0.0/30", "secondary-subnet": "10.9.0.4/30"}
GOOD = {"name": "lab-ams", "bandwidth": 1000, "peering": [
    {"type": "private", "vlan-id": 100,
     "ipv4": {"primary-subnet": "192.168.100.128/30", "secondary-subnet": "192.168.100.132/30"}}]}


def peering(**leaves):
    body = {"type": "private", "vlan-id": 300, "ipv4": dict(LINKS)}
    body.update(leaves)
    return document([{"name": "lab-bad", "peering": [body]}])


def circuit(**leaves):
    body = {"name": "lab-bad"}
    body.update(leaves)
    return document([body])


def direct(name, port="er-port-ams", speed="100g", encap="dot1q", vlan=300, **leaves):
    body = {"name": name, "connectivity": "direct", "port-speed": speed, "direct-port": port,
            "encapsulation": encap, "peering": [{"type": "private", "vlan-id": vlan}]}
    body.update(leaves)
    return body


MS_LINKS = {"primary-subnet": "198.51.100.0/30", "secondary-subnet": "198.51.100.4/30"}
RANGE = "out of the allowed range"
# (case, document, what the failure says)
BAD = [
    ("vlan-0", peering(**{"vlan-id": 0}), "between 1 and 4094"),
    ("vlan-4095", peering(**{"vlan-id": 4095}), "between 1 and 4094"),
    ("vlan-65536", peering(**{"vlan-id": 65536}), "vlan-id"),
    ("vlan-negative", peering(**{"vlan-id": -1}), "vlan-id"),
    ("vlan-string", peering(**{"vlan-id": "abc"}), "vlan-id"),
    ("vlan-float", peering(**{"vlan-id": 100.5}), "vlan-id"),
    ("bandwidth-49", circuit(bandwidth=49), RANGE),
    ("bandwidth-400001", circuit(bandwidth=400001), RANGE),
    ("bandwidth-100001", circuit(bandwidth=100001), "100001 Mbps is not offered"),
    ("bandwidth-not-offered", circuit(bandwidth=300), "300 Mbps is not offered"),
    ("bfd-interval-49", peering(bfd={"interval": 49}), RANGE),
    ("bfd-interval-60001", peering(bfd={"interval": 60001}), RANGE),
    ("bfd-multiplier-1", peering(bfd={"multiplier": 1}), RANGE),
    ("bfd-multiplier-256", peering(bfd={"multiplier": 256}), "multiplier"),
    ("bfd-enabled-string", peering(bfd={"enabled": "yes"}), "enabled"),
    ("keepalive-2", peering(timers={"keepalive": 2}), RANGE),
    ("hold-9", peering(timers={"hold": 9}), RANGE),
    ("hold-65536", peering(timers={"hold": 65536}), "hold"),
    ("keepalive-over-hold", peering(timers={"keepalive": 60, "hold": 30}), "lab-bad"),
    ("limit-out-0", peering(**{"prefix-limit-out": {"ipv4": 0}}), RANGE),
    ("limit-out-10001", peering(**{"prefix-limit-out": {"ipv4": 10001}}), RANGE),
    ("limit-out-v6-0", peering(**{"prefix-limit-out": {"ipv6": 0}}), RANGE),
    ("warning-threshold-0", peering(**{"prefix-limit-out": {"warning-threshold": 0}}), RANGE),
    ("warning-threshold-101", peering(**{"prefix-limit-out": {"warning-threshold": 101}}), RANGE),
    ("limit-in-0", peering(**{"prefix-limit-in": {"ipv4": 0}}), RANGE),
    ("limit-in-2^32", peering(**{"prefix-limit-in": {"ipv4": 4294967296}}), "ipv4"),
    ("name-empty", circuit(name=""), "name"),
    ("name-64-chars", circuit(name="x" * 64), "Unsatisfied length"),
    ("name-300-chars", circuit(name="x" * 300), "Unsatisfied length"),
    ("name-space", circuit(name="lab bad"), "1 to 63 characters"),
    ("name-non-ascii", circuit(name="lab-\u00e9t\u00e9"), "1 to 63 characters"),
    ("description-241", circuit(description="d" * 241), "description"),
    ("provider-65", circuit(provider="p" * 65), "provider"),
    ("location-empty", circuit(location=""), "location"),
    ("service-key-short", circuit(**{"service-key": "0a1b2c3d"}), "service-key"),
    ("service-key-non-ascii", circuit(**{"service-key": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4\u00e9"}),
     "service-key"),
    ("sku-unknown", circuit(sku="platinum"), "platinum"),
    ("billing-unknown", circuit(billing="free"), "free"),
    ("connectivity-unknown", circuit(connectivity="wifi"), "wifi"),
    ("port-speed-unknown", circuit(**{"port-speed": "40g"}), "40g"),
    ("peering-type-unknown", document([{"name": "lab-bad", "peering": [{"type": "public"}]}]), "public"),
    ("shared-key-26", peering(**{"shared-key": "k" * 26}), "shared key"),
    ("shared-key-empty", peering(**{"shared-key": ""}), "shared key"),
    ("subnet-29", peering(ipv4={"primary-subnet": "10.9.0.0/29", "secondary-subnet": "10.9.0.8/29"}),
     "/30"),
    ("subnet-length-33", peering(ipv4={"primary-subnet": "10.9.0.0/33"}), "10.9.0.0/33"),
    ("subnet-garbage", peering(ipv4={"primary-subnet": "ten.nine/30"}), "ten.nine/30"),
    ("subnets-equal", peering(ipv4={"primary-subnet": "10.9.0.0/30", "secondary-subnet": "10.9.0.0/30"}),
     "each link needs its own /30"),
    ("subnet-overlaps-lab-ams", peering(ipv4={"primary-subnet": "192.168.100.128/30",
                                              "secondary-subnet": "10.9.0.4/30"}), "overlap"),
    ("ipv6-not-126", peering(ipv6={"primary-subnet": "2001:db8:9::/64",
                                   "secondary-subnet": "2001:db8:a::/64"}), "/126"),
    ("ipv6-in-ipv4", peering(ipv4={"primary-subnet": "2001:db8::/126"}), "2001:db8::/126"),
    ("vlan-taken-by-other-peering", document([{"name": "lab-ams", "peering": [
        {"type": "microsoft", "vlan-id": 100,
         "ipv4": {"primary-subnet": "198.51.100.0/30", "secondary-subnet": "198.51.100.4/30"}}]}]),
     "VLAN ID 100 is used by both"),
    ("microsoft-private-subnet", document([{"name": "lab-bad", "peering": [
        {"type": "microsoft", "vlan-id": 301,
         "ipv4": {"primary-subnet": "10.9.0.0/30", "secondary-subnet": "10.9.0.4/30"}}]}]),
     "public"),
    ("global-reach-not-29", circuit(**{"global-reach": [{"peer-circuit": "lab-ams",
                                                          "subnet": "10.255.0.0/30"}]}), "/29"),
    ("global-reach-itself", circuit(**{"global-reach": [{"peer-circuit": "lab-bad",
                                                          "subnet": "10.255.0.0/29"}]}), "lab-bad"),
    # --- issue 15: the rules the first release missed
    ("microsoft-peering-documentation-asn",
     {"frr-expressroute:expressroute": {"instance": [{"vrf": "doc-asn", "circuit": [
         {"name": "lab-bad", "peering": [{"type": "microsoft", "vlan-id": 301,
                                          "ipv4": dict(MS_LINKS)}]}]}]}},
     "circuit lab-bad (vrf doc-asn) peering microsoft: AS 64500 is reserved for "
     "documentation (RFC 5398), not a public ASN: Microsoft peering needs a public ASN"),
    ("global-reach-on-local", circuit(sku="local", **{"global-reach": [
        {"peer-circuit": "lab-ams", "subnet": "10.255.0.0/29"}]}),
     "circuit lab-bad is a Local circuit: Global Reach (to lab-ams) is not available on Local"),
    ("global-reach-to-local-here", document([
        {"name": "lab-bad", "location": "Amsterdam", "global-reach": [
            {"peer-circuit": "lab-bad-2", "subnet": "10.255.0.0/29"}]},
        {"name": "lab-bad-2", "sku": "local", "location": "Frankfurt"}]),
     "circuit lab-bad-2 is a Local circuit: Global Reach (to lab-bad) is not available"),
    ("global-reach-same-location", document([
        {"name": "lab-bad", "location": "Amsterdam", "global-reach": [
            {"peer-circuit": "lab-bad-2", "subnet": "10.255.0.0/29"}]},
        {"name": "lab-bad-2", "location": "amsterdam"}]),
     "circuit lab-bad (vrf default): Global Reach to circuit lab-bad-2: both circuits are at "
     "peering location Amsterdam, but Global Reach connects circuits at different peering "
     "locations"),
    ("global-reach-ipv6-126", circuit(**{"global-reach": [
        {"peer-circuit": "c9", "subnet": "10.255.0.0/29", "ipv6-subnet": "2001:db8:ff::/126"}]}),
     "Global Reach subnet 2001:db8:ff::/126 is a /126: Global Reach needs exactly a /125"),
    ("global-reach-ipv6-overlaps-link", circuit(
        peering=[{"type": "private", "vlan-id": 300,
                  "ipv6": {"primary-subnet": "2001:db8:ff::/126",
                           "secondary-subnet": "2001:db8:ff::8/126"}}],
        **{"global-reach": [{"peer-circuit": "c9", "subnet": "10.255.0.0/29",
                             "ipv6-subnet": "2001:db8:ff::/125"}]}),
     "Global Reach IPv6 subnet of circuit lab-bad 2001:db8:ff::/125 overlaps private peering "
     "IPv6 primary subnet of circuit lab-bad 2001:db8:ff::/126"),
    ("global-reach-overlaps-advertised", circuit(
        peering=[{"type": "microsoft", "vlan-id": 301, "ipv4": dict(MS_LINKS),
                  "advertise": ["203.0.113.0/24"]}],
        **{"global-reach": [{"peer-circuit": "c9", "subnet": "203.0.113.8/29"}]}),
     "microsoft peering advertised prefix of circuit lab-bad 203.0.113.0/24 overlaps Global "
     "Reach subnet of circuit lab-bad 203.0.113.8/29"),
    ("direct-400g-bandwidth-1000", document([direct("lab-bad", speed="400g", bandwidth=1000)]),
     "bandwidth 1000 Mbps is not offered on a 400g ExpressRoute Direct port pair: choose 5000, "
     "10000, 40000, 100000, 200000 or 400000 Mbps"),
    ("direct-100g-bandwidth-400000", document([direct("lab-bad", bandwidth=400000)]),
     "bandwidth 400000 Mbps is not offered on a 100g ExpressRoute Direct port pair"),
    ("direct-port-without-direct", circuit(**{"direct-port": "er-port-ams"}),
     "direct-port er-port-ams applies only to ExpressRoute Direct, but connectivity is colocation"),
    ("encapsulation-without-direct", circuit(connectivity="point-to-point", encapsulation="qinq"),
     "encapsulation qinq applies only to ExpressRoute Direct, but connectivity is point-to-point"),
    ("port-speed-400g-without-direct", circuit(**{"port-speed": "400g"}),
     "port-speed 400g applies only to ExpressRoute Direct, but connectivity is colocation"),
    ("direct-port-two-speeds", document([direct("lab-bad", vlan=301),
                                         direct("lab-bad-2", speed="400g", vlan=302)]),
     "circuit lab-bad-2 (vrf default) has port-speed 400g but circuit lab-bad (vrf default), on "
     "the same ExpressRoute Direct port er-port-ams, has port-speed 100g"),
    ("direct-port-two-encapsulations", document([direct("lab-bad", vlan=301),
                                                 direct("lab-bad-2", encap="qinq", vlan=302)]),
     "has encapsulation qinq but circuit lab-bad (vrf default), on the same ExpressRoute Direct "
     "port er-port-ams, has encapsulation dot1q"),
    ("dot1q-vlan-twice-on-port", document([direct("lab-bad"), direct("lab-bad-2")]),
     "VLAN ID 300 of circuit lab-bad-2 (vrf default) private peering is also used by circuit "
     "lab-bad (vrf default) private peering on ExpressRoute Direct port er-port-ams: with Dot1Q "
     "encapsulation a VLAN ID (C-tag) must be unique across all circuits and peerings"),
    ("block-28", peering(ipv4={"block": "10.9.0.0/28"}),
     "IPv4 subnet block 10.9.0.0/28 is a /28: only a /29 splits into the primary and "
     "secondary /30"),
    ("ipv6-block-126", peering(ipv4={"block": "10.9.0.0/29"}, ipv6={"block": "2001:db8:9::/126"}),
     "IPv6 subnet block 2001:db8:9::/126 is a /126: only a /125 splits"),
    ("block-overlaps-lab-ams", peering(ipv4={"block": "192.168.100.128/29"}),
     "private peering IPv4 block of circuit lab-bad 192.168.100.128/29 overlaps private "
     "peering IPv4 primary subnet of circuit lab-ams"),
    ("microsoft-block-private", document([{"name": "lab-bad", "peering": [
        {"type": "microsoft", "vlan-id": 301, "ipv4": {"block": "10.9.0.0/29"}}]}]),
     "10.9.0.0/29 is not public"),
    ("block-and-subnets", peering(ipv4={"block": "10.9.0.0/29", "primary-subnet": "10.9.0.0/30"}),
     "Data for both cases"),
    ("unknown-module", {"frr-nothing:expressroute": {}}, ""),
    ("list-as-object", {"frr-expressroute:expressroute": {"instance": {"vrf": "default"}}}, "instance"),
    ("missing-key", document([{"bandwidth": 50}]), "name"),
    pytest.param("duplicate-key", document([{"name": "lab-dup"}, {"name": "lab-dup"}]), "lab-dup",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "FRR 8.4's configuration load takes a list entry twice (it parses "
                     "the document without validating it); NETCONF refuses it"))),
    # libyang 2 names JSON; libyang 3 and later only say where it ended
    ("not-json", "{\"frr-expressroute:expressroute\": {", ("JSON", "Unexpected end-of-input")),
    ("empty-file", "", ""),
    ("deep-nesting", "[" * 5000 + "]" * 5000, ""),
    ("10000-bad-circuits", document([{"name": "bulk-%d" % i, "bandwidth": 49} for i in range(10000)]),
     RANGE),
]


def running(vty):
    return vty("show running-config")


def test_valid_circuit_first(bgpd):
    work, vty = bgpd
    out = load(bgpd, document([GOOD]))
    assert "expressroute circuit lab-ams" in running(vty), out


@pytest.mark.parametrize("case,doc,words", BAD,
                         ids=[b.values[0] if hasattr(b, "values") else b[0] for b in BAD])
def test_bad_json_refused_running_unchanged(bgpd, case, doc, words):
    work, vty = bgpd
    before = running(vty)
    out = load(bgpd, doc)
    assert out.startswith(LOAD_FAILED) or out.startswith(COMMIT_FAILED), out
    alternatives = words if isinstance(words, tuple) else (words,)
    assert any(w in out for w in alternatives), out
    assert running(vty) == before
    assert "lab-bad" not in running(vty)


def running_json(vty):
    return json.loads(vty("show configuration running json"))


def circuits_of(vty, vrf="default"):
    model = running_json(vty).get("frr-expressroute:expressroute", {})
    for instance in model.get("instance", []):
        if instance["vrf"] == vrf:
            return {c["name"]: c for c in instance.get("circuit", [])}
    return {}


def test_direct_400g_blocks_and_ipv6_global_reach_accepted(bgpd):
    """Two circuits on one 400G Dot1Q port pair, with distinct VLAN IDs;
    Microsoft's /29 and /125 blocks; Global Reach over IPv4 and IPv6; a
    QinQ port may repeat a VLAN ID of another port."""
    work, vty = bgpd
    first = direct("lab-dir-1", speed="400g", bandwidth=400000, location="Amsterdam",
                   peering=[{"type": "private", "vlan-id": 400,
                             "ipv4": {"block": "10.40.0.0/29"},
                             "ipv6": {"block": "2001:db8:40::/125"}}],
                   **{"global-reach": [{"peer-circuit": "lab-dir-2", "subnet": "10.255.4.0/29",
                                        "ipv6-subnet": "2001:db8:ff:4::/125"}]})
    second = direct("lab-dir-2", speed="400g", bandwidth=200000, vlan=401, location="Amsterdam2")
    other = direct("lab-dir-3", port="er-port-fra", speed="10g", encap="qinq", vlan=400,
                   bandwidth=10000)
    out = load(bgpd, document([first, second, other]))
    assert "Configuration committed successfully" in out, out
    circuits = circuits_of(vty)
    assert circuits["lab-dir-1"]["port-speed"] == "400g"
    assert circuits["lab-dir-1"]["peering"][0]["ipv4"] == {"block": "10.40.0.0/29"}
    assert circuits["lab-dir-1"]["peering"][0]["ipv6"] == {"block": "2001:db8:40::/125"}
    assert circuits["lab-dir-1"]["global-reach"][0]["ipv6-subnet"] == "2001:db8:ff:4::/125"
    assert circuits["lab-dir-3"]["encapsulation"] == "qinq"


def test_microsoft_peering_documentation_asn_refused_private_accepted(bgpd):
    """AS 64500 (RFC 5398): refused on Microsoft peering, accepted with a
    warning on private peering."""
    work, vty = bgpd
    out = load(bgpd, {"frr-expressroute:expressroute": {"instance": [{"vrf": "doc-asn", "circuit": [
        {"name": "lab-doc", "peering": [{"type": "private", "vlan-id": 100,
                                         "ipv4": {"block": "10.64.0.0/29"}}]}]}]}})
    assert "Configuration committed successfully" in out, out
    assert "lab-doc" in circuits_of(vty, "doc-asn")


def test_bfd_below_300_ms_warned_at_commit_once(bgpd):
    """Below the MSEE's 300 ms the interval is accepted with a warning,
    printed by the commit that brings it, not by later ones."""
    work, vty = bgpd
    warning = ("% Warning: circuit lab-ams (vrf default) peering private: BFD interval 100 ms "
               "is below the MSEE's minimum of 300 ms (750 ms on some circuits): the slower "
               "side's interval wins")

    def set_private(**leaves):
        body = {"type": "private"}
        body.update(leaves)
        return load(bgpd, document([{"name": "lab-ams", "peering": [body]}]))

    out = set_private(bfd={"interval": 100})
    assert "Configuration committed successfully" in out, out
    assert warning in out, out
    out = set_private(**{"vlan-id": 110})
    assert "Configuration committed successfully" in out, out
    assert "Warning" not in out, out
    out = set_private(bfd={"interval": 200})
    assert "BFD interval 200 ms is below" in out, out
    out = set_private(bfd={"interval": 300})
    assert "Configuration committed successfully" in out, out
    assert "Warning" not in out, out


# Azure's example peering list: both peerings on the same IPv6 /126s
AZURE_V6 = {"primary-subnet": "3ffe:ffff:0:cd30::/126", "secondary-subnet": "3ffe:ffff:0:cd30::4/126"}


def instances(**circuits_by_vrf):
    return {"frr-expressroute:expressroute": {"instance": [
        {"vrf": vrf.replace("_", "-"), "circuit": circuits}
        for vrf, circuits in circuits_by_vrf.items()]}}


def test_same_subnets_in_one_vrf_refused(bgpd):
    """Private and Microsoft peering of one circuit on the same /126s, in
    one BGP instance: refused, the message naming both subnets."""
    work, vty = bgpd
    before = running(vty)
    out = load(bgpd, document([{"name": "lab-vrf", "peering": [
        {"type": "private", "vlan-id": 200, "ipv4": {"block": "10.30.0.0/29"},
         "ipv6": dict(AZURE_V6)},
        {"type": "microsoft", "vlan-id": 300, "ipv4": dict(MS_LINKS), "ipv6": dict(AZURE_V6)}]}]))
    assert out.startswith(COMMIT_FAILED), out
    # the two are named in the order libyang keeps the peerings: as given
    # on libyang 2, by key (microsoft first) on libyang 3 and later
    private = "private peering IPv6 primary subnet of circuit lab-vrf 3ffe:ffff:0:cd30::/126"
    microsoft = "microsoft peering IPv6 primary subnet of circuit lab-vrf 3ffe:ffff:0:cd30::/126"
    assert any("%s overlaps %s: subnets must not overlap" % pair in out
               for pair in ((private, microsoft), (microsoft, private))), out
    assert running(vty) == before


def test_peerings_in_two_vrfs_share_subnets(bgpd):
    """One Azure circuit, its private peering in a VRF and its Microsoft
    peering in the default table: the same /126s (and private /30s) in two
    routing tables are accepted."""
    work, vty = bgpd
    out = load(bgpd, instances(
        default=[{"name": "lab-vrf", "peering": [
            {"type": "microsoft", "vlan-id": 300, "ipv4": dict(MS_LINKS),
             "ipv6": dict(AZURE_V6)}]}],
        er_priv=[{"name": "lab-vrf", "peering": [
            {"type": "private", "vlan-id": 200, "ipv4": {"block": "10.30.0.0/29"},
             "ipv6": dict(AZURE_V6)}]},
            # the default table's private /30s again, on another circuit
            {"name": "lab-ams", "peering": [
                {"type": "private", "vlan-id": 100,
                 "ipv4": {"primary-subnet": "192.168.100.128/30",
                          "secondary-subnet": "192.168.100.132/30"}}]}]))
    assert "Configuration committed successfully" in out, out
    assert circuits_of(vty)["lab-vrf"]["peering"][0]["type"] == "microsoft"
    assert circuits_of(vty, "er-priv")["lab-vrf"]["peering"][0]["type"] == "private"
    assert "lab-ams" in circuits_of(vty, "er-priv")


def test_microsoft_public_subnet_unique_across_vrfs(bgpd):
    """A Microsoft peering's public subnets are the customer's registered
    addresses: another VRF's Microsoft peering cannot reuse them."""
    work, vty = bgpd
    before = running(vty)
    out = load(bgpd, instances(er_priv=[{"name": "lab-bad", "peering": [
        {"type": "microsoft", "vlan-id": 301, "ipv4": dict(MS_LINKS)}]}]))
    assert out.startswith(COMMIT_FAILED), out
    assert ("microsoft peering IPv4 primary subnet of circuit lab-vrf (vrf default) "
            "198.51.100.0/30 overlaps microsoft peering IPv4 primary subnet of circuit "
            "lab-bad (vrf er-priv) 198.51.100.0/30: subnets must not overlap (a Microsoft "
            "peering's public addresses are unique across all VRFs)") in out, out
    assert running(vty) == before
