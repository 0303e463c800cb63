// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of plugin/er_prom.c (Check framework): the exposition the
 * textfile collector reads.
 */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_prom.h"

static char *expose(const struct er_prom_circuit *c, unsigned int n)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	ck_assert_int_eq(er_prom_write(f, c, n, 30), 0);
	fclose(f);
	return buf;
}

static void one_circuit(struct er_prom_circuit *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->vrf, "default");
	strcpy(c->name, "ams");
	c->verdict = ER_VERDICT_DEGRADED;
	c->peerings[ER_PEERING_PRIVATE].present = true;
	c->peerings[ER_PEERING_PRIVATE].verdict = ER_VERDICT_DEGRADED;
	for (int r = 0; r < ER_ROLE_MAX; r++) {
		struct er_prom_session *s =
			&c->peerings[ER_PEERING_PRIVATE].sessions[0][r];

		s->configured = true;
		strcpy(s->neighbor, r ? "192.168.100.134" : "192.168.100.130");
		s->established = r == 1;
		s->availability = 50;
	}
}

START_TEST(test_escape)
{
	char buf[32];

	ck_assert_uint_eq(er_prom_escape(buf, sizeof(buf), "a\"b\\c\nd"), 10);
	ck_assert_str_eq(buf, "a\\\"b\\\\c\\nd");
	/* truncated, still terminated, the length it needs */
	ck_assert_uint_eq(er_prom_escape(buf, 4, "a\"b"), 4);
	ck_assert_str_eq(buf, "a\\\"");
}
END_TEST

START_TEST(test_state_set_and_sessions)
{
	struct er_prom_circuit c;
	char *out;

	one_circuit(&c);
	out = expose(&c, 1);
	ck_assert_ptr_nonnull(strstr(out,
		"frr_expressroute_circuit_verdict{vrf=\"default\",circuit=\"ams\",verdict=\"degraded\"} 1\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"frr_expressroute_circuit_verdict{vrf=\"default\",circuit=\"ams\",verdict=\"ok\"} 0\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"frr_expressroute_session_up{vrf=\"default\",circuit=\"ams\",peering=\"private\",address_family=\"ipv4\",role=\"primary\"} 0\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"frr_expressroute_session_up{vrf=\"default\",circuit=\"ams\",peering=\"private\",address_family=\"ipv4\",role=\"secondary\"} 1\n"));
	/* a ratio, not a percentage */
	ck_assert_ptr_nonnull(strstr(out, ",window=\"lifetime\"} 0.5\n"));
	/* no BFD, no limit, no bandwidth configured: no sample */
	ck_assert_ptr_null(strstr(out, "frr_expressroute_session_bfd_up{"));
	ck_assert_ptr_null(strstr(out, "frr_expressroute_session_prefixes_sent_limit{"));
	ck_assert_ptr_null(strstr(out, "bandwidth_bytes_per_second{"));
	/* the microsoft peering is absent, and IPv6 not configured */
	ck_assert_ptr_null(strstr(out, "peering=\"microsoft\""));
	ck_assert_ptr_null(strstr(out, "ipv6"));
	ck_assert_ptr_nonnull(strstr(out, "frr_expressroute_metrics_interval_seconds 30\n"));
	free(out);
}
END_TEST

START_TEST(test_families_once_each)
{
	struct er_prom_circuit c[2];
	char *out, *line;
	char seen[64][96];
	int nseen = 0;

	one_circuit(&c[0]);
	one_circuit(&c[1]);
	strcpy(c[1].name, "dub");
	c[1].bandwidth_mbps = 1000;
	c[1].peerings[ER_PEERING_PRIVATE].sessions[0][0].bfd_enabled = true;
	out = expose(c, 2);
	ck_assert_ptr_nonnull(strstr(out,
		"frr_expressroute_circuit_bandwidth_bytes_per_second{vrf=\"default\",circuit=\"dub\"} 125000000\n"));
	/* each TYPE once: the samples of a family are together */
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "# TYPE ", 7) != 0)
			continue;
		for (int i = 0; i < nseen; i++)
			ck_assert_str_ne(seen[i], line + 7);
		ck_assert_int_lt(nseen, 64);
		snprintf(seen[nseen++], sizeof(seen[0]), "%s", line + 7);
	}
	ck_assert_int_ge(nseen, 15);
	free(out);
}
END_TEST

START_TEST(test_no_circuit)
{
	char *out = expose(NULL, 0);

	ck_assert_ptr_nonnull(strstr(out, "# TYPE frr_expressroute_session_up gauge\n"));
	ck_assert_ptr_null(strstr(out, "frr_expressroute_session_up{"));
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("er_prom");
	TCase *tc = tcase_create("exposition");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_escape);
	tcase_add_test(tc, test_state_set_and_sessions);
	tcase_add_test(tc, test_families_once_each);
	tcase_add_test(tc, test_no_circuit);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
