// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NETCONF server for bgpd's northbound: what the parts of the
 * implementation share.
 *
 * Threads: libnetconf2 runs in the "netconf" pthread (nc_server.c); every
 * request that touches the northbound is handed to bgpd's main pthread, so
 * all nb_* calls, the candidate and the locks (nc_datastore.c, nc_get.c)
 * live on the main thread only.  Notifications go the other way
 * (nc_notify.c): queued on the main thread, written by the netconf thread.
 *
 * Two libyang contexts: FRR's (ly_native_ctx) holds the configuration;
 * libnetconf2 gets its own mirror of it plus the NETCONF modules
 * (nc_yang.c), because both libraries keep their own pointers in the
 * schema nodes' priv field.  Data crosses between them by copy.
 */
#ifndef _FRR_ER_NC_INTERNAL_H
#define _FRR_ER_NC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <limits.h>

#include <libyang/libyang.h>
#include <nc_server.h>

struct list;

/* Module arguments (-M expressroute_netconf:ARGS), see doc/netconf.rst. */
struct nc_options {
	char address[64];
	uint16_t port;
	char hostkey[PATH_MAX];
	char users_dir[PATH_MAX];
	char yang_dir[PATH_MAX];
	/* connections (nc_transport.c) */
	unsigned int login_timeout;   /* s, from connect to <hello> */
	unsigned int message_timeout; /* s, for the rest of a message */
	unsigned int max_logins;      /* connections logging in, in all */
	unsigned int max_logins_per_source; /* ... from one address */
	unsigned int max_sessions;
};

/* nc_state.c: what the parts of the server share */
extern struct nc_options nc_opts;

/* libnetconf2's context: a mirror of FRR's plus the NETCONF modules. */
extern struct ly_ctx *nc_ctx;

/* The pipe that wakes the netconf thread's poll (nc_server.c makes it). */
extern int nc_wake_pipe[2];

/*
 * nc_transport.c: SSH connections, in the "netconf-ssh" thread.  A
 * connection that has logged in and opened the netconf subsystem becomes
 * a link: fd carries whole NETCONF messages, the client's <hello> already
 * answered, for nc_accept_inout() (netconf thread).
 */
struct nc_link {
	struct nc_link *next;
	int fd;
	char user[64];
	char host[64];
	uint16_t port;
};

int nc_transport_init(void);
int nc_transport_start(void);
void nc_transport_stop(void);
void nc_transport_fini(void);
bool nc_transport_take(struct nc_link *link);

/* nc_state.c: wake the netconf thread (from any thread) */
void nc_server_wake(void);

/* nc_yang.c */
struct ly_ctx *nc_yang_ctx_new(const char *yang_dir);
struct lyd_node *nc_yang_to_nc_ctx(struct lyd_node *native);
/* A module's text as written (malloc'ed), or NULL: see nc_yang.c. */
char *nc_yang_source(const char *filepath, const char *name,
		     const char *revision, const char *parent);
void nc_yang_library_init(void);
void nc_yang_library_fini(void);
struct lyd_node *nc_yang_library_data(void);
void nc_yang_add_hello_modules(void);

/* nc_reply.c: replies in NETCONF form */
struct nc_server_reply *nc_reply_error(NC_ERR tag, const char *message,
				       const char *path);
struct nc_server_reply *nc_reply_nb(int nb_result, const char *errmsg);
struct nc_server_reply *nc_reply_data(const struct lyd_node *rpc,
				      struct lyd_node *data);
const char *nc_rpc_datastore(const struct lyd_node *rpc,
			     const char *container);

/* nc_datastore.c: candidate, edit-config, commit, locks (main thread) */
void nc_datastore_init(void);
void nc_datastore_fini(void);
struct nb_config *nc_datastore_get(const char *name);
struct nc_server_reply *nc_op_edit_config(const struct lyd_node *rpc,
					  uint32_t sid);
struct nc_server_reply *nc_op_commit(uint32_t sid);
struct nc_server_reply *nc_op_discard_changes(uint32_t sid);
struct nc_server_reply *nc_op_validate(const struct lyd_node *rpc,
				       uint32_t sid);
struct nc_server_reply *nc_op_lock(const struct lyd_node *rpc, uint32_t sid,
				   bool lock);
void nc_datastore_session_gone(uint32_t sid);

/* nc_get.c: get and get-config with filters (main thread) */
struct nc_server_reply *nc_op_get(const struct lyd_node *rpc,
				  bool config_only);
/* <get-schema>'s handler, installed before nc_server_init() */
void nc_get_schema_install(void);

/* nc_notify.c */
void nc_notify_init(void);
void nc_notify_queue(const char *xpath, struct list *arguments);
void nc_notify_fini(void);
struct nc_server_reply *nc_op_create_subscription(const struct lyd_node *rpc,
						  struct nc_session *session);
void nc_notify_flush(struct nc_pollsession *ps);

#endif /* _FRR_ER_NC_INTERNAL_H */
