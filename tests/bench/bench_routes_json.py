#!/usr/bin/python3
"""
`show expressroute circuit NAME routes json` against `show bgp ipv4 unicast
json` for the same prefixes, in one run on this machine: the module's
decode of Microsoft's communities should answer within 2x bgpd's own
listing.

Two bgpds in network namespaces joined by a veth (bench_hotpath.py's
lab, without callgrind): the MSEE originates P /24s, each with
Microsoft's communities; the CE has one circuit whose primary link is the
veth.  Once the CE has all P prefixes, each command is run R times through
vtysh, alternately, and the medians of their wall-clock times are
compared (the ratio is printed; nothing is asserted).

usage: bench_routes_json.py [--prefixes 10000] [--repeat 7]
Needs root and a build (ER_BUILD_DIR).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_hotpath as hp  # noqa: E402
from bench_scale import Bgpd, circuits_config, ip, netns_add  # noqa: E402


def timed(bgpd, command):
    start = time.monotonic()
    out = bgpd.vtysh("-c", command)
    return time.monotonic() - start, len(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefixes", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    tag = str(os.getpid())
    ce_ns, msee_ns = "errj-ce" + tag, "errj-msee" + tag
    ce = msee = None
    workdir = None
    try:
        netns_add(ce_ns)
        netns_add(msee_ns)
        ip(ce_ns, "link", "add", "ce0", "type", "veth", "peer", "name",
           "msee0", "netns", msee_ns)
        ip(ce_ns, "addr", "add", hp.CE_ADDR + "/30", "dev", "ce0")
        ip(ce_ns, "link", "set", "ce0", "up")
        ip(msee_ns, "addr", "add", hp.MSEE_ADDR + "/30", "dev", "msee0")
        ip(msee_ns, "link", "set", "msee0", "up")
        ip(ce_ns, "route", "add", hp.UNREACHABLE, "via", hp.MSEE_ADDR)

        msee = Bgpd(False, ns=msee_ns, config="/dev/null", start_timeout=120)
        path = os.path.join(msee.dir, "msee.conf")
        with open(path, "w") as f:
            f.write(hp.msee_config(args.prefixes).replace(
                " neighbor %s shutdown\n" % hp.CE_ADDR, ""))
        msee.vtysh("-f", path)
        ce = Bgpd(True, ns=ce_ns, start_timeout=120)
        path = os.path.join(ce.dir, "frr.conf")
        with open(path, "w") as f:
            f.write(hp.prefer_region_config(True, circuits_config(
                1, hp.subnets, [" bgp router-id " + hp.CE_ADDR])))
        ce.vtysh("-f", path)

        def accepted():
            info = hp.json_cmd(ce, "show bgp neighbors %s json" % hp.MSEE_ADDR)
            return info.get(hp.MSEE_ADDR, {}).get("addressFamilyInfo", {}).get(
                "ipv4Unicast", {}).get("acceptedPrefixCounter", 0)

        hp.wait("%d prefixes accepted" % args.prefixes,
                lambda: accepted() >= args.prefixes, args.timeout, [ce, msee])
        time.sleep(2)
        ours_cmd = "show expressroute circuit c0 routes json"
        bgp_cmd = "show bgp ipv4 unicast json"
        ours, bgp = [], []
        for _ in range(args.repeat):
            t, ours_len = timed(ce, ours_cmd)
            ours.append(t)
            t, bgp_len = timed(ce, bgp_cmd)
            bgp.append(t)
        o, b = statistics.median(ours), statistics.median(bgp)
        print("routes json P=%d: `%s` %.3f s (%d bytes), `%s` %.3f s "
              "(%d bytes), median of %d" % (args.prefixes, ours_cmd, o,
                                            ours_len, bgp_cmd, b, bgp_len,
                                            args.repeat))
        print("routes json P=%d: ratio %.2f (target <= 2)" % (args.prefixes,
                                                             o / b))
    finally:
        for bgpd in (ce, msee):
            if bgpd:
                bgpd.stop(timeout=60)
        for ns in (ce_ns, msee_ns):
            subprocess.run(["ip", "netns", "del", ns], check=False,
                           stderr=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
