// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for yang/frr-expressroute.yang: instance data through
 * libyang's parsers and validation, as bgpd's northbound receives it.
 *
 * One libyang context, created on the first input with the repository's
 * yang/ directory as search path and frr-expressroute loaded (and
 * implemented), serves every input. The directory is $ER_YANG_DIR, else the
 * compile-time ER_YANG_DIR (run.sh passes -DER_YANG_DIR="<top>/yang").
 *
 * The first byte chooses what the input is:
 *  - '<', '{' or whitespace: the whole input is a document, configuration
 *    data ('<' XML, '{' JSON, whitespace by its low bit: ' ' and '\n' XML,
 *    '\t' and '\r' JSON), so that the seed corpus is plain example files;
 *  - any other byte is a selector and the rest of the input the document:
 *    bit 0 format (0 XML, 1 JSON), bits 1-2 kind:
 *      0 configuration data: LYD_PARSE_STRICT, LYD_VALIDATE_NO_STATE
 *      1 configuration data: LYD_PARSE_STRICT | LYD_PARSE_NO_STATE,
 *        LYD_VALIDATE_NO_STATE | LYD_VALIDATE_PRESENT
 *      2 operational data:   LYD_PARSE_STRICT, LYD_VALIDATE_PRESENT
 *      3 configuration data loaded then validated, as FRR loads a file:
 *        LYD_PARSE_STRICT | LYD_PARSE_NO_STATE | LYD_PARSE_ONLY, then
 *        lyd_validate_all(LYD_VALIDATE_NO_STATE).
 *
 * Notifications are not parsed: the module only emits verdict-change, and
 * libyang 2.1.30's lyd_parse_op() leaks the notification it built when a
 * JSON syntax error follows it (tests/fuzz/README.md).
 *
 * Every tree parsed is printed in XML and in JSON and each text parsed
 * again with the same options: the reparse must succeed and give an equal
 * tree (else __builtin_trap()). Everything is freed; run with
 * -detect_leaks=1 (libFuzzer's default under ASan).
 *
 * libyang itself is not instrumented (the Debian library), so that the
 * fuzzer gets some guidance, the outcome of each input (kind, error code,
 * validation error template and data path, schema nodes present) is fed to
 * libFuzzer as extra coverage counters.
 *
 * Build (see tests/fuzz/run.sh):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -fno-sanitize-recover=all -DER_YANG_DIR='"'$PWD/yang'"' \
 *       tests/fuzz/fuzz_yang.c -lyang -o fuzz_yang
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include <libyang/libyang.h>
#include <libyang/version.h> /* LY_VERSION_MAJOR: libyang.h 3 leaves it out */

#ifndef ER_YANG_DIR
#define ER_YANG_DIR "yang"
#endif

#define MODULE "frr-expressroute"

static struct ly_ctx *ctx;

/*
 * Extra coverage: libFuzzer counts every non-zero byte of this section as
 * a feature, beside the compiler's edge counters.
 */
#define NCOUNTERS 8192
__attribute__((section("__libfuzzer_extra_counters"), used)) static uint8_t
	counters[NCOUNTERS];

static uint32_t fnv(uint32_t h, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619U;
	}
	return h;
}

/* Presence only: how often a feature occurs does not matter. */
static void feature(uint32_t h)
{
	counters[h % NCOUNTERS] = 1;
}

/*
 * The template of an error message: its text up to the first value
 * (libyang quotes values, or puts them after a colon, a parenthesis or
 * as a number).
 */
static uint32_t hash_message(uint32_t h, const char *s)
{
	for (; s && *s; s++) {
		char c = *s;

		if (c == '"' || c == '\'' || c == ':' || c == '(' ||
		    c == '\n' || (c >= '0' && c <= '9'))
			break;
		h = fnv(h, &c, 1);
	}
	return h;
}

