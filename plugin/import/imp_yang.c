// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The model's YANG JSON (RFC 7951) of a circuit: written for NETCONF or
 * FRR's transactional load, and read back from the router, whose
 * `show yang operational-data /frr-expressroute:expressroute with-config`
 * has the configuration and the sessions of every circuit.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

#define ER_MODULE_TOP "frr-expressroute:expressroute"

static const char *const family_container[IMP_AF_MAX] = {"ipv4", "ipv6"};
static const char *const role_leaf[ER_ROLE_MAX] = {"primary-subnet",
						   "secondary-subnet"};

static void add_string(json_object *obj, const char *key, const char *value)
{
	json_object_object_add(obj, key, json_object_new_string(value));
}

static void add_prefix(json_object *obj, const char *key,
		       const struct er_prefix *p)
{
	char text[ER_PREFIX_STRLEN];

	add_string(obj, key, er_prefix2str(p, text, sizeof(text)));
}

static json_object *build_peering(const struct imp_peering *p,
				  enum er_peering_type type)
{
	json_object *jp = json_object_new_object();

	add_string(jp, "type", er_peering_type2str(type));
	if (p->has_vlan)
		json_object_object_add(jp, "vlan-id",
				       json_object_new_int64(p->vlan));
	for (int af = 0; af < IMP_AF_MAX; af++) {
		const struct imp_family *f = &p->af[af];
		json_object *jf;

		if (!imp_family_configured(f))
			continue;
		jf = json_object_new_object();
		if (f->has_block)
			add_prefix(jf, "block", &f->block);
		for (int role = 0; role < ER_ROLE_MAX && !f->has_block; role++)
			if (f->has[role])
				add_prefix(jf, role_leaf[role],
					   &f->subnet[role]);
		json_object_object_add(jp, family_container[af], jf);
	}
	if (p->shared_key)
		add_string(jp, "shared-key", p->shared_key);
	if (p->route_map[0])
		add_string(jp, "route-map-in", p->route_map[0]);
	if (p->route_map[1])
		add_string(jp, "route-map-out", p->route_map[1]);
	if (p->shutdown)
		json_object_object_add(jp, "shutdown",
				       json_object_new_boolean(1));
	if (p->advertise.count) {
		json_object *ja = json_object_new_array();
		char text[ER_PREFIX_STRLEN];

		for (size_t i = 0; i < p->advertise.count; i++)
			json_object_array_add(
				ja, json_object_new_string(er_prefix2str(
					    &p->advertise.items[i], text,
					    sizeof(text))));
		json_object_object_add(jp, "advertise", ja);
	}
	return jp;
}

/* The circuit as it is in the instance of vrf (see imp_emit_vtysh). */
static json_object *build_circuit(const struct imp_circuit *c,
				  const struct imp_options *opt,
				  const char *vrf)
{
	json_object *jc = json_object_new_object();
	bool peerings = false;

	add_string(jc, "name", c->name);
	if (c->text[IMP_DESCRIPTION])
		add_string(jc, "description", c->text[IMP_DESCRIPTION]);
	for (int i = IMP_SERVICE_KEY; i <= IMP_LOCATION; i++)
		if (c->text[i])
			add_string(jc, imp_text_leaf[i], c->text[i]);
	if (c->has_bandwidth)
		json_object_object_add(jc, "bandwidth",
				       json_object_new_int64(c->bandwidth));
	if (c->sku >= 0)
		add_string(jc, "sku", er_sku2str(c->sku));
	if (c->billing >= 0)
		add_string(jc, "billing", er_billing2str(c->billing));
	if (c->connectivity >= 0)
		add_string(jc, "connectivity",
			   er_connectivity2str(c->connectivity));
	if (c->port_speed >= 0)
		add_string(jc, "port-speed", er_port_speed2str(c->port_speed));
	if (c->text[IMP_DIRECT_PORT])
		add_string(jc, "direct-port", c->text[IMP_DIRECT_PORT]);
	if (c->encapsulation >= 0)
		add_string(jc, "encapsulation",
			   er_encapsulation2str(c->encapsulation));
	for (int type = 0; type < ER_PEERING_MAX; type++)
		peerings = peerings
			   || (c->peering[type].present
			       && !strcmp(imp_peering_vrf(opt, type), vrf));
	if (peerings) {
		json_object *jps = json_object_new_array();

		for (int type = 0; type < ER_PEERING_MAX; type++)
			if (c->peering[type].present
			    && !strcmp(imp_peering_vrf(opt, type), vrf))
				json_object_array_add(
					jps, build_peering(&c->peering[type],
							   type));
		json_object_object_add(jc, "peering", jps);
	}
	if (c->ngr && !strcmp(imp_peering_vrf(opt, ER_PEERING_PRIVATE), vrf)) {
		json_object *jgrs = json_object_new_array();

		for (size_t i = 0; i < c->ngr; i++) {
			json_object *jgr = json_object_new_object();

			add_string(jgr, "peer-circuit", c->gr[i].peer);
			if (c->gr[i].has[IMP_AF_IPV4])
				add_prefix(jgr, "subnet",
					   &c->gr[i].subnet[IMP_AF_IPV4]);
			if (c->gr[i].has[IMP_AF_IPV6])
				add_prefix(jgr, "ipv6-subnet",
					   &c->gr[i].subnet[IMP_AF_IPV6]);
			json_object_array_add(jgrs, jgr);
		}
		json_object_object_add(jc, "global-reach", jgrs);
	}
	return jc;
}


