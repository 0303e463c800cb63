// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute rules: what Microsoft requires of a customer-edge router.
 *
 * The numbers below come from Microsoft's ExpressRoute documentation; see
 * EXPRESSROUTE.md in the project for the sources. No FRR headers here: the
 * unit tests and fuzz targets link this file alone.
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_rules.h"

/* Longest piece of a caller's string (name, key) quoted in a message. */
#define ER_QUOTE_MAX 64

#if defined(__GNUC__)
#define ER_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define ER_PRINTF(a, b)
#endif

/*
 * Messages
 */

static bool ER_PRINTF(3, 4) fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return false;
}

static bool pass(char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	return true;
}

/* Copy at most size-1 bytes of str, replacing anything not printable ASCII. */
static const char *quote(const char *str, char *buf, size_t size)
{
	size_t i;

	if (!str)
		return "(none)";
	for (i = 0; i + 1 < size && str[i] != '\0'; i++) {
		unsigned char c = (unsigned char)str[i];

		buf[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	buf[i] = '\0';
	return buf;
}

/* strnlen() without POSIX feature macros: length of str, at most max. */
static size_t bounded_len(const char *str, size_t max)
{
	size_t len = 0;

	while (len < max && str[len] != '\0')
		len++;
	return len;
}

/*
 * Enum names: each table lists the YANG enum names at their YANG values.
 */

static const char *const sku_names[ER_SKU_MAX] = {
	[ER_SKU_LOCAL] = "local",
	[ER_SKU_STANDARD] = "standard",
	[ER_SKU_PREMIUM] = "premium",
};

static const char *const billing_names[ER_BILLING_MAX] = {
	[ER_BILLING_METERED] = "metered",
	[ER_BILLING_UNLIMITED] = "unlimited",
};

static const char *const connectivity_names[ER_CONN_MAX] = {
	[ER_CONN_COLOCATION] = "colocation",
	[ER_CONN_POINT_TO_POINT] = "point-to-point",
	[ER_CONN_ANY_TO_ANY] = "any-to-any",
	[ER_CONN_DIRECT] = "direct",
};

static const char *const port_speed_names[ER_PORT_SPEED_MAX] = {
	[ER_PORT_SPEED_10G] = "10g",
	[ER_PORT_SPEED_100G] = "100g",
	[ER_PORT_SPEED_400G] = "400g",
};

static const char *const encapsulation_names[ER_ENCAP_MAX] = {
	[ER_ENCAP_DOT1Q] = "dot1q",
	[ER_ENCAP_QINQ] = "qinq",
};

static const char *const peering_type_names[ER_PEERING_MAX] = {
	[ER_PEERING_PRIVATE] = "private",
	[ER_PEERING_MICROSOFT] = "microsoft",
};

static const char *const redundancy_names[ER_REDUNDANCY_MAX] = {
	[ER_REDUNDANCY_ACTIVE_ACTIVE] = "active-active",
	[ER_REDUNDANCY_ACTIVE_STANDBY] = "active-standby",
};

static const char *const role_names[ER_ROLE_MAX] = {
	[ER_ROLE_PRIMARY] = "primary",
	[ER_ROLE_SECONDARY] = "secondary",
};

static const char *const verdict_names[ER_VERDICT_MAX] = {
	[ER_VERDICT_OK] = "ok",
	[ER_VERDICT_DEGRADED] = "degraded",
	[ER_VERDICT_DOWN] = "down",
	[ER_VERDICT_INCOMPLETE] = "incomplete",
};

static const char *const bfd_status_names[ER_BFD_STATUS_MAX] = {
	[ER_BFD_UP] = "up",
	[ER_BFD_DOWN] = "down",
	[ER_BFD_ADMIN_DOWN] = "admin-down",
	[ER_BFD_DISABLED] = "disabled",
	[ER_BFD_UNKNOWN] = "unknown",
};

/* Not a YANG type: used in messages and JSON only. */
static const char *const asn_class_names[ER_ASN_CLASS_MAX] = {
	[ER_ASN_PUBLIC] = "public",
	[ER_ASN_PRIVATE] = "private",
	[ER_ASN_RESERVED] = "reserved",
	[ER_ASN_MICROSOFT] = "microsoft",
	[ER_ASN_REFUSED] = "refused",
};

static const char *enum2str(const char *const *names, size_t count, long value)
{
	if (value < 0 || (size_t)value >= count || !names[value])
		return "invalid";
	return names[value];
}

static bool str2enum(const char *const *names, size_t count, const char *str,
		     int *value)
{
	size_t i;

	if (!str)
		return false;
	for (i = 0; i < count; i++) {
		if (names[i] && strcmp(names[i], str) == 0) {
			*value = (int)i;
			return true;
		}
	}
	return false;
}

/* Define er_str2NAME() over the table NAME_names. */
#define ER_STR2ENUM(name, type, count)                                         \
	bool er_str2##name(const char *str, type *out)                         \
	{                                                                      \
		int value;                                                     \
                                                                               \
		if (!str2enum(name##_names, count, str, &value))               \
			return false;                                          \
		if (out)                                                       \
			*out = (type)value;                                    \
		return true;                                                   \
	}

/* Define er_NAME2str() and er_str2NAME() over the table NAME_names. */
#define ER_ENUM_STR(name, type, count)                                         \
	const char *er_##name##2str(type value)                                \
	{                                                                      \
		return enum2str(name##_names, count, (long)value);             \
	}                                                                      \
	ER_STR2ENUM(name, type, count)

ER_ENUM_STR(sku, enum er_sku, ER_SKU_MAX)
ER_ENUM_STR(billing, enum er_billing, ER_BILLING_MAX)
ER_ENUM_STR(connectivity, enum er_connectivity, ER_CONN_MAX)
ER_ENUM_STR(peering_type, enum er_peering_type, ER_PEERING_MAX)
ER_ENUM_STR(redundancy, enum er_redundancy, ER_REDUNDANCY_MAX)
ER_ENUM_STR(role, enum er_role, ER_ROLE_MAX)
ER_ENUM_STR(verdict, enum er_verdict, ER_VERDICT_MAX)
ER_ENUM_STR(bfd_status, enum er_bfd_status, ER_BFD_STATUS_MAX)

/* The same for an enum whose -1 means "not configured" ("none"). */
#define ER_ENUM_STR_UNSET(name, type, count)                                   \
	const char *er_##name##2str(type value)                                \
	{                                                                      \
		if ((long)value == -1)                                         \
			return "none";                                         \
		return enum2str(name##_names, count, (long)value);             \
	}                                                                      \
	ER_STR2ENUM(name, type, count)

ER_ENUM_STR_UNSET(port_speed, enum er_port_speed, ER_PORT_SPEED_MAX)
ER_ENUM_STR_UNSET(encapsulation, enum er_encapsulation, ER_ENCAP_MAX)

const char *er_asn_class2str(enum er_asn_class cls)
{
	return enum2str(asn_class_names, ER_ASN_CLASS_MAX, (long)cls);
}

const char *er_family2str(int family)
{
	switch (family) {
	case AF_INET:
		return "ipv4";
	case AF_INET6:
		return "ipv6";
	}
	return "invalid";
}

bool er_str2family(const char *str, int *family)
{
	int value;

	if (!str)
		return false;
	if (strcmp(str, "ipv4") == 0)
		value = AF_INET;
	else if (strcmp(str, "ipv6") == 0)
		value = AF_INET6;
	else
		return false;
	if (family)
		*family = value;
	return true;
}

/* "IPv4"/"IPv6" for messages. */
static const char *family_label(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/*
 * Prefixes
 */

static unsigned int family_bits(int family)
{
	switch (family) {
	case AF_INET:
		return 32;
	case AF_INET6:
		return 128;
	}
	return 0;
}

bool er_prefix_valid(const struct er_prefix *p)
{
	unsigned int bits;

	if (!p)
		return false;
	bits = family_bits(p->family);
	return bits != 0 && p->len <= bits;
}

bool er_prefix_parse(const char *str, struct er_prefix *p)
{
	char addr[INET6_ADDRSTRLEN];
	struct er_prefix tmp;
	const char *slash, *lenstr;
	size_t total, alen, llen, i;
	unsigned int len = 0;

	if (!str || !p)
		return false;
	total = bounded_len(str, ER_PREFIX_STRLEN);
	if (total >= ER_PREFIX_STRLEN)
		return false;
	slash = memchr(str, '/', total);
	if (!slash)
		return false;
	alen = (size_t)(slash - str);
	if (alen == 0 || alen >= sizeof(addr))
		return false;
	lenstr = slash + 1;
	llen = total - alen - 1;
	/* 1 to 3 decimal digits, no sign, no leading zero. */
	if (llen == 0 || llen > 3 || (llen > 1 && lenstr[0] == '0'))
		return false;
	for (i = 0; i < llen; i++) {
		if (lenstr[i] < '0' || lenstr[i] > '9')
			return false;
		len = len * 10 + (unsigned int)(lenstr[i] - '0');
	}

	memcpy(addr, str, alen);
	addr[alen] = '\0';
	memset(&tmp, 0, sizeof(tmp));
	tmp.family = memchr(addr, ':', alen) ? AF_INET6 : AF_INET;
	if (inet_pton(tmp.family, addr, tmp.addr) != 1)
		return false;
	if (len > family_bits(tmp.family))
		return false;
	tmp.len = (uint8_t)len;
	*p = tmp;
	return true;
}

const char *er_addr2str(const struct er_prefix *p, char *buf, size_t size)
{
	char tmp[INET6_ADDRSTRLEN];

	if (!buf || !size)
		return "";
	if (!er_prefix_valid(p) ||
	    !inet_ntop(p->family, p->addr, tmp, sizeof(tmp))) {
		snprintf(buf, size, "(invalid)");
		return buf;
	}
	snprintf(buf, size, "%s", tmp);
	return buf;
}

const char *er_prefix2str(const struct er_prefix *p, char *buf, size_t size)
{
	char tmp[INET6_ADDRSTRLEN];

	if (!buf || !size)
		return "";
	if (!er_prefix_valid(p) ||
	    !inet_ntop(p->family, p->addr, tmp, sizeof(tmp))) {
		snprintf(buf, size, "(invalid)");
		return buf;
	}
	snprintf(buf, size, "%s/%u", tmp, (unsigned int)p->len);
	return buf;
}

/* True if the first nbits bits of a and b are equal (nbits <= 128). */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned int nbits)
{
	unsigned int bytes = nbits / 8, rest = nbits % 8;
	uint8_t mask;

	if (memcmp(a, b, bytes) != 0)
		return false;
	if (!rest)
		return true;
	mask = (uint8_t)(0xff << (8 - rest));
	return ((a[bytes] ^ b[bytes]) & mask) == 0;
}

/* Clear every bit of addr after the first len bits of the family. */
static void clear_host_bits(uint8_t *addr, int family, unsigned int len)
{
	unsigned int bytes = family_bits(family) / 8, i;

	for (i = 0; i < bytes; i++) {
		unsigned int first = i * 8;

		if (first >= len)
			addr[i] = 0;
		else if (len - first < 8)
			addr[i] &= (uint8_t)(0xff << (8 - (len - first)));
	}
}

/* Add n to the address, carrying across bytes (wraps at the top). */
static void addr_add(uint8_t *addr, int family, unsigned int n)
{
	unsigned int i = family_bits(family) / 8;

	while (i-- > 0 && n) {
		unsigned int sum = addr[i] + (n & 0xff);

		addr[i] = (uint8_t)sum;
		n = (n >> 8) + (sum >> 8);
	}
}

bool er_prefix_network(const struct er_prefix *p, struct er_prefix *out)
{
	struct er_prefix tmp;

	if (!er_prefix_valid(p) || !out)
		return false;
	tmp = *p;
	clear_host_bits(tmp.addr, tmp.family, tmp.len);
	*out = tmp;
	return true;
}

bool er_prefix_is_aligned(const struct er_prefix *p)
{
	struct er_prefix net;

	if (!er_prefix_network(p, &net))
		return false;
	return memcmp(net.addr, p->addr, sizeof(net.addr)) == 0;
}

bool er_prefix_equal(const struct er_prefix *a, const struct er_prefix *b)
{
	if (!er_prefix_valid(a) || !er_prefix_valid(b))
		return false;
	return a->family == b->family && a->len == b->len &&
	       bits_equal(a->addr, b->addr, family_bits(a->family));
}

bool er_prefix_contains(const struct er_prefix *outer,
			const struct er_prefix *inner)
{
	if (!er_prefix_valid(outer) || !er_prefix_valid(inner))
		return false;
	if (outer->family != inner->family || outer->len > inner->len)
		return false;
	return bits_equal(outer->addr, inner->addr, outer->len);
}

bool er_prefix_overlaps(const struct er_prefix *a, const struct er_prefix *b)
{
	if (!er_prefix_valid(a) || !er_prefix_valid(b))
		return false;
	if (a->family != b->family)
		return false;
	return bits_equal(a->addr, b->addr, a->len < b->len ? a->len : b->len);
}

bool er_check_no_overlap(const struct er_prefix *a, const char *a_what,
			 const struct er_prefix *b, const char *b_what,
			 char *err, size_t errlen)
{
	char as[ER_PREFIX_STRLEN], bs[ER_PREFIX_STRLEN];
	char aw[ER_QUOTE_MAX * 3], bw[ER_QUOTE_MAX * 3]; /* names with VRFs */

	if (!er_prefix_overlaps(a, b))
		return pass(err, errlen);
	return fail(err, errlen,
		    "%s %s overlaps %s %s: subnets must not overlap",
		    a_what ? quote(a_what, aw, sizeof(aw)) : "subnet",
		    er_prefix2str(a, as, sizeof(as)),
		    b_what ? quote(b_what, bw, sizeof(bw)) : "subnet",
		    er_prefix2str(b, bs, sizeof(bs)));
}

/* Which use wins where two equal prefixes stand for one: it forbids more. */
static int use_rank(enum er_prefix_use use)
{
	switch (use) {
	case ER_USE_ADVERTISED:
		return 0;
	case ER_USE_LINK:
		return 1;
	case ER_USE_GLOBAL_REACH:
		return 2;
	case ER_USE_MAX:
		break;
	}
	return -1;
}

bool er_prefix_uses_conflict(enum er_prefix_use a, enum er_prefix_use b)
{
	if (use_rank(a) < 0 || use_rank(b) < 0)
		return false;
	if (a == ER_USE_ADVERTISED && b == ER_USE_ADVERTISED)
		return false;
	if (a == ER_USE_ADVERTISED || b == ER_USE_ADVERTISED)
		return a == ER_USE_GLOBAL_REACH || b == ER_USE_GLOBAL_REACH;
	return true;
}

/* -1, 0 or 1 as a is below, equal to or above b. */
static int num_cmp(unsigned long a, unsigned long b)
{
	return a < b ? -1 : a > b;
}

/* By scope, network address (host bits do not count), then shorter first. */
static int prefix_item_cmp(const void *va, const void *vb)
{
	const struct er_prefix_item *a = va, *b = vb;
	uint8_t na[16], nb[16];
	int ret;

	if (a->scope != b->scope)
		return num_cmp(a->scope, b->scope);
	if (a->prefix.family != b->prefix.family)
		return num_cmp(a->prefix.family, b->prefix.family);
	memcpy(na, a->prefix.addr, sizeof(na));
	memcpy(nb, b->prefix.addr, sizeof(nb));
	clear_host_bits(na, a->prefix.family, a->prefix.len);
	clear_host_bits(nb, b->prefix.family, b->prefix.len);
	ret = memcmp(na, nb, sizeof(na));
	if (!ret)
		ret = num_cmp(a->prefix.len, b->prefix.len);
	if (!ret)
		ret = num_cmp(a->use, b->use);
	return ret ? ret : num_cmp(a->tag, b->tag);
}

/*
 * Sorted by address, then shorter first, the prefixes that contain an item
 * come before it, and those still containing it form a chain: a stack of
 * at most one prefix per length.  Each item is checked against that chain
 * only; an item equal to the top of the chain replaces it when it forbids
 * more (so thousands of copies of one prefix do not deepen it).
 */
bool er_find_prefix_conflict(struct er_prefix_item *items, size_t count,
			     size_t *first, size_t *second)
{
	size_t chain[128 + 1], depth = 0;

	if (!items || !count)
		return false;
	qsort(items, count, sizeof(*items), prefix_item_cmp);
	for (size_t i = 0; i < count; i++) {
		const struct er_prefix_item *item = &items[i];
		const struct er_prefix_item *top;

		if (!er_prefix_valid(&item->prefix) || use_rank(item->use) < 0)
			continue;
		/* a new scope starts a new chain */
		if (depth && items[chain[depth - 1]].scope != item->scope)
			depth = 0;
		/* a prefix of another family contains nothing of this one */
		while (depth &&
		       !er_prefix_contains(&items[chain[depth - 1]].prefix,
					   &item->prefix))
			depth--;
		for (size_t k = depth; k-- > 0;) {
			if (!er_prefix_uses_conflict(items[chain[k]].use,
						     item->use))
				continue;
			if (first)
				*first = chain[k];
			if (second)
				*second = i;
			return true;
		}
		top = depth ? &items[chain[depth - 1]] : NULL;
		if (top && er_prefix_equal(&top->prefix, &item->prefix)) {
			if (use_rank(item->use) > use_rank(top->use))
				chain[depth - 1] = i;
			continue;
		}
		if (depth < sizeof(chain) / sizeof(chain[0]))
			chain[depth++] = i;
	}
	return false;
}

/*
 * Link subnets
 */

static unsigned int link_plen(int family)
{
	return family == AF_INET6 ? ER_LINK_PLEN_V6 : ER_LINK_PLEN_V4;
}

static unsigned int block_plen(int family)
{
	return family == AF_INET6 ? ER_BLOCK_PLEN_V6 : ER_BLOCK_PLEN_V4;
}

/* role is "primary ", "secondary " or "" and starts the message. */
static bool check_link_subnet(const struct er_prefix *p, const char *role,
			      char *err, size_t errlen)
{
	char ps[ER_PREFIX_STRLEN], ns[ER_PREFIX_STRLEN];
	struct er_prefix net;
	unsigned int want;

	if (!er_prefix_valid(p))
		return fail(err, errlen,
			    "%slink subnet is not a valid IPv4 or IPv6 prefix",
			    role);
	want = link_plen(p->family);
	er_prefix2str(p, ps, sizeof(ps));
	if (p->len != want)
		return fail(
			err, errlen,
			"%s%s link subnet %s is a /%u: each ExpressRoute link needs exactly a /%u (a /%u splits into the primary and secondary /%u)",
			role, family_label(p->family), ps, (unsigned int)p->len,
			want, want - 1, want);
	if (!er_prefix_is_aligned(p)) {
		er_prefix_network(p, &net);
		return fail(
			err, errlen,
			"%s%s link subnet %s has host bits set: use its network address %s",
			role, family_label(p->family), ps,
			er_prefix2str(&net, ns, sizeof(ns)));
	}
	return pass(err, errlen);
}

bool er_check_link_subnet(const struct er_prefix *p, char *err, size_t errlen)
{
	return check_link_subnet(p, "", err, errlen);
}

bool er_check_link_pair(const struct er_prefix *primary,
			const struct er_prefix *secondary, char *err,
			size_t errlen)
{
	char ps[ER_PREFIX_STRLEN], ss[ER_PREFIX_STRLEN];

	if (!check_link_subnet(primary, "primary ", err, errlen))
		return false;
	if (!check_link_subnet(secondary, "secondary ", err, errlen))
		return false;
	er_prefix2str(primary, ps, sizeof(ps));
	er_prefix2str(secondary, ss, sizeof(ss));
	if (primary->family != secondary->family)
		return fail(
			err, errlen,
			"primary link subnet %s and secondary link subnet %s are of different address families",
			ps, ss);
	if (er_prefix_equal(primary, secondary))
		return fail(
			err, errlen,
			"primary and secondary link subnets are both %s: each link needs its own /%u",
			ps, link_plen(primary->family));
	return er_check_no_overlap(primary, "primary link subnet", secondary,
				   "secondary link subnet", err, errlen);
}

bool er_link_addresses(const struct er_prefix *subnet, struct er_prefix *ce,
		       struct er_prefix *msee, char *err, size_t errlen)
{
	struct er_prefix c, m;

	if (!check_link_subnet(subnet, "", err, errlen))
		return false;
	c = *subnet;
	addr_add(c.addr, c.family, 1);
	m = *subnet;
	addr_add(m.addr, m.family, 2);
	if (ce)
		*ce = c;
	if (msee)
		*msee = m;
	return pass(err, errlen);
}

bool er_split_subnet(const struct er_prefix *block, struct er_prefix *primary,
		     struct er_prefix *secondary, char *err, size_t errlen)
{
	char bs[ER_PREFIX_STRLEN], ns[ER_PREFIX_STRLEN];
	struct er_prefix net, first, second;
	unsigned int want;

	if (!er_prefix_valid(block))
		return fail(err, errlen,
			    "subnet block is not a valid IPv4 or IPv6 prefix");
	want = block_plen(block->family);
	er_prefix2str(block, bs, sizeof(bs));
	if (block->len != want)
		return fail(
			err, errlen,
			"%s subnet block %s is a /%u: only a /%u splits into the primary and secondary /%u",
			family_label(block->family), bs,
			(unsigned int)block->len, want, want + 1);
	if (!er_prefix_is_aligned(block)) {
		er_prefix_network(block, &net);
		return fail(
			err, errlen,
			"%s subnet block %s has host bits set: use its network address %s",
			family_label(block->family), bs,
			er_prefix2str(&net, ns, sizeof(ns)));
	}
	first = *block;
	first.len = (uint8_t)(want + 1);
	second = first;
	addr_add(second.addr, second.family, 4);
	if (primary)
		*primary = first;
	if (secondary)
		*secondary = second;
	return pass(err, errlen);
}

/*
 * Microsoft peering: public addresses only
 */

struct reserved_range {
	struct er_prefix prefix;
	const char *what;
};

/*
 * Not public unicast space. The documentation ranges 192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) and 2001:db8::/32 (RFC 3849)
 * are deliberately absent, so that examples, tests and documentation can
 * use them on Microsoft peering. In production Microsoft's ownership
 * validation stops them: no RIR registers them to anyone.
 */
static const struct reserved_range reserved_v4[] = {
	{{AF_INET, {0}, 8}, "\"this network\" (RFC 1122)"},
	{{AF_INET, {10}, 8}, "RFC 1918 private space"},
	{{AF_INET, {100, 64}, 10}, "shared address space (RFC 6598)"},
	{{AF_INET, {127}, 8}, "loopback space"},
	{{AF_INET, {169, 254}, 16}, "link-local space (RFC 3927)"},
	{{AF_INET, {172, 16}, 12}, "RFC 1918 private space"},
	{{AF_INET, {192, 0, 0}, 24}, "IETF protocol assignments (RFC 6890)"},
	{{AF_INET, {192, 168}, 16}, "RFC 1918 private space"},
	{{AF_INET, {198, 18}, 15}, "benchmarking space (RFC 2544)"},
	{{AF_INET, {224}, 4}, "multicast space"},
	{{AF_INET, {240}, 4}, "reserved space (RFC 1112) and broadcast"},
};

static const struct reserved_range reserved_v6[] = {
	{{AF_INET6, {0}, 8},
	 "reserved space (unspecified, loopback, IPv4-mapped)"},
	{{AF_INET6, {0x01, 0x00}, 64}, "discard-only space (RFC 6666)"},
	{{AF_INET6, {0xfc}, 7}, "unique local space (RFC 4193)"},
	{{AF_INET6, {0xfe, 0x80}, 10}, "link-local space"},
	{{AF_INET6, {0xfe, 0xc0}, 10}, "deprecated site-local space"},
	{{AF_INET6, {0xff}, 8}, "multicast space"},
};

/* IPv6 global unicast: everything outside it is not allocated for use. */
static const struct er_prefix global_unicast_v6 = {AF_INET6, {0x20}, 3};

bool er_check_public_prefix(const struct er_prefix *p, char *err, size_t errlen)
{
	char ps[ER_PREFIX_STRLEN], rs[ER_PREFIX_STRLEN];
	const struct reserved_range *table;
	size_t count, i;

	if (!er_prefix_valid(p))
		return fail(
			err, errlen,
			"not a valid IPv4 or IPv6 prefix: Microsoft peering needs public addresses");
	er_prefix2str(p, ps, sizeof(ps));
	if (p->len == 0)
		return fail(
			err, errlen,
			"%s is a default route: Microsoft peering accepts only public prefixes you own, never a default route",
			ps);
	if (p->family == AF_INET) {
		table = reserved_v4;
		count = sizeof(reserved_v4) / sizeof(reserved_v4[0]);
	} else {
		table = reserved_v6;
		count = sizeof(reserved_v6) / sizeof(reserved_v6[0]);
	}
	for (i = 0; i < count; i++) {
		const struct er_prefix *r = &table[i].prefix;

		if (!er_prefix_overlaps(p, r))
			continue;
		return fail(
			err, errlen,
			"%s is not public: it %s %s, %s; Microsoft peering needs public addresses you own",
			ps, p->len >= r->len ? "lies in" : "covers",
			er_prefix2str(r, rs, sizeof(rs)), table[i].what);
	}
	if (p->family == AF_INET6 && !er_prefix_contains(&global_unicast_v6, p))
		return fail(
			err, errlen,
			"%s is not public: it is outside 2000::/3, the IPv6 global unicast space; Microsoft peering needs public addresses you own",
			ps);
	return pass(err, errlen);
}

bool er_check_advertised_prefix(enum er_peering_type type,
				const struct er_prefix *p, char *err,
				size_t errlen)
{
	char ps[ER_PREFIX_STRLEN], ns[ER_PREFIX_STRLEN];
	struct er_prefix net;

	if (!er_prefix_valid(p))
		return fail(
			err, errlen,
			"advertised prefix is not a valid IPv4 or IPv6 prefix");
	if (!er_prefix_is_aligned(p)) {
		er_prefix_network(p, &net);
		return fail(
			err, errlen,
			"advertised prefix %s has host bits set: advertise %s",
			er_prefix2str(p, ps, sizeof(ps)),
			er_prefix2str(&net, ns, sizeof(ns)));
	}
	switch (type) {
	case ER_PEERING_PRIVATE:
		/* Private peering accepts anything, a default route too. */
		return pass(err, errlen);
	case ER_PEERING_MICROSOFT:
		return er_check_public_prefix(p, err, errlen);
	case ER_PEERING_MAX:
		break;
	}
	return fail(err, errlen, "invalid peering type %d", (int)type);
}

/*
 * ASNs
 */

enum er_asn_class er_asn_classify(uint32_t asn)
{
	/* 0 (RFC 7607) and 4294967295 (RFC 7300) cannot appear in BGP. */
	if (asn == 0 || asn == UINT32_MAX)
		return ER_ASN_REFUSED;
	/* Used by Azure itself (ExpressRoute page). */
	if (asn >= 65515 && asn <= 65520)
		return ER_ASN_REFUSED;
	/*
	 * Public ASNs, but Microsoft's own: listed by the Azure Route Server
	 * and VPN gateway pages (8074, 8075), and 12076 of every peering.
	 */
	if (asn == 8074 || asn == 8075 || asn == ER_MICROSOFT_ASN)
		return ER_ASN_MICROSOFT;
	/*
	 * Never a public ASN: AS_TRANS (RFC 6793), documentation (RFC 5398:
	 * 64496-64511, 65536-65551), 65535 (RFC 7300) and the rest of IANA's
	 * reserved block up to 131071.  No registry assigns them to anyone.
	 */
	if (asn == 23456)
		return ER_ASN_RESERVED;
	if (asn >= 64496 && asn <= 64511)
		return ER_ASN_RESERVED;
	if (asn >= 65535 && asn <= 131071)
		return ER_ASN_RESERVED;
	/* Private use: RFC 6996. */
	if (asn >= 64512 && asn <= 65534)
		return ER_ASN_PRIVATE;
	if (asn >= 4200000000U && asn <= 4294967294U)
		return ER_ASN_PRIVATE;
	return ER_ASN_PUBLIC;
}

static const char *reserved_reason(uint32_t asn)
{
	if (asn == 8074 || asn == 8075)
		return "reserved by Microsoft for Azure services";
	if (asn == 23456)
		return "AS_TRANS (RFC 6793), a placeholder for 4-byte ASNs";
	if ((asn >= 64496 && asn <= 64511) || (asn >= 65536 && asn <= 65551))
		return "reserved for documentation (RFC 5398)";
	if (asn == 65535)
		return "reserved (RFC 7300)";
	return "reserved by IANA";
}

enum er_result er_check_asn(uint32_t asn, enum er_peering_type type, char *msg,
			    size_t msglen)
{
	if ((unsigned int)type >= ER_PEERING_MAX) {
		fail(msg, msglen, "invalid peering type %d", (int)type);
		return ER_ERROR;
	}
	if (asn == ER_MICROSOFT_ASN) {
		fail(msg, msglen,
		     "AS %u is Microsoft's own ASN: the CE needs a different ASN (the session to the MSEE would be iBGP)",
		     asn);
		return ER_ERROR;
	}
	switch (er_asn_classify(asn)) {
	case ER_ASN_REFUSED:
		if (asn == 0 || asn == UINT32_MAX)
			fail(msg, msglen,
			     "AS %u is reserved (RFC %s) and cannot be used in BGP",
			     asn, asn == 0 ? "7607" : "7300");
		else
			fail(msg, msglen,
			     "AS %u is reserved by Azure (65515-65520) and cannot be used on ExpressRoute",
			     asn);
		return ER_ERROR;
	case ER_ASN_RESERVED:
		if (type == ER_PEERING_MICROSOFT) {
			/*
			 * expressroute-routing: Microsoft peering needs an ASN
			 * registered to you in an RIR or IRR (a private one is
			 * validated by hand); 64496-64511 are not allowed.
			 */
			fail(msg, msglen,
			     "AS %u is %s, not a public ASN: Microsoft peering needs a public ASN registered to you (or a private ASN Microsoft validates by hand)",
			     asn, reserved_reason(asn));
			return ER_ERROR;
		}
		fail(msg, msglen,
		     "AS %u is %s: use a public ASN you own or a private ASN",
		     asn, reserved_reason(asn));
		return ER_WARN;
	case ER_ASN_MICROSOFT:
		fail(msg, msglen,
		     "AS %u is %s: use a public ASN you own or a private ASN",
		     asn, reserved_reason(asn));
		return ER_WARN;
	case ER_ASN_PRIVATE:
		if (type != ER_PEERING_MICROSOFT)
			break;
		fail(msg, msglen,
		     "AS %u is a private ASN: Microsoft peering expects a public ASN; a private one needs manual validation by Microsoft, which strips private ASNs from the AS path",
		     asn);
		return ER_WARN;
	case ER_ASN_PUBLIC:
	case ER_ASN_CLASS_MAX:
		break;
	}
	pass(msg, msglen);
	return ER_OK;
}

/*
 * VLANs and keys
 */

bool er_check_vlan(uint32_t vlan, char *err, size_t errlen)
{
	if (vlan < ER_VLAN_MIN || vlan > ER_VLAN_MAX)
		return fail(
			err, errlen,
			"VLAN ID %u is out of range: 802.1Q allows %u to %u",
			vlan, ER_VLAN_MIN, ER_VLAN_MAX);
	return pass(err, errlen);
}

bool er_check_vlan_unique(uint32_t vlan, enum er_peering_type type,
			  uint32_t other_vlan, enum er_peering_type other_type,
			  char *err, size_t errlen)
{
	if (vlan == other_vlan)
		return fail(
			err, errlen,
			"VLAN ID %u is used by both the %s and the %s peering: each peering of a circuit needs its own VLAN ID",
			vlan, er_peering_type2str(type),
			er_peering_type2str(other_type));
	return pass(err, errlen);
}

static bool is_alnum_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9');
}

static bool is_hex_ascii(char c)
{
	return (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f') ||
	       (c >= '0' && c <= '9');
}

bool er_check_shared_key(const char *key, char *err, size_t errlen)
{
	size_t len, i;

	if (!key)
		return fail(err, errlen, "no shared key given");
	/* Never echo the key: say where it is wrong instead. */
	len = bounded_len(key, 1024);
	if (len == 0)
		return fail(
			err, errlen,
			"shared key is empty: Microsoft needs 1 to %u letters and digits",
			ER_SHARED_KEY_MAX);
	if (len > ER_SHARED_KEY_MAX)
		return fail(
			err, errlen,
			"shared key has %s%zu characters: Microsoft allows at most %u letters and digits",
			len == 1024 ? "more than " : "", len,
			ER_SHARED_KEY_MAX);
	for (i = 0; i < len; i++)
		if (!is_alnum_ascii(key[i]))
			return fail(
				err, errlen,
				"shared key character %zu is not a letter or digit: Microsoft allows only A-Z, a-z and 0-9",
				i + 1);
	return pass(err, errlen);
}

bool er_check_service_key(const char *key, char *err, size_t errlen)
{
	char q[ER_QUOTE_MAX];
	size_t len, i;

	if (!key)
		return fail(err, errlen, "no service key given");
	len = bounded_len(key, 37);
	for (i = 0; len == 36 && i < len; i++) {
		bool dash = (i == 8 || i == 13 || i == 18 || i == 23);

		if (dash ? key[i] != '-' : !is_hex_ascii(key[i]))
			break;
	}
	if (len != 36 || i != 36)
		return fail(
			err, errlen,
			"service key '%s' is not a GUID: expected 8-4-4-4-12 hex digits such as 6f4a1c2e-8b3d-4e5f-9a0b-1c2d3e4f5a6b",
			quote(key, q, 40));
	return pass(err, errlen);
}

/*
 * Bandwidth
 */

/* expressroute-circuit-peerings, expressroute-erdirect-about (2026). */
static const uint32_t provider_mbps[] = {50,   100,  200,  500,
					 1000, 2000, 5000, 10000};
static const uint32_t direct_10g_mbps[] = {1000, 2000, 5000, 10000};
static const uint32_t direct_100g_mbps[] = {5000, 10000, 40000, 100000};
static const uint32_t direct_400g_mbps[] = {5000,   10000,  40000,
					    100000, 200000, 400000};
/* Direct before its port speed is configured: any port pair's. */
static const uint32_t direct_any_mbps[] = {1000,  2000,	  5000,	  10000,
					   40000, 100000, 200000, 400000};

#define ER_COUNT(a) (sizeof(a) / sizeof((a)[0]))

size_t er_bandwidths(enum er_connectivity conn, enum er_port_speed speed,
		     const uint32_t **list)
{
	const uint32_t *l = NULL;
	size_t n = 0;

	switch (conn) {
	case ER_CONN_COLOCATION:
	case ER_CONN_POINT_TO_POINT:
	case ER_CONN_ANY_TO_ANY:
		l = provider_mbps;
		n = ER_COUNT(provider_mbps);
		break;
	case ER_CONN_DIRECT:
		if (speed == ER_PORT_SPEED_10G) {
			l = direct_10g_mbps;
			n = ER_COUNT(direct_10g_mbps);
		} else if (speed == ER_PORT_SPEED_100G) {
			l = direct_100g_mbps;
			n = ER_COUNT(direct_100g_mbps);
		} else if (speed == ER_PORT_SPEED_400G) {
			l = direct_400g_mbps;
			n = ER_COUNT(direct_400g_mbps);
		} else {
			l = direct_any_mbps;
			n = ER_COUNT(direct_any_mbps);
		}
		break;
	case ER_CONN_MAX:
		break;
	}
	if (list)
		*list = l;
	return n;
}

bool er_check_direct_only(enum er_connectivity conn, const char *leaf,
			  const char *value, char *err, size_t errlen)
{
	char lq[ER_QUOTE_MAX], vq[ER_QUOTE_MAX];

	if ((unsigned int)conn >= ER_CONN_MAX)
		return fail(err, errlen, "invalid connectivity %d", (int)conn);
	if (conn == ER_CONN_DIRECT)
		return pass(err, errlen);
	return fail(
		err, errlen,
		"%s %s applies only to ExpressRoute Direct, but connectivity is %s",
		quote(leaf, lq, sizeof(lq)), quote(value, vq, sizeof(vq)),
		er_connectivity2str(conn));
}

bool er_check_port_speed(enum er_connectivity conn, enum er_port_speed speed,
			 char *err, size_t errlen)
{
	if ((unsigned int)conn >= ER_CONN_MAX)
		return fail(err, errlen, "invalid connectivity %d", (int)conn);
	if (speed != ER_PORT_SPEED_NONE &&
	    (speed < 0 || speed >= ER_PORT_SPEED_MAX))
		return fail(err, errlen, "invalid port-speed %d", (int)speed);
	/*
	 * Direct without a port speed yet is accepted: each CLI command is its
	 * own transaction, and `connectivity direct` comes before `port-speed`.
	 */
	if (speed == ER_PORT_SPEED_NONE)
		return pass(err, errlen);
	return er_check_direct_only(conn, "port-speed",
				    er_port_speed2str(speed), err, errlen);
}

bool er_check_port_consistent(const char *port, const char *circuit,
			      enum er_port_speed speed,
			      enum er_encapsulation encap, const char *other,
			      enum er_port_speed other_speed,
			      enum er_encapsulation other_encap, char *err,
			      size_t errlen)
{
	char pbuf[ER_QUOTE_MAX], cbuf[ER_QUOTE_MAX], obuf[ER_QUOTE_MAX];
	const char *pq = quote(port, pbuf, sizeof(pbuf));
	const char *cq = quote(circuit, cbuf, sizeof(cbuf));
	const char *oq = quote(other, obuf, sizeof(obuf));

	const struct {
		bool differs;
		const char *leaf, *value, *other_value, *what;
	} props[] = {
		{speed != ER_PORT_SPEED_NONE &&
			 other_speed != ER_PORT_SPEED_NONE &&
			 speed != other_speed,
		 "port-speed", er_port_speed2str(speed),
		 er_port_speed2str(other_speed), "speed"},
		{encap != ER_ENCAP_NONE && other_encap != ER_ENCAP_NONE &&
			 encap != other_encap,
		 "encapsulation", er_encapsulation2str(encap),
		 er_encapsulation2str(other_encap), "encapsulation"},
	};

	for (size_t i = 0; i < ER_COUNT(props); i++)
		if (props[i].differs)
			return fail(
				err, errlen,
				"%s has %s %s but %s, on the same ExpressRoute Direct port %s, has %s %s: the circuits of a port pair share its %s",
				cq, props[i].leaf, props[i].value, oq, pq,
				props[i].leaf, props[i].other_value,
				props[i].what);
	return pass(err, errlen);
}

/* strcmp() where NULL sorts first. */
static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int port_vlan_cmp(const void *va, const void *vb)
{
	const struct er_port_vlan *a = va, *b = vb;
	int ret = strcmp_null(a->port, b->port);

	if (!ret)
		ret = num_cmp(a->vlan, b->vlan);
	return ret ? ret : num_cmp(a->tag, b->tag);
}

bool er_find_port_vlan_clash(struct er_port_vlan *items, size_t count,
			     size_t *first, size_t *second)
{
	if (!items || !count)
		return false;
	qsort(items, count, sizeof(*items), port_vlan_cmp);
	for (size_t i = 1; i < count; i++) {
		if (!items[i].port || items[i].vlan != items[i - 1].vlan ||
		    strcmp_null(items[i].port, items[i - 1].port) != 0)
			continue;
		if (first)
			*first = i - 1;
		if (second)
			*second = i;
		return true;
	}
	return false;
}

bool er_check_port_vlan_unique(const char *port, uint32_t vlan, const char *who,
			       uint32_t other_vlan, const char *other_who,
			       char *err, size_t errlen)
{
	char pq[ER_QUOTE_MAX], wq[ER_QUOTE_MAX * 2], oq[ER_QUOTE_MAX * 2];

	if (vlan != other_vlan)
		return pass(err, errlen);
	return fail(
		err, errlen,
		"VLAN ID %u of %s is also used by %s on ExpressRoute Direct port %s: with Dot1Q encapsulation a VLAN ID (C-tag) must be unique across all circuits and peerings of the port pair",
		vlan, quote(who, wq, sizeof(wq)),
		quote(other_who, oq, sizeof(oq)), quote(port, pq, sizeof(pq)));
}

bool er_check_bandwidth(enum er_connectivity conn, enum er_port_speed speed,
			uint32_t mbps, char *err, size_t errlen)
{
	char choices[96];
	const uint32_t *list;
	size_t n, i, off = 0;

	if (!er_check_port_speed(conn, speed, err, errlen))
		return false;
	n = er_bandwidths(conn, speed, &list);
	for (i = 0; i < n; i++)
		if (list[i] == mbps)
			return pass(err, errlen);

	choices[0] = '\0';
	for (i = 0; i < n && off < sizeof(choices); i++) {
		int w = snprintf(choices + off, sizeof(choices) - off, "%s%u",
				 i == 0 ? "" : (i + 1 == n ? " or " : ", "),
				 list[i]);
		if (w < 0)
			break;
		off += (size_t)w;
	}
	if (conn == ER_CONN_DIRECT && speed == ER_PORT_SPEED_NONE)
		return fail(
			err, errlen,
			"bandwidth %u Mbps is not offered on ExpressRoute Direct: choose %s Mbps",
			mbps, choices);
	if (conn == ER_CONN_DIRECT)
		return fail(
			err, errlen,
			"bandwidth %u Mbps is not offered on a %s ExpressRoute Direct port pair: choose %s Mbps",
			mbps, er_port_speed2str(speed), choices);
	return fail(
		err, errlen,
		"bandwidth %u Mbps is not offered for %s circuits: choose %s Mbps",
		mbps, er_connectivity2str(conn), choices);
}

/*
 * Prefix limits
 */

uint32_t er_prefix_limit_out(enum er_sku sku, enum er_peering_type type,
			     int family)
{
	if ((unsigned int)sku >= ER_SKU_MAX || family_bits(family) == 0)
		return 0;
	switch (type) {
	case ER_PEERING_PRIVATE:
		if (family == AF_INET6)
			return 100;
		return sku == ER_SKU_PREMIUM ? 10000 : 4000;
	case ER_PEERING_MICROSOFT:
		/* Per session, whatever the SKU and family. */
		return 200;
	case ER_PEERING_MAX:
		break;
	}
	return 0;
}

uint32_t er_prefix_limit_in_default(enum er_peering_type type, int family)
{
	if (family_bits(family) == 0)
		return 0;
	switch (type) {
	case ER_PEERING_PRIVATE:
		/* a gateway advertises up to 1000 IPv4 / 100 IPv6 VNet
		 * prefixes per connection (includes/expressroute-limits.md) */
		return family == AF_INET6 ? 100 : 1000;
	case ER_PEERING_MICROSOFT:
		/*
		 * Microsoft publishes no number here: what arrives is the set
		 * of service and regional prefixes selected by the route
		 * filter attached on the Azure side (nothing at all without
		 * one). 2000 IPv4 / 500 IPv6 covers a filter with several
		 * regions and services while still catching a filter that
		 * lets everything through; the limit is warning-only by
		 * default and configurable (prefix-limit-in).
		 */
		return family == AF_INET6 ? 500 : 2000;
	case ER_PEERING_MAX:
		break;
	}
	return 0;
}

/*
 * includes/expressroute-limits.md: virtual network links allowed per
 * circuit (Global Reach connections count against them).
 */
#define ER_VNET_CONNECTIONS_STANDARD 10

static const struct {
	uint32_t mbps, connections;
} premium_vnet_connections[] = {
	{50, 20},   {100, 25},	{200, 25},  {500, 40},
	{1000, 50}, {2000, 60}, {5000, 75}, {10000, 100},
};

uint32_t er_vnet_connections_max(enum er_sku sku, uint32_t bandwidth)
{
	size_t i, n = ER_COUNT(premium_vnet_connections);

	switch (sku) {
	case ER_SKU_LOCAL:
	case ER_SKU_STANDARD:
		return ER_VNET_CONNECTIONS_STANDARD;
	case ER_SKU_PREMIUM:
		if (bandwidth == 0)
			return premium_vnet_connections[n - 1].connections;
		for (i = 0; i < n; i++)
			if (bandwidth <= premium_vnet_connections[i].mbps)
				return premium_vnet_connections[i].connections;
		/* 40 Gbps and more (Direct): as 10 Gbps */
		return premium_vnet_connections[n - 1].connections;
	case ER_SKU_MAX:
		break;
	}
	return 0;
}

uint32_t er_prefix_limit_in(enum er_peering_type type, int family,
			    enum er_sku sku, uint32_t bandwidth,
			    uint32_t global_reach)
{
	uint32_t connections, reach, per_vnet, per_reach;

	if (family_bits(family) == 0 || (unsigned int)sku >= ER_SKU_MAX)
		return 0;
	switch (type) {
	case ER_PEERING_PRIVATE:
		connections = er_vnet_connections_max(sku, bandwidth);
		if (!connections)
			return 0;
		reach = global_reach < connections ? global_reach : connections;
		per_vnet = er_prefix_limit_in_default(type, family);
		/* the other circuit's CE, at most a Premium circuit's limit */
		per_reach = er_prefix_limit_out(ER_SKU_PREMIUM,
						ER_PEERING_PRIVATE, family);
		return (connections - reach) * per_vnet + reach * per_reach;
	case ER_PEERING_MICROSOFT:
		return er_prefix_limit_in_default(type, family);
	case ER_PEERING_MAX:
		break;
	}
	return 0;
}

bool er_check_prefix_limit_out(enum er_sku sku, enum er_peering_type type,
			       int family, uint32_t limit, char *err,
			       size_t errlen)
{
	uint32_t max = er_prefix_limit_out(sku, type, family);

	if (!max)
		return fail(
			err, errlen,
			"invalid SKU, peering type or address family for an outbound prefix limit");
	if (limit == 0)
		return fail(
			err, errlen,
			"outbound %s prefix limit 0 is invalid: it must be 1 to %u",
			family_label(family), max);
	if (limit > max)
		return fail(
			err, errlen,
			"outbound %s prefix limit %u exceeds Microsoft's limit of %u for %s peering on a %s circuit: Microsoft drops the session above it",
			family_label(family), limit, max,
			er_peering_type2str(type), er_sku2str(sku));
	return pass(err, errlen);
}

/*
 * Timers
 */

bool er_check_timers(uint32_t keepalive, uint32_t hold, char *err,
		     size_t errlen)
{
	if (keepalive < ER_KEEPALIVE_MIN)
		return fail(
			err, errlen,
			"keepalive %u s is below Microsoft's minimum of %u s",
			keepalive, ER_KEEPALIVE_MIN);
	if (hold < ER_HOLD_MIN)
		return fail(
			err, errlen,
			"hold time %u s is below Microsoft's minimum of %u s",
			hold, ER_HOLD_MIN);
	if (keepalive > UINT16_MAX || hold > UINT16_MAX)
		return fail(err, errlen,
			    "timers %u/%u s exceed BGP's maximum of %u s",
			    keepalive, hold, UINT16_MAX);
	if (hold <= keepalive)
		return fail(
			err, errlen,
			"hold time %u s must be greater than the keepalive interval %u s",
			hold, keepalive);
	return pass(err, errlen);
}

/*
 * BFD
 */

enum er_result er_check_bfd_interval(uint32_t interval, char *msg,
				     size_t msglen)
{
	if (interval >= ER_MSEE_BFD_INTERVAL_MIN) {
		pass(msg, msglen);
		return ER_OK;
	}
	/* expressroute-bfd: "BFD Timer Negotiation" */
	fail(msg, msglen,
	     "BFD interval %u ms is below the MSEE's minimum of %u ms (%u ms on some circuits): the slower side's interval wins, so BFD runs at %u ms or slower and detects a failure no sooner",
	     interval, ER_MSEE_BFD_INTERVAL_MIN, ER_MSEE_BFD_INTERVAL_SLOW,
	     ER_MSEE_BFD_INTERVAL_MIN);
	return ER_WARN;
}

/*
 * Global Reach
 */

bool er_check_global_reach(const char *circuit, const char *peer_circuit,
			   const struct er_prefix *subnet, char *err,
			   size_t errlen)
{
	char ps[ER_PREFIX_STRLEN], ns[ER_PREFIX_STRLEN], q[ER_QUOTE_MAX];
	struct er_prefix net;
	unsigned int want;

	if (!peer_circuit || peer_circuit[0] == '\0')
		return fail(err, errlen,
			    "Global Reach needs the name of the peer circuit");
	if (circuit && strcmp(circuit, peer_circuit) == 0)
		return fail(
			err, errlen,
			"Global Reach peer circuit %s is this circuit: Global Reach connects two different circuits",
			quote(peer_circuit, q, sizeof(q)));
	if (!er_prefix_valid(subnet))
		return fail(
			err, errlen,
			"Global Reach subnet is not a valid IPv4 or IPv6 prefix");
	want = block_plen(subnet->family);
	er_prefix2str(subnet, ps, sizeof(ps));
	if (subnet->len != want)
		return fail(
			err, errlen,
			"Global Reach subnet %s is a /%u: Global Reach needs exactly a /%u",
			ps, (unsigned int)subnet->len, want);
	if (!er_prefix_is_aligned(subnet)) {
		er_prefix_network(subnet, &net);
		return fail(
			err, errlen,
			"Global Reach subnet %s has host bits set: use its network address %s",
			ps, er_prefix2str(&net, ns, sizeof(ns)));
	}
	return pass(err, errlen);
}

bool er_check_global_reach_sku(enum er_sku sku, const char *circuit,
			       const char *peer_circuit, char *err,
			       size_t errlen)
{
	char cq[ER_QUOTE_MAX], pq[ER_QUOTE_MAX];

	if ((unsigned int)sku >= ER_SKU_MAX)
		return fail(err, errlen, "invalid SKU %d", (int)sku);
	if (sku != ER_SKU_LOCAL)
		return pass(err, errlen);
	/* expressroute-faqs: Global Reach "isn't available on Local" */
	return fail(
		err, errlen,
		"circuit %s is a Local circuit: Global Reach (to %s) is not available on Local, it needs sku standard or premium",
		quote(circuit, cq, sizeof(cq)),
		quote(peer_circuit, pq, sizeof(pq)));
}

/* ASCII strings equal but for case. */
static bool equal_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a, cb = *b;

		if (ca >= 'A' && ca <= 'Z')
			ca = (char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (char)(cb - 'A' + 'a');
		if (ca != cb)
			return false;
	}
	return *a == *b;
}

bool er_check_global_reach_locations(const char *location,
				     const char *peer_circuit,
				     const char *peer_location, char *err,
				     size_t errlen)
{
	char pq[ER_QUOTE_MAX], lq[ER_QUOTE_MAX];

	if (!location || !peer_location ||
	    !equal_nocase(location, peer_location))
		return pass(err, errlen);
	/*
	 * expressroute-faqs: "Can I enable ExpressRoute Global Reach between
	 * two ExpressRoute circuits at the same peering location? No."
	 */
	return fail(
		err, errlen,
		"Global Reach to circuit %s: both circuits are at peering location %s, but Global Reach connects circuits at different peering locations",
		quote(peer_circuit, pq, sizeof(pq)),
		quote(location, lq, sizeof(lq)));
}
