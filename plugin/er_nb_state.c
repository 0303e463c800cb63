// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute operational data: the config-false state of circuits,
 * peerings and sessions, from the same health evaluation as the show
 * commands (`show yang operational-data /frr-expressroute:expressroute
 * bgpd`).
 *
 * List entries are the running objects: an instance is represented by the
 * first circuit of its VRF (circuits are ordered by VRF, then name), a
 * circuit by its er_circuit, a peering by its er_peering, a session by its
 * er_session.
 */

#include <zebra.h>

#include "lib/northbound.h"
#include "lib/sockunion.h"
#include "lib/yang.h"

#include "er_circuit.h"
#include "er_health.h"
#include "er_nb.h"

/*
 * XPath: /frr-expressroute:expressroute/instance
 */
const void *expressroute_instance_get_next(struct nb_cb_get_next_args *args)
{
	const struct er_circuit *prev = args->list_entry, *circuit;

	if (!prev)
		return er_circuits_const_first(&er_circuits);
	/* the first circuit of the next VRF */
	for (circuit = er_circuits_const_next(&er_circuits, prev); circuit;
	     circuit = er_circuits_const_next(&er_circuits, circuit))
		if (strcmp(circuit->vrf, prev->vrf) != 0)
			return circuit;
	return NULL;
}

int expressroute_instance_get_keys(struct nb_cb_get_keys_args *args)
{
	const struct er_circuit *circuit = args->list_entry;

	args->keys->num = 1;
	strlcpy(args->keys->key[0], circuit->vrf, sizeof(args->keys->key[0]));
	return NB_OK;
}

