// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * frr-expressroute-import: the command line (doc/man/frr-expressroute-import.rst).
 *
 *   frr-expressroute-import --asn ASN [OPTION]... FILE...
 *       print the circuit of Azure's documents as vtysh lines, or
 *       (--format yang) as the model's YANG JSON;
 *   frr-expressroute-import --check [OPTION]... FILE...
 *       compare Azure's documents with the router.
 *
 * Exit status: 0 done (check: the CE agrees with Azure), 1 (check only)
 * they differ, 2 bad input or trouble, nothing printed but diagnostics.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

#ifndef IMP_VERSION
#define IMP_VERSION "unknown"
#endif

#define MAX_FILES 16
#define MAX_TABLES 16

struct table_arg {
	enum imp_table_kind kind;
	enum er_peering_type peering;
	enum er_role link;
	const char *file;
};

struct args {
	struct imp_options out;
	const char *format;
	const char *name;
	const char *route_map[2][ER_PEERING_MAX + 1]; /* [dir][type | all] */
	bool check, json, strict;
	const char *router_file, *save_router, *vtysh;
	const char *files[MAX_FILES];
	size_t nfiles;
	struct table_arg tables[MAX_TABLES];
	size_t ntables;
};

static const char *progname = "frr-expressroute-import";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s --asn ASN [OPTION]... FILE...     print the configuration\n"
		"       %s --format yang [OPTION]... FILE... print the model's YANG JSON\n"
		"       %s --check [OPTION]... FILE...       compare with the router\n"
		"\n"
		"FILE: Azure's JSON (az network express-route show, ... peering list,\n"
		"      ... port show, or the ARM responses); - is standard input.\n"
		"\n"
		"  --asn ASN                the CE's BGP ASN (needed for vtysh lines)\n"
		"  --vrf NAME               the BGP instance's VRF (default: default)\n"
		"  --private-vrf NAME, --microsoft-vrf NAME\n"
		"                           the VRF of one peering's instance (default: --vrf)\n"
		"  --name NAME              the circuit's name on the router (default: Azure's)\n"
		"  --format vtysh|yang      what to print (default: vtysh)\n"
		"  --route-map-in [PEERING=]RMAP, --route-map-out [PEERING=]RMAP\n"
		"                           the CE's route-maps, on every peering or on one\n"
		"  --network PREFIX         a prefix the CE originates (network statement)\n"
		"  --replace                remove the circuit first (its sessions restart)\n"
		"  --strict                 a warning is an error\n"
		"  --check                  compare with the router's state over vtysh\n"
		"  --route-table PEERING:PATH=FILE   Azure's route table of a link\n"
		"  --arp-table PEERING:PATH=FILE     Azure's ARP table of a link\n"
		"  --json                   check: the result in JSON\n"
		"  --router FILE            check: a saved router state instead of vtysh\n"
		"  --save-router FILE       check: save the router state it used\n"
		"  --vtysh PATH             check: the vtysh to run (default: vtysh)\n"
		"  --help, --version\n"
		"\n"
		"PEERING is private or microsoft, PATH primary or secondary.\n"
		"Exit status: 0 done (check: no difference), 1 differences, 2 error.\n",
		progname, progname, progname);
}

enum {
	OPT_ASN = 256,
	OPT_VRF,
	OPT_PRIVATE_VRF,
	OPT_MICROSOFT_VRF,
	OPT_NAME,
	OPT_FORMAT,
	OPT_RM_IN,
	OPT_RM_OUT,
	OPT_NETWORK,
	OPT_REPLACE,
	OPT_STRICT,
	OPT_CHECK,
	OPT_ROUTE_TABLE,
	OPT_ARP_TABLE,
	OPT_JSON,
	OPT_ROUTER,
	OPT_SAVE_ROUTER,
	OPT_VTYSH,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option options[] = {
	{"asn", required_argument, NULL, OPT_ASN},
	{"vrf", required_argument, NULL, OPT_VRF},
	{"private-vrf", required_argument, NULL, OPT_PRIVATE_VRF},
	{"microsoft-vrf", required_argument, NULL, OPT_MICROSOFT_VRF},
	{"name", required_argument, NULL, OPT_NAME},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"route-map-in", required_argument, NULL, OPT_RM_IN},
	{"route-map-out", required_argument, NULL, OPT_RM_OUT},
	{"network", required_argument, NULL, OPT_NETWORK},
	{"replace", no_argument, NULL, OPT_REPLACE},
	{"strict", no_argument, NULL, OPT_STRICT},
	{"check", no_argument, NULL, OPT_CHECK},
	{"route-table", required_argument, NULL, OPT_ROUTE_TABLE},
	{"arp-table", required_argument, NULL, OPT_ARP_TABLE},
	{"json", no_argument, NULL, OPT_JSON},
	{"router", required_argument, NULL, OPT_ROUTER},
	{"save-router", required_argument, NULL, OPT_SAVE_ROUTER},
	{"vtysh", required_argument, NULL, OPT_VTYSH},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

static bool opt_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return false;
}