static void add_instance(json_object *instances, const struct imp_circuit *c,
			 const struct imp_options *opt, const char *vrf)
{
	json_object *instance = json_object_new_object();
	json_object *circuits = json_object_new_array();

	add_string(instance, "vrf", vrf);
	json_object_object_add(instance, "circuit", circuits);
	json_object_array_add(circuits, build_circuit(c, opt, vrf));
	json_object_array_add(instances, instance);
}

json_object *imp_yang_build_vrfs(const struct imp_circuit *c,
				 const struct imp_options *opt)
{
	const char *vrfs[ER_PEERING_MAX];
	json_object *top = json_object_new_object();
	json_object *er = json_object_new_object();
	json_object *instances = json_object_new_array();

	json_object_object_add(top, ER_MODULE_TOP, er);
	json_object_object_add(er, "instance", instances);
	for (size_t i = 0, n = imp_instance_vrfs(c, opt, vrfs); i < n; i++)
		add_instance(instances, c, opt, vrfs[i]);
	return top;
}

json_object *imp_yang_build(const struct imp_circuit *c, const char *vrf)
{
	struct imp_options opt = {.vrf = vrf};

	return imp_yang_build_vrfs(c, &opt);
}

/*
 * Reading the router's
 */
/* An enum leaf of the circuit by its YANG name; -1 if unknown. */
static int enum_leaf(const char *leaf, const char *text)
{
	for (int v = 0; v < 8; v++) {
		const char *name = NULL;

		if (strcmp(leaf, "sku") == 0 && v < ER_SKU_MAX)
			name = er_sku2str(v);
		else if (strcmp(leaf, "billing") == 0 && v < ER_BILLING_MAX)
			name = er_billing2str(v);
		else if (strcmp(leaf, "connectivity") == 0 && v < ER_CONN_MAX)
			name = er_connectivity2str(v);
		else if (strcmp(leaf, "port-speed") == 0
			 && v < ER_PORT_SPEED_MAX)
			name = er_port_speed2str(v);
		else if (strcmp(leaf, "encapsulation") == 0
			 && v < ER_ENCAP_MAX)
			name = er_encapsulation2str(v);
		if (name && strcmp(name, text) == 0)
			return v;
	}
	return -1;
}

static void read_sessions(struct imp_doc *doc, json_object *state,
			  const struct imp_where *where, struct imp_peering *p)
{
	struct imp_where aw, w;
	json_object *array;
	const char *text;
	size_t n;

	if (imp_get_string(doc, state, where, "verdict", &text, &w))
		snprintf(p->verdict, sizeof(p->verdict), "%s", text);
	if (!imp_get_array(doc, state, where, "session", &array, &aw))
		return;
	n = json_object_array_length(array);
	p->sessions = calloc(n ? n : 1, sizeof(*p->sessions));
	if (!p->sessions)
		return;
	for (size_t i = 0; i < n; i++) {
		json_object *js = json_object_array_get_idx(array, i);
		struct imp_session *s = &p->sessions[p->nsessions];
		enum er_role role = ER_ROLE_PRIMARY;
		int family = AF_INET;

		imp_where_index(&w, &aw, i);
		if (!json_object_is_type(js, json_type_object))
			continue;
		if (imp_get_string(doc, js, &w, "neighbor", &text, NULL))
			snprintf(s->neighbor, sizeof(s->neighbor), "%s", text);
		if (imp_get_string(doc, js, &w, "state", &text, NULL))
			snprintf(s->state, sizeof(s->state), "%s", text);
		if (imp_get_string(doc, js, &w, "role", &text, NULL))
			er_str2role(text, &role);
		if (imp_get_string(doc, js, &w, "address-family", &text, NULL))
			er_str2family(text, &family);
		s->role = role;
		s->family = family == AF_INET6 ? IMP_AF_IPV6 : IMP_AF_IPV4;
		p->nsessions++;
	}
}

