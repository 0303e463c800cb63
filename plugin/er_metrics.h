// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Prometheus metrics: the module's health written for
 * prometheus-node-exporter's textfile collector (`expressroute metrics
 * textfile DIR`), on every verdict change and at an interval.
 */
#ifndef _FRR_ER_METRICS_H
#define _FRR_ER_METRICS_H

/* Install the commands and the verdict-change hook (after cmd_init). */
void er_metrics_init(void);

/* bgpd shuts down: stop writing, remove the file. */
void er_metrics_stop(void);

#endif /* _FRR_ER_METRICS_H */
