// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bgpd_expressroute_netconf: the FRR module, loaded with
 * `bgpd -M expressroute_netconf[:ARGS]`.
 *
 * It only opens the implementation (expressroute_netconf_impl.so, next to
 * this file) and forwards FRR's hooks to it.  The implementation links
 * libnetconf2, libssh and OpenSSL's libcrypto, and must be opened with
 * RTLD_DEEPBIND: libfrr exports its own SHA256_Init/Update/Final, and
 * without DEEPBIND libcrypto's internal calls bind to those, which have
 * another context layout, so every SSH key exchange is signed wrongly.
 */

#include <zebra.h>
#include <dlfcn.h>

#include "lib/hook.h"
#include "lib/libfrr.h"
#include "lib/module.h"
#include "lib/northbound.h"

#include "nc_api.h"

static const struct er_netconf_impl *impl;

static void nc_loader_start(nc_event *event)
{
	impl->start(NC_EVENT_ARG(event));
}

static int nc_loader_late_init(nc_event_loop *master)
{
	/*
	 * bgpd forks into the background after this hook, and a thread
	 * started before the fork would not exist in the daemon: start the
	 * server from the event loop instead.
	 */
	nc_event_add_event(master, nc_loader_start, master, 0, NULL);
	return 0;
}

static int nc_loader_fini(void)
{
	impl->stop();
	return 0;
}

static int nc_loader_notify(const char *xpath, struct list *arguments)
{
	impl->notify(xpath, arguments);
	return 0;
}

static const struct er_netconf_impl *nc_loader_open(void)
{
	char path[PATH_MAX], *slash;
	const struct er_netconf_impl *found;
	Dl_info self;
	void *handle;

	if (!dladdr((void *)nc_loader_open, &self) || !self.dli_fname) {
		zlog_err("netconf: cannot find where the module was loaded from");
		return NULL;
	}
	strlcpy(path, self.dli_fname, sizeof(path));
	slash = strrchr(path, '/');
	if (slash)
		slash[1] = '\0';
	else
		path[0] = '\0';
	strlcat(path, ER_NETCONF_IMPL_FILE, sizeof(path));

	handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
	if (!handle) {
		zlog_err("netconf: cannot load %s: %s", path, dlerror());
		return NULL;
	}
	found = dlsym(handle, ER_NETCONF_IMPL_SYMBOL);
	if (!found) {
		zlog_err("netconf: %s has no %s", path, ER_NETCONF_IMPL_SYMBOL);
		dlclose(handle);
		return NULL;
	}
	return found;
}

static int nc_loader_init(void)
{
	impl = nc_loader_open();
	if (!impl || impl->configure(THIS_MODULE->load_args) != 0) {
		fprintf(stderr,
			"expressroute_netconf: not loaded, see the log for why\n");
		return -1;
	}
	hook_register(frr_late_init, nc_loader_late_init);
	hook_register(frr_fini, nc_loader_fini);
	hook_register(nb_notification_send, nc_loader_notify);
	return 0;
}

FRR_MODULE_SETUP(.name = "bgpd_expressroute_netconf",
		 .version = ER_MODULE_VERSION,
		 .description = "NETCONF server for bgpd's northbound",
		 .init = nc_loader_init);
