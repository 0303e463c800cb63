// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Circuit health: what is kept per session (availability, flaps, churn),
 * the verdict of each peering and circuit, and the events that update them.
 */
#ifndef _FRR_ER_HEALTH_H
#define _FRR_ER_HEALTH_H

#include "er_nb.h"
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
	double availability, availability_hour, availability_day;
	uint32_t updates_per_minute;
	const char *last_reset;
	char drift[ER_DRIFT_SIZE];
};

/* Reports of the four sessions of a peering, [address family][role]. */
typedef struct er_session_report er_peering_reports[ER_AFI_COUNT][ER_ROLE_MAX];

/* Start the periodic tick and register bgpd's hooks. */
void er_health_init(void);

/* Stop the tick (bgpd shuts down). */
void er_health_stop(void);

/*
 * Re-evaluate a peering now (logs and notifies when its verdict changes);
 * reports, if not NULL, receives its sessions' state.
 */
void er_health_evaluate(struct er_peering *peering,
			struct er_verdict_result *result,
			er_peering_reports *reports);

/* The circuit's verdict: the worst of its peerings'. */
enum er_verdict er_circuit_verdict(const struct er_circuit *circuit);

/* Reports of every session of a peering. */
void er_peering_report(const struct er_peering *peering,
		       er_peering_reports *reports);

/* Free a session's statistics (the session is gone or changed). */
void er_session_stats_free(struct er_session *session);

/* Forget statistics (flaps, availability, churn) of a circuit or all. */
void er_health_clear(struct er_circuit *circuit);

/* `debug expressroute`: log every evaluation. */
extern bool er_debug;

#endif /* _FRR_ER_HEALTH_H */
