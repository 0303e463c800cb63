// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reconciler: from each configured peering to bgpd's real neighbors.
 *
 * A peering is a pair of sessions (primary, secondary) per address family
 * that has link subnets.  For each, the module keeps a neighbor at the
 * MSEE's address (second address of the /30 or /126) with the settings
 * Microsoft expects, derived from the model: remote-as 12076, description,
 * timers, BFD, MD5 key, the session's own address family only, shutdown,
 * outbound and inbound prefix limits and the operator's route-maps.
 *
 * The neighbors are ordinary bgpd neighbors (they appear in running-config,
 * as anything bgpd knows does); the module recognises its own by their
 * description and never touches another.  Applying is event-driven: a
 * committed change marks the peering and schedules one pass; a peering whose
 * BGP instance does not exist yet is retried, never lost.  Comparing a
 * neighbor with the model without changing it gives the drift report.
 */

#include <zebra.h>

#include "lib/log.h"
#include "lib/sockunion.h"
#include "lib/routemap.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_bfd.h"

#include "er_circuit.h"
#include "er_compat.h"
#include "er_policy.h"
#include "er_reconcile.h"

/* Descriptions of the neighbors the module manages start with this. */
#define ER_DESC_MARK "ExpressRoute "

/* Retry period for peerings whose BGP instance is not there yet. */
#define ER_PENDING_RETRY_MSEC 2000

static const afi_t er_afis[ER_AFI_COUNT] = {AFI_IP, AFI_IP6};

static er_event *er_reconcile_ev;

/*
 * bgpd's configured neighbor at an address, as peer_lookup() finds it, for
 * a fraction of the cost: peer_lookup() zeroes a struct peer on its stack
 * to build the hash key, and FRR 8.4's struct peer holds bgpd's 640 KB
 * input buffer, so each call writes some 740 KB.  This key is zeroed once
 * (static storage: only the pages touched here become resident).
 */
struct peer *er_peer_lookup(struct bgp *bgp, const union sockunion *su)
{
	static struct er_peer_key key;

	return er_peer_key_lookup(bgp, &key, su);
}

/* A session's MSEE address as bgpd's neighbor key; false: no session. */
static bool er_desired_neighbor(const struct er_desired *d, int af,
				enum er_role role, union sockunion *su)
{
	const struct ipaddr *addr = &d->neighbor[af][role];

	memset(su, 0, sizeof(*su));
	switch (addr->ipa_type) {
	case IPADDR_V4:
		su->sin.sin_family = AF_INET;
		su->sin.sin_addr = addr->ipaddr_v4;
		return true;
	case IPADDR_V6:
		su->sin6.sin6_family = AF_INET6;
		su->sin6.sin6_addr = addr->ipaddr_v6;
		return true;
	default:
		return false;
	}
}

/*
 * What a session binds: the operator's route-maps, except on the secondary
 * of an active-standby peering and inbound with prefer-region (ours, which
 * call the operator's), and on Microsoft peering the generated outbound
 * prefix-list.  `names` holds the
 * generated names.
 */
struct er_bindings {
	const char *route_map[RMAP_MAX];
	const char *prefix_list_out;
	struct er_policy_names names;
};

static void er_bindings(const struct er_peering *peering, int af,
			enum er_role role, struct er_bindings *b)
{
	const struct er_desired *d = &peering->desired;
	bool standby = d->standby && role == ER_ROLE_SECONDARY;
	bool microsoft = peering->type == ER_PEERING_MICROSOFT;

	b->route_map[RMAP_IN] = d->route_map_in;
	b->route_map[RMAP_OUT] = d->route_map_out;
	b->prefix_list_out = NULL;
	if (!standby && !microsoft && !d->prefer_region_count)
		return;
	er_policy_names(peering, &b->names);
	b->route_map[RMAP_IN] = er_policy_route_map_in(peering, role, &b->names);
	if (standby)
		b->route_map[RMAP_OUT] = b->names.standby_out;
	if (microsoft)
		b->prefix_list_out = b->names.prefix_list_out[af];
}

static bool er_peer_is_managed(const struct peer *peer)
{
	return peer->desc
	       && strncmp(peer->desc, ER_DESC_MARK, strlen(ER_DESC_MARK)) == 0;
}

static void er_description(const struct er_peering *peering, enum er_role role,
			   char *buf, size_t size)
{
	snprintf(buf, size, ER_DESC_MARK "%s %s %s", peering->circuit->name,
		 er_peering_type2str(peering->type), er_role2str(role));
}

