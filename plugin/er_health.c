// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Circuit health: owns each session's statistics and each peering's kept
 * verdict.
 *
 * Per session the module keeps, beside what bgpd already counts: the time
 * it was Established since it was configured and over the last hour and
 * day (Azure's BgpAvailability, per minute), flaps and route churn.  It is
 * updated when bgpd reports a session state change (peer_status_changed)
 * and by a tick every few seconds; both cost per session, never per route.
 *
 * The verdict of a peering is computed from that state by er_verdict.c
 * (pure rules).  Evaluating has no side effect (show and YANG state use
 * it); updating, from events and the tick only, keeps the verdict, and a
 * change is logged (warning when worse, notice when better) and sent as
 * the frr-expressroute:verdict-change notification.
 */

#include <zebra.h>

#include "lib/bfd.h"
#include "lib/libfrr.h"
#include "lib/log.h"
#include "lib/memory.h"
#include "lib/monotime.h"
#include "lib/northbound.h"
#include "lib/sockunion.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_debug.h"
#include "bgpd/bgp_fsm.h"
#include "bgpd/bgp_updgrp.h"

#include "er_circuit.h"
#include "er_compat.h"
#include "er_health.h"
#include "er_reconcile.h"


#define ER_HEALTH_TICK_MSEC 5000
#define ER_MINUTE_MSEC 60000
#define ER_MINUTES 60
#define ER_HOURS 24

/*
 * Established time of a session.  The last hour is kept per minute and the
 * last day per hour, both as rings of milliseconds Established and
 * milliseconds tracked.
 */
struct er_session_stats {
	bool up;
	int64_t last_ms;	 /* time of the last accounting */
	int64_t up_since_ms;	 /* when it became Established */
	int64_t minute_start_ms; /* start of the current minute bucket */
	uint64_t tracked_ms, up_ms;
	unsigned int minute, hour; /* current ring positions */
	uint16_t minute_up[ER_MINUTES], minute_tracked[ER_MINUTES];
	uint32_t hour_up[ER_HOURS], hour_tracked[ER_HOURS];
	uint32_t flaps;
	uint32_t updates_prev;
	int64_t updates_prev_ms;
	uint32_t updates_per_minute;
};

bool er_debug;

/* Whether bfdd answers; bgpd keeps a dead bfdd's last BFD states. */
static bool er_bfdd_alive = true;

static er_event *er_health_tick_ev;
static const afi_t er_afis[ER_AFI_COUNT] = {AFI_IP, AFI_IP6};

static int64_t er_now_ms(void)
{
	struct timeval tv;

	monotime(&tv);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void er_stats_account(struct er_session_stats *st, bool up, int64_t now)
{
	int64_t delta;

	if (!st->last_ms) {
		st->last_ms = st->minute_start_ms = now;
		st->up = up;
		st->up_since_ms = now;
		return;
	}
	delta = now - st->last_ms;
	st->tracked_ms += delta;
	if (st->up)
		st->up_ms += delta;

	/* close the minutes (and hours) that ended since the last look */
	while (now - st->minute_start_ms >= ER_MINUTE_MSEC) {
		st->minute_start_ms += ER_MINUTE_MSEC;
		st->minute = (st->minute + 1) % ER_MINUTES;
		st->minute_up[st->minute] = st->minute_tracked[st->minute] = 0;
		if (st->minute == 0) {
			st->hour = (st->hour + 1) % ER_HOURS;
			st->hour_up[st->hour] = st->hour_tracked[st->hour] = 0;
		}
	}
	delta = MIN(delta, ER_MINUTE_MSEC);
	st->minute_tracked[st->minute] =
		MIN(st->minute_tracked[st->minute] + delta, ER_MINUTE_MSEC);
	st->hour_tracked[st->hour] += delta;
	if (st->up) {
		st->minute_up[st->minute] =
			MIN(st->minute_up[st->minute] + delta, ER_MINUTE_MSEC);
		st->hour_up[st->hour] += delta;
	}

	if (up != st->up) {
		if (st->up)
			st->flaps++;
		st->up_since_ms = now;
		st->up = up;
	}
	st->last_ms = now;
}

static double er_percent(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void er_stats_availability(const struct er_session_stats *st,
				  double *total, double *hour, double *day)
{
	uint64_t up = 0, tracked = 0;

	*total = er_percent(st->up_ms, st->tracked_ms);
	for (int i = 0; i < ER_MINUTES; i++) {
		up += st->minute_up[i];
		tracked += st->minute_tracked[i];
	}
	*hour = er_percent(up, tracked);
	up = tracked = 0;
	for (int i = 0; i < ER_HOURS; i++) {
		up += st->hour_up[i];
		tracked += st->hour_tracked[i];
	}
	*day = er_percent(up, tracked);
}

static struct er_session_stats *er_stats(struct er_session *session)
{
	if (!session->stats)
		session->stats = XCALLOC(MTYPE_ER_SESSION_STATS,
					 sizeof(*session->stats));
	return session->stats;
}

/* bfdd is alive if its vty socket accepts a connection. */
static bool er_bfdd_running(void)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd, ret;

	if (strlcpy(addr.sun_path, frr_vtydir, sizeof(addr.sun_path))
		    >= sizeof(addr.sun_path)
	    || strlcat(addr.sun_path, "/bfdd.vty", sizeof(addr.sun_path))
		       >= sizeof(addr.sun_path))
		return true;
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return true;
	ret = connect(fd, (struct sockaddr *)&addr, sizeof(addr));
	close(fd);
	return ret == 0;
}

static uint32_t er_prefixes_sent(struct peer *peer, afi_t afi)
{
	struct peer_af *paf = peer_af_find(peer, afi, SAFI_UNICAST);

	return paf && PAF_SUBGRP(paf) ? PAF_SUBGRP(paf)->scount : 0;
}

static enum er_bfd_status er_bfd_status(const struct peer *peer)
{
	if (!peer || !peer->bfd_config)
		return ER_BFD_DISABLED;
	switch (bfd_sess_status(peer->bfd_config->session)) {
	case BSS_UP:
		return ER_BFD_UP;
	case BSS_DOWN:
		return ER_BFD_DOWN;
	case BSS_ADMIN_DOWN:
		return ER_BFD_ADMIN_DOWN;
	case BSS_UNKNOWN:
	default:
		return ER_BFD_UNKNOWN;
	}
}

static void er_session_report(const struct er_peering *peering, int af,
			      enum er_role role, const char *drift,
			      struct er_session_report *r)
{
	const struct er_session *session = &peering->sessions[af][role];
	const struct er_session_stats *st = session->stats;
	struct peer *peer = er_session_peer(peering, af, role);
	afi_t afi = er_afis[af];

	memset(r, 0, sizeof(*r));
	r->configured = session->present;
	r->state = "NoNeighbor";
	r->bfd = ER_BFD_DISABLED;
	r->last_reset = "";
	if (!session->present)
		return;
	sockunion2str(&session->neighbor, r->neighbor, sizeof(r->neighbor));
	strlcpy(r->drift, drift, sizeof(r->drift));
	if (st) {
		r->flaps = st->flaps;
		r->updates_per_minute = st->updates_per_minute;
		er_stats_availability(st, &r->availability,
				      &r->availability_hour,
				      &r->availability_day);
		if (st->up)
			r->uptime_msec = er_now_ms() - st->up_since_ms;
	}
	if (!peer)
		return;
	r->state = lookup_msg(bgp_status_msg, peer->status, NULL);
	r->bfd = er_bfd_status(peer);
	r->prefixes_received = peer->pcount[afi][SAFI_UNICAST];
	r->prefixes_sent = er_prefixes_sent(peer, afi);
	if (CHECK_FLAG(peer->af_flags[afi][SAFI_UNICAST],
		       PEER_FLAG_MAX_PREFIX_OUT))
		r->limit_out = peer->pmax_out[afi][SAFI_UNICAST];
	if (peer->su_local)
		sockunion2str(peer->su_local, r->local, sizeof(r->local));
	if (peer->last_reset)
		r->last_reset = peer_down_str[peer->last_reset];
}

void er_peering_report(const struct er_peering *peering,
		       er_peering_reports *reports)
{
	char drift[ER_AFI_COUNT][ER_ROLE_MAX][ER_DRIFT_SIZE];

	er_peering_drift(peering, drift);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++)
			er_session_report(peering, af, role, drift[af][role],
					  &(*reports)[af][role]);
}

/* The state of a peering as er_verdict.c sees it. */
static void er_peering_view(const struct er_peering *peering,
			    er_peering_reports *reports,
			    struct er_peering_view *view)
{
	bool bfd_enabled = peering->desired.bfd;
	uint8_t warning = peering->desired.warning_threshold;

	memset(view, 0, sizeof(*view));
	view->type = peering->type;
	view->shutdown = peering->desired.shutdown;
	view->instance_missing = peering->pending;

	er_peering_report(peering, reports);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct er_session_report *r = &(*reports)[af][role];
			struct er_session_view *v = &view->sessions[af][role];
			struct peer *peer;

			if (!r->configured)
				continue;
			peer = er_session_peer(peering, af, role);
			v->configured = true;
			v->neighbor = r->neighbor;
			v->state = r->state;
			v->established = peer && peer->status == Established;
			v->admin_down = peer
					&& CHECK_FLAG(peer->flags,
						      PEER_FLAG_SHUTDOWN);
			v->bfd_enabled = bfd_enabled;
			v->bfd = r->bfd;
			if (bfd_enabled && !er_bfdd_alive)
				v->bfd = r->bfd = ER_BFD_UNKNOWN;
			v->prefixes_sent = r->prefixes_sent;
			v->prefixes_received = r->prefixes_received;
			v->limit_out = r->limit_out;
			v->warning_pct = warning;
			v->drift = r->drift;
			v->ifindex = peer && peer->nexthop.ifp
					     ? peer->nexthop.ifp->ifindex
					     : 0;
		}
}

