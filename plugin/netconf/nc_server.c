// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NETCONF server for bgpd's northbound, on libnetconf2.
 *
 * Built the way FRR's gRPC northbound plugin is: libnetconf2 runs in its
 * own frr_pthread, "netconf", and each request that touches the
 * configuration or the state is handed to bgpd's main pthread as an
 * event while the netconf thread waits for the answer: the northbound
 * only ever runs on the main thread, serialised with vtysh, and nothing
 * bypasses its validation.
 *
 * The SSH connections are not libnetconf2's (its server blocks on every
 * handshake and on every half-received message): nc_transport.c serves
 * them in a thread of their own and hands each session over as a local
 * socket that carries only whole messages, which this thread polls with
 * libnetconf2 (nc_accept_inout(), nc_ps_poll()).
 */

#include <zebra.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>

#include "lib/frr_pthread.h"
#include "lib/libfrr.h"
#include "lib/northbound.h"
#include "lib/privs.h"

#include "nc_api.h"
#include "nc_compat.h"
#include "nc_internal.h"

/* bgpd's privileges: NETCONF's port 830 is privileged. */
extern struct zebra_privs_t bgpd_privs;


static nc_event_loop *nc_main;
static struct frr_pthread *nc_pthread;
static atomic_bool nc_stopping;
static struct nc_pollsession *nc_sessions; /* netconf thread only */

/* ------------------------------------------------------------------ */
/* module arguments                                                    */

static int nc_option_set(const char *key, const char *value)
{
	static const struct {
		const char *key;
		char *value;
		size_t size;
	} strings[] = {
		{"address", nc_opts.address, sizeof(nc_opts.address)},
		{"hostkey", nc_opts.hostkey, sizeof(nc_opts.hostkey)},
		{"users", nc_opts.users_dir, sizeof(nc_opts.users_dir)},
		{"yang", nc_opts.yang_dir, sizeof(nc_opts.yang_dir)},
	};
	static const struct {
		const char *key;
		unsigned int *value;
		unsigned long max;
	} numbers[] = {
		{"login-timeout", &nc_opts.login_timeout, 3600},
		{"message-timeout", &nc_opts.message_timeout, 3600},
		{"max-logins", &nc_opts.max_logins, 1024},
		{"max-logins-per-source", &nc_opts.max_logins_per_source, 1024},
		{"max-sessions", &nc_opts.max_sessions, 1024},
	};
	unsigned long number;
	char *end;

	if (strcmp(key, "port") == 0) {
		number = strtoul(value, &end, 10);
		if (*value == '\0' || *end != '\0' || number == 0
		    || number > 65535)
			return -1;
		nc_opts.port = number;
		return 0;
	}
	for (size_t i = 0; i < array_size(numbers); i++) {
		if (strcmp(key, numbers[i].key) != 0)
			continue;
		number = strtoul(value, &end, 10);
		if (!isdigit((unsigned char)*value) || *end != '\0'
		    || number == 0 || number > numbers[i].max)
			return -1;
		*numbers[i].value = number;
		return 0;
	}
	for (size_t i = 0; i < array_size(strings); i++)
		if (strcmp(key, strings[i].key) == 0)
			return *value && strlcpy(strings[i].value, value,
						 strings[i].size)
						 < strings[i].size
				       ? 0
				       : -1;
	return -1;
}

/*
 * "address=A,port=P,hostkey=FILE,users=DIR,yang=DIR,login-timeout=S,
 * message-timeout=S,max-logins=N,max-logins-per-source=N,max-sessions=N",
 * all optional.
 */
