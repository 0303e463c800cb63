// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute configuration CLI: the nodes under `router bgp`, their
 * commands and their running-config (cli_show callbacks).  The show, clear
 * and debug commands are in er_show.c.
 *
 * Every configuration command edits the frr-expressroute model through the
 * northbound (DEFPY_YANG); the rules are checked when the change is
 * validated, so a bad value fails with "% Configuration failed" and changes
 * nothing.  A few checks on the raw input are made here too, where the
 * model would silently normalise a value (host bits of a prefix).
 */

#include <zebra.h>

#include "lib/command.h"
#include "lib/northbound_cli.h"
#include "lib/vty.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

#include "er_circuit.h"
#include "er_cli.h"
#include "er_nb.h"
#include "er_nodes.h"

#ifndef VTYSH_EXTRACT_PL
#include "er_cli_clippy.c"
#endif

#define ER_STR "Azure ExpressRoute\n"
#define CIRCUIT_STR "ExpressRoute circuit\n" "Circuit name\n"
#define PEERING_TYPES_STR "Azure private peering\n" "Microsoft peering\n"

static struct cmd_node er_circuit_node = ER_CIRCUIT_CMD_NODE;
static struct cmd_node er_peering_node = ER_PEERING_CMD_NODE;

/* Warn at the prompt about an ASN Azure accepts only reluctantly. */
static void er_cli_warn_asn(struct vty *vty, const struct bgp *bgp,
			    enum er_peering_type type)
{
	char msg[ER_MSG_SIZE];

	if (er_check_asn(bgp->as, type, msg, sizeof(msg)) == ER_WARN)
		vty_out(vty, "%% Warning: %s\n", msg);
}

/* A prefix as typed, before the model silently clears its host bits. */
static bool er_cli_check_aligned(struct vty *vty, const char *str)
{
	struct er_prefix p, net;
	char buf[ER_PREFIX_STRLEN];

	if (!er_prefix_parse(str, &p)) {
		vty_out(vty, "%% %s is not a valid prefix\n", str);
		return false;
	}
	if (!er_prefix_is_aligned(&p)) {
		er_prefix_network(&p, &net);
		vty_out(vty, "%% %s has host bits set: use %s\n", str,
			er_prefix2str(&net, buf, sizeof(buf)));
		return false;
	}
	return true;
}

/* A link subnet as typed: the model would silently clear host bits. */
static bool er_cli_check_subnet(struct vty *vty, const char *str)
{
	struct er_prefix p;
	char msg[ER_MSG_SIZE];

	if (!er_prefix_parse(str, &p)) {
		vty_out(vty, "%% %s is not a valid prefix\n", str);
		return false;
	}
	if (!er_check_link_subnet(&p, msg, sizeof(msg))) {
		vty_out(vty, "%% %s\n", msg);
		return false;
	}
	return true;
}

/* A /29 (/125) block as typed: its size, and host bits the model clears. */
static bool er_cli_check_block(struct vty *vty, const char *str)
{
	struct er_prefix p;
	char msg[ER_MSG_SIZE];

	if (!er_prefix_parse(str, &p)) {
		vty_out(vty, "%% %s is not a valid prefix\n", str);
		return false;
	}
	if (!er_split_subnet(&p, NULL, NULL, msg, sizeof(msg))) {
		vty_out(vty, "%% %s\n", msg);
		return false;
	}
	return true;
}

/*
 * router bgp -> expressroute circuit NAME
 */
DEFPY_YANG_NOSH(er_circuit, er_circuit_cmd, "expressroute circuit WORD$name",
		ER_STR CIRCUIT_STR)
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	char xpath[XPATH_MAXLEN];
	int ret;

	if (bgp->inst_type == BGP_INSTANCE_TYPE_VIEW) {
		vty_out(vty,
			"%% ExpressRoute circuits need a BGP instance, not a view\n");
		return CMD_WARNING_CONFIG_FAILED;
	}

	snprintf(xpath, sizeof(xpath), ER_XPATH_CIRCUIT, er_bgp_vrf_name(bgp),
		 name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	ret = nb_cli_apply_changes(vty, NULL);
	if (ret == CMD_SUCCESS)
		VTY_PUSH_XPATH(ER_CIRCUIT_NODE, xpath);
	return ret;
}

DEFPY_YANG(no_er_circuit, no_er_circuit_cmd, "no expressroute circuit WORD$name",
	   NO_STR ER_STR CIRCUIT_STR)
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), ER_XPATH_CIRCUIT, er_bgp_vrf_name(bgp),
		 name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * Circuit properties
 */
static int er_cli_set(struct vty *vty, const char *leaf, const char *value)
{
	nb_cli_enqueue_change(vty, leaf, value ? NB_OP_MODIFY : NB_OP_DESTROY,
			      value);
	return nb_cli_apply_changes(vty, NULL);
}

static int er_cli_set_line(struct vty *vty, const char *leaf, int argc,
			   struct cmd_token *argv[], int first)
{
	char *line = argv_concat(argv, argc, first);
	int ret = er_cli_set(vty, leaf, line);

	XFREE(MTYPE_TMP, line);
	return ret;
}

DEFPY_YANG(er_description, er_description_cmd, "description LINE...",
	   "Circuit description\n"
	   "Text, up to 240 characters\n")
{
	return er_cli_set_line(vty, "./description", argc, argv, 1);
}

