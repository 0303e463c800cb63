// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Azure's documents: an ExpressRoute circuit, its peerings (one, or the
 * list), its ExpressRoute Direct port, and the route and ARP tables of a
 * link, as ARM returns them (fields under "properties") or as the az CLI
 * prints them (flattened, with az's own spelling such as "peerAsn").
 * Field names: Microsoft.Network's expressRouteCircuit.json and
 * expressRoutePort.json (azure-rest-api-specs, API 2025-03-01).
 *
 * What the module cannot represent is reported (a warning), never dropped
 * without a word; what it would refuse is left to imp_validate.c.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imp.h"

/* Global Reach seen from the other side (peeredConnections), resolved
 * once the circuit's own name is known. */
struct imp_peered {
	char a[IMP_TEXT_MAX], b[IMP_TEXT_MAX];
	struct er_prefix subnet;
	struct imp_where where;
};

void imp_azure_init(struct imp_azure *az)
{
	memset(az, 0, sizeof(*az));
	imp_circuit_init(&az->circuit);
	az->port_speed = az->encapsulation = -1;
}

void imp_azure_free(struct imp_azure *az)
{
	imp_circuit_free(&az->circuit);
	free(az->peered);
	memset(az, 0, sizeof(*az));
}

/*
 * Resource ids: /subscriptions/S/resourceGroups/G/providers/
 * Microsoft.Network/expressRouteCircuits/NAME/peerings/AzurePrivatePeering
 */
static bool id_segment(const char *id, const char *collection, char *out,
		       size_t size)
{
	size_t clen = strlen(collection);
	const char *p = id;

	while (p && *p) {
		const char *seg = (*p == '/') ? p + 1 : p;
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);

		if (len == clen && strncasecmp(seg, collection, clen) == 0
		    && end) {
			const char *name = end + 1;
			size_t nlen = strcspn(name, "/");

			if (nlen == 0 || nlen >= size)
				return false;
			memcpy(out, name, nlen);
			out[nlen] = '\0';
			return true;
		}
		p = end;
	}
	return false;
}

/* The "properties" of an ARM resource, or the object itself (az). */
static json_object *props(struct imp_doc *doc, json_object *obj,
			  const struct imp_where *where,
			  struct imp_where *props_where)
{
	json_object *p;

	if (imp_get_object(doc, obj, where, "properties", &p, props_where))
		return p;
	*props_where = *where;
	return obj;
}

static bool streq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static const char *type_of(json_object *obj)
{
	json_object *t = imp_json_member(obj, "type");

	return json_object_is_type(t, json_type_string)
		       ? json_object_get_string(t)
		       : NULL;
}

/* The object of a kind, by its members. */
static enum imp_doc_kind object_kind(json_object *obj)
{
	const char *type = type_of(obj);
	json_object *p = imp_json_member(obj, "properties");

	if (!json_object_is_type(p, json_type_object))
		p = obj;
	if (type) {
		if (streq(type, "Microsoft.Network/expressRouteCircuits"))
			return IMP_DOC_CIRCUIT;
		if (streq(type,
			  "Microsoft.Network/expressRouteCircuits/peerings"))
			return IMP_DOC_PEERING;
		if (streq(type, "Microsoft.Network/expressRoutePorts"))
			return IMP_DOC_PORT;
	}
	if (imp_json_member(p, "peeringType"))
		return IMP_DOC_PEERING;
	if (imp_json_member(p, "serviceProviderProperties")
	    || imp_json_member(p, "serviceKey")
	    || imp_json_member(p, "circuitProvisioningState"))
		return IMP_DOC_CIRCUIT;
	if (imp_json_member(p, "encapsulation")
	    && (imp_json_member(p, "links")
		|| imp_json_member(p, "bandwidthInGbps")))
		return IMP_DOC_PORT;
	if (imp_json_member(obj, "network") && imp_json_member(obj, "nextHop"))
		return IMP_DOC_ROUTE_TABLE;
	if (imp_json_member(obj, "ipAddress")
	    && imp_json_member(obj, "macAddress"))
		return IMP_DOC_ARP_TABLE;
	if (imp_json_member(obj, "neighbor")
	    && (imp_json_member(obj, "statePfxRcd")
		|| imp_json_member(obj, "upDown")))
		return IMP_DOC_ROUTE_SUMMARY;
	return IMP_DOC_UNKNOWN;
}

/* A list ("value" of a list result, or az's bare array), by its items. */
static enum imp_doc_kind list_kind(json_object *array)
{
	json_object *first;

	if (json_object_array_length(array) == 0)
		return IMP_DOC_PEERING_LIST;
	first = json_object_array_get_idx(array, 0);
	if (!json_object_is_type(first, json_type_object))
		return IMP_DOC_UNKNOWN;
	switch (object_kind(first)) {
	case IMP_DOC_PEERING:
		return IMP_DOC_PEERING_LIST;
	case IMP_DOC_CIRCUIT:
		return IMP_DOC_CIRCUIT_LIST;
	case IMP_DOC_ROUTE_TABLE:
		return IMP_DOC_ROUTE_TABLE;
	case IMP_DOC_ARP_TABLE:
		return IMP_DOC_ARP_TABLE;
	case IMP_DOC_ROUTE_SUMMARY:
		return IMP_DOC_ROUTE_SUMMARY;
	default:
		return IMP_DOC_UNKNOWN;
	}
}

enum imp_doc_kind imp_azure_kind(json_object *doc)
{
	json_object *value;

	if (json_object_is_type(doc, json_type_array))
		return list_kind(doc);
	if (!json_object_is_type(doc, json_type_object))
		return IMP_DOC_UNKNOWN;
	if (json_object_is_type(imp_json_member(doc, "error"),
				json_type_object)
	    && !imp_json_member(doc, "properties"))
		return IMP_DOC_ERROR;
	value = imp_json_member(doc, "value");
	if (json_object_is_type(value, json_type_array)
	    && !imp_json_member(doc, "properties"))
		return list_kind(value);
	return object_kind(doc);
}