static bool parse_route_map(struct args *a, int dir, const char *arg)
{
	const char *eq = strchr(arg, '=');
	enum er_peering_type type;
	char name[32];

	if (!eq) {
		a->route_map[dir][ER_PEERING_MAX] = arg;
		return true;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	if (!er_str2peering_type(name, &type) || !eq[1])
		return opt_error(
			"--route-map-%s: not [PEERING=]RMAP (PEERING private or microsoft)",
			dir ? "out" : "in");
	a->route_map[dir][type] = eq + 1;
	return true;
}

static bool parse_table(struct args *a, enum imp_table_kind kind,
			const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct table_arg *t;
	char spec[48];

	if (a->ntables == MAX_TABLES)
		return opt_error("at most %s tables", "16");
	t = &a->tables[a->ntables];
	if (eq)
		snprintf(spec, sizeof(spec), "%.*s", (int)(eq - arg), arg);
	if (!eq || !eq[1] || !imp_parse_link(spec, &t->peering, &t->link))
		return opt_error(
			"'%s' is not PEERING:PATH=FILE (PEERING private or microsoft, PATH primary or secondary)",
			arg);
	t->kind = kind;
	t->file = eq + 1;
	a->ntables++;
	return true;
}

static bool parse_args(struct args *a, int argc, char **argv, int *exit_now)
{
	struct er_prefix p;
	char *end;
	int c;

	*exit_now = -1;
	a->out.vrf = "default";
	a->format = "vtysh";
	while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (c) {
		case OPT_ASN: {
			unsigned long long asn;

			errno = 0;
			asn = strtoull(optarg, &end, 10);
			if (errno || *end || !optarg[0] || optarg[0] == '-'
			    || asn == 0 || asn > UINT32_MAX)
				return opt_error(
					"--asn: '%s' is not an ASN (1-4294967295)",
					optarg);
			a->out.asn = (uint32_t)asn;
			break;
		}
		case OPT_VRF:
		case OPT_PRIVATE_VRF:
		case OPT_MICROSOFT_VRF: {
			const char *opt = c == OPT_VRF ? "vrf"
					  : c == OPT_PRIVATE_VRF
						  ? "private-vrf"
						  : "microsoft-vrf";

			if (strlen(optarg) > 36 || !imp_valid_word(optarg)) {
				fprintf(stderr,
					"%s: --%s: '%s' is not a VRF name (1 to 36 characters, no space)\n",
					progname, opt, optarg);
				return false;
			}
			if (c == OPT_VRF)
				a->out.vrf = optarg;
			else if (c == OPT_PRIVATE_VRF)
				a->out.peering_vrf[ER_PEERING_PRIVATE] = optarg;
			else
				a->out.peering_vrf[ER_PEERING_MICROSOFT] = optarg;
			break;
		}
		case OPT_NAME:
			if (!imp_valid_name(optarg))
				return opt_error(
					"--name: '%s' is not a circuit name (1 to 63 characters from A-Z a-z 0-9 . _ -)",
					optarg);
			a->name = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "vtysh") && strcmp(optarg, "yang"))
				return opt_error(
					"--format: '%s' is not vtysh or yang",
					optarg);
			a->format = optarg;
			break;
		case OPT_RM_IN:
		case OPT_RM_OUT:
			if (!parse_route_map(a, c == OPT_RM_OUT, optarg))
				return false;
			break;
		case OPT_NETWORK:
			if (!er_prefix_parse(optarg, &p)
			    || !er_prefix_is_aligned(&p))
				return opt_error(
					"--network: '%s' is not a prefix without host bits",
					optarg);
			imp_prefix_list_add(&a->out.networks, &p, NULL);
			break;
		case OPT_REPLACE:
			a->out.replace = true;
			break;
		case OPT_STRICT:
			a->strict = true;
			break;
		case OPT_CHECK:
			a->check = true;
			break;
		case OPT_ROUTE_TABLE:
		case OPT_ARP_TABLE:
			if (!parse_table(a,
					 c == OPT_ARP_TABLE ? IMP_TABLE_ARP
							    : IMP_TABLE_ROUTES,
					 optarg))
				return false;
			break;
		case OPT_JSON:
			a->json = true;
			break;
		case OPT_ROUTER:
			a->router_file = optarg;
			break;
		case OPT_SAVE_ROUTER:
			a->save_router = optarg;
			break;
		case OPT_VTYSH:
			a->vtysh = optarg;
			break;
		case OPT_HELP:
			usage(stdout);
			*exit_now = IMP_EXIT_OK;
			return true;
		case OPT_VERSION:
			printf("%s %s\n", progname, IMP_VERSION);
			*exit_now = IMP_EXIT_OK;
			return true;
		default:
			usage(stderr);
			return false;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (a->nfiles == MAX_FILES)
			return opt_error("at most %s Azure documents", "16");
		for (size_t j = 0; j < a->nfiles; j++)
			if (strcmp(argv[i], "-") == 0
			    && strcmp(a->files[j], "-") == 0)
				return opt_error(
					"standard input (%s) given twice", "-");
		a->files[a->nfiles++] = argv[i];
	}
	if (!a->nfiles)
		return opt_error(
			"no Azure document: give the circuit (az network express-route show -o json > circuit.json) and/or its peerings%s",
			"");
	if (!a->check && (a->ntables || a->json || a->router_file
			  || a->save_router || a->vtysh))
		return opt_error(
			"--route-table, --arp-table, --json, --router, --save-router and --vtysh go with --check%s",
			"");
	if (a->check && a->router_file && a->save_router)
		return opt_error("--router and --save-router: nothing to save%s",
				 "");
	return true;
}

