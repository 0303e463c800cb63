// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NETCONF replies: rpc-error from northbound results and libyang errors,
 * and <data> for get and get-config.
 */

#include <zebra.h>

#include <dlfcn.h>

#include "lib/northbound.h"

#include "nc_api.h"
#include "nc_internal.h"

/* RFC 6241 appendix A: which error-info each tag carries. */
struct nc_server_reply *nc_reply_error(NC_ERR tag, const char *message,
				       const char *path)
{
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
	if (message && *message)
		nc_err_set_msg(err, message, "en");
	if (path && *path)
		nc_err_set_path(err, path);
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
	    || lyd_new_any(output, NULL, "data", data, 1,
			   LYD_ANYDATA_DATATREE, 1, NULL)) {
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
