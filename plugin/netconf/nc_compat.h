// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one place for what differs, for the NETCONF server, between the
 * releases it builds against:
 *
 *   Debian 12  FRR 8.4   libnetconf2 2.0.24  libyang 2.1.30
 *   Debian 13  FRR 10.3  libnetconf2 3.7.1   libyang 3.12.2
 *   forky      FRR 10.7  libnetconf2 4.6.4   libyang 6.4.13
 *
 * configure sets ER_FRR_VERNUM, ER_LIBNETCONF2_VERNUM and
 * ER_LIBYANG_VERNUM to each one's major * 100 + minor (804, 1003, 1007;
 * 200, 307, 406; 201, 312, 604); nothing else in plugin/netconf/ tests a
 * version.  It is not plugin/er_compat.h, the module's, because that one
 * needs bgpd's headers, whose lib/buffer.h clashes with libssh's legacy
 * names (buffer_new, buffer_free) that nc_server.h brings in.
 *
 * What changed, and since when:
 *  - FRR 10: the event loop is "event", not "thread" (frrevent.h);
 *  - FRR 10: nb_candidate_commit() takes its context by value;
 *  - FRR 10: nb_oper_data_iterate() is nb_oper_iterate_legacy(), which
 *    frees each leaf's data after the callback (FRR 8's callback owns it);
 *  - FRR 10: nb_client_name() asserts on a client it does not know;
 *  - libnetconf2 3: the server no longer takes a libyang context at
 *    nc_server_init(), each session gets it at nc_accept_inout();
 *  - libnetconf2 3: with a global RPC callback set, it no longer installs
 *    its own <close-session> (nor <get-schema>, which is the server's own
 *    in every release, nc_get.c);
 *  - libnetconf2 3 and 4 configure their own listeners, SSH keys and
 *    users through ietf-netconf-server data: none of that is used here,
 *    the SSH side is the server's own (nc_transport.c) in every release;
 *  - libyang 3: lyd_new_any() takes options instead of two booleans;
 *  - libyang 3: an error's data path is a field of its own, not a
 *    "Data location" sentence; libyang 6 leaves it out for some errors
 *    (a state node in an edit) and gives only the schema path;
 *  - libyang 5: an anydata node holds a data tree (child) or a string
 *    (value), no longer a typed union; lyd_new_any() takes one of the
 *    two, and lyd_any_value_str() the format to print the tree in;
 *  - libyang 5: lys_find_child() takes the context and a module name,
 *    and no longer filters by node type;
 *  - libyang 5: LY_ARRAY_FOR (array, type, item) is LYA_FOR_EACH (array,
 *    item).
 *  - libyang 5: a new context loads its internal modules from the
 *    search path, which must hold ly_yang_module_dir() for that.
 * ("libyang 5": after 4.2, which has the old ones, and in 6.4.)
 */
#ifndef _FRR_ER_NC_COMPAT_H
#define _FRR_ER_NC_COMPAT_H

#include <stdio.h>

#include "lib/northbound.h"
#include "lib/yang.h"

#include <libyang/libyang.h>
#include <nc_server.h>

#if !defined(ER_FRR_VERNUM) || !defined(ER_LIBNETCONF2_VERNUM)                 \
	|| !defined(ER_LIBYANG_VERNUM)
#error "ER_FRR_VERNUM, ER_LIBNETCONF2_VERNUM or ER_LIBYANG_VERNUM is not set: configure sets them (major * 100 + minor)"
#endif

/* ------------------------------------------------------------------ */
/* FRR                                                                 */

#if ER_FRR_VERNUM >= 1000
#include "lib/frrevent.h"

typedef struct event_loop nc_event_loop;
typedef struct event nc_event;

#define NC_EVENT_ARG(ev) EVENT_ARG(ev)
#define nc_event_add_event event_add_event
#define nc_event_cancel event_cancel
#else
#include "lib/thread.h"