static void er_verdict_notify(const struct er_peering *peering,
			      enum er_verdict old, enum er_verdict new,
			      const char *reason)
{
	struct list *args = yang_data_list_new();
	const char *base = "/frr-expressroute:verdict-change";
	char xpath[XPATH_MAXLEN];

#define ER_NOTIF_ARG(leaf, value)                                              \
	do {                                                                   \
		snprintf(xpath, sizeof(xpath), "%s/%s", base, leaf);           \
		listnode_add(args, yang_data_new(xpath, value));               \
	} while (0)

	ER_NOTIF_ARG("vrf", peering->circuit->vrf);
	ER_NOTIF_ARG("circuit", peering->circuit->name);
	ER_NOTIF_ARG("peering", er_peering_type2str(peering->type));
	ER_NOTIF_ARG("old-verdict", er_verdict2str(old));
	ER_NOTIF_ARG("new-verdict", er_verdict2str(new));
	ER_NOTIF_ARG("reason", reason);
#undef ER_NOTIF_ARG
	nb_notification_send(base, args);
}

void er_peering_evaluate(const struct er_peering *peering,
			 struct er_verdict_result *result,
			 er_peering_reports *reports_out)
{
	er_peering_reports local, *reports = reports_out ? reports_out : &local;
	struct er_peering_view view;

	er_peering_view(peering, reports, &view);
	er_peering_verdict(&view, result);
}

