// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Check mode: Azure's circuit against the router's, field by field, and
 * Azure's view of a link (route table, ARP table) against what the CE
 * does on it.  Each difference has both values; the fields are named as
 * in the model ("peering[private]/vlan-id"), with where Azure has it.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "imp.h"

void imp_check_init(struct imp_check *chk, const char *name, const char *vrf)
{
	memset(chk, 0, sizeof(*chk));
	chk->name = name;
	chk->vrf = vrf;
}

void imp_check_free(struct imp_check *chk)
{
	for (size_t i = 0; i < chk->count; i++) {
		free(chk->items[i].azure);
		free(chk->items[i].router);
		free(chk->items[i].message);
	}
	free(chk->items);
	chk->items = NULL;
	chk->count = chk->alloc = 0;
}

static void differ(struct imp_check *chk, const char *field,
		   const char *azure, const char *router,
		   const struct imp_where *source, const char *fmt, ...)
	IMP_PRINTF(6, 7);

static void differ(struct imp_check *chk, const char *field,
		   const char *azure, const char *router,
		   const struct imp_where *source, const char *fmt, ...)
{
	struct imp_difference *item;
	char message[ER_MSG_SIZE] = "";
	va_list ap;

	if (chk->count == chk->alloc) {
		size_t alloc = chk->alloc ? 2 * chk->alloc : 16;

		item = realloc(chk->items, alloc * sizeof(*item));
		if (!item)
			return;
		chk->items = item;
		chk->alloc = alloc;
	}
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(message, sizeof(message), fmt, ap);
		va_end(ap);
	}
	item = &chk->items[chk->count++];
	memset(item, 0, sizeof(*item));
	snprintf(item->field, sizeof(item->field), "%s%s",
		 chk->scope ? chk->scope : "", field);
	item->azure = azure ? strdup(azure) : NULL;
	item->router = router ? strdup(router) : NULL;
	item->message = message[0] ? strdup(message) : NULL;
	imp_one_line(item->field);
	imp_one_line(item->azure);
	imp_one_line(item->router);
	imp_one_line(item->message);
	if (source && source->file && source->path[0])
		snprintf(item->source, sizeof(item->source), "%s: %s",
			 source->file, source->path);
	else if (source && source->file)
		snprintf(item->source, sizeof(item->source), "%s",
			 source->file);
}

static const char *pfx(const struct er_prefix *p, bool has, char *buf)
{
	return has ? er_prefix2str(p, buf, ER_PREFIX_STRLEN) : NULL;
}

static void compare_text(struct imp_check *chk, const char *field,
			 const char *azure, const char *router,
			 const struct imp_where *source, bool nocase)
{
	if (!azure)
		return;
	if (router && (nocase ? strcasecmp(azure, router) == 0
			      : strcmp(azure, router) == 0))
		return;
	differ(chk, field, azure, router, source, NULL);
}

static void compare_uint(struct imp_check *chk, const char *field,
			 bool has_azure, uint32_t azure, bool has_router,
			 uint32_t router, const struct imp_where *source,
			 const char *note)
{
	char a[16], r[16];

	if (!has_azure || (has_router && azure == router))
		return;
	snprintf(a, sizeof(a), "%u", azure);
	snprintf(r, sizeof(r), "%u", router);
	differ(chk, field, a, has_router ? r : NULL, source, note ? "%s" : NULL,
	       note);
}

/* An enum of the circuit; -1 on the router is the model's default. */
static void compare_enum(struct imp_check *chk, const char *field,
			 int azure, int router, int fallback,
			 const char *(*name)(int),
			 const struct imp_where *source)
{
	if (azure < 0)
		return;
	if (router < 0)
		router = fallback;
	if (azure == router)
		return;
	differ(chk, field, name(azure), router >= 0 ? name(router) : NULL,
	       source, NULL);
}

static const char *sku_name(int v)
{
	return er_sku2str(v);
}

static const char *billing_name(int v)
{
	return er_billing2str(v);
}

static const char *speed_name(int v)
{
	return er_port_speed2str(v);
}

static const char *encap_name(int v)
{
	return er_encapsulation2str(v);
}

