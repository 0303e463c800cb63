// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The routes a peering receives from Microsoft, and Microsoft's
 * communities on them decoded with the generated table (er_communities.h):
 * region and programmatic name, service, a 12076:x the table does not know
 * shown raw, and the link(s) each prefix came from.
 *
 * A walk of the family's table, only from a show command or from health's
 * tick when the sessions' routes changed (er_health.c): never per route
 * event nor per tick.  Interned communities are shared by many routes, so
 * the decoding of the last one seen is reused.
 */

#include <zebra.h>

#include "lib/json.h"
#include "lib/prefix.h"
#include "lib/table.h"
#include "lib/vty.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_community.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

#include "er_circuit.h"
#include "er_communities.h"
#include "er_compat.h"
#include "er_reconcile.h"
#include "er_routes.h"

static const afi_t er_afis[ER_AFI_COUNT] = {AFI_IP, AFI_IP6};
static const char *const er_family_names[ER_AFI_COUNT] = {"ipv4", "ipv6"};

/*
 * In prefix order, as route_next() walks the table but without locking
 * each node: the walk runs on the main thread and changes nothing, and
 * route_next()'s locking was most of its cost.  The walk is over the route
 * nodes: the tree's own nodes (where two branches meet) have no bgp_dest,
 * and on FRR 10, where a bgp_dest is no longer the route node itself,
 * none to step through.
 */
const struct route_node *er_rnode_next(const struct route_node *node)
{
	if (node->link[0])
		return node->link[0];
	if (node->link[1])
		return node->link[1];
	for (; node->parent; node = node->parent)
		if (node->parent->link[0] == node && node->parent->link[1])
			return node->parent->link[1];
	return NULL;
}

struct bgp_dest *er_rnode_dest(const struct route_node *node)
{
	return node && node->info
		       ? bgp_dest_from_rnode((struct route_node *)node)
		       : NULL;
}

/* The first node from node on (itself included) that has a bgp_dest. */
static struct bgp_dest *er_dest_from(const struct route_node *node)
{
	while (node && !er_rnode_dest(node))
		node = er_rnode_next(node);
	return er_rnode_dest(node);
}

struct bgp_dest *er_dest_next(struct bgp_dest *dest)
{
	return er_dest_from(er_rnode_next(bgp_dest_to_rnode(dest)));
}

static struct bgp_dest *er_table_first(struct bgp_table *table)
{
	return table ? er_dest_from(table->route_table->top) : NULL;
}

/* The sessions of one family of the peering; false if it has none. */
static bool er_family_peers(const struct er_peering *peering, int af,
			    struct peer *peers[ER_ROLE_MAX])
{
	bool any = false;

	for (int role = 0; role < ER_ROLE_MAX; role++) {
		peers[role] = er_session_peer(peering, af, role);
		any = any || peers[role];
	}
	return any;
}

/* The received path of a session's at dest, as bgpd counts them. */
static struct bgp_path_info *er_path_of(struct bgp_dest *dest,
					const struct peer *peer)
{
	if (!peer)
		return NULL;
	for (struct bgp_path_info *pi = bgp_dest_get_bgp_path_info(dest); pi;
	     pi = pi->next)
		if (pi->peer == peer && CHECK_FLAG(pi->flags, BGP_PATH_COUNTED))
			return pi;
	return NULL;
}

/* As bestpath sees it: without the attribute, the instance's default. */
static uint32_t er_local_pref(const struct bgp *bgp,
			      const struct bgp_path_info *pi)
{
	return CHECK_FLAG(pi->attr->flag, ATTR_FLAG_BIT(BGP_ATTR_LOCAL_PREF))
		       ? pi->attr->local_pref
		       : bgp->default_local_pref;
}

static uint32_t er_community_value(const struct community *com, int i)
{
	uint32_t value;

	memcpy(&value, com_nthval(com, i), sizeof(value));
	return ntohl(value);
}

