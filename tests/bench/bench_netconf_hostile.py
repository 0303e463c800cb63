#!/usr/bin/python3
"""
NETCONF under a hostile management network: a normal client's latency
(a new session's SSH login and <hello>, then <get-config>) with nothing
else connected, against the same with idle sockets (connected, never a
byte of SSH) and logged-in sessions that sent half a message, in one run
on this machine; the ratio is printed, nothing is asserted.

bgpd runs with -M expressroute -M expressroute_netconf alone in a network
namespace; the attackers connect from their own loopback addresses
(127.0.0.10 and up, one each, so that max-logins-per-source does not
refuse them: every one is held), the normal client from 127.0.0.1.
A second attack sends the idle sockets from one address, as one host
would: max-logins-per-source refuses most, and the log says so.

Client side: ncclient with its 100 ms select tick made 1 ms, so that the
figures are the server's, not ncclient's polling.

usage: bench_netconf_hostile.py [--idle 50] [--half 5] [--samples 30]
Needs root and a build (ER_BUILD_DIR).  About a minute.
"""

import argparse
import os
import statistics
import sys
import tempfile
import shutil
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "topotests"))
from netconf_daemon import NetconfDaemon  # noqa: E402
from er_netconf_attack import Attack, timed  # noqa: E402

NETNS = "er-nc-bench"
PORT = 830
HOST = "127.0.0.1"


def normal_client(daemon, samples):
    """Seconds of: a new session (SSH login + <hello>), and each of
    samples <get-config> on it; (None, None) when it got no answer in
    two minutes."""
    import ncclient.transport.ssh
    from ncclient import manager

    ncclient.transport.ssh.TICK = 0.001

    def connect():
        return manager.connect(host=HOST, port=PORT, username="alice",
                               key_filename=daemon.key("alice"), hostkey_verify=False,
                               look_for_keys=False, allow_agent=False, timeout=120,
                               password="")

    try:
        login, m = timed(connect)
        try:
            gets = [timed(m.get_config, source="running")[0] for _ in range(samples)]
        finally:
            m.close_session()
    except Exception as error:  # a figure of its own: no answer
        print("bench-netconf-hostile: the normal client failed: %s" % error)
        return None, None
    return login, gets


def row(name, login, gets):
    if login is None:
        return "%-34s no answer within 120 s" % name
    return "%-34s login %7.1f ms   get-config median %6.1f ms  max %6.1f ms" % (
        name, login * 1e3, statistics.median(gets) * 1e3, max(gets) * 1e3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idle", type=int, default=50, help="idle sockets (50)")
    parser.add_argument("--half", type=int, default=5, help="half-message sessions (5)")
    parser.add_argument("--samples", type=int, default=30, help="get-config per run (30)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="er-nc-bench-")
    daemon = NetconfDaemon(work, NETNS, PORT)
    try:
        daemon.start()
        daemon.enter()
        quiet_login, quiet = normal_client(daemon, args.samples)
        sources = ["127.0.0.%d" % (10 + i) for i in range(args.idle + args.half)]
        attack = Attack(HOST, PORT, "bob", daemon.key("bob"), idle=args.idle,
                        half=args.half, sources=sources)
        with attack:
            hostile_login, hostile = normal_client(daemon, args.samples)
            held = attack.still_open()
        one_host = Attack(HOST, PORT, idle=args.idle, sources=["127.0.0.9"])
        with one_host:
            time.sleep(0.5)
            host_login, host = normal_client(daemon, args.samples)
            host_held = one_host.still_open()
        refusals = daemon.log_text().count("max-logins-per-source=")
    finally:
        daemon.stop()
        shutil.rmtree(work, ignore_errors=True)

    print("bench-netconf-hostile: a normal client's latency, %d get-config each" % args.samples)
    print(row("nothing else connected", quiet_login, quiet))
    print(row("%d idle + %d half-message" % (args.idle, args.half), hostile_login, hostile)
          + "   (%d of %d idle sockets held%s)" % (
              held, args.idle, ", %d attackers' connections not even taken" % attack.failed
              if attack.failed else ""))
    print(row("%d idle from one address" % args.idle, host_login, host)
          + "   (%d held, refusals logged: %d line%s)"
          % (host_held, refusals, "" if refusals == 1 else "s"))
    if quiet_login is not None and hostile_login is not None:
        print("ratio under attack / quiet: login %.2f, get-config median %.2f, max %.2f" % (
            hostile_login / quiet_login, statistics.median(hostile) / statistics.median(quiet),
            max(hostile) / max(quiet)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
