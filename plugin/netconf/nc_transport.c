// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NETCONF over SSH (RFC 6242) for a management network nobody trusts.
 *
 * libnetconf2 2.0's own SSH server accepts, exchanges keys, authenticates
 * and reads each message in the calling thread, waiting up to 10 s for a
 * silent connection and 20 s for the rest of half a message: one idle
 * socket stalled every session.  So the connections are this file's:
 *
 * - its own thread, "netconf-ssh", runs every connection through libssh's
 *   server side without ever blocking (one ssh_event for all sockets),
 *   with a deadline for each phase and limits on how many connections may
 *   be logging in, in all and from one address;
 * - it cuts what the client sends into whole NETCONF messages (RFC 6242's
 *   end-of-message or chunked framing) and hands only whole messages to
 *   libnetconf2, over a socketpair per session (nc_accept_inout()), so
 *   libnetconf2 never waits for a client;
 * - it writes libnetconf2's replies out as the client's SSH window allows.
 *
 * libnetconf2 sees each session as a local file descriptor that speaks
 * NETCONF 1.1 after the <hello>s: the transport answers its <hello> for
 * the client (base:1.1 only), checks the client's own <hello> when it
 * comes, and converts the framing if the client speaks only 1.0.
 *
 * Rules of the thread (libssh may run any connection's callbacks from
 * inside any of its calls): callbacks only append to a connection's input
 * buffer or set flags; connections are created, freed and registered with
 * the event only between two polls; nothing holds a pointer into an input
 * buffer across a libssh call.
 */

#include <zebra.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <dirent.h>

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

#include "lib/frr_pthread.h"
#include "lib/log.h"
#include "lib/network.h"
#include "lib/privs.h"

#include "nc_internal.h"

extern struct zebra_privs_t bgpd_privs;

/* A message (a <hello> or an <rpc>) may be this large at the most. */
#define NC_MESSAGE_MAX (16u << 20)
/* and so much may wait for a client that does not read it */
#define NC_OUTPUT_MAX (64u << 20)
/* Failed authentication attempts before the connection is closed. */
#define NC_AUTH_TRIES 6
/* A closing connection may take this long to flush its last reply. */
#define NC_CLOSE_MS 5000
/* Out of descriptors, accept() is tried again after this long. */
#define NC_ACCEPT_PAUSE_MS 100
/* One log line per kind of refusal or timeout in this many seconds. */
#define NC_LOG_INTERVAL 10

static const char nc_eom[] = "]]>]]>";
#define NC_EOM_LEN (sizeof(nc_eom) - 1)

/* What libnetconf2 is told the client's <hello> says. */
static const char nc_inner_hello[] =
	"<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">"
	"<capabilities><capability>urn:ietf:params:netconf:base:1.1"
	"</capability></capabilities></hello>]]>]]>";

/* ------------------------------------------------------------------ */
/* buffers                                                             */

struct nc_buf {
	char *data;
	size_t start; /* bytes before it are consumed */
	size_t len;   /* bytes after start */
	size_t size;
};

static const char *nc_buf_head(const struct nc_buf *buf)
{
	return buf->data + buf->start;
}

static void nc_buf_add(struct nc_buf *buf, const void *data, size_t len)
{
	if (buf->start && buf->start + buf->len + len > buf->size) {
		memmove(buf->data, buf->data + buf->start, buf->len);
		buf->start = 0;
	}
	if (buf->len + len > buf->size) {
		size_t size = buf->size ? buf->size : 4096;

		while (size < buf->len + len)
			size *= 2;
		buf->data = realloc(buf->data, size);
		buf->size = size;
	}
	memcpy(buf->data + buf->start + buf->len, data, len);
	buf->len += len;
}

static void nc_buf_drop(struct nc_buf *buf, size_t len)
{
	buf->start += len;
	buf->len -= len;
	if (!buf->len)
		buf->start = 0;
}

static void nc_buf_free(struct nc_buf *buf)
{
	free(buf->data);
	memset(buf, 0, sizeof(*buf));
}

/* ------------------------------------------------------------------ */
/* connections                                                         */

enum nc_phase {
	NC_LOGIN,	/* key exchange and authentication */
	NC_LOGGED_IN,	/* waiting for the netconf subsystem */
	NC_HELLO,	/* waiting for the client's <hello> */
	NC_OPEN,	/* whole messages both ways */
	NC_CLOSING,	/* flushing the last reply */
};

struct nc_conn {
	struct nc_conn *next;
	ssh_session ssh;
	ssh_channel channel;
	struct ssh_server_callbacks_struct server_cb;
	struct ssh_channel_callbacks_struct channel_cb;

	char host[INET6_ADDRSTRLEN];
	uint16_t port;
	char user[64];
	enum nc_phase phase;
	unsigned int auth_failures;
	bool auth_tried, max_sessions, subsystem, client_eof, overflow, dead;

	/* libnetconf2's side: the transport's end of the socketpair */
	int inner;
	bool inner_eof, inner_shut, watching_out;
	struct nc_buf to_inner; /* whole messages for libnetconf2 */
	struct nc_buf from_inner; /* its output, not yet for the client */
	bool server_hello_sent;
	uint32_t inner_chunk; /* bytes left of a chunk (client speaks 1.0) */

	/* the client's side */
	int version; /* NETCONF 1.0 (0) or 1.1 (1), -1 before its hello */
	struct nc_buf in; /* from the client, not yet a whole message */
	size_t in_cursor;  /* bytes of in already parsed */
	size_t in_payload; /* of the message being parsed */
	size_t in_seen;	   /* in.len when last served */
	struct nc_buf out; /* for the client */