/* What one community set tells: regions (bit per region), services. */
struct er_decoded {
	const struct community *com; /* the set decoded, or NULL */
	bool regional, unknown;
	uint64_t regions;
	uint32_t services;
};

/*
 * Decoded sets by their (interned) pointer, direct-mapped: the routes of
 * a table carry few distinct sets, so each is decoded about once a walk.
 */
#define ER_DECODE_CACHE 16

struct er_decode_cache {
	struct er_decoded slot[ER_DECODE_CACHE];
	struct er_decoded none; /* a route without communities */
};

static void er_decode_set(const struct community *com, struct er_decoded *d);

static const struct er_decoded *er_decode_cached(struct er_decode_cache *cache,
						 const struct community *com)
{
	struct er_decoded *d;

	if (!com)
		return &cache->none;
	d = &cache->slot[((uintptr_t)com >> 4) % ER_DECODE_CACHE];
	if (d->com != com)
		er_decode_set(com, d);
	return d;
}

static void er_decode_set(const struct community *com, struct er_decoded *d)
{
	struct er_community_entry e;

	memset(d, 0, sizeof(*d));
	d->com = com;
	for (int i = 0; com && i < com->size; i++) {
		switch (er_community_decode(er_community_value(com, i), &e)) {
		case ER_COMMUNITY_REGION:
			d->regional = true;
			d->regions |= 1ULL << e.index;
			break;
		case ER_COMMUNITY_SERVICE:
			d->services |= 1U << e.index;
			break;
		case ER_COMMUNITY_OTHER:
			d->unknown = true;
			break;
		case ER_COMMUNITY_NONE:
			break;
		}
	}
}

void er_routes_summarize(const struct er_peering *peering,
			 struct er_community_summary *out)
{
	struct bgp *bgp = er_bgp_of_vrf(peering->circuit->vrf);
	struct er_decode_cache *cache = XCALLOC(MTYPE_TMP, sizeof(*cache));

	memset(out, 0, sizeof(*out));
	out->valid = true;
	for (int af = 0; bgp && af < ER_AFI_COUNT; af++) {
		struct peer *peers[ER_ROLE_MAX];
		struct bgp_dest *dest;

		if (!er_family_peers(peering, af, peers))
			continue;
		for (dest = er_table_first(bgp->rib[er_afis[af]][SAFI_UNICAST]);
		     dest; dest = er_dest_next(dest)) {
			const struct er_decoded *d;
			struct bgp_path_info *pi;

			/* one pass over the paths: either link's will do */
			for (pi = bgp_dest_get_bgp_path_info(dest); pi;
			     pi = pi->next)
				if ((pi->peer == peers[0] || pi->peer == peers[1])
				    && CHECK_FLAG(pi->flags, BGP_PATH_COUNTED))
					break;
			if (!pi)
				continue;
			d = er_decode_cached(cache,
					     bgp_attr_get_community(pi->attr));
			out->prefixes++;
			if (!d->regional && !out->untagged++)
				prefix2str(bgp_dest_get_prefix(dest),
					   out->first_untagged,
					   sizeof(out->first_untagged));
			out->unknown += d->unknown;
			for (uint64_t r = d->regions; r; r &= r - 1)
				out->region[__builtin_ctzll(r)]++;
			for (uint32_t s = d->services; s; s &= s - 1)
				out->service[__builtin_ctz(s)]++;
		}
	}
	XFREE(MTYPE_TMP, cache);
}

void er_routes_summary_vty(struct vty *vty,
			   const struct er_community_summary *s)
{
	bool first = true;

	vty_out(vty, "    Routes received: %u prefix%s", s->prefixes,
		s->prefixes == 1 ? "" : "es");
	for (unsigned int i = 0; i < er_region_count; i++)
		if (s->region[i]) {
			vty_out(vty, "%s%s (%s) %u", first ? "; regions: " : ", ",
				er_regions[i].name, er_regions[i].key,
				s->region[i]);
			first = false;
		}
	first = true;
	for (unsigned int i = 0; i < er_service_count; i++)
		if (s->service[i]) {
			vty_out(vty, "%s%s (%s) %u",
				first ? "; services: " : ", ",
				er_services[i].name, er_services[i].key,
				s->service[i]);
			first = false;
		}
	if (s->untagged)
		vty_out(vty, "; %u without a regional community", s->untagged);
	if (s->unknown)
		vty_out(vty, "; %u with a 12076 community not in the table",
			s->unknown);
	vty_out(vty, "\n");
}

