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
			},
		},
		{
			.xpath = CIRCUIT,
			.cbs = {
				.create = expressroute_instance_circuit_create,
				.destroy = expressroute_instance_circuit_destroy,
				.apply_finish = expressroute_instance_circuit_apply_finish,
				.cli_show = cli_show_er_circuit,
				.cli_show_end = cli_show_er_circuit_end,
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
		{
			.xpath = PEERING,
			.cbs = {
				.create = expressroute_instance_circuit_peering_create,
				.destroy = expressroute_instance_circuit_peering_destroy,
				.apply_finish = expressroute_instance_circuit_peering_apply_finish,
				.cli_show = cli_show_er_peering,
				.cli_show_end = cli_show_er_peering_end,
			},
		},
		PEERING_LEAF("vlan-id", cli_show_er_peering_leaf),
		PEERING_CONTAINER("ipv4"),
		PEERING_LEAF("ipv4/primary-subnet", NULL),
		PEERING_LEAF("ipv4/secondary-subnet", NULL),
		PEERING_CONTAINER("ipv6"),
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
			},
		},
		{
			.xpath = CIRCUIT "/global-reach",
			.cbs = {
				.create = expressroute_instance_circuit_global_reach_create,
				.destroy = expressroute_instance_circuit_global_reach_destroy,
				.cli_show = cli_show_er_global_reach,
			},
		},
		{
			.xpath = CIRCUIT "/global-reach/subnet",
			.cbs = {
				.modify = expressroute_instance_circuit_global_reach_subnet_modify,
			},
		},
		{
			.xpath = NULL,
		},
	}
};
/* clang-format on */
