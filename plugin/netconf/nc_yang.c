// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libnetconf2's libyang context.
 *
 * It cannot be FRR's own (ly_native_ctx): FRR keeps its struct nb_node in
 * every schema node's priv field and libnetconf2 keeps RPC callbacks in the
 * same field, so each would call or free the other's pointers.  It is a
 * mirror instead: every module FRR implements, with the same features,
 * loaded from FRR's context itself (so modules embedded in daemons and in
 * out-of-tree modules such as frr-expressroute come along), plus the
 * NETCONF modules from the module's YANG directory.
 */

#include <zebra.h>

#include "lib/yang.h"

#include "nc_compat.h"
#include "nc_internal.h"

static void nc_yang_free_text(void *text, void *user_data)
{
	free(text);
}

/* libyang asks for an import: print it from FRR's context. */
static LY_ERR nc_yang_import_from_frr(const char *name, const char *revision,
				      const char *submodule,
				      const char *submodule_revision,
				      void *user_data, LYS_INFORMAT *format,
				      const char **text,
				      ly_module_imp_data_free_clb *free_text)
{
	const struct lys_module *module;
	char *printed = NULL;

	if (submodule) {
		const struct lysp_submodule *sub = ly_ctx_get_submodule(
			ly_native_ctx, submodule, submodule_revision);
		struct ly_out *out;

		if (!sub || ly_out_new_memory(&printed, 0, &out))
			return LY_ENOTFOUND;
		lys_print_submodule(out, sub, LYS_OUT_YANG, 0, 0);
		ly_out_free(out, NULL, 0);
	} else {
		module = revision ? ly_ctx_get_module(ly_native_ctx, name,
						      revision)
				  : ly_ctx_get_module_latest(ly_native_ctx,
							     name);
		if (!module || !module->parsed
		    || lys_print_mem(&printed, module, LYS_OUT_YANG, 0))
			return LY_ENOTFOUND;
	}
	*format = LYS_IN_YANG;
	*text = printed;
	*free_text = nc_yang_free_text;
	return LY_SUCCESS;
}

/* Load one module of FRR's into the mirror, with the features FRR has on. */
static bool nc_yang_mirror_module(struct ly_ctx *ctx,
				  const struct lys_module *module)
{
	const char *features[64];
	struct lysp_feature *feature = NULL;
	uint32_t idx = 0;
	int n = 0;

	while ((feature = lysp_feature_next(feature, module->parsed, &idx))
	       && n < (int)array_size(features) - 1)
		if (feature->flags & LYS_FENABLED)
			features[n++] = feature->name;
	features[n] = NULL;
	return ly_ctx_load_module(ctx, module->name, module->revision,
				  features)
	       != NULL;
}

struct ly_ctx *nc_yang_ctx_new(const char *yang_dir)
{
	static const char *netconf_features[] = {
		"writable-running", "candidate", "validate", "xpath", NULL};
	const struct lys_module *module;
	struct ly_ctx *ctx;
	uint32_t idx;

	if (nc_compat_ctx_new(yang_dir,
			      LY_CTX_DISABLE_SEARCHDIR_CWD
				      | LY_CTX_EXPLICIT_COMPILE,
			      &ctx)) {
		zlog_err("netconf: cannot create a libyang context on %s",
			 yang_dir);
		return NULL;
	}
	ly_ctx_set_module_imp_clb(ctx, nc_yang_import_from_frr, NULL);

	idx = ly_ctx_internal_modules_count(ly_native_ctx);
	while ((module = ly_ctx_get_module_iter(ly_native_ctx, &idx))) {
		if (!module->implemented)
			continue;
		if (!nc_yang_mirror_module(ctx, module)) {
			zlog_err("netconf: cannot mirror YANG module %s: %s",
				 module->name, ly_errmsg(ctx));
			goto fail;
		}
	}
	if (!ly_ctx_load_module(ctx, "ietf-netconf", "2013-09-29",
				netconf_features)
	    || !ly_ctx_load_module(ctx, "ietf-netconf-monitoring", NULL, NULL)
	    || !ly_ctx_load_module(ctx, "notifications", NULL, NULL)) {
		zlog_err("netconf: NETCONF YANG modules missing from %s: %s",
			 yang_dir, ly_errmsg(ctx));
		goto fail;
	}
	if (ly_ctx_compile(ctx)) {
		zlog_err("netconf: compiling the YANG modules failed: %s",
			 ly_errmsg(ctx));
		goto fail;
	}
	return ctx;

fail:
	ly_ctx_destroy(ctx);
	return NULL;
}

