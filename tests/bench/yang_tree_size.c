// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Heap bytes of frr-expressroute data trees in libyang, per circuit: the
 * configuration bench_scale.py loads (N circuits, private peering, VLAN,
 * two IPv4 link subnets), parsed and validated as FRR does (implicit
 * defaults added), then copied as FRR copies the running configuration.
 *
 * usage: yang_tree_size YANG_DIR N
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libyang/libyang.h>

static size_t heap_in_use(void)
{
	return mallinfo2().uordblks;
}

/* The model data of n circuits, as JSON; the caller frees it. */
static char *circuits_json(int n)
{
	size_t size = 128 + (size_t)n * 256, len = 0;
	char *json = malloc(size);

	len += snprintf(json + len, size - len,
			"{\"frr-expressroute:expressroute\":{\"instance\":[{"
			"\"vrf\":\"default\",\"circuit\":[");
	for (int i = 0; i < n; i++) {
		int base = 8 * i;

		len += snprintf(json + len, size - len,
				"%s{\"name\":\"c%d\",\"peering\":[{"
				"\"type\":\"private\",\"vlan-id\":%d,\"ipv4\":{"
				"\"primary-subnet\":\"10.%d.%d.%d/30\","
				"\"secondary-subnet\":\"10.%d.%d.%d/30\"}}]}",
				i ? "," : "", i, 100 + i % 3900,
				base >> 16 & 255, base >> 8 & 255, base & 255,
				base >> 16 & 255, base >> 8 & 255,
				(base & 255) + 4);
	}
	snprintf(json + len, size - len, "]}]}}");
	return json;
}

int main(int argc, char **argv)
{
	struct lyd_node *tree = NULL, *copy = NULL, *node;
	unsigned int nodes = 0, defaults = 0;
	size_t before, parsed, copied;
	struct ly_ctx *ctx;
	char *json;
	int n;

	if (argc != 3 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: %s YANG_DIR N\n", argv[0]);
		return 2;
	}
	if (ly_ctx_new(argv[1], 0, &ctx) != LY_SUCCESS
	    || !ly_ctx_load_module(ctx, "frr-expressroute", NULL, NULL))
		return 1;
	json = circuits_json(n);

	before = heap_in_use();
	if (lyd_parse_data_mem(ctx, json, LYD_JSON, LYD_PARSE_NO_STATE,
			       LYD_VALIDATE_NO_STATE, &tree)
	    != LY_SUCCESS)
		return 1;
	parsed = heap_in_use();
	if (lyd_dup_siblings(tree, NULL, LYD_DUP_RECURSIVE | LYD_DUP_WITH_FLAGS,
			     &copy)
	    != LY_SUCCESS)
		return 1;
	copied = heap_in_use();

	LYD_TREE_DFS_BEGIN (tree, node) {
		nodes++;
		if (node->flags & LYD_DEFAULT)
			defaults++;
		LYD_TREE_DFS_END(tree, node);
	}
	printf("%.1f nodes per circuit (%.1f implicit defaults), "
	       "%.0f bytes per circuit in a tree, %.0f in a copy\n",
	       (double)nodes / n, (double)defaults / n,
	       (double)(parsed - before) / n, (double)(copied - parsed) / n);

	lyd_free_all(copy);
	lyd_free_all(tree);
	ly_ctx_destroy(ctx);
	free(json);
	return 0;
}
