// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute operational CLI: `show expressroute` (text and JSON),
 * `clear expressroute statistics`, `debug expressroute` and `expressroute
 * reconcile`.  Everything shown comes from the objects of er_circuit.h and
 * a side-effect-free evaluation of their health (er_health.c): looking at
 * a circuit changes nothing, logs nothing, notifies nothing.
 */

#include <zebra.h>

#include "lib/command.h"
#include "lib/json.h"
#include "lib/vty.h"

#include "bgpd/bgpd.h"

#include "er_bfdd.h"
#include "er_circuit.h"
#include "er_communities.h"
#include "er_health.h"
#include "er_reconcile.h"
#include "er_routes.h"
#include "er_show.h"

#ifndef VTYSH_EXTRACT_PL
#include "er_show_clippy.c"
#endif

#define ER_STR "Azure ExpressRoute\n"

static const char *const er_family_names[ER_AFI_COUNT] = {"ipv4", "ipv6"};

/*
 * The BFD timers bfdd negotiated for a session, if asked for (bfdd, one
 * circuit's show only) and known.
 */
static bool er_session_bfd_timers(const struct er_bfdd_sessions *bfdd,
				  const struct er_circuit *circuit,
				  const struct er_session_report *r,
				  struct er_bfd_timers *timers)
{
	return bfdd && r->bfd != ER_BFD_DISABLED
	       && er_bfdd_timers(bfdd, circuit->vrf, r->neighbor, timers);
}

static json_object *er_session_json(const struct er_session_report *r,
				    int af, enum er_role role,
				    const struct er_bfd_timers *timers)
{
	json_object *js = json_object_new_object();

	json_object_string_add(js, "role", er_role2str(role));
	json_object_string_add(js, "addressFamily", er_family_names[af]);
	json_object_string_add(js, "neighbor", r->neighbor);
	if (r->local[0])
		json_object_string_add(js, "localAddress", r->local);
	json_object_string_add(js, "state", r->state);
	json_object_string_add(js, "bfd", er_bfd_status2str(r->bfd));
	if (timers) {
		json_object_int_add(js, "bfdTransmitMsec", timers->tx_msec);
		json_object_int_add(js, "bfdDetectMsec", timers->detect_msec);
		json_object_int_add(js, "bfdMseeMinReceiveMsec",
				    timers->remote_min_rx_msec);
	}
	json_object_int_add(js, "prefixesReceived", r->prefixes_received);
	json_object_int_add(js, "prefixesSent", r->prefixes_sent);
	json_object_int_add(js, "prefixLimitOut", r->limit_out);
	json_object_double_add(js, "availabilityPercent", r->availability);
	json_object_double_add(js, "availabilityLastHourPercent",
			       r->availability_hour);
	json_object_double_add(js, "availabilityLastDayPercent",
			       r->availability_day);
	json_object_int_add(js, "flaps", r->flaps);
	json_object_int_add(js, "uptimeMsec", r->uptime_msec);
	json_object_int_add(js, "updatesPerMinute", r->updates_per_minute);
	if (r->down_reason[0])
		json_object_string_add(js, "downReason", r->down_reason);
	if (r->last_reset[0])
		json_object_string_add(js, "lastResetReason", r->last_reset);
	if (r->drift[0])
		json_object_string_add(js, "drift", r->drift);
	return js;
}

/*
 * A peering: its verdict, reasons and sessions, from the settings derived
 * at commit (no model data is read).
 */
static json_object *er_peering_json(struct er_peering *peering,
				    struct er_verdict_result *result,
				    er_peering_reports *reports,
				    const struct er_bfdd_sessions *bfdd)
{
	const struct er_desired *d = &peering->desired;
	json_object *jp = json_object_new_object();
	json_object *jreasons = json_object_new_array();
	json_object *jsessions = json_object_new_array();

	json_object_string_add(jp, "type", er_peering_type2str(peering->type));
	if (d->has_vlan)
		json_object_int_add(jp, "vlanId", d->vlan_id);
	json_object_string_add(jp, "redundancy",
			       er_redundancy2str(d->standby
							 ? ER_REDUNDANCY_ACTIVE_STANDBY
							 : ER_REDUNDANCY_ACTIVE_ACTIVE));
	json_object_boolean_add(jp, "shutdown", d->shutdown);
	json_object_string_add(jp, "verdict", er_verdict2str(result->verdict));
	for (unsigned int i = 0; i < result->nreasons; i++)
		json_object_array_add(jreasons, json_object_new_string(
							result->reasons[i]));
	json_object_object_add(jp, "reasons", jreasons);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			const struct er_session_report *r = &(*reports)[af][role];
			struct er_bfd_timers timers;

			if (!r->configured)
				continue;
			json_object_array_add(
				jsessions,
				er_session_json(r, af, role,
						er_session_bfd_timers(
							bfdd, peering->circuit,
							r, &timers)
							? &timers
							: NULL));
		}
	json_object_object_add(jp, "sessions", jsessions);
	return jp;
}

