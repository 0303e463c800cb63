#!/usr/bin/python3
"""
Hot-path benchmark: instructions (callgrind's Ir) for a bgpd to receive and
process P prefixes from an MSEE session, with the module loaded and C
circuits configured, against the same neighbors typed by hand on a bgpd
without the module; in one run, on this machine.

Two bgpds (no zebra), each in a network namespace, joined by a veth:
  - the MSEE, a stock bgpd in AS 12076, originates P /24s with `network`
    statements (read from its config file at start; its session starts
    shut down);
  - the CE runs under callgrind, its config loaded through vtysh, until all
    its 2C neighbors exist.  Circuit 0's primary link is the
    veth (CE 192.168.0.1, MSEE 192.168.0.2); the other MSEE addresses are
    routed to the MSEE's namespace, which drops them, as unreachable MSEEs.
Then callgrind's counters are zeroed, the MSEE's session is enabled, and
the counters are written out when the CE has accepted all P prefixes
(polled every second with `show bgp neighbors ADDR json`, the same in both
runs): the Ir of that window are compared.
Target (issue: Benchmarks): the module costs <= 1% more instructions.

--both-links: circuit 0's secondary link is a second veth to the same
MSEE, so both sessions carry the P prefixes and the module compares the
two links' prefix sets (a walk of the table once they are quiet);
--settle S keeps the window open S seconds after the last prefix is
accepted (in both runs), long enough for that comparison (two 5-second
ticks).

Every route carries Microsoft's communities, as on ExpressRoute: a
regional one (private peering: West Europe, North Europe, East US, in
turn), with a VNet's custom community on some and a service community on
others.  --prefer-region gives circuit 0's private peering `prefer-region
westeurope` (the module's inbound route-map, matching West Europe's six
communities, local preference 150), and the run by hand the same policy
typed as FRR config (a community-list and a route-map).

usage: bench_hotpath.py [--prefixes 100000] [--circuits 100]
                        [--both-links] [--settle 12] [--prefer-region]
Needs root, valgrind and a build (ER_BUILD_DIR).  About 10 minutes at the
defaults; --prefixes 1000 --circuits 5 is a smoke test.
"""

import argparse
import glob
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_scale import (ASN, BGPD, Bgpd, circuits_config,  # noqa: E402
                         hand_config, ip, link_subnets, netns_add)

MSEE_ASN = 12076
CE_ADDR, MSEE_ADDR = "192.168.0.1", "192.168.0.2"
# circuit 0's secondary link, with --both-links
CE_ADDR2, MSEE_ADDR2 = "192.168.0.5", "192.168.0.6"
BOTH_LINKS = False
PREFER_REGION = False
# Communities the MSEE attaches, one set per route in turn.
COMMUNITY_SETS = ("12076:50002 12076:20001", "12076:50003",
                  "12076:50004 12076:20002", "12076:50002 12076:5010")
# West Europe's six regional communities, for the run by hand.
WEST_EUROPE = ("12076:50002", "12076:51002", "12076:52002", "12076:53002",
               "12076:54002", "12076:55002")
# everything but circuit 0's primary link: 10.0.0.0/8 (bench_scale)
UNREACHABLE = "10.0.0.0/8"


def subnets(i):
    """Circuit 0's primary /30 is the veth (its secondary too, with
    --both-links); every other link in 10/8."""
    primary, secondary = link_subnets(i)
    if i == 0 and BOTH_LINKS:
        secondary = "192.168.0.4"
    return ("192.168.0.0" if i == 0 else primary), secondary


def msee_links():
    """(CE address, MSEE address) of each link to the MSEE."""
    links = [(CE_ADDR, MSEE_ADDR)]
    if BOTH_LINKS:
        links.append((CE_ADDR2, MSEE_ADDR2))
    return links


def prefix(i):
    """The i-th /24 the MSEE originates, from 11.0.0.0 on."""
    return "%d.%d.%d.0/24" % (11 + (i >> 16), i >> 8 & 255, i & 255)


def msee_config(prefixes):
    lines = ["router bgp %d" % MSEE_ASN,
             " bgp router-id %s" % MSEE_ADDR,
             " no bgp ebgp-requires-policy",
             " no bgp network import-check",
             " address-family ipv4 unicast"]
    for ce, _ in reversed(msee_links()):
        lines[3:3] = [" neighbor %s remote-as %d" % (ce, ASN),
                      " neighbor %s shutdown" % ce]
    lines += ["  network %s route-map COMMUNITIES-%d" % (
        prefix(i), i % len(COMMUNITY_SETS)) for i in range(prefixes)]
    lines += [" exit-address-family", "exit"]
    for n, communities in enumerate(COMMUNITY_SETS):
        lines += ["route-map COMMUNITIES-%d permit 10" % n,
                  " set community %s" % communities, "exit"]
    return "\n".join(lines) + "\n"


