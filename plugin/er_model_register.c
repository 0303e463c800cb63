// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Registering the frr-expressroute YANG model with FRR's northbound.
 *
 * FRR loads its daemons' models and creates their northbound nodes once, in
 * nb_init(), long before a module's late init runs, and offers no API to add
 * a model afterwards.  This file does what nb_init() does, for our model
 * only:
 *  1. load the model (its text is embedded in the module, see the build);
 *  2. create an nb_node for each schema node and link the two;
 *  3. attach the callbacks of er_nb.c and let FRR check they are complete;
 *  4. add the model's implicit nodes to the running and shared candidate
 *     configurations, and repair their first-sibling pointers (see below).
 *
 * The model imports only typedef modules: importing or augmenting an FRR
 * model with data nodes makes libyang recompile it, which silently drops the
 * northbound pointers FRR keeps in its schema nodes.
 */

#include <zebra.h>

#include "lib/memory.h"
#include "lib/northbound.h"
#include "lib/northbound_cli.h"
#include "lib/log.h"
#include "lib/yang.h"

#include "er_compat.h"
#include "er_nb.h"

/*
 * nb_nodes must be allocated with libfrr's "Northbound Node" memory type:
 * nb_terminate() frees every node with it, also in the parent process of
 * frr_daemonize(), where no module hook runs.  The type is static in libfrr,
 * so find it by name.
 */
static struct memtype *er_mtype_nb_node;

static int er_find_nb_node_mtype(void *arg, struct memgroup *mg,
				 struct memtype *mt)
{
	if (mt && strcmp(mg->name, "libfrr") == 0
	    && strcmp(mt->name, "Northbound Node") == 0) {
		er_mtype_nb_node = mt;
		return 1;
	}
	return 0;
}

static int er_snode_is_config_only(const struct lysc_node *snode, void *arg)
{
	bool *config_only = arg;

	if (CHECK_FLAG(snode->flags, LYS_CONFIG_R)) {
		*config_only = false;
		return YANG_ITER_STOP;
	}
	return YANG_ITER_CONTINUE;
}

/* Our own version of what lib/northbound.c does for each schema node. */
static int er_nb_node_create(const struct lysc_node *snode, void *arg)
{
	struct nb_node *nb_node;
	struct lysc_node *sparent, *sparent_list;

	if (snode->priv)
		return YANG_ITER_CONTINUE;

	nb_node = qcalloc(er_mtype_nb_node, sizeof(*nb_node));
	yang_snode_get_path(snode, YANG_PATH_DATA, nb_node->xpath,
			    sizeof(nb_node->xpath));
	nb_node->priority = NB_DFLT_PRIORITY;

	sparent = yang_snode_real_parent(snode);
	if (sparent)
		nb_node->parent = sparent->priv;
	sparent_list = yang_snode_parent_list(snode);
	if (sparent_list)
		nb_node->parent_list = sparent_list->priv;

	if (CHECK_FLAG(snode->nodetype, LYS_CONTAINER | LYS_LIST)) {
		bool config_only = true;

		yang_snodes_iterate_subtree(snode, NULL, er_snode_is_config_only,
					    0, &config_only);
		if (config_only)
			SET_FLAG(nb_node->flags, F_NB_NODE_CONFIG_ONLY);
	}
	if (CHECK_FLAG(snode->nodetype, LYS_LIST)
	    && yang_snode_num_keys(snode) == 0)
		SET_FLAG(nb_node->flags, F_NB_NODE_KEYLESS_LIST);

	nb_node->snode = snode;
	((struct lysc_node *)snode)->priv = nb_node;
	return YANG_ITER_CONTINUE;
}

static int er_attach_callbacks(const struct frr_yang_module_info *info)
{
	int missing = 0;

	for (size_t i = 0; info->nodes[i].xpath; i++) {
		struct nb_node *nb_node = nb_node_find(info->nodes[i].xpath);

		if (!nb_node) {
			zlog_err("expressroute: no schema node for %s",
				 info->nodes[i].xpath);
			missing++;
			continue;
		}
		nb_node->cbs = info->nodes[i].cbs;
		if (info->nodes[i].priority)
			nb_node->priority = info->nodes[i].priority;
	}
	return missing;
}

/*
 * libyang keeps top-level data nodes ordered by module name, so our
 * "frr-expressroute" nodes sort before "frr-filter" and become the first
 * sibling.  FRR's config->dnode must point at the first sibling, or every
 * diff skips our nodes and commits end as "no changes".
 */
static void er_config_add_model(struct nb_config *config,
				const struct lys_module *mod)
{
	lyd_new_implicit_module(&config->dnode, mod, LYD_IMPLICIT_NO_STATE,
				NULL);
	config->dnode = lyd_first_sibling(config->dnode);
}

int er_model_register(void)
{
	struct yang_module *module;

	qmem_walk(er_find_nb_node_mtype, NULL);
	if (!er_mtype_nb_node) {
		zlog_err("expressroute: libfrr's northbound memory type not found");
		return -1;
	}

	/* exits the daemon with libyang's error if the model does not load */
	module = er_yang_module_load(ER_YANG_MODULE);

	yang_snodes_iterate(module->info, er_nb_node_create, 0, NULL);
	if (er_attach_callbacks(&frr_expressroute_info))
		return -1;
	/* exits with a list of what is missing, as for FRR's own models */
	nb_validate_callbacks();

	er_config_add_model(running_config, module->info);
	er_config_add_model(vty_shared_candidate_config, module->info);
	return 0;
}
