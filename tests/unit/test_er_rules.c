// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of plugin/er_rules.c (Check framework).
 *
 * Build and run alone:
 *   gcc -std=gnu11 -Wall -Wextra -Werror -Iplugin tests/unit/test_er_rules.c \
 *       plugin/er_rules.c $(pkg-config --cflags --libs check) -o t && ./t
 *
 * The YANG cross-check looks for yang/frr-expressroute.yang under $srcdir,
 * the current directory or ../..; without it that one test is skipped.
 */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_rules.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Parse str or fail the test. */
static struct er_prefix P(const char *str) {
	struct er_prefix p;

	ck_assert_msg(er_prefix_parse(str, &p), "cannot parse '%s'", str);
	return p;
}

static const char *
pstr(const struct er_prefix *p, char *buf)
{
	return er_prefix2str(p, buf, ER_PREFIX_STRLEN);
}

static const char *astr(const struct er_prefix *p, char *buf)
{
	return er_addr2str(p, buf, ER_PREFIX_STRLEN);
}

#define ck_assert_contains(hay, needle)                                        \
	ck_assert_msg(strstr((hay), (needle)) != NULL,                         \
		      "message '%s' does not contain '%s'", (hay), (needle))

/* A success must clear the message buffer. */
#define ERRBUF_INIT "stale message"

/*
 * Enum names
 */

