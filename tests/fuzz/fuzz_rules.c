// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for plugin/er_rules.c.
 *
 * The input is used three ways:
 *  - whole, as one NUL-terminated string, given to every string-taking
 *    function of er_rules.h (prefix parser, keys, enum names, names);
 *  - split at its first '\n' into two strings, for the functions taking two
 *    prefixes or two names (overlap, link pair, Global Reach);
 *  - its last bytes, read backwards, as the numbers of the numeric checks
 *    (VLAN, timers, bandwidth, prefix limits, ASN) and as a raw er_prefix.
 *
 * Every string is a heap copy of exactly its length plus the NUL, so that
 * AddressSanitizer sees any read past its end. Invariants are checked with
 * __builtin_trap(): libFuzzer reports the input that breaks one.
 *
 * Build (see tests/fuzz/run.sh):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -fno-sanitize-recover=all -Iplugin \
 *       tests/fuzz/fuzz_rules.c plugin/er_rules.c -o fuzz_rules
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include <arpa/inet.h>
#include <sys/socket.h>

#include "er_rules.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The harness's own checking code needs no coverage feedback: keep the
 * fuzzer's attention (and time) on er_rules.c.
 */
#define NO_COV __attribute__((no_sanitize("coverage")))

/* Large enough for any message, truncated or not. */
#define BIG 1024

/*
 * Numbers from the tail of the input
 */

struct tail {
	const uint8_t *data;
	size_t left;
};

static uint8_t tail_u8(struct tail *t)
{
	if (!t->left)
		return 0;
	t->left--;
	return t->data[t->left];
}

static uint32_t tail_u32(struct tail *t)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = (v << 8) | tail_u8(t);
	return v;
}

/* A small signed value around an enum's range: -2 .. 2 + span. */
static int tail_enum(struct tail *t, int max)
{
	return (int)(tail_u8(t) % (unsigned int)(max + 5)) - 2;
}

/* Mostly "interesting" numbers, sometimes any 32-bit value. */
static uint32_t tail_num(struct tail *t)
{
	static const uint32_t special[] = {
		0,	   1,	  2,	 3,	 9,	 10,	 11,
		50,	   60,	  100,	 180,	 200,	 1000,	 4000,
		4094,	   4095,  8074,	 10000,	 10001,	 12076,	 23456,
		40000,	   64495, 64496, 64511,	 64512,	 65515,	 65520,
		65534,	   65535, 65536, 100000, 131071, 131072, 4199999999U,
		4200000000U, UINT32_MAX - 1, UINT32_MAX,
	};
	uint8_t sel = tail_u8(t);

	if (sel < 128)
		return special[sel % COUNT(special)];
	if (sel < 192)
		return sel - 128 + tail_u8(t);
	return tail_u32(t);
}

/*
 * Message invariants
 */

/* A heap copy of exactly len bytes plus a NUL. */
static char *dup_bytes(const void *src, size_t len)
{
	char *s = malloc(len + 1);

	if (!s)
		abort();
	memcpy(s, src, len);
	s[len] = '\0';
	return s;
}

/* Fill a buffer with a non-NUL pattern, so that a missing write shows. */
NO_COV static void poison(char *buf, size_t size)
{
	memset(buf, 'Z', size);
}

/*
 * After a check with result ok wrote into buf (size bytes, poisoned
 * before): on success the buffer is "", on failure it holds one
 * printable, non-empty line that fits in ER_MSG_SIZE.
 */
NO_COV static void check_msg(bool ok, const char *buf, size_t size)
{
	const char *nul = memchr(buf, '\0', size);
	const char *c;

	CHECK(nul != NULL, "message not NUL-terminated");
	if (ok) {
		CHECK(buf[0] == '\0', "check passed and wrote a message");
		return;
	}
	CHECK(buf[0] != '\0', "check failed without a message");
	CHECK((size_t)(nul - buf) < ER_MSG_SIZE, "message exceeds ER_MSG_SIZE");
	for (c = buf; c < nul; c++)
		CHECK(*c >= 0x20 && *c < 0x7f, "message not printable");
}

/*
 * The same check into a buffer of errlen bytes: the same verdict, and the
 * message is the full one truncated (snprintf semantics). Heap buffer of
 * exactly errlen bytes, so that ASan sees an overflow.
 */
NO_COV static void check_truncated(bool ok, const char *full, bool ok2,
			    const char *small, size_t errlen)
{
	size_t n;

	CHECK(ok == ok2, "verdict depends on the buffer size");
	if (!errlen)
		return;
	CHECK(memchr(small, '\0', errlen) != NULL, "truncated message unterminated");
	n = strlen(small);
	CHECK(n == (strlen(full) < errlen - 1 ? strlen(full) : errlen - 1),
	      "truncated message length");
	CHECK(memcmp(small, full, n) == 0, "truncated message differs");
}

/*
 * Run one bool check three ways: into a big poisoned buffer, into an
 * exact heap buffer of a fuzzed size, and with no buffer at all.
 * CALL is an expression using err and errlen.
 */