DEFPY_YANG(no_er_description, no_er_description_cmd, "no description",
	   NO_STR
	   "Circuit description\n")
{
	return er_cli_set(vty, "./description", NULL);
}

DEFPY_YANG(er_service_key, er_service_key_cmd, "service-key WORD$key",
	   "Service key of the circuit (from the Azure portal)\n"
	   "GUID, e.g. 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n")
{
	char msg[ER_MSG_SIZE];

	/* the model's pattern error would not say what a service key is */
	if (!er_check_service_key(key, msg, sizeof(msg))) {
		vty_out(vty, "%% %s\n", msg);
		return CMD_WARNING_CONFIG_FAILED;
	}
	return er_cli_set(vty, "./service-key", key);
}

DEFPY_YANG(no_er_service_key, no_er_service_key_cmd, "no service-key [WORD]",
	   NO_STR
	   "Service key of the circuit (from the Azure portal)\n"
	   "GUID\n")
{
	return er_cli_set(vty, "./service-key", NULL);
}

DEFPY_YANG(er_provider, er_provider_cmd, "provider LINE...",
	   "Connectivity provider\n"
	   "Provider name\n")
{
	return er_cli_set_line(vty, "./provider", argc, argv, 1);
}

DEFPY_YANG(no_er_provider, no_er_provider_cmd, "no provider",
	   NO_STR
	   "Connectivity provider\n")
{
	return er_cli_set(vty, "./provider", NULL);
}

DEFPY_YANG(er_location, er_location_cmd, "location LINE...",
	   "Peering location\n"
	   "Location name, e.g. Amsterdam\n")
{
	return er_cli_set_line(vty, "./location", argc, argv, 1);
}

DEFPY_YANG(no_er_location, no_er_location_cmd, "no location",
	   NO_STR
	   "Peering location\n")
{
	return er_cli_set(vty, "./location", NULL);
}

DEFPY_YANG(er_bandwidth, er_bandwidth_cmd, "bandwidth (50-400000)$mbps",
	   "Circuit bandwidth\n"
	   "Bandwidth in Mbps (provider: 50-10000, Direct: 1000-400000)\n")
{
	return er_cli_set(vty, "./bandwidth", mbps_str);
}

DEFPY_YANG(no_er_bandwidth, no_er_bandwidth_cmd, "no bandwidth [(50-400000)]",
	   NO_STR
	   "Circuit bandwidth\n"
	   "Bandwidth in Mbps\n")
{
	return er_cli_set(vty, "./bandwidth", NULL);
}

DEFPY_YANG(er_sku, er_sku_cmd, "sku <local|standard|premium>$sku",
	   "SKU tier of the circuit (default standard)\n"
	   "Local\n"
	   "Standard\n"
	   "Premium\n")
{
	return er_cli_set(vty, "./sku", sku);
}

DEFPY_YANG(no_er_sku, no_er_sku_cmd, "no sku [<local|standard|premium>]",
	   NO_STR
	   "SKU tier of the circuit (default standard)\n"
	   "Local\n"
	   "Standard\n"
	   "Premium\n")
{
	return er_cli_set(vty, "./sku", NULL);
}

DEFPY_YANG(er_billing, er_billing_cmd, "billing <metered|unlimited>$billing",
	   "Billing model of the circuit (default metered)\n"
	   "Metered data\n"
	   "Unlimited data\n")
{
	return er_cli_set(vty, "./billing", billing);
}

DEFPY_YANG(no_er_billing, no_er_billing_cmd, "no billing [<metered|unlimited>]",
	   NO_STR
	   "Billing model of the circuit (default metered)\n"
	   "Metered data\n"
	   "Unlimited data\n")
{
	return er_cli_set(vty, "./billing", NULL);
}

DEFPY_YANG(er_connectivity, er_connectivity_cmd,
	   "connectivity <colocation|point-to-point|any-to-any|direct>$model",
	   "Connectivity model (default colocation)\n"
	   "Co-location at a cloud exchange\n"
	   "Point-to-point Ethernet\n"
	   "Any-to-any (IPVPN)\n"
	   "ExpressRoute Direct\n")
{
	return er_cli_set(vty, "./connectivity", model);
}

DEFPY_YANG(no_er_connectivity, no_er_connectivity_cmd,
	   "no connectivity [<colocation|point-to-point|any-to-any|direct>]",
	   NO_STR
	   "Connectivity model (default colocation)\n"
	   "Co-location at a cloud exchange\n"
	   "Point-to-point Ethernet\n"
	   "Any-to-any (IPVPN)\n"
	   "ExpressRoute Direct\n")
{
	return er_cli_set(vty, "./connectivity", NULL);
}

#define PORT_SPEED_STR                                                         \
	"ExpressRoute Direct port pair speed\n"                                \
	"10 Gbps\n"                                                            \
	"100 Gbps\n"                                                           \
	"400 Gbps\n"

DEFPY_YANG(er_port_speed, er_port_speed_cmd, "port-speed <10|100|400>$speed",
	   PORT_SPEED_STR)
{
	char value[8];

	/* the YANG enum names are the Gbps with a "g" */
	snprintf(value, sizeof(value), "%sg", speed);
	return er_cli_set(vty, "./port-speed", value);
}

