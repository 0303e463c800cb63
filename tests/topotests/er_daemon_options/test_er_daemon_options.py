#!/usr/bin/env python3
"""
The CE's daemons started the way labs, containers and FRR's own topotests
often start them: with `--vty_socket DIR`, and with a pathspace (`-N NAME`).
Each way, the module finds bfdd, the circuit is ok (not "is bfdd
running?"), bfdd's negotiated timers are shown (msee2 runs BFD at 750 ms),
a clean start logs no verdict but ok, sessions that were never
reset show no last reset, and a cut link is seen (the time it took is
printed and written to failover.json; the benchmark times it, not this).
"""

import json
import os
import re
import time

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import cut_link, start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

CWD = os.path.dirname(os.path.realpath(__file__))
SOCKETS = "/var/run/frr/er-sockets"

# how each variant starts the CE's daemons, and how vtysh reaches them
VARIANTS = {
    "vty_socket": {
        "args": lambda daemon: "--vty_socket %s" % SOCKETS,
        "vtysh": "vtysh --vty_socket %s" % SOCKETS,
        "moved": {".vty": SOCKETS},
    },
    "pathspace": {
        # -N moves the config file and pid file too: keep them where the
        # topotest library looks for them
        # (FRR 10.7's mgmtd and staticd read no file of their own: no -f)
        "args": lambda daemon: "-N erlab -i /var/run/frr/%s.pid%s" % (
            daemon, "" if daemon in ("mgmtd", "staticd") else " -f /etc/frr/%s.conf" % daemon),
        "vtysh": "vtysh -N erlab",
        "moved": {".vty": "/var/run/frr/erlab", "zserv.api": "/var/run/frr/erlab"},
    },
}


def lead_the_library_to_the_daemons(router, variant):
    """FRR 10's topotest library starts mgmtd and staticd with zebra, with
    no options of their own; waits for each daemon's vty socket (and
    zebra's zserv.api) where daemons put them by default; and runs a plain
    `vtysh` to see that zebra and staticd reached mgmtd.  Started as here,
    the daemons are elsewhere: start those two the same way, and look and
    ask where they are."""
    net = router.net
    for daemon in ("mgmtd", "staticd"):
        if net.daemons.get(daemon):
            net.daemons_options[daemon] = variant["args"](daemon)
    default_place, plain_cmd = net.path_exists, net.cmd

    def path_exists(path):
        for ending, directory in variant["moved"].items():
            if path.startswith("/var/run/frr/") and path.endswith(ending):
                path = os.path.join(directory, os.path.basename(path))
        return default_place(path)

    def cmd(command, *args, **kwargs):
        if command.startswith("vtysh -c "):
            command = variant["vtysh"] + command[len("vtysh"):]
        return plain_cmd(command, *args, **kwargs)

    net.path_exists = path_exists
    net.cmd = cmd


def before_start(tgen):
    """The socket directory; no log of the other variant's run; and IPv6
    addresses usable at once, as on a router whose links were up long
    before BGP: a lab's fresh addresses are tentative (duplicate address
    detection) for a second, and an IPv6 session that starts meanwhile
    fails and resets once, which would be a real non-ok verdict."""
    for router in tgen.routers().values():
        router.cmd("for f in /proc/sys/net/ipv6/conf/*/accept_dad; "
                   "do echo 0 > $f; done")
    ce1 = tgen.gears["ce1"]
    ce1.cmd("mkdir -p %s && chown frr:frr %s" % (SOCKETS, SOCKETS))
    # vtysh -N reads its own vtysh.conf from the pathspace too
    ce1.cmd("mkdir -p /etc/frr/erlab && touch /etc/frr/erlab/vtysh.conf")
    # FRR 10's staticd, started with -f like the others, needs its file
    ce1.cmd("touch /etc/frr/staticd.conf && chown frr:frr /etc/frr/staticd.conf")
    ce1.cmd("rm -f %s/ce1/*.log" % ce1.logdir)


@pytest.fixture(scope="module", params=sorted(VARIANTS), autouse=True)
def lab(request):
    variant = VARIANTS[request.param]
    tgen = start_lab(request, CWD, ce1_args=variant["args"],
                     before_start=before_start,
                     after_load=lambda tgen: lead_the_library_to_the_daemons(
                         tgen.gears["ce1"], variant),
                     name="%s-%s" % (request.module.__name__, request.param))
    tgen.er_vtysh = variant["vtysh"]
    yield tgen
    tgen.stop_topology()