const void *
expressroute_instance_lookup_entry(struct nb_cb_lookup_entry_args *args)
{
	struct er_circuit key = {};
	const struct er_circuit *circuit;

	strlcpy(key.vrf, args->keys->key[0], sizeof(key.vrf));
	circuit = er_circuits_find_gteq(&er_circuits, &key);
	return circuit && strcmp(circuit->vrf, key.vrf) == 0 ? circuit : NULL;
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit
 */
const void *
expressroute_instance_circuit_get_next(struct nb_cb_get_next_args *args)
{
	const struct er_circuit *first = args->parent_list_entry;
	const struct er_circuit *next;

	if (!args->list_entry)
		return first;
	next = er_circuits_const_next(&er_circuits, args->list_entry);
	return next && strcmp(next->vrf, first->vrf) == 0 ? next : NULL;
}

int expressroute_instance_circuit_get_keys(struct nb_cb_get_keys_args *args)
{
	const struct er_circuit *circuit = args->list_entry;

	args->keys->num = 1;
	strlcpy(args->keys->key[0], circuit->name, sizeof(args->keys->key[0]));
	return NB_OK;
}

const void *expressroute_instance_circuit_lookup_entry(
	struct nb_cb_lookup_entry_args *args)
{
	const struct er_circuit *instance = args->parent_list_entry;

	return er_circuit_find(instance->vrf, args->keys->key[0]);
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/state/verdict
 */
struct yang_data *expressroute_instance_circuit_state_verdict_get_elem(
	struct nb_cb_get_elem_args *args)
{
	const struct er_circuit *circuit = args->list_entry;

	return yang_data_new_string(
		args->xpath, er_verdict2str(er_circuit_evaluate(circuit)));
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/peering
 */
const void *
expressroute_instance_circuit_peering_get_next(struct nb_cb_get_next_args *args)
{
	const struct er_circuit *circuit = args->parent_list_entry;
	const struct er_peering *prev = args->list_entry;
	int type = prev ? (int)prev->type + 1 : 0;

	for (; type < ER_PEERING_MAX; type++)
		if (circuit->peerings[type])
			return circuit->peerings[type];
	return NULL;
}

int expressroute_instance_circuit_peering_get_keys(
	struct nb_cb_get_keys_args *args)
{
	const struct er_peering *peering = args->list_entry;

	args->keys->num = 1;
	strlcpy(args->keys->key[0], er_peering_type2str(peering->type),
		sizeof(args->keys->key[0]));
	return NB_OK;
}

const void *expressroute_instance_circuit_peering_lookup_entry(
	struct nb_cb_lookup_entry_args *args)
{
	const struct er_circuit *circuit = args->parent_list_entry;
	enum er_peering_type type;

	if (!er_str2peering_type(args->keys->key[0], &type))
		return NULL;
	return circuit->peerings[type];
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/peering/state/verdict
 * and .../state/reasons.  The reasons are a leaf-list: FRR asks for them
 * one by one, so the evaluation that lists them is kept from the first
 * (prev NULL) to the last; the verdict is always evaluated afresh.
 */
static struct {
	const struct er_peering *peering;
	struct er_verdict_result result;
} er_reasons_cache;

struct yang_data *expressroute_instance_circuit_peering_state_verdict_get_elem(
	struct nb_cb_get_elem_args *args)
{
	struct er_verdict_result result;

	er_peering_evaluate(args->list_entry, &result, NULL);
	return yang_data_new_string(args->xpath,
				    er_verdict2str(result.verdict));
}

const void *expressroute_instance_circuit_peering_state_reasons_get_next(
	struct nb_cb_get_next_args *args)
{
	const struct er_verdict_result *result = &er_reasons_cache.result;
	const char *prev = args->list_entry;
	unsigned int next = 0;

	if (!prev || er_reasons_cache.peering != args->parent_list_entry) {
		er_peering_evaluate(args->parent_list_entry,
				    &er_reasons_cache.result, NULL);
		er_reasons_cache.peering = args->parent_list_entry;
	} else
		next = (prev - result->reasons[0]) / ER_MSG_SIZE + 1;
	return next < result->nreasons ? result->reasons[next] : NULL;
}

struct yang_data *expressroute_instance_circuit_peering_state_reasons_get_elem(
	struct nb_cb_get_elem_args *args)
{
	return yang_data_new_string(args->xpath, args->list_entry);
}

/*
 * XPath: .../peering/state/communities: the summary health keeps (walked
 * when the routes changed, never for a query); nothing while there is
 * none.  The leaf-lists' entries are the table's own region and service
 * entries.
 */
struct yang_data *
expressroute_instance_circuit_peering_state_communities_leaf_get_elem(
	struct nb_cb_get_elem_args *args)
{
	const struct er_peering *peering = args->list_entry;
	const struct er_community_summary *sum = &peering->communities;
	const char *leaf = strrchr(args->xpath, '/') + 1;
	uint32_t value;

	if (!sum->valid)
		return NULL;
	if (strcmp(leaf, "prefixes") == 0)
		value = sum->prefixes;
	else if (strcmp(leaf, "without-regional-community") == 0)
		value = sum->untagged;
	else
		value = sum->unknown;
	return yang_data_new_uint32(args->xpath, value);
}

const void *
expressroute_instance_circuit_peering_state_communities_region_get_next(
	struct nb_cb_get_next_args *args)
{
	const struct er_peering *peering = args->parent_list_entry;
	const struct er_region *prev = args->list_entry;
	unsigned int i = prev ? prev - er_regions + 1 : 0;

	if (!peering->communities.valid)
		return NULL;
	for (; i < er_region_count; i++)
		if (peering->communities.region[i])
			return &er_regions[i];
	return NULL;
}

const void *
expressroute_instance_circuit_peering_state_communities_service_get_next(
	struct nb_cb_get_next_args *args)
{
	const struct er_peering *peering = args->parent_list_entry;
	const struct er_service *prev = args->list_entry;
	unsigned int i = prev ? prev - er_services + 1 : 0;

	if (!peering->communities.valid)
		return NULL;
	for (; i < er_service_count; i++)
		if (peering->communities.service[i])
			return &er_services[i];
	return NULL;
}

/* Both leaf-lists: a region's or a service's key, the first member. */
struct yang_data *
expressroute_instance_circuit_peering_state_communities_name_get_elem(
	struct nb_cb_get_elem_args *args)
{
	const char *leaf = strrchr(args->xpath, '/') + 1;

	if (strncmp(leaf, "region", 6) == 0)
		return yang_data_new_string(
			args->xpath,
			((const struct er_region *)args->list_entry)->key);
	return yang_data_new_string(
		args->xpath, ((const struct er_service *)args->list_entry)->key);
}

/*
 * XPath: /frr-expressroute:expressroute/instance/circuit/peering/state/session
 *
 * The reports of a peering's sessions are made once per query of its
 * sessions: when FRR starts to iterate over them (prev NULL) or looks one
 * up by its key, and served to each leaf from there.  FRR asks for no list
 * key leaf (neighbor) when it iterates, so the key is no point to refresh.
 */
static struct {
	const struct er_peering *peering;
	er_peering_reports reports;
} er_report_cache;

static void er_report_refresh(const struct er_peering *peering)
{
	er_peering_report(peering, &er_report_cache.reports);
	er_report_cache.peering = peering;
}

const void *expressroute_instance_circuit_peering_state_session_get_next(
	struct nb_cb_get_next_args *args)
{
	const struct er_peering *peering = args->parent_list_entry;
	const struct er_session *prev = args->list_entry;
	int index = prev ? prev->af * ER_ROLE_MAX + prev->role + 1 : 0;

	if (!prev)
		er_report_refresh(peering);

	for (; index < ER_AFI_COUNT * ER_ROLE_MAX; index++) {
		const struct er_session *session =
			&peering->sessions[index / ER_ROLE_MAX]
					  [index % ER_ROLE_MAX];

		if (session->present)
			return session;
	}
	return NULL;
}

int expressroute_instance_circuit_peering_state_session_get_keys(
	struct nb_cb_get_keys_args *args)
{
	const struct er_session *session = args->list_entry;

	args->keys->num = 1;
	sockunion2str(&session->neighbor, args->keys->key[0],
		      sizeof(args->keys->key[0]));
	return NB_OK;
}

const void *expressroute_instance_circuit_peering_state_session_lookup_entry(
	struct nb_cb_lookup_entry_args *args)
{
	const struct er_peering *peering = args->parent_list_entry;
	union sockunion su;

	if (str2sockunion(args->keys->key[0], &su) < 0)
		return NULL;
	er_report_refresh(peering);
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++)
			if (peering->sessions[af][role].present
			    && sockunion_same(&peering->sessions[af][role]
							.neighbor,
					      &su))
				return &peering->sessions[af][role];
	return NULL;
}

/* decimal64 with 3 fraction digits, as the model declares percentages */
static struct yang_data *er_percent_data(const char *xpath, double value)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%.3f", value);
	return yang_data_new(xpath, buf);
}

/* Every leaf of a session, by name, from the peering's reports. */
struct yang_data *
expressroute_instance_circuit_peering_state_session_leaf_get_elem(
	struct nb_cb_get_elem_args *args)
{
	const struct er_session *session = args->list_entry;
	const char *leaf = strrchr(args->xpath, '/') + 1;
	const struct er_session_report *report;

	if (er_report_cache.peering != session->peering)
		er_report_refresh(session->peering);
	report = &er_report_cache.reports[session->af][session->role];

	if (strcmp(leaf, "neighbor") == 0)
		return yang_data_new_string(args->xpath, report->neighbor);
	if (strcmp(leaf, "role") == 0)
		return yang_data_new_string(args->xpath,
					    er_role2str(session->role));
	if (strcmp(leaf, "address-family") == 0)
		return yang_data_new_string(args->xpath,
					    session->af ? "ipv6" : "ipv4");
	if (strcmp(leaf, "state") == 0)
		return yang_data_new_string(args->xpath, report->state);
	if (strcmp(leaf, "bfd-status") == 0)
		return yang_data_new_string(args->xpath,
					    er_bfd_status2str(report->bfd));
	if (strcmp(leaf, "prefixes-received") == 0)
		return yang_data_new_uint32(args->xpath, report->prefixes_received);
	if (strcmp(leaf, "prefixes-sent") == 0)
		return yang_data_new_uint32(args->xpath, report->prefixes_sent);
	if (strcmp(leaf, "prefix-limit-out") == 0)
		return yang_data_new_uint32(args->xpath, report->limit_out);
	if (strcmp(leaf, "availability-percent") == 0)
		return er_percent_data(args->xpath, report->availability);
	if (strcmp(leaf, "availability-last-hour-percent") == 0)
		return er_percent_data(args->xpath, report->availability_hour);
	if (strcmp(leaf, "availability-last-day-percent") == 0)
		return er_percent_data(args->xpath, report->availability_day);
	if (strcmp(leaf, "flaps") == 0)
		return yang_data_new_uint32(args->xpath, report->flaps);
	if (strcmp(leaf, "uptime-msec") == 0)
		return yang_data_new_uint64(args->xpath, report->uptime_msec);
	if (strcmp(leaf, "updates-per-minute") == 0)
		return yang_data_new_uint32(args->xpath, report->updates_per_minute);
	if (strcmp(leaf, "drift") == 0 && report->drift[0])
		return yang_data_new_string(args->xpath, report->drift);
	if (strcmp(leaf, "down-reason") == 0 && report->down_reason[0])
		return yang_data_new_string(args->xpath, report->down_reason);
	if (strcmp(leaf, "last-reset") == 0 && report->last_reset[0])
		return yang_data_new_string(args->xpath, report->last_reset);
	return NULL;
}
