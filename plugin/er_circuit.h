// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Owns the module's in-memory objects: circuits, their peerings and the
 * sessions of each peering, with their lifetimes, the registries that find
 * them (circuits by VRF and name, sessions by VRF and neighbor address),
 * the settings derived for each peering, and the module's memory group.
 *
 * Every other file works through this API: the configuration callbacks
 * (er_nb_config.c) create, fill and free the objects; the reconciler
 * (er_reconcile.c), health (er_health.c), the show commands and the YANG
 * state read them.  Nothing here reads model data or talks to bgpd.
 */
#ifndef _FRR_ER_CIRCUIT_H
#define _FRR_ER_CIRCUIT_H

#include "ipaddr.h"
#include "memory.h"
#include "prefix.h"
#include "sockunion.h"
#include "typesafe.h"

#include "er_communities.h"
#include "er_rules.h"
#include "er_verdict.h"

/* The vrf key of the default BGP instance. */
#define ER_VRF_DEFAULT "default"
#define ER_VRF_NAMSIZ 37
#define ER_CIRCUIT_NAMSIZ 64

/* Address families of a peering's sessions: IPv4 and IPv6. */
#define ER_AFI_COUNT 2

DECLARE_MGROUP(EXPRESSROUTE);
/* Strings and arrays of a peering's derived settings (struct er_desired). */
DECLARE_MTYPE(ER_DESIRED);
/* A session's statistics: allocated by health, freed with the session. */
DECLARE_MTYPE(ER_SESSION_STATS);
/* Health's strings kept in a peering (struct er_prefix_diff). */
DECLARE_MTYPE(ER_HEALTH);

PREDECL_RBTREE_UNIQ(er_circuits);
PREDECL_HASH(er_sessions);

struct er_session_stats; /* er_health.c */

/* One session of a peering as last applied: its MSEE's address. */
struct er_session {
	struct er_sessions_item item; /* in er_sessions while present */
	struct er_peering *peering;
	uint8_t af, role; /* its place in peering->sessions */
	bool present;
	union sockunion neighbor;
	struct er_session_stats *stats; /* or NULL, see er_health.c */
};

/*
 * What a peering asks of its neighbors, derived from its model data once
 * per commit by the configuration layer, so that the reconciler, the
 * generated policy, the drift report and the show commands work without
 * reading the data tree.  The route-maps and prefix-lists the module
 * generates are not kept: their names follow from the circuit's name and
 * the peering type.
 */
struct er_desired {
	/* the MSEE's address of each session; IPADDR_NONE: no session */
	struct ipaddr neighbor[ER_AFI_COUNT][ER_ROLE_MAX];
	bool derived; /* from a committed configuration */
	bool bfd, shutdown, limit_in_warning_only;
	bool standby; /* redundancy active-standby */
	bool has_vlan;
	uint8_t bfd_multiplier, warning_threshold;
	uint16_t vlan_id, keepalive, hold;
	uint32_t bfd_interval;
	uint32_t limit_out[ER_AFI_COUNT];
	uint32_t limit_in[ER_AFI_COUNT];
	/* the operator's strings, or NULL */
	char *password, *route_map_in, *route_map_out;
	/* Microsoft peering: the prefixes to advertise (MTYPE_ER_DESIRED) */
	struct prefix *advertise;
	unsigned int advertise_count;
	/* communities: indexes in er_regions[] and er_services[] */
	uint8_t prefer_region[ER_REGION_MAX], prefer_region_count;
	uint8_t expect_service[ER_SERVICE_MAX], expect_service_count;
	bool custom_vnet_communities;
};

/*
 * What the routes received on a peering's sessions carry of Microsoft's
 * communities, from one walk of each family's table: made for a show
 * command, and kept by er_health.c (walked only when the routes changed)
 * for the reasons.
 */
struct er_community_summary {
	bool valid;	     /* a walk was made */
	uint32_t prefixes;   /* received, both families */
	uint32_t untagged;   /* without any regional community */
	uint32_t unknown;    /* with a 12076:x the table does not know */
	uint32_t region[ER_REGION_MAX];	  /* prefixes per region */
	uint32_t service[ER_SERVICE_MAX]; /* prefixes per service */
	char first_untagged[PREFIX2STR_BUFFER]; /* one, named in a reason */
};

/*
 * What differs between the prefixes of a peering's two links in one
 * address family, kept by er_health.c: the sets are compared when both
 * links have been quiet for a tick since they last changed.
 */
struct er_prefix_diff {
	uint64_t seen;	       /* both sessions' counters at the last tick */
	uint64_t compared;     /* ... when the sets were last compared */
	char *sent, *received; /* what differs (MTYPE_ER_HEALTH), or NULL */
	char *overlap;	       /* a received prefix overlapping ours, or NULL */
};