	int64_t deadline;  /* of the phase, monotonic ms; 0: none */
	int64_t in_since;  /* last byte of a message not yet whole */
	int64_t out_since; /* last progress writing out */
};

static struct {
	int listen_fd;
	int64_t accept_paused_until;
	int wake[2];
	ssh_bind bind;
	ssh_event event;
	struct nc_conn *conns;
	unsigned int logging_in, sessions;
	struct frr_pthread *pthread;
	atomic_bool stopping;
} nc_tp = {.listen_fd = -1, .wake = {-1, -1}};

/* Authorized public keys, users/NAME/ *.pub. */
struct nc_authkey {
	struct nc_authkey *next;
	char user[64];
	ssh_key key;
};

static struct nc_authkey *nc_authkeys;

/* Connections libnetconf2 may take (guarded by the mutex). */
static struct {
	pthread_mutex_t mutex;
	struct nc_link *head, **tail;
} nc_ready = {.mutex = PTHREAD_MUTEX_INITIALIZER, .tail = &nc_ready.head};

static int64_t nc_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------ */
/* log lines an attacker could flood                                   */

struct nc_ratelimit {
	const char *what;
	time_t since;
	unsigned int suppressed;
};

static struct nc_ratelimit nc_rl_refused = {.what = "connections refused"};
static struct nc_ratelimit nc_rl_timeout = {
	.what = "connections timed out before they logged in"};
static struct nc_ratelimit nc_rl_early = {
	.what = "connections closed before their NETCONF session began"};

static void nc_ratelimit_summary(struct nc_ratelimit *rl, time_t now)
{
	zlog_warn("netconf: %u more %s in the %ld s after the last line about them",
		  rl->suppressed, rl->what, (long)(now - rl->since));
	rl->suppressed = 0;
}

/* true: log this one; else it is counted for a summary line. */
static bool nc_ratelimit_pass(struct nc_ratelimit *rl)
{
	time_t now = monotime(NULL);

	if (rl->since && now - rl->since < NC_LOG_INTERVAL) {
		rl->suppressed++;
		return false;
	}
	if (rl->suppressed)
		nc_ratelimit_summary(rl, now);
	rl->since = now;
	return true;
}

/* The summary of what was not logged, once the interval is over. */
static void nc_ratelimit_flush(struct nc_ratelimit *rl)
{
	time_t now = monotime(NULL);

	if (rl->suppressed && now - rl->since >= NC_LOG_INTERVAL) {
		nc_ratelimit_summary(rl, now);
		rl->since = 0;
	}
}

/* ------------------------------------------------------------------ */
/* keys                                                                */

static bool nc_key_authorized(const char *user, ssh_key key)
{
	for (struct nc_authkey *ak = nc_authkeys; ak; ak = ak->next)
		if (strcmp(ak->user, user) == 0
		    && ssh_key_cmp(ak->key, key, SSH_KEY_CMP_PUBLIC) == 0)
			return true;
	return false;
}

static void nc_authkey_add(const char *user, const char *path)
{
	struct nc_authkey *ak;
	ssh_key key = NULL;

	if (strlen(user) >= sizeof(ak->user)
	    || ssh_pki_import_pubkey_file(path, &key) != SSH_OK) {
		zlog_warn("netconf: %s is no public key for user %s: ignored",
			  path, user);
		return;
	}
	ak = calloc(1, sizeof(*ak));
	strlcpy(ak->user, user, sizeof(ak->user));
	ak->key = key;
	ak->next = nc_authkeys;
	nc_authkeys = ak;
}

/* users/NAME/ *.pub: OpenSSH public keys that may log in as NAME. */
static int nc_load_users(const char *dir)
{
	struct dirent *user, *key;
	char path[PATH_MAX + 512];
	DIR *users, *keys;
	int count = 0;

	users = opendir(dir);
	if (!users) {
		zlog_warn("netconf: cannot read %s: %s: nobody can log in", dir,
			  safe_strerror(errno));
		return 0;
	}
	while ((user = readdir(users))) {
		if (user->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, user->d_name);
		keys = opendir(path);
		if (!keys)
			continue;
		while ((key = readdir(keys))) {
			size_t len = strlen(key->d_name);

			if (len < 5 || strcmp(key->d_name + len - 4, ".pub"))
				continue;
			snprintf(path, sizeof(path), "%s/%s/%s", dir,
				 user->d_name, key->d_name);
			nc_authkey_add(user->d_name, path);
			count++;
		}
		closedir(keys);
	}
	closedir(users);
	if (!count)
		zlog_warn("netconf: no public keys under %s: nobody can log in",
			  dir);
	return count;
}

/* ------------------------------------------------------------------ */
/* libssh's callbacks: flags and input only (see the top of the file)  */

static int nc_cb_auth_none(ssh_session ssh, const char *user, void *arg)
{
	return SSH_AUTH_DENIED;
}

static int nc_cb_auth_password(ssh_session ssh, const char *user,
			       const char *password, void *arg)
{
	struct nc_conn *conn = arg;

	conn->auth_tried = true;
	conn->auth_failures++;
	return SSH_AUTH_DENIED;
}

