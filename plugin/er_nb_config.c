// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute configuration callbacks: translate the model's data
 * nodes into the objects of er_circuit.h, and nothing more.
 *
 * Validation happens once per transaction over the whole model
 * (expressroute_pre_validate, er_validate.c).  At apply, circuits and
 * peerings are created and freed here, and each peering's settings are
 * derived from its data node once per commit (er_peering_derive), so that
 * no other file reads model data; then the reconciler is asked to apply.
 */

#include <zebra.h>

#include "lib/log.h"
#include "lib/memory.h"
#include "lib/northbound.h"
#include "lib/hash.h"
#include "lib/northbound_cli.h"
#include "lib/prefix.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

#include "er_circuit.h"
#include "er_compat.h"
#include "er_nb.h"
#include "er_reconcile.h"

/*
 * Keep the circuit's properties from its data node (at commit), in one
 * pass over its children: the show commands then read no model data.
 */
static void er_circuit_derive(struct er_circuit *circuit,
			      const struct lyd_node *dnode)
{
	const struct {
		const char *leaf;
		int8_t *value;
	} enums[] = {
		{"sku", &circuit->sku},
		{"billing", &circuit->billing},
		{"connectivity", &circuit->connectivity},
		{"port-speed", &circuit->port_speed},
		{"encapsulation", &circuit->encapsulation},
	};
	const struct lyd_node *child;

	for (int i = 0; i < ER_TEXT_MAX; i++)
		er_circuit_text_set(circuit, i, NULL);
	circuit->bandwidth = 0;
	for (size_t i = 0; i < array_size(enums); i++)
		*enums[i].value = -1;
	circuit->local_region_count = 0;

	LY_LIST_FOR (lyd_child(dnode), child) {
		const char *leaf = child->schema->name;

		if (strcmp(leaf, "local-region") == 0) {
			int region = er_region_find(
				yang_dnode_get_string(child, NULL));

			/* validation refused unknown regions */
			if (region >= 0
			    && circuit->local_region_count < ER_REGION_MAX)
				circuit->local_region
					[circuit->local_region_count++] = region;
			continue;
		}
		if (!(child->schema->nodetype & LYS_LEAF))
			continue;
		if (strcmp(leaf, "bandwidth") == 0)
			circuit->bandwidth = yang_dnode_get_uint32(child, NULL);
		for (int i = 0; i < ER_TEXT_MAX; i++)
			if (strcmp(leaf, er_circuit_text_leafs[i]) == 0)
				er_circuit_text_set(
					circuit, i,
					yang_dnode_get_string(child, NULL));
		for (size_t i = 0; i < array_size(enums); i++)
			if (strcmp(leaf, enums[i].leaf) == 0)
				*enums[i].value = yang_dnode_get_enum(child,
								      NULL);
	}
}

/* A peering's neighbors and generated policy go with it. */
static void er_peering_delete(struct er_peering *peering)
{
	er_peering_remove_sessions(peering);
	er_peering_free(peering);
}

/*
 * XPath: /frr-expressroute:expressroute
 */

int expressroute_pre_validate(struct nb_cb_pre_validate_args *args)
{
	return er_validate_model(args->dnode, args->errmsg, args->errmsg_len);
}

/*
 * XPath: /frr-expressroute:expressroute/instance
 *
 * Circuits may be configured before their BGP instance exists (config load
 * order); the instance entry itself holds nothing to apply.
 */
int expressroute_instance_create(struct nb_cb_create_args *args)
{
	return NB_OK;
}