static void read_peering(struct imp_doc *doc, json_object *jp,
			 const struct imp_where *where, struct imp_circuit *c)
{
	enum er_peering_type type;
	struct imp_where w, fw;
	struct imp_peering *p;
	json_object *jf, *array, *state;
	const char *text;
	uint64_t value;
	bool flag;

	if (!imp_get_string(doc, jp, where, "type", &text, &w)
	    || !er_str2peering_type(text, &type)) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "missing or not a peering type of the model");
		return;
	}
	p = &c->peering[type];
	if (p->present) {
		imp_diag(doc->diags, IMP_ERROR, &w,
			 "peering %s given twice in the circuit", text);
		return;
	}
	p->present = true;
	p->where = *where;
	if (imp_get_uint(doc, jp, where, "vlan-id", 0, UINT32_MAX, &value,
			 &p->vlan_where)) {
		p->has_vlan = true;
		p->vlan = (uint32_t)value;
	}
	for (int af = 0; af < IMP_AF_MAX; af++) {
		struct imp_family *f = &p->af[af];

		if (!imp_get_object(doc, jp, where, family_container[af], &jf,
				    &fw))
			continue;
		f->has_block = imp_get_prefix(doc, jf, &fw, "block", &f->block,
					   &f->where[0]);
		for (int role = 0; role < ER_ROLE_MAX; role++)
			f->has[role] = imp_get_prefix(doc, jf, &fw,
						   role_leaf[role],
						   &f->subnet[role],
						   &f->where[role]);
	}
	if (imp_get_string(doc, jp, where, "shared-key", &text, &p->key_where))
		p->shared_key = strdup(text);
	if (imp_get_string(doc, jp, where, "route-map-in", &text, &w))
		p->route_map[0] = strdup(text);
	if (imp_get_string(doc, jp, where, "route-map-out", &text, &w))
		p->route_map[1] = strdup(text);
	if (imp_get_bool(doc, jp, where, "shutdown", &flag, &p->state_where))
		p->shutdown = flag;
	if (imp_get_array(doc, jp, where, "advertise", &array, &w)) {
		size_t n = json_object_array_length(array);

		for (size_t i = 0; i < n; i++) {
			json_object *item = json_object_array_get_idx(array, i);
			struct er_prefix pfx;
			struct imp_where iw;

			imp_where_index(&iw, &w, i);
			if (json_object_is_type(item, json_type_string)
			    && er_prefix_parse(json_object_get_string(item),
					       &pfx))
				imp_prefix_list_add(&p->advertise, &pfx, &iw);
			else
				imp_diag(doc->diags, IMP_ERROR, &iw,
					 "not a prefix");
		}
	}
	if (imp_get_object(doc, jp, where, "state", &state, &w))
		read_sessions(doc, state, &w, p);
}

static void read_global_reach(struct imp_doc *doc, json_object *jgr,
			      const struct imp_where *where,
			      struct imp_circuit *c)
{
	static const char *const leafs[IMP_AF_MAX] = {"subnet", "ipv6-subnet"};
	struct imp_global_reach *gr;
	struct er_prefix subnet;
	struct imp_where w;
	const char *peer;

	if (!imp_get_string(doc, jgr, where, "peer-circuit", &peer, &w))
		return;
	gr = imp_global_reach_get(c, peer);
	if (!gr)
		return;
	for (int af = 0; af < IMP_AF_MAX; af++)
		if (imp_get_prefix(doc, jgr, where, leafs[af], &subnet, &w)) {
			gr->has[af] = true;
			gr->subnet[af] = subnet;
			gr->where[af] = w;
		}
}

