// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Microsoft's BGP communities on ExpressRoute: the regional communities
 * (one per Azure region and column: private peering, Microsoft peering,
 * Storage, SQL, Cosmos DB, Backup) and the service communities of
 * Microsoft peering, and how a community value decodes.
 *
 * The table is generated from plugin/er_communities.txt (its source and
 * date are there) by tools/gen-communities.py.  Pure code, no FRR header:
 * the unit tests, the module and the ER-aware vtysh link it alone.
 */
#ifndef _FRR_ER_COMMUNITIES_H
#define _FRR_ER_COMMUNITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Microsoft's ASN, the high half of every community it attaches. */
#define ER_COMMUNITY_ASN 12076

/* Bounds of the generated table (the generator refuses more). */
#define ER_REGION_MAX 64
#define ER_SERVICE_MAX 32

/* The columns of the regional table, by the thousands digit 50..55. */
enum er_region_column {
	ER_COLUMN_PRIVATE,   /* 12076:50xxx, private peering (VNet) */
	ER_COLUMN_MICROSOFT, /* 12076:51xxx, Microsoft peering */
	ER_COLUMN_STORAGE,   /* 12076:52xxx */
	ER_COLUMN_SQL,	     /* 12076:53xxx */
	ER_COLUMN_COSMOSDB,  /* 12076:54xxx */
	ER_COLUMN_BACKUP,    /* 12076:55xxx */
	ER_COLUMN_MAX,
};

struct er_region {
	const char *key;  /* Azure's programmatic name, "westeurope" */
	const char *name; /* as Microsoft's table names it, "West Europe" */
	uint8_t geo;	  /* index in er_geo_names[] */
	uint16_t value[ER_COLUMN_MAX]; /* low half, 0: none */
};

struct er_service {
	const char *key;   /* "exchange" */
	const char *name;  /* "Exchange Online" */
	const char *cloud; /* "Global", "US Government" */
	uint16_t value;
};

enum er_community_kind {
	ER_COMMUNITY_NONE,    /* not Microsoft's (another ASN) */
	ER_COMMUNITY_REGION,  /* a regional community */
	ER_COMMUNITY_SERVICE, /* a service community */
	ER_COMMUNITY_OTHER,   /* 12076:x not in the table (a VNet's custom one) */
};

struct er_community_entry {
	uint16_t value;
	uint8_t kind;	/* enum er_community_kind */
	uint8_t index;	/* in er_regions[] or er_services[] */
	uint8_t column; /* enum er_region_column (regions) */
};

/* The generated table (er_communities_table.c). */
extern const char *const er_geo_names[];
extern const unsigned int er_geo_count;
extern const struct er_region er_regions[];
extern const unsigned int er_region_count;
extern const struct er_service er_services[];
extern const unsigned int er_service_count;
extern const struct er_community_entry er_community_index[];
extern const unsigned int er_community_index_count;

/* What a community value is; out may be NULL. */
enum er_community_kind er_community_decode(uint32_t community,
					   struct er_community_entry *out);

/* A region or service by its key; -1 if there is none. */
int er_region_find(const char *key);
int er_service_find(const char *key);

/* "private", "microsoft", "storage", "sql", "cosmosdb", "backup" */
const char *er_region_column2str(enum er_region_column column);

/*
 * Whether a circuit of SKU `sku` (enum er_sku) whose peering location is
 * local to the regions local[0..nlocal) can reach `region`: Local only
 * those, Standard their geopolitical groups, Premium all.  With no local
 * region known, every region counts as reachable.
 */
bool er_region_reachable(int sku, const int *local, unsigned int nlocal,
			 int region);

#ifdef __cplusplus
}
#endif

#endif /* _FRR_ER_COMMUNITIES_H */
