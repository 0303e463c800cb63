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
 *  - prefer-region: on both sessions, an inbound route-map that raises
 *    the local preference to 150 (Microsoft's optimize-routing guidance)
 *    for routes carrying a regional community of a preferred region,
 *    after the operator's route-map; on the secondary of an active-standby
 *    peering the same map lowers the others to 90 and gives the preferred
 *    ones 140, below the primary's 150 and above another circuit's 100.
 *    The match is the module's own route-map rule (`match
 *    expressroute-community VALUE...`), so no community-list appears in
 *    running-config.
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
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_community.h"
#include "bgpd/bgp_route.h"

#include "er_circuit.h"
#include "er_policy.h"

/* Local preference of routes learned over a standby (secondary) link. */
#define ER_STANDBY_LOCAL_PREF "90"
/* How many times the standby link prepends the CE's ASN. */
#define ER_STANDBY_PREPEND 3
/* Microsoft's sample raises ExpressRoute routes to 150 (default 100). */
#define ER_PREFER_LOCAL_PREF "150"
/* ... and on a standby secondary, still above another circuit's 100. */
#define ER_PREFER_STANDBY_LOCAL_PREF "140"
#define ER_PREFER_RULE "expressroute-community"

DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_RMAP_RULE, "ExpressRoute route-map rule");

/*
 * `match expressroute-community V...`: the route carries one of the
 * communities 12076:V (the preferred regions' regional ones), compiled
 * into a sorted array.
 */
struct er_rule_communities {
	unsigned int count;
	uint32_t value[];
};

static int er_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static enum route_map_cmd_result_t
er_rule_match(void *rule, const struct prefix *prefix, void *object)
{
	const struct er_rule_communities *r = rule;
	const struct bgp_path_info *path = object;
	const struct community *com = bgp_attr_get_community(path->attr);

	if (!com)
		return RMAP_NOMATCH;
	for (int i = 0; i < com->size; i++) {
		uint32_t value;

		memcpy(&value, com_nthval(com, i), sizeof(value));
		value = ntohl(value);
		if (bsearch(&value, r->value, r->count, sizeof(value),
			    er_u32_cmp))
			return RMAP_MATCH;
	}
	return RMAP_NOMATCH;
}

static void *er_rule_compile(const char *arg)
{
	struct er_rule_communities *r;
	unsigned int count = 0;
	const char *p;
	char *end;

	for (p = arg; *p; p++)
		count += *p == ' ';
	r = XCALLOC(MTYPE_ER_RMAP_RULE,
		    sizeof(*r) + (count + 1) * sizeof(r->value[0]));
	for (p = arg; *p;) {
		unsigned long value = strtoul(p, &end, 10);

		if (end == p || value > 0xffff) {
			XFREE(MTYPE_ER_RMAP_RULE, r);
			return NULL;
		}
		r->value[r->count++] = (uint32_t)ER_COMMUNITY_ASN << 16 | value;
		for (p = end; *p == ' '; p++)
			;
	}
	qsort(r->value, r->count, sizeof(r->value[0]), er_u32_cmp);
	return r;
}

static void er_rule_free(void *rule)
{
	XFREE(MTYPE_ER_RMAP_RULE, rule);
}

static const struct route_map_rule_cmd er_rule_communities_cmd = {
	ER_PREFER_RULE,
	er_rule_match,
	er_rule_compile,
	er_rule_free,
};

void er_policy_init(void)
{
	route_map_install_match(&er_rule_communities_cmd);
}

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
	snprintf(names->prefer_in, sizeof(names->prefer_in), "ER-%s-%s-IN",
		 circuit, type);
}

const char *er_policy_route_map_in(const struct er_peering *peering,
				   enum er_role role,
				   const struct er_policy_names *names)
{
	const struct er_desired *d = &peering->desired;

	if (d->standby && role == ER_ROLE_SECONDARY)
		return names->standby_in;
	if (d->prefer_region_count)
		return names->prefer_in;
	return d->route_map_in;
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

/*
 * name: [10: call the operator's map, on-match next], then 20: set_name
 * set_arg (or nothing: permit).
 */
static void er_route_map_build(const char *name, const char *operator_map,
			       const char *set_name, const char *set_arg)
{
	struct route_map_index *index;
	struct route_map *map = route_map_lookup_by_name(name);

	/*
	 * Rebuilt in place, never deleted and made again: bgpd's peers hold
	 * the map itself, and until bgpd's route-map update runs they would
	 * apply a freed one (FRR 10.3 crashed in route_map_apply_ext).
	 */
	if (map)
		while (map->head)
			route_map_index_delete(map->head, 1);
	else
		map = route_map_get(name);

	if (operator_map) {
		index = route_map_index_get(map, RMAP_PERMIT, 10);
		index->nextrm = XSTRDUP(MTYPE_ROUTE_MAP_NAME, operator_map);
		index->exitpolicy = RMAP_NEXT;
		route_map_upd8_dependency(RMAP_EVENT_CALL_ADDED, operator_map,
					  name);
	}
	index = route_map_index_get(map, RMAP_PERMIT, 20);
	if (set_name
	    && route_map_add_set(index, set_name, set_arg)
		       != RMAP_COMPILE_SUCCESS)
		zlog_err("expressroute: route-map %s: could not set %s %s", name,
			 set_name, set_arg);
}

/* Every regional community (all columns) of the preferred regions. */
static void er_prefer_values(const struct er_desired *d, char *buf,
			     size_t size)
{
	buf[0] = '\0';
	for (unsigned int i = 0; i < d->prefer_region_count; i++) {
		const struct er_region *region = &er_regions[d->prefer_region[i]];

		for (int col = 0; col < ER_COLUMN_MAX; col++)
			if (region->value[col])
				snprintf(buf + strlen(buf), size - strlen(buf),
					 "%s%u", buf[0] ? " " : "",
					 region->value[col]);
	}
}

/*
 * The inbound map of prefer-region (and of an active-standby secondary):
 * [10: call the operator's, on-match next], 15: the preferred regions'
 * routes, set preferred_pref, 20: the others (set other_pref, if any).
 */
static void er_prefer_map_build(const char *name, const struct er_desired *d,
				const char *preferred_pref,
				const char *other_pref)
{
	struct route_map_index *index;
	char values[ER_REGION_MAX * ER_COLUMN_MAX * 6 + 1];

	er_route_map_build(name, d->route_map_in, other_pref ? "local-preference" : NULL,
			   other_pref);
	if (!d->prefer_region_count)
		return;
	er_prefer_values(d, values, sizeof(values));
	index = route_map_index_get(route_map_lookup_by_name(name), RMAP_PERMIT,
				    15);
	if (route_map_add_match(index, ER_PREFER_RULE, values,
				RMAP_EVENT_MATCH_ADDED)
		    != RMAP_COMPILE_SUCCESS
	    || route_map_add_set(index, "local-preference", preferred_pref)
		       != RMAP_COMPILE_SUCCESS)
		zlog_err("expressroute: route-map %s: could not match the preferred regions",
			 name);
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
		er_prefer_map_build(names.standby_in, d,
				    ER_PREFER_STANDBY_LOCAL_PREF,
				    ER_STANDBY_LOCAL_PREF);
		er_route_map_build(names.standby_out, d->route_map_out,
				   "as-path prepend", prepend);
	} else {
		er_route_map_delete(names.standby_in);
		er_route_map_delete(names.standby_out);
	}
	if (d->prefer_region_count)
		er_prefer_map_build(names.prefer_in, d, ER_PREFER_LOCAL_PREF,
				    NULL);
	else
		er_route_map_delete(names.prefer_in);
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
	er_route_map_delete(names.prefer_in);
}
