// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's rules, applied to an imported circuit before anything is
 * printed: what bgpd would refuse at commit is an error here, naming the
 * Azure field it came from; what bgpd accepts with a warning is a warning.
 * The rules themselves are er_rules.c's, as the module applies them in
 * er_validate.c (per circuit: the router's other circuits are checked by
 * bgpd when the configuration is loaded).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

/* The model's length limits (yang/frr-expressroute.yang). */
#define IMP_PROVIDER_MAX 64
#define IMP_LOCATION_MAX 64
#define IMP_DESCRIPTION_MAX 240
#define IMP_PEER_CIRCUIT_MAX 255
#define IMP_ROUTE_MAP_MAX 63

static const char *const name_chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				      "abcdefghijklmnopqrstuvwxyz0123456789";

/* A CLI WORD: printable, no space (it must stay one argument). */
bool imp_valid_word(const char *word)
{
	if (!word[0])
		return false;
	for (const unsigned char *p = (const unsigned char *)word; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

bool imp_valid_name(const char *name)
{
	size_t len = strlen(name);

	return len >= 1 && len < IMP_NAME_MAX
	       && strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "abcdefghijklmnopqrstuvwxyz0123456789._-")
			  == len;
}

/* typedef port-name: [A-Za-z0-9]([A-Za-z0-9._-]{0,78}[A-Za-z0-9_])? */
static bool valid_port_name(const char *name)
{
	size_t len = strlen(name);

	if (len < 1 || len > 80 || !strchr(name_chars, name[0]))
		return false;
	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "abcdefghijklmnopqrstuvwxyz0123456789._-")
	    != len)
		return false;
	return len == 1 || name[len - 1] == '_'
	       || strchr(name_chars, name[len - 1]);
}

/* What a prefix is, for a message: "private peering IPv6 block". */
struct label {
	const struct imp_where *where;
	enum er_peering_type type; /* Global Reach: private peering's */
	char what[48];
};

struct labelled {
	struct er_prefix_item *items;
	struct label *labels;
	size_t count, alloc;
	size_t scope[ER_PEERING_MAX]; /* the peering's VRF, as a number */
	bool one_vrf;
};

static void add_prefix(struct labelled *l, const struct er_prefix *p,
		       enum er_prefix_use use, enum er_peering_type type,
		       const struct imp_where *where, const char *what)
{
	if (l->count == l->alloc) {
		size_t alloc = l->alloc ? 2 * l->alloc : 16;
		struct er_prefix_item *items;
		struct label *labels;

		items = realloc(l->items, alloc * sizeof(*items));
		if (!items)
			return;
		l->items = items;
		labels = realloc(l->labels, alloc * sizeof(*labels));
		if (!labels)
			return;
		l->labels = labels;
		l->alloc = alloc;
	}
	l->items[l->count].prefix = *p;
	l->items[l->count].use = use;
	l->items[l->count].scope = l->scope[type];
	l->items[l->count].tag = l->count;
	l->labels[l->count].where = where;
	l->labels[l->count].type = type;
	snprintf(l->labels[l->count].what, sizeof(l->labels[0].what), "%s",
		 what);
	l->count++;
}

static void error(struct imp_diags *d, const struct imp_where *where,
		  const char *msg)
{
	imp_diag(d, IMP_ERROR, where, "%s", msg);
}

static void check_length(struct imp_diags *d, const struct imp_where *where,
			 const char *what, const char *value, size_t max)
{
	size_t len = strlen(value);

	if (len == 0 || len > max)
		imp_diag(d, IMP_ERROR, where,
			 "%s is %zu characters: the model takes 1 to %zu", what,
			 len, max);
}

static void check_family(const struct imp_peering *p,
			 enum er_peering_type type, int af,
			 struct labelled *prefixes, struct imp_diags *d)
{
	static const char *const parts[] = {"primary subnet",
					    "secondary subnet", "block"};
	const struct imp_family *f = &p->af[af];
	char msg[ER_MSG_SIZE], names[3][48];
	bool ok[ER_ROLE_MAX] = {false, false};

	/* as the module names them: "private peering IPv4 primary subnet" */
	for (int i = 0; i < 3; i++)
		snprintf(names[i], sizeof(names[i]), "%s peering IPv%d %s",
			 er_peering_type2str(type), af ? 6 : 4, parts[i]);

	if (f->has_block) {
		if (!er_split_subnet(&f->block, NULL, NULL, msg, sizeof(msg)))
			error(d, &f->where[0], msg);
		else if (type == ER_PEERING_MICROSOFT
			 && !er_check_public_prefix(&f->block, msg,
						    sizeof(msg)))
			error(d, &f->where[0], msg);
		else
			add_prefix(prefixes, &f->block, ER_USE_LINK, type,
				   &f->where[0], names[2]);
		return;
	}
	for (int role = 0; role < ER_ROLE_MAX; role++) {
		if (!f->has[role])
			continue;
		if (!er_check_link_subnet(&f->subnet[role], msg, sizeof(msg)))
			error(d, &f->where[role], msg);
		else if (type == ER_PEERING_MICROSOFT
			 && !er_check_public_prefix(&f->subnet[role], msg,
						    sizeof(msg)))
			error(d, &f->where[role], msg);
		else
			ok[role] = true;
	}
	if (ok[0] && ok[1]
	    && !er_check_link_pair(&f->subnet[0], &f->subnet[1], msg,
				   sizeof(msg))) {
		error(d, &f->where[1], msg);
		return;
	}
	for (int role = 0; role < ER_ROLE_MAX; role++)
		if (ok[role])
			add_prefix(prefixes, &f->subnet[role], ER_USE_LINK,
				   type, &f->where[role], names[role]);
}

