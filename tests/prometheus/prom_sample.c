// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's exposition for made-up circuits (plugin/er_prom.c alone):
 * every kind of sample the module writes, for `promtool check metrics`
 * (check-prometheus.sh) and the metrics benchmark.
 *
 *   prom_sample [CIRCUITS]            the exposition on stdout
 *   prom_sample --bench CIRCUITS DIR  time writing DIR/frr_expressroute.prom
 *                                     as the module does (temporary file,
 *                                     rename) against copying the same
 *                                     bytes, in one run
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "er_prom.h"

static struct er_prom_circuit *sample(unsigned int n)
{
	struct er_prom_circuit *all = calloc(n ? n : 1, sizeof(*all));

	for (unsigned int i = 0; i < n; i++) {
		struct er_prom_circuit *c = &all[i];

		/* names with what the format escapes, once */
		snprintf(c->name, sizeof(c->name),
			 i == 1 ? "odd\"name\\%u" : "circuit-%u", i);
		strcpy(c->vrf, i % 2 ? "blue" : "default");
		c->bandwidth_mbps = i % 3 ? 1000 : 0;
		c->verdict = i % ER_VERDICT_MAX;
		for (int t = 0; t < ER_PEERING_MAX; t++) {
			struct er_prom_peering *p = &c->peerings[t];

			p->present = t == 0 || i % 2;
			p->verdict = (i + t) % ER_VERDICT_MAX;
			for (int af = 0; af < 2; af++)
				for (int r = 0; r < ER_ROLE_MAX; r++) {
					struct er_prom_session *s =
						&p->sessions[af][r];

					s->configured = af == 0 || t == 0;
					snprintf(s->neighbor, sizeof(s->neighbor),
						 af ? "2001:db8:%x::%d"
						    : "10.%u.%u.%d",
						 i / 256, i % 256, 2 + 4 * r);
					s->established = (i + r) % 5 != 0;
					s->bfd_enabled = t == 0;
					s->bfd_up = s->established;
					s->prefixes_received = 100 + i;
					s->prefixes_sent = 3 + r;
					s->limit_out = t == 0 ? 4000 : 0;
					s->flaps = i % 7;
					s->updates = 12345 + i;
					s->updates_per_minute = i % 11;
					s->uptime_sec = 3600 * r + i;
					s->availability = 99.5;
					s->availability_hour = 100;
					s->availability_day = 98.25;
				}
		}
	}
	return all;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The module's way: a temporary file beside it, renamed. */
static long write_module(const char *dir, struct er_prom_circuit *c,
			 unsigned int n)
{
	char tmp[4096], path[4096];
	FILE *f;
	long size;

	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, ER_PROM_FILE);
	snprintf(path, sizeof(path), "%s/%s", dir, ER_PROM_FILE);
	f = fopen(tmp, "w");
	if (!f || er_prom_write(f, c, n, 30) != 0)
		exit(1);
	size = ftell(f);
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		exit(1);
	return size;
}

/* The baseline: the same bytes, already formatted, written the same way. */
static void write_copy(const char *dir, const char *buf, size_t size)
{
	char tmp[4096], path[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/.copy.tmp", dir);
	snprintf(path, sizeof(path), "%s/copy.prom.txt", dir);
	f = fopen(tmp, "w");
	if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0
	    || rename(tmp, path) != 0)
		exit(1);
}

static int bench(unsigned int n, const char *dir)
{
	struct er_prom_circuit *c = sample(n);
	double t, module = 1e9, copy = 1e9;
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	long bytes = 0;

	er_prom_write(mem, c, n, 30);
	fclose(mem);
	/* the best of 7 of each, interleaved */
	for (int round = 0; round < 7; round++) {
		t = now();
		bytes = write_module(dir, c, n);
		t = now() - t;
		module = t < module ? t : module;
		t = now();
		write_copy(dir, buf, size);
		t = now() - t;
		copy = t < copy ? t : copy;
	}
	printf("circuits %u, file %ld bytes\n", n, bytes);
	printf("formatter + write: %.3f ms; baseline (copying the same bytes): %.3f ms; ratio %.2f\n",
	       module * 1e3, copy * 1e3, module / copy);
	printf("against the shortest interval (5 s): %.5f\n", module / 5.0);
	free(buf);
	free(c);
	return 0;
}

int main(int argc, char **argv)
{
	struct er_prom_circuit *c;
	unsigned int n = 3;

	if (argc == 4 && strcmp(argv[1], "--bench") == 0)
		return bench(atoi(argv[2]), argv[3]);
	if (argc == 2)
		n = atoi(argv[1]);
	c = sample(n);
	if (er_prom_write(stdout, c, n, 30) != 0)
		return 1;
	free(c);
	return 0;
}
