// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute northbound callback table: one entry per xpath of
 * yang/frr-expressroute.yang that needs callbacks.
 *
 * The rules relate leaves of several circuits and peerings, so the whole
 * model is validated at once (pre_validate of the top container, in
 * er_validate.c).  Leaves of a circuit or a peering therefore share
 * callbacks, and a transaction is applied once per circuit and peering by
 * their apply_finish callbacks.
 */

#include <zebra.h>

#include "northbound.h"

#include "er_nb.h"

#define CIRCUIT ER_XPATH "/instance/circuit"
#define PEERING CIRCUIT "/peering"

#define CIRCUIT_LEAF(leaf)                                                     \
	{                                                                      \
		.xpath = CIRCUIT "/" leaf,                                     \
		.cbs = {                                                       \
			.modify = expressroute_instance_circuit_leaf_modify,   \
			.destroy = expressroute_instance_circuit_leaf_destroy, \
			.cli_show = cli_show_er_circuit_leaf,                  \
		},                                                             \
	}

/* A leaf with a YANG default is reset, never destroyed. */
#define CIRCUIT_LEAF_DEFAULT(leaf)                                             \
	{                                                                      \
		.xpath = CIRCUIT "/" leaf,                                     \
		.cbs = {                                                       \
			.modify = expressroute_instance_circuit_leaf_modify,   \
			.cli_show = cli_show_er_circuit_leaf,                  \
		},                                                             \
	}

/* A peering leaf printed as part of its container's line (cli_show NULL). */
#define PEERING_LEAF(leaf, show)                                               \
	{                                                                      \
		.xpath = PEERING "/" leaf,                                     \
		.cbs = {                                                       \
			.modify = expressroute_instance_circuit_peering_leaf_modify, \
			.destroy = expressroute_instance_circuit_peering_leaf_destroy, \
			.cli_show = show,                                      \
		},                                                             \
	}

#define PEERING_LEAF_DEFAULT(leaf, show)                                       \
	{                                                                      \
		.xpath = PEERING "/" leaf,                                     \
		.cbs = {                                                       \
			.modify = expressroute_instance_circuit_peering_leaf_modify, \
			.cli_show = show,                                      \
		},                                                             \
	}

/* A leaf of a session's operational state (one callback serves all). */
#define SESSION_LEAF(leaf)                                                     \
	{                                                                      \
		.xpath = PEERING "/state/session/" leaf,                       \
		.cbs = {                                                       \
			.get_elem = expressroute_instance_circuit_peering_state_session_leaf_get_elem, \
		},                                                             \
	}

#define PEERING_CONTAINER(name)                                                \
	{                                                                      \
		.xpath = PEERING "/" name,                                     \
		.cbs = {                                                       \
			.cli_show = cli_show_er_peering_leaf,                  \
		},                                                             \
	}