/* The circuit's properties as committed (no model data is read). */
static void er_circuit_props_json(json_object *jc,
				  const struct er_circuit *circuit)
{
	static const char *const text_keys[ER_TEXT_MAX] = {
		[ER_TEXT_DESCRIPTION] = "description",
		[ER_TEXT_SERVICE_KEY] = "serviceKey",
		[ER_TEXT_PROVIDER] = "provider",
		[ER_TEXT_LOCATION] = "location",
		[ER_TEXT_DIRECT_PORT] = "directPort",
	};

	for (int i = 0; i < ER_TEXT_MAX; i++)
		if (circuit->text[i])
			json_object_string_add(jc, text_keys[i],
					       circuit->text[i]);
	if (circuit->sku >= 0)
		json_object_string_add(jc, "sku", er_sku2str(circuit->sku));
	if (circuit->billing >= 0)
		json_object_string_add(jc, "billing",
				       er_billing2str(circuit->billing));
	if (circuit->connectivity >= 0)
		json_object_string_add(jc, "connectivity",
				       er_connectivity2str(
					       circuit->connectivity));
	if (circuit->port_speed >= 0)
		json_object_string_add(jc, "portSpeed",
				       er_port_speed2str(circuit->port_speed));
	if (circuit->encapsulation >= 0)
		json_object_string_add(jc, "encapsulation",
				       er_encapsulation2str(
					       circuit->encapsulation));
	if (circuit->bandwidth)
		json_object_int_add(jc, "bandwidthMbps", circuit->bandwidth);
}

/*
 * communities: walk the received routes for the summary per region and
 * service (one circuit's show only).
 */
static json_object *er_circuit_json(struct er_circuit *circuit,
				    bool with_sessions, bool communities,
				    const struct er_bfdd_sessions *bfdd)
{
	json_object *jc = json_object_new_object();
	json_object *jpeerings = json_object_new_array();
	struct er_verdict_result result;
	er_peering_reports reports;

	json_object_string_add(jc, "name", circuit->name);
	json_object_string_add(jc, "vrf", circuit->vrf);
	er_circuit_props_json(jc, circuit);

	for (int type = 0; type < ER_PEERING_MAX; type++) {
		struct er_peering *peering = circuit->peerings[type];
		json_object *jp;

		if (!peering || !peering->desired.derived)
			continue;
		er_peering_evaluate(peering, &result, &reports);
		jp = er_peering_json(peering, &result, &reports, bfdd);
		if (!with_sessions)
			json_object_object_del(jp, "sessions");
		if (communities) {
			struct er_community_summary summary;

			er_routes_summarize(peering, &summary);
			json_object_object_add(jp, "communities",
					       er_routes_summary_json(&summary));
		}
		json_object_array_add(jpeerings, jp);
	}
	json_object_string_add(jc, "verdict",
			       er_verdict2str(er_circuit_evaluate(circuit)));
	json_object_object_add(jc, "peerings", jpeerings);
	return jc;
}

/* One line per peering and address family. */
static void er_show_summary_peering(struct vty *vty, struct er_peering *peering)
{
	struct er_verdict_result result;
	er_peering_reports reports;
	char sent[32], avail[16];

	if (!peering->desired.derived)
		return;
	er_peering_evaluate(peering, &result, &reports);
	for (int af = 0; af < ER_AFI_COUNT; af++) {
		const struct er_session_report *r = reports[af];

		if (!r[0].configured && !r[1].configured && af)
			continue;
		snprintf(sent, sizeof(sent), "%u/%u",
			 MAX(r[0].prefixes_sent, r[1].prefixes_sent),
			 MAX(r[0].limit_out, r[1].limit_out));
		snprintf(avail, sizeof(avail), "%.1f",
			 MIN(r[0].configured ? r[0].availability : 0,
			     r[1].configured ? r[1].availability : 0));
		vty_out(vty, "%-16s %-8s %-9s %-10s %-4s %-12s %-12s %-11s %s\n",
			peering->circuit->name, peering->circuit->vrf,
			er_peering_type2str(peering->type),
			er_verdict2str(result.verdict), er_family_names[af],
			r[0].configured ? r[0].state : "-",
			r[1].configured ? r[1].state : "-", sent, avail);
	}
}

