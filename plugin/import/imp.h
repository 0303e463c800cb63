// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute-import: Azure's description of an ExpressRoute circuit
 * turned into the module's configuration, and the CE checked against it.
 *
 * No FRR headers: the tool links json-c and plugin/er_rules.c only, so that
 * the unit tests and the fuzz target can link any of its files.
 *
 * Data flows one way:
 *   imp_json.c     a document: read, parsed strictly, walked with paths
 *   imp_azure.c    Azure documents -> struct imp_circuit (+ tables)
 *   imp_yang.c     the model's YANG JSON <-> struct imp_circuit
 *   imp_validate.c the module's rules on a struct imp_circuit
 *   imp_emit.c     struct imp_circuit -> vtysh lines
 *   imp_router.c   the router's state: vtysh, or a saved snapshot
 *   imp_check.c    Azure's circuit against the router's: differences
 *   imp_main.c     the command line
 * Every problem with an input is one diagnostic naming the file and the
 * field (its JSON path); nothing is printed as configuration when any
 * diagnostic is an error.
 */

#ifndef _FRR_ER_IMP_H
#define _FRR_ER_IMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "er_rules.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define IMP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define IMP_PRINTF(a, b)
#endif

/* A JSON path such as "value[1].properties.vlanId", or a bit more. */
#define IMP_PATH_MAX 192
/* Longest string the model takes (peer-circuit: 255) and its NUL. */
#define IMP_TEXT_MAX 256
/* The model's circuit name (typedef name-string) and its NUL. */
#define IMP_NAME_MAX 64
/* Inputs larger than this are refused (a route table of 10000 routes is
 * about 1.5 MB; the router's advertised routes can be larger). */
#define IMP_FILE_MAX (256u * 1024 * 1024)

#define IMP_AF_IPV4 0
#define IMP_AF_IPV6 1
#define IMP_AF_MAX 2

/* Exit status: agree / differ (check) and bad input or trouble. */
#define IMP_EXIT_OK 0
#define IMP_EXIT_DIFFER 1
#define IMP_EXIT_ERROR 2

/*
 * Diagnostics
 */
enum imp_severity {
	IMP_ERROR = 0,
	IMP_WARNING,
};

struct imp_diag {
	enum imp_severity severity;
	char *text; /* "FILE: PATH: message", or "FILE: message" */
};

struct imp_diags {
	struct imp_diag *items;
	size_t count, alloc;
	size_t errors, warnings;
};

/* Where a value was read: a file (display name) and a JSON path in it. */
struct imp_where {
	const char *file;
	char path[IMP_PATH_MAX];
};

void imp_diag(struct imp_diags *d, enum imp_severity severity,
	      const struct imp_where *where, const char *fmt, ...)
	IMP_PRINTF(4, 5);
void imp_diags_free(struct imp_diags *d);
/* True if some diagnostic contains text (tests). */
bool imp_diags_contain(const struct imp_diags *d, enum imp_severity severity,
		       const char *text);

/* where of a child: parent's path + ".key" (or "key" at the top). */
void imp_where_key(struct imp_where *child, const struct imp_where *parent,
		   const char *key);
/* where of an array element: parent's path + "[index]". */
void imp_where_index(struct imp_where *child, const struct imp_where *parent,
		     size_t index);

/* Control characters of text replaced by '?': one printable line. */
void imp_one_line(char *text);

/* snprintf that may truncate on purpose (paths, field names). */
void imp_strf(char *buf, size_t size, const char *fmt, ...) IMP_PRINTF(3, 4);

/* Growing text (output). */
struct imp_buf {
	char *text;
	size_t len, alloc;
	bool failed; /* out of memory: text is NULL */
};

void imp_buf_printf(struct imp_buf *b, const char *fmt, ...) IMP_PRINTF(2, 3);
/* The text (caller frees); NULL if out of memory. */
char *imp_buf_take(struct imp_buf *b);

