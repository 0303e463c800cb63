// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ExpressRoute rules applied to a candidate configuration.
 *
 * Runs once per transaction over the whole model: the rules relate leaves of
 * a circuit (bandwidth and connectivity), of a circuit's peerings (VLANs),
 * of the circuits on one ExpressRoute Direct port pair (speed,
 * encapsulation, Dot1Q VLAN IDs), of the two ends of a Global Reach
 * connection and of all circuits of a routing table (no subnet may overlap
 * another in one VRF; a Microsoft peering's public subnets and advertised
 * prefixes not even across VRFs).  Each circuit and peering is checked on
 * its own; the prefixes and the port pairs' VLAN IDs are collected on the
 * way and checked at the end, sorted, so the cost grows as n log n with the
 * number of circuits.
 *
 * A rule that only warns (a BFD interval the MSEE overrides) adds a line
 * to the message of a successful validation, which vtysh prints after the
 * commit; only what the candidate changes from running is warned about, so
 * that every later commit does not repeat it.
 */

#include <zebra.h>

#include "lib/memory.h"
#include "lib/northbound.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

#include "er_nb.h"

DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_VALIDATE, "ExpressRoute validation");

/*
 * The scopes of the overlap check: each BGP instance (VRF) is a routing
 * table of its own, numbered from 1; a Microsoft peering's public
 * addresses are also in scope 0, the router's, since they are the
 * customer's registered addresses and Microsoft takes each once.
 */
#define ER_SCOPE_ROUTER 0

/* What an item of the router-wide checks is, for the messages. */
struct er_label {
	const struct lyd_node *circuit;
	const char *what; /* "private peering IPv4 primary subnet", ... */
};

/* A circuit on an ExpressRoute Direct port pair. */
struct er_direct {
	const struct lyd_node *circuit;
	const char *port;
	enum er_port_speed speed;
	enum er_encapsulation encap;
	uint16_t vlan[ER_PEERING_MAX]; /* 0: the peering has none */
};

/* A growing array of items of a given size. */
struct er_array {
	void *items;
	size_t count, size;
};

struct er_check {
	char *errmsg;
	size_t errmsg_len;
	struct er_array prefixes; /* struct er_prefix_item, tag: label */
	struct er_array labels;	  /* struct er_label */
	struct er_array direct;	  /* struct er_direct */
	size_t scope;		  /* of the instance being checked */
	char warnings[4096];
};

/* Iterate over the children of a data node that have the given name. */
#define ER_FOREACH_CHILD(parent, child_name, child)                            \
	LY_LIST_FOR (lyd_child(parent), child)                                 \
		if (strcmp(child->schema->name, child_name) == 0)

#define ER_ARRAY_AT(array, type, i) (&((type *)(array)->items)[i])

/* Room for one more item; returns it, zeroed. */
static void *er_array_add(struct er_array *array, size_t item_size)
{
	void *item;

	if (array->count == array->size) {
		array->size = array->size ? array->size * 2 : 64;
		array->items = XREALLOC(MTYPE_ER_VALIDATE, array->items,
					array->size * item_size);
	}
	item = (char *)array->items + array->count++ * item_size;
	memset(item, 0, item_size);
	return item;
}

static const char *circuit_name(const struct lyd_node *circuit)
{
	return yang_dnode_get_string(circuit, "./name");
}

static const char *circuit_vrf(const struct lyd_node *circuit)
{
	return yang_dnode_get_string(circuit, "../vrf");
}

/* "circuit NAME (vrf VRF)", as every message starts. */
static const char *circuit_label(const struct lyd_node *circuit, char *buf,
				 size_t size)
{
	snprintf(buf, size, "circuit %s (vrf %s)", circuit_name(circuit),
		 circuit_vrf(circuit));
	return buf;
}

/*
 * The last refusal: its message, and the data node it is about as an
 * XPath, for clients that point at the node (NETCONF's error-path).
 */
static struct {
	char msg[BUFSIZ];
	char path[XPATH_MAXLEN];
} er_refusal;

const char *er_validate_error_path(const char *errmsg)
{
	return er_refusal.path[0] && strcmp(errmsg, er_refusal.msg) == 0
		       ? er_refusal.path
		       : NULL;
}