/*
 * The comparison of one neighbor with the model.  With `fix`, each
 * difference is corrected; without, it is recorded in `drift` (a
 * comma-separated list of what differs).
 */
struct er_sync {
	bool fix;
	char *drift;
	size_t drift_size;
	unsigned int differences;
};

static bool er_differs(struct er_sync *sync, const char *what)
{
	sync->differences++;
	if (!sync->fix && sync->drift)
		snprintf(sync->drift + strlen(sync->drift),
			 sync->drift_size - strlen(sync->drift), "%s%s",
			 sync->drift[0] ? ", " : "", what);
	return sync->fix;
}

static void er_sync_bfd(struct er_sync *sync, struct peer *peer,
			const struct er_desired *d)
{
	struct bfd_session_config *bfd = peer->bfd_config;

	if (!d->bfd) {
		if (bfd && bfd->manual && er_differs(sync, "bfd"))
			bgp_peer_remove_bfd_config(peer);
		return;
	}
	if (bfd && bfd->manual && bfd->min_rx == d->bfd_interval
	    && bfd->min_tx == d->bfd_interval
	    && bfd->detection_multiplier == d->bfd_multiplier)
		return;
	if (!er_differs(sync, "bfd"))
		return;
	bgp_peer_configure_bfd(peer, true);
	peer->bfd_config->min_rx = d->bfd_interval;
	peer->bfd_config->min_tx = d->bfd_interval;
	peer->bfd_config->detection_multiplier = d->bfd_multiplier;
	bgp_peer_config_apply(peer, peer->group);
}