typedef struct thread_master nc_event_loop;
typedef struct thread nc_event;

#define NC_EVENT_ARG(ev) THREAD_ARG(ev)
#define nc_event_add_event thread_add_event
#define nc_event_cancel thread_cancel
#endif

/* transaction: the commit's id */
static inline int nc_candidate_commit(struct nb_context *context,
				      struct nb_config *candidate,
				      const char *comment,
				      uint32_t *transaction, char *errmsg,
				      size_t errmsg_len)
{
#if ER_FRR_VERNUM >= 1000
	return nb_candidate_commit(*context, candidate, true, comment,
				   transaction, errmsg, errmsg_len);
#else
	return nb_candidate_commit(context, candidate, true, comment,
				   transaction, errmsg, errmsg_len);
#endif
}

/* The end of an nb_oper_data_cb: the leaf's data is done with. */
static inline void nc_oper_data_done(struct yang_data *data)
{
#if ER_FRR_VERNUM < 1000
	yang_data_free(data);
#endif
}

/* Operational data below xpath, one callback per leaf. */
static inline int nc_oper_iterate(const char *xpath, nb_oper_data_cb cb,
				  void *arg)
{
#if ER_FRR_VERNUM >= 1000
	return nb_oper_iterate_legacy(xpath, NULL, 0, cb, arg, NULL);
#else
	return nb_oper_data_iterate(xpath, NULL, 0, cb, arg);
#endif
}

/*
 * The northbound client NETCONF commits and locks as.  FRR has none for
 * the server.  FRR 8 names one it does not know "unknown": one past the
 * last.  FRR 10's nb_client_name() asserts on such a one, so there it is
 * Sysrepo's, the NETCONF client FRR has (Debian does not build it).
 */
#if ER_FRR_VERNUM >= 1000
#define NC_NB_CLIENT_NETCONF NB_CLIENT_SYSREPO
#else
#define NC_NB_CLIENT_NETCONF ((enum nb_client)(NB_CLIENT_PCEP + 1))
#endif

/* ------------------------------------------------------------------ */
/* libnetconf2                                                         */

/*
 * The server, with ctx the context every session will use.
 */
static inline int nc_compat_server_init(struct ly_ctx *ctx)
{
#if ER_LIBNETCONF2_VERNUM >= 300
	struct lysc_node *rpc;

	if (nc_server_init())
		return -1;
	/* still answered by libnetconf2, which ends the session after it */
	rpc = (struct lysc_node *)lys_find_path(
		ctx, NULL, "/ietf-netconf:close-session", 0);
	if (rpc && !rpc->priv)
		rpc->priv = nc_clb_default_close_session;
	return 0;
#else
	return nc_server_init(ctx);
#endif
}

/* A session on a connected descriptor (the transport's socketpair). */
static inline NC_MSG_TYPE nc_compat_accept_inout(int fd, const char *user,
						 const struct ly_ctx *ctx,
						 struct nc_session **session)
{
#if ER_LIBNETCONF2_VERNUM >= 300
	return nc_accept_inout(fd, fd, user, ctx, session);
#else
	return nc_accept_inout(fd, fd, user, session);
#endif
}

/* ------------------------------------------------------------------ */
/* libyang                                                             */

/* A context searching dir for modules. */
static inline LY_ERR nc_compat_ctx_new(const char *dir, uint32_t options,
				       struct ly_ctx **ctx)
{
#if ER_LIBYANG_VERNUM >= 500
	char path[PATH_MAX * 2];

	snprintf(path, sizeof(path), "%s:%s", dir, ly_yang_module_dir());
	return ly_ctx_new(path, options, ctx);
#else
	return ly_ctx_new(dir, options, ctx);
#endif
}

/* anydata and anyxml */