static int nc_cb_auth_pubkey(ssh_session ssh, const char *user,
			     struct ssh_key_struct *key, char signature_state,
			     void *arg)
{
	struct nc_conn *conn = arg;

	conn->auth_tried = true;
	strlcpy(conn->user, user, sizeof(conn->user));
	if (conn->phase != NC_LOGIN || !nc_key_authorized(user, key)) {
		conn->auth_failures++;
		return SSH_AUTH_DENIED;
	}
	if (signature_state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS; /* a probe: this key would do */
	if (signature_state != SSH_PUBLICKEY_STATE_VALID) {
		conn->auth_failures++;
		return SSH_AUTH_DENIED;
	}
	if (nc_tp.sessions >= nc_opts.max_sessions) {
		/* closed after the poll, with a log line */
		conn->max_sessions = true;
		conn->auth_failures = NC_AUTH_TRIES;
		return SSH_AUTH_DENIED;
	}
	conn->phase = NC_LOGGED_IN;
	return SSH_AUTH_SUCCESS;
}

static int nc_cb_data(ssh_session ssh, ssh_channel channel, void *data,
		      uint32_t len, int is_stderr, void *arg)
{
	struct nc_conn *conn = arg;

	/* more than a whole message waiting is not a client's business */
	if (conn->in.len + len > 2 * NC_MESSAGE_MAX)
		conn->overflow = true;
	else if (!is_stderr && !conn->dead)
		nc_buf_add(&conn->in, data, len);
	return len;
}

static void nc_cb_eof(ssh_session ssh, ssh_channel channel, void *arg)
{
	struct nc_conn *conn = arg;

	conn->client_eof = true;
}

static int nc_cb_subsystem(ssh_session ssh, ssh_channel channel,
			   const char *subsystem, void *arg)
{
	struct nc_conn *conn = arg;

	if (conn->phase != NC_LOGGED_IN || conn->subsystem
	    || strcmp(subsystem, "netconf") != 0)
		return -1;
	conn->subsystem = true;
	return 0;
}

static ssh_channel nc_cb_channel_open(ssh_session ssh, void *arg)
{
	struct nc_conn *conn = arg;

	/* one NETCONF session per connection, once logged in */
	if (conn->phase != NC_LOGGED_IN || conn->channel)
		return NULL;
	conn->channel = ssh_channel_new(ssh);
	if (!conn->channel)
		return NULL;
	conn->channel_cb = (struct ssh_channel_callbacks_struct){
		.userdata = conn,
		.channel_data_function = nc_cb_data,
		.channel_eof_function = nc_cb_eof,
		.channel_close_function = nc_cb_eof,
		.channel_subsystem_request_function = nc_cb_subsystem,
	};
	ssh_callbacks_init(&conn->channel_cb);
	ssh_set_channel_callbacks(conn->channel, &conn->channel_cb);
	return conn->channel;
}

/* The event's own descriptors only wake the loop, which then looks. */
static int nc_cb_wakeup(socket_t fd, int revents, void *arg)
{
	return 0;
}

/* ------------------------------------------------------------------ */
/* accepting                                                           */

static unsigned int nc_logging_in_from(const char *host)
{
	unsigned int count = 0;

	for (struct nc_conn *conn = nc_tp.conns; conn; conn = conn->next)
		if (conn->phase == NC_LOGIN && !conn->dead
		    && strcmp(conn->host, host) == 0)
			count++;
	return count;
}

static void nc_conn_gone_early(struct nc_conn *conn);

/* Refuse, or take, a connection that accept() returned. */
static void nc_conn_new(int fd, const char *host, uint16_t port)
{
	struct nc_conn *conn;
	unsigned int from_host;

	if (nc_tp.logging_in >= nc_opts.max_logins) {
		if (nc_ratelimit_pass(&nc_rl_refused))
			zlog_warn("netconf: refused a connection from %s port %u: %u connections are logging in (max-logins=%u)",
				  host, port, nc_tp.logging_in,
				  nc_opts.max_logins);
		close(fd);
		return;
	}
	from_host = nc_logging_in_from(host);
	if (from_host >= nc_opts.max_logins_per_source) {
		if (nc_ratelimit_pass(&nc_rl_refused))
			zlog_warn("netconf: refused a connection from %s port %u: %u connections from %s are logging in (max-logins-per-source=%u)",
				  host, port, from_host, host,
				  nc_opts.max_logins_per_source);
		close(fd);
		return;
	}

	conn = calloc(1, sizeof(*conn));
	strlcpy(conn->host, host, sizeof(conn->host));
	conn->port = port;
	conn->inner = -1;
	conn->version = -1;
	conn->deadline = nc_now_ms() + nc_opts.login_timeout * 1000;
	conn->ssh = ssh_new();
	if (!conn->ssh || ssh_bind_accept_fd(nc_tp.bind, conn->ssh, fd)) {
		zlog_warn("netconf: cannot take the connection from %s: %s",
			  host,
			  conn->ssh ? ssh_get_error(conn->ssh) : "no memory");
		if (conn->ssh)
			ssh_free(conn->ssh);
		close(fd);
		free(conn);
		return;
	}
	ssh_set_blocking(conn->ssh, 0);
	ssh_set_auth_methods(conn->ssh, SSH_AUTH_METHOD_PUBLICKEY);
	conn->server_cb = (struct ssh_server_callbacks_struct){
		.userdata = conn,
		.auth_none_function = nc_cb_auth_none,
		.auth_password_function = nc_cb_auth_password,
		.auth_pubkey_function = nc_cb_auth_pubkey,
		.channel_open_request_session_function = nc_cb_channel_open,
	};
	ssh_callbacks_init(&conn->server_cb);
	ssh_set_server_callbacks(conn->ssh, &conn->server_cb);
	conn->next = nc_tp.conns;
	nc_tp.conns = conn;
	nc_tp.logging_in++;
	/*
	 * Sends the banner and reads what is there; the rest of the key
	 * exchange runs in the event.  A client that sent no SSH fails here.
	 */
	if (ssh_handle_key_exchange(conn->ssh) == SSH_ERROR)
		nc_conn_gone_early(conn);
	else
		ssh_event_add_session(nc_tp.event, conn->ssh);
}

/*
 * Out of descriptors, the listening socket stays readable: stop polling
 * it for a while rather than spin.
 */
static void nc_accept_pause(int64_t now)
{
	if (nc_ratelimit_pass(&nc_rl_refused))
		zlog_warn("netconf: cannot accept connections: %s",
			  safe_strerror(errno));
	ssh_event_remove_fd(nc_tp.event, nc_tp.listen_fd);
	nc_tp.accept_paused_until = now + NC_ACCEPT_PAUSE_MS;
}

static void nc_accept_all(int64_t now)
{
	struct sockaddr_storage addr;
	socklen_t len = sizeof(addr);
	char host[INET6_ADDRSTRLEN], port[8];
	int fd;

	if (nc_tp.accept_paused_until) {
		if (now < nc_tp.accept_paused_until)
			return;
		nc_tp.accept_paused_until = 0;
		ssh_event_add_fd(nc_tp.event, nc_tp.listen_fd, POLLIN,
				 nc_cb_wakeup, NULL);
	}
	while ((fd = accept4(nc_tp.listen_fd, (struct sockaddr *)&addr, &len,
			     SOCK_NONBLOCK | SOCK_CLOEXEC))
	       >= 0) {
		if (getnameinfo((struct sockaddr *)&addr, len, host,
				sizeof(host), port, sizeof(port),
				NI_NUMERICHOST | NI_NUMERICSERV))
			strlcpy(host, "?", sizeof(host));
		nc_conn_new(fd, host, atoi(port));
		len = sizeof(addr);
	}
	if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS
	    || errno == ENOMEM)
		nc_accept_pause(now);
}