static bool er_same_name(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void er_sync_family(struct er_sync *sync, struct peer *peer,
			   const struct er_peering *peering, int own,
			   enum er_role role)
{
	const struct er_desired *d = &peering->desired;
	struct er_bindings b;

	/* own family first: a session with no family at all is reset */
	if (!peer->afc[er_afis[own]][SAFI_UNICAST]
	    && er_differs(sync, "activate"))
		peer_activate(peer, er_afis[own], SAFI_UNICAST);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		if (af != own && peer->afc[er_afis[af]][SAFI_UNICAST]
		    && er_differs(sync, "deactivate"))
			peer_deactivate(peer, er_afis[af], SAFI_UNICAST);
	if (!peer->afc[er_afis[own]][SAFI_UNICAST] && !sync->fix)
		return;

	afi_t afi = er_afis[own];

	if ((!CHECK_FLAG(peer->af_flags[afi][SAFI_UNICAST],
			 PEER_FLAG_MAX_PREFIX_OUT)
	     || peer->pmax_out[afi][SAFI_UNICAST] != d->limit_out[own])
	    && er_differs(sync, "maximum-prefix-out"))
		peer_maximum_prefix_out_set(peer, afi, SAFI_UNICAST,
					    d->limit_out[own]);

	if ((!CHECK_FLAG(peer->af_flags[afi][SAFI_UNICAST],
			 PEER_FLAG_MAX_PREFIX)
	     || peer->pmax[afi][SAFI_UNICAST] != d->limit_in[own]
	     || !!CHECK_FLAG(peer->af_flags[afi][SAFI_UNICAST],
			     PEER_FLAG_MAX_PREFIX_WARNING)
			!= d->limit_in_warning_only)
	    && er_differs(sync, "maximum-prefix"))
		peer_maximum_prefix_set(peer, afi, SAFI_UNICAST,
					d->limit_in[own],
					MAXIMUM_PREFIX_THRESHOLD_DEFAULT,
					d->limit_in_warning_only, 0, false);

	const char *plist = peer->filter[afi][SAFI_UNICAST].plist[FILTER_OUT].name;

	er_bindings(peering, own, role, &b);
	if (!er_same_name(plist, b.prefix_list_out)
	    && er_differs(sync, "prefix-list out")) {
		if (b.prefix_list_out)
			peer_prefix_list_set(peer, afi, SAFI_UNICAST, FILTER_OUT,
					     b.prefix_list_out);
		else
			peer_prefix_list_unset(peer, afi, SAFI_UNICAST,
					       FILTER_OUT);
	}

	for (int dir = RMAP_IN; dir <= RMAP_OUT; dir++) {
		const char *have = peer->filter[afi][SAFI_UNICAST].map[dir].name;
		const char *want = b.route_map[dir];

		if (er_same_name(have, want))
			continue;
		if (!er_differs(sync, dir == RMAP_IN ? "route-map in"
						     : "route-map out"))
			continue;
		if (want)
			peer_route_map_set(peer, afi, SAFI_UNICAST, dir, want,
					   route_map_lookup_by_name(want));
		else
			peer_route_map_unset(peer, afi, SAFI_UNICAST, dir);
	}
}

static void er_sync_peer(struct er_sync *sync, struct peer *peer,
			 const struct er_peering *peering, int af,
			 enum er_role role)
{
	const struct er_desired *d = &peering->desired;
	char desc[128];

	if ((peer->as_type != AS_SPECIFIED || peer->as != ER_MICROSOFT_ASN)
	    && er_differs(sync, "remote-as"))
		er_peer_remote_as(peer->bgp, ER_PEER_SU(peer),
				  ER_MICROSOFT_ASN);

	er_description(peering, role, desc, sizeof(desc));
	if ((!peer->desc || strcmp(peer->desc, desc) != 0)
	    && er_differs(sync, "description"))
		peer_description_set(peer, desc);

	if ((!CHECK_FLAG(peer->flags, PEER_FLAG_TIMER)
	     || peer->keepalive != d->keepalive || peer->holdtime != d->hold)
	    && er_differs(sync, "timers"))
		peer_timers_set(peer, d->keepalive, d->hold);

	er_sync_bfd(sync, peer, d);

	if (d->password) {
		if ((!peer->password || strcmp(peer->password, d->password))
		    && er_differs(sync, "password"))
			peer_password_set(peer, d->password);
	} else if (peer->password && er_differs(sync, "password"))
		peer_password_unset(peer);

	if (!!CHECK_FLAG(peer->flags, PEER_FLAG_SHUTDOWN) != d->shutdown
	    && er_differs(sync, "shutdown")) {
		if (d->shutdown)
			peer_flag_set(peer, PEER_FLAG_SHUTDOWN);
		else
			peer_flag_unset(peer, PEER_FLAG_SHUTDOWN);
	}

	er_sync_family(sync, peer, peering, af, role);
}

static void er_session_delete(struct bgp *bgp, const struct er_peering *peering,
			      const union sockunion *neighbor)
{
	struct peer *peer = er_peer_lookup(bgp, neighbor);

	if (!peer || !er_peer_is_managed(peer))
		return;
	zlog_notice("expressroute: circuit %s peering %s: neighbor %pSU removed",
		    peering->circuit->name, er_peering_type2str(peering->type),
		    neighbor);
	peer_delete(peer);
}

static void er_session_apply(struct bgp *bgp, const struct er_peering *peering,
			     int af, enum er_role role, union sockunion su)
{
	struct er_sync sync = {.fix = true};
	struct peer *peer = er_peer_lookup(bgp, &su);
	bool created = false;

	if (peer && peer->desc && !er_peer_is_managed(peer))
		zlog_warn("expressroute: circuit %s peering %s %s: neighbor %pSU was configured by hand; the module takes it over",
			  peering->circuit->name,
			  er_peering_type2str(peering->type), er_role2str(role),
			  &su);
	if (!peer) {
		if (er_peer_remote_as(bgp, &su, ER_MICROSOFT_ASN) < 0
		    || !(peer = er_peer_lookup(bgp, &su))) {
			zlog_err("expressroute: circuit %s peering %s %s: could not create neighbor %pSU",
				 peering->circuit->name,
				 er_peering_type2str(peering->type),
				 er_role2str(role), &su);
			return;
		}
		created = true;
	}

	er_sync_peer(&sync, peer, peering, af, role);
	if (created)
		zlog_notice("expressroute: circuit %s peering %s %s: neighbor %pSU created (remote-as %u)",
			    peering->circuit->name,
			    er_peering_type2str(peering->type),
			    er_role2str(role), &su, ER_MICROSOFT_ASN);
	else if (sync.differences)
		zlog_info("expressroute: circuit %s peering %s %s: neighbor %pSU updated (%u settings)",
			  peering->circuit->name,
			  er_peering_type2str(peering->type), er_role2str(role),
			  &su, sync.differences);
}

void er_peering_remove_sessions(struct er_peering *peering)
{
	struct bgp *bgp = er_bgp_of_vrf(peering->circuit->vrf);

	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct er_session *s = &peering->sessions[af][role];

			if (s->present && bgp)
				er_session_delete(bgp, peering, &s->neighbor);
			er_session_set(s, NULL);
			er_session_stats_free(s);
		}
	er_policy_remove(peering);
}

