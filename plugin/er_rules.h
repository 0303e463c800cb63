// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute rules: what Microsoft requires of a customer-edge router.
 *
 * Pure functions, no FRR headers, no global state: link address derivation,
 * subnet, address, ASN, VLAN, key, bandwidth, prefix-limit and timer rules.
 * Every check returns whether the value is acceptable and, when it is not,
 * writes one operator-readable line into the caller's buffer (err, errlen)
 * naming the rule and the value; on success the buffer is set to "".
 * err may be NULL (or errlen 0) when the caller only wants the verdict.
 * Strings may be NULL or garbage; a message never echoes a shared key.
 *
 * Enum values equal the "value" statements of the matching typedefs in
 * yang/frr-expressroute.yang, and the *2str names equal the YANG enum names,
 * so yang_dnode_get_enum() results and strings can be used directly.
 */

#ifndef _FRR_ER_RULES_H
#define _FRR_ER_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h> /* AF_INET, AF_INET6 */

#ifdef __cplusplus
extern "C" {
#endif

/* Microsoft's ASN on every ExpressRoute peering. */
#define ER_MICROSOFT_ASN 12076

/* Buffer sizes: every message of this file fits in ER_MSG_SIZE. */
#define ER_MSG_SIZE 512
/* "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128" and its NUL. */
#define ER_PREFIX_STRLEN 50

/* Prefix lengths of a link subnet, a /29 (/125) block, a Global Reach subnet.
 */
#define ER_LINK_PLEN_V4 30
#define ER_LINK_PLEN_V6 126
#define ER_BLOCK_PLEN_V4 29
#define ER_BLOCK_PLEN_V6 125

#define ER_VLAN_MIN 1
#define ER_VLAN_MAX 4094
#define ER_SHARED_KEY_MAX 25

/* Microsoft's floor for BGP timers and the MSEE's own values (seconds). */
#define ER_KEEPALIVE_MIN 3
#define ER_HOLD_MIN 10
#define ER_KEEPALIVE_DEFAULT 60
#define ER_HOLD_DEFAULT 180

/* Microsoft's CE samples: BFD 300 ms x 3. */
#define ER_BFD_INTERVAL_DEFAULT 300
#define ER_BFD_MULTIPLIER_DEFAULT 3
/* The MSEE's BFD interval: 300 ms, on some circuits 750 (expressroute-bfd) */
#define ER_MSEE_BFD_INTERVAL_MIN 300
#define ER_MSEE_BFD_INTERVAL_SLOW 750

/* Circuit bandwidths (Mbps): provider 50 up to a 400 Gbps Direct circuit. */
#define ER_BANDWIDTH_MIN 50
#define ER_BANDWIDTH_MAX 400000

/* YANG typedef sku. */
enum er_sku {
	ER_SKU_LOCAL = 0,
	ER_SKU_STANDARD = 1,
	ER_SKU_PREMIUM = 2,
	ER_SKU_MAX,
};

/* YANG typedef billing. */
enum er_billing {
	ER_BILLING_METERED = 0,
	ER_BILLING_UNLIMITED = 1,
	ER_BILLING_MAX,
};

/* YANG typedef connectivity. */
enum er_connectivity {
	ER_CONN_COLOCATION = 0,
	ER_CONN_POINT_TO_POINT = 1,
	ER_CONN_ANY_TO_ANY = 2,
	ER_CONN_DIRECT = 3,
	ER_CONN_MAX,
};

/* YANG typedef port-speed; the leaf has no default: NONE means unset. */
enum er_port_speed {
	ER_PORT_SPEED_NONE = -1,
	ER_PORT_SPEED_10G = 0,
	ER_PORT_SPEED_100G = 1,
	ER_PORT_SPEED_400G = 2,
	ER_PORT_SPEED_MAX,
};

/* YANG typedef encapsulation (of a Direct port pair); NONE means unset. */
enum er_encapsulation {
	ER_ENCAP_NONE = -1,
	ER_ENCAP_DOT1Q = 0,
	ER_ENCAP_QINQ = 1,
	ER_ENCAP_MAX,
};

/* YANG typedef peering-type. */
enum er_peering_type {
	ER_PEERING_PRIVATE = 0,
	ER_PEERING_MICROSOFT = 1,
	ER_PEERING_MAX,
};

/* YANG typedef redundancy. */
enum er_redundancy {
	ER_REDUNDANCY_ACTIVE_ACTIVE = 0,
	ER_REDUNDANCY_ACTIVE_STANDBY = 1,
	ER_REDUNDANCY_MAX,
};

/* YANG typedef session-role. */
enum er_role {
	ER_ROLE_PRIMARY = 0,
	ER_ROLE_SECONDARY = 1,
	ER_ROLE_MAX,
};

/* YANG typedef verdict. */
enum er_verdict {
	ER_VERDICT_OK = 0,
	ER_VERDICT_DEGRADED = 1,
	ER_VERDICT_DOWN = 2,
	ER_VERDICT_INCOMPLETE = 3,
	ER_VERDICT_MAX,
};

/* YANG typedef bfd-status. */
enum er_bfd_status {
	ER_BFD_UP = 0,
	ER_BFD_DOWN = 1,
	ER_BFD_ADMIN_DOWN = 2,
	ER_BFD_DISABLED = 3,
	ER_BFD_UNKNOWN = 4,
	ER_BFD_STATUS_MAX,
};

/* Customer ASN classes (see er_asn_classify for the ranges). */
enum er_asn_class {
	ER_ASN_PUBLIC = 0,
	ER_ASN_PRIVATE,
	/* not public, not private: documentation, AS_TRANS, IANA reserved */
	ER_ASN_RESERVED,
	/* public, but Microsoft's own: 8074, 8075, 12076 */
	ER_ASN_MICROSOFT,
	/* cannot be used at all: 0, 4294967295, Azure's 65515-65520 */
	ER_ASN_REFUSED,
	ER_ASN_CLASS_MAX,
};

/* Outcome of a check that can also warn. */
enum er_result {
	ER_OK = 0,
	ER_WARN,
	ER_ERROR,
};

/* An IPv4 or IPv6 prefix; addr in network byte order, unused bytes zero. */
struct er_prefix {
	int family; /* AF_INET or AF_INET6 */
	uint8_t addr[16];
	uint8_t len;
};

/* Enum names (YANG enum names); out-of-range values give "invalid". */
const char *er_sku2str(enum er_sku sku);
const char *er_billing2str(enum er_billing billing);
const char *er_connectivity2str(enum er_connectivity conn);
const char *er_port_speed2str(enum er_port_speed speed); /* NONE: "none" */
const char *er_encapsulation2str(enum er_encapsulation encap); /* "none" */
const char *er_peering_type2str(enum er_peering_type type);
const char *er_redundancy2str(enum er_redundancy redundancy);
const char *er_role2str(enum er_role role);
const char *er_verdict2str(enum er_verdict verdict);
const char *er_bfd_status2str(enum er_bfd_status status);
const char *er_asn_class2str(enum er_asn_class cls);
const char *er_family2str(int family); /* AF_INET "ipv4", AF_INET6 "ipv6" */

/* Name to enum (exact, case-sensitive YANG names); false if unknown. */
bool er_str2sku(const char *str, enum er_sku *sku);
bool er_str2billing(const char *str, enum er_billing *billing);
bool er_str2connectivity(const char *str, enum er_connectivity *conn);
bool er_str2port_speed(const char *str, enum er_port_speed *speed);
bool er_str2encapsulation(const char *str, enum er_encapsulation *encap);
bool er_str2peering_type(const char *str, enum er_peering_type *type);
bool er_str2redundancy(const char *str, enum er_redundancy *redundancy);
bool er_str2role(const char *str, enum er_role *role);
bool er_str2verdict(const char *str, enum er_verdict *verdict);
bool er_str2bfd_status(const char *str, enum er_bfd_status *status);
bool er_str2family(const char *str, int *family);

/* Parse "A.B.C.D/M" or "X:X::X:X/M" strictly (host bits kept); false if not. */
bool er_prefix_parse(const char *str, struct er_prefix *p);
/* Format p as "addr/len" into buf (ER_PREFIX_STRLEN); returns buf. */
const char *er_prefix2str(const struct er_prefix *p, char *buf, size_t size);
/* Format only p's address into buf (ER_PREFIX_STRLEN); returns buf. */
const char *er_addr2str(const struct er_prefix *p, char *buf, size_t size);
/* True if p has a known family and a length within it. */
bool er_prefix_valid(const struct er_prefix *p);
/* True if p's host bits are all zero. */
bool er_prefix_is_aligned(const struct er_prefix *p);
/* Copy p to out with its host bits cleared; false if p is invalid. */
bool er_prefix_network(const struct er_prefix *p, struct er_prefix *out);
/* True if a and b have the same family, length and address. */
bool er_prefix_equal(const struct er_prefix *a, const struct er_prefix *b);
/* True if every address of inner is inside outer. */
bool er_prefix_contains(const struct er_prefix *outer,
			const struct er_prefix *inner);
/* True if a and b share at least one address (same family only). */
bool er_prefix_overlaps(const struct er_prefix *a, const struct er_prefix *b);
/* Fail if a and b overlap; a_what/b_what name them in the message. */
bool er_check_no_overlap(const struct er_prefix *a, const char *a_what,
			 const struct er_prefix *b, const char *b_what,
			 char *err, size_t errlen);

/*
 * The prefixes of every circuit of the router, and which of them may share
 * addresses.  A link subnet (or the /29 /125 block it comes from) and a
 * Global Reach subnet must not overlap anything but advertised prefixes,
 * and a Global Reach subnet not even those ("not used anywhere else");
 * advertised prefixes may overlap each other and the link subnets (a
 * Microsoft peering's public /30s may lie inside a prefix it advertises).
 */
enum er_prefix_use {
	ER_USE_LINK = 0,
	ER_USE_GLOBAL_REACH,
	ER_USE_ADVERTISED,
	ER_USE_MAX,
};

struct er_prefix_item {
	struct er_prefix prefix;
	enum er_prefix_use use;
	/*
	 * Items conflict only within one scope, e.g. a routing table (VRF):
	 * the same subnet in two VRFs is two different links.
	 */
	size_t scope;
	size_t tag; /* the caller's, e.g. an index into its own table */
};

/* True if a prefix of use a and one of use b must not overlap. */
bool er_prefix_uses_conflict(enum er_prefix_use a, enum er_prefix_use b);
/*
 * Sort items (by scope, family, address, then length) and find two of one
 * scope that overlap although their uses forbid it; true if found, with *first and *second
 * their indices in the sorted array, *first the one sorted earlier (the
 * one that contains the other).  n log n plus n times the nesting depth.
 */
bool er_find_prefix_conflict(struct er_prefix_item *items, size_t count,
			     size_t *first, size_t *second);

/*
 * Link subnets. libyang stores inet:ip-prefix values in canonical form
 * (host bits cleared), so a misaligned subnet is only visible on raw input
 * such as a CLI argument: check it there too.
 */
/* A link subnet is exactly /30 (IPv4) or /126 (IPv6) with host bits zero. */
bool er_check_link_subnet(const struct er_prefix *p, char *err, size_t errlen);
/* Both link subnets valid, same family, distinct and not overlapping. */
bool er_check_link_pair(const struct er_prefix *primary,
			const struct er_prefix *secondary, char *err,
			size_t errlen);
/* CE = network+1, MSEE = network+2 of a link subnet, both with its length. */
bool er_link_addresses(const struct er_prefix *subnet, struct er_prefix *ce,
		       struct er_prefix *msee, char *err, size_t errlen);
/* Split an aligned /29 (/125) into the primary and secondary /30s (/126s). */
bool er_split_subnet(const struct er_prefix *block, struct er_prefix *primary,
		     struct er_prefix *secondary, char *err, size_t errlen);

/* Microsoft peering: p is public unicast space (no RFC 1918, ULA, ...). */
bool er_check_public_prefix(const struct er_prefix *p, char *err,
			    size_t errlen);
/* Advertised prefix: aligned; on Microsoft peering public, no default. */
bool er_check_advertised_prefix(enum er_peering_type type,
				const struct er_prefix *p, char *err,
				size_t errlen);

/* Classify an ASN (REFUSED > MICROSOFT > RESERVED > PRIVATE > PUBLIC). */
enum er_asn_class er_asn_classify(uint32_t asn);
/*
 * Local ASN on a peering: ER_ERROR if unusable, ER_WARN if dubious.
 * Microsoft peering needs a public ASN registered to the customer: a
 * reserved (never public) ASN is an error there, a private one a warning
 * (Microsoft validates it by hand); on private peering both only warn.
 */
enum er_result er_check_asn(uint32_t asn, enum er_peering_type type, char *msg,
			    size_t msglen);

/* VLAN ID is 1..4094 (802.1Q). */
bool er_check_vlan(uint32_t vlan, char *err, size_t errlen);
/* Two peerings of one circuit do not share a VLAN ID. */
bool er_check_vlan_unique(uint32_t vlan, enum er_peering_type type,
			  uint32_t other_vlan, enum er_peering_type other_type,
			  char *err, size_t errlen);

/* MD5 shared key: 1..25 ASCII letters and digits (never echoed). */
bool er_check_shared_key(const char *key, char *err, size_t errlen);
/* Service key: a GUID, 8-4-4-4-12 hex digits. */
bool er_check_service_key(const char *key, char *err, size_t errlen);

/* port-speed is set only when connectivity is direct. */
bool er_check_port_speed(enum er_connectivity conn, enum er_port_speed speed,
			 char *err, size_t errlen);
/*
 * A property of the ExpressRoute Direct port pair (leaf "direct-port",
 * "encapsulation", ...) with its value is set only on a Direct circuit.
 */
bool er_check_direct_only(enum er_connectivity conn, const char *leaf,
			  const char *value, char *err, size_t errlen);
/*
 * Two circuits on the same Direct port pair agree on what belongs to the
 * port: its speed and its encapsulation (NONE: not configured, agrees).
 * circuit and other name the two circuits in the message.
 */
bool er_check_port_consistent(const char *port, const char *circuit,
			      enum er_port_speed speed,
			      enum er_encapsulation encap, const char *other,
			      enum er_port_speed other_speed,
			      enum er_encapsulation other_encap, char *err,
			      size_t errlen);

/*
 * With Dot1Q, a VLAN ID (C-tag) is unique across all circuits and peerings
 * of a Direct port pair.  One item per peering with a VLAN ID on a port.
 */
struct er_port_vlan {
	const char *port; /* the direct-port name, not NULL */
	uint16_t vlan;
	size_t tag; /* the caller's */
};
/*
 * Sort items by port then VLAN and find two with the same port and VLAN;
 * true if found, *first and *second their indices in the sorted array.
 */
bool er_find_port_vlan_clash(struct er_port_vlan *items, size_t count,
			     size_t *first, size_t *second);
/* The message for such a clash; who and other_who name the two peerings. */
bool er_check_port_vlan_unique(const char *port, uint32_t vlan, const char *who,
			       uint32_t other_vlan, const char *other_who,
			       char *err, size_t errlen);
/* Bandwidths (Mbps) offered for conn/speed; *list set, count returned. */
size_t er_bandwidths(enum er_connectivity conn, enum er_port_speed speed,
		     const uint32_t **list);
/* Port speed consistent and mbps offered for the connectivity model. */
bool er_check_bandwidth(enum er_connectivity conn, enum er_port_speed speed,
			uint32_t mbps, char *err, size_t errlen);

/* Microsoft's outbound prefix limit per session; 0 for invalid arguments. */
uint32_t er_prefix_limit_out(enum er_sku sku, enum er_peering_type type,
			     int family);
/*
 * What Microsoft sends from one source, per session: on private peering
 * the VNet prefixes of one virtual network connection (1000 IPv4, 100
 * IPv6), on Microsoft peering an allowance for what a route filter lets
 * through (2000, 500).  0 for invalid arguments.  The default inbound
 * limit of a circuit is er_prefix_limit_in().
 */
uint32_t er_prefix_limit_in_default(enum er_peering_type type, int family);
/*
 * Virtual network connections a circuit allows (Global Reach connections
 * count against them): 10 on Local and Standard, 20 to 100 on Premium by
 * bandwidth (Mbps; 0 when not configured: the largest).  0 if invalid.
 */
uint32_t er_vnet_connections_max(enum er_sku sku, uint32_t bandwidth);
/*
 * Default inbound maximum-prefix per session of a circuit, from what
 * Microsoft may send: on private peering 1000 IPv4 / 100 IPv6 prefixes per
 * virtual network connection the circuit allows, and for each of its
 * global_reach connections, in place of one of them, what the other
 * circuit's CE may advertise (10000 IPv4, a Premium circuit's limit; 100
 * IPv6).  Microsoft peering as er_prefix_limit_in_default().  0 if invalid.
 */
uint32_t er_prefix_limit_in(enum er_peering_type type, int family,
			    enum er_sku sku, uint32_t bandwidth,
			    uint32_t global_reach);
/* Configured outbound limit is 1..Microsoft's limit for sku/type/family. */
bool er_check_prefix_limit_out(enum er_sku sku, enum er_peering_type type,
			       int family, uint32_t limit, char *err,
			       size_t errlen);

/* keepalive >= 3 s, hold >= 10 s, hold > keepalive. */
bool er_check_timers(uint32_t keepalive, uint32_t hold, char *err,
		     size_t errlen);

/* BFD interval (ms): ER_WARN below the MSEE's 300 ms: it has no effect. */
enum er_result er_check_bfd_interval(uint32_t interval, char *msg,
				     size_t msglen);

/* Global Reach: peer is another circuit, subnet an aligned /29 (/125). */
bool er_check_global_reach(const char *circuit, const char *peer_circuit,
			   const struct er_prefix *subnet, char *err,
			   size_t errlen);
/*
 * Global Reach is not available on a Local circuit: circuit (of SKU sku)
 * and peer_circuit are the two ends of a connection.
 */
bool er_check_global_reach_sku(enum er_sku sku, const char *circuit,
			       const char *peer_circuit, char *err,
			       size_t errlen);
/*
 * The two circuits of a Global Reach connection are at different peering
 * locations (compared without case); a location not known (NULL) passes.
 */
bool er_check_global_reach_locations(const char *location,
				     const char *peer_circuit,
				     const char *peer_location, char *err,
				     size_t errlen);

#ifdef __cplusplus
}
#endif

#endif /* _FRR_ER_RULES_H */
