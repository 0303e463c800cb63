// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute health verdicts: is a peering ok, degraded, down or
 * incomplete, and why.
 *
 * Pure functions, no FRR headers, no global state. The caller (the bgpd
 * glue) fills an er_peering_view from bgpd's state and the model;
 * er_peering_verdict() turns it into a verdict and operator-readable reason
 * lines, each naming the address family, role, neighbor and value at fault.
 *
 * Reasons are listed most severe first (down, degraded, incomplete), so
 * reasons[0] is the main reason for the verdict; within one severity they
 * follow the sessions' order (ipv4 before ipv6, primary before secondary).
 */

#ifndef _FRR_ER_VERDICT_H
#define _FRR_ER_VERDICT_H

#include <stdbool.h>
#include <stdint.h>

#include "er_rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reason lines kept; when there are more the last one says how many. */
#define ER_VERDICT_REASONS_MAX 8

/* Address families of a peering's sessions: [0] ipv4, [1] ipv6. */
#define ER_VERDICT_AFI_COUNT 2

/* One BGP session of a peering, as bgpd sees it. */
struct er_session_view {
	bool configured;      /* the model has this session (its link subnet) */
	const char *neighbor; /* MSEE address, "192.168.100.134"; NULL: "?" */
	const char *state;    /* bgpd FSM state name, "Active"; NULL: "?" */
	bool established;
	/*
	 * Established for less than BFD and the first updates need
	 * (bfd_grace_msec): not yet judged on BFD or on its prefixes.
	 */
	bool young;
	bool admin_down;	/* shut down on the CE */
	bool bfd_enabled;	/* the model asks for BFD */
	enum er_bfd_status bfd; /* as bgpd's BFD integration reports it */
	uint32_t prefixes_sent; /* advertised to the MSEE */
	uint32_t prefixes_received;
	uint32_t limit_out;  /* outbound guard in force, 0 = none */
	uint8_t warning_pct; /* warn at this % of limit_out (1..100) */
	/* NULL or "" if the neighbor matches the model, else what differs
	 * ("bfd, timers", "neighbor missing").
	 */
	const char *drift;
	int ifindex; /* interface the session leaves through; 0 = unknown */
};

/*
 * What differs between the prefixes of the two links of one address
 * family, both ways, e.g. "secondary receives 1 prefix the primary does
 * not (10.2.0.0/16)"; NULL or "" when the sets are the same.
 */
struct er_family_view {
	const char *sent_diff;
	const char *received_diff;
	/*
	 * A received prefix that overlaps a link subnet or a prefix the CE
	 * advertises, e.g. "primary receives 172.16.0.0/16, which overlaps
	 * 172.16.0.0/12 that this router advertises"; NULL or "": none.
	 */
	const char *overlap;
	uint16_t max_paths; /* the instance's eBGP maximum-paths; 0: unknown */
};

/*
 * What the routes received on the peering carry of Microsoft's
 * communities, with what the model expects of them (er_health.c keeps it
 * from a walk of the routes made when they change).  NULL or "": nothing
 * to report.
 */
struct er_community_view {
	bool known; /* the routes were walked since the sessions came up */
	/* expect-service entries no received route carries: "exchange
	 * (12076:5010), sharepoint (12076:5020)"
	 */
	const char *missing_services;
	/* custom-vnet-communities: prefixes without a regional community */
	uint32_t untagged, prefixes;
	const char *first_untagged; /* one of them, "10.1.0.0/16" */
	/* regions received that the SKU cannot reach: "eastus, westus" */
	const char *unreachable;
	const char *sku;	  /* "standard" */
	const char *local_region; /* the circuit's, "westeurope" */
};

/* One peering: up to four sessions, [address family][role]. */
struct er_peering_view {
	enum er_peering_type type;
	bool shutdown;	       /* peering shut down in the model */
	bool instance_missing; /* its BGP instance does not exist */
	bool active_standby;   /* redundancy active-standby (else active-active) */
	bool as_path_ignored;  /* `bgp bestpath as-path ignore` in the instance */
	bool bfdd_silent;      /* the model asks for BFD and bfdd does not answer */
	struct er_session_view sessions[ER_VERDICT_AFI_COUNT][ER_ROLE_MAX];
	struct er_family_view families[ER_VERDICT_AFI_COUNT];
	struct er_community_view communities;
};

struct er_verdict_result {
	enum er_verdict verdict;
	unsigned int nreasons; /* 0 exactly when verdict is ER_VERDICT_OK */
	char reasons[ER_VERDICT_REASONS_MAX][ER_MSG_SIZE];
};

/*
 * Compute the verdict and reasons of one peering. Sessions that are not
 * configured are ignored whatever their other fields hold. A NULL view
 * gives ER_VERDICT_INCOMPLETE; a NULL out does nothing.
 */
void er_peering_verdict(const struct er_peering_view *view,
			struct er_verdict_result *out);

/*
 * Severity order: ok (0) < incomplete (1) < degraded (2) < down (3).
 * An out-of-range verdict gives -1.
 */
int er_verdict_severity(enum er_verdict verdict);

/*
 * The worse of two verdicts (a circuit's verdict is the worst of its
 * peerings). An out-of-range verdict loses to any valid one.
 */
enum er_verdict er_verdict_worst(enum er_verdict a, enum er_verdict b);

#ifdef __cplusplus
}
#endif

#endif /* _FRR_ER_VERDICT_H */
