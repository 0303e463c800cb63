// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of frr-expressroute-import (plugin/import/, Check framework).
 *
 * The documents are Azure's published REST API examples (API 2025-03-01 and
 * 2025-07-01, tests/import/fixtures/README.md names each), fixtures written
 * from the same schema in the az CLI's flattened shape, a router state
 * captured from the lab (router-lab.json), and small documents inline for
 * one field each.  Every bad input is checked with its message, file and
 * JSON path.
 *
 * Build and run alone:
 *   gcc -std=gnu11 -Iplugin -Iplugin/import \
 *       -DIMPORT_FIXTURES='"tests/import/fixtures"' tests/unit/test_er_import.c \
 *       plugin/import/imp_{json,circuit,azure,yang,validate,emit,router,check}.c \
 *       plugin/er_rules.c $(pkg-config --cflags --libs check json-c) -lm -o t && ./t
 */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

#ifndef IMPORT_FIXTURES
#define IMPORT_FIXTURES "tests/import/fixtures"
#endif

/*
 * Helpers
 */
struct run {
	struct imp_azure az;
	struct imp_diags d;
};

static void run_init(struct run *r)
{
	imp_azure_init(&r->az);
	memset(&r->d, 0, sizeof(r->d));
}

static void run_free(struct run *r)
{
	imp_azure_free(&r->az);
	imp_diags_free(&r->d);
}

static char *diags_text(const struct imp_diags *d)
{
	struct imp_buf b = {0};

	for (size_t i = 0; i < d->count; i++)
		imp_buf_printf(&b, "  %s: %s\n",
			       d->items[i].severity == IMP_ERROR ? "error"
								 : "warning",
			       d->items[i].text);
	return imp_buf_take(&b);
}

#define expect_diag(d, sev, text)                                              \
	do {                                                                   \
		char *_all = diags_text(d);                                    \
		ck_assert_msg(imp_diags_contain(d, sev, text),                \
			      "no %s containing \"%s\" in:\n%s",               \
			      sev == IMP_ERROR ? "error" : "warning", text,    \
			      _all);                                           \
		free(_all);                                                    \
	} while (0)

#define expect_error(r, text) expect_diag(&(r)->d, IMP_ERROR, text)
#define expect_warning(r, text) expect_diag(&(r)->d, IMP_WARNING, text)
#define expect_no_error(r)                                                     \
	do {                                                                   \
		char *_all = diags_text(&(r)->d);                              \
		ck_assert_msg((r)->d.errors == 0, "errors:\n%s", _all);       \
		free(_all);                                                    \
	} while (0)

static char *fixture_text(const char *name, size_t *len)
{
	char path[512];
	struct imp_diags d = {0};
	char *text;

	snprintf(path, sizeof(path), "%s/%s", IMPORT_FIXTURES, name);
	text = imp_read_file(path, len, &d);
	ck_assert_msg(text, "cannot read fixture %s", path);
	imp_diags_free(&d);
	return text;
}

static json_object *parse(const char *name, const char *text, size_t len,
			  struct imp_diags *d)
{
	return imp_json_parse(text, len, name, d);
}

/* Add a document given as text; the display name is name. */
static bool add_text(struct run *r, const char *name, const char *text)
{
	json_object *doc = parse(name, text, strlen(text), &r->d);
	bool ok;

	if (!doc)
		return false;
	ok = imp_azure_add(&r->az, doc, name, &r->d);
	json_object_put(doc);
	return ok;
}

static bool add_fixture(struct run *r, const char *name)
{
	size_t len;
	char *text = fixture_text(name, &len);
	bool ok = add_text(r, name, text);

	free(text);
	return ok;
}

/* finish and validate, as the tool does */
static bool settle(struct run *r, uint32_t asn)
{
	if (r->d.errors || !imp_azure_finish(&r->az, &r->d))
		return false;
	return imp_validate(&r->az.circuit, asn, &r->d);
}

static char *vtysh_of(struct run *r, uint32_t asn)
{
	struct imp_options opt = {.asn = asn, .vrf = "default"};

	return imp_emit_vtysh(&r->az.circuit, &opt, NULL);
}

/* One inline peering (ARM shape) in a list, with its circuit's id. */
#define PEERING_ID                                                             \
	"/subscriptions/subid/resourceGroups/rg1/providers/"                   \
	"Microsoft.Network/expressRouteCircuits/c1/peerings/"

static const char *const lab_vtysh =
	"router bgp 100\n"
	" expressroute circuit circuitName\n"
	"  service-key a1410692-0000-4ceb-b94a-b90b94d398d1\n"
	"  provider providerName\n"
	"  location peeringLocation\n"
	"  bandwidth 200\n"
	"  sku standard\n"
	"  billing metered\n"
	"  peering private\n"
	"   vlan 200\n"
	"   ipv4 primary 10.0.0.0/30 secondary 10.0.0.4/30\n"
	"   ipv6 primary 3ffe:ffff:0:cd30::/126 secondary 3ffe:ffff:0:cd30::4/126\n"
	"  exit\n"
	"  peering microsoft\n"
	"   vlan 300\n"
	"   ipv4 primary 123.0.0.0/30 secondary 123.0.0.4/30\n"
	"   ipv6 primary 3ffe:ffff:0:cd30::8/126 secondary 3ffe:ffff:0:cd30::c/126\n"
	"   advertise 123.1.0.0/24\n"
	"   advertise 3ffe:ffff:0:cd31::/120\n"
	"  exit\n"
	" exit\n"
	"exit\n";

/* A valid private peering; %s adds members to its properties. */
static char *private_peering(const char *extra)
{
	struct imp_buf b = {0};

	imp_buf_printf(
		&b,
		"{\"value\": [{\"name\": \"AzurePrivatePeering\", \"id\": \"" PEERING_ID
		"AzurePrivatePeering\", \"type\": "
		"\"Microsoft.Network/expressRouteCircuits/peerings\", "
		"\"properties\": {\"peeringType\": "
		"\"AzurePrivatePeering\", \"azureASN\": 12076, \"peerASN\": 65010, "
		"\"primaryPeerAddressPrefix\": \"10.0.0.0/30\", "
		"\"secondaryPeerAddressPrefix\": \"10.0.0.4/30\", \"state\": "
		"\"Enabled\", \"vlanId\": 200%s%s}}]}",
		extra[0] ? ", " : "", extra);
	return imp_buf_take(&b);
}

/* Replace the first "from" in text (a copy) by "to". */
static char *replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct imp_buf b = {0};

	ck_assert_msg(at, "'%s' not in the document", from);
	imp_buf_printf(&b, "%.*s%s%s", (int)(at - text), text, to,
		       at + strlen(from));
	return imp_buf_take(&b);
}

/* Replace every "from" in text (a copy) by "to". */
static char *replace_all(const char *text, const char *from, const char *to)
{
	struct imp_buf b = {0};
	const char *at;

	while ((at = strstr(text, from))) {
		imp_buf_printf(&b, "%.*s%s", (int)(at - text), text, to);
		text = at + strlen(from);
	}
	imp_buf_printf(&b, "%s", text);
	return imp_buf_take(&b);
}

/* A fixture with one substitution, added to r. */
static bool add_fixture_with(struct run *r, const char *name,
			     const char *from, const char *to)
{
	size_t len;
	char *text = fixture_text(name, &len);
	char *changed = replace(text, from, to);
	bool ok = add_text(r, name, changed);

	free(text);
	free(changed);
	return ok;
}

/*
 * Azure's examples
 */
START_TEST(test_example_circuit)
{
	struct run r;
	const struct imp_circuit *c = &r.az.circuit;

	run_init(&r);
	ck_assert(add_fixture(&r, "arm-circuit-get.json"));
	ck_assert(settle(&r, 100));
	ck_assert_str_eq(c->name, "circuitName");
	ck_assert_str_eq(c->text[IMP_SERVICE_KEY],
			 "a1410692-0000-4ceb-b94a-b90b94d398d1");
	ck_assert_str_eq(c->text[IMP_PROVIDER], "providerName");
	ck_assert_str_eq(c->text[IMP_LOCATION], "peeringLocation");
	ck_assert(c->has_bandwidth && c->bandwidth == 200);
	ck_assert_int_eq(c->sku, ER_SKU_STANDARD);
	ck_assert_int_eq(c->billing, ER_BILLING_METERED);
	ck_assert_int_eq(c->connectivity, -1);
	ck_assert(!c->peering[0].present && !c->peering[1].present);
	/* what the example says about itself is reported */
	expect_warning(&r,
		       "arm-circuit-get.json: properties.serviceProviderProvisioningState: NotProvisioned: the provider has not provisioned the circuit");
	expect_warning(&r, "no peering in the documents");
	ck_assert_uint_eq(r.d.warnings, 2);
	run_free(&r);
}
END_TEST

