#!/usr/bin/python3
"""
Scale benchmark: frr-expressroute circuits versus the same neighbors typed
by hand, in one run, on this machine.

For each N (circuits with private peering, 2N sessions):
  - config load through the ER-aware vtysh, `vtysh -f FILE` and `vtysh -b`,
    timed until bgpd has all 2N neighbors; baseline: the equivalent
    hand-written neighbor configuration on a bgpd without the module;
  - at the largest N: `show expressroute json` and
    `show expressroute circuit NAME json` against `show bgp summary json`;
  - bgpd's resident memory after the load, module versus hand-written, and
    without the module's fixed cost (an empty bgpd of each kind); at the
    largest N, the module's own memory types and FRR's northbound entries
    per circuit, from `show memory`, and libyang's data tree of the model
    (yang_tree_size.c, built with cc and libyang's headers).
The MSEE addresses are black-holed (see blackhole()), as unreachable MSEEs.
Prints each figure and its ratio to the baseline, with the machine and FRR
version.  Targets (issue: Benchmarks): load ratio <= 1.2 at every N, the
largest N <= 4.4x the smallest, show ratio <= 1.5, <= +2 KiB per circuit.

usage: bench_scale.py [--sizes 250,500,1000] [--repeat 3]
Needs root (a network namespace per bgpd) and a build (ER_BUILD_DIR).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BGPD = "/usr/lib/frr/bgpd"
BUILD = os.path.abspath(
    os.environ.get("ER_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
)
VTYSH = os.path.join(BUILD, "vtysh", "vtysh")
MODULE_DIR = os.path.join(BUILD, ".libs")
ASN = 64900


def link_subnets(i):
    """Primary and secondary /30 of circuit i, in 10.0.0.0/8."""
    base = 8 * i
    net = "10.%d.%d.%%d" % (base >> 16 & 255, base >> 8 & 255)
    return (net % (base & 255), net % ((base & 255) + 4))


def addr(subnet, host):
    a, b, c, d = subnet.split(".")
    return "%s.%s.%s.%d" % (a, b, c, int(d) + host)


def circuits_config(n, subnets=link_subnets, head=()):
    lines = ["router bgp %d" % ASN, " no bgp ebgp-requires-policy"] + list(head)
    for i in range(n):
        p, s = subnets(i)
        lines += [
            " expressroute circuit c%d" % i,
            "  peering private",
            "   vlan %d" % (100 + i % 3900),
            "   ipv4 primary %s/30 secondary %s/30" % (p, s),
            "  exit",
            " exit",
        ]
    lines.append("exit")
    return "\n".join(lines) + "\n"


def hand_config(n, subnets=link_subnets, head=()):
    """What the module derives for each circuit, typed as FRR config."""
    lines = ["router bgp %d" % ASN, " no bgp ebgp-requires-policy"] + list(head)
    af = []
    for i in range(n):
        for role, subnet in zip(("primary", "secondary"), subnets(i)):
            nbr = addr(subnet, 2)
            lines += [
                " neighbor %s remote-as 12076" % nbr,
                " neighbor %s description ExpressRoute c%d private %s" % (nbr, i, role),
                " neighbor %s bfd" % nbr,
                " neighbor %s timers 60 180" % nbr,
            ]
            af += [
                "  neighbor %s maximum-prefix 10000 warning-only" % nbr,
                "  neighbor %s maximum-prefix-out 4000" % nbr,
            ]
    lines += [" address-family ipv4 unicast"] + af + [" exit-address-family", "exit"]
    return "\n".join(lines) + "\n"


def ip(ns, *args):
    subprocess.run(["ip", "netns", "exec", ns, "ip"] + list(args), check=True)


def netns_add(ns):
    subprocess.run(["ip", "netns", "add", ns], check=True)
    ip(ns, "link", "set", "lo", "up")


def blackhole(ns, prefix="10.0.0.0/8"):
    """
    Route the MSEE addresses to a next hop that never answers, so that
    bgpd's connections wait (connect-retry, 120 s) as they would for an
    unreachable MSEE.  Without a route, each connect fails at once and bgpd
    retries every second, wiping each neighbor's 640 KB input buffer: that
    churn, not the configuration, would then dominate time and memory.
    """
    ip(ns, "link", "add", "erbh0", "type", "veth", "peer", "name", "erbh1")
    ip(ns, "addr", "add", "192.0.2.1/30", "dev", "erbh0")
    ip(ns, "link", "set", "erbh0", "up")
    ip(ns, "link", "set", "erbh1", "up")
    ip(ns, "neigh", "add", "192.0.2.2", "lladdr", "02:00:00:00:00:02", "dev",
       "erbh0", "nud", "permanent")
    ip(ns, "route", "add", prefix, "via", "192.0.2.2")


class Bgpd:
    """
    A bgpd in a network namespace (its own, with the MSEE addresses
    black-holed, unless `ns` is given), with a config file read at start
    (empty by default), optionally run under a wrapper such as valgrind.
    """

    def __init__(self, with_module, ns=None, config="/dev/null", wrapper=(),
                 start_timeout=5):
        self.dir = tempfile.mkdtemp(prefix="er-bench-")
        shutil.chown(self.dir, "frr", "frr")
        self.own_ns = ns is None
        self.ns = ns or "erbench%d" % os.getpid()
        if self.own_ns:
            netns_add(self.ns)
            blackhole(self.ns)
        cmd = ["ip", "netns", "exec", self.ns] + list(wrapper) + [
               BGPD, "-Z", "-f", config,
               "-i", os.path.join(self.dir, "bgpd.pid"),
               "-z", os.path.join(self.dir, "zserv.api"),
               "--vty_socket", self.dir, "--log", "file:%s/bgpd.log" % self.dir]
        if with_module:
            cmd += ["--moduledir", MODULE_DIR, "-M", "expressroute"]
        self.proc = subprocess.Popen(cmd)
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline:
            if os.path.exists(os.path.join(self.dir, "bgpd.vty")):
                break
            time.sleep(0.05)
        with open(os.path.join(self.dir, "vtysh.conf"), "w") as f:
            f.write("service integrated-vtysh-config\n")

    def vtysh(self, *args):
        return subprocess.run(
            [VTYSH, "--vty_socket", self.dir, "--config_dir", self.dir] + list(args),
            capture_output=True, text=True, check=False).stdout

    def neighbors(self):
        out = self.vtysh("-c", "show bgp summary json")
        try:
            return len(json.loads(out).get("ipv4Unicast", {}).get("peers", {}))
        except ValueError:
            return 0

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, timeout=30):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.own_ns:
            subprocess.run(["ip", "netns", "del", self.ns], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def timed_load(with_module, config, mode, expect):
    """Seconds from the start of the load until bgpd has `expect` neighbors."""
    bgpd = Bgpd(with_module)
    try:
        path = os.path.join(bgpd.dir, "frr.conf")
        with open(path, "w") as f:
            f.write(config)
        start = time.monotonic()
        if mode == "-f":
            bgpd.vtysh("-f", path)
        else:
            bgpd.vtysh("-b")
        while bgpd.neighbors() < expect:
            if time.monotonic() - start > 600:
                raise RuntimeError("load did not finish in 600 s")
            time.sleep(0.1)
        elapsed = time.monotonic() - start
        return elapsed, bgpd.rss_kib()
    finally:
        bgpd.stop()


def idle_rss(with_module):
    """Resident memory of a bgpd with no configuration (the fixed cost)."""
    bgpd = Bgpd(with_module)
    try:
        time.sleep(1)
        return bgpd.rss_kib()
    finally:
        bgpd.stop()


def memory_types(text):
    """
    From `show memory`: bytes of the module's own types (its section) and
    of FRR's northbound running entries, {name: total}.
    """
    result, section = {}, None
    for line in text.splitlines():
        if line.startswith("--- qmem "):
            section = line[9:].rstrip(" -")
            continue
        name, _, rest = line.partition(":")
        fields = rest.split()
        if len(fields) < 3 or not fields[2].isdigit():
            continue
        if section == "ExpressRoute module" or name.strip() == (
                "Northbound Configuration Entry"):
            result[name.strip()] = int(fields[2])
    return result


def yang_tree_size(n):
    """libyang's bytes per circuit for the model data (yang_tree_size.c)."""
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "yang_tree_size")
        build = subprocess.run(["cc", "-O2", "-o", exe,
                                os.path.join(here, "yang_tree_size.c"), "-lyang"],
                               capture_output=True, text=True)
        if build.returncode:
            return "not measured (cannot build yang_tree_size.c)"
        return subprocess.run([exe, os.path.join(BUILD, "yang"), str(n)],
                              capture_output=True, text=True).stdout.strip()


