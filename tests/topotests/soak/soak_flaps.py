#!/usr/bin/env python3
"""
Fault soak: BGP session flaps (the MSEE clears the session) and link flaps
(the MSEE's side of the primary link goes down and up), with the verdict
checked after each, and bgpd's memory sampled along the way.  Then bfdd,
zebra and bgpd restarted (bgpd while routes are arriving, its configuration
restored from frr.conf with `vtysh -b -d bgpd` as FRR's init script does),
each followed by a link cut that only BFD detects in time; the MSEE sending
more prefixes than the inbound limit; the BGP instance deleted and
re-created.

Run by tests/bench/soak.sh, not by the test suite:
  SOAK_FLAPS=500 SOAK_LINK_FLAPS=100 tests/bench/soak.sh
Prints the counts survived, how long a flap took, and bgpd's memory: first
and last RSS and the least-squares trend in KiB per 100 flaps.

SOAK_VALGRIND=1 (tests/bench/leakcheck.sh) runs ce1's bgpd under valgrind
memcheck, as FRR's --valgrind-memleaks does (same command line, logs
<router>.valgrind.bgpd.<pid> in the test's log directory); bgpd is then
stopped with SIGTERM, not SIGKILL, so that each copy reports its leaks.
SOAK_WAIT_SCALE multiplies every wait (valgrind is much slower).
"""

import json
import os
import time

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import cut_link, start_lab

CWD = os.path.dirname(os.path.realpath(__file__))
FLAPS = int(os.environ.get("SOAK_FLAPS", "50"))
LINK_FLAPS = int(os.environ.get("SOAK_LINK_FLAPS", "10"))
WAIT_SCALE = float(os.environ.get("SOAK_WAIT_SCALE", "1"))
VALGRIND = os.environ.get("SOAK_VALGRIND") == "1"
# RSS samples: every SAMPLE_EVERY session flaps, and after each link flap
SAMPLE_EVERY = max(1, FLAPS // 50)
# routes each MSEE sends on private peering while bgpd is restarted
# (below the default inbound limit, 1000)
LOAD_PREFIXES = 900
POLL = 0.1

PEERING = ["configure terminal", "router bgp 64900",
           "expressroute circuit lab-ams", "peering private"]


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD)
    if VALGRIND:
        restart("bgpd")  # now under valgrind
    yield tgen
    if VALGRIND:
        stop("bgpd")  # let valgrind write its leak report
    tgen.stop_topology()


def router(name="ce1"):
    return get_topogen().gears[name]


def vtysh(commands, name="ce1"):
    return router(name).cmd(
        "vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def report(message):
    print("soak: " + message, flush=True)


def private():
    out = router().vtysh_cmd("show expressroute circuit lab-ams json")
    try:
        peerings = json.loads(out).get("peerings", [])
    except ValueError:  # bgpd not (yet) answering
        return {"verdict": None, "reasons": ["no answer: %r" % out[:200]]}
    return next(p for p in peerings if p["type"] == "private")


def wait_verdict(verdict, what, seconds=60):
    """Poll the private peering's verdict every POLL s until it is verdict."""
    def check():
        peering = private()
        return None if peering["verdict"] == verdict else peering["reasons"]

    count = int(seconds * WAIT_SCALE / POLL)
    _, result = topotest.run_and_expect(check, None, count=count, wait=POLL)
    assert result is None, "%s: %s" % (what, result)


def bgpd_rss_kib():
    pid = router().cmd("cat /var/run/frr/bgpd.pid").strip()
    status = router().cmd("cat /proc/%s/status" % pid)
    return int(next(l.split()[1] for l in status.splitlines()
                    if l.startswith("VmRSS:")))


def trend(samples):
    """Least-squares slope of RSS (KiB) per 100 flaps."""
    n = len(samples)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in samples) / n
    my = sum(y for _, y in samples) / n
    sxx = sum((x - mx) ** 2 for x, _ in samples)
    sxy = sum((x - mx) * (y - my) for x, y in samples)
    return 100.0 * sxy / sxx if sxx else 0.0


def memory(what, samples):
    return ("%s: bgpd RSS %d -> %d KiB over %d samples, trend %+.1f KiB "
            "per 100 flaps" % (what, samples[0][1], samples[-1][1],
                               len(samples), trend(samples)))