static int nc_configure(const char *args)
{
	char *copy, *item, *save = NULL;
	int ret = 0;

	if (!args || !*args)
		return 0;
	copy = strdup(args);
	for (item = strtok_r(copy, ",", &save); item && !ret;
	     item = strtok_r(NULL, ",", &save)) {
		char *value = strchr(item, '=');

		if (value)
			*value++ = '\0';
		if (!value || nc_option_set(item, value) != 0) {
			zlog_err("netconf: bad module argument \"%s%s%s\" (expected address=, port=, hostkey=, users=, yang=, login-timeout=, message-timeout=, max-logins=, max-logins-per-source=, max-sessions=)",
				 item, value ? "=" : "", value ? value : "");
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

/* ------------------------------------------------------------------ */
/* requests, handed to the main thread                                 */

struct nc_job {
	const struct lyd_node *rpc; /* NULL: the session went away */
	uint32_t sid;
	struct nc_server_reply *reply;
	bool done;
	pthread_mutex_t mutex;
	pthread_cond_t cond;
	nc_event *event;
	struct nc_job *next_abandoned;
};

/*
 * Jobs the main thread will never run, because bgpd stopped first: the
 * netconf thread leaves them here, nc_stop() frees them after the join.
 */
static struct nc_job *nc_abandoned;

/* Main thread. */
static struct nc_server_reply *nc_dispatch(const struct lyd_node *rpc,
					   uint32_t sid)
{
	const char *name = rpc->schema->name;

	if (strcmp(rpc->schema->module->name, "ietf-netconf") != 0)
		return nc_reply_error(NC_ERR_OP_NOT_SUPPORTED,
				      "this server has no such operation", NULL);
	if (strcmp(name, "get") == 0)
		return nc_op_get(rpc, false);
	if (strcmp(name, "get-config") == 0)
		return nc_op_get(rpc, true);
	if (strcmp(name, "edit-config") == 0)
		return nc_op_edit_config(rpc, sid);
	if (strcmp(name, "commit") == 0)
		return nc_op_commit(sid);
	if (strcmp(name, "discard-changes") == 0)
		return nc_op_discard_changes(sid);
	if (strcmp(name, "validate") == 0)
		return nc_op_validate(rpc, sid);
	if (strcmp(name, "lock") == 0)
		return nc_op_lock(rpc, sid, true);
	if (strcmp(name, "unlock") == 0)
		return nc_op_lock(rpc, sid, false);
	return nc_reply_error(NC_ERR_OP_NOT_SUPPORTED,
			      "operation not supported (copy-config and delete-config are not)",
			      NULL);
}

static void nc_job_free(struct nc_job *job)
{
	pthread_mutex_destroy(&job->mutex);
	pthread_cond_destroy(&job->cond);
	free(job);
}

static void nc_job_run(nc_event *event)
{
	struct nc_job *job = NC_EVENT_ARG(event);
	struct timespec start, end;

	clock_gettime(CLOCK_MONOTONIC, &start);
	if (job->rpc)
		job->reply = nc_dispatch(job->rpc, job->sid);
	else
		nc_datastore_session_gone(job->sid);
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (job->rpc)
		zlog_debug("netconf: session %u <%s> took %.2f ms", job->sid,
			   job->rpc->schema->name,
			   (end.tv_sec - start.tv_sec) * 1e3
				   + (end.tv_nsec - start.tv_nsec) / 1e6);

	pthread_mutex_lock(&job->mutex);
	job->done = true;
	pthread_cond_signal(&job->cond);
	pthread_mutex_unlock(&job->mutex);
}

/*
 * Netconf thread: run the job on the main thread and wait.  false when
 * bgpd is stopping: the main thread is then in nc_stop() and will never
 * run the job, which is left for nc_stop() to free.
 */
static bool nc_run_on_main(struct nc_job *job)
{
	pthread_mutex_init(&job->mutex, NULL);
	pthread_cond_init(&job->cond, NULL);
	nc_event_add_event(nc_main, nc_job_run, job, 0, &job->event);

	pthread_mutex_lock(&job->mutex);
	while (!job->done && !atomic_load(&nc_stopping)) {
		struct timespec wake;

		clock_gettime(CLOCK_REALTIME, &wake);
		wake.tv_nsec += 100 * 1000 * 1000;
		if (wake.tv_nsec >= 1000 * 1000 * 1000) {
			wake.tv_sec++;
			wake.tv_nsec -= 1000 * 1000 * 1000;
		}
		pthread_cond_timedwait(&job->cond, &job->mutex, &wake);
	}
	pthread_mutex_unlock(&job->mutex);
	if (!job->done) {
		job->next_abandoned = nc_abandoned;
		nc_abandoned = job;
	}
	return job->done;
}

static void nc_session_gone(uint32_t sid)
{
	struct nc_job *job = calloc(1, sizeof(*job));

	job->sid = sid;
	if (nc_run_on_main(job))
		nc_job_free(job);
}

/* Netconf thread: RFC 6241 <kill-session>. */
static struct nc_server_reply *nc_op_kill_session(const struct lyd_node *rpc,
						  struct nc_session *own)
{
	struct nc_session *session;
	struct lyd_node *node;
	uint32_t sid;

	if (lyd_find_path(rpc, "session-id", 0, &node))
		return nc_reply_error(NC_ERR_MISSING_ELEM, "session-id missing",
				      NULL);
	sid = strtoul(lyd_get_value(node), NULL, 10);
	if (sid == nc_session_get_id(own))
		return nc_reply_error(NC_ERR_INVALID_VALUE,
				      "use close-session to end the own session",
				      "/ietf-netconf:kill-session/session-id");
	for (uint16_t i = 0; (session = nc_ps_get_session(nc_sessions, i));
	     i++) {
		if (nc_session_get_id(session) != sid)
			continue;
		nc_session_set_term_reason(session, NC_SESSION_TERM_KILLED);
		nc_session_set_killed_by(session, nc_session_get_id(own));
		nc_session_set_status(session, NC_STATUS_INVALID);
		zlog_notice("netconf: session %u killed by session %u", sid,
			    nc_session_get_id(own));
		return nc_server_reply_ok();
	}
	return nc_reply_error(NC_ERR_INVALID_VALUE, "no such session",
			      "/ietf-netconf:kill-session/session-id");
}

/* libnetconf2's callback for every rpc without one of its own. */
static struct nc_server_reply *nc_rpc_received(struct lyd_node *rpc,
					       struct nc_session *session)
{
	struct nc_server_reply *reply;
	struct nc_job *job;

	if (strcmp(rpc->schema->name, "kill-session") == 0)
		return nc_op_kill_session(rpc, session);
	if (strcmp(rpc->schema->name, "create-subscription") == 0)
		return nc_op_create_subscription(rpc, session);

	job = calloc(1, sizeof(*job));
	job->rpc = rpc;
	job->sid = nc_session_get_id(session);
	if (!nc_run_on_main(job))
		return nc_reply_error(NC_ERR_OP_FAILED, "bgpd is stopping",
				      NULL);
	reply = job->reply;
	nc_job_free(job);
	return reply;
}

/* ------------------------------------------------------------------ */
/* the netconf thread                                                  */

/* A session's end of its link, and where the client is. */
struct nc_peer {
	int fd;
	char host[64];
	uint16_t port;
};

static void nc_peer_free(void *data)
{
	struct nc_peer *peer = data;

	close(peer->fd);
	free(peer);
}

/* The connections nc_transport.c has ready: NETCONF sessions. */
static void nc_accept_links(void)
{
	struct nc_link link;

	while (nc_transport_take(&link)) {
		struct nc_session *session = NULL;
		struct nc_peer *peer;

		/* the client's <hello> is answered: this does not wait */
		if (nc_compat_accept_inout(link.fd, link.user, nc_ctx, &session)
		    != NC_MSG_HELLO) {
			zlog_warn("netconf: libnetconf2 refused the session of %s from %s (see above)",
				  link.user, link.host);
			close(link.fd);
			continue;
		}
		peer = calloc(1, sizeof(*peer));
		peer->fd = link.fd;
		strlcpy(peer->host, link.host, sizeof(peer->host));
		peer->port = link.port;
		nc_session_set_data(session, peer);
		nc_ps_add_session(nc_sessions, session);
		zlog_notice("netconf: session %u opened by %s from %s port %u",
			    nc_session_get_id(session), link.user, link.host,
			    link.port);
	}
}

static void nc_session_end(struct nc_session *session)
{
	uint32_t sid = nc_session_get_id(session);

	zlog_notice("netconf: session %u closed", sid);
	nc_ps_del_session(nc_sessions, session);
	nc_session_free(session, nc_peer_free);
	nc_session_gone(sid);
}

/*
 * Wait for a message on any session (each arrives whole) or a wake-up,
 * then let libnetconf2 serve what is there, one request per session and
 * round.
 */
static void nc_serve(void)
{
	uint16_t count = nc_ps_session_count(nc_sessions);
	struct pollfd fds[1 + count];
	char drain[64];

	fds[0] = (struct pollfd){.fd = nc_wake_pipe[0], .events = POLLIN};
	for (uint16_t i = 0; i < count; i++) {
		struct nc_peer *peer = nc_session_get_data(
			nc_ps_get_session(nc_sessions, i));

		fds[1 + i] = (struct pollfd){.fd = peer->fd, .events = POLLIN};
	}
	if (poll(fds, 1 + count, 1000) < 0 && errno != EINTR)
		zlog_warn("netconf: poll: %s", safe_strerror(errno));
	while (read(nc_wake_pipe[0], drain, sizeof(drain)) > 0)
		;

	nc_accept_links();
	nc_notify_flush(nc_sessions);
	for (uint16_t round = 0; round <= count; round++) {
		struct nc_session *session = NULL;
		int result = nc_ps_poll(nc_sessions, 0, &session);

		if (result & (NC_PSPOLL_NOSESSIONS | NC_PSPOLL_TIMEOUT))
			break;
		if ((result & NC_PSPOLL_SESSION_TERM) && session)
			nc_session_end(session);
	}
}

static void *nc_thread(void *arg)
{
	struct frr_pthread *fpt = arg;
	uint32_t quiet = LY_LOSTORE_LAST;

	frr_pthread_set_name(fpt);
	/*
	 * libyang's messages here are about what clients sent (libyang 5
	 * parses an <edit-config>'s <config> as data already): the replies
	 * carry them, bgpd's log should not carry the clients' bytes.
	 */
	ly_temp_log_options(&quiet);
	nc_sessions = nc_ps_new();
	while (!atomic_load(&nc_stopping))
		nc_serve();
	nc_ps_clear(nc_sessions, 1, nc_peer_free);
	nc_ps_free(nc_sessions);
	nc_sessions = NULL;
	ly_temp_log_options(NULL);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* start and stop                                                      */

static void nc_log(const struct nc_session *session, NC_VERB_LEVEL level,
		   const char *msg)
{
	uint32_t sid = session ? nc_session_get_id(session) : 0;

	if (level == NC_VERB_ERROR)
		zlog_err("netconf: libnetconf2 (session %u): %s", sid, msg);
	else if (level == NC_VERB_WARNING)
		zlog_warn("netconf: libnetconf2 (session %u): %s", sid, msg);
	else
		zlog_debug("netconf: libnetconf2 (session %u): %s", sid, msg);
}

static void nc_stop(void);

static void nc_start(nc_event_loop *master)
{
	struct frr_pthread_attr attr = {.start = nc_thread};
	int users;

	nc_main = master;
	nc_ctx = nc_yang_ctx_new(nc_opts.yang_dir);
	if (!nc_ctx)
		return;
	nc_set_print_clb_session(nc_log);
	nc_verbosity(NC_VERB_WARNING);
	nc_get_schema_install();
	if (nc_compat_server_init(nc_ctx)) {
		zlog_err("netconf: libnetconf2 did not initialise");
		goto fail;
	}
	nc_set_global_rpc_clb(nc_rpc_received);
	nc_yang_add_hello_modules();
	nc_yang_library_init();
	nc_notify_init();
	if (pipe2(nc_wake_pipe, O_NONBLOCK | O_CLOEXEC)) {
		zlog_err("netconf: no pipe: %s", safe_strerror(errno));
		goto fail_server;
	}
	users = nc_transport_init();
	if (users < 0)
		goto fail_server;
	nc_datastore_init();

	nc_pthread = frr_pthread_new(&attr, "NETCONF", "netconf");
	if (frr_pthread_run(nc_pthread, NULL) < 0) {
		frr_pthread_destroy(nc_pthread);
		nc_pthread = NULL;
	}
	if (!nc_pthread || nc_transport_start()) {
		zlog_err("netconf: cannot start the netconf threads");
		nc_stop();
		zlog_err("netconf: not started");
		return;
	}
	zlog_notice("netconf: listening on %s port %u (SSH, %d authorized key%s)",
		    nc_opts.address, nc_opts.port, users, users == 1 ? "" : "s");
	return;

fail_server:
	nc_transport_fini();
	nc_server_destroy();
	nc_yang_library_fini();
	for (int i = 0; i < 2; i++)
		if (nc_wake_pipe[i] >= 0)
			close(nc_wake_pipe[i]);
	nc_wake_pipe[0] = nc_wake_pipe[1] = -1;
fail:
	ly_ctx_destroy(nc_ctx);
	nc_ctx = NULL;
	zlog_err("netconf: not started");
}

static void nc_stop(void)
{
	if (!nc_ctx)
		return;
	/* no new sessions first, then the sessions */
	nc_transport_stop();
	atomic_store(&nc_stopping, true);
	if (nc_pthread) {
		nc_server_wake();
		pthread_join(nc_pthread->thread, NULL);
		frr_pthread_destroy(nc_pthread);
		nc_pthread = NULL;
	}
	nc_transport_fini();
	while (nc_abandoned) {
		struct nc_job *job = nc_abandoned;

		nc_abandoned = job->next_abandoned;
		nc_event_cancel(&job->event);
		nc_job_free(job);
	}
	nc_server_destroy();
	nc_yang_library_fini();
	nc_notify_fini();
	nc_datastore_fini();
	for (int i = 0; i < 2; i++)
		if (nc_wake_pipe[i] >= 0)
			close(nc_wake_pipe[i]);
	nc_wake_pipe[0] = nc_wake_pipe[1] = -1;
	ly_ctx_destroy(nc_ctx);
	nc_ctx = NULL;
	zlog_notice("netconf: stopped");
}

/* zlog's cross-references for this shared object */
XREF_SETUP();

__attribute__((visibility("default")))
const struct er_netconf_impl er_netconf_impl = {
	.configure = nc_configure,
	.start = nc_start,
	.stop = nc_stop,
	.notify = nc_notify_queue,
};
