// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The candidate and running datastores over NETCONF: edit-config, commit,
 * discard-changes, validate, lock and unlock.  Main thread only.
 *
 * Running is FRR's running configuration; every change to it is a
 * northbound commit, with the same validation as a vtysh change.  The
 * candidate (RFC 6241 8.3) is shared by all NETCONF sessions; while
 * nobody has changed it, it follows running, so changes made in vtysh
 * show up in it.  An edit is all or nothing: it is applied to a copy,
 * which replaces the target only if every node of the edit applied.
 */

#include <zebra.h>

#include "lib/northbound.h"
#include "lib/yang.h"

#include "nc_compat.h"
#include "nc_internal.h"

/* FRR has no northbound client for NETCONF: see nc_compat.h */
#define NB_CLIENT_NETCONF NC_NB_CLIENT_NETCONF
#define NC_LOCK_OWNER(sid) ((const void *)(uintptr_t)(sid))

static struct {
	struct nb_config *candidate;
	bool candidate_modified;
	uint32_t candidate_lock; /* session id holding the lock, or 0 */
	uint32_t running_lock;
} nc_ds;

static struct nb_context nc_nb_context(uint32_t sid)
{
	struct nb_context context = {
		.client = NB_CLIENT_NETCONF,
		.user = NC_LOCK_OWNER(sid),
	};

	return context;
}

void nc_datastore_init(void)
{
	nc_ds.candidate = nb_config_dup(running_config);
}

void nc_datastore_fini(void)
{
	if (nc_ds.running_lock)
		nb_running_unlock(NB_CLIENT_NETCONF,
				  NC_LOCK_OWNER(nc_ds.running_lock));
	nb_config_free(nc_ds.candidate);
	memset(&nc_ds, 0, sizeof(nc_ds));
}

struct nb_config *nc_datastore_get(const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "running") == 0)
		return running_config;
	if (strcmp(name, "candidate") != 0)
		return NULL;
	if (!nc_ds.candidate_modified
	    && nc_ds.candidate->version != running_config->version)
		nb_config_replace(nc_ds.candidate, running_config, true);
	return nc_ds.candidate;
}

static void nc_candidate_discard(void)
{
	nb_config_replace(nc_ds.candidate, running_config, true);
	nc_ds.candidate_modified = false;
}

/* ------------------------------------------------------------------ */
/* edit-config                                                         */

enum nc_edit_op {
	NC_EDIT_MERGE,
	NC_EDIT_REPLACE,
	NC_EDIT_CREATE,
	NC_EDIT_DELETE,
	NC_EDIT_REMOVE,
	NC_EDIT_NONE,
};

struct nc_edit {
	struct nb_config *config; /* the copy being edited */
	NC_ERR tag;
	char message[512];
	char path[512];
};

static enum nc_edit_op nc_edit_op_parse(const char *name)
{
	static const char *const names[] = {
		[NC_EDIT_MERGE] = "merge",   [NC_EDIT_REPLACE] = "replace",
		[NC_EDIT_CREATE] = "create", [NC_EDIT_DELETE] = "delete",
		[NC_EDIT_REMOVE] = "remove", [NC_EDIT_NONE] = "none",
	};

	for (size_t i = 0; i < array_size(names); i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return NC_EDIT_MERGE;
}

/*
 * A node the model could not type: a leaf sent empty to be deleted,
 * <description nc:operation="delete"/>, is parsed as opaque.
 */
static const char *nc_edit_opaque_op(const struct lyd_node *node)
{
	const struct lyd_attr *attr;

	for (attr = ((const struct lyd_node_opaq *)node)->attr; attr;
	     attr = attr->next)
		if (strcmp(attr->name.name, "operation") == 0
		    && attr->name.module_ns
		    && strcmp(attr->name.module_ns,
			      "urn:ietf:params:xml:ns:netconf:base:1.0")
			       == 0)
			return attr->value;
	return NULL;
}

static enum nc_edit_op nc_edit_op_of(const struct lyd_node *node,
				     enum nc_edit_op inherited)
{
	struct lyd_meta *meta;
	const char *op;