/* A tree of FRR's context (consumed) as the same tree in nc_ctx. */
struct lyd_node *nc_yang_to_nc_ctx(struct lyd_node *native)
{
	struct lyd_node *copy = NULL;

	if (!native)
		return NULL;
	if (lyd_dup_siblings_to_ctx(native, nc_ctx, NULL,
				    LYD_DUP_RECURSIVE | LYD_DUP_WITH_FLAGS,
				    &copy))
		zlog_warn("netconf: copying data between contexts: %s",
			  ly_errmsg(nc_ctx));
	lyd_free_siblings(native);
	return copy;
}

/*
 * ietf-netconf-monitoring's schema list entry of a module or submodule,
 * in its <schemas>.
 */
static void nc_yang_schema_entry(struct lyd_node *schemas, const char *name,
				 const char *revision, const char *ns)
{
	struct lyd_node *schema;
	char xpath[512];

	snprintf(xpath, sizeof(xpath),
		 "schema[identifier='%s'][version='%s'][format='yang']", name,
		 revision ? revision : "");
	/* the first node it makes is the entry: its parent is there */
	if (lyd_new_path(schemas, NULL, xpath, NULL, 0, &schema))
		return;
	lyd_new_term(schema, NULL, "namespace", ns, 0, NULL);
	lyd_new_term(schema, NULL, "location", "NETCONF", 0, NULL);
}

/*
 * ietf-netconf-monitoring's schema list (RFC 6022): every module and
 * submodule that <get-schema> can download, the imported ones too, so
 * that a client can resolve every import from the server alone.
 */
static struct lyd_node *nc_yang_monitoring_data(void)
{
	const struct lys_module *module;
	struct lyd_node *state = NULL, *schemas;
	uint32_t idx = 0;

	if (lyd_new_path(NULL, nc_ctx, "/ietf-netconf-monitoring:netconf-state",
			 NULL, 0, &state)
	    || lyd_new_inner(state, NULL, "schemas", 0, &schemas)) {
		lyd_free_tree(state);
		return NULL;
	}
	while ((module = ly_ctx_get_module_iter(nc_ctx, &idx))) {
		const struct lysp_include *include;

		if (!module->parsed)
			continue;
		nc_yang_schema_entry(schemas, module->name, module->revision,
				     module->ns);
		NC_LY_ARRAY_FOR (module->parsed->includes, struct lysp_include,
				 include)
			nc_yang_schema_entry(schemas, include->name,
					     include->submodule->revs
						     ? include->submodule->revs[0].date
						     : NULL,
					     module->ns);
	}
	return state;
}

/*
 * The content-id of the YANG library, in <hello> (libnetconf2 asks this
 * callback) and in the data: the context never changes once the server
 * runs, so its change count identifies it.
 */
static char *nc_yang_content_id(void *arg)
{
	char *id = NULL;

	if (asprintf(&id, "%u", ly_ctx_get_change_count(nc_ctx)) < 0)
		return NULL;
	return id;
}

/* YANG library data (RFC 8525), built once: the modules never change. */
static struct lyd_node *nc_yang_library;

/*
 * RFC 8525's yang-library (and the deprecated modules-state of RFC 7895,
 * for older clients): libyang lists every module, implemented or
 * imported, in one module set and one schema; the datastores, which RFC
 * 8525 requires one entry each, are those this server has.
 */
static struct lyd_node *nc_yang_library_build(void)
{
	static const char *const datastores[] = {"running", "candidate"};
	struct lyd_node *tree = NULL, *library, *entry;
	char *id = nc_yang_content_id(NULL);
	char name[64];

	if (!id || ly_ctx_get_yanglib_data(nc_ctx, &tree, "%s", id)) {
		zlog_warn("netconf: cannot build the YANG library: %s",
			  ly_errmsg(nc_ctx));
		free(id);
		return NULL;
	}
	free(id);
	if (lyd_find_path(tree, "/ietf-yang-library:yang-library", 0, &library))
		return tree;
	for (size_t i = 0; i < array_size(datastores); i++) {
		snprintf(name, sizeof(name), "ietf-datastores:%s",
			 datastores[i]);
		if (lyd_new_list(library, NULL, "datastore", 0, &entry, name)
		    || lyd_new_term(entry, NULL, "schema", "complete", 0, NULL))
			zlog_warn("netconf: YANG library datastore %s: %s",
				  datastores[i], ly_errmsg(nc_ctx));
	}
	return tree;
}

void nc_yang_library_init(void)
{
	nc_server_set_content_id_clb(nc_yang_content_id, NULL, NULL);
	nc_yang_library = nc_yang_library_build();
}