def prefer_region_config(with_module, config):
    """Circuit 0 prefers West Europe: the module's command, or the same
    policy by hand on circuit 0's neighbors."""
    if with_module:
        return config.replace("   ipv4 primary %s/30" % subnets(0)[0],
                              "   prefer-region westeurope\n"
                              "   ipv4 primary %s/30" % subnets(0)[0], 1)
    lines = config.rstrip("\n").split("\n")
    af = lines.index(" address-family ipv4 unicast") + 1
    lines[af:af] = ["  neighbor %s route-map ER-c0-PRIVATE-IN in" % msee
                    for msee in (MSEE_ADDR, link_msee(subnets(0)[1]))]
    lines += ["bgp community-list standard ER-WEU permit %s" % c
              for c in WEST_EUROPE]
    lines += ["route-map ER-c0-PRIVATE-IN permit 15",
              " match community ER-WEU", " set local-preference 150", "exit",
              "route-map ER-c0-PRIVATE-IN permit 20", "exit"]
    return "\n".join(lines) + "\n"


def link_msee(subnet):
    """The MSEE's address of a /30: its second."""
    a, b, c, d = subnet.split(".")
    return "%s.%s.%s.%d" % (a, b, c, int(d) + 2)


def json_cmd(bgpd, cmd):
    try:
        return json.loads(bgpd.vtysh("-c", cmd))
    except ValueError:
        return {}