static void compare_family(struct imp_check *chk, const char *prefix,
			   int af, const struct imp_family *a,
			   const struct imp_family *r)
{
	static const char *const leafs[ER_ROLE_MAX] = {"primary-subnet",
						       "secondary-subnet"};
	char field[IMP_PATH_MAX], ab[ER_PREFIX_STRLEN], rb[ER_PREFIX_STRLEN];

	if (a->disabled) {
		if (imp_family_configured(r)) {
			snprintf(field, sizeof(field), "%s/%s", prefix,
				 af ? "ipv6" : "ipv4");
			differ(chk, field, "Disabled", "configured",
			       &a->where[0],
			       "IPv6 is Disabled on the peering in Azure, but the CE has IPv6 subnets");
		}
		return;
	}
	for (int role = 0; role < ER_ROLE_MAX; role++) {
		struct er_prefix rs;
		bool has_r = imp_family_subnet(r, role, &rs);

		if (a->has[role] == has_r
		    && (!has_r || er_prefix_equal(&a->subnet[role], &rs)))
			continue;
		snprintf(field, sizeof(field), "%s/%s/%s", prefix,
			 af ? "ipv6" : "ipv4", leafs[role]);
		differ(chk, field, pfx(&a->subnet[role], a->has[role], ab),
		       pfx(&rs, has_r, rb), &a->where[role], NULL);
	}
}

static void compare_advertise(struct imp_check *chk, const char *prefix,
			      const struct imp_peering *a,
			      const struct imp_peering *r)
{
	char field[IMP_PATH_MAX], text[ER_PREFIX_STRLEN];

	snprintf(field, sizeof(field), "%s/advertise", prefix);
	for (size_t i = 0; i < a->advertise.count; i++)
		if (!imp_prefix_list_contains(&r->advertise,
					      &a->advertise.items[i]))
			differ(chk, field,
			       er_prefix2str(&a->advertise.items[i], text,
					     sizeof(text)),
			       NULL, &a->advertise.where[i],
			       "an advertised public prefix in Azure that the CE does not advertise");
	for (size_t i = 0; i < r->advertise.count; i++)
		if (!imp_prefix_list_contains(&a->advertise,
					      &r->advertise.items[i]))
			differ(chk, field, NULL,
			       er_prefix2str(&r->advertise.items[i], text,
					     sizeof(text)),
			       &a->where,
			       "the CE advertises it, but it is not among Azure's advertised public prefixes: Microsoft drops it");
}

static void compare_peering(struct imp_check *chk, enum er_peering_type type,
			    const struct imp_peering *a,
			    const struct imp_peering *r, uint32_t router_asn)
{
	char prefix[64], field[IMP_PATH_MAX];

	snprintf(prefix, sizeof(prefix), "peering[%s]",
		 er_peering_type2str(type));
	if (!a->present && !r->present)
		return;
	if (!r->present) {
		differ(chk, prefix, a->azure_name, NULL, &a->where,
		       "the peering is in Azure, not on the CE");
		return;
	}
	if (!a->present) {
		differ(chk, prefix, NULL, er_peering_type2str(type), NULL,
		       "the peering is on the CE, not in Azure");
		return;
	}
	snprintf(field, sizeof(field), "%s/vlan-id", prefix);
	compare_uint(chk, field, a->has_vlan, a->vlan, r->has_vlan, r->vlan,
		     &a->vlan_where, NULL);
	for (int af = 0; af < IMP_AF_MAX; af++)
		compare_family(chk, prefix, af, &a->af[af], &r->af[af]);
	snprintf(field, sizeof(field), "%s/peer-asn", prefix);
	compare_uint(chk, field, a->has_peer_asn, a->peer_asn, router_asn != 0,
		     router_asn, &a->asn_where,
		     "Azure's peer ASN is the ASN of the CE's BGP instance");
	snprintf(field, sizeof(field), "%s/shared-key", prefix);
	/* the keys themselves are never shown */
	if (a->shared_key && !r->shared_key)
		differ(chk, field, "set", NULL, &a->key_where,
		       "Azure has an MD5 key, the CE none");
	else if (!a->shared_key && r->shared_key)
		differ(chk, field, NULL, "set", &a->where,
		       "the CE has an MD5 key, Azure none");
	else if (a->shared_key && strcmp(a->shared_key, r->shared_key) != 0)
		differ(chk, field, "set", "set", &a->key_where,
		       "the MD5 keys differ (neither is shown)");
	if (a->shutdown != r->shutdown) {
		snprintf(field, sizeof(field), "%s/shutdown", prefix);
		differ(chk, field, a->shutdown ? "Disabled" : "Enabled",
		       r->shutdown ? "shutdown" : "no shutdown",
		       &a->state_where, NULL);
	}
	if (type == ER_PEERING_MICROSOFT)
		compare_advertise(chk, prefix, a, r);
}