/*
 * Evaluate a peering and keep its verdict; a change is logged (warning
 * when worse, notice when better) and notified.  Only events and the tick
 * call this: looking at a peering (show, YANG state) changes nothing.
 */
static void er_peering_update(struct er_peering *peering)
{
	struct er_verdict_result result;
	enum er_verdict old = peering->verdict;
	const char *reason;

	if (!peering->desired.derived)
		return;
	er_peering_evaluate(peering, &result, NULL);
	peering->verdict = result.verdict;
	reason = result.nreasons ? result.reasons[0] : "all checks pass";

	if (er_debug)
		zlog_debug("expressroute: circuit %s peering %s: %s (%s)",
			   peering->circuit->name,
			   er_peering_type2str(peering->type),
			   er_verdict2str(result.verdict), reason);
	if (!peering->evaluated) {
		peering->evaluated = true;
		return;
	}
	if (old == result.verdict)
		return;
	if (er_verdict_severity(result.verdict) > er_verdict_severity(old))
		zlog_warn("expressroute: circuit %s (vrf %s) peering %s is now %s (was %s): %s",
			  peering->circuit->name, peering->circuit->vrf,
			  er_peering_type2str(peering->type),
			  er_verdict2str(result.verdict), er_verdict2str(old),
			  reason);
	else
		zlog_notice("expressroute: circuit %s (vrf %s) peering %s is now %s (was %s): %s",
			    peering->circuit->name, peering->circuit->vrf,
			    er_peering_type2str(peering->type),
			    er_verdict2str(result.verdict),
			    er_verdict2str(old), reason);
	er_verdict_notify(peering, old, result.verdict, reason);
}