int expressroute_instance_destroy(struct nb_cb_destroy_args *args)
{
	const struct lyd_node *child;

	/* FRR calls no destroy callback below a destroyed list entry */
	if (args->event != NB_EV_APPLY)
		return NB_OK;
	LY_LIST_FOR (lyd_child(args->dnode), child)
		if (strcmp(LYD_NAME(child), "circuit") == 0)
			expressroute_instance_circuit_destroy(
				&(struct nb_cb_destroy_args){
					.event = NB_EV_APPLY, .dnode = child});
	return NB_OK;
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit
 *
 * Circuits are found by their keys in er_circuits, peerings through their
 * circuit, not with FRR's running entries (nb_running_set_entry()): each of
 * those holds a 1 KiB XPath, more than the circuit object itself.
 */
/* The circuit data node at or above dnode. */
static const struct lyd_node *er_circuit_dnode(const struct lyd_node *dnode)
{
	while (strcmp(dnode->schema->name, "circuit") != 0)
		dnode = lyd_parent(dnode);
	return dnode;
}

static struct er_circuit *er_circuit_of(const struct lyd_node *dnode)
{
	dnode = er_circuit_dnode(dnode);
	return er_circuit_find(yang_dnode_get_string(dnode, "../vrf"),
			       yang_dnode_get_string(dnode, "./name"));
}

int expressroute_instance_circuit_create(struct nb_cb_create_args *args)
{
	const struct lyd_node *dnode = args->dnode;
	struct er_circuit *circuit;

	if (args->event != NB_EV_APPLY)
		return NB_OK;

	circuit = er_circuit_new(yang_dnode_get_string(dnode, "../vrf"),
				 yang_dnode_get_string(dnode, "./name"));

	zlog_notice("expressroute: circuit %s (vrf %s) created", circuit->name,
		    circuit->vrf);
	return NB_OK;
}

int expressroute_instance_circuit_destroy(struct nb_cb_destroy_args *args)
{
	struct er_circuit *circuit;

	if (args->event != NB_EV_APPLY)
		return NB_OK;

	circuit = er_circuit_of(args->dnode);
	if (!circuit)
		return NB_OK;
	zlog_notice("expressroute: circuit %s (vrf %s) deleted", circuit->name,
		    circuit->vrf);
	/* the peerings' own destroy callbacks do not run for them */
	for (int type = 0; type < ER_PEERING_MAX; type++)
		if (circuit->peerings[type])
			er_peering_delete(circuit->peerings[type]);
	er_circuit_free(circuit);
	return NB_OK;
}

static const char *const er_afi_names[ER_AFI_COUNT] = {"ipv4", "ipv6"};

static char *er_desired_string(const struct lyd_node *dnode, const char *xpath)
{
	return yang_dnode_exists(dnode, xpath)
		       ? XSTRDUP(MTYPE_ER_DESIRED,
				 yang_dnode_get_string(dnode, "%s", xpath))
		       : NULL;
}

/* The Microsoft-peering prefixes to advertise, for the generated policy. */
static void er_derive_advertise(struct er_desired *d,
				const struct lyd_node *dnode)
{
	const struct lyd_node *child;
	unsigned int count = 0;

	LY_LIST_FOR (lyd_child(dnode), child)
		if (strcmp(child->schema->name, "advertise") == 0)
			count++;
	if (!count)
		return;
	d->advertise = XCALLOC(MTYPE_ER_DESIRED, count * sizeof(*d->advertise));
	LY_LIST_FOR (lyd_child(dnode), child)
		if (strcmp(child->schema->name, "advertise") == 0
		    && str2prefix(yang_dnode_get_string(child, NULL),
				  &d->advertise[d->advertise_count]))
			d->advertise_count++;
}

/*
 * prefer-region and expect-service, as indexes in the community table
 * (validation refused the names it does not know), and the log line that
 * says what the module now steers.
 */
static void er_derive_communities(struct er_peering *peering,
				  const struct lyd_node *dnode,
				  const struct er_desired *old)
{
	struct er_desired *d = &peering->desired;
	const struct lyd_node *child;
	char regions[512] = "";

	LY_LIST_FOR (lyd_child(dnode), child) {
		const char *leaf = child->schema->name;
		int i;

		if (strcmp(leaf, "prefer-region") == 0) {
			i = er_region_find(yang_dnode_get_string(child, NULL));
			if (i >= 0 && d->prefer_region_count < ER_REGION_MAX)
				d->prefer_region[d->prefer_region_count++] = i;
		} else if (strcmp(leaf, "expect-service") == 0) {
			i = er_service_find(yang_dnode_get_string(child, NULL));
			if (i >= 0 && d->expect_service_count < ER_SERVICE_MAX)
				d->expect_service[d->expect_service_count++] = i;
		}
	}
	d->custom_vnet_communities =
		yang_dnode_get_bool(dnode, "./custom-vnet-communities");

	if (old->prefer_region_count == d->prefer_region_count
	    && !memcmp(old->prefer_region, d->prefer_region,
		       d->prefer_region_count))
		return;
	for (unsigned int i = 0; i < d->prefer_region_count; i++)
		snprintf(regions + strlen(regions),
			 sizeof(regions) - strlen(regions), "%s%s", i ? " " : "",
			 er_regions[d->prefer_region[i]].key);
	if (regions[0])
		zlog_notice("expressroute: circuit %s (vrf %s) peering %s: routes of %s preferred (local preference 150)",
			    peering->circuit->name, peering->circuit->vrf,
			    er_peering_type2str(peering->type), regions);
	else if (old->derived)
		zlog_notice("expressroute: circuit %s (vrf %s) peering %s: no region preferred any more",
			    peering->circuit->name, peering->circuit->vrf,
			    er_peering_type2str(peering->type));
}

/*
 * The link subnets of one family: the primary and secondary subnets, or the
 * two halves of the /29 (/125) block Microsoft gives; present[role] false
 * where there is none.
 */
static void er_derive_link_subnets(const struct lyd_node *dnode,
				   const char *family,
				   struct er_prefix subnet[ER_ROLE_MAX],
				   bool present[ER_ROLE_MAX])
{
	struct er_prefix block;
	char xpath[64];

	snprintf(xpath, sizeof(xpath), "./%s/block", family);
	if (yang_dnode_exists(dnode, xpath)) {
		present[ER_ROLE_PRIMARY] = present[ER_ROLE_SECONDARY] =
			er_prefix_parse(yang_dnode_get_string(dnode, "%s",
							      xpath),
					&block)
			&& er_split_subnet(&block, &subnet[ER_ROLE_PRIMARY],
					   &subnet[ER_ROLE_SECONDARY], NULL, 0);
		return;
	}
	for (int role = 0; role < ER_ROLE_MAX; role++) {
		snprintf(xpath, sizeof(xpath), "./%s/%s-subnet", family,
			 er_role2str(role));
		present[role] = yang_dnode_exists(dnode, xpath)
				&& er_prefix_parse(yang_dnode_get_string(dnode, "%s",
									 xpath),
						   &subnet[role]);
	}
}

/* Global Reach connections of a circuit (they bring other sites' routes). */
static uint32_t er_global_reach_count(const struct lyd_node *circuit)
{
	const struct lyd_node *child;
	uint32_t count = 0;

	LY_LIST_FOR (lyd_child(circuit), child)
		if (strcmp(child->schema->name, "global-reach") == 0)
			count++;
	return count;
}

/* A BFD interval the MSEE overrides: logged when a commit brings it. */
static void er_peering_log_bfd(const struct er_peering *peering,
			       const struct er_desired *old)
{
	const struct er_desired *d = &peering->desired;
	char msg[ER_MSG_SIZE];

	if (!d->bfd || (old->derived && old->bfd
			&& old->bfd_interval == d->bfd_interval))
		return;
	if (er_check_bfd_interval(d->bfd_interval, msg, sizeof(msg)) == ER_WARN)
		zlog_warn("expressroute: circuit %s (vrf %s) peering %s: %s",
			  peering->circuit->name, peering->circuit->vrf,
			  er_peering_type2str(peering->type), msg);
}

/*
 * What the peering asks of its neighbors, from its data node (at commit,
 * from the circuit's apply_finish: the circuit's SKU, bandwidth and Global
 * Reach connections set the limits).
 */
static void er_peering_derive(struct er_peering *peering,
			      const struct lyd_node *dnode)
{
	const struct lyd_node *circuit = lyd_parent(dnode);
	enum er_sku sku = yang_dnode_get_enum(circuit, "./sku");
	uint32_t bandwidth = yang_dnode_exists(circuit, "./bandwidth")
				     ? yang_dnode_get_uint32(circuit,
							     "./bandwidth")
				     : 0;
	uint32_t global_reach = er_global_reach_count(circuit);
	struct er_desired *d = &peering->desired;
	struct er_desired old = {
		.derived = d->derived,
		.bfd = d->bfd,
		.bfd_interval = d->bfd_interval,
		.prefer_region_count = d->prefer_region_count,
	};
	char xpath[64];

	memcpy(old.prefer_region, d->prefer_region, sizeof(old.prefer_region));
	er_desired_clear(d);
	for (int af = 0; af < ER_AFI_COUNT; af++) {
		const char *family = er_afi_names[af];
		struct er_prefix subnet[ER_ROLE_MAX];
		bool present[ER_ROLE_MAX];

		er_derive_link_subnets(dnode, family, subnet, present);
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct er_prefix ce, msee;
			char addr[ER_PREFIX_STRLEN];

			if (!present[role]
			    || !er_link_addresses(&subnet[role], &ce, &msee,
						  NULL, 0))
				continue;
			er_addr2str(&msee, addr, sizeof(addr));
			if (str2ipaddr(addr, &d->neighbor[af][role]) < 0)
				memset(&d->neighbor[af][role], 0,
				       sizeof(d->neighbor[af][role]));
		}

		snprintf(xpath, sizeof(xpath), "./prefix-limit-out/%s", family);
		d->limit_out[af] =
			yang_dnode_exists(dnode, xpath)
				? yang_dnode_get_uint32(dnode, "%s", xpath)
				: er_prefix_limit_out(sku, peering->type,
						      af ? AF_INET6 : AF_INET);
		snprintf(xpath, sizeof(xpath), "./prefix-limit-in/%s", family);
		d->limit_in[af] = yang_dnode_exists(dnode, xpath)
					  ? yang_dnode_get_uint32(dnode, "%s",
								  xpath)
					  : er_prefix_limit_in(
						    peering->type,
						    af ? AF_INET6 : AF_INET,
						    sku, bandwidth,
						    global_reach);
	}

	d->has_vlan = yang_dnode_exists(dnode, "./vlan-id");
	if (d->has_vlan)
		d->vlan_id = yang_dnode_get_uint16(dnode, "./vlan-id");
	d->keepalive = yang_dnode_get_uint16(dnode, "./timers/keepalive");
	d->hold = yang_dnode_get_uint16(dnode, "./timers/hold");
	d->bfd = yang_dnode_get_bool(dnode, "./bfd/enabled");
	d->bfd_interval = yang_dnode_get_uint32(dnode, "./bfd/interval");
	d->bfd_multiplier = yang_dnode_get_uint8(dnode, "./bfd/multiplier");
	d->password = er_desired_string(dnode, "./shared-key");
	d->shutdown = yang_dnode_get_bool(dnode, "./shutdown");
	d->warning_threshold = yang_dnode_get_uint8(
		dnode, "./prefix-limit-out/warning-threshold");
	d->limit_in_warning_only =
		yang_dnode_get_bool(dnode, "./prefix-limit-in/warning-only");
	d->route_map_in = er_desired_string(dnode, "./route-map-in");
	d->route_map_out = er_desired_string(dnode, "./route-map-out");
	d->standby = yang_dnode_get_enum(dnode, "./redundancy")
		     == ER_REDUNDANCY_ACTIVE_STANDBY;
	er_derive_advertise(d, dnode);
	er_derive_communities(peering, dnode, &old);
	d->derived = true;
	er_peering_log_bfd(peering, &old);
}