/* ------------------------------------------------------------------ */
/* the two framings (RFC 6242 4.1 and 4.2)                             */

/*
 * Parse chunked framing from *cursor: 1 when the message ends (cursor
 * past "\n##\n"), 0 when more is needed, -1 when the framing is wrong,
 * -2 when the message grows too large.
 */
static int nc_chunked_parse(const char *p, size_t len, size_t *cursor,
			    size_t *payload)
{
	for (;;) {
		size_t c = *cursor, d;
		uint64_t size = 0;

		/* "\n#" starts a chunk and the end of the message alike */
		if (len - c < 1 || (p[c] == '\n' && len - c < 3
				    && (len - c < 2 || p[c + 1] == '#')))
			return 0;
		if (p[c] != '\n' || p[c + 1] != '#')
			return -1;
		if (p[c + 2] == '#') {
			if (len - c < 4)
				return 0;
			if (p[c + 3] != '\n' || !*payload)
				return -1;
			*cursor = c + 4;
			return 1;
		}
		/* chunk-size: 1 to 4294967295, no leading zero */
		for (d = c + 2; d < len && isdigit((unsigned char)p[d]); d++) {
			if (d - (c + 2) == 10)
				return -1;
			size = size * 10 + (p[d] - '0');
		}
		if (d == len)
			return 0;
		if (p[d] != '\n' || d == c + 2 || p[c + 2] == '0'
		    || size > UINT32_MAX)
			return -1;
		if (*payload + size > NC_MESSAGE_MAX)
			return -2;
		if (len - (d + 1) < size)
			return 0;
		*payload += size;
		*cursor = d + 1 + size;
	}
}

/*
 * The end of the first message in buf in end-of-message framing: its
 * length (the marker excluded) or -1; *scanned remembers how far it
 * looked, so that a message arriving in pieces is searched once.
 */
static ssize_t nc_eom_find(const struct nc_buf *buf, size_t *scanned)
{
	size_t from = *scanned > NC_EOM_LEN ? *scanned - NC_EOM_LEN : 0;
	const char *end;

	if (buf->len < NC_EOM_LEN)
		return -1;
	end = memmem(nc_buf_head(buf) + from, buf->len - from, nc_eom,
		     NC_EOM_LEN);
	if (end)
		return end - nc_buf_head(buf);
	*scanned = buf->len;
	return -1;
}

/* ------------------------------------------------------------------ */
/* the client's <hello>                                                */

static bool nc_opaq_is(const struct lyd_node *node, const char *name)
{
	const struct lyd_node_opaq *opaq = (const void *)node;

	return !node->schema && strcmp(opaq->name.name, name) == 0
	       && opaq->name.module_ns
	       && strcmp(opaq->name.module_ns,
			 "urn:ietf:params:xml:ns:netconf:base:1.0")
			  == 0;
}

/* Which NETCONF the client speaks: 1 (1.1), 0 (1.0), or -1 with why. */
static int nc_hello_version(const char *msg, size_t len, const char **why)
{
	char *text = strndup(msg, len);
	struct lyd_node *hello = NULL, *child, *cap;
	bool v10 = false, v11 = false;
	uint32_t quiet = LY_LOSTORE_LAST;
	int version = -1;

	*why = "its <hello> is no XML";
	ly_temp_log_options(&quiet);
	if (!text
	    || lyd_parse_data_mem(nc_ctx, text, LYD_XML,
				  LYD_PARSE_ONLY | LYD_PARSE_OPAQ, 0, &hello)
	    || !hello)
		goto done;
	*why = "it sent no <hello>";
	if (!nc_opaq_is(hello, "hello") || hello->next)
		goto done;
	LY_LIST_FOR (lyd_child(hello), child) {
		if (nc_opaq_is(child, "session-id")) {
			*why = "its <hello> has a session-id (RFC 6241 8.1)";
			goto done;
		}
		if (!nc_opaq_is(child, "capabilities"))
			continue;
		LY_LIST_FOR (lyd_child(child), cap) {
			const char *value = ((struct lyd_node_opaq *)cap)->value;

			if (!nc_opaq_is(cap, "capability") || !value)
				continue;
			while (isspace((unsigned char)*value))
				value++;
			if (!strncmp(value, "urn:ietf:params:netconf:base:1.1",
				     32))
				v11 = true;
			else if (!strncmp(value,
					  "urn:ietf:params:netconf:base:1.0",
					  32))
				v10 = true;
		}
	}
	*why = "its <hello> has no base:1.0 or base:1.1 capability";
	if (v11 || v10)
		version = v11 ? 1 : 0;
done:
	ly_temp_log_options(NULL);
	lyd_free_siblings(hello);
	free(text);
	return version;
}