static void compare_global_reach(struct imp_check *chk,
				 const struct imp_circuit *a,
				 const struct imp_circuit *r)
{
	static const char *const leafs[IMP_AF_MAX] = {"subnet", "ipv6-subnet"};
	char field[IMP_PATH_MAX], ab[ER_PREFIX_STRLEN], rb[ER_PREFIX_STRLEN];

	for (size_t i = 0; i < a->ngr; i++) {
		const struct imp_global_reach *ag = &a->gr[i];
		const struct imp_global_reach *rg = NULL;

		for (size_t j = 0; j < r->ngr; j++)
			if (strcmp(r->gr[j].peer, ag->peer) == 0)
				rg = &r->gr[j];
		for (int af = 0; af < IMP_AF_MAX; af++) {
			bool has_r = rg && rg->has[af];

			if (ag->has[af] == has_r
			    && (!has_r
				|| er_prefix_equal(&ag->subnet[af],
						   &rg->subnet[af])))
				continue;
			imp_strf(field, sizeof(field), "global-reach[%s]/%s",
				 ag->peer, leafs[af]);
			differ(chk, field,
			       pfx(&ag->subnet[af], ag->has[af], ab),
			       has_r ? pfx(&rg->subnet[af], true, rb) : NULL,
			       &ag->where[ag->has[af] ? af : 0],
			       rg ? NULL
				  : "a Global Reach connection in Azure that the CE does not record");
		}
	}
	for (size_t j = 0; j < r->ngr; j++) {
		bool found = false;

		for (size_t i = 0; i < a->ngr; i++)
			if (strcmp(r->gr[j].peer, a->gr[i].peer) == 0)
				found = true;
		if (found)
			continue;
		imp_strf(field, sizeof(field), "global-reach[%s]",
			 r->gr[j].peer);
		differ(chk, field, NULL, r->gr[j].peer, NULL,
		       "the CE records a Global Reach connection that Azure does not have");
	}
}

void imp_check_circuit(struct imp_check *chk, const struct imp_circuit *a,
		       const struct imp_circuit *r, bool found,
		       uint32_t router_asn)
{
	chk->router_asn = router_asn;
	chk->router_has_circuit = found;
	if (!found) {
		differ(chk, "circuit", a->name, NULL, &a->name_where,
		       "the router has no circuit %s in vrf %s", chk->name,
		       chk->vrf);
		return;
	}
	compare_text(chk, "service-key", a->text[IMP_SERVICE_KEY],
		     r->text[IMP_SERVICE_KEY], &a->text_where[IMP_SERVICE_KEY],
		     true);
	compare_text(chk, "provider", a->text[IMP_PROVIDER],
		     r->text[IMP_PROVIDER], &a->text_where[IMP_PROVIDER], false);
	compare_text(chk, "location", a->text[IMP_LOCATION],
		     r->text[IMP_LOCATION], &a->text_where[IMP_LOCATION], false);
	compare_uint(chk, "bandwidth", a->has_bandwidth, a->bandwidth,
		     r->has_bandwidth, r->bandwidth, &a->bandwidth_where,
		     NULL);
	if (a->sku_basic)
		differ(chk, "sku", "basic",
		       er_sku2str(r->sku >= 0 ? r->sku : ER_SKU_STANDARD),
		       &a->sku_where,
		       "Azure's Basic tier is not modelled");
	compare_enum(chk, "sku", a->sku, r->sku, ER_SKU_STANDARD, sku_name,
		     &a->sku_where);
	compare_enum(chk, "billing", a->billing, r->billing,
		     ER_BILLING_METERED, billing_name, &a->billing_where);
	if ((a->connectivity == ER_CONN_DIRECT)
	    != (r->connectivity == ER_CONN_DIRECT))
		differ(chk, "connectivity",
		       a->connectivity == ER_CONN_DIRECT ? "direct"
							  : "provider",
		       er_connectivity2str(r->connectivity >= 0
						   ? r->connectivity
						   : ER_CONN_COLOCATION),
		       &a->port_where,
		       a->connectivity == ER_CONN_DIRECT
			       ? "the circuit is on an ExpressRoute Direct port in Azure"
			       : "the circuit is a provider circuit in Azure");
	compare_enum(chk, "port-speed", a->port_speed, r->port_speed, -1,
		     speed_name, &a->port_where);
	compare_enum(chk, "encapsulation", a->encapsulation, r->encapsulation,
		     -1, encap_name, &a->port_where);
	compare_text(chk, "direct-port", a->text[IMP_DIRECT_PORT],
		     r->text[IMP_DIRECT_PORT],
		     &a->text_where[IMP_DIRECT_PORT], false);
	for (int type = 0; type < ER_PEERING_MAX; type++)
		compare_peering(chk, type, &a->peering[type], &r->peering[type],
				router_asn);
	compare_global_reach(chk, a, r);
}

