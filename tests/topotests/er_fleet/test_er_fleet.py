#!/usr/bin/env python3
"""
A fleet configured with Ansible: examples/ansible/expressroute.yml, run
with Debian's ansible-playbook from a management host (mgmt) against two
CE routers, each with its MSEE pair and the module's NETCONF server
(er_topo.build_fleet_topo).  The inventory and host variables are the
lab's, written as examples/ansible/ lays them out; the playbook is the
example's, unchanged.

- the first run configures a circuit on each router from its host
  variables, and both are ok in vtysh;
- a second run reports changed=0 on both;
- a circuit Microsoft would not accept (300 Mbps) fails at commit with
  the module's reason; a circuit that does not come up (a wrong shared
  key) fails the run with its verdict and reason, the other router
  unchanged;
- put right, the next run is ok again.
"""

import json
import os
import re
import shutil
import tempfile

import pytest

from lib.topogen import get_topogen

import er_netconf_client
from er_topo import start_fleet

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

HERE = os.path.dirname(os.path.realpath(__file__))
PLAYBOOK = os.path.join(HERE, "..", "..", "..", "examples", "ansible", "expressroute.yml")
KEYS = tempfile.mkdtemp(prefix="er-fleet-keys-")
WORK = tempfile.mkdtemp(prefix="er-fleet-")
ADDRESSES = {"ce1": "10.255.0.1", "ce2": "10.255.0.2"}


def circuit(name, net, bandwidth, vlan, key="LabKey2026"):
    return {"instance": [{"vrf": "default", "circuit": [{
        "name": name, "location": "Lab", "bandwidth": bandwidth,
        "peering": [{"type": "private", "vlan-id": vlan,
                     "ipv4": {"primary-subnet": "%s.128/30" % net,
                              "secondary-subnet": "%s.132/30" % net},
                     "shared-key": key, "bfd": {"enabled": True}}]}]}]}


GOOD = {"ce1": circuit("lab-ams", "192.168.100", 1000, 100),
        "ce2": circuit("lab-dub", "192.168.200", 500, 200)}


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    er_netconf_client.make_keys(KEYS)
    tgen = start_fleet(request, HERE,
                       er_netconf_client.bgpd_args(KEYS, "address=0.0.0.0"))
    yield tgen
    tgen.stop_topology()
    shutil.rmtree(KEYS, ignore_errors=True)
    shutil.rmtree(WORK, ignore_errors=True)


def router(name):
    return get_topogen().gears[name]


def write_inventory(circuits):
    """The lab's inventory and host variables, as examples/ansible/ has
    them (YAML is a superset of JSON)."""
    os.makedirs(os.path.join(WORK, "host_vars"), exist_ok=True)
    inventory = {"all": {"children": {"expressroute_routers": {
        "hosts": {name: {"ansible_host": address} for name, address in ADDRESSES.items()},
        "vars": {"ansible_connection": "ansible.netcommon.netconf",
                 "ansible_network_os": "default", "ansible_port": er_netconf_client.PORT,
                 "ansible_user": "alice",
                 "ansible_ssh_private_key_file": os.path.join(KEYS, "alice")}}}}}
    with open(os.path.join(WORK, "inventory.yml"), "w") as f:
        json.dump(inventory, f)
    for name, config in circuits.items():
        with open(os.path.join(WORK, "host_vars", name + ".yml"), "w") as f:
            json.dump({"expressroute": config}, f)


def playbook(circuits, *extra):
    """Run the example playbook from mgmt; (exit status, output, recap
    {host: {ok, changed, failed, ...}})."""
    write_inventory(circuits)
    env = dict(os.environ, ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_NOCOLOR="1",
               ANSIBLE_HOME=os.path.join(WORK, "home"),
               ANSIBLE_LOCAL_TEMP=os.path.join(WORK, "tmp"),
               PATH="/usr/sbin:/usr/bin:/sbin:/bin")
    done = er_netconf_client.in_router_netns(
        router("mgmt"), ["ansible-playbook", "-i", os.path.join(WORK, "inventory.yml"),
                         PLAYBOOK, "-e", "expressroute_health_delay=3"] + list(extra),
        env=env, timeout=600)
    output = done.stdout + done.stderr
    recap = {}
    for m in re.finditer(r"^(\S+)\s+:\s+((?:\w+=\d+\s*)+)$", output, re.M):
        recap[m.group(1)] = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.group(2))}
    return done.returncode, output, recap


def verdict(name, circuit_name):
    out = json.loads(router(name).vtysh_cmd("show expressroute circuit %s json" % circuit_name))
    return out.get("verdict")


def test_playbook_configures_both_routers():
    rc, output, recap = playbook(GOOD)
    assert rc == 0, output
    for name in ADDRESSES:
        assert recap[name]["changed"] == 1 and recap[name]["failed"] == 0, output
    config = router("ce1").vtysh_cmd("show running-config bgpd")
    assert " expressroute circuit lab-ams\n" in config and "bandwidth 1000" in config, config
    assert "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30" in config
    config = router("ce2").vtysh_cmd("show running-config bgpd")
    assert " expressroute circuit lab-dub\n" in config and "bandwidth 500" in config, config
    assert "lab-ams" not in config
    # the playbook waited for both to be ok
    assert verdict("ce1", "lab-ams") == "ok" and verdict("ce2", "lab-dub") == "ok"


def test_second_run_changes_nothing():
    rc, output, recap = playbook(GOOD)
    assert rc == 0, output
    for name in ADDRESSES:
        assert recap[name]["changed"] == 0 and recap[name]["failed"] == 0, output
    assert re.search(r"^ce1\s+: ok=\d+\s+changed=0 ", output, re.M), output
    assert re.search(r"^ce2\s+: ok=\d+\s+changed=0 ", output, re.M), output


def test_refused_commit_fails_with_the_modules_reason():
    bad = dict(GOOD, ce2=circuit("lab-dub", "192.168.200", 300, 200))
    rc, output, recap = playbook(bad)
    assert rc != 0 and recap["ce2"]["failed"] == 1, output
    assert recap["ce1"]["failed"] == 0 and recap["ce1"]["changed"] == 0, output
    assert "300 Mbps is not offered" in output, output
    assert "bandwidth 500" in router("ce2").vtysh_cmd("show running-config bgpd")


def test_circuit_not_ok_fails_with_verdict_and_reason():
    bad = dict(GOOD, ce2=circuit("lab-dub", "192.168.200", 500, 200, key="WrongKey2026"))
    rc, output, recap = playbook(bad, "-e", "expressroute_health_retries=4")
    assert rc != 0 and recap["ce2"]["failed"] == 1, output
    assert recap["ce1"]["failed"] == 0, output
    m = re.search(r"ExpressRoute not ok on ce2: lab-dub/private: (down|degraded): [^\"]+", output)
    assert m, output
    assert "no session is Established" in m.group(0), m.group(0)
    assert "ipv4 primary session to 192.168.200.130 is" in m.group(0), m.group(0)
    assert "shared-key WrongKey2026" in router("ce2").vtysh_cmd("show running-config bgpd")


def test_put_right_ok_again():
    rc, output, recap = playbook(GOOD)
    assert rc == 0, output
    assert recap["ce2"]["changed"] == 1 and recap["ce1"]["changed"] == 0, output
    assert verdict("ce2", "lab-dub") == "ok"
