// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for plugin/er_verdict.c.
 *
 * The input bytes, read from the front (zeros once exhausted), fill an
 * er_peering_view: peering type (valid or not), shutdown and missing-
 * instance flags, and for each of the four sessions its flags, BFD status
 * (valid or not), counters, limit, warning percentage, ifindex and the
 * neighbor, state and drift strings (NULL, empty, short or long, any bytes;
 * each an exact heap copy so that ASan sees a read past its end); then the
 * peering's redundancy and as-path-ignore flags, and per family the young
 * flag of each session, the prefix-set differences and overlap (NULL,
 * empty or a fixed text) and maximum-paths.
 *
 * Invariants (__builtin_trap() on violation):
 *  - nreasons <= ER_VERDICT_REASONS_MAX; verdict ok iff nreasons == 0;
 *  - every reason NUL-terminated, non-empty, without control characters;
 *    unused reason slots stay zero;
 *  - the verdict and the number of reasons equal those of an independent
 *    reading of the rules in er_verdict.h, the verdict being the
 *    er_verdict_worst() of the expected reasons' verdicts; when reasons
 *    overflow, the last slot says how many;
 *  - er_verdict_worst()/er_verdict_severity() form a total order;
 *  - an outbound-limit reason states the exact percentage;
 *  - the result depends neither on unconfigured sessions' fields nor on
 *    anything but the view (two calls agree), and the view is not written.
 *
 * Build (see tests/fuzz/run.sh):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -fno-sanitize-recover=all -Iplugin tests/fuzz/fuzz_verdict.c \
 *       plugin/er_verdict.c plugin/er_rules.c -o fuzz_verdict
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "er_verdict.h"

#define NSESSIONS (ER_VERDICT_AFI_COUNT * ER_ROLE_MAX)

struct reader {
	const uint8_t *data;
	size_t size, pos;
};

static uint8_t u8(struct reader *r)
{
	return r->pos < r->size ? r->data[r->pos++] : 0;
}

static uint32_t u32(struct reader *r)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = (v << 8) | u8(r);
	return v;
}

/* Counters: mostly small and equal-prone, sometimes anything. */
static uint32_t num(struct reader *r)
{
	static const uint32_t special[] = {
		0, 1, 2, 3, 99, 100, 101, 150, 200, 4000, 10000,
		42949672, 42949673, 0x7fffffffU, UINT32_MAX - 1, UINT32_MAX,
	};
	uint8_t sel = u8(r);

	if (sel < 96)
		return sel % 8;
	if (sel < 160)
		return special[sel % (sizeof(special) / sizeof(special[0]))];
	if (sel < 224)
		return u8(r);
	return u32(r);
}

/* NULL, "" or a string of 1..300 input bytes (any bytes but NUL). */
static char *string(struct reader *r)
{
	uint8_t sel = u8(r);
	size_t len, i;
	char *s;

	if (sel == 0xff)
		return NULL;
	len = sel < 0xf0 ? sel % 24 : 240 + (size_t)u8(r) / 4;
	s = malloc(len + 1);
	if (!s)
		abort();
	for (i = 0; i < len; i++) {
		uint8_t c = u8(r);

		s[i] = c ? (char)c : 'x';
	}
	s[len] = '\0';
	return s;
}

/* Strings of the view, owned by the harness. */
struct strings {
	char *s[NSESSIONS][3];
	char *copy[NSESSIONS][3];
};

static char *dup_str(const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		abort();
	return d;
}

static void build(struct reader *r, struct er_peering_view *v,
		  struct strings *st)
{
	static const int types[] = {ER_PEERING_PRIVATE, ER_PEERING_MICROSOFT,
				    ER_PEERING_MAX, -1};
	uint8_t b = u8(r);
	int i, k;

	memset(v, 0, sizeof(*v));
	v->type = (enum er_peering_type)types[b & 3];
	v->shutdown = (b & 0x30) == 0x30;
	v->instance_missing = (b & 0xc0) == 0xc0;
	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s =
			&v->sessions[i / ER_ROLE_MAX][i % ER_ROLE_MAX];
		uint8_t f = u8(r);
		uint8_t ifsel;

