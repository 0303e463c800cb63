// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NETCONF replies: rpc-error from northbound results and libyang errors,
 * and <data> for get and get-config.
 */

#include <zebra.h>

#include <dlfcn.h>

#include "lib/northbound.h"

#include "nc_api.h"
#include "nc_compat.h"
#include "nc_internal.h"

/* The prefixes an error-path uses: the names before ':' outside quotes. */
static int nc_reply_path_prefixes(const char *path, const char **prefixes,
				  size_t *lens, int max)
{
	const char *p = path;
	char quote = 0;
	int count = 0;

	for (; *p; p++) {
		size_t len = 0;
		int i;

		if (quote) {
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			continue;
		}
		if (*p != '/' && *p != '[')
			continue;
		while (isalnum((unsigned char)p[1 + len]) || p[1 + len] == '_'
		       || p[1 + len] == '-' || p[1 + len] == '.')
			len++;
		if (!len || p[1 + len] != ':')
			continue;
		for (i = 0; i < count; i++)
			if (lens[i] == len && !strncmp(prefixes[i], p + 1, len))
				break;
		if (i < count)
			continue;
		if (count == max)
			return -1;
		prefixes[count] = p + 1;
		lens[count++] = len;
	}
	return count;
}

/*
 * error-path is an XPath in the reply's XML, so every prefix in it (a
 * module name, as libyang writes paths) must be a namespace prefix
 * declared on the element.  libyang keeps the declarations in scope of an
 * opaque node's value when it parses one, and prints them back with it:
 * the element is parsed from text that declares them.  NULL when the
 * path is not one (a libyang message) or names a module nobody knows.
 */
static struct lyd_node *nc_reply_error_path(const char *path)
{
	const char *prefixes[16];
	size_t lens[16];
	struct lyd_node *node = NULL;
	char *xml = NULL;
	size_t size = 0;
	FILE *out;
	int count;

	if (path[0] != '/')
		return NULL;
	count = nc_reply_path_prefixes(path, prefixes, lens,
				       array_size(prefixes));
	if (count < 0)
		return NULL;
	out = open_memstream(&xml, &size);
	if (!out)
		return NULL;
	fprintf(out, "<error-path xmlns=\"%s\"",
		"urn:ietf:params:xml:ns:netconf:base:1.0");
	for (int i = 0; i < count; i++) {
		char name[128];
		const struct lys_module *module;

		snprintf(name, sizeof(name), "%.*s", (int)lens[i], prefixes[i]);
		module = ly_ctx_get_module_latest(nc_ctx, name);
		if (!module) {
			fclose(out);
			free(xml);
			return NULL;
		}
		fprintf(out, " xmlns:%s=\"%s\"", name, module->ns);
	}
	fputc('>', out);
	for (const char *p = path; *p; p++) {
		if (*p == '<')
			fputs("&lt;", out);
		else if (*p == '&')
			fputs("&amp;", out);
		else if (*p == '>')
			fputs("&gt;", out);
		else
			fputc(*p, out);
	}
	fputs("</error-path>", out);
	fclose(out);
	if (lyd_parse_data_mem(nc_ctx, xml, LYD_XML,
			       LYD_PARSE_ONLY | LYD_PARSE_OPAQ, 0, &node)) {
		lyd_free_siblings(node);
		node = NULL;
	}
	free(xml);
	return node;
}

/* RFC 6241 appendix A: which error-info each tag carries. */
struct nc_server_reply *nc_reply_error(NC_ERR tag, const char *message,
				       const char *path)
{
	struct lyd_node *path_node;
	struct lyd_node *err;

	switch (tag) {
	case NC_ERR_DATA_EXISTS:
	case NC_ERR_DATA_MISSING:
		err = nc_err(nc_ctx, tag);
		break;
	case NC_ERR_LOCK_DENIED:
		err = nc_err(nc_ctx, tag, (uint32_t)0);
		break;
	default:
		err = nc_err(nc_ctx, tag, NC_ERR_TYPE_APP);
		break;
	}
	/* RFC 6241's order: error-path before error-message */
	path_node = path && *path ? nc_reply_error_path(path) : NULL;
	if (path_node)
		lyd_insert_child(err, path_node);
	if (message && *message)
		nc_err_set_msg(err, message, "en");
	return nc_server_reply_err(err);
}

/*
 * error-path of a refused commit or validate: the node the ExpressRoute
 * module's refusal is about, which the module keeps beside the message.
 * Looked up by name, as the module may be loaded after this server.
 */
static const char *nc_error_path(const char *errmsg)
{
	static er_validate_error_path_fn *lookup;

	if (!lookup)
		lookup = (er_validate_error_path_fn *)dlsym(
			RTLD_DEFAULT, ER_VALIDATE_ERROR_PATH_SYMBOL);
	return lookup ? lookup(errmsg) : NULL;
}

struct nc_server_reply *nc_reply_nb(int nb_result, const char *errmsg)
{
	switch (nb_result) {
	case NB_OK:
	case NB_ERR_NO_CHANGES:
		return nc_server_reply_ok();
	case NB_ERR_LOCKED:
		return nc_reply_error(NC_ERR_IN_USE, errmsg, NULL);
	case NB_ERR_VALIDATION:
		return nc_reply_error(NC_ERR_INVALID_VALUE, errmsg,
				      nc_error_path(errmsg));
	case NB_ERR_RESOURCE:
		return nc_reply_error(NC_ERR_RES_DENIED, errmsg, NULL);
	default:
		return nc_reply_error(NC_ERR_OP_FAILED, errmsg, NULL);
	}
}

/* Wrap a data tree of nc_ctx (consumed) into the rpc's <data> output. */
struct nc_server_reply *nc_reply_data(const struct lyd_node *rpc,
				      struct lyd_node *data)
{
	struct lyd_node *output = NULL;

	if (lyd_dup_single(rpc, NULL, 0, &output)
	    || nc_compat_new_any_tree(output, "data", data)) {
		lyd_free_siblings(data);
		lyd_free_tree(output);
		return nc_reply_error(NC_ERR_OP_FAILED,
				      "could not build the reply", NULL);
	}
	return nc_server_reply_data(output, NC_WD_EXPLICIT,
				    NC_PARAMTYPE_FREE);
}

/* The datastore named in <source> or <target>: "running", "candidate". */
const char *nc_rpc_datastore(const struct lyd_node *rpc,
			     const char *container)
{
	struct lyd_node *node;

	if (lyd_find_path(rpc, container, 0, &node) || !lyd_child(node))
		return NULL;
	return LYD_NAME(lyd_child(node));
}