def link_flap(what):
    """Cut the primary link behind the bridge: only BFD notices it in
    seconds (the hold time is 180 s); then restore it."""
    tgen = get_topogen()
    cut_link(tgen, "msee1")
    wait_verdict("degraded", "%s: link cut not seen" % what, seconds=10)
    cut_link(tgen, "msee1", up=True)
    wait_verdict("ok", "%s: not ok after the link came back" % what)


SAMPLES = []


def test_session_flaps():
    wait_verdict("ok", "never ok")
    SAMPLES.append((0, bgpd_rss_kib()))
    start = time.monotonic()
    for i in range(1, FLAPS + 1):
        vtysh(["clear bgp 192.168.100.129"], "msee1")
        wait_verdict("degraded", "flap %d not seen" % i, seconds=10)
        wait_verdict("ok", "not ok after flap %d" % i)
        if i % SAMPLE_EVERY == 0:
            SAMPLES.append((i, bgpd_rss_kib()))
    report("%d session flaps survived, verdict degraded then ok after each, "
           "%.2f s per flap" % (FLAPS, (time.monotonic() - start) / max(1, FLAPS)))
    report(memory("session flaps", SAMPLES))


def test_link_flaps():
    first = len(SAMPLES)
    start = time.monotonic()
    for i in range(1, LINK_FLAPS + 1):
        link_flap("link flap %d" % i)
        SAMPLES.append((FLAPS + i, bgpd_rss_kib()))
    report("%d link flaps survived, verdict degraded then ok after each, "
           "%.2f s per flap" % (LINK_FLAPS,
                                (time.monotonic() - start) / max(1, LINK_FLAPS)))
    report(memory("link flaps", SAMPLES[first - 1:]))
    report(memory("all %d flaps" % (FLAPS + LINK_FLAPS), SAMPLES))
    report("RSS samples (flaps:KiB): %s"
           % " ".join("%d:%d" % sample for sample in SAMPLES))


def stop(daemon):
    """Stop one daemon of ce1: SIGKILL, as a crash, except bgpd under
    valgrind (SIGTERM: its leak report is the point)."""
    graceful = VALGRIND and daemon == "bgpd"
    pidfile = "/var/run/frr/%s.pid" % daemon
    pid = router().cmd("cat %s" % pidfile).strip()
    assert pid.isdigit(), "%s: no pid file" % daemon
    tenths = int((1200 if graceful else 100) * WAIT_SCALE)
    router().cmd("kill -%s %s; for i in $(seq %d); do kill -0 %s 2>/dev/null "
                 "|| break; sleep 0.1; done; rm -f %s"
                 % ("TERM" if graceful else "KILL", pid, tenths, pid, pidfile))
    assert router().cmd("kill -0 %s 2>&1 || echo gone" % pid).strip().endswith(
        "gone"), "%s (pid %s) did not stop" % (daemon, pid)


def restart(daemon):
    """Stop one daemon of ce1 and start it again.

    Not killRouterDaemons(): in FRR 8.4's topotest library it can remove
    another daemon's pid file (it reuses its loop variable), after which
    "restarting" that daemon starts a second copy beside the first."""
    stop(daemon)
    # FRR 8's library reads valgrind from g_extra_config at each start;
    # FRR 10's from its pytest options, set for the whole run
    config = getattr(topotest, "g_extra_config", None)
    if config is None:
        router().net.startRouterDaemons([daemon])
    else:
        saved = config.get("valgrind_memleaks", False)
        config["valgrind_memleaks"] = saved or (VALGRIND and daemon == "bgpd")
        try:
            router().net.startRouterDaemons([daemon])
        finally:
            config["valgrind_memleaks"] = saved
    # (a process of another run may end between pgrep and readlink)
    running = router().cmd(
        "for p in $(pgrep -f '[l]ib/frr/%s '); do "
        "[ \"$(readlink /proc/$p/ns/net 2>/dev/null)\" = "
        "\"$(readlink /proc/self/ns/net)\" ] && echo $p; done" % daemon).split()
    assert len(running) == 1, "%s: running as %s" % (daemon, running)


