// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute northbound: xpaths, the callback table and the running
 * objects the configuration callbacks keep.
 */
#ifndef _FRR_ER_NB_H
#define _FRR_ER_NB_H

#include "ipaddr.h"
#include "memory.h"
#include "northbound.h"
#include "sockunion.h"
#include "typesafe.h"

#include "er_rules.h"

#define ER_YANG_MODULE "frr-expressroute"
#define ER_XPATH "/frr-expressroute:expressroute"
#define ER_XPATH_INSTANCE ER_XPATH "/instance[vrf='%s']"
#define ER_XPATH_CIRCUIT ER_XPATH_INSTANCE "/circuit[name='%s']"

/* The vrf key of the default BGP instance. */
#define ER_VRF_DEFAULT "default"
#define ER_VRF_NAMSIZ 37
#define ER_CIRCUIT_NAMSIZ 64

DECLARE_MGROUP(EXPRESSROUTE);

extern const struct frr_yang_module_info frr_expressroute_info;

/* er_model_register.c: add the model to FRR's northbound after nb_init(). */
int er_model_register(void);

/*
 * Running objects, one per configured circuit and peering, attached to
 * their data nodes with nb_running_set_entry().  The configuration itself
 * stays in the data tree; these carry what the reconciler and the health
 * report keep beside it.
 */
PREDECL_RBTREE_UNIQ(er_circuits);

/* Address families of a peering's sessions: IPv4 and IPv6. */
#define ER_AFI_COUNT 2

struct er_session_stats;

PREDECL_HASH(er_sessions);

/* One session of a peering as last applied: its MSEE's address. */
struct er_session {
	struct er_sessions_item item; /* in er_sessions while present */
	struct er_peering *peering;
	uint8_t af, role; /* its place in peering->sessions */
	bool present;
	union sockunion neighbor;
	struct er_session_stats *stats; /* er_health.c */
};

/*
 * What a peering asks of its neighbors, derived from its model data once
 * per commit (er_peering_derive) so that the reconciler, the drift report
 * and the show commands compare with bgpd without reading the data tree.
 * The route-maps and prefix-lists the module generates are not kept: their
 * names follow from the circuit's name and the peering type.
 */
struct er_desired {
	/* the MSEE's address of each session; IPADDR_NONE: no session */
	struct ipaddr neighbor[ER_AFI_COUNT][ER_ROLE_MAX];
	bool derived; /* from a committed configuration */
	bool bfd, shutdown, limit_in_warning_only;
	bool standby; /* redundancy active-standby */
	bool has_vlan;
	uint8_t bfd_multiplier, warning_threshold;
	uint16_t vlan_id, keepalive, hold;
	uint32_t bfd_interval;
	uint32_t limit_out[ER_AFI_COUNT];
	uint32_t limit_in[ER_AFI_COUNT];
	/* the operator's strings, or NULL */
	char *password, *route_map_in, *route_map_out;
};

struct er_peering {
	struct er_circuit *circuit;
	enum er_peering_type type;
	struct er_session sessions[ER_AFI_COUNT][ER_ROLE_MAX];
	struct er_desired desired;
	bool dirty;   /* changed in the model, not applied yet */
	bool pending; /* its BGP instance does not exist yet */
	enum er_verdict verdict; /* at the last evaluation */
	bool evaluated;		 /* there was one */
};

/* The circuit's free-text properties, in er_circuit.text[]. */
enum er_circuit_text {
	ER_TEXT_DESCRIPTION,
	ER_TEXT_SERVICE_KEY,
	ER_TEXT_PROVIDER,
	ER_TEXT_LOCATION,
	ER_TEXT_MAX,
};

struct er_circuit {
	struct er_circuits_item entry;
	char vrf[ER_VRF_NAMSIZ];
	char name[ER_CIRCUIT_NAMSIZ];
	struct er_peering *peerings[ER_PEERING_MAX];
	/* its properties as committed (er_circuit_derive), for the reports */
	char *text[ER_TEXT_MAX]; /* or NULL */
	uint32_t bandwidth;	 /* Mbps, 0 if not set */
	/* enum er_sku, er_billing, er_connectivity, er_port_speed; -1: unset */
	int8_t sku, billing, connectivity, port_speed;
};

/* Names of the circuit's free-text leafs, by enum er_circuit_text. */
extern const char *const er_circuit_text_leafs[ER_TEXT_MAX];

int er_circuit_cmp(const struct er_circuit *a, const struct er_circuit *b);
DECLARE_RBTREE_UNIQ(er_circuits, struct er_circuit, entry, er_circuit_cmp);

/* All circuits of the router, ordered by VRF then name. */
extern struct er_circuits_head er_circuits;

/*
 * Sessions by VRF and neighbor address, so that bgpd's events find their
 * session without a walk over every circuit.
 */
int er_session_cmp(const struct er_session *a, const struct er_session *b);
uint32_t er_session_hash(const struct er_session *session);
DECLARE_HASH(er_sessions, struct er_session, item, er_session_cmp,
	     er_session_hash);