		s->configured = f & 0x01;
		s->established = f & 0x02;
		s->admin_down = f & 0x04;
		s->bfd_enabled = f & 0x08;
		s->bfd = (enum er_bfd_status)((f >> 4) & 7);
		if (f & 0x80)
			s->bfd = (enum er_bfd_status)(int)u32(r);
		s->prefixes_sent = num(r);
		s->prefixes_received = num(r);
		s->limit_out = num(r);
		s->warning_pct = u8(r);
		ifsel = u8(r);
		s->ifindex = ifsel < 0xf0 ? ifsel % 4 : (int)u32(r);
		for (k = 0; k < 3; k++) {
			st->s[i][k] = string(r);
			st->copy[i][k] = dup_str(st->s[i][k]);
		}
		s->neighbor = st->s[i][0];
		s->state = st->s[i][1];
		s->drift = st->s[i][2];
	}
	b = u8(r);
	v->active_standby = b & 0x01;
	v->as_path_ignored = (b & 0x06) == 0x06;
	for (i = 0; i < ER_VERDICT_AFI_COUNT; i++) {
		static const char *const texts[] = {
			NULL, "", "primary receives 1 prefix the secondary does not (10.0.0.0/8)", NULL};
		struct er_family_view *f = &v->families[i];
		uint8_t g = u8(r);

		v->sessions[i][0].young = g & 0x01;
		v->sessions[i][1].young = g & 0x02;
		f->sent_diff = texts[(g >> 2) & 3];
		f->received_diff = texts[(g >> 4) & 3];
		f->overlap = texts[(g >> 6) & 3];
		f->max_paths = u8(r) % 4;
	}
}

static void free_strings(struct strings *st)
{
	int i, k;

	for (i = 0; i < NSESSIONS; i++)
		for (k = 0; k < 3; k++) {
			free(st->s[i][k]);
			free(st->copy[i][k]);
		}
}

/*
 * An independent reading of the rules: how many reasons of each verdict.
 */
struct expect {
	unsigned int count[ER_VERDICT_MAX];
};

static bool up(const struct er_session_view *s)
{
	return s->configured && s->established;
}

static bool near_limit(const struct er_session_view *s)
{
	unsigned int pct = s->warning_pct;

	if (!s->limit_out)
		return false;
	if (pct == 0 || pct > 100)
		pct = 100;
	/* sent / limit >= pct / 100, in exact 64-bit arithmetic. */
	return (uint64_t)s->prefixes_sent * 100 >= (uint64_t)s->limit_out * pct;
}

static void expect_view(const struct er_peering_view *v, struct expect *e)
{
	bool any_conf = false, any_up = false;
	int afi, role;

	memset(e, 0, sizeof(*e));
	for (afi = 0; afi < ER_VERDICT_AFI_COUNT; afi++)
		for (role = 0; role < ER_ROLE_MAX; role++) {
			any_conf |= v->sessions[afi][role].configured;
			any_up |= up(&v->sessions[afi][role]);
		}
	if (v->instance_missing || v->shutdown || !any_conf) {
		e->count[ER_VERDICT_INCOMPLETE] = 1;
		return;
	}
	if (!any_up)
		e->count[ER_VERDICT_DOWN]++;
	if (v->as_path_ignored)
		e->count[ER_VERDICT_DEGRADED]++;
	for (afi = 0; afi < ER_VERDICT_AFI_COUNT; afi++) {
		const struct er_session_view *p = &v->sessions[afi][0];
		const struct er_session_view *s = &v->sessions[afi][1];
		const struct er_family_view *f = &v->families[afi];
		bool settled = !p->young && !s->young;

		if (!p->configured && !s->configured)
			continue;
		for (role = 0; role < ER_ROLE_MAX; role++) {
			const struct er_session_view *x =
				&v->sessions[afi][role];

			if (!x->configured) {
				e->count[ER_VERDICT_INCOMPLETE]++;
				continue;
			}
			if (!x->established)
				e->count[ER_VERDICT_DEGRADED]++;
			if (x->bfd_enabled && x->established && !x->young) {
				if (x->bfd == ER_BFD_DOWN ||
				    x->bfd == ER_BFD_ADMIN_DOWN)
					e->count[ER_VERDICT_DEGRADED]++;
				else if (x->bfd == ER_BFD_UNKNOWN)
					e->count[ER_VERDICT_INCOMPLETE]++;
			}
			if (near_limit(x))
				e->count[ER_VERDICT_DEGRADED]++;
			if (x->drift && x->drift[0])
				e->count[ER_VERDICT_DEGRADED]++;
		}
		/* Microsoft peering: a settled session, and nothing received */
		if (v->type == ER_PEERING_MICROSOFT &&
		    ((up(p) && !p->young) || (up(s) && !s->young)) &&
		    !(up(p) && (p->young || p->prefixes_received)) &&
		    !(up(s) && (s->young || s->prefixes_received)))
			e->count[ER_VERDICT_DEGRADED]++;
		if (!up(p) || !up(s))
			continue;
		if (settled && f->sent_diff && f->sent_diff[0])
			e->count[ER_VERDICT_DEGRADED]++;
		if (settled && f->received_diff && f->received_diff[0])
			e->count[ER_VERDICT_DEGRADED]++;
		if (p->ifindex != 0 && p->ifindex == s->ifindex)
			e->count[ER_VERDICT_DEGRADED]++;
		if (!v->active_standby && f->max_paths == 1)
			e->count[ER_VERDICT_DEGRADED]++;
		if (f->overlap && f->overlap[0])
			e->count[ER_VERDICT_DEGRADED]++;
	}
}