DEFPY_YANG(no_er_port_speed, no_er_port_speed_cmd,
	   "no port-speed [<10|100|400>]", NO_STR PORT_SPEED_STR)
{
	return er_cli_set(vty, "./port-speed", NULL);
}

DEFPY_YANG(er_direct_port, er_direct_port_cmd, "direct-port WORD$port",
	   "ExpressRoute Direct port resource the circuit is on\n"
	   "Its name in Azure (Microsoft.Network/expressRoutePorts)\n")
{
	return er_cli_set(vty, "./direct-port", port);
}

DEFPY_YANG(no_er_direct_port, no_er_direct_port_cmd, "no direct-port [WORD]",
	   NO_STR
	   "ExpressRoute Direct port resource the circuit is on\n"
	   "Its name in Azure\n")
{
	return er_cli_set(vty, "./direct-port", NULL);
}

#define ENCAPSULATION_STR                                                      \
	"Encapsulation of the ExpressRoute Direct port pair\n"                 \
	"802.1Q: VLAN IDs unique across the port pair\n"                       \
	"QinQ: Azure's S-tag per circuit, VLAN IDs unique per circuit\n"

DEFPY_YANG(er_encapsulation, er_encapsulation_cmd,
	   "encapsulation <dot1q|qinq>$encap", ENCAPSULATION_STR)
{
	return er_cli_set(vty, "./encapsulation", encap);
}

DEFPY_YANG(no_er_encapsulation, no_er_encapsulation_cmd,
	   "no encapsulation [<dot1q|qinq>]", NO_STR ENCAPSULATION_STR)
{
	return er_cli_set(vty, "./encapsulation", NULL);
}

#define GLOBAL_REACH_STR                                                       \
	"Global Reach connection to another circuit\n"                         \
	"Name of the peer circuit\n"                                           \
	"Subnet of the connection\n"                                           \
	"IPv4 /29\n"                                                           \
	"IPv6 /125\n"

DEFPY_YANG(er_global_reach, er_global_reach_cmd,
	   "global-reach WORD$peer subnet <A.B.C.D/M$subnet4|X:X::X:X/M$subnet6>",
	   GLOBAL_REACH_STR)
{
	const char *subnet = subnet4_str ? subnet4_str : subnet6_str;
	char xpath[XPATH_MAXLEN];

	if (!er_cli_check_aligned(vty, subnet))
		return CMD_WARNING_CONFIG_FAILED;
	snprintf(xpath, sizeof(xpath), "./global-reach[peer-circuit='%s']",
		 peer);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	/* one subnet leaf per address family */
	strlcat(xpath, subnet4_str ? "/subnet" : "/ipv6-subnet", sizeof(xpath));
	nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, subnet);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * Without a subnet, or with the only one the connection has: the whole
 * connection goes; with one of its two subnets, that one.
 */
DEFPY_YANG(no_er_global_reach, no_er_global_reach_cmd,
	   "no global-reach WORD$peer [subnet <A.B.C.D/M$subnet4|X:X::X:X/M$subnet6>]",
	   NO_STR GLOBAL_REACH_STR)
{
	const char *leaf = subnet4_str ? "subnet" : "ipv6-subnet";
	const char *other = subnet4_str ? "ipv6-subnet" : "subnet";
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), "./global-reach[peer-circuit='%s']",
		 peer);
	if ((subnet4_str || subnet6_str)
	    && yang_dnode_getf(vty->candidate_config->dnode,
			       "%s/global-reach[peer-circuit='%s']/%s",
			       VTY_CURR_XPATH, peer, other)) {
		strlcat(xpath, "/", sizeof(xpath));
		strlcat(xpath, leaf, sizeof(xpath));
	}
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * expressroute circuit -> peering <private|microsoft>
 */
DEFPY_YANG_NOSH(er_peering, er_peering_cmd, "peering <private|microsoft>$type",
		"ExpressRoute peering\n" PEERING_TYPES_STR)
{
	VTY_DECLVAR_CONTEXT(bgp, bgp);
	char xpath[XPATH_MAXLEN];
	enum er_peering_type ptype;
	int ret;

	bool created;

	snprintf(xpath, sizeof(xpath), "%s/peering[type='%s']", VTY_CURR_XPATH,
		 type);
	created = !yang_dnode_exists(vty->candidate_config->dnode, xpath);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	ret = nb_cli_apply_changes(vty, NULL);
	if (ret != CMD_SUCCESS)
		return ret;
	/* once, when the peering is made, not each time it is entered */
	if (created && er_str2peering_type(type, &ptype))
		er_cli_warn_asn(vty, bgp, ptype);
	VTY_PUSH_XPATH(ER_PEERING_NODE, xpath);
	return CMD_SUCCESS;
}

DEFPY_YANG(no_er_peering, no_er_peering_cmd,
	   "no peering <private|microsoft>$type",
	   NO_STR "ExpressRoute peering\n" PEERING_TYPES_STR)
{
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), "./peering[type='%s']", type);
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/*
 * Peering properties
 */
DEFPY_YANG(er_vlan, er_vlan_cmd, "vlan (1-4094)$vlan",
	   "VLAN of the peering, the same on both links\n"
	   "VLAN ID (unique within the circuit)\n")
{
	return er_cli_set(vty, "./vlan-id", vlan_str);
}