/* clang-format off */
const struct frr_yang_module_info frr_expressroute_info = {
	.name = ER_YANG_MODULE,
	.nodes = {
		{
			/* the rules relate circuits, peerings and instances */
			.xpath = ER_XPATH,
			.cbs = {
				.pre_validate = expressroute_pre_validate,
			},
		},
		{
			.xpath = ER_XPATH "/instance",
			.cbs = {
				.create = expressroute_instance_create,
				.destroy = expressroute_instance_destroy,
				.get_next = expressroute_instance_get_next,
				.get_keys = expressroute_instance_get_keys,
				.lookup_entry = expressroute_instance_lookup_entry,
			},
		},
		{
			.xpath = CIRCUIT,
			.cbs = {
				.create = expressroute_instance_circuit_create,
				.destroy = expressroute_instance_circuit_destroy,
				.apply_finish = expressroute_instance_circuit_apply_finish,
				.get_next = expressroute_instance_circuit_get_next,
				.get_keys = expressroute_instance_circuit_get_keys,
				.lookup_entry = expressroute_instance_circuit_lookup_entry,
				.cli_show = cli_show_er_circuit,
				.cli_show_end = cli_show_er_circuit_end,
				.cli_cmp = cli_cmp_er_by_name,
			},
		},
		{
			.xpath = CIRCUIT "/state/verdict",
			.cbs = {
				.get_elem = expressroute_instance_circuit_state_verdict_get_elem,
			},
		},
		CIRCUIT_LEAF("description"),
		CIRCUIT_LEAF("service-key"),
		CIRCUIT_LEAF("provider"),
		CIRCUIT_LEAF("location"),
		CIRCUIT_LEAF("bandwidth"),
		CIRCUIT_LEAF_DEFAULT("sku"),
		CIRCUIT_LEAF_DEFAULT("billing"),
		CIRCUIT_LEAF_DEFAULT("connectivity"),
		CIRCUIT_LEAF("port-speed"),
		CIRCUIT_LEAF("direct-port"),
		CIRCUIT_LEAF("encapsulation"),
		{
			.xpath = PEERING,
			.cbs = {
				.create = expressroute_instance_circuit_peering_create,
				.destroy = expressroute_instance_circuit_peering_destroy,
				.apply_finish = expressroute_instance_circuit_peering_apply_finish,
				.get_next = expressroute_instance_circuit_peering_get_next,
				.get_keys = expressroute_instance_circuit_peering_get_keys,
				.lookup_entry = expressroute_instance_circuit_peering_lookup_entry,
				.cli_show = cli_show_er_peering,
				.cli_show_end = cli_show_er_peering_end,
				.cli_cmp = cli_cmp_er_peering,
			},
		},
		PEERING_LEAF("vlan-id", cli_show_er_peering_leaf),
		PEERING_CONTAINER("ipv4"),
		PEERING_LEAF("ipv4/block", NULL),
		PEERING_LEAF("ipv4/primary-subnet", NULL),
		PEERING_LEAF("ipv4/secondary-subnet", NULL),
		PEERING_CONTAINER("ipv6"),
		PEERING_LEAF("ipv6/block", NULL),
		PEERING_LEAF("ipv6/primary-subnet", NULL),
		PEERING_LEAF("ipv6/secondary-subnet", NULL),
		PEERING_LEAF("shared-key", cli_show_er_peering_leaf),
		PEERING_CONTAINER("bfd"),
		PEERING_LEAF_DEFAULT("bfd/enabled", NULL),
		PEERING_LEAF_DEFAULT("bfd/interval", NULL),
		PEERING_LEAF_DEFAULT("bfd/multiplier", NULL),
		PEERING_CONTAINER("timers"),
		PEERING_LEAF_DEFAULT("timers/keepalive", NULL),
		PEERING_LEAF_DEFAULT("timers/hold", NULL),
		PEERING_CONTAINER("prefix-limit-out"),
		PEERING_LEAF("prefix-limit-out/ipv4", NULL),
		PEERING_LEAF("prefix-limit-out/ipv6", NULL),
		PEERING_LEAF_DEFAULT("prefix-limit-out/warning-threshold", NULL),
		PEERING_CONTAINER("prefix-limit-in"),
		PEERING_LEAF("prefix-limit-in/ipv4", NULL),
		PEERING_LEAF("prefix-limit-in/ipv6", NULL),
		PEERING_LEAF_DEFAULT("prefix-limit-in/warning-only", NULL),
		PEERING_LEAF_DEFAULT("redundancy", cli_show_er_peering_leaf),
		PEERING_LEAF("route-map-in", cli_show_er_peering_leaf),
		PEERING_LEAF("route-map-out", cli_show_er_peering_leaf),
		PEERING_LEAF_DEFAULT("shutdown", cli_show_er_peering_leaf),
		{
			.xpath = PEERING "/advertise",
			.cbs = {
				.create = expressroute_instance_circuit_peering_advertise_create,
				.destroy = expressroute_instance_circuit_peering_leaf_destroy,
				.cli_show = cli_show_er_peering_leaf,
				.cli_cmp = cli_cmp_er_prefix,
			},
		},
		{
			.xpath = PEERING "/state/verdict",
			.cbs = {
				.get_elem = expressroute_instance_circuit_peering_state_verdict_get_elem,
			},
		},
		{
			.xpath = PEERING "/state/reasons",
			.cbs = {
				.get_next = expressroute_instance_circuit_peering_state_reasons_get_next,
				.get_elem = expressroute_instance_circuit_peering_state_reasons_get_elem,
			},
		},
		{
			.xpath = PEERING "/state/session",
			.cbs = {
				.get_next = expressroute_instance_circuit_peering_state_session_get_next,
				.get_keys = expressroute_instance_circuit_peering_state_session_get_keys,
				.lookup_entry = expressroute_instance_circuit_peering_state_session_lookup_entry,
			},
		},
		SESSION_LEAF("neighbor"),
		SESSION_LEAF("role"),
		SESSION_LEAF("address-family"),
		SESSION_LEAF("state"),
		SESSION_LEAF("bfd-status"),
		SESSION_LEAF("prefixes-received"),
		SESSION_LEAF("prefixes-sent"),
		SESSION_LEAF("prefix-limit-out"),
		SESSION_LEAF("availability-percent"),
		SESSION_LEAF("flaps"),
		SESSION_LEAF("uptime-msec"),
		SESSION_LEAF("availability-last-hour-percent"),
		SESSION_LEAF("availability-last-day-percent"),
		SESSION_LEAF("updates-per-minute"),
		SESSION_LEAF("drift"),
		SESSION_LEAF("down-reason"),
		SESSION_LEAF("last-reset"),
		{
			.xpath = CIRCUIT "/global-reach",
			.cbs = {
				.create = expressroute_instance_circuit_global_reach_create,
				.destroy = expressroute_instance_circuit_global_reach_destroy,
				.cli_show = cli_show_er_global_reach,
				.cli_cmp = cli_cmp_er_by_name,
			},
		},
		{
			.xpath = CIRCUIT "/global-reach/subnet",
			.cbs = {
				.modify = expressroute_instance_circuit_global_reach_subnet_modify,
				.destroy = expressroute_instance_circuit_global_reach_subnet_destroy,
			},
		},
		{
			.xpath = CIRCUIT "/global-reach/ipv6-subnet",
			.cbs = {
				.modify = expressroute_instance_circuit_global_reach_ipv6_subnet_modify,
				.destroy = expressroute_instance_circuit_global_reach_ipv6_subnet_destroy,
			},
		},
		{
			.xpath = NULL,
		},
	}
};
/* clang-format on */
