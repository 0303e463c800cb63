// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute health verdicts.
 *
 * What "healthy" means comes from Microsoft's ExpressRoute documentation
 * (see EXPRESSROUTE.md in the project): both sessions of a peering
 * Established, BFD up, the same prefixes on both links, the outbound
 * prefix count under Microsoft's limit. No FRR headers here: the unit
 * tests link this file alone.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "er_verdict.h"

#if defined(__GNUC__)
#define ER_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ER_PRINTF(a, b)
#endif

/* Address family of each index of er_peering_view.sessions. */
static const int afi_family[ER_VERDICT_AFI_COUNT] = {AF_INET, AF_INET6};

/*
 * Severity
 */

static const int severities[ER_VERDICT_MAX] = {
	[ER_VERDICT_OK] = 0,
	[ER_VERDICT_INCOMPLETE] = 1,
	[ER_VERDICT_DEGRADED] = 2,
	[ER_VERDICT_DOWN] = 3,
};

int er_verdict_severity(enum er_verdict verdict)
{
	long value = (long)verdict;

	if (value < 0 || value >= ER_VERDICT_MAX)
		return -1;
	return severities[value];
}

enum er_verdict er_verdict_worst(enum er_verdict a, enum er_verdict b)
{
	return er_verdict_severity(b) > er_verdict_severity(a) ? b : a;
}

/*
 * Reasons
 *
 * The checks run once per severity, most severe first, and each run keeps
 * only the reasons of its severity: the result lists the reasons most
 * severe first without sorting, and reasons[0] explains the verdict.
 */

struct reasons {
	struct er_verdict_result *out;
	enum er_verdict keep; /* severity kept by this run */
	unsigned int dropped; /* reasons that found no free slot */
};

/* A caller's string in a message: "?" when there is none. */
static const char *str(const char *s)
{
	return (s && s[0] != '\0') ? s : "?";
}

/* Replace control characters so that a line stays one printable line. */
static void sanitize(char *line)
{
	for (; *line != '\0'; line++) {
		unsigned char c = (unsigned char)*line;

		if (c < 0x20 || c == 0x7f)
			*line = '?';
	}
}

static void ER_PRINTF(3, 4)
	reason(struct reasons *r, enum er_verdict verdict, const char *fmt, ...)
{
	struct er_verdict_result *out = r->out;
	char *line;
	va_list ap;

	if (verdict != r->keep)
		return;
	out->verdict = er_verdict_worst(out->verdict, verdict);
	if (out->nreasons >= ER_VERDICT_REASONS_MAX) {
		r->dropped++;
		return;
	}
	line = out->reasons[out->nreasons++];
	va_start(ap, fmt);
	vsnprintf(line, ER_MSG_SIZE, fmt, ap);
	va_end(ap);
	sanitize(line);
}

/* The last slot counts itself and the reasons that did not fit. */
static void reasons_finish(struct reasons *r)
{
	if (!r->dropped)
		return;
	snprintf(r->out->reasons[ER_VERDICT_REASONS_MAX - 1], ER_MSG_SIZE,
		 "... and %u more", r->dropped + 1);
}

/*
 * Rules of one session
 */

static void check_established(struct reasons *r, const char *afi,
			      const char *role, const struct er_session_view *s)
{
	if (s->established)
		return;
	if (s->admin_down)
		reason(r, ER_VERDICT_DEGRADED,
		       "%s %s session to %s is shut down", afi, role,
		       str(s->neighbor));
	else
		reason(r, ER_VERDICT_DEGRADED,
		       "%s %s session to %s is %s, not Established", afi, role,
		       str(s->neighbor), str(s->state));
}

/*
 * BFD matters on an Established session only: otherwise BGP says it all.
 * A young session is given the time BFD needs to come up.
 */