enum er_verdict er_circuit_evaluate(const struct er_circuit *circuit)
{
	enum er_verdict verdict = ER_VERDICT_OK;
	struct er_verdict_result result;
	bool any = false;

	for (int type = 0; type < ER_PEERING_MAX; type++) {
		const struct er_peering *peering = circuit->peerings[type];

		if (!peering || !peering->desired.derived)
			continue;
		er_peering_evaluate(peering, &result, NULL);
		verdict = er_verdict_worst(verdict, result.verdict);
		any = true;
	}
	return any ? verdict : ER_VERDICT_INCOMPLETE;
}

/* Account time and churn of every session of a peering. */
static void er_peering_account(struct er_peering *peering, int64_t now)
{
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct er_session *session = &peering->sessions[af][role];
			struct er_session_stats *st;
			struct peer *peer;
			uint32_t updates;

			if (!session->present)
				continue;
			st = er_stats(session);
			peer = er_session_peer(peering, af, role);
			er_stats_account(st, peer && peer->status == Established,
					 now);
			if (!peer)
				continue;
			updates = peer->update_in + peer->update_out;
			if (!st->updates_prev_ms) {
				st->updates_prev = updates;
				st->updates_prev_ms = now;
			} else if (now - st->updates_prev_ms >= ER_MINUTE_MSEC) {
				st->updates_per_minute =
					(updates - st->updates_prev) * ER_MINUTE_MSEC
					/ (now - st->updates_prev_ms);
				st->updates_prev = updates;
				st->updates_prev_ms = now;
			}
		}
}

static void er_health_tick(er_event *ev)
{
	struct er_circuit *circuit;
	int64_t now = er_now_ms();
	bool bfdd = er_bfdd_running();

	if (bfdd && !er_bfdd_alive)
		zlog_notice("expressroute: bfdd is back");
	else if (!bfdd && er_bfdd_alive)
		zlog_warn("expressroute: bfdd does not answer: BFD states are stale");
	er_bfdd_alive = bfdd;

	frr_each (er_circuits, &er_circuits, circuit)
		for (int type = 0; type < ER_PEERING_MAX; type++) {
			struct er_peering *peering = circuit->peerings[type];

			if (!peering)
				continue;
			er_peering_account(peering, now);
			er_peering_update(peering);
		}
	er_event_add_timer_msec(bm->master, er_health_tick, NULL,
				ER_HEALTH_TICK_MSEC, &er_health_tick_ev);
}

/* bgpd: a session changed state; act at once (failover is measured). */
int er_health_peer_status_changed(struct peer *peer)
{
	struct er_session *session;

	session = er_session_find(peer->bgp->name ? peer->bgp->name
						  : ER_VRF_DEFAULT,
				  &peer->su);
	if (!session)
		return 0;
	er_stats_account(er_stats(session), peer->status == Established,
			 er_now_ms());
	er_peering_update(session->peering);
	return 0;
}

void er_health_clear(struct er_circuit *only)
{
	struct er_circuit *circuit;

	frr_each (er_circuits, &er_circuits, circuit) {
		if (only && circuit != only)
			continue;
		for (int type = 0; type < ER_PEERING_MAX; type++) {
			struct er_peering *peering = circuit->peerings[type];

			if (!peering)
				continue;
			for (int af = 0; af < ER_AFI_COUNT; af++)
				for (int role = 0; role < ER_ROLE_MAX; role++)
					er_session_stats_free(
						&peering->sessions[af][role]);
		}
	}
	/* start again from now */
	er_event_cancel(&er_health_tick_ev);
	er_health_tick(NULL);
}

void er_health_stop(void)
{
	er_event_cancel(&er_health_tick_ev);
}

void er_health_init(void)
{
	er_event_add_timer_msec(bm->master, er_health_tick, NULL,
				ER_HEALTH_TICK_MSEC, &er_health_tick_ev);
}