	if (!node->schema) {
		op = nc_edit_opaque_op(node);
		return op ? nc_edit_op_parse(op) : inherited;
	}
	meta = lyd_find_meta(node->meta, NULL, "ietf-netconf:operation");
	return meta ? nc_edit_op_parse(lyd_get_meta_value(meta)) : inherited;
}

/* Only empty leaves to delete or remove may be left untyped. */
static bool nc_edit_opaque_is_leaf_deletion(const struct lyd_node *node)
{
	const struct lyd_node_opaq *opaque = (const void *)node;
	const struct lyd_node *parent = lyd_parent(node);
	const struct lys_module *module;
	const struct lysc_node *leaf;
	const char *op = nc_edit_opaque_op(node);

	if (!op || (strcmp(op, "delete") && strcmp(op, "remove"))
	    || lyd_child(node) || !parent || !parent->schema)
		return false;
	module = ly_ctx_get_module_implemented_ns(nc_ctx,
						  opaque->name.module_ns);
	leaf = module ? nc_compat_find_child(parent->schema, module,
					     opaque->name.name)
		      : NULL;
	return leaf && leaf->nodetype == LYS_LEAF;
}

static bool nc_edit_opaque_all_deletions(const struct lyd_node *tree)
{
	const struct lyd_node *top, *node;

	LY_LIST_FOR (tree, top) {
		LYD_TREE_DFS_BEGIN (top, node) {
			if (!node->schema
			    && !nc_edit_opaque_is_leaf_deletion(node))
				return false;
			LYD_TREE_DFS_END(top, node);
		}
	}
	return true;
}

/* Path of an edit node; an untyped leaf is named after its parent. */
static char *nc_edit_path(const struct lyd_node *node)
{
	const struct lyd_node_opaq *opaque = (const void *)node;
	const struct lys_module *module;
	char *parent, *path;

	if (node->schema)
		return lyd_path(node, LYD_PATH_STD, NULL, 0);
	parent = lyd_path(lyd_parent(node), LYD_PATH_STD, NULL, 0);
	module = ly_ctx_get_module_implemented_ns(nc_ctx,
						  opaque->name.module_ns);
	if (!module || asprintf(&path, "%s/%s:%s", parent, module->name,
				opaque->name.name)
			       < 0)
		path = NULL;
	free(parent);
	return path;
}

static int nc_edit_fail(struct nc_edit *edit, NC_ERR tag, const char *path,
			const char *message)
{
	edit->tag = tag;
	strlcpy(edit->message, message, sizeof(edit->message));
	strlcpy(edit->path, path ? path : "", sizeof(edit->path));
	return -1;
}

static struct lyd_node *nc_edit_find(struct nc_edit *edit, const char *path)
{
	struct lyd_node *found = NULL;

