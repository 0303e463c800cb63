// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The circuit the tool works on (struct imp_circuit), whichever side it
 * comes from, and the small containers it uses.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"

const char *const imp_text_leaf[IMP_TEXT_COUNT] = {
	[IMP_SERVICE_KEY] = "service-key",
	[IMP_PROVIDER] = "provider",
	[IMP_LOCATION] = "location",
	[IMP_DIRECT_PORT] = "direct-port",
	[IMP_DESCRIPTION] = "description",
};

void imp_one_line(char *text)
{
	for (unsigned char *p = (unsigned char *)text; p && *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
}

void imp_strf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

void imp_buf_printf(struct imp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (b->failed)
		return;
	for (;;) {
		size_t room = b->alloc - b->len;

		va_start(ap, fmt);
		len = vsnprintf(b->text ? b->text + b->len : NULL, room, fmt,
				ap);
		va_end(ap);
		if (len < 0) {
			b->failed = true;
			return;
		}
		if ((size_t)len < room) {
			b->len += (size_t)len;
			return;
		}
		size_t alloc = b->alloc ? 2 * b->alloc : 1024;
		char *text;

		while (alloc - b->len <= (size_t)len)
			alloc *= 2;
		text = realloc(b->text, alloc);
		if (!text) {
			free(b->text);
			b->text = NULL;
			b->failed = true;
			return;
		}
		b->text = text;
		b->alloc = alloc;
	}
}

char *imp_buf_take(struct imp_buf *b)
{
	char *text = b->failed ? NULL : b->text;

	if (!b->failed && !text)
		text = calloc(1, 1);
	memset(b, 0, sizeof(*b));
	return text;
}

void imp_circuit_init(struct imp_circuit *c)
{
	memset(c, 0, sizeof(*c));
	c->sku = c->billing = c->connectivity = -1;
	c->port_speed = c->encapsulation = -1;
}

void imp_circuit_free(struct imp_circuit *c)
{
	for (int i = 0; i < IMP_TEXT_COUNT; i++)
		free(c->text[i]);
	for (int t = 0; t < ER_PEERING_MAX; t++) {
		struct imp_peering *p = &c->peering[t];

		free(p->shared_key);
		free(p->route_map[0]);
		free(p->route_map[1]);
		free(p->advertise.items);
		free(p->advertise.where);
		free(p->sessions);
	}
	free(c->gr);
	imp_circuit_init(c);
}

void imp_set_text(struct imp_circuit *c, enum imp_text which,
		  const char *value, const struct imp_where *where)
{
	free(c->text[which]);
	c->text[which] = value ? strdup(value) : NULL;
	if (where)
		c->text_where[which] = *where;
}

bool imp_prefix_list_add(struct imp_prefix_list *l, const struct er_prefix *p,
			 const struct imp_where *where)
{
	if (l->count == l->alloc) {
		size_t alloc = l->alloc ? 2 * l->alloc : 8;
		struct er_prefix *items;
		struct imp_where *wheres;

		items = realloc(l->items, alloc * sizeof(*items));
		if (!items)
			return false;
		l->items = items;
		wheres = realloc(l->where, alloc * sizeof(*wheres));
		if (!wheres)
			return false;
		l->where = wheres;
		l->alloc = alloc;
	}
	l->items[l->count] = *p;
	if (where)
		l->where[l->count] = *where;
	else
		memset(&l->where[l->count], 0, sizeof(l->where[0]));
	l->count++;
	return true;
}

bool imp_prefix_list_contains(const struct imp_prefix_list *l,
			      const struct er_prefix *p)
{
	for (size_t i = 0; i < l->count; i++)
		if (er_prefix_equal(&l->items[i], p))
			return true;
	return false;
}

static int prefix_cmp(const struct er_prefix *a, const struct er_prefix *b)
{
	int cmp;

	if (a->family != b->family)
		return a->family == AF_INET ? -1 : 1;
	cmp = memcmp(a->addr, b->addr, sizeof(a->addr));
	if (cmp)
		return cmp;
	return (int)a->len - (int)b->len;
}

void imp_prefix_list_sort(struct imp_prefix_list *l)
{
	/* insertion sort: a peering advertises at most a few hundred */
	for (size_t i = 1; i < l->count; i++) {
		struct er_prefix p = l->items[i];
		struct imp_where w = l->where[i];
		size_t j = i;

		while (j > 0 && prefix_cmp(&l->items[j - 1], &p) > 0) {
			l->items[j] = l->items[j - 1];
			l->where[j] = l->where[j - 1];
			j--;
		}
		l->items[j] = p;
		l->where[j] = w;
	}
}

struct imp_global_reach *imp_global_reach_get(struct imp_circuit *c,
					      const char *peer)
{
	struct imp_global_reach *gr;

	for (size_t i = 0; i < c->ngr; i++)
		if (strcmp(c->gr[i].peer, peer) == 0)
			return &c->gr[i];
	gr = realloc(c->gr, (c->ngr + 1) * sizeof(*gr));
	if (!gr)
		return NULL;
	c->gr = gr;
	gr = &c->gr[c->ngr++];
	memset(gr, 0, sizeof(*gr));
	snprintf(gr->peer, sizeof(gr->peer), "%s", peer);
	return gr;
}

bool imp_family_subnet(const struct imp_family *f, enum er_role role,
		       struct er_prefix *out)
{
	struct er_prefix half[ER_ROLE_MAX];

	if (f->has_block) {
		if (!er_split_subnet(&f->block, &half[0], &half[1], NULL, 0))
			return false;
		*out = half[role];
		return true;
	}
	if (!f->has[role])
		return false;
	*out = f->subnet[role];
	return true;
}

bool imp_family_configured(const struct imp_family *f)
{
	return f->has_block || f->has[ER_ROLE_PRIMARY]
	       || f->has[ER_ROLE_SECONDARY];
}

const char *imp_azure_peering_name(enum er_peering_type type)
{
	switch (type) {
	case ER_PEERING_PRIVATE:
		return "AzurePrivatePeering";
	case ER_PEERING_MICROSOFT:
		return "MicrosoftPeering";
	case ER_PEERING_MAX:
		break;
	}
	return "?";
}