/*
 * JSON documents (imp_json.c)
 */

/* A file's bytes ("-" is standard input), NUL-terminated; NULL on error. */
char *imp_read_file(const char *file, size_t *len, struct imp_diags *d);
/*
 * Parse text strictly (RFC 8259: no comments, no trailing commas, one
 * value, nothing after it); NULL with an error naming the line and column.
 */
json_object *imp_json_parse(const char *text, size_t len, const char *file,
			    struct imp_diags *d);
/* Member key of obj: exact name first, then the same name in any case
 * (az prints "peerAsn" where ARM has "peerASN"); NULL if absent or null. */
json_object *imp_json_member(json_object *obj, const char *key);
const char *imp_json_type_name(json_object *obj);

/*
 * Typed members.  Each returns true when the member is there and of the
 * right type and range, false when it is absent (null counts as absent);
 * a member of the wrong type or out of range is an error in d, naming
 * its path, and also returns false.
 */
struct imp_doc {
	const char *file;
	struct imp_diags *diags;
};

bool imp_get_object(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    json_object **out, struct imp_where *out_where);
bool imp_get_array(struct imp_doc *doc, json_object *obj,
		   const struct imp_where *where, const char *key,
		   json_object **out, struct imp_where *out_where);
bool imp_get_string(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    const char **out, struct imp_where *out_where);
bool imp_get_uint(struct imp_doc *doc, json_object *obj,
		  const struct imp_where *where, const char *key, uint64_t min,
		  uint64_t max, uint64_t *out, struct imp_where *out_where);
bool imp_get_number(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    double *out, struct imp_where *out_where);
bool imp_get_bool(struct imp_doc *doc, json_object *obj,
		  const struct imp_where *where, const char *key, bool *out,
		  struct imp_where *out_where);
/* A string member that is an IPv4 or IPv6 prefix (A.B.C.D/M). */
bool imp_get_prefix(struct imp_doc *doc, json_object *obj,
		    const struct imp_where *where, const char *key,
		    struct er_prefix *p, struct imp_where *out_where);

/*
 * A circuit, as Azure describes it or as the router has it.  The fields
 * are the model's (yang/frr-expressroute.yang); Azure-only facts (peer
 * ASN, states) have their own.
 */
enum imp_text {
	IMP_SERVICE_KEY = 0,
	IMP_PROVIDER,
	IMP_LOCATION,
	IMP_DIRECT_PORT,
	IMP_DESCRIPTION,
	IMP_TEXT_COUNT,
};

/* The model's leaf names of enum imp_text. */
extern const char *const imp_text_leaf[IMP_TEXT_COUNT];

/* The link subnets of one address family of a peering. */
struct imp_family {
	bool has_block; /* the router's form: one /29 (/125) */
	struct er_prefix block;
	bool has[ER_ROLE_MAX];
	struct er_prefix subnet[ER_ROLE_MAX];
	struct imp_where where[ER_ROLE_MAX];
	bool disabled; /* Azure: ipv6PeeringConfig.state Disabled */
};

struct imp_prefix_list {
	struct er_prefix *items;
	struct imp_where *where;
	size_t count, alloc;
};

/* A BGP session of the router (from its operational state). */
struct imp_session {
	char neighbor[ER_PREFIX_STRLEN];
	int family; /* IMP_AF_* */
	enum er_role role;
	char state[32];
};

struct imp_peering {
	bool present;
	struct imp_where where;
	char azure_name[40]; /* "AzurePrivatePeering" ... (Azure side) */

	bool has_vlan;
	uint32_t vlan;
	struct imp_where vlan_where;

	struct imp_family af[IMP_AF_MAX];

	char *shared_key; /* never printed in a message */
	struct imp_where key_where;

	bool shutdown; /* router: shutdown; Azure: state Disabled */
	struct imp_where state_where;

	bool has_peer_asn; /* Azure: peerASN */
	uint32_t peer_asn;
	struct imp_where asn_where;

