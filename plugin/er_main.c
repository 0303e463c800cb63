// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bgpd_expressroute: module setup.
 *
 * Loaded into bgpd with `-M expressroute`.  At load it checks that bgpd and
 * libfrr are the FRR release it was compiled against (FRR itself checks
 * nothing, and a mismatch means different structure layouts); the model and
 * the CLI are registered later, from frr_late_init, because module init
 * runs before FRR's northbound and CLI exist.
 */

#include <zebra.h>

#include "lib/hook.h"
#include "lib/libfrr.h"
#include "lib/module.h"
#include "lib/version.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_fsm.h"

#include "er_circuit.h"
#include "er_cli.h"
#include "er_compat.h"
#include "er_health.h"
#include "er_metrics.h"
#include "er_nb.h"
#include "er_reconcile.h"
#include "er_show.h"

/* The FRR release the module was compiled against (tests override it). */
#ifndef ER_FRR_VERSION
#define ER_FRR_VERSION FRR_VERSION
#endif

static int er_late_init(er_event_loop *loop)
{
	if (er_model_register() != 0) {
		zlog_err("expressroute: could not register the %s model",
			 ER_YANG_MODULE);
		return -1;
	}
	er_cli_init();
	er_show_init();
	er_health_init();
	er_metrics_init();
	hook_register(er_verdict_change, er_metrics_verdict_change);
	zlog_notice("expressroute: module ready (model %s)", ER_YANG_MODULE);
	return 0;
}

/* bgpd shuts down: no more ticks or reconcile passes, no more objects. */
static int er_fini(void)
{
	er_metrics_stop();
	er_health_stop();
	er_reconcile_stop();
	er_circuits_free_all();
	return 0;
}

/*
 * libfrr and the daemon enter themselves in frrmod_list with the FRR
 * version they were built from.
 */
static int er_check_frr_version(void)
{
	const struct frrmod_runtime *mod;
	bool in_bgpd = false;

	for (mod = frrmod_list; mod; mod = mod->next) {
		if (mod == THIS_MODULE || !mod->info)
			continue;
		if (strcmp(mod->info->name, "bgpd") == 0)
			in_bgpd = true;
		else if (strcmp(mod->info->name, "libfrr") != 0)
			continue;
		if (strcmp(mod->info->version, ER_FRR_VERSION) == 0)
			continue;

		zlog_err("expressroute: module built for FRR %s, but %s is FRR %s: refusing to load (rebuild the module against this FRR)",
			 ER_FRR_VERSION, mod->info->name, mod->info->version);
		fprintf(stderr,
			"expressroute: module built for FRR %s, but %s is FRR %s: refusing to load (rebuild the module against this FRR)\n",
			ER_FRR_VERSION, mod->info->name, mod->info->version);
		return -1;
	}
	if (!in_bgpd) {
		fprintf(stderr, "expressroute: this module loads only into bgpd\n");
		return -1;
	}
	return 0;
}

static int er_module_init(void)
{
	/*
	 * A module whose init fails makes FRR exit(1), but FRR first
	 * dlclose()s the module and then frees strings it finds through the
	 * module's own (unmapped) data: bgpd would crash instead.  Exit as FRR
	 * means to.
	 */
	if (er_check_frr_version() != 0)
		exit(1);

	hook_register(frr_late_init, er_late_init);
	hook_register(frr_fini, er_fini);
	hook_register(bgp_inst_config_write, er_config_write);
	hook_register(bgp_inst_delete, er_bgp_instance_deleted);
	hook_register(peer_status_changed, er_health_peer_status_changed);
	hook_register(peer_status_changed, er_metrics_peer_status_changed);
	return 0;
}

FRR_MODULE_SETUP(.name = "bgpd_expressroute", .version = ER_MODULE_VERSION,
		 .description = "Azure ExpressRoute support for bgpd",
		 .init = er_module_init);