static bool er_vrf_match(const struct er_circuit *circuit, const char *vrf_name,
			 const char *vrf_all)
{
	if (vrf_all)
		return true;
	return strcmp(circuit->vrf, vrf_name ? vrf_name : ER_VRF_DEFAULT) == 0;
}

DEFPY(show_expressroute, show_expressroute_cmd,
      "show expressroute [vrf <NAME$vrf_name|all$vrf_all>] [json$uj]",
      SHOW_STR ER_STR VRF_CMD_HELP_STR "All VRFs\n" JSON_STR)
{
	json_object *json = NULL, *jcircuits = NULL;
	struct er_circuit *circuit;

	if (uj) {
		json = json_object_new_object();
		jcircuits = json_object_new_array();
		json_object_object_add(json, "circuits", jcircuits);
	} else
		vty_out(vty, "%-16s %-8s %-9s %-10s %-4s %-12s %-12s %-11s %s\n",
			"Circuit", "VRF", "Peering", "Verdict", "AF", "Primary",
			"Secondary", "Sent/Limit", "Avail%");

	frr_each (er_circuits, &er_circuits, circuit) {
		if (!er_vrf_match(circuit, vrf_name, vrf_all))
			continue;
		if (uj) {
			json_object_array_add(jcircuits,
					      er_circuit_json(circuit, true, false, NULL));
			continue;
		}
		for (int type = 0; type < ER_PEERING_MAX; type++)
			if (circuit->peerings[type])
				er_show_summary_peering(
					vty, circuit->peerings[type]);
	}

	if (uj)
		return vty_json(vty, json);
	return CMD_SUCCESS;
}

static struct er_circuit *er_circuit_lookup(const char *vrf, const char *name)
{
	return er_circuit_find(vrf ? vrf : ER_VRF_DEFAULT, name);
}

static void er_show_circuit_text(struct vty *vty, struct er_circuit *circuit,
				 const struct er_bfdd_sessions *bfdd)
{
	struct er_community_summary summary;
	struct er_verdict_result result;
	er_peering_reports reports;

	vty_out(vty, "Circuit %s, vrf %s: %s\n", circuit->name, circuit->vrf,
		er_verdict2str(er_circuit_evaluate(circuit)));
	for (int type = 0; type < ER_PEERING_MAX; type++) {
		struct er_peering *peering = circuit->peerings[type];

		if (!peering || !peering->desired.derived)
			continue;
		er_peering_evaluate(peering, &result, &reports);
		vty_out(vty, "  Peering %s: %s\n",
			er_peering_type2str(peering->type),
			er_verdict2str(result.verdict));
		for (unsigned int i = 0; i < result.nreasons; i++)
			vty_out(vty, "    - %s\n", result.reasons[i]);
		er_routes_summarize(peering, &summary);
		er_routes_summary_vty(vty, &summary);
		for (int af = 0; af < ER_AFI_COUNT; af++)
			for (int role = 0; role < ER_ROLE_MAX; role++) {
				const struct er_session_report r =
					reports[af][role];
				struct er_bfd_timers t;
				char bfd[80];

				if (!r.configured)
					continue;
				if (er_session_bfd_timers(bfdd, circuit, &r,
							  &t))
					snprintf(bfd, sizeof(bfd),
						 "%s (tx %u ms, detect %u ms)",
						 er_bfd_status2str(r.bfd),
						 t.tx_msec, t.detect_msec);
				else
					strlcpy(bfd, er_bfd_status2str(r.bfd),
						sizeof(bfd));
				vty_out(vty,
					"    %s %s, neighbor %s: %s, BFD %s, uptime %" PRIu64
					" s, flaps %u\n",
					er_family_names[af], er_role2str(role),
					r.neighbor, r.state, bfd,
					r.uptime_msec / 1000, r.flaps);
				vty_out(vty,
					"      prefixes received %u, sent %u of %u, availability %.3f%% (hour %.3f%%, day %.3f%%), %u updates/min\n",
					r.prefixes_received, r.prefixes_sent,
					r.limit_out, r.availability,
					r.availability_hour,
					r.availability_day,
					r.updates_per_minute);
				if (r.down_reason[0])
					vty_out(vty, "      not up: %s\n",
						r.down_reason);
				if (r.last_reset[0])
					vty_out(vty, "      last reset: %s\n",
						r.last_reset);
				if (r.drift[0])
					vty_out(vty,
						"      differs from the model: %s\n",
						r.drift);
			}
	}
}