#define RUN_CHECK(t, result, CALL)                                             \
	do {                                                                   \
		char big_[BIG];                                                \
		char *err;                                                     \
		size_t errlen;                                                 \
		size_t sz_ = tail_u8(t) % 80;                                  \
		bool r1_, r2_, r3_;                                            \
		char *small_ = malloc(sz_ ? sz_ : 1);                          \
                                                                               \
		if (!small_)                                                   \
			abort();                                               \
		poison(big_, sizeof(big_));                                    \
		err = big_;                                                    \
		errlen = sizeof(big_);                                         \
		r1_ = (CALL);                                                  \
		check_msg(r1_, big_, sizeof(big_));                            \
		poison(small_, sz_ ? sz_ : 1);                                 \
		err = small_;                                                  \
		errlen = sz_;                                                  \
		r2_ = (CALL);                                                  \
		check_truncated(r1_, big_, r2_, small_, sz_);                  \
		if (!sz_)                                                      \
			CHECK(small_[0] == 'Z', "wrote into a 0-byte buffer"); \
		free(small_);                                                  \
		err = NULL;                                                    \
		errlen = sizeof(big_);                                         \
		r3_ = (CALL);                                                  \
		CHECK(r3_ == r1_, "verdict depends on err being NULL");       \
		(result) = r1_;                                                \
	} while (0)

/*
 * Enum names
 */

