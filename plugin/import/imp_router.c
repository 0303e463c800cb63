// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The router's side of a check, over vtysh's JSON:
 *
 *   show yang operational-data /frr-expressroute:expressroute with-config bgpd
 *       the circuits as the model has them, and their sessions;
 *   show bgp vrf all summary json
 *       the ASN of each BGP instance;
 *   show bgp vrf VRF <ipv4|ipv6> unicast neighbors MSEE advertised-routes json
 *       what the CE advertises on a link, for a route table.
 *
 * The answers are kept in one JSON object, the snapshot, which --save-router
 * writes and --router reads instead of asking vtysh (a check elsewhere, or
 * later, or in the unit tests).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "imp.h"

#define SNAPSHOT_FORMAT "frr-expressroute-import router state"
#define SNAPSHOT_VERSION 1

static const char *const cmd_expressroute =
	"show yang operational-data /frr-expressroute:expressroute with-config bgpd";
static const char *const cmd_summary = "show bgp vrf all summary json";

/* Run `vtysh -c command`; its output (stdout and stderr), NULL on error. */
static char *vtysh_run(const char *vtysh, const char *command, int *status,
		       struct imp_diags *d)
{
	struct imp_buf out = {0};
	int fds[2];
	pid_t pid;
	char chunk[65536];
	ssize_t got;