/* Refuse with msg about a circuit or one of its peerings. */
static int refuse(char *errmsg, size_t errmsg_len,
		  const struct lyd_node *circuit, const char *peering,
		  const char *msg)
{
	size_t len;

	strlcpy(errmsg, msg, errmsg_len);
	strlcpy(er_refusal.msg, errmsg, sizeof(er_refusal.msg));
	yang_dnode_get_path(circuit, er_refusal.path, sizeof(er_refusal.path));
	len = strlen(er_refusal.path);
	if (peering)
		snprintf(er_refusal.path + len, sizeof(er_refusal.path) - len,
			 "/peering[type='%s']", peering);
	return NB_ERR_VALIDATION;
}

/* "circuit NAME (vrf VRF)[ peering TYPE]: MSG" */
static int fail(struct er_check *check, const struct lyd_node *circuit,
		const char *peering, const char *msg)
{
	char label[ER_CIRCUIT_NAMSIZ + ER_VRF_NAMSIZ + 16];
	char full[BUFSIZ];

	snprintf(full, sizeof(full), "%s%s%s: %s",
		 circuit_label(circuit, label, sizeof(label)),
		 peering ? " peering " : "", peering ? peering : "", msg);
	return refuse(check->errmsg, check->errmsg_len, circuit, peering,
		      full);
}

/* One more line for the commit's warnings, if it fits whole. */
static void warn(struct er_check *check, const struct lyd_node *circuit,
		 const char *peering, const char *msg)
{
	char label[ER_CIRCUIT_NAMSIZ + ER_VRF_NAMSIZ + 16];
	char line[ER_MSG_SIZE + sizeof(label) + 32];
	size_t len = strlen(check->warnings);

	snprintf(line, sizeof(line), "%s%% Warning: %s%s%s: %s",
		 len ? "\n" : "", circuit_label(circuit, label, sizeof(label)),
		 peering ? " peering " : "", peering ? peering : "", msg);
	if (len + strlen(line) < sizeof(check->warnings))
		strlcpy(check->warnings + len, line,
			sizeof(check->warnings) - len);
}

/* public: a Microsoft peering's address, unique across VRFs too. */
static void prefix_add(struct er_check *check, const struct er_prefix *p,
		       enum er_prefix_use use, const struct lyd_node *circuit,
		       const char *what, bool public)
{
	struct er_prefix_item item = {
		.prefix = *p,
		.use = use,
		.scope = check->scope,
		.tag = check->labels.count,
	};
	struct er_label *label;

	label = er_array_add(&check->labels, sizeof(*label));
	label->circuit = circuit;
	label->what = what;
	*(struct er_prefix_item *)er_array_add(&check->prefixes,
					       sizeof(item)) = item;
	if (!public)
		return;
	item.scope = ER_SCOPE_ROUTER;
	*(struct er_prefix_item *)er_array_add(&check->prefixes,
					       sizeof(item)) = item;
}

static bool dnode_prefix(const struct lyd_node *dnode, const char *xpath,
			 struct er_prefix *p)
{
	if (!yang_dnode_exists(dnode, xpath))
		return false;
	return er_prefix_parse(yang_dnode_get_string(dnode, "%s", xpath), p);
}

static const char *dnode_string(const struct lyd_node *dnode, const char *xpath)
{
	if (!yang_dnode_exists(dnode, xpath))
		return NULL;
	return yang_dnode_get_string(dnode, "%s", xpath);
}

static const char *const subnet_names[ER_PEERING_MAX][2][3] = {
	[ER_PEERING_PRIVATE] = {
		{"private peering IPv4 primary subnet",
		 "private peering IPv4 secondary subnet",
		 "private peering IPv4 block"},
		{"private peering IPv6 primary subnet",
		 "private peering IPv6 secondary subnet",
		 "private peering IPv6 block"},
	},
	[ER_PEERING_MICROSOFT] = {
		{"microsoft peering IPv4 primary subnet",
		 "microsoft peering IPv4 secondary subnet",
		 "microsoft peering IPv4 block"},
		{"microsoft peering IPv6 primary subnet",
		 "microsoft peering IPv6 secondary subnet",
		 "microsoft peering IPv6 block"},
	},
};

