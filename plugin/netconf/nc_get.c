// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * <get-config> and <get>: configuration from a datastore, operational
 * state from the daemons' northbound callbacks, narrowed by a subtree or
 * an XPath filter.  Main thread only.
 */

#include <zebra.h>

#include "lib/northbound.h"
#include "lib/yang.h"

#include "nc_compat.h"
#include "nc_internal.h"

/* An XPath filter's expressions, or a subtree filter turned into them. */
struct nc_filter {
	char **xpaths;
	size_t count;
};

static void nc_filter_add(struct nc_filter *filter, const char *xpath)
{
	filter->xpaths = realloc(filter->xpaths,
				 (filter->count + 1) * sizeof(char *));
	filter->xpaths[filter->count++] = strdup(xpath);
}

static void nc_filter_free(struct nc_filter *filter)
{
	for (size_t i = 0; i < filter->count; i++)
		free(filter->xpaths[i]);
	free(filter->xpaths);
}

/* Module of a filter element: parsed against a schema, or only by XML ns. */
static const char *nc_filter_module(const struct lyd_node *node)
{
	const struct lyd_node_opaq *opaque = (const void *)node;
	const struct lys_module *module;

	if (node->schema)
		return node->schema->module->name;
	module = ly_ctx_get_module_implemented_ns(nc_ctx,
						  opaque->name.module_ns);
	return module ? module->name : NULL;
}

/* A leaf with text: a content-match node (RFC 6241 6.2.5). */
static bool nc_filter_is_match(const struct lyd_node *node)
{
	const char *value;

	if (lyd_child(node))
		return false;
	value = lyd_get_value(node);
	if (!value)
		return false;
	while (isspace((unsigned char)*value))
		value++;
	return *value != '\0';
}

/*
 * One XPath per selection branch of the subtree: content-match children
 * become predicates, containment children recurse, a node without
 * selection children selects its whole subtree.
 */
static int nc_filter_from_subtree(struct nc_filter *filter,
				  const struct lyd_node *node,
				  const char *parent)
{
	const char *module = nc_filter_module(node);
	const struct lyd_node *child;
	bool selects = false;
	char xpath[2048];
	size_t len;

	if (!module)
		return -1;
	len = snprintf(xpath, sizeof(xpath), "%s/%s:%s", parent, module,
		       LYD_NAME(node));
	LY_LIST_FOR (lyd_child(node), child) {
		const char *child_module = nc_filter_module(child);

		if (!nc_filter_is_match(child))
			continue;
		if (!child_module || len >= sizeof(xpath))
			return -1;
		len += snprintf(xpath + len, sizeof(xpath) - len,
				"[%s:%s='%s']", child_module, LYD_NAME(child),
				lyd_get_value(child));
	}
	if (len >= sizeof(xpath))
		return -1;
	LY_LIST_FOR (lyd_child(node), child) {
		if (nc_filter_is_match(child))
			continue;
		selects = true;
		if (nc_filter_from_subtree(filter, child, xpath))
			return -1;
	}
	if (!selects)
		nc_filter_add(filter, xpath);
	return 0;
}

/* false: no <filter>, everything is selected. */
static int nc_filter_parse(const struct lyd_node *rpc,
			   struct nc_filter *filter, bool *present)
{
	struct lyd_node *node, *tree;
	struct lyd_meta *meta;

	*present = !lyd_find_path(rpc, "filter", 0, &node);
	if (!*present)
		return 0;
	meta = lyd_find_meta(node->meta, NULL, "ietf-netconf:type");
	if (meta && strcmp(lyd_get_meta_value(meta), "xpath") == 0) {
		meta = lyd_find_meta(node->meta, NULL, "ietf-netconf:select");
		if (!meta)
			return -1;
		nc_filter_add(filter, lyd_get_meta_value(meta));
		return 0;
	}
	tree = nc_compat_any_tree(node);
	if (!tree)
		return 0; /* an empty subtree filter selects nothing */
	LY_LIST_FOR (tree, node)
		if (nc_filter_from_subtree(filter, node, ""))
			return -1;
	return 0;
}

/* Copy what the filter selects out of tree (consumed) into *result. */
static int nc_filter_apply(const struct nc_filter *filter,
			   struct lyd_node *tree, struct lyd_node **result,
			   char *errmsg, size_t errmsg_len)
{
	uint32_t quiet = LY_LOSTORE_LAST;
	int ret = 0;

	*result = NULL;
	/* a client's bad expression is for the reply, not bgpd's log */
	ly_temp_log_options(&quiet);
	/* FRR keeps every error (LY_LOSTORE): only this one's count */
	ly_err_clean(nc_ctx, NULL);
	for (size_t i = 0; i < filter->count && tree; i++) {
		struct ly_set *set = NULL;

		if (lyd_find_xpath(tree, filter->xpaths[i], &set)) {
			snprintf(errmsg, errmsg_len, "invalid filter %s: %s",
				 filter->xpaths[i], ly_errmsg(nc_ctx));
			ret = -1;
			break;
		}
		for (uint32_t j = 0; j < set->count; j++) {
			struct lyd_node *copy, *top;

			if (lyd_dup_single(set->dnodes[j], NULL,
					   LYD_DUP_RECURSIVE
						   | LYD_DUP_WITH_PARENTS
						   | LYD_DUP_WITH_FLAGS,
					   &copy))
				continue;
			for (top = copy; top->parent; top = lyd_parent(top))
				;
			lyd_merge_siblings(result, top, LYD_MERGE_DESTRUCT);
		}
		ly_set_free(set, NULL);
	}
	ly_temp_log_options(NULL);
	lyd_free_siblings(tree);
	if (ret) {
		lyd_free_siblings(*result);
		*result = NULL;
	}
	return ret;
}

