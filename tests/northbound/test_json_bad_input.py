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
        f.write("router bgp 64900\n no bgp ebgp-requires-policy\nexit\n")
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
    ("unknown-module", {"frr-nothing:expressroute": {}}, ""),
    ("list-as-object", {"frr-expressroute:expressroute": {"instance": {"vrf": "default"}}}, "instance"),
    ("missing-key", document([{"bandwidth": 50}]), "name"),
    pytest.param("duplicate-key", document([{"name": "lab-dup"}, {"name": "lab-dup"}]), "lab-dup",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "FRR 8.4's configuration load takes a list entry twice (it parses "
                     "the document without validating it); NETCONF refuses it"))),
    ("not-json", "{\"frr-expressroute:expressroute\": {", "JSON"),
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
    assert words in out, out
    assert running(vty) == before
    assert "lab-bad" not in running(vty)