/* The severity functions form a total order in which invalid loses. */
static void check_order(void)
{
	int a, b;

	for (a = -2; a < ER_VERDICT_MAX + 2; a++) {
		int sa = er_verdict_severity((enum er_verdict)a);
		bool va = a >= 0 && a < ER_VERDICT_MAX;

		CHECK(va ? sa >= 0 && sa < ER_VERDICT_MAX : sa == -1,
		      "severity range");
		for (b = -2; b < ER_VERDICT_MAX + 2; b++) {
			int sb = er_verdict_severity((enum er_verdict)b);
			int w = (int)er_verdict_worst((enum er_verdict)a,
						      (enum er_verdict)b);
			int w2 = (int)er_verdict_worst((enum er_verdict)b,
						       (enum er_verdict)a);

			CHECK(w == a || w == b, "worst is one of the two");
			CHECK(er_verdict_severity((enum er_verdict)w) ==
				      (sa > sb ? sa : sb),
			      "worst is the most severe");
			CHECK(er_verdict_severity((enum er_verdict)w) ==
				      er_verdict_severity((enum er_verdict)w2),
			      "worst commutes");
			if (va && b != a && b >= 0 && b < ER_VERDICT_MAX)
				CHECK(sa != sb, "distinct severities");
		}
	}
	CHECK(er_verdict_severity(ER_VERDICT_OK) == 0, "ok is the least");
}