	char *route_map[2]; /* in, out: from options or the router */
	struct imp_prefix_list advertise;

	/* router only: its sessions and verdict */
	struct imp_session *sessions;
	size_t nsessions;
	char verdict[16];
};

struct imp_global_reach {
	char peer[IMP_TEXT_MAX];
	bool has[IMP_AF_MAX];
	struct er_prefix subnet[IMP_AF_MAX];
	struct imp_where where[IMP_AF_MAX];
};

struct imp_circuit {
	char name[IMP_TEXT_MAX];
	struct imp_where name_where;

	char *text[IMP_TEXT_COUNT];
	struct imp_where text_where[IMP_TEXT_COUNT];

	bool has_bandwidth;
	uint32_t bandwidth; /* Mbps */
	struct imp_where bandwidth_where;

	/* -1: not given (Azure) / the model's default (router) */
	int sku, billing, connectivity, port_speed, encapsulation;
	struct imp_where sku_where, billing_where, port_where;
	bool sku_basic; /* Azure's Basic tier: not modelled */

	struct imp_peering peering[ER_PEERING_MAX];

	struct imp_global_reach *gr;
	size_t ngr;
};

void imp_circuit_init(struct imp_circuit *c);
void imp_circuit_free(struct imp_circuit *c);
void imp_set_text(struct imp_circuit *c, enum imp_text which,
		  const char *value, const struct imp_where *where);
bool imp_prefix_list_add(struct imp_prefix_list *l, const struct er_prefix *p,
			 const struct imp_where *where);
bool imp_prefix_list_contains(const struct imp_prefix_list *l,
			      const struct er_prefix *p);
/* IPv4 before IPv6, then by address and length (wheres follow). */
void imp_prefix_list_sort(struct imp_prefix_list *l);
/* The Global Reach connection to peer, added if new. */
struct imp_global_reach *imp_global_reach_get(struct imp_circuit *c,
					      const char *peer);
/* Primary and secondary subnets of a family, a block split (router). */
bool imp_family_subnet(const struct imp_family *f, enum er_role role,
		       struct er_prefix *out);
bool imp_family_configured(const struct imp_family *f);
/* "private" / "microsoft" as Azure names them. */
const char *imp_azure_peering_name(enum er_peering_type type);

/*
 * Azure documents (imp_azure.c)
 */
enum imp_doc_kind {
	IMP_DOC_UNKNOWN = 0,
	IMP_DOC_CIRCUIT,
	IMP_DOC_PEERING,
	IMP_DOC_PEERING_LIST,
	IMP_DOC_PORT,
	IMP_DOC_ROUTE_TABLE,
	IMP_DOC_ARP_TABLE,
	IMP_DOC_ROUTE_SUMMARY,
	IMP_DOC_CIRCUIT_LIST,
	IMP_DOC_ERROR,
};

/* What a document is, by its shape (ARM or az's flattened output). */
enum imp_doc_kind imp_azure_kind(json_object *doc);
const char *imp_doc_kind_name(enum imp_doc_kind kind);

struct imp_peered;

/* Azure's circuit built from one or more documents. */
struct imp_azure {
	struct imp_circuit circuit;
	bool have_circuit;  /* a circuit document was read */
	bool have_peerings; /* a peering (list) document was read */
	bool have_port;
	char id_circuit[IMP_TEXT_MAX]; /* the circuit named by resource ids */
	struct imp_where id_where;
	/* Direct: the port's speed and encapsulation, from a port document */
	int port_speed, encapsulation;
	char port_name[IMP_TEXT_MAX];
	/* Global Reach seen from the other circuit, resolved at the end */
	struct imp_peered *peered;
	size_t npeered;
};

void imp_azure_init(struct imp_azure *az);
void imp_azure_free(struct imp_azure *az);
/*
 * Add one parsed document (circuit, peering, peering list or port) to az;
 * false (with errors in d) if it is none of them or malformed.
 */