START_TEST(test_example_peering)
{
	struct run r;
	const struct imp_peering *p;
	char a[ER_PREFIX_STRLEN];

	run_init(&r);
	ck_assert(add_fixture(&r, "arm-peering-get.json"));
	ck_assert(settle(&r, 100));
	p = &r.az.circuit.peering[ER_PEERING_MICROSOFT];
	/* the circuit's name from the peering's resource id */
	ck_assert_str_eq(r.az.circuit.name, "circuitName");
	ck_assert(p->present && !r.az.circuit.peering[0].present);
	ck_assert(p->has_vlan && p->vlan == 300);
	ck_assert(p->has_peer_asn && p->peer_asn == 100);
	ck_assert_str_eq(er_prefix2str(&p->af[0].subnet[0], a, sizeof(a)),
			 "123.0.0.0/30");
	ck_assert_str_eq(er_prefix2str(&p->af[1].subnet[1], a, sizeof(a)),
			 "3ffe:ffff:0:cd30::4/126");
	ck_assert_uint_eq(p->advertise.count, 2);
	ck_assert_str_eq(er_prefix2str(&p->advertise.items[0], a, sizeof(a)),
			 "123.1.0.0/24");
	ck_assert_str_eq(er_prefix2str(&p->advertise.items[1], a, sizeof(a)),
			 "3ffe:ffff:0:cd31::/120");
	expect_warning(&r,
		       "properties.microsoftPeeringConfig.customerASN: customer ASN 23 is not modelled");
	expect_warning(&r,
		       "properties.microsoftPeeringConfig.advertisedPublicPrefixesState: ValidationNeeded: Microsoft has not validated the advertised prefixes");
	/* the example has a route filter: no warning about one */
	ck_assert(!imp_diags_contain(&r.d, IMP_WARNING, "route filter"));
	run_free(&r);
}
END_TEST

START_TEST(test_example_peering_list_refused)
{
	struct run r;

	/* Azure's own example: both peerings on the same IPv6 /126s */
	run_init(&r);
	ck_assert(add_fixture(&r, "arm-circuit-get.json"));
	ck_assert(add_fixture(&r, "arm-peering-list.json"));
	ck_assert(!settle(&r, 100));
	expect_error(&r,
		     "arm-peering-list.json: value[0].properties.ipv6PeeringConfig.primaryPeerAddressPrefix: private peering IPv6 primary subnet 3ffe:ffff:0:cd30::/126 overlaps microsoft peering IPv6 primary subnet 3ffe:ffff:0:cd30::/126: subnets must not overlap (the private peering IPv6 primary subnet is arm-peering-list.json: value[1].properties.ipv6PeeringConfig.primaryPeerAddressPrefix); to terminate the peerings in two VRFs, give --private-vrf NAME");
	ck_assert_uint_eq(r.d.errors, 1);
	/* the list has no route filter on Microsoft peering */
	expect_warning(&r, "value[0].properties.routeFilter: no route filter");
	run_free(&r);
}
END_TEST

/* The same list with the private peering in a VRF of its own: accepted. */
START_TEST(test_example_peering_list_two_vrfs)
{
	const char *vrfs[ER_PEERING_MAX] = {"er-private", "default"};
	const char *one_vrf[ER_PEERING_MAX] = {"AZURE", "AZURE"};
	struct imp_options opt = {.asn = 100, .vrf = "default"};
	struct imp_diags d = {0};
	struct imp_circuit back;
	struct run r;
	json_object *yang, *reparsed;
	const char *text, *ms;
	char *lines;
	bool found;

	run_init(&r);
	ck_assert(add_fixture(&r, "arm-circuit-get.json"));
	ck_assert(add_fixture(&r, "arm-peering-list.json"));
	ck_assert(imp_azure_finish(&r.az, &r.d));
	/* two names of one VRF are still one routing table */
	ck_assert(!imp_validate_vrfs(&r.az.circuit, 100, one_vrf, &r.d));
	expect_error(&r,
		     "value[1].properties.ipv6PeeringConfig.primaryPeerAddressPrefix); to terminate the peerings in two VRFs, give --private-vrf NAME");
	imp_diags_free(&r.d);
	memset(&r.d, 0, sizeof(r.d));
	ck_assert(imp_validate_vrfs(&r.az.circuit, 100, vrfs, &r.d));

	opt.peering_vrf[ER_PEERING_PRIVATE] = "er-private";
	ck_assert_str_eq(imp_peering_vrf(&opt, ER_PEERING_MICROSOFT), "default");
	lines = imp_emit_vtysh(&r.az.circuit, &opt, NULL);
	ck_assert(strncmp(lines, "router bgp 100 vrf er-private\n", 30) == 0);
	ms = strstr(lines, "exit\nrouter bgp 100\n");
	ck_assert(ms);
	ck_assert(strstr(lines, "  peering private\n") < ms);
	ck_assert(strstr(ms, "  peering microsoft\n"));
	ck_assert(!strstr(ms, "  peering private\n"));
	/* the circuit's leaves in both */
	ck_assert(strstr(ms, "  service-key a1410692-0000-4ceb-b94a-b90b94d398d1\n"));
	ck_assert(strstr(lines, "  service-key ") < ms);
	free(lines);

	yang = imp_yang_build_vrfs(&r.az.circuit, &opt);
	text = imp_json_text(yang);
	reparsed = imp_json_parse(text, strlen(text), "yang", &d);
	ck_assert(reparsed);
	for (int type = 0; type < ER_PEERING_MAX; type++) {
		imp_circuit_init(&back);
		ck_assert(imp_yang_read(reparsed, "yang", vrfs[type],
					"circuitName", &back, &found, &d));
		ck_assert(found);
		ck_assert(back.peering[type].present);
		ck_assert(!back.peering[!type].present);
		ck_assert(back.text[IMP_SERVICE_KEY]);
		imp_circuit_free(&back);
	}
	ck_assert_uint_eq(d.errors, 0);
	json_object_put(reparsed);
	json_object_put(yang);
	imp_diags_free(&d);
	run_free(&r);
}
END_TEST

static void table_error(const char *fixture, enum imp_table_kind kind,
			const char *message)
{
	struct imp_diags d = {0};
	struct imp_table t = {.kind = kind};
	json_object *doc;
	size_t len;
	char *text = fixture_text(fixture, &len);

	doc = parse(fixture, text, len, &d);
	ck_assert(doc);
	ck_assert(!imp_table_load(&t, doc, fixture, &d));
	expect_diag(&d, IMP_ERROR, message);
	json_object_put(doc);
	imp_table_free(&t);
	imp_diags_free(&d);
	free(text);
}

START_TEST(test_example_tables_refused)
{
	/* the published examples of the two tables hold placeholders */
	table_error("arm-route-table.json", IMP_TABLE_ROUTES,
		    "arm-route-table.json: value[0].network: '' is not an IPv4 or IPv6 prefix");
	table_error("arm-arp-table.json", IMP_TABLE_ARP,
		    "arm-arp-table.json: value[0].ipAddress: 'IPAddress' is not an IP address");
	/* and each table is not the other */
	table_error("lab-route-table-private-primary.json", IMP_TABLE_ARP,
		    "lab-route-table-private-primary.json: a route table (list-route-tables), not an ARP table (list-arp-tables)");
	table_error("lab-arp-private-primary.json", IMP_TABLE_ROUTES,
		    "an ARP table (list-arp-tables), not a route table (list-route-tables)");
	table_error("arm-route-table-summary.json", IMP_TABLE_ROUTES,
		    "a route table summary (list-route-tables-summary), not a route table");
}
END_TEST

/* Found by fuzz_import: one entry is not a table. */
START_TEST(test_table_one_entry)
{
	static const char *const entry =
		"{\"network\": \"10.0.0.0/8\", \"nextHop\": \"10.0.0.1\"}";
	struct imp_diags d = {0};
	struct imp_table t = {.kind = IMP_TABLE_ROUTES};
	json_object *doc = parse("entry.json", entry, strlen(entry), &d);

	ck_assert(doc);
	ck_assert(!imp_table_load(&t, doc, "entry.json", &d));
	expect_diag(&d, IMP_ERROR,
		    "entry.json: one entry of a route table (list-route-tables), not the table: give the whole list (its \"value\")");
	json_object_put(doc);
	imp_table_free(&t);
	imp_diags_free(&d);
}
END_TEST

/* Found by fuzz_import: a list entry twice in the router's YANG. */
START_TEST(test_yang_peering_twice)
{
	static const char *const yang =
		"{\"frr-expressroute:expressroute\": {\"instance\": [{\"vrf\": \"default\", \"circuit\": [{\"name\": \"lab\", \"peering\": [{\"type\": \"private\", \"vlan-id\": 100}, {\"type\": \"private\", \"vlan-id\": 101}]}]}]}}";
	struct imp_diags d = {0};
	struct imp_circuit c;
	json_object *doc = parse("router", yang, strlen(yang), &d);
	bool found;

	ck_assert(doc);
	imp_circuit_init(&c);
	ck_assert(!imp_yang_read(doc, "router", "default", "lab", &c, &found,
				 &d));
	expect_diag(&d, IMP_ERROR,
		    "router: frr-expressroute:expressroute.instance[0].circuit[0].peering[1].type: peering private given twice in the circuit");
	ck_assert_uint_eq(c.peering[ER_PEERING_PRIVATE].vlan, 100);
	imp_circuit_free(&c);
	json_object_put(doc);
	imp_diags_free(&d);
}
END_TEST

