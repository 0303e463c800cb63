// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute CLI: nodes, commands and running-config.
 */
#ifndef _FRR_ER_VTY_H
#define _FRR_ER_VTY_H

struct bgp;
struct vty;

/* Install the nodes and commands (after FRR's cmd_init). */
void er_vty_init(void);

/* bgp_inst_config_write hook: the instance's circuits in `router bgp`. */
int er_config_write(struct bgp *bgp, struct vty *vty);

/* The model's vrf key of a BGP instance ("default" for the default one). */
const char *er_bgp_vrf_name(const struct bgp *bgp);

#endif /* _FRR_ER_VTY_H */
