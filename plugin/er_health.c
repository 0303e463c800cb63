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
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgp_advertise.h"

#include "er_bfdd.h"
#include "er_circuit.h"
#include "er_compat.h"
#include "er_health.h"
#include "er_reconcile.h"
#include "er_routes.h"


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
	uint8_t last_reset; /* bgpd's PEER_DOWN_* code when it last went down */
	uint32_t updates_prev;
	int64_t updates_prev_ms;
	uint32_t updates_per_minute;
};

bool er_debug;

DEFINE_HOOK(er_verdict_change,
	    (const struct er_peering *peering, enum er_verdict old),
	    (peering, old));

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

/* Account a session's time: up or not now; peer (or NULL) for its resets. */
static void er_stats_account(struct er_session_stats *st,
			     const struct peer *peer, int64_t now)
{
	bool up = peer && ER_PEER_STATUS(peer) == Established;
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
		if (st->up) {
			st->flaps++;
			/* later set-up steps overwrite bgpd's own record */
			st->last_reset = peer ? peer->last_reset : 0;
		}
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

/* Codes bgpd records while a session is still being set up, not resets. */
static bool er_reset_is_setup(unsigned int code)
{
	switch (code) {
	case 0:
	case ER_PEER_DOWN_WAITING_OPEN:
	case PEER_DOWN_NOAFI_ACTIVATED:
	case PEER_DOWN_WAITING_NHT:
	case PEER_DOWN_NBR_ADDR:
	case PEER_DOWN_VRF_UNINIT:
		return true;
	default:
		return false;
	}
}

/* Why a configured session is not Established, for the operator. */
static void er_down_reason(const struct peer *peer, char *buf, size_t size)
{
	const char *why;

	if (CHECK_FLAG(peer->flags, PEER_FLAG_SHUTDOWN))
		why = "shut down on this router";
	else if (CHECK_FLAG(peer->sflags, PEER_STATUS_PREFIX_OVERFLOW))
		why = "the MSEE sent more prefixes than the inbound limit";
	else if (ER_PEER_STATUS(peer) == OpenSent
		 || ER_PEER_STATUS(peer) == OpenConfirm)
		why = "BGP OPEN exchange with the MSEE in progress";
	else
		why = "no BGP connection to the MSEE: check the link, the VLAN and the subnet";
	if (er_reset_is_setup(peer->last_reset))
		strlcpy(buf, why, size);
	else
		snprintf(buf, size, "%s (last attempt ended: %s)", why,
			 peer_down_str[peer->last_reset]);
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
	r->state = lookup_msg(bgp_status_msg, ER_PEER_STATUS(peer), NULL);
	r->bfd = er_bfd_status(peer);
	r->prefixes_received = peer->pcount[afi][SAFI_UNICAST];
	r->prefixes_sent = er_prefixes_sent(peer, afi);
	if (CHECK_FLAG(peer->af_flags[afi][SAFI_UNICAST],
		       PEER_FLAG_MAX_PREFIX_OUT))
		r->limit_out = peer->pmax_out[afi][SAFI_UNICAST];
	if (ER_PEER_SU_LOCAL(peer))
		sockunion2str(ER_PEER_SU_LOCAL(peer), r->local,
			      sizeof(r->local));
	/* only a session that went down from Established was reset */
	if (st && st->flaps && st->last_reset)
		r->last_reset = peer_down_str[st->last_reset];
	if (ER_PEER_STATUS(peer) == Established)
		r->established_sec = monotime(NULL) - peer->uptime;
	else
		er_down_reason(peer, r->down_reason, sizeof(r->down_reason));
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

/*
 * How long a session just Established is given before it is judged on BFD
 * and on its prefixes: BFD's detection time, plus the slow start of a
 * session that is not up yet (RFC 5880: one packet a second at most, and
 * three to come up), which also leaves time for the first updates.
 */
#define ER_BFD_SETUP_MSEC 3000

static uint32_t er_session_grace_msec(const struct er_desired *d)
{
	return ER_BFD_SETUP_MSEC
	       + (d->bfd ? d->bfd_interval * d->bfd_multiplier : 0);
}

/*
 * What the kept community summary says against the model, for the view:
 * static strings, as the view is made and used on the main thread at once.
 */
static void er_community_view(const struct er_peering *peering,
			      struct er_community_view *c)
{
	static char missing[ER_MSG_SIZE], unreachable[ER_MSG_SIZE],
		local[ER_MSG_SIZE];
	const struct er_community_summary *sum = &peering->communities;
	const struct er_desired *d = &peering->desired;
	const struct er_circuit *circuit = peering->circuit;

	memset(c, 0, sizeof(*c));
	if (!sum->valid)
		return;
	c->known = true;
	missing[0] = unreachable[0] = local[0] = '\0';
	for (unsigned int i = 0; i < d->expect_service_count; i++) {
		const struct er_service *sv = &er_services[d->expect_service[i]];

		if (sum->service[d->expect_service[i]])
			continue;
		snprintf(missing + strlen(missing),
			 sizeof(missing) - strlen(missing), "%s%s (%u:%u)",
			 missing[0] ? ", " : "", sv->key, ER_COMMUNITY_ASN,
			 sv->value);
	}
	c->missing_services = missing;
	if (d->custom_vnet_communities && peering->type == ER_PEERING_PRIVATE) {
		c->untagged = sum->untagged;
		c->prefixes = sum->prefixes;
		c->first_untagged = sum->first_untagged;
	}
	if (circuit->local_region_count && circuit->sku >= 0) {
		for (unsigned int i = 0; i < er_region_count; i++)
			if (sum->region[i]
			    && !er_region_reachable(circuit->sku,
						    circuit->local_region,
						    circuit->local_region_count,
						    i))
				snprintf(unreachable + strlen(unreachable),
					 sizeof(unreachable)
						 - strlen(unreachable),
					 "%s%s", unreachable[0] ? ", " : "",
					 er_regions[i].key);
		for (unsigned int i = 0; i < circuit->local_region_count; i++)
			snprintf(local + strlen(local),
				 sizeof(local) - strlen(local), "%s%s",
				 local[0] ? ", " : "",
				 er_regions[circuit->local_region[i]].key);
		c->unreachable = unreachable;
		c->sku = er_sku2str(circuit->sku);
		c->local_region = local;
	}
}

/* The state of a peering as er_verdict.c sees it. */
static void er_peering_view(const struct er_peering *peering,
			    er_peering_reports *reports,
			    struct er_peering_view *view)
{
	bool bfd_enabled = peering->desired.bfd;
	uint8_t warning = peering->desired.warning_threshold;
	uint32_t grace_msec = er_session_grace_msec(&peering->desired);
	struct bgp *bgp;

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
			v->established = peer
					 && ER_PEER_STATUS(peer) == Established;
			v->young = v->established
				   && r->established_sec * 1000 < grace_msec;
			v->admin_down = peer
					&& CHECK_FLAG(peer->flags,
						      PEER_FLAG_SHUTDOWN);
			v->bfd_enabled = bfd_enabled;
			v->bfd = r->bfd;
			if (bfd_enabled && !er_bfdd_alive) {
				v->bfd = r->bfd = ER_BFD_UNKNOWN;
				view->bfdd_silent = true;
			}
			v->prefixes_sent = r->prefixes_sent;
			v->prefixes_received = r->prefixes_received;
			v->limit_out = r->limit_out;
			v->warning_pct = warning;
			v->drift = r->drift;
			v->ifindex = peer && peer->nexthop.ifp
					     ? peer->nexthop.ifp->ifindex
					     : 0;
		}
	bgp = er_bgp_of_vrf(peering->circuit->vrf);
	view->active_standby = peering->desired.standby;
	view->as_path_ignored = bgp
				&& CHECK_FLAG(bgp->flags, BGP_FLAG_ASPATH_IGNORE);
	for (int af = 0; af < ER_AFI_COUNT; af++) {
		struct er_family_view *f = &view->families[af];

		f->sent_diff = peering->diff[af].sent;
		f->received_diff = peering->diff[af].received;
		f->overlap = peering->diff[af].overlap;
		if (bgp)
			f->max_paths = bgp->maxpaths[er_afis[af]][SAFI_UNICAST]
					       .maxpaths_ebgp;
	}
	er_community_view(peering, &view->communities);
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
 * A peering's start-up: from its first update until it is ok for the first
 * time, its sessions come up one by one and a verdict change is no news.
 * If it is still not ok after this long, that is said once.  FRR's
 * connect-retry timer is 120 s, and the MSEE connects as well.
 */
#define ER_STARTUP_MSEC 90000

static void er_verdict_log(const struct er_peering *peering,
			   enum er_verdict old, enum er_verdict new,
			   const char *reason)
{
	const struct er_circuit *circuit = peering->circuit;
	const char *type = er_peering_type2str(peering->type);

	if (er_verdict_severity(new) > er_verdict_severity(old))
		zlog_warn("expressroute: circuit %s (vrf %s) peering %s is now %s (was %s): %s",
			  circuit->name, circuit->vrf, type, er_verdict2str(new),
			  er_verdict2str(old), reason);
	else
		zlog_notice("expressroute: circuit %s (vrf %s) peering %s is now %s (was %s): %s",
			    circuit->name, circuit->vrf, type,
			    er_verdict2str(new), er_verdict2str(old), reason);
	er_verdict_notify(peering, old, new, reason);
}

/* The end of a peering's start-up: ok at last, or not ok in time. */
static void er_startup_end(struct er_peering *peering,
			   const struct er_verdict_result *result,
			   const char *reason, int64_t now)
{
	const struct er_circuit *circuit = peering->circuit;
	const char *type = er_peering_type2str(peering->type);

	peering->settled = true;
	if (result->verdict == ER_VERDICT_OK) {
		zlog_notice("expressroute: circuit %s (vrf %s) peering %s is up: ok",
			    circuit->name, circuit->vrf, type);
		return;
	}
	zlog_warn("expressroute: circuit %s (vrf %s) peering %s is %s %u s after it was set up: %s",
		  circuit->name, circuit->vrf, type,
		  er_verdict2str(result->verdict),
		  (unsigned int)((now - peering->first_ms) / 1000), reason);
	er_verdict_notify(peering, ER_VERDICT_OK, result->verdict, reason);
}

/*
 * Evaluate a peering and keep its verdict; a change is logged (warning
 * when worse, notice when better) and notified once the peering is out of
 * its start-up.  Only events and the tick call this: looking at a peering
 * (show, YANG state) changes nothing.
 */
static void er_peering_update(struct er_peering *peering)
{
	struct er_verdict_result result;
	enum er_verdict old = peering->verdict;
	int64_t now = er_now_ms();
	const char *reason;

	if (!peering->desired.derived)
		return;
	er_peering_evaluate(peering, &result, NULL);
	peering->verdict = result.verdict;
	if (old != result.verdict || !peering->evaluated)
		hook_call(er_verdict_change, peering, old);
	reason = result.nreasons ? result.reasons[0] : "all checks pass";

	if (er_debug)
		zlog_debug("expressroute: circuit %s peering %s: %s (%s)",
			   peering->circuit->name,
			   er_peering_type2str(peering->type),
			   er_verdict2str(result.verdict), reason);
	if (!peering->evaluated) {
		peering->evaluated = true;
		peering->first_ms = now;
	}
	if (!peering->settled) {
		if (result.verdict == ER_VERDICT_OK
		    || now - peering->first_ms >= ER_STARTUP_MSEC)
			er_startup_end(peering, &result, reason, now);
		return;
	}
	if (old != result.verdict)
		er_verdict_log(peering, old, result.verdict, reason);
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
			er_stats_account(st, peer, now);
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

/*
 * Prefix symmetry: the sets of prefixes received (accepted, as bgpd counts
 * them) and advertised on the two links of a family (this router's own,
 * not Microsoft's passed between the MSEEs), compared by one walk of the
 * family's table.  It runs from the tick, and only when both links
 * have been quiet for a tick since something changed (updates, counts), so
 * its cost follows route changes, never the number of routes per tick, and
 * routes still in flight are not taken for a difference.
 */
#define ER_DIFF_NAMED 2 /* prefixes named in a reason, per side */

struct er_diff_side {
	unsigned int count;
	char named[ER_DIFF_NAMED][PREFIX2STR_BUFFER];
};

static void er_diff_add(struct er_diff_side *side, const struct prefix *p)
{
	if (side->count < ER_DIFF_NAMED)
		prefix2str(p, side->named[side->count], PREFIX2STR_BUFFER);
	side->count++;
}

/* "primary receives 2 prefixes the secondary does not (a, b)" */
static void er_diff_describe(const struct er_diff_side side[ER_ROLE_MAX],
			     const char *verb, char **out)
{
	char buf[ER_MSG_SIZE] = "";

	XFREE(MTYPE_ER_HEALTH, *out);
	for (int role = 0; role < ER_ROLE_MAX; role++) {
		const struct er_diff_side *d = &side[role];
		size_t len = strlen(buf);

		if (!d->count)
			continue;
		snprintf(buf + len, sizeof(buf) - len,
			 "%s%s %s %u prefix%s the %s does not (", len ? ", " : "",
			 er_role2str(role), verb, d->count,
			 d->count == 1 ? "" : "es", er_role2str(!role));
		for (unsigned int i = 0; i < MIN(d->count, ER_DIFF_NAMED); i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				 "%s%s", i ? ", " : "", d->named[i]);
		if (d->count > ER_DIFF_NAMED)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				 " and %u more", d->count - ER_DIFF_NAMED);
		strlcat(buf, ")", sizeof(buf));
	}
	if (buf[0])
		*out = XSTRDUP(MTYPE_ER_HEALTH, buf);
}

/*
 * One look at a prefix's paths: whether each session's (counted as bgpd
 * counts received prefixes) is there, and whether the route bgpd selected
 * came from Microsoft (AS 12076).  bgpd passes the routes of one MSEE on
 * to the other (which drops them, its AS being in the path): those are
 * not prefixes this router advertises.
 */
static bool er_dest_paths(struct bgp_dest *dest, struct peer *peers[ER_ROLE_MAX],
			  bool in[ER_ROLE_MAX])
{
	bool microsoft = false;

	in[0] = in[1] = false;
	for (const struct bgp_path_info *pi = bgp_dest_get_bgp_path_info(dest);
	     pi; pi = pi->next) {
		if (CHECK_FLAG(pi->flags, BGP_PATH_COUNTED)) {
			in[0] |= pi->peer == peers[0];
			in[1] |= pi->peer == peers[1];
		}
		if (CHECK_FLAG(pi->flags, BGP_PATH_SELECTED))
			microsoft = pi->peer && pi->peer->as == ER_MICROSOFT_ASN;
	}
	return microsoft;
}

static bool er_advertised_to(struct bgp_dest *dest,
			     const struct update_subgroup *subgroup)
{
	struct bgp_adj_out *adj;

	RB_FOREACH (adj, bgp_adj_out_rb, &dest->adj_out)
		if (adj->subgroup == subgroup && adj->attr)
			return true;
	return false;
}

/*
 * Overlap: a received prefix that covers or falls inside a link subnet or
 * a prefix this router advertises to the MSEEs (the default route aside:
 * sending Azure a default is normal on private peering).  Checked from
 * this router's few prefixes, not from every received one: the covering
 * prefixes are a node's parents in the table, the ones inside it its
 * subtree.  The first overlap is named, the others counted.
 */
struct er_overlap {
	unsigned int count;
	char first[ER_MSG_SIZE];
};

static void er_overlap_note(struct er_overlap *o, const char *fmt,
			    const struct prefix *received,
			    const struct prefix *ours)
{
	if (!o->count++)
		snprintfrr(o->first, sizeof(o->first), fmt, received, ours);
}

static bool er_dest_received(struct bgp_dest *dest,
			     struct peer *peers[ER_ROLE_MAX])
{
	bool in[ER_ROLE_MAX];

	if (!bgp_dest_get_bgp_path_info(dest))
		return false;
	er_dest_paths(dest, peers, in);
	return in[0] || in[1];
}

/* A prefix this router advertises against what the MSEEs send. */
static void er_advertised_overlaps(struct bgp_dest *ours,
				   struct peer *peers[ER_ROLE_MAX],
				   struct er_overlap *o)
{
	const struct prefix *p = bgp_dest_get_prefix(ours);
	const struct route_node *node = bgp_dest_to_rnode(ours);
	struct bgp_dest *dest;

	if (er_dest_received(ours, peers)) {
		er_overlap_note(o, "the MSEE sends %pFX, which this router advertises too (%pFX)",
				p, p);
		return;
	}
	for (node = node->parent; node; node = node->parent) {
		dest = er_rnode_dest(node);
		if (dest && bgp_dest_get_prefix(dest)->prefixlen
		    && er_dest_received(dest, peers)) {
			er_overlap_note(o, "the MSEE sends %pFX, which covers %pFX that this router advertises",
					bgp_dest_get_prefix(dest), p);
			return;
		}
	}
	for (node = er_rnode_next(bgp_dest_to_rnode(ours));
	     node && prefix_match(p, &node->p); node = er_rnode_next(node)) {
		dest = er_rnode_dest(node);
		if (dest && er_dest_received(dest, peers)) {
			er_overlap_note(o, "the MSEE sends %pFX, inside %pFX that this router advertises",
					bgp_dest_get_prefix(dest), p);
			return;
		}
	}
}

/* Whether either session sent the prefix p (exactly). */
static bool er_received(struct bgp_table *table, struct peer *peers[ER_ROLE_MAX],
			const struct prefix *p)
{
	struct bgp_dest *dest = bgp_node_lookup(table, p);
	bool in[ER_ROLE_MAX] = {};

	if (!dest)
		return false;
	er_dest_paths(dest, peers, in);
	bgp_dest_unlock_node(dest);
	return in[0] || in[1];
}

/*
 * A received prefix over a link subnet: one that covers it (every length
 * up to the link's) or lies inside it (the few longer ones), looked up
 * directly rather than checked against every prefix of the walk.
 */
static void er_link_overlaps(struct bgp_table *table,
			     struct peer *peers[ER_ROLE_MAX],
			     const struct prefix *link, struct er_overlap *o)
{
	unsigned int max = link->family == AF_INET ? IPV4_MAX_BITLEN
						   : IPV6_MAX_BITLEN;
	struct prefix p;

	/* from /1: a default route Microsoft sends is no overlap */
	for (unsigned int len = 1; len <= max; len++) {
		unsigned int extra = len > link->prefixlen ? len - link->prefixlen
							   : 0;

		for (unsigned int n = 0; n < (1U << extra); n++) {
			p = *link;
			p.prefixlen = len;
			for (unsigned int b = 0; b < extra; b++) {
				unsigned int bit = link->prefixlen + b;

				if (n & (1U << (extra - 1 - b)))
					p.u.val[bit / 8] |= 0x80 >> (bit % 8);
			}
			apply_mask(&p);
			if (er_received(table, peers, &p)) {
				er_overlap_note(o, "the MSEE sends %pFX, which overlaps the link subnet %pFX",
						&p, link);
				return;
			}
		}
	}
}

/* A session's link subnet: its MSEE's address with the /30 or /126. */
static bool er_link_subnet(const struct ipaddr *msee, struct prefix *p)
{
	memset(p, 0, sizeof(*p));
	switch (msee->ipa_type) {
	case IPADDR_V4:
		p->family = AF_INET;
		p->prefixlen = ER_LINK_PLEN_V4;
		p->u.prefix4 = msee->ipaddr_v4;
		break;
	case IPADDR_V6:
		p->family = AF_INET6;
		p->prefixlen = ER_LINK_PLEN_V6;
		p->u.prefix6 = msee->ipaddr_v6;
		break;
	default:
		return false;
	}
	apply_mask(p);
	return true;
}

static void er_prefix_diff_compare(struct er_prefix_diff *diff, afi_t afi,
				   struct peer *peers[ER_ROLE_MAX],
				   const struct er_desired *d, int af)
{
	struct er_diff_side received[ER_ROLE_MAX] = {}, sent[ER_ROLE_MAX] = {};
	struct update_subgroup *subgroups[ER_ROLE_MAX];
	struct bgp_table *table = peers[0]->bgp->rib[afi][SAFI_UNICAST];
	struct er_overlap *overlap = XCALLOC(MTYPE_TMP, sizeof(*overlap));
	struct prefix links[ER_ROLE_MAX];
	unsigned int nlinks = 0, nours = 0, ours_size = 0;
	struct bgp_dest *dest, **ours_list = NULL;

	for (int role = 0; role < ER_ROLE_MAX; role++) {
		struct peer_af *paf = peer_af_find(peers[role], afi,
						   SAFI_UNICAST);

		subgroups[role] = paf ? PAF_SUBGRP(paf) : NULL;
		if (er_link_subnet(&d->neighbor[af][role], &links[nlinks]))
			nlinks++;
	}
	for (const struct route_node *node = table->route_table->top; node;
	     node = er_rnode_next(node)) {
		const struct prefix *p;
		bool in[ER_ROLE_MAX], out[ER_ROLE_MAX];
		bool ours;

		/* the tree's own nodes, and prefixes without a route */
		dest = er_rnode_dest(node);
		if (!dest || !bgp_dest_get_bgp_path_info(dest))
			continue;
		p = bgp_dest_get_prefix(dest);
		ours = !er_dest_paths(dest, peers, in);

		for (int role = 0; role < ER_ROLE_MAX; role++) {
			out[role] = ours && subgroups[role]
				    && (role && subgroups[1] == subgroups[0]
						? out[0]
						: er_advertised_to(
							  dest, subgroups[role]));
		}
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			if (in[role] && !in[!role])
				er_diff_add(&received[role], p);
			if (out[role] && !out[!role])
				er_diff_add(&sent[role], p);
		}
		if ((out[0] || out[1]) && p->prefixlen > 0) {
			if (nours == ours_size) {
				ours_size = ours_size ? ours_size * 2 : 64;
				ours_list = XREALLOC(MTYPE_TMP, ours_list,
						     ours_size
							     * sizeof(*ours_list));
			}
			ours_list[nours++] = dest;
		}
	}
	for (unsigned int i = 0; i < nours; i++)
		er_advertised_overlaps(ours_list[i], peers, overlap);
	XFREE(MTYPE_TMP, ours_list);
	for (unsigned int i = 0; i < nlinks; i++)
		er_link_overlaps(table, peers, &links[i], overlap);
	er_diff_describe(received, "receives", &diff->received);
	er_diff_describe(sent, "advertises", &diff->sent);
	XFREE(MTYPE_ER_HEALTH, diff->overlap);
	if (overlap->count > 1)
		snprintf(overlap->first + strlen(overlap->first),
			 sizeof(overlap->first) - strlen(overlap->first),
			 " (and %u more)", overlap->count - 1);
	if (overlap->count)
		diff->overlap = XSTRDUP(MTYPE_ER_HEALTH, overlap->first);
	XFREE(MTYPE_TMP, overlap);
}

/* What changes when either link's prefixes change. */
static uint64_t er_links_fingerprint(struct peer *peers[ER_ROLE_MAX],
				     afi_t afi)
{
	uint64_t fp = 0;

	for (int role = 0; role < ER_ROLE_MAX; role++) {
		const struct peer *peer = peers[role];

		fp = fp * 1000003 + peer->update_in;
		fp = fp * 1000003 + peer->update_out;
		fp = fp * 1000003 + peer->pcount[afi][SAFI_UNICAST];
		fp = fp * 1000003 + er_prefixes_sent(peers[role], afi);
	}
	return fp;
}

static void er_peering_symmetry(struct er_peering *peering)
{
	for (int af = 0; af < ER_AFI_COUNT; af++) {
		struct er_prefix_diff *diff = &peering->diff[af];
		struct peer *peers[ER_ROLE_MAX];
		bool up = true;
		uint64_t fp;

		for (int role = 0; role < ER_ROLE_MAX; role++) {
			peers[role] = er_session_peer(peering, af, role);
			up = up && peers[role]
			     && ER_PEER_STATUS(peers[role]) == Established;
		}
		if (!up) {
			/* compared afresh once both are up again */
			er_prefix_diff_clear(diff);
			continue;
		}
		fp = er_links_fingerprint(peers, er_afis[af]);
		if (fp == diff->seen && fp != diff->compared) {
			er_prefix_diff_compare(diff, er_afis[af], peers,
					       &peering->desired, af);
			diff->compared = fp;
		}
		diff->seen = fp;
	}
}

/*
 * The communities of the routes received, walked like the symmetry check:
 * when the sessions' routes changed and have been quiet for a tick since.
 * Forgotten while no session is Established.
 */
static void er_peering_communities(struct er_peering *peering)
{
	uint64_t fp = 0;
	bool up = false;

	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct peer *peer = er_session_peer(peering, af, role);

			if (!peer || ER_PEER_STATUS(peer) != Established)
				continue;
			up = true;
			fp = fp * 1000003 + peer->update_in;
			fp = fp * 1000003 + peer->pcount[er_afis[af]][SAFI_UNICAST];
			fp = fp * 1000003 + af * ER_ROLE_MAX + role + 1;
		}
	if (!up) {
		peering->communities.valid = false;
		peering->communities_seen = peering->communities_walked = 0;
		return;
	}
	if (fp == peering->communities_seen
	    && fp != peering->communities_walked) {
		er_routes_summarize(peering, &peering->communities);
		peering->communities_walked = fp;
	}
	peering->communities_seen = fp;
}

