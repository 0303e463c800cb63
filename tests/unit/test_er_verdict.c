// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of plugin/er_verdict.c (Check framework).
 *
 * Build and run alone:
 *   gcc -std=gnu11 -Wall -Wextra -Werror -Iplugin \
 *       tests/unit/test_er_verdict.c plugin/er_verdict.c plugin/er_rules.c \
 *       $(pkg-config --cflags --libs check) -o t && ./t
 */

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_verdict.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define V4 0
#define V6 1
#define PRI ER_ROLE_PRIMARY
#define SEC ER_ROLE_SECONDARY

/* Session [afi][role] of view v. */
#define S(v, afi, role) (&(v)->sessions[(afi)][(role)])

#define NSESSIONS (ER_VERDICT_AFI_COUNT * ER_ROLE_MAX)

/* Session i (0..NSESSIONS-1) of view v: ipv4 primary, ipv4 secondary, ... */
static struct er_session_view *nth(struct er_peering_view *v, int i)
{
	return S(v, i / ER_ROLE_MAX, i % ER_ROLE_MAX);
}

static const char *const neighbors[ER_VERDICT_AFI_COUNT][ER_ROLE_MAX] = {
	{"192.168.100.130", "192.168.100.134"},
	{"2001:db8:100::2", "2001:db8:100::6"},
};

/* Outbound limits of a Standard private peering. */
static const uint32_t limits[ER_VERDICT_AFI_COUNT] = {4000, 100};

/* A peering with nothing wrong: four sessions up, BFD up, same prefixes. */
static void healthy(struct er_peering_view *v, enum er_peering_type type)
{
	int afi, role;

	memset(v, 0, sizeof(*v));
	v->type = type;
	for (afi = 0; afi < ER_VERDICT_AFI_COUNT; afi++)
		for (role = 0; role < ER_ROLE_MAX; role++) {
			struct er_session_view *s = S(v, afi, role);

			s->configured = true;
			s->neighbor = neighbors[afi][role];
			s->state = "Established";
			s->established = true;
			s->bfd_enabled = true;
			s->bfd = ER_BFD_UP;
			s->prefixes_sent = 10;
			s->prefixes_received = 20;
			s->limit_out = limits[afi];
			s->warning_pct = 80;
			s->drift = NULL;
			s->ifindex = 10 + role; /* one link per role */
		}
}

static void down(struct er_session_view *s, const char *state)
{
	s->established = false;
	s->state = state;
	s->prefixes_sent = 0;
	s->prefixes_received = 0;
}

/* Forget session s, leaving garbage that must be ignored. */
static void unconfigure(struct er_session_view *s)
{
	memset(s, 0xA5, sizeof(*s));
	s->configured = false;
	s->neighbor = NULL;
	s->state = NULL;
	s->drift = "garbage";
}

/*
 * The table: a setup applied to a healthy peering and the exact verdict
 * and reasons expected.
 */

static void set_nothing(struct er_peering_view *v)
{
	(void)v;
}

static void set_instance_missing(struct er_peering_view *v)
{
	int i;

	v->instance_missing = true;
	v->shutdown = true;
	for (i = 0; i < NSESSIONS; i++)
		down(nth(v, i), "Idle");
	S(v, V4, SEC)->configured = false;
}

static void set_shutdown(struct er_peering_view *v)
{
	int i;

	v->shutdown = true;
	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		down(s, "Idle");
		s->admin_down = true;
		s->bfd = ER_BFD_UNKNOWN;
		s->drift = "shutdown";
	}
}

static void set_no_subnets(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++)
		unconfigure(nth(v, i));
}

static void set_ipv4_only(struct er_peering_view *v)
{
	unconfigure(S(v, V6, PRI));
	unconfigure(S(v, V6, SEC));
}

static void set_v4_secondary_missing(struct er_peering_view *v)
{
	set_ipv4_only(v);
	unconfigure(S(v, V4, SEC));
}

static void set_v6_primary_missing(struct er_peering_view *v)
{
	unconfigure(S(v, V6, PRI));
}

static void set_v4_secondary_active(struct er_peering_view *v)
{
	down(S(v, V4, SEC), "Active");
}

static void set_v4_primary_admin_down(struct er_peering_view *v)
{
	down(S(v, V4, PRI), "Idle");
	S(v, V4, PRI)->admin_down = true;
}

static void set_all_down(struct er_peering_view *v)
{
	down(S(v, V4, PRI), "Active");
	down(S(v, V4, SEC), "Idle");
	down(S(v, V6, PRI), "Connect");
	down(S(v, V6, SEC), "OpenSent");
}

static void set_all_down_v6_secondary_missing(struct er_peering_view *v)
{
	set_all_down(v);
	unconfigure(S(v, V6, SEC));
}

static void set_only_session_down(struct er_peering_view *v)
{
	set_v4_secondary_missing(v);
	down(S(v, V4, PRI), "Idle");
}

static void set_all_down_bfd_unknown(struct er_peering_view *v)
{
	int i;

	set_all_down(v);
	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->bfd = ER_BFD_UNKNOWN;
}

static void set_all_admin_down(struct er_peering_view *v)
{
	set_ipv4_only(v);
	down(S(v, V4, PRI), "Idle");
	down(S(v, V4, SEC), "Idle");
	S(v, V4, PRI)->admin_down = true;
	S(v, V4, SEC)->admin_down = true;
}

static void set_bfd_down(struct er_peering_view *v)
{
	S(v, V4, PRI)->bfd = ER_BFD_DOWN;
}

static void set_bfd_unknown(struct er_peering_view *v)
{
	S(v, V4, PRI)->bfd = ER_BFD_UNKNOWN;
}

static void set_bfd_admin_down(struct er_peering_view *v)
{
	S(v, V6, SEC)->bfd = ER_BFD_ADMIN_DOWN;
}

static void set_bfd_down_not_enabled(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->bfd_enabled = false;
		s->bfd = ER_BFD_DOWN;
	}
	S(v, V6, PRI)->bfd = ER_BFD_UNKNOWN;
}