/* ------------------------------------------------------------------ */
/* serving a connection, between two polls                             */

static const char *nc_conn_who(const struct nc_conn *conn, char *buf,
			       size_t len)
{
	if (conn->phase >= NC_LOGGED_IN)
		snprintf(buf, len, "%s from %s port %u", conn->user,
			 conn->host, conn->port);
	else
		snprintf(buf, len, "%s port %u", conn->host, conn->port);
	return buf;
}

static void nc_conn_close(struct nc_conn *conn, const char *why)
{
	char who[160];

	if (conn->dead)
		return;
	conn->dead = true;
	if (why)
		zlog_warn("netconf: connection %s closed: %s",
			  nc_conn_who(conn, who, sizeof(who)), why);
}

/* What was the connection doing when its login time ran out? */
static const char *nc_login_stalled(const struct nc_conn *conn)
{
	if (!ssh_get_clientbanner(conn->ssh))
		return "no SSH version string";
	if (!conn->auth_tried)
		return "the SSH key exchange did not finish";
	if (conn->phase == NC_LOGIN)
		return "it did not authenticate";
	if (conn->phase == NC_LOGGED_IN)
		return "it opened no netconf subsystem";
	return "it sent no <hello>";
}

/* The client went (or spoke no SSH) before its NETCONF session began. */
static void nc_conn_gone_early(struct nc_conn *conn)
{
	const char *when = conn->phase == NC_LOGIN
				   ? "before it logged in"
				   : "before its NETCONF session began";
	char who[160];

	conn->dead = true;
	if (!nc_ratelimit_pass(&nc_rl_early))
		return;
	if (conn->auth_failures)
		zlog_warn("netconf: connection %s closed %s (%u failed authentication attempt%s)",
			  nc_conn_who(conn, who, sizeof(who)), when,
			  conn->auth_failures,
			  conn->auth_failures == 1 ? "" : "s");
	else if (!ssh_get_clientbanner(conn->ssh))
		zlog_warn("netconf: connection %s closed %s: it sent no SSH version string (libssh: %s)",
			  nc_conn_who(conn, who, sizeof(who)), when,
			  ssh_get_error(conn->ssh));
	else
		zlog_warn("netconf: connection %s closed %s: %s",
			  nc_conn_who(conn, who, sizeof(who)), when,
			  ssh_get_error(conn->ssh));
}

static void nc_conn_timeout(struct nc_conn *conn, int64_t now)
{
	char why[160], who[160];

	if (conn->phase == NC_CLOSING) {
		conn->dead = true;
		return;
	}
	if (conn->phase < NC_OPEN) {
		if (nc_ratelimit_pass(&nc_rl_timeout))
			zlog_warn("netconf: connection %s closed: not logged in within %u s (%s)",
				  nc_conn_who(conn, who, sizeof(who)),
				  nc_opts.login_timeout,
				  nc_login_stalled(conn));
		conn->dead = true;
		return;
	}
	snprintf(why, sizeof(why),
		 "%u s without the rest of a message (%zu bytes of it came)",
		 nc_opts.message_timeout, conn->in.len);
	nc_conn_close(conn, why);
}

/* The subsystem is open: a socketpair for libnetconf2. */
static void nc_conn_start_netconf(struct nc_conn *conn)
{
	struct nc_link *link;
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		nc_conn_close(conn, "no socketpair for libnetconf2");
		return;
	}
	set_nonblocking(sv[0]);
	conn->inner = sv[0];
	nc_buf_add(&conn->to_inner, nc_inner_hello, strlen(nc_inner_hello));
	ssh_event_add_fd(nc_tp.event, conn->inner, POLLIN, nc_cb_wakeup, conn);
	conn->phase = NC_HELLO;
	conn->deadline = nc_now_ms() + nc_opts.login_timeout * 1000;

	link = calloc(1, sizeof(*link));
	link->fd = sv[1];
	strlcpy(link->user, conn->user, sizeof(link->user));
	strlcpy(link->host, conn->host, sizeof(link->host));
	link->port = conn->port;
	pthread_mutex_lock(&nc_ready.mutex);
	*nc_ready.tail = link;
	nc_ready.tail = &link->next;
	pthread_mutex_unlock(&nc_ready.mutex);
	nc_server_wake();
}

/* Queue a whole message for libnetconf2, in chunked framing. */
static void nc_conn_deliver(struct nc_conn *conn, const char *msg, size_t len,
			    bool framed)
{
	char header[24];

	if (framed) {
		nc_buf_add(&conn->to_inner, msg, len);
		return;
	}
	if (!len)
		return;
	snprintf(header, sizeof(header), "\n#%zu\n", len);
	nc_buf_add(&conn->to_inner, header, strlen(header));
	nc_buf_add(&conn->to_inner, msg, len);
	nc_buf_add(&conn->to_inner, "\n##\n", 4);
}