struct json_object *
er_routes_summary_json(const struct er_community_summary *s)
{
	json_object *js = json_object_new_object();
	json_object *jregions = json_object_new_object();
	json_object *jservices = json_object_new_object();

	json_object_int_add(js, "prefixes", s->prefixes);
	json_object_int_add(js, "withoutRegionalCommunity", s->untagged);
	json_object_int_add(js, "withUnknownCommunity", s->unknown);
	for (unsigned int i = 0; i < er_region_count; i++) {
		json_object *jr;

		if (!s->region[i])
			continue;
		jr = json_object_new_object();
		json_object_string_add(jr, "regionName", er_regions[i].name);
		json_object_int_add(jr, "prefixes", s->region[i]);
		json_object_object_add(jregions, er_regions[i].key, jr);
	}
	for (unsigned int i = 0; i < er_service_count; i++) {
		json_object *jsv;

		if (!s->service[i])
			continue;
		jsv = json_object_new_object();
		json_object_string_add(jsv, "serviceName", er_services[i].name);
		json_object_int_add(jsv, "prefixes", s->service[i]);
		json_object_object_add(jservices, er_services[i].key, jsv);
	}
	json_object_object_add(js, "regions", jregions);
	json_object_object_add(js, "services", jservices);
	return js;
}

/*
 * The decoding of one community set, for the listing: text, or a JSON
 * array kept while the next route has the same (interned) set.
 */
struct er_listing {
	const struct community *com;
	json_object *jcom; /* ours, one reference */
	char text[1024];
};

static void er_community_text(uint32_t value, char *buf, size_t size)
{
	struct er_community_entry e;

	switch (er_community_decode(value, &e)) {
	case ER_COMMUNITY_REGION:
		snprintf(buf, size, "%u:%u %s (%s, %s)", value >> 16,
			 value & 0xffff, er_regions[e.index].name,
			 er_regions[e.index].key,
			 er_region_column2str(e.column));
		break;
	case ER_COMMUNITY_SERVICE:
		snprintf(buf, size, "%u:%u %s (%s)", value >> 16,
			 value & 0xffff, er_services[e.index].name,
			 er_services[e.index].key);
		break;
	default:
		snprintf(buf, size, "%u:%u", value >> 16, value & 0xffff);
		break;
	}
}

static json_object *er_community_json(uint32_t value)
{
	json_object *jc = json_object_new_object();
	struct er_community_entry e;
	char str[16];

	snprintf(str, sizeof(str), "%u:%u", value >> 16, value & 0xffff);
	json_object_string_add(jc, "community", str);
	switch (er_community_decode(value, &e)) {
	case ER_COMMUNITY_REGION:
		json_object_string_add(jc, "kind", "region");
		json_object_string_add(jc, "region", er_regions[e.index].key);
		json_object_string_add(jc, "regionName",
				       er_regions[e.index].name);
		json_object_string_add(jc, "column",
				       er_region_column2str(e.column));
		break;
	case ER_COMMUNITY_SERVICE:
		json_object_string_add(jc, "kind", "service");
		json_object_string_add(jc, "service", er_services[e.index].key);
		json_object_string_add(jc, "serviceName",
				       er_services[e.index].name);
		break;
	case ER_COMMUNITY_OTHER:
		json_object_string_add(jc, "kind", "unknown");
		break;
	case ER_COMMUNITY_NONE:
		json_object_string_add(jc, "kind", "other");
		break;
	}
	return jc;
}