static void check_peering(const struct imp_circuit *c,
			  enum er_peering_type type, uint32_t asn,
			  struct labelled *prefixes, struct imp_diags *d)
{
	const struct imp_peering *p = &c->peering[type];
	uint32_t ce_asn = asn ? asn : p->peer_asn;
	char msg[ER_MSG_SIZE];

	if (asn && p->has_peer_asn && asn != p->peer_asn)
		imp_diag(d, IMP_ERROR, &p->asn_where,
			 "Azure expects the CE in AS %u, but the CE's ASN (--asn) is %u: the MSEEs would refuse the sessions",
			 p->peer_asn, asn);
	if (ce_asn) {
		switch (er_check_asn(ce_asn, type, msg, sizeof(msg))) {
		case ER_ERROR:
			error(d, &p->asn_where, msg);
			break;
		case ER_WARN:
			imp_diag(d, IMP_WARNING, &p->asn_where, "%s", msg);
			break;
		case ER_OK:
			break;
		}
	}
	if (p->has_vlan && !er_check_vlan(p->vlan, msg, sizeof(msg)))
		error(d, &p->vlan_where, msg);
	for (int af = 0; af < IMP_AF_MAX; af++)
		check_family(p, type, af, prefixes, d);
	if (p->shared_key
	    && !er_check_shared_key(p->shared_key, msg, sizeof(msg)))
		error(d, &p->key_where, msg);
	for (int dir = 0; dir < 2; dir++) {
		if (!p->route_map[dir])
			continue;
		check_length(d, NULL, dir ? "route-map-out" : "route-map-in",
			     p->route_map[dir], IMP_ROUTE_MAP_MAX);
		if (!imp_valid_word(p->route_map[dir]))
			imp_diag(d, IMP_ERROR, NULL,
				 "route-map name '%s' has a space or a control character",
				 p->route_map[dir]);
	}
	for (size_t i = 0; i < p->advertise.count; i++) {
		const struct er_prefix *pfx = &p->advertise.items[i];
		const struct imp_where *w = &p->advertise.where[i];

		if (type != ER_PEERING_MICROSOFT) {
			imp_diag(d, IMP_ERROR, w,
				 "advertise lists the prefixes of a Microsoft peering; private peering advertises what the BGP instance has");
			break;
		}
		if (!er_check_advertised_prefix(type, pfx, msg, sizeof(msg)))
			error(d, w, msg);
		else
			add_prefix(prefixes, pfx, ER_USE_ADVERTISED, type, w,
				   "microsoft peering advertised prefix");
	}
}

static void check_global_reach(const struct imp_circuit *c,
			       struct labelled *prefixes, struct imp_diags *d)
{
	enum er_sku sku = c->sku >= 0 ? (enum er_sku)c->sku : ER_SKU_STANDARD;
	char msg[ER_MSG_SIZE];

	for (size_t i = 0; i < c->ngr; i++) {
		const struct imp_global_reach *gr = &c->gr[i];
		const struct imp_where *w = gr->has[0] ? &gr->where[0]
						       : &gr->where[1];

		if (strlen(gr->peer) > IMP_PEER_CIRCUIT_MAX)
			check_length(d, w, "the peer circuit's name", gr->peer,
				     IMP_PEER_CIRCUIT_MAX);
		if (!imp_valid_word(gr->peer))
			imp_diag(d, IMP_ERROR, w,
				 "the peer circuit's name '%.80s' has a space or a control character: not a circuit name",
				 gr->peer);
		if (!er_check_global_reach_sku(sku, c->name, gr->peer, msg,
					       sizeof(msg)))
			error(d, w, msg);
		for (int af = 0; af < IMP_AF_MAX; af++) {
			if (!gr->has[af])
				continue;
			if (!er_check_global_reach(c->name, gr->peer,
						   &gr->subnet[af], msg,
						   sizeof(msg)))
				error(d, &gr->where[af], msg);
			else
				add_prefix(prefixes, &gr->subnet[af],
					   ER_USE_GLOBAL_REACH,
					   ER_PEERING_PRIVATE, &gr->where[af],
					   af ? "Global Reach IPv6 subnet"
					      : "Global Reach subnet");
		}
	}
}