def msee_networks(add, count=LOAD_PREFIXES):
    """Make each MSEE advertise (or withdraw) count /24s on private peering."""
    lines = ["router bgp 12076", " address-family ipv4 unicast"]
    lines += [" %snetwork 10.%d.%d.0/24" % ("" if add else "no ",
                                             100 + i // 256, i % 256)
              for i in range(count)]
    for msee in ("msee1", "msee2"):
        router(msee).cmd("cat > er-soak-load.conf <<'EOF'\n%s\nEOF\n"
                         "vtysh -f er-soak-load.conf" % "\n".join(lines))


def received(neighbor="192.168.100.130"):
    out = json.loads(router().vtysh_cmd("show bgp ipv4 unicast summary json"))
    peer = out.get("peers", {}).get(neighbor, {})
    return peer.get("pfxRcd", 0)


def test_bfdd_restart():
    restart("bfdd")
    wait_verdict("ok", "not ok after restarting bfdd")
    link_flap("after restarting bfdd")
    report("bfdd restarted: verdict ok, a link cut detected by BFD")


def test_zebra_restart():
    restart("zebra")
    wait_verdict("ok", "not ok after restarting zebra")
    link_flap("after restarting zebra")
    report("zebra restarted: verdict ok, a link cut detected by BFD")


def test_bgpd_restart_under_load():
    """bgpd killed while it receives routes; the configuration comes back
    from frr.conf, as FRR's init script restores a single daemon."""
    msee_networks(True)
    _, got = topotest.run_and_expect(lambda: received() >= LOAD_PREFIXES + 1,
                                     True, count=int(300 * WAIT_SCALE), wait=0.2)
    assert got, "MSEE routes not received: %d" % received()
    router().cmd("vtysh -w >/dev/null && mv /etc/frr/bgpd.conf "
                 "/etc/frr/bgpd.conf.soak")
    assert "expressroute circuit lab-ams" in router().cmd("cat /etc/frr/frr.conf")
    for msee in ("msee1", "msee2"):  # routes arriving again when it dies
        vtysh(["clear bgp *"], msee)
    restart("bgpd")
    router().cmd("vtysh -b -d bgpd >/dev/null 2>&1")
    wait_verdict("ok", "not ok after restarting bgpd")
    _, got = topotest.run_and_expect(lambda: received() >= LOAD_PREFIXES + 1,
                                     True, count=int(300 * WAIT_SCALE), wait=0.2)
    assert got, "MSEE routes not received again: %d" % received()
    count = received()
    link_flap("after restarting bgpd")
    msee_networks(False)
    report("bgpd killed while receiving %d routes per session, configuration "
           "restored from frr.conf (vtysh -b -d bgpd): verdict ok, %d routes "
           "again, a link cut detected by BFD" % (LOAD_PREFIXES + 1, count))


def test_msee_exceeds_inbound_limit():
    vtysh(PEERING + ["max-prefix-in ipv4 1", "max-prefix-in teardown"])
    vtysh(["configure terminal", "router bgp 12076", "address-family ipv4 unicast",
           "network 10.2.0.0/16", "network 10.3.0.0/16"], "msee1")
    wait_verdict("degraded", "limit not enforced")
    report("inbound limit exceeded: %s" % "; ".join(private()["reasons"]))
    vtysh(["configure terminal", "router bgp 12076", "address-family ipv4 unicast",
           "no network 10.2.0.0/16", "no network 10.3.0.0/16"], "msee1")
    vtysh(PEERING + ["no max-prefix-in ipv4", "no max-prefix-in teardown"])
    vtysh(["clear bgp 192.168.100.130"])
    wait_verdict("ok", "not ok after the limit was lifted")


def test_instance_deleted_and_recreated():
    config = router().vtysh_cmd("show running-config bgpd")
    vtysh(["configure terminal", "no router bgp 64900"])
    assert "expressroute circuit" not in router().vtysh_cmd(
        "show running-config bgpd")
    router().cmd("cat > er-soak-restore.conf <<'EOF'\n%s\nEOF\n"
                 "vtysh -f er-soak-restore.conf" % config)
    wait_verdict("ok", "not ok after re-creating the instance")
    link_flap("after re-creating the instance")
    report("BGP instance deleted and re-created: verdict ok, a link cut "
           "detected by BFD")
    report("bgpd RSS at the end: %d KiB" % bgpd_rss_kib())
