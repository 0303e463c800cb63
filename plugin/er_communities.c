// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Decoding Microsoft's BGP communities with the generated table
 * (er_communities_table.c).  No FRR header: see er_communities.h.
 */

#include <string.h>

#include "er_communities.h"
#include "er_rules.h"

enum er_community_kind er_community_decode(uint32_t community,
					   struct er_community_entry *out)
{
	uint32_t value = community & 0xffff;
	unsigned int lo = 0, hi = er_community_index_count;

	if (out)
		memset(out, 0, sizeof(*out));
	if (community >> 16 != ER_COMMUNITY_ASN)
		return ER_COMMUNITY_NONE;
	/* the index is sorted by value: a binary search */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct er_community_entry *e = &er_community_index[mid];

		if (e->value == value) {
			if (out)
				*out = *e;
			return e->kind;
		}
		if (e->value < value)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (out) {
		out->value = value;
		out->kind = ER_COMMUNITY_OTHER;
	}
	return ER_COMMUNITY_OTHER;
}

int er_region_find(const char *key)
{
	for (unsigned int i = 0; i < er_region_count; i++)
		if (strcmp(er_regions[i].key, key) == 0)
			return i;
	return -1;
}

int er_service_find(const char *key)
{
	for (unsigned int i = 0; i < er_service_count; i++)
		if (strcmp(er_services[i].key, key) == 0)
			return i;
	return -1;
}

const char *er_region_column2str(enum er_region_column column)
{
	static const char *const names[ER_COLUMN_MAX] = {
		[ER_COLUMN_PRIVATE] = "private",
		[ER_COLUMN_MICROSOFT] = "microsoft",
		[ER_COLUMN_STORAGE] = "storage",
		[ER_COLUMN_SQL] = "sql",
		[ER_COLUMN_COSMOSDB] = "cosmosdb",
		[ER_COLUMN_BACKUP] = "backup",
	};

	return (unsigned int)column < ER_COLUMN_MAX ? names[column] : "?";
}

bool er_region_reachable(int sku, const int *local, unsigned int nlocal,
			 int region)
{
	if (region < 0 || (unsigned int)region >= er_region_count)
		return false;
	if (!nlocal || sku == ER_SKU_PREMIUM)
		return true;
	for (unsigned int i = 0; i < nlocal; i++) {
		if (local[i] == region)
			return true;
		if (sku != ER_SKU_LOCAL && local[i] >= 0
		    && (unsigned int)local[i] < er_region_count
		    && er_regions[local[i]].geo == er_regions[region].geo)
			return true;
	}
	return false;
}