	if (!edit->config->dnode
	    || lyd_find_path(edit->config->dnode, path, 0, &found))
		return NULL;
	return found;
}

static void nc_edit_unlink(struct nc_edit *edit, struct lyd_node *node)
{
	/* the config points at its first top-level node */
	if (node == edit->config->dnode)
		edit->config->dnode = node->next;
	lyd_free_tree(node);
}

/* The case of a choice that a schema node is in, or NULL. */
static const struct lysc_node *nc_case_of(const struct lysc_node *snode)
{
	if (!snode || !snode->parent || snode->parent->nodetype != LYS_CASE)
		return NULL;
	return snode->parent;
}

/* Two cases of one choice, by name: the edit and the config have two contexts. */
static bool nc_other_case(const struct lysc_node *a, const struct lysc_node *b)
{
	return a && b && strcmp(a->parent->name, b->parent->name) == 0
	       && strcmp(a->name, b->name) != 0;
}

/*
 * RFC 7950, 7.9.2: creating a node of one case of a choice deletes the
 * nodes of the choice's other cases (a /29 block replaces the two link
 * subnets, and the other way round).  An edit that itself holds nodes of
 * two cases is refused, as libyang refuses such data.
 */
static int nc_edit_other_cases(struct nc_edit *edit,
			       const struct lyd_node *node)
{
	const struct lysc_node *scase = nc_case_of(node->schema);
	struct lyd_node *parent, *sibling, *next;
	const struct lyd_node *mate;
	char *path, message[256];

	if (!scase || !lyd_parent(node))
		return 0;
	LY_LIST_FOR (lyd_child(lyd_parent(node)), mate) {
		const struct lysc_node *other = nc_case_of(mate->schema);

		if (!nc_other_case(scase, other))
			continue;
		snprintf(message, sizeof(message),
			 "Data for both cases \"%s\" and \"%s\" exist.",
			 scase->name, other->name);
		path = lyd_path(lyd_parent(node), LYD_PATH_STD, NULL, 0);
		nc_edit_fail(edit, NC_ERR_INVALID_VALUE, path, message);
		free(path);
		return -1;
	}
	path = lyd_path(lyd_parent(node), LYD_PATH_STD, NULL, 0);
	parent = path ? nc_edit_find(edit, path) : NULL;
	free(path);
	if (!parent)
		return 0;
	LY_LIST_FOR_SAFE (lyd_child(parent), next, sibling)
		if (nc_other_case(scase, nc_case_of(sibling->schema)))
			lyd_free_tree(sibling);
	return 0;
}

/* Copy an edit node (nc_ctx), with its parents, into the config. */
static int nc_edit_copy(struct nc_edit *edit, const struct lyd_node *node,
			bool recursive)
{
	uint32_t options = LYD_DUP_WITH_PARENTS | LYD_DUP_NO_META
			   | (recursive ? LYD_DUP_RECURSIVE : 0);
	struct lyd_node *copy = NULL, *top;

	if (nc_edit_other_cases(edit, node))
		return -1;

	if (lyd_dup_single_to_ctx(node, ly_native_ctx, NULL, options, &copy))
		return nc_edit_fail(edit, NC_ERR_OP_FAILED, NULL,
				    ly_errmsg(ly_native_ctx));
	for (top = copy; top->parent; top = lyd_parent(top))
		;
	if (lyd_merge_siblings(&edit->config->dnode, top, LYD_MERGE_DESTRUCT))
		return nc_edit_fail(edit, NC_ERR_OP_FAILED, NULL,
				    ly_errmsg(ly_native_ctx));
	return 0;
}

static int nc_edit_apply(struct nc_edit *edit, const struct lyd_node *node,
			 enum nc_edit_op inherited)
{
	enum nc_edit_op op = nc_edit_op_of(node, inherited);
	char *path = nc_edit_path(node);
	struct lyd_node *existing = path ? nc_edit_find(edit, path) : NULL;
	const struct lyd_node *child;
	int ret = 0;

	switch (op) {
	case NC_EDIT_DELETE:
		if (!existing) {
			ret = nc_edit_fail(edit, NC_ERR_DATA_MISSING, path,
					   "cannot delete what does not exist");
			break;
		}
		/* fall through */
	case NC_EDIT_REMOVE:
		if (existing)
			nc_edit_unlink(edit, existing);
		break;
	case NC_EDIT_CREATE:
		if (existing)
			ret = nc_edit_fail(edit, NC_ERR_DATA_EXISTS, path,
					   "cannot create what already exists");
		else
			ret = nc_edit_copy(edit, node, true);
		break;
	case NC_EDIT_REPLACE:
		if (existing)
			nc_edit_unlink(edit, existing);
		ret = nc_edit_copy(edit, node, true);
		break;
	case NC_EDIT_MERGE:
	case NC_EDIT_NONE:
		if (!node->schema) /* only deletions are untyped */
			break;
		if (!(node->schema->nodetype & (LYS_CONTAINER | LYS_LIST))) {
			if (op == NC_EDIT_MERGE)
				ret = nc_edit_copy(edit, node, true);
			break;
		}
		if (op == NC_EDIT_MERGE && !existing)
			ret = nc_edit_copy(edit, node, false);
		LY_LIST_FOR (lyd_child(node), child) {
			if (ret)
				break;
			if (!lysc_is_key(child->schema))
				ret = nc_edit_apply(edit, child, op);
		}
		break;
	}
	free(path);
	return ret;
}

static int nc_path_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The edit is parsed without validation (it is not a whole datastore), so
 * nothing else notices a node sent twice: two <circuit> with one name, a
 * leaf twice.  Merged one after the other, the last would win, and the
 * first would never be checked.  Every node's path (with its list keys or
 * leaf-list value) must be unique.
 */