static void print_diags(const struct imp_diags *d)
{
	for (size_t i = 0; i < d->count; i++)
		fprintf(stderr, "%s: %s: %s\n", progname,
			d->items[i].severity == IMP_ERROR ? "error"
							  : "warning",
			d->items[i].text);
}

/* Read every Azure document into az. */
static void load_documents(const struct args *a, struct imp_azure *az,
			   struct imp_diags *d)
{
	for (size_t i = 0; i < a->nfiles; i++) {
		const char *file = a->files[i];
		const char *shown = strcmp(file, "-") ? file : "(stdin)";
		json_object *doc;
		size_t len;
		char *text;

		text = imp_read_file(file, &len, d);
		if (!text)
			continue;
		doc = imp_json_parse(text, len, shown, d);
		free(text);
		if (!doc)
			continue;
		imp_azure_add(az, doc, shown, d);
		json_object_put(doc);
	}
}

/* --name and --route-map-*: the CE's own, into Azure's circuit. */
static void apply_options(const struct args *a, struct imp_circuit *c,
			  struct imp_diags *d)
{
	if (a->name) {
		snprintf(c->name, sizeof(c->name), "%s", a->name);
		memset(&c->name_where, 0, sizeof(c->name_where));
		c->name_where.file = "--name";
	}
	for (int dir = 0; dir < 2; dir++)
		for (int type = 0; type <= ER_PEERING_MAX; type++) {
			const char *rmap = a->route_map[dir][type];

			if (!rmap)
				continue;
			if (type < ER_PEERING_MAX && !c->peering[type].present) {
				imp_diag(d, IMP_ERROR, NULL,
					 "--route-map-%s %s=%s: the documents have no %s peering",
					 dir ? "out" : "in",
					 er_peering_type2str(type), rmap,
					 er_peering_type2str(type));
				continue;
			}
			for (int t = 0; t < ER_PEERING_MAX; t++) {
				struct imp_peering *p = &c->peering[t];

				if (!p->present
				    || (type < ER_PEERING_MAX && t != type))
					continue;
				/* a peering's own wins over the general one */
				if (type == ER_PEERING_MAX
				    && a->route_map[dir][t])
					continue;
				free(p->route_map[dir]);
				p->route_map[dir] = strdup(rmap);
			}
		}
}

