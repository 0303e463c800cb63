// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reconciler: applies each peering's derived settings to bgpd's
 * neighbors, removes them, and reports where bgpd differs (drift).
 */
#ifndef _FRR_ER_RECONCILE_H
#define _FRR_ER_RECONCILE_H

#include "er_circuit.h"

struct peer;

struct bgp;

/* bgpd's configured neighbor at an address (peer_lookup(), cheaper). */
struct peer *er_peer_lookup(struct bgp *bgp, const union sockunion *su);

/* The peering's settings changed: apply them from the event loop. */
void er_reconcile_schedule(struct er_peering *peering);

/* Apply every peering (of one VRF, or all with NULL) now; returns count. */
unsigned int er_reconcile_all(const char *vrf);

/* Delete the neighbors the module made for the peering. */
void er_peering_remove_sessions(struct er_peering *peering);

/* Cancel pending work (module shutdown). */
void er_reconcile_stop(void);

/* Room for the description of what differs in one session. */
#define ER_DRIFT_SIZE 128

/*
 * What of each session's neighbor differs from the model: a
 * comma-separated list ("bfd, timers", "neighbor missing"), "" if nothing.
 */
void er_peering_drift(const struct er_peering *peering,
		      char drift[ER_AFI_COUNT][ER_ROLE_MAX][ER_DRIFT_SIZE]);

/* bgpd's neighbor of one session, if the model has it and bgpd too. */
struct peer *er_session_peer(const struct er_peering *peering, int af,
			     enum er_role role);

#endif /* _FRR_ER_RECONCILE_H */
