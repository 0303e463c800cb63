// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Prometheus text exposition of the module's health (see er_prom.h).
 *
 * Names follow Prometheus' conventions: frr_expressroute_ prefix, base
 * units (seconds, bytes, ratios), _total on counters, the same labels on
 * every family of one level (circuit, peering, session), so that rules
 * can join them.  A verdict is a state set: one series per verdict, 1 for
 * the current one, so that an alert names the verdict and a change does
 * not make a new series.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "er_prom.h"

/* A circuit's label set, escaped: vrf="...",circuit="..." */
#define ER_PROM_LABELS (sizeof("vrf=\"\",circuit=\"\"") + 2 * (40 + 64))

static const char *const er_prom_families[2] = {"ipv4", "ipv6"};

size_t er_prom_escape(char *buf, size_t size, const char *value)
{
	size_t len = 0;

	for (const char *c = value; *c; c++) {
		const char *esc = NULL;
		char plain[2] = {*c, 0};

		if (*c == '\\')
			esc = "\\\\";
		else if (*c == '"')
			esc = "\\\"";
		else if (*c == '\n')
			esc = "\\n";
		for (const char *o = esc ? esc : plain; *o; o++, len++)
			if (len + 1 < size)
				buf[len] = *o;
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}

static void er_prom_header(FILE *f, const char *name, const char *type,
			   const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The value of a session family, or false when it has no sample. */
typedef bool (*er_prom_value_fn)(const struct er_prom_session *s,
				 double *value);

static bool er_prom_up(const struct er_prom_session *s, double *v)
{
	*v = s->established;
	return true;
}

static bool er_prom_bfd_up(const struct er_prom_session *s, double *v)
{
	*v = s->bfd_up;
	return s->bfd_enabled;
}

static bool er_prom_received(const struct er_prom_session *s, double *v)
{
	*v = s->prefixes_received;
	return true;
}

static bool er_prom_sent(const struct er_prom_session *s, double *v)
{
	*v = s->prefixes_sent;
	return true;
}

static bool er_prom_limit(const struct er_prom_session *s, double *v)
{
	*v = s->limit_out;
	return s->limit_out != 0;
}

static bool er_prom_flaps(const struct er_prom_session *s, double *v)
{
	*v = s->flaps;
	return true;
}

static bool er_prom_updates(const struct er_prom_session *s, double *v)
{
	*v = (double)s->updates;
	return true;
}

static bool er_prom_update_rate(const struct er_prom_session *s, double *v)
{
	*v = s->updates_per_minute / 60.0;
	return true;
}

static bool er_prom_uptime(const struct er_prom_session *s, double *v)
{
	*v = (double)s->uptime_sec;
	return true;
}

struct er_prom_family {
	const char *name, *type, *help;
	er_prom_value_fn value;
};

static const struct er_prom_family er_prom_session_families[] = {
	{"frr_expressroute_session_up", "gauge",
	 "Whether the BGP session to the MSEE is Established (1) or not (0).",
	 er_prom_up},
	{"frr_expressroute_session_bfd_up", "gauge",
	 "Whether BFD is up on the session (sessions with BFD only).",
	 er_prom_bfd_up},
	{"frr_expressroute_session_prefixes_received", "gauge",
	 "Prefixes received from the MSEE and accepted.",
	 er_prom_received},
	{"frr_expressroute_session_prefixes_sent", "gauge",
	 "Prefixes advertised to the MSEE.", er_prom_sent},
	{"frr_expressroute_session_prefixes_sent_limit", "gauge",
	 "The outbound prefix limit in force (the most Microsoft accepts on the peering).",
	 er_prom_limit},
	{"frr_expressroute_session_flaps_total", "counter",
	 "Times the session went down from Established since it was configured or its statistics were cleared.",
	 er_prom_flaps},
	{"frr_expressroute_session_updates_total", "counter",
	 "BGP UPDATE messages sent and received on the session (route churn).",
	 er_prom_updates},
	{"frr_expressroute_session_updates_per_second", "gauge",
	 "BGP UPDATE messages per second over the last minute, as the module measures churn.",
	 er_prom_update_rate},
	{"frr_expressroute_session_uptime_seconds", "gauge",
	 "How long the session has been Established (0 when it is not).",
	 er_prom_uptime},
};

static void er_prom_session_labels(FILE *f, const char *circuit_labels,
				   int type, int af, int role)
{
	fprintf(f, "{%s,peering=\"%s\",address_family=\"%s\",role=\"%s\"",
		circuit_labels, er_peering_type2str(type), er_prom_families[af],
		er_role2str(role));
}

/* One sample of a session, with its labels (circuit_labels and its own). */
typedef void (*er_prom_sample_fn)(FILE *f, const char *name,
				  const char *circuit_labels, int type, int af,
				  int role, const struct er_prom_session *s,
				  const struct er_prom_family *fam);

/* Every configured session of every present peering. */
static void er_prom_each_session(FILE *f, const char *name,
				 const struct er_prom_circuit *circuits,
				 unsigned int count,
				 char (*labels)[ER_PROM_LABELS],
				 er_prom_sample_fn sample,
				 const struct er_prom_family *fam)
{
	for (unsigned int c = 0; c < count; c++)
		for (int t = 0; t < ER_PEERING_MAX; t++) {
			const struct er_prom_peering *p =
				&circuits[c].peerings[t];

			if (!p->present)
				continue;
			for (int af = 0; af < 2; af++)
				for (int role = 0; role < ER_ROLE_MAX; role++)
					if (p->sessions[af][role].configured)
						sample(f, name, labels[c], t, af,
						       role,
						       &p->sessions[af][role],
						       fam);
		}
}

static void er_prom_info_sample(FILE *f, const char *name, const char *labels,
				int type, int af, int role,
				const struct er_prom_session *s,
				const struct er_prom_family *fam)
{
	(void)fam;
	fputs(name, f);
	er_prom_session_labels(f, labels, type, af, role);
	fprintf(f, ",neighbor=\"%s\"} 1\n", s->neighbor);
}

static void er_prom_family_sample(FILE *f, const char *name,
				  const char *labels, int type, int af,
				  int role, const struct er_prom_session *s,
				  const struct er_prom_family *fam)
{
	double value;

	if (!fam->value(s, &value))
		return;
	fputs(name, f);
	er_prom_session_labels(f, labels, type, af, role);
	fprintf(f, "} %.17g\n", value);
}

static void er_prom_availability_sample(FILE *f, const char *name,
					const char *labels, int type, int af,
					int role,
					const struct er_prom_session *s,
					const struct er_prom_family *fam)
{
	const double windows[3] = {s->availability, s->availability_hour,
				   s->availability_day};
	static const char *const names[3] = {"lifetime", "1h", "1d"};

	(void)fam;
	for (int w = 0; w < 3; w++) {
		fputs(name, f);
		er_prom_session_labels(f, labels, type, af, role);
		fprintf(f, ",window=\"%s\"} %.6g\n", names[w],
			windows[w] / 100.0);
	}
}

static void er_prom_verdicts(FILE *f, const char *labels,
			     enum er_verdict verdict)
{
	for (int v = 0; v < ER_VERDICT_MAX; v++)
		fprintf(f, "%s,verdict=\"%s\"} %d\n", labels,
			er_verdict2str(v), v == (int)verdict);
}

int er_prom_write(FILE *f, const struct er_prom_circuit *circuits,
		  unsigned int count, unsigned int interval_sec)
{
	char (*labels)[ER_PROM_LABELS] = NULL;
	char vrf[2 * 40], name[2 * 64];

	if (count) {
		labels = calloc(count, sizeof(*labels));
		if (!labels)
			return -1;
	}
	for (unsigned int c = 0; c < count; c++) {
		er_prom_escape(vrf, sizeof(vrf), circuits[c].vrf);
		er_prom_escape(name, sizeof(name), circuits[c].name);
		snprintf(labels[c], sizeof(labels[c]), "vrf=\"%s\",circuit=\"%s\"",
			 vrf, name);
	}

	er_prom_header(f, "frr_expressroute_circuit_verdict", "gauge",
		       "The circuit's verdict, the worst of its peerings' (1 for the current verdict).");
	for (unsigned int c = 0; c < count; c++) {
		char prefix[ER_PROM_LABELS + 64];

		snprintf(prefix, sizeof(prefix),
			 "frr_expressroute_circuit_verdict{%s", labels[c]);
		er_prom_verdicts(f, prefix, circuits[c].verdict);
	}
	er_prom_header(f, "frr_expressroute_circuit_bandwidth_bytes_per_second",
		       "gauge",
		       "The circuit's configured bandwidth (Azure's bandwidthInMbps), in bytes per second.");
	for (unsigned int c = 0; c < count; c++)
		if (circuits[c].bandwidth_mbps)
			fprintf(f,
				"frr_expressroute_circuit_bandwidth_bytes_per_second{%s} %llu\n",
				labels[c],
				(unsigned long long)circuits[c].bandwidth_mbps
					* 125000ULL);

	er_prom_header(f, "frr_expressroute_peering_verdict", "gauge",
		       "The peering's verdict (1 for the current verdict): ok, degraded, down or incomplete.");
	for (unsigned int c = 0; c < count; c++)
		for (int t = 0; t < ER_PEERING_MAX; t++) {
			char prefix[ER_PROM_LABELS + 96];

			if (!circuits[c].peerings[t].present)
				continue;
			snprintf(prefix, sizeof(prefix),
				 "frr_expressroute_peering_verdict{%s,peering=\"%s\"",
				 labels[c], er_peering_type2str(t));
			er_prom_verdicts(f, prefix,
					 circuits[c].peerings[t].verdict);
		}

	er_prom_header(f, "frr_expressroute_session_info", "gauge",
		       "The MSEE's address of each session (always 1).");
	er_prom_each_session(f, "frr_expressroute_session_info", circuits,
			     count, labels, er_prom_info_sample, NULL);

	for (size_t i = 0; i < sizeof(er_prom_session_families)
				       / sizeof(er_prom_session_families[0]);
	     i++) {
		const struct er_prom_family *fam = &er_prom_session_families[i];

		er_prom_header(f, fam->name, fam->type, fam->help);
		er_prom_each_session(f, fam->name, circuits, count, labels,
				     er_prom_family_sample, fam);
	}

	er_prom_header(f, "frr_expressroute_session_availability_ratio", "gauge",
		       "Share of the time the session was Established (Azure's BgpAvailability, as a ratio): window lifetime (since configured or cleared), 1h or 1d.");
	er_prom_each_session(f, "frr_expressroute_session_availability_ratio",
			     circuits, count, labels,
			     er_prom_availability_sample, NULL);

	if (interval_sec) {
		er_prom_header(f, "frr_expressroute_metrics_interval_seconds",
			       "gauge",
			       "How often the module rewrites this file (besides on every verdict or session change).");
		fprintf(f, "frr_expressroute_metrics_interval_seconds %u\n",
			interval_sec);
	}
	free(labels);
	if (ferror(f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}