START_TEST(test_example_tables_wrong_place)
{
	static const char *const fixtures[] = {
		"arm-route-table.json",
		"arm-arp-table.json",
		"arm-route-table-summary.json",
	};
	static const char *const messages[] = {
		"arm-route-table.json: a route table (list-route-tables): give it to --check with --route-table PEERING:PATH=FILE",
		"arm-arp-table.json: an ARP table (list-arp-tables): give it to --check with --arp-table PEERING:PATH=FILE",
		"arm-route-table-summary.json: a route table summary (list-route-tables-summary): expected an ExpressRoute circuit (az network express-route show), its peerings",
	};

	for (size_t i = 0; i < 3; i++) {
		struct run r;

		run_init(&r);
		ck_assert(!add_fixture(&r, fixtures[i]));
		expect_error(&r, messages[i]);
		run_free(&r);
	}
}
END_TEST

START_TEST(test_lab_import)
{
	struct run r;
	char *text;

	run_init(&r);
	ck_assert(add_fixture(&r, "arm-circuit-get.json"));
	ck_assert(add_fixture(&r, "lab-peerings.json"));
	ck_assert(settle(&r, 100));
	text = vtysh_of(&r, 100);
	ck_assert_str_eq(text, lab_vtysh);
	free(text);
	run_free(&r);
}
END_TEST

/* The az CLI's flattened output gives the same configuration. */
START_TEST(test_az_shapes)
{
	static const char *const sets[][2] = {
		{"az-circuit.json", NULL},
		{"arm-circuit-get.json", "az-peerings.json"},
		{"az-peerings.json", "arm-circuit-get.json"},
	};

	for (size_t i = 0; i < 3; i++) {
		struct run r;
		char *text;

		run_init(&r);
		ck_assert(add_fixture(&r, sets[i][0]));
		if (sets[i][1])
			ck_assert(add_fixture(&r, sets[i][1]));
		ck_assert(settle(&r, 100));
		text = vtysh_of(&r, 100);
		ck_assert_str_eq(text, lab_vtysh);
		free(text);
		/* az's spelling in the messages: customerAsn */
		expect_warning(&r, "microsoftPeeringConfig.customerAsn");
		run_free(&r);
	}
}
END_TEST

/* A peering list alone: the circuit's name from the ids. */
START_TEST(test_peerings_alone)
{
	struct run r;
	char *text;

	run_init(&r);
	ck_assert(add_fixture(&r, "az-peerings.json"));
	ck_assert(settle(&r, 100));
	ck_assert_str_eq(r.az.circuit.name, "circuitName");
	text = vtysh_of(&r, 100);
	ck_assert(strstr(text, " expressroute circuit circuitName\n  peering private\n"));
	ck_assert(!strstr(text, "service-key"));
	free(text);
	run_free(&r);
}
END_TEST

START_TEST(test_direct)
{
	struct run r;
	char *text;

	run_init(&r);
	ck_assert(add_fixture(&r, "az-direct-circuit.json"));
	ck_assert(add_fixture(&r, "az-direct-port.json"));
	ck_assert(settle(&r, 65010));
	ck_assert_uint_eq(r.d.warnings, 0);
	text = vtysh_of(&r, 65010);
	ck_assert_str_eq(
		text,
		"router bgp 65010\n"
		" expressroute circuit contoso-ams-direct\n"
		"  service-key 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\n"
		"  location Equinix-Amsterdam-AM5\n"
		"  bandwidth 10000\n"
		"  sku premium\n"
		"  billing unlimited\n"
		"  connectivity direct\n"
		"  port-speed 100\n"
		"  direct-port er-port-ams\n"
		"  encapsulation dot1q\n"
		"  peering private\n"
		"   vlan 100\n"
		"   ipv4 primary 192.168.100.128/30 secondary 192.168.100.132/30\n"
		"   shared-key Contoso2026\n"
		"  exit\n"
		"  global-reach contoso-fra subnet 10.255.0.0/29\n"
		"  global-reach contoso-fra subnet 2001:db8:ff::/125\n"
		"  global-reach contoso-lon subnet 10.255.0.8/29\n"
		" exit\n"
		"exit\n");
	free(text);
	run_free(&r);

	/* without the port's document: said, not guessed */
	run_init(&r);
	ck_assert(add_fixture(&r, "az-direct-circuit.json"));
	ck_assert(settle(&r, 65010));
	expect_warning(&r,
		       "az-direct-circuit.json: expressRoutePort: an ExpressRoute Direct circuit: its port's speed and encapsulation are in the port's document");
	ck_assert_int_eq(r.az.circuit.port_speed, -1);
	run_free(&r);

	/* the port of another circuit */
	run_init(&r);
	ck_assert(add_fixture(&r, "az-direct-circuit.json"));
	ck_assert(add_fixture_with(&r, "az-direct-port.json",
				   "\"name\": \"er-port-ams\"",
				   "\"name\": \"er-port-lon\""));
	ck_assert(!settle(&r, 65010));
	expect_error(&r,
		     "az-direct-circuit.json: expressRoutePort.id: the circuit is on port er-port-ams, but the port document is port er-port-lon");
	run_free(&r);

	/* a bandwidth the port does not offer: 40 Gbps on a 10G port */
	run_init(&r);
	ck_assert(add_fixture_with(&r, "az-direct-circuit.json",
				   "\"bandwidthInGbps\": 10.0",
				   "\"bandwidthInGbps\": 40"));
	ck_assert(add_fixture_with(&r, "az-direct-port.json",
				   "\"bandwidthInGbps\": 100",
				   "\"bandwidthInGbps\": 10"));
	ck_assert(!settle(&r, 65010));
	expect_error(&r, "az-direct-circuit.json: bandwidthInGbps: ");
	expect_error(&r, "40000");
	run_free(&r);
}
END_TEST

/* YANG JSON of an import, read back as the router's: the same circuit. */
START_TEST(test_yang_round_trip)
{
	struct imp_diags d = {0};
	struct imp_circuit back;
	struct imp_check chk;
	struct run r;
	json_object *yang, *reparsed;
	const char *text;
	bool found;

	run_init(&r);
	ck_assert(add_fixture(&r, "az-direct-circuit.json"));
	ck_assert(add_fixture(&r, "az-direct-port.json"));
	ck_assert(settle(&r, 65010));
	yang = imp_yang_build(&r.az.circuit, "AZURE");
	text = imp_json_text(yang);
	ck_assert(strstr(text, "\"frr-expressroute:expressroute\""));
	ck_assert(strstr(text, "\"primary-subnet\": \"192.168.100.128/30\""));
	ck_assert(strstr(text, "\"port-speed\": \"100g\""));
	reparsed = imp_json_parse(text, strlen(text), "yang", &d);
	ck_assert(reparsed);
	imp_circuit_init(&back);
	ck_assert(imp_yang_read(reparsed, "yang", "AZURE", "contoso-ams-direct",
				&back, &found, &d));
	ck_assert(found);
	imp_check_init(&chk, "contoso-ams-direct", "AZURE");
	imp_check_circuit(&chk, &r.az.circuit, &back, true, 65010);
	ck_assert_msg(chk.count == 0, "%zu differences, first %s", chk.count,
		      chk.count ? chk.items[0].field : "");
	ck_assert(back.peering[0].shared_key
		  && strcmp(back.peering[0].shared_key, "Contoso2026") == 0);
	/* not in another VRF */
	imp_circuit_free(&back);
	ck_assert(imp_yang_read(reparsed, "yang", "default",
				"contoso-ams-direct", &back, &found, &d));
	ck_assert(!found);
	imp_check_free(&chk);
	imp_circuit_free(&back);
	json_object_put(yang);
	json_object_put(reparsed);
	imp_diags_free(&d);
	run_free(&r);
}
END_TEST

/*
 * Malformed JSON: the place it goes wrong
 */
static const struct {
	const char *text;
	size_t len; /* 0: strlen */
	const char *message;
} bad_json[] = {
	{"{\"name\": \"c1\",\n}", 0,
	 "bad.json: not valid JSON: trailing comma before '}' at line 2, column 1"},
	{"{'name': 'c1'}", 0,
	 "not valid JSON: expected a member name in double quotes at line 1, column 2"},
	{"{\"vlanId\": NaN}", 0,
	 "not valid JSON: unexpected character: expected a value (object, array, string, number, true, false or null) at line 1, column 12"},
	{"", 0, "bad.json: empty: no JSON document (did the az command fail?)"},
	{" \n\t", 0, "empty: no JSON document"},
	{"{\"a\": 1}\n{\"b\": 2}", 0,
	 "not valid JSON: more text after the JSON document at line 2, column 1"},
	{"{\"a\": \"x\ty\"}", 0, "control character in a string (escape it)"},
	{"{\"vlanId\": 0200}", 0, "number with a leading zero"},
	{"{\"a\": \"\\u0000\"}", 0, "NUL character (\\u0000) in a string"},
	{"{\"a\": \"\\q\"}", 0, "invalid escape in a string"},
	{"{\"a\": tru}", 0, "expected true at line 1, column 7"},
	{"{\"a\": 1", 0, "unexpected end of the document at line 1, column 8"},
	{"{\"a\": \"x", 0, "string not terminated"},
	{"{\"a\" 1}", 0, "expected ':' after a member name"},
	{"[1 2]", 0, "expected ',' or ']'"},
	{"{\"a\": 1.}", 0, "no digit after '.'"},
	{"{\"a\": \"\xff\"}", 0, "not valid JSON: invalid utf-8 string"},
	{"\xff\xfe{\0\"\0", 6, "UTF-16 text, not JSON in UTF-8"},
	{"{\"a\": 1}\0{", 10, "NUL byte: not a JSON text at line 1, column 9"},
};

