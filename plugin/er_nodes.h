// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CLI node numbers of the ExpressRoute module, shared by bgpd and the vtysh
 * add-on.
 *
 * FRR has no registry for node numbers: a module picks numbers above
 * NODE_TYPE_MAX.  They must be enum constants, not macros, because vtysh's
 * extract.pl only accepts a bare identifier as the node of install_element().
 */
#ifndef _FRR_ER_NODES_H
#define _FRR_ER_NODES_H

#include "command.h"

enum er_node_type {
	/* well clear of the nodes future FRR releases may add */
	ER_CIRCUIT_NODE = NODE_TYPE_MAX + 64,
	ER_PEERING_NODE,
	/* no commands: writes `expressroute metrics` into running-config */
	ER_METRICS_NODE,
};

/*
 * The nodes, as bgpd and the vtysh add-on both install them (initializers,
 * so that files including this header define nothing they do not use).
 */
#define ER_CIRCUIT_CMD_NODE                                                    \
	{                                                                      \
		.name = "expressroute circuit",                                \
		.node = (enum node_type)ER_CIRCUIT_NODE,                       \
		.parent_node = BGP_NODE,                                       \
		.prompt = "%s(config-router-er-circuit)# ",                    \
	}

#define ER_PEERING_CMD_NODE                                                    \
	{                                                                      \
		.name = "expressroute peering",                                \
		.node = (enum node_type)ER_PEERING_NODE,                       \
		.parent_node = (enum node_type)ER_CIRCUIT_NODE,                \
		.prompt = "%s(config-router-er-peering)# ",                    \
	}

#endif /* _FRR_ER_NODES_H */