static void check_bfd(struct reasons *r, const char *afi, const char *role,
		      const struct er_session_view *s, bool bfdd_silent)
{
	bool ipv6 = strcmp(afi, "ipv6") == 0;

	/* a silent bfdd is one reason of the peering's, not one per session */
	if (!s->bfd_enabled || !s->established || s->young || bfdd_silent)
		return;

	switch (s->bfd) {
	case ER_BFD_DOWN:
		reason(r, ER_VERDICT_DEGRADED,
		       "%s %s BFD to %s is down on an Established session%s",
		       afi, role, str(s->neighbor),
		       ipv6 ? ": on IPv6, a peering set up before Azure enabled BFD needs a peering reset on the Azure side"
			    : "");
		break;
	case ER_BFD_ADMIN_DOWN:
		reason(r, ER_VERDICT_DEGRADED,
		       "%s %s BFD to %s is admin-down: a link failure goes unnoticed until the BGP hold timer expires",
		       afi, role, str(s->neighbor));
		break;
	case ER_BFD_UNKNOWN:
		reason(r, ER_VERDICT_INCOMPLETE,
		       "%s %s BFD to %s has no session: is bfdd running?%s",
		       afi, role, str(s->neighbor),
		       ipv6 ? " (on IPv6, a peering set up before Azure enabled BFD needs a peering reset on the Azure side)"
			    : "");
		break;
	default:
		/* Up; disabled (the drift check reports a missing 'bfd'). */
		break;
	}
}

/*
 * Outbound prefixes near the limit: sent >= limit * pct / 100, compared
 * as sent * 100 >= limit * pct in 64 bits (exact, no overflow). A
 * warning percentage outside 1..100 warns at the limit itself.
 */
static void check_limit_out(struct reasons *r, const char *afi,
			    const char *role, const struct er_session_view *s)
{
	uint64_t sent = s->prefixes_sent;
	uint64_t limit = s->limit_out;
	unsigned int pct = s->warning_pct;
	uint64_t used;

	if (limit == 0)
		return;
	if (pct == 0 || pct > 100)
		pct = 100;
	if (sent * 100 < limit * pct)
		return;

	/* Rounded to the nearest percent, never 100% while under the limit. */
	used = (sent * 100 + limit / 2) / limit;
	if (sent < limit && used > 99)
		used = 99;
	reason(r, ER_VERDICT_DEGRADED,
	       "%s %s advertises %u prefixes, %llu%% of the %u limit (warning at %u%%): Microsoft drops the session above the limit",
	       afi, role, s->prefixes_sent, (unsigned long long)used, s->limit_out,
	       pct);
}

static void check_drift(struct reasons *r, const char *afi, const char *role,
			const struct er_session_view *s)
{
	if (!s->drift || s->drift[0] == '\0')
		return;
	reason(r, ER_VERDICT_DEGRADED,
	       "%s %s neighbor %s differs from the model (%s): run 'expressroute reconcile'",
	       afi, role, str(s->neighbor), s->drift);
}

static void check_session(struct reasons *r, const char *afi, enum er_role role,
			  const struct er_session_view *s, bool bfdd_silent)
{
	const char *name = er_role2str(role);

	check_established(r, afi, name, s);
	check_bfd(r, afi, name, s, bfdd_silent);
	check_limit_out(r, afi, name, s);
	check_drift(r, afi, name, s);
}

/*
 * Rules of the two sessions of one address family
 */

static bool session_up(const struct er_session_view *s)
{
	return s->configured && s->established;
}

/* Called when at least one role is configured. */
static void check_redundancy(struct reasons *r, const char *afi,
			     const struct er_session_view *sessions)
{
	int role;

	for (role = 0; role < ER_ROLE_MAX; role++) {
		const char *name = er_role2str((enum er_role)role);

		if (sessions[role].configured)
			continue;
		reason(r, ER_VERDICT_INCOMPLETE,
		       "%s %s session missing: configure the %s link subnet (no redundancy)",
		       afi, name, name);
	}
}

