"""
The lab every frr-expressroute topotest uses: a CE router with the module
and a simulated pair of Microsoft edge routers (MSEEs, AS 12076), each link
through a switch (a bridge), so that cutting the MSEE's side leaves the CE's
interface up, as when a provider link fails.

    ce1-eth0 -- s1 -- msee1-eth0      primary link    192.168.100.128/30
    ce1-eth1 -- s2 -- msee2-eth0      secondary link  192.168.100.132/30
"""

import os

from lib.topogen import Topogen, TopoRouter

ER_MODULE_DIR = os.path.join(
    os.path.abspath(os.environ.get("ER_BUILD_DIR", ".")), ".libs"
)
BGPD_MODULE_ARGS = "--moduledir %s -M expressroute" % ER_MODULE_DIR


def build_topo(tgen):
    for name in ("ce1", "msee1", "msee2"):
        tgen.add_router(name)
    for index, (switch, msee) in enumerate((("s1", "msee1"), ("s2", "msee2"))):
        sw = tgen.add_switch(switch)
        # switch ports named after the router they face: s1-msee1 is the
        # MSEE side of the primary link, the one a "provider cut" takes down
        sw.add_link(tgen.gears["ce1"], "%s-ce1" % switch, "ce1-eth%d" % index)
        sw.add_link(tgen.gears[msee], "%s-%s" % (switch, msee), "%s-eth0" % msee)


def build_two_circuits(tgen):
    """Two circuits at two peering locations, each with its MSEE pair:

        ce1-eth0 -- s1 -- msee1-eth0   circuit 1 primary
        ce1-eth1 -- s2 -- msee2-eth0   circuit 1 secondary
        ce1-eth2 -- s3 -- msee3-eth0   circuit 2 primary
        ce1-eth3 -- s4 -- msee4-eth0   circuit 2 secondary
    """
    tgen.add_router("ce1")
    for index in range(4):
        msee = "msee%d" % (index + 1)
        switch = "s%d" % (index + 1)
        tgen.add_router(msee)
        sw = tgen.add_switch(switch)
        sw.add_link(tgen.gears["ce1"], "%s-ce1" % switch, "ce1-eth%d" % index)
        sw.add_link(tgen.gears[msee], "%s-%s" % (switch, msee), "%s-eth0" % msee)


def cut_link(tgen, msee, up=False):
    """Take the MSEE's side of its link down (or up): ce1's interface stays
    up, as when a provider link or an MSEE fails."""
    switch = "s" + msee[len("msee"):]
    tgen.gears[switch].link_enable("%s-%s" % (switch, msee), enabled=up)


def assert_routers_apart(tgen):
    """Each router must have an /etc/frr of its own: where two share one
    (conftest.popen_after_nsenter), one starts with the other's
    configuration, and every later assertion fails far from the cause."""
    routers = tgen.routers()
    for name, router in routers.items():
        router.cmd("echo %s > /etc/frr/er-router-name" % name)
    for name, router in routers.items():
        seen = router.cmd("cat /etc/frr/er-router-name").strip()
        assert seen == name, "router %s shares /etc/frr with %s" % (name, seen)
    for router in routers.values():
        router.cmd("rm -f /etc/frr/er-router-name")


def start_lab(request, testdir, daemons=("zebra", "bgpd", "bfdd"), ce1_bgpd_args="",
              ce1_args=None, before_start=None, after_load=None, name=None,
              topo=build_topo, ces=("ce1",)):
    """Start the lab with each router's <daemon>.conf from testdir;
    ce1_bgpd_args: more options for the CE's bgpd (another -M ...);
    ce1_args(daemon): more options for each of the CE's daemons
    (--vty_socket, -N); before_start(tgen): run once the routers exist;
    after_load(tgen): once their configurations are loaded;
    name: of the run (its log directory), the test module's by default;
    topo: the topology (build_topo, build_two_circuits, build_fleet_topo);
    ces: the routers whose bgpd loads the module."""
    tgen = Topogen(topo, name or request.module.__name__)
    tgen.start_topology()
    assert_routers_apart(tgen)
    if before_start:
        before_start(tgen)
    kinds = {
        "zebra": TopoRouter.RD_ZEBRA,
        "bgpd": TopoRouter.RD_BGP,
        "bfdd": TopoRouter.RD_BFD,
    }
    for name, router in tgen.routers().items():
        for daemon in daemons:
            conf = os.path.join(testdir, name, daemon + ".conf")
            if not os.path.exists(conf):
                continue
            args = []
            if daemon == "bgpd" and name in ces:
                args += [BGPD_MODULE_ARGS, ce1_bgpd_args]
            if ce1_args and name == "ce1":
                args.append(ce1_args(daemon))
            args = " ".join(a for a in args if a) or None
            router.load_config(kinds[daemon], conf, args)
    if after_load:
        after_load(tgen)
    tgen.start_router()
    return tgen


# The fleet: two CE routers, each with its MSEE pair, and a management
# host (mgmt, where Ansible runs) on a switch with both CEs.
#
#    ce1-eth0 -- s1 -- msee1   ce1-eth1 -- s2 -- msee2   192.168.100.128/29
#    ce2-eth0 -- s3 -- msee3   ce2-eth1 -- s4 -- msee4   192.168.200.128/29
#    ce1-eth2, ce2-eth2, mgmt-eth0 -- s5                 10.255.0.0/24
FLEET = {"ce1": ("msee1", "msee2"), "ce2": ("msee3", "msee4")}


def build_fleet_topo(tgen):
    for ce, msees in FLEET.items():
        tgen.add_router(ce)
        for msee in msees:
            tgen.add_router(msee)
    tgen.add_router("mgmt")
    index = 0
    for ce, msees in FLEET.items():
        for port, msee in enumerate(msees):
            index += 1
            sw = tgen.add_switch("s%d" % index)
            sw.add_link(tgen.gears[ce], "s%d-%s" % (index, ce), "%s-eth%d" % (ce, port))
            sw.add_link(tgen.gears[msee], "s%d-%s" % (index, msee), "%s-eth0" % msee)
    sw = tgen.add_switch("s%d" % (index + 1))
    for name in list(FLEET) + ["mgmt"]:
        port = "mgmt-eth0" if name == "mgmt" else "%s-eth2" % name
        sw.add_link(tgen.gears[name], "s%d-%s" % (index + 1, name), port)


def start_fleet(request, testdir, ce_bgpd_args="", daemons=("zebra", "bgpd", "bfdd")):
    """Start the fleet with each router's <daemon>.conf from testdir; the
    CEs' bgpd load the module, and ce_bgpd_args (another -M ...)."""
    return start_lab(request, testdir, daemons=daemons, ce1_bgpd_args=ce_bgpd_args,
                     topo=build_fleet_topo, ces=tuple(FLEET))
