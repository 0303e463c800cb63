// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NETCONF notifications (RFC 5277): <create-subscription> to the NETCONF
 * stream, and every YANG notification bgpd sends through the northbound
 * (the module's verdict-change among them) delivered to the subscribed
 * sessions.
 *
 * bgpd's main thread must never wait on a client's socket, so it only
 * queues each notification and wakes the netconf thread, which writes
 * them out between two polls.
 */

#include <zebra.h>
#include <pthread.h>

#include "lib/northbound.h"
#include "lib/yang.h"

#include "nc_internal.h"

struct nc_notification {
	struct nc_notification *next;
	struct lyd_node *event; /* in nc_ctx */
	char *event_time;
};

static struct {
	pthread_mutex_t mutex;
	struct nc_notification *head, **tail;
	uint32_t length;
	uint32_t dropped;
} nc_queue = {
	.mutex = PTHREAD_MUTEX_INITIALIZER,
	.tail = &nc_queue.head,
};

/* Notifications wait at most this long for a slow client. */
#define NC_NOTIFY_WRITE_TIMEOUT_MS 500
/* and no more than this many wait; newer ones are dropped and counted */
#define NC_NOTIFY_QUEUE_MAX 1024

static void nc_notification_free(struct nc_notification *ntf)
{
	lyd_free_tree(ntf->event);
	free(ntf->event_time);
	free(ntf);
}

/* Main thread: the northbound's nb_notification_send hook. */
void nc_notify_queue(const char *xpath, struct list *arguments)
{
	struct nc_notification *ntf;
	struct listnode *node;
	struct yang_data *data;
	struct timespec now;

	if (!nc_ctx)
		return;
	ntf = calloc(1, sizeof(*ntf));
	if (lyd_new_path(NULL, nc_ctx, xpath, NULL, 0, &ntf->event)) {
		zlog_warn("netconf: notification %s is not in the model: %s",
			  xpath, ly_errmsg(nc_ctx));
		free(ntf);
		return;
	}
	for (ALL_LIST_ELEMENTS_RO(arguments, node, data))
		if (data->value
		    && lyd_new_path(ntf->event, nc_ctx, data->xpath,
				    data->value, 0, NULL))
			zlog_warn("netconf: notification %s: %s", xpath,
				  ly_errmsg(nc_ctx));
	clock_gettime(CLOCK_REALTIME, &now);
	ly_time_ts2str(&now, &ntf->event_time);

	pthread_mutex_lock(&nc_queue.mutex);
	if (nc_queue.length >= NC_NOTIFY_QUEUE_MAX) {
		nc_notification_free(ntf);
		nc_queue.dropped++;
	} else {
		*nc_queue.tail = ntf;
		nc_queue.tail = &ntf->next;
		nc_queue.length++;
	}
	pthread_mutex_unlock(&nc_queue.mutex);
	/* the netconf thread sleeps in poll() until there is something */
	nc_server_wake();
}

static struct nc_notification *nc_notify_take_all(uint32_t *dropped)
{
	struct nc_notification *all;

	pthread_mutex_lock(&nc_queue.mutex);
	all = nc_queue.head;
	nc_queue.head = NULL;
	nc_queue.tail = &nc_queue.head;
	nc_queue.length = 0;
	*dropped = nc_queue.dropped;
	nc_queue.dropped = 0;
	pthread_mutex_unlock(&nc_queue.mutex);
	return all;
}

static void nc_notify_send(struct nc_session *session,
			   const struct nc_notification *ntf)
{
	struct nc_server_notif *msg;
	struct lyd_node *event = NULL;

	if (lyd_dup_single(ntf->event, NULL, LYD_DUP_RECURSIVE, &event))
		return;
	msg = nc_server_notif_new(event, strdup(ntf->event_time),
				  NC_PARAMTYPE_FREE);
	if (nc_server_notif_send(session, msg, NC_NOTIFY_WRITE_TIMEOUT_MS)
	    != NC_MSG_NOTIF)
		zlog_warn("netconf: could not send a notification to session %u",
			  nc_session_get_id(session));
	nc_server_notif_free(msg);
}

/* Netconf thread: write what is queued to every subscribed session. */
void nc_notify_flush(struct nc_pollsession *ps)
{
	struct nc_notification *ntf, *next;
	uint32_t dropped;

	ntf = nc_notify_take_all(&dropped);
	if (dropped)
		zlog_warn("netconf: %u notifications dropped (queue full)",
			  dropped);
	for (; ntf; ntf = next) {
		struct nc_session *session;

		next = ntf->next;
		for (uint16_t i = 0; (session = nc_ps_get_session(ps, i)); i++)
			if (nc_session_get_status(session) == NC_STATUS_RUNNING
			    && nc_session_get_notif_status(session))
				nc_notify_send(session, ntf);
		nc_notification_free(ntf);
	}
}

/* Netconf thread: RFC 5277 <create-subscription>. */
struct nc_server_reply *nc_op_create_subscription(const struct lyd_node *rpc,
						  struct nc_session *session)
{
	struct lyd_node *node;

	if (!lyd_find_path(rpc, "stream", 0, &node)
	    && strcmp(lyd_get_value(node), "NETCONF") != 0)
		return nc_reply_error(NC_ERR_INVALID_VALUE,
				      "the only stream is NETCONF",
				      "/notifications:create-subscription/stream");
	if (!lyd_find_path(rpc, "startTime", 0, &node))
		return nc_reply_error(NC_ERR_OP_NOT_SUPPORTED,
				      "replay is not supported (no startTime)",
				      NULL);
	if (!lyd_find_path(rpc, "filter", 0, &node))
		return nc_reply_error(NC_ERR_OP_NOT_SUPPORTED,
				      "subscription filters are not supported: every notification is sent",
				      NULL);
	if (nc_session_get_notif_status(session))
		return nc_reply_error(NC_ERR_IN_USE,
				      "this session is already subscribed",
				      NULL);
	nc_session_inc_notif_status(session);
	zlog_info("netconf: session %u subscribed to notifications",
		  nc_session_get_id(session));
	return nc_server_reply_ok();
}

void nc_notify_init(void)
{
	nc_server_set_capability(
		"urn:ietf:params:netconf:capability:notification:1.0");
	nc_server_set_capability(
		"urn:ietf:params:netconf:capability:interleave:1.0");
}

void nc_notify_fini(void)
{
	struct nc_notification *ntf, *next;
	uint32_t dropped;

	for (ntf = nc_notify_take_all(&dropped); ntf; ntf = next) {
		next = ntf->next;
		nc_notification_free(ntf);
	}
}