/* A data path without its predicates (key values) and digits. */
static uint32_t hash_path(uint32_t h, const char *s)
{
	char quote = 0;
	int depth = 0;

	for (; s && *s; s++) {
		char c = *s;

		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (depth && (c == '"' || c == '\'')) {
			quote = c;
			continue;
		}
		if (c == '[') {
			depth++;
			continue;
		}
		if (c == ']' && depth) {
			depth--;
			continue;
		}
		if (depth || (c >= '0' && c <= '9'))
			continue;
		h = fnv(h, &c, 1);
	}
	return h;
}

/*
 * libyang 3 renamed the error's code (no -> err) and split its path into
 * a data and a schema path; the fuzzer only needs the data node's.
 */
#if LY_VERSION_MAJOR >= 3
#define ER_LY_ERR_CODE(e) ((e)->err)
#define ER_LY_ERR_PATH(e) ((e)->data_path)
#else
#define ER_LY_ERR_CODE(e) ((e)->no)
#define ER_LY_ERR_PATH(e) ((e)->path)
#endif

static void features_of_error(uint32_t seed)
{
	const struct ly_err_item *e = ly_err_last(ctx);
	uint32_t h;

	if (!e) {
		feature(fnv(seed, "noerr", 5));
		return;
	}
	h = fnv(seed, &ER_LY_ERR_CODE(e), sizeof(ER_LY_ERR_CODE(e)));
	h = fnv(h, &e->vecode, sizeof(e->vecode));
	feature(h);
	h = hash_message(h, e->msg);
	feature(h);
	/*
	 * Where: only for errors on data nodes, whose path is made of schema
	 * nodes; a syntax error's path holds whatever names the input has.
	 */
	if (e->vecode == LYVE_DATA || e->vecode == LYVE_REFERENCE)
		feature(hash_path(h, ER_LY_ERR_PATH(e)));
}

static void features_of_tree(uint32_t seed, const struct lyd_node *tree)
{
	const struct lyd_node *top, *node;
	unsigned int n = 0, bits = 0;

	LY_LIST_FOR(tree, top)
	{
		LYD_TREE_DFS_BEGIN(top, node)
		{
			const void *schema = node->schema;
			uint32_t h = fnv(seed, &schema, sizeof(schema));

			feature(h);
			/* Also with its flags (default, when-true). */
			h = fnv(h, &node->flags, sizeof(node->flags));
			feature(h);
			n++;
			LYD_TREE_DFS_END(top, node);
		}
	}
	/* Tree size on a log scale: its bit length. */
	while (n) {
		bits++;
		n >>= 1;
	}
	feature(fnv(seed, &bits, sizeof(bits)));
}

static void init(void)
{
	const char *dir = getenv("ER_YANG_DIR");
	const struct lys_module *mod;

	if (!dir || !*dir)
		dir = ER_YANG_DIR;
	/* Keep only the last error, print nothing. */
	ly_log_options(LY_LOSTORE_LAST);
	if (ly_ctx_new(dir, 0, &ctx) != LY_SUCCESS) {
		fprintf(stderr, "fuzz_yang: cannot create a libyang context\n");
		abort();
	}
	mod = ly_ctx_load_module(ctx, MODULE, NULL, NULL);
	if (!mod || !mod->implemented) {
		const struct ly_err_item *e = ly_err_last(ctx);

		fprintf(stderr, "fuzz_yang: cannot load %s from %s: %s\n",
			MODULE, dir, e && e->msg ? e->msg : "?");
		abort();
	}
	ly_err_clean(ctx, NULL);
}

struct mode {
	LYD_FORMAT format;
	int kind; /* 0..3, see the top of this file */
	uint32_t parse_opts;
	uint32_t validate_opts;
};

static LY_ERR parse(const struct mode *m, const char *text,
		    struct lyd_node **tree)
{
	LY_ERR rc;

	*tree = NULL;
	rc = lyd_parse_data_mem(ctx, text, m->format, m->parse_opts,
				m->validate_opts, tree);
	if (m->kind != 3 || rc != LY_SUCCESS)
		return rc;

	/* Loaded without validation: validate it now. */
	rc = lyd_validate_all(tree, ctx, LYD_VALIDATE_NO_STATE, NULL);
	if (rc != LY_SUCCESS) {
		lyd_free_all(*tree);
		*tree = NULL;
	}
	return rc;
}

