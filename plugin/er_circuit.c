// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Owns the module's circuit, peering and session objects: their
 * allocation and freeing, the registries that find them, and the memory
 * group of the module.  See er_circuit.h.
 */

#include <zebra.h>

#include "lib/hash.h"
#include "lib/memory.h"

#include "bgpd/bgpd.h"

#include "er_circuit.h"

DEFINE_MGROUP(EXPRESSROUTE, "ExpressRoute module");
DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_CIRCUIT, "ExpressRoute circuit");
DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_PEERING, "ExpressRoute peering");
DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_CIRCUIT_TEXT, "ExpressRoute circuit text");
DEFINE_MTYPE(EXPRESSROUTE, ER_DESIRED, "ExpressRoute peering setting");
DEFINE_MTYPE(EXPRESSROUTE, ER_SESSION_STATS,
	     "ExpressRoute session statistics");
DEFINE_MTYPE(EXPRESSROUTE, ER_HEALTH, "ExpressRoute health text");

const char *const er_circuit_text_leafs[ER_TEXT_MAX] = {
	[ER_TEXT_DESCRIPTION] = "description",
	[ER_TEXT_SERVICE_KEY] = "service-key",
	[ER_TEXT_PROVIDER] = "provider",
	[ER_TEXT_LOCATION] = "location",
	[ER_TEXT_DIRECT_PORT] = "direct-port",
};

/*
 * Circuits
 */
struct er_circuits_head er_circuits = INIT_RBTREE_UNIQ(er_circuits);

int er_circuit_cmp(const struct er_circuit *a, const struct er_circuit *b)
{
	int ret = strcmp(a->vrf, b->vrf);

	return ret ? ret : strcmp(a->name, b->name);
}

struct er_circuit *er_circuit_new(const char *vrf, const char *name)
{
	struct er_circuit *circuit = XCALLOC(MTYPE_ER_CIRCUIT, sizeof(*circuit));

	strlcpy(circuit->vrf, vrf, sizeof(circuit->vrf));
	strlcpy(circuit->name, name, sizeof(circuit->name));
	circuit->sku = circuit->billing = circuit->connectivity =
		circuit->port_speed = circuit->encapsulation = -1;
	er_circuits_add(&er_circuits, circuit);
	return circuit;
}

void er_circuit_free(struct er_circuit *circuit)
{
	for (int type = 0; type < ER_PEERING_MAX; type++)
		if (circuit->peerings[type])
			er_peering_free(circuit->peerings[type]);
	for (int i = 0; i < ER_TEXT_MAX; i++)
		XFREE(MTYPE_ER_CIRCUIT_TEXT, circuit->text[i]);
	er_circuits_del(&er_circuits, circuit);
	XFREE(MTYPE_ER_CIRCUIT, circuit);
}

/*
 * Nothing else frees them at shutdown: the northbound calls no destroy
 * callbacks then, and FRR reports what a daemon still holds at exit.
 */
void er_circuits_free_all(void)
{
	struct er_circuit *circuit;

	while ((circuit = er_circuits_first(&er_circuits)))
		er_circuit_free(circuit);
}

struct er_circuit *er_circuit_find(const char *vrf, const char *name)
{
	struct er_circuit key = {};

	strlcpy(key.vrf, vrf, sizeof(key.vrf));
	strlcpy(key.name, name, sizeof(key.name));
	return er_circuits_find(&er_circuits, &key);
}

void er_circuit_text_set(struct er_circuit *circuit, enum er_circuit_text text,
			 const char *value)
{
	XFREE(MTYPE_ER_CIRCUIT_TEXT, circuit->text[text]);
	if (value)
		circuit->text[text] = XSTRDUP(MTYPE_ER_CIRCUIT_TEXT, value);
}

/*
 * Peerings
 */
struct er_peering *er_peering_new(struct er_circuit *circuit,
				  enum er_peering_type type)
{
	struct er_peering *peering = XCALLOC(MTYPE_ER_PEERING, sizeof(*peering));

	peering->circuit = circuit;
	peering->type = type;
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			peering->sessions[af][role].peering = peering;
			peering->sessions[af][role].af = af;
			peering->sessions[af][role].role = role;
		}
	circuit->peerings[type] = peering;
	return peering;
}

void er_peering_free(struct er_peering *peering)
{
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			er_session_set(&peering->sessions[af][role], NULL);
			er_session_stats_free(&peering->sessions[af][role]);
		}
	for (int af = 0; af < ER_AFI_COUNT; af++)
		er_prefix_diff_clear(&peering->diff[af]);
	er_desired_clear(&peering->desired);
	peering->circuit->peerings[peering->type] = NULL;
	XFREE(MTYPE_ER_PEERING, peering);
}

void er_desired_clear(struct er_desired *d)
{
	XFREE(MTYPE_ER_DESIRED, d->password);
	XFREE(MTYPE_ER_DESIRED, d->route_map_in);
	XFREE(MTYPE_ER_DESIRED, d->route_map_out);
	XFREE(MTYPE_ER_DESIRED, d->advertise);
	memset(d, 0, sizeof(*d));
}

/*
 * Sessions
 */
struct er_sessions_head er_sessions = INIT_HASH(er_sessions);

int er_session_cmp(const struct er_session *a, const struct er_session *b)
{
	int ret = strcmp(a->peering->circuit->vrf, b->peering->circuit->vrf);

	return ret ? ret : sockunion_cmp(&a->neighbor, &b->neighbor);
}

uint32_t er_session_hash(const struct er_session *session)
{
	return sockunion_hash(&session->neighbor)
	       ^ string_hash_make(session->peering->circuit->vrf);
}

struct er_session *er_session_find(const char *vrf,
				   const union sockunion *neighbor)
{
	struct er_circuit circuit = {};
	struct er_peering peering = {.circuit = &circuit};
	struct er_session key = {.peering = &peering};

	strlcpy(circuit.vrf, vrf, sizeof(circuit.vrf));
	key.neighbor = *neighbor;
	return er_sessions_find(&er_sessions, &key);
}

void er_session_set(struct er_session *session,
		    const union sockunion *neighbor)
{
	if (session->present)
		er_sessions_del(&er_sessions, session);
	session->present = neighbor != NULL;
	if (!neighbor)
		return;
	session->neighbor = *neighbor;
	er_sessions_add(&er_sessions, session);
}

void er_session_stats_free(struct er_session *session)
{
	XFREE(MTYPE_ER_SESSION_STATS, session->stats);
}

void er_prefix_diff_clear(struct er_prefix_diff *diff)
{
	XFREE(MTYPE_ER_HEALTH, diff->sent);
	XFREE(MTYPE_ER_HEALTH, diff->received);
	XFREE(MTYPE_ER_HEALTH, diff->overlap);
	memset(diff, 0, sizeof(*diff));
}

/*
 * VRFs
 */
const char *er_bgp_vrf_name(const struct bgp *bgp)
{
	return bgp->name ? bgp->name : ER_VRF_DEFAULT;
}

struct bgp *er_bgp_of_vrf(const char *vrf)
{
	return strcmp(vrf, ER_VRF_DEFAULT) == 0 ? bgp_get_default()
						 : bgp_lookup_by_name(vrf);
}