const char *imp_doc_kind_name(enum imp_doc_kind kind)
{
	switch (kind) {
	case IMP_DOC_CIRCUIT:
		return "an ExpressRoute circuit";
	case IMP_DOC_PEERING:
		return "a circuit peering";
	case IMP_DOC_PEERING_LIST:
		return "a list of circuit peerings";
	case IMP_DOC_PORT:
		return "an ExpressRoute Direct port";
	case IMP_DOC_ROUTE_TABLE:
		return "a route table (list-route-tables)";
	case IMP_DOC_ARP_TABLE:
		return "an ARP table (list-arp-tables)";
	case IMP_DOC_ROUTE_SUMMARY:
		return "a route table summary (list-route-tables-summary)";
	case IMP_DOC_CIRCUIT_LIST:
		return "a list of circuits";
	case IMP_DOC_ERROR:
		return "an Azure error response";
	case IMP_DOC_UNKNOWN:
		break;
	}
	return "not an Azure ExpressRoute document";
}

/* The items of a list document (the array itself, or "value"). */
static json_object *list_items(json_object *doc, struct imp_where *where)
{
	if (json_object_is_type(doc, json_type_array))
		return doc;
	imp_where_key(where, where, "value");
	return imp_json_member(doc, "value");
}

/* The circuit a resource id names; the same for every document. */
static void note_id(struct imp_azure *az, struct imp_doc *doc,
		    json_object *obj, const struct imp_where *where)
{
	struct imp_where w;
	const char *id;
	char name[IMP_TEXT_MAX];

	if (!imp_get_string(doc, obj, where, "id", &id, &w)
	    || !id_segment(id, "expressRouteCircuits", name, sizeof(name)))
		return;
	if (!az->id_circuit[0]) {
		snprintf(az->id_circuit, sizeof(az->id_circuit), "%s", name);
		az->id_where = w;
		return;
	}
	if (strcmp(az->id_circuit, name) != 0)
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "belongs to circuit %s, but %s: %s is circuit %s: give the documents of one circuit",
			 name, az->id_where.file, az->id_where.path,
			 az->id_circuit);
}

/* primaryPeerAddressPrefix and secondaryPeerAddressPrefix of one family. */
static void read_link_subnets(struct imp_doc *doc, json_object *obj,
			      const struct imp_where *where, int family,
			      struct imp_family *f)
{
	static const char *const keys[ER_ROLE_MAX] = {
		"primaryPeerAddressPrefix", "secondaryPeerAddressPrefix"};
	int want = family == IMP_AF_IPV4 ? AF_INET : AF_INET6;

	for (int role = 0; role < ER_ROLE_MAX; role++) {
		struct er_prefix p;
		struct imp_where w;

		if (!imp_get_prefix(doc, obj, where, keys[role], &p, &w))
			continue;
		if (p.family != want) {
			imp_diag(doc->diags, IMP_ERROR, &w,
				 "an %s prefix where Azure has the %s subnets",
				 want == AF_INET ? "IPv6" : "IPv4",
				 want == AF_INET ? "IPv4" : "IPv6");
			continue;
		}
		f->has[role] = true;
		f->subnet[role] = p;
		f->where[role] = w;
	}
	if (f->has[ER_ROLE_SECONDARY] && !f->has[ER_ROLE_PRIMARY]) {
		struct imp_where w;

		imp_where_key(&w, where, keys[ER_ROLE_PRIMARY]);
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing, but the secondary subnet is there: the module takes the primary link subnet first");
	} else if (f->has[ER_ROLE_PRIMARY] && !f->has[ER_ROLE_SECONDARY]) {
		struct imp_where w;

		imp_where_key(&w, where, keys[ER_ROLE_SECONDARY]);
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "missing: the peering gets one %s session, and its verdict is incomplete",
			 family == IMP_AF_IPV4 ? "IPv4" : "IPv6");
	}
}

/* microsoftPeeringConfig of one family: the advertised prefixes. */
static void read_microsoft_config(struct imp_doc *doc, json_object *obj,
				  const struct imp_where *where,
				  struct imp_peering *p,
				  enum er_peering_type type)
{
	struct imp_where cw, aw, w;
	json_object *cfg, *array;
	const char *state;
	uint64_t asn;

	if (!imp_get_object(doc, obj, where, "microsoftPeeringConfig", &cfg,
			    &cw))
		return;
	if (imp_get_array(doc, cfg, &cw, "advertisedPublicPrefixes", &array,
			  &aw)) {
		size_t n = json_object_array_length(array);

		if (n && type != ER_PEERING_MICROSOFT)
			imp_diag(doc->diags, IMP_WARNING, &aw,
				 "advertised public prefixes belong to Microsoft peering: not imported on %s",
				 p->azure_name);
		for (size_t i = 0; i < n && type == ER_PEERING_MICROSOFT;
		     i++) {
			json_object *item = json_object_array_get_idx(array, i);
			struct er_prefix pfx;

			imp_where_index(&w, &aw, i);
			if (!json_object_is_type(item, json_type_string)) {
				imp_diag(doc->diags, IMP_ERROR, &w,
					 "expected a prefix string, found %s",
					 imp_json_type_name(item));
				continue;
			}
			if (!er_prefix_parse(json_object_get_string(item),
					     &pfx)) {
				imp_diag(doc->diags, IMP_ERROR, &w,
					 "'%.60s' is not an IPv4 or IPv6 prefix",
					 json_object_get_string(item));
				continue;
			}
			if (!imp_prefix_list_contains(&p->advertise, &pfx))
				imp_prefix_list_add(&p->advertise, &pfx, &w);
		}
	}
	if (imp_get_array(doc, cfg, &cw, "advertisedCommunities", &array, &w)
	    && json_object_array_length(array))
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "not modelled: Microsoft ignores communities the CE sets, the module sets none");
	if (imp_get_uint(doc, cfg, &cw, "customerASN", 0, UINT32_MAX, &asn,
			 &w)
	    && asn && (!p->has_peer_asn || asn != p->peer_asn))
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "customer ASN %llu is not modelled: the module's prefix-list permits the advertised prefixes whatever AS originates them",
			 (unsigned long long)asn);
	if (imp_get_uint(doc, cfg, &cw, "legacyMode", 0, UINT32_MAX, &asn, &w)
	    && asn)
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "legacy mode %llu is not modelled",
			 (unsigned long long)asn);
	if (type == ER_PEERING_MICROSOFT
	    && imp_get_string(doc, cfg, &cw, "advertisedPublicPrefixesState",
			      &state, &w)
	    && !streq(state, "Configured"))
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "%s: Microsoft has not validated the advertised prefixes, and the sessions stay down until it has",
			 state);
}