START_TEST(test_enum_names)
{
	static const char *const skus[] = {"local", "standard", "premium"};
	static const char *const billings[] = {"metered", "unlimited"};
	static const char *const conns[] = {"colocation", "point-to-point",
					    "any-to-any", "direct"};
	static const char *const speeds[] = {"10g", "100g", "400g"};
	static const char *const encaps[] = {"dot1q", "qinq"};
	static const char *const types[] = {"private", "microsoft"};
	static const char *const reds[] = {"active-active", "active-standby"};
	static const char *const roles[] = {"primary", "secondary"};
	static const char *const verdicts[] = {"ok", "degraded", "down",
					       "incomplete"};
	static const char *const bfds[] = {"up", "down", "admin-down",
					   "disabled", "unknown"};
	static const char *const classes[] = {"public", "private", "reserved",
					      "microsoft", "refused"};
	size_t i;

	ck_assert_uint_eq(ER_SKU_MAX, COUNT(skus));
	ck_assert_uint_eq(ER_BILLING_MAX, COUNT(billings));
	ck_assert_uint_eq(ER_CONN_MAX, COUNT(conns));
	ck_assert_uint_eq(ER_PORT_SPEED_MAX, COUNT(speeds));
	ck_assert_uint_eq(ER_ENCAP_MAX, COUNT(encaps));
	ck_assert_uint_eq(ER_PEERING_MAX, COUNT(types));
	ck_assert_uint_eq(ER_REDUNDANCY_MAX, COUNT(reds));
	ck_assert_uint_eq(ER_ROLE_MAX, COUNT(roles));
	ck_assert_uint_eq(ER_VERDICT_MAX, COUNT(verdicts));
	ck_assert_uint_eq(ER_BFD_STATUS_MAX, COUNT(bfds));
	ck_assert_uint_eq(ER_ASN_CLASS_MAX, COUNT(classes));

	for (i = 0; i < COUNT(skus); i++) {
		enum er_sku v = ER_SKU_MAX;

		ck_assert_str_eq(er_sku2str((enum er_sku)i), skus[i]);
		ck_assert(er_str2sku(skus[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(billings); i++) {
		enum er_billing v = ER_BILLING_MAX;

		ck_assert_str_eq(er_billing2str((enum er_billing)i),
				 billings[i]);
		ck_assert(er_str2billing(billings[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(conns); i++) {
		enum er_connectivity v = ER_CONN_MAX;

		ck_assert_str_eq(er_connectivity2str((enum er_connectivity)i),
				 conns[i]);
		ck_assert(er_str2connectivity(conns[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(speeds); i++) {
		enum er_port_speed v = ER_PORT_SPEED_NONE;

		ck_assert_str_eq(er_port_speed2str((enum er_port_speed)i),
				 speeds[i]);
		ck_assert(er_str2port_speed(speeds[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(encaps); i++) {
		enum er_encapsulation v = ER_ENCAP_NONE;

		ck_assert_str_eq(er_encapsulation2str((enum er_encapsulation)i),
				 encaps[i]);
		ck_assert(er_str2encapsulation(encaps[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(types); i++) {
		enum er_peering_type v = ER_PEERING_MAX;

		ck_assert_str_eq(er_peering_type2str((enum er_peering_type)i),
				 types[i]);
		ck_assert(er_str2peering_type(types[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(reds); i++) {
		enum er_redundancy v = ER_REDUNDANCY_MAX;

		ck_assert_str_eq(er_redundancy2str((enum er_redundancy)i),
				 reds[i]);
		ck_assert(er_str2redundancy(reds[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(roles); i++) {
		enum er_role v = ER_ROLE_MAX;

		ck_assert_str_eq(er_role2str((enum er_role)i), roles[i]);
		ck_assert(er_str2role(roles[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(verdicts); i++) {
		enum er_verdict v = ER_VERDICT_MAX;

		ck_assert_str_eq(er_verdict2str((enum er_verdict)i),
				 verdicts[i]);
		ck_assert(er_str2verdict(verdicts[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(bfds); i++) {
		enum er_bfd_status v = ER_BFD_STATUS_MAX;

		ck_assert_str_eq(er_bfd_status2str((enum er_bfd_status)i),
				 bfds[i]);
		ck_assert(er_str2bfd_status(bfds[i], &v));
		ck_assert_int_eq(v, (int)i);
	}
	for (i = 0; i < COUNT(classes); i++)
		ck_assert_str_eq(er_asn_class2str((enum er_asn_class)i),
				 classes[i]);

	/* Fixed values the northbound code relies on. */
	ck_assert_int_eq(ER_SKU_STANDARD, 1);
	ck_assert_int_eq(ER_CONN_DIRECT, 3);
	ck_assert_int_eq(ER_PEERING_MICROSOFT, 1);
	ck_assert_int_eq(ER_VERDICT_INCOMPLETE, 3);
	ck_assert_int_eq(ER_PORT_SPEED_100G, 1);
	ck_assert_int_eq(ER_PORT_SPEED_400G, 2);
	ck_assert_int_eq(ER_ENCAP_QINQ, 1);
}
END_TEST

START_TEST(test_enum_names_invalid)
{
	enum er_sku sku = ER_SKU_PREMIUM;
	enum er_port_speed speed = ER_PORT_SPEED_10G;
	enum er_verdict verdict = ER_VERDICT_DOWN;
	int family = 12345;

	ck_assert_str_eq(er_sku2str(ER_SKU_MAX), "invalid");
	ck_assert_str_eq(er_sku2str((enum er_sku) - 1), "invalid");
	ck_assert_str_eq(er_sku2str((enum er_sku)1000000), "invalid");
	ck_assert_str_eq(er_billing2str(ER_BILLING_MAX), "invalid");
	ck_assert_str_eq(er_connectivity2str(ER_CONN_MAX), "invalid");
	ck_assert_str_eq(er_peering_type2str(ER_PEERING_MAX), "invalid");
	ck_assert_str_eq(er_redundancy2str(ER_REDUNDANCY_MAX), "invalid");
	ck_assert_str_eq(er_role2str(ER_ROLE_MAX), "invalid");
	ck_assert_str_eq(er_verdict2str(ER_VERDICT_MAX), "invalid");
	ck_assert_str_eq(er_verdict2str((enum er_verdict) - 7), "invalid");
	ck_assert_str_eq(er_bfd_status2str(ER_BFD_STATUS_MAX), "invalid");
	ck_assert_str_eq(er_asn_class2str(ER_ASN_CLASS_MAX), "invalid");
	ck_assert_str_eq(er_port_speed2str(ER_PORT_SPEED_NONE), "none");
	ck_assert_str_eq(er_port_speed2str(ER_PORT_SPEED_MAX), "invalid");
	ck_assert_str_eq(er_port_speed2str((enum er_port_speed) - 2),
			 "invalid");
	ck_assert_str_eq(er_encapsulation2str(ER_ENCAP_NONE), "none");
	ck_assert_str_eq(er_encapsulation2str(ER_ENCAP_MAX), "invalid");
	ck_assert_str_eq(er_encapsulation2str((enum er_encapsulation) - 2),
			 "invalid");

	/* Unknown, NULL, wrong case, prefix of a name: left untouched. */
	ck_assert(!er_str2sku(NULL, &sku));
	ck_assert(!er_str2sku("", &sku));
	ck_assert(!er_str2sku("basic", &sku));
	ck_assert(!er_str2sku("Standard", &sku));
	ck_assert(!er_str2sku("standard ", &sku));
	ck_assert(!er_str2sku("stand", &sku));
	ck_assert(!er_str2sku("invalid", &sku));
	ck_assert_int_eq(sku, ER_SKU_PREMIUM);
	ck_assert(!er_str2port_speed("none", &speed));
	ck_assert(!er_str2port_speed("40g", &speed));
	ck_assert(!er_str2port_speed("10G", &speed));
	ck_assert(!er_str2port_speed("400", &speed));
	ck_assert_int_eq(speed, ER_PORT_SPEED_10G);
	ck_assert(er_str2port_speed("400g", &speed));
	ck_assert_int_eq(speed, ER_PORT_SPEED_400G);
	{
		enum er_encapsulation encap = ER_ENCAP_QINQ;

		ck_assert(!er_str2encapsulation("none", &encap));
		ck_assert(!er_str2encapsulation("Dot1Q", &encap));
		ck_assert(!er_str2encapsulation("802.1q", &encap));
		ck_assert(!er_str2encapsulation(NULL, &encap));
		ck_assert_int_eq(encap, ER_ENCAP_QINQ);
		ck_assert(er_str2encapsulation("dot1q", NULL));
	}
	ck_assert(!er_str2verdict("OK", &verdict));
	ck_assert_int_eq(verdict, ER_VERDICT_DOWN);
	ck_assert(!er_str2peering_type("public", NULL));
	ck_assert(er_str2peering_type("microsoft", NULL));

	ck_assert_str_eq(er_family2str(AF_INET), "ipv4");
	ck_assert_str_eq(er_family2str(AF_INET6), "ipv6");
	ck_assert_str_eq(er_family2str(AF_UNSPEC), "invalid");
	ck_assert(er_str2family("ipv6", &family));
	ck_assert_int_eq(family, AF_INET6);
	ck_assert(er_str2family("ipv4", &family));
	ck_assert_int_eq(family, AF_INET);
	ck_assert(!er_str2family("IPv4", &family));
	ck_assert(!er_str2family(NULL, &family));
	ck_assert_int_eq(family, AF_INET);
}
END_TEST

/*
 * The C enums must match the YANG model: names in order, values equal.
 */

static FILE *open_model(void)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];
	FILE *f;

	if (srcdir) {
		snprintf(path, sizeof(path), "%s/yang/frr-expressroute.yang",
			 srcdir);
		f = fopen(path, "r");
		if (f)
			return f;
	}
	f = fopen("yang/frr-expressroute.yang", "r");
	if (f)
		return f;
	return fopen("../../yang/frr-expressroute.yang", "r");
}

struct yang_enum {
	char name[32];
	long value;
};

/* Collect the enums of "typedef NAME"; returns how many, -1 if absent. */
static int yang_typedef_enums(FILE *f, const char *typedef_name,
			      struct yang_enum *out, int max)
{
	char line[512], want[80], name[32];
	bool inside = false, found = false;
	int n = 0;
	long value;

	snprintf(want, sizeof(want), "typedef %s {", typedef_name);
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		const char *s = line;

		while (*s == ' ')
			s++;
		if (strncmp(s, "typedef ", 8) == 0) {
			inside = strncmp(s, want, strlen(want)) == 0;
			found = found || inside;
			continue;
		}
		if (!inside)
			continue;
		if (sscanf(s, "enum %31[^ {] {", name) == 1 && n < max) {
			snprintf(out[n].name, sizeof(out[n].name), "%s", name);
			out[n].value = -1;
			n++;
		} else if (sscanf(s, "value %ld;", &value) == 1 && n > 0) {
			out[n - 1].value = value;
		} else if (strncmp(s, "grouping ", 9) == 0 ||
			   strncmp(s, "container ", 10) == 0) {
			inside = false;
		}
	}
	return found ? n : -1;
}

typedef const char *(*enum2str_fn)(int value);

#define WRAP(fn, type)                                                         \
	static const char *wrap_##fn(int v)                                    \
	{                                                                      \
		return fn((type)v);                                            \
	}
WRAP(er_sku2str, enum er_sku)
WRAP(er_billing2str, enum er_billing)
WRAP(er_connectivity2str, enum er_connectivity)
WRAP(er_port_speed2str, enum er_port_speed)
WRAP(er_encapsulation2str, enum er_encapsulation)
WRAP(er_peering_type2str, enum er_peering_type)
WRAP(er_redundancy2str, enum er_redundancy)
WRAP(er_role2str, enum er_role)
WRAP(er_verdict2str, enum er_verdict)
WRAP(er_bfd_status2str, enum er_bfd_status)

static const char *wrap_family(int v)
{
	return er_family2str(v == 0 ? AF_INET : v == 1 ? AF_INET6 : -1);
}

static const struct {
	const char *typedef_name;
	enum2str_fn fn;
	int count;
} yang_enum_map[] = {
	{"sku", wrap_er_sku2str, ER_SKU_MAX},
	{"billing", wrap_er_billing2str, ER_BILLING_MAX},
	{"connectivity", wrap_er_connectivity2str, ER_CONN_MAX},
	{"port-speed", wrap_er_port_speed2str, ER_PORT_SPEED_MAX},
	{"encapsulation", wrap_er_encapsulation2str, ER_ENCAP_MAX},
	{"peering-type", wrap_er_peering_type2str, ER_PEERING_MAX},
	{"redundancy", wrap_er_redundancy2str, ER_REDUNDANCY_MAX},
	{"session-role", wrap_er_role2str, ER_ROLE_MAX},
	{"verdict", wrap_er_verdict2str, ER_VERDICT_MAX},
	{"bfd-status", wrap_er_bfd_status2str, ER_BFD_STATUS_MAX},
	{"address-family", wrap_family, 2},
};

START_TEST(test_enums_match_yang)
{
	struct yang_enum enums[16];
	FILE *f = open_model();
	size_t t;
	int n, i;

	if (!f) {
		fprintf(stderr,
			"SKIP: yang/frr-expressroute.yang not found, enums not cross-checked\n");
		return;
	}
	for (t = 0; t < COUNT(yang_enum_map); t++) {
		n = yang_typedef_enums(f, yang_enum_map[t].typedef_name, enums,
				       (int)COUNT(enums));
		ck_assert_msg(n == yang_enum_map[t].count,
			      "typedef %s: %d YANG enums, %d in C",
			      yang_enum_map[t].typedef_name, n,
			      yang_enum_map[t].count);
		for (i = 0; i < n; i++) {
			ck_assert_str_eq(enums[i].name, yang_enum_map[t].fn(i));
			ck_assert_msg(enums[i].value == i,
				      "typedef %s enum %s has value %ld, C %d",
				      yang_enum_map[t].typedef_name,
				      enums[i].name, enums[i].value, i);
		}
	}
	fclose(f);
}
END_TEST

/*
 * Prefix parsing and printing
 */

static const struct {
	const char *in;
	int family; /* 0: must be rejected */
	unsigned int len;
	const char *out; /* er_prefix2str of the result */
} parse_cases[] = {
	{"192.168.100.128/29", AF_INET, 29, "192.168.100.128/29"},
	{"192.168.100.129/30", AF_INET, 30, "192.168.100.129/30"},
	{"0.0.0.0/0", AF_INET, 0, "0.0.0.0/0"},
	{"255.255.255.255/32", AF_INET, 32, "255.255.255.255/32"},
	{"203.0.113.0/24", AF_INET, 24, "203.0.113.0/24"},
	{"::/0", AF_INET6, 0, "::/0"},
	{"2001:DB8:0:0::5/126", AF_INET6, 126, "2001:db8::5/126"},
	{"2001:db8:100::4/126", AF_INET6, 126, "2001:db8:100::4/126"},
	{"::ffff:192.0.2.1/128", AF_INET6, 128, "::ffff:192.0.2.1/128"},
	{"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128", AF_INET6, 128,
	 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"},
	{"", 0, 0, NULL},
	{"/", 0, 0, NULL},
	{"/24", 0, 0, NULL},
	{"192.0.2.1", 0, 0, NULL},
	{"192.0.2.0/", 0, 0, NULL},
	{"192.0.2.0/33", 0, 0, NULL},
	{"192.0.2.0/024", 0, 0, NULL},
	{"192.0.2.0/00", 0, 0, NULL},
	{"192.0.2.0/1000", 0, 0, NULL},
	{"192.0.2.0/-1", 0, 0, NULL},
	{"192.0.2.0/+8", 0, 0, NULL},
	{"192.0.2.0/8/8", 0, 0, NULL},
	{"192.0.2.0/2a", 0, 0, NULL},
	{" 192.0.2.0/24", 0, 0, NULL},
	{"192.0.2.0/24 ", 0, 0, NULL},
	{"192.0.2.0 /24", 0, 0, NULL},
	{"192.0.2/24", 0, 0, NULL},
	{"192.0.2.0.1/24", 0, 0, NULL},
	{"256.0.0.0/8", 0, 0, NULL},
	{"010.0.0.0/8", 0, 0, NULL},
	{"0x0a.0.0.0/8", 0, 0, NULL},
	{"::/129", 0, 0, NULL},
	{"2001:db8::/0128", 0, 0, NULL},
	{"fe80::1%eth0/64", 0, 0, NULL},
	{"2001:db8:::/48", 0, 0, NULL},
	{"2001:db8::g/64", 0, 0, NULL},
	{"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 0, 0, NULL},
	{"192.0.2.0\n/24", 0, 0, NULL},
	/* Longer than any prefix can be: rejected before parsing. */
	{"0000:0000:0000:0000:0000:0000:0000:0000:0000:0000/128", 0, 0, NULL},
};

START_TEST(test_prefix_parse)
{
	char buf[ER_PREFIX_STRLEN];
	struct er_prefix p, before;
	size_t i;

	for (i = 0; i < COUNT(parse_cases); i++) {
		const char *in = parse_cases[i].in;

		memset(&p, 0xa5, sizeof(p));
		before = p;
		if (!parse_cases[i].family) {
			ck_assert_msg(!er_prefix_parse(in, &p),
				      "'%s' must be rejected", in);
			ck_assert_msg(memcmp(&p, &before, sizeof(p)) == 0,
				      "'%s' rejected but output written", in);
			continue;
		}
		ck_assert_msg(er_prefix_parse(in, &p), "'%s' must parse", in);
		ck_assert_int_eq(p.family, parse_cases[i].family);
		ck_assert_uint_eq(p.len, parse_cases[i].len);
		ck_assert_str_eq(pstr(&p, buf), parse_cases[i].out);
		if (p.family == AF_INET) {
			static const uint8_t zero[12];

			ck_assert(memcmp(p.addr + 4, zero, 12) == 0);
		}
	}
	ck_assert(!er_prefix_parse(NULL, &p));
	ck_assert(!er_prefix_parse("192.0.2.0/24", NULL));
}
END_TEST

START_TEST(test_prefix_parse_long_input)
{
	char big[4096];
	struct er_prefix p;

	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert(!er_prefix_parse(big, &p));
	memcpy(big, "192.0.2.0/24", 12);
	ck_assert(!er_prefix_parse(big, &p));
}
END_TEST

START_TEST(test_prefix_format)
{
	struct er_prefix p = P("2001:db8:100::5/126"), bad;
	char buf[ER_PREFIX_STRLEN], small[8];

	ck_assert_str_eq(pstr(&p, buf), "2001:db8:100::5/126");
	ck_assert_str_eq(astr(&p, buf), "2001:db8:100::5");
	p = P("192.168.100.129/30");
	ck_assert_str_eq(astr(&p, buf), "192.168.100.129");

	/* Truncated but terminated. */
	ck_assert_str_eq(er_prefix2str(&p, small, sizeof(small)), "192.168");
	ck_assert_str_eq(er_addr2str(&p, small, 1), "");
	ck_assert_str_eq(er_prefix2str(&p, NULL, 10), "");
	ck_assert_str_eq(er_prefix2str(&p, buf, 0), "");

	/* Invalid prefixes print as such. */
	ck_assert_str_eq(er_prefix2str(NULL, buf, sizeof(buf)), "(invalid)");
	bad = p;
	bad.len = 33;
	ck_assert_str_eq(pstr(&bad, buf), "(invalid)");
	ck_assert(!er_prefix_valid(&bad));
	bad.family = 99;
	bad.len = 8;
	ck_assert_str_eq(astr(&bad, buf), "(invalid)");
	ck_assert(!er_prefix_valid(&bad));
	ck_assert(!er_prefix_valid(NULL));
	bad = P("::/0");
	bad.len = 129;
	ck_assert(!er_prefix_valid(&bad));
	bad.len = 128;
	ck_assert(er_prefix_valid(&bad));
}
END_TEST

static const struct {
	const char *in;
	bool aligned;
	const char *network;
} align_cases[] = {
	{"192.168.100.128/30", true, "192.168.100.128/30"},
	{"192.168.100.129/30", false, "192.168.100.128/30"},
	{"192.168.100.131/30", false, "192.168.100.128/30"},
	{"192.168.100.132/29", false, "192.168.100.128/29"},
	{"10.1.2.3/8", false, "10.0.0.0/8"},
	{"10.1.2.3/32", true, "10.1.2.3/32"},
	{"255.255.255.255/0", false, "0.0.0.0/0"},
	{"0.0.0.0/0", true, "0.0.0.0/0"},
	{"172.31.255.255/12", false, "172.16.0.0/12"},
	{"2001:db8::4/126", true, "2001:db8::4/126"},
	{"2001:db8::5/126", false, "2001:db8::4/126"},
	{"2001:db8::ffff/125", false, "2001:db8::fff8/125"},
	{"2001:db8:ffff::/33", false, "2001:db8:8000::/33"},
	{"ffff::1/128", true, "ffff::1/128"},
	{"::1/0", false, "::/0"},
};

START_TEST(test_prefix_align)
{
	char buf[ER_PREFIX_STRLEN];
	struct er_prefix p, net;
	size_t i;

	for (i = 0; i < COUNT(align_cases); i++) {
		p = P(align_cases[i].in);
		ck_assert_msg(er_prefix_is_aligned(&p) ==
				      align_cases[i].aligned,
			      "%s aligned", align_cases[i].in);
		ck_assert(er_prefix_network(&p, &net));
		ck_assert_str_eq(pstr(&net, buf), align_cases[i].network);
		ck_assert(er_prefix_is_aligned(&net));
	}
	ck_assert(!er_prefix_is_aligned(NULL));
	ck_assert(!er_prefix_network(NULL, &net));
	ck_assert(!er_prefix_network(&p, NULL));
}
END_TEST

/* Relations of a to b. */
static const struct {
	const char *a, *b;
	bool equal, a_contains_b, overlaps;
} relation_cases[] = {
	{"192.168.100.128/30", "192.168.100.128/30", true, true, true},
	{"192.168.100.128/29", "192.168.100.132/30", false, true, true},
	{"192.168.100.132/30", "192.168.100.128/29", false, false, true},
	{"192.168.100.128/30", "192.168.100.132/30", false, false, false},
	{"192.168.100.128/30", "192.168.100.131/32", false, true, true},
	{"192.168.100.128/30", "192.168.100.132/32", false, false, false},
	{"0.0.0.0/0", "203.0.113.7/32", false, true, true},
	{"0.0.0.0/0", "0.0.0.0/0", true, true, true},
	{"10.0.0.0/8", "11.0.0.0/8", false, false, false},
	{"10.0.0.0/7", "11.0.0.0/8", false, true, true},
	{"10.0.0.0/8", "10.255.255.255/32", false, true, true},
	{"172.16.0.0/12", "172.32.0.0/12", false, false, false},
	{"2001:db8::/126", "2001:db8::4/126", false, false, false},
	{"2001:db8::/125", "2001:db8::4/126", false, true, true},
	{"2001:db8::/32", "2001:db9::/32", false, false, false},
	{"::/0", "2001:db8::1/128", false, true, true},
	/* Different families never relate. */
	{"0.0.0.0/0", "::/0", false, false, false},
	{"192.0.2.0/24", "::ffff:192.0.2.0/120", false, false, false},
};

START_TEST(test_prefix_relations)
{
	struct er_prefix a, b;
	size_t i;

	for (i = 0; i < COUNT(relation_cases); i++) {
		a = P(relation_cases[i].a);
		b = P(relation_cases[i].b);
		ck_assert_msg(er_prefix_equal(&a, &b) ==
				      relation_cases[i].equal,
			      "equal(%s, %s)", relation_cases[i].a,
			      relation_cases[i].b);
		ck_assert_msg(er_prefix_contains(&a, &b) ==
				      relation_cases[i].a_contains_b,
			      "contains(%s, %s)", relation_cases[i].a,
			      relation_cases[i].b);
		ck_assert_msg(er_prefix_overlaps(&a, &b) ==
				      relation_cases[i].overlaps,
			      "overlaps(%s, %s)", relation_cases[i].a,
			      relation_cases[i].b);
		/* Overlap is symmetric. */
		ck_assert(er_prefix_overlaps(&b, &a) ==
			  relation_cases[i].overlaps);
	}
	a = P("192.0.2.0/24");
	ck_assert(!er_prefix_overlaps(&a, NULL));
	ck_assert(!er_prefix_overlaps(NULL, &a));
	ck_assert(!er_prefix_contains(NULL, &a));
	ck_assert(!er_prefix_equal(&a, NULL));
	b = a;
	b.len = 40;
	ck_assert(!er_prefix_overlaps(&a, &b));
}
END_TEST

START_TEST(test_check_no_overlap)
{
	struct er_prefix a = P("203.0.113.0/30"), b = P("203.0.113.0/29"),
			 c = P("203.0.113.8/29");
	char err[ER_MSG_SIZE] = ERRBUF_INIT;

	ck_assert(er_check_no_overlap(&a, "x", &c, "y", err, sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert(!er_check_no_overlap(&a, "circuit ams-er-1 microsoft primary",
				       &b, "circuit lon-er-1 global-reach", err,
				       sizeof(err)));
	ck_assert_str_eq(
		err,
		"circuit ams-er-1 microsoft primary 203.0.113.0/30 overlaps circuit lon-er-1 global-reach 203.0.113.0/29: subnets must not overlap");
	ck_assert(!er_check_no_overlap(&a, NULL, &b, NULL, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"subnet 203.0.113.0/30 overlaps subnet 203.0.113.0/29: subnets must not overlap");
	/* Labels are sanitised. */
	ck_assert(!er_check_no_overlap(&a, "bad\nlabel\x1b", &b, "ok", err,
				       sizeof(err)));
	ck_assert_contains(err, "bad?label? 203.0.113.0/30");
}
END_TEST

/*
 * Link subnets
 */

static const struct {
	const char *in;
	const char *err; /* NULL: valid; else a substring of the message */
} link_subnet_cases[] = {
	{"192.168.100.128/30", NULL},
	{"192.168.100.132/30", NULL},
	{"203.0.113.252/30", NULL},
	{"0.0.0.0/30", NULL},
	{"2001:db8:100::/126", NULL},
	{"2001:db8:100::4/126", NULL},
	{"192.168.100.128/29",
	 "IPv4 link subnet 192.168.100.128/29 is a /29: each ExpressRoute link needs exactly a /30 (a /29 splits into the primary and secondary /30)"},
	{"192.168.100.128/31", "is a /31"},
	{"192.168.100.128/32", "is a /32"},
	{"0.0.0.0/0", "is a /0"},
	{"192.168.100.129/30",
	 "IPv4 link subnet 192.168.100.129/30 has host bits set: use its network address 192.168.100.128/30"},
	{"192.168.100.134/30", "use its network address 192.168.100.132/30"},
	{"2001:db8:100::/125",
	 "IPv6 link subnet 2001:db8:100::/125 is a /125: each ExpressRoute link needs exactly a /126 (a /125 splits into the primary and secondary /126)"},
	{"2001:db8:100::/127", "is a /127"},
	{"2001:db8:100::/64", "is a /64"},
	{"2001:db8:100::1/126",
	 "IPv6 link subnet 2001:db8:100::1/126 has host bits set: use its network address 2001:db8:100::/126"},
};

START_TEST(test_link_subnet)
{
	char err[ER_MSG_SIZE];
	struct er_prefix p;
	size_t i;

	for (i = 0; i < COUNT(link_subnet_cases); i++) {
		p = P(link_subnet_cases[i].in);
		strcpy(err, ERRBUF_INIT);
		if (!link_subnet_cases[i].err) {
			ck_assert_msg(
				er_check_link_subnet(&p, err, sizeof(err)),
				"%s: %s", link_subnet_cases[i].in, err);
			ck_assert_str_eq(err, "");
			continue;
		}
		ck_assert_msg(!er_check_link_subnet(&p, err, sizeof(err)),
			      "%s must be rejected", link_subnet_cases[i].in);
		ck_assert_contains(err, link_subnet_cases[i].err);
	}
	ck_assert(!er_check_link_subnet(NULL, err, sizeof(err)));
	ck_assert_str_eq(err, "link subnet is not a valid IPv4 or IPv6 prefix");
	/* No buffer, a one-byte buffer: verdict only. */
	p = P("192.168.100.129/30");
	ck_assert(!er_check_link_subnet(&p, NULL, 0));
	ck_assert(!er_check_link_subnet(&p, NULL, 100));
	ck_assert(!er_check_link_subnet(&p, err, 1));
	ck_assert_str_eq(err, "");
	/* A small buffer truncates. */
	ck_assert(!er_check_link_subnet(&p, err, 10));
	ck_assert_str_eq(err, "IPv4 link");
}
END_TEST

static const struct {
	const char *subnet, *ce, *msee;
} link_address_cases[] = {
	{"192.168.100.128/30", "192.168.100.129/30", "192.168.100.130/30"},
	{"192.168.100.132/30", "192.168.100.133/30", "192.168.100.134/30"},
	{"10.0.0.252/30", "10.0.0.253/30", "10.0.0.254/30"},
	{"203.0.113.0/30", "203.0.113.1/30", "203.0.113.2/30"},
	{"2001:db8:100::/126", "2001:db8:100::1/126", "2001:db8:100::2/126"},
	{"2001:db8:100::4/126", "2001:db8:100::5/126", "2001:db8:100::6/126"},
	{"2001:db8::fffc/126", "2001:db8::fffd/126", "2001:db8::fffe/126"},
	{"2001:db8:ffff:ffff:ffff:ffff:ffff:fff8/126",
	 "2001:db8:ffff:ffff:ffff:ffff:ffff:fff9/126",
	 "2001:db8:ffff:ffff:ffff:ffff:ffff:fffa/126"},
};

START_TEST(test_link_addresses)
{
	char err[ER_MSG_SIZE], buf[ER_PREFIX_STRLEN];
	struct er_prefix subnet, ce, msee;
	size_t i;

	for (i = 0; i < COUNT(link_address_cases); i++) {
		subnet = P(link_address_cases[i].subnet);
		strcpy(err, ERRBUF_INIT);
		ck_assert_msg(er_link_addresses(&subnet, &ce, &msee, err,
						sizeof(err)),
			      "%s: %s", link_address_cases[i].subnet, err);
		ck_assert_str_eq(err, "");
		ck_assert_str_eq(pstr(&ce, buf), link_address_cases[i].ce);
		ck_assert_str_eq(pstr(&msee, buf), link_address_cases[i].msee);
		ck_assert(er_prefix_contains(&subnet, &ce));
		ck_assert(er_prefix_contains(&subnet, &msee));
	}

	/* Rejected subnets leave the outputs alone. */
	memset(&ce, 0x5a, sizeof(ce));
	msee = ce;
	subnet = P("192.168.100.128/29");
	ck_assert(!er_link_addresses(&subnet, &ce, &msee, err, sizeof(err)));
	ck_assert_contains(err, "is a /29");
	ck_assert_int_eq(ce.family, 0x5a5a5a5a);
	ck_assert_int_eq(msee.family, 0x5a5a5a5a);
	subnet = P("192.168.100.130/30");
	ck_assert(!er_link_addresses(&subnet, &ce, &msee, err, sizeof(err)));
	ck_assert_contains(err, "host bits set");
	ck_assert(!er_link_addresses(NULL, &ce, &msee, err, sizeof(err)));
	/* Outputs are optional. */
	subnet = P("192.168.100.128/30");
	ck_assert(er_link_addresses(&subnet, NULL, &msee, NULL, 0));
	ck_assert_str_eq(astr(&msee, buf), "192.168.100.130");
}
END_TEST

START_TEST(test_split_subnet)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT, buf[ER_PREFIX_STRLEN];
	struct er_prefix block, pri, sec, ce, msee;

	/* Microsoft's example: 192.168.100.128/29. */
	block = P("192.168.100.128/29");
	ck_assert(er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(pstr(&pri, buf), "192.168.100.128/30");
	ck_assert_str_eq(pstr(&sec, buf), "192.168.100.132/30");
	ck_assert(er_check_link_pair(&pri, &sec, err, sizeof(err)));
	ck_assert(er_link_addresses(&pri, &ce, &msee, err, sizeof(err)));
	ck_assert_str_eq(astr(&ce, buf), "192.168.100.129");
	ck_assert_str_eq(astr(&msee, buf), "192.168.100.130");
	ck_assert(er_link_addresses(&sec, &ce, &msee, err, sizeof(err)));
	ck_assert_str_eq(astr(&ce, buf), "192.168.100.133");
	ck_assert_str_eq(astr(&msee, buf), "192.168.100.134");

	block = P("203.0.113.248/29");
	ck_assert(er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_str_eq(pstr(&pri, buf), "203.0.113.248/30");
	ck_assert_str_eq(pstr(&sec, buf), "203.0.113.252/30");

	block = P("2001:db8:100::/125");
	ck_assert(er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_str_eq(pstr(&pri, buf), "2001:db8:100::/126");
	ck_assert_str_eq(pstr(&sec, buf), "2001:db8:100::4/126");
	ck_assert(er_link_addresses(&sec, &ce, &msee, err, sizeof(err)));
	ck_assert_str_eq(astr(&ce, buf), "2001:db8:100::5");
	ck_assert_str_eq(astr(&msee, buf), "2001:db8:100::6");

	block = P("2001:db8::fff8/125");
	ck_assert(er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_str_eq(pstr(&pri, buf), "2001:db8::fff8/126");
	ck_assert_str_eq(pstr(&sec, buf), "2001:db8::fffc/126");

	memset(&pri, 0x11, sizeof(pri));
	block = P("192.168.100.128/30");
	ck_assert(!er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"IPv4 subnet block 192.168.100.128/30 is a /30: only a /29 splits into the primary and secondary /30");
	ck_assert_int_eq(pri.family, 0x11111111);
	block = P("192.168.100.128/28");
	ck_assert(!er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_contains(err, "is a /28");
	block = P("192.168.100.132/29");
	ck_assert(!er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"IPv4 subnet block 192.168.100.132/29 has host bits set: use its network address 192.168.100.128/29");
	block = P("2001:db8::/124");
	ck_assert(!er_split_subnet(&block, &pri, &sec, err, sizeof(err)));
	ck_assert_contains(err, "IPv6 subnet block 2001:db8::/124 is a /124");
	ck_assert_contains(err, "only a /125");
	ck_assert(!er_split_subnet(NULL, &pri, &sec, err, sizeof(err)));
}
END_TEST

START_TEST(test_link_pair)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;
	struct er_prefix a, b;

	a = P("192.168.100.128/30");
	b = P("192.168.100.132/30");
	ck_assert(er_check_link_pair(&a, &b, err, sizeof(err)));
	ck_assert_str_eq(err, "");
	/* Any two /30s will do, adjacent or not, in either order. */
	b = P("198.51.100.0/30");
	ck_assert(er_check_link_pair(&b, &a, err, sizeof(err)));

	b = a;
	ck_assert(!er_check_link_pair(&a, &b, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"primary and secondary link subnets are both 192.168.100.128/30: each link needs its own /30");

	b = P("2001:db8::/126");
	ck_assert(!er_check_link_pair(&a, &b, err, sizeof(err)));
	ck_assert_contains(err, "different address families");

	b = P("192.168.100.128/29");
	ck_assert(!er_check_link_pair(&a, &b, err, sizeof(err)));
	ck_assert_contains(err,
			   "secondary IPv4 link subnet 192.168.100.128/29");
	ck_assert(!er_check_link_pair(&b, &a, err, sizeof(err)));
	ck_assert_contains(err, "primary IPv4 link subnet 192.168.100.128/29");

	b = P("192.168.100.133/30");
	ck_assert(!er_check_link_pair(&a, &b, err, sizeof(err)));
	ck_assert_contains(
		err,
		"secondary IPv4 link subnet 192.168.100.133/30 has host bits set");

	a = P("2001:db8:100::/126");
	b = P("2001:db8:100::4/126");
	ck_assert(er_check_link_pair(&a, &b, err, sizeof(err)));
	ck_assert(!er_check_link_pair(&a, &a, err, sizeof(err)));
	ck_assert_contains(err, "each link needs its own /126");

	ck_assert(!er_check_link_pair(NULL, &b, err, sizeof(err)));
	ck_assert_contains(err, "primary link subnet is not a valid");
	ck_assert(!er_check_link_pair(&a, NULL, err, sizeof(err)));
	ck_assert_contains(err, "secondary link subnet is not a valid");
}
END_TEST

/*
 * Microsoft peering: public addresses
 */

static const struct {
	const char *in;
	const char *err; /* NULL: public */
} public_cases[] = {
	/* Public, including the documentation ranges (allowed on purpose). */
	{"8.8.8.0/24", NULL},
	{"1.0.0.0/8", NULL},
	{"192.0.2.0/24", NULL},
	{"198.51.100.0/24", NULL},
	{"203.0.113.0/24", NULL},
	{"203.0.113.0/30", NULL},
	{"2001:db8::/32", NULL},
	{"2001:db8:ffff::/126", NULL},
	{"2a01:111:f400::/48", NULL},
	{"2000::/3", NULL},
	{"3fff:ffff::/32", NULL},
	/* Boundaries around each reserved IPv4 range. */
	{"1.0.0.0/24", NULL},
	{"9.255.255.0/24", NULL},
	{"11.0.0.0/8", NULL},
	{"100.63.255.0/24", NULL},
	{"100.128.0.0/10", NULL},
	{"126.255.255.0/24", NULL},
	{"128.0.0.0/16", NULL},
	{"169.253.255.0/24", NULL},
	{"169.255.0.0/16", NULL},
	{"172.15.255.0/24", NULL},
	{"172.32.0.0/16", NULL},
	{"191.255.255.0/24", NULL},
	{"192.0.1.0/24", NULL},
	{"192.167.255.0/24", NULL},
	{"192.169.0.0/16", NULL},
	{"198.17.255.0/24", NULL},
	{"198.20.0.0/16", NULL},
	{"223.255.255.0/24", NULL},
	/* Default routes. */
	{"0.0.0.0/0",
	 "0.0.0.0/0 is a default route: Microsoft peering accepts only public prefixes you own, never a default route"},
	{"::/0", "::/0 is a default route"},
	/* Reserved IPv4, inside and covering. */
	{"0.0.0.0/8", "lies in 0.0.0.0/8, \"this network\" (RFC 1122)"},
	{"0.1.2.0/30", "lies in 0.0.0.0/8"},
	{"10.1.0.0/30",
	 "10.1.0.0/30 is not public: it lies in 10.0.0.0/8, RFC 1918 private space; Microsoft peering needs public addresses you own"},
	{"10.0.0.0/7",
	 "10.0.0.0/7 is not public: it covers 10.0.0.0/8, RFC 1918 private space"},
	{"172.16.0.0/12", "lies in 172.16.0.0/12, RFC 1918"},
	{"172.31.255.252/30", "lies in 172.16.0.0/12, RFC 1918"},
	{"192.168.100.128/29", "lies in 192.168.0.0/16, RFC 1918"},
	{"192.0.0.0/8", "covers"},
	{"100.64.0.0/10",
	 "lies in 100.64.0.0/10, shared address space (RFC 6598)"},
	{"100.127.255.252/30", "shared address space"},
	{"127.0.0.0/30", "lies in 127.0.0.0/8, loopback"},
	{"169.254.0.0/30", "lies in 169.254.0.0/16, link-local"},
	{"192.0.0.0/29", "lies in 192.0.0.0/24, IETF protocol assignments"},
	{"198.18.0.0/30", "lies in 198.18.0.0/15, benchmarking"},
	{"198.19.255.0/24", "benchmarking"},
	{"224.0.0.0/24", "lies in 224.0.0.0/4, multicast"},
	{"239.255.255.252/30", "multicast"},
	{"240.0.0.0/30", "lies in 240.0.0.0/4, reserved"},
	{"255.255.255.255/32", "lies in 240.0.0.0/4"},
	{"128.0.0.0/1", "covers 169.254.0.0/16"},
	{"224.0.0.0/3", "covers 224.0.0.0/4"},
	/* Reserved IPv6. */
	{"::1/128", "lies in ::/8, reserved space"},
	{"::ffff:203.0.113.0/120", "lies in ::/8"},
	{"100::/64", "lies in 100::/64, discard-only"},
	{"fc00::/7", "lies in fc00::/7, unique local"},
	{"fd12:3456:789a::/48", "lies in fc00::/7, unique local"},
	{"fe80::/64", "lies in fe80::/10, link-local"},
	{"fec0::/10", "lies in fec0::/10, deprecated site-local"},
	{"ff02::/16", "lies in ff00::/8, multicast"},
	{"::/1", "covers ::/8"},
	{"4000::/16",
	 "4000::/16 is not public: it is outside 2000::/3, the IPv6 global unicast space"},
	{"1000::/4", "outside 2000::/3"},
	{"2000::/2", "covers ::/8"},
};

START_TEST(test_public_prefix)
{
	char err[ER_MSG_SIZE];
	struct er_prefix p;
	size_t i;

	for (i = 0; i < COUNT(public_cases); i++) {
		p = P(public_cases[i].in);
		strcpy(err, ERRBUF_INIT);
		if (!public_cases[i].err) {
			ck_assert_msg(
				er_check_public_prefix(&p, err, sizeof(err)),
				"%s: %s", public_cases[i].in, err);
			ck_assert_str_eq(err, "");
			continue;
		}
		ck_assert_msg(!er_check_public_prefix(&p, err, sizeof(err)),
			      "%s must be rejected", public_cases[i].in);
		ck_assert_contains(err, public_cases[i].err);
	}
	ck_assert(!er_check_public_prefix(NULL, err, sizeof(err)));
}
END_TEST

START_TEST(test_advertised_prefix)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;
	struct er_prefix p;

	/* Private peering: anything aligned, a default route too. */
	p = P("0.0.0.0/0");
	ck_assert(er_check_advertised_prefix(ER_PEERING_PRIVATE, &p, err,
					     sizeof(err)));
	ck_assert_str_eq(err, "");
	p = P("10.20.0.0/16");
	ck_assert(er_check_advertised_prefix(ER_PEERING_PRIVATE, &p, err,
					     sizeof(err)));
	p = P("::/0");
	ck_assert(er_check_advertised_prefix(ER_PEERING_PRIVATE, &p, err,
					     sizeof(err)));

	/* Microsoft peering: public only, never a default route. */
	p = P("0.0.0.0/0");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_MICROSOFT, &p, err,
					      sizeof(err)));
	ck_assert_contains(err, "default route");
	p = P("::/0");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_MICROSOFT, &p, err,
					      sizeof(err)));
	ck_assert_contains(err, "::/0 is a default route");
	p = P("10.20.0.0/16");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_MICROSOFT, &p, err,
					      sizeof(err)));
	ck_assert_contains(err, "RFC 1918");
	p = P("198.51.100.0/24");
	ck_assert(er_check_advertised_prefix(ER_PEERING_MICROSOFT, &p, err,
					     sizeof(err)));
	p = P("2001:db8:1000::/48");
	ck_assert(er_check_advertised_prefix(ER_PEERING_MICROSOFT, &p, err,
					     sizeof(err)));

	/* Host bits: rejected on both. */
	p = P("198.51.100.7/24");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_MICROSOFT, &p, err,
					      sizeof(err)));
	ck_assert_str_eq(
		err,
		"advertised prefix 198.51.100.7/24 has host bits set: advertise 198.51.100.0/24");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_PRIVATE, &p, err,
					      sizeof(err)));

	p = P("198.51.100.0/24");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_MAX, &p, err,
					      sizeof(err)));
	ck_assert_contains(err, "invalid peering type");
	ck_assert(!er_check_advertised_prefix(ER_PEERING_MICROSOFT, NULL, err,
					      sizeof(err)));
}
END_TEST

/*
 * ASNs
 */

static const struct {
	uint32_t asn;
	enum er_asn_class cls;
} asn_cases[] = {
	{0, ER_ASN_REFUSED},
	{1, ER_ASN_PUBLIC},
	{3320, ER_ASN_PUBLIC},
	{8073, ER_ASN_PUBLIC},
	{8074, ER_ASN_MICROSOFT},
	{8075, ER_ASN_MICROSOFT},
	{8076, ER_ASN_PUBLIC},
	{12075, ER_ASN_PUBLIC},
	{12076, ER_ASN_MICROSOFT},
	{12077, ER_ASN_PUBLIC},
	{23455, ER_ASN_PUBLIC},
	{23456, ER_ASN_RESERVED},
	{23457, ER_ASN_PUBLIC},
	{64495, ER_ASN_PUBLIC},
	{64496, ER_ASN_RESERVED},
	{64511, ER_ASN_RESERVED},
	{64512, ER_ASN_PRIVATE},
	{65001, ER_ASN_PRIVATE},
	{65514, ER_ASN_PRIVATE},
	{65515, ER_ASN_REFUSED},
	{65517, ER_ASN_REFUSED},
	{65520, ER_ASN_REFUSED},
	{65521, ER_ASN_PRIVATE},
	{65534, ER_ASN_PRIVATE},
	{65535, ER_ASN_RESERVED},
	{65536, ER_ASN_RESERVED},
	{65551, ER_ASN_RESERVED},
	{65552, ER_ASN_RESERVED},
	{131071, ER_ASN_RESERVED},
	{131072, ER_ASN_PUBLIC},
	{396982, ER_ASN_PUBLIC},
	{4199999999U, ER_ASN_PUBLIC},
	{4200000000U, ER_ASN_PRIVATE},
	{4294967294U, ER_ASN_PRIVATE},
	{4294967295U, ER_ASN_REFUSED},
};

START_TEST(test_asn_classify)
{
	size_t i;

	for (i = 0; i < COUNT(asn_cases); i++)
		ck_assert_msg(
			er_asn_classify(asn_cases[i].asn) == asn_cases[i].cls,
			"AS %u: got %s, want %s", asn_cases[i].asn,
			er_asn_class2str(er_asn_classify(asn_cases[i].asn)),
			er_asn_class2str(asn_cases[i].cls));
}
END_TEST

static const struct {
	uint32_t asn;
	enum er_peering_type type;
	enum er_result result;
	const char *msg; /* substring; "" for ER_OK */
} check_asn_cases[] = {
	{65001, ER_PEERING_PRIVATE, ER_OK, ""},
	{4200000001U, ER_PEERING_PRIVATE, ER_OK, ""},
	{3320, ER_PEERING_PRIVATE, ER_OK, ""},
	{3320, ER_PEERING_MICROSOFT, ER_OK, ""},
	{65001, ER_PEERING_MICROSOFT, ER_WARN,
	 "AS 65001 is a private ASN: Microsoft peering expects a public ASN"},
	{4200000001U, ER_PEERING_MICROSOFT, ER_WARN, "strips private ASNs"},
	{65515, ER_PEERING_PRIVATE, ER_ERROR,
	 "AS 65515 is reserved by Azure (65515-65520) and cannot be used on ExpressRoute"},
	{65520, ER_PEERING_MICROSOFT, ER_ERROR, "reserved by Azure"},
	{12076, ER_PEERING_PRIVATE, ER_ERROR,
	 "AS 12076 is Microsoft's own ASN"},
	{0, ER_PEERING_PRIVATE, ER_ERROR,
	 "AS 0 is reserved (RFC 7607) and cannot be used in BGP"},
	{4294967295U, ER_PEERING_PRIVATE, ER_ERROR,
	 "AS 4294967295 is reserved (RFC 7300)"},
	{8075, ER_PEERING_PRIVATE, ER_WARN,
	 "AS 8075 is reserved by Microsoft for Azure services"},
	{8074, ER_PEERING_MICROSOFT, ER_WARN, "reserved by Microsoft"},
	{23457, ER_PEERING_PRIVATE, ER_OK, ""},
	{64500, ER_PEERING_PRIVATE, ER_WARN, "documentation (RFC 5398)"},
	/* Microsoft peering: a public ASN registered to you, or a private one */
	{65540, ER_PEERING_MICROSOFT, ER_ERROR,
	 "AS 65540 is reserved for documentation (RFC 5398), not a public ASN: Microsoft peering needs a public ASN registered to you"},
	{64496, ER_PEERING_MICROSOFT, ER_ERROR,
	 "AS 64496 is reserved for documentation (RFC 5398), not a public ASN"},
	{64511, ER_PEERING_MICROSOFT, ER_ERROR, "not a public ASN"},
	{65536, ER_PEERING_MICROSOFT, ER_ERROR, "not a public ASN"},
	{65551, ER_PEERING_MICROSOFT, ER_ERROR, "not a public ASN"},
	{23456, ER_PEERING_MICROSOFT, ER_ERROR,
	 "AS 23456 is AS_TRANS (RFC 6793), a placeholder for 4-byte ASNs, not a public ASN"},
	{65535, ER_PEERING_MICROSOFT, ER_ERROR,
	 "AS 65535 is reserved (RFC 7300), not a public ASN"},
	{131071, ER_PEERING_MICROSOFT, ER_ERROR,
	 "AS 131071 is reserved by IANA, not a public ASN"},
	{64495, ER_PEERING_MICROSOFT, ER_OK, ""},
	{64512, ER_PEERING_MICROSOFT, ER_WARN, "is a private ASN"},
	{131072, ER_PEERING_MICROSOFT, ER_OK, ""},
	{4199999999U, ER_PEERING_MICROSOFT, ER_OK, ""},
	{4294967294U, ER_PEERING_MICROSOFT, ER_WARN, "is a private ASN"},
	{8075, ER_PEERING_MICROSOFT, ER_WARN, "reserved by Microsoft"},
	/* private peering: only warnings */
	{64511, ER_PEERING_PRIVATE, ER_WARN, "documentation (RFC 5398)"},
	{65540, ER_PEERING_PRIVATE, ER_WARN, "documentation (RFC 5398)"},
	{23456, ER_PEERING_PRIVATE, ER_WARN, "AS_TRANS"},
	{65535, ER_PEERING_PRIVATE, ER_WARN, "AS 65535 is reserved (RFC 7300)"},
	{100000, ER_PEERING_PRIVATE, ER_WARN, "reserved by IANA"},
	{65001, ER_PEERING_MAX, ER_ERROR, "invalid peering type"},
};

START_TEST(test_check_asn)
{
	char msg[ER_MSG_SIZE];
	size_t i;

	for (i = 0; i < COUNT(check_asn_cases); i++) {
		enum er_result r;

		strcpy(msg, ERRBUF_INIT);
		r = er_check_asn(check_asn_cases[i].asn,
				 check_asn_cases[i].type, msg, sizeof(msg));
		ck_assert_msg(r == check_asn_cases[i].result,
			      "AS %u on %s: result %d, want %d (%s)",
			      check_asn_cases[i].asn,
			      er_peering_type2str(check_asn_cases[i].type),
			      (int)r, (int)check_asn_cases[i].result, msg);
		if (check_asn_cases[i].result == ER_OK)
			ck_assert_str_eq(msg, "");
		else
			ck_assert_contains(msg, check_asn_cases[i].msg);
	}
	ck_assert_int_eq(er_check_asn(65515, ER_PEERING_PRIVATE, NULL, 0),
			 ER_ERROR);
}
END_TEST

/*
 * VLANs and keys
 */

START_TEST(test_vlan)
{
	static const struct {
		uint32_t vlan;
		bool ok;
	} cases[] = {
		{0, false},	{1, true},	     {2, true},
		{100, true},	{4093, true},	     {4094, true},
		{4095, false},	{4096, false},	     {65535, false},
		{65536, false}, {UINT32_MAX, false},
	};
	char err[ER_MSG_SIZE];
	size_t i;

	for (i = 0; i < COUNT(cases); i++) {
		strcpy(err, ERRBUF_INIT);
		ck_assert_msg(er_check_vlan(cases[i].vlan, err, sizeof(err)) ==
				      cases[i].ok,
			      "VLAN %u", cases[i].vlan);
		if (cases[i].ok)
			ck_assert_str_eq(err, "");
	}
	ck_assert(!er_check_vlan(0, err, sizeof(err)));
	ck_assert_str_eq(err,
			 "VLAN ID 0 is out of range: 802.1Q allows 1 to 4094");
	ck_assert(!er_check_vlan(4095, err, sizeof(err)));
	ck_assert_str_eq(
		err, "VLAN ID 4095 is out of range: 802.1Q allows 1 to 4094");

	ck_assert(er_check_vlan_unique(100, ER_PEERING_PRIVATE, 200,
				       ER_PEERING_MICROSOFT, err, sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert(!er_check_vlan_unique(100, ER_PEERING_MICROSOFT, 100,
					ER_PEERING_PRIVATE, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"VLAN ID 100 is used by both the microsoft and the private peering: each peering of a circuit needs its own VLAN ID");
}
END_TEST

START_TEST(test_shared_key)
{
	static const char *const good[] = {
		"a",
		"Z",
		"0",
		"Er2026AmsPrivKey",
		"abcdefghijklmnopqrstuvwxy", /* 25 */
		"LMNOPQRSTUVWXYZ0123456789", /* 25 */
	};
	static const struct {
		const char *key;
		const char *err;
	} bad[] = {
		{"",
		 "shared key is empty: Microsoft needs 1 to 25 letters and digits"},
		{"abcdefghijklmnopqrstuvwxyz",
		 "shared key has 26 characters: Microsoft allows at most 25 letters and digits"},
		{"Secret!2026",
		 "shared key character 7 is not a letter or digit: Microsoft allows only A-Z, a-z and 0-9"},
		{"!", "character 1 is not"},
		{"with space", "character 5 is not"},
		{"tab\tkey", "character 4 is not"},
		{"key_1", "character 4 is not"},
		{"key-1", "character 4 is not"},
		{"caf\xc3\xa9", "character 4 is not"},
		{"abcdefghijklmnopqrstuvwx!", "character 25 is not"},
	};
	char err[ER_MSG_SIZE], huge[3000];
	size_t i;

	for (i = 0; i < COUNT(good); i++) {
		strcpy(err, ERRBUF_INIT);
		ck_assert_msg(er_check_shared_key(good[i], err, sizeof(err)),
			      "'%s': %s", good[i], err);
		ck_assert_str_eq(err, "");
	}
	ck_assert_uint_eq(strlen(good[4]), 25);
	ck_assert_uint_eq(strlen(good[5]), 25);
	for (i = 0; i < COUNT(bad); i++) {
		ck_assert_msg(
			!er_check_shared_key(bad[i].key, err, sizeof(err)),
			"'%s' must be rejected", bad[i].key);
		ck_assert_contains(err, bad[i].err);
		/* The key itself never appears in a message. */
		if (strlen(bad[i].key) > 2)
			ck_assert_msg(strstr(err, bad[i].key) == NULL,
				      "message echoes the key: %s", err);
	}
	ck_assert(!er_check_shared_key(NULL, err, sizeof(err)));
	ck_assert_str_eq(err, "no shared key given");

	memset(huge, 'k', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	ck_assert(!er_check_shared_key(huge, err, sizeof(err)));
	ck_assert_contains(err, "more than 1024 characters");
}
END_TEST

START_TEST(test_service_key)
{
	static const char *const good[] = {
		"6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6b",
		"6F4A1C2E-8B3D-4E5F-9A0B-1C2D3E4F5A6B",
		"00000000-0000-0000-0000-000000000000",
		"ffffffff-FFFF-ffff-FFFF-ffffffffffff",
	};
	static const char *const bad[] = {
		"",
		"6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6",
		"6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6b0",
		"6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5g6b",
		"6f4a1c2e8b3d-4e5f-9a0b-1c2d3e4f5a6b0",
		"6f4a1c2-e8b3d-4e5f-9a0b-1c2d3e4f5a6b",
		"6f4a1c2e-8b3d-4e5f-9a0b_1c2d3e4f5a6b",
		"{6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6b}",
		"6f4a1c2e 8b3d 4e5f 9a0b 1c2d3e4f5a6b",
		"6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6b\n",
		"6f4a1c2e8b3d4e5f9a0b1c2d3e4f5a6b",
		"------------------------------------",
	};
	char err[ER_MSG_SIZE];
	size_t i;

	for (i = 0; i < COUNT(good); i++) {
		strcpy(err, ERRBUF_INIT);
		ck_assert_msg(er_check_service_key(good[i], err, sizeof(err)),
			      "'%s': %s", good[i], err);
		ck_assert_str_eq(err, "");
	}
	for (i = 0; i < COUNT(bad); i++) {
		ck_assert_msg(!er_check_service_key(bad[i], err, sizeof(err)),
			      "'%s' must be rejected", bad[i]);
		ck_assert_contains(
			err, "is not a GUID: expected 8-4-4-4-12 hex digits");
	}
	ck_assert(!er_check_service_key("6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6",
					err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"service key '6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6' is not a GUID: expected 8-4-4-4-12 hex digits such as 6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6b");
	/* Control characters are masked, long values cut. */
	ck_assert(!er_check_service_key(
		"bad\x01key\nthat-is-much-much-longer-than-any-guid", err,
		sizeof(err)));
	ck_assert_contains(err, "'bad?key?that-is-much-much-longer-than-a'");
	ck_assert(!er_check_service_key(NULL, err, sizeof(err)));
	ck_assert_str_eq(err, "no service key given");
}
END_TEST

/*
 * Bandwidth
 */

START_TEST(test_port_speed)
{
	static const struct {
		enum er_connectivity conn;
		enum er_port_speed speed;
		const char *err; /* NULL: valid */
	} cases[] = {
		{ER_CONN_COLOCATION, ER_PORT_SPEED_NONE, NULL},
		{ER_CONN_POINT_TO_POINT, ER_PORT_SPEED_NONE, NULL},
		{ER_CONN_ANY_TO_ANY, ER_PORT_SPEED_NONE, NULL},
		{ER_CONN_DIRECT, ER_PORT_SPEED_10G, NULL},
		{ER_CONN_DIRECT, ER_PORT_SPEED_100G, NULL},
		{ER_CONN_DIRECT, ER_PORT_SPEED_400G, NULL},
		{ER_CONN_DIRECT, ER_PORT_SPEED_NONE, NULL},
		{ER_CONN_COLOCATION, ER_PORT_SPEED_400G,
		 "port-speed 400g applies only to ExpressRoute Direct, but connectivity is colocation"},
		{ER_CONN_COLOCATION, ER_PORT_SPEED_10G,
		 "port-speed 10g applies only to ExpressRoute Direct, but connectivity is colocation"},
		{ER_CONN_POINT_TO_POINT, ER_PORT_SPEED_100G,
		 "port-speed 100g applies only to ExpressRoute Direct, but connectivity is point-to-point"},
		{ER_CONN_ANY_TO_ANY, ER_PORT_SPEED_10G,
		 "but connectivity is any-to-any"},
		{ER_CONN_MAX, ER_PORT_SPEED_NONE, "invalid connectivity 4"},
		{(enum er_connectivity) - 1, ER_PORT_SPEED_NONE,
		 "invalid connectivity -1"},
		{ER_CONN_DIRECT, ER_PORT_SPEED_MAX, "invalid port-speed 3"},
		{ER_CONN_DIRECT, (enum er_port_speed) - 5,
		 "invalid port-speed -5"},
	};
	char err[ER_MSG_SIZE];
	size_t i;

	for (i = 0; i < COUNT(cases); i++) {
		bool ok;

		strcpy(err, ERRBUF_INIT);
		ok = er_check_port_speed(cases[i].conn, cases[i].speed, err,
					 sizeof(err));
		ck_assert_msg(ok == !cases[i].err, "case %zu: %s", i, err);
		if (cases[i].err)
			ck_assert_contains(err, cases[i].err);
		else
			ck_assert_str_eq(err, "");
	}
}
END_TEST

/* Every (connectivity, port speed, bandwidth) combination. */
START_TEST(test_bandwidth_matrix)
{
	static const uint32_t candidates[] = {
		0,	1,	49,	50,	51,	100,	200,
		300,	500,	999,	1000,	2000,	2500,	5000,
		10000,	20000,	40000,	50000,	100000, 100001, 200000,
		300000, 400000, 400001, 800000, UINT32_MAX,
	};
	/* Offered bandwidths, written out independently of er_rules.c. */
	static const struct {
		enum er_connectivity conn;
		enum er_port_speed speed;
		uint32_t offered[8];
	} models[] = {
		{ER_CONN_COLOCATION,
		 ER_PORT_SPEED_NONE,
		 {50, 100, 200, 500, 1000, 2000, 5000, 10000}},
		{ER_CONN_POINT_TO_POINT,
		 ER_PORT_SPEED_NONE,
		 {50, 100, 200, 500, 1000, 2000, 5000, 10000}},
		{ER_CONN_ANY_TO_ANY,
		 ER_PORT_SPEED_NONE,
		 {50, 100, 200, 500, 1000, 2000, 5000, 10000}},
		{ER_CONN_DIRECT, ER_PORT_SPEED_10G, {1000, 2000, 5000, 10000}},
		{ER_CONN_DIRECT,
		 ER_PORT_SPEED_100G,
		 {5000, 10000, 40000, 100000}},
		/* expressroute-erdirect-about, 2026: the 400G port pair */
		{ER_CONN_DIRECT,
		 ER_PORT_SPEED_400G,
		 {5000, 10000, 40000, 100000, 200000, 400000}},
		{ER_CONN_DIRECT,
		 ER_PORT_SPEED_NONE,
		 {1000, 2000, 5000, 10000, 40000, 100000, 200000, 400000}},
	};
	char err[ER_MSG_SIZE];
	size_t m, c, k;
	unsigned int accepted = 0;

	for (m = 0; m < COUNT(models); m++) {
		for (c = 0; c < COUNT(candidates); c++) {
			bool want = false, got;

			for (k = 0; k < COUNT(models[m].offered); k++)
				if (models[m].offered[k] &&
				    models[m].offered[k] == candidates[c])
					want = true;
			got = er_check_bandwidth(models[m].conn,
						 models[m].speed, candidates[c],
						 err, sizeof(err));
			ck_assert_msg(got == want, "%s/%s %u Mbps: %s",
				      er_connectivity2str(models[m].conn),
				      er_port_speed2str(models[m].speed),
				      candidates[c], err);
			if (got) {
				accepted++;
				ck_assert_str_eq(err, "");
			} else {
				ck_assert_contains(err, "is not offered");
			}
		}
	}
	/* 3 provider models x 8 + 4 + 4 + 6 + 8. */
	ck_assert_uint_eq(accepted, 46);
}
END_TEST

START_TEST(test_bandwidth_messages)
{
	char err[ER_MSG_SIZE];
	const uint32_t *list = NULL;

	ck_assert(!er_check_bandwidth(ER_CONN_COLOCATION, ER_PORT_SPEED_NONE,
				      300, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"bandwidth 300 Mbps is not offered for colocation circuits: choose 50, 100, 200, 500, 1000, 2000, 5000 or 10000 Mbps");
	ck_assert(!er_check_bandwidth(ER_CONN_DIRECT, ER_PORT_SPEED_10G, 500,
				      err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"bandwidth 500 Mbps is not offered on a 10g ExpressRoute Direct port pair: choose 1000, 2000, 5000 or 10000 Mbps");
	ck_assert(!er_check_bandwidth(ER_CONN_DIRECT, ER_PORT_SPEED_100G, 1000,
				      err, sizeof(err)));
	ck_assert_contains(
		err,
		"100g ExpressRoute Direct port pair: choose 5000, 10000, 40000 or 100000 Mbps");
	ck_assert(!er_check_bandwidth(ER_CONN_DIRECT, ER_PORT_SPEED_400G, 1000,
				      err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"bandwidth 1000 Mbps is not offered on a 400g ExpressRoute Direct port pair: choose 5000, 10000, 40000, 100000, 200000 or 400000 Mbps");
	ck_assert(!er_check_bandwidth(ER_CONN_DIRECT, ER_PORT_SPEED_100G,
				      400000, err, sizeof(err)));
	ck_assert_contains(err, "bandwidth 400000 Mbps is not offered on a 100g");
	ck_assert(er_check_bandwidth(ER_CONN_DIRECT, ER_PORT_SPEED_400G, 200000,
				     err, sizeof(err)));
	/* Direct before its port speed: any port pair's bandwidths. */
	ck_assert(!er_check_bandwidth(ER_CONN_DIRECT, ER_PORT_SPEED_NONE, 500,
				      err, sizeof(err)));
	ck_assert_contains(
		err,
		"not offered on ExpressRoute Direct: choose 1000, 2000, 5000, 10000, 40000, 100000, 200000 or 400000 Mbps");
	/* Port speed problems come first. */
	ck_assert(!er_check_bandwidth(ER_CONN_COLOCATION, ER_PORT_SPEED_10G,
				      10000, err, sizeof(err)));
	ck_assert_contains(err, "applies only to ExpressRoute Direct");

	ck_assert_uint_eq(
		er_bandwidths(ER_CONN_ANY_TO_ANY, ER_PORT_SPEED_NONE, &list),
		8);
	ck_assert_uint_eq(list[0], 50);
	ck_assert_uint_eq(list[7], 10000);
	ck_assert_uint_eq(
		er_bandwidths(ER_CONN_DIRECT, ER_PORT_SPEED_100G, &list), 4);
	ck_assert_uint_eq(list[2], 40000);
	ck_assert_uint_eq(
		er_bandwidths(ER_CONN_DIRECT, ER_PORT_SPEED_NONE, &list), 8);
	ck_assert_uint_eq(list[7], ER_BANDWIDTH_MAX);
	ck_assert_uint_eq(
		er_bandwidths(ER_CONN_DIRECT, ER_PORT_SPEED_400G, &list), 6);
	ck_assert_uint_eq(list[0], 5000);
	ck_assert_uint_eq(list[5], 400000);
	ck_assert_uint_eq(er_bandwidths(ER_CONN_MAX, ER_PORT_SPEED_NONE, &list),
			  0);
	ck_assert_uint_eq(
		er_bandwidths(ER_CONN_DIRECT, ER_PORT_SPEED_10G, NULL), 4);
}
END_TEST

/*
 * Prefix limits
 */

START_TEST(test_prefix_limit_out)
{
	static const struct {
		enum er_sku sku;
		enum er_peering_type type;
		int family;
		uint32_t limit;
	} cases[] = {
		{ER_SKU_LOCAL, ER_PEERING_PRIVATE, AF_INET, 4000},
		{ER_SKU_STANDARD, ER_PEERING_PRIVATE, AF_INET, 4000},
		{ER_SKU_PREMIUM, ER_PEERING_PRIVATE, AF_INET, 10000},
		{ER_SKU_LOCAL, ER_PEERING_PRIVATE, AF_INET6, 100},
		{ER_SKU_STANDARD, ER_PEERING_PRIVATE, AF_INET6, 100},
		{ER_SKU_PREMIUM, ER_PEERING_PRIVATE, AF_INET6, 100},
		{ER_SKU_LOCAL, ER_PEERING_MICROSOFT, AF_INET, 200},
		{ER_SKU_STANDARD, ER_PEERING_MICROSOFT, AF_INET, 200},
		{ER_SKU_PREMIUM, ER_PEERING_MICROSOFT, AF_INET, 200},
		{ER_SKU_LOCAL, ER_PEERING_MICROSOFT, AF_INET6, 200},
		{ER_SKU_STANDARD, ER_PEERING_MICROSOFT, AF_INET6, 200},
		{ER_SKU_PREMIUM, ER_PEERING_MICROSOFT, AF_INET6, 200},
		/* Invalid arguments. */
		{ER_SKU_MAX, ER_PEERING_PRIVATE, AF_INET, 0},
		{(enum er_sku) - 1, ER_PEERING_PRIVATE, AF_INET, 0},
		{ER_SKU_STANDARD, ER_PEERING_MAX, AF_INET, 0},
		{ER_SKU_STANDARD, (enum er_peering_type) - 1, AF_INET, 0},
		{ER_SKU_STANDARD, ER_PEERING_PRIVATE, AF_UNSPEC, 0},
		{ER_SKU_STANDARD, ER_PEERING_MICROSOFT, 12345, 0},
	};
	char err[ER_MSG_SIZE];
	size_t i;

	for (i = 0; i < COUNT(cases); i++) {
		uint32_t max = cases[i].limit;

		ck_assert_msg(er_prefix_limit_out(cases[i].sku, cases[i].type,
						  cases[i].family) == max,
			      "case %zu: got %u, want %u", i,
			      er_prefix_limit_out(cases[i].sku, cases[i].type,
						  cases[i].family),
			      max);
		if (!max) {
			ck_assert(!er_check_prefix_limit_out(
				cases[i].sku, cases[i].type, cases[i].family, 1,
				err, sizeof(err)));
			ck_assert_contains(
				err,
				"invalid SKU, peering type or address family");
			continue;
		}
		/* 1 and the limit itself pass, limit + 1 and 0 fail. */
		strcpy(err, ERRBUF_INIT);
		ck_assert(er_check_prefix_limit_out(cases[i].sku, cases[i].type,
						    cases[i].family, max, err,
						    sizeof(err)));
		ck_assert_str_eq(err, "");
		ck_assert(er_check_prefix_limit_out(cases[i].sku, cases[i].type,
						    cases[i].family, 1, err,
						    sizeof(err)));
		ck_assert(!er_check_prefix_limit_out(
			cases[i].sku, cases[i].type, cases[i].family, max + 1,
			err, sizeof(err)));
		ck_assert_contains(err, "exceeds Microsoft's limit");
		ck_assert(!er_check_prefix_limit_out(
			cases[i].sku, cases[i].type, cases[i].family, 0, err,
			sizeof(err)));
		ck_assert_contains(err, "limit 0 is invalid");
	}

	ck_assert(!er_check_prefix_limit_out(ER_SKU_STANDARD,
					     ER_PEERING_PRIVATE, AF_INET, 4001,
					     err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"outbound IPv4 prefix limit 4001 exceeds Microsoft's limit of 4000 for private peering on a standard circuit: Microsoft drops the session above it");
	ck_assert(!er_check_prefix_limit_out(ER_SKU_PREMIUM,
					     ER_PEERING_MICROSOFT, AF_INET6,
					     201, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"outbound IPv6 prefix limit 201 exceeds Microsoft's limit of 200 for microsoft peering on a premium circuit: Microsoft drops the session above it");
	ck_assert(!er_check_prefix_limit_out(ER_SKU_PREMIUM, ER_PEERING_PRIVATE,
					     AF_INET6, 0, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"outbound IPv6 prefix limit 0 is invalid: it must be 1 to 100");
}
END_TEST

START_TEST(test_prefix_limit_in)
{
	ck_assert_uint_eq(
		er_prefix_limit_in_default(ER_PEERING_PRIVATE, AF_INET), 1000);
	ck_assert_uint_eq(
		er_prefix_limit_in_default(ER_PEERING_PRIVATE, AF_INET6), 100);
	ck_assert_uint_eq(
		er_prefix_limit_in_default(ER_PEERING_MICROSOFT, AF_INET),
		2000);
	ck_assert_uint_eq(
		er_prefix_limit_in_default(ER_PEERING_MICROSOFT, AF_INET6),
		500);
	ck_assert_uint_eq(er_prefix_limit_in_default(ER_PEERING_MAX, AF_INET),
			  0);
	ck_assert_uint_eq(
		er_prefix_limit_in_default(ER_PEERING_PRIVATE, AF_UNSPEC), 0);
}
END_TEST

START_TEST(test_vnet_connections)
{
	/* includes/expressroute-limits.md, virtual network links per circuit */
	static const struct {
		uint32_t mbps, standard, premium;
	} table[] = {
		{50, 10, 20},	  {100, 10, 25},    {200, 10, 25},
		{500, 10, 40},	  {1000, 10, 50},   {2000, 10, 60},
		{5000, 10, 75},	  {10000, 10, 100}, {40000, 10, 100},
		{100000, 10, 100}, {400000, 10, 100}, {0, 10, 100},
	};

	for (size_t i = 0; i < COUNT(table); i++) {
		ck_assert_uint_eq(er_vnet_connections_max(ER_SKU_LOCAL,
							  table[i].mbps),
				  table[i].standard);
		ck_assert_uint_eq(er_vnet_connections_max(ER_SKU_STANDARD,
							  table[i].mbps),
				  table[i].standard);
		ck_assert_msg(er_vnet_connections_max(ER_SKU_PREMIUM,
						      table[i].mbps)
				      == table[i].premium,
			      "premium %u Mbps", table[i].mbps);
	}
	ck_assert_uint_eq(er_vnet_connections_max(ER_SKU_MAX, 1000), 0);
}
END_TEST

START_TEST(test_prefix_limit_in_circuit)
{
	/* Standard, 1 Gbps: 10 VNet connections of 1000 IPv4 / 100 IPv6 */
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_STANDARD, 1000, 0),
			  10000);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET6,
					     ER_SKU_STANDARD, 1000, 0),
			  1000);
	/* many VNets: more than the 1000 of one connection fit */
	ck_assert_uint_gt(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_LOCAL, 50, 0),
			  5 * 1000);
	/* Premium 10 Gbps: 100 connections */
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_PREMIUM, 10000, 0),
			  100000);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_PREMIUM, 0, 0),
			  100000);
	/* two Global Reach connections: the other sites' routes fit */
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_STANDARD, 1000, 2),
			  8 * 1000 + 2 * 10000);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET6,
					     ER_SKU_STANDARD, 1000, 2),
			  1000);
	/* Global Reach connections count against the VNet connections */
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_STANDARD, 1000, 50),
			  10 * 10000);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_PREMIUM, 10000, UINT32_MAX),
			  100 * 10000);
	/* Microsoft peering: what a route filter lets through */
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_MICROSOFT, AF_INET,
					     ER_SKU_PREMIUM, 10000, 3),
			  2000);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_MICROSOFT, AF_INET6,
					     ER_SKU_STANDARD, 50, 0),
			  500);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_MAX, AF_INET,
					     ER_SKU_STANDARD, 50, 0),
			  0);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_UNSPEC,
					     ER_SKU_STANDARD, 50, 0),
			  0);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_PRIVATE, AF_INET,
					     ER_SKU_MAX, 50, 0),
			  0);
	ck_assert_uint_eq(er_prefix_limit_in(ER_PEERING_MICROSOFT, AF_INET,
					     ER_SKU_MAX, 50, 0),
			  0);
}
END_TEST

/*
 * Timers
 */

START_TEST(test_timers)
{
	static const struct {
		uint32_t keepalive, hold;
		const char *err; /* NULL: valid */
	} cases[] = {
		{60, 180, NULL},
		{3, 10, NULL},
		{10, 11, NULL},
		{3, 65535, NULL},
		{65534, 65535, NULL},
		{30, 90, NULL},
		{2, 10, "keepalive 2 s is below Microsoft's minimum of 3 s"},
		{0, 0, "keepalive 0 s is below"},
		{3, 9, "hold time 9 s is below Microsoft's minimum of 10 s"},
		{60, 0, "hold time 0 s is below"},
		{10, 10,
		 "hold time 10 s must be greater than the keepalive interval 10 s"},
		{60, 59, "hold time 59 s must be greater"},
		{65535, 65535, "must be greater"},
		{60, 65536, "exceed BGP's maximum of 65535 s"},
		{70000, 180, "exceed BGP's maximum"},
	};
	char err[ER_MSG_SIZE];
	size_t i;

	for (i = 0; i < COUNT(cases); i++) {
		bool ok;

		strcpy(err, ERRBUF_INIT);
		ok = er_check_timers(cases[i].keepalive, cases[i].hold, err,
				     sizeof(err));
		ck_assert_msg(ok == !cases[i].err, "%u/%u: %s",
			      cases[i].keepalive, cases[i].hold, err);
		if (cases[i].err)
			ck_assert_contains(err, cases[i].err);
		else
			ck_assert_str_eq(err, "");
	}
}
END_TEST

/*
 * Global Reach
 */

START_TEST(test_global_reach)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;
	struct er_prefix p;

	p = P("10.255.0.0/29");
	ck_assert(er_check_global_reach("ams-er-1", "fra-er-1", &p, err,
					sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert(
		er_check_global_reach(NULL, "fra-er-1", &p, err, sizeof(err)));
	p = P("2001:db8:ff::/125");
	ck_assert(er_check_global_reach("ams-er-1", "fra-er-1", &p, err,
					sizeof(err)));

	p = P("10.255.0.0/29");
	ck_assert(!er_check_global_reach("ams-er-1", "ams-er-1", &p, err,
					 sizeof(err)));
	ck_assert_str_eq(
		err,
		"Global Reach peer circuit ams-er-1 is this circuit: Global Reach connects two different circuits");
	ck_assert(
		!er_check_global_reach("ams-er-1", NULL, &p, err, sizeof(err)));
	ck_assert_str_eq(err,
			 "Global Reach needs the name of the peer circuit");
	ck_assert(!er_check_global_reach("ams-er-1", "", &p, err, sizeof(err)));
	ck_assert_contains(err, "needs the name of the peer circuit");
	/* Names are case-sensitive, as YANG keys are. */
	ck_assert(er_check_global_reach("ams-er-1", "AMS-ER-1", &p, err,
					sizeof(err)));

	p = P("10.255.0.0/30");
	ck_assert(!er_check_global_reach("a", "b", &p, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"Global Reach subnet 10.255.0.0/30 is a /30: Global Reach needs exactly a /29");
	p = P("10.255.0.0/28");
	ck_assert(!er_check_global_reach("a", "b", &p, err, sizeof(err)));
	ck_assert_contains(err, "is a /28");
	p = P("10.255.0.4/29");
	ck_assert(!er_check_global_reach("a", "b", &p, err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"Global Reach subnet 10.255.0.4/29 has host bits set: use its network address 10.255.0.0/29");
	p = P("2001:db8:ff::/126");
	ck_assert(!er_check_global_reach("a", "b", &p, err, sizeof(err)));
	ck_assert_contains(err, "needs exactly a /125");
	ck_assert(!er_check_global_reach("a", "b", NULL, err, sizeof(err)));
	ck_assert_contains(err, "not a valid");
}
END_TEST

START_TEST(test_global_reach_sku)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;

	ck_assert(er_check_global_reach_sku(ER_SKU_STANDARD, "ams-er-1",
					    "fra-er-1", err, sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert(er_check_global_reach_sku(ER_SKU_PREMIUM, "ams-er-1",
					    "fra-er-1", err, sizeof(err)));
	/* expressroute-faqs: Global Reach isn't available on Local */
	ck_assert(!er_check_global_reach_sku(ER_SKU_LOCAL, "ams-er-1",
					     "fra-er-1", err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"circuit ams-er-1 is a Local circuit: Global Reach (to fra-er-1) is not available on Local, it needs sku standard or premium");
	ck_assert(!er_check_global_reach_sku(ER_SKU_MAX, "a", "b", err,
					     sizeof(err)));
	ck_assert_contains(err, "invalid SKU 3");
	ck_assert(!er_check_global_reach_sku(ER_SKU_LOCAL, NULL, NULL, NULL, 0));
	ck_assert(!er_check_global_reach_sku(ER_SKU_LOCAL, "a\n", NULL, err,
					     sizeof(err)));
	ck_assert_contains(err, "circuit a? is a Local circuit: Global Reach (to (none))");
}
END_TEST

START_TEST(test_global_reach_locations)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;

	ck_assert(er_check_global_reach_locations("Amsterdam", "fra-er-1",
						  "Frankfurt", err,
						  sizeof(err)));
	ck_assert_str_eq(err, "");
	/* Amsterdam and Amsterdam2 are different peering locations */
	ck_assert(er_check_global_reach_locations("Amsterdam", "ams2-er-1",
						  "Amsterdam2", err,
						  sizeof(err)));
	/* not known on one side: nothing to compare */
	ck_assert(er_check_global_reach_locations(NULL, "fra-er-1", "Amsterdam",
						  err, sizeof(err)));
	ck_assert(er_check_global_reach_locations("Amsterdam", "fra-er-1", NULL,
						  err, sizeof(err)));
	ck_assert_str_eq(err, "");

	ck_assert(!er_check_global_reach_locations("Amsterdam", "ams-er-2",
						   "Amsterdam", err,
						   sizeof(err)));
	ck_assert_str_eq(
		err,
		"Global Reach to circuit ams-er-2: both circuits are at peering location Amsterdam, but Global Reach connects circuits at different peering locations");
	/* what the operator typed, compared without case */
	ck_assert(!er_check_global_reach_locations("Silicon Valley", "sv-2",
						   "silicon VALLEY", err,
						   sizeof(err)));
	ck_assert_contains(err, "peering location Silicon Valley");
	ck_assert(er_check_global_reach_locations("Silicon Valley", "sv-2",
						  "Silicon Valley2", err,
						  sizeof(err)));
	ck_assert(er_check_global_reach_locations("Sili", "sv-2",
						  "Silicon Valley", err,
						  sizeof(err)));
	/* quoted: control characters do not reach the log */
	ck_assert(!er_check_global_reach_locations("A\nB", "c\x1b", "a\nb", err,
						   sizeof(err)));
	ck_assert_contains(err, "circuit c?: both circuits are at peering location A?B");
}
END_TEST

/*
 * ExpressRoute Direct port pairs
 */

START_TEST(test_direct_only)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;

	ck_assert(er_check_direct_only(ER_CONN_DIRECT, "direct-port",
				       "er-port-ams", err, sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert(!er_check_direct_only(ER_CONN_COLOCATION, "direct-port",
					"er-port-ams", err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"direct-port er-port-ams applies only to ExpressRoute Direct, but connectivity is colocation");
	ck_assert(!er_check_direct_only(ER_CONN_ANY_TO_ANY, "encapsulation",
					"dot1q", err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"encapsulation dot1q applies only to ExpressRoute Direct, but connectivity is any-to-any");
	ck_assert(!er_check_direct_only(ER_CONN_POINT_TO_POINT, "port-speed",
					"400g", err, sizeof(err)));
	ck_assert_contains(err, "but connectivity is point-to-point");
	ck_assert(!er_check_direct_only(ER_CONN_MAX, "x", "y", err,
					sizeof(err)));
	ck_assert_contains(err, "invalid connectivity 4");
	ck_assert(!er_check_direct_only(ER_CONN_COLOCATION, NULL, NULL, err,
					sizeof(err)));
	ck_assert_contains(err, "(none) (none) applies only");
}
END_TEST

START_TEST(test_port_consistent)
{
	char err[ER_MSG_SIZE] = ERRBUF_INIT;

	ck_assert(er_check_port_consistent(
		"er-port-ams", "circuit a", ER_PORT_SPEED_100G, ER_ENCAP_DOT1Q,
		"circuit b", ER_PORT_SPEED_100G, ER_ENCAP_DOT1Q, err,
		sizeof(err)));
	ck_assert_str_eq(err, "");
	/* one side not configured: agrees */
	ck_assert(er_check_port_consistent(
		"p", "circuit a", ER_PORT_SPEED_NONE, ER_ENCAP_NONE, "circuit b",
		ER_PORT_SPEED_400G, ER_ENCAP_QINQ, err, sizeof(err)));
	ck_assert(er_check_port_consistent(
		"p", "circuit a", ER_PORT_SPEED_10G, ER_ENCAP_QINQ, "circuit b",
		ER_PORT_SPEED_NONE, ER_ENCAP_NONE, err, sizeof(err)));

	ck_assert(!er_check_port_consistent(
		"er-port-ams", "circuit a", ER_PORT_SPEED_10G, ER_ENCAP_DOT1Q,
		"circuit b", ER_PORT_SPEED_100G, ER_ENCAP_DOT1Q, err,
		sizeof(err)));
	ck_assert_str_eq(
		err,
		"circuit a has port-speed 10g but circuit b, on the same ExpressRoute Direct port er-port-ams, has port-speed 100g: the circuits of a port pair share its speed");
	ck_assert(!er_check_port_consistent(
		"er-port-ams", "circuit a", ER_PORT_SPEED_100G, ER_ENCAP_DOT1Q,
		"circuit b", ER_PORT_SPEED_NONE, ER_ENCAP_QINQ, err,
		sizeof(err)));
	ck_assert_str_eq(
		err,
		"circuit a has encapsulation dot1q but circuit b, on the same ExpressRoute Direct port er-port-ams, has encapsulation qinq: the circuits of a port pair share its encapsulation");
	/* no names: still a printable message */
	ck_assert(!er_check_port_consistent(NULL, NULL, ER_PORT_SPEED_10G,
					    ER_ENCAP_NONE, NULL,
					    ER_PORT_SPEED_400G, ER_ENCAP_NONE,
					    err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"(none) has port-speed 10g but (none), on the same ExpressRoute Direct port (none), has port-speed 400g: the circuits of a port pair share its speed");
}
END_TEST

START_TEST(test_port_vlan_clash)
{
	struct er_port_vlan items[] = {
		{"port-b", 100, 0}, {"port-a", 100, 1}, {"port-a", 200, 2},
		{"port-b", 300, 3}, {"port-c", 100, 4},
	};
	size_t a = 99, b = 99;
	char err[ER_MSG_SIZE] = ERRBUF_INIT;

	/* the same VLAN ID on different ports is fine */
	ck_assert(!er_find_port_vlan_clash(items, COUNT(items), &a, &b));
	ck_assert_uint_eq(a, 99);
	/* sorted by port, then VLAN ID */
	ck_assert_str_eq(items[0].port, "port-a");
	ck_assert_uint_eq(items[0].vlan, 100);
	ck_assert_str_eq(items[4].port, "port-c");

	items[4].port = "port-b";
	items[4].vlan = 300;
	ck_assert(er_find_port_vlan_clash(items, COUNT(items), &a, &b));
	ck_assert_str_eq(items[a].port, "port-b");
	ck_assert_str_eq(items[b].port, "port-b");
	ck_assert_uint_eq(items[a].vlan, 300);
	ck_assert_uint_eq(items[b].vlan, 300);
	/* the caller's tags, in order */
	ck_assert_uint_eq(items[a].tag, 3);
	ck_assert_uint_eq(items[b].tag, 4);

	ck_assert(!er_find_port_vlan_clash(NULL, 3, &a, &b));
	ck_assert(!er_find_port_vlan_clash(items, 0, &a, &b));
	ck_assert(!er_find_port_vlan_clash(items, 1, &a, &b));
	/* no port: never a clash */
	{
		struct er_port_vlan none[] = {{NULL, 5, 0}, {NULL, 5, 1}};

		ck_assert(!er_find_port_vlan_clash(none, COUNT(none), NULL,
						   NULL));
	}

	ck_assert(er_check_port_vlan_unique("er-port-ams", 100, "x", 101, "y",
					    err, sizeof(err)));
	ck_assert_str_eq(err, "");
	ck_assert(!er_check_port_vlan_unique(
		"er-port-ams", 100, "circuit ams-1 private peering", 100,
		"circuit ams-2 (vrf blue) microsoft peering", err, sizeof(err)));
	ck_assert_str_eq(
		err,
		"VLAN ID 100 of circuit ams-1 private peering is also used by circuit ams-2 (vrf blue) microsoft peering on ExpressRoute Direct port er-port-ams: with Dot1Q encapsulation a VLAN ID (C-tag) must be unique across all circuits and peerings of the port pair");
}
END_TEST

/*
 * Prefixes that must not overlap, router-wide
 */

START_TEST(test_prefix_uses)
{
	/* the table, written out */
	static const bool conflict[ER_USE_MAX][ER_USE_MAX] = {
		[ER_USE_LINK] = {[ER_USE_LINK] = true,
				 [ER_USE_GLOBAL_REACH] = true,
				 [ER_USE_ADVERTISED] = false},
		[ER_USE_GLOBAL_REACH] = {[ER_USE_LINK] = true,
					 [ER_USE_GLOBAL_REACH] = true,
					 [ER_USE_ADVERTISED] = true},
		[ER_USE_ADVERTISED] = {[ER_USE_LINK] = false,
				       [ER_USE_GLOBAL_REACH] = true,
				       [ER_USE_ADVERTISED] = false},
	};

	for (int a = 0; a < ER_USE_MAX; a++)
		for (int b = 0; b < ER_USE_MAX; b++)
			ck_assert_msg(er_prefix_uses_conflict(a, b)
					      == conflict[a][b],
				      "uses %d and %d", a, b);
	ck_assert(!er_prefix_uses_conflict(ER_USE_MAX, ER_USE_LINK));
	ck_assert(!er_prefix_uses_conflict(ER_USE_LINK, (enum er_prefix_use)-1));
}
END_TEST

static struct er_prefix_item ITEM(const char *prefix, enum er_prefix_use use,
				  size_t tag)
{
	struct er_prefix_item item = {.use = use, .tag = tag};

	item.prefix = P(prefix);
	return item;
}

/* Index of the item with tag in the (sorted) array. */
static size_t by_tag(const struct er_prefix_item *items, size_t n, size_t tag)
{
	for (size_t i = 0; i < n; i++)
		if (items[i].tag == tag)
			return i;
	ck_abort_msg("no item with tag %zu", tag);
	return 0;
}

START_TEST(test_prefix_conflict)
{
	struct er_prefix_item items[16];
	size_t n = 0, a = 99, b = 99;

	/* a healthy router: two circuits, Microsoft peering, Global Reach */
	items[n++] = ITEM("192.168.100.128/30", ER_USE_LINK, 0);
	items[n++] = ITEM("192.168.100.132/30", ER_USE_LINK, 1);
	items[n++] = ITEM("203.0.113.0/30", ER_USE_LINK, 2);
	items[n++] = ITEM("203.0.113.4/30", ER_USE_LINK, 3);
	/* the peering's public /30s inside a prefix it advertises: fine */
	items[n++] = ITEM("203.0.113.0/24", ER_USE_ADVERTISED, 4);
	items[n++] = ITEM("203.0.113.0/25", ER_USE_ADVERTISED, 5);
	items[n++] = ITEM("10.255.0.0/29", ER_USE_GLOBAL_REACH, 6);
	items[n++] = ITEM("2001:db8:ff::/125", ER_USE_GLOBAL_REACH, 7);
	items[n++] = ITEM("2001:db8:100::/126", ER_USE_LINK, 8);
	items[n++] = ITEM("2001:db8:1000::/48", ER_USE_ADVERTISED, 9);
	/* the same advertised prefix on two circuits */
	items[n++] = ITEM("198.51.100.0/24", ER_USE_ADVERTISED, 10);
	items[n++] = ITEM("198.51.100.0/24", ER_USE_ADVERTISED, 11);
	ck_assert(!er_find_prefix_conflict(items, n, &a, &b));
	ck_assert_uint_eq(a, 99);

	/* a Global Reach /125 inside an advertised IPv6 prefix (that holds a
	 * link subnet too, which is fine) */
	items[by_tag(items, n, 9)].prefix = P("2001:db8::/32");
	ck_assert(er_find_prefix_conflict(items, n, &a, &b));
	ck_assert_uint_eq(items[a].tag, 9);
	ck_assert_uint_eq(items[b].tag, 7);
	items[by_tag(items, n, 9)].prefix = P("2001:dba::/32");

	/* a Global Reach /29 covering an advertised /30 */
	items[by_tag(items, n, 6)].prefix = P("198.51.100.0/29");
	ck_assert(er_find_prefix_conflict(items, n, &a, &b));
	ck_assert_uint_eq(items[b].tag, 6);
	ck_assert(items[a].tag == 10 || items[a].tag == 11);

	/* a Global Reach /29 deep inside nested advertised prefixes, with
	 * link subnets between them in the sort order */
	items[by_tag(items, n, 6)].prefix = P("203.0.113.8/29");
	ck_assert(er_find_prefix_conflict(items, n, &a, &b));
	ck_assert(items[a].tag == 4 || items[a].tag == 5);
	ck_assert_uint_eq(items[b].tag, 6);
	items[by_tag(items, n, 6)].prefix = P("10.255.0.0/29");
	ck_assert(!er_find_prefix_conflict(items, n, &a, &b));

	/* two link subnets, equal */
	items[by_tag(items, n, 1)].prefix = P("192.168.100.128/30");
	ck_assert(er_find_prefix_conflict(items, n, &a, &b));
	ck_assert_uint_eq(items[a].tag, 0);
	ck_assert_uint_eq(items[b].tag, 1);
	/* a link subnet inside a Global Reach /29 */
	items[by_tag(items, n, 1)].prefix = P("10.255.0.4/30");
	ck_assert(er_find_prefix_conflict(items, n, &a, &b));
	ck_assert_uint_eq(items[a].tag, 6);
	ck_assert_uint_eq(items[b].tag, 1);
	/* the same addresses in another family do not meet */
	items[by_tag(items, n, 1)].prefix = P("::ffff:10.255.0.4/126");
	ck_assert(!er_find_prefix_conflict(items, n, &a, &b));

	/* host bits do not hide a container (it would sort after) */
	{
		struct er_prefix_item raw[2] = {
			ITEM("10.1.0.0/30", ER_USE_GLOBAL_REACH, 0),
			ITEM("10.1.0.5/24", ER_USE_ADVERTISED, 1),
		};

		ck_assert(er_find_prefix_conflict(raw, 2, &a, &b));
		ck_assert_uint_eq(raw[a].tag, 1);
		ck_assert_uint_eq(raw[b].tag, 0);
	}

	ck_assert(!er_find_prefix_conflict(NULL, 4, &a, &b));
	ck_assert(!er_find_prefix_conflict(items, 0, &a, &b));
	/* invalid items are ignored */
	items[0].prefix.family = 0;
	items[0].use = ER_USE_GLOBAL_REACH;
	items[1].use = ER_USE_MAX;
	ck_assert(!er_find_prefix_conflict(items, 2, NULL, NULL));
}
END_TEST

/* Items of two scopes (VRFs) never conflict; within one they do. */
START_TEST(test_prefix_conflict_scopes)
{
	struct er_prefix_item items[4] = {
		ITEM("3ffe:ffff:0:cd30::/126", ER_USE_LINK, 0),
		ITEM("3ffe:ffff:0:cd30::/126", ER_USE_LINK, 1),
		ITEM("10.0.0.0/29", ER_USE_LINK, 2),
		ITEM("10.0.0.0/30", ER_USE_GLOBAL_REACH, 3),
	};
	size_t a, b;

	items[1].scope = 2;
	items[2].scope = 1;
	items[3].scope = 2;
	ck_assert(!er_find_prefix_conflict(items, 4, &a, &b));
	/* the chain of scope 1 does not reach into scope 2 */
	items[by_tag(items, 4, 3)].scope = 1;
	ck_assert(er_find_prefix_conflict(items, 4, &a, &b));
	ck_assert_uint_eq(items[a].tag, 2);
	ck_assert_uint_eq(items[b].tag, 3);
	items[by_tag(items, 4, 3)].scope = 2;
	items[by_tag(items, 4, 1)].scope = 0;
	ck_assert(er_find_prefix_conflict(items, 4, &a, &b));
	ck_assert_uint_eq(items[a].scope, items[b].scope);
	ck_assert_uint_eq(items[a].tag + items[b].tag, 1);
}
END_TEST

/* Many copies of one prefix, and a full chain of nested prefixes. */
START_TEST(test_prefix_conflict_deep)
{
	static struct er_prefix_item items[5000];
	size_t n = 0, a, b;
	char str[ER_PREFIX_STRLEN];

	for (unsigned int len = 0; len <= 128; len++) {
		snprintf(str, sizeof(str), "2001:db8::/%u", len);
		items[n] = (struct er_prefix_item){.use = ER_USE_ADVERTISED,
						   .tag = n};
		ck_assert(er_prefix_parse(str, &items[n].prefix));
		er_prefix_network(&items[n].prefix, &items[n].prefix);
		n++;
	}
	while (n < COUNT(items) - 1) {
		items[n] = (struct er_prefix_item){.use = ER_USE_ADVERTISED,
						   .tag = n};
		items[n].prefix = P("2001:db8::/64");
		n++;
	}
	ck_assert(!er_find_prefix_conflict(items, n, &a, &b));
	/* the /128 at the bottom of the chain is a Global Reach subnet now */
	for (size_t i = 0; i < n; i++)
		if (items[i].prefix.len == 128)
			items[i].use = ER_USE_GLOBAL_REACH;
	ck_assert(er_find_prefix_conflict(items, n, &a, &b));
	ck_assert_uint_eq(items[b].prefix.len, 128);
	/* the closest container is reported */
	ck_assert_uint_eq(items[a].prefix.len, 127);
}
END_TEST

/* Against all pairs, on pseudo-random prefixes around a few addresses. */
START_TEST(test_prefix_conflict_brute_force)
{
	struct er_prefix_item items[12], copy[12];
	uint32_t seed = 12076;
	unsigned int conflicts = 0;

	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + round % 12, a, b;
		bool want = false, got;

		for (size_t i = 0; i < n; i++) {
			struct er_prefix p = {.family = AF_INET};

			seed = seed * 1103515245 + 12345;
			p.addr[0] = 10;
			p.addr[2] = (uint8_t)((seed >> 4) & 0x3);
			p.addr[3] = (uint8_t)((seed >> 8) & 0xfc);
			p.len = (uint8_t)(24 + (seed >> 20) % 9);
			er_prefix_network(&p, &p);
			items[i].prefix = p;
			/* mostly advertised prefixes, which may overlap */
			switch ((seed >> 12) % 6) {
			case 0:
				items[i].use = ER_USE_GLOBAL_REACH;
				break;
			case 1:
			case 2:
				items[i].use = ER_USE_LINK;
				break;
			default:
				items[i].use = ER_USE_ADVERTISED;
			}
			/* two routing tables, mostly the first */
			items[i].scope = (seed >> 24) % 4 == 0;
			items[i].tag = i;
		}
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (items[i].scope == items[j].scope
				    && er_prefix_overlaps(&items[i].prefix,
						       &items[j].prefix)
				    && er_prefix_uses_conflict(items[i].use,
							       items[j].use))
					want = true;
		memcpy(copy, items, sizeof(items));
		got = er_find_prefix_conflict(copy, n, &a, &b);
		ck_assert_msg(got == want, "round %d: %d, want %d", round, got,
			      want);
		if (got) {
			conflicts++;
			ck_assert(er_prefix_overlaps(&copy[a].prefix,
						     &copy[b].prefix));
			ck_assert(er_prefix_uses_conflict(copy[a].use,
							  copy[b].use));
			ck_assert_uint_eq(copy[a].scope, copy[b].scope);
			ck_assert(er_prefix_contains(&copy[a].prefix,
						     &copy[b].prefix));
			ck_assert_uint_lt(a, b);
		}
	}
	/* both outcomes were tried, many times */
	ck_assert_uint_gt(conflicts, 200);
	ck_assert_uint_lt(conflicts, 1800);
}
END_TEST

/*
 * BFD
 */

START_TEST(test_bfd_interval)
{
	char msg[ER_MSG_SIZE] = ERRBUF_INIT;

	ck_assert_int_eq(er_check_bfd_interval(300, msg, sizeof(msg)), ER_OK);
	ck_assert_str_eq(msg, "");
	ck_assert_int_eq(er_check_bfd_interval(750, msg, sizeof(msg)), ER_OK);
	ck_assert_int_eq(er_check_bfd_interval(60000, msg, sizeof(msg)),
			 ER_OK);
	/* accepted, but the MSEE's 300 ms wins */
	ck_assert_int_eq(er_check_bfd_interval(299, msg, sizeof(msg)), ER_WARN);
	ck_assert_str_eq(
		msg,
		"BFD interval 299 ms is below the MSEE's minimum of 300 ms (750 ms on some circuits): the slower side's interval wins, so BFD runs at 300 ms or slower and detects a failure no sooner");
	ck_assert_int_eq(er_check_bfd_interval(50, msg, sizeof(msg)), ER_WARN);
	ck_assert_contains(msg, "BFD interval 50 ms is below");
	ck_assert_int_eq(er_check_bfd_interval(0, NULL, 0), ER_WARN);
}
END_TEST

static Suite *er_rules_suite(void)
{
	Suite *s = suite_create("er_rules");
	TCase *tc;

	tc = tcase_create("enums");
	tcase_add_test(tc, test_enum_names);
	tcase_add_test(tc, test_enum_names_invalid);
	tcase_add_test(tc, test_enums_match_yang);
	suite_add_tcase(s, tc);

	tc = tcase_create("prefix");
	tcase_add_test(tc, test_prefix_parse);
	tcase_add_test(tc, test_prefix_parse_long_input);
	tcase_add_test(tc, test_prefix_format);
	tcase_add_test(tc, test_prefix_align);
	tcase_add_test(tc, test_prefix_relations);
	tcase_add_test(tc, test_check_no_overlap);
	suite_add_tcase(s, tc);

	tc = tcase_create("link");
	tcase_add_test(tc, test_link_subnet);
	tcase_add_test(tc, test_link_addresses);
	tcase_add_test(tc, test_split_subnet);
	tcase_add_test(tc, test_link_pair);
	suite_add_tcase(s, tc);

	tc = tcase_create("public");
	tcase_add_test(tc, test_public_prefix);
	tcase_add_test(tc, test_advertised_prefix);
	suite_add_tcase(s, tc);

	tc = tcase_create("asn");
	tcase_add_test(tc, test_asn_classify);
	tcase_add_test(tc, test_check_asn);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, test_vlan);
	tcase_add_test(tc, test_shared_key);
	tcase_add_test(tc, test_service_key);
	suite_add_tcase(s, tc);

	tc = tcase_create("bandwidth");
	tcase_add_test(tc, test_port_speed);
	tcase_add_test(tc, test_bandwidth_matrix);
	tcase_add_test(tc, test_bandwidth_messages);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_prefix_limit_out);
	tcase_add_test(tc, test_prefix_limit_in);
	tcase_add_test(tc, test_vnet_connections);
	tcase_add_test(tc, test_prefix_limit_in_circuit);
	tcase_add_test(tc, test_timers);
	tcase_add_test(tc, test_bfd_interval);
	suite_add_tcase(s, tc);

	tc = tcase_create("global-reach");
	tcase_add_test(tc, test_global_reach);
	tcase_add_test(tc, test_global_reach_sku);
	tcase_add_test(tc, test_global_reach_locations);
	suite_add_tcase(s, tc);

	tc = tcase_create("direct");
	tcase_add_test(tc, test_direct_only);
	tcase_add_test(tc, test_port_consistent);
	tcase_add_test(tc, test_port_vlan_clash);
	suite_add_tcase(s, tc);

	tc = tcase_create("overlap");
	tcase_add_test(tc, test_prefix_uses);
	tcase_add_test(tc, test_prefix_conflict);
	tcase_add_test(tc, test_prefix_conflict_scopes);
	tcase_add_test(tc, test_prefix_conflict_deep);
	tcase_add_test(tc, test_prefix_conflict_brute_force);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(er_rules_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