/* Whole messages out of what the client sent. */
static void nc_conn_read_client(struct nc_conn *conn, int64_t now)
{
	while (!conn->dead && conn->in.len && conn->phase >= NC_HELLO
	       && conn->phase < NC_CLOSING) {
		ssize_t end;
		int ret;

		if (conn->version != 1) {
			end = nc_eom_find(&conn->in, &conn->in_cursor);
			if (end < 0) {
				if (conn->in.len > NC_MESSAGE_MAX)
					nc_conn_close(conn, "a message over the size limit");
				break;
			}
			if (conn->version < 0) {
				const char *why;

				conn->version = nc_hello_version(
					nc_buf_head(&conn->in), end, &why);
				if (conn->version < 0) {
					nc_conn_close(conn, why);
					break;
				}
				conn->phase = NC_OPEN;
				conn->deadline = 0;
			} else
				nc_conn_deliver(conn, nc_buf_head(&conn->in),
						end, false);
			nc_buf_drop(&conn->in, end + NC_EOM_LEN);
			conn->in_cursor = 0;
			continue;
		}
		ret = nc_chunked_parse(nc_buf_head(&conn->in), conn->in.len,
				       &conn->in_cursor, &conn->in_payload);
		if (ret == 0)
			break;
		if (ret < 0) {
			nc_conn_close(conn, ret == -1
						    ? "bad chunked framing (RFC 6242 4.2)"
						    : "a message over the size limit");
			break;
		}
		nc_conn_deliver(conn, nc_buf_head(&conn->in), conn->in_cursor,
				true);
		nc_buf_drop(&conn->in, conn->in_cursor);
		conn->in_cursor = conn->in_payload = 0;
	}
	/* a message begun must keep coming */
	if (!conn->in.len)
		conn->in_since = 0;
	else if (!conn->in_since || conn->in.len != conn->in_seen)
		conn->in_since = now;
	conn->in_seen = conn->in.len;
}

/* libnetconf2's output, in the client's framing, for the client. */
static void nc_conn_read_inner(struct nc_conn *conn)
{
	struct nc_buf *from = &conn->from_inner;
	char data[16384];
	ssize_t len;

	while ((len = read(conn->inner, data, sizeof(data))) > 0)
		nc_buf_add(from, data, len);
	if (len == 0)
		conn->inner_eof = true;
	else if (errno != EAGAIN && errno != EINTR)
		conn->inner_eof = true;

	/* libnetconf2's <hello> goes out at once, as RFC 6241 8.1 wants */
	if (!conn->server_hello_sent) {
		size_t scanned = 0;
		ssize_t end = nc_eom_find(from, &scanned);

		if (end < 0)
			return;
		nc_buf_add(&conn->out, nc_buf_head(from), end + NC_EOM_LEN);
		nc_buf_drop(from, end + NC_EOM_LEN);
		conn->server_hello_sent = true;
	}
	/* the rest waits for the framing of the client's <hello> */
	if (conn->version == 1) {
		nc_buf_add(&conn->out, nc_buf_head(from), from->len);
		nc_buf_drop(from, from->len);
		return;
	}
	while (conn->version == 0 && from->len) {
		const char *p = nc_buf_head(from), *nl;
		size_t n;

		if (conn->inner_chunk) {
			n = MIN(conn->inner_chunk, from->len);
			nc_buf_add(&conn->out, p, n);
			nc_buf_drop(from, n);
			conn->inner_chunk -= n;
			continue;
		}
		/* "\n#SIZE\n" or "\n##\n", as libnetconf2 writes them */
		nl = from->len > 2 ? memchr(p + 2, '\n', from->len - 2) : NULL;
		if (!nl)
			break;
		if (p[2] == '#')
			nc_buf_add(&conn->out, nc_eom, NC_EOM_LEN);
		else
			conn->inner_chunk = strtoul(p + 2, NULL, 10);
		nc_buf_drop(from, nl + 1 - p);
	}
}

static void nc_conn_write_inner(struct nc_conn *conn)
{
	bool want_out;

	while (conn->to_inner.len) {
		ssize_t len = send(conn->inner, nc_buf_head(&conn->to_inner),
				   conn->to_inner.len, MSG_NOSIGNAL);

		if (len < 0) {
			if (errno != EAGAIN && errno != EINTR)
				conn->inner_eof = true;
			break;
		}
		nc_buf_drop(&conn->to_inner, len);
	}
	/* a client that said goodbye: libnetconf2 reads the rest, then EOF */
	if (conn->client_eof && !conn->to_inner.len && !conn->inner_shut) {
		shutdown(conn->inner, SHUT_WR);
		conn->inner_shut = true;
	}
	want_out = conn->to_inner.len > 0;
	if (want_out != conn->watching_out) {
		ssh_event_remove_fd(nc_tp.event, conn->inner);
		ssh_event_add_fd(nc_tp.event, conn->inner,
				 POLLIN | (want_out ? POLLOUT : 0),
				 nc_cb_wakeup, conn);
		conn->watching_out = want_out;
	}
}

/* As much of out as the client's window takes. */
static void nc_conn_write_client(struct nc_conn *conn, int64_t now)
{
	uint32_t window;
	int len;

	if (!conn->out.len) {
		conn->out_since = now;
		return;
	}
	if (conn->out.len > NC_OUTPUT_MAX) {
		nc_conn_close(conn, "it does not read its replies (64 MiB wait)");
		return;
	}
	if (!conn->channel || conn->client_eof) {
		nc_buf_drop(&conn->out, conn->out.len);
		return;
	}
	window = ssh_channel_window_size(conn->channel);
	if (!window) {
		if (now - conn->out_since > nc_opts.message_timeout * 1000)
			nc_conn_close(conn, "it has read no reply for too long");
		return;
	}
	len = ssh_channel_write(conn->channel, nc_buf_head(&conn->out),
				MIN(window, MIN(conn->out.len, 1u << 20)));
	if (len == SSH_ERROR) {
		conn->client_eof = true;
		return;
	}
	if (len > 0) {
		nc_buf_drop(&conn->out, len);
		conn->out_since = now;
	}
}

