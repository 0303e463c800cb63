#!/usr/bin/env python3
"""
ExpressRoute configuration on a live bgpd: every command and its `no` form,
every rule refused with its own message while running-config stays as it
was, `no router bgp`, and the round trip through write memory and a bgpd
restart, and through `vtysh -b`.
"""

import json
import os
import subprocess

import pytest

from lib.topogen import get_topogen

from er_topo import start_lab

pytestmark = [pytest.mark.bgpd]

CWD = os.path.dirname(os.path.realpath(__file__))

CIRCUIT = ["configure terminal", "router bgp 65010", "expressroute circuit c1"]
PRIVATE = CIRCUIT + ["peering private"]
MICROSOFT = CIRCUIT + ["peering microsoft"]
DIRECT = CIRCUIT + ["connectivity direct"]


def circuit(name):
    return ["configure terminal", "router bgp 65010", "expressroute circuit %s" % name]


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    tgen = start_lab(request, CWD, daemons=("zebra", "bgpd"))
    yield tgen
    tgen.stop_topology()


def ce1():
    return get_topogen().gears["ce1"]


def vtysh(commands):
    args = " ".join("-c '%s'" % c for c in commands)
    return ce1().cmd("vtysh %s 2>&1" % args)


def running():
    return ce1().vtysh_cmd("show running-config bgpd")


@pytest.fixture(autouse=True)
def clean():
    """Each test starts from a router without circuits."""
    vtysh(["configure terminal", "router bgp 65010", "no expressroute circuit c1",
           "no expressroute circuit c2", "no expressroute circuit c3"])
    yield


def assert_accepted(output):
    """Accepted, possibly with a warning (e.g. a private ASN)."""
    errors = [l for l in output.splitlines()
              if l.startswith("%") and not l.startswith("% Warning")]
    assert not errors, output


def param_id(text):
    """FRR's topotest log names split test ids at '::'."""
    return text.replace(":", ".")