void nc_yang_library_fini(void)
{
	lyd_free_siblings(nc_yang_library);
	nc_yang_library = NULL;
}

/*
 * What <get> reads besides bgpd's data: the YANG library and
 * ietf-netconf-monitoring's schema list (main thread).
 */
struct lyd_node *nc_yang_library_data(void)
{
	struct lyd_node *tree = nc_yang_monitoring_data(), *library = NULL;

	if (nc_yang_library
	    && !lyd_dup_siblings(nc_yang_library, NULL,
				 LYD_DUP_RECURSIVE | LYD_DUP_WITH_FLAGS,
				 &library))
		lyd_merge_siblings(&tree, library, LYD_MERGE_DESTRUCT);
	return tree;
}

/* ",name" for each feature the module has on, after "&features=". */
static void nc_yang_capability_features(const struct lys_module *module,
					 char *capability, size_t size)
{
	struct lysp_feature *feature = NULL;
	const char *sep = "&features=";
	uint32_t idx = 0;

	while ((feature = lysp_feature_next(feature, module->parsed, &idx))) {
		if (!(feature->flags & LYS_FENABLED))
			continue;
		strlcat(capability, sep, size);
		strlcat(capability, feature->name, size);
		sep = ",";
	}
}

/*
 * libnetconf2 lists only YANG 1.0 modules in <hello> (RFC 7950 5.6.4 moves
 * YANG 1.1 ones to the YANG library); FRR's modules are 1.1, and most
 * tools still look for them in <hello>, so announce them there too, the
 * imported ones as well (libnetconf2 does so for 1.0 modules): a client
 * that loads frr-bgp-route-map must find frr-bgp-filter, which it imports.
 */
void nc_yang_add_hello_modules(void)
{
	const struct lys_module *module;
	uint32_t idx = ly_ctx_internal_modules_count(nc_ctx);
	char capability[1024];

	while ((module = ly_ctx_get_module_iter(nc_ctx, &idx))) {
		if (!module->parsed
		    || module->parsed->version < LYS_VERSION_1_1)
			continue;
		snprintf(capability, sizeof(capability), "%s?module=%s%s%s",
			 module->ns, module->name,
			 module->revision ? "&revision=" : "",
			 module->revision ? module->revision : "");
		if (module->implemented)
			nc_yang_capability_features(module, capability,
						    sizeof(capability));
		nc_server_set_capability(capability);
	}
}

/* The whole text of a .yang file, or NULL. */
static char *nc_yang_read_file(const char *path)
{
	size_t len = path ? strlen(path) : 0;
	char *text = NULL;
	size_t size = 0;
	FILE *file;

	if (len < 5 || strcmp(path + len - 5, ".yang"))
		return NULL;
	file = fopen(path, "r");
	if (!file)
		return NULL;
	if (getdelim(&text, &size, '\0', file) < 0) {
		free(text);
		text = NULL;
	}
	fclose(file);
	return text;
}

/*
 * The text of a module or submodule as its authors wrote it: the file
 * libyang read it from, or the text FRR embeds in its daemons (FRR's
 * import callback hands it out); NULL when there is neither, and libyang
 * prints it instead.  Tools parse what they download, and not every one
 * reads every valid order of statements: yangcli 2.13 misreads a
 * decimal64 range that comes before its fraction-digits, the order
 * libyang prints them in.
 */
char *nc_yang_source(const char *filepath, const char *name,
		     const char *revision, const char *parent)
{
	const struct lysp_submodule *sub;
	const struct lys_module *module;
	ly_module_imp_clb import;
	ly_module_imp_data_free_clb free_text = NULL;
	LYS_INFORMAT format;
	const char *text;
	char *copy;
	void *arg;

	copy = nc_yang_read_file(filepath);
	if (copy)
		return copy;
	if (parent) {
		sub = ly_ctx_get_submodule(ly_native_ctx, name, revision);
		copy = sub ? nc_yang_read_file(sub->filepath) : NULL;
	} else {
		module = ly_ctx_get_module(ly_native_ctx, name, revision);
		copy = module ? nc_yang_read_file(module->filepath) : NULL;
	}
	if (copy)
		return copy;
	import = ly_ctx_get_module_imp_clb(ly_native_ctx, &arg);
	if (!import
	    || import(parent ? parent : name, parent ? NULL : revision,
		      parent ? name : NULL, parent ? revision : NULL, arg,
		      &format, &text, &free_text)
		       != LY_SUCCESS)
		return NULL;
	copy = format == LYS_IN_YANG ? strdup(text) : NULL;
	if (free_text)
		free_text((void *)text, arg);
	return copy;
}