static void check_result(const struct er_peering_view *v,
			 const struct er_verdict_result *out)
{
	static const char zero[ER_MSG_SIZE];
	enum er_verdict want = ER_VERDICT_OK;
	unsigned int total = 0, i;
	struct expect e;
	int k;

	CHECK(out->nreasons <= ER_VERDICT_REASONS_MAX, "too many reasons");
	CHECK((int)out->verdict >= 0 && out->verdict < ER_VERDICT_MAX,
	      "verdict out of range");
	CHECK((out->verdict == ER_VERDICT_OK) == (out->nreasons == 0),
	      "ok iff no reason");
	for (i = 0; i < ER_VERDICT_REASONS_MAX; i++) {
		const char *line = out->reasons[i];
		const char *nul = memchr(line, '\0', ER_MSG_SIZE);
		const char *c;

		if (i >= out->nreasons) {
			CHECK(memcmp(line, zero, ER_MSG_SIZE) == 0,
			      "unused slot written");
			continue;
		}
		CHECK(nul != NULL, "reason not NUL-terminated");
		CHECK(nul != line, "empty reason");
		for (c = line; c < nul; c++)
			CHECK((unsigned char)*c >= 0x20 && *c != 0x7f,
			      "control character in a reason");
	}

	/* Against the independent reading of the rules. */
	expect_view(v, &e);
	for (k = 0; k < ER_VERDICT_MAX; k++) {
		total += e.count[k];
		if (e.count[k])
			want = er_verdict_worst(want, (enum er_verdict)k);
	}
	CHECK(out->verdict == want, "verdict differs from the rules");
	CHECK(out->nreasons == (total < ER_VERDICT_REASONS_MAX
					? total
					: ER_VERDICT_REASONS_MAX),
	      "number of reasons differs from the rules");
	if (e.count[ER_VERDICT_DOWN])
		CHECK(strcmp(out->reasons[0], "no session is Established") == 0,
		      "down reason first");
	if (total > ER_VERDICT_REASONS_MAX) {
		char last[ER_MSG_SIZE];

		snprintf(last, sizeof(last), "... and %u more",
			 total - ER_VERDICT_REASONS_MAX + 1);
		CHECK(strcmp(out->reasons[ER_VERDICT_REASONS_MAX - 1], last) == 0,
		      "overflow line");
	}

	/* An outbound-limit reason gives the exact percentage. */
	for (i = 0; i < out->nreasons; i++) {
		char afi[8], role[16];
		unsigned int sent, limit;
		unsigned long long used, exact;
		const struct er_session_view *s = NULL;
		int a, r;

		if (sscanf(out->reasons[i],
			   "%7s %15s advertises %u prefixes, %llu%% of the %u limit",
			   afi, role, &sent, &used, &limit) != 5)
			continue;
		for (a = 0; a < ER_VERDICT_AFI_COUNT; a++)
			for (r = 0; r < ER_ROLE_MAX; r++)
				if (!strcmp(afi, a ? "ipv6" : "ipv4") &&
				    !strcmp(role, er_role2str((enum er_role)r)))
					s = &v->sessions[a][r];
		CHECK(s != NULL, "limit reason names no session");
		CHECK(sent == s->prefixes_sent && limit == s->limit_out &&
			      limit != 0,
		      "limit reason counters");
		exact = ((unsigned long long)sent * 100 + limit / 2) / limit;
		if (sent < limit && exact > 99)
			exact = 99;
		CHECK(used == exact, "limit reason percentage");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool once;
	struct reader r = {data, size, 0};
	struct er_peering_view view, other;
	struct er_verdict_result *out, *out2;
	struct strings st;
	int i, k;

	if (!once) {
		check_order();
		once = true;
	}
	out = malloc(sizeof(*out));
	out2 = malloc(sizeof(*out2));
	if (!out || !out2)
		abort();

	memset(&st, 0, sizeof(st));
	build(&r, &view, &st);
	memset(out, 0xa5, sizeof(*out));
	er_peering_verdict(&view, out);
	check_result(&view, out);

	/* The view is read only. */
	for (i = 0; i < NSESSIONS; i++)
		for (k = 0; k < 3; k++)
			CHECK(!st.s[i][k] || !strcmp(st.s[i][k], st.copy[i][k]),
			      "view string written");

	/* Unconfigured sessions are ignored whatever they hold. */
	other = view;
	for (i = 0; i < NSESSIONS; i++) {
		struct er_session_view *s =
			&other.sessions[i / ER_ROLE_MAX][i % ER_ROLE_MAX];

		if (s->configured)
			continue;
		s->neighbor = s->neighbor ? NULL : "\x01unconfigured";
		s->state = "Idle";
		s->drift = "bfd";
		s->established = !s->established;
		s->young = !s->young;
		s->admin_down = !s->admin_down;
		s->bfd_enabled = !s->bfd_enabled;
		s->bfd = ER_BFD_UNKNOWN;
		s->prefixes_sent = ~s->prefixes_sent;
		s->prefixes_received = ~s->prefixes_received;
		s->limit_out = 1;
		s->warning_pct = 1;
		s->ifindex = 1;
	}
	memset(out2, 0x5a, sizeof(*out2));
	er_peering_verdict(&other, out2);
	CHECK(memcmp(out, out2, sizeof(*out)) == 0,
	      "unconfigured session changed the result");

	/* NULL view and NULL result. */
	er_peering_verdict(&view, NULL);
	er_peering_verdict(NULL, out2);
	CHECK(out2->verdict == ER_VERDICT_INCOMPLETE && out2->nreasons == 1,
	      "NULL view");
	check_result(&(struct er_peering_view){.instance_missing = true},
		     out2);

	free_strings(&st);
	free(out);
	free(out2);
	return 0;
}
