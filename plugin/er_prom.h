// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's health in Prometheus' text exposition format (0.0.4), as
 * prometheus-node-exporter's textfile collector reads it.
 *
 * Pure code, no FRR headers: the bgpd glue (er_metrics.c) takes a snapshot
 * of every circuit (struct er_prom_circuit), and er_prom_write() turns it
 * into metric families.  The format wants the samples of a family
 * together, so the snapshot is walked once per family; the label sets
 * are formatted once per snapshot.  The unit tests and the benchmark use
 * it alone.
 */
#ifndef _FRR_ER_PROM_H
#define _FRR_ER_PROM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "er_rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file's name in the collector's directory (it reads *.prom only). */
#define ER_PROM_FILE "frr_expressroute.prom"

/* One BGP session of a peering, [address family][role] in its peering. */
struct er_prom_session {
	bool configured;
	char neighbor[48];
	bool established;
	bool bfd_enabled;  /* the peering asks for BFD */
	bool bfd_up;
	uint32_t prefixes_received, prefixes_sent;
	uint32_t limit_out; /* 0: no outbound limit in force */
	uint32_t flaps;
	uint64_t updates;	     /* UPDATE messages sent and received */
	uint32_t updates_per_minute; /* over the last minute */
	uint64_t uptime_sec;	     /* Established for, 0 if not */
	/* percentages, as the show commands give them */
	double availability, availability_hour, availability_day;
};

struct er_prom_peering {
	bool present;
	enum er_verdict verdict;
	struct er_prom_session sessions[2][ER_ROLE_MAX];
};

struct er_prom_circuit {
	char vrf[40];
	char name[64];
	uint32_t bandwidth_mbps; /* 0: not configured */
	enum er_verdict verdict;
	struct er_prom_peering peerings[ER_PEERING_MAX];
};

/*
 * Write every family for count circuits to f, and the exporter's own
 * interval (seconds, 0: not written).  Returns 0, or -1 when memory or a
 * write failed (errno set; the output is then incomplete).
 */
int er_prom_write(FILE *f, const struct er_prom_circuit *circuits,
		  unsigned int count, unsigned int interval_sec);

/*
 * A label value escaped as the format wants (backslash, double quote,
 * newline); returns the length it needs, as snprintf().
 */
size_t er_prom_escape(char *buf, size_t size, const char *value);

#ifdef __cplusplus
}
#endif

#endif /* _FRR_ER_PROM_H */