/* Global Reach: a connection of this circuit's private peering. */
static void read_connection(struct imp_azure *az, struct imp_doc *doc,
			    json_object *obj, const struct imp_where *where)
{
	struct imp_where pw, w, rw, v6w;
	struct imp_global_reach *gr;
	json_object *p, *ref, *v6;
	char peer[IMP_TEXT_MAX];
	struct er_prefix subnet[IMP_AF_MAX];
	bool has[IMP_AF_MAX] = {false, false};
	const char *id;

	p = props(doc, obj, where, &pw);
	if (!imp_get_object(doc, p, &pw, "peerExpressRouteCircuitPeering",
			    &ref, &rw)
	    || !imp_get_string(doc, ref, &rw, "id", &id, &w)) {
		imp_where_key(&w, &pw, "peerExpressRouteCircuitPeering.id");
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing: a Global Reach connection names the other circuit's private peering");
		return;
	}
	if (!id_segment(id, "expressRouteCircuits", peer, sizeof(peer))) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "'%.80s' is not the resource id of a circuit peering",
			 id);
		return;
	}
	has[IMP_AF_IPV4] = imp_get_prefix(doc, p, &pw, "addressPrefix",
				      &subnet[IMP_AF_IPV4], &w);
	if (imp_get_object(doc, p, &pw, "ipv6CircuitConnectionConfig", &v6,
			   &v6w))
		has[IMP_AF_IPV6] = imp_get_prefix(doc, v6, &v6w, "addressPrefix",
					      &subnet[IMP_AF_IPV6], &v6w);
	if (!has[IMP_AF_IPV4] && !has[IMP_AF_IPV6]) {
		imp_where_key(&w, &pw, "addressPrefix");
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing: a Global Reach connection needs its /29 (or the /125 of ipv6CircuitConnectionConfig)");
		return;
	}
	gr = imp_global_reach_get(&az->circuit, peer);
	if (!gr)
		return;
	for (int af = 0; af < IMP_AF_MAX; af++) {
		if (!has[af])
			continue;
		if (subnet[af].family != (af ? AF_INET6 : AF_INET)) {
			imp_diag(doc->diags, IMP_ERROR,
				 af ? &v6w : &w,
				 "an %s prefix where Azure has the %s subnet",
				 af ? "IPv4" : "IPv6", af ? "IPv6" : "IPv4");
			continue;
		}
		gr->has[af] = true;
		gr->subnet[af] = subnet[af];
		gr->where[af] = af ? v6w : w;
	}
}

/* peeredConnections: Global Reach set up from the other circuit. */
static void read_peered_connection(struct imp_azure *az, struct imp_doc *doc,
				   json_object *obj,
				   const struct imp_where *where)
{
	static const char *const refs[] = {"expressRouteCircuitPeering",
					   "peerExpressRouteCircuitPeering"};
	char names[2][IMP_TEXT_MAX] = {"", ""};
	struct imp_where pw, w, rw;
	struct imp_peered *item;
	json_object *p, *ref;
	struct er_prefix subnet;
	const char *id;

	p = props(doc, obj, where, &pw);
	for (int i = 0; i < 2; i++)
		if (imp_get_object(doc, p, &pw, refs[i], &ref, &rw)
		    && imp_get_string(doc, ref, &rw, "id", &id, &w))
			id_segment(id, "expressRouteCircuits", names[i],
				   sizeof(names[i]));
	if (!names[0][0] && !names[1][0]) {
		imp_diag(doc->diags, IMP_ERROR, &pw,
			 "a peered Global Reach connection without the circuit peerings it connects (expressRouteCircuitPeering.id)");
		return;
	}
	if (!imp_get_prefix(doc, p, &pw, "addressPrefix", &subnet, &w)) {
		imp_where_key(&w, &pw, "addressPrefix");
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing: a Global Reach connection needs its /29");
		return;
	}
	item = realloc(az->peered, (az->npeered + 1) * sizeof(*item));
	if (!item)
		return;
	az->peered = item;
	item = &az->peered[az->npeered++];
	memcpy(item->a, names[0], sizeof(item->a));
	memcpy(item->b, names[1], sizeof(item->b));
	item->subnet = subnet;
	item->where = w;
}

static void read_connections(struct imp_azure *az, struct imp_doc *doc,
			     json_object *p, const struct imp_where *pw,
			     enum er_peering_type type, const char *pname)
{
	static const char *const keys[] = {"connections", "peeredConnections"};