bool imp_azure_add(struct imp_azure *az, json_object *doc, const char *file,
		   struct imp_diags *d);
/* Once every document is in: settle the name, the port, the checks. */
bool imp_azure_finish(struct imp_azure *az, struct imp_diags *d);

/* A route table or ARP table of one link, as Azure lists it. */
struct imp_route {
	struct er_prefix network;
	bool has_next_hop;
	struct er_prefix next_hop; /* host prefix */
	char path[128];
	struct imp_where where;
};

struct imp_arp {
	char interface[32];
	bool has_ip;
	struct er_prefix ip;
	char mac[32];
	struct imp_where where;
};

enum imp_table_kind {
	IMP_TABLE_ROUTES = 0,
	IMP_TABLE_ARP,
};

struct imp_table {
	enum imp_table_kind kind;
	enum er_peering_type peering;
	enum er_role link;
	const char *file;
	struct imp_route *routes;
	struct imp_arp *arps;
	size_t count;
};

/* "private:primary" (also "AzurePrivatePeering:primary") into its parts. */
bool imp_parse_link(const char *spec, enum er_peering_type *peering,
		    enum er_role *link);
bool imp_table_load(struct imp_table *t, json_object *doc, const char *file,
		    struct imp_diags *d);
void imp_table_free(struct imp_table *t);

/*
 * The module's rules on a circuit (imp_validate.c): errors for what the
 * module refuses, warnings for what it accepts with a warning.  asn: the
 * CE's ASN, 0 if not known.
 */
bool imp_validate(const struct imp_circuit *c, uint32_t asn,
		  struct imp_diags *d);
/*
 * The same with each peering's VRF (vrf[type]; NULL: all in one): the
 * peerings' subnets may then overlap across the two VRFs.
 */
bool imp_validate_vrfs(const struct imp_circuit *c, uint32_t asn,
		       const char *const vrf[ER_PEERING_MAX],
		       struct imp_diags *d);
/* The model's name-string: 1-63 of A-Z a-z 0-9 . _ - */
bool imp_valid_name(const char *name);
/* One CLI word: printable, without space. */
bool imp_valid_word(const char *word);

/*
 * Output (imp_emit.c, imp_yang.c)
 */
struct imp_options {
	uint32_t asn; /* 0: not given */
	const char *vrf;
	/* each peering's BGP instance (--private-vrf...); NULL: vrf */
	const char *peering_vrf[ER_PEERING_MAX];
	bool replace; /* `no expressroute circuit NAME` first */
	struct imp_prefix_list networks; /* --network: originated */
	const char *header; /* a comment line for the top, or NULL */
};

/* The vtysh lines of c (for vtysh -f); malloc'd text. */
char *imp_emit_vtysh(const struct imp_circuit *c,
		     const struct imp_options *opt, const struct imp_diags *d);
/* The VRF of a peering's BGP instance. */
const char *imp_peering_vrf(const struct imp_options *opt,
			    enum er_peering_type type);
/*
 * The BGP instances the circuit goes in, one per VRF that has one of its
 * peerings (the private peering's first); returns how many.
 */
size_t imp_instance_vrfs(const struct imp_circuit *c,
			 const struct imp_options *opt,
			 const char *vrfs[ER_PEERING_MAX]);
/* The model's YANG JSON of c (RFC 7951). */
json_object *imp_yang_build(const struct imp_circuit *c, const char *vrf);
/* The same with each peering in its VRF: one instance entry per VRF. */
json_object *imp_yang_build_vrfs(const struct imp_circuit *c,
				 const struct imp_options *opt);
/* Text of a JSON value as the tool prints it (pretty, "/" unescaped). */
const char *imp_json_text(json_object *obj);
/*
 * Read circuit name of instance vrf from the model's YANG JSON (config or
 * operational data with config): false if the document is not the model's;
 * *found false when it has no such circuit.
 */