static void set_bfd_disabled(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->bfd_enabled = false;
		s->bfd = ER_BFD_DISABLED;
	}
}

static void set_bfd_down_session_down(struct er_peering_view *v)
{
	down(S(v, V4, SEC), "Active");
	S(v, V4, SEC)->bfd = ER_BFD_DOWN;
}

/* bfdd died: the sessions went down with BFD and stay down */
static void set_bfdd_silent_sessions_down(struct er_peering_view *v)
{
	int i;

	v->bfdd_silent = true;
	for (i = 0; i < NSESSIONS; i++) {
		down(nth(v, i), "Active");
		nth(v, i)->bfd = ER_BFD_UNKNOWN;
	}
}

/* bfdd died, the sessions came back without it */
static void set_bfdd_silent_sessions_up(struct er_peering_view *v)
{
	int i;

	v->bfdd_silent = true;
	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->bfd = ER_BFD_UNKNOWN;
}

static void set_down_and_bfd_unknown(struct er_peering_view *v)
{
	S(v, V4, PRI)->bfd = ER_BFD_UNKNOWN;
	down(S(v, V6, SEC), "Active");
}

static void set_sent(struct er_peering_view *v, int afi, uint32_t sent)
{
	S(v, afi, PRI)->prefixes_sent = sent;
	S(v, afi, SEC)->prefixes_sent = sent;
}

static void set_limit_warning(struct er_peering_view *v)
{
	set_sent(v, V4, 3300);
}

static void set_limit_below(struct er_peering_view *v)
{
	set_sent(v, V4, 3199);
	set_sent(v, V6, 79);
}

static void set_limit_threshold(struct er_peering_view *v)
{
	set_sent(v, V4, 3200);
}

static void set_limit_exceeded(struct er_peering_view *v)
{
	set_sent(v, V6, 101);
	S(v, V6, PRI)->warning_pct = 90;
	S(v, V6, SEC)->warning_pct = 90;
}

static void set_limit_almost(struct er_peering_view *v)
{
	set_sent(v, V4, 3999);
}

static void set_limit_none(struct er_peering_view *v)
{
	set_sent(v, V4, UINT32_MAX);
	S(v, V4, PRI)->limit_out = 0;
	S(v, V4, SEC)->limit_out = 0;
}

static void set_limit_huge(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->limit_out = UINT32_MAX;
		s->warning_pct = 100;
		s->prefixes_sent = UINT32_MAX - 1;
	}
	S(v, V4, PRI)->prefixes_sent = UINT32_MAX;
	S(v, V4, SEC)->prefixes_sent = UINT32_MAX;
}

/*
 * In 32 bits 3e9 * 100 and 4e9 * 80 wrap and 3e9 would warn: 64 bits say
 * 75% (no warning); 3.3e9 is 83%.
 */
static void set_limit_no_wrap(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->limit_out = 4000000000u;
		s->warning_pct = 80;
	}
	set_sent(v, V4, 3000000000u);
	set_sent(v, V6, 3300000000u);
}

/*
 * The threshold is limit * pct / 100 rounded up: 1 * 50% does not warn at
 * 0 prefixes, 3 * 80% = 2.4 does not warn at 2 but at 3.
 */
static void set_limit_small(struct er_peering_view *v)
{
	int role;

	for (role = 0; role < ER_ROLE_MAX; role++) {
		S(v, V4, role)->limit_out = 1;
		S(v, V4, role)->warning_pct = 50;
		S(v, V6, role)->limit_out = 3;
		S(v, V6, role)->warning_pct = 80;
	}
	set_sent(v, V4, 0);
	set_sent(v, V6, 2);
	S(v, V6, SEC)->prefixes_sent = 3;
}

static void set_pct_zero(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->warning_pct = 0;
	set_sent(v, V4, 3999);
	set_sent(v, V6, 100);
}

static void set_pct_too_big(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->warning_pct = 200;
	set_sent(v, V4, 4000);
}

/* The same counts, other prefixes: the sets differ (er_health.c says how). */
#define DIFF_SENT "primary advertises 1 prefix the secondary does not (203.0.113.0/24), secondary advertises 1 prefix the primary does not (198.51.100.0/24)"
#define DIFF_RECEIVED "secondary receives 2 prefixes the primary does not (10.2.0.0/16, 10.3.0.0/16)"

static void set_asym_sent(struct er_peering_view *v)
{
	v->families[V4].sent_diff = DIFF_SENT;
}

static void set_asym_received(struct er_peering_view *v)
{
	v->families[V6].received_diff = DIFF_RECEIVED;
}

static void set_asym_one_down(struct er_peering_view *v)
{
	down(S(v, V4, SEC), "Connect");
	v->families[V4].sent_diff = DIFF_SENT;
}

static void set_asym_young(struct er_peering_view *v)
{
	S(v, V4, SEC)->young = true;
	v->families[V4].sent_diff = DIFF_SENT;
	v->families[V4].received_diff = DIFF_RECEIVED;
}

static void set_asym_empty(struct er_peering_view *v)
{
	v->families[V4].sent_diff = "";
	v->families[V6].received_diff = "";
}

static void set_bfd_down_young(struct er_peering_view *v)
{
	S(v, V4, PRI)->young = true;
	S(v, V4, PRI)->bfd = ER_BFD_DOWN;
	S(v, V6, SEC)->young = true;
	S(v, V6, SEC)->bfd = ER_BFD_UNKNOWN;
}

static void set_bfd_down_ipv6(struct er_peering_view *v)
{
	S(v, V6, PRI)->bfd = ER_BFD_DOWN;
}

static void set_received_zero(struct er_peering_view *v)
{
	S(v, V4, PRI)->prefixes_received = 0;
	S(v, V4, SEC)->prefixes_received = 0;
}

static void set_received_zero_one(struct er_peering_view *v)
{
	S(v, V4, SEC)->prefixes_received = 0;
	v->families[V4].received_diff = "primary receives 20 prefixes the secondary does not (10.0.0.0/8, 10.1.0.0/16 and 18 more)";
}