static void nc_conn_serve(struct nc_conn *conn, int64_t now)
{
	if (conn->dead)
		return;
	if (!ssh_is_connected(conn->ssh)
	    || (ssh_get_status(conn->ssh) & (SSH_CLOSED | SSH_CLOSED_ERROR))) {
		conn->client_eof = true;
		if (conn->phase < NC_HELLO) {
			nc_conn_gone_early(conn);
			return;
		}
	}
	if (conn->auth_failures >= NC_AUTH_TRIES) {
		char why[96];

		if (conn->max_sessions)
			snprintf(why, sizeof(why),
				 "refused: %u sessions are open (max-sessions=%u)",
				 nc_tp.sessions, nc_opts.max_sessions);
		else
			snprintf(why, sizeof(why),
				 "%u failed authentication attempts",
				 conn->auth_failures);
		nc_conn_close(conn, why);
		return;
	}
	if (conn->overflow || conn->to_inner.len > 2 * NC_MESSAGE_MAX) {
		nc_conn_close(conn, "it sends more than the server takes in (32 MiB wait)");
		return;
	}
	if (conn->phase == NC_LOGGED_IN && conn->subsystem)
		nc_conn_start_netconf(conn);
	if (conn->inner >= 0) {
		nc_conn_read_client(conn, now);
		nc_conn_write_inner(conn);
		nc_conn_read_inner(conn);
		if (conn->inner_eof && conn->phase != NC_CLOSING) {
			/* libnetconf2 ended the session: flush, then close */
			conn->phase = NC_CLOSING;
			conn->deadline = now + NC_CLOSE_MS;
		}
	}
	nc_conn_write_client(conn, now);

	if (conn->phase == NC_CLOSING && (!conn->out.len || conn->client_eof))
		conn->dead = true;
	else if (conn->client_eof && conn->inner < 0)
		conn->dead = true;
	else if (conn->deadline && now >= conn->deadline)
		nc_conn_timeout(conn, now);
	else if (conn->phase == NC_OPEN && conn->in_since
		 && now - conn->in_since >= nc_opts.message_timeout * 1000)
		nc_conn_timeout(conn, now);
}

static void nc_conn_free(struct nc_conn *conn)
{
	if (conn->inner >= 0) {
		ssh_event_remove_fd(nc_tp.event, conn->inner);
		close(conn->inner);
	}
	if (conn->ssh) {
		ssh_event_remove_session(nc_tp.event, conn->ssh);
		if (conn->channel) {
			ssh_channel_close(conn->channel);
			ssh_channel_free(conn->channel);
		}
		ssh_disconnect(conn->ssh);
		ssh_free(conn->ssh);
	}
	nc_buf_free(&conn->in);
	nc_buf_free(&conn->out);
	nc_buf_free(&conn->to_inner);
	nc_buf_free(&conn->from_inner);
	free(conn);
}

/* Counts by phase, and the connections that are done freed. */
static void nc_conns_reap(void)
{
	struct nc_conn **pp = &nc_tp.conns, *conn;

	nc_tp.logging_in = nc_tp.sessions = 0;
	while ((conn = *pp)) {
		if (conn->dead) {
			*pp = conn->next;
			nc_conn_free(conn);
			continue;
		}
		if (conn->phase == NC_LOGIN)
			nc_tp.logging_in++;
		else
			nc_tp.sessions++;
		pp = &conn->next;
	}
}

/* Until the next deadline, at most a second. */
static int nc_poll_timeout(int64_t now)
{
	int64_t next = now + 1000;

	if (nc_tp.accept_paused_until && nc_tp.accept_paused_until < next)
		next = nc_tp.accept_paused_until;
	for (struct nc_conn *conn = nc_tp.conns; conn; conn = conn->next) {
		if (conn->deadline && conn->deadline < next)
			next = conn->deadline;
		if (conn->in_since && conn->in_since
			    + nc_opts.message_timeout * 1000 < next)
			next = conn->in_since + nc_opts.message_timeout * 1000;
		if (conn->out.len && conn->channel
		    && ssh_channel_window_size(conn->channel))
			next = now; /* more to write */
	}
	return next > now ? next - now : 0;
}