START_TEST(test_bad_json)
{
	struct imp_diags d = {0};
	size_t len = bad_json[_i].len ? bad_json[_i].len
				      : strlen(bad_json[_i].text);
	json_object *obj = imp_json_parse(bad_json[_i].text, len, "bad.json", &d);

	ck_assert_msg(!obj, "'%s' parsed", bad_json[_i].text);
	ck_assert_uint_eq(d.errors, 1);
	expect_diag(&d, IMP_ERROR, bad_json[_i].message);
	imp_diags_free(&d);
}
END_TEST

START_TEST(test_json_depth_and_bom)
{
	struct imp_diags d = {0};
	char deep[200];
	json_object *obj;

	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	deep[130] = '\0';
	ck_assert(!imp_json_parse(deep, strlen(deep), "deep.json", &d));
	expect_diag(&d, IMP_ERROR,
		    "deep.json: not valid JSON: nested too deeply at line 1, column 65");
	imp_diags_free(&d);
	/* 64 levels are fine */
	memset(deep, '[', 64);
	memset(deep + 64, ']', 64);
	deep[128] = '\0';
	obj = imp_json_parse(deep, strlen(deep), "deep.json", &d);
	ck_assert(obj && d.errors == 0);
	json_object_put(obj);
	/* a UTF-8 byte order mark, as Windows writes files */
	obj = imp_json_parse("\xef\xbb\xbf{\"a\": 1}", 11, "bom.json", &d);
	ck_assert(obj && d.errors == 0);
	json_object_put(obj);
	imp_diags_free(&d);
}
END_TEST

/*
 * Wrong documents
 */
static const struct {
	const char *text;
	const char *message;
} wrong_docs[] = {
	{"{\"value\": [{\"name\": \"c1\", \"type\": \"Microsoft.Network/expressRouteCircuits\", \"properties\": {}}]}",
	 "doc.json: a list of circuits: expected an ExpressRoute circuit (az network express-route show)"},
	{"{\"error\": {\"code\": \"ResourceNotFound\", \"message\": \"The Resource 'Microsoft.Network/expressRouteCircuits/c9' under resource group 'rg1' was not found.\"}}",
	 "doc.json: an Azure error response, not a resource: ResourceNotFound: The Resource 'Microsoft.Network/expressRouteCircuits/c9'"},
	{"{\"name\": \"vnet1\", \"type\": \"Microsoft.Network/virtualNetworks\", \"properties\": {\"addressSpace\": {\"addressPrefixes\": [\"10.1.0.0/16\"]}}}",
	 "doc.json: not an Azure ExpressRoute document: expected an ExpressRoute circuit"},
	{"42", "doc.json: not an Azure ExpressRoute document"},
	{"[1, 2]", "doc.json: not an Azure ExpressRoute document"},
	{"{\"value\": [{\"peeringType\": \"AzurePrivatePeering\", \"peerASN\": 65010, \"vlanId\": 100, \"primaryPeerAddressPrefix\": \"10.0.0.0/30\", \"secondaryPeerAddressPrefix\": \"10.0.0.4/30\"}, 5]}",
	 "doc.json: value[1]: expected a circuit peering, found a number"},
	{"{\"value\": [{\"peeringType\": \"AzurePrivatePeering\", \"peerASN\": 65010, \"vlanId\": 100, \"primaryPeerAddressPrefix\": \"10.0.0.0/30\", \"secondaryPeerAddressPrefix\": \"10.0.0.4/30\"}, {\"network\": \"10.0.0.0/8\", \"nextHop\": \"10.0.0.1\"}]}",
	 "doc.json: value[1]: expected a circuit peering, found a route table (list-route-tables)"},
};

START_TEST(test_wrong_document)
{
	struct run r;

	run_init(&r);
	ck_assert(!add_text(&r, "doc.json", wrong_docs[_i].text));
	expect_error(&r, wrong_docs[_i].message);
	run_free(&r);
}
END_TEST

START_TEST(test_documents_of_two_circuits)
{
	struct run r;

	run_init(&r);
	ck_assert(add_fixture(&r, "arm-circuit-get.json"));
	ck_assert(!add_fixture_with(&r, "az-peerings.json",
				    "expressRouteCircuits/circuitName",
				    "expressRouteCircuits/otherCircuit"));
	expect_error(&r,
		     "az-peerings.json: [0].id: belongs to circuit otherCircuit, but arm-circuit-get.json: id is circuit circuitName: give the documents of one circuit");
	run_free(&r);

	/* two circuit documents */
	run_init(&r);
	ck_assert(add_fixture(&r, "arm-circuit-get.json"));
	ck_assert(!add_fixture(&r, "arm-circuit-get.json"));
	expect_error(&r, "a second circuit document: give one circuit per run");
	run_free(&r);
}
END_TEST

START_TEST(test_router_state_wrong_document)
{
	struct imp_router router = {0};
	struct imp_diags d = {0};

	ck_assert(!imp_router_load(&router, IMPORT_FIXTURES
				   "/arm-circuit-get.json", &d));
	expect_diag(&d, IMP_ERROR,
		    "arm-circuit-get.json: not a router state saved by frr-expressroute-import --save-router");
	imp_diags_free(&d);
	ck_assert(!imp_router_load(&router, IMPORT_FIXTURES "/no-such-file.json",
				   &d));
	expect_diag(&d, IMP_ERROR,
		    "no-such-file.json: cannot open: No such file or directory");
	imp_diags_free(&d);
}
END_TEST

/*
 * Missing or mistyped fields
 */
static const struct {
	const char *members; /* added to the inline private peering */
	const char *from, *to; /* or a change of it */
	enum imp_severity severity;
	const char *message;
} field_cases[] = {
	{"", "\"vlanId\": 200", "\"x\": 1", IMP_ERROR,
	 "peerings.json: value[0].properties.vlanId: missing: every peering has its VLAN ID in Azure"},
	{"", "\"peerASN\": 65010,", "", IMP_ERROR,
	 "peerings.json: value[0].properties.peerASN: missing: the peer ASN (the CE's ASN as Azure expects it)"},
	{"", "\"peeringType\": \"AzurePrivatePeering\",", "", IMP_ERROR,
	 "value[0].properties.peeringType: missing: which peering this is"},
	{"", "\"primaryPeerAddressPrefix\": \"10.0.0.0/30\", \"secondaryPeerAddressPrefix\": \"10.0.0.4/30\",",
	 "", IMP_ERROR,
	 "peerings.json: value[0].properties: no link subnet: neither primaryPeerAddressPrefix nor ipv6PeeringConfig.primaryPeerAddressPrefix"},
	{"", "\"primaryPeerAddressPrefix\": \"10.0.0.0/30\",", "", IMP_ERROR,
	 "value[0].properties.primaryPeerAddressPrefix: missing, but the secondary subnet is there"},
	{"", "\"secondaryPeerAddressPrefix\": \"10.0.0.4/30\",", "", IMP_WARNING,
	 "value[0].properties.secondaryPeerAddressPrefix: missing: the peering gets one IPv4 session, and its verdict is incomplete"},
	{"", "\"vlanId\": 200", "\"vlanId\": \"200\"", IMP_ERROR,
	 "value[0].properties.vlanId: expected an integer, found a string"},
	{"", "\"peerASN\": 65010", "\"peerASN\": -5", IMP_ERROR,
	 "value[0].properties.peerASN: -5 is out of range (1-4294967295)"},
	{"", "\"peerASN\": 65010", "\"peerASN\": 4294967296", IMP_ERROR,
	 "value[0].properties.peerASN: 4294967296 is out of range (1-4294967295)"},
	{"", "\"10.0.0.0/30\"", "\"10.0.0.0\"", IMP_ERROR,
	 "value[0].properties.primaryPeerAddressPrefix: '10.0.0.0' is not an IPv4 or IPv6 prefix (A.B.C.D/M or X:X::X:X/M)"},
	{"", "\"10.0.0.4/30\"", "\"2001:db8::/126\"", IMP_ERROR,
	 "value[0].properties.secondaryPeerAddressPrefix: an IPv6 prefix where Azure has the IPv4 subnets"},
	{"", "\"10.0.0.4/30\"", "[\"10.0.0.4/30\"]", IMP_ERROR,
	 "value[0].properties.secondaryPeerAddressPrefix: expected a string, found an array"},
	{"\"ipv6PeeringConfig\": \"2001:db8::/125\"", NULL, NULL, IMP_ERROR,
	 "value[0].properties.ipv6PeeringConfig: expected an object, found a string"},
	{"\"connections\": [{\"properties\": {\"addressPrefix\": \"10.255.0.0/29\"}}]",
	 NULL, NULL, IMP_ERROR,
	 "value[0].properties.connections[0].properties.peerExpressRouteCircuitPeering.id: missing: a Global Reach connection names the other circuit's private peering"},
	{"\"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c2/peerings/AzurePrivatePeering\"}}}]",
	 NULL, NULL, IMP_ERROR,
	 "value[0].properties.connections[0].properties.addressPrefix: missing: a Global Reach connection needs its /29"},
	{"\"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"c2\"}, \"addressPrefix\": \"10.255.0.0/29\"}}]",
	 NULL, NULL, IMP_ERROR,
	 "connections[0].properties.peerExpressRouteCircuitPeering.id: 'c2' is not the resource id of a circuit peering"},
	{"\"connections\": {}", NULL, NULL, IMP_ERROR,
	 "value[0].properties.connections: expected an array, found an object"},
	{"\"sharedKey\": 12345", NULL, NULL, IMP_ERROR,
	 "value[0].properties.sharedKey: expected a string, found a number"},
	/* a circuit name that would be two CLI words, or two lines */
	{"\"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c2\\nrouter bgp 1/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.255.0.0/29\"}}]",
	 NULL, NULL, IMP_ERROR,
	 "value[0].properties.connections[0].properties.addressPrefix: the peer circuit's name 'c2?router bgp 1' has a space or a control character: not a circuit name"},
};

