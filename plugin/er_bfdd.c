// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Asks bfdd, over its vty socket, what bgpd cannot tell: whether bfdd
 * answers, and the BFD timers it negotiated per session.  See er_bfdd.h.
 *
 * The socket is where this bgpd's own command line puts the daemons'
 * sockets: `--vty_socket DIR`, else FRR's vty directory, which holds the
 * pathspace of `-N NAME`.  A query speaks vtysh's protocol: the command
 * and a NUL, then the output up to three NULs and a status byte.
 */

#include <zebra.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/un.h>

#include "lib/json.h"
#include "lib/log.h"
#include "lib/memory.h"
#include "lib/monotime.h"

#include "er_bfdd.h"
#include "er_circuit.h"
#include "er_compat.h"

/* How long a show command waits for bfdd at most. */
#define ER_BFDD_TIMEOUT_MSEC 1000
/* The largest answer read (about 1 KiB per BFD session). */
#define ER_BFDD_ANSWER_MAX (8 * 1024 * 1024)

static struct sockaddr_un er_bfdd_addr = {.sun_family = AF_UNIX};

void er_bfdd_init(void)
{
	char args[8192], *arg, *end, *dir = NULL;
	ssize_t len = -1;
	int fd = open("/proc/self/cmdline", O_RDONLY);

	if (fd >= 0) {
		len = read(fd, args, sizeof(args) - 1);
		close(fd);
	}
	if (len > 0) {
		args[len] = '\0';
		end = args + len;
		for (arg = args; arg < end; arg += strlen(arg) + 1) {
			if (strcmp(arg, "--vty_socket") == 0
			    && arg + strlen(arg) + 1 < end)
				dir = arg + strlen(arg) + 1;
			else if (strncmp(arg, "--vty_socket=", 13) == 0)
				dir = arg + 13;
		}
	}
	if (!dir)
		dir = ER_FRR_VTYDIR;
	if (strlen(dir) + sizeof("/bfdd.vty") > sizeof(er_bfdd_addr.sun_path)) {
		zlog_warn("expressroute: vty directory %s is too long for a socket path: bfdd is not asked",
			  dir);
		return;
	}
	snprintf(er_bfdd_addr.sun_path, sizeof(er_bfdd_addr.sun_path),
		 "%s/bfdd.vty", dir);
	zlog_info("expressroute: bfdd is looked for at %s",
		  er_bfdd_addr.sun_path);
}

static int er_bfdd_connect(void)
{
	int fd;

	if (!er_bfdd_addr.sun_path[0])
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&er_bfdd_addr, sizeof(er_bfdd_addr))
	    < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

bool er_bfdd_answers(void)
{
	int fd;

	/* no socket to look at: do not call bfdd dead */
	if (!er_bfdd_addr.sun_path[0])
		return true;
	fd = er_bfdd_connect();
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/*
 * Read one answer, up to its terminator (three NULs and the status byte),
 * into *buf (grown as needed); its length without the terminator, or -1 on
 * error or once the deadline has passed.
 */
static ssize_t er_bfdd_read(int fd, const struct timeval *start, char **buf,
			    size_t *size)
{
	size_t used = 0;

	for (;;) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int64_t waited = monotime_since(start, NULL) / 1000;
		ssize_t n;

		if (waited >= ER_BFDD_TIMEOUT_MSEC
		    || poll(&pfd, 1, ER_BFDD_TIMEOUT_MSEC - waited) <= 0)
			return -1;
		if (used + 1 >= *size) {
			if (*size >= ER_BFDD_ANSWER_MAX)
				return -1;
			*size *= 2;
			*buf = XREALLOC(MTYPE_TMP, *buf, *size);
		}
		n = read(fd, *buf + used, *size - used - 1);
		if (n <= 0)
			return -1;
		used += n;
		if (used >= 4 && (*buf)[used - 4] == '\0'
		    && (*buf)[used - 3] == '\0' && (*buf)[used - 2] == '\0') {
			(*buf)[used - 4] = '\0';
			return used - 4;
		}
	}
}

/*
 * The answer to one command, NUL-terminated; NULL on error or timeout.
 * A vty starts in view mode, as vtysh's does: `enable` comes first.
 */
static char *er_bfdd_ask(const char *command)
{
	static const char enable[] = "enable";
	struct timeval start;
	size_t size = 65536;
	char *buf;
	int fd = er_bfdd_connect();

	if (fd < 0)
		return NULL;
	monotime(&start);
	buf = XMALLOC(MTYPE_TMP, size);
	if (write(fd, enable, sizeof(enable)) < 0
	    || er_bfdd_read(fd, &start, &buf, &size) < 0
	    || write(fd, command, strlen(command) + 1) < 0
	    || er_bfdd_read(fd, &start, &buf, &size) < 0)
		XFREE(MTYPE_TMP, buf);
	close(fd);
	return buf;
}

struct er_bfdd_sessions {
	struct json_object *peers; /* bfdd's array of sessions */
};

struct er_bfdd_sessions *er_bfdd_sessions_get(void)
{
	struct er_bfdd_sessions *sessions;
	struct json_object *peers;
	char *answer = er_bfdd_ask("show bfd peers json");

	if (!answer)
		return NULL;
	peers = json_tokener_parse(answer);
	XFREE(MTYPE_TMP, answer);
	if (!peers || !json_object_is_type(peers, json_type_array)) {
		json_object_put(peers);
		return NULL;
	}
	sessions = XCALLOC(MTYPE_TMP, sizeof(*sessions));
	sessions->peers = peers;
	return sessions;
}

void er_bfdd_sessions_free(struct er_bfdd_sessions *sessions)
{
	if (!sessions)
		return;
	json_object_put(sessions->peers);
	XFREE(MTYPE_TMP, sessions);
}

static int64_t er_json_int(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v)
						     : 0;
}

static const char *er_json_string(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_string(v)
						     : NULL;
}

bool er_bfdd_timers(const struct er_bfdd_sessions *sessions, const char *vrf,
		    const char *peer, struct er_bfd_timers *timers)
{
	size_t count;

	if (!sessions)
		return false;
	count = json_object_array_length(sessions->peers);
	for (size_t i = 0; i < count; i++) {
		struct json_object *s =
			json_object_array_get_idx(sessions->peers, i);
		const char *s_peer = er_json_string(s, "peer");
		const char *s_vrf = er_json_string(s, "vrf");

		if (!s_peer || strcmp(s_peer, peer) != 0
		    || strcmp(s_vrf ? s_vrf : ER_VRF_DEFAULT, vrf) != 0)
			continue;
		/* RFC 5880 6.8.2/6.8.4: the slower side wins each way */
		timers->tx_msec = MAX(er_json_int(s, "transmit-interval"),
				      er_json_int(s, "remote-receive-interval"));
		timers->detect_msec =
			MAX(er_json_int(s, "receive-interval"),
			    er_json_int(s, "remote-transmit-interval"))
			* er_json_int(s, "remote-detect-multiplier");
		timers->remote_min_rx_msec =
			er_json_int(s, "remote-receive-interval");
		return true;
	}
	return false;
}