bool imp_link_address(const struct imp_circuit *c, enum er_peering_type type,
		      int family, enum er_role role, bool msee,
		      struct er_prefix *out)
{
	const struct imp_peering *p = &c->peering[type];
	struct er_prefix subnet, ce, ms;

	if (!p->present || !imp_family_subnet(&p->af[family], role, &subnet)
	    || !er_link_addresses(&subnet, &ce, &ms, NULL, 0))
		return false;
	*out = msee ? ms : ce;
	out->len = family == IMP_AF_IPV6 ? 128 : 32;
	return true;
}

static void link_field(char *field, size_t size, const char *table,
		       const struct imp_table *t)
{
	snprintf(field, size, "%s[%s/%s]", table,
		 er_peering_type2str(t->peering), er_role2str(t->link));
}

void imp_check_routes(struct imp_check *chk, const struct imp_table *t,
		      const struct imp_circuit *router,
		      const struct imp_prefix_list *advertised)
{
	struct imp_where source = {.file = t->file};
	struct imp_prefix_list learned = {0};
	char field[IMP_PATH_MAX], text[ER_PREFIX_STRLEN];
	struct er_prefix ce[IMP_AF_MAX];
	bool has_ce[IMP_AF_MAX];

	chk->compared_tables++;
	link_field(field, sizeof(field), "route-table", t);
	for (int af = 0; af < IMP_AF_MAX; af++)
		has_ce[af] = imp_link_address(router, t->peering, af, t->link,
					      false, &ce[af]);
	if (!has_ce[IMP_AF_IPV4] && !has_ce[IMP_AF_IPV6]) {
		differ(chk, field, "route table", NULL, &source,
		       "the CE has no subnet on this link, so no address Azure could have learned routes from");
		return;
	}
	/* what Azure learned from the CE: next hop the CE's address */
	for (size_t i = 0; i < t->count; i++) {
		const struct imp_route *rt = &t->routes[i];
		int af = rt->network.family == AF_INET6 ? IMP_AF_IPV6
							: IMP_AF_IPV4;

		if (rt->has_next_hop && has_ce[af]
		    && er_prefix_equal(&rt->next_hop, &ce[af])
		    && !imp_prefix_list_contains(&learned, &rt->network))
			imp_prefix_list_add(&learned, &rt->network, &rt->where);
	}
	for (size_t i = 0; advertised && i < advertised->count; i++)
		if (!imp_prefix_list_contains(&learned, &advertised->items[i]))
			differ(chk, field, NULL,
			       er_prefix2str(&advertised->items[i], text,
					     sizeof(text)),
			       &source,
			       "the CE advertises it on this link, but it is not in Azure's route table");
	for (size_t i = 0; i < learned.count; i++)
		if (!advertised
		    || !imp_prefix_list_contains(advertised,
						 &learned.items[i]))
			differ(chk, field,
			       er_prefix2str(&learned.items[i], text,
					     sizeof(text)),
			       NULL, &learned.where[i],
			       "in Azure's route table from the CE, but the CE does not advertise it on this link");
	free(learned.items);
	free(learned.where);
}

/* "On-Prem", "OnPrem", "On Prem": the CE's side of the link. */
static bool is_on_prem(const char *interface)
{
	char squeezed[32];
	size_t n = 0;

	for (const char *p = interface; *p && n + 1 < sizeof(squeezed); p++)
		if (*p != '-' && *p != ' ' && *p != '_')
			squeezed[n++] = *p;
	squeezed[n] = '\0';
	return strcasecmp(squeezed, "OnPrem") == 0;
}