START_TEST(test_fields)
{
	struct run r;
	char *doc, *changed;

	doc = private_peering(field_cases[_i].members);
	changed = field_cases[_i].from
			  ? replace(doc, field_cases[_i].from, field_cases[_i].to)
			  : strdup(doc);
	run_init(&r);
	add_text(&r, "peerings.json", changed);
	settle(&r, 65010);
	expect_diag(&r.d, field_cases[_i].severity, field_cases[_i].message);
	if (field_cases[_i].severity == IMP_WARNING)
		expect_no_error(&r);
	free(doc);
	free(changed);
	run_free(&r);
}
END_TEST

START_TEST(test_no_name)
{
	struct run r;

	run_init(&r);
	ck_assert(add_text(&r, "p.json",
			   "{\"peeringType\": \"AzurePrivatePeering\", \"peerASN\": 65010, \"vlanId\": 100, \"primaryPeerAddressPrefix\": \"10.0.0.0/30\", \"secondaryPeerAddressPrefix\": \"10.0.0.4/30\"}"));
	ck_assert(!settle(&r, 65010));
	expect_error(&r,
		     "no circuit name in the documents (no circuit document, no resource id): give --name");
	run_free(&r);

	/* a circuit without a sku */
	run_init(&r);
	ck_assert(add_text(&r, "c.json",
			   "{\"name\": \"c1\", \"serviceKey\": \"a1410692-0000-4ceb-b94a-b90b94d398d1\"}"));
	ck_assert(settle(&r, 65010));
	expect_warning(&r,
		       "c.json: sku: missing: the module's defaults apply (standard, metered)");
	run_free(&r);
}
END_TEST

/*
 * Values the module refuses: each with the module's own message
 */
static const struct {
	const char *members, *from, *to;
	const char *message;
} refused[] = {
	{"", "\"10.0.0.0/30\"", "\"10.0.0.0/29\"",
	 "peerings.json: value[0].properties.primaryPeerAddressPrefix: IPv4 link subnet 10.0.0.0/29 is a /29: each ExpressRoute link needs exactly a /30 (a /29 splits into the primary and secondary /30)"},
	{"", "\"10.0.0.4/30\"", "\"10.0.0.5/30\"",
	 "value[0].properties.secondaryPeerAddressPrefix: IPv4 link subnet 10.0.0.5/30 has host bits set: use its network address 10.0.0.4/30"},
	{"", "\"10.0.0.4/30\"", "\"10.0.0.0/30\"",
	 "value[0].properties.secondaryPeerAddressPrefix: primary and secondary link subnets are both 10.0.0.0/30"},
	{"", "\"vlanId\": 200", "\"vlanId\": 0",
	 "value[0].properties.vlanId: VLAN ID 0 is out of range: 802.1Q allows 1 to 4094"},
	{"", "\"vlanId\": 200", "\"vlanId\": 4095",
	 "value[0].properties.vlanId: VLAN ID 4095 is out of range"},
	{"", "\"peerASN\": 65010", "\"peerASN\": 65515",
	 "value[0].properties.peerASN: AS 65515 is reserved by Azure (65515-65520) and cannot be used on ExpressRoute"},
	{"", "\"peerASN\": 65010", "\"peerASN\": 12076",
	 "value[0].properties.peerASN: AS 12076 is Microsoft's own ASN"},
	{"\"sharedKey\": \"Bad-Key!\"", NULL, NULL,
	 "value[0].properties.sharedKey: shared key character 4 is not a letter or digit: Microsoft allows only A-Z, a-z and 0-9"},
	{"\"sharedKey\": \"abcdefghijklmnopqrstuvwxyz\"", NULL, NULL,
	 "value[0].properties.sharedKey: shared key has 26 characters: Microsoft allows at most 25 letters and digits"},
	{"\"microsoftPeeringConfig\": {\"advertisedPublicPrefixes\": []}, \"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c2/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.255.0.0/28\"}}]",
	 NULL, NULL,
	 "value[0].properties.connections[0].properties.addressPrefix: Global Reach subnet 10.255.0.0/28 is a /28: Global Reach needs exactly a /29"},
	{"\"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c2/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.0.0.0/29\"}}]",
	 NULL, NULL,
	 "overlaps private peering IPv4 primary subnet 10.0.0.0/30"},
	{"\"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c1/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.255.0.0/29\"}}]",
	 NULL, NULL,
	 "Global Reach peer circuit c1 is this circuit: Global Reach connects two different circuits"},
};

START_TEST(test_refused)
{
	struct run r;
	char *doc, *changed;

	doc = private_peering(refused[_i].members);
	changed = refused[_i].from ? replace(doc, refused[_i].from, refused[_i].to)
				   : strdup(doc);
	run_init(&r);
	add_text(&r, "peerings.json", changed);
	ck_assert(!settle(&r, 0));
	expect_error(&r, refused[_i].message);
	/* a shared key is never repeated */
	ck_assert(!imp_diags_contain(&r.d, IMP_ERROR, "Bad-Key!"));
	ck_assert(!imp_diags_contain(&r.d, IMP_ERROR, "abcdefghijklm"));
	free(doc);
	free(changed);
	run_free(&r);
}
END_TEST

/* A fixture with one value changed (every occurrence), refused. */
static const struct {
	const char *fixture, *from, *to, *message;
} refused_fixtures[] = {
	/* Microsoft peering: public addresses only, its own VLAN */
	{"lab-peerings.json", "\"123.0.0.0/30\"", "\"10.0.0.8/30\"",
	 "lab-peerings.json: value[0].properties.primaryPeerAddressPrefix: 10.0.0.8/30 is not public: it lies in 10.0.0.0/8, RFC 1918 private space; Microsoft peering needs public addresses you own"},
	{"lab-peerings.json", "\"123.1.0.0/24\"", "\"0.0.0.0/0\"",
	 "value[0].properties.microsoftPeeringConfig.advertisedPublicPrefixes[0]: 0.0.0.0/0 is a default route: Microsoft peering accepts only public prefixes you own, never a default route"},
	{"lab-peerings.json", "\"123.1.0.0/24\"", "\"123.1.0.1/24\"",
	 "advertisedPublicPrefixes[0]: advertised prefix 123.1.0.1/24 has host bits set: advertise 123.1.0.0/24"},
	{"lab-peerings.json", "\"vlanId\": 300", "\"vlanId\": 200",
	 "value[0].properties.vlanId: VLAN ID 200 is used by both the private and the microsoft peering"},
	/* the circuit */
	{"arm-circuit-get.json", "\"a1410692-0000-4ceb-b94a-b90b94d398d1\"",
	 "\"not-a-guid\"",
	 "arm-circuit-get.json: properties.serviceKey: service key 'not-a-guid' is not a GUID"},
	{"arm-circuit-get.json", "\"bandwidthInMbps\": 200",
	 "\"bandwidthInMbps\": 300",
	 "arm-circuit-get.json: properties.serviceProviderProperties.bandwidthInMbps: "},
	{"arm-circuit-get.json", "\"bandwidthInMbps\": 200",
	 "\"bandwidthInMbps\": 20",
	 "bandwidthInMbps: bandwidth 20 Mbps is out of the model's range (50-400000)"},
	{"arm-circuit-get.json", "circuitName",
	 "a-circuit-name-of-seventy-characters-which-azure-allows-but-not-the-module",
	 "arm-circuit-get.json: name: circuit name 'a-circuit-name-of-seventy-characters-which-azure-allows-but-not-the-module' does not fit the module (1 to 63 characters from A-Z a-z 0-9 . _ -): give --name"},
	{"arm-circuit-get.json", "\"providerName\"",
	 "\"A provider name that is longer than the sixty four characters the model takes\"",
	 "properties.serviceProviderProperties.serviceProviderName: the provider is 77 characters: the model takes 1 to 64"},
	{"arm-circuit-get.json", "\"providerName\"", "\"Equinix\\nInc\"",
	 "serviceProviderName: contains a control character: not a CLI line"},
};

