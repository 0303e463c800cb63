"""
The ER-aware vtysh knows exactly the commands of the distro's vtysh plus
the module's, whichever way it was made (extract.pl on FRR 8, FRR's
xref2vtysh over the installed binaries on FRR 10): `list` in each node the
module adds commands to gives the distro vtysh's list there plus the
module's commands, and in the module's own nodes the module's commands
plus what vtysh gives every node (exit, quit, end, list, find, ...).

The module's commands come from its sources, read by the documentation
check (tests/doc/check-commands.py), not from the vtysh build.
"""

import importlib.util
import os
import shutil
import subprocess
import tempfile
import time

import pytest

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
BGPD = "/usr/lib/frr/bgpd"

_spec = importlib.util.spec_from_file_location(
    "check_commands", os.path.join(TOP, "tests", "doc", "check-commands.py"))
check_commands = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_commands)

ROUTER_BGP = ["configure terminal", "router bgp 65010"]
# The command lines that lead to each node, from vtysh -c's ENABLE_NODE
# (where the VIEW_NODE commands are listed too).
DISTRO_NODES = {
    "ENABLE_NODE": [],
    "CONFIG_NODE": ["configure terminal"],
    "BGP_NODE": ROUTER_BGP,
}
MODULE_NODES = {
    "ER_CIRCUIT_NODE": ROUTER_BGP + ["expressroute circuit lab"],
    "ER_PEERING_NODE": ROUTER_BGP + ["expressroute circuit lab",
                                     "peering private"],
}
ROUTE_MAP = ["configure terminal", "route-map LIST permit 10"]


def module_commands(node):
    """The module's visible commands installed in node."""
    commands = {}
    for path in check_commands.CLI_FILES:
        defs, installed = check_commands.code_commands(os.path.join(TOP, path))
        for command, entries in defs.items():
            for name, _, hidden in entries:
                nodes = installed.get(name, [])
                if node == "ENABLE_NODE":
                    nodes = ["ENABLE_NODE" if n == "VIEW_NODE" else n for n in nodes]
                if node in nodes and not hidden:
                    commands[command] = name
    return set(commands)


def distro_vtysh():
    """The distro's vtysh, also where make install diverted it."""
    out = subprocess.run(["dpkg-divert", "--truename", "/usr/bin/vtysh"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


@pytest.fixture(scope="module")
def bgpd(build_dir):
    """A bgpd with the module (no BGP listener, no zebra): vtysh needs a
    daemon to talk to, its `list` shows vtysh's own commands."""
    rundir = tempfile.mkdtemp()
    shutil.chown(rundir, "frr", "frr")
    proc = subprocess.Popen(
        ["unshare", "-n", BGPD, "-p", "0", "-f", "/dev/null",
         "--moduledir", os.path.join(build_dir, ".libs"), "-M", "expressroute",
         "-i", os.path.join(rundir, "bgpd.pid"),
         "-z", os.path.join(rundir, "zserv.api"),
         "--vty_socket", rundir, "--log", "stdout"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while not os.path.exists(os.path.join(rundir, "bgpd.vty")):
        assert proc.poll() is None, proc.stdout.read()
        assert time.time() < deadline, "bgpd made no vty socket"
        time.sleep(0.1)
    yield rundir
    proc.terminate()
    proc.communicate(timeout=30)
    shutil.rmtree(rundir)


def vtysh_list(vtysh, rundir, path):
    cmd = [vtysh, "--vty_socket", rundir]
    for line in path + ["list"]:
        cmd += ["-c", line]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, (cmd, out.stdout, out.stderr)
    lines = {" ".join(line.split()) for line in out.stdout.splitlines()}
    lines.discard("")
    return lines


@pytest.mark.parametrize("node", sorted(DISTRO_NODES))
def test_distro_node_lists_distro_plus_module(build_dir, bgpd, node):
    path = DISTRO_NODES[node]
    distro = vtysh_list(distro_vtysh(), bgpd, path)
    ours = vtysh_list(os.path.join(build_dir, "vtysh", "vtysh"), bgpd, path)
    assert distro - ours == set(), "lost from the distro's vtysh"
    assert ours - distro == module_commands(node)


@pytest.mark.parametrize("node", sorted(MODULE_NODES))
def test_module_node_lists_module_plus_vtysh_defaults(build_dir, bgpd, node):
    # what the distro vtysh lists in every node: its per-node defaults
    vtysh = distro_vtysh()
    defaults = (vtysh_list(vtysh, bgpd, DISTRO_NODES["CONFIG_NODE"])
                & vtysh_list(vtysh, bgpd, ROUTER_BGP)
                & vtysh_list(vtysh, bgpd, ROUTE_MAP))
    assert {"exit", "quit", "end"} <= defaults
    ours = vtysh_list(os.path.join(build_dir, "vtysh", "vtysh"), bgpd,
                      MODULE_NODES[node])
    assert ours == module_commands(node) | defaults