	if (pipe(fds) < 0) {
		imp_diag(d, IMP_ERROR, NULL, "pipe: %s", strerror(errno));
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		imp_diag(d, IMP_ERROR, NULL, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		execlp(vtysh, vtysh, "-c", command, (char *)NULL);
		fprintf(stderr, "cannot run %s: %s\n", vtysh, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	while ((got = read(fds[0], chunk, sizeof(chunk))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out.len + (size_t)got > IMP_FILE_MAX) {
			imp_diag(d, IMP_ERROR, NULL,
				 "vtysh -c '%s': more than %u MB of output",
				 command, IMP_FILE_MAX >> 20);
			break;
		}
		imp_buf_printf(&out, "%.*s", (int)got, chunk);
	}
	close(fds[0]);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return imp_buf_take(&out);
}

/* One command's JSON answer; NULL (and an error) if there is none. */
static json_object *vtysh_json(const char *vtysh, const char *command,
			       bool empty_is_object, struct imp_diags *d)
{
	struct imp_diags local = {0};
	json_object *obj = NULL;
	int status = 0;
	size_t len;
	char *text, *line;

	text = vtysh_run(vtysh, command, &status, d);
	if (!text)
		return NULL;
	len = strlen(text);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		obj = NULL;
	else if (empty_is_object && strspn(text, " \t\r\n") == len)
		obj = json_object_new_object();
	else
		obj = imp_json_parse(text, len, "vtysh", &local);
	if (!obj) {
		line = strtok(text, "\n");
		imp_diag(d, IMP_ERROR, NULL,
			 "vtysh -c '%s' gave no JSON (exit status %d): %.200s",
			 command,
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
			 line ? line : "(no output)");
	}
	imp_diags_free(&local);
	free(text);
	return obj;
}

bool imp_router_collect(struct imp_router *r, const char *vtysh,
			struct imp_diags *d)
{
	json_object *state = json_object_new_object();
	json_object *obj;
	size_t errors = d->errors;

	r->source = "vtysh";
	json_object_object_add(state, "format",
			       json_object_new_string(SNAPSHOT_FORMAT));
	json_object_object_add(state, "version",
			       json_object_new_int(SNAPSHOT_VERSION));
	obj = vtysh_json(vtysh ? vtysh : "vtysh", cmd_expressroute, true, d);
	if (obj)
		json_object_object_add(state, "expressroute", obj);
	obj = vtysh_json(vtysh ? vtysh : "vtysh", cmd_summary, true, d);
	if (obj)
		json_object_object_add(state, "bgpSummary", obj);
	json_object_object_add(state, "advertisedRoutes",
			       json_object_new_object());
	r->state = state;
	return d->errors == errors;
}

bool imp_router_collect_advertised(struct imp_router *r, const char *vtysh,
				   const struct imp_advert_query *queries,
				   size_t nqueries, struct imp_diags *d)
{
	json_object *adverts = imp_json_member(r->state, "advertisedRoutes");
	size_t errors = d->errors;
	char command[256];

	for (size_t i = 0; i < nqueries && adverts; i++) {
		const struct imp_advert_query *q = &queries[i];
		json_object *per_vrf, *obj;

		snprintf(command, sizeof(command),
			 "show bgp vrf %s %s unicast neighbors %s advertised-routes json",
			 q->vrf, q->family == IMP_AF_IPV6 ? "ipv6" : "ipv4",
			 q->neighbor);
		obj = vtysh_json(vtysh ? vtysh : "vtysh", command, true, d);
		if (!obj)
			break;
		if (!json_object_object_get_ex(adverts, q->vrf, &per_vrf)) {
			per_vrf = json_object_new_object();
			json_object_object_add(adverts, q->vrf, per_vrf);
		}
		json_object_object_add(per_vrf, q->neighbor, obj);
	}
	return d->errors == errors;
}

bool imp_router_load(struct imp_router *r, const char *file,
		     struct imp_diags *d)
{
	size_t len;
	char *text;
	bool ok;

	text = imp_read_file(file, &len, d);
	if (!text)
		return false;
	ok = imp_router_load_text(r, text, len, file, d);
	free(text);
	return ok;
}

bool imp_router_load_text(struct imp_router *r, const char *text, size_t len,
			  const char *file, struct imp_diags *d)
{
	struct imp_where where = {.file = file};
	json_object *format;

	r->source = file;
	r->state = imp_json_parse(text, len, file, d);
	if (!r->state)
		return false;
	format = imp_json_member(r->state, "format");
	if (!json_object_is_type(format, json_type_string)
	    || strcmp(json_object_get_string(format), SNAPSHOT_FORMAT) != 0) {
		imp_diag(d, IMP_ERROR, &where,
			 "not a router state saved by frr-expressroute-import --save-router (no \"format\": \"%s\")",
			 SNAPSHOT_FORMAT);
		goto fail;
	}
	if (!json_object_is_type(imp_json_member(r->state, "expressroute"),
				 json_type_object)) {
		imp_diag(d, IMP_ERROR, &where,
			 "expressroute: missing, or not an object");
		goto fail;
	}
	return true;
fail:
	json_object_put(r->state);
	r->state = NULL;
	return false;
}

void imp_router_free(struct imp_router *r)
{
	json_object_put(r->state);
	r->state = NULL;
}

uint32_t imp_router_asn(const struct imp_router *r, const char *vrf)
{
	static const char *const afis[] = {"ipv4Unicast", "ipv6Unicast"};
	json_object *summary = imp_json_member(r->state, "bgpSummary");
	json_object *per_vrf = imp_json_member(summary, vrf);

	for (size_t i = 0; i < 2; i++) {
		json_object *as = imp_json_member(
			imp_json_member(per_vrf, afis[i]), "as");

		if (json_object_is_type(as, json_type_int)
		    && json_object_get_int64(as) > 0
		    && json_object_get_int64(as) <= UINT32_MAX)
			return (uint32_t)json_object_get_int64(as);
	}
	return 0;
}

/* Does an AS path ("65010 12076 i" or "12076") contain asn? */
static bool path_has_asn(const char *path, uint32_t asn)
{
	const char *p = path;

	while (*p) {
		char *end;
		unsigned long value;

		while (*p && (*p < '0' || *p > '9'))
			p++;
		if (!*p)
			break;
		value = strtoul(p, &end, 10);
		if (value == asn)
			return true;
		p = end;
	}
	return false;
}

bool imp_router_advertised(const struct imp_router *r, const char *vrf,
			   const char *neighbor, struct imp_prefix_list *out,
			   size_t *dropped, struct imp_diags *d)
{
	struct imp_where where = {.file = r->source};
	json_object *per_vrf, *answer, *routes;

	per_vrf = imp_json_member(imp_json_member(r->state,
						  "advertisedRoutes"),
				  vrf);
	answer = per_vrf ? imp_json_member(per_vrf, neighbor) : NULL;
	*dropped = 0;
	snprintf(where.path, sizeof(where.path),
		 "advertisedRoutes.%s.%s", vrf, neighbor);
	if (!answer) {
		imp_diag(d, IMP_ERROR, &where,
			 "the routes advertised to %s were not collected", neighbor);
		return false;
	}
	routes = imp_json_member(answer, "advertisedRoutes");
	/* FRR answers a neighbor with nothing to send with no member */
	if (!routes)
		return true;
	if (!json_object_is_type(routes, json_type_object)) {
		imp_diag(d, IMP_ERROR, &where,
			 "advertisedRoutes: expected an object, found %s",
			 imp_json_type_name(routes));
		return false;
	}
	json_object_object_foreach(routes, key, route)
	{
		json_object *path = imp_json_member(route, "path");
		struct er_prefix p;

		if (!er_prefix_parse(key, &p)) {
			imp_diag(d, IMP_ERROR, &where,
				 "advertised route '%.60s' is not a prefix",
				 key);
			return false;
		}
		/* the MSEE drops a route whose path has its own AS in it */
		if (json_object_is_type(path, json_type_string)
		    && path_has_asn(json_object_get_string(path),
				    ER_MICROSOFT_ASN)) {
			(*dropped)++;
			continue;
		}
		if (!imp_prefix_list_contains(out, &p))
			imp_prefix_list_add(out, &p, NULL);
	}
	return true;
}

bool imp_router_circuit(const struct imp_router *r, const char *vrf,
			const char *name, struct imp_circuit *c, bool *found,
			struct imp_diags *d)
{
	json_object *yang = imp_json_member(r->state, "expressroute");

	*found = false;
	if (!yang) {
		struct imp_where where = {.file = r->source};

		imp_diag(d, IMP_ERROR, &where,
			 "no ExpressRoute state from the router");
		return false;
	}
	return imp_yang_read(yang, r->source, vrf, name, c, found, d);
}