static int do_import(const struct args *a, struct imp_circuit *c,
		     struct imp_diags *d)
{
	struct imp_options out = a->out;
	char header[IMP_PATH_MAX * 2];
	size_t used;
	char *text;

	if (strcmp(a->format, "yang") == 0) {
		json_object *yang;

		if (a->out.networks.count || a->out.replace) {
			imp_diag(d, IMP_ERROR, NULL,
				 "--network and --replace have no YANG form (the model has no network statement, and a YANG edit replaces what it names): use --format vtysh");
			print_diags(d);
			return IMP_EXIT_ERROR;
		}
		print_diags(d);
		yang = imp_yang_build_vrfs(c, &a->out);
		printf("%s\n", imp_json_text(yang));
		json_object_put(yang);
		return IMP_EXIT_OK;
	}
	if (!a->out.asn) {
		uint32_t azure_asn = 0;

		for (int t = 0; t < ER_PEERING_MAX; t++)
			if (c->peering[t].has_peer_asn)
				azure_asn = c->peering[t].peer_asn;
		if (azure_asn)
			imp_diag(d, IMP_ERROR, NULL,
				 "--asn: the CE's ASN is not guessed: give the ASN of its BGP instance (Azure expects AS %u)",
				 azure_asn);
		else
			imp_diag(d, IMP_ERROR, NULL,
				 "--asn: the CE's ASN is not guessed: give the ASN of its BGP instance");
		print_diags(d);
		return IMP_EXIT_ERROR;
	}
	used = (size_t)snprintf(header, sizeof(header),
				"frr-expressroute-import %s: circuit %s from",
				IMP_VERSION, c->name);
	for (size_t i = 0; i < a->nfiles && used < sizeof(header); i++)
		used += (size_t)snprintf(header + used, sizeof(header) - used,
					 " %s",
					 strcmp(a->files[i], "-") ? a->files[i]
								  : "(stdin)");
	/* a file name with a newline must not start a line of its own */
	imp_one_line(header);
	print_diags(d);
	out.header = header;
	text = imp_emit_vtysh(c, &out, d);
	if (!text) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return IMP_EXIT_ERROR;
	}
	fputs(text, stdout);
	free(text);
	return IMP_EXIT_OK;
}

/* The advertised routes a route table needs: the MSEE of its link. */
static size_t advert_queries(const struct args *a,
			     const struct imp_circuit *router,
			     const struct imp_table *tables,
			     struct imp_advert_query *q)
{
	size_t n = 0;

	for (size_t i = 0; i < a->ntables; i++) {
		const struct imp_table *t = &tables[i];

		if (t->kind != IMP_TABLE_ROUTES)
			continue;
		for (int af = 0; af < IMP_AF_MAX; af++) {
			struct er_prefix msee;
			bool any = af == IMP_AF_IPV4;

			for (size_t r = 0; r < t->count && !any; r++)
				any = t->routes[r].network.family == AF_INET6;
			if (!any
			    || !imp_link_address(router, t->peering, af,
						 t->link, true, &msee))
				continue;
			q[n].vrf = imp_peering_vrf(&a->out, t->peering);
			q[n].family = af;
			er_addr2str(&msee, q[n].neighbor,
				    sizeof(q[n].neighbor));
			n++;
		}
	}
	return n;
}

static bool save_router(const struct args *a, const struct imp_router *r,
			struct imp_diags *d)
{
	FILE *f = fopen(a->save_router, "w");

	if (!f || fprintf(f, "%s\n", imp_json_text(r->state)) < 0
	    || fclose(f) != 0) {
		struct imp_where w = {.file = a->save_router};

		imp_diag(d, IMP_ERROR, &w, "cannot write: %s",
			 strerror(errno));
		return false;
	}
	return true;
}

