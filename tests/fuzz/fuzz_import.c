// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for frr-expressroute-import's readers (plugin/import/):
 * the JSON syntax check and parser, Azure's documents, the router's YANG
 * state and saved state, route and ARP tables, and what follows from them
 * (the module's rules, vtysh lines, YANG JSON, check mode).
 *
 * The first byte chooses how the input is read:
 *  - '{', '[' or whitespace: the whole input is Azure documents (so the
 *    fixtures of tests/import/fixtures are seeds as they are);
 *  - any other byte is a selector, the rest the document(s), by the
 *    selector modulo 4: 0 Azure documents, 1 the router's YANG JSON,
 *    2 a route table and an ARP table, 3 a saved router state.
 *    Seeds: '@' (0), 'A' (1), 'B' (2), 'C' (3).
 * Azure documents are split at form feeds ('\f'): circuit\fpeerings.
 *
 * Invariants (a broken one traps):
 *  - every diagnostic is non-empty printable text;
 *  - a circuit that passes the rules prints vtysh lines of printable
 *    text, every one of them inside "router bgp ... exit";
 *  - its YANG JSON parses back, reads back as the same circuit (check mode
 *    finds no difference) and passes the rules again;
 *  - checking a circuit against itself finds no difference;
 *  - the shared key is never in a diagnostic.
 *
 * Build (see tests/fuzz/run.sh):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -fno-sanitize-recover=all -Iplugin -Iplugin/import \
 *       tests/fuzz/fuzz_import.c plugin/import/imp_{json,circuit,azure,yang,\
 *       validate,emit,router,check}.c plugin/er_rules.c -ljson-c -lm \
 *       -o fuzz_import
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "imp.h"

#define MAX_DOCS 4

static bool printable(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p < 0x20 && *p != '\n')
			return false;
	return true;
}

static void check_diags(const struct imp_diags *d, const char *key)
{
	for (size_t i = 0; i < d->count; i++) {
		const char *text = d->items[i].text;

		CHECK(text && text[0], "empty diagnostic");
		CHECK(!strchr(text, '\n'), "diagnostic of more than one line");
		CHECK(printable(text), "control character in a diagnostic");
		/* a key long enough not to be part of other text */
		if (key && strlen(key) >= 12)
			CHECK(!strstr(text, key),
			      "the shared key in a diagnostic");
	}
}

static const char *shared_key(const struct imp_circuit *c)
{
	for (int t = 0; t < ER_PEERING_MAX; t++)
		if (c->peering[t].shared_key)
			return c->peering[t].shared_key;
	return NULL;
}

/*
 * The BGP instance's ASN that agrees with every peering's peer ASN (0 if
 * none has one); false if the peerings want different ones.
 */
static bool own_asn(const struct imp_circuit *c, uint32_t *asn)
{
	*asn = 0;
	for (int t = 0; t < ER_PEERING_MAX; t++) {
		const struct imp_peering *p = &c->peering[t];

		if (!p->present || !p->has_peer_asn)
			continue;
		if (*asn && *asn != p->peer_asn)
			return false;
		*asn = p->peer_asn;
	}
	return true;
}

/* Check the circuit against itself: no difference. */
static void check_self(const struct imp_circuit *c)
{
	struct imp_check chk;
	uint32_t asn;

	if (!own_asn(c, &asn))
		return;
	imp_check_init(&chk, c->name, "default");
	imp_check_circuit(&chk, c, c, true, asn);
	CHECK(chk.count == 0, "a circuit differs from itself");
	imp_check_free(&chk);
}

/*
 * Every line of the vtysh output is a comment or one of the commands the
 * tool writes: an input value never starts a line of its own.
 */