static int nc_get_state_element(const struct lysc_node *snode,
				struct yang_translator *translator,
				struct yang_data *data, void *arg)
{
	struct lyd_node *tree = arg;
	LY_ERR err = lyd_new_path(tree, ly_native_ctx, data->xpath,
				  data->value, LYD_NEW_PATH_UPDATE, NULL);

	nc_oper_data_done(data);
	return err ? NB_ERR : NB_OK;
}

/*
 * The top-level schema nodes (of nc_ctx) below which the filter can select
 * anything, found by evaluating its expressions on the schema: libyang
 * resolves the names as it does on the data (a name without a prefix at
 * the top is looked up in every module, below in its parent's), so this
 * holds for "/expressroute", a wildcard at the top and "//circuit" as for
 * prefixed paths.
 * NULL with a message in errmsg when an expression is not valid.
 */
static struct ly_set *nc_filter_tops(const struct nc_filter *filter,
				     char *errmsg, size_t errmsg_len)
{
	uint32_t quiet = LY_LOSTORE_LAST;
	struct ly_set *tops = NULL;

	if (ly_set_new(&tops)) {
		snprintf(errmsg, errmsg_len, "out of memory");
		return NULL;
	}
	/* a name the schema does not have is no warning for bgpd's log */
	ly_temp_log_options(&quiet);
	/* FRR keeps every error (LY_LOSTORE): only this one's count */
	ly_err_clean(nc_ctx, NULL);
	for (size_t i = 0; i < filter->count; i++) {
		struct ly_set *found = NULL;

		if (lys_find_xpath(nc_ctx, NULL, filter->xpaths[i], 0, &found)) {
			snprintf(errmsg, errmsg_len, "invalid filter %s: %s",
				 filter->xpaths[i], ly_errmsg(nc_ctx));
			ly_set_free(tops, NULL);
			tops = NULL;
			break;
		}
		for (uint32_t j = 0; j < found->count; j++) {
			const struct lysc_node *top = found->snodes[j];

			while (top->parent)
				top = top->parent;
			ly_set_add(tops, (void *)top, false, NULL);
		}
		ly_set_free(found, NULL);
	}
	ly_temp_log_options(NULL);
	return tops;
}

/* Is this top-level node of FRR's context among those (of nc_ctx)? */
static bool nc_filter_selects(const struct ly_set *tops,
			      const struct lysc_node *snode)
{
	for (uint32_t i = 0; i < tops->count; i++)
		if (strcmp(tops->snodes[i]->name, snode->name) == 0
		    && strcmp(tops->snodes[i]->module->name,
			      snode->module->name)
			       == 0)
			return true;
	return false;
}

/*
 * Operational state of every top-level node that has some, and that the
 * filter (when there is one) can select: reading state walks every
 * circuit and session, so a filter on another module should not pay it.
 */
static struct lyd_node *nc_get_state(const struct ly_set *tops)
{
	struct lyd_node *tree = yang_dnode_new(ly_native_ctx, false);
	struct yang_module *module;

	RB_FOREACH (module, yang_modules, &yang_modules) {
		const struct lysc_node *snode;

		if (!module->info->compiled)
			continue;
		LY_LIST_FOR (module->info->compiled->data, snode) {
			struct nb_node *nb_node = snode->priv;

			if (!nb_node
			    || CHECK_FLAG(nb_node->flags, F_NB_NODE_CONFIG_ONLY)
			    || (tops && !nc_filter_selects(tops, snode)))
				continue;
			if (nc_oper_iterate(nb_node->xpath,
					    nc_get_state_element, tree)
			    != NB_OK)
				zlog_warn("netconf: reading the state of %s failed",
					  nb_node->xpath);
		}
	}
	return tree;
}

struct nc_server_reply *nc_op_get(const struct lyd_node *rpc, bool config_only)
{
	struct nc_server_reply *reply = NULL;
	struct nc_filter filter = {};
	struct lyd_node *tree, *result;
	struct ly_set *tops = NULL;
	char errmsg[BUFSIZ];
	bool filtered;