/*
 * The router's circuit when the peerings are in two VRFs: the instance of
 * the private peering's VRF, with the Microsoft peering of the other
 * instance moved in; *ms keeps that instance's circuit leaves.
 */
static bool router_circuit_split(const struct args *a,
				 const struct imp_router *router,
				 const char *name, struct imp_circuit *rc,
				 struct imp_circuit *ms, const char **missing,
				 struct imp_diags *d)
{
	const char *vrf[ER_PEERING_MAX];
	bool found[ER_PEERING_MAX];
	struct imp_peering swap;

	for (int t = 0; t < ER_PEERING_MAX; t++)
		vrf[t] = imp_peering_vrf(&a->out, t);
	if (!imp_router_circuit(router, vrf[ER_PEERING_PRIVATE], name, rc,
				&found[ER_PEERING_PRIVATE], d)
	    || !imp_router_circuit(router, vrf[ER_PEERING_MICROSOFT], name, ms,
				   &found[ER_PEERING_MICROSOFT], d))
		return false;
	*missing = NULL;
	for (int t = ER_PEERING_MAX - 1; t >= 0; t--)
		if (!found[t])
			*missing = vrf[t];
	if (*missing)
		return true;
	/* each instance's peering of the other type is not Azure's: dropped */
	swap = rc->peering[ER_PEERING_MICROSOFT];
	rc->peering[ER_PEERING_MICROSOFT] = ms->peering[ER_PEERING_MICROSOFT];
	ms->peering[ER_PEERING_MICROSOFT] = swap;
	ms->peering[ER_PEERING_MICROSOFT].present = false;
	ms->peering[ER_PEERING_PRIVATE].present = false;
	ms->ngr = 0;
	return true;
}

/* The circuit's leaves in the Microsoft peering's instance, against Azure. */
static void check_split_leaves(struct imp_check *chk, const char *vrf,
			       const struct imp_circuit *azure,
			       const struct imp_circuit *ms)
{
	struct imp_circuit leaves = *azure;
	char scope[64];

	for (int t = 0; t < ER_PEERING_MAX; t++)
		leaves.peering[t].present = false;
	leaves.ngr = 0;
	snprintf(scope, sizeof(scope), "vrf[%s]/", vrf);
	chk->scope = scope;
	imp_check_circuit(chk, &leaves, ms, true, chk->router_asn);
	chk->scope = NULL;
}

static int do_check(const struct args *a, struct imp_circuit *azure,
		    struct imp_diags *d)
{
	const char *priv = imp_peering_vrf(&a->out, ER_PEERING_PRIVATE);
	const char *ms_vrf = imp_peering_vrf(&a->out, ER_PEERING_MICROSOFT);
	bool split = strcmp(priv, ms_vrf) != 0;
	const char *missing = NULL;
	char vrf_label[2 * 40];
	struct imp_circuit ms;
	struct imp_table tables[MAX_TABLES];
	struct imp_advert_query queries[2 * MAX_TABLES];
	struct imp_router router = {0};
	struct imp_circuit rc;
	struct imp_check chk;
	size_t nq;
	bool found = false;
	int ret = IMP_EXIT_ERROR;

	memset(tables, 0, sizeof(tables));
	imp_circuit_init(&rc);
	imp_circuit_init(&ms);
	for (size_t i = 0; i < a->ntables; i++) {
		json_object *doc;
		size_t len;
		char *text;

		tables[i].kind = a->tables[i].kind;
		tables[i].peering = a->tables[i].peering;
		tables[i].link = a->tables[i].link;
		text = imp_read_file(a->tables[i].file, &len, d);
		if (!text)
			continue;
		doc = imp_json_parse(text, len, a->tables[i].file, d);
		free(text);
		if (doc)
			imp_table_load(&tables[i], doc, a->tables[i].file, d);
		json_object_put(doc);
	}
	if (d->errors)
		goto out;
	if (a->router_file ? !imp_router_load(&router, a->router_file, d)
			   : !imp_router_collect(&router, a->vtysh, d))
		goto out;
	if (split) {
		if (!router_circuit_split(a, &router, azure->name, &rc, &ms,
					  &missing, d))
			goto out;
		found = !missing;
		snprintf(vrf_label, sizeof(vrf_label), "%s, %s", priv, ms_vrf);
	} else if (!imp_router_circuit(&router, priv, azure->name, &rc, &found,
				       d)) {
		goto out;
	}
	nq = found ? advert_queries(a, &rc, tables, queries) : 0;
	if (!a->router_file
	    && !imp_router_collect_advertised(&router, a->vtysh, queries, nq,
					      d))
		goto out;