static void check_lines(const char *lines)
{
	static const char *const words[] = {
		"router",	"address-family", "network",	"exit-address-family",
		"no",		"expressroute",	  "description", "service-key",
		"provider",	"location",	  "bandwidth",	 "sku",
		"billing",	"connectivity",	  "port-speed",	 "direct-port",
		"encapsulation", "peering",	  "vlan",	 "ipv4",
		"ipv6",		"shared-key",	  "route-map",	 "shutdown",
		"advertise",	"global-reach",	  "exit",
	};
	unsigned int routers = 0;

	for (const char *line = lines; *line;) {
		const char *end = strchr(line, '\n');
		const char *word = line + strspn(line, " ");
		size_t len = strcspn(word, " \n");
		bool known = false;

		CHECK(end, "a vtysh line without its newline");
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			known = known
				|| (strlen(words[i]) == len
				    && strncmp(word, words[i], len) == 0);
		CHECK(word[0] == '!' || known, "an unknown vtysh line");
		if (strncmp(line, "router bgp ", 11) == 0)
			routers++;
		line = end + 1;
	}
	CHECK(routers == 1, "not one router bgp line");
}

/* A circuit that passed the rules: its outputs. */
static void outputs(const struct imp_circuit *c)
{
	struct imp_options opt = {.asn = 65010, .vrf = "default"};
	struct imp_diags d = {0};
	struct imp_circuit back;
	struct imp_check chk;
	json_object *yang, *reparsed;
	const char *text;
	uint32_t asn;
	char *lines;
	bool found;

	lines = imp_emit_vtysh(c, &opt, NULL);
	CHECK(lines, "no vtysh lines");
	CHECK(printable(lines), "control character in the vtysh lines");
	CHECK(strncmp(lines, "router bgp 65010\n", 17) == 0,
	      "vtysh lines do not start with router bgp");
	CHECK(strlen(lines) >= 5
		      && strcmp(lines + strlen(lines) - 5, "exit\n") == 0,
	      "vtysh lines do not end with exit");
	check_lines(lines);
	free(lines);

	yang = imp_yang_build(c, "default");
	text = imp_json_text(yang);
	reparsed = imp_json_parse(text, strlen(text), "yang", &d);
	CHECK(reparsed, "the YANG JSON does not parse back");
	imp_circuit_init(&back);
	CHECK(imp_yang_read(reparsed, "yang", "default", c->name, &back,
			    &found, &d),
	      "the YANG JSON does not read back");
	CHECK(found, "the circuit is not in its YANG JSON");
	if (own_asn(c, &asn)) {
		imp_check_init(&chk, c->name, "default");
		imp_check_circuit(&chk, c, &back, true, asn);
		CHECK(chk.count == 0,
		      "the YANG JSON reads back as another circuit");
		imp_check_free(&chk);
	}
	CHECK(imp_validate(&back, 0, &d), "read back, the rules refuse it");
	check_diags(&d, NULL);
	imp_circuit_free(&back);
	json_object_put(reparsed);
	json_object_put(yang);
	imp_diags_free(&d);
}

/* key if the input has it once (as the key): else it may be elsewhere. */
static const char *key_once(const char *text, size_t len, const char *key)
{
	size_t klen, count = 0;

	if (!key || !(klen = strlen(key)))
		return NULL;
	for (size_t i = 0; i + klen <= len; i++)
		if (memcmp(text + i, key, klen) == 0)
			count++;
	return count == 1 ? key : NULL;
}

static void azure_documents(const char *text, size_t len)
{
	static const char *const names[MAX_DOCS] = {"a.json", "b.json",
						    "c.json", "d.json"};
	struct imp_diags d = {0};
	struct imp_azure az;
	size_t start = 0;
	int ndocs = 0;

	imp_azure_init(&az);
	while (start <= len && ndocs < MAX_DOCS) {
		const char *ff = memchr(text + start, '\f', len - start);
		size_t end = ff ? (size_t)(ff - text) : len;
		json_object *doc;

		doc = imp_json_parse(text + start, end - start, names[ndocs],
				     &d);
		if (doc) {
			imp_azure_add(&az, doc, names[ndocs], &d);
			json_object_put(doc);
		}
		ndocs++;
		start = end + 1;
		if (!ff)
			break;
	}
	if (!d.errors)
		imp_azure_finish(&az, &d);
	if (!d.errors && imp_validate(&az.circuit, 0, &d)) {
		check_self(&az.circuit);
		outputs(&az.circuit);
	}
	check_diags(&d, key_once(text, len, shared_key(&az.circuit)));
	imp_azure_free(&az);
	imp_diags_free(&d);
}

