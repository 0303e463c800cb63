// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Prometheus metrics without an HTTP server of the module's own: the
 * health of every circuit, peering and session is written, in Prometheus'
 * text format (er_prom.c), into the directory of prometheus-node-exporter's
 * textfile collector, which serves it with the host's other metrics.
 *
 * The file is written to a temporary name in the same directory and
 * renamed, so that the collector never reads half a file; it is rewritten
 * on every verdict change (er_verdict_change) and session state change
 * (peer_status_changed), coalesced into one write per pass of the event
 * loop, and every interval, and removed when the
 * exporter is switched off or bgpd stops, so that a silent router shows
 * as absent rather than as its last numbers.  A write that fails is
 * logged once per distinct error (and its recovery once), never fatal.
 *
 * Configured in config mode (`expressroute metrics textfile DIR [interval
 * N]`), not in the model: it is this host's plumbing, like `log file`,
 * not part of a circuit's desired state.
 */

#include <zebra.h>

#include <sys/stat.h>

#include "lib/command.h"
#include "lib/json.h"
#include "lib/log.h"
#include "lib/memory.h"
#include "lib/monotime.h"
#include "lib/vty.h"

#include "bgpd/bgpd.h"

#include "er_circuit.h"
#ifndef VTYSH_EXTRACT_PL
/* vtysh's extract.pl preprocesses this file without configure's flags */
#include "er_compat.h"
#endif
#include "er_health.h"
#include "er_metrics.h"
#include "er_nodes.h"
#include "er_prom.h"
#include "er_reconcile.h"

#ifndef VTYSH_EXTRACT_PL
#include "er_metrics_clippy.c"
#endif

DEFINE_MTYPE_STATIC(EXPRESSROUTE, ER_METRICS, "ExpressRoute metrics");

#define ER_STR "Azure ExpressRoute\n"
#define ER_METRICS_STR "Health as Prometheus metrics\n"
#define ER_TEXTFILE_STR                                                        \
	"Write them into prometheus-node-exporter's textfile collector directory\n"
#define ER_METRICS_INTERVAL_DEFAULT 30

static struct {
	char *dir; /* NULL: off */
	unsigned int interval;
	er_event *timer, *soon;
	/* the last write */
	int error; /* errno of the last failure, 0 after a success */
	uint64_t writes, failures;
	int64_t last_usec; /* how long the last write took */
	size_t last_bytes;
	time_t last_time;
} er_metrics;

static int er_metrics_config_write(struct vty *vty);

static struct cmd_node er_metrics_node = {
	.name = "expressroute metrics",
	.node = (enum node_type)ER_METRICS_NODE,
	.parent_node = CONFIG_NODE,
	.prompt = "",
	.config_write = er_metrics_config_write,
};

/* One peering's sessions as the formatter wants them. */
static void er_metrics_peering(const struct er_peering *peering,
			       struct er_prom_peering *out)
{
	struct er_verdict_result result;
	er_peering_reports reports;

	er_peering_evaluate(peering, &result, &reports);
	out->present = true;
	out->verdict = result.verdict;
	for (int af = 0; af < ER_AFI_COUNT; af++)
		for (int role = 0; role < ER_ROLE_MAX; role++) {
			const struct er_session_report *r = &reports[af][role];
			struct er_prom_session *s = &out->sessions[af][role];
			struct peer *peer;

			if (!r->configured)
				continue;
			s->configured = true;
			strlcpy(s->neighbor, r->neighbor, sizeof(s->neighbor));
			s->established = strcmp(r->state, "Established") == 0;
			s->bfd_enabled = peering->desired.bfd;
			s->bfd_up = r->bfd == ER_BFD_UP;
			s->prefixes_received = r->prefixes_received;
			s->prefixes_sent = r->prefixes_sent;
			s->limit_out = r->limit_out;
			s->flaps = r->flaps;
			s->updates_per_minute = r->updates_per_minute;
			s->uptime_sec = r->established_sec;
			s->availability = r->availability;
			s->availability_hour = r->availability_hour;
			s->availability_day = r->availability_day;
			peer = er_session_peer(peering, af, role);
			if (peer)
				s->updates = (uint64_t)peer->update_in
					     + peer->update_out;
		}
}