static const char *const advertised_names[ER_PEERING_MAX] = {
	[ER_PEERING_PRIVATE] = "private peering advertised prefix",
	[ER_PEERING_MICROSOFT] = "microsoft peering advertised prefix",
};

/*
 * A /29 (/125) block, as Microsoft gives it: it must split into the two
 * link subnets.  It stands for both in the router-wide overlap check.
 */
static int check_link_block(struct er_check *check,
			    const struct lyd_node *circuit,
			    const struct lyd_node *peering,
			    enum er_peering_type type, int afi_index,
			    const struct er_prefix *block)
{
	const char *tname = er_peering_type2str(type);
	struct er_prefix half[2];
	char msg[ER_MSG_SIZE];

	if (!er_split_subnet(block, &half[0], &half[1], msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);
	if (type == ER_PEERING_MICROSOFT
	    && !er_check_public_prefix(block, msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);
	prefix_add(check, block, ER_USE_LINK, circuit,
		   subnet_names[type][afi_index][2],
		   type == ER_PEERING_MICROSOFT);
	return NB_OK;
}

/* The primary and secondary subnets, or the block, of one family. */
static int check_link_subnets(struct er_check *check,
			      const struct lyd_node *circuit,
			      const struct lyd_node *peering,
			      enum er_peering_type type, int afi_index)
{
	const char *container = afi_index ? "./ipv6" : "./ipv4";
	const char *tname = er_peering_type2str(type);
	struct er_prefix subnet[2], block;
	bool present[2];
	char xpath[64], msg[ER_MSG_SIZE];

	snprintf(xpath, sizeof(xpath), "%s/block", container);
	if (dnode_prefix(peering, xpath, &block))
		return check_link_block(check, circuit, peering, type,
					afi_index, &block);

	for (int role = 0; role < 2; role++) {
		snprintf(xpath, sizeof(xpath), "%s/%s", container,
			 role ? "secondary-subnet" : "primary-subnet");
		present[role] = dnode_prefix(peering, xpath, &subnet[role]);
		if (!present[role])
			continue;
		if (!er_check_link_subnet(&subnet[role], msg, sizeof(msg)))
			return fail(check, circuit, tname, msg);
		if (type == ER_PEERING_MICROSOFT
		    && !er_check_public_prefix(&subnet[role], msg, sizeof(msg)))
			return fail(check, circuit, tname, msg);
		prefix_add(check, &subnet[role], ER_USE_LINK, circuit,
			   subnet_names[type][afi_index][role],
			   type == ER_PEERING_MICROSOFT);
	}
	if (present[0] && present[1]
	    && !er_check_link_pair(&subnet[0], &subnet[1], msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);
	return NB_OK;
}

/*
 * BFD faster than the MSEE: accepted, with a warning when the candidate
 * brings it (not when running had it already).
 */
static void check_bfd(struct er_check *check, const struct lyd_node *circuit,
		      const struct lyd_node *peering, enum er_peering_type type)
{
	const struct lyd_node *running;
	uint32_t interval;
	char msg[ER_MSG_SIZE];

	if (!yang_dnode_get_bool(peering, "./bfd/enabled"))
		return;
	interval = yang_dnode_get_uint32(peering, "./bfd/interval");
	if (er_check_bfd_interval(interval, msg, sizeof(msg)) != ER_WARN)
		return;
	running = yang_dnode_getf(running_config->dnode,
				  ER_XPATH_CIRCUIT "/peering[type='%s']/bfd",
				  circuit_vrf(circuit), circuit_name(circuit),
				  er_peering_type2str(type));
	if (running && yang_dnode_get_bool(running, "./enabled")
	    && yang_dnode_get_uint32(running, "./interval") == interval)
		return;
	warn(check, circuit, er_peering_type2str(type), msg);
}

/* A region's programmatic name that Microsoft publishes communities for. */
static int check_region(struct er_check *check, const struct lyd_node *circuit,
			const char *peering, const char *leaf,
			const struct lyd_node *child)
{
	const char *name = yang_dnode_get_string(child, NULL);
	char msg[ER_MSG_SIZE];

	if (er_region_find(name) >= 0)
		return NB_OK;
	snprintf(msg, sizeof(msg),
		 "%s %s: Microsoft publishes no BGP community for such a region (Azure's programmatic names: eastus, westeurope, ...; `show expressroute communities` lists them)",
		 leaf, name);
	return fail(check, circuit, peering, msg);
}

static int check_communities(struct er_check *check,
			     const struct lyd_node *circuit,
			     const struct lyd_node *peering,
			     enum er_peering_type type)
{
	const char *tname = er_peering_type2str(type);
	const struct lyd_node *child;
	char msg[ER_MSG_SIZE];
	int ret;

	ER_FOREACH_CHILD (peering, "prefer-region", child) {
		ret = check_region(check, circuit, tname, "prefer-region",
				   child);
		if (ret != NB_OK)
			return ret;
	}
	ER_FOREACH_CHILD (peering, "expect-service", child) {
		const char *name = yang_dnode_get_string(child, NULL);

		if (type != ER_PEERING_MICROSOFT)
			return fail(check, circuit, tname,
				    "expect-service is for Microsoft peering: Microsoft tags services there only");
		if (er_service_find(name) >= 0)
			continue;
		snprintf(msg, sizeof(msg),
			 "expect-service %s: no such service community (exchange, sharepoint, skype, crm, azure-global, entra-id, arm, office365, defender-identity, pstn, usgov-...; `show expressroute communities` lists them)",
			 name);
		return fail(check, circuit, tname, msg);
	}
	if (type != ER_PEERING_PRIVATE
	    && yang_dnode_get_bool(peering, "./custom-vnet-communities"))
		return fail(check, circuit, tname,
			    "custom-vnet-communities is for private peering: virtual networks' communities come over it");
	return NB_OK;
}

static int check_peering(struct er_check *check, const struct bgp *bgp,
			 const struct lyd_node *circuit,
			 const struct lyd_node *peering, enum er_sku sku)
{
	enum er_peering_type type = yang_dnode_get_enum(peering, "./type");
	const char *tname = er_peering_type2str(type);
	const struct lyd_node *child;
	char msg[ER_MSG_SIZE];
	int ret;

	if (bgp && er_check_asn(bgp->as, type, msg, sizeof(msg)) == ER_ERROR)
		return fail(check, circuit, tname, msg);

	for (int afi_index = 0; afi_index < 2; afi_index++) {
		ret = check_link_subnets(check, circuit, peering, type,
					 afi_index);
		if (ret != NB_OK)
			return ret;
	}

	if (yang_dnode_exists(peering, "./shared-key")
	    && !er_check_shared_key(
		    yang_dnode_get_string(peering, "./shared-key"), msg,
		    sizeof(msg)))
		return fail(check, circuit, tname, msg);

	if (!er_check_timers(yang_dnode_get_uint16(peering, "./timers/keepalive"),
			     yang_dnode_get_uint16(peering, "./timers/hold"),
			     msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);
	check_bfd(check, circuit, peering, type);

	if (yang_dnode_exists(peering, "./prefix-limit-out/ipv4")
	    && !er_check_prefix_limit_out(
		    sku, type, AF_INET,
		    yang_dnode_get_uint32(peering, "./prefix-limit-out/ipv4"),
		    msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);
	if (yang_dnode_exists(peering, "./prefix-limit-out/ipv6")
	    && !er_check_prefix_limit_out(
		    sku, type, AF_INET6,
		    yang_dnode_get_uint32(peering, "./prefix-limit-out/ipv6"),
		    msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);

	ER_FOREACH_CHILD (peering, "advertise", child) {
		struct er_prefix p;

		if (type != ER_PEERING_MICROSOFT)
			return fail(check, circuit, tname,
				    "advertise lists the prefixes of a Microsoft peering; private peering advertises what the BGP instance has");
		if (!er_prefix_parse(yang_dnode_get_string(child, NULL), &p)
		    || !er_check_advertised_prefix(type, &p, msg, sizeof(msg)))
			return fail(check, circuit, tname, msg);
		prefix_add(check, &p, ER_USE_ADVERTISED, circuit,
			   advertised_names[type], true);
	}
	return check_communities(check, circuit, peering, type);
}

/* Could be a circuit's name (typedef name-string), safe in a predicate. */
static bool is_circuit_name(const char *str)
{
	size_t len = strlen(str);

	return len > 0 && len < ER_CIRCUIT_NAMSIZ
	       && strspn(str, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			      "abcdefghijklmnopqrstuvwxyz0123456789._-")
			  == len;
}

/*
 * The other end of a Global Reach connection, if it is a circuit of this
 * router: by name, in the circuit's own BGP instance first, then in the
 * only other instance that has a circuit of that name.  A peer given as
 * an Azure resource ID (or anything that is no circuit name) has none.
 */
static const struct lyd_node *global_reach_peer(const struct lyd_node *circuit,
						const char *peer)
{
	const struct lyd_node *instance = lyd_parent(circuit);
	const struct lyd_node *other, *found = NULL, *dnode;

	if (!is_circuit_name(peer))
		return NULL;
	dnode = yang_dnode_getf(instance, "./circuit[name='%s']", peer);
	if (dnode)
		return dnode;
	ER_FOREACH_CHILD (lyd_parent(instance), "instance", other) {
		if (other == instance)
			continue;
		dnode = yang_dnode_getf(other, "./circuit[name='%s']", peer);
		if (!dnode)
			continue;
		if (found)
			return NULL; /* in two other instances: which one? */
		found = dnode;
	}
	return found;
}

static int check_global_reach(struct er_check *check,
			      const struct lyd_node *circuit,
			      const struct lyd_node *gr, enum er_sku sku)
{
	static const char *const leafs[] = {"./subnet", "./ipv6-subnet"};
	static const char *const names[] = {"Global Reach subnet",
					    "Global Reach IPv6 subnet"};
	const char *name = circuit_name(circuit);
	const char *peer_name = yang_dnode_get_string(gr, "./peer-circuit");
	const struct lyd_node *peer;
	struct er_prefix subnet;
	char msg[ER_MSG_SIZE];
	bool any = false;

	/* an IPv4 /29, an IPv6 /125, or both */
	for (size_t i = 0; i < array_size(leafs); i++) {
		if (!yang_dnode_exists(gr, leafs[i]))
			continue;
		if (!dnode_prefix(gr, leafs[i], &subnet)) {
			snprintf(msg, sizeof(msg), "%s is not a valid prefix",
				 names[i]);
			return fail(check, circuit, NULL, msg);
		}
		if (!er_check_global_reach(name, peer_name, &subnet, msg,
					   sizeof(msg)))
			return fail(check, circuit, NULL, msg);
		prefix_add(check, &subnet, ER_USE_GLOBAL_REACH, circuit,
			   names[i], false);
		any = true;
	}
	if (!any)
		return fail(check, circuit, NULL,
			    "a Global Reach connection needs its IPv4 /29, its IPv6 /125, or both");

	if (!er_check_global_reach_sku(sku, name, peer_name, msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);
	peer = global_reach_peer(circuit, peer_name);
	if (!peer || peer == circuit)
		return NB_OK;
	if (!er_check_global_reach_sku(yang_dnode_get_enum(peer, "./sku"),
				       peer_name, name, msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);
	if (!er_check_global_reach_locations(
		    dnode_string(circuit, "./location"), peer_name,
		    dnode_string(peer, "./location"), msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);
	return NB_OK;
}

/*
 * What belongs to an ExpressRoute Direct port pair only: its speed, the
 * port resource and its encapsulation.  A Direct circuit on a named port
 * is kept for the checks across the circuits of that port.
 */
static int check_direct(struct er_check *check, const struct lyd_node *circuit,
			enum er_connectivity conn, enum er_port_speed speed)
{
	const char *port = dnode_string(circuit, "./direct-port");
	const char *encap_name = dnode_string(circuit, "./encapsulation");
	enum er_encapsulation encap = ER_ENCAP_NONE;
	const struct lyd_node *peering;
	struct er_direct *direct;
	char msg[ER_MSG_SIZE];

	if (!er_check_port_speed(conn, speed, msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);
	if (port
	    && !er_check_direct_only(conn, "direct-port", port, msg,
				     sizeof(msg)))
		return fail(check, circuit, NULL, msg);
	if (encap_name) {
		if (!er_check_direct_only(conn, "encapsulation", encap_name,
					  msg, sizeof(msg)))
			return fail(check, circuit, NULL, msg);
		encap = yang_dnode_get_enum(circuit, "./encapsulation");
	}
	if (conn != ER_CONN_DIRECT || !port)
		return NB_OK;

	direct = er_array_add(&check->direct, sizeof(*direct));
	direct->circuit = circuit;
	direct->port = port;
	direct->speed = speed;
	direct->encap = encap;
	ER_FOREACH_CHILD (circuit, "peering", peering)
		if (yang_dnode_exists(peering, "./vlan-id"))
			direct->vlan[yang_dnode_get_enum(peering, "./type")] =
				yang_dnode_get_uint16(peering, "./vlan-id");
	return NB_OK;
}

static int check_circuit(struct er_check *check, const struct bgp *bgp,
			 const struct lyd_node *circuit)
{
	enum er_connectivity conn = yang_dnode_get_enum(circuit,
							"./connectivity");
	enum er_port_speed speed = ER_PORT_SPEED_NONE;
	enum er_sku sku = yang_dnode_get_enum(circuit, "./sku");
	const struct lyd_node *peering, *gr;
	uint32_t vlans[ER_PEERING_MAX] = {};
	char msg[ER_MSG_SIZE];
	int ret;

	if (yang_dnode_exists(circuit, "./service-key")
	    && !er_check_service_key(
		    yang_dnode_get_string(circuit, "./service-key"), msg,
		    sizeof(msg)))
		return fail(check, circuit, NULL, msg);

	if (yang_dnode_exists(circuit, "./port-speed"))
		speed = yang_dnode_get_enum(circuit, "./port-speed");
	ret = check_direct(check, circuit, conn, speed);
	if (ret != NB_OK)
		return ret;
	if (yang_dnode_exists(circuit, "./bandwidth")
	    && !er_check_bandwidth(conn, speed,
				   yang_dnode_get_uint32(circuit, "./bandwidth"),
				   msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);

	ER_FOREACH_CHILD (circuit, "local-region", gr) {
		ret = check_region(check, circuit, NULL, "local-region", gr);
		if (ret != NB_OK)
			return ret;
	}

	ER_FOREACH_CHILD (circuit, "peering", peering) {
		enum er_peering_type type = yang_dnode_get_enum(peering,
								"./type");

		ret = check_peering(check, bgp, circuit, peering, sku);
		if (ret != NB_OK)
			return ret;
		if (!yang_dnode_exists(peering, "./vlan-id"))
			continue;
		vlans[type] = yang_dnode_get_uint16(peering, "./vlan-id");
	}
	/*
	 * By type, not in the order of the data: libyang 2 keeps the
	 * peerings as they came, libyang 3 orders them its own way.
	 */
	for (int type = ER_PEERING_MAX - 1; type >= 0; type--)
		for (int other = 0; other < type; other++)
			if (vlans[type] && vlans[other]
			    && !er_check_vlan_unique(vlans[type], type,
						     vlans[other], other, msg,
						     sizeof(msg)))
				return fail(check, circuit, NULL, msg);

	ER_FOREACH_CHILD (circuit, "global-reach", gr) {
		ret = check_global_reach(check, circuit, gr, sku);
		if (ret != NB_OK)
			return ret;
	}
	return NB_OK;
}

/*
 * "WHAT of circuit NAME", and the VRF too when the two items are in
 * different ones (only a Microsoft peering's public addresses conflict
 * across VRFs).
 */
static void overlap_label(const struct er_label *l, bool with_vrf, char *buf,
			  size_t size)
{
	snprintf(buf, size, "%s of circuit %s%s%s%s", l->what,
		 circuit_name(l->circuit), with_vrf ? " (vrf " : "",
		 with_vrf ? circuit_vrf(l->circuit) : "", with_vrf ? ")" : "");
}

/* Prefixes that must not share addresses, per VRF and router-wide. */
static int check_overlaps(struct er_check *check)
{
	char what_a[192], what_b[192], msg[ER_MSG_SIZE];
	const struct er_label *la, *lb;
	const struct er_prefix_item *a, *b;
	size_t ia, ib, len;
	bool across;

	if (!er_find_prefix_conflict(check->prefixes.items,
				     check->prefixes.count, &ia, &ib))
		return NB_OK;
	a = ER_ARRAY_AT(&check->prefixes, struct er_prefix_item, ia);
	b = ER_ARRAY_AT(&check->prefixes, struct er_prefix_item, ib);
	la = ER_ARRAY_AT(&check->labels, struct er_label, a->tag);
	lb = ER_ARRAY_AT(&check->labels, struct er_label, b->tag);
	across = strcmp(circuit_vrf(la->circuit), circuit_vrf(lb->circuit));
	overlap_label(la, across, what_a, sizeof(what_a));
	overlap_label(lb, across, what_b, sizeof(what_b));
	er_check_no_overlap(&a->prefix, what_a, &b->prefix, what_b, msg,
			    sizeof(msg));
	len = strlen(msg);
	if (across)
		snprintf(msg + len, sizeof(msg) - len,
			 " (a Microsoft peering's public addresses are unique across all VRFs)");
	return refuse(check->errmsg, check->errmsg_len, lb->circuit, NULL, msg);
}

/* By port, then VRF and name: the same order, and messages, every time. */
static int direct_cmp(const void *va, const void *vb)
{
	const struct er_direct *a = va, *b = vb;
	int ret = strcmp(a->port, b->port);

	if (!ret)
		ret = strcmp(circuit_vrf(a->circuit), circuit_vrf(b->circuit));
	if (!ret)
		ret = strcmp(circuit_name(a->circuit), circuit_name(b->circuit));
	return ret;
}

/* "circuit NAME (vrf VRF) TYPE peering" of a port pair's VLAN item. */
static void port_vlan_label(const struct er_direct *direct, size_t tag,
			    char *buf, size_t size)
{
	char label[ER_CIRCUIT_NAMSIZ + ER_VRF_NAMSIZ + 16];

	snprintf(buf, size, "%s %s peering",
		 circuit_label(direct->circuit, label, sizeof(label)),
		 er_peering_type2str(tag % ER_PEERING_MAX));
}

/* The VLAN IDs of the peerings of items[first..end), tag: item, type. */
static size_t port_vlans_add(struct er_port_vlan *vlans, size_t nvlans,
			     const struct er_direct *items, size_t first,
			     size_t end)
{
	for (size_t i = first; i < end; i++) {
		for (int type = 0; type < ER_PEERING_MAX; type++) {
			if (!items[i].vlan[type])
				continue;
			vlans[nvlans++] = (struct er_port_vlan){
				.port = items[i].port,
				.vlan = items[i].vlan[type],
				.tag = i * ER_PEERING_MAX + type,
			};
		}
	}
	return nvlans;
}

/*
 * The circuits of one port pair agree on its speed and encapsulation; with
 * Dot1Q, their peerings' VLAN IDs are unique across the port pair.
 */
static int check_port_pairs(struct er_check *check)
{
	struct er_direct *items = check->direct.items;
	size_t count = check->direct.count, group;
	struct er_port_vlan *vlans = NULL;
	size_t nvlans = 0, ia, ib;
	char label[2][ER_CIRCUIT_NAMSIZ + ER_VRF_NAMSIZ + 32];
	char msg[ER_MSG_SIZE];
	int ret = NB_OK;

	if (!count)
		return NB_OK;
	qsort(items, count, sizeof(*items), direct_cmp);
	vlans = XCALLOC(MTYPE_ER_VALIDATE,
			count * ER_PEERING_MAX * sizeof(*vlans));
	for (group = 0; group < count;) {
		const struct er_direct *speed_of = NULL, *encap_of = NULL;
		size_t end = group;

		for (; end < count
		       && strcmp(items[end].port, items[group].port) == 0;
		     end++) {
			const struct er_direct *d = &items[end];

			circuit_label(d->circuit, label[0], sizeof(label[0]));
			if (speed_of
			    && !er_check_port_consistent(
				    d->port, label[0], d->speed, ER_ENCAP_NONE,
				    circuit_label(speed_of->circuit, label[1],
						  sizeof(label[1])),
				    speed_of->speed, ER_ENCAP_NONE, msg,
				    sizeof(msg)))
				break;
			if (encap_of
			    && !er_check_port_consistent(
				    d->port, label[0], ER_PORT_SPEED_NONE,
				    d->encap,
				    circuit_label(encap_of->circuit, label[1],
						  sizeof(label[1])),
				    ER_PORT_SPEED_NONE, encap_of->encap, msg,
				    sizeof(msg)))
				break;
			if (!speed_of && d->speed != ER_PORT_SPEED_NONE)
				speed_of = d;
			if (!encap_of && d->encap != ER_ENCAP_NONE)
				encap_of = d;
		}
		if (end < count
		    && strcmp(items[end].port, items[group].port) == 0) {
			ret = fail(check, items[end].circuit, NULL, msg);
			goto done;
		}
		if (encap_of && encap_of->encap == ER_ENCAP_DOT1Q)
			nvlans = port_vlans_add(vlans, nvlans, items, group,
						end);
		group = end;
	}

	if (er_find_port_vlan_clash(vlans, nvlans, &ia, &ib)) {
		size_t ta = vlans[ia].tag, tb = vlans[ib].tag;
		const struct er_direct *da = &items[ta / ER_PEERING_MAX];
		const struct er_direct *db = &items[tb / ER_PEERING_MAX];

		port_vlan_label(db, tb, label[0], sizeof(label[0]));
		port_vlan_label(da, ta, label[1], sizeof(label[1]));
		er_check_port_vlan_unique(db->port, vlans[ib].vlan, label[0],
					  vlans[ia].vlan, label[1], msg,
					  sizeof(msg));
		ret = fail(check, db->circuit,
			   er_peering_type2str(tb % ER_PEERING_MAX), msg);
	}
done:
	XFREE(MTYPE_ER_VALIDATE, vlans);
	return ret;
}

/*
 * vtysh can only put a circuit under `router bgp [vrf NAME]`, and
 * running-config writes it there; a circuit sent over NETCONF for a vrf
 * without a BGP instance would be accepted, and lost at the next restart.
 */
static int check_bgp_instance(struct er_check *check, const char *vrf,
			      const struct lyd_node *circuit)
{
	bool named = strcmp(vrf, ER_VRF_DEFAULT) != 0;
	char msg[ER_MSG_SIZE];

	snprintf(msg, sizeof(msg),
		 "vrf %s has no BGP instance: configure `router bgp ASN%s%s` first",
		 vrf, named ? " vrf " : "", named ? vrf : "");
	return fail(check, circuit, NULL, msg);
}

int er_validate_model(const struct lyd_node *model, char *errmsg,
		      size_t errmsg_len)
{
	struct er_check check = {
		.errmsg = errmsg,
		.errmsg_len = errmsg_len,
	};
	const struct lyd_node *instance, *circuit;
	int ret = NB_OK;

	er_refusal.path[0] = '\0';
	ER_FOREACH_CHILD (model, "instance", instance) {
		const char *vrf = yang_dnode_get_string(instance, "./vrf");
		const struct bgp *bgp = er_bgp_of_vrf(vrf);

		check.scope++;
		ER_FOREACH_CHILD (instance, "circuit", circuit) {
			if (!bgp) {
				ret = check_bgp_instance(&check, vrf, circuit);
				goto done;
			}
			ret = check_circuit(&check, bgp, circuit);
			if (ret != NB_OK)
				goto done;
		}
	}
	ret = check_overlaps(&check);
	if (ret == NB_OK)
		ret = check_port_pairs(&check);
	if (ret == NB_OK && check.warnings[0])
		snprintf(errmsg, errmsg_len, "%s", check.warnings);
done:
	XFREE(MTYPE_ER_VALIDATE, check.prefixes.items);
	XFREE(MTYPE_ER_VALIDATE, check.labels.items);
	XFREE(MTYPE_ER_VALIDATE, check.direct.items);
	return ret;
}