/*
 * Microsoft expects identical prefixes on both links, both ways: the sets
 * are compared (by er_health.c, when both links are quiet), not counts.
 */
static void check_symmetry(struct reasons *r, const char *afi,
			   const struct er_session_view *p,
			   const struct er_session_view *s,
			   const struct er_family_view *f)
{
	if (p->young || s->young)
		return;
	if (f->sent_diff && f->sent_diff[0])
		reason(r, ER_VERDICT_DEGRADED,
		       "%s %s: advertise the same prefixes on both links", afi,
		       f->sent_diff);
	if (f->received_diff && f->received_diff[0])
		reason(r, ER_VERDICT_DEGRADED,
		       "%s %s: Microsoft advertises different prefixes on the two links",
		       afi, f->received_diff);
}

/*
 * Microsoft peering sends nothing until a route filter is attached (on
 * circuits configured from 2017-08-01): an Established session that
 * receives nothing says so, once it has had time for its first updates.
 */
static bool session_settled(const struct er_session_view *s)
{
	return s->configured && s->established && !s->young;
}

static void check_route_filter(struct reasons *r, enum er_peering_type type,
			       const char *afi, const struct er_session_view *p,
			       const struct er_session_view *s)
{
	if (type != ER_PEERING_MICROSOFT)
		return;
	if (!session_settled(p) && !session_settled(s))
		return;
	if ((session_up(p) && (p->young || p->prefixes_received != 0))
	    || (session_up(s) && (s->young || s->prefixes_received != 0)))
		return;
	reason(r, ER_VERDICT_DEGRADED,
	       "microsoft peering is Established but receives no %s prefixes: no route filter attached on the Azure side? (circuits configured after 2017-08-01 receive nothing without one)",
	       afi);
}

/* Active-active spreads traffic over both links only with multipath. */
static void check_multipath(struct reasons *r, const char *afi,
			    const struct er_peering_view *view,
			    const struct er_family_view *f)
{
	if (view->active_standby || f->max_paths != 1)
		return;
	reason(r, ER_VERDICT_DEGRADED,
	       "%s maximum-paths is 1 in this BGP instance: with active-active redundancy one link carries all traffic (set maximum-paths 2 or more)",
	       afi);
}

static void check_overlap(struct reasons *r, const char *afi,
			  const struct er_family_view *f)
{
	if (!f->overlap || f->overlap[0] == '\0')
		return;
	reason(r, ER_VERDICT_DEGRADED,
	       "%s %s: on-premises and Azure address space must not overlap",
	       afi, f->overlap);
}

static void check_diversity(struct reasons *r, const char *afi,
			    const struct er_session_view *p,
			    const struct er_session_view *s)
{
	if (p->ifindex == 0 || p->ifindex != s->ifindex)
		return;
	reason(r, ER_VERDICT_DEGRADED,
	       "%s primary and secondary sessions leave through the same interface (ifindex %d): no physical diversity",
	       afi, p->ifindex);
}

static void check_family(struct reasons *r, const struct er_peering_view *view,
			 int afi)
{
	const struct er_session_view *sessions = view->sessions[afi];
	const struct er_session_view *p = &sessions[ER_ROLE_PRIMARY];
	const struct er_session_view *s = &sessions[ER_ROLE_SECONDARY];
	const char *name = er_family2str(afi_family[afi]);
	int role;

	if (!p->configured && !s->configured)
		return;

	check_redundancy(r, name, sessions);
	for (role = 0; role < ER_ROLE_MAX; role++)
		if (sessions[role].configured)
			check_session(r, name, (enum er_role)role,
				      &sessions[role], view->bfdd_silent);

	check_route_filter(r, view->type, name, p, s);
	if (!session_up(p) || !session_up(s))
		return;
	check_symmetry(r, name, p, s, &view->families[afi]);
	check_multipath(r, name, view, &view->families[afi]);
	check_overlap(r, name, &view->families[afi]);
	check_diversity(r, name, p, s);
}