bool imp_yang_read(json_object *doc, const char *file, const char *vrf,
		   const char *name, struct imp_circuit *c, bool *found,
		   struct imp_diags *d);

/*
 * The router's state (imp_router.c): from vtysh, or from a snapshot that
 * a previous run saved (--save-router, --router).
 */
struct imp_router {
	json_object *state; /* the snapshot: everything below */
	const char *source; /* "vtysh" or the snapshot's file */
};

/* Advertised routes asked for: the MSEE of a link. */
struct imp_advert_query {
	const char *vrf;
	int family;
	char neighbor[ER_PREFIX_STRLEN];
};

/* Run vtysh (path; NULL: "vtysh") and collect the circuits and ASNs. */
bool imp_router_collect(struct imp_router *r, const char *vtysh,
			struct imp_diags *d);
/* Then the routes advertised to some MSEEs. */
bool imp_router_collect_advertised(struct imp_router *r, const char *vtysh,
				   const struct imp_advert_query *queries,
				   size_t nqueries, struct imp_diags *d);
bool imp_router_load(struct imp_router *r, const char *file,
		     struct imp_diags *d);
/* The same from text in memory; file names it in the messages. */
bool imp_router_load_text(struct imp_router *r, const char *text, size_t len,
			  const char *file, struct imp_diags *d);
void imp_router_free(struct imp_router *r);
/* The BGP instance's ASN of vrf, 0 if not known. */
uint32_t imp_router_asn(const struct imp_router *r, const char *vrf);
/* The prefixes advertised to neighbor (in vrf); false if not collected. */
bool imp_router_advertised(const struct imp_router *r, const char *vrf,
			   const char *neighbor, struct imp_prefix_list *out,
			   size_t *dropped, struct imp_diags *d);
/* The circuit from the router's YANG state. */
bool imp_router_circuit(const struct imp_router *r, const char *vrf,
			const char *name, struct imp_circuit *c, bool *found,
			struct imp_diags *d);

/*
 * Check (imp_check.c)
 */
struct imp_difference {
	char field[IMP_PATH_MAX]; /* "peering[private]/vlan-id" */
	char *azure;		  /* NULL: none */
	char *router;		  /* NULL: none */
	char *message;
	char source[IMP_PATH_MAX * 2]; /* where Azure has it, or "" */
};

struct imp_check {
	const char *name, *vrf;
	const char *scope; /* starts each field ("vrf[NAME]/"), or NULL */
	uint32_t router_asn;
	bool router_has_circuit;
	struct imp_difference *items;
	size_t count, alloc;
	unsigned int compared_tables;
};

void imp_check_init(struct imp_check *chk, const char *name, const char *vrf);
void imp_check_free(struct imp_check *chk);
/* Compare Azure's circuit with the router's (found false: it has none). */
void imp_check_circuit(struct imp_check *chk, const struct imp_circuit *azure,
		       const struct imp_circuit *router, bool found,
		       uint32_t router_asn);
/* A route table of a link: what Azure learned against what the CE
 * advertises to that MSEE (advertised: NULL if the CE has no such link). */
void imp_check_routes(struct imp_check *chk, const struct imp_table *t,
		      const struct imp_circuit *router,
		      const struct imp_prefix_list *advertised);
/* An ARP table of a link: does Azure see the CE address the module
 * derives from the router's subnet? */
void imp_check_arp(struct imp_check *chk, const struct imp_table *t,
		   const struct imp_circuit *router);
/* The MSEE address of a link of the router's circuit, if configured. */
bool imp_link_address(const struct imp_circuit *c, enum er_peering_type type,
		      int family, enum er_role role, bool msee,
		      struct er_prefix *out);
char *imp_check_text(const struct imp_check *chk);
json_object *imp_check_json(const struct imp_check *chk,
			    const struct imp_diags *d);

#ifdef __cplusplus
}
#endif

#endif /* _FRR_ER_IMP_H */