	for (int k = 0; k < 2; k++) {
		struct imp_where aw, w;
		json_object *array;
		size_t n;

		if (!imp_get_array(doc, p, pw, keys[k], &array, &aw))
			continue;
		n = json_object_array_length(array);
		if (n && type != ER_PEERING_PRIVATE) {
			imp_diag(doc->diags, IMP_WARNING, &aw,
				 "Global Reach connects private peerings: not imported from %s",
				 pname);
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			json_object *item = json_object_array_get_idx(array, i);

			imp_where_index(&w, &aw, i);
			if (!json_object_is_type(item, json_type_object)) {
				imp_diag(doc->diags, IMP_ERROR, &w,
					 "expected an object, found %s",
					 imp_json_type_name(item));
				continue;
			}
			if (k == 0)
				read_connection(az, doc, item, &w);
			else
				read_peered_connection(az, doc, item, &w);
		}
	}
}

static bool peering_type(struct imp_doc *doc, const char *name,
			 const struct imp_where *where,
			 enum er_peering_type *type)
{
	if (streq(name, "AzurePrivatePeering")) {
		*type = ER_PEERING_PRIVATE;
		return true;
	}
	if (streq(name, "MicrosoftPeering")) {
		*type = ER_PEERING_MICROSOFT;
		return true;
	}
	if (streq(name, "AzurePublicPeering"))
		imp_diag(doc->diags, IMP_WARNING, where,
			 "AzurePublicPeering is the legacy public peering, deprecated by Microsoft and not modelled: not imported (use Microsoft peering)");
	else
		imp_diag(doc->diags, IMP_WARNING, where,
			 "unknown peering type '%.40s': not imported (the module knows AzurePrivatePeering and MicrosoftPeering)",
			 name);
	return false;
}

static void read_peering(struct imp_azure *az, struct imp_doc *doc,
			 json_object *obj, const struct imp_where *where)
{
	struct imp_where pw, w, v6w;
	enum er_peering_type type;
	struct imp_peering *p;
	json_object *pr, *v6, *ref;
	const char *text;
	uint64_t value;

	note_id(az, doc, obj, where);
	pr = props(doc, obj, where, &pw);
	if (!imp_get_string(doc, pr, &pw, "peeringType", &text, &w)) {
		if (!imp_json_member(pr, "peeringType"))
			imp_diag(doc->diags, IMP_ERROR, &w,
				 "missing: which peering this is (AzurePrivatePeering or MicrosoftPeering)");
		return;
	}
	if (!peering_type(doc, text, &w, &type))
		return;
	p = &az->circuit.peering[type];
	if (p->present) {
		/* the same peering again (a circuit's, then the list's) */
		free(p->shared_key);
		free(p->advertise.items);
		free(p->advertise.where);
		memset(p, 0, sizeof(*p));
	}
	p->present = true;
	p->where = *where;
	snprintf(p->azure_name, sizeof(p->azure_name), "%s",
		 imp_azure_peering_name(type));
	az->have_peerings = true;

	if (imp_get_uint(doc, pr, &pw, "vlanId", 0, UINT32_MAX, &value,
			 &p->vlan_where)) {
		p->has_vlan = true;
		p->vlan = (uint32_t)value;
	} else if (!imp_json_member(pr, "vlanId"))
		imp_diag(doc->diags, IMP_ERROR, &p->vlan_where,
			 "missing: every peering has its VLAN ID in Azure");

	if (imp_get_uint(doc, pr, &pw, "peerASN", 1, UINT32_MAX, &value,
			 &p->asn_where)) {
		p->has_peer_asn = true;
		p->peer_asn = (uint32_t)value;
	} else if (!imp_json_member(pr, "peerASN"))
		imp_diag(doc->diags, IMP_ERROR, &p->asn_where,
			 "missing: the peer ASN (the CE's ASN as Azure expects it)");
	if (imp_get_uint(doc, pr, &pw, "azureASN", 0, UINT32_MAX, &value, &w)
	    && value != ER_MICROSOFT_ASN)
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "Azure's ASN is %llu, not %u: the module always peers with AS %u",
			 (unsigned long long)value, ER_MICROSOFT_ASN,
			 ER_MICROSOFT_ASN);

	read_link_subnets(doc, pr, &pw, IMP_AF_IPV4, &p->af[IMP_AF_IPV4]);
	if (imp_get_object(doc, pr, &pw, "ipv6PeeringConfig", &v6, &v6w)) {
		struct imp_family *f = &p->af[IMP_AF_IPV6];

		read_link_subnets(doc, v6, &v6w, IMP_AF_IPV6, f);
		if (imp_get_string(doc, v6, &v6w, "state", &text, &w)
		    && streq(text, "Disabled") && imp_family_configured(f)) {
			imp_diag(doc->diags, IMP_WARNING, &w,
				 "IPv6 is Disabled in Azure: its subnets are not imported");
			f->has[0] = f->has[1] = false;
			f->disabled = true;
		}
		read_microsoft_config(doc, v6, &v6w, p, type);
	}
	if (!imp_family_configured(&p->af[IMP_AF_IPV4])
	    && !imp_family_configured(&p->af[IMP_AF_IPV6])
	    && !p->af[IMP_AF_IPV6].disabled)
		imp_diag(doc->diags, IMP_ERROR, &pw,
			 "no link subnet: neither primaryPeerAddressPrefix nor ipv6PeeringConfig.primaryPeerAddressPrefix");

	if (imp_get_string(doc, pr, &pw, "sharedKey", &text, &p->key_where))
		p->shared_key = strdup(text);
	if (imp_get_string(doc, pr, &pw, "state", &text, &p->state_where)) {
		if (streq(text, "Disabled")) {
			p->shutdown = true;
			imp_diag(doc->diags, IMP_WARNING, &p->state_where,
				 "the peering is Disabled in Azure: imported as shutdown");
		} else if (!streq(text, "Enabled"))
			imp_diag(doc->diags, IMP_WARNING, &p->state_where,
				 "unknown state '%.40s' (Enabled or Disabled)",
				 text);
	}
	if (imp_get_string(doc, pr, &pw, "provisioningState", &text, &w)
	    && !streq(text, "Succeeded"))
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "%.40s: Azure has not finished provisioning the peering",
			 text);
	read_microsoft_config(doc, pr, &pw, p, type);
	if (type == ER_PEERING_MICROSOFT
	    && !imp_get_object(doc, pr, &pw, "routeFilter", &ref, &w))
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "no route filter: Microsoft peering sends the CE no prefix until one is attached in Azure");
	read_connections(az, doc, pr, &pw, type, p->azure_name);
}