DEFPY_YANG(no_er_vlan, no_er_vlan_cmd, "no vlan [(1-4094)]",
	   NO_STR
	   "VLAN of the peering, the same on both links\n"
	   "VLAN ID\n")
{
	return er_cli_set(vty, "./vlan-id", NULL);
}

/*
 * The two link subnets, or (primary NULL) the block Microsoft gives: the
 * model holds one form or the other, the one typed last.
 */
static int er_cli_link_subnets(struct vty *vty, const char *family,
			       const char *primary, const char *secondary,
			       const char *block)
{
	char xpath[32];

	snprintf(xpath, sizeof(xpath), "./%s/block", family);
	if (block) {
		if (!er_cli_check_block(vty, block))
			return CMD_WARNING_CONFIG_FAILED;
		nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, block);
		snprintf(xpath, sizeof(xpath), "./%s/primary-subnet", family);
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
		snprintf(xpath, sizeof(xpath), "./%s/secondary-subnet", family);
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
		return nb_cli_apply_changes(vty, NULL);
	}

	if (!er_cli_check_subnet(vty, primary)
	    || (secondary && !er_cli_check_subnet(vty, secondary)))
		return CMD_WARNING_CONFIG_FAILED;

	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	snprintf(xpath, sizeof(xpath), "./%s/primary-subnet", family);
	nb_cli_enqueue_change(vty, xpath, NB_OP_MODIFY, primary);
	snprintf(xpath, sizeof(xpath), "./%s/secondary-subnet", family);
	nb_cli_enqueue_change(vty, xpath,
			      secondary ? NB_OP_MODIFY : NB_OP_DESTROY,
			      secondary);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(er_ipv4, er_ipv4_cmd,
	   "ipv4 primary A.B.C.D/M$primary [secondary A.B.C.D/M$secondary]",
	   "IPv4 link subnets of the peering\n"
	   "Subnet of the primary link\n"
	   "IPv4 /30: the CE takes the first address, the MSEE the second\n"
	   "Subnet of the secondary link\n"
	   "IPv4 /30: the CE takes the first address, the MSEE the second\n")
{
	return er_cli_link_subnets(vty, "ipv4", primary_str, secondary_str,
				   NULL);
}

DEFPY_YANG(er_ipv6, er_ipv6_cmd,
	   "ipv6 primary X:X::X:X/M$primary [secondary X:X::X:X/M$secondary]",
	   "IPv6 link subnets of the peering\n"
	   "Subnet of the primary link\n"
	   "IPv6 /126: the CE takes the first address, the MSEE the second\n"
	   "Subnet of the secondary link\n"
	   "IPv6 /126: the CE takes the first address, the MSEE the second\n")
{
	return er_cli_link_subnets(vty, "ipv6", primary_str, secondary_str,
				   NULL);
}

DEFPY_YANG(er_ipv4_block, er_ipv4_block_cmd, "ipv4 block A.B.C.D/M$block",
	   "IPv4 link subnets of the peering\n"
	   "One /29, as Azure gives it: its first /30 is the primary link, its second the secondary\n"
	   "IPv4 /29\n")
{
	return er_cli_link_subnets(vty, "ipv4", NULL, NULL, block_str);
}

DEFPY_YANG(er_ipv6_block, er_ipv6_block_cmd, "ipv6 block X:X::X:X/M$block",
	   "IPv6 link subnets of the peering\n"
	   "One /125, as Azure gives it: its first /126 is the primary link, its second the secondary\n"
	   "IPv6 /125\n")
{
	return er_cli_link_subnets(vty, "ipv6", NULL, NULL, block_str);
}