def ce1():
    return get_topogen().gears["ce1"]


def vtysh(command):
    return ce1().cmd("%s -c '%s' 2>&1" % (get_topogen().er_vtysh, command))


def peering():
    out = vtysh("show expressroute circuit lab json")
    try:
        return json.loads(out)["peerings"][0]
    except ValueError:
        raise AssertionError("vtysh: %s" % out)


def bgpd_log():
    return ce1().cmd("cat %s/ce1/bgpd.log" % ce1().logdir)


def wait(check, what, count=120, wait=0.5):
    _, result = topotest.run_and_expect(
        lambda: None if check() else "not yet", None, count=count, wait=wait)
    assert result is None, "%s: %s" % (what, json.dumps(peering(), indent=1))


def test_daemons_reached_the_way_they_were_started():
    out = vtysh("show expressroute")
    assert "lab" in out, out
    log = bgpd_log()
    assert re.search(r"bfdd is looked for at \S+/bfdd.vty", log), log[-2000:]


def test_ok_with_bfd_up():
    def settled():
        p = peering()
        return p["verdict"] == "ok" and all(
            s["bfd"] == "up" and s["uptimeMsec"] >= 8000 for s in p["sessions"])

    wait(settled, "not ok with BFD up")
    assert "is bfdd running?" not in " ".join(peering()["reasons"])


def test_negotiated_bfd_timers_from_bfdd():
    """bfdd, asked where bgpd's command line says, gives each session's
    timers: the slower side wins, so with msee2 at 750 ms the CE's 300 ms
    sends every 750 ms on the secondary link."""
    bfd = json.loads(ce1().cmd("%s -c 'show bfd peer 192.168.100.134 json'"
                               % get_topogen().er_vtysh))
    assert (bfd["transmit-interval"], bfd["remote-receive-interval"]) == (300, 750), bfd
    want = {"primary": (300, 900, 300), "secondary": (750, 2250, 750)}
    for s in peering()["sessions"]:
        assert (s["bfdTransmitMsec"], s["bfdDetectMsec"],
                s["bfdMseeMinReceiveMsec"]) == want[s["role"]], s
    text = vtysh("show expressroute circuit lab")
    assert "BFD up (tx 300 ms, detect 900 ms)" in text, text
    assert "BFD up (tx 750 ms, detect 2250 ms)" in text, text


def test_clean_start_logs_no_verdict_but_ok():
    log = bgpd_log()
    bad = [line for line in log.splitlines()
           if re.search(r"is now (down|degraded|incomplete)|after it was set up", line)]
    assert not bad, bad
    assert "peering private is up: ok" in log


def test_never_reset_sessions_show_no_last_reset():
    for s in peering()["sessions"]:
        assert s["flaps"] == 0, s
        assert "lastResetReason" not in s, s
        assert "downReason" not in s, s
    text = vtysh("show expressroute circuit lab")
    assert "last reset" not in text and "not up" not in text, text


def test_cut_is_seen():
    cut_at = time.time()
    cut_link(get_topogen(), "msee1")
    wait(lambda: peering()["verdict"] != "ok", "cut not seen", count=200, wait=0.05)
    seen = time.time() - cut_at
    print("cut -> %s in %.2f s" % (peering()["verdict"], seen))
    with open(os.path.join(ce1().logdir, "failover.json"), "w") as f:
        json.dump({"cut_to_non_ok_polled_s": seen}, f)
    primary = next(s for s in peering()["sessions"]
                   if s["neighbor"] == "192.168.100.130")
    wait(lambda: "downReason" in next(s for s in peering()["sessions"]
                                      if s["neighbor"] == "192.168.100.130"),
         "no reason for the primary session being down")
    cut_link(get_topogen(), "msee1", up=True)
    wait(lambda: peering()["verdict"] == "ok", "not ok again", count=240)
    primary = next(s for s in peering()["sessions"]
                   if s["neighbor"] == "192.168.100.130")
    assert primary["flaps"] >= 1 and "lastResetReason" in primary, primary