	if (nc_filter_parse(rpc, &filter, &filtered)) {
		reply = nc_reply_error(NC_ERR_INVALID_VALUE,
				       "filter names an unknown module or is malformed",
				       NULL);
		goto done;
	}
	if (config_only) {
		const char *source = nc_rpc_datastore(rpc, "source");
		struct nb_config *config = nc_datastore_get(source);

		if (!config) {
			reply = nc_reply_error(NC_ERR_INVALID_VALUE,
					       "source must be running or candidate",
					       "/ietf-netconf:get-config/source");
			goto done;
		}
		tree = yang_dnode_dup(config->dnode);
	} else {
		if (filtered) {
			tops = nc_filter_tops(&filter, errmsg, sizeof(errmsg));
			if (!tops) {
				reply = nc_reply_error(NC_ERR_INVALID_VALUE,
						       errmsg, NULL);
				goto done;
			}
		}
		tree = yang_dnode_dup(running_config->dnode);
		lyd_merge_siblings(&tree, nc_get_state(tops),
				   LYD_MERGE_DESTRUCT);
	}
	tree = nc_yang_to_nc_ctx(tree);
	if (!config_only)
		lyd_merge_siblings(&tree, nc_yang_library_data(),
				   LYD_MERGE_DESTRUCT);

	if (!filtered)
		result = tree;
	else if (nc_filter_apply(&filter, tree, &result, errmsg,
				 sizeof(errmsg))) {
		reply = nc_reply_error(NC_ERR_INVALID_VALUE, errmsg, NULL);
		goto done;
	}
	reply = nc_reply_data(rpc, result);
done:
	ly_set_free(tops, NULL);
	nc_filter_free(&filter);
	return reply;
}

/*
 * <get-schema> (RFC 6022).  libnetconf2 2.0.24 has its own, but it hands
 * libyang 2.1 a dictionary string as a plain one, and the text comes out
 * garbled; this one copies it.
 */
static struct nc_server_reply *nc_op_get_schema(struct lyd_node *rpc,
						struct nc_session *session)
{
	const char *identifier = NULL, *version = NULL, *format = NULL;
	const struct lys_module *module = NULL;
	const struct lysp_submodule *submodule = NULL;
	LYS_OUTFORMAT output = LYS_OUT_YANG;
	struct lyd_node *child, *reply = NULL;
	struct ly_out *out;
	char *text = NULL;

	LY_LIST_FOR (lyd_child(rpc), child) {
		if (strcmp(LYD_NAME(child), "identifier") == 0)
			identifier = lyd_get_value(child);
		else if (strcmp(LYD_NAME(child), "version") == 0)
			version = lyd_get_value(child);
		else if (strcmp(LYD_NAME(child), "format") == 0)
			format = lyd_get_value(child);
	}
	if (version && !*version)
		version = NULL;
	if (format && strstr(format, "yin"))
		output = LYS_OUT_YIN;
	else if (format && !strstr(format, "yang"))
		return nc_reply_error(NC_ERR_INVALID_VALUE,
				      "format must be yang or yin",
				      "/ietf-netconf-monitoring:get-schema/format");

	module = version ? ly_ctx_get_module(nc_ctx, identifier, version)
			 : ly_ctx_get_module_implemented(nc_ctx, identifier);
	if (!module && !version)
		module = ly_ctx_get_module_latest(nc_ctx, identifier);
	if (!module)
		submodule = version ? ly_ctx_get_submodule(nc_ctx, identifier,
							   version)
				    : ly_ctx_get_submodule_latest(nc_ctx,
								  identifier);
	if (!module && !submodule)
		return nc_reply_error(NC_ERR_INVALID_VALUE,
				      "no such schema on this server",
				      "/ietf-netconf-monitoring:get-schema/identifier");

	if (output == LYS_OUT_YANG)
		text = module ? nc_yang_source(module->filepath, module->name,
					       module->revision, NULL)
			      : nc_yang_source(submodule->filepath,
					       submodule->name,
					       submodule->revs
						       ? submodule->revs[0].date
						       : NULL,
					       submodule->mod->name);
	if (!text) {
		if (ly_out_new_memory(&text, 0, &out))
			return nc_reply_error(NC_ERR_OP_FAILED, "out of memory",
					      NULL);
		if (module)
			lys_print_module(out, module, output, 0, 0);
		else
			lys_print_submodule(out, submodule, output, 0, 0);
		ly_out_free(out, NULL, 0);
	}

	module = ly_ctx_get_module_implemented(nc_ctx,
					       "ietf-netconf-monitoring");
	if (!text || lyd_new_inner(NULL, module, "get-schema", 0, &reply)
	    || nc_compat_new_any_string(reply, "data", text)) {
		free(text);
		lyd_free_tree(reply);
		return nc_reply_error(NC_ERR_OP_FAILED,
				      "could not build the reply", NULL);
	}
	free(text);
	return nc_server_reply_data(reply, NC_WD_EXPLICIT, NC_PARAMTYPE_FREE);
}

/* Before nc_server_init(), which installs its own only where none is. */
void nc_get_schema_install(void)
{
	struct lysc_node *rpc = (struct lysc_node *)lys_find_path(
		nc_ctx, NULL, "/ietf-netconf-monitoring:get-schema", 0);

	if (rpc)
		rpc->priv = nc_op_get_schema;
}