DEFPY_YANG(no_er_link_subnets, no_er_link_subnets_cmd,
	   "no <ipv4$family [primary A.B.C.D/M [secondary A.B.C.D/M]|block A.B.C.D/M]|ipv6$family [primary X:X::X:X/M [secondary X:X::X:X/M]|block X:X::X:X/M]>",
	   NO_STR
	   "IPv4 link subnets of the peering\n"
	   "Subnet of the primary link\n"
	   "IPv4 /30\n"
	   "Subnet of the secondary link\n"
	   "IPv4 /30\n"
	   "The /29 of both links\n"
	   "IPv4 /29\n"
	   "IPv6 link subnets of the peering\n"
	   "Subnet of the primary link\n"
	   "IPv6 /126\n"
	   "Subnet of the secondary link\n"
	   "IPv6 /126\n"
	   "The /125 of both links\n"
	   "IPv6 /125\n")
{
	char xpath[16];

	snprintf(xpath, sizeof(xpath), "./%s", family);
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(er_shared_key, er_shared_key_cmd, "shared-key WORD$key",
	   "MD5 key of both BGP sessions\n"
	   "Key: up to 25 letters and digits\n")
{
	char msg[ER_MSG_SIZE];

	/* the model's own check would print the key back */
	if (!er_check_shared_key(key, msg, sizeof(msg))) {
		vty_out(vty, "%% %s\n", msg);
		return CMD_WARNING_CONFIG_FAILED;
	}
	return er_cli_set(vty, "./shared-key", key);
}

DEFPY_YANG(no_er_shared_key, no_er_shared_key_cmd, "no shared-key [WORD]",
	   NO_STR
	   "MD5 key of both BGP sessions\n"
	   "Key\n")
{
	return er_cli_set(vty, "./shared-key", NULL);
}

DEFPY_YANG(er_bfd, er_bfd_cmd,
	   "bfd [interval (50-60000)$interval multiplier (2-255)$multiplier]",
	   "BFD on both sessions (default on, 300 ms x 3)\n"
	   "Transmit and receive interval\n"
	   "Milliseconds (default 300)\n"
	   "Detection multiplier\n"
	   "Missed packets before the session is down (default 3)\n")
{
	nb_cli_enqueue_change(vty, "./bfd/enabled", NB_OP_MODIFY, "true");
	nb_cli_enqueue_change(vty, "./bfd/interval",
			      interval_str ? NB_OP_MODIFY : NB_OP_DESTROY,
			      interval_str);
	nb_cli_enqueue_change(vty, "./bfd/multiplier",
			      multiplier_str ? NB_OP_MODIFY : NB_OP_DESTROY,
			      multiplier_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_er_bfd, no_er_bfd_cmd,
	   "no bfd [interval (50-60000) multiplier (2-255)]",
	   NO_STR
	   "BFD on both sessions (default on, 300 ms x 3)\n"
	   "Transmit and receive interval\n"
	   "Milliseconds\n"
	   "Detection multiplier\n"
	   "Missed packets before the session is down\n")
{
	return er_cli_set(vty, "./bfd/enabled", "false");
}

DEFPY_YANG(er_timers, er_timers_cmd,
	   "timers (3-65535)$keepalive (10-65535)$hold",
	   "BGP timers of both sessions (default 60 180, as the MSEE)\n"
	   "Keepalive interval in seconds\n"
	   "Hold time in seconds\n")
{
	nb_cli_enqueue_change(vty, "./timers/keepalive", NB_OP_MODIFY,
			      keepalive_str);
	nb_cli_enqueue_change(vty, "./timers/hold", NB_OP_MODIFY, hold_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_er_timers, no_er_timers_cmd,
	   "no timers [(3-65535) (10-65535)]",
	   NO_STR
	   "BGP timers of both sessions (default 60 180, as the MSEE)\n"
	   "Keepalive interval in seconds\n"
	   "Hold time in seconds\n")
{
	nb_cli_enqueue_change(vty, "./timers/keepalive", NB_OP_DESTROY, NULL);
	nb_cli_enqueue_change(vty, "./timers/hold", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(er_max_prefix_out, er_max_prefix_out_cmd,
	   "max-prefix-out <ipv4|ipv6>$family (1-10000)$max",
	   "Outbound prefix guard, below Microsoft's limit\n"
	   "IPv4 sessions (default 4000, Premium private 10000, Microsoft 200)\n"
	   "IPv6 sessions (default 100, Microsoft 200)\n"
	   "Most prefixes advertised per session\n")
{
	char xpath[48];

	snprintf(xpath, sizeof(xpath), "./prefix-limit-out/%s", family);
	return er_cli_set(vty, xpath, max_str);
}

DEFPY_YANG(er_max_prefix_out_warning, er_max_prefix_out_warning_cmd,
	   "max-prefix-out warning (1-100)$pct",
	   "Outbound prefix guard, below Microsoft's limit\n"
	   "Warn when the count reaches a share of the guard\n"
	   "Percent (default 80)\n")
{
	return er_cli_set(vty, "./prefix-limit-out/warning-threshold", pct_str);
}

DEFPY_YANG(no_er_max_prefix_out, no_er_max_prefix_out_cmd,
	   "no max-prefix-out <ipv4|ipv6|warning>$what [(1-10000)]",
	   NO_STR
	   "Outbound prefix guard, below Microsoft's limit\n"
	   "IPv4 sessions: back to Microsoft's limit\n"
	   "IPv6 sessions: back to Microsoft's limit\n"
	   "Warning threshold: back to 80 percent\n"
	   "Value\n")
{
	char xpath[64];

	snprintf(xpath, sizeof(xpath), "./prefix-limit-out/%s",
		 strcmp(what, "warning") == 0 ? "warning-threshold" : what);
	return er_cli_set(vty, xpath, NULL);
}

DEFPY_YANG(er_max_prefix_in, er_max_prefix_in_cmd,
	   "max-prefix-in <ipv4|ipv6>$family (1-4294967295)$max",
	   "Inbound maximum-prefix of each session\n"
	   "IPv4 sessions (default 1000 on private peering)\n"
	   "IPv6 sessions (default 100 on private peering)\n"
	   "Most prefixes accepted per session\n")
{
	char xpath[48];

	snprintf(xpath, sizeof(xpath), "./prefix-limit-in/%s", family);
	return er_cli_set(vty, xpath, max_str);
}

DEFPY_YANG(er_max_prefix_in_teardown, er_max_prefix_in_teardown_cmd,
	   "[no] max-prefix-in teardown",
	   NO_STR
	   "Inbound maximum-prefix of each session\n"
	   "Tear the session down above the limit (default: only warn)\n")
{
	return er_cli_set(vty, "./prefix-limit-in/warning-only",
			  no ? "true" : "false");
}

DEFPY_YANG(no_er_max_prefix_in, no_er_max_prefix_in_cmd,
	   "no max-prefix-in <ipv4|ipv6>$family [(1-4294967295)]",
	   NO_STR
	   "Inbound maximum-prefix of each session\n"
	   "IPv4 sessions: back to the default\n"
	   "IPv6 sessions: back to the default\n"
	   "Value\n")
{
	char xpath[48];

	snprintf(xpath, sizeof(xpath), "./prefix-limit-in/%s", family);
	return er_cli_set(vty, xpath, NULL);
}

DEFPY_YANG(er_redundancy, er_redundancy_cmd,
	   "redundancy <active-active|active-standby>$mode",
	   "How the two sessions share traffic (default active-active)\n"
	   "Both links carry traffic, as Microsoft recommends\n"
	   "The secondary link is less preferred both ways\n")
{
	return er_cli_set(vty, "./redundancy", mode);
}

DEFPY_YANG(no_er_redundancy, no_er_redundancy_cmd,
	   "no redundancy [<active-active|active-standby>]",
	   NO_STR
	   "How the two sessions share traffic (default active-active)\n"
	   "Both links carry traffic\n"
	   "The secondary link is less preferred both ways\n")
{
	return er_cli_set(vty, "./redundancy", NULL);
}

DEFPY_YANG(er_route_map, er_route_map_cmd,
	   "route-map RMAP_NAME$name <in|out>$dir",
	   "Operator's route-map, chained with the module's own\n"
	   "Route-map name\n"
	   "Routes received from Microsoft\n"
	   "Routes advertised to Microsoft\n")
{
	return er_cli_set(vty,
			  strcmp(dir, "in") == 0 ? "./route-map-in"
						 : "./route-map-out",
			  name);
}

DEFPY_YANG(no_er_route_map, no_er_route_map_cmd,
	   "no route-map [RMAP_NAME] <in|out>$dir",
	   NO_STR
	   "Operator's route-map, chained with the module's own\n"
	   "Route-map name\n"
	   "Routes received from Microsoft\n"
	   "Routes advertised to Microsoft\n")
{
	return er_cli_set(vty,
			  strcmp(dir, "in") == 0 ? "./route-map-in"
						 : "./route-map-out",
			  NULL);
}

DEFPY_YANG(er_advertise, er_advertise_cmd,
	   "[no] advertise <A.B.C.D/M|X:X::X:X/M>$prefix",
	   NO_STR
	   "Public prefix advertised on Microsoft peering\n"
	   "IPv4 prefix\n"
	   "IPv6 prefix\n")
{
	if (!no && !er_cli_check_aligned(vty, prefix_str))
		return CMD_WARNING_CONFIG_FAILED;
	/* FRR adds the [.='value'] predicate of a leaf-list entry itself */
	nb_cli_enqueue_change(vty, "./advertise",
			      no ? NB_OP_DESTROY : NB_OP_CREATE, prefix_str);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(er_shutdown, er_shutdown_cmd, "[no] shutdown",
	   NO_STR
	   "Administratively shut down both sessions of the peering\n")
{
	return er_cli_set(vty, "./shutdown", no ? "false" : "true");
}

/*
 * Running configuration (cli_show callbacks of er_nb.c)
 */
void cli_show_er_circuit(struct vty *vty, const struct lyd_node *dnode,
			 bool show_defaults)
{
	vty_out(vty, " expressroute circuit %s\n",
		yang_dnode_get_string(dnode, "./name"));
}

void cli_show_er_circuit_end(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, " exit\n");
}

void cli_show_er_circuit_leaf(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults)
{
	const char *name = dnode->schema->name;
	const char *value = yang_dnode_get_string(dnode, NULL);

	if (strcmp(name, "port-speed") == 0)
		/* the enum name is the Gbps and a "g": the command takes Gbps */
		vty_out(vty, "  port-speed %.*s\n", (int)strcspn(value, "g"),
			value);
	else
		vty_out(vty, "  %s %s\n", name, value);
}

void cli_show_er_peering(struct vty *vty, const struct lyd_node *dnode,
			 bool show_defaults)
{
	vty_out(vty, "  peering %s\n", yang_dnode_get_string(dnode, "./type"));
}

void cli_show_er_peering_end(struct vty *vty, const struct lyd_node *dnode)
{
	vty_out(vty, "  exit\n");
}

/* The form the operator used: a block, or the two subnets. */
static void cli_show_er_link_subnets(struct vty *vty,
				     const struct lyd_node *dnode)
{
	if (yang_dnode_exists(dnode, "./block")) {
		vty_out(vty, "   %s block %s\n", dnode->schema->name,
			yang_dnode_get_string(dnode, "./block"));
		return;
	}
	if (!yang_dnode_exists(dnode, "./primary-subnet"))
		return;
	vty_out(vty, "   %s primary %s", dnode->schema->name,
		yang_dnode_get_string(dnode, "./primary-subnet"));
	if (yang_dnode_exists(dnode, "./secondary-subnet"))
		vty_out(vty, " secondary %s",
			yang_dnode_get_string(dnode, "./secondary-subnet"));
	vty_out(vty, "\n");
}

static void cli_show_er_bfd(struct vty *vty, const struct lyd_node *dnode,
			    bool show_defaults)
{
	if (show_defaults || !yang_dnode_is_default(dnode, "./interval")
	    || !yang_dnode_is_default(dnode, "./multiplier"))
		vty_out(vty, "   bfd interval %u multiplier %u\n",
			yang_dnode_get_uint32(dnode, "./interval"),
			yang_dnode_get_uint8(dnode, "./multiplier"));
	if (!yang_dnode_get_bool(dnode, "./enabled"))
		vty_out(vty, "   no bfd\n");
}

static void cli_show_er_prefix_limits(struct vty *vty,
				      const struct lyd_node *dnode,
				      const char *cmd)
{
	static const char *const families[] = {"ipv4", "ipv6"};

	for (size_t i = 0; i < array_size(families); i++)
		if (yang_dnode_exists(dnode, families[i]))
			vty_out(vty, "   %s %s %u\n", cmd, families[i],
				yang_dnode_get_uint32(dnode, "%s",
						      families[i]));
}

/* The peering's leaves and the containers printed as one line each. */
void cli_show_er_peering_leaf(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults)
{
	const char *name = dnode->schema->name;

	if (strcmp(name, "vlan-id") == 0)
		vty_out(vty, "   vlan %u\n", yang_dnode_get_uint16(dnode, NULL));
	else if (strcmp(name, "ipv4") == 0 || strcmp(name, "ipv6") == 0)
		cli_show_er_link_subnets(vty, dnode);
	else if (strcmp(name, "bfd") == 0)
		cli_show_er_bfd(vty, dnode, show_defaults);
	else if (strcmp(name, "timers") == 0)
		vty_out(vty, "   timers %u %u\n",
			yang_dnode_get_uint16(dnode, "./keepalive"),
			yang_dnode_get_uint16(dnode, "./hold"));
	else if (strcmp(name, "prefix-limit-out") == 0) {
		cli_show_er_prefix_limits(vty, dnode, "max-prefix-out");
		if (show_defaults
		    || !yang_dnode_is_default(dnode, "./warning-threshold"))
			vty_out(vty, "   max-prefix-out warning %u\n",
				yang_dnode_get_uint8(dnode,
						     "./warning-threshold"));
	} else if (strcmp(name, "prefix-limit-in") == 0) {
		cli_show_er_prefix_limits(vty, dnode, "max-prefix-in");
		if (!yang_dnode_get_bool(dnode, "./warning-only"))
			vty_out(vty, "   max-prefix-in teardown\n");
	} else if (strcmp(name, "route-map-in") == 0)
		vty_out(vty, "   route-map %s in\n",
			yang_dnode_get_string(dnode, NULL));
	else if (strcmp(name, "route-map-out") == 0)
		vty_out(vty, "   route-map %s out\n",
			yang_dnode_get_string(dnode, NULL));
	else if (strcmp(name, "shutdown") == 0) {
		if (yang_dnode_get_bool(dnode, NULL))
			vty_out(vty, "   shutdown\n");
	} else
		/* shared-key, redundancy, advertise: "name value" */
		vty_out(vty, "   %s %s\n", name,
			yang_dnode_get_string(dnode, NULL));
}

void cli_show_er_global_reach(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults)
{
	static const char *const leafs[] = {"subnet", "ipv6-subnet"};

	/* one line per address family, as typed */
	for (size_t i = 0; i < array_size(leafs); i++)
		if (yang_dnode_exists(dnode, leafs[i]))
			vty_out(vty, "  global-reach %s subnet %s\n",
				yang_dnode_get_string(dnode, "./peer-circuit"),
				yang_dnode_get_string(dnode, "%s",
						      leafs[i]));
}

/*
 * The order of list entries in running-config.  libyang 2 (FRR 8.4) keeps
 * entries in the order they were created, libyang 3 and later sorts them
 * by key: these make the order the module's own, the same on every release.
 */

/* Circuits and Global Reach connections: by name. */
int cli_cmp_er_by_name(const struct lyd_node *dnode1,
		       const struct lyd_node *dnode2)
{
	const char *key = lyd_child(dnode1)->schema->name;

	return strcmp(yang_dnode_get_string(dnode1, "%s", key),
		      yang_dnode_get_string(dnode2, "%s", key));
}

/* Peerings: private, then Microsoft (the enum's order, as Azure lists them). */
int cli_cmp_er_peering(const struct lyd_node *dnode1,
		       const struct lyd_node *dnode2)
{
	return yang_dnode_get_enum(dnode1, "./type")
	       - yang_dnode_get_enum(dnode2, "./type");
}

/* Advertised prefixes: IPv4 before IPv6, then by address (prefix_cmp). */
int cli_cmp_er_prefix(const struct lyd_node *dnode1,
		      const struct lyd_node *dnode2)
{
	struct prefix p1, p2;

	yang_dnode_get_prefix(&p1, dnode1, NULL);
	yang_dnode_get_prefix(&p2, dnode2, NULL);
	return prefix_cmp(&p1, &p2);
}

/* Called inside each `router bgp` block of the running configuration. */
int er_config_write(struct bgp *bgp, struct vty *vty)
{
	const struct lyd_node *instance;

	instance = yang_dnode_getf(running_config->dnode, ER_XPATH_INSTANCE,
				   er_bgp_vrf_name(bgp));
	if (instance)
		nb_cli_show_dnode_cmds(vty, instance, false);
	return 0;
}

/*
 * `exit` and `quit` of the module's nodes, as northbound (YANG) commands.
 * FRR commits pending northbound changes before any other command, so
 * with the standard `exit` a configuration load would commit once per
 * circuit, and every commit costs as much as the whole configuration.
 * vtysh keeps its own exit for these nodes (hidden from extract.pl).
 */
#ifndef VTYSH_EXTRACT_PL
DEFUN_YANG(er_node_exit, er_node_exit_cmd, "exit",
	   "Exit current mode and down to previous mode\n")
{
	cmd_exit(vty);
	return CMD_SUCCESS;
}

ALIAS_YANG(er_node_exit, er_node_quit_cmd, "quit",
	   "Exit current mode and down to previous mode\n")

static void er_install_node_exit(enum node_type node)
{
	struct cmd_node *cnode = vector_lookup(cmdvec, node);

	for (unsigned int i = 0; i < vector_active(cnode->cmd_vector); i++) {
		const struct cmd_element *cmd = vector_slot(cnode->cmd_vector, i);

		if (cmd && (strcmp(cmd->string, "exit") == 0
			    || strcmp(cmd->string, "quit") == 0))
			uninstall_element(node, cmd);
	}
	_install_element(node, &er_node_exit_cmd);
	_install_element(node, &er_node_quit_cmd);
}
#endif /* VTYSH_EXTRACT_PL */

void er_cli_init(void)
{
	install_node(&er_circuit_node);
	install_node(&er_peering_node);
	install_default(ER_CIRCUIT_NODE);
	install_default(ER_PEERING_NODE);
#ifndef VTYSH_EXTRACT_PL
	er_install_node_exit(ER_CIRCUIT_NODE);
	er_install_node_exit(ER_PEERING_NODE);
#endif

	install_element(BGP_NODE, &er_circuit_cmd);
	install_element(BGP_NODE, &no_er_circuit_cmd);

	install_element(ER_CIRCUIT_NODE, &er_description_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_description_cmd);
	install_element(ER_CIRCUIT_NODE, &er_service_key_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_service_key_cmd);
	install_element(ER_CIRCUIT_NODE, &er_provider_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_provider_cmd);
	install_element(ER_CIRCUIT_NODE, &er_location_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_location_cmd);
	install_element(ER_CIRCUIT_NODE, &er_bandwidth_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_bandwidth_cmd);
	install_element(ER_CIRCUIT_NODE, &er_sku_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_sku_cmd);
	install_element(ER_CIRCUIT_NODE, &er_billing_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_billing_cmd);
	install_element(ER_CIRCUIT_NODE, &er_connectivity_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_connectivity_cmd);
	install_element(ER_CIRCUIT_NODE, &er_port_speed_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_port_speed_cmd);
	install_element(ER_CIRCUIT_NODE, &er_direct_port_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_direct_port_cmd);
	install_element(ER_CIRCUIT_NODE, &er_encapsulation_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_encapsulation_cmd);
	install_element(ER_CIRCUIT_NODE, &er_global_reach_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_global_reach_cmd);
	install_element(ER_CIRCUIT_NODE, &er_peering_cmd);
	install_element(ER_CIRCUIT_NODE, &no_er_peering_cmd);

	install_element(ER_PEERING_NODE, &er_vlan_cmd);
	install_element(ER_PEERING_NODE, &no_er_vlan_cmd);
	install_element(ER_PEERING_NODE, &er_ipv4_cmd);
	install_element(ER_PEERING_NODE, &er_ipv6_cmd);
	install_element(ER_PEERING_NODE, &er_ipv4_block_cmd);
	install_element(ER_PEERING_NODE, &er_ipv6_block_cmd);
	install_element(ER_PEERING_NODE, &no_er_link_subnets_cmd);
	install_element(ER_PEERING_NODE, &er_shared_key_cmd);
	install_element(ER_PEERING_NODE, &no_er_shared_key_cmd);
	install_element(ER_PEERING_NODE, &er_bfd_cmd);
	install_element(ER_PEERING_NODE, &no_er_bfd_cmd);
	install_element(ER_PEERING_NODE, &er_timers_cmd);
	install_element(ER_PEERING_NODE, &no_er_timers_cmd);
	install_element(ER_PEERING_NODE, &er_max_prefix_out_cmd);
	install_element(ER_PEERING_NODE, &er_max_prefix_out_warning_cmd);
	install_element(ER_PEERING_NODE, &no_er_max_prefix_out_cmd);
	install_element(ER_PEERING_NODE, &er_max_prefix_in_cmd);
	install_element(ER_PEERING_NODE, &er_max_prefix_in_teardown_cmd);
	install_element(ER_PEERING_NODE, &no_er_max_prefix_in_cmd);
	install_element(ER_PEERING_NODE, &er_redundancy_cmd);
	install_element(ER_PEERING_NODE, &no_er_redundancy_cmd);
	install_element(ER_PEERING_NODE, &er_route_map_cmd);
	install_element(ER_PEERING_NODE, &no_er_route_map_cmd);
	install_element(ER_PEERING_NODE, &er_advertise_cmd);
	install_element(ER_PEERING_NODE, &er_shutdown_cmd);
}
