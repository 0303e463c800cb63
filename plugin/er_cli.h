// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute configuration CLI: nodes, commands and running-config.
 */
#ifndef _FRR_ER_CLI_H
#define _FRR_ER_CLI_H

struct bgp;
struct vty;

/* Install the nodes and configuration commands (after FRR's cmd_init). */
void er_cli_init(void);

/* bgp_inst_config_write hook: the instance's circuits in `router bgp`. */
int er_config_write(struct bgp *bgp, struct vty *vty);

#endif /* _FRR_ER_CLI_H */
