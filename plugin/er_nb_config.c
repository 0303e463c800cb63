// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute configuration callbacks.
 *
 * Validation happens once per transaction over the whole model
 * (expressroute_pre_validate); the callbacks below keep the running objects
 * and log what changed.
 */

#include <zebra.h>

#include "lib/log.h"
#include "lib/memory.h"
#include "lib/northbound.h"
#include "lib/hash.h"
#include "lib/northbound_cli.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

#include "er_nb.h"
#include "er_reconcile.h"
#include "er_vty.h"

DEFINE_MGROUP(EXPRESSROUTE, "ExpressRoute module");
DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_CIRCUIT, "ExpressRoute circuit");
DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_PEERING, "ExpressRoute peering");
DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_CIRCUIT_TEXT, "ExpressRoute circuit text");

const char *const er_circuit_text_leafs[ER_TEXT_MAX] = {
	[ER_TEXT_DESCRIPTION] = "description",
	[ER_TEXT_SERVICE_KEY] = "service-key",
	[ER_TEXT_PROVIDER] = "provider",
	[ER_TEXT_LOCATION] = "location",
};

struct er_circuits_head er_circuits = INIT_RBTREE_UNIQ(er_circuits);

int er_circuit_cmp(const struct er_circuit *a, const struct er_circuit *b)
{
	int ret = strcmp(a->vrf, b->vrf);

	return ret ? ret : strcmp(a->name, b->name);
}


struct er_sessions_head er_sessions = INIT_HASH(er_sessions);

int er_session_cmp(const struct er_session *a, const struct er_session *b)
{
	int ret = strcmp(a->peering->circuit->vrf, b->peering->circuit->vrf);

	return ret ? ret : sockunion_cmp(&a->neighbor, &b->neighbor);
}

uint32_t er_session_hash(const struct er_session *session)
{
	return sockunion_hash(&session->neighbor)
	       ^ string_hash_make(session->peering->circuit->vrf);
}

struct er_session *er_session_find(const char *vrf,
				   const union sockunion *neighbor)
{
	struct er_circuit circuit = {};
	struct er_peering peering = {.circuit = &circuit};
	struct er_session key = {.peering = &peering};

	strlcpy(circuit.vrf, vrf, sizeof(circuit.vrf));
	key.neighbor = *neighbor;
	return er_sessions_find(&er_sessions, &key);
}

void er_session_set(struct er_session *session,
		    const union sockunion *neighbor)
{
	if (session->present)
		er_sessions_del(&er_sessions, session);
	session->present = neighbor != NULL;
	if (!neighbor)
		return;
	session->neighbor = *neighbor;
	er_sessions_add(&er_sessions, session);
}

static void er_circuit_text_free(struct er_circuit *circuit)
{
	for (int i = 0; i < ER_TEXT_MAX; i++)
		XFREE(MTYPE_ER_CIRCUIT_TEXT, circuit->text[i]);
}

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
	};
	const struct lyd_node *child;

	er_circuit_text_free(circuit);
	circuit->bandwidth = 0;
	for (size_t i = 0; i < array_size(enums); i++)
		*enums[i].value = -1;

	LY_LIST_FOR (lyd_child(dnode), child) {
		const char *leaf = child->schema->name;

		if (!(child->schema->nodetype & LYS_LEAF))
			continue;
		if (strcmp(leaf, "bandwidth") == 0)
			circuit->bandwidth = yang_dnode_get_uint32(child, NULL);
		for (int i = 0; i < ER_TEXT_MAX; i++)
			if (strcmp(leaf, er_circuit_text_leafs[i]) == 0)
				circuit->text[i] = XSTRDUP(
					MTYPE_ER_CIRCUIT_TEXT,
					yang_dnode_get_string(child, NULL));
		for (size_t i = 0; i < array_size(enums); i++)
			if (strcmp(leaf, enums[i].leaf) == 0)
				*enums[i].value = yang_dnode_get_enum(child,
								      NULL);
	}
}

/* A peering's neighbors, generated policy and settings go with it. */
static void er_peering_free(struct er_peering *peering)
{
	er_peering_remove_sessions(peering);
	er_desired_clear(&peering->desired);
	XFREE(MTYPE_ER_PEERING, peering);
}

/*
 * XPath: /frr-expressroute:expressroute
 */
