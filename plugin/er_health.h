// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Circuit health: what is kept per session (availability, flaps, churn),
 * the verdict of each peering and circuit, and the events that update them.
 */
#ifndef _FRR_ER_HEALTH_H
#define _FRR_ER_HEALTH_H

#include "lib/hook.h"

#include "er_circuit.h"
#include "er_reconcile.h"
#include "er_verdict.h"

struct peer;

/* What one session looks like now, for show commands and YANG state. */
struct er_session_report {
	bool configured;
	char neighbor[INET6_ADDRSTRLEN];
	char local[INET6_ADDRSTRLEN];
	const char *state;
	enum er_bfd_status bfd;
	uint32_t prefixes_sent, prefixes_received, limit_out;
	uint32_t flaps;
	uint64_t uptime_msec;
	uint64_t established_sec; /* as bgpd counts it, 0 if not Established */
	double availability, availability_hour, availability_day;
	uint32_t updates_per_minute;
	const char *last_reset; /* "" unless the session was reset */
	char down_reason[ER_MSG_SIZE]; /* why not Established, or "" */
	char drift[ER_DRIFT_SIZE];
};

/* Reports of the four sessions of a peering, [address family][role]. */
typedef struct er_session_report er_peering_reports[ER_AFI_COUNT][ER_ROLE_MAX];

/* Start the periodic tick. */
void er_health_init(void);

/* peer_status_changed hook (registered by er_main.c). */
int er_health_peer_status_changed(struct peer *peer);

/* Stop the tick (bgpd shuts down). */
void er_health_stop(void);

/*
 * Evaluate a peering now, without side effects (no log, no notification,
 * the kept verdict unchanged); reports, if not NULL, receives its sessions'
 * state.
 */
void er_peering_evaluate(const struct er_peering *peering,
			 struct er_verdict_result *result,
			 er_peering_reports *reports);

/* The circuit's verdict now: the worst of its peerings' (no side effect). */
enum er_verdict er_circuit_evaluate(const struct er_circuit *circuit);

/* Reports of every session of a peering. */
void er_peering_report(const struct er_peering *peering,
		       er_peering_reports *reports);

/* Forget statistics (flaps, availability, churn) of a circuit or all. */
void er_health_clear(struct er_circuit *circuit);

/*
 * A peering's kept verdict changed (from an event or the tick, start-up
 * included): for what reports it elsewhere (er_metrics.c).
 */
DECLARE_HOOK(er_verdict_change,
	     (const struct er_peering *peering, enum er_verdict old),
	     (peering, old));

/* `debug expressroute`: log every evaluation. */
extern bool er_debug;

#endif /* _FRR_ER_HEALTH_H */