static void *nc_transport_thread(void *arg)
{
	struct frr_pthread *fpt = arg;
	char drain[64];

	frr_pthread_set_name(fpt);
	while (!atomic_load(&nc_tp.stopping)) {
		int64_t now = nc_now_ms();

		ssh_event_dopoll(nc_tp.event, nc_poll_timeout(now));
		while (read(nc_tp.wake[0], drain, sizeof(drain)) > 0)
			;
		nc_accept_all(nc_now_ms());
		now = nc_now_ms();
		for (struct nc_conn *conn = nc_tp.conns; conn;
		     conn = conn->next)
			nc_conn_serve(conn, now);
		nc_conns_reap();
		nc_ratelimit_flush(&nc_rl_refused);
		nc_ratelimit_flush(&nc_rl_timeout);
		nc_ratelimit_flush(&nc_rl_early);
	}
	while (nc_tp.conns) {
		struct nc_conn *conn = nc_tp.conns;

		nc_tp.conns = conn->next;
		nc_conn_free(conn);
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* the interface                                                       */

bool nc_transport_take(struct nc_link *link)
{
	struct nc_link *head;

	pthread_mutex_lock(&nc_ready.mutex);
	head = nc_ready.head;
	if (head) {
		nc_ready.head = head->next;
		if (!nc_ready.head)
			nc_ready.tail = &nc_ready.head;
	}
	pthread_mutex_unlock(&nc_ready.mutex);
	if (!head)
		return false;
	*link = *head;
	free(head);
	return true;
}

/* The listening socket, with bgpd's privileges (port 830). */
static int nc_listen(void)
{
	struct addrinfo hints = {
		.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV,
		.ai_socktype = SOCK_STREAM,
	};
	struct addrinfo *ai = NULL;
	char port[8];
	int fd = -1, on = 1, ret;

	snprintf(port, sizeof(port), "%u", nc_opts.port);
	ret = getaddrinfo(nc_opts.address, port, &hints, &ai);
	if (ret) {
		zlog_err("netconf: address %s: %s", nc_opts.address,
			 gai_strerror(ret));
		return -1;
	}
	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		/*
		 * Inherited by every connection: replies are small writes, and
		 * Nagle would hold each one for the client's delayed ACK
		 * (40 ms per step of the login); keepalives find a client
		 * that went away without a word.
		 */
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
		frr_with_privs (&bgpd_privs) {
			ret = bind(fd, ai->ai_addr, ai->ai_addrlen);
		}
		if (ret || listen(fd, 128)) {
			zlog_err("netconf: cannot listen on %s port %u: %s",
				 nc_opts.address, nc_opts.port,
				 safe_strerror(errno));
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(ai);
	return fd;
}

int nc_transport_init(void)
{
	ssh_key hostkey = NULL;
	int keys;

	if (ssh_pki_import_privkey_file(nc_opts.hostkey, NULL, NULL, NULL,
					&hostkey)
	    != SSH_OK) {
		zlog_err("netconf: cannot read the SSH host key %s: %s",
			 nc_opts.hostkey,
			 access(nc_opts.hostkey, R_OK)
				 ? safe_strerror(errno)
				 : "not a private key libssh reads");
		return -1;
	}
	nc_tp.bind = ssh_bind_new();
	if (!nc_tp.bind
	    || ssh_bind_options_set(nc_tp.bind, SSH_BIND_OPTIONS_IMPORT_KEY,
				    hostkey)
		       != SSH_OK) {
		zlog_err("netconf: libssh refused the host key %s",
			 nc_opts.hostkey);
		ssh_key_free(hostkey);
		nc_transport_fini();
		return -1;
	}
	{
		bool no = false;

		/* no /etc/ssh/libssh_server_config: only what is set here */
		ssh_bind_options_set(nc_tp.bind,
				     SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	}
	nc_tp.listen_fd = nc_listen();
	if (nc_tp.listen_fd < 0 || pipe2(nc_tp.wake, O_NONBLOCK | O_CLOEXEC)) {
		nc_transport_fini();
		return -1;
	}
	nc_tp.event = ssh_event_new();
	ssh_event_add_fd(nc_tp.event, nc_tp.listen_fd, POLLIN, nc_cb_wakeup,
			 NULL);
	ssh_event_add_fd(nc_tp.event, nc_tp.wake[0], POLLIN, nc_cb_wakeup,
			 NULL);
	keys = nc_load_users(nc_opts.users_dir);
	return keys;
}

int nc_transport_start(void)
{
	struct frr_pthread_attr attr = {.start = nc_transport_thread};

	nc_tp.pthread = frr_pthread_new(&attr, "NETCONF SSH", "netconf-ssh");
	if (frr_pthread_run(nc_tp.pthread, NULL) < 0) {
		frr_pthread_destroy(nc_tp.pthread);
		nc_tp.pthread = NULL;
		return -1;
	}
	return 0;
}

void nc_transport_stop(void)
{
	if (!nc_tp.pthread)
		return;
	atomic_store(&nc_tp.stopping, true);
	if (write(nc_tp.wake[1], "x", 1) < 0)
		zlog_debug("netconf: waking the SSH thread: %s",
			   safe_strerror(errno));
	pthread_join(nc_tp.pthread->thread, NULL);
	frr_pthread_destroy(nc_tp.pthread);
	nc_tp.pthread = NULL;
}

void nc_transport_fini(void)
{
	struct nc_link link;

	nc_transport_stop();
	while (nc_transport_take(&link))
		close(link.fd);
	while (nc_authkeys) {
		struct nc_authkey *ak = nc_authkeys;

		nc_authkeys = ak->next;
		ssh_key_free(ak->key);
		free(ak);
	}
	if (nc_tp.event) {
		/* the event frees what it wraps our descriptors in only here */
		if (nc_tp.listen_fd >= 0 && !nc_tp.accept_paused_until)
			ssh_event_remove_fd(nc_tp.event, nc_tp.listen_fd);
		if (nc_tp.wake[0] >= 0)
			ssh_event_remove_fd(nc_tp.event, nc_tp.wake[0]);
		ssh_event_free(nc_tp.event);
	}
	if (nc_tp.bind)
		ssh_bind_free(nc_tp.bind);
	if (nc_tp.listen_fd >= 0)
		close(nc_tp.listen_fd);
	for (int i = 0; i < 2; i++)
		if (nc_tp.wake[i] >= 0)
			close(nc_tp.wake[i]);
	memset(&nc_tp, 0, sizeof(nc_tp));
	nc_tp.listen_fd = nc_tp.wake[0] = nc_tp.wake[1] = -1;
}