/*
 * What the received routes' communities tell, against the model
 */
static bool given(const char *s)
{
	return s && s[0] != '\0';
}

static void check_communities(struct reasons *r,
			      const struct er_peering_view *view)
{
	const struct er_community_view *c = &view->communities;
	const char *tname = er_peering_type2str(view->type);

	if (!c->known)
		return;
	if (given(c->missing_services))
		reason(r, ER_VERDICT_DEGRADED,
		       "microsoft peering receives no route of the expected services %s: add their communities to the route filter in Azure (Microsoft 365 services need Microsoft's authorization)",
		       c->missing_services);
	if (c->untagged)
		reason(r, ER_VERDICT_DEGRADED,
		       "private peering: %u of %u prefixes received without a regional community (first %s) although custom-vnet-communities is set: give those virtual networks a custom BGP community in Azure",
		       c->untagged, c->prefixes, str(c->first_untagged));
	if (given(c->unreachable))
		reason(r, ER_VERDICT_DEGRADED,
		       "%s peering receives routes of %s, which a %s circuit at a location local to %s cannot reach: is the circuit's SKU in Azure other than the model's?",
		       tname, c->unreachable, str(c->sku),
		       str(c->local_region));
}

/*
 * Rules of the peering
 */

static bool any_session(const struct er_peering_view *view, bool up)
{
	int afi, role;

	for (afi = 0; afi < ER_VERDICT_AFI_COUNT; afi++)
		for (role = 0; role < ER_ROLE_MAX; role++) {
			const struct er_session_view *s =
				&view->sessions[afi][role];

			if (s->configured && (!up || s->established))
				return true;
		}
	return false;
}

static void check_peering(struct reasons *r, const struct er_peering_view *view)
{
	int afi;

	if (view->instance_missing) {
		reason(r, ER_VERDICT_INCOMPLETE,
		       "BGP instance does not exist: sessions cannot be created");
		return;
	}
	if (view->shutdown) {
		reason(r, ER_VERDICT_INCOMPLETE, "peering is shut down");
		return;
	}
	if (!any_session(view, false)) {
		reason(r, ER_VERDICT_INCOMPLETE, "no link subnets configured");
		return;
	}
	if (!any_session(view, true))
		reason(r, ER_VERDICT_DOWN, "no session is Established");
	/*
	 * Whether or not the sessions are up: when bfdd dies the sessions go
	 * down with BFD, and may stay down until it is back (FRR 10.3's at
	 * both ends of the lab do), so this is the reason to give then too.
	 */
	if (view->bfdd_silent)
		reason(r, ER_VERDICT_INCOMPLETE,
		       "BFD is on but bfdd does not answer: is bfdd running? BFD states are stale, and a link failure goes unnoticed until the BGP hold timer expires");
	if (view->as_path_ignored)
		reason(r, ER_VERDICT_DEGRADED,
		       "bgp bestpath as-path ignore is set in this BGP instance: Microsoft prepends AS 12076 on a link under maintenance, and ignoring AS-path length keeps traffic on it");

	for (afi = 0; afi < ER_VERDICT_AFI_COUNT; afi++)
		check_family(r, view, afi);
	check_communities(r, view);
}

void er_peering_verdict(const struct er_peering_view *view,
			struct er_verdict_result *out)
{
	static const enum er_verdict runs[] = {
		ER_VERDICT_DOWN,
		ER_VERDICT_DEGRADED,
		ER_VERDICT_INCOMPLETE,
	};
	struct reasons r = {.out = out};
	size_t i;

	if (!out)
		return;
	memset(out, 0, sizeof(*out));
	out->verdict = ER_VERDICT_OK;

	if (!view) {
		r.keep = ER_VERDICT_INCOMPLETE;
		reason(&r, ER_VERDICT_INCOMPLETE, "no peering state");
		return;
	}
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		r.keep = runs[i];
		check_peering(&r, view);
	}
	reasons_finish(&r);
}