static void set_received_zero_young(struct er_peering_view *v)
{
	set_received_zero(v);
	S(v, V4, PRI)->young = true;
}

static void set_received_zero_one_down(struct er_peering_view *v)
{
	set_received_zero(v);
	down(S(v, V4, SEC), "Active");
}

static void set_services_missing(struct er_peering_view *v)
{
	v->communities.known = true;
	v->communities.missing_services = "exchange (12076:5010)";
}

static void set_untagged(struct er_peering_view *v)
{
	v->communities.known = true;
	v->communities.untagged = 2;
	v->communities.prefixes = 5;
	v->communities.first_untagged = "10.1.0.0/16";
}

static void set_unreachable(struct er_peering_view *v)
{
	v->communities.known = true;
	v->communities.unreachable = "eastus";
	v->communities.sku = "local";
	v->communities.local_region = "westeurope";
}

static void set_communities_unknown(struct er_peering_view *v)
{
	set_untagged(v);
	set_services_missing(v);
	v->communities.known = false;
}

static void set_same_ifindex(struct er_peering_view *v)
{
	S(v, V4, PRI)->ifindex = 7;
	S(v, V4, SEC)->ifindex = 7;
}

static void set_ifindex_unknown(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->ifindex = 0;
}

static void set_same_ifindex_one_down(struct er_peering_view *v)
{
	set_same_ifindex(v);
	down(S(v, V4, SEC), "Active");
}

static void set_drift(struct er_peering_view *v)
{
	S(v, V4, PRI)->drift = "bfd";
}

static void set_drift_empty(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->drift = "";
}

static void set_drift_session_down(struct er_peering_view *v)
{
	down(S(v, V6, PRI), "Idle");
	S(v, V6, PRI)->drift = "neighbor missing";
}

static void set_null_strings(struct er_peering_view *v)
{
	set_ipv4_only(v);
	down(S(v, V4, PRI), NULL);
	S(v, V4, PRI)->neighbor = NULL;
	S(v, V4, PRI)->drift = "bfd, timers";
	S(v, V4, SEC)->neighbor = NULL;
	S(v, V4, SEC)->state = NULL;
	S(v, V4, SEC)->bfd = ER_BFD_DOWN;
}

static void set_empty_strings(struct er_peering_view *v)
{
	set_ipv4_only(v);
	down(S(v, V4, PRI), "");
	S(v, V4, PRI)->neighbor = "";
	S(v, V4, SEC)->neighbor = "";
	S(v, V4, SEC)->bfd = ER_BFD_UNKNOWN;
}

/* Eight degraded reasons: fills every slot, nothing to truncate. */
static void set_eight(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->bfd = ER_BFD_DOWN;
		s->drift = "timers";
	}
}

/* Nine: the eighth slot counts itself and the ninth. */
static void set_nine(struct er_peering_view *v)
{
	set_eight(v);
	set_same_ifindex(v);
}

/* Truncation drops the least severe reasons, never "down". */
static void set_down_truncated(struct er_peering_view *v)
{
	int i;

	set_all_down(v);
	for (i = 0; i < NSESSIONS; i++)
		nth(v, i)->drift = "neighbor missing";
}

/* Four incomplete reasons after five degraded: two shown. */
static void set_incomplete_truncated(struct er_peering_view *v)
{
	int i;

	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->bfd = ER_BFD_UNKNOWN;
		s->drift = "bfd";
	}
	set_same_ifindex(v);
}

/*
 * Everything wrong at once: per family 2 x (BFD, limit, drift) + asymmetry,
 * route filter, same interface: 18 degraded lines, 7 shown.
 */
static void set_everything(struct er_peering_view *v)
{
	int i;

	v->type = ER_PEERING_MICROSOFT;
	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(v, i);

		s->bfd = ER_BFD_DOWN;
		s->drift = "bfd";
		s->prefixes_received = 0;
		s->ifindex = 3;
	}
	set_sent(v, V4, 3900);
	set_sent(v, V6, 99);
	S(v, V4, PRI)->prefixes_sent = 3901;
	S(v, V6, PRI)->prefixes_sent = 100;
	v->families[V4].sent_diff = DIFF_SENT;
	v->families[V6].sent_diff = DIFF_SENT;
}

#define R_NONE "no session is Established"
#define R_BFD_DOWN(afi, role, nbr)                                             \
	afi " " role " BFD to " nbr " is down on an Established session"
/* what an IPv6 session's BFD reason adds */
#define R_BFD_IPV6                                                             \
	": on IPv6, a peering set up before Azure enabled BFD needs a peering reset on the Azure side"
#define R_BFD_UNKNOWN(afi, role, nbr)                                          \
	afi " " role " BFD to " nbr " has no session: is bfdd running?"
#define R_BFDD_SILENT                                                          \
	"BFD is on but bfdd does not answer: is bfdd running? BFD states are stale, and a link failure goes unnoticed until the BGP hold timer expires"
#define R_DRIFT(afi, role, nbr, what)                                          \
	afi " " role " neighbor " nbr " differs from the model (" what         \
	    "): run 'expressroute reconcile'"
#define R_STATE(afi, role, nbr, state)                                         \
	afi " " role " session to " nbr " is " state ", not Established"
#define R_LIMIT(afi, role, sent, pct, limit, warn)                             \
	afi " " role " advertises " sent " prefixes, " pct "% of the " limit   \
	    " limit (warning at " warn                                         \
	    "%): Microsoft drops the session above the limit"
#define R_SAME_IF(afi, ifindex)                                                \
	afi " primary and secondary sessions leave through the same "          \
	    "interface (ifindex " ifindex "): no physical diversity"
#define R_MISSING(afi, role)                                                   \
	afi " " role " session missing: configure the " role                   \
	    " link subnet (no redundancy)"

#define N4P "192.168.100.130"
#define N4S "192.168.100.134"
#define N6P "2001:db8:100::2"
#define N6S "2001:db8:100::6"

struct verdict_case {
	const char *name;
	enum er_peering_type type;
	void (*setup)(struct er_peering_view *v);
	enum er_verdict verdict;
	/* The exact reasons, in order; the first NULL ends the list. */
	const char *reasons[ER_VERDICT_REASONS_MAX];
};