/* A circuit named in a show command that is not there: {} in JSON. */
static int er_show_no_circuit(struct vty *vty, const char *name,
			      const char *vrf_name, bool uj)
{
	if (uj) {
		vty_out(vty, "{}\n");
		return CMD_SUCCESS;
	}
	vty_out(vty, "%% No ExpressRoute circuit %s in vrf %s\n", name,
		vrf_name ? vrf_name : ER_VRF_DEFAULT);
	return CMD_WARNING;
}

DEFPY(show_expressroute_circuit, show_expressroute_circuit_cmd,
      "show expressroute circuit WORD$name [vrf NAME$vrf_name] [json$uj]",
      SHOW_STR ER_STR "ExpressRoute circuit\n"
      "Circuit name\n" VRF_CMD_HELP_STR JSON_STR)
{
	struct er_circuit *circuit = er_circuit_lookup(vrf_name, name);
	struct er_bfdd_sessions *bfdd;

	if (!circuit)
		return er_show_no_circuit(vty, name, vrf_name, uj);
	/* one circuit: worth asking bfdd for its negotiated timers */
	bfdd = er_bfdd_sessions_get();
	if (uj)
		vty_json(vty, er_circuit_json(circuit, true, true, bfdd));
	else
		er_show_circuit_text(vty, circuit, bfdd);
	er_bfdd_sessions_free(bfdd);
	return CMD_SUCCESS;
}

DEFPY(show_expressroute_circuit_routes, show_expressroute_circuit_routes_cmd,
      "show expressroute circuit WORD$name [vrf NAME$vrf_name] routes [peering <private|microsoft>$type] [json$uj]",
      SHOW_STR ER_STR "ExpressRoute circuit\n"
      "Circuit name\n" VRF_CMD_HELP_STR
      "Routes received from Microsoft, with its communities decoded\n"
      "One peering only\n"
      "Azure private peering\n"
      "Microsoft peering\n" JSON_STR)
{
	struct er_circuit *circuit = er_circuit_lookup(vrf_name, name);
	json_object *json = NULL, *jpeerings = NULL;

	if (!circuit)
		return er_show_no_circuit(vty, name, vrf_name, uj);
	if (uj) {
		json = json_object_new_object();
		jpeerings = json_object_new_array();
		json_object_string_add(json, "name", circuit->name);
		json_object_string_add(json, "vrf", circuit->vrf);
		json_object_object_add(json, "peerings", jpeerings);
	} else
		vty_out(vty, "Circuit %s, vrf %s\n", circuit->name,
			circuit->vrf);
	for (int t = 0; t < ER_PEERING_MAX; t++) {
		struct er_peering *peering = circuit->peerings[t];
		json_object *jp = NULL;

		if (!peering || !peering->desired.derived
		    || (type && strcmp(type, er_peering_type2str(t)) != 0))
			continue;
		if (uj) {
			jp = json_object_new_object();
			json_object_array_add(jpeerings, jp);
		}
		er_routes_show(vty, peering, jp);
	}
	/* a table's worth: compact, as bgpd prints its own route tables */
	if (uj)
		return vty_json_no_pretty(vty, json);
	return CMD_SUCCESS;
}