static struct bgp *er_bgp_of_vrf(const char *vrf)
{
	return strcmp(vrf, ER_VRF_DEFAULT) == 0 ? bgp_get_default()
						 : bgp_lookup_by_name(vrf);
}

/*
 * vtysh can only put a circuit under `router bgp [vrf NAME]`, and
 * running-config writes it there; a circuit sent over NETCONF for a vrf
 * without a BGP instance would be accepted, and lost at the next restart.
 */
static int er_validate_bgp_instances(const struct lyd_node *model,
				     char *errmsg, size_t errmsg_len)
{
	const struct lyd_node *instance, *child;

	LY_LIST_FOR (lyd_child(model), instance) {
		const char *vrf = yang_dnode_get_string(instance, "vrf");

		if (er_bgp_of_vrf(vrf))
			continue;
		LY_LIST_FOR (lyd_child(instance), child) {
			if (strcmp(LYD_NAME(child), "circuit") != 0)
				continue;
			snprintf(errmsg, errmsg_len,
				 "circuit %s (vrf %s): vrf %s has no BGP instance: configure `router bgp ASN%s%s` first",
				 yang_dnode_get_string(child, "name"), vrf, vrf,
				 strcmp(vrf, ER_VRF_DEFAULT) ? " vrf " : "",
				 strcmp(vrf, ER_VRF_DEFAULT) ? vrf : "");
			return NB_ERR_VALIDATION;
		}
	}
	return NB_OK;
}

int expressroute_pre_validate(struct nb_cb_pre_validate_args *args)
{
	int ret = er_validate_bgp_instances(args->dnode, args->errmsg,
					    args->errmsg_len);

	if (ret != NB_OK)
		return ret;
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
static void er_circuit_keys(const struct lyd_node *dnode,
			    struct er_circuit *circuit)
{
	/* from a node at or below the circuit */
	while (strcmp(dnode->schema->name, "circuit") != 0)
		dnode = lyd_parent(dnode);
	strlcpy(circuit->vrf, yang_dnode_get_string(dnode, "../vrf"),
		sizeof(circuit->vrf));
	strlcpy(circuit->name, yang_dnode_get_string(dnode, "./name"),
		sizeof(circuit->name));
}

static struct er_circuit *er_circuit_of(const struct lyd_node *dnode)
{
	struct er_circuit key = {};

	er_circuit_keys(dnode, &key);
	return er_circuits_find(&er_circuits, &key);
}

int expressroute_instance_circuit_create(struct nb_cb_create_args *args)
{
	struct er_circuit *circuit;

	if (args->event != NB_EV_APPLY)
		return NB_OK;

	circuit = XCALLOC(MTYPE_ER_CIRCUIT, sizeof(*circuit));
	er_circuit_keys(args->dnode, circuit);
	er_circuits_add(&er_circuits, circuit);

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
	for (int type = 0; type < ER_PEERING_MAX; type++) {
		struct er_peering *peering = circuit->peerings[type];

		if (peering)
			er_peering_free(peering);
	}
	er_circuits_del(&er_circuits, circuit);
	er_circuit_text_free(circuit);
	XFREE(MTYPE_ER_CIRCUIT, circuit);
	return NB_OK;
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
 * connectivity, port-speed)
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
	peering = XCALLOC(MTYPE_ER_PEERING, sizeof(*peering));
	peering->circuit = circuit;
	peering->type = yang_dnode_get_enum(args->dnode, "./type");
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			peering->sessions[af][role].peering = peering;
			peering->sessions[af][role].af = af;
			peering->sessions[af][role].role = role;
		}
	circuit->peerings[peering->type] = peering;

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
	circuit->peerings[peering->type] = NULL;
	er_peering_free(peering);
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
 * (vlan-id, ipv4, ipv6, shared-key, bfd, timers, prefix limits, redundancy,
 * route-maps, shutdown, advertise)
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

int expressroute_instance_circuit_global_reach_subnet_modify(
	struct nb_cb_modify_args *args)
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
	ret = nb_candidate_edit(candidate, nb_node_find(ER_XPATH "/instance"),
				NB_OP_DESTROY, xpath, NULL, NULL);
	if (ret == NB_OK)
		ret = nb_candidate_commit(&context, candidate, true,
					  "BGP instance deleted", NULL, errmsg,
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