/* Every circuit, evaluated now (as `show expressroute` does). */
static struct er_prom_circuit *er_metrics_snapshot(unsigned int *count)
{
	struct er_prom_circuit *all;
	struct er_circuit *circuit;
	unsigned int n = 0;

	*count = er_circuits_count(&er_circuits);
	all = XCALLOC(MTYPE_ER_METRICS, MAX(*count, 1) * sizeof(*all));
	frr_each (er_circuits, &er_circuits, circuit) {
		struct er_prom_circuit *c = &all[n++];
		bool any = false;

		strlcpy(c->vrf, circuit->vrf, sizeof(c->vrf));
		strlcpy(c->name, circuit->name, sizeof(c->name));
		c->bandwidth_mbps = circuit->bandwidth;
		c->verdict = ER_VERDICT_OK;
		for (int type = 0; type < ER_PEERING_MAX; type++) {
			const struct er_peering *peering =
				circuit->peerings[type];

			if (!peering || !peering->desired.derived)
				continue;
			er_metrics_peering(peering, &c->peerings[type]);
			c->verdict = er_verdict_worst(
				c->verdict, c->peerings[type].verdict);
			any = true;
		}
		/* as er_circuit_evaluate(): no peering yet is incomplete */
		if (!any)
			c->verdict = ER_VERDICT_INCOMPLETE;
	}
	return all;
}

static void er_metrics_path(char *buf, size_t size, const char *prefix,
			    const char *suffix)
{
	snprintf(buf, size, "%s/%s%s%s", er_metrics.dir, prefix, ER_PROM_FILE,
		 suffix);
}

/* Write to a temporary file beside it and rename; errno on failure. */
static int er_metrics_write_file(const char **step)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	struct er_prom_circuit *circuits;
	unsigned int count;
	long pos;
	FILE *f;
	int fd, ret;

	er_metrics_path(path, sizeof(path), "", "");
	er_metrics_path(tmp, sizeof(tmp), ".", ".XXXXXX");
	*step = "create a temporary file in";
	fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	/* the collector runs as another user: the file is world-readable */
	if (fchmod(fd, 0644) < 0 || !(f = fdopen(fd, "w"))) {
		*step = "set up a temporary file in";
		ret = errno;
		close(fd);
		unlink(tmp);
		errno = ret;
		return -1;
	}
	circuits = er_metrics_snapshot(&count);
	*step = "write into";
	ret = er_prom_write(f, circuits, count, er_metrics.interval);
	XFREE(MTYPE_ER_METRICS, circuits);
	pos = ftell(f);
	er_metrics.last_bytes = pos > 0 ? (size_t)pos : 0;
	if (fclose(f) != 0)
		ret = -1;
	if (ret == 0) {
		*step = "rename the file in";
		ret = rename(tmp, path);
	}
	if (ret != 0) {
		int saved = errno;

		unlink(tmp);
		errno = saved;
	}
	return ret;
}

static void er_metrics_write(void)
{
	struct timeval start;
	const char *step = "";
	int error;

	if (!er_metrics.dir)
		return;
	monotime(&start);
	error = er_metrics_write_file(&step) == 0 ? 0 : errno;
	er_metrics.last_usec = monotime_since(&start, NULL);
	er_metrics.last_time = time(NULL);
	if (error) {
		er_metrics.failures++;
		/* once per error: a missing directory every 30 s is noise */
		if (error != er_metrics.error)
			zlog_warn("expressroute: metrics: cannot %s %s: %s (the directory must exist and be writable by bgpd's user); retrying every %u s",
				  step, er_metrics.dir, safe_strerror(error),
				  er_metrics.interval);
	} else {
		er_metrics.writes++;
		if (er_metrics.error)
			zlog_notice("expressroute: metrics: %s/%s written again",
				    er_metrics.dir, ER_PROM_FILE);
	}
	er_metrics.error = error;
}