def wait(what, check, timeout, bgpds, interval=1.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out (%d s) waiting for %s" % (timeout, what))
        for bgpd in bgpds:
            if bgpd.proc.poll() is not None:
                raise RuntimeError("bgpd exited (%d) while waiting for %s" % (
                    bgpd.proc.returncode, what))
        time.sleep(interval)


# The measured window is marked with two commands whose handlers bgpd
# exports and nothing else calls: callgrind zeroes its counters when the
# first is entered and writes them out when the second is.  (Turning
# instrumentation on and off with callgrind_control needs vgdb, which
# cannot reach bgpd once it runs as the frr user.)
ZERO_CMD, ZERO_FN = "show bgp attribute-info", "attr_show_all"
DUMP_CMD, DUMP_FN = "show bgp mac hash", "bgp_mac_dump_table"


# What bgpd's event loop and hooks call in the module: their inclusive Ir
# is all the module costs in the window.
MODULE_ENTRIES = ("er_health_tick", "er_health_peer_status_changed",
                  "er_reconcile_run", "er_rule_match")


def module_ir(path):
    """The module's own Ir in a dump: the inclusive cost of its entries.
    Exact where the ratio of two runs is not: bgpd's own work varies by a
    few percent from run to run (how it batches what it reads)."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes",
                          "--threshold=100", path], capture_output=True,
                         text=True).stdout
    total = 0
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 3 or "bgpd_expressroute" not in line:
            continue
        function = fields[-2].rsplit(":", 1)[-1]
        if function in MODULE_ENTRIES:
            total += int(fields[0].replace(",", ""))
    return total


def callgrind_window(pattern, keep=None):
    """Ir of the dump that DUMP_FN triggered (copied to `keep` if given),
    and the module's own Ir in it."""
    for path in glob.glob(pattern):
        trigger, total = "", None
        with open(path) as f:
            for line in f:
                if line.startswith("desc: Trigger:"):
                    trigger = line
                elif line.startswith(("totals:", "summary:")):
                    total = int(line.split()[1])
        if DUMP_FN in trigger and total is not None:
            if keep:
                shutil.copy(path, keep)
            return total, module_ir(path)
    raise RuntimeError("no callgrind dump triggered by " + DUMP_FN)


def run(with_module, prefixes, circuits, timeout, keep=None, settle=0):
    """Ir for the CE to accept `prefixes` prefixes, and the seconds taken."""
    tag = "%d%s" % (os.getpid(), "m" if with_module else "h")
    ce_ns, msee_ns = "erhp-ce" + tag, "erhp-msee" + tag
    workdir = tempfile.mkdtemp(prefix="er-hotpath-")
    os.chmod(workdir, 0o777)
    out = os.path.join(workdir, "callgrind.out")
    ce = msee = None
    try:
        netns_add(ce_ns)
        netns_add(msee_ns)
        for n, (ce_addr, msee_addr) in enumerate(msee_links()):
            ip(ce_ns, "link", "add", "ce%d" % n, "type", "veth", "peer",
               "name", "msee%d" % n, "netns", msee_ns)
            ip(ce_ns, "addr", "add", ce_addr + "/30", "dev", "ce%d" % n)
            ip(ce_ns, "link", "set", "ce%d" % n, "up")
            ip(msee_ns, "addr", "add", msee_addr + "/30", "dev", "msee%d" % n)
            ip(msee_ns, "link", "set", "msee%d" % n, "up")
        ip(ce_ns, "route", "add", UNREACHABLE, "via", MSEE_ADDR)

        config = os.path.join(workdir, "msee.conf")
        with open(config, "w") as f:
            f.write(msee_config(prefixes))
        os.chmod(config, 0o644)
        msee = Bgpd(False, ns=msee_ns, config=config, start_timeout=120)
        wait("the MSEE's %d networks" % prefixes, lambda: json_cmd(
            msee, "show bgp summary json").get("ipv4Unicast", {}).get(
                "ribCount", 0) >= prefixes, timeout, [msee])

        ce = Bgpd(with_module, ns=ce_ns, start_timeout=300, wrapper=(
            "valgrind", "--tool=callgrind", "--vgdb=no",
            "--zero-before=" + ZERO_FN, "--dump-before=" + DUMP_FN,
            "--callgrind-out-file=" + out))
        # bgpd writes the dumps as the frr user
        for path in glob.glob(out + "*"):
            shutil.chown(path, "frr", "frr")
        head = [" bgp router-id " + CE_ADDR]
        path = os.path.join(ce.dir, "frr.conf")
        config = (circuits_config(circuits, subnets, head) if with_module
                  else hand_config(circuits, subnets, head))
        if PREFER_REGION:
            config = prefer_region_config(with_module, config)
        with open(path, "w") as f:
            f.write(config)
        ce.vtysh("-f", path)
        wait("the CE's %d neighbors" % (2 * circuits),
             lambda: ce.neighbors() >= 2 * circuits, timeout, [ce, msee])
        time.sleep(2)

        def accepted():
            counts = []
            for _, msee_addr in msee_links():
                info = json_cmd(ce, "show bgp neighbors %s json" % msee_addr)
                counts.append(info.get(msee_addr, {}).get(
                    "addressFamilyInfo", {}).get("ipv4Unicast", {}).get(
                        "acceptedPrefixCounter", 0))
            return min(counts)

        ce.vtysh("-c", ZERO_CMD)
        start = time.monotonic()
        enable = ["-c", "configure terminal", "-c", "router bgp %d" % MSEE_ASN]
        for ce_addr, _ in msee_links():
            enable += ["-c", "no neighbor %s shutdown" % ce_addr]
        msee.vtysh(*enable)
        wait("%d prefixes accepted by the CE" % prefixes,
             lambda: accepted() >= prefixes, timeout, [ce, msee])
        elapsed = time.monotonic() - start
        time.sleep(settle)
        ce.vtysh("-c", DUMP_CMD)
        if keep:
            keep = os.path.join(keep, "callgrind.%s.out" % (
                "module" if with_module else "hand"))
        return callgrind_window(out + "*", keep), elapsed
    finally:
        for bgpd in (ce, msee):
            if bgpd:
                bgpd.stop(timeout=120)
        for ns in (ce_ns, msee_ns):
            subprocess.run(["ip", "netns", "del", ns], check=False,
                           stderr=subprocess.DEVNULL)
        subprocess.run(["rm", "-rf", workdir], check=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefixes", type=int, default=100000)
    parser.add_argument("--circuits", type=int, default=100)
    parser.add_argument("--timeout", type=int, default=1800,
                        help="seconds for each step (valgrind is slow)")
    parser.add_argument("--keep", metavar="DIR",
                        help="keep the callgrind data of both runs there "
                        "(for callgrind_annotate)")
    parser.add_argument("--only", choices=("hand", "module"),
                        help="one of the two runs")
    parser.add_argument("--both-links", action="store_true",
                        help="circuit 0's two sessions both carry the prefixes")
    parser.add_argument("--prefer-region", action="store_true",
                        help="circuit 0 prefers West Europe (both runs)")
    parser.add_argument("--settle", type=float, default=0,
                        help="seconds the window stays open after the last "
                        "prefix is accepted")
    args = parser.parse_args()
    global BOTH_LINKS, PREFER_REGION
    BOTH_LINKS = args.both_links
    PREFER_REGION = args.prefer_region
    label = " both links, settle %g s" % args.settle if (
        args.both_links or args.settle) else ""
    if PREFER_REGION:
        label += " prefer-region"

    version = subprocess.run([BGPD, "--version"], capture_output=True,
                             text=True).stdout.split("\n")[0]
    print("machine: %s, %d cores, %s; %s" % (
        platform.node(), os.cpu_count(), platform.platform(), version))
    if args.only != "module":
        (base, _), base_s = run(False, args.prefixes, args.circuits, args.timeout,
                           args.keep, args.settle)
        print("hot path P=%d C=%d%s: by hand (no module) %d Ir (%.0f s under "
              "callgrind)" % (args.prefixes, args.circuits, label, base, base_s))
    if args.only != "hand":
        (ours, own), ours_s = run(True, args.prefixes, args.circuits, args.timeout,
                           args.keep, args.settle)
        print("hot path P=%d C=%d%s: module, %d circuits %d Ir (%.0f s under "
              "callgrind)" % (args.prefixes, args.circuits, label, args.circuits,
                              ours, ours_s))
        print("hot path P=%d C=%d%s: the module's own code %d Ir, %.2f%% of "
              "the window (target <= 1%%)" % (args.prefixes, args.circuits,
                                               label, own, 100.0 * own / ours))
    if args.only:
        return 0
    print("hot path P=%d C=%d%s: ratio %.4f, %+.2f%% (target <= +1%%)" % (
        args.prefixes, args.circuits, label, ours / base,
        100.0 * (ours - base) / base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
