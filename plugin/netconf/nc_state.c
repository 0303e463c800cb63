// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What every part of the NETCONF server shares, owned here so that none
 * of them depends on the server's thread (nc_server.c): the module
 * arguments, libnetconf2's libyang context, and the wake-up of the
 * netconf thread.
 */

#include <zebra.h>

#include "lib/log.h"

#include "nc_internal.h"

struct nc_options nc_opts = {
	.address = "127.0.0.1",
	.port = 830,
	.hostkey = ER_NETCONF_CONFDIR "/ssh_host_key",
	.users_dir = ER_NETCONF_CONFDIR "/users",
	.yang_dir = ER_NETCONF_YANGDIR,
	.login_timeout = 10,
	.message_timeout = 30,
	.max_logins = 64,
	.max_logins_per_source = 8,
	.max_sessions = 32,
};

struct ly_ctx *nc_ctx;

/* written to wake the netconf thread's poll; nc_server.c makes it */
int nc_wake_pipe[2] = {-1, -1};

void nc_server_wake(void)
{
	if (write(nc_wake_pipe[1], "x", 1) < 0 && errno != EAGAIN)
		zlog_debug("netconf: waking the netconf thread: %s",
			   safe_strerror(errno));
}
