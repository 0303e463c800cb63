// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ExpressRoute rules applied to a candidate configuration.
 *
 * Runs once per transaction over the whole model: the rules relate leaves of
 * a circuit (bandwidth and connectivity), of a circuit's peerings (VLANs)
 * and of all circuits of the router (no subnet may overlap another).  Each
 * circuit and peering is checked on its own, then every subnet is put in one
 * sorted array where overlapping prefixes end up next to each other, so the
 * cost grows as n log n with the number of circuits.
 */

#include <zebra.h>

#include "lib/memory.h"
#include "lib/northbound.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

#include "er_nb.h"

DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_VALIDATE, "ExpressRoute validation");

/* One subnet of the model, for the router-wide overlap check. */
struct er_subnet {
	struct er_prefix prefix;
	const struct lyd_node *owner; /* circuit */
	const char *what;	      /* "private peering primary subnet", ... */
};

struct er_subnets {
	struct er_subnet *items;
	size_t count, size;
};

struct er_check {
	char *errmsg;
	size_t errmsg_len;
	struct er_subnets subnets;
};

/* Iterate over the children of a data node that have the given name. */
#define ER_FOREACH_CHILD(parent, child_name, child)                            \
	LY_LIST_FOR (lyd_child(parent), child)                                 \
		if (strcmp(child->schema->name, child_name) == 0)

static const char *circuit_name(const struct lyd_node *circuit)
{
	return yang_dnode_get_string(circuit, "./name");
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

/* "circuit NAME (vrf VRF)" prefix of every message. */
static int fail(struct er_check *check, const struct lyd_node *circuit,
		const char *peering, const char *msg)
{
	char full[BUFSIZ];

	snprintf(full, sizeof(full), "circuit %s (vrf %s)%s%s: %s",
		 circuit_name(circuit), yang_dnode_get_string(circuit, "../vrf"),
		 peering ? " peering " : "", peering ? peering : "", msg);
	return refuse(check->errmsg, check->errmsg_len, circuit, peering,
		      full);
}

static void subnet_add(struct er_subnets *subnets, const struct er_prefix *p,
		       const struct lyd_node *circuit, const char *what)
{
	if (subnets->count == subnets->size) {
		subnets->size = subnets->size ? subnets->size * 2 : 64;
		subnets->items = XREALLOC(MTYPE_ER_VALIDATE, subnets->items,
					  subnets->size
						  * sizeof(*subnets->items));
	}
	subnets->items[subnets->count++] = (struct er_subnet){
		.prefix = *p,
		.owner = circuit,
		.what = what,
	};
}

static bool dnode_prefix(const struct lyd_node *dnode, const char *xpath,
			 struct er_prefix *p)
{
	if (!yang_dnode_exists(dnode, xpath))
		return false;
	return er_prefix_parse(yang_dnode_get_string(dnode, xpath), p);
}

static const char *const subnet_names[ER_PEERING_MAX][2][2] = {
	[ER_PEERING_PRIVATE] = {
		{"private peering IPv4 primary subnet",
		 "private peering IPv4 secondary subnet"},
		{"private peering IPv6 primary subnet",
		 "private peering IPv6 secondary subnet"},
	},
	[ER_PEERING_MICROSOFT] = {
		{"microsoft peering IPv4 primary subnet",
		 "microsoft peering IPv4 secondary subnet"},
		{"microsoft peering IPv6 primary subnet",
		 "microsoft peering IPv6 secondary subnet"},
	},
};

/* The primary and secondary subnets of one address family. */
static int check_link_subnets(struct er_check *check,
			      const struct lyd_node *circuit,
			      const struct lyd_node *peering,
			      enum er_peering_type type, int afi_index)
{
	const char *container = afi_index ? "./ipv6" : "./ipv4";
	const char *tname = er_peering_type2str(type);
	struct er_prefix subnet[2];
	bool present[2];
	char xpath[64], msg[ER_MSG_SIZE];

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
		subnet_add(&check->subnets, &subnet[role], circuit,
			   subnet_names[type][afi_index][role]);
	}
	if (present[0] && present[1]
	    && !er_check_link_pair(&subnet[0], &subnet[1], msg, sizeof(msg)))
		return fail(check, circuit, tname, msg);
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
	}
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
	if (!er_check_port_speed(conn, speed, msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);
	if (yang_dnode_exists(circuit, "./bandwidth")
	    && !er_check_bandwidth(conn, speed,
				   yang_dnode_get_uint32(circuit, "./bandwidth"),
				   msg, sizeof(msg)))
		return fail(check, circuit, NULL, msg);

	ER_FOREACH_CHILD (circuit, "peering", peering) {
		enum er_peering_type type = yang_dnode_get_enum(peering,
								"./type");

		ret = check_peering(check, bgp, circuit, peering, sku);
		if (ret != NB_OK)
			return ret;
		if (!yang_dnode_exists(peering, "./vlan-id"))
			continue;
		vlans[type] = yang_dnode_get_uint16(peering, "./vlan-id");
		for (int other = 0; other < ER_PEERING_MAX; other++)
			if (other != (int)type && vlans[other]
			    && !er_check_vlan_unique(vlans[type], type,
						     vlans[other], other, msg,
						     sizeof(msg)))
				return fail(check, circuit, NULL, msg);
	}

	ER_FOREACH_CHILD (circuit, "global-reach", gr) {
		struct er_prefix subnet;

		if (!dnode_prefix(gr, "./subnet", &subnet))
			return fail(check, circuit, NULL,
				    "Global Reach subnet is not a valid prefix");
		if (!er_check_global_reach(circuit_name(circuit),
					   yang_dnode_get_string(gr,
								 "./peer-circuit"),
					   &subnet, msg, sizeof(msg)))
			return fail(check, circuit, NULL, msg);
		subnet_add(&check->subnets, &subnet, circuit,
			   "Global Reach subnet");
	}
	return NB_OK;
}