static const struct verdict_case cases[] = {
	{"healthy private", ER_PEERING_PRIVATE, set_nothing, ER_VERDICT_OK, {}},
	{"healthy microsoft",
	 ER_PEERING_MICROSOFT,
	 set_nothing,
	 ER_VERDICT_OK,
	 {}},

	/* Instance, shutdown, subnets: each overrides everything else. */
	{"instance missing overrides",
	 ER_PEERING_PRIVATE,
	 set_instance_missing,
	 ER_VERDICT_INCOMPLETE,
	 {"BGP instance does not exist: sessions cannot be created"}},
	{"shutdown overrides",
	 ER_PEERING_PRIVATE,
	 set_shutdown,
	 ER_VERDICT_INCOMPLETE,
	 {"peering is shut down"}},
	{"no link subnets",
	 ER_PEERING_PRIVATE,
	 set_no_subnets,
	 ER_VERDICT_INCOMPLETE,
	 {"no link subnets configured"}},

	/* Redundancy. */
	{"ipv4 only is fine",
	 ER_PEERING_PRIVATE,
	 set_ipv4_only,
	 ER_VERDICT_OK,
	 {}},
	{"ipv4 secondary missing",
	 ER_PEERING_PRIVATE,
	 set_v4_secondary_missing,
	 ER_VERDICT_INCOMPLETE,
	 {"ipv4 secondary session missing: configure the secondary link subnet (no redundancy)"}},
	{"ipv6 primary missing",
	 ER_PEERING_PRIVATE,
	 set_v6_primary_missing,
	 ER_VERDICT_INCOMPLETE,
	 {R_MISSING("ipv6", "primary")}},

	/* Sessions. */
	{"one session Active",
	 ER_PEERING_PRIVATE,
	 set_v4_secondary_active,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 secondary session to 192.168.100.134 is Active, not Established"}},
	{"one session shut down on the CE",
	 ER_PEERING_PRIVATE,
	 set_v4_primary_admin_down,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary session to 192.168.100.130 is shut down"}},
	{"all sessions down",
	 ER_PEERING_PRIVATE,
	 set_all_down,
	 ER_VERDICT_DOWN,
	 {R_NONE, R_STATE("ipv4", "primary", N4P, "Active"),
	  R_STATE("ipv4", "secondary", N4S, "Idle"),
	  R_STATE("ipv6", "primary", N6P, "Connect"),
	  R_STATE("ipv6", "secondary", N6S, "OpenSent")}},
	{"all down, down first and incomplete last",
	 ER_PEERING_PRIVATE,
	 set_all_down_v6_secondary_missing,
	 ER_VERDICT_DOWN,
	 {R_NONE, R_STATE("ipv4", "primary", N4P, "Active"),
	  R_STATE("ipv4", "secondary", N4S, "Idle"),
	  R_STATE("ipv6", "primary", N6P, "Connect"),
	  R_MISSING("ipv6", "secondary")}},
	{"the only session down",
	 ER_PEERING_PRIVATE,
	 set_only_session_down,
	 ER_VERDICT_DOWN,
	 {R_NONE, R_STATE("ipv4", "primary", N4P, "Idle"),
	  R_MISSING("ipv4", "secondary")}},
	{"all down, BFD of down sessions ignored",
	 ER_PEERING_PRIVATE,
	 set_all_down_bfd_unknown,
	 ER_VERDICT_DOWN,
	 {R_NONE, R_STATE("ipv4", "primary", N4P, "Active"),
	  R_STATE("ipv4", "secondary", N4S, "Idle"),
	  R_STATE("ipv6", "primary", N6P, "Connect"),
	  R_STATE("ipv6", "secondary", N6S, "OpenSent")}},
	{"all sessions shut down on the CE",
	 ER_PEERING_PRIVATE,
	 set_all_admin_down,
	 ER_VERDICT_DOWN,
	 {R_NONE, "ipv4 primary session to " N4P " is shut down",
	  "ipv4 secondary session to " N4S " is shut down"}},

	/* BFD. */
	{"BFD down",
	 ER_PEERING_PRIVATE,
	 set_bfd_down,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary BFD to 192.168.100.130 is down on an Established session"}},
	{"BFD unknown",
	 ER_PEERING_PRIVATE,
	 set_bfd_unknown,
	 ER_VERDICT_INCOMPLETE,
	 {"ipv4 primary BFD to 192.168.100.130 has no session: is bfdd running?"}},
	{"BFD admin-down",
	 ER_PEERING_PRIVATE,
	 set_bfd_admin_down,
	 ER_VERDICT_DEGRADED,
	 {"ipv6 secondary BFD to 2001:db8:100::6 is admin-down: a link failure goes unnoticed until the BGP hold timer expires"}},
	{"BFD not asked for",
	 ER_PEERING_PRIVATE,
	 set_bfd_down_not_enabled,
	 ER_VERDICT_OK,
	 {}},
	{"BFD disabled",
	 ER_PEERING_PRIVATE,
	 set_bfd_disabled,
	 ER_VERDICT_OK,
	 {}},
	{"BFD of a session that is not Established",
	 ER_PEERING_PRIVATE,
	 set_bfd_down_session_down,
	 ER_VERDICT_DEGRADED,
	 {R_STATE("ipv4", "secondary", N4S, "Active")}},
	{"bfdd silent, sessions down",
	 ER_PEERING_PRIVATE,
	 set_bfdd_silent_sessions_down,
	 ER_VERDICT_DOWN,
	 {"no session is Established", R_STATE("ipv4", "primary", N4P, "Active"),
	  R_STATE("ipv4", "secondary", N4S, "Active"),
	  R_STATE("ipv6", "primary", N6P, "Active"),
	  R_STATE("ipv6", "secondary", N6S, "Active"), R_BFDD_SILENT}},
	{"bfdd silent, sessions up: one reason, not one per session",
	 ER_PEERING_PRIVATE,
	 set_bfdd_silent_sessions_up,
	 ER_VERDICT_INCOMPLETE,
	 {R_BFDD_SILENT}},
	{"session down beats BFD unknown",
	 ER_PEERING_PRIVATE,
	 set_down_and_bfd_unknown,
	 ER_VERDICT_DEGRADED,
	 {R_STATE("ipv6", "secondary", N6S, "Active"),
	  R_BFD_UNKNOWN("ipv4", "primary", N4P)}},

	/* Outbound prefix limit. */
	{"limit warning",
	 ER_PEERING_PRIVATE,
	 set_limit_warning,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary advertises 3300 prefixes, 83% of the 4000 limit (warning at 80%): Microsoft drops the session above the limit",
	  R_LIMIT("ipv4", "secondary", "3300", "83", "4000", "80")}},
	{"limit just below the warning",
	 ER_PEERING_PRIVATE,
	 set_limit_below,
	 ER_VERDICT_OK,
	 {}},
	{"limit at the warning",
	 ER_PEERING_PRIVATE,
	 set_limit_threshold,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv4", "primary", "3200", "80", "4000", "80"),
	  R_LIMIT("ipv4", "secondary", "3200", "80", "4000", "80")}},
	{"limit exceeded",
	 ER_PEERING_PRIVATE,
	 set_limit_exceeded,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv6", "primary", "101", "101", "100", "90"),
	  R_LIMIT("ipv6", "secondary", "101", "101", "100", "90")}},
	{"limit almost reached is not 100%",
	 ER_PEERING_PRIVATE,
	 set_limit_almost,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv4", "primary", "3999", "99", "4000", "80"),
	  R_LIMIT("ipv4", "secondary", "3999", "99", "4000", "80")}},
	{"no limit", ER_PEERING_PRIVATE, set_limit_none, ER_VERDICT_OK, {}},
	{"limit in 64 bits",
	 ER_PEERING_PRIVATE,
	 set_limit_huge,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv4", "primary", "4294967295", "100", "4294967295", "100"),
	  R_LIMIT("ipv4", "secondary", "4294967295", "100", "4294967295",
		  "100")}},
	{"limit arithmetic does not wrap",
	 ER_PEERING_PRIVATE,
	 set_limit_no_wrap,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv6", "primary", "3300000000", "83", "4000000000", "80"),
	  R_LIMIT("ipv6", "secondary", "3300000000", "83", "4000000000",
		  "80")}},
	{"small limits round the threshold up",
	 ER_PEERING_PRIVATE,
	 set_limit_small,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv6", "secondary", "3", "100", "3", "80")}},
	{"warning percentage 0 warns at the limit",
	 ER_PEERING_PRIVATE,
	 set_pct_zero,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv6", "primary", "100", "100", "100", "100"),
	  R_LIMIT("ipv6", "secondary", "100", "100", "100", "100")}},
	{"warning percentage above 100 warns at the limit",
	 ER_PEERING_PRIVATE,
	 set_pct_too_big,
	 ER_VERDICT_DEGRADED,
	 {R_LIMIT("ipv4", "primary", "4000", "100", "4000", "100"),
	  R_LIMIT("ipv4", "secondary", "4000", "100", "4000", "100")}},

	/* Both links alike. */
	{"asymmetric advertisement",
	 ER_PEERING_PRIVATE,
	 set_asym_sent,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 " DIFF_SENT ": advertise the same prefixes on both links"}},
	{"asymmetric reception",
	 ER_PEERING_PRIVATE,
	 set_asym_received,
	 ER_VERDICT_DEGRADED,
	 {"ipv6 " DIFF_RECEIVED ": Microsoft advertises different prefixes on the two links"}},
	{"asymmetry waits until both sessions are past their start",
	 ER_PEERING_PRIVATE,
	 set_asym_young,
	 ER_VERDICT_OK,
	 {}},
	{"no difference found",
	 ER_PEERING_PRIVATE,
	 set_asym_empty,
	 ER_VERDICT_OK,
	 {}},
	{"BFD is given its set-up time on a young session",
	 ER_PEERING_PRIVATE,
	 set_bfd_down_young,
	 ER_VERDICT_OK,
	 {}},
	{"BFD down on IPv6 names the Azure-side reset",
	 ER_PEERING_PRIVATE,
	 set_bfd_down_ipv6,
	 ER_VERDICT_DEGRADED,
	 {R_BFD_DOWN("ipv6", "primary", N6P) R_BFD_IPV6}},
	{"asymmetry needs both sessions Established",
	 ER_PEERING_PRIVATE,
	 set_asym_one_down,
	 ER_VERDICT_DEGRADED,
	 {R_STATE("ipv4", "secondary", N4S, "Connect")}},
	{"microsoft peering receives nothing",
	 ER_PEERING_MICROSOFT,
	 set_received_zero,
	 ER_VERDICT_DEGRADED,
	 {"microsoft peering is Established but receives no ipv4 prefixes: no route filter attached on the Azure side? (circuits configured after 2017-08-01 receive nothing without one)"}},
	{"private peering receiving nothing is fine",
	 ER_PEERING_PRIVATE,
	 set_received_zero,
	 ER_VERDICT_OK,
	 {}},
	{"microsoft peering, one link receives nothing",
	 ER_PEERING_MICROSOFT,
	 set_received_zero_one,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary receives 20 prefixes the secondary does not (10.0.0.0/8, 10.1.0.0/16 and 18 more): Microsoft advertises different prefixes on the two links"}},
	{"route filter hint waits for a young session",
	 ER_PEERING_MICROSOFT,
	 set_received_zero_young,
	 ER_VERDICT_OK,
	 {}},
	{"route filter hint with one session Established",
	 ER_PEERING_MICROSOFT,
	 set_received_zero_one_down,
	 ER_VERDICT_DEGRADED,
	 {R_STATE("ipv4", "secondary", N4S, "Active"), "microsoft peering is Established but receives no ipv4 prefixes: no route filter attached on the Azure side? (circuits configured after 2017-08-01 receive nothing without one)"}},
	{"expected services missing",
	 ER_PEERING_MICROSOFT,
	 set_services_missing,
	 ER_VERDICT_DEGRADED,
	 {"microsoft peering receives no route of the expected services exchange (12076:5010): add their communities to the route filter in Azure (Microsoft 365 services need Microsoft's authorization)"}},
	{"custom VNet communities without regional ones",
	 ER_PEERING_PRIVATE,
	 set_untagged,
	 ER_VERDICT_DEGRADED,
	 {"private peering: 2 of 5 prefixes received without a regional community (first 10.1.0.0/16) although custom-vnet-communities is set: give those virtual networks a custom BGP community in Azure"}},
	{"regions the SKU cannot reach",
	 ER_PEERING_PRIVATE,
	 set_unreachable,
	 ER_VERDICT_DEGRADED,
	 {"private peering receives routes of eastus, which a local circuit at a location local to westeurope cannot reach: is the circuit's SKU in Azure other than the model's?"}},
	{"communities not walked yet: nothing said",
	 ER_PEERING_PRIVATE,
	 set_communities_unknown,
	 ER_VERDICT_OK,
	 {}},
	{"same interface",
	 ER_PEERING_PRIVATE,
	 set_same_ifindex,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary and secondary sessions leave through the same interface (ifindex 7): no physical diversity"}},
	{"interface unknown",
	 ER_PEERING_PRIVATE,
	 set_ifindex_unknown,
	 ER_VERDICT_OK,
	 {}},
	{"same interface needs both sessions Established",
	 ER_PEERING_PRIVATE,
	 set_same_ifindex_one_down,
	 ER_VERDICT_DEGRADED,
	 {R_STATE("ipv4", "secondary", N4S, "Active")}},

	/* Drift from the model. */
	{"drift",
	 ER_PEERING_PRIVATE,
	 set_drift,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary neighbor 192.168.100.130 differs from the model (bfd): run 'expressroute reconcile'"}},
	{"empty drift", ER_PEERING_PRIVATE, set_drift_empty, ER_VERDICT_OK, {}},
	{"drift of a session that is down",
	 ER_PEERING_PRIVATE,
	 set_drift_session_down,
	 ER_VERDICT_DEGRADED,
	 {R_STATE("ipv6", "primary", N6P, "Idle"),
	  R_DRIFT("ipv6", "primary", N6P, "neighbor missing")}},

	/* Missing strings. */
	{"NULL strings",
	 ER_PEERING_PRIVATE,
	 set_null_strings,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary session to ? is ?, not Established",
	  "ipv4 primary neighbor ? differs from the model (bfd, timers): run 'expressroute reconcile'",
	  "ipv4 secondary BFD to ? is down on an Established session"}},
	{"empty strings",
	 ER_PEERING_PRIVATE,
	 set_empty_strings,
	 ER_VERDICT_DEGRADED,
	 {"ipv4 primary session to ? is ?, not Established",
	  "ipv4 secondary BFD to ? has no session: is bfdd running?"}},

	/* At most ER_VERDICT_REASONS_MAX reasons. */
	{"eight reasons fit",
	 ER_PEERING_PRIVATE,
	 set_eight,
	 ER_VERDICT_DEGRADED,
	 {R_BFD_DOWN("ipv4", "primary", N4P),
	  R_DRIFT("ipv4", "primary", N4P, "timers"),
	  R_BFD_DOWN("ipv4", "secondary", N4S),
	  R_DRIFT("ipv4", "secondary", N4S, "timers"),
	  R_BFD_DOWN("ipv6", "primary", N6P) R_BFD_IPV6,
	  R_DRIFT("ipv6", "primary", N6P, "timers"),
	  R_BFD_DOWN("ipv6", "secondary", N6S) R_BFD_IPV6,
	  R_DRIFT("ipv6", "secondary", N6S, "timers")}},
	{"nine reasons truncated",
	 ER_PEERING_PRIVATE,
	 set_nine,
	 ER_VERDICT_DEGRADED,
	 {R_BFD_DOWN("ipv4", "primary", N4P),
	  R_DRIFT("ipv4", "primary", N4P, "timers"),
	  R_BFD_DOWN("ipv4", "secondary", N4S),
	  R_DRIFT("ipv4", "secondary", N4S, "timers"), R_SAME_IF("ipv4", "7"),
	  R_BFD_DOWN("ipv6", "primary", N6P) R_BFD_IPV6,
	  R_DRIFT("ipv6", "primary", N6P, "timers"), "... and 2 more"}},
	{"truncation keeps down first",
	 ER_PEERING_PRIVATE,
	 set_down_truncated,
	 ER_VERDICT_DOWN,
	 {R_NONE, R_STATE("ipv4", "primary", N4P, "Active"),
	  R_DRIFT("ipv4", "primary", N4P, "neighbor missing"),
	  R_STATE("ipv4", "secondary", N4S, "Idle"),
	  R_DRIFT("ipv4", "secondary", N4S, "neighbor missing"),
	  R_STATE("ipv6", "primary", N6P, "Connect"),
	  R_DRIFT("ipv6", "primary", N6P, "neighbor missing"),
	  "... and 2 more"}},
	{"truncation drops incomplete first",
	 ER_PEERING_PRIVATE,
	 set_incomplete_truncated,
	 ER_VERDICT_DEGRADED,
	 {R_DRIFT("ipv4", "primary", N4P, "bfd"),
	  R_DRIFT("ipv4", "secondary", N4S, "bfd"), R_SAME_IF("ipv4", "7"),
	  R_DRIFT("ipv6", "primary", N6P, "bfd"),
	  R_DRIFT("ipv6", "secondary", N6S, "bfd"),
	  R_BFD_UNKNOWN("ipv4", "primary", N4P),
	  R_BFD_UNKNOWN("ipv4", "secondary", N4S), "... and 2 more"}},
	{"everything wrong",
	 ER_PEERING_MICROSOFT,
	 set_everything,
	 ER_VERDICT_DEGRADED,
	 {R_BFD_DOWN("ipv4", "primary", N4P),
	  R_LIMIT("ipv4", "primary", "3901", "98", "4000", "80"),
	  R_DRIFT("ipv4", "primary", N4P, "bfd"),
	  R_BFD_DOWN("ipv4", "secondary", N4S),
	  R_LIMIT("ipv4", "secondary", "3900", "98", "4000", "80"),
	  R_DRIFT("ipv4", "secondary", N4S, "bfd"),
	  "microsoft peering is Established but receives no ipv4 prefixes: no route filter attached on the Azure side? (circuits configured after 2017-08-01 receive nothing without one)",
	  "... and 11 more"}},
};

/* Fill out with junk so that the tests see what the function clears. */
static void poison(struct er_verdict_result *out)
{
	memset(out, 0x5A, sizeof(*out));
}

static unsigned int count_reasons(const struct verdict_case *c)
{
	unsigned int n = 0;

	while (n < ER_VERDICT_REASONS_MAX && c->reasons[n])
		n++;
	return n;
}

/* Print what the function said, for a failing test. */
static void dump(const char *name, const struct er_verdict_result *out)
{
	unsigned int i;

	fprintf(stderr, "%s: %s, %u reasons\n", name,
		er_verdict2str(out->verdict), out->nreasons);
	for (i = 0; i < out->nreasons && i < ER_VERDICT_REASONS_MAX; i++)
		fprintf(stderr, "  [%u] %s\n", i, out->reasons[i]);
}

/* True if the slot holds nothing but NUL bytes. */
static bool slot_clear(const char *slot)
{
	size_t i;

	for (i = 0; i < ER_MSG_SIZE; i++)
		if (slot[i] != '\0')
			return false;
	return true;
}

/* Check out against the expected verdict and exact reasons. */
static void check_result(const char *name, const struct er_verdict_result *out,
			 enum er_verdict verdict, const char *const *reasons,
			 unsigned int nreasons)
{
	unsigned int i;

	if (out->verdict != verdict || out->nreasons != nreasons)
		dump(name, out);
	ck_assert_msg(out->verdict == verdict, "%s: verdict %s, expected %s",
		      name, er_verdict2str(out->verdict),
		      er_verdict2str(verdict));
	ck_assert_msg(out->nreasons == nreasons, "%s: %u reasons, expected %u",
		      name, out->nreasons, nreasons);
	ck_assert_msg((out->nreasons == 0) == (out->verdict == ER_VERDICT_OK),
		      "%s: reasons without a verdict or the reverse", name);
	for (i = 0; i < nreasons; i++)
		ck_assert_msg(strcmp(out->reasons[i], reasons[i]) == 0,
			      "%s: reason %u is\n  '%s', expected\n  '%s'",
			      name, i, out->reasons[i], reasons[i]);
	/* Unused slots are cleared, not left over. */
	for (; i < ER_VERDICT_REASONS_MAX; i++)
		ck_assert_msg(slot_clear(out->reasons[i]),
			      "%s: slot %u not cleared", name, i);
}

START_TEST(test_verdict_table)
{
	const struct verdict_case *c = &cases[_i];
	struct er_peering_view view;
	struct er_verdict_result out;

	healthy(&view, c->type);
	c->setup(&view);
	poison(&out);
	er_peering_verdict(&view, &out);
	check_result(c->name, &out, c->verdict, c->reasons, count_reasons(c));
}
END_TEST

/* The verdict is a function of the view: the same view twice, same result. */
START_TEST(test_verdict_repeatable)
{
	const struct verdict_case *c = &cases[_i];
	struct er_peering_view view, copy;
	struct er_verdict_result a, b;

	healthy(&view, c->type);
	c->setup(&view);
	copy = view;
	poison(&a);
	memset(&b, 0, sizeof(b));
	er_peering_verdict(&view, &a);
	er_peering_verdict(&view, &b);
	ck_assert_msg(memcmp(&a, &b, sizeof(a)) == 0, "%s: differs", c->name);
	ck_assert_msg(memcmp(&view, &copy, sizeof(view)) == 0,
		      "%s: view modified", c->name);
}
END_TEST

START_TEST(test_null_arguments)
{
	static const char *const none[] = {"no peering state"};
	struct er_peering_view view;
	struct er_verdict_result out;

	poison(&out);
	er_peering_verdict(NULL, &out);
	check_result("NULL view", &out, ER_VERDICT_INCOMPLETE, none, 1);

	healthy(&view, ER_PEERING_PRIVATE);
	er_peering_verdict(&view, NULL); /* must not crash */
}
END_TEST

/* Long caller strings are cut at ER_MSG_SIZE - 1, never overflow. */
START_TEST(test_long_strings)
{
	static const char prefix[] = "ipv4 primary session to xxxx";
	char longstr[4 * ER_MSG_SIZE];
	struct er_peering_view view;
	struct er_verdict_result out;
	unsigned int i;

	memset(longstr, 'x', sizeof(longstr) - 1);
	longstr[sizeof(longstr) - 1] = '\0';

	healthy(&view, ER_PEERING_PRIVATE);
	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s = nth(&view, i);

		s->neighbor = longstr;
		s->state = longstr;
		s->drift = longstr;
		s->bfd = ER_BFD_DOWN;
	}
	down(S(&view, V4, PRI), longstr);
	S(&view, V6, PRI)->ifindex = 5; /* a ninth reason */
	S(&view, V6, SEC)->ifindex = 5;
	poison(&out);
	er_peering_verdict(&view, &out);

	ck_assert_int_eq(out.verdict, ER_VERDICT_DEGRADED);
	ck_assert_uint_eq(out.nreasons, ER_VERDICT_REASONS_MAX);
	ck_assert_msg(strncmp(out.reasons[0], prefix, strlen(prefix)) == 0,
		      "reason 0 is '%s'", out.reasons[0]);
	for (i = 0; i + 1 < ER_VERDICT_REASONS_MAX; i++)
		ck_assert_uint_eq(strlen(out.reasons[i]), ER_MSG_SIZE - 1);
	ck_assert_str_eq(out.reasons[ER_VERDICT_REASONS_MAX - 1],
			 "... and 2 more");
}
END_TEST

/* A reason stays one printable line whatever the caller's strings hold. */
START_TEST(test_control_characters)
{
	struct er_peering_view view;
	struct er_verdict_result out;

	healthy(&view, ER_PEERING_PRIVATE);
	S(&view, V4, PRI)->drift = "bfd\n\033[31mtimers\x7f";
	er_peering_verdict(&view, &out);
	ck_assert_uint_eq(out.nreasons, 1);
	ck_assert_str_eq(out.reasons[0],
			 R_DRIFT("ipv4", "primary", N4P, "bfd??[31mtimers?"));
}
END_TEST

/* Unconfigured sessions count for nothing, whatever they hold. */
START_TEST(test_unconfigured_ignored)
{
	struct er_peering_view view;
	struct er_verdict_result out;
	int role;

	healthy(&view, ER_PEERING_MICROSOFT);
	for (role = 0; role < ER_ROLE_MAX; role++) {
		struct er_session_view *s = S(&view, V6, role);

		memset(s, 0xFF, sizeof(*s));
		s->configured = false;
		s->established = true;
		s->neighbor = "not-used";
		s->state = "Established";
		s->drift = "everything";
		s->bfd = ER_BFD_DOWN;
		s->prefixes_received = 0;
	}
	er_peering_verdict(&view, &out);
	ck_assert_int_eq(out.verdict, ER_VERDICT_OK);
	ck_assert_uint_eq(out.nreasons, 0);

	/* And they do not make a down peering look up. */
	down(S(&view, V4, PRI), "Idle");
	down(S(&view, V4, SEC), "Idle");
	er_peering_verdict(&view, &out);
	ck_assert_int_eq(out.verdict, ER_VERDICT_DOWN);
	ck_assert_str_eq(out.reasons[0], R_NONE);
}
END_TEST

/* An out-of-range BFD status is not reported as anything. */
START_TEST(test_bfd_out_of_range)
{
	struct er_peering_view view;
	struct er_verdict_result out;

	healthy(&view, ER_PEERING_PRIVATE);
	S(&view, V4, PRI)->bfd = ER_BFD_STATUS_MAX;
	S(&view, V4, SEC)->bfd = (enum er_bfd_status) - 1;
	er_peering_verdict(&view, &out);
	ck_assert_int_eq(out.verdict, ER_VERDICT_OK);
}
END_TEST

/*
 * Severity and worst
 */

START_TEST(test_severity)
{
	ck_assert_int_eq(er_verdict_severity(ER_VERDICT_OK), 0);
	ck_assert_int_eq(er_verdict_severity(ER_VERDICT_INCOMPLETE), 1);
	ck_assert_int_eq(er_verdict_severity(ER_VERDICT_DEGRADED), 2);
	ck_assert_int_eq(er_verdict_severity(ER_VERDICT_DOWN), 3);
	ck_assert_int_eq(er_verdict_severity(ER_VERDICT_MAX), -1);
	ck_assert_int_eq(er_verdict_severity((enum er_verdict) - 1), -1);
	ck_assert_int_eq(er_verdict_severity((enum er_verdict)1000), -1);
}
END_TEST

START_TEST(test_worst)
{
	/* In severity order. */
	static const enum er_verdict order[] = {
		ER_VERDICT_OK,
		ER_VERDICT_INCOMPLETE,
		ER_VERDICT_DEGRADED,
		ER_VERDICT_DOWN,
	};
	const enum er_verdict bad = ER_VERDICT_MAX;
	size_t i, j;

	ck_assert_uint_eq(COUNT(order), ER_VERDICT_MAX);
	for (i = 0; i < COUNT(order); i++)
		for (j = 0; j < COUNT(order); j++) {
			enum er_verdict want = order[i > j ? i : j];

			ck_assert_msg(
				er_verdict_worst(order[i], order[j]) == want,
				"worst(%s, %s) is not %s",
				er_verdict2str(order[i]),
				er_verdict2str(order[j]), er_verdict2str(want));
		}

	for (i = 0; i < COUNT(order); i++) {
		ck_assert_int_eq(er_verdict_worst(order[i], bad), order[i]);
		ck_assert_int_eq(er_verdict_worst(bad, order[i]), order[i]);
	}
	ck_assert_int_eq(er_verdict_worst(bad, bad), bad);
}
END_TEST

/* A circuit's verdict folds its peerings' verdicts with er_verdict_worst. */
START_TEST(test_worst_fold)
{
	struct er_peering_view priv, msft;
	struct er_verdict_result a, b;

	healthy(&priv, ER_PEERING_PRIVATE);
	healthy(&msft, ER_PEERING_MICROSOFT);
	set_v4_secondary_missing(&priv);
	set_v4_secondary_active(&msft);
	er_peering_verdict(&priv, &a);
	er_peering_verdict(&msft, &b);
	ck_assert_int_eq(a.verdict, ER_VERDICT_INCOMPLETE);
	ck_assert_int_eq(b.verdict, ER_VERDICT_DEGRADED);
	ck_assert_int_eq(
		er_verdict_worst(er_verdict_worst(ER_VERDICT_OK, a.verdict),
				 b.verdict),
		ER_VERDICT_DEGRADED);
}
END_TEST

static Suite *er_verdict_suite(void)
{
	Suite *s = suite_create("er_verdict");
	TCase *tc;

	tc = tcase_create("rules");
	tcase_add_loop_test(tc, test_verdict_table, 0, (int)COUNT(cases));
	tcase_add_loop_test(tc, test_verdict_repeatable, 0, (int)COUNT(cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("robustness");
	tcase_add_test(tc, test_null_arguments);
	tcase_add_test(tc, test_long_strings);
	tcase_add_test(tc, test_control_characters);
	tcase_add_test(tc, test_unconfigured_ignored);
	tcase_add_test(tc, test_bfd_out_of_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("severity");
	tcase_add_test(tc, test_severity);
	tcase_add_test(tc, test_worst);
	tcase_add_test(tc, test_worst_fold);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(er_verdict_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