static int nc_edit_check_unique(const struct lyd_node *tree,
				struct nc_edit *edit)
{
	const struct lyd_node *top, *node;
	char **paths = NULL;
	size_t count = 0, size = 0;
	int ret = 0;

	LY_LIST_FOR (tree, top) {
		LYD_TREE_DFS_BEGIN (top, node) {
			char *path = nc_edit_path(node);

			if (path && count == size) {
				size = size ? 2 * size : 64;
				paths = realloc(paths, size * sizeof(*paths));
			}
			if (path)
				paths[count++] = path;
			LYD_TREE_DFS_END(top, node);
		}
	}
	qsort(paths, count, sizeof(*paths), nc_path_compare);
	for (size_t i = 1; i < count && !ret; i++)
		if (strcmp(paths[i], paths[i - 1]) == 0)
			ret = nc_edit_fail(edit, NC_ERR_INVALID_VALUE, paths[i],
					   "the edit holds this node twice");
	for (size_t i = 0; i < count; i++)
		free(paths[i]);
	free(paths);
	return ret;
}

/* The <config> of the rpc, parsed strictly in nc_ctx. */
static int nc_edit_parse(const struct lyd_node *rpc, struct lyd_node **tree,
			 struct nc_edit *edit)
{
	struct lyd_node *config;
	const struct ly_err_item *err;
	uint32_t quiet = LY_LOSTORE_LAST;
	char *xml = NULL;
	LY_ERR ret;

	*tree = NULL;
	if (lyd_find_path(rpc, "config", 0, &config))
		return nc_edit_fail(edit, NC_ERR_OP_NOT_SUPPORTED, NULL,
				    "only inline <config> is supported, not <url>");
	nc_compat_any_xml(config, &xml);
	/*
	 * What is wrong with a client's edit is the client's business: it
	 * is in the reply, not in bgpd's log (which would carry whatever
	 * bytes the client sent).
	 */
	ly_temp_log_options(&quiet);
	/* FRR keeps every error (LY_LOSTORE): only this one's count */
	ly_err_clean(nc_ctx, NULL);
	ret = lyd_parse_data_mem(nc_ctx, xml ? xml : "", LYD_XML,
				 LYD_PARSE_ONLY | LYD_PARSE_STRICT
					 | LYD_PARSE_NO_STATE,
				 0, tree);
	if (ret == LY_SUCCESS)
		goto done;
	err = ly_err_last(nc_ctx);
	nc_edit_fail(edit, NC_ERR_INVALID_VALUE, NULL, ly_errmsg(nc_ctx));
	nc_compat_err_path(err, edit->path, sizeof(edit->path));

	/* empty leaves to delete do not type: allow those, nothing else */
	ret = lyd_parse_data_mem(nc_ctx, xml ? xml : "", LYD_XML,
				 LYD_PARSE_ONLY | LYD_PARSE_OPAQ
					 | LYD_PARSE_NO_STATE,
				 0, tree);
	if (ret == LY_SUCCESS && nc_edit_opaque_all_deletions(*tree))
		goto done;
	lyd_free_siblings(*tree);
	*tree = NULL;
	ret = LY_EVALID;
done:
	ly_temp_log_options(NULL);
	free(xml);
	if (ret == LY_SUCCESS && nc_edit_check_unique(*tree, edit)) {
		lyd_free_siblings(*tree);
		*tree = NULL;
		return -1;
	}
	return ret == LY_SUCCESS ? 0 : -1;
}