static void read_peerings(struct imp_azure *az, struct imp_doc *doc,
			  json_object *array, const struct imp_where *where)
{
	size_t n = json_object_array_length(array);

	for (size_t i = 0; i < n; i++) {
		json_object *item = json_object_array_get_idx(array, i);
		struct imp_where w;

		imp_where_index(&w, where, i);
		if (!json_object_is_type(item, json_type_object)
		    || object_kind(item) != IMP_DOC_PEERING) {
			imp_diag(doc->diags, IMP_ERROR, &w,
				 "expected a circuit peering, found %s",
				 json_object_is_type(item, json_type_object)
					 ? imp_doc_kind_name(object_kind(item))
					 : imp_json_type_name(item));
			continue;
		}
		read_peering(az, doc, item, &w);
	}
}

/* Azure's names of the model's enums. */
struct name_value {
	const char *azure;
	int value;
};

static const struct name_value sku_tiers[] = {
	{"Local", ER_SKU_LOCAL},
	{"Standard", ER_SKU_STANDARD},
	{"Premium", ER_SKU_PREMIUM},
	{NULL, -1},
};

static const struct name_value sku_families[] = {
	{"MeteredData", ER_BILLING_METERED},
	{"UnlimitedData", ER_BILLING_UNLIMITED},
	{NULL, -1},
};

static const struct name_value port_speeds[] = {
	{"10", ER_PORT_SPEED_10G},
	{"100", ER_PORT_SPEED_100G},
	{"400", ER_PORT_SPEED_400G},
	{NULL, -1},
};

/* The value of Azure's name (without case), -1 if it has none. */
static int lookup(const struct name_value *table, const char *azure)
{
	for (; table->azure; table++)
		if (streq(azure, table->azure))
			return table->value;
	return -1;
}

static void read_sku(struct imp_azure *az, struct imp_doc *doc,
		     json_object *obj, const struct imp_where *where)
{
	struct imp_circuit *c = &az->circuit;
	char tier[32] = "", family[32] = "";
	struct imp_where sw, w;
	json_object *sku;
	const char *text;

	if (!imp_get_object(doc, obj, where, "sku", &sku, &sw)) {
		if (!imp_json_member(obj, "sku"))
			imp_diag(doc->diags, IMP_WARNING, &sw,
				 "missing: the module's defaults apply (standard, metered)");
		return;
	}
	/* sku.name is TIER_FAMILY; tier and family, when given, win */
	if (imp_get_string(doc, sku, &sw, "name", &text, &w)) {
		size_t cut = strcspn(text, "_");

		snprintf(tier, sizeof(tier), "%.*s", (int)cut, text);
		if (text[cut])
			snprintf(family, sizeof(family), "%s", text + cut + 1);
		c->sku_where = w;
		c->billing_where = w;
	}
	if (imp_get_string(doc, sku, &sw, "tier", &text, &w)) {
		snprintf(tier, sizeof(tier), "%s", text);
		c->sku_where = w;
	}
	if (imp_get_string(doc, sku, &sw, "family", &text, &w)) {
		snprintf(family, sizeof(family), "%s", text);
		c->billing_where = w;
	}
	if (tier[0]) {
		c->sku = lookup(sku_tiers, tier);
		if (c->sku < 0 && streq(tier, "Basic")) {
			c->sku_basic = true;
			imp_diag(doc->diags, IMP_WARNING, &c->sku_where,
				 "the Basic tier is not modelled: the circuit gets the module's default, standard (its prefix limits)");
		} else if (c->sku < 0)
			imp_diag(doc->diags, IMP_WARNING, &c->sku_where,
				 "unknown SKU tier '%.30s' (Local, Standard or Premium): not imported",
				 tier);
	}
	if (family[0]) {
		c->billing = lookup(sku_families, family);
		if (c->billing < 0)
			imp_diag(doc->diags, IMP_WARNING, &c->billing_where,
				 "unknown SKU family '%.30s' (MeteredData or UnlimitedData): not imported",
				 family);
	}
}

/* bandwidthInGbps (Direct): a whole number of Mbps. */
static void read_gbps(struct imp_azure *az, struct imp_doc *doc,
		      json_object *obj, const struct imp_where *where)
{
	struct imp_circuit *c = &az->circuit;
	struct imp_where w;
	double gbps, mbps;

	if (!imp_get_number(doc, obj, where, "bandwidthInGbps", &gbps, &w))
		return;
	mbps = round(gbps * 1000);
	if (gbps <= 0 || mbps > ER_BANDWIDTH_MAX
	    || fabs(gbps * 1000 - mbps) > 1e-6) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "%g Gbps is not a bandwidth the module takes (a whole number of Mbps, up to %u)",
			 gbps, ER_BANDWIDTH_MAX);
		return;
	}
	c->has_bandwidth = true;
	c->bandwidth = (uint32_t)mbps;
	c->bandwidth_where = w;
}

static void read_state(struct imp_doc *doc, json_object *obj,
		       const struct imp_where *where, const char *key,
		       const char *good, const char *what)
{
	struct imp_where w;
	const char *text;

	if (imp_get_string(doc, obj, where, key, &text, &w)
	    && !streq(text, good))
		imp_diag(doc->diags, IMP_WARNING, &w, "%.40s: %s", text, what);
}

/*
 * provider and location are the rest of a CLI line: vtysh keeps single
 * spaces between words only, so the value is stored as it will be.
 */
