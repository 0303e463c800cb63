// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of plugin/er_communities.c and the table generated from
 * plugin/er_communities.txt (Check framework): values from Microsoft's
 * routing page, decoded both ways, and the SKU reach of a region.
 */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_communities.h"
#include "er_rules.h"

#define C(low) ((uint32_t)ER_COMMUNITY_ASN << 16 | (low))

START_TEST(test_regional_values)
{
	/* a sample of the source's table, each column once */
	static const struct {
		const char *region, *name;
		enum er_region_column column;
		uint16_t value;
	} cases[] = {
		{"eastus", "East US", ER_COLUMN_MICROSOFT, 51004},
		{"westus", "West US", ER_COLUMN_MICROSOFT, 51006},
		{"westeurope", "West Europe", ER_COLUMN_PRIVATE, 50002},
		{"northeurope", "North Europe", ER_COLUMN_STORAGE, 52003},
		{"uksouth", "UK South", ER_COLUMN_SQL, 53024},
		{"westus3", "West US 3", ER_COLUMN_COSMOSDB, 54044},
		{"newzealandnorth", "New Zealand North", ER_COLUMN_BACKUP, 55059},
		{"centralindia", "India Central", ER_COLUMN_MICROSOFT, 51017},
		{"westus2", "West US 2", ER_COLUMN_MICROSOFT, 51026},
		{"usdodeast", "US DoD East", ER_COLUMN_MICROSOFT, 51205},
		{"chinanorth3", "China North 3", ER_COLUMN_MICROSOFT, 51305},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct er_community_entry e;
		int region = er_region_find(cases[i].region);

		ck_assert_int_ge(region, 0);
		ck_assert_str_eq(er_regions[region].name, cases[i].name);
		ck_assert_int_eq(er_regions[region].value[cases[i].column],
				 cases[i].value);
		ck_assert_int_eq(er_community_decode(C(cases[i].value), &e),
				 ER_COMMUNITY_REGION);
		ck_assert_int_eq(e.index, region);
		ck_assert_int_eq(e.column, cases[i].column);
	}
	ck_assert_int_eq(er_region_count, 53);
}
END_TEST

START_TEST(test_service_values)
{
	static const struct {
		const char *key;
		uint16_t value;
	} cases[] = {
		{"exchange", 5010}, {"sharepoint", 5020}, {"skype", 5030},
		{"crm", 5040},	    {"azure-global", 5050}, {"entra-id", 5060},
		{"arm", 5070},	    {"office365", 5100}, {"defender-identity", 5220},
		{"pstn", 5250},	    {"usgov-exchange", 5110},
		{"usgov-office365", 5200},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct er_community_entry e;
		int service = er_service_find(cases[i].key);

		ck_assert_int_ge(service, 0);
		ck_assert_int_eq(er_services[service].value, cases[i].value);
		ck_assert_int_eq(er_community_decode(C(cases[i].value), &e),
				 ER_COMMUNITY_SERVICE);
		ck_assert_int_eq(e.index, service);
	}
	ck_assert_int_eq(er_service_count, 15);
}
END_TEST

START_TEST(test_other_values)
{
	struct er_community_entry e;

	/* a VNet's custom community, and the 2016 page's stale West US 2 */
	ck_assert_int_eq(er_community_decode(C(20001), &e), ER_COMMUNITY_OTHER);
	ck_assert_int_eq(e.value, 20001);
	ck_assert_int_eq(er_community_decode(C(51022), NULL),
			 ER_COMMUNITY_OTHER);
	ck_assert_int_eq(er_community_decode(C(0), NULL), ER_COMMUNITY_OTHER);
	/* another ASN's 51004 is not East US */
	ck_assert_int_eq(er_community_decode(65000U << 16 | 51004, &e),
			 ER_COMMUNITY_NONE);
	ck_assert_int_eq(er_community_decode(0xFFFFFF01, NULL),
			 ER_COMMUNITY_NONE);
	ck_assert_int_eq(er_region_find("West Europe"), -1);
	ck_assert_int_eq(er_region_find(""), -1);
	ck_assert_int_eq(er_service_find("Exchange"), -1);
	ck_assert_str_eq(er_region_column2str(ER_COLUMN_COSMOSDB), "cosmosdb");
	ck_assert_str_eq(er_region_column2str(ER_COLUMN_MAX), "?");
}
END_TEST

/* Every index entry names a table entry that has that value. */
START_TEST(test_index_consistent)
{
	for (unsigned int i = 0; i < er_community_index_count; i++) {
		const struct er_community_entry *e = &er_community_index[i];

		if (i)
			ck_assert_int_lt(er_community_index[i - 1].value,
					 e->value);
		if (e->kind == ER_COMMUNITY_REGION)
			ck_assert_int_eq(er_regions[e->index].value[e->column],
					 e->value);
		else
			ck_assert_int_eq(er_services[e->index].value, e->value);
	}
	for (unsigned int i = 0; i < er_region_count; i++)
		ck_assert_uint_lt(er_regions[i].geo, er_geo_count);
}
END_TEST

START_TEST(test_sku_reach)
{
	int ams[] = {er_region_find("westeurope")};
	int neu = er_region_find("northeurope");
	int eus = er_region_find("eastus");

	ck_assert(er_region_reachable(ER_SKU_LOCAL, ams, 1, ams[0]));
	ck_assert(!er_region_reachable(ER_SKU_LOCAL, ams, 1, neu));
	ck_assert(er_region_reachable(ER_SKU_STANDARD, ams, 1, neu));
	ck_assert(!er_region_reachable(ER_SKU_STANDARD, ams, 1, eus));
	ck_assert(er_region_reachable(ER_SKU_PREMIUM, ams, 1, eus));
	/* nothing known of the location: not judged */
	ck_assert(er_region_reachable(ER_SKU_LOCAL, NULL, 0, eus));
	ck_assert(!er_region_reachable(ER_SKU_PREMIUM, ams, 1, -1));
}
END_TEST

static Suite *er_communities_suite(void)
{
	Suite *s = suite_create("er_communities");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_regional_values);
	tcase_add_test(tc, test_service_values);
	tcase_add_test(tc, test_other_values);
	tcase_add_test(tc, test_index_consistent);
	tcase_add_test(tc, test_sku_reach);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(er_communities_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