static void read_circuit(struct imp_doc *doc, json_object *jc,
			 const struct imp_where *where, struct imp_circuit *c)
{
	static const struct {
		const char *leaf;
		size_t offset;
	} enums[] = {
		{"sku", offsetof(struct imp_circuit, sku)},
		{"billing", offsetof(struct imp_circuit, billing)},
		{"connectivity", offsetof(struct imp_circuit, connectivity)},
		{"port-speed", offsetof(struct imp_circuit, port_speed)},
		{"encapsulation", offsetof(struct imp_circuit, encapsulation)},
	};
	struct imp_where w, aw;
	json_object *array;
	const char *text;
	uint64_t value;

	c->name_where = *where;
	for (int i = 0; i < IMP_TEXT_COUNT; i++)
		if (imp_get_string(doc, jc, where, imp_text_leaf[i], &text, &w))
			imp_set_text(c, i, text, &w);
	if (imp_get_uint(doc, jc, where, "bandwidth", 0, UINT32_MAX, &value,
			 &c->bandwidth_where)) {
		c->has_bandwidth = true;
		c->bandwidth = (uint32_t)value;
	}
	for (size_t i = 0; i < sizeof(enums) / sizeof(enums[0]); i++)
		if (imp_get_string(doc, jc, where, enums[i].leaf, &text, &w))
			*(int *)((char *)c + enums[i].offset) =
				enum_leaf(enums[i].leaf, text);
	if (imp_get_array(doc, jc, where, "peering", &array, &aw))
		for (size_t i = 0; i < json_object_array_length(array); i++) {
			imp_where_index(&w, &aw, i);
			read_peering(doc, json_object_array_get_idx(array, i),
				     &w, c);
		}
	if (imp_get_array(doc, jc, where, "global-reach", &array, &aw))
		for (size_t i = 0; i < json_object_array_length(array); i++) {
			imp_where_index(&w, &aw, i);
			read_global_reach(doc,
					  json_object_array_get_idx(array, i),
					  &w, c);
		}
}

/* The list entry of array whose key member equals value. */
static json_object *find_entry(json_object *array, const char *key,
			       const char *value, size_t *index)
{
	size_t n = json_object_array_length(array);

	for (size_t i = 0; i < n; i++) {
		json_object *item = json_object_array_get_idx(array, i);
		json_object *k = imp_json_member(item, key);

		if (json_object_is_type(k, json_type_string)
		    && strcmp(json_object_get_string(k), value) == 0) {
			*index = i;
			return item;
		}
	}
	return NULL;
}

bool imp_yang_read(json_object *doc, const char *file, const char *vrf,
		   const char *name, struct imp_circuit *c, bool *found,
		   struct imp_diags *d)
{
	struct imp_doc ctx = {.file = file, .diags = d};
	struct imp_where where = {.file = file}, w, aw;
	json_object *er, *array, *instance, *jc;
	size_t errors = d->errors, index;

	*found = false;
	if (!json_object_is_type(doc, json_type_object)) {
		imp_diag(d, IMP_ERROR, &where,
			 "not the module's YANG data: expected an object");
		return false;
	}
	/* no circuit at all: libyang prints an empty object */
	if (json_object_object_length(doc) == 0)
		return true;
	if (!imp_get_object(&ctx, doc, &where, ER_MODULE_TOP, &er, &w)) {
		if (!json_object_object_get_ex(doc, ER_MODULE_TOP, NULL))
			return true; /* other modules' data only */
		return false;
	}
	if (!imp_get_array(&ctx, er, &w, "instance", &array, &aw))
		return d->errors == errors;
	instance = find_entry(array, "vrf", vrf, &index);
	if (!instance)
		return d->errors == errors;
	imp_where_index(&w, &aw, index);
	if (!imp_get_array(&ctx, instance, &w, "circuit", &array, &aw))
		return d->errors == errors;
	jc = find_entry(array, "name", name, &index);
	if (!jc)
		return d->errors == errors;
	imp_where_index(&w, &aw, index);
	snprintf(c->name, sizeof(c->name), "%s", name);
	read_circuit(&ctx, jc, &w, c);
	*found = true;
	return d->errors == errors;
}
