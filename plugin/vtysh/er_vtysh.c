// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtysh add-on for the ExpressRoute module.
 *
 * vtysh knows only the commands compiled into it.  This file, FRR's stock
 * vtysh objects and er_vtysh_cmd.c (FRR's extract.pl run over the module's
 * er_vty.c) make a vtysh that also knows the module.  The link wraps
 * vtysh_init_cmd(), so vtysh's main() lands here first:
 *  1. install the module's nodes;
 *  2. give them vtysh's own exit/quit/end and defaults, copied from
 *     BMP_NODE (another node nested in `router bgp`): they are static in
 *     vtysh.c and cannot be named;
 *  3. install the commands that enter the nodes: vtysh must change its own
 *     node as well as bgpd's, which extract.pl's pass-through commands do
 *     not do;
 *  4. run FRR's vtysh_init_cmd() and then the module's extracted commands.
 */

#include <zebra.h>

#include "command.h"
#include "vector.h"
#include "vtysh/vtysh.h"

#include "er_nodes.h"

static struct cmd_node er_circuit_node = ER_CIRCUIT_CMD_NODE;
static struct cmd_node er_peering_node = ER_PEERING_CMD_NODE;

DEFUNSH(VTYSH_BGPD, er_circuit, er_circuit_cmd, "expressroute circuit WORD",
	"Azure ExpressRoute\n"
	"ExpressRoute circuit\n"
	"Circuit name\n")
{
	vty->node = (enum node_type)ER_CIRCUIT_NODE;
	return CMD_SUCCESS;
}

DEFUNSH(VTYSH_BGPD, er_peering, er_peering_cmd, "peering <private|microsoft>",
	"ExpressRoute peering\n"
	"Azure private peering\n"
	"Microsoft peering\n")
{
	vty->node = (enum node_type)ER_PEERING_NODE;
	return CMD_SUCCESS;
}

/* generated from the module's er_vty.c by FRR's extract.pl */
void er_vtysh_init_cmd(void);

void __real_vtysh_init_cmd(void);
void __wrap_vtysh_init_cmd(void);

static void er_copy_node_commands(enum node_type from, enum node_type to)
{
	struct cmd_node *src = vector_lookup(cmdvec, from);

	for (unsigned int i = 0; i < vector_active(src->cmd_vector); i++) {
		const struct cmd_element *cmd = vector_slot(src->cmd_vector, i);

		if (cmd)
			_install_element(to, cmd);
	}
}

void __wrap_vtysh_init_cmd(void)
{
	install_node(&er_circuit_node);
	install_node(&er_peering_node);

	/*
	 * Until FRR's vtysh_init_cmd() adds bgpd's BMP commands, BMP_NODE
	 * holds just vtysh's exit, quit, end and per-node defaults.
	 */
	er_copy_node_commands(BMP_NODE, (enum node_type)ER_CIRCUIT_NODE);
	er_copy_node_commands(BMP_NODE, (enum node_type)ER_PEERING_NODE);

	install_element(BGP_NODE, &er_circuit_cmd);
	install_element(ER_CIRCUIT_NODE, &er_peering_cmd);

	__real_vtysh_init_cmd();
	er_vtysh_init_cmd();
}