	imp_check_init(&chk, azure->name,
		       missing ? missing : split ? vrf_label : priv);
	imp_check_circuit(&chk, azure, &rc, found,
			  imp_router_asn(&router, priv));
	if (split && found)
		check_split_leaves(&chk, ms_vrf, azure, &ms);
	for (size_t i = 0; found && i < a->ntables; i++) {
		const struct imp_table *t = &tables[i];
		struct imp_prefix_list adv = {0};
		bool ok = true;

		if (t->kind == IMP_TABLE_ARP) {
			imp_check_arp(&chk, t, &rc);
			continue;
		}
		for (size_t q = 0; q < nq; q++) {
			char m[ER_PREFIX_STRLEN];
			struct er_prefix msee;
			size_t dropped;

			if (!imp_link_address(&rc, t->peering, queries[q].family,
					      t->link, true, &msee))
				continue;
			if (strcmp(er_addr2str(&msee, m, sizeof(m)),
				   queries[q].neighbor) != 0)
				continue;
			ok = ok && imp_router_advertised(&router,
							 queries[q].vrf,
							 queries[q].neighbor,
							 &adv, &dropped, d);
		}
		if (ok)
			imp_check_routes(&chk, t, &rc, &adv);
		free(adv.items);
		free(adv.where);
	}
	if (d->errors) {
		imp_check_free(&chk);
		goto out;
	}
	if (a->save_router && !save_router(a, &router, d)) {
		imp_check_free(&chk);
		goto out;
	}
	if (a->json) {
		json_object *j = imp_check_json(&chk, d);

		printf("%s\n", imp_json_text(j));
		json_object_put(j);
		/* the warnings are in the JSON; errors there are none */
	} else {
		char *text = imp_check_text(&chk);

		print_diags(d);
		fputs(text ? text : "out of memory\n", stdout);
		free(text);
	}
	ret = chk.count ? IMP_EXIT_DIFFER : IMP_EXIT_OK;
	imp_check_free(&chk);
out:
	if (ret == IMP_EXIT_ERROR)
		print_diags(d);
	for (size_t i = 0; i < a->ntables; i++)
		imp_table_free(&tables[i]);
	imp_circuit_free(&rc);
	imp_circuit_free(&ms);
	imp_router_free(&router);
	return ret;
}

int main(int argc, char **argv)
{
	struct args a = {0};
	struct imp_azure az;
	struct imp_diags d = {0};
	const char *vrfs[ER_PEERING_MAX];
	int exit_now, ret;

	if (!parse_args(&a, argc, argv, &exit_now))
		return IMP_EXIT_ERROR;
	if (exit_now >= 0)
		return exit_now;
	for (int t = 0; t < ER_PEERING_MAX; t++)
		vrfs[t] = imp_peering_vrf(&a.out, t);

	imp_azure_init(&az);
	load_documents(&a, &az, &d);
	if (!d.errors)
		imp_azure_finish(&az, &d);
	if (!d.errors)
		apply_options(&a, &az.circuit, &d);
	if (!d.errors)
		imp_validate_vrfs(&az.circuit, a.out.asn, vrfs, &d);
	if (!d.errors && a.strict && d.warnings) {
		imp_diag(&d, IMP_ERROR, NULL,
			 "--strict: %zu warning%s above, nothing printed",
			 d.warnings, d.warnings == 1 ? "" : "s");
	}
	if (d.errors) {
		print_diags(&d);
		ret = IMP_EXIT_ERROR;
	} else if (a.check)
		ret = do_check(&a, &az.circuit, &d);
	else
		ret = do_import(&a, &az.circuit, &d);
	imp_azure_free(&az);
	imp_diags_free(&d);
	free(a.out.networks.items);
	free(a.out.networks.where);
	return ret;
}
