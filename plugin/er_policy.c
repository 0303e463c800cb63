// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Routing policy the module generates for a peering:
 *
 *  - Microsoft peering: an outbound prefix-list per address family that
 *    permits exactly the configured `advertise` prefixes (validated public,
 *    never a default route) and ends with an explicit deny of everything
 *    else, private space included (FRR permits all with an empty list).
 *  - active-standby: on the secondary session, an inbound route-map that
 *    lowers the local preference and an outbound one that prepends the
 *    CE's ASN, so both directions prefer the primary link.  The operator's
 *    own route-map is called first (`call`, `on-match next`), then ours
 *    has the last word.
 *
 * The objects are made through libfrr's own prefix-list and route-map
 * code, named ER-<circuit>-<PEERING>-..., visible in `show ip prefix-list`
 * and `show route-map`, and rebuilt or deleted with the peering.  They are
 * not part of running-config: the model is, and they follow from the
 * peering's settings derived from it.
 */

#include <zebra.h>

#include "lib/log.h"
#include "lib/plist.h"
#include "lib/plist_int.h"
#include "lib/prefix.h"
#include "lib/routemap.h"

#include "bgpd/bgpd.h"

#include "er_circuit.h"
#include "er_policy.h"

/* Local preference of routes learned over a standby (secondary) link. */
#define ER_STANDBY_LOCAL_PREF "90"
/* How many times the standby link prepends the CE's ASN. */
#define ER_STANDBY_PREPEND 3

static const afi_t er_policy_afis[ER_AFI_COUNT] = {AFI_IP, AFI_IP6};

void er_policy_names(const struct er_peering *peering,
		     struct er_policy_names *names)
{
	const char *circuit = peering->circuit->name;
	const char *type = peering->type == ER_PEERING_MICROSOFT ? "MICROSOFT"
								 : "PRIVATE";

	snprintf(names->prefix_list_out[0], sizeof(names->prefix_list_out[0]),
		 "ER-%s-%s-OUT-V4", circuit, type);
	snprintf(names->prefix_list_out[1], sizeof(names->prefix_list_out[1]),
		 "ER-%s-%s-OUT-V6", circuit, type);
	snprintf(names->standby_in, sizeof(names->standby_in),
		 "ER-%s-%s-STANDBY-IN", circuit, type);
	snprintf(names->standby_out, sizeof(names->standby_out),
		 "ER-%s-%s-STANDBY-OUT", circuit, type);
}

static void er_prefix_list_delete(afi_t afi, const char *name)
{
	struct prefix_list *plist = prefix_list_lookup(afi, name);

	if (plist)
		prefix_list_delete(plist);
}

/* One entry: exactly p, or any prefix of the list's family. */
static void er_prefix_list_add(struct prefix_list *plist, int64_t seq,
			       enum prefix_list_type type,
			       const struct prefix *p, bool any)
{
	struct prefix_list_entry *entry = prefix_list_entry_new();

	entry->pl = plist;
	entry->seq = seq;
	entry->type = type;
	entry->any = any;
	if (p)
		entry->prefix = *p;
	if (any) {
		/* as FRR stores "any": the family's default route, le max */
		memset(&entry->prefix, 0, sizeof(entry->prefix));
		entry->prefix.family = prefix_list_afi(plist) == AFI_IP6
					       ? AF_INET6
					       : AF_INET;
		entry->le = entry->prefix.family == AF_INET6 ? IPV6_MAX_BITLEN
							     : IPV4_MAX_BITLEN;
	}
	prefix_list_entry_update_finish(entry);
}

static void er_prefix_list_build(afi_t afi, const char *name,
				 const struct er_desired *d)
{
	struct prefix_list *plist;
	int64_t seq = 0;

	er_prefix_list_delete(afi, name);
	plist = prefix_list_get(afi, 0, name);

	for (unsigned int i = 0; i < d->advertise_count; i++)
		if (family2afi(d->advertise[i].family) == afi)
			er_prefix_list_add(plist, seq += 5, PREFIX_PERMIT,
					   &d->advertise[i], false);
	/* FRR permits everything with an empty list: deny the rest outright */
	er_prefix_list_add(plist, seq + 5, PREFIX_DENY, NULL, true);
}

static void er_route_map_delete(const char *name)
{
	struct route_map *map = route_map_lookup_by_name(name);

	if (map)
		route_map_delete(map);
}

/* name: [call the operator's map, on-match next], then set_name set_arg. */
static void er_route_map_build(const char *name, const char *operator_map,
			       const char *set_name, const char *set_arg)
{
	struct route_map_index *index;
	struct route_map *map;

	er_route_map_delete(name);
	map = route_map_get(name);

	if (operator_map) {
		index = route_map_index_get(map, RMAP_PERMIT, 10);
		index->nextrm = XSTRDUP(MTYPE_ROUTE_MAP_NAME, operator_map);
		index->exitpolicy = RMAP_NEXT;
		route_map_upd8_dependency(RMAP_EVENT_CALL_ADDED, operator_map,
					  name);
	}
	index = route_map_index_get(map, RMAP_PERMIT, 20);
	if (route_map_add_set(index, set_name, set_arg)
	    != RMAP_COMPILE_SUCCESS)
		zlog_err("expressroute: route-map %s: could not set %s %s", name,
			 set_name, set_arg);
}

void er_policy_apply(const struct er_peering *peering, const struct bgp *bgp)
{
	const struct er_desired *d = &peering->desired;
	struct er_policy_names names;

	er_policy_names(peering, &names);

	for (int af = 0; af < ER_AFI_COUNT; af++) {
		if (peering->type == ER_PEERING_MICROSOFT)
			er_prefix_list_build(er_policy_afis[af],
					     names.prefix_list_out[af], d);
		else
			er_prefix_list_delete(er_policy_afis[af],
					      names.prefix_list_out[af]);
	}

	if (d->standby) {
		char prepend[128] = "";

		for (int i = 0; i < ER_STANDBY_PREPEND; i++)
			snprintf(prepend + strlen(prepend),
				 sizeof(prepend) - strlen(prepend), "%s%u",
				 i ? " " : "", bgp->as);
		er_route_map_build(names.standby_in, d->route_map_in,
				   "local-preference", ER_STANDBY_LOCAL_PREF);
		er_route_map_build(names.standby_out, d->route_map_out,
				   "as-path prepend", prepend);
	} else {
		er_route_map_delete(names.standby_in);
		er_route_map_delete(names.standby_out);
	}
}

void er_policy_remove(const struct er_peering *peering)
{
	struct er_policy_names names;

	er_policy_names(peering, &names);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		er_prefix_list_delete(er_policy_afis[af],
				      names.prefix_list_out[af]);
	er_route_map_delete(names.standby_in);
	er_route_map_delete(names.standby_out);
}