#define ENUM_ROUND_TRIP(name, type, lo, hi)                                    \
	do {                                                                   \
		type v_;                                                       \
		int i_;                                                        \
                                                                               \
		if (er_str2##name(s, &v_)) {                                   \
			CHECK((int)v_ >= (lo) && (int)v_ < (hi), "range");     \
			CHECK(strcmp(er_##name##2str(v_), s) == 0, "name");    \
		}                                                              \
		CHECK(er_str2##name(s, NULL) == er_str2##name(s, &v_),         \
		      "NULL out");                                             \
		CHECK(!er_str2##name(NULL, &v_), "NULL string");               \
		for (i_ = (lo) - 2; all && i_ < (hi) + 2; i_++) {              \
			const char *n_ = er_##name##2str((type)i_);            \
			bool valid_ = i_ >= (lo) && i_ < (hi);                 \
                                                                               \
			CHECK(n_ != NULL, "NULL name");                        \
			CHECK(valid_ == (strcmp(n_, "invalid") != 0),          \
			      "invalid name");                                 \
			if (valid_)                                            \
				CHECK(er_str2##name(n_, &v_) &&                \
					      (int)v_ == i_,                   \
				      "reverse");                              \
		}                                                              \
	} while (0)

/* all: also every value both ways (input-independent: once suffices). */
static void fuzz_enums(const char *s, struct tail *t, bool all)
{
	enum er_port_speed speed;
	int family, v;

	ENUM_ROUND_TRIP(sku, enum er_sku, 0, ER_SKU_MAX);
	ENUM_ROUND_TRIP(billing, enum er_billing, 0, ER_BILLING_MAX);
	ENUM_ROUND_TRIP(connectivity, enum er_connectivity, 0, ER_CONN_MAX);
	ENUM_ROUND_TRIP(peering_type, enum er_peering_type, 0, ER_PEERING_MAX);
	ENUM_ROUND_TRIP(redundancy, enum er_redundancy, 0, ER_REDUNDANCY_MAX);
	ENUM_ROUND_TRIP(role, enum er_role, 0, ER_ROLE_MAX);
	ENUM_ROUND_TRIP(verdict, enum er_verdict, 0, ER_VERDICT_MAX);
	ENUM_ROUND_TRIP(bfd_status, enum er_bfd_status, 0, ER_BFD_STATUS_MAX);
	/* port-speed: NONE (-1) prints "none", which is not a YANG name. */
	if (er_str2port_speed(s, &speed)) {
		CHECK(speed >= 0 && speed < ER_PORT_SPEED_MAX, "range");
		CHECK(strcmp(er_port_speed2str(speed), s) == 0, "name");
	}
	CHECK(er_str2port_speed(s, NULL) == er_str2port_speed(s, &speed),
	      "NULL out");
	CHECK(strcmp(er_port_speed2str(ER_PORT_SPEED_NONE), "none") == 0,
	      "port-speed none");
	CHECK(!er_str2port_speed("none", &speed), "none parsed");
	for (v = 0; all && v < ER_PORT_SPEED_MAX; v++)
		CHECK(er_str2port_speed(er_port_speed2str((enum er_port_speed)v),
					&speed) &&
			      (int)speed == v,
		      "port-speed reverse");
	CHECK(strcmp(er_port_speed2str((enum er_port_speed)-2), "invalid") == 0 &&
		      strcmp(er_port_speed2str(ER_PORT_SPEED_MAX), "invalid") == 0,
	      "port-speed invalid");

	if (er_str2family(s, &family)) {
		CHECK(family == AF_INET || family == AF_INET6, "family");
		CHECK(strcmp(er_family2str(family), s) == 0, "family name");
	}
	CHECK(!er_str2family(NULL, &family), "NULL family name");
	v = (int)tail_u32(t);
	if (v != AF_INET && v != AF_INET6)
		CHECK(strcmp(er_family2str(v), "invalid") == 0, "family");
	v = (int)tail_u32(t);
	CHECK(er_asn_class2str((enum er_asn_class)v) != NULL, "asn class");
	CHECK(er_sku2str((enum er_sku)v) != NULL, "sku name");
	CHECK(er_connectivity2str((enum er_connectivity)v) != NULL, "conn");
	CHECK(er_port_speed2str((enum er_port_speed)v) != NULL, "speed name");
}

/*
 * Prefixes
 */

NO_COV static unsigned int bits_of(int family)
{
	return family == AF_INET ? 32 : family == AF_INET6 ? 128 : 0;
}

/* Bit i (0 = most significant) of addr. */
NO_COV static int bit(const uint8_t *addr, unsigned int i)
{
	return (addr[i / 8] >> (7 - i % 8)) & 1;
}

/* Independent oracle: every bit after len is zero. */
NO_COV static bool aligned_oracle(const struct er_prefix *p)
{
	unsigned int i;

	for (i = p->len; i < bits_of(p->family); i++)
		if (bit(p->addr, i))
			return false;
	return true;
}

/* Independent oracle: the first n bits of a and b are equal. */
NO_COV static bool prefix_bits_equal(const uint8_t *a, const uint8_t *b,
			      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (bit(a, i) != bit(b, i))
			return false;
	return true;
}

NO_COV static bool overlaps_oracle(const struct er_prefix *a, const struct er_prefix *b)
{
	if (a->family != b->family)
		return false;
	return prefix_bits_equal(a->addr, b->addr,
				 a->len < b->len ? a->len : b->len);
}

/* A prefix from a text literal of the test itself. */
static struct er_prefix lit(const char *str)
{
	struct er_prefix p;

	CHECK(er_prefix_parse(str, &p), "test literal does not parse");
	return p;
}

/* Non-public space an independent reading of the rules must refuse. */
static const char *const not_public[] = {
	"0.0.0.0/8",	  "10.0.0.0/8",	    "100.64.0.0/10", "127.0.0.0/8",
	"169.254.0.0/16", "172.16.0.0/12",  "192.168.0.0/16", "224.0.0.0/4",
	"240.0.0.0/4",	  "fc00::/7",	    "fe80::/10",     "ff00::/8",
	"::/8",		  "100::/64",
};

/* Formatting into buffers of every small size: terminated, truncated. */
static void fuzz_format(const struct er_prefix *p, struct tail *t)
{
	char full[BIG], afull[BIG];
	size_t size = tail_u8(t) % (ER_PREFIX_STRLEN + 4);
	char *buf = malloc(size ? size : 1);
	const char *r;

	if (!buf)
		abort();
	er_prefix2str(p, full, sizeof(full));
	er_addr2str(p, afull, sizeof(afull));
	CHECK(strlen(full) < ER_PREFIX_STRLEN, "prefix string too long");
	CHECK(strlen(afull) < ER_PREFIX_STRLEN, "address string too long");
	if (er_prefix_valid(p)) {
		CHECK(strncmp(full, afull, strlen(afull)) == 0 &&
			      full[strlen(afull)] == '/',
		      "prefix is address/len");
	} else {
		CHECK(strcmp(full, "(invalid)") == 0, "invalid prefix");
		CHECK(strcmp(afull, "(invalid)") == 0, "invalid address");
	}

	poison(buf, size ? size : 1);
	r = er_prefix2str(p, buf, size);
	CHECK(r != NULL, "NULL result");
	if (size) {
		CHECK(r == buf, "result is the buffer");
		CHECK(memchr(buf, '\0', size) != NULL, "unterminated");
		CHECK(strncmp(buf, full, size - 1) == 0, "truncation");
	} else {
		CHECK(buf[0] == 'Z' && r[0] == '\0', "0-byte buffer");
	}
	poison(buf, size ? size : 1);
	r = er_addr2str(p, buf, size);
	CHECK(r != NULL, "NULL result");
	if (size) {
		CHECK(memchr(buf, '\0', size) != NULL, "unterminated");
		CHECK(strncmp(buf, afull, size - 1) == 0, "truncation");
	}
	free(buf);
	CHECK(er_prefix2str(p, NULL, 10)[0] == '\0', "NULL buffer");
}

/* The checks on one prefix, parsed or raw. */
static void fuzz_prefix(const struct er_prefix *p, struct tail *t)
{
	struct er_prefix net, ce, msee, first, second;
	bool valid = er_prefix_valid(p);
	unsigned int link, block;
	bool ok, want;
	size_t i;
	int type;

	CHECK(valid == (bits_of(p->family) && p->len <= bits_of(p->family)),
	      "valid");
	fuzz_format(p, t);

	/* Network, alignment, containment of itself. */
	ok = er_prefix_network(p, &net);
	CHECK(ok == valid, "network");
	CHECK(er_prefix_is_aligned(p) == (valid && aligned_oracle(p)),
	      "aligned");
	CHECK(er_prefix_equal(p, p) == valid, "equal to itself");
	CHECK(er_prefix_contains(p, p) == valid, "contains itself");
	CHECK(er_prefix_overlaps(p, p) == valid, "overlaps itself");
	if (valid) {
		CHECK(net.family == p->family && net.len == p->len,
		      "network keeps family and length");
		CHECK(er_prefix_is_aligned(&net), "network aligned");
		CHECK(er_prefix_contains(&net, p) && er_prefix_contains(p, &net),
		      "network contains prefix");
		CHECK(er_prefix_equal(&net, p) == er_prefix_is_aligned(p),
		      "network equal iff aligned");
		CHECK(prefix_bits_equal(net.addr, p->addr, p->len),
		      "network keeps the prefix bits");
	}
	CHECK(!er_prefix_network(p, NULL), "NULL out");
	CHECK(!er_prefix_valid(NULL) && !er_prefix_equal(p, NULL) &&
		      !er_prefix_contains(NULL, p) &&
		      !er_prefix_overlaps(p, NULL),
	      "NULL prefix");

	link = p->family == AF_INET6 ? ER_LINK_PLEN_V6 : ER_LINK_PLEN_V4;
	block = p->family == AF_INET6 ? ER_BLOCK_PLEN_V6 : ER_BLOCK_PLEN_V4;

	/* Link subnet and the addresses derived from it. */
	want = valid && p->len == link && aligned_oracle(p);
	RUN_CHECK(t, ok, er_check_link_subnet(p, err, errlen));
	CHECK(ok == want, "link subnet rule");
	memset(&ce, 0xa5, sizeof(ce));
	memset(&msee, 0xa5, sizeof(msee));
	RUN_CHECK(t, ok, er_link_addresses(p, &ce, &msee, err, errlen));
	CHECK(ok == want, "link addresses rule");
	if (ok) {
		unsigned int last = bits_of(p->family) / 8 - 1;

		CHECK(ce.family == p->family && msee.family == p->family,
		      "family");
		CHECK(ce.len == p->len && msee.len == p->len, "length");
		CHECK(er_prefix_contains(p, &ce) && er_prefix_contains(p, &msee),
		      "CE and MSEE inside the subnet");
		CHECK(!er_prefix_equal(&ce, &msee), "CE and MSEE differ");
		CHECK(memcmp(ce.addr, msee.addr, sizeof(ce.addr)) != 0,
		      "CE and MSEE addresses differ");
		CHECK(memcmp(ce.addr, p->addr, sizeof(ce.addr)) != 0 &&
			      memcmp(msee.addr, p->addr, sizeof(ce.addr)) != 0,
		      "neither is the network address");
		CHECK((ce.addr[last] & 3) == 1 && (msee.addr[last] & 3) == 2,
		      "CE is network+1, MSEE network+2");
		CHECK(memcmp(ce.addr, p->addr, last) == 0 &&
			      memcmp(msee.addr, p->addr, last) == 0,
		      "no carry out of the last byte");
		for (i = bits_of(p->family) / 8; i < sizeof(ce.addr); i++)
			CHECK(ce.addr[i] == 0 && msee.addr[i] == 0,
			      "unused bytes zero");
	}
	CHECK(er_link_addresses(p, NULL, NULL, NULL, 0) == want, "NULL out");

	/* Splitting a /29 (/125) block. */
	want = valid && p->len == block && aligned_oracle(p);
	RUN_CHECK(t, ok, er_split_subnet(p, &first, &second, err, errlen));
	CHECK(ok == want, "split rule");
	if (ok) {
		char msg[BIG];

		CHECK(er_check_link_subnet(&first, msg, sizeof(msg)) &&
			      er_check_link_subnet(&second, msg, sizeof(msg)),
		      "halves are link subnets");
		CHECK(er_check_link_pair(&first, &second, msg, sizeof(msg)),
		      "halves are a valid link pair");
		CHECK(er_prefix_contains(p, &first) &&
			      er_prefix_contains(p, &second),
		      "block contains its halves");
		CHECK(!er_prefix_overlaps(&first, &second), "halves disjoint");
		CHECK(memcmp(first.addr, p->addr, sizeof(first.addr)) == 0,
		      "primary is the first half");
		CHECK(er_check_link_pair(&first, &first, msg, sizeof(msg)) ==
			      false,
		      "a pair of one subnet");
		check_msg(false, msg, sizeof(msg));
	}

	/* Public space and advertised prefixes. */
	RUN_CHECK(t, ok, er_check_public_prefix(p, err, errlen));
	if (ok) {
		static struct er_prefix reserved[COUNT(not_public)];
		static bool parsed;

		if (!parsed) {
			for (i = 0; i < COUNT(not_public); i++)
				reserved[i] = lit(not_public[i]);
			parsed = true;
		}
		CHECK(valid && p->len > 0, "public prefix valid, not default");
		for (i = 0; i < COUNT(not_public); i++)
			CHECK(!overlaps_oracle(p, &reserved[i]),
			      "public in reserved space");
		if (p->family == AF_INET6)
			CHECK((p->addr[0] & 0xe0) == 0x20, "IPv6 public in 2000::/3");
	}
	for (type = -1; type <= ER_PEERING_MAX; type++) {
		bool public = ok, adv;

		RUN_CHECK(t, adv,
			  er_check_advertised_prefix((enum er_peering_type)type,
						     p, err, errlen));
		if (type == ER_PEERING_PRIVATE)
			want = valid && aligned_oracle(p);
		else if (type == ER_PEERING_MICROSOFT)
			want = valid && aligned_oracle(p) && public;
		else
			want = false;
		CHECK(adv == want, "advertised prefix rule");
	}
	type = tail_enum(t, ER_PEERING_MAX);
	RUN_CHECK(t, ok,
		  er_check_advertised_prefix((enum er_peering_type)type, p, err,
					     errlen));
}

/* Two prefixes: overlap is symmetric and matches the oracle. */
static void fuzz_pair(const struct er_prefix *a, const struct er_prefix *b,
		      const char *a_what, const char *b_what, struct tail *t)
{
	bool valid = er_prefix_valid(a) && er_prefix_valid(b);
	bool ov = er_prefix_overlaps(a, b), ok, want;
	unsigned int link;

	CHECK(ov == er_prefix_overlaps(b, a), "overlap symmetric");
	CHECK(ov == (valid && overlaps_oracle(a, b)), "overlap oracle");
	if (er_prefix_contains(a, b))
		CHECK(ov && a->len <= b->len, "containment implies overlap");
	if (er_prefix_equal(a, b))
		CHECK(er_prefix_contains(a, b) && er_prefix_contains(b, a),
		      "equal implies mutual containment");
	CHECK(er_prefix_equal(a, b) == er_prefix_equal(b, a), "equal symmetric");

	RUN_CHECK(t, ok, er_check_no_overlap(a, a_what, b, b_what, err, errlen));
	CHECK(ok == !ov, "no-overlap rule");
	RUN_CHECK(t, ok, er_check_no_overlap(a, NULL, b, NULL, err, errlen));
	CHECK(ok == !ov, "no-overlap rule, no names");

	link = a->family == AF_INET6 ? ER_LINK_PLEN_V6 : ER_LINK_PLEN_V4;
	want = valid && a->family == b->family && a->len == link &&
	       b->len == link && aligned_oracle(a) && aligned_oracle(b) && !ov;
	RUN_CHECK(t, ok, er_check_link_pair(a, b, err, errlen));
	CHECK(ok == want, "link pair rule");
}

/* Global Reach: names from the input, the subnet a parsed prefix. */
static void fuzz_global_reach(const char *circuit, const char *peer,
			      const struct er_prefix *subnet, struct tail *t)
{
	unsigned int block =
		subnet->family == AF_INET6 ? ER_BLOCK_PLEN_V6 : ER_BLOCK_PLEN_V4;
	bool want, ok;

	want = peer && peer[0] != '\0' && !(circuit && !strcmp(circuit, peer)) &&
	       er_prefix_valid(subnet) && subnet->len == block &&
	       aligned_oracle(subnet);
	RUN_CHECK(t, ok, er_check_global_reach(circuit, peer, subnet, err,
					       errlen));
	CHECK(ok == want, "Global Reach rule");
	RUN_CHECK(t, ok, er_check_global_reach(NULL, peer, subnet, err, errlen));
	RUN_CHECK(t, ok, er_check_global_reach(circuit, NULL, subnet, err,
					       errlen));
	CHECK(!ok, "Global Reach without a peer");
	RUN_CHECK(t, ok, er_check_global_reach(circuit, peer, NULL, err,
					       errlen));
	CHECK(!ok, "Global Reach without a subnet");

	/* Names from the input in the Local-SKU and location messages. */
	RUN_CHECK(t, ok, er_check_global_reach_sku(ER_SKU_LOCAL, circuit, peer,
						   err, errlen));
	CHECK(!ok, "Global Reach on a Local circuit");
	RUN_CHECK(t, ok, er_check_global_reach_sku(ER_SKU_PREMIUM, circuit,
						   peer, err, errlen));
	CHECK(ok, "Global Reach on a Premium circuit");
	RUN_CHECK(t, ok, er_check_global_reach_locations(circuit, peer, circuit,
							 err, errlen));
	CHECK(ok == !circuit, "Global Reach at one location");
	RUN_CHECK(t, ok, er_check_global_reach_locations(circuit, peer, peer,
							 err, errlen));
	RUN_CHECK(t, ok, er_check_direct_only(ER_CONN_COLOCATION, circuit, peer,
					      err, errlen));
	CHECK(!ok, "a port property without Direct");
	RUN_CHECK(t, ok, er_check_port_vlan_unique(peer, 100, circuit, 100,
						   peer, err, errlen));
	CHECK(!ok, "a VLAN ID twice on a port");
	RUN_CHECK(t, ok, er_check_port_consistent(peer, circuit,
						  ER_PORT_SPEED_10G,
						  ER_ENCAP_QINQ, peer,
						  ER_PORT_SPEED_400G,
						  ER_ENCAP_QINQ, err, errlen));
	CHECK(!ok, "two speeds on a port");
}

/* Two prefixes of fuzzed uses: a conflict exactly where the rule says. */
static void fuzz_conflict(const struct er_prefix *a, const struct er_prefix *b,
			  struct tail *t)
{
	struct er_prefix_item items[2] = {
		{.prefix = *a, .use = (enum er_prefix_use)tail_enum(t, ER_USE_MAX), .tag = 0},
		{.prefix = *b, .use = (enum er_prefix_use)tail_enum(t, ER_USE_MAX), .tag = 1},
	};
	bool want, got;
	size_t first = 9, second = 9;

	want = er_prefix_valid(a) && er_prefix_valid(b) &&
	       items[0].use >= 0 && items[0].use < ER_USE_MAX &&
	       items[1].use >= 0 && items[1].use < ER_USE_MAX &&
	       er_prefix_overlaps(a, b) &&
	       er_prefix_uses_conflict(items[0].use, items[1].use);
	got = er_find_prefix_conflict(items, 2, &first, &second);
	CHECK(got == want, "prefix conflict rule");
	if (got)
		CHECK(first == 0 && second == 1 &&
			      er_prefix_contains(&items[0].prefix,
						 &items[1].prefix),
		      "conflict order");
}

/* Parse s; if it parses, print it and parse the text again. */
static bool parse_round_trip(const char *s, struct er_prefix *p)
{
	char buf[ER_PREFIX_STRLEN], buf2[ER_PREFIX_STRLEN];
	struct er_prefix q;
	size_t i;

	memset(p, 0, sizeof(*p));
	if (!er_prefix_parse(s, p))
		return false;
	CHECK(er_prefix_valid(p), "parsed prefix valid");
	CHECK(strlen(s) < ER_PREFIX_STRLEN, "parsed text too long");
	CHECK(strchr(s, '/') != NULL, "parsed without a length");
	for (i = bits_of(p->family) / 8; i < sizeof(p->addr); i++)
		CHECK(p->addr[i] == 0, "unused bytes zero");
	er_prefix2str(p, buf, sizeof(buf));
	CHECK(strcmp(buf, "(invalid)") != 0, "printed as invalid");
	memset(&q, 0x5a, sizeof(q));
	CHECK(er_prefix_parse(buf, &q), "printed prefix does not reparse");
	CHECK(er_prefix_equal(p, &q), "reparsed prefix differs");
	CHECK(memcmp(p->addr, q.addr, sizeof(p->addr)) == 0, "address bytes");
	er_prefix2str(&q, buf2, sizeof(buf2));
	CHECK(strcmp(buf, buf2) == 0, "printing is not canonical");
	CHECK(!er_prefix_parse(s, NULL), "NULL out");
	return true;
}

/* A raw er_prefix from the tail: any family, length and address. */
static void raw_prefix(struct tail *t, struct er_prefix *p)
{
	static const int families[] = {AF_INET, AF_INET6, 0, AF_UNIX, -1};
	uint8_t sel = tail_u8(t);
	size_t i;

	memset(p, 0, sizeof(*p));
	p->family = sel < 250 ? families[sel % 2] : families[sel % COUNT(families)];
	p->len = tail_u8(t);
	if (sel & 0x80)
		p->len %= bits_of(p->family) + 1;
	for (i = 0; i < 16; i++)
		p->addr[i] = tail_u8(t);
	/* The struct's contract: unused bytes zero. */
	if (p->family == AF_INET)
		memset(p->addr + 4, 0, 12);
}

/*
 * Keys
 */

/* The key with every character replaced by another of the same class. */
NO_COV static void shift_key(char *key)
{
	for (; *key; key++) {
		char c = *key;

		if (c >= 'a' && c <= 'z')
			*key = c == 'z' ? 'a' : c + 1;
		else if (c >= 'A' && c <= 'Z')
			*key = c == 'Z' ? 'A' : c + 1;
		else if (c >= '0' && c <= '9')
			*key = c == '9' ? '0' : c + 1;
		else
			*key = c == '-' ? '_' : '-';
	}
}

NO_COV static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

NO_COV static bool hex(char c)
{
	return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
	       (c >= '0' && c <= '9');
}

static void fuzz_keys(const char *s, struct tail *t)
{
	char m1[BIG], m2[BIG];
	size_t len = strlen(s), i;
	bool ok, ok2, want;
	char *other;

	/* Shared key: 1..25 letters and digits, never echoed. */
	want = len >= 1 && len <= ER_SHARED_KEY_MAX;
	for (i = 0; want && i < len; i++)
		want = alnum(s[i]);
	RUN_CHECK(t, ok, er_check_shared_key(s, err, errlen));
	CHECK(ok == want, "shared key rule");
	/*
	 * The message must not depend on the key's characters, only on
	 * their classes: a key of the same shape gives the same message.
	 */
	other = dup_bytes(s, len);
	shift_key(other);
	ok = er_check_shared_key(s, m1, sizeof(m1));
	ok2 = er_check_shared_key(other, m2, sizeof(m2));
	CHECK(ok == ok2 && strcmp(m1, m2) == 0, "shared key echoed");
	free(other);
	RUN_CHECK(t, ok, er_check_shared_key(NULL, err, errlen));
	CHECK(!ok, "NULL shared key");

	/* Service key: a GUID. */
	want = len == 36;
	for (i = 0; want && i < len; i++)
		want = (i == 8 || i == 13 || i == 18 || i == 23) ? s[i] == '-'
								 : hex(s[i]);
	RUN_CHECK(t, ok, er_check_service_key(s, err, errlen));
	CHECK(ok == want, "service key rule");
	RUN_CHECK(t, ok, er_check_service_key(NULL, err, errlen));
	CHECK(!ok, "NULL service key");
}

/*
 * Numeric checks
 */

static void fuzz_numbers(struct tail *t)
{
	uint32_t a = tail_num(t), b = tail_num(t), c = tail_num(t);
	int sku = tail_enum(t, ER_SKU_MAX);
	int type = tail_enum(t, ER_PEERING_MAX);
	int conn = tail_enum(t, ER_CONN_MAX);
	int speed = tail_enum(t, ER_PORT_SPEED_MAX);
	int family = (tail_u8(t) & 1) ? AF_INET6 : AF_INET;
	bool ok, want, conn_ok, speed_ok;
	const uint32_t *list = NULL;
	enum er_asn_class cls;
	char msg[BIG];
	enum er_result res;
	uint32_t max;
	size_t n, i;

	if (tail_u8(t) == 0xff)
		family = (int)tail_u32(t);

	/* VLAN. */
	RUN_CHECK(t, ok, er_check_vlan(a, err, errlen));
	CHECK(ok == (a >= 1 && a <= 4094), "VLAN rule");
	RUN_CHECK(t, ok,
		  er_check_vlan_unique(a, (enum er_peering_type)type, b,
				       (enum er_peering_type)sku, err, errlen));
	CHECK(ok == (a != b), "VLAN unique rule");

	/* Timers. */
	RUN_CHECK(t, ok, er_check_timers(a, b, err, errlen));
	CHECK(ok == (a >= ER_KEEPALIVE_MIN && b >= ER_HOLD_MIN &&
		     a <= UINT16_MAX && b <= UINT16_MAX && b > a),
	      "timer rule");

	/* Port speed and bandwidth. */
	conn_ok = conn >= 0 && conn < ER_CONN_MAX;
	speed_ok = speed == ER_PORT_SPEED_NONE ||
		   (speed >= 0 && speed < ER_PORT_SPEED_MAX);
	RUN_CHECK(t, ok,
		  er_check_port_speed((enum er_connectivity)conn,
				      (enum er_port_speed)speed, err, errlen));
	CHECK(ok == (conn_ok && speed_ok &&
		     (conn == ER_CONN_DIRECT || speed == ER_PORT_SPEED_NONE)),
	      "port-speed rule");
	want = ok;
	n = er_bandwidths((enum er_connectivity)conn, (enum er_port_speed)speed,
			  &list);
	CHECK(conn_ok ? (n > 0 && list != NULL) : n == 0, "bandwidth list");
	CHECK(er_bandwidths((enum er_connectivity)conn,
			    (enum er_port_speed)speed, NULL) == n,
	      "NULL list");
	for (i = 1; i < n; i++)
		CHECK(list[i - 1] < list[i], "bandwidths ascending");
	RUN_CHECK(t, ok,
		  er_check_bandwidth((enum er_connectivity)conn,
				     (enum er_port_speed)speed, c, err, errlen));
	if (want) {
		bool listed = false;

		for (i = 0; i < n; i++)
			listed = listed || list[i] == c;
		CHECK(ok == listed, "bandwidth rule");
	} else {
		CHECK(!ok, "bandwidth with a bad port speed");
	}
	if (want && n) {
		/* Every listed bandwidth passes. */
		CHECK(er_check_bandwidth((enum er_connectivity)conn,
					 (enum er_port_speed)speed,
					 list[c % n], msg, sizeof(msg)),
		      "listed bandwidth refused");
		check_msg(true, msg, sizeof(msg));
	}

	/* Prefix limits. */
	max = er_prefix_limit_out((enum er_sku)sku, (enum er_peering_type)type,
				  family);
	CHECK((max != 0) == (sku >= 0 && sku < ER_SKU_MAX && type >= 0 &&
			     type < ER_PEERING_MAX &&
			     (family == AF_INET || family == AF_INET6)),
	      "prefix limit out defined");
	if (type == ER_PEERING_MICROSOFT && max)
		CHECK(max == 200, "Microsoft peering limit");
	RUN_CHECK(t, ok,
		  er_check_prefix_limit_out((enum er_sku)sku,
					    (enum er_peering_type)type, family,
					    c, err, errlen));
	CHECK(ok == (max != 0 && c >= 1 && c <= max), "prefix limit out rule");
	max = er_prefix_limit_in_default((enum er_peering_type)type, family);
	CHECK((max != 0) == (type >= 0 && type < ER_PEERING_MAX &&
			     (family == AF_INET || family == AF_INET6)),
	      "prefix limit in defined");
	max = er_prefix_limit_in((enum er_peering_type)type, family,
				 (enum er_sku)sku, b, c);
	CHECK((max != 0) == (type >= 0 && type < ER_PEERING_MAX &&
			     sku >= 0 && sku < ER_SKU_MAX &&
			     (family == AF_INET || family == AF_INET6)),
	      "circuit's prefix limit in defined");
	if (max && type == ER_PEERING_PRIVATE)
		CHECK(max >= (family == AF_INET6 ? 100u : 1000u) *
				     er_vnet_connections_max((enum er_sku)sku, b),
		      "inbound limit below the VNet prefixes");
	n = er_vnet_connections_max((enum er_sku)sku, b);
	CHECK((n != 0) == (sku >= 0 && sku < ER_SKU_MAX) && n <= 100,
	      "VNet connections");

	/* BFD: below the MSEE's 300 ms only warns. */
	poison(msg, sizeof(msg));
	res = er_check_bfd_interval(a, msg, sizeof(msg));
	CHECK(res == (a < ER_MSEE_BFD_INTERVAL_MIN ? ER_WARN : ER_OK),
	      "BFD interval rule");
	check_msg(res == ER_OK, msg, sizeof(msg));

	/* ASN. */
	cls = er_asn_classify(a);
	CHECK((int)cls >= 0 && cls < ER_ASN_CLASS_MAX, "ASN class");
	CHECK(strcmp(er_asn_class2str(cls), "invalid") != 0, "ASN class name");
	if (a == 0 || a == UINT32_MAX || (a >= 65515 && a <= 65520))
		CHECK(cls == ER_ASN_REFUSED, "refused ASN");
	for (i = 0; i < 2; i++) {
		char *small;
		size_t sz = tail_u8(t) % 80;
		enum er_result res2;
		int ty = i ? type : (int)(a & 1);

		poison(msg, sizeof(msg));
		res = er_check_asn(a, (enum er_peering_type)ty, msg, sizeof(msg));
		CHECK(res == ER_OK || res == ER_WARN || res == ER_ERROR, "result");
		check_msg(res == ER_OK, msg, sizeof(msg));
		if (ty < 0 || ty >= ER_PEERING_MAX || a == ER_MICROSOFT_ASN ||
		    cls == ER_ASN_REFUSED)
			CHECK(res == ER_ERROR, "ASN must be refused");
		else if (cls == ER_ASN_RESERVED)
			CHECK(res == (ty == ER_PEERING_MICROSOFT ? ER_ERROR
								 : ER_WARN),
			      "reserved ASN: refused on Microsoft peering");
		else if (cls == ER_ASN_MICROSOFT)
			CHECK(res == ER_WARN, "Microsoft's ASN must warn");
		else if (cls == ER_ASN_PRIVATE)
			CHECK(res == (ty == ER_PEERING_MICROSOFT ? ER_WARN : ER_OK),
			      "private ASN");
		else
			CHECK(res == ER_OK, "public ASN");
		small = malloc(sz ? sz : 1);
		if (!small)
			abort();
		poison(small, sz ? sz : 1);
		res2 = er_check_asn(a, (enum er_peering_type)ty, small, sz);
		check_truncated(res == ER_OK, msg, res2 == ER_OK, small, sz);
		CHECK(res2 == res, "ASN result depends on the buffer");
		free(small);
		CHECK(er_check_asn(a, (enum er_peering_type)ty, NULL, 0) == res,
		      "ASN result depends on the buffer");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool once;
	struct tail t = {data, size};
	struct er_prefix p, a, b, raw;
	const uint8_t *nl;
	char *whole, *first, *second;
	bool have_p, have_a, have_b;

	whole = dup_bytes(data, size);
	nl = memchr(data, '\n', size);
	first = dup_bytes(data, nl ? (size_t)(nl - data) : size);
	second = nl ? dup_bytes(nl + 1, size - (size_t)(nl - data) - 1) : NULL;

	/* The whole input as every kind of string. */
	fuzz_enums(whole, &t, !once);
	once = true;
	fuzz_keys(whole, &t);
	have_p = parse_round_trip(whole, &p);
	if (have_p)
		fuzz_prefix(&p, &t);

	/* Two lines: two prefixes, two names. */
	if (second) {
		fuzz_keys(first, &t);
		have_a = parse_round_trip(first, &a);
		have_b = parse_round_trip(second, &b);
		if (have_a)
			fuzz_prefix(&a, &t);
		if (have_b)
			fuzz_prefix(&b, &t);
		if (have_a && have_b) {
			fuzz_pair(&a, &b, first, second, &t);
			fuzz_conflict(&a, &b, &t);
		}
		fuzz_global_reach(first, second, have_b ? &b : have_a ? &a : &p,
				  &t);
	} else {
		fuzz_global_reach(have_p ? "this-circuit" : NULL, whole, &p, &t);
	}

	/* A raw struct from the tail, against parsed ones too. */
	raw_prefix(&t, &raw);
	fuzz_prefix(&raw, &t);
	fuzz_pair(&raw, have_p ? &p : &raw, "raw", whole, &t);
	/* Names as long as the caller likes: the message still fits. */
	fuzz_pair(&raw, &raw, whole, second ? second : whole, &t);
	fuzz_numbers(&t);

	free(whole);
	free(first);
	free(second);
	return 0;
}