static void check_overlaps(struct labelled *l, struct imp_diags *d)
{
	const struct er_prefix_item *a, *b;
	const struct imp_where *wa;
	char msg[ER_MSG_SIZE];
	size_t ia, ib;

	if (!er_find_prefix_conflict(l->items, l->count, &ia, &ib))
		return;
	a = &l->items[ia];
	b = &l->items[ib];
	wa = l->labels[a->tag].where;
	er_check_no_overlap(&a->prefix, l->labels[a->tag].what, &b->prefix,
			    l->labels[b->tag].what, msg, sizeof(msg));
	/* the two peerings in one routing table: two VRFs would part them */
	imp_diag(d, IMP_ERROR, l->labels[b->tag].where,
		 "%s (the %s is %s: %s)%s", msg, l->labels[a->tag].what,
		 wa->file, wa->path,
		 l->one_vrf && l->labels[a->tag].type != l->labels[b->tag].type
			 ? "; to terminate the peerings in two VRFs, give --private-vrf NAME"
			 : "");
}

bool imp_validate(const struct imp_circuit *c, uint32_t asn,
		  struct imp_diags *d)
{
	return imp_validate_vrfs(c, asn, NULL, d);
}

bool imp_validate_vrfs(const struct imp_circuit *c, uint32_t asn,
		       const char *const vrf[ER_PEERING_MAX],
		       struct imp_diags *d)
{
	enum er_connectivity conn = c->connectivity >= 0
					    ? (enum er_connectivity)c->connectivity
					    : ER_CONN_COLOCATION;
	enum er_port_speed speed = c->port_speed >= 0
					   ? (enum er_port_speed)c->port_speed
					   : ER_PORT_SPEED_NONE;
	struct labelled prefixes = {.one_vrf = true};
	size_t errors = d->errors;
	char msg[ER_MSG_SIZE];
	const char *text;

	if (!imp_valid_name(c->name))
		imp_diag(d, IMP_ERROR, &c->name_where,
			 "circuit name '%.80s' does not fit the module (1 to 63 characters from A-Z a-z 0-9 . _ -): give --name",
			 c->name);
	text = c->text[IMP_SERVICE_KEY];
	if (text && !er_check_service_key(text, msg, sizeof(msg)))
		error(d, &c->text_where[IMP_SERVICE_KEY], msg);
	if (c->text[IMP_PROVIDER])
		check_length(d, &c->text_where[IMP_PROVIDER], "the provider",
			     c->text[IMP_PROVIDER], IMP_PROVIDER_MAX);
	if (c->text[IMP_LOCATION])
		check_length(d, &c->text_where[IMP_LOCATION],
			     "the peering location", c->text[IMP_LOCATION],
			     IMP_LOCATION_MAX);
	if (c->text[IMP_DESCRIPTION])
		check_length(d, &c->text_where[IMP_DESCRIPTION],
			     "the description", c->text[IMP_DESCRIPTION],
			     IMP_DESCRIPTION_MAX);
	text = c->text[IMP_DIRECT_PORT];
	if (text && !valid_port_name(text))
		imp_diag(d, IMP_ERROR, &c->text_where[IMP_DIRECT_PORT],
			 "port name '%.90s' does not fit the model (1 to 80 characters from A-Z a-z 0-9 . _ -, from a letter or digit to a letter, digit or _)",
			 text);
	if (!er_check_port_speed(conn, speed, msg, sizeof(msg)))
		error(d, &c->port_where, msg);
	if (text && !er_check_direct_only(conn, "direct-port", text, msg,
					  sizeof(msg)))
		error(d, &c->text_where[IMP_DIRECT_PORT], msg);
	if (c->encapsulation >= 0
	    && !er_check_direct_only(conn, "encapsulation",
				     er_encapsulation2str(c->encapsulation),
				     msg, sizeof(msg)))
		error(d, &c->port_where, msg);
	if (c->has_bandwidth) {
		if (c->bandwidth < ER_BANDWIDTH_MIN
		    || c->bandwidth > ER_BANDWIDTH_MAX)
			imp_diag(d, IMP_ERROR, &c->bandwidth_where,
				 "bandwidth %u Mbps is out of the model's range (%u-%u)",
				 c->bandwidth, ER_BANDWIDTH_MIN,
				 ER_BANDWIDTH_MAX);
		else if (!er_check_bandwidth(conn, speed, c->bandwidth, msg,
					     sizeof(msg)))
			error(d, &c->bandwidth_where, msg);
	}

	if (vrf && strcmp(vrf[ER_PEERING_PRIVATE], vrf[ER_PEERING_MICROSOFT])) {
		prefixes.scope[ER_PEERING_MICROSOFT] = 1;
		prefixes.one_vrf = false;
	}
	for (int type = 0; type < ER_PEERING_MAX; type++) {
		if (!c->peering[type].present)
			continue;
		check_peering(c, type, asn, &prefixes, d);
		for (int other = type + 1; other < ER_PEERING_MAX; other++) {
			const struct imp_peering *a = &c->peering[type];
			const struct imp_peering *b = &c->peering[other];

			if (b->present && a->has_vlan && b->has_vlan
			    && !er_check_vlan_unique(a->vlan, type, b->vlan,
						     other, msg, sizeof(msg)))
				error(d, &b->vlan_where, msg);
		}
	}
	check_global_reach(c, &prefixes, d);
	if (d->errors == errors)
		check_overlaps(&prefixes, d);
	free(prefixes.items);
	free(prefixes.labels);
	return d->errors == errors;
}