struct er_peering {
	struct er_circuit *circuit;
	enum er_peering_type type;
	struct er_session sessions[ER_AFI_COUNT][ER_ROLE_MAX];
	struct er_desired desired;
	bool dirty;   /* changed in the model, not applied yet */
	bool pending; /* its BGP instance does not exist yet */
	/* health (er_health.c) */
	enum er_verdict verdict; /* at the last update */
	bool evaluated;		 /* there was one */
	bool settled;		 /* out of its start-up: changes are logged */
	int64_t first_ms;	 /* monotonic time of the first update */
	struct er_prefix_diff diff[ER_AFI_COUNT];
	/* communities received, as last walked (er_health.c) */
	struct er_community_summary communities;
	uint64_t communities_seen, communities_walked; /* fingerprints */
};

/* The circuit's free-text properties, in er_circuit.text[]. */
enum er_circuit_text {
	ER_TEXT_DESCRIPTION,
	ER_TEXT_SERVICE_KEY,
	ER_TEXT_PROVIDER,
	ER_TEXT_LOCATION,
	ER_TEXT_DIRECT_PORT,
	ER_TEXT_MAX,
};

/* Names of the circuit's free-text leafs, by enum er_circuit_text. */
extern const char *const er_circuit_text_leafs[ER_TEXT_MAX];

struct er_circuit {
	struct er_circuits_item entry;
	char vrf[ER_VRF_NAMSIZ];
	char name[ER_CIRCUIT_NAMSIZ];
	struct er_peering *peerings[ER_PEERING_MAX];
	/* its properties as committed, for the reports */
	char *text[ER_TEXT_MAX]; /* or NULL */
	uint32_t bandwidth;	 /* Mbps, 0 if not set */
	/*
	 * enum er_sku, er_billing, er_connectivity, er_port_speed,
	 * er_encapsulation; -1: unset
	 */
	int8_t sku, billing, connectivity, port_speed, encapsulation;
	/* local-region: indexes in er_regions[] */
	int local_region[ER_REGION_MAX];
	unsigned int local_region_count;
};

int er_circuit_cmp(const struct er_circuit *a, const struct er_circuit *b);
DECLARE_RBTREE_UNIQ(er_circuits, struct er_circuit, entry, er_circuit_cmp);

/* All circuits of the router, ordered by VRF then name. */
extern struct er_circuits_head er_circuits;

/*
 * Sessions by VRF and neighbor address, so that bgpd's events find their
 * session without a walk over every circuit.
 */
int er_session_cmp(const struct er_session *a, const struct er_session *b);
uint32_t er_session_hash(const struct er_session *session);
DECLARE_HASH(er_sessions, struct er_session, item, er_session_cmp,
	     er_session_hash);
extern struct er_sessions_head er_sessions;

/* Circuits: a new one is registered at once; free takes its peerings. */
struct er_circuit *er_circuit_new(const char *vrf, const char *name);
void er_circuit_free(struct er_circuit *circuit);
/* bgpd shuts down: every circuit goes (bgpd's neighbors go with bgpd). */
void er_circuits_free_all(void);
struct er_circuit *er_circuit_find(const char *vrf, const char *name);
/* Replace a free-text property (value NULL: unset). */
void er_circuit_text_set(struct er_circuit *circuit, enum er_circuit_text text,
			 const char *value);

/*
 * Peerings: new attaches it to its circuit; free detaches it and frees its
 * settings and sessions (the reconciler removes bgpd's neighbors first).
 */
struct er_peering *er_peering_new(struct er_circuit *circuit,
				  enum er_peering_type type);
void er_peering_free(struct er_peering *peering);

/* Free a peering's derived settings, leaving it not derived. */
void er_desired_clear(struct er_desired *desired);

/* The session of a neighbor address in a VRF, if the module has one. */
struct er_session *er_session_find(const char *vrf,
				   const union sockunion *neighbor);
/* Mark a session present at an address, or absent (neighbor NULL). */
void er_session_set(struct er_session *session,
		    const union sockunion *neighbor);
/* Forget a session's statistics (it is gone, moved, or cleared). */
void er_session_stats_free(struct er_session *session);
/* Forget what was found to differ between a peering's links. */
void er_prefix_diff_clear(struct er_prefix_diff *diff);

/*
 * VRF helpers: the model's vrf key of a BGP instance ("default" for the
 * default one), and the BGP instance of a vrf key (NULL if none).
 */
struct bgp;
const char *er_bgp_vrf_name(const struct bgp *bgp);
struct bgp *er_bgp_of_vrf(const char *vrf);

#endif /* _FRR_ER_CIRCUIT_H */