# (context, command, line shown in running-config, `no` command)
COMMANDS = [
    (CIRCUIT, "description Contoso Amsterdam", "  description Contoso Amsterdam",
     "no description"),
    (CIRCUIT, "service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
     "  service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "no service-key"),
    (CIRCUIT, "provider Equinix", "  provider Equinix", "no provider"),
    (CIRCUIT, "location Amsterdam", "  location Amsterdam", "no location"),
    (CIRCUIT, "bandwidth 1000", "  bandwidth 1000", "no bandwidth"),
    (CIRCUIT, "sku premium", "  sku premium", "no sku"),
    (CIRCUIT, "billing unlimited", "  billing unlimited", "no billing"),
    (CIRCUIT, "connectivity any-to-any", "  connectivity any-to-any",
     "no connectivity"),
    (CIRCUIT, "global-reach c9 subnet 10.255.0.0/29",
     "  global-reach c9 subnet 10.255.0.0/29", "no global-reach c9"),
    (CIRCUIT, "global-reach c9 subnet 2001:db8:ff::/125",
     "  global-reach c9 subnet 2001:db8:ff::/125", "no global-reach c9"),
    (DIRECT, "port-speed 400", "  port-speed 400", "no port-speed"),
    (DIRECT, "port-speed 100", "  port-speed 100", "no port-speed"),
    (DIRECT, "direct-port er-port-ams", "  direct-port er-port-ams", "no direct-port"),
    (DIRECT, "encapsulation dot1q", "  encapsulation dot1q", "no encapsulation"),
    (DIRECT, "encapsulation qinq", "  encapsulation qinq", "no encapsulation"),
    (DIRECT + ["port-speed 400"], "bandwidth 400000", "  bandwidth 400000", "no bandwidth"),
    (PRIVATE, "ipv4 block 192.168.100.128/29", "   ipv4 block 192.168.100.128/29", "no ipv4"),
    (PRIVATE, "ipv6 block 2001:db8:1::/125", "   ipv6 block 2001:db8:1::/125",
     "no ipv6 block 2001:db8:1::/125"),
    (PRIVATE, "vlan 100", "   vlan 100", "no vlan"),
    (PRIVATE, "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30",
     "   ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30", "no ipv4"),
    (PRIVATE, "ipv6 primary 2001:db8:1::/126 secondary 2001:db8:1::4/126",
     "   ipv6 primary 2001:db8:1::/126 secondary 2001:db8:1::4/126", "no ipv6"),
    (PRIVATE, "shared-key Contoso2026", "   shared-key Contoso2026", "no shared-key"),
    (PRIVATE, "bfd interval 500 multiplier 5", "   bfd interval 500 multiplier 5",
     "bfd"),
    (PRIVATE, "no bfd", "   no bfd", "bfd"),
    (PRIVATE, "timers 10 30", "   timers 10 30", "no timers"),
    (PRIVATE, "max-prefix-out ipv4 3000", "   max-prefix-out ipv4 3000",
     "no max-prefix-out ipv4"),
    (PRIVATE, "max-prefix-out ipv6 50", "   max-prefix-out ipv6 50",
     "no max-prefix-out ipv6"),
    (PRIVATE, "max-prefix-out warning 90", "   max-prefix-out warning 90",
     "no max-prefix-out warning"),
    (PRIVATE, "max-prefix-in ipv4 1500", "   max-prefix-in ipv4 1500",
     "no max-prefix-in ipv4"),
    (PRIVATE, "max-prefix-in ipv6 200", "   max-prefix-in ipv6 200",
     "no max-prefix-in ipv6"),
    (PRIVATE, "max-prefix-in teardown", "   max-prefix-in teardown",
     "no max-prefix-in teardown"),
    (PRIVATE, "redundancy active-standby", "   redundancy active-standby",
     "no redundancy"),
    (PRIVATE, "route-map RM-IN in", "   route-map RM-IN in", "no route-map in"),
    (PRIVATE, "route-map RM-OUT out", "   route-map RM-OUT out", "no route-map out"),
    (PRIVATE, "shutdown", "   shutdown", "no shutdown"),
    (MICROSOFT, "advertise 203.0.113.0/24", "   advertise 203.0.113.0/24",
     "no advertise 203.0.113.0/24"),
]


@pytest.mark.parametrize(
    "context,command,line,undo", COMMANDS, ids=[param_id(c[1]) for c in COMMANDS]
)
def test_command_and_no_form(context, command, line, undo):
    output = vtysh(context + [command])
    assert_accepted(output)
    assert line + "\n" in running()
    output = vtysh(context + [undo])
    assert_accepted(output)
    assert line + "\n" not in running()


def test_peering_and_circuit_no_forms():
    vtysh(PRIVATE + ["vlan 100"])
    assert "  peering private\n" in running()
    vtysh(CIRCUIT + ["no peering private"])
    assert "peering private" not in running()
    vtysh(["configure terminal", "router bgp 65010", "no expressroute circuit c1"])
    assert "expressroute circuit c1" not in running()


SETUP = [
    "sku standard",
    "peering private",
    "vlan 100",
    "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30",
    "exit",
    "peering microsoft",
    "vlan 101",
    "exit",
]

# (commands after SETUP inside circuit c1, message expected)
RULES = [
    (["peering private", "ipv4 primary 192.168.100.129/30"],
     "host bits"),
    (["peering private", "ipv4 primary 192.168.100.128/29"],
     "/30"),
    (["peering private",
      "ipv4 primary 192.168.100.128/30 secondary 192.168.100.128/30"],
     "both 192.168.100.128/30"),
    (["peering private", "ipv6 primary 2001:db8::/64"], "/126"),
    (["peering microsoft", "vlan 100"], "VLAN ID 100 is used by both"),
    (["peering microsoft", "ipv4 primary 10.0.0.0/30"], "not public"),
    (["peering microsoft", "advertise 0.0.0.0/0"], "default route"),
    (["peering microsoft", "advertise 172.16.0.0/12"], "not public"),
    (["peering private", "advertise 203.0.113.0/24"], "Microsoft peering"),
    (["peering private", "shared-key abc!def"], "shared key"),
    (["peering private", "shared-key abcdefghijklmnopqrstuvwxyz"], "25"),
    (["peering private", "max-prefix-out ipv4 5000"], "4000"),
    (["peering private", "max-prefix-out ipv6 101"], "100"),
    (["peering private", "timers 2 10"], "Unknown command"),
    (["peering private", "timers 10 10"], "hold"),
    (["service-key not-a-guid"], "service key"),
    (["bandwidth 40000"], "40000"),
    (["port-speed 10"], "direct"),
    (["global-reach c1 subnet 10.255.0.0/29"], "is this circuit"),
    (["global-reach c9 subnet 10.255.0.0/28"], "/29"),
    (["global-reach c9 subnet 192.168.100.128/29"], "overlaps"),
    # issue 15
    (["port-speed 400"],
     "port-speed 400g applies only to ExpressRoute Direct, but connectivity is colocation"),
    (["direct-port er-port-ams"],
     "direct-port er-port-ams applies only to ExpressRoute Direct, but connectivity is colocation"),
    (["encapsulation qinq"], "encapsulation qinq applies only to ExpressRoute Direct"),
    (["global-reach c9 subnet 2001:db8:ff::/126"],
     "Global Reach subnet 2001:db8:ff::/126 is a /126: Global Reach needs exactly a /125"),
    (["peering private", "ipv4 block 192.168.100.128/28"],
     "IPv4 subnet block 192.168.100.128/28 is a /28: only a /29 splits into the primary and "
     "secondary /30"),
    (["peering private", "ipv4 block 192.168.100.132/29"],
     "has host bits set: use its network address 192.168.100.128/29"),
    (["peering private", "ipv6 block 2001:db8:1::/126"], "only a /125 splits"),
    (["peering microsoft", "ipv4 block 10.0.0.0/29"], "10.0.0.0/29 is not public"),
    (["peering microsoft", "ipv4 block 192.168.100.128/29"], "not public"),
]


@pytest.mark.parametrize(
    "commands,message", RULES, ids=[param_id(" / ".join(r[0])) for r in RULES]
)
def test_rule_refused_config_unchanged(commands, message):
    vtysh(CIRCUIT + SETUP)
    before = running()
    output = vtysh(CIRCUIT + commands)
    assert message.lower() in output.lower(), output
    assert running() == before


# Garbage and extremes at the prompt: (commands after SETUP inside circuit
# c1, message expected).  The CLI's own parser rejects what the grammar
# excludes; the model and the rules reject the rest.
LONG = "x" * 300
BAD_INPUT = [
    (["peering private", "vlan 0"], "Unknown command"),
    (["peering private", "vlan 4095"], "Unknown command"),
    (["peering private", "vlan -1"], "Unknown command"),
    (["peering private", "vlan abc"], "Unknown command"),
    (["bandwidth 49"], "Unknown command"),
    (["bandwidth 400001"], "Unknown command"),
    (["bandwidth 100001"], "not offered"),
    (["port-speed 800"], "Unknown command"),
    (["encapsulation vxlan"], "Unknown command"),
    (["direct-port er-port-ams-"], "ExpressRoute port name"),
    (["peering private", "ipv4 block 2001:db8::/125"], "Unknown command"),
    (["bandwidth 300"], "not offered"),
    (["bandwidth 40000"], "not offered"),
    (["port-speed 100"], "applies only to ExpressRoute Direct"),
    (["sku basic"], "Unknown command"),
    (["description " + LONG], "description"),
    (["provider " + LONG], "provider"),
    (["service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4"], "service key"),
    (["service-key 0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"], "service key"),
    (["service-key zzzzzzzz-4e5f-4a6b-8c7d-9e0f1a2b3c4d"], "service key"),
    (["service-key \u00e9\u00e9"], "service key"),
    (["peering private", "shared-key " + "a" * 26], "25"),
    (["peering private", "shared-key k\u00e9y"], "shared key"),
    (["peering private", "shared-key a-b"], "shared key"),
    (["peering private", "timers 3 9"], "Unknown command"),
    (["peering private", "timers 65536 180"], "Unknown command"),
    (["peering private", "bfd interval 49 multiplier 3"], "Unknown command"),
    (["peering private", "bfd interval 300 multiplier 1"], "Unknown command"),
    (["peering private", "bfd interval 60001 multiplier 3"], "Unknown command"),
    (["peering private", "max-prefix-out ipv4 0"], "Unknown command"),
    (["peering private", "max-prefix-out ipv4 10001"], "Unknown command"),
    (["peering private", "max-prefix-out ipv4 4001"], "4000"),
    (["peering private", "max-prefix-out warning 101"], "Unknown command"),
    (["peering private", "max-prefix-in ipv4 0"], "Unknown command"),
    (["peering private", "ipv4 primary 300.1.1.0/30"], "Unknown command"),
    (["peering private", "ipv4 primary 192.168.100.128/31"], "/30"),
    (["peering private", "ipv4 primary 192.168.100.128/33"], "Unknown command"),
    (["peering private", "ipv6 primary 2001:db8::/127"], "/126"),
    (["peering private", "ipv6 primary 2001:db8::1/126"], "host bits"),
    (["peering private", "ipv6 primary 2001:db8:1::/126 secondary 2001:db8:1::/126"],
     "both"),
    (["peering private", "route-map " + LONG + " in"], "route-map"),
    (["peering microsoft", "ipv4 primary 100.64.0.0/30"], "not public"),
    (["peering microsoft", "ipv4 primary 127.0.0.0/30"], "not public"),
    (["peering microsoft", "advertise ::/0"], "default route"),
    (["peering microsoft", "advertise fd00::/8"], "not public"),
    (["peering microsoft", "advertise 224.0.0.0/4"], "not public"),
    (["peering public"], "Unknown command"),
    (["global-reach c9 subnet 10.255.0.1/29"], "host bits"),
    (["peering microsoft", "advertise 203.0.113.1/24"], "host bits"),
]

# Rules that depend on earlier settings: (set first, then, message).
BAD_AFTER = [
    (["connectivity direct"], ["bandwidth 50"], "not offered on ExpressRoute Direct"),
    (["connectivity direct", "port-speed 10"], ["bandwidth 40000"], "10g"),
    (["connectivity direct", "port-speed 100"], ["bandwidth 1000"], "100g"),
    (["bandwidth 10000", "connectivity direct", "port-speed 100"], ["bandwidth 2000"],
     "100g"),
    (["connectivity direct", "port-speed 400"], ["bandwidth 1000"],
     "bandwidth 1000 Mbps is not offered on a 400g ExpressRoute Direct port pair"),
    (["connectivity direct", "port-speed 400", "bandwidth 200000"], ["port-speed 100"],
     "bandwidth 200000 Mbps is not offered on a 100g"),
    (["connectivity direct", "direct-port er-port-ams"], ["no connectivity"],
     "direct-port er-port-ams applies only to ExpressRoute Direct"),
    # Global Reach is not available on Local (expressroute-faqs)
    (["sku local"], ["global-reach c9 subnet 10.255.0.0/29"],
     "circuit c1 is a Local circuit: Global Reach (to c9) is not available on Local"),
    (["global-reach c9 subnet 10.255.0.0/29"], ["sku local"], "is a Local circuit"),
    # no Global Reach subnet inside a prefix any circuit advertises
    (["peering microsoft", "vlan 101", "ipv4 primary 198.51.100.0/30 secondary 198.51.100.4/30",
      "advertise 203.0.113.0/24", "exit"], ["global-reach c9 subnet 203.0.113.8/29"],
     "microsoft peering advertised prefix of circuit c1 203.0.113.0/24 overlaps Global Reach "
     "subnet of circuit c1 203.0.113.8/29"),
    (["global-reach c9 subnet 10.255.0.0/29"], ["peering private", "ipv4 block 10.255.0.0/29"],
     "overlaps"),
]


@pytest.mark.parametrize("first,then,message", BAD_AFTER)
def test_rule_after_setting_refused(first, then, message):
    vtysh(CIRCUIT + SETUP + first)
    before = running()
    output = vtysh(CIRCUIT + then)
    assert message.lower() in output.lower(), output
    assert running() == before


@pytest.mark.parametrize(
    "commands,message", BAD_INPUT,
    ids=[param_id(" / ".join(r[0]))[:60] + "-%d" % i for i, r in enumerate(BAD_INPUT)]
)
def test_bad_input_refused_config_unchanged(commands, message):
    vtysh(CIRCUIT + SETUP)
    before = running()
    output = vtysh(CIRCUIT + commands)
    assert message.lower() in output.lower(), output
    assert running() == before
    assert "bgpd" in ce1().vtysh_cmd("show modules")  # bgpd still answers


def test_many_circuits():
    """2,000 circuits in one go: accepted, listed, removed."""
    commands = ["configure terminal", "router bgp 65010"]
    for i in range(2000):
        commands += ["expressroute circuit m%d" % i, "peering private",
                     "vlan 100", "exit", "exit"]
    path = "/tmp/er-many.conf"
    with open(path, "w") as f:
        f.write("\n".join(commands[1:]) + "\n")
    ce1().cmd("vtysh -f %s" % path)
    out = json.loads(ce1().vtysh_cmd("show expressroute json"))
    assert len([c for c in out["circuits"] if c["name"].startswith("m")]) == 2000
    with open(path, "w") as f:
        f.write("router bgp 65010\n" + "".join(
            "no expressroute circuit m%d\n" % i for i in range(2000)))
    ce1().cmd("vtysh -f %s" % path)
    assert "expressroute circuit m" not in running()


def test_overlap_across_circuits():
    c2 = ["configure terminal", "router bgp 65010", "expressroute circuit c2",
          "peering private"]
    vtysh(CIRCUIT + SETUP)
    vtysh(c2)
    before = running()
    output = vtysh(c2 + ["ipv4 primary 192.168.100.132/30"])
    assert "overlaps" in output and "circuit c1" in output, output
    assert "192.168.100.132/30" in output
    assert running() == before


def test_global_reach_circuits_at_one_location_refused():
    """Both ends on this router, at one peering location (expressroute-faqs:
    the two circuits must be from different peering locations)."""
    vtysh(circuit("c2") + ["location Amsterdam"])
    vtysh(CIRCUIT + ["location Amsterdam"])
    before = running()
    output = vtysh(CIRCUIT + ["global-reach c2 subnet 10.255.0.0/29"])
    assert ("circuit c1 (vrf default): Global Reach to circuit c2: both circuits are at "
            "peering location Amsterdam, but Global Reach connects circuits at different "
            "peering locations") in output, output
    assert running() == before
    # Amsterdam2 is another peering location
    assert_accepted(vtysh(circuit("c2") + ["location Amsterdam2"]))
    assert_accepted(vtysh(CIRCUIT + ["global-reach c2 subnet 10.255.0.0/29"]))
    # and the other end cannot become Local while connected
    output = vtysh(circuit("c2") + ["sku local"])
    assert "circuit c2 is a Local circuit: Global Reach (to c1)" in output, output


def test_global_reach_over_both_families():
    """One subnet per address family, one line each; `no ... subnet X`
    removes that family's subnet, the connection with its last one."""
    assert_accepted(vtysh(CIRCUIT + ["global-reach c9 subnet 10.255.0.0/29",
                                     "global-reach c9 subnet 2001:db8:ff::/125"]))
    config = running()
    assert "  global-reach c9 subnet 10.255.0.0/29\n" in config
    assert "  global-reach c9 subnet 2001:db8:ff::/125\n" in config
    assert_accepted(vtysh(CIRCUIT + ["no global-reach c9 subnet 2001:db8:ff::/125"]))
    config = running()
    assert "  global-reach c9 subnet 10.255.0.0/29\n" in config
    assert "2001:db8:ff::/125" not in config
    assert_accepted(vtysh(CIRCUIT + ["global-reach c9 subnet 2001:db8:ff::/125",
                                     "no global-reach c9 subnet 10.255.0.0/29"]))
    config = running()
    assert "  global-reach c9 subnet 2001:db8:ff::/125\n" in config
    assert "10.255.0.0/29" not in config
    assert_accepted(vtysh(CIRCUIT + ["no global-reach c9 subnet 2001:db8:ff::/125"]))
    assert "global-reach" not in running()


def direct_circuit(name, encap="dot1q", port="er-port-ams", speed="100"):
    return circuit(name) + ["connectivity direct", "port-speed %s" % speed,
                            "direct-port %s" % port, "encapsulation %s" % encap]


def test_dot1q_vlan_unique_across_the_port_pair():
    """With Dot1Q a C-tag is unique across all circuits and peerings of the
    port pair; with QinQ only within the circuit (expressroute-erdirect-about)."""
    assert_accepted(vtysh(direct_circuit("c2") + ["peering private", "vlan 100"]))
    assert_accepted(vtysh(direct_circuit("c3") + ["peering microsoft", "vlan 101", "exit",
                                                  "peering private"]))
    before = running()
    output = vtysh(circuit("c3") + ["peering private", "vlan 100"])
    assert ("circuit c3 (vrf default) peering private: VLAN ID 100 of circuit c3 "
            "(vrf default) private peering is also used by circuit c2 (vrf default) private "
            "peering on ExpressRoute Direct port er-port-ams: with Dot1Q encapsulation a VLAN "
            "ID (C-tag) must be unique") in output, output
    assert running() == before
    # the circuits of a port pair share its speed and encapsulation
    output = vtysh(circuit("c3") + ["port-speed 10"])
    assert ("circuit c3 (vrf default) has port-speed 10g but circuit c2 (vrf default), on the "
            "same ExpressRoute Direct port er-port-ams, has port-speed 100g") in output, output
    output = vtysh(circuit("c3") + ["encapsulation qinq"])
    assert "has encapsulation qinq but circuit c2 (vrf default)" in output, output
    assert running() == before
    # on another port, or with QinQ, the same VLAN ID is fine
    assert_accepted(vtysh(circuit("c3") + ["direct-port er-port-fra", "encapsulation qinq",
                                           "peering private", "vlan 100"]))


def neighbor_lines(config):
    return sorted(line for line in config.split("\n") if line.startswith(" neighbor ")
                  or line.startswith("  neighbor "))


def test_block_gives_the_sessions_of_the_two_subnets():
    """Microsoft's /29 and /125 as typed: the same neighbors and settings as
    the two /30s and /126s, and running-config keeps what was typed."""
    assert_accepted(vtysh(PRIVATE + [
        "vlan 100", "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30",
        "ipv6 primary 2001:db8:1::/126 secondary 2001:db8:1::4/126"]))
    subnets = neighbor_lines(running())
    assert " neighbor 192.168.100.134 remote-as 12076" in subnets, subnets
    assert " neighbor 2001:db8:1::6 remote-as 12076" in subnets, subnets
    assert_accepted(vtysh(PRIVATE + ["ipv4 block 192.168.100.128/29",
                                     "ipv6 block 2001:db8:1::/125"]))
    config = running()
    assert "   ipv4 block 192.168.100.128/29\n" in config
    assert "   ipv6 block 2001:db8:1::/125\n" in config
    assert "ipv4 primary" not in config and "ipv6 primary" not in config
    assert neighbor_lines(config) == subnets
    # and back: the two-subnet form replaces the block
    assert_accepted(vtysh(PRIVATE + ["ipv4 primary 192.168.100.128/30 "
                                     "secondary 192.168.100.132/30"]))
    config = running()
    assert "ipv4 block" not in config and "   ipv6 block 2001:db8:1::/125\n" in config
    assert neighbor_lines(config) == subnets


def test_bfd_below_300_ms_warned_once():
    """Accepted, with a warning after the commit that sets it and one log
    line; later commits do not repeat it (expressroute-bfd)."""
    warning = ("% Warning: circuit c1 (vrf default) peering private: BFD interval 100 ms "
               "is below the MSEE's minimum of 300 ms (750 ms on some circuits)")
    output = vtysh(PRIVATE + ["bfd interval 100 multiplier 3"])
    assert warning in output, output
    assert "   bfd interval 100 multiplier 3\n" in running()
    output = vtysh(PRIVATE + ["vlan 100", "shared-key Contoso2026"])
    assert "Warning" not in output, output
    log = ce1().cmd("cat %s/ce1/bgpd.log" % ce1().logdir)
    assert log.count("circuit c1 (vrf default) peering private: BFD interval 100 ms") == 1, log
    output = vtysh(PRIVATE + ["bfd interval 300 multiplier 3"])
    assert "Warning" not in output, output


def inbound_limits():
    """maximum-prefix of the private peering's primary IPv4 and IPv6 neighbors."""
    config = running()
    limits = {}
    for neighbor in ("192.168.100.130", "2001:db8:1::2"):
        prefix = "  neighbor %s maximum-prefix " % neighbor
        limits[neighbor] = next(int(line[len(prefix):].split()[0])
                                for line in config.split("\n") if line.startswith(prefix))
    return limits


def test_inbound_limit_fits_many_vnets_and_global_reach():
    """1000 IPv4 / 100 IPv6 per VNet connection the circuit allows, a Global
    Reach connection bringing another site's routes in place of one
    (includes/expressroute-limits.md, expressroute-faqs); configurable."""
    assert_accepted(vtysh(PRIVATE + [
        "vlan 100", "ipv4 block 192.168.100.128/29", "ipv6 block 2001:db8:1::/125"]))
    assert inbound_limits() == {"192.168.100.130": 10000, "2001:db8:1::2": 1000}
    assert_accepted(vtysh(CIRCUIT + ["global-reach c8 subnet 10.255.0.0/29",
                                     "global-reach c9 subnet 10.255.0.8/29"]))
    assert inbound_limits() == {"192.168.100.130": 28000, "2001:db8:1::2": 1000}
    assert_accepted(vtysh(CIRCUIT + ["no global-reach c8", "no global-reach c9",
                                     "sku premium", "bandwidth 10000"]))
    assert inbound_limits() == {"192.168.100.130": 100000, "2001:db8:1::2": 10000}
    assert_accepted(vtysh(CIRCUIT + ["bandwidth 50"]))
    assert inbound_limits() == {"192.168.100.130": 20000, "2001:db8:1::2": 2000}
    assert_accepted(vtysh(PRIVATE + ["max-prefix-in ipv4 1500"]))
    assert inbound_limits()["192.168.100.130"] == 1500


def test_documentation_asn_refused_on_microsoft_peering():
    """Microsoft peering needs a public ASN registered to you; AS 64500 is a
    documentation ASN (RFC 5398, expressroute-routing). On private peering
    it is accepted, with a warning."""
    output = vtysh(["configure terminal", "router bgp 64500 vrf doc",
                    "expressroute circuit d1", "peering microsoft"])
    assert ("circuit d1 (vrf doc) peering microsoft: AS 64500 is reserved for documentation "
            "(RFC 5398), not a public ASN: Microsoft peering needs a public ASN registered "
            "to you") in output, output
    assert "peering microsoft" not in bgp_block(running(), "router bgp 64500 vrf doc")
    output = vtysh(["configure terminal", "router bgp 64500 vrf doc",
                    "expressroute circuit d1", "peering private"])
    assert "% Warning: AS 64500 is reserved for documentation" in output, output
    assert "peering private" in bgp_block(running(), "router bgp 64500 vrf doc")
    vtysh(["configure terminal", "no router bgp 64500 vrf doc"])


def test_refused_asn():
    output = vtysh(["configure terminal", "router bgp 65515 vrf red",
                    "expressroute circuit bad", "peering private"])
    assert "65515" in output and "reserved by Azure" in output, output
    assert "peering" not in bgp_block(running(), "router bgp 65515 vrf red")
    vtysh(["configure terminal", "no router bgp 65515 vrf red"])


def test_dubious_asns_are_warned_and_logged():
    """Accepted, with a warning at the prompt and in bgpd's log."""
    output = vtysh(MICROSOFT)
    assert "% Warning: AS 65010 is a private ASN: Microsoft peering" in output
    assert "peering microsoft" in running()
    # once, when the peering is made: not each time it is entered
    line = "circuit c1 (vrf default) peering microsoft: AS 65010 is a private ASN"
    logged = ce1().cmd("cat %s/ce1/bgpd.log" % ce1().logdir).count(line)
    again = vtysh(MICROSOFT)
    assert "Warning" not in again, again
    assert ce1().cmd("cat %s/ce1/bgpd.log" % ce1().logdir).count(line) == logged
    output = vtysh(["configure terminal", "router bgp 64496 vrf green",
                    "expressroute circuit g1", "peering private"])
    assert "% Warning: AS 64496 is reserved for documentation" in output, output
    log = ce1().cmd("cat %s/ce1/bgpd.log" % ce1().logdir)
    assert "circuit c1 (vrf default) peering microsoft: AS 65010 is a private ASN" in log
    assert "circuit g1 (vrf green) peering private: AS 64496 is reserved" in log
    vtysh(["configure terminal", "no router bgp 64496 vrf green"])


def test_no_router_bgp_removes_circuits():
    vtysh(["configure terminal", "router bgp 65020 vrf blue",
           "expressroute circuit blue1", "peering private", "vlan 200"])
    assert "expressroute circuit blue1" in running()
    vtysh(["configure terminal", "no router bgp 65020 vrf blue"])
    assert "blue1" not in running()
    output = ce1().vtysh_cmd("show configuration running json bgpd")
    assert "blue1" not in output


FULL = CIRCUIT + [
    "description Contoso Amsterdam",
    "service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "provider Equinix",
    "location Amsterdam",
    "bandwidth 10000",
    "sku premium",
    "connectivity direct",
    "port-speed 400",
    "direct-port er-port-ams",
    "encapsulation dot1q",
    "global-reach c9 subnet 10.255.0.0/29",
    "global-reach c9 subnet 2001:db8:ff::/125",
    "peering private",
    "vlan 100",
    "ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30",
    "ipv6 primary 2001:db8:1::/126 secondary 2001:db8:1::4/126",
    "shared-key Contoso2026",
    "bfd interval 500 multiplier 4",
    "timers 30 90",
    "max-prefix-out ipv4 9000",
    "max-prefix-in teardown",
    "redundancy active-standby",
    "route-map RM-IN in",
    "exit",
    "peering microsoft",
    "vlan 101",
    "ipv4 block 198.51.100.0/29",
    "ipv6 block 2001:db8:ffff::/125",
    "advertise 203.0.113.0/24",
    "shutdown",
]


def bgp_block(config, header="router bgp 65010"):
    """The lines of one `router bgp` block of a running-config."""
    lines = config.split("\n")
    start = lines.index(header)
    end = lines.index("exit", start)
    return "\n".join(lines[start : end + 1])


def restart_bgpd():
    router = ce1()
    router.net.killRouterDaemons(["bgpd"])
    router.net.startRouterDaemons(["bgpd"])


def test_round_trip_write_memory_and_restart():
    assert_accepted(vtysh(FULL))
    before = bgp_block(running())
    assert "  peering microsoft\n" in before
    vtysh(["write memory"])
    restart_bgpd()
    assert bgp_block(running()) == before


def test_round_trip_vtysh_boot():
    assert_accepted(vtysh(FULL))
    before = bgp_block(running())
    router = ce1()
    router.cmd("echo 'service integrated-vtysh-config' > /etc/frr/vtysh.conf")
    try:
        vtysh(["write memory"])
        router.cmd(": > /etc/frr/bgpd.conf")
        restart_bgpd()
        assert "expressroute" not in running()
        output = router.cmd("vtysh -b 2>&1")
        assert "Unknown command" not in output, output
        assert bgp_block(running()) == before
    finally:
        router.cmd("echo 'no service integrated-vtysh-config' > /etc/frr/vtysh.conf")


RELOAD_TARGET = """\
router bgp 65010
 no bgp ebgp-requires-policy
 expressroute circuit c1
  provider Equinix
  peering private
   vlan 110
   ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30
  exit
 exit
 expressroute circuit c2
  location Dublin
  peering private
   vlan 200
  exit
 exit
exit
"""


def test_frr_reload_adds_changes_and_deletes(tmp_path):
    """frr-reload.py, taught the module's contexts as make install does."""
    build = os.environ["ER_BUILD_DIR"]
    reload_script = tmp_path / "frr-reload.py"
    subprocess.run(
        ["/usr/bin/python3", os.path.join(build, "tools", "frr-reload-contexts.py"),
         "/usr/lib/frr/frr-reload.py", str(reload_script)],
        check=True,
    )
    target = tmp_path / "bgpd.conf"
    target.write_text(RELOAD_TARGET)
    os.chmod(tmp_path, 0o755)

    # running: c1 with a microsoft peering and vlan 100, c3 to be deleted
    assert_accepted(vtysh(CIRCUIT + ["provider Equinix"] + SETUP))
    vtysh(["configure terminal", "router bgp 65010", "expressroute circuit c3",
           "peering private", "vlan 300"])

    output = ce1().cmd(
        "/usr/bin/python3 %s --reload --daemon bgpd --bindir %s "
        "--confdir /etc/frr --rundir /var/run/frr --stdout %s 2>&1"
        % (reload_script, os.path.join(build, "vtysh"), target)
    )
    assert "Traceback" not in output, output
    # the circuits are as the file says; the neighbors follow them (made by
    # the module, which frr-reload leaves alone)
    block = bgp_block(running()).split("\n")
    circuits = [
        line
        for line in block
        if "neighbor" not in line
        and "address-family" not in line
        and line.strip() != "!"
    ]
    assert "\n".join(circuits) == RELOAD_TARGET.rstrip("\n"), output
    assert " neighbor 192.168.100.130 remote-as 12076" in block

    # a second pass finds nothing left to change
    output = ce1().cmd(
        "/usr/bin/python3 %s --test --daemon bgpd --bindir %s "
        "--confdir /etc/frr --rundir /var/run/frr %s 2>&1"
        % (reload_script, os.path.join(build, "vtysh"), target)
    )
    assert "expressroute" not in output and "peering" not in output, output