void expressroute_instance_circuit_apply_finish(
	struct nb_cb_apply_finish_args *args)
{
	struct er_circuit *circuit = er_circuit_of(args->dnode);

	if (!circuit)
		return;
	/*
	 * Runs for every change below the circuit, its peerings' included:
	 * the peerings' settings are derived here, once per commit, also
	 * because circuit properties (the SKU) set their prefix limits.
	 */
	er_circuit_derive(circuit, args->dnode);
	for (int type = 0; type < ER_PEERING_MAX; type++) {
		struct er_peering *peering = circuit->peerings[type];
		const struct lyd_node *dnode;

		if (!peering)
			continue;
		dnode = yang_dnode_getf(args->dnode, "./peering[type='%s']",
					er_peering_type2str(peering->type));
		if (dnode)
			er_peering_derive(peering, dnode);
		er_reconcile_schedule(peering);
	}
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/<leaf>
 * (description, service-key, provider, location, bandwidth, sku, billing,
 * connectivity, port-speed, direct-port, encapsulation)
 */
int expressroute_instance_circuit_leaf_modify(struct nb_cb_modify_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_leaf_destroy(struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

/* An ASN Azure accepts only reluctantly is worth a line in the log. */
static void er_peering_log_asn(const struct er_peering *peering)
{
	const struct bgp *bgp = er_bgp_of_vrf(peering->circuit->vrf);
	char msg[ER_MSG_SIZE];

	if (bgp && er_check_asn(bgp->as, peering->type, msg, sizeof(msg))
			   == ER_WARN)
		zlog_warn("expressroute: circuit %s (vrf %s) peering %s: %s",
			  peering->circuit->name, peering->circuit->vrf,
			  er_peering_type2str(peering->type), msg);
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/peering
 */
static struct er_peering *er_peering_of(const struct lyd_node *dnode)
{
	struct er_circuit *circuit = er_circuit_of(dnode);

	return circuit ? circuit->peerings[yang_dnode_get_enum(dnode, "./type")]
		       : NULL;
}

int expressroute_instance_circuit_peering_create(
	struct nb_cb_create_args *args)
{
	struct er_circuit *circuit;
	struct er_peering *peering;

	if (args->event != NB_EV_APPLY)
		return NB_OK;

	circuit = er_circuit_of(args->dnode);
	assert(circuit);
	peering = er_peering_new(circuit,
				 yang_dnode_get_enum(args->dnode, "./type"));

	zlog_notice("expressroute: circuit %s (vrf %s) peering %s created",
		    circuit->name, circuit->vrf,
		    er_peering_type2str(peering->type));
	er_peering_log_asn(peering);
	return NB_OK;
}

int expressroute_instance_circuit_peering_destroy(
	struct nb_cb_destroy_args *args)
{
	struct er_peering *peering;
	struct er_circuit *circuit;

	if (args->event != NB_EV_APPLY)
		return NB_OK;

	peering = er_peering_of(args->dnode);
	if (!peering)
		return NB_OK;
	circuit = peering->circuit;
	zlog_notice("expressroute: circuit %s (vrf %s) peering %s deleted",
		    circuit->name, circuit->vrf,
		    er_peering_type2str(peering->type));
	er_peering_delete(peering);
	return NB_OK;
}

void expressroute_instance_circuit_peering_apply_finish(
	struct nb_cb_apply_finish_args *args)
{
	struct er_peering *peering = er_peering_of(args->dnode);

	if (peering)
		er_reconcile_schedule(peering);
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/peering/<leaf>
 * (vlan-id, ipv4 and ipv6 block or subnets, shared-key, bfd, timers, prefix
 * limits, redundancy, route-maps, shutdown, advertise)
 */
int expressroute_instance_circuit_peering_leaf_modify(
	struct nb_cb_modify_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_peering_leaf_destroy(
	struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_peering_advertise_create(
	struct nb_cb_create_args *args)
{
	return NB_OK;
}

/* prefer-region, expect-service: derived with the peering's settings. */
int expressroute_instance_circuit_peering_leaf_list_create(
	struct nb_cb_create_args *args)
{
	return NB_OK;
}

/* local-region: derived with the circuit's properties. */
int expressroute_instance_circuit_leaf_list_create(
	struct nb_cb_create_args *args)
{
	return NB_OK;
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/global-reach
 */
int expressroute_instance_circuit_global_reach_create(
	struct nb_cb_create_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_global_reach_destroy(
	struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/global-reach/subnet
 * and .../global-reach/ipv6-subnet: nothing of them is applied to bgpd.
 */
int expressroute_instance_circuit_global_reach_subnet_modify(
	struct nb_cb_modify_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_global_reach_subnet_destroy(
	struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_global_reach_ipv6_subnet_modify(
	struct nb_cb_modify_args *args)
{
	return NB_OK;
}

int expressroute_instance_circuit_global_reach_ipv6_subnet_destroy(
	struct nb_cb_destroy_args *args)
{
	return NB_OK;
}

/*
 * bgp_inst_delete hook: `no router bgp` takes the instance's circuits with
 * it, committed like any other change so that running-config, the running
 * objects and (later) the sessions all follow.  Nothing to do while bgpd
 * shuts down.
 */
int er_bgp_instance_deleted(struct bgp *bgp)
{
	const char *vrf = er_bgp_vrf_name(bgp);
	struct nb_context context = {.client = NB_CLIENT_NONE};
	struct nb_config *candidate;
	char xpath[XPATH_MAXLEN], errmsg[BUFSIZ] = {};
	int ret;

	if (bm->terminating)
		return 0;
	snprintf(xpath, sizeof(xpath), ER_XPATH_INSTANCE, vrf);
	if (!yang_dnode_exists(running_config->dnode, xpath))
		return 0;

	candidate = nb_config_dup(running_config);
	ret = er_candidate_delete(candidate, xpath);
	if (ret == NB_OK)
		ret = er_candidate_commit(&context, candidate,
					  "BGP instance deleted", errmsg,
					  sizeof(errmsg));
	nb_config_free(candidate);

	if (ret != NB_OK && ret != NB_ERR_NO_CHANGES) {
		zlog_err("expressroute: could not remove the circuits of deleted BGP instance (vrf %s): %s",
			 vrf, errmsg);
		return 0;
	}
	/* terminals editing the shared candidate see the removal too */
	nb_config_replace(vty_shared_candidate_config, running_config, true);
	zlog_notice("expressroute: BGP instance (vrf %s) deleted, its circuits removed",
		    vrf);
	return 0;
}