struct nc_server_reply *nc_op_edit_config(const struct lyd_node *rpc,
					  uint32_t sid)
{
	const char *target = nc_rpc_datastore(rpc, "target");
	enum nc_edit_op default_op = NC_EDIT_MERGE;
	struct nc_edit edit = {};
	struct lyd_node *tree, *node;
	int ret = 0;

	if (!nc_datastore_get(target))
		return nc_reply_error(NC_ERR_INVALID_VALUE,
				      "target must be running or candidate",
				      "/ietf-netconf:edit-config/target");
	if (strcmp(target, "candidate") == 0 && nc_ds.candidate_lock
	    && nc_ds.candidate_lock != sid)
		return nc_reply_error(NC_ERR_IN_USE,
				      "the candidate is locked by another session",
				      NULL);
	if (!lyd_find_path(rpc, "default-operation", 0, &node))
		default_op = nc_edit_op_parse(lyd_get_value(node));
	if (nc_edit_parse(rpc, &tree, &edit))
		return nc_reply_error(edit.tag, edit.message, edit.path);

	edit.config = nb_config_dup(nc_datastore_get(target));
	if (default_op == NC_EDIT_REPLACE) {
		/* the edit is the whole new configuration */
		lyd_free_all(edit.config->dnode);
		edit.config->dnode = NULL;
		default_op = NC_EDIT_MERGE;
	}
	LY_LIST_FOR (tree, node)
		if ((ret = nc_edit_apply(&edit, node, default_op)))
			break;
	lyd_free_siblings(tree);
	if (ret) {
		nb_config_free(edit.config);
		return nc_reply_error(edit.tag, edit.message, edit.path);
	}

	if (strcmp(target, "running") == 0) {
		struct nb_context context = nc_nb_context(sid);
		char errmsg[BUFSIZ] = "";
		uint32_t transaction = 0;

		ret = nc_candidate_commit(&context, edit.config,
					  "NETCONF edit-config", &transaction,
					  errmsg, sizeof(errmsg));
		nb_config_free(edit.config);
		if (ret == NB_OK)
			zlog_info("netconf: session %u changed running (transaction %u)",
				  sid, transaction);
		return nc_reply_nb(ret, errmsg);
	}
	nb_config_replace(nc_ds.candidate, edit.config, false);
	nc_ds.candidate_modified = true;
	return nc_server_reply_ok();
}

/* ------------------------------------------------------------------ */
/* commit, discard-changes, validate                                   */

struct nc_server_reply *nc_op_commit(uint32_t sid)
{
	struct nb_context context = nc_nb_context(sid);
	char errmsg[BUFSIZ] = "";
	uint32_t transaction = 0;
	int ret;

	if (nc_ds.candidate_lock && nc_ds.candidate_lock != sid)
		return nc_reply_error(NC_ERR_IN_USE,
				      "the candidate is locked by another session",
				      NULL);
	if (!nc_ds.candidate_modified)
		return nc_server_reply_ok();
	ret = nc_candidate_commit(&context, nc_ds.candidate,
				  "NETCONF commit", &transaction, errmsg,
				  sizeof(errmsg));
	if (ret == NB_OK || ret == NB_ERR_NO_CHANGES) {
		nc_candidate_discard();
		if (ret == NB_OK)
			zlog_info("netconf: session %u committed the candidate (transaction %u)",
				  sid, transaction);
	}
	/* on failure the candidate keeps the changes, as RFC 6241 says */
	return nc_reply_nb(ret, errmsg);
}

struct nc_server_reply *nc_op_discard_changes(uint32_t sid)
{
	if (nc_ds.candidate_lock && nc_ds.candidate_lock != sid)
		return nc_reply_error(NC_ERR_IN_USE,
				      "the candidate is locked by another session",
				      NULL);
	nc_candidate_discard();
	return nc_server_reply_ok();
}

struct nc_server_reply *nc_op_validate(const struct lyd_node *rpc,
				       uint32_t sid)
{
	struct nb_context context = nc_nb_context(sid);
	struct nb_config *source = nc_datastore_get(
		nc_rpc_datastore(rpc, "source"));
	char errmsg[BUFSIZ] = "";
	struct nb_config *copy;
	int ret;

	if (!source)
		return nc_reply_error(NC_ERR_INVALID_VALUE,
				      "source must be running or candidate",
				      "/ietf-netconf:validate/source");
	/* validation adds default nodes: work on a copy */
	copy = nb_config_dup(source);
	ret = nb_candidate_validate(&context, copy, errmsg, sizeof(errmsg));
	nb_config_free(copy);
	return nc_reply_nb(ret, errmsg);
}

