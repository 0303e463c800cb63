// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one place for differences between the FRR releases the module builds
 * against: FRR 8.4 (Debian 12), 10.3 (Debian 13) and 10.7 (forky).
 * configure sets ER_FRR_VERNUM to the installed FRR's major * 100 + minor
 * (804, 1003, 1007); nothing else in the module tests a version.
 *
 * What changed, and since when:
 *  - 10.0: the event loop is "event", not "thread" (frrevent.h);
 *  - 10.0: a peer's session state, addresses and socket are in its
 *    struct peer_connection (peer->connection);
 *  - 10.0: yang_module_load() takes the features to enable;
 *  - 10.0: the daemons' vty socket directory is frr_runstatedir;
 *  - 10.0: nb_candidate_commit() takes its context by value;
 *  - 10.0: peer_remote_as() takes the ASN as text too (running-config
 *    prints that text: NULL would print "remote-as (null)");
 *  - 10.7: bgpd keys its neighbors by connection (bgp->connectionhash);
 *  - 10.7: nb_candidate_edit() takes the value as text;
 *  - 10.7: PEER_DOWN_WAITING_OPEN is gone (its number was reused);
 *  - 10.0: vtysh's commands are generated from xref data (no extract.pl),
 *    and vtysh_init_cmd() runs first in vtysh's set-up, not last.
 */
#ifndef _FRR_ER_COMPAT_H
#define _FRR_ER_COMPAT_H

#include "lib/libfrr.h"
#include "lib/northbound.h"
#include "lib/northbound_cli.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

/* (FRR 8's extract.pl reads the CLI files without the module's flags) */
#if !defined(ER_FRR_VERNUM) && !defined(VTYSH_EXTRACT_PL)
#error "ER_FRR_VERNUM is not set: configure sets it (FRR major * 100 + minor)"
#endif

#if ER_FRR_VERNUM >= 1000
#include "lib/frrevent.h"
#else
#include "lib/thread.h"
#endif

/*
 * The event loop.
 */
#if ER_FRR_VERNUM >= 1000
typedef struct event_loop er_event_loop;
typedef struct event er_event;

#define ER_EVENT_ARG(ev) EVENT_ARG(ev)
#define er_event_add_timer_msec event_add_timer_msec
#define er_event_add_event event_add_event
#define er_event_cancel event_cancel
#else
typedef struct thread_master er_event_loop;
typedef struct thread er_event;

#define ER_EVENT_ARG(ev) THREAD_ARG(ev)
#define er_event_add_timer_msec thread_add_timer_msec
#define er_event_add_event thread_add_event
#define er_event_cancel thread_cancel
#endif

/*
 * The daemons' vty socket directory (with the pathspace of -N).
 */
#if ER_FRR_VERNUM >= 1000
#define ER_FRR_VTYDIR frr_runstatedir
#else
#define ER_FRR_VTYDIR frr_vtydir
#endif

/*
 * YANG and the northbound.
 */
static inline struct yang_module *er_yang_module_load(const char *name)
{
#if ER_FRR_VERNUM >= 1000
	return yang_module_load(name, NULL);
#else
	return yang_module_load(name);
#endif
}

/* Remove the data node at xpath (and below) from a candidate. */
static inline int er_candidate_delete(struct nb_config *candidate,
				      const char *xpath)
{
	const struct nb_node *nb_node = nb_node_find(xpath);

#if ER_FRR_VERNUM >= 1007
	return nb_candidate_edit(candidate, nb_node, NB_OP_DESTROY, xpath,
				 NULL);
#else
	return nb_candidate_edit(candidate, nb_node, NB_OP_DESTROY, xpath, NULL,
				 NULL);
#endif
}

static inline int er_candidate_commit(struct nb_context *context,
				      struct nb_config *candidate,
				      const char *comment, char *errmsg,
				      size_t errmsg_len)
{
#if ER_FRR_VERNUM >= 1000
	return nb_candidate_commit(*context, candidate, true, comment, NULL,
				   errmsg, errmsg_len);
#else
	return nb_candidate_commit(context, candidate, true, comment, NULL,
				   errmsg, errmsg_len);
#endif
}

/*
 * bgpd's neighbors.  Session state, addresses and socket of a peer: in the
 * peer up to FRR 8, in its connection since FRR 10.
 */