/* A child "name" of an rpc's output holding tree (consumed). */
static inline LY_ERR nc_compat_new_any_tree(struct lyd_node *parent,
					    const char *name,
					    struct lyd_node *tree)
{
#if ER_LIBYANG_VERNUM >= 500
	return lyd_new_any(parent, NULL, name, tree, NULL, 0,
			   LYD_NEW_ANY_USE_VALUE | LYD_NEW_VAL_OUTPUT, NULL);
#elif ER_LIBYANG_VERNUM >= 300
	return lyd_new_any(parent, NULL, name, tree, LYD_ANYDATA_DATATREE,
			   LYD_NEW_ANY_USE_VALUE | LYD_NEW_VAL_OUTPUT, NULL);
#else
	return lyd_new_any(parent, NULL, name, tree, 1, LYD_ANYDATA_DATATREE,
			   1, NULL);
#endif
}

/* The same with a string (copied), printed as text. */
static inline LY_ERR nc_compat_new_any_string(struct lyd_node *parent,
					      const char *name,
					      const char *text)
{
#if ER_LIBYANG_VERNUM >= 500
	return lyd_new_any(parent, NULL, name, NULL, text, 0,
			   LYD_NEW_VAL_OUTPUT, NULL);
#elif ER_LIBYANG_VERNUM >= 300
	return lyd_new_any(parent, NULL, name, text, LYD_ANYDATA_STRING,
			   LYD_NEW_VAL_OUTPUT, NULL);
#else
	return lyd_new_any(parent, NULL, name, text, 0, LYD_ANYDATA_STRING, 1,
			   NULL);
#endif
}

/* The data tree an anydata node holds, or NULL when it holds none. */
static inline struct lyd_node *nc_compat_any_tree(const struct lyd_node *node)
{
	const struct lyd_node_any *any = (const struct lyd_node_any *)node;

#if ER_LIBYANG_VERNUM >= 500
	return any->child;
#else
	return any->value_type == LYD_ANYDATA_DATATREE ? any->value.tree
						       : NULL;
#endif
}

/* item: each element of a libyang sized array, a pointer of type */
#if ER_LIBYANG_VERNUM >= 500
#define NC_LY_ARRAY_FOR(array, type, item) LYA_FOR_EACH(array, item)
#else
#define NC_LY_ARRAY_FOR(array, type, item) LY_ARRAY_FOR(array, type, item)
#endif

/* The schema child called name of parent, in module. */
static inline const struct lysc_node *
nc_compat_find_child(const struct lysc_node *parent,
		     const struct lys_module *module, const char *name)
{
#if ER_LIBYANG_VERNUM >= 500
	return lys_find_child(module->ctx, parent, module, NULL, 0, name, 0,
			      0);
#else
	return lys_find_child(parent, module, name, 0, 0, 0);
#endif
}

/* What an anydata node holds, as XML text (malloc'ed, may be NULL). */
static inline LY_ERR nc_compat_any_xml(const struct lyd_node *node,
				       char **xml)
{
#if ER_LIBYANG_VERNUM >= 500
	return lyd_any_value_str(node, LYD_XML, xml);
#else
	return lyd_any_value_str(node, xml);
#endif
}

/*
 * The data path of a libyang error, in path (size bytes), or "" when the
 * error names none.
 */
static inline void nc_compat_err_path(const struct ly_err_item *err,
				      char *path, size_t size)
{
	path[0] = '\0';
	if (!err)
		return;
#if ER_LIBYANG_VERNUM >= 300
	if (err->data_path)
		strlcpy(path, err->data_path, size);
	else if (err->schema_path)
		strlcpy(path, err->schema_path, size);
#else
	char found[1024];

	/* "Data location \"PATH\", line number N." */
	if (!err->path)
		return;
	if (sscanf(err->path, "Data location \"%1023[^\"]\"", found) == 1)
		strlcpy(path, found, size);
	else
		strlcpy(path, err->path, size);
#endif
}

#endif /* _FRR_ER_NC_COMPAT_H */