static void er_listing_decode(struct er_listing *l, const struct community *com,
			      bool json)
{
	if (l->com == com && (l->jcom || !json))
		return;
	l->com = com;
	if (json) {
		if (l->jcom)
			json_object_put(l->jcom);
		l->jcom = json_object_new_array();
		for (int i = 0; com && i < com->size; i++)
			json_object_array_add(
				l->jcom,
				er_community_json(er_community_value(com, i)));
		return;
	}
	l->text[0] = '\0';
	for (int i = 0; com && i < com->size; i++) {
		size_t len = strlen(l->text);

		if (len)
			strlcat(l->text, ", ", sizeof(l->text));
		len = strlen(l->text);
		er_community_text(er_community_value(com, i), l->text + len,
				  sizeof(l->text) - len);
	}
}

void er_routes_show(struct vty *vty, const struct er_peering *peering,
		    struct json_object *json)
{
	struct bgp *bgp = er_bgp_of_vrf(peering->circuit->vrf);
	struct er_listing listing = {};
	json_object *jroutes = NULL;
	uint32_t count = 0;

	if (json) {
		jroutes = json_object_new_object();
		json_object_string_add(json, "type",
				       er_peering_type2str(peering->type));
	} else
		vty_out(vty, "Peering %s:\n%-43s %-9s %-6s %-4s %s\n",
			er_peering_type2str(peering->type), "Prefix", "Link",
			"LocPrf", "Best", "Communities");

	for (int af = 0; bgp && af < ER_AFI_COUNT; af++) {
		struct peer *peers[ER_ROLE_MAX];
		struct bgp_dest *dest;

		if (!er_family_peers(peering, af, peers))
			continue;
		for (dest = er_table_first(bgp->rib[er_afis[af]][SAFI_UNICAST]);
		     dest; dest = er_dest_next(dest)) {
			const struct prefix *p = bgp_dest_get_prefix(dest);
			json_object *jpaths = NULL;
			char pstr[PREFIX2STR_BUFFER];
			bool named = false;

			if (!bgp_dest_get_bgp_path_info(dest))
				continue;
			for (int role = 0; role < ER_ROLE_MAX; role++) {
				struct bgp_path_info *pi =
					er_path_of(dest, peers[role]);
				bool best;

				if (!pi)
					continue;
				if (!named) {
					prefix2str(p, pstr, sizeof(pstr));
					named = true;
					count++;
				}
				best = CHECK_FLAG(pi->flags, BGP_PATH_SELECTED);
				er_listing_decode(&listing,
						  bgp_attr_get_community(pi->attr),
						  !!json);
				if (!json) {
					vty_out(vty, "%-43s %-9s %-6u %-4s %s\n",
						role && er_path_of(dest, peers[0])
							? ""
							: pstr,
						er_role2str(role),
						er_local_pref(bgp, pi),
						best ? "*" : "", listing.text);
					continue;
				}
				json_object *jp = json_object_new_object();

				if (!jpaths)
					jpaths = json_object_new_array();
				json_object_string_add(jp, "link",
						       er_role2str(role));
				json_object_string_add(jp, "addressFamily",
						       er_family_names[af]);
				json_object_string_add(jp, "neighbor",
						       peers[role]->host);
				json_object_boolean_add(jp, "bestpath", best);
				json_object_int_add(jp, "localPref",
						    er_local_pref(bgp, pi));
				json_object_object_add(
					jp, "communities",
					json_object_get(listing.jcom));
				json_object_array_add(jpaths, jp);
			}
			if (jpaths)
				json_object_object_add(jroutes, pstr, jpaths);
		}
	}
	if (listing.jcom)
		json_object_put(listing.jcom);
	if (json) {
		json_object_int_add(json, "prefixes", count);
		json_object_object_add(json, "routes", jroutes);
	} else
		vty_out(vty, "%u prefix%s\n", count, count == 1 ? "" : "es");
}