#if ER_FRR_VERNUM >= 1000
#define ER_PEER_STATUS(peer) ((peer)->connection->status)
#define ER_PEER_SU(peer) (&(peer)->connection->su)
#define ER_PEER_SU_LOCAL(peer) ((peer)->connection->su_local)
#else
#define ER_PEER_STATUS(peer) ((peer)->status)
#define ER_PEER_SU(peer) (&(peer)->su)
#define ER_PEER_SU_LOCAL(peer) ((peer)->su_local)
#endif

/*
 * The key to look a configured neighbor up in bgpd's hash by address, and
 * the lookup: what peer_lookup() does, without zeroing a whole struct peer
 * per call (FRR 8.4's holds bgpd's 640 KB input buffer).  The caller keeps
 * the key, zeroed once; bgpd's hash functions read nothing of it but the
 * address and the flags.
 */
struct er_peer_key {
	struct peer peer;
#if ER_FRR_VERNUM >= 1000
	struct peer_connection connection;
#endif
};

static inline struct peer *er_peer_key_lookup(struct bgp *bgp,
					      struct er_peer_key *key,
					      const union sockunion *su)
{
	SET_FLAG(key->peer.flags, PEER_FLAG_CONFIG_NODE);
#if ER_FRR_VERNUM >= 1007
	struct peer_connection *connection;

	key->peer.connection = &key->connection;
	key->connection.peer = &key->peer;
	key->connection.su = *su;
	connection = hash_lookup(bgp->connectionhash, &key->connection);
	return connection ? connection->peer : NULL;
#elif ER_FRR_VERNUM >= 1000
	key->peer.connection = &key->connection;
	key->connection.su = *su;
	return hash_lookup(bgp->peerhash, &key->peer);
#else
	key->peer.su = *su;
	return hash_lookup(bgp->peerhash, &key->peer);
#endif
}

/* A neighbor at su with remote-as `as` (created, or changed). */
static inline int er_peer_remote_as(struct bgp *bgp, union sockunion *su,
				    as_t as)
{
#if ER_FRR_VERNUM >= 1000
	/* bgpd prints this text as the neighbor's remote-as */
	char as_str[ASN_STRING_MAX_SIZE];

	snprintf(as_str, sizeof(as_str), "%u", as);
	return peer_remote_as(bgp, su, NULL, &as, AS_SPECIFIED, as_str);
#else
	return peer_remote_as(bgp, su, NULL, &as, AS_SPECIFIED);
#endif
}

/*
 * bgpd's last-reset codes of a session still being set up.  FRR 10.7
 * dropped "waiting for OPEN" (its number is now "RPKI down"): -1 matches
 * no code there.
 */
#if ER_FRR_VERNUM >= 1007
#define ER_PEER_DOWN_WAITING_OPEN (-1)
#else
#define ER_PEER_DOWN_WAITING_OPEN PEER_DOWN_WAITING_OPEN
#endif

/*
 * The ER-aware vtysh's add-on (plugin/vtysh/er_vtysh.c), which wraps
 * vtysh_init_cmd().  FRR 8 runs it after vtysh gave each node its defaults
 * (list, find, ...) and BMP_NODE its exit, quit and end, and the module's
 * commands come from extract.pl (er_vtysh_init_cmd()).  FRR 10 runs it
 * before vtysh gives every node, the module's too, its defaults, the
 * module's commands are in it (generated from the module's xref data as
 * the daemons'), and nodes entered by a DEFUNSH need their own exit, quit
 * and end: vtysh's are static.
 */
#if ER_FRR_VERNUM >= 1000
#define ER_VTYSH_OWN_EXIT true
#define er_vtysh_module_cmds()
#else
#define ER_VTYSH_OWN_EXIT false
void er_vtysh_init_cmd(void);
#define er_vtysh_module_cmds() er_vtysh_init_cmd()
#endif

/*
 * One leaf-list entry destroyed by a CLI command.  FRR 8 takes the entry's
 * value and adds the [.='value'] predicate itself (a predicate of the
 * caller's is not found there); FRR 10 leaves the entry in place unless
 * the xpath's own predicate selects it.
 */
static inline void er_cli_destroy_leaf_list_entry(struct vty *vty,
						  const char *xpath,
						  const char *value)
{
#if ER_FRR_VERNUM >= 1000
	char entry[XPATH_MAXLEN];

	snprintf(entry, sizeof(entry), "%s[.='%s']", xpath, value);
	nb_cli_enqueue_change(vty, entry, NB_OP_DESTROY, NULL);
#else
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, value);
#endif
}

#endif /* _FRR_ER_COMPAT_H */
