// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The imported circuit as vtysh lines, for review or `vtysh -f`: the
 * commands of doc/commands.rst, in the order `show running-config` prints
 * them.  Every value Azure gives is written, defaults included, so that
 * importing into an existing circuit sets each of them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

static void emit_family(struct imp_buf *b, const struct imp_family *f,
			const char *afname)
{
	char p[ER_PREFIX_STRLEN], s[ER_PREFIX_STRLEN];

	if (f->has_block) {
		imp_buf_printf(b, "   %s block %s\n", afname,
			       er_prefix2str(&f->block, p, sizeof(p)));
		return;
	}
	if (!f->has[ER_ROLE_PRIMARY])
		return;
	imp_buf_printf(b, "   %s primary %s", afname,
		       er_prefix2str(&f->subnet[ER_ROLE_PRIMARY], p,
				     sizeof(p)));
	if (f->has[ER_ROLE_SECONDARY])
		imp_buf_printf(b, " secondary %s",
			       er_prefix2str(&f->subnet[ER_ROLE_SECONDARY], s,
					     sizeof(s)));
	imp_buf_printf(b, "\n");
}

static void emit_peering(struct imp_buf *b, const struct imp_peering *p,
			 enum er_peering_type type)
{
	char text[ER_PREFIX_STRLEN];

	imp_buf_printf(b, "  peering %s\n", er_peering_type2str(type));
	if (p->has_vlan)
		imp_buf_printf(b, "   vlan %u\n", p->vlan);
	emit_family(b, &p->af[IMP_AF_IPV4], "ipv4");
	emit_family(b, &p->af[IMP_AF_IPV6], "ipv6");
	if (p->shared_key)
		imp_buf_printf(b, "   shared-key %s\n", p->shared_key);
	if (p->route_map[0])
		imp_buf_printf(b, "   route-map %s in\n", p->route_map[0]);
	if (p->route_map[1])
		imp_buf_printf(b, "   route-map %s out\n", p->route_map[1]);
	if (p->shutdown)
		imp_buf_printf(b, "   shutdown\n");
	for (size_t i = 0; i < p->advertise.count; i++)
		imp_buf_printf(b, "   advertise %s\n",
			       er_prefix2str(&p->advertise.items[i], text,
					     sizeof(text)));
	imp_buf_printf(b, "  exit\n");
}

const char *imp_peering_vrf(const struct imp_options *opt,
			    enum er_peering_type type)
{
	if (opt->peering_vrf[type])
		return opt->peering_vrf[type];
	return opt->vrf ? opt->vrf : "default";
}

size_t imp_instance_vrfs(const struct imp_circuit *c,
			 const struct imp_options *opt,
			 const char *vrfs[ER_PEERING_MAX])
{
	const char *priv = imp_peering_vrf(opt, ER_PEERING_PRIVATE);
	const char *ms = imp_peering_vrf(opt, ER_PEERING_MICROSOFT);
	size_t n = 0;

	/* Global Reach and the circuit's leaves alone go with private */
	if (c->peering[ER_PEERING_PRIVATE].present || c->ngr
	    || !c->peering[ER_PEERING_MICROSOFT].present || !strcmp(priv, ms))
		vrfs[n++] = priv;
	if (c->peering[ER_PEERING_MICROSOFT].present && strcmp(priv, ms))
		vrfs[n++] = ms;
	return n;
}

/*
 * Which block a --network goes in when the peerings are in two VRFs: the
 * Microsoft peering's if one of its advertised prefixes covers it (it is
 * for Microsoft), the private peering's otherwise.
 */
static enum er_peering_type network_peering(const struct imp_circuit *c,
					    const struct er_prefix *p)
{
	const struct imp_prefix_list *adv =
		&c->peering[ER_PEERING_MICROSOFT].advertise;

	for (size_t i = 0; i < adv->count; i++)
		if (er_prefix_contains(&adv->items[i], p))
			return ER_PEERING_MICROSOFT;
	return ER_PEERING_PRIVATE;
}