static void set_line_text(struct imp_circuit *c, struct imp_doc *doc,
			  enum imp_text which, const char *text,
			  const struct imp_where *where)
{
	char line[IMP_TEXT_MAX * 2];
	size_t len = 0;

	for (const char *p = text; *p && len + 2 < sizeof(line); p++) {
		if (*p == ' ' && (len == 0 || line[len - 1] == ' '))
			continue;
		line[len++] = *p;
	}
	while (len && line[len - 1] == ' ')
		len--;
	line[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f) {
			imp_diag(doc->diags, IMP_ERROR, where,
				 "contains a control character: not a CLI line");
			return;
		}
	if (strcmp(line, text) != 0)
		imp_diag(doc->diags, IMP_WARNING, where,
			 "the CLI keeps one space between words: imported as '%s'",
			 line);
	imp_set_text(c, which, line, where);
}

static void read_circuit(struct imp_azure *az, struct imp_doc *doc,
			 json_object *obj, const struct imp_where *where)
{
	struct imp_circuit *c = &az->circuit;
	struct imp_where pw, w, sw;
	json_object *pr, *sp, *array, *port;
	const char *text;
	uint64_t value;

	if (az->have_circuit)
		imp_diag(doc->diags, IMP_ERROR, where,
			 "a second circuit document: give one circuit per run");
	az->have_circuit = true;
	note_id(az, doc, obj, where);
	if (imp_get_string(doc, obj, where, "name", &text, &w)) {
		snprintf(c->name, sizeof(c->name), "%s", text);
		c->name_where = w;
	}
	read_sku(az, doc, obj, where);
	pr = props(doc, obj, where, &pw);
	if (imp_get_string(doc, pr, &pw, "serviceKey", &text, &w))
		imp_set_text(c, IMP_SERVICE_KEY, text, &w);
	if (imp_get_object(doc, pr, &pw, "serviceProviderProperties", &sp,
			   &sw)) {
		if (imp_get_string(doc, sp, &sw, "serviceProviderName", &text,
				   &w))
			set_line_text(c, doc, IMP_PROVIDER, text, &w);
		if (imp_get_string(doc, sp, &sw, "peeringLocation", &text, &w))
			set_line_text(c, doc, IMP_LOCATION, text, &w);
		if (imp_get_uint(doc, sp, &sw, "bandwidthInMbps", 0,
				 UINT32_MAX, &value, &w)) {
			c->has_bandwidth = true;
			c->bandwidth = (uint32_t)value;
			c->bandwidth_where = w;
		}
	}
	read_gbps(az, doc, pr, &pw);
	if (imp_get_object(doc, pr, &pw, "expressRoutePort", &port, &w)) {
		struct imp_where iw;
		char name[IMP_TEXT_MAX];

		c->connectivity = ER_CONN_DIRECT;
		c->port_where = w;
		if (!imp_get_string(doc, port, &w, "id", &text, &iw)
		    || !id_segment(text, "expressRoutePorts", name,
				   sizeof(name)))
			imp_diag(doc->diags, IMP_ERROR, &iw,
				 "missing or not the resource id of an ExpressRoute port");
		else
			imp_set_text(c, IMP_DIRECT_PORT, name, &iw);
	}
	if (imp_get_uint(doc, pr, &pw, "stag", 0, UINT32_MAX, &value, &w)
	    && value)
		imp_diag(doc->diags, IMP_WARNING, &w,
			 "S-tag %llu (QinQ outer tag) is not modelled: configure it on the CE's interfaces",
			 (unsigned long long)value);
	read_state(doc, pr, &pw, "serviceProviderProvisioningState",
		   "Provisioned",
		   "the provider has not provisioned the circuit: Azure takes peerings, and the sessions come up, only once it has");
	read_state(doc, pr, &pw, "circuitProvisioningState", "Enabled",
		   "the circuit is not enabled in Azure");
	if (imp_get_array(doc, pr, &pw, "peerings", &array, &w))
		read_peerings(az, doc, array, &w);
}

static void read_port(struct imp_azure *az, struct imp_doc *doc,
		      json_object *obj, const struct imp_where *where)
{
	struct imp_where pw, w;
	json_object *pr;
	const char *text;
	double gbps;

	az->have_port = true;
	if (imp_get_string(doc, obj, where, "name", &text, &w))
		snprintf(az->port_name, sizeof(az->port_name), "%s", text);
	pr = props(doc, obj, where, &pw);
	if (imp_get_number(doc, pr, &pw, "bandwidthInGbps", &gbps, &w)) {
		char speed[32];

		snprintf(speed, sizeof(speed), "%g", gbps);
		az->port_speed = lookup(port_speeds, speed);
		if (az->port_speed < 0)
			imp_diag(doc->diags, IMP_ERROR, &w,
				 "a %s Gbps port: ExpressRoute Direct ports are 10, 100 or 400 Gbps",
				 speed);
	}
	if (imp_get_string(doc, pr, &pw, "encapsulation", &text, &w)) {
		if (streq(text, "Dot1Q"))
			az->encapsulation = ER_ENCAP_DOT1Q;
		else if (streq(text, "QinQ"))
			az->encapsulation = ER_ENCAP_QINQ;
		else
			imp_diag(doc->diags, IMP_ERROR, &w,
				 "unknown encapsulation '%.30s' (Dot1Q or QinQ)",
				 text);
	}
	if (imp_get_string(doc, pr, &pw, "peeringLocation", &text, &w)
	    && !az->circuit.text[IMP_LOCATION])
		set_line_text(&az->circuit, doc, IMP_LOCATION, text, &w);
}

bool imp_azure_add(struct imp_azure *az, json_object *doc, const char *file,
		   struct imp_diags *d)
{
	struct imp_doc ctx = {.file = file, .diags = d};
	struct imp_where where = {.file = file};
	enum imp_doc_kind kind = imp_azure_kind(doc);
	size_t errors = d->errors;
	json_object *items, *err;
	const char *code = "", *message = "";

