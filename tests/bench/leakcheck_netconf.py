#!/usr/bin/python3
"""
Leak check of the NETCONF server: bgpd with -M expressroute and
-M expressroute_netconf under valgrind memcheck (FRR's suppressions), in a
network namespace of its own, driven by ncclient through every operation
the server has (hello, get-schema, edit-config in both datastores with
each operation, validate, commit, discard-changes, get with filters, lock,
unlock, a second session killed by the first, a notification, bad edits),
and by hostile clients (an idle socket, garbage, a refused key, half a
message, a session in NETCONF 1.0 framing), then stopped with SIGTERM;
valgrind_report.py counts what is lost.

usage: leakcheck_netconf.py [--keep]      (root; a build: ER_BUILD_DIR)
About 1-2 minutes; exit status 1 if anything is lost through the
project's modules.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from netconf_daemon import NetconfDaemon

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "topotests"))
from er_netconf_attack import Attack, Session  # noqa: E402
from er_netconf_xml import ER_NS as ER, NC_NS as NC, circuit_xml as circuit  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NETNS = "er-nc-leak"
PORT = 8300
SUPPRESSIONS = "/usr/lib/frr/valgrind.supp"


PRIVATE = ("<peering><type>private</type><vlan-id>100</vlan-id><ipv4>"
           "<primary-subnet>192.168.100.128/30</primary-subnet>"
           "<secondary-subnet>192.168.100.132/30</secondary-subnet></ipv4></peering>")


def exercise(daemon):
    from ncclient import manager
    from ncclient.operations.rpc import RPCError

    def connect(user):
        return manager.connect(host="127.0.0.1", port=PORT, username=user,
                               key_filename=daemon.key(user), hostkey_verify=False,
                               look_for_keys=False, allow_agent=False, timeout=120,
                               password="")

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
    refused(a.edit_config, target="running", config=circuit("leak", "", operation="create"))
    refused(a.edit_config, target="running", config=circuit("nowhere", "", operation="delete"))
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
    a.edit_config(target="running", config=circuit("leak", "", operation="delete"))

    # the transport's ways to end a connection
    with Attack("127.0.0.1", PORT, "bob", daemon.key("bob"), idle=1, garbage=1, half=1):
        old = Session("127.0.0.1", PORT, "alice", daemon.key("alice"), versions=("1.0",))
        old.call("<get-config><source><running/></source></get-config>")
        old.close()
        try:
            Session("127.0.0.1", PORT, "alice", daemon.key("bob"))
        except Exception:  # paramiko: authentication failed, as it must
            pass
        else:
            raise AssertionError("bob's key logged in as alice")
    a.close_session()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="er-nc-leak-")
    report = os.path.join(work, "bgpd.valgrind.%p")
    valgrind = ["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect",
                "--log-file=" + report]
    if os.path.exists(SUPPRESSIONS):
        valgrind.append("--suppressions=" + SUPPRESSIONS)
    daemon = NetconfDaemon(work, NETNS, PORT, wrapper=valgrind)
    failed = None
    try:
        daemon.start()
        daemon.enter()
        exercise(daemon)
    except Exception as error:  # report it, but still collect valgrind's output
        failed = error
    finally:
        daemon.stop()

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