/* `network` statements for --network, per address family. */
static void emit_networks(struct imp_buf *b, const struct imp_circuit *c,
			  const struct imp_options *opt, const char *vrf)
{
	static const char *const afi[] = {"ipv4", "ipv6"};
	char text[ER_PREFIX_STRLEN];

	for (int af = 0; af < 2; af++) {
		int family = af ? AF_INET6 : AF_INET;
		bool open = false;

		for (size_t i = 0; i < opt->networks.count; i++) {
			const struct er_prefix *p = &opt->networks.items[i];

			if (p->family != family)
				continue;
			if (strcmp(imp_peering_vrf(opt, network_peering(c, p)),
				   vrf))
				continue;
			if (!open)
				imp_buf_printf(b, " address-family %s unicast\n",
					       afi[af]);
			open = true;
			imp_buf_printf(b, "  network %s\n",
				       er_prefix2str(p, text, sizeof(text)));
		}
		if (open)
			imp_buf_printf(b, " exit-address-family\n");
	}
}

/*
 * The circuit in the BGP instance of vrf: its leaves, the peerings that
 * terminate there, and Global Reach where the private peering is.
 */
static void emit_instance(struct imp_buf *b, const struct imp_circuit *c,
			  const struct imp_options *opt, const char *vrf)
{
	char p[ER_PREFIX_STRLEN];

	imp_buf_printf(b, "router bgp %u", opt->asn);
	if (strcmp(vrf, "default") != 0)
		imp_buf_printf(b, " vrf %s", vrf);
	imp_buf_printf(b, "\n");
	emit_networks(b, c, opt, vrf);
	if (opt->replace)
		imp_buf_printf(b, " no expressroute circuit %s\n", c->name);
	imp_buf_printf(b, " expressroute circuit %s\n", c->name);
	if (c->text[IMP_DESCRIPTION])
		imp_buf_printf(b, "  description %s\n",
			       c->text[IMP_DESCRIPTION]);
	for (int i = IMP_SERVICE_KEY; i <= IMP_LOCATION; i++)
		if (c->text[i])
			imp_buf_printf(b, "  %s %s\n", imp_text_leaf[i],
				       c->text[i]);
	if (c->has_bandwidth)
		imp_buf_printf(b, "  bandwidth %u\n", c->bandwidth);
	if (c->sku >= 0)
		imp_buf_printf(b, "  sku %s\n", er_sku2str(c->sku));
	if (c->billing >= 0)
		imp_buf_printf(b, "  billing %s\n", er_billing2str(c->billing));
	if (c->connectivity >= 0)
		imp_buf_printf(b, "  connectivity %s\n",
			       er_connectivity2str(c->connectivity));
	if (c->port_speed >= 0) {
		const char *speed = er_port_speed2str(c->port_speed);

		/* the enum is the Gbps and a "g": the command takes Gbps */
		imp_buf_printf(b, "  port-speed %.*s\n",
			       (int)strcspn(speed, "g"), speed);
	}
	if (c->text[IMP_DIRECT_PORT])
		imp_buf_printf(b, "  direct-port %s\n",
			       c->text[IMP_DIRECT_PORT]);
	if (c->encapsulation >= 0)
		imp_buf_printf(b, "  encapsulation %s\n",
			       er_encapsulation2str(c->encapsulation));
	for (int type = 0; type < ER_PEERING_MAX; type++)
		if (c->peering[type].present
		    && strcmp(imp_peering_vrf(opt, type), vrf) == 0)
			emit_peering(b, &c->peering[type], type);
	if (strcmp(imp_peering_vrf(opt, ER_PEERING_PRIVATE), vrf) == 0)
		for (size_t i = 0; i < c->ngr; i++)
			for (int af = 0; af < IMP_AF_MAX; af++)
				if (c->gr[i].has[af])
					imp_buf_printf(
						b, "  global-reach %s subnet %s\n",
						c->gr[i].peer,
						er_prefix2str(&c->gr[i].subnet[af],
							      p, sizeof(p)));
	imp_buf_printf(b, " exit\n");
	imp_buf_printf(b, "exit\n");
}

char *imp_emit_vtysh(const struct imp_circuit *c,
		     const struct imp_options *opt, const struct imp_diags *d)
{
	const char *vrfs[ER_PEERING_MAX];
	struct imp_buf b = {0};
	size_t n;

	if (opt->header)
		imp_buf_printf(&b, "! %s\n", opt->header);
	for (size_t i = 0; d && i < d->count; i++)
		if (d->items[i].severity == IMP_WARNING)
			imp_buf_printf(&b, "! warning: %s\n", d->items[i].text);
	n = imp_instance_vrfs(c, opt, vrfs);
	for (size_t i = 0; i < n; i++)
		emit_instance(&b, c, opt, vrfs[i]);
	return imp_buf_take(&b);
}
