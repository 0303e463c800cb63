// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Prometheus metrics: the module's health written for
 * prometheus-node-exporter's textfile collector (`expressroute metrics
 * textfile DIR`), on every verdict change and at an interval.
 */
#ifndef _FRR_ER_METRICS_H
#define _FRR_ER_METRICS_H

#include "er_health.h"

/* Install the commands (after cmd_init). */
void er_metrics_init(void);

struct peer;

/* er_verdict_change hook (registered by er_main.c): write soon. */
int er_metrics_verdict_change(const struct er_peering *peering,
			      enum er_verdict old);

/* peer_status_changed hook (registered by er_main.c): a module session
 * changed state, write soon. */
int er_metrics_peer_status_changed(struct peer *peer);

/* bgpd shuts down: stop writing, remove the file. */
void er_metrics_stop(void);

#endif /* _FRR_ER_METRICS_H */