/* ------------------------------------------------------------------ */
/* lock, unlock                                                        */

static struct nc_server_reply *nc_reply_lock_denied(uint32_t holder,
						    const char *message)
{
	struct lyd_node *err = nc_err(nc_ctx, NC_ERR_LOCK_DENIED, holder);

	nc_err_set_msg(err, message, "en");
	return nc_server_reply_err(err);
}

static struct nc_server_reply *nc_lock_running(uint32_t sid, bool lock)
{
	if (!lock) {
		if (nc_ds.running_lock != sid)
			return nc_reply_error(NC_ERR_OP_FAILED,
					      "running is not locked by this session",
					      NULL);
		nb_running_unlock(NB_CLIENT_NETCONF, NC_LOCK_OWNER(sid));
		nc_ds.running_lock = 0;
		return nc_server_reply_ok();
	}
	if (nc_ds.running_lock)
		return nc_reply_lock_denied(nc_ds.running_lock,
					    "running is locked by another NETCONF session");
	if (nb_running_lock(NB_CLIENT_NETCONF, NC_LOCK_OWNER(sid)))
		return nc_reply_lock_denied(0,
					    "running is locked by another client (vtysh configuration lock)");
	nc_ds.running_lock = sid;
	zlog_info("netconf: session %u locked running", sid);
	return nc_server_reply_ok();
}

/*
 * The lock holder lets the candidate go: its changes that are not
 * committed go with the lock (RFC 6241 8.3.5.2), whether it unlocks or
 * its session ends.  Kept, they would make every later <lock> fail
 * (7.5) until somebody sends <discard-changes>.
 */
static void nc_candidate_release(uint32_t sid, const char *how)
{
	nc_ds.candidate_lock = 0;
	if (!nc_ds.candidate_modified)
		return;
	nc_candidate_discard();
	zlog_info("netconf: session %u %s: its uncommitted changes to the candidate are discarded",
		  sid, how);
}

static struct nc_server_reply *nc_lock_candidate(uint32_t sid, bool lock)
{
	if (!lock) {
		if (nc_ds.candidate_lock != sid)
			return nc_reply_error(NC_ERR_OP_FAILED,
					      "the candidate is not locked by this session",
					      NULL);
		nc_candidate_release(sid, "unlocked the candidate");
		return nc_server_reply_ok();
	}
	if (nc_ds.candidate_lock)
		return nc_reply_lock_denied(nc_ds.candidate_lock,
					    "the candidate is locked by another session");
	if (nc_ds.candidate_modified)
		return nc_reply_lock_denied(0,
					    "the candidate has changes that are not committed (discard-changes first)");
	nc_ds.candidate_lock = sid;
	return nc_server_reply_ok();
}

struct nc_server_reply *nc_op_lock(const struct lyd_node *rpc, uint32_t sid,
				   bool lock)
{
	const char *target = nc_rpc_datastore(rpc, "target");

	if (target && strcmp(target, "running") == 0)
		return nc_lock_running(sid, lock);
	if (target && strcmp(target, "candidate") == 0)
		return nc_lock_candidate(sid, lock);
	return nc_reply_error(NC_ERR_INVALID_VALUE,
			      "target must be running or candidate", NULL);
}

/* A session ended or was killed: its locks go (RFC 6241 7.5, 8.3.5.2). */
void nc_datastore_session_gone(uint32_t sid)
{
	if (nc_ds.running_lock == sid) {
		nb_running_unlock(NB_CLIENT_NETCONF, NC_LOCK_OWNER(sid));
		nc_ds.running_lock = 0;
	}
	if (nc_ds.candidate_lock == sid)
		nc_candidate_release(sid, "ended holding the candidate lock");
}
