// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The interface between the NETCONF module that bgpd loads
 * (bgpd_expressroute_netconf.so, nc_loader.c) and the implementation it
 * opens (expressroute_netconf_impl.so): the loader owns the FRR module and
 * its hooks, the implementation owns libnetconf2.
 */
#ifndef _FRR_ER_NC_API_H
#define _FRR_ER_NC_API_H

#include "nc_compat.h"

struct list;

struct er_netconf_impl {
	/* Parse the module arguments; 0 or -1 with a log line. */
	int (*configure)(const char *args);
	/* Start the server (main thread, after fork and frr_late_init). */
	void (*start)(nc_event_loop *master);
	/* Stop it before bgpd exits. */
	void (*stop)(void);
	/* A YANG notification from the northbound (main thread). */
	void (*notify)(const char *xpath, struct list *arguments);
};

#define ER_NETCONF_IMPL_SYMBOL "er_netconf_impl"

/*
 * From the ExpressRoute module (er_validate.c): the XPath of the node a
 * refusal is about, given the refusal's message; NULL if unknown.
 */
typedef const char *er_validate_error_path_fn(const char *errmsg);
#define ER_VALIDATE_ERROR_PATH_SYMBOL "er_validate_error_path"
#define ER_NETCONF_IMPL_FILE "expressroute_netconf_impl.so"

#endif /* _FRR_ER_NC_API_H */