	switch (kind) {
	case IMP_DOC_CIRCUIT:
		read_circuit(az, &ctx, doc, &where);
		break;
	case IMP_DOC_PEERING:
		read_peering(az, &ctx, doc, &where);
		break;
	case IMP_DOC_PEERING_LIST:
		items = list_items(doc, &where);
		read_peerings(az, &ctx, items, &where);
		az->have_peerings = true;
		break;
	case IMP_DOC_PORT:
		read_port(az, &ctx, doc, &where);
		break;
	case IMP_DOC_ERROR:
		err = imp_json_member(doc, "error");
		imp_get_string(&ctx, err, &where, "code", &code, NULL);
		imp_get_string(&ctx, err, &where, "message", &message, NULL);
		imp_diag(d, IMP_ERROR, &where,
			 "an Azure error response, not a resource: %.60s: %.200s",
			 code, message);
		break;
	case IMP_DOC_ROUTE_TABLE:
	case IMP_DOC_ARP_TABLE:
		imp_diag(d, IMP_ERROR, &where,
			 "%s: give it to --check with --%s PEERING:PATH=FILE",
			 imp_doc_kind_name(kind),
			 kind == IMP_DOC_ARP_TABLE ? "arp-table" : "route-table");
		break;
	case IMP_DOC_ROUTE_SUMMARY:
	case IMP_DOC_CIRCUIT_LIST:
	case IMP_DOC_UNKNOWN:
		imp_diag(d, IMP_ERROR, &where,
			 "%s: expected an ExpressRoute circuit (az network express-route show), its peerings (az network express-route peering list or show) or its ExpressRoute port",
			 imp_doc_kind_name(kind));
		break;
	}
	return d->errors == errors;
}

/* peeredConnections: the other end is the circuit that is not this one. */
static void resolve_peered(struct imp_azure *az, struct imp_diags *d)
{
	struct imp_circuit *c = &az->circuit;

	for (size_t i = 0; i < az->npeered; i++) {
		struct imp_peered *pc = &az->peered[i];
		const char *peer = strcmp(pc->a, c->name) == 0 ? pc->b
			: strcmp(pc->b, c->name) == 0	      ? pc->a
			: pc->b[0]			      ? pc->b
							      : pc->a;
		struct imp_global_reach *gr;

		if (!peer[0] || strcmp(peer, c->name) == 0)
			continue;
		gr = imp_global_reach_get(c, peer);
		if (!gr)
			continue;
		if (gr->has[IMP_AF_IPV4]
		    && !er_prefix_equal(&gr->subnet[IMP_AF_IPV4], &pc->subnet)) {
			char a[ER_PREFIX_STRLEN], b[ER_PREFIX_STRLEN];

			imp_diag(d, IMP_WARNING, &pc->where,
				 "Global Reach with %s has subnet %s here and %s in connections: %s imported",
				 peer, er_prefix2str(&pc->subnet, a, sizeof(a)),
				 er_prefix2str(&gr->subnet[IMP_AF_IPV4], b,
					       sizeof(b)),
				 b);
			continue;
		}
		gr->has[IMP_AF_IPV4] = true;
		gr->subnet[IMP_AF_IPV4] = pc->subnet;
		gr->where[IMP_AF_IPV4] = pc->where;
	}
}

bool imp_azure_finish(struct imp_azure *az, struct imp_diags *d)
{
	struct imp_circuit *c = &az->circuit;
	size_t errors = d->errors;

	if (!c->name[0] && az->id_circuit[0]) {
		snprintf(c->name, sizeof(c->name), "%s", az->id_circuit);
		c->name_where = az->id_where;
	} else if (c->name[0] && az->id_circuit[0]
		   && strcmp(c->name, az->id_circuit) != 0)
		imp_diag(d, IMP_ERROR, &az->id_where,
			 "belongs to circuit %s, but %s: %s is circuit %s: give the documents of one circuit",
			 az->id_circuit, c->name_where.file,
			 c->name_where.path, c->name);
	if (!c->name[0] && !az->have_circuit && !az->have_peerings
	    && !az->have_port)
		imp_diag(d, IMP_ERROR, NULL,
			 "no Azure document: give the circuit (az network express-route show) and/or its peerings (az network express-route peering list)");
	else if (!c->name[0])
		imp_diag(d, IMP_ERROR, NULL,
			 "no circuit name in the documents (no circuit document, no resource id): give --name");

	if (az->have_port) {
		if (c->connectivity != ER_CONN_DIRECT && az->have_circuit)
			imp_diag(d, IMP_ERROR, NULL,
				 "an ExpressRoute port document, but the circuit is not on an ExpressRoute port (no expressRoutePort)");
		if (c->text[IMP_DIRECT_PORT] && az->port_name[0]
		    && strcmp(c->text[IMP_DIRECT_PORT], az->port_name) != 0)
			imp_diag(d, IMP_ERROR, &c->text_where[IMP_DIRECT_PORT],
				 "the circuit is on port %s, but the port document is port %s",
				 c->text[IMP_DIRECT_PORT], az->port_name);
		c->connectivity = ER_CONN_DIRECT;
		c->port_speed = az->port_speed;
		c->encapsulation = az->encapsulation;
		if (!c->text[IMP_DIRECT_PORT] && az->port_name[0])
			imp_set_text(c, IMP_DIRECT_PORT, az->port_name, NULL);
	} else if (c->connectivity == ER_CONN_DIRECT)
		imp_diag(d, IMP_WARNING, &c->port_where,
			 "an ExpressRoute Direct circuit: its port's speed and encapsulation are in the port's document (az network express-route port show): give it to import them");

	resolve_peered(az, d);
	for (int t = 0; t < ER_PEERING_MAX; t++)
		imp_prefix_list_sort(&c->peering[t].advertise);
	if (!az->have_peerings && az->have_circuit)
		imp_diag(d, IMP_WARNING, NULL,
			 "no peering in the documents: only the circuit's properties are imported (az network express-route peering list gives the peerings)");
	return d->errors == errors;
}