/* True if every node of the tree is an implicit default node. */
static bool only_defaults(const struct lyd_node *tree)
{
	const struct lyd_node *top, *node;

	LY_LIST_FOR(tree, top)
	{
		LYD_TREE_DFS_BEGIN(top, node)
		{
			if (!(node->flags & LYD_DEFAULT))
				return false;
			LYD_TREE_DFS_END(top, node);
		}
	}
	return true;
}

/* Print tree in format and parse the text again: same tree. */
static void round_trip(const struct mode *m, const struct lyd_node *tree,
		       LYD_FORMAT format)
{
	struct mode m2 = *m;
	struct lyd_node *tree2 = NULL;
	char *text = NULL;
	LY_ERR rc;

	CHECK(lyd_print_mem(&text, tree, format, LYD_PRINT_WITHSIBLINGS) ==
		      LY_SUCCESS,
	      "a valid tree does not print");
	if (!text) {
		/* Nothing to print: only default nodes. */
		return;
	}
	m2.format = format;
	rc = parse(&m2, text, &tree2);
	CHECK(rc == LY_SUCCESS, "printed tree does not parse again");
	/*
	 * A tree of implicit default nodes only prints as nothing in XML but
	 * as "{}" in JSON, which parses to no tree at all: fine, as long as
	 * nothing explicit was lost.
	 */
	if (!tree2)
		CHECK(only_defaults(tree), "printed tree lost explicit nodes");
	else
		CHECK(lyd_compare_siblings(tree, tree2,
					   LYD_COMPARE_FULL_RECURSION) ==
			      LY_SUCCESS,
		      "reparsed tree differs");
	lyd_free_all(tree2);
	free(text);
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lyd_node *tree = NULL;
	struct mode m = {0};
	const uint8_t *doc = data;
	size_t len = size;
	char *text;
	uint32_t seed;
	LY_ERR rc;

	if (!ctx)
		init();
	if (!size)
		return 0;

	if (data[0] == '<' || data[0] == '{' || is_space(data[0])) {
		m.format = data[0] == '<'   ? LYD_XML
			   : data[0] == '{' ? LYD_JSON
			   : (data[0] & 1)  ? LYD_JSON
					    : LYD_XML;
		m.kind = 0;
	} else {
		m.format = (data[0] & 1) ? LYD_JSON : LYD_XML;
		m.kind = (data[0] >> 1) & 3;
		doc++;
		len--;
	}
	switch (m.kind) {
	case 0:
		m.parse_opts = LYD_PARSE_STRICT;
		m.validate_opts = LYD_VALIDATE_NO_STATE;
		break;
	case 1:
		m.parse_opts = LYD_PARSE_STRICT | LYD_PARSE_NO_STATE;
		m.validate_opts = LYD_VALIDATE_NO_STATE | LYD_VALIDATE_PRESENT;
		break;
	case 2:
		m.parse_opts = LYD_PARSE_STRICT;
		m.validate_opts = LYD_VALIDATE_PRESENT;
		break;
	default:
		m.parse_opts =
			LYD_PARSE_STRICT | LYD_PARSE_NO_STATE | LYD_PARSE_ONLY;
		m.validate_opts = 0;
		break;
	}

	/* A NUL-terminated heap copy: ASan sees a read past its end. */
	text = malloc(len + 1);
	if (!text)
		abort();
	memcpy(text, doc, len);
	text[len] = '\0';

	rc = parse(&m, text, &tree);
	seed = fnv(2166136261U, &m.kind, sizeof(m.kind));
	seed = fnv(seed, &m.format, sizeof(m.format));
	seed = fnv(seed, &rc, sizeof(rc));
	feature(seed);
	if (rc == LY_SUCCESS) {
		features_of_tree(seed, tree);
		if (tree) {
			round_trip(&m, tree, LYD_XML);
			round_trip(&m, tree, LYD_JSON);
		}
	} else {
		features_of_error(seed);
	}
	lyd_free_all(tree);
	ly_err_clean(ctx, NULL);
	free(text);
	return 0;
}