static void er_metrics_timer(er_event *ev)
{
	er_metrics_write();
	er_event_add_timer_msec(bm->master, er_metrics_timer, NULL,
				er_metrics.interval * 1000, &er_metrics.timer);
}

static void er_metrics_soon_ev(er_event *ev)
{
	er_metrics_write();
}

/* Write once the event loop is through this pass (changes coalesce). */
static void er_metrics_soon(void)
{
	if (er_metrics.dir)
		er_event_add_event(bm->master, er_metrics_soon_ev, NULL, 0,
				   &er_metrics.soon);
}

int er_metrics_verdict_change(const struct er_peering *peering,
			      enum er_verdict old)
{
	er_metrics_soon();
	return 0;
}

/*
 * A session of a degraded peering can go down without a verdict change:
 * its series changes all the same.
 */
int er_metrics_peer_status_changed(struct peer *peer)
{
	if (!er_metrics.dir || !CHECK_FLAG(peer->flags, PEER_FLAG_CONFIG_NODE))
		return 0;
	if (er_session_find(peer->bgp->name ? peer->bgp->name : ER_VRF_DEFAULT,
			    ER_PEER_SU(peer)))
		er_metrics_soon();
	return 0;
}

static void er_metrics_disable(bool remove_file)
{
	char path[PATH_MAX];

	er_event_cancel(&er_metrics.timer);
	er_event_cancel(&er_metrics.soon);
	if (!er_metrics.dir)
		return;
	er_metrics_path(path, sizeof(path), "", "");
	if (!remove_file)
		zlog_notice("expressroute: metrics exporter stopped (%s left)",
			    path);
	else if (unlink(path) == 0)
		zlog_notice("expressroute: metrics exporter stopped (%s removed)",
			    path);
	else if (errno == ENOENT)
		zlog_notice("expressroute: metrics exporter stopped");
	else
		zlog_warn("expressroute: metrics exporter stopped, but %s cannot be removed: %s",
			  path, safe_strerror(errno));
	XFREE(MTYPE_ER_METRICS, er_metrics.dir);
}

void er_metrics_stop(void)
{
	er_metrics_disable(true);
}

DEFPY(er_metrics_textfile, er_metrics_textfile_cmd,
      "expressroute metrics textfile DIR$dir [interval (5-3600)$interval]",
      ER_STR ER_METRICS_STR ER_TEXTFILE_STR
      "The directory (Debian's node exporter: /var/lib/prometheus/node-exporter)\n"
      "How often the file is rewritten (also on every verdict or session change)\n"
      "Seconds (default 30)\n")
{
	unsigned int seconds = interval_str ? interval
					    : ER_METRICS_INTERVAL_DEFAULT;
	char path[PATH_MAX];
	bool same_dir;
	size_t len = strlen(dir);

	if (dir[0] != '/') {
		vty_out(vty, "%% %s is not an absolute path\n", dir);
		return CMD_WARNING_CONFIG_FAILED;
	}
	/* "/var/lib/x/" and "/var/lib/x" are one directory */
	while (len > 1 && dir[len - 1] == '/')
		len--;
	if (len + sizeof("/." ER_PROM_FILE ".XXXXXX") > sizeof(path)) {
		vty_out(vty, "%% The directory's name is too long\n");
		return CMD_WARNING_CONFIG_FAILED;
	}
	same_dir = er_metrics.dir && strlen(er_metrics.dir) == len
		   && strncmp(er_metrics.dir, dir, len) == 0;
	if (same_dir && er_metrics.interval == seconds)
		return CMD_SUCCESS;
	if (same_dir) {
		/* the file stays: the collector never misses it */
		er_metrics.interval = seconds;
		zlog_notice("expressroute: metrics: %s/%s now written every %u s",
			    er_metrics.dir, ER_PROM_FILE, seconds);
		er_event_cancel(&er_metrics.timer);
		er_event_add_event(bm->master, er_metrics_timer, NULL, 0,
				   &er_metrics.timer);
		return CMD_SUCCESS;
	}
	er_metrics_disable(true);
	er_metrics.dir = XSTRDUP(MTYPE_ER_METRICS, dir);
	er_metrics.dir[len] = '\0';
	er_metrics.interval = seconds;
	er_metrics.error = 0;
	er_metrics_path(path, sizeof(path), "", "");
	zlog_notice("expressroute: metrics exporter started: %s every %u s and on every verdict or session change",
		    path, seconds);
	/* accepted all the same: the directory may come with its package */
	if (access(er_metrics.dir, W_OK | X_OK) < 0)
		vty_out(vty,
			"%% Warning: %s: %s; the module will retry every %u s\n",
			er_metrics.dir, safe_strerror(errno), seconds);
	er_event_add_event(bm->master, er_metrics_timer, NULL, 0,
			   &er_metrics.timer);
	return CMD_SUCCESS;
}