/*
 * Route and ARP tables of one link
 */
bool imp_parse_link(const char *spec, enum er_peering_type *peering,
		    enum er_role *link)
{
	const char *colon = strchr(spec, ':');
	char name[32];

	if (!colon || (size_t)(colon - spec) >= sizeof(name))
		return false;
	snprintf(name, sizeof(name), "%.*s", (int)(colon - spec), spec);
	if (streq(name, "private") || streq(name, "AzurePrivatePeering"))
		*peering = ER_PEERING_PRIVATE;
	else if (streq(name, "microsoft") || streq(name, "MicrosoftPeering"))
		*peering = ER_PEERING_MICROSOFT;
	else
		return false;
	if (streq(colon + 1, "primary"))
		*link = ER_ROLE_PRIMARY;
	else if (streq(colon + 1, "secondary"))
		*link = ER_ROLE_SECONDARY;
	else
		return false;
	return true;
}

/* An address ("10.0.0.1") or a prefix, as a prefix. */
static bool parse_address(const char *text, struct er_prefix *p)
{
	char buf[ER_PREFIX_STRLEN + 8];

	if (strchr(text, '/'))
		return er_prefix_parse(text, p);
	if (strlen(text) >= ER_PREFIX_STRLEN)
		return false;
	snprintf(buf, sizeof(buf), "%s/%u", text, strchr(text, ':') ? 128 : 32);
	return er_prefix_parse(buf, p);
}

static bool read_route(struct imp_doc *doc, json_object *obj,
		       const struct imp_where *where, struct imp_route *r)
{
	struct imp_where w;
	const char *text;

	memset(r, 0, sizeof(*r));
	r->where = *where;
	if (!imp_get_string(doc, obj, where, "network", &text, &w)) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing: the prefix of the route");
		return false;
	}
	if (!er_prefix_parse(text, &r->network)) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "'%.60s' is not an IPv4 or IPv6 prefix", text);
		return false;
	}
	if (imp_get_string(doc, obj, where, "nextHop", &text, &w) && text[0]) {
		if (!parse_address(text, &r->next_hop)) {
			imp_diag(doc->diags, IMP_ERROR, &w,
				 "'%.60s' is not an IP address", text);
			return false;
		}
		r->has_next_hop = true;
	}
	if (imp_get_string(doc, obj, where, "path", &text, &w))
		snprintf(r->path, sizeof(r->path), "%s", text);
	return true;
}

static bool read_arp(struct imp_doc *doc, json_object *obj,
		     const struct imp_where *where, struct imp_arp *a)
{
	struct imp_where w;
	const char *text;

	memset(a, 0, sizeof(*a));
	a->where = *where;
	if (imp_get_string(doc, obj, where, "interface", &text, &w))
		snprintf(a->interface, sizeof(a->interface), "%s", text);
	if (imp_get_string(doc, obj, where, "macAddress", &text, &w))
		snprintf(a->mac, sizeof(a->mac), "%s", text);
	if (!imp_get_string(doc, obj, where, "ipAddress", &text, &w)) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing: the IP address of the ARP entry");
		return false;
	}
	if (!parse_address(text, &a->ip)) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "'%.60s' is not an IP address", text);
		return false;
	}
	a->has_ip = true;
	return true;
}

bool imp_table_load(struct imp_table *t, json_object *doc, const char *file,
		    struct imp_diags *d)
{
	struct imp_doc ctx = {.file = file, .diags = d};
	struct imp_where where = {.file = file};
	enum imp_doc_kind kind = imp_azure_kind(doc);
	enum imp_doc_kind want = t->kind == IMP_TABLE_ARP ? IMP_DOC_ARP_TABLE
							  : IMP_DOC_ROUTE_TABLE;
	size_t errors = d->errors, n;
	json_object *items;

	t->file = file;
	/* an empty list is an empty table of either kind */
	if (kind == IMP_DOC_PEERING_LIST) {
		items = list_items(doc, &where);
		if (items && json_object_array_length(items) == 0)
			kind = want;
	}
	if (kind != want) {
		imp_diag(d, IMP_ERROR, &where, "%s, not %s",
			 imp_doc_kind_name(kind), imp_doc_kind_name(want));
		return false;
	}
	where.path[0] = '\0';
	items = list_items(doc, &where);
	if (!json_object_is_type(items, json_type_array)) {
		where.path[0] = '\0';
		imp_diag(d, IMP_ERROR, &where,
			 "one entry of %s, not the table: give the whole list (its \"value\")",
			 imp_doc_kind_name(want));
		return false;
	}
	n = json_object_array_length(items);
	if (t->kind == IMP_TABLE_ARP)
		t->arps = calloc(n ? n : 1, sizeof(*t->arps));
	else
		t->routes = calloc(n ? n : 1, sizeof(*t->routes));
	if (!t->arps && !t->routes) {
		imp_diag(d, IMP_ERROR, &where, "out of memory");
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		json_object *item = json_object_array_get_idx(items, i);
		struct imp_where w;
		bool ok;

		imp_where_index(&w, &where, i);
		if (!json_object_is_type(item, json_type_object)) {
			imp_diag(d, IMP_ERROR, &w, "expected an object, found %s",
				 imp_json_type_name(item));
			continue;
		}
		if (t->kind == IMP_TABLE_ARP)
			ok = read_arp(&ctx, item, &w, &t->arps[t->count]);
		else
			ok = read_route(&ctx, item, &w, &t->routes[t->count]);
		if (ok)
			t->count++;
	}
	return d->errors == errors;
}

void imp_table_free(struct imp_table *t)
{
	free(t->routes);
	free(t->arps);
	t->routes = NULL;
	t->arps = NULL;
	t->count = 0;
}
