"""
NETCONF for the lab: keys laid out as an operator does under
/etc/frr/netconf (here in a directory of the run's), the CE's bgpd
arguments that load the NETCONF server, and an ncclient session to it.

The server listens on the CE's loopback, inside the CE's network
namespace: the client's socket is opened from inside that namespace
(setns on the connecting thread), as a management tool on the CE's own
host would connect.
"""

import contextlib
import ctypes
import logging
import os
import shutil
import subprocess

from ncclient import manager

from er_topo import start_lab

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


def bgpd_args(keys):
    """The CE bgpd's extra arguments: the NETCONF module and its files."""
    yang = subprocess.check_output(
        [os.path.join(BUILD, "tools", "prepare-netconf-yang")], text=True,
        stderr=subprocess.DEVNULL).strip()
    return "-M expressroute_netconf:port=%d,hostkey=%s,users=%s,yang=%s" % (
        PORT, os.path.join(keys, "ssh_host_key"), os.path.join(keys, "users"), yang)


def netconf_lab(request, testdir, keys):
    """The lab, with the NETCONF server on the CE (keys made in keys/);
    a generator for a module fixture: yields the Topogen, then stops."""
    make_keys(keys)
    tgen = start_lab(request, testdir, ce1_bgpd_args=bgpd_args(keys))
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
        return manager.connect(host="127.0.0.1", port=PORT, username=user,
                               key_filename=os.path.join(keys, user),
                               hostkey_verify=False, look_for_keys=False,
                               allow_agent=False, timeout=30)
