// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The routes a peering receives from Microsoft and the communities they
 * carry: one walk of each family's table, made for a show command or by
 * health when the routes changed, never per route nor per tick.
 */
#ifndef _FRR_ER_ROUTES_H
#define _FRR_ER_ROUTES_H

#include "er_circuit.h"

struct bgp_dest;
struct route_node;
struct vty;
struct json_object;

/*
 * A table in prefix order, a covering prefix first: the next route node
 * (the tree's own nodes included), a node's bgp_dest (NULL for those),
 * and the next prefix that has one.
 */
const struct route_node *er_rnode_next(const struct route_node *node);
struct bgp_dest *er_rnode_dest(const struct route_node *node);
struct bgp_dest *er_dest_next(struct bgp_dest *dest);

/* What the peering's received routes carry (one walk per family). */
void er_routes_summarize(const struct er_peering *peering,
			 struct er_community_summary *out);

/* The summary as text lines ("    ...") or as a JSON object. */
void er_routes_summary_vty(struct vty *vty,
			   const struct er_community_summary *s);
struct json_object *
er_routes_summary_json(const struct er_community_summary *s);

/* `show expressroute circuit NAME routes`: one peering's routes. */
void er_routes_show(struct vty *vty, const struct er_peering *peering,
		    struct json_object *json);

#endif /* _FRR_ER_ROUTES_H */