START_TEST(test_refused_fixture)
{
	struct run r;
	size_t len;
	char *text = fixture_text(refused_fixtures[_i].fixture, &len);
	char *changed = replace_all(text, refused_fixtures[_i].from,
				    refused_fixtures[_i].to);

	ck_assert(strcmp(text, changed) != 0);
	run_init(&r);
	add_text(&r, refused_fixtures[_i].fixture, changed);
	ck_assert(!settle(&r, 100));
	expect_error(&r, refused_fixtures[_i].message);
	free(text);
	free(changed);
	run_free(&r);
}
END_TEST

/* Global Reach on a Local circuit */
START_TEST(test_refused_local)
{
	char *gr = private_peering(
		"\"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c2/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.255.0.0/29\"}}]");
	char *mine = replace_all(gr, "/c1/", "/circuitName/");
	struct run r;

	run_init(&r);
	add_fixture_with(&r, "arm-circuit-get.json", "\"tier\": \"Standard\"",
			 "\"tier\": \"Local\"");
	add_text(&r, "peerings.json", mine);
	ck_assert(!settle(&r, 65010));
	expect_error(&r,
		     "peerings.json: value[0].properties.connections[0].properties.addressPrefix: ");
	expect_error(&r, "Local");
	free(gr);
	free(mine);
	run_free(&r);
}
END_TEST

START_TEST(test_refused_asn_option)
{
	struct run r;

	run_init(&r);
	ck_assert(add_fixture(&r, "lab-peerings.json"));
	ck_assert(!settle(&r, 65010));
	expect_error(&r,
		     "lab-peerings.json: value[1].properties.peerASN: Azure expects the CE in AS 100, but the CE's ASN (--asn) is 65010: the MSEEs would refuse the sessions");
	expect_error(&r, "value[0].properties.peerASN: Azure expects the CE in AS 100");
	run_free(&r);
}
END_TEST

/*
 * What the module cannot represent: reported, not dropped silently
 */
START_TEST(test_unsupported)
{
	struct run r;
	char *text, *doc;

	/* the legacy public peering */
	run_init(&r);
	add_fixture_with(&r, "lab-peerings.json",
			 "\"peeringType\": \"MicrosoftPeering\"",
			 "\"peeringType\": \"AzurePublicPeering\"");
	ck_assert(settle(&r, 100));
	expect_warning(&r,
		       "lab-peerings.json: value[0].properties.peeringType: AzurePublicPeering is the legacy public peering, deprecated by Microsoft and not modelled: not imported (use Microsoft peering)");
	ck_assert(!r.az.circuit.peering[ER_PEERING_MICROSOFT].present);
	ck_assert(r.az.circuit.peering[ER_PEERING_PRIVATE].present);
	run_free(&r);

	/* an unknown peering type */
	run_init(&r);
	add_fixture_with(&r, "lab-peerings.json",
			 "\"peeringType\": \"MicrosoftPeering\"",
			 "\"peeringType\": \"FuturePeering\"");
	ck_assert(settle(&r, 100));
	expect_warning(&r, "unknown peering type 'FuturePeering': not imported");
	run_free(&r);

	/* the Basic tier */
	run_init(&r);
	add_fixture_with(&r, "arm-circuit-get.json", "\"tier\": \"Standard\"",
			 "\"tier\": \"Basic\"");
	ck_assert(settle(&r, 100));
	expect_warning(&r,
		       "arm-circuit-get.json: sku.tier: the Basic tier is not modelled: the circuit gets the module's default, standard");
	ck_assert(r.az.circuit.sku_basic && r.az.circuit.sku == -1);
	text = vtysh_of(&r, 100);
	ck_assert(!strstr(text, "sku"));
	free(text);
	run_free(&r);

	/* IPv6 disabled, a peering disabled */
	run_init(&r);
	doc = private_peering(
		"\"ipv6PeeringConfig\": {\"primaryPeerAddressPrefix\": \"2001:db8::/126\", \"secondaryPeerAddressPrefix\": \"2001:db8::4/126\", \"state\": \"Disabled\"}");
	text = replace(doc, "\"Enabled\"", "\"Disabled\"");
	add_text(&r, "peerings.json", text);
	free(doc);
	free(text);
	ck_assert(settle(&r, 65010));
	expect_warning(&r,
		       "value[0].properties.ipv6PeeringConfig.state: IPv6 is Disabled in Azure: its subnets are not imported");
	expect_warning(&r,
		       "value[0].properties.state: the peering is Disabled in Azure: imported as shutdown");
	text = vtysh_of(&r, 65010);
	ck_assert(strstr(text, "   shutdown\n"));
	ck_assert(!strstr(text, "ipv6"));
	free(text);
	run_free(&r);

	/* communities, the QinQ S-tag, a customer ASN, spaces */
	run_init(&r);
	add_fixture_with(&r, "lab-peerings.json", "\"advertisedCommunities\": []",
			 "\"advertisedCommunities\": [\"12076:5010\"]");
	add_fixture_with(&r, "arm-circuit-get.json", "\"providerName\"",
			 "\"Equinix   Inc \"");
	ck_assert(settle(&r, 100));
	expect_warning(&r,
		       "advertisedCommunities: not modelled: Microsoft ignores communities the CE sets, the module sets none");
	expect_warning(&r, "customer ASN 23 is not modelled");
	expect_warning(&r,
		       "serviceProviderName: the CLI keeps one space between words: imported as 'Equinix Inc'");
	ck_assert_str_eq(r.az.circuit.text[IMP_PROVIDER], "Equinix Inc");
	run_free(&r);

	run_init(&r);
	add_fixture_with(&r, "az-direct-circuit.json", "\"stag\": null",
			 "\"stag\": 30");
	ck_assert(settle(&r, 65010));
	expect_warning(&r,
		       "az-direct-circuit.json: stag: S-tag 30 (QinQ outer tag) is not modelled");
	run_free(&r);

	/* Global Reach on Microsoft peering, prefixes on private peering */
	run_init(&r);
	add_fixture_with(
		&r, "lab-peerings.json", "\"vlanId\": 300",
		"\"vlanId\": 300, \"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/c2/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.255.0.0/29\"}}]");
	ck_assert(settle(&r, 100));
	expect_warning(&r,
		       "value[0].properties.connections: Global Reach connects private peerings: not imported from MicrosoftPeering");
	ck_assert_uint_eq(r.az.circuit.ngr, 0);
	run_free(&r);

	run_init(&r);
	doc = private_peering(
		"\"microsoftPeeringConfig\": {\"advertisedPublicPrefixes\": [\"123.1.0.0/24\"]}");
	add_text(&r, "peerings.json", doc);
	free(doc);
	ck_assert(settle(&r, 65010));
	expect_warning(&r,
		       "microsoftPeeringConfig.advertisedPublicPrefixes: advertised public prefixes belong to Microsoft peering: not imported on AzurePrivatePeering");
	run_free(&r);
}
END_TEST

/*
 * Check mode, against the router state captured in the lab
 */
struct checked {
	struct run azure;
	struct imp_router router;
	struct imp_circuit rc;
	struct imp_check chk;
	bool found;
};

static void check_setup(struct checked *k, const char *circuit_from,
			const char *circuit_to, const char *peerings_from,
			const char *peerings_to)
{
	struct imp_diags d = {0};

	run_init(&k->azure);
	if (circuit_from)
		add_fixture_with(&k->azure, "arm-circuit-get.json",
				 circuit_from, circuit_to);
	else
		add_fixture(&k->azure, "arm-circuit-get.json");
	if (peerings_from)
		add_fixture_with(&k->azure, "lab-peerings.json", peerings_from,
				 peerings_to);
	else
		add_fixture(&k->azure, "lab-peerings.json");
	ck_assert(settle(&k->azure, 0));
	memset(&k->router, 0, sizeof(k->router));
	ck_assert(imp_router_load(&k->router, IMPORT_FIXTURES "/router-lab.json",
				  &d));
	imp_circuit_init(&k->rc);
	ck_assert(imp_router_circuit(&k->router, "default",
				     k->azure.az.circuit.name, &k->rc,
				     &k->found, &d));
	ck_assert_uint_eq(d.errors, 0);
	imp_diags_free(&d);
	imp_check_init(&k->chk, k->azure.az.circuit.name, "default");
	imp_check_circuit(&k->chk, &k->azure.az.circuit, &k->rc, k->found,
			  imp_router_asn(&k->router, "default"));
}

