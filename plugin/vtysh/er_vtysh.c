// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vtysh add-on for the ExpressRoute module.
 *
 * vtysh knows only the commands compiled into it.  This file, FRR's own
 * vtysh and the module's commands (see Makefile.am: extract.pl on FRR 8,
 * FRR's xref2vtysh on FRR 10) make a vtysh that also knows the module.
 * The link wraps vtysh_init_cmd(), so vtysh's set-up lands here:
 *  1. install the module's nodes;
 *  2. give them exit, quit and end, and vtysh's per-node defaults (on FRR
 *     8 copied from BMP_NODE, another node nested in `router bgp`; on FRR
 *     10 vtysh installs the defaults itself, the rest is this file's: see
 *     er_compat.h);
 *  3. run FRR's vtysh_init_cmd() and the module's extracted commands;
 *  4. install the commands that enter the nodes: vtysh must change its own
 *     node as well as bgpd's, which the commands passed through to bgpd
 *     do not do (bgpd's are _NOSH, so neither tool generates them).
 */

#include <zebra.h>

#include "command.h"
#include "vector.h"
#include "vtysh/vtysh.h"

#include "er_compat.h"
#include "er_complete.h"
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

/* Up to the parent node, as vtysh's own exit; bgpd gets the command too. */
DEFUNSH(VTYSH_BGPD, er_exit, er_exit_cmd, "exit",
	"Exit current mode and down to previous mode\n")
{
	struct cmd_node *node = vector_lookup(cmdvec, vty->node);

	vty->node = node->parent_node;
	return CMD_SUCCESS;
}

DEFUNSH(VTYSH_BGPD, er_quit, er_quit_cmd, "quit",
	"Exit current mode and down to previous mode\n")
{
	return er_exit(self, vty, argc, argv);
}

/* Every daemon leaves configuration mode, as with vtysh's own end. */
DEFUNSH(VTYSH_REALLYALL, er_end, er_end_cmd, "end",
	"End current mode and change to enable mode\n")
{
	vty->node = ENABLE_NODE;
	return CMD_SUCCESS;
}

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

	if (!ER_VTYSH_OWN_EXIT) {
		/*
		 * Until FRR's vtysh_init_cmd() adds bgpd's BMP commands,
		 * BMP_NODE holds just vtysh's exit, quit, end and defaults.
		 */
		er_copy_node_commands(BMP_NODE,
				      (enum node_type)ER_CIRCUIT_NODE);
		er_copy_node_commands(BMP_NODE,
				      (enum node_type)ER_PEERING_NODE);
	}

	/* FRR 10's generated commands replace each node's graph: first */
	__real_vtysh_init_cmd();
	er_vtysh_module_cmds();
	er_complete_init();

	install_element(BGP_NODE, &er_circuit_cmd);
	install_element(ER_CIRCUIT_NODE, &er_peering_cmd);
	if (ER_VTYSH_OWN_EXIT) {
		install_element(ER_CIRCUIT_NODE, &er_exit_cmd);
		install_element(ER_CIRCUIT_NODE, &er_quit_cmd);
		install_element(ER_CIRCUIT_NODE, &er_end_cmd);
		install_element(ER_PEERING_NODE, &er_exit_cmd);
		install_element(ER_PEERING_NODE, &er_quit_cmd);
		install_element(ER_PEERING_NODE, &er_end_cmd);
	}
}
