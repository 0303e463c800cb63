"""
NETCONF for the lab: keys laid out as an operator does under
/etc/frr/netconf (here in a directory of the run's), the CE's bgpd
arguments that load the NETCONF server, and the clients: an ncclient
session, an Ansible playbook (Debian's ansible, ansible.netcommon's
netconf connection) and a yangcli script (yuma123), each run from the
router's network namespace.

The server listens on the CE's loopback, inside the CE's network
namespace: the client's socket is opened from inside that namespace
(setns on the connecting thread), as a management tool on the CE's own
host would connect.
"""

import contextlib
import ctypes
import json
import logging
import os
import shutil
import subprocess

from ncclient import manager

from lib import topotest
from er_topo import start_lab
from er_netconf_xml import ER_NS, NC_NS, NS, circuit_xml  # noqa: F401 (for the tests)

BUILD = os.path.abspath(
    os.environ.get("ER_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
)
PORT = 830
USERS = ("alice", "bob")

# ncclient logs every byte at DEBUG
logging.getLogger("ncclient").setLevel(logging.WARNING)

_libc = ctypes.CDLL("libc.so.6", use_errno=True)
CLONE_NEWNET = 0x40000000


def make_keys(keys):
    """Host key, and a key for each of USERS, in keys/ (made by the caller)."""
    subprocess.check_call(["ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-m", "PEM",
                           "-f", os.path.join(keys, "ssh_host_key")])
    for user in USERS:
        os.makedirs(os.path.join(keys, "users", user))
        key = os.path.join(keys, user)
        subprocess.check_call(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
        shutil.copy(key + ".pub", os.path.join(keys, "users", user, "laptop.pub"))
    os.chmod(keys, 0o755)
    # bgpd reads them as frr, after dropping its privileges
    subprocess.check_call(["chown", "-R", "frr:frr", os.path.join(keys, "users"),
                           os.path.join(keys, "ssh_host_key")])


def bgpd_args(keys, extra=""):
    """The CE bgpd's extra arguments: the NETCONF module and its files,
    and extra module arguments ("login-timeout=3,...")."""
    yang = subprocess.check_output(
        [os.path.join(BUILD, "tools", "prepare-netconf-yang")], text=True,
        stderr=subprocess.DEVNULL).strip()
    return "-M expressroute_netconf:port=%d,hostkey=%s,users=%s,yang=%s%s" % (
        PORT, os.path.join(keys, "ssh_host_key"), os.path.join(keys, "users"), yang,
        "," + extra if extra else "")


def netconf_lab(request, testdir, keys, extra=""):
    """The lab, with the NETCONF server on the CE (keys made in keys/);
    a generator for a module fixture: yields the Topogen, then stops."""
    make_keys(keys)
    tgen = start_lab(request, testdir, ce1_bgpd_args=bgpd_args(keys, extra))
    yield tgen
    tgen.stop_topology()
    shutil.rmtree(keys, ignore_errors=True)


@contextlib.contextmanager
def in_netns(pid):
    """Run the block in the network namespace of process pid (this thread
    only); sockets opened there stay there."""
    own = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    target = os.open("/proc/%d/ns/net" % pid, os.O_RDONLY)
    try:
        if _libc.setns(target, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns")
        yield
    finally:
        _libc.setns(own, CLONE_NEWNET)
        os.close(own)
        os.close(target)


def connect(router, keys, user="alice"):
    """An ncclient session to router's NETCONF server, as user."""
    with in_netns(router.net.pid):
        # password="": Debian 13's ncclient (0.6.16) reads a key file
        # with password.encode() and fails on None; the key has none
        return manager.connect(host="127.0.0.1", port=PORT, username=user,
                               key_filename=os.path.join(keys, user),
                               password="", hostkey_verify=False,
                               look_for_keys=False, allow_agent=False,
                               timeout=30)


def in_router_netns(router, argv, env=None, timeout=300):
    """Run argv in router's network namespace (only that: the files are
    this host's); returns the CompletedProcess, output as text."""
    return subprocess.run(["nsenter", "--net=/proc/%d/ns/net" % router.net.pid] + argv,
                          env=env, capture_output=True, text=True, timeout=timeout)


def ansible(router, keys, workdir, tasks, user="alice"):
    """Run tasks (a list of Ansible task dicts) as one play against the
    router's NETCONF server, with Ansible's netconf connection; returns
    {task name: result} from Ansible's json callback (a failed task, and
    the tasks after it that did not run, as Ansible reports them)."""
    os.makedirs(workdir, exist_ok=True)
    inventory = os.path.join(workdir, "inventory.ini")
    with open(inventory, "w") as f:
        # an empty password for Debian 13's ncclient, as in connect()
        f.write("[routers]\nce1 ansible_host=127.0.0.1 ansible_port=%d ansible_user=%s "
                "ansible_ssh_private_key_file=%s ansible_password=\"\" "
                "ansible_connection=ansible.netcommon.netconf "
                "ansible_network_os=default\n" % (PORT, user, os.path.join(keys, user)))
    playbook = os.path.join(workdir, "play.yml")
    with open(playbook, "w") as f:
        # YAML is a superset of JSON
        json.dump([{"hosts": "routers", "gather_facts": False, "tasks": tasks}], f)
    env = dict(os.environ, ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_STDOUT_CALLBACK="json",
               ANSIBLE_NOCOLOR="1", ANSIBLE_HOME=os.path.join(workdir, "home"),
               ANSIBLE_LOCAL_TEMP=os.path.join(workdir, "tmp"),
               PATH="/usr/sbin:/usr/bin:/sbin:/bin")
    done = in_router_netns(router, ["ansible-playbook", "-i", inventory, playbook], env=env)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        raise AssertionError("ansible-playbook: %s %s" % (done.stdout[-2000:], done.stderr[-2000:]))
    return {task["task"]["name"]: task["hosts"].get("ce1", {})
            for task in report["plays"][0]["tasks"]}


def yangcli(router, keys, workdir, commands, user="alice"):
    """Run yangcli (yuma123) with commands as its script against the
    router's NETCONF server; returns everything it printed."""
    os.makedirs(workdir, exist_ok=True)
    script = os.path.join(workdir, "script.yc")
    with open(script, "w") as f:
        f.write("\n".join(commands) + "\n")
    key = os.path.join(keys, user)
    # yangcli keeps its history and the modules it downloads under ~/.yuma
    env = dict(os.environ, HOME=workdir, PATH="/usr/sbin:/usr/bin:/sbin:/bin")
    done = in_router_netns(router, [
        "yangcli", "--server=127.0.0.1", "--ncport=%d" % PORT, "--user=%s" % user,
        "--private-key=%s" % key, "--public-key=%s.pub" % key, "--batch-mode",
        "--run-script=%s" % script], env=env)
    return done.stdout + done.stderr


# The lab's circuit: both peerings to the MSEE pair (er_netconf's configs)

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


def show_circuit(router, name="lab-ams"):
    return json.loads(router.vtysh_cmd("show expressroute circuit %s json" % name))


def verdicts(router, name="lab-ams"):
    """{peering type: verdict} of the circuit, {} while it has none."""
    try:
        return {p["type"]: p["verdict"] for p in show_circuit(router, name)["peerings"]}
    except (KeyError, ValueError):
        return {}


def wait(check, what, count=90, wait=1):
    """Poll check() until it is true; what() says what failed."""
    def test():
        return None if check() else "not yet"

    _, result = topotest.run_and_expect(test, None, count=count, wait=wait)
    assert result is None, what()