static void router_yang(const char *text, size_t len)
{
	static const char *const names[] = {"c1", "circuitName", "lab"};
	struct imp_diags d = {0};
	json_object *doc = imp_json_parse(text, len, "router", &d);

	for (size_t i = 0; doc && i < sizeof(names) / sizeof(names[0]); i++) {
		struct imp_circuit c;
		bool found;

		imp_circuit_init(&c);
		if (imp_yang_read(doc, "router", "default", names[i], &c,
				  &found, &d)
		    && found) {
			check_self(&c);
			/* the rules on whatever the router claims */
			imp_validate(&c, 65010, &d);
		}
		imp_circuit_free(&c);
	}
	check_diags(&d, NULL);
	json_object_put(doc);
	imp_diags_free(&d);
}

/* The lab's private peering: 10.0.0.0/30 and 10.0.0.4/30. */
static void lab_circuit(struct imp_circuit *c)
{
	struct imp_peering *p = &c->peering[ER_PEERING_PRIVATE];

	imp_circuit_init(c);
	snprintf(c->name, sizeof(c->name), "lab");
	p->present = true;
	p->af[IMP_AF_IPV4].has[0] = p->af[IMP_AF_IPV4].has[1] = true;
	er_prefix_parse("10.0.0.0/30", &p->af[IMP_AF_IPV4].subnet[0]);
	er_prefix_parse("10.0.0.4/30", &p->af[IMP_AF_IPV4].subnet[1]);
}

static void tables(const char *text, size_t len)
{
	struct imp_diags d = {0};
	struct imp_prefix_list adv = {0};
	struct imp_circuit c;
	json_object *doc = imp_json_parse(text, len, "table", &d);
	struct er_prefix p;

	lab_circuit(&c);
	er_prefix_parse("172.16.0.0/16", &p);
	imp_prefix_list_add(&adv, &p, NULL);
	for (int kind = 0; doc && kind < 2; kind++) {
		struct imp_table t = {.kind = kind,
				      .peering = ER_PEERING_PRIVATE,
				      .link = ER_ROLE_PRIMARY};
		struct imp_check chk;

		imp_check_init(&chk, "lab", "default");
		if (imp_table_load(&t, doc, "table", &d)) {
			if (kind == IMP_TABLE_ARP)
				imp_check_arp(&chk, &t, &c);
			else
				imp_check_routes(&chk, &t, &c, &adv);
			for (size_t i = 0; i < chk.count; i++)
				CHECK(chk.items[i].field[0]
					      && (chk.items[i].azure
						  || chk.items[i].router),
				      "a difference without a value");
		}
		imp_check_free(&chk);
		imp_table_free(&t);
	}
	check_diags(&d, NULL);
	free(adv.items);
	free(adv.where);
	imp_circuit_free(&c);
	json_object_put(doc);
	imp_diags_free(&d);
}

static void snapshot(const char *text, size_t len)
{
	struct imp_router r = {0};
	struct imp_diags d = {0};

	if (imp_router_load_text(&r, text, len, "state", &d)) {
		struct imp_prefix_list adv = {0};
		struct imp_circuit c;
		size_t dropped;
		bool found;

		(void)imp_router_asn(&r, "default");
		imp_router_advertised(&r, "default", "10.0.0.2", &adv, &dropped,
				      &d);
		imp_circuit_init(&c);
		if (imp_router_circuit(&r, "default", "circuitName", &c, &found,
				       &d)
		    && found)
			check_self(&c);
		imp_circuit_free(&c);
		free(adv.items);
		free(adv.where);
	}
	check_diags(&d, NULL);
	imp_router_free(&r);
	imp_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text;
	int mode = 0;
	char *copy;

	if (!size)
		return 0;
	/* an exact heap copy: ASan sees a read past the end */
	copy = malloc(size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	text = copy;
	if (!strchr("{[ \t\r\n", data[0]) || data[0] == '\0') {
		mode = data[0] % 4;
		text++;
		size--;
	}
	switch (mode) {
	case 0:
		azure_documents(text, size);
		break;
	case 1:
		router_yang(text, size);
		break;
	case 2:
		tables(text, size);
		break;
	default:
		snapshot(text, size);
		break;
	}
	free(copy);
	return 0;
}