DEFPY(show_expressroute_communities, show_expressroute_communities_cmd,
      "show expressroute communities [json$uj]",
      SHOW_STR ER_STR
      "The BGP communities Microsoft attaches, as the module decodes them\n"
      JSON_STR)
{
	json_object *json = NULL, *jregions = NULL, *jservices = NULL;

	if (uj) {
		json = json_object_new_object();
		jregions = json_object_new_object();
		jservices = json_object_new_object();
		json_object_object_add(json, "regions", jregions);
		json_object_object_add(json, "services", jservices);
	} else
		vty_out(vty, "%-20s %-22s %-20s %s\n", "Region", "Name",
			"Geopolitical", "12076: private microsoft storage sql cosmosdb backup");
	for (unsigned int i = 0; i < er_region_count; i++) {
		const struct er_region *r = &er_regions[i];

		if (uj) {
			json_object *jr = json_object_new_object();

			json_object_string_add(jr, "regionName", r->name);
			json_object_string_add(jr, "geopolitical",
					       er_geo_names[r->geo]);
			for (int col = 0; col < ER_COLUMN_MAX; col++) {
				char value[16];

				if (!r->value[col])
					continue;
				snprintf(value, sizeof(value), "%u:%u",
					 ER_COMMUNITY_ASN, r->value[col]);
				json_object_string_add(
					jr, er_region_column2str(col), value);
			}
			json_object_object_add(jregions, r->key, jr);
			continue;
		}
		vty_out(vty, "%-20s %-22s %-20s", r->key, r->name,
			er_geo_names[r->geo]);
		for (int col = 0; col < ER_COLUMN_MAX; col++)
			if (r->value[col])
				vty_out(vty, " %u", r->value[col]);
			else
				vty_out(vty, " -");
		vty_out(vty, "\n");
	}
	if (!uj)
		vty_out(vty, "\n%-20s %-48s %-14s %s\n", "Service", "Name",
			"Cloud", "Community");
	for (unsigned int i = 0; i < er_service_count; i++) {
		const struct er_service *sv = &er_services[i];
		char value[16];

		snprintf(value, sizeof(value), "%u:%u", ER_COMMUNITY_ASN,
			 sv->value);
		if (uj) {
			json_object *jsv = json_object_new_object();

			json_object_string_add(jsv, "serviceName", sv->name);
			json_object_string_add(jsv, "cloud", sv->cloud);
			json_object_string_add(jsv, "community", value);
			json_object_object_add(jservices, sv->key, jsv);
			continue;
		}
		vty_out(vty, "%-20s %-48s %-14s %s\n", sv->key, sv->name,
			sv->cloud, value);
	}
	if (uj)
		return vty_json(vty, json);
	return CMD_SUCCESS;
}

DEFPY(clear_expressroute_statistics, clear_expressroute_statistics_cmd,
      "clear expressroute statistics [circuit WORD$name [vrf NAME$vrf_name]]",
      CLEAR_STR ER_STR
      "Availability, flaps and churn counters\n"
      "ExpressRoute circuit\n"
      "Circuit name\n" VRF_CMD_HELP_STR)
{
	struct er_circuit *circuit = NULL;

	if (name) {
		circuit = er_circuit_lookup(vrf_name, name);
		if (!circuit) {
			vty_out(vty, "%% No ExpressRoute circuit %s in vrf %s\n",
				name, vrf_name ? vrf_name : ER_VRF_DEFAULT);
			return CMD_WARNING;
		}
	}
	er_health_clear(circuit);
	zlog_notice("expressroute: statistics cleared (%s)",
		    name ? name : "all circuits");
	return CMD_SUCCESS;
}

DEFPY(debug_expressroute, debug_expressroute_cmd, "[no] debug expressroute",
      NO_STR DEBUG_STR ER_STR)
{
	er_debug = !no;
	return CMD_SUCCESS;
}

DEFPY(er_reconcile, er_reconcile_cmd,
      "expressroute reconcile [vrf NAME$vrf_name]",
      ER_STR
      "Apply the circuits to bgpd again, undoing changes made by hand\n"
      VRF_CMD_HELP_STR)
{
	unsigned int count = er_reconcile_all(vrf_name);

	vty_out(vty, "%u peering%s reconciled\n", count, count == 1 ? "" : "s");
	return CMD_SUCCESS;
}

void er_show_init(void)
{
	install_element(VIEW_NODE, &show_expressroute_cmd);
	install_element(VIEW_NODE, &show_expressroute_circuit_cmd);
	install_element(VIEW_NODE, &show_expressroute_circuit_routes_cmd);
	install_element(VIEW_NODE, &show_expressroute_communities_cmd);
	install_element(ENABLE_NODE, &er_reconcile_cmd);
	install_element(ENABLE_NODE, &clear_expressroute_statistics_cmd);
	install_element(ENABLE_NODE, &debug_expressroute_cmd);
	install_element(CONFIG_NODE, &debug_expressroute_cmd);
}