/* Apply the model of one peering to bgpd; false if it must wait. */
static bool er_peering_reconcile(struct er_peering *peering)
{
	struct bgp *bgp = er_bgp_of_vrf(peering->circuit->vrf);
	const struct er_desired *d = &peering->desired;

	if (!d->derived)
		return true;
	if (!bgp || bgp->inst_type == BGP_INSTANCE_TYPE_VIEW) {
		if (!peering->pending)
			zlog_info("expressroute: circuit %s peering %s waits for BGP instance (vrf %s)",
				  peering->circuit->name,
				  er_peering_type2str(peering->type),
				  peering->circuit->vrf);
		peering->pending = true;
		return false;
	}
	peering->pending = false;

	er_policy_apply(peering, bgp);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct er_session *s = &peering->sessions[af][role];
			union sockunion su;
			bool present = er_desired_neighbor(d, af, role, &su);

			if (s->present
			    && (!present || !sockunion_same(&s->neighbor, &su))) {
				er_session_delete(bgp, peering, &s->neighbor);
				er_session_stats_free(s);
			}
			if (!present) {
				er_session_set(s, NULL);
				continue;
			}
			if (!s->present || !sockunion_same(&s->neighbor, &su))
				er_session_set(s, &su);
			er_session_apply(bgp, peering, af, role, su);
		}
	return true;
}

static void er_reconcile_run(er_event *ev)
{
	struct er_circuit *circuit;
	bool waiting = false;

	frr_each (er_circuits, &er_circuits, circuit)
		for (int type = 0; type < ER_PEERING_MAX; type++) {
			struct er_peering *peering = circuit->peerings[type];

			if (!peering || !(peering->dirty || peering->pending))
				continue;
			peering->dirty = false;
			if (!er_peering_reconcile(peering))
				waiting = true;
		}

	if (waiting)
		er_event_add_timer_msec(bm->master, er_reconcile_run, NULL,
					ER_PENDING_RETRY_MSEC,
					&er_reconcile_ev);
}

void er_reconcile_schedule(struct er_peering *peering)
{
	peering->dirty = true;
	er_event_cancel(&er_reconcile_ev);
	er_event_add_event(bm->master, er_reconcile_run, NULL, 0,
			   &er_reconcile_ev);
}

unsigned int er_reconcile_all(const char *vrf)
{
	struct er_circuit *circuit;
	unsigned int count = 0;

	frr_each (er_circuits, &er_circuits, circuit) {
		if (vrf && strcmp(vrf, circuit->vrf) != 0)
			continue;
		for (int type = 0; type < ER_PEERING_MAX; type++)
			if (circuit->peerings[type]) {
				er_peering_reconcile(circuit->peerings[type]);
				count++;
			}
	}
	return count;
}

void er_reconcile_stop(void)
{
	er_event_cancel(&er_reconcile_ev);
}

void er_peering_drift(const struct er_peering *peering,
		      char drift[ER_AFI_COUNT][ER_ROLE_MAX][ER_DRIFT_SIZE])
{
	const struct er_desired *d = &peering->desired;
	struct bgp *bgp;

	memset(drift, 0, sizeof(char[ER_AFI_COUNT][ER_ROLE_MAX][ER_DRIFT_SIZE]));
	if (!d->derived || peering->pending)
		return;
	bgp = er_bgp_of_vrf(peering->circuit->vrf);
	if (!bgp)
		return;
	/* the settings derived at commit: no model data is read here */
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			struct er_sync sync = {
				.fix = false,
				.drift = drift[af][role],
				.drift_size = ER_DRIFT_SIZE,
			};
			union sockunion su;
			struct peer *peer;

			if (!er_desired_neighbor(d, af, role, &su))
				continue;
			peer = er_peer_lookup(bgp, &su);
			if (!peer)
				snprintf(drift[af][role], ER_DRIFT_SIZE,
					 "neighbor missing");
			else
				er_sync_peer(&sync, peer, peering, af, role);
		}
}

struct peer *er_session_peer(const struct er_peering *peering, int af,
			     enum er_role role)
{
	const struct er_session *s = &peering->sessions[af][role];
	struct bgp *bgp;

	if (!s->present)
		return NULL;
	bgp = er_bgp_of_vrf(peering->circuit->vrf);
	return bgp ? er_peer_lookup(bgp, &s->neighbor) : NULL;
}