extern struct er_sessions_head er_sessions;

/* The session of a neighbor address in a VRF, if the module has one. */
struct er_session *er_session_find(const char *vrf,
				   const union sockunion *neighbor);
/* Mark a session present at an address, or absent (neighbor NULL). */
void er_session_set(struct er_session *session,
		    const union sockunion *neighbor);

/* er_nb_config.c */
struct bgp;
int er_bgp_instance_deleted(struct bgp *bgp);
int expressroute_pre_validate(struct nb_cb_pre_validate_args *args);
int expressroute_instance_create(struct nb_cb_create_args *args);
int expressroute_instance_destroy(struct nb_cb_destroy_args *args);
int expressroute_instance_circuit_create(struct nb_cb_create_args *args);
int expressroute_instance_circuit_destroy(struct nb_cb_destroy_args *args);
void expressroute_instance_circuit_apply_finish(
	struct nb_cb_apply_finish_args *args);
int expressroute_instance_circuit_leaf_modify(struct nb_cb_modify_args *args);
int expressroute_instance_circuit_leaf_destroy(
	struct nb_cb_destroy_args *args);
int expressroute_instance_circuit_peering_create(
	struct nb_cb_create_args *args);
int expressroute_instance_circuit_peering_destroy(
	struct nb_cb_destroy_args *args);
void expressroute_instance_circuit_peering_apply_finish(
	struct nb_cb_apply_finish_args *args);
int expressroute_instance_circuit_peering_leaf_modify(
	struct nb_cb_modify_args *args);
int expressroute_instance_circuit_peering_leaf_destroy(
	struct nb_cb_destroy_args *args);
int expressroute_instance_circuit_peering_advertise_create(
	struct nb_cb_create_args *args);
int expressroute_instance_circuit_global_reach_create(
	struct nb_cb_create_args *args);
int expressroute_instance_circuit_global_reach_destroy(
	struct nb_cb_destroy_args *args);
int expressroute_instance_circuit_global_reach_subnet_modify(
	struct nb_cb_modify_args *args);

/* er_nb_state.c: operational data (the config-false state containers) */
const void *expressroute_instance_get_next(struct nb_cb_get_next_args *args);
int expressroute_instance_get_keys(struct nb_cb_get_keys_args *args);
const void *
expressroute_instance_lookup_entry(struct nb_cb_lookup_entry_args *args);
const void *
expressroute_instance_circuit_get_next(struct nb_cb_get_next_args *args);
int expressroute_instance_circuit_get_keys(struct nb_cb_get_keys_args *args);
const void *expressroute_instance_circuit_lookup_entry(
	struct nb_cb_lookup_entry_args *args);
struct yang_data *expressroute_instance_circuit_state_verdict_get_elem(
	struct nb_cb_get_elem_args *args);
const void *
expressroute_instance_circuit_peering_get_next(struct nb_cb_get_next_args *args);
int expressroute_instance_circuit_peering_get_keys(
	struct nb_cb_get_keys_args *args);
const void *expressroute_instance_circuit_peering_lookup_entry(
	struct nb_cb_lookup_entry_args *args);
struct yang_data *expressroute_instance_circuit_peering_state_verdict_get_elem(
	struct nb_cb_get_elem_args *args);
const void *expressroute_instance_circuit_peering_state_reasons_get_next(
	struct nb_cb_get_next_args *args);
struct yang_data *expressroute_instance_circuit_peering_state_reasons_get_elem(
	struct nb_cb_get_elem_args *args);
const void *expressroute_instance_circuit_peering_state_session_get_next(
	struct nb_cb_get_next_args *args);
int expressroute_instance_circuit_peering_state_session_get_keys(
	struct nb_cb_get_keys_args *args);
const void *expressroute_instance_circuit_peering_state_session_lookup_entry(
	struct nb_cb_lookup_entry_args *args);
struct yang_data *
expressroute_instance_circuit_peering_state_session_leaf_get_elem(
	struct nb_cb_get_elem_args *args);

/*
 * er_validate.c: the ExpressRoute rules applied to a candidate's model data
 * (the /frr-expressroute:expressroute container).  Returns NB_OK or
 * NB_ERR_VALIDATION with a message naming circuit, peering, rule and value.
 */
int er_validate_model(const struct lyd_node *model, char *errmsg,
		      size_t errmsg_len);

/* er_vty.c: running-config of the model (cli_show callbacks). */
void cli_show_er_circuit(struct vty *vty, const struct lyd_node *dnode,
			 bool show_defaults);
void cli_show_er_circuit_end(struct vty *vty, const struct lyd_node *dnode);
void cli_show_er_circuit_leaf(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults);
void cli_show_er_peering(struct vty *vty, const struct lyd_node *dnode,
			 bool show_defaults);
void cli_show_er_peering_end(struct vty *vty, const struct lyd_node *dnode);
void cli_show_er_peering_leaf(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults);
void cli_show_er_global_reach(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults);

#endif /* _FRR_ER_NB_H */