static void er_health_tick(er_event *ev)
{
	struct er_circuit *circuit;
	int64_t now = er_now_ms();
	bool bfdd = er_bfdd_answers();

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
			er_peering_symmetry(peering);
			er_peering_communities(peering);
			er_peering_update(peering);
		}
	er_event_add_timer_msec(bm->master, er_health_tick, NULL,
				ER_HEALTH_TICK_MSEC, &er_health_tick_ev);
}

/* bgpd: a session changed state; act at once (failover is measured). */
int er_health_peer_status_changed(struct peer *peer)
{
	struct er_session *session;

	/*
	 * Only the configured neighbor: the transient peer of an incoming
	 * connection (an OPEN collision) has the same address, and its end
	 * would count as a flap of the session.
	 */
	if (!CHECK_FLAG(peer->flags, PEER_FLAG_CONFIG_NODE))
		return 0;
	session = er_session_find(peer->bgp->name ? peer->bgp->name
						  : ER_VRF_DEFAULT,
				  ER_PEER_SU(peer));
	if (!session)
		return 0;
	er_stats_account(er_stats(session), peer, er_now_ms());
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
	er_bfdd_init();
	er_event_add_timer_msec(bm->master, er_health_tick, NULL,
				ER_HEALTH_TICK_MSEC, &er_health_tick_ev);
}