void imp_check_arp(struct imp_check *chk, const struct imp_table *t,
		   const struct imp_circuit *router)
{
	struct imp_where source = {.file = t->file};
	char field[IMP_PATH_MAX], a[ER_PREFIX_STRLEN + 40];
	char r[ER_PREFIX_STRLEN];
	struct er_prefix ce, msee;
	const struct imp_arp *seen = NULL, *other = NULL;
	bool has_ce, has_msee;

	chk->compared_tables++;
	link_field(field, sizeof(field), "arp-table", t);
	has_ce = imp_link_address(router, t->peering, IMP_AF_IPV4, t->link,
				  false, &ce);
	has_msee = imp_link_address(router, t->peering, IMP_AF_IPV4, t->link,
				    true, &msee);
	if (!has_ce) {
		differ(chk, field, "ARP table", NULL, &source,
		       "the CE has no IPv4 subnet on this link: no CE address to compare");
		return;
	}
	er_addr2str(&ce, r, sizeof(r));
	for (size_t i = 0; i < t->count; i++) {
		const struct imp_arp *e = &t->arps[i];

		if (!is_on_prem(e->interface)) {
			if (has_msee && strcasecmp(e->interface, "Microsoft") == 0
			    && !er_prefix_equal(&e->ip, &msee)) {
				char m[ER_PREFIX_STRLEN];

				er_addr2str(&e->ip, a, sizeof(a));
				differ(chk, field, a,
				       er_addr2str(&msee, m, sizeof(m)),
				       &e->where,
				       "the MSEE's address in Azure is not the one the module derives from the CE's subnet (second address)");
			}
			continue;
		}
		if (er_prefix_equal(&e->ip, &ce))
			seen = e;
		else if (!other)
			other = e;
	}
	if (seen)
		return;
	if (other) {
		char ip[ER_PREFIX_STRLEN];

		snprintf(a, sizeof(a), "%s%s%s%s",
			 er_addr2str(&other->ip, ip, sizeof(ip)),
			 other->mac[0] ? " (" : "", other->mac,
			 other->mac[0] ? ")" : "");
		differ(chk, field, a, r, &other->where,
		       "Azure sees another address on the CE's side of the link than the CE address the module derives (first address of the subnet)");
		return;
	}
	differ(chk, field, NULL, r, &source,
	       "Azure sees no address on the CE's side of the link (no On-Prem ARP entry): the link, its VLAN or the CE's interface address is wrong");
}

char *imp_check_text(const struct imp_check *chk)
{
	struct imp_buf b = {0};

	if (!chk->count) {
		imp_buf_printf(&b,
			       "circuit %s (vrf %s): the CE agrees with Azure\n",
			       chk->name, chk->vrf);
		return imp_buf_take(&b);
	}
	imp_buf_printf(&b, "circuit %s (vrf %s): %zu difference%s\n",
		       chk->name, chk->vrf, chk->count,
		       chk->count == 1 ? "" : "s");
	for (size_t i = 0; i < chk->count; i++) {
		const struct imp_difference *item = &chk->items[i];

		imp_buf_printf(&b, "  %s: Azure %s, CE %s\n", item->field,
			       item->azure ? item->azure : "(none)",
			       item->router ? item->router : "(none)");
		if (item->message)
			imp_buf_printf(&b, "      %s\n", item->message);
		if (item->source[0])
			imp_buf_printf(&b, "      Azure: %s\n", item->source);
	}
	return imp_buf_take(&b);
}

static json_object *string_or_null(const char *text)
{
	return text ? json_object_new_string(text) : NULL;
}

json_object *imp_check_json(const struct imp_check *chk,
			    const struct imp_diags *d)
{
	json_object *top = json_object_new_object();
	json_object *items = json_object_new_array();
	json_object *warnings = json_object_new_array();

	json_object_object_add(top, "circuit",
			       json_object_new_string(chk->name));
	json_object_object_add(top, "vrf", json_object_new_string(chk->vrf));
	json_object_object_add(top, "agree",
			       json_object_new_boolean(chk->count == 0));
	json_object_object_add(top, "routerHasCircuit",
			       json_object_new_boolean(chk->router_has_circuit));
	if (chk->router_asn)
		json_object_object_add(top, "routerAsn",
				       json_object_new_int64(chk->router_asn));
	json_object_object_add(top, "tablesCompared",
			       json_object_new_int(chk->compared_tables));
	for (size_t i = 0; i < chk->count; i++) {
		const struct imp_difference *item = &chk->items[i];
		json_object *j = json_object_new_object();

		json_object_object_add(j, "field",
				       json_object_new_string(item->field));
		json_object_object_add(j, "azure", string_or_null(item->azure));
		json_object_object_add(j, "router",
				       string_or_null(item->router));
		if (item->message)
			json_object_object_add(
				j, "message",
				json_object_new_string(item->message));
		if (item->source[0])
			json_object_object_add(
				j, "azureSource",
				json_object_new_string(item->source));
		json_object_array_add(items, j);
	}
	json_object_object_add(top, "differences", items);
	for (size_t i = 0; d && i < d->count; i++)
		if (d->items[i].severity == IMP_WARNING)
			json_object_array_add(
				warnings,
				json_object_new_string(d->items[i].text));
	json_object_object_add(top, "warnings", warnings);
	return top;
}