DEFPY(no_er_metrics_textfile, no_er_metrics_textfile_cmd,
      "no expressroute metrics textfile [DIR [interval (5-3600)]]",
      NO_STR ER_STR ER_METRICS_STR ER_TEXTFILE_STR
      "The directory\n"
      "How often the file is rewritten\n"
      "Seconds\n")
{
	er_metrics_disable(true);
	return CMD_SUCCESS;
}

DEFPY(show_er_metrics, show_er_metrics_cmd,
      "show expressroute metrics [json$uj]",
      SHOW_STR ER_STR "The Prometheus metrics exporter\n" JSON_STR)
{
	json_object *json;
	char path[PATH_MAX] = "";

	if (er_metrics.dir)
		er_metrics_path(path, sizeof(path), "", "");
	if (!uj) {
		if (!er_metrics.dir) {
			vty_out(vty, "Metrics exporter: off\n");
			return CMD_SUCCESS;
		}
		vty_out(vty, "Metrics exporter: %s, every %u s\n", path,
			er_metrics.interval);
		vty_out(vty,
			"  writes %" PRIu64 ", failures %" PRIu64
			", last write %zu bytes in %" PRId64 " us\n",
			er_metrics.writes, er_metrics.failures,
			er_metrics.last_bytes, er_metrics.last_usec);
		if (er_metrics.error)
			vty_out(vty, "  last error: %s\n",
				safe_strerror(er_metrics.error));
		return CMD_SUCCESS;
	}
	json = json_object_new_object();
	json_object_boolean_add(json, "enabled", er_metrics.dir != NULL);
	if (er_metrics.dir) {
		json_object_string_add(json, "file", path);
		json_object_int_add(json, "intervalSec", er_metrics.interval);
		json_object_int_add(json, "writes", er_metrics.writes);
		json_object_int_add(json, "failures", er_metrics.failures);
		json_object_int_add(json, "lastWriteBytes",
				    er_metrics.last_bytes);
		json_object_int_add(json, "lastWriteUsec",
				    er_metrics.last_usec);
		json_object_int_add(json, "lastWriteTime",
				    er_metrics.last_time);
		if (er_metrics.error)
			json_object_string_add(json, "lastError",
					       safe_strerror(er_metrics.error));
	}
	return vty_json(vty, json);
}

static int er_metrics_config_write(struct vty *vty)
{
	if (!er_metrics.dir)
		return 0;
	vty_out(vty, "expressroute metrics textfile %s", er_metrics.dir);
	if (er_metrics.interval != ER_METRICS_INTERVAL_DEFAULT)
		vty_out(vty, " interval %u", er_metrics.interval);
	vty_out(vty, "\n");
	return 1;
}

void er_metrics_init(void)
{
	install_node(&er_metrics_node);
	install_element(CONFIG_NODE, &er_metrics_textfile_cmd);
	install_element(CONFIG_NODE, &no_er_metrics_textfile_cmd);
	install_element(VIEW_NODE, &show_er_metrics_cmd);
}
