// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute northbound: the model's xpaths and the callbacks of its
 * table (er_nb.c), by the file that implements them.
 */
#ifndef _FRR_ER_NB_H
#define _FRR_ER_NB_H

#include "northbound.h"

#include "er_circuit.h"

#define ER_YANG_MODULE "frr-expressroute"
#define ER_XPATH "/frr-expressroute:expressroute"
#define ER_XPATH_INSTANCE ER_XPATH "/instance[vrf='%s']"
#define ER_XPATH_CIRCUIT ER_XPATH_INSTANCE "/circuit[name='%s']"

extern const struct frr_yang_module_info frr_expressroute_info;

/* er_model_register.c: add the model to FRR's northbound after nb_init(). */
int er_model_register(void);

/* er_nb_config.c: from data nodes to the objects of er_circuit.h */
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
int expressroute_instance_circuit_global_reach_subnet_destroy(
	struct nb_cb_destroy_args *args);
int expressroute_instance_circuit_global_reach_ipv6_subnet_modify(
	struct nb_cb_modify_args *args);
int expressroute_instance_circuit_global_reach_ipv6_subnet_destroy(
	struct nb_cb_destroy_args *args);

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

/*
 * The data node (an XPath) that the last refusal is about, if errmsg is
 * that refusal's message; NULL otherwise.  NETCONF's error-path comes from
 * here (looked up by name, ER_VALIDATE_ERROR_PATH_SYMBOL in nc_api.h).
 */
const char *er_validate_error_path(const char *errmsg);

/* er_cli.c: running-config of the model (cli_show callbacks). */
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
/* er_cli.c: the order of list entries in running-config (cli_cmp). */
int cli_cmp_er_by_name(const struct lyd_node *dnode1,
		       const struct lyd_node *dnode2);
int cli_cmp_er_peering(const struct lyd_node *dnode1,
		       const struct lyd_node *dnode2);
int cli_cmp_er_prefix(const struct lyd_node *dnode1,
		      const struct lyd_node *dnode2);

#endif /* _FRR_ER_NB_H */