def timed_show(n, rounds=7):
    """
    Median seconds of the show commands on a bgpd with n circuits (the
    commands in turn, `rounds` times), and its `show memory` figures.
    """
    bgpd = Bgpd(True)
    try:
        path = os.path.join(bgpd.dir, "frr.conf")
        with open(path, "w") as f:
            f.write(circuits_config(n))
        bgpd.vtysh("-f", path)
        while bgpd.neighbors() < 2 * n:
            time.sleep(0.1)
        commands = (("bgp summary", "show bgp summary json"),
                    ("expressroute", "show expressroute json"),
                    ("expressroute circuit",
                     "show expressroute circuit c%d json" % (n // 2)))
        times = {name: [] for name, _ in commands}
        for _ in range(rounds):
            for name, cmd in commands:
                start = time.monotonic()
                bgpd.vtysh("-c", cmd)
                times[name].append(time.monotonic() - start)
        result = {name: statistics.median(t) for name, t in times.items()}
        return result, memory_types(bgpd.vtysh("-c", "show memory"))
    finally:
        bgpd.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show-only", action="store_true",
                        help="only the show commands, at the largest size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    version = subprocess.run([BGPD, "--version"], capture_output=True,
                             text=True).stdout.split("\n")[0]
    print("machine: %s, %d cores, %s; %s" % (
        platform.node(), os.cpu_count(), platform.platform(), version))

    if args.show_only:
        sizes = sizes[-1:]
    load = {}
    for n in ([] if args.show_only else sizes):
        for mode in ("-f", "-b"):
            for with_module, config in ((False, hand_config(n)),
                                        (True, circuits_config(n))):
                runs = [timed_load(with_module, config, mode, 2 * n)
                        for _ in range(args.repeat)]
                load[(n, mode, with_module)] = (
                    statistics.median(r[0] for r in runs),
                    statistics.median(r[1] for r in runs))
            base, ours = load[(n, mode, False)], load[(n, mode, True)]
            print("load N=%-5d vtysh %s: hand-written %.2f s, circuits %.2f s, "
                  "ratio %.2f (target <= 1.2)" % (n, mode, base[0], ours[0],
                                                   ours[0] / base[0]))
    for mode in ("-f", "-b") if load else ():
        small, large = sizes[0], sizes[-1]
        growth = load[(large, mode, True)][0] / load[(small, mode, True)][0]
        # linear, with 10% slack: 1000 vs 250 gives the 4.4x
        print("load growth vtysh %s: N=%d takes %.2fx N=%d (target <= %.1fx)" % (
            mode, large, growth, small, 1.1 * large / small))
    n = sizes[-1]
    show, types = timed_show(n)
    if load:
        base_rss, our_rss = load[(n, "-f", False)][1], load[(n, "-f", True)][1]
        base_idle, our_idle = idle_rss(False), idle_rss(True)
        print("memory N=%d: hand-written %d KiB, circuits %d KiB, %+.2f KiB per "
              "circuit (target <= +2)" % (n, base_rss, our_rss, (our_rss - base_rss) / n))
        print("memory N=0: bgpd %d KiB, with the module %d KiB (fixed cost %+d KiB); "
              "per circuit without it %+.2f KiB" % (
                  base_idle, our_idle, our_idle - base_idle,
                  ((our_rss - our_idle) - (base_rss - base_idle)) / n))
    print("memory N=%d, show memory: %s" % (n, ", ".join(
        "%s %.2f KiB per circuit" % (name, total / 1024 / n)
        for name, total in sorted(types.items()) if total)))
    print("memory, libyang data tree of the model (bgpd keeps two: running "
          "and the shared candidate): %s" % yang_tree_size(n))

    for name in ("expressroute", "expressroute circuit"):
        print("show N=%d: %s json %.3f s, bgp summary json %.3f s, ratio %.2f "
              "(target <= 1.5)" % (n, name, show[name], show["bgp summary"],
                                   show[name] / show["bgp summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
