// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Routing policy generated for a peering: the Microsoft-peering outbound
 * prefix-lists, the active-standby route-maps and the prefer-region one.
 */
#ifndef _FRR_ER_POLICY_H
#define _FRR_ER_POLICY_H

#include "er_circuit.h"

struct bgp;

/* Names of the objects generated for a peering. */
struct er_policy_names {
	char prefix_list_out[ER_AFI_COUNT][128];
	char standby_in[128];
	char standby_out[128];
	char prefer_in[128]; /* prefer-region, on both sessions */
};

/*
 * The route-map to bind inbound on a session of the peering: the
 * operator's, or one of ours (which calls the operator's first).
 */
const char *er_policy_route_map_in(const struct er_peering *peering,
				   enum er_role role,
				   const struct er_policy_names *names);

/* Install the module's route-map rule (`match expressroute-community`). */
void er_policy_init(void);

void er_policy_names(const struct er_peering *peering,
		     struct er_policy_names *names);

/* Build (or delete) the peering's objects from its derived settings. */
void er_policy_apply(const struct er_peering *peering, const struct bgp *bgp);

/* Delete every object generated for the peering. */
void er_policy_remove(const struct er_peering *peering);

#endif /* _FRR_ER_POLICY_H */