static int subnet_cmp(const void *a, const void *b)
{
	const struct er_prefix *pa = &((const struct er_subnet *)a)->prefix;
	const struct er_prefix *pb = &((const struct er_subnet *)b)->prefix;
	int ret;

	if (pa->family != pb->family)
		return pa->family < pb->family ? -1 : 1;
	ret = memcmp(pa->addr, pb->addr, sizeof(pa->addr));
	if (ret)
		return ret;
	return pa->len < pb->len ? -1 : pa->len > pb->len;
}

/*
 * Sorted by address, two CIDR blocks that overlap are either neighbours or
 * have a neighbour of the first between them that overlaps it too.
 */
static int check_overlaps(struct er_check *check)
{
	struct er_subnets *subnets = &check->subnets;
	char what_a[160], what_b[160], msg[ER_MSG_SIZE];

	qsort(subnets->items, subnets->count, sizeof(*subnets->items),
	      subnet_cmp);
	for (size_t i = 1; i < subnets->count; i++) {
		const struct er_subnet *a = &subnets->items[i - 1];
		const struct er_subnet *b = &subnets->items[i];

		if (!er_prefix_overlaps(&a->prefix, &b->prefix))
			continue;
		snprintf(what_a, sizeof(what_a), "%s of circuit %s", a->what,
			 circuit_name(a->owner));
		snprintf(what_b, sizeof(what_b), "%s of circuit %s", b->what,
			 circuit_name(b->owner));
		er_check_no_overlap(&a->prefix, what_a, &b->prefix, what_b,
				    msg, sizeof(msg));
		return refuse(check->errmsg, check->errmsg_len, b->owner, NULL,
			      msg);
	}
	return NB_OK;
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
done:
	XFREE(MTYPE_ER_VALIDATE, check.subnets.items);
	return ret;
}
