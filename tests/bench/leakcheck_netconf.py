#!/usr/bin/python3
"""
Leak check of the NETCONF server: bgpd with -M expressroute and
-M expressroute_netconf under valgrind memcheck (FRR's suppressions), in a
network namespace of its own, driven by ncclient through every operation
the server has (hello, get-schema, edit-config in both datastores with
each operation, validate, commit, discard-changes, get with filters, lock,
unlock, a second session killed by the first, a notification, bad edits),
then stopped with SIGTERM; valgrind_report.py counts what is lost.

usage: leakcheck_netconf.py [--keep]      (root; a build: ER_BUILD_DIR)
About 1-2 minutes; exit status 1 if anything is lost through the
project's modules.
"""

import argparse
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.abspath(os.environ.get("ER_BUILD_DIR", os.path.join(HERE, "..", "..")))
NETNS = "er-nc-leak"
PORT = 8300
NC = "urn:ietf:params:xml:ns:netconf:base:1.0"
ER = "http://frrouting.org/yang/expressroute"
SUPPRESSIONS = "/usr/lib/frr/valgrind.supp"


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def circuit(name, body="", op=""):
    attr = ' xmlns:nc="%s" nc:operation="%s"' % (NC, op) if op else ""
    return ('<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>default</vrf>'
            "<circuit%s><name>%s</name>%s</circuit></instance></expressroute></config>"
            % (NC, ER, attr, name, body))


PRIVATE = ("<peering><type>private</type><vlan-id>100</vlan-id><ipv4>"
           "<primary-subnet>192.168.100.128/30</primary-subnet>"
           "<secondary-subnet>192.168.100.132/30</secondary-subnet></ipv4></peering>")


def enter_netns():
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = os.open("/run/netns/%s" % NETNS, os.O_RDONLY)
    if libc.setns(fd, 0x40000000) != 0:
        raise OSError(ctypes.get_errno(), "setns")
    os.close(fd)


def exercise(keys):
    from ncclient import manager
    from ncclient.operations.rpc import RPCError

    def connect(user):
        return manager.connect(host="127.0.0.1", port=PORT, username=user,
                               key_filename=os.path.join(keys, user), hostkey_verify=False,
                               look_for_keys=False, allow_agent=False, timeout=120)

    def refused(call, *args, **kw):
        try:
            call(*args, **kw)
        except RPCError:
            return
        raise AssertionError("%s was not refused" % call)

    a, b = connect("alice"), connect("bob")
    a.get_schema("frr-expressroute")
    a.create_subscription()
    a.edit_config(target="candidate", config=circuit("leak", "<bandwidth>1000</bandwidth>" + PRIVATE))
    a.validate(source="candidate")
    a.commit()
    a.get(filter=("subtree", '<expressroute xmlns="%s"/>' % ER))
    a.get(filter=("xpath", ({"er": ER}, "/er:expressroute/er:instance/er:circuit/er:peering/er:state")))
    a.get(filter=("subtree", '<netconf-state xmlns="urn:ietf:params:xml:ns:yang:'
                  'ietf-netconf-monitoring"><schemas/></netconf-state>'))
    a.get_config(source="running")
    a.get_config(source="candidate")
    a.edit_config(target="running", config=circuit("leak", "<location>Amsterdam</location>"))
    a.edit_config(target="running", config=circuit(
        "leak", '<location xmlns:nc="%s" nc:operation="delete"/>' % NC))
    a.edit_config(target="running", config=circuit("leak", PRIVATE.replace(
        "<peering>", '<peering xmlns:nc="%s" nc:operation="replace">' % NC)))
    refused(a.edit_config, target="running", config=circuit("leak", "", op="create"))
    refused(a.edit_config, target="running", config=circuit("nowhere", "", op="delete"))
    refused(a.edit_config, target="running", config=circuit("bad", PRIVATE.replace("100", "4095")))
    refused(a.edit_config, target="running", config=circuit(
        "bad", PRIVATE.replace("192.168.100.132", "192.168.100.128")))
    refused(a.edit_config, target="running", config=circuit(
        "dup", "<bandwidth>50</bandwidth><bandwidth>100</bandwidth>"))
    a.edit_config(target="candidate", config=circuit("later", "<bandwidth>50</bandwidth>"))
    a.discard_changes()
    a.lock(target="running")
    refused(b.lock, target="running")
    a.unlock(target="running")
    b.lock(target="candidate")
    a.kill_session(b.session_id)
    a.edit_config(target="running", config=circuit("leak", "", op="delete"))
    a.close_session()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="er-nc-leak-")
    os.chmod(work, 0o755)
    keys = os.path.join(work, "keys")
    os.makedirs(keys)
    yang = run(os.path.join(BUILD, "tools", "prepare-netconf-yang")).stdout.strip()
    run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-m", "PEM",
        "-f", os.path.join(keys, "ssh_host_key"))
    for user in ("alice", "bob"):
        os.makedirs(os.path.join(keys, "users", user))
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(keys, user))
        shutil.copy(os.path.join(keys, user + ".pub"), os.path.join(keys, "users", user))
    with open(os.path.join(work, "bgpd.conf"), "w") as f:
        f.write("router bgp 64900\n no bgp ebgp-requires-policy\nexit\n")
    run("chown", "-R", "frr:frr", work)

    subprocess.run(["ip", "netns", "del", NETNS], capture_output=True)
    run("ip", "netns", "add", NETNS)
    run("ip", "netns", "exec", NETNS, "ip", "link", "set", "lo", "up")
    report = os.path.join(work, "bgpd.valgrind.%p")
    valgrind = ["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect",
                "--log-file=" + report]
    if os.path.exists(SUPPRESSIONS):
        valgrind.append("--suppressions=" + SUPPRESSIONS)
    bgpd = ["/usr/lib/frr/bgpd", "-Z", "-f", os.path.join(work, "bgpd.conf"),
            "-i", os.path.join(work, "bgpd.pid"), "--vty_socket", work,
            "--log", "file:" + os.path.join(work, "bgpd.log"),
            "--moduledir", os.path.join(BUILD, ".libs"), "-M", "expressroute",
            "-M", "expressroute_netconf:port=%d,hostkey=%s,users=%s,yang=%s"
            % (PORT, os.path.join(keys, "ssh_host_key"), os.path.join(keys, "users"), yang)]
    daemon = subprocess.Popen(["ip", "netns", "exec", NETNS] + valgrind + bgpd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failed = None
    try:
        log = os.path.join(work, "bgpd.log")
        deadline = time.time() + 120
        while not (os.path.exists(log) and "netconf: listening" in open(log, errors="replace").read()):
            if time.time() > deadline or daemon.poll() is not None:
                raise RuntimeError("bgpd under valgrind did not start its NETCONF server")
            time.sleep(1)
        enter_netns()
        exercise(keys)
    except Exception as error:  # report it, but still collect valgrind's output
        failed = error
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=120)
        except subprocess.TimeoutExpired:
            daemon.kill()
        subprocess.run(["ip", "netns", "del", NETNS], capture_output=True)

    reports = [os.path.join(work, f) for f in sorted(os.listdir(work)) if f.startswith("bgpd.valgrind.")]
    status = subprocess.call([os.path.join(HERE, "valgrind_report.py"), "leakcheck-netconf"] + reports)
    if failed:
        print("leakcheck-netconf: the NETCONF exercise failed: %s" % failed)
    if args.keep:
        print("leakcheck-netconf: work directory %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed or status else 0


if __name__ == "__main__":
    sys.exit(main())