static void check_teardown(struct checked *k)
{
	imp_check_free(&k->chk);
	imp_circuit_free(&k->rc);
	imp_router_free(&k->router);
	run_free(&k->azure);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* chk has a difference in field with these two values. */
static void expect_difference(const struct imp_check *chk, const char *field,
			      const char *azure, const char *router)
{
	struct imp_buf b = {0};
	char *all;

	for (size_t i = 0; i < chk->count; i++) {
		const struct imp_difference *item = &chk->items[i];

		if (strcmp(item->field, field) == 0 && same(azure, item->azure)
		    && same(router, item->router))
			return;
		imp_buf_printf(&b, "  %s: Azure %s, CE %s\n", item->field,
			       item->azure ? item->azure : "(none)",
			       item->router ? item->router : "(none)");
	}
	all = imp_buf_take(&b);
	ck_abort_msg("no difference %s: Azure %s, CE %s among:\n%s", field,
		     azure ? azure : "(none)", router ? router : "(none)",
		     all ? all : "");
}

START_TEST(test_check_agrees)
{
	struct checked k;
	char *text;

	check_setup(&k, NULL, NULL, NULL, NULL);
	ck_assert(k.found);
	ck_assert_uint_eq(imp_router_asn(&k.router, "default"), 100);
	ck_assert_uint_eq(imp_router_asn(&k.router, "other"), 0);
	ck_assert_msg(k.chk.count == 0, "%zu differences, first %s",
		      k.chk.count, k.chk.count ? k.chk.items[0].field : "");
	/* the router's sessions came along */
	ck_assert_uint_eq(k.rc.peering[ER_PEERING_PRIVATE].nsessions, 4);
	ck_assert_str_eq(k.rc.peering[ER_PEERING_PRIVATE].sessions[0].state,
			 "Established");
	ck_assert_str_eq(k.rc.peering[ER_PEERING_MICROSOFT].verdict, "ok");
	text = imp_check_text(&k.chk);
	ck_assert_str_eq(text,
			 "circuit circuitName (vrf default): the CE agrees with Azure\n");
	free(text);
	check_teardown(&k);
}
END_TEST

static const struct {
	const char *circuit_from, *circuit_to;
	const char *peerings_from, *peerings_to;
	const char *field, *azure, *router;
} azure_changes[] = {
	{NULL, NULL, "\"vlanId\": 200", "\"vlanId\": 201",
	 "peering[private]/vlan-id", "201", "200"},
	{NULL, NULL, "\"10.0.0.4/30\"", "\"10.0.0.8/30\"",
	 "peering[private]/ipv4/secondary-subnet", "10.0.0.8/30", "10.0.0.4/30"},
	{NULL, NULL, "\"3FFE:FFFF:0:CD30::8/126\"", "\"3FFE:FFFF:0:CD30::10/126\"",
	 "peering[microsoft]/ipv6/primary-subnet", "3ffe:ffff:0:cd30::10/126",
	 "3ffe:ffff:0:cd30::8/126"},
	{NULL, NULL, "\"123.1.0.0/24\"", "\"123.1.0.0/24\", \"123.2.0.0/24\"",
	 "peering[microsoft]/advertise", "123.2.0.0/24", NULL},
	{NULL, NULL, "\"vlanId\": 200", "\"vlanId\": 200, \"sharedKey\": \"LabKey2026\"",
	 "peering[private]/shared-key", "set", NULL},
	{NULL, NULL, "\"state\": \"Enabled\",\n        \"vlanId\": 200",
	 "\"state\": \"Disabled\",\n        \"vlanId\": 200",
	 "peering[private]/shutdown", "Disabled", "no shutdown"},
	{"\"tier\": \"Standard\"", "\"tier\": \"Premium\"", NULL, NULL, "sku",
	 "premium", "standard"},
	{"\"family\": \"MeteredData\"", "\"family\": \"UnlimitedData\"", NULL,
	 NULL, "billing", "unlimited", "metered"},
	{"\"bandwidthInMbps\": 200", "\"bandwidthInMbps\": 1000", NULL, NULL,
	 "bandwidth", "1000", "200"},
	{"\"providerName\"", "\"Equinix\"", NULL, NULL, "provider", "Equinix",
	 "providerName"},
	{"\"peeringLocation\": \"peeringLocation\"",
	 "\"peeringLocation\": \"Amsterdam\"", NULL, NULL, "location",
	 "Amsterdam", "peeringLocation"},
	{"\"a1410692-0000-4ceb-b94a-b90b94d398d1\"",
	 "\"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"", NULL, NULL, "service-key",
	 "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
	 "a1410692-0000-4ceb-b94a-b90b94d398d1"},
	{NULL, NULL, "\"peerASN\": 100,\n        \"primaryPeerAddressPrefix\": \"10.0.0.0/30\"",
	 "\"peerASN\": 65010,\n        \"primaryPeerAddressPrefix\": \"10.0.0.0/30\"",
	 "peering[private]/peer-asn", "65010", "100"},
	{NULL, NULL, "\"peeringType\": \"MicrosoftPeering\"",
	 "\"peeringType\": \"AzurePublicPeering\"", "peering[microsoft]", NULL,
	 "microsoft"},
	{NULL, NULL, "\"vlanId\": 200",
	 "\"vlanId\": 200, \"connections\": [{\"properties\": {\"peerExpressRouteCircuitPeering\": {\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/expressRouteCircuits/contoso-fra/peerings/AzurePrivatePeering\"}, \"addressPrefix\": \"10.255.0.0/29\"}}]",
	 "global-reach[contoso-fra]/subnet", "10.255.0.0/29", NULL},
};

START_TEST(test_check_azure_changed)
{
	struct checked k;

	check_setup(&k, azure_changes[_i].circuit_from,
		    azure_changes[_i].circuit_to, azure_changes[_i].peerings_from,
		    azure_changes[_i].peerings_to);
	expect_difference(&k.chk, azure_changes[_i].field,
			  azure_changes[_i].azure, azure_changes[_i].router);
	ck_assert_msg(k.chk.count == 1, "%zu differences: second %s",
		      k.chk.count,
		      k.chk.count > 1 ? k.chk.items[1].field : "");
	check_teardown(&k);
}
END_TEST

/* The router changed: its circuit edited in place, as if by vtysh. */
START_TEST(test_check_router_changed)
{
	struct checked k;
	struct imp_peering *p;

	check_setup(&k, NULL, NULL, NULL, NULL);
	p = &k.rc.peering[ER_PEERING_PRIVATE];
	p->vlan = 201;
	ck_assert(er_prefix_parse("10.0.0.8/30", &p->af[0].subnet[0]));
	p->shared_key = strdup("LabKey2026");
	k.rc.sku = ER_SKU_PREMIUM;
	k.rc.peering[ER_PEERING_MICROSOFT].present = false;
	imp_check_free(&k.chk);
	imp_check_init(&k.chk, "circuitName", "default");
	imp_check_circuit(&k.chk, &k.azure.az.circuit, &k.rc, true, 65010);
	expect_difference(&k.chk, "peering[private]/vlan-id", "200", "201");
	expect_difference(&k.chk, "peering[private]/ipv4/primary-subnet",
			  "10.0.0.0/30", "10.0.0.8/30");
	expect_difference(&k.chk, "peering[private]/shared-key", NULL, "set");
	expect_difference(&k.chk, "peering[private]/peer-asn", "100", "65010");
	expect_difference(&k.chk, "sku", "standard", "premium");
	expect_difference(&k.chk, "peering[microsoft]", "MicrosoftPeering",
			  NULL);
	ck_assert_uint_eq(k.chk.count, 6);
	/* the block form on the router: the same two subnets */
	p->af[0].has_block = true;
	ck_assert(er_prefix_parse("10.0.0.0/29", &p->af[0].block));
	p->vlan = 200;
	free(p->shared_key);
	p->shared_key = NULL;
	k.rc.sku = -1;
	k.rc.peering[ER_PEERING_MICROSOFT].present = true;
	imp_check_free(&k.chk);
	imp_check_init(&k.chk, "circuitName", "default");
	imp_check_circuit(&k.chk, &k.azure.az.circuit, &k.rc, true, 100);
	ck_assert_msg(k.chk.count == 0, "%zu differences, first %s",
		      k.chk.count, k.chk.count ? k.chk.items[0].field : "");
	check_teardown(&k);
}
END_TEST

START_TEST(test_check_no_circuit)
{
	struct checked k;
	char *text;

	run_init(&k.azure);
	add_fixture(&k.azure, "az-direct-circuit.json");
	ck_assert(settle(&k.azure, 65010));
	memset(&k.router, 0, sizeof(k.router));
	struct imp_diags d = {0};

	ck_assert(imp_router_load(&k.router, IMPORT_FIXTURES "/router-lab.json",
				  &d));
	imp_circuit_init(&k.rc);
	ck_assert(imp_router_circuit(&k.router, "default", "contoso-ams-direct",
				     &k.rc, &k.found, &d));
	ck_assert(!k.found);
	imp_check_init(&k.chk, "contoso-ams-direct", "default");
	imp_check_circuit(&k.chk, &k.azure.az.circuit, &k.rc, false, 100);
	ck_assert_uint_eq(k.chk.count, 1);
	text = imp_check_text(&k.chk);
	ck_assert_str_eq(
		text,
		"circuit contoso-ams-direct (vrf default): 1 difference\n"
		"  circuit: Azure contoso-ams-direct, CE (none)\n"
		"      the router has no circuit contoso-ams-direct in vrf default\n"
		"      Azure: az-direct-circuit.json: name\n");
	free(text);
	imp_diags_free(&d);
	check_teardown(&k);
}
END_TEST

static void load_table(struct imp_table *t, enum imp_table_kind kind,
		       const char *fixture, const char *from, const char *to)
{
	struct imp_diags d = {0};
	json_object *doc;
	size_t len;
	char *text = fixture_text(fixture, &len), *changed;

	changed = from ? replace(text, from, to) : strdup(text);
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->peering = ER_PEERING_PRIVATE;
	t->link = ER_ROLE_PRIMARY;
	doc = parse(fixture, changed, strlen(changed), &d);
	ck_assert(doc);
	ck_assert(imp_table_load(t, doc, fixture, &d));
	json_object_put(doc);
	imp_diags_free(&d);
	free(text);
	free(changed);
}

START_TEST(test_check_route_table)
{
	struct imp_prefix_list adv = {0};
	struct imp_diags d = {0};
	struct imp_table t;
	struct checked k;
	size_t dropped;
	json_object *j;

	check_setup(&k, NULL, NULL, NULL, NULL);
	/* what the lab CE advertised to 10.0.0.2, less what the MSEE drops */
	ck_assert(imp_router_advertised(&k.router, "default", "10.0.0.2", &adv,
					&dropped, &d));
	ck_assert_uint_eq(adv.count, 2);
	ck_assert_uint_eq(dropped, 1); /* 10.1.0.0/16, path 12076 */
	ck_assert(!imp_router_advertised(&k.router, "default", "10.0.0.6",
					 &adv, &dropped, &d));
	expect_diag(&d, IMP_ERROR,
		    "router-lab.json: advertisedRoutes.default.10.0.0.6: the routes advertised to 10.0.0.6 were not collected");
	imp_diags_free(&d);

	load_table(&t, IMP_TABLE_ROUTES, "lab-route-table-private-primary.json",
		   NULL, NULL);
	imp_check_routes(&k.chk, &t, &k.rc, &adv);
	ck_assert_uint_eq(k.chk.count, 0);
	imp_table_free(&t);

	/* Azure lost one, learned one the CE does not send */
	load_table(&t, IMP_TABLE_ROUTES, "lab-route-table-private-primary.json",
		   "\"172.16.0.0/16\"", "\"192.0.2.0/24\"");
	imp_check_routes(&k.chk, &t, &k.rc, &adv);
	expect_difference(&k.chk, "route-table[private/primary]", NULL,
			  "172.16.0.0/16");
	ck_assert_str_eq(k.chk.items[1].azure, "192.0.2.0/24");
	ck_assert(!k.chk.items[1].router);
	ck_assert_uint_eq(k.chk.count, 2);
	j = imp_check_json(&k.chk, NULL);
	ck_assert(strstr(imp_json_text(j), "\"agree\": false"));
	ck_assert(strstr(imp_json_text(j),
			 "\"field\": \"route-table[private/primary]\""));
	ck_assert(strstr(imp_json_text(j), "\"azure\": null"));
	json_object_put(j);
	imp_table_free(&t);

	/* a route from the CE on another next hop is not the CE's */
	imp_check_free(&k.chk);
	imp_check_init(&k.chk, "circuitName", "default");
	load_table(&t, IMP_TABLE_ROUTES, "lab-route-table-private-primary.json",
		   "\"nextHop\": \"10.0.0.1\",\n      \"path\": \"100\",\n      \"weight\": 0\n    },\n    {\n      \"locPrf\": null,\n      \"network\": \"172.16.0.0/16\",\n      \"nextHop\": \"10.0.0.1\"",
		   "\"nextHop\": \"10.0.0.1\",\n      \"path\": \"100\",\n      \"weight\": 0\n    },\n    {\n      \"locPrf\": null,\n      \"network\": \"172.16.0.0/16\",\n      \"nextHop\": \"10.0.0.5\"");
	imp_check_routes(&k.chk, &t, &k.rc, &adv);
	expect_difference(&k.chk, "route-table[private/primary]", NULL,
			  "172.16.0.0/16");
	ck_assert_uint_eq(k.chk.count, 1);
	imp_table_free(&t);
	free(adv.items);
	free(adv.where);
	check_teardown(&k);
}
END_TEST

START_TEST(test_check_arp_table)
{
	static const struct {
		const char *from, *to, *azure, *router;
		size_t count;
	} cases[] = {
		{NULL, NULL, NULL, NULL, 0},
		{"\"ipAddress\": \"10.0.0.1\"", "\"ipAddress\": \"10.0.0.3\"",
		 "10.0.0.3 (02:00:00:00:01:01)", "10.0.0.1", 1},
		/* no On-Prem entry, and a Microsoft one at the CE's address */
		{"\"interface\": \"On-Prem\"", "\"interface\": \"Microsoft\"",
		 NULL, "10.0.0.1", 2},
		{"\"ipAddress\": \"10.0.0.2\"", "\"ipAddress\": \"10.0.0.6\"",
		 "10.0.0.6", "10.0.0.2", 1},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct imp_table t;
		struct checked k;

		check_setup(&k, NULL, NULL, NULL, NULL);
		load_table(&t, IMP_TABLE_ARP, "lab-arp-private-primary.json",
			   cases[i].from, cases[i].to);
		imp_check_arp(&k.chk, &t, &k.rc);
		ck_assert_uint_eq(k.chk.count, cases[i].count);
		if (cases[i].count)
			expect_difference(&k.chk, "arp-table[private/primary]",
					  cases[i].azure, cases[i].router);
		imp_table_free(&t);
		check_teardown(&k);
	}
}
END_TEST

START_TEST(test_parse_link)
{
	enum er_peering_type type;
	enum er_role role;

	ck_assert(imp_parse_link("private:primary", &type, &role));
	ck_assert(type == ER_PEERING_PRIVATE && role == ER_ROLE_PRIMARY);
	ck_assert(imp_parse_link("MicrosoftPeering:secondary", &type, &role));
	ck_assert(type == ER_PEERING_MICROSOFT && role == ER_ROLE_SECONDARY);
	ck_assert(!imp_parse_link("public:primary", &type, &role));
	ck_assert(!imp_parse_link("private", &type, &role));
	ck_assert(!imp_parse_link("private:tertiary", &type, &role));
	ck_assert(!imp_parse_link("", &type, &role));
}
END_TEST

static Suite *import_suite(void)
{
	Suite *s = suite_create("er_import");
	TCase *tc;

	tc = tcase_create("examples");
	tcase_add_test(tc, test_example_circuit);
	tcase_add_test(tc, test_example_peering);
	tcase_add_test(tc, test_example_peering_list_refused);
	tcase_add_test(tc, test_example_peering_list_two_vrfs);
	tcase_add_test(tc, test_example_tables_refused);
	tcase_add_test(tc, test_example_tables_wrong_place);
	tcase_add_test(tc, test_table_one_entry);
	tcase_add_test(tc, test_yang_peering_twice);
	tcase_add_test(tc, test_lab_import);
	tcase_add_test(tc, test_az_shapes);
	tcase_add_test(tc, test_peerings_alone);
	tcase_add_test(tc, test_direct);
	tcase_add_test(tc, test_yang_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad-input");
	tcase_add_loop_test(tc, test_bad_json, 0,
			    sizeof(bad_json) / sizeof(bad_json[0]));
	tcase_add_test(tc, test_json_depth_and_bom);
	tcase_add_loop_test(tc, test_wrong_document, 0,
			    sizeof(wrong_docs) / sizeof(wrong_docs[0]));
	tcase_add_test(tc, test_documents_of_two_circuits);
	tcase_add_test(tc, test_router_state_wrong_document);
	tcase_add_loop_test(tc, test_fields, 0,
			    sizeof(field_cases) / sizeof(field_cases[0]));
	tcase_add_test(tc, test_no_name);
	tcase_add_loop_test(tc, test_refused, 0,
			    sizeof(refused) / sizeof(refused[0]));
	tcase_add_loop_test(tc, test_refused_fixture, 0,
			    sizeof(refused_fixtures) / sizeof(refused_fixtures[0]));
	tcase_add_test(tc, test_refused_local);
	tcase_add_test(tc, test_refused_asn_option);
	tcase_add_test(tc, test_unsupported);
	suite_add_tcase(s, tc);

	tc = tcase_create("check");
	tcase_add_test(tc, test_check_agrees);
	tcase_add_loop_test(tc, test_check_azure_changed, 0,
			    sizeof(azure_changes) / sizeof(azure_changes[0]));
	tcase_add_test(tc, test_check_router_changed);
	tcase_add_test(tc, test_check_no_circuit);
	tcase_add_test(tc, test_check_route_table);
	tcase_add_test(tc, test_check_arp_table);
	tcase_add_test(tc, test_parse_link);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(import_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
